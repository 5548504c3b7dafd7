//! police.uk stop and search and outcomes, by each of their breakdowns, for
//! the local area over the twelve months to "data up to": searches by object
//! of search, legislation, outcome, age range and self-defined ethnicity, and
//! crimes (linked to their outcomes by Crime ID) by latest outcome.
//!
//! The import counts stop and search for the force each file is named after
//! (its rows carry no LSOA), and outcomes linked to street records for the
//! force and for the district of each crime's LSOA. So the figures are the
//! local area's where the files count it, and otherwise its police force
//! area's, said so in a sentence (`PoliceParts::scope_sentence`): a force that
//! is the local area's ground alone (the City of London) gives the area's own
//! figures; any other is a wider area's.
//!
//! Every count is a sum of the import's monthly counts, each traced to its
//! file and rows; months with no figure are named as such, never read as zero.

use crate::core::areas::AreaLevel;
use crate::core::dataset::{Observation, Unit};
use crate::core::format;
use crate::core::geography::{self, Kind};
use crate::core::period::Period;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Whose figures these are.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Scope {
    /// The files count the measure for the local area itself.
    LocalArea,
    /// Counted only for the police force area the local area lies in;
    /// `same_ground` when that force polices the local area alone.
    Force { force: String, same_ground: bool },
}

/// One category of a breakdown, summed over the months.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PartCount {
    pub category: String,
    pub count: f64,
    /// Of the whole over the same months, 0–1.
    pub share: f64,
    /// Where the monthly counts summed came from (file, sheet and rows).
    pub source: String,
}

/// One way of breaking the measure down ("Object of search"), largest first.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Dimension {
    pub name: String,
    pub parts: Vec<PartCount>,
}

/// A police.uk measure's breakdowns for the local area (or its force).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PoliceParts {
    pub measure: String,
    /// The area chosen for the assessment.
    pub local_area: String,
    /// The area the figures are counted for, as the data name it.
    pub counted_for: String,
    pub scope: Scope,
    /// The twelve months summed.
    pub period: Period,
    /// The months of `period` with a figure in the files loaded.
    pub months: Vec<Period>,
    /// The whole: searches, or crimes with an outcome.
    pub total: f64,
    pub total_source: String,
    pub dimensions: Vec<Dimension>,
}

/// The breakdown named by a category without a "Dimension · " prefix.
fn bare_dimension(measure: &str) -> &'static str {
    if measure.starts_with("Outcomes") {
        "Outcome"
    } else {
        "Category"
    }
}

/// Whether a measure is one of the police.uk measures with breakdowns this
/// reads: stop and search, and outcomes (linked to crimes, or not).
pub fn is_police_parts_measure(measure: &str) -> bool {
    measure == crate::core::ingest::policeuk::STOP_AND_SEARCH || measure.starts_with("Outcomes ")
}

/// The police.uk measures of the data that have breakdowns, stop and search
/// first, then outcomes of all crime, then the rest by name.
pub fn police_parts_measures(observations: &[Observation]) -> Vec<String> {
    let mut found: BTreeSet<&str> = BTreeSet::new();
    for o in observations {
        if o.category.is_some() && is_police_parts_measure(&o.measure) {
            found.insert(&o.measure);
        }
    }
    let mut out: Vec<String> = found.into_iter().map(str::to_string).collect();
    crate::core::sorting::sort_by_key(&mut out, |m| {
        (
            m != crate::core::ingest::policeuk::STOP_AND_SEARCH,
            !m.ends_with(" all crime"),
        )
    });
    out
}

/// The force areas, as the data name them, that the local area lies wholly
/// in, with whether each is the same ground as the local area.
fn forces_of(local_area: &str) -> Vec<(String, bool)> {
    let geo = geography::national();
    let Some(id) = geo.find(local_area) else {
        return Vec::new();
    };
    geo.containing(id)
        .into_iter()
        .filter(|f| geo.area(*f).kind == Kind::Force)
        .map(|f| (geo.area(f).name.clone(), geo.same_ground(id, f)))
        .collect()
}

/// Whether the data's `name` (at `level`) is the force `force` of the geography.
fn names_force(name: &str, level: AreaLevel, force: &str) -> bool {
    if level != AreaLevel::Force {
        return false;
    }
    if name.eq_ignore_ascii_case(force) {
        return true;
    }
    let geo = geography::national();
    matches!((geo.find(name), geo.find(force)), (Some(a), Some(b)) if a == b)
}

/// The monthly counts summed, traced: one month's source as it is, several
/// as the first and the last of them.
fn traced(sources: &[(Period, &Observation)]) -> String {
    match sources {
        [] => String::new(),
        [(_, one)] => one.source.to_string(),
        [(_, first), .., (_, last)] => format!(
            "the sum of {} monthly counts: {} … {}",
            sources.len(),
            first.source,
            last.source
        ),
    }
}

/// The measure's breakdowns for `local_area` over the twelve months ending
/// with the latest month, no later than `period_end` (a month index), that
/// the area counted for has a figure; `None` when neither the area nor its
/// force has the measure, or it has no breakdown.
pub fn police_parts(
    observations: &[Observation],
    measure: &str,
    local_area: &str,
    period_end: i64,
) -> Option<PoliceParts> {
    let of_measure: Vec<&Observation> = observations
        .iter()
        .filter(|o| o.measure == measure && o.unit == Unit::Count && o.period.months() == 1)
        .collect();
    let local = |o: &&Observation| o.area.eq_ignore_ascii_case(local_area);
    let (scope, counted_for) = if of_measure.iter().any(local) {
        (Scope::LocalArea, local_area.to_string())
    } else {
        forces_of(local_area)
            .into_iter()
            .find_map(|(force, same)| {
                let named = of_measure
                    .iter()
                    .find(|o| names_force(&o.area, o.area_level, &force))?;
                Some((
                    Scope::Force {
                        force: named.area.clone(),
                        same_ground: same,
                    },
                    named.area.clone(),
                ))
            })?
    };
    let ours: Vec<&Observation> = of_measure
        .into_iter()
        .filter(|o| o.area == counted_for)
        .collect();
    let last = ours
        .iter()
        .map(|o| o.period.first_month_index())
        .filter(|m| *m <= period_end)
        .max()?;
    let period = Period::from_months(last - 11, 12)?;
    let within = |p: &Period| (last - 11..=last).contains(&p.first_month_index());

    let mut wholes: BTreeMap<Period, &Observation> = BTreeMap::new();
    // Dimension → category → month → its count.
    let mut parts: BTreeMap<String, BTreeMap<String, BTreeMap<Period, &Observation>>> =
        BTreeMap::new();
    for o in ours.into_iter().filter(|o| within(&o.period)) {
        if o.value.number().is_none() {
            continue;
        }
        match &o.category {
            None => {
                wholes.insert(o.period, o);
            }
            Some(c) => {
                let (dimension, category) = c
                    .split_once(" · ")
                    .unwrap_or((bare_dimension(measure), c.as_str()));
                parts
                    .entry(dimension.to_string())
                    .or_default()
                    .entry(category.to_string())
                    .or_default()
                    .insert(o.period, o);
            }
        }
    }
    if parts.is_empty() {
        return None;
    }
    let number = |o: &Observation| o.value.number().unwrap_or(0.0);
    let months: Vec<Period> = wholes.keys().copied().collect();
    let whole_sources: Vec<(Period, &Observation)> = wholes.iter().map(|(p, o)| (*p, *o)).collect();
    let total: f64 = wholes.values().map(|o| number(o)).sum();
    if total <= 0.0 {
        return None;
    }
    let mut dimensions: Vec<Dimension> = parts
        .into_iter()
        .map(|(name, categories)| {
            let mut parts: Vec<PartCount> = categories
                .into_iter()
                .map(|(category, by_month)| {
                    let sources: Vec<(Period, &Observation)> =
                        by_month.iter().map(|(p, o)| (*p, *o)).collect();
                    let count: f64 = by_month.values().map(|o| number(o)).sum();
                    PartCount {
                        category,
                        count,
                        share: count / total,
                        source: traced(&sources),
                    }
                })
                .collect();
            crate::core::sorting::sort_by(&mut parts, |a, b| {
                b.count
                    .total_cmp(&a.count)
                    .then_with(|| a.category.cmp(&b.category))
            });
            Dimension { name, parts }
        })
        .collect();
    // In the order police.uk's columns come, as far as they are known.
    const ORDER: [&str; 6] = [
        "Object of search",
        "Outcome",
        "Legislation",
        "Age range",
        "Self-defined ethnicity",
        "Category",
    ];
    crate::core::sorting::sort_by_key(&mut dimensions, |d| {
        ORDER
            .iter()
            .position(|n| *n == d.name)
            .unwrap_or(ORDER.len())
    });
    Some(PoliceParts {
        measure: measure.to_string(),
        local_area: local_area.to_string(),
        counted_for,
        scope,
        period,
        months,
        total,
        total_source: traced(&whole_sources),
        dimensions,
    })
}

impl PoliceParts {
    /// What is counted, in the plural: "searches", "crimes".
    pub fn noun(&self) -> &'static str {
        if self.measure == crate::core::ingest::policeuk::STOP_AND_SEARCH {
            "searches"
        } else if self.measure.starts_with("Outcomes recorded") {
            "outcomes"
        } else {
            "crimes"
        }
    }

    /// Whose figures these are and why, in one or two sentences.
    pub fn scope_sentence(&self) -> String {
        let what = if self.measure == crate::core::ingest::policeuk::STOP_AND_SEARCH {
            "Stop and search records carry no LSOA, so police.uk's searches are counted for the force each file is named after".to_string()
        } else {
            format!(
                "{} are counted for the force, and for a district only where the crime is linked by Crime ID to a street record with an LSOA",
                crate::core::assessment::wording::sentence_name(&self.measure)
            )
        };
        match &self.scope {
            Scope::LocalArea => format!(
                "These are the figures for {}, as the files count them.",
                self.local_area
            ),
            Scope::Force {
                force,
                same_ground: true,
            } => format!(
                "{what}. {force} polices {} alone, so these figures for the force are {}'s own.",
                self.local_area, self.local_area
            ),
            Scope::Force {
                force,
                same_ground: false,
            } => format!(
                "{what}. These are the figures for the whole of {force}, the police force area {} lies in, not for {} alone.",
                self.local_area, self.local_area
            ),
        }
    }

    /// "12 of the 12 months", or which months have no figure.
    pub fn months_sentence(&self) -> String {
        let n = self.months.len();
        if n == 12 {
            return format!(
                "{} {} in {}: all 12 months have figures in the files loaded.",
                format::count(self.total),
                self.noun(),
                self.period.label()
            );
        }
        format!(
            "{} {} in {}: {} of the 12 months have figures in the files loaded; the others are not counted (not loaded, or nothing recorded), not taken as zero.",
            format::count(self.total),
            self.noun(),
            self.period.label(),
            n
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dataset::{Provenance, Value};

    fn obs(area: &str, level: AreaLevel, category: Option<&str>, month: u8, n: f64) -> Observation {
        Observation {
            measure: "Stop and search".to_string(),
            category: category.map(str::to_string),
            area: area.to_string(),
            area_level: level,
            period: Period::month(2020, month),
            value: Value::Number(n),
            unit: Unit::Count,
            source: Provenance {
                file: "d.zip".to_string(),
                sheet: format!("2020-{month:02}/s.csv"),
                cell: format!("rows 2–{} of column L", n as usize + 1),
            },
        }
    }

    fn month_index(month: u8) -> i64 {
        Period::month(2020, month).first_month_index()
    }

    #[test]
    fn sums_each_dimension_over_twelve_months_for_the_area_with_figures() {
        let force = "Kent (force)";
        let mut data = Vec::new();
        for m in 1..=12 {
            data.push(obs(force, AreaLevel::Force, None, m, 5.0));
            data.push(obs(
                force,
                AreaLevel::Force,
                Some("Object of search · Controlled drugs"),
                m,
                3.0,
            ));
            data.push(obs(
                force,
                AreaLevel::Force,
                Some("Object of search · Stolen goods"),
                m,
                2.0,
            ));
            data.push(obs(
                force,
                AreaLevel::Force,
                Some("Outcome · Arrest"),
                m,
                1.0,
            ));
            data.push(obs(
                force,
                AreaLevel::Force,
                Some("Outcome · A no further action disposal"),
                m,
                4.0,
            ));
        }
        // June 2019 lies outside both windows below.
        let mut early = obs(force, AreaLevel::Force, None, 12, 100.0);
        early.period = Period::month(2019, 6);
        data.push(early);
        let p = police_parts(&data, "Stop and search", force, month_index(12)).unwrap();
        assert_eq!(p.scope, Scope::LocalArea);
        assert_eq!(p.total, 60.0);
        assert_eq!(p.months.len(), 12);
        assert_eq!(p.dimensions[0].name, "Object of search");
        assert_eq!(p.dimensions[0].parts[0].category, "Controlled drugs");
        assert_eq!(p.dimensions[0].parts[0].count, 36.0);
        assert!((p.dimensions[0].parts[0].share - 0.6).abs() < 1e-9);
        assert_eq!(p.dimensions[1].name, "Outcome");
        assert_eq!(p.dimensions[1].parts[0].count, 48.0);
        assert!(p.dimensions[0].parts[0]
            .source
            .contains("the sum of 12 monthly counts: d.zip › 2020-01/s.csv"));
        assert!(p
            .months_sentence()
            .starts_with("60 searches in 2020: all 12 months"));
        // "Data up to" June: the twelve months to June, six of them loaded.
        let p = police_parts(&data, "Stop and search", force, month_index(6)).unwrap();
        assert_eq!(p.period.label(), "Jul 2019 – Jun 2020");
        assert_eq!(p.total, 30.0);
        assert!(p.months_sentence().contains("6 of the 12 months"));
    }

    #[test]
    fn a_district_gets_its_forces_figures_said_so() {
        let mut data = Vec::new();
        for (force, district) in [
            ("Kent (force)", "Maidstone"),
            ("City of London (force)", "City of London"),
        ] {
            data.push(obs(force, AreaLevel::Force, None, 3, 10.0));
            data.push(obs(
                force,
                AreaLevel::Force,
                Some("Object of search · Firearms"),
                3,
                10.0,
            ));
            let p = police_parts(&data, "Stop and search", district, month_index(12)).unwrap();
            assert_eq!(p.counted_for, force);
            assert_eq!(p.total, 10.0);
            let sentence = p.scope_sentence();
            if district == "Maidstone" {
                assert_eq!(
                    p.scope,
                    Scope::Force {
                        force: force.to_string(),
                        same_ground: false
                    }
                );
                assert!(sentence.contains("the whole of Kent (force), the police force area Maidstone lies in, not for Maidstone alone"), "{sentence}");
            } else {
                assert_eq!(
                    p.scope,
                    Scope::Force {
                        force: force.to_string(),
                        same_ground: true
                    }
                );
                assert!(
                    sentence.contains("polices City of London alone"),
                    "{sentence}"
                );
            }
            assert!(sentence.starts_with("Stop and search records carry no LSOA"));
            data.clear();
        }
        // Another force's figures are never a district's.
        data.push(obs(
            "Kent (force)",
            AreaLevel::Force,
            Some("Object of search · Firearms"),
            3,
            10.0,
        ));
        assert!(police_parts(&data, "Stop and search", "Westminster", month_index(12)).is_none());
    }

    #[test]
    fn outcomes_without_a_prefix_are_one_breakdown_and_missing_months_are_not_zero() {
        let mut data = Vec::new();
        for (category, n) in [
            (None, 7.0),
            (Some("Investigation complete; no suspect identified"), 5.0),
            (Some("Unable to prosecute suspect"), 2.0),
        ] {
            let mut o = obs("Camden", AreaLevel::District, category, 11, n);
            o.measure = "Outcomes of all crime".to_string();
            data.push(o);
        }
        let p = police_parts(&data, "Outcomes of all crime", "Camden", month_index(12)).unwrap();
        assert_eq!(p.noun(), "crimes");
        assert_eq!(p.period.label(), "Dec 2019 – Nov 2020");
        assert_eq!(p.dimensions.len(), 1);
        assert_eq!(p.dimensions[0].name, "Outcome");
        assert!((p.dimensions[0].parts[0].share - 5.0 / 7.0).abs() < 1e-9);
        assert!(p.months_sentence().contains("1 of the 12 months"));
        assert_eq!(
            police_parts_measures(&data),
            vec!["Outcomes of all crime".to_string()]
        );
    }
}
