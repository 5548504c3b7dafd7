//! What the generators of the committed reference assets share (`mod common;`
//! in each): their two arguments, reading ONS and MHCLG CSV files (gzipped or
//! not, with or without a byte order mark) and writing the asset.
#![allow(dead_code)] // each generator uses only some of these

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

/// One CSV row: column name → value.
pub type Row = BTreeMap<String, String>;

/// The generator's two arguments (where it reads, where it writes), or the
/// usage line naming them: `two_args("make_severity", "OFFENCES_DIR OUTPUT.tsv")`.
pub fn two_args(program: &str, names: &str) -> Result<(String, String), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [from, to] => Ok((from.clone(), to.clone())),
        _ => Err(format!("usage: {program} {names}")),
    }
}

/// A file's text; a `.gz` file is unzipped first.
pub fn read_text(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let bytes = if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes.as_slice())
            .read_to_end(&mut out)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        out
    } else {
        bytes
    };
    String::from_utf8(bytes).map_err(|_| format!("{} is not UTF-8", path.display()))
}

/// Whether the names and values of a CSV file are trimmed of spaces.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Spaces {
    Kept,
    Trimmed,
}

/// Every row of a CSV file (`read_text`), by its header's names.
pub fn csv_rows(path: &Path, spaces: Spaces) -> Result<Vec<Row>, String> {
    let text = read_text(path)?;
    let tidy = |s: &str| match spaces {
        Spaces::Kept => s.to_string(),
        Spaces::Trimmed => s.trim().to_string(),
    };
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| format!("{}: {e}", path.display()))?
        .iter()
        .map(tidy)
        .collect();
    reader
        .records()
        .map(|r| {
            let r = r.map_err(|e| format!("{}: {e}", path.display()))?;
            Ok(header.iter().cloned().zip(r.iter().map(tidy)).collect())
        })
        .collect()
}

/// Writes the asset, making its folder if need be.
pub fn write_asset(out: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(out, text).map_err(|e| format!("{}: {e}", out.display()))
}
