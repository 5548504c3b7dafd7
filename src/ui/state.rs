//! The app's shared state: what has been imported, and what is happening.

use crate::browser::{self, ImportJob, JobOutcome};
use crate::core::areas::{remember_alias, AreaAlias};
use crate::core::assessment::reference;
use crate::core::assessment::targets::sample_targets;
use crate::core::assessment::{self, Assessment, Options, PrioritySettings, Target};
use crate::core::dataset::Dataset;
use crate::core::format;
use crate::core::geography::{self, population, Population};
use crate::core::ingest::{remember, Recipe};
use leptos::prelude::*;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

/// Where recipes are kept between visits; the version changes if their shape does.
const RECIPES_KEY: &str = "cspw.recipes.v1";
/// Where the user's area names are kept.
const AREAS_KEY: &str = "cspw.areas.v1";
/// The assessment's options, targets and priority matrix.
const OPTIONS_KEY: &str = "cspw.assessment-options.v1";
const TARGETS_KEY: &str = "cspw.targets.v1";
const PRIORITIES_KEY: &str = "cspw.priorities.v1";
/// The tidy data imported so far, in IndexedDB: often more than local storage holds.
const DATASET_KEY: &str = "dataset.v1";

fn load_json<T: serde::de::DeserializeOwned + Default>(key: &str) -> T {
    browser::load(key)
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

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
    /// The user's saved mappings, applied to every import.
    pub recipes: RwSignal<Vec<Recipe>>,
    /// The user's own area names and levels, applied to every import.
    pub aliases: RwSignal<Vec<AreaAlias>>,
    /// What the officer chose to assess, and against what.
    pub options: RwSignal<Options>,
    /// Targets per priority; the sample's until the user changes them.
    pub targets: RwSignal<Vec<Target>>,
    pub priorities: RwSignal<PrioritySettings>,
    /// The built-in populations, fetched the first time a file needs them.
    pub population: RwSignal<Option<Arc<Population>>>,
    /// The data as assessed and charted: the imports plus derived county and
    /// force totals and, where the files carry none, built-in populations.
    pub analysed: Memo<Arc<Dataset>>,
    /// The whole assessment, recomputed when the data or any choice changes.
    pub assessment: Memo<Option<Arc<Assessment>>>,
    /// Something the user should know that is not about loading (storage full…).
    pub warning: RwSignal<Option<String>>,
    job: StoredValue<Option<Rc<ImportJob>>, LocalStorage>,
    cancelled: StoredValue<bool>,
    /// Each imported file (the browser's handle, not a copy of its bytes), so
    /// a corrected mapping can be applied at once.
    files: StoredValue<HashMap<String, browser::FileHandle>, LocalStorage>,
}

impl AppState {
    pub fn new() -> AppState {
        let dataset = RwSignal::new(Arc::new(Dataset::default()));
        let warning = RwSignal::new(None::<String>);
        let options = RwSignal::new(load_json::<Options>(OPTIONS_KEY));
        let stored_targets = browser::load(TARGETS_KEY)
            .and_then(|json| serde_json::from_str::<Vec<Target>>(&json).ok());
        let targets = RwSignal::new(stored_targets.unwrap_or_else(sample_targets));
        let priorities = RwSignal::new(load_json::<PrioritySettings>(PRIORITIES_KEY));
        let population = RwSignal::new(None::<Arc<Population>>);
        let analysed = Memo::new(move |_| {
            let data = dataset.get();
            population.with(|p| {
                match reference::with_reference(&data, geography::national(), p.as_deref()) {
                    std::borrow::Cow::Borrowed(_) => Arc::clone(&data),
                    std::borrow::Cow::Owned(more) => Arc::new(more),
                }
            })
        });
        // The populations are fetched only once a file has an area they could serve.
        let fetching = StoredValue::new(false);
        Effect::new(move |_| {
            let needed = dataset.with(|d| reference::needs_population(d, geography::national()));
            if !needed || fetching.get_value() || population.with_untracked(Option::is_some) {
                return;
            }
            fetching.set_value(true);
            leptos::task::spawn_local(async move {
                let loaded = browser::fetch_text(population::ASSET_PATH)
                    .await
                    .and_then(|text| Population::parse(&text));
                match loaded {
                    Ok(p) => population.set(Some(Arc::new(p))),
                    Err(reason) => {
                        fetching.set_value(false);
                        warning.set(Some(format!(
                            "The built-in populations could not be loaded ({reason}); rates need a population in your files."
                        )));
                    }
                }
            });
        });
        let assessment = Memo::new(move |_| {
            let data = analysed.get();
            let started = browser::elapsed_ms();
            let assessed = options.with(|o| {
                targets
                    .with(|t| priorities.with(|p| assessment::assess(&data, o, t, p).map(Arc::new)))
            });
            browser::measure_since("cspw:assess", started);
            assessed
        });
        AppState {
            dataset,
            population,
            analysed,
            options,
            targets,
            priorities,
            assessment,
            warning,
            status: RwSignal::new(LoadStatus::Ready),
            imports: RwSignal::new(Vec::new()),
            progress: RwSignal::new(None),
            recipes: RwSignal::new(load_json(RECIPES_KEY)),
            aliases: RwSignal::new(load_json(AREAS_KEY)),
            job: StoredValue::new_local(None),
            cancelled: StoredValue::new(false),
            files: StoredValue::new_local(HashMap::new()),
        }
    }

    /// Changes the assessment's options and keeps them for next time.
    pub fn set_options(self, change: impl FnOnce(&mut Options)) {
        self.options.update(change);
        self.keep(OPTIONS_KEY, &self.options.get_untracked());
    }

    pub fn set_targets(self, change: impl FnOnce(&mut Vec<Target>)) {
        self.targets.update(change);
        self.keep(TARGETS_KEY, &self.targets.get_untracked());
    }

    pub fn set_priorities(self, change: impl FnOnce(&mut PrioritySettings)) {
        self.priorities.update(change);
        self.keep(PRIORITIES_KEY, &self.priorities.get_untracked());
    }

    /// Stores a choice; if the browser will not keep it, it still applies now and
    /// the user is told it will not survive a reload.
    fn keep<T: serde::Serialize>(self, key: &str, value: &T) {
        let result = serde_json::to_string(value)
            .map_err(|e| e.to_string())
            .and_then(|json| browser::save(key, &json));
        match result {
            Ok(()) => self.warning.set(None),
            Err(reason) => self.warning.set(Some(format!(
                "Your change applies now but could not be kept for next time: {reason}."
            ))),
        }
    }

    /// Keeps a corrected mapping and imports the file it came from again with it.
    pub fn save_recipe(self, file: &str, recipe: Recipe) {
        self.recipes.update(|all| remember(all, recipe));
        let json = self
            .recipes
            .with_untracked(|all| serde_json::to_string(all).unwrap_or_default());
        if let Err(reason) = browser::save(RECIPES_KEY, &json) {
            self.log(
                file,
                Err(format!(
                    "The mapping could not be kept for next time: {reason}."
                )),
            );
        }
        let kept = self.files.with_value(|f| f.get(file).cloned());
        let file = file.to_string();
        leptos::task::spawn_local(async move {
            // The sample was loaded as data, not as a file: fetch the file itself.
            let blob = match kept {
                Some(blob) => blob,
                None if file == sample_file_name(super::SAMPLE_PATH) => {
                    match browser::fetch_bytes(super::SAMPLE_PATH)
                        .await
                        .ok()
                        .and_then(|b| browser::blob_of(&b))
                    {
                        Some(blob) => blob,
                        None => return,
                    }
                }
                None => return,
            };
            let result = self
                .import_one(&file, &blob, |_, _| {})
                .await
                .unwrap_or_else(|| {
                    Err(format!(
                        "Import of “{file}” cancelled; nothing was changed."
                    ))
                });
            self.log(&file, result);
        });
    }

    fn log(self, file: &str, result: Result<String, String>) {
        self.imports.update(|list| {
            list.insert(
                0,
                ImportOutcome {
                    file: file.to_string(),
                    result,
                },
            );
            list.truncate(20);
        });
    }

    /// Keeps an area name and applies it to the data already loaded.
    pub fn save_alias(self, alias: AreaAlias) -> Result<(), String> {
        self.aliases.update(|all| remember_alias(all, alias));
        let all = self.aliases.get_untracked();
        self.dataset.update(|d| {
            let mut renamed = Dataset::clone(d);
            renamed.apply_area_aliases(&all);
            *d = Arc::new(renamed);
        });
        self.persist_dataset();
        let json = serde_json::to_string(&all).unwrap_or_default();
        browser::save(AREAS_KEY, &json).map_err(|reason| {
            format!("The area name applies now but could not be kept for next time: {reason}.")
        })
    }

    /// Adds an import's data and says what it brought.
    fn merge(self, mut imported: Dataset) -> String {
        imported.apply_area_aliases(&self.aliases.get_untracked());
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
        self.persist_dataset();
        summary
    }

    /// Keeps the tidy data (not the files) for the next visit.
    fn persist_dataset(self) {
        let data = self.dataset.get_untracked();
        leptos::task::spawn_local(async move {
            let result = match serde_json::to_string(&*data) {
                Ok(json) => browser::idb_put(DATASET_KEY, &json).await,
                Err(e) => Err(e.to_string()),
            };
            if let Err(reason) = result {
                self.warning.set(Some(format!(
                    "The imported data applies now but could not be kept for next time: {reason}."
                )));
            }
        });
    }

    /// Starts with the data kept from the last visit, or else the built-in sample.
    pub fn restore_or_load_sample(self, path: &'static str) {
        self.status.set(LoadStatus::Loading(
            "the data kept from your last visit".to_string(),
        ));
        leptos::task::spawn_local(async move {
            let kept = browser::idb_get(DATASET_KEY)
                .await
                .ok()
                .flatten()
                .and_then(|json| serde_json::from_str::<Dataset>(&json).ok())
                .filter(|d| !d.observations.is_empty());
            match kept {
                Some(data) => {
                    let files: std::collections::BTreeSet<&str> =
                        data.tables.iter().map(|t| t.file.as_str()).collect();
                    let said = format!(
                        "Restored the data kept in this browser from your last visit: {} {} from {} {} and {} figures.",
                        format::count(data.tables.len() as f64),
                        if data.tables.len() == 1 { "table" } else { "tables" },
                        format::count(files.len() as f64),
                        if files.len() == 1 { "file" } else { "files" },
                        format::count(data.observations.len() as f64),
                    );
                    self.dataset.set(Arc::new(data));
                    self.log("Your data", Ok(said));
                    self.status.set(LoadStatus::Ready);
                }
                None => self.load_sample(path),
            }
        });
    }

    /// Forgets every imported file and starts again from the built-in sample.
    pub fn start_again(self, path: &'static str) {
        self.dataset.set(Arc::new(Dataset::default()));
        self.files.update_value(HashMap::clear);
        leptos::task::spawn_local(async move {
            let _ = browser::idb_delete(DATASET_KEY).await;
            self.load_sample(path);
        });
    }

    /// Loads the built-in sample. It comes as the tidy data the importer made
    /// of the sample spreadsheet when this version was built (`make sample`
    /// writes both, and a test checks they agree), so the first visit needs no
    /// spreadsheet reader: the import worker is only fetched for the user's files.
    pub fn load_sample(self, path: &'static str) {
        let file_name = sample_file_name(path);
        self.status.set(LoadStatus::Loading(format!(
            "the sample assessment ({file_name})"
        )));
        leptos::task::spawn_local(async move {
            let started = browser::elapsed_ms();
            let outcome = match browser::fetch_text(&sample_data_path(path)).await {
                Ok(json) => serde_json::from_str::<Dataset>(&json)
                    .map(|data| self.merge(data))
                    .map_err(|e| format!("The sample could not be read ({e}).")),
                Err(reason) => Err(format!("The sample could not be loaded: {reason}.")),
            };
            browser::measure_since("cspw:sample", started);
            match outcome {
                Ok(_) => self.status.set(LoadStatus::Ready),
                Err(sentence) => self.status.set(LoadStatus::Failed(sentence)),
            }
        });
    }

    /// Imports files the user dropped or picked, one after another, each in a
    /// worker so the page stays responsive. A failed import changes nothing.
    pub fn import_files(self, files: Vec<browser::UserFile>) {
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
                let started = browser::elapsed_ms();
                let blob = browser::handle_of(&file);
                let result = self.import_one(&name, &blob, show).await;
                if matches!(result, Some(Ok(_))) {
                    self.files
                        .update_value(|f| drop(f.insert(name.clone(), blob.clone())));
                }
                let result = result.unwrap_or_else(|| {
                    Err(format!(
                        "Import of “{name}” cancelled; nothing was changed."
                    ))
                });
                self.log(&name, result);
                browser::measure_since("cspw:import", started);
            }
            self.progress.set(None);
        });
    }

    /// `None` when the user cancelled.
    async fn import_one(
        self,
        name: &str,
        file: &browser::FileHandle,
        show: impl Fn(String, f64) + 'static,
    ) -> Option<Result<String, String>> {
        let recipes = self.recipes.get_untracked();
        let Some(job) = ImportJob::start(name, file, &recipes, show) else {
            return Some(Err(format!(
                "“{name}” could not be imported: this browser would not start the import worker (are Web Workers switched off?)."
            )));
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

/// "csp-sample-assessment.xlsx" from "sample/csp-sample-assessment.xlsx".
fn sample_file_name(path: &str) -> String {
    path.rsplit('/').next().unwrap_or(path).to_string()
}

/// The sample's tidy data, written beside it by `make sample`.
pub fn sample_data_path(path: &str) -> String {
    format!("{}.dataset.json", path.trim_end_matches(".xlsx"))
}

impl Default for AppState {
    fn default() -> Self {
        AppState::new()
    }
}
