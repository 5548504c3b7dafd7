//! The Assessment view: the officer's choices, every measure in a table, the
//! districts on a chart, the findings, the targets and the priority matrix.

use super::assessment_options::AssessmentOptions;
use super::chart::Chart;
use super::findings_list::FindingsList;
use super::hotspots_panel::hotspots_panel;
use super::map_figure::MapFigure;
use super::measure_table::MeasureTable;
use super::neighbourhood_map::neighbourhood_map;
use super::on_demand::{on_demand_view, with_police_parts, with_street_records, THE_MAPS};
use super::police_parts_panel::police_parts_panel;
use super::priority_panel::PriorityPanel;
use super::targets_panel::TargetsPanel;
use super::turns::Turns;
use super::AppState;
use crate::core::assessment::{report, Assessment};
use crate::core::charts;
use crate::core::maps::{self, asset::Boundaries, MapSpec, MapValue};
use leptos::prelude::*;
use std::sync::Arc;

/// The assessment as the view's parts are given it, a few parts a task
/// (`super::turns`): a new assessment of thousands of measures is drawn in
/// many short tasks, not one long one.
pub(super) type AssessmentTurns = Turns<Option<Arc<Assessment>>>;

#[component]
pub fn AssessmentView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let turns: AssessmentTurns = Turns::new(state.assessment);
    // What the page shows once every part has it: the heading names it.
    let settled = turns.settled();
    // Figures are being updated from a choice (or new data) until the
    // recompute is done and every part of the page has the new assessment.
    let updating = Memo::new(move |_| state.assessing.with(Option::is_some) || turns.running());
    let updating_for = move || {
        state
            .options
            .with(|o| o.area.clone())
            .or_else(|| settled.with(|a| a.as_ref().map(|a| a.options.area.clone())))
    };

    view! {
        <h1>"Assessment"</h1>
        <p class="lede">
            {move || match settled.get() {
                Some(a) => format!(
                    "{}. Each figure against the period before, the county, the other areas and a baseline; whether each change is real; the targets; and what should be a priority.",
                    report::heading(&a),
                ),
                None => "No figures yet: the Data view lists what has been imported.".to_string(),
            }}
        </p>
        <LeftOut/>
        // Always in the page, so its words are announced when they change.
        <p class="updating-status" role="status">
            {move || {
                updating
                    .get()
                    .then(|| match updating_for() {
                        Some(area) => format!("Updating the figures for {area}…"),
                        None => "Updating the figures…".to_string(),
                    })
            }}
        </p>
        {move || {
            state
                .assessing
                .get()
                .map(|progress| view! { <p class="assessing">{progress.line()}</p> })
        }}
        <AssessmentOptions/>
        <nav class="on-this-page" aria-label="On this page">
            <ul>
                <li><a href="#measures-heading" on:click=jump("measures-heading")>"Measures"</a></li>
                <li><a href="#comparison-heading" on:click=jump("comparison-heading")>"Compared with other areas"</a></li>
                <li><a href="#findings-heading" on:click=jump("findings-heading")>"Findings"</a></li>
                {move || {
                    state
                        .dataset
                        .with(|d| !d.lsoa_tallies.is_empty())
                        .then(|| {
                            view! {
                                <li><a href="#hotspots-heading" on:click=jump("hotspots-heading")>"Where it happens"</a></li>
                            }
                        })
                }}
                {with_police_parts(|| {
                    view! {
                        <li><a href="#police-parts-heading" on:click=jump("police-parts-heading")>"Stop and search and outcomes"</a></li>
                    }
                })}
                <li><a href="#targets-heading" on:click=jump("targets-heading")>"Targets"</a></li>
                <li><a href="#priorities-heading" on:click=jump("priorities-heading")>"Priorities"</a></li>
            </ul>
        </nav>
        // The figures: busy, and marked as from the previous choice, while updated.
        <div
            class="figures"
            class:updating=move || updating.get()
            aria-busy=move || updating.get().then_some("true")
        >
            <section aria-labelledby="measures-heading">
                <h2 id="measures-heading" tabindex="-1">"Measures"</h2>
                <MeasureTable turns=turns/>
            </section>
            <LocalAreaViews turns=turns/>
            <section aria-labelledby="findings-heading">
                <h2 id="findings-heading" tabindex="-1">"Findings"</h2>
                <p>
                    "In the plan's words, ready to use. Each names its method and the cells its figures came from."
                </p>
                <FindingsList turns=turns/>
            </section>
            {with_street_records(|| on_demand_view(THE_MAPS, hotspots_panel))}
            {with_police_parts(|| on_demand_view(THE_MAPS, police_parts_panel))}
            <section aria-labelledby="targets-heading">
                <h2 id="targets-heading" tabindex="-1">"Targets"</h2>
                <TargetsPanel assessment=turns.part_flat()/>
            </section>
            <section aria-labelledby="priorities-heading">
                <h2 id="priorities-heading" tabindex="-1">"Priorities"</h2>
                <PriorityPanel turns=turns/>
            </section>
        </div>
    }
}

/// The district chart and the neighbourhood map, keyed on the local area:
/// choosing another starts again from its first measure.
#[component]
fn LocalAreaViews(turns: AssessmentTurns) -> impl IntoView {
    let assessment = turns.part_flat();
    let area = Memo::new(move |_| assessment.with(|a| a.as_ref().map(|a| a.options.area.clone())));
    view! {
        {move || area.get().map(|_| view! { <DistrictChart assessment=assessment/> })}
        {with_street_records(move || {
            area.get().map(|a| on_demand_view(THE_MAPS, move || neighbourhood_map(a.clone())))
        })}
    }
}

/// Tables kept out of the assessment because their reading is in doubt, named
/// so the user knows what is missing and where to confirm it.
#[component]
fn LeftOut() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let left_out = state.dataset.with(|d| crate::core::assessment::left_out(d));
        (!left_out.is_empty()).then(|| {
            view! {
                <div class="status left-out" role="note">
                    <p>
                        {format!(
                            "{} left out of this assessment until you check how {} read: ",
                            if left_out.len() == 1 { "One table is".to_string() } else { format!("{} tables are", left_out.len()) },
                            if left_out.len() == 1 { "it was" } else { "they were" },
                        )}
                        <a href=super::Route::Data.href()>"Check how this was read, in the Data view"</a>
                        "."
                    </p>
                    <ul>
                        {left_out.into_iter().map(|t| view! { <li>{t.table}</li> }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// In-page links move focus to their heading; the app's hash routes would
/// otherwise read the fragment as a page.
fn jump(id: &'static str) -> impl Fn(leptos::ev::MouseEvent) {
    move |ev| {
        ev.prevent_default();
        crate::browser::focus_element(id);
    }
}

#[component]
fn DistrictChart(assessment: Signal<Option<Arc<Assessment>>>) -> impl IntoView {
    let measures = Memo::new(move |_| {
        assessment.with(|a| {
            a.as_ref()
                .map(|a| {
                    a.comparisons
                        .iter()
                        .map(|c| c.measure.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let (chosen, set_chosen) = signal(None::<String>);
    let selected = Memo::new(move |_| {
        let all = measures.get();
        let wanted = chosen.get().unwrap_or_else(|| "All crime".to_string());
        all.iter()
            .find(|m| **m == wanted)
            .or_else(|| all.first())
            .cloned()
    });
    let palette = crate::browser::css_palette();
    // (option, description, table, file stem) of the chosen measure's chart,
    // built by the core from the comparison the assessment already made.
    let drawn = Memo::new(move |_| {
        let measure = selected.get()?;
        let a = assessment.get()?;
        let spec = charts::district_bars_of(&a, &palette, &measure)?;
        let (option, stem) = (spec.option_json(), spec.file_stem());
        Some((option, spec.description, spec.table, stem))
    });
    let option = Signal::derive(move || {
        drawn
            .with(|d| d.as_ref().map(|d| d.0.clone()))
            .unwrap_or_default()
    });
    let description = Signal::derive(move || {
        drawn
            .with(|d| d.as_ref().map(|d| d.1.clone()))
            .unwrap_or_default()
    });
    let name = Signal::derive(move || {
        drawn
            .with(|d| d.as_ref().map(|d| d.3.clone()))
            .unwrap_or_default()
    });
    let table = Signal::derive(move || {
        drawn
            .with(|d| d.as_ref().map(|d| d.2.clone()))
            .unwrap_or_default()
    });

    // The map is drawn only once asked for, so neither its code nor its
    // boundaries are fetched on the first visit.
    let (as_map, set_as_map) = signal(false);
    let (map_value, set_map_value) = signal(MapValue::Rate);

    view! {
        <section class="comparison" aria-labelledby="comparison-heading">
            <h2 id="comparison-heading">"Compared with other districts"</h2>
            <div class="controls">
                <label for="measure-select">"Measure"</label>
                <super::name_chooser::NameChooser
                    id="measure-select"
                    what="measures"
                    names=measures
                    selected=selected
                    choose=move |name: String| set_chosen.set(Some(name))
                />
                <label for="district-view-select">"Show as"</label>
                <select
                    id="district-view-select"
                    on:change=move |ev| set_as_map.set(event_target_value(&ev) == "map")
                    prop:value=move || if as_map.get() { "map" } else { "bars" }
                >
                    <option value="bars">"Bar chart"</option>
                    <option value="map">"Map"</option>
                </select>
                <Show when=move || as_map.get()>
                    <label for="map-value-select">"Colour by"</label>
                    <select
                        id="map-value-select"
                        on:change=move |ev| set_map_value.set(MapValue::from_key(&event_target_value(&ev)))
                        prop:value=move || map_value.get().key()
                    >
                        {MapValue::ALL
                            .into_iter()
                            .map(|v| view! { <option value=v.key()>{v.label()}</option> })
                            .collect_view()}
                    </select>
                </Show>
            </div>
            <Show
                when=move || drawn.with(Option::is_some)
                fallback=|| view! { <p>"No measure has figures for more than one district."</p> }
            >
                <Show
                    when=move || as_map.get()
                    fallback=move || view! {
                        <Chart option=option description=description table=table id="district-comparison" name=name/>
                    }
                >
                    {on_demand_view(THE_MAPS, move || district_map(assessment, selected, map_value))}
                </Show>
            </Show>
        </section>
    }
}

super::on_demand::on_demand! { where_it_happens;
    /// The districts as a map of the chosen measure, coloured by `value`; the
    /// boundaries are fetched the first time (`super::boundaries`).
    fn district_map(
        assessment: Signal<Option<Arc<Assessment>>>,
        measure: Memo<Option<String>>,
        value: ReadSignal<MapValue>,
    ) -> AnyView {
        let (boundaries, set_boundaries) = signal(None::<Result<Arc<Boundaries>, String>>);
        leptos::task::spawn_local(async move {
            let loaded = super::boundaries::load(maps::DISTRICTS_PATH).await;
            set_boundaries.set(Some(loaded));
        });
        let map = Memo::new(move |_| -> Option<Result<MapSpec, String>> {
            let measure = measure.get()?;
            let a = assessment.get()?;
            let comparison = a.comparisons.iter().find(|c| c.measure == measure)?;
            Some(match boundaries.get()? {
                Ok(b) => maps::district_map(comparison, &b, &a.options.area, value.get()),
                Err(e) => Err(e),
            })
        });
        (move || match map.get() {
            None => view! { <p class="status" role="status">"Loading the district boundaries…"</p> }.into_any(),
            Some(Err(e)) => view! { <p class="status status-error" role="alert">{format!("The map cannot be drawn: {e}.")}</p> }.into_any(),
            Some(Ok(spec)) => {
                let spec = Signal::derive(move || {
                    map.get().and_then(Result::ok).unwrap_or_else(|| spec.clone())
                });
                view! { <MapFigure spec=spec/> }.into_any()
            }
        })
        .into_any()
    }
}
