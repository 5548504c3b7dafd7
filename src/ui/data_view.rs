//! The Data view: every table imported, where it came from and how it was read.

use super::area_names::AreaNames;
use super::drop_zone::DropZone;
use super::hand_mapping::HandMapping;
use super::loaded_files::LoadedFiles;
use super::mapping_editor::MappingEditor;
use super::on_demand::{on_demand_view, with_street_records, THE_MAPS};
use super::ward_panel::ward_panel;
use super::wide_table::WideTable;
use super::AppState;
use crate::core::assessment::{sample_label, SAMPLE_AREA};
use crate::core::dataset::{DataOrigin, TableSummary};
use crate::core::format;
use leptos::prelude::*;

/// How sure the import is of a table, in the table list.
fn reading_text(t: &TableSummary) -> AnyView {
    match (t.reading.doubts.is_empty(), t.reading.confirmed) {
        (true, false) => "Read".into_any(),
        (_, true) => "Confirmed by you".into_any(),
        (false, false) => view! {
            <span class="reading-doubtful">"Check how this was read"</span>
        }
        .into_any(),
    }
}

/// Which data set is in use, and the way back to the other.
#[component]
fn DataInUse() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let (origin, files) = state.dataset.with(|d| {
            (
                d.origin,
                d.file_names()
                    .iter()
                    .map(|f| f.to_string())
                    .collect::<Vec<_>>(),
            )
        });
        match origin {
            DataOrigin::Sample => view! {
                <p class="data-origin">
                    <strong>{sample_label()}</strong>
                    {format!(". Its {SAMPLE_AREA} figures are those of the published 2016/17 plan; the other districts' are illustrative. The first file you import replaces it: your figures are never assessed together with the sample's.")}
                </p>
            }
            .into_any(),
            DataOrigin::User => view! {
                <p class="data-origin">
                    <strong>{format!("Your data: {} {}", format::count(files.len() as f64), if files.len() == 1 { "file" } else { "files" })}</strong>
                    {format!(" ({}).", files.join(", "))}
                    " The built-in sample is not mixed with it; "
                    "“Bring back the sample…” below swaps back to it."
                </p>
            }
            .into_any(),
        }
    }
}

/// Saves the user's mappings as a file, for `cspw --recipes` or another browser.
#[component]
fn ExportMappings() -> impl IntoView {
    let state = expect_context::<AppState>();
    let (said, set_said) = signal(String::new());
    let count = move || state.recipes.with(Vec::len);
    view! {
        <p class="export-mappings">
            <button
                type="button"
                class="secondary"
                disabled=move || count() == 0
                on:click=move |_| {
                    set_said.set(match state.export_recipes() {
                        Ok(()) => format!(
                            "{} {} saved as csp-workbench-mappings.json: `cspw assess --recipes csp-workbench-mappings.json` reads the same files the same way.",
                            format::count(count() as f64),
                            if count() == 1 { "mapping" } else { "mappings" }
                        ),
                        Err(reason) => format!("The mappings could not be saved: {reason}."),
                    })
                }
            >
                "Export mappings"
            </button>
            " "
            <span role="status">{move || said.get()}</span>
            {move || (count() == 0).then(|| view! { <span class="hint">" No mapping saved yet."</span> })}
        </p>
    }
}

#[component]
pub fn DataView() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <h1>"Data"</h1>
        <p class="lede">
            "The tables the workbench has read, with the sheet and cells each came from. Every figure in the assessment traces back to one of these cells."
        </p>
        <DataInUse/>
        <DropZone/>
        <KeptData/>
        <LoadedFiles/>
        {move || {
            let data = state.dataset.get();
            let skipped = data.skipped_sheets.clone();
            let doubtful: Vec<TableSummary> = data
                .tables
                .iter()
                .filter(|t| !t.reading.trusted() && t.mapping.is_some())
                .cloned()
                .collect();
            let measures_of = |t: &TableSummary| {
                let units = crate::core::ingest::units_of(&data, t);
                t.measures
                    .iter()
                    .map(|m| match units.iter().find(|(name, _)| name == m) {
                        Some((_, unit)) => format!("{m} ({})", unit.describe()),
                        None => m.clone(),
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            // Built here: the table's children own what they use, and `data` is needed below.
            let table_rows = data
                .tables
                .iter()
                .map(|t| {
                    view! {
                        <tr>
                            <td class="file-name">{t.file.clone()}</td>
                            <th scope="row">{t.sheet.clone()}</th>
                            <td>{t.range.clone()}</td>
                            <td>{t.shape.describe()}</td>
                            <td class="num">{format::count(t.body_rows as f64)}</td>
                            <td class="num">{format::count(t.observations as f64)}</td>
                            <td>{measures_of(t)}</td>
                            <td>{reading_text(t)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                {(!doubtful.is_empty())
                    .then(|| {
                        view! {
                            <section class="check-reading" aria-labelledby="check-reading">
                                <h2 id="check-reading">"Check how this was read"</h2>
                                <p>
                                    {format!(
                                        "The workbench is not sure it read {} right, so {} left out of the assessment until you confirm or correct the mapping below.",
                                        if doubtful.len() == 1 { "this table".to_string() } else { format!("these {} tables", doubtful.len()) },
                                        if doubtful.len() == 1 { "it is" } else { "they are" },
                                    )}
                                </p>
                                {doubtful
                                    .into_iter()
                                    .map(|t| view! { <MappingEditor table=t open=true/> })
                                    .collect_view()}
                            </section>
                        }
                    })}
                <h2>"Imported tables"</h2>
                <p>
                    {format!("{}.", data.summary())}
                </p>
                <WideTable class="data-tables" caption="Tables by file and sheet">
                        <thead>
                            <tr>
                                <th scope="col">"File"</th>
                                <th scope="col">"Sheet"</th>
                                <th scope="col">"Cells"</th>
                                <th scope="col">"Layout"</th>
                                <th scope="col" class="num">"Rows"</th>
                                <th scope="col" class="num">"Figures"</th>
                                <th scope="col">"Measures"</th>
                                <th scope="col">"Reading"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {table_rows}
                        </tbody>
                </WideTable>
                {notes_of(&data.tables)}
                {with_street_records(|| on_demand_view(THE_MAPS, ward_panel))}
                <h2>"How each table was read"</h2>
                <p>
                    "Check what the workbench took each column to hold, and correct it. A saved mapping is used again for any file with the same headers, such as next year's extract."
                </p>
                {data
                    .tables
                    .iter()
                    .filter(|t| t.mapping.is_some() && t.reading.trusted())
                    .map(|t| view! { <MappingEditor table=t.clone() open=false/> })
                    .collect_view()}
                <ExportMappings/>
                {(!skipped.is_empty())
                    .then(|| {
                        view! {
                            <h2>"Sheets without a table"</h2>
                            <p>"Nothing on these sheets is in the assessment. A sheet that holds figures can be mapped by hand below: say which row heads them and what each column holds."</p>
                            <ul class="skipped-sheets">
                                {skipped
                                    .iter()
                                    .map(|s| {
                                        view! { <li>{format!("{} › {}: {}.", s.file, s.sheet, s.reason)}</li> }
                                    })
                                    .collect_view()}
                            </ul>
                            {skipped
                                .into_iter()
                                .filter(|s| s.preview.is_some())
                                .map(|s| view! { <HandMapping sheet=s/> })
                                .collect_view()}
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
                    }>"Forget the imported data and bring back the sample"</button>
                    " "
                    <button type="button" class="secondary" on:click=move |_| set_confirm.set(false)>"Keep it"</button>
                }.into_any()
            } else {
                view! { <button type="button" class="secondary" on:click=move |_| set_confirm.set(true)>"Bring back the sample…"</button> }.into_any()
            }}
        </p>
    }
}
