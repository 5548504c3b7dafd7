//! The charts on one board page, drawn from the list the Board view computes once.

use super::chart::Chart;
use crate::core::board::BoardChart;
use leptos::prelude::*;

/// The board's charts, computed once per assessment and shared by every page.
#[derive(Clone, Copy)]
pub struct BoardChartList(pub Memo<Vec<BoardChart>>);

#[component]
pub fn BoardCharts(measure: String, #[prop(optional)] presenting: bool) -> impl IntoView {
    let Some(BoardChartList(list)) = use_context::<BoardChartList>() else {
        return ().into_any();
    };
    let charts: Vec<BoardChart> = list.with_untracked(|all| {
        all.iter()
            // Maps go into the board pack only (`BoardPackButton`).
            .filter(|c| c.measure == measure && c.svg.is_none())
            .cloned()
            .collect()
    });
    charts
        .into_iter()
        .map(|c| {
            // The presenter's copy of a chart needs its own element ids.
            let id = if presenting {
                format!("present-{}", c.id)
            } else {
                c.id.clone()
            };
            view! {
                <h3 class="visually-hidden">{c.title.clone()}</h3>
                <Chart
                    option=Signal::stored(c.option_json.clone())
                    description=Signal::stored(c.description.clone())
                    table=Signal::stored(c.table.clone())
                    id=id
                    name=Signal::stored(c.file_stem.clone())
                />
            }
        })
        .collect_view()
        .into_any()
}

/// The general page: charts across the whole assessment.
#[component]
pub fn GeneralCharts() -> impl IntoView {
    view! { <BoardCharts measure=String::new()/> }
}
