//! What one column of a table holds, from its label and the cells under it.

use super::cell::{Cell, ParsedText};
use super::header::{header_has, is_label, GROUP_SEPARATOR};
use super::workbook::Grid;
use crate::core::areas::{self, AreaLevel};
use crate::core::period::{Period, PeriodHint, PeriodKind};

#[derive(Clone, Debug, PartialEq)]
pub enum ColumnRole {
    Area,
    Period(PeriodHint),
    Measure,
    /// A breakdown label column ("Road user", "Location").
    Category,
    /// The figure in a long table.
    Value,
    /// A column of figures for one period, in a wide table, under a group
    /// label naming the measure when the header has two levels.
    PeriodAcross(Period, Option<String>),
    /// A column of figures for one measure, in a wide table.
    MeasureAcross,
    /// A column of figures for one area, in a table with areas across the top.
    AreaAcross(String),
    /// A larger area the row's area sits in ("Region"): not a key of the figure.
    ParentArea,
    /// Text in a lookup table.
    Label,
    Ignore,
}

/// Header words that name the row labels as measures.
const MEASURE_HEADERS: [&str; 14] = [
    "measure",
    "indicator",
    "offence",
    "offence description",
    "offence type",
    "offence group",
    "crime type",
    "crime category",
    "crime group",
    "type of crime",
    "casualty group",
    "casualty type",
    "incident type",
    "metric",
];

/// The quarter a bare "Q1"…"Q4" (or "Quarter 1") header names, within the
/// year stated elsewhere: `None` when the label is not a bare quarter.
pub fn bare_quarter(label: &str) -> Option<u8> {
    let lower = label.trim().to_lowercase();
    let number = lower
        .strip_prefix("quarter ")
        .or_else(|| lower.strip_prefix("qtr "))
        .or_else(|| lower.strip_prefix('q'))?
        .trim();
    let q: u8 = number.parse().ok()?;
    (1..=4).contains(&q).then_some(q)
}

/// The quarter `q` of the year the table's title, sheet or file states: a
/// financial year's quarters run from April. `None` without a year.
pub fn quarter_in(q: u8, year: Option<Period>) -> Option<Period> {
    let year = year?;
    match year.kind() {
        PeriodKind::FinancialYear => Period::financial_quarter(year.start().year, q),
        PeriodKind::CalendarYear => Period::calendar_quarter(year.start().year, q),
        _ => None,
    }
}

/// A label's period and the measure its other parts name: "Robbery · 2014/15",
/// "2014/15 · Robbery", "Q2" within the stated year.
fn period_of_label(label: &str, year: Option<Period>) -> Option<(Period, Option<String>)> {
    let parts: Vec<&str> = label.split(GROUP_SEPARATOR).collect();
    let period_at = |part: &str| {
        Period::parse(part).or_else(|| bare_quarter(part).and_then(|q| quarter_in(q, year)))
    };
    let (index, period) = parts
        .iter()
        .enumerate()
        .rev()
        .find_map(|(i, p)| period_at(p).map(|period| (i, period)))?;
    let rest: Vec<&str> = parts
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != index)
        .map(|(_, p)| *p)
        .collect();
    Some((
        period,
        (!rest.is_empty()).then(|| rest.join(GROUP_SEPARATOR)),
    ))
}

pub fn classify(
    grid: &Grid,
    col: usize,
    label: &str,
    body: std::ops::Range<usize>,
    year: Option<Period>,
) -> ColumnRole {
    let cells: Vec<&Cell> = body
        .map(|r| grid.cell(r, col))
        .filter(|c| !c.is_empty())
        .collect();
    if label.is_empty() {
        let periods = cells.iter().filter(|c| is_period_cell(c)).count();
        let area_like = cells
            .iter()
            .filter(|c| areas::normalise(&c.text()).1 != AreaLevel::Other)
            .count();
        let labels = cells.iter().filter(|c| is_label(c)).count();
        return if !cells.is_empty() && periods * 2 > cells.len() {
            ColumnRole::Period(PeriodHint::None)
        } else if !cells.is_empty() && area_like * 2 > cells.len() {
            ColumnRole::Area
        } else if col == 0 && !cells.is_empty() && labels == cells.len() {
            // Row labels under a blank corner cell.
            ColumnRole::Category
        } else {
            ColumnRole::Ignore
        };
    }
    if let Some((period, group)) = period_of_label(label, year) {
        return ColumnRole::PeriodAcross(period, group);
    }
    if header_has(label, &["region", "country", "nation"]) {
        return ColumnRole::ParentArea;
    }
    if areas::is_area_header(label) {
        return ColumnRole::Area;
    }
    let lower = label.to_lowercase();
    if lower.contains("months ending") || lower.starts_with("year ending") {
        return ColumnRole::Period(PeriodHint::TwelveMonthsEnding);
    }
    if header_has(
        label,
        &[
            "period",
            "time period",
            "reporting period",
            "year",
            "month",
            "quarter",
            "date",
            "financial year",
            "calendar year",
        ],
    ) {
        return ColumnRole::Period(PeriodHint::None);
    }
    if header_has(label, &MEASURE_HEADERS) {
        return ColumnRole::Measure;
    }
    // Suppressed figures ("..", "x") are figures, not labels.
    let figures = cells
        .iter()
        .filter(|c| !is_label(c) || matches!(c.figure(), ParsedText::Missing(_)))
        .count();
    if !cells.is_empty() && figures * 2 >= cells.len() {
        if is_identifier_header(label) {
            return ColumnRole::Label;
        }
        if ["value", "count", "number", "offence count", "figure"].contains(&lower.as_str()) {
            return ColumnRole::Value;
        }
        if is_row_numbers(&cells) {
            return ColumnRole::Ignore;
        }
        return ColumnRole::MeasureAcross;
    }
    // A column named some other way is known by what it holds.
    let periods = cells.iter().filter(|c| is_period_cell(c)).count();
    if !cells.is_empty() && periods * 2 > cells.len() {
        return ColumnRole::Period(PeriodHint::None);
    }
    let area_like = cells
        .iter()
        .filter(|c| areas::normalise(&c.text()).1 != AreaLevel::Other)
        .count();
    if !cells.is_empty() && area_like * 2 > cells.len() {
        return ColumnRole::Area;
    }
    ColumnRole::Category
}

/// Row numbers written by a statistics package: 1, 2, 3, … down the column.
/// Counts never rise by exactly one row after row.
fn is_row_numbers(cells: &[&Cell]) -> bool {
    let numbers: Vec<f64> = cells
        .iter()
        .filter_map(|c| match c.figure() {
            ParsedText::Number { value, .. } => Some(value),
            _ => None,
        })
        .collect();
    numbers.len() >= 3
        && numbers.len() == cells.len()
        && numbers.windows(2).all(|w| w[1] == w[0] + 1.0)
}

/// Numbers that name rather than count: table numbers, row ids, codes.
pub fn is_identifier_header(label: &str) -> bool {
    let lower = label.to_lowercase();
    [
        "table",
        "id",
        "fid",
        "no",
        "no.",
        "ref",
        "reference",
        "index",
        "code",
        "row",
    ]
    .contains(&lower.as_str())
        || lower.ends_with(" id")
        || lower.ends_with(" code")
        || lower.ends_with("cd")
        || lower.contains("code/format")
}

/// A body cell that reads as a period: a year number, a date, or a period label.
pub fn is_period_cell(cell: &Cell) -> bool {
    match cell {
        Cell::Number(n) => n.fract() == 0.0 && (1800.0..=2200.0).contains(n),
        Cell::Date(_) => true,
        Cell::Text(t) => Period::parse(t).is_some(),
        _ => false,
    }
}
