//! A chooser of one name (a measure) from a list that may be very long. Up to
//! `LONG_LIST` names it is a `<select>`; beyond that, building a `<select>` of
//! thousands of options is a long task (issue 17: 10,000 measures) and nobody
//! scrolls through them, so it is a text box that narrows the list as the user
//! types (the WAI-ARIA editable combobox with a list: ↓ opens and moves, ↑
//! moves back, Enter chooses, Escape closes and restores), showing at most
//! `SHOWN` names at a time, found by `core::name_search`.

use crate::browser;
use crate::core::format::count;
use crate::core::name_search::matching;
use leptos::prelude::*;

/// Above this many names the chooser is searchable rather than a `<select>`.
pub const LONG_LIST: usize = 200;
/// How many matching names the open list shows.
const SHOWN: usize = 50;

/// `id` is the control's (its `<label for>` is the caller's); `what` names the
/// list in the hint ("measures"); `choose` is called with the name chosen.
#[component]
pub fn NameChooser(
    id: &'static str,
    what: &'static str,
    names: Memo<Vec<String>>,
    #[prop(into)] selected: Signal<Option<String>>,
    #[prop(into)] choose: Callback<String>,
) -> impl IntoView {
    let long = Memo::new(move |_| names.with(|n| n.len() > LONG_LIST));
    move || {
        if long.get() {
            view! { <Searchable id what names selected choose/> }.into_any()
        } else {
            view! {
                <select
                    id=id
                    on:change=move |ev| choose.run(event_target_value(&ev))
                    prop:value=move || selected.get().unwrap_or_default()
                >
                    {super::name_options::name_options(names)}
                </select>
            }
            .into_any()
        }
    }
}

#[component]
fn Searchable(
    id: &'static str,
    what: &'static str,
    names: Memo<Vec<String>>,
    selected: Signal<Option<String>>,
    choose: Callback<String>,
) -> impl IntoView {
    let list_id = format!("{id}-list");
    let hint_id = format!("{id}-hint");
    let option_id = {
        let list_id = list_id.clone();
        move |i: usize| format!("{list_id}-{i}")
    };
    // What the user has typed since the box last showed the chosen name.
    let (query, set_query) = signal(None::<String>);
    let (open, set_open) = signal(false);
    let (active, set_active) = signal(0usize);
    // Searched only while the list is open: closed, it costs nothing.
    let found = Memo::new(move |_| {
        if !open.get() {
            return (Vec::new(), 0);
        }
        let query = query.get().unwrap_or_default();
        names.with(|n| {
            let (shown, total) = matching(n, &query, SHOWN);
            (
                shown.into_iter().map(str::to_string).collect::<Vec<_>>(),
                total,
            )
        })
    });
    let shown = move || found.with(|(f, _)| f.len());
    let pick = move |name: String| {
        set_open.set(false);
        set_query.set(None);
        choose.run(name);
    };
    let close = move || {
        set_open.set(false);
        set_query.set(None);
    };
    {
        let list_id = list_id.clone();
        let option_id = option_id.clone();
        Effect::new(move |_| {
            if open.get() {
                browser::keep_in_view(&list_id, &option_id(active.get()));
            }
        });
    }
    let on_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "ArrowDown" => {
            ev.prevent_default();
            if open.get_untracked() {
                let last = shown().saturating_sub(1);
                set_active.update(|a| *a = (*a + 1).min(last));
            } else {
                set_active.set(0);
                set_open.set(true);
            }
        }
        "ArrowUp" if open.get_untracked() => {
            ev.prevent_default();
            set_active.update(|a| *a = a.saturating_sub(1));
        }
        "Enter" if open.get_untracked() => {
            ev.prevent_default();
            let name = found.with_untracked(|(f, _)| f.get(active.get_untracked()).cloned());
            match name {
                Some(name) => pick(name),
                None => close(),
            }
        }
        "Escape" if open.get_untracked() => {
            ev.prevent_default();
            close();
        }
        _ => {}
    };
    let descendant = {
        let option_id = option_id.clone();
        move || (open.get() && shown() > 0).then(|| option_id(active.get()))
    };
    let hint = move || {
        let all = names.with(Vec::len);
        if open.get() {
            let total = found.with(|(_, t)| *t);
            match total {
                0 => format!("No {what} match; change or clear what you typed."),
                t if t > shown() => format!(
                    "{} of {} matching {what} listed: type more to narrow them; ↑ and ↓ move, Enter chooses, Escape closes.",
                    count(shown() as f64),
                    count(t as f64)
                ),
                t => format!(
                    "{} matching {what}: ↑ and ↓ move, Enter chooses, Escape closes.",
                    count(t as f64)
                ),
            }
        } else {
            format!(
                "{} {what}: type part of a name, or press ↓, to list them.",
                count(all as f64)
            )
        }
    };
    view! {
        <div class="name-chooser">
            <input
                id=id
                type="text"
                role="combobox"
                autocomplete="off"
                spellcheck="false"
                aria-autocomplete="list"
                aria-expanded=move || open.get().to_string()
                aria-controls=list_id.clone()
                aria-describedby=hint_id.clone()
                aria-activedescendant=descendant
                prop:value=move || query.get().unwrap_or_else(|| selected.get().unwrap_or_default())
                on:input=move |ev| {
                    set_query.set(Some(event_target_value(&ev)));
                    set_active.set(0);
                    set_open.set(true);
                }
                on:keydown=on_key
                on:click=move |_| set_open.set(true)
                on:blur=move |_| close()
            />
            <ul id=list_id.clone() class="name-chooser-list" role="listbox" aria-label=what hidden=move || !open.get()>
                {move || {
                    found
                        .get()
                        .0
                        .into_iter()
                        .enumerate()
                        .map(|(i, name)| {
                            let chosen = name.clone();
                            view! {
                                <li
                                    id=option_id(i)
                                    role="option"
                                    class:active=move || active.get() == i
                                    aria-selected=move || (active.get() == i).to_string()
                                    // Before the box loses focus, so its blur does not close the list first.
                                    on:mousedown=move |ev| {
                                        ev.prevent_default();
                                        pick(chosen.clone());
                                    }
                                >
                                    {name}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <p class="hint" id=hint_id aria-live="polite">{hint}</p>
        </div>
    }
}
