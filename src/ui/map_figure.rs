//! One component for every map, with the chart component's contract: the
//! drawing (SVG the core made), a description for screen readers, PNG and SVG
//! downloads, and "Show as table" with the same numbers. The map is one tab
//! stop; arrow keys move between its areas, Home and End go to the first and
//! last (the table's order), and the area focused is read out below the map.

use super::chart::DataTable;
use crate::core::charts::ChartTable;
use crate::core::file_name::download_name;
use crate::core::maps::MapSpec;
use leptos::prelude::*;

#[component]
pub fn MapFigure(
    #[prop(into)] spec: Signal<MapSpec>,
    /// What its PNG and SVG are saved as, where the page keeps names apart
    /// (`file_name::unique_stems`); by default the map's title (`MapSpec::file_stem`).
    #[prop(optional, into)]
    name: Option<Signal<String>>,
) -> impl IntoView {
    let (as_table, set_as_table) = signal(false);
    let (readout, set_readout) = signal(None::<String>);
    let (problem, set_problem) = signal(None::<String>);
    let id = Memo::new(move |_| spec.with(|s| s.id.clone()));
    let title = Memo::new(move |_| spec.with(|s| s.title.clone()));
    let stem = move || match name {
        Some(name) => name.get_untracked(),
        None => spec.with_untracked(MapSpec::file_stem),
    };
    // A new map (another measure or value) starts with nothing read out.
    Effect::new(move |_| {
        id.track();
        set_readout.set(None);
    });
    let table = Signal::derive(move || spec.with(|s| s.table.clone()));
    let table_id = move || format!("{}-table", id.get());
    let hint_id = move || format!("{}-keys", id.get());

    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let (map_id, count) = spec.with_untracked(|s| (s.id.clone(), s.areas));
        let Some((at, _)) = crate::browser::map_area_of(ev.as_ref(), &map_id) else {
            return;
        };
        let last = count.saturating_sub(1);
        let to = match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" => (at + 1).min(last),
            "ArrowLeft" | "ArrowUp" => at.saturating_sub(1),
            "Home" => 0,
            "End" => last,
            _ => return,
        };
        ev.prevent_default();
        crate::browser::focus_map_area(&map_id, at, to);
    };
    let on_focusin = move |ev: leptos::ev::FocusEvent| {
        let map_id = spec.with_untracked(|s| s.id.clone());
        if let Some((_, label)) = crate::browser::map_area_of(ev.as_ref(), &map_id) {
            set_readout.set(Some(label));
        }
    };
    let download_png = move |_| {
        let name = download_name(&stem(), "png");
        let (svg, width, height) = spec.with_untracked(|s| (s.svg.clone(), s.width, s.height));
        leptos::task::spawn_local(async move {
            let result = crate::browser::svg_to_png(&svg, width, height)
                .await
                .and_then(|url| crate::browser::download_data_url(&name, &url));
            set_problem.set(result.err());
        });
    };
    let download_svg = move |_| {
        let name = download_name(&stem(), "svg");
        let svg = spec.with_untracked(|s| s.svg.clone());
        set_problem.set(crate::browser::download_text(&name, "image/svg+xml", &svg).err());
    };

    view! {
        <figure class="chart-figure map-figure">
            <p class="map-keys" id=hint_id>
                "Tab to the map, then use the arrow keys to move from area to area (in the table's order); each area's name and figure are read out."
            </p>
            <div
                class="map"
                data-map=move || id.get()
                aria-describedby=hint_id
                on:keydown=on_keydown
                on:focusin=on_focusin
                inner_html=move || spec.with(|s| s.svg.clone())
            ></div>
            <p class="map-readout" aria-live="polite">
                {move || readout.get().unwrap_or_default()}
            </p>
            <figcaption>
                <p class="chart-description">{move || spec.with(|s| s.description.clone())}</p>
                <span class="chart-actions">
                    <button
                        type="button"
                        class="secondary"
                        aria-label=move || format!("Download the map “{}” as PNG", title.get())
                        on:click=download_png
                    >
                        "PNG"
                    </button>
                    <button
                        type="button"
                        class="secondary"
                        aria-label=move || format!("Download the map “{}” as SVG", title.get())
                        on:click=download_svg
                    >
                        "SVG"
                    </button>
                    <button
                        type="button"
                        class="secondary"
                        aria-expanded=move || as_table.get().to_string()
                        aria-controls=table_id
                        on:click=move |_| set_as_table.update(|v| *v = !*v)
                    >
                        {move || if as_table.get() { "Hide table" } else { "Show as table" }}
                    </button>
                </span>
            </figcaption>
            {move || problem.get().map(|p| view! { <p class="status status-error" role="alert">{p}</p> })}
            <div id=table_id hidden=move || !as_table.get()>
                <DataTable table=Signal::derive(move || -> ChartTable { table.get() })/>
            </div>
        </figure>
    }
}
