//! The measure a table's title names, when nothing else in the table does.
//!
//! A table of one measure often names it only in its title: "Burglary
//! dwelling by district, 2012/13", "Number of burglaries by ward, 2019",
//! "Recorded crime in Kent". The title less its breakdown ("by district"),
//! its place ("in Kent") and its period (", 2012/13") is the measure, kept
//! as written otherwise ("Number of times tactics were used"). A
//! generic title ("Table 3", "Data", "Partnership figures", "Community safety
//! indicators") names no measure: such a table stays in doubt.

/// Words of a "by …" phrase that name how the figures are broken down.
const BREAKDOWNS: [&str; 24] = [
    "financial",
    "calendar",
    "district",
    "area",
    "ward",
    "csp",
    "local",
    "borough",
    "force",
    "division",
    "county",
    "neighbourhood",
    "beat",
    "lsoa",
    "msoa",
    "community",
    "partnership",
    "month",
    "year",
    "quarter",
    "period",
    "location",
    "age",
    "sex",
];

/// Words that make a title a collection of figures, not one measure.
const GENERIC: [&str; 16] = [
    "figures",
    "indicators",
    "statistics",
    "stats",
    "data",
    "summary",
    "table",
    "tables",
    "information",
    "overview",
    "dashboard",
    "report",
    "profile",
    "performance",
    "sheet",
    "measures",
];

/// Words that open the name of a breakdown, not of a measure: "Gender by
/// financial year" and "Age group by district" describe how figures are cut,
/// and leave the measure unsaid.
const DIMENSIONS: [&str; 18] = [
    "gender",
    "sex",
    "age",
    "ethnicity",
    "ethnic",
    "religion",
    "disability",
    "area",
    "district",
    "ward",
    "month",
    "year",
    "quarter",
    "period",
    "location",
    "outcome",
    "type",
    "category",
];

/// The longest measure name a title is taken for; longer is a sentence.
const MAX_WORDS: usize = 8;

/// The measure `title` names, or `None` when it names none.
pub fn measure_in_title(title: &str) -> Option<String> {
    let mut text = title.trim().to_string();
    // ", 2012/13", ", April 2012 to March 2013", ", Kent districts": trailing
    // parts after a comma that hold a period, a place or a breakdown.
    while let Some((head, tail)) = text.rsplit_once(", ") {
        let tail = tail.trim();
        let qualifies = tail.chars().any(|c| c.is_ascii_digit())
            || tail.starts_with("by ")
            || tail.starts_with("in ")
            || tail.chars().next().is_some_and(char::is_uppercase)
                && tail.split_whitespace().count() <= 3;
        if !qualifies {
            break;
        }
        text = head.trim().to_string();
    }
    // "… by district", "… by ward and month".
    if let Some((head, tail)) = text.rsplit_once(" by ") {
        let first = tail.split_whitespace().next().unwrap_or("").to_lowercase();
        let first = first.strip_suffix('s').unwrap_or(&first);
        if BREAKDOWNS.contains(&first) {
            text = head.trim().to_string();
        }
    }
    // "… in Kent", "… in Tunbridge Wells": a place, written with capitals.
    if let Some((head, tail)) = text.rsplit_once(" in ") {
        let place = tail
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase) || w == "and");
        if place && !head.trim().is_empty() {
            text = head.trim().to_string();
        }
    }
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let generic = words.iter().any(|w| GENERIC.contains(&w.as_str()))
        || words
            .first()
            .is_some_and(|w| DIMENSIONS.contains(&w.as_str()));
    let has_word = words
        .iter()
        .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3);
    // "Table 3", "Sheet1": a numbered thing, not a measure.
    let numbered = words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()));
    (has_word && !generic && !numbered && words.len() <= MAX_WORDS && !text.ends_with('.'))
        .then_some(text)
}

#[cfg(test)]
mod tests {
    use super::measure_in_title;

    #[test]
    fn a_title_naming_one_measure_gives_it() {
        for (title, measure) in [
            (
                "Burglary dwelling by district, 2012/13",
                "Burglary dwelling",
            ),
            ("Number of burglaries by ward, 2019", "Number of burglaries"),
            ("Recorded crime in Kent", "Recorded crime"),
            (
                "Hate crime in Tunbridge Wells, April 2014 to March 2015",
                "Hate crime",
            ),
            ("Robbery by CSP", "Robbery"),
            ("Violence against the person", "Violence against the person"),
            (
                "Offences committed by young people",
                "Offences committed by young people",
            ),
        ] {
            assert_eq!(measure_in_title(title).as_deref(), Some(measure), "{title}");
        }
    }

    #[test]
    fn a_generic_title_names_no_measure() {
        for title in [
            "Table 3",
            "Data",
            "Sheet1",
            "Partnership figures in Kent",
            "Community safety indicators in Kent, 2012/13",
            "Summary",
            "Gender by financial year, 2004/05 to 2019/20",
            "Age group by district",
            "Figures for the latest year are provisional and may be revised.",
        ] {
            assert_eq!(measure_in_title(title), None, "{title}");
        }
    }
}
