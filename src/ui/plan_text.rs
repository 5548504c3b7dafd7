//! One text of the plan: a labelled text area with Bold and Bullets, Ctrl+B,
//! and the plan's own undo and redo (Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y).

use super::plan_state::PlanState;
use crate::core::plan::markup::{toggle_bold, toggle_bullets};
use crate::core::plan::Field;
use leptos::html::Textarea;
use leptos::prelude::*;

pub fn field_id(field: Field) -> String {
    match field {
        Field::Introduction => "plan-introduction".into(),
        Field::OtherRecommendations => "plan-other-recommendations".into(),
        Field::KeyPriorities => "plan-key-priorities".into(),
        Field::SubsidiaryPriorities => "plan-subsidiary-priorities".into(),
        Field::CrossCuttingThemes => "plan-cross-cutting".into(),
        Field::StrategicContext => "plan-strategic-context".into(),
        Field::Activity(id) => format!("plan-activity-{id}"),
        Field::Analysis(id) => format!("plan-analysis-{id}"),
        Field::Recommendation(id) => format!("plan-recommendation-{id}"),
        Field::PriorityOther(id) => format!("plan-priority-other-{id}"),
    }
}

/// Offsets in a textarea are UTF-16 code units; the plan's text is UTF-8.
fn utf8_offset(text: &str, utf16: u32) -> usize {
    let mut units = 0u32;
    for (i, c) in text.char_indices() {
        if units >= utf16 {
            return i;
        }
        units += c.len_utf16() as u32;
    }
    text.len()
}

fn utf16_offset(text: &str, utf8: usize) -> u32 {
    text[..utf8.min(text.len())].encode_utf16().count() as u32
}

#[component]
pub fn TextField(
    field: Field,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(default = 4)] rows: u32,
) -> impl IntoView {
    let plan = expect_context::<PlanState>();
    let id = field_id(field);
    let hint_id = format!("{id}-hint");
    let area = NodeRef::<Textarea>::new();
    let value = move || {
        plan.current
            .with(|c| c.as_ref().and_then(|d| d.plan.text(field).cloned()))
            .unwrap_or_default()
    };
    let replace = move |text: String, start: usize, end: usize| {
        if let Some(el) = area.get_untracked() {
            el.set_value(&text);
            let _ = el.set_selection_range(utf16_offset(&text, start), utf16_offset(&text, end));
            let _ = el.focus();
        }
        plan.edit(None, move |p| {
            p.set_text(field, text);
        });
    };
    let selection = move || {
        let el = area.get_untracked()?;
        let text = el.value();
        let start = utf8_offset(&text, el.selection_start().ok().flatten().unwrap_or(0));
        let end = utf8_offset(&text, el.selection_end().ok().flatten().unwrap_or(0));
        Some((text, start, end))
    };
    let bold = move || {
        if let Some((text, start, end)) = selection() {
            let (new, s, e) = toggle_bold(&text, start, end);
            replace(new, s, e);
        }
    };
    let bullets = move || {
        if let Some((text, start, end)) = selection() {
            let new = toggle_bullets(&text, start, end);
            let (s, e) = (start.min(new.len()), end.min(new.len()));
            replace(new, s, e);
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if !(ev.ctrl_key() || ev.meta_key()) {
            return;
        }
        match (ev.key().to_lowercase().as_str(), ev.shift_key()) {
            ("b", _) => bold(),
            ("z", false) => plan.undo(),
            ("z", true) | ("y", _) => plan.redo(),
            _ => return,
        }
        ev.prevent_default();
    };
    let described_by = hint.as_ref().map(|_| hint_id.clone());
    view! {
        <div class="plan-text">
            <div class="plan-text-head">
                <label for=id.clone()>{label.clone()}</label>
                <span class="plan-text-tools">
                    <button type="button" class="secondary tool" aria-label=format!("Bold in {label}") on:click=move |_| bold()>
                        <strong>"B"</strong>
                    </button>
                    <button type="button" class="secondary tool" aria-label=format!("List in {label}") on:click=move |_| bullets()>
                        <span aria-hidden="true">"• "</span>"List"
                    </button>
                </span>
            </div>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <textarea
                id=id
                node_ref=area
                rows=rows
                aria-describedby=described_by
                prop:value=value
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    plan.edit(Some(field), move |p| {
                        p.set_text(field, text);
                    });
                }
                on:keydown=on_key
            ></textarea>
        </div>
    }
}
