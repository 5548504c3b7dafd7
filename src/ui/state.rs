//! The app's shared state: what has been imported, and what is happening.

use crate::browser;
use crate::core::dataset::Dataset;
use crate::core::format;
use crate::core::ingest::import_file;
use leptos::prelude::*;
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

#[derive(Clone, Copy)]
pub struct AppState {
    pub dataset: RwSignal<Arc<Dataset>>,
    pub status: RwSignal<LoadStatus>,
    /// The latest imports, newest first.
    pub imports: RwSignal<Vec<ImportOutcome>>,
}

impl AppState {
    pub fn new() -> AppState {
        AppState {
            dataset: RwSignal::new(Arc::new(Dataset::default())),
            status: RwSignal::new(LoadStatus::Ready),
            imports: RwSignal::new(Vec::new()),
        }
    }

    /// Adds an import's data; a failed import leaves the data already loaded as it was.
    fn accept(self, file_name: &str, bytes: &[u8]) -> Result<String, String> {
        let imported = import_file(file_name, bytes).map_err(|e| e.to_string())?;
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
        Ok(summary)
    }

    /// Fetches the built-in sample and imports it as if the user had dropped it.
    pub fn load_sample(self, path: &'static str) {
        let file_name = path.rsplit('/').next().unwrap_or(path).to_string();
        self.status.set(LoadStatus::Loading(format!(
            "the sample assessment ({file_name})"
        )));
        leptos::task::spawn_local(async move {
            let outcome = match browser::fetch_bytes(path).await {
                Ok(bytes) => self.accept(&file_name, &bytes),
                Err(reason) => Err(format!("The sample could not be loaded: {reason}.")),
            };
            match outcome {
                Ok(_) => self.status.set(LoadStatus::Ready),
                Err(sentence) => self.status.set(LoadStatus::Failed(sentence)),
            }
        });
    }

    /// Imports files the user dropped or picked, one after another.
    pub fn import_files(self, files: Vec<web_sys::File>) {
        if files.is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            let count = files.len();
            for (i, file) in files.into_iter().enumerate() {
                let name = file.name();
                self.status.set(LoadStatus::Loading(format!(
                    "{name} ({} of {count})",
                    i + 1
                )));
                let result = match browser::read_file(&file).await {
                    Ok(bytes) => self.accept(&name, &bytes),
                    Err(sentence) => Err(sentence),
                };
                self.imports.update(|list| {
                    list.insert(0, ImportOutcome { file: name, result });
                    list.truncate(20);
                });
            }
            self.status.set(LoadStatus::Ready);
        });
    }
}

impl Default for AppState {
    fn default() -> Self {
        AppState::new()
    }
}
