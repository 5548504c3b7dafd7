//! Writes the hostile workbooks `make bench` measures peak memory on (issue
//! 17, item 9: size limits are applied while reading, so peak memory stays
//! under 1 GB for any input). Generated, never committed:
//!
//! - `declares-62m-cells.xlsx`: one sheet of 1,048,576 rows by 60 columns,
//!   62,914,560 filled cells written as tersely as the format allows
//!   (`<c><v>7</v></c>`, no cell references), so its parts inflate to just
//!   under the 1 GB the bomb check allows, at a ratio well under its limit:
//!   it passes every check made before reading and must be stopped while read.
//! - `sparse-within-limit.xls`: an Excel 97–2003 sheet whose two cells span
//!   25,000 rows by 240 columns, exactly the 6,000,000-cell limit of an .xls:
//!   accepted, and expanded by calamine to a dense grid.
//! - `sparse-far.xls`: two cells at the corners of Excel 97's grid (a span of
//!   4,294,967,296 cells): refused from the records' positions.
//!
//! And the worst inputs that are accepted, each just under the 12,000,000
//! filled cells a file may hold (199,999 rows by 60 columns, 11,999,940 cells):
//!
//! - `worst-numbers.xlsx`: a table of areas down and 59 years across, every
//!   figure a number.
//! - `worst-text.xlsx`: the same grid of long texts (about 120 characters
//!   each) from the shared strings table, every cell filled.
//! - `worst.csv`: the same kind of table as text, 99,999 rows by 60 columns
//!   (5,999,940 cells), just under the 6,000,000 a text file may hold.
//! - `worst.xls`: an Excel 97–2003 sheet of 23,437 rows by 256 columns
//!   (5,999,872 cells, just under the 6,000,000 an .xls may span, all filled)
//!   of the same kind of table.
//!
//! Run: `cargo run --release --example make_memory_inputs -- target/memory-inputs`

use csp_workbench::core::ingest::xls_fixture::{xls, SheetSpec, Value};
use std::io::Write;

const ROWS: u32 = 1_048_576;
const COLUMNS: u32 = 60;

fn main() -> Result<(), String> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/memory-inputs".to_string());
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let path = format!("{dir}/declares-62m-cells.xlsx");
    write_xlsx(&path).map_err(|e| format!("{path}: {e}"))?;
    println!("{path}");
    let within = xls(&[SheetSpec {
        name: "Sparse",
        cells: vec![
            (0, 0, Value::Text("Area")),
            (24_999, 239, Value::Number(1.0)),
        ],
        declared: None,
    }]);
    let path = format!("{dir}/sparse-within-limit.xls");
    std::fs::write(&path, within).map_err(|e| format!("{path}: {e}"))?;
    println!("{path}");
    let far = xls(&[SheetSpec {
        name: "Far",
        cells: vec![
            (0, 0, Value::Text("Area")),
            (65_535, 65_535, Value::Number(1.0)),
        ],
        declared: Some((1, 1)),
    }]);
    let path = format!("{dir}/sparse-far.xls");
    std::fs::write(&path, far).map_err(|e| format!("{path}: {e}"))?;
    println!("{path}");
    for (name, write) in [
        (
            "worst-numbers.xlsx",
            write_worst_numbers as fn(&str) -> std::io::Result<()>,
        ),
        ("worst-text.xlsx", write_worst_text),
        ("worst.csv", write_worst_csv),
        ("worst.xls", write_worst_xls),
    ] {
        let path = format!("{dir}/{name}");
        write(&path).map_err(|e| format!("{path}: {e}"))?;
        println!("{path}");
    }
    Ok(())
}

/// Rows of the worst accepted tables: with the header, 199,999 rows of 60
/// cells, 11,999,940 filled cells, just under the limit of 12,000,000.
const WORST_ROWS: u32 = 199_999;
const WORST_COLUMNS: u32 = 60;

/// A figure that varies, as real ones do (and so compresses as real ones do).
fn figure(row: u32, col: u32) -> u32 {
    (row.wrapping_mul(2_654_435_761) ^ col.wrapping_mul(40_503)) % 5_000
}

fn worst_header(columns: u32) -> Vec<String> {
    let mut header = vec!["Area".to_string()];
    header.extend((1..columns).map(|c| (2_025 - columns + c).to_string()));
    header
}

fn area_name(row: u32) -> String {
    format!("Neighbourhood {row:06}")
}

fn write_worst_numbers(path: &str) -> std::io::Result<()> {
    let header = worst_header(WORST_COLUMNS);
    write_sheet_xlsx(path, &[], |r, out| {
        out.extend_from_slice(b"<row>");
        if r == 0 {
            for label in &header {
                inline_text(out, label);
            }
        } else {
            inline_text(out, &area_name(r));
            for c in 1..WORST_COLUMNS {
                out.extend_from_slice(format!("<c><v>{}</v></c>", figure(r, c)).as_bytes());
            }
        }
        out.extend_from_slice(b"</row>");
    })
}

/// Every cell a shared string of about 120 characters, 10,007 of them.
fn write_worst_text(path: &str) -> std::io::Result<()> {
    const STRINGS: u32 = 10_007;
    let strings: Vec<String> = (0..STRINGS)
        .map(|i| {
            format!(
                "Note {i:05}: figures for this neighbourhood were revised after the partner's quarterly return was checked again"
            )
        })
        .collect();
    write_sheet_xlsx(path, &strings, |r, out| {
        out.extend_from_slice(b"<row>");
        for c in 0..WORST_COLUMNS {
            let index = (r.wrapping_mul(WORST_COLUMNS) + c) % STRINGS;
            out.extend_from_slice(format!("<c t=\"s\"><v>{index}</v></c>").as_bytes());
        }
        out.extend_from_slice(b"</row>");
    })
}

fn write_worst_csv(path: &str) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    writeln!(out, "{}", worst_header(WORST_COLUMNS).join(","))?;
    let mut line = String::new();
    for r in 1..WORST_ROWS / 2 {
        line.clear();
        line.push_str(&area_name(r));
        for c in 1..WORST_COLUMNS {
            line.push_str(&format!(",{}", figure(r, c)));
        }
        writeln!(out, "{line}")?;
    }
    out.flush()
}

/// Excel 97's 256 columns, and as many rows as keep the span within the limit.
fn write_worst_xls(path: &str) -> std::io::Result<()> {
    const ROWS: u16 = 23_437;
    const COLUMNS: u16 = 256;
    let header = worst_header(COLUMNS as u32);
    let areas: Vec<String> = (1..ROWS as u32).map(area_name).collect();
    let mut cells = Vec::with_capacity(ROWS as usize * COLUMNS as usize);
    for (c, label) in header.iter().enumerate() {
        cells.push((0, c as u16, Value::Text(label)));
    }
    for r in 1..ROWS {
        cells.push((r, 0, Value::Text(&areas[r as usize - 1])));
        for c in 1..COLUMNS {
            cells.push((r, c, Value::Number(figure(r as u32, c as u32) as f64)));
        }
    }
    std::fs::write(
        path,
        xls(&[SheetSpec {
            name: "Table",
            cells,
            declared: None,
        }]),
    )
}

fn inline_text(out: &mut Vec<u8>, text: &str) {
    out.extend_from_slice(b"<c t=\"inlineStr\"><is><t>");
    out.extend_from_slice(text.as_bytes());
    out.extend_from_slice(b"</t></is></c>");
}

/// A one-sheet .xlsx of `WORST_ROWS` rows, each written by `row`, with the
/// shared strings given.
fn write_sheet_xlsx(
    path: &str,
    shared: &[String],
    mut row: impl FnMut(u32, &mut Vec<u8>),
) -> std::io::Result<()> {
    use zip::write::SimpleFileOptions;
    let file = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut zip = zip::ZipWriter::new(file);
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(6));
    let strings_type = r#"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#;
    let strings_rel = r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#;
    let parts = [
        (
            "[Content_Types].xml".to_string(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>{}</Types>"#,
                if shared.is_empty() { "" } else { strings_type }
            ),
        ),
        (
            "_rels/.rels".to_string(),
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string(),
        ),
        (
            "xl/workbook.xml".to_string(),
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Table" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string(),
        ),
        (
            "xl/_rels/workbook.xml.rels".to_string(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>{}</Relationships>"#,
                if shared.is_empty() { "" } else { strings_rel }
            ),
        ),
    ];
    for (name, text) in &parts {
        zip.start_file(name.as_str(), options)?;
        zip.write_all(text.as_bytes())?;
    }
    if !shared.is_empty() {
        zip.start_file("xl/sharedStrings.xml", options)?;
        zip.write_all(
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{}" uniqueCount="{}">"#,
                shared.len(),
                shared.len()
            )
            .as_bytes(),
        )?;
        for s in shared {
            zip.write_all(format!("<si><t>{s}</t></si>").as_bytes())?;
        }
        zip.write_all(b"</sst>")?;
    }
    zip.start_file("xl/worksheets/sheet1.xml", options.large_file(false))?;
    zip.write_all(
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:BH{WORST_ROWS}"/><sheetData>"#
        )
        .as_bytes(),
    )?;
    let mut out = Vec::new();
    for r in 0..WORST_ROWS {
        out.clear();
        row(r, &mut out);
        zip.write_all(&out)?;
    }
    zip.write_all(b"</sheetData></worksheet>")?;
    zip.finish()?;
    Ok(())
}

fn write_xlsx(path: &str) -> Result<(), Box<dyn std::error::Error>> {
    use zip::write::SimpleFileOptions;
    let file = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut zip = zip::ZipWriter::new(file);
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9));
    let parts: [(&str, &str); 4] = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Cells" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
    ];
    for (name, text) in parts {
        zip.start_file(name, options)?;
        zip.write_all(text.as_bytes())?;
    }
    zip.start_file("xl/worksheets/sheet1.xml", options.large_file(false))?;
    zip.write_all(
        br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:BH1048576"/><sheetData>"#,
    )?;
    let mut row = Vec::with_capacity(COLUMNS as usize * 16 + 16);
    for r in 0..ROWS {
        row.clear();
        row.extend_from_slice(b"<row>");
        for c in 0..COLUMNS {
            let digit = b'1' + ((r + c) % 9) as u8;
            row.extend_from_slice(b"<c><v>");
            row.push(digit);
            row.extend_from_slice(b"</v></c>");
        }
        row.extend_from_slice(b"</row>");
        zip.write_all(&row)?;
    }
    zip.write_all(b"</sheetData></worksheet>")?;
    zip.finish()?;
    Ok(())
}
