//! Harm from evidence: the ONS Crime Severity Score weights (about 2020) of the
//! offences a measure counts, where the measure is a police.uk crime type, a
//! Home Office offence group, subgroup, description or code. A crime type's or
//! group's weight is the mean weight of one of its offences, weighted by the
//! national mix of its offence codes in 2017/18 (`examples/make_severity.rs`
//! writes the table from `../shared/data/geo/offences/`; `make check-severity`).

use std::collections::HashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("severity.tsv");

/// Where a weight comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum WeightSource {
    AllOffences,
    PoliceUkCrimeType,
    OffenceGroup,
    OffenceSubgroup,
    OffenceDescription,
    OffenceCode,
}

impl WeightSource {
    pub fn label(self) -> &'static str {
        match self {
            WeightSource::AllOffences => "all recorded offences",
            WeightSource::PoliceUkCrimeType => "police.uk crime type",
            WeightSource::OffenceGroup => "Home Office offence group",
            WeightSource::OffenceSubgroup => "Home Office offence subgroup",
            WeightSource::OffenceDescription => "Home Office offence",
            WeightSource::OffenceCode => "Home Office offence code",
        }
    }
}

/// The severity weight of one offence of a kind.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Weight {
    pub per_offence: f64,
    pub source: WeightSource,
}

struct Table {
    national_mean: f64,
    by_name: HashMap<String, Weight>,
}

/// "Violence and Sexual Offences ", "violence-and-sexual offences" → "violence and sexual offences".
fn key(name: &str) -> String {
    name.to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '.' && c != '/')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn table() -> &'static Table {
    static TABLE_CELL: OnceLock<Table> = OnceLock::new();
    TABLE_CELL.get_or_init(|| {
        let mut national_mean = f64::NAN;
        let mut by_name = HashMap::new();
        for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
            let mut cells = line.split('\t');
            let (Some(kind), Some(name), Some(weight)) = (cells.next(), cells.next(), cells.next())
            else {
                continue;
            };
            let Ok(per_offence) = weight.parse::<f64>() else {
                continue;
            };
            let source = match kind {
                "all" => {
                    national_mean = per_offence;
                    WeightSource::AllOffences
                }
                "policeuk" => WeightSource::PoliceUkCrimeType,
                "group" => WeightSource::OffenceGroup,
                "subgroup" => WeightSource::OffenceSubgroup,
                "description" => WeightSource::OffenceDescription,
                _ => WeightSource::OffenceCode,
            };
            // The first kind listed wins a shared name: crime types, then groups…
            by_name.entry(key(name)).or_insert(Weight {
                per_offence,
                source,
            });
        }
        Table {
            national_mean,
            by_name,
        }
    })
}

/// The mean severity of an offence recorded in England and Wales (2017/18 mix).
pub fn national_mean() -> f64 {
    table().national_mean
}

/// Names that count every recorded offence.
fn is_all_offences(key: &str) -> bool {
    let key = key
        .trim_end_matches(" home office")
        .trim_end_matches(" excluding anti social behaviour")
        .trim_end_matches(" excl asb");
    matches!(
        key,
        "all crime"
            | "all recorded crime"
            | "all recorded offences"
            | "total recorded crime"
            | "total crime"
            | "all offences"
    )
}

/// The weight of a measure's offences, when its name is a known offence
/// category (exactly, ignoring case and punctuation).
pub fn weight_of(measure: &str) -> Option<Weight> {
    let key = key(measure);
    if is_all_offences(&key) {
        return Some(Weight {
            per_offence: national_mean(),
            source: WeightSource::AllOffences,
        });
    }
    table().by_name.get(&key).copied()
}

/// The 0–3 harm score of offences `relative` times as severe as the average
/// offence: twice as severe or more 3, at least half the average 2, at least a
/// fifth 1, less 0.
pub fn harm_score(relative: f64) -> u8 {
    if relative >= 1.5 {
        3
    } else if relative >= 0.5 {
        2
    } else if relative >= 0.2 {
        1
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn police_uk_crime_types_carry_their_severity() {
        let types = [
            "Anti-social behaviour",
            "Bicycle theft",
            "Burglary",
            "Criminal damage and arson",
            "Drugs",
            "Other crime",
            "Other theft",
            "Possession of weapons",
            "Public order",
            "Robbery",
            "Shoplifting",
            "Theft from the person",
            "Vehicle crime",
            "Violence and sexual offences",
        ];
        for t in types {
            let w = weight_of(t);
            if t == "Anti-social behaviour" {
                assert_eq!(w, None, "ASB is not a crime and has no weight");
            } else {
                let w = w.unwrap_or_else(|| panic!("{t} has no weight"));
                assert_eq!(w.source, WeightSource::PoliceUkCrimeType, "{t}");
                assert!(w.per_offence > 1.0, "{t}");
            }
        }
        // Robbery is far more severe than shoplifting; the spelling does not matter.
        let robbery = weight_of("ROBBERY").unwrap().per_offence;
        let shoplifting = weight_of("shoplifting ").unwrap().per_offence;
        assert!(robbery > 50.0 * shoplifting);
        assert_eq!(
            weight_of("Violence and Sexual Offences"),
            weight_of("violence-and-sexual offences")
        );
        assert!((national_mean() - 158.09).abs() < 0.01);
        assert_eq!(harm_score(robbery / national_mean()), 3);
        assert_eq!(harm_score(shoplifting / national_mean()), 0);
    }

    #[test]
    fn home_office_groups_subgroups_and_codes() {
        assert_eq!(
            weight_of("Violence against the person").unwrap().source,
            WeightSource::OffenceGroup
        );
        assert_eq!(
            weight_of("Domestic burglary").unwrap().source,
            WeightSource::OffenceSubgroup
        );
        assert!(weight_of("Homicide").unwrap().per_offence > 7000.0);
        assert_eq!(weight_of("92E").unwrap().source, WeightSource::OffenceCode);
        assert_eq!(
            weight_of("All recorded offences (Home Office)")
                .unwrap()
                .source,
            WeightSource::AllOffences
        );
        assert_eq!(weight_of("Violent crime"), None);
        assert_eq!(weight_of("Road casualties"), None);
    }
}
