//! The import worker: Trunk builds this as a Web Worker so that parsing a large
//! file never freezes the page. It runs the same `core::ingest` as everything else.

#[cfg(target_arch = "wasm32")]
fn main() {
    csp_workbench::browser::serve_imports();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("import-worker runs in the browser as a Web Worker; use `cspw inspect` on the command line.");
    std::process::exit(2);
}
