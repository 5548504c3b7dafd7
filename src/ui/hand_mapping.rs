//! Mapping by hand a sheet on which the workbench found no table: the user
//! says which sheet row is the header (and how many rows it has) and what
//! each column holds, over the sheet's first rows. Saved as a recipe keyed by
//! that header, so the sheet (and any copy or next year's file laid out the
//! same way) is read with it from then on.

use super::role_picker::RolePicker;
use super::wide_table::WideTable;
use super::AppState;
use crate::core::dataset::SkippedSheet;
use crate::core::ingest::{
    hand_signature, parse_number_text, HandHeader, ParsedText, Recipe, RoleChoice,
    MAX_HAND_HEADER_ROWS,
};
use leptos::prelude::*;

/// A first guess at each column's role, for the user to correct: the first
/// column of text names the areas, a column mostly of numbers holds figures.
fn first_guess(rows: &[Vec<String>], width: usize) -> Vec<RoleChoice> {
    let mut area_taken = false;
    (0..width)
        .map(|c| {
            let cells: Vec<&str> = rows
                .iter()
                .filter_map(|r| r.get(c))
                .map(|t| t.trim())
                .filter(|t| !t.is_empty())
                .collect();
            let numbers = cells
                .iter()
                .filter(|t| matches!(parse_number_text(t), ParsedText::Number { .. }))
                .count();
            if !cells.is_empty() && numbers * 2 > cells.len() {
                RoleChoice::MeasureFigures
            } else if !cells.is_empty() && !area_taken {
                area_taken = true;
                RoleChoice::Area
            } else {
                RoleChoice::Ignore
            }
        })
        .collect()
}

#[component]
pub fn HandMapping(sheet: SkippedSheet) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Some(preview) = sheet.preview.clone() else {
        return ().into_any();
    };
    let width = preview.rows.iter().map(Vec::len).max().unwrap_or(0);
    let roles = RwSignal::new(first_guess(&preview.rows, width));
    let header_row = RwSignal::new(preview.first_row.to_string());
    let header_rows = RwSignal::new("1".to_string());
    let area = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let id = format!(
        "by-hand-{}-{}",
        sheet
            .file
            .replace(|c: char| !c.is_ascii_alphanumeric(), "-"),
        sheet
            .sheet
            .replace(|c: char| !c.is_ascii_alphanumeric(), "-")
    );
    let last_row = preview.first_row + preview.rows.len().saturating_sub(1);
    let file = sheet.file.clone();
    let rows_for_key = preview.rows.clone();
    let first_row = preview.first_row;
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen = header_row.get_untracked().trim().parse::<usize>().ok();
        let depth = header_rows
            .get_untracked()
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|d| (1..=MAX_HAND_HEADER_ROWS).contains(d));
        let Some(depth) = depth else {
            problem.set(Some(format!(
                "The header has 1 to {MAX_HAND_HEADER_ROWS} rows."
            )));
            return;
        };
        let Some(row) = chosen
            .filter(|r| (first_row..=last_row).contains(r))
            .map(|r| r - first_row)
        else {
            problem.set(Some(format!(
                "Choose a header row between {first_row} and {last_row} (the rows shown)."
            )));
            return;
        };
        let header = HandHeader { row, rows: depth };
        let Some(signature) = hand_signature(&rows_for_key, header) else {
            problem.set(Some(format!(
                "Row {} has no labels to name the columns by: choose the row that heads them.",
                row + first_row
            )));
            return;
        };
        if roles.with_untracked(|r| r.iter().all(|c| *c == RoleChoice::Ignore)) {
            problem.set(Some("Say which columns hold the figures.".into()));
            return;
        }
        problem.set(None);
        let area = area.get_untracked().trim().to_string();
        state.save_recipe(
            &file,
            Recipe {
                signature,
                roles: roles.get_untracked(),
                area: (!area.is_empty()).then_some(area),
                by_hand: Some(header),
                ..Recipe::default()
            },
        );
    };
    let summary = format!("Map by hand: {} › {}", sheet.file, sheet.sheet);
    // The table's markup owns what it uses (`WideTable`'s children).
    let (table_id, rows) = (id.clone(), preview.rows.clone());
    let caption = format!(
        "The first rows of “{}”, with each column's role",
        sheet.sheet
    );
    view! {
        <details class="mapping by-hand" data-sheet=sheet.sheet.clone()>
            <summary>{summary}</summary>
            <p>
                "Say which row heads the figures and what each column holds. The mapping is kept and used for any file laid out the same way."
                {preview.cut.then_some(" Only the sheet's first rows and columns are shown: the header must be among them, and columns further right are not read.")}
            </p>
            <form on:submit=on_submit>
                <WideTable class="mapping-preview" caption=caption>
                        <thead>
                            <tr>
                                <th scope="col">"Row"</th>
                                {(0..width)
                                    .map(|i| {
                                        let select_id = format!("{table_id}-col-{i}");
                                        view! {
                                            <th scope="col">
                                                <RolePicker roles=roles column=i id=select_id label=format!("Role of column {}", i + 1) />
                                            </th>
                                        }
                                    })
                                    .collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {rows
                                .iter()
                                .enumerate()
                                .map(|(r, row)| {
                                    view! {
                                        <tr>
                                            <th scope="row">{(first_row + r).to_string()}</th>
                                            {(0..width).map(|c| view! { <td>{row.get(c).cloned().unwrap_or_default()}</td> }).collect_view()}
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                </WideTable>
                <p>
                    <label for=format!("{id}-header")>"Header row (sheet row number; the lowest row of the header)"</label>
                    <input
                        id=format!("{id}-header")
                        class="row-number"
                        type="number"
                        min=first_row.to_string()
                        max=last_row.to_string()
                        inputmode="numeric"
                        prop:value=move || header_row.get()
                        on:input=move |ev| header_row.set(event_target_value(&ev))
                    />
                </p>
                <p>
                    <label for=format!("{id}-depth")>{format!("Rows in the header (1 to {MAX_HAND_HEADER_ROWS}: group labels above the column labels count)")}</label>
                    <input
                        id=format!("{id}-depth")
                        class="row-number"
                        type="number"
                        min="1"
                        max=MAX_HAND_HEADER_ROWS.to_string()
                        inputmode="numeric"
                        prop:value=move || header_rows.get()
                        on:input=move |ev| header_rows.set(event_target_value(&ev))
                    />
                </p>
                <p>
                    <label for=format!("{id}-area")>"Area for every figure, when no column holds area names"</label>
                    <input
                        id=format!("{id}-area")
                        type="text"
                        prop:value=move || area.get()
                        on:input=move |ev| area.set(event_target_value(&ev))
                    />
                </p>
                {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
                <button type="submit">"Map this sheet and re-import"</button>
            </form>
        </details>
    }
    .into_any()
}
