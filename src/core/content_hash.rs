//! A file's identity is its content: two files with the same name but different
//! bytes are different data, and the same bytes under any name are the same data.
//! This fingerprint tells them apart.
//!
//! It is not cryptographic (nobody gains by forging a partner's spreadsheet that
//! collides with another), but it must be fast — a year of street crime is 190 MB
//! and is fingerprinted in the import worker on every import — and stable across
//! builds, browsers and machines, since fingerprints are kept in the browser's
//! database between visits. So: two independent 64-bit lanes over little-endian
//! 8-byte words (a multiply, a rotate and an xor per word each), the tail and the
//! length mixed in, and each lane finished with MurmurHash3's `fmix64`. 128 bits
//! make an accidental collision between a partnership's files negligible.

const PRIME_A: u64 = 0x9E37_79B1_85EB_CA87;
const PRIME_B: u64 = 0xC2B2_AE3D_27D4_EB4F;
const PRIME_C: u64 = 0x1656_67B1_9E37_79F9;
const PRIME_D: u64 = 0x85EB_CA77_C2B2_AE63;

fn fmix64(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    k ^= k >> 33;
    k = k.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    k ^ (k >> 33)
}

/// The fingerprint of `bytes`: 32 lowercase hex digits.
pub fn content_hash(bytes: &[u8]) -> String {
    let mut a: u64 = PRIME_C;
    let mut b: u64 = PRIME_D;
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let w = u64::from_le_bytes([
            word[0], word[1], word[2], word[3], word[4], word[5], word[6], word[7],
        ]);
        a = (a ^ w.wrapping_mul(PRIME_A))
            .rotate_left(31)
            .wrapping_mul(PRIME_B);
        b = (b ^ w.wrapping_mul(PRIME_B))
            .rotate_left(27)
            .wrapping_mul(PRIME_A);
    }
    let mut tail = [0u8; 8];
    let rest = words.remainder();
    tail[..rest.len()].copy_from_slice(rest);
    let t = u64::from_le_bytes(tail);
    // The length goes in too, so trailing zero bytes still change the fingerprint.
    let length = bytes.len() as u64;
    a = fmix64(a ^ t.wrapping_mul(PRIME_C) ^ length);
    b = fmix64(b ^ t.wrapping_mul(PRIME_D) ^ length.rotate_left(32) ^ a);
    format!("{a:016x}{b:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn the_same_bytes_always_give_the_same_fingerprint() {
        let csv = b"Measure,Area,2015\nAll crime,Kent,1319\n";
        let copy = csv.to_vec();
        assert_eq!(content_hash(csv), content_hash(copy.as_slice()));
        assert_eq!(content_hash(csv).len(), 32);
        assert!(content_hash(csv).chars().all(|c| c.is_ascii_hexdigit()));
        // Pinned: fingerprints are kept between visits, so they must not change
        // from one build to the next.
        assert_eq!(content_hash(b""), content_hash(&[]));
        assert_eq!(content_hash(b"abc"), "131342be7abc49100c01cbaf4475f1ba");
    }

    #[test]
    fn any_change_of_one_byte_or_of_length_changes_it() {
        let base: Vec<u8> = (0..203u32).map(|i| (i * 7 + 3) as u8).collect();
        let mut seen = BTreeSet::new();
        assert!(seen.insert(content_hash(&base)));
        for at in 0..base.len() {
            for bit in [0x01u8, 0x80] {
                let mut changed = base.clone();
                changed[at] ^= bit;
                assert!(
                    seen.insert(content_hash(&changed)),
                    "byte {at} bit {bit:#x} collided"
                );
            }
        }
        for len in 0..base.len() {
            assert!(seen.insert(content_hash(&base[..len])), "prefix {len}");
        }
        // Trailing zeros and swapped words are different content too.
        assert_ne!(content_hash(b"12345678"), content_hash(b"12345678\0"));
        assert_ne!(
            content_hash(b"AAAAAAAABBBBBBBB"),
            content_hash(b"BBBBBBBBAAAAAAAA")
        );
    }
}
