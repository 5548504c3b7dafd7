//! police.uk stop-and-search files: one row per search. Counted as one measure,
//! "Stop and search", by month, with breakdowns by object of search,
//! legislation, outcome, age range and self-defined ethnicity. The rows carry
//! no force and no LSOA: the force is the one the file is named after.
//!
//! Each search is also counted for a district where its map point is shared
//! with the street crimes of the same download (`SharedPoints`) and that
//! district lies in the force's area; every search stays in the force's
//! count, and the force's breakdown "Where counted" says how each was (or why
//! it was not) placed: no location, a point no street crime shares, a point
//! street crimes of several districts share, or a point in another force's area.

use super::super::records::{RowCounter, MAX_WANTED};
use super::lsoa::LsoaDistricts;
use super::lsoa_counter::micro_degrees;
use super::shared_points::{PointDistrict, SharedPoints};
use super::tally::Tallies;
use super::{month_of, NOT_STATED};
use crate::core::areas::AreaLevel;
use crate::core::geography::{self, Kind};
use crate::core::period::Period;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

pub const MEASURE: &str = "Stop and search";
/// A district's searches, placed there by map point: a measure of its own, as
/// a force's searches without a location stay with the force, so the district's
/// figure is a part of the force's and must never be read against it as alike.
pub const PLACED_MEASURE: &str = "Stop and search placed by map point";

/// The force's breakdown of its searches by where they were counted.
pub const PLACEMENT: &str = "Where counted";
/// Its categories, each a reason a search was (or was not) placed in a district.
pub const PLACED: &str = "In a district of the force";
pub const PLACED_OTHER_MONTHS: &str = "In a district of the force, by other months' street crimes";
pub const NO_LOCATION: &str = "No location";
pub const NOT_SHARED: &str = "Location not shared with a street crime";
pub const AMBIGUOUS: &str = "Location shared by street crimes of more than one district";
pub const OTHER_FORCE: &str = "Location in another force's area";

/// The breakdowns, as the category's prefix and the column's header.
const BREAKDOWNS: [(&str, &str); 5] = [
    ("Object of search", "objectofsearch"),
    ("Legislation", "legislation"),
    ("Outcome", "outcome"),
    ("Age range", "agerange"),
    ("Self-defined ethnicity", "selfdefinedethnicity"),
];

fn find(header: &[String], name: &str) -> Option<usize> {
    header
        .iter()
        .position(|h| h.to_lowercase().replace([' ', '_', '-'], "") == name)
}

/// Whether a header is a stop-and-search file's.
pub fn recognise(header: &[String]) -> bool {
    find(header, "date").is_some()
        && find(header, "objectofsearch").is_some()
        && find(header, "legislation").is_some()
}

/// What searches are placed by: the street crimes' map points, the LSOA
/// lookup naming their districts, and the months each force's street files cover.
pub struct Placing {
    pub points: SharedPoints,
    pub lsoa: Arc<LsoaDistricts>,
    /// (force as the street counter names it, month) with street records.
    pub street_months: HashSet<(String, Period)>,
}

/// How one search was counted, as the force's "Where counted" says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Place {
    District(u16, bool),
    NoLocation,
    NotShared,
    Ambiguous,
    OtherForce,
}

impl Place {
    fn label(self) -> &'static str {
        match self {
            Place::District(_, true) => PLACED,
            Place::District(_, false) => PLACED_OTHER_MONTHS,
            Place::NoLocation => NO_LOCATION,
            Place::NotShared => NOT_SHARED,
            Place::Ambiguous => AMBIGUOUS,
            Place::OtherForce => OTHER_FORCE,
        }
    }
}

/// How many searches were counted each way, for the table's notes.
#[derive(Default)]
pub struct Placed {
    pub placed: usize,
    pub no_location: usize,
    pub not_shared: usize,
    pub ambiguous: usize,
    pub other_force: usize,
    /// Force and month of searches placed without a street file of that month.
    pub other_months: std::collections::BTreeSet<(String, Period)>,
}

pub struct StopSearchCounter {
    tallies: Tallies,
    date: usize,
    breakdowns: [Option<usize>; 5],
    longitude: Option<usize>,
    latitude: Option<usize>,
    source: u32,
    area: u32,
    measure: u32,
    /// The measure a district's placed searches are counted under.
    placed_measure: u32,
    /// Category ids per breakdown, by the text last seen, to skip re-interning.
    categories: Vec<std::collections::HashMap<String, u32>>,
    last_month: Option<(String, Option<u32>)>,
    placing: Option<Placing>,
    /// The current file's force, as named, and which of the lookup's
    /// districts lie in its area (by force name, worked out once each).
    force: String,
    in_force: HashMap<String, Vec<bool>>,
    /// Tally ids: each district of the lookup's area, each place's category.
    district_areas: HashMap<u16, u32>,
    place_categories: HashMap<&'static str, u32>,
    pub placed: Placed,
    pub rows: usize,
    pub undated: usize,
}

/// Reads the map points of a stop-and-search file's rows, to look for
/// among the street records.
pub struct PointsWanted<'a> {
    longitude: usize,
    latitude: usize,
    points: &'a mut SharedPoints,
}

impl<'a> PointsWanted<'a> {
    /// `None` when the header is not a stop-and-search file's with coordinates.
    pub fn new(header: &[String], points: &'a mut SharedPoints) -> Option<PointsWanted<'a>> {
        if !recognise(header) {
            return None;
        }
        Some(PointsWanted {
            longitude: find(header, "longitude")?,
            latitude: find(header, "latitude")?,
            points,
        })
    }
}

impl RowCounter for PointsWanted<'_> {
    fn wanted(&self) -> [Option<usize>; MAX_WANTED] {
        let mut wanted = [None; MAX_WANTED];
        wanted[0] = Some(self.longitude);
        wanted[1] = Some(self.latitude);
        wanted
    }

    fn add_fields(&mut self, _: usize, fields: &[&str; MAX_WANTED]) {
        if let (Some(lon), Some(lat)) = (micro_degrees(fields[0]), micro_degrees(fields[1])) {
            self.points.want(lon, lat);
        }
    }
}

/// Which districts of the lookup lie in the force's area, by the built-in
/// geography; none for a force it does not know (British Transport Police).
fn districts_in_force(force: &str, lsoa: &LsoaDistricts) -> Vec<bool> {
    let geo = geography::national();
    let whole = geo
        .areas()
        .iter()
        .position(|a| a.kind == Kind::Force && a.is_current() && a.name == force)
        .and_then(|id| geo.pieces_of(id));
    lsoa.districts()
        .iter()
        .map(|d| {
            let Some(whole) = &whole else {
                return false;
            };
            geo.id_of_code(&d.code)
                .and_then(|id| geo.pieces_of(id))
                .is_some_and(|pieces| pieces.is_subset(whole))
        })
        .collect()
}

impl StopSearchCounter {
    pub fn new() -> StopSearchCounter {
        let mut tallies = Tallies::new();
        let measure = tallies.measure(MEASURE);
        let placed_measure = tallies.measure(PLACED_MEASURE);
        StopSearchCounter {
            placed_measure,
            tallies,
            date: 0,
            breakdowns: [None; 5],
            longitude: None,
            latitude: None,
            source: 0,
            area: 0,
            measure,
            categories: vec![Default::default(); 5],
            last_month: None,
            placing: None,
            force: String::new(),
            in_force: HashMap::new(),
            district_areas: HashMap::new(),
            place_categories: HashMap::new(),
            placed: Placed::default(),
            rows: 0,
            undated: 0,
        }
    }

    /// Searches are placed in districts by these street crimes' map points
    /// (given before the first file, when the download has street crimes
    /// placed in districts).
    pub fn place_by(&mut self, placing: Placing) {
        self.placing = Some(placing);
    }

    /// Whether searches are being placed in districts.
    pub fn placing(&self) -> bool {
        self.placing.is_some()
    }

    /// Where a search at this point, of this month, is counted.
    fn place(&mut self, longitude: &str, latitude: &str, month: Period) -> Option<Place> {
        let placing = self.placing.as_ref()?;
        let (Some(lon), Some(lat)) = (micro_degrees(longitude), micro_degrees(latitude)) else {
            return Some(Place::NoLocation);
        };
        Some(match placing.points.get(lon, lat) {
            PointDistrict::NotShared => Place::NotShared,
            PointDistrict::Ambiguous => Place::Ambiguous,
            PointDistrict::District(d) => {
                let force = &self.force;
                if !self.in_force.contains_key(force) {
                    let mask = districts_in_force(force, &placing.lsoa);
                    self.in_force.insert(force.clone(), mask);
                }
                if self.in_force[force].get(usize::from(d)) == Some(&true) {
                    let covered = placing.street_months.contains(&(self.force.clone(), month));
                    Place::District(d, covered)
                } else {
                    Place::OtherForce
                }
            }
        })
    }

    fn count_place(&mut self, place: Place, month: Period) {
        let p = &mut self.placed;
        match place {
            Place::District(_, covered) => {
                p.placed += 1;
                if !covered {
                    p.other_months.insert((self.force.clone(), month));
                }
            }
            Place::NoLocation => p.no_location += 1,
            Place::NotShared => p.not_shared += 1,
            Place::Ambiguous => p.ambiguous += 1,
            Place::OtherForce => p.other_force += 1,
        }
    }

    /// The tally's area id of a district of the lookup.
    fn district_area(&mut self, d: u16) -> Option<u32> {
        if let Some(&id) = self.district_areas.get(&d) {
            return Some(id);
        }
        let name = self.placing.as_ref()?.lsoa.district(d).name.clone();
        let id = self.tallies.area(&name, AreaLevel::District);
        self.tallies.note_area(
            id,
            &format!(
                "placed in {name} by map points shared with street crimes of the same download"
            ),
        );
        self.district_areas.insert(d, id);
        Some(id)
    }

    fn place_category(&mut self, place: Place) -> u32 {
        let label = place.label();
        if let Some(&id) = self.place_categories.get(label) {
            return id;
        }
        let id = self
            .tallies
            .category(Some(&format!("{PLACEMENT} · {label}")));
        self.place_categories.insert(label, id);
        id
    }

    /// Starts the next file, counted for `force`; `false` when its header is not
    /// a stop-and-search file's.
    pub fn start_source(
        &mut self,
        name: &str,
        header: &[String],
        force: (&str, AreaLevel),
    ) -> bool {
        let Some(date) = find(header, "date") else {
            return false;
        };
        self.date = date;
        for (slot, (_, column)) in self.breakdowns.iter_mut().zip(BREAKDOWNS) {
            *slot = find(header, column);
        }
        self.longitude = find(header, "longitude");
        self.latitude = find(header, "latitude");
        self.source = self.tallies.source(name);
        self.area = self.tallies.area(force.0, force.1);
        self.force = force.0.to_string();
        true
    }

    pub fn tallies(self) -> Tallies {
        self.tallies
    }
}

impl RowCounter for StopSearchCounter {
    fn wanted(&self) -> [Option<usize>; MAX_WANTED] {
        let b = self.breakdowns;
        [
            Some(self.date),
            b[0],
            b[1],
            b[2],
            b[3],
            b[4],
            self.longitude,
            self.latitude,
            None,
            None,
        ]
    }

    fn add_fields(&mut self, row: usize, fields: &[&str; MAX_WANTED]) {
        self.rows += 1;
        let date = fields[0].trim();
        let period = match &self.last_month {
            Some((text, id)) if text == date => *id,
            _ => {
                let id = month_of(date).map(|p| self.tallies.period(p));
                self.last_month = Some((date.to_string(), id));
                id
            }
        };
        let Some(period) = period else {
            self.undated += 1;
            return;
        };
        let at = (self.source, row);
        let month = self.tallies.period_of(period);
        let place = self.place(fields[6], fields[7], month);
        let district = match place {
            Some(Place::District(d, _)) => self.district_area(d),
            _ => None,
        };
        let areas = [
            Some((self.measure, self.area)),
            district.map(|d| (self.placed_measure, d)),
        ];
        for &(measure, area) in areas.iter().flatten() {
            self.tallies
                .add([measure, 0, area, period], 1.0, at, self.date);
        }
        if let Some(place) = place {
            self.count_place(place, month);
            let category = self.place_category(place);
            let column = self.longitude.unwrap_or(self.date);
            self.tallies
                .add([self.measure, category, self.area, period], 1.0, at, column);
        }
        for (i, (label, _)) in BREAKDOWNS.iter().enumerate() {
            let Some(column) = self.breakdowns[i] else {
                continue;
            };
            let text = match fields[i + 1].trim() {
                "" => NOT_STATED,
                t => t,
            };
            let category = match self.categories[i].get(text) {
                Some(&id) => id,
                None => {
                    let id = self.tallies.category(Some(&format!("{label} · {text}")));
                    self.categories[i].insert(text.to_string(), id);
                    id
                }
            };
            for &(measure, area) in areas.iter().flatten() {
                self.tallies
                    .add([measure, category, area, period], 1.0, at, column);
            }
        }
    }
}
