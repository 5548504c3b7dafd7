//! LSOA codes as numbers, so the national tables (IMD deciles, wards,
//! districts) can hold runs of consecutive codes and look one up by bisection
//! instead of hashing 35,000 strings.

/// An LSOA code as a number: its country letter, then its eight digits
/// ("E01000001" → 'E', 01000001). `None` for anything else.
pub fn key(code: &str) -> Option<u64> {
    let code = code.trim().as_bytes();
    if code.len() != 9 || !matches!(code[0].to_ascii_uppercase(), b'E' | b'W') {
        return None;
    }
    let mut number = 0u64;
    for &b in &code[1..] {
        if !b.is_ascii_digit() {
            return None;
        }
        number = number * 10 + u64::from(b - b'0');
    }
    Some((u64::from(code[0].to_ascii_uppercase()) << 32) | number)
}

/// The code a `key` was made from, in capitals.
pub fn code_of(key: u64) -> String {
    format!("{}{:08}", (key >> 32) as u8 as char, key & 0xFFFF_FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_order_by_country_then_number() {
        let e = key(" e01000001 ").unwrap();
        assert_eq!(code_of(e), "E01000001");
        assert_eq!(key("E01000002"), Some(e + 1));
        assert!(key("W01000001").unwrap() > key("E01033768").unwrap());
        for bad in ["", "E0100000", "E010000011", "S01000001", "E01O00001"] {
            assert_eq!(key(bad), None, "{bad}");
        }
    }
}
