//! One chart component for every chart: ECharts draws the option that the core
//! built, the container carries a description for screen readers, and a toggle
//! shows the same numbers as a table.

use super::wide_table::WideTable;
use crate::browser::ChartHandle;
use crate::core::file_name::download_name;
use leptos::html::Div;
use leptos::prelude::*;

pub use crate::core::charts::ChartTable;

#[component]
pub fn Chart(
    /// The ECharts option as JSON, built by `crate::core::charts`.
    #[prop(into)]
    option: Signal<String>,
    /// What the chart shows, in one or two sentences.
    #[prop(into)]
    description: Signal<String>,
    #[prop(into)] table: Signal<ChartTable>,
    /// Distinguishes this chart's table toggle from others on the page.
    #[prop(into)]
    id: String,
    /// What its PNG and SVG are saved as, before the extension: its title,
    /// made safe and distinct on the page by the core (`ChartSpec::file_stem`,
    /// `file_name::unique_stems`).
    #[prop(into)]
    name: Signal<String>,
) -> impl IntoView {
    let container = NodeRef::<Div>::new();
    let handle = StoredValue::new_local(None::<ChartHandle>);
    let (problem, set_problem) = signal(None::<String>);
    let (as_table, set_as_table) = signal(false);

    Effect::new(move |_| {
        let json = option.get();
        let Some(element) = container.get() else {
            return;
        };
        // Drawn in a task of its own, after the page around it: a view and its
        // chart drawn in one task is one long task where each alone is short.
        leptos::task::spawn_local(async move {
            crate::browser::yield_to_page().await;
            // The newest option only: a newer one has its own draw queued.
            if option
                .try_with_untracked(|now| *now != json)
                .unwrap_or(true)
            {
                return;
            }
            if handle.try_with_value(Option::is_none) == Some(true) {
                match ChartHandle::attach(&element) {
                    Ok(h) => handle.set_value(Some(h)),
                    Err(sentence) => {
                        set_problem.set(Some(sentence));
                        return;
                    }
                }
                // Starting ECharts and drawing the first option are each a
                // good part of a task: the page gets a turn between them.
                crate::browser::yield_to_page().await;
                if option
                    .try_with_untracked(|now| *now != json)
                    .unwrap_or(true)
                {
                    return;
                }
            }
            // Gone (the view was left) while waiting: nothing to draw.
            let result = handle
                .try_with_value(|h| h.as_ref().map(|h| h.show(&json)))
                .flatten();
            set_problem.set(result.and_then(Result::err));
        });
    });
    // Dropping the handle disposes the ECharts instance and its resize observer.
    on_cleanup(move || handle.set_value(None));

    let table_id = format!("{id}-table");
    // Titles come from measure names, which can be any length (`core::file_name`).
    let png_label = move || format!("Download the chart “{}” as PNG", name.get());
    let svg_label = move || format!("Download the chart “{}” as SVG", name.get());
    view! {
        <figure class="chart-figure">
            <div
                class="chart"
                node_ref=container
                role="img"
                aria-label=move || description.get()
                data-chart=id
            ></div>
            <figcaption>
                <p class="chart-description">{move || description.get()}</p>
                <span class="chart-actions">
                <button
                    type="button"
                    class="secondary"
                    aria-label=png_label
                    on:click=move |_| {
                        let result = handle
                            .with_value(|h| h.as_ref().map(|h| h.png()))
                            .unwrap_or_else(|| Err("the chart is not drawn yet".to_string()))
                            .and_then(|url| {
                                let file = download_name(&name.get_untracked(), "png");
                                crate::browser::download_data_url(&file, &url)
                            });
                        set_problem.set(result.err());
                    }
                >
                    "PNG"
                </button>
                <button
                    type="button"
                    class="secondary"
                    aria-label=svg_label
                    on:click=move |_| {
                        let json = option.get_untracked();
                        let result = handle
                            .with_value(|h| h.as_ref().map(|h| h.svg(&json)))
                            .unwrap_or_else(|| Err("the chart is not drawn yet".to_string()))
                            .and_then(|svg| {
                                let file = download_name(&name.get_untracked(), "svg");
                                crate::browser::download_text(&file, "image/svg+xml", &svg)
                            });
                        set_problem.set(result.err());
                    }
                >
                    "SVG"
                </button>
                <button
                    type="button"
                    class="secondary"
                    aria-expanded=move || as_table.get().to_string()
                    aria-controls=table_id.clone()
                    on:click=move |_| set_as_table.update(|v| *v = !*v)
                >
                    {move || if as_table.get() { "Hide table" } else { "Show as table" }}
                </button>
                </span>
            </figcaption>
            {move || problem.get().map(|p| view! { <p class="status status-error" role="alert">{p}</p> })}
            <div id=table_id.clone() hidden=move || !as_table.get()>
                <DataTable table=table/>
            </div>
        </figure>
    }
}

#[component]
pub fn DataTable(#[prop(into)] table: Signal<ChartTable>) -> impl IntoView {
    move || {
        let t = table.get();
        view! {
            <WideTable caption=t.caption>
                    <thead>
                        <tr>{t.headers.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr>
                    </thead>
                    <tbody>
                        {t
                            .rows
                            .into_iter()
                            .map(|row| {
                                view! {
                                    <tr>{row.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
            </WideTable>
        }
    }
}
