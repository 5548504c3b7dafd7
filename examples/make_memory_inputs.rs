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
//!   46,875 rows by 256 columns, exactly the 12,000,000-cell limit: accepted,
//!   and expanded by calamine to a dense grid.
//! - `sparse-far.xls`: two cells at the corners of Excel 97's grid (a span of
//!   4,294,967,296 cells): refused from the records' positions.
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
            (46_874, 255, Value::Number(1.0)),
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
