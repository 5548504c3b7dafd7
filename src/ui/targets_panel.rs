//! Targets per priority, their status and RAG, and a form to add or remove them.

use super::wide_table::WideTable;
use super::AppState;
use crate::core::assessment::targets::TargetDirection;
use crate::core::assessment::{Assessment, TargetForm, TARGET_AIMS};
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn TargetsPanel(
    /// The assessment as this part of the view has it (`super::turns`).
    assessment: Signal<Option<Arc<Assessment>>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let measures = Memo::new(move |_| {
        assessment
            .get()
            .map(|a| {
                a.measures
                    .iter()
                    .map(|m| m.measure.clone())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let priority = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let chosen_measure = RwSignal::new(String::new());
    let measure = Signal::derive(move || {
        let chosen = chosen_measure.get();
        measures.with(|all| {
            if all.contains(&chosen) {
                chosen
            } else {
                all.first().cloned().unwrap_or_default()
            }
        })
    });
    let direction = RwSignal::new(TargetDirection::Reduce);
    let level = RwSignal::new(String::new());
    let baseline = RwSignal::new(String::new());
    let period = RwSignal::new(String::new());
    let tolerance = RwSignal::new("5".to_string());
    let (message, set_message) = signal(None::<Result<String, String>>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = TargetForm {
            priority: &priority.get_untracked(),
            description: &description.get_untracked(),
            measure: &measure.get_untracked(),
            direction: direction.get_untracked(),
            level: &level.get_untracked(),
            baseline: &baseline.get_untracked(),
            period: &period.get_untracked(),
            tolerance: &tolerance.get_untracked(),
        };
        match typed.target() {
            Ok(target) => {
                let said = format!("Target added to {}.", target.priority);
                state.set_targets(|all| all.push(target));
                priority.set(String::new());
                description.set(String::new());
                set_message.set(Some(Ok(said)));
            }
            Err(problem) => set_message.set(Some(Err(problem))),
        }
    };

    let rows = move |assessment: &Assessment| {
        assessment
            .targets
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let class = format!("rag rag-{}", t.status.rag().label().to_lowercase());
                let remove_label = format!("Remove the target “{}”", t.target.description);
                view! {
                    <tr>
                        <th scope="row">{t.target.priority.clone()}</th>
                        <td>{t.target.description.clone()}</td>
                        <td>{t.target.measure.clone()}</td>
                        <td>
                            <span class=class>{t.status.label()}</span>
                            <span class="rag-word">{format!(" ({})", t.status.rag().label())}</span>
                        </td>
                        <td>{t.sentence.clone()}</td>
                        <td>
                            <button
                                type="button"
                                class="secondary"
                                aria-label=remove_label
                                on:click=move |_| state.set_targets(|all| {
                                    if i < all.len() {
                                        all.remove(i);
                                    }
                                })
                            >
                                "Remove"
                            </button>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };

    let table = move || {
        let Some(shown) = assessment.get() else {
            return view! { <p>"No data to judge targets against yet."</p> }.into_any();
        };
        if shown.targets.is_empty() {
            view! { <p>"No targets yet: add one below."</p> }.into_any()
        } else {
            view! {
                <WideTable
                    class="targets"
                    caption_id="targets-caption"
                    caption=format!("Targets for {}, and how they stand", shown.options.area)
                >
                        <thead>
                            <tr>
                                <th scope="col">"Priority"</th>
                                <th scope="col">"Target"</th>
                                <th scope="col">"Measure"</th>
                                <th scope="col">"Status"</th>
                                <th scope="col">"Why"</th>
                                <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                            </tr>
                        </thead>
                        <tbody>{rows(&shown)}</tbody>
                </WideTable>
            }
            .into_any()
        }
    };
    view! {
        {table}
        <form class="target-form" on:submit=add>
            <fieldset>
                <legend>"Add a target"</legend>
                <div class="option">
                    <label for="target-priority">"Priority"</label>
                    <input id="target-priority" type="text" prop:value=move || priority.get() on:input=move |ev| priority.set(event_target_value(&ev))/>
                </div>
                <div class="option wide">
                    <label for="target-description">"Target, in the plan's words"</label>
                    <input id="target-description" type="text" prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev))/>
                </div>
                <div class="option">
                    <label for="target-measure">"Measure"</label>
                    <super::name_chooser::NameChooser
                        id="target-measure"
                        what="measures"
                        names=measures
                        selected=Signal::derive(move || Some(measure.get()))
                        choose=move |name: String| chosen_measure.set(name)
                    />
                </div>
                <div class="option">
                    <label for="target-direction">"Aim"</label>
                    <select
                        id="target-direction"
                        on:change=move |ev| {
                            let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                            direction.set(TARGET_AIMS.get(i).map(|d| d.0).unwrap_or(TargetDirection::Reduce));
                        }
                    >
                        {TARGET_AIMS
                            .iter()
                            .enumerate()
                            .map(|(i, (d, label))| {
                                let d = *d;
                                view! { <option value=i.to_string() selected=move || direction.get() == d>{*label}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
                <Show when=move || direction.get() == TargetDirection::Reach>
                    <div class="option">
                        <label for="target-level">"Level (in the measure's unit)"</label>
                        <input id="target-level" type="text" inputmode="decimal" size="6" prop:value=move || level.get() on:input=move |ev| level.set(event_target_value(&ev))/>
                    </div>
                </Show>
                <Show when=move || direction.get() != TargetDirection::Reach>
                    <div class="option">
                        <label for="target-baseline">"Baseline period"</label>
                        <input id="target-baseline" type="text" size="9" placeholder="2014/15" prop:value=move || baseline.get() on:input=move |ev| baseline.set(event_target_value(&ev))/>
                    </div>
                </Show>
                <div class="option">
                    <label for="target-period">"Target period"</label>
                    <input id="target-period" type="text" size="9" placeholder="2015/16" prop:value=move || period.get() on:input=move |ev| period.set(event_target_value(&ev))/>
                </div>
                <div class="option">
                    <label for="target-tolerance">"Tolerance (%)"</label>
                    <input id="target-tolerance" type="text" inputmode="decimal" size="4" prop:value=move || tolerance.get() on:input=move |ev| tolerance.set(event_target_value(&ev))/>
                </div>
                <div class="option">
                    <button type="submit">"Add target"</button>
                </div>
            </fieldset>
            {move || {
                message
                    .get()
                    .map(|m| match m {
                        Ok(text) => view! { <p class="status" role="status">{text}</p> }.into_any(),
                        Err(text) => view! { <p class="status status-error" role="alert">{text}</p> }.into_any(),
                    })
            }}
        </form>
    }
}
