//! Start-up work that must not slow the first chart: the service worker (which
//! downloads the whole build for offline use) and the import worker waiting for
//! the user's first file. Both begin once the first chart is drawn, or after a
//! few seconds on a view with no chart, whichever comes first.

use std::cell::Cell;

thread_local! {
    static STARTED: Cell<bool> = const { Cell::new(false) };
}

/// How long a view without charts waits before the background work starts.
const AT_THE_LATEST_MS: i32 = 3_000;

/// Called once at start: makes sure the background work begins eventually.
pub fn schedule() {
    let _ = super::after(AT_THE_LATEST_MS, start);
}

/// The first chart has been drawn: the page is useful, so the rest may load.
pub fn first_chart_drawn() {
    if !STARTED.with(Cell::get) {
        super::mark("cspw:first-chart");
    }
    start();
}

fn start() {
    if STARTED.with(|s| s.replace(true)) {
        return;
    }
    super::register_service_worker();
    super::prepare_import_worker();
}
