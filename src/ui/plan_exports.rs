//! The plan out of the browser and back: the draft as a JSON file (and opened
//! again), the plan as Word, Markdown and print-ready HTML, and the figures as
//! CSV and Excel with formula injection neutralised. The writers' code
//! (`core::export`) is fetched the first time one is used (`super::on_demand`).

use super::on_demand::{not_loaded_sentence, on_demand, NotLoaded};
use super::plan_state::PlanState;
use super::AppState;
use crate::browser;
use crate::core::assessment::{report, Assessment, Index};
use crate::core::charts::{self, ChartInput};
use crate::core::export;
use crate::core::file_name::download_name;
use crate::core::format::{self, slug};
use crate::core::plan::document::{to_document, PlanImage};
use crate::core::plan::draft::to_json;
use crate::core::plan::{Draft, Plan};
use crate::core::zip_writer::{zip_deflated, DeflatedPart};
use leptos::prelude::*;
use std::sync::Arc;

/// The plan as a document in one of the export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DocumentFormat {
    /// The parts of a .docx, to be zipped.
    Word,
    Markdown,
    PrintHtml,
}

/// What a writer made: a text file, or the parts of a zip (.docx, .xlsx).
enum Written {
    Text(String),
    Parts(Vec<(String, Vec<u8>)>),
}

on_demand! { plan_exports;
    /// The plan written in `format`.
    fn write_plan(
        plan: Plan,
        assessment: Option<Arc<Assessment>>,
        images: Vec<PlanImage>,
        format: DocumentFormat,
    ) -> Written {
        let doc = to_document(&plan, assessment.as_deref(), &images);
        match format {
            DocumentFormat::Word => Written::Parts(export::docx_parts(&doc)),
            DocumentFormat::Markdown => Written::Text(export::to_markdown(&doc)),
            DocumentFormat::PrintHtml => Written::Text(export::to_print_html(&doc)),
        }
    }
}

on_demand! { plan_exports;
    /// The assessment's figures as an Excel workbook (`xlsx`) or CSV.
    fn write_figures(assessment: Arc<Assessment>, xlsx: bool) -> Written {
        let (header, rows) = report::figure_table(&assessment);
        if xlsx {
            Written::Parts(export::xlsx_parts("Figures", &header, &rows))
        } else {
            Written::Text(export::to_csv(&header, &rows))
        }
    }
}

/// The sentence for an export whose writer could not be fetched.
fn writer_missing(NotLoaded: NotLoaded) -> String {
    not_loaded_sentence("the file writers")
}

/// Saves what a writer made as `name`: a text file, or its parts zipped.
async fn save(name: &str, mime: &'static str, written: Written) -> Result<usize, String> {
    match written {
        Written::Text(text) => browser::download_text(name, mime, &text).map(|()| text.len()),
        Written::Parts(parts) => save_zip(name, mime, parts).await,
    }
}

/// A trend chart per priority linked to a measure, as PNG, for the Word export.
fn chart_images(draft: &Draft, app: AppState) -> Vec<PlanImage> {
    let Some(a) = app.assessment.get_untracked() else {
        return Vec::new();
    };
    let palette = browser::css_palette();
    app.analysed.with_untracked(|data| {
        let index = Index::new(data.figures());
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
    // The plan as Word, Markdown or print-ready HTML.
    let document = move |format: DocumentFormat| {
        plan.flush();
        let Some(d) = plan.current.get_untracked() else {
            done(Err("There is no draft open to export.".into()));
            return;
        };
        let a = app.assessment.get_untracked();
        // Charts are drawn by the page's ECharts; Markdown has none.
        let images = if format == DocumentFormat::Markdown {
            Vec::new()
        } else {
            chart_images(&d, app)
        };
        let (name, mime, said) = match format {
            DocumentFormat::Word => (
                download_name(&slug(&d.name), "docx"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "",
            ),
            DocumentFormat::Markdown => (download_name(&slug(&d.name), "md"), "text/markdown", ""),
            DocumentFormat::PrintHtml => (
                download_name(&format!("{}-print", slug(&d.name)), "html"),
                "text/html",
                ": open it and print, or save as PDF",
            ),
        };
        leptos::task::spawn_local(async move {
            let written = match write_plan(d.plan, a, images, format).await {
                Ok(w) => w,
                Err(e) => return done(Err(writer_missing(e))),
            };
            done(save(&name, mime, written).await.map(|size| {
                if format == DocumentFormat::Word {
                    format!(
                        "Saved {name} ({} KB).",
                        format::count((size as f64 / 1024.0).round())
                    )
                } else {
                    format!("Saved {name}{said}.")
                }
            }));
        });
    };
    let figures = move |xlsx: bool| {
        let Some(a) = app.assessment.get_untracked() else {
            done(Err("There are no figures to export yet.".into()));
            return;
        };
        let stem = format!("figures-{}", slug(&a.options.area));
        let (name, mime) = if xlsx {
            (
                download_name(&stem, "xlsx"),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        } else {
            (download_name(&stem, "csv"), "text/csv")
        };
        leptos::task::spawn_local(async move {
            let written = match write_figures(a, xlsx).await {
                Ok(w) => w,
                Err(e) => return done(Err(writer_missing(e))),
            };
            done(
                save(&name, mime, written)
                    .await
                    .map(|_| format!("Saved {name}.")),
            );
        });
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
                <button type="button" on:click=move |_| document(DocumentFormat::Word)>"Word (.docx)"</button>
                <button type="button" on:click=move |_| document(DocumentFormat::PrintHtml)>"Print-ready HTML (for PDF)"</button>
                <button type="button" class="secondary" on:click=move |_| document(DocumentFormat::Markdown)>"Markdown"</button>
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
