//! Where it happens in the local district: its neighbourhoods (LSOAs) coloured
//! by street records of a crime type in a period, from the per-LSOA tally the
//! import keeps. Shown only when street records place crime in the local area;
//! the LSOA boundaries built in (Kent, Medway, the City of London) are fetched
//! then, with any boundary file the user dropped (kept in IndexedDB), and the
//! one whose codes match the records best is drawn. With none matching, the
//! records' map points are drawn as hexagons over the district's outline.

use super::map_figure::MapFigure;
use super::AppState;
use crate::core::dataset::ward_counts;
use crate::core::dataset::{
    density, district_counts, tallied_crime_types, tallied_districts, tallied_months, ALL_CRIME,
};
use crate::core::geography::wards::{LsoaWards, WARD_ASSET_PATH};
use crate::core::maps::user_boundaries::AreaKind;
use crate::core::maps::{self, asset::Boundaries, MapSpec};
use crate::core::period::Period;
use leptos::prelude::*;
use std::sync::Arc;

/// Where the user's own boundary file is kept (as compact text, `core::maps::user_boundaries`).
const USER_BOUNDARIES_KEY: &str = "cspw.boundaries.v1";

/// The district's LSOA boundary files that the app ships, with what each is
/// ("the built-in LSOAs of the 2011 census"), or a sentence.
async fn boundaries_for(code: String) -> Result<Vec<(String, Arc<Boundaries>)>, String> {
    let index = crate::browser::fetch_text(maps::LSOA_INDEX_PATH).await?;
    let files = maps::lsoa_files_for(&index, &code);
    let mut all = Vec::new();
    for file in files {
        let census = if file.contains("lsoa21") {
            "2021"
        } else {
            "2011"
        };
        let what = format!("the built-in LSOA boundaries of the {census} census");
        all.push((what, super::boundaries::load(&file).await?));
    }
    Ok(all)
}

/// The user's boundary file as kept: its outlines, the kind of areas, its name.
#[derive(Clone, Debug, PartialEq)]
struct UserFile {
    boundaries: Arc<Boundaries>,
    kind: AreaKind,
    name: String,
}

impl UserFile {
    fn from_compact(compact: &str) -> Result<UserFile, String> {
        let boundaries = maps::user_boundaries::read(compact)?;
        Ok(UserFile {
            kind: AreaKind::of(&boundaries),
            name: maps::user_boundaries::file_name_of(compact)
                .unwrap_or("your boundary file")
                .to_string(),
            boundaries: Arc::new(boundaries),
        })
    }
}

/// The LSOA → ward lookup, fetched once, the first time a ward file is in use.
async fn ward_lookup() -> Result<Arc<LsoaWards>, String> {
    thread_local! {
        static LOADED: std::cell::RefCell<Option<Arc<LsoaWards>>> = const { std::cell::RefCell::new(None) };
    }
    if let Some(found) = LOADED.with(|l| l.borrow().clone()) {
        return Ok(found);
    }
    let text = crate::browser::fetch_text(WARD_ASSET_PATH).await?;
    let lookup = Arc::new(LsoaWards::parse(&text)?);
    LOADED.with(|l| *l.borrow_mut() = Some(lookup.clone()));
    Ok(lookup)
}

super::on_demand::on_demand! { where_it_happens;
    /// The neighbourhood map, its code fetched with the maps (`super::on_demand`).
    pub fn neighbourhood_map(area: String) -> AnyView {
        view! { <NeighbourhoodMap area=area/> }.into_any()
    }
}

#[component]
fn NeighbourhoodMap(area: String) -> impl IntoView {
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
    let (loaded, set_loaded) = signal(None::<Result<Vec<(String, Arc<Boundaries>)>, String>>);
    let (user, set_user) = signal(None::<UserFile>);
    let (wards, set_wards) = signal(None::<Result<Arc<LsoaWards>, String>>);
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
                let file = UserFile::from_compact(&compact)?;
                if file.kind == AreaKind::Other {
                    return Err(format!(
                        "{name} holds neither LSOAs (E01…, W01…) nor wards (E05…, W05…)"
                    ));
                }
                crate::browser::idb_put(USER_BOUNDARIES_KEY, &compact).await?;
                let n = file.boundaries.areas.len();
                let kind = file.kind.plural();
                set_user.set(Some(file));
                Ok::<String, String>(format!(
                    "{name}: {} {kind} kept in this browser for your maps.",
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
                    match UserFile::from_compact(&text) {
                        Ok(file) => set_user.set(Some(file)),
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
    // The ward lookup, only once a ward boundary file is in use.
    Effect::new(move |_| {
        let ward_file = user.with(|u| u.as_ref().is_some_and(|u| u.kind == AreaKind::Ward));
        if ward_file && has_records.get() && wards.with_untracked(Option::is_none) {
            leptos::task::spawn_local(async move {
                set_wards.set(Some(ward_lookup().await));
            });
        }
    });
    let area_for_map = area.clone();
    // The map, and a sentence saying which boundaries it is drawn on.
    let map = Memo::new(move |_| -> Option<(Result<MapSpec, String>, String)> {
        if !has_records.get() {
            return None;
        }
        let period: Period = periods.with(|p| p.get(period_index.get()).copied())?;
        let measure = crime.get();
        let counts = tallies.with(|t| district_counts(t, &area_for_map, &measure, period))?;
        // Built-in boundaries that could not be fetched leave the user's, or hexagons.
        let mut files: Vec<(String, Arc<Boundaries>)> = loaded.get()?.unwrap_or_default();
        let user_file = user.get();
        let mut said_about_wards = None;
        if let Some(u) = &user_file {
            let what = format!("your boundary file {}", u.name);
            match u.kind {
                AreaKind::Ward => {
                    let lookup = match wards.get() {
                        Some(Ok(lookup)) => Some(lookup),
                        Some(Err(e)) => {
                            said_about_wards =
                                Some(format!(" The ward lookup could not be loaded ({e})."));
                            None
                        }
                        // The lookup is on its way: draw the rest meanwhile.
                        None => None,
                    };
                    if let Some(lookup) = lookup {
                        let by = tallies
                            .with(|t| ward_counts(t, &lookup, &area_for_map, &measure, period));
                        let drawn = by.as_ref().map(maps::ward_map_counts);
                        if let (Some(by), Some(drawn)) = (&by, &drawn) {
                            if maps::matching_codes(drawn, &u.boundaries) > 0 {
                                let started = crate::browser::elapsed_ms();
                                let spec = maps::neighbourhood_map_of(
                                    drawn,
                                    &u.boundaries,
                                    AreaKind::Ward,
                                    &measure,
                                    &period,
                                )
                                .map(|mut spec| {
                                    if !by.ward_not_known.is_empty() {
                                        let records: u64 =
                                            by.ward_not_known.iter().map(|l| l.count).sum();
                                        spec.description.push_str(&format!(
                                            " Not drawn: {} records in {} LSOAs the ward lookup does not have (2011 LSOAs split or merged in 2021).",
                                            crate::core::format::count(records as f64),
                                            by.ward_not_known.len()
                                        ));
                                    }
                                    spec
                                });
                                crate::browser::measure_since("cspw:neighbourhood-map", started);
                                return Some((spec, format!("Drawn by ward on {what}.")));
                            }
                        }
                        said_about_wards = Some(format!(
                            " Your boundary file {} has none of {}'s wards (of 2024), so it is not used here.",
                            u.name, counts.district.name
                        ));
                    }
                }
                AreaKind::Lsoa | AreaKind::Other => files.push((what, u.boundaries.clone())),
            }
        }
        let best = files
            .iter()
            .max_by_key(|(_, b)| maps::matching_codes(&counts, b))
            .filter(|(_, b)| maps::matching_codes(&counts, b) > 0);
        let started = crate::browser::elapsed_ms();
        let (spec, used) = match best {
            Some((what, b)) => (
                maps::neighbourhood_map(&counts, b, &measure, &period),
                format!("Drawn by LSOA on {what}."),
            ),
            None => {
                let cells = tallies.with(|t| density(t, Some(&area_for_map), &measure, period));
                let outline = outline.get();
                let district = outline.as_ref().and_then(|o| o.get(&counts.district.code));
                (
                    maps::hexagon_map(&cells, district, &counts.district.name, &measure, &period),
                    "No LSOA or ward boundaries match the records: their map points are drawn as hexagons.".to_string(),
                )
            }
        };
        crate::browser::measure_since("cspw:neighbourhood-map", started);
        Some((spec, used + &said_about_wards.unwrap_or_default()))
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
                    <label for="boundary-file">"Your own boundaries (ONS GeoJSON or TopoJSON of LSOAs or wards, in longitude and latitude)"</label>
                    <input id="boundary-file" type="file" accept=".geojson,.topojson,.json,application/geo+json,application/json" on:change=on_pick/>
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
                    Some((Err(e), used)) => view! {
                        <p class="boundary-in-use">{used}</p>
                        <p class="status" role="status">{format!("The neighbourhood map cannot be drawn: {e}.")}</p>
                    }.into_any(),
                    Some((Ok(spec), used)) => view! {
                        <p class="boundary-in-use">{used}</p>
                        <MapFigure spec=Signal::stored(spec)/>
                    }.into_any(),
                }}
            </section>
        </Show>
    }
}
