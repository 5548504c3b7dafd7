//! A measure broken down by category, as one stacked bar.

use super::{
    count_cell, count_value, percent_cell, round, stable_id, ChartInput, ChartSpec, ChartTable,
};
use crate::core::assessment::wording::{counted, sentence_name};
use crate::core::format;
use charming::component::{Axis, Grid, Legend, Title};
use charming::element::{
    AxisType, ItemStyle, Label, LabelPosition, NameLocation, Tooltip, Trigger,
};
use charming::series::Bar;
use charming::Chart;

/// Parts at least this share of the whole carry their figure on the bar.
const LABELLED_SHARE: f64 = 0.08;

/// The measure's breakdown as a stacked horizontal bar of counts, largest first.
pub fn breakdown(input: &ChartInput, measure: &str) -> Option<ChartSpec> {
    stacked(input, measure, false)
}

/// The measure's breakdown as a 100% stacked bar of shares to one decimal place.
pub fn breakdown_shares(input: &ChartInput, measure: &str) -> Option<ChartSpec> {
    stacked(input, measure, true)
}

fn stacked(input: &ChartInput, measure: &str, percent: bool) -> Option<ChartSpec> {
    let ChartInput {
        assessment,
        palette,
        ..
    } = *input;
    let m = assessment.measure(measure)?;
    let b = m.breakdown.as_ref()?;
    if b.parts.is_empty() {
        return None;
    }
    let mut parts: Vec<_> = b.parts.iter().collect();
    // Largest first (the assessment already orders them so; kept stable here).
    crate::core::sorting::sort_by(&mut parts, |a, b| b.figure.value.total_cmp(&a.figure.value));
    let area = m.area.as_str();
    let period = b.period.label();
    let value = |p: &crate::core::assessment::measure::Part| {
        if percent {
            round(p.share * 100.0, 1)
        } else {
            count_value(p.figure.value)
        }
    };

    let title = if percent {
        format!(
            "{} in {area} by category, share of the total",
            sentence_name(measure)
        )
    } else {
        format!("{} in {area} by category", sentence_name(measure))
    };
    let listed: Vec<String> = parts
        .iter()
        .map(|p| {
            format!(
                "{} {} ({})",
                p.category,
                format::count(p.figure.value),
                percent_cell(round(p.share * 100.0, 1))
            )
        })
        .collect();
    let mut description = format!(
        "{} in {area}, {period}: {} in all, {}, largest first: {}.",
        sentence_name(measure),
        counted(measure, b.total.value),
        if percent {
            "as shares of the total adding to 100%"
        } else {
            "as counts stacked to the total"
        },
        listed.join("; ")
    );
    let sum: f64 = parts.iter().map(|p| p.figure.value).sum();
    if !b.total_is_sum && (sum - b.total.value).abs() > 0.5 {
        description.push_str(&format!(
            " The categories add up to {} of the total {}.",
            format::count(sum),
            format::count(b.total.value)
        ));
    }

    let mut chart = Chart::new()
        .title(Title::new().text(title.clone()).subtext(period.clone()))
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .legend(Legend::new().bottom(0))
        .grid(
            Grid::new()
                .left("3%")
                .right("4%")
                .top(70)
                .bottom(80)
                .contain_label(true),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(vec![period.clone()]),
        );
    let mut value_axis = Axis::new()
        .type_(AxisType::Value)
        .name(if percent { "% of the total" } else { "Count" })
        .name_location(NameLocation::Middle)
        .name_gap(28);
    if percent {
        value_axis = value_axis.min(0).max(100);
    }
    chart = chart.x_axis(value_axis);
    for (i, p) in parts.iter().enumerate() {
        let colour = palette.category(i);
        chart = chart.series(
            Bar::new()
                .id(format!("part-{}", stable_id(&p.category)))
                .name(p.category.clone())
                .stack("total")
                .bar_width("50%")
                .data(vec![value(p)])
                .item_style(
                    // A white edge between segments, so neighbours never rely on colour alone.
                    ItemStyle::new()
                        .color(colour)
                        .border_color("#ffffff")
                        .border_width(1),
                )
                .label(
                    Label::new()
                        .show(p.share >= LABELLED_SHARE)
                        .position(LabelPosition::Inside)
                        .formatter(if percent { "{c}%" } else { "{c}" }),
                ),
        );
    }

    Some(ChartSpec {
        id: format!(
            "breakdown-{}{}",
            stable_id(measure),
            if percent { "-percent" } else { "" }
        ),
        title,
        description,
        option: chart,
        table: ChartTable {
            caption: format!("{} in {area} by category, {period}", sentence_name(measure)),
            headers: ["Category", "Count", "Share"].map(String::from).to_vec(),
            rows: parts
                .iter()
                .map(|p| {
                    vec![
                        p.category.clone(),
                        count_cell(p.figure.value),
                        percent_cell(round(p.share * 100.0, 1)),
                    ]
                })
                .collect(),
        },
    })
}
