//! A `.zip` of data files (a police.uk custom download), read one entry at a
//! time. Sizes are checked before anything is inflated, as for workbooks: an
//! entry that would inflate absurdly (a zip bomb), or a download larger in
//! all than the workbench will count, is refused with a sentence; and no entry
//! is ever inflated past the size its directory declared.

use super::error::ImportError;
use super::policeuk::Archive;
use super::workbook::MAX_INFLATION_RATIO;
use std::io::{Cursor, Read};

/// The most all of a download's files may inflate to: a year of the largest
/// force's street, outcomes and stop-and-search files is well under this.
const MAX_ARCHIVE_BYTES: u64 = 4 << 30;
/// The most one file of it may inflate to (it is held whole while counted).
const MAX_ENTRY_BYTES: u64 = 1 << 30;
/// Entries above this size are checked for their inflation ratio.
const RATIO_CHECKED_ABOVE: u64 = 64 << 20;

/// Whether a zip holds data files (CSV) rather than being a workbook
/// (.xlsx, .xlsb and .ods are zips too).
pub fn is_data_archive(bytes: &[u8]) -> bool {
    let Ok(archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return false;
    };
    let names: Vec<String> = archive
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.to_string()))
        .collect();
    let workbook = names.iter().any(|n| {
        matches!(
            n.as_str(),
            "[Content_Types].xml" | "mimetype" | "content.xml"
        ) || n.starts_with("xl/")
    });
    !workbook && names.iter().any(|n| n.to_lowercase().ends_with(".csv"))
}

pub struct ZipEntries<'a> {
    archive: zip::ZipArchive<Cursor<&'a [u8]>>,
    paths: Vec<String>,
}

impl<'a> ZipEntries<'a> {
    pub fn open(file: &str, bytes: &'a [u8]) -> Result<ZipEntries<'a>, ImportError> {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            ImportError::new(file, format!("it is a zip archive but it is damaged ({e})"))
        })?;
        let mut total: u64 = 0;
        let mut paths = Vec::with_capacity(archive.len());
        for i in 0..archive.len() {
            let entry = archive.by_index_raw(i).map_err(|e| {
                ImportError::new(file, format!("its entry {} could not be read ({e})", i + 1))
            })?;
            let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
            let (size, packed) = (entry.size(), entry.compressed_size().max(1));
            total = total.saturating_add(size);
            if size > RATIO_CHECKED_ABOVE && size / packed > MAX_INFLATION_RATIO {
                return Err(ImportError::new(
                    file,
                    format!(
                        "its file “{name}” would inflate {} times over to {} MB, which looks like a zip bomb",
                        size / packed,
                        size >> 20
                    ),
                ));
            }
            if size > MAX_ENTRY_BYTES {
                return Err(ImportError::new(
                    file,
                    format!(
                        "its file “{name}” would inflate to {} MB, more than the workbench will open",
                        size >> 20
                    ),
                ));
            }
            paths.push(name);
        }
        if total > MAX_ARCHIVE_BYTES {
            return Err(ImportError::new(
                file,
                format!(
                    "its files would inflate to {} MB, more than the workbench will open",
                    total >> 20
                ),
            ));
        }
        Ok(ZipEntries { archive, paths })
    }
}

impl Archive for ZipEntries<'_> {
    fn paths(&self) -> Vec<String> {
        self.paths.clone()
    }

    fn read(&mut self, index: usize) -> Result<Vec<u8>, String> {
        let entry = self
            .archive
            .by_index(index)
            .map_err(|e| format!("could not be read ({e})"))?;
        let declared = entry.size();
        let mut bytes = Vec::with_capacity(declared.min(MAX_ENTRY_BYTES) as usize);
        // Never past the declared size, whatever the compressed stream holds.
        entry
            .take(declared + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("could not be inflated ({e})"))?;
        if bytes.len() as u64 > declared {
            return Err(
                "inflates to more than its declared size, which looks like a zip bomb".to_string(),
            );
        }
        Ok(bytes)
    }
}
