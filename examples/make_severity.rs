//! Writes `src/core/assessment/severity.tsv`, the Crime Severity Score weights the
//! priority matrix weighs harm with, from the derived ONS tables in
//! `../shared/data/geo/offences/`:
//! - `severity_codes.csv`: the ONS weight of each Home Office offence code
//!   (keyed on `code_original`, as the shared README says);
//! - `policeuk-ons-code-join.csv` and `CrimeCatMappings.csv`: the police.uk
//!   crime type each offence code is published under;
//! - `prc-pfa-mar2013-onwards-tables201718.csv`: every offence recorded in
//!   England and Wales in 2017/18 by code, group and subgroup, which gives the
//!   mix of codes inside each police.uk crime type, offence group and subgroup.
//!
//! A crime type's or group's weight is the mean weight of an offence in it,
//! weighted by how often each of its codes was recorded nationally in 2017/18.
//! Offences with no weight (fraud recorded by Action Fraud, CIFAS, UK Finance)
//! are left out. The output is byte-for-byte reproducible; `make check-severity`
//! fails when the committed copy differs from what this writes.
//!
//! Run: `cargo run --example make_severity -- ../shared/data/geo/offences src/core/assessment/severity.tsv`

mod common;

use common::{csv_rows, two_args, write_asset, Row, Spaces};
use std::collections::BTreeMap;
use std::path::Path;

fn rows(path: &Path) -> Result<Vec<Row>, String> {
    csv_rows(path, Spaces::Trimmed)
}

fn field<'a>(row: &'a Row, name: &str) -> &'a str {
    row.get(name).map(String::as_str).unwrap_or("")
}

/// "Violence and Sexual Offences" → "Violence and sexual offences", as the street files spell it.
fn sentence_case(text: &str) -> String {
    let lower = text.trim().to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// (offences, offences × weight) per name.
type Sums = BTreeMap<String, (f64, f64)>;

fn add(sums: &mut Sums, name: &str, count: f64, weight: f64) {
    if name.is_empty() {
        return;
    }
    let entry = sums.entry(name.to_string()).or_insert((0.0, 0.0));
    entry.0 += count;
    entry.1 += count * weight;
}

fn main() -> Result<(), String> {
    let (dir, out) = two_args("make_severity", "OFFENCES_DIR OUTPUT.tsv")?;
    let dir = Path::new(&dir);
    let mut weights: BTreeMap<String, (f64, String)> = BTreeMap::new();
    for row in rows(&dir.join("severity_codes.csv"))? {
        let weight: f64 = field(&row, "weight")
            .parse()
            .map_err(|_| format!("severity_codes.csv: weight {:?}", field(&row, "weight")))?;
        // Grouped codes ("1/4.1/4.10/4.2", homicide) are kept whole, as the
        // offence tables write them, and each part alone.
        let whole = field(&row, "code_original");
        for code in std::iter::once(whole).chain(whole.split('/').filter(|_| whole.contains('/'))) {
            weights
                .entry(code.trim().to_string())
                .or_insert((weight, field(&row, "description").to_string()));
        }
    }
    let mut category: BTreeMap<String, String> = BTreeMap::new();
    for row in rows(&dir.join("policeuk-ons-code-join.csv"))? {
        let c = field(&row, "POLICE_UK_CAT_MAP_category");
        if !c.is_empty() {
            category
                .entry(field(&row, "ONS_COUNTS_code").to_string())
                .or_insert_with(|| sentence_case(c));
        }
    }
    for row in rows(&dir.join("CrimeCatMappings.csv"))? {
        let c = field(&row, "Police.uk_Cat");
        if !c.is_empty() {
            category
                .entry(field(&row, "Offence_Code").to_string())
                .or_insert_with(|| sentence_case(c));
        }
    }
    let (mut all, mut types, mut groups, mut subgroups, mut descriptions) = (
        Sums::new(),
        Sums::new(),
        Sums::new(),
        Sums::new(),
        Sums::new(),
    );
    for row in rows(&dir.join("prc-pfa-mar2013-onwards-tables201718.csv"))? {
        let code = field(&row, "Offence Code");
        let Some((weight, _)) = weights.get(code) else {
            continue;
        };
        let count: f64 = field(&row, "Number of Offences").parse().unwrap_or(0.0);
        add(&mut all, "All", count, *weight);
        if let Some(c) = category.get(code) {
            add(&mut types, c, count, *weight);
        }
        add(&mut groups, field(&row, "Offence Group"), count, *weight);
        add(
            &mut subgroups,
            field(&row, "Offence Subgroup"),
            count,
            *weight,
        );
        add(
            &mut descriptions,
            field(&row, "Offence Description"),
            count,
            *weight,
        );
    }
    let mut text = String::from(
        "# Crime Severity Score weights (ONS, about 2020, via ../shared/data/geo/offences/), written by examples/make_severity.rs.\n\
         # kind\tname\tweight of an offence\toffences in England and Wales 2017/18 (the mix the mean is weighted by)\n",
    );
    let line = |kind: &str, name: &str, (count, weighted): (f64, f64)| {
        format!("{kind}\t{name}\t{:.2}\t{count:.0}\n", weighted / count)
    };
    let (count, weighted) = all["All"];
    text.push_str(&line("all", "All recorded offences", (count, weighted)));
    for (kind, sums) in [
        ("policeuk", &types),
        ("group", &groups),
        ("subgroup", &subgroups),
        ("description", &descriptions),
    ] {
        for (name, sum) in sums {
            if sum.0 > 0.0 {
                text.push_str(&line(kind, name, *sum));
            }
        }
    }
    for (code, (weight, description)) in &weights {
        text.push_str(&format!("code\t{code}\t{weight:.2}\t{description}\n"));
    }
    write_asset(Path::new(&out), &text)?;
    Ok(())
}
