//! Street crime by electoral ward: the per-LSOA tally the import keeps
//! (`LsoaTally`), added up by the ward each LSOA is fitted to in ONS's LSOA
//! 2021 → ward 2024 best-fit lookup (`geography::wards`).
//!
//! A ward's count is the count of the LSOAs fitted to it, not of the records
//! inside its boundary (LSOAs do not nest in wards); a ward no LSOA is fitted
//! to has no count, and is listed as such rather than given a zero. Records in
//! an LSOA the ward lookup lacks (a 2011 LSOA split or merged in 2021) are
//! counted apart as "ward not known", never placed by guess.
//!
//! This is a pure function of the stored tally and the lookup, so the Data
//! view and the neighbourhood map can ask for any district, crime and period
//! without the files. For a map: `WardCounts::wards[i].code` is the ONS 2024
//! ward code (WD24CD, as in ONS's ward boundaries), `count` the records and
//! `by_month` the same by `WardCounts::months`; a ward of the district with
//! LSOAs fitted but no record is listed with 0 (a real zero for those months).
//! The lookup is `geography::wards::LsoaWards::parse` of the asset at
//! `geography::wards::WARD_ASSET_PATH`.

use super::lsoa_tally::{district_counts, DistrictCounts, LsoaCount, LsoaTally, TallyDistrict};
use crate::core::geography::wards::LsoaWards;
use crate::core::period::Period;

/// Where records go whose LSOA the ward lookup lacks.
pub const WARD_NOT_KNOWN: &str = "Ward not known";

/// One ward's street records for a crime and period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WardCount {
    /// ONS ward code (2024), e.g. "E05009312".
    pub code: String,
    /// ONS ward name, e.g. "Walbrook".
    pub name: String,
    /// The LSOAs fitted to the ward that any loaded record named, with their
    /// counts: the ward's count is their sum (its provenance).
    pub lsoas: Vec<LsoaCount>,
    /// How many LSOAs the lookup fits to the ward (those with no record included).
    pub lsoas_fitted: u32,
    /// Records of the crime asked for in the period.
    pub count: u64,
    /// The same by month, alongside `WardCounts::months`.
    pub by_month: Vec<u64>,
}

/// A district's street records for a crime and period, by ward.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WardCounts {
    pub district: TallyDistrict,
    /// The months of the period the loaded files hold records in this
    /// district for: only there is a ward's zero a real zero.
    pub months: Vec<Period>,
    pub months_missing: Vec<Period>,
    /// Every ward with an LSOA fitted to it that is in the district or that a
    /// record of the district named; most records first, then by name.
    pub wards: Vec<WardCount>,
    /// LSOAs of the district's records that the ward lookup lacks.
    pub ward_not_known: Vec<LsoaCount>,
    /// The files the records came from.
    pub files: Vec<String>,
    /// Which census's LSOA codes the records use (as `DistrictCounts::census`).
    pub census: String,
}

impl WardCounts {
    /// Every record of the district counted: the wards and "ward not known".
    pub fn total(&self) -> u64 {
        self.wards.iter().map(|w| w.count).sum::<u64>()
            + self.ward_not_known.iter().map(|l| l.count).sum::<u64>()
    }

    /// The table the Data view shows and downloads: ward, ONS code, records,
    /// and the LSOAs its count adds up (its provenance), with "Ward not known" last.
    pub fn rows(&self) -> Vec<[String; 4]> {
        let lsoas = |list: &[LsoaCount]| {
            let named: Vec<String> = list
                .iter()
                .filter(|l| l.count > 0)
                .map(|l| {
                    format!(
                        "{} ({})",
                        l.code,
                        crate::core::format::count(l.count as f64)
                    )
                })
                .collect();
            if named.is_empty() {
                "no record in its LSOAs".to_string()
            } else {
                named.join(", ")
            }
        };
        let mut rows: Vec<[String; 4]> = self
            .wards
            .iter()
            .map(|w| {
                [
                    w.name.clone(),
                    w.code.clone(),
                    crate::core::format::count(w.count as f64),
                    lsoas(&w.lsoas),
                ]
            })
            .collect();
        let unknown: u64 = self.ward_not_known.iter().map(|l| l.count).sum();
        if !self.ward_not_known.is_empty() {
            rows.push([
                WARD_NOT_KNOWN.to_string(),
                String::new(),
                crate::core::format::count(unknown as f64),
                lsoas(&self.ward_not_known),
            ]);
        }
        rows
    }

    /// The table as CSV, counts as plain numbers, with where they came from.
    pub fn csv(&self, crime: &str, period: &str) -> String {
        // Text that a spreadsheet could run as a formula is written with a leading '.
        let quote = |s: &str| {
            let risky = s
                .trim_start()
                .starts_with(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠']);
            let s = if risky {
                format!("'{s}")
            } else {
                s.to_string()
            };
            format!("\"{}\"", s.replace('"', "\"\""))
        };
        let mut out = String::from("Ward,Ward code,District,Crime,Period,Records,LSOAs counted\n");
        let unknown: u64 = self.ward_not_known.iter().map(|l| l.count).sum();
        let lines = self
            .wards
            .iter()
            .map(|w| (w.name.as_str(), w.code.as_str(), w.count, &w.lsoas))
            .chain((!self.ward_not_known.is_empty()).then_some((
                WARD_NOT_KNOWN,
                "",
                unknown,
                &self.ward_not_known,
            )));
        for (name, code, count, lsoas) in lines {
            let lsoas: Vec<String> = lsoas
                .iter()
                .filter(|l| l.count > 0)
                .map(|l| format!("{} {}", l.code, l.count))
                .collect();
            out.push_str(&format!(
                "{},{},{},{},{},{count},{}\n",
                quote(name),
                code,
                quote(&self.district.name),
                quote(crime),
                quote(period),
                quote(&lsoas.join("; "))
            ));
        }
        out.push_str(&format!("\n{}\n", quote(&self.method())));
        out
    }

    /// How the figures were counted, in one paragraph for the reader.
    pub fn method(&self) -> String {
        let not_known: u64 = self.ward_not_known.iter().map(|l| l.count).sum();
        let mut text = format!(
            "Each record is counted in the ward its LSOA is fitted to by ONS's LSOA (2021) → ward (2024) best-fit lookup; a ward's count is the sum of its LSOAs' records (LSOAs do not nest in wards), from the per-LSOA tally of {}.",
            self.files.join(", ")
        );
        text.push_str(" A ward no LSOA is fitted to is not in the lookup and has no count: small wards may be missing.");
        if not_known > 0 {
            text.push_str(&format!(
                " {not_known} records were in {} LSOAs the ward lookup lacks (2011 LSOAs split or merged in 2021): counted as “ward not known”.",
                self.ward_not_known.len()
            ));
        }
        if !self.months_missing.is_empty() {
            text.push_str(&format!(
                " No records of the district were loaded for {} of the months asked for.",
                self.months_missing.len()
            ));
        }
        text
    }
}

/// The district's street records (named by ONS name or code) of `measure` (a
/// crime type, or `ALL_CRIME`) in the months of `period`, by ward; `None`
/// when no loaded record was placed in that district.
pub fn ward_counts(
    tallies: &[LsoaTally],
    wards: &LsoaWards,
    district: &str,
    measure: &str,
    period: Period,
) -> Option<WardCounts> {
    let DistrictCounts {
        district,
        months,
        months_missing,
        lsoas,
        files,
        census,
        ..
    } = district_counts(tallies, district, measure, period)?;
    let fitted = wards.lsoas_per_ward();
    let mut by_ward: std::collections::BTreeMap<usize, Vec<LsoaCount>> = Default::default();
    let mut ward_not_known = Vec::new();
    for lsoa in lsoas {
        match wards
            .ward_of(&lsoa.code)
            .and_then(|w| wards.index_of(&w.code))
        {
            Some(ward) => by_ward.entry(ward).or_default().push(lsoa),
            None => ward_not_known.push(lsoa),
        }
    }
    // The district's other wards have LSOAs fitted but no record: a real zero.
    for (index, ward) in wards.wards().iter().enumerate() {
        if ward.district == district.code {
            by_ward.entry(index).or_default();
        }
    }
    let mut out: Vec<WardCount> = by_ward
        .into_iter()
        .map(|(index, lsoas)| {
            let ward = &wards.wards()[index];
            let mut by_month = vec![0u64; months.len()];
            for l in &lsoas {
                for (total, n) in by_month.iter_mut().zip(&l.by_month) {
                    *total += n;
                }
            }
            WardCount {
                code: ward.code.clone(),
                name: ward.name.clone(),
                lsoas_fitted: fitted[index],
                count: by_month.iter().sum(),
                by_month,
                lsoas,
            }
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(&b.name)));
    Some(WardCounts {
        district,
        months,
        months_missing,
        wards: out,
        ward_not_known,
        files,
        census,
    })
}
