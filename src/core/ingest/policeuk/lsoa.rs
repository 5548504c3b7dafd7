//! LSOA → local authority district, for counting police.uk records by district.
//!
//! The table is a compact text asset (`public/geo/lsoa-districts.txt`) written by
//! `examples/make_lsoa_lookup.rs` from ONS's LSOA 2011 → LSOA 2021 → LAD 2022
//! best-fit lookup (and, for the 2021 LSOAs that lookup lacks, the names in the
//! LSOA 2021 → ward 2024 lookup). It holds every 2011 and 2021 LSOA code of
//! England and Wales as runs of consecutive codes in one district, every
//! district's code and name (2022 vintage), and the district prefixes LSOA
//! names have carried ("Shepway 014B" is in Folkestone and Hythe). The app
//! fetches it only when a file needs it; natively it is read from the file.

use std::collections::HashMap;

pub use crate::core::geography::lsoa_code::key as lsoa_key;
use crate::core::geography::lsoa_runs::{LsoaRuns, Run, RunStarts};

/// The first line of the asset: what it is and its format's version.
pub const LSOA_ASSET_MAGIC: &str = "cspw-lsoa-districts 2";

/// Where the asset sits in the build (and, under `public/`, in the repository).
pub const LSOA_ASSET_PATH: &str = "geo/lsoa-districts.txt";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct District {
    /// ONS code, e.g. "E07000116".
    pub code: String,
    /// ONS name, e.g. "Tunbridge Wells".
    pub name: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct LsoaDistricts {
    districts: Vec<District>,
    /// Runs of consecutive LSOA codes in one district (its index in `districts`).
    runs: LsoaRuns<u16>,
    /// Lower-cased district name or former name (as an LSOA name's prefix) → district.
    prefixes: HashMap<String, u16>,
    /// Codes of one census only (sorted): 2011 LSOAs split or merged in 2021,
    /// and the 2021 LSOAs that replaced them. Every other code is both.
    only_2011: Vec<u64>,
    only_2021: Vec<u64>,
}

/// Which census's LSOAs a code belongs to.
pub use crate::core::dataset::LsoaVintage as Vintage;

impl LsoaDistricts {
    /// Builds the table from (LSOA code, district index) pairs; the generator's half.
    pub fn from_parts(
        districts: Vec<District>,
        codes: &[(String, u16)],
        prefixes: &[(String, u16)],
    ) -> Result<LsoaDistricts, String> {
        let runs = LsoaRuns::from_codes(codes, districts.len(), "district")?;
        let prefixes = prefixes
            .iter()
            .map(|(name, d)| (name.to_lowercase(), *d))
            .collect();
        Ok(LsoaDistricts {
            districts,
            runs,
            prefixes,
            only_2011: Vec::new(),
            only_2021: Vec::new(),
        })
    }

    /// The asset's text: deterministic, so the committed copy can be checked current.
    pub fn to_text(&self, comment: &str) -> String {
        let mut out = format!("{LSOA_ASSET_MAGIC}\n");
        for line in comment.lines() {
            out.push_str(&format!("# {line}\n"));
        }
        for d in &self.districts {
            out.push_str(&format!("D\t{}\t{}\n", d.code, d.name));
        }
        let mut prefixes: Vec<(&String, &u16)> = self.prefixes.iter().collect();
        prefixes.sort();
        for (name, d) in prefixes {
            if self.districts[usize::from(*d)].name.to_lowercase() != *name {
                out.push_str(&format!("P\t{name}\t{d}\n"));
            }
        }
        for (tag, keys) in [("O", &self.only_2011), ("N", &self.only_2021)] {
            let mut starts = RunStarts::default();
            for (start, len) in runs_of(keys) {
                let at = starts.write(start, len);
                out.push_str(&format!("{tag}\t{at}\t{len}\n"));
            }
        }
        let mut starts = RunStarts::default();
        for run in self.runs.runs() {
            let start = starts.write(run.start, u64::from(run.len));
            out.push_str(&format!("{start}\t{}\t{}\n", run.len, run.index));
        }
        out
    }

    /// Reads the asset; a sentence saying what is wrong otherwise.
    pub fn parse(text: &str) -> Result<LsoaDistricts, String> {
        let mut lines = text.lines();
        if lines.next().map(str::trim) != Some(LSOA_ASSET_MAGIC) {
            return Err("the LSOA lookup is not in the expected format".to_string());
        }
        let mut table = LsoaDistricts::default();
        let mut starts = RunStarts::default();
        let mut vintage_starts = [RunStarts::default(); 2];
        for (n, line) in lines.enumerate() {
            let bad = || format!("line {} of the LSOA lookup could not be read", n + 2);
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            match fields.as_slice() {
                ["D", code, name] => table.districts.push(District {
                    code: code.to_string(),
                    name: name.to_string(),
                }),
                [tag @ ("O" | "N"), start, len] => {
                    let which = usize::from(*tag == "N");
                    let len: u64 = len.parse().map_err(|_| bad())?;
                    if len == 0 || len > 100_000 {
                        return Err(bad());
                    }
                    let start = vintage_starts[which].read(start, len).ok_or_else(bad)?;
                    let keys = if which == 0 {
                        &mut table.only_2011
                    } else {
                        &mut table.only_2021
                    };
                    if keys.last().is_some_and(|&k| k >= start) {
                        return Err(bad());
                    }
                    keys.extend(start..start + len);
                }
                ["P", name, d] => {
                    let d: u16 = d.parse().map_err(|_| bad())?;
                    table.prefixes.insert(name.to_string(), d);
                }
                [start, len, d] => {
                    let len: u32 = len.parse().map_err(|_| bad())?;
                    let index: u16 = d.parse().map_err(|_| bad())?;
                    let start = starts.read(start, u64::from(len)).ok_or_else(bad)?;
                    let run = Run { start, len, index };
                    if !table.runs.push(run, table.districts.len()) {
                        return Err(bad());
                    }
                }
                _ => return Err(bad()),
            }
        }
        for (i, d) in table.districts.iter().enumerate() {
            table.prefixes.insert(d.name.to_lowercase(), i as u16);
        }
        if table.runs.is_empty() {
            return Err("the LSOA lookup lists no LSOA".to_string());
        }
        Ok(table)
    }

    pub fn districts(&self) -> &[District] {
        &self.districts
    }

    pub fn district(&self, index: u16) -> &District {
        &self.districts[usize::from(index)]
    }

    /// How many LSOA codes the table knows.
    pub fn codes(&self) -> usize {
        self.runs.codes()
    }

    /// The district of an LSOA code (2011 or 2021).
    pub fn by_code(&self, code: &str) -> Option<u16> {
        self.by_key(lsoa_key(code)?)
    }

    /// Marks the codes that belong to one census only (the generator's half).
    pub fn with_vintages(
        mut self,
        only_2011: &[String],
        only_2021: &[String],
    ) -> Result<LsoaDistricts, String> {
        let keys = |codes: &[String]| -> Result<Vec<u64>, String> {
            let mut keys = codes
                .iter()
                .map(|c| lsoa_key(c).ok_or_else(|| format!("“{c}” is not an LSOA code")))
                .collect::<Result<Vec<u64>, String>>()?;
            keys.sort_unstable();
            keys.dedup();
            Ok(keys)
        };
        self.only_2011 = keys(only_2011)?;
        self.only_2021 = keys(only_2021)?;
        Ok(self)
    }

    /// Which census's LSOAs a code belongs to; `None` if the table lacks it.
    pub fn vintage(&self, code: &str) -> Option<Vintage> {
        self.by_code(code)?;
        let key = lsoa_key(code)?;
        Some(if self.only_2011.binary_search(&key).is_ok() {
            Vintage::Only2011
        } else if self.only_2021.binary_search(&key).is_ok() {
            Vintage::Only2021
        } else {
            Vintage::Both
        })
    }

    /// How many LSOAs a district has: (by the 2011 census's codes, by 2021's).
    pub fn lsoa_counts(&self, district: u16) -> (u32, u32) {
        let all: u64 = self
            .runs
            .runs()
            .iter()
            .filter(|r| r.index == district)
            .map(|r| u64::from(r.len))
            .sum();
        let in_district = |keys: &[u64]| {
            keys.iter()
                .filter(|&&k| self.by_key(k) == Some(district))
                .count() as u64
        };
        let (old, new) = (in_district(&self.only_2011), in_district(&self.only_2021));
        ((all - new) as u32, (all - old) as u32)
    }

    fn by_key(&self, key: u64) -> Option<u16> {
        self.runs.get(key)
    }

    /// The district an LSOA name's prefix names: "Tunbridge Wells 001A",
    /// "Shepway 014B" (Folkestone and Hythe since 2018).
    pub fn by_name(&self, lsoa_name: &str) -> Option<u16> {
        let name = lsoa_name.trim();
        let (prefix, suffix) = name.rsplit_once(' ')?;
        let looks_like_lsoa = suffix.len() == 4
            && suffix[..3].bytes().all(|b| b.is_ascii_digit())
            && suffix.as_bytes()[3].is_ascii_alphabetic();
        if !looks_like_lsoa {
            return None;
        }
        self.prefixes.get(&prefix.trim().to_lowercase()).copied()
    }
}

/// Sorted keys as runs of consecutive keys: (start, length).
fn runs_of(keys: &[u64]) -> Vec<(u64, u64)> {
    let mut runs: Vec<(u64, u64)> = Vec::new();
    for &k in keys {
        match runs.last_mut() {
            Some((start, len)) if *start + *len == k => *len += 1,
            _ => runs.push((k, 1)),
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> LsoaDistricts {
        let districts = vec![
            District {
                code: "E09000001".into(),
                name: "City of London".into(),
            },
            District {
                code: "E07000112".into(),
                name: "Folkestone and Hythe".into(),
            },
        ];
        let codes: Vec<(String, u16)> = [
            ("E01000001", 0),
            ("E01000002", 0),
            ("E01000003", 0),
            ("E01000005", 0),
            ("E01024500", 1),
            ("E01024501", 1),
            ("W01000001", 1),
        ]
        .iter()
        .map(|(c, d)| (c.to_string(), *d))
        .collect();
        LsoaDistricts::from_parts(districts, &codes, &[("Shepway".into(), 1)])
            .unwrap()
            .with_vintages(&["E01000003".into()], &["E01000005".into()])
            .unwrap()
    }

    #[test]
    fn round_trips_through_text_and_finds_codes_and_names() {
        let table = small();
        let text = table.to_text("test");
        let read = LsoaDistricts::parse(&text).unwrap();
        assert_eq!(read.runs, table.runs);
        assert_eq!(read.codes(), 7);
        assert_eq!(read.by_code("E01000002"), Some(0));
        assert_eq!(read.by_code("E01000004"), None);
        assert_eq!(read.by_code("E01000005"), Some(0));
        assert_eq!(read.by_code("E01024501"), Some(1));
        assert_eq!(read.by_code("W01000001"), Some(1));
        assert_eq!(read.by_code("W01000002"), None);
        assert_eq!(read.by_code(""), None);
        assert_eq!(read.by_code("E0100000X"), None);
        assert_eq!(read.by_name("Shepway 014B"), Some(1));
        assert_eq!(read.by_name("City of London 001A"), Some(0));
        assert_eq!(read.by_name("City of London"), None);
        assert_eq!(read.by_name("Nowhere 001A"), None);
        assert_eq!(
            (&read.only_2011, &read.only_2021),
            (&table.only_2011, &table.only_2021)
        );
        assert_eq!(read.vintage("E01000001"), Some(Vintage::Both));
        assert_eq!(read.vintage("E01000003"), Some(Vintage::Only2011));
        assert_eq!(read.vintage("E01000005"), Some(Vintage::Only2021));
        assert_eq!(read.vintage("E01000004"), None);
        assert_eq!(read.lsoa_counts(0), (3, 3));
        assert_eq!(read.lsoa_counts(1), (3, 3));
    }

    #[test]
    fn a_damaged_asset_is_a_sentence() {
        assert!(LsoaDistricts::parse("hello").is_err());
        let text = small().to_text("x").replace("\t0\n", "\t9\n");
        assert!(LsoaDistricts::parse(&text).is_err());
        assert!(LsoaDistricts::parse(LSOA_ASSET_MAGIC).is_err());
    }
}
