//! CSP Workbench: a Community Safety Partnership's strategic assessment and
//! partnership plan, computed in the browser tab from the spreadsheets partners send.
//!
//! `core` is pure Rust, tested natively; `ui` (Leptos components) and `browser`
//! (the only code that touches web APIs) exist only in the wasm build.

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod ui;
