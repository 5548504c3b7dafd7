//! Downloads the board pack: one HTML file with the charts, their numbers and
//! ECharts inside, to send to board members. The code that writes it is
//! fetched the first time it is used (`super::on_demand`), and awaited before
//! the pack is made, so the pack is one whole file as before.

use super::board_charts::BoardChartList;
use super::on_demand::{not_loaded_sentence, on_demand};
use super::AppState;
use crate::browser;
use crate::core::assessment::Assessment;
use crate::core::board::BoardChart;
use crate::core::board_pack::board_pack_html;
use crate::core::maps::asset::Boundaries;
use leptos::prelude::*;
use std::sync::Arc;

/// The ECharts build the app serves; the pack carries the same one.
const ECHARTS_PATH: &str = "echarts.min.js";

fn file_name(heading: &str) -> String {
    let stem = format!("board-pack-{}", crate::core::format::slug(heading));
    crate::core::file_name::download_name(&stem, "html")
}

on_demand! { board_pack;
    /// The pack's HTML: `list`'s charts, the priorities' district maps as SVG
    /// (when their boundaries came), where each street measure happens and
    /// ECharts itself.
    fn write_pack(
        state: AppState,
        assessment: Arc<Assessment>,
        list: Vec<BoardChart>,
        districts: Option<Arc<Boundaries>>,
        echarts: String,
        today: String,
    ) -> String {
        let mut list = list;
        if let Some(districts) = districts {
            list.extend(crate::core::board::board_maps(&assessment, &districts));
        }
        // Where it happens: the Lorenz curve and (with the IMD table, once
        // fetched) crime by deprivation of each street measure on the board.
        let imd = state.imd.get_untracked();
        state.analysed.with_untracked(|data| {
            let palette = crate::core::charts::Palette::default();
            for w in crate::core::board_where::board_where(&data.data, &assessment, imd.as_deref(), &palette) {
                list.extend(w.into_charts());
            }
            board_pack_html(data.figures(), &assessment, &list, &echarts, &today)
        })
    }
}

#[component]
pub fn BoardPackButton() -> impl IntoView {
    let state = expect_context::<AppState>();
    let charts = use_context::<BoardChartList>();
    let (said, set_said) = signal(None::<Result<String, String>>);
    let (busy, set_busy) = signal(false);
    let make = move |_| {
        let Some(assessment) = state.assessment.get_untracked() else {
            set_said.set(Some(Err(
                "There is no assessment to put in a board pack yet.".into(),
            )));
            return;
        };
        let list = charts
            .map(|BoardChartList(c)| c.get_untracked())
            .unwrap_or_default();
        set_busy.set(true);
        leptos::task::spawn_local(async move {
            // The district maps of the priorities, as SVG; without their
            // boundaries the pack is still made, and says so.
            let (districts, maps_note) =
                match super::boundaries::load(crate::core::maps::DISTRICTS_PATH).await {
                    Ok(districts) => (Some(districts), String::new()),
                    Err(e) => (None, format!(" It has no maps: {e}.")),
                };
            let name = file_name(&crate::core::assessment::report::heading(&assessment));
            let result = match browser::fetch_text(ECHARTS_PATH).await {
                Ok(echarts) => {
                    match write_pack(state, assessment, list, districts, echarts, browser::today())
                        .await
                    {
                        Ok(html) => browser::download_text(&name, "text/html", &html).map(|()| {
                            format!(
                                "Saved {name} ({} KB): it opens in any browser, offline.{maps_note}",
                                crate::core::format::count((html.len() as f64 / 1024.0).round())
                            )
                        }),
                        // Already a sentence, kept whole by the `starts_with` below.
                        Err(_) => Err(format!(
                            "The board pack could not be made. {}",
                            not_loaded_sentence("the code that writes it")
                        )),
                    }
                }
                Err(reason) => Err(format!("The board pack could not be made: {reason}.")),
            };
            set_said.set(Some(result.map_err(|e| {
                if e.starts_with("The board pack") {
                    e
                } else {
                    format!("The board pack could not be saved: {e}.")
                }
            })));
            set_busy.set(false);
        });
    };
    view! {
        <button type="button" on:click=make disabled=move || busy.get()>
            "Download the board pack"
        </button>
        {move || {
            said.get()
                .map(|r| match r {
                    Ok(t) => view! { <span class="copy-status" role="status">{t}</span> }.into_any(),
                    Err(t) => view! { <span class="copy-status status-error" role="alert">{t}</span> }.into_any(),
                })
        }}
    }
}
