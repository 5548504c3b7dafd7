//! A figure against the period before it, and whether the change is real.

use crate::core::areas::AreaLevel;
use crate::core::dataset::{Dataset, Observation, Provenance, Unit};
use crate::core::format;
use crate::core::period::Period;
use crate::core::stats;
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
    pub fn of(o: &Observation) -> Option<Figure> {
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
