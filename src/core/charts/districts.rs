//! Districts compared: bars sorted by rate with the local area highlighted.

use crate::core::assessment::{Assessment, DistrictComparison};
use crate::core::dataset::Unit;
use crate::core::format;
use charming::component::{Axis, Grid, Title};
use charming::datatype::DataPointItem;
use charming::element::{AxisLabel, AxisType, ItemStyle, Label, LabelPosition, Tooltip, Trigger};
use charming::series::Bar;
use charming::Chart;

use super::{stable_id, ChartInput, ChartSpec, ChartTable, Palette};

/// The districts compared on a measure in the assessment (`assessment.comparisons`,
/// its latest period), as horizontal bars by rate, lowest first, the local area
/// highlighted. `None` when the measure has no comparison.
pub fn district_bars(input: &ChartInput, measure: &str) -> Option<ChartSpec> {
    district_bars_of(input.assessment, input.palette, measure)
}

/// The same chart from the assessment alone: the comparison was worked out with
/// the assessment, so drawing it needs no index of the figures (which, built
/// again on every recompute, costs more than the chart at 10,000 measures).
pub fn district_bars_of(
    assessment: &Assessment,
    palette: &Palette,
    measure: &str,
) -> Option<ChartSpec> {
    let comparison = assessment
        .comparisons
        .iter()
        .find(|c| c.measure == measure)?;
    let local_area = assessment.options.area.as_str();
    Some(ChartSpec {
        id: format!("districts-{}", stable_id(measure)),
        title: title(comparison),
        description: comparison.describe(local_area),
        option: bars(comparison, local_area, palette),
        table: district_table(comparison),
    })
}

/// What the bars measure: "Drug offences per 1,000 population".
fn title(comparison: &DistrictComparison) -> String {
    let unit = if comparison.by_rate {
        "per 1,000 population"
    } else {
        comparison.unit.axis_name().unwrap_or("count")
    };
    format!("{} {unit}", comparison.measure)
}

fn bars(comparison: &DistrictComparison, local_area: &str, palette: &Palette) -> Chart {
    let names: Vec<String> = comparison
        .districts
        .iter()
        .map(|d| {
            if d.area == local_area {
                format!("{} ◆", d.area)
            } else {
                d.area.clone()
            }
        })
        .collect();
    let points: Vec<DataPointItem> = comparison
        .districts
        .iter()
        .map(|d| {
            let value = match (comparison.by_rate, d.rate) {
                (true, Some(rate)) => (rate * 100.0).round() / 100.0,
                _ if comparison.unit == Unit::Proportion => (d.count.value * 1000.0).round() / 10.0,
                _ => d.count.value,
            };
            let colour = if d.area == local_area {
                palette.local.as_str()
            } else {
                palette.other.as_str()
            };
            DataPointItem::new(value).item_style(ItemStyle::new().color(colour))
        })
        .collect();
    Chart::new()
        .title(
            Title::new()
                .text(title(comparison))
                .subtext(match &comparison.within {
                    Some(county) => format!("Districts in {county}, {}", comparison.period.label()),
                    None => format!("Districts, {}", comparison.period.label()),
                }),
        )
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .grid(Grid::new().left("3%").right("8%").contain_label(true))
        .x_axis(Axis::new().type_(AxisType::Value))
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                // Lowest first, read from the top.
                .inverse(true)
                .data(names)
                .axis_label(AxisLabel::new().interval(0)),
        )
        .series(
            Bar::new()
                .name(comparison.measure.clone())
                .data(points)
                .label(Label::new().show(true).position(LabelPosition::Right)),
        )
}

/// The table behind the chart: the same numbers, formatted en-GB, under the
/// measure and period as its caption.
pub fn district_table(comparison: &DistrictComparison) -> ChartTable {
    ChartTable {
        caption: format!("{}, {}", comparison.measure, comparison.period.label()),
        headers: ["Rank", "District", "Count", "Per 1,000 population"]
            .map(String::from)
            .to_vec(),
        rows: comparison
            .districts
            .iter()
            .map(|d| {
                vec![
                    format::ordinal(d.rank),
                    d.area.clone(),
                    comparison.unit.show(d.count.value),
                    d.rate
                        .map(|r| format::number(r, 1))
                        .unwrap_or_else(|| "not known".into()),
                ]
            })
            .collect(),
    }
}
