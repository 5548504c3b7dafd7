//! The priority matrix as a picture: what the data say against what the
//! partnership judges, one labelled point per issue.

use super::{round, ChartInput, ChartSpec, ChartTable};
use crate::core::assessment::priority::Score;
use crate::core::assessment::PriorityAssessment;
use crate::core::format;
use charming::component::{Axis, Grid, Legend, Title};
use charming::datatype::DataPointItem;
use charming::element::{
    AxisType, ItemStyle, Label, LabelPosition, NameLocation, Symbol, Tooltip, Trigger,
};
use charming::series::Scatter;
use charming::Chart;

/// The weighted sum of the chosen criteria as a share of their weighted maximum, 0–100.
fn share_of(scores: &[Score], computed: bool) -> f64 {
    let chosen = scores
        .iter()
        .filter(|s| s.criterion.is_computed() == computed);
    let (total, max) = chosen.fold((0.0, 0.0), |(total, max), s| {
        (total + s.score as f64 * s.weight, max + 3.0 * s.weight)
    });
    if max > 0.0 {
        round(total / max * 100.0, 1)
    } else {
        0.0
    }
}

/// (data score, judged score) for one issue, each 0–100.
fn scores(p: &PriorityAssessment) -> (f64, f64) {
    (share_of(&p.scores, true), share_of(&p.scores, false))
}

/// One point per issue: across, the data score (volume, trend, significance and
/// the county comparison, weighted, as a share of their weighted maximum); up, the
/// judged score (harm, public concern and capacity to act, the same way).
/// Recommended issues are in the local colour, the rest in the neutral one.
pub fn priority_matrix(input: &ChartInput) -> Option<ChartSpec> {
    let ChartInput {
        assessment,
        palette,
        ..
    } = *input;
    if assessment.priorities.is_empty() {
        return None;
    }
    let points = |recommended: bool| -> Vec<DataPointItem> {
        assessment
            .priorities
            .iter()
            .filter(|p| p.recommended == recommended)
            .map(|p| {
                let (x, y) = scores(p);
                DataPointItem::new(vec![x, y]).name(p.issue.clone())
            })
            .collect()
    };
    let series = |id: &str, name: &str, data: Vec<DataPointItem>, colour: &str, symbol: Symbol| {
        Scatter::new()
            .id(id)
            .name(name)
            .data(data)
            .symbol(symbol)
            .symbol_size(12)
            .item_style(ItemStyle::new().color(colour))
            .label(
                Label::new()
                    .show(true)
                    .position(LabelPosition::Right)
                    .formatter("{b}")
                    .font_size(11),
            )
    };
    let axis = |name: &str, location: NameLocation| {
        Axis::new()
            .type_(AxisType::Value)
            .name(name)
            .name_location(location)
            .name_gap(28)
            .min(0)
            .max(100)
    };

    let recommended: Vec<&str> = assessment
        .priorities
        .iter()
        .filter(|p| p.recommended)
        .map(|p| p.issue.as_str())
        .collect();
    let title = "Priority matrix: data against judgement".to_string();
    let mut description = format!(
        "{} issues, each placed across by its data score (volume, trend, significance and \
         the comparison with the county) and up by its judged score (harm, public concern \
         and capacity to act), each as a percentage of its weighted maximum.",
        assessment.priorities.len()
    );
    match recommended.len() {
        0 => description.push_str(" No issue is recommended as a priority."),
        1 => description.push_str(&format!(
            " One is recommended as a priority: {}.",
            recommended[0]
        )),
        n => description.push_str(&format!(
            " {n} are recommended as priorities: {}.",
            recommended.join(", ")
        )),
    }

    let chart = Chart::new()
        .title(Title::new().text(title.clone()))
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .legend(Legend::new().bottom(0))
        .grid(
            Grid::new()
                .left("3%")
                .right("12%")
                .top(50)
                .bottom(60)
                .contain_label(true),
        )
        .x_axis(axis("Data score (% of maximum)", NameLocation::Middle))
        .y_axis(axis("Judged score (% of maximum)", NameLocation::Middle))
        .series(series(
            "recommended",
            "Recommended",
            points(true),
            &palette.local,
            Symbol::Diamond,
        ))
        .series(series(
            "not-recommended",
            "Not recommended",
            points(false),
            &palette.other,
            Symbol::Circle,
        ));

    let rows = assessment
        .priorities
        .iter()
        .map(|p| {
            let (x, y) = scores(p);
            let whole = |v: f64| format::number(v, if v.fract() == 0.0 { 0 } else { 1 });
            vec![
                p.issue.clone(),
                format::number(x, 1),
                format::number(y, 1),
                format!("{} of {}", whole(p.total), whole(p.max)),
                if p.recommended { "Yes" } else { "No" }.to_string(),
            ]
        })
        .collect();

    Some(ChartSpec {
        id: "priority-matrix".to_string(),
        title,
        description,
        option: chart,
        table: ChartTable {
            caption: "Priority scores by issue, highest total first".to_string(),
            headers: [
                "Issue",
                "Data score (%)",
                "Judged score (%)",
                "Total",
                "Recommended",
            ]
            .map(String::from)
            .to_vec(),
            rows,
        },
    })
}
