//! The Assessment view: each measure's latest change for the chosen area, the
//! county's change beside it, and districts compared on a chart.

use super::chart::{Chart, ChartTable};
use super::AppState;
use crate::core::assessment::{self, Change, MeasureSummary};
use crate::core::charts;
use crate::core::dataset::{Dataset, Unit};
use crate::core::format;
use leptos::prelude::*;
use std::sync::Arc;

use super::PREFERRED_AREA;

#[component]
pub fn AssessmentView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let dataset = state.dataset;
    let districts = Memo::new(move |_| {
        dataset.with(|d| {
            d.all_areas()
                .into_iter()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
    });
    let (chosen_area, set_chosen_area) = signal(None::<String>);
    let area = Memo::new(move |_| {
        let list = districts.get();
        chosen_area
            .get()
            .filter(|a| list.contains(a))
            .or_else(|| list.iter().find(|a| *a == PREFERRED_AREA).cloned())
            .or_else(|| list.first().cloned())
    });
    let summaries = Memo::new(move |_| {
        area.get()
            .map(|a| dataset.with(|d| assessment::measure_summaries(d, &a)))
            .unwrap_or_default()
    });

    view! {
        <h1>"Assessment"</h1>
        <p class="lede">
            "Each measure's latest period against the period before, for the local area and the county."
        </p>
        <div class="controls">
            <label for="area-select">"Local area"</label>
            <select
                id="area-select"
                on:change=move |ev| set_chosen_area.set(Some(event_target_value(&ev)))
                prop:value=move || area.get().unwrap_or_default()
            >
                {move || {
                    districts
                        .get()
                        .into_iter()
                        .map(|d| view! { <option value=d.clone()>{d.clone()}</option> })
                        .collect_view()
                }}
            </select>
        </div>
        {move || {
            let rows = summaries.get();
            if rows.is_empty() {
                return view! {
                    <p>"No measures yet: the Data view lists what has been imported."</p>
                }
                    .into_any();
            }
            let area_name = area.get().unwrap_or_default();
            view! {
                <SummaryTable rows=rows area=area_name.clone()/>
                <DistrictChart dataset=dataset area=area_name/>
            }
                .into_any()
        }}
    }
}

fn figure_text(value: f64, unit: Unit) -> String {
    match unit {
        Unit::Count => format::count(value),
        Unit::Percent => format!("{}%", format::number(value, 1)),
        Unit::RatePerThousand => format::rate_per_thousand(value),
    }
}

fn change_text(change: &Change) -> String {
    match (change.relative(), change.absolute()) {
        (Some(r), Some(a)) => format!(
            "{} ({})",
            format::signed_percent(r),
            format::signed_count(a)
        ),
        (None, Some(a)) => format::signed_count(a),
        _ => "no earlier figure".to_string(),
    }
}

#[component]
fn SummaryTable(rows: Vec<MeasureSummary>, area: String) -> impl IntoView {
    view! {
        <div class="table-scroll">
            <table class="assessment">
                <caption>{format!("{area}: latest period against the one before")}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Measure"</th>
                        <th scope="col">"Period"</th>
                        <th scope="col" class="num">"Figure"</th>
                        <th scope="col" class="num">"Period before"</th>
                        <th scope="col" class="num">"Change"</th>
                        <th scope="col">"Is the change real?"</th>
                        <th scope="col" class="num">"County change"</th>
                        <th scope="col">"Source"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|row| {
                            let source = &row.local.current.source;
                            let source_full = source.to_string();
                            let source_short = format!("{} {}", source.sheet, source.cell);
                            view! {
                                <tr>
                                    <th scope="row">{row.measure.clone()}</th>
                                    <td>{row.local.current.period.label()}</td>
                                    <td class="num figure">{figure_text(row.local.current.value, row.unit)}</td>
                                    <td class="num">
                                        {row
                                            .local
                                            .previous
                                            .as_ref()
                                            .map(|p| figure_text(p.value, row.unit))
                                            .unwrap_or_else(|| "–".into())}
                                    </td>
                                    <td class="num change">{change_text(&row.local)}</td>
                                    <td class="significance" title=row.local.significance(row.unit).map(|s| s.method)>
                                        {row
                                            .local
                                            .significance(row.unit)
                                            .map(|s| s.describe())
                                            .unwrap_or_else(|| "no test for this figure".into())}
                                    </td>
                                    <td class="num">
                                        {row
                                            .county
                                            .as_ref()
                                            .map(change_text)
                                            .unwrap_or_else(|| "–".into())}
                                    </td>
                                    <td class="source" title=source_full>{source_short}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn DistrictChart(dataset: RwSignal<Arc<Dataset>>, area: String) -> impl IntoView {
    let comparisons = Memo::new(move |_| dataset.with(|d| assessment::comparable_measures(d)));
    let (chosen, set_chosen) = signal(None::<String>);
    let selected = Memo::new(move |_| {
        let all = comparisons.get();
        let wanted = chosen.get().unwrap_or_else(|| "All crime".to_string());
        all.iter()
            .find(|(m, _)| *m == wanted)
            .or_else(|| all.first())
            .map(|(_, c)| c.clone())
    });
    let area_for_option = area.clone();
    let option = Signal::derive(move || {
        selected
            .get()
            .map(|c| charts::option_json(&charts::district_bars(&c, &area_for_option)))
            .unwrap_or_default()
    });
    let area_for_description = area.clone();
    let description = Signal::derive(move || {
        selected
            .get()
            .map(|c| c.describe(&area_for_description))
            .unwrap_or_default()
    });
    let table = Signal::derive(move || {
        selected
            .get()
            .map(|c| ChartTable {
                caption: format!("{}, {}", c.measure, c.period.label()),
                headers: ["Rank", "District", "Count", "Per 1,000 population"]
                    .map(String::from)
                    .to_vec(),
                rows: charts::district_table(&c)
                    .into_iter()
                    .map(|r| r.to_vec())
                    .collect(),
            })
            .unwrap_or_default()
    });

    view! {
        <section class="comparison" aria-labelledby="comparison-heading">
            <h2 id="comparison-heading">"Compared with other districts"</h2>
            <div class="controls">
                <label for="measure-select">"Measure"</label>
                <select
                    id="measure-select"
                    on:change=move |ev| set_chosen.set(Some(event_target_value(&ev)))
                    prop:value=move || selected.get().map(|c| c.measure).unwrap_or_default()
                >
                    {move || {
                        comparisons
                            .get()
                            .into_iter()
                            .map(|(m, _)| view! { <option value=m.clone()>{m.clone()}</option> })
                            .collect_view()
                    }}
                </select>
            </div>
            <Show
                when=move || selected.with(Option::is_some)
                fallback=|| view! { <p>"No measure has figures for more than one district."</p> }
            >
                <Chart option=option description=description table=table id="district-comparison"/>
            </Show>
        </section>
    }
}
