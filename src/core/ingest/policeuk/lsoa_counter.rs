//! Counting street records where they happened, as they stream: by LSOA,
//! crime type and month, and by a coarse grid of their map points. The
//! result is the dataset's `LsoaTally` (see there for what is kept and why).
//!
//! This runs once per record of a million-row file, so nothing is allocated
//! for the usual record: an LSOA code is read as a number, a coordinate as
//! whole millionths of a degree, and every key is an integer.

use super::lsoa::{lsoa_key, LsoaDistricts};
use crate::core::dataset::{
    DensityGrid, LsoaTally, PackedCounts, TalliedLsoa, TallyDistrict, GRID_LAT_MICRO,
    GRID_LON_MICRO, MAX_GRID_CELLS,
};
use crate::core::period::Period;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A fast hash for integer keys made here (packed ids and cells), not from
/// the file's text: one multiply per word. A collision only costs time.
#[derive(Default, Clone, Copy)]
pub(super) struct IntHasher(u64);

impl Hasher for IntHasher {
    /// The product's high half folded into its low half: the table picks a
    /// bucket by the low bits, and a product's low bits depend only on the
    /// key's low bits (the month and crime type of a packed LSOA key), so
    /// without the fold every LSOA of a month fell into the same few buckets
    /// (most of the time of a year's import went on probing them).
    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 32)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn write_u128(&mut self, n: u128) {
        self.write_u64(n as u64);
        self.write_u64((n >> 64) as u64);
    }
    fn write_u16(&mut self, n: u16) {
        self.write_u64(u64::from(n));
    }
}

pub(super) type IntMap<K, V> = HashMap<K, V, BuildHasherDefault<IntHasher>>;

/// The counts as they are made, keyed by the street counter's own ids for
/// crime types and months (renumbered in order at the end).
#[derive(Default)]
pub struct LsoaCounter {
    /// LSOA codes read as numbers → index into `lsoas`.
    by_key: IntMap<u64, u32>,
    /// Anything else written where a code should be (or a name with no code).
    by_text: HashMap<String, u32>,
    last: Option<(u64, u32)>,
    lsoas: Vec<TalliedLsoa>,
    /// The lookup's district index → index into `districts`.
    district_ids: IntMap<u16, u16>,
    districts: Vec<TallyDistrict>,
    /// By month id, then crime type id: 1 + the index into `slabs` (0: none yet).
    slab_of: Vec<Vec<u32>>,
    /// Counts by LSOA index, one slab per month and crime type: the records of
    /// a monthly file touch a few slabs of a few KB, where one hash of (LSOA,
    /// type, month) the size of the whole year missed the cache on nearly
    /// every record (a quarter of a year's import went on that one increment).
    slabs: Vec<Vec<u32>>,
    /// (district + 1, row, column, type id, month id) packed → count.
    grid: IntMap<u128, u32>,
    level: u8,
    pub no_location: u64,
}

/// A coordinate as police.uk writes it ("-0.112422") in whole millionths of a
/// degree, without going through floating point; `None` for anything else.
pub fn micro_degrees(text: &str) -> Option<i64> {
    let text = text.trim();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty() && fraction.is_empty()
        || whole.len() > 3
        || !whole
            .bytes()
            .chain(fraction.bytes())
            .all(|b| b.is_ascii_digit())
    {
        return text
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && v.abs() <= 360.0)
            .map(|v| (v * 1e6).round() as i64);
    }
    let mut micro: i64 = 0;
    for b in whole.bytes() {
        micro = micro * 10 + i64::from(b - b'0');
    }
    // Six decimal places, as police.uk gives them; any further are dropped.
    let mut digits = 0;
    for b in fraction.bytes().take(6) {
        micro = micro * 10 + i64::from(b - b'0');
        digits += 1;
    }
    for _ in digits..6 {
        micro *= 10;
    }
    Some(if negative { -micro } else { micro })
}

fn grid_key(district: u16, row: i64, column: i64, crime_type: u32, month: u32) -> u128 {
    (u128::from(district) << 112)
        | (u128::from(row as i32 as u32) << 80)
        | (u128::from(column as i32 as u32) << 48)
        | (u128::from(crime_type & 0xFFFF) << 16)
        | u128::from(month & 0xFFFF)
}

fn grid_parts(key: u128) -> (u16, i64, i64, u32, u32) {
    (
        (key >> 112) as u16,
        i64::from((key >> 80) as u32 as i32),
        i64::from((key >> 48) as u32 as i32),
        ((key >> 16) & 0xFFFF) as u32,
        (key & 0xFFFF) as u32,
    )
}

impl LsoaCounter {
    /// The index of a record's LSOA, from its code (else its name); `None`
    /// when it has neither. `district` is where the lookup placed it.
    fn lsoa(
        &mut self,
        code: &str,
        name: &str,
        district: Option<(u16, &LsoaDistricts)>,
    ) -> Option<u32> {
        let key = lsoa_key(code);
        if let (Some(key), Some((last_key, id))) = (key, self.last) {
            if key == last_key {
                return Some(id);
            }
        }
        let found = match key {
            Some(key) => self.by_key.get(&key).copied(),
            None => {
                let text = if code.trim().is_empty() { name } else { code }.trim();
                if text.is_empty() {
                    return None;
                }
                self.by_text.get(text).copied()
            }
        };
        let id = match found {
            Some(id) => id,
            None => {
                let id = self.lsoas.len() as u32;
                let vintage = district.and_then(|(_, table)| table.vintage(code));
                let district = district.map(|(d, table)| self.district(d, table));
                self.lsoas.push(TalliedLsoa {
                    code: code.trim().to_string(),
                    name: name.trim().to_string(),
                    district,
                    vintage,
                });
                match key {
                    Some(key) => {
                        self.by_key.insert(key, id);
                    }
                    None => {
                        let text = if code.trim().is_empty() { name } else { code };
                        self.by_text.insert(text.trim().to_string(), id);
                    }
                }
                id
            }
        };
        if let Some(key) = key {
            self.last = Some((key, id));
        }
        Some(id)
    }

    fn district(&mut self, d: u16, table: &LsoaDistricts) -> u16 {
        if let Some(&id) = self.district_ids.get(&d) {
            return id;
        }
        let id = self.districts.len() as u16;
        let district = table.district(d);
        self.districts.push(TallyDistrict {
            code: district.code.clone(),
            name: district.name.clone(),
            lsoa_counts: Some(table.lsoa_counts(d)),
        });
        self.district_ids.insert(d, id);
        id
    }

    /// Counts one record of `crime_type` in `month` (the street counter's
    /// ids), at its LSOA and map point as the file gives them; the point read
    /// (longitude, latitude in millionths of a degree) when it has an LSOA.
    #[allow(clippy::too_many_arguments)]
    pub fn add(
        &mut self,
        code: &str,
        name: &str,
        district: Option<(u16, &LsoaDistricts)>,
        crime_type: u32,
        month: u32,
        longitude: &str,
        latitude: &str,
    ) -> Option<(i64, i64)> {
        let Some(lsoa) = self.lsoa(code, name, district) else {
            self.no_location += 1;
            return None;
        };
        self.count(lsoa, crime_type, month);
        let (Some(lon), Some(lat)) = (micro_degrees(longitude), micro_degrees(latitude)) else {
            return None;
        };
        let district = self.lsoas[lsoa as usize].district.map_or(0, |d| d + 1);
        let column = lon.div_euclid(GRID_LON_MICRO << self.level);
        let row = lat.div_euclid(GRID_LAT_MICRO << self.level);
        *self
            .grid
            .entry(grid_key(district, row, column, crime_type, month))
            .or_default() += 1;
        if self.grid.len() > MAX_GRID_CELLS {
            self.coarsen();
        }
        Some((lon, lat))
    }

    fn count(&mut self, lsoa: u32, crime_type: u32, month: u32) {
        let (m, t) = (month as usize, crime_type as usize);
        if self.slab_of.len() <= m {
            self.slab_of.resize_with(m + 1, Vec::new);
        }
        let row = &mut self.slab_of[m];
        if row.len() <= t {
            row.resize(t + 1, 0);
        }
        let slab = match row[t] {
            0 => {
                self.slabs.push(Vec::new());
                row[t] = self.slabs.len() as u32;
                self.slabs.len() - 1
            }
            s => s as usize - 1,
        };
        let counts = &mut self.slabs[slab];
        let i = lsoa as usize;
        if counts.len() <= i {
            counts.resize(self.lsoas.len().max(i + 1), 0);
        }
        counts[i] += 1;
    }

    /// Doubles the grid's cells, adding up the four each new one covers.
    fn coarsen(&mut self) {
        while self.grid.len() > MAX_GRID_CELLS && self.level < 16 {
            self.level += 1;
            let mut coarser: IntMap<u128, u32> = IntMap::default();
            coarser.reserve(self.grid.len() / 2);
            for (key, count) in self.grid.drain() {
                let (d, row, column, t, m) = grid_parts(key);
                *coarser
                    .entry(grid_key(d, row >> 1, column >> 1, t, m))
                    .or_default() += count;
            }
            self.grid = coarser;
        }
    }

    /// The tally, with crime types and months renumbered in order. `types[i]`
    /// names type id `i`; `months[i]` is month id `i`.
    pub fn finish(self, file: &str, types: &[String], months: &[Period]) -> LsoaTally {
        let mut type_order: Vec<usize> = (0..types.len()).collect();
        type_order.sort_by(|&a, &b| types[a].cmp(&types[b]));
        let mut type_rank = vec![0u64; types.len()];
        for (rank, &id) in type_order.iter().enumerate() {
            type_rank[id] = rank as u64;
        }
        let mut month_order: Vec<usize> = (0..months.len()).collect();
        month_order.sort_by_key(|&m| months[m].first_month_index());
        let mut month_rank = vec![0u64; months.len()];
        for (rank, &id) in month_order.iter().enumerate() {
            month_rank[id] = rank as u64;
        }
        let (n_types, n_months) = (types.len().max(1) as u64, months.len().max(1) as u64);
        let rank = |ranks: &[u64], id: u64| ranks.get(id as usize).copied().unwrap_or(0);

        let mut packed = Vec::new();
        for (month, row) in self.slab_of.iter().enumerate() {
            let m = rank(&month_rank, month as u64);
            for (crime_type, &slab) in row.iter().enumerate() {
                let Some(counts) = (slab as usize).checked_sub(1).map(|s| &self.slabs[s]) else {
                    continue;
                };
                let t = rank(&type_rank, crime_type as u64);
                for (lsoa, &count) in counts.iter().enumerate() {
                    if count > 0 {
                        packed.push((((lsoa as u64) * n_types + t) * n_months + m, count));
                    }
                }
            }
        }
        let counts = PackedCounts::from_unsorted(packed);

        let parts: Vec<_> = self
            .grid
            .iter()
            .map(|(&k, &c)| (grid_parts(k), c))
            .collect();
        let x0 = parts.iter().map(|p| p.0 .2).min().unwrap_or(0);
        let y0 = parts.iter().map(|p| p.0 .1).min().unwrap_or(0);
        let width = parts.iter().map(|p| p.0 .2 - x0 + 1).max().unwrap_or(0) as u64;
        let height = parts.iter().map(|p| p.0 .1 - y0 + 1).max().unwrap_or(0) as u64;
        let grid_counts = PackedCounts::from_unsorted(
            parts
                .into_iter()
                .map(|((d, row, column, t, m), count)| {
                    let cell =
                        (u64::from(d) * height + (row - y0) as u64) * width + (column - x0) as u64;
                    let t = rank(&type_rank, u64::from(t));
                    let m = rank(&month_rank, u64::from(m));
                    ((cell * n_types + t) * n_months + m, count)
                })
                .collect(),
        );

        LsoaTally {
            file: file.to_string(),
            districts: self.districts,
            lsoas: self.lsoas,
            crime_types: type_order.iter().map(|&i| types[i].clone()).collect(),
            months: month_order.iter().map(|&i| months[i]).collect(),
            counts,
            grid: DensityGrid {
                level: self.level,
                x0,
                y0,
                width,
                height,
                counts: grid_counts,
            },
            no_location: self.no_location,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_in_millionths_of_a_degree() {
        assert_eq!(micro_degrees("-0.112422"), Some(-112_422));
        assert_eq!(micro_degrees("51.515381"), Some(51_515_381));
        assert_eq!(micro_degrees("0.5"), Some(500_000));
        assert_eq!(micro_degrees("1"), Some(1_000_000));
        assert_eq!(micro_degrees("51.5153819"), Some(51_515_381));
        assert_eq!(micro_degrees("5.1e1"), Some(51_000_000));
        assert_eq!(micro_degrees(""), None);
        assert_eq!(micro_degrees("-"), None);
        assert_eq!(micro_degrees("north"), None);
    }

    #[test]
    fn grid_keys_round_trip_with_negative_cells() {
        let key = grid_key(3, 25_757, -38, 13, 23);
        assert_eq!(grid_parts(key), (3, 25_757, -38, 13, 23));
    }
}
