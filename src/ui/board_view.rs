//! The Board view: the headline figures at a glance, read-only.

use super::AppState;
use crate::core::assessment;
use crate::core::format;
use leptos::prelude::*;

#[component]
pub fn BoardView() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <h1>"Board"</h1>
        <p class="lede">"The latest figures for board members, with the county beside each."</p>
        {move || {
            let data = state.dataset.get();
            let Some(area) = data.default_area(super::PREFERRED_AREA) else {
                return view! { <p>"No district figures have been imported yet."</p> }.into_any();
            };
            let county = assessment::county_area(&data).unwrap_or_else(|| "County".into());
            let cards = assessment::measure_summaries(&data, &area);
            view! {
                <h2>{area.clone()}</h2>
                <ul class="cards">
                    {cards
                        .into_iter()
                        .map(|s| {
                            let change = s
                                .local
                                .relative()
                                .map(format::signed_percent)
                                .unwrap_or_else(|| "no earlier figure".into());
                            let county_change = s
                                .county
                                .as_ref()
                                .and_then(|c| c.relative())
                                .map(|r| format!("{county}: {}", format::signed_percent(r)));
                            view! {
                                <li class="card">
                                    <h3>{s.measure.clone()}</h3>
                                    <p class="card-figure">{format::count(s.local.current.value)}</p>
                                    <p class="card-change">{change}</p>
                                    <p class="card-period">{s.local.current.period.label()}</p>
                                    {county_change.map(|c| view! { <p class="card-county">{c}</p> })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
    }
}
