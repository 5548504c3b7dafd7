//! A figure against the period before it, and whether the change is real.

use crate::core::dataset::{Observation, Provenance, Unit};
use crate::core::format;
use crate::core::period::Period;
use crate::core::stats;
use serde::Serialize;

/// Measures that are denominators, not issues to assess.
pub fn is_population(measure: &str) -> bool {
    // As `measure.to_lowercase().contains("population")`, without a copy of the
    // name: no letter outside ASCII lowercases to one of these (it runs once
    // per figure when the data change).
    measure
        .as_bytes()
        .windows(b"population".len())
        .any(|w| w.eq_ignore_ascii_case(b"population"))
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
}
