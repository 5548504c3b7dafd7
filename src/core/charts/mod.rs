//! Charts as plain data: charming builds each ECharts option, checked natively as
//! JSON, and the browser glue hands it to ECharts unchanged. Every chart comes
//! with a sentence saying what it shows and a table of the same numbers.
//!
//! # The chart contract
//!
//! Every chart builder, one file per kind, has the same shape:
//!
//! - it takes a [`ChartInput`] (the [`Assessment`], the [`Index`] of the data it
//!   was made from, and the [`Palette`]) and, when the chart is about one thing,
//!   that thing: a measure's name ([`MeasureChart`]) or a target's place in
//!   `assessment.targets` ([`TargetChart`]); a chart of the whole assessment
//!   takes nothing more ([`AssessmentChart`]);
//! - it returns `Option<ChartSpec>`: `None` when the data cannot honestly draw it
//!   (no county rate for a funnel, no parts for a breakdown), never an empty chart;
//! - the [`ChartSpec`] carries a page-unique `id` (the kind and `stable_id` of
//!   what it is about; element ids and JSON keys), a `title` (also the name its
//!   PNG and SVG are saved under, [`ChartSpec::file_stem`]),
//!   a `description` for screen readers in en-GB numbers, the charming `option`,
//!   and a [`ChartTable`] of the same numbers as drawn;
//! - colours come only from the palette; numbers are rounded once, the same way
//!   for the chart and its table (`round`, `count_cell`, `rate_cell`);
//! - a long builder is split into named steps (gather the figures, choose the
//!   scale, describe, tabulate, draw), as `trend` and `funnel` are.
//!
//! To add a kind: write `charts/<kind>.rs` with `pub fn <kind>(input:
//! &ChartInput, …) -> Option<ChartSpec>`, re-export it here and list it in
//! [`MEASURE_CHARTS`], [`ASSESSMENT_CHARTS`] or [`TARGET_CHARTS`]: `every_chart`
//! then draws it, so `examples/chart_options.rs` (and with it the check that the
//! custom ECharts build draws every chart) and `tests/charts.rs` cover it at once.
//! The board (`core::board`) and the views choose which charts to show.
//!
//! The charts of where crime happened ([`lorenz`], [`deprivation`]) follow the
//! same contract over `ChartInput::places`, for the local area and the measure's
//! latest twelve months (as its register findings); their drawing steps
//! ([`lorenz_curve`], [`deprivation_chart`]) are public too, for "Where it
//! happens", where the user picks any crime type the street files hold.
//! Maps have the same output contract (`core::maps::MapSpec`: id, title and
//! file stem, description, table, drawing as SVG) but take boundaries, which
//! are fetched on demand, beside their data.

mod breakdown;
mod county_change;
mod deprivation;
mod districts;
mod funnel;
mod lorenz;
mod police_parts;
mod priority_matrix;
mod spine;
mod target_progress;
mod trend;
mod value_plot;

pub use breakdown::{breakdown, breakdown_shares};
pub use county_change::county_change;
pub use deprivation::{deprivation, deprivation_chart};
pub use districts::{district_bars, district_bars_of, district_table};
pub use funnel::funnel;
pub use lorenz::{lorenz, lorenz_curve};
pub use police_parts::police_parts_chart;
pub use priority_matrix::priority_matrix;
pub use spine::{spine, spine_rate, spine_row, SpineRow};
pub use target_progress::target_progress;
pub use trend::trend;

use crate::core::assessment::{Assessment, Index};
use crate::core::dataset::LsoaTally;
use crate::core::format;
use crate::core::geography::imd::ImdDeciles;
use charming::element::{
    ItemStyle, Label, LabelPosition, LineStyle, LineStyleType, MarkLine, MarkLineData,
    MarkLineVariant, Symbol,
};
use charming::series::Line;
use charming::Chart;
use serde::{Deserialize, Serialize};

/// What every chart builder reads: the assessment, the index of the data it was
/// made from (for series the assessment does not keep, such as a trend's earlier
/// periods) and the colours; and, for the charts of where crime happened
/// ([`lorenz`], [`deprivation`]), the street records by neighbourhood.
#[derive(Clone, Copy)]
pub struct ChartInput<'a> {
    pub index: &'a Index<'a>,
    pub assessment: &'a Assessment,
    pub palette: &'a Palette,
    /// The issues in the order a view lists them (the overview's, most
    /// pressing first), for charts of every issue; `None`: the matrix's rank.
    pub order: Option<&'a [String]>,
    /// `None` where the caller has no street records to hand: the
    /// neighbourhood charts are then not drawn (`None`), as any chart whose
    /// data are missing.
    pub places: Option<Places<'a>>,
}

/// Where street crime happened: the import's per-LSOA tally
/// (`Dataset::lsoa_tallies`) and, once fetched (never on the first visit), the
/// IMD 2019 deciles.
#[derive(Clone, Copy)]
pub struct Places<'a> {
    pub tallies: &'a [LsoaTally],
    pub imd: Option<&'a ImdDeciles>,
}

impl<'a> ChartInput<'a> {
    pub fn new(
        index: &'a Index<'a>,
        assessment: &'a Assessment,
        palette: &'a Palette,
    ) -> ChartInput<'a> {
        ChartInput {
            index,
            assessment,
            palette,
            order: None,
            places: None,
        }
    }

    /// The same input, with the issues in `order`.
    pub fn in_order<'b>(&self, order: &'b [String]) -> ChartInput<'b>
    where
        'a: 'b,
    {
        ChartInput {
            order: Some(order),
            ..*self
        }
    }

    /// With the street records by neighbourhood, for [`lorenz`] and [`deprivation`].
    pub fn with_places(mut self, places: Places<'a>) -> ChartInput<'a> {
        self.places = Some(places);
        self
    }
}

/// A chart of one measure, by its name.
pub type MeasureChart = fn(&ChartInput<'_>, &str) -> Option<ChartSpec>;
/// A chart of one target, by its place in `assessment.targets`.
pub type TargetChart = fn(&ChartInput<'_>, usize) -> Option<ChartSpec>;
/// A chart of the whole assessment.
pub type AssessmentChart = fn(&ChartInput<'_>) -> Option<ChartSpec>;

/// Every chart kind drawn per measure.
pub const MEASURE_CHARTS: &[MeasureChart] = &[
    district_bars,
    trend,
    funnel,
    breakdown,
    breakdown_shares,
    lorenz,
    deprivation,
];
/// Every chart kind drawn per target.
pub const TARGET_CHARTS: &[TargetChart] = &[target_progress];
/// Every chart kind drawn once for the whole assessment.
pub const ASSESSMENT_CHARTS: &[AssessmentChart] = &[county_change, priority_matrix, spine];

/// Every chart every kind can draw from the input: per measure (in the
/// assessment's order), per target, then for the whole assessment.
pub fn every_chart(input: &ChartInput) -> Vec<ChartSpec> {
    let a = input.assessment;
    let per_measure = a
        .measures
        .iter()
        .flat_map(|m| MEASURE_CHARTS.iter().map(|chart| chart(input, &m.measure)));
    let per_target =
        (0..a.targets.len()).flat_map(|i| TARGET_CHARTS.iter().map(move |chart| chart(input, i)));
    let whole = ASSESSMENT_CHARTS.iter().map(|chart| chart(input));
    per_measure
        .chain(per_target)
        .chain(whole)
        .flatten()
        .collect()
}

/// Okabe–Ito blue for the local area, and a grey that keeps 4.5:1 on white for the rest.
pub const LOCAL_COLOUR: &str = "#0072B2";
pub const OTHER_COLOUR: &str = "#5F6B7A";

/// The numbers behind a chart, as a table a person can read.
#[derive(Clone, Debug, PartialEq, Default, Serialize)]
pub struct ChartTable {
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// A chart ready to draw: its option, what it shows in words, and its numbers.
#[derive(Clone, Debug, Serialize)]
pub struct ChartSpec {
    /// Unique on a page: the kind and the measure's stable id
    /// ("trend-violent-crime-" and a hash of the exact name, `core::id`).
    pub id: String,
    pub title: String,
    /// One or two sentences for screen readers and captions, en-GB numbers.
    pub description: String,
    pub option: Chart,
    pub table: ChartTable,
}

impl ChartSpec {
    pub fn option_json(&self) -> String {
        option_json(&self.option)
    }

    /// The name its PNG and SVG are saved under, before the extension: its title,
    /// made safe and cut to length (`core::file_name`). Where several charts are
    /// offered on one page, `file_name::unique_stems` keeps their names apart.
    pub fn file_stem(&self) -> String {
        crate::core::file_name::download_name(&self.title, "")
    }
}

/// The class on every chart's tooltip box; the app's stylesheet and the board
/// pack's style what is inside it.
pub const TOOLTIP_CLASS: &str = "cspw-tooltip";

/// How a tooltip's content looks: a bold title, one line per figure, the
/// series' colour as a dot. The app's stylesheet (`style/main.css`) carries
/// these rules word for word (a test checks) and the board pack inlines them.
pub const TOOLTIP_CSS: &str = ".cspw-tooltip-title { font-weight: 700; margin-bottom: 0.15rem; }
.cspw-tooltip-row { margin: 0.1rem 0; }
.cspw-tooltip-marker { display: inline-block; width: 0.65rem; height: 0.65rem; margin-right: 0.4rem; vertical-align: baseline; }
.cspw-tooltip-value { font-weight: 700; font-variant-numeric: tabular-nums; }
";

/// The ECharts option as compact JSON, exactly as ECharts receives it.
///
/// Every tooltip is made to work under the Content-Security-Policy
/// (`style-src 'self'`, no inline styles): HTML content (its formatter,
/// `echarts.cspwTooltips` in tools/echarts-tooltip.mjs, builds it from classed
/// DOM nodes), confined to the chart (an unconfined item tooltip adds an arrow
/// as markup with a style attribute), with a class and no extra inline CSS.
/// charming's `Tooltip` has no setters for these, so they are added here, once,
/// for every chart kind.
pub fn option_json(chart: &Chart) -> String {
    // Written as text and read back, rather than `to_value`: charming's option
    // types then need only the one serializer (issue 13's page size).
    let Ok(mut option) = serde_json::to_string(chart)
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text))
    else {
        return "{}".to_string();
    };
    let tooltips: Vec<&mut serde_json::Value> = match option.get_mut("tooltip") {
        Some(serde_json::Value::Array(list)) => list.iter_mut().collect(),
        Some(one) => vec![one],
        None => Vec::new(),
    };
    for tooltip in tooltips.into_iter().filter_map(|t| t.as_object_mut()) {
        tooltip.insert("renderMode".into(), "html".into());
        tooltip.insert("confine".into(), true.into());
        tooltip.insert("className".into(), TOOLTIP_CLASS.into());
        tooltip.insert("extraCssText".into(), "".into());
    }
    serde_json::to_string(&option).unwrap_or_else(|_| "{}".to_string())
}

/// The colours every chart is drawn in. The defaults are Okabe–Ito, safe for the
/// common kinds of colour blindness; the UI may pass colours read from CSS variables.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Palette {
    /// The local area.
    pub local: String,
    /// The county it is compared with.
    pub county: String,
    /// Everything else: other districts, issues not recommended.
    pub other: String,
    /// A baseline average.
    pub baseline: String,
    /// A target or goal.
    pub target: String,
    /// A projection to the end of a period.
    pub projection: String,
    /// For the categories of a breakdown, in order.
    pub categorical: Vec<String>,
    /// A figure worse than its comparator, by which way is better for it.
    pub worse: String,
    /// A figure better than its comparator.
    pub better: String,
}

impl Default for Palette {
    fn default() -> Self {
        Palette {
            local: LOCAL_COLOUR.to_string(),
            county: "#D55E00".to_string(),
            other: OTHER_COLOUR.to_string(),
            baseline: "#000000".to_string(),
            target: "#007A5A".to_string(),
            projection: "#AA3377".to_string(),
            // ColorBrewer's RdBu ends: a colour-blind-safe pair, each with 3:1 on white.
            worse: "#B2182B".to_string(),
            better: "#2166AC".to_string(),
            // Okabe–Ito hues, darkened where needed so every colour keeps at least
            // 3:1 against white (WCAG 1.4.11): the light orange, sky blue and
            // yellow of the original set do not.
            categorical: [
                "#0072B2", "#D55E00", "#007A5A", "#AA3377", "#8A6100", "#332288", "#5F6B7A",
                "#000000",
            ]
            .map(String::from)
            .to_vec(),
        }
    }
}

impl Palette {
    /// The colour of the `i`th category, going round the list; the neutral
    /// colour when the list is empty.
    pub fn category(&self, i: usize) -> &str {
        if self.categorical.is_empty() {
            &self.other
        } else {
            &self.categorical[i % self.categorical.len()]
        }
    }
}

pub(crate) use crate::core::id::stable_id;

/// Rounds to `decimals` places, as the chart data and its table both show it.
pub(crate) fn round(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale
}

/// A count as charts carry it: to one decimal place, so a projection keeps its fraction.
pub(crate) fn count_value(value: f64) -> f64 {
    round(value, 1)
}

/// A count in a table: "1,319", "145.5".
pub(crate) fn count_cell(value: f64) -> String {
    format::count(count_value(value))
}

/// A rate per 1,000 as charts and tables carry it, to two places so small rates differ.
pub(crate) const RATE_DECIMALS: i32 = 2;

pub(crate) fn rate_cell(value: f64) -> String {
    format::number(value, RATE_DECIMALS as usize)
}

/// A percentage (already × 100) to one place: "69.9%".
pub(crate) fn percent_cell(value: f64) -> String {
    format!("{}%", format::number(value, 1))
}

/// A signed percentage (already × 100) to one place: "+17.0%", "−18.0%".
pub(crate) fn signed_percent_cell(value: f64) -> String {
    let text = format::number(value, 1);
    if value > 0.0 && text != "0.0" {
        format!("+{text}%")
    } else {
        format!("{text}%")
    }
}

/// What is shown where a figure is missing.
pub(crate) const NOT_KNOWN: &str = "–";

/// A horizontal reference line (a baseline, a target) as its own series, so it has
/// its own colour and legend entry: no points of its own (`points` nulls, one per
/// category) and a dashed mark line at `value`, labelled "name: value".
pub(crate) fn reference_line(
    id: &str,
    name: &str,
    value: f64,
    colour: &str,
    points: usize,
) -> Line {
    Line::new()
        .id(id)
        .name(name)
        .data(vec![None::<f64>; points])
        .item_style(ItemStyle::new().color(colour))
        .line_style(LineStyle::new().color(colour).type_(LineStyleType::Dashed))
        .mark_line(
            MarkLine::new()
                .silent(true)
                .symbol(vec![Symbol::None, Symbol::None])
                .line_style(
                    LineStyle::new()
                        .color(colour)
                        .width(2)
                        .type_(LineStyleType::Dashed),
                )
                .label(
                    Label::new()
                        .formatter("{b}: {c}")
                        .position(LabelPosition::InsideEndTop),
                )
                .data(vec![MarkLineVariant::Simple(
                    MarkLineData::new().name(name).y_axis(value),
                )]),
        )
}

/// ECharts fits an axis to the series data, not to mark lines, so a line above
/// the data would not be drawn: the axis maximum that shows it, a round number a
/// little above, or `None` when the data already reach it.
pub(crate) fn axis_max_for(data_max: f64, lines: &[f64]) -> Option<f64> {
    let top = lines
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .fold(f64::NAN, f64::max);
    if !top.is_finite() || top <= 0.0 || (data_max.is_finite() && top <= data_max) {
        return None;
    }
    let wanted = top * 1.05;
    let magnitude = 10f64.powf(wanted.log10().floor());
    [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|v| *v >= wanted)
}

/// The largest finite value, or NaN when there is none.
pub(crate) fn max_of(values: impl IntoIterator<Item = f64>) -> f64 {
    values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold(f64::NAN, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG relative luminance of `#RRGGBB`.
    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let c = u8::from_str_radix(&hex[i..i + 2], 16).unwrap() as f64 / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    #[test]
    fn every_default_colour_keeps_three_to_one_on_white() {
        let p = Palette::default();
        let mut all = vec![
            &p.local,
            &p.county,
            &p.other,
            &p.baseline,
            &p.target,
            &p.projection,
            &p.worse,
            &p.better,
        ];
        all.extend(p.categorical.iter());
        for colour in all {
            let contrast = 1.05 / (luminance(colour) + 0.05);
            assert!(
                contrast >= 3.0,
                "{colour} has {contrast:.2}:1 against white"
            );
        }
        assert!(
            (1.05 / (luminance("#F0E442") + 0.05)) < 3.0,
            "the check can fail"
        );
    }
}
