//! The web app's entry point: Trunk builds this for wasm32 and mounts the app.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(csp_workbench::ui::App);
    csp_workbench::browser::schedule_background_work();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "csp-workbench is the browser app: serve it with `make serve` (Trunk builds it for wasm32)."
    );
    std::process::exit(2);
}
