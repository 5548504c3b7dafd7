//! A detected table → tidy observations, one per figure cell, each remembering
//! its file, sheet and cell.

use super::area_column::{read_areas, AreaRow};
use super::cell::{Cell, ParsedText};
use super::recipe::RoleChoice;
use super::table::{ColumnRole, DetectedTable, GROUP_SEPARATOR};
use super::unit::{self, CellMarks};
use super::workbook::{Grid, Sheet};
use crate::core::areas::{self, AreaLevel};
use crate::core::dataset::{
    BaseChoice, Mapping, MissingReason, Observation, Provenance, Reading, TableSummary, Unit, Value,
};
use crate::core::period::{Period, PeriodHint};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The area of figures from a table that names none; the user can set it.
pub const AREA_NOT_STATED: &str = "Area not stated";

/// Labels that mean "the whole" in a breakdown column.
const WHOLE_LABELS: [&str; 4] = ["total", "all", "all casualties", "grand total"];

/// More figures than the table may give: it stopped at the row past them.
#[derive(Debug, PartialEq)]
pub struct TooManyFigures;

/// `units`: the unit the user chose for each column in the mapping step (left
/// to right, `None` to let the workbench decide), from the table's recipe.
/// `room`: how many figures the table may give; reading stops at the first
/// row past it (a table of millions of figures would fill the tab's memory).
pub fn tidy(
    file: &str,
    sheet: &Sheet,
    table: &DetectedTable,
    units: &[Option<Unit>],
    bases: &[BaseChoice],
    room: usize,
) -> Result<(Vec<Observation>, TableSummary), TooManyFigures> {
    let grid = &sheet.grid;
    let column_of = |role: fn(&ColumnRole) -> bool| table.columns.iter().find(|c| role(&c.role));
    let area_column = column_of(|r| *r == ColumnRole::Area);
    let area_col = area_column.map(|c| c.index);
    // The column's header says what kind of area its names are ("CSP Name": partnerships).
    let area_kind = area_column.and_then(|c| areas::kind_of_column(&c.label));
    let period_col = column_of(|r| matches!(r, ColumnRole::Period(_)));
    let measure_col = column_of(|r| *r == ColumnRole::Measure).map(|c| c.index);
    let category_cols = table.columns_in(|r| *r == ColumnRole::Category);

    // A table without a measure column is named by its title, or failing that its sheet.
    let table_measure = table.measure_for_all(&sheet.name);
    // The area column read as a whole: a name several kinds of area share is
    // read by the header, the other names, a code on the row (see `area_column`).
    let (area_of_row, mut area_doubts) = match area_column {
        Some(column) => area_rows(grid, table, column.index, &column.label),
        None => (HashMap::new(), Vec::new()),
    };
    // With areas across the top, their names read together too.
    let across: Vec<(usize, String)> = table
        .columns
        .iter()
        .filter_map(|c| match &c.role {
            ColumnRole::AreaAcross(name) => Some((c.index, name.clone())),
            _ => None,
        })
        .collect();
    let across_read = read_areas(
        None,
        &across
            .iter()
            .map(|(index, name)| AreaRow {
                label: name.clone(),
                at: grid.a1(table.header_row, *index),
                key: index.to_string(),
                ..AreaRow::default()
            })
            .collect::<Vec<_>>(),
    );
    area_doubts.extend(across_read.doubts);
    let area_across: HashMap<usize, (String, AreaLevel)> = across
        .iter()
        .map(|(index, _)| *index)
        .zip(across_read.areas)
        .collect();
    // Room for a figure per value column and row, up to a row past `room`:
    // grown by doubling, a table of a million figures held room for two.
    let value_columns = table
        .columns
        .iter()
        .filter(|c| {
            matches!(
                c.role,
                ColumnRole::PeriodAcross(..)
                    | ColumnRole::MeasureAcross
                    | ColumnRole::Value
                    | ColumnRole::AreaAcross(_)
            )
        })
        .count();
    let expected = table
        .body
        .len()
        .saturating_mul(value_columns)
        .min(room.saturating_add(value_columns));
    let mut observations = Vec::with_capacity(expected);
    // Per figure: the column it came from and what its cell was written as, to settle units.
    let mut origins: Vec<(usize, CellMarks)> = Vec::with_capacity(expected);
    let mut total_rows = Vec::new();
    for row in table.body.clone() {
        if observations.len() > room {
            return Err(TooManyFigures);
        }
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
                area_of_row
                    .get(&row)
                    .cloned()
                    .unwrap_or_else(|| areas::normalise_as(&label, area_kind))
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

        for (position, column) in table.columns.iter().enumerate() {
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
                ColumnRole::AreaAcross(name) => area_across
                    .get(&column.index)
                    .cloned()
                    .unwrap_or_else(|| areas::normalise(name)),
                _ => (area.clone(), area_level),
            };
            let (Some(period), false) = (period, measure.is_empty()) else {
                continue;
            };
            let cell = grid.cell(row, column.index);
            let money = matches!(cell, super::cell::Cell::Text(t) if t.contains('£'));
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
            origins.push((position, CellMarks { percent, money }));
            observations.push(Observation {
                unit: Unit::Count,
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

    // Among police forces, Kent is a force like the rest, not the county over
    // districts; so are Dorset and North Yorkshire, which are districts too.
    let levels: BTreeSet<AreaLevel> = observations.iter().map(|o| o.area_level).collect();
    if levels.contains(&AreaLevel::Force) {
        let mut forces: std::collections::HashMap<String, Option<String>> = Default::default();
        let mut force_of = |area: &str| {
            forces
                .entry(area.to_string())
                .or_insert_with(|| areas::as_force(area))
                .clone()
        };
        let only_forces = observations
            .iter()
            .filter(|o| o.area_level == AreaLevel::District)
            .all(|o| force_of(&o.area).is_some());
        if only_forces {
            for o in observations
                .iter_mut()
                .filter(|o| matches!(o.area_level, AreaLevel::County | AreaLevel::District))
            {
                if let Some(force) = force_of(&o.area) {
                    o.area = force;
                    o.area_level = AreaLevel::Force;
                }
            }
            total_rows.retain(|t| !t.ends_with(COUNTY_TOTAL));
        }
    }
    let mut doubts = settle_units(table, &mut observations, &origins, units);
    doubts.extend(area_doubts);
    let measures_read: BTreeSet<String> = observations.iter().map(|o| o.measure.clone()).collect();
    make_bases(&mut observations, bases);
    doubts.extend(collision_doubt(&observations));
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
            units: if table.recipe_applied {
                units.to_vec()
            } else {
                Vec::new()
            },
            // Only where a base renamed one; otherwise `measures` says the same.
            measures_read: if bases.is_empty() {
                Vec::new()
            } else {
                measures_read.into_iter().collect()
            },
            bases: bases.to_vec(),
            ..mapping_of(grid, table)
        }),
        // The detection's doubts and the units' (a table read with the user's
        // saved mapping has been confirmed by them).
        reading: {
            let mut reading = reading_of(table);
            reading.doubts.extend(doubts);
            reading
        },
        notes: Vec::new(),
    };
    if observations.len() > room {
        return Err(TooManyFigures);
    }
    Ok((observations, summary))
}

/// Each body row's area, from its column read as a whole, and the doubts.
fn area_rows(
    grid: &Grid,
    table: &DetectedTable,
    area_col: usize,
    header: &str,
) -> (HashMap<usize, (String, AreaLevel)>, Vec<String>) {
    let figure_cols: Vec<usize> = table
        .columns
        .iter()
        .filter(|c| {
            matches!(
                c.role,
                ColumnRole::PeriodAcross(..) | ColumnRole::MeasureAcross | ColumnRole::Value
            )
        })
        .map(|c| c.index)
        .collect();
    let figure_headers: Vec<String> = table
        .columns
        .iter()
        .filter(|c| figure_cols.contains(&c.index))
        .map(|c| c.label.clone())
        .collect();
    // Most columns have no shared name: each name is read alone.
    let labels: BTreeSet<String> = table
        .body
        .clone()
        .map(|row| grid.cell(row, area_col).text())
        .filter(|label| !label.trim().is_empty())
        .collect();
    if !super::area_column::any_shared(Some(header), labels.iter().map(String::as_str)) {
        return (HashMap::new(), Vec::new());
    }
    let mut at_rows = Vec::new();
    let mut rows = Vec::new();
    for row in table.body.clone() {
        let label = grid.cell(row, area_col).text();
        if label.trim().is_empty() {
            continue;
        }
        // Every other column but the figures': rows alike in all of them but
        // the area are figures of two areas.
        let key: Vec<String> = table
            .columns
            .iter()
            .filter(|c| c.index != area_col && !figure_cols.contains(&c.index))
            .map(|c| grid.cell(row, c.index).text().trim().to_string())
            .collect();
        let figures: Vec<Option<f64>> = figure_cols
            .iter()
            .map(|c| match grid.cell(row, *c).figure() {
                ParsedText::Number {
                    value,
                    percent: false,
                } => Some(value),
                _ => None,
            })
            .collect();
        // Only counts tell the wider area (a region's rate may be the lower).
        let counts = !key
            .iter()
            .chain(&figure_headers)
            .any(|t| looks_like_rate(t));
        let size = (counts && !figures.is_empty() && figures.iter().all(Option::is_some))
            .then(|| figures.iter().flatten().sum());
        let code = table
            .columns
            .iter()
            .filter(|c| c.index != area_col)
            .map(|c| grid.cell(row, c.index).text())
            .find(|t| crate::core::geography::names::is_code(t));
        at_rows.push(row);
        rows.push(AreaRow {
            label,
            at: grid.a1(row, area_col),
            key: key.join("\u{1}"),
            size,
            code,
        });
    }
    let read = read_areas(Some(header), &rows);
    (at_rows.into_iter().zip(read.areas).collect(), read.doubts)
}

/// Whether a header or a row's measure names a rate, a share or an average
/// rather than a count.
fn looks_like_rate(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "rate",
        "per ",
        "%",
        "percent",
        "proportion",
        "average",
        "mean",
    ]
    .iter()
    .any(|w| lower.contains(w))
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
        units: Vec::new(),
        measures_read: Vec::new(),
        bases: Vec::new(),
        by_hand: table.by_hand,
    }
}

/// The measures the user made denominators take the name the assessment
/// knows a base of their kind by ("Residents" as a population becomes
/// "Population (Residents)"), and are counts whatever their values suggested.
fn make_bases(observations: &mut [Observation], bases: &[BaseChoice]) {
    for choice in bases {
        let name = choice.kind.name(&choice.measure);
        for o in observations
            .iter_mut()
            .filter(|o| o.measure == choice.measure)
        {
            o.measure = name.clone();
            o.unit = Unit::Count;
        }
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

/// Settles the unit of each measure of the table from its header words, its
/// cells and its values (see `unit::settle`); returns the doubts.
fn settle_units(
    table: &DetectedTable,
    observations: &mut [Observation],
    origins: &[(usize, CellMarks)],
    units: &[Option<Unit>],
) -> Vec<String> {
    let mut by_measure: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, o) in observations.iter().enumerate() {
        by_measure.entry(o.measure.as_str()).or_default().push(i);
    }
    let mut settled = Vec::new();
    for (measure, figures) in by_measure {
        let columns: BTreeSet<usize> = figures.iter().map(|&i| origins[i].0).collect();
        let header: Vec<String> = columns
            .iter()
            .filter_map(|&c| table.columns.get(c))
            .map(|c| match &c.unit {
                // A units row of its own ("%", "per 1,000") says the unit too.
                Some(unit) => format!("{} {unit}", c.label),
                None => c.label.clone(),
            })
            .collect();
        let marks = CellMarks {
            percent: figures.iter().any(|&i| origins[i].1.percent),
            money: figures.iter().any(|&i| origins[i].1.money),
        };
        let values: Vec<f64> = figures
            .iter()
            .filter_map(|&i| observations[i].value.number())
            .collect();
        let chosen = columns
            .iter()
            .find_map(|&c| units.get(c).copied().flatten());
        let result = unit::settle(measure, &header.join(" "), marks, &values, chosen);
        settled.push((figures, result));
    }
    let mut doubts = Vec::new();
    for (figures, result) in settled {
        for i in figures {
            observations[i].unit = result.unit;
        }
        doubts.extend(result.doubt);
    }
    doubts
}

/// Several figures with the same measure, breakdown, area and period would
/// overwrite one another in the assessment: the columns were probably read as
/// one measure. (Doubts about the header and layout come from the detection.)
fn collision_doubt(observations: &[Observation]) -> Option<String> {
    let mut seen = BTreeSet::new();
    let o = observations.iter().find(|o| {
        !seen.insert((
            o.measure.as_str(),
            o.category.as_deref(),
            o.area.as_str(),
            o.period,
        ))
    })?;
    Some(format!(
        "several figures have the same measure, area and period (“{}”, {}, {}): its columns \
         may have been read as one measure",
        o.measure,
        o.area,
        o.period.label()
    ))
}
