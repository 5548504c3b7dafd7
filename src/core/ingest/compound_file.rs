//! A structural check of an OLE2 compound file (the container of .xls) before
//! calamine reads it: a damaged file can give calamine a sector chain that
//! loops, which it would follow until memory runs out. Every chain it will
//! follow is walked here once, bounded by the file's size.

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const FREE_SECTOR: u32 = 0xFFFF_FFFF;
/// Ids from here up are markers (DIFAT, FAT, end of chain, free), not sectors.
const FIRST_MARKER: u32 = 0xFFFF_FFFA;
const MINI_STREAM_CUTOFF: u64 = 4096;

fn u16_at(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

struct Container<'a> {
    bytes: &'a [u8],
    sector_size: usize,
    sectors: usize,
    fat: Vec<u32>,
}

impl Container<'_> {
    fn sector(&self, id: u32) -> Option<&[u8]> {
        let start = (id as usize)
            .checked_add(1)?
            .checked_mul(self.sector_size)?;
        self.bytes.get(start..start.checked_add(self.sector_size)?)
    }

    /// Walks a chain, failing on a sector outside the file, a marker mid-chain, or a loop.
    fn chain(&self, start: u32) -> Result<Vec<u32>, &'static str> {
        let mut seen = vec![false; self.fat.len()];
        let mut ids = Vec::new();
        let mut id = start;
        while id != END_OF_CHAIN {
            if id == FREE_SECTOR && ids.is_empty() {
                return Ok(ids);
            }
            let index = id as usize;
            if id >= FIRST_MARKER || index >= self.fat.len() || index >= self.sectors {
                return Err("a sector chain points outside the file");
            }
            if seen[index] {
                return Err("a sector chain loops back on itself");
            }
            seen[index] = true;
            ids.push(id);
            id = self.fat[index];
        }
        Ok(ids)
    }
}

/// `Ok` when every chain calamine will follow is finite and inside the file.
pub fn check(bytes: &[u8]) -> Result<(), &'static str> {
    stream_names(bytes).map(|_| ())
}

/// Whether the file is an Office document encrypted with a password: Excel
/// saves a password-protected `.xlsx` not as a zip but as a compound file
/// holding an `EncryptionInfo` and an `EncryptedPackage` stream (MS-OFFCRYPTO).
pub fn is_encrypted_package(bytes: &[u8]) -> bool {
    stream_names(bytes).is_ok_and(|names| {
        let has = |wanted: &str| names.iter().any(|n| n.eq_ignore_ascii_case(wanted));
        has("EncryptedPackage") && has("EncryptionInfo")
    })
}

/// A directory entry's name: up to 31 UTF-16 units, its length in bytes
/// (with the terminating zero) at offset 64.
fn entry_name(entry: &[u8]) -> String {
    let length = (u16_at(entry, 64) as usize).min(64);
    let units: Vec<u16> = entry[..length]
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .take_while(|u| *u != 0)
        .collect();
    String::from_utf16_lossy(&units)
}

/// The names of the file's streams and storages, once every chain calamine
/// will follow has been checked to be finite and inside the file.
pub fn stream_names(bytes: &[u8]) -> Result<Vec<String>, &'static str> {
    if bytes.len() < 512 {
        return Err("it is too short to hold a workbook");
    }
    let sector_size = match u16_at(bytes, 30) {
        9 => 512,
        12 => 4096,
        _ => return Err("its header names an unknown sector size"),
    };
    if u16_at(bytes, 32) != 6 || bytes.len() < sector_size {
        return Err("its header is damaged");
    }
    let sectors = bytes.len() / sector_size;
    let fat_sectors = u32_at(bytes, 44) as usize;
    let dir_start = u32_at(bytes, 48);
    let mini_fat_start = u32_at(bytes, 60);
    let mini_fat_sectors = u32_at(bytes, 64) as usize;
    let mut difat_id = u32_at(bytes, 68);
    if fat_sectors > sectors || mini_fat_sectors > sectors {
        return Err("its header declares more sectors than the file holds");
    }
    let mut container = Container {
        bytes,
        sector_size,
        sectors,
        fat: Vec::new(),
    };
    // The FAT's own sectors: 109 listed in the header, the rest in a DIFAT chain.
    let mut fat_ids: Vec<u32> = (0..109).map(|i| u32_at(bytes, 76 + 4 * i)).collect();
    let mut difat_steps = 0;
    while difat_id < FIRST_MARKER {
        difat_steps += 1;
        if difat_steps > sectors {
            return Err("its sector table loops back on itself");
        }
        let sector = container
            .sector(difat_id)
            .ok_or("its sector table points outside the file")?;
        let entries = sector_size / 4;
        fat_ids.extend((0..entries - 1).map(|i| u32_at(sector, 4 * i)));
        difat_id = u32_at(sector, 4 * (entries - 1));
    }
    let mut fat = Vec::new();
    for id in fat_ids.into_iter().filter(|id| *id < FIRST_MARKER) {
        let sector = container
            .sector(id)
            .ok_or("its sector table points outside the file")?;
        fat.extend((0..sector_size / 4).map(|i| u32_at(sector, 4 * i)));
    }
    container.fat = fat;

    let mut names = Vec::new();
    let directory_ids = container.chain(dir_start)?;
    if directory_ids.is_empty() {
        return Err("it has no directory of streams");
    }
    for id in directory_ids {
        let sector = container.sector(id).ok_or("its directory is cut short")?;
        for entry in sector.chunks_exact(128) {
            let kind = entry[66];
            let start = u32_at(entry, 116);
            let size = if sector_size == 512 {
                u32_at(entry, 120) as u64
            } else {
                u64::from_le_bytes(entry[120..128].try_into().unwrap_or([0xFF; 8]))
            };
            if kind == 0 {
                continue;
            }
            names.push(entry_name(entry));
            if size > bytes.len() as u64 * 64 {
                return Err("a stream declares a size far beyond the file's");
            }
            // The root entry holds the mini stream; large streams live in the FAT.
            if kind == 5 || (kind == 2 && size >= MINI_STREAM_CUTOFF) {
                container.chain(start)?;
            }
        }
    }
    if mini_fat_sectors > 0 {
        container.chain(mini_fat_start)?;
    }
    Ok(names)
}
