//! Every table that can be wider than the screen goes through this one
//! component, so no view scrolls sideways on a phone (WCAG 2.2, 1.4.10 Reflow):
//! the table scrolls inside its own region, which is named by the table's
//! caption and reachable from the keyboard (a focused region scrolls with the
//! arrow keys), and its first column — the row's name — stays in view
//! (`.wide-table` in style/main.css).

use leptos::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Caption ids for tables whose caller names none: unique on the page, since
/// the region is labelled by id and a repeated id would name the wrong table.
static NEXT_CAPTION: AtomicUsize = AtomicUsize::new(1);

fn fresh_caption_id() -> String {
    format!(
        "wide-table-caption-{}",
        NEXT_CAPTION.fetch_add(1, Ordering::Relaxed)
    )
}

#[component]
pub fn WideTable(
    /// The table's caption: what the table holds, which also names its region.
    #[prop(into)]
    caption: Signal<String>,
    /// The `class` of the `<table>` itself.
    #[prop(optional, into)]
    class: String,
    /// The caption's id, when other markup refers to it; one is made otherwise.
    #[prop(optional, into)]
    caption_id: Option<String>,
    /// Hides the caption visually (still read, still naming the region) where a
    /// heading just above already says the same.
    #[prop(optional)]
    caption_hidden: bool,
    /// The `<thead>`, `<tbody>` and `<tfoot>`.
    children: Children,
) -> impl IntoView {
    let caption_id = caption_id.unwrap_or_else(fresh_caption_id);
    let labelled_by = caption_id.clone();
    view! {
        <div class="wide-table" role="region" tabindex="0" aria-labelledby=labelled_by>
            <table class=class>
                <caption id=caption_id class=caption_hidden.then_some("visually-hidden")>
                    // Its own box, kept at the region's left edge while the table scrolls.
                    <span class="caption-text">{move || caption.get()}</span>
                </caption>
                {children()}
            </table>
        </div>
    }
}
