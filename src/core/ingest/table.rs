//! Finds the table in a sheet: the header row below any title and note rows,
//! the body down to the first blank row, and what each column holds.

use super::cell::{Cell, ParsedText};
use super::workbook::Grid;
use crate::core::areas::{self, AreaLevel};
use crate::core::dataset::TableShape;
use crate::core::period::{Period, PeriodHint};

#[derive(Clone, Debug, PartialEq)]
pub enum ColumnRole {
    Area,
    Period(PeriodHint),
    Measure,
    /// A breakdown label column ("Road user", "Location").
    Category,
    /// The figure in a long table.
    Value,
    /// A column of figures for one period, in a wide table.
    PeriodAcross(Period),
    /// A column of figures for one measure, in a wide table.
    MeasureAcross,
    Ignore,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub index: usize,
    pub label: String,
    pub role: ColumnRole,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DetectedTable {
    pub header_row: usize,
    /// Body rows, `first..end` in grid rows.
    pub body: std::ops::Range<usize>,
    pub columns: Vec<Column>,
    pub shape: TableShape,
}

/// How far down a sheet the header may sit under titles and notes.
const HEADER_SEARCH_ROWS: usize = 40;

pub fn detect_table(grid: &Grid) -> Result<DetectedTable, String> {
    let header_row = find_header_row(grid).ok_or("no header row above a row of figures")?;
    let body_start = header_row + 1;
    let body_end = (body_start..grid.rows.len())
        .find(|&r| grid.rows[r].iter().all(Cell::is_empty))
        .unwrap_or(grid.rows.len());
    let columns: Vec<Column> = (0..grid.rows[header_row].len())
        .map(|c| {
            let label = clean_header(&grid.cell(header_row, c).text());
            let role = classify(grid, c, &label, body_start..body_end);
            Column {
                index: c,
                label,
                role,
            }
        })
        .collect();
    let has = |f: fn(&ColumnRole) -> bool| columns.iter().any(|c| f(&c.role));
    let shape = if has(|r| matches!(r, ColumnRole::PeriodAcross(_))) {
        TableShape::WideByPeriod
    } else if has(|r| *r == ColumnRole::Value) {
        TableShape::Long
    } else if has(|r| *r == ColumnRole::MeasureAcross) {
        TableShape::WideByMeasure
    } else {
        return Err("a header row but no column of figures".into());
    };
    if !has(|r| *r == ColumnRole::Area) {
        return Err("no column of area names".into());
    }
    if shape != TableShape::WideByPeriod && !has(|r| matches!(r, ColumnRole::Period(_))) {
        return Err("no column of periods and no periods across the header".into());
    }
    Ok(DetectedTable {
        header_row,
        body: body_start..body_end,
        columns,
        shape,
    })
}

fn is_figure(cell: &Cell) -> bool {
    matches!(cell.figure(), ParsedText::Number { .. })
}

fn is_label(cell: &Cell) -> bool {
    matches!(cell, Cell::Text(_)) && !cell.is_empty() && !is_figure(cell)
}

/// The first row of two or more labels whose next non-blank row holds a figure.
fn find_header_row(grid: &Grid) -> Option<usize> {
    let last = grid.rows.len().min(HEADER_SEARCH_ROWS);
    (0..last).find(|&r| {
        let row = &grid.rows[r];
        let labels = row.iter().filter(|c| is_label(c)).count();
        let filled = row.iter().filter(|c| !c.is_empty()).count();
        if labels < 2 || labels * 2 < filled {
            return false;
        }
        let next = (r + 1..grid.rows.len()).find(|&n| grid.rows[n].iter().any(|c| !c.is_empty()));
        next.is_some_and(|n| grid.rows[n].iter().any(is_figure))
    })
}

/// Header text without line breaks, padding or footnote markers.
pub fn clean_header(text: &str) -> String {
    let mut t = text.split_whitespace().collect::<Vec<_>>().join(" ");
    loop {
        let before = t.len();
        if let Some(start) = t.rfind("[note") {
            if t.ends_with(']') {
                t.truncate(start);
            }
        }
        t = t
            .trim_end_matches(['*', '^', '~', '†'])
            .trim_end()
            .to_string();
        if t.len() == before {
            return t;
        }
    }
}

fn header_has(label: &str, words: &[&str]) -> bool {
    let lower = label.to_lowercase();
    words
        .iter()
        .any(|w| lower == *w || lower.starts_with(&format!("{w} ")))
}

fn classify(grid: &Grid, col: usize, label: &str, body: std::ops::Range<usize>) -> ColumnRole {
    if label.is_empty() {
        return ColumnRole::Ignore;
    }
    if let Some(period) = Period::parse(label) {
        return ColumnRole::PeriodAcross(period);
    }
    if areas::is_area_header(label) {
        return ColumnRole::Area;
    }
    let cells: Vec<&Cell> = body
        .map(|r| grid.cell(r, col))
        .filter(|c| !c.is_empty())
        .collect();
    let lower = label.to_lowercase();
    if lower.contains("months ending") || lower.starts_with("year ending") {
        return ColumnRole::Period(PeriodHint::TwelveMonthsEnding);
    }
    if header_has(
        label,
        &[
            "period",
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
    if header_has(
        label,
        &[
            "measure",
            "indicator",
            "offence",
            "offence description",
            "crime type",
        ],
    ) {
        return ColumnRole::Measure;
    }
    let figures = cells.iter().filter(|c| !is_label(c)).count();
    if !cells.is_empty() && figures * 2 >= cells.len() {
        if header_has(label, &["value", "count", "number", "offence count"]) {
            return ColumnRole::Value;
        }
        return ColumnRole::MeasureAcross;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]]) -> Grid {
        Grid {
            rows: rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|t| {
                            if t.is_empty() {
                                Cell::Empty
                            } else {
                                Cell::Text(t.to_string())
                            }
                        })
                        .collect()
                })
                .collect(),
            origin: (0, 0),
        }
    }

    #[test]
    fn header_below_title_and_notes() {
        let g = grid(&[
            &["Recorded crime, Kent districts"],
            &["Source: Kent Police"],
            &[],
            &[
                "Area",
                "Measure",
                "Oct 2013 - Sep 2014",
                "Oct 2014 - Sep 2015 [note 1]",
            ],
            &["Tunbridge Wells", "All crime", "4,998", "5,040"],
            &["Kent", "All crime", "..", "95,000"],
            &[],
            &["Note 1: provisional"],
        ]);
        let t = detect_table(&g).unwrap();
        assert_eq!(t.header_row, 3);
        assert_eq!(t.body, 4..6);
        assert_eq!(t.shape, TableShape::WideByPeriod);
        assert_eq!(t.columns[0].role, ColumnRole::Area);
        assert_eq!(t.columns[1].role, ColumnRole::Measure);
        assert_eq!(t.columns[3].label, "Oct 2014 - Sep 2015");
    }

    #[test]
    fn measures_across_with_a_category() {
        let g = grid(&[
            &["Area", "Year", "Road user", "Road casualties"],
            &["Tunbridge Wells", "2014", "Car occupant", "337"],
        ]);
        let t = detect_table(&g).unwrap();
        assert_eq!(t.shape, TableShape::WideByMeasure);
        let roles: Vec<_> = t.columns.iter().map(|c| c.role.clone()).collect();
        assert_eq!(
            roles,
            [
                ColumnRole::Area,
                ColumnRole::Period(PeriodHint::None),
                ColumnRole::Category,
                ColumnRole::MeasureAcross
            ]
        );
    }

    #[test]
    fn sheets_without_tables_say_why() {
        assert!(detect_table(&grid(&[&["Just a note"], &["Another note"]])).is_err());
        let no_area = grid(&[&["Year", "Crimes"], &["2014", "12"]]);
        assert_eq!(
            detect_table(&no_area).unwrap_err(),
            "no column of area names"
        );
    }

    #[test]
    fn footnote_markers_leave_headers() {
        assert_eq!(clean_header("Robbery*"), "Robbery");
        assert_eq!(
            clean_header(" Deaths\n in custody [note 2] "),
            "Deaths in custody"
        );
        assert_eq!(clean_header("Total^"), "Total");
    }
}
