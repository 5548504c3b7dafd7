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
    /// How the columns were read, for the mapping step; `None` for record-level files.
    pub mapping: Option<Mapping>,
    /// How sure the importer is of this reading; a doubtful table stays out of the
    /// assessment until the user confirms or corrects it.
    #[serde(default, skip_serializing_if = "Reading::is_unremarkable")]
    pub reading: Reading,
}

/// How sure the importer is of its reading of a table, and why not.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Reading {
    /// Why the reading may be wrong, one plain-English sentence each; empty when sure.
    pub doubts: Vec<String>,
    /// The user confirmed or corrected the reading (a saved recipe applies to it).
    pub confirmed: bool,
}

impl Reading {
    /// Sure and unconfirmed: nothing worth storing (keeps stored data as it was).
    pub fn is_unremarkable(&self) -> bool {
        self.doubts.is_empty() && !self.confirmed
    }

    /// Whether the table's figures may enter the assessment.
    pub fn trusted(&self) -> bool {
        self.doubts.is_empty() || self.confirmed
    }
}

/// What the detection decided about a table's columns, shown so the user can correct it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mapping {
    /// The detected header's key for recipes (see `ingest::signature`).
    pub signature: String,
    /// The sheet row (from 1) the header was read from.
    pub header_row: usize,
    /// How far a recipe moved the header from the detected row.
    pub header_shift: i32,
    /// One role per column, left to right, alongside `TableSummary::header`.
    pub roles: Vec<RoleChoice>,
    /// The first rows under the header, as text, for the preview.
    pub preview: Vec<Vec<String>>,
    /// The area every figure was given when the table has no area column.
    pub area_for_all: Option<String>,
    pub recipe_applied: bool,
    /// Rows kept apart as totals ("Row 69: Kent, the county"), so the user can check them.
    pub total_rows: Vec<String>,
}

/// What a column holds, as the user chooses it in the mapping step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RoleChoice {
    Area,
    Period,
    Measure,
    Category,
    Value,
    PeriodFigures,
    MeasureFigures,
    ParentArea,
    Label,
    Ignore,
}

impl RoleChoice {
    pub const ALL: [RoleChoice; 10] = [
        RoleChoice::Area,
        RoleChoice::Period,
        RoleChoice::Measure,
        RoleChoice::Category,
        RoleChoice::Value,
        RoleChoice::PeriodFigures,
        RoleChoice::MeasureFigures,
        RoleChoice::ParentArea,
        RoleChoice::Label,
        RoleChoice::Ignore,
    ];

    pub fn describe(self) -> &'static str {
        match self {
            RoleChoice::Area => "Area names",
            RoleChoice::Period => "Periods",
            RoleChoice::Measure => "Measure names",
            RoleChoice::Category => "Breakdown labels",
            RoleChoice::Value => "Figures (long table)",
            RoleChoice::PeriodFigures => "Figures (period in header)",
            RoleChoice::MeasureFigures => "Figures (measure in header)",
            RoleChoice::ParentArea => "Larger area (not a key)",
            RoleChoice::Label => "Text (lookup)",
            RoleChoice::Ignore => "Ignore",
        }
    }
}

/// A table of codes and labels, kept as text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Lookup {
    pub file: String,
    pub sheet: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedSheet {
    pub file: String,
    pub sheet: String,
    pub reason: String,
}

/// Everything imported so far.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    pub observations: Vec<Observation>,
    pub tables: Vec<TableSummary>,
    pub lookups: Vec<Lookup>,
    /// Sheets that held no table, with the reason, so nothing is skipped silently.
    pub skipped_sheets: Vec<SkippedSheet>,
}

impl Dataset {
    /// Adds a newly imported file's data, replacing whatever an earlier import
    /// of a file with the same name brought, so a re-dropped file never doubles.
    pub fn merge_replacing(&mut self, other: Dataset) {
        let files: BTreeSet<String> = other.tables.iter().map(|t| t.file.clone()).collect();
        self.observations
            .retain(|o| !files.contains(&o.source.file));
        self.tables.retain(|t| !files.contains(&t.file));
        self.lookups.retain(|l| !files.contains(&l.file));
        self.skipped_sheets.retain(|s| !files.contains(&s.file));
        self.extend(other);
    }

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

    /// Every area with figures: districts first, then the county, forces,
    /// regions, national totals and the rest, each alphabetically.
    pub fn all_areas(&self) -> Vec<&str> {
        let order = |level: AreaLevel| match level {
            AreaLevel::District => 0,
            AreaLevel::County => 1,
            AreaLevel::Force => 2,
            AreaLevel::Region => 3,
            AreaLevel::National => 4,
            AreaLevel::Other => 5,
        };
        let set: BTreeSet<(u8, &str)> = self
            .observations
            .iter()
            .filter(|o| !o.measure.to_lowercase().contains("population"))
            .map(|o| (order(o.area_level), o.area.as_str()))
            .collect();
        let mut areas: Vec<&str> = set.into_iter().map(|(_, a)| a).collect();
        areas.dedup();
        areas
    }

    /// The area a view opens on: the sample's local area when present, else the first.
    pub fn default_area(&self, preferred: &str) -> Option<String> {
        let areas = self.all_areas();
        areas
            .iter()
            .find(|a| **a == preferred)
            .or_else(|| areas.first())
            .map(|a| a.to_string())
    }

    /// Renames areas as the user's aliases say, and sets their level; returns
    /// how many figures changed.
    pub fn apply_area_aliases(&mut self, aliases: &[crate::core::areas::AreaAlias]) -> usize {
        let mut changed = 0;
        for o in &mut self.observations {
            if let Some(alias) = aliases.iter().find(|a| a.matches(&o.area)) {
                if o.area != alias.to || o.area_level != alias.level {
                    o.area = alias.to.clone();
                    o.area_level = alias.level;
                    changed += 1;
                }
            }
        }
        changed
    }

    /// Every area with figures and its level, as the Data view lists them.
    pub fn areas_with_levels(&self) -> Vec<(String, AreaLevel)> {
        let set: BTreeSet<(AreaLevel, &str)> = self
            .observations
            .iter()
            .map(|o| (o.area_level, o.area.as_str()))
            .collect();
        set.into_iter().map(|(l, a)| (a.to_string(), l)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::period::Period;

    fn one(file: &str, value: f64) -> Dataset {
        Dataset {
            observations: vec![Observation {
                measure: "All crime".into(),
                category: None,
                area: "Kent".into(),
                area_level: AreaLevel::County,
                period: Period::calendar_year(2015),
                value: Value::Number(value),
                unit: Unit::Count,
                source: Provenance {
                    file: file.into(),
                    sheet: "CSV".into(),
                    cell: "B2".into(),
                },
            }],
            tables: vec![TableSummary {
                file: file.into(),
                sheet: "CSV".into(),
                range: "A1:B2".into(),
                shape: TableShape::Long,
                header: vec![],
                body_rows: 1,
                observations: 1,
                measures: vec!["All crime".into()],
                mapping: None,
                reading: Reading::default(),
            }],
            ..Dataset::default()
        }
    }

    #[test]
    fn aliases_rename_areas_and_set_their_level() {
        let mut data = one("a.csv", 1.0);
        data.observations[0].area = "KENT  county".into();
        let aliases = [crate::core::areas::AreaAlias {
            from: "Kent county".into(),
            to: "Kent".into(),
            level: AreaLevel::County,
        }];
        assert_eq!(data.apply_area_aliases(&aliases), 1);
        assert_eq!(data.observations[0].area, "Kent");
        assert_eq!(data.apply_area_aliases(&aliases), 0);
        assert_eq!(
            data.areas_with_levels(),
            [("Kent".to_string(), AreaLevel::County)]
        );
    }

    #[test]
    fn importing_a_file_again_replaces_it() {
        let mut data = one("a.csv", 1.0);
        data.merge_replacing(one("b.csv", 2.0));
        data.merge_replacing(one("a.csv", 3.0));
        assert_eq!(data.tables.len(), 2);
        let values: Vec<(String, f64)> = data
            .observations
            .iter()
            .map(|o| (o.source.file.clone(), o.value.number().unwrap()))
            .collect();
        assert_eq!(values, [("b.csv".into(), 2.0), ("a.csv".into(), 3.0)]);
    }
}
