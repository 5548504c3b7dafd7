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
    /// Sectors before sector 0: the header in a file, none in the mini stream.
    header_sectors: usize,
}

impl Container<'_> {
    fn sector(&self, id: u32) -> Option<&[u8]> {
        let start = (id as usize)
            .checked_add(self.header_sectors)?
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

    /// The bytes of a chain's sectors, in order.
    fn read_chain(&self, start: u32) -> Result<Vec<u8>, &'static str> {
        let ids = self.chain(start)?;
        let mut data = Vec::with_capacity(ids.len() * self.sector_size);
        for id in ids {
            // The file's last sector may be cut short; calamine reads what is there.
            let start = (id as usize + self.header_sectors) * self.sector_size;
            let rest = self.bytes.get(start..).unwrap_or(&[]);
            data.extend_from_slice(&rest[..rest.len().min(self.sector_size)]);
        }
        Ok(data)
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
    Ok(open(bytes)?.entries.into_iter().map(|e| e.name).collect())
}

/// The bytes of the first stream named `names[0]`, or else `names[1]`… (any
/// case, as calamine looks them up), read through the checked chains; `None`
/// when the file has no such stream.
pub fn read_stream(bytes: &[u8], names: &[&str]) -> Result<Option<Vec<u8>>, &'static str> {
    let file = open(bytes)?;
    let Some(entry) = names.iter().find_map(|wanted| {
        file.entries
            .iter()
            .find(|e| e.kind == STREAM && e.name.eq_ignore_ascii_case(wanted))
    }) else {
        return Ok(None);
    };
    // A chain shorter than the declared size gives what it holds, as calamine reads it.
    let size = usize::try_from(entry.size).unwrap_or(usize::MAX);
    if entry.size >= MINI_STREAM_CUTOFF {
        let mut data = file.container.read_chain(entry.start)?;
        data.truncate(size);
        return Ok(Some(data));
    }
    // A small stream lives in the mini stream (the root entry's data), in
    // 64-byte sectors chained by the mini FAT.
    let root = file
        .entries
        .iter()
        .find(|e| e.kind == ROOT)
        .ok_or("it has no root entry")?;
    let mini_stream = file.container.read_chain(root.start)?;
    let mini_fat: Vec<u32> = file
        .container
        .read_chain(file.mini_fat_start)?
        .chunks_exact(4)
        .map(|c| u32_at(c, 0))
        .collect();
    let mini = Container {
        bytes: &mini_stream,
        sector_size: MINI_SECTOR_SIZE,
        sectors: mini_stream.len() / MINI_SECTOR_SIZE,
        fat: mini_fat,
        header_sectors: 0,
    };
    let mut data = mini.read_chain(entry.start)?;
    data.truncate(size);
    Ok(Some(data))
}

/// A directory entry: a stream, a storage or the root.
struct Entry {
    name: String,
    kind: u8,
    start: u32,
    size: u64,
}

const STREAM: u8 = 2;
const ROOT: u8 = 5;
const MINI_SECTOR_SIZE: usize = 64;

/// A compound file whose sector table and directory have been read, and
/// every chain calamine will follow checked.
struct Opened<'a> {
    container: Container<'a>,
    entries: Vec<Entry>,
    mini_fat_start: u32,
}

fn open(bytes: &[u8]) -> Result<Opened<'_>, &'static str> {
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
        header_sectors: 1,
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

    let mut entries = Vec::new();
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
            if size > bytes.len() as u64 * 64 {
                return Err("a stream declares a size far beyond the file's");
            }
            // The root entry holds the mini stream; large streams live in the FAT.
            if kind == ROOT || (kind == STREAM && size >= MINI_STREAM_CUTOFF) {
                container.chain(start)?;
            }
            entries.push(Entry {
                name: entry_name(entry),
                kind,
                start,
                size,
            });
        }
    }
    if mini_fat_sectors > 0 {
        container.chain(mini_fat_start)?;
    }
    Ok(Opened {
        container,
        entries,
        mini_fat_start,
    })
}
