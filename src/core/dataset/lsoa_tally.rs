//! Where street crime happened: police.uk street records counted by LSOA,
//! crime type and month, and by a coarse grid of their map points, kept with
//! the imported data (in `dataset.v1` and in the import worker's message) so
//! maps, concentration and deprivation can be worked out for any district,
//! crime type and period without the file.
//!
//! police.uk's coordinates are already anonymised: each record is snapped to
//! the nearest of a set of map points. The grid coarsens further, to cells of
//! about 200 m (larger when a file spans so much country that the grid would
//! pass `MAX_GRID_CELLS`), so what is kept is bounded whatever the file.

use super::packed_counts::PackedCounts;
use crate::core::period::Period;
use serde::{Deserialize, Serialize};

/// The measure police.uk street records count as all crime, as the importer names it.
pub const ALL_CRIME: &str = "All crime (excluding anti-social behaviour)";

/// The crime type not counted in all crime.
pub const ANTI_SOCIAL_BEHAVIOUR: &str = "Anti-social behaviour";

/// The grid's finest cell, in millionths of a degree: 0.002° of latitude
/// (about 220 m) by 0.003° of longitude (about 200 m in England).
pub const GRID_LAT_MICRO: i64 = 2_000;
pub const GRID_LON_MICRO: i64 = 3_000;

/// The most (district, cell, crime type, month) entries a grid keeps; past
/// it, cells double in size until it fits.
pub const MAX_GRID_CELLS: usize = 150_000;

/// Which census's LSOAs a code belongs to: most codes are the same in 2011
/// and 2021; LSOAs split or merged in 2021 have codes of one census only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LsoaVintage {
    Both,
    Only2011,
    Only2021,
}

/// A district as the LSOA lookup names it (ONS 2022 code and name).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TallyDistrict {
    pub code: String,
    pub name: String,
    /// How many LSOAs the district has by the 2011 census's codes and by
    /// 2021's, from the ONS lookup (`None` when it was not loaded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lsoa_counts: Option<(u32, u32)>,
}

/// An LSOA the records named.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TalliedLsoa {
    /// ONS code as the file gives it ("E01024500"), 2011 or 2021.
    pub code: String,
    /// The name the file gives it ("Tunbridge Wells 012C").
    pub name: String,
    /// Index into `LsoaTally::districts`; `None` when the lookup could not place it.
    pub district: Option<u16>,
    /// Which census's codes it belongs to, where the lookup knows the code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vintage: Option<LsoaVintage>,
}

/// Counts of the records by map cell (see `GRID_LAT_MICRO`): cell `(x, y)` at
/// `level` covers longitudes `x · GRID_LON_MICRO · 2^level` millionths of a
/// degree onwards, and latitudes likewise.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DensityGrid {
    pub level: u8,
    /// The lowest cell column and row, and how many there are.
    pub x0: i64,
    pub y0: i64,
    pub width: u64,
    pub height: u64,
    /// Keyed by ((((district + 1) · height + row) · width + column) · types +
    /// type) · months + month; district 0 is a record the lookup did not place.
    pub counts: PackedCounts,
}

/// The street records of one imported file (a CSV, a workbook, or a police.uk
/// download of many months), counted where they happened.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LsoaTally {
    /// The imported file these records came from (its name in the provenance).
    pub file: String,
    pub districts: Vec<TallyDistrict>,
    pub lsoas: Vec<TalliedLsoa>,
    /// police.uk's crime types as the file spells them, sorted.
    pub crime_types: Vec<String>,
    /// The months the file's records fall in, in order.
    pub months: Vec<Period>,
    /// Keyed by (lsoa · types + type) · months + month.
    pub counts: PackedCounts,
    pub grid: DensityGrid,
    /// Records in the file with no LSOA (police.uk's "No location"), not in `counts`.
    #[serde(default)]
    pub no_location: u64,
}

/// Which crime a query counts: the types a measure stands for.
fn counts_type(measure: &str, crime_type: &str) -> bool {
    if measure == ALL_CRIME {
        !crime_type.eq_ignore_ascii_case(ANTI_SOCIAL_BEHAVIOUR) && !crime_type.is_empty()
    } else {
        crime_type == measure
    }
}

/// Whether a month lies within a period.
fn within(period: Period, month: Period) -> bool {
    let first = period.first_month_index();
    let m = month.first_month_index();
    m >= first && m < first + i64::from(period.months())
}

fn same_district(d: &TallyDistrict, wanted: &str) -> bool {
    let wanted = wanted.trim();
    d.name.eq_ignore_ascii_case(wanted) || d.code.eq_ignore_ascii_case(wanted)
}

impl LsoaTally {
    /// (lsoa, type, month, count) for every counted cell.
    pub fn cells(&self) -> impl Iterator<Item = (usize, usize, usize, u32)> + '_ {
        let types = self.crime_types.len().max(1) as u64;
        let months = self.months.len().max(1) as u64;
        self.counts.entries().iter().map(move |&(key, count)| {
            let month = key % months;
            let rest = key / months;
            (
                (rest / types) as usize,
                (rest % types) as usize,
                month as usize,
                count,
            )
        })
    }

    /// (type, month, count) for every counted cell of one LSOA.
    pub fn cells_of(&self, lsoa: usize) -> impl Iterator<Item = (usize, usize, u32)> + '_ {
        let types = self.crime_types.len().max(1) as u64;
        let months = self.months.len().max(1) as u64;
        let (from, to) = (
            lsoa as u64 * types * months,
            (lsoa as u64 + 1) * types * months,
        );
        let entries = self.counts.entries();
        let start = entries.partition_point(|e| e.0 < from);
        entries[start..]
            .iter()
            .take_while(move |e| e.0 < to)
            .map(move |&(key, count)| {
                let within = key - from;
                (
                    (within / months) as usize,
                    (within % months) as usize,
                    count,
                )
            })
    }

    /// Every record counted by LSOA.
    pub fn total(&self) -> u64 {
        self.counts.total()
    }

    /// Whether the stored indices agree with the lists they point into (a
    /// damaged or hand-edited store is refused rather than misread).
    pub fn is_consistent(&self) -> bool {
        let cells =
            self.lsoas.len() as u64 * self.crime_types.len() as u64 * self.months.len() as u64;
        let grid_cells = (self.districts.len() as u64 + 1)
            * self.grid.width
            * self.grid.height
            * self.crime_types.len() as u64
            * self.months.len() as u64;
        self.counts.entries().last().is_none_or(|e| e.0 < cells)
            && self
                .grid
                .counts
                .entries()
                .last()
                .is_none_or(|e| e.0 < grid_cells)
            && self.lsoas.iter().all(|l| {
                l.district
                    .is_none_or(|d| usize::from(d) < self.districts.len())
            })
    }
}

/// One LSOA's count for a query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LsoaCount {
    pub code: String,
    pub name: String,
    /// Records of the crime asked for in the period.
    pub count: u64,
    /// The same by month, alongside `DistrictCounts::months`.
    pub by_month: Vec<u64>,
}

/// The street records of one district for a crime and period, by LSOA.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DistrictCounts {
    pub district: TallyDistrict,
    /// The months of the period for which the loaded files hold records in
    /// this district (of any type): only there is an LSOA's zero a real zero.
    pub months: Vec<Period>,
    /// The months of the period with no street record in the district loaded.
    pub months_missing: Vec<Period>,
    /// Every LSOA of the district that any loaded record named (any type, any
    /// month), sorted by code; its count may be zero for this crime and period.
    pub lsoas: Vec<LsoaCount>,
    /// The files the records came from.
    pub files: Vec<String>,
    /// How many LSOAs the district has (from the ONS lookup, by the census
    /// whose codes the records use), counting those with no record; `None`
    /// when the lookup was not loaded at import.
    pub lsoas_in_district: Option<u32>,
    /// Which census's LSOA codes the records use, as a phrase ("2011",
    /// "2021", "2011 and 2021 (files on both)").
    pub census: String,
}

impl DistrictCounts {
    pub fn total(&self) -> u64 {
        self.lsoas.iter().map(|l| l.count).sum()
    }
}

/// The districts the street records were placed in, by name.
pub fn tallied_districts(tallies: &[LsoaTally]) -> Vec<TallyDistrict> {
    let mut all: Vec<TallyDistrict> = tallies
        .iter()
        .flat_map(|t| t.districts.iter().cloned())
        .collect();
    crate::core::sorting::sort_by(&mut all, |a, b| {
        a.name.cmp(&b.name).then(a.code.cmp(&b.code))
    });
    all.dedup();
    all
}

/// Every crime type in the street records, sorted.
pub fn tallied_crime_types(tallies: &[LsoaTally]) -> Vec<String> {
    let mut all: Vec<String> = tallies
        .iter()
        .flat_map(|t| t.crime_types.iter().cloned())
        .collect();
    crate::core::sorting::sort(&mut all);
    all.dedup();
    all
}

/// Every month the street records cover, in order.
pub fn tallied_months(tallies: &[LsoaTally]) -> Vec<Period> {
    let mut all: Vec<Period> = tallies
        .iter()
        .flat_map(|t| t.months.iter().copied())
        .collect();
    crate::core::sorting::sort_by_key(&mut all, Period::first_month_index);
    all.dedup_by_key(|p| p.first_month_index());
    all
}

/// The district's street records (named by ONS name or code) of `measure` (a
/// crime type, or `ALL_CRIME`) in the months of `period`, by LSOA; `None`
/// when no loaded record was placed in that district.
pub fn district_counts(
    tallies: &[LsoaTally],
    district: &str,
    measure: &str,
    period: Period,
) -> Option<DistrictCounts> {
    let mut found: Option<TallyDistrict> = None;
    let mut months: Vec<i64> = Vec::new();
    // (code, name) → (count, month index → count)
    let mut by_lsoa: std::collections::BTreeMap<String, (String, Vec<(i64, u64)>)> =
        Default::default();
    let mut files = Vec::new();
    // (seen a 2011-only code, seen a 2021-only code), and the lookup's counts.
    let mut seen = (false, false);
    let mut lookup_counts: Option<(u32, u32)> = None;
    for tally in tallies {
        let Some(d) = tally
            .districts
            .iter()
            .position(|d| same_district(d, district))
        else {
            continue;
        };
        found.get_or_insert_with(|| tally.districts[d].clone());
        lookup_counts = lookup_counts.or(tally.districts[d].lsoa_counts);
        files.push(tally.file.clone());
        let in_district: Vec<bool> = tally
            .lsoas
            .iter()
            .map(|l| l.district == Some(d as u16))
            .collect();
        let wanted_type: Vec<bool> = tally
            .crime_types
            .iter()
            .map(|t| counts_type(measure, t))
            .collect();
        let wanted_month: Vec<bool> = tally.months.iter().map(|&m| within(period, m)).collect();
        for (i, lsoa) in tally.lsoas.iter().enumerate() {
            if in_district[i] {
                match lsoa.vintage {
                    Some(LsoaVintage::Only2011) => seen.0 = true,
                    Some(LsoaVintage::Only2021) => seen.1 = true,
                    _ => {}
                }
                by_lsoa
                    .entry(lsoa.code.clone())
                    .or_insert_with(|| (lsoa.name.clone(), Vec::new()));
            }
        }
        // Only the district's LSOAs are read: each one's cells are a run of
        // the sorted keys, found by binary search.
        let mut month_seen = vec![false; tally.months.len()];
        for (lsoa, _) in in_district.iter().enumerate().filter(|(_, &inside)| inside) {
            let code = &tally.lsoas[lsoa].code;
            for (crime_type, month, count) in tally.cells_of(lsoa) {
                if !wanted_month.get(month).copied().unwrap_or(false) {
                    continue;
                }
                month_seen[month] = true;
                if wanted_type.get(crime_type).copied().unwrap_or(false) {
                    if let Some(entry) = by_lsoa.get_mut(code) {
                        entry
                            .1
                            .push((tally.months[month].first_month_index(), u64::from(count)));
                    }
                }
            }
        }
        months.extend(
            month_seen
                .iter()
                .zip(&tally.months)
                .filter(|(seen, _)| **seen)
                .map(|(_, m)| m.first_month_index()),
        );
    }
    let district = found?;
    let named = by_lsoa.len() as u32;
    let (census, lsoas_in_district) = match (seen, lookup_counts) {
        (_, None) => ("not known (the LSOA lookup was not loaded)".to_string(), None),
        ((true, false), Some((old, _))) => ("2011".to_string(), Some(old)),
        ((false, true), Some((_, new))) => ("2021".to_string(), Some(new)),
        ((true, true), Some((old, new))) => (
            "2011 and 2021 (the files use both; LSOAs counted by the larger)".to_string(),
            Some(old.max(new)),
        ),
        ((false, false), Some((old, new))) if old == new => {
            ("2011 and 2021 (the same codes)".to_string(), Some(old))
        }
        ((false, false), Some((old, new))) => (
            format!(
                "2011 (the records name only codes the same in both; by 2021's codes the district has {new})"
            ),
            Some(old),
        ),
    };
    let lsoas_in_district = lsoas_in_district.map(|n| n.max(named));
    crate::core::sorting::sort(&mut months);
    months.dedup();
    let position = |m: i64| months.binary_search(&m).ok();
    let lsoas = by_lsoa
        .into_iter()
        .map(|(code, (name, counts))| {
            let mut by_month = vec![0u64; months.len()];
            for (m, n) in counts {
                if let Some(i) = position(m) {
                    by_month[i] += n;
                }
            }
            LsoaCount {
                code,
                name,
                count: by_month.iter().sum(),
                by_month,
            }
        })
        .collect();
    let first = period.first_month_index();
    let months_missing = (first..first + i64::from(period.months()))
        .filter(|m| position(*m).is_none())
        .filter_map(|m| Period::from_months(m, 1))
        .collect();
    Some(DistrictCounts {
        district,
        months: months
            .iter()
            .filter_map(|&m| Period::from_months(m, 1))
            .collect(),
        months_missing,
        lsoas,
        files,
        lsoas_in_district,
        census,
    })
}

/// One cell of a density grid: its centre and the records in it.
#[derive(Clone, Debug, PartialEq)]
pub struct DensityCell {
    pub longitude: f64,
    pub latitude: f64,
    pub count: u64,
}

/// Street records of a crime and period by map cell, for a hexagon-binned
/// density where no boundaries are loaded.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Density {
    /// A cell's size in degrees (longitude, latitude).
    pub cell: (f64, f64),
    /// Cells with at least one record, west to east within south to north.
    pub cells: Vec<DensityCell>,
}

/// The records placed in `district` (by name or code; `None`: every record,
/// placed or not) of `measure` in the months of `period`, by grid cell. Files
/// counted at different cell sizes are summed at the coarsest.
pub fn density(
    tallies: &[LsoaTally],
    district: Option<&str>,
    measure: &str,
    period: Period,
) -> Density {
    let level = tallies.iter().map(|t| t.grid.level).max().unwrap_or(0);
    let mut cells: std::collections::BTreeMap<(i64, i64), u64> = Default::default();
    for tally in tallies {
        let grid = &tally.grid;
        let wanted_district = match district {
            Some(name) => match tally.districts.iter().position(|d| same_district(d, name)) {
                Some(d) => Some(d as u64 + 1),
                None => continue,
            },
            None => None,
        };
        let types = tally.crime_types.len().max(1) as u64;
        let months = tally.months.len().max(1) as u64;
        let (width, height) = (grid.width.max(1), grid.height.max(1));
        let shift = level - grid.level;
        for &(key, count) in grid.counts.entries() {
            let month = (key % months) as usize;
            let rest = key / months;
            let crime_type = (rest % types) as usize;
            let rest = rest / types;
            let x = (rest % width) as i64 + grid.x0;
            let rest = rest / width;
            let y = (rest % height) as i64 + grid.y0;
            let d = rest / height;
            if wanted_district.is_some_and(|w| w != d)
                || !tally.months.get(month).is_some_and(|&m| within(period, m))
                || !tally
                    .crime_types
                    .get(crime_type)
                    .is_some_and(|t| counts_type(measure, t))
            {
                continue;
            }
            *cells.entry((y >> shift, x >> shift)).or_default() += u64::from(count);
        }
    }
    let size = |micro: i64| (micro << level) as f64 / 1e6;
    let (lon, lat) = (size(GRID_LON_MICRO), size(GRID_LAT_MICRO));
    Density {
        cell: (lon, lat),
        cells: cells
            .into_iter()
            .map(|((y, x), count)| DensityCell {
                longitude: (x as f64 + 0.5) * lon,
                latitude: (y as f64 + 0.5) * lat,
                count,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally() -> LsoaTally {
        // Two LSOAs in district 0, one in district 1; types ASB and Burglary;
        // months Jan and Feb 2020.
        let key = |lsoa: u64, t: u64, m: u64| (lsoa * 2 + t) * 2 + m;
        // A grid of 3 columns × 2 rows, 2 types, 2 months.
        let cell = |d: u64, row: u64, column: u64, t: u64, m: u64| {
            (((d * 2 + row) * 3 + column) * 2 + t) * 2 + m
        };
        LsoaTally {
            file: "street.csv".into(),
            districts: vec![
                TallyDistrict {
                    code: "E09000001".into(),
                    name: "City of London".into(),
                    lsoa_counts: Some((6, 6)),
                },
                TallyDistrict {
                    code: "E09000007".into(),
                    name: "Camden".into(),
                    lsoa_counts: None,
                },
            ],
            lsoas: vec![
                TalliedLsoa {
                    code: "E01000001".into(),
                    name: "City of London 001A".into(),
                    district: Some(0),
                    vintage: Some(LsoaVintage::Both),
                },
                TalliedLsoa {
                    code: "E01000002".into(),
                    name: "City of London 001B".into(),
                    district: Some(0),
                    vintage: Some(LsoaVintage::Both),
                },
                TalliedLsoa {
                    code: "E01000914".into(),
                    name: "Camden 028B".into(),
                    district: Some(1),
                    vintage: None,
                },
            ],
            crime_types: vec!["Anti-social behaviour".into(), "Burglary".into()],
            months: vec![Period::month(2020, 1), Period::month(2020, 2)],
            counts: PackedCounts::from_unsorted(vec![
                (key(0, 1, 0), 4),
                (key(0, 1, 1), 1),
                (key(0, 0, 0), 7),
                (key(1, 0, 1), 2),
                (key(2, 1, 0), 9),
            ]),
            grid: DensityGrid {
                level: 0,
                x0: -40,
                y0: 25_750,
                width: 3,
                height: 2,
                counts: PackedCounts::from_unsorted(vec![
                    // district 0 (stored as 1), row 1, column 2, Burglary, Jan.
                    (cell(1, 1, 2, 1, 0), 4),
                    // district 1 (stored as 2), row 0, column 0, Burglary, Jan.
                    (cell(2, 0, 0, 1, 0), 9),
                ]),
            },
            no_location: 0,
        }
    }

    #[test]
    fn counts_a_district_by_lsoa_and_month_with_its_coverage() {
        let t = vec![tally()];
        assert!(t[0].is_consistent());
        let year = Period::calendar_year(2020);
        let c = district_counts(&t, "city of london", ALL_CRIME, year).unwrap();
        assert_eq!(c.district.code, "E09000001");
        assert_eq!(c.months, [Period::month(2020, 1), Period::month(2020, 2)]);
        assert_eq!(c.months_missing.len(), 10);
        assert_eq!(c.lsoas.len(), 2);
        assert_eq!(c.lsoas_in_district, Some(6));
        assert_eq!(c.census, "2011 and 2021 (the same codes)");
        assert_eq!(
            (c.lsoas[0].count, c.lsoas[0].by_month.clone()),
            (5, vec![4, 1])
        );
        // 001B had only anti-social behaviour: a real zero for all crime.
        assert_eq!(
            (c.lsoas[1].count, c.lsoas[1].by_month.clone()),
            (0, vec![0, 0])
        );
        let asb = district_counts(&t, "E09000001", ANTI_SOCIAL_BEHAVIOUR, year).unwrap();
        assert_eq!(asb.total(), 9);
        let feb =
            district_counts(&t, "City of London", "Burglary", Period::month(2020, 2)).unwrap();
        assert_eq!(feb.total(), 1);
        assert!(district_counts(&t, "Kent", ALL_CRIME, year).is_none());
        assert_eq!(tallied_districts(&t)[0].name, "Camden");
        assert_eq!(tallied_months(&t).len(), 2);
    }

    #[test]
    fn density_by_cell_for_a_district_and_for_all() {
        let t = vec![tally()];
        let year = Period::calendar_year(2020);
        let d = density(&t, Some("City of London"), "Burglary", year);
        assert_eq!(d.cells.len(), 1);
        assert_eq!(d.cells[0].count, 4);
        assert!((d.cells[0].longitude - (-38.0 + 0.5) * 0.003).abs() < 1e-9);
        assert!((d.cells[0].latitude - (25_751.0 + 0.5) * 0.002).abs() < 1e-9);
        assert_eq!(density(&t, None, ALL_CRIME, year).cells.len(), 2);
        assert!(density(&t, Some("Kent"), ALL_CRIME, year).cells.is_empty());
    }

    #[test]
    fn survives_json() {
        let t = tally();
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(serde_json::from_str::<LsoaTally>(&json).unwrap(), t);
    }
}
