use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The files in a file list (from a picker or a drop), in order.
pub fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

/// The bytes of a file the user chose, or a sentence saying why they could not be read.
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|e| {
        let detail = e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| "the browser refused".to_string());
        format!("“{}” could not be read ({detail}).", file.name())
    })?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Bytes already in memory (a fetched file) as a `Blob`, to hand to the import worker.
pub fn blob_of(bytes: &[u8]) -> Option<web_sys::Blob> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    web_sys::Blob::new_with_u8_array_sequence(&parts).ok()
}
