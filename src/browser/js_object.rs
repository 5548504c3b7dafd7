//! Plain JavaScript objects built and read from Rust: the one home for the
//! `Object` + `Reflect` pattern the worker's messages, ECharts' settings and the
//! service worker's options all use.

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

/// `{ key: value, … }` as a JavaScript object.
pub(crate) fn object(pairs: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object
}

/// `object[key]`, or `undefined` when it cannot be read.
pub(crate) fn field(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}
