//! Which way is better: a measure's *polarity*. A rise in crimes, casualties or
//! anti-social behaviour incidents is worse; a rise in the share of crimes
//! charged, in people supported or in schools engaged is better; a rise in the
//! population, in stops and searches or in arrests is neither (more activity is
//! not more harm), so its change is reported without a judgement.
//!
//! Every judgement the workbench makes (the overview's markers and order, the
//! significance markers' words, the findings, the priority matrix's computed
//! scores, the spine chart's colours) reads the measure's polarity from here:
//! the user's choice where there is one (kept with the priority matrix), else
//! its target's aim (to reduce it, to increase it or to reach a level), else a
//! default from its name, its unit and the sheet or file it came from.

use super::funnel_position::FunnelPosition;
use super::targets::{Target, TargetDirection};
use crate::core::dataset::Unit;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    HigherIsWorse,
    HigherIsBetter,
    /// The change is reported, never judged.
    Neither,
}

/// What a difference means for a measure of some polarity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Verdict {
    Worse,
    Better,
    /// Higher or lower, but the measure's polarity makes no judgement.
    Unjudged,
    /// No difference.
    Same,
}

impl Polarity {
    pub const ALL: [Polarity; 3] = [
        Polarity::HigherIsWorse,
        Polarity::HigherIsBetter,
        Polarity::Neither,
    ];

    /// "Higher is worse": how the UI names it.
    pub fn label(self) -> &'static str {
        match self {
            Polarity::HigherIsWorse => "Higher is worse",
            Polarity::HigherIsBetter => "Higher is better",
            Polarity::Neither => "Neither: change reported, not judged",
        }
    }

    /// A short form for tight cells: "higher is worse", "not judged".
    pub fn short(self) -> &'static str {
        match self {
            Polarity::HigherIsWorse => "higher is worse",
            Polarity::HigherIsBetter => "higher is better",
            Polarity::Neither => "not judged",
        }
    }

    /// The value a form control carries.
    pub fn key(self) -> &'static str {
        match self {
            Polarity::HigherIsWorse => "worse",
            Polarity::HigherIsBetter => "better",
            Polarity::Neither => "neither",
        }
    }

    pub fn from_key(key: &str) -> Option<Polarity> {
        Polarity::ALL.into_iter().find(|p| p.key() == key)
    }

    /// What a difference (later minus earlier, or local minus comparator) means.
    pub fn verdict(self, difference: f64) -> Verdict {
        if difference == 0.0 || !difference.is_finite() {
            return Verdict::Same;
        }
        match (self, difference > 0.0) {
            (Polarity::HigherIsWorse, true) | (Polarity::HigherIsBetter, false) => Verdict::Worse,
            (Polarity::HigherIsWorse, false) | (Polarity::HigherIsBetter, true) => Verdict::Better,
            (Polarity::Neither, _) => Verdict::Unjudged,
        }
    }

    /// A difference turned so that positive is worse; `None` when not judged.
    pub fn worse_by(self, difference: f64) -> Option<f64> {
        match self {
            Polarity::HigherIsWorse => Some(difference),
            Polarity::HigherIsBetter => Some(-difference),
            Polarity::Neither => None,
        }
    }

    /// The polarity a target's aim implies: reducing a figure means lower is
    /// better; increasing it or reaching a level means higher is better.
    pub fn of_target(aim: TargetDirection) -> Polarity {
        match aim {
            TargetDirection::Reduce => Polarity::HigherIsWorse,
            TargetDirection::Increase | TargetDirection::Reach => Polarity::HigherIsBetter,
        }
    }
}

/// What the funnel plot's 95% limits say of the local rate against the
/// county's, by the polarity: `Same` within the limits, `None` untested.
pub fn funnel_verdict(polarity: Polarity, funnel: Option<FunnelPosition>) -> Option<Verdict> {
    let side = match funnel? {
        FunnelPosition::FarAbove | FunnelPosition::Above => 1.0,
        FunnelPosition::FarBelow | FunnelPosition::Below => -1.0,
        FunnelPosition::Within => 0.0,
    };
    Some(polarity.verdict(side))
}

/// Where a measure's polarity comes from, said beside it in the UI.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Basis {
    /// The user chose it.
    Chosen,
    /// Its target aims to reduce it, increase it or reach a level.
    Target(TargetDirection),
    /// A word in its name ("crimes", "charged", "arrests", "population").
    Name,
    /// Its name says nothing; the sheet or file it came from does.
    Context(String),
    /// Nothing says which way is better: not judged.
    Nothing,
}

/// A measure's polarity and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MeasurePolarity {
    pub polarity: Polarity,
    pub basis: Basis,
}

impl Default for MeasurePolarity {
    fn default() -> Self {
        MeasurePolarity {
            polarity: Polarity::Neither,
            basis: Basis::Nothing,
        }
    }
}

impl MeasurePolarity {
    /// Whether the user set it (rather than the workbench assuming it).
    pub fn is_chosen(&self) -> bool {
        self.basis == Basis::Chosen
    }

    /// "assumed from the measure's name", "set by you".
    pub fn why(&self) -> String {
        match &self.basis {
            Basis::Chosen => "set by you".to_string(),
            Basis::Target(aim) => format!(
                "assumed from its target, {}",
                match aim {
                    TargetDirection::Reduce => "to reduce it",
                    TargetDirection::Increase => "to increase it",
                    TargetDirection::Reach => "to reach a level",
                }
            ),
            Basis::Name => "assumed from the measure's name".to_string(),
            Basis::Context(place) => format!("assumed from where it came from (“{place}”)"),
            Basis::Nothing => "nothing in its name says which way is better".to_string(),
        }
    }

    /// "Higher is worse, assumed from the measure's name."
    pub fn sentence(&self) -> String {
        format!("{}, {}.", self.polarity.label(), self.why())
    }
}

/// Whether `words` (lower case, split on anything not a letter or digit)
/// hold any of `stems` inside a word or any of `whole` as a whole word.
fn says(lower: &str, words: &[&str], stems: &[&str], whole: &[&str]) -> bool {
    stems.iter().any(|s| lower.contains(s)) || whole.iter().any(|w| words.contains(w))
}

/// A base rates are worked out from, not something to judge.
const BASES: (&[&str], &[&str]) = (
    &["population", "mid-year"],
    &["households", "residents", "dwellings"],
);
/// Outcomes that are failures whatever else the name says: "Crimes closed with
/// no suspect identified", repeats, re-offending, dissatisfaction.
const BAD_OUTCOMES: (&[&str], &[&str]) = (
    &[
        "no suspect",
        "no further action",
        "unable to prosecute",
        "not in the public interest",
        "unresolved",
        "nothing found",
        "repeat",
        "reoffend",
        "re-offend",
        "dissatisf",
        "unsatisf",
        "not satisf",
        "feel unsafe",
        "backlog",
        "waiting",
        "delay",
        "unemploy",
    ],
    &["nfa"],
);
/// Outcomes and results partners work for: more is better.
const GOOD_OUTCOMES: (&[&str], &[&str]) = (
    &[
        "charged",
        "charge rate",
        "summons",
        "caution",
        "detect",
        "solved",
        "positive outcome",
        "sanction",
        "offender sent",
        "offender given",
        "satisf",
        "confiden",
        "feel safe",
        "feeling safe",
        "support",
        "engage",
        "complet",
        "success",
        "safeguard",
        "resolved",
        "recover",
        "trained",
        "find rate",
        "finds",
        "seized",
        "seizure",
        "protected",
        "housed",
        "into treatment",
        "in treatment",
        "abstinen",
        "employ",
    ],
    &["found"],
);
/// Activity: more may mean more done, not more harm or less.
const ACTIVITY: (&[&str], &[&str]) = (
    &[
        "arrest",
        "referral",
        "referred",
        "stop and search",
        "stop-and-search",
        "stops and searches",
        "searches",
        "patrol",
        "visits",
        "operation",
        "intervention",
        "calls",
        "use of force",
        "tactic",
        "discharge",
        "outcome",
        "notices issued",
        "warnings issued",
        "licen",
    ],
    &["stops", "stop", "search"],
);
/// Harm: crimes, incidents, casualties, victims.
const HARM: (&[&str], &[&str]) = (
    &[
        "crime",
        "offence",
        "offending",
        "incident",
        "casualt",
        "killed",
        "injur",
        "fatal",
        "death",
        "died",
        "suicide",
        "victim",
        "abuse",
        "violen",
        "assault",
        "wounding",
        "burglar",
        "robber",
        "theft",
        "shoplift",
        "stolen",
        "anti-social",
        "antisocial",
        "nuisance",
        "damage",
        "arson",
        "fire",
        "drug",
        "weapon",
        "knife",
        "knives",
        "firearm",
        "fraud",
        "disorder",
        "collision",
        "harass",
        "stalking",
        "exploit",
        "missing",
        "hate",
        "graffiti",
        "fly-tip",
        "flytip",
        "complaint",
        "drunk",
        "homicide",
        "murder",
        "rape",
        "sexual",
    ],
    &["asb", "ksi", "rtc", "da", "dv", "gbh", "abh"],
);

/// The polarity a text alone suggests, if any.
fn from_text(text: &str, unit: Unit) -> Option<Polarity> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |(stems, whole): (&[&str], &[&str])| says(&lower, &words, stems, whole);
    if has(BASES) {
        return Some(Polarity::Neither);
    }
    if has(BAD_OUTCOMES) {
        return Some(Polarity::HigherIsWorse);
    }
    if has(GOOD_OUTCOMES) {
        return Some(Polarity::HigherIsBetter);
    }
    // A share or rate of outcomes ("Positive outcome rate (%)") is a result;
    // a count of them ("Outcomes of burglary") is activity.
    if unit.is_share() && lower.contains("outcome") {
        return Some(Polarity::HigherIsBetter);
    }
    if has(ACTIVITY) {
        return Some(Polarity::Neither);
    }
    if has(HARM) || super::severity::weight_of(text).is_some() {
        return Some(Polarity::HigherIsWorse);
    }
    None
}

/// The polarity the workbench assumes for a measure: from its name, else from
/// the sheet or file it came from (`context`), else not judged.
pub fn default_polarity(measure: &str, unit: Unit, context: &[&str]) -> MeasurePolarity {
    if let Some(polarity) = from_text(measure, unit) {
        return MeasurePolarity {
            polarity,
            basis: Basis::Name,
        };
    }
    context
        .iter()
        .filter(|c| !c.trim().is_empty())
        .find_map(|c| {
            from_text(c, unit).map(|polarity| MeasurePolarity {
                polarity,
                basis: Basis::Context(c.trim().to_string()),
            })
        })
        .unwrap_or_default()
}

/// A measure's polarity: the user's choice, else its target's aim (the first
/// target on it), else `assumed` (the default from its name and source).
pub fn polarity_of(
    measure: &str,
    assumed: &MeasurePolarity,
    chosen: &BTreeMap<String, Polarity>,
    targets: &[Target],
) -> MeasurePolarity {
    if let Some(&polarity) = chosen.get(measure) {
        return MeasurePolarity {
            polarity,
            basis: Basis::Chosen,
        };
    }
    if let Some(t) = targets.iter().find(|t| t.measure == measure) {
        return MeasurePolarity {
            polarity: Polarity::of_target(t.direction),
            basis: Basis::Target(t.direction),
        };
    }
    assumed.clone()
}

/// Where the user's choice disagrees with a target on the measure: the
/// target's status follows its own aim, so the two would judge the same figure
/// differently. The sentence says so, for the editor to show beside the choice.
pub fn target_conflict(
    measure: &str,
    polarity: &MeasurePolarity,
    targets: &[Target],
) -> Option<String> {
    if !polarity.is_chosen() {
        return None;
    }
    let t = targets
        .iter()
        .find(|t| t.measure == measure && Polarity::of_target(t.direction) != polarity.polarity)?;
    let aim = match t.direction {
        TargetDirection::Reduce => "to reduce it",
        TargetDirection::Increase => "to increase it",
        TargetDirection::Reach => "to reach a level",
    };
    Some(format!(
        "Its target (“{}”) aims {aim}, and its status follows that aim: {}.",
        t.description.trim(),
        Polarity::of_target(t.direction).short()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assumed(measure: &str, unit: Unit) -> Polarity {
        default_polarity(measure, unit, &[]).polarity
    }

    use Polarity::{HigherIsBetter as Better, HigherIsWorse as Worse, Neither};

    #[test]
    fn the_sample_s_measures_take_the_plan_s_view() {
        let cases = [
            ("All crime", Unit::Count, Worse),
            ("Violent crime", Unit::Count, Worse),
            ("Robbery", Unit::Count, Worse),
            ("Drug offences", Unit::Count, Worse),
            ("Anti-social behaviour incidents", Unit::Count, Worse),
            ("Domestic abuse incidents", Unit::Count, Worse),
            ("Domestic abuse victims", Unit::Count, Worse),
            ("Repeat domestic abuse cases", Unit::Count, Worse),
            ("Repeat victims", Unit::Count, Worse),
            ("All casualties", Unit::Count, Worse),
            ("KSI casualties", Unit::Count, Worse),
            ("Child KSI casualties", Unit::Count, Worse),
            ("Child slight casualties", Unit::Count, Worse),
            ("Child casualties", Unit::Count, Worse),
            ("Casualties aged 65 and over", Unit::Count, Worse),
            ("Road casualties", Unit::Count, Worse),
            (
                "Violent crimes in the night-time economy",
                Unit::Count,
                Worse,
            ),
            ("Drunkenness arrests", Unit::Count, Neither),
            (
                "Secondary schools engaged with KFRS road safety (%)",
                Unit::Percent,
                Better,
            ),
            ("Population", Unit::Count, Neither),
        ];
        for (measure, unit, expected) in cases {
            assert_eq!(assumed(measure, unit), expected, "{measure}");
        }
    }

    #[test]
    fn police_uk_measures_crimes_worse_outcomes_better_activity_not_judged() {
        let cases = [
            // Street crime types (../shared/data/real/2019-01-city-of-london-street.csv).
            (
                "All crime (excluding anti-social behaviour)",
                Unit::Count,
                Worse,
            ),
            ("Anti-social behaviour", Unit::Count, Worse),
            ("Bicycle theft", Unit::Count, Worse),
            ("Burglary", Unit::Count, Worse),
            ("Criminal damage and arson", Unit::Count, Worse),
            ("Drugs", Unit::Count, Worse),
            ("Other crime", Unit::Count, Worse),
            ("Other theft", Unit::Count, Worse),
            ("Possession of weapons", Unit::Count, Worse),
            ("Public order", Unit::Count, Worse),
            ("Shoplifting", Unit::Count, Worse),
            ("Theft from the person", Unit::Count, Worse),
            ("Vehicle crime", Unit::Count, Worse),
            ("Violence and sexual offences", Unit::Count, Worse),
            // Outcomes and stop and search.
            ("Offender charged", Unit::Percent, Better),
            ("Suspect charged (%)", Unit::Percent, Better),
            (
                "Crimes closed with no suspect identified (%)",
                Unit::Percent,
                Worse,
            ),
            ("Outcomes of all crime", Unit::Count, Neither),
            ("Outcomes of Burglary", Unit::Count, Neither),
            (
                "Outcomes recorded (not linked to a crime)",
                Unit::Count,
                Neither,
            ),
            ("Positive outcome rate", Unit::Percent, Better),
            ("Stop and search", Unit::Count, Neither),
            ("Stop and search find rate", Unit::Percent, Better),
            ("Arrests", Unit::Count, Neither),
        ];
        for (measure, unit, expected) in cases {
            assert_eq!(assumed(measure, unit), expected, "{measure}");
        }
    }

    #[test]
    fn real_files_measures_take_a_sensible_default() {
        let cases = [
            // Home Office offence groups (rec-crime-pfa.csv) and STATS19.
            ("All recorded offences (Home Office)", Worse),
            ("Violence against the person", Worse),
            ("Miscellaneous crimes against society", Worse),
            ("Fatal casualties", Worse),
            ("Serious casualties", Worse),
            ("Slight casualties", Worse),
            // IOPC deaths following police contact (Time_series_tables_2019-20.ods).
            ("Fatalities", Worse),
            ("Number of fatalities (Custody)", Worse),
            ("Number of incidents (Shootings)", Worse),
            // Historical offences (rec-crime-1898-2002.xls) whose names carry no
            // crime word are known offences by their severity weight or a word.
            (
                "Homicide (includes murder, manslaughter and infanticide)",
                Worse,
            ),
            ("Blackmail", Worse),
            // Use of force (police-use-of-force-…-tables.ods): activity.
            ("Number of times tactics were used", Neither),
            ("Total discharge (Table_13)", Neither),
            ("Incidents by police force", Worse),
            // Partner returns.
            ("People supported by the IDVA service", Better),
            ("Victim satisfaction (%)", Better),
            ("MARAC referrals", Neither),
            ("Wasbridge referrals", Neither),
            ("Households", Neither),
        ];
        for (measure, expected) in cases {
            assert_eq!(assumed(measure, Unit::Count), expected, "{measure}");
        }
        assert_eq!(
            default_polarity("Aimed (Table_13)", Unit::Count, &[]).basis,
            Basis::Nothing
        );
    }

    #[test]
    fn a_name_that_says_nothing_takes_its_sheet_s_then_nothing() {
        let p = default_polarity("Total", Unit::Count, &["Arrests", "returns.xlsx"]);
        assert_eq!(p.polarity, Neither);
        assert_eq!(p.basis, Basis::Context("Arrests".to_string()));
        let p = default_polarity("Q1", Unit::Count, &["Sheet1", "data.csv"]);
        assert_eq!(p, MeasurePolarity::default());
        assert_eq!(
            p.sentence(),
            "Neither: change reported, not judged, nothing in its name says which way is better."
        );
    }

    #[test]
    fn the_user_s_choice_wins_then_the_target_then_the_name() {
        let assumed = default_polarity("Drunkenness arrests", Unit::Count, &[]);
        let mut chosen = BTreeMap::new();
        let targets = crate::core::assessment::targets::sample_targets();
        assert_eq!(
            polarity_of("Drunkenness arrests", &assumed, &chosen, &targets),
            assumed
        );
        chosen.insert("Drunkenness arrests".to_string(), Worse);
        let p = polarity_of("Drunkenness arrests", &assumed, &chosen, &targets);
        assert_eq!((p.polarity, p.is_chosen()), (Worse, true));
        assert_eq!(p.sentence(), "Higher is worse, set by you.");
        let engaged = "Secondary schools engaged with KFRS road safety (%)";
        let p = polarity_of(engaged, &MeasurePolarity::default(), &chosen, &targets);
        assert_eq!(p.polarity, Better);
        assert_eq!(
            p.sentence(),
            "Higher is better, assumed from its target, to reach a level."
        );
    }

    #[test]
    fn a_choice_against_the_target_s_aim_is_said() {
        let targets = crate::core::assessment::targets::sample_targets();
        let measure = "Repeat domestic abuse cases";
        let assumed = default_polarity(measure, Unit::Count, &[]);
        let taken = polarity_of(measure, &assumed, &BTreeMap::new(), &targets);
        assert_eq!(target_conflict(measure, &taken, &targets), None);
        let chosen = BTreeMap::from([(measure.to_string(), Better)]);
        let mine = polarity_of(measure, &assumed, &chosen, &targets);
        let said = target_conflict(measure, &mine, &targets).unwrap();
        assert!(said.contains("aims to reduce it"), "{said}");
        assert!(said.ends_with("higher is worse."), "{said}");
    }

    #[test]
    fn verdicts_follow_the_polarity() {
        assert_eq!(Worse.verdict(3.0), Verdict::Worse);
        assert_eq!(Worse.verdict(-3.0), Verdict::Better);
        assert_eq!(Better.verdict(3.0), Verdict::Better);
        assert_eq!(Better.verdict(-0.5), Verdict::Worse);
        assert_eq!(Neither.verdict(3.0), Verdict::Unjudged);
        assert_eq!(Worse.verdict(0.0), Verdict::Same);
        assert_eq!(Better.worse_by(2.0), Some(-2.0));
        assert_eq!(Neither.worse_by(2.0), None);
        for p in Polarity::ALL {
            assert_eq!(Polarity::from_key(p.key()), Some(p));
        }
    }
}
