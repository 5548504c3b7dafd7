//! The findings per measure, as the plan will print them, each with its method
//! and the cells its figures came from, ready to copy into the plan.

use super::assessment_view::AssessmentTurns;
use super::show_more::{ShowMore, PAGE};
use super::turns::in_parts;
use crate::browser;
use crate::core::assessment::{Finding, MeasureAssessment};
use leptos::prelude::*;

#[component]
pub(super) fn FindingItem(finding: Finding) -> impl IntoView {
    let has_detail = finding.method.is_some() || !finding.figures.is_empty();
    view! {
        <li>
            <p class="finding-text">{finding.text.clone()}</p>
            {has_detail
                .then(|| {
                    view! {
                        <details class="finding-detail">
                            <summary>"Method and sources"</summary>
                            {finding.method.clone().map(|m| view! { <p class="method">{m}</p> })}
                            <ul class="citations">
                                {finding
                                    .figures
                                    .iter()
                                    .map(|c| {
                                        let value = if c.value.is_empty() {
                                            String::new()
                                        } else {
                                            format!(": {}", c.value)
                                        };
                                        view! {
                                            <li>
                                                {format!("{}{value}", c.label)}
                                                " — "
                                                <span class="source">{c.source.to_string()}</span>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </details>
                    }
                })}
        </li>
    }
}

/// A button that copies text and says whether it worked.
#[component]
pub fn CopyButton(
    /// Made when the button is pressed, so a long text costs nothing until wanted.
    #[prop(into)]
    text: Callback<(), String>,
    label: String,
) -> impl IntoView {
    let (said, set_said) = signal(None::<Result<String, String>>);
    let copy = move |_| {
        let text = text.run(());
        leptos::task::spawn_local(async move {
            set_said.set(Some(
                browser::copy_text(&text)
                    .await
                    .map(|()| "Copied.".to_string()),
            ));
        });
    };
    view! {
        <button type="button" class="secondary" on:click=copy>{label}</button>
        {move || {
            said.get()
                .map(|r| match r {
                    Ok(t) => view! { <span class="copy-status" role="status">{t}</span> }.into_any(),
                    Err(t) => view! { <span class="copy-status status-error" role="alert">{t}</span> }.into_any(),
                })
        }}
    }
}

/// How many measures' findings are drawn in one turn (`super::turns`): a
/// measure has several findings, each with its method and cells.
const MEASURES_PER_PART: usize = 5;

/// One measure's findings, with a button to copy them.
fn measure_findings(i: usize, m: &MeasureAssessment, findings: &[Finding]) -> impl IntoView {
    let heading_id = format!("finding-{i}");
    let labelled_by = heading_id.clone();
    let text = findings
        .iter()
        .map(|f| f.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    view! {
        <section class="measure-findings" aria-labelledby=labelled_by>
            <h3 id=heading_id>{m.measure.clone()}</h3>
            <ul class="findings">
                {findings
                    .iter()
                    .cloned()
                    .map(|f| view! { <FindingItem finding=f/> })
                    .collect_view()}
            </ul>
            <CopyButton
                text=move |()| text.clone()
                label=format!("Copy the findings on {}", m.measure)
            />
        </section>
    }
}

/// The findings are drawn in parts, a few measures a turn (`super::turns`).
#[component]
pub fn FindingsList(turns: AssessmentTurns) -> impl IntoView {
    let head = turns.part_flat();
    let all_text = Callback::new(move |()| {
        head.with_untracked(|a| {
            a.as_ref()
                .map(|a| crate::core::assessment::report::text(a))
                .unwrap_or_default()
        })
    });
    let shown = RwSignal::new(PAGE);
    let sections = in_parts(
        turns,
        shown.into(),
        MEASURES_PER_PART,
        move |assessment, range| {
            assessment.map(|a| {
                let end = range.end.min(shown.get_untracked());
                a.measures
                    .iter()
                    .zip(&a.findings)
                    .enumerate()
                    .take(end)
                    .skip(range.start)
                    .map(|(i, (m, findings))| measure_findings(i, m, findings))
                    .collect_view()
            })
        },
    );
    view! {
        <div class="findings-list" hidden=move || head.with(Option::is_none)>
            <div class="findings-actions">
                <CopyButton text=all_text label="Copy the whole assessment as text".to_string()/>
            </div>
            {sections}
            {move || {
                head.with(|a| a.as_ref().map(|a| a.measures.len()))
                    .map(|total| view! { <ShowMore shown=shown total=total noun="measures"/> })
            }}
        </div>
    }
}
