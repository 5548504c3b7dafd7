//! The English Index of Multiple Deprivation 2019 decile of each LSOA, for
//! counting crime by how deprived the neighbourhood is.
//!
//! IMD 2019 ranks the 32,844 LSOAs of England's 2011 census (1 = most
//! deprived); a decile is a tenth of that ranking. police.uk files from 2022
//! onwards may name the 2021 census's LSOAs: where a code changed, the 2021
//! LSOA takes the decile of the mean rank of the 2011 LSOAs the ONS best-fit
//! lookup pairs with it. A 2021 LSOA split from a 2011 one that the lookup
//! pairs with a sibling instead, and every Welsh LSOA (Wales has its own
//! index), has no decile here, and is counted as such.
//!
//! The compact asset (`public/geo/imd-deciles.txt`) is written by
//! `examples/make_imd_deciles.rs` and fetched only when deprivation is shown.

use std::collections::BTreeMap;

use super::lsoa_code::{code_of, key};
use super::lsoa_runs::sorted_keys;

/// The first line of the asset: what it is and its format's version.
pub const IMD_ASSET_MAGIC: &str = "cspw-imd-deciles 1";

/// Where the asset sits in the build (and, under `public/`, in the repository).
pub const IMD_ASSET_PATH: &str = "geo/imd-deciles.txt";

/// The LSOAs IMD 2019 ranks, for turning a rank into a decile.
pub const IMD_LSOAS: u32 = 32_844;

/// The decile (1 = most deprived tenth) of a rank (1 = most deprived).
pub fn decile_of_rank(rank: f64) -> u8 {
    let tenth = f64::from(IMD_LSOAS) / 10.0;
    ((rank / tenth).ceil() as i64).clamp(1, 10) as u8
}

/// The longest gap between codes a run spans with unknowns.
const MAX_GAP: u64 = 12;

/// A run of consecutive LSOA codes and their deciles (0: none known).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Run {
    start: u64,
    deciles: Vec<u8>,
}

/// IMD 2019 deciles by LSOA code, and each district's LSOAs by decile.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImdDeciles {
    /// Sorted by `start`, never overlapping.
    runs: Vec<Run>,
    /// District code (ONS 2022) → its 2011 LSOAs in deciles 1–10, and with no decile.
    districts: BTreeMap<String, [u32; 11]>,
}

fn digit(decile: u8) -> char {
    match decile {
        10 => '0',
        1..=9 => (b'0' + decile) as char,
        _ => '-',
    }
}

fn decile_of_digit(c: u8) -> Option<u8> {
    match c {
        b'0' => Some(10),
        b'1'..=b'9' => Some(c - b'0'),
        b'-' => Some(0),
        _ => None,
    }
}

impl ImdDeciles {
    /// Builds the table (the generator's half): deciles by code (0 for none
    /// known), and each district's counts of 2011 LSOAs by decile.
    pub fn from_parts(
        deciles: &[(String, u8)],
        districts: BTreeMap<String, [u32; 11]>,
    ) -> Result<ImdDeciles, String> {
        let keyed = sorted_keys(deciles, "decile", |code, d| {
            if d <= 10 {
                Ok(())
            } else {
                Err(format!("LSOA {code} has decile {d}"))
            }
        })?;
        let mut runs: Vec<Run> = Vec::new();
        for (k, d) in keyed {
            match runs.last_mut() {
                // A short gap is written as unknowns: cheaper than a new line.
                Some(run)
                    if k >= run.start + run.deciles.len() as u64
                        && k - (run.start + run.deciles.len() as u64) <= MAX_GAP =>
                {
                    let gap = k - (run.start + run.deciles.len() as u64);
                    run.deciles.extend(std::iter::repeat_n(0, gap as usize));
                    run.deciles.push(d)
                }
                _ => runs.push(Run {
                    start: k,
                    deciles: vec![d],
                }),
            }
        }
        Ok(ImdDeciles { runs, districts })
    }

    /// The asset's text: deterministic, so the committed copy can be checked current.
    pub fn to_text(&self, comment: &str) -> String {
        let mut out = format!("{IMD_ASSET_MAGIC}\n");
        for line in comment.lines() {
            out.push_str(&format!("# {line}\n"));
        }
        for (code, counts) in &self.districts {
            let counts: Vec<String> = counts.iter().map(u32::to_string).collect();
            out.push_str(&format!("D\t{code}\t{}\n", counts.join(",")));
        }
        for run in &self.runs {
            let digits: String = run.deciles.iter().map(|&d| digit(d)).collect();
            out.push_str(&format!("{}\t{digits}\n", code_of(run.start)));
        }
        out
    }

    /// Reads the asset; a sentence saying what is wrong otherwise.
    pub fn parse(text: &str) -> Result<ImdDeciles, String> {
        let mut lines = text.lines();
        if lines.next().map(str::trim) != Some(IMD_ASSET_MAGIC) {
            return Err("the deprivation table is not in the expected format".to_string());
        }
        let mut table = ImdDeciles::default();
        for (n, line) in lines.enumerate() {
            let bad = || format!("line {} of the deprivation table could not be read", n + 2);
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match line.split('\t').collect::<Vec<_>>().as_slice() {
                ["D", code, counts] => {
                    let counts: Vec<u32> = counts
                        .split(',')
                        .map(|c| c.parse().map_err(|_| bad()))
                        .collect::<Result<_, _>>()?;
                    let counts: [u32; 11] = counts.try_into().map_err(|_| bad())?;
                    table.districts.insert(code.to_string(), counts);
                }
                [start, digits] => {
                    let start = key(start).ok_or_else(bad)?;
                    let deciles: Vec<u8> = digits
                        .bytes()
                        .map(|c| decile_of_digit(c).ok_or_else(bad))
                        .collect::<Result<_, _>>()?;
                    if deciles.is_empty()
                        || table
                            .runs
                            .last()
                            .is_some_and(|r| r.start + r.deciles.len() as u64 > start)
                    {
                        return Err(bad());
                    }
                    table.runs.push(Run { start, deciles });
                }
                _ => return Err(bad()),
            }
        }
        if table.runs.is_empty() {
            return Err("the deprivation table lists no LSOA".to_string());
        }
        Ok(table)
    }

    /// The IMD 2019 decile of an LSOA (2011 code, or a 2021 code paired with
    /// 2011 ones); `None` when it has none (Wales, an unpaired split, unknown).
    pub fn decile(&self, code: &str) -> Option<u8> {
        let k = key(code)?;
        let at = self.runs.partition_point(|r| r.start <= k).checked_sub(1)?;
        let run = &self.runs[at];
        let d = *run.deciles.get((k - run.start) as usize)?;
        (d > 0).then_some(d)
    }

    /// A district's 2011 LSOAs by decile: `[0]` is decile 1, …, `[9]` decile
    /// 10, `[10]` those with none (Welsh LSOAs).
    pub fn district(&self, code: &str) -> Option<[u32; 11]> {
        self.districts.get(code.trim()).copied()
    }

    /// How many LSOA codes the table spans (short gaps included).
    pub fn codes(&self) -> usize {
        self.runs.iter().map(|r| r.deciles.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deciles_round_trip_and_ranks_make_deciles() {
        let mut districts = BTreeMap::new();
        districts.insert("E09000001".to_string(), [0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 0]);
        let table = ImdDeciles::from_parts(
            &[
                ("E01000001".into(), 9),
                ("E01000002".into(), 10),
                ("E01000003".into(), 0),
                ("E01000005".into(), 1),
                ("E01033769".into(), 4),
            ],
            districts,
        )
        .unwrap();
        let text = table.to_text("test");
        assert!(text.contains("E01000001\t90--1\n"), "{text}");
        let read = ImdDeciles::parse(&text).unwrap();
        assert_eq!(read, table);
        assert_eq!(read.codes(), 6);
        assert_eq!(read.decile("E01000001"), Some(9));
        assert_eq!(read.decile("E01000002"), Some(10));
        assert_eq!(read.decile("E01000003"), None);
        assert_eq!(read.decile("E01000004"), None);
        assert_eq!(read.decile("E01033769"), Some(4));
        assert_eq!(read.decile("W01000001"), None);
        assert_eq!(read.district("E09000001").unwrap()[9], 2);
        assert_eq!(decile_of_rank(1.0), 1);
        assert_eq!(decile_of_rank(3284.0), 1);
        assert_eq!(decile_of_rank(3285.0), 2);
        assert_eq!(decile_of_rank(32_844.0), 10);
        let twice = ImdDeciles::from_parts(
            &[("E01000001".into(), 9), ("E01000001".into(), 8)],
            BTreeMap::new(),
        );
        assert_eq!(twice.unwrap_err(), "LSOA E01000001 is given two deciles");
        let eleven = ImdDeciles::from_parts(&[("E01000001".into(), 11)], BTreeMap::new());
        assert_eq!(eleven.unwrap_err(), "LSOA E01000001 has decile 11");
        assert!(ImdDeciles::parse("nonsense").is_err());
        assert!(ImdDeciles::parse(&text.replace("90-", "9x-")).is_err());
    }
}
