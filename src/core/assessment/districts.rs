//! Districts compared with each other by rate per 1,000 (1 = lowest, ties shared).

use super::change::Figure;
use super::index::Index;
use super::options::{Comparison, Resolved};
use crate::core::areas::AreaLevel;
use crate::core::dataset::Unit;
use crate::core::format;
use crate::core::period::Period;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DistrictFigure {
    pub area: String,
    pub count: Figure,
    pub population: Option<Figure>,
    /// Per 1,000 population, when the population is known.
    pub rate: Option<f64>,
    /// 1 = lowest rate (or count when rates are unknown); ties share a rank.
    pub rank: usize,
    /// The figure for the period compared with (`DistrictComparison::compared_period`),
    /// where the data have it: each district's change, as a map shows it.
    pub previous: Option<Figure>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DistrictComparison {
    pub measure: String,
    pub period: Period,
    /// The unit of the figures: counts are compared per 1,000 people, others as given.
    pub unit: Unit,
    /// Lowest first.
    pub districts: Vec<DistrictFigure>,
    /// Whether districts are ranked by rate per 1,000 (all populations known) or by count.
    pub by_rate: bool,
    pub county_rate: Option<f64>,
    /// The county (or force) every district lies in, when the geography says so.
    pub within: Option<String>,
    /// The period each district's `previous` figure is for: the one before, or
    /// the same period years earlier, as the assessment compares.
    pub compared_period: Period,
}

/// Every district's figure for one measure and period, ranked lowest first.
/// Looks each figure up in the index, so comparing every measure costs a lookup
/// per district rather than a scan of every observation.
pub fn district_comparison(index: &Index, measure: &str, period: &Period) -> DistrictComparison {
    district_comparison_for(index, measure, period, None)
}

/// The districts the assessment ranks the local area among (its peer group,
/// else every district), against the area it is compared with (else the first
/// county in the data).
pub fn district_comparison_for(
    index: &Index,
    measure: &str,
    period: &Period,
    options: Option<&Resolved>,
) -> DistrictComparison {
    let mut unit = Unit::Count;
    let compared_period = match options.map(|o| o.comparison) {
        Some(Comparison::YearsEarlier(n)) => (0..n.max(1)).fold(*period, |p, _| p.year_earlier()),
        _ => period.previous(),
    };
    let mut districts: Vec<DistrictFigure> = peers_with(index, measure, options)
        .into_iter()
        .filter_map(|area| {
            let o = index.whole(measure, area, *period)?;
            unit = o.unit;
            let count = Figure::of(o)?;
            // Only a count has a rate per head; a proportion or an average is compared as given.
            let population = index
                .population(area, *period)
                .filter(|_| o.unit.is_additive())
                .and_then(Figure::of);
            let rate = population.as_ref().map(|p| count.value / p.value * 1000.0);
            let previous = index
                .whole(measure, area, compared_period)
                .and_then(Figure::of);
            Some(DistrictFigure {
                area: area.to_string(),
                count,
                population,
                rate,
                rank: 0,
                previous,
            })
        })
        .collect();
    let by_rate = !districts.is_empty() && districts.iter().all(|d| d.rate.is_some());
    let key = |d: &DistrictFigure| {
        if by_rate {
            d.rate.unwrap_or(0.0)
        } else {
            d.count.value
        }
    };
    crate::core::sorting::sort_by(&mut districts, |a, b| {
        key(a).total_cmp(&key(b)).then(a.area.cmp(&b.area))
    });
    let keys: Vec<f64> = districts.iter().map(key).collect();
    for (i, d) in districts.iter_mut().enumerate() {
        // Keys are sorted, so the districts below this one are those before its first tie.
        d.rank = 1 + keys.partition_point(|k| *k < keys[i]);
    }
    let county = options
        .and_then(|o| o.county.as_deref())
        .or_else(|| index.county());
    // Only counts have a county rate per head.
    let county_rate = county.filter(|_| unit.is_additive()).and_then(|county| {
        let count = index.whole(measure, county, *period)?.value.number()?;
        let population = index.population(county, *period)?.value.number()?;
        Some(count / population * 1000.0)
    });
    let compared: Vec<&str> = districts.iter().map(|d| d.area.as_str()).collect();
    // "Within the county" only when the districts are the county's, all of
    // them with a figure: a narrower group (the user's own) is not, and a map
    // would otherwise show the county's others as having no figure.
    let within = county
        .filter(|county| all_within(county, compared.iter().copied()))
        .filter(|county| {
            index
                .areas_with(measure, AreaLevel::District)
                .into_iter()
                .filter(|a| index.whole(measure, a, *period).is_some())
                .filter(|a| all_within(county, [*a]))
                .filter(|a| !overlaps_any(a, &compared))
                .all(|a| compared.contains(&a))
        })
        .map(str::to_string);
    DistrictComparison {
        measure: measure.to_string(),
        period: *period,
        unit,
        districts,
        by_rate,
        county_rate,
        within,
        compared_period,
    }
}

/// The areas with a figure for the measure that the local area is ranked among.
fn peers_with<'a>(index: &Index<'a>, measure: &str, options: Option<&Resolved>) -> Vec<&'a str> {
    match options.and_then(|o| o.peers.as_ref()) {
        Some(peers) => index
            .areas_with_any_level(measure)
            .into_iter()
            .filter(|a| peers.members.iter().any(|m| m == a))
            .collect(),
        None => {
            let left_out = options.map(|o| o.overlapping.as_slice()).unwrap_or(&[]);
            index
                .areas_with(measure, AreaLevel::District)
                .into_iter()
                .filter(|a| !left_out.iter().any(|o| o == a))
                .collect()
        }
    }
}

/// Whether an area not compared lies on ground that compared ones cover (a
/// partnership summed from its districts, left out where they are compared).
fn overlaps_any(area: &str, compared: &[&str]) -> bool {
    let geo = crate::core::geography::national();
    let ground = |name: &str| geo.find(name).and_then(|id| geo.pieces_of(id));
    let Some(own) = ground(area) else {
        return false;
    };
    !compared.contains(&area)
        && compared
            .iter()
            .filter_map(|c| ground(c))
            .any(|c| !c.is_disjoint(&own))
}

/// Whether the geography puts every one of `areas` inside the county (or force).
fn all_within<'a>(county: &str, areas: impl IntoIterator<Item = &'a str>) -> bool {
    let geo = crate::core::geography::national();
    let Some(whole) = geo.candidates(county).into_iter().find_map(|id| {
        geo.pieces_of(id)
            .filter(|_| crate::core::areas::level_of(geo.area(id)) != AreaLevel::District)
    }) else {
        return false;
    };
    areas.into_iter().all(|area| {
        geo.find(area)
            .and_then(|id| geo.pieces_of(id))
            .is_some_and(|p| p.is_subset(&whole))
    })
}

/// Every measure with figures for two or more districts, compared in its latest period.
pub fn comparable_measures(index: &Index) -> Vec<(String, DistrictComparison)> {
    comparable_measures_for(index, None)
}

/// The same, among the assessment's peers and against its comparison area.
pub fn comparable_measures_for(
    index: &Index,
    options: Option<&Resolved>,
) -> Vec<(String, DistrictComparison)> {
    index
        .measures()
        .filter_map(|m| Some((m.to_string(), comparable_for(index, m, options)?)))
        .collect()
}

/// The measure's districts compared in their latest period, if two or more have a figure.
pub fn comparable(index: &Index, measure: &str) -> Option<DistrictComparison> {
    comparable_for(index, measure, None)
}

/// The same, among the assessment's peers and against its comparison area.
pub fn comparable_for(
    index: &Index,
    measure: &str,
    options: Option<&Resolved>,
) -> Option<DistrictComparison> {
    let latest = peers_with(index, measure, options)
        .into_iter()
        .filter_map(|area| index.series(measure, area)?.keys().next_back().copied())
        .max()?;
    let comparison = district_comparison_for(index, measure, &latest, options);
    (comparison.districts.len() > 1).then_some(comparison)
}

impl DistrictComparison {
    pub fn position_of(&self, area: &str) -> Option<&DistrictFigure> {
        self.districts.iter().find(|d| d.area == area)
    }

    /// A sentence saying what the chart shows, for screen readers and captions.
    pub fn describe(&self, local_area: &str) -> String {
        let basis = if self.by_rate {
            "per 1,000 population"
        } else if !self.unit.is_additive() {
            "as given"
        } else {
            "recorded (a count; populations are not loaded)"
        };
        let mut text = format!(
            "{} {basis} in each of {} districts, {}, lowest first.",
            self.measure,
            self.districts.len(),
            self.period.label()
        );
        if let Some(local) = self.position_of(local_area) {
            let figure = match local.rate {
                Some(rate) if self.by_rate => format::rate_per_thousand(rate),
                _ => self.unit.show(local.count.value),
            };
            text.push_str(&format!(
                " {local_area}: {figure}, {} of {}.",
                format::ordinal(local.rank),
                self.districts.len()
            ));
        }
        if let (true, Some(rate)) = (self.by_rate, self.county_rate) {
            text.push_str(&format!(" County: {}.", format::rate_per_thousand(rate)));
        }
        text
    }
}
