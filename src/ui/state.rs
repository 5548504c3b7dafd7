//! The app's shared state: what has been imported, and what is happening.

use crate::browser::{self, ImportJob, JobOutcome};
use crate::core::dataset::Dataset;
use crate::core::format;
use crate::core::ingest::{import_file, ImportError};
use leptos::prelude::*;
use std::rc::Rc;
use std::sync::Arc;

#[derive(Clone, Debug, PartialEq)]
pub enum LoadStatus {
    Loading(String),
    Ready,
    Failed(String),
}

/// What became of one file the user gave the workbench.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportOutcome {
    pub file: String,
    /// A one-line summary of what was imported, or the sentence saying why not.
    pub result: Result<String, String>,
}

/// An import under way, for the progress bar.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportProgress {
    pub file: String,
    pub step: String,
    pub fraction: f64,
    /// This file's place in the batch, from 1.
    pub number: usize,
    pub of: usize,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub dataset: RwSignal<Arc<Dataset>>,
    pub status: RwSignal<LoadStatus>,
    /// The latest imports, newest first.
    pub imports: RwSignal<Vec<ImportOutcome>>,
    pub progress: RwSignal<Option<ImportProgress>>,
    job: StoredValue<Option<Rc<ImportJob>>, LocalStorage>,
    cancelled: StoredValue<bool>,
}

impl AppState {
    pub fn new() -> AppState {
        AppState {
            dataset: RwSignal::new(Arc::new(Dataset::default())),
            status: RwSignal::new(LoadStatus::Ready),
            imports: RwSignal::new(Vec::new()),
            progress: RwSignal::new(None),
            job: StoredValue::new_local(None),
            cancelled: StoredValue::new(false),
        }
    }

    /// Adds an import's data and says what it brought.
    fn merge(self, imported: Dataset) -> String {
        let summary = format!(
            "{} {} and {} figures imported.",
            format::count(imported.tables.len() as f64),
            if imported.tables.len() == 1 {
                "table"
            } else {
                "tables"
            },
            format::count(imported.observations.len() as f64)
        );
        self.dataset.update(|d| {
            let mut merged = Dataset::clone(d);
            merged.merge_replacing(imported);
            *d = Arc::new(merged);
        });
        summary
    }

    /// Fetches the built-in sample and imports it as if the user had dropped it.
    pub fn load_sample(self, path: &'static str) {
        let file_name = path.rsplit('/').next().unwrap_or(path).to_string();
        self.status.set(LoadStatus::Loading(format!(
            "the sample assessment ({file_name})"
        )));
        leptos::task::spawn_local(async move {
            let outcome = match browser::fetch_bytes(path).await {
                Ok(bytes) => import_file(&file_name, &bytes)
                    .map(|d| self.merge(d))
                    .map_err(|e| e.to_string()),
                Err(reason) => Err(format!("The sample could not be loaded: {reason}.")),
            };
            match outcome {
                Ok(_) => self.status.set(LoadStatus::Ready),
                Err(sentence) => self.status.set(LoadStatus::Failed(sentence)),
            }
        });
    }

    /// Imports files the user dropped or picked, one after another, each in a
    /// worker so the page stays responsive. A failed import changes nothing.
    pub fn import_files(self, files: Vec<web_sys::File>) {
        if files.is_empty() || self.progress.with_untracked(Option::is_some) {
            return;
        }
        self.cancelled.set_value(false);
        leptos::task::spawn_local(async move {
            let of = files.len();
            for (i, file) in files.into_iter().enumerate() {
                if self.cancelled.get_value() {
                    break;
                }
                let name = file.name();
                let progress = self.progress;
                let show = {
                    let name = name.clone();
                    move |step: String, fraction: f64| {
                        progress.set(Some(ImportProgress {
                            file: name.clone(),
                            step,
                            fraction,
                            number: i + 1,
                            of,
                        }))
                    }
                };
                show("Opening the file".to_string(), 0.0);
                let result = match browser::read_file(&file).await {
                    // Cancel may be pressed while the file is still being read.
                    Ok(_) if self.cancelled.get_value() => None,
                    Ok(bytes) => self.import_one(&name, &bytes, show).await,
                    Err(sentence) => Some(Err(sentence)),
                };
                match result {
                    Some(result) => self.imports.update(|list| {
                        list.insert(0, ImportOutcome { file: name, result });
                        list.truncate(20);
                    }),
                    None => self.imports.update(|list| {
                        let note = format!("Import of “{name}” cancelled; nothing was changed.");
                        list.insert(
                            0,
                            ImportOutcome {
                                file: name,
                                result: Err(note),
                            },
                        );
                    }),
                }
            }
            self.progress.set(None);
        });
    }

    /// `None` when the user cancelled.
    async fn import_one(
        self,
        name: &str,
        bytes: &[u8],
        show: impl Fn(String, f64) + 'static,
    ) -> Option<Result<String, String>> {
        let Some(job) = ImportJob::start(name, bytes, show) else {
            // No workers here (a page opened from disk, say): import in place.
            return Some(
                import_file(name, bytes)
                    .map(|d| self.merge(d))
                    .map_err(|e: ImportError| e.to_string()),
            );
        };
        let job = Rc::new(job);
        self.job.set_value(Some(job.clone()));
        let outcome = job.outcome().await;
        self.job.set_value(None);
        match outcome {
            JobOutcome::Imported(dataset) => Some(Ok(self.merge(*dataset))),
            JobOutcome::Failed(sentence) => Some(Err(sentence)),
            JobOutcome::Cancelled => None,
        }
    }

    /// Stops the import under way and any files still waiting in the batch.
    pub fn cancel_import(self) {
        self.cancelled.set_value(true);
        self.job.with_value(|job| {
            if let Some(job) = job {
                job.cancel();
            }
        });
    }
}

impl Default for AppState {
    fn default() -> Self {
        AppState::new()
    }
}
