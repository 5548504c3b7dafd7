//! A thin binding to the global `echarts` loaded from `echarts.min.js`.
//! charming's own renderer merges options and cannot dispose, so the app binds
//! `init`, `setOption(…, {notMerge: true})`, `resize` and `dispose` itself.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    type EChartsInstance;

    #[wasm_bindgen(catch, js_namespace = echarts, js_name = init)]
    fn echarts_init(element: &web_sys::HtmlElement) -> Result<EChartsInstance, JsValue>;

    #[wasm_bindgen(catch, method, js_name = setOption)]
    fn set_option(
        this: &EChartsInstance,
        option: &JsValue,
        settings: &JsValue,
    ) -> Result<(), JsValue>;

    #[wasm_bindgen(method)]
    fn resize(this: &EChartsInstance);

    #[wasm_bindgen(method)]
    fn dispose(this: &EChartsInstance);
}

/// One live ECharts instance bound to an element, resized with it and disposed on drop.
pub struct ChartHandle {
    instance: EChartsInstance,
    observer: Option<web_sys::ResizeObserver>,
    _on_resize: Option<Closure<dyn FnMut()>>,
}

impl ChartHandle {
    /// Starts ECharts on `element`; fails with a sentence if ECharts is not loaded.
    pub fn attach(element: &web_sys::HtmlElement) -> Result<ChartHandle, String> {
        let instance = echarts_init(element)
            .map_err(|_| "the chart library did not load, so charts cannot be drawn".to_string())?;
        let resize_target: &JsValue = instance.as_ref();
        let resize_target: EChartsInstance = resize_target.clone().unchecked_into();
        let on_resize = Closure::<dyn FnMut()>::new(move || resize_target.resize());
        let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
        if let Some(observer) = &observer {
            observer.observe(element);
        }
        Ok(ChartHandle {
            instance,
            observer,
            _on_resize: Some(on_resize),
        })
    }

    /// Replaces the whole option (never merges), so removed series disappear.
    pub fn show(&self, option_json: &str) -> Result<(), String> {
        let option = js_sys::JSON::parse(option_json)
            .map_err(|_| "the chart's data could not be read".to_string())?;
        let settings = js_sys::Object::new();
        js_sys::Reflect::set(&settings, &"notMerge".into(), &JsValue::TRUE)
            .map_err(|_| "the chart could not be configured".to_string())?;
        self.instance
            .set_option(&option, &settings)
            .map_err(|_| "the chart could not be drawn".to_string())
    }
}

impl Drop for ChartHandle {
    fn drop(&mut self) {
        if let Some(observer) = &self.observer {
            observer.disconnect();
        }
        self.instance.dispose();
    }
}
