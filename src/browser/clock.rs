//! The browser's clock: today's date for footers, milliseconds for saves, and
//! timers for autosave.

use crate::core::date::MONTH_NAMES;

/// "26 November 2026".
pub fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{} {} {}",
        now.get_date(),
        MONTH_NAMES[(now.get_month() as usize).min(11)],
        now.get_full_year()
    )
}

/// Milliseconds since 1970.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// "14:05:09", the local time of `ms`.
pub fn time_of_day(ms: f64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    format!(
        "{:02}:{:02}:{:02}",
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds()
    )
}

/// "26 Nov 2026, 14:05", the local date and time of `ms`.
pub fn date_time(ms: f64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    format!(
        "{} {} {}, {:02}:{:02}",
        d.get_date(),
        &MONTH_NAMES[(d.get_month() as usize).min(11)][..3],
        d.get_full_year(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// Runs `then` once after `ms` milliseconds; returns a handle for `cancel_timer`.
pub fn after(ms: i32, then: impl FnOnce() + 'static) -> Option<i32> {
    let callback = wasm_bindgen::closure::Closure::once_into_js(then);
    web_sys::window()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            wasm_bindgen::JsCast::unchecked_ref(&callback),
            ms,
        )
        .ok()
}

pub fn cancel_timer(handle: i32) {
    if let Some(window) = web_sys::window() {
        window.clear_timeout_with_handle(handle);
    }
}

/// Calls `flush` when the page is hidden or closed, so nothing typed is lost.
pub fn on_page_hide(flush: impl Fn() + 'static) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return;
    };
    let flush = std::rc::Rc::new(flush);
    let on_hide = {
        let flush = flush.clone();
        Closure::<dyn Fn()>::new(move || flush())
    };
    let _ = window.add_event_listener_with_callback("pagehide", on_hide.as_ref().unchecked_ref());
    if let Some(document) = window.document() {
        let on_visibility = Closure::<dyn Fn()>::new(move || {
            let hidden = web_sys::window()
                .and_then(|w| w.document())
                .map(|d| d.visibility_state() == web_sys::VisibilityState::Hidden)
                .unwrap_or(false);
            if hidden {
                flush();
            }
        });
        let _ = document.add_event_listener_with_callback(
            "visibilitychange",
            on_visibility.as_ref().unchecked_ref(),
        );
        on_visibility.forget();
    }
    on_hide.forget();
}

/// Asks the user before the page is closed or reloaded whenever `would_lose`
/// says something typed would be lost (it may first try to save). Browsers
/// show their own wording; the page only says whether to ask.
pub fn on_before_unload(would_lose: impl Fn() -> bool + 'static) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    let Some(window) = web_sys::window() else {
        return;
    };
    let listener = Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
        if would_lose() {
            e.prevent_default();
            // Older browsers ask only when `returnValue` is set.
            let _ = js_sys::Reflect::set(
                &e,
                &JsValue::from_str("returnValue"),
                &JsValue::from_str(""),
            );
        }
    });
    let _ =
        window.add_event_listener_with_callback("beforeunload", listener.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    listener.forget();
}

/// Lets the page handle input and paint before a long computation goes on:
/// resolves on the next turn of the event loop.
/// Waits `ms` milliseconds, the page answering meanwhile.
pub async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let scheduled = web_sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
                .ok()
        });
        if scheduled.is_none() {
            let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

pub async fn yield_to_page() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let scheduled = web_sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .ok()
        });
        if scheduled.is_none() {
            let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
