//! What the maps need from the browser: moving keyboard focus among a map's
//! areas (one tab stop, arrow keys between areas), reading the focused area's
//! label, and turning the map's SVG into a PNG.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// A map's area is an SVG element, not an HTML one: focused through the
/// `focus` both kinds have.
fn element(id: &str) -> Option<web_sys::SvgElement> {
    web_sys::window()?
        .document()?
        .get_element_by_id(id)?
        .dyn_into::<web_sys::SvgElement>()
        .ok()
}

/// The area an event happened on, by its index in `map_id`'s areas
/// (`core::maps::svg::area_id`), and its accessible label.
pub fn map_area_of(event: &web_sys::Event, map_id: &str) -> Option<(usize, String)> {
    let target = event.target()?.dyn_into::<web_sys::Element>().ok()?;
    let index = target
        .id()
        .strip_prefix(&format!("{map_id}-area-"))?
        .parse()
        .ok()?;
    Some((
        index,
        target.get_attribute("aria-label").unwrap_or_default(),
    ))
}

/// Moves focus from one area to another, keeping one tab stop for the map:
/// the area focused last is where Tab comes back to.
pub fn focus_map_area(map_id: &str, from: usize, to: usize) {
    if let Some(old) = element(&format!("{map_id}-area-{from}")) {
        let _ = old.set_attribute("tabindex", "-1");
    }
    if let Some(new) = element(&format!("{map_id}-area-{to}")) {
        let _ = new.set_attribute("tabindex", "0");
        let _ = new.focus();
    }
}

/// The SVG drawn onto a canvas at twice its size, on white, as a PNG `data:` URL.
pub async fn svg_to_png(svg: &str, width: f64, height: f64) -> Result<String, String> {
    let failed = |_| "the map could not be turned into an image".to_string();
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("there is no page to draw on")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(svg));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(failed)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(failed)?;
    let image = web_sys::HtmlImageElement::new().map_err(failed)?;
    let loaded = js_sys::Promise::new(&mut |resolve, reject| {
        image.set_onload(Some(&resolve));
        image.set_onerror(Some(&reject));
    });
    image.set_src(&url);
    let result = JsFuture::from(loaded).await.map_err(failed);
    let _ = web_sys::Url::revoke_object_url(&url);
    result?;
    let canvas: web_sys::HtmlCanvasElement = document
        .create_element("canvas")
        .map_err(failed)?
        .dyn_into()
        .map_err(|_| "the map could not be turned into an image".to_string())?;
    let scale = 2.0;
    canvas.set_width((width * scale) as u32);
    canvas.set_height((height * scale) as u32);
    // The 2D context through its JavaScript names: the typed binding would
    // need another web-sys feature, and with it a rebuild of every crate above web-sys.
    let context = canvas
        .get_context("2d")
        .map_err(failed)?
        .ok_or("the browser cannot draw images")?;
    let call = |name: &str, args: &[JsValue]| -> Result<(), String> {
        let method: js_sys::Function = js_sys::Reflect::get(&context, &name.into())
            .map_err(failed)?
            .dyn_into()
            .map_err(|_| "the browser cannot draw images".to_string())?;
        method
            .apply(&context, &args.iter().collect::<js_sys::Array>())
            .map(|_| ())
            .map_err(failed)
    };
    js_sys::Reflect::set(&context, &"fillStyle".into(), &"#ffffff".into()).map_err(failed)?;
    let (w, h): (JsValue, JsValue) = ((width * scale).into(), (height * scale).into());
    call("fillRect", &[0.into(), 0.into(), w.clone(), h.clone()])?;
    call(
        "drawImage",
        &[image.clone().into(), 0.into(), 0.into(), w, h],
    )?;
    canvas.to_data_url_with_type("image/png").map_err(failed)
}
