//! Where a rate sits on the funnel plot around the county rate: classified here
//! and named here, once, for the assessment, the funnel chart, the findings'
//! method and the measures table.

use crate::core::stats;
use serde::Serialize;

/// Where a rate sits against the 95% and 99.8% limits around the county rate for
/// an area of its population.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum FunnelPosition {
    /// Above the 99.8% limit.
    FarAbove,
    /// Above the 95% limit.
    Above,
    Within,
    Below,
    FarBelow,
}

impl FunnelPosition {
    /// The positions outside the 95% limits, highest first, as descriptions list them.
    pub const OUTSIDE: [FunnelPosition; 4] = [
        FunnelPosition::FarAbove,
        FunnelPosition::Above,
        FunnelPosition::Below,
        FunnelPosition::FarBelow,
    ];

    /// Where a rate per 1,000 over `population` sits around `county_rate` per 1,000.
    pub fn of(rate: f64, population: f64, county_rate: f64) -> FunnelPosition {
        let (lo95, hi95) = stats::funnel_limits(county_rate, population, stats::Z_95);
        let (lo998, hi998) = stats::funnel_limits(county_rate, population, stats::Z_998);
        if rate > hi998 {
            FunnelPosition::FarAbove
        } else if rate > hi95 {
            FunnelPosition::Above
        } else if rate < lo998 {
            FunnelPosition::FarBelow
        } else if rate < lo95 {
            FunnelPosition::Below
        } else {
            FunnelPosition::Within
        }
    }

    /// The position in words, lower case to sit in a sentence: "above the 95% limit".
    pub fn label(self) -> &'static str {
        match self {
            FunnelPosition::FarAbove => "above the 99.8% limit",
            FunnelPosition::Above => "above the 95% limit",
            FunnelPosition::Within => "within the 95% limits",
            FunnelPosition::Below => "below the 95% limit",
            FunnelPosition::FarBelow => "below the 99.8% limit",
        }
    }

    /// The label starting a sentence or a table cell: "Above the 95% limit".
    pub fn sentence_label(self) -> String {
        let label = self.label();
        let mut chars = label.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    }

    /// What the position says about chance, for a rate that differs from the
    /// county's: `None` when nothing is said.
    pub fn meaning(self) -> &'static str {
        match self {
            FunnelPosition::FarAbove | FunnelPosition::Above => {
                "higher than chance alone would explain"
            }
            FunnelPosition::FarBelow | FunnelPosition::Below => {
                "lower than chance alone would explain"
            }
            FunnelPosition::Within => "a difference within normal variation",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_follow_the_limits() {
        // 1,000 expected at the county rate: 95% limits about ±6%.
        assert_eq!(
            FunnelPosition::of(10.0, 100_000.0, 10.0),
            FunnelPosition::Within
        );
        assert_eq!(
            FunnelPosition::of(10.8, 100_000.0, 10.0),
            FunnelPosition::Above
        );
        assert_eq!(
            FunnelPosition::of(11.5, 100_000.0, 10.0),
            FunnelPosition::FarAbove
        );
        assert_eq!(
            FunnelPosition::of(9.2, 100_000.0, 10.0),
            FunnelPosition::Below
        );
        assert_eq!(
            FunnelPosition::of(8.5, 100_000.0, 10.0),
            FunnelPosition::FarBelow
        );
    }

    #[test]
    fn each_position_has_one_label() {
        assert_eq!(FunnelPosition::Above.label(), "above the 95% limit");
        assert_eq!(
            FunnelPosition::FarBelow.sentence_label(),
            "Below the 99.8% limit"
        );
        assert_eq!(
            FunnelPosition::Within.sentence_label(),
            "Within the 95% limits"
        );
        assert!(!FunnelPosition::OUTSIDE.contains(&FunnelPosition::Within));
    }
}
