//! "Stop and search and outcomes" in the Assessment view: for the local area
//! (a district's or partnership's searches where the import placed them there
//! by their map points; or, where the files count it only so, its police force
//! area, said so), a police.uk measure over the twelve months to "data up to"
//! by each of its breakdowns — searches by object of search, outcome,
//! legislation, age range and self-defined ethnicity; crimes by latest outcome
//! — each a chart with its table. Whose figures they are, and how many of the
//! force's searches stayed with the force and why, is said once for the
//! section. Shown only when such files are loaded; its code is fetched with
//! the maps' (`super::on_demand`).

use super::chart::{Chart, ChartTable};
use super::AppState;
use crate::browser;
use crate::core::assessment::{police_parts, police_parts_measures, PoliceParts};
use crate::core::charts;
use leptos::prelude::*;

/// A chart as the `Chart` component takes it.
#[derive(Clone, Debug, PartialEq)]
struct Drawn {
    id: String,
    heading: String,
    option: String,
    name: String,
    description: String,
    table: ChartTable,
}

super::on_demand::on_demand! { where_it_happens;
    /// The panel, its code fetched with the maps (`super::on_demand`).
    pub fn police_parts_panel() -> AnyView {
        view! { <PolicePartsPanel/> }.into_any()
    }
}

#[component]
fn PolicePartsPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let measures = Memo::new(move |_| {
        state
            .dataset
            .with(|d| police_parts_measures(&d.observations))
    });
    let (chosen, set_chosen) = signal(None::<String>);
    let selected = Memo::new(move |_| {
        let all = measures.get();
        chosen
            .get()
            .filter(|c| all.contains(c))
            .or_else(|| all.first().cloned())
    });
    let subject = Memo::new(move |_| {
        state.assessment.with(|a| {
            a.as_ref()
                .map(|a| (a.options.area.clone(), a.options.period_end))
        })
    });
    let found = Memo::new(move |_| -> Option<PoliceParts> {
        // The force a district lies in is known once the geography is in use.
        state.geography.track();
        let measure = selected.get()?;
        let (area, end) = subject.get()?;
        state
            .dataset
            .with(|d| police_parts(&d.observations, &measure, &area, end))
    });
    let palette = browser::css_palette();
    let drawn = Memo::new(move |_| {
        found
            .with(|p| {
                p.as_ref().map(|p| {
                    (0..p.dimensions.len())
                        .filter_map(|i| {
                            let spec = charts::police_parts_chart(p, i, &palette)?;
                            Some(Drawn {
                                id: spec.id.clone(),
                                heading: format!("By {}", p.dimensions[i].name.to_lowercase()),
                                option: spec.option_json(),
                                name: spec.file_stem(),
                                description: spec.description,
                                table: spec.table,
                            })
                        })
                        .collect::<Vec<_>>()
                })
            })
            .unwrap_or_default()
    });

    view! {
        <section class="police-parts" aria-labelledby="police-parts-heading">
            <h2 id="police-parts-heading" tabindex="-1">"Stop and search and outcomes"</h2>
            <p>
                "police.uk stop and search, and the outcomes of street crimes (each crime linked to its outcomes by Crime ID and counted once, by its latest outcome, in the month it was recorded), over the twelve months to “data up to”."
            </p>
            <div class="controls">
                <label for="police-parts-measure">"Figures"</label>
                <super::name_chooser::NameChooser
                    id="police-parts-measure"
                    what="figures"
                    names=measures
                    selected=selected
                    choose=move |name: String| set_chosen.set(Some(name))
                />
            </div>
            {move || match found.get() {
                None => view! {
                    <p role="status">
                        {format!(
                            "{} has no figures for {} or the police force area it lies in, in the files loaded.",
                            selected.get().unwrap_or_default(),
                            subject.get().map(|s| s.0).unwrap_or_default()
                        )}
                    </p>
                }
                .into_any(),
                Some(p) => view! {
                    <p class="police-scope">{p.scope_sentence()}</p>
                    <p class="police-months">{p.months_sentence()}</p>
                }
                .into_any(),
            }}
            <For
                each=move || drawn.get()
                key=|d| (d.id.clone(), d.option.clone(), d.table.clone().rows)
                children=move |d| {
                    let table = d.table.clone();
                    view! {
                        <h3>{d.heading.clone()}</h3>
                        <Chart
                            option=d.option.clone()
                            description=d.description.clone()
                            table=table
                            name=d.name.clone()
                            id=d.id.clone()
                        />
                    }
                }
            />
        </section>
    }
}
