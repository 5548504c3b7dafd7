//! Recipes: a user's corrections to how a table was read, kept and applied
//! again when a file with the same headers arrives (next year's extract, a
//! renamed copy). A recipe is keyed by the header's signature, in which period
//! labels are generalised so "Oct 2014 - Sep 2015" matches "Oct 2015 - Sep 2016".

use super::table::{Column, ColumnRole, GROUP_SEPARATOR};
pub use crate::core::dataset::HandHeader;
use crate::core::dataset::{BaseChoice, Unit};
use crate::core::period::{Period, PeriodHint};
use serde::{Deserialize, Serialize};

pub use crate::core::dataset::RoleChoice;

/// How a user's choice becomes a detection role, and back.
impl RoleChoice {
    pub fn of(role: &ColumnRole) -> RoleChoice {
        match role {
            ColumnRole::Area => RoleChoice::Area,
            ColumnRole::Period(_) => RoleChoice::Period,
            ColumnRole::Measure => RoleChoice::Measure,
            ColumnRole::Category => RoleChoice::Category,
            ColumnRole::Value => RoleChoice::Value,
            ColumnRole::PeriodAcross(..) => RoleChoice::PeriodFigures,
            ColumnRole::MeasureAcross => RoleChoice::MeasureFigures,
            ColumnRole::AreaAcross(_) => RoleChoice::AreaFigures,
            ColumnRole::ParentArea => RoleChoice::ParentArea,
            ColumnRole::Label => RoleChoice::Label,
            ColumnRole::Ignore => RoleChoice::Ignore,
        }
    }

    /// The detection role for a column with this label, or why it cannot be.
    pub fn role_for(self, label: &str) -> Result<ColumnRole, String> {
        Ok(match self {
            RoleChoice::Area => ColumnRole::Area,
            RoleChoice::Period => {
                let lower = label.to_lowercase();
                if lower.contains("months ending") || lower.starts_with("year ending") {
                    ColumnRole::Period(PeriodHint::TwelveMonthsEnding)
                } else {
                    ColumnRole::Period(PeriodHint::None)
                }
            }
            RoleChoice::Measure => ColumnRole::Measure,
            RoleChoice::Category => ColumnRole::Category,
            RoleChoice::Value => ColumnRole::Value,
            RoleChoice::PeriodFigures => {
                let (group, sub) = match label.rsplit_once(GROUP_SEPARATOR) {
                    Some((g, s)) => (Some(g.to_string()), s),
                    None => (None, label),
                };
                match Period::parse(sub) {
                    Some(period) => ColumnRole::PeriodAcross(period, group),
                    // "Visits 2015/16": the measure, then its period.
                    None => {
                        let (measure, period) = trailing_period(sub).ok_or_else(|| {
                            format!("the header “{label}” does not name a period")
                        })?;
                        let measure = match group {
                            Some(g) => format!("{g}{GROUP_SEPARATOR}{measure}"),
                            None => measure,
                        };
                        ColumnRole::PeriodAcross(period, Some(measure))
                    }
                }
            }
            RoleChoice::MeasureFigures => ColumnRole::MeasureAcross,
            RoleChoice::AreaFigures => ColumnRole::AreaAcross(label.trim().to_string()),
            RoleChoice::ParentArea => ColumnRole::ParentArea,
            RoleChoice::Label => ColumnRole::Label,
            RoleChoice::Ignore => ColumnRole::Ignore,
        })
    }
}

/// "Visits 2015/16" → ("Visits", 2015/16): the longest run of words at the
/// end of a label that reads as a period, and the words before it.
fn trailing_period(label: &str) -> Option<(String, Period)> {
    let words: Vec<&str> = label.split_whitespace().collect();
    (1..words.len()).find_map(|start| {
        let period = Period::parse(&words[start..].join(" "))?;
        let measure = words[..start].join(" ");
        let measure = measure.trim_end_matches([',', '-', '–', ':']).trim();
        (!measure.is_empty()).then(|| (measure.to_string(), period))
    })
}

/// A header as a key that survives next year's periods: labels lower-cased,
/// period labels replaced by a placeholder.
pub fn signature(labels: &[String]) -> String {
    labels
        .iter()
        .map(|label| {
            let sub = label
                .rsplit_once(GROUP_SEPARATOR)
                .map(|(_, s)| s)
                .unwrap_or(label);
            if Period::parse(sub).is_some() {
                let group = label
                    .rsplit_once(GROUP_SEPARATOR)
                    .map(|(g, _)| format!("{}{GROUP_SEPARATOR}", g.to_lowercase()))
                    .unwrap_or_default();
                format!("{group}<period>")
            } else {
                label.trim().to_lowercase()
            }
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// A user's mapping for tables with one header signature.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipe {
    /// The signature of the header the workbench detected (before any shift).
    pub signature: String,
    /// One choice per column, left to right; empty to let the workbench decide.
    pub roles: Vec<RoleChoice>,
    /// The area every figure belongs to, for a table with no area column.
    pub area: Option<String>,
    /// Rows from the detected header to the real one (−1: the row above).
    #[serde(default)]
    pub header_shift: i32,
    /// The unit of each column's figures, left to right; `None` (or a short
    /// list) lets the workbench decide.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<Option<Unit>>,
    /// Measures the user made denominators (bases for rates or shares).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bases: Vec<BaseChoice>,
    /// For a sheet on which no table was found: where the user says its
    /// header is. The recipe then applies to a sheet with no table whose rows
    /// there give `signature` (see `hand_signature`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by_hand: Option<HandHeader>,
}

/// Most header rows a hand mapping may have.
pub const MAX_HAND_HEADER_ROWS: usize = 3;

/// Rows and columns of a sheet shown for mapping it by hand; a hand-chosen
/// header must lie within them.
pub const PREVIEW_ROWS: usize = 40;
pub const PREVIEW_COLUMNS: usize = 30;

/// A sheet's top-left as text, as shown for mapping it by hand.
pub fn sheet_preview(grid: &super::workbook::Grid) -> crate::core::dataset::SheetPreview {
    let width = grid
        .rows
        .iter()
        .take(PREVIEW_ROWS)
        .map(Vec::len)
        .max()
        .unwrap_or(0);
    let shown = width.min(PREVIEW_COLUMNS);
    let rows = grid
        .rows
        .iter()
        .take(PREVIEW_ROWS)
        .map(|row| {
            (0..shown)
                .map(|c| row.get(c).map(|cell| cell.text()).unwrap_or_default())
                .collect()
        })
        .collect();
    crate::core::dataset::SheetPreview {
        first_row: grid.origin.0 as usize + 1,
        rows,
        cut: grid.rows.len() > PREVIEW_ROWS || grid.rows.iter().any(|r| r.len() > PREVIEW_COLUMNS),
    }
}

/// Each row of a sheet's grid as text, for matching a hand-made recipe.
pub fn grid_text(grid: &super::workbook::Grid) -> Vec<Vec<String>> {
    grid.rows
        .iter()
        .take(PREVIEW_ROWS)
        .map(|row| row.iter().take(PREVIEW_COLUMNS).map(|c| c.text()).collect())
        .collect()
}

/// The key of a hand-mapped header: each column's labels from the header's
/// rows (text as the sheet holds it), top to bottom, as a signature. The
/// same for the preview the user chose from and the sheet it is replayed on.
pub fn hand_signature(rows: &[Vec<String>], header: HandHeader) -> Option<String> {
    let depth = header.rows.clamp(1, MAX_HAND_HEADER_ROWS);
    let top = (header.row + 1).checked_sub(depth)?;
    let block = rows.get(top..=header.row)?;
    let width = block
        .iter()
        .map(Vec::len)
        .max()
        .unwrap_or(0)
        .min(PREVIEW_COLUMNS);
    let mut labels: Vec<String> = (0..width)
        .map(|c| {
            block
                .iter()
                .filter_map(|r| r.get(c))
                .map(|t| super::table::clean_header(t))
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(GROUP_SEPARATOR)
        })
        .collect();
    while labels.last().is_some_and(String::is_empty) {
        labels.pop();
    }
    (!labels.is_empty()).then(|| format!("by hand: {}", signature(&labels)))
}

impl Recipe {
    /// Sets each column's role as the recipe says.
    pub fn apply(&self, columns: &mut [Column]) -> Result<(), String> {
        if self.roles.is_empty() {
            return Ok(());
        }
        // A header chosen by hand was mapped from a preview: columns past the
        // roles chosen are not read.
        if self.by_hand.is_some() {
            for (i, column) in columns.iter_mut().enumerate() {
                column.role = match self.roles.get(i) {
                    Some(choice) => choice.role_for(&column.label)?,
                    None => ColumnRole::Ignore,
                };
            }
            return Ok(());
        }
        if self.roles.len() != columns.len() {
            return Err(
                "the recipe was made for a table with a different number of columns".into(),
            );
        }
        for (column, choice) in columns.iter_mut().zip(&self.roles) {
            column.role = choice.role_for(&column.label)?;
        }
        Ok(())
    }
}

/// Adds or replaces the recipe for its signature.
pub fn remember(recipes: &mut Vec<Recipe>, recipe: Recipe) {
    recipes.retain(|r| r.signature != recipe.signature);
    recipes.push(recipe);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn next_years_headers_share_a_signature() {
        let this_year = signature(&labels(&[
            "Area",
            "Measure",
            "Oct 2013 - Sep 2014",
            "Oct 2014 - Sep 2015",
        ]));
        let next_year = signature(&labels(&[
            "AREA",
            "Measure",
            "Oct 2014 - Sep 2015",
            "Oct 2015 - Sep 2016",
        ]));
        assert_eq!(this_year, next_year);
        assert_eq!(this_year, "area | measure | <period> | <period>");
        assert_ne!(
            this_year,
            signature(&labels(&["Area", "Offence", "2014/15", "2015/16"]))
        );
        assert_eq!(
            signature(&labels(&["Robbery · 2014/15"])),
            "robbery · <period>"
        );
    }

    #[test]
    fn choices_become_roles_or_say_why_not() {
        assert_eq!(
            RoleChoice::PeriodFigures.role_for("Robbery · 2014/15"),
            Ok(ColumnRole::PeriodAcross(
                Period::parse("2014/15").unwrap(),
                Some("Robbery".into())
            ))
        );
        assert_eq!(
            RoleChoice::PeriodFigures.role_for("Total"),
            Err("the header “Total” does not name a period".to_string())
        );
        assert_eq!(
            RoleChoice::Period.role_for("12 months ending"),
            Ok(ColumnRole::Period(PeriodHint::TwelveMonthsEnding))
        );
        for choice in RoleChoice::ALL {
            if let Ok(role) = choice.role_for("2014/15") {
                assert_eq!(RoleChoice::of(&role), choice);
            }
        }
    }

    #[test]
    fn remembering_replaces_the_recipe_for_a_signature() {
        let mut recipes = Vec::new();
        let recipe = |area: &str| Recipe {
            signature: "year | crimes".into(),
            roles: vec![RoleChoice::Period, RoleChoice::MeasureFigures],
            area: Some(area.into()),
            header_shift: 0,
            units: Vec::new(),
            ..Recipe::default()
        };
        remember(&mut recipes, recipe("Kent"));
        remember(&mut recipes, recipe("Tunbridge Wells"));
        assert_eq!(recipes, [recipe("Tunbridge Wells")]);
    }
}
