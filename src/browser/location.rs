//! The page's address and title: the hash that names the view, and the title
//! that follows it.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The URL's hash, such as "#/data", or "" when there is none.
pub fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Calls `on_change` with the new hash whenever it changes, for as long as the page lives.
pub fn on_hash_change(mut on_change: impl FnMut(String) + 'static) {
    let listener = Closure::<dyn FnMut()>::new(move || on_change(current_hash()));
    if let Some(window) = web_sys::window() {
        let _ = window
            .add_event_listener_with_callback("hashchange", listener.as_ref().unchecked_ref());
    }
    // The listener lives as long as the page.
    listener.forget();
}

pub fn set_document_title(title: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(title);
    }
}
