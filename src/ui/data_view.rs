//! The Data view: every table imported, where it came from and how it was read.

use super::area_names::AreaNames;
use super::drop_zone::DropZone;
use super::loaded_files::LoadedFiles;
use super::mapping_editor::MappingEditor;
use super::AppState;
use crate::core::format;
use leptos::prelude::*;

#[component]
pub fn DataView() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <h1>"Data"</h1>
        <p class="lede">
            "The tables the workbench has read, with the sheet and cells each came from. Every figure in the assessment traces back to one of these cells."
        </p>
        <DropZone/>
        <KeptData/>
        <LoadedFiles/>
        {move || {
            let data = state.dataset.get();
            let observations = data.observations.len();
            let skipped = data.skipped_sheets.clone();
            view! {
                <h2>"Imported tables"</h2>
                <p>
                    {format!(
                        "{} tables, {} figures.",
                        format::count(data.tables.len() as f64),
                        format::count(observations as f64),
                    )}
                </p>
                <div class="table-scroll">
                    <table class="data-tables">
                        <caption>"Tables by file and sheet"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"File"</th>
                                <th scope="col">"Sheet"</th>
                                <th scope="col">"Cells"</th>
                                <th scope="col">"Layout"</th>
                                <th scope="col" class="num">"Rows"</th>
                                <th scope="col" class="num">"Figures"</th>
                                <th scope="col">"Measures"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {data
                                .tables
                                .iter()
                                .map(|t| {
                                    view! {
                                        <tr>
                                            <td>{t.file.clone()}</td>
                                            <th scope="row">{t.sheet.clone()}</th>
                                            <td>{t.range.clone()}</td>
                                            <td>{t.shape.describe()}</td>
                                            <td class="num">{format::count(t.body_rows as f64)}</td>
                                            <td class="num">{format::count(t.observations as f64)}</td>
                                            <td>{t.measures.join(", ")}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
                {notes_of(&data.tables)}
                <h2>"How each table was read"</h2>
                <p>
                    "Check what the workbench took each column to hold, and correct it. A saved mapping is used again for any file with the same headers, such as next year's extract."
                </p>
                {data
                    .tables
                    .iter()
                    .filter(|t| t.mapping.is_some())
                    .map(|t| view! { <MappingEditor table=t.clone()/> })
                    .collect_view()}
                {(!skipped.is_empty())
                    .then(|| {
                        view! {
                            <h2>"Sheets without a table"</h2>
                            <ul>
                                {skipped
                                    .into_iter()
                                    .map(|s| {
                                        view! { <li>{format!("{} › {}: {}.", s.file, s.sheet, s.reason)}</li> }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                    })}
            }
        }}
        <AreaNames/>
    }
}

/// What each table says about how its figures were counted ("412 records had no
/// location: counted for the force, not for any district"), if any says anything.
fn notes_of(tables: &[crate::core::dataset::TableSummary]) -> impl IntoView {
    let notes: Vec<String> = tables
        .iter()
        .flat_map(|t| {
            t.notes
                .iter()
                .map(move |n| format!("{} › {}: {n}", t.file, t.sheet))
        })
        .collect();
    (!notes.is_empty()).then(|| {
        view! {
            <h3>"How the figures were counted"</h3>
            <ul class="table-notes">
                {notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
            </ul>
        }
    })
}

/// Where the imported data is kept, and a way to start again from the sample.
#[component]
fn KeptData() -> impl IntoView {
    let state = expect_context::<AppState>();
    let (confirm, set_confirm) = signal(false);
    view! {
        <p class="hint kept-data">
            "The figures read from your files (not the files themselves) are kept in this browser's database, so they are here on your next visit; mappings, area names and drafts are kept in its local storage. Nothing is uploaded. "
            {move || if confirm.get() {
                view! {
                    <button type="button" class="danger" on:click=move |_| {
                        set_confirm.set(false);
                        state.start_again(super::SAMPLE_PATH);
                    }>"Forget the imported data and start again from the sample"</button>
                    " "
                    <button type="button" class="secondary" on:click=move |_| set_confirm.set(false)>"Keep it"</button>
                }.into_any()
            } else {
                view! { <button type="button" class="secondary" on:click=move |_| set_confirm.set(true)>"Start again…"</button> }.into_any()
            }}
        </p>
    }
}
