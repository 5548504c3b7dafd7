//! A fast hasher for the assessment's look-ups by measure and area name. The
//! standard hasher (SipHash) resists crafted keys, which matters for a server
//! taking requests, not for a tab hashing the names in its own user's files;
//! here it was most of the cost of indexing a workbook of thousands of
//! measures. This is the multiply-and-rotate hash rustc uses for its own tables
//! (FxHash), a word at a time.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

#[derive(Clone, Copy, Default)]
pub struct FastHasher {
    hash: u64,
}

/// An odd constant with well-spread bits (rustc's).
const MULTIPLIER: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(MULTIPLIER);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(n as u64);
    }

    fn write_u32(&mut self, n: u32) {
        self.add(n as u64);
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, Hash};

    fn hash(value: impl Hash) -> u64 {
        BuildHasherDefault::<FastHasher>::default().hash_one(value)
    }

    #[test]
    fn names_that_differ_hash_apart() {
        let names: Vec<String> = (0..10_000).map(|m| format!("Measure {m:05}")).collect();
        let hashes: std::collections::HashSet<u64> = names.iter().map(hash).collect();
        assert_eq!(hashes.len(), names.len());
        // A name and its prefix, or names differing past the eighth byte.
        assert_ne!(hash("Tunbridge"), hash("Tunbridge Wells"));
        assert_ne!(hash("Measure 1"), hash("Measure 2"));
        let mut map: FastMap<&str, usize> = FastMap::default();
        map.insert("Kent", 1);
        assert_eq!(map.get("Kent"), Some(&1));
    }
}
