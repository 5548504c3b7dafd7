//! A district's street crime by IMD 2019 decile of its neighbourhoods: the
//! share of crime beside the share of neighbourhoods in each decile.

use super::{percent_cell, round, stable_id, ChartInput, ChartSpec, ChartTable, Palette};
use crate::core::assessment::concentration::street_period;
use crate::core::assessment::concentration_finding::crime_words;
use crate::core::assessment::deprivation::deprivation as by_decile;
use crate::core::assessment::wording::sentence_name;
use crate::core::assessment::Deprivation;
use crate::core::format;
use charming::component::{Axis, Grid, Legend, Title};
use charming::element::{AxisLabel, AxisType, ItemStyle, NameLocation, Tooltip, Trigger};
use charming::series::Bar;
use charming::Chart;

/// The chart contract: `measure` (street records) in the local area by IMD
/// decile over its latest twelve months; `None` without street records of it
/// there or before the IMD table is fetched.
pub fn deprivation(input: &ChartInput, measure: &str) -> Option<ChartSpec> {
    let places = input.places?;
    let a = input.assessment;
    let period = street_period(places.tallies, a.measure(measure)?)?;
    let d = by_decile(
        places.tallies,
        &a.options.area,
        measure,
        period,
        places.imd?,
    )?;
    Some(deprivation_chart(&d, input.palette))
}

/// Grouped bars: % of crime and % of neighbourhoods by decile, in per cent to one place.
pub fn deprivation_chart(d: &Deprivation, palette: &Palette) -> ChartSpec {
    let crime = crime_words(&d.measure);
    let period = d.period.label();
    let labels: Vec<String> = d.rows.iter().map(|r| r.label()).collect();
    let crime_shares: Vec<f64> = d.rows.iter().map(|r| round(r.share * 100.0, 1)).collect();
    let lsoa_shares: Vec<f64> = d
        .rows
        .iter()
        .map(|r| round(r.lsoa_share * 100.0, 1))
        .collect();
    let title = format!(
        "{} by deprivation of the neighbourhood, {}",
        sentence_name(&crime),
        d.district
    );
    let description = format!(
        "Share of {crime} in {period} ({} in all) and share of {}'s {} neighbourhoods in each IMD 2019 decile, from 1 (the most deprived tenth of England's neighbourhoods) to 10 (the least). {}",
        format::count(d.total as f64),
        d.district,
        d.lsoas,
        d.sentence()
    );
    let bar = |id: &str, name: String, data: Vec<f64>, colour: &str| {
        Bar::new()
            .id(id)
            .name(name)
            .data(data)
            .item_style(ItemStyle::new().color(colour))
    };
    let chart = Chart::new()
        .title(Title::new().text(title.clone()).subtext(period.clone()))
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().bottom(0))
        .grid(
            Grid::new()
                .left("3%")
                .right("4%")
                .top(70)
                .bottom(70)
                .contain_label(true),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(labels.clone())
                .name("IMD 2019 decile")
                .name_location(NameLocation::Middle)
                .name_gap(30)
                .axis_label(AxisLabel::new().interval(0)),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name("%")
                .name_location(NameLocation::End),
        )
        .series(bar(
            "crime",
            format!("% of {crime}"),
            crime_shares,
            &palette.local,
        ))
        .series(bar(
            "neighbourhoods",
            "% of neighbourhoods".to_string(),
            lsoa_shares,
            &palette.other,
        ));
    ChartSpec {
        id: format!("deprivation-{}", stable_id(&d.measure)),
        title,
        description,
        option: chart,
        table: ChartTable {
            caption: format!(
                "{} in {} by IMD 2019 decile of the neighbourhood, {period}",
                sentence_name(&crime),
                d.district
            ),
            headers: vec![
                "IMD 2019 decile".to_string(),
                "Neighbourhoods".to_string(),
                "% of neighbourhoods".to_string(),
                "Crimes".to_string(),
                format!("% of {crime}"),
            ],
            rows: d
                .rows
                .iter()
                .map(|r| {
                    vec![
                        r.label(),
                        format::count(f64::from(r.lsoas)),
                        percent_cell(r.lsoa_share * 100.0),
                        format::count(r.count as f64),
                        percent_cell(r.share * 100.0),
                    ]
                })
                .collect(),
        },
    }
}
