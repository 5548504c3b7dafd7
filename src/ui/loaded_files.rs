//! The files whose figures are loaded, each removable. Two partners' files can
//! share a name; the second is loaded as "data.csv (2)", and either can go.

use super::AppState;
use leptos::prelude::*;

#[component]
pub fn LoadedFiles() -> impl IntoView {
    let state = expect_context::<AppState>();
    let (confirming, set_confirming) = signal(None::<String>);
    move || {
        let data = state.dataset.get();
        let rows: Vec<(String, Option<String>, String)> = data
            .file_names()
            .into_iter()
            .map(|name| {
                let original = data
                    .file(&name)
                    .map(|f| f.original.clone())
                    .filter(|o| *o != name);
                let brought = data.file_summary(&name);
                (name, original, brought)
            })
            .collect();
        (!rows.is_empty()).then(|| {
            view! {
                <h2>"Files loaded"</h2>
                <ul class="loaded-files">
                    {rows
                        .into_iter()
                        .map(|(name, original, brought)| {
                            let about = format!(
                                "{}{brought}",
                                original
                                    .map(|o| format!("your file “{o}”, loaded beside another of that name; "))
                                    .unwrap_or_default(),
                            );
                            let asking = {
                                let name = name.clone();
                                move || confirming.get().as_deref() == Some(name.as_str())
                            };
                            let (ask, remove) = (name.clone(), name.clone());
                            view! {
                                <li>
                                    <strong>{name.clone()}</strong>
                                    {format!(" ({about}) ")}
                                    {move || if asking() {
                                        let remove = remove.clone();
                                        view! {
                                            <button type="button" class="danger" on:click=move |_| {
                                                set_confirming.set(None);
                                                state.remove_file(&remove);
                                            }>{format!("Remove “{}” and its figures", remove)}</button>
                                            " "
                                            <button type="button" class="secondary" on:click=move |_| set_confirming.set(None)>"Keep it"</button>
                                        }
                                            .into_any()
                                    } else {
                                        let ask = ask.clone();
                                        view! {
                                            <button
                                                type="button"
                                                class="secondary"
                                                aria-label=format!("Remove… “{ask}”")
                                                on:click=move |_| set_confirming.set(Some(ask.clone()))
                                            >
                                                "Remove…"
                                            </button>
                                        }
                                            .into_any()
                                    }}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
        })
    }
}
