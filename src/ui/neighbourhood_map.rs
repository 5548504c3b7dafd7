//! Where it happens in the local district: its neighbourhoods (LSOAs) coloured
//! by street records of a crime type in a period, from the per-LSOA tally the
//! import keeps. Shown only when street records place crime in the local area;
//! the LSOA boundaries built in (Kent, Medway, the City of London) are fetched
//! then, and the file whose codes match the records best is drawn.

use super::map_figure::MapFigure;
use super::AppState;
use crate::core::dataset::{
    district_counts, tallied_crime_types, tallied_districts, tallied_months, ALL_CRIME,
};
use crate::core::maps::{self, asset::Boundaries, MapSpec};
use crate::core::period::Period;
use leptos::prelude::*;
use std::sync::Arc;

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
    Effect::new(move |_| {
        if has_records.get() && loaded.with_untracked(Option::is_none) {
            if let Some(code) = code.clone() {
                leptos::task::spawn_local(async move {
                    set_loaded.set(Some(boundaries_for(code).await));
                });
            }
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
        Some(match loaded.get()? {
            Err(e) => Err(e),
            Ok(files) => {
                let best = files
                    .iter()
                    .max_by_key(|b| maps::matching_codes(&counts, b))
                    .filter(|b| maps::matching_codes(&counts, b) > 0);
                match best {
                    Some(b) => {
                        let started = crate::browser::elapsed_ms();
                        let spec = maps::neighbourhood_map(&counts, b, &measure, &period);
                        crate::browser::measure_since("cspw:neighbourhood-map", started);
                        spec
                    }
                    None => Err(format!(
                        "the workbench has no neighbourhood boundaries for {} built in",
                        counts.district.name
                    )),
                }
            }
        })
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
                {move || match map.get() {
                    None => view! { <p class="status" role="status">"Loading the neighbourhood boundaries…"</p> }.into_any(),
                    Some(Err(e)) => view! { <p class="status" role="status">{format!("The neighbourhood map cannot be drawn: {e}.")}</p> }.into_any(),
                    Some(Ok(spec)) => view! { <MapFigure spec=Signal::stored(spec)/> }.into_any(),
                }}
            </section>
        </Show>
    }
}
