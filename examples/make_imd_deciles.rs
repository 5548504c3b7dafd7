//! Writes `public/geo/imd-deciles.txt`, the IMD 2019 decile of every English
//! LSOA, from the files in `../shared/data/geo/`:
//! - `imd/File_2_-_IoD2019_Domains_of_Deprivation.csv.gz`: every 2011 LSOA of
//!   England with its IMD rank and decile (MHCLG, English Indices of
//!   Deprivation 2019);
//! - `lookups/lsoa11_to_lsoa21_best_fit_lookup_england_wales_v2.csv`: each 2011
//!   LSOA's best-fit 2021 LSOA and 2022 district. A 2021 code that is no 2011
//!   code takes the decile of the mean IMD rank of the 2011 LSOAs paired with
//!   it; each district's 2011 LSOAs are counted by decile.
//!
//! The output is byte-for-byte reproducible; `make check-imd-deciles` fails when
//! the committed copy differs from what this writes.
//!
//! Run: `cargo run --example make_imd_deciles -- ../shared/data/geo public/geo/imd-deciles.txt`

mod common;

use common::{csv_rows, two_args, write_asset, Spaces};
use csp_workbench::core::geography::imd::{decile_of_rank, ImdDeciles};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const IMD: &str = "imd/File_2_-_IoD2019_Domains_of_Deprivation.csv.gz";
const BEST_FIT: &str = "lookups/lsoa11_to_lsoa21_best_fit_lookup_england_wales_v2.csv";
const RANK: &str = "Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)";
const DECILE: &str =
    "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)";

fn main() -> Result<(), String> {
    let (geo, out) = two_args("make_imd_deciles", "GEO_DIR OUTPUT")?;
    let geo = Path::new(&geo);

    // 2011 LSOA → (rank, decile), England.
    let mut imd: BTreeMap<String, (u32, u8)> = BTreeMap::new();
    for r in csv_rows(&geo.join(IMD), Spaces::Kept)? {
        let code = r["LSOA code (2011)"].clone();
        let rank: u32 = r[RANK].parse().map_err(|_| format!("{code}: rank"))?;
        let decile: u8 = r[DECILE].parse().map_err(|_| format!("{code}: decile"))?;
        // The rule the 2021 codes' deciles use must give the published ones.
        if decile_of_rank(f64::from(rank)) != decile {
            return Err(format!("{code}: rank {rank} is not in decile {decile}"));
        }
        imd.insert(code, (rank, decile));
    }
    if imd.len() != 32_844 {
        return Err(format!("{} LSOAs in {IMD}, not 32,844", imd.len()));
    }

    let fit = csv_rows(&geo.join(BEST_FIT), Spaces::Kept)?;
    let codes_2011: BTreeSet<&str> = fit.iter().map(|r| r["LSOA11CD"].as_str()).collect();
    let mut parents: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut districts: BTreeMap<String, [u32; 11]> = BTreeMap::new();
    for r in &fit {
        let (old, new) = (r["LSOA11CD"].as_str(), r["LSOA21CD"].as_str());
        if !codes_2011.contains(new) {
            parents.entry(new).or_default().push(old);
        }
        let slot = imd.get(old).map_or(10, |&(_, d)| usize::from(d) - 1);
        districts.entry(r["LAD22CD"].clone()).or_insert([0; 11])[slot] += 1;
    }

    let mut deciles: Vec<(String, u8)> = imd.iter().map(|(c, &(_, d))| (c.clone(), d)).collect();
    let mut paired = 0;
    for (code, olds) in &parents {
        let ranks: Vec<f64> = olds
            .iter()
            .filter_map(|o| imd.get(*o).map(|&(rank, _)| f64::from(rank)))
            .collect();
        if ranks.is_empty() {
            continue; // Welsh
        }
        let mean = ranks.iter().sum::<f64>() / ranks.len() as f64;
        deciles.push((code.to_string(), decile_of_rank(mean)));
        paired += 1;
    }

    let table = ImdDeciles::from_parts(&deciles, districts)?;
    let comment = format!(
        "IMD 2019 decile (1 = most deprived tenth of England's LSOAs) by LSOA code.\n\
         From MHCLG {IMD} (2011 LSOAs) and, for {paired} 2021 LSOAs whose codes changed,\n\
         the mean IMD rank of the 2011 LSOAs ONS {BEST_FIT} pairs with them.\n\
         Written by examples/make_imd_deciles.rs (make imd-deciles); do not edit.\n\
         Lines: D district deciles = a district's 2011 LSOAs in deciles 1..10 and with none (Wales);\n\
         CODE DIGITS = consecutive LSOA codes from CODE, one digit each (0 = decile 10, - = none)."
    );
    let text = table.to_text(&comment);
    let out = Path::new(&out);
    write_asset(out, &text)?;
    eprintln!(
        "{}: {} LSOA codes ({paired} 2021 codes paired), {} bytes",
        out.display(),
        table.codes(),
        text.len()
    );
    Ok(())
}
