//! The options of a chooser whose values are names (a measure, a crime type).

use leptos::prelude::*;

/// One `<option>` per name, its value the name itself, kept in step with `names`.
pub fn name_options(names: Memo<Vec<String>>) -> impl IntoView {
    move || {
        names
            .get()
            .into_iter()
            .map(|name| view! { <option value=name.clone()>{name.clone()}</option> })
            .collect_view()
    }
}
