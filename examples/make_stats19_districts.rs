//! Writes `src/core/ingest/stats19_districts.tsv`: the numeric local authority
//! district codes of STATS19 files before 2019 (`local_authority_district`, e.g.
//! 1 = Westminster) with their DfT labels and the ONS district code each label
//! names, from DfT's code list (`../shared/data/real/dft-road-casualty-statistics-
//! road-safety-open-dataset-data-guide-2024.xlsx`, sheet `2024_code_list`).
//!
//! A label is matched to an ONS code through the same code list's
//! `local_authority_ons_district` rows (ONS code → label), else through the
//! built-in geography (any district name of 2018 to 2024, renames included).
//! A label neither knows (districts abolished before 2018, such as Caradon, and
//! Scotland's) is written with no ONS code: casualties there are counted as
//! "district not known", never guessed.
//!
//! Run: `cargo run --example make_stats19_districts -- ../shared/data/real/dft-road-casualty-statistics-road-safety-open-dataset-data-guide-2024.xlsx src/core/ingest/stats19_districts.tsv`

mod common;

use calamine::{Data, Reader};
use common::{two_args, write_asset};
use csp_workbench::core::geography::{self, names, Kind};
use std::collections::BTreeMap;

fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => other.to_string().trim().to_string(),
    }
}

fn main() -> Result<(), String> {
    let (guide, out) = two_args("make_stats19_districts", "GUIDE.xlsx OUTPUT")?;
    let mut book = calamine::open_workbook_auto(&guide).map_err(|e| format!("{guide}: {e}"))?;
    let range = book
        .worksheet_range("2024_code_list")
        .map_err(|e| format!("{guide}: {e}"))?;
    let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(text).collect()).collect();
    let field = |r: &Vec<String>, i: usize| r.get(i).cloned().unwrap_or_default();
    // ONS code ← label key, from the code list itself.
    let mut ons_by_label: BTreeMap<String, String> = BTreeMap::new();
    let mut numeric: BTreeMap<i64, String> = BTreeMap::new();
    for r in &rows {
        match (field(r, 0).as_str(), field(r, 1).as_str()) {
            ("collision", "local_authority_ons_district") => {
                ons_by_label.insert(names::key(&field(r, 3)), field(r, 2));
            }
            ("collision", "local_authority_district") => {
                if let Ok(code) = field(r, 2).parse::<i64>() {
                    numeric.insert(code, field(r, 3));
                }
            }
            _ => {}
        }
    }
    if numeric.is_empty() {
        return Err(format!("{guide} lists no local_authority_district codes"));
    }
    let geo = geography::national();
    let district = |label: &str| -> Option<String> {
        if let Some(code) = ons_by_label.get(&names::key(label)) {
            return Some(code.clone());
        }
        geo.candidates(label)
            .into_iter()
            .map(|id| geo.area(id))
            .find(|a| {
                a.kind == Kind::District
                    && std::iter::once(&a.name)
                        .chain(&a.aliases)
                        .any(|n| names::key(n) == names::key(label))
            })
            .map(|a| a.code.clone())
    };
    let mut out_text = String::from(
        "# STATS19 local_authority_district (numeric, DfT) → ONS district code, from DfT's road safety data guide 2024 (sheet 2024_code_list).\n\
         # Written by examples/make_stats19_districts.rs (make stats19-districts); do not edit. Open Government Licence v3.0.\n\
         # code\tONS code; or code\t\tDfT label where no district of 2018–2024 has that name (counted as district not known).\n\
         # Labels of the codes that resolve are left out: the app ships this table, and only the unresolved are named to the user.\n",
    );
    for (code, label) in &numeric {
        // "Ynys Mon - Isle of Anglesey": either half may be the ONS name.
        // "The Vale of Glamorgan" is ONS's "Vale of Glamorgan".
        let ons = district(label)
            .or_else(|| label.split(" - ").find_map(|part| district(part.trim())))
            .or_else(|| label.strip_prefix("The ").and_then(district));
        // Only a code the built-in geography knows as a district is kept (the
        // code list also gives codes of districts abolished in 2009, Caradon's).
        let ons = ons.filter(|c| geo.by_code(c).is_some_and(|a| a.kind == Kind::District));
        match ons {
            Some(ons) => out_text.push_str(&format!("{code}\t{ons}\n")),
            None => out_text.push_str(&format!("{code}\t\t{label}\n")),
        }
    }
    write_asset(std::path::Path::new(&out), &out_text)?;
    Ok(())
}
