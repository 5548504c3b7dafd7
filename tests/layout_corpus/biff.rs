//! A small writer of Excel 97–2003 workbooks (.xls: BIFF8 records in an OLE2
//! compound file), so the layout corpus holds .xls beside .xlsx, .ods and
//! CSV. No crate available here writes BIFF8.
//!
//! It writes what a sheet of figures needs and no more: the workbook globals
//! (BOF, CODEPAGE, DATEMODE, a general and a date cell format, one BOUNDSHEET8
//! per sheet, EOF), then each sheet (BOF, DIMENSIONS, NUMBER and LABEL cells,
//! MERGEDCELLS, EOF). Text is written in LABEL records (UTF-16, as BIFF8
//! allows) rather than a shared string table, which keeps every record far
//! under BIFF8's 8,224-byte limit with no CONTINUE records. Dates are NUMBER
//! cells in the 1900 date system under the built-in "mmm-yy" format (17).
//! The compound file is version 3 (512-byte sectors) with the Workbook
//! stream padded to 4,096 bytes so it lives in ordinary sectors, not the
//! mini stream.

use super::{GSheet, V};

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const FAT_SECTOR: u32 = 0xFFFF_FFFD;
const FREE_SECTOR: u32 = 0xFFFF_FFFF;
const NO_STREAM: u32 = 0xFFFF_FFFF;
const SECTOR: usize = 512;

/// Index of the date cell format among the XF records written below.
const DATE_XF: u16 = 1;

fn record(out: &mut Vec<u8>, kind: u16, body: &[u8]) {
    assert!(body.len() <= 8224, "a BIFF8 record over its size limit");
    out.extend_from_slice(&kind.to_le_bytes());
    out.extend_from_slice(&(body.len() as u16).to_le_bytes());
    out.extend_from_slice(body);
}

fn bof(kind: u16) -> Vec<u8> {
    let mut b = Vec::new();
    b.extend_from_slice(&0x0600u16.to_le_bytes()); // BIFF8
    b.extend_from_slice(&kind.to_le_bytes());
    b.extend_from_slice(&0x0DBBu16.to_le_bytes()); // build
    b.extend_from_slice(&0x07CCu16.to_le_bytes()); // year
    b.extend_from_slice(&0u32.to_le_bytes());
    b.extend_from_slice(&0x0000_0006u32.to_le_bytes());
    b
}

fn utf16(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// An XF record pointing at a number format (the rest of the style left at zero).
fn xf(format: u16, style: bool) -> Vec<u8> {
    let mut b = vec![0u8; 20];
    b[2..4].copy_from_slice(&format.to_le_bytes());
    // fLocked, and fStyle for the style XF.
    let flags: u16 = if style { 0xFFF5 } else { 0x0001 };
    b[4..6].copy_from_slice(&flags.to_le_bytes());
    b
}

/// Days since 1899-12-30 (the 1900 date system, for dates after February 1900).
fn serial(y: i32, m: u8, d: u8) -> f64 {
    let days_from_civil = |y: i32, m: i32, d: i32| -> i64 {
        let y = if m <= 2 { y - 1 } else { y } as i64;
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp as i64 + 2) / 5 + d as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    };
    (days_from_civil(y, m as i32, d as i32) - days_from_civil(1899, 12, 30)) as f64
}

fn sheet_stream(s: &GSheet) -> Vec<u8> {
    let mut out = Vec::new();
    record(&mut out, 0x0809, &bof(0x0010));
    let rows = s.rows.len();
    let cols = s.rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut dims = Vec::new();
    dims.extend_from_slice(&0u32.to_le_bytes());
    dims.extend_from_slice(&(rows as u32).to_le_bytes());
    dims.extend_from_slice(&0u16.to_le_bytes());
    dims.extend_from_slice(&(cols as u16).to_le_bytes());
    dims.extend_from_slice(&0u16.to_le_bytes());
    record(&mut out, 0x0200, &dims);
    for (r, row) in s.rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let mut b = Vec::new();
            b.extend_from_slice(&(r as u16).to_le_bytes());
            b.extend_from_slice(&(c as u16).to_le_bytes());
            match v {
                V::E => continue,
                V::T(text) => {
                    b.extend_from_slice(&0u16.to_le_bytes());
                    b.extend_from_slice(&(text.encode_utf16().count() as u16).to_le_bytes());
                    b.push(0x01); // fHighByte: UTF-16 characters
                    b.extend_from_slice(&utf16(text));
                    record(&mut out, 0x0204, &b);
                }
                V::N(n) => {
                    b.extend_from_slice(&0u16.to_le_bytes());
                    b.extend_from_slice(&n.to_le_bytes());
                    record(&mut out, 0x0203, &b);
                }
                V::D(y, m, d) => {
                    b.extend_from_slice(&DATE_XF.to_le_bytes());
                    b.extend_from_slice(&serial(*y, *m, *d).to_le_bytes());
                    record(&mut out, 0x0203, &b);
                }
            }
        }
    }
    for chunk in s.merges.chunks(1000) {
        let mut b = Vec::new();
        b.extend_from_slice(&(chunk.len() as u16).to_le_bytes());
        for &(r1, c1, r2, c2) in chunk {
            for n in [r1, r2, c1, c2] {
                b.extend_from_slice(&(n as u16).to_le_bytes());
            }
        }
        record(&mut out, 0x00E5, &b);
    }
    record(&mut out, 0x000A, &[]);
    out
}

/// The Workbook stream: globals, then each sheet where its BOUNDSHEET8 says.
fn workbook_stream(sheets: &[GSheet]) -> Vec<u8> {
    let mut globals = Vec::new();
    record(&mut globals, 0x0809, &bof(0x0005));
    record(&mut globals, 0x0042, &1200u16.to_le_bytes()); // CODEPAGE: UTF-16
    record(&mut globals, 0x0022, &0u16.to_le_bytes()); // DATEMODE: 1900
    record(&mut globals, 0x00E0, &xf(0, false)); // XF 0: General
    record(&mut globals, 0x00E0, &xf(17, false)); // XF 1: mmm-yy
                                                  // Each BOUNDSHEET8 holds its sheet's offset, known once the globals' size is.
    let bound = |name: &str, offset: u32| {
        let mut b = Vec::new();
        b.extend_from_slice(&offset.to_le_bytes());
        b.push(0); // visible
        b.push(0); // worksheet
        b.push(name.encode_utf16().count() as u8);
        b.push(0x01);
        b.extend_from_slice(&utf16(name));
        b
    };
    let bound_len: usize = sheets.iter().map(|s| 4 + bound(&s.name, 0).len()).sum();
    let streams: Vec<Vec<u8>> = sheets.iter().map(sheet_stream).collect();
    let mut offset = globals.len() + bound_len + 4; // + the globals' EOF
    for (s, stream) in sheets.iter().zip(&streams) {
        record(&mut globals, 0x0085, &bound(&s.name, offset as u32));
        offset += stream.len();
    }
    record(&mut globals, 0x000A, &[]);
    for stream in streams {
        globals.extend(stream);
    }
    if globals.len() < 4096 {
        globals.resize(4096, 0);
    }
    globals
}

fn directory_entry(name: &str, kind: u8, child: u32, start: u32, size: u32) -> Vec<u8> {
    let mut e = vec![0u8; 128];
    let encoded = utf16(name);
    e[..encoded.len()].copy_from_slice(&encoded);
    e[64..66].copy_from_slice(&((encoded.len() + 2) as u16).to_le_bytes());
    e[66] = kind;
    e[67] = 1; // black
    e[68..72].copy_from_slice(&NO_STREAM.to_le_bytes());
    e[72..76].copy_from_slice(&NO_STREAM.to_le_bytes());
    e[76..80].copy_from_slice(&child.to_le_bytes());
    e[116..120].copy_from_slice(&start.to_le_bytes());
    e[120..124].copy_from_slice(&size.to_le_bytes());
    e
}

/// An .xls file holding `sheets`.
pub fn write_xls(sheets: &[GSheet]) -> Vec<u8> {
    let stream = workbook_stream(sheets);
    let data_sectors = stream.len().div_ceil(SECTOR);
    // FAT sectors first, then one directory sector, then the Workbook stream.
    let mut fat_sectors = 1;
    while fat_sectors * (SECTOR / 4) < fat_sectors + 1 + data_sectors {
        fat_sectors += 1;
    }
    assert!(
        fat_sectors <= 109,
        "a workbook too large for the header's DIFAT"
    );
    let dir_sector = fat_sectors as u32;
    let first_data = dir_sector + 1;

    let mut header = vec![0u8; SECTOR];
    header[..8].copy_from_slice(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
    header[24..26].copy_from_slice(&0x003Eu16.to_le_bytes());
    header[26..28].copy_from_slice(&0x0003u16.to_le_bytes());
    header[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
    header[30..32].copy_from_slice(&0x0009u16.to_le_bytes());
    header[32..34].copy_from_slice(&0x0006u16.to_le_bytes());
    header[44..48].copy_from_slice(&(fat_sectors as u32).to_le_bytes());
    header[48..52].copy_from_slice(&dir_sector.to_le_bytes());
    header[56..60].copy_from_slice(&4096u32.to_le_bytes());
    header[60..64].copy_from_slice(&END_OF_CHAIN.to_le_bytes());
    header[68..72].copy_from_slice(&END_OF_CHAIN.to_le_bytes());
    for i in 0..109 {
        let id = if i < fat_sectors {
            i as u32
        } else {
            FREE_SECTOR
        };
        header[76 + i * 4..80 + i * 4].copy_from_slice(&id.to_le_bytes());
    }

    let mut fat = vec![FREE_SECTOR; fat_sectors * SECTOR / 4];
    for entry in fat.iter_mut().take(fat_sectors) {
        *entry = FAT_SECTOR;
    }
    fat[dir_sector as usize] = END_OF_CHAIN;
    for i in 0..data_sectors {
        let id = first_data as usize + i;
        fat[id] = if i + 1 == data_sectors {
            END_OF_CHAIN
        } else {
            id as u32 + 1
        };
    }

    let mut out = header;
    out.extend(fat.iter().flat_map(|e| e.to_le_bytes()));
    out.extend(directory_entry("Root Entry", 5, 1, END_OF_CHAIN, 0));
    out.extend(directory_entry(
        "Workbook",
        2,
        NO_STREAM,
        first_data,
        stream.len() as u32,
    ));
    for _ in 0..2 {
        let mut unused = vec![0u8; 128];
        unused[68..80].copy_from_slice(&[0xFF; 12]);
        out.extend(unused);
    }
    out.extend_from_slice(&stream);
    out.resize(SECTOR * (1 + first_data as usize + data_sectors), 0);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn serial_dates_match_excel() {
        assert_eq!(super::serial(1900, 3, 1), 61.0);
        assert_eq!(super::serial(2015, 4, 1), 42095.0);
    }
}
