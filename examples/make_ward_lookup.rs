//! Writes `public/geo/lsoa-wards.txt`, the LSOA → ward table the app uses to
//! count police.uk street records by electoral ward, from ONS's LSOA 2021 →
//! ward 2024 → LAD 2024 best-fit lookup in `../shared/data/geo/lookups/`
//! (`lookup_lsoa21_ward24_ltla24.csv`, 35,672 LSOAs).
//!
//! The output is byte-for-byte reproducible; `make check-ward-lookup` fails when
//! the committed copy differs from what this writes.
//!
//! Run: `cargo run --example make_ward_lookup -- ../shared/data/geo/lookups public/geo/lsoa-wards.txt`

mod common;

use common::{csv_rows, two_args, write_asset, Spaces};
use csp_workbench::core::geography::wards::{LsoaWards, Ward};
use std::collections::BTreeMap;
use std::path::Path;

const WARDS: &str = "lookup_lsoa21_ward24_ltla24.csv";

fn main() -> Result<(), String> {
    let (lookups, out) = two_args("make_ward_lookup", "LOOKUPS_DIR OUTPUT")?;
    let path = Path::new(&lookups).join(WARDS);
    let rows = csv_rows(&path, Spaces::Kept)?;
    let column = |r: &common::Row, name: &str| {
        r.get(name)
            .cloned()
            .ok_or_else(|| format!("{} has no column {name}", path.display()))
    };
    // (district, ward name, ward code) → the ward's LSOAs.
    let mut by_ward: BTreeMap<(String, String, String), Vec<String>> = BTreeMap::new();
    for r in &rows {
        by_ward
            .entry((
                column(r, "ltla24_code")?,
                column(r, "ward24_name")?,
                column(r, "ward24_code")?,
            ))
            .or_default()
            .push(column(r, "lsoa21_code")?);
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
    write_asset(Path::new(&out), &table.to_text(&comment))?;
    Ok(())
}
