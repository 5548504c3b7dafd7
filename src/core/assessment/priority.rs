//! Priority setting: a transparent matrix of weighted criteria, each scored 0–3
//! with the reason written out, giving a ranked list and a recommendation per
//! issue that the officer can override, with a reason that is kept.

use super::issues::{self, Issue};
use super::measure::MeasureAssessment;
use super::options::plan_year_label;
use super::polarity::Polarity;
use super::severity::{self, Weight};
use super::wording::{is_plural, issue_name, sentence_name};
use crate::core::dataset::Unit;
use crate::core::format;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

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
            Criterion::Volume => "Rank by rate among peers: top quarter 3, above the middle 2, below it 1, bottom quarter 0 (turned where higher is better; 1, not judged, where neither is)",
            Criterion::Trend => "Change on the comparison period: a rise of 10% or more 3, any rise 2, a fall under 10% 1, a larger fall 0 (turned where higher is better; 1, not judged, where neither is)",
            Criterion::Significance => "A significant rise 3, a change within normal variation 1, a significant fall 0 (turned where higher is better; 1, not judged, where neither is)",
            Criterion::County => "Local change minus the county's: 5 points or more worse 3, worse 2, up to 5 points better 1, more 0 (turned where higher is better; 1, not judged, where neither is)",
            Criterion::Harm => "From the Crime Severity Score where the offences are known: offences twice as severe as the average or more 3, at least half 2, at least a fifth 1, less 0; else judged by the partnership (0–3) from a starting value by the kind of issue. The partnership may override it with a reason",
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
    /// Why the partnership's harm score replaces the one from the severity weights.
    pub harm_reason: String,
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
    /// Per issue.
    pub judgements: BTreeMap<String, Judgement>,
    /// Per issue.
    pub overrides: BTreeMap<String, Override>,
    /// The issue the user put a measure in (blank: an issue of its own); other
    /// measures take theirs from `issues::default_issue`.
    pub issues: BTreeMap<String, String>,
    /// Which way is better for a measure, where the user said so; other
    /// measures take their target's aim or the default from their name
    /// (`polarity`).
    pub directions: BTreeMap<String, Polarity>,
    /// The measure the user chose to lead an issue (its figure on the overview,
    /// its charts on the board); other issues lead with `issues::group`'s choice.
    pub leads: BTreeMap<String, String>,
}

impl Default for PrioritySettings {
    fn default() -> Self {
        PrioritySettings {
            weights: Weights::default(),
            threshold: 0.6,
            judgements: BTreeMap::new(),
            overrides: BTreeMap::new(),
            issues: BTreeMap::new(),
            directions: BTreeMap::new(),
            leads: BTreeMap::new(),
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
    /// The reason in a few characters, for a table cell: "+13%", "11th of 12".
    pub short: String,
}

/// One measure whose offences have a known severity.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WeightedMeasure {
    pub measure: String,
    /// Offences over a year (the rolling year for monthly or quarterly figures).
    pub offences: f64,
    pub weight: Weight,
}

/// Harm from evidence: an issue's offences weighted by the Crime Severity Score.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HarmEvidence {
    pub measures: Vec<WeightedMeasure>,
    pub offences: f64,
    /// Σ offences × weight.
    pub weighted_volume: f64,
    /// The weight of the average offence in the issue.
    pub per_offence: f64,
    /// Against the average offence in England and Wales.
    pub relative: f64,
    /// The issue's share of the severity-weighted volume of every issue whose
    /// severity is known (all-crime totals left out), and of their count.
    pub harm_share: Option<f64>,
    pub count_share: Option<f64>,
    pub score: u8,
}

impl HarmEvidence {
    /// "Crime Severity Score: 799.6 a robbery…": the reason under the harm score.
    pub fn reason(&self) -> String {
        let mut text = format!(
            "Crime Severity Score {} per offence, {} times the average offence",
            format::number(self.per_offence, 1),
            format::number(self.relative, 1)
        );
        if let (Some(h), Some(c)) = (self.harm_share, self.count_share) {
            text.push_str(&format!(
                "; {} of the severity-weighted volume against {} of the count",
                format::percent(h),
                format::percent(c)
            ));
        }
        text
    }
}

/// The offences of each member measure with a known severity, over a year.
fn harm_evidence(members: &[&MeasureAssessment]) -> Option<HarmEvidence> {
    let measures: Vec<WeightedMeasure> = members
        .iter()
        .filter(|m| m.unit == Unit::Count)
        .filter_map(|m| {
            let weight = severity::weight_of(&m.measure)?;
            let year = m
                .rolling_year
                .as_ref()
                .filter(|_| m.change.current.period.months() < 12)
                .map(|c| &c.current)
                .unwrap_or(&m.change.current);
            Some(WeightedMeasure {
                measure: m.measure.clone(),
                offences: year.value,
                weight,
            })
        })
        .collect();
    if measures.is_empty() {
        return None;
    }
    // A total (all crime) alongside its parts would count them twice: the parts win.
    let parts: Vec<WeightedMeasure> = measures
        .iter()
        .filter(|w| w.weight.source != severity::WeightSource::AllOffences)
        .cloned()
        .collect();
    let measures = if parts.is_empty() { measures } else { parts };
    let offences: f64 = measures.iter().map(|w| w.offences).sum();
    let weighted_volume: f64 = measures
        .iter()
        .map(|w| w.offences * w.weight.per_offence)
        .sum();
    if offences <= 0.0 {
        return None;
    }
    let per_offence = weighted_volume / offences;
    let relative = per_offence / severity::national_mean();
    Some(HarmEvidence {
        measures,
        offences,
        weighted_volume,
        per_offence,
        relative,
        harm_share: None,
        count_share: None,
        score: severity::harm_score(relative),
    })
}

/// Each issue's share of the weighted volume and of the count, among the issues
/// that are not all-crime totals.
fn add_shares(evidence: &mut [Option<HarmEvidence>]) {
    let is_part = |e: &HarmEvidence| {
        e.measures
            .iter()
            .all(|w| w.weight.source != severity::WeightSource::AllOffences)
    };
    let (volume, count) = evidence
        .iter()
        .flatten()
        .filter(|e| is_part(e))
        .fold((0.0, 0.0), |(v, c), e| {
            (v + e.weighted_volume, c + e.offences)
        });
    if volume <= 0.0 || count <= 0.0 {
        return;
    }
    for e in evidence.iter_mut().flatten().filter(|e| is_part(e)) {
        e.harm_share = Some(e.weighted_volume / volume);
        e.count_share = Some(e.offences / count);
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PriorityAssessment {
    /// The issue ("Road safety").
    pub issue: String,
    /// The measures that show it, in the assessment's order.
    pub measures: Vec<String>,
    /// The measure that stands for the issue (its figure, charts and findings lead).
    pub measure: String,
    /// Whether the user chose `measure` to lead (else the rule in `issues` did).
    pub lead_chosen: bool,
    /// The severity-weighted volume, where the issue's offences are known.
    pub harm: Option<HarmEvidence>,
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

/// The 0–3 score of a measure whose position (0 the lowest figure, 1 the
/// highest) is turned by its polarity, so the worst end scores 3.
fn worst_end(m: &MeasureAssessment, position: f64) -> f64 {
    if m.polarity.polarity == Polarity::HigherIsBetter {
        1.0 - position
    } else {
        position
    }
}

/// " (higher is better)" after a reason whose score is turned by the polarity.
fn turned(m: &MeasureAssessment) -> &'static str {
    if m.polarity.polarity == Polarity::HigherIsBetter {
        " (higher is better)"
    } else {
        ""
    }
}

/// A criterion's score, its reason in a few characters ("11th of 12",
/// "+13%") for a table cell, and in full.
type Scored = (u8, String, String);

/// A measure's score on a criterion, with its reasons written only when asked
/// for: an issue of thousands of measures scores every one and words only the
/// strongest (writing them all was most of a recompute's last step).
type Judged<'a> = (u8, Box<dyn FnOnce() -> (String, String) + 'a>);

fn words<'a>(
    write: impl FnOnce() -> (String, String) + 'a,
) -> Box<dyn FnOnce() -> (String, String) + 'a> {
    Box::new(write)
}

fn volume(m: &MeasureAssessment) -> Option<Judged<'_>> {
    if let Some(rank) = &m.rank {
        let position = worst_end(
            m,
            if rank.of > 1 {
                (rank.rank - 1) as f64 / (rank.of - 1) as f64
            } else {
                0.0
            },
        );
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
        return Some((
            score,
            words(move || {
                (
                    format!("{} of {}", format::ordinal(rank.rank), rank.of),
                    format!(
                        "{} of {} by {basis} (1st = lowest){}",
                        format::ordinal(rank.rank),
                        rank.of,
                        turned(m)
                    ),
                )
            }),
        ));
    }
    if let (Some(rate), Some(county)) = (
        &m.rate,
        m.county.as_ref().and_then(|c| c.rate.map(|r| (c, r))),
    ) {
        let ratio = match m.polarity.polarity {
            Polarity::HigherIsBetter if rate.per_thousand > 0.0 => county.1 / rate.per_thousand,
            _ => rate.per_thousand / county.1,
        };
        let score = if ratio >= 1.2 {
            3
        } else if ratio >= 1.0 {
            2
        } else if ratio >= 0.8 {
            1
        } else {
            0
        };
        return Some((
            score,
            words(move || {
                (
                    format!(
                        "{} vs {}",
                        format::number(rate.per_thousand, 1),
                        format::number(county.1, 1)
                    ),
                    format!(
                        "{} against the {} rate of {}{}",
                        format::rate_per_thousand(rate.per_thousand),
                        county.0.area,
                        format::rate_per_thousand(county.1),
                        turned(m)
                    ),
                )
            }),
        ));
    }
    if let Some(b) = &m.baseline {
        let above = m.change.current.value > b.mean;
        let worse = above == (m.polarity.polarity != Polarity::HigherIsBetter);
        return Some((
            if worse { 2 } else { 1 },
            words(move || {
                (
                    format!(
                        "{} its average",
                        if above { "above" } else { "at or below" }
                    ),
                    format!(
                        "{} against the {} average of {}{}",
                        m.unit.show(m.change.current.value),
                        b.label,
                        if m.unit.is_additive() {
                            format::number(b.mean, 0)
                        } else {
                            m.unit.show(b.mean)
                        },
                        turned(m)
                    ),
                )
            }),
        ));
    }
    None
}

fn trend(m: &MeasureAssessment) -> Option<Judged<'_>> {
    let change = m
        .rolling_year
        .as_ref()
        .filter(|c| c.previous.is_some())
        .unwrap_or(&m.change);
    change.relative().map(|relative| {
        let r = m.polarity.polarity.worse_by(relative).unwrap_or(relative);
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
            words(move || {
                (
                    format::signed_percent(relative),
                    format!(
                        "{} on {}{}",
                        format::signed_percent(relative),
                        change
                            .previous
                            .as_ref()
                            .map(|p| p.period.label())
                            .unwrap_or_default(),
                        turned(m)
                    ),
                )
            }),
        )
    })
}

fn significance(m: &MeasureAssessment) -> Option<Judged<'_>> {
    let polarity = m.polarity.polarity;
    let what = |d: f64| if d > 0.0 { "rise" } else { "fall" };
    let real = move |s: &super::Significance, d: f64| {
        (
            format!("real {}", what(d)),
            format!("{} {}{}", what(d), s.describe(), turned(m)),
        )
    };
    match (&m.significance, m.change.absolute()) {
        (Some(s), Some(d)) if s.significant && polarity.worse_by(d).is_some_and(|w| w > 0.0) => {
            Some((3, words(move || real(s, d))))
        }
        (Some(s), Some(d)) if s.significant && polarity.worse_by(d).is_some_and(|w| w < 0.0) => {
            Some((0, words(move || real(s, d))))
        }
        (Some(s), _) => Some((
            1,
            words(move || ("normal variation".to_string(), s.describe())),
        )),
        _ => None,
    }
}

fn county(m: &MeasureAssessment) -> Option<Judged<'_>> {
    let local = m.change.relative();
    let county = m.county.as_ref().and_then(|c| {
        let change = c.change.as_ref()?;
        (change.previous.as_ref()?.period == m.change.previous.as_ref()?.period)
            .then(|| (c.area.as_str(), change.relative()))
    });
    match (local, county) {
        (Some(l), Some((area, Some(c)))) => {
            let gap = m.polarity.polarity.worse_by((l - c) * 100.0)?;
            let score = if gap >= 5.0 {
                3
            } else if gap > 0.0 {
                2
            } else if gap > -5.0 {
                1
            } else {
                0
            };
            Some((
                score,
                words(move || {
                    (
                        format!(
                            "{} vs {}",
                            format::signed_percent(l),
                            format::signed_percent(c)
                        ),
                        format!(
                            "{} here against {} across {area}{}",
                            format::signed_percent(l),
                            format::signed_percent(c),
                            turned(m)
                        ),
                    )
                }),
            ))
        }
        _ => None,
    }
}

/// A computed criterion for an issue: the highest score any of its measures
/// with the evidence earns (the issue is as pressing as its most pressing
/// measure), its reason naming the measure when there are several; 1 with
/// `missing` when none has the evidence.
fn strongest(
    members: &[&MeasureAssessment],
    score: for<'a> fn(&'a MeasureAssessment) -> Option<Judged<'a>>,
    missing: &str,
) -> Scored {
    // A measure whose change is reported without a judgement (neither higher
    // nor lower is better) gives no evidence of how pressing the issue is.
    let judged: Vec<&MeasureAssessment> = members
        .iter()
        .copied()
        .filter(|m| m.polarity.polarity != Polarity::Neither)
        .collect();
    if judged.is_empty() && !members.is_empty() {
        return (
            1,
            "not judged".to_string(),
            "not judged: neither higher nor lower is better for its measures".to_string(),
        );
    }
    let several = members.len() > 1;
    judged
        .iter()
        .filter_map(|m| score(m).map(|(s, words)| (s, m.measure.as_str(), words)))
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(a.1)))
        .map(|(s, measure, words)| {
            let (short, reason) = words();
            if several {
                (s, short, format!("{measure}: {reason}"))
            } else {
                (s, short, reason)
            }
        })
        .unwrap_or_else(|| (1, "no evidence".to_string(), missing.to_string()))
}

/// The harm score: the partnership's where it gives one (with a reason, when it
/// replaces evidence), else the severity weights', else a starting value.
fn harm(judgement: &Judgement, evidence: Option<&HarmEvidence>, names: &[&str]) -> Scored {
    let reason = judgement.harm_reason.trim();
    let set = || "set by you".to_string();
    let severity = |e: &HarmEvidence| format!("severity ×{}", format::number(e.relative, 1));
    match (judgement.harm, evidence) {
        (Some(v), Some(_)) if !reason.is_empty() => {
            (v.min(3), set(), format!("set by the partnership: {reason}"))
        }
        (Some(v), Some(e)) => (
            e.score,
            severity(e),
            format!(
                "{} (the partnership's {v} applies once it gives a reason)",
                e.reason()
            ),
        ),
        (None, Some(e)) => (e.score, severity(e), e.reason()),
        (Some(v), None) if !reason.is_empty() => {
            (v.min(3), set(), format!("set by the partnership: {reason}"))
        }
        (Some(v), None) => (v.min(3), set(), "set by the partnership".to_string()),
        (None, None) => {
            let start = names.iter().map(|n| default_harm(n)).max().unwrap_or(2);
            (
                start,
                "starting value".to_string(),
                "not judged yet: starting value".to_string(),
            )
        }
    }
}

fn judged(value: Option<u8>, default: u8, what: &str) -> Scored {
    match value {
        Some(v) => (
            v.min(3),
            "set by you".to_string(),
            "set by the partnership".to_string(),
        ),
        None => (
            default,
            "not judged yet".to_string(),
            format!("not judged yet: {what}"),
        ),
    }
}

/// Scores every issue (the measures grouped by `issues::group`), ranks them and
/// words the recommendations.
pub fn prioritise(
    measures: &[MeasureAssessment],
    settings: &PrioritySettings,
    plan_year: i32,
) -> Vec<PriorityAssessment> {
    let mut prioritiser = Prioritiser::new(measures, settings, plan_year);
    prioritiser.step(measures, usize::MAX);
    prioritiser.finish(measures)
}

/// `prioritise` worked a slice at a time, so the page can score thousands of
/// issues without one long task: grouping the measures into issues, then each
/// issue's harm evidence, then each issue's scores. `step` and `finish` must
/// be given the measures `new` was.
pub struct Prioritiser {
    settings: PrioritySettings,
    year: String,
    /// A measure's position by name (the last of any duplicates).
    by_name: HashMap<String, usize>,
    stage: Prioritising,
}

enum Prioritising {
    Grouping(Box<issues::Grouping>),
    Weighing {
        issues: Vec<Issue>,
        evidence: Vec<Option<HarmEvidence>>,
    },
    Scoring {
        issues: Vec<Issue>,
        evidence: Vec<Option<HarmEvidence>>,
        /// The next issue to score.
        next: usize,
        out: Vec<PriorityAssessment>,
    },
}

impl Prioritiser {
    pub fn new(
        measures: &[MeasureAssessment],
        settings: &PrioritySettings,
        plan_year: i32,
    ) -> Prioritiser {
        Prioritiser {
            settings: settings.clone(),
            year: plan_year_label(plan_year),
            by_name: measures
                .iter()
                .enumerate()
                .map(|(i, m)| (m.measure.clone(), i))
                .collect(),
            stage: Prioritising::Grouping(Box::new(issues::Grouping::new(measures))),
        }
    }

    /// Units done, of all: grouping a measure, and weighing or scoring an
    /// issue, count one each (until the issues are known, as many issues as
    /// measures are counted on).
    pub fn progress(&self, measures: &[MeasureAssessment]) -> (usize, usize) {
        let n = measures.len();
        match &self.stage {
            Prioritising::Grouping(g) => (g.progress(measures).0, n.saturating_mul(3)),
            Prioritising::Weighing { issues, evidence } => {
                (n + evidence.len(), n + 2 * issues.len())
            }
            Prioritising::Scoring { issues, next, .. } => {
                (n + issues.len() + next, n + 2 * issues.len())
            }
        }
    }

    pub fn is_done(&self) -> bool {
        matches!(&self.stage, Prioritising::Scoring { issues, next, .. } if *next >= issues.len())
    }

    /// Does up to `count` units of work; `true` once every issue is scored.
    pub fn step(&mut self, measures: &[MeasureAssessment], count: usize) -> bool {
        let mut left = count;
        while left > 0 && !self.is_done() {
            match &mut self.stage {
                Prioritising::Grouping(g) => {
                    let before = g.progress(measures).0;
                    let grouped = g.step(measures, &self.settings.issues, left);
                    left -= (g.progress(measures).0 - before).min(left);
                    if grouped {
                        let Prioritising::Grouping(g) = std::mem::replace(
                            &mut self.stage,
                            Prioritising::Weighing {
                                issues: Vec::new(),
                                evidence: Vec::new(),
                            },
                        ) else {
                            unreachable!("the stage was matched as grouping")
                        };
                        let issues =
                            g.finish(measures, &self.settings.issues, &self.settings.leads);
                        self.stage = Prioritising::Weighing {
                            evidence: Vec::with_capacity(issues.len()),
                            issues,
                        };
                    }
                }
                Prioritising::Weighing { issues, evidence } => {
                    let start = evidence.len();
                    let end = start.saturating_add(left).min(issues.len());
                    for issue in &issues[start..end] {
                        evidence.push(harm_evidence(&members_of(&self.by_name, measures, issue)));
                    }
                    left -= end - start;
                    if evidence.len() >= issues.len() {
                        let Prioritising::Weighing {
                            issues,
                            mut evidence,
                        } = std::mem::replace(
                            &mut self.stage,
                            Prioritising::Weighing {
                                issues: Vec::new(),
                                evidence: Vec::new(),
                            },
                        )
                        else {
                            unreachable!("the stage was matched as weighing")
                        };
                        add_shares(&mut evidence);
                        self.stage = Prioritising::Scoring {
                            out: Vec::with_capacity(issues.len()),
                            issues,
                            evidence,
                            next: 0,
                        };
                    }
                }
                Prioritising::Scoring {
                    issues,
                    evidence,
                    next,
                    out,
                } => {
                    let end = next.saturating_add(left).min(issues.len());
                    for i in *next..end {
                        let issue = &issues[i];
                        let excluded = self
                            .settings
                            .judgements
                            .get(&issue.name)
                            .is_some_and(|j| j.excluded);
                        if !excluded {
                            let members = members_of(&self.by_name, measures, issue);
                            out.push(score_issue(
                                issue,
                                &members,
                                evidence[i].take(),
                                &self.settings,
                                &self.year,
                            ));
                        }
                    }
                    left -= end - *next;
                    *next = end;
                }
            }
        }
        self.is_done()
    }

    /// The issues, scored and ranked (any work not yet stepped through done first).
    pub fn finish(mut self, measures: &[MeasureAssessment]) -> Vec<PriorityAssessment> {
        while !self.step(measures, usize::MAX) {}
        match self.stage {
            Prioritising::Scoring { out, .. } => ranked(out),
            _ => unreachable!("stepped until done"),
        }
    }
}

/// An issue's measures, in its order.
fn members_of<'m>(
    by_name: &HashMap<String, usize>,
    measures: &'m [MeasureAssessment],
    issue: &Issue,
) -> Vec<&'m MeasureAssessment> {
    issue
        .measures
        .iter()
        .filter_map(|m| by_name.get(m.as_str()).map(|&i| &measures[i]))
        .collect()
}

/// One issue's scores against every criterion, and what the matrix says of it.
fn score_issue(
    issue: &Issue,
    members: &[&MeasureAssessment],
    evidence: Option<HarmEvidence>,
    settings: &PrioritySettings,
    year: &str,
) -> PriorityAssessment {
    let judgement = settings
        .judgements
        .get(&issue.name)
        .cloned()
        .unwrap_or_default();
    let mut names: Vec<&str> = vec![issue.name.as_str()];
    names.extend(issue.measures.iter().map(String::as_str));
    let scores: Vec<Score> = Criterion::ALL
        .iter()
        .map(|&criterion| {
            let (score, short, reason) = match criterion {
                Criterion::Volume => strongest(
                    members,
                    volume,
                    "no comparison with other areas or a baseline",
                ),
                Criterion::Trend => strongest(members, trend, "no earlier figure"),
                Criterion::Significance => {
                    strongest(members, significance, "no test possible for this figure")
                }
                Criterion::County => {
                    strongest(members, county, "no county figure for the same periods")
                }
                Criterion::Harm => harm(&judgement, evidence.as_ref(), &names),
                Criterion::Concern => judged(judgement.concern, 2, "medium"),
                Criterion::Capacity => judged(judgement.capacity, 2, "medium"),
            };
            Score {
                criterion,
                score,
                weight: settings.weights.of(criterion),
                short,
                reason,
            }
        })
        .collect();
    let total: f64 = scores.iter().map(|s| s.score as f64 * s.weight).sum();
    let max: f64 = scores.iter().map(|s| 3.0 * s.weight).sum();
    let matrix_says = max > 0.0 && total / max >= settings.threshold;
    let over = settings
        .overrides
        .get(&issue.name)
        .filter(|o| !o.reason.trim().is_empty());
    let recommended = over.map(|o| o.priority).unwrap_or(matrix_says);
    PriorityAssessment {
        issue: issue.name.clone(),
        measures: issue.measures.clone(),
        measure: issue.lead.clone(),
        lead_chosen: issue.lead_chosen,
        harm: evidence,
        recommendation: recommendation(&issue.name, recommended, judgement.current_priority, year),
        scores,
        total,
        max,
        rank: 0,
        matrix_says,
        recommended,
        override_reason: over.map(|o| o.reason.trim().to_string()),
    }
}

/// Highest share of the maximum first (then by name), each ranked 1 + the
/// number of issues scoring strictly higher, so ties share a rank.
pub fn ranked(mut out: Vec<PriorityAssessment>) -> Vec<PriorityAssessment> {
    crate::core::sorting::sort_by(&mut out, |a, b| {
        b.share().total_cmp(&a.share()).then(a.issue.cmp(&b.issue))
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
