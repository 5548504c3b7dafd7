//! The browser's local storage, for small things kept between visits (recipes).
//! Drafts and larger data get their own store in the plan issue.

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The text stored under `key`, if any.
pub fn load(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok()?
}

/// Stores `value` under `key`, or says why it could not be kept.
pub fn save(key: &str, value: &str) -> Result<(), String> {
    let storage = local_storage().ok_or("this browser keeps no local storage for the page")?;
    storage
        .set_item(key, value)
        .map_err(|_| "the browser's storage is full or switched off".to_string())
}
