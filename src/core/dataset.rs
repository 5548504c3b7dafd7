//! The tidy model every import becomes: one observation per measure × category ×
//! area × period, carrying the file, sheet and cell it came from.

mod json_slices;
mod lsoa_tally;
mod packed_counts;
mod ward_counts;

pub use json_slices::{
    into_sliced_json, to_sliced_json, JsonReader, JsonWriter, SlicedJson, SlicedReader,
    FIGURES_PER_SLICE,
};
pub use lsoa_tally::{
    density, district_counts, tallied_crime_types, tallied_districts, tallied_months, Density,
    DensityCell, DensityGrid, DistrictCounts, LsoaCount, LsoaTally, LsoaVintage, TalliedLsoa,
    TallyDistrict, ALL_CRIME, ANTI_SOCIAL_BEHAVIOUR, GRID_LAT_MICRO, GRID_LON_MICRO,
    MAX_GRID_CELLS,
};
pub use packed_counts::PackedCounts;
pub use ward_counts::{ward_counts, WardCount, WardCounts, WARD_NOT_KNOWN};

use super::areas::AreaLevel;
use super::format;
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

/// What a number measures, so a count is never called a rate. Only counts add
/// up: every other unit is *non-additive* and is never summed into a rolling
/// year or a county total, never tested as a Poisson count and never given a
/// count noun (see `ingest::unit` for how a unit is recognised).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Unit {
    Count,
    /// A percentage as written: 22 means 22%.
    Percent,
    RatePerThousand,
    /// A share as a fraction: 0.22 means 22%.
    Proportion,
    RatePerHundredThousand,
    /// A mean or average of something (days, age, crimes per offender).
    Average,
    /// Pounds sterling.
    Money,
    /// One figure over another, not a share (1.4 officers per 1,000 crimes, 2:1).
    Ratio,
}

impl Unit {
    pub const ALL: [Unit; 8] = [
        Unit::Count,
        Unit::Proportion,
        Unit::Percent,
        Unit::RatePerThousand,
        Unit::RatePerHundredThousand,
        Unit::Average,
        Unit::Money,
        Unit::Ratio,
    ];

    /// Whether figures in this unit add up (into a year, a county, a total).
    pub fn is_additive(self) -> bool {
        self == Unit::Count
    }

    /// Whether the figure is a share of a whole, compared in percentage points.
    pub fn is_share(self) -> bool {
        matches!(self, Unit::Proportion | Unit::Percent)
    }

    /// The figure as a share (0–1), for shares.
    pub fn as_fraction(self, value: f64) -> Option<f64> {
        match self {
            Unit::Proportion => Some(value),
            Unit::Percent => Some(value / 100.0),
            _ => None,
        }
    }

    /// What the unit is, in a few words, for the Data view and the mapping step.
    pub fn describe(self) -> &'static str {
        match self {
            Unit::Count => "count",
            Unit::Proportion => "proportion (0.22 = 22%)",
            Unit::Percent => "percentage (22 = 22%)",
            Unit::RatePerThousand => "rate per 1,000",
            Unit::RatePerHundredThousand => "rate per 100,000",
            Unit::Average => "average",
            Unit::Money => "money (£)",
            Unit::Ratio => "ratio",
        }
    }

    /// A figure in its unit: "1,696", "22.0%", "1.8 per 1,000", "£1,200", "2.35".
    pub fn show(self, value: f64) -> String {
        use crate::core::format;
        match self {
            Unit::Count => format::count(value),
            Unit::Proportion => format!("{}%", format::number(value * 100.0, 1)),
            Unit::Percent => format!("{}%", format::number(value, 1).trim_end_matches(".0")),
            Unit::RatePerThousand => format::rate_per_thousand(value),
            Unit::RatePerHundredThousand => format!("{} per 100,000", format::number(value, 1)),
            Unit::Average => format::number(value, if value.abs() < 100.0 { 1 } else { 0 }),
            Unit::Money if value.fract() == 0.0 || value.abs() >= 1000.0 => {
                format!("£{}", format::number(value, 0))
            }
            Unit::Money => format!("£{}", format::number(value, 2)),
            Unit::Ratio => format::number(value, 2),
        }
    }

    /// A chart axis's name for figures in this unit; `None` for counts (their noun).
    pub fn axis_name(self) -> Option<&'static str> {
        match self {
            Unit::Count => None,
            Unit::Proportion | Unit::Percent => Some("%"),
            Unit::RatePerThousand => Some("per 1,000"),
            Unit::RatePerHundredThousand => Some("per 100,000"),
            Unit::Average => Some("average"),
            Unit::Money => Some("£"),
            Unit::Ratio => Some("ratio"),
        }
    }
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
    /// Measures or periods down the side, one area per column.
    WideByArea,
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
            TableShape::WideByArea => "wide (areas across)",
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
    /// What the reader should know about how the figures were counted ("412
    /// records had no location: counted for the force, not for any district").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl TableSummary {
    /// "file › sheet (A4:D40)", naming the table in lists.
    pub fn name(&self) -> String {
        format!("{} › {} ({})", self.file, self.sheet, self.range)
    }
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
    /// The unit the user chose for each column (left to right; `None`: as detected).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<Option<Unit>>,
    /// The measures as the table names them, where a base renamed one (else
    /// empty: `TableSummary::measures` says the same), for choosing
    /// denominators in the mapping step.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures_read: Vec<String>,
    /// The measures the user made denominators (bases for rates or shares).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bases: Vec<BaseChoice>,
    /// Where the user put the header of a sheet no table was found on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by_hand: Option<HandHeader>,
}

/// A header chosen by hand: its lowest row and how many rows it has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandHeader {
    /// The header's lowest row, counted from the first row of the sheet's
    /// grid (0 is its first row).
    pub row: usize,
    /// Rows in the header, 1 to 3 (group labels above the column labels).
    pub rows: usize,
}

/// What a measure is the denominator of, as the user sets it in the mapping
/// step: a population or households column (or row) makes the counts beside it
/// rates per 1,000; a count of victims or people is the base of a share.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BaseKind {
    Population,
    Households,
    People,
}

impl BaseKind {
    pub const ALL: [BaseKind; 3] = [BaseKind::Population, BaseKind::Households, BaseKind::People];

    pub fn describe(self) -> &'static str {
        match self {
            BaseKind::Population => "Population: the denominator of rates per 1,000 people",
            BaseKind::Households => "Households: the denominator of rates per 1,000 households",
            BaseKind::People => "Victims or people: the denominator of a share",
        }
    }

    /// The measure's name as the assessment knows a base of this kind by:
    /// "Residents 2015" as a population is "Population (Residents 2015)"; a
    /// name that already says its kind is kept.
    pub fn name(self, measure: &str) -> String {
        let lower = measure.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        match self {
            BaseKind::Population if words.contains(&"population") => measure.to_string(),
            BaseKind::Population => format!("Population ({measure})"),
            BaseKind::Households
                if lower == "households" || lower.starts_with("number of households") =>
            {
                measure.to_string()
            }
            BaseKind::Households => format!("Number of households ({measure})"),
            BaseKind::People
                if !lower.contains("repeat")
                    && ["victims", "people", "persons", "base"]
                        .iter()
                        .any(|w| words.contains(w)) =>
            {
                measure.to_string()
            }
            BaseKind::People => format!("Base: {measure}"),
        }
    }
}

/// One measure of a table made a denominator by the user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaseChoice {
    /// The measure as the table names it.
    pub measure: String,
    pub kind: BaseKind,
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
    AreaFigures,
    ParentArea,
    Label,
    Ignore,
}

impl RoleChoice {
    pub const ALL: [RoleChoice; 11] = [
        RoleChoice::Area,
        RoleChoice::Period,
        RoleChoice::Measure,
        RoleChoice::Category,
        RoleChoice::Value,
        RoleChoice::PeriodFigures,
        RoleChoice::MeasureFigures,
        RoleChoice::AreaFigures,
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
            RoleChoice::AreaFigures => "Figures (area in header)",
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
    /// The sheet's first rows, so a sheet of figures no table was found on can
    /// be mapped by hand; `None` for a file with nothing to map.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preview: Option<SheetPreview>,
}

/// The top-left of a sheet as text, for mapping it by hand.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetPreview {
    /// The sheet row number (from 1) of the first row shown.
    pub first_row: usize,
    /// Rows of cell text, left to right, each as wide as the widest.
    pub rows: Vec<Vec<String>>,
    /// Whether the sheet has more rows or columns than are shown.
    pub cut: bool,
}

/// A file the user imported. Its identity is its content, not its name: two
/// partners can both send a `data.csv`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceFile {
    /// The name its figures' provenance carries: the file's own name, or
    /// "data.csv (2)" when another file of that name, with other content, is loaded.
    pub name: String,
    /// The file's name as the user had it.
    pub original: String,
    /// The fingerprint of its bytes (`core::content_hash`).
    pub content: String,
}

/// What merging one imported file did, for the import log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Merged {
    /// A file not loaded before, under `name`.
    Added { name: String },
    /// The same content was loaded already (as `earlier`): it was replaced, so
    /// the figures never double.
    Replaced { name: String, earlier: String },
    /// Another file with the same name but different content is loaded (as
    /// `other`): this one was added beside it as `name`.
    AddedBeside { name: String, other: String },
}

impl Merged {
    /// The name the file's figures now carry.
    pub fn name(&self) -> &str {
        match self {
            Merged::Added { name }
            | Merged::Replaced { name, .. }
            | Merged::AddedBeside { name, .. } => name,
        }
    }

    /// What happened, in words for the import log ("" for a plain addition).
    pub fn sentence(&self) -> String {
        match self {
            Merged::Added { .. } => String::new(),
            Merged::Replaced { name, earlier } if name == earlier => {
                "It has the same content as the file already loaded under that name, so it replaced the earlier copy.".to_string()
            }
            Merged::Replaced { earlier, .. } => format!(
                "It has the same content as “{earlier}”, already loaded, so it replaced that earlier copy."
            ),
            Merged::AddedBeside { name, other } => format!(
                "Another file named “{other}” with different content is loaded, so this one was added beside it as “{name}”; remove either on this page if it is not wanted."
            ),
        }
    }
}

/// Whose figures a dataset holds. The built-in sample's figures are partly
/// illustrative, so they never share an assessment with a user's own.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum DataOrigin {
    /// Files the user imported.
    #[default]
    User,
    /// The built-in sample.
    Sample,
}

impl DataOrigin {
    pub fn is_user(&self) -> bool {
        *self == DataOrigin::User
    }
}

/// Everything imported so far.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    pub observations: Vec<Observation>,
    pub tables: Vec<TableSummary>,
    pub lookups: Vec<Lookup>,
    /// Sheets that held no table, with the reason, so nothing is skipped silently.
    pub skipped_sheets: Vec<SkippedSheet>,
    /// The files the figures came from and their content's fingerprint. Data
    /// kept from before fingerprints were recorded has none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<SourceFile>,
    /// The built-in sample or the user's files (never both).
    #[serde(default, skip_serializing_if = "DataOrigin::is_user")]
    pub origin: DataOrigin,
    /// Street records counted by LSOA, crime type and month, and by map cell,
    /// one tally per imported file that had them (see `LsoaTally`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lsoa_tallies: Vec<LsoaTally>,
    /// The part of the national geography the data's areas need
    /// (`geography::asset::slice`), carried by the built-in sample so the page
    /// compares and ranks it without fetching the whole geography.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geography: Option<String>,
}

/// "1 table and 55 figures": the one wording of how much data there is.
pub fn tables_and_figures(tables: usize, figures: usize) -> String {
    format!(
        "{} and {}",
        format::count_of(tables, "table", "tables"),
        format::count_of(figures, "figure", "figures")
    )
}

impl Dataset {
    /// The data after an import: added to data of the same origin (see
    /// `merge_import`), but a user's first file replaces the built-in sample
    /// (and bringing the sample back replaces the user's data), so illustrative
    /// figures never mix with real ones.
    pub fn with_import(&self, imported: Dataset) -> (Dataset, Vec<Merged>) {
        let base = if self.origin == imported.origin {
            self.clone()
        } else {
            Dataset::default()
        };
        base.into_import(imported)
    }

    /// As `with_import`, on data already copied (or taken) for the purpose:
    /// the page copies hundreds of thousands of figures a slice at a time
    /// (`copy_step`) rather than in one long task.
    pub fn into_import(self, imported: Dataset) -> (Dataset, Vec<Merged>) {
        let mut next = if self.origin == imported.origin {
            self
        } else {
            Dataset::default()
        };
        next.origin = imported.origin;
        let merged = next.merge_import(imported);
        (next, merged)
    }

    /// Everything but the figures, copied: the start of a copy made a slice
    /// of figures at a time with `copy_step`.
    pub fn without_figures(&self) -> Dataset {
        json_slices::without_figures(self)
    }

    /// Copies up to `count` more of `from`'s figures into this copy of it
    /// (begun with `without_figures`); `true` once all are copied.
    pub fn copy_step(&mut self, from: &Dataset, count: usize) -> bool {
        let at = self.observations.len();
        let end = at.saturating_add(count).min(from.observations.len());
        self.observations
            .extend_from_slice(&from.observations[at..end]);
        end == from.observations.len()
    }

    /// Frees up to `count` of the figures (the last first); `true` once none
    /// is left. Hundreds of thousands of figures freed at once are a long
    /// task of the page: replaced data is let go a slice at a time.
    pub fn release_step(&mut self, count: usize) -> bool {
        let keep = self.observations.len().saturating_sub(count);
        self.observations.truncate(keep);
        self.observations.is_empty()
    }

    /// Adds newly imported data. Identity is content: a file whose content is
    /// already loaded replaces that earlier copy (so a re-dropped file never
    /// doubles), while a different file that happens to share a name is added
    /// beside the other under a name the user can tell apart ("data.csv (2)"),
    /// and its provenance carries that name. Data with no fingerprint (made by
    /// hand, or kept from an older version) is added under a free name too:
    /// nothing loaded is ever replaced on a name alone.
    pub fn merge_import(&mut self, mut other: Dataset) -> Vec<Merged> {
        let mut incoming = std::mem::take(&mut other.files);
        for name in other.file_names() {
            if !incoming.iter().any(|f| f.name == name) {
                incoming.push(SourceFile {
                    name: name.clone(),
                    original: name,
                    content: String::new(),
                });
            }
        }
        let mut merged = Vec::new();
        for file in incoming {
            let same_content = self
                .files
                .iter()
                .find(|f| !file.content.is_empty() && f.content == file.content)
                .map(|f| f.name.clone());
            if let Some(earlier) = &same_content {
                self.remove_file(earlier);
            }
            let name = self.free_name(&file.original);
            let outcome = match same_content {
                Some(earlier) => Merged::Replaced {
                    name: name.clone(),
                    earlier,
                },
                None if name != file.original => Merged::AddedBeside {
                    name: name.clone(),
                    other: file.original.clone(),
                },
                None => Merged::Added { name: name.clone() },
            };
            other.rename_file(&file.name, &name);
            if !file.content.is_empty() {
                self.files.push(SourceFile { name, ..file });
            }
            merged.push(outcome);
        }
        self.extend(other);
        merged
    }

    /// `wanted` if no loaded file carries that name, else the first free
    /// "wanted (2)", "wanted (3)"…
    fn free_name(&self, wanted: &str) -> String {
        let taken = self.file_names();
        if !taken.iter().any(|n| n == wanted) {
            return wanted.to_string();
        }
        (2..)
            .map(|n| format!("{wanted} ({n})"))
            .find(|candidate| !taken.contains(candidate))
            .unwrap_or_else(|| wanted.to_string())
    }

    /// Gives everything from the file named `from` the name `to`.
    fn rename_file(&mut self, from: &str, to: &str) {
        if from == to {
            return;
        }
        for o in &mut self.observations {
            if o.source.file == from {
                o.source.file = to.to_string();
            }
        }
        for t in &mut self.tables {
            if t.file == from {
                t.file = to.to_string();
            }
        }
        for l in &mut self.lookups {
            if l.file == from {
                l.file = to.to_string();
            }
        }
        for s in &mut self.skipped_sheets {
            if s.file == from {
                s.file = to.to_string();
            }
        }
        for f in &mut self.files {
            if f.name == from {
                f.name = to.to_string();
            }
        }
        for t in &mut self.lsoa_tallies {
            if t.file == from {
                t.file = to.to_string();
            }
        }
    }

    /// Forgets everything the file loaded as `name` brought; `false` if none was.
    pub fn remove_file(&mut self, name: &str) -> bool {
        let before = self.tables.len() + self.skipped_sheets.len() + self.files.len();
        self.observations.retain(|o| o.source.file != name);
        self.tables.retain(|t| t.file != name);
        self.lookups.retain(|l| l.file != name);
        self.skipped_sheets.retain(|s| s.file != name);
        self.files.retain(|f| f.name != name);
        self.lsoa_tallies.retain(|t| t.file != name);
        before != self.tables.len() + self.skipped_sheets.len() + self.files.len()
    }

    /// Every loaded file's name, in the order they were imported.
    /// How much the data hold, in the words every message uses: "1 table and 55 figures".
    pub fn summary(&self) -> String {
        tables_and_figures(self.tables.len(), self.observations.len())
    }

    /// How much one loaded file (by the name its figures carry) brought, in the same words.
    pub fn file_summary(&self, name: &str) -> String {
        let tables = self.tables.iter().filter(|t| t.file == name).count();
        let figures = self
            .observations
            .iter()
            .filter(|o| o.source.file == name)
            .count();
        tables_and_figures(tables, figures)
    }

    pub fn file_names(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        let all = self
            .tables
            .iter()
            .map(|t| &t.file)
            .chain(self.skipped_sheets.iter().map(|s| &s.file))
            .chain(self.files.iter().map(|f| &f.name));
        for name in all {
            if !names.contains(name) {
                names.push(name.clone());
            }
        }
        names
    }

    /// The loaded file named `name`, with its original name and fingerprint, if recorded.
    pub fn file(&self, name: &str) -> Option<&SourceFile> {
        self.files.iter().find(|f| f.name == name)
    }

    /// Carries the part of the geography its areas need (the built-in
    /// sample's, written by `make sample`), so the page needs no other.
    pub fn carry_geography(&mut self, geo: &crate::core::geography::Geography) {
        let areas = crate::core::sorting::set_of(self.observations.iter().map(|o| o.area.as_str()));
        let areas: Vec<&str> = areas.into_iter().collect();
        self.geography = Some(crate::core::geography::asset::slice(geo, &areas));
    }

    pub fn extend(&mut self, other: Dataset) {
        // A slice of the geography covers the data it came with, not the sum:
        // kept when the data were empty before, else only where both agree.
        if self.observations.is_empty() {
            self.geography = other.geography.clone();
        } else if other.geography != self.geography {
            self.geography = None;
        }
        self.observations.extend(other.observations);
        self.tables.extend(other.tables);
        self.lookups.extend(other.lookups);
        self.skipped_sheets.extend(other.skipped_sheets);
        self.files.extend(other.files);
        self.lsoa_tallies.extend(other.lsoa_tallies);
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
        let set: BTreeSet<(AreaLevel, &str)> = crate::core::sorting::set_of(
            self.observations
                .iter()
                .map(|o| (o.area_level, o.area.as_str())),
        );
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
                notes: Vec::new(),
            }],
            ..Dataset::default()
        }
    }

    #[test]
    fn the_summary_counts_tables_and_figures_in_agreeing_words() {
        let mut data = one("a.csv", 1.0);
        assert_eq!(data.summary(), "1 table and 1 figure");
        data.tables.push(data.tables[0].clone());
        data.observations.push(data.observations[0].clone());
        assert_eq!(data.summary(), "2 tables and 2 figures");
        assert_eq!(Dataset::default().summary(), "0 tables and 0 figures");
        assert_eq!(data.file_summary("a.csv"), "2 tables and 2 figures");
        assert_eq!(data.file_summary("b.csv"), "0 tables and 0 figures");
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
    fn a_users_first_file_replaces_the_sample_and_the_sample_replaces_theirs() {
        let mut sample = one("csp-sample-assessment.xlsx", 1.0);
        sample.origin = DataOrigin::Sample;
        let (user, _) = sample.with_import(one("mine.csv", 2.0));
        assert_eq!(user.origin, DataOrigin::User);
        assert_eq!(user.file_names(), ["mine.csv"]);
        let (both, _) = user.with_import(one("theirs.csv", 3.0));
        assert_eq!(both.file_names(), ["mine.csv", "theirs.csv"]);
        assert_eq!(both.observations.len(), 2);
        let (back, _) = both.with_import(sample.clone());
        assert_eq!(back, sample);
        // Stored data keeps its origin; the user's is the default and is not written.
        let json = serde_json::to_string(&sample).unwrap();
        assert!(json.contains("\"origin\":\"Sample\""));
        assert!(!serde_json::to_string(&user).unwrap().contains("origin"));
        assert_eq!(serde_json::from_str::<Dataset>(&json).unwrap(), sample);
    }

    /// One file as the importer gives it: its figures and its fingerprint.
    fn file(name: &str, content: &str, value: f64) -> Dataset {
        Dataset {
            files: vec![SourceFile {
                name: name.into(),
                original: name.into(),
                content: content.into(),
            }],
            ..one(name, value)
        }
    }

    fn figures(data: &Dataset) -> Vec<(String, f64)> {
        data.observations
            .iter()
            .map(|o| (o.source.file.clone(), o.value.number().unwrap()))
            .collect()
    }

    #[test]
    fn copied_and_released_a_slice_at_a_time_the_data_are_the_same() {
        let mut data = file("a.csv", "aaaa", 1.0);
        for n in 2..8 {
            data.merge_import(file(&format!("{n}.csv"), &format!("c{n}"), n as f64));
        }
        for count in [1, 3, 100] {
            let mut copy = data.without_figures();
            assert!(copy.observations.is_empty() && copy.tables == data.tables);
            while !copy.copy_step(&data, count) {}
            assert_eq!(copy, data);
            let (merged, _) = copy.into_import(file("new.csv", "new", 9.0));
            assert_eq!(merged, data.with_import(file("new.csv", "new", 9.0)).0);
            let mut freed = merged;
            let mut steps = 0;
            while !freed.release_step(count) {
                steps += 1;
            }
            assert!(steps + 1 >= 8 / count);
        }
        // Empty data are copied in one step.
        assert!(Dataset::default()
            .without_figures()
            .copy_step(&Dataset::default(), 1));
    }

    #[test]
    fn importing_the_same_content_again_replaces_it() {
        let mut data = Dataset::default();
        data.merge_import(file("a.csv", "aaaa", 1.0));
        data.merge_import(file("b.csv", "bbbb", 2.0));
        let again = data.merge_import(file("a.csv", "aaaa", 1.0));
        assert_eq!(
            again,
            [Merged::Replaced {
                name: "a.csv".into(),
                earlier: "a.csv".into()
            }]
        );
        assert!(again[0].sentence().contains("replaced the earlier copy"));
        assert_eq!(data.tables.len(), 2);
        assert_eq!(data.files.len(), 2);
        assert_eq!(
            figures(&data),
            [("b.csv".into(), 2.0), ("a.csv".into(), 1.0)]
        );
        // The same content under another name is the same data: it replaces too.
        let renamed = data.merge_import(file("a copy.csv", "aaaa", 1.0));
        assert_eq!(
            renamed,
            [Merged::Replaced {
                name: "a copy.csv".into(),
                earlier: "a.csv".into()
            }]
        );
        assert_eq!(data.file_names(), ["b.csv", "a copy.csv"]);
    }

    #[test]
    fn two_different_files_with_the_same_name_both_stay() {
        let mut data = Dataset::default();
        assert_eq!(
            data.merge_import(file("data.csv", "police", 1.0)),
            [Merged::Added {
                name: "data.csv".into()
            }]
        );
        let second = data.merge_import(file("data.csv", "council", 2.0));
        assert_eq!(
            second,
            [Merged::AddedBeside {
                name: "data.csv (2)".into(),
                other: "data.csv".into()
            }]
        );
        assert_eq!(
            second[0].sentence(),
            "Another file named “data.csv” with different content is loaded, so this one was added beside it as “data.csv (2)”; remove either on this page if it is not wanted."
        );
        // Both sets of figures, each tracing to a name the user can tell apart.
        assert_eq!(
            figures(&data),
            [("data.csv".into(), 1.0), ("data.csv (2)".into(), 2.0)]
        );
        assert_eq!(data.tables[1].file, "data.csv (2)");
        assert_eq!(data.file("data.csv (2)").unwrap().original, "data.csv");
        // A third partner's data.csv, then the second one dropped again.
        data.merge_import(file("data.csv", "health", 3.0));
        assert_eq!(
            data.file_names(),
            ["data.csv", "data.csv (2)", "data.csv (3)"]
        );
        let again = data.merge_import(file("data.csv", "council", 2.0));
        assert_eq!(
            again,
            [Merged::Replaced {
                name: "data.csv (2)".into(),
                earlier: "data.csv (2)".into()
            }]
        );
        assert_eq!(data.observations.len(), 3);
        // Removing one leaves the others; its name is then free again.
        assert!(data.remove_file("data.csv"));
        assert!(!data.remove_file("data.csv"));
        assert_eq!(data.file_names(), ["data.csv (3)", "data.csv (2)"]);
        assert_eq!(
            data.merge_import(file("data.csv", "fire", 4.0)),
            [Merged::Added {
                name: "data.csv".into()
            }]
        );
    }

    #[test]
    fn data_without_a_fingerprint_is_never_replaced_on_its_name_alone() {
        // Figures kept from before fingerprints were recorded: their content is unknown.
        let mut data = one("data.csv", 1.0);
        let merged = data.merge_import(file("data.csv", "new", 2.0));
        assert_eq!(merged[0].name(), "data.csv (2)");
        assert_eq!(
            figures(&data),
            [("data.csv".into(), 1.0), ("data.csv (2)".into(), 2.0)]
        );
        // And data with no fingerprint coming in is added under a free name.
        let merged = data.merge_import(one("data.csv", 3.0));
        assert_eq!(merged[0].name(), "data.csv (3)");
        assert_eq!(data.files.len(), 1);
    }

    #[test]
    fn the_fingerprints_survive_being_kept_and_data_without_them_still_reads() {
        let data = file("data.csv", "police", 1.0);
        let json = serde_json::to_string(&data).unwrap();
        assert_eq!(serde_json::from_str::<Dataset>(&json).unwrap(), data);
        let legacy = serde_json::to_string(&one("old.csv", 1.0)).unwrap();
        assert!(!legacy.contains("\"files\""));
        assert_eq!(
            serde_json::from_str::<Dataset>(&legacy).unwrap(),
            one("old.csv", 1.0)
        );
    }
}
