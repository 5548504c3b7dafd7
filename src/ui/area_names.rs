//! Area names: how each area in the data is understood, and the user's own
//! names and levels for areas the built-in list does not know.

use super::wide_table::WideTable;
use super::AppState;
use crate::core::areas::{AreaAlias, AreaLevel};
use leptos::prelude::*;

#[component]
pub fn AreaNames() -> impl IntoView {
    let state = expect_context::<AppState>();
    // As the reference read them (`Reference::data_areas_with_levels`): not
    // every figure read again in the task of an import.
    let areas = Memo::new(move |_| {
        state
            .analysed
            .with(|a| a.reference.data_areas_with_levels())
    });
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let level = RwSignal::new(AreaLevel::District);
    let (message, set_message) = signal(None::<Result<String, String>>);
    let chosen_from = move || {
        let current = from.get();
        if current.is_empty() {
            areas.with(|a| a.first().map(|(name, _)| name.clone()).unwrap_or_default())
        } else {
            current
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let source = chosen_from();
        let name = to.get_untracked().trim().to_string();
        let name = if name.is_empty() {
            source.clone()
        } else {
            name
        };
        if source.is_empty() {
            set_message.set(Some(Err("There is no area to name yet.".to_string())));
            return;
        }
        let alias = AreaAlias {
            from: source.clone(),
            to: name.clone(),
            level: level.get_untracked(),
        };
        let level_text = alias.level.describe().to_lowercase();
        set_message.set(Some(
            state
                .save_alias(alias)
                .map(|()| format!("“{source}” is now read as {name}, {level_text}.")),
        ));
        from.set(name);
        to.set(String::new());
    };

    view! {
        <section class="area-names" aria-labelledby="areas-heading">
            <h2 id="areas-heading">"Area names"</h2>
            <p>
                "How each area in the data is understood. Districts are compared with the county; name any area the workbench does not know, and it is read that way in every file from now on."
            </p>
            <WideTable caption="Areas in the data">
                    <thead>
                        <tr>
                            <th scope="col">"Area"</th>
                            <th scope="col">"Understood as"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            areas
                                .get()
                                .into_iter()
                                .map(|(name, level)| {
                                    view! {
                                        <tr>
                                            <th scope="row">{name}</th>
                                            <td>{level.describe()}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </tbody>
            </WideTable>
            <form class="controls" on:submit=on_submit>
                <label for="alias-from">"Area in the data"</label>
                <select id="alias-from" on:change=move |ev| from.set(event_target_value(&ev))>
                    {move || {
                        areas
                            .get()
                            .into_iter()
                            .map(|(name, _)| {
                                let selected = name == chosen_from();
                                view! { <option value=name.clone() selected=selected>{name.clone()}</option> }
                            })
                            .collect_view()
                    }}
                </select>
                <label for="alias-to">"Call it"</label>
                <input
                    id="alias-to"
                    type="text"
                    prop:value=move || to.get()
                    on:input=move |ev| to.set(event_target_value(&ev))
                />
                <label for="alias-level">"Level"</label>
                <select
                    id="alias-level"
                    on:change=move |ev| {
                        let index: usize = event_target_value(&ev).parse().unwrap_or(0);
                        level.set(AreaLevel::ALL.get(index).copied().unwrap_or(AreaLevel::Other));
                    }
                >
                    {AreaLevel::ALL
                        .iter()
                        .enumerate()
                        .map(|(i, l)| {
                            view! {
                                <option value=i.to_string() selected=move || level.get() == *l>
                                    {l.describe()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <button type="submit">"Save area name"</button>
            </form>
            {move || {
                message
                    .get()
                    .map(|m| match m {
                        Ok(text) => view! { <p class="status" role="status">{text}</p> }.into_any(),
                        Err(text) => {
                            view! { <p class="status status-error" role="alert">{text}</p> }.into_any()
                        }
                    })
            }}
        </section>
    }
}
