//! Sparse counts under integer keys, stored compactly.
//!
//! A year of a large force's street crime is about a million records, which
//! fall into a few hundred thousand (LSOA, crime type, month) cells. Written as
//! JSON objects those cells would be many megabytes in IndexedDB and in the
//! worker's message; written here as the gaps between sorted keys and the
//! counts, each a variable-length integer, they take two or three bytes a cell,
//! base64-encoded into one string.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Counts by key, sorted by key, each key once, every count above zero.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PackedCounts {
    entries: Vec<(u64, u32)>,
}

impl PackedCounts {
    /// From counts in any order; counts of the same key are added, zeros dropped.
    pub fn from_unsorted(mut entries: Vec<(u64, u32)>) -> PackedCounts {
        crate::core::sorting::sort_by_key(&mut entries, |e| e.0);
        let mut merged: Vec<(u64, u32)> = Vec::with_capacity(entries.len());
        for (key, count) in entries {
            match merged.last_mut() {
                Some(last) if last.0 == key => last.1 = last.1.saturating_add(count),
                _ => merged.push((key, count)),
            }
        }
        merged.retain(|e| e.1 > 0);
        PackedCounts { entries: merged }
    }

    /// Every (key, count), in key order.
    pub fn entries(&self) -> &[(u64, u32)] {
        &self.entries
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The sum of every count.
    pub fn total(&self) -> u64 {
        self.entries.iter().map(|e| u64::from(e.1)).sum()
    }

    /// The compact text: base64 of (gap from the previous key, count) varints.
    pub fn to_text(&self) -> String {
        let mut bytes = Vec::with_capacity(self.entries.len() * 3);
        let mut previous = 0u64;
        for (i, &(key, count)) in self.entries.iter().enumerate() {
            let gap = if i == 0 { key } else { key - previous };
            push_varint(&mut bytes, gap);
            push_varint(&mut bytes, u64::from(count));
            previous = key;
        }
        base64_encode(&bytes)
    }

    /// Reads `to_text`'s form; a sentence saying what is wrong otherwise.
    pub fn parse(text: &str) -> Result<PackedCounts, String> {
        let bytes = base64_decode(text).ok_or("the stored counts are not base64")?;
        let mut entries = Vec::new();
        let mut at = 0;
        let mut previous = 0u64;
        while at < bytes.len() {
            let gap = read_varint(&bytes, &mut at).ok_or("the stored counts are cut short")?;
            let count = read_varint(&bytes, &mut at).ok_or("the stored counts are cut short")?;
            let key = if entries.is_empty() {
                gap
            } else {
                previous
                    .checked_add(gap)
                    .filter(|_| gap > 0)
                    .ok_or("the stored counts are out of order")?
            };
            let count = u32::try_from(count)
                .ok()
                .filter(|&c| c > 0)
                .ok_or("a stored count is out of range")?;
            entries.push((key, count));
            previous = key;
        }
        Ok(PackedCounts { entries })
    }
}

impl Serialize for PackedCounts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_text())
    }
}

impl<'de> Deserialize<'de> for PackedCounts {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        PackedCounts::parse(&text).map_err(serde::de::Error::custom)
    }
}

fn push_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn read_varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut n = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*at)?;
        *at += 1;
        n |= u64::from(b & 0x7F).checked_shl(shift)?;
        if b & 0x80 == 0 {
            return Some(n);
        }
    }
    None
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
        }
    }
    out
}

fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| ALPHABET.iter().position(|&a| a == c).map(|v| v as u32);
    let text = text.trim_end_matches('=').as_bytes();
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    for chunk in text.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_text_and_json() {
        let counts = PackedCounts::from_unsorted(vec![
            (7, 2),
            (0, 1),
            (7, 3),
            (1 << 40, 70_000),
            (12, 0),
            (300, 1),
        ]);
        assert_eq!(
            counts.entries(),
            [(0, 1), (7, 5), (300, 1), (1 << 40, 70_000)]
        );
        assert_eq!(counts.total(), 70_007);
        let text = counts.to_text();
        assert_eq!(PackedCounts::parse(&text).unwrap(), counts);
        let json = serde_json::to_string(&counts).unwrap();
        assert_eq!(serde_json::from_str::<PackedCounts>(&json).unwrap(), counts);
        assert_eq!(PackedCounts::parse("").unwrap(), PackedCounts::default());
        for n in 0..5 {
            let bytes: Vec<u8> = (0..n).map(|i| i * 77).collect();
            assert_eq!(base64_decode(&base64_encode(&bytes)).unwrap(), bytes);
        }
    }

    #[test]
    fn damaged_text_is_a_sentence() {
        assert!(PackedCounts::parse("!!!!").is_err());
        // A key that does not rise, and a count of zero.
        let mut bytes = Vec::new();
        for n in [5, 1, 0, 1] {
            push_varint(&mut bytes, n);
        }
        assert!(PackedCounts::parse(&base64_encode(&bytes)).is_err());
        let mut bytes = Vec::new();
        for n in [5, 0] {
            push_varint(&mut bytes, n);
        }
        assert!(PackedCounts::parse(&base64_encode(&bytes)).is_err());
        // Cut short inside a varint.
        assert!(PackedCounts::parse(&base64_encode(&[0x80])).is_err());
    }

    #[test]
    fn a_cell_takes_a_few_bytes() {
        let counts = PackedCounts::from_unsorted(
            (0..100_000u64)
                .map(|k| (k * 3, 1 + (k % 4) as u32))
                .collect(),
        );
        assert!(
            counts.to_text().len() < 100_000 * 3,
            "{}",
            counts.to_text().len()
        );
    }
}
