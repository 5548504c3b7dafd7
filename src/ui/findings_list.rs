//! The findings per measure, as the plan will print them, each with its method
//! and the cells its figures came from, ready to copy into the plan.

use super::show_more::{ShowMore, PAGE};
use crate::browser;
use crate::core::assessment::{Assessment, Finding};
use leptos::prelude::*;
use std::sync::Arc;

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

#[component]
pub fn FindingsList(assessment: Arc<Assessment>) -> impl IntoView {
    let all_text = {
        let assessment = assessment.clone();
        Callback::new(move |()| crate::core::assessment::report::text(&assessment))
    };
    let shown = RwSignal::new(PAGE);
    let total = assessment.measures.len();
    let sections = move || {
        assessment
            .measures
            .iter()
            .zip(&assessment.findings)
            .enumerate()
            .take(shown.get())
            .map(|(i, (m, findings))| {
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
            })
            .collect_view()
    };
    view! {
        <div class="findings-actions">
            <CopyButton text=all_text label="Copy the whole assessment as text".to_string()/>
        </div>
        {sections}
        <ShowMore shown=shown total=total noun="measures"/>
    }
}
