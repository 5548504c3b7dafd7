//! The Plan view: the analysis lines the data supports, in the plan's own words,
//! ready for the review of the year.

use super::AppState;
use crate::core::assessment;
use leptos::prelude::*;

#[component]
pub fn PlanView() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <h1>"Plan"</h1>
        <p class="lede">
            "Analysis for the review of the year, written from the figures. Each line names the period it covers."
        </p>
        {move || {
            let data = state.dataset.get();
            let Some(area) = data.default_area(super::PREFERRED_AREA) else {
                return view! { <p>"Import a table with district figures to see the analysis."</p> }
                    .into_any();
            };
            let county = assessment::county_area(&data);
            let lines = assessment::measure_summaries(&data, &area);
            view! {
                <section aria-labelledby="analysis-heading">
                    <h2 id="analysis-heading">{format!("Analysis: {area}")}</h2>
                    <ul class="analysis">
                        {lines
                            .iter()
                            .map(|s| view! { <li>{s.sentence(county.as_deref())}</li> })
                            .collect_view()}
                    </ul>
                </section>
            }
                .into_any()
        }}
    }
}
