//! Writes `public/geo/lsoa-wards.txt`, the LSOA → ward table the app uses to
//! count police.uk street records by electoral ward, from ONS's LSOA 2021 →
//! ward 2024 → LAD 2024 best-fit lookup in `../shared/data/geo/lookups/`
//! (`lookup_lsoa21_ward24_ltla24.csv`, 35,672 LSOAs).
//!
//! The output is byte-for-byte reproducible; `make check-ward-lookup` fails when
//! the committed copy differs from what this writes.
//!
//! Run: `cargo run --example make_ward_lookup -- ../shared/data/geo/lookups public/geo/lsoa-wards.txt`

use csp_workbench::core::geography::wards::{LsoaWards, Ward};
use std::collections::BTreeMap;
use std::path::Path;

const WARDS: &str = "lookup_lsoa21_ward24_ltla24.csv";

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [lookups, out] = args.as_slice() else {
        return Err("usage: make_ward_lookup LOOKUPS_DIR OUTPUT".to_string());
    };
    let path = Path::new(lookups).join(WARDS);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| format!("{}: {e}", path.display()))?
        .iter()
        .map(str::to_string)
        .collect();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| format!("{} has no column {name}", path.display()))
    };
    let (lsoa, ward_code, ward_name, district) = (
        column("lsoa21_code")?,
        column("ward24_code")?,
        column("ward24_name")?,
        column("ltla24_code")?,
    );
    // (district, ward name, ward code) → the ward's LSOAs.
    let mut by_ward: BTreeMap<(String, String, String), Vec<String>> = BTreeMap::new();
    for record in reader.records() {
        let r = record.map_err(|e| format!("{}: {e}", path.display()))?;
        by_ward
            .entry((
                r[district].to_string(),
                r[ward_name].to_string(),
                r[ward_code].to_string(),
            ))
            .or_default()
            .push(r[lsoa].to_string());
    }
    let mut wards = Vec::new();
    let mut codes = Vec::new();
    for ((district, name, code), lsoas) in by_ward {
        let index = wards.len() as u32;
        wards.push(Ward {
            code,
            name,
            district,
        });
        codes.extend(lsoas.into_iter().map(|l| (l, index)));
    }
    let table = LsoaWards::from_parts(wards, &codes)?;
    let comment = format!(
        "LSOA (2021) → electoral ward (2024), best fit, with each ward's district (2024).\n\
         From ONS {WARDS} ({} LSOAs, {} wards). Open Government Licence v3.0.\n\
         Written by examples/make_ward_lookup.rs (make ward-lookup); do not edit.\n\
         Lines: D code = the district of the wards below; W code name = a ward (numbered from 0 in order);\n\
         CODE-or-+GAP ward [count] = a run of consecutive LSOA codes fitted to one ward.",
        table.codes(),
        table.wards().len()
    );
    std::fs::write(out, table.to_text(&comment)).map_err(|e| format!("{out}: {e}"))?;
    Ok(())
}
