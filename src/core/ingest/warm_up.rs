//! A small street file imported once when the import worker starts. WebAssembly
//! engines run new code in a quick baseline tier and optimise a function only
//! once it has run a while, so without this the first part of the user's first
//! file would be read by slow code. The worker is started ahead of time, when
//! the page is idle, so the user never waits for this.

use super::import_file_with;
use super::policeuk::{District, LsoaDistricts};
use std::sync::Arc;

/// Enough rows for the engine to optimise the reading and counting code.
const ROWS: usize = 40_000;

const TYPES: [&str; 4] = [
    "Anti-social behaviour",
    "Burglary",
    "Violence and sexual offences",
    "Other theft",
];

/// Imports the generated file; returns how many figures it gave (for tests).
pub fn warm_up() -> usize {
    let mut text = String::with_capacity(ROWS * 120);
    text.push_str("Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n");
    for i in 0..ROWS {
        let kind = TYPES[i % TYPES.len()];
        let outcome = if i % 7 == 0 {
            "\"Unable to prosecute, suspect\""
        } else {
            "Under investigation"
        };
        text.push_str(&format!(
            "{i:x},2019-{:02},Police,Police,0.1,51.1,On or near a street,E01000001,Area 001A,{kind},{outcome},\n",
            i / TYPES.len() % 12 + 1
        ));
    }
    // A small LSOA table of its own, so counting by district is warmed up too
    // without fetching the real one.
    let district = District {
        code: "E00000000".to_string(),
        name: "Warm-up district".to_string(),
    };
    let codes: Vec<(String, u16)> = (1..=9).map(|i| (format!("E0100000{i}"), 0)).collect();
    let lsoa = LsoaDistricts::from_parts(vec![district], &codes, &[])
        .ok()
        .map(Arc::new);
    import_file_with("warm-up.csv", text.as_bytes(), &[], lsoa, &mut |_| {})
        .map(|d| d.observations.len())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_warm_up_file_is_counted_as_a_street_file() {
        // 4 types and all crime but ASB, in 12 months, for the force and the district.
        assert_eq!(super::warm_up(), 5 * 12 * 2);
    }
}
