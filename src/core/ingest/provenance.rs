//! Which table a figure was read from: its file, its sheet and a cell inside
//! the table's range (a record-level sheet is one table).

use super::workbook::in_range;
use crate::core::dataset::{Dataset, Observation, TableShape, TableSummary, Unit};
use std::collections::BTreeSet;

/// Whether a figure was read from this table.
pub fn table_holds(table: &TableSummary, o: &Observation) -> bool {
    o.source.file == table.file
        && o.source.sheet == table.sheet
        && (table.shape == TableShape::Records || in_range(&o.source.cell, &table.range))
}

/// The measures of a table's figures that are not counts, with their unit.
pub fn units_of(data: &Dataset, table: &TableSummary) -> Vec<(String, Unit)> {
    let found: BTreeSet<(&str, Unit)> = data
        .observations
        .iter()
        .filter(|o| !o.unit.is_additive() && table_holds(table, o))
        .map(|o| (o.measure.as_str(), o.unit))
        .collect();
    found.into_iter().map(|(m, u)| (m.to_string(), u)).collect()
}
