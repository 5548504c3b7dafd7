//! The boundary files the maps draw, fetched the first time a map needs one
//! (never on the first visit) and kept for the rest of the page's life.

use crate::core::maps::asset::{self, Boundaries};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

thread_local! {
    static LOADED: RefCell<HashMap<String, Arc<Boundaries>>> = RefCell::new(HashMap::new());
}

/// The boundaries in `path` (under `dist/`), or a sentence saying why not.
pub async fn load(path: &str) -> Result<Arc<Boundaries>, String> {
    if let Some(found) = LOADED.with(|l| l.borrow().get(path).cloned()) {
        return Ok(found);
    }
    let text = crate::browser::fetch_text(path).await?;
    let parsed = Arc::new(
        asset::parse(&text)
            .map_err(|e| format!("the boundary file {path} could not be read: {e}"))?,
    );
    LOADED.with(|l| l.borrow_mut().insert(path.to_string(), parsed.clone()));
    Ok(parsed)
}
