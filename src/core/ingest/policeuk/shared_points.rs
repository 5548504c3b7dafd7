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
//! Only the searches' points are kept (`want`, read before the street files):
//! a year of a large force is about a million street rows but some 50,000
//! searches, so the map is at most one small integer key (the point in
//! millionths of a degree) per distinct search point, to a district index,
//! whatever the number of street records or of their points.

use super::lsoa_counter::IntMap;

/// The district index standing for "street crimes of more than one district".
const AMBIGUOUS: u16 = u16::MAX;
/// A search's point no street crime has been seen at (yet).
const UNSEEN: u16 = u16::MAX - 1;

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

/// The point as one integer, its bits mixed (splitmix64's finaliser, which
/// is one to one): points on a line of latitude differ only in their upper
/// half, which the map's one-multiply hash spreads too little, so a year's
/// street records probed long runs of buckets (0.6 s of a million lookups).
fn key(longitude: i64, latitude: i64) -> u64 {
    let mut z = (u64::from(longitude as i32 as u32) << 32) | u64::from(latitude as i32 as u32);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl SharedPoints {
    /// A search's point, whose street crimes are to be looked for.
    pub fn want(&mut self, longitude: i64, latitude: i64) {
        self.districts
            .entry(key(longitude, latitude))
            .or_insert(UNSEEN);
    }

    /// A street crime at the point, in an LSOA of `district` (the lookup's
    /// index); nothing is kept for a point no search wants.
    pub fn add(&mut self, longitude: i64, latitude: i64, district: u16) {
        if let Some(slot) = self.districts.get_mut(&key(longitude, latitude)) {
            *slot = match *slot {
                UNSEEN => district,
                d if d == district => d,
                _ => AMBIGUOUS,
            };
        }
    }

    pub fn get(&self, longitude: i64, latitude: i64) -> PointDistrict {
        match self.districts.get(&key(longitude, latitude)) {
            None | Some(&UNSEEN) => PointDistrict::NotShared,
            Some(&AMBIGUOUS) => PointDistrict::Ambiguous,
            Some(&d) => PointDistrict::District(d),
        }
    }

    /// How many distinct search points are kept.
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
        for (lon, lat) in [
            (-112_422, 51_515_381),
            (260_000, 51_130_000),
            (260_000, 51_130_001),
        ] {
            points.want(lon, lat);
        }
        // A street point no search wants is not kept.
        points.add(1, 2, 3);
        points.add(-112_422, 51_515_381, 3);
        points.add(-112_422, 51_515_381, 3);
        points.add(260_000, 51_130_000, 4);
        points.add(260_000, 51_130_000, 5);
        assert_eq!(points.get(-112_422, 51_515_381), PointDistrict::District(3));
        assert_eq!(points.get(260_000, 51_130_000), PointDistrict::Ambiguous);
        assert_eq!(points.get(260_000, 51_130_001), PointDistrict::NotShared);
        // Longitude and latitude are not interchangeable.
        assert_eq!(points.get(51_515_381, -112_422), PointDistrict::NotShared);
        assert_eq!(points.len(), 3);
        assert_eq!(points.get(1, 2), PointDistrict::NotShared);
    }
}
