//! Writes large generated workbooks for the end-to-end tests and benchmarks:
//! a 200,000-row record-level workbook shaped like a data.police.uk street file.
//!
//! Run: `cargo run --release --example make_large_fixtures -- target/fixtures`

use rust_xlsxwriter::{Workbook, XlsxError};

const ROWS: u32 = 200_000;
const TYPES: [&str; 14] = [
    "Anti-social behaviour",
    "Bicycle theft",
    "Burglary",
    "Criminal damage and arson",
    "Drugs",
    "Other crime",
    "Other theft",
    "Possession of weapons",
    "Public order",
    "Robbery",
    "Shoplifting",
    "Theft from the person",
    "Vehicle crime",
    "Violence and sexual offences",
];

fn main() -> Result<(), XlsxError> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/fixtures".to_string());
    std::fs::create_dir_all(&dir).map_err(XlsxError::IoError)?;
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Street crime")?;
    let header = [
        "Crime ID",
        "Month",
        "Reported by",
        "Falls within",
        "Longitude",
        "Latitude",
        "Location",
        "LSOA code",
        "LSOA name",
        "Crime type",
        "Last outcome category",
    ];
    for (c, label) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *label)?;
    }
    // Row i falls in month (i mod 12) + 1 and type (i div 12) mod 14, so every
    // count is known without reading the file back.
    for i in 0..ROWS {
        let row = i + 1;
        let crime_type = TYPES[(i / 12) as usize % TYPES.len()];
        if crime_type != "Anti-social behaviour" {
            sheet.write_string(
                row,
                0,
                format!("{:016x}", u64::from(i).wrapping_mul(2_654_435_761)),
            )?;
        }
        sheet.write_string(row, 1, format!("2019-{:02}", i % 12 + 1))?;
        sheet.write_string(row, 2, "Kent Police")?;
        sheet.write_string(row, 3, "Kent Police")?;
        sheet.write_number(row, 4, 0.26 + f64::from(i % 1000) / 100_000.0)?;
        sheet.write_number(row, 5, 51.13 + f64::from(i % 997) / 100_000.0)?;
        sheet.write_string(row, 6, "On or near High Street")?;
        sheet.write_string(row, 7, format!("E0100{:04}", i % 9000))?;
        sheet.write_string(row, 8, format!("Tunbridge Wells 0{:02}A", i % 20))?;
        sheet.write_string(row, 9, crime_type)?;
        sheet.write_string(row, 10, "Under investigation")?;
    }
    let path = format!("{dir}/street-200k.xlsx");
    workbook.save(&path)?;
    println!("wrote {path}");
    Ok(())
}
