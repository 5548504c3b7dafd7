//! The Assessment view's choices: local area, comparison area and peers, the
//! reporting period, what it is compared with, the baseline years and plan year.

use super::AppState;
use crate::core::areas::AreaLevel;
use crate::core::assessment::index::last_month;
use crate::core::assessment::options::plan_year_label;
use crate::core::assessment::wording::level_plural;
use crate::core::assessment::{is_population, Comparison};
use crate::core::date::Date;
use leptos::prelude::*;
use std::collections::BTreeSet;

fn month_label(index: i64) -> String {
    let (year, month) = Date::from_month_index(index);
    let date = Date::first_of_month(year, month);
    format!("{} {}", date.short_month_name(), date.year)
}

/// A year typed into a box: blank is "automatic", anything else must be a year.
fn parse_year(text: &str) -> Result<Option<i32>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<i32>() {
        Ok(y) if (1800..=2200).contains(&y) => Ok(Some(y)),
        _ => Err(format!(
            "“{text}” is not a year: type four digits, such as 2004."
        )),
    }
}

#[component]
pub fn AssessmentOptions() -> impl IntoView {
    let state = expect_context::<AppState>();
    let resolved = Memo::new(move |_| state.assessment.get().map(|a| a.options.clone()));
    let areas = Memo::new(move |_| state.dataset.with(|d| d.areas_with_levels()));
    let levels = Memo::new(move |_| {
        areas.with(|a| {
            a.iter()
                .map(|(_, l)| *l)
                .collect::<BTreeSet<AreaLevel>>()
                .into_iter()
                .collect::<Vec<_>>()
        })
    });
    let period_ends = Memo::new(move |_| {
        state.dataset.with(|d| {
            d.observations
                .iter()
                .filter(|o| !is_population(&o.measure))
                .map(|o| last_month(&o.period))
                .collect::<BTreeSet<i64>>()
                .into_iter()
                .rev()
                .collect::<Vec<_>>()
        })
    });
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
    let apply_baseline = move || {
        let from = parse_year(&baseline_from.get_untracked());
        let to = parse_year(&baseline_to.get_untracked());
        match (from, to) {
            (Ok(None), Ok(None)) => {
                set_baseline_problem.set(None);
                state.set_options(|o| o.baseline = None);
            }
            (Ok(Some(f)), Ok(Some(t))) if f <= t => {
                set_baseline_problem.set(None);
                state.set_options(|o| o.baseline = Some((f, t)));
            }
            (Ok(Some(_)), Ok(Some(_))) => set_baseline_problem.set(Some(
                "The baseline's first year must come before its last.".to_string(),
            )),
            (Err(e), _) | (_, Err(e)) => set_baseline_problem.set(Some(e)),
            _ => set_baseline_problem.set(Some(
                "Give both the first and the last baseline year, or leave both blank for the first five years on file."
                    .to_string(),
            )),
        }
    };

    view! {
        <form class="assessment-options" on:submit=move |ev| ev.prevent_default()>
            <fieldset>
                <legend>"What to assess"</legend>
                <div class="option">
                    <label for="area-select">"Local area"</label>
                    <select
                        id="area-select"
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
                            let r = resolved.get();
                            let local = r.as_ref().map(|r| r.area.clone()).unwrap_or_default();
                            let current = r.and_then(|r| r.county).unwrap_or_default();
                            let mut options = vec![
                                view! { <option value="" selected=current.is_empty()>"No wider area"</option> }
                                    .into_any(),
                            ];
                            options.extend(
                                areas
                                    .get()
                                    .into_iter()
                                    .filter(|(a, _)| *a != local)
                                    .map(|(a, _)| {
                                        let selected = a == current;
                                        view! { <option value=a.clone() selected=selected>{a.clone()}</option> }
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
                            let index: usize = event_target_value(&ev).parse().unwrap_or(0);
                            let level = AreaLevel::ALL.get(index).copied();
                            state.set_options(|o| o.peer_level = level);
                        }
                    >
                        {move || {
                            let current = resolved.get().map(|r| r.peer_level);
                            levels
                                .get()
                                .into_iter()
                                .map(|l| {
                                    let index = AreaLevel::ALL.iter().position(|x| *x == l).unwrap_or(0);
                                    view! {
                                        <option value=index.to_string() selected=current == Some(l)>
                                            {format!("All {}", level_plural(l))}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
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
                            (0u8..=5)
                                .map(|n| {
                                    let label = match n {
                                        0 => "The period before".to_string(),
                                        1 => "The same period a year earlier".to_string(),
                                        n => format!("The same period {n} years earlier"),
                                    };
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
                                (automatic - 3..=automatic + 3)
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
