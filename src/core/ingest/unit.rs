//! What unit a column of figures is in, from the words of its header and the
//! figures themselves. Only counts add up; a proportion summed into a rolling
//! year or tested as a Poisson count is confident nonsense, so a unit the
//! values alone suggest is not guessed: the table is flagged for checking.

use crate::core::dataset::Unit;

/// Words in a header that mean a figure is a share of something, so a column
/// of fractions under them is a proportion ("Repeat victimisation rate" 0.22).
const SHARE_WORDS: [&str; 12] = [
    "rate",
    "rates",
    "repeat",
    "proportion",
    "share",
    "percentage",
    "percent",
    "reoffending",
    "satisfaction",
    "satisfied",
    "detection",
    "outcome",
];

/// The unit a header names, if its words name one: "Rate per 1,000",
/// "% of victims", "Average days", "Cost (£)", "Ratio". `None` for a header
/// that says nothing about its unit (most count columns).
pub fn unit_in_words(text: &str) -> Option<Unit> {
    let lower = text.to_lowercase();
    let compact: String = lower.chars().filter(|c| !matches!(c, ',' | ' ')).collect();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |w: &str| words.contains(&w);
    if compact.contains("per100000") || compact.contains("per100k") {
        Some(Unit::RatePerHundredThousand)
    } else if compact.contains("per1000") || compact.contains("perthousand") {
        Some(Unit::RatePerThousand)
    } else if lower.contains('%')
        || has("percent")
        || has("percentage")
        || lower.contains("per cent")
        || has("proportion")
        || lower.contains("share of")
    {
        Some(Unit::Percent)
    } else if names_pounds(&lower)
        || has("cost")
        || has("costs")
        || has("spend")
        || has("gbp")
        || has("expenditure")
        || has("budget")
    {
        Some(Unit::Money)
    } else if has("average") || has("mean") || has("median") || has("avg") {
        Some(Unit::Average)
    } else if has("ratio") {
        Some(Unit::Ratio)
    } else {
        None
    }
}

/// "Cost (£)", "£ spent", "Value £": pounds as the unit. "£20 and under" is a
/// threshold in a category's name, not the unit of its figures.
fn names_pounds(text: &str) -> bool {
    text.match_indices('£').any(|(i, _)| {
        !text[i + '£'.len_utf8()..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit())
    })
}

fn has_share_word(text: &str) -> bool {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| SHARE_WORDS.contains(&w))
}

fn names_a_rate(text: &str) -> bool {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w == "rate" || w == "rates")
}

/// What the cells themselves said: written as "12.5%" or "£1,200".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CellMarks {
    pub percent: bool,
    pub money: bool,
}

/// A unit settled for one measure of a table, and why it may be wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct Settled {
    pub unit: Unit,
    pub doubt: Option<String>,
}

/// The unit of one measure's figures in a table, from its header words (the
/// column label and the measure's name), what its cells were written as, and
/// its values. `chosen` is the user's choice in the mapping step, which wins.
pub fn settle(
    measure: &str,
    header: &str,
    marks: CellMarks,
    values: &[f64],
    chosen: Option<Unit>,
) -> Settled {
    let sure = |unit| Settled { unit, doubt: None };
    if let Some(unit) = chosen {
        return sure(unit);
    }
    let words = format!("{header} {measure}");
    let fractions = !values.is_empty()
        && values.iter().all(|v| (0.0..=1.0).contains(v))
        && values.iter().any(|v| v.fract() != 0.0);
    match unit_in_words(&words) {
        // "%" over 0.22 is a proportion (a cell formatted as a percentage, or a
        // share written as a fraction); over 22 it is a percentage.
        Some(Unit::Percent) if marks.percent => sure(Unit::Percent),
        Some(Unit::Percent) if fractions => sure(Unit::Proportion),
        Some(unit) => sure(unit),
        None if marks.percent => sure(Unit::Percent),
        None if marks.money => sure(Unit::Money),
        None if fractions && has_share_word(&words) => sure(Unit::Proportion),
        None if fractions => Settled {
            unit: Unit::Count,
            doubt: Some(format!(
                "every figure of “{measure}” is between 0 and 1 with decimals, as a proportion \
                 would be, but nothing in its header says what it is: they were read as counts"
            )),
        },
        None if names_a_rate(&words) && !values.is_empty() => Settled {
            unit: Unit::RatePerThousand,
            doubt: Some(format!(
                "“{measure}” is a rate but its header does not say per how many: it was read \
                 as a rate per 1,000"
            )),
        },
        None => sure(Unit::Count),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settled(measure: &str, values: &[f64]) -> Settled {
        settle(measure, "", CellMarks::default(), values, None)
    }

    #[test]
    fn header_words_name_their_unit() {
        let cases = [
            ("Crimes per 1,000 population", Unit::RatePerThousand),
            ("Rate per 1000 residents", Unit::RatePerThousand),
            ("Rate per 100,000 population", Unit::RatePerHundredThousand),
            ("KSI per 100k", Unit::RatePerHundredThousand),
            ("% of victims repeat", Unit::Percent),
            ("Percentage detected", Unit::Percent),
            ("Proportion of repeat victims", Unit::Percent),
            ("Cost of damage (£)", Unit::Money),
            ("Spend", Unit::Money),
            ("Average days to charge", Unit::Average),
            ("Mean age of victims", Unit::Average),
            ("Officers to crimes ratio", Unit::Ratio),
        ];
        for (header, unit) in cases {
            assert_eq!(unit_in_words(header), Some(unit), "{header}");
        }
        for header in [
            "Violent crime",
            "Repeat victims",
            "Meaningful contacts",
            "Costume thefts",
            "Other criminal damage over £20",
            "Criminal damage £5,000 and under",
        ] {
            assert_eq!(unit_in_words(header), None, "{header}");
        }
    }

    #[test]
    fn fractions_under_a_share_word_are_a_proportion() {
        assert_eq!(
            settled("Repeat victimisation rate", &[0.22, 0.25, 0.19]),
            Settled {
                unit: Unit::Proportion,
                doubt: None
            }
        );
        assert_eq!(
            settled("Repeat victimisation", &[0.22, 0.3]).unit,
            Unit::Proportion
        );
        // A percentage column of fractions: a cell formatted as 22% holds 0.22.
        assert_eq!(settled("% repeat", &[0.22, 0.3]).unit, Unit::Proportion);
        assert_eq!(settled("% repeat", &[22.0, 30.5]).unit, Unit::Percent);
    }

    #[test]
    fn fractions_with_nothing_said_are_flagged_not_guessed() {
        let s = settled("Domestic abuse", &[0.22, 0.3, 0.25]);
        assert_eq!(s.unit, Unit::Count);
        assert!(s.doubt.unwrap().contains("between 0 and 1"));
        // Whole numbers of 0 and 1 are counts.
        assert_eq!(
            settled("Homicides", &[0.0, 1.0, 0.0]),
            settled("Homicides", &[3.0])
        );
        assert_eq!(settled("Homicides", &[1.0]).doubt, None);
    }

    #[test]
    fn a_rate_without_its_base_is_flagged() {
        let s = settled("Crime rate", &[45.2, 51.0]);
        assert_eq!(s.unit, Unit::RatePerThousand);
        assert!(s.doubt.is_some());
    }

    #[test]
    fn what_the_cells_say_and_what_the_user_chose() {
        let money = CellMarks {
            money: true,
            percent: false,
        };
        assert_eq!(
            settle("Damage", "", money, &[1200.0], None).unit,
            Unit::Money
        );
        let percent = CellMarks {
            money: false,
            percent: true,
        };
        assert_eq!(
            settle("Detected", "", percent, &[12.5], None).unit,
            Unit::Percent
        );
        assert_eq!(
            settle(
                "Domestic abuse",
                "",
                CellMarks::default(),
                &[0.2],
                Some(Unit::Proportion)
            ),
            Settled {
                unit: Unit::Proportion,
                doubt: None
            }
        );
    }
}
