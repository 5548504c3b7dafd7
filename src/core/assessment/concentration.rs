//! How concentrated a district's street crime is among its neighbourhoods
//! (LSOAs): the share in its busiest 5%, 10% and 20%, the Lorenz curve and
//! its Gini coefficient, and the LSOAs that are persistently high.
//!
//! The district's LSOAs are counted from the ONS lookup, those with no record
//! included: such an LSOA is a real zero only for the months the loaded files
//! cover, so the months missing are carried with the figures.

use super::measure::MeasureAssessment;
use crate::core::dataset::{district_counts, LsoaTally, ALL_CRIME};
use crate::core::period::Period;
use serde::Serialize;

/// The shares of the busiest LSOAs reported, in per cent of the district's LSOAs.
pub const TOP_PERCENTS: [u32; 3] = [5, 10, 20];

/// The share of crime in the busiest `percent`% of LSOAs, in whole LSOAs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TopShare {
    pub percent: u32,
    /// How many LSOAs that is: `percent`% of the district's, rounded, at least one.
    pub lsoas: usize,
    pub count: u64,
    /// Of the district's total, 0–1.
    pub share: f64,
}

/// An LSOA with its count, busiest first.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RankedLsoa {
    pub code: String,
    pub name: String,
    pub count: u64,
    pub share: f64,
    /// This LSOA's share and those of every busier one.
    pub cumulative_share: f64,
    /// Months in which it was among the district's top tenth.
    pub months_in_top_tenth: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Concentration {
    pub district: String,
    pub measure: String,
    pub period: Period,
    /// The district's LSOAs, those with no record included (from the ONS
    /// lookup; when it was not loaded, only those the records named).
    pub lsoas: usize,
    /// Whether `lsoas` comes from the lookup (else LSOAs with no record are not counted).
    pub lsoas_from_lookup: bool,
    /// Which census's LSOA codes ("2011", "2021"…), as `DistrictCounts::census`.
    pub census: String,
    pub lsoas_with_crime: usize,
    pub total: u64,
    /// Every LSOA the records named, busiest first (ties by code); those with
    /// no record at all are not listed, but counted in `lsoas`.
    pub ranked: Vec<RankedLsoa>,
    pub top: Vec<TopShare>,
    /// (share of LSOAs, share of crime) from (0, 0) to (1, 1), LSOAs taken
    /// from the least crime to the most: the Lorenz curve.
    pub lorenz: Vec<(f64, f64)>,
    pub gini: f64,
    /// LSOAs in the district's top tenth in more than half the months loaded
    /// (none when fewer than three months are loaded).
    pub persistent: Vec<RankedLsoa>,
    /// The months of the period the files hold records for in the district,
    /// and those they do not.
    pub months: Vec<Period>,
    pub months_missing: Vec<Period>,
    pub files: Vec<String>,
}

/// The period a street measure's neighbourhood findings and charts cover:
/// the twelve months to the current period (monthly figures) or the current
/// period; `None` for measures that are not street records.
pub fn street_period(tallies: &[LsoaTally], m: &MeasureAssessment) -> Option<Period> {
    let street =
        m.measure == ALL_CRIME || tallies.iter().any(|t| t.crime_types.contains(&m.measure));
    if !street {
        return None;
    }
    Some(match &m.rolling_year {
        Some(year) => year.current.period,
        None => m.change.current.period,
    })
}

/// How many whole LSOAs make `percent`% of `n`: rounded, at least one.
pub fn top_size(percent: u32, n: usize) -> usize {
    ((n as f64 * f64::from(percent) / 100.0).round() as usize).clamp(1, n.max(1))
}

/// The Gini coefficient of counts (any order): 0 when every unit has the
/// same, approaching 1 when one has everything.
pub fn gini(counts: &[u64]) -> f64 {
    let n = counts.len();
    let total: u64 = counts.iter().sum();
    if n == 0 || total == 0 {
        return 0.0;
    }
    let mut sorted = counts.to_vec();
    crate::core::sorting::sort(&mut sorted);
    let weighted: f64 = sorted
        .iter()
        .enumerate()
        .map(|(i, &x)| (2.0 * (i as f64 + 1.0) - n as f64 - 1.0) * x as f64)
        .sum();
    weighted / (n as f64 * total as f64)
}

/// The Lorenz curve of counts: cumulative shares of units and of the total,
/// units taken from the smallest count to the largest, from (0, 0).
pub fn lorenz(counts: &[u64]) -> Vec<(f64, f64)> {
    let n = counts.len();
    let total: u64 = counts.iter().sum();
    let mut sorted = counts.to_vec();
    crate::core::sorting::sort(&mut sorted);
    let mut points = vec![(0.0, 0.0)];
    let mut running = 0u64;
    for (i, &x) in sorted.iter().enumerate() {
        running += x;
        points.push((
            (i + 1) as f64 / n as f64,
            if total == 0 {
                0.0
            } else {
                running as f64 / total as f64
            },
        ));
    }
    points
}

/// The district's `measure` (a police.uk crime type or `ALL_CRIME`) in the
/// months of `period`, as concentration figures; `None` when no loaded record
/// is in the district or none of that crime is.
pub fn concentration(
    tallies: &[LsoaTally],
    district: &str,
    measure: &str,
    period: Period,
) -> Option<Concentration> {
    let counts = district_counts(tallies, district, measure, period)?;
    let total = counts.total();
    if total == 0 {
        return None;
    }
    let named = counts.lsoas.len();
    let lsoas = counts
        .lsoas_in_district
        .map_or(named, |n| (n as usize).max(named));
    let unnamed = lsoas - named;

    // Persistently high: the top tenth of each month, counted over all the
    // district's LSOAs (those never named are zeros, never in it).
    let months = counts.months.len();
    let tenth = lsoas.div_ceil(10).max(1);
    let mut in_top = vec![0usize; named];
    for m in 0..months {
        let mut month: Vec<u64> = counts.lsoas.iter().map(|l| l.by_month[m]).collect();
        crate::core::sorting::sort_by(&mut month, |a, b| b.cmp(a));
        let threshold = month.get(tenth - 1).copied().unwrap_or(0).max(1);
        for (i, l) in counts.lsoas.iter().enumerate() {
            if l.by_month[m] >= threshold {
                in_top[i] += 1;
            }
        }
    }

    let mut order: Vec<usize> = (0..named).collect();
    crate::core::sorting::sort_by(&mut order, |&a, &b| {
        counts.lsoas[b]
            .count
            .cmp(&counts.lsoas[a].count)
            .then_with(|| counts.lsoas[a].code.cmp(&counts.lsoas[b].code))
    });
    let mut running = 0u64;
    let ranked: Vec<RankedLsoa> = order
        .iter()
        .map(|&i| {
            let l = &counts.lsoas[i];
            running += l.count;
            RankedLsoa {
                code: l.code.clone(),
                name: l.name.clone(),
                count: l.count,
                share: l.count as f64 / total as f64,
                cumulative_share: running as f64 / total as f64,
                months_in_top_tenth: in_top[i],
            }
        })
        .collect();

    let mut all: Vec<u64> = ranked.iter().map(|r| r.count).collect();
    all.extend(std::iter::repeat_n(0, unnamed));
    let top = TOP_PERCENTS
        .iter()
        .map(|&percent| {
            let k = top_size(percent, lsoas);
            let count: u64 = all.iter().take(k).sum();
            TopShare {
                percent,
                lsoas: k,
                count,
                share: count as f64 / total as f64,
            }
        })
        .collect();
    let persistent = if months >= 3 {
        ranked
            .iter()
            .filter(|r| r.months_in_top_tenth * 2 > months)
            .cloned()
            .collect()
    } else {
        Vec::new()
    };
    Some(Concentration {
        district: counts.district.name.clone(),
        measure: measure.to_string(),
        period,
        lsoas,
        lsoas_from_lookup: counts.lsoas_in_district.is_some(),
        census: counts.census.clone(),
        lsoas_with_crime: ranked.iter().filter(|r| r.count > 0).count(),
        total,
        lorenz: lorenz(&all),
        gini: gini(&all),
        ranked,
        top,
        persistent,
        months: counts.months,
        months_missing: counts.months_missing,
        files: counts.files,
    })
}

impl Concentration {
    /// The fewest LSOAs, busiest first, that hold at least `fraction` of the
    /// crime, and their share of the district's LSOAs.
    pub fn lsoas_holding(&self, fraction: f64) -> (usize, f64) {
        let k = self
            .ranked
            .iter()
            .position(|r| r.cumulative_share >= fraction - 1e-12)
            .map_or(self.ranked.len(), |i| i + 1);
        (k, k as f64 / self.lsoas.max(1) as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gini_and_lorenz_by_hand() {
        assert_eq!(gini(&[5, 5, 5, 5]), 0.0);
        // One of four has everything: (2·4 − 5)·x / (4·x) = 3/4.
        assert!((gini(&[0, 0, 0, 8]) - 0.75).abs() < 1e-12);
        // 1, 2, 3, 4: Σ(2i − 5)x = −3 − 2 + 3 + 12 = 10; / (4 · 10) = 0.25.
        assert!((gini(&[4, 1, 3, 2]) - 0.25).abs() < 1e-12);
        assert_eq!(gini(&[]), 0.0);
        assert_eq!(lorenz(&[3, 1]), [(0.0, 0.0), (0.5, 0.25), (1.0, 1.0)]);
    }

    #[test]
    fn top_sizes_in_whole_lsoas() {
        assert_eq!(top_size(5, 6), 1);
        assert_eq!(top_size(10, 6), 1);
        assert_eq!(top_size(20, 6), 1);
        assert_eq!(top_size(5, 98), 5);
        assert_eq!(top_size(10, 98), 10);
        assert_eq!(top_size(20, 98), 20);
        assert_eq!(top_size(10, 0), 1);
    }
}
