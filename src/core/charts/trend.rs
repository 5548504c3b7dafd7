//! A measure over time in the local area, with the county beside it, the
//! baseline average and the target where there are ones.

use super::{
    axis_max_for, count_cell, count_value, max_of, rate_cell, reference_line, round, stable_id,
    ChartInput, ChartSpec, ChartTable, Palette, NOT_KNOWN, RATE_DECIMALS,
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
    let figures = Figures::gather(input, measure)?;
    let drawn = Drawn::scale(input.index, &figures);
    let title = format!("{} in {} over time", sentence_name(measure), figures.area);
    Some(ChartSpec {
        id: format!("trend-{}", stable_id(measure)),
        description: describe(&figures, &drawn),
        table: tabulate(&figures, &drawn),
        option: draw(&figures, &drawn, &title, input.palette),
        title,
    })
}

/// Step 1: the figures the chart shows, as the files give them.
struct Figures<'a> {
    measure: &'a str,
    area: &'a str,
    unit: Unit,
    /// The assessment's rate per head, when it gives the measure one.
    rate_per: Option<Denominator>,
    /// The assessment's current period; every period drawn is in step with it.
    current: Period,
    /// The local figures, oldest first.
    local: Vec<(Period, f64)>,
    /// The county, when it has a figure for any of the local periods.
    county_area: Option<&'a str>,
    /// The county's figure for each local period.
    county: Vec<Option<f64>>,
    /// The baseline average's name and value, as drawn.
    baseline: Option<(String, f64)>,
    /// The target line's name, value as drawn, and the sentence explaining it.
    target: Option<(String, f64, String)>,
}

impl<'a> Figures<'a> {
    fn gather(input: &ChartInput<'a>, measure: &'a str) -> Option<Figures<'a>> {
        let ChartInput {
            index, assessment, ..
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
        Some(Figures {
            measure,
            area,
            unit: m.unit,
            rate_per: m.rate.as_ref().map(|r| r.per),
            current,
            local,
            county_area,
            county,
            baseline,
            target,
        })
    }

    fn labels(&self) -> Vec<String> {
        self.local.iter().map(|(p, _)| p.label()).collect()
    }
}

/// Step 2: the scale the figures are drawn on, and the values as drawn.
struct Drawn {
    scale: Scale,
    local: Vec<f64>,
    county: Vec<Option<f64>>,
    /// A county count beside a local count would squash the local line: it gets its own axis.
    county_on_right: bool,
}

impl Drawn {
    fn scale(index: &Index, f: &Figures) -> Drawn {
        let (scale, local, county) = match per_thousand(index, f) {
            Some((per, l, c)) => (Scale::PerThousand(per), l, c),
            None => (
                Scale::AsGiven(f.unit),
                f.local.iter().map(|(_, v)| *v).collect(),
                f.county.clone(),
            ),
        };
        Drawn {
            local: local.iter().map(|v| scale.value(*v)).collect(),
            county: county.iter().map(|v| v.map(|v| scale.value(v))).collect(),
            county_on_right: f.county_area.is_some() && scale == Scale::AsGiven(Unit::Count),
            scale,
        }
    }

    /// A drawn value in words: "1,696 violent crimes", "22%", "14.6 per 1,000".
    fn shown(&self, measure: &str, v: f64) -> String {
        match self.scale {
            Scale::AsGiven(Unit::Count) => counted(measure, v),
            Scale::AsGiven(Unit::Percent | Unit::Proportion) => {
                format!("{}%", format::number(v, 1).trim_end_matches(".0"))
            }
            Scale::AsGiven(Unit::RatePerThousand) | Scale::PerThousand(_) => {
                format::rate_per_thousand(v)
            }
            Scale::AsGiven(unit) => unit.show(v),
        }
    }

    fn county_series_name(&self, county: &str) -> String {
        if self.county_on_right {
            format!("{county} (right axis)")
        } else {
            county.to_string()
        }
    }
}

/// Both areas' figures per 1,000 people (or households): only where the
/// assessment gives the measure a rate per head, both areas' denominators are
/// known, and no count reference line is drawn.
fn per_thousand(index: &Index, f: &Figures) -> Option<(Denominator, Vec<f64>, Vec<Option<f64>>)> {
    let (Unit::Count, Some(per), Some(county_name)) = (f.unit, f.rate_per, f.county_area) else {
        return None;
    };
    if f.baseline.is_some() || f.target.is_some() {
        return None;
    }
    let local_rates: Option<Vec<f64>> = f
        .local
        .iter()
        .map(|(p, v)| Some(v / denominator(index, per, f.area, *p)? * 1000.0))
        .collect();
    let county_rates: Option<Vec<Option<f64>>> = f
        .local
        .iter()
        .zip(&f.county)
        .map(|((p, _), c)| match c {
            Some(c) => Some(Some(c / denominator(index, per, county_name, *p)? * 1000.0)),
            None => Some(None),
        })
        .collect();
    Some((per, local_rates?, county_rates?))
}

/// Step 3: what the chart shows, in words, for screen readers.
fn describe(f: &Figures, d: &Drawn) -> String {
    let labels = f.labels();
    let (first, last) = (&labels[0], &labels[labels.len() - 1]);
    let word = period_word(&f.current);
    let name = sentence_name(f.measure);
    let area = f.area;
    let how = match d.scale {
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
        format!("{name} in {area}, {first}, {how}.")
    } else {
        format!("{name} in {area} each {word} from {first} to {last}, {how}.")
    };
    description.push_str(&format!(
        " Latest: {} in {last}.",
        d.shown(f.measure, d.local[d.local.len() - 1])
    ));
    if let Some(c) = f.county_area {
        let latest = f
            .local
            .iter()
            .zip(&d.county)
            .rev()
            .find_map(|((p, _), v)| v.map(|v| (p.label(), v)));
        if let Some((label, v)) = latest {
            if d.county_on_right {
                description.push_str(&format!(
                    " {c}'s counts are on the right-hand axis, a different scale: {} in {label}.",
                    d.shown(f.measure, v)
                ));
            } else {
                description.push_str(&format!(" {c}: {} in {label}.", d.shown(f.measure, v)));
            }
        }
    }
    if let Some((name, value)) = &f.baseline {
        description.push_str(&format!(
            " The dashed black line is the {name} of {}.",
            format::number(*value, if value.fract() == 0.0 { 0 } else { 1 })
        ));
    }
    if let Some((_, _, sentence)) = &f.target {
        description.push(' ');
        description.push_str(sentence);
    }
    description
}

/// Step 4: the same numbers as a table.
fn tabulate(f: &Figures, d: &Drawn) -> ChartTable {
    let labels = f.labels();
    let (first, last) = (&labels[0], &labels[labels.len() - 1]);
    let mut headers = vec!["Period".to_string(), f.area.to_string()];
    if let Some(c) = f.county_area {
        headers.push(c.to_string());
    }
    let rows = f
        .local
        .iter()
        .zip(d.local.iter().zip(&d.county))
        .map(|((p, _), (l, c))| {
            let mut row = vec![p.label(), d.scale.cell(*l)];
            if f.county_area.is_some() {
                row.push(
                    c.map(|c| d.scale.cell(c))
                        .unwrap_or_else(|| NOT_KNOWN.to_string()),
                );
            }
            row
        })
        .collect();
    let caption = match d.scale {
        Scale::PerThousand(per) => format!(
            "{} {}, {first} to {last}",
            sentence_name(f.measure),
            per.per_thousand()
        ),
        _ => format!("{}, {first} to {last}", sentence_name(f.measure)),
    };
    ChartTable {
        caption,
        headers,
        rows,
    }
}

/// Step 5: the ECharts option.
fn draw(f: &Figures, d: &Drawn, title: &str, palette: &Palette) -> Chart {
    let labels = f.labels();
    let axis_name = match d.scale {
        Scale::PerThousand(per) => per.per_thousand().to_string(),
        Scale::AsGiven(unit) => match unit.axis_name() {
            Some(name) => name.to_string(),
            None => noun(f.measure, 2.0)
                .map(sentence_name)
                .unwrap_or_else(|| "Number".to_string()),
        },
    };
    let lines: Vec<f64> = f
        .baseline
        .iter()
        .map(|(_, v)| *v)
        .chain(f.target.iter().map(|(_, v, _)| *v))
        .collect();
    let left_data = d.local.iter().copied().chain(if d.county_on_right {
        Vec::new()
    } else {
        d.county.iter().flatten().copied().collect()
    });
    let mut left_axis = Axis::new()
        .type_(AxisType::Value)
        .name(axis_name)
        .name_location(NameLocation::End);
    if let Some(max) = axis_max_for(max_of(left_data), &lines) {
        left_axis = left_axis.max(max);
    }
    let mut chart = Chart::new()
        .title(Title::new().text(title))
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().bottom(0))
        .grid(
            Grid::new()
                .left("3%")
                .right(if d.county_on_right { "8%" } else { "4%" })
                .top(60)
                .bottom(40)
                .contain_label(true),
        )
        .x_axis(Axis::new().type_(AxisType::Category).data(labels.clone()))
        .y_axis(left_axis)
        .series(
            Line::new()
                .id("local")
                .name(f.area)
                .data(d.local.clone())
                .symbol(Symbol::Circle)
                .symbol_size(7)
                .item_style(ItemStyle::new().color(palette.local.as_str()))
                .line_style(LineStyle::new().color(palette.local.as_str()).width(3)),
        );
    if let Some(c) = f.county_area {
        let name = d.county_series_name(c);
        let mut line = Line::new()
            .id("county")
            .name(name.clone())
            .data(d.county.clone())
            .symbol(Symbol::Triangle)
            .symbol_size(8)
            .item_style(ItemStyle::new().color(palette.county.as_str()))
            .line_style(
                LineStyle::new()
                    .color(palette.county.as_str())
                    .width(2)
                    .type_(LineStyleType::Dashed),
            );
        if d.county_on_right {
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
    if let Some((name, value)) = &f.baseline {
        chart = chart.series(reference_line(
            "baseline",
            name,
            *value,
            &palette.baseline,
            labels.len(),
        ));
    }
    if let Some((name, value, _)) = &f.target {
        chart = chart.series(reference_line(
            "target",
            name,
            *value,
            &palette.target,
            labels.len(),
        ));
    }
    chart
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
