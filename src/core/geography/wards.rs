//! Which electoral ward each LSOA lies in, for drawing the neighbourhood map
//! by ward when the user's boundary file holds wards rather than LSOAs.
//!
//! From the ONS LSOA (2021) → ward (2024) → district (2024) best-fit lookup:
//! LSOAs nest in districts exactly, in wards by best fit (an LSOA is given the
//! ward holding most of its people). A 2011 LSOA that the 2021 census dropped
//! or split takes the ward of the 2021 LSOA the ONS best-fit lookup pairs it
//! with, so police.uk files of either census can be counted by ward.
//!
//! The compact asset (`public/geo/lsoa-wards.txt`) is written by
//! `examples/make_ward_lookup.rs` and fetched only when a ward boundary file is
//! in use. One ward a line, tab-separated: its code, name, district code, and
//! its LSOAs as the first code in full then each as `+step` from the one
//! before, in code order (`E01012049,+3,+1`).

use crate::core::dataset::{DistrictCounts, LsoaCount};
use std::collections::HashMap;

/// The first line of the asset: what it is and its format's version.
pub const WARD_ASSET_MAGIC: &str = "cspw-lsoa-wards 1";

/// Where the asset sits in the build (and, under `public/`, in the repository).
pub const WARD_ASSET_PATH: &str = "geo/lsoa-wards.txt";

/// One ward of the lookup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ward {
    pub code: String,
    pub name: String,
    /// Its district's code (ONS 2024).
    pub district: String,
}

/// Wards, and the ward of every LSOA (2011 or 2021 codes).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WardLookup {
    pub wards: Vec<Ward>,
    /// LSOA code (upper case) → index into `wards`.
    by_lsoa: HashMap<String, u32>,
}

/// An LSOA code as letter and number ("E01012049" → ('E', 1012049)).
fn split_code(code: &str) -> Option<(char, u64)> {
    let mut chars = code.trim().chars();
    let letter = chars.next()?.to_ascii_uppercase();
    let number = chars.as_str();
    if !letter.is_ascii_alphabetic() || number.len() != 8 {
        return None;
    }
    Some((letter, number.parse().ok()?))
}

impl WardLookup {
    /// Reads the asset; a damaged one is a phrase saying where.
    pub fn parse(text: &str) -> Result<WardLookup, String> {
        let mut lines = text.lines();
        if lines.next().map(str::trim) != Some(WARD_ASSET_MAGIC) {
            return Err("the ward lookup is not the expected file".to_string());
        }
        let mut lookup = WardLookup::default();
        for (n, line) in lines.enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let bad = || format!("line {} of the ward lookup is damaged", n + 2);
            let fields: Vec<&str> = line.split('\t').collect();
            let [code, name, district, lsoas] = fields.as_slice() else {
                return Err(bad());
            };
            let index = lookup.wards.len() as u32;
            lookup.wards.push(Ward {
                code: code.to_string(),
                name: name.to_string(),
                district: district.to_string(),
            });
            let mut last: Option<(char, u64)> = None;
            for item in lsoas.split(',') {
                let (letter, number) = match (item.strip_prefix('+'), last) {
                    (Some(step), Some((letter, before))) => {
                        (letter, before + step.parse::<u64>().map_err(|_| bad())?)
                    }
                    (None, _) => split_code(item).ok_or_else(bad)?,
                    (Some(_), None) => return Err(bad()),
                };
                last = Some((letter, number));
                lookup.by_lsoa.insert(format!("{letter}{number:08}"), index);
            }
        }
        Ok(lookup)
    }

    /// The ward an LSOA lies in (best fit).
    pub fn ward_of(&self, lsoa: &str) -> Option<&Ward> {
        let key = lsoa.trim().to_ascii_uppercase();
        self.by_lsoa
            .get(&key)
            .and_then(|&i| self.wards.get(i as usize))
    }

    /// The wards of a district, by its code, in code order.
    pub fn in_district<'a>(&'a self, district: &'a str) -> impl Iterator<Item = &'a Ward> + 'a {
        self.wards
            .iter()
            .filter(move |w| w.district.eq_ignore_ascii_case(district))
    }
}

/// A district's counts by ward, and what could not be placed in one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WardCounts {
    /// As the LSOA counts, with each entry a ward: every ward of the district
    /// in the lookup (a real zero where the files cover the months), then any
    /// other ward the records' LSOAs fall in.
    pub counts: DistrictCounts,
    /// LSOAs with records that the lookup places in no ward, and their records.
    pub unplaced: Vec<(String, u64)>,
}

/// The LSOA counts summed by ward, month by month.
pub fn by_ward(counts: &DistrictCounts, lookup: &WardLookup) -> WardCounts {
    let months = counts.months.len();
    let mut wards: Vec<LsoaCount> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    let mut add = |ward: &Ward, wards: &mut Vec<LsoaCount>| -> usize {
        *at.entry(ward.code.clone()).or_insert_with(|| {
            wards.push(LsoaCount {
                code: ward.code.clone(),
                name: ward.name.clone(),
                count: 0,
                by_month: vec![0; months],
            });
            wards.len() - 1
        })
    };
    // The district's own wards first, so those with no record show as zero;
    // the lookup's district codes are 2024's, the records' may be older.
    for ward in lookup.in_district(&counts.district.code) {
        add(ward, &mut wards);
    }
    let mut unplaced = Vec::new();
    for lsoa in &counts.lsoas {
        match lookup.ward_of(&lsoa.code) {
            Some(ward) => {
                let i = add(ward, &mut wards);
                wards[i].count += lsoa.count;
                for (sum, n) in wards[i].by_month.iter_mut().zip(&lsoa.by_month) {
                    *sum += n;
                }
            }
            None if lsoa.count > 0 => unplaced.push((lsoa.code.clone(), lsoa.count)),
            None => {}
        }
    }
    wards.sort_by(|a, b| a.code.cmp(&b.code));
    WardCounts {
        counts: DistrictCounts {
            lsoas: wards,
            lsoas_in_district: None,
            ..counts.clone()
        },
        unplaced,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dataset::TallyDistrict;
    use crate::core::period::Period;

    const ASSET: &str = "cspw-lsoa-wards 1\n# a comment\nE05000001\tNorth\tE07000110\tE01024000,+1,+5\nE05000002\tSouth\tE07000110\tE01024002\nW05000003\tElsewhere\tW06000001\tW01000001\n";

    fn lsoa(code: &str, by_month: Vec<u64>) -> LsoaCount {
        LsoaCount {
            code: code.to_string(),
            name: code.to_string(),
            count: by_month.iter().sum(),
            by_month,
        }
    }

    #[test]
    fn the_asset_reads_and_places_lsoas() {
        let lookup = WardLookup::parse(ASSET).unwrap();
        assert_eq!(lookup.wards.len(), 3);
        assert_eq!(lookup.ward_of("E01024000").unwrap().name, "North");
        assert_eq!(lookup.ward_of("e01024001").unwrap().name, "North");
        assert_eq!(lookup.ward_of("E01024006").unwrap().name, "North");
        assert_eq!(lookup.ward_of("E01024002").unwrap().name, "South");
        assert_eq!(lookup.ward_of("W01000001").unwrap().code, "W05000003");
        assert!(lookup.ward_of("E01024003").is_none());
        assert_eq!(lookup.in_district("E07000110").count(), 2);
        assert!(WardLookup::parse("something else").is_err());
        let damaged = ASSET.replace("+5", "+x");
        assert!(WardLookup::parse(&damaged).unwrap_err().contains("line 3"));
    }

    #[test]
    fn counts_are_summed_by_ward_with_zeros_and_the_unplaced_named() {
        let lookup = WardLookup::parse(ASSET).unwrap();
        let counts = DistrictCounts {
            district: TallyDistrict {
                code: "E07000110".to_string(),
                name: "Maidstone".to_string(),
                lsoa_counts: None,
            },
            months: vec![Period::month(2020, 1), Period::month(2020, 2)],
            months_missing: Vec::new(),
            lsoas: vec![
                lsoa("E01024000", vec![2, 1]),
                lsoa("E01024001", vec![0, 4]),
                lsoa("E01099999", vec![3, 0]),
                lsoa("E01024006", vec![0, 0]),
            ],
            files: vec!["a.csv".to_string()],
            lsoas_in_district: Some(4),
            census: "2021".to_string(),
        };
        let wards = by_ward(&counts, &lookup);
        let got: Vec<(&str, u64, Vec<u64>)> = wards
            .counts
            .lsoas
            .iter()
            .map(|w| (w.name.as_str(), w.count, w.by_month.clone()))
            .collect();
        assert_eq!(got, [("North", 7, vec![2, 5]), ("South", 0, vec![0, 0])]);
        assert_eq!(wards.unplaced, [("E01099999".to_string(), 3)]);
        assert_eq!(wards.counts.total() + 3, counts.total());
        assert_eq!(wards.counts.files, counts.files);
    }
}
