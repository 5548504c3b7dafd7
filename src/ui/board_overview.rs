//! The assessment on one page, at the top of the Board and first in present
//! mode: a row per issue (latest figure, sparkline, markers against the county
//! and the past with the test behind each in words, targets' RAG, the
//! decision), the most pressing first, and the spine chart beside it.

use super::chart::Chart;
use super::wide_table::WideTable;
use crate::core::board::BoardChart;
use crate::core::overview::{sparkline_points, sparkline_text, Overview, OverviewRow};
use leptos::prelude::*;

fn sparkline(row: &OverviewRow) -> impl IntoView {
    let values: Vec<f64> = row.trend.iter().map(|(_, v)| *v).collect();
    let points = sparkline_points(&values, 80.0, 20.0);
    let text = sparkline_text(row);
    if points.is_empty() {
        return view! { <span class="sparkline-none">{text}</span> }.into_any();
    }
    view! {
        <svg class="sparkline" role="img" aria-label=text width="84" height="24" viewBox="-2 -2 84 24">
            <polyline points=points></polyline>
        </svg>
    }
    .into_any()
}

/// A marker: its shape and word, its figures, and its test as the text
/// alternative (read out) and the tooltip (on hover).
fn marker(
    class: &'static str,
    symbol: &'static str,
    label: &'static str,
    figures: String,
    sentence: String,
) -> impl IntoView {
    let tooltip = sentence.clone();
    view! {
        <td class=format!("marker marker-{class}") data-state=class title=tooltip>
            <span class="marker-symbol" aria-hidden="true">{symbol}</span>
            " "
            <span class="marker-label" aria-hidden="true">{label}</span>
            " "
            <span class="marker-figures" aria-hidden="true">{figures}</span>
            <span class="visually-hidden">{sentence}</span>
        </td>
    }
}

fn row_view(row: OverviewRow, presenting: bool) -> impl IntoView {
    let target = row.anchor.clone();
    let href = format!("#{}", row.anchor);
    let rag = match row.rag {
        Some(r) => {
            let class = format!("rag rag-{}", r.label().to_lowercase());
            view! { <span class=class title=row.targets.clone()>{r.label()}</span><span class="visually-hidden">{format!(" {}", row.targets)}</span> }.into_any()
        }
        None => view! { <span class="muted">"No target"</span> }.into_any(),
    };
    let issue = if presenting {
        view! { <span>{row.issue.clone()}</span> }.into_any()
    } else {
        view! {
            <a
                href=href
                on:click=move |ev| {
                    ev.prevent_default();
                    crate::browser::focus_element(&target);
                }
            >
                {row.issue.clone()}
            </a>
        }
        .into_any()
    };
    // Which way is better, said where it is used: the markers judge by it.
    let measures = match row.measures.len() {
        1 => row.polarity.polarity.short().to_string(),
        n => format!("{n} measures · {}", row.polarity.polarity.short()),
    };
    let measures_title = format!(
        "{}. Led by {}{}. {}",
        row.measures.join(", "),
        row.measure,
        if row.lead_chosen {
            " (your choice)"
        } else {
            ""
        },
        row.polarity.sentence()
    );
    view! {
        <tr data-issue=row.issue.clone() data-recommended=row.recommended.to_string() data-concern=row.concern().to_string()>
            <th scope="row">
                {issue}
                <span class="overview-sub" data-polarity=row.polarity.polarity.key() title=measures_title>{measures}</span>
            </th>
            <td class="num">
                {row.latest.clone()}
                <span class="overview-sub">{row.period.clone()}</span>
            </td>
            <td class="spark">{sparkline(&row)}</td>
            {marker(row.county.state.class(), row.county.symbol, row.county.state.label(), row.county.figures.clone(), row.county.sentence.clone())}
            {marker(row.past.state.class(), row.past.symbol, row.past.state.label(), row.past.figures.clone(), row.past.sentence.clone())}
            <td>{rag}</td>
            <td class=if row.recommended { "decision decision-priority" } else { "decision" } title=row.recommendation.clone()>
                <span aria-hidden="true">{row.decision()}</span>
                <span class="visually-hidden">{row.recommendation.clone()}</span>
            </td>
        </tr>
    }
}

#[component]
pub fn BoardOverview(
    overview: Overview,
    spine: Option<BoardChart>,
    #[prop(optional)] presenting: bool,
) -> impl IntoView {
    let prefix = if presenting { "present-" } else { "" };
    let heading_id = format!("{prefix}overview-heading");
    let labelled_by = heading_id.clone();
    let caption_id = format!("{prefix}overview-caption");
    let caption = format!("Every issue, the most pressing first: worse than {} and worsening, then either. Each issue links to its detail, with the test behind each marker.", overview.county.as_deref().unwrap_or("the county"));
    let county = overview
        .county
        .clone()
        .unwrap_or_else(|| "the county".to_string());
    let rows = overview.rows.clone();
    let spine_view = spine.map(|c| {
        let id = format!("{prefix}{}", c.id);
        view! {
            <div class="overview-spine">
                <Chart
                    option=Signal::stored(c.option_json.clone())
                    description=Signal::stored(c.description.clone())
                    table=Signal::stored(c.table.clone())
                    id=id
                    name=Signal::stored(c.file_stem.clone())
                />
            </div>
        }
    });
    view! {
        <section class="overview" aria-labelledby=labelled_by>
            <h2 id=heading_id>{format!("{} on one page", overview.area)}</h2>
            <div class="overview-grid">
                <div class="overview-scroll">
                    <WideTable class="overview-table" caption=caption caption_id=caption_id>
                        <thead>
                            <tr>
                                <th scope="col">"Issue"</th>
                                <th scope="col" class="num">"Latest"</th>
                                <th scope="col">"Trend"</th>
                                <th scope="col">{format!("Against {county}")}</th>
                                <th scope="col">"Against its past"</th>
                                <th scope="col">"Targets"</th>
                                <th scope="col">"Recommendation"</th>
                            </tr>
                        </thead>
                        <tbody>{rows.into_iter().map(|r| row_view(r, presenting)).collect_view()}</tbody>
                    </WideTable>
                    <p class="overview-note">
                        "Worse or better follows which way is better for each issue's leading measure, said under its name. "
                        {(!presenting).then(|| view! {
                            <a href="#/assessment">"Change it, or the leading measure, in the Assessment (“Which measures make up each issue”)."</a>
                        })}
                    </p>
                </div>
                {spine_view}
            </div>
        </section>
    }
}
