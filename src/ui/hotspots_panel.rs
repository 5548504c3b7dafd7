//! "Where it happens" in the Assessment view: for the local area's street
//! records, how concentrated crime is among its neighbourhoods (LSOAs) — the
//! finding, the busiest shares, the Lorenz curve, the persistently high
//! neighbourhoods — and crime by how deprived the neighbourhood is (the IMD
//! table is fetched only here, once street records are loaded).

use super::chart::{Chart, ChartTable, DataTable};
use super::findings_list::FindingItem;
use super::AppState;
use crate::browser;
use crate::core::assessment::concentration_finding::crime_words;
use crate::core::assessment::{
    concentration, concentration_finding, deprivation, deprivation_finding,
};
use crate::core::board_where::busiest_table;
use crate::core::charts;
use crate::core::dataset::{tallied_crime_types, tallied_districts, ALL_CRIME};
use crate::core::format;
use crate::core::geography::imd::{ImdDeciles, IMD_ASSET_PATH};
use crate::core::period::Period;
use leptos::prelude::*;
use std::sync::Arc;

/// How many of the busiest neighbourhoods the table lists.
const BUSIEST: usize = 10;

/// The IMD table as the panel has it: not asked for, on its way, or why not.
#[derive(Clone, Debug, PartialEq)]
enum Imd {
    NotYet,
    Loading,
    Loaded(Arc<ImdDeciles>),
    Failed(String),
}

/// A chart as the `Chart` component takes it: option JSON, description, table.
#[derive(Clone, Debug, PartialEq)]
struct Drawn {
    option: String,
    /// What its PNG and SVG are saved as (its title, `ChartSpec::file_stem`).
    name: String,
    description: String,
    table: ChartTable,
}

fn drawn(spec: charts::ChartSpec) -> Drawn {
    Drawn {
        option: spec.option_json(),
        name: spec.file_stem(),
        description: spec.description,
        table: spec.table,
    }
}

/// Whether the local area has street records: its district name, and the
/// twelve months to the assessment's "data up to".
fn subject(state: &AppState) -> Option<(String, Period)> {
    let (area, end) = state.assessment.with(|a| {
        a.as_ref()
            .map(|a| (a.options.area.clone(), a.options.period_end))
    })?;
    let known = state.dataset.with(|d| {
        tallied_districts(&d.lsoa_tallies)
            .iter()
            .any(|t| t.name.eq_ignore_ascii_case(&area) || t.code.eq_ignore_ascii_case(&area))
    });
    if !known {
        return None;
    }
    Some((area, Period::from_months(end - 11, 12)?))
}

super::on_demand::on_demand! { where_it_happens;
    /// The panel, its code fetched with the maps (`super::on_demand`).
    pub fn hotspots_panel() -> AnyView {
        view! { <HotspotsPanel/> }.into_any()
    }
}

#[component]
fn HotspotsPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let subject = Memo::new(move |_| subject(&state));
    let crimes = Memo::new(move |_| {
        let mut all = vec![ALL_CRIME.to_string()];
        all.extend(state.dataset.with(|d| tallied_crime_types(&d.lsoa_tallies)));
        all
    });
    let (chosen, set_chosen) = signal(ALL_CRIME.to_string());
    let found = Memo::new(move |_| {
        let (area, period) = subject.get()?;
        let measure = chosen.get();
        state
            .dataset
            .with(|d| concentration(&d.lsoa_tallies, &area, &measure, period))
    });

    // The IMD table: fetched the first time the panel has something to show.
    let imd = RwSignal::new(Imd::NotYet);
    Effect::new(move |_| {
        if subject.with(Option::is_none) || imd.with_untracked(|i| *i != Imd::NotYet) {
            return;
        }
        imd.set(Imd::Loading);
        leptos::task::spawn_local(async move {
            let loaded = browser::fetch_text(IMD_ASSET_PATH)
                .await
                .and_then(|text| ImdDeciles::parse(&text));
            imd.set(match loaded {
                Ok(table) => {
                    let table = Arc::new(table);
                    // The assessment adds its deprivation findings from it.
                    state.imd.set(Some(table.clone()));
                    Imd::Loaded(table)
                }
                Err(reason) => Imd::Failed(reason),
            });
        });
    });
    let by_decile = Memo::new(move |_| {
        let (area, period) = subject.get()?;
        let Imd::Loaded(table) = imd.get() else {
            return None;
        };
        let measure = chosen.get();
        state
            .dataset
            .with(|d| deprivation(&d.lsoa_tallies, &area, &measure, period, &table))
    });

    let palette = browser::css_palette();
    let lorenz = Memo::new({
        let palette = palette.clone();
        move |_| {
            found
                .get()
                .map(|c| drawn(charts::lorenz_curve(&c, &palette)))
        }
    });
    let deprivation_spec = Memo::new(move |_| {
        by_decile
            .get()
            .map(|d| drawn(charts::deprivation_chart(&d, &palette)))
    });

    let top_table =
        Signal::derive(move || found.get().map(|c| busiest_table(&c)).unwrap_or_default());
    let busiest_table = Signal::derive(move || {
        found
            .get()
            .map(|c| ChartTable {
                caption: format!(
                    "The {} busiest neighbourhoods for {}, {} ({} months loaded)",
                    BUSIEST.min(c.lsoas_with_crime),
                    crime_words(&c.measure),
                    c.period.label(),
                    c.months.len()
                ),
                headers: [
                    "Rank",
                    "Neighbourhood (LSOA)",
                    "Code",
                    "Crimes",
                    "Share",
                    "Months in the top tenth",
                ]
                .map(String::from)
                .to_vec(),
                rows: c
                    .ranked
                    .iter()
                    .filter(|r| r.count > 0)
                    .take(BUSIEST)
                    .enumerate()
                    .map(|(i, r)| {
                        vec![
                            (i + 1).to_string(),
                            r.name.clone(),
                            r.code.clone(),
                            format::count(r.count as f64),
                            format::percent(r.share),
                            format!("{} of {}", r.months_in_top_tenth, c.months.len()),
                        ]
                    })
                    .collect(),
            })
            .unwrap_or_default()
    });

    move || {
        let (area, period) = subject.get()?;
        let area_for_missing = area.clone();
        let area_for_imd = area.clone();
        Some(view! {
            <section class="hotspots" aria-labelledby="hotspots-heading">
                <h2 id="hotspots-heading" tabindex="-1">"Where it happens"</h2>
                <p>
                    {format!(
                        "Street records (police.uk) in {area}'s neighbourhoods (LSOAs), {}. police.uk places each record at an anonymised map point near where it happened; its LSOA is the one given.",
                        period.label()
                    )}
                </p>
                <div class="controls">
                    <label for="hotspots-crime">"Crime"</label>
                    <select
                        id="hotspots-crime"
                        on:change=move |ev| set_chosen.set(event_target_value(&ev))
                        prop:value=move || chosen.get()
                    >
                        {super::name_options::name_options(crimes)}
                    </select>
                </div>
                {move || match found.get() {
                    None => view! {
                        <p role="status">
                            {format!(
                                "No {} is recorded in {area_for_missing}'s neighbourhoods in {} in the street files loaded.",
                                crime_words(&chosen.get()),
                                period.label()
                            )}
                        </p>
                    }
                    .into_any(),
                    Some(c) => {
                        let persistent = c.persistent.clone();
                        let months = c.months.len();
                        view! {
                            <h3>"How concentrated it is"</h3>
                            <ul class="findings hotspot-finding">
                                <FindingItem finding=concentration_finding(&c)/>
                            </ul>
                            <DataTable table=top_table/>
                            <Chart
                                option=Signal::derive(move || {
                                    lorenz.get().map(|s| s.option).unwrap_or_default()
                                })
                                description=Signal::derive(move || {
                                    lorenz.get().map(|s| s.description).unwrap_or_default()
                                })
                                table=Signal::derive(move || {
                                    lorenz.get().map(|s| s.table).unwrap_or_default()
                                })
                                name=Signal::derive(move || {
                                    lorenz.get().map(|s| s.name).unwrap_or_default()
                                })
                                id="lorenz"
                            />
                            <h3>"Persistently high"</h3>
                            {if persistent.is_empty() {
                                view! {
                                    <p>
                                        {if months < 3 {
                                            "Fewer than three months are loaded: too few to say which neighbourhoods stay high.".to_string()
                                        } else {
                                            "No neighbourhood was in the top tenth in more than half the months.".to_string()
                                        }}
                                    </p>
                                }
                                .into_any()
                            } else {
                                view! {
                                    <ul class="persistent">
                                        {persistent
                                            .into_iter()
                                            .map(|r| {
                                                view! {
                                                    <li>
                                                        {format!(
                                                            "{} ({}): in the top tenth in {} of {months} months",
                                                            r.name, r.code, r.months_in_top_tenth
                                                        )}
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                }
                                .into_any()
                            }}
                            <DataTable table=busiest_table/>
                        }
                        .into_any()
                    }
                }}
                <h3>"By deprivation"</h3>
                {move || match (imd.get(), by_decile.get()) {
                    (Imd::Failed(reason), _) => view! {
                        <p class="status status-error" role="alert">
                            {format!("The deprivation table could not be loaded ({reason}).")}
                        </p>
                    }
                    .into_any(),
                    (Imd::Loaded(_), Some(d)) => view! {
                        {match deprivation_finding(&d) {
                            // Clear enough for the register: the finding, its method and sources.
                            Some(f) => view! {
                                <ul class="findings hotspot-finding">
                                    <FindingItem finding=f/>
                                </ul>
                            }
                            .into_any(),
                            None => view! { <p class="finding-text">{d.sentence()}</p> }.into_any(),
                        }}
                        <Chart
                            option=Signal::derive(move || {
                                deprivation_spec.get().map(|s| s.option).unwrap_or_default()
                            })
                            description=Signal::derive(move || {
                                deprivation_spec.get().map(|s| s.description).unwrap_or_default()
                            })
                            table=Signal::derive(move || {
                                deprivation_spec.get().map(|s| s.table).unwrap_or_default()
                            })
                            name=Signal::derive(move || {
                                deprivation_spec.get().map(|s| s.name).unwrap_or_default()
                            })
                            id="deprivation"
                        />
                        <p class="note">
                            "IMD 2019 ranks England's 2011 LSOAs (MHCLG, English Indices of Deprivation 2019); a 2021 LSOA whose code changed takes the decile of the mean rank of the 2011 LSOAs the ONS best-fit lookup pairs with it. Welsh LSOAs have no IMD decile."
                        </p>
                    }
                    .into_any(),
                    (Imd::Loaded(_), None) => view! {
                        <p>
                            {format!(
                                "IMD 2019 has no deciles for {area_for_imd} (it covers England only), or no records of this crime are loaded."
                            )}
                        </p>
                    }
                    .into_any(),
                    _ => view! { <p role="status">"Loading the deprivation table…"</p> }.into_any(),
                }}
            </section>
        })
    }
}
