//! Local change against the county's, measure by measure.

use super::{round, signed_percent_cell, ChartInput, ChartSpec, ChartTable};
use crate::core::assessment::MeasureAssessment;
use crate::core::dataset::Unit;
use charming::component::{Axis, Grid, Legend, Title};
use charming::element::{
    AxisLabel, AxisType, ItemStyle, Label, LabelPosition, NameLocation, Tooltip, Trigger,
};
use charming::series::Bar;
use charming::Chart;

/// (measure, local change, county change, what was compared), as proportions.
fn changes(m: &MeasureAssessment) -> Option<(f64, f64, String)> {
    if m.unit != Unit::Count {
        return None;
    }
    let county = m.county.as_ref()?.change.as_ref()?;
    let local_previous = m.change.previous.as_ref()?;
    let county_previous = county.previous.as_ref()?;
    if county.current.period != m.change.current.period
        || county_previous.period != local_previous.period
    {
        return None;
    }
    Some((
        m.change.relative()?,
        county.relative()?,
        format!(
            "{} against {}",
            m.change.current.period.label(),
            local_previous.period.label()
        ),
    ))
}

/// For every count measure with a local and a county change over the same
/// periods, the two changes as grouped horizontal bars, in per cent to one place.
pub fn county_change(input: &ChartInput) -> Option<ChartSpec> {
    let ChartInput {
        assessment,
        palette,
        ..
    } = *input;
    let area = assessment.options.area.as_str();
    let county = assessment.options.county.as_deref()?;
    let rows: Vec<(&str, f64, f64, String)> = assessment
        .measures
        .iter()
        .filter_map(|m| {
            let (local, county, compared) = changes(m)?;
            Some((
                m.measure.as_str(),
                round(local * 100.0, 1),
                round(county * 100.0, 1),
                compared,
            ))
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    let names: Vec<String> = rows.iter().map(|r| r.0.to_string()).collect();
    let local: Vec<f64> = rows.iter().map(|r| r.1).collect();
    let wider: Vec<f64> = rows.iter().map(|r| r.2).collect();

    let title = format!("Change in {area} and across {county}");
    let worse: Vec<&str> = rows.iter().filter(|r| r.1 > r.2).map(|r| r.0).collect();
    let mut description = format!(
        "Percentage change on the period compared with, for {} measures, {area} beside {county}.",
        rows.len()
    );
    match worse.len() {
        0 => description.push_str(&format!(
            " None rose faster (or fell more slowly) in {area} than across {county}."
        )),
        n => description.push_str(&format!(
            " {} rose faster, or fell more slowly, in {area} than across {county}: {}.",
            if n == 1 {
                "One measure".to_string()
            } else {
                format!("{n} measures")
            },
            worse.join(", ")
        )),
    }
    let common = rows
        .iter()
        .map(|r| r.3.as_str())
        .all(|c| c == rows[0].3.as_str());
    if common {
        description.push_str(&format!(" Every change is {}.", rows[0].3));
    } else {
        description.push_str(" Measures are compared over their own periods, listed in the table.");
    }

    let bar = |id: &str, name: &str, data: Vec<f64>, colour: &str| {
        Bar::new()
            .id(id)
            .name(name)
            .data(data)
            .item_style(ItemStyle::new().color(colour))
            .label(
                Label::new()
                    .show(true)
                    .position(LabelPosition::Right)
                    .formatter("{c}%"),
            )
    };
    let chart = Chart::new()
        .title(Title::new().text(title.clone()))
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().bottom(0))
        .grid(
            Grid::new()
                .left("3%")
                .right("8%")
                .top(50)
                .bottom(40)
                .contain_label(true),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name("% change")
                .name_location(NameLocation::End),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .inverse(true)
                .data(names)
                .axis_label(AxisLabel::new().interval(0)),
        )
        .series(bar("local", area, local, &palette.local))
        .series(bar("county", county, wider, &palette.county));

    Some(ChartSpec {
        id: "county-change".to_string(),
        title,
        description,
        option: chart,
        table: ChartTable {
            caption: format!("Percentage change, {area} and {county}"),
            headers: vec![
                "Measure".to_string(),
                "Compared".to_string(),
                format!("{area} change"),
                format!("{county} change"),
            ],
            rows: rows
                .iter()
                .map(|(measure, local, county, compared)| {
                    vec![
                        measure.to_string(),
                        compared.clone(),
                        signed_percent_cell(*local),
                        signed_percent_cell(*county),
                    ]
                })
                .collect(),
        },
    })
}
