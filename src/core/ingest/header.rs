//! A table's header: the row right above its figures, the group rows above
//! that (merged or repeated labels over sub-columns, row-label headers with
//! blanks beneath), a row of units under it, and the title and note rows
//! above it all. Header cells may be text, years stored as numbers, or dates.

use super::cell::{Cell, ParsedText};
use super::column_role::bare_quarter;
use super::workbook::Grid;
use crate::core::dataset::MissingReason;
use crate::core::period::Period;

/// Joins a group label to the column label under it: "Robbery · Oct 2014 - Sep 2015".
pub const GROUP_SEPARATOR: &str = " · ";

/// How far below the previous table (or the top) a header may sit under titles and notes.
pub const HEADER_SEARCH_ROWS: usize = 40;

/// Group rows a header may have above its lowest row (a header of three rows at most).
const MAX_GROUP_ROWS: usize = 2;

/// The rows of one table's header.
#[derive(Clone, Debug, PartialEq)]
pub struct HeaderBlock {
    /// The top group row; equal to `row` for a header of one row.
    pub top: usize,
    /// The lowest header row, right above the figures (or the units row).
    pub row: usize,
    /// A row of units ("Number", "Rate per 1,000") between the header and the figures.
    pub units: Option<usize>,
}

impl HeaderBlock {
    pub fn body_start(&self) -> usize {
        self.units.unwrap_or(self.row) + 1
    }
}

pub fn is_figure(cell: &Cell) -> bool {
    matches!(cell.figure(), ParsedText::Number { .. })
}

pub fn is_label(cell: &Cell) -> bool {
    matches!(cell, Cell::Text(_)) && !cell.is_empty() && !is_figure(cell)
}

/// A whole number that reads as a year.
fn is_year_number(cell: &Cell) -> bool {
    let value = match cell {
        Cell::Number(n) => *n,
        Cell::Text(t) => match t.trim().parse::<f64>() {
            Ok(n) if t.trim().len() == 4 => n,
            _ => return false,
        },
        _ => return false,
    };
    value.fract() == 0.0 && (1800.0..=2200.0).contains(&value)
}

/// The columns of a row that are header cells written as years or dates:
/// two or more, in a row otherwise made of labels and blanks, the years
/// rising one at a time (a run may repeat under each group). Counts never
/// rise by exactly one along a row, so figures are not taken for years.
fn period_number_cells(row: &[Cell]) -> Vec<usize> {
    let numeric: Vec<usize> = (0..row.len())
        .filter(|&c| is_figure(&row[c]) || matches!(row[c], Cell::Date(_)))
        .collect();
    if numeric.len() < 2 {
        return Vec::new();
    }
    if numeric.iter().all(|&c| matches!(row[c], Cell::Date(_))) {
        return numeric;
    }
    if !numeric.iter().all(|&c| is_year_number(&row[c])) {
        return Vec::new();
    }
    let years: Vec<i64> = numeric
        .iter()
        .map(|&c| row[c].text().trim().parse::<f64>().unwrap_or(0.0) as i64)
        .collect();
    // Each step rises by one, repeats the year (a label repeated over its
    // sub-columns) or starts the run again under the next group.
    let rising = years.windows(2).filter(|w| w[1] == w[0] + 1).count();
    let repeats = years.windows(2).filter(|w| w[1] == w[0]).count();
    let restarts = years.windows(2).filter(|w| w[1] < w[0]).count();
    let steps = years.len() - 1;
    if rising >= 1 && (rising + repeats) * 2 >= steps && rising + repeats + restarts == steps {
        numeric
    } else {
        Vec::new()
    }
}

/// Header cells in a row: labels, plus years or dates written as header cells.
fn header_cells(row: &[Cell]) -> usize {
    row.iter().filter(|c| is_label(c)).count() + period_number_cells(row).len()
}

/// Whether a row holds figures, not counting years or dates that are header cells.
fn has_data_figures(row: &[Cell]) -> bool {
    let header_numbers = period_number_cells(row);
    (0..row.len()).any(|c| is_figure(&row[c]) && !header_numbers.contains(&c))
}

/// A header cell's text as a person reads it: a date cell is its month.
pub fn header_text(cell: &Cell) -> String {
    match cell {
        Cell::Date(d) => Period::month(d.year, d.month).label(),
        _ => clean_header(&cell.text()),
    }
}

fn filled(grid: &Grid, r: usize) -> usize {
    grid.rows[r].iter().filter(|c| !c.is_empty()).count()
}

/// A footnote ("Theft of pedal cycle became notifiable under code 44.") is a
/// sentence; a column label is not.
pub fn is_sentence(cell: &Cell) -> bool {
    let text = cell.text();
    let text = text.trim();
    text.len() > 40 && text.ends_with('.')
}

/// A numbered footnote: a small number or marker, then a line of text.
pub fn is_note_row(row: &[Cell]) -> bool {
    let filled: Vec<&Cell> = row.iter().filter(|c| !c.is_empty()).collect();
    match filled.as_slice() {
        [marker, text, ..] => {
            let marker_text = marker.text();
            let marker_text = marker_text.trim();
            let is_marker = marker_text.chars().count() <= 2
                || (marker_text.len() <= 4 && marker_text.chars().all(|c| c.is_ascii_digit()));
            is_marker && is_label(text) && text.text().trim().len() > 25
        }
        _ => false,
    }
}

/// Words that say what unit the figures under them are in, not what they count.
const UNIT_WORDS: [&str; 22] = [
    "number",
    "numbers",
    "no.",
    "no",
    "count",
    "counts",
    "%",
    "percent",
    "percentage",
    "proportion",
    "rate",
    "rate per 1,000",
    "rate per 1,000 population",
    "per 1,000",
    "per 1,000 population",
    "rate per 100,000",
    "per 100,000",
    "£",
    "£000s",
    "£s",
    "ratio",
    "average",
];

fn is_unit_text(text: &str) -> bool {
    let t = text
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .trim()
        .to_lowercase();
    UNIT_WORDS.contains(&t.as_str())
}

/// A row of units only: "Number | Number | Rate per 1,000".
fn is_units_row(row: &[Cell]) -> bool {
    let filled: Vec<&Cell> = row.iter().filter(|c| !c.is_empty()).collect();
    filled.len() >= 2
        && filled
            .iter()
            .all(|c| is_label(c) && is_unit_text(&c.text()))
}

/// The first row of two or more labels whose next non-blank row holds a
/// figure; failing that, the first row of labels over rows as wide (a lookup).
pub fn find_header_row(grid: &Grid) -> Option<usize> {
    find_header_row_from(grid, 0)
}

pub fn find_header_row_from(grid: &Grid, from: usize) -> Option<usize> {
    let last = grid.rows.len().min(from + HEADER_SEARCH_ROWS);
    header_over_figures(grid, from, last)
        .map(|r| above_units(grid, r))
        .map(|r| top_of_block(grid, r))
        .or_else(|| header_over_text(grid, from, last))
}

/// A units row found above the figures is not the header: the row above it is.
fn above_units(grid: &Grid, r: usize) -> usize {
    if r > 0 && is_units_row(&grid.rows[r]) && header_cells(&grid.rows[r - 1]) >= 1 {
        r - 1
    } else {
        r
    }
}

/// A row found above figures may itself be a body row of a table whose real
/// header sits higher, over rows of text (a code list): take that header when
/// the block's top row is a full row of labels at least as wide.
fn top_of_block(grid: &Grid, r: usize) -> usize {
    let mut top = r;
    while top > 0 && filled(grid, top - 1) > 0 {
        top -= 1;
    }
    let row = &grid.rows[top];
    let labels = row.iter().filter(|c| is_label(c)).count();
    let starts_filled = row.first().is_some_and(|c| !c.is_empty());
    // A row of periods under group labels (or group labels of periods over
    // a row of measures) is a header block, not a code list's header and body.
    let has_periods = |row: &[Cell]| {
        !period_number_cells(row).is_empty()
            || row.iter().skip(1).any(|c| {
                is_label(c)
                    && (Period::parse(&c.text()).is_some() || bare_quarter(&c.text()).is_some())
            })
    };
    let names_periods = has_periods(&grid.rows[r]) || has_periods(&grid.rows[top]);
    if top < r
        && labels >= 2
        && labels == filled(grid, top)
        && starts_filled
        && labels >= filled(grid, r)
        && !(names_periods && r - top <= MAX_GROUP_ROWS)
    {
        top
    } else {
        r
    }
}

fn header_over_text(grid: &Grid, from: usize, last: usize) -> Option<usize> {
    let filled = |r: usize| filled(grid, r);
    (from..last).find(|&r| {
        if is_note_row(&grid.rows[r]) || grid.rows[r].iter().any(is_sentence) {
            return false;
        }
        let labels = grid.rows[r].iter().filter(|c| is_label(c)).count();
        labels >= 2
            && labels == filled(r)
            && (r + 1..grid.rows.len().min(r + 3)).all(|n| filled(n) >= labels)
            && r + 2 < grid.rows.len()
    })
}

fn header_over_figures(grid: &Grid, from: usize, last: usize) -> Option<usize> {
    (from..last).find(|&r| {
        let row = &grid.rows[r];
        if is_note_row(row) {
            return false;
        }
        let labels = row.iter().filter(|c| is_label(c)).count();
        if row.iter().filter(|c| is_sentence(c)).count() * 2 >= labels.max(1) {
            return false;
        }
        let cells = header_cells(row);
        let filled = row.iter().filter(|c| !c.is_empty()).count();
        if cells < 2 || cells * 2 < filled {
            return false;
        }
        let next = (r + 1..grid.rows.len()).find(|&n| grid.rows[n].iter().any(|c| !c.is_empty()));
        next.is_some_and(|n| {
            let next_row = &grid.rows[n];
            // The first figure under a header may be suppressed ("..").
            let marker = next_row.iter().any(|c| {
                matches!(c, Cell::Text(_))
                    && matches!(
                        c.figure(),
                        ParsedText::Missing(MissingReason::Suppressed(_))
                    )
            });
            let words = next_row
                .iter()
                .filter(|c| is_label(c) && !matches!(c.figure(), ParsedText::Missing(_)))
                .count();
            (has_data_figures(next_row) || marker && words < cells) && !is_note_row(next_row)
        })
    })
}

/// The header block whose lowest row is `row`: group rows directly above it
/// (no blank row between, no figures, labels over the figure columns) and a
/// units row directly below.
pub fn header_block(grid: &Grid, row: usize) -> HeaderBlock {
    let units = (row + 1 < grid.rows.len() && is_units_row(&grid.rows[row + 1])).then_some(row + 1);
    let header = &grid.rows[row];
    let mut top = row;
    while top > 0 && row - top < MAX_GROUP_ROWS && is_group_row(&grid.rows[top - 1], header) {
        top -= 1;
    }
    HeaderBlock { top, row, units }
}

/// A row of group labels over a header: labels (or years) over columns the
/// header fills, none a sentence or a lone title in the first column.
fn is_group_row(row: &[Cell], header: &[Cell]) -> bool {
    if row.iter().all(Cell::is_empty) || is_note_row(row) || row.iter().any(is_sentence) {
        return false;
    }
    if has_data_figures(row) {
        return false;
    }
    let over_header = (1..row.len())
        .filter(|&c| !row[c].is_empty() && header.get(c).is_some_and(|h| !h.is_empty()))
        .count();
    over_header >= 1
}

/// The label of column `col`: the header cell, prefixed by the group labels
/// spanning it; for a column whose header cell is blank (a row label's own
/// header sitting on a group row), the label above it.
pub fn column_label(grid: &Grid, block: &HeaderBlock, col: usize) -> String {
    let header = &grid.rows[block.row];
    let own = header_text(grid.cell(block.row, col));
    if own.is_empty() {
        // "District" on the group row over a blank cell; or a stacked label
        // ("Appropriate authority" above a blank over the row labels).
        let stacked = (block.top..block.row)
            .rev()
            .map(|r| header_text(grid.cell(r, col)))
            .find(|t| !t.is_empty());
        return match stacked {
            Some(label) => label,
            None if block.top == block.row && block.row > 0 => {
                // One-row header: a label right above a blank header cell.
                let above = grid.cell(block.row - 1, col);
                let above_row = &grid.rows[block.row - 1];
                let lone_title = above_row.iter().filter(|c| !c.is_empty()).count() == 1
                    && (above.text().trim().len() > 40 || is_note_about_the_data(&above.text()));
                if is_label(above)
                    && !is_sentence(above)
                    && !lone_title
                    && !is_group_row(above_row, header)
                {
                    header_text(above)
                } else {
                    String::new()
                }
            }
            None => String::new(),
        };
    }
    let mut parts: Vec<String> = (block.top..block.row)
        .filter_map(|r| group_over(grid, r, block.row, col))
        .filter(|g| !names_periods(g) && *g != own)
        .collect();
    parts.dedup();
    parts.push(own);
    parts.join(GROUP_SEPARATOR)
}

/// The group label in row `r` spanning `col`: the cell itself, or the nearest
/// label to its left with only blanks between, over header cells all filled
/// (a spacer column or a row label's column ends a group).
fn group_over(grid: &Grid, r: usize, header_row: usize, col: usize) -> Option<String> {
    let filled_header = |c: usize| !grid.cell(header_row, c).is_empty();
    let own = header_text(grid.cell(r, col));
    if !own.is_empty() {
        return Some(own);
    }
    let mut c = col;
    while c > 0 {
        if !filled_header(c) {
            return None;
        }
        c -= 1;
        let text = header_text(grid.cell(r, c));
        if !text.is_empty() {
            return filled_header(c).then_some(text);
        }
    }
    None
}

/// "Financial year" over "04/05 | 05/06 | …" says what the columns are, not a measure.
fn names_periods(group: &str) -> bool {
    header_has(
        group,
        &[
            "year",
            "financial year",
            "calendar year",
            "period",
            "quarter",
            "month",
        ],
    )
}

pub fn header_has(label: &str, words: &[&str]) -> bool {
    let lower = label.to_lowercase();
    words
        .iter()
        .any(|w| lower == *w || lower.starts_with(&format!("{w} ")))
}

/// Header text without line breaks, padding or footnote markers, and with
/// the names R, pandas and Stata give columns made readable: `Crime.type`
/// and `crime_type` are "Crime type", `X2014` is "2014", and the names they
/// invent for a blank header (`...1`, `X`, `X1`, `Unnamed: 0`) are blank.
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
            break;
        }
    }
    export_name(&t).unwrap_or(t)
}

/// A column name as statistics packages write it, read as a person would.
fn export_name(t: &str) -> Option<String> {
    let invented = |s: &str| {
        s == "X"
            || s.strip_prefix("...")
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
            || s.strip_prefix("Unnamed: ")
                .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
            || (s.len() <= 3
                && s.strip_prefix('X')
                    .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())))
    };
    if invented(t) {
        return Some(String::new());
    }
    // R writes a header "2014" as X2014 and "2014/15" as X2014.15.
    if let Some(rest) = t.strip_prefix('X') {
        if rest.len() >= 4
            && rest[..4].chars().all(|c| c.is_ascii_digit())
            && rest.chars().all(|c| c.is_ascii_digit() || c == '.')
        {
            return Some(rest.replacen('.', "/", 1));
        }
    }
    if t.contains(' ') || !t.contains(['.', '_']) {
        return None;
    }
    let chars: Vec<char> = t.chars().collect();
    let joins_words = chars
        .windows(3)
        .any(|w| matches!(w[1], '.' | '_') && w[0].is_alphanumeric() && w[2].is_alphabetic());
    if !joins_words {
        return None;
    }
    let spaced: String = t
        .split(['.', '_'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let mut out = String::with_capacity(spaced.len());
    for (i, ch) in spaced.chars().enumerate() {
        if i == 0 {
            out.extend(ch.to_uppercase());
        } else {
            out.push(ch);
        }
    }
    Some(out)
}

/// Notes that carry dates which are not the table's period ("Data extracted on 3 May 2016").
fn is_note_about_the_data(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    [
        "source",
        "note",
        "data extracted",
        "extracted",
        "produced",
        "published",
        "updated",
        "last updated",
        "contact",
        "next update",
        "date of extract",
        "©",
        "copyright",
    ]
    .iter()
    .any(|w| lower.starts_with(w))
}

/// The period the title and note rows between `from` and `to` state, the
/// first (topmost) one found; notes about extraction or sources are not read.
pub fn period_above(grid: &Grid, from: usize, to: usize) -> Option<Period> {
    (from..to.min(grid.rows.len())).find_map(|r| {
        let texts: Vec<String> = grid.rows[r]
            .iter()
            .filter(|c| is_label(c))
            .map(|c| c.text())
            .collect();
        // A row of column labels is not a title.
        if texts.len() != 1 || is_note_about_the_data(&texts[0]) {
            return None;
        }
        Period::find_in(&texts[0]).filter(|p| names_one_period(&texts[0], *p))
    })
}

/// Whether every year a title mentions falls within the period found in it:
/// "…, mid-2001 to mid-2020" spans many periods and states none for the table.
fn names_one_period(text: &str, period: Period) -> bool {
    let bytes = text.as_bytes();
    let digit = |j: usize| bytes.get(j).is_some_and(u8::is_ascii_digit);
    (0..bytes.len().saturating_sub(3))
        .filter(|&i| (i == 0 || !digit(i - 1)) && (i..i + 4).all(digit) && !digit(i + 4))
        .filter_map(|i| text[i..i + 4].parse::<i32>().ok())
        .filter(|y| (1800..=2200).contains(y))
        .all(|y| (period.start().year..=period.end().year).contains(&y))
}

/// The title-like row (a single label, not a sentence) nearest above `to`,
/// without a "Table 3." or "Table 1.7" prefix.
pub fn title_between(grid: &Grid, from: usize, to: usize) -> Option<String> {
    (from..to.min(grid.rows.len())).rev().find_map(|r| {
        let filled: Vec<&Cell> = grid.rows[r].iter().filter(|c| !c.is_empty()).collect();
        match filled.as_slice() {
            [only]
                if is_label(only)
                    && !only.text().trim_end().ends_with('.')
                    && !is_note_about_the_data(&only.text()) =>
            {
                let text = clean_header(&only.text());
                let title = match text.strip_prefix("Table ") {
                    Some(rest) => rest
                        .split_once(' ')
                        .map(|(_, t)| t.trim_start_matches([':', '.', '-', ' ']).to_string())
                        .unwrap_or(text.clone()),
                    None => text,
                };
                // Navigation links such as "Contents" are not titles.
                let navigation = [
                    "contents",
                    "back to contents",
                    "return to contents",
                    "index",
                    "notes",
                    "notes:",
                ]
                .contains(&title.to_lowercase().as_str());
                (title.len() > 3 && !navigation).then_some(title)
            }
            _ => None,
        }
    })
}

/// The units row's text over a column, if the table has one.
pub fn unit_label(grid: &Grid, block: &HeaderBlock, col: usize) -> Option<String> {
    let row = block.units?;
    let text = clean_header(&grid.cell(row, col).text());
    (!text.is_empty()).then_some(text)
}

/// Whether the words around a table (its title and note rows, the sheet's
/// name, the file's name) say that Q1…Q4 are calendar quarters: "calendar
/// year 2012", "January to December 2012", "Q1 is January to March",
/// "Q1 (Jan–Mar)". Public-sector files mostly count financial quarters, so
/// `Q1`…`Q4` under a bare year are only read as calendar quarters without
/// asking when something says so — and not when anything also speaks of a
/// financial year ("April to March", "fiscal"), which would contradict it.
/// "Jan–Mar" alone is no evidence: it is also Q4 of a financial year.
pub fn calendar_quarters_stated(texts: &[String]) -> bool {
    let words: Vec<String> = texts
        .iter()
        .map(|t| {
            t.to_lowercase()
                .replace(['–', '—', '-', '_', '(', ')', ':', '=', ','], " ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let says = |phrases: &[&str]| words.iter().any(|w| phrases.iter().any(|p| w.contains(p)));
    let q1_is_january = words.iter().any(|w| {
        w.match_indices("q1 ").any(|(i, _)| {
            let after = w[i + 3..].trim_start_matches("is ").trim_start();
            after.starts_with("jan")
        })
    });
    let calendar = q1_is_january
        || says(&[
            "calendar year",
            "calendar quarter",
            "january to december",
            "jan to dec",
            "year ending december",
            "year ending 31 december",
        ]);
    let financial = says(&[
        "financial year",
        "financial quarter",
        "fiscal",
        "april to march",
        "apr to mar",
        "year ending march",
        "year ending 31 march",
        "q1 is april",
        "q1 apr",
    ]);
    calendar && !financial
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footnote_markers_leave_headers() {
        assert_eq!(clean_header("Robbery*"), "Robbery");
        assert_eq!(
            clean_header(" Deaths\n in custody [note 2] "),
            "Deaths in custody"
        );
        assert_eq!(clean_header("Total^"), "Total");
    }

    #[test]
    fn names_from_r_pandas_and_stata_read_as_words() {
        assert_eq!(clean_header("Crime.type"), "Crime type");
        assert_eq!(clean_header("crime_type"), "Crime type");
        assert_eq!(clean_header("LSOA_code"), "LSOA code");
        assert_eq!(clean_header("...1"), "");
        assert_eq!(clean_header("X"), "");
        assert_eq!(clean_header("X1"), "");
        assert_eq!(clean_header("Unnamed: 0"), "");
        assert_eq!(clean_header("X2014"), "2014");
        assert_eq!(clean_header("No."), "No.");
        assert_eq!(clean_header("Rate per 1,000"), "Rate per 1,000");
        assert_eq!(clean_header("E07000116"), "E07000116");
    }

    #[test]
    fn years_rising_along_a_row_are_header_cells_and_counts_are_not() {
        let row = |cells: &[f64]| -> Vec<Cell> {
            std::iter::once(Cell::Empty)
                .chain(cells.iter().map(|&n| Cell::Number(n)))
                .collect()
        };
        assert_eq!(
            period_number_cells(&row(&[2004.0, 2005.0, 2006.0])).len(),
            3
        );
        assert_eq!(
            period_number_cells(&row(&[2014.0, 2015.0, 2014.0, 2015.0])).len(),
            4
        );
        assert!(period_number_cells(&row(&[1950.0, 2003.0, 1999.0])).is_empty());
        assert!(period_number_cells(&row(&[2004.0])).is_empty());
        assert!(period_number_cells(&row(&[12.0, 13.0])).is_empty());
        assert_eq!(
            period_number_cells(&row(&[2014.0, 2014.0, 2015.0, 2015.0])).len(),
            4
        );
        assert!(period_number_cells(&row(&[2014.0, 2014.0])).is_empty());
    }

    #[test]
    fn calendar_quarters_are_stated_in_words_not_by_a_bare_year() {
        let says = |texts: &[&str]| {
            calendar_quarters_stated(&texts.iter().map(|t| t.to_string()).collect::<Vec<_>>())
        };
        assert!(says(&["Recorded crime in Kent, calendar year 2012"]));
        assert!(says(&["Crime, January to December 2012"]));
        assert!(says(&[
            "Crime in Kent, 2012",
            "Quarters: Q1 is January to March."
        ]));
        assert!(says(&["Q1 (Jan–Mar) to Q4 (Oct–Dec)"]));
        assert!(!says(&["Crime in Kent, 2012"]));
        // Jan–Mar is also the fourth quarter of a financial year.
        assert!(!says(&["Q4 (Jan–Mar 2013)"]));
        assert!(!says(&[
            "Calendar year 2012",
            "Financial year quarters (April to March)"
        ]));
    }
}
