//! Area names as partners spell them, normalised to one name per area, with the
//! county's districts known so county totals can be told from districts.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AreaLevel {
    District,
    County,
    Other,
}

/// Kent's twelve districts, whose figures make up the county comparison.
pub const KENT_DISTRICTS: [&str; 12] = [
    "Ashford",
    "Canterbury",
    "Dartford",
    "Dover",
    "Gravesham",
    "Maidstone",
    "Sevenoaks",
    "Shepway",
    "Swale",
    "Thanet",
    "Tonbridge and Malling",
    "Tunbridge Wells",
];

/// Other spellings seen in partner extracts, and renamed districts.
const ALIASES: [(&str, &str); 6] = [
    ("folkestone and hythe", "Shepway"),
    ("folkestone & hythe", "Shepway"),
    ("tonbridge & malling", "Tonbridge and Malling"),
    ("tunbridge wells borough", "Tunbridge Wells"),
    ("kent county", "Kent"),
    ("kent police", "Kent"),
];

/// The canonical name for an area label, and whether it is a district or the county.
pub fn normalise(label: &str) -> (String, AreaLevel) {
    let collapsed = label.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = collapsed.to_lowercase();
    if let Some(d) = KENT_DISTRICTS.iter().find(|d| d.to_lowercase() == lower) {
        return (d.to_string(), AreaLevel::District);
    }
    if let Some((_, canonical)) = ALIASES.iter().find(|(alias, _)| *alias == lower) {
        let level = if *canonical == "Kent" {
            AreaLevel::County
        } else {
            AreaLevel::District
        };
        return (canonical.to_string(), level);
    }
    if matches!(
        lower.as_str(),
        "kent" | "kent total" | "kent (total)" | "kent county total"
    ) {
        return ("Kent".to_string(), AreaLevel::County);
    }
    (collapsed, AreaLevel::Other)
}

/// Whether a header names the column that holds areas.
pub fn is_area_header(header: &str) -> bool {
    let h = header.to_lowercase();
    [
        "area",
        "district",
        "borough",
        "csp",
        "local authority",
        "force",
        "pfa",
    ]
    .iter()
    .any(|word| h.split(|c: char| !c.is_alphanumeric()).any(|w| w == *word) || h == *word)
        || h.contains("csp name")
        || h.contains("community safety partnership")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn districts_aliases_and_county() {
        assert_eq!(
            normalise(" Tunbridge  Wells "),
            ("Tunbridge Wells".into(), AreaLevel::District)
        );
        assert_eq!(
            normalise("Folkestone and Hythe"),
            ("Shepway".into(), AreaLevel::District)
        );
        assert_eq!(normalise("KENT"), ("Kent".into(), AreaLevel::County));
        assert_eq!(normalise("Medway").1, AreaLevel::Other);
    }

    #[test]
    fn area_headers() {
        assert!(is_area_header("Area"));
        assert!(is_area_header("CSP Name"));
        assert!(is_area_header("District"));
        assert!(!is_area_header("Measure"));
        assert!(!is_area_header("Period"));
    }
}
