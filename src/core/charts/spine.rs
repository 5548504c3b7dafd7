//! The spine chart: for each issue, the local rate of its leading measure
//! against the range of the other districts' rates and the county's, all as a
//! percentage of the county's rate (the county is 100), so issues counted in
//! thousands and in tens share one axis.

use super::{round, ChartSpec, ChartTable, Palette};
use crate::core::assessment::Assessment;
use crate::core::format;
use charming::component::{Axis, Grid, Legend, Title};
use charming::element::{
    AxisType, ItemStyle, Label, LabelPosition, LineStyle, LineStyleType, MarkLine, MarkLineData,
    MarkLineVariant, NameLocation, Symbol, TextStyle, Tooltip, Trigger,
};
use charming::series::{Bar, Scatter};
use charming::Chart;

/// One issue on the spine: rates per 1,000 over the same period.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct SpineRow {
    pub issue: String,
    pub measure: String,
    pub local: f64,
    pub county: f64,
    pub lowest: f64,
    pub highest: f64,
    /// How many other districts the range covers.
    pub others: usize,
}

impl SpineRow {
    /// The local rate as a percentage of the county's.
    pub fn index(&self) -> f64 {
        self.local / self.county * 100.0
    }
}

/// A rate per 1,000 as the spine's table and the overview's markers show it.
pub fn spine_rate(value: f64) -> String {
    format::number(value, 1)
}

/// The spine row of an issue whose leading measure is compared across
/// districts by rate, with the county's rate known.
pub fn spine_row(a: &Assessment, issue: &str, measure: &str) -> Option<SpineRow> {
    let c = a
        .comparisons
        .iter()
        .find(|c| c.measure == measure && c.by_rate)?;
    let county = c.county_rate.filter(|r| *r > 0.0)?;
    let area = a.options.area.as_str();
    let local = c.districts.iter().find(|d| d.area == area)?.rate?;
    let others: Vec<f64> = c
        .districts
        .iter()
        .filter(|d| d.area != area)
        .filter_map(|d| d.rate)
        .collect();
    if others.is_empty() {
        return None;
    }
    Some(SpineRow {
        issue: issue.to_string(),
        measure: measure.to_string(),
        local,
        county,
        lowest: others.iter().copied().fold(f64::INFINITY, f64::min),
        highest: others.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        others: others.len(),
    })
}

/// The spine chart over `issues` ((issue, leading measure), in the overview's
/// order); `None` when none of them is compared across districts.
pub fn spine(a: &Assessment, issues: &[(String, String)], palette: &Palette) -> Option<ChartSpec> {
    let rows: Vec<SpineRow> = issues
        .iter()
        .filter_map(|(issue, measure)| spine_row(a, issue, measure))
        .collect();
    if rows.is_empty() {
        return None;
    }
    let area = a.options.area.as_str();
    let county = a.options.county.as_deref().unwrap_or("the county");
    let names: Vec<String> = rows.iter().map(|r| r.issue.clone()).collect();
    let as_index = |v: f64, r: &SpineRow| round(v / r.county * 100.0, 1);
    let base: Vec<f64> = rows.iter().map(|r| as_index(r.lowest, r)).collect();
    let range: Vec<f64> = rows
        .iter()
        .map(|r| round(as_index(r.highest, r) - as_index(r.lowest, r), 1))
        .collect();
    let local: Vec<Vec<f64>> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| vec![as_index(r.local, r), i as f64])
        .collect();

    let above: Vec<&str> = rows
        .iter()
        .filter(|r| r.local > r.county)
        .map(|r| r.issue.as_str())
        .collect();
    let mut description = format!(
        "For {} {}, {area}'s rate per 1,000 against the range of the other districts and {county}'s rate, each as a percentage of {county}'s (100).",
        rows.len(),
        if rows.len() == 1 { "issue" } else { "issues" }
    );
    if above.is_empty() {
        description.push_str(&format!(" Every one is at or below {county}'s rate."));
    } else {
        description.push_str(&format!(" Above {county}'s rate: {}.", above.join(", ")));
    }

    let title = format!("{area}: rates as % of {county}'s");
    let range_name = "Range of the other districts";
    let chart = Chart::new()
        .title(
            Title::new()
                .text(title.clone())
                .text_style(TextStyle::new().font_size(14)),
        )
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .legend(Legend::new().bottom(0).data(vec![range_name, area]))
        .grid(
            Grid::new()
                .left("3%")
                .right("6%")
                .top(40)
                .bottom(50)
                .contain_label(true),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name(format!("Rate as % of {county}"))
                .name_location(NameLocation::Middle)
                .name_gap(24)
                .min(0),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(names)
                .inverse(true),
        )
        .series(
            Bar::new()
                .id("range-start")
                .name("Range start")
                .stack("range")
                .data(base)
                .item_style(ItemStyle::new().color("rgba(0,0,0,0)")),
        )
        .series(
            Bar::new()
                .id("range")
                .name(range_name)
                .stack("range")
                .bar_width("45%")
                .data(range)
                .item_style(ItemStyle::new().color(palette.other.as_str()).opacity(0.45)),
        )
        .series(
            Scatter::new()
                .id("local")
                .name(area)
                .data(local)
                .symbol_size(14)
                .item_style(ItemStyle::new().color(palette.local.as_str()))
                .mark_line(
                    MarkLine::new()
                        .silent(true)
                        .symbol(vec![Symbol::None, Symbol::None])
                        .line_style(
                            LineStyle::new()
                                .color(palette.county.as_str())
                                .width(2)
                                .type_(LineStyleType::Dashed),
                        )
                        .label(
                            Label::new()
                                .formatter("{b}")
                                .position(LabelPosition::InsideEndTop),
                        )
                        .data(vec![MarkLineVariant::Simple(
                            MarkLineData::new().name(county).x_axis(100),
                        )]),
                ),
        );
    let table = ChartTable {
        caption: format!("{title}: rates per 1,000"),
        headers: vec![
            "Issue".to_string(),
            "Measure".to_string(),
            format!("{area} per 1,000"),
            format!("{county} per 1,000"),
            "Lowest other district".to_string(),
            "Highest other district".to_string(),
            format!("{area} as % of {county}"),
        ],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    r.issue.clone(),
                    r.measure.clone(),
                    spine_rate(r.local),
                    spine_rate(r.county),
                    spine_rate(r.lowest),
                    spine_rate(r.highest),
                    format!("{}%", format::number(r.index(), 0)),
                ]
            })
            .collect(),
    };
    Some(ChartSpec {
        id: "spine".to_string(),
        title,
        description,
        option: chart,
        table,
    })
}
