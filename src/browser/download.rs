//! Saving a file the app made (a board pack, a chart image) to the user's
//! downloads, without any server: a Blob and a link with `download`.

use wasm_bindgen::JsCast;

fn click_link(href: &str, file_name: &str) -> Result<(), String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("there is no page to save from")?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "the page could not make a download link")?
        .dyn_into()
        .map_err(|_| "the page could not make a download link")?;
    link.set_href(href);
    link.set_download(file_name);
    link.click();
    Ok(())
}

/// Offers a Blob as a file; its object URL is let go once the download has started.
fn download_blob(
    file_name: &str,
    blob: Result<web_sys::Blob, wasm_bindgen::JsValue>,
) -> Result<(), String> {
    let blob = blob.map_err(|_| "the browser could not hold the file")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser could not hold the file")?;
    let result = click_link(&url, file_name);
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(window) = web_sys::window() {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000);
    }
    result
}

fn typed(mime: &str) -> web_sys::BlobPropertyBag {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    options
}

/// Offers `text` as a file named `file_name` of type `mime`.
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    download_blob(
        file_name,
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &typed(mime)),
    )
}

/// Offers bytes (a Word document, a workbook) as a file.
pub fn download_bytes(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    download_blob(
        file_name,
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &typed(mime)),
    )
}

/// Offers a `data:` URL (a PNG from a chart) as a file.
pub fn download_data_url(file_name: &str, data_url: &str) -> Result<(), String> {
    click_link(data_url, file_name)
}

/// Opens the browser's print dialogue; the print stylesheet does the rest.
pub fn print_page() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// Calls `prepare` before the browser prints (from its menu or Ctrl+P too), so
/// the page can put everything it pages on screen into the printout.
pub fn on_before_print(prepare: impl Fn() + 'static) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return;
    };
    let callback = Closure::<dyn Fn()>::new(prepare);
    let _ =
        window.add_event_listener_with_callback("beforeprint", callback.as_ref().unchecked_ref());
    callback.forget();
}
