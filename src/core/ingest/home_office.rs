//! The Home Office's police recorded crime open data: long tables with one
//! row per offence code, area and quarter (`Financial Year · Financial Quarter ·
//! Force Name · [CSP Name] · Offence Description · Offence Group · Offence
//! Subgroup · Offence Code · Number of Offences`). Offences are rolled up by
//! group (a measure each, with its subgroups as breakdowns) and in all, per
//! area and quarter (or year, without a quarter column). At CSP level the CSP
//! is the area; otherwise the force. Counts come padded with spaces (" 66776 ")
//! and are read as numbers. The non-territorial "forces" (Action Fraud, CIFAS,
//! UK Finance, Financial Fraud Action UK) are kept apart, as other areas, so
//! no force or national figure includes them; British Transport Police is a
//! force, but of no territory, and said so.

use super::cell::{parse_number_text, ParsedText};
use super::policeuk::{force_area, tally::Tallies};
use super::records::{RowCounter, MAX_WANTED};
use super::workbook::{a1, Sheet};
use crate::core::areas::{self, AreaLevel};
use crate::core::dataset::{Observation, TableShape, TableSummary};
use crate::core::format;
use crate::core::geography::Kind;
use crate::core::period::Period;
use std::collections::{BTreeSet, HashMap};

/// The measure of all offences in a table, whatever their group.
pub const ALL_OFFENCES: &str = "All recorded offences (Home Office)";

#[derive(Clone, Copy, Debug)]
pub struct Columns {
    year: usize,
    quarter: Option<usize>,
    force: Option<usize>,
    csp: Option<usize>,
    group: usize,
    subgroup: Option<usize>,
    count: usize,
}

fn find(header: &[String], names: &[&str]) -> Option<usize> {
    header.iter().position(|h| {
        let h = h.to_lowercase().replace([' ', '_'], "");
        names.contains(&h.as_str())
    })
}

/// The columns of a Home Office offences table, if the header is one.
pub fn recognise(header: &[String]) -> Option<Columns> {
    let columns = Columns {
        year: find(header, &["financialyear"])?,
        quarter: find(header, &["financialquarter"]),
        force: find(header, &["forcename", "pfaname", "policeforcearea"]),
        csp: find(header, &["cspname", "communitysafetypartnership"]),
        group: find(header, &["offencegroup"])?,
        subgroup: find(header, &["offencesubgroup"]),
        count: find(header, &["numberofoffences"])?,
    };
    (columns.force.is_some() || columns.csp.is_some()).then_some(columns)
}

pub struct OffenceCounter {
    columns: Columns,
    tallies: Tallies,
    all: u32,
    measures: HashMap<String, u32>,
    categories: HashMap<String, u32>,
    areas: HashMap<String, u32>,
    periods: HashMap<(String, String), Option<u32>>,
    non_territorial: BTreeSet<String>,
    transport_police: bool,
    unreadable: usize,
    pub rows: usize,
}

impl OffenceCounter {
    pub fn new(columns: Columns) -> OffenceCounter {
        let mut tallies = Tallies::new();
        let all = tallies.measure(ALL_OFFENCES);
        OffenceCounter {
            columns,
            tallies,
            all,
            measures: HashMap::new(),
            categories: HashMap::new(),
            areas: HashMap::new(),
            periods: HashMap::new(),
            non_territorial: BTreeSet::new(),
            transport_police: false,
            unreadable: 0,
            rows: 0,
        }
    }

    fn period(&mut self, year: &str, quarter: &str) -> Option<u32> {
        let key = (year.to_string(), quarter.to_string());
        if let Some(&id) = self.periods.get(&key) {
            return id;
        }
        let start_year = Period::parse(year).map(|p| p.start().year);
        let period = match (start_year, quarter.trim()) {
            (Some(y), "") => Some(Period::financial_year(y)),
            (Some(y), q) => q
                .trim_start_matches(['Q', 'q'])
                .parse::<u8>()
                .ok()
                .and_then(|q| Period::financial_quarter(y, q)),
            (None, _) => None,
        };
        let id = period.map(|p| self.tallies.period(p));
        self.periods.insert(key, id);
        id
    }

    fn area(&mut self, force: &str, csp: &str) -> u32 {
        let key = format!("{force}\u{1}{csp}");
        if let Some(&id) = self.areas.get(&key) {
            return id;
        }
        let (name, level) = if !csp.trim().is_empty() {
            // A name a district shares ("Dorset", "North Devon") is the partnership here.
            let (name, level) = areas::normalise_as(csp, Some(Kind::Csp));
            // A CSP is a local area, whether or not the workbench knows its name.
            (
                name,
                if level == AreaLevel::Other {
                    AreaLevel::District
                } else {
                    level
                },
            )
        } else {
            let (name, level) = force_area(force);
            if level != AreaLevel::Force {
                self.non_territorial.insert(name.clone());
            } else if name == "British Transport Police" {
                self.transport_police = true;
            }
            (name, level)
        };
        let id = self.tallies.area(&name, level);
        self.areas.insert(key, id);
        id
    }

    fn measure(&mut self, group: &str) -> u32 {
        if let Some(&id) = self.measures.get(group) {
            return id;
        }
        let id = self.tallies.measure(group);
        self.measures.insert(group.to_string(), id);
        id
    }

    fn category(&mut self, subgroup: &str) -> u32 {
        if let Some(&id) = self.categories.get(subgroup) {
            return id;
        }
        let id = self.tallies.category(Some(subgroup));
        self.categories.insert(subgroup.to_string(), id);
        id
    }

    fn notes(&self) -> Vec<String> {
        let mut notes = vec![format!(
            "Offences rolled up from offence codes: each offence group is a measure, its subgroups its breakdown, and “{ALL_OFFENCES}” all groups together."
        )];
        if !self.non_territorial.is_empty() {
            let names: Vec<&str> = self.non_territorial.iter().map(String::as_str).collect();
            notes.push(format!(
                "{} record offences for no territory: kept apart as other areas, in no force or national figure.",
                names.join(", ")
            ));
        }
        if self.transport_police {
            notes.push(
                "British Transport Police is a force with no territory of its own: its offences are in no district's or other force's figures."
                    .to_string(),
            );
        }
        if self.unreadable > 0 {
            notes.push(format!(
                "{} rows had no readable number of offences or period and were not counted.",
                format::count(self.unreadable as f64)
            ));
        }
        notes
    }

    /// The sums as observations, and the table's summary.
    pub fn finish(
        self,
        file: &str,
        sheet: &str,
        range: String,
        header: &[String],
    ) -> (Vec<Observation>, TableSummary) {
        let notes = self.notes();
        let rows = self.rows;
        let mut observations = self.tallies.observations(file);
        for o in &mut observations {
            o.source.sheet = sheet.to_string();
            o.source.cell = o.source.cell.replace("counted for", "summed for");
        }
        let mut measures: Vec<String> = observations.iter().map(|o| o.measure.clone()).collect();
        measures.sort();
        measures.dedup();
        let summary = TableSummary {
            file: file.to_string(),
            sheet: sheet.to_string(),
            range,
            shape: TableShape::Records,
            header: header.to_vec(),
            body_rows: rows,
            observations: observations.len(),
            measures,
            mapping: None,
            reading: Default::default(),
            notes,
        };
        (observations, summary)
    }
}

impl RowCounter for OffenceCounter {
    fn wanted(&self) -> [Option<usize>; MAX_WANTED] {
        let c = self.columns;
        [
            Some(c.year),
            c.quarter,
            c.force,
            c.csp,
            Some(c.group),
            c.subgroup,
            Some(c.count),
            None,
            None,
            None,
        ]
    }

    fn add_fields(&mut self, row: usize, fields: &[&str; MAX_WANTED]) {
        self.rows += 1;
        let value = match parse_number_text(fields[6]) {
            ParsedText::Number { value, .. } => value,
            _ => {
                self.unreadable += 1;
                return;
            }
        };
        let Some(period) = self.period(fields[0], fields[1]) else {
            self.unreadable += 1;
            return;
        };
        let area = self.area(fields[2], fields[3]);
        let group = fields[4].trim();
        let at = (0, row);
        let count = self.columns.count;
        self.tallies
            .add([self.all, 0, area, period], value, at, count);
        if group.is_empty() {
            return;
        }
        let measure = self.measure(group);
        self.tallies
            .add([measure, 0, area, period], value, at, count);
        let subgroup = fields[5].trim();
        if !subgroup.is_empty() {
            let category = self.category(subgroup);
            self.tallies
                .add([measure, category, area, period], value, at, count);
        }
    }
}

/// Sums a sheet already read as a grid.
pub fn aggregate(
    file: &str,
    sheet: &Sheet,
    header_row: usize,
    columns: Columns,
    header: &[String],
) -> (Vec<Observation>, TableSummary) {
    let grid = &sheet.grid;
    let mut counter = OffenceCounter::new(columns);
    let wanted = counter.wanted();
    for row in header_row + 1..grid.rows.len() {
        if grid.rows[row].iter().all(|c| c.is_empty()) {
            continue;
        }
        let texts: Vec<String> = wanted
            .iter()
            .map(|w| w.map(|c| grid.cell(row, c).text()).unwrap_or_default())
            .collect();
        let mut fields: [&str; MAX_WANTED] = [""; MAX_WANTED];
        for (slot, text) in fields.iter_mut().zip(&texts) {
            *slot = text;
        }
        counter.add_fields(grid.origin.0 as usize + row, &fields);
    }
    let width = header.len().max(1);
    let range = format!(
        "{}:{}",
        grid.a1(header_row, 0),
        grid.a1(grid.rows.len().saturating_sub(1).max(header_row), width - 1)
    );
    counter.finish(file, &sheet.name, range, header)
}

/// The range of a streamed table, for its summary.
pub fn streamed_range(last_row: usize, width: usize) -> String {
    format!("A1:{}", a1(last_row, width.max(1) - 1))
}
