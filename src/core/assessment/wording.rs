//! The words findings are written with: measure names in running text, the noun
//! a count is counted in, ranks and directions as the plan writes them.

use crate::core::areas::AreaLevel;
use crate::core::format;

/// A measure's name inside a sentence: "violent crime", but "KSI casualties".
pub fn running_name(measure: &str) -> String {
    let first_word = measure.split_whitespace().next().unwrap_or("");
    let acronym = first_word.len() > 1
        && first_word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase());
    if acronym {
        return measure.to_string();
    }
    let mut chars = measure.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A measure's name at the start of a sentence.
pub fn sentence_name(measure: &str) -> String {
    let mut chars = measure.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The issue a measure is about, for recommendations: "domestic abuse" from
/// "Domestic abuse incidents".
pub fn issue_name(measure: &str) -> String {
    let name = running_name(measure);
    name.strip_suffix(" incidents")
        .map(str::to_string)
        .unwrap_or(name)
}

const PLURAL_WORDS: [&str; 10] = [
    "drugs",
    "weapons",
    "casualties",
    "offences",
    "crimes",
    "arrests",
    "victims",
    "incidents",
    "cases",
    "admissions",
];

/// Whether the issue's name takes a plural verb ("drug offences remain").
pub fn is_plural(name: &str) -> bool {
    name.to_lowercase()
        .split_whitespace()
        .any(|w| PLURAL_WORDS.contains(&w))
}

/// What a count of the measure is counted in: "crimes", "incidents", "casualties".
pub fn noun(measure: &str, value: f64) -> Option<&'static str> {
    let lower = measure.to_lowercase();
    let one = value == 1.0;
    let pick = |singular, plural| Some(if one { singular } else { plural });
    if lower.contains("offence") {
        pick("offence", "offences")
    } else if lower.contains("incident") {
        pick("incident", "incidents")
    } else if lower.contains("casualt") {
        pick("casualty", "casualties")
    } else if lower.contains("arrest") {
        pick("arrest", "arrests")
    } else if lower.contains("victim") {
        pick("victim", "victims")
    } else if lower.contains("crime") || lower.contains("robber") || lower.contains("burglar") {
        pick("crime", "crimes")
    } else if lower.contains("theft") {
        pick("theft", "thefts")
    } else if lower.contains("case") {
        pick("case", "cases")
    } else if lower.contains("admission") {
        pick("admission", "admissions")
    } else {
        None
    }
}

/// What a count column's header says is counted, plural: "offences" from
/// "Number of Offences" or "Rolling year total number of offences",
/// "recorded crimes" from "Count of recorded crimes"; `None` for a header that
/// names no count ("Value", "Rate per 1,000", "Number").
pub fn noun_in_header(header: &str) -> Option<String> {
    let lower = header.to_lowercase();
    let rest = ["number of ", "no. of ", "count of ", "numbers of "]
        .iter()
        .find_map(|lead| lower.split_once(lead).map(|(_, rest)| rest))?;
    let words: Vec<&str> = rest
        .split(['(', ',', '['])
        .next()
        .unwrap_or("")
        .split_whitespace()
        .take_while(|w| !["in", "per", "by", "for", "at", "on", "to", "from", "as"].contains(w))
        .collect();
    let plural = words.last()?;
    // A noun that is counted: a plural (offences, crimes, people), two words at most before it.
    let counted = (plural.ends_with('s') || *plural == "people")
        && words.len() <= 3
        && plural.chars().all(|c| c.is_alphabetic() || c == '-');
    counted.then(|| words.join(" "))
}

/// A noun as one is counted: "offence" of "offences", "person" of "people".
fn singular(plural: &str) -> String {
    if let Some(stem) = plural.strip_suffix("people") {
        return format!("{stem}person");
    }
    if let Some(stem) = plural.strip_suffix("ies") {
        return format!("{stem}y");
    }
    plural.strip_suffix('s').unwrap_or(plural).to_string()
}

/// Whether the measure's own name says what it counts ("Drug offences",
/// "Violent crime", "Bicycle theft"), rather than the noun being guessed
/// (robbery and burglary are crimes) or absent ("Criminal damage and arson").
fn named_noun(measure: &str) -> bool {
    let lower = measure.to_lowercase();
    [
        "offence",
        "incident",
        "casualt",
        "arrest",
        "victim",
        "crime",
        "theft",
        "case",
        "admission",
    ]
    .iter()
    .any(|stem| lower.contains(stem))
}

/// What a count of the measure is counted in, given what its column's header
/// says is counted (`from_header`, see `noun_in_header`): the measure's own
/// word where its name has one; else the header's; else the noun guessed from
/// the name ("crimes" for robbery).
pub fn count_noun(measure: &str, from_header: Option<&str>, value: f64) -> Option<String> {
    match from_header {
        Some(header) if !named_noun(measure) => Some(if value == 1.0 {
            singular(header)
        } else {
            header.to_string()
        }),
        _ => noun(measure, value).map(str::to_string),
    }
}

/// "9,604 offences", in the noun `count_noun` gives; the bare number without one.
pub fn counted_in(measure: &str, from_header: Option<&str>, value: f64) -> String {
    match count_noun(measure, from_header, value) {
        Some(noun) => format!("{} {noun}", format::count(value)),
        None => format::count(value),
    }
}

/// "9,604 offences of criminal damage and arson" where the header gives the
/// noun and the name does not; else "2,476 drug offences" as before.
pub fn how_many(measure: &str, from_header: Option<&str>, value: f64) -> String {
    match from_header {
        Some(_) if !named_noun(measure) => format!(
            "{} of {}",
            counted_in(measure, from_header, value),
            running_name(measure)
        ),
        _ => format!("{} {}", format::count(value), running_name(measure)),
    }
}

/// "1,696 crimes", or the bare number when the measure has no obvious noun.
pub fn counted(measure: &str, value: f64) -> String {
    match noun(measure, value) {
        Some(noun) => format!("{} {noun}", format::count(value)),
        None => format::count(value),
    }
}

/// "the third lowest", "11th of 12", as the plan ranks districts (1 = lowest).
pub fn rank_words(rank: usize, of: usize) -> String {
    match rank {
        1 => "the lowest".to_string(),
        2 => "the second lowest".to_string(),
        3 => "the third lowest".to_string(),
        _ if rank == of => format!("{} of {of}, the highest", format::ordinal(rank)),
        _ => format!("{} of {of}", format::ordinal(rank)),
    }
}

/// A place's name as running text takes: "the North West", "the East of
/// England", but "Kent", "London", "Wales". The English regions named by a
/// point of the compass take "the"; no other area's name does.
pub fn place_in_text(name: &str) -> String {
    const WITH_THE: [&str; 7] = [
        "North East",
        "North West",
        "East Midlands",
        "West Midlands",
        "East of England",
        "South East",
        "South West",
    ];
    if WITH_THE.contains(&name) {
        format!("the {name}")
    } else {
        name.to_string()
    }
}

/// "a" or "an" before a name, by its first letter ("a Kent-wide", "an
/// Essex-wide", "an Avon and Somerset-wide"): the names of places in England
/// and Wales that start with a vowel letter start with a vowel sound.
pub fn indefinite_article(name: &str) -> &'static str {
    match name.trim_start().chars().next() {
        Some(c) if "AEIOUaeiou".contains(c) => "an",
        _ => "a",
    }
}

/// "districts", "police force areas".
pub fn level_plural(level: AreaLevel) -> &'static str {
    match level {
        AreaLevel::District => "districts",
        AreaLevel::County => "counties",
        AreaLevel::Force => "police force areas",
        AreaLevel::Region => "regions",
        AreaLevel::National => "countries",
        AreaLevel::Other => "areas",
    }
}

/// A change without its sign, as words read: "13%", "0.8%".
pub fn size_of_change(relative: f64) -> String {
    format::signed_percent(relative)
        .trim_start_matches(['+', '−'])
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_before_a_compass_region() {
        assert_eq!(place_in_text("North West"), "the North West");
        assert_eq!(place_in_text("East of England"), "the East of England");
        assert_eq!(place_in_text("Kent"), "Kent");
        assert_eq!(place_in_text("West Yorkshire"), "West Yorkshire");
        assert_eq!(place_in_text("London"), "London");
    }

    #[test]
    fn an_before_a_vowel() {
        assert_eq!(indefinite_article("Kent"), "a");
        assert_eq!(indefinite_article("Avon and Somerset"), "an");
        assert_eq!(indefinite_article("England and Wales"), "an");
        assert_eq!(indefinite_article("Uttlesford"), "an");
    }

    #[test]
    fn names_in_running_text() {
        assert_eq!(running_name("Violent crime"), "violent crime");
        assert_eq!(running_name("KSI casualties"), "KSI casualties");
        assert_eq!(issue_name("Domestic abuse incidents"), "domestic abuse");
        assert_eq!(
            issue_name("Anti-social behaviour incidents"),
            "anti-social behaviour"
        );
        assert!(is_plural("drug offences"));
        assert!(!is_plural("violent crime"));
        assert!(!is_plural("anti-social behaviour"));
    }

    #[test]
    fn counts_in_their_nouns() {
        assert_eq!(counted("Violent crime", 1696.0), "1,696 crimes");
        assert_eq!(counted("Drug offences", 1.0), "1 offence");
        assert_eq!(counted("Child KSI casualties", 7.0), "7 casualties");
        assert_eq!(counted("Secondary schools engaged", 7.0), "7");
    }

    #[test]
    fn a_count_columns_header_names_the_count_noun() {
        assert_eq!(
            noun_in_header("Number of Offences").as_deref(),
            Some("offences")
        );
        assert_eq!(
            noun_in_header("Rolling year total number of offences").as_deref(),
            Some("offences")
        );
        assert_eq!(
            noun_in_header("Count of recorded crimes (2017/18)").as_deref(),
            Some("recorded crimes")
        );
        assert_eq!(
            noun_in_header("No. of people in 2020").as_deref(),
            Some("people")
        );
        for none in [
            "Value",
            "Number",
            "Rate per 1,000",
            "Financial Year",
            "Number of",
        ] {
            assert_eq!(noun_in_header(none), None, "{none}");
        }
        // The header's noun where the name has none; the name's own word otherwise.
        let header = Some("offences");
        assert_eq!(
            counted_in("Criminal damage and arson", header, 9604.0),
            "9,604 offences"
        );
        assert_eq!(counted_in("Robbery", header, 1.0), "1 offence");
        assert_eq!(counted_in("Robbery", None, 352.0), "352 crimes");
        assert_eq!(counted_in("Bicycle theft", header, 7.0), "7 thefts");
        assert_eq!(
            counted_in("Criminal damage and arson", None, 9604.0),
            "9,604"
        );
        assert_eq!(
            how_many("Criminal damage and arson", header, 9604.0),
            "9,604 offences of criminal damage and arson"
        );
        assert_eq!(
            how_many("Drug offences", header, 2476.0),
            "2,476 drug offences"
        );
        assert_eq!(counted_in("Homicide", Some("people"), 1.0), "1 person");
    }

    #[test]
    fn ranks_as_the_plan_writes_them() {
        assert_eq!(rank_words(3, 12), "the third lowest");
        assert_eq!(rank_words(11, 12), "11th of 12");
        assert_eq!(rank_words(12, 12), "12th of 12, the highest");
    }
}
