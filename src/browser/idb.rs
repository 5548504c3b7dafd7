//! IndexedDB as a small key–value store for what is too big for local storage:
//! the tidy data imported from partners' files (not the files themselves).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

const DATABASE: &str = "csp-workbench";
const STORE: &str = "data";

/// Waits for an IndexedDB request to succeed or fail.
async fn finished(request: &web_sys::IdbRequest) -> Result<JsValue, String> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let ok = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let failed = Closure::once_into_js(move || {
            let _ = reject.call0(&JsValue::NULL);
        });
        request.set_onsuccess(Some(ok.unchecked_ref()));
        request.set_onerror(Some(failed.unchecked_ref()));
    });
    JsFuture::from(promise)
        .await
        .map_err(|_| "the browser's database refused the request".to_string())?;
    request
        .result()
        .map_err(|_| "the browser's database gave no answer".to_string())
}

async fn open() -> Result<web_sys::IdbDatabase, String> {
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or("this browser keeps no database for the page")?;
    let request = factory
        .open_with_u32(DATABASE, 1)
        .map_err(|_| "the browser's database could not be opened")?;
    let upgrade = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        let db = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::IdbOpenDbRequest>().ok())
            .and_then(|r| r.result().ok())
            .and_then(|r| r.dyn_into::<web_sys::IdbDatabase>().ok());
        if let Some(db) = db {
            if !db.object_store_names().contains(STORE) {
                let _ = db.create_object_store(STORE);
            }
        }
    });
    request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let result = finished(&request).await;
    drop(upgrade);
    result?
        .dyn_into::<web_sys::IdbDatabase>()
        .map_err(|_| "the browser's database could not be opened".to_string())
}

fn store(
    db: &web_sys::IdbDatabase,
    mode: web_sys::IdbTransactionMode,
) -> Result<web_sys::IdbObjectStore, String> {
    db.transaction_with_str_and_mode(STORE, mode)
        .and_then(|t| t.object_store(STORE))
        .map_err(|_| "the browser's database could not be used".to_string())
}

/// Keeps `value` under `key`.
pub async fn put(key: &str, value: &str) -> Result<(), String> {
    let db = open().await?;
    let request = store(&db, web_sys::IdbTransactionMode::Readwrite)?
        .put_with_key(&JsValue::from_str(value), &JsValue::from_str(key))
        .map_err(|_| "the browser's database is full or refused the data".to_string())?;
    finished(&request).await.map(|_| ())
}

/// Keeps the text `value` under `key` as a Blob of its UTF-8 bytes: the
/// database takes the bytes as they are. Kept as a string, tens of megabytes
/// of imported data were first decoded into a JavaScript string and then
/// copied whole, in one long task of the page (issue 17).
/// The Blob is made of pieces, each copied out of the page's memory in a
/// task of its own, then joined (which copies nothing).
pub async fn put_as_blob(key: &str, value: &str) -> Result<(), String> {
    let cannot = |_| "the browser could not hold the data to keep".to_string();
    let pieces = js_sys::Array::new();
    for piece in value.as_bytes().chunks(READ_PIECE as usize) {
        let bytes = js_sys::Uint8Array::from(piece);
        let blob = web_sys::Blob::new_with_u8_array_sequence(&js_sys::Array::of1(&bytes))
            .map_err(cannot)?;
        pieces.push(&blob);
        super::yield_to_page().await;
    }
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob =
        web_sys::Blob::new_with_blob_sequence_and_options(&pieces, &options).map_err(cannot)?;
    let db = open().await?;
    let request = store(&db, web_sys::IdbTransactionMode::Readwrite)?
        .put_with_key(&blob, &JsValue::from_str(key))
        .map_err(|_| "the browser's database is full or refused the data".to_string())?;
    finished(&request).await.map(|_| ())
}

/// The text kept under `key`, if any: kept as a string, or as a Blob of its
/// UTF-8 bytes (`put_as_blob`), read without blocking the page.
pub async fn get(key: &str) -> Result<Option<String>, String> {
    let db = open().await?;
    let request = store(&db, web_sys::IdbTransactionMode::Readonly)?
        .get(&JsValue::from_str(key))
        .map_err(|_| "the browser's database could not be read".to_string())?;
    let value = finished(&request).await?;
    match value.dyn_into::<web_sys::Blob>() {
        Ok(blob) => JsFuture::from(blob.text())
            .await
            .map(|text| text.as_string())
            .map_err(|_| "the browser's database could not be read".to_string()),
        Err(value) => Ok(value.as_string()),
    }
}

/// How much of a kept Blob is copied into the page's memory in one task.
const READ_PIECE: f64 = 4.0 * 1024.0 * 1024.0;

/// The bytes kept under `key`, if any: a Blob (`put_as_blob`) read a piece at
/// a time with the page answering between pieces, or a string kept by an
/// older version as its UTF-8. Tens of megabytes of imported data, read as one
/// string, were one long task of the page on every visit (issue 17).
pub async fn get_bytes(key: &str) -> Result<Option<Vec<u8>>, String> {
    let db = open().await?;
    let request = store(&db, web_sys::IdbTransactionMode::Readonly)?
        .get(&JsValue::from_str(key))
        .map_err(|_| "the browser's database could not be read".to_string())?;
    let value = finished(&request).await?;
    let blob = match value.dyn_into::<web_sys::Blob>() {
        Ok(blob) => blob,
        Err(value) => return Ok(value.as_string().map(String::into_bytes)),
    };
    let unreadable = |_| "the browser's database could not be read".to_string();
    let size = blob.size();
    let mut bytes = Vec::with_capacity(size as usize);
    let mut at = 0.0;
    while at < size {
        let end = (at + READ_PIECE).min(size);
        let piece = blob.slice_with_f64_and_f64(at, end).map_err(unreadable)?;
        let buffer = JsFuture::from(piece.array_buffer())
            .await
            .map_err(unreadable)?;
        let piece = js_sys::Uint8Array::new(&buffer);
        let from = bytes.len();
        bytes.resize(from + piece.length() as usize, 0);
        piece.copy_to(&mut bytes[from..]);
        at = end;
    }
    Ok(Some(bytes))
}

/// Forgets `key`.
pub async fn delete(key: &str) -> Result<(), String> {
    let db = open().await?;
    let request = store(&db, web_sys::IdbTransactionMode::Readwrite)?
        .delete(&JsValue::from_str(key))
        .map_err(|_| "the browser's database could not be changed".to_string())?;
    finished(&request).await.map(|_| ())
}

/// Copies the damaged `raw` found under `key` to `backup` in the database, and
/// deletes the original only once the copy is written and reads back the same
/// (`core::stored::after_copy`); otherwise the original stays where it is.
pub async fn set_aside(key: &str, raw: &str, backup: &str) -> crate::core::stored::Kept {
    use crate::core::stored::{after_copy, Kept};
    let written = put(backup, raw).await;
    let read_back = match &written {
        Ok(()) => get(backup).await.ok().flatten(),
        Err(_) => None,
    };
    let kept = after_copy(raw, backup, written, read_back.as_deref());
    match &kept {
        // The copy is safe; if the original cannot be deleted it simply stays too.
        Kept::Copied { .. } => {
            let _ = delete(key).await;
        }
        Kept::LeftInPlace { .. } => {
            if read_back.is_some() {
                let _ = delete(backup).await;
            }
        }
    }
    kept
}
