//! User Timing marks, so that `make bench` (and the browser's own performance
//! panel) can read how long the app's real work takes: the first chart, each
//! recompute of the assessment, each import. They cost next to nothing.

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

fn performance() -> Option<JsValue> {
    Reflect::get(&js_sys::global(), &"performance".into())
        .ok()
        .filter(|p| !p.is_undefined())
}

fn call(method: &str, args: &[JsValue]) {
    let Some(performance) = performance() else {
        return;
    };
    let Ok(function) = Reflect::get(&performance, &method.into()) else {
        return;
    };
    let Ok(function) = function.dyn_into::<Function>() else {
        return;
    };
    let args: js_sys::Array = args.iter().collect();
    let _ = function.apply(&performance, &args);
}

/// Milliseconds since the page (or worker) started, as the performance timeline counts them.
pub fn elapsed_ms() -> f64 {
    performance()
        .and_then(|p| {
            let now = Reflect::get(&p, &"now".into()).ok()?;
            let now: Function = now.dyn_into().ok()?;
            now.call0(&p).ok()?.as_f64()
        })
        .unwrap_or(0.0)
}

/// A named moment on the timeline, e.g. `cspw:first-chart`.
pub fn mark(name: &str) {
    call("mark", &[name.into()]);
}

/// A named span on the timeline from `start_ms` (an `elapsed_ms` reading) to now.
pub fn measure_since(name: &str, start_ms: f64) {
    let options = js_sys::Object::new();
    let _ = Reflect::set(&options, &"start".into(), &start_ms.into());
    let _ = Reflect::set(&options, &"end".into(), &elapsed_ms().into());
    call("measure", &[name.into(), options.into()]);
}
