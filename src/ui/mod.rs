//! Leptos components. They are thin: figures come from `crate::core`, and web
//! APIs only through `crate::browser`.

mod area_names;
mod assessment_options;
mod assessment_view;
mod board_charts;
mod board_overview;
mod board_pack_button;
mod board_view;
mod board_where;
mod boundaries;
mod chart;
mod data_view;
mod drop_zone;
mod findings_list;
mod hand_mapping;
mod hotspots_panel;
mod loaded_files;
mod map_figure;
mod mapping_editor;
mod measure_table;
mod name_chooser;
mod name_options;
mod neighbourhood_map;
mod on_demand;
mod plan_exports;
mod plan_priority;
mod plan_state;
mod plan_text;
mod plan_view;
mod police_parts_panel;
mod priority_panel;
mod role_picker;
mod route;
mod set_aside_notice;
mod show_more;
mod significance_cell;
mod state;
mod targets_panel;
mod turns;
mod ward_panel;
mod wide_table;

pub use on_demand::{on_demand_view, NotLoaded};
pub use route::Route;
pub use state::{AppState, ImportOutcome, LoadStatus};

use leptos::prelude::*;

/// Where the built-in sample lives in `dist/`; it goes through the same import as a dropped file.
pub const SAMPLE_PATH: &str = "sample/csp-sample-assessment.xlsx";

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    // Drafts are read (and damaged ones set aside) at start, whatever the view,
    // so a hidden or closing page always flushes the last keystrokes.
    provide_context(plan_state::PlanState::load(state.set_aside));
    state.restore_or_load_sample(SAMPLE_PATH);
    let route = route::current_route();

    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="app-header">
            <div class="brand">
                <span class="brand-name">"CSP Workbench"</span>
                <span class="brand-tag">"Strategic assessment and partnership plan"</span>
            </div>
            <nav aria-label="Main">
                <ul>
                    {Route::ALL
                        .into_iter()
                        .map(|r| {
                            view! {
                                <li>
                                    <a
                                        href=r.href()
                                        aria-current=move || (route.get() == r).then_some("page")
                                    >
                                        {r.title()}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
            // After the navigation, so the keyboard reaches the views first.
            <DataInUse/>
        </header>
        <main id="main" tabindex="-1">
            <StatusBanner/>
            <set_aside_notice::SetAsideNotice/>
            {move || match route.get() {
                Route::Data => view! { <data_view::DataView/> }.into_any(),
                Route::Assessment => view! { <assessment_view::AssessmentView/> }.into_any(),
                // Not the landing view: their code is fetched when first opened.
                Route::Plan => on_demand::on_demand_view("the Plan view", plan_view::plan_view).into_any(),
                Route::Board => on_demand::on_demand_view("the Board view", board_view::board_view).into_any(),
            }}
        </main>
        <footer class="app-footer">
            <p>
                "Your data stays in this browser. Files you open are read here and are never uploaded."
            </p>
        </footer>
    }
}

/// Which data set the assessment uses: the built-in sample or the user's files.
#[component]
fn DataInUse() -> impl IntoView {
    let state = expect_context::<AppState>();
    let label = move || {
        state.dataset.with(|d| match d.origin {
            crate::core::dataset::DataOrigin::Sample => crate::core::assessment::sample_label(),
            crate::core::dataset::DataOrigin::User => match d.file_names().len() {
                0 => "No data loaded".to_string(),
                1 => "Your data: 1 file".to_string(),
                n => format!("Your data: {} files", crate::core::format::count(n as f64)),
            },
        })
    };
    view! {
        <p class="data-in-use" data-testid="data-in-use">
            <span class="visually-hidden">"Data in use: "</span>
            <a href=Route::Data.href()>{label}</a>
        </p>
    }
}

/// Says what the workbench is doing with the data, or why it could not.
#[component]
fn StatusBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || match state.status.get() {
        LoadStatus::Loading(what) => {
            view! { <p class="status" role="status">{format!("Loading {what}…")}</p> }.into_any()
        }
        LoadStatus::Failed(sentence) => {
            view! { <p class="status status-error" role="alert">{sentence}</p> }.into_any()
        }
        LoadStatus::Ready => match state.warning.get() {
            Some(sentence) => {
                view! { <p class="status status-error" role="alert">{sentence}</p> }.into_any()
            }
            None => ().into_any(),
        },
    }
}
