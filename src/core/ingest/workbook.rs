//! Workbook bytes → named sheets of cells, with the reader chosen from the
//! content (and the extension where the content is ambiguous) so that a
//! damaged file reports its real problem rather than "cannot detect format".

use super::cell::Cell;
use super::error::ImportError;
use super::row_grid::RowGrid;
use crate::core::date::Date;
use crate::core::format;
use calamine::{Data, DataRef, Ods, Range, Reader, Xls, Xlsb, Xlsx};
use std::io::Cursor;

/// A sheet's cells as a dense grid, and where the grid sits in the sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct Grid {
    pub rows: Vec<Vec<Cell>>,
    /// Zero-based sheet row and column of `rows[0][0]`.
    pub origin: (u32, u32),
}

impl Grid {
    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&Cell::Empty)
    }

    /// The A1 reference of a grid position, as the sheet numbers it.
    pub fn a1(&self, row: usize, col: usize) -> String {
        a1(self.origin.0 as usize + row, self.origin.1 as usize + col)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub grid: Grid,
}

/// The most cells a sheet may span before it is refused: far above any
/// partner extract (200,000 rows by 20 columns is 4 million), far below what
/// would exhaust the tab's memory.
pub(super) const MAX_CELLS: usize = 12_000_000;
/// The most cells an .xls's sheets may span together: calamine holds each
/// sheet of an .xls as a dense grid from the moment it opens it, and hands out
/// a copy of it, so an .xls is held three times over (its grid, the copy, and
/// ours) beside two copies of its bytes; 12,000,000 cells took 1.6 GB.
const MAX_XLS_CELLS: usize = 6_000_000;
/// The most text a workbook's cells may hold, counted as it is read: each cell
/// keeps its own copy of a shared string, so a few long strings used in
/// millions of cells would otherwise fill the tab.
pub(super) const MAX_TEXT_BYTES: usize = 256 << 20;
/// The most a workbook's parts may inflate to, declared in its zip directory.
const MAX_INFLATED_BYTES: u64 = 1 << 30;
/// A part that inflates more than this many times over is a zip bomb.
pub(super) const MAX_INFLATION_RATIO: u64 = 250;

enum Container {
    Zip,
    Ole,
}

pub fn read_workbook(file_name: &str, bytes: &[u8]) -> Result<Vec<Sheet>, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::new(file_name, "the file is empty (0 bytes)"));
    }
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let container = if bytes.starts_with(b"PK\x03\x04") {
        Container::Zip
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Container::Ole
    } else {
        return Err(ImportError::new(
            file_name,
            "it is not a spreadsheet workbook (.xlsx, .xlsm, .xlsb, .xls or .ods)",
        ));
    };
    if matches!(container, Container::Zip) {
        check_zip_sizes(file_name, bytes)?;
    }
    let cursor = Cursor::new(bytes);
    match (container, extension.as_str()) {
        (Container::Ole, _) => {
            super::compound_file::check(bytes).map_err(|problem| {
                ImportError::new(
                    file_name,
                    format!("it looks like an Excel 97–2003 (.xls) workbook but it is damaged ({problem})"),
                )
            })?;
            if super::compound_file::is_encrypted_package(bytes) {
                return Err(ImportError::new(
                    file_name,
                    "it is password-protected (encrypted); save it without a password and drop it again",
                ));
            }
            xls_within(file_name, bytes, MAX_XLS_CELLS)?;
            let wb: Xls<_> = calamine::open_workbook_from_rs(cursor)
                .map_err(|e| damaged(file_name, "Excel 97–2003 (.xls)", &e))?;
            sheets_of(file_name, wb)
        }
        (Container::Zip, "ods") => match calamine::open_workbook_from_rs::<Ods<_>, _>(cursor) {
            Ok(wb) => sheets_of(file_name, wb),
            Err(e) => {
                let damaged = damaged(file_name, "OpenDocument (.ods)", &e);
                let Some(compact) = ods_without_indentation(bytes) else {
                    return Err(damaged);
                };
                let wb: Ods<_> = calamine::open_workbook_from_rs(Cursor::new(compact.as_slice()))
                    .map_err(|_| damaged)?;
                sheets_of(file_name, wb)
            }
        },
        (Container::Zip, "xlsb") => {
            let wb: Xlsb<_> = calamine::open_workbook_from_rs(cursor)
                .map_err(|e| damaged(file_name, "Excel binary (.xlsb)", &e))?;
            sheets_of(file_name, wb)
        }
        (Container::Zip, _) => {
            // A zip whose extension is wrong or missing: try each zip-based format,
            // keeping the .xlsx reader's complaint if none fits.
            match calamine::open_workbook_from_rs::<Xlsx<_>, _>(cursor.clone()) {
                Ok(wb) => xlsx_sheets(file_name, wb),
                Err(xlsx_error) => {
                    if let Ok(wb) = calamine::open_workbook_from_rs::<Ods<_>, _>(cursor.clone()) {
                        return sheets_of(file_name, wb);
                    }
                    if let Ok(wb) = calamine::open_workbook_from_rs::<Xlsb<_>, _>(cursor) {
                        return sheets_of(file_name, wb);
                    }
                    Err(damaged(file_name, "Excel (.xlsx)", &xlsx_error))
                }
            }
        }
    }
}

/// The .ods again with the indentation taken out of its `content.xml`, or
/// `None` if it has none. Some writers (SheetJS among them) indent the XML for
/// people to read; calamine's reader expects nothing between a row's cells.
/// Sizes were checked before this is reached.
fn ods_without_indentation(bytes: &[u8]) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut parts = Vec::with_capacity(archive.len());
    let mut changed = false;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).ok()?;
        let name = entry.name().ok()?.to_string();
        let mut part = Vec::with_capacity(entry.size() as usize);
        entry.read_to_end(&mut part).ok()?;
        if name == "content.xml" {
            let compact = without_indentation(&part);
            changed = compact.len() != part.len();
            part = compact;
        }
        parts.push((name, part));
    }
    if !changed {
        return None;
    }
    crate::core::zip_writer::zip_parts(&parts).ok()
}

/// XML with each whitespace run that holds a line break and sits between two
/// tags removed: indentation, not content.
fn without_indentation(xml: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(xml.len());
    let mut i = 0;
    while i < xml.len() {
        let b = xml[i];
        out.push(b);
        i += 1;
        if b == b'>' {
            let start = i;
            while i < xml.len() && xml[i].is_ascii_whitespace() {
                i += 1;
            }
            let run = &xml[start..i];
            let indentation = xml.get(i) == Some(&b'<') && run.contains(&b'\n');
            if !indentation {
                out.extend_from_slice(run);
            }
        }
    }
    out
}

/// Refuses, before inflating anything, a workbook whose parts declare absurd sizes.
fn check_zip_sizes(file_name: &str, bytes: &[u8]) -> Result<(), ImportError> {
    // An unreadable directory is left for the workbook reader to report in its own words.
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let Ok(entry) = archive.by_index_raw(i) else {
            continue;
        };
        let (size, packed) = (entry.size(), entry.compressed_size().max(1));
        total = total.saturating_add(size);
        if size > 64 << 20 && size / packed > MAX_INFLATION_RATIO {
            return Err(ImportError::new(
                file_name,
                format!(
                    "its part “{}” would inflate {} times over to {} MB, which looks like a zip bomb",
                    entry.name().map(|n| n.to_string()).unwrap_or_default(),
                    size / packed,
                    size >> 20
                ),
            ));
        }
    }
    if total > MAX_INFLATED_BYTES {
        return Err(ImportError::new(
            file_name,
            format!(
                "its parts would inflate to {} MB, more than the workbench will open",
                total >> 20
            ),
        ));
    }
    Ok(())
}

/// An .xlsx sheet read cell by cell, so a sheet whose cells sit absurdly far
/// apart, or a workbook of more cells than the tab can hold, is refused at the
/// first cell past the limit rather than after everything has been read.
fn xlsx_sheets<RS: std::io::Read + std::io::Seek>(
    file_name: &str,
    workbook: Xlsx<RS>,
) -> Result<Vec<Sheet>, ImportError> {
    xlsx_sheets_within(file_name, workbook, MAX_CELLS)
}

fn xlsx_sheets_within<RS: std::io::Read + std::io::Seek>(
    file_name: &str,
    mut workbook: Xlsx<RS>,
    max_cells: usize,
) -> Result<Vec<Sheet>, ImportError> {
    let names = workbook.sheet_names();
    let mut sheets = Vec::with_capacity(names.len());
    let mut workbook_cells = 0usize;
    let mut text_bytes = 0usize;
    for name in names {
        let unreadable = |e: &dyn std::fmt::Display| {
            ImportError::new(
                file_name,
                format!("its sheet “{name}” could not be read ({e})"),
            )
        };
        let mut reader = workbook
            .worksheet_cells_reader(&name)
            .map_err(|e| unreadable(&e))?;
        let mut grid = RowGrid::new();
        while let Some(cell) = reader.next_cell().map_err(|e| unreadable(&e))? {
            let (row, col) = cell.get_position();
            let value = cell_of_ref(cell.get_value());
            if value == Cell::Empty {
                continue;
            }
            if let Cell::Text(t) | Cell::Error(t) = &value {
                text_bytes += t.len();
                if text_bytes > MAX_TEXT_BYTES {
                    return Err(too_much_text(file_name));
                }
            }
            grid.push(row, col, value);
            let (height, width) = grid.span();
            if height.saturating_mul(width) > max_cells {
                return Err(too_big(file_name, &name, height as u64, width as u64));
            }
            workbook_cells += 1;
            if workbook_cells > max_cells {
                return Err(too_many_cells(file_name, max_cells));
            }
        }
        sheets.push(Sheet {
            grid: grid.finish(),
            name,
        });
    }
    Ok(sheets)
}

pub(super) fn too_much_text(file_name: &str) -> ImportError {
    ImportError::new(
        file_name,
        format!(
            "it holds more than {} MB of text, more than the workbench will open",
            MAX_TEXT_BYTES >> 20
        ),
    )
}

/// Refuses, before calamine expands anything, an .xls whose sheets would be
/// expanded past the limits: calamine reads every sheet of an .xls as it opens
/// it, each as a dense grid from its first cell to its last, so the limits are
/// checked on the records' positions (see `xls_extent`). The sheets' spans are
/// added up, because calamine holds them all at once.
fn xls_within(file_name: &str, bytes: &[u8], max_cells: usize) -> Result<(), ImportError> {
    let damaged = |problem: &str| {
        ImportError::new(
            file_name,
            format!("it looks like an Excel 97–2003 (.xls) workbook but it is damaged ({problem})"),
        )
    };
    // No workbook stream: calamine says so in its own words.
    let Some(stream) =
        super::compound_file::read_stream(bytes, &["Workbook", "Book"]).map_err(damaged)?
    else {
        return Ok(());
    };
    let sheets = super::xls_extent::sheet_extents(&stream).map_err(damaged)?;
    let max = max_cells as u64;
    let (mut spanned, mut cells) = (0u64, 0u64);
    for sheet in &sheets {
        for (rows, columns) in [sheet.declared, sheet.span] {
            if rows.saturating_mul(columns) > max {
                return Err(too_big(file_name, &sheet.name, rows, columns));
            }
        }
        spanned = spanned.saturating_add(sheet.span.0 * sheet.span.1);
        cells = cells.saturating_add(sheet.cells);
    }
    if cells > max {
        return Err(too_many_cells(file_name, max_cells));
    }
    if spanned > max {
        return Err(ImportError::new(
            file_name,
            format!(
                "its {} sheets together span {} cells, more than the {} the workbench will open",
                format::count(sheets.len() as f64),
                format::count(spanned as f64),
                format::count(max_cells as f64)
            ),
        ));
    }
    Ok(())
}

pub(super) fn too_many_cells(file_name: &str, max_cells: usize) -> ImportError {
    ImportError::new(
        file_name,
        format!(
            "it holds more than {} filled cells, more than the workbench will open",
            format::count(max_cells as f64)
        ),
    )
}

fn too_big(file_name: &str, sheet: &str, height: u64, width: u64) -> ImportError {
    let (height, width) = (height as f64, width as f64);
    ImportError::new(
        file_name,
        format!(
            "its sheet “{sheet}” spans {} rows by {} columns, more than the workbench will open",
            format::count(height),
            format::count(width)
        ),
    )
}

fn damaged(file_name: &str, format: &str, error: &dyn std::fmt::Display) -> ImportError {
    let detail = error.to_string();
    let detail = detail.lines().next().unwrap_or("").trim_end_matches('.');
    ImportError::new(
        file_name,
        format!("it looks like an {format} workbook but it is damaged or protected ({detail})"),
    )
}

fn sheets_of<RS, R>(file_name: &str, mut workbook: R) -> Result<Vec<Sheet>, ImportError>
where
    RS: std::io::Read + std::io::Seek,
    R: Reader<RS>,
    R::Error: std::fmt::Display,
{
    let names = workbook.sheet_names();
    let mut sheets = Vec::with_capacity(names.len());
    let mut text_bytes = 0;
    for name in names {
        let range = workbook.worksheet_range(&name).map_err(|e| {
            ImportError::new(
                file_name,
                format!("its sheet “{name}” could not be read ({e})"),
            )
        })?;
        sheets.push(Sheet {
            grid: grid_of(file_name, &name, &range, &mut text_bytes)?,
            name,
        });
    }
    Ok(sheets)
}

/// `text_bytes`: the text of the workbook's sheets read so far, added to.
fn grid_of(
    file_name: &str,
    sheet: &str,
    range: &Range<Data>,
    text_bytes: &mut usize,
) -> Result<Grid, ImportError> {
    let (height, width) = range.get_size();
    if height.saturating_mul(width) > MAX_CELLS {
        return Err(too_big(file_name, sheet, height as u64, width as u64));
    }
    let origin = range.start().unwrap_or((0, 0));
    // Each row up to its last filled cell, nothing allocated past it: a sparse
    // sheet within the limit is a dense range of millions of empty cells,
    // and rows made whole then cut kept their room, doubling the peak (an
    // .xls of two cells 12,000,000 apart took 1.1 GB).
    let mut rows = Vec::with_capacity(height);
    for row in range.rows() {
        let end = row
            .iter()
            .rposition(|c| !cell_of(c).is_empty())
            .map_or(0, |last| last + 1);
        let cells: Vec<Cell> = row[..end].iter().map(cell_of).collect();
        for cell in &cells {
            if let Cell::Text(t) | Cell::Error(t) = cell {
                *text_bytes += t.len();
            }
        }
        if *text_bytes > MAX_TEXT_BYTES {
            return Err(too_much_text(file_name));
        }
        rows.push(cells);
    }
    Ok(Grid { rows, origin })
}

fn cell_of_ref(data: &DataRef) -> Cell {
    match data {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            Cell::Text(s.clone())
        }
        DataRef::SharedString(s) => Cell::Text(s.to_string()),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) => date_cell(dt),
        DataRef::Error(e) => Cell::Error(format!("{e}")),
    }
}

fn date_cell(dt: &calamine::ExcelDateTime) -> Cell {
    if !dt.is_datetime() {
        return Cell::Number(dt.as_f64());
    }
    let (y, m, d, ..) = dt.to_ymd_hms_milli();
    Date::new(y as i32, m, d)
        .map(Cell::Date)
        .unwrap_or(Cell::Number(dt.as_f64()))
}

fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => date_cell(dt),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(format!("{e}")),
    }
}

/// A1 notation for zero-based row and column: (0, 0) → "A1", (6, 27) → "AB7".
pub fn a1(row: usize, col: usize) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

/// Zero-based row and column of an A1 reference ("AB7" → (6, 27)).
pub fn parse_a1(reference: &str) -> Option<(usize, usize)> {
    let letters: String = reference
        .chars()
        .take_while(char::is_ascii_uppercase)
        .collect();
    let digits = &reference[letters.len()..];
    if letters.is_empty() || letters.len() > 3 || digits.is_empty() {
        return None;
    }
    let col = letters
        .bytes()
        .fold(0usize, |acc, b| acc * 26 + (b - b'A' + 1) as usize)
        - 1;
    let row = digits.parse::<usize>().ok()?.checked_sub(1)?;
    Some((row, col))
}

/// Whether an A1 cell lies inside an "A4:D69" range.
pub fn in_range(cell: &str, range: &str) -> bool {
    let Some((from, to)) = range.split_once(':') else {
        return false;
    };
    match (parse_a1(cell), parse_a1(from), parse_a1(to)) {
        (Some((r, c)), Some((r0, c0)), Some((r1, c1))) => {
            (r0..=r1).contains(&r) && (c0..=c1).contains(&c)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::core::dataset::Dataset;

    /// An .ods as a writer that indents its XML makes it.
    fn indented_ods() -> Vec<u8> {
        let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
  <office:body>
    <office:spreadsheet>
      <table:table table:name="Crimes">
        <table:table-row>
          <table:table-cell office:value-type="string">
            <text:p>Area</text:p>
          </table:table-cell>
          <table:table-cell office:value-type="string"><text:p>2018</text:p></table:table-cell>
        </table:table-row>
        <table:table-row>
          <table:table-cell office:value-type="string"><text:p>Ashford  North</text:p></table:table-cell>
          <table:table-cell office:value-type="float" office:value="12"><text:p>12</text:p></table:table-cell>
        </table:table-row>
      </table:table>
    </office:spreadsheet>
  </office:body>
</office:document-content>
"#;
        crate::core::zip_writer::zip_parts(&[
            (
                "mimetype".to_string(),
                b"application/vnd.oasis.opendocument.spreadsheet".to_vec(),
            ),
            (
                "META-INF/manifest.xml".to_string(),
                br#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
  <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
  <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"#
                .to_vec(),
            ),
            ("content.xml".to_string(), content.as_bytes().to_vec()),
        ])
        .unwrap()
    }

    #[test]
    fn an_ods_with_indented_xml_is_read() {
        let bytes = indented_ods();
        // calamine alone refuses it; this test says when that changes.
        let plain = calamine::open_workbook_from_rs::<Ods<_>, _>(Cursor::new(bytes.as_slice()));
        assert!(plain.is_err());
        let sheets = read_workbook("indented.ods", &bytes).unwrap();
        assert_eq!(sheets[0].name, "Crimes");
        assert_eq!(sheets[0].grid.cell(0, 0), &Cell::Text("Area".into()));
        assert_eq!(
            sheets[0].grid.cell(1, 0),
            &Cell::Text("Ashford  North".into())
        );
        assert_eq!(sheets[0].grid.cell(1, 1), &Cell::Number(12.0));
    }

    #[test]
    fn only_indentation_between_tags_goes() {
        assert_eq!(
            without_indentation(b"<a>\n  <b> x </b>\n</a><c> </c>"),
            b"<a><b> x </b></a><c> </c>"
        );
    }
    use super::*;

    #[test]
    fn a1_references() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(6, 27), "AB7");
        assert_eq!(a1(9, 25), "Z10");
        assert_eq!(a1(0, 702), "AAA1");
        assert_eq!(parse_a1("AB7"), Some((6, 27)));
        assert!(in_range("C13", "A12:C29"));
        assert!(!in_range("B9", "A12:C29"));
        assert_eq!(parse_a1("rows 2–5"), None);
    }

    /// A workbook of one sheet per list of filled cells.
    fn xlsx_of(sheets: &[&[(u32, u16)]]) -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        for cells in sheets {
            let sheet = book.add_worksheet();
            for &(row, col) in cells.iter() {
                sheet.write_number(row, col, 1.0).unwrap();
            }
        }
        book.save_to_buffer().unwrap()
    }

    #[test]
    fn an_xlsx_past_the_limits_is_refused_while_it_is_read() {
        fn open(bytes: &[u8]) -> Xlsx<Cursor<&[u8]>> {
            calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap()
        }
        // Two sheets of five filled cells are fine under a limit of ten, not
        // under nine, though each sheet alone is.
        let row: Vec<(u32, u16)> = (0..5).map(|c| (0, c)).collect();
        let bytes = xlsx_of(&[&row, &row]);
        assert!(xlsx_sheets_within("ok.xlsx", open(&bytes), 10).is_ok());
        let many = xlsx_sheets_within("many.xlsx", open(&bytes), 9).unwrap_err();
        assert_eq!(
            many.to_string(),
            "“many.xlsx” could not be imported: it holds more than 9 filled cells, more than the workbench will open."
        );
        // Two cells far apart span more than the limit, however few they are.
        let far = xlsx_of(&[&[(0, 0), (1_000_000, 100)]]);
        let refused = read_workbook("far.xlsx", &far).unwrap_err();
        assert!(
            refused
                .to_string()
                .contains("spans 1,000,001 rows by 101 columns"),
            "{refused}"
        );
    }

    /// Every cell with content at its sheet position.
    fn cells_by_position(sheets: &[Sheet]) -> Vec<(String, usize, usize, Cell)> {
        let mut out = Vec::new();
        for sheet in sheets {
            for (r, row) in sheet.grid.rows.iter().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    if !cell.is_empty() {
                        let (top, left) = sheet.grid.origin;
                        let at = (top as usize + r, left as usize + c);
                        out.push((sheet.name.clone(), at.0, at.1, cell.clone()));
                    }
                }
            }
        }
        out
    }

    /// A workbook with what real ones hold: gaps, text of spaces, dates,
    /// booleans, errors, a table that starts far from A1, long shared text.
    fn awkward_xlsx() -> Vec<u8> {
        use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
        let mut book = Workbook::new();
        let sheet = book.add_worksheet().set_name("Awkward").unwrap();
        let date = Format::new().set_num_format("dd/mm/yyyy");
        sheet.write_string(3, 4, "Area").unwrap();
        sheet.write_string(3, 5, "2019").unwrap();
        sheet.write_number(3, 7, 2020).unwrap();
        for r in 4..40u32 {
            sheet.write_string(r, 4, format!("Area {}", r % 7)).unwrap();
            if r % 5 != 0 {
                sheet.write_number(r, 5, r as f64 * 1.5).unwrap();
            }
            sheet
                .write_string(r, 6, if r % 3 == 0 { "  " } else { "x" })
                .unwrap();
            sheet.write_boolean(r, 8, r % 2 == 0).unwrap();
            let day = ExcelDateTime::from_ymd(2020, 1 + (r % 12) as u8, 1).unwrap();
            sheet.write_datetime_with_format(r, 9, &day, &date).unwrap();
        }
        sheet
            .write_string(50, 30, "A note far to the right")
            .unwrap();
        let other = book.add_worksheet().set_name("Empty").unwrap();
        other.write_string(0, 0, "").unwrap();
        let text = book.add_worksheet().set_name("Text").unwrap();
        for r in 0..20u32 {
            text.write_string(r, 0, "A long note shared by many cells of the sheet")
                .unwrap();
        }
        book.save_to_buffer().unwrap()
    }

    #[test]
    fn an_xlsx_read_row_by_row_is_what_the_range_reader_gave() {
        let real = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/real/");
        let mut inputs: Vec<(String, Vec<u8>)> = std::fs::read_dir(real)
            .expect("the real extracts sit beside the project")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
            .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
            .collect();
        for path in [
            "public/sample/csp-sample-assessment.xlsx",
            "fuzz/seeds/import_file/sample.xlsx",
        ] {
            let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
            inputs.push((path.to_string(), std::fs::read(&full).expect(path)));
        }
        inputs.push(("awkward.xlsx".to_string(), awkward_xlsx()));
        // (tests/fixtures/far-apart.xlsx is left out: the range reader
        // allocates its span whole, which is why it is read cell by cell.)
        assert!(inputs.len() >= 4);
        for (name, bytes) in &inputs {
            let open = || -> Xlsx<Cursor<&[u8]>> {
                calamine::open_workbook_from_rs(Cursor::new(bytes.as_slice())).unwrap()
            };
            let by_rows = xlsx_sheets_within(name, open(), MAX_CELLS);
            let by_range = sheets_of(name, open());
            match (by_rows, by_range) {
                (Ok(rows), Ok(range)) => {
                    let names = |s: &[Sheet]| s.iter().map(|s| s.name.clone()).collect::<Vec<_>>();
                    assert_eq!(names(&rows), names(&range), "{name}");
                    assert_eq!(
                        cells_by_position(&rows),
                        cells_by_position(&range),
                        "{name}"
                    );
                    // And what is made of them, figure by figure.
                    let dataset = |sheets: Vec<Sheet>| {
                        let mut dataset = Dataset::default();
                        for sheet in sheets {
                            let _ = super::super::add_sheet(&mut dataset, name, &sheet, &[], None);
                        }
                        serde_json::to_string(&dataset).unwrap()
                    };
                    assert_eq!(dataset(rows), dataset(range), "{name}");
                }
                // Both refuse a sheet spanning past the limit, in the same words.
                (Err(rows), Err(range)) => assert_eq!(rows.to_string(), range.to_string()),
                (rows, range) => panic!("{name}: {:?} against {:?}", rows.err(), range.err()),
            }
        }
    }

    #[test]
    fn an_xls_is_read_from_the_mini_stream_or_its_own_sectors() {
        use super::super::xls_fixture::{xls, SheetSpec, Value};
        // Two cells make a stream of under 4,096 bytes (kept in the mini
        // stream); 400 make one of its own sectors.
        for count in [2u16, 400] {
            let mut cells = vec![(0, 0, Value::Text("Area"))];
            cells.extend((1..count).map(|r| (r, 1, Value::Number(r as f64))));
            let bytes = xls(&[SheetSpec {
                name: "Crimes",
                cells,
                declared: None,
            }]);
            let sheets = read_workbook("small.xls", &bytes).unwrap();
            assert_eq!(sheets[0].name, "Crimes");
            assert_eq!(sheets[0].grid.cell(0, 0), &Cell::Text("Area".into()));
            let last = count as usize - 1;
            assert_eq!(sheets[0].grid.cell(last, 1), &Cell::Number(last as f64));
        }
    }

    #[test]
    fn a_sparse_xls_is_refused_before_calamine_expands_it() {
        use super::super::xls_fixture::{xls, SheetSpec, Value};
        // One cell in A1 and one in the last cell a BIFF8 record can address:
        // calamine would make a grid of 4,294,967,296 cells of them.
        let far = xls(&[SheetSpec {
            name: "Data",
            cells: vec![
                (0, 0, Value::Text("Area")),
                (65_535, 65_535, Value::Number(1.0)),
            ],
            declared: Some((1, 1)),
        }]);
        assert_eq!(
            read_workbook("far.xls", &far).unwrap_err().to_string(),
            "“far.xls” could not be imported: its sheet “Data” spans 65,536 rows by 65,536 columns, more than the workbench will open."
        );
        // Two cells whose DIMENSIONS record declares the whole of Excel 97's grid,
        // which calamine would reserve room for.
        let declared = xls(&[SheetSpec {
            name: "Declared",
            cells: vec![(0, 0, Value::Text("Area")), (1, 0, Value::Number(1.0))],
            declared: Some((65_536, 256)),
        }]);
        let refused = read_workbook("declared.xls", &declared)
            .unwrap_err()
            .to_string();
        assert!(
            refused.contains("“Declared” spans 65,536 rows by 256 columns"),
            "{refused}"
        );
        // Sheets each within the limit whose spans together are not: calamine
        // holds every sheet of an .xls at once.
        let corners = |name| SheetSpec {
            name,
            cells: vec![(0, 0, Value::Number(1.0)), (1, 2, Value::Number(2.0))],
            declared: None,
        };
        let bytes = xls(&[corners("One"), corners("Two")]);
        assert!(xls_within("two.xls", &bytes, 12).is_ok());
        assert_eq!(
            xls_within("two.xls", &bytes, 11).unwrap_err().to_string(),
            "“two.xls” could not be imported: its 2 sheets together span 12 cells, more than the 11 the workbench will open."
        );
        assert!(xls_within("two.xls", &bytes, 5)
            .unwrap_err()
            .to_string()
            .contains("“One” spans 2 rows by 3 columns"));
    }

    #[test]
    fn bad_bytes_give_one_sentence() {
        let empty = read_workbook("empty.xlsx", b"").unwrap_err();
        assert_eq!(
            empty.to_string(),
            "“empty.xlsx” could not be imported: the file is empty (0 bytes)."
        );
        let random = read_workbook("noise.xlsx", &[7u8; 64]).unwrap_err();
        assert!(random.to_string().contains("not a spreadsheet workbook"));
        let truncated = read_workbook("cut.xlsx", b"PK\x03\x04\x14\x00\x00\x00").unwrap_err();
        assert!(truncated.to_string().contains("damaged"), "{truncated}");
    }
}
