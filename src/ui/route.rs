//! The four views, addressed by the URL's hash so links, reload and the back
//! button work on any static host.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    Data,
    Assessment,
    Plan,
    Board,
}

impl Route {
    pub const ALL: [Route; 4] = [Route::Data, Route::Assessment, Route::Plan, Route::Board];

    pub fn title(self) -> &'static str {
        match self {
            Route::Data => "Data",
            Route::Assessment => "Assessment",
            Route::Plan => "Plan",
            Route::Board => "Board",
        }
    }

    pub fn href(self) -> &'static str {
        match self {
            Route::Data => "#/data",
            Route::Assessment => "#/assessment",
            Route::Plan => "#/plan",
            Route::Board => "#/board",
        }
    }

    /// The view a hash names; the Assessment is the landing view.
    pub fn from_hash(hash: &str) -> Route {
        Route::ALL
            .into_iter()
            .find(|r| r.href() == hash)
            .unwrap_or(Route::Assessment)
    }
}

/// The current route, updated when the hash changes; the page title follows it.
pub fn current_route() -> ReadSignal<Route> {
    let read_hash = || {
        web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default()
    };
    let (route, set_route) = signal(Route::from_hash(&read_hash()));
    let on_change =
        Closure::<dyn FnMut()>::new(move || set_route.set(Route::from_hash(&read_hash())));
    if let Some(window) = web_sys::window() {
        let _ = window
            .add_event_listener_with_callback("hashchange", on_change.as_ref().unchecked_ref());
    }
    // The listener lives as long as the page.
    on_change.forget();
    Effect::new(move |previous: Option<Route>| {
        let current = route.get();
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&format!("{} – CSP Workbench", current.title()));
            // After a navigation (not the first load), focus the new view so
            // keyboard and screen-reader users start reading it from the top.
            if previous.is_some_and(|p| p != current) {
                if let Some(main) = document
                    .get_element_by_id("main")
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = main.focus();
                }
            }
        }
        current
    });
    route
}
