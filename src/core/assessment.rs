//! The assessment's first figures: each measure's latest period against the one
//! before, for the local area and the county, and districts compared by rate.

use super::areas::AreaLevel;
use super::dataset::{Dataset, Observation, Provenance, Unit};
use super::format;
use super::period::Period;
use super::stats;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Measures that are denominators, not issues to assess.
pub fn is_population(measure: &str) -> bool {
    measure.to_lowercase().contains("population")
}

/// One figure and the cell it came from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figure {
    pub value: f64,
    pub period: Period,
    pub source: Provenance,
}

impl Figure {
    fn of(o: &Observation) -> Option<Figure> {
        Some(Figure {
            value: o.value.number()?,
            period: o.period,
            source: o.source.clone(),
        })
    }
}

/// A figure for its latest period and the period just before.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    pub current: Figure,
    pub previous: Option<Figure>,
}

/// Whether a change in a count is more than normal variation, and how that was judged.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Significance {
    pub p_value: f64,
    /// At the 5% level, two-sided.
    pub significant: bool,
    pub method: &'static str,
}

impl Significance {
    /// "more than normal variation (p < 0.001)", "within normal variation (p = 0.68)".
    pub fn describe(&self) -> String {
        // Two significant figures: p = 0.68, 0.042, 0.0031.
        let p = if self.p_value < 0.001 {
            "p < 0.001".to_string()
        } else {
            let decimals = if self.p_value >= 0.1 {
                2
            } else if self.p_value >= 0.01 {
                3
            } else {
                4
            };
            format!("p = {}", format::number(self.p_value, decimals))
        };
        if self.significant {
            format!("more than normal variation ({p})")
        } else {
            format!("within normal variation ({p})")
        }
    }
}

impl Change {
    /// The exact conditional test on the two counts, for periods of equal length.
    /// `None` for figures that are not whole counts, or without a previous period.
    pub fn significance(&self, unit: Unit) -> Option<Significance> {
        let previous = self.previous.as_ref()?;
        let whole = |v: f64| v >= 0.0 && v.fract() == 0.0;
        if unit != Unit::Count || !whole(self.current.value) || !whole(previous.value) {
            return None;
        }
        let p_value = stats::exact_poisson_test(
            self.current.value as u64,
            previous.value as u64,
            self.current.period.months() as f64,
            previous.period.months() as f64,
        );
        Some(Significance {
            p_value,
            significant: p_value < 0.05,
            method: "exact conditional test for two Poisson counts",
        })
    }

    pub fn absolute(&self) -> Option<f64> {
        Some(self.current.value - self.previous.as_ref()?.value)
    }

    /// `(current − previous) / previous`; none when there is no previous figure or it is zero.
    pub fn relative(&self) -> Option<f64> {
        let previous = self.previous.as_ref()?.value;
        (previous != 0.0).then(|| (self.current.value - previous) / previous)
    }

    /// "up 13% to 1,696 from 1,501", as the plan writes a change.
    pub fn describe(&self) -> String {
        let current = format::count(self.current.value);
        match (self.previous.as_ref(), self.relative()) {
            (Some(p), Some(r)) if r > 0.0 => format!(
                "up {} to {current} from {}",
                format::signed_percent(r).trim_start_matches('+'),
                format::count(p.value)
            ),
            (Some(p), Some(r)) if r < 0.0 => format!(
                "down {} to {current} from {}",
                format::signed_percent(r).trim_start_matches('−'),
                format::count(p.value)
            ),
            (Some(_), _) => format!("unchanged at {current}"),
            (None, _) => format!("{current}; no figure for the period before"),
        }
    }
}

/// One row of the Assessment view.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeasureSummary {
    pub measure: String,
    pub unit: Unit,
    pub local: Change,
    pub county: Option<Change>,
}

/// Every measure the area has figures for, with its latest change and the county's.
pub fn measure_summaries(dataset: &Dataset, area: &str) -> Vec<MeasureSummary> {
    let measures: BTreeSet<&str> = dataset
        .observations
        .iter()
        .filter(|o| o.area == area && o.category.is_none() && !is_population(&o.measure))
        .map(|o| o.measure.as_str())
        .collect();
    measures
        .into_iter()
        .filter_map(|measure| {
            let local_series = series(dataset, measure, area);
            let (&period, latest) = local_series.iter().next_back()?;
            let local = Change {
                current: Figure::of(latest)?,
                previous: local_series
                    .get(&period.previous())
                    .and_then(|o| Figure::of(o)),
            };
            let county = county_area(dataset).and_then(|county| {
                let county_series = series(dataset, measure, &county);
                Some(Change {
                    current: Figure::of(county_series.get(&period)?)?,
                    previous: county_series
                        .get(&period.previous())
                        .and_then(|o| Figure::of(o)),
                })
            });
            Some(MeasureSummary {
                measure: measure.to_string(),
                unit: latest.unit,
                local,
                county,
            })
        })
        .collect()
}

/// The area's numeric figures for one measure (whole, not breakdowns), by period.
pub fn series<'a>(
    dataset: &'a Dataset,
    measure: &str,
    area: &str,
) -> BTreeMap<Period, &'a Observation> {
    dataset
        .observations
        .iter()
        .filter(|o| {
            o.measure == measure
                && o.area == area
                && o.category.is_none()
                && o.value.number().is_some()
        })
        .map(|o| (o.period, o))
        .collect()
}

/// The county in this dataset, if one is present.
pub fn county_area(dataset: &Dataset) -> Option<String> {
    dataset
        .areas(AreaLevel::County)
        .into_iter()
        .next()
        .map(str::to_string)
}

/// The area's population: the latest estimate that starts no later than the period ends.
pub fn population(dataset: &Dataset, area: &str, period: &Period) -> Option<Figure> {
    let candidates: Vec<&Observation> = dataset
        .observations
        .iter()
        .filter(|o| is_population(&o.measure) && o.area == area && o.category.is_none())
        .filter(|o| o.value.number().is_some_and(|v| v > 0.0))
        .collect();
    let fits = candidates
        .iter()
        .filter(|o| o.period.start() <= period.end())
        .max_by_key(|o| o.period);
    fits.or_else(|| candidates.iter().min_by_key(|o| o.period))
        .and_then(|o| Figure::of(o))
}

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
pub fn district_comparison(
    dataset: &Dataset,
    measure: &str,
    period: &Period,
) -> DistrictComparison {
    let mut districts: Vec<DistrictFigure> = dataset
        .observations
        .iter()
        .filter(|o| {
            o.measure == measure
                && o.period == *period
                && o.category.is_none()
                && o.area_level == AreaLevel::District
        })
        .filter_map(|o| {
            let count = Figure::of(o)?;
            let population = population(dataset, &o.area, period);
            let rate = population.as_ref().map(|p| count.value / p.value * 1000.0);
            Some(DistrictFigure {
                area: o.area.clone(),
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
        d.rank = 1 + keys.iter().take(i).filter(|k| **k < keys[i]).count();
    }
    let county_rate = county_area(dataset).and_then(|county| {
        let count = series(dataset, measure, &county)
            .get(period)?
            .value
            .number()?;
        let population = population(dataset, &county, period)?;
        Some(count / population.value * 1000.0)
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
pub fn comparable_measures(data: &Dataset) -> Vec<(String, DistrictComparison)> {
    data.measures()
        .into_iter()
        .filter(|m| !is_population(m))
        .filter_map(|m| {
            let latest = data
                .observations
                .iter()
                .filter(|o| o.measure == m && o.area_level == AreaLevel::District)
                .map(|o| o.period)
                .max()?;
            let comparison = district_comparison(data, m, &latest);
            (comparison.districts.len() > 1).then(|| (m.to_string(), comparison))
        })
        .collect()
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

impl MeasureSummary {
    /// The change in a sentence for the plan's analysis, with the county beside it:
    /// "All crime: up 0.8% to 5,040 from 4,998 (Oct 2014 – Sep 2015); Kent: up 2.8%."
    pub fn sentence(&self, county_name: Option<&str>) -> String {
        let mut text = format!(
            "{}: {} ({}).",
            self.measure,
            self.local.describe(),
            self.local.current.period.label()
        );
        if let (Some(county), Some(r)) =
            (county_name, self.county.as_ref().and_then(Change::relative))
        {
            let direction = if r > 0.0 {
                "rose"
            } else if r < 0.0 {
                "fell"
            } else {
                "was unchanged"
            };
            let size = format::signed_percent(r)
                .trim_start_matches(['+', '−'])
                .to_string();
            if r == 0.0 {
                text.push_str(&format!(" Across {county} it {direction}."));
            } else {
                text.push_str(&format!(" Across {county} it {direction} by {size}."));
            }
        }
        text
    }
}
