//! The tidy model every import becomes: one observation per measure × category ×
//! area × period, carrying the file, sheet and cell it came from.

use super::areas::AreaLevel;
use super::period::Period;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

/// A value as the source gave it. A missing value is never zero: it keeps the
/// marker the publisher used so the reason can be shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Value {
    Number(f64),
    Missing(MissingReason),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MissingReason {
    /// The cell was empty.
    Blank,
    /// A publisher's marker such as `..`, `*`, `x`, `[x]` or `N/A`.
    Suppressed(String),
}

impl Value {
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            Value::Missing(_) => None,
        }
    }
}

/// What a number measures, so a count is never called a rate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Unit {
    Count,
    Percent,
    RatePerThousand,
}

/// Where a figure came from: enough to find the cell again in the original file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    pub file: String,
    pub sheet: String,
    /// A1-style reference, e.g. "C7".
    pub cell: String,
}

impl fmt::Display for Provenance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} › {} › {}", self.file, self.sheet, self.cell)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Observation {
    pub measure: String,
    /// A breakdown within the measure ("Car occupant", "Town centre"); `None` for the whole.
    pub category: Option<String>,
    pub area: String,
    pub area_level: AreaLevel,
    pub period: Period,
    pub value: Value,
    pub unit: Unit,
    pub source: Provenance,
}

/// How a detected table was laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TableShape {
    /// One row per observation, with a value column.
    Long,
    /// Areas (or measures) down the side, periods across the top.
    WideByPeriod,
    /// Keys down the side, one measure per column.
    WideByMeasure,
    /// One row per crime, incident or casualty; figures are counts of rows.
    Records,
    /// Codes and labels with no figures, such as an area or code lookup.
    Lookup,
}

impl TableShape {
    pub fn describe(self) -> &'static str {
        match self {
            TableShape::Long => "long (one row per figure)",
            TableShape::WideByPeriod => "wide (periods across)",
            TableShape::WideByMeasure => "wide (measures across)",
            TableShape::Records => "records (counted by category and period)",
            TableShape::Lookup => "lookup (codes and labels, no figures)",
        }
    }
}

/// A table found in a sheet, as listed in the Data view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TableSummary {
    pub file: String,
    pub sheet: String,
    /// The table's cells in A1 notation, e.g. "A4:D40".
    pub range: String,
    pub shape: TableShape,
    pub header: Vec<String>,
    pub body_rows: usize,
    pub observations: usize,
    pub measures: Vec<String>,
}

/// A table of codes and labels, kept as text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Lookup {
    pub file: String,
    pub sheet: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Everything imported so far.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    pub observations: Vec<Observation>,
    pub tables: Vec<TableSummary>,
    pub lookups: Vec<Lookup>,
    /// Sheets that held no table, with the reason, so nothing is skipped silently.
    pub skipped_sheets: Vec<(String, String)>,
}

impl Dataset {
    pub fn extend(&mut self, other: Dataset) {
        self.observations.extend(other.observations);
        self.tables.extend(other.tables);
        self.lookups.extend(other.lookups);
        self.skipped_sheets.extend(other.skipped_sheets);
    }

    pub fn measures(&self) -> BTreeSet<&str> {
        self.observations
            .iter()
            .map(|o| o.measure.as_str())
            .collect()
    }

    pub fn areas(&self, level: AreaLevel) -> BTreeSet<&str> {
        self.observations
            .iter()
            .filter(|o| o.area_level == level)
            .map(|o| o.area.as_str())
            .collect()
    }

    /// The observation for one measure (whole, not a breakdown), area and period.
    pub fn find(&self, measure: &str, area: &str, period: &Period) -> Option<&Observation> {
        self.observations.iter().find(|o| {
            o.measure == measure && o.category.is_none() && o.area == area && o.period == *period
        })
    }
}
