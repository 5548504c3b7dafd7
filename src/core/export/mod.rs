//! Exports: the plan and the figures in formats people open elsewhere.

pub mod document;

pub use document::{Block, Document, Run};
