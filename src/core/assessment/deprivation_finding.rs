//! Crime by deprivation as a finding in the plan's register: "31% of violence
//! and sexual offences in Maidstone in 2019 (412 of 1,329 street records)
//! happened in its neighbourhoods among England's most deprived tenth (IMD 2019
//! decile 1), which are 6% of its neighbourhoods (6 of 95 LSOAs)".
//!
//! Said only when the evidence supports it: the most deprived group must be a
//! real part of the district (at least `MIN_LSOAS` LSOAs and 5% of them), hold
//! at least `MIN_RECORDS` records, and carry a share of the crime at least 1.5
//! times its share of the neighbourhoods, or at most two thirds of it, by more
//! than chance would give (a binomial z of 3: each record placed in the group
//! with the probability of its share of LSOAs). These are counts of recorded
//! crime, never rates: an LSOA's residents (about 1,500 each) and the people
//! passing through differ, so the finding says so.

use super::concentration_finding::crime_words;
use super::deprivation::Deprivation;
use super::findings::{Citation, Finding, Topic};
use super::wording::sentence_name;
use crate::core::dataset::Provenance;
use crate::core::format;

/// The fewest LSOAs the most deprived group may have to be spoken of.
pub const MIN_LSOAS: u32 = 3;
/// The fewest records in it.
pub const MIN_RECORDS: u64 = 10;
/// How far the crime share must differ from the LSOA share, as a ratio.
pub const RATIO: f64 = 1.5;
/// How many standard deviations from the LSOA share (binomial) the count must be.
pub const Z: f64 = 3.0;

/// The most deprived group the district has enough of: decile 1, else deciles
/// 1–2; (last decile, its LSOAs, their share, crime, crime share).
fn group(d: &Deprivation) -> Option<(u8, u32, f64, u64, f64)> {
    [1u8, 2].into_iter().find_map(|to| {
        let rows: Vec<_> = d
            .rows
            .iter()
            .filter(|r| r.decile.is_some_and(|x| x <= to))
            .collect();
        let lsoas: u32 = rows.iter().map(|r| r.lsoas).sum();
        let lsoa_share: f64 = rows.iter().map(|r| r.lsoa_share).sum();
        let count: u64 = rows.iter().map(|r| r.count).sum();
        let share: f64 = rows.iter().map(|r| r.share).sum();
        (lsoas >= MIN_LSOAS && lsoa_share >= 0.05).then_some((to, lsoas, lsoa_share, count, share))
    })
}

/// The finding, or `None` when the records do not show the most deprived
/// neighbourhoods carrying clearly more or less than their share.
pub fn deprivation_finding(d: &Deprivation) -> Option<Finding> {
    let (to, lsoas, lsoa_share, count, share) = group(d)?;
    if count < MIN_RECORDS && share >= lsoa_share {
        return None;
    }
    let n = d.total as f64;
    let expected = n * lsoa_share;
    let z = (count as f64 - expected) / (n * lsoa_share * (1.0 - lsoa_share)).sqrt();
    let ratio = share / lsoa_share;
    let more = ratio >= RATIO && z >= Z;
    let less = ratio <= 1.0 / RATIO && z <= -Z;
    if !(more || less) {
        return None;
    }
    let crime = crime_words(&d.measure);
    let period = d.period.label();
    let (tenth, deciles) = if to == 1 {
        ("tenth", "IMD 2019 decile 1")
    } else {
        ("fifth", "IMD 2019 deciles 1–2")
    };
    let held = format!(
        "{} of {crime} in {} in {period} ({} of {} street records)",
        format::share(share),
        d.district,
        format::count(count as f64),
        format::count(n)
    );
    let place = format!(
        "its neighbourhoods among England's most deprived {tenth} ({deciles}), which are {} of its neighbourhoods ({lsoas} of {} LSOAs)",
        format::share(lsoa_share),
        d.lsoas
    );
    let mut text = if more {
        format!("{} happened in {place}.", sentence_name(&held))
    } else {
        format!("Only {held} happened in {place}.")
    };
    text.push_str(&format!(
        " That is {} times their share of neighbourhoods, counting crimes, not rates per resident.",
        format::number(ratio, 1)
    ));

    let method = format!(
        "Street records (police.uk) of {crime} in {period}, counted by the IMD 2019 decile of the LSOA each names (MHCLG, English Indices of Deprivation 2019: deciles of England's 32,844 2011 LSOAs; a 2021 LSOA takes the decile of the mean rank of the 2011 LSOAs the ONS best-fit lookup pairs with it; Welsh LSOAs have none). \
         The district's LSOAs by decile come from the IMD table. Said only where the most deprived {tenth} is at least {MIN_LSOAS} LSOAs and 5% of the district's, holds at least {MIN_RECORDS} records, and its share of the crime is at least {RATIO} times its share of the neighbourhoods (or at most two thirds of it) and {} standard deviations from it (z = {}, binomial: each record in those LSOAs with the probability of their share; real crime clusters more than that, so the test is lenient and the ratio is also required). \
         These are counts: LSOAs have similar numbers of residents (about 1,500) but not of visitors, so a town centre's crime is high for its residents without being a rate.",
        format::number(Z, 0),
        format::number(z, 1)
    );
    let source = |what: String| Provenance {
        file: d.files.join(", "),
        sheet: "Street crime by LSOA".to_string(),
        cell: what,
    };
    let figures = vec![
        Citation {
            label: format!("{crime} in {} in {period}", d.district),
            value: format::count(n),
            source: source(format!("every record of {crime} in {}'s LSOAs", d.district)),
        },
        Citation {
            label: format!("In LSOAs of {deciles}"),
            value: format!(
                "{} ({})",
                format::count(count as f64),
                format::percent(share)
            ),
            source: source(format!("records whose LSOA is in {deciles}")),
        },
        Citation {
            label: format!("{}'s LSOAs in {deciles}", d.district),
            value: format!("{lsoas} of {} ({})", d.lsoas, format::percent(lsoa_share)),
            source: Provenance {
                file: "File_2_-_IoD2019_Domains_of_Deprivation.csv".to_string(),
                sheet: "IMD 2019".to_string(),
                cell: format!(
                    "Index of Multiple Deprivation decile of {}'s LSOAs",
                    d.district
                ),
            },
        },
    ];
    Some(Finding {
        measure: d.measure.clone(),
        topic: Topic::Deprivation,
        text,
        method: Some(method),
        figures,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::assessment::deprivation::DecileRow;
    use crate::core::period::Period;

    /// A district of `lsoas[i]` LSOAs and `counts[i]` records in decile i + 1.
    fn district(lsoas: [u32; 10], counts: [u64; 10]) -> Deprivation {
        let total: u64 = counts.iter().sum();
        let all: u32 = lsoas.iter().sum();
        Deprivation {
            district: "Maidstone".to_string(),
            measure: "Violence and sexual offences".to_string(),
            period: Period::calendar_year(2019),
            total,
            rows: (0..10)
                .map(|i| DecileRow {
                    decile: Some(i as u8 + 1),
                    lsoas: lsoas[i],
                    count: counts[i],
                    share: counts[i] as f64 / total as f64,
                    lsoa_share: f64::from(lsoas[i]) / f64::from(all),
                })
                .collect(),
            lsoas: all,
            census: "2011".to_string(),
            months: (1..=12).map(|m| Period::month(2019, m)).collect(),
            months_missing: Vec::new(),
            files: vec!["2019-kent-street.csv".to_string()],
        }
    }

    #[test]
    fn more_than_their_share_is_said_with_counts_not_rates() {
        // 6 of 100 LSOAs in decile 1 hold 300 of 1,000 records.
        let d = district(
            [6, 10, 10, 10, 10, 10, 10, 10, 10, 14],
            [300, 100, 80, 80, 80, 80, 80, 70, 60, 70],
        );
        let f = deprivation_finding(&d).expect("a clear excess");
        assert_eq!(f.topic, Topic::Deprivation);
        assert_eq!(
            f.text,
            "30% of violence and sexual offences in Maidstone in 2019 (300 of 1,000 street records) happened in its neighbourhoods among England's most deprived tenth (IMD 2019 decile 1), which are 6% of its neighbourhoods (6 of 100 LSOAs). That is 5.0 times their share of neighbourhoods, counting crimes, not rates per resident."
        );
        assert!(!f.text.contains("per 1,000"));
        assert!(f.method.as_deref().unwrap().contains("These are counts"));
        assert_eq!(f.figures[1].value, "300 (30%)");
    }

    #[test]
    fn less_than_their_share_and_the_fifth_when_the_tenth_is_too_small() {
        // Only 2 LSOAs in decile 1: the most deprived fifth (2 + 18) is used.
        let d = district(
            [2, 18, 10, 10, 10, 10, 10, 10, 10, 10],
            [5, 15, 120, 120, 120, 120, 120, 130, 125, 125],
        );
        let f = deprivation_finding(&d).expect("a clear shortfall");
        assert!(
            f.text.starts_with("Only 2% of violence and sexual offences in Maidstone in 2019 (20 of 1,000 street records) happened in its neighbourhoods among England's most deprived fifth (IMD 2019 deciles 1–2), which are 20% of its neighbourhoods (20 of 100 LSOAs)."),
            "{}",
            f.text
        );
    }

    #[test]
    fn nothing_is_said_without_the_evidence() {
        // In proportion.
        let even = district([10; 10], [100; 10]);
        assert!(deprivation_finding(&even).is_none());
        // No deprived neighbourhoods to speak of (1 LSOA in deciles 1–2).
        let none = district(
            [1, 0, 5, 10, 10, 10, 20, 20, 12, 12],
            [50, 0, 10, 10, 10, 10, 10, 10, 10, 10],
        );
        assert!(deprivation_finding(&none).is_none());
        // Twice the share, but too few records to tell from chance.
        let few = district([10; 10], [4, 2, 2, 2, 2, 2, 2, 2, 1, 1]);
        assert!(deprivation_finding(&few).is_none());
        // A ratio of 1.3: more, but not clearly.
        let slight = district([10; 10], [130, 97, 97, 97, 97, 97, 97, 96, 96, 96]);
        assert!(deprivation_finding(&slight).is_none());
    }
}
