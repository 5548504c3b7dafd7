//! The data.police.uk downloads as published: a custom download's `.zip` of
//! `YYYY-MM/` folders holding `*-street.csv`, `*-outcomes.csv` and
//! `*-stop-and-search.csv` files (or that folder itself, or any one of those
//! files), for several months and several forces at once.
//!
//! Each file is read in turn and counted as it streams, never held as a grid;
//! only one file's bytes are in memory at a time. Street files go first, so
//! their Crime IDs can link the outcomes that follow.

mod crime_index;
mod lsoa;
mod lsoa_counter;
mod outcomes;
mod stop_search;
pub(super) mod tally;

pub use crime_index::CrimeIndex;
pub use lsoa::{District, LsoaDistricts, LSOA_ASSET_PATH};
pub use lsoa_counter::LsoaCounter;
pub use outcomes::{NO_SUSPECT_SHARE, UNLINKED};
pub use stop_search::MEASURE as STOP_AND_SEARCH;

use super::error::ImportError;
use super::records::{self, RecordCounter, RecordKind};
use super::{table, text, Progress};
use crate::core::areas::{self, AreaLevel};
use crate::core::dataset::{Dataset, SkippedSheet, TableShape, TableSummary};
use crate::core::format;
use crate::core::period::Period;
use std::sync::Arc;

/// A blank breakdown ("Object of search" left empty).
const NOT_STATED: &str = "Not stated";
/// The area of outcomes and searches whose force is not known.
const FORCE_NOT_STATED: &str = "Force not stated";

/// The files of a download, read one at a time: a zip's entries, a dropped
/// folder's files, or one file.
pub trait Archive {
    /// Every file's path within the download ("2019-01/2019-01-kent-street.csv").
    fn paths(&self) -> Vec<String>;
    /// The bytes of the file at `index` of `paths()`.
    fn read(&mut self, index: usize) -> Result<Vec<u8>, String>;
}

/// One file already in memory, as an archive of one.
pub struct OneFile<'a> {
    pub name: String,
    pub bytes: Option<&'a [u8]>,
}

impl Archive for OneFile<'_> {
    fn paths(&self) -> Vec<String> {
        vec![self.name.clone()]
    }
    fn read(&mut self, _: usize) -> Result<Vec<u8>, String> {
        self.bytes
            .take()
            .map(<[u8]>::to_vec)
            .ok_or_else(|| "it was read already".to_string())
    }
}

/// What a police.uk file is, from its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Named {
    Street,
    StopSearch,
    Other,
    Outcomes,
}

fn named(path: &str) -> Named {
    let name = path.to_lowercase();
    if name.ends_with("-street.csv") {
        Named::Street
    } else if name.ends_with("-stop-and-search.csv") {
        Named::StopSearch
    } else if name.ends_with("-outcomes.csv") {
        Named::Outcomes
    } else {
        Named::Other
    }
}

/// Whether a file's header is one of the police.uk downloads'.
pub fn recognise(header: &[String]) -> bool {
    records::recognise(header) == Some(RecordKind::StreetCrime)
        || stop_search::recognise(header)
        || outcomes::recognise(header)
}

/// Whether a header (of a street file) carries LSOAs to count by district.
pub fn has_lsoa(header: &[String]) -> bool {
    header.iter().any(|h| {
        let h = h.to_lowercase().replace([' ', '_'], "");
        h == "lsoacode" || h == "lsoaname"
    })
}

/// The month of a police.uk "Month" ("2019-01") or stop-and-search "Date"
/// ("2019-01-02T00:58:29+00:00"); any other date is read as a period.
pub fn month_of(text: &str) -> Option<Period> {
    let t = text.trim();
    let b = t.as_bytes();
    if b.len() >= 7 && b[4] == b'-' && b[..4].iter().chain(&b[5..7]).all(u8::is_ascii_digit) {
        let year: i32 = t[..4].parse().ok()?;
        let month: u8 = t[5..7].parse().ok()?;
        if (1..=12).contains(&month) && (1900..=2200).contains(&year) {
            return Some(Period::month(year, month));
        }
        return None;
    }
    let p = Period::parse(t)?;
    let start = p.start();
    Some(Period::month(start.year, start.month))
}

/// The force a police.uk file is named after: "2019-01-city-of-london-street.csv"
/// is City of London; "metropolitan" is the Metropolitan Police and "btp" the
/// British Transport Police, as police.uk names them.
pub fn force_of_file(path: &str) -> Option<(String, AreaLevel)> {
    let name = path.rsplit(['/', '\\']).next()?.to_lowercase();
    let stem = name.strip_suffix(".csv")?;
    let stem = ["-street", "-stop-and-search", "-outcomes"]
        .iter()
        .find_map(|s| stem.strip_suffix(s))?;
    let b = stem.as_bytes();
    let slug = if b.len() > 8 && b[4] == b'-' && b[7] == b'-' {
        &stem[8..]
    } else {
        stem
    };
    let force = match slug {
        "btp" => "British Transport Police",
        "metropolitan" => "Metropolitan Police",
        _ => areas::police_forces().find(|f| format::slug(areas::place_of_force(f)) == slug)?,
    };
    Some(force_area(force))
}

/// The force a police.uk "Falls within" or "Reported by" names, as the
/// workbench names forces: "City of London Police" is City of London, "Kent
/// Police" is Kent the force (never the county, which shares its name).
pub fn force_area(label: &str) -> (String, AreaLevel) {
    // Among forces, "West Midlands" is the force, not the region of that name.
    let (name, level) = areas::normalise_as(label, Some(crate::core::geography::Kind::Force));
    if level == AreaLevel::Force {
        return (name, level);
    }
    // ONS and the Home Office invert some names: "London, City of".
    if let Some((last, first)) = label.split_once(", ") {
        let turned = force_area(&format!("{first} {last}"));
        if turned.1 == AreaLevel::Force {
            return turned;
        }
    }
    let lower = label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let bare = lower
        .trim_end_matches(" police service")
        .trim_end_matches(" police")
        .trim_end_matches(" constabulary");
    match areas::police_forces().find(|f| {
        let f = areas::place_of_force(f).to_lowercase();
        f == bare || f == lower || f.trim_end_matches(" police") == bare
    }) {
        Some(force) => (force.to_string(), AreaLevel::Force),
        None => (name, level),
    }
}

/// "2019-01 … 2020-12" from the files' folder or name prefixes, if they have them.
fn months_named(paths: &[String]) -> String {
    let mut months: Vec<&str> = paths
        .iter()
        .filter_map(|p| {
            let name = p.rsplit(['/', '\\']).next()?;
            let b = name.as_bytes();
            (b.len() > 7 && b[4] == b'-' && b[..4].iter().chain(&b[5..7]).all(u8::is_ascii_digit))
                .then(|| &name[..7])
        })
        .collect();
    months.sort_unstable();
    months.dedup();
    match months.as_slice() {
        [] => String::new(),
        [one] => format!(", {one}"),
        [first, .., last] => format!(", {first} … {last}"),
    }
}

fn files(n: usize) -> String {
    if n == 1 {
        "1 file".to_string()
    } else {
        format!("{} files", format::count(n as f64))
    }
}

/// What was counted of one kind of file, for its table summary.
struct Kind {
    paths: Vec<String>,
    header: Vec<String>,
    rows: usize,
}

impl Kind {
    fn new() -> Kind {
        Kind {
            paths: Vec::new(),
            header: Vec::new(),
            rows: 0,
        }
    }

    fn summary(
        &self,
        file: &str,
        what: &str,
        observations: &[crate::core::dataset::Observation],
        notes: Vec<String>,
    ) -> TableSummary {
        let mut measures: Vec<String> = observations.iter().map(|o| o.measure.clone()).collect();
        measures.sort();
        measures.dedup();
        TableSummary {
            file: file.to_string(),
            sheet: format!(
                "{what} ({}{})",
                files(self.paths.len()),
                months_named(&self.paths)
            ),
            range: files(self.paths.len()),
            shape: TableShape::Records,
            header: self.header.clone(),
            body_rows: self.rows,
            observations: observations.len(),
            measures,
            mapping: None,
            reading: Default::default(),
            notes,
        }
    }
}

/// The header of a delimited file's first row, cleaned as tables' headers are.
fn header_of(path: &str, delimited: &text::Delimited) -> Result<Vec<String>, ImportError> {
    let head = delimited.grid(path, Some(1), &mut |_| {})?;
    Ok(head
        .rows
        .first()
        .map(|r| r.iter().map(|c| table::clean_header(&c.text())).collect())
        .unwrap_or_default())
}

/// Imports a police.uk download: every street, outcomes and stop-and-search
/// file in it, counted as one table of each kind. `file` names the download
/// (the zip or the folder); `lsoa` is the LSOA → district table, when it
/// could be had (street crime is then also counted by district).
pub fn import_archive(
    file: &str,
    archive: &mut dyn Archive,
    lsoa: Option<Arc<LsoaDistricts>>,
    progress: &mut dyn FnMut(Progress),
) -> Result<Dataset, ImportError> {
    let paths = archive.paths();
    let mut order: Vec<usize> = (0..paths.len())
        .filter(|&i| paths[i].to_lowercase().ends_with(".csv") || paths.len() == 1)
        .collect();
    order.sort_by_key(|&i| (named(&paths[i]), paths[i].clone()));
    let keep_ids = order.iter().any(|&i| named(&paths[i]) == Named::Outcomes);

    let mut dataset = Dataset::default();
    for (i, path) in paths.iter().enumerate() {
        if !order.contains(&i) && !path.ends_with('/') {
            dataset.skipped_sheets.push(SkippedSheet {
                file: file.to_string(),
                sheet: path.clone(),
                reason: "it is not a CSV file of a police.uk download".to_string(),
                preview: None,
            });
        }
    }

    let one_file = paths.len() == 1;
    let source_name = |path: &str| {
        if one_file {
            "CSV".to_string()
        } else {
            path.to_string()
        }
    };
    let mut street: Option<RecordCounter> = None;
    let mut street_kind = Kind::new();
    let mut street_last_row = 0;
    let mut searches = stop_search::StopSearchCounter::new();
    let mut search_kind = Kind::new();
    let mut unknown_force: Vec<String> = Vec::new();
    let mut outcomes: Option<outcomes::OutcomesCounter> = None;
    let mut outcome_kind = Kind::new();
    let total = order.len().max(1) as f64;
    let mut collisions = super::stats19::Collisions::default();
    let mut casualty_files: Vec<usize> = Vec::new();

    for (done, &i) in order.iter().enumerate() {
        let path = &paths[i];
        progress(Progress {
            step: format!("Counting {path}"),
            fraction: done as f64 / total,
        });
        let bytes = archive
            .read(i)
            .map_err(|problem| ImportError::new(file, format!("its file “{path}” {problem}")))?;
        if bytes.is_empty() {
            dataset.skipped_sheets.push(SkippedSheet {
                file: file.to_string(),
                sheet: path.clone(),
                reason: "it is empty".to_string(),
                preview: None,
            });
            continue;
        }
        let delimited = text::Delimited::open(path, &bytes, "csv")
            .map_err(|e| ImportError::new(file, format!("its file “{path}”: {}", e.problem)))?;
        let header = header_of(path, &delimited)
            .map_err(|e| ImportError::new(file, format!("its file “{path}”: {}", e.problem)))?;
        let mut report = |f: f64| {
            progress(Progress {
                step: format!("Counting {path}"),
                fraction: (done as f64 + f) / total,
            })
        };
        let counted = if records::recognise(&header) == Some(RecordKind::StreetCrime) {
            let counter = match street.as_mut() {
                Some(counter) => counter,
                None => {
                    let Some(mut counter) = RecordCounter::new(RecordKind::StreetCrime, &header)
                    else {
                        continue;
                    };
                    counter = counter.with_lsoa(lsoa.clone());
                    if keep_ids {
                        counter.keep_crime_ids();
                    }
                    street.insert(counter)
                }
            };
            if counter.start_source(&source_name(path), &header) {
                let before = counter.body_rows();
                street_last_row = delimited.count_records(path, 0, counter, &mut report)?;
                street_kind.rows += counter.body_rows() - before;
                street_kind.paths.push(path.clone());
                if street_kind.header.is_empty() {
                    street_kind.header = header.clone();
                }
                true
            } else {
                false
            }
        } else if stop_search::recognise(&header) {
            let force = force_of_file(path).unwrap_or_else(|| {
                unknown_force.push(path.clone());
                (FORCE_NOT_STATED.to_string(), AreaLevel::Other)
            });
            let before = searches.rows;
            if searches.start_source(&source_name(path), &header, (&force.0, force.1)) {
                delimited.count_records(path, 0, &mut searches, &mut report)?;
                search_kind.rows += searches.rows - before;
                search_kind.paths.push(path.clone());
                if search_kind.header.is_empty() {
                    search_kind.header = header.clone();
                }
                true
            } else {
                false
            }
        } else if outcomes::recognise(&header) {
            let counter = outcomes.get_or_insert_with(|| {
                outcomes::OutcomesCounter::new(
                    street.as_mut().and_then(RecordCounter::take_crime_index),
                )
            });
            let before = counter.rows;
            if counter.start_source(&source_name(path), &header) {
                delimited.count_records(path, 0, counter, &mut report)?;
                outcome_kind.rows += counter.rows - before;
                outcome_kind.paths.push(path.clone());
                if outcome_kind.header.is_empty() {
                    outcome_kind.header = header.clone();
                }
                true
            } else {
                false
            }
        } else if super::stats19::is_collisions(&header) {
            // Collisions first, whatever the order: casualties are counted after the loop.
            collisions.start_source(&source_name(path), &header);
            delimited.count_records(path, 0, &mut collisions, &mut report)?;
            true
        } else if super::stats19::is_casualties(&header) {
            casualty_files.push(i);
            true
        } else {
            false
        };
        if !counted {
            dataset.skipped_sheets.push(SkippedSheet {
                file: file.to_string(),
                sheet: path.clone(),
                reason: "it is not a police.uk street, outcomes or stop-and-search file (its header has none of their columns)".to_string(),
                preview: None,
            });
        }
    }

    if let Some(mut counter) = street {
        // Crime IDs kept for outcomes that never came are dropped unused.
        drop(counter.take_crime_index());
        dataset.lsoa_tallies.extend(counter.take_lsoa_tally(file));
        let (observations, mut summary) =
            counter.finish(file, "CSV", (0, 0), 0, street_last_row, &street_kind.header);
        if !one_file {
            summary = street_kind.summary(file, "Street crime", &observations, summary.notes);
        }
        push(&mut dataset, observations, summary);
    }
    if !search_kind.paths.is_empty() {
        let mut notes = vec![
            "Stop and search records carry no LSOA: counted for the force each file is named after, not by district."
                .to_string(),
        ];
        if !unknown_force.is_empty() {
            notes.push(format!(
                "The force could not be told from the name of {} ({}): counted under “{FORCE_NOT_STATED}”.",
                files(unknown_force.len()),
                unknown_force.join(", ")
            ));
        }
        if searches.undated > 0 {
            notes.push(format!(
                "{} searches had no readable date and were not counted.",
                format::count(searches.undated as f64)
            ));
        }
        let observations = searches.tallies().observations(file);
        let summary = search_kind.summary(file, "Stop and search", &observations, notes);
        push(&mut dataset, observations, summary);
    }
    if let Some(counter) = outcomes {
        let (observations, notes) = counter.finish(file);
        let summary = outcome_kind.summary(file, "Outcomes", &observations, notes);
        push(&mut dataset, observations, summary);
    }
    count_casualties(
        file,
        archive,
        &paths,
        collisions,
        &casualty_files,
        &mut dataset,
    )?;
    if dataset.tables.is_empty() {
        return Err(ImportError::new(
            file,
            if paths.is_empty() {
                "it holds no files".to_string()
            } else {
                "it holds no police.uk street, outcomes or stop-and-search file with a readable month, and no STATS19 casualty file"
                    .to_string()
            },
        ));
    }
    progress(Progress {
        step: "Counted".to_string(),
        fraction: 1.0,
    });
    Ok(dataset)
}

/// STATS19 casualties, joined to the collisions read (if any) by accident
/// index; a collision file with no casualty file is said to give nothing alone.
fn count_casualties(
    file: &str,
    archive: &mut dyn Archive,
    paths: &[String],
    collisions: super::stats19::Collisions,
    casualty_files: &[usize],
    dataset: &mut Dataset,
) -> Result<(), ImportError> {
    if casualty_files.is_empty() {
        for name in &collisions.files {
            dataset.skipped_sheets.push(SkippedSheet {
                file: file.to_string(),
                sheet: name.clone(),
                reason: "it is a STATS19 collision file: it gives casualties by district only with its casualty file (drop both together, or in one zip)".to_string(),
                preview: None,
            });
        }
        return Ok(());
    }
    let one_file = paths.len() == 1;
    let mut casualties = super::stats19::Casualties::new(collisions);
    for &i in casualty_files {
        let path = &paths[i];
        let bytes = archive
            .read(i)
            .map_err(|problem| ImportError::new(file, format!("its file “{path}” {problem}")))?;
        let delimited = text::Delimited::open(path, &bytes, "csv")
            .map_err(|e| ImportError::new(file, format!("its file “{path}”: {}", e.problem)))?;
        let header = header_of(path, &delimited)
            .map_err(|e| ImportError::new(file, format!("its file “{path}”: {}", e.problem)))?;
        let name = if one_file { "CSV" } else { path.as_str() };
        if casualties.start_source(name, &header) {
            delimited.count_records(path, 0, &mut casualties, &mut |_| {})?;
        }
    }
    let (observations, summary) = casualties.finish(file);
    if observations.is_empty() && dataset.tables.is_empty() {
        return Err(ImportError::new(
            file,
            "its STATS19 casualty file has no year or date: each casualty's date and district are in the collision (accident) file, which is not with it; drop both files together, or in one zip",
        ));
    }
    push(dataset, observations, summary);
    Ok(())
}

fn push(
    dataset: &mut Dataset,
    observations: Vec<crate::core::dataset::Observation>,
    summary: TableSummary,
) {
    if observations.is_empty() {
        dataset.skipped_sheets.push(SkippedSheet {
            file: summary.file.clone(),
            sheet: summary.sheet.clone(),
            reason: "no row has a readable month".to_string(),
            preview: None,
        });
        return;
    }
    dataset.observations.extend(observations);
    dataset.tables.push(summary);
}

/// A folder on disk (the command line, tests): every file under it, by its
/// path relative to the folder, in order.
pub struct Folder {
    root: std::path::PathBuf,
    paths: Vec<String>,
}

impl Folder {
    pub fn open(root: &std::path::Path) -> Result<Folder, String> {
        fn walk(
            root: &std::path::Path,
            at: &std::path::Path,
            out: &mut Vec<String>,
        ) -> std::io::Result<()> {
            for entry in std::fs::read_dir(at)? {
                let path = entry?.path();
                if path.is_dir() {
                    walk(root, &path, out)?;
                } else if let Ok(relative) = path.strip_prefix(root) {
                    out.push(relative.to_string_lossy().replace('\\', "/"));
                }
            }
            Ok(())
        }
        let mut paths = Vec::new();
        walk(root, root, &mut paths).map_err(|e| format!("could not be read ({e})"))?;
        paths.sort();
        Ok(Folder {
            root: root.to_path_buf(),
            paths,
        })
    }
}

impl Archive for Folder {
    fn paths(&self) -> Vec<String> {
        self.paths.clone()
    }
    fn read(&mut self, index: usize) -> Result<Vec<u8>, String> {
        std::fs::read(self.root.join(&self.paths[index]))
            .map_err(|e| format!("could not be read ({e})"))
    }
}

/// Loose files on disk read as one download (the command line's STATS19
/// casualty and collision files given together), by their file names.
pub struct Files {
    paths: Vec<std::path::PathBuf>,
}

impl Files {
    pub fn new(paths: Vec<std::path::PathBuf>) -> Files {
        Files { paths }
    }
}

impl Archive for Files {
    fn paths(&self) -> Vec<String> {
        self.paths
            .iter()
            .map(|p| {
                p.file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default()
            })
            .collect()
    }
    fn read(&mut self, index: usize) -> Result<Vec<u8>, String> {
        std::fs::read(&self.paths[index]).map_err(|e| format!("could not be read ({e})"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forces_as_police_uk_and_the_home_office_name_them() {
        let force = |s: &str| force_area(s);
        assert_eq!(
            force("City of London Police"),
            ("City of London (force)".into(), AreaLevel::Force)
        );
        assert_eq!(
            force("Kent Police"),
            ("Kent (force)".into(), AreaLevel::Force)
        );
        assert_eq!(
            force("London, City of"),
            ("City of London (force)".into(), AreaLevel::Force)
        );
        assert_eq!(
            force("Metropolitan Police Service"),
            ("Metropolitan Police".into(), AreaLevel::Force)
        );
        assert_eq!(force("Action Fraud").1, AreaLevel::Other);
        let file = |s: &str| force_of_file(s).map(|f| f.0);
        assert_eq!(
            file("2019-01/2019-01-city-of-london-stop-and-search.csv").as_deref(),
            Some("City of London (force)")
        );
        assert_eq!(
            file("2023-05-metropolitan-street.csv").as_deref(),
            Some("Metropolitan Police")
        );
        assert_eq!(
            file("2023-05-btp-outcomes.csv").as_deref(),
            Some("British Transport Police")
        );
        assert_eq!(
            file("2023-05-devon-and-cornwall-street.csv").as_deref(),
            Some("Devon and Cornwall")
        );
        assert_eq!(file("2023-05-nowhere-street.csv"), None);
        assert_eq!(file("notes.csv"), None);
    }

    #[test]
    fn months_of_police_uk_dates() {
        assert_eq!(month_of("2019-01"), Some(Period::month(2019, 1)));
        assert_eq!(
            month_of("2019-01-02T00:58:29+00:00"),
            Some(Period::month(2019, 1))
        );
        assert_eq!(month_of("2019-13"), None);
        assert_eq!(month_of(""), None);
    }
}
