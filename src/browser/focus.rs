//! Moving keyboard focus, for in-page links and after navigation.

use wasm_bindgen::JsCast;

/// Focuses the element with `id` (it needs `tabindex="-1"` if not focusable)
/// and scrolls it into view.
pub fn focus_element(id: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        element.scroll_into_view();
        let _ = element.focus();
    }
}
