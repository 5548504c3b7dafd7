//! Whether a change is real, in a compact cell: the marker (▲ ▼ ○ –) with its
//! words for screen readers, opening to the whole sentence from the keyboard
//! or a tap (a `<details>`, so nothing hides behind hover). The words and the
//! sentence come from `core::assessment::significance_marker`.

use crate::core::assessment::significance_marker::{significance_key, SignificanceMarker};
use leptos::prelude::*;

#[component]
pub fn SignificanceCell(marker: SignificanceMarker) -> impl IntoView {
    let class = match (marker.kind.is_significant(), marker.verdict_class()) {
        (true, "") => "marker marker-significant".to_string(),
        (true, verdict) => format!("marker marker-significant marker-{verdict}"),
        _ => "marker".to_string(),
    };
    view! {
        <details class=class>
            <summary>
                <span class="marker-symbol" aria-hidden="true">{marker.symbol()}</span>
                <span class="visually-hidden">{marker.words()}</span>
            </summary>
            <p class="marker-sentence">{marker.sentence}</p>
        </details>
    }
}

/// What the markers mean, said once above the table rather than in every cell.
#[component]
pub fn SignificanceKey() -> impl IntoView {
    view! {
        <p class="marker-key">
            {format!(
                "Is the change real? {}. Choose a marker for its test and p-value.",
                significance_key()
            )}
        </p>
    }
}
