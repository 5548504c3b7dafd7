//! Any record-level list — one row per arrest, incident, referral, case, call
//! or casualty — recognised from its shape rather than its publisher: a date
//! or month column, an ID-like column or dates to the day, and columns of
//! categories with few distinct values. Its rows are counted per month, in
//! total and by each category, per area where it has an area column.
//! (data.police.uk and STATS19 files, known by their headers, are counted in
//! `records.rs`.)

use super::area_column::{read_areas, AreaRow};
use super::cell::Cell;
use super::column_role::is_identifier_header;
use super::header::is_figure;
use super::table::{DetectedTable, GROUP_SEPARATOR};
use super::tidy::AREA_NOT_STATED;
use super::workbook::{a1, Sheet};
use crate::core::areas::{self, AreaLevel};
use crate::core::dataset::{
    Observation, Provenance, Reading, TableShape, TableSummary, Unit, Value,
};
use crate::core::period::Period;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Fewer rows than this are a short table, not a list to count.
const MIN_RECORDS: usize = 8;
/// A column with more distinct values than this is free text, not categories.
const MAX_CATEGORIES: usize = 40;
/// Rows whose date cannot be read, as a share, before the reading is in doubt.
const UNREADABLE_SHARE_IN_DOUBT: f64 = 0.05;

/// What each column of the list is.
struct Shape {
    date: usize,
    area: Option<usize>,
    categories: Vec<usize>,
}

/// The month a cell's date or month falls in, and whether it names a day.
fn month_of(cell: &Cell) -> Option<(Period, bool)> {
    match cell {
        Cell::Date(d) => Some((Period::month(d.year, d.month), d.day != 1)),
        Cell::Text(t) => {
            let text = t.trim();
            let period = Period::parse(text).filter(|p| p.months() == 1)?;
            // "03/04/2015" and "2015-04-03" name a day other than the first;
            // "2015-04", "Apr 2015" and "01/04/2015" stand for the month.
            let parts: Vec<&str> = text
                .split(['/', '-', ' ', '.'])
                .filter(|p| !p.is_empty())
                .collect();
            let day = match parts.as_slice() {
                [first, _, last] if first.len() == 4 => last.parse::<u8>().ok(),
                [first, _, _] => first.parse::<u8>().ok(),
                _ => None,
            };
            Some((period, day.is_some_and(|d| d != 1)))
        }
        _ => None,
    }
}

fn shape(sheet: &Sheet, table: &DetectedTable) -> Option<Shape> {
    let grid = &sheet.grid;
    let rows: Vec<usize> = table
        .body
        .clone()
        .filter(|&r| grid.rows[r].iter().any(|c| !c.is_empty()))
        .collect();
    if rows.len() < MIN_RECORDS {
        return None;
    }
    let mut date = None;
    let mut id = false;
    let mut days = false;
    let mut area = None;
    let mut categories = Vec::new();
    for column in table.columns.iter().filter(|c| !c.label.is_empty()) {
        let cells: Vec<&Cell> = rows
            .iter()
            .map(|&r| grid.cell(r, column.index))
            .filter(|c| !c.is_empty())
            .collect();
        if cells.is_empty() {
            continue;
        }
        let months: Vec<(Period, bool)> = cells.iter().filter_map(|c| month_of(c)).collect();
        if date.is_none()
            && months.len() * 10 >= cells.len() * 8
            && cells.len() * 10 >= rows.len() * 8
        {
            date = Some(column.index);
            // Records fall on any day; a table's months all on the first.
            days = months.iter().filter(|(_, day)| *day).count() * 5 > months.len();
            continue;
        }
        let texts: Vec<String> = cells.iter().map(|c| c.text().trim().to_string()).collect();
        let distinct: BTreeSet<&String> = texts.iter().collect();
        let all_distinct = distinct.len() == texts.len() && cells.len() * 10 >= rows.len() * 9;
        if cells.iter().filter(|c| is_figure(c)).count() * 2 > cells.len() {
            // Numbers count something, unless the header says they name each row.
            id |= is_identifier_header(&column.label) && all_distinct;
            continue;
        }
        let area_like = texts
            .iter()
            .filter(|t| areas::normalise(t).1 != AreaLevel::Other)
            .count();
        if area.is_none() && (areas::is_area_header(&column.label) || area_like * 2 > texts.len()) {
            area = Some(column.index);
            continue;
        }
        if all_distinct {
            id = true;
            continue;
        }
        if distinct.len() <= MAX_CATEGORIES.min(rows.len() / 2).max(2) {
            categories.push(column.index);
        }
    }
    let date = date?;
    // Many rows per month, and something that says each row is one record.
    let months: BTreeSet<Period> = rows
        .iter()
        .filter_map(|&r| month_of(grid.cell(r, date)).map(|(p, _)| p))
        .collect();
    let repeated = rows.len() >= months.len() * 2;
    ((id || days) && repeated && (!categories.is_empty() || area.is_some())).then_some(Shape {
        date,
        area,
        categories,
    })
}

/// What one row of the list is: the sheet's name, unless it is a generic
/// one, else the file's name without its dates, else the title.
fn noun(file: &str, sheet: &Sheet, table: &DetectedTable) -> String {
    let generic = |name: &str| {
        let lower = name.trim().to_lowercase();
        let stem = lower.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
        [
            "sheet", "csv", "tsv", "data", "table", "export", "query", "report", "results", "",
        ]
        .contains(&stem)
    };
    if !generic(&sheet.name) {
        return sheet.name.trim().to_string();
    }
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let words: Vec<&str> = stem
        .split(['-', '_', ' ', '.'])
        .filter(|w| !w.is_empty() && w.chars().any(|c| c.is_alphabetic()))
        .filter(|w| Period::parse(w).is_none())
        .collect();
    if !words.is_empty() && !generic(&words.join(" ")) {
        let joined = words.join(" ");
        let mut chars = joined.chars();
        return chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
    }
    table.title.clone().unwrap_or_else(|| "Records".to_string())
}

fn lower_first(label: &str) -> String {
    let mut chars = label.chars();
    let first = chars.next().map(|c| c.to_lowercase().collect::<String>());
    // An acronym ("LSOA") keeps its capitals.
    match (first, label.chars().nth(1)) {
        (Some(_), Some(second)) if second.is_uppercase() => label.to_string(),
        (Some(first), _) => first + chars.as_str(),
        (None, _) => String::new(),
    }
}

/// A count and the rows it came from.
#[derive(Default)]
struct Tally {
    count: u64,
    first_row: usize,
    last_row: usize,
}

/// The list's counts, or `None` when the table is not a record-level list.
pub fn read(
    file: &str,
    sheet: &Sheet,
    table: &DetectedTable,
) -> Option<(Vec<Observation>, TableSummary)> {
    let shape = shape(sheet, table)?;
    let grid = &sheet.grid;
    let noun = noun(file, sheet, table);
    let label_of = |c: usize| {
        table
            .columns
            .iter()
            .find(|col| col.index == c)
            .map(|col| col.label.clone())
            .unwrap_or_default()
    };
    // (measure, category, area, period) → tally.
    let mut tallies: BTreeMap<(String, Option<String>, String, Period), Tally> = BTreeMap::new();
    let mut records = 0usize;
    let mut unreadable = 0usize;
    for row in table.body.clone() {
        if grid.rows[row].iter().all(Cell::is_empty) {
            continue;
        }
        records += 1;
        let Some((period, _)) = month_of(grid.cell(row, shape.date)) else {
            unreadable += 1;
            continue;
        };
        let area = shape
            .area
            .map(|c| grid.cell(row, c).text().trim().to_string())
            .filter(|a| !a.is_empty())
            .unwrap_or_else(|| AREA_NOT_STATED.to_string());
        let mut count = |measure: String, category: Option<String>| {
            let tally = tallies
                .entry((measure, category, area.clone(), period))
                .or_insert(Tally {
                    count: 0,
                    first_row: row,
                    last_row: row,
                });
            tally.count += 1;
            tally.last_row = row;
        };
        count(noun.clone(), None);
        for &c in &shape.categories {
            let value = grid.cell(row, c).text().trim().to_string();
            if !value.is_empty() {
                count(
                    format!("{noun} by {}", lower_first(&label_of(c))),
                    Some(value),
                );
            }
        }
    }
    let date_letter = a1(0, shape.date).trim_end_matches('1').to_string();
    // The areas named, read together (a name several kinds of area share is
    // read by the header and the other names; see `area_column`).
    let names: Vec<String> = tallies
        .keys()
        .map(|(_, _, area, _)| area.clone())
        .filter(|a| a != AREA_NOT_STATED)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let area_letter = shape
        .area
        .map(|c| a1(0, c).trim_end_matches('1').to_string())
        .unwrap_or_default();
    let read = read_areas(
        shape.area.map(label_of).as_deref(),
        &names
            .iter()
            .map(|name| AreaRow {
                label: name.clone(),
                at: format!("column {area_letter}"),
                key: name.clone(),
                ..AreaRow::default()
            })
            .collect::<Vec<_>>(),
    );
    let area_doubts = read.doubts;
    let reading_of_area: HashMap<&str, (String, AreaLevel)> =
        names.iter().map(String::as_str).zip(read.areas).collect();
    let observations: Vec<Observation> = tallies
        .into_iter()
        .map(|((measure, category, area, period), tally)| {
            let (area, area_level) = match reading_of_area.get(area.as_str()) {
                Some(read) => read.clone(),
                None => (area, AreaLevel::Other),
            };
            let what = match &category {
                Some(c) => format!("{measure}{GROUP_SEPARATOR}{c}"),
                None => measure.clone(),
            };
            Observation {
                source: Provenance {
                    file: file.to_string(),
                    sheet: sheet.name.clone(),
                    cell: format!(
                        "rows {}–{} of column {date_letter}, counted for {what} in {}",
                        grid.origin.0 as usize + tally.first_row + 1,
                        grid.origin.0 as usize + tally.last_row + 1,
                        period.label()
                    ),
                },
                measure,
                category,
                area,
                area_level,
                period,
                value: Value::Number(tally.count as f64),
                unit: Unit::Count,
            }
        })
        .collect();
    if observations.is_empty() {
        return None;
    }
    let mut doubts = area_doubts;
    if unreadable as f64 > records as f64 * UNREADABLE_SHARE_IN_DOUBT {
        doubts.push(format!(
            "{unreadable} of {records} rows have no readable date in “{}” and were not counted.",
            label_of(shape.date)
        ));
    }
    let measures: Vec<String> = observations
        .iter()
        .map(|o| o.measure.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let summary = TableSummary {
        file: file.to_string(),
        sheet: sheet.name.clone(),
        range: table.range(grid),
        shape: TableShape::Records,
        header: table.columns.iter().map(|c| c.label.clone()).collect(),
        body_rows: records,
        observations: observations.len(),
        measures,
        mapping: None,
        reading: Reading {
            doubts,
            confirmed: false,
        },
        notes: Vec::new(),
    };
    Some((observations, summary))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ingest::import_file;

    #[test]
    fn a_list_of_arrests_is_counted_by_month_offence_and_district() {
        let mut csv = String::from("Arrest ID,Date of arrest,Offence,Outcome,District\r\n");
        let offences = ["Theft", "Assault", "Drugs possession"];
        let outcomes = ["Charged", "No further action"];
        let districts = ["Ashford", "Dover"];
        for i in 0..40 {
            csv.push_str(&format!(
                "A{:04},{:02}/{:02}/2015,{},{},{}\r\n",
                i,
                i % 28 + 1,
                i % 3 + 4,
                offences[i % 3],
                outcomes[i % 2],
                districts[i % 2]
            ));
        }
        let data = import_file("arrests-2015.csv", csv.as_bytes()).unwrap();
        let table = &data.tables[0];
        assert_eq!(table.shape, TableShape::Records);
        let total: f64 = data
            .observations
            .iter()
            .filter(|o| o.measure == "Arrests" && o.category.is_none())
            .map(|o| match o.value {
                Value::Number(n) => n,
                _ => 0.0,
            })
            .sum();
        assert_eq!(total, 40.0);
        let theft_april_ashford = data.observations.iter().find(|o| {
            o.measure == "Arrests by offence"
                && o.category.as_deref() == Some("Theft")
                && o.area == "Ashford"
                && o.period == Period::month(2015, 4)
        });
        // Rows 0, 6, 12, … are thefts; of those in April (i % 3 == 0), Ashford's are the even ones.
        assert!(theft_april_ashford.is_some());
        assert!(data
            .observations
            .iter()
            .any(|o| o.measure == "Arrests by outcome"));
    }

    #[test]
    fn a_code_lookup_is_not_a_list_of_records() {
        let mut csv = String::from("Code,Name,Force\r\n");
        for i in 0..20 {
            csv.push_str(&format!("E0700{i:04},District {i},Kent Police\r\n"));
        }
        let data = import_file("lookup.csv", csv.as_bytes()).unwrap();
        assert_eq!(data.tables[0].shape, TableShape::Lookup);
    }
}
