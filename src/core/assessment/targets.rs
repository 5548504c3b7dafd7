//! Targets and how they stand: Achieved, On track, At risk, Off track or No data,
//! with a projection to the year end from the quarters (or months) so far.

use super::change::Figure;
use super::index::Index;
use super::measure::span_source;
use super::wording::{counted, running_name};
use crate::core::dataset::{Observation, Unit};
use crate::core::format;
use crate::core::period::Period;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TargetDirection {
    /// Lower than the baseline period.
    Reduce,
    /// Higher than the baseline period.
    Increase,
    /// At least `level` (e.g. 50% of secondary schools).
    Reach,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// The priority the target belongs to ("Domestic abuse").
    pub priority: String,
    /// The plan's own words ("To see a reduction in the number of repeat cases").
    pub description: String,
    pub measure: String,
    pub direction: TargetDirection,
    /// For `Reach`: the level, in the measure's unit.
    pub level: Option<f64>,
    /// For `Reduce` and `Increase`: the period compared with.
    pub baseline: Option<Period>,
    /// The period the target is for (normally a financial year).
    pub period: Period,
    /// How far the wrong side of the goal still counts as At risk: 0.05 = 5%.
    pub tolerance: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum TargetStatus {
    Achieved,
    OnTrack,
    AtRisk,
    OffTrack,
    NoData,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Rag {
    Green,
    Amber,
    Red,
    /// No data: neither good nor bad.
    Grey,
}

impl TargetStatus {
    pub fn label(self) -> &'static str {
        match self {
            TargetStatus::Achieved => "Achieved",
            TargetStatus::OnTrack => "On track",
            TargetStatus::AtRisk => "At risk",
            TargetStatus::OffTrack => "Off track",
            TargetStatus::NoData => "No data",
        }
    }

    pub fn rag(self) -> Rag {
        match self {
            TargetStatus::Achieved | TargetStatus::OnTrack => Rag::Green,
            TargetStatus::AtRisk => Rag::Amber,
            TargetStatus::OffTrack => Rag::Red,
            TargetStatus::NoData => Rag::Grey,
        }
    }
}

impl Rag {
    pub fn label(self) -> &'static str {
        match self {
            Rag::Green => "Green",
            Rag::Amber => "Amber",
            Rag::Red => "Red",
            Rag::Grey => "Grey",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Projection {
    pub value: f64,
    /// "scaled by the same quarters of 2014/15" or "straight-line from 2 of 4 quarters".
    pub method: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TargetAssessment {
    pub target: Target,
    pub status: TargetStatus,
    /// The figure so far: the whole period when complete, else the year to date.
    pub actual: Option<Figure>,
    /// What the actual is compared with: the baseline figure, or the level.
    pub goal: Option<f64>,
    pub baseline: Option<Figure>,
    pub projection: Option<Projection>,
    /// Sub-periods in so far, and how many make the whole period (4 quarters).
    pub parts_in: usize,
    pub parts_in_year: usize,
    /// Why the status is what it is, in a sentence.
    pub sentence: String,
}

/// The figure for `period`: given whole, or added up from its quarters or months
/// (counts only) when every one is there.
fn whole_or_sum(
    series: &std::collections::BTreeMap<Period, &Observation>,
    period: Period,
) -> Option<Figure> {
    if let Some(o) = series.get(&period) {
        return Some(Figure {
            value: o.value.number()?,
            period,
            source: o.source.clone(),
        });
    }
    let (parts, steps) = sub_periods(series, period)?;
    if parts.len() != steps || !parts[0].unit.is_additive() {
        return None;
    }
    Some(Figure {
        value: parts
            .iter()
            .map(|o| o.value.number())
            .sum::<Option<f64>>()?,
        period,
        source: span_source(&parts),
    })
}

/// The run of equal sub-periods from the start of `period` that the series holds,
/// and how many make the whole.
fn sub_periods<'a>(
    series: &std::collections::BTreeMap<Period, &'a Observation>,
    period: Period,
) -> Option<(Vec<&'a Observation>, usize)> {
    for length in [3u32, 1] {
        if period.months() <= length || !period.months().is_multiple_of(length) {
            continue;
        }
        let steps = (period.months() / length) as usize;
        let mut run = Vec::new();
        let mut next = Period::from_months(period.first_month_index(), length)?;
        while run.len() < steps {
            match series.get(&next) {
                Some(o) => run.push(*o),
                None => break,
            }
            next = Period::from_months(next.first_month_index() + length as i64, length)?;
        }
        if !run.is_empty() {
            return Some((run, steps));
        }
    }
    None
}

fn shown(value: f64, unit: Unit, measure: &str) -> String {
    if unit.is_additive() {
        counted(measure, value)
    } else {
        unit.show(value)
    }
}

/// How the target stands for the area.
pub fn evaluate(index: &Index, area: &str, target: &Target) -> TargetAssessment {
    let no_data = |sentence: String| TargetAssessment {
        target: target.clone(),
        status: TargetStatus::NoData,
        actual: None,
        goal: None,
        baseline: None,
        projection: None,
        parts_in: 0,
        parts_in_year: 0,
        sentence,
    };
    let name = running_name(&target.measure);
    let period_label = target.period.label();
    let Some(series) = index.series(&target.measure, area) else {
        return no_data(format!(
            "No data: there are no figures for {name} in {area}."
        ));
    };
    let unit = series
        .values()
        .next()
        .map(|o| o.unit)
        .unwrap_or(Unit::Count);
    let baseline = target.baseline.and_then(|b| whole_or_sum(series, b));
    let goal = match target.direction {
        TargetDirection::Reach => target.level,
        _ => baseline.as_ref().map(|b| b.value),
    };
    let Some(goal) = goal else {
        let missing = match (target.direction, target.baseline) {
            (TargetDirection::Reach, _) => "the target has no level".to_string(),
            (_, Some(b)) => format!("there is no figure for the baseline period {}", b.label()),
            (_, None) => "the target has no baseline period".to_string(),
        };
        return no_data(format!("No data: {missing}."));
    };

    // The whole period, or the year to date and a projection.
    let (actual, projected, projection, parts_in, parts_in_year, complete) =
        if let Some(whole) = whole_or_sum(series, target.period) {
            let v = whole.value;
            (whole, v, None, 1, 1, true)
        } else if let Some((parts, steps)) = sub_periods(series, target.period) {
            let n = parts.len();
            let last = parts[n - 1];
            let so_far_period = Period::from_months(
                target.period.first_month_index(),
                last.period.months() * n as u32,
            )
            .unwrap_or(target.period);
            if unit.is_additive() {
                let Some(ytd) = parts.iter().map(|o| o.value.number()).sum::<Option<f64>>() else {
                    return no_data(format!(
                        "No data: a figure for {name} in {period_label} is missing."
                    ));
                };
                // Scale by the same sub-periods of the baseline year where they are known,
                // so a seasonal measure is not projected from its quiet quarters.
                let seasonal = target.baseline.and_then(|b| {
                    let whole = whole_or_sum(series, b)?.value;
                    let (base_parts, _) = sub_periods(series, b)?;
                    if base_parts.len() < n {
                        return None;
                    }
                    let same: f64 = base_parts[..n]
                        .iter()
                        .map(|o| o.value.number())
                        .sum::<Option<f64>>()?;
                    (same > 0.0).then(|| (ytd / same * whole, b.label()))
                });
                let (value, method) = match seasonal {
                    Some((value, base)) => (
                        value,
                        format!("scaled by the same {} of {base}", part_word(last, n)),
                    ),
                    None => (
                        ytd * steps as f64 / n as f64,
                        format!(
                            "straight-line from {} of {steps} {}",
                            n,
                            part_word(last, steps)
                        ),
                    ),
                };
                let actual = Figure {
                    value: ytd,
                    period: so_far_period,
                    source: span_source(&parts),
                };
                (
                    actual,
                    value,
                    Some(Projection { value, method }),
                    n,
                    steps,
                    false,
                )
            } else {
                // A share or a rate is not added up: the latest figure stands.
                let value = last.value.number().unwrap_or(f64::NAN);
                let actual = Figure {
                    value,
                    period: last.period,
                    source: last.source.clone(),
                };
                (actual, value, None, n, steps, false)
            }
        } else {
            return no_data(format!(
                "No data: there is no figure for {name} in {period_label} yet."
            ));
        };
    if !projected.is_finite() {
        return no_data(format!("No data: the latest figure for {name} is missing."));
    }

    let tolerance = target.tolerance.max(0.0);
    let (meets, near) = match target.direction {
        TargetDirection::Reduce => (projected < goal, projected <= goal * (1.0 + tolerance)),
        TargetDirection::Increase => (projected > goal, projected >= goal * (1.0 - tolerance)),
        TargetDirection::Reach => (projected >= goal, projected >= goal * (1.0 - tolerance)),
    };
    let status = match (complete, meets, near) {
        (true, true, _) => TargetStatus::Achieved,
        (true, false, _) => TargetStatus::OffTrack,
        (false, true, _) => TargetStatus::OnTrack,
        (false, false, true) => TargetStatus::AtRisk,
        (false, false, false) => TargetStatus::OffTrack,
    };

    let goal_text = match target.direction {
        TargetDirection::Reach => format!("the target of {}", shown(goal, unit, &target.measure)),
        _ => format!(
            "{} in {}",
            shown(goal, unit, &target.measure),
            target.baseline.map(|b| b.label()).unwrap_or_default()
        ),
    };
    let relation = if projected > goal {
        "above"
    } else if projected < goal {
        "below"
    } else {
        "level with"
    };
    let tolerance_text = if tolerance > 0.0 {
        format!(" (tolerance {})", format::percent(tolerance))
    } else {
        String::new()
    };
    let sentence = match (&projection, complete) {
        (_, true) => format!(
            "{}: {} in {period_label}, {relation} {goal_text}.",
            status.label(),
            shown(actual.value, unit, &target.measure)
        ),
        (Some(p), false) => format!(
            "{}: {} in {} project to {} for {period_label} ({}), {relation} {goal_text}{tolerance_text}.",
            status.label(),
            shown(actual.value, unit, &target.measure),
            actual.period.label(),
            format::count(p.value.round()),
            p.method
        ),
        (None, false) => format!(
            "{}: {} in {}, {relation} {goal_text}{tolerance_text}; {} of {parts_in_year} {} of {period_label} in.",
            status.label(),
            shown(actual.value, unit, &target.measure),
            actual.period.label(),
            parts_in,
            part_word(last_part(series, target.period), parts_in_year)
        ),
    };
    TargetAssessment {
        target: target.clone(),
        status,
        actual: Some(actual),
        goal: Some(goal),
        baseline,
        projection,
        parts_in,
        parts_in_year,
        sentence,
    }
}

fn last_part<'a>(
    series: &std::collections::BTreeMap<Period, &'a Observation>,
    period: Period,
) -> &'a Observation {
    let (parts, _) = sub_periods(series, period).expect("checked by the caller");
    parts[parts.len() - 1]
}

fn part_word(o: &Observation, n: usize) -> &'static str {
    match (o.period.months(), n) {
        (3, 1) => "quarter",
        (3, _) => "quarters",
        (_, 1) => "month",
        _ => "months",
    }
}

/// The 2015/16 targets that go with the built-in sample's "Quarterly monitoring"
/// sheet, in the plan's words. A user's own targets replace them.
pub fn sample_targets() -> Vec<Target> {
    let fy = |y| Period::financial_year(y);
    vec![
        Target {
            priority: "Violent crime".into(),
            description: "To reduce the number of violent incidents in the night-time economy."
                .into(),
            measure: "Violent crimes in the night-time economy".into(),
            direction: TargetDirection::Reduce,
            level: None,
            baseline: Some(fy(2014)),
            period: fy(2015),
            tolerance: 0.05,
        },
        Target {
            priority: "Domestic abuse".into(),
            description: "To see a reduction in the number of repeat cases of domestic abuse."
                .into(),
            measure: "Repeat domestic abuse cases".into(),
            direction: TargetDirection::Reduce,
            level: None,
            baseline: Some(fy(2014)),
            period: fy(2015),
            tolerance: 0.05,
        },
        Target {
            priority: "Road safety".into(),
            description: "50% of Tunbridge Wells secondary schools to attend the KFRS Road \
                          Safety Centre, or otherwise engage similarly with KFRS locally."
                .into(),
            measure: "Secondary schools engaged with KFRS road safety (%)".into(),
            direction: TargetDirection::Reach,
            level: Some(50.0),
            baseline: None,
            period: fy(2015),
            tolerance: 0.2,
        },
    ]
}
