//! Any bytes under any of the names a user might drop: an import gives data or
//! one sentence, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 6] = ["a.xlsx", "a.xls", "a.ods", "a.csv", "a.xlsb", "a"];

fuzz_target!(|data: &[u8]| {
    let (name, bytes) = match data.split_first() {
        Some((selector, rest)) => (NAMES[*selector as usize % NAMES.len()], rest),
        None => ("a", data),
    };
    if let Err(error) = csp_workbench::core::ingest::import_file(name, bytes) {
        let sentence = error.to_string();
        assert!(sentence.ends_with('.') && !sentence.contains('\n'), "{sentence}");
    }
});
