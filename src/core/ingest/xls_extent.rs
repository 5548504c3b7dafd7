//! How far each sheet of an Excel 97–2003 (.xls, BIFF) workbook spreads, read
//! from its records before calamine opens it. calamine reads every sheet of an
//! .xls when it opens the workbook, and makes each a dense grid from its first
//! cell to its last, having first reserved room for as many cells as the
//! sheet's DIMENSIONS record declares: a sparse sheet with one cell in A1 and
//! one at row 65,536 would be expanded into millions of cells before any limit
//! of ours could apply. This scan only reads positions; it allocates nothing
//! per cell.

/// One sheet's extent, as calamine would allocate it.
#[derive(Clone, Debug, PartialEq)]
pub struct SheetExtent {
    pub name: String,
    /// (rows, columns) from the first cell calamine keeps to the last.
    pub span: (u64, u64),
    /// (rows, columns) the sheet's DIMENSIONS record declares, which calamine
    /// reserves room for.
    pub declared: (u64, u64),
    /// Cell records (a MULRK record counts each of its cells).
    pub cells: u64,
}

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const BOUNDSHEET: u16 = 0x0085;
const DIMENSIONS: u16 = 0x0200;
const MULRK: u16 = 0x00BD;
/// The records calamine turns into a cell (or a formula) at the row and column
/// in their first four bytes: FORMULA, NUMBER, LABEL, BOOLERR, RK, LABELSST, RSTRING.
const CELL_RECORDS: [u16; 7] = [0x0006, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x00D6];

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

/// The records of a BIFF stream from its start: (type, data). A record cut
/// short ends the walk (calamine reports it when it reads).
fn records(stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut rest = stream;
    std::iter::from_fn(move || {
        let kind = u16_at(rest, 0)?;
        let length = u16_at(rest, 2)? as usize;
        let data = rest.get(4..4 + length)?;
        rest = &rest[4 + length..];
        Some((kind, data))
    })
}

/// Each sheet's extent, from the workbook stream (`Workbook`, or `Book` in BIFF5).
pub fn sheet_extents(stream: &[u8]) -> Result<Vec<SheetExtent>, &'static str> {
    let mut biff8 = true;
    let mut sheets = Vec::new();
    for (kind, data) in records(stream) {
        match kind {
            BOF => biff8 = u16_at(data, 0) == Some(0x0600),
            BOUNDSHEET => {
                let position = u32_at(data, 0).ok_or("a sheet's entry is cut short")? as usize;
                if data.len() < 6 || position > stream.len() {
                    return Err("a sheet's entry points outside the workbook");
                }
                sheets.push((position, sheet_name(&data[6..], biff8)));
            }
            EOF => break,
            _ => {}
        }
    }
    Ok(sheets
        .into_iter()
        .map(|(position, name)| extent(&stream[position..], name))
        .collect())
}

/// A BIFF8 short string: a length, a flag byte saying whether the characters
/// are two bytes each, then the characters; earlier versions: a length and bytes.
fn sheet_name(data: &[u8], biff8: bool) -> String {
    let Some(&length) = data.first() else {
        return String::new();
    };
    let length = length as usize;
    let wide = biff8 && data.get(1).is_some_and(|flags| flags & 1 == 1);
    let chars = &data[if biff8 { 2 } else { 1 }.min(data.len())..];
    let name = if wide {
        let units: Vec<u16> = chars
            .chunks_exact(2)
            .take(length)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        chars.iter().take(length).map(|&b| b as char).collect()
    };
    name.replace('\0', "")
}

/// A sheet's substream, read as calamine reads it: the sheet's own records up to
/// its EOF, skipping the substreams nested in it (an embedded chart's records).
fn extent(substream: &[u8], name: String) -> SheetExtent {
    let mut bounds: Option<(u32, u32, u32, u32)> = None;
    let mut include = |row: u32, col: u32| {
        bounds = Some(match bounds {
            None => (row, col, row, col),
            Some((top, left, bottom, right)) => {
                (top.min(row), left.min(col), bottom.max(row), right.max(col))
            }
        });
    };
    let mut declared = (0, 0);
    let mut cells = 0u64;
    let mut seen_bof = false;
    let mut depth = 0usize;
    for (kind, data) in records(substream) {
        if depth > 0 {
            match kind {
                BOF => depth += 1,
                EOF => depth -= 1,
                _ => {}
            }
            continue;
        }
        match kind {
            BOF if seen_bof => depth += 1,
            BOF => seen_bof = true,
            EOF => break,
            DIMENSIONS => declared = dimensions(data).unwrap_or(declared),
            MULRK => {
                let (Some(row), Some(first)) = (u16_at(data, 0), u16_at(data, 2)) else {
                    continue;
                };
                let Some(last) = data.len().checked_sub(2).and_then(|at| u16_at(data, at)) else {
                    continue;
                };
                if last >= first {
                    include(row as u32, first as u32);
                    include(row as u32, last as u32);
                    cells += (last - first) as u64 + 1;
                }
            }
            kind if CELL_RECORDS.contains(&kind) => {
                if let (Some(row), Some(col)) = (u16_at(data, 0), u16_at(data, 2)) {
                    include(row as u32, col as u32);
                    cells += 1;
                }
            }
            _ => {}
        }
    }
    let span = bounds.map_or((0, 0), |(top, left, bottom, right)| {
        ((bottom - top) as u64 + 1, (right - left) as u64 + 1)
    });
    SheetExtent {
        name,
        span,
        declared,
        cells,
    }
}

/// (rows, columns) as calamine computes them from a DIMENSIONS record, in its
/// 32-bit arithmetic: the last row and column are stored one past the end, and
/// a first column past 255 or after the last is taken as 0.
fn dimensions(data: &[u8]) -> Option<(u64, u64)> {
    let (first_row, last_row, first_col, last_col) = match data.len() {
        10 => (
            u16_at(data, 0)? as u32,
            u16_at(data, 2)? as u32,
            u16_at(data, 4)? as u32,
            u16_at(data, 6)? as u32,
        ),
        14 | 16 => (
            u32_at(data, 0)?,
            u32_at(data, 4)?,
            u16_at(data, 8)? as u32,
            u16_at(data, 10)? as u32,
        ),
        _ => return None,
    };
    let first_col = if first_col > 0xFF || last_col < first_col {
        0
    } else {
        first_col
    };
    let (end_row, end_col) = if last_row >= 1 && last_col >= 1 {
        (last_row - 1, last_col - 1)
    } else {
        (first_row, first_col)
    };
    let rows = end_row.wrapping_sub(first_row).wrapping_add(1);
    let cols = end_col.wrapping_sub(first_col).wrapping_add(1);
    Some((rows as u64, cols as u64))
}

#[cfg(test)]
mod tests {
    use super::super::xls_fixture::{workbook_stream, SheetSpec, Value};
    use super::*;

    #[test]
    fn extents_come_from_the_cell_records_and_the_declared_dimensions() {
        let stream = workbook_stream(&[
            SheetSpec {
                name: "Crimes",
                cells: vec![(2, 1, Value::Text("Area")), (9, 4, Value::Number(3.0))],
                declared: None,
            },
            SheetSpec {
                name: "Notes",
                cells: vec![],
                declared: Some((70_000, 300)),
            },
        ]);
        assert_eq!(
            sheet_extents(&stream).unwrap(),
            vec![
                SheetExtent {
                    name: "Crimes".into(),
                    span: (8, 4),
                    declared: (10, 5),
                    cells: 2,
                },
                SheetExtent {
                    name: "Notes".into(),
                    span: (0, 0),
                    declared: (70_000, 300),
                    cells: 0,
                },
            ]
        );
        // A sheet entry pointing past the stream is damage, not a crash.
        let mut cut = stream.clone();
        cut.truncate(40);
        let at = cut.windows(2).position(|w| w == [0x85, 0x00]).unwrap();
        cut[at + 4..at + 8].copy_from_slice(&10_000u32.to_le_bytes());
        assert!(sheet_extents(&cut).is_err());
    }

    #[test]
    fn a_real_xls_has_sane_extents() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/data/real/rec-crime-1898-2002.xls"
        );
        let Ok(bytes) = std::fs::read(path) else {
            return;
        };
        let stream = super::super::compound_file::read_stream(&bytes, &["Workbook", "Book"])
            .unwrap()
            .unwrap();
        let sheets = sheet_extents(&stream).unwrap();
        assert!(sheets.iter().any(|s| s.cells > 0), "{sheets:?}");
        for sheet in &sheets {
            assert!(sheet.span.0 <= 65_536 && sheet.span.1 <= 256, "{sheet:?}");
        }
    }
}
