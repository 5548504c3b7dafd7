//! Importing in a Web Worker. The page hands over the file itself (a `Blob`,
//! so the page never copies its bytes); the worker reads it, posts back
//! progress, then the imported data as JSON or the sentence saying why not.
//! Cancelling ends the worker outright, so nothing half-done can arrive. A
//! worker is started ahead of each import and used once, so an import never
//! waits for one to start, and the memory a large file took is given back.

use crate::core::dataset::{into_sliced_json, Dataset, SlicedReader, FIGURES_PER_SLICE};
use crate::core::ingest::policeuk::{self, Archive, LsoaDistricts, LSOA_ASSET_PATH};
use crate::core::ingest::{
    counted_without_lsoa, import_file_with, needs_lsoa_lookup, ImportError, Progress, Recipe,
};
use js_sys::{ArrayBuffer, Function, Object, Promise, Uint8Array};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The worker's script, written by Trunk for the `import-worker` binary.
const WORKER_SCRIPT: &str = "import-worker_loader.js";

/// How long the worker waits after its warm-up before it says it is ready.
const SETTLE_MS: i32 = 250;

/// A file is read into the worker's memory in pieces of this size, so it is
/// never held twice over.
const READ_CHUNK: f64 = 16.0 * 1024.0 * 1024.0;

use super::js_object::{field, object as message};

/// The bytes of what the page sent: a `Blob` read piece by piece, or an `ArrayBuffer`.
fn bytes_of(name: &str, data: &JsValue) -> Result<Vec<u8>, String> {
    let cannot = |e: JsValue| {
        let detail = e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| "the browser refused".to_string());
        format!("“{name}” could not be read ({detail}).")
    };
    let file = field(data, "file");
    if let Some(blob) = file.dyn_ref::<web_sys::Blob>() {
        return read_blob(blob).map_err(cannot);
    }
    let buffer = field(data, "bytes");
    if buffer.is_instance_of::<ArrayBuffer>() {
        return Ok(Uint8Array::new(&buffer).to_vec());
    }
    Err(format!("“{name}” did not reach the import worker."))
}

/// A `Blob`'s bytes, read in pieces so they are never held twice over.
fn read_blob(blob: &web_sys::Blob) -> Result<Vec<u8>, JsValue> {
    let reader = web_sys::FileReaderSync::new()?;
    let size = blob.size();
    let mut bytes = Vec::with_capacity(size as usize);
    let mut at = 0.0;
    while at < size {
        let end = (at + READ_CHUNK).min(size);
        let piece = blob.slice_with_f64_and_f64(at, end)?;
        let buffer = reader.read_as_array_buffer(&piece)?;
        let piece = Uint8Array::new(&buffer);
        let from = bytes.len();
        bytes.resize(from + piece.length() as usize, 0);
        piece.copy_to(&mut bytes[from..]);
        at = end;
    }
    Ok(bytes)
}

/// A dropped folder's files as the worker was handed them, read one at a time.
struct BlobFolder {
    paths: Vec<String>,
    files: js_sys::Array,
}

impl Archive for BlobFolder {
    fn paths(&self) -> Vec<String> {
        self.paths.clone()
    }
    fn read(&mut self, index: usize) -> Result<Vec<u8>, String> {
        let file = self.files.get(index as u32);
        let blob = file
            .dyn_ref::<web_sys::Blob>()
            .ok_or_else(|| "did not reach the import worker".to_string())?;
        read_blob(blob).map_err(|e| {
            let detail = e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| "the browser refused".to_string());
            format!("could not be read ({detail})")
        })
    }
}

/// The folder the page sent, if it sent one rather than a file.
fn folder_of(data: &JsValue) -> Option<BlobFolder> {
    let files: js_sys::Array = field(data, "files").dyn_into().ok()?;
    let paths: js_sys::Array = field(data, "paths").dyn_into().ok()?;
    let paths: Vec<String> = paths.iter().filter_map(|p| p.as_string()).collect();
    (paths.len() == files.length() as usize).then_some(BlobFolder { paths, files })
}

/// The LSOA → district lookup, fetched from the app's own files when a file
/// needs it (never on the first visit); a sentence saying why not otherwise.
async fn fetch_lsoa_lookup() -> Result<Arc<LsoaDistricts>, String> {
    let scope: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
    let response = JsFuture::from(scope.fetch_with_str(LSOA_ASSET_PATH))
        .await
        .map_err(|_| "it could not be fetched".to_string())?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| "fetching it gave no response".to_string())?;
    if !response.ok() {
        return Err(format!("the server answered {}", response.status()));
    }
    let text = JsFuture::from(
        response
            .text()
            .map_err(|_| "it could not be read".to_string())?,
    )
    .await
    .ok()
    .and_then(|t| t.as_string())
    .ok_or_else(|| "it could not be read".to_string())?;
    LsoaDistricts::parse(&text).map(Arc::new)
}

/// The worker's WebAssembly memory in bytes: the most it ever held, as it never shrinks.
fn memory_bytes() -> f64 {
    let buffer = field(&wasm_bindgen::memory(), "buffer");
    buffer
        .dyn_ref::<ArrayBuffer>()
        .map(|b| f64::from(b.byte_length()))
        .unwrap_or(0.0)
}

/// Imports what the page posted (a file, or a dropped folder's files) and
/// posts back progress and the result.
async fn import_one(scope: web_sys::DedicatedWorkerGlobalScope, data: JsValue) {
    let started = super::elapsed_ms();
    let name = field(&data, "name").as_string().unwrap_or_default();
    let recipes: Vec<Recipe> = field(&data, "recipes")
        .as_string()
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default();
    let post = |m: Object| {
        let _ = scope.post_message(&m);
    };
    let mut progress = |p: Progress| {
        post(message(&[
            ("kind", "progress".into()),
            ("step", p.step.into()),
            ("fraction", p.fraction.into()),
        ]))
    };
    let result: Result<Dataset, ImportError> = if let Some(mut folder) = folder_of(&data) {
        progress(Progress {
            step: "Fetching the LSOA → district lookup".to_string(),
            fraction: 0.0,
        });
        let lsoa = fetch_lsoa_lookup().await.ok();
        policeuk::import_archive(&name, &mut folder, lsoa, &mut progress)
    } else {
        let bytes = match bytes_of(&name, &data) {
            Ok(bytes) => bytes,
            Err(sentence) => {
                post(message(&[
                    ("kind", "error".into()),
                    ("sentence", sentence.into()),
                ]));
                return;
            }
        };
        let lsoa = if needs_lsoa_lookup(&name, &bytes) {
            progress(Progress {
                step: "Fetching the LSOA → district lookup".to_string(),
                fraction: 0.0,
            });
            // Without it street crime is still counted by force, and the table says why.
            fetch_lsoa_lookup().await.ok()
        } else {
            None
        };
        let fetched = lsoa.is_some();
        let result = import_file_with(&name, &bytes, &recipes, lsoa, &mut progress);
        // A workbook whose sheet is a street file: counted again, by district too.
        let result = match result {
            Ok(dataset) if !fetched && counted_without_lsoa(&dataset) => {
                match fetch_lsoa_lookup().await {
                    Ok(lsoa) => {
                        import_file_with(&name, &bytes, &recipes, Some(lsoa), &mut progress)
                    }
                    Err(_) => Ok(dataset),
                }
            }
            other => other,
        };
        drop(bytes);
        result
    };
    // The figures in slices, so the page reads them a slice at a time; each
    // slice's figures freed once written.
    match result.map(|d| into_sliced_json(d, FIGURES_PER_SLICE)) {
        Ok(Ok(sliced)) => {
            // A message per slice, then the rest: the page's copy of a message
            // is made when it reads it, so one message holding every slice
            // was one task of 180-220 ms for 300,000 figures; a slice each is
            // a short task each, the page answering between them.
            for figures in sliced.figures {
                post(message(&[
                    ("kind", "figures".into()),
                    ("json", figures.into()),
                ]));
            }
            post(message(&[
                ("kind", "done".into()),
                ("json", sliced.rest.into()),
                ("importMs", (super::elapsed_ms() - started).into()),
                ("memoryBytes", memory_bytes().into()),
            ]))
        }
        Ok(Err(e)) => post(message(&[
            ("kind", "error".into()),
            (
                "sentence",
                format!("“{name}” was read but could not be passed back ({e}).").into(),
            ),
        ])),
        Err(e) => post(message(&[
            ("kind", "error".into()),
            ("sentence", e.to_string().into()),
            // What reading it took before it was refused (`make bench`, section M).
            ("memoryBytes", memory_bytes().into()),
        ])),
    }
}

/// The worker's data read on the page a slice of figures at a time, the page
/// handling input between slices (hundreds of thousands of figures read in
/// one go freeze it for seconds).
async fn read_back(data: &JsValue) -> Result<Dataset, String> {
    let rest = field(data, "json").as_string().unwrap_or_default();
    // Each slice is copied out of JavaScript only when its turn comes.
    let slices = field(data, "figures")
        .dyn_into::<js_sys::Array>()
        .unwrap_or_default();
    let mut reader = SlicedReader::new(&rest)?;
    drop(rest);
    reader.reserve((slices.length() as usize).saturating_mul(FIGURES_PER_SLICE));
    let mut slice_start = super::elapsed_ms();
    for slice in slices.iter() {
        if super::elapsed_ms() - slice_start > SLICE_MS {
            super::yield_to_page().await;
            slice_start = super::elapsed_ms();
        }
        reader.add(&slice.as_string().unwrap_or_default())?;
    }
    Ok(reader.finish())
}

/// How long the page reads figures before it yields: well under the 50 ms at
/// which a task starts to be felt.
const SLICE_MS: f64 = 20.0;

/// Worker side: answers each posted file with progress and a result.
pub fn serve_imports() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let scope = reply_scope.clone();
            wasm_bindgen_futures::spawn_local(import_one(scope, event.data()));
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    crate::core::ingest::warm_up();
    // Messages sent before the handler existed would be lost: say when to send.
    // The engine optimises the code the warm-up ran on other threads; giving it a
    // moment first means the user's file is read at full speed from its first row.
    let ready_scope = scope.clone();
    let say_ready = Closure::once_into_js(move || {
        let _ = ready_scope.post_message(&message(&[("kind", "ready".into())]));
    });
    if scope
        .set_timeout_with_callback_and_timeout_and_arguments_0(say_ready.unchecked_ref(), SETTLE_MS)
        .is_err()
    {
        let _ = scope.post_message(&message(&[("kind", "ready".into())]));
    }
}

/// A worker started before it is needed, whether it has said it is ready, and
/// whether it failed to start (its error would otherwise go unheard).
struct Spare {
    worker: web_sys::Worker,
    ready: Rc<Cell<bool>>,
    failed: Rc<Cell<bool>>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::ErrorEvent)>,
}

thread_local! {
    static SPARE: RefCell<Option<Spare>> = const { RefCell::new(None) };
}

/// Starts a worker for the next import, unless one is waiting already.
pub fn prepare_import_worker() {
    SPARE.with(|spare| {
        if spare.borrow().is_some() {
            return;
        }
        let Ok(worker) = web_sys::Worker::new(WORKER_SCRIPT) else {
            return;
        };
        let ready = Rc::new(Cell::new(false));
        let said = ready.clone();
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                if field(&event.data(), "kind").as_string().as_deref() == Some("ready") {
                    said.set(true);
                }
            },
        );
        let failed = Rc::new(Cell::new(false));
        let failing = failed.clone();
        let on_error =
            Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |event: web_sys::ErrorEvent| {
                event.prevent_default();
                failing.set(true);
            });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        *spare.borrow_mut() = Some(Spare {
            worker,
            ready,
            failed,
            _on_message: on_message,
            _on_error: on_error,
        });
    });
}

/// The waiting worker, or a new one (also when the waiting one failed to
/// start, say offline before the service worker had cached it); and whether
/// it is ready for a file.
fn take_worker() -> Option<(web_sys::Worker, bool)> {
    match SPARE.with(|spare| spare.borrow_mut().take()) {
        Some(spare) if !spare.failed.get() => Some((spare.worker, spare.ready.get())),
        Some(spare) => {
            spare.worker.terminate();
            web_sys::Worker::new(WORKER_SCRIPT).ok().map(|w| (w, false))
        }
        None => web_sys::Worker::new(WORKER_SCRIPT).ok().map(|w| (w, false)),
    }
}

/// Page side: one file being imported by its own worker.
pub struct ImportJob {
    worker: web_sys::Worker,
    finish: Function,
    promise: Promise,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::ErrorEvent)>,
}

/// How an import in a worker ended.
pub enum JobOutcome {
    Imported(Box<Dataset>),
    Failed(String),
    Cancelled,
}

impl ImportJob {
    /// Starts importing `file` (a `File` or other `Blob`) in a worker; `None`
    /// where workers are unavailable.
    pub fn start(
        file_name: &str,
        file: &web_sys::Blob,
        recipes: &[Recipe],
        on_progress: impl Fn(String, f64) + 'static,
    ) -> Option<ImportJob> {
        let recipes = serde_json::to_string(recipes).unwrap_or_else(|_| "[]".to_string());
        let request = message(&[
            ("name", file_name.into()),
            ("file", file.into()),
            ("recipes", recipes.into()),
        ]);
        ImportJob::send(file_name, request, on_progress)
    }

    /// Starts importing a dropped or picked folder's files, by their paths
    /// within it, as one download.
    pub fn start_folder(
        folder: &super::DroppedFolder,
        on_progress: impl Fn(String, f64) + 'static,
    ) -> Option<ImportJob> {
        let files = js_sys::Array::new();
        let paths = js_sys::Array::new();
        for (path, file) in &folder.files {
            files.push(file);
            paths.push(&JsValue::from_str(path));
        }
        let request = message(&[
            ("name", folder.name.as_str().into()),
            ("files", files.into()),
            ("paths", paths.into()),
        ]);
        ImportJob::send(&folder.name, request, on_progress)
    }

    fn send(
        file_name: &str,
        request: Object,
        on_progress: impl Fn(String, f64) + 'static,
    ) -> Option<ImportJob> {
        let (worker, ready) = take_worker()?;
        let mut finish_slot = None;
        let promise = Promise::new(&mut |resolve, _reject| finish_slot = Some(resolve));
        let finish = finish_slot?;

        let finish_on_message = finish.clone();
        // The slices of figures, each its own message before "done".
        let figures = js_sys::Array::new();
        let requester = worker.clone();
        let send = move |request: &Object, finish: &Function| {
            if requester.post_message(request).is_err() {
                let sentence = "The file could not be handed to the import worker.";
                let _ = finish.call1(
                    &JsValue::NULL,
                    &message(&[("kind", "error".into()), ("sentence", sentence.into())]),
                );
            }
        };
        if ready {
            send(&request, &finish);
        }
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                let data = event.data();
                match field(&data, "kind").as_string().as_deref() {
                    Some("ready") => send(&request, &finish_on_message),
                    Some("progress") => {
                        let step = field(&data, "step").as_string().unwrap_or_default();
                        on_progress(step, field(&data, "fraction").as_f64().unwrap_or(0.0));
                    }
                    Some("figures") => {
                        figures.push(&field(&data, "json"));
                    }
                    Some("done") => {
                        // `read_back` reads them from the answer, a slice at a time.
                        let _ = js_sys::Reflect::set(&data, &"figures".into(), &figures);
                        let _ = finish_on_message.call1(&JsValue::NULL, &data);
                    }
                    _ => {
                        let _ = finish_on_message.call1(&JsValue::NULL, &data);
                    }
                }
            },
        );
        let finish_on_error = finish.clone();
        let name = file_name.to_string();
        let on_error =
            Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |event: web_sys::ErrorEvent| {
                event.prevent_default();
                let sentence = format!(
                    "“{name}” could not be imported: reading it stopped unexpectedly ({}).",
                    event.message()
                );
                let _ = finish_on_error.call1(
                    &JsValue::NULL,
                    &message(&[("kind", "error".into()), ("sentence", sentence.into())]),
                );
            });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));

        Some(ImportJob {
            worker,
            finish,
            promise,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Stops the worker at once; the pending outcome becomes `Cancelled`.
    pub fn cancel(&self) {
        self.worker.terminate();
        let _ = self
            .finish
            .call1(&JsValue::NULL, &message(&[("kind", "cancelled".into())]));
    }

    /// Waits for the worker's answer.
    pub async fn outcome(&self) -> JobOutcome {
        let data = JsFuture::from(self.promise.clone())
            .await
            .unwrap_or(JsValue::UNDEFINED);
        let outcome = match field(&data, "kind").as_string().as_deref() {
            Some("done") => match read_back(&data).await {
                Ok(dataset) => JobOutcome::Imported(Box::new(dataset)),
                Err(e) => {
                    JobOutcome::Failed(format!("The imported data could not be read back ({e})."))
                }
            },
            Some("cancelled") => JobOutcome::Cancelled,
            _ => JobOutcome::Failed(
                field(&data, "sentence")
                    .as_string()
                    .unwrap_or_else(|| "The import stopped without saying why.".to_string()),
            ),
        };
        self.worker.terminate();
        prepare_import_worker();
        outcome
    }
}
