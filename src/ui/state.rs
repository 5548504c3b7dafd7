//! The app's shared state: what has been imported, and what is happening.

use crate::browser::{self, ImportJob, JobOutcome};
use crate::core::areas::{remember_alias, AreaAlias};
use crate::core::assessment::figures::Analysed;
use crate::core::assessment::reference::{Reference, ReferenceBuilder};
use crate::core::assessment::targets::sample_targets;
use crate::core::assessment::{self, Assessment, Options, PrioritySettings, Target};
use crate::core::dataset::{
    DataOrigin, Dataset, JsonReader, JsonWriter, Merged, FIGURES_PER_SLICE,
};
use crate::core::format;
use crate::core::geography::imd::ImdDeciles;
use crate::core::geography::{self, population, Population};
use crate::core::ingest::{remember, Recipe};
use crate::core::stored::{self, backup_key, may_write, Place, SetAside, Stored};
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

/// Reads a setting kept in local storage. A damaged one is set aside (listed in
/// `set_aside`, see `core::stored`) and `default` is used in memory instead.
fn read_setting<T: serde::de::DeserializeOwned>(
    key: &str,
    what: &str,
    instead: &str,
    default: impl FnOnce() -> T,
    set_aside: &mut Vec<SetAside>,
) -> T {
    match Stored::<T>::parse_json(browser::load(key)) {
        Stored::Readable(value) => value,
        Stored::Absent => default(),
        Stored::Damaged { raw, reason } => {
            let entry = super::set_aside_notice::set_aside_local(
                key,
                &raw,
                reason,
                what,
                instead,
                set_aside.len() + 1,
            );
            set_aside.push(entry);
            default()
        }
    }
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
    /// Changes each time more of the national geography is in use (a
    /// dataset's slice, then the whole, fetched when a file or the area search
    /// needs it): whatever reads `geography::national()` tracks it.
    pub geography: RwSignal<u32>,
    /// Whether the whole geography is wanted (the area search was used).
    geography_wanted: RwSignal<bool>,
    /// IMD 2019 deciles, fetched by "Where it happens" once street records are
    /// loaded; with them the assessment adds its deprivation findings.
    pub imd: RwSignal<Option<Arc<ImdDeciles>>>,
    /// The data as assessed and charted: the imports plus derived county and
    /// force totals and, where the files carry none, built-in populations
    /// (read in place, never copied: `assessment::figures`). Worked out a
    /// slice at a time when the data or the geography change; when the
    /// populations arrive, only the denominators are added.
    pub analysed: RwSignal<Arc<Analysed>>,
    /// The whole assessment, recomputed when the data or any choice changes.
    pub assessment: RwSignal<Option<Arc<Assessment>>>,
    /// How far a recomputation has got (measures done, of all), while one runs.
    pub assessing: RwSignal<Option<assessment::Progress>>,
    /// Something the user should know that is not about loading (storage full…).
    pub warning: RwSignal<Option<String>>,
    /// Stored data found damaged since the page opened, and where it is now.
    pub set_aside: RwSignal<Vec<SetAside>>,
    job: StoredValue<Option<Rc<ImportJob>>, LocalStorage>,
    cancelled: StoredValue<bool>,
    /// Each imported file by the name its figures carry, with its own name and
    /// the browser's handle (not a copy of its bytes), so a corrected mapping
    /// can be applied at once.
    files: StoredValue<HashMap<String, (String, browser::FileHandle)>, LocalStorage>,
    /// Counts the writes of the data to the database: only the newest finishes.
    persisting: StoredValue<u64>,
}

impl AppState {
    /// Asks for the whole national geography (the area search needs every
    /// area's name); fetched once, and `geography` changes when it is in use.
    pub fn want_geography(self) {
        if !geography::is_whole() {
            self.geography_wanted.set(true);
        }
    }

    pub fn new() -> AppState {
        let dataset = RwSignal::new(Arc::new(Dataset::default()));
        let mut aside = Vec::new();
        let options = RwSignal::new(read_setting(
            OPTIONS_KEY,
            "Your assessment options",
            "the default options",
            Options::default,
            &mut aside,
        ));
        let targets = RwSignal::new(read_setting(
            TARGETS_KEY,
            "Your targets",
            "the sample's targets",
            sample_targets,
            &mut aside,
        ));
        let priorities = RwSignal::new(read_setting(
            PRIORITIES_KEY,
            "Your priority matrix (weights, threshold, overrides, issues, which way is better and leading measures)",
            "the default matrix",
            PrioritySettings::default,
            &mut aside,
        ));
        let recipes = read_setting(
            RECIPES_KEY,
            "Your saved mappings (recipes)",
            "no saved mappings",
            Vec::new,
            &mut aside,
        );
        let aliases = read_setting(
            AREAS_KEY,
            "Your area names",
            "no area names of your own",
            Vec::new,
            &mut aside,
        );
        let warning = RwSignal::new(None::<String>);
        let population = RwSignal::new(None::<Arc<Population>>);
        let geography_version = RwSignal::new(0u32);
        let geography_wanted = RwSignal::new(false);
        let assessing = RwSignal::new(None);
        let analysed = RwSignal::new(Arc::new(Analysed::default()));
        let population_wanted = RwSignal::new(false);
        analyse_on_change(
            dataset,
            geography_version,
            population,
            population_wanted,
            analysed,
            assessing,
        );
        // The whole geography is fetched once data without a slice of it are
        // loaded (any file of the user's) or the area search is used; never on
        // the first visit, whose sample carries its slice.
        let fetching_geography = StoredValue::new(false);
        Effect::new(move |_| {
            let needed = geography_wanted.get()
                || dataset.with(|d| !d.observations.is_empty() && d.geography.is_none());
            if !needed || geography::is_whole() || fetching_geography.get_value() {
                return;
            }
            fetching_geography.set_value(true);
            leptos::task::spawn_local(async move {
                let loaded = browser::fetch_text(geography::ASSET_PATH)
                    .await
                    .and_then(|text| geography::install(&text));
                match loaded {
                    Ok(()) => geography_version.update(|v| *v += 1),
                    Err(reason) => {
                        fetching_geography.set_value(false);
                        warning.set(Some(format!(
                            "The built-in list of areas could not be loaded ({reason}); areas are compared only as your files name them."
                        )));
                    }
                }
            });
        });
        // The populations are fetched only once a file has an area they could
        // serve (the reference worked out for the data says so).
        let fetching = StoredValue::new(false);
        Effect::new(move |_| {
            let needed = population_wanted.get();
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
        let assessment = RwSignal::new(None);
        let imd = RwSignal::new(None);
        recompute_on_change(
            analysed, options, targets, priorities, imd, assessment, assessing,
        );
        AppState {
            dataset,
            population,
            geography: geography_version,
            geography_wanted,
            imd,
            analysed,
            options,
            targets,
            priorities,
            assessment,
            assessing,
            warning,
            status: RwSignal::new(LoadStatus::Ready),
            imports: RwSignal::new(Vec::new()),
            progress: RwSignal::new(None),
            recipes: RwSignal::new(recipes),
            aliases: RwSignal::new(aliases),
            set_aside: RwSignal::new(aside),
            job: StoredValue::new_local(None),
            cancelled: StoredValue::new(false),
            files: StoredValue::new_local(HashMap::new()),
            persisting: StoredValue::new(0),
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

    /// Writes `json` under `key`, unless damaged data found there waits for the
    /// user's choice (then nothing is written over it).
    fn write(self, key: &str, json: &str) -> Result<(), String> {
        if !self.may_write(key) {
            return Err(stored::HELD_REASON.to_string());
        }
        browser::save(key, json)
    }

    fn may_write(self, key: &str) -> bool {
        self.set_aside.with_untracked(|list| may_write(key, list))
    }

    /// Stores a choice; if the browser will not keep it, it still applies now and
    /// the user is told it will not survive a reload.
    fn keep<T: serde::Serialize>(self, key: &str, value: &T) {
        let result = serde_json::to_string(value)
            .map_err(|e| e.to_string())
            .and_then(|json| self.write(key, &json));
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
        if let Err(reason) = self.write(RECIPES_KEY, &json) {
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
            let (original, blob) = match kept {
                Some(kept) => kept,
                None if file == sample_file_name(super::SAMPLE_PATH) => {
                    match browser::fetch_bytes(super::SAMPLE_PATH)
                        .await
                        .ok()
                        .and_then(|b| browser::blob_of(&b))
                    {
                        Some(blob) => (file.clone(), blob),
                        None => return,
                    }
                }
                None => return,
            };
            // The same content again: it replaces its earlier reading.
            match self.import_one(&original, &blob, |_, _| {}).await {
                Some(Ok((shown, summary))) => {
                    self.files
                        .update_value(|f| drop(f.insert(shown.clone(), (original, blob))));
                    self.log(&shown, Ok(summary));
                }
                Some(Err(sentence)) => self.log(&file, Err(sentence)),
                None => self.log(
                    &file,
                    Err(format!(
                        "Import of “{file}” cancelled; nothing was changed."
                    )),
                ),
            }
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
        self.persist_dataset(true);
        let json = serde_json::to_string(&all).unwrap_or_default();
        self.write(AREAS_KEY, &json).map_err(|reason| {
            format!("The area name applies now but could not be kept for next time: {reason}.")
        })
    }

    /// Adds an import's data; returns the name its figures now carry and what
    /// it brought, and whether it replaced an earlier copy or sits beside
    /// another file of the same name.
    async fn merge(self, mut imported: Dataset, from_user: bool) -> (String, String) {
        imported.apply_area_aliases(&self.aliases.get_untracked());
        // The sample's own file read again (a mapping saved on it) stays the sample.
        let sample_again = imported.file_names() == [sample_file_name(super::SAMPLE_PATH)]
            && self
                .dataset
                .with_untracked(|d| d.origin == DataOrigin::Sample);
        let origin = if from_user && !sample_again {
            DataOrigin::User
        } else {
            DataOrigin::Sample
        };
        imported.origin = origin;
        let replaces_sample = origin == DataOrigin::User
            && self
                .dataset
                .with_untracked(|d| d.origin == DataOrigin::Sample && !d.tables.is_empty());
        let doubtful = imported
            .tables
            .iter()
            .filter(|t| !t.reading.trusted())
            .count();
        let summary = format!("{} imported.", imported.summary());
        let to_map = imported
            .skipped_sheets
            .iter()
            .filter(|s| s.preview.is_some())
            .count();
        let summary = match to_map {
            0 => summary,
            1 => format!("{summary} 1 sheet holds figures but no table was found on it: map it by hand under “Sheets without a table”."),
            n => format!("{summary} {n} sheets hold figures but no table was found on them: map them by hand under “Sheets without a table”."),
        };
        // The data loaded so far are copied a slice at a time (the copy is
        // made again should they change meanwhile), and the replaced data freed so.
        let base = loop {
            let current = self.dataset.get_untracked();
            if current.origin != imported.origin {
                break Dataset::default();
            }
            let copy = copied(&current).await;
            if self.dataset.with_untracked(|d| Arc::ptr_eq(d, &current)) {
                break copy;
            }
        };
        let (merged, outcome) = base.into_import(imported);
        let replaced = self.dataset.get_untracked();
        self.dataset.set(Arc::new(merged));
        release_later(replaced);
        for replaced in &outcome {
            if let Merged::Replaced { name, earlier } = replaced {
                if name != earlier {
                    self.files.update_value(|f| drop(f.remove(earlier)));
                }
            }
        }
        self.persist_dataset(from_user);
        let name = outcome
            .first()
            .map(|m| m.name().to_string())
            .unwrap_or_default();
        let said: Vec<String> = outcome
            .iter()
            .map(Merged::sentence)
            .filter(|s| !s.is_empty())
            .collect();
        let summary = if said.is_empty() {
            summary
        } else {
            format!("{summary} {}", said.join(" "))
        };
        // Said in the log beneath the file's own line, which the caller adds on top.
        if replaces_sample {
            self.log(
                "Built-in sample",
                Ok("set aside, so the assessment uses only your data (it can be brought back from the Data view).".to_string()),
            );
        }
        if doubtful > 0 {
            self.log(
                &name,
                Ok(format!(
                    "{} {} checking before {} used in the assessment: see “Check how this was read” in the Data view.",
                    if doubtful == 1 { "one table".to_string() } else { format!("{} tables", format::count(doubtful as f64)) },
                    if doubtful == 1 { "needs" } else { "need" },
                    if doubtful == 1 { "it is" } else { "they are" },
                )),
            );
        }
        (name, summary)
    }

    /// The user's saved mappings as a JSON file, for `cspw --recipes` or another browser.
    pub fn export_recipes(self) -> Result<(), String> {
        let json = self
            .recipes
            .with_untracked(serde_json::to_string_pretty)
            .map_err(|e| e.to_string())?;
        browser::download_text("csp-workbench-mappings.json", "application/json", &json)
    }

    /// Forgets one imported file and the figures it brought.
    pub fn remove_file(self, name: &str) {
        let mut removed = false;
        self.dataset.update(|d| {
            let mut rest = Dataset::clone(d);
            removed = rest.remove_file(name);
            *d = Arc::new(rest);
        });
        self.files.update_value(|f| drop(f.remove(name)));
        if removed {
            self.persist_dataset(true);
            self.log(
                name,
                Ok("Removed, with its figures. Import it again to bring them back.".to_string()),
            );
        }
    }

    /// The user's choice for damaged data left in place: remove it, and keep
    /// what is on screen now in its place.
    pub fn start_afresh(self, key: &str) {
        let Some(entry) = self
            .set_aside
            .with_untracked(|list| list.iter().find(|s| s.key == key).cloned())
        else {
            return;
        };
        self.set_aside.update(|list| list.retain(|s| s.key != key));
        match entry.place {
            Place::Database => leptos::task::spawn_local(async move {
                let _ = browser::idb_delete(&entry.key).await;
                self.persist_dataset(true);
            }),
            Place::LocalStorage => {
                browser::remove(key);
                match key {
                    OPTIONS_KEY => self.keep(OPTIONS_KEY, &self.options.get_untracked()),
                    TARGETS_KEY => self.keep(TARGETS_KEY, &self.targets.get_untracked()),
                    PRIORITIES_KEY => self.keep(PRIORITIES_KEY, &self.priorities.get_untracked()),
                    RECIPES_KEY => self.keep(RECIPES_KEY, &self.recipes.get_untracked()),
                    AREAS_KEY => self.keep(AREAS_KEY, &self.aliases.get_untracked()),
                    // A draft or the list of drafts: the plan saves its own on the next change.
                    _ => {}
                }
            }
        }
    }

    /// Hides the notice for damaged data whose copy is safe (the copy stays).
    pub fn dismiss_set_aside(self, key: &str) {
        self.set_aside
            .update(|list| list.retain(|s| s.key != key || s.holds_its_key()));
    }

    /// Offers damaged data, from wherever it now is, as a file.
    pub fn download_set_aside(self, entry: SetAside) {
        let name = entry.download_name();
        match entry.place {
            Place::LocalStorage => {
                let result = browser::load(entry.content_key())
                    .ok_or_else(|| "it is no longer stored".to_string())
                    .and_then(|raw| browser::download_text(&name, "text/plain", &raw));
                if let Err(reason) = result {
                    self.warning
                        .set(Some(format!("{name} could not be downloaded: {reason}.")));
                }
            }
            Place::Database => leptos::task::spawn_local(async move {
                let result = match browser::idb_get(entry.content_key()).await {
                    Ok(Some(raw)) => browser::download_text(&name, "text/plain", &raw),
                    Ok(None) => Err("it is no longer stored".to_string()),
                    Err(reason) => Err(reason),
                };
                if let Err(reason) = result {
                    self.warning
                        .set(Some(format!("{name} could not be downloaded: {reason}.")));
                }
            }),
        }
    }

    /// Keeps the tidy data (not the files) for the next visit — unless damaged
    /// data found there waits for the user's choice; then the user is told,
    /// when the change is theirs, that it will not survive a reload.
    fn persist_dataset(self, from_user: bool) {
        if !self.may_write(DATASET_KEY) {
            if from_user {
                self.warning.set(Some(format!(
                    "The imported data applies now but could not be kept for next time: {}.",
                    stored::HELD_REASON
                )));
            }
            return;
        }
        let data = self.dataset.get_untracked();
        self.persisting.update_value(|g| *g += 1);
        let this = self.persisting.get_value();
        leptos::task::spawn_local(async move {
            // Written a slice of figures at a time with the page handling input
            // between slices; a newer change's write supersedes this one.
            let json = async {
                browser::yield_to_page().await;
                let mut writer = JsonWriter::new(&data, FIGURES_PER_SLICE)?;
                loop {
                    browser::yield_to_page().await;
                    if self.persisting.get_value() != this {
                        return Ok(None);
                    }
                    let slice_start = browser::elapsed_ms();
                    let mut done = false;
                    while !done && browser::elapsed_ms() - slice_start < SLICE_MS {
                        done = writer.step()?;
                    }
                    if done {
                        return writer.finish().map(Some);
                    }
                }
            };
            let started = browser::elapsed_ms();
            let result = match json.await {
                Ok(Some(json)) => {
                    let kept = browser::idb_put_as_blob(DATASET_KEY, &json).await;
                    if kept.is_ok() {
                        browser::measure_since("cspw:kept", started);
                    }
                    kept
                }
                Ok(None) => Ok(()),
                Err(e) => Err(e),
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
            let started = browser::elapsed_ms();
            let stored = match browser::idb_get_bytes(DATASET_KEY).await {
                Ok(Some(bytes)) => read_kept(&bytes).await,
                Ok(None) => Stored::Absent,
                // The database itself could not be used: nothing is there to lose.
                Err(_) => Stored::Absent,
            };
            let kept = match stored {
                Stored::Readable(data) if !data.observations.is_empty() => Some(data),
                Stored::Damaged { raw, reason } => {
                    // Never silently replaced by the sample: copied aside first,
                    // or left where it is and not written over.
                    let number = self.set_aside.with_untracked(Vec::len) + 1;
                    let backup = backup_key(browser::now_ms(), number);
                    let kept = browser::idb_set_aside(DATASET_KEY, &raw, &backup).await;
                    self.set_aside.update(|list| {
                        list.push(SetAside {
                            key: DATASET_KEY.to_string(),
                            place: Place::Database,
                            what: "The imported data kept in this browser".to_string(),
                            instead: "the built-in sample".to_string(),
                            reason,
                            kept,
                        })
                    });
                    None
                }
                _ => None,
            };
            match kept {
                Some(mut data) => {
                    // Kept before the origin was recorded: only the sample's file means the sample.
                    let sample = sample_file_name(path);
                    if data.file_names() == [sample.clone()] {
                        data.origin = DataOrigin::Sample;
                    }
                    let files =
                        crate::core::sorting::set_of(data.tables.iter().map(|t| t.file.as_str()));
                    let said = format!(
                        "Restored the data kept in this browser from your last visit: {}, from {}.",
                        data.summary(),
                        format::count_of(files.len(), "file", "files"),
                    );
                    self.dataset.set(Arc::new(data));
                    self.log("Your data", Ok(said));
                    self.status.set(LoadStatus::Ready);
                    browser::measure_since("cspw:restore", started);
                }
                None => self.load_sample(path),
            }
        });
    }

    /// Forgets every imported file and starts again from the built-in sample.
    pub fn start_again(self, path: &'static str) {
        self.dataset.set(Arc::new(Dataset::default()));
        self.files.update_value(HashMap::clear);
        let free = self.may_write(DATASET_KEY);
        leptos::task::spawn_local(async move {
            // Damaged data waiting for the user's choice is not theirs to lose here.
            if free {
                let _ = browser::idb_delete(DATASET_KEY).await;
            }
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
            let read = match browser::fetch_text(&sample_data_path(path)).await {
                Ok(json) => serde_json::from_str::<Dataset>(&json)
                    .map_err(|e| format!("The sample could not be read ({e}).")),
                Err(reason) => Err(format!("The sample could not be loaded: {reason}.")),
            };
            let outcome = match read {
                Ok(data) => Ok(self.merge(data, false).await),
                Err(sentence) => Err(sentence),
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
        self.import_items(files.into_iter().map(browser::Dropped::File).collect());
    }

    /// Imports files and folders (a police.uk download unzipped) one after another.
    pub fn import_items(self, items: Vec<browser::Dropped>) {
        if items.is_empty() || self.progress.with_untracked(Option::is_some) {
            return;
        }
        self.cancelled.set_value(false);
        let items = browser::joined_stats19(items);
        leptos::task::spawn_local(async move {
            let of = items.len();
            for (i, item) in items.into_iter().enumerate() {
                if self.cancelled.get_value() {
                    break;
                }
                let name = match &item {
                    browser::Dropped::File(file) => file.name(),
                    browser::Dropped::Folder(folder) => folder.name.clone(),
                };
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
                let result = match &item {
                    browser::Dropped::File(file) => {
                        let blob = browser::handle_of(file);
                        let result = self.import_one(&name, &blob, show).await;
                        if let Some(Ok((shown, _))) = &result {
                            self.files.update_value(|f| {
                                drop(f.insert(shown.clone(), (name.clone(), blob.clone())))
                            });
                        }
                        result
                    }
                    browser::Dropped::Folder(folder) => self.import_folder(folder, show).await,
                };
                match result {
                    Some(Ok((shown, summary))) => self.log(&shown, Ok(summary)),
                    Some(Err(sentence)) => self.log(&name, Err(sentence)),
                    None => self.log(
                        &name,
                        Err(format!(
                            "Import of “{name}” cancelled; nothing was changed."
                        )),
                    ),
                }
                browser::measure_since("cspw:import", started);
            }
            self.progress.set(None);
        });
    }

    /// A dropped or picked folder imported as one download; `None` when cancelled.
    async fn import_folder(
        self,
        folder: &browser::DroppedFolder,
        show: impl Fn(String, f64) + 'static,
    ) -> Option<Result<(String, String), String>> {
        let Some(job) = ImportJob::start_folder(folder, show) else {
            return Some(Err(format!(
                "“{}” could not be imported: this browser would not start the import worker (are Web Workers switched off?).",
                folder.name
            )));
        };
        self.await_job(job).await
    }

    /// The name the figures carry and what was imported, or why not; `None`
    /// when the user cancelled.
    async fn import_one(
        self,
        name: &str,
        file: &browser::FileHandle,
        show: impl Fn(String, f64) + 'static,
    ) -> Option<Result<(String, String), String>> {
        let recipes = self.recipes.get_untracked();
        let Some(job) = ImportJob::start(name, file, &recipes, show) else {
            return Some(Err(format!(
                "“{name}” could not be imported: this browser would not start the import worker (are Web Workers switched off?)."
            )));
        };
        self.await_job(job).await
    }

    async fn await_job(self, job: ImportJob) -> Option<Result<(String, String), String>> {
        let job = Rc::new(job);
        self.job.set_value(Some(job.clone()));
        let outcome = job.outcome().await;
        self.job.set_value(None);
        match outcome {
            JobOutcome::Imported(dataset) => Some(Ok(self.merge(*dataset, true).await)),
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

/// Figures copied or freed between looks at the clock.
const FIGURES_A_STEP: usize = 2_000;

/// A copy of `data` made a slice of figures at a time, the page answering
/// between slices: one copy of hundreds of thousands of figures is a long task.
async fn copied(data: &Dataset) -> Dataset {
    let mut copy = data.without_figures();
    copy.observations.reserve(data.observations.len());
    loop {
        let slice_start = browser::elapsed_ms();
        while browser::elapsed_ms() - slice_start < SLICE_MS {
            if copy.copy_step(data, FIGURES_A_STEP) {
                return copy;
            }
        }
        browser::yield_to_page().await;
    }
}

/// Lets go of replaced data: once nothing else holds them (the views and the
/// assessment drawn from them let go as they redraw), their figures are freed
/// a slice at a time, not in one long task of whatever drops them last.
fn release_later(data: Arc<Dataset>) {
    if data.observations.len() < FIGURES_A_STEP {
        return;
    }
    leptos::task::spawn_local(async move {
        let mut held = data;
        // Others let go within a few recomputes; after a minute, no longer waited for.
        for _ in 0..600 {
            match Arc::try_unwrap(held) {
                Ok(mut owned) => loop {
                    browser::yield_to_page().await;
                    let slice_start = browser::elapsed_ms();
                    while browser::elapsed_ms() - slice_start < SLICE_MS {
                        if owned.release_step(FIGURES_A_STEP) {
                            return;
                        }
                    }
                },
                Err(shared) => held = shared,
            }
            browser::sleep_ms(100).await;
        }
    });
}

/// The data kept in the browser read back a slice of figures at a time, with
/// the page answering between slices (`dataset::JsonReader`). What cannot be
/// read is read again whole by serde, for its own words on why.
async fn read_kept(bytes: &[u8]) -> Stored<Dataset> {
    let mut reader = JsonReader::new(bytes);
    let read = loop {
        let slice_start = browser::elapsed_ms();
        let mut done = Ok(false);
        while matches!(done, Ok(false)) && browser::elapsed_ms() - slice_start < SLICE_MS {
            done = reader.step(FIGURES_PER_SLICE);
        }
        match done {
            Ok(true) => break reader.finish(),
            Ok(false) => browser::yield_to_page().await,
            Err(e) => break Err(e),
        }
    };
    match read {
        Ok(data) => Stored::Readable(data),
        Err(_) => Stored::parse_json(Some(String::from_utf8_lossy(bytes).into_owned())),
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

/// How long one slice of a recomputation may run before the page gets a turn:
/// well under the 50 ms at which a task starts to be felt.
const SLICE_MS: f64 = 30.0;

/// Figures of the reference worked out per unit of its step: a few
/// milliseconds of work between looks at the clock.
const REFERENCE_UNITS: usize = 2_000;

/// Works out what the built-in reference adds to the data (`Analysed`)
/// whenever the data or the geography change, a slice at a time with the page
/// handling input between slices (the figures marked as updating meanwhile);
/// a newer change abandons the work under way. When the populations arrive
/// later, only the denominators are added: the figures are not read again.
fn analyse_on_change(
    dataset: RwSignal<Arc<Dataset>>,
    geography_version: RwSignal<u32>,
    population: RwSignal<Option<Arc<Population>>>,
    population_wanted: RwSignal<bool>,
    analysed: RwSignal<Arc<Analysed>>,
    assessing: RwSignal<Option<assessment::Progress>>,
) {
    // The reference worked out last, with the data it was worked out for.
    let latest = StoredValue::new(None::<(Arc<Dataset>, Arc<Reference>)>);
    let generation = StoredValue::new(0u64);
    // Sets the analysed data unless it is the same as on show (a needless recompute).
    let show = move |made: Analysed| {
        if analysed.with_untracked(|a| **a != made) {
            analysed.set(Arc::new(made));
        }
    };
    Effect::new(move |_| {
        let data = dataset.get();
        // The sample carries the part of the geography it needs.
        if let Some(slice) = &data.geography {
            let _ = geography::install_slice(slice);
        }
        geography_version.track();
        generation.update_value(|g| *g += 1);
        let this = generation.get_value();
        let current = move || generation.get_value() == this;
        assessing.set(Some(assessment::Progress::Reference { done: 0, of: 1 }));
        leptos::task::spawn_local(async move {
            // Started in a task of its own, not in the one that changed the data.
            browser::yield_to_page().await;
            if !current() {
                return;
            }
            let geo = geography::national();
            let mut builder = ReferenceBuilder::new(&data, geo);
            let mut slice_start = browser::elapsed_ms();
            while !builder.step(REFERENCE_UNITS) {
                if browser::elapsed_ms() - slice_start < SLICE_MS {
                    continue;
                }
                let (done, of) = builder.progress();
                assessing.set(Some(assessment::Progress::Reference { done, of }));
                browser::yield_to_page().await;
                if !current() {
                    return;
                }
                slice_start = browser::elapsed_ms();
            }
            let reference = Arc::new(builder.finish());
            if reference.needs_population(geo) {
                population_wanted.set(true);
            }
            latest.set_value(Some((Arc::clone(&data), Arc::clone(&reference))));
            let made =
                population.with_untracked(|p| Analysed::new(data, reference, geo, p.as_deref()));
            if analysed.with_untracked(|a| **a == made) {
                // Nothing changed, so no recompute follows to clear the line.
                assessing.set(None);
            } else {
                show(made);
            }
        });
    });
    // The populations arrived: the denominators are added to the reference
    // already worked out for the data on show.
    Effect::new(move |_| {
        let p = population.get();
        let Some((data, reference)) = latest.get_value() else {
            return;
        };
        if !dataset.with_untracked(|d| Arc::ptr_eq(d, &data)) {
            // Newer data: its reference, under way, reads the populations when done.
            return;
        }
        show(Analysed::new(
            data,
            reference,
            geography::national(),
            p.as_deref(),
        ));
    });
}

/// Recomputes the assessment whenever the data or a choice changes, a slice of
/// measures at a time with the page handling input between slices. A newer
/// change abandons the recomputation under way; the last complete assessment
/// stays on show until the new one is ready.
fn recompute_on_change(
    dataset: RwSignal<Arc<Analysed>>,
    options: RwSignal<Options>,
    targets: RwSignal<Vec<Target>>,
    priorities: RwSignal<PrioritySettings>,
    imd: RwSignal<Option<Arc<ImdDeciles>>>,
    assessment: RwSignal<Option<Arc<Assessment>>>,
    assessing: RwSignal<Option<assessment::Progress>>,
) {
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let data = dataset.get();
        let options = options.get();
        let targets = targets.get();
        let priorities = priorities.get();
        let imd = imd.get();
        generation.update_value(|g| *g += 1);
        let this = generation.get_value();
        let current = move || generation.get_value() == this;
        // Said at once, in the task of the change: until the new figures are
        // drawn, those on show are the previous choice's.
        assessing.set(Some(assessment::Progress::Indexing {
            done: 0,
            of: data.figures().len(),
        }));
        leptos::task::spawn_local(async move {
            let started = browser::elapsed_ms();
            // Started in a task of its own, not in the one that changed the data.
            browser::yield_to_page().await;
            if !current() {
                return;
            }
            let mut assessor = assessment::Assessor::new(data.figures(), &options, &priorities)
                .with_targets(&targets)
                .with_imd(imd.as_deref());
            let mut slice_start = browser::elapsed_ms();
            while !assessor.step(10) {
                if browser::elapsed_ms() - slice_start < SLICE_MS {
                    continue;
                }
                assessing.set(Some(assessor.progress()));
                browser::yield_to_page().await;
                if !current() {
                    return;
                }
                slice_start = browser::elapsed_ms();
            }
            let (finished, worked_from) = assessor.finish_apart();
            if current() {
                assessing.set(None);
                let replaced = assessment.get_untracked();
                assessment.set(finished.map(Arc::new));
                browser::measure_since("cspw:assess", started);
                // Freed a slice at a time once nothing else holds it: all at once
                // it is a long task when it has thousands of measures. The views
                // drawn from it let it go as they redraw, so that comes first.
                browser::yield_to_page().await;
                // The index of every figure is freed in a task of its own too.
                drop(worked_from);
                browser::yield_to_page().await;
                if let Some(mut old) = last_holder_of(replaced).await {
                    while !old.release(200) {
                        browser::yield_to_page().await;
                    }
                }
            }
        });
    });
}

/// The replaced assessment, once every view drawn from it has let it go: they
/// redraw a few parts a task (`turns`), and whichever holds it last would free
/// it whole, one long task with thousands of measures (110 ms at 10,000). `None`
/// when a view still holds it after five seconds (it is freed with that view).
async fn last_holder_of(replaced: Option<Arc<Assessment>>) -> Option<Assessment> {
    let mut shared = replaced?;
    for _ in 0..100 {
        match Arc::try_unwrap(shared) {
            Ok(owned) => return Some(owned),
            Err(still) => shared = still,
        }
        browser::sleep_ms(50).await;
    }
    Arc::try_unwrap(shared).ok()
}

impl Default for AppState {
    fn default() -> Self {
        AppState::new()
    }
}
