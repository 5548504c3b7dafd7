//! Writes `public/geo/lsoa-wards.txt`, the LSOA → electoral ward table the
//! neighbourhood map uses when the user's boundary file holds wards
//! (`core::geography::wards`), from the ONS lookups in `../shared/data/geo/lookups/`:
//! - `lookup_lsoa21_ward24_ltla24.csv`: every 2021 LSOA, its best-fit 2024
//!   ward and its 2024 district;
//! - `lsoa11_to_lsoa21_best_fit_lookup_england_wales_v2.csv`: a 2011 LSOA
//!   whose code the 2021 census dropped takes the ward of its best-fit 2021 LSOA.
//!
//! The output is byte-for-byte reproducible; `make check-ward-lookup` fails when
//! the committed copy differs from what this writes.
//!
//! Run: `cargo run --example make_ward_lookup -- ../shared/data/geo/lookups public/geo/lsoa-wards.txt`

use csp_workbench::core::geography::wards::{WardLookup, WARD_ASSET_MAGIC};
use std::collections::BTreeMap;
use std::path::Path;

const WARDS: &str = "lookup_lsoa21_ward24_ltla24.csv";
const BEST_FIT: &str = "lsoa11_to_lsoa21_best_fit_lookup_england_wales_v2.csv";

fn rows(path: &Path) -> Result<Vec<BTreeMap<String, String>>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let text = String::from_utf8(bytes).map_err(|_| format!("{} is not UTF-8", path.display()))?;
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| format!("{}: {e}", path.display()))?
        .iter()
        .map(str::to_string)
        .collect();
    reader
        .records()
        .map(|r| {
            let r = r.map_err(|e| format!("{}: {e}", path.display()))?;
            Ok(header
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_string))
                .collect())
        })
        .collect()
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [lookups, out] = args.as_slice() else {
        return Err("usage: make_ward_lookup LOOKUPS_DIR OUTPUT".to_string());
    };
    let lookups = Path::new(lookups);
    // Ward code → (name, district, its LSOA codes).
    let mut wards: BTreeMap<String, (String, String, Vec<String>)> = BTreeMap::new();
    let mut ward_of: BTreeMap<String, String> = BTreeMap::new();
    for r in rows(&lookups.join(WARDS))? {
        let entry = wards.entry(r["ward24_code"].clone()).or_insert_with(|| {
            (
                r["ward24_name"].clone(),
                r["ltla24_code"].clone(),
                Vec::new(),
            )
        });
        entry.2.push(r["lsoa21_code"].clone());
        ward_of.insert(r["lsoa21_code"].clone(), r["ward24_code"].clone());
    }
    let mut from_2011 = 0;
    for r in rows(&lookups.join(BEST_FIT))? {
        let old = &r["LSOA11CD"];
        if ward_of.contains_key(old) {
            continue;
        }
        let Some(ward) = ward_of.get(&r["LSOA21CD"]).cloned() else {
            continue;
        };
        if let Some(entry) = wards.get_mut(&ward) {
            entry.2.push(old.clone());
            ward_of.insert(old.clone(), ward);
            from_2011 += 1;
        }
    }
    let mut text = format!(
        "{WARD_ASSET_MAGIC}\n\
         # LSOA (2021, and 2011 codes the 2021 census dropped) → electoral ward (2024) → district (2024), best fit.\n\
         # From ONS {WARDS} and, for {from_2011} 2011 LSOAs, {BEST_FIT} (their best-fit 2021 LSOA's ward).\n\
         # Written by examples/make_ward_lookup.rs (make ward-lookup); do not edit.\n\
         # One ward a line: code, name, district code, its LSOAs (the first in full, then +step from the one before).\n"
    );
    for (code, (name, district, mut lsoas)) in wards {
        lsoas.sort();
        let mut items = Vec::with_capacity(lsoas.len());
        let mut last: Option<(char, u64)> = None;
        for lsoa in &lsoas {
            let letter = lsoa.chars().next().ok_or("an empty LSOA code")?;
            let number: u64 = lsoa[1..]
                .parse()
                .map_err(|_| format!("{lsoa} is not an LSOA code"))?;
            items.push(match last {
                Some((l, before)) if l == letter => format!("+{}", number - before),
                _ => lsoa.clone(),
            });
            last = Some((letter, number));
        }
        text.push_str(&format!(
            "{code}\t{name}\t{district}\t{}\n",
            items.join(",")
        ));
    }
    // What was written reads back to the same table.
    let back = WardLookup::parse(&text)?;
    for (lsoa, ward) in &ward_of {
        if back.ward_of(lsoa).map(|w| w.code.as_str()) != Some(ward.as_str()) {
            return Err(format!("{lsoa} does not read back as in {ward}"));
        }
    }
    std::fs::write(out, text).map_err(|e| format!("{out}: {e}"))?;
    eprintln!(
        "{out}: {} wards, {} LSOAs ({from_2011} of them 2011 codes)",
        back.wards.len(),
        ward_of.len()
    );
    Ok(())
}
