//! The zip container of `.docx`, `.xlsx` and `.ods` files, written by hand:
//! entries deflated in the order given, with a fixed timestamp so the same
//! document always gives the same bytes. The `zip` crate's writer would also
//! bring a second compressor (zopfli) into the app for no gain.

use flate2::write::DeflateEncoder;
use flate2::Compression;
use std::io::Write;

/// 1 January 2016, 00:00, in MS-DOS form: the browser gives the zip no clock.
const DOS_DATE: u16 = ((2016 - 1980) << 9) | (1 << 5) | 1;
const DOS_TIME: u16 = 0;
/// Zip 2.0: deflate.
const VERSION: u16 = 20;
const DEFLATED: u16 = 8;
/// The attributes below are Unix file modes.
const MADE_ON_UNIX: u16 = 3 << 8;
/// Entry names are UTF-8.
const UTF8_NAMES: u16 = 1 << 11;

struct Entry {
    name: String,
    name_len: u16,
    crc: u32,
    compressed: u32,
    size: u32,
    offset: u32,
}

impl Entry {
    /// The fields the local header and the central directory record repeat,
    /// from "version needed" to the name's length.
    fn write_shared_fields(&self, out: &mut Vec<u8>) {
        u16le(out, VERSION);
        u16le(out, UTF8_NAMES);
        u16le(out, DEFLATED);
        u16le(out, DOS_TIME);
        u16le(out, DOS_DATE);
        u32le(out, self.crc);
        u32le(out, self.compressed);
        u32le(out, self.size);
        u16le(out, self.name_len);
    }
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

fn u16le(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn u32le(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn too_big(name: &str) -> String {
    format!("{name} is larger than a zip file without extensions can hold (4 GB)")
}

/// A part of a zip: its name, its bytes, and those bytes deflated (raw
/// deflate, no header). The page deflates with the browser's own
/// `CompressionStream` (`browser::deflate_raw`), so it carries no compressor.
pub(crate) struct DeflatedPart {
    pub name: String,
    pub bytes: Vec<u8>,
    pub deflated: Vec<u8>,
}

/// A zip of `parts` (name, bytes) in the order given, deflated here.
pub(crate) fn zip_parts(parts: &[(String, Vec<u8>)]) -> Result<Vec<u8>, String> {
    let deflated = parts
        .iter()
        .map(|(name, bytes)| {
            let mut encoder = DeflateEncoder::new(Vec::new(), Compression::default());
            encoder
                .write_all(bytes)
                .map_err(|e| format!("could not compress {name}: {e}"))?;
            let deflated = encoder
                .finish()
                .map_err(|e| format!("could not compress {name}: {e}"))?;
            Ok(DeflatedPart {
                name: name.clone(),
                bytes: bytes.clone(),
                deflated,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    zip_deflated(&deflated)
}

/// A zip of parts already deflated, in the order given.
pub(crate) fn zip_deflated(parts: &[DeflatedPart]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut entries = Vec::with_capacity(parts.len());
    for DeflatedPart {
        name,
        bytes,
        deflated,
    } in parts
    {
        let entry = Entry {
            name: name.clone(),
            name_len: u16::try_from(name.len()).map_err(|_| too_big(name))?,
            crc: crc32(bytes),
            compressed: u32::try_from(deflated.len()).map_err(|_| too_big(name))?,
            size: u32::try_from(bytes.len()).map_err(|_| too_big(name))?,
            offset: u32::try_from(out.len()).map_err(|_| too_big(name))?,
        };
        u32le(&mut out, 0x0403_4b50);
        entry.write_shared_fields(&mut out);
        u16le(&mut out, 0); // extra field
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(deflated);
        entries.push(entry);
    }
    let directory_at = u32::try_from(out.len()).map_err(|_| too_big("the file"))?;
    for e in &entries {
        u32le(&mut out, 0x0201_4b50);
        u16le(&mut out, MADE_ON_UNIX | VERSION);
        e.write_shared_fields(&mut out);
        u16le(&mut out, 0); // extra field
        u16le(&mut out, 0); // comment
        u16le(&mut out, 0); // disk
        u16le(&mut out, 0); // internal attributes
        u32le(&mut out, 0o100644 << 16); // a regular file, rw-r--r--
        u32le(&mut out, e.offset);
        out.extend_from_slice(e.name.as_bytes());
    }
    let directory_size = u32::try_from(out.len()).map_err(|_| too_big("the file"))? - directory_at;
    let count =
        u16::try_from(entries.len()).map_err(|_| "too many parts for one file".to_string())?;
    u32le(&mut out, 0x0605_4b50);
    u16le(&mut out, 0);
    u16le(&mut out, 0);
    u16le(&mut out, count);
    u16le(&mut out, count);
    u32le(&mut out, directory_size);
    u32le(&mut out, directory_at);
    u16le(&mut out, 0);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Read};

    #[test]
    fn crc_of_the_check_string() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    /// What is written reads back through the zip reader the importer uses.
    #[test]
    fn parts_read_back_in_order_with_their_bytes() {
        let parts = vec![
            ("[Content_Types].xml".to_string(), b"<Types/>".to_vec()),
            (
                "word/document.xml".to_string(),
                "Café ".repeat(1000).into_bytes(),
            ),
            ("empty".to_string(), Vec::new()),
        ];
        let bytes = zip_parts(&parts).unwrap();
        assert_eq!(bytes, zip_parts(&parts).unwrap());
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        assert_eq!(archive.len(), 3);
        for (i, (name, expected)) in parts.iter().enumerate() {
            let mut entry = archive.by_index(i).unwrap();
            assert_eq!(entry.name().unwrap(), name.as_str());
            assert_eq!(entry.unix_mode(), Some(0o100644));
            let mut read = Vec::new();
            entry.read_to_end(&mut read).unwrap();
            assert_eq!(&read, expected);
        }
    }
}
