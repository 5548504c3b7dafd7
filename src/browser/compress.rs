//! Deflating with the browser's own `CompressionStream`, so the page's
//! WebAssembly carries no compressor (about 16 KB gzipped; issue 13's
//! first-visit budget). The `.docx` and `.xlsx` exports zip their parts with it
//! (`core::zip_writer::zip_deflated`). web-sys has `CompressionStream` only
//! behind its unstable flag, so the two calls it needs are declared here.

use js_sys::{ArrayBuffer, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// A `CompressionStream`: a transform whose readable side gives the
    /// compressed bytes of what its writable side is given.
    type CompressionStream;

    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;

    /// A `ReadableStream`, as `Blob.stream()` gives it.
    type ByteStream;

    #[wasm_bindgen(method, js_name = pipeThrough, catch)]
    fn pipe_through(
        this: &ByteStream,
        transform: &CompressionStream,
    ) -> Result<ByteStream, JsValue>;

    /// A `Blob`, seen as something with a `stream()` (web-sys's needs a feature more).
    type StreamableBlob;

    #[wasm_bindgen(method, structural)]
    fn stream(this: &StreamableBlob) -> ByteStream;

    /// A `Response` made only to read a stream to its end.
    #[wasm_bindgen(js_name = Response)]
    type StreamReader;

    #[wasm_bindgen(constructor, js_class = "Response", catch)]
    fn new(body: &ByteStream) -> Result<StreamReader, JsValue>;

    #[wasm_bindgen(method, js_class = "Response", js_name = arrayBuffer, catch)]
    fn array_buffer(this: &StreamReader) -> Result<js_sys::Promise, JsValue>;
}

/// `bytes` compressed as raw deflate (RFC 1951, no zlib header), as a zip
/// entry holds them; a sentence saying why not otherwise.
pub async fn deflate_raw(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let failed = |_| "the browser could not compress it".to_string();
    let parts = js_sys::Array::of1(&Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(failed)?;
    let deflate = CompressionStream::new("deflate-raw").map_err(failed)?;
    let compressed = blob
        .unchecked_ref::<StreamableBlob>()
        .stream()
        .pipe_through(&deflate)
        .map_err(failed)?;
    let response = StreamReader::new(&compressed).map_err(failed)?;
    let buffer = JsFuture::from(response.array_buffer().map_err(failed)?)
        .await
        .map_err(failed)?;
    let buffer: ArrayBuffer = buffer.dyn_into().map_err(|_| failed(JsValue::NULL))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}
