//! Priority setting: the weighted matrix, the ranked list with each score's
//! reason, and the partnership's judgements and overrides (with their reasons).

use super::assessment_view::AssessmentTurns;
use super::show_more::{ShowMore, PAGE};
use super::turns::in_parts;
use super::wide_table::WideTable;
use super::AppState;
use crate::core::assessment::options::plan_year_label;
use crate::core::assessment::polarity::{target_conflict, Polarity};
use crate::core::assessment::priority::{Criterion, Judgement, Override, PriorityAssessment};
use crate::core::assessment::Assessment;
use crate::core::format;
use leptos::prelude::*;

/// "Automatic" or a score 0–3, as a select's value.
fn score_options(current: Option<u8>) -> impl IntoView {
    let mut options =
        vec![view! { <option value="" selected=current.is_none()>"Automatic"</option> }.into_any()];
    options.extend((0u8..=3).map(|n| {
        let label = match n {
            0 => "0 – none",
            1 => "1 – low",
            2 => "2 – medium",
            _ => "3 – high",
        };
        view! { <option value=n.to_string() selected=current == Some(n)>{label}</option> }
            .into_any()
    }));
    options.collect_view()
}

#[component]
fn Weights() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <fieldset class="weights">
            <legend>"Weights"</legend>
            {Criterion::ALL
                .iter()
                .map(|&c| {
                    let id = format!("weight-{c:?}").to_lowercase();
                    view! {
                        <div class="option">
                            <label for=id.clone() title=c.explain()>{c.label()}</label>
                            <input
                                id=id
                                type="number"
                                min="0"
                                max="10"
                                step="0.5"
                                size="4"
                                prop:value=move || state.priorities.with(|p| p.weights.of(c)).to_string()
                                on:change=move |ev| {
                                    let weight = event_target_value(&ev).parse().unwrap_or(0.0);
                                    state.set_priorities(|p| p.weights.set(c, weight));
                                }
                            />
                        </div>
                    }
                })
                .collect_view()}
            <div class="option">
                <label for="priority-threshold">"Recommend at (% of the maximum)"</label>
                <input
                    id="priority-threshold"
                    type="number"
                    min="0"
                    max="100"
                    step="5"
                    size="4"
                    prop:value=move || state.priorities.with(|p| format::number(p.threshold * 100.0, 0))
                    on:change=move |ev| {
                        let pct: f64 = event_target_value(&ev).parse().unwrap_or(60.0);
                        state.set_priorities(|p| p.threshold = (pct / 100.0).clamp(0.0, 1.0));
                    }
                />
            </div>
        </fieldset>
    }
}

/// One issue's row of the ranked list: its scores, each with its reason.
fn ranked_row(p: &PriorityAssessment) -> impl IntoView {
    let cells = p
        .scores
        .iter()
        .map(|s| {
            // The score and a few characters of why; the whole
            // reason opens from the keyboard or a tap.
            view! {
                <td class="num score" title=format!("{}: {}", s.criterion.label(), s.reason)>
                    <details class="score-reason">
                        <summary>
                            <span class="score-value">{s.score}</span>
                            " "
                            <span class="score-short">{s.short.clone()}</span>
                            <span class="visually-hidden">{format!(" ({}; open for the reason)", s.criterion.label())}</span>
                        </summary>
                        <p class="reason">{s.reason.clone()}</p>
                    </details>
                </td>
            }
        })
        .collect_view();
    let class = if p.recommended { "recommended" } else { "" };
    view! {
        <tr class=class>
            <th scope="row" title=p.measures.join(", ")>
                {p.issue.clone()}
                {(p.measures.len() > 1).then(|| view! { <span class="overview-sub">{format!("{} measures", p.measures.len())}</span> })}
            </th>
            <td class="num">{p.rank}</td>
            {cells}
            <td class="num total">
                {format!("{} of {}", format::number(p.total, 0), format::number(p.max, 0))}
            </td>
            <td>
                {p.recommendation.clone()}
                {p
                    .override_reason
                    .clone()
                    .map(|r| {
                        view! {
                            <span class="override">
                                {format!(
                                    " The matrix said {}; overridden: {r}",
                                    if p.matrix_says { "a priority" } else { "not a priority" },
                                )}
                            </span>
                        }
                    })}
            </td>
        </tr>
    }
}

/// How many rows of a priority table are drawn in one turn (`super::turns`).
const ROWS_PER_PART: usize = 10;

#[component]
fn RankedList(turns: AssessmentTurns) -> impl IntoView {
    let drawn = turns.part();
    let head = Signal::derive(move || drawn.get().flatten());
    let shown = RwSignal::new(PAGE);
    let caption = Signal::derive(move || {
        head.with(|a| {
            a.as_ref()
                .map(|a| {
                    format!(
                        "Candidate priorities for {}, highest score first (each criterion scored 0–3, times its weight)",
                        plan_year_label(a.options.plan_year)
                    )
                })
                .unwrap_or_default()
        })
    });
    let rows = in_parts(turns, shown.into(), ROWS_PER_PART, move |a, range| {
        a.map(|a| {
            let end = range.end.min(shown.get_untracked());
            a.priorities
                .iter()
                .take(end)
                .skip(range.start)
                .map(ranked_row)
                .collect_view()
        })
    });
    view! {
        // Said once its turn has come and there is no assessment.
        {move || matches!(drawn.get(), Some(None)).then(|| view! { <p>"No measures to prioritise yet."</p> })}
        <div class="ranked-list" hidden=move || head.with(Option::is_none)>
            <WideTable class="priorities" caption_id="priorities-caption" caption=caption>
                <thead>
                    <tr>
                        <th scope="col">"Issue"</th>
                        <th scope="col" class="num">"Rank"</th>
                        {Criterion::ALL
                            .iter()
                            .map(|c| view! { <th scope="col" class="num" title=c.explain()>{c.label()}</th> })
                            .collect_view()}
                        <th scope="col" class="num">"Score"</th>
                        <th scope="col">"Recommendation"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </WideTable>
            {move || {
                head.with(|a| a.as_ref().map(|a| a.priorities.len()))
                    .map(|total| view! { <ShowMore shown=shown total=total noun="issues"/> })
            }}
        </div>
    }
}

/// One issue's judgements and decision. Rows stay in name order and are not
/// rebuilt when scores change, so keyboard focus stays where the user left it.
#[component]
fn JudgementRow(measure: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let m = StoredValue::new(measure.clone());
    let judgement = move || {
        state.priorities.with(|p| {
            p.judgements
                .get(&m.get_value())
                .cloned()
                .unwrap_or_default()
        })
    };
    let update = move |change: Box<dyn FnOnce(&mut Judgement)>| {
        state.set_priorities(|p| change(p.judgements.entry(m.get_value()).or_default()));
    };
    let decision = move || {
        state
            .priorities
            .with(|p| match p.overrides.get(&m.get_value()) {
                Some(o) if o.priority => "priority",
                Some(_) => "not",
                None => "matrix",
            })
    };
    let reason = RwSignal::new(
        state
            .priorities
            .with_untracked(|p| p.overrides.get(&measure).map(|o| o.reason.clone()))
            .unwrap_or_default(),
    );
    let (problem, set_problem) = signal(None::<String>);
    let save_decision = move |choice: &str| {
        let text = reason.get_untracked();
        if choice != "matrix" && text.trim().is_empty() {
            set_problem.set(Some(
                "Give a reason for overriding the matrix; the override applies once there is one."
                    .to_string(),
            ));
        } else {
            set_problem.set(None);
        }
        let choice = choice.to_string();
        state.set_priorities(|p| {
            let key = m.get_value();
            if choice == "matrix" {
                p.overrides.remove(&key);
            } else {
                p.overrides.insert(
                    key,
                    Override {
                        priority: choice == "priority",
                        reason: text,
                    },
                );
            }
        });
    };
    // The exact name's stable id: "Knife crime" and "Knife-crime" must not share
    // ids, or one row's labels would control the other's fields.
    let measure_id = crate::core::id::stable_id(&measure);
    let id = move |what: &str| format!("{what}-{measure_id}");
    view! {
        <tr>
            <th scope="row">{measure.clone()}</th>
            {[("harm", "Harm"), ("concern", "Public concern"), ("capacity", "Capacity to act")]
                .into_iter()
                .map(|(key, label)| {
                    let field_id = id(key);
                    view! {
                        <td>
                            <label for=field_id.clone() class="visually-hidden">
                                {format!("{label} for {}", m.get_value())}
                            </label>
                            <select
                                id=field_id
                                on:change=move |ev| {
                                    let value = event_target_value(&ev).parse::<u8>().ok();
                                    update(Box::new(move |j| match key {
                                        "harm" => j.harm = value,
                                        "concern" => j.concern = value,
                                        _ => j.capacity = value,
                                    }));
                                }
                            >
                                {move || {
                                    let j = judgement();
                                    score_options(match key {
                                        "harm" => j.harm,
                                        "concern" => j.concern,
                                        _ => j.capacity,
                                    })
                                }}
                            </select>
                        </td>
                        {(key == "harm").then(|| {
                            let reason_id = id("harm-reason");
                            view! {
                                <td>
                                    <label for=reason_id.clone() class="visually-hidden">
                                        {format!("Why the harm score for {} overrides the evidence", m.get_value())}
                                    </label>
                                    <input
                                        type="text"
                                        id=reason_id
                                        placeholder="Why, if overriding"
                                        prop:value=move || judgement().harm_reason
                                        on:change=move |ev| {
                                            let text = event_target_value(&ev);
                                            update(Box::new(move |j| j.harm_reason = text));
                                        }
                                    />
                                </td>
                            }
                        })}
                    }
                })
                .collect_view()}
            <td>
                <input
                    type="checkbox"
                    id=id("current")
                    prop:checked=move || judgement().current_priority
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        update(Box::new(move |j| j.current_priority = on));
                    }
                />
                <label for=id("current") class="visually-hidden">
                    {format!("{} is a priority in the current plan", measure)}
                </label>
            </td>
            <td>
                <input
                    type="checkbox"
                    id=id("include")
                    prop:checked=move || !judgement().excluded
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        update(Box::new(move |j| j.excluded = !on));
                    }
                />
                <label for=id("include") class="visually-hidden">
                    {format!("Consider {} as a priority", measure)}
                </label>
            </td>
            <td>
                <label for=id("decision") class="visually-hidden">
                    {format!("Decision on {}", measure)}
                </label>
                <select id=id("decision") on:change=move |ev| save_decision(&event_target_value(&ev))>
                    <option value="matrix" selected=move || decision() == "matrix">"As the matrix says"</option>
                    <option value="priority" selected=move || decision() == "priority">"A priority"</option>
                    <option value="not" selected=move || decision() == "not">"Not a priority"</option>
                </select>
            </td>
            <td>
                <label for=id("reason") class="visually-hidden">
                    {format!("Reason for the decision on {}", measure)}
                </label>
                <input
                    type="text"
                    id=id("reason")
                    placeholder="Why, if overriding"
                    prop:value=move || reason.get()
                    on:input=move |ev| reason.set(event_target_value(&ev))
                    on:change=move |_| {
                        let choice = decision();
                        if choice != "matrix" {
                            save_decision(choice);
                        }
                    }
                />
                {move || problem.get().map(|p| view! { <p class="status status-error" role="alert">{p}</p> })}
            </td>
        </tr>
    }
}

#[component]
pub fn PriorityPanel(turns: AssessmentTurns) -> impl IntoView {
    let state = expect_context::<AppState>();
    let shown = RwSignal::new(PAGE);
    let head = turns.part_flat();
    let measures = Memo::new(move |_| {
        head.get()
            .map(|a| {
                // Every issue, those left out of the matrix too (so they can come back).
                state.priorities.with(|p| {
                    crate::core::assessment::issues::group(&a.measures, &p.issues, &p.leads)
                        .into_iter()
                        .map(|i| i.name)
                        .collect::<Vec<_>>()
                })
            })
            .unwrap_or_default()
    });
    view! {
        <p>
            "Each issue is scored 0–3 on every criterion; the data give the first four (judged by which way is better for each measure), the partnership judges the rest. The score is the weighted total; issues at or above the chosen share of the maximum are recommended. Beside each score is its reason in short: choose it for the whole reason."
        </p>
        <Weights/>
        <RankedList turns=turns/>
        <h3 id="judgements-heading">"The partnership's judgements and decisions"</h3>
        <WideTable
            class="judgements"
            caption="The partnership's judgements and decisions, per issue"
            caption_hidden=true
        >
                <thead>
                    <tr>
                        <th scope="col">"Issue"</th>
                        <th scope="col">"Harm"</th>
                        <th scope="col">"Why, if harm overrides the evidence"</th>
                        <th scope="col">"Public concern"</th>
                        <th scope="col">"Capacity to act"</th>
                        <th scope="col">"A priority now"</th>
                        <th scope="col">"Consider"</th>
                        <th scope="col">"Decision"</th>
                        <th scope="col">"Reason"</th>
                    </tr>
                </thead>
                <tbody>
                    // A few rows a turn; within a part, rows are keyed by name and
                    // kept when the scores change.
                    <For
                        each=move || 0..shown.get().div_ceil(ROWS_PER_PART)
                        key=|i| *i
                        children=move |i| {
                            let part = turns.part();
                            let rows = move || {
                                if part.with(Option::is_none) {
                                    return Vec::new();
                                }
                                let end = ((i + 1) * ROWS_PER_PART).min(shown.get_untracked());
                                measures.with_untracked(|m| {
                                    m.iter().take(end).skip(i * ROWS_PER_PART).cloned().collect::<Vec<_>>()
                                })
                            };
                            view! {
                                <For each=rows key=|m| m.clone() let:measure>
                                    <JudgementRow measure=measure/>
                                </For>
                            }
                        }
                    />
                </tbody>
        </WideTable>
        {move || view! { <ShowMore shown=shown total=measures.with(Vec::len) noun="issues"/> }}
        <IssueGroups assessment=head/>
    }
}

/// One measure's row: the issue it is in, and which way is better for it.
#[derive(Clone, Debug, PartialEq)]
struct MeasureRow {
    measure: String,
    issue: String,
    /// The user's choice, if any.
    chosen: Option<Polarity>,
    /// What applies, and why ("Higher is worse, assumed from the measure's name.").
    applies: String,
    /// Where the user's choice disagrees with a target's aim, the sentence saying so.
    conflict: Option<String>,
}

/// One issue of several measures, and the measure that leads it.
#[derive(Clone, Debug, PartialEq)]
struct LeadRow {
    issue: String,
    measures: Vec<String>,
    lead: String,
    chosen: bool,
}

/// Which measures make up each issue (the default grouping by the measures'
/// names, which the user can change measure by measure), which way is better
/// for each measure, and which measure leads each issue; all kept with the matrix.
#[component]
fn IssueGroups(assessment: Signal<Option<std::sync::Arc<Assessment>>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let grouped = Memo::new(move |_| {
        let Some(a) = assessment.get() else {
            return (Vec::new(), Vec::new());
        };
        state.priorities.with(|p| {
            let issues = crate::core::assessment::issues::group(&a.measures, &p.issues, &p.leads);
            let leads: Vec<LeadRow> = issues
                .iter()
                .filter(|i| i.measures.len() > 1)
                .map(|i| LeadRow {
                    issue: i.name.clone(),
                    measures: i.measures.clone(),
                    lead: i.lead.clone(),
                    chosen: i.lead_chosen,
                })
                .collect();
            let rows: Vec<MeasureRow> = issues
                .into_iter()
                .flat_map(|i| {
                    let name = i.name.clone();
                    i.measures.into_iter().map(move |m| (m, name.clone()))
                })
                .map(|(measure, issue)| MeasureRow {
                    chosen: p.directions.get(&measure).copied(),
                    applies: a
                        .measure(&measure)
                        .map(|m| m.polarity.sentence())
                        .unwrap_or_default(),
                    conflict: a.measure(&measure).and_then(|m| {
                        state
                            .targets
                            .with(|t| target_conflict(&measure, &m.polarity, t))
                    }),
                    measure,
                    issue,
                })
                .collect();
            (rows, leads)
        })
    });
    let names = Memo::new(move |_| {
        let mut n: Vec<String> =
            grouped.with(|(r, _)| r.iter().map(|row| row.issue.clone()).collect());
        crate::core::sorting::sort(&mut n);
        n.dedup();
        n
    });
    // Built when first unfolded, then a page of measures at a time: a workbook
    // of thousands of measures would otherwise rebuild thousands of rows on
    // every recompute for a list nobody has opened.
    let unfolded = RwSignal::new(false);
    let shown = RwSignal::new(PAGE);
    view! {
        <details class="issue-groups" id="issue-groups" on:toggle=move |_| unfolded.set(true)>
            <summary id="issue-groups-heading">"Which measures make up each issue, which way is better, and which measure leads"</summary>
            <Show when=move || unfolded.get()>
            <p>
                "Measures fall into issues by their names (and the sheet they came from when the name says nothing). Type another issue's name to move a measure, a new name to start an issue, or clear the box to make the measure an issue of its own. Your choices are kept."
            </p>
            <p>
                "Which way is better decides every judgement: the board's worse and better markers and their order, the words of the significance markers and findings, and the matrix's computed scores. It is assumed from the measure's target, its name (crimes, casualties and incidents: higher is worse; charges, detections, people supported: higher is better; arrests, referrals, stops and searches, populations: not judged) or the sheet it came from, until you choose."
            </p>
            <datalist id="issue-names">
                {move || names.get().into_iter().map(|n| view! { <option value=n></option> }).collect_view()}
            </datalist>
            <WideTable class="issue-groups-table" caption="Each measure, the issue it belongs to and which way is better for it">
                    <thead>
                        <tr>
                            <th scope="col">"Measure"</th>
                            <th scope="col">"Issue"</th>
                            <th scope="col">"Which way is better"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            grouped.with(|(rows, _)| rows.iter().take(shown.get()).cloned().collect::<Vec<_>>())
                                .into_iter()
                                .map(|row| view! { <MeasureGroupRow row=row/> })
                                .collect_view()
                        }}
                    </tbody>
            </WideTable>
            {move || view! { <ShowMore shown=shown total=grouped.with(|(rows, _)| rows.len()) noun="measures"/> }}
            <WideTable class="issue-leads-table" caption="The measure that leads each issue of several: its figure on the board's overview, its charts on the issue's page">
                    <thead>
                        <tr>
                            <th scope="col">"Issue"</th>
                            <th scope="col">"Leading measure"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            grouped.with(|(_, leads)| leads.clone())
                                .into_iter()
                                .map(|row| view! { <LeadSelectRow row=row/> })
                                .collect_view()
                        }}
                    </tbody>
            </WideTable>
            </Show>
        </details>
    }
}

#[component]
fn MeasureGroupRow(row: MeasureRow) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = crate::core::id::stable_id(&row.measure);
    let field_id = format!("issue-of-{id}");
    let direction_id = format!("direction-of-{id}");
    let m = row.measure.clone();
    let m2 = row.measure.clone();
    let assumed = match row.chosen {
        Some(_) => "As assumed (from its target, name or sheet)".to_string(),
        None => format!("As assumed: {}", row.applies.trim_end_matches('.')),
    };
    view! {
        <tr data-measure=row.measure.clone()>
            <th scope="row">
                <label for=field_id.clone()>{row.measure.clone()}</label>
            </th>
            <td>
                <input
                    type="text"
                    id=field_id
                    list="issue-names"
                    prop:value=row.issue.clone()
                    on:change=move |ev| {
                        let chosen = event_target_value(&ev).trim().to_string();
                        let m = m.clone();
                        state.set_priorities(move |p| {
                            p.issues.insert(m, chosen);
                        });
                    }
                />
            </td>
            <td>
                <label for=direction_id.clone() class="visually-hidden">
                    {format!("Which way is better for {}", row.measure)}
                </label>
                <select
                    id=direction_id
                    class="direction-select"
                    on:change=move |ev| {
                        let chosen = Polarity::from_key(&event_target_value(&ev));
                        let m = m2.clone();
                        state.set_priorities(move |p| match chosen {
                            Some(polarity) => {
                                p.directions.insert(m, polarity);
                            }
                            None => {
                                p.directions.remove(&m);
                            }
                        });
                    }
                >
                    <option value="" selected=row.chosen.is_none()>{assumed}</option>
                    {Polarity::ALL
                        .into_iter()
                        .map(|p| view! { <option value=p.key() selected=row.chosen == Some(p)>{p.label()}</option> })
                        .collect_view()}
                </select>
                {row.chosen.is_some().then(|| view! { <span class="overview-sub">" (set by you)"</span> })}
                {row.conflict.map(|c| view! { <p class="status">{c}</p> })}
            </td>
        </tr>
    }
}

#[component]
fn LeadSelectRow(row: LeadRow) -> impl IntoView {
    let state = expect_context::<AppState>();
    let field_id = format!("lead-of-{}", crate::core::id::stable_id(&row.issue));
    let issue = row.issue.clone();
    let automatic = if row.chosen {
        "Automatic (the broadest count)".to_string()
    } else {
        format!("Automatic: {}", row.lead)
    };
    view! {
        <tr data-issue=row.issue.clone()>
            <th scope="row"><label for=field_id.clone()>{row.issue.clone()}</label></th>
            <td>
                <select
                    id=field_id
                    class="lead-select"
                    on:change=move |ev| {
                        let chosen = event_target_value(&ev);
                        let issue = issue.clone();
                        state.set_priorities(move |p| {
                            if chosen.is_empty() {
                                p.leads.remove(&issue);
                            } else {
                                p.leads.insert(issue, chosen);
                            }
                        });
                    }
                >
                    <option value="" selected=!row.chosen>{automatic}</option>
                    {row.measures
                        .iter()
                        .map(|m| {
                            let selected = row.chosen && *m == row.lead;
                            view! { <option value=m.clone() selected=selected>{m.clone()}</option> }
                        })
                        .collect_view()}
                </select>
            </td>
        </tr>
    }
}
