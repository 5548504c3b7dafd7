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
    fn ranks_as_the_plan_writes_them() {
        assert_eq!(rank_words(3, 12), "the third lowest");
        assert_eq!(rank_words(11, 12), "11th of 12");
        assert_eq!(rank_words(12, 12), "12th of 12, the highest");
    }
}
