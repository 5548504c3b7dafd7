//! The identity of a measure, area or category wherever it becomes an HTML id, a
//! chart id or a JSON key. A slug of the display name alone is not enough:
//! "Knife crime", "Knife-crime", "knife crime" and "Knife  crime" share the slug
//! `knife-crime`, and a page that gave two issues the same id had one label
//! controlling the other's select, and a board pack drew one section's charts in
//! another's. So the id is the readable slug followed by a short hash of the
//! exact name: two names share an id only if they share the slug and the hash.

use crate::core::format::slug;
use sha2::{Digest, Sha256};

/// The longest slug kept in an id; the hash covers the whole name, so cutting a
/// long name keeps the id unique and the markup readable.
const MAX_SLUG_CHARS: usize = 48;

/// The hash's length in hex digits (32 bits): enough that two names with the same
/// slug practically never share one, short enough to read.
const HASH_HEX_DIGITS: usize = 8;

/// A stable id for `name`, safe in HTML ids, CSS selectors, file names and JSON
/// keys: "Knife crime" → `knife-crime-` and eight hex digits, different from
/// "Knife-crime"'s. The same name always gives the same id, on every device.
pub fn stable_id(name: &str) -> String {
    let digest = Sha256::digest(name.as_bytes());
    let hash: String = digest
        .iter()
        .take(HASH_HEX_DIGITS / 2)
        .map(|b| format!("{b:02x}"))
        .collect();
    let readable = slug(name);
    let readable: String = readable.chars().take(MAX_SLUG_CHARS).collect();
    let readable = readable.trim_end_matches('-');
    if readable.is_empty() {
        hash
    } else {
        format!("{readable}-{hash}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_that_differ_only_by_punctuation_case_or_spacing_get_different_ids() {
        let names = [
            "Knife crime",
            "Knife-crime",
            "knife crime",
            "Knife  crime",
            "Knife crime ",
            "Knife crime.",
            "Knife/crime",
            "KNIFE CRIME",
        ];
        let ids: HashSet<String> = names.iter().map(|n| stable_id(n)).collect();
        assert_eq!(ids.len(), names.len(), "{ids:?}");
        for id in &ids {
            assert!(id.starts_with("knife-crime-"), "{id}");
        }
        // The slug alone would have merged them all.
        let slugs: HashSet<String> = names.iter().map(|n| slug(n)).collect();
        assert_eq!(slugs.len(), 1);
    }

    #[test]
    fn the_same_name_always_gives_the_same_id() {
        // A fixed value, so ids do not change between builds or devices.
        assert_eq!(stable_id("Violent crime"), stable_id("Violent crime"));
        let id = stable_id("Violent crime");
        assert_eq!(id.len(), "violent-crime-".len() + HASH_HEX_DIGITS);
        assert!(id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
    }

    #[test]
    fn names_with_no_letters_or_very_long_names_still_get_usable_ids() {
        let dash = stable_id("—");
        let dot = stable_id("...");
        assert_eq!(dash.len(), HASH_HEX_DIGITS);
        assert_ne!(dash, dot);
        let long = "Violence against the person with injury ".repeat(10);
        let a = stable_id(&long);
        let b = stable_id(&format!("{long}!"));
        assert_ne!(a, b);
        assert!(a.len() <= MAX_SLUG_CHARS + 1 + HASH_HEX_DIGITS, "{a}");
        assert!(!a.contains("--"), "{a}");
    }
}
