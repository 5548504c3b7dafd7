//! The spine chart: for each issue, the local rate of its leading measure
//! against the range of the other districts' rates and the county's, all as a
//! percentage of the county's rate (the county is 100), so issues counted in
//! thousands and in tens share one axis.

use super::{round, ChartInput, ChartSpec, ChartTable, Palette};
use crate::core::assessment::polarity::{funnel_verdict, Verdict};
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

/// How the local rate stands against the county's, by the funnel plot's 95%
/// limits and which way is better for the measure: the spine's colours, shapes
/// and legend, in the overview's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Standing {
    Worse,
    Similar,
    Better,
    /// Above or below, for a measure whose direction is not judged; or untested.
    NotJudged,
}

impl Standing {
    const ALL: [Standing; 4] = [
        Standing::Worse,
        Standing::Similar,
        Standing::Better,
        Standing::NotJudged,
    ];

    fn of(a: &Assessment, measure: &str) -> Standing {
        let Some(m) = a.measure(measure) else {
            return Standing::NotJudged;
        };
        let funnel = m.county.as_ref().and_then(|c| c.funnel);
        match funnel_verdict(m.polarity.polarity, funnel) {
            Some(Verdict::Worse) => Standing::Worse,
            Some(Verdict::Better) => Standing::Better,
            Some(Verdict::Same) => Standing::Similar,
            Some(Verdict::Unjudged) | None => Standing::NotJudged,
        }
    }

    fn words(self, county: &str) -> String {
        match self {
            Standing::Worse => format!("Worse than {county}"),
            Standing::Similar => format!("Similar to {county}"),
            Standing::Better => format!("Better than {county}"),
            Standing::NotJudged => "Not judged".to_string(),
        }
    }

    /// The legend's and tooltip's name: short, so four fit a narrow column.
    fn short(self) -> &'static str {
        match self {
            Standing::Worse => "Worse",
            Standing::Similar => "Similar",
            Standing::Better => "Better",
            Standing::NotJudged => "Not judged",
        }
    }

    fn colour(self, palette: &Palette) -> &str {
        match self {
            Standing::Worse => &palette.worse,
            Standing::Similar => &palette.other,
            Standing::Better => &palette.better,
            Standing::NotJudged => &palette.local,
        }
    }

    /// A shape each, so the chart does not rely on colour.
    fn symbol(self) -> Symbol {
        match self {
            Standing::Worse => Symbol::Triangle,
            Standing::Similar => Symbol::Circle,
            Standing::Better => Symbol::Diamond,
            Standing::NotJudged => Symbol::Rect,
        }
    }

    fn id(self) -> &'static str {
        match self {
            Standing::Worse => "local-worse",
            Standing::Similar => "local-similar",
            Standing::Better => "local-better",
            Standing::NotJudged => "local-not-judged",
        }
    }
}

/// The spine chart over the assessment's issues, each by its leading measure,
/// in the order `input.order` gives (the overview's) or else the matrix's rank;
/// `None` when none of them is compared across districts by rate.
pub fn spine(input: &ChartInput) -> Option<ChartSpec> {
    let a = input.assessment;
    let palette = input.palette;
    let mut issues: Vec<(&str, &str)> = a
        .priorities
        .iter()
        .map(|p| (p.issue.as_str(), p.measure.as_str()))
        .collect();
    if let Some(order) = input.order {
        let place = |issue: &str| order.iter().position(|o| o == issue).unwrap_or(usize::MAX);
        issues.sort_by_key(|(issue, _)| place(issue));
    }
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
    let standings: Vec<Standing> = rows.iter().map(|r| Standing::of(a, &r.measure)).collect();
    // One series per standing, so each has its colour, shape and legend entry.
    let local_of = |standing: Standing| -> Vec<Vec<f64>> {
        rows.iter()
            .zip(&standings)
            .enumerate()
            .filter(|(_, (_, s))| **s == standing)
            .map(|(i, (r, _))| vec![as_index(r.local, r), i as f64])
            .collect()
    };
    let shown: Vec<Standing> = Standing::ALL
        .into_iter()
        .filter(|s| standings.contains(s))
        .collect();

    // Short: it sits under the chart in a narrow column of the one page.
    let mut description = format!(
        "For {} {}, {area}'s rate per 1,000 as a percentage of {county}'s (100), against the range of the other districts.",
        rows.len(),
        if rows.len() == 1 { "issue" } else { "issues" }
    );
    let worse: Vec<&str> = rows
        .iter()
        .zip(&standings)
        .filter(|(_, s)| **s == Standing::Worse)
        .map(|(r, _)| r.issue.as_str())
        .collect();
    if worse.is_empty() {
        description.push_str(&format!(" None is worse than {county}."));
    } else {
        description.push_str(&format!(" Worse than {county}: {}.", worse.join(", ")));
    }

    let title = format!("{area}: rates as % of {county}'s");
    let range_name = "Other districts";
    let mut legend: Vec<String> = vec![range_name.to_string()];
    legend.extend(shown.iter().map(|s| s.short().to_string()));
    let mut chart = Chart::new()
        .title(
            Title::new()
                .text(title.clone())
                .text_style(TextStyle::new().font_size(14)),
        )
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .legend(
            Legend::new()
                .bottom(0)
                .item_gap(8)
                .item_width(14)
                .item_height(10)
                .text_style(TextStyle::new().font_size(11))
                .data(legend),
        )
        .grid(
            Grid::new()
                .left("3%")
                .right("6%")
                .top(40)
                .bottom(84)
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
                .item_style(ItemStyle::new().color(palette.other.as_str()).opacity(0.45))
                // The county's line, on a series every chart has.
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
    for standing in &shown {
        chart = chart.series(
            Scatter::new()
                .id(standing.id())
                .name(standing.short())
                .data(local_of(*standing))
                .symbol(standing.symbol())
                .symbol_size(14)
                .item_style(ItemStyle::new().color(standing.colour(palette))),
        );
    }
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
            format!("Against {county}"),
        ],
        rows: rows
            .iter()
            .zip(&standings)
            .map(|(r, standing)| {
                vec![
                    r.issue.clone(),
                    r.measure.clone(),
                    spine_rate(r.local),
                    spine_rate(r.county),
                    spine_rate(r.lowest),
                    spine_rate(r.highest),
                    format!("{}%", format::number(r.index(), 0)),
                    standing.words(county),
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
