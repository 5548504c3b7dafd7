//! A minimal Excel 97–2003 (.xls, BIFF8) writer for tests: nothing else here
//! writes BIFF, and the limits on .xls need workbooks of chosen shapes (a
//! sparse sheet with cells far apart, a DIMENSIONS record declaring more than
//! the sheet holds). It writes what calamine needs and no more: a compound file
//! holding a `Workbook` stream of BOF, BOUNDSHEET and EOF records, then per
//! sheet BOF, DIMENSIONS, NUMBER and LABEL records and EOF.

/// A cell to write: a number or a text.
pub enum Value<'a> {
    Number(f64),
    Text(&'a str),
}

/// One sheet: its name, its cells (row, column, value) and, if given, the
/// (rows, columns) its DIMENSIONS record declares instead of the cells' own.
pub struct SheetSpec<'a> {
    pub name: &'a str,
    pub cells: Vec<(u16, u16, Value<'a>)>,
    pub declared: Option<(u32, u16)>,
}

fn record(out: &mut Vec<u8>, kind: u16, data: &[u8]) {
    out.extend_from_slice(&kind.to_le_bytes());
    out.extend_from_slice(&(data.len() as u16).to_le_bytes());
    out.extend_from_slice(data);
}

fn bof(out: &mut Vec<u8>, substream: u16) {
    let mut data = Vec::new();
    data.extend_from_slice(&0x0600u16.to_le_bytes());
    data.extend_from_slice(&substream.to_le_bytes());
    data.extend_from_slice(&[0; 12]);
    record(out, 0x0809, &data);
}

/// The workbook stream of BIFF8 records.
pub fn workbook_stream(sheets: &[SheetSpec]) -> Vec<u8> {
    let mut globals = Vec::new();
    bof(&mut globals, 0x0005);
    // BOUNDSHEET records hold each sheet's offset, known once the globals' size is.
    let bound_sheet_at: Vec<usize> = sheets
        .iter()
        .map(|sheet| {
            let at = globals.len();
            let mut data = vec![0; 6];
            data.push(sheet.name.len() as u8);
            data.push(0);
            data.extend_from_slice(sheet.name.as_bytes());
            record(&mut globals, 0x0085, &data);
            at
        })
        .collect();
    record(&mut globals, 0x000A, &[]);
    let mut stream = globals;
    for (sheet, at) in sheets.iter().zip(bound_sheet_at) {
        let offset = stream.len() as u32;
        stream[at + 4..at + 8].copy_from_slice(&offset.to_le_bytes());
        bof(&mut stream, 0x0010);
        let (rows, cols) = sheet.declared.unwrap_or_else(|| {
            let rows = sheet.cells.iter().map(|c| c.0 as u32 + 1).max();
            let cols = sheet.cells.iter().map(|c| c.1.saturating_add(1)).max();
            (rows.unwrap_or(0), cols.unwrap_or(0))
        });
        let mut dimensions = Vec::new();
        dimensions.extend_from_slice(&0u32.to_le_bytes());
        dimensions.extend_from_slice(&rows.to_le_bytes());
        dimensions.extend_from_slice(&0u16.to_le_bytes());
        dimensions.extend_from_slice(&cols.to_le_bytes());
        dimensions.extend_from_slice(&0u16.to_le_bytes());
        record(&mut stream, 0x0200, &dimensions);
        for (row, col, value) in &sheet.cells {
            let mut data = Vec::new();
            data.extend_from_slice(&row.to_le_bytes());
            data.extend_from_slice(&col.to_le_bytes());
            data.extend_from_slice(&0u16.to_le_bytes());
            match value {
                Value::Number(n) => {
                    data.extend_from_slice(&n.to_le_bytes());
                    record(&mut stream, 0x0203, &data);
                }
                Value::Text(t) => {
                    data.extend_from_slice(&(t.len() as u16).to_le_bytes());
                    data.push(0);
                    data.extend_from_slice(t.as_bytes());
                    record(&mut stream, 0x0204, &data);
                }
            }
        }
        record(&mut stream, 0x000A, &[]);
    }
    stream
}

const SECTOR: usize = 512;
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const FREE: u32 = 0xFFFF_FFFF;
const FAT_SECTOR: u32 = 0xFFFF_FFFD;
const NO_STREAM: u32 = 0xFFFF_FFFF;

fn directory_entry(name: &str, kind: u8, child: u32, start: u32, size: u32) -> Vec<u8> {
    let mut entry = vec![0u8; 128];
    let units: Vec<u16> = name.encode_utf16().collect();
    for (i, unit) in units.iter().enumerate() {
        entry[2 * i..2 * i + 2].copy_from_slice(&unit.to_le_bytes());
    }
    let length = if name.is_empty() {
        0
    } else {
        2 * (units.len() as u16 + 1)
    };
    entry[64..66].copy_from_slice(&length.to_le_bytes());
    entry[66] = kind;
    entry[67] = 1;
    entry[68..72].copy_from_slice(&NO_STREAM.to_le_bytes());
    entry[72..76].copy_from_slice(&NO_STREAM.to_le_bytes());
    entry[76..80].copy_from_slice(&child.to_le_bytes());
    entry[116..120].copy_from_slice(&start.to_le_bytes());
    entry[120..124].copy_from_slice(&size.to_le_bytes());
    entry
}

/// A compound file holding `stream` as `Workbook`: in the mini stream (64-byte
/// sectors chained by a mini FAT) when it is under 4,096 bytes, as Excel stores
/// a small stream, else in 512-byte sectors of its own.
pub fn compound_file(stream: &[u8]) -> Vec<u8> {
    // One FAT sector of 512 bytes chains 126 sectors of data.
    if stream.len() > 120 * SECTOR {
        return large_compound_file(stream);
    }
    let mini = stream.len() < 4096;
    // Sector 0: the FAT; 1: the directory; then the mini FAT (if any); then data.
    let mut fat = vec![FAT_SECTOR, END_OF_CHAIN];
    let mut data_sectors = Vec::new();
    let (mut root_start, mut root_size) = (END_OF_CHAIN, 0u32);
    let (mut mini_fat_start, mut mini_fat_sectors) = (END_OF_CHAIN, 0u32);
    let mut chain = |fat: &mut Vec<u32>, bytes: &[u8]| -> u32 {
        let first = fat.len() as u32;
        let count = bytes.len().div_ceil(SECTOR).max(1);
        for i in 0..count {
            let next = if i + 1 == count {
                END_OF_CHAIN
            } else {
                first + i as u32 + 1
            };
            fat.push(next);
            let mut sector =
                bytes[(i * SECTOR).min(bytes.len())..((i + 1) * SECTOR).min(bytes.len())].to_vec();
            sector.resize(SECTOR, 0);
            data_sectors.push(sector);
        }
        first
    };
    let stream_start = if mini {
        let minis = stream.len().div_ceil(64).max(1);
        let mut mini_fat: Vec<u8> = Vec::new();
        for i in 0..minis {
            let next = if i + 1 == minis {
                END_OF_CHAIN
            } else {
                i as u32 + 1
            };
            mini_fat.extend_from_slice(&next.to_le_bytes());
        }
        mini_fat.resize(SECTOR, 0xFF);
        mini_fat_start = chain(&mut fat, &mini_fat);
        mini_fat_sectors = 1;
        let mut mini_stream = stream.to_vec();
        mini_stream.resize(minis * 64, 0);
        root_size = mini_stream.len() as u32;
        root_start = chain(&mut fat, &mini_stream);
        0
    } else {
        chain(&mut fat, stream)
    };
    assert!(
        fat.len() <= SECTOR / 4,
        "the test writer keeps to one FAT sector"
    );
    let mut out = vec![0u8; SECTOR];
    out[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    out[24..26].copy_from_slice(&0x003Eu16.to_le_bytes());
    out[26..28].copy_from_slice(&3u16.to_le_bytes());
    out[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
    out[30..32].copy_from_slice(&9u16.to_le_bytes());
    out[32..34].copy_from_slice(&6u16.to_le_bytes());
    out[44..48].copy_from_slice(&1u32.to_le_bytes());
    out[48..52].copy_from_slice(&1u32.to_le_bytes());
    out[56..60].copy_from_slice(&4096u32.to_le_bytes());
    out[60..64].copy_from_slice(&mini_fat_start.to_le_bytes());
    out[64..68].copy_from_slice(&mini_fat_sectors.to_le_bytes());
    out[68..72].copy_from_slice(&END_OF_CHAIN.to_le_bytes());
    for i in 0..109 {
        let id = if i == 0 { 0 } else { FREE };
        out[76 + 4 * i..80 + 4 * i].copy_from_slice(&id.to_le_bytes());
    }
    let mut fat_sector: Vec<u8> = fat.iter().flat_map(|id| id.to_le_bytes()).collect();
    fat_sector.resize(SECTOR, 0xFF);
    out.extend_from_slice(&fat_sector);
    let mut directory = directory_entry("Root Entry", 5, 1, root_start, root_size);
    directory.extend(directory_entry(
        "Workbook",
        2,
        NO_STREAM,
        stream_start,
        stream.len() as u32,
    ));
    directory.extend(directory_entry("", 0, NO_STREAM, 0, 0));
    directory.extend(directory_entry("", 0, NO_STREAM, 0, 0));
    out.extend_from_slice(&directory);
    for sector in data_sectors {
        out.extend_from_slice(&sector);
    }
    out
}

/// A compound file of version 4 (4,096-byte sectors) holding a large `stream`
/// as `Workbook`, for the generated inputs of `make bench`: its FAT sectors are
/// listed in the header (up to 109 of them, 1,024 sectors each, about 450 MB).
fn large_compound_file(stream: &[u8]) -> Vec<u8> {
    const BIG: usize = 4096;
    let data_sectors = stream.len().div_ceil(BIG);
    // FAT sectors first, then the directory, the root's (empty) mini stream
    // (version 4 wants one), then the stream.
    let mut fat_sectors = 1;
    while fat_sectors * (BIG / 4) < fat_sectors + 2 + data_sectors {
        fat_sectors += 1;
    }
    assert!(
        fat_sectors <= 109,
        "the header lists at most 109 FAT sectors"
    );
    let directory_at = fat_sectors as u32;
    let mini_at = directory_at + 1;
    let stream_at = mini_at + 1;
    let mut fat: Vec<u32> = vec![FAT_SECTOR; fat_sectors];
    fat.push(END_OF_CHAIN);
    fat.push(END_OF_CHAIN);
    for i in 0..data_sectors as u32 {
        fat.push(if i as usize + 1 == data_sectors {
            END_OF_CHAIN
        } else {
            stream_at + i + 1
        });
    }
    fat.resize(fat_sectors * (BIG / 4), FREE);
    let mut out = vec![0u8; BIG];
    out[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    out[24..26].copy_from_slice(&0x003Eu16.to_le_bytes());
    out[26..28].copy_from_slice(&4u16.to_le_bytes());
    out[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
    out[30..32].copy_from_slice(&12u16.to_le_bytes());
    out[32..34].copy_from_slice(&6u16.to_le_bytes());
    out[40..44].copy_from_slice(&1u32.to_le_bytes());
    out[44..48].copy_from_slice(&(fat_sectors as u32).to_le_bytes());
    out[48..52].copy_from_slice(&directory_at.to_le_bytes());
    out[56..60].copy_from_slice(&4096u32.to_le_bytes());
    out[60..64].copy_from_slice(&END_OF_CHAIN.to_le_bytes());
    out[68..72].copy_from_slice(&END_OF_CHAIN.to_le_bytes());
    for i in 0..109 {
        let id = if i < fat_sectors { i as u32 } else { FREE };
        out[76 + 4 * i..80 + 4 * i].copy_from_slice(&id.to_le_bytes());
    }
    out.extend(fat.iter().flat_map(|id| id.to_le_bytes()));
    let mut directory = directory_entry("Root Entry", 5, 1, mini_at, 0);
    directory.extend(directory_entry(
        "Workbook",
        2,
        NO_STREAM,
        stream_at,
        stream.len() as u32,
    ));
    directory.resize(BIG, 0);
    // Unused directory entries: no name, no siblings, no child.
    for entry in directory.chunks_mut(128).skip(2) {
        entry[68..80].copy_from_slice(&[0xFF; 12]);
    }
    out.extend_from_slice(&directory);
    out.extend_from_slice(&[0; BIG]);
    out.extend_from_slice(stream);
    out.resize(BIG * (1 + stream_at as usize + data_sectors), 0);
    out
}

/// An .xls of these sheets.
pub fn xls(sheets: &[SheetSpec]) -> Vec<u8> {
    compound_file(&workbook_stream(sheets))
}
