//! The Board view, read-only for a board meeting: the recommended priorities with
//! their targets' RAG status, the key findings and the charts; a present mode
//! with one priority per screen; the board pack to download; and printing.

use super::board_charts::{BoardChartList, BoardCharts, GeneralCharts};
use super::board_overview::BoardOverview;
use super::board_where::board_where;
use super::on_demand::{on_demand, on_demand_view, with_street_records, THE_MAPS};
use super::show_more::ShowMore;
use super::AppState;
use crate::core::assessment::report;
use crate::core::board::{board_charts, board_items, BoardChart, BoardItem};
use crate::core::overview::{anchor, one_page, Overview, OverviewRow};
use leptos::prelude::*;

/// Priorities drawn at first, and added per press: each brings several charts.
const BOARD_PAGE: usize = 10;

fn rag_badge(label: &'static str, rag: &'static str) -> impl IntoView {
    let class = format!("rag rag-{}", rag.to_lowercase());
    view! { <span class=class>{label}</span> }
}

#[component]
fn Targets(item: BoardItem) -> impl IntoView {
    item.targets
        .into_iter()
        .map(|t| {
            view! {
                <p class="board-target">
                    {rag_badge(t.status.label(), t.status.rag().label())}
                    " "
                    <strong>{t.target.description.clone()}</strong>
                    " "
                    {t.sentence.clone()}
                </p>
            }
        })
        .collect_view()
}

#[component]
fn Findings(item: BoardItem) -> impl IntoView {
    (!item.findings.is_empty()).then(|| {
        view! {
            <ul class="board-findings">
                {item.findings.iter().map(|f| view! { <li>{f.text.clone()}</li> }).collect_view()}
            </ul>
        }
    })
}

/// One priority: its recommendation, targets, findings and charts.
#[component]
fn Priority(
    item: BoardItem,
    #[prop(optional)] row: Option<OverviewRow>,
    #[prop(optional)] presenting: bool,
) -> impl IntoView {
    let heading_id = format!(
        "{}{}",
        if presenting { "present-" } else { "" },
        anchor(&item.issue)
    );
    let labelled_by = heading_id.clone();
    view! {
        <section class="board-priority" aria-labelledby=labelled_by>
            <h2 id=heading_id tabindex="-1">{item.issue.clone()}</h2>
            <p class="board-recommendation">{item.recommendation.clone()}</p>
            {row.map(|r| view! { <MarkerSentences row=r/> })}
            {item
                .override_reason
                .clone()
                .map(|r| {
                    view! {
                        <p class="board-override">
                            {format!("The partnership decided this against the scoring matrix: {r}")}
                        </p>
                    }
                })}
            <Targets item=item.clone()/>
            <Findings item=item.clone()/>
            <BoardCharts measure=item.measure.clone() presenting=presenting/>
            {
                let measure = item.measure.clone();
                with_street_records(move || {
                    let measure = measure.clone();
                    on_demand_view(THE_MAPS, move || board_where(measure.clone(), presenting))
                })
            }
        </section>
    }
}

/// The tests behind an issue's markers, in words, and the measures it is made of.
#[component]
fn MarkerSentences(row: OverviewRow) -> impl IntoView {
    view! {
        <ul class="board-markers">
            <li>{row.county.sentence.clone()}</li>
            <li>{row.past.sentence.clone()}</li>
            <li>{format!("Measures: {}.", row.measures.join("; "))}</li>
        </ul>
    }
}

/// The issues not recommended, briefly: each overview row leads here.
#[component]
fn OtherIssues(rows: Vec<OverviewRow>) -> impl IntoView {
    (!rows.is_empty()).then(|| {
        view! {
            <section class="board-priority board-others" aria-labelledby="board-others">
                <h2 id="board-others">"Other issues"</h2>
                {rows
                    .into_iter()
                    .map(|r| {
                        view! {
                            <h3 id=r.anchor.clone() tabindex="-1">{r.issue.clone()}</h3>
                            <p>{format!("{}: {} in {}. {}", r.measure, r.latest, r.period, r.recommendation)}</p>
                            <MarkerSentences row=r/>
                        }
                    })
                    .collect_view()}
            </section>
        }
    })
}

/// Full-screen slides: the summary, then one priority per screen. Arrow keys,
/// Page Up/Down, Home and End move; Escape leaves and focus returns to the button.
#[component]
fn Presenter(
    items: Vec<BoardItem>,
    overview: Overview,
    spine: Option<BoardChart>,
    on_exit: Callback<()>,
) -> impl IntoView {
    let slides = items.len() + 1;
    let (index, set_index) = signal(0usize);
    let dialog = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = dialog.get() {
            let _ = el.focus();
        }
    });
    let go = move |to: usize| set_index.set(to.min(slides - 1));
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let i = index.get_untracked();
        // Keys in a table's scroll region or a form control scroll or operate
        // it; only Escape still leaves.
        if ev.key() != "Escape" && crate::browser::key_belongs_to_target(&ev) {
            return;
        }
        match ev.key().as_str() {
            "ArrowRight" | "PageDown" | " " => go(i + 1),
            "ArrowLeft" | "PageUp" => go(i.saturating_sub(1)),
            "Home" => go(0),
            "End" => go(slides - 1),
            "Escape" => on_exit.run(()),
            _ => return,
        }
        ev.prevent_default();
    };
    let items_for_slide = items.clone();
    view! {
        <div
            class="present"
            role="dialog"
            aria-modal="true"
            aria-label="Presenting the board view"
            tabindex="-1"
            node_ref=dialog
            on:keydown=on_key
        >
            <div class="present-slide" aria-live="polite">
                {move || {
                    let i = index.get();
                    if i == 0 {
                        view! { <BoardOverview overview=overview.clone() spine=spine.clone() presenting=true/> }
                            .into_any()
                    } else {
                        view! { <Priority item=items_for_slide[i - 1].clone() presenting=true/> }.into_any()
                    }
                }}
            </div>
            <div class="present-controls">
                <button type="button" on:click=move |_| go(index.get_untracked().saturating_sub(1))>"Previous"</button>
                <span class="present-count">{move || format!("{} of {slides}", index.get() + 1)}</span>
                <button type="button" on:click=move |_| go(index.get_untracked() + 1)>"Next"</button>
                <button type="button" on:click=move |_| on_exit.run(())>"Leave (Esc)"</button>
            </div>
        </div>
    }
}

on_demand! { board_view;
    /// The Board view, its code fetched the first time it is opened (`super::on_demand`).
    pub fn board_view() -> AnyView {
        view! { <BoardView/> }.into_any()
    }
}

#[component]
fn BoardView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let items = Memo::new(move |_| {
        state
            .assessment
            .get()
            .map(|a| board_items(&a))
            .unwrap_or_default()
    });
    let heading = Memo::new(move |_| state.assessment.get().map(|a| report::heading(&a)));
    let palette = crate::browser::css_palette();
    let charts = Memo::new({
        let palette = palette.clone();
        move |_| {
            state
                .assessment
                .get()
                .map(|a| {
                    state
                        .analysed
                        .with(|d| board_charts(d.figures(), &a, &palette))
                })
                .unwrap_or_default()
        }
    });
    // The one page: every issue, and the spine chart of the same issues.
    let one_page = Memo::new(move |_| {
        state.assessment.get().map(|a| {
            let (o, spine) = state.analysed.with(|d| one_page(d.figures(), &a, &palette));
            (o, spine.map(|s| BoardChart::new("", s)))
        })
    });
    provide_context(BoardChartList(charts));
    let shown = RwSignal::new(BOARD_PAGE);
    // Printing shows every priority, not only the page on screen.
    crate::browser::on_before_print(move || shown.set(usize::MAX));
    let print = move |_| {
        shown.set(usize::MAX);
        // Give the priorities just added a moment to draw their charts.
        crate::browser::after(800, crate::browser::print_page);
    };
    let (presenting, set_presenting) = signal(false);
    let present_button = NodeRef::<leptos::html::Button>::new();
    let exit = Callback::new(move |()| {
        set_presenting.set(false);
        if let Some(b) = present_button.get_untracked() {
            let _ = b.focus();
        }
    });

    view! {
        <div class="board-head">
        <h1>"Board"</h1>
        <div class="board-actions">
            <button type="button" node_ref=present_button on:click=move |_| set_presenting.set(true)>
                "Present"
            </button>
            <super::board_pack_button::BoardPackButton/>
            <button type="button" class="secondary" on:click=print>
                "Print: the overview, then one priority per page"
            </button>
        </div>
        </div>
        <p class="lede board-lede">
            {move || match heading.get() {
                Some(h) => format!("{h}: every issue on one page, then the priorities and the figures behind them."),
                None => "No figures yet: the Data view lists what has been imported.".to_string(),
            }}
        </p>
        {move || {
            charts.track();
            let Some((o, spine)) = one_page.get() else {
                return view! { <p>"Nothing to show yet."</p> }.into_any();
            };
            let list = items.get();
            let others: Vec<OverviewRow> = o.rows.iter().filter(|r| !r.recommended).cloned().collect();
            let row_of = |issue: &str| o.rows.iter().find(|r| r.issue == issue).cloned();
            let total = list.len();
            let priorities = if list.is_empty() {
                view! { <p>"No priority is recommended yet: the Assessment view's priority matrix decides them."</p> }
                    .into_any()
            } else {
                view! {
                    {list
                        .into_iter()
                        .take(shown.get())
                        .map(|item| {
                            let row = row_of(&item.issue);
                            match row {
                                Some(row) => view! { <Priority item=item row=row/> }.into_any(),
                                None => view! { <Priority item=item/> }.into_any(),
                            }
                        })
                        .collect_view()}
                    <ShowMore shown=shown total=total noun="priorities" step=BOARD_PAGE/>
                }
                    .into_any()
            };
            view! {
                <BoardOverview overview=o.clone() spine=spine/>
                {priorities}
                <OtherIssues rows=others/>
                <section class="board-priority" aria-labelledby="board-general">
                    <h2 id="board-general">"Across the assessment"</h2>
                    <GeneralCharts/>
                </section>
            }
                .into_any()
        }}
        <Show when=move || presenting.get()>
            {move || {
                let (o, spine) = one_page.get_untracked().unwrap_or_else(|| {
                    (
                        Overview {
                            area: String::new(),
                            county: None,
                            rows: Vec::new(),
                        },
                        None,
                    )
                });
                view! { <Presenter items=items.get_untracked() overview=o spine=spine on_exit=exit/> }
            }}
        </Show>
    }
}
