//! The browser's local storage: recipes, area names, options, targets, and the
//! plan's drafts (each under its own key, with an index). Also the `storage`
//! event, by which another tab's save is noticed, and the request that the
//! browser keep this site's storage when space runs short.

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

/// Local storage, for the core's rule on setting damaged data aside.
struct LocalStore;

impl crate::core::stored::SyncStore for LocalStore {
    fn read(&self, key: &str) -> Option<String> {
        load(key)
    }
    fn write(&mut self, key: &str, value: &str) -> Result<(), String> {
        save(key, value)
    }
    fn remove(&mut self, key: &str) {
        remove(key)
    }
}

/// Copies the damaged `raw` found under `key` to `backup`, and removes the
/// original only once the copy is safely written (`core::stored`).
pub fn set_aside(key: &str, raw: &str, backup: &str) -> crate::core::stored::Kept {
    crate::core::stored::set_aside_in(&mut LocalStore, key, raw, backup)
}

/// Forgets `key`.
pub fn remove(key: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(key);
    }
}

/// Every key stored for this site that starts with `prefix`.
pub fn keys_starting(prefix: &str) -> Vec<String> {
    let Some(storage) = local_storage() else {
        return Vec::new();
    };
    let count = storage.length().unwrap_or(0);
    (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .collect()
}

/// Calls `changed(key, new value)` whenever another tab of this site changes local storage.
pub fn on_storage_change(changed: impl Fn(String, Option<String>) + 'static) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return;
    };
    let listener =
        Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |e: web_sys::StorageEvent| {
            if let Some(key) = e.key() {
                changed(key, e.new_value());
            }
        });
    let _ = window.add_event_listener_with_callback("storage", listener.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    listener.forget();
}

/// Asks the browser not to clear this site's storage under pressure. Browsers
/// may say no; the drafts are still saved, just not protected.
pub fn request_persistence() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let storage = window.navigator().storage();
    let _ = storage.persist();
}
