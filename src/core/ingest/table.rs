//! Finds the table in a sheet: the header row below any title and note rows,
//! the body down to the first blank row, and what each column holds.

use super::cell::{Cell, ParsedText};
use super::recipe::{self, Recipe};
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
    /// A column of figures for one period, in a wide table, under a group
    /// label naming the measure when the header has two levels.
    PeriodAcross(Period, Option<String>),
    /// A column of figures for one measure, in a wide table.
    MeasureAcross,
    /// A larger area the row's area sits in ("Region"): not a key of the figure.
    ParentArea,
    /// Text in a lookup table.
    Label,
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
    /// The title above the table ("Table 1. Number of times tactics were used"), if any.
    pub title: Option<String>,
    /// The period of every figure when the table has no period column or
    /// headers, taken from its title, its sheet's name or the file's name.
    pub default_period: Option<Period>,
    /// The area of every figure when the table has no area column, as a recipe says.
    pub area_for_all: Option<String>,
    /// Whether a saved recipe set the columns' roles.
    pub recipe_applied: bool,
    /// The signature of the header as detected, the key of any recipe for this table.
    pub signature: String,
    /// How far a recipe moved the header from where it was detected.
    pub header_shift: i32,
}

impl DetectedTable {
    /// The table's cells in A1 notation, header to last body row: "A4:D69".
    pub fn range(&self, grid: &Grid) -> String {
        let last_row = self.body.end.saturating_sub(1).max(self.header_row);
        let last_col = self.columns.len().max(1) - 1;
        format!(
            "{}:{}",
            grid.a1(self.header_row, 0),
            grid.a1(last_row, last_col)
        )
    }

    /// The indexes of the columns in a role, left to right.
    pub fn columns_in(&self, role: impl Fn(&ColumnRole) -> bool) -> Vec<usize> {
        self.columns
            .iter()
            .filter(|c| role(&c.role))
            .map(|c| c.index)
            .collect()
    }
}

/// What the rest of the sheet and file say about a table.
#[derive(Clone, Debug, Default)]
pub struct TableContext {
    pub title: Option<String>,
    pub default_period: Option<Period>,
    /// Column labels of the table above, for a header that leaves them blank.
    pub inherited_labels: Vec<String>,
    /// The user's saved mapping for this table, found by its detected header.
    pub recipe: Option<Recipe>,
    /// The detected header's signature, kept as the recipe's key.
    pub signature: String,
}

/// How far below the previous table (or the top) a header may sit under titles and notes.
const HEADER_SEARCH_ROWS: usize = 40;
/// Tables after the first on one sheet; more is a listing, not tables.
const MAX_TABLES_PER_SHEET: usize = 50;

pub fn detect_table(grid: &Grid) -> Result<DetectedTable, String> {
    let header_row = find_header_row(grid).ok_or("no header row above a row of figures")?;
    detect_table_at(grid, header_row, &TableContext::default())
}

/// Every table on a sheet, top to bottom, or why there is none.
pub fn detect_tables(
    grid: &Grid,
    sheet_name: &str,
    file_name: &str,
    recipes: &[Recipe],
) -> Result<Vec<DetectedTable>, String> {
    let sheet_title = title_between(grid, 0, grid.rows.len().min(HEADER_SEARCH_ROWS));
    let mut tables: Vec<DetectedTable> = Vec::new();
    let mut from = 0;
    let mut first_error = None;
    while tables.len() < MAX_TABLES_PER_SHEET {
        let Some(detected_row) = find_header_row_from(grid, from) else {
            break;
        };
        let detected_labels: Vec<String> = (0..grid.rows[detected_row].len())
            .map(|c| header_label(grid, detected_row, c))
            .collect();
        let signature = recipe::signature(&detected_labels);
        let recipe = recipes.iter().find(|r| r.signature == signature).cloned();
        // A recipe may say the real header is a few rows from the detected one.
        let header_row = recipe
            .as_ref()
            .and_then(|r| detected_row.checked_add_signed(r.header_shift as isize))
            .filter(|&r| r < grid.rows.len())
            .unwrap_or(detected_row);
        let notes = title_between(grid, from, header_row);
        let title = notes.clone().or_else(|| sheet_title.clone());
        let default_period = [
            notes.as_deref(),
            sheet_title.as_deref(),
            Some(sheet_name),
            Some(file_name),
        ]
        .into_iter()
        .flatten()
        .find_map(Period::find_in);
        let context = TableContext {
            title,
            default_period,
            inherited_labels: tables
                .last()
                .map(|t| t.columns.iter().map(|c| c.label.clone()).collect())
                .unwrap_or_default(),
            recipe,
            signature,
        };
        match detect_table_at(grid, header_row, &context) {
            Ok(table) => {
                from = table.body.end;
                tables.push(table);
            }
            Err(reason) => {
                first_error.get_or_insert(reason);
                from = header_row + 1;
            }
        }
    }
    if tables.is_empty() {
        return Err(first_error.unwrap_or_else(|| "no header row above a row of figures".into()));
    }
    Ok(tables)
}

/// The title-like row (a single label, not a sentence) nearest above `to`,
/// without a "Table 3." or "Table 1.7" prefix.
fn title_between(grid: &Grid, from: usize, to: usize) -> Option<String> {
    (from..to.min(grid.rows.len())).rev().find_map(|r| {
        let filled: Vec<&Cell> = grid.rows[r].iter().filter(|c| !c.is_empty()).collect();
        match filled.as_slice() {
            [only] if is_label(only) && !only.text().trim_end().ends_with('.') => {
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
                ]
                .contains(&title.to_lowercase().as_str());
                (title.len() > 3 && !navigation).then_some(title)
            }
            _ => None,
        }
    })
}

/// The table whose header is `header_row`.
pub fn detect_table_at(
    grid: &Grid,
    header_row: usize,
    context: &TableContext,
) -> Result<DetectedTable, String> {
    let body_start = header_row + 1;
    let body_end = (body_start..grid.rows.len())
        .find(|&r| grid.rows[r].iter().all(Cell::is_empty))
        .unwrap_or(grid.rows.len());
    if body_end == body_start {
        return Err("a header row with nothing under it".into());
    }
    let width = (header_row..body_end)
        .map(|r| grid.rows[r].len())
        .max()
        .unwrap_or(0);
    let mut columns: Vec<Column> = (0..width)
        .map(|c| {
            let mut label = header_label(grid, header_row, c);
            if label.is_empty() && column_has_figures(grid, c, body_start..body_end) {
                label = context.inherited_labels.get(c).cloned().unwrap_or_default();
            }
            let role = classify(grid, c, &label, body_start..body_end);
            Column {
                index: c,
                label,
                role,
            }
        })
        .collect();
    let count = |columns: &[Column], f: &dyn Fn(&ColumnRole) -> bool| {
        columns.iter().filter(|c| f(&c.role)).count()
    };
    // With a measure column, a single column of figures is the value of a long table.
    if count(&columns, &|r| *r == ColumnRole::Measure) == 1
        && count(&columns, &|r| *r == ColumnRole::MeasureAcross) == 1
        && count(&columns, &|r| matches!(r, ColumnRole::PeriodAcross(..))) == 0
    {
        for c in columns
            .iter_mut()
            .filter(|c| c.role == ColumnRole::MeasureAcross)
        {
            c.role = ColumnRole::Value;
        }
    }
    // Beside periods across, a "Total" column sums them all: it belongs to no one period.
    if count(&columns, &|r| matches!(r, ColumnRole::PeriodAcross(..))) > 0 {
        for c in columns.iter_mut().filter(|c| {
            c.role == ColumnRole::MeasureAcross && c.label.to_lowercase().starts_with("total")
        }) {
            c.role = ColumnRole::Ignore;
        }
    }
    let signature = if context.signature.is_empty() {
        let labels: Vec<String> = columns.iter().map(|c| c.label.clone()).collect();
        recipe::signature(&labels)
    } else {
        context.signature.clone()
    };
    let shape = match context.recipe.as_ref().filter(|r| !r.roles.is_empty()) {
        Some(recipe) => {
            recipe.apply(&mut columns)?;
            shape_of(&columns, context.default_period.is_some())?
        }
        None => detected_shape(&mut columns, context.default_period.is_some())?,
    };
    Ok(DetectedTable {
        header_row,
        body: body_start..body_end,
        columns,
        shape,
        title: context.title.clone(),
        default_period: context.default_period,
        area_for_all: context.recipe.as_ref().and_then(|r| r.area.clone()),
        recipe_applied: context.recipe.is_some(),
        signature,
        header_shift: context.recipe.as_ref().map_or(0, |r| r.header_shift),
    })
}

/// The layout the detected roles make; a table of text without periods is a lookup.
fn detected_shape(columns: &mut [Column], has_default_period: bool) -> Result<TableShape, String> {
    let has =
        |columns: &[Column], f: &dyn Fn(&ColumnRole) -> bool| columns.iter().any(|c| f(&c.role));
    let has_period = has(columns, &|r| {
        matches!(r, ColumnRole::Period(_) | ColumnRole::PeriodAcross(..))
    }) || has_default_period;
    if has(columns, &|r| matches!(r, ColumnRole::PeriodAcross(..))) {
        Ok(TableShape::WideByPeriod)
    } else if has_period && has(columns, &|r| *r == ColumnRole::Value) {
        Ok(TableShape::Long)
    } else if has_period && has(columns, &|r| *r == ColumnRole::MeasureAcross) {
        Ok(TableShape::WideByMeasure)
    } else if columns.iter().filter(|c| !c.label.is_empty()).count() >= 2 {
        // Codes and labels without periods: keep every column as text.
        for c in columns.iter_mut().filter(|c| !c.label.is_empty()) {
            c.role = ColumnRole::Label;
        }
        Ok(TableShape::Lookup)
    } else {
        Err("a header row but no column of figures".into())
    }
}

/// The layout the user's chosen roles make, or why they make none.
fn shape_of(columns: &[Column], has_default_period: bool) -> Result<TableShape, String> {
    let has = |f: &dyn Fn(&ColumnRole) -> bool| columns.iter().any(|c| f(&c.role));
    let has_period = has(&|r| matches!(r, ColumnRole::Period(_) | ColumnRole::PeriodAcross(..)))
        || has_default_period;
    if has(&|r| matches!(r, ColumnRole::PeriodAcross(..))) {
        Ok(TableShape::WideByPeriod)
    } else if has_period && has(&|r| *r == ColumnRole::Value) {
        if !has(&|r| *r == ColumnRole::Measure) {
            return Err("a column of figures (long table) needs a column of measure names".into());
        }
        Ok(TableShape::Long)
    } else if has_period && has(&|r| *r == ColumnRole::MeasureAcross) {
        Ok(TableShape::WideByMeasure)
    } else if has(&|r| *r == ColumnRole::Label) {
        Ok(TableShape::Lookup)
    } else if has_period {
        Err("no column holds figures".into())
    } else {
        Err("no column holds periods, and neither the title nor the file names one".into())
    }
}

fn column_has_figures(grid: &Grid, col: usize, body: std::ops::Range<usize>) -> bool {
    body.into_iter().any(|r| is_figure(grid.cell(r, col)))
}

/// Joins a group label to the column label under it: "Robbery · Oct 2014 - Sep 2015".
pub const GROUP_SEPARATOR: &str = " · ";

/// A header cell's label, prefixed by the group label spanning it in the row
/// above when the header has two levels.
fn header_label(grid: &Grid, header_row: usize, col: usize) -> String {
    let mut label = clean_header(&grid.cell(header_row, col).text());
    if label.is_empty() && header_row > 0 {
        // A stacked header: "Appropriate authority" above a blank cell over the row labels.
        let above = grid.cell(header_row - 1, col);
        if is_label(above) && group_label(grid, header_row, col).is_none() {
            label = clean_header(&above.text());
        }
    }
    match group_label(grid, header_row, col) {
        Some(group) if !label.is_empty() && group != label => {
            format!("{group}{GROUP_SEPARATOR}{label}")
        }
        Some(group) if label.is_empty() => group,
        _ => label,
    }
}

/// The label spanning `col` in the row above the header: the nearest label at
/// or left of it, provided that row is a row of group labels (two or more, none
/// in the first column, which holds the row labels' own header).
fn group_label(grid: &Grid, header_row: usize, col: usize) -> Option<String> {
    let above = header_row.checked_sub(1)?;
    let row = grid.rows.get(above)?;
    let labels: Vec<usize> = (0..row.len()).filter(|&c| is_label(&row[c])).collect();
    if labels.is_empty() || labels.first() == Some(&0) || row.iter().any(is_figure) {
        return None;
    }
    let first = *labels.first()?;
    if col < first {
        return None;
    }
    let at = (first..=col)
        .rev()
        .find(|&c| row.get(c).is_some_and(is_label))?;
    let group = clean_header(&grid.cell(above, at).text());
    // "Financial year" over "04/05 | 05/06 | …" says what the columns are, not a measure.
    let names_periods = header_has(
        &group,
        &[
            "year",
            "financial year",
            "calendar year",
            "period",
            "quarter",
            "month",
        ],
    );
    (!names_periods).then_some(group)
}

fn is_figure(cell: &Cell) -> bool {
    matches!(cell.figure(), ParsedText::Number { .. })
}

fn is_label(cell: &Cell) -> bool {
    matches!(cell, Cell::Text(_)) && !cell.is_empty() && !is_figure(cell)
}

/// The first row of two or more labels whose next non-blank row holds a
/// figure; failing that, the first row of labels over rows as wide (a lookup).
pub fn find_header_row(grid: &Grid) -> Option<usize> {
    find_header_row_from(grid, 0)
}

pub fn find_header_row_from(grid: &Grid, from: usize) -> Option<usize> {
    let last = grid.rows.len().min(from + HEADER_SEARCH_ROWS);
    header_over_figures(grid, from, last)
        .map(|r| top_of_block(grid, r))
        .or_else(|| header_over_text(grid, from, last))
}

fn filled(grid: &Grid, r: usize) -> usize {
    grid.rows[r].iter().filter(|c| !c.is_empty()).count()
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
    if top < r
        && labels >= 2
        && labels == filled(grid, top)
        && starts_filled
        && labels >= filled(grid, r)
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

/// A footnote ("Theft of pedal cycle became notifiable under code 44.") is a
/// sentence; a column label is not.
fn is_sentence(cell: &Cell) -> bool {
    let text = cell.text();
    let text = text.trim();
    text.len() > 40 && text.ends_with('.')
}

/// A numbered footnote: a small number or marker, then a line of text.
fn is_note_row(row: &[Cell]) -> bool {
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
        let filled = row.iter().filter(|c| !c.is_empty()).count();
        if labels < 2 || labels * 2 < filled {
            return false;
        }
        let next = (r + 1..grid.rows.len()).find(|&n| grid.rows[n].iter().any(|c| !c.is_empty()));
        next.is_some_and(|n| grid.rows[n].iter().any(is_figure) && !is_note_row(&grid.rows[n]))
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
        return if !cells.is_empty() && periods * 2 > cells.len() {
            ColumnRole::Period(PeriodHint::None)
        } else if !cells.is_empty() && area_like * 2 > cells.len() {
            ColumnRole::Area
        } else {
            ColumnRole::Ignore
        };
    }
    if let Some(period) = Period::parse(label) {
        return ColumnRole::PeriodAcross(period, None);
    }
    if let Some((group, sub)) = label.rsplit_once(GROUP_SEPARATOR) {
        if let Some(period) = Period::parse(sub) {
            return ColumnRole::PeriodAcross(period, Some(group.to_string()));
        }
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
        if is_identifier_header(label) {
            return ColumnRole::Label;
        }
        if ["value", "count", "number", "offence count", "figure"].contains(&lower.as_str()) {
            return ColumnRole::Value;
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

/// Numbers that name rather than count: table numbers, row ids, codes.
fn is_identifier_header(label: &str) -> bool {
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
fn is_period_cell(cell: &Cell) -> bool {
    match cell {
        Cell::Number(n) => n.fract() == 0.0 && (1800.0..=2200.0).contains(n),
        Cell::Date(_) => true,
        Cell::Text(t) => Period::parse(t).is_some(),
        _ => false,
    }
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
        let lookup = grid(&[
            &["Code", "Label"],
            &["E07000116", "Tunbridge Wells"],
            &["E07000112", "Shepway"],
        ]);
        assert_eq!(
            detect_table(&lookup).map(|t| t.shape),
            Ok(TableShape::Lookup)
        );
        // No area column: the figures stand for an area the user can name later.
        let no_area = grid(&[&["Year", "Crimes"], &["2014", "12"]]);
        assert_eq!(
            detect_table(&no_area).map(|t| t.shape),
            Ok(TableShape::WideByMeasure)
        );
    }

    #[test]
    fn two_level_headers_name_the_measure() {
        let g = grid(&[
            &["Recorded crime"],
            &["", "Robbery", "", "Burglary", ""],
            &["Area", "2013/14", "2014/15", "2013/14", "2014/15"],
            &["Tunbridge Wells", "38", "53", "300", "280"],
        ]);
        let t = detect_table(&g).unwrap();
        assert_eq!(t.header_row, 2);
        assert_eq!(t.columns[2].label, "Robbery · 2014/15");
        assert_eq!(
            t.columns[3].role,
            ColumnRole::PeriodAcross(Period::parse("2013/14").unwrap(), Some("Burglary".into()))
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
