//! Area names as partners spell them, normalised to one name per area, with the
//! county's districts known so county totals can be told from districts.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum AreaLevel {
    District,
    County,
    /// A police force area.
    Force,
    /// An English region, or Wales, among forces.
    Region,
    /// England and Wales, England, or a table's grand total.
    National,
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

/// The police force areas of England and Wales, and the British Transport Police.
pub const POLICE_FORCES: [&str; 44] = [
    "Avon and Somerset",
    "Bedfordshire",
    "Cambridgeshire",
    "Cheshire",
    "City of London",
    "Cleveland",
    "Cumbria",
    "Derbyshire",
    "Devon and Cornwall",
    "Dorset",
    "Durham",
    "Dyfed-Powys",
    "Essex",
    "Gloucestershire",
    "Greater Manchester",
    "Gwent",
    "Hampshire",
    "Hertfordshire",
    "Humberside",
    "Kent",
    "Lancashire",
    "Leicestershire",
    "Lincolnshire",
    "Merseyside",
    "Metropolitan Police",
    "Norfolk",
    "North Wales",
    "North Yorkshire",
    "Northamptonshire",
    "Northumbria",
    "Nottinghamshire",
    "South Wales",
    "South Yorkshire",
    "Staffordshire",
    "Suffolk",
    "Surrey",
    "Sussex",
    "Thames Valley",
    "Warwickshire",
    "West Mercia",
    "West Midlands",
    "West Yorkshire",
    "Wiltshire",
    "British Transport Police",
];

pub const REGIONS: [&str; 10] = [
    "North East",
    "North West",
    "Yorkshire and The Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
    "Wales",
];

const NATIONAL: [&str; 6] = [
    "england and wales",
    "england & wales",
    "england",
    "total",
    "grand total",
    "all forces",
];

/// Community safety partnerships that cover more than one district, read as one area.
pub const COMBINED_CSPS: [&str; 1] = ["Dartford and Gravesham"];

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
    if let Some(csp) = COMBINED_CSPS
        .iter()
        .find(|c| c.to_lowercase() == lower || c.to_lowercase().replace(" and ", " & ") == lower)
    {
        return (csp.to_string(), AreaLevel::District);
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
    if NATIONAL.contains(&lower.as_str()) {
        return (collapsed, AreaLevel::National);
    }
    let without_suffix = lower
        .trim_end_matches(" police")
        .trim_end_matches(" constabulary")
        .to_string();
    if let Some(force) = POLICE_FORCES.iter().find(|f| {
        let f = f.to_lowercase();
        f == lower || f == without_suffix || f.replace(" and ", " & ") == lower
    }) {
        // A West Midlands row among forces is the force; the region shares its name.
        return (force.to_string(), AreaLevel::Force);
    }
    if let Some(region) = REGIONS.iter().find(|r| r.to_lowercase() == lower) {
        return (region.to_string(), AreaLevel::Region);
    }
    (collapsed, AreaLevel::Other)
}

impl AreaLevel {
    pub const ALL: [AreaLevel; 6] = [
        AreaLevel::District,
        AreaLevel::County,
        AreaLevel::Force,
        AreaLevel::Region,
        AreaLevel::National,
        AreaLevel::Other,
    ];

    pub fn describe(self) -> &'static str {
        match self {
            AreaLevel::District => "District (compared with the county)",
            AreaLevel::County => "County",
            AreaLevel::Force => "Police force area",
            AreaLevel::Region => "Region",
            AreaLevel::National => "National or grand total",
            AreaLevel::Other => "Other",
        }
    }
}

/// A user's own naming of an area the built-in list does not know, or knows
/// by another name: "TWBC" is Tunbridge Wells; Medway counts as a district.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaAlias {
    /// The name as files spell it (matched without regard to case or spacing).
    pub from: String,
    pub to: String,
    pub level: AreaLevel,
}

impl AreaAlias {
    pub fn matches(&self, label: &str) -> bool {
        let key = |s: &str| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        key(&self.from) == key(label)
    }
}

/// Adds or replaces the alias for its name.
pub fn remember_alias(aliases: &mut Vec<AreaAlias>, alias: AreaAlias) {
    aliases.retain(|a| !a.matches(&alias.from));
    aliases.push(alias);
}

/// Whether a header names the column that holds areas.
pub fn is_area_header(header: &str) -> bool {
    let h = header.to_lowercase();
    let exact = [
        "area",
        "district",
        "borough",
        "csp",
        "local authority",
        "force",
        "police force",
        "force name",
        "pfa",
        "police force area",
        "appropriate authority",
        "local area",
        "geography",
        "geography name",
        "area name",
    ];
    exact.contains(&h.as_str())
        || h.starts_with("csp name")
        || h.ends_with(" area name")
        || h.contains("community safety partnership")
        || h.starts_with("district ")
        || h.starts_with("area ")
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
        assert_eq!(
            normalise("Dartford & Gravesham"),
            ("Dartford and Gravesham".into(), AreaLevel::District)
        );
        assert_eq!(
            normalise("City of London Police"),
            ("City of London".into(), AreaLevel::Force)
        );
        assert_eq!(normalise("South East").1, AreaLevel::Region);
        assert_eq!(normalise("England and Wales").1, AreaLevel::National);
    }

    #[test]
    fn aliases_match_however_spelt() {
        let alias = AreaAlias {
            from: "TWBC ".into(),
            to: "Tunbridge Wells".into(),
            level: AreaLevel::District,
        };
        assert!(alias.matches("twbc"));
        assert!(!alias.matches("TW"));
        let mut all = vec![alias.clone()];
        remember_alias(
            &mut all,
            AreaAlias {
                level: AreaLevel::Other,
                ..alias
            },
        );
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].level, AreaLevel::Other);
    }

    #[test]
    fn area_headers() {
        assert!(is_area_header("Area"));
        assert!(is_area_header("CSP Name"));
        assert!(is_area_header("District"));
        assert!(!is_area_header("Measure"));
        assert!(!is_area_header("Period"));
        assert!(!is_area_header("Type of force"));
        assert!(is_area_header("PFA"));
    }
}
