//! A detected table → tidy observations, one per figure cell, each remembering
//! its file, sheet and cell.

use super::cell::{Cell, ParsedText};
use super::recipe::RoleChoice;
use super::table::{ColumnRole, DetectedTable, GROUP_SEPARATOR};
use super::workbook::{Grid, Sheet};
use crate::core::areas::{self, AreaLevel};
use crate::core::dataset::{
    Mapping, MissingReason, Observation, Provenance, Reading, TableSummary, Unit, Value,
};
use crate::core::period::{Period, PeriodHint};
use std::collections::BTreeSet;

/// The area of figures from a table that names none; the user can set it.
pub const AREA_NOT_STATED: &str = "Area not stated";

/// Labels that mean "the whole" in a breakdown column.
const WHOLE_LABELS: [&str; 4] = ["total", "all", "all casualties", "grand total"];

pub fn tidy(file: &str, sheet: &Sheet, table: &DetectedTable) -> (Vec<Observation>, TableSummary) {
    let grid = &sheet.grid;
    let column_of = |role: fn(&ColumnRole) -> bool| table.columns.iter().find(|c| role(&c.role));
    let area_col = column_of(|r| *r == ColumnRole::Area).map(|c| c.index);
    let period_col = column_of(|r| matches!(r, ColumnRole::Period(_)));
    let measure_col = column_of(|r| *r == ColumnRole::Measure).map(|c| c.index);
    let category_cols = table.columns_in(|r| *r == ColumnRole::Category);

    // A table without a measure column is named by its title, or failing that its sheet.
    let table_measure = table.measure_for_all(&sheet.name);
    let mut observations = Vec::new();
    let mut total_rows = Vec::new();
    for row in table.body.clone() {
        // A blank row inside a table holds no figures, not missing ones.
        if grid.rows[row].iter().all(Cell::is_empty) {
            continue;
        }
        let (area, area_level) = match area_col {
            Some(c) => {
                let label = grid.cell(row, c).text();
                if label.trim().is_empty() {
                    continue;
                }
                areas::normalise(&label)
            }
            None => match &table.area_for_all {
                Some(area) => areas::normalise(area),
                None => (AREA_NOT_STATED.to_string(), AreaLevel::Other),
            },
        };
        let row_period = match period_col {
            Some(col) => {
                let hint = match col.role {
                    ColumnRole::Period(h) => h,
                    _ => PeriodHint::None,
                };
                match period_of_cell(grid.cell(row, col.index), hint) {
                    Some(p) => Some(p),
                    None => continue,
                }
            }
            None => table.default_period,
        };
        let row_measure = measure_col.map(|c| grid.cell(row, c).text().trim().to_string());
        let category = category_of(grid, row, &category_cols);
        if let Some(kind) = total_kind(grid, row, &category_cols, area_level) {
            if total_rows.len() < MAX_LISTED_TOTALS {
                total_rows.push(format!(
                    "Row {}: {area}, {kind}",
                    grid.origin.0 as usize + row + 1
                ));
            }
        }

        for column in &table.columns {
            let (measure, column_category, period) = match &column.role {
                ColumnRole::PeriodAcross(p, group) => (
                    group
                        .clone()
                        .or_else(|| row_measure.clone())
                        .unwrap_or_else(|| table_measure.clone()),
                    None,
                    Some(*p),
                ),
                ColumnRole::MeasureAcross => {
                    // Under a two-level header, the group is the measure and the column a breakdown.
                    match column.label.split_once(GROUP_SEPARATOR) {
                        Some((group, sub)) => (group.to_string(), whole_or(sub), row_period),
                        // A "Total" column is the whole of what the table counts.
                        None if ["total", "grand total"]
                            .contains(&column.label.to_lowercase().as_str()) =>
                        {
                            (table_measure.clone(), None, row_period)
                        }
                        None => (column.label.clone(), None, row_period),
                    }
                }
                ColumnRole::Value | ColumnRole::AreaAcross(_) => (
                    row_measure.clone().unwrap_or_else(|| table_measure.clone()),
                    None,
                    row_period,
                ),
                _ => continue,
            };
            // With areas across the top, the column names the area.
            let (area, area_level) = match &column.role {
                ColumnRole::AreaAcross(name) => areas::normalise(name),
                _ => (area.clone(), area_level),
            };
            let (Some(period), false) = (period, measure.is_empty()) else {
                continue;
            };
            let cell = grid.cell(row, column.index);
            let (value, percent) = match cell.figure() {
                ParsedText::Number { value, percent } => (Value::Number(value), percent),
                ParsedText::Missing(reason) => (Value::Missing(reason), false),
                ParsedText::NotANumber => (
                    Value::Missing(MissingReason::Suppressed(cell.text().trim().to_string())),
                    false,
                ),
            };
            let category = match (&category, column_category) {
                (Some(row), Some(col)) => Some(format!("{row}{GROUP_SEPARATOR}{col}")),
                (row, col) => row.clone().or(col),
            };
            let label = match &column.unit {
                Some(unit) => format!("{} {unit}", column.label),
                None => column.label.clone(),
            };
            observations.push(Observation {
                unit: unit_of(&label, &measure, percent),
                measure,
                category,
                area: area.clone(),
                area_level,
                period,
                value,
                source: Provenance {
                    file: file.to_string(),
                    sheet: sheet.name.clone(),
                    cell: grid.a1(row, column.index),
                },
            });
        }
    }

    // Among police forces, Kent is a force like the rest, not the county over districts.
    let levels: BTreeSet<AreaLevel> = observations.iter().map(|o| o.area_level).collect();
    if levels.contains(&AreaLevel::Force) && !levels.contains(&AreaLevel::District) {
        for o in observations
            .iter_mut()
            .filter(|o| o.area_level == AreaLevel::County)
        {
            o.area_level = AreaLevel::Force;
        }
        total_rows.retain(|t| !t.ends_with(COUNTY_TOTAL));
    }
    let measures: BTreeSet<String> = observations.iter().map(|o| o.measure.clone()).collect();
    let summary = TableSummary {
        file: file.to_string(),
        sheet: sheet.name.clone(),
        range: table.range(grid),
        shape: table.shape,
        header: table.columns.iter().map(|c| c.label.clone()).collect(),
        body_rows: table.body.len(),
        observations: observations.len(),
        measures: measures.into_iter().collect(),
        mapping: Some(Mapping {
            total_rows,
            ..mapping_of(grid, table)
        }),
        reading: reading_of(table),
        notes: Vec::new(),
    };
    (observations, summary)
}

/// The importer's doubts about a table; a saved recipe applying to it means
/// the user has confirmed how it is read.
pub fn reading_of(table: &DetectedTable) -> Reading {
    Reading {
        doubts: table.doubts.clone(),
        confirmed: table.recipe_applied,
    }
}

/// Rows shown under the header in the mapping step.
const PREVIEW_ROWS: usize = 6;

pub fn mapping_of(grid: &Grid, table: &DetectedTable) -> Mapping {
    Mapping {
        signature: table.signature.clone(),
        header_row: grid.origin.0 as usize + table.header_row + 1,
        header_shift: table.header_shift,
        roles: table
            .columns
            .iter()
            .map(|c| RoleChoice::of(&c.role))
            .collect(),
        preview: table
            .body
            .clone()
            .take(PREVIEW_ROWS)
            .map(|r| {
                (0..table.columns.len())
                    .map(|c| grid.cell(r, c).text().trim().to_string())
                    .collect()
            })
            .collect(),
        area_for_all: table.area_for_all.clone(),
        recipe_applied: table.recipe_applied,
        total_rows: Vec::new(),
    }
}

const COUNTY_TOTAL: &str = "the county total";

/// Totals listed in the mapping step; more would be a listing, not a check.
const MAX_LISTED_TOTALS: usize = 20;

/// Why a row is a total rather than a part: its area is the county, a region
/// or the nation, or its breakdown label says "Total".
fn total_kind(
    grid: &Grid,
    row: usize,
    category_cols: &[usize],
    level: AreaLevel,
) -> Option<&'static str> {
    match level {
        AreaLevel::County => return Some(COUNTY_TOTAL),
        AreaLevel::Region => return Some("a regional total"),
        AreaLevel::National => return Some("the national total"),
        _ => {}
    }
    category_cols
        .iter()
        .any(|&c| {
            let label = grid.cell(row, c).text().trim().to_lowercase();
            WHOLE_LABELS.contains(&label.as_str())
        })
        .then_some("the total of its breakdown")
}

/// A breakdown label, or `None` when it names the whole.
fn whole_or(label: &str) -> Option<String> {
    (!WHOLE_LABELS.contains(&label.trim().to_lowercase().as_str()))
        .then(|| label.trim().to_string())
}

fn category_of(grid: &Grid, row: usize, columns: &[usize]) -> Option<String> {
    let parts: Vec<String> = columns
        .iter()
        .map(|&c| grid.cell(row, c).text().trim().to_string())
        .filter(|t| !t.is_empty() && !WHOLE_LABELS.contains(&t.to_lowercase().as_str()))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// A period cell may be text, an Excel date, or a bare year number.
fn period_of_cell(cell: &Cell, hint: PeriodHint) -> Option<Period> {
    match cell {
        Cell::Date(d) => Some(match hint {
            PeriodHint::TwelveMonthsEnding => Period::twelve_months_ending(*d),
            PeriodHint::None => Period::month(d.year, d.month),
        }),
        Cell::Number(n) if n.fract() == 0.0 && (1800.0..=2200.0).contains(n) => {
            Some(Period::calendar_year(*n as i32))
        }
        Cell::Number(n) => Period::from_excel_serial(*n, false, hint),
        Cell::Text(t) => Period::parse_with_hint(t, hint),
        _ => None,
    }
}

fn unit_of(label: &str, measure: &str, percent: bool) -> Unit {
    let text = format!("{label} {measure}").to_lowercase();
    if text.contains("per 1,000") || text.contains("per 1000") {
        Unit::RatePerThousand
    } else if percent || text.contains('%') || text.contains("proportion") {
        Unit::Percent
    } else {
        Unit::Count
    }
}
