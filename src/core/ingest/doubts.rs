//! Where a table's reading may be wrong, said in a sentence each, so the app
//! can ask the user to check it before its figures are used.

use super::table::{quoted_list, ColumnRole, DetectedTable};
use super::title_measure::measure_in_title;
use super::workbook::Grid;
use crate::core::areas;
use std::collections::BTreeMap;

/// The doubts about a table of figures, from its columns' roles.
pub fn of_table(grid: &Grid, table: &DetectedTable) -> Vec<String> {
    let mut doubts = Vec::new();
    let has = |f: &dyn Fn(&ColumnRole) -> bool| table.columns.iter().any(|c| f(&c.role));
    let named_by_title = !has(&|r| *r == ColumnRole::Measure)
        && has(&|r| {
            matches!(
                r,
                ColumnRole::PeriodAcross(_, None) | ColumnRole::Value | ColumnRole::AreaAcross(_)
            )
        });
    let title = table
        .title
        .clone()
        .unwrap_or_else(|| "the sheet's name".to_string());
    // A title that names one measure ("Burglary by district, 2019") is read as
    // its name with no doubt; a generic one ("Table 3", "Data") is asked about.
    let title_names_measure = table.title.as_deref().and_then(measure_in_title).is_some();
    if named_by_title && !title_names_measure {
        doubts.push(format!(
            "No column or header names the measure, so its figures were named after the table's title ({title})."
        ));
    }
    let totals: Vec<String> = table
        .columns
        .iter()
        .filter(|c| {
            c.role == ColumnRole::MeasureAcross
                && ["total", "grand total"].contains(&c.label.to_lowercase().as_str())
        })
        .map(|c| c.label.clone())
        .collect();
    if !totals.is_empty() {
        doubts.push(format!(
            "The {} column was read as the whole of what the table counts and named after its title ({title}).",
            quoted_list(&totals)
        ));
    }
    // Two columns that read as the same figure: a header misread, or all
    // columns collapsed into one measure.
    let mut seen: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for c in &table.columns {
        let key = match &c.role {
            ColumnRole::PeriodAcross(p, group) => {
                format!("{} in {}", group.as_deref().unwrap_or(&title), p.label())
            }
            ColumnRole::MeasureAcross => c.label.clone(),
            ColumnRole::AreaAcross(a) => areas::normalise(a).0,
            _ => continue,
        };
        seen.entry(key)
            .or_default()
            .push(grid.a1(table.header_row, c.index));
    }
    for (key, cells) in seen.into_iter().filter(|(_, cells)| cells.len() > 1) {
        doubts.push(format!(
            "The columns headed at {} all read as {key}: the header may have been misread.",
            cells.join(", ")
        ));
    }
    doubts
}
