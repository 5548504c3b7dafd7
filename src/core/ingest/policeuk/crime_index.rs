//! Street crimes by Crime ID, so an outcomes file's rows can be linked to the
//! crime they close: its type, the month it was recorded, its force and district.

use crate::core::areas::AreaLevel;
use crate::core::period::Period;
use std::collections::HashMap;

#[derive(Clone, Copy, Debug)]
pub struct CrimeRef {
    /// Index into `CrimeIndex::categories`.
    pub category: u32,
    /// Index into `CrimeIndex::periods`.
    pub period: u32,
    /// Indices into `CrimeIndex::areas`.
    pub force: u32,
    pub district: Option<u32>,
}

/// A Crime ID as a 128-bit key: two different FNV-1a hashes of its text. The
/// IDs are 64 hex digits; two colliding would need far more than a lifetime of files.
pub fn crime_key(id: &str) -> Option<u128> {
    let id = id.trim();
    if id.is_empty() {
        return None;
    }
    let mut a: u64 = 0xcbf2_9ce4_8422_2325;
    let mut b: u64 = 0x6c62_272e_07bb_0142;
    for &byte in id.as_bytes() {
        a = (a ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        b = (b ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3 ^ 0x1000);
    }
    Some((u128::from(a) << 64) | u128::from(b))
}

#[derive(Default)]
pub struct CrimeIndex {
    crimes: HashMap<u128, CrimeRef>,
    /// Filled when the street counter hands the index over.
    pub categories: Vec<String>,
    pub areas: Vec<(String, AreaLevel)>,
    pub periods: Vec<Period>,
}

impl CrimeIndex {
    pub fn insert(
        &mut self,
        id: &str,
        category: u32,
        period: u32,
        force: u32,
        district: Option<u32>,
    ) {
        if let Some(key) = crime_key(id) {
            self.crimes.insert(
                key,
                CrimeRef {
                    category,
                    period,
                    force,
                    district,
                },
            );
        }
    }

    pub fn get(&self, key: u128) -> Option<CrimeRef> {
        self.crimes.get(&key).copied()
    }

    pub fn len(&self) -> usize {
        self.crimes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.crimes.is_empty()
    }

    pub fn crimes(&self) -> impl Iterator<Item = &CrimeRef> {
        self.crimes.values()
    }
}
