//! Whether a change is real, said in a compact cell: a symbol a sighted reader
//! scans down a column, the words a screen reader says in its place, and the
//! whole sentence (test, p-value, method) for whoever asks for it. A sentence
//! in every cell made each row of the measures table five lines high and the
//! table wider than a laptop.

use super::change::{Change, Significance};
use super::polarity::{Polarity, Verdict};
use crate::core::dataset::Unit;

/// What a change's test found, in the few kinds a table can mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignificanceKind {
    SignificantRise,
    SignificantFall,
    /// Tested: a rise, fall or no change within normal variation.
    WithinNormalVariation,
    /// No test applies (no earlier figure, not a whole count, no base for a share).
    NotTested,
}

impl SignificanceKind {
    pub const ALL: [SignificanceKind; 4] = [
        SignificanceKind::SignificantRise,
        SignificanceKind::SignificantFall,
        SignificanceKind::WithinNormalVariation,
        SignificanceKind::NotTested,
    ];

    /// What a sighted reader sees. Shapes differ as well as direction, so the
    /// marker never relies on colour.
    pub fn symbol(self) -> &'static str {
        match self {
            SignificanceKind::SignificantRise => "▲",
            SignificanceKind::SignificantFall => "▼",
            SignificanceKind::WithinNormalVariation => "○",
            SignificanceKind::NotTested => "–",
        }
    }

    /// The marker's text alternative, read in place of the symbol.
    pub fn label(self) -> &'static str {
        match self {
            SignificanceKind::SignificantRise => "significant rise",
            SignificanceKind::SignificantFall => "significant fall",
            SignificanceKind::WithinNormalVariation => "within normal variation",
            SignificanceKind::NotTested => "not tested",
        }
    }

    /// For styling: significant changes stand out by weight, not colour alone.
    pub fn is_significant(self) -> bool {
        matches!(
            self,
            SignificanceKind::SignificantRise | SignificanceKind::SignificantFall
        )
    }
}

/// One cell's marker and the sentence behind it.
#[derive(Clone, Debug, PartialEq)]
pub struct SignificanceMarker {
    pub kind: SignificanceKind,
    /// What a significant change means by the measure's polarity (`Same` when
    /// not significant, `Unjudged` when the polarity makes no judgement).
    pub verdict: Verdict,
    /// "The rise is more than normal variation (p < 0.001): exact conditional
    /// test for two Poisson counts."
    pub sentence: String,
}

impl SignificanceMarker {
    /// The marker for a change and its test (`None` when no test applied).
    pub fn of(
        change: &Change,
        unit: Unit,
        significance: Option<&Significance>,
        polarity: Polarity,
    ) -> Self {
        let difference = change.absolute();
        let what = match difference {
            Some(d) if d > 0.0 => "rise",
            Some(d) if d < 0.0 => "fall",
            _ => "change",
        };
        let Some(s) = significance else {
            return SignificanceMarker {
                kind: SignificanceKind::NotTested,
                verdict: Verdict::Same,
                sentence: format!("Not tested: {}.", why_untested(change, unit)),
            };
        };
        let kind = match (s.significant, difference) {
            (true, Some(d)) if d > 0.0 => SignificanceKind::SignificantRise,
            (true, Some(d)) if d < 0.0 => SignificanceKind::SignificantFall,
            _ => SignificanceKind::WithinNormalVariation,
        };
        let verdict = match (kind.is_significant(), difference) {
            (true, Some(d)) => polarity.verdict(d),
            _ => Verdict::Same,
        };
        let mut sentence = if difference == Some(0.0) {
            format!("No change, so nothing to test ({}).", s.method)
        } else {
            format!("The {what} is {}: {}.", s.describe(), s.method)
        };
        match verdict {
            Verdict::Worse => sentence.push_str(&format!(
                " {} for this measure, so it has worsened.",
                polarity.label()
            )),
            Verdict::Better => sentence.push_str(&format!(
                " {} for this measure, so it has improved.",
                polarity.label()
            )),
            Verdict::Unjudged => {
                sentence.push_str(" Which way is better is not judged for this measure.")
            }
            Verdict::Same => {}
        }
        SignificanceMarker {
            kind,
            verdict,
            sentence,
        }
    }

    /// The marker's words with what the change means: "significant rise, worse".
    pub fn words(&self) -> String {
        match self.verdict {
            Verdict::Worse => format!("{}, worse", self.label()),
            Verdict::Better => format!("{}, better", self.label()),
            Verdict::Unjudged | Verdict::Same => self.label().to_string(),
        }
    }

    /// For styling: "worse", "better" or "" (not significant, or not judged).
    pub fn verdict_class(&self) -> &'static str {
        match self.verdict {
            Verdict::Worse => "worse",
            Verdict::Better => "better",
            Verdict::Unjudged | Verdict::Same => "",
        }
    }

    pub fn symbol(&self) -> &'static str {
        self.kind.symbol()
    }

    pub fn label(&self) -> &'static str {
        self.kind.label()
    }
}

/// Why a change has no test, in words a reader can act on.
fn why_untested(change: &Change, unit: Unit) -> &'static str {
    let whole = |v: f64| v >= 0.0 && v.fract() == 0.0;
    match &change.previous {
        None => "there is no figure to compare with",
        Some(_) if unit.is_share() => {
            "a share is tested only when its base (victims, population or households) is in the table"
        }
        Some(_) if unit != Unit::Count => {
            "only counts are tested, and this figure is not a count"
        }
        Some(p) if !whole(change.current.value) || !whole(p.value) => {
            "the figures are not whole counts"
        }
        Some(_) => "the two periods cannot be compared by this test",
    }
}

/// The key under a table of markers: "▲ significant rise · ▼ significant fall · …".
pub fn significance_key() -> String {
    let key = SignificanceKind::ALL
        .iter()
        .map(|k| format!("{} {}", k.symbol(), k.label()))
        .collect::<Vec<_>>()
        .join(" · ");
    format!("{key}; a significant change is said to be worse or better by which way is better for the measure")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::assessment::change::Figure;
    use crate::core::dataset::Provenance;
    use crate::core::period::Period;

    fn figure(value: f64, year: i32) -> Figure {
        Figure {
            value,
            period: Period::financial_year(year),
            source: Provenance {
                file: "test.xlsx".into(),
                sheet: "Sheet1".into(),
                cell: "B2".into(),
            },
        }
    }

    fn change(current: f64, previous: Option<f64>) -> Change {
        Change {
            current: figure(current, 2015),
            previous: previous.map(|p| figure(p, 2014)),
        }
    }

    #[test]
    fn a_significant_rise_and_fall_are_marked_by_direction() {
        let rise = change(1696.0, Some(1501.0));
        let s = rise.significance(Unit::Count).unwrap();
        let marker = SignificanceMarker::of(&rise, Unit::Count, Some(&s), Polarity::HigherIsWorse);
        assert_eq!(marker.kind, SignificanceKind::SignificantRise);
        assert_eq!((marker.symbol(), marker.label()), ("▲", "significant rise"));
        assert_eq!(
            marker.sentence,
            "The rise is more than normal variation (p < 0.001): exact conditional test for two Poisson counts. Higher is worse for this measure, so it has worsened."
        );
        assert_eq!(marker.words(), "significant rise, worse");
        // The same rise in a measure where higher is better is an improvement,
        // and one whose direction is not judged is only a rise.
        let better = SignificanceMarker::of(&rise, Unit::Count, Some(&s), Polarity::HigherIsBetter);
        assert_eq!(better.symbol(), "▲");
        assert_eq!(better.words(), "significant rise, better");
        assert!(better.sentence.ends_with("so it has improved."));
        let neither = SignificanceMarker::of(&rise, Unit::Count, Some(&s), Polarity::Neither);
        assert_eq!(neither.words(), "significant rise");
        assert_eq!(neither.verdict_class(), "");
        let fall = change(1501.0, Some(1696.0));
        let s = fall.significance(Unit::Count).unwrap();
        let marker = SignificanceMarker::of(&fall, Unit::Count, Some(&s), Polarity::HigherIsWorse);
        assert_eq!(marker.kind, SignificanceKind::SignificantFall);
        assert!(marker
            .sentence
            .starts_with("The fall is more than normal variation"));
        assert_eq!(marker.words(), "significant fall, better");
    }

    #[test]
    fn a_change_within_normal_variation_keeps_its_direction_in_the_sentence() {
        let small = change(5040.0, Some(4998.0));
        let s = small.significance(Unit::Count).unwrap();
        let marker = SignificanceMarker::of(&small, Unit::Count, Some(&s), Polarity::HigherIsWorse);
        assert_eq!(marker.kind, SignificanceKind::WithinNormalVariation);
        assert_eq!(marker.label(), "within normal variation");
        assert!(
            marker
                .sentence
                .starts_with("The rise is within normal variation (p = 0.68)"),
            "{}",
            marker.sentence
        );
    }

    #[test]
    fn an_untested_change_says_why() {
        let first = change(12.0, None);
        let marker = SignificanceMarker::of(&first, Unit::Count, None, Polarity::HigherIsWorse);
        assert_eq!(marker.kind, SignificanceKind::NotTested);
        assert_eq!(marker.symbol(), "–");
        assert_eq!(
            marker.sentence,
            "Not tested: there is no figure to compare with."
        );
        let share = change(0.22, Some(0.2));
        assert!(
            SignificanceMarker::of(&share, Unit::Proportion, None, Polarity::Neither)
                .sentence
                .contains("its base")
        );
        let rate = change(1.8, Some(1.5));
        assert!(
            SignificanceMarker::of(&rate, Unit::RatePerThousand, None, Polarity::Neither)
                .sentence
                .contains("not a count")
        );
        let fractional = change(12.5, Some(10.0));
        assert!(
            SignificanceMarker::of(&fractional, Unit::Count, None, Polarity::Neither)
                .sentence
                .contains("not whole counts")
        );
    }

    #[test]
    fn every_kind_has_its_own_symbol_and_words_in_the_key() {
        let key = significance_key();
        for kind in SignificanceKind::ALL {
            assert!(key.contains(&format!("{} {}", kind.symbol(), kind.label())));
        }
        let symbols: std::collections::HashSet<_> =
            SignificanceKind::ALL.iter().map(|k| k.symbol()).collect();
        let labels: std::collections::HashSet<_> =
            SignificanceKind::ALL.iter().map(|k| k.label()).collect();
        assert_eq!(symbols.len(), SignificanceKind::ALL.len());
        assert_eq!(labels.len(), SignificanceKind::ALL.len());
    }
}
