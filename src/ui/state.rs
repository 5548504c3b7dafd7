//! The app's shared state: what has been imported, and what is happening.

use crate::browser;
use crate::core::dataset::Dataset;
use crate::core::ingest::import_file;
use leptos::prelude::*;
use std::sync::Arc;

#[derive(Clone, Debug, PartialEq)]
pub enum LoadStatus {
    Loading(String),
    Ready,
    Failed(String),
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub dataset: RwSignal<Arc<Dataset>>,
    pub status: RwSignal<LoadStatus>,
}

impl AppState {
    pub fn new() -> AppState {
        AppState {
            dataset: RwSignal::new(Arc::new(Dataset::default())),
            status: RwSignal::new(LoadStatus::Ready),
        }
    }

    /// Fetches the built-in sample and imports it as if the user had dropped it.
    pub fn load_sample(self, path: &'static str) {
        let file_name = path.rsplit('/').next().unwrap_or(path).to_string();
        self.status.set(LoadStatus::Loading(format!(
            "the sample assessment ({file_name})"
        )));
        leptos::task::spawn_local(async move {
            let outcome = match browser::fetch_bytes(path).await {
                Ok(bytes) => import_file(&file_name, &bytes).map_err(|e| e.to_string()),
                Err(reason) => Err(format!("The sample could not be loaded: {reason}.")),
            };
            match outcome {
                Ok(imported) => {
                    self.dataset.update(|d| {
                        let mut merged = Dataset::clone(d);
                        merged.extend(imported);
                        *d = Arc::new(merged);
                    });
                    self.status.set(LoadStatus::Ready);
                }
                // A failed import leaves the data already loaded as it was.
                Err(sentence) => self.status.set(LoadStatus::Failed(sentence)),
            }
        });
    }
}

impl Default for AppState {
    fn default() -> Self {
        AppState::new()
    }
}
