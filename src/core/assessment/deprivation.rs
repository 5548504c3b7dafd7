//! A district's street crime by how deprived its neighbourhoods are: counts
//! and shares by IMD 2019 decile (1 = the most deprived tenth of England's
//! LSOAs), beside the share of the district's LSOAs in each decile, so a
//! decile that carries more than its share of crime stands out.

use super::concentration_finding::crime_words;
use crate::core::dataset::{district_counts, LsoaTally};
use crate::core::format;
use crate::core::geography::imd::ImdDeciles;
use crate::core::period::Period;
use serde::Serialize;

/// One decile of the district.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DecileRow {
    /// 1–10; `None` for LSOAs with no IMD 2019 decile (Welsh, or a 2021 LSOA
    /// the lookup does not pair with a 2011 one).
    pub decile: Option<u8>,
    /// The district's 2011 LSOAs in this decile, from the IMD table (for "no
    /// decile", its Welsh LSOAs).
    pub lsoas: u32,
    pub count: u64,
    /// Of the district's crime, 0–1.
    pub share: f64,
    /// Of the district's LSOAs, 0–1.
    pub lsoa_share: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Deprivation {
    pub district: String,
    pub measure: String,
    pub period: Period,
    pub total: u64,
    /// Deciles 1 to 10, then the LSOAs with no decile when any record is in one.
    pub rows: Vec<DecileRow>,
    pub lsoas: u32,
    pub census: String,
    pub months: Vec<Period>,
    pub months_missing: Vec<Period>,
    pub files: Vec<String>,
}

impl DecileRow {
    /// "1 (most deprived)", "5", "10 (least deprived)", "No IMD decile".
    pub fn label(&self) -> String {
        match self.decile {
            Some(1) => "1 (most deprived)".to_string(),
            Some(10) => "10 (least deprived)".to_string(),
            Some(d) => d.to_string(),
            None => "No IMD decile".to_string(),
        }
    }
}

/// The district's `measure` in `period` by IMD decile; `None` when no
/// record of it is in the district, or the IMD table lacks the district
/// (Wales, or a district code it does not know).
pub fn deprivation(
    tallies: &[LsoaTally],
    district: &str,
    measure: &str,
    period: Period,
    imd: &ImdDeciles,
) -> Option<Deprivation> {
    let counts = district_counts(tallies, district, measure, period)?;
    let total = counts.total();
    let in_deciles = imd.district(&counts.district.code)?;
    if total == 0 || in_deciles[..10].iter().all(|&n| n == 0) {
        return None;
    }
    let mut by_decile = [0u64; 11];
    for l in &counts.lsoas {
        match imd.decile(&l.code) {
            Some(d) => by_decile[usize::from(d) - 1] += l.count,
            None => by_decile[10] += l.count,
        }
    }
    // The district's LSOAs are its 2011 ones: a 2021 LSOA with no decile is
    // part of a 2011 one already counted, so it adds no LSOA here.
    let lsoas_by_decile = in_deciles;
    let lsoas: u32 = lsoas_by_decile.iter().sum();
    let rows = (0..11)
        .filter(|&i| i < 10 || by_decile[10] > 0)
        .map(|i| DecileRow {
            decile: (i < 10).then_some(i as u8 + 1),
            lsoas: lsoas_by_decile[i],
            count: by_decile[i],
            share: by_decile[i] as f64 / total as f64,
            lsoa_share: f64::from(lsoas_by_decile[i]) / f64::from(lsoas.max(1)),
        })
        .collect();
    Some(Deprivation {
        district: counts.district.name.clone(),
        measure: measure.to_string(),
        period,
        total,
        rows,
        lsoas,
        census: counts.census,
        months: counts.months,
        months_missing: counts.months_missing,
        files: counts.files,
    })
}

impl Deprivation {
    /// (share of crime, share of LSOAs) in deciles `from..=to`.
    pub fn in_deciles(&self, from: u8, to: u8) -> (f64, f64) {
        self.rows
            .iter()
            .filter(|r| r.decile.is_some_and(|d| (from..=to).contains(&d)))
            .fold((0.0, 0.0), |(c, l), r| (c + r.share, l + r.lsoa_share))
    }

    /// The finding in the plan's register: how much crime the most deprived
    /// fifth of neighbourhoods carries against their share.
    pub fn sentence(&self) -> String {
        let crime = crime_words(&self.measure);
        let period = self.period.label();
        let (crime_share, lsoa_share) = self.in_deciles(1, 2);
        let mut text = if lsoa_share == 0.0 {
            let (crime_least, lsoa_least) = self.in_deciles(9, 10);
            format!(
                "None of {}'s neighbourhoods is among England's most deprived fifth (IMD 2019 deciles 1–2); {} of its {crime} in {period} happened in its least deprived (deciles 9–10), which are {} of its neighbourhoods.",
                self.district,
                format::share(crime_least),
                format::share(lsoa_least)
            )
        } else {
            format!(
                "{} of {crime} in {} in {period} happened in neighbourhoods among England's most deprived fifth (IMD 2019 deciles 1–2), which are {} of the district's neighbourhoods.",
                crate::core::assessment::wording::sentence_name(&format::share(crime_share)),
                self.district,
                format::share(lsoa_share)
            )
        };
        if let Some(none) = self.rows.iter().find(|r| r.decile.is_none()) {
            text.push_str(&format!(
                " {} ({}) happened in LSOAs with no IMD 2019 decile.",
                format::count(none.count as f64),
                format::share(none.share)
            ));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        let row = |decile| DecileRow {
            decile,
            lsoas: 0,
            count: 0,
            share: 0.0,
            lsoa_share: 0.0,
        };
        assert_eq!(row(Some(1)).label(), "1 (most deprived)");
        assert_eq!(row(Some(4)).label(), "4");
        assert_eq!(row(Some(10)).label(), "10 (least deprived)");
        assert_eq!(row(None).label(), "No IMD decile");
    }
}
