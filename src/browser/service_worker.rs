//! Registers the service worker (`sw.js`, written after each build by
//! `tools/service-worker.mjs`) that keeps the build for offline use. A new
//! build takes over on the next visit after every page of the old one has
//! closed; see that file for why.

use super::js_object::{field, object};
use js_sys::{Object, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// `navigator.serviceWorker`, bound here as web-sys's binding needs features this crate does not enable.
    type ServiceWorkerContainer;

    #[wasm_bindgen(method, catch)]
    fn register(
        this: &ServiceWorkerContainer,
        script: &str,
        options: &Object,
    ) -> Result<Promise, JsValue>;

    #[wasm_bindgen(js_namespace = console, js_name = warn)]
    fn console_warn(message: &str);
}

/// Registers `./sw.js` for `./`; where service workers are unavailable, or the
/// registration fails, the app works as before, online only.
pub fn register() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if window.location().protocol().ok().as_deref() == Some("file:") {
        return;
    }
    let container = field(&window.navigator(), "serviceWorker");
    if container.is_undefined() || container.is_null() {
        return;
    }
    let container: ServiceWorkerContainer = container.unchecked_into();
    let options = object(&[("scope", "./".into()), ("updateViaCache", "none".into())]);
    let registration = container.register("./sw.js", &options);
    wasm_bindgen_futures::spawn_local(async move {
        let result = match registration {
            Ok(promise) => wasm_bindgen_futures::JsFuture::from(promise)
                .await
                .map(drop),
            Err(e) => Err(e),
        };
        if let Err(e) = result {
            let reason = e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .or_else(|| e.as_string())
                .unwrap_or_else(|| "unknown error".to_string());
            console_warn(&format!(
                "The app will not work offline: its service worker could not be registered ({reason})."
            ));
        }
    });
}
