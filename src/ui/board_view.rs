//! The Board view, read-only for a board meeting: the recommended priorities with
//! their targets' RAG status, the key findings and the charts; a present mode
//! with one priority per screen; the board pack to download; and printing.

use super::board_charts::{BoardChartList, BoardCharts, GeneralCharts};
use super::show_more::ShowMore;
use super::wide_table::WideTable;
use super::AppState;
use crate::core::assessment::report;
use crate::core::board::{board_charts, board_items, BoardItem};
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
fn Priority(item: BoardItem, #[prop(optional)] presenting: bool) -> impl IntoView {
    let heading_id = format!(
        "{}board-{}",
        if presenting { "present-" } else { "" },
        crate::core::id::stable_id(&item.measure)
    );
    let labelled_by = heading_id.clone();
    view! {
        <section class="board-priority" aria-labelledby=labelled_by>
            <h2 id=heading_id>{item.measure.clone()}</h2>
            <p class="board-recommendation">{item.recommendation.clone()}</p>
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
        </section>
    }
}

#[component]
fn Summary(items: Vec<BoardItem>) -> impl IntoView {
    view! {
        <WideTable class="board-summary" caption="Recommended priorities and their targets">
                <thead>
                    <tr>
                        <th scope="col">"Priority"</th>
                        <th scope="col">"Recommendation"</th>
                        <th scope="col">"Targets"</th>
                    </tr>
                </thead>
                <tbody>
                    {items
                        .into_iter()
                        .map(|item| {
                            let targets = if item.targets.is_empty() {
                                view! { "No target" }.into_any()
                            } else {
                                item.targets
                                    .iter()
                                    .map(|t| {
                                        view! {
                                            {rag_badge(t.status.label(), t.status.rag().label())}
                                            " "
                                        }
                                    })
                                    .collect_view()
                                    .into_any()
                            };
                            view! {
                                <tr>
                                    <th scope="row">{item.measure.clone()}</th>
                                    <td>{item.recommendation.clone()}</td>
                                    <td>{targets}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
        </WideTable>
    }
}

/// Full-screen slides: the summary, then one priority per screen. Arrow keys,
/// Page Up/Down, Home and End move; Escape leaves and focus returns to the button.
#[component]
fn Presenter(items: Vec<BoardItem>, heading: String, on_exit: Callback<()>) -> impl IntoView {
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
                        view! {
                            <section class="board-priority">
                                <h2>"Priorities"</h2>
                                <p class="board-recommendation">{heading.clone()}</p>
                                <Summary items=items_for_slide.clone()/>
                            </section>
                        }
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

#[component]
pub fn BoardView() -> impl IntoView {
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
    let charts = Memo::new(move |_| {
        state
            .assessment
            .get()
            .map(|a| state.analysed.with(|d| board_charts(d, &a, &palette)))
            .unwrap_or_default()
    });
    provide_context(BoardChartList(charts));
    let shown = RwSignal::new(BOARD_PAGE);
    let (presenting, set_presenting) = signal(false);
    let present_button = NodeRef::<leptos::html::Button>::new();
    let exit = Callback::new(move |()| {
        set_presenting.set(false);
        if let Some(b) = present_button.get_untracked() {
            let _ = b.focus();
        }
    });

    view! {
        <h1>"Board"</h1>
        <p class="lede">
            {move || match heading.get() {
                Some(h) => format!("{h}. The priorities the assessment recommends, how their targets stand, and the figures behind them."),
                None => "No figures yet: the Data view lists what has been imported.".to_string(),
            }}
        </p>
        <div class="board-actions">
            <button type="button" node_ref=present_button on:click=move |_| set_presenting.set(true)>
                "Present"
            </button>
            <super::board_pack_button::BoardPackButton/>
            <button type="button" class="secondary" on:click=move |_| crate::browser::print_page()>
                "Print, one priority per page"
            </button>
        </div>
        {move || {
            charts.track();
            let list = items.get();
            if list.is_empty() {
                return view! { <p>"No priority is recommended yet: the Assessment view's priority matrix decides them."</p> }
                    .into_any();
            }
            let total = list.len();
            view! {
                <Summary items=list.clone()/>
                {list.into_iter().take(shown.get()).map(|item| view! { <Priority item=item/> }).collect_view()}
                <ShowMore shown=shown total=total noun="priorities" step=BOARD_PAGE/>
                <section class="board-priority" aria-labelledby="board-general">
                    <h2 id="board-general">"Across the assessment"</h2>
                    <GeneralCharts/>
                </section>
            }
                .into_any()
        }}
        <Show when=move || presenting.get()>
            <Presenter items=items.get_untracked() heading=heading.get_untracked().unwrap_or_default() on_exit=exit/>
        </Show>
    }
}
