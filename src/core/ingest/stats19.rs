//! DfT STATS19 road casualties by district: the national casualty file joined
//! to its collision (accident) file by accident index, as published — old
//! years (`Accident_Index`, `Local_Authority_(District)` as DfT's numeric
//! codes, `Date` as DD/MM/YYYY) and new (`accident_index` or
//! `collision_index`, `local_authority_ons_district` as ONS codes).
//!
//! The collision file is read first and kept as an index → (district, month)
//! table; each casualty is then counted in its collision's district and month
//! by severity (fatal, serious, slight; KSI), and as a child (0–15) or an
//! older person (70 and over) where the age is given. A numeric district code
//! is read through DfT's code list (`stats19_districts.tsv`); a code that
//! names no district of England and Wales is counted as "District not known",
//! never guessed. A casualty file with no collision file is counted by what it
//! has (its year), and the table says the district needs the collision file.

use super::policeuk::tally::Tallies;
use super::records::{RowCounter, MAX_WANTED};
use crate::core::areas::{self, AreaLevel};
use crate::core::dataset::{Observation, TableShape, TableSummary};
use crate::core::format;
use crate::core::period::Period;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

/// Where casualties are counted whose collision's district is not known.
pub const DISTRICT_NOT_KNOWN: &str = "District not known";

/// What a casualty file counted without its collision file says.
pub const ALONE: &str = "The casualty file has no district: the district of each casualty is in the collision (accident) file. Drop both files together, or in one zip, to count casualties by district. Counted by year only.";

/// The age from which a casualty is counted as an older person.
pub const OLDER_FROM: u32 = 70;

/// DfT's numeric `local_authority_district` codes → ONS code (or DfT's label), written
/// by `examples/make_stats19_districts.rs` from DfT's code list.
const DISTRICT_CODES: &str = include_str!("stats19_districts.tsv");

/// Code → the ONS code it names, or `Err(DfT's label)` when it names no
/// district of England and Wales.
fn numeric_districts() -> &'static HashMap<u32, Result<String, String>> {
    static TABLE: OnceLock<HashMap<u32, Result<String, String>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        DISTRICT_CODES
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut f = l.split('\t');
                let code = f.next()?.parse().ok()?;
                let district = match (f.next()?, f.next()) {
                    ("", Some(label)) => Err(label.to_string()),
                    (ons, _) => Ok(ons.to_string()),
                };
                Some((code, district))
            })
            .collect()
    })
}

fn norm(header: &str) -> String {
    header
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect()
}

fn find(header: &[String], names: &[&str]) -> Option<usize> {
    header.iter().position(|h| {
        let h = norm(h);
        names.iter().any(|n| h == *n)
    })
}

const INDEX: [&str; 2] = ["accidentindex", "collisionindex"];
const YEAR: [&str; 3] = ["accidentyear", "collisionyear", "year"];

/// Whether a header is a STATS19 collision (accident) file's: an accident
/// index and a district, and no casualty severity.
pub fn is_collisions(header: &[String]) -> bool {
    find(header, &INDEX).is_some()
        && find(
            header,
            &["localauthorityonsdistrict", "localauthoritydistrict"],
        )
        .is_some()
        && find(header, &["casualtyseverity"]).is_none()
}

/// Whether a header is a STATS19 casualty file's: an accident index and a casualty severity.
pub fn is_casualties(header: &[String]) -> bool {
    find(header, &INDEX).is_some() && find(header, &["casualtyseverity"]).is_some()
}

/// Whether a set of loose files dropped together looks like STATS19 casualty
/// and collision files to join (by their names, as DfT publishes them:
/// "…-casualty-2023.csv" with "…-collision-2023.csv", "Casualties0514.csv"
/// with "Accidents0514.csv"); the import then reads their headers.
pub fn looks_like_a_pair(names: &[&str]) -> bool {
    let has = |words: &[&str]| {
        names.iter().any(|n| {
            let n = n.to_lowercase();
            n.ends_with(".csv") && words.iter().any(|w| n.contains(w))
        })
    };
    has(&["casualt"]) && has(&["collision", "accident"])
}

/// Whether a file's name is one of DfT's STATS19 casualty or collision files'.
pub fn named_like_stats19(name: &str) -> bool {
    let n = name.to_lowercase();
    n.ends_with(".csv")
        && ["casualt", "collision", "accident"]
            .iter()
            .any(|w| n.contains(w))
}

/// A collision's month from its date (DD/MM/YYYY, or YYYY-MM-DD).
fn month_of_date(text: &str) -> Option<Period> {
    let t = text.trim();
    let parts: Vec<&str> = t.split(['/', '-']).collect();
    let (year, month) = match parts.as_slice() {
        [d, m, y] if y.len() == 4 && d.len() <= 2 => (y.parse().ok()?, m.parse().ok()?),
        [y, m, d] if y.len() == 4 && d.len() <= 2 => (y.parse().ok()?, m.parse().ok()?),
        _ => return None,
    };
    ((1..=12).contains(&month) && (1900..=2200).contains(&year)).then(|| Period::month(year, month))
}

fn year_of(text: &str) -> Option<Period> {
    let y: i32 = text.trim().parse().ok()?;
    (1900..=2200).contains(&y).then(|| Period::calendar_year(y))
}

/// Columns of a collision file.
#[derive(Clone, Copy)]
struct CollisionColumns {
    index: usize,
    ons: Option<usize>,
    numeric: Option<usize>,
    date: Option<usize>,
    year: Option<usize>,
}

/// The collision file(s) read: each accident index's district and period.
#[derive(Default)]
pub struct Collisions {
    columns: Option<CollisionColumns>,
    /// Accident index → (area id, period id).
    by_index: HashMap<Box<str>, (u32, u32)>,
    areas: Vec<(String, AreaLevel)>,
    area_ids: HashMap<String, u32>,
    periods: Vec<Period>,
    period_ids: HashMap<Period, u32>,
    /// District codes no district of England and Wales has → collisions.
    unknown_codes: BTreeMap<String, u64>,
    pub rows: usize,
    pub undated: usize,
    pub files: Vec<String>,
}

impl Collisions {
    /// Starts the next collision file; `false` when its header is not one.
    pub fn start_source(&mut self, name: &str, header: &[String]) -> bool {
        if !is_collisions(header) {
            return false;
        }
        self.columns = Some(CollisionColumns {
            index: find(header, &INDEX).unwrap_or(0),
            ons: find(header, &["localauthorityonsdistrict"]),
            numeric: find(header, &["localauthoritydistrict"]),
            date: find(header, &["date", "accidentdate", "collisiondate"]),
            year: find(header, &YEAR),
        });
        self.files.push(name.to_string());
        true
    }

    pub fn is_empty(&self) -> bool {
        self.by_index.is_empty()
    }

    fn area_id(&mut self, ons: Option<&str>, numeric: Option<&str>) -> u32 {
        // The ONS code where the file gives one (a Scottish code is then not
        // known here); else the numeric code; "-1" is DfT's "data missing".
        let code = ons.map(str::trim).filter(|c| !c.is_empty() && *c != "-1");
        let (key, area) = match code {
            Some(code) => (code.to_string(), district_of_code(code)),
            None => match numeric
                .map(str::trim)
                .filter(|n| !n.is_empty() && *n != "-1")
            {
                Some(n) => {
                    let key = format!("#{n}");
                    let area = n
                        .parse::<u32>()
                        .ok()
                        .and_then(|n| numeric_districts().get(&n))
                        .and_then(|found| found.as_deref().ok())
                        .and_then(district_of_code);
                    (key, area)
                }
                None => (String::new(), None),
            },
        };
        if area.is_none() {
            *self.unknown_codes.entry(key.clone()).or_default() += 1;
        }
        if let Some(&id) = self.area_ids.get(&key) {
            return id;
        }
        let area = area.unwrap_or_else(|| (DISTRICT_NOT_KNOWN.to_string(), AreaLevel::Other));
        let id = match self.areas.iter().position(|a| *a == area) {
            Some(id) => id as u32,
            None => {
                self.areas.push(area);
                (self.areas.len() - 1) as u32
            }
        };
        self.area_ids.insert(key, id);
        id
    }

    fn period_id(&mut self, period: Period) -> u32 {
        let next = self.periods.len() as u32;
        let id = *self.period_ids.entry(period).or_insert(next);
        if id == next {
            self.periods.push(period);
        }
        id
    }

    /// What to say of collisions whose district was not known.
    fn unknown_note(&self) -> Option<String> {
        if self.unknown_codes.is_empty() {
            return None;
        }
        let named: Vec<String> = self
            .unknown_codes
            .iter()
            .take(8)
            .map(|(code, n)| {
                let what = match code.strip_prefix('#') {
                    Some(n) => match n
                        .parse::<u32>()
                        .ok()
                        .and_then(|c| numeric_districts().get(&c))
                    {
                        Some(Err(label)) => format!("DfT code {n}, {label}"),
                        Some(Ok(ons)) => format!("DfT code {n}, {ons}"),
                        None => format!("DfT code {n}, not in DfT's code list"),
                    },
                    None if code.is_empty() => "no district given".to_string(),
                    None => code.clone(),
                };
                format!("{what}: {}", format::count(*n as f64))
            })
            .collect();
        let more = self.unknown_codes.len().saturating_sub(8);
        Some(format!(
            "Collisions whose district code names no district of England and Wales are counted under “{DISTRICT_NOT_KNOWN}” ({}{}).",
            named.join("; "),
            if more > 0 { format!("; and {more} more codes") } else { String::new() }
        ))
    }
}

/// An ONS district code as the workbench names the district.
fn district_of_code(code: &str) -> Option<(String, AreaLevel)> {
    let (name, level) = areas::normalise(code);
    (level == AreaLevel::District).then_some((name, level))
}

impl RowCounter for Collisions {
    fn wanted(&self) -> [Option<usize>; MAX_WANTED] {
        let mut wanted = [None; MAX_WANTED];
        if let Some(c) = self.columns {
            wanted[0] = Some(c.index);
            wanted[1] = c.ons;
            wanted[2] = c.numeric;
            wanted[3] = c.date;
            wanted[4] = c.year;
        }
        wanted
    }

    fn add_fields(&mut self, _row: usize, fields: &[&str; MAX_WANTED]) {
        let Some(c) = self.columns else { return };
        let index = fields[0].trim();
        if index.is_empty() {
            return;
        }
        self.rows += 1;
        let period = c
            .date
            .and_then(|_| month_of_date(fields[3]))
            .or_else(|| c.year.and_then(|_| year_of(fields[4])));
        let Some(period) = period else {
            self.undated += 1;
            return;
        };
        let area = self.area_id(c.ons.map(|_| fields[1]), c.numeric.map(|_| fields[2]));
        let period = self.period_id(period);
        self.by_index.insert(index.into(), (area, period));
    }
}

/// Columns of a casualty file.
#[derive(Clone, Copy)]
struct CasualtyColumns {
    index: usize,
    severity: usize,
    age: Option<usize>,
    band: Option<usize>,
    year: Option<usize>,
}

/// Counts casualties, in their collision's district and month when the
/// collision file is loaded, else by their year alone.
pub struct Casualties {
    collisions: Collisions,
    columns: Option<CasualtyColumns>,
    tallies: Tallies,
    source: u32,
    pub rows: usize,
    /// Casualties whose accident index is not in the collision file(s).
    pub unmatched: usize,
    /// Casualties with no year (no collision file, or none in it).
    pub undated: usize,
    /// Casualties whose age is given only as a band (no count of older people).
    pub banded: usize,
    pub files: Vec<String>,
    /// The header of the first casualty file, for the table's summary.
    pub header: Vec<String>,
}

impl Casualties {
    pub fn new(collisions: Collisions) -> Casualties {
        Casualties {
            collisions,
            columns: None,
            tallies: Tallies::new(),
            source: 0,
            rows: 0,
            unmatched: 0,
            undated: 0,
            banded: 0,
            files: Vec::new(),
            header: Vec::new(),
        }
    }

    /// Starts the next casualty file; `false` when its header is not one.
    pub fn start_source(&mut self, name: &str, header: &[String]) -> bool {
        if !is_casualties(header) {
            return false;
        }
        self.columns = Some(CasualtyColumns {
            index: find(header, &INDEX).unwrap_or(0),
            severity: find(header, &["casualtyseverity"]).unwrap_or(0),
            age: find(header, &["ageofcasualty"]),
            band: find(header, &["agebandofcasualty"]),
            year: find(header, &YEAR),
        });
        if self.header.is_empty() {
            self.header = header.to_vec();
        }
        self.files.push(name.to_string());
        self.source = self.tallies.source(name);
        true
    }

    /// The counts as observations and the table's summary.
    pub fn finish(self, file: &str) -> (Vec<Observation>, TableSummary) {
        let joined = !self.collisions.is_empty();
        let mut notes = Vec::new();
        if joined {
            notes.push(format!(
                "Each casualty is counted in the district and month of its collision: the casualty file{} joined to the collision file{} ({}) by accident index. Districts are the collision file's ONS codes, or its numeric DfT codes read through DfT's code list.",
                if self.files.len() == 1 { "" } else { "s" },
                if self.collisions.files.len() == 1 { "" } else { "s" },
                self.collisions.files.join(", ")
            ));
            notes.extend(self.collisions.unknown_note());
            if self.unmatched > 0 {
                notes.push(format!(
                    "{} casualties had an accident index that is not in the collision file: not counted (their district and month are not known).",
                    format::count(self.unmatched as f64)
                ));
            }
            if self.collisions.undated > 0 {
                notes.push(format!(
                    "{} collisions had no readable date or year; their casualties are not counted.",
                    format::count(self.collisions.undated as f64)
                ));
            }
        } else {
            notes.push(ALONE.to_string());
            if self.undated > 0 {
                notes.push(format!(
                    "{} casualties had no year and were not counted.",
                    format::count(self.undated as f64)
                ));
            }
        }
        notes.push(format!(
            "Children are casualties aged 0–15; older people are those aged {OLDER_FROM} and over (from the age in years; an age band alone gives no count of older people). KSI is killed or seriously injured."
        ));
        if self.banded > 0 {
            notes.push(format!(
                "{} casualties had an age band but no age in years: not counted among older people.",
                format::count(self.banded as f64)
            ));
        }
        let observations = self.tallies.observations(file);
        let mut measures: Vec<String> = observations.iter().map(|o| o.measure.clone()).collect();
        measures.sort();
        measures.dedup();
        let files = self.files.len() + self.collisions.files.len();
        let summary = TableSummary {
            file: file.to_string(),
            sheet: format!(
                "Road casualties (STATS19, {} file{})",
                files,
                if files == 1 { "" } else { "s" }
            ),
            range: format!("{} casualty rows", format::count(self.rows as f64)),
            shape: TableShape::Records,
            header: self.header,
            body_rows: self.rows,
            observations: observations.len(),
            measures,
            mapping: None,
            reading: Default::default(),
            notes,
        };
        (observations, summary)
    }
}

/// The measures a casualty counts towards.
fn measures_of(severity: &str, child: Option<bool>, older: Option<bool>) -> Vec<&'static str> {
    let severity = match severity.trim() {
        "1" => "Fatal casualties",
        "2" => "Serious casualties",
        "3" => "Slight casualties",
        _ => return vec!["Road casualties"],
    };
    let ksi = severity != "Slight casualties";
    let mut measures = vec!["Road casualties", severity];
    if ksi {
        measures.push("KSI casualties");
    }
    if child == Some(true) {
        measures.push("Child casualties");
        measures.push(if ksi {
            "Child KSI casualties"
        } else {
            "Child slight casualties"
        });
    }
    if older == Some(true) {
        measures.push("Older casualties (70 and over)");
        if ksi {
            measures.push("Older KSI casualties (70 and over)");
        }
    }
    measures
}

impl RowCounter for Casualties {
    fn wanted(&self) -> [Option<usize>; MAX_WANTED] {
        let mut wanted = [None; MAX_WANTED];
        if let Some(c) = self.columns {
            wanted[0] = Some(c.index);
            wanted[1] = Some(c.severity);
            wanted[2] = c.age;
            wanted[3] = c.band;
            wanted[4] = c.year;
        }
        wanted
    }

    fn add_fields(&mut self, row: usize, fields: &[&str; MAX_WANTED]) {
        let Some(c) = self.columns else { return };
        if fields.iter().all(|f| f.trim().is_empty()) {
            return;
        }
        self.rows += 1;
        let (area, period) = if self.collisions.is_empty() {
            let Some(year) = c.year.and_then(|_| year_of(fields[4])) else {
                self.undated += 1;
                return;
            };
            (
                (super::tidy::AREA_NOT_STATED.to_string(), AreaLevel::Other),
                year,
            )
        } else {
            match self.collisions.by_index.get(fields[0].trim()) {
                Some(&(area, period)) => (
                    self.collisions.areas[area as usize].clone(),
                    self.collisions.periods[period as usize],
                ),
                None => {
                    self.unmatched += 1;
                    return;
                }
            }
        };
        let years = c
            .age
            .and_then(|_| fields[2].trim().parse::<i32>().ok())
            .filter(|a| *a >= 0);
        let band = c
            .band
            .and_then(|_| fields[3].trim().parse::<i32>().ok())
            .filter(|b| *b >= 1);
        let child = match (years, band) {
            (Some(a), _) => Some(a <= 15),
            (None, Some(b)) => Some(b <= 3),
            _ => None,
        };
        let older = years.map(|a| a >= OLDER_FROM as i32);
        if years.is_none() && band.is_some() {
            self.banded += 1;
        }
        let area = self.tallies.area(&area.0, area.1);
        let period = self.tallies.period(period);
        let whole = self.tallies.category(None);
        for measure in measures_of(fields[1], child, older) {
            let measure = self.tallies.measure(measure);
            self.tallies.add(
                [measure, whole, area, period],
                1.0,
                (self.source, row),
                c.severity,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_codes() {
        assert_eq!(month_of_date("14/01/2015"), Some(Period::month(2015, 1)));
        assert_eq!(month_of_date("2023-12-31"), Some(Period::month(2023, 12)));
        assert_eq!(month_of_date("31/13/2015"), None);
        assert_eq!(month_of_date(""), None);
        let table = numeric_districts();
        assert_eq!(table.get(&1), Some(&Ok("E09000033".to_string())));
        assert_eq!(table.get(&590), Some(&Err("Caradon".to_string())));
        assert!(looks_like_a_pair(&[
            "dft-road-casualty-statistics-casualty-2023.csv",
            "dft-road-casualty-statistics-collision-2023.csv"
        ]));
        assert!(looks_like_a_pair(&[
            "Casualties0514.csv",
            "Accidents0514.csv"
        ]));
        assert!(!looks_like_a_pair(&["Casualties0514.csv", "notes.csv"]));
    }

    #[test]
    fn headers_old_and_new() {
        let h = |s: &str| s.split(',').map(str::to_string).collect::<Vec<_>>();
        assert!(is_collisions(&h(
            "Accident_Index,Location_Easting_OSGR,Police_Force,Accident_Severity,Date,Local_Authority_(District),Local_Authority_(Highway)"
        )));
        assert!(is_collisions(&h(
            "collision_index,collision_year,collision_ref_no,date,local_authority_district,local_authority_ons_district"
        )));
        assert!(is_casualties(&h(
            "Accident_Index,Vehicle_Reference,Casualty_Reference,Age_of_Casualty,Casualty_Severity"
        )));
        assert!(!is_collisions(&h(
            "accident_index,accident_year,casualty_severity,local_authority_district"
        )));
    }
}
