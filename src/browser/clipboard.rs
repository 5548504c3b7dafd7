//! Copying findings to the clipboard, to paste into a report or an email.

use wasm_bindgen_futures::JsFuture;

/// Puts `text` on the clipboard, or says why the browser would not.
pub async fn copy_text(text: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("there is no browser window")?;
    let promise = window.navigator().clipboard().write_text(text);
    JsFuture::from(promise).await.map(|_| ()).map_err(|_| {
        "the browser did not allow copying; select the text and copy it instead".to_string()
    })
}
