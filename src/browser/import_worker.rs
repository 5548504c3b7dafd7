//! Importing in a Web Worker. The page hands over the file itself (a `Blob`,
//! so the page never copies its bytes); the worker reads it, posts back
//! progress, then the imported data as JSON or the sentence saying why not.
//! Cancelling ends the worker outright, so nothing half-done can arrive. A
//! worker is started ahead of each import and used once, so an import never
//! waits for one to start, and the memory a large file took is given back.

use crate::core::dataset::Dataset;
use crate::core::ingest::{import_file_with_progress, Recipe};
use js_sys::{ArrayBuffer, Function, Object, Promise, Reflect, Uint8Array};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
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

fn message(pairs: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object
}

fn field(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

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
        let reader = web_sys::FileReaderSync::new().map_err(cannot)?;
        let size = blob.size();
        let mut bytes = Vec::with_capacity(size as usize);
        let mut at = 0.0;
        while at < size {
            let end = (at + READ_CHUNK).min(size);
            let piece = blob.slice_with_f64_and_f64(at, end).map_err(cannot)?;
            let buffer = reader.read_as_array_buffer(&piece).map_err(cannot)?;
            let piece = Uint8Array::new(&buffer);
            let from = bytes.len();
            bytes.resize(from + piece.length() as usize, 0);
            piece.copy_to(&mut bytes[from..]);
            at = end;
        }
        return Ok(bytes);
    }
    let buffer = field(data, "bytes");
    if buffer.is_instance_of::<ArrayBuffer>() {
        return Ok(Uint8Array::new(&buffer).to_vec());
    }
    Err(format!("“{name}” did not reach the import worker."))
}

/// The worker's WebAssembly memory in bytes: the most it ever held, as it never shrinks.
fn memory_bytes() -> f64 {
    let buffer = field(&wasm_bindgen::memory(), "buffer");
    buffer
        .dyn_ref::<ArrayBuffer>()
        .map(|b| f64::from(b.byte_length()))
        .unwrap_or(0.0)
}

/// Worker side: answers each posted file with progress and a result.
pub fn serve_imports() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let data = event.data();
            let started = super::elapsed_ms();
            let name = field(&data, "name").as_string().unwrap_or_default();
            let recipes: Vec<Recipe> = field(&data, "recipes")
                .as_string()
                .and_then(|json| serde_json::from_str(&json).ok())
                .unwrap_or_default();
            let post = |m: Object| {
                let _ = reply_scope.post_message(&m);
            };
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
            let result = import_file_with_progress(&name, &bytes, &recipes, &mut |p| {
                post(message(&[
                    ("kind", "progress".into()),
                    ("step", p.step.into()),
                    ("fraction", p.fraction.into()),
                ]))
            });
            drop(bytes);
            match result.map(|d| serde_json::to_string(&d)) {
                Ok(Ok(json)) => post(message(&[
                    ("kind", "done".into()),
                    ("json", json.into()),
                    ("importMs", (super::elapsed_ms() - started).into()),
                    ("memoryBytes", memory_bytes().into()),
                ])),
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
                ])),
            }
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
        let (worker, ready) = take_worker()?;
        let mut finish_slot = None;
        let promise = Promise::new(&mut |resolve, _reject| finish_slot = Some(resolve));
        let finish = finish_slot?;

        let recipes = serde_json::to_string(recipes).unwrap_or_else(|_| "[]".to_string());
        let request = message(&[
            ("name", file_name.into()),
            ("file", file.into()),
            ("recipes", recipes.into()),
        ]);
        let finish_on_message = finish.clone();
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
            Some("done") => {
                let json = field(&data, "json").as_string().unwrap_or_default();
                match serde_json::from_str::<Dataset>(&json) {
                    Ok(dataset) => JobOutcome::Imported(Box::new(dataset)),
                    Err(e) => JobOutcome::Failed(format!(
                        "The imported data could not be read back ({e})."
                    )),
                }
            }
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
