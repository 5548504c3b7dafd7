//! The funnel plot: each district's rate against its population, with the
//! county rate and the limits within which chance alone would put a district.

use super::value_plot::{across, up, value_plot};
use super::{
    rate_cell, round, stable_id, ChartInput, ChartSpec, ChartTable, Palette, RATE_DECIMALS,
};
use crate::core::assessment::district_comparison_for;
use crate::core::assessment::funnel_position::FunnelPosition;
use crate::core::assessment::wording::sentence_name;
use crate::core::dataset::Unit;
use crate::core::format;
use crate::core::period::Period;
use crate::core::stats;
use charming::component::Title;
use charming::datatype::DataPointItem;
use charming::element::{ItemStyle, Label, LabelPosition, LineStyle, LineStyleType, Symbol};
use charming::series::{Line, Scatter};
use charming::Chart;

/// How many populations the limits are worked out at.
const LIMIT_POINTS: usize = 40;

fn limit_line(
    id: &str,
    name: &str,
    points: Vec<Vec<f64>>,
    colour: &str,
    style: LineStyleType,
) -> Line {
    Line::new()
        .id(id)
        .name(name)
        .data(points)
        .show_symbol(false)
        .silent(true)
        .item_style(ItemStyle::new().color(colour))
        .line_style(LineStyle::new().color(colour).width(1.5).type_(style))
}

/// "Thanet", "Thanet and Swale", "Thanet, Swale and Dover"; with semicolons
/// when a name has an "and" of its own ("Tonbridge and Malling; Ashford").
fn list(names: &[&str]) -> String {
    if names.len() > 1 && names.iter().any(|n| n.contains(" and ")) {
        return names.join("; ");
    }
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Districts' rates per 1,000 population against their populations, the local
/// area highlighted, the county rate, and the 95% and 99.8% limits around it.
/// `None` unless the measure is a count, every district's population is known
/// and there is a county rate.
pub fn funnel(input: &ChartInput, measure: &str) -> Option<ChartSpec> {
    let f = Funnel::gather(input, measure)?;
    let title = format!(
        "{} per 1,000 population: funnel plot",
        sentence_name(measure)
    );
    Some(ChartSpec {
        id: format!("funnel-{}", stable_id(measure)),
        description: describe(&f),
        table: tabulate(&f),
        option: draw(&f, &title, input.palette),
        title,
    })
}

/// One district on the plot.
struct District {
    area: String,
    population: f64,
    count: f64,
    /// Per 1,000 population.
    rate: f64,
    position: FunnelPosition,
}

/// Step 1: the districts' figures and where each sits.
struct Funnel<'a> {
    measure: &'a str,
    period: Period,
    county: String,
    county_rate: f64,
    local_area: &'a str,
    /// Lowest rate first.
    districts: Vec<District>,
}

impl<'a> Funnel<'a> {
    fn gather(input: &ChartInput<'a>, measure: &'a str) -> Option<Funnel<'a>> {
        let ChartInput {
            index, assessment, ..
        } = *input;
        let m = assessment.measure(measure)?;
        if m.unit != Unit::Count {
            return None;
        }
        let period = m.change.current.period;
        let comparison =
            district_comparison_for(index, measure, &period, Some(&assessment.options));
        if comparison.districts.len() < 2 {
            return None;
        }
        let county_rate = comparison
            .county_rate
            .filter(|r| r.is_finite() && *r > 0.0)?;
        let county = assessment
            .options
            .county
            .as_deref()
            .or_else(|| index.county())
            .unwrap_or("the county")
            .to_string();
        let districts = comparison
            .districts
            .into_iter()
            .map(|d| {
                let population = d.population.as_ref()?.value;
                let count = d.count.value;
                let rate = count / population * 1000.0;
                (population > 0.0).then(|| District {
                    area: d.area,
                    population,
                    count,
                    rate,
                    position: FunnelPosition::of(rate, population, county_rate),
                })
            })
            .collect::<Option<_>>()?;
        Some(Funnel {
            measure,
            period,
            county,
            county_rate,
            local_area: assessment.options.area.as_str(),
            districts,
        })
    }

    /// The populations the limits are drawn over: the districts' range, or a
    /// little either side of one population shared by all.
    fn population_range(&self) -> (f64, f64) {
        let smallest = self
            .districts
            .iter()
            .map(|d| d.population)
            .fold(f64::INFINITY, f64::min);
        let largest = self
            .districts
            .iter()
            .map(|d| d.population)
            .fold(0.0, f64::max);
        if largest > smallest {
            (smallest, largest)
        } else {
            (smallest * 0.9, largest * 1.1)
        }
    }
}

/// Step 2: what the plot shows, in words: the county rate, the local area's
/// position and the districts outside the limits.
fn describe(f: &Funnel) -> String {
    let county = &f.county;
    let mut description = format!(
        "{} per 1,000 population in each of {} districts of {county}, {}, against population. \
         The {county} rate is {}; the lines either side are the 95% and 99.8% limits within \
         which chance alone would put a district of that size.",
        sentence_name(f.measure),
        f.districts.len(),
        f.period.label(),
        format::rate_per_thousand(f.county_rate),
    );
    if let Some(local) = f.districts.iter().find(|d| d.area == f.local_area) {
        description.push_str(&format!(
            " {}: {}, {}.",
            f.local_area,
            format::rate_per_thousand(local.rate),
            local.position.label()
        ));
    }
    let outside: Vec<String> = FunnelPosition::OUTSIDE
        .iter()
        .filter_map(|position| {
            let names: Vec<&str> = f
                .districts
                .iter()
                .filter(|d| d.position == *position)
                .map(|d| d.area.as_str())
                .collect();
            (!names.is_empty()).then(|| format!("{}: {}.", position.sentence_label(), list(&names)))
        })
        .collect();
    if outside.is_empty() {
        description.push_str(" Every district is within the 95% limits.");
    } else {
        description.push(' ');
        description.push_str(&outside.join(" "));
    }
    description
}

/// Step 3: the same numbers as a table, with each district's position.
fn tabulate(f: &Funnel) -> ChartTable {
    ChartTable {
        caption: format!(
            "{} per 1,000 population by district, {}, against the {} rate of {}",
            sentence_name(f.measure),
            f.period.label(),
            f.county,
            rate_cell(f.county_rate)
        ),
        headers: [
            "District",
            "Population",
            "Count",
            "Per 1,000 population",
            "Position",
        ]
        .map(String::from)
        .to_vec(),
        rows: f
            .districts
            .iter()
            .map(|d| {
                vec![
                    d.area.clone(),
                    format::count(d.population),
                    format::count(d.count),
                    rate_cell(d.rate),
                    d.position.sentence_label(),
                ]
            })
            .collect(),
    }
}

/// The upper or lower limit at `z` around the county rate, at `LIMIT_POINTS`
/// populations across `from`–`to`.
fn limit_points(county_rate: f64, (from, to): (f64, f64), z: f64, upper: bool) -> Vec<Vec<f64>> {
    (0..LIMIT_POINTS)
        .map(|i| (from + (to - from) * i as f64 / (LIMIT_POINTS - 1) as f64).round())
        .map(|x| {
            let (lo, hi) = stats::funnel_limits(county_rate, x, z);
            vec![x, round(if upper { hi } else { lo }, 3)]
        })
        .collect()
}

/// Step 4: the ECharts option: the limits, the county rate, the other districts
/// and the local area.
fn draw(f: &Funnel, title: &str, palette: &Palette) -> Chart {
    let range = f.population_range();
    let (from, to) = range;
    let limits = |z: f64, upper: bool| limit_points(f.county_rate, range, z, upper);
    let point = |d: &District| {
        DataPointItem::new(vec![d.population, round(d.rate, RATE_DECIMALS)]).name(d.area.as_str())
    };
    let others: Vec<DataPointItem> = f
        .districts
        .iter()
        .filter(|d| d.area != f.local_area)
        .map(point)
        .collect();
    let local: Vec<DataPointItem> = f
        .districts
        .iter()
        .filter(|d| d.area == f.local_area)
        .map(point)
        .collect();
    let county_rate = round(f.county_rate, RATE_DECIMALS);
    let chart = value_plot(
        Title::new().text(title).subtext(f.period.label()),
        across("Population").scale(true),
        up("per 1,000 population").scale(true),
    )
    .series(limit_line(
        "limit-998-upper",
        "99.8% limits",
        limits(stats::Z_998, true),
        &palette.other,
        LineStyleType::Dotted,
    ))
    .series(limit_line(
        "limit-998-lower",
        "99.8% limits",
        limits(stats::Z_998, false),
        &palette.other,
        LineStyleType::Dotted,
    ))
    .series(limit_line(
        "limit-95-upper",
        "95% limits",
        limits(stats::Z_95, true),
        &palette.other,
        LineStyleType::Dashed,
    ))
    .series(limit_line(
        "limit-95-lower",
        "95% limits",
        limits(stats::Z_95, false),
        &palette.other,
        LineStyleType::Dashed,
    ))
    .series(
        Line::new()
            .id("county")
            .name(format!("{} rate", f.county))
            .data(vec![
                vec![from.round(), county_rate],
                vec![to.round(), county_rate],
            ])
            .show_symbol(false)
            .silent(true)
            .item_style(ItemStyle::new().color(palette.county.as_str()))
            .line_style(LineStyle::new().color(palette.county.as_str()).width(2)),
    )
    .series(
        Scatter::new()
            .id("districts")
            .name("Other districts")
            .data(others)
            .symbol_size(10)
            .item_style(ItemStyle::new().color(palette.other.as_str())),
    );
    if local.is_empty() {
        return chart;
    }
    chart.series(
        Scatter::new()
            .id("local")
            .name(f.local_area)
            .data(local)
            .symbol(Symbol::Diamond)
            .symbol_size(16)
            .item_style(ItemStyle::new().color(palette.local.as_str()))
            .label(
                Label::new()
                    .show(true)
                    .position(LabelPosition::Right)
                    .formatter("{b}")
                    .color(palette.local.as_str()),
            ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_listed_in_words() {
        assert_eq!(list(&["Thanet"]), "Thanet");
        assert_eq!(list(&["Thanet", "Swale"]), "Thanet and Swale");
        assert_eq!(
            list(&["Thanet", "Swale", "Dover"]),
            "Thanet, Swale and Dover"
        );
    }
}
