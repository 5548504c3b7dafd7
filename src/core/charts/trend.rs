//! A measure over time in the local area, with the county beside it, the
//! baseline average and the target where there are ones.

use super::{
    axis_max_for, count_cell, count_value, max_of, rate_cell, reference_line, round, stable_id,
    ChartInput, ChartSpec, ChartTable, NOT_KNOWN, RATE_DECIMALS,
};
use crate::core::assessment::index::{last_month, Index};
use crate::core::assessment::measure::Denominator;
use crate::core::assessment::targets::{TargetAssessment, TargetDirection};
use crate::core::assessment::wording::{counted, noun, sentence_name};
use crate::core::dataset::Unit;
use crate::core::format;
use crate::core::period::Period;
use charming::component::{Axis, Grid, Legend, Title};
use charming::element::{
    AxisType, ItemStyle, LineStyle, LineStyleType, NameLocation, Symbol, Tooltip, Trigger,
};
use charming::series::Line;
use charming::Chart;

/// How the figures are drawn.
#[derive(Clone, Copy, PartialEq)]
enum Scale {
    /// As given, in the measure's unit; the county on its own axis when a count.
    AsGiven(Unit),
    /// Both areas per 1,000 people (or households).
    PerThousand(Denominator),
}

impl Scale {
    /// A figure as drawn: proportions as percentages (0.22 is drawn at 22).
    fn value(self, v: f64) -> f64 {
        match self {
            Scale::AsGiven(Unit::Count) => count_value(v),
            Scale::AsGiven(Unit::Proportion) => round(v * 100.0, 1),
            Scale::AsGiven(Unit::Percent) => round(v, 1),
            Scale::AsGiven(Unit::RatePerThousand) | Scale::PerThousand(_) => {
                round(v, RATE_DECIMALS)
            }
            Scale::AsGiven(_) => round(v, 2),
        }
    }

    /// A drawn figure in a table cell.
    fn cell(self, v: f64) -> String {
        match self {
            Scale::AsGiven(Unit::Count) => count_cell(v),
            Scale::AsGiven(Unit::Percent | Unit::Proportion) => {
                format!("{}%", format::number(v, 1))
            }
            Scale::AsGiven(Unit::RatePerThousand) | Scale::PerThousand(_) => rate_cell(v),
            Scale::AsGiven(unit) => unit.show(v),
        }
    }
}

/// A figure in the unit it is drawn in (a proportion is drawn as a percentage).
fn drawn(unit: Unit, v: f64) -> f64 {
    if unit == Unit::Proportion {
        v * 100.0
    } else {
        v
    }
}

/// Periods of the current period's length, in step with it, up to it: the
/// quarters for a quarterly measure, the years ending in September for a rolling year.
fn in_step(period: &Period, current: &Period) -> bool {
    let months = current.months() as i64;
    period.months() == current.months()
        && (period.first_month_index() - current.first_month_index()).rem_euclid(months) == 0
        && last_month(period) <= last_month(current)
}

fn denominator(index: &Index, per: Denominator, area: &str, period: Period) -> Option<f64> {
    match per {
        Denominator::Population => index.population(area, period),
        Denominator::Households => index.households(area, period),
    }
    .and_then(|o| o.value.number())
    .filter(|v| *v > 0.0)
}

fn period_word(period: &Period) -> &'static str {
    match period.months() {
        1 => "month",
        3 => "quarter",
        12 => "year",
        _ => "period",
    }
}

/// The target line in the chart's periods: the level of a Reach target, the goal
/// for a target period of the chart's length, else the goal shared evenly over
/// the periods that make up the target period.
fn target_line(
    t: &TargetAssessment,
    current: &Period,
    unit: Unit,
) -> Option<(String, f64, String)> {
    let goal = t.goal?;
    let period = t.target.period;
    let shown = |v: f64| {
        if unit.is_additive() {
            counted(&t.target.measure, v)
        } else {
            unit.show(v)
        }
    };
    if t.target.direction == TargetDirection::Reach || period.months() == current.months() {
        let name = format!("Target for {}", period.label());
        let sentence = format!("The target line is {} for {}.", shown(goal), period.label());
        return Some((name, drawn(unit, goal), sentence));
    }
    if !unit.is_additive() || !period.months().is_multiple_of(current.months()) {
        return None;
    }
    let parts = (period.months() / current.months()) as f64;
    let each = goal / parts;
    let word = period_word(current);
    Some((
        format!("Target for {}, per {word}", period.label()),
        each,
        format!(
            "The target line shares the goal for {} ({}) evenly over its {} {word}s: {} a {word}.",
            period.label(),
            shown(goal),
            parts,
            format::count(count_value(each)),
        ),
    ))
}

/// The local area's figures over time, with the county, the baseline average and
/// the target. Both areas are drawn per 1,000 population when both populations are
/// known (and no baseline or target, which are counts, is drawn); otherwise the
/// county's counts go on a second axis so the two scales are not confused.
pub fn trend(input: &ChartInput, measure: &str) -> Option<ChartSpec> {
    let ChartInput {
        index,
        assessment,
        palette,
    } = *input;
    let m = assessment.measure(measure)?;
    let area = m.area.as_str();
    let current = m.change.current.period;
    let series = index.series(measure, area)?;
    let local: Vec<(Period, f64)> = series
        .iter()
        .filter(|(p, _)| in_step(p, &current))
        .filter_map(|(p, o)| Some((*p, o.value.number()?)))
        .collect();
    if local.is_empty() {
        return None;
    }
    let county_area = m.county.as_ref().map(|c| c.area.as_str());
    let county: Vec<Option<f64>> = match county_area.and_then(|c| index.series(measure, c)) {
        Some(s) => local
            .iter()
            .map(|(p, _)| s.get(p).and_then(|o| o.value.number()))
            .collect(),
        None => vec![None; local.len()],
    };
    let county_area = county_area.filter(|_| county.iter().any(Option::is_some));

    let baseline = m.baseline.as_ref().map(|b| {
        (
            format!("{} average", b.label),
            round(drawn(m.unit, b.mean), 1),
        )
    });
    let target = assessment
        .targets
        .iter()
        .filter(|t| t.target.measure == measure)
        .find_map(|t| target_line(t, &current, m.unit));

    // Rates only where the assessment gives the measure a rate per head, both
    // areas' denominators are known, and no count reference line is drawn.
    let per_thousand = match (m.unit, &m.rate, county_area) {
        (Unit::Count, Some(rate), Some(county_name)) if baseline.is_none() && target.is_none() => {
            let local_rates: Option<Vec<f64>> = local
                .iter()
                .map(|(p, v)| Some(v / denominator(index, rate.per, area, *p)? * 1000.0))
                .collect();
            let county_rates: Option<Vec<Option<f64>>> = local
                .iter()
                .zip(&county)
                .map(|((p, _), c)| match c {
                    Some(c) => Some(Some(
                        c / denominator(index, rate.per, county_name, *p)? * 1000.0,
                    )),
                    None => Some(None),
                })
                .collect();
            local_rates.zip(county_rates).map(|(l, c)| (rate.per, l, c))
        }
        _ => None,
    };
    let (scale, local_values, county_values) = match per_thousand {
        Some((per, l, c)) => (Scale::PerThousand(per), l, c),
        None => (
            Scale::AsGiven(m.unit),
            local.iter().map(|(_, v)| *v).collect(),
            county.clone(),
        ),
    };
    let local_values: Vec<f64> = local_values.iter().map(|v| scale.value(*v)).collect();
    let county_values: Vec<Option<f64>> = county_values
        .iter()
        .map(|v| v.map(|v| scale.value(v)))
        .collect();
    // A county count beside a local count would squash the local line: it gets its own axis.
    let county_on_right = county_area.is_some() && scale == Scale::AsGiven(Unit::Count);

    let labels: Vec<String> = local.iter().map(|(p, _)| p.label()).collect();
    let (first, last) = (&labels[0], &labels[labels.len() - 1]);
    let word = period_word(&current);
    let axis_name = match scale {
        Scale::PerThousand(per) => per.per_thousand().to_string(),
        Scale::AsGiven(unit) => match unit.axis_name() {
            Some(name) => name.to_string(),
            None => noun(measure, 2.0)
                .map(sentence_name)
                .unwrap_or_else(|| "Number".to_string()),
        },
    };
    let county_series_name = |c: &str| {
        if county_on_right {
            format!("{c} (right axis)")
        } else {
            c.to_string()
        }
    };

    // Words.
    let shown = |v: f64| match scale {
        Scale::AsGiven(Unit::Count) => counted(measure, v),
        Scale::AsGiven(Unit::Percent | Unit::Proportion) => {
            format!("{}%", format::number(v, 1).trim_end_matches(".0"))
        }
        Scale::AsGiven(Unit::RatePerThousand) | Scale::PerThousand(_) => {
            format::rate_per_thousand(v)
        }
        Scale::AsGiven(unit) => unit.show(v),
    };
    let title = format!("{} in {area} over time", sentence_name(measure));
    let how = match scale {
        Scale::PerThousand(per) => format!(
            "{} (rates, so the two areas can be compared)",
            per.per_thousand()
        ),
        Scale::AsGiven(Unit::Count) => "as counts".to_string(),
        Scale::AsGiven(Unit::Percent | Unit::Proportion) => "as percentages".to_string(),
        Scale::AsGiven(Unit::RatePerThousand) => "per 1,000".to_string(),
        Scale::AsGiven(unit) => format!("as given ({})", unit.describe()),
    };
    let mut description = if labels.len() == 1 {
        format!("{} in {area}, {first}, {how}.", sentence_name(measure))
    } else {
        format!(
            "{} in {area} each {word} from {first} to {last}, {how}.",
            sentence_name(measure)
        )
    };
    description.push_str(&format!(
        " Latest: {} in {last}.",
        shown(local_values[local_values.len() - 1])
    ));
    if let Some(c) = county_area {
        let latest = local
            .iter()
            .zip(&county_values)
            .rev()
            .find_map(|((p, _), v)| v.map(|v| (p.label(), v)));
        if let Some((label, v)) = latest {
            if county_on_right {
                description.push_str(&format!(
                    " {c}'s counts are on the right-hand axis, a different scale: {} in {label}.",
                    shown(v)
                ));
            } else {
                description.push_str(&format!(" {c}: {} in {label}.", shown(v)));
            }
        }
    }
    if let Some((name, value)) = &baseline {
        description.push_str(&format!(
            " The dashed black line is the {name} of {}.",
            format::number(*value, if value.fract() == 0.0 { 0 } else { 1 })
        ));
    }
    if let Some((_, _, sentence)) = &target {
        description.push(' ');
        description.push_str(sentence);
    }

    // Table.
    let mut headers = vec!["Period".to_string(), area.to_string()];
    if let Some(c) = county_area {
        headers.push(c.to_string());
    }
    let rows = local
        .iter()
        .zip(local_values.iter().zip(&county_values))
        .map(|((p, _), (l, c))| {
            let mut row = vec![p.label(), scale.cell(*l)];
            if county_area.is_some() {
                row.push(
                    c.map(|c| scale.cell(c))
                        .unwrap_or_else(|| NOT_KNOWN.to_string()),
                );
            }
            row
        })
        .collect();
    let caption = match scale {
        Scale::PerThousand(per) => format!(
            "{} {}, {first} to {last}",
            sentence_name(measure),
            per.per_thousand()
        ),
        _ => format!("{}, {first} to {last}", sentence_name(measure)),
    };

    // Chart.
    let lines: Vec<f64> = baseline
        .iter()
        .map(|(_, v)| *v)
        .chain(target.iter().map(|(_, v, _)| *v))
        .collect();
    let left_data = local_values.iter().copied().chain(if county_on_right {
        Vec::new()
    } else {
        county_values.iter().flatten().copied().collect()
    });
    let mut left_axis = Axis::new()
        .type_(AxisType::Value)
        .name(axis_name)
        .name_location(NameLocation::End);
    if let Some(max) = axis_max_for(max_of(left_data), &lines) {
        left_axis = left_axis.max(max);
    }
    let mut chart = Chart::new()
        .title(Title::new().text(title.clone()))
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().bottom(0))
        .grid(
            Grid::new()
                .left("3%")
                .right(if county_on_right { "8%" } else { "4%" })
                .top(60)
                .bottom(40)
                .contain_label(true),
        )
        .x_axis(Axis::new().type_(AxisType::Category).data(labels.clone()))
        .y_axis(left_axis)
        .series(
            Line::new()
                .id("local")
                .name(area)
                .data(local_values.clone())
                .symbol(Symbol::Circle)
                .symbol_size(7)
                .item_style(ItemStyle::new().color(palette.local.as_str()))
                .line_style(LineStyle::new().color(palette.local.as_str()).width(3)),
        );
    if let Some(c) = county_area {
        let name = county_series_name(c);
        let mut line = Line::new()
            .id("county")
            .name(name.clone())
            .data(county_values.clone())
            .symbol(Symbol::Triangle)
            .symbol_size(8)
            .item_style(ItemStyle::new().color(palette.county.as_str()))
            .line_style(
                LineStyle::new()
                    .color(palette.county.as_str())
                    .width(2)
                    .type_(LineStyleType::Dashed),
            );
        if county_on_right {
            line = line.y_axis_index(1);
            chart = chart.y_axis(
                Axis::new()
                    .type_(AxisType::Value)
                    .name(name)
                    .name_location(NameLocation::End)
                    .position("right"),
            );
        }
        chart = chart.series(line);
    }
    if let Some((name, value)) = &baseline {
        chart = chart.series(reference_line(
            "baseline",
            name,
            *value,
            &palette.baseline,
            labels.len(),
        ));
    }
    if let Some((name, value, _)) = &target {
        chart = chart.series(reference_line(
            "target",
            name,
            *value,
            &palette.target,
            labels.len(),
        ));
    }

    Some(ChartSpec {
        id: format!("trend-{}", stable_id(measure)),
        title,
        description,
        option: chart,
        table: ChartTable {
            caption,
            headers,
            rows,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_in_step_with_the_current_one() {
        let current = Period::parse("Q2 2015/16").unwrap();
        assert!(in_step(&Period::parse("Q1 2014/15").unwrap(), &current));
        assert!(!in_step(&Period::parse("Q3 2015/16").unwrap(), &current));
        assert!(!in_step(&Period::parse("2014/15").unwrap(), &current));
        let rolling = Period::parse("Oct 2014 - Sep 2015").unwrap();
        assert!(in_step(
            &Period::parse("Oct 2010 - Sep 2011").unwrap(),
            &rolling
        ));
        assert!(!in_step(&Period::parse("2014").unwrap(), &rolling));
    }
}
