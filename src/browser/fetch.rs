use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The bytes of a same-origin file, or a sentence saying why they could not be had.
pub async fn fetch_bytes(path: &str) -> Result<Vec<u8>, String> {
    let window = web_sys::window().ok_or("there is no browser window")?;
    let response = JsFuture::from(window.fetch_with_str(path))
        .await
        .map_err(|e| format!("the browser could not fetch {path} ({})", describe(&e)))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| format!("fetching {path} gave no response"))?;
    if !response.ok() {
        return Err(format!(
            "the server answered {} for {path}",
            response.status()
        ));
    }
    let buffer = response
        .array_buffer()
        .map_err(|e| format!("{path} could not be read ({})", describe(&e)))?;
    let buffer = JsFuture::from(buffer)
        .await
        .map_err(|e| format!("{path} could not be read ({})", describe(&e)))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// A same-origin text file (the ECharts build, for the board pack).
pub async fn fetch_text(path: &str) -> Result<String, String> {
    let bytes = fetch_bytes(path).await?;
    String::from_utf8(bytes).map_err(|_| format!("{path} is not text"))
}

fn describe(error: &wasm_bindgen::JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".to_string())
}
