//! Record-level files, where each row is one crime, incident or casualty:
//! counts are derived by category and period, and each count remembers which
//! rows of which column it counted.

use super::cell::Cell;
use super::policeuk::{CrimeIndex, LsoaCounter, LsoaDistricts, SharedPoints};
use super::workbook::{a1, Grid, Sheet};
use crate::core::areas::{self, AreaLevel};
use crate::core::dataset::{
    LsoaTally, Observation, Provenance, TableShape, TableSummary, Unit, Value,
};
use crate::core::format;
use crate::core::period::Period;
use std::collections::HashMap;
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordKind {
    /// data.police.uk street-level crime: one row per crime or ASB incident.
    StreetCrime,
    /// DfT STATS19 casualties: one row per casualty, severity coded 1–3.
    Stats19Casualties,
}

impl RecordKind {
    pub fn describe(self) -> &'static str {
        match self {
            RecordKind::StreetCrime => "street-level crime records (one row per crime or incident)",
            RecordKind::Stats19Casualties => "STATS19 casualty records (one row per casualty)",
        }
    }
}

/// Where this kind of file keeps what it is counted by.
struct Columns {
    period: usize,
    category: usize,
    area: Option<usize>,
    age: Option<Age>,
    /// Street crime: where the crime was, for counting by district.
    lsoa_code: Option<usize>,
    lsoa_name: Option<usize>,
    /// Street crime: the crime's ID, to link its outcome.
    crime_id: Option<usize>,
    /// Street crime: the map point it was snapped to.
    longitude: Option<usize>,
    latitude: Option<usize>,
}

#[derive(Clone, Copy)]
enum Age {
    /// Age in years; −1 means not known.
    Years(usize),
    /// DfT age band: 1 = 0–5, 2 = 6–10, 3 = 11–15, 4 and over = 16 and older.
    Band(usize),
}

fn find(header: &[String], names: &[&str]) -> Option<usize> {
    header.iter().position(|h| {
        let h = h.to_lowercase().replace([' ', '_'], "");
        names.iter().any(|n| h == *n)
    })
}

pub fn recognise(header: &[String]) -> Option<RecordKind> {
    let has = |names: &[&str]| find(header, names).is_some();
    if has(&["crimetype"]) && has(&["month"]) {
        return Some(RecordKind::StreetCrime);
    }
    if has(&["casualtyseverity"]) && has(&["year", "accidentyear", "accidentdate", "date"]) {
        return Some(RecordKind::Stats19Casualties);
    }
    None
}

fn columns(kind: RecordKind, header: &[String]) -> Option<Columns> {
    Some(match kind {
        RecordKind::StreetCrime => Columns {
            period: find(header, &["month"])?,
            category: find(header, &["crimetype"])?,
            area: find(header, &["fallswithin", "reportedby"]),
            age: None,
            lsoa_code: find(header, &["lsoacode"]),
            lsoa_name: find(header, &["lsoaname"]),
            crime_id: find(header, &["crimeid"]),
            longitude: find(header, &["longitude"]),
            latitude: find(header, &["latitude"]),
        },
        RecordKind::Stats19Casualties => Columns {
            period: find(header, &["year", "accidentyear", "accidentdate", "date"])?,
            category: find(header, &["casualtyseverity"])?,
            area: find(
                header,
                &["localauthoritydistrict", "localauthority", "policeforce"],
            ),
            age: find(header, &["ageofcasualty"])
                .map(Age::Years)
                .or_else(|| find(header, &["agebandofcasualty"]).map(Age::Band)),
            lsoa_code: None,
            lsoa_name: None,
            crime_id: None,
            longitude: None,
            latitude: None,
        },
    })
}

/// A count and the rows it came from, for provenance: the files (sources) of
/// its first and last rows, where several files are counted together.
struct Tally {
    count: u64,
    first_row: usize,
    last_row: usize,
    first_source: u32,
    last_source: u32,
}

/// Where a street record was, as far as its LSOA tells.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Placement {
    District(u16),
    /// Its LSOA name's district prefix, the code being unknown.
    DistrictByName(u16),
    /// No LSOA at all ("No location").
    NoLocation,
    /// An LSOA the lookup does not know, under a name that names no district.
    Unknown,
}

/// What a street table says when it was counted without the LSOA → district table.
pub const LSOA_NOT_LOADED: &str =
    "Counted by force only: the LSOA → district lookup could not be loaded.";

/// The most columns a counter reads from each record.
pub const MAX_WANTED: usize = 10;

/// Something that counts records read straight from a delimited file: the
/// columns it reads, and each record's text in those columns.
pub trait RowCounter {
    fn wanted(&self) -> [Option<usize>; MAX_WANTED];
    /// `fields[i]` is the text of column `wanted()[i]`; blank and absent are "".
    fn add_fields(&mut self, row: usize, fields: &[&str; MAX_WANTED]);
}

/// Records with no area are counted under the same name as figures from a table that names none.
use super::tidy::AREA_NOT_STATED as NOT_STATED;

/// One field of a record: a cell of a grid, or text read straight from a
/// delimited file that is never held as a grid.
#[derive(Clone, Copy)]
pub enum Field<'a> {
    Cell(&'a Cell),
    Text(&'a str),
}

impl<'a> Field<'a> {
    fn text(self) -> std::borrow::Cow<'a, str> {
        match self {
            Field::Cell(Cell::Text(t)) => std::borrow::Cow::Borrowed(t.as_str()),
            Field::Cell(c) => std::borrow::Cow::Owned(c.text()),
            Field::Text(t) => std::borrow::Cow::Borrowed(t),
        }
    }
}

/// A small, fast hash for the few distinct keys of a record file (months,
/// categories, areas); the keys come from the file, but a collision only costs time.
#[derive(Default, Clone, Copy)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;

/// Counts records row by row. The grid path and the streaming CSV path both
/// feed it, so a file gives the same counts however it was read. Repeated
/// texts (a month, a category, an area) are read once, then looked up: most
/// rows repeat the previous row's month and area, so those are checked first.
pub struct RecordCounter {
    kind: RecordKind,
    columns: Columns,
    measures: Vec<String>,
    measure_ids: FastMap<String, u32>,
    areas: Vec<String>,
    area_ids: FastMap<String, u32>,
    last_area: Option<(String, u32)>,
    periods: Vec<Period>,
    period_index: FastMap<Period, u32>,
    period_ids: FastMap<String, Option<u32>>,
    last_period: Option<(String, Option<u32>)>,
    /// Measure ids by category text, for an adult, a child, or age not known.
    categories: FastMap<String, usize>,
    counted_as: Vec<[Option<Vec<u32>>; 3]>,
    /// Keyed by measure, area and period ids packed into one integer.
    tallies: FastMap<u128, Tally>,
    body_rows: usize,
    /// Street crime: the LSOA → district table, when it could be had.
    lsoa: Option<Arc<LsoaDistricts>>,
    /// Area id of each district of the LSOA table, once it has a record.
    district_areas: Vec<Option<u32>>,
    /// Areas that are districts of the LSOA table (the rest are named by the file).
    district_area: Vec<bool>,
    /// The last LSOA name looked up (codes the table lacks come in runs).
    last_lsoa: Option<(String, Placement)>,
    placed: [u64; 4],
    /// The category text of each `counted_as` entry.
    category_names: Vec<String>,
    /// The file being counted, and every file counted, when several are.
    source: u32,
    sources: Vec<String>,
    crimes: Option<CrimeIndex>,
    /// Street crime with LSOAs: where each record happened, for maps and
    /// concentration (see `LsoaTally`).
    places: Option<LsoaCounter>,
    /// Street crime placed in districts: the district of each map point the
    /// searches of the same download want, to place them by
    /// (`policeuk::shared_points`).
    points: Option<SharedPoints>,
}

fn key(measure: u32, area: u32, period: u32) -> u128 {
    (u128::from(measure) << 64) | (u128::from(area) << 32) | u128::from(period)
}

fn unpack(key: u128) -> (usize, usize, usize) {
    (
        (key >> 64) as u32 as usize,
        (key >> 32) as u32 as usize,
        key as u32 as usize,
    )
}

impl RecordCounter {
    /// `None` when the header lacks a column this kind of file is counted by.
    pub fn new(kind: RecordKind, header: &[String]) -> Option<RecordCounter> {
        let columns = columns(kind, header)?;
        Some(RecordCounter::with_places(RecordCounter {
            kind,
            columns,
            measures: Vec::new(),
            measure_ids: FastMap::default(),
            areas: Vec::new(),
            area_ids: FastMap::default(),
            last_area: None,
            periods: Vec::new(),
            period_index: FastMap::default(),
            period_ids: FastMap::default(),
            last_period: None,
            categories: FastMap::default(),
            counted_as: Vec::new(),
            tallies: FastMap::default(),
            body_rows: 0,
            lsoa: None,
            district_areas: Vec::new(),
            district_area: Vec::new(),
            last_lsoa: None,
            placed: [0; 4],
            category_names: Vec::new(),
            source: 0,
            sources: Vec::new(),
            crimes: None,
            places: None,
            points: None,
        }))
    }

    /// Street records with LSOAs are also counted where they happened.
    fn with_places(mut self) -> RecordCounter {
        if self.kind == RecordKind::StreetCrime && self.has_lsoa_columns() {
            self.places = Some(LsoaCounter::default());
        }
        self
    }

    /// Where the street records happened, by LSOA, crime type and month, and
    /// by map cell; `None` for other records or a street file with no LSOAs.
    pub fn take_lsoa_tally(&mut self, file: &str) -> Option<LsoaTally> {
        let places = self.places.take()?;
        Some(places.finish(file, &self.category_names, &self.periods))
            .filter(|t| !t.counts.is_empty())
    }

    /// Looks for the street records at these (searches') map points.
    pub fn share_points(&mut self, points: SharedPoints) {
        if self.kind == RecordKind::StreetCrime {
            self.points = Some(points);
        }
    }

    /// The searches' map points, each with the district of the street records
    /// placed in districts there (see `share_points`).
    pub fn take_shared_points(&mut self) -> Option<SharedPoints> {
        self.points.take()
    }

    /// The (force, month) pairs the records counted so far have a figure for,
    /// the force as `area_of` names it.
    pub fn months_by_area(&self) -> std::collections::HashSet<(String, Period)> {
        let mut pairs: std::collections::HashSet<(u32, u32)> = Default::default();
        for k in self.tallies.keys() {
            let (_, area, period) = unpack(*k);
            if !self.district_area.get(area).copied().unwrap_or(false) {
                pairs.insert((area as u32, period as u32));
            }
        }
        pairs
            .into_iter()
            .map(|(a, p)| (self.area_of(a).0, self.periods[p as usize]))
            .collect()
    }

    /// Street records are also counted by the district of their LSOA.
    pub fn with_lsoa(mut self, lsoa: Option<Arc<LsoaDistricts>>) -> RecordCounter {
        if self.kind == RecordKind::StreetCrime {
            self.district_areas = vec![None; lsoa.as_ref().map_or(0, |t| t.districts().len())];
            self.lsoa = lsoa;
        }
        self
    }

    /// Keeps each street crime's ID, type, month and areas, to link outcomes to.
    pub fn keep_crime_ids(&mut self) {
        if self.kind == RecordKind::StreetCrime && self.crimes.is_none() {
            self.crimes = Some(CrimeIndex::default());
        }
    }

    /// The crimes kept by `keep_crime_ids`, with the names their ids stand for.
    pub fn take_crime_index(&mut self) -> Option<CrimeIndex> {
        let mut index = self.crimes.take()?;
        index.categories = self.category_names.clone();
        index.areas = (0..self.areas.len() as u32)
            .map(|id| self.area_of(id))
            .collect();
        index.periods = self.periods.clone();
        Some(index)
    }

    /// Starts counting the next of several files; `false` (and nothing
    /// changes) when its header lacks a column this kind is counted by.
    pub fn start_source(&mut self, name: &str, header: &[String]) -> bool {
        let Some(columns) = columns(self.kind, header) else {
            return false;
        };
        self.columns = columns;
        if self.places.is_none() && self.kind == RecordKind::StreetCrime && self.has_lsoa_columns()
        {
            self.places = Some(LsoaCounter::default());
        }
        self.sources.push(name.to_string());
        self.source = (self.sources.len() - 1) as u32;
        true
    }

    /// Non-blank records counted so far (with a readable period or not).
    pub fn body_rows(&self) -> usize {
        self.body_rows
    }

    /// Whether records carry an LSOA to count them by district with.
    pub fn has_lsoa_columns(&self) -> bool {
        self.columns.lsoa_code.is_some() || self.columns.lsoa_name.is_some()
    }

    /// The columns a record is read from: period, category, area, age, LSOA
    /// code and name, crime ID, longitude and latitude.
    pub fn wanted(&self) -> [Option<usize>; MAX_WANTED] {
        let c = &self.columns;
        let places = self.lsoa.is_some() || self.places.is_some();
        let points = self.places.is_some();
        [
            Some(c.period),
            Some(c.category),
            c.area,
            c.age.map(age_column),
            c.lsoa_code.filter(|_| places),
            c.lsoa_name.filter(|_| places),
            c.crime_id.filter(|_| self.crimes.is_some()),
            c.longitude.filter(|_| points),
            c.latitude.filter(|_| points),
            None,
        ]
    }

    /// Counts one non-blank record; `field` reads a column of it.
    pub fn add<'a>(&mut self, row: usize, field: impl Fn(usize) -> Field<'a>) {
        self.body_rows += 1;
        let Some(period) = self.period_id(field(self.columns.period)) else {
            return;
        };
        let area = match self.columns.area.map(&field) {
            Some(f) => self.area_id(&f.text()),
            None => self.area_id(""),
        };
        let text = |c: Option<usize>| c.map(|c| field(c).text()).unwrap_or_default();
        let (lsoa_code, lsoa_name) = match self.lsoa.is_some() || self.places.is_some() {
            true => (text(self.columns.lsoa_code), text(self.columns.lsoa_name)),
            false => Default::default(),
        };
        let (district, placed_in) = match self.lsoa.is_some() {
            true => {
                let placement = self.place(&lsoa_code, &lsoa_name);
                let placed_in = match placement {
                    Placement::District(d) | Placement::DistrictByName(d) => Some(d),
                    _ => None,
                };
                (self.district_area_of(placement), placed_in)
            }
            false => (None, None),
        };
        let child = match (self.kind, self.columns.age) {
            (RecordKind::Stats19Casualties, Some(age)) => is_child(field(age_column(age)), age),
            _ => None,
        };
        let category = field(self.columns.category).text();
        let ids = self.measures_for(category.trim(), child);
        if let (Some(crimes), Some(column)) = (self.crimes.as_mut(), self.columns.crime_id) {
            crimes.insert(&field(column).text(), ids.0 as u32, period, area, district);
        }
        if let Some(places) = self.places.as_mut() {
            if !category.trim().is_empty() {
                let point = places.add(
                    &lsoa_code,
                    &lsoa_name,
                    placed_in.zip(self.lsoa.as_deref()),
                    ids.0 as u32,
                    period,
                    &text(self.columns.longitude),
                    &text(self.columns.latitude),
                );
                if let (Some(points), Some((longitude, latitude)), Some(d)) =
                    (self.points.as_mut(), point, placed_in)
                {
                    points.add(longitude, latitude, d);
                }
            }
        }
        let source = self.source;
        let ids = self.counted_as[ids.0][ids.1].as_deref().unwrap_or_default();
        for &measure in ids {
            for area in std::iter::once(area).chain(district) {
                let tally = self
                    .tallies
                    .entry(key(measure, area, period))
                    .or_insert(Tally {
                        count: 0,
                        first_row: row,
                        last_row: row,
                        first_source: source,
                        last_source: source,
                    });
                tally.count += 1;
                tally.last_row = row;
                tally.last_source = source;
            }
        }
    }

    /// Where a street record was, from its LSOA code, else its LSOA name. The
    /// code is read as a number and found among the table's runs: nothing is
    /// allocated for the usual record, whose code the table knows.
    fn place(&mut self, code: &str, name: &str) -> Placement {
        let Some(table) = &self.lsoa else {
            return Placement::Unknown;
        };
        if let Some(d) = table.by_code(code) {
            return Placement::District(d);
        }
        if code.trim().is_empty() && name.trim().is_empty() {
            return Placement::NoLocation;
        }
        if let Some((last_name, placement)) = &self.last_lsoa {
            if last_name == name {
                return *placement;
            }
        }
        let placement = match table.by_name(name) {
            Some(d) => Placement::DistrictByName(d),
            None => Placement::Unknown,
        };
        self.last_lsoa = Some((name.to_string(), placement));
        placement
    }

    /// The area id of the district a record was placed in, counting how it was placed.
    fn district_area_of(&mut self, placement: Placement) -> Option<u32> {
        let (district, tally) = match placement {
            Placement::District(d) => (Some(d), 0),
            Placement::DistrictByName(d) => (Some(d), 1),
            Placement::NoLocation => (None, 2),
            Placement::Unknown => (None, 3),
        };
        self.placed[tally] += 1;
        let d = usize::from(district?);
        if let Some(id) = self.district_areas[d] {
            return Some(id);
        }
        let name = self.lsoa.as_ref()?.districts()[d].name.clone();
        let id = self.areas.len() as u32;
        self.areas.push(name);
        self.district_area.resize(self.areas.len(), false);
        self.district_area[id as usize] = true;
        self.district_areas[d] = Some(id);
        Some(id)
    }

    /// What the reader should know about how records were placed by district.
    fn notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if self.kind == RecordKind::Stats19Casualties && self.columns.area.is_none() {
            notes.push(super::stats19::ALONE.to_string());
        }
        if self.kind != RecordKind::StreetCrime {
            return notes;
        }
        let [_, by_name, no_location, unknown] = self.placed;
        let records = |n: u64| {
            if n == 1 {
                "1 record".to_string()
            } else {
                format!("{} records", format::count(n as f64))
            }
        };
        if self.lsoa.is_none() {
            if self.has_lsoa_columns() {
                notes.push(LSOA_NOT_LOADED.to_string());
            }
            return notes;
        }
        if no_location > 0 {
            notes.push(format!(
                "{} had no location (no LSOA): counted for the force, not for any district.",
                records(no_location)
            ));
        }
        if unknown > 0 {
            notes.push(format!(
                "{} had an LSOA the lookup does not know: counted for the force, not for any district.",
                records(unknown)
            ));
        }
        if by_name > 0 {
            notes.push(format!(
                "{} had an LSOA code the lookup does not know and were placed by the district their LSOA name begins with.",
                records(by_name)
            ));
        }
        notes.push(
            "Districts are those of each record's LSOA (ONS 2022 districts); a district's count includes only the forces' files loaded."
                .to_string(),
        );
        notes
    }

    /// Where in `counted_as` the measures of this category and age are.
    fn measures_for(&mut self, category: &str, child: Option<bool>) -> (usize, usize) {
        let age = match child {
            None => 0,
            Some(false) => 1,
            Some(true) => 2,
        };
        let index = match self.categories.get(category) {
            Some(&index) => index,
            None => {
                self.counted_as.push([None, None, None]);
                self.category_names.push(category.to_string());
                let index = self.counted_as.len() - 1;
                self.categories.insert(category.to_string(), index);
                index
            }
        };
        if self.counted_as[index][age].is_none() {
            let ids = measures_of(self.kind, category, child)
                .into_iter()
                .map(|m| self.measure_id(m))
                .collect();
            self.counted_as[index][age] = Some(ids);
        }
        (index, age)
    }

    fn period_id(&mut self, field: Field) -> Option<u32> {
        let text = match field {
            Field::Cell(Cell::Text(t)) => t.as_str(),
            Field::Text(t) => t,
            Field::Cell(cell) => {
                let period = period_of(cell, self.kind)?;
                return self.intern_period(period);
            }
        };
        if let Some((last, id)) = &self.last_period {
            if last == text {
                return *id;
            }
        }
        let id = match self.period_ids.get(text) {
            Some(&id) => id,
            None => {
                let id = period_of_text(text, self.kind).and_then(|p| self.intern_period(p));
                self.period_ids.insert(text.to_string(), id);
                id
            }
        };
        self.last_period = Some((text.to_string(), id));
        id
    }

    fn intern_period(&mut self, period: Period) -> Option<u32> {
        let next = self.periods.len() as u32;
        let id = *self.period_index.entry(period).or_insert(next);
        if id == next {
            self.periods.push(period);
        }
        Some(id)
    }

    fn area_id(&mut self, text: &str) -> u32 {
        if let Some((last, id)) = &self.last_area {
            if last == text {
                return *id;
            }
        }
        let area = match text.trim() {
            "" => NOT_STATED,
            area => area,
        };
        let id = match self.area_ids.get(area) {
            Some(&id) => id,
            None => {
                let id = self.areas.len() as u32;
                self.areas.push(area.to_string());
                self.district_area.resize(self.areas.len(), false);
                self.area_ids.insert(area.to_string(), id);
                id
            }
        };
        self.last_area = Some((text.to_string(), id));
        id
    }

    /// The area a `CrimeIndex` entry's area id stands for, with its level.
    pub fn area_of(&self, id: u32) -> (String, AreaLevel) {
        let name = &self.areas[id as usize];
        if self.district_area[id as usize] {
            (name.clone(), AreaLevel::District)
        } else if name == NOT_STATED {
            (name.clone(), AreaLevel::Other)
        } else if self.kind == RecordKind::StreetCrime {
            super::policeuk::force_area(name)
        } else {
            areas::normalise(name)
        }
    }

    fn measure_id(&mut self, name: String) -> u32 {
        if let Some(&id) = self.measure_ids.get(&name) {
            return id;
        }
        let id = self.measures.len() as u32;
        self.measures.push(name.clone());
        self.measure_ids.insert(name, id);
        id
    }

    /// The counts as observations, each naming the rows it counted, and the
    /// table's summary. `origin_row` is the sheet row of row 0; `last_row` the
    /// last row of the table and `width` its columns, for its range.
    pub fn finish(
        self,
        file: &str,
        sheet: &str,
        origin: (u32, u32),
        header_row: usize,
        last_row: usize,
        header: &[String],
    ) -> (Vec<Observation>, TableSummary) {
        let category_letter = a1(0, self.columns.category)
            .trim_end_matches('1')
            .to_string();
        let notes = self.notes();
        let areas: Vec<(String, AreaLevel)> = (0..self.areas.len() as u32)
            .map(|id| self.area_of(id))
            .collect();
        let mut counted: Vec<_> = self
            .tallies
            .into_iter()
            .map(|(key, tally)| (unpack(key), tally))
            .collect();
        counted.sort_by(|((m1, a1_, p1), _), ((m2, a2, p2), _)| {
            (&self.measures[*m1], &areas[*a1_], &self.periods[*p1]).cmp(&(
                &self.measures[*m2],
                &areas[*a2],
                &self.periods[*p2],
            ))
        });
        let sources = &self.sources;
        let observations: Vec<Observation> = counted
            .into_iter()
            .map(|((measure, area, period), tally)| {
                let period = self.periods[period];
                let measure = self.measures[measure].clone();
                let (area, area_level) = areas[area].clone();
                let first = origin.0 as usize + tally.first_row + 1;
                let last = origin.0 as usize + tally.last_row + 1;
                let source = |s: u32| sources.get(s as usize).cloned();
                let (sheet, rows) = match (source(tally.first_source), source(tally.last_source)) {
                    (Some(a), Some(b)) if a != b => (
                        a.clone(),
                        format!(
                            "row {first} of {a} to row {last} of {b}, column {category_letter}"
                        ),
                    ),
                    (Some(a), _) => (
                        a,
                        format!("rows {first}–{last} of column {category_letter}"),
                    ),
                    _ => (
                        sheet.to_string(),
                        format!("rows {first}–{last} of column {category_letter}"),
                    ),
                };
                Observation {
                    source: Provenance {
                        file: file.to_string(),
                        sheet,
                        cell: format!("{rows}, counted for {} in {}", measure, period.label()),
                    },
                    measure,
                    category: None,
                    area,
                    area_level,
                    period,
                    value: Value::Number(tally.count as f64),
                    unit: Unit::Count,
                }
            })
            .collect();
        let mut measures: Vec<String> = observations.iter().map(|o| o.measure.clone()).collect();
        measures.sort();
        measures.dedup();
        let width = header.len().max(1);
        let corner = |row: usize, col: usize| a1(origin.0 as usize + row, origin.1 as usize + col);
        let summary = TableSummary {
            file: file.to_string(),
            sheet: sheet.to_string(),
            range: format!(
                "{}:{}",
                corner(header_row, 0),
                corner(last_row.max(header_row), width - 1)
            ),
            shape: TableShape::Records,
            header: header.to_vec(),
            body_rows: self.body_rows,
            observations: observations.len(),
            measures,
            mapping: None,
            reading: Default::default(),
            notes,
        };
        (observations, summary)
    }
}

impl RowCounter for RecordCounter {
    fn wanted(&self) -> [Option<usize>; MAX_WANTED] {
        RecordCounter::wanted(self)
    }

    fn add_fields(&mut self, row: usize, fields: &[&str; MAX_WANTED]) {
        let wanted = RecordCounter::wanted(self);
        self.add(row, |column| {
            let at = wanted.iter().position(|&w| w == Some(column));
            match at.map(|i| fields[i]) {
                Some(text) if !text.trim().is_empty() => Field::Text(text),
                _ => Field::Cell(&Cell::Empty),
            }
        });
    }
}

/// Rows counted per call of `count_rows`.
const ROWS_PER_CALL: usize = 10_000;

/// Counts some rows of a grid. A separate function called again and again, on
/// purpose: WebAssembly engines switch a function to optimised code only for
/// its next call, so one long-running call would stay in the slow first tier.
#[inline(never)]
fn count_rows(counter: &mut RecordCounter, grid: &Grid, rows: std::ops::Range<usize>) {
    for row in rows {
        if grid.rows[row].iter().all(Cell::is_empty) {
            continue;
        }
        counter.add(row, |col| Field::Cell(grid.cell(row, col)));
    }
}

/// Counts the records of a sheet already read as a grid.
pub fn aggregate(
    file: &str,
    sheet: &Sheet,
    header_row: usize,
    kind: RecordKind,
    header: &[String],
    lsoa: Option<Arc<LsoaDistricts>>,
) -> Option<(Vec<Observation>, TableSummary, Option<LsoaTally>)> {
    let grid = &sheet.grid;
    let mut counter = RecordCounter::new(kind, header)?.with_lsoa(lsoa);
    let mut from = header_row + 1;
    while from < grid.rows.len() {
        let to = (from + ROWS_PER_CALL).min(grid.rows.len());
        count_rows(&mut counter, grid, from..to);
        from = to;
    }
    let tally = counter.take_lsoa_tally(file);
    let (observations, summary) = counter.finish(
        file,
        &sheet.name,
        grid.origin,
        header_row,
        grid.rows.len().saturating_sub(1),
        header,
    );
    Some((observations, summary, tally))
}

fn period_of(cell: &Cell, kind: RecordKind) -> Option<Period> {
    match (kind, cell) {
        (RecordKind::Stats19Casualties, Cell::Number(y)) if (1900.0..=2200.0).contains(y) => {
            Some(Period::calendar_year(*y as i32))
        }
        (RecordKind::Stats19Casualties, Cell::Date(d)) => Some(Period::calendar_year(d.year)),
        (RecordKind::StreetCrime, Cell::Date(d)) => Some(Period::month(d.year, d.month)),
        (_, Cell::Text(t)) => period_of_text(t, kind),
        _ => None,
    }
}

fn period_of_text(text: &str, kind: RecordKind) -> Option<Period> {
    let t = text.trim();
    match kind {
        RecordKind::Stats19Casualties => {
            if let Ok(y) = t.parse::<i32>() {
                return (1900..=2200).contains(&y).then(|| Period::calendar_year(y));
            }
            // A full date ("14/01/2015"): count it in its calendar year.
            Period::parse(t).map(|p| Period::calendar_year(p.start().year))
        }
        RecordKind::StreetCrime => Period::parse(t).filter(|p| p.months() == 1),
    }
}

/// The measures one record counts towards, from its category and whether the
/// casualty was a child (`None` when not known).
fn measures_of(kind: RecordKind, category: &str, child: Option<bool>) -> Vec<String> {
    match kind {
        RecordKind::StreetCrime => {
            if category.is_empty() {
                return Vec::new();
            }
            let mut measures = vec![category.to_string()];
            if !category.eq_ignore_ascii_case("anti-social behaviour") {
                measures.push("All crime (excluding anti-social behaviour)".to_string());
            }
            measures
        }
        RecordKind::Stats19Casualties => {
            let severity = match category {
                "1" => "Fatal",
                "2" => "Serious",
                "3" => "Slight",
                _ => return vec!["Road casualties".to_string()],
            };
            let ksi = severity != "Slight";
            let mut measures = vec![
                "Road casualties".to_string(),
                format!("{severity} casualties"),
            ];
            if ksi {
                measures.push("KSI casualties".to_string());
            }
            if child == Some(true) {
                measures.push("Child casualties".to_string());
                measures.push(if ksi {
                    "Child KSI casualties".to_string()
                } else {
                    "Child slight casualties".to_string()
                });
            }
            measures
        }
    }
}

fn age_column(age: Age) -> usize {
    match age {
        Age::Years(c) | Age::Band(c) => c,
    }
}

/// Child means aged 0–15; `None` when the age is not known.
fn is_child(field: Field, age: Age) -> Option<bool> {
    let value: f64 = match field {
        Field::Cell(Cell::Number(n)) => *n,
        Field::Cell(Cell::Text(t)) => t.trim().parse().ok()?,
        Field::Text(t) => t.trim().parse().ok()?,
        _ => return None,
    };
    if value < 0.0 {
        return None;
    }
    Some(match age {
        Age::Years(_) => value <= 15.0,
        Age::Band(_) => (1.0..=3.0).contains(&value),
    })
}
