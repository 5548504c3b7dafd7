//! Chart colours from the stylesheet's custom properties, so a council's own
//! theme (or a high-contrast one) reaches the charts too.

use crate::core::charts::Palette;

fn variable(style: &web_sys::CssStyleDeclaration, name: &str) -> Option<String> {
    let value = style.get_property_value(name).ok()?;
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// The palette in `:root`'s `--chart-*` variables, each falling back to the default.
pub fn css_palette() -> Palette {
    let mut palette = Palette::default();
    let style = web_sys::window().and_then(|w| {
        let root = w.document()?.document_element()?;
        w.get_computed_style(&root).ok().flatten()
    });
    let Some(style) = style else {
        return palette;
    };
    for (name, slot) in [
        ("--chart-local", &mut palette.local),
        ("--chart-county", &mut palette.county),
        ("--chart-other", &mut palette.other),
        ("--chart-baseline", &mut palette.baseline),
        ("--chart-target", &mut palette.target),
        ("--chart-projection", &mut palette.projection),
        ("--chart-worse", &mut palette.worse),
        ("--chart-better", &mut palette.better),
    ] {
        if let Some(value) = variable(&style, name) {
            *slot = value;
        }
    }
    for (i, slot) in palette.categorical.iter_mut().enumerate() {
        if let Some(value) = variable(&style, &format!("--chart-category-{}", i + 1)) {
            *slot = value;
        }
    }
    palette
}
