//! One breakdown of a police.uk measure (stop and search by object of search,
//! crimes by latest outcome…) over twelve months, as horizontal bars of
//! counts, largest at the top; its table gives each count, its share and the
//! files and rows it was summed from.

use super::{
    count_cell, count_value, percent_cell, round, stable_id, ChartSpec, ChartTable, Palette,
};
use crate::core::assessment::wording::sentence_name;
use crate::core::assessment::PoliceParts;
use crate::core::format;
use charming::component::{Axis, Grid, Title};
use charming::element::{
    AxisLabel, AxisType, ItemStyle, Label, LabelPosition, NameLocation, Tooltip, Trigger,
};
use charming::series::Bar;
use charming::Chart;

/// The `dimension`th breakdown of `parts` (`PoliceParts::dimensions`), or
/// `None` when it has none.
pub fn police_parts_chart(
    parts: &PoliceParts,
    dimension: usize,
    palette: &Palette,
) -> Option<ChartSpec> {
    let d = parts.dimensions.get(dimension)?;
    if d.parts.is_empty() {
        return None;
    }
    let period = parts.period.label();
    let noun = parts.noun();
    let area = &parts.counted_for;
    let title = format!(
        "{} in {area} by {}",
        sentence_name(&parts.measure),
        d.name.to_lowercase()
    );
    let listed: Vec<String> = d
        .parts
        .iter()
        .map(|p| {
            format!(
                "{} {} ({})",
                p.category,
                format::count(p.count),
                percent_cell(round(p.share * 100.0, 1))
            )
        })
        .collect();
    // Whose figures these are is said once, for the section (`scope_sentence`).
    let description = format!(
        "{} in {area} by {}, {period}: {} {noun} in all, largest first: {}.",
        sentence_name(&parts.measure),
        d.name.to_lowercase(),
        format::count(parts.total),
        listed.join("; "),
    );
    // Largest at the top: a category axis is drawn from the bottom up.
    let labels: Vec<String> = d.parts.iter().rev().map(|p| p.category.clone()).collect();
    let values: Vec<f64> = d.parts.iter().rev().map(|p| count_value(p.count)).collect();
    let chart = Chart::new()
        .title(Title::new().text(title.clone()).subtext(period.clone()))
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .grid(
            Grid::new()
                .left("3%")
                .right("8%")
                .top(70)
                .bottom(50)
                .contain_label(true),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(labels)
                .axis_label(AxisLabel::new().interval(0)),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name(sentence_name(noun))
                .name_location(NameLocation::Middle)
                .name_gap(28),
        )
        .series(
            Bar::new()
                .id(format!("parts-{}", stable_id(&d.name)))
                .name(sentence_name(noun))
                .data(values)
                .item_style(ItemStyle::new().color(palette.local.clone()))
                .label(Label::new().show(true).position(LabelPosition::Right)),
        );
    Some(ChartSpec {
        id: format!(
            "police-parts-{}-{}",
            stable_id(&parts.measure),
            stable_id(&d.name)
        ),
        title,
        description,
        option: chart,
        table: ChartTable {
            caption: format!(
                "{} in {area} by {}, {period}",
                sentence_name(&parts.measure),
                d.name.to_lowercase()
            ),
            headers: vec![
                d.name.clone(),
                sentence_name(noun),
                "Share".to_string(),
                "Counted from".to_string(),
            ],
            rows: d
                .parts
                .iter()
                .map(|p| {
                    vec![
                        p.category.clone(),
                        count_cell(p.count),
                        percent_cell(round(p.share * 100.0, 1)),
                        p.source.clone(),
                    ]
                })
                .chain(std::iter::once(vec![
                    "All".to_string(),
                    count_cell(parts.total),
                    percent_cell(100.0),
                    parts.total_source.clone(),
                ]))
                .collect(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::areas::AreaLevel;
    use crate::core::assessment::police_parts;
    use crate::core::dataset::{Observation, Provenance, Unit, Value};
    use crate::core::period::Period;

    #[test]
    fn bars_and_table_hold_the_same_counts_largest_first() {
        let o = |category: Option<&str>, n: f64| Observation {
            measure: "Stop and search".to_string(),
            category: category.map(str::to_string),
            area: "Kent (force)".to_string(),
            area_level: AreaLevel::Force,
            period: Period::month(2020, 5),
            value: Value::Number(n),
            unit: Unit::Count,
            source: Provenance {
                file: "k.zip".to_string(),
                sheet: "2020-05/2020-05-kent-stop-and-search.csv".to_string(),
                cell: "rows 2–1320 of column L".to_string(),
            },
        };
        let data = vec![
            o(None, 1319.0),
            o(Some("Object of search · Stolen goods"), 300.0),
            o(Some("Object of search · Controlled drugs"), 1019.0),
        ];
        let end = Period::month(2020, 12).first_month_index();
        let p = police_parts(&data, "Stop and search", "Kent (force)", end).unwrap();
        let spec = police_parts_chart(&p, 0, &Palette::default()).unwrap();
        assert_eq!(
            spec.title,
            "Stop and search in Kent (force) by object of search"
        );
        assert_eq!(spec.table.rows[0][0], "Controlled drugs");
        assert_eq!(spec.table.rows[0][1], "1,019");
        assert_eq!(spec.table.rows[0][2], "77.3%");
        assert!(spec.table.rows[0][3]
            .contains("k.zip › 2020-05/2020-05-kent-stop-and-search.csv › rows 2–1320"));
        assert_eq!(spec.table.rows[2][..3], ["All", "1,319", "100.0%"]);
        let json = spec.option_json();
        // Drawn bottom up: the largest bar last, at the top.
        assert!(
            json.contains(r#""data":["Stolen goods","Controlled drugs"]"#),
            "{json}"
        );
        assert!(json.contains(r#""data":[300.0,1019.0]"#), "{json}");
        assert!(spec.description.contains("1,319 searches in all"));
        // Whose figures these are is the section's sentence, not each chart's.
        assert!(!spec.description.contains(&p.scope_sentence()));
        assert!(!spec.description.contains("carry no LSOA"));
        assert!(police_parts_chart(&p, 1, &Palette::default()).is_none());
    }
}
