//! Where it happens in the local district: its neighbourhoods (LSOAs) coloured
//! by street records of a crime type in a period, from the per-LSOA tally the
//! import keeps. Shown only when street records place crime in the local area;
//! the LSOA boundaries built in (Kent, Medway, the City of London) are fetched
//! then, with any boundary file the user dropped (kept in IndexedDB), and the
//! one whose codes match the records best is drawn. With none matching, the
//! records' map points are drawn as hexagons over the district's outline.

use super::map_figure::MapFigure;
use super::AppState;
use crate::core::dataset::{
    density, district_counts, tallied_crime_types, tallied_districts, tallied_months, ALL_CRIME,
};
use crate::core::maps::{self, asset::Boundaries, MapSpec};
use crate::core::period::Period;
use leptos::prelude::*;
use std::sync::Arc;

/// Where the user's own boundary file is kept (as compact text, `core::maps::user_boundaries`).
const USER_BOUNDARIES_KEY: &str = "cspw.boundaries.v1";

/// The district's LSOA boundary files that the app ships, best match first, or a sentence.
async fn boundaries_for(code: String) -> Result<Vec<Arc<Boundaries>>, String> {
    let index = crate::browser::fetch_text(maps::LSOA_INDEX_PATH).await?;
    let files = maps::lsoa_files_for(&index, &code);
    let mut all = Vec::new();
    for file in files {
        all.push(super::boundaries::load(&file).await?);
    }
    Ok(all)
}

#[component]
pub fn NeighbourhoodMap(area: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let geo = crate::core::geography::national();
    let code = geo.find_area(&area).map(|a| a.code.clone());
    let tallies = Memo::new(move |_| state.dataset.with(|d| d.lsoa_tallies.clone()));
    let (area_for_counts, code_for_counts) = (area.clone(), code.clone());
    let has_records = Memo::new(move |_| {
        tallies.with(|t| {
            tallied_districts(t).iter().any(|d| {
                d.name.eq_ignore_ascii_case(&area_for_counts)
                    || code_for_counts.as_deref() == Some(d.code.as_str())
            })
        })
    });
    let crime_types = Memo::new(move |_| {
        let mut all = vec![ALL_CRIME.to_string()];
        all.extend(tallies.with(|t| tallied_crime_types(t)));
        all
    });
    let periods =
        Memo::new(move |_| tallies.with(|t| maps::neighbourhood_periods(&tallied_months(t))));
    let (crime, set_crime) = signal(ALL_CRIME.to_string());
    let (period_index, set_period_index) = signal(0usize);
    let (loaded, set_loaded) = signal(None::<Result<Vec<Arc<Boundaries>>, String>>);
    let (user, set_user) = signal(None::<Arc<Boundaries>>);
    let (user_said, set_user_said) = signal(None::<Result<String, String>>);
    let (outline, set_outline) = signal(None::<Arc<Boundaries>>);
    let on_pick = move |ev: leptos::ev::Event| {
        let Some(file) = crate::browser::take_picked_files(&ev).into_iter().next() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let name = file.name();
            let result = async {
                let bytes = crate::browser::read_file(&file).await?;
                let text =
                    String::from_utf8(bytes).map_err(|_| format!("{name} is not a text file"))?;
                let compact = maps::user_boundaries::from_file(&text, &name)?;
                let boundaries = maps::user_boundaries::read(&compact)?;
                crate::browser::idb_put(USER_BOUNDARIES_KEY, &compact).await?;
                let n = boundaries.areas.len();
                set_user.set(Some(Arc::new(boundaries)));
                Ok::<String, String>(format!(
                    "{name}: {} areas kept in this browser for your maps.",
                    crate::core::format::count(n as f64)
                ))
            }
            .await;
            set_user_said.set(Some(
                result.map_err(|e| format!("The boundary file was not used: {e}.")),
            ));
        });
    };
    let forget = move |_| {
        leptos::task::spawn_local(async move {
            let result = crate::browser::idb_delete(USER_BOUNDARIES_KEY).await;
            if result.is_ok() {
                set_user.set(None);
            }
            set_user_said.set(Some(
                result.map(|()| "Your boundary file is forgotten.".to_string()),
            ));
        });
    };
    Effect::new(move |_| {
        if has_records.get() && loaded.with_untracked(Option::is_none) {
            let code = code.clone().unwrap_or_default();
            // The user's boundary file, kept across reloads.
            leptos::task::spawn_local(async move {
                if let Ok(Some(text)) = crate::browser::idb_get(USER_BOUNDARIES_KEY).await {
                    match maps::user_boundaries::read(&text) {
                        Ok(b) => set_user.set(Some(Arc::new(b))),
                        Err(e) => set_user_said.set(Some(Err(format!(
                            "Your kept boundary file could not be read ({e}); drop it again."
                        )))),
                    }
                }
            });
            leptos::task::spawn_local(async move {
                set_loaded.set(Some(boundaries_for(code).await));
                // The district's outline, for hexagons where no neighbourhood boundaries match.
                if let Ok(districts) = super::boundaries::load(maps::DISTRICTS_PATH).await {
                    set_outline.set(Some(districts));
                }
            });
        }
    });
    let area_for_map = area.clone();
    let map = Memo::new(move |_| -> Option<Result<MapSpec, String>> {
        if !has_records.get() {
            return None;
        }
        let period: Period = periods.with(|p| p.get(period_index.get()).copied())?;
        let measure = crime.get();
        let counts = tallies.with(|t| district_counts(t, &area_for_map, &measure, period))?;
        // Built-in boundaries that could not be fetched leave the user's, or hexagons.
        let mut files: Vec<Arc<Boundaries>> = loaded.get()?.unwrap_or_default();
        files.extend(user.get());
        let best = files
            .iter()
            .max_by_key(|b| maps::matching_codes(&counts, b))
            .filter(|b| maps::matching_codes(&counts, b) > 0);
        let started = crate::browser::elapsed_ms();
        let spec = match best {
            Some(b) => maps::neighbourhood_map(&counts, b, &measure, &period),
            None => {
                let cells = tallies.with(|t| density(t, Some(&area_for_map), &measure, period));
                let outline = outline.get();
                let district = outline.as_ref().and_then(|o| o.get(&counts.district.code));
                maps::hexagon_map(&cells, district, &counts.district.name, &measure, &period)
            }
        };
        crate::browser::measure_since("cspw:neighbourhood-map", started);
        Some(spec)
    });

    view! {
        <Show when=move || has_records.get()>
            <section class="neighbourhoods" aria-labelledby="neighbourhoods-heading">
                <h2 id="neighbourhoods-heading" tabindex="-1">"Where it happens: neighbourhoods"</h2>
                <div class="controls">
                    <label for="neighbourhood-crime-select">"Crime"</label>
                    <select
                        id="neighbourhood-crime-select"
                        on:change=move |ev| set_crime.set(event_target_value(&ev))
                        prop:value=move || crime.get()
                    >
                        {move || crime_types
                            .get()
                            .into_iter()
                            .map(|c| view! { <option value=c.clone()>{c.clone()}</option> })
                            .collect_view()}
                    </select>
                    <label for="neighbourhood-period-select">"Period"</label>
                    <select
                        id="neighbourhood-period-select"
                        on:change=move |ev| {
                            set_period_index.set(event_target_value(&ev).parse().unwrap_or(0))
                        }
                        prop:value=move || period_index.get().to_string()
                    >
                        {move || periods
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(i, p)| view! { <option value=i.to_string()>{p.label()}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="option">
                    <label for="boundary-file">"Your own neighbourhood boundaries (ONS GeoJSON of LSOAs, in longitude and latitude)"</label>
                    <input id="boundary-file" type="file" accept=".geojson,.json,application/geo+json,application/json" on:change=on_pick/>
                    <Show when=move || user.with(Option::is_some)>
                        <button type="button" class="secondary" on:click=forget>"Forget my boundary file"</button>
                    </Show>
                </div>
                {move || user_said.get().map(|r| match r {
                    Ok(t) => view! { <p class="status" role="status">{t}</p> }.into_any(),
                    Err(t) => view! { <p class="status status-error" role="alert">{t}</p> }.into_any(),
                })}
                {move || match map.get() {
                    None => view! { <p class="status" role="status">"Loading the neighbourhood boundaries…"</p> }.into_any(),
                    Some(Err(e)) => view! { <p class="status" role="status">{format!("The neighbourhood map cannot be drawn: {e}.")}</p> }.into_any(),
                    Some(Ok(spec)) => view! { <MapFigure spec=Signal::stored(spec)/> }.into_any(),
                }}
            </section>
        </Show>
    }
}
