//! The plan out of the browser and back: the draft as a JSON file (and opened
//! again), the plan as Word, Markdown and print-ready HTML, and the figures as
//! CSV and Excel with formula injection neutralised.

use super::plan_state::PlanState;
use super::AppState;
use crate::browser;
use crate::core::assessment::{report, Index};
use crate::core::charts::{self, ChartInput};
use crate::core::export;
use crate::core::file_name::download_name;
use crate::core::format::{self, slug};
use crate::core::plan::document::{to_document, PlanImage};
use crate::core::plan::draft::to_json;
use crate::core::plan::Draft;
use crate::core::zip_writer::{zip_deflated, DeflatedPart};
use leptos::prelude::*;

/// A trend chart per priority linked to a measure, as PNG, for the Word export.
fn chart_images(draft: &Draft, app: AppState) -> Vec<PlanImage> {
    let Some(a) = app.assessment.get_untracked() else {
        return Vec::new();
    };
    let palette = browser::css_palette();
    app.analysed.with_untracked(|data| {
        let index = Index::new(data);
        let input = ChartInput::new(&index, &a, &palette);
        draft
            .plan
            .priorities
            .iter()
            .filter_map(|p| {
                let spec = charts::trend(&input, p.measure.as_deref()?)?;
                let png = browser::render_png(&spec.option_json(), 800, 400).ok()?;
                Some(PlanImage {
                    priority: p.id,
                    png,
                    width_px: 800,
                    height_px: 400,
                    alt: spec.description,
                })
            })
            .collect()
    })
}

/// Zips `parts` (deflated by the browser, so the page carries no compressor)
/// and offers the file; its size in bytes, or the sentence saying why not.
async fn save_zip(
    name: &str,
    mime: &'static str,
    parts: Vec<(String, Vec<u8>)>,
) -> Result<usize, String> {
    let mut deflated = Vec::with_capacity(parts.len());
    for (part, bytes) in parts {
        let compressed = browser::deflate_raw(&bytes)
            .await
            .map_err(|e| format!("{name} could not be saved: {e}."))?;
        deflated.push(DeflatedPart {
            name: part,
            bytes,
            deflated: compressed,
        });
    }
    let bytes = zip_deflated(&deflated)?;
    browser::download_bytes(name, mime, &bytes)?;
    Ok(bytes.len())
}

#[component]
pub fn PlanExports() -> impl IntoView {
    let app = expect_context::<AppState>();
    let plan = expect_context::<PlanState>();
    let (said, set_said) = signal(None::<Result<String, String>>);
    let done = move |result: Result<String, String>| set_said.set(Some(result));
    let with_draft = move |act: &dyn Fn(&Draft) -> Result<String, String>| {
        plan.flush();
        match plan.current.get_untracked() {
            Some(d) => done(act(&d)),
            None => done(Err("There is no draft open to export.".into())),
        }
    };
    let json = move |_| {
        with_draft(&|d| {
            let name = download_name(&slug(&d.name), "json");
            browser::download_text(&name, "application/json", &to_json(d))
                .map(|()| format!("Saved {name}."))
        })
    };
    let docx = move |_| {
        plan.flush();
        let Some(d) = plan.current.get_untracked() else {
            done(Err("There is no draft open to export.".into()));
            return;
        };
        let a = app.assessment.get_untracked();
        let images = chart_images(&d, app);
        let doc = to_document(&d.plan, a.as_deref(), &images);
        let parts = export::docx_parts(&doc);
        let name = download_name(&slug(&d.name), "docx");
        leptos::task::spawn_local(async move {
            let mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
            done(save_zip(&name, mime, parts).await.map(|size| {
                format!(
                    "Saved {name} ({} KB).",
                    format::count((size as f64 / 1024.0).round())
                )
            }));
        });
    };
    let markdown = move |_| {
        with_draft(&|d| {
            let a = app.assessment.get_untracked();
            let doc = to_document(&d.plan, a.as_deref(), &[]);
            let name = download_name(&slug(&d.name), "md");
            browser::download_text(&name, "text/markdown", &export::to_markdown(&doc))
                .map(|()| format!("Saved {name}."))
        })
    };
    let print = move |_| {
        with_draft(&|d| {
            let a = app.assessment.get_untracked();
            let images = chart_images(d, app);
            let doc = to_document(&d.plan, a.as_deref(), &images);
            let name = download_name(&format!("{}-print", slug(&d.name)), "html");
            browser::download_text(&name, "text/html", &export::to_print_html(&doc))
                .map(|()| format!("Saved {name}: open it and print, or save as PDF."))
        })
    };
    let figures = move |xlsx: bool| {
        let Some(a) = app.assessment.get_untracked() else {
            done(Err("There are no figures to export yet.".into()));
            return;
        };
        let (header, rows) = report::figure_table(&a);
        let stem = format!("figures-{}", slug(&a.options.area));
        if xlsx {
            let parts = export::xlsx_parts("Figures", &header, &rows);
            let name = download_name(&stem, "xlsx");
            leptos::task::spawn_local(async move {
                let mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
                done(
                    save_zip(&name, mime, parts)
                        .await
                        .map(|_| format!("Saved {name}.")),
                );
            });
        } else {
            let name = download_name(&stem, "csv");
            done(
                browser::download_text(&name, "text/csv", &export::to_csv(&header, &rows))
                    .map(|()| format!("Saved {name}.")),
            );
        }
    };
    let open = move |ev: leptos::ev::Event| {
        let Some(file) = browser::take_picked_files(&ev).into_iter().next() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let name = file.name();
            let result = match browser::read_file(&file).await {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => plan.import(&text, &name),
                    Err(_) => Err(format!(
                        "“{name}” could not be opened: it is not a text file. Nothing was changed."
                    )),
                },
                Err(sentence) => Err(sentence),
            };
            set_said.set(Some(result));
        });
    };
    view! {
        <section class="plan-exports" aria-labelledby="exports-heading">
            <h2 id="exports-heading">"Save and share"</h2>
            <div class="export-buttons">
                <button type="button" on:click=docx>"Word (.docx)"</button>
                <button type="button" on:click=print>"Print-ready HTML (for PDF)"</button>
                <button type="button" class="secondary" on:click=markdown>"Markdown"</button>
                <button type="button" class="secondary" on:click=json>"Draft as a file (JSON)"</button>
                <button type="button" class="secondary" on:click=move |_| figures(false)>"Figures (CSV)"</button>
                <button type="button" class="secondary" on:click=move |_| figures(true)>"Figures (Excel)"</button>
            </div>
            <div class="option">
                <label for="draft-file">"Open a draft file (JSON)"</label>
                <input id="draft-file" type="file" accept=".json,application/json" on:change=open/>
            </div>
            {move || said.get().map(|r| match r {
                Ok(t) => view! { <p class="status" role="status">{t}</p> }.into_any(),
                Err(t) => view! { <p class="status status-error" role="alert">{t}</p> }.into_any(),
            })}
        </section>
    }
}
