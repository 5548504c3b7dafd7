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

/// Scrolls the list `list_id` (positioned, so it is its items' offset parent)
/// just enough to show its item `item_id`: the active option of a searchable
/// chooser, moved by the arrow keys, stays in view without the page moving.
pub fn keep_in_view(list_id: &str, item_id: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let list = document.get_element_by_id(list_id);
    let item = document
        .get_element_by_id(item_id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    let (Some(list), Some(item)) = (list, item) else {
        return;
    };
    let (top, bottom) = (item.offset_top(), item.offset_top() + item.offset_height());
    if top < list.scroll_top() {
        list.set_scroll_top(top);
    } else if bottom > list.scroll_top() + list.client_height() {
        list.set_scroll_top(bottom - list.client_height());
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
