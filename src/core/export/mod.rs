//! Exports: the plan and the figures in formats people open elsewhere.
//!
//! Every exporter is a pure function of its input (no clock, no files), so the
//! same plan gives the same bytes natively and in the browser.

pub(crate) mod common;
pub mod document;
pub mod docx;
pub mod figures;
pub mod html;
pub mod markdown;

pub use document::{Block, Document, Run};
pub use docx::{docx_parts, to_docx};
pub use figures::{neutralise, to_csv, to_xlsx, xlsx_parts};
pub use html::{to_print_html, PRINT_CSP};
pub use markdown::{image_files, to_markdown};
