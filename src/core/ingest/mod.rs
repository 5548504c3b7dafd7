//! Import: bytes of a dropped file → workbook grid → detected tables → tidy
//! observations with provenance. Every failure is an `ImportError` naming the
//! file and the problem in one sentence; nothing here panics on any input.

mod cell;
mod error;
mod table;
mod tidy;
mod workbook;

pub use cell::{parse_number_text, Cell, ParsedText};
pub use error::ImportError;
pub use table::{detect_table, ColumnRole, DetectedTable};
pub use workbook::{read_workbook, Grid, Sheet};

use super::dataset::Dataset;

/// Imports one file as the browser and the command line both see it.
pub fn import_file(file_name: &str, bytes: &[u8]) -> Result<Dataset, ImportError> {
    let sheets = read_workbook(file_name, bytes)?;
    let mut dataset = Dataset::default();
    for sheet in &sheets {
        match detect_table(&sheet.grid) {
            Ok(table) => {
                let (observations, summary) = tidy::tidy(file_name, sheet, &table);
                dataset.observations.extend(observations);
                dataset.tables.push(summary);
            }
            Err(reason) => dataset.skipped_sheets.push((sheet.name.clone(), reason)),
        }
    }
    if dataset.tables.is_empty() {
        return Err(ImportError::new(
            file_name,
            "no sheet in it holds a table of figures with a header row",
        ));
    }
    Ok(dataset)
}
