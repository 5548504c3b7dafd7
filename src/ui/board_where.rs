//! "Where it happens" on a board item's page: the register's concentration
//! and deprivation findings, the busiest neighbourhoods' shares as a table, the
//! Lorenz curve and, once the IMD table has been fetched (by the Assessment
//! view's "Where it happens"), crime by deprivation — from
//! `core::board_where`, shown only for street measures of the local area.

use super::chart::{Chart, DataTable};
use super::AppState;
use crate::core::board_where::{where_it_happens, WhereItHappens};
use crate::core::charts::ChartSpec;
use leptos::prelude::*;

/// One chart of the block, with the board's ids kept apart from the Assessment view's.
fn chart(spec: ChartSpec, presenting: bool) -> impl IntoView {
    let id = format!(
        "{}board-{}",
        if presenting { "present-" } else { "" },
        spec.id
    );
    let (name, option) = (spec.file_stem(), spec.option_json());
    view! {
        <Chart
            option=Signal::stored(option)
            description=Signal::stored(spec.description)
            table=Signal::stored(spec.table)
            id=id
            name=Signal::stored(name)
        />
    }
}

super::on_demand::on_demand! { where_it_happens;
    /// The block, its code fetched with the maps (`super::on_demand`).
    pub fn board_where(measure: String, presenting: bool) -> AnyView {
        view! { <BoardWhere measure=measure presenting=presenting/> }.into_any()
    }
}

#[component]
fn BoardWhere(measure: String, #[prop(optional)] presenting: bool) -> impl IntoView {
    let state = expect_context::<AppState>();
    let palette = crate::browser::css_palette();
    move || {
        let a = state.assessment.get()?;
        let imd = state.imd.get();
        let w = state.analysed.with(|analysed| {
            where_it_happens(&analysed.data, &a, &measure, imd.as_deref(), &palette)
        })?;
        let WhereItHappens {
            findings,
            busiest,
            lorenz,
            deprivation,
            ..
        } = w;
        Some(view! {
            <h3>"Where it happens"</h3>
            {(!findings.is_empty()).then(|| view! {
                <ul class="board-findings">
                    {findings.into_iter().map(|f| view! { <li>{f.text}</li> }).collect_view()}
                </ul>
            })}
            <DataTable table=Signal::stored(busiest)/>
            {chart(lorenz, presenting)}
            {deprivation.map(|d| chart(d, presenting))}
        })
    }
}
