//! The Assessment view's choices: local area, comparison area and peers, the
//! reporting period, what it is compared with, the baseline years and plan year.

use super::AppState;
use crate::core::assessment::choices::{
    comparison_label, month_label, parse_baseline, period_ends, plan_years_offered, search_names,
    AreaSearch, COMPARISON_YEARS,
};
use crate::core::assessment::options::plan_year_label;
use crate::core::assessment::{self, Comparison, PeerGroup, SAMPLE_AREA};
use leptos::prelude::*;

#[component]
pub fn AssessmentOptions() -> impl IntoView {
    let state = expect_context::<AppState>();
    let resolved = Memo::new(move |_| state.assessment.get().map(|a| a.options.clone()));
    // With what the geography adds (a partnership summed from its districts).
    let areas = Memo::new(move |_| state.analysed.with(|d| d.areas_with_levels()));
    let local = Memo::new(move |_| resolved.get().map(|r| r.area).unwrap_or_default());
    // From the areas the assessment's index read: indexing the figures again
    // here would freeze the page for a workbook of thousands of measures.
    let comparisons = Memo::new(move |_| {
        let area = local.get();
        state.assessment.with(|a| match a {
            Some(a) => assessment::comparison_choices(&a.area_levels(), &area),
            None => Vec::new(),
        })
    });
    let peers = Memo::new(move |_| {
        let area = local.get();
        let imported = state.options.with(|o| match &o.peers {
            Some(g @ PeerGroup::Imported { .. }) => Some(g.clone()),
            _ => None,
        });
        state.assessment.with(|a| match a {
            Some(a) => assessment::peer_choices(&a.area_levels(), &area, imported.as_ref()),
            None => Vec::new(),
        })
    });
    // Every district and partnership of England and Wales, the files' own areas first.
    let search = RwSignal::new(String::new());
    let search_note = RwSignal::new(None::<String>);
    let file_areas =
        Memo::new(move |_| areas.with(|a| a.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>()));
    let offered_names = Memo::new(move |_| {
        state.geography.track();
        file_areas.with(|a| search_names(a))
    });
    // What was searched for before the list of every area had loaded.
    let pending = RwSignal::new(None::<String>);
    let choose_searched = move |text: String| {
        if !crate::core::geography::is_whole() {
            state.want_geography();
            pending.set(Some(text));
            search_note.set(Some("Loading the list of every area…".to_string()));
            return;
        }
        let found = file_areas.with_untracked(|a| AreaSearch::find(&text, a));
        if let AreaSearch::Found(chosen) = &found {
            state.set_options(|o| o.area = Some(chosen.clone()));
        }
        if let Some(note) = found.note() {
            search_note.set(Some(note));
        }
    };
    Effect::new(move |_| {
        state.geography.track();
        if crate::core::geography::is_whole() {
            if let Some(text) = pending.try_update(Option::take).flatten() {
                search_note.set(None);
                choose_searched(text);
            }
        }
    });
    let group_name = RwSignal::new(String::new());
    let group_text = RwSignal::new(String::new());
    let group_note = RwSignal::new(String::new());
    let use_group = move || {
        let (group, unknown) =
            PeerGroup::imported(&group_name.get_untracked(), &group_text.get_untracked());
        let PeerGroup::Imported { members, .. } = &group else {
            return;
        };
        if members.len() < 2 {
            group_note.set("Give at least two areas, one a line.".to_string());
            return;
        }
        group_note.set(if unknown.is_empty() {
            format!("Ranking among {} areas.", members.len())
        } else {
            format!(
                "Ranking among {} areas; not recognised, kept as written: {}.",
                members.len(),
                unknown.join(", ")
            )
        });
        state.set_options(|o| {
            o.peers = Some(group);
            o.peer_level = None;
        });
    };
    let period_ends = Memo::new(move |_| state.dataset.with(|d| period_ends(d)));
    let (baseline_problem, set_baseline_problem) = signal(None::<String>);
    let baseline_from = RwSignal::new(String::new());
    let baseline_to = RwSignal::new(String::new());
    Effect::new(move |_| {
        let (from, to) = match state.options.with(|o| o.baseline) {
            Some((f, t)) => (f.to_string(), t.to_string()),
            None => (String::new(), String::new()),
        };
        baseline_from.set(from);
        baseline_to.set(to);
    });
    let apply_baseline = move || match parse_baseline(
        &baseline_from.get_untracked(),
        &baseline_to.get_untracked(),
    ) {
        Ok(baseline) => {
            set_baseline_problem.set(None);
            state.set_options(|o| o.baseline = baseline);
        }
        Err(problem) => set_baseline_problem.set(Some(problem)),
    };

    view! {
        <form class="assessment-options" on:submit=move |ev| ev.prevent_default()>
            <fieldset>
                <legend>"What to assess"</legend>
                <div class="option">
                    <label for="area-select">"Local area"</label>
                    <select
                        id="area-select"
                        aria-describedby="area-hint"
                        on:change=move |ev| {
                            let area = event_target_value(&ev);
                            state.set_options(|o| o.area = Some(area));
                        }
                    >
                        {move || {
                            let current = resolved.get().map(|r| r.area).unwrap_or_default();
                            areas
                                .get()
                                .into_iter()
                                .map(|(a, _)| {
                                    let selected = a == current;
                                    view! { <option value=a.clone() selected=selected>{a.clone()}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                    <p class="hint" id="area-hint">
                        {move || {
                            let chosen = state.options.with(|o| o.area.is_some());
                            let r = resolved.get();
                            match r {
                                Some(r) if !chosen && r.area != SAMPLE_AREA => {
                                    format!("Proposed from your files: {}, the area with the most figures.", r.area)
                                }
                                _ => String::new(),
                            }
                        }}
                    </p>
                </div>
                <div class="option area-search">
                    <label for="area-search">"Find any district or partnership"</label>
                    <input
                        id="area-search"
                        type="search"
                        list="area-search-list"
                        autocomplete="off"
                        aria-describedby="area-search-hint"
                        on:focus=move |_| state.want_geography()
                        prop:value=move || search.get()
                        on:input=move |ev| search.set(event_target_value(&ev))
                        on:change=move |ev| choose_searched(event_target_value(&ev))
                        on:keydown=move |ev| {
                            if ev.key() == "Enter" {
                                ev.prevent_default();
                                choose_searched(search.get_untracked());
                            }
                        }
                    />
                    <datalist id="area-search-list">
                        {move || {
                            offered_names
                                .get()
                                .into_iter()
                                .map(|n| view! { <option value=n.clone()></option> })
                                .collect_view()
                        }}
                    </datalist>
                    <p class="hint" id="area-search-hint" aria-live="polite">
                        {move || search_note.get().unwrap_or_else(|| {
                            "Type a name or ONS code; every district and community safety partnership in England and Wales is listed.".to_string()
                        })}
                    </p>
                </div>
                <div class="option">
                    <label for="county-select">"Compared with"</label>
                    <select
                        id="county-select"
                        on:change=move |ev| {
                            let area = event_target_value(&ev);
                            state.set_options(|o| o.county = (!area.is_empty()).then_some(area));
                        }
                    >
                        {move || {
                            let current = resolved.get().and_then(|r| r.county).unwrap_or_default();
                            let mut options = vec![
                                view! { <option value="" selected=current.is_empty()>"No wider area"</option> }
                                    .into_any(),
                            ];
                            options.extend(
                                comparisons
                                    .get()
                                    .into_iter()
                                    .map(|c| {
                                        let selected = c.area == current;
                                        view! { <option value=c.area.clone() selected=selected>{c.label.clone()}</option> }
                                            .into_any()
                                    }),
                            );
                            options.collect_view()
                        }}
                    </select>
                </div>
                <div class="option">
                    <label for="peers-select">"Ranked among"</label>
                    <select
                        id="peers-select"
                        on:change=move |ev| {
                            let chosen: Option<usize> = event_target_value(&ev).parse().ok();
                            let group = chosen.and_then(|i| peers.with(|p| p.get(i).map(|c| c.group.clone())));
                            state.set_options(|o| {
                                o.peers = group;
                                o.peer_level = None;
                            });
                        }
                    >
                        {move || {
                            let stored = state.options.with(|o| o.peers.clone());
                            let r = resolved.get();
                            let current_label = r.as_ref().and_then(|r| r.peers.as_ref().map(|p| p.label.clone()));
                            let mut options = vec![
                                view! {
                                    <option value="" selected=stored.is_none()>
                                        {match &current_label {
                                            Some(label) => format!("Automatic: the {label}"),
                                            None => "Automatic".to_string(),
                                        }}
                                    </option>
                                }
                                    .into_any(),
                            ];
                            options.extend(
                                peers
                                    .get()
                                    .into_iter()
                                    .enumerate()
                                    .map(|(i, c)| {
                                        let selected = stored.as_ref() == Some(&c.group);
                                        view! { <option value=i.to_string() selected=selected>{c.label.clone()}</option> }
                                            .into_any()
                                    }),
                            );
                            options.collect_view()
                        }}
                    </select>
                    <details class="peer-group">
                        <summary>"Use your own group"</summary>
                        <label for="peer-group-name">"Group name"</label>
                        <input
                            id="peer-group-name"
                            type="text"
                            placeholder="Most similar group"
                            prop:value=move || group_name.get()
                            on:input=move |ev| group_name.set(event_target_value(&ev))
                        />
                        <label for="peer-group-list">"Areas in the group (names or ONS codes, one a line)"</label>
                        <textarea
                            id="peer-group-list"
                            rows="5"
                            on:focus=move |_| state.want_geography()
                            prop:value=move || group_text.get()
                            on:input=move |ev| group_text.set(event_target_value(&ev))
                        ></textarea>
                        <button type="button" on:click=move |_| use_group()>"Rank among this group"</button>
                        <p class="hint" aria-live="polite">{move || group_note.get()}</p>
                    </details>
                </div>
                <div class="option">
                    <label for="period-select">"Data up to"</label>
                    <select
                        id="period-select"
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            state.set_options(|o| o.period_end = value.parse().ok());
                        }
                    >
                        {move || {
                            let chosen = state.options.with(|o| o.period_end);
                            let mut options = vec![
                                view! {
                                    <option value="" selected=chosen.is_none()>
                                        "The latest figures"
                                    </option>
                                }
                                    .into_any(),
                            ];
                            options.extend(
                                period_ends
                                    .get()
                                    .into_iter()
                                    .map(|m| {
                                        view! {
                                            <option value=m.to_string() selected=chosen == Some(m)>
                                                {month_label(m)}
                                            </option>
                                        }
                                            .into_any()
                                    }),
                            );
                            options.collect_view()
                        }}
                    </select>
                </div>
                <div class="option">
                    <label for="comparison-select">"Compare each figure with"</label>
                    <select
                        id="comparison-select"
                        on:change=move |ev| {
                            let years: u8 = event_target_value(&ev).parse().unwrap_or(0);
                            state
                                .set_options(|o| {
                                    o.comparison = if years == 0 {
                                        Comparison::PreviousPeriod
                                    } else {
                                        Comparison::YearsEarlier(years)
                                    };
                                });
                        }
                    >
                        {move || {
                            let current = match state.options.with(|o| o.comparison) {
                                Comparison::PreviousPeriod => 0,
                                Comparison::YearsEarlier(n) => n,
                            };
                            COMPARISON_YEARS
                                .map(|n| {
                                    let label = comparison_label(n);
                                    view! { <option value=n.to_string() selected=current == n>{label}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                </div>
                <div class="option baseline">
                    <span class="option-label" id="baseline-label">"Baseline years"</span>
                    <div class="pair" role="group" aria-labelledby="baseline-label">
                        <label for="baseline-from" class="visually-hidden">"First baseline year"</label>
                        <input
                            id="baseline-from"
                            type="text"
                            inputmode="numeric"
                            size="5"
                            placeholder="auto"
                            prop:value=move || baseline_from.get()
                            on:input=move |ev| baseline_from.set(event_target_value(&ev))
                            on:change=move |_| apply_baseline()
                        />
                        <span aria-hidden="true">"to"</span>
                        <label for="baseline-to" class="visually-hidden">"Last baseline year"</label>
                        <input
                            id="baseline-to"
                            type="text"
                            inputmode="numeric"
                            size="5"
                            placeholder="auto"
                            prop:value=move || baseline_to.get()
                            on:input=move |ev| baseline_to.set(event_target_value(&ev))
                            on:change=move |_| apply_baseline()
                        />
                    </div>
                    <p class="hint" id="baseline-hint">
                        "Blank: the first five years on file, when there are eight or more."
                    </p>
                </div>
                <div class="option">
                    <label for="plan-year">"Plan year"</label>
                    <select
                        id="plan-year"
                        on:change=move |ev| {
                            let year = event_target_value(&ev).parse().ok();
                            state.set_options(|o| o.plan_year = year);
                        }
                    >
                        {move || {
                            let chosen = state.options.with(|o| o.plan_year);
                            let automatic = resolved.get().map(|r| r.plan_year).unwrap_or(2016);
                            let mut options = vec![
                                view! {
                                    <option value="" selected=chosen.is_none()>
                                        {format!("{} (the year after the data)", plan_year_label(automatic))}
                                    </option>
                                }
                                    .into_any(),
                            ];
                            options.extend(
                                plan_years_offered(automatic)
                                    .map(|y| {
                                        view! {
                                            <option value=y.to_string() selected=chosen == Some(y)>
                                                {plan_year_label(y)}
                                            </option>
                                        }
                                            .into_any()
                                    }),
                            );
                            options.collect_view()
                        }}
                    </select>
                </div>
            </fieldset>
            {move || {
                baseline_problem
                    .get()
                    .map(|p| view! { <p class="status status-error" role="alert">{p}</p> })
            }}
        </form>
    }
}
