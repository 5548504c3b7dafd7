//! What the officer chooses for an assessment: the local area, the reporting
//! period, what it is compared with. Every choice has a default a user would expect.

use super::index::{last_month, Index};
use crate::core::areas::AreaLevel;
use crate::core::date::Date;
use serde::{Deserialize, Serialize};

/// What the current period is compared with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Comparison {
    /// The period of the same length just before (last year, for a year).
    #[default]
    PreviousPeriod,
    /// The same period a number of years earlier.
    YearsEarlier(u8),
}

/// The officer's choices, as stored. `None` means "the default".
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Options {
    pub area: Option<String>,
    /// The area the local figures are compared with (normally the county).
    pub county: Option<String>,
    /// Which areas the local area is ranked among.
    pub peer_level: Option<AreaLevel>,
    /// Assess periods ending no later than this month (a month index); `None` = the latest.
    pub period_end: Option<i64>,
    pub comparison: Comparison,
    /// Baseline years, first and last inclusive (the year each period starts in);
    /// `None` = the first five years on file.
    pub baseline: Option<(i32, i32)>,
    /// The year the plan starts (2016 for 2016/17); `None` = the financial year after the data.
    pub plan_year: Option<i32>,
}

/// The choices with every default filled in from the data.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Resolved {
    pub area: String,
    pub county: Option<String>,
    pub peer_level: AreaLevel,
    pub period_end: i64,
    pub comparison: Comparison,
    pub baseline: Option<(i32, i32)>,
    pub plan_year: i32,
}

/// Areas a local area is most likely to be: a district, then a force, then anything.
const LOCAL_LEVELS: [AreaLevel; 4] = [
    AreaLevel::District,
    AreaLevel::Other,
    AreaLevel::Force,
    AreaLevel::Region,
];

impl Options {
    /// Fills the defaults; `None` when the dataset has nothing to assess.
    pub fn resolve(&self, index: &Index, preferred_area: &str) -> Option<Resolved> {
        let areas: Vec<(&str, AreaLevel)> = index.areas().collect();
        let has = |name: &str| areas.iter().any(|(a, _)| *a == name);
        let area = self
            .area
            .clone()
            .filter(|a| has(a))
            .or_else(|| has(preferred_area).then(|| preferred_area.to_string()))
            .or_else(|| {
                LOCAL_LEVELS.iter().find_map(|level| {
                    areas
                        .iter()
                        .find(|(_, l)| l == level)
                        .map(|(a, _)| a.to_string())
                })
            })
            .or_else(|| areas.first().map(|(a, _)| a.to_string()))?;
        let level = index.level(&area).unwrap_or(AreaLevel::Other);
        let county = self.county.clone().filter(|c| has(c)).or_else(|| {
            let wider = match level {
                AreaLevel::District => AreaLevel::County,
                AreaLevel::County | AreaLevel::Force => AreaLevel::Region,
                _ => AreaLevel::National,
            };
            areas
                .iter()
                .find(|(a, l)| *l == wider && *a != area)
                .map(|(a, _)| a.to_string())
        });
        let period_end = self.period_end.or_else(|| index.latest_end())?;
        Some(Resolved {
            area,
            county,
            peer_level: self.peer_level.unwrap_or(level),
            period_end,
            comparison: self.comparison,
            baseline: self.baseline,
            plan_year: self
                .plan_year
                .unwrap_or_else(|| plan_year_after(period_end)),
        })
    }
}

/// The first financial year starting after the month: data to September 2015
/// feeds the 2016/17 plan.
pub fn plan_year_after(month_index: i64) -> i32 {
    let (year, month) = Date::from_month_index(month_index);
    if month < 4 {
        year
    } else {
        year + 1
    }
}

/// "2016/17".
pub fn plan_year_label(year: i32) -> String {
    format!("{year}/{:02}", (year + 1).rem_euclid(100))
}

/// The month index of a period's last month, for choosing a reporting period.
pub fn period_end_of(period: &crate::core::period::Period) -> i64 {
    last_month(period)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_year_follows_the_data() {
        let sep_2015 = Date::first_of_month(2015, 9).month_index();
        assert_eq!(plan_year_after(sep_2015), 2016);
        let mar_2015 = Date::first_of_month(2015, 3).month_index();
        assert_eq!(plan_year_after(mar_2015), 2015);
        assert_eq!(plan_year_label(2016), "2016/17");
        assert_eq!(plan_year_label(1999), "1999/00");
    }
}
