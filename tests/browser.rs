//! Browser tests, run by wasm-bindgen-test in headless Chromium:
//! `cargo test --target wasm32-unknown-unknown` (see `make test-wasm`).
#![cfg(target_arch = "wasm32")]

use csp_workbench::browser::ChartHandle;
use csp_workbench::core::assessment::{assess, Options, PrioritySettings};
use csp_workbench::core::format;
use csp_workbench::core::ingest::import_file;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SAMPLE: &[u8] = include_bytes!("../public/sample/csp-sample-assessment.xlsx");
/// The app's own ECharts build (`make echarts`, tools/echarts-bundle.mjs).
const ECHARTS: &str = include_str!("../target/echarts/echarts.min.js");

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn new_element(tag: &str) -> web_sys::HtmlElement {
    let element = document()
        .create_element(tag)
        .unwrap()
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap();
    document().body().unwrap().append_child(&element).unwrap();
    element
}

/// Loads ECharts into the test page the way index.html does, by a script element.
fn load_echarts() {
    let loaded = js_sys::Reflect::has(&js_sys::global(), &"echarts".into()).unwrap_or(false);
    if !loaded {
        let script = document().create_element("script").unwrap();
        script.set_text_content(Some(ECHARTS));
        document().head().unwrap().append_child(&script).unwrap();
    }
}

#[wasm_bindgen_test]
fn the_sample_imports_inside_webassembly() {
    let data = import_file("csp-sample-assessment.xlsx", SAMPLE).unwrap();
    let options = Options {
        area: Some("Tunbridge Wells".into()),
        ..Options::default()
    };
    let assessment = assess(&data, &options, &[], &PrioritySettings::default()).unwrap();
    let all = assessment.measure("All crime").unwrap();
    assert_eq!(format::count(all.change.current.value), "5,040");
    assert_eq!(
        format::signed_percent(all.change.relative().unwrap()),
        "+0.8%"
    );
}

#[wasm_bindgen_test]
fn a_damaged_file_is_a_sentence_not_a_panic() {
    let mut truncated = SAMPLE.to_vec();
    truncated.truncate(SAMPLE.len() / 2);
    let error = import_file("cut.xlsx", &truncated).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("“cut.xlsx” could not be imported:"),
        "{error}"
    );
}

#[wasm_bindgen_test]
fn charts_are_drawn_replaced_and_disposed() {
    load_echarts();
    let element = new_element("div");
    element.set_class_name("test-chart");
    let _ = element.style().set_property("width", "600px");
    let _ = element.style().set_property("height", "400px");
    let handle = ChartHandle::attach(&element).expect("echarts is loaded");
    handle
        .show(r#"{"xAxis":{"type":"category","data":["a","b"]},"yAxis":{},"series":[{"type":"bar","data":[1,2]}]}"#)
        .unwrap();
    assert!(element.query_selector("canvas").unwrap().is_some());
    // A replaced option drops the old series rather than merging into it.
    handle
        .show(r#"{"xAxis":{"type":"category","data":["c"]},"yAxis":{},"series":[]}"#)
        .unwrap();
    let echarts = js_sys::Reflect::get(&js_sys::global(), &"echarts".into()).unwrap();
    let get_instance: js_sys::Function = js_sys::Reflect::get(&echarts, &"getInstanceByDom".into())
        .unwrap()
        .dyn_into()
        .unwrap();
    let instance = get_instance.call1(&echarts, &element).unwrap();
    let get_option: js_sys::Function = js_sys::Reflect::get(&instance, &"getOption".into())
        .unwrap()
        .dyn_into()
        .unwrap();
    let option = get_option.call0(&instance).unwrap();
    let series = js_sys::Reflect::get(&option, &"series".into()).unwrap();
    assert_eq!(js_sys::Array::from(&series).length(), 0);
    drop(handle);
    let after = get_instance.call1(&echarts, &element).unwrap();
    assert!(
        after.is_undefined(),
        "the instance is disposed with its handle"
    );
}

#[wasm_bindgen_test]
fn the_shell_has_navigation_and_the_privacy_footer() {
    let root = new_element("div");
    leptos::mount::mount_to(root.clone(), csp_workbench::ui::App).forget();
    let links = root.query_selector_all("nav[aria-label='Main'] a").unwrap();
    let labels: Vec<String> = (0..links.length())
        .map(|i| links.item(i).unwrap().text_content().unwrap_or_default())
        .collect();
    assert_eq!(labels, ["Data", "Assessment", "Plan", "Board"]);
    let footer = root.query_selector("footer").unwrap().unwrap();
    assert!(footer
        .text_content()
        .unwrap()
        .contains("Your data stays in this browser"));
    assert_eq!(
        root.query_selector("h1")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "Assessment"
    );
}

/// The parts fetched on demand in the release build (`ui::on_demand`) work
/// unsplit, as here: the Plan view, opened from its address, is made once its
/// (here immediate) load has been awaited.
#[wasm_bindgen_test]
async fn a_view_fetched_on_demand_works_unsplit() {
    let window = web_sys::window().unwrap();
    window.location().set_hash("#/plan").unwrap();
    let root = new_element("div");
    leptos::mount::mount_to(root.clone(), csp_workbench::ui::App).forget();
    // The load is awaited in a task of its own: let it run.
    let tick = js_sys::Promise::new(&mut |resolve, _| {
        window
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 50)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(tick).await.unwrap();
    let heading = root
        .query_selector("h1")
        .unwrap()
        .and_then(|h| h.text_content());
    window.location().set_hash("").unwrap();
    assert_eq!(heading.as_deref(), Some("Plan"));
}

/// Waits `ms` milliseconds in the browser's event loop.
async fn pause(ms: i32) {
    let tick = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(tick).await.unwrap();
}

/// A part taken away while its code is still being fetched is never built:
/// building it then, under a disposed owner, would find no context and abort
/// the app (seen once end to end, when street records arrived twice while the
/// maps' chunk was on its way).
#[wasm_bindgen_test]
async fn a_part_taken_away_while_its_code_loads_is_never_built() {
    use leptos::prelude::*;
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::Arc;

    #[derive(Clone)]
    struct Context;
    let built = Arc::new(AtomicU32::new(0));
    let shown = RwSignal::new(true);
    let root = new_element("div");
    let counter = built.clone();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(Context);
        let counter = counter.clone();
        move || {
            let counter = counter.clone();
            shown.get().then(move || {
                csp_workbench::ui::on_demand_view("the test part", move || {
                    let counter = counter.clone();
                    async move {
                        pause(100).await;
                        let _: Context = expect_context();
                        counter.fetch_add(1, Ordering::SeqCst);
                        Ok(view! { <p class="built">"built"</p> }.into_any())
                    }
                })
            })
        }
    });
    pause(10).await;
    assert!(root.inner_html().contains("Loading the test part"));
    shown.set(false);
    pause(200).await;
    assert_eq!(
        built.load(Ordering::SeqCst),
        0,
        "the part was built after it was taken away"
    );
    // Shown again, it loads and is built once.
    shown.set(true);
    pause(200).await;
    assert_eq!(built.load(Ordering::SeqCst), 1);
    assert!(root.query_selector(".built").unwrap().is_some());
    drop(handle);
}
