//! One priority of the plan: its review of the year with findings inserted from
//! the assessment (and new wording offered when the figures change), its action
//! plan, other recommendations and targets with their live status.

use super::plan_state::PlanState;
use super::plan_text::TextField;
use super::wide_table::WideTable;
use super::AppState;
use crate::core::plan::findings::{insert_finding, out_of_date, update_finding};
use crate::core::plan::{Field, Plan, PlanPriority, TargetKind};
use leptos::prelude::*;

fn read<T>(plan: PlanState, id: u64, f: impl Fn(&PlanPriority) -> T) -> Option<T> {
    plan.current
        .with(|c| c.as_ref().and_then(|d| d.plan.priority(id).map(&f)))
}

#[component]
fn InsertFindings(id: u64) -> impl IntoView {
    let app = expect_context::<AppState>();
    let plan = expect_context::<PlanState>();
    let measure = move || read(plan, id, |p| p.measure.clone()).flatten();
    let findings = move || {
        let m = measure()?;
        app.assessment
            .with(|a| a.as_ref().map(|a| a.findings_for(&m).to_vec()))
    };
    let (chosen, set_chosen) = signal(0usize);
    let select_id = format!("plan-finding-{id}");
    let insert = move |all: bool| {
        let Some(list) = findings() else {
            return;
        };
        let picked: Vec<_> = if all {
            list.clone()
        } else {
            list.get(chosen.get_untracked())
                .cloned()
                .into_iter()
                .collect()
        };
        plan.edit(None, move |p: &mut Plan| {
            for f in &picked {
                insert_finding(p, id, f);
            }
        });
    };
    view! {
        {move || match findings() {
            None => view! {
                <p class="hint">"Link this priority to a measure to insert its findings from the assessment."</p>
            }
                .into_any(),
            Some(list) if list.is_empty() => view! { <p class="hint">"The assessment has no findings for this measure."</p> }.into_any(),
            Some(list) => {
                let select_id = select_id.clone();
                view! {
                    <div class="insert-findings">
                        <label for=select_id.clone()>"Finding from the assessment"</label>
                        <select id=select_id on:change=move |ev| set_chosen.set(event_target_value(&ev).parse().unwrap_or(0))>
                            {list
                                .iter()
                                .enumerate()
                                .map(|(i, f)| {
                                    let short: String = f.text.chars().take(110).collect();
                                    let short = if short.len() < f.text.len() { format!("{short}…") } else { short };
                                    view! { <option value=i.to_string() selected=move || chosen.get() == i>{short}</option> }
                                })
                                .collect_view()}
                        </select>
                        <button type="button" on:click=move |_| insert(false)>"Insert into the analysis"</button>
                        <button type="button" class="secondary" on:click=move |_| insert(true)>"Insert all"</button>
                    </div>
                }
                    .into_any()
            }
        }}
    }
}

/// Inserted findings whose figures have changed, with the new wording to accept.
#[component]
fn OutOfDate(id: u64) -> impl IntoView {
    let app = expect_context::<AppState>();
    let plan = expect_context::<PlanState>();
    let stale = Memo::new(move |_| {
        let a = app.assessment.get()?;
        plan.current.with(|c| {
            c.as_ref().map(|d| {
                out_of_date(&d.plan, &a)
                    .into_iter()
                    .filter(|o| o.priority == id)
                    .collect::<Vec<_>>()
            })
        })
    });
    move || {
        let list = stale.get().unwrap_or_default();
        (!list.is_empty()).then(|| {
            view! {
                <div class="out-of-date" role="status">
                    <p><strong>"The figures behind a finding in this analysis have changed."</strong></p>
                    <ul>
                        {list
                            .into_iter()
                            .map(|o| {
                                let index = o.index;
                                let new = o.new.clone();
                                view! {
                                    <li>
                                        <p class="was">"Was: " <del>{o.old.clone()}</del></p>
                                        {match new {
                                            Some(new) => {
                                                let text = new.clone();
                                                view! {
                                                    <p class="now">"Now: " <ins>{new}</ins></p>
                                                    <button type="button" on:click=move |_| {
                                                        let text = text.clone();
                                                        plan.edit(None, move |p| {
                                                            update_finding(p, id, index, &text);
                                                        });
                                                    }>"Use the new wording"</button>
                                                }
                                                    .into_any()
                                            }
                                            None => view! { <p class="now">"The assessment no longer makes this finding; check the text."</p> }.into_any(),
                                        }}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

#[component]
fn Actions(id: u64) -> impl IntoView {
    let plan = expect_context::<PlanState>();
    let rows = move || {
        read(plan, id, |p| {
            p.actions.iter().map(|r| r.id).collect::<Vec<_>>()
        })
        .unwrap_or_default()
    };
    let cell = move |row: u64, which: &'static str| {
        move || {
            plan.current
                .with(|c| {
                    let r = c
                        .as_ref()?
                        .plan
                        .priority(id)?
                        .actions
                        .iter()
                        .find(|r| r.id == row)?
                        .clone();
                    Some(match which {
                        "action" => r.action,
                        "agencies" => r.agencies,
                        _ => r.measure,
                    })
                })
                .unwrap_or_default()
        }
    };
    let set = move |row: u64, which: &'static str, text: String| {
        plan.edit(None, move |p| {
            if let Some(r) = p.action_mut(id, row) {
                match which {
                    "action" => r.action = text,
                    "agencies" => r.agencies = text,
                    _ => r.measure = text,
                }
            }
        });
    };
    view! {
        <WideTable class="actions" caption="Action plan">
                <thead>
                    <tr>
                        <th scope="col">"Action"</th>
                        <th scope="col">"Primary agency/agencies"</th>
                        <th scope="col">"Measure"</th>
                        <th scope="col"><span class="visually-hidden">"Order and removal"</span></th>
                    </tr>
                </thead>
                <tbody>
                    <For each=rows key=|r| *r let:row>
                        <tr>
                            {["action", "agencies", "measure"]
                                .into_iter()
                                .map(|which| {
                                    let label = match which {
                                        "action" => "Action",
                                        "agencies" => "Primary agency/agencies",
                                        _ => "Measure",
                                    };
                                    view! {
                                        <td>
                                            <label class="visually-hidden" for=format!("action-{which}-{row}")>{label}</label>
                                            <textarea
                                                id=format!("action-{which}-{row}")
                                                rows="2"
                                                prop:value=cell(row, which)
                                                on:input=move |ev| set(row, which, event_target_value(&ev))
                                            ></textarea>
                                        </td>
                                    }
                                })
                                .collect_view()}
                            <td class="row-tools">
                                <button type="button" class="secondary" aria-label="Move this action up" on:click=move |_| plan.edit(None, move |p| p.move_action(id, row, -1))>"↑"</button>
                                <button type="button" class="secondary" aria-label="Move this action down" on:click=move |_| plan.edit(None, move |p| p.move_action(id, row, 1))>"↓"</button>
                                <button type="button" class="secondary" aria-label="Remove this action" on:click=move |_| plan.edit(None, move |p| p.remove_action(id, row))>"Remove"</button>
                            </td>
                        </tr>
                    </For>
                </tbody>
        </WideTable>
        <button type="button" on:click=move |_| plan.edit(None, move |p| { p.add_action(id); })>"Add an action"</button>
    }
}

#[component]
fn Targets(id: u64) -> impl IntoView {
    let app = expect_context::<AppState>();
    let plan = expect_context::<PlanState>();
    let measures = Memo::new(move |_| {
        app.assessment
            .get()
            .map(|a| {
                a.measures
                    .iter()
                    .map(|m| m.measure.clone())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let rows = move || {
        read(plan, id, |p| {
            p.targets.iter().map(|t| t.id).collect::<Vec<_>>()
        })
        .unwrap_or_default()
    };
    let target = move |t: u64| {
        plan.current.with(|c| {
            c.as_ref()?
                .plan
                .priority(id)?
                .targets
                .iter()
                .find(|x| x.id == t)
                .cloned()
        })
    };
    view! {
        <ul class="plan-targets">
            <For each=rows key=|t| *t let:t>
                <li>
                    <label class="visually-hidden" for=format!("target-kind-{t}")>"Kind of target"</label>
                    <select
                        id=format!("target-kind-{t}")
                        on:change=move |ev| {
                            let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                            plan.edit(None, move |p| {
                                if let Some(x) = p.target_mut(id, t) {
                                    x.kind = TargetKind::ALL[i.min(2)];
                                }
                            });
                        }
                    >
                        {TargetKind::ALL
                            .iter()
                            .enumerate()
                            .map(|(i, k)| {
                                let k = *k;
                                view! { <option value=i.to_string() selected=move || target(t).map(|x| x.kind) == Some(k)>{k.label()}</option> }
                            })
                            .collect_view()}
                    </select>
                    <label class="visually-hidden" for=format!("target-text-{t}")>"Target"</label>
                    <input
                        type="text"
                        class="target-text"
                        id=format!("target-text-{t}")
                        prop:value=move || target(t).map(|x| x.text).unwrap_or_default()
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            plan.edit(None, move |p| {
                                if let Some(x) = p.target_mut(id, t) {
                                    x.text = text;
                                }
                            });
                        }
                    />
                    <label class="visually-hidden" for=format!("target-measure-{t}")>"Measure the target is judged on"</label>
                    <select
                        id=format!("target-measure-{t}")
                        on:change=move |ev| {
                            let m = event_target_value(&ev);
                            plan.edit(None, move |p| {
                                if let Some(x) = p.target_mut(id, t) {
                                    x.measure = (!m.is_empty()).then_some(m);
                                }
                            });
                        }
                    >
                        <option value="" selected=move || target(t).and_then(|x| x.measure).is_none()>"No measure"</option>
                        {move || {
                            let current = target(t).and_then(|x| x.measure);
                            measures
                                .get()
                                .into_iter()
                                .map(|m| {
                                    let selected = Some(&m) == current.as_ref();
                                    view! { <option value=m.clone() selected=selected>{m.clone()}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                    {move || {
                        let m = target(t).and_then(|x| x.measure)?;
                        let a = app.assessment.get()?;
                        let status = a.target_for(&m)?;
                        let class = format!("rag rag-{}", status.status.rag().label().to_lowercase());
                        Some(view! { <span class=class title=status.sentence.clone()>{status.status.label()}</span> })
                    }}
                    <button type="button" class="secondary" aria-label="Remove this target" on:click=move |_| plan.edit(None, move |p| p.remove_target(id, t))>"Remove"</button>
                </li>
            </For>
        </ul>
        <button type="button" on:click=move |_| plan.edit(None, move |p| { p.add_target(id, TargetKind::Specific); })>"Add a target"</button>
    }
}

#[component]
pub fn PriorityEditor(id: u64, number: Signal<usize>) -> impl IntoView {
    let app = expect_context::<AppState>();
    let plan = expect_context::<PlanState>();
    let name = move || read(plan, id, |p| p.name.clone()).unwrap_or_default();
    let measure = move || read(plan, id, |p| p.measure.clone()).flatten();
    let measures = Memo::new(move |_| {
        app.assessment
            .get()
            .map(|a| {
                a.measures
                    .iter()
                    .map(|m| m.measure.clone())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let recommended = move || {
        let m = measure()?;
        app.assessment.with(|a| {
            a.as_ref()?
                .priority_for(&m)
                .map(|p| p.recommendation.clone())
        })
    };
    let (confirm_remove, set_confirm_remove) = signal(false);
    let heading_id = format!("priority-heading-{id}");
    let labelled_by = heading_id.clone();
    view! {
        <section class="plan-priority" aria-labelledby=labelled_by>
            <h3 id=heading_id>{move || format!("Priority {}: {}", number.get(), name())}</h3>
            <div class="priority-head">
                <div class="option">
                    <label for=format!("priority-name-{id}")>"Priority"</label>
                    <input
                        type="text"
                        id=format!("priority-name-{id}")
                        prop:value=name
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            plan.edit(None, move |p| {
                                if let Some(x) = p.priority_mut(id) {
                                    x.name = text;
                                }
                            });
                        }
                    />
                </div>
                <div class="option">
                    <label for=format!("priority-measure-{id}")>"Measure in the assessment"</label>
                    <select
                        id=format!("priority-measure-{id}")
                        on:change=move |ev| {
                            let m = event_target_value(&ev);
                            plan.edit(None, move |p| {
                                if let Some(x) = p.priority_mut(id) {
                                    x.measure = (!m.is_empty()).then_some(m);
                                }
                            });
                        }
                    >
                        <option value="" selected=move || measure().is_none()>"None"</option>
                        {move || {
                            let current = measure();
                            measures
                                .get()
                                .into_iter()
                                .map(|m| {
                                    let selected = Some(&m) == current.as_ref();
                                    view! { <option value=m.clone() selected=selected>{m.clone()}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                </div>
                <div class="option priority-order">
                    <span class="option-label">"Order"</span>
                    <span>
                        <button type="button" class="secondary" aria-label=move || format!("Move {} up", name()) on:click=move |_| plan.edit(None, move |p| p.move_priority(id, -1))>"↑"</button>
                        <button type="button" class="secondary" aria-label=move || format!("Move {} down", name()) on:click=move |_| plan.edit(None, move |p| p.move_priority(id, 1))>"↓"</button>
                        {move || if confirm_remove.get() {
                            view! {
                                <button type="button" class="danger" on:click=move |_| plan.edit(None, move |p| p.remove_priority(id))>"Remove for good (undo brings it back)"</button>
                            }.into_any()
                        } else {
                            view! {
                                <button type="button" class="secondary" on:click=move |_| set_confirm_remove.set(true)>"Remove…"</button>
                            }.into_any()
                        }}
                    </span>
                </div>
            </div>
            <h4>"Review of the year"</h4>
            <TextField field=Field::Activity(id) label="Activity undertaken"/>
            <TextField field=Field::Analysis(id) label="Analysis" rows=6/>
            <InsertFindings id=id/>
            <OutOfDate id=id/>
            <TextField field=Field::Recommendation(id) label="Recommendation" rows=2/>
            {move || recommended().map(|r| {
                let text = r.clone();
                view! {
                    <p class="hint">
                        "The assessment says: " {r} " "
                        <button type="button" class="secondary" on:click=move |_| {
                            let text = text.clone();
                            plan.edit(None, move |p| { p.set_text(Field::Recommendation(id), text); });
                        }>"Use this recommendation"</button>
                    </p>
                }
            })}
            <h4>"Actions"</h4>
            <Actions id=id/>
            <TextField field=Field::PriorityOther(id) label="Other recommendations" hint="One per line, starting “- ” for a bullet."/>
            <h4>"Targets"</h4>
            <Targets id=id/>
        </section>
    }
}
