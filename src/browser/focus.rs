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

/// Focuses the element with `id` in a task of its own, once the page has had
/// its turn. After a navigation the new view is built in one task; scrolling
/// to its heading in the same task forces the whole new page to be laid out
/// there too, which with thousands of measures makes one long task of two.
pub fn focus_element_soon(id: &'static str) {
    wasm_bindgen_futures::spawn_local(async move {
        super::yield_to_page().await;
        focus_element(id);
    });
}

/// Whether a key pressed on `event`'s target belongs to what the target is
/// (so a page-wide shortcut must leave it alone): any key in a form control
/// or in a table's scroll region (its arrow keys scroll it), Space and Enter
/// on a button, link or disclosure.
pub fn key_belongs_to_target(event: &web_sys::KeyboardEvent) -> bool {
    let Some(element) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    let inside = |selector: &str| element.closest(selector).ok().flatten().is_some();
    if inside("input, select, textarea, [contenteditable], .wide-table, [role=\"region\"]") {
        return true;
    }
    matches!(event.key().as_str(), " " | "Enter") && inside("button, a, summary")
}
