//! The four views, addressed by the URL's hash so links, reload and the back
//! button work on any static host.

use crate::browser;
use leptos::prelude::*;

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
    let (route, set_route) = signal(Route::from_hash(&browser::current_hash()));
    browser::on_hash_change(move |hash| set_route.set(Route::from_hash(&hash)));
    Effect::new(move |previous: Option<Route>| {
        let current = route.get();
        browser::set_document_title(&format!("{} – CSP Workbench", current.title()));
        // After a navigation (not the first load), focus the new view so
        // keyboard and screen-reader users start reading it from the top.
        if previous.is_some_and(|p| p != current) {
            browser::focus_element_soon("main");
        }
        current
    });
    route
}
