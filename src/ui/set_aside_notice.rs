//! The notice for stored data that could not be read: what it was, where it is
//! now, what the workbench uses instead, and the user's choices (download it;
//! for data left in place, start afresh). The rule is `core::stored`'s.

use super::AppState;
use crate::browser;
use crate::core::stored::{backup_key, Place, SetAside};
use leptos::prelude::*;

/// Sets aside damaged data found in local storage under `key`: copied to a
/// `cspw.corrupt.*` key and removed only once the copy is written, else left
/// where it is. `number` keeps backups found in the same millisecond apart.
pub fn set_aside_local(
    key: &str,
    raw: &str,
    reason: String,
    what: &str,
    instead: &str,
    number: usize,
) -> SetAside {
    let backup = backup_key(browser::now_ms(), number);
    SetAside {
        key: key.to_string(),
        place: Place::LocalStorage,
        what: what.to_string(),
        instead: instead.to_string(),
        reason,
        kept: browser::set_aside(key, raw, &backup),
    }
}

#[component]
pub fn SetAsideNotice() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let list = state.set_aside.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="status status-error set-aside" role="alert">
                    <p>"Some stored data could not be read. Nothing has been deleted, and the workbench carried on:"</p>
                    <ul>
                        {list
                            .into_iter()
                            .map(|entry| {
                                let held = entry.holds_its_key();
                                let key = entry.key.clone();
                                let what = entry.what.to_lowercase();
                                let download = entry.clone();
                                view! {
                                    <li>
                                        {entry.sentence()} " "
                                        <button
                                            type="button"
                                            class="secondary"
                                            aria-label=format!("Download what was set aside: {what}")
                                            on:click=move |_| state.download_set_aside(download.clone())
                                        >
                                            "Download what was set aside"
                                        </button>
                                        " "
                                        {if held {
                                            let key = key.clone();
                                            view! {
                                                <button
                                                    type="button"
                                                    class="danger"
                                                    aria-label=format!("Remove it and start afresh: {what}")
                                                    on:click=move |_| state.start_afresh(&key)
                                                >
                                                    "Remove it and start afresh"
                                                </button>
                                            }
                                                .into_any()
                                        } else {
                                            let key = key.clone();
                                            view! {
                                                <button
                                                    type="button"
                                                    class="secondary"
                                                    aria-label=format!("Dismiss this notice: {what}")
                                                    on:click=move |_| state.dismiss_set_aside(&key)
                                                >
                                                    "Dismiss"
                                                </button>
                                            }
                                                .into_any()
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
