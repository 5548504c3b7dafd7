//! One area of the national geography: its ONS code, its names over the years,
//! what kind of area it is and whether it still exists.

/// What kind of area a code names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A local authority district (lower tier, or a unitary authority).
    District,
    /// A community safety partnership: one district, several, or part of one.
    Csp,
    /// A county with districts under it (an upper-tier authority).
    County,
    /// A police force area.
    Force,
    /// An English region.
    Region,
    /// England, Wales, or England and Wales.
    Country,
}

impl Kind {
    /// The letter the asset file uses.
    pub fn letter(self) -> char {
        match self {
            Kind::District => 'L',
            Kind::Csp => 'C',
            Kind::County => 'U',
            Kind::Force => 'F',
            Kind::Region => 'R',
            Kind::Country => 'N',
        }
    }

    pub fn from_letter(letter: &str) -> Option<Kind> {
        Some(match letter {
            "L" => Kind::District,
            "C" => Kind::Csp,
            "U" => Kind::County,
            "F" => Kind::Force,
            "R" => Kind::Region,
            "N" => Kind::Country,
            _ => return None,
        })
    }

    /// "district", "community safety partnership", …
    pub fn describe(self) -> &'static str {
        match self {
            Kind::District => "district",
            Kind::Csp => "community safety partnership",
            Kind::County => "county",
            Kind::Force => "police force area",
            Kind::Region => "region",
            Kind::Country => "country",
        }
    }
}

/// One area as the ONS lookups give it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Area {
    pub code: String,
    pub kind: Kind,
    /// The name the workbench shows: the latest ONS name (forces as they call
    /// themselves, "Devon and Cornwall", "City of London").
    pub name: String,
    /// Every other name the area has had or goes by ("Shepway", "Sir Ynys Môn").
    pub aliases: Vec<String>,
    /// The first and last lookup years (2018 … 2024) that list the code.
    pub first: u16,
    pub last: u16,
    /// For an area that no longer exists, the codes that took it over.
    pub successors: Vec<String>,
}

/// The year of the newest lookup: areas listed in it are current.
pub const CURRENT_YEAR: u16 = 2024;

impl Area {
    pub fn is_current(&self) -> bool {
        self.last >= CURRENT_YEAR
    }

    /// "Folkestone and Hythe (E07000112), district; also called Shepway".
    pub fn describe(&self) -> String {
        let mut text = format!("{} ({}), {}", self.name, self.code, self.kind.describe());
        if !self.is_current() {
            text.push_str(&format!(", abolished after {}", self.last));
        }
        text
    }
}
