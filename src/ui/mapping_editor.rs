//! The mapping step: what the workbench decided each column holds, over a
//! preview of the rows, with every decision open to correction. Saving keeps
//! the mapping as a recipe for files with the same headers and re-imports;
//! saving a doubtful table's mapping is the user confirming how it was read.

use super::on_demand::{on_demand, on_demand_view};
use super::role_picker::RolePicker;
use super::show_more::{ShowMore, PAGE};
use super::wide_table::WideTable;
use super::AppState;
use crate::core::dataset::{BaseChoice, BaseKind, TableSummary, Unit};
use crate::core::ingest::Recipe;
use leptos::prelude::*;
use std::sync::Arc;

/// `open`: shown unfolded (a doubtful table the user should check).
///
/// A folded editor holds only its summary: the form (a select per column, a
/// preview of the rows) is built the first time it is unfolded, so a workbook
/// of a thousand columns does not build tens of thousands of elements nobody
/// has asked to see. Once built it stays, with whatever the user chose in it.
/// The form's code, too, is fetched only then (`super::on_demand`).
#[component]
pub fn MappingEditor(table: TableSummary, open: bool) -> impl IntoView {
    let Some(mapping) = table.mapping.as_ref() else {
        return ().into_any();
    };
    let doubtful = !table.reading.trusted();
    let summary = format!(
        "{}{} › {} ({}): {}{}",
        if doubtful {
            "Check how this was read: "
        } else {
            ""
        },
        table.file,
        table.sheet,
        table.range,
        table.shape.describe(),
        if mapping.recipe_applied {
            ", read with your saved mapping"
        } else {
            ""
        }
    );
    let unfolded = RwSignal::new(open);
    let (range, sheet) = (table.range.clone(), table.sheet.clone());
    view! {
        <details
            class=if doubtful { "mapping doubtful" } else { "mapping" }
            data-range=range
            data-sheet=sheet
            open=open
            // Fired on unfolding and folding; the form is kept once made.
            on:toggle=move |_| unfolded.set(true)
        >
            <summary>{summary}</summary>
            {move || {
                unfolded.get().then(|| {
                    let table = table.clone();
                    on_demand_view("the mapping editor", move || mapping_form(table.clone()))
                })
            }}
        </details>
    }
    .into_any()
}

on_demand! { mapping_editor;
    /// The editor's form (below), its code fetched the first time one is unfolded.
    fn mapping_form(table: TableSummary) -> AnyView {
        view! { <MappingForm table=table/> }.into_any()
    }
}

/// The editor's form: each column's role and unit over the first rows, the
/// denominators, the header row and the area. A wide table shows its columns
/// (and a long one its measures) a page at a time.
#[component]
fn MappingForm(table: TableSummary) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Some(mapping) = table.mapping.clone() else {
        return ().into_any();
    };
    let doubtful = !table.reading.trusted();
    let doubts = table.reading.doubts.clone();
    let roles = RwSignal::new(mapping.roles.clone());
    // One unit choice per column: `None` lets the workbench decide.
    let units = RwSignal::new({
        let mut chosen = mapping.units.clone();
        chosen.resize(mapping.roles.len(), None);
        chosen
    });
    // The measures as the table names them, each with the base the user made
    // it (`None`: a figure as read).
    let measures_read = if mapping.measures_read.is_empty() {
        table.measures.clone()
    } else {
        mapping.measures_read.clone()
    };
    let bases = RwSignal::new(
        measures_read
            .iter()
            .map(|m| {
                mapping
                    .bases
                    .iter()
                    .find(|b| &b.measure == m)
                    .map(|b| b.kind)
            })
            .collect::<Vec<Option<BaseKind>>>(),
    );
    let by_hand = mapping.by_hand;
    let area = RwSignal::new(mapping.area_for_all.clone().unwrap_or_default());
    let header_row = RwSignal::new(mapping.header_row.to_string());
    let (current_row, current_shift) = (mapping.header_row, mapping.header_shift);
    let id = format!(
        "mapping-{}-{}",
        table
            .sheet
            .replace(|c: char| !c.is_ascii_alphanumeric(), "-"),
        table.range.replace(':', "-")
    );
    let file = table.file.clone();
    let signature = mapping.signature.clone();
    let measures_for_recipe = measures_read.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let area = area.get_untracked().trim().to_string();
        let chosen_row = header_row
            .get_untracked()
            .trim()
            .parse::<usize>()
            .unwrap_or(current_row)
            .max(1);
        // A header chosen by hand is moved by mapping the sheet again, not here.
        let moved = chosen_row != current_row && by_hand.is_none();
        state.save_recipe(
            &file,
            Recipe {
                signature: signature.clone(),
                // A new header row has new columns: their roles are detected afresh.
                roles: if moved {
                    Vec::new()
                } else {
                    roles.get_untracked()
                },
                area: (!area.is_empty()).then_some(area),
                header_shift: current_shift + chosen_row as i32 - current_row as i32,
                units: if moved || units.with_untracked(|u| u.iter().all(Option::is_none)) {
                    Vec::new()
                } else {
                    units.get_untracked()
                },
                bases: bases.with_untracked(|b| {
                    measures_for_recipe
                        .iter()
                        .zip(b)
                        .filter_map(|(measure, kind)| {
                            kind.map(|kind| BaseChoice {
                                measure: measure.clone(),
                                kind,
                            })
                        })
                        .collect()
                }),
                by_hand,
            },
        );
    };
    let header = Arc::new(table.header.clone());
    let preview = Arc::new(mapping.preview.clone());
    let columns_shown = RwSignal::new(PAGE);
    let column_count = header.len();
    let measures_shown = RwSignal::new(PAGE);
    let measure_count = measures_read.len();
    let table_id = Arc::new(id.clone());
    view! {
        <>
            {(!doubts.is_empty())
                .then(|| {
                    view! {
                        <p>
                            {if doubtful {
                                "Why this reading may be wrong (saving the mapping, corrected or as it is, confirms it and lets its figures into the assessment):"
                            } else {
                                "You confirmed this reading; the workbench had these doubts:"
                            }}
                        </p>
                        <ul class="doubts">
                            {doubts.iter().map(|d| view! { <li>{format!("{d}.")}</li> }).collect_view()}
                        </ul>
                    }
                })}
            <form on:submit=on_submit>
                <WideTable class="mapping-preview" caption="Each column's role, over the first rows of the table">
                        <thead>
                            <tr>
                                {let header = header.clone();
                                move || header
                                    .iter()
                                    .take(columns_shown.get())
                                    .map(|h| view! { <th scope="col">{if h.is_empty() { "(no header)".to_string() } else { h.clone() }}</th> })
                                    .collect_view()}
                            </tr>
                            <tr>
                                {let (header, table_id) = (header.clone(), table_id.clone());
                                move || header
                                    .iter()
                                    .take(columns_shown.get())
                                    .enumerate()
                                    .map(|(i, h)| {
                                        let select_id = format!("{table_id}-col-{i}");
                                        let label = format!("Role of column {} (“{}”)", i + 1, h);
                                        view! {
                                            <td>
                                                <RolePicker roles=roles column=i id=select_id label=label />
                                            </td>
                                        }
                                    })
                                    .collect_view()}
                            </tr>
                            <tr class="units">
                                {let (header, table_id) = (header.clone(), table_id.clone());
                                move || header
                                    .iter()
                                    .take(columns_shown.get())
                                    .enumerate()
                                    .map(|(i, h)| {
                                        let select_id = format!("{table_id}-unit-{i}");
                                        let label = format!("Unit of column {} (“{}”)", i + 1, h);
                                        view! {
                                            <td>
                                                <label class="visually-hidden" for=select_id.clone()>{label}</label>
                                                <select
                                                    id=select_id
                                                    on:change=move |ev| {
                                                        let index: usize = event_target_value(&ev).parse().unwrap_or(0);
                                                        units.update(|u| {
                                                            if let Some(slot) = u.get_mut(i) {
                                                                // 0 is "as detected"; then each unit in order.
                                                                *slot = index.checked_sub(1).and_then(|k| Unit::ALL.get(k).copied());
                                                            }
                                                        });
                                                    }
                                                >
                                                    <option value="0" selected=move || units.with(|u| u.get(i).copied().flatten().is_none())>
                                                        "Unit: as detected"
                                                    </option>
                                                    {Unit::ALL
                                                        .iter()
                                                        .enumerate()
                                                        .map(|(k, unit)| {
                                                            let unit = *unit;
                                                            let selected = move || units.with(|u| u.get(i).copied().flatten() == Some(unit));
                                                            view! {
                                                                <option value=(k + 1).to_string() selected=selected>
                                                                    {format!("Unit: {}", unit.describe())}
                                                                </option>
                                                            }
                                                        })
                                                        .collect_view()}
                                                </select>
                                            </td>
                                        }
                                    })
                                    .collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {move || {
                                let shown = columns_shown.get();
                                preview
                                    .iter()
                                    .map(|row| view! { <tr>{row.iter().take(shown).map(|c| view! { <td>{c.clone()}</td> }).collect_view()}</tr> })
                                    .collect_view()
                            }}
                        </tbody>
                </WideTable>
                <ShowMore shown=columns_shown total=column_count noun="columns"/>
                {(!mapping.total_rows.is_empty())
                    .then(|| {
                        view! {
                            <p class="totals-note">"Rows kept apart as totals, not added to the parts:"</p>
                            <ul class="totals">
                                {mapping.total_rows.iter().map(|t| view! { <li>{t.clone()}</li> }).collect_view()}
                            </ul>
                        }
                    })}
                {(!measures_read.is_empty())
                    .then(|| {
                        view! {
                            <fieldset class="denominators">
                                <legend>"Denominators"</legend>
                                <p class="hint">
                                    "A population, households or victims figure in this table can be the denominator of the others: counts become rates per 1,000, and a share is tested against its base."
                                </p>
                                {let (measures_read, id) = (measures_read.clone(), id.clone());
                                move || measures_read
                                    .iter()
                                    .take(measures_shown.get())
                                    .enumerate()
                                    .map(|(i, m)| {
                                        let select_id = format!("{id}-base-{i}");
                                        view! {
                                            <p>
                                                <label for=select_id.clone()>{format!("“{m}” is")}</label>
                                                " "
                                                <select
                                                    id=select_id
                                                    on:change=move |ev| {
                                                        let index: usize = event_target_value(&ev).parse().unwrap_or(0);
                                                        bases.update(|b| {
                                                            if let Some(slot) = b.get_mut(i) {
                                                                // 0 is "a figure"; then each kind of base in order.
                                                                *slot = index.checked_sub(1).and_then(|k| BaseKind::ALL.get(k).copied());
                                                            }
                                                        });
                                                    }
                                                >
                                                    <option value="0" selected=move || bases.with(|b| b.get(i).copied().flatten().is_none())>
                                                        "A figure, as read"
                                                    </option>
                                                    {BaseKind::ALL
                                                        .iter()
                                                        .enumerate()
                                                        .map(|(k, kind)| {
                                                            let kind = *kind;
                                                            let selected = move || bases.with(|b| b.get(i).copied().flatten() == Some(kind));
                                                            view! { <option value=(k + 1).to_string() selected=selected>{kind.describe()}</option> }
                                                        })
                                                        .collect_view()}
                                                </select>
                                            </p>
                                        }
                                    })
                                    .collect_view()}
                                <ShowMore shown=measures_shown total=measure_count noun="measures"/>
                            </fieldset>
                        }
                    })}
                {by_hand.is_none().then(|| view! {
                <p>
                    <label for=format!("{id}-header")>"Header row (sheet row number)"</label>
                    <input
                        id=format!("{id}-header")
                        class="row-number"
                        type="number"
                        min="1"
                        inputmode="numeric"
                        prop:value=move || header_row.get()
                        on:input=move |ev| header_row.set(event_target_value(&ev))
                    />
                </p>
                })}
                <p>
                    <label for=format!("{id}-area")>"Area for every figure, when no column holds area names"</label>
                    <input
                        id=format!("{id}-area")
                        type="text"
                        prop:value=move || area.get()
                        on:input=move |ev| area.set(event_target_value(&ev))
                    />
                </p>
                <button type="submit">
                    {if doubtful { "Confirm mapping and re-import" } else { "Save mapping and re-import" }}
                </button>
            </form>
        </>
    }
    .into_any()
}
