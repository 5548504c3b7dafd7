//! LSOA (2021) → electoral ward (2024), for counting police.uk street records
//! by ward.
//!
//! The table is a text asset (`public/geo/lsoa-wards.txt`) written by
//! `examples/make_ward_lookup.rs` from ONS's LSOA 2021 → ward 2024 → LAD 2024
//! best-fit lookup (`lookup_lsoa21_ward24_ltla24.csv`): each LSOA lies in one
//! district exactly, but in the ward that holds most of its people (best fit),
//! so a ward's count is the count of the LSOAs fitted to it, not of the records
//! inside its boundary, and a ward no LSOA is fitted to has no count at all.
//! The lookup carries 2021 LSOA codes only: a 2011 code that the 2021 census
//! kept is found (the code and the area are the same), a 2011 LSOA that was
//! split or merged is not. The app fetches the asset only when the user asks
//! for counts by ward; natively it is read from the file.

use super::lsoa_code::key;
use super::lsoa_runs::{LsoaRuns, Run, RunStarts};

/// The first line of the asset: what it is and its format's version.
pub const WARD_ASSET_MAGIC: &str = "cspw-lsoa-wards 1";

/// Where the asset sits in the build (and, under `public/`, in the repository).
pub const WARD_ASSET_PATH: &str = "geo/lsoa-wards.txt";

/// One electoral ward.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ward {
    /// ONS code, e.g. "E05009288".
    pub code: String,
    /// ONS name, e.g. "Aldersgate".
    pub name: String,
    /// The ONS code of its district (2024), e.g. "E09000001".
    pub district: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct LsoaWards {
    wards: Vec<Ward>,
    /// Runs of consecutive LSOA codes fitted to one ward (its index in `wards`).
    runs: LsoaRuns<u32>,
}

impl LsoaWards {
    /// Builds the table from (LSOA code, ward index) pairs; the generator's half.
    pub fn from_parts(wards: Vec<Ward>, codes: &[(String, u32)]) -> Result<LsoaWards, String> {
        let runs = LsoaRuns::from_codes(codes, wards.len(), "ward")?;
        Ok(LsoaWards { wards, runs })
    }

    /// The asset's text: deterministic, so the committed copy can be checked current.
    /// Wards are listed with their district given once per run of wards in it.
    pub fn to_text(&self, comment: &str) -> String {
        let mut out = format!("{WARD_ASSET_MAGIC}\n");
        for line in comment.lines() {
            out.push_str(&format!("# {line}\n"));
        }
        let mut district = "";
        for w in &self.wards {
            if w.district != district {
                out.push_str(&format!("D\t{}\n", w.district));
                district = &w.district;
            }
            out.push_str(&format!("W\t{}\t{}\n", w.code, w.name));
        }
        let mut starts = RunStarts::default();
        for run in self.runs.runs() {
            let start = starts.write(run.start, u64::from(run.len));
            if run.len == 1 {
                out.push_str(&format!("{start}\t{}\n", run.index));
            } else {
                out.push_str(&format!("{start}\t{}\t{}\n", run.index, run.len));
            }
        }
        out
    }

    /// Reads the asset; a sentence saying what is wrong otherwise.
    pub fn parse(text: &str) -> Result<LsoaWards, String> {
        let mut lines = text.lines();
        if lines.next().map(str::trim) != Some(WARD_ASSET_MAGIC) {
            return Err("the ward lookup is not in the expected format".to_string());
        }
        let mut table = LsoaWards::default();
        let mut district = String::new();
        let mut starts = RunStarts::default();
        for (n, line) in lines.enumerate() {
            let bad = || format!("line {} of the ward lookup could not be read", n + 2);
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            match fields.as_slice() {
                ["D", code] => district = code.to_string(),
                ["W", code, name] => table.wards.push(Ward {
                    code: code.to_string(),
                    name: name.to_string(),
                    district: district.clone(),
                }),
                [start, ward, rest @ ..] if rest.len() <= 1 => {
                    let index: u32 = ward.parse().map_err(|_| bad())?;
                    let len: u32 = match rest.first() {
                        Some(len) => len.parse().map_err(|_| bad())?,
                        None => 1,
                    };
                    let start = starts.read(start, u64::from(len)).ok_or_else(bad)?;
                    let run = Run { start, len, index };
                    if !table.runs.push(run, table.wards.len()) {
                        return Err(bad());
                    }
                }
                _ => return Err(bad()),
            }
        }
        if table.runs.is_empty() {
            return Err("the ward lookup lists no LSOA".to_string());
        }
        Ok(table)
    }

    pub fn wards(&self) -> &[Ward] {
        &self.wards
    }

    /// How many LSOA codes the table knows.
    pub fn codes(&self) -> usize {
        self.runs.codes()
    }

    /// The ward an LSOA code is fitted to, if the lookup has the code.
    pub fn ward_of(&self, code: &str) -> Option<&Ward> {
        let ward = self.runs.get(key(code)?)?;
        Some(&self.wards[ward as usize])
    }

    /// The wards of a district (by its ONS code), in the lookup's order.
    pub fn wards_of(&self, district: &str) -> impl Iterator<Item = &Ward> + '_ {
        let district = district.trim().to_ascii_uppercase();
        self.wards.iter().filter(move |w| w.district == district)
    }

    /// How many LSOA codes are fitted to each ward, by ward index.
    pub fn lsoas_per_ward(&self) -> Vec<u32> {
        let mut per = vec![0u32; self.wards.len()];
        for run in self.runs.runs() {
            per[run.index as usize] += run.len;
        }
        per
    }

    /// The index of a ward in `wards()`.
    pub fn index_of(&self, ward_code: &str) -> Option<usize> {
        self.wards.iter().position(|w| w.code == ward_code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> LsoaWards {
        let ward = |code: &str, name: &str, district: &str| Ward {
            code: code.into(),
            name: name.into(),
            district: district.into(),
        };
        let wards = vec![
            ward("E05009288", "Aldersgate", "E09000001"),
            ward("E05009302", "Cripplegate", "E09000001"),
            ward("W05000001", "Somewhere", "W06000001"),
        ];
        let codes: Vec<(String, u32)> = [
            ("E01000001", 0),
            ("E01000002", 1),
            ("E01000003", 1),
            ("E01000005", 1),
            ("W01000001", 2),
        ]
        .iter()
        .map(|(c, w)| (c.to_string(), *w))
        .collect();
        LsoaWards::from_parts(wards, &codes).unwrap()
    }

    #[test]
    fn round_trips_through_text_and_finds_codes() {
        let table = small();
        let text = table.to_text("test");
        let read = LsoaWards::parse(&text).unwrap();
        assert_eq!(read, table);
        assert_eq!(read.codes(), 5);
        assert_eq!(read.ward_of("E01000001").unwrap().name, "Aldersgate");
        assert_eq!(read.ward_of(" e01000003 ").unwrap().name, "Cripplegate");
        assert_eq!(read.ward_of("E01000004"), None);
        assert_eq!(read.ward_of("W01000001").unwrap().district, "W06000001");
        assert_eq!(read.ward_of("City of London 001A"), None);
        assert_eq!(read.wards_of("e09000001").count(), 2);
        assert_eq!(read.lsoas_per_ward(), vec![1, 3, 1]);
    }

    #[test]
    fn bad_text_is_a_sentence() {
        assert!(LsoaWards::parse("something else").is_err());
        let text = small().to_text("");
        let broken = text.replace("W\tE05009288", "W\tE05009288\textra");
        assert!(LsoaWards::parse(&broken).unwrap_err().contains("line"));
        assert!(LsoaWards::parse(&format!("{WARD_ASSET_MAGIC}\n")).is_err());
        assert!(LsoaWards::parse(&format!("{WARD_ASSET_MAGIC}\nE01000001\t0\n")).is_err());
    }
}
