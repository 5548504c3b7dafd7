//! Files the user hands the page: picked, dropped, or fetched bytes wrapped for
//! the import worker. Components see only `UserFile` and `FileHandle`.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// A file the user chose or dropped (the browser's handle; its bytes are read on demand).
pub type UserFile = web_sys::File;

/// Something whose bytes the import worker can read: a user's file or fetched bytes.
pub type FileHandle = web_sys::Blob;

/// The files in a file list (from a picker or a drop), in order.
fn files_of(list: Option<web_sys::FileList>) -> Vec<UserFile> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

/// The files dropped on the page.
pub fn dropped_files(event: &leptos::ev::DragEvent) -> Vec<UserFile> {
    files_of(event.data_transfer().and_then(|dt| dt.files()))
}

/// The files chosen in a file picker whose `change` event this is. The picker is
/// cleared, so the same file can be chosen again after it changes or fails.
pub fn take_picked_files(event: &leptos::ev::Event) -> Vec<UserFile> {
    let Some(input) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let files = files_of(input.files());
    input.set_value("");
    files
}

/// A user's file as a handle the import worker reads.
pub fn handle_of(file: &UserFile) -> FileHandle {
    let blob: &web_sys::Blob = file.as_ref();
    blob.clone()
}

/// The bytes of a file the user chose, or a sentence saying why they could not be read.
pub async fn read_file(file: &UserFile) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|e| {
        let detail = e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| "the browser refused".to_string());
        format!("“{}” could not be read ({detail}).", file.name())
    })?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Bytes already in memory (a fetched file) as a handle for the import worker.
pub fn blob_of(bytes: &[u8]) -> Option<FileHandle> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    web_sys::Blob::new_with_u8_array_sequence(&parts).ok()
}
