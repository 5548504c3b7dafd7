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
    /// Searches of the force placed in the local area (a district, or a
    /// partnership's districts) by their map points (`PoliceParts::placement`).
    Placed { force: String },
    /// Counted only for the police force area the local area lies in;
    /// `same_ground` when that force polices the local area alone.
    Force { force: String, same_ground: bool },
}

/// How a force's searches over the period were placed in districts by their
/// map points, from its "Where counted" breakdown.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Placement {
    pub force: String,
    /// All the force's searches over the months summed.
    pub force_total: f64,
    /// Those placed in a district of the force.
    pub placed: f64,
    /// Those counted for the force only, by reason, in the import's order of reasons.
    pub not_placed: Vec<(String, f64)>,
    /// Months whose searches were placed by other months' street crimes (no
    /// street file of the force that month).
    pub other_months: Vec<Period>,
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
    /// For stop and search: how the force's searches were placed in districts,
    /// when the import placed them.
    pub placement: Option<Placement>,
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
fn traced(sources: &[&Observation]) -> String {
    match sources {
        [] => String::new(),
        [one] => one.source.to_string(),
        [first, .., last] => format!(
            "the sum of {} monthly counts: {} … {}",
            sources.len(),
            first.source,
            last.source
        ),
    }
}

/// The areas whose figures are the local area's: itself where the data name
/// it, else a partnership's whole districts where the data name any of them.
fn local_areas(of_measure: &[&Observation], local_area: &str) -> Vec<String> {
    if of_measure
        .iter()
        .any(|o| o.area.eq_ignore_ascii_case(local_area))
    {
        let name = of_measure
            .iter()
            .find(|o| o.area.eq_ignore_ascii_case(local_area))
            .map(|o| o.area.clone())
            .unwrap_or_default();
        return vec![name];
    }
    let geo = geography::national();
    let Some(members) = geo.find(local_area).and_then(|id| geo.member_districts(id)) else {
        return Vec::new();
    };
    let names: Vec<String> = members
        .into_iter()
        .map(|d| geo.area(d).name.clone())
        .filter(|name| {
            of_measure
                .iter()
                .any(|o| o.area_level == AreaLevel::District && o.area == *name)
        })
        .collect();
    names
}

/// The force (as the data name it) of the local area with figures for the measure.
fn force_with_figures(of_measure: &[&Observation], local_area: &str) -> Option<(String, bool)> {
    forces_of(local_area).into_iter().find_map(|(force, same)| {
        let named = of_measure
            .iter()
            .find(|o| names_force(&o.area, o.area_level, &force))?;
        Some((named.area.clone(), same))
    })
}

/// The "Where counted" breakdown's prefix, as the import writes it.
fn placement_prefix() -> String {
    format!("{} · ", crate::core::ingest::policeuk::SEARCH_PLACEMENT)
}

/// How the force's searches over the months `within` were placed, from its
/// "Where counted" breakdown; `None` when the import did not place them.
fn placement_of(
    of_measure: &[&Observation],
    force: &str,
    within: &dyn Fn(&Period) -> bool,
) -> Option<Placement> {
    use crate::core::ingest::policeuk::{
        SEARCH_AMBIGUOUS, SEARCH_NOT_SHARED, SEARCH_NO_LOCATION, SEARCH_OTHER_FORCE, SEARCH_PLACED,
        SEARCH_PLACED_OTHER_MONTHS,
    };
    let prefix = placement_prefix();
    let mut by_reason: BTreeMap<&str, f64> = BTreeMap::new();
    let mut total = 0.0;
    let mut other_months: BTreeSet<Period> = BTreeSet::new();
    let mut any = false;
    for o in of_measure
        .iter()
        .filter(|o| o.area == force && within(&o.period))
    {
        let n = o.value.number().unwrap_or(0.0);
        match o.category.as_deref() {
            None => total += n,
            Some(c) => {
                let Some(reason) = c.strip_prefix(&prefix) else {
                    continue;
                };
                any = true;
                *by_reason.entry(reason).or_default() += n;
                if reason == SEARCH_PLACED_OTHER_MONTHS && n > 0.0 {
                    other_months.insert(o.period);
                }
            }
        }
    }
    if !any {
        return None;
    }
    let get = |r: &str| by_reason.get(r).copied().unwrap_or(0.0);
    Some(Placement {
        force: force.to_string(),
        force_total: total,
        placed: get(SEARCH_PLACED) + get(SEARCH_PLACED_OTHER_MONTHS),
        not_placed: [
            SEARCH_NO_LOCATION,
            SEARCH_NOT_SHARED,
            SEARCH_AMBIGUOUS,
            SEARCH_OTHER_FORCE,
        ]
        .iter()
        .map(|r| (r.to_string(), get(r)))
        .filter(|(_, n)| *n > 0.0)
        .collect(),
        other_months: other_months.into_iter().collect(),
    })
}

/// The measure's breakdowns for `local_area` over the twelve months ending
/// with the latest month, no later than `period_end` (a month index), that
/// the area counted for has a figure; `None` when neither the area nor its
/// force has the measure, or it has no breakdown.
///
/// Stop and search placed in districts (see `ingest::policeuk::stop_search`)
/// is the district's, or the sum of a partnership's districts: its twelve
/// months are the force's (a month with none placed in the district is a
/// real none, the force's searches being loaded), and `placement` says how
/// many of the force's searches stayed with the force and why.
pub fn police_parts(
    observations: &[Observation],
    measure: &str,
    local_area: &str,
    period_end: i64,
) -> Option<PoliceParts> {
    let is_searches = measure == crate::core::ingest::policeuk::STOP_AND_SEARCH;
    // A district's searches are its placed ones, a measure of their own (the
    // force's file names the force alone), read here as one with the force's.
    let is_measure = |m: &str| {
        m == measure || (is_searches && m == crate::core::ingest::policeuk::SEARCHES_PLACED)
    };
    let of_measure: Vec<&Observation> = observations
        .iter()
        .filter(|o| is_measure(&o.measure) && o.unit == Unit::Count && o.period.months() == 1)
        .collect();
    let locals = local_areas(&of_measure, local_area);
    let placed_locally = is_searches
        && of_measure
            .iter()
            .any(|o| o.area_level == AreaLevel::District && locals.contains(&o.area));
    let force = force_with_figures(&of_measure, local_area);
    let (scope, counted_for, summed) = if placed_locally && force.is_some() {
        let force = force.clone().map(|f| f.0).unwrap_or_default();
        (
            Scope::Placed {
                force: force.clone(),
            },
            local_area.to_string(),
            locals,
        )
    } else if !locals.is_empty() {
        let name = if locals.len() == 1 {
            locals[0].clone()
        } else {
            local_area.to_string()
        };
        (Scope::LocalArea, name, locals)
    } else {
        let (force, same_ground) = force.clone()?;
        (
            Scope::Force {
                force: force.clone(),
                same_ground,
            },
            force.clone(),
            vec![force],
        )
    };
    // The months: the force's where searches were placed, else the area's own.
    let months_of: Vec<String> = match &scope {
        Scope::Placed { force } => vec![force.clone()],
        _ => summed.clone(),
    };
    let last = of_measure
        .iter()
        .filter(|o| months_of.contains(&o.area))
        .map(|o| o.period.first_month_index())
        .filter(|m| *m <= period_end)
        .max()?;
    let period = Period::from_months(last - 11, 12)?;
    let within = |p: &Period| (last - 11..=last).contains(&p.first_month_index());
    let months: Vec<Period> = of_measure
        .iter()
        .filter(|o| months_of.contains(&o.area) && o.category.is_none() && within(&o.period))
        .filter(|o| o.value.number().is_some())
        .map(|o| o.period)
        .collect::<BTreeSet<Period>>()
        .into_iter()
        .collect();

    let mut wholes: Vec<&Observation> = Vec::new();
    // Dimension → category → its monthly counts.
    let mut parts: BTreeMap<String, BTreeMap<String, Vec<&Observation>>> = BTreeMap::new();
    let prefix = placement_prefix();
    for o in of_measure
        .iter()
        .filter(|o| summed.contains(&o.area) && within(&o.period))
    {
        if o.value.number().is_none() {
            continue;
        }
        match &o.category {
            None => wholes.push(o),
            Some(c) if is_searches && c.starts_with(&prefix) => {}
            Some(c) => {
                let (dimension, category) = c
                    .split_once(" · ")
                    .unwrap_or((bare_dimension(measure), c.as_str()));
                parts
                    .entry(dimension.to_string())
                    .or_default()
                    .entry(category.to_string())
                    .or_default()
                    .push(o);
            }
        }
    }
    if parts.is_empty() {
        return None;
    }
    let in_order = |list: &mut Vec<&Observation>| {
        crate::core::sorting::sort_by_key(list, |o| (o.period, o.area.clone()));
    };
    in_order(&mut wholes);
    let number = |o: &Observation| o.value.number().unwrap_or(0.0);
    let total: f64 = wholes.iter().map(|o| number(o)).sum();
    if total <= 0.0 {
        return None;
    }
    let mut dimensions: Vec<Dimension> = parts
        .into_iter()
        .map(|(name, categories)| {
            let mut parts: Vec<PartCount> = categories
                .into_iter()
                .map(|(category, mut sources)| {
                    in_order(&mut sources);
                    let count: f64 = sources.iter().map(|o| number(o)).sum();
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
    let placement = if is_searches {
        let force_name = match &scope {
            Scope::Placed { force } | Scope::Force { force, .. } => Some(force.clone()),
            Scope::LocalArea => force.map(|f| f.0),
        };
        force_name.and_then(|f| placement_of(&of_measure, &f, &within))
    } else {
        None
    };
    Some(PoliceParts {
        measure: measure.to_string(),
        local_area: local_area.to_string(),
        counted_for,
        scope,
        period,
        months,
        total,
        total_source: traced(&wholes),
        dimensions,
        placement,
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

    /// Whose figures these are and why, in one or a few sentences: said
    /// once for the section, not in each chart.
    pub fn scope_sentence(&self) -> String {
        let what = if self.measure == crate::core::ingest::policeuk::STOP_AND_SEARCH {
            match &self.placement {
                Some(p) => format!("Stop and search records carry no LSOA, and none of {}'s searches in {} was placed in {} by its map point, so police.uk's searches are counted for the force each file is named after", p.force, self.period.label(), self.local_area),
                None => "Stop and search records carry no LSOA, so police.uk's searches are counted for the force each file is named after".to_string(),
            }
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
            Scope::Placed { force } => self.placed_sentence(force),
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

    /// How searches were placed in the local area, and how many of the
    /// force's stayed with the force, and why.
    fn placed_sentence(&self, force: &str) -> String {
        let area = &self.local_area;
        let mut out = format!(
            "Stop and search records carry no LSOA: these are {force}'s searches placed in {area} by their map points, each where street crimes of the same download share its point and their LSOAs lie in {area} (police.uk moves searches and street crimes to the same anonymous map points)."
        );
        let Some(p) = &self.placement else {
            return out;
        };
        out.push_str(&format!(
            " {} of {force}'s {} searches in {} were placed in {area}, and {} in all in districts of the force.",
            format::count(self.total),
            format::count(p.force_total),
            self.period.label(),
            format::count(p.placed),
        ));
        let unplaced: f64 = p.not_placed.iter().map(|(_, n)| n).sum();
        if unplaced > 0.0 {
            let reason = |r: &str| {
                use crate::core::ingest::policeuk::{
                    SEARCH_AMBIGUOUS, SEARCH_NOT_SHARED, SEARCH_NO_LOCATION, SEARCH_OTHER_FORCE,
                };
                match r {
                    r if r == SEARCH_NO_LOCATION => "no location",
                    r if r == SEARCH_NOT_SHARED => "a location not shared with a street crime",
                    r if r == SEARCH_AMBIGUOUS => {
                        "a location shared by street crimes of more than one district (not guessed)"
                    }
                    r if r == SEARCH_OTHER_FORCE => "a location in another force's area",
                    _ => "another reason",
                }
            };
            let listed: Vec<String> = if p.not_placed.len() == 1 {
                vec![reason(&p.not_placed[0].0).to_string()]
            } else {
                p.not_placed
                    .iter()
                    .map(|(r, n)| format!("{} ({})", reason(r), format::count(*n)))
                    .collect()
            };
            let joined = match listed.as_slice() {
                [one] => one.clone(),
                [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
                [] => String::new(),
            };
            out.push_str(&format!(
                " {} of {} searches ({}) had {joined}, and are counted for the force only.",
                format::count(unplaced),
                format::count(p.force_total),
                format::percent(unplaced / p.force_total.max(1.0)),
            ));
        }
        if !p.other_months.is_empty() {
            let months: Vec<String> = p.other_months.iter().map(|m| m.label()).collect();
            let those = if months.len() == 1 {
                "that month's"
            } else {
                "those months'"
            };
            out.push_str(&format!(
                " No street file of the force was loaded for {}: {those} searches were placed by the map points of the other months' street crimes.",
                months.join(", ")
            ));
        }
        out
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
        // As the import counts them: a district's are its placed searches.
        let measure = if level == AreaLevel::District {
            crate::core::ingest::policeuk::SEARCHES_PLACED
        } else {
            crate::core::ingest::policeuk::STOP_AND_SEARCH
        };
        Observation {
            measure: measure.to_string(),
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
