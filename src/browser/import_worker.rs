//! Importing in a Web Worker. The page posts a file's bytes; the worker posts
//! back progress, then the imported data as JSON or the sentence saying why
//! not. Cancelling ends the worker outright, so nothing half-done can arrive.

use crate::core::dataset::Dataset;
use crate::core::ingest::{import_file_with_progress, Recipe};
use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The worker's script, written by Trunk for the `import-worker` binary.
const WORKER_SCRIPT: &str = "import-worker_loader.js";

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

/// Worker side: answers each posted file with progress and a result.
pub fn serve_imports() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let data = event.data();
            let name = field(&data, "name").as_string().unwrap_or_default();
            let bytes = Uint8Array::new(&field(&data, "bytes")).to_vec();
            let recipes: Vec<Recipe> = field(&data, "recipes")
                .as_string()
                .and_then(|json| serde_json::from_str(&json).ok())
                .unwrap_or_default();
            let post = |m: Object| {
                let _ = reply_scope.post_message(&m);
            };
            let result = import_file_with_progress(&name, &bytes, &recipes, &mut |p| {
                post(message(&[
                    ("kind", "progress".into()),
                    ("step", p.step.into()),
                    ("fraction", p.fraction.into()),
                ]))
            });
            match result.map(|d| serde_json::to_string(&d)) {
                Ok(Ok(json)) => post(message(&[("kind", "done".into()), ("json", json.into())])),
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
    // Messages sent before the handler existed would be lost: say when to send.
    let _ = scope.post_message(&message(&[("kind", "ready".into())]));
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
    /// Starts a worker on the file; `None` where workers are unavailable (then import in place).
    pub fn start(
        file_name: &str,
        bytes: &[u8],
        recipes: &[Recipe],
        on_progress: impl Fn(String, f64) + 'static,
    ) -> Option<ImportJob> {
        let worker = web_sys::Worker::new(WORKER_SCRIPT).ok()?;
        let mut finish_slot = None;
        let promise = Promise::new(&mut |resolve, _reject| finish_slot = Some(resolve));
        let finish = finish_slot?;

        let array = Uint8Array::from(bytes);
        let buffer = array.buffer();
        let recipes = serde_json::to_string(recipes).unwrap_or_else(|_| "[]".to_string());
        let request = message(&[
            ("name", file_name.into()),
            ("bytes", buffer.clone().into()),
            ("recipes", recipes.into()),
        ]);
        let finish_on_message = finish.clone();
        let requester = worker.clone();
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                let data = event.data();
                match field(&data, "kind").as_string().as_deref() {
                    // The bytes move to the worker rather than being copied.
                    Some("ready") => {
                        if requester
                            .post_message_with_transfer(&request, &Array::of1(&buffer))
                            .is_err()
                        {
                            let sentence = "The file could not be handed to the import worker.";
                            let _ = finish_on_message.call1(
                                &JsValue::NULL,
                                &message(&[
                                    ("kind", "error".into()),
                                    ("sentence", sentence.into()),
                                ]),
                            );
                        }
                    }
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
        outcome
    }
}
