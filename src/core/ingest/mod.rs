//! Import: bytes of a dropped file → sheets of cells → detected tables → tidy
//! observations with provenance (or counts, for record-level files; or text,
//! for lookups). Every failure is an `ImportError` naming the file and the
//! problem in one sentence; nothing here panics on any input.

mod area_column;
mod cell;
mod column_role;
mod compound_file;
mod doubts;
mod error;
mod header;
mod home_office;
mod html;
pub mod policeuk;
mod provenance;
mod recipe;
mod record_list;
mod records;
mod row_grid;
mod side_by_side;
pub mod stats19;
mod table;
mod text;
mod tidy;
mod title_measure;
pub mod unit;
mod warm_up;
mod workbook;
mod xls_extent;
/// A minimal .xls writer, for tests and the generated inputs of `make bench`.
#[doc(hidden)]
pub mod xls_fixture;
mod zip_archive;

pub use cell::{parse_number_text, Cell, ParsedText};
pub use error::ImportError;
pub use home_office::ALL_OFFENCES;
pub use provenance::{table_holds, units_of};
pub use recipe::{
    hand_signature, remember, signature, HandHeader, Recipe, RoleChoice, MAX_HAND_HEADER_ROWS,
    PREVIEW_COLUMNS, PREVIEW_ROWS,
};
pub use records::RecordKind;
pub use table::{clean_header, detect_table, find_header_row, ColumnRole, DetectedTable};
pub use tidy::AREA_NOT_STATED;
pub use warm_up::warm_up;
pub use workbook::{a1, in_range, parse_a1, Grid, Sheet};

use super::dataset::{Dataset, Lookup, SkippedSheet, SourceFile, TableShape, TableSummary};
use policeuk::LsoaDistricts;
use std::sync::Arc;

/// What a file turned out to be, from its first bytes (and its name only where
/// the bytes are ambiguous).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Workbook,
    Html,
    DelimitedText,
}

pub fn file_kind(file_name: &str, bytes: &[u8]) -> Result<FileKind, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::new(file_name, "the file is empty (0 bytes)"));
    }
    if bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
    {
        return Ok(FileKind::Workbook);
    }
    if bytes.starts_with(b"PK") {
        return Err(ImportError::new(
            file_name,
            "it looks like a zip archive but is damaged or incomplete",
        ));
    }
    if html::looks_like_html(bytes) {
        return Ok(FileKind::Html);
    }
    let sample = &bytes[..bytes.len().min(8192)];
    let utf16 = sample.starts_with(&[0xFF, 0xFE]) || sample.starts_with(&[0xFE, 0xFF]);
    let control = sample
        .iter()
        .filter(|&&b| b < 0x09 || (0x0E..0x20).contains(&b) || b == 0x7F)
        .count();
    if !utf16 && control * 100 > sample.len() {
        return Err(ImportError::new(
            file_name,
            "it is not a spreadsheet or a text table (expected .xlsx, .xlsm, .xlsb, .xls, .ods, .csv or .tsv)",
        ));
    }
    Ok(FileKind::DelimitedText)
}

fn extension(file_name: &str) -> String {
    file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// How far an import has got, for a progress bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    /// What is happening, in a few words: "Reading rows", "Finding tables in “RTI”".
    pub step: String,
    /// From 0 to 1.
    pub fraction: f64,
}

/// Reading the file takes this share of the bar; finding tables the rest.
const READING_SHARE: f64 = 0.6;

/// Every sheet of a file as grids of cells, whatever the format.
pub fn read_sheets(file_name: &str, bytes: &[u8]) -> Result<Vec<Sheet>, ImportError> {
    read_sheets_with_progress(file_name, bytes, &mut |_| {})
}

fn read_sheets_with_progress(
    file_name: &str,
    bytes: &[u8],
    progress: &mut dyn FnMut(Progress),
) -> Result<Vec<Sheet>, ImportError> {
    match file_kind(file_name, bytes)? {
        FileKind::Workbook => workbook::read_workbook(file_name, bytes),
        FileKind::Html => {
            let (text, _) = text::decode(bytes);
            let grids = html::read_html_tables(&text);
            if grids.is_empty() {
                return Err(ImportError::new(
                    file_name,
                    "it is a web page with no table in it",
                ));
            }
            Ok(grids
                .into_iter()
                .enumerate()
                .map(|(i, grid)| Sheet {
                    name: format!("Table {}", i + 1),
                    grid,
                })
                .collect())
        }
        FileKind::DelimitedText => {
            let ext = extension(file_name);
            let grid = text::read_delimited(file_name, bytes, &ext, &mut |done| {
                progress(Progress {
                    step: "Reading rows".to_string(),
                    fraction: done * READING_SHARE,
                })
            })?;
            Ok(vec![Sheet {
                name: sheet_name_of_text(&ext).to_string(),
                grid,
            }])
        }
    }
}

/// What was found in one sheet.
pub enum SheetContent {
    Tables(Vec<DetectedTable>),
    Records {
        header_row: usize,
        kind: RecordKind,
        header: Vec<String>,
    },
    /// A Home Office recorded crime table: offences summed by group and area.
    Offences {
        header_row: usize,
        columns: home_office::Columns,
        header: Vec<String>,
    },
    Nothing(String),
}

/// How many numbers a sheet holds.
fn numbers_in(sheet: &Sheet) -> usize {
    sheet
        .grid
        .rows
        .iter()
        .flatten()
        .filter(|c| matches!(c.figure(), ParsedText::Number { .. }))
        .count()
}

/// More numbers than this on a sheet where no table was found are figures
/// the user may want: named in the reason, and the sheet offered for mapping by hand.
const STRAY_NUMBERS: usize = 3;

/// Figures on a sheet where no table was found are named in the reason, so
/// nothing is dropped without saying so.
fn unread_figures(sheet: &Sheet, reason: String) -> SheetContent {
    SheetContent::Nothing(match numbers_in(sheet) {
        n if n <= STRAY_NUMBERS => reason,
        n => format!("{reason}; it holds {n} numbers that were not read"),
    })
}

pub fn detect_sheet(file_name: &str, sheet: &Sheet, recipes: &[Recipe]) -> SheetContent {
    // Where no table is found, the user's mapping by hand says where it is.
    let by_hand =
        |reason: String| match table::hand_mapped(&sheet.grid, &sheet.name, file_name, recipes) {
            Some(Ok(table)) => SheetContent::Tables(vec![table]),
            Some(Err(why)) => unread_figures(
                sheet,
                format!("{reason}, and your mapping by hand could not be applied ({why})"),
            ),
            None => unread_figures(sheet, reason),
        };
    let Some(header_row) = find_header_row(&sheet.grid) else {
        return by_hand("no header row above a row of figures".into());
    };
    let header: Vec<String> = sheet.grid.rows[header_row]
        .iter()
        .map(|c| table::clean_header(&c.text()))
        .collect();
    if let Some(columns) = home_office::recognise(&header) {
        return SheetContent::Offences {
            header_row,
            columns,
            header,
        };
    }
    if let Some(kind) = records::recognise(&header) {
        return SheetContent::Records {
            header_row,
            kind,
            header,
        };
    }
    match table::detect_tables(&sheet.grid, &sheet.name, file_name, recipes) {
        Ok(tables) => SheetContent::Tables(tables),
        Err(reason) => by_hand(reason),
    }
}

/// Imports one file as the browser and the command line both see it.
pub fn import_file(file_name: &str, bytes: &[u8]) -> Result<Dataset, ImportError> {
    import_file_with_progress(file_name, bytes, &[], &mut |_| {})
}

/// The rows of a delimited file read first, to find its header and see whether
/// it is a record-level file that can be counted without holding it.
const HEAD_ROWS: usize = 1_000;

/// `import_file` with the user's saved recipes, reporting how far it has got.
/// Natively the LSOA → district lookup is read from the project's copy of the
/// asset when a file needs it; in the browser, see `import_file_with`.
pub fn import_file_with_progress(
    file_name: &str,
    bytes: &[u8],
    recipes: &[Recipe],
    progress: &mut dyn FnMut(Progress),
) -> Result<Dataset, ImportError> {
    if needs_lsoa_lookup(file_name, bytes) {
        return import_file_with(file_name, bytes, recipes, native_lsoa_lookup(), progress);
    }
    let dataset = import_file_with(file_name, bytes, recipes, None, progress)?;
    match native_lsoa_lookup() {
        Some(lsoa) if counted_without_lsoa(&dataset) => {
            import_file_with(file_name, bytes, recipes, Some(lsoa), progress)
        }
        _ => Ok(dataset),
    }
}

/// Whether an import counted street records by force only for want of the
/// LSOA → district table: a workbook whose sheet turned out to be a street
/// file (which `needs_lsoa_lookup` cannot see without reading it). The file is
/// then imported again with the table.
pub fn counted_without_lsoa(dataset: &Dataset) -> bool {
    dataset
        .tables
        .iter()
        .any(|t| t.notes.iter().any(|n| n == records::LSOA_NOT_LOADED))
}

/// The LSOA → district lookup as the command line and tests have it: the
/// asset file in the project's `public/` (or the file `CSPW_LSOA_LOOKUP`
/// names), read once. `None` in the browser, which fetches it instead.
pub fn native_lsoa_lookup() -> Option<Arc<LsoaDistricts>> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        static TABLE: std::sync::OnceLock<Option<Arc<LsoaDistricts>>> = std::sync::OnceLock::new();
        TABLE
            .get_or_init(|| {
                let path = std::env::var("CSPW_LSOA_LOOKUP").unwrap_or_else(|_| {
                    format!(
                        "{}/public/{}",
                        env!("CARGO_MANIFEST_DIR"),
                        policeuk::LSOA_ASSET_PATH
                    )
                });
                let text = std::fs::read_to_string(path).ok()?;
                LsoaDistricts::parse(&text).ok().map(Arc::new)
            })
            .clone()
    }
    #[cfg(target_arch = "wasm32")]
    {
        None
    }
}

/// Whether importing this file would count records by LSOA, so the LSOA →
/// district lookup should be had first: a zip of data files (a police.uk
/// download) or a delimited street file whose header names an LSOA.
pub fn needs_lsoa_lookup(file_name: &str, bytes: &[u8]) -> bool {
    match file_kind(file_name, bytes) {
        Ok(FileKind::Workbook) => zip_archive::is_data_archive(bytes),
        Ok(FileKind::DelimitedText) => delimited_header(file_name, bytes).is_some_and(|h| {
            records::recognise(&h) == Some(RecordKind::StreetCrime) && policeuk::has_lsoa(&h)
        }),
        _ => false,
    }
}

/// Imports a folder on disk as a dropped folder is imported in the browser:
/// a police.uk download's `YYYY-MM/` folders of CSV files.
pub fn import_folder(path: &std::path::Path) -> Result<Dataset, ImportError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| path.display().to_string());
    let mut folder =
        policeuk::Folder::open(path).map_err(|problem| ImportError::new(&name, problem))?;
    policeuk::import_archive(&name, &mut folder, native_lsoa_lookup(), &mut |_| {})
}

/// The cleaned first row of a delimited file, if it can be read.
fn delimited_header(file_name: &str, bytes: &[u8]) -> Option<Vec<String>> {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let text = text::Delimited::open(file_name, head, &extension(file_name)).ok()?;
    let grid = text.grid(file_name, Some(1), &mut |_| {}).ok()?;
    Some(
        grid.rows
            .first()?
            .iter()
            .map(|c| table::clean_header(&c.text()))
            .collect(),
    )
}

/// `import_file_with_progress` with the LSOA → district lookup given (the
/// import worker fetches it when `needs_lsoa_lookup` says so).
pub fn import_file_with(
    file_name: &str,
    bytes: &[u8],
    recipes: &[Recipe],
    lsoa: Option<Arc<LsoaDistricts>>,
    progress: &mut dyn FnMut(Progress),
) -> Result<Dataset, ImportError> {
    progress(Progress {
        step: "Reading the file".to_string(),
        fraction: 0.0,
    });
    let kind = file_kind(file_name, bytes)?;
    if kind == FileKind::Workbook && zip_archive::is_data_archive(bytes) {
        let mut archive = zip_archive::ZipEntries::open(file_name, bytes)?;
        return policeuk::import_archive(file_name, &mut archive, lsoa, progress);
    }
    if kind == FileKind::DelimitedText {
        let header = delimited_header(file_name, bytes).unwrap_or_default();
        // An older STATS19 casualty file has no year: its collisions' dates and
        // districts are in the collision file, without which it cannot be counted.
        if stats19::is_casualties(&header) && records::recognise(&header).is_none() {
            return Err(ImportError::new(
                file_name,
                "it is a STATS19 casualty file with no year or date: each casualty's date and district are in the collision (accident) file, so drop both files together, or in one zip",
            ));
        }
        if policeuk::recognise(&header)
            && records::recognise(&header) != Some(RecordKind::StreetCrime)
        {
            let mut one = policeuk::OneFile {
                name: file_name.to_string(),
                bytes: Some(bytes),
            };
            return policeuk::import_archive(file_name, &mut one, lsoa, progress);
        }
    }
    let mut dataset = Dataset::default();
    let streamed = match kind {
        FileKind::DelimitedText => {
            count_delimited_records(file_name, bytes, &mut dataset, lsoa.clone(), progress)?
        }
        _ => false,
    };
    if !streamed {
        let sheets = read_sheets_with_progress(file_name, bytes, progress)?;
        let count = sheets.len();
        // Each sheet's cells are freed once its tables are read.
        for (i, sheet) in sheets.into_iter().enumerate() {
            progress(Progress {
                step: format!("Finding tables in “{}”", sheet.name),
                fraction: READING_SHARE + (1.0 - READING_SHARE) * i as f64 / count as f64,
            });
            add_sheet(&mut dataset, file_name, &sheet, recipes, lsoa.clone())?;
        }
    }
    qualify_shared_measure_names(&mut dataset);
    // A file whose sheets hold figures but no table the workbench could find
    // is kept, with those sheets listed, so the user can map them by hand.
    let to_map_by_hand = dataset.skipped_sheets.iter().any(|s| s.preview.is_some());
    if dataset.tables.is_empty() && !to_map_by_hand {
        let reason = match dataset.skipped_sheets.as_slice() {
            [only] => format!("it holds no table of figures ({})", only.reason),
            _ => "no sheet in it holds a table of figures with a header row".to_string(),
        };
        return Err(ImportError::new(file_name, reason));
    }
    // The file's identity is its content, so a re-dropped file replaces itself
    // and another file that shares its name does not (`Dataset::merge_import`).
    dataset.files.push(SourceFile {
        name: file_name.to_string(),
        original: file_name.to_string(),
        content: super::content_hash::content_hash(bytes),
    });
    Ok(dataset)
}

/// A large record-level text file (a year of street crimes is a million rows)
/// is counted as it is read, never held as a grid. `false` when the file is
/// small enough to read whole or is not record-level: then it is read as a grid.
fn count_delimited_records(
    file_name: &str,
    bytes: &[u8],
    dataset: &mut Dataset,
    lsoa: Option<Arc<LsoaDistricts>>,
    progress: &mut dyn FnMut(Progress),
) -> Result<bool, ImportError> {
    let ext = extension(file_name);
    let text = text::Delimited::open(file_name, bytes, &ext)?;
    let head = Sheet {
        name: sheet_name_of_text(&ext).to_string(),
        grid: text.grid(file_name, Some(HEAD_ROWS), &mut |_| {})?,
    };
    if head.grid.rows.len() < HEAD_ROWS {
        return Ok(false);
    }
    let (header_row, kind, header) = match detect_sheet(file_name, &head, &[]) {
        SheetContent::Records {
            header_row,
            kind,
            header,
        } => (header_row, kind, header),
        SheetContent::Offences {
            header_row,
            columns,
            header,
        } => {
            let mut counter = home_office::OffenceCounter::new(columns);
            let last_row =
                text.count_records(file_name, header_row, &mut counter, &mut |done| {
                    progress(Progress {
                        step: "Summing offences".to_string(),
                        fraction: done,
                    })
                })?;
            let range = home_office::streamed_range(last_row, header.len());
            let (observations, summary) = counter.finish(file_name, &head.name, range, &header);
            push_table(dataset, observations, summary);
            return Ok(true);
        }
        _ => return Ok(false),
    };
    let Some(counter) = records::RecordCounter::new(kind, &header) else {
        return Ok(false);
    };
    let mut counter = counter.with_lsoa(lsoa);
    let last_row = text.count_records(file_name, header_row, &mut counter, &mut |done| {
        progress(Progress {
            step: "Counting records".to_string(),
            fraction: done,
        })
    })?;
    dataset
        .lsoa_tallies
        .extend(counter.take_lsoa_tally(file_name));
    let (observations, summary) =
        counter.finish(file_name, &head.name, (0, 0), header_row, last_row, &header);
    add_records(dataset, file_name, &head.name, kind, observations, summary);
    Ok(true)
}

fn sheet_name_of_text(extension: &str) -> &'static str {
    if extension == "tsv" {
        "TSV"
    } else {
        "CSV"
    }
}

/// The most figures (and lookup cells) one file may give: ten times the
/// largest real extract we have (rec-crime-pfa.csv, 46,469; two years of the
/// national partnership table give 85,408), and as many as the whole tab (worker,
/// page, assessment and storage) holds under 1 GB: measured with
/// `tools/tab-peak.mjs`, 499,200 figures of 12,800 measures peaked at 914 MB,
/// where 990,000 figures had peaked at 1,361 MB.
const MAX_FIGURES: usize = 500_000;

fn too_many_figures(file_name: &str) -> ImportError {
    ImportError::new(
        file_name,
        format!(
            "it holds more than {} figures, more than the workbench will open",
            super::format::count(MAX_FIGURES as f64)
        ),
    )
}

/// Adds a table's figures to the file's: the first table's are taken as they
/// are, not copied (both copies held at once were the import's peak).
fn append_figures(dataset: &mut Dataset, observations: Vec<crate::core::dataset::Observation>) {
    if dataset.observations.is_empty() {
        dataset.observations = observations;
    } else {
        dataset.observations.extend(observations);
    }
}

/// Figures and lookup cells held so far.
fn figures_held(dataset: &Dataset) -> usize {
    dataset.observations.len()
        + dataset
            .lookups
            .iter()
            .map(|l| l.rows.len() * l.header.len().max(1))
            .sum::<usize>()
}

/// Adds what one sheet holds: its tables, its counted records, or why it was
/// skipped; refused when the file's figures pass `MAX_FIGURES`.
fn add_sheet(
    dataset: &mut Dataset,
    file_name: &str,
    sheet: &Sheet,
    recipes: &[Recipe],
    lsoa: Option<Arc<LsoaDistricts>>,
) -> Result<(), ImportError> {
    match side_by_side::parts(sheet) {
        Some(parts) => {
            for part in &parts {
                add_sheet_part(dataset, file_name, part, recipes, lsoa.clone())?;
            }
        }
        None => add_sheet_part(dataset, file_name, sheet, recipes, lsoa)?,
    }
    Ok(())
}

/// Adds what one sheet, or one of its tables side by side, holds.
fn add_sheet_part(
    dataset: &mut Dataset,
    file_name: &str,
    sheet: &Sheet,
    recipes: &[Recipe],
    lsoa: Option<Arc<LsoaDistricts>>,
) -> Result<(), ImportError> {
    add_sheet_content(dataset, file_name, sheet, recipes, lsoa)?;
    if figures_held(dataset) > MAX_FIGURES {
        return Err(too_many_figures(file_name));
    }
    Ok(())
}

fn add_sheet_content(
    dataset: &mut Dataset,
    file_name: &str,
    sheet: &Sheet,
    recipes: &[Recipe],
    lsoa: Option<Arc<LsoaDistricts>>,
) -> Result<(), ImportError> {
    match detect_sheet(file_name, sheet, recipes) {
        SheetContent::Tables(tables) => {
            for table in tables {
                let counted = match table.shape {
                    TableShape::Lookup | TableShape::WideByMeasure => {
                        record_list::read(file_name, sheet, &table)
                    }
                    _ => None,
                };
                if let Some((observations, summary)) = counted {
                    append_figures(dataset, observations);
                    dataset.tables.push(summary);
                } else if table.shape == TableShape::Lookup {
                    let room = MAX_FIGURES.saturating_sub(figures_held(dataset));
                    let (lookup, summary) = lookup_of(file_name, sheet, &table, room)
                        .ok_or_else(|| too_many_figures(file_name))?;
                    dataset.lookups.push(lookup);
                    dataset.tables.push(summary);
                } else {
                    let recipe = recipes
                        .iter()
                        .find(|r| table.recipe_applied && r.signature == table.signature);
                    let units = recipe.map(|r| r.units.as_slice()).unwrap_or(&[]);
                    let bases = recipe.map(|r| r.bases.as_slice()).unwrap_or(&[]);
                    let room = MAX_FIGURES.saturating_sub(figures_held(dataset));
                    let (observations, summary) =
                        tidy::tidy(file_name, sheet, &table, units, bases, room)
                            .map_err(|_| too_many_figures(file_name))?;
                    append_figures(dataset, observations);
                    dataset.tables.push(summary);
                }
            }
        }
        SheetContent::Records {
            header_row,
            kind,
            header,
        } => match records::aggregate(file_name, sheet, header_row, kind, &header, lsoa) {
            Some((observations, summary, tally)) => {
                dataset.lsoa_tallies.extend(tally);
                add_records(dataset, file_name, &sheet.name, kind, observations, summary)
            }
            None => add_records(dataset, file_name, &sheet.name, kind, Vec::new(), None),
        },
        SheetContent::Offences {
            header_row,
            columns,
            header,
        } => {
            let (observations, summary) =
                home_office::aggregate(file_name, sheet, header_row, columns, &header);
            push_table(dataset, observations, summary);
        }
        SheetContent::Nothing(reason) => dataset.skipped_sheets.push(SkippedSheet {
            file: file_name.to_string(),
            sheet: sheet.name.clone(),
            reason,
            preview: (numbers_in(sheet) > STRAY_NUMBERS)
                .then(|| recipe::sheet_preview(&sheet.grid)),
        }),
    }
    Ok(())
}

/// Adds a summed table, or says why it gave nothing.
fn push_table(
    dataset: &mut Dataset,
    observations: Vec<crate::core::dataset::Observation>,
    summary: TableSummary,
) {
    if observations.is_empty() {
        dataset.skipped_sheets.push(SkippedSheet {
            file: summary.file.clone(),
            sheet: summary.sheet.clone(),
            reason: "no row has a readable period and number".to_string(),
            preview: None,
        });
    } else {
        append_figures(dataset, observations);
        dataset.tables.push(summary);
    }
}

fn add_records(
    dataset: &mut Dataset,
    file_name: &str,
    sheet: &str,
    kind: RecordKind,
    observations: Vec<crate::core::dataset::Observation>,
    summary: impl Into<Option<TableSummary>>,
) {
    match summary.into() {
        Some(summary) if !observations.is_empty() => {
            append_figures(dataset, observations);
            dataset.tables.push(summary);
        }
        _ => dataset.skipped_sheets.push(SkippedSheet {
            file: file_name.to_string(),
            sheet: sheet.to_string(),
            reason: format!(
                "it looks like {} but no row has a readable period and category",
                kind.describe()
            ),
            preview: None,
        }),
    }
}

/// Sheets of one file often reuse a column name ("Number of fatalities" on
/// both the "RTI" and "Shootings" sheets); such measures are named with their
/// sheet so they stay apart.
fn qualify_shared_measure_names(dataset: &mut Dataset) {
    use std::collections::{BTreeMap, BTreeSet};
    let mut sheets_of: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for o in &dataset.observations {
        sheets_of
            .entry(o.measure.as_str())
            .or_default()
            .insert(o.source.sheet.as_str());
    }
    let shared: BTreeSet<String> = sheets_of
        .into_iter()
        .filter(|(_, sheets)| sheets.len() > 1)
        .map(|(m, _)| m.to_string())
        .collect();
    if shared.is_empty() {
        return;
    }
    for o in &mut dataset.observations {
        if shared.contains(&o.measure) {
            o.measure = format!("{} ({})", o.measure, o.source.sheet);
        }
    }
    for t in &mut dataset.tables {
        let as_read = t.measures.clone();
        for m in &mut t.measures {
            if shared.contains(m.as_str()) {
                *m = format!("{m} ({})", t.sheet);
            }
        }
        // The mapping step chooses denominators by the names the table gives.
        if let Some(mapping) = t.mapping.as_mut() {
            if t.measures != as_read && mapping.measures_read.is_empty() {
                mapping.measures_read = as_read;
            }
        }
    }
}

/// `None` when its cells are more than `room`: reading stops at the row past it.
fn lookup_of(
    file: &str,
    sheet: &Sheet,
    table: &DetectedTable,
    room: usize,
) -> Option<(Lookup, TableSummary)> {
    let columns = table.columns_in(|r| *r == ColumnRole::Label);
    let mut rows: Vec<Vec<String>> = Vec::new();
    for r in table.body.clone() {
        if rows.len() * columns.len().max(1) > room {
            return None;
        }
        rows.push(
            columns
                .iter()
                .map(|&c| sheet.grid.cell(r, c).text().trim().to_string())
                .collect(),
        );
    }
    let header: Vec<String> = columns
        .iter()
        .map(|&c| table.columns[c].label.clone())
        .collect();
    let summary = TableSummary {
        file: file.to_string(),
        sheet: sheet.name.clone(),
        range: table.range(&sheet.grid),
        shape: TableShape::Lookup,
        header: header.clone(),
        body_rows: rows.len(),
        observations: 0,
        measures: Vec::new(),
        mapping: Some(tidy::mapping_of(&sheet.grid, table)),
        reading: tidy::reading_of(table),
        notes: Vec::new(),
    };
    Some((
        Lookup {
            file: file.to_string(),
            sheet: sheet.name.clone(),
            header,
            rows,
        },
        summary,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same file counted as it streams and read whole as a grid.
    fn both_ways(name: &str, bytes: &[u8]) -> (String, String) {
        let mut streamed = Dataset::default();
        let lsoa = native_lsoa_lookup();
        assert!(lsoa.is_some(), "the LSOA lookup asset is in public/");
        let was_streamed =
            count_delimited_records(name, bytes, &mut streamed, lsoa.clone(), &mut |_| {});
        assert!(was_streamed.unwrap(), "{name} should have been streamed");
        let mut whole = Dataset::default();
        for sheet in read_sheets(name, bytes).unwrap() {
            add_sheet(&mut whole, name, &sheet, &[], lsoa.clone()).unwrap();
        }
        let json = |d: &Dataset| serde_json::to_string_pretty(d).unwrap();
        (json(&streamed), json(&whole))
    }

    /// A street file with what real ones have: quoted commas and line breaks,
    /// blank and whitespace-only lines, ASB without an ID, an unreadable month,
    /// a missing force, several forces, and a Windows-1252 byte.
    fn awkward_street_file() -> Vec<u8> {
        let types = [
            "Anti-social behaviour",
            "Burglary",
            "Violence and sexual offences",
            "Other theft",
        ];
        let mut out = b"\xEF\xBB\xBFCrime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\r\n".to_vec();
        for i in 0..2_500u32 {
            let kind = types[(i as usize * 7 + i as usize / 13) % types.len()];
            let id = if kind == "Anti-social behaviour" {
                String::new()
            } else {
                format!("{:064x}", u64::from(i) * 2_654_435_761)
            };
            let month = match i {
                100 => "not a month".to_string(),
                _ => format!("2019-{:02}", i % 12 + 1),
            };
            let force = match i % 10 {
                0 => "Essex Police",
                7 if i % 3 == 0 => "",
                _ => "Kent Police",
            };
            let outcome = if i % 5 == 0 {
                "\"Court result unavailable, \"\"see notes\"\"\nline two\""
            } else {
                "Under investigation"
            };
            out.extend_from_slice(
                format!("{id},{month},{force},{force},0.1,51.1,On or near Park Lane,E01000001,Ashford 001A,{kind},{outcome},\r\n").as_bytes(),
            );
            if i % 250 == 0 {
                out.extend_from_slice(b"\r\n , ,\t,\r\n");
            }
        }
        out
    }

    #[test]
    fn a_street_file_counted_as_it_streams_equals_the_grid() {
        let bytes = awkward_street_file();
        let (streamed, whole) = both_ways("street.csv", &bytes);
        assert_eq!(streamed, whole);
        assert!(
            streamed.contains("\"area\": \"Essex (force)\"")
                && streamed.contains("Area not stated")
        );
    }

    #[test]
    fn a_windows_1252_street_file_streams_too() {
        let bytes: Vec<u8> = String::from_utf8(awkward_street_file())
            .unwrap()
            .replace("Park Lane", "Caf\u{e9} Row")
            .trim_start_matches('\u{feff}')
            .chars()
            .map(|c| if c == '\u{e9}' { 0xE9 } else { c as u8 })
            .collect();
        assert!(std::str::from_utf8(&bytes).is_err());
        let (streamed, whole) = both_ways("street.csv", &bytes);
        assert_eq!(streamed, whole);
    }

    #[test]
    fn the_real_stats19_file_streams_to_the_same_counts() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/data/real/STATS19CasDataJan2010Dec2021forGMServers.csv"
        );
        let bytes = std::fs::read(path).expect("the real extracts sit beside the project");
        let (streamed, whole) = both_ways("stats19.csv", &bytes);
        assert_eq!(streamed, whole);
        assert!(streamed.contains("Child KSI casualties"));
    }

    #[test]
    fn a_table_stops_at_the_first_row_past_its_room_for_figures() {
        let mut csv = b"Area,2018,2019,2020\r\n".to_vec();
        for i in 0..100 {
            csv.extend_from_slice(format!("Area {i},{i},{},{}\r\n", i + 1, i + 2).as_bytes());
        }
        let sheet = read_sheets("table.csv", &csv).unwrap().remove(0);
        let SheetContent::Tables(tables) = detect_sheet("table.csv", &sheet, &[]) else {
            panic!("a table");
        };
        let tidy = |room| tidy::tidy("table.csv", &sheet, &tables[0], &[], &[], room);
        assert_eq!(tidy(300).unwrap().0.len(), 300);
        assert_eq!(tidy(299).unwrap_err(), tidy::TooManyFigures);
        // A file past the limit is refused in one sentence naming it.
        assert_eq!(
            too_many_figures("big.csv").to_string(),
            "“big.csv” could not be imported: it holds more than 500,000 figures, more than the workbench will open."
        );
    }

    #[test]
    fn a_short_or_tabular_text_file_is_read_whole() {
        let mut dataset = Dataset::default();
        let short = b"Crime ID,Month,Falls within,Crime type\r\n,2019-01,Kent Police,Burglary\r\n";
        assert!(
            !count_delimited_records("short.csv", short, &mut dataset, None, &mut |_| {}).unwrap()
        );
        let mut table = b"Area,2018,2019\r\n".to_vec();
        for i in 0..1_500 {
            table.extend_from_slice(format!("Area {i},{i},{}\r\n", i + 1).as_bytes());
        }
        assert!(
            !count_delimited_records("table.csv", &table, &mut dataset, None, &mut |_| {}).unwrap()
        );
        assert!(dataset.tables.is_empty());
    }
}
