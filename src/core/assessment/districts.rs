//! Districts compared with each other by rate per 1,000 (1 = lowest, ties shared).

use super::change::Figure;
use super::index::Index;
use crate::core::areas::AreaLevel;
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
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DistrictComparison {
    pub measure: String,
    pub period: Period,
    /// Lowest first.
    pub districts: Vec<DistrictFigure>,
    /// Whether districts are ranked by rate per 1,000 (all populations known) or by count.
    pub by_rate: bool,
    pub county_rate: Option<f64>,
}

/// Every district's figure for one measure and period, ranked lowest first.
/// Looks each figure up in the index, so comparing every measure costs a lookup
/// per district rather than a scan of every observation.
pub fn district_comparison(index: &Index, measure: &str, period: &Period) -> DistrictComparison {
    let mut districts: Vec<DistrictFigure> = index
        .areas_with(measure, AreaLevel::District)
        .into_iter()
        .filter_map(|area| {
            let count = Figure::of(index.whole(measure, area, *period)?)?;
            let population = index.population(area, *period).and_then(Figure::of);
            let rate = population.as_ref().map(|p| count.value / p.value * 1000.0);
            Some(DistrictFigure {
                area: area.to_string(),
                count,
                population,
                rate,
                rank: 0,
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
    districts.sort_by(|a, b| key(a).total_cmp(&key(b)).then(a.area.cmp(&b.area)));
    let keys: Vec<f64> = districts.iter().map(key).collect();
    for (i, d) in districts.iter_mut().enumerate() {
        // Keys are sorted, so the districts below this one are those before its first tie.
        d.rank = 1 + keys.partition_point(|k| *k < keys[i]);
    }
    let county_rate = index.county().and_then(|county| {
        let count = index.whole(measure, county, *period)?.value.number()?;
        let population = index.population(county, *period)?.value.number()?;
        Some(count / population * 1000.0)
    });
    DistrictComparison {
        measure: measure.to_string(),
        period: *period,
        districts,
        by_rate,
        county_rate,
    }
}

/// Every measure with figures for two or more districts, compared in its latest period.
pub fn comparable_measures(index: &Index) -> Vec<(String, DistrictComparison)> {
    index
        .measures()
        .filter_map(|m| Some((m.to_string(), comparable(index, m)?)))
        .collect()
}

/// The measure's districts compared in their latest period, if two or more have a figure.
pub fn comparable(index: &Index, measure: &str) -> Option<DistrictComparison> {
    let latest = index
        .areas_with(measure, AreaLevel::District)
        .into_iter()
        .filter_map(|area| index.series(measure, area)?.keys().next_back().copied())
        .max()?;
    let comparison = district_comparison(index, measure, &latest);
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
                _ => format::count(local.count.value),
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
