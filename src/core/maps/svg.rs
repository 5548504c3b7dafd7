//! A choropleth drawn as SVG text: one path per area, filled by class, with
//! its name and value as an accessible label and a hover title; the local area
//! outlined; a legend stating every class's range. The same text is shown in
//! the app, downloaded as SVG (and as PNG drawn from it) and put in the board pack.

use super::asset::LonLat;
use super::classes::Classes;
use super::projection::{Bounds, Projection};
use crate::core::escape::escape_html;

/// The widest and tallest a map is drawn, in SVG units (pixels at 100%).
pub const MAX_WIDTH: f64 = 640.0;
pub const MAX_HEIGHT: f64 = 560.0;
const MARGIN: f64 = 8.0;
const LEGEND_ROW: f64 = 22.0;
const FONT: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
/// Area edges: the neutral grey the charts use, which keeps 4.5:1 on white.
const EDGE: &str = "#5F6B7A";
const INK: &str = "#0b0c0c";

/// One area to draw.
#[derive(Clone, Debug)]
pub struct Shape<'a> {
    pub code: String,
    pub rings: Vec<&'a [LonLat]>,
    /// The class its value falls in; `None` = no figure.
    pub class: Option<usize>,
    /// What a screen reader and a hover say: "Tunbridge Wells: 8.2 per 1,000".
    pub label: String,
}

/// What the map shows.
#[derive(Clone, Debug)]
pub struct Drawing<'a> {
    /// Unique on the page: prefixes every element id.
    pub id: &'a str,
    pub title: &'a str,
    /// In the order a keyboard visits them (the table's order).
    pub shapes: Vec<Shape<'a>>,
    /// Drawn over the areas with a heavy line (the local area).
    pub outline: Vec<&'a [LonLat]>,
    pub outline_label: Option<String>,
    pub classes: &'a Classes,
    /// Above the legend's classes: "Per 1,000 population".
    pub legend_title: &'a str,
}

/// The id of the `i`th area's path (in keyboard order).
pub fn area_id(map_id: &str, i: usize) -> String {
    format!("{map_id}-area-{i}")
}

/// A ring as path data in tenths of a unit: an absolute move, then relative
/// steps, so the text stays short.
fn path_data(ring: &[LonLat], projection: &Projection, out: &mut String) {
    let mut last: Option<(i64, i64)> = None;
    for &point in ring {
        let (x, y) = projection.project(point);
        let p = ((x * 10.0).round() as i64, (y * 10.0).round() as i64);
        match last {
            None => out.push_str(&format!("M{} {}", tenths(p.0), tenths(p.1))),
            Some(l) if l == p => continue,
            Some(l) => out.push_str(&format!("l{} {}", tenths(p.0 - l.0), tenths(p.1 - l.1))),
        }
        last = Some(p);
    }
    if last.is_some() {
        out.push('z');
    }
}

/// Tenths as a decimal: 123 → "12.3", -5 → "-0.5", 40 → "4".
fn tenths(v: i64) -> String {
    let sign = if v < 0 { "-" } else { "" };
    let (whole, tenth) = (v.abs() / 10, v.abs() % 10);
    if tenth == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{tenth}")
    }
}

/// The map as a standalone SVG document (it carries its own size, fonts and
/// colours, so it downloads and prints as drawn), with its width and height.
/// `None` when no area has an outline.
pub fn draw(d: &Drawing) -> Option<(String, f64, f64)> {
    let bounds = Bounds::around(
        d.shapes
            .iter()
            .flat_map(|s| s.rings.iter().copied().flatten()),
    )?;
    let projection = Projection::fit(bounds, MAX_WIDTH, MAX_HEIGHT, MARGIN);
    let width = MAX_WIDTH;
    // The map is centred when narrower than the legend below it.
    let shift = ((width - projection.width) / 2.0).max(0.0);
    let legend_rows = d.classes.classes.len() + 1 + usize::from(d.outline_label.is_some()) + 1;
    let legend_top = projection.height + 12.0;
    let height = legend_top + legend_rows as f64 * LEGEND_ROW + MARGIN;
    let no_figure = format!("{}-no-figure", d.id);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" \
         font-family=\"{FONT}\" font-size=\"14\" fill=\"{INK}\" role=\"group\" aria-label=\"{title}\">\
         <title>{title}</title>\
         <defs><pattern id=\"{no_figure}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">\
         <rect width=\"6\" height=\"6\" fill=\"#ffffff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#8c8c8c\" stroke-width=\"2\"/></pattern></defs>\
         <rect width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>\
         <g class=\"map-areas\" transform=\"translate({shift} 0)\" stroke=\"{EDGE}\" stroke-width=\"0.6\" stroke-linejoin=\"round\" fill-rule=\"evenodd\">",
        w = tenths((width * 10.0).round() as i64),
        h = tenths((height * 10.0).round() as i64),
        title = escape_html(d.title),
        shift = tenths((shift * 10.0).round() as i64),
    );
    for (i, shape) in d.shapes.iter().enumerate() {
        let mut data = String::new();
        for ring in &shape.rings {
            path_data(ring, &projection, &mut data);
        }
        let (fill, class) = match shape
            .class
            .and_then(|c| d.classes.classes.get(c).map(|k| (c, k)))
        {
            Some((c, k)) => (k.colour.to_string(), c.to_string()),
            None => (format!("url(#{no_figure})"), "none".to_string()),
        };
        // One tab stop for the whole map: the first area; arrow keys move between them.
        let tabindex = if i == 0 { "0" } else { "-1" };
        svg.push_str(&format!(
            "<path id=\"{id}\" class=\"map-area\" d=\"{data}\" fill=\"{fill}\" data-code=\"{code}\" data-class=\"{class}\" \
             tabindex=\"{tabindex}\" role=\"img\" aria-label=\"{label}\"><title>{label}</title></path>",
            id = escape_html(&area_id(d.id, i)),
            code = escape_html(&shape.code),
            label = escape_html(&shape.label),
        ));
    }
    svg.push_str("</g>");
    if !d.outline.is_empty() {
        let mut data = String::new();
        for ring in &d.outline {
            path_data(ring, &projection, &mut data);
        }
        svg.push_str(&format!(
            "<path class=\"map-outline\" transform=\"translate({shift} 0)\" d=\"{data}\" fill=\"none\" stroke=\"{INK}\" \
             stroke-width=\"3\" stroke-linejoin=\"round\" pointer-events=\"none\"/>",
            shift = tenths((shift * 10.0).round() as i64),
        ));
    }
    // The legend: what each colour means, in words.
    let mut y = legend_top;
    svg.push_str(&format!(
        "<g class=\"map-legend\"><text x=\"{MARGIN}\" y=\"{}\" font-weight=\"700\">{}</text>",
        tenths(((y + 15.0) * 10.0).round() as i64),
        escape_html(d.legend_title)
    ));
    y += LEGEND_ROW;
    let row = |fill: &str, text: &str, y: f64, outline: bool| {
        let stroke = if outline { (INK, "3") } else { (EDGE, "1") };
        format!(
            "<rect x=\"{MARGIN}\" y=\"{}\" width=\"28\" height=\"16\" fill=\"{fill}\" stroke=\"{}\" stroke-width=\"{}\"/>\
             <text x=\"{}\" y=\"{}\">{}</text>",
            tenths(((y + 2.0) * 10.0).round() as i64),
            stroke.0,
            stroke.1,
            MARGIN + 38.0,
            tenths(((y + 15.0) * 10.0).round() as i64),
            escape_html(text)
        )
    };
    for class in &d.classes.classes {
        svg.push_str(&row(class.colour, &class.label, y, false));
        y += LEGEND_ROW;
    }
    svg.push_str(&row(&format!("url(#{no_figure})"), "no figure", y, false));
    y += LEGEND_ROW;
    if let Some(label) = &d.outline_label {
        svg.push_str(&row("none", label, y, true));
    }
    svg.push_str("</g></svg>");
    Some((svg, width, height))
}

#[cfg(test)]
mod tests {
    use super::super::classes;
    use super::*;

    #[test]
    fn areas_are_paths_with_their_class_label_and_keyboard_order() {
        let a: Vec<LonLat> = vec![(0.0, 51.0), (0.1, 51.0), (0.1, 51.1), (0.0, 51.1)];
        let b: Vec<LonLat> = vec![(0.1, 51.0), (0.2, 51.0), (0.2, 51.1), (0.1, 51.1)];
        let classes = classes::sequential(&[1.0, 3.0], 1, &|v| format!("{v:.1}"));
        let d = Drawing {
            id: "m",
            title: "Crime <by> area",
            shapes: vec![
                Shape {
                    code: "E1".into(),
                    rings: vec![&a],
                    class: Some(0),
                    label: "A & Co: 1.0".into(),
                },
                Shape {
                    code: "E2".into(),
                    rings: vec![&b],
                    class: None,
                    label: "B: no figure".into(),
                },
            ],
            outline: vec![&a],
            outline_label: Some("Outlined: A".into()),
            classes: &classes,
            legend_title: "Per 1,000",
        };
        let (svg, width, height) = draw(&d).unwrap();
        assert!(width == MAX_WIDTH && height > 100.0);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains("aria-label=\"Crime &lt;by&gt; area\""));
        assert!(svg.contains("id=\"m-area-0\" class=\"map-area\" d=\"M8 "));
        assert!(svg.contains("fill=\"#9ecae1\" data-code=\"E1\" data-class=\"0\" tabindex=\"0\""));
        assert!(svg.contains("aria-label=\"A &amp; Co: 1.0\"><title>A &amp; Co: 1.0</title>"));
        assert!(svg.contains(
            "fill=\"url(#m-no-figure)\" data-code=\"E2\" data-class=\"none\" tabindex=\"-1\""
        ));
        assert!(svg.contains("class=\"map-outline\""));
        assert!(svg.contains(">under 3.0</text>") && svg.contains(">3.0 and over</text>"));
        assert!(svg.contains(">Outlined: A</text>"));
        assert_eq!(svg.matches("<path").count(), 3);
        assert!(svg.ends_with("</g></svg>"));
        assert_eq!(tenths(-5), "-0.5");
        assert_eq!(tenths(40), "4");
        assert_eq!(tenths(123), "12.3");
    }

    #[test]
    fn nothing_to_draw_is_none() {
        let classes = classes::sequential(&[], 1, &|v| v.to_string());
        let d = Drawing {
            id: "m",
            title: "",
            shapes: vec![],
            outline: vec![],
            outline_label: None,
            classes: &classes,
            legend_title: "",
        };
        assert!(draw(&d).is_none());
    }
}
