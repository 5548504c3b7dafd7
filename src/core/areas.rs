//! Area names as partners spell them, normalised to one name per area through
//! the national geography, so county, force and national totals can be told
//! from districts anywhere in England and Wales.

use super::geography::{self, Kind};
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

/// Words that name a table's grand total rather than a place.
const TOTALS: [&str; 3] = ["total", "grand total", "all forces"];

/// Forces with no police force area of their own.
const OTHER_FORCES: [(&str, &str); 3] = [
    ("british transport police", "British Transport Police"),
    ("btp", "British Transport Police"),
    ("transport police", "British Transport Police"),
];

/// The canonical name for an area label and its level, from the national
/// geography (any district, partnership, county, force, region or country of
/// England and Wales, by code or by any of its names); `Other` when unknown.
pub fn normalise(label: &str) -> (String, AreaLevel) {
    let collapsed = label.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = collapsed.to_lowercase();
    if TOTALS.contains(&lower.as_str()) {
        return (collapsed, AreaLevel::National);
    }
    if let Some((_, force)) = OTHER_FORCES.iter().find(|(k, _)| *k == lower) {
        return (force.to_string(), AreaLevel::Force);
    }
    match geography::national().find_area(&collapsed) {
        Some(area) => (area.name.clone(), level_of(area)),
        None => (collapsed, AreaLevel::Other),
    }
}

/// The kind of area a column's header says it holds: partnerships ("CSP
/// Name", "Community safety partnership"), police force areas ("Force Name",
/// "PFA"), districts ("District", "Local authority"), counties or regions; `None`
/// when the header does not say ("Area", "Geography"). A name several kinds of
/// area share is read as the kind its column names (`normalise_as`).
pub fn kind_of_column(header: &str) -> Option<Kind> {
    let h = header
        .to_lowercase()
        .replace(['_', '.', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let words: Vec<&str> = h.split(' ').collect();
    let has = |w: &str| words.contains(&w);
    if h.contains("community safety partnership") || has("csp") || has("csps") {
        Some(Kind::Csp)
    } else if has("force") || has("forces") || has("pfa") || h.contains("police force") {
        Some(Kind::Force)
    } else if has("district")
        || has("districts")
        || h.contains("local authority")
        || has("lad")
        || has("ltla")
        || has("borough")
    {
        Some(Kind::District)
    } else if has("county") || has("counties") || has("utla") {
        Some(Kind::County)
    } else if has("region") || has("regions") {
        Some(Kind::Region)
    } else {
        None
    }
}

/// `normalise` for a label in a column of areas of `kind` (see
/// `kind_of_column`): where the name is shared by areas of other kinds, the
/// area of the column's kind. "Dorset" in a column of partnerships is the
/// Dorset partnership ("Dorset (partnership)", which also covers part of
/// Bournemouth, Christchurch and Poole), not the district; in a column of
/// forces, the force. A code names its own area whatever the column; a name no
/// area of that kind has is read as `normalise` reads it.
pub fn normalise_as(label: &str, kind: Option<Kind>) -> (String, AreaLevel) {
    let read = normalise(label);
    let Some(kind) = kind else {
        return read;
    };
    if geography::names::is_code(label.trim()) || read.1 == AreaLevel::National {
        return read;
    }
    let geo = geography::national();
    match geo
        .candidates(label)
        .into_iter()
        .map(|id| geo.area(id))
        .find(|area| area.kind == kind)
    {
        Some(area) => (area.name.clone(), level_of(area)),
        None => read,
    }
}

/// The level the assessment works with: districts and partnerships are
/// "districts", Wales sits among regions, England and Wales is national.
pub fn level_of(area: &geography::Area) -> AreaLevel {
    match area.kind {
        Kind::District | Kind::Csp => AreaLevel::District,
        Kind::County => AreaLevel::County,
        Kind::Force => AreaLevel::Force,
        Kind::Region => AreaLevel::Region,
        Kind::Country if area.code.starts_with('W') => AreaLevel::Region,
        Kind::Country => AreaLevel::National,
    }
}

/// The police force areas of England and Wales as the workbench names them
/// ("Devon and Cornwall", "City of London"), from the geography, and the
/// British Transport Police.
pub fn police_forces() -> impl Iterator<Item = &'static str> {
    geography::national()
        .areas()
        .iter()
        .filter(|a| a.kind == Kind::Force && a.is_current())
        .map(|a| a.name.as_str())
        .chain(std::iter::once("British Transport Police"))
}

/// The place a force is named after: "City of London" for "City of London
/// (force)", whose name is kept apart from the district's.
pub fn place_of_force(force: &str) -> &str {
    force
        .strip_suffix(geography::FORCE_QUALIFIER)
        .map(str::trim_end)
        .unwrap_or(force)
}

/// The force an area's name also names ("Dorset", "Kent", "North Yorkshire"),
/// for a table of forces where the district or county of that name is meant as the force.
pub fn as_force(name: &str) -> Option<String> {
    geography::national()
        .force_named(name)
        .map(|force| force.name.clone())
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

/// The data's name for an area asked for by any of its names or its ONS code
/// ("E07000116", "Tunbridge Wells Borough Council", the partnership's code),
/// among `data_areas` (the areas the data have figures for); otherwise a
/// sentence saying what the area is and why the data have no figure for it.
///
/// An area the data name differently but that covers the same ground is the
/// same area: a partnership that is one district (or a former district) is
/// found by the district's figures, and a district by its partnership's. A
/// partnership made of several districts (Dartford and Gravesham) is found
/// where the data have it, or its sum (see `assessment::derived`, which callers
/// add first) where the data have all its districts; with only some of them,
/// and for a partnership that is part of a district (Allerdale within
/// Cumberland), the reason is given rather than a guess.
pub fn area_in_data(data_areas: &[&str], asked: &str) -> Result<String, String> {
    let asked = asked.trim();
    match areas_meant(data_areas, asked).as_slice() {
        [one] => return Ok(one.clone()),
        [] => {}
        several => return Err(several_areas(asked, several)),
    }
    let geo = geography::national();
    let Some(id) = geo.find(asked) else {
        return Err(format!("no figures for the area “{asked}”"));
    };
    let same_ground = data_areas.iter().find(|area| {
        // The area a data name is (its own canonical name), else any it could be.
        let mut candidates = geo.candidates(area);
        if candidates.iter().any(|c| geo.area(*c).name == **area) {
            candidates.retain(|c| geo.area(*c).name == **area);
        }
        candidates
            .into_iter()
            .any(|other| geo.same_ground(id, other))
    });
    if let Some(area) = same_ground {
        return Ok(area.to_string());
    }
    let area = geo.area(id);
    let parts: Vec<String> = match area.kind {
        Kind::Csp => geo
            .districts_of(id)
            .into_iter()
            .filter(|d| geo.area(*d).kind == Kind::District)
            .map(|d| geo.area(d).name.clone())
            .collect(),
        _ => Vec::new(),
    };
    let held: Vec<&String> = parts
        .iter()
        .filter(|p| data_areas.contains(&p.as_str()))
        .collect();
    if parts.len() > 1 && !held.is_empty() {
        let missing: Vec<&str> = parts
            .iter()
            .map(String::as_str)
            .filter(|p| !data_areas.contains(p))
            .collect();
        let short = match missing.as_slice() {
            [] => String::new(),
            m => format!(" nor for {}, so they cannot be added up", m.join(", ")),
        };
        return Err(format!(
            "no figures for the area “{asked}” ({}): it is made of the districts {}, and the files have figures for {} but not for the partnership itself{short}",
            area.describe(),
            parts.join(", "),
            held.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "),
        ));
    }
    // A partnership that is part of a district the files have: never a share of it.
    if area.kind == Kind::Csp {
        if let Some(whole) = geo.pieces_of(id) {
            let containing = data_areas.iter().find(|a| {
                geo.find(a)
                    .filter(|d| geo.area(*d).kind == Kind::District)
                    .and_then(|d| geo.pieces_of(d))
                    .is_some_and(|d| whole.is_subset(&d) && whole != d)
            });
            if let Some(district) = containing {
                return Err(format!(
                    "no figures for the area “{asked}” ({}): it is part of the district {district}, which the ONS lookup splits between partnerships; the files have figures for {district} as a whole, and no share of them is guessed",
                    area.describe()
                ));
            }
            // A partnership of whole districts and part of another (Dorset's
            // takes in part of Bournemouth, Christchurch and Poole): never summed.
            let (mut inside, mut partly) = (Vec::new(), Vec::new());
            for a in data_areas {
                let Some(pieces) = geo
                    .find(a)
                    .filter(|d| geo.area(*d).kind == Kind::District)
                    .and_then(|d| geo.pieces_of(d))
                else {
                    continue;
                };
                if pieces.is_subset(&whole) {
                    inside.push(*a);
                } else if !pieces.is_disjoint(&whole) {
                    partly.push(*a);
                }
            }
            if !partly.is_empty() {
                let covers = if inside.is_empty() {
                    String::new()
                } else {
                    format!("{} and ", inside.join(", "))
                };
                return Err(format!(
                    "no figures for the area “{asked}” ({}): it covers {covers}part of {}, which the ONS lookup splits between partnerships; the files have figures for {} as a whole, and no share of them is guessed",
                    area.describe(),
                    partly.join(", "),
                    partly.join(", ")
                ));
            }
        }
    }
    Err(format!(
        "no figures for the area “{asked}” ({})",
        area.describe()
    ))
}

/// The areas of the data a name could mean: every area the geography knows
/// by that name or code (a council's or force's word narrowing it: "Kent
/// County Council" is the county, "Kent Police" the force) that the data have
/// figures for, by the data's names, and the name itself where the data use
/// it. A name with several candidates (Kent the county and Kent the force)
/// means the one the data have; more than one is for the user to choose.
pub fn areas_meant(data_areas: &[&str], asked: &str) -> Vec<String> {
    let asked = asked.trim();
    let mut held: Vec<String> = Vec::new();
    let mut hold = |name: &str| {
        if data_areas.contains(&name) && !held.iter().any(|h| h == name) {
            held.push(name.to_string());
        }
    };
    hold(asked);
    let (name, _) = normalise(asked);
    hold(&name);
    let geo = geography::national();
    if geography::names::is_code(asked) {
        return held;
    }
    let hint = geography::names::stripped(&geography::names::key(asked)).and_then(|(_, h)| h);
    let fits = |kind: Kind| match hint {
        Some(Kind::District) => matches!(kind, Kind::District | Kind::Csp),
        Some(hinted) => kind == hinted,
        None => true,
    };
    let candidates = geo.candidates(asked);
    let narrowed: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|c| fits(geo.area(*c).kind))
        .collect();
    for c in if narrowed.is_empty() {
        candidates
    } else {
        narrowed
    } {
        hold(&geo.area(c).name);
    }
    held
}

/// "“Kent” names more than one area the files have figures for: Kent (the
/// county) and Kent (force) (the police force area); give one of these names".
fn several_areas(asked: &str, names: &[String]) -> String {
    let geo = geography::national();
    let described: Vec<String> = names
        .iter()
        .map(|n| {
            match geo
                .candidates(n)
                .into_iter()
                .find(|c| geo.area(*c).name == *n)
            {
                Some(id) => format!("{n}, the {}", geo.area(id).kind.describe()),
                None => n.clone(),
            }
        })
        .collect();
    format!(
        "“{asked}” names more than one area with figures: {}; give one of these names",
        described.join("; ")
    )
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
            normalise("Shepway"),
            ("Folkestone and Hythe".into(), AreaLevel::District)
        );
        assert_eq!(normalise("KENT"), ("Kent".into(), AreaLevel::County));
        assert_eq!(normalise("Kent County Council").1, AreaLevel::County);
        // A force that shares its place's name is named apart from the place.
        assert_eq!(
            normalise("Kent Police"),
            ("Kent (force)".into(), AreaLevel::Force)
        );
        assert_eq!(normalise("Kent (force)").0, "Kent (force)");
        assert_eq!(normalise("Medway").1, AreaLevel::District);
        assert_eq!(normalise("Action Fraud").1, AreaLevel::Other);
        assert_eq!(normalise("Grand total").1, AreaLevel::National);
        assert_eq!(
            normalise("Dartford & Gravesham"),
            ("Dartford and Gravesham".into(), AreaLevel::District)
        );
        assert_eq!(
            normalise("City of London Police"),
            ("City of London (force)".into(), AreaLevel::Force)
        );
        assert_eq!(
            normalise("E09000001"),
            ("City of London".into(), AreaLevel::District)
        );
        assert_eq!(
            normalise("E23000034"),
            ("City of London (force)".into(), AreaLevel::Force)
        );
        // A force with a name of its own keeps it.
        assert_eq!(
            normalise("Avon and Somerset Constabulary"),
            ("Avon and Somerset".into(), AreaLevel::Force)
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

    #[test]
    fn a_column_says_what_kind_of_area_it_holds() {
        for (header, kind) in [
            ("CSP Name", Some(Kind::Csp)),
            ("csp_name", Some(Kind::Csp)),
            ("Community Safety Partnership", Some(Kind::Csp)),
            ("Force Name", Some(Kind::Force)),
            ("Police force area", Some(Kind::Force)),
            ("PFA", Some(Kind::Force)),
            ("District", Some(Kind::District)),
            ("Local authority", Some(Kind::District)),
            ("LAD22NM", None),
            ("County", Some(Kind::County)),
            ("Region", Some(Kind::Region)),
            ("Area", None),
            ("Geography name", None),
        ] {
            assert_eq!(kind_of_column(header), kind, "{header}");
        }
    }

    #[test]
    fn a_shared_name_is_read_as_its_column_says() {
        let csp = Some(Kind::Csp);
        // The partnerships named as districts are but covering other ground.
        assert_eq!(
            normalise_as("Dorset", csp),
            ("Dorset (partnership)".into(), AreaLevel::District)
        );
        assert_eq!(
            normalise_as("NORTH DEVON", csp).0,
            "North Devon (partnership)"
        );
        assert_eq!(
            normalise_as("North Devon CSP", csp).0,
            "North Devon (partnership)"
        );
        // Elsewhere the district keeps the plain name.
        assert_eq!(normalise_as("Dorset", None).0, "Dorset");
        assert_eq!(normalise_as("Dorset", Some(Kind::District)).0, "Dorset");
        // A partnership of the same ground as its district shares its name.
        assert_eq!(normalise_as("Maidstone", csp).0, "Maidstone");
        // No partnership is called Kent: the county, as anywhere.
        assert_eq!(
            normalise_as("Kent", csp),
            ("Kent".into(), AreaLevel::County)
        );
        // Among forces, the force; a code names its own area; totals stay totals.
        assert_eq!(
            normalise_as("Kent", Some(Kind::Force)),
            ("Kent (force)".into(), AreaLevel::Force)
        );
        assert_eq!(normalise_as("E06000059", csp).0, "Dorset");
        assert_eq!(normalise_as("Total", csp).1, AreaLevel::National);
        assert_eq!(
            normalise_as("West Midlands", Some(Kind::Region)).1,
            AreaLevel::Region
        );
    }
}
