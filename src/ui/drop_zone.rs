//! Where files come in: drag and drop anywhere on the zone (files, or a folder
//! such as an unzipped police.uk download), or a file or folder picker that
//! works from the keyboard. What became of each file is announced.

use super::AppState;
use crate::browser;
use leptos::prelude::*;

/// Formats the import reads, for the picker's filter and the instructions.
const ACCEPTED: &str = ".xlsx,.xlsm,.xlsb,.xls,.ods,.csv,.tsv,.txt,.zip";

#[component]
pub fn DropZone() -> impl IntoView {
    let state = expect_context::<AppState>();
    let (dragging, set_dragging) = signal(false);
    let folder_input = NodeRef::<leptos::html::Input>::new();
    folder_input.on_load(|input| browser::choose_folders(&input));

    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        set_dragging.set(false);
        // Taken now: the browser empties what was dropped once the event is over.
        let contents = browser::drop_contents(&ev);
        leptos::task::spawn_local(async move {
            state.import_items(browser::read_dropped(contents).await);
        });
    };
    let on_pick = move |ev: leptos::ev::Event| state.import_files(browser::take_picked_files(&ev));
    let on_pick_folder =
        move |ev: leptos::ev::Event| state.import_items(browser::take_picked_folders(&ev));

    view! {
        <section class="import" aria-labelledby="import-heading">
            <h2 id="import-heading">"Add data"</h2>
            <div
                class="drop-zone"
                class:dragging=move || dragging.get()
                on:dragover=move |ev: leptos::ev::DragEvent| {
                    ev.prevent_default();
                    set_dragging.set(true);
                }
                on:dragleave=move |_| set_dragging.set(false)
                on:drop=on_drop
            >
                <p>
                    "Drop spreadsheets or a folder here, or "
                    <label for="file-input" class="file-label">"choose files"</label>
                    " or "
                    <label for="folder-input" class="file-label">"a folder"</label>
                    "."
                </p>
                <p class="hint">
                    "Excel (.xlsx, .xlsm, .xlsb, .xls), OpenDocument (.ods), CSV and TSV, and police.uk downloads as the .zip or its unzipped folder. Files are read in this browser and never uploaded."
                </p>
                <input
                    id="file-input"
                    class="file-input"
                    type="file"
                    multiple
                    accept=ACCEPTED
                    on:change=on_pick
                />
                <input
                    id="folder-input"
                    class="file-input"
                    type="file"
                    node_ref=folder_input
                    on:change=on_pick_folder
                />
            </div>
            {move || {
                state
                    .progress
                    .get()
                    .map(|p| {
                        let percent = (p.fraction * 100.0).round().clamp(0.0, 100.0);
                        let batch = if p.of > 1 {
                            format!(" (file {} of {})", p.number, p.of)
                        } else {
                            String::new()
                        };
                        view! {
                            <div class="import-progress" role="status">
                                <label for="import-progress-bar">
                                    {format!("Importing {}{batch}: {}", p.file, p.step)}
                                </label>
                                <div class="import-progress-row">
                                    <progress id="import-progress-bar" max="100" value=percent>
                                        {format!("{percent}%")}
                                    </progress>
                                    <span class="percent">{format!("{percent}%")}</span>
                                    <button type="button" on:click=move |_| state.cancel_import()>
                                        "Cancel"
                                    </button>
                                </div>
                            </div>
                        }
                    })
            }}
            <ul class="import-log" aria-live="polite">
                {move || {
                    state
                        .imports
                        .get()
                        .into_iter()
                        .map(|outcome| match outcome.result {
                            Ok(summary) => {
                                view! {
                                    <li class="import-ok">
                                        <strong>{outcome.file}</strong>
                                        {format!(": {summary}")}
                                    </li>
                                }
                                    .into_any()
                            }
                            Err(sentence) => {
                                view! { <li class="import-error" role="alert">{sentence}</li> }
                                    .into_any()
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}
