//! Choropleth classes with stated breaks. Sequential values (a rate, a count)
//! go into up to five classes at their quantiles, on ColorBrewer's single-hue
//! Blues; a change goes into six classes either side of no change, on
//! ColorBrewer's Purple–Orange (falls purple, rises orange). Both schemes are
//! listed by ColorBrewer as safe for the common kinds of colour blindness.
//! Each sequential class is darker than the one below it, and each class of
//! change darker the further it is from no change, so they read in grey too;
//! only the two classes either side of no change are alike in lightness and
//! told apart by hue (and by the legend's words).
//!
//! Values are classed as they are shown (rounded), so a figure in the table and
//! its class never disagree. Each class runs from its lower break up to, but not
//! including, its upper one.

use crate::core::format;

/// Blues for 1 to 5 classes, lightest first.
const BLUES: [&[&str]; 5] = [
    &["#6baed6"],
    &["#9ecae1", "#3182bd"],
    &["#deebf7", "#9ecae1", "#3182bd"],
    &["#eff3ff", "#bdd7e7", "#6baed6", "#2171b5"],
    &["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"],
];

/// Purple–Orange in six classes: three shades of fall, three of rise.
const PURPLE_ORANGE: [&str; 6] = [
    "#542788", "#998ec3", "#d8daeb", "#fee0b6", "#f1a340", "#b35806",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    Sequential,
    /// Around zero: a change.
    Diverging,
}

/// One class: its range, colour and the words for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Class {
    /// Inclusive; `None` = no lower limit.
    pub from: Option<f64>,
    /// Exclusive; `None` = no upper limit.
    pub below: Option<f64>,
    pub colour: &'static str,
    /// "7.5 to under 9.0", "a fall of 10% or more".
    pub label: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Classes {
    pub scheme: Scheme,
    /// Lowest first.
    pub classes: Vec<Class>,
}

impl Classes {
    /// The class a (shown) value falls in.
    pub fn of(&self, value: f64) -> Option<usize> {
        if !value.is_finite() {
            return None;
        }
        self.classes
            .iter()
            .position(|c| c.from.is_none_or(|f| value >= f) && c.below.is_none_or(|b| value < b))
    }

    /// "1.6, 2.4 and 3.1": the breaks between classes, for a description.
    pub fn breaks(&self) -> Vec<f64> {
        self.classes.iter().filter_map(|c| c.from).collect()
    }
}

/// Up to five classes at the quantiles of the values, breaks rounded to
/// `decimals` places; fewer when the values have fewer distinct levels.
/// `show` writes a value as the table does ("1.8", "1,319").
pub fn sequential(values: &[f64], decimals: usize, show: &dyn Fn(f64) -> String) -> Classes {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    crate::core::sorting::sort_by(&mut sorted, f64::total_cmp);
    let mut distinct = sorted.clone();
    distinct.dedup();
    let k = distinct.len().clamp(1, 5);
    let scale = 10f64.powi(decimals as i32);
    let mut breaks: Vec<f64> = Vec::new();
    for i in 1..k {
        // The value at the i-th k-quantile: classes of about equal numbers of areas.
        // Where ties fill a quantile, the next higher value breaks instead.
        let at = ((i * sorted.len()) / k).min(sorted.len() - 1);
        let lower = breaks.last().copied().unwrap_or(sorted[0]);
        let rounded = |v: f64| (v * scale).round() / scale;
        if let Some(b) = sorted[at..]
            .iter()
            .map(|v| rounded(*v))
            .find(|b| *b > lower)
        {
            breaks.push(b);
        }
    }
    let colours = BLUES[breaks.len()];
    let mut classes = Vec::new();
    for i in 0..=breaks.len() {
        let from = (i > 0).then(|| breaks[i - 1]);
        let below = breaks.get(i).copied();
        let label = match (from, below) {
            (None, None) => "all areas".to_string(),
            (None, Some(b)) => format!("under {}", show(b)),
            (Some(f), Some(b)) => format!("{} to under {}", show(f), show(b)),
            (Some(f), None) => format!("{} and over", show(f)),
        };
        classes.push(Class {
            from,
            below,
            colour: colours[i],
            label,
        });
    }
    Classes {
        scheme: Scheme::Sequential,
        classes,
    }
}

/// Six classes of change in per cent, either side of no change: falls and
/// rises under one step, under two steps, and two steps or more, the step a
/// round number (1, 2, 2.5, 5, 10, 20, 25, 50…) near a third of the largest change.
pub fn diverging_percent(changes: &[f64]) -> Classes {
    let largest = changes
        .iter()
        .filter(|v| v.is_finite())
        .fold(0.0f64, |m, v| m.max(v.abs()));
    let step = nice_step(largest / 3.0);
    let pct = |v: f64| format!("{}%", format::number(v, if step < 1.0 { 1 } else { 0 }));
    let bounds = [
        (
            None,
            Some(-2.0 * step),
            format!("a fall of {} or more", pct(2.0 * step)),
        ),
        (
            Some(-2.0 * step),
            Some(-step),
            format!("a fall of {} to under {}", pct(step), pct(2.0 * step)),
        ),
        (
            Some(-step),
            Some(0.0),
            format!("a fall under {}", pct(step)),
        ),
        (
            Some(0.0),
            Some(step),
            format!("no change or a rise under {}", pct(step)),
        ),
        (
            Some(step),
            Some(2.0 * step),
            format!("a rise of {} to under {}", pct(step), pct(2.0 * step)),
        ),
        (
            Some(2.0 * step),
            None,
            format!("a rise of {} or more", pct(2.0 * step)),
        ),
    ];
    Classes {
        scheme: Scheme::Diverging,
        classes: bounds
            .into_iter()
            .zip(PURPLE_ORANGE)
            .map(|((from, below, label), colour)| Class {
                from,
                below,
                colour,
                label,
            })
            .collect(),
    }
}

/// A round step at or above `raw`: 1, 2, 2.5 or 5 times a power of ten (at least 0.5).
fn nice_step(raw: f64) -> f64 {
    if !raw.is_finite() || raw <= 0.5 {
        return 0.5;
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|v| *v >= raw)
        .unwrap_or(10.0 * magnitude)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_place(v: f64) -> String {
        format::number(v, 1)
    }

    #[test]
    fn quantile_classes_hold_about_equal_numbers() {
        let values: Vec<f64> = (1..=10).map(|v| v as f64).collect();
        let c = sequential(&values, 1, &one_place);
        assert_eq!(c.breaks(), vec![3.0, 5.0, 7.0, 9.0]);
        assert_eq!(c.classes.len(), 5);
        assert_eq!(c.classes[0].label, "under 3.0");
        assert_eq!(c.classes[1].label, "3.0 to under 5.0");
        assert_eq!(c.classes[4].label, "9.0 and over");
        let counts: Vec<usize> = (0..5)
            .map(|i| values.iter().filter(|v| c.of(**v) == Some(i)).count())
            .collect();
        assert_eq!(counts, vec![2, 2, 2, 2, 2]);
        // A value on a break belongs to the class above it.
        assert_eq!(c.of(3.0), Some(1));
        assert_eq!(c.of(2.99), Some(0));
        assert_eq!(c.of(f64::NAN), None);
        // Lightest first, the darkest for the highest.
        assert_eq!(c.classes[0].colour, "#eff3ff");
        assert_eq!(c.classes[4].colour, "#08519c");
    }

    #[test]
    fn few_distinct_values_give_few_classes() {
        let c = sequential(&[2.0, 2.0, 2.0], 1, &one_place);
        assert_eq!(c.classes.len(), 1);
        assert_eq!(c.of(2.0), Some(0));
        let c = sequential(&[1.0, 1.0, 1.0, 1.0, 4.0], 0, &one_place);
        assert_eq!(c.breaks(), vec![4.0]);
        assert_eq!(c.of(1.0), Some(0));
        assert_eq!(c.of(4.0), Some(1));
        assert_eq!(sequential(&[], 1, &one_place).classes.len(), 1);
    }

    #[test]
    fn every_value_falls_in_exactly_one_class() {
        // Generated variety: skewed, tied, negative and tiny values.
        let mut seed = 7u64;
        for n in 1..60 {
            let values: Vec<f64> = (0..n)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    let r = (seed >> 33) as f64 / (1u64 << 31) as f64;
                    ((r * r * 50.0 - 5.0) * 10.0).round() / 10.0
                })
                .collect();
            let c = sequential(&values, 1, &one_place);
            for v in &values {
                let hits = c
                    .classes
                    .iter()
                    .filter(|k| k.from.is_none_or(|f| *v >= f) && k.below.is_none_or(|b| *v < b))
                    .count();
                assert_eq!(hits, 1, "{v} in {values:?}");
            }
            let d = diverging_percent(&values);
            assert!(values.iter().all(|v| d.of(*v).is_some()));
        }
    }

    #[test]
    fn changes_diverge_around_no_change() {
        let c = diverging_percent(&[-18.0, 17.0, 0.8, 13.0, -3.0]);
        // The largest change is 18%: a step of 10% (a third is 6%, rounded up).
        assert_eq!(c.breaks(), vec![-20.0, -10.0, 0.0, 10.0, 20.0]);
        assert_eq!(c.of(-18.0), Some(1));
        assert_eq!(c.of(0.0), Some(3));
        assert_eq!(c.of(17.0), Some(4));
        assert_eq!(c.classes[0].label, "a fall of 20% or more");
        assert_eq!(c.classes[3].label, "no change or a rise under 10%");
        assert_eq!(c.classes[5].label, "a rise of 20% or more");
        assert_eq!(nice_step(6.0), 10.0);
        assert_eq!(nice_step(2.2), 2.5);
        assert_eq!(nice_step(0.1), 0.5);
    }

    /// WCAG's relative luminance of "#rrggbb".
    fn luminance(colour: &str) -> f64 {
        let channel = |i: usize| {
            let c =
                f64::from(u8::from_str_radix(&colour[1 + 2 * i..3 + 2 * i], 16).unwrap()) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2)
    }

    /// How much darker `b` is than `a`, as a WCAG contrast ratio (above 1: darker).
    fn darker(a: &str, b: &str) -> f64 {
        (luminance(a) + 0.05) / (luminance(b) + 0.05)
    }

    #[test]
    fn classes_read_in_grey_darker_as_they_go_up_or_away_from_no_change() {
        for blues in BLUES {
            for pair in blues.windows(2) {
                assert!(darker(pair[0], pair[1]) >= 1.3, "{pair:?}");
            }
        }
        // Falls darken from no change down, rises from no change up.
        for pair in PURPLE_ORANGE[..3].windows(2) {
            assert!(darker(pair[1], pair[0]) >= 1.3, "{pair:?}");
        }
        for pair in PURPLE_ORANGE[3..].windows(2) {
            assert!(darker(pair[0], pair[1]) >= 1.3, "{pair:?}");
        }
    }
}
