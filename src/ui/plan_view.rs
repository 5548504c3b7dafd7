//! The Plan view: drafting the Partnership Plan. Drafts are saved in this
//! browser within a second of typing, with snapshots, undo and redo; a second
//! tab is noticed; a full store or damaged data is said plainly and nothing is lost.

use super::plan_exports::PlanExports;
use super::plan_priority::PriorityEditor;
use super::plan_state::{PlanState, SaveStatus};
use super::plan_text::TextField;
use super::AppState;
use crate::browser;
use crate::core::plan::{plan_from_assessment, Field, Plan};
use leptos::prelude::*;

#[component]
fn SaveIndicator() -> impl IntoView {
    let plan = expect_context::<PlanState>();
    move || {
        match plan.status.get() {
        SaveStatus::Idle => view! { <p class="save-status" role="status"></p> }.into_any(),
        SaveStatus::Pending => view! { <p class="save-status" role="status">"Saving…"</p> }.into_any(),
        SaveStatus::Saved(ms) => view! {
            <p class="save-status" role="status">{format!("Saved in this browser at {}", browser::time_of_day(ms))}</p>
        }
            .into_any(),
        SaveStatus::Updated(ms) => view! {
            <p class="save-status" role="status">
                {format!("Updated with the changes saved in another tab at {}", browser::time_of_day(ms))}
            </p>
        }
            .into_any(),
        SaveStatus::Failed(sentence) => {
            view! { <p class="save-status status status-error" role="alert">{sentence}</p> }.into_any()
        }
    }
    }
}

/// Another tab saved this draft: the user chooses; nothing is overwritten silently.
#[component]
fn Conflict() -> impl IntoView {
    let plan = expect_context::<PlanState>();
    move || {
        plan.conflict.get().map(|theirs| {
            view! {
                <div class="conflict status status-error" role="alert">
                    <p>
                        {format!(
                            "This draft was changed in another tab or window (saved at {}). Your changes here have not been saved over it.",
                            browser::time_of_day(theirs.saved_ms),
                        )}
                    </p>
                    <button type="button" on:click=move |_| plan.keep_mine_as_copy()>"Keep both: save mine as a copy"</button>
                    <button type="button" class="secondary" on:click=move |_| plan.take_theirs()>"Load the other version (mine is lost)"</button>
                </div>
            }
        })
    }
}

#[component]
fn DraftBar() -> impl IntoView {
    let app = expect_context::<AppState>();
    let plan = expect_context::<PlanState>();
    let (confirm_delete, set_confirm_delete) = signal(false);
    let open_id = Memo::new(move |_| plan.current.with(|c| c.as_ref().map(|d| d.id.clone())));
    let name = move || {
        plan.current
            .with(|c| c.as_ref().map(|d| d.name.clone()))
            .unwrap_or_default()
    };
    let from_assessment = move |_| {
        let fresh = app
            .assessment
            .get_untracked()
            .map(|a| plan_from_assessment(&a))
            .unwrap_or_default();
        let name = format!("{} draft", fresh.title);
        plan.create(&name, fresh);
    };
    view! {
        <div class="draft-bar">
            <div class="option">
                <label for="draft-select">"Draft"</label>
                <select id="draft-select" on:change=move |ev| plan.switch_to(&event_target_value(&ev))>
                    {move || {
                        let open = open_id.get();
                        plan.drafts
                            .get()
                            .into_iter()
                            .map(|s| {
                                let selected = Some(&s.id) == open.as_ref();
                                view! {
                                    <option value=s.id.clone() selected=selected>
                                        {format!("{} (saved {})", s.name, browser::date_time(s.saved_ms))}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            <div class="option">
                <label for="draft-name">"Name"</label>
                <input id="draft-name" type="text" prop:value=name on:change=move |ev| plan.rename(&event_target_value(&ev))/>
            </div>
            <div class="draft-actions">
                <button type="button" on:click=from_assessment>"New draft from the assessment"</button>
                <button type="button" class="secondary" on:click=move |_| plan.create("Blank plan", Plan::new("Community Safety Partnership Plan"))>"New blank draft"</button>
                {move || if confirm_delete.get() {
                    view! {
                        <button type="button" class="danger" on:click=move |_| { set_confirm_delete.set(false); plan.delete_current(); }>
                            {move || format!("Delete “{}” for good", name())}
                        </button>
                        <button type="button" class="secondary" on:click=move |_| set_confirm_delete.set(false)>"Keep it"</button>
                    }.into_any()
                } else {
                    view! { <button type="button" class="secondary" on:click=move |_| set_confirm_delete.set(true)>"Delete this draft…"</button> }.into_any()
                }}
            </div>
        </div>
    }
}

#[component]
fn Snapshots() -> impl IntoView {
    let plan = expect_context::<PlanState>();
    let label = RwSignal::new(String::new());
    view! {
        <details class="snapshots">
            <summary>"Versions (snapshots)"</summary>
            <form class="option-row" on:submit=move |ev| {
                ev.prevent_default();
                let text = label.get_untracked();
                let text = if text.trim().is_empty() { "Snapshot".to_string() } else { text };
                plan.snapshot(&text);
                label.set(String::new());
            }>
                <label for="snapshot-label">"Name for a snapshot of the plan as it is now"</label>
                <input id="snapshot-label" type="text" prop:value=move || label.get() on:input=move |ev| label.set(event_target_value(&ev))/>
                <button type="submit">"Take a snapshot"</button>
            </form>
            <ul>
                {move || {
                    let snaps = plan.current.with(|c| c.as_ref().map(|d| d.snapshots.clone())).unwrap_or_default();
                    if snaps.is_empty() {
                        return view! { <li>"No snapshots yet. One is also taken automatically every five minutes of editing."</li> }.into_any();
                    }
                    snaps
                        .into_iter()
                        .enumerate()
                        .rev()
                        .map(|(i, s)| {
                            view! {
                                <li>
                                    {format!("{} — {}", browser::date_time(s.at_ms), s.label)} " "
                                    <button type="button" class="secondary" on:click=move |_| plan.restore(i)>"Restore"</button>
                                </li>
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
            </ul>
        </details>
    }
}

#[component]
fn Editor() -> impl IntoView {
    let plan = expect_context::<PlanState>();
    let title = move || {
        plan.current
            .with(|c| c.as_ref().map(|d| d.plan.title.clone()))
            .unwrap_or_default()
    };
    let priorities = move || {
        plan.current
            .with(|c| {
                c.as_ref()
                    .map(|d| d.plan.priorities.iter().map(|p| p.id).collect::<Vec<_>>())
            })
            .unwrap_or_default()
    };
    let number = move |id: u64| {
        Signal::derive(move || {
            plan.current
                .with(|c| {
                    c.as_ref()
                        .and_then(|d| d.plan.priorities.iter().position(|p| p.id == id))
                })
                .map(|i| i + 1)
                .unwrap_or(0)
        })
    };
    view! {
        <div class="editor-tools">
            <button type="button" class="secondary" disabled=move || !plan.can_undo.get() on:click=move |_| plan.undo()>"Undo"</button>
            <button type="button" class="secondary" disabled=move || !plan.can_redo.get() on:click=move |_| plan.redo()>"Redo"</button>
            <span class="hint">"Ctrl+Z and Ctrl+Y in any text; Ctrl+B for bold."</span>
        </div>
        <div class="option wide">
            <label for="plan-title">"Title"</label>
            <input id="plan-title" type="text" prop:value=title on:input=move |ev| {
                let text = event_target_value(&ev);
                plan.edit(None, move |p| p.title = text);
            }/>
        </div>
        <h2>"Introduction"</h2>
        <TextField field=Field::Introduction label="Introduction" rows=5/>
        <h2>"Priorities"</h2>
        <For each=priorities key=|id| *id let:id>
            <PriorityEditor id=id number=number(id)/>
        </For>
        <button type="button" on:click=move |_| plan.edit(None, |p| { p.add_priority("New priority", None); })>"Add a priority"</button>
        <h2>"Priority setting"</h2>
        <TextField field=Field::KeyPriorities label="Key priorities"/>
        <TextField field=Field::SubsidiaryPriorities label="Subsidiary priorities"/>
        <TextField field=Field::CrossCuttingThemes label="Cross-cutting themes"/>
        <TextField field=Field::StrategicContext label="Strategic context" rows=5/>
        <h2>"Other recommendations"</h2>
        <TextField field=Field::OtherRecommendations label="Other recommendations"/>
    }
}

super::on_demand::on_demand! { plan_view;
    /// The Plan view, its code fetched the first time it is opened (`super::on_demand`).
    pub fn plan_view() -> AnyView {
        view! { <PlanView/> }.into_any()
    }
}

#[component]
fn PlanView() -> impl IntoView {
    let plan = expect_context::<PlanState>();
    // Only whether a draft is open: the editor is not rebuilt as the user types.
    let has_draft = Memo::new(move |_| plan.current.with(Option::is_some));
    view! {
        <h1>"Plan"</h1>
        <p class="lede">
            "Draft the Partnership Plan. Everything you type is saved in this browser within a second; nothing leaves this computer unless you save a file."
        </p>
        <DraftBar/>
        <SaveIndicator/>
        <Conflict/>
        {move || {
            if !has_draft.get() {
                view! {
                    <p>"No draft yet. Start one from the assessment (its priorities, recommendations and targets filled in), or a blank one."</p>
                }
                    .into_any()
            } else {
                view! {
                    <Snapshots/>
                    <Editor/>
                    <PlanExports/>
                }
                    .into_any()
            }
        }}
    }
}
