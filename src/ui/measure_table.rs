//! Every measure in one table: figure, change, whether it is real, rate, rank,
//! the county beside it, the baseline, the target and the priority score.

use super::assessment_view::AssessmentTurns;
use super::show_more::{ShowMore, PAGE};
use super::significance_cell::{SignificanceCell, SignificanceKey};
use super::turns::in_parts;
use super::wide_table::WideTable;
use crate::core::assessment::findings::value_text;
use crate::core::assessment::significance_marker::SignificanceMarker;
use crate::core::assessment::wording::rank_words;
use crate::core::assessment::{Assessment, Change, MeasureAssessment};
use crate::core::dataset::Unit;
use crate::core::format;
use leptos::prelude::*;

/// A change as the table shows it: a count's per cent and count, a share's
/// percentage points, anything else's per cent and difference in its unit.
fn change_text(change: &Change, unit: Unit) -> String {
    if let (true, Some(a)) = (unit.is_share(), change.absolute()) {
        let points = unit.as_fraction(a).unwrap_or(a) * 100.0;
        return format!(
            "{}{} points",
            if points > 0.0 { "+" } else { "" },
            format::number(points, 1)
        );
    }
    if !unit.is_additive() {
        if let (Some(r), Some(a)) = (change.relative(), change.absolute()) {
            return format!(
                "{} ({}{})",
                format::signed_percent(r),
                if a > 0.0 { "+" } else { "" },
                unit.show(a)
            );
        }
    }
    match (change.relative(), change.absolute()) {
        (Some(r), Some(a)) => format!(
            "{} ({})",
            format::signed_percent(r),
            format::signed_count(a)
        ),
        (None, Some(a)) => format::signed_count(a),
        _ => "–".to_string(),
    }
}

fn rate_text(m: &MeasureAssessment) -> String {
    match &m.rate {
        Some(r) => format!(
            "{} ({}–{})",
            format::number(r.per_thousand, 1),
            format::number(r.lower, 1),
            format::number(r.upper, 1)
        ),
        None => "–".to_string(),
    }
}

/// The rate's place on the funnel plot, as the rate cell's title.
fn funnel_text(m: &MeasureAssessment) -> String {
    m.county
        .as_ref()
        .and_then(|c| {
            Some(format!(
                "{} around the {} rate",
                c.funnel?.sentence_label(),
                c.area
            ))
        })
        .unwrap_or_default()
}

/// "4,998 (Oct 2013 – Sep 2014)" as the figure with its qualifier on a line
/// below, so the column is as wide as its longer half rather than the whole.
fn stacked(text: String) -> AnyView {
    match text
        .strip_suffix(')')
        .and_then(|t| t.split_once(" ("))
        .map(|(main, rest)| (main.to_string(), format!("({rest})")))
    {
        Some((main, qualifier)) => view! {
            {main}
            " "
            <span class="qualifier">{qualifier}</span>
        }
        .into_any(),
        None => text.into_any(),
    }
}

/// One measure's row of the table.
fn measure_row(assessment: &Assessment, m: &MeasureAssessment) -> impl IntoView {
    let previous = m
        .change
        .previous
        .as_ref()
        .map(|p| format!("{} ({})", value_text(p.value, m.unit), p.period.label()))
        .unwrap_or_else(|| "–".into());
    let marker = SignificanceMarker::of(
        &m.change,
        m.unit,
        m.significance.as_ref(),
        m.polarity.polarity,
    );
    let rank = m
        .rank
        .as_ref()
        .map(|r| {
            if r.by_rate {
                rank_words(r.rank, r.of)
            } else if !m.unit.is_additive() {
                format!("{} (as given)", rank_words(r.rank, r.of))
            } else {
                format!("{} (by count)", rank_words(r.rank, r.of))
            }
        })
        .unwrap_or_else(|| "–".into());
    let county_change = m
        .county
        .as_ref()
        .and_then(|c| c.change.as_ref())
        .filter(|c| c.previous.is_some())
        .map(|c| change_text(c, m.unit))
        .unwrap_or_else(|| "–".into());
    let baseline = m
        .baseline
        .as_ref()
        .map(|b| {
            let mean = if m.unit.is_additive() {
                format::number(b.mean, 0)
            } else {
                m.unit.show(b.mean)
            };
            format!("{mean} ({})", b.label)
        })
        .unwrap_or_else(|| "–".into());
    let target = assessment.target_for(&m.measure).map(|t| {
        (
            t.status.label(),
            format!("rag rag-{}", t.status.rag().label().to_lowercase()),
            t.sentence.clone(),
        )
    });
    let priority = assessment.priority_for(&m.measure).map(|p| {
        format!(
            "{} of {}{}",
            format::number(p.total, 0),
            format::number(p.max, 0),
            if p.recommended { ", priority" } else { "" }
        )
    });
    let source = m.change.current.source.clone();
    let funnel = funnel_text(m);
    view! {
        <tr>
            <th scope="row">{m.measure.clone()}</th>
            <td>{m.change.current.period.label()}</td>
            <td class="num figure">{value_text(m.change.current.value, m.unit)}</td>
            <td class="num">{stacked(previous)}</td>
            <td class="num change">{change_text(&m.change, m.unit)}</td>
            <td class="significance">
                <SignificanceCell marker=marker/>
            </td>
            <td class="num" title=funnel>{stacked(rate_text(m))}</td>
            <td>{rank}</td>
            <td class="num">{stacked(county_change)}</td>
            <td class="num">{stacked(baseline)}</td>
            <td>
                {match target {
                    Some((label, class, why)) => {
                        view! { <span class=class title=why>{label}</span> }.into_any()
                    }
                    None => "–".into_any(),
                }}
            </td>
            <td class="num">{priority.unwrap_or_else(|| "–".into())}</td>
            <td class="source" title=source.to_string()>
                {format!("{} {}", source.sheet, source.cell)}
            </td>
        </tr>
    }
}

/// How many rows are drawn in one turn (`super::turns`).
const ROWS_PER_PART: usize = 10;

/// The table is drawn in parts, a few rows a turn, so a new assessment of
/// thousands of measures never redraws it in one long task.
#[component]
pub fn MeasureTable(turns: AssessmentTurns) -> impl IntoView {
    let head = turns.part_flat();
    let caption = Signal::derive(move || {
        head.with(|a| {
            a.as_ref()
                .map(|a| {
                    format!(
                        "{}: every measure, its change, rate and comparisons",
                        a.options.area
                    )
                })
                .unwrap_or_default()
        })
    });
    let county = move || {
        head.with(|a| {
            a.as_ref()
                .and_then(|a| a.options.county.clone())
                .unwrap_or_else(|| "County".to_string())
        })
    };
    let shown = RwSignal::new(PAGE);
    let rows = in_parts(
        turns,
        shown.into(),
        ROWS_PER_PART,
        move |assessment, range| {
            assessment.map(|a| {
                let end = range.end.min(shown.get_untracked());
                a.measures
                    .iter()
                    .take(end)
                    .skip(range.start)
                    .map(|m| measure_row(&a, m))
                    .collect_view()
            })
        },
    );
    view! {
        <div class="measure-table" hidden=move || head.with(Option::is_none)>
            <SignificanceKey/>
            <WideTable class="assessment" caption_id="measures-caption" caption=caption>
                <thead>
                    <tr>
                        <th scope="col">"Measure"</th>
                        <th scope="col">"Period"</th>
                        <th scope="col" class="num">"Figure"</th>
                        <th scope="col" class="num">"Compared with"</th>
                        <th scope="col" class="num">"Change"</th>
                        <th scope="col">"Is the change real?"</th>
                        <th scope="col" class="num">"Per 1,000 (95% interval)"</th>
                        <th scope="col">"Rank (1 = lowest)"</th>
                        <th scope="col" class="num">{move || format!("{} change", county())}</th>
                        <th scope="col" class="num">"Baseline average"</th>
                        <th scope="col">"Target"</th>
                        <th scope="col" class="num">"Priority score"</th>
                        <th scope="col">"Source"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </WideTable>
            {move || {
                head.with(|a| a.as_ref().map(|a| a.measures.len()))
                    .map(|total| view! { <ShowMore shown=shown total=total noun="measures"/> })
            }}
        </div>
    }
}
