//! Record-level files, where each row is one crime, incident or casualty:
//! counts are derived by category and period, and each count remembers which
//! rows of which column it counted.

use super::cell::Cell;
use super::workbook::{a1, Grid, Sheet};
use crate::core::areas::{self, AreaLevel};
use crate::core::dataset::{Observation, Provenance, TableShape, TableSummary, Unit, Value};
use crate::core::period::Period;
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordKind {
    /// data.police.uk street-level crime: one row per crime or ASB incident.
    StreetCrime,
    /// DfT STATS19 casualties: one row per casualty, severity coded 1–3.
    Stats19Casualties,
}

impl RecordKind {
    pub fn describe(self) -> &'static str {
        match self {
            RecordKind::StreetCrime => "street-level crime records (one row per crime or incident)",
            RecordKind::Stats19Casualties => "STATS19 casualty records (one row per casualty)",
        }
    }
}

/// Where this kind of file keeps what it is counted by.
struct Columns {
    period: usize,
    category: usize,
    area: Option<usize>,
    age: Option<Age>,
}

#[derive(Clone, Copy)]
enum Age {
    /// Age in years; −1 means not known.
    Years(usize),
    /// DfT age band: 1 = 0–5, 2 = 6–10, 3 = 11–15, 4 and over = 16 and older.
    Band(usize),
}

fn find(header: &[String], names: &[&str]) -> Option<usize> {
    header.iter().position(|h| {
        let h = h.to_lowercase().replace([' ', '_'], "");
        names.iter().any(|n| h == *n)
    })
}

pub fn recognise(header: &[String]) -> Option<RecordKind> {
    let has = |names: &[&str]| find(header, names).is_some();
    if has(&["crimetype"]) && has(&["month"]) {
        return Some(RecordKind::StreetCrime);
    }
    if has(&["casualtyseverity"]) && has(&["year", "accidentyear", "accidentdate", "date"]) {
        return Some(RecordKind::Stats19Casualties);
    }
    None
}

fn columns(kind: RecordKind, header: &[String]) -> Option<Columns> {
    Some(match kind {
        RecordKind::StreetCrime => Columns {
            period: find(header, &["month"])?,
            category: find(header, &["crimetype"])?,
            area: find(header, &["fallswithin", "reportedby"]),
            age: None,
        },
        RecordKind::Stats19Casualties => Columns {
            period: find(header, &["year", "accidentyear", "accidentdate", "date"])?,
            category: find(header, &["casualtyseverity"])?,
            area: find(
                header,
                &["localauthoritydistrict", "localauthority", "policeforce"],
            ),
            age: find(header, &["ageofcasualty"])
                .map(Age::Years)
                .or_else(|| find(header, &["agebandofcasualty"]).map(Age::Band)),
        },
    })
}

/// A count and the rows it came from, for provenance.
#[derive(Default)]
struct Tally {
    count: u64,
    first_row: usize,
    last_row: usize,
}

/// Where counted figures say they came from: the column and the rows counted.
const NOT_STATED: &str = "Area not stated";

pub fn aggregate(
    file: &str,
    sheet: &Sheet,
    header_row: usize,
    kind: RecordKind,
    header: &[String],
) -> Option<(Vec<Observation>, TableSummary)> {
    let grid = &sheet.grid;
    let cols = columns(kind, header)?;
    let mut tallies: BTreeMap<(String, String, Period), Tally> = BTreeMap::new();
    let mut body_rows = 0;
    let mut unreadable = 0;
    for row in header_row + 1..grid.rows.len() {
        if grid.rows[row].iter().all(Cell::is_empty) {
            continue;
        }
        body_rows += 1;
        let Some(period) = period_of(grid.cell(row, cols.period), kind) else {
            unreadable += 1;
            continue;
        };
        let area = cols
            .area
            .map(|c| grid.cell(row, c).text().trim().to_string())
            .filter(|a| !a.is_empty())
            .unwrap_or_else(|| NOT_STATED.to_string());
        for measure in measures_of(grid, row, &cols, kind) {
            let tally = tallies
                .entry((measure, area.clone(), period))
                .or_insert(Tally {
                    count: 0,
                    first_row: row,
                    last_row: row,
                });
            tally.count += 1;
            tally.last_row = row;
        }
    }
    let _ = unreadable;
    let category_letter = a1(0, cols.category).trim_end_matches('1').to_string();
    let observations: Vec<Observation> = tallies
        .into_iter()
        .map(|((measure, area, period), tally)| {
            let (area, area_level) = if area == NOT_STATED {
                (area, AreaLevel::Other)
            } else {
                areas::normalise(&area)
            };
            Observation {
                source: Provenance {
                    file: file.to_string(),
                    sheet: sheet.name.clone(),
                    cell: format!(
                        "rows {}–{} of column {category_letter}, counted for {} in {}",
                        grid.origin.0 as usize + tally.first_row + 1,
                        grid.origin.0 as usize + tally.last_row + 1,
                        measure,
                        period.label()
                    ),
                },
                measure,
                category: None,
                area,
                area_level,
                period,
                value: Value::Number(tally.count as f64),
                unit: Unit::Count,
            }
        })
        .collect();
    let mut measures: Vec<String> = observations.iter().map(|o| o.measure.clone()).collect();
    measures.sort();
    measures.dedup();
    let width = header.len().max(1);
    let summary = TableSummary {
        file: file.to_string(),
        sheet: sheet.name.clone(),
        range: format!(
            "{}:{}",
            grid.a1(header_row, 0),
            grid.a1(grid.rows.len().saturating_sub(1).max(header_row), width - 1)
        ),
        shape: TableShape::Records,
        header: header.to_vec(),
        body_rows,
        observations: observations.len(),
        measures,
        mapping: None,
    };
    Some((observations, summary))
}

fn period_of(cell: &Cell, kind: RecordKind) -> Option<Period> {
    match (kind, cell) {
        (RecordKind::Stats19Casualties, Cell::Number(y)) if (1900.0..=2200.0).contains(y) => {
            Some(Period::calendar_year(*y as i32))
        }
        (RecordKind::Stats19Casualties, Cell::Date(d)) => Some(Period::calendar_year(d.year)),
        (RecordKind::Stats19Casualties, Cell::Text(t)) => {
            let t = t.trim();
            if let Ok(y) = t.parse::<i32>() {
                return (1900..=2200).contains(&y).then(|| Period::calendar_year(y));
            }
            // A full date ("14/01/2015"): count it in its calendar year.
            Period::parse(t).map(|p| Period::calendar_year(p.start().year))
        }
        (RecordKind::StreetCrime, Cell::Date(d)) => Some(Period::month(d.year, d.month)),
        (RecordKind::StreetCrime, Cell::Text(t)) => Period::parse(t).filter(|p| p.months() == 1),
        _ => None,
    }
}

/// The measures one record counts towards.
fn measures_of(grid: &Grid, row: usize, cols: &Columns, kind: RecordKind) -> Vec<String> {
    let category = grid.cell(row, cols.category).text().trim().to_string();
    match kind {
        RecordKind::StreetCrime => {
            if category.is_empty() {
                return Vec::new();
            }
            let mut measures = vec![category.clone()];
            if !category.eq_ignore_ascii_case("anti-social behaviour") {
                measures.push("All crime (excluding anti-social behaviour)".to_string());
            }
            measures
        }
        RecordKind::Stats19Casualties => {
            let severity = match category.as_str() {
                "1" => "Fatal",
                "2" => "Serious",
                "3" => "Slight",
                _ => return vec!["Road casualties".to_string()],
            };
            let ksi = severity != "Slight";
            let child = cols
                .age
                .and_then(|age| is_child(grid.cell(row, age_column(age)), age));
            let mut measures = vec![
                "Road casualties".to_string(),
                format!("{severity} casualties"),
            ];
            if ksi {
                measures.push("KSI casualties".to_string());
            }
            if child == Some(true) {
                measures.push("Child casualties".to_string());
                measures.push(if ksi {
                    "Child KSI casualties".to_string()
                } else {
                    "Child slight casualties".to_string()
                });
            }
            measures
        }
    }
}

fn age_column(age: Age) -> usize {
    match age {
        Age::Years(c) | Age::Band(c) => c,
    }
}

/// Child means aged 0–15; `None` when the age is not known.
fn is_child(cell: &Cell, age: Age) -> Option<bool> {
    let value: f64 = match cell {
        Cell::Number(n) => *n,
        Cell::Text(t) => t.trim().parse().ok()?,
        _ => return None,
    };
    if value < 0.0 {
        return None;
    }
    Some(match age {
        Age::Years(_) => value <= 15.0,
        Age::Band(_) => (1.0..=3.0).contains(&value),
    })
}
