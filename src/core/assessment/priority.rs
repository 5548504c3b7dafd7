//! Priority setting: a transparent matrix of weighted criteria, each scored 0–3
//! with the reason written out, giving a ranked list and a recommendation per
//! issue that the officer can override, with a reason that is kept.

use super::measure::MeasureAssessment;
use super::options::plan_year_label;
use super::wording::{is_plural, issue_name, sentence_name};
use crate::core::format;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Criterion {
    Volume,
    Trend,
    Significance,
    County,
    Harm,
    Concern,
    Capacity,
}

impl Criterion {
    pub const ALL: [Criterion; 7] = [
        Criterion::Volume,
        Criterion::Trend,
        Criterion::Significance,
        Criterion::County,
        Criterion::Harm,
        Criterion::Concern,
        Criterion::Capacity,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Criterion::Volume => "Volume",
            Criterion::Trend => "Trend",
            Criterion::Significance => "Significance",
            Criterion::County => "Against the county",
            Criterion::Harm => "Harm",
            Criterion::Concern => "Public concern",
            Criterion::Capacity => "Capacity to act",
        }
    }

    /// How the 0–3 score is given.
    pub fn explain(self) -> &'static str {
        match self {
            Criterion::Volume => "Rank by rate among peers: top quarter 3, above the middle 2, below it 1, bottom quarter 0",
            Criterion::Trend => "Change on the comparison period: a rise of 10% or more 3, any rise 2, a fall under 10% 1, a larger fall 0",
            Criterion::Significance => "A significant rise 3, a change within normal variation 1, a significant fall 0",
            Criterion::County => "Local change minus the county's: 5 points or more worse 3, worse 2, up to 5 points better 1, more 0",
            Criterion::Harm => "Judged by the partnership (0–3); a starting value comes from the kind of crime",
            Criterion::Concern => "Judged by the partnership from surveys and councillors (0–3)",
            Criterion::Capacity => "Judged by the partnership: how much partners can change it (0–3)",
        }
    }

    /// Whether the score comes from the data rather than from a judgement.
    pub fn is_computed(self) -> bool {
        matches!(
            self,
            Criterion::Volume | Criterion::Trend | Criterion::Significance | Criterion::County
        )
    }
}

/// The weight of each criterion in the total.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Weights {
    pub volume: f64,
    pub trend: f64,
    pub significance: f64,
    pub county: f64,
    pub harm: f64,
    pub concern: f64,
    pub capacity: f64,
}

impl Default for Weights {
    /// Harm counts double, in line with the force's stronger emphasis on harm over volume.
    fn default() -> Self {
        Weights {
            volume: 1.0,
            trend: 1.0,
            significance: 1.0,
            county: 1.0,
            harm: 2.0,
            concern: 1.0,
            capacity: 1.0,
        }
    }
}

impl Weights {
    pub fn of(&self, c: Criterion) -> f64 {
        match c {
            Criterion::Volume => self.volume,
            Criterion::Trend => self.trend,
            Criterion::Significance => self.significance,
            Criterion::County => self.county,
            Criterion::Harm => self.harm,
            Criterion::Concern => self.concern,
            Criterion::Capacity => self.capacity,
        }
    }

    pub fn set(&mut self, c: Criterion, weight: f64) {
        let weight = if weight.is_finite() {
            weight.clamp(0.0, 10.0)
        } else {
            0.0
        };
        match c {
            Criterion::Volume => self.volume = weight,
            Criterion::Trend => self.trend = weight,
            Criterion::Significance => self.significance = weight,
            Criterion::County => self.county = weight,
            Criterion::Harm => self.harm = weight,
            Criterion::Concern => self.concern = weight,
            Criterion::Capacity => self.capacity = weight,
        }
    }
}

/// The partnership's judgements on one issue.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Judgement {
    pub harm: Option<u8>,
    pub concern: Option<u8>,
    pub capacity: Option<u8>,
    /// A priority in the current plan ("remains a priority").
    pub current_priority: bool,
    /// Not a candidate (a denominator, or covered by another measure).
    pub excluded: bool,
}

/// The officer's decision against the matrix, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Override {
    pub priority: bool,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PrioritySettings {
    pub weights: Weights,
    /// Scores at or above this share of the maximum are recommended.
    pub threshold: f64,
    pub judgements: BTreeMap<String, Judgement>,
    pub overrides: BTreeMap<String, Override>,
}

impl Default for PrioritySettings {
    fn default() -> Self {
        PrioritySettings {
            weights: Weights::default(),
            threshold: 0.6,
            judgements: BTreeMap::new(),
            overrides: BTreeMap::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Score {
    pub criterion: Criterion,
    /// 0–3.
    pub score: u8,
    pub weight: f64,
    /// Why this score: "+13% on the previous year".
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PriorityAssessment {
    pub measure: String,
    pub scores: Vec<Score>,
    pub total: f64,
    pub max: f64,
    /// 1 = the highest score; ties share a rank.
    pub rank: usize,
    /// What the matrix recommends.
    pub matrix_says: bool,
    /// What stands after any override.
    pub recommended: bool,
    pub override_reason: Option<String>,
    pub recommendation: String,
}

impl PriorityAssessment {
    pub fn share(&self) -> f64 {
        if self.max > 0.0 {
            self.total / self.max
        } else {
            0.0
        }
    }
}

/// A starting harm score from the kind of issue, for the partnership to adjust.
pub fn default_harm(measure: &str) -> u8 {
    let lower = measure.to_lowercase();
    let any = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    if any(&[
        "violen",
        "robber",
        "domestic",
        "sexual",
        "rape",
        "ksi",
        "killed",
        "child",
        "weapon",
        "knife",
        "firearm",
        "homicide",
        "exploitation",
        "repeat",
    ]) {
        3
    } else if any(&["drug", "alcohol", "burglar", "casualt", "hate", "arson"]) {
        2
    } else if any(&[
        "anti-social",
        "damage",
        "theft",
        "shoplift",
        "vehicle",
        "drunk",
    ]) {
        1
    } else {
        2
    }
}

fn volume(m: &MeasureAssessment) -> (u8, String) {
    if let Some(rank) = &m.rank {
        let position = if rank.of > 1 {
            (rank.rank - 1) as f64 / (rank.of - 1) as f64
        } else {
            0.0
        };
        let score = if position >= 0.75 {
            3
        } else if position >= 0.5 {
            2
        } else if position >= 0.25 {
            1
        } else {
            0
        };
        let basis = if rank.by_rate { "rate" } else { "count" };
        return (
            score,
            format!(
                "{} of {} by {basis} (1st = lowest)",
                format::ordinal(rank.rank),
                rank.of
            ),
        );
    }
    if let (Some(rate), Some(county)) = (
        &m.rate,
        m.county.as_ref().and_then(|c| c.rate.map(|r| (c, r))),
    ) {
        let ratio = rate.per_thousand / county.1;
        let score = if ratio >= 1.2 {
            3
        } else if ratio >= 1.0 {
            2
        } else if ratio >= 0.8 {
            1
        } else {
            0
        };
        return (
            score,
            format!(
                "{} against the {} rate of {}",
                format::rate_per_thousand(rate.per_thousand),
                county.0.area,
                format::rate_per_thousand(county.1)
            ),
        );
    }
    if let Some(b) = &m.baseline {
        let above = m.change.current.value > b.mean;
        return (
            if above { 2 } else { 1 },
            format!(
                "{} against the {} average of {}",
                m.unit.show(m.change.current.value),
                b.label,
                if m.unit.is_additive() {
                    format::number(b.mean, 0)
                } else {
                    m.unit.show(b.mean)
                }
            ),
        );
    }
    (
        1,
        "no comparison with other areas or a baseline".to_string(),
    )
}

fn trend(m: &MeasureAssessment) -> (u8, String) {
    let change = m
        .rolling_year
        .as_ref()
        .filter(|c| c.previous.is_some())
        .unwrap_or(&m.change);
    match change.relative() {
        Some(r) => {
            let score = if r >= 0.10 {
                3
            } else if r > 0.0 {
                2
            } else if r > -0.10 {
                1
            } else {
                0
            };
            (
                score,
                format!(
                    "{} on {}",
                    format::signed_percent(r),
                    change
                        .previous
                        .as_ref()
                        .map(|p| p.period.label())
                        .unwrap_or_default()
                ),
            )
        }
        None => (1, "no earlier figure".to_string()),
    }
}

fn significance(m: &MeasureAssessment) -> (u8, String) {
    match (&m.significance, m.change.absolute()) {
        (Some(s), Some(d)) if s.significant && d > 0.0 => (3, format!("rise {}", s.describe())),
        (Some(s), Some(d)) if s.significant && d < 0.0 => (0, format!("fall {}", s.describe())),
        (Some(s), _) => (1, s.describe()),
        _ => (1, "no test possible for this figure".to_string()),
    }
}

fn county(m: &MeasureAssessment) -> (u8, String) {
    let local = m.change.relative();
    let county = m.county.as_ref().and_then(|c| {
        let change = c.change.as_ref()?;
        (change.previous.as_ref()?.period == m.change.previous.as_ref()?.period)
            .then(|| (c.area.as_str(), change.relative()))
    });
    match (local, county) {
        (Some(l), Some((area, Some(c)))) => {
            let gap = (l - c) * 100.0;
            let score = if gap >= 5.0 {
                3
            } else if gap > 0.0 {
                2
            } else if gap > -5.0 {
                1
            } else {
                0
            };
            (
                score,
                format!(
                    "{} here against {} across {area}",
                    format::signed_percent(l),
                    format::signed_percent(c)
                ),
            )
        }
        _ => (1, "no county figure for the same periods".to_string()),
    }
}

fn judged(value: Option<u8>, default: u8, what: &str) -> (u8, String) {
    match value {
        Some(v) => (v.min(3), "set by the partnership".to_string()),
        None => (default, format!("not judged yet: {what}")),
    }
}

/// Scores every candidate, ranks them and words the recommendations.
pub fn prioritise(
    measures: &[MeasureAssessment],
    settings: &PrioritySettings,
    plan_year: i32,
) -> Vec<PriorityAssessment> {
    let year = plan_year_label(plan_year);
    ranked(
        measures
            .iter()
            .filter_map(|m| priority_of(m, settings, &year))
            .collect(),
    )
}

/// One measure's scores and recommendation, unranked; `None` when the
/// partnership left the issue out. `year` is the plan year's label ("2016/17").
pub fn priority_of(
    m: &MeasureAssessment,
    settings: &PrioritySettings,
    year: &str,
) -> Option<PriorityAssessment> {
    let judgement = settings.judgements.get(&m.measure);
    if judgement.is_some_and(|j| j.excluded) {
        return None;
    }
    let judgement = judgement.cloned().unwrap_or_default();
    let harm_default = default_harm(&m.measure);
    let scores: Vec<Score> = Criterion::ALL
        .iter()
        .map(|&criterion| {
            let (score, reason) = match criterion {
                Criterion::Volume => volume(m),
                Criterion::Trend => trend(m),
                Criterion::Significance => significance(m),
                Criterion::County => county(m),
                Criterion::Harm => judged(judgement.harm, harm_default, "starting value"),
                Criterion::Concern => judged(judgement.concern, 2, "medium"),
                Criterion::Capacity => judged(judgement.capacity, 2, "medium"),
            };
            Score {
                criterion,
                score,
                weight: settings.weights.of(criterion),
                reason,
            }
        })
        .collect();
    let total: f64 = scores.iter().map(|s| s.score as f64 * s.weight).sum();
    let max: f64 = scores.iter().map(|s| 3.0 * s.weight).sum();
    let matrix_says = max > 0.0 && total / max >= settings.threshold;
    let over = settings
        .overrides
        .get(&m.measure)
        .filter(|o| !o.reason.trim().is_empty());
    let recommended = over.map(|o| o.priority).unwrap_or(matrix_says);
    Some(PriorityAssessment {
        measure: m.measure.clone(),
        recommendation: recommendation(&m.measure, recommended, judgement.current_priority, year),
        scores,
        total,
        max,
        rank: 0,
        matrix_says,
        recommended,
        override_reason: over.map(|o| o.reason.trim().to_string()),
    })
}

/// Highest share of the maximum first (then by name), each ranked 1 + the
/// number of issues scoring strictly higher, so ties share a rank.
pub fn ranked(mut out: Vec<PriorityAssessment>) -> Vec<PriorityAssessment> {
    out.sort_by(|a, b| {
        b.share()
            .total_cmp(&a.share())
            .then(a.measure.cmp(&b.measure))
    });
    // Sorted, the issues scoring strictly higher than one are those before its
    // run of equals: one pass, where counting them for each would be quadratic.
    let mut previous: Option<(f64, usize)> = None;
    for (i, p) in out.iter_mut().enumerate() {
        let share = p.share();
        let rank = match previous {
            Some((above, rank)) if above.partial_cmp(&share) != Some(Ordering::Greater) => rank,
            _ => i + 1,
        };
        p.rank = rank;
        previous = Some((share, rank));
    }
    out
}

/// "We recommend violent crime remains a priority for 2016/17."
pub fn recommendation(measure: &str, priority: bool, current: bool, year: &str) -> String {
    let issue = issue_name(measure);
    let plural = is_plural(&issue);
    let text = match (priority, current) {
        (true, true) => format!(
            "we recommend {issue} {} a priority for {year}.",
            if plural { "remain" } else { "remains" }
        ),
        (true, false) => format!("we recommend making {issue} a priority for {year}."),
        (false, true) => format!(
            "we recommend {issue} {} no longer a priority for {year}.",
            if plural { "are" } else { "is" }
        ),
        (false, false) => format!(
            "we recommend {issue} {} not set as a priority for {year}.",
            if plural { "are" } else { "is" }
        ),
    };
    sentence_name(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recommendations_in_the_plan_s_words() {
        assert_eq!(
            recommendation("Violent crime", true, true, "2016/17"),
            "We recommend violent crime remains a priority for 2016/17."
        );
        assert_eq!(
            recommendation("Domestic abuse incidents", true, false, "2016/17"),
            "We recommend making domestic abuse a priority for 2016/17."
        );
        assert_eq!(
            recommendation("Anti-social behaviour incidents", false, false, "2016/17"),
            "We recommend anti-social behaviour is not set as a priority for 2016/17."
        );
        assert_eq!(
            recommendation("Drug offences", true, true, "2016/17"),
            "We recommend drug offences remain a priority for 2016/17."
        );
    }

    #[test]
    fn weights_are_kept_in_range() {
        let mut w = Weights::default();
        w.set(Criterion::Harm, f64::NAN);
        assert_eq!(w.harm, 0.0);
        w.set(Criterion::Trend, 99.0);
        assert_eq!(w.trend, 10.0);
        assert_eq!(default_harm("Violent crime"), 3);
        assert_eq!(default_harm("Anti-social behaviour incidents"), 1);
        assert_eq!(default_harm("Drug offences"), 2);
    }
}
