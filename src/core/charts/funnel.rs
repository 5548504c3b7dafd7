//! The funnel plot: each district's rate against its population, with the
//! county rate and the limits within which chance alone would put a district.

use super::{rate_cell, round, stable_id, ChartInput, ChartSpec, ChartTable, RATE_DECIMALS};
use crate::core::assessment::district_comparison_for;
use crate::core::assessment::funnel_position::FunnelPosition;
use crate::core::assessment::wording::sentence_name;
use crate::core::dataset::Unit;
use crate::core::format;
use crate::core::stats;
use charming::component::{Axis, Grid, Legend, Title};
use charming::datatype::DataPointItem;
use charming::element::{
    AxisType, ItemStyle, Label, LabelPosition, LineStyle, LineStyleType, NameLocation, Symbol,
    Tooltip, Trigger,
};
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
    let ChartInput {
        index,
        assessment,
        palette,
    } = *input;
    let m = assessment.measure(measure)?;
    if m.unit != Unit::Count {
        return None;
    }
    let period = m.change.current.period;
    let comparison = district_comparison_for(index, measure, &period, Some(&assessment.options));
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
    // (district, population, count, rate), lowest rate first.
    let districts: Vec<(&str, f64, f64, f64)> = comparison
        .districts
        .iter()
        .map(|d| {
            let population = d.population.as_ref()?.value;
            (population > 0.0).then_some((
                d.area.as_str(),
                population,
                d.count.value,
                d.count.value / population * 1000.0,
            ))
        })
        .collect::<Option<_>>()?;
    let local_area = assessment.options.area.as_str();
    let positions: Vec<FunnelPosition> = districts
        .iter()
        .map(|(_, p, _, r)| FunnelPosition::of(*r, *p, county_rate))
        .collect();

    // The limits over the districts' range of populations.
    let smallest = districts.iter().map(|d| d.1).fold(f64::INFINITY, f64::min);
    let largest = districts.iter().map(|d| d.1).fold(0.0, f64::max);
    let (from, to) = if largest > smallest {
        (smallest, largest)
    } else {
        (smallest * 0.9, largest * 1.1)
    };
    let xs: Vec<f64> = (0..LIMIT_POINTS)
        .map(|i| (from + (to - from) * i as f64 / (LIMIT_POINTS - 1) as f64).round())
        .collect();
    let limits = |z: f64, upper: bool| -> Vec<Vec<f64>> {
        xs.iter()
            .map(|x| {
                let (lo, hi) = stats::funnel_limits(county_rate, *x, z);
                vec![*x, round(if upper { hi } else { lo }, 3)]
            })
            .collect()
    };

    let point = |(area, population, _, rate): &(&str, f64, f64, f64)| {
        DataPointItem::new(vec![*population, round(*rate, RATE_DECIMALS)]).name(*area)
    };
    let others: Vec<DataPointItem> = districts
        .iter()
        .filter(|d| d.0 != local_area)
        .map(point)
        .collect();
    let local: Vec<DataPointItem> = districts
        .iter()
        .filter(|d| d.0 == local_area)
        .map(point)
        .collect();

    let title = format!(
        "{} per 1,000 population: funnel plot",
        sentence_name(measure)
    );
    let mut description = format!(
        "{} per 1,000 population in each of {} districts of {county}, {}, against population. \
         The {county} rate is {}; the lines either side are the 95% and 99.8% limits within \
         which chance alone would put a district of that size.",
        sentence_name(measure),
        districts.len(),
        period.label(),
        format::rate_per_thousand(county_rate),
    );
    if let Some(i) = districts.iter().position(|d| d.0 == local_area) {
        description.push_str(&format!(
            " {local_area}: {}, {}.",
            format::rate_per_thousand(districts[i].3),
            positions[i].label()
        ));
    }
    let mut outside = Vec::new();
    for position in FunnelPosition::OUTSIDE {
        let names: Vec<&str> = districts
            .iter()
            .zip(&positions)
            .filter(|(_, p)| **p == position)
            .map(|(d, _)| d.0)
            .collect();
        if !names.is_empty() {
            outside.push(format!("{}: {}.", position.sentence_label(), list(&names)));
        }
    }
    if outside.is_empty() {
        description.push_str(" Every district is within the 95% limits.");
    } else {
        description.push(' ');
        description.push_str(&outside.join(" "));
    }

    let rows = districts
        .iter()
        .zip(&positions)
        .map(|((area, population, count, rate), position)| {
            vec![
                area.to_string(),
                format::count(*population),
                format::count(*count),
                rate_cell(*rate),
                position.sentence_label(),
            ]
        })
        .collect();

    let chart = Chart::new()
        .title(Title::new().text(title.clone()).subtext(period.label()))
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .legend(Legend::new().bottom(0))
        .grid(
            Grid::new()
                .left("3%")
                .right("6%")
                .top(70)
                .bottom(50)
                .contain_label(true),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name("Population")
                .name_location(NameLocation::Middle)
                .name_gap(28)
                .scale(true),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name("per 1,000 population")
                .name_location(NameLocation::End)
                .scale(true),
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
                .name(format!("{county} rate"))
                .data(vec![
                    vec![from.round(), round(county_rate, RATE_DECIMALS)],
                    vec![to.round(), round(county_rate, RATE_DECIMALS)],
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
    let chart = if local.is_empty() {
        chart
    } else {
        chart.series(
            Scatter::new()
                .id("local")
                .name(local_area)
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
    };

    Some(ChartSpec {
        id: format!("funnel-{}", stable_id(measure)),
        title,
        description,
        option: chart,
        table: ChartTable {
            caption: format!(
                "{} per 1,000 population by district, {}, against the {county} rate of {}",
                sentence_name(measure),
                period.label(),
                rate_cell(county_rate)
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
            rows,
        },
    })
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
