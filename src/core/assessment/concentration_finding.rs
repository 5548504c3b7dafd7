//! The concentration of a district's street crime, as a finding in the plan's
//! register: "A fifth of violent crime in Maidstone in 2019/20 happened in 3%
//! of its neighbourhoods (3 of 98 LSOAs): Maidstone 012C, …".

use super::concentration::Concentration;
use super::findings::{Citation, Finding, Topic};
use super::wording::{running_name, sentence_name};
use crate::core::dataset::{Provenance, ALL_CRIME};
use crate::core::format;

/// How many LSOAs a finding names before "and N others".
const NAMED: usize = 3;

/// The crime in running text: "violence and sexual offences"; all crime says
/// what it leaves out.
pub fn crime_words(measure: &str) -> String {
    if measure == ALL_CRIME {
        "crime (excluding anti-social behaviour)".to_string()
    } else {
        running_name(measure)
    }
}

/// A share of LSOAs: whole per cent, or one place below 1%.
fn lsoa_share(fraction: f64) -> String {
    if fraction < 0.01 {
        format::percent(fraction)
    } else {
        format::share(fraction)
    }
}

/// "Maidstone 012C, Maidstone 013A and Maidstone 001D", or the first three
/// "and 4 others".
fn names(lsoas: &[&str]) -> String {
    match lsoas {
        [] => String::new(),
        [one] => one.to_string(),
        _ if lsoas.len() <= NAMED => format!(
            "{} and {}",
            lsoas[..lsoas.len() - 1].join(", "),
            lsoas[lsoas.len() - 1]
        ),
        _ => {
            let others = lsoas.len() - NAMED;
            format!(
                "{} and {} other{}",
                lsoas[..NAMED].join(", "),
                others,
                if others == 1 { "" } else { "s" }
            )
        }
    }
}

fn lsoas_word(n: usize) -> &'static str {
    if n == 1 {
        "LSOA"
    } else {
        "LSOAs"
    }
}

/// The finding, its method and the figures it quotes.
pub fn concentration_finding(c: &Concentration) -> Finding {
    let crime = crime_words(&c.measure);
    let period = c.period.label();
    let (fifth, fifth_share) = c.lsoas_holding(0.2);
    let (half, half_share) = c.lsoas_holding(0.5);
    let top: Vec<&str> = c.ranked[..fifth].iter().map(|r| r.name.as_str()).collect();
    let headline = |share: &str| {
        format!(
            "{share} of {crime} in {} in {period} happened in {} of its neighbourhoods ({fifth} of {} {}): {}.",
            c.district,
            lsoa_share(fifth_share),
            c.lsoas,
            lsoas_word(c.lsoas),
            names(&top),
        )
    };
    let mut text;
    if half == fifth {
        // The same few LSOAs hold half or more: say how much they hold.
        let held = c.ranked[fifth - 1].cumulative_share;
        text = headline(&sentence_name(&format::share(held)));
    } else {
        text = headline("A fifth");
        text.push_str(&format!(
            " Half happened in {} ({half} {}).",
            lsoa_share(half_share),
            lsoas_word(half)
        ));
    }
    match c.top.iter().find(|t| t.percent == 10) {
        Some(ten) if ten.lsoas != fifth && ten.lsoas != half => text.push_str(&format!(
            " The busiest tenth of neighbourhoods ({} {}) had {} of it; the Gini coefficient is {}.",
            ten.lsoas,
            lsoas_word(ten.lsoas),
            format::share(ten.share),
            format::number(c.gini, 2)
        )),
        _ => text.push_str(&format!(
            " The Gini coefficient is {}.",
            format::number(c.gini, 2)
        )),
    }
    if !c.persistent.is_empty() {
        let persistent: Vec<&str> = c.persistent.iter().map(|r| r.name.as_str()).collect();
        let lead = if persistent.len() == 1 {
            "One neighbourhood was".to_string()
        } else {
            format!("{} neighbourhoods were", persistent.len())
        };
        text.push_str(&format!(
            " {lead} in the district's top tenth in most months: {}.",
            names(&persistent)
        ));
    }
    if !c.months_missing.is_empty() {
        text.push_str(&format!(
            " The street files loaded cover {} of the {} months.",
            c.months.len(),
            c.months.len() + c.months_missing.len()
        ));
    }

    let unnamed = c.lsoas - c.ranked.len();
    let zero = c.lsoas - c.lsoas_with_crime;
    let mut method = format!(
        "Street records (police.uk) of {crime} in {period}, counted by the LSOA each record names and ranked from the most to the fewest. "
    );
    if c.lsoas_from_lookup {
        method.push_str(&format!(
            "The district has {} LSOAs in the ONS lookup ({} census codes); {zero} had none of this crime{}. ",
            c.lsoas,
            c.census,
            if unnamed > 0 {
                format!(", {unnamed} of them no street record at all")
            } else {
                String::new()
            }
        ));
    } else {
        method.push_str(&format!(
            "The LSOA lookup was not loaded when the files were imported, so only the {} LSOAs the records name are counted; LSOAs with no record are missing from the shares. ",
            c.lsoas
        ));
    }
    method.push_str("A zero is a real zero only for the months the loaded files cover");
    if c.months_missing.is_empty() {
        method.push_str(&format!(" (all {} here). ", c.months.len()));
    } else {
        let missing: Vec<String> = c.months_missing.iter().map(|m| m.label()).collect();
        method.push_str(&format!(
            "; no street record of the district is loaded for {}. ",
            missing.join(", ")
        ));
    }
    method.push_str(
        "The busiest 5%, 10% and 20% are whole LSOAs: that share of the district's LSOAs, rounded, at least one. \
         The Gini coefficient is Σ(2i − n − 1)·xᵢ / (n·Σx) over the n LSOAs ordered from the fewest crimes (0: crime spread evenly; towards 1: all in one LSOA). \
         Persistently high: in the top tenth of LSOAs (the ⌈n/10⌉ highest counts that month, ties included, above zero) in more than half the months loaded (at least three). \
         police.uk places each record at an anonymised map point, whose LSOA is the one given.",
    );

    let source = |what: String| Provenance {
        file: c.files.join(", "),
        sheet: "Street crime by LSOA".to_string(),
        cell: what,
    };
    let mut figures = vec![Citation {
        label: format!("{crime} in {} in {period}", c.district),
        value: format::count(c.total as f64),
        source: source(format!("every record of {crime} in {}'s LSOAs", c.district)),
    }];
    for r in c.ranked.iter().take(fifth.max(NAMED)) {
        figures.push(Citation {
            label: format!("{} ({})", r.name, r.code),
            value: format!(
                "{} ({})",
                format::count(r.count as f64),
                format::percent(r.share)
            ),
            source: source(format!("records with LSOA code {}", r.code)),
        });
    }
    for t in &c.top {
        figures.push(Citation {
            label: format!(
                "Busiest {}% of LSOAs ({} of {})",
                t.percent, t.lsoas, c.lsoas
            ),
            value: format!(
                "{} ({})",
                format::count(t.count as f64),
                format::percent(t.share)
            ),
            source: source(format!("the {} LSOAs with the most records", t.lsoas)),
        });
    }
    figures.push(Citation {
        label: "Gini coefficient".to_string(),
        value: format::number(c.gini, 2),
        source: source(format!("all {} LSOAs of {}", c.lsoas, c.district)),
    });
    Finding {
        measure: c.measure.clone(),
        topic: Topic::Concentration,
        text,
        method: Some(method),
        figures,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_listed_as_a_sentence_lists_them() {
        assert_eq!(names(&["A"]), "A");
        assert_eq!(names(&["A", "B"]), "A and B");
        assert_eq!(names(&["A", "B", "C"]), "A, B and C");
        assert_eq!(names(&["A", "B", "C", "D"]), "A, B, C and 1 other");
        assert_eq!(names(&["A", "B", "C", "D", "E"]), "A, B, C and 2 others");
        assert_eq!(
            crime_words(ALL_CRIME),
            "crime (excluding anti-social behaviour)"
        );
        assert_eq!(
            crime_words("Violence and sexual offences"),
            "violence and sexual offences"
        );
        assert_eq!(lsoa_share(0.03), "3%");
        assert_eq!(lsoa_share(0.008), "0.8%");
    }
}
