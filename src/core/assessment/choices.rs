//! What the Assessment view's choices offer and how what the user types into them
//! is read: the "data up to" months, the baseline years, the comparison and plan
//! years offered, and an area found by name or code. Pure, so tested natively; the
//! component (`ui/assessment_options.rs`) holds the signals and the markup.

use super::change::is_population;
use super::index::last_month;
use crate::core::areas::{normalise, AreaLevel};
use crate::core::dataset::Dataset;
use crate::core::date::Date;
use crate::core::geography::{self, Kind};
use std::collections::BTreeSet;

/// The months a reporting period can end in ("data up to"): the last month of
/// every period with figures other than populations, latest first.
pub fn period_ends(dataset: &Dataset) -> Vec<i64> {
    crate::core::sorting::set_of(
        dataset
            .observations
            .iter()
            .filter(|o| !is_population(&o.measure))
            .map(|o| last_month(&o.period)),
    )
    .into_iter()
    .rev()
    .collect()
}

/// A month index as the list shows it: "Sep 2015".
pub fn month_label(index: i64) -> String {
    let (year, month) = Date::from_month_index(index);
    let date = Date::first_of_month(year, month);
    format!("{} {}", date.short_month_name(), date.year)
}

/// A year typed into a box: blank is "automatic", anything else must be a year.
pub fn parse_year(text: &str) -> Result<Option<i32>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<i32>() {
        Ok(y) if (1800..=2200).contains(&y) => Ok(Some(y)),
        _ => Err(format!(
            "“{text}” is not a year: type four digits, such as 2004."
        )),
    }
}

/// The baseline's first and last years as typed: both blank is automatic
/// (`None`); otherwise two years in order, or one sentence saying what is wrong.
pub fn parse_baseline(from: &str, to: &str) -> Result<Option<(i32, i32)>, String> {
    match (parse_year(from)?, parse_year(to)?) {
        (None, None) => Ok(None),
        (Some(f), Some(t)) if f <= t => Ok(Some((f, t))),
        (Some(_), Some(_)) => Err("The baseline's first year must come before its last.".into()),
        _ => Err(
            "Give both the first and the last baseline year, or leave both blank for the first five years on file."
                .into(),
        ),
    }
}

/// How far back each figure can be compared: 0 is the period before, 1 to 5 the
/// same period that many years earlier.
pub const COMPARISON_YEARS: std::ops::RangeInclusive<u8> = 0..=5;

/// The words for a comparison `years` back (0: the period before).
pub fn comparison_label(years: u8) -> String {
    match years {
        0 => "The period before".to_string(),
        1 => "The same period a year earlier".to_string(),
        n => format!("The same period {n} years earlier"),
    }
}

/// The plan years offered around the automatic one (the year after the data).
pub fn plan_years_offered(automatic: i32) -> std::ops::RangeInclusive<i32> {
    automatic - 3..=automatic + 3
}

/// The names offered when searching: the files' own areas first, then every
/// current district and partnership of England and Wales, each once.
pub fn search_names(file_areas: &[String]) -> Vec<String> {
    let geo = geography::national();
    let mut national: Vec<String> = geo
        .areas()
        .iter()
        .filter(|a| a.is_current() && matches!(a.kind, Kind::District | Kind::Csp))
        .map(|a| a.name.clone())
        .collect();
    crate::core::sorting::sort(&mut national);
    let mut seen = BTreeSet::new();
    file_areas
        .iter()
        .cloned()
        .chain(national)
        .filter(|n| seen.insert(n.clone()))
        .collect()
}

/// What a name or code typed into the area search finds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AreaSearch {
    /// Nothing typed.
    Nothing,
    /// An area the files have figures for, by the name the files use.
    Found(String),
    /// A district or partnership the workbench knows, with no figures in the
    /// files, and why where there is more to say (a partnership of districts
    /// not all in the files; part of a district split between partnerships).
    NoFigures(String, Option<String>),
    /// Not a district or partnership of England and Wales.
    Unknown(String),
    /// A name the files have several areas for (Kent the county and Kent the
    /// force): which, by the files' names, for the user to choose.
    Several(String, Vec<String>),
}

impl AreaSearch {
    /// Reads `typed` against the areas the files have figures for.
    pub fn find(typed: &str, file_areas: &[String]) -> AreaSearch {
        let typed = typed.trim();
        if typed.is_empty() {
            return AreaSearch::Nothing;
        }
        let names: Vec<&str> = file_areas.iter().map(String::as_str).collect();
        let meant = crate::core::areas::areas_meant(&names, typed);
        if meant.len() > 1 {
            return AreaSearch::Several(typed.to_string(), meant);
        }
        // As `cspw assess --area` finds it: by name, code, or the same ground.
        let reason = match crate::core::areas::area_in_data(&names, typed) {
            Ok(found) => return AreaSearch::Found(found),
            Err(reason) => reason,
        };
        let (name, level) = normalise(typed);
        if level == AreaLevel::Other {
            return AreaSearch::Unknown(typed.to_string());
        }
        let why = reason.split_once("): ").map(|(_, why)| why.to_string());
        AreaSearch::NoFigures(name, why)
    }

    /// The sentence shown under the search box; `None` when nothing was typed.
    pub fn note(&self) -> Option<String> {
        match self {
            AreaSearch::Nothing => None,
            AreaSearch::Found(name) => Some(format!("Assessing {name}.")),
            AreaSearch::Unknown(text) => Some(format!(
                "“{text}” is not a district or partnership of England and Wales the workbench knows."
            )),
            AreaSearch::NoFigures(name, None) => Some(format!(
                "{name} is known, but your files have no figures for it: import its figures, or choose an area from the list above."
            )),
            AreaSearch::Several(text, names) => Some(format!(
                "“{text}” names more than one area in your files: {}. Choose one from the list.",
                names.join(", ")
            )),
            AreaSearch::NoFigures(name, Some(why)) => Some(format!(
                "{name} is known, but your files have no figures for it: {why}."
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dataset::{Observation, Provenance, Unit, Value};
    use crate::core::period::Period;

    #[test]
    fn period_ends_are_the_last_months_with_figures_latest_first_without_populations() {
        let mut d = Dataset::default();
        for (measure, period) in [
            ("Burglary", "2014/15"),
            ("Burglary", "2015/16"),
            ("Violent crime", "2015/16"),
            ("Population", "2017"),
        ] {
            d.observations.push(Observation {
                measure: measure.into(),
                category: None,
                area: "Kent".into(),
                area_level: AreaLevel::County,
                period: Period::parse(period).unwrap(),
                value: Value::Number(1.0),
                unit: Unit::Count,
                source: Provenance {
                    file: "f.xlsx".into(),
                    sheet: "S".into(),
                    cell: "B2".into(),
                },
            });
        }
        let ends: Vec<String> = period_ends(&d).into_iter().map(month_label).collect();
        assert_eq!(ends, ["Mar 2016", "Mar 2015"]);
    }

    #[test]
    fn baseline_years_are_both_blank_or_two_years_in_order() {
        assert_eq!(parse_baseline(" ", ""), Ok(None));
        assert_eq!(parse_baseline("2004", " 2008 "), Ok(Some((2004, 2008))));
        assert_eq!(parse_baseline("2008", "2008"), Ok(Some((2008, 2008))));
        assert!(parse_baseline("2009", "2004")
            .unwrap_err()
            .contains("must come before"));
        assert!(parse_baseline("2004", "")
            .unwrap_err()
            .starts_with("Give both"));
        assert_eq!(
            parse_baseline("04", "2008").unwrap_err(),
            "“04” is not a year: type four digits, such as 2004."
        );
        assert!(parse_year("twenty").is_err());
    }

    #[test]
    fn comparisons_and_plan_years_offered() {
        let labels: Vec<String> = COMPARISON_YEARS.map(comparison_label).collect();
        assert_eq!(labels[0], "The period before");
        assert_eq!(labels[1], "The same period a year earlier");
        assert_eq!(labels[5], "The same period 5 years earlier");
        assert_eq!(plan_years_offered(2016).collect::<Vec<_>>().len(), 7);
        assert_eq!(*plan_years_offered(2016).start(), 2013);
    }

    #[test]
    fn the_search_finds_file_areas_by_name_or_code_and_says_what_else_it_found() {
        let files = vec!["Tunbridge Wells".to_string(), "Kent".to_string()];
        assert_eq!(AreaSearch::find("  ", &files), AreaSearch::Nothing);
        assert_eq!(
            AreaSearch::find("Tunbridge Wells", &files),
            AreaSearch::Found("Tunbridge Wells".into())
        );
        // By ONS code, to the name the files use.
        assert_eq!(
            AreaSearch::find("E07000116", &files),
            AreaSearch::Found("Tunbridge Wells".into())
        );
        let elsewhere = AreaSearch::find("Sevenoaks", &files);
        assert_eq!(elsewhere, AreaSearch::NoFigures("Sevenoaks".into(), None));
        assert!(elsewhere
            .note()
            .unwrap()
            .contains("your files have no figures"));
        // A partnership of two districts with only one of them in the files: said why.
        let partial = AreaSearch::find("Dartford and Gravesham", &["Dartford".to_string()]);
        let note = partial.note().unwrap();
        assert!(note.contains("nor for Gravesham"), "{note}");
        // The same ground by another name is the files' area.
        assert_eq!(
            AreaSearch::find("Tunbridge Wells CSP", &files),
            AreaSearch::Found("Tunbridge Wells".into())
        );
        let unknown = AreaSearch::find("Atlantis", &files);
        assert_eq!(unknown, AreaSearch::Unknown("Atlantis".into()));
        assert!(unknown.note().unwrap().starts_with("“Atlantis” is not"));
    }

    #[test]
    fn search_names_put_the_files_areas_first_once() {
        let files = vec!["Zed area".to_string(), "Sevenoaks".to_string()];
        let names = search_names(&files);
        assert_eq!(&names[..2], &files[..]);
        assert_eq!(names.iter().filter(|n| *n == "Sevenoaks").count(), 1);
        assert!(names.len() > 300);
    }
}
