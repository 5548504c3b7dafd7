//! Finds the tables in a sheet — each table's header block below any title
//! and note rows, its body down to the last row that continues it, and what
//! each column holds — and says where the reading is in doubt.

use super::cell::{Cell, ParsedText};
pub use super::column_role::ColumnRole;
use super::column_role::{bare_quarter, classify};
use super::header::{
    calendar_quarters_stated, column_label, find_header_row_from, header_block, is_figure,
    is_label, period_above, title_between, unit_label, HeaderBlock, HEADER_SEARCH_ROWS,
};
pub use super::header::{clean_header, find_header_row, GROUP_SEPARATOR};
use super::recipe::{self, Recipe};
use super::title_measure::measure_in_title;
use super::workbook::Grid;
use crate::core::areas::{self, AreaLevel};
use crate::core::dataset::TableShape;
use crate::core::period::{Period, PeriodKind};

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub index: usize,
    pub label: String,
    pub role: ColumnRole,
    /// What a row of units under the header says of this column ("Rate per 1,000").
    pub unit: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DetectedTable {
    /// The lowest row of the header, right above the figures (or their units).
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
    /// Why this reading may be wrong, one sentence each; empty when the importer is sure.
    pub doubts: Vec<String>,
    /// Where the user put the header by hand, for a sheet no table was found on.
    pub by_hand: Option<crate::core::dataset::HandHeader>,
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

    /// What figures with no measure column or header are named: the measure
    /// the title names ("Burglary by district, 2019" → "Burglary"), else the
    /// whole title, or the sheet's name.
    pub fn measure_for_all(&self, sheet_name: &str) -> String {
        match &self.title {
            Some(title) => measure_in_title(title).unwrap_or_else(|| title.clone()),
            None => sheet_name.to_string(),
        }
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
    /// A header block the user chose by hand, in place of the detected one.
    pub block: Option<HeaderBlock>,
    /// The title, notes, sheet or file name say Q1…Q4 are calendar quarters.
    pub calendar_quarters_stated: bool,
}

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
    let first_block_top = find_header_row(grid).map(|r| header_block(grid, r).top);
    let sheet_title = title_between(
        grid,
        0,
        first_block_top.unwrap_or(grid.rows.len().min(HEADER_SEARCH_ROWS)),
    );
    let sheet_period = first_block_top.and_then(|top| period_above(grid, 0, top));
    let mut tables: Vec<DetectedTable> = Vec::new();
    let mut from = 0;
    let mut first_error = None;
    while tables.len() < MAX_TABLES_PER_SHEET {
        let Some(detected_row) = find_header_row_from(grid, from) else {
            break;
        };
        let detected_block = header_block(grid, detected_row);
        let detected_labels: Vec<String> = (0..grid.rows[detected_row].len())
            .map(|c| column_label(grid, &detected_block, c))
            .collect();
        let signature = recipe::signature(&detected_labels);
        let recipe = recipes.iter().find(|r| r.signature == signature).cloned();
        // A recipe may say the real header is a few rows from the detected one.
        let header_row = recipe
            .as_ref()
            .and_then(|r| detected_row.checked_add_signed(r.header_shift as isize))
            .filter(|&r| r < grid.rows.len())
            .unwrap_or(detected_row);
        let top = header_block(grid, header_row).top.max(from);
        let notes = title_between(grid, from, top);
        let title = notes.clone().or_else(|| sheet_title.clone());
        let default_period = period_above(grid, from, top)
            .or(sheet_period)
            .or_else(|| Period::find_in(sheet_name))
            .or_else(|| Period::find_in(file_stem(file_name)));
        let context = TableContext {
            title,
            default_period,
            calendar_quarters_stated: calendar_quarters_stated(&words_around(
                grid, from, top, sheet_name, file_name,
            )),
            inherited_labels: tables
                .last()
                .map(|t| t.columns.iter().map(|c| c.label.clone()).collect())
                .unwrap_or_default(),
            recipe,
            signature,
            block: None,
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

/// The table a recipe made by hand says is on a sheet where none was found:
/// `None` when no such recipe matches the sheet's rows, else the table or why
/// the mapping could not be applied.
pub fn hand_mapped(
    grid: &Grid,
    sheet_name: &str,
    file_name: &str,
    recipes: &[Recipe],
) -> Option<Result<DetectedTable, String>> {
    let text = recipe::grid_text(grid);
    let recipe = recipes.iter().find(|r| {
        r.by_hand
            .is_some_and(|h| recipe::hand_signature(&text, h).as_deref() == Some(&r.signature))
    })?;
    let hand = recipe.by_hand?;
    let depth = hand.rows.clamp(1, recipe::MAX_HAND_HEADER_ROWS);
    let top = (hand.row + 1).saturating_sub(depth);
    let context = TableContext {
        title: title_between(grid, 0, top),
        default_period: period_above(grid, 0, top)
            .or_else(|| Period::find_in(sheet_name))
            .or_else(|| Period::find_in(file_stem(file_name))),
        inherited_labels: Vec::new(),
        recipe: Some(recipe.clone()),
        signature: recipe.signature.clone(),
        block: Some(HeaderBlock {
            top,
            row: hand.row,
            units: None,
        }),
        calendar_quarters_stated: calendar_quarters_stated(&words_around(
            grid, 0, top, sheet_name, file_name,
        )),
    };
    Some(detect_table_at(grid, hand.row, &context))
}

/// The text of the title and note rows between `from` and `to`, with the
/// sheet's and the file's names: where a table's period may be described.
fn words_around(
    grid: &Grid,
    from: usize,
    to: usize,
    sheet_name: &str,
    file_name: &str,
) -> Vec<String> {
    let mut texts: Vec<String> = (from..to.min(grid.rows.len()))
        .flat_map(|r| grid.rows[r].iter().filter(|c| is_label(c)).map(Cell::text))
        .collect();
    texts.push(sheet_name.to_string());
    texts.push(file_stem(file_name).to_string());
    texts
}

/// A file's name without its extension ("crime-2007.ods" → "crime-2007"),
/// so the extension is not read as part of a period.
fn file_stem(file_name: &str) -> &str {
    match file_name.rsplit_once('.') {
        Some((stem, ext))
            if !stem.is_empty()
                && ext.len() <= 4
                && ext.chars().all(|c| c.is_ascii_alphabetic()) =>
        {
            stem
        }
        _ => file_name,
    }
}

/// A text label that is not a missing-value marker ("..", "x").
fn is_text_label(cell: &Cell) -> bool {
    is_label(cell) && !matches!(cell.figure(), ParsedText::Missing(_))
}

/// Blank rows a table's body may have inside it.
const MAX_BLANK_ROWS_INSIDE: usize = 2;

/// The end of the body starting at `start`: the first blank row, unless the
/// rows after it continue the table (row labels where its row labels are,
/// figures where its figures are) — a blank row inside a table.
fn body_end(grid: &Grid, start: usize) -> usize {
    let blank = |r: usize| grid.rows[r].iter().all(Cell::is_empty);
    let first_blank_from = |r: usize| {
        (r..grid.rows.len())
            .find(|&r| blank(r))
            .unwrap_or(grid.rows.len())
    };
    let mut end = first_blank_from(start);
    while end < grid.rows.len() {
        let Some(next) =
            (end..grid.rows.len().min(end + MAX_BLANK_ROWS_INSIDE + 1)).find(|&r| !blank(r))
        else {
            return end;
        };
        if !continues(grid, start..end, next) {
            return end;
        }
        end = first_blank_from(next);
    }
    end
}

/// Whether row `next` reads as another row of the body `body`.
fn continues(grid: &Grid, body: std::ops::Range<usize>, next: usize) -> bool {
    let row = &grid.rows[next];
    let label_columns = |r: usize| -> Vec<usize> {
        (0..grid.rows[r].len())
            .filter(|&c| is_text_label(&grid.rows[r][c]))
            .collect()
    };
    let figure_columns: std::collections::BTreeSet<usize> = body
        .clone()
        .flat_map(|r| (0..grid.rows[r].len()).filter(move |&c| is_figure(&grid.rows[r][c])))
        .collect();
    let labels = label_columns(next);
    let first_labels = label_columns(body.start);
    !labels.is_empty()
        && labels.iter().all(|c| first_labels.contains(c))
        && row.iter().any(is_figure)
        && (0..row.len())
            .filter(|&c| is_figure(&row[c]))
            .all(|c| figure_columns.contains(&c))
}

/// The table whose header's lowest row is `header_row`.
pub fn detect_table_at(
    grid: &Grid,
    header_row: usize,
    context: &TableContext,
) -> Result<DetectedTable, String> {
    let block = context
        .block
        .clone()
        .unwrap_or_else(|| header_block(grid, header_row));
    // Under a header chosen by hand, the figures start at the first row that
    // holds one (past blank and note rows between them and the header).
    let body_start = match context.block {
        Some(_) => (block.body_start()..grid.rows.len())
            .find(|&r| grid.rows[r].iter().any(is_figure))
            .unwrap_or(grid.rows.len()),
        None => block.body_start(),
    };
    if body_start >= grid.rows.len() {
        return Err("a header row with nothing under it".into());
    }
    let body_end = body_end(grid, body_start);
    if body_end == body_start {
        return Err("a header row with nothing under it".into());
    }
    let width = (block.top..body_end)
        .map(|r| grid.rows[r].len())
        .max()
        .unwrap_or(0);
    let mut columns: Vec<Column> = (0..width)
        .map(|c| {
            let mut label = column_label(grid, &block, c);
            if label.is_empty() && column_has_figures(grid, c, body_start..body_end) {
                label = context.inherited_labels.get(c).cloned().unwrap_or_default();
            }
            let role = classify(
                grid,
                c,
                &label,
                body_start..body_end,
                context.default_period,
            );
            Column {
                index: c,
                label,
                role,
                unit: unit_label(grid, &block, c),
            }
        })
        .collect();
    let mut doubts = Vec::new();
    if context.recipe.as_ref().is_none_or(|r| r.roles.is_empty()) {
        settle_roles(&mut columns, context, &mut doubts);
    }
    let totals_beyond = if context.recipe.as_ref().is_none_or(|r| r.roles.is_empty()) {
        set_aside_row_sums(grid, &mut columns, body_start..body_end)
    } else {
        Vec::new()
    };
    let signature = if context.signature.is_empty() {
        let labels: Vec<String> = columns.iter().map(|c| c.label.clone()).collect();
        recipe::signature(&labels)
    } else {
        context.signature.clone()
    };
    // Named for what it is (after the signature, which keys the header as written).
    for c in columns
        .iter_mut()
        .filter(|c| totals_beyond.contains(&c.index))
    {
        c.label = format!("{} {TOTAL_BEYOND_SHOWN}", c.label);
    }
    let (shape, figures_without_period) =
        match context.recipe.as_ref().filter(|r| !r.roles.is_empty()) {
            Some(recipe) => {
                recipe.apply(&mut columns)?;
                (
                    shape_of(&columns, context.default_period.is_some())?,
                    Vec::new(),
                )
            }
            None => detected_shape(&mut columns, context.default_period.is_some())?,
        };
    // A code list with a weight or a count beside its codes is still a code
    // list; a table mostly of figures read as one is in doubt.
    let labelled = columns.iter().filter(|c| !c.label.is_empty()).count();
    if !figures_without_period.is_empty() && figures_without_period.len() * 2 >= labelled {
        doubts.push(format!(
            "The columns {} hold figures, but no period was found for them in the table, its title, the sheet's name or the file's name, so the table was read as a list of labels.",
            quoted_list(&figures_without_period)
        ));
    }
    let mut table = DetectedTable {
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
        doubts,
        by_hand: context.recipe.as_ref().and_then(|r| r.by_hand),
    };
    if shape != TableShape::Lookup {
        let more = super::doubts::of_table(grid, &table);
        table.doubts.extend(more);
    }
    Ok(table)
}

/// A "Total" column beside measures across that equals, in every row, the
/// sum of the count columns beside it adds nothing: it is the total of the
/// measures shown, not a measure of its own, so it is not read (rather than
/// read as the table's whole and named after its title, which needs checking).
/// Rates, percentages and other non-count columns are left out of the sum.
///
/// A "Total" at least the sum of the counts beside it in every row, and more
/// in some, is a real total of more categories than the table shows ("All
/// crime" beside a few offences): returned, to be read as a measure of its own
/// named for what it is, with no doubt about the measures shown. A "Total"
/// below the sum of its neighbours in any row is neither, and stays in doubt.
fn set_aside_row_sums(
    grid: &Grid,
    columns: &mut [Column],
    body: std::ops::Range<usize>,
) -> Vec<usize> {
    let is_total = |c: &Column| {
        c.role == ColumnRole::MeasureAcross
            && ["total", "grand total"].contains(&c.label.to_lowercase().as_str())
    };
    let parts: Vec<usize> = columns
        .iter()
        .filter(|c| c.role == ColumnRole::MeasureAcross && !is_total(c))
        .filter(|c| {
            super::unit::unit_in_words(&c.label)
                .is_none_or(|u| u == crate::core::dataset::Unit::Count)
        })
        .map(|c| c.index)
        .collect();
    if parts.len() < 2 {
        return Vec::new();
    }
    let number = |row: usize, col: usize| match grid.cell(row, col).figure() {
        ParsedText::Number { value, .. } => Some(value),
        _ => None,
    };
    let mut beyond = Vec::new();
    for total in columns.iter_mut().filter(|c| is_total(c)) {
        let (mut checked, mut equal, mut above) = (0, 0, 0);
        for row in body.clone() {
            let Some(stated) = number(row, total.index) else {
                continue;
            };
            let Some(sum) = parts.iter().map(|&c| number(row, c)).sum::<Option<f64>>() else {
                continue;
            };
            checked += 1;
            if (stated - sum).abs() <= 0.5 {
                equal += 1;
            } else if stated > sum {
                above += 1;
            }
        }
        if checked >= 2 && equal == checked {
            total.role = ColumnRole::Ignore;
        } else if checked >= 2 && equal + above == checked {
            beyond.push(total.index);
        }
    }
    beyond
}

/// Added to the label of a "Total" that counts more than the measures shown.
pub const TOTAL_BEYOND_SHOWN: &str = "(includes categories not shown)";

/// “A”, “B” and “C”.
pub fn quoted_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("“{i}”")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Roles decided from the table as a whole rather than one column at a time.
fn settle_roles(columns: &mut [Column], context: &TableContext, doubts: &mut Vec<String>) {
    let count = |columns: &[Column], f: &dyn Fn(&ColumnRole) -> bool| {
        columns.iter().filter(|c| f(&c.role)).count()
    };
    // A "Region" column beside no other column of areas is the areas of the
    // figures (a table of regions), not the region each row's area sits in.
    if count(columns, &|r| *r == ColumnRole::Area) == 0 {
        if let Some(parent) = columns
            .iter_mut()
            .find(|c| c.role == ColumnRole::ParentArea)
        {
            parent.role = ColumnRole::Area;
        }
    }
    // Areas across the top: a column per district, measures or periods down.
    // (A header of two rows may pair each area's name with its code.)
    let area_named = |label: &str| {
        label
            .split(GROUP_SEPARATOR)
            .find(|part| areas::normalise(part).1 != AreaLevel::Other)
            .map(str::to_string)
    };
    let area_columns: Vec<(usize, String)> = columns
        .iter()
        .filter(|c| c.role == ColumnRole::MeasureAcross)
        .filter_map(|c| area_named(&c.label).map(|a| (c.index, a)))
        .collect();
    if area_columns.len() >= 2 && count(columns, &|r| *r == ColumnRole::Area) == 0 {
        for (index, area) in area_columns {
            columns[index].role = ColumnRole::AreaAcross(area);
        }
    }
    // With a measure column, a single column of figures is the value of a long table.
    if count(columns, &|r| *r == ColumnRole::Measure) == 1
        && count(columns, &|r| *r == ColumnRole::MeasureAcross) == 1
        && count(columns, &|r| {
            matches!(r, ColumnRole::PeriodAcross(..) | ColumnRole::AreaAcross(_))
        }) == 0
    {
        for c in columns
            .iter_mut()
            .filter(|c| c.role == ColumnRole::MeasureAcross)
        {
            c.role = ColumnRole::Value;
        }
    }
    // Beside periods or areas across, a "Total" column sums them all: it
    // belongs to no one period or area.
    if count(columns, &|r| {
        matches!(r, ColumnRole::PeriodAcross(..) | ColumnRole::AreaAcross(_))
    }) > 0
    {
        for c in columns.iter_mut().filter(|c| {
            c.role == ColumnRole::MeasureAcross && c.label.to_lowercase().starts_with("total")
        }) {
            c.role = ColumnRole::Ignore;
        }
    }
    // "Q1 | Q2 | Q3" with no year anywhere cannot be placed in time.
    let bare: Vec<String> = columns
        .iter()
        .filter(|c| {
            c.role == ColumnRole::MeasureAcross
                && c.label
                    .split(GROUP_SEPARATOR)
                    .any(|part| bare_quarter(part).is_some())
        })
        .map(|c| c.label.clone())
        .collect();
    if !bare.is_empty() {
        for c in columns.iter_mut().filter(|c| bare.contains(&c.label)) {
            c.role = ColumnRole::Ignore;
        }
        doubts.push(format!(
            "The columns {} name quarters, but neither the title, the sheet's name nor the file's name says which year, so their figures were not read.",
            quoted_list(&bare)
        ));
    }
    // Said in words ("calendar year 2012", "Q1 is January to March"), the
    // calendar quarters need no question.
    if let Some(year) = context
        .default_period
        .filter(|p| p.kind() == PeriodKind::CalendarYear && !context.calendar_quarters_stated)
    {
        let quarters = columns
            .iter()
            .any(|c| matches!(&c.role, ColumnRole::PeriodAcross(p, _) if p.kind() == PeriodKind::CalendarQuarter) && bare_quarter(c.label.rsplit(GROUP_SEPARATOR).next().unwrap_or("")).is_some());
        if quarters {
            doubts.push(format!(
                "Q1 to Q4 were read as the calendar quarters of {} (Q1 is January to March); if they are financial quarters, Q1 is April to June.",
                year.label()
            ));
        }
    }
    // Row labels that are not areas, beside figures for periods or areas
    // across and no measure named anywhere else, are the measures.
    let across_without_measure = columns.iter().all(|c| match &c.role {
        ColumnRole::PeriodAcross(_, group) => group.is_none(),
        ColumnRole::MeasureAcross | ColumnRole::Value => false,
        _ => true,
    }) && count(columns, &|r| {
        matches!(r, ColumnRole::PeriodAcross(..) | ColumnRole::AreaAcross(_))
    }) > 0;
    let promote = across_without_measure
        && count(columns, &|r| *r == ColumnRole::Measure) == 0
        && count(columns, &|r| *r == ColumnRole::Category) == 1;
    if !promote {
        // Row labels under a blank corner name measures only beside periods or areas across.
        for c in columns
            .iter_mut()
            .filter(|c| c.role == ColumnRole::Category && c.label.is_empty())
        {
            c.role = ColumnRole::Ignore;
        }
    }
    if promote {
        let areas_down = count(columns, &|r| *r == ColumnRole::Area) > 0;
        let areas_across = count(columns, &|r| matches!(r, ColumnRole::AreaAcross(_))) > 0;
        if !areas_down || areas_across {
            // Only a column with no header: "Gender" or "Age group" over the
            // row labels names a breakdown, not measures.
            for c in columns
                .iter_mut()
                .filter(|c| c.role == ColumnRole::Category && c.label.is_empty())
            {
                c.role = ColumnRole::Measure;
            }
        }
    }
}

/// The layout the detected roles make, and the labels of any columns of
/// figures left out because no period was found; a table of text without
/// periods is a lookup.
fn detected_shape(
    columns: &mut [Column],
    has_default_period: bool,
) -> Result<(TableShape, Vec<String>), String> {
    let has =
        |columns: &[Column], f: &dyn Fn(&ColumnRole) -> bool| columns.iter().any(|c| f(&c.role));
    let has_period = has(columns, &|r| {
        matches!(r, ColumnRole::Period(_) | ColumnRole::PeriodAcross(..))
    }) || has_default_period;
    if has(columns, &|r| matches!(r, ColumnRole::PeriodAcross(..))) {
        Ok((TableShape::WideByPeriod, Vec::new()))
    } else if has_period && has(columns, &|r| matches!(r, ColumnRole::AreaAcross(_))) {
        Ok((TableShape::WideByArea, Vec::new()))
    } else if has_period && has(columns, &|r| *r == ColumnRole::Value) {
        Ok((TableShape::Long, Vec::new()))
    } else if has_period && has(columns, &|r| *r == ColumnRole::MeasureAcross) {
        Ok((TableShape::WideByMeasure, Vec::new()))
    } else if columns.iter().filter(|c| !c.label.is_empty()).count() >= 2 {
        let figures: Vec<String> = columns
            .iter()
            .filter(|c| {
                matches!(
                    c.role,
                    ColumnRole::MeasureAcross | ColumnRole::Value | ColumnRole::AreaAcross(_)
                )
            })
            .map(|c| c.label.clone())
            .collect();
        // Codes and labels without periods: keep every column as text.
        for c in columns.iter_mut().filter(|c| !c.label.is_empty()) {
            c.role = ColumnRole::Label;
        }
        Ok((TableShape::Lookup, figures))
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
    } else if has_period && has(&|r| matches!(r, ColumnRole::AreaAcross(_))) {
        Ok(TableShape::WideByArea)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::period::PeriodHint;

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

    fn cells(rows: &[&[Cell]]) -> Grid {
        Grid {
            rows: rows.iter().map(|r| r.to_vec()).collect(),
            origin: (0, 0),
        }
    }

    fn text(t: &str) -> Cell {
        if t.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(t.to_string())
        }
    }

    /// Issue 12: a merged two-level header whose group row also carries the
    /// row labels' headers, blanks beneath them, keeps every measure apart.
    #[test]
    fn group_row_with_row_label_headers_keeps_each_measure() {
        let g = grid(&[
            &["Community safety indicators"],
            &[],
            &[
                "District",
                "Population (mid-2015)",
                "Robbery",
                "",
                "Burglary",
                "",
            ],
            &["", "", "2013/14", "2014/15", "2013/14", "2014/15"],
            &["Ashford", "120000", "38", "53", "300", "280"],
            &["Dover", "110000", "20", "25", "200", "210"],
        ]);
        let t = detect_tables(&g, "Sheet1", "book.xlsx", &[])
            .unwrap()
            .remove(0);
        assert_eq!(t.columns[0].role, ColumnRole::Area);
        assert_eq!(t.columns[1].label, "Population (mid-2015)");
        assert_eq!(
            t.columns[5].role,
            ColumnRole::PeriodAcross(Period::parse("2014/15").unwrap(), Some("Burglary".into()))
        );
        assert_eq!(t.body, 4..6);
    }

    /// Issue 12: years stored as numbers in the header are found and read as periods.
    #[test]
    fn years_stored_as_numbers_are_a_header() {
        let g = cells(&[
            &[text("Robbery, recorded offences")],
            &[],
            &[
                text("District"),
                Cell::Number(2004.0),
                Cell::Number(2005.0),
                Cell::Number(2006.0),
            ],
            &[
                text("Ashford"),
                Cell::Number(60.0),
                Cell::Number(52.0),
                Cell::Number(49.0),
            ],
            &[
                text("Dover"),
                Cell::Number(30.0),
                Cell::Number(2007.0),
                Cell::Number(41.0),
            ],
        ]);
        let t = detect_tables(&g, "Sheet1", "book.xlsx", &[])
            .unwrap()
            .remove(0);
        assert_eq!(t.header_row, 2);
        assert_eq!(t.shape, TableShape::WideByPeriod);
        assert_eq!(
            t.columns[1].role,
            ColumnRole::PeriodAcross(Period::calendar_year(2004), None)
        );
        // Named by its title, which names one measure: no doubt.
        assert_eq!(t.measure_for_all("Sheet1"), "Robbery, recorded offences");
        assert!(t.doubts.is_empty(), "{:?}", t.doubts);
    }

    /// Issue 12: "Measure | Q1 | Q2 | Q3" keeps its measure names; the year comes from the title.
    #[test]
    fn bare_quarters_take_their_year_from_the_title() {
        let g = grid(&[
            &["Partnership performance 2015/16"],
            &["Measure", "Q1", "Q2", "Q3"],
            &["All crime", "1200", "1300", "1250"],
            &["Domestic abuse incidents", "300", "310", "290"],
        ]);
        let t = detect_tables(&g, "Sheet1", "book.xlsx", &[])
            .unwrap()
            .remove(0);
        assert_eq!(t.columns[0].role, ColumnRole::Measure);
        assert_eq!(
            t.columns[2].role,
            ColumnRole::PeriodAcross(Period::financial_quarter(2015, 2).unwrap(), None)
        );
        assert!(t.doubts.is_empty(), "{:?}", t.doubts);
        // With no year anywhere, the quarters are not guessed.
        let g = grid(&[
            &["Measure", "Q1", "Q2"],
            &["All crime", "1200", "1300"],
            &["Robbery", "12", "13"],
        ]);
        let t = detect_tables(&g, "Sheet1", "book.xlsx", &[]);
        assert!(t.map_or(true, |t| t.iter().all(|t| !t.doubts.is_empty())));
    }

    /// Q1…Q4 under a bare year are calendar quarters; asked about unless
    /// the title, a note or a name says so.
    #[test]
    fn calendar_quarters_said_in_words_need_no_question() {
        let quarters = |title: &str, note: &str, file: &str| {
            let title_row = [title];
            let mut rows: Vec<&[&str]> = vec![&title_row];
            let note_row = [note];
            if !note.is_empty() {
                rows.push(&note_row);
            }
            rows.extend([
                &["Measure", "Q1", "Q2"][..],
                &["All crime", "1200", "1300"][..],
                &["Robbery", "12", "13"][..],
            ]);
            detect_tables(&grid(&rows), "Sheet1", file, &[])
                .unwrap()
                .remove(0)
        };
        for (title, note, file) in [
            (
                "Partnership performance, calendar year 2012",
                "",
                "book.xlsx",
            ),
            (
                "Partnership performance, January to December 2012",
                "",
                "book.xlsx",
            ),
            (
                "Partnership performance 2012",
                "Quarters are calendar quarters: Q1 is January to March.",
                "book.xlsx",
            ),
            (
                "Partnership performance 2012",
                "",
                "quarters-calendar-year.xlsx",
            ),
        ] {
            let t = quarters(title, note, file);
            assert_eq!(
                t.columns[2].role,
                ColumnRole::PeriodAcross(Period::calendar_quarter(2012, 2).unwrap(), None),
                "{title} / {note} / {file}"
            );
            assert!(t.doubts.is_empty(), "{title}: {:?}", t.doubts);
        }
        let t = quarters("Partnership performance 2012", "", "book.xlsx");
        assert_eq!(
            t.columns[2].role,
            ColumnRole::PeriodAcross(Period::calendar_quarter(2012, 2).unwrap(), None)
        );
        assert_eq!(t.doubts.len(), 1, "{:?}", t.doubts);
    }

    /// A "Total" beside measures across that counts more than they do is a
    /// measure of its own; one below their sum stays in doubt.
    #[test]
    fn a_total_of_more_than_the_measures_shown_is_its_own_measure() {
        let table = |totals: [&str; 2]| {
            let g = grid(&[
                &["Recorded crime 2014/15"],
                &["District", "Robbery", "Burglary", "Total"],
                &["Ashford", "38", "300", totals[0]],
                &["Dover", "20", "200", totals[1]],
            ]);
            detect_tables(&g, "Sheet1", "book.xlsx", &[])
                .unwrap()
                .remove(0)
        };
        let t = table(["900", "220"]);
        assert_eq!(t.columns[3].label, "Total (includes categories not shown)");
        assert_eq!(t.columns[3].role, ColumnRole::MeasureAcross);
        assert!(t.doubts.is_empty(), "{:?}", t.doubts);
        // Below the sum of the measures beside it: neither, and asked about.
        let t = table(["100", "100"]);
        assert!(!t.doubts.is_empty());
        // The sum of the measures shown adds nothing and is not read.
        let t = table(["338", "220"]);
        assert_eq!(t.columns[3].role, ColumnRole::Ignore);
        assert!(t.doubts.is_empty(), "{:?}", t.doubts);
    }

    /// Areas across the top, measures down.
    #[test]
    fn areas_across_are_areas() {
        let g = grid(&[
            &["Recorded crime 2014/15"],
            &["Offence", "Ashford", "Dover", "Kent"],
            &["Robbery", "38", "20", "700"],
            &["Burglary", "300", "200", "9000"],
        ]);
        let t = detect_tables(&g, "Sheet1", "book.xlsx", &[])
            .unwrap()
            .remove(0);
        assert_eq!(t.shape, TableShape::WideByArea);
        assert_eq!(t.columns[2].role, ColumnRole::AreaAcross("Dover".into()));
        assert!(t.doubts.is_empty());
    }

    /// A blank row inside a table does not end it; a title and header below start another.
    #[test]
    fn a_blank_row_inside_a_table_does_not_end_it() {
        let g = grid(&[
            &["District", "Robbery", "Burglary"],
            &["Ashford", "38", "300"],
            &[],
            &["Dover", "20", "200"],
            &[],
            &["Second table 2015/16"],
            &["District", "Arson"],
            &["Ashford", "3"],
        ]);
        let tables = detect_tables(&g, "Sheet1", "crime-2014-15.xlsx", &[]).unwrap();
        assert_eq!(tables[0].body, 1..4);
        assert_eq!(tables[1].header_row, 6);
    }
}
