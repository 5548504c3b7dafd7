//! "Street crime by ward" in the Data view: the per-LSOA tally of the loaded
//! police.uk street records added up by electoral ward (`core::dataset::
//! ward_counts`). The LSOA → ward table (about 110 KB compressed) is fetched
//! only when the user asks for it, never on the first visit.

use super::wide_table::WideTable;
use super::AppState;
use crate::browser;
use crate::core::dataset::{
    tallied_crime_types, tallied_districts, tallied_months, ward_counts, ALL_CRIME,
};
use crate::core::geography::wards::{LsoaWards, WARD_ASSET_PATH};
use crate::core::period::Period;
use leptos::prelude::*;
use std::sync::Arc;

/// The ward table as the panel has it: not asked for, on its way, or why not.
#[derive(Clone, Debug, PartialEq)]
enum Wards {
    NotYet,
    Loading,
    Loaded(Arc<LsoaWards>),
    Failed(String),
}

super::on_demand::on_demand! { where_it_happens;
    /// The panel, its code fetched with the maps (`super::on_demand`).
    pub fn ward_panel() -> AnyView {
        view! { <WardPanel/> }.into_any()
    }
}

#[component]
fn WardPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let districts = Memo::new(move |_| state.dataset.with(|d| tallied_districts(&d.lsoa_tallies)));
    let crimes = Memo::new(move |_| {
        let mut all = vec![ALL_CRIME.to_string()];
        all.extend(state.dataset.with(|d| tallied_crime_types(&d.lsoa_tallies)));
        all
    });
    // Every month the street records cover, as one period.
    let period = Memo::new(move |_| {
        let months = state.dataset.with(|d| tallied_months(&d.lsoa_tallies));
        let (first, last) = (months.first()?, months.last()?);
        let first = first.first_month_index();
        Period::from_months(first, (last.first_month_index() - first + 1) as u32)
    });
    let wards = RwSignal::new(Wards::NotYet);
    let (district, set_district) = signal(String::new());
    let (crime, set_crime) = signal(ALL_CRIME.to_string());
    let load = move |_| {
        if wards.with_untracked(|w| matches!(w, Wards::Loading | Wards::Loaded(_))) {
            return;
        }
        wards.set(Wards::Loading);
        leptos::task::spawn_local(async move {
            let loaded = browser::fetch_text(WARD_ASSET_PATH)
                .await
                .and_then(|text| LsoaWards::parse(&text));
            wards.set(match loaded {
                Ok(table) => Wards::Loaded(Arc::new(table)),
                Err(reason) => {
                    Wards::Failed(format!("The ward lookup could not be loaded: {reason}."))
                }
            });
        });
    };
    let counts = Memo::new(move |_| {
        let Wards::Loaded(table) = wards.get() else {
            return None;
        };
        let chosen = district.get();
        let name = if chosen.is_empty() {
            districts.with(|d| d.first().map(|d| d.name.clone()))?
        } else {
            chosen
        };
        let period = period.get()?;
        let measure = crime.get();
        state
            .dataset
            .with(|d| ward_counts(&d.lsoa_tallies, &table, &name, &measure, period))
    });
    let show = move || !districts.with(Vec::is_empty);
    view! {
        <Show when=show>
            <section class="ward-counts" aria-labelledby="ward-counts-heading">
                <h2 id="ward-counts-heading">"Street crime by ward"</h2>
                <p>
                    "The street records counted by the electoral ward (2024) each LSOA is fitted to by ONS's best-fit lookup. The lookup (about 110 KB) is fetched only when you ask."
                </p>
                {move || match wards.get() {
                    Wards::NotYet => view! {
                        <button type="button" id="ward-load" on:click=load>"Count by ward"</button>
                    }.into_any(),
                    Wards::Loading => view! { <p role="status">"Loading the ward lookup…"</p> }.into_any(),
                    Wards::Failed(reason) => view! { <p class="status status-error" role="alert">{reason}</p> }.into_any(),
                    Wards::Loaded(_) => view! {
                        <div class="ward-choices">
                            <label for="ward-district">"District"</label>
                            <select id="ward-district" on:change=move |ev| set_district.set(event_target_value(&ev))>
                                {move || districts.get().into_iter().map(|d| {
                                    let name = d.name.clone();
                                    view! { <option value=name.clone() selected=move || district.get() == name>{d.name}</option> }
                                }).collect_view()}
                            </select>
                            <label for="ward-crime">"Crime"</label>
                            <select id="ward-crime" on:change=move |ev| set_crime.set(event_target_value(&ev))>
                                {move || crimes.get().into_iter().map(|c| {
                                    let value = c.clone();
                                    view! { <option value=value.clone() selected=move || crime.get() == value>{c}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        {move || match (counts.get(), period.get()) {
                            (Some(c), Some(period)) => {
                                let caption = format!(
                                    "{} in {}, {}, by ward",
                                    crime.get(),
                                    c.district.name,
                                    period.label()
                                );
                                let csv = c.csv(&crime.get(), &period.label());
                                let file = format!("{} by ward.csv", c.district.name);
                                let (rows, method) = (c.rows(), c.method());
                                view! {
                                    <WideTable class="ward-table" caption=caption>
                                        <thead>
                                            <tr>
                                                <th scope="col">"Ward"</th>
                                                <th scope="col">"ONS code"</th>
                                                <th scope="col" class="num">"Records"</th>
                                                <th scope="col">"LSOAs counted (records)"</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {rows.into_iter().map(|[w, code, n, lsoas]| view! {
                                                <tr><td>{w}</td><td>{code}</td><td class="num">{n}</td><td>{lsoas}</td></tr>
                                            }).collect_view()}
                                        </tbody>
                                    </WideTable>
                                    <p class="ward-method">{method}</p>
                                    <button type="button" class="secondary" on:click=move |_| {
                                        let _ = browser::download_text(&file, "text/csv", &csv);
                                    }>"Download as CSV"</button>
                                }.into_any()
                            }
                            _ => view! { <p>"No street records of this district are loaded."</p> }.into_any(),
                        }}
                    }.into_any(),
                }}
            </section>
        </Show>
    }
}
