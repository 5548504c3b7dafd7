//! How a target stands through its year: the quarters (or months) so far, the
//! running total, its projection to the year end and the goal.

use super::{
    axis_max_for, count_cell, count_value, max_of, reference_line, round, stable_id, ChartInput,
    ChartSpec, ChartTable, NOT_KNOWN, RATE_DECIMALS,
};
use crate::core::assessment::targets::TargetDirection;
use crate::core::assessment::wording::{noun, sentence_name};
use crate::core::dataset::Unit;
use crate::core::format;
use crate::core::period::{Period, PeriodKind};
use charming::component::{Axis, Grid, Legend, Title};
use charming::element::{
    AxisType, ItemStyle, LineStyle, LineStyleType, NameLocation, Symbol, Tooltip, Trigger,
};
use charming::series::{Bar, Line};
use charming::Chart;

/// The sub-periods (quarters, else months) making up `period`, and how many
/// from the start the series holds without a gap; `None` when it holds none.
fn sub_periods(
    series: &std::collections::BTreeMap<Period, &crate::core::dataset::Observation>,
    period: Period,
) -> Option<(Vec<Period>, Vec<f64>)> {
    for length in [3u32, 1] {
        if period.months() <= length || !period.months().is_multiple_of(length) {
            continue;
        }
        let steps = (period.months() / length) as i64;
        let all: Vec<Period> = (0..steps)
            .map(|i| {
                let part = match (length, period.kind()) {
                    // Named within the financial year: Q4 2015/16, not Q1 2016.
                    (3, PeriodKind::FinancialYear) => {
                        Period::financial_quarter(period.start().year, i as u8 + 1)?
                    }
                    _ => {
                        Period::from_months(period.first_month_index() + i * length as i64, length)?
                    }
                };
                // As the data name it, where they do.
                Some(series.get_key_value(&part).map_or(part, |(k, _)| *k))
            })
            .collect::<Option<_>>()?;
        let run: Vec<f64> = all
            .iter()
            .map_while(|p| series.get(p).and_then(|o| o.value.number()))
            .collect();
        if !run.is_empty() {
            return Some((all, run));
        }
    }
    None
}

fn cell(value: Option<f64>, unit: Unit) -> String {
    match (value, unit) {
        (None, _) => NOT_KNOWN.to_string(),
        (Some(v), Unit::Count) => count_cell(v),
        // Drawn as a percentage: see `chart_value`.
        (Some(v), Unit::Percent | Unit::Proportion) => format!("{}%", format::number(v, 1)),
        (Some(v), Unit::RatePerThousand) => format::number(v, RATE_DECIMALS as usize),
        (Some(v), unit) => unit.show(v),
    }
}

fn chart_value(v: f64, unit: Unit) -> f64 {
    match unit {
        Unit::Count => count_value(v),
        Unit::Percent => round(v, 1),
        Unit::Proportion => round(v * 100.0, 1),
        Unit::RatePerThousand => round(v, RATE_DECIMALS),
        _ => round(v, 2),
    }
}

/// The target at `target_index` in `assessment.targets` through its period. For a
/// count: bars for each quarter (or month) in so far, the running total as a line,
/// the projection continuing it to the year end as a dashed line, and the goal as a
/// horizontal line. For a share or level: the quarterly figures as a line against
/// the level. `None` when no quarter or month of the target period is in.
pub fn target_progress(input: &ChartInput, target_index: usize) -> Option<ChartSpec> {
    let ChartInput {
        index,
        assessment,
        palette,
        ..
    } = *input;
    let t = assessment.targets.get(target_index)?;
    let target = &t.target;
    let measure = target.measure.as_str();
    let area = assessment.options.area.as_str();
    let series = index.series(measure, area)?;
    let unit = series.values().next()?.unit;
    let (periods, run) = sub_periods(series, target.period)?;
    let n = run.len();
    let steps = periods.len();
    let labels: Vec<String> = periods.iter().map(Period::label).collect();
    let part = if periods[0].months() == 3 {
        "Quarter"
    } else {
        "Month"
    };
    let figures: Vec<Option<f64>> = (0..steps)
        .map(|i| run.get(i).map(|v| chart_value(*v, unit)))
        .collect();
    // Only counts add up over the year.
    let cumulative_mode = unit.is_additive();

    let mut cumulative: Vec<Option<f64>> = vec![None; steps];
    let mut projected: Vec<Option<f64>> = vec![None; steps];
    if cumulative_mode {
        let mut total = 0.0;
        for (i, v) in run.iter().enumerate() {
            total += v;
            cumulative[i] = Some(count_value(total));
        }
        if let (Some(p), true) = (&t.projection, n < steps) {
            // From the last total in to the projection at the year end, in even steps.
            let start = total;
            let span = (steps - n) as f64;
            for (j, slot) in projected.iter_mut().enumerate().skip(n - 1) {
                let step = (j + 1 - n) as f64;
                *slot = Some(count_value(start + (p.value - start) * step / span));
            }
        }
    }

    let goal = t.goal.map(|g| chart_value(g, unit));
    let baseline_label = target.baseline.map(|b| b.label()).unwrap_or_default();
    let goal_name = match target.direction {
        TargetDirection::Reduce => format!("Goal (below the {baseline_label} figure)"),
        TargetDirection::Increase => format!("Goal (above the {baseline_label} figure)"),
        TargetDirection::Reach => "Target level".to_string(),
    };

    let title = format!(
        "{}: target for {}",
        sentence_name(measure),
        target.period.label()
    );
    let description = format!("{} {}", target.description.trim(), t.sentence);

    let axis_name = match unit.axis_name() {
        Some(name) => name.to_string(),
        None => noun(measure, 2.0)
            .map(sentence_name)
            .unwrap_or_else(|| "Number".to_string()),
    };
    let data_max = max_of(
        figures
            .iter()
            .chain(&cumulative)
            .chain(&projected)
            .flatten()
            .copied(),
    );
    let mut value_axis = Axis::new()
        .type_(AxisType::Value)
        .name(axis_name)
        .name_location(NameLocation::End);
    if let Some(max) = axis_max_for(data_max, goal.as_slice()) {
        value_axis = value_axis.max(max);
    }
    let mut chart = Chart::new()
        .title(Title::new().text(title.clone()).subtext(format!(
            "{area}, {} of {steps} {}s in",
            n,
            part.to_lowercase()
        )))
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().bottom(0))
        .grid(
            Grid::new()
                .left("3%")
                .right("4%")
                .top(70)
                .bottom(40)
                .contain_label(true),
        )
        .x_axis(Axis::new().type_(AxisType::Category).data(labels.clone()))
        .y_axis(value_axis);
    if cumulative_mode {
        chart = chart
            .series(
                Bar::new()
                    .id("figures")
                    .name(format!("Each {}", part.to_lowercase()))
                    .data(figures.clone())
                    .bar_width("40%")
                    .item_style(ItemStyle::new().color(palette.other.as_str())),
            )
            .series(
                Line::new()
                    .id("cumulative")
                    .name("Year to date")
                    .data(cumulative.clone())
                    .symbol(Symbol::Circle)
                    .symbol_size(7)
                    .item_style(ItemStyle::new().color(palette.local.as_str()))
                    .line_style(LineStyle::new().color(palette.local.as_str()).width(3)),
            );
        if projected.iter().any(Option::is_some) {
            chart = chart.series(
                Line::new()
                    .id("projection")
                    .name("Projection")
                    .data(projected.clone())
                    .symbol(Symbol::Diamond)
                    .symbol_size(7)
                    .item_style(ItemStyle::new().color(palette.projection.as_str()))
                    .line_style(
                        LineStyle::new()
                            .color(palette.projection.as_str())
                            .width(2)
                            .type_(LineStyleType::Dashed),
                    ),
            );
        }
    } else {
        chart = chart.series(
            Line::new()
                .id("figures")
                .name(sentence_name(measure))
                .data(figures.clone())
                .symbol(Symbol::Circle)
                .symbol_size(7)
                .item_style(ItemStyle::new().color(palette.local.as_str()))
                .line_style(LineStyle::new().color(palette.local.as_str()).width(3)),
        );
    }
    if let Some(goal) = goal {
        chart = chart.series(reference_line(
            "goal",
            &goal_name,
            goal,
            &palette.target,
            steps,
        ));
    }

    let (headers, rows) = if cumulative_mode {
        (
            [part, "Figure", "Cumulative", "Projected"]
                .map(String::from)
                .to_vec(),
            (0..steps)
                .map(|i| {
                    vec![
                        labels[i].clone(),
                        cell(figures[i], unit),
                        cell(cumulative[i], unit),
                        cell(projected[i], unit),
                    ]
                })
                .collect(),
        )
    } else {
        (
            [part, "Figure"].map(String::from).to_vec(),
            (0..steps)
                .map(|i| vec![labels[i].clone(), cell(figures[i], unit)])
                .collect(),
        )
    };
    let caption = match goal {
        Some(g) => format!(
            "{}, {area}, {}: goal {}",
            sentence_name(measure),
            target.period.label(),
            cell(Some(g), unit)
        ),
        None => format!(
            "{}, {area}, {}",
            sentence_name(measure),
            target.period.label()
        ),
    };

    Some(ChartSpec {
        // A measure can carry several targets; each chart needs its own id.
        id: format!("target-{}-{}", stable_id(measure), target_index + 1),
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
