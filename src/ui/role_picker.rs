//! The choice of what one column holds (area names, figures, a period, …),
//! shared by the mapping step and mapping by hand so both offer the same
//! roles, labelled the same way for screen readers and the keyboard.

use crate::core::ingest::RoleChoice;
use leptos::prelude::*;

/// `roles`: every column's role, left to right; `column` is the one chosen
/// here. `label` is read out for the (visually hidden) label.
#[component]
pub fn RolePicker(
    roles: RwSignal<Vec<RoleChoice>>,
    column: usize,
    id: String,
    label: String,
) -> impl IntoView {
    view! {
        <label class="visually-hidden" for=id.clone()>{label}</label>
        <select
            id=id
            on:change=move |ev| {
                let index: usize = event_target_value(&ev).parse().unwrap_or(0);
                roles.update(|r| {
                    if let (Some(slot), Some(choice)) = (r.get_mut(column), RoleChoice::ALL.get(index)) {
                        *slot = *choice;
                    }
                });
            }
        >
            {RoleChoice::ALL
                .iter()
                .enumerate()
                .map(|(k, choice)| {
                    let selected = move || roles.with(|r| r.get(column) == Some(choice));
                    view! { <option value=k.to_string() selected=selected>{choice.describe()}</option> }
                })
                .collect_view()}
        </select>
    }
}
