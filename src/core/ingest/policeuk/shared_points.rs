//! The map points street crimes were moved to, each with the district of the
//! LSOA its street crimes name, to place stop-and-search records by.
//!
//! police.uk moves every street crime and every search to the nearest of one
//! set of anonymous map points, and gives a street crime the LSOA its point
//! falls in. A search carries only its point (no LSOA): where that point is
//! one of the street crimes' of the same download, the search takes their
//! district. A point whose street crimes name LSOAs of different districts is
//! not guessed: it is kept as ambiguous.
//!
//! A year of a large force is about a million street rows but far fewer
//! distinct points, so the map is one small integer key (the point in
//! millionths of a degree) to a district index.

use super::lsoa_counter::IntMap;

/// The district index standing for "street crimes of more than one district".
const AMBIGUOUS: u16 = u16::MAX;

/// What the street crimes of a download say about one map point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PointDistrict {
    /// Every street crime at the point is in this district (the LSOA lookup's index).
    District(u16),
    /// Street crimes at the point are in LSOAs of more than one district.
    Ambiguous,
    /// No street crime of the download is at the point.
    NotShared,
}

/// Map points (longitude, latitude in millionths of a degree) → district.
#[derive(Default)]
pub struct SharedPoints {
    districts: IntMap<u64, u16>,
}

fn key(longitude: i64, latitude: i64) -> u64 {
    (u64::from(longitude as i32 as u32) << 32) | u64::from(latitude as i32 as u32)
}

impl SharedPoints {
    /// A street crime at the point, in an LSOA of `district`.
    pub fn add(&mut self, longitude: i64, latitude: i64, district: u16) {
        let slot = self
            .districts
            .entry(key(longitude, latitude))
            .or_insert(district);
        if *slot != district {
            *slot = AMBIGUOUS;
        }
    }

    pub fn get(&self, longitude: i64, latitude: i64) -> PointDistrict {
        match self.districts.get(&key(longitude, latitude)) {
            None => PointDistrict::NotShared,
            Some(&AMBIGUOUS) => PointDistrict::Ambiguous,
            Some(&d) => PointDistrict::District(d),
        }
    }

    /// How many distinct points street crimes were at.
    pub fn len(&self) -> usize {
        self.districts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.districts.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_of_two_districts_is_ambiguous_and_others_are_not_shared() {
        let mut points = SharedPoints::default();
        points.add(-112_422, 51_515_381, 3);
        points.add(-112_422, 51_515_381, 3);
        points.add(260_000, 51_130_000, 4);
        points.add(260_000, 51_130_000, 5);
        assert_eq!(points.get(-112_422, 51_515_381), PointDistrict::District(3));
        assert_eq!(points.get(260_000, 51_130_000), PointDistrict::Ambiguous);
        assert_eq!(points.get(260_000, 51_130_001), PointDistrict::NotShared);
        // Longitude and latitude are not interchangeable.
        assert_eq!(points.get(51_515_381, -112_422), PointDistrict::NotShared);
        assert_eq!(points.len(), 2);
    }
}
