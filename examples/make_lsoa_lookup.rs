//! Writes `public/geo/lsoa-districts.txt`, the LSOA → district table the import
//! uses to count police.uk records by district, from the ONS lookups in
//! `../shared/data/geo/lookups/`:
//! - `lsoa11_to_lsoa21_best_fit_lookup_england_wales_v2.csv`: every 2011 LSOA,
//!   its best-fit 2021 LSOA and their 2022 district (code and name);
//! - `lookup_lsoa21_ward24_ltla24.csv`: every 2021 LSOA with its name, which
//!   gives the district of the 2021 LSOAs the first lookup lacks (LSOAs split
//!   in 2021, named after their 2021 = 2022 district: "Ashford 015F").
//!
//! The output is byte-for-byte reproducible; `make check-lsoa-lookup` fails when
//! the committed copy differs from what this writes.
//!
//! Run: `cargo run --example make_lsoa_lookup -- ../shared/data/geo/lookups public/geo/lsoa-districts.txt`

mod common;

use common::{csv_rows, two_args, write_asset, Spaces};
use csp_workbench::core::ingest::policeuk::{District, LsoaDistricts};
use std::collections::BTreeMap;
use std::path::Path;

const BEST_FIT: &str = "lsoa11_to_lsoa21_best_fit_lookup_england_wales_v2.csv";
const WARDS: &str = "lookup_lsoa21_ward24_ltla24.csv";

/// "Tunbridge Wells 001A" → "Tunbridge Wells".
fn prefix(lsoa_name: &str) -> &str {
    lsoa_name
        .rsplit_once(' ')
        .map(|(p, _)| p)
        .unwrap_or(lsoa_name)
}

fn main() -> Result<(), String> {
    let (lookups, out) = two_args("make_lsoa_lookup", "LOOKUPS_DIR OUTPUT")?;
    let lookups = Path::new(&lookups);
    let best_fit = csv_rows(&lookups.join(BEST_FIT), Spaces::Kept)?;

    // Districts by code, in code order, so the indices are stable.
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for r in &best_fit {
        names.insert(r["LAD22CD"].clone(), r["LAD22NM"].clone());
    }
    let districts: Vec<District> = names
        .iter()
        .map(|(code, name)| District {
            code: code.clone(),
            name: name.clone(),
        })
        .collect();
    let index_of: BTreeMap<&str, u16> = districts
        .iter()
        .enumerate()
        .map(|(i, d)| (d.code.as_str(), i as u16))
        .collect();
    let by_name: BTreeMap<&str, u16> = districts
        .iter()
        .enumerate()
        .map(|(i, d)| (d.name.as_str(), i as u16))
        .collect();

    let mut codes: BTreeMap<String, u16> = BTreeMap::new();
    // Which census each code belongs to, to count a district's LSOAs by either.
    let mut codes_2011: std::collections::BTreeSet<String> = Default::default();
    let mut codes_2021: std::collections::BTreeSet<String> = Default::default();
    let mut prefixes: BTreeMap<String, Option<u16>> = BTreeMap::new();
    let mut note_prefix = |name: &str, district: u16| {
        let entry = prefixes.entry(name.to_string()).or_insert(Some(district));
        if *entry != Some(district) {
            // A prefix shared by two districts names neither.
            *entry = None;
        }
    };
    for r in &best_fit {
        let district = index_of[r["LAD22CD"].as_str()];
        codes_2011.insert(r["LSOA11CD"].clone());
        codes_2021.insert(r["LSOA21CD"].clone());
        for (code, name) in [("LSOA11CD", "LSOA11NM"), ("LSOA21CD", "LSOA21NM")] {
            if let Some(&other) = codes.get(&r[code]) {
                if other != district {
                    return Err(format!("{} is in two districts", r[code]));
                }
            }
            codes.insert(r[code].clone(), district);
            note_prefix(prefix(&r[name]), district);
        }
        if !r["LAD22NMW"].is_empty() {
            note_prefix(&r["LAD22NMW"], district);
        }
    }
    let mut added = 0;
    for r in csv_rows(&lookups.join(WARDS), Spaces::Kept)? {
        let code = &r["lsoa21_code"];
        codes_2021.insert(code.clone());
        if codes.contains_key(code) {
            continue;
        }
        let name = prefix(&r["lsoa21_name"]);
        let district = *by_name.get(name).ok_or_else(|| {
            format!("2021 LSOA {code} is named after “{name}”, not a 2022 district")
        })?;
        codes.insert(code.clone(), district);
        added += 1;
    }

    let codes: Vec<(String, u16)> = codes.into_iter().collect();
    let prefixes: Vec<(String, u16)> = prefixes
        .into_iter()
        .filter_map(|(p, d)| d.map(|d| (p, d)))
        .collect();
    let only_2011: Vec<String> = codes_2011.difference(&codes_2021).cloned().collect();
    let only_2021: Vec<String> = codes_2021.difference(&codes_2011).cloned().collect();
    let table = LsoaDistricts::from_parts(districts, &codes, &prefixes)?
        .with_vintages(&only_2011, &only_2021)?;
    let comment = format!(
        "LSOA (2011 and 2021) → local authority district (ONS, 2022 names and codes).\n\
         From ONS {BEST_FIT} and, for {added} 2021 LSOAs it lacks, {WARDS} (by LSOA name).\n\
         Written by examples/make_lsoa_lookup.rs (make lsoa-lookup); do not edit.\n\
         Lines: D code name = a district; P prefix index = a former or Welsh name\n\
         LSOA names begin with; O or N CODE-or-+GAP count = a run of codes of the 2011 (O) or\n\
         2021 (N) census only (the rest are both); CODE-or-+GAP count index = a run of\n\
         consecutive LSOA codes in one district."
    );
    let text = table.to_text(&comment);
    let out = Path::new(&out);
    write_asset(out, &text)?;
    eprintln!(
        "{}: {} districts, {} LSOA codes, {} bytes",
        out.display(),
        table.districts().len(),
        table.codes(),
        text.len()
    );
    Ok(())
}
