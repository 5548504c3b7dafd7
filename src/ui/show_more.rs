//! Long lists are shown a page at a time, so a workbook of thousands of measures
//! renders in a moment and the rest is one button away.

use crate::core::format;
use leptos::prelude::*;

/// How many rows a long list shows at first, and adds each time.
pub const PAGE: usize = 50;

/// "Showing 50 of 1,000 measures. [Show 50 more]", or nothing when all are shown.
#[component]
pub fn ShowMore(
    shown: RwSignal<usize>,
    total: usize,
    noun: &'static str,
    /// How many each press adds.
    #[prop(default = PAGE)]
    step: usize,
) -> impl IntoView {
    move || {
        let now = shown.get().min(total);
        (now < total).then(|| {
            let more = step.min(total - now);
            view! {
                <p class="show-more">
                    <span>
                        {format!(
                            "Showing {} of {} {noun}.",
                            format::count(now as f64),
                            format::count(total as f64),
                        )}
                    </span>
                    " "
                    <button
                        type="button"
                        class="secondary"
                        on:click=move |_| shown.update(|s| *s = (*s).min(total) + step)
                    >
                        {format!("Show {} more {noun}", format::count(more as f64))}
                    </button>
                </p>
            }
        })
    }
}
