//! Delimited text (CSV, TSV, semicolon-separated) → a grid of text cells. The
//! encoding is detected from the bytes (UTF-8 with or without BOM, UTF-16 with
//! BOM, otherwise Windows-1252, which is what Excel on Windows writes), and the
//! delimiter from how consistently it splits the first lines.

use super::cell::Cell;
use super::error::ImportError;
use super::records::{RowCounter, MAX_WANTED};
use super::workbook::Grid;
use std::borrow::Cow;

/// Text as the file meant it, and the encoding that was read. UTF-8, by far
/// the commonest, is read in place: a 250 MB street file is never copied.
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, &'static str) {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return (String::from_utf8_lossy(rest), "UTF-8 (with BOM)");
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return (
            Cow::Owned(decode_utf16(rest, u16::from_le_bytes)),
            "UTF-16LE",
        );
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return (
            Cow::Owned(decode_utf16(rest, u16::from_be_bytes)),
            "UTF-16BE",
        );
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), "UTF-8"),
        Err(_) => (
            Cow::Owned(bytes.iter().map(|&b| windows_1252(b)).collect()),
            "Windows-1252",
        ),
    }
}

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// Windows-1252 differs from Latin-1 only in 0x80–0x9F, where it has £-era
/// punctuation (curly quotes, dashes, €); undefined bytes become U+FFFD.
fn windows_1252(byte: u8) -> char {
    const HIGH: [u32; 32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ];
    match byte {
        0x80..=0x9F => char::from_u32(HIGH[(byte - 0x80) as usize]).unwrap_or('\u{FFFD}'),
        _ => byte as char,
    }
}

/// The delimiter that splits the first lines into the same number of fields, most often.
pub fn detect_delimiter(text: &str, extension: &str) -> u8 {
    if extension == "tsv" || extension == "tab" {
        return b'\t';
    }
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(30)
        .collect();
    let mut best = (b',', 0usize);
    for delimiter in [b',', b';', b'\t', b'|'] {
        let counts: Vec<usize> = lines
            .iter()
            .map(|l| fields_in_line(l, delimiter as char))
            .collect();
        let Some(&first) = counts.first() else {
            continue;
        };
        if first < 2 {
            continue;
        }
        let consistent = counts.iter().filter(|&&c| c == first).count();
        let score = consistent * first;
        if score > best.1 {
            best = (delimiter, score);
        }
    }
    best.0
}

/// Fields in one line, honouring double quotes.
fn fields_in_line(line: &str, delimiter: char) -> usize {
    let mut quoted = false;
    let mut fields = 1;
    for c in line.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if c == delimiter && !quoted {
            fields += 1;
        }
    }
    fields
}

/// The most rows a text file may have: far beyond the 1,000,000-row street files.
const MAX_ROWS: usize = 5_000_000;

/// The most filled cells a text file read whole may hold: half a workbook's,
/// as each of its cells is a text of its own (a number in a workbook is not),
/// about 64 bytes natively, 32 in the browser. A record-level file is counted
/// as it streams and never held, so this bounds only tables, which give at
/// most 500,000 figures anyway.
const MAX_CELLS: usize = 6_000_000;

/// Rows between progress reports: often enough for a smooth bar, rarely enough to cost nothing.
const ROWS_PER_REPORT: usize = 20_000;

/// A delimited file decoded, with its delimiter found, ready to be read as a
/// grid or streamed record by record.
pub struct Delimited<'a> {
    text: Cow<'a, str>,
    delimiter: u8,
}

impl<'a> Delimited<'a> {
    pub fn open(
        file_name: &str,
        bytes: &'a [u8],
        extension: &str,
    ) -> Result<Delimited<'a>, ImportError> {
        let (text, _encoding) = decode(bytes);
        if text.as_bytes().contains(&0) {
            return Err(ImportError::new(
                file_name,
                "it is not a spreadsheet or a text table: it holds binary data",
            ));
        }
        let delimiter = detect_delimiter(&text, extension);
        Ok(Delimited { text, delimiter })
    }

    fn reader(&self) -> csv::Reader<&[u8]> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(self.delimiter)
            .from_reader(self.text.as_bytes())
    }

    /// The file as a grid of text cells; at most `limit` rows when given (the
    /// head, to find and recognise the header without reading everything).
    pub fn grid(
        &self,
        file_name: &str,
        limit: Option<usize>,
        progress: &mut dyn FnMut(f64),
    ) -> Result<Grid, ImportError> {
        let mut reader = self.reader();
        let mut rows = Vec::new();
        let mut record = csv::StringRecord::new();
        // The limits on workbooks, checked row by row as the text is read.
        let (mut cells_held, mut text_held) = (0usize, 0usize);
        for i in 0.. {
            if limit.is_some_and(|limit| i >= limit) {
                break;
            }
            let more = reader.read_record(&mut record).map_err(|e| {
                ImportError::new(file_name, format!("line {} could not be read ({e})", i + 1))
            })?;
            if !more {
                break;
            }
            if i >= MAX_ROWS {
                return Err(ImportError::new(
                    file_name,
                    format!("it has more than {MAX_ROWS} rows, more than the workbench will open"),
                ));
            }
            let mut cells: Vec<Cell> = record
                .iter()
                .map(|field| {
                    if field.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(field.to_string())
                    }
                })
                .collect();
            while cells.last().is_some_and(Cell::is_empty) {
                cells.pop();
            }
            cells_held += cells.iter().filter(|c| !c.is_empty()).count();
            if cells_held > MAX_CELLS {
                return Err(super::workbook::too_many_cells(file_name, MAX_CELLS));
            }
            text_held += record.as_slice().len();
            if text_held > super::workbook::MAX_TEXT_BYTES {
                return Err(super::workbook::too_much_text(file_name));
            }
            rows.push(cells);
            if i % ROWS_PER_REPORT == ROWS_PER_REPORT - 1 {
                progress(reader.position().byte() as f64 / self.text.len().max(1) as f64);
            }
        }
        Ok(Grid {
            rows,
            origin: (0, 0),
        })
    }

    /// Counts a record-level file row by row without holding it: only the
    /// columns the counter reads are looked at. Returns the last row's index.
    pub fn count_records<C: RowCounter>(
        &self,
        file_name: &str,
        header_row: usize,
        counter: &mut C,
        progress: &mut dyn FnMut(f64),
    ) -> Result<usize, ImportError> {
        let mut reader = self.reader();
        let mut record = csv::ByteRecord::new();
        let mut rows = Rows {
            next: 0,
            header_row,
            last: 0,
        };
        while count_some(file_name, &mut reader, &mut record, counter, &mut rows)? {
            progress(reader.position().byte() as f64 / self.text.len().max(1) as f64);
        }
        Ok(rows.last)
    }
}

/// Where a count of records has got to.
struct Rows {
    next: usize,
    header_row: usize,
    last: usize,
}

/// Records counted per call of `count_some`.
const ROWS_PER_CALL: usize = 4_096;

/// Counts the next `ROWS_PER_CALL` records; `false` at the end of the file.
/// A separate function the loop calls again and again, on purpose: WebAssembly
/// engines start code in a quick baseline tier and switch a function to
/// optimised code only for its next call, so one long-running call would stay slow.
#[inline(never)]
fn count_some<C: RowCounter>(
    file_name: &str,
    reader: &mut csv::Reader<&[u8]>,
    record: &mut csv::ByteRecord,
    counter: &mut C,
    rows: &mut Rows,
) -> Result<bool, ImportError> {
    let wanted = counter.wanted();
    for _ in 0..ROWS_PER_CALL {
        let row = rows.next;
        let more = reader.read_byte_record(record).map_err(|e| {
            ImportError::new(
                file_name,
                format!("line {} could not be read ({e})", row + 1),
            )
        })?;
        if !more {
            return Ok(false);
        }
        rows.next += 1;
        rows.last = row;
        if row <= rows.header_row || record.iter().all(is_blank) {
            continue;
        }
        // The text is valid UTF-8 and fields split at ASCII delimiters and
        // quotes, so every field is valid UTF-8 too.
        let mut fields: [&str; MAX_WANTED] = [""; MAX_WANTED];
        for (slot, column) in fields.iter_mut().zip(wanted) {
            *slot = column
                .and_then(|c| record.get(c))
                .and_then(|f| std::str::from_utf8(f).ok())
                .unwrap_or("");
        }
        counter.add_fields(row, &fields);
    }
    Ok(true)
}

/// A field that would be an empty cell in the grid: nothing but whitespace.
fn is_blank(field: &[u8]) -> bool {
    // Decided by the first byte past ASCII whitespace for almost every field:
    // an ASCII one is not blank; only a field starting with another character
    // (or a vertical tab, which `str::trim` takes off) is read as text. Once a
    // row, so the row is not checked as UTF-8 a second time.
    match field.trim_ascii_start().first() {
        None => true,
        Some(b) if b.is_ascii() && *b != 0x0b => false,
        Some(_) => std::str::from_utf8(field).is_ok_and(|t| t.trim().is_empty()),
    }
}

/// The whole of a delimited file as a grid of text cells.
pub fn read_delimited(
    file_name: &str,
    bytes: &[u8],
    extension: &str,
    progress: &mut dyn FnMut(f64),
) -> Result<Grid, ImportError> {
    Delimited::open(file_name, bytes, extension)?.grid(file_name, None, progress)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        assert_eq!(decode(b"\xEF\xBB\xBFArea").0, "Area");
        assert_eq!(decode(b"\xA3100 \x96 caf\xE9").0, "£100 – café");
        assert_eq!(decode(&[0xFF, 0xFE, b'A', 0, b'b', 0]).0, "Ab");
        assert_eq!(decode("Kent – 5".as_bytes()).1, "UTF-8");
    }

    #[test]
    fn delimiters() {
        assert_eq!(detect_delimiter("a;b;c\n1;2,5;3\n", "csv"), b';');
        assert_eq!(detect_delimiter("a\tb\n1\t2\n", "txt"), b'\t');
        assert_eq!(detect_delimiter("\"a,b\",c\n1,2\n", "csv"), b',');
    }

    #[test]
    fn quoted_fields_and_crlf() {
        let grid = read_delimited(
            "t.csv",
            b"Area,Note\r\n\"Kent, county\",\"said \"\"hi\"\"\"\r\n",
            "csv",
            &mut |_| {},
        )
        .unwrap();
        assert_eq!(grid.rows[1][0], Cell::Text("Kent, county".into()));
        assert_eq!(grid.rows[1][1], Cell::Text("said \"hi\"".into()));
    }
}
