//! The Lorenz curve of a district's street crime across its neighbourhoods
//! (LSOAs): how far it bows below the line of equality shows how concentrated
//! the crime is; the Gini coefficient measures the gap.

use super::value_plot::{across, up, value_plot};
use super::{percent_cell, round, stable_id, ChartInput, ChartSpec, ChartTable, Palette};
use crate::core::assessment::concentration::{concentration, street_period};
use crate::core::assessment::concentration_finding::crime_words;
use crate::core::assessment::Concentration;
use crate::core::format;
use charming::component::Title;
use charming::datatype::DataPointItem;
use charming::element::{ItemStyle, LineStyle, LineStyleType};
use charming::series::Line;

/// One point of the curve as drawn and tabled: the LSOAs up to it (fewest
/// crimes first), in per cent to one place, and what it adds.
struct Point {
    lsoas: f64,
    crime: f64,
    /// The LSOA this point adds, or "12 LSOAs with none" for a run of zeros.
    added: String,
    count: u64,
}

/// The curve's points: every LSOA from the fewest crimes to the most, with
/// LSOAs with no crime of this kind drawn as one step along the axis.
fn points(c: &Concentration) -> Vec<Point> {
    let n = c.lsoas.max(1) as f64;
    let total = c.total.max(1) as f64;
    let zeros = c.lsoas - c.lsoas_with_crime;
    let mut out = Vec::new();
    let mut taken = 0usize;
    let mut running = 0u64;
    if zeros > 0 {
        taken = zeros;
        out.push(Point {
            lsoas: round(100.0 * taken as f64 / n, 1),
            crime: 0.0,
            added: format!(
                "{} with none",
                if zeros == 1 {
                    "1 LSOA".to_string()
                } else {
                    format!("{zeros} LSOAs")
                }
            ),
            count: 0,
        });
    }
    for r in c.ranked.iter().rev().filter(|r| r.count > 0) {
        taken += 1;
        running += r.count;
        out.push(Point {
            lsoas: round(100.0 * taken as f64 / n, 1),
            crime: round(100.0 * running as f64 / total, 1),
            added: format!("{} ({})", r.name, r.code),
            count: r.count,
        });
    }
    out
}

/// The chart contract: the Lorenz curve of `measure` (street records) across
/// the local area's LSOAs over its latest twelve months; `None` without street
/// records of it there.
pub fn lorenz(input: &ChartInput, measure: &str) -> Option<ChartSpec> {
    let places = input.places?;
    let a = input.assessment;
    let period = street_period(places.tallies, a.measure(measure)?)?;
    let c = concentration(places.tallies, &a.options.area, measure, period)?;
    Some(lorenz_curve(&c, input.palette))
}

/// The Lorenz curve and the line of equality, in per cent, with a table of
/// every point.
pub fn lorenz_curve(c: &Concentration, palette: &Palette) -> ChartSpec {
    let crime = crime_words(&c.measure);
    let period = c.period.label();
    let points = points(c);
    let mut curve: Vec<DataPointItem> = vec![DataPointItem::new(vec![0.0, 0.0]).name("Start")];
    curve.extend(
        points
            .iter()
            .map(|p| DataPointItem::new(vec![p.lsoas, p.crime]).name(p.added.as_str())),
    );
    let title = format!("How concentrated {crime} is across {}", c.district);
    let ten = c.top.iter().find(|t| t.percent == 10);
    let mut description = format!(
        "Lorenz curve of {crime} in {period} across {}'s {} neighbourhoods (LSOAs), taken from the fewest crimes to the most: the further the curve bows below the diagonal line of equality, the more the crime is concentrated in a few places. The Gini coefficient is {}.",
        c.district,
        c.lsoas,
        format::number(c.gini, 2)
    );
    if let Some(ten) = ten {
        description.push_str(&format!(
            " The busiest {} {} had {} of it ({} of {}).",
            ten.lsoas,
            if ten.lsoas == 1 { "LSOA" } else { "LSOAs" },
            format::share(ten.share),
            format::count(ten.count as f64),
            format::count(c.total as f64)
        ));
    }
    let chart = value_plot(
        Title::new().text(title.clone()).subtext(period.clone()),
        across("% of neighbourhoods (fewest crimes first)")
            .min(0)
            .max(100),
        up("% of the crime").min(0).max(100),
    )
    .series(
        Line::new()
            .id("equality")
            .name("Line of equality")
            .data(vec![vec![0.0, 0.0], vec![100.0, 100.0]])
            .show_symbol(false)
            .silent(true)
            .item_style(ItemStyle::new().color(palette.other.as_str()))
            .line_style(
                LineStyle::new()
                    .color(palette.other.as_str())
                    .width(1.5)
                    .type_(LineStyleType::Dashed),
            ),
    )
    .series(
        Line::new()
            .id("lorenz")
            .name(format!(
                "{} (Gini {})",
                c.district,
                format::number(c.gini, 2)
            ))
            .data(curve)
            .show_symbol(points.len() <= 60)
            .item_style(ItemStyle::new().color(palette.local.as_str()))
            .line_style(LineStyle::new().color(palette.local.as_str()).width(2.5)),
    );
    ChartSpec {
        id: format!("lorenz-{}", stable_id(&c.measure)),
        title,
        description,
        option: chart,
        table: ChartTable {
            caption: format!(
                "Lorenz curve of {crime} across {}'s neighbourhoods, {period}",
                c.district
            ),
            headers: vec![
                "% of neighbourhoods".to_string(),
                format!("% of {crime}"),
                "Neighbourhood added".to_string(),
                "Crimes in it".to_string(),
            ],
            rows: points
                .iter()
                .map(|p| {
                    vec![
                        percent_cell(p.lsoas),
                        percent_cell(p.crime),
                        p.added.clone(),
                        format::count(p.count as f64),
                    ]
                })
                .collect(),
        },
    }
}
