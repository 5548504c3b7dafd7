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

    /// Gives the option's tooltips content the Content-Security-Policy allows
    /// (tools/echarts-tooltip.mjs, part of the custom ECharts build).
    #[wasm_bindgen(catch, js_namespace = echarts, js_name = cspwTooltips)]
    fn with_tooltips(option: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method)]
    fn dispose(this: &EChartsInstance);

    /// Server-side-style rendering with no element: `init(null, null, {renderer: 'svg', ssr: true, …})`.
    #[wasm_bindgen(catch, js_namespace = echarts, js_name = init)]
    fn echarts_init_detached(
        element: &JsValue,
        theme: &JsValue,
        options: &JsValue,
    ) -> Result<EChartsInstance, JsValue>;

    #[wasm_bindgen(catch, method, js_name = getDataURL)]
    fn get_data_url(this: &EChartsInstance, options: &JsValue) -> Result<String, JsValue>;

    #[wasm_bindgen(catch, method, js_name = renderToSVGString)]
    fn render_to_svg_string(this: &EChartsInstance) -> Result<String, JsValue>;

    #[wasm_bindgen(method, js_name = getWidth)]
    fn width(this: &EChartsInstance) -> f64;

    #[wasm_bindgen(method, js_name = getHeight)]
    fn height(this: &EChartsInstance) -> f64;
}

use super::js_object::object;

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
        let observed = element.clone();
        // The observer also reports the size it starts with, and ECharts redraws
        // on every `resize`: only a real change of size is passed on.
        let on_resize = Closure::<dyn FnMut()>::new(move || {
            let (w, h) = (
                f64::from(observed.client_width()),
                f64::from(observed.client_height()),
            );
            if (w - resize_target.width()).abs() >= 1.0 || (h - resize_target.height()).abs() >= 1.0
            {
                resize_target.resize();
            }
        });
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
        // Without it (an ECharts build other than ours) the chart still draws;
        // only its tooltips fall back to ECharts' own markup.
        let _ = with_tooltips(&option);
        self.instance
            .set_option(&option, &object(&[("notMerge", JsValue::TRUE)]))
            .map_err(|_| "the chart could not be drawn".to_string())?;
        super::first_chart_drawn();
        Ok(())
    }
}

impl ChartHandle {
    /// The chart as it is drawn, as a PNG `data:` URL at twice the screen's
    /// resolution, on white so it pastes cleanly into documents.
    pub fn png(&self) -> Result<String, String> {
        self.instance
            .get_data_url(&object(&[
                ("type", "png".into()),
                ("pixelRatio", 2.into()),
                ("backgroundColor", "#ffffff".into()),
            ]))
            .map_err(|_| "the chart could not be turned into an image".to_string())
    }

    /// The same option drawn again as SVG, at the chart's current size.
    pub fn svg(&self, option_json: &str) -> Result<String, String> {
        let failed = |_| "the chart could not be turned into SVG".to_string();
        let option = js_sys::JSON::parse(option_json).map_err(failed)?;
        let _ = js_sys::Reflect::set(&option, &"animation".into(), &JsValue::FALSE);
        let detached = echarts_init_detached(
            &JsValue::NULL,
            &JsValue::NULL,
            &object(&[
                ("renderer", "svg".into()),
                ("ssr", JsValue::TRUE),
                ("width", self.instance.width().into()),
                ("height", self.instance.height().into()),
            ]),
        )
        .map_err(failed)?;
        let result = detached
            .set_option(&option, &object(&[("notMerge", JsValue::TRUE)]))
            .map_err(failed)
            .and_then(|()| detached.render_to_svg_string().map_err(failed));
        detached.dispose();
        result
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

/// Draws an option off screen and returns it as PNG bytes: charts for the Word
/// export. The element is made, used and removed here.
pub fn render_png(option_json: &str, width: u32, height: u32) -> Result<Vec<u8>, String> {
    let failed = |_| "a chart could not be drawn for the document".to_string();
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("there is no page to draw on")?;
    let body = document.body().ok_or("there is no page to draw on")?;
    let element: web_sys::HtmlElement = document
        .create_element("div")
        .map_err(failed)?
        .dyn_into()
        .map_err(|_| "a chart could not be drawn for the document".to_string())?;
    let style = element.style();
    let _ = style.set_property("position", "absolute");
    let _ = style.set_property("left", "-10000px");
    let _ = style.set_property("width", &format!("{width}px"));
    let _ = style.set_property("height", &format!("{height}px"));
    body.append_child(&element).map_err(failed)?;
    let result = (|| {
        let instance = echarts_init(&element).map_err(failed)?;
        let option = js_sys::JSON::parse(option_json).map_err(failed)?;
        let _ = js_sys::Reflect::set(&option, &"animation".into(), &JsValue::FALSE);
        let drawn = instance
            .set_option(&option, &object(&[("notMerge", JsValue::TRUE)]))
            .map_err(failed)
            .and_then(|()| {
                instance
                    .get_data_url(&object(&[
                        ("type", "png".into()),
                        ("pixelRatio", 2.into()),
                        ("backgroundColor", "#ffffff".into()),
                    ]))
                    .map_err(failed)
            });
        instance.dispose();
        drawn
    })();
    element.remove();
    let url = result?;
    let encoded = url
        .split_once(',')
        .map(|(_, data)| data)
        .ok_or("a chart image came back empty")?;
    decode_base64(encoded).ok_or_else(|| "a chart image came back damaged".to_string())
}

fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let bytes: Vec<u8> = text
        .bytes()
        .filter(|b| *b != b'=' && !b.is_ascii_whitespace())
        .collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            n |= value(*c)? << (18 - 6 * i);
        }
        out.push((n >> 16) as u8);
        if chunk.len() > 2 {
            out.push((n >> 8) as u8);
        }
        if chunk.len() > 3 {
            out.push(n as u8);
        }
    }
    Some(out)
}
