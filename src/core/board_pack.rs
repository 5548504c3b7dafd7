//! The board pack: one self-contained HTML file — findings, targets, charts,
//! their numbers and ECharts itself inlined — that a board member opens from an
//! email attachment with no network and nothing installed, and prints one
//! priority per page.

use crate::core::assessment::report;
use crate::core::assessment::Assessment;
use crate::core::board::{board_items, BoardChart, BoardItem};
use crate::core::board_where;
use crate::core::charts::{ChartTable, Palette};
use crate::core::escape::escape_html;
use crate::core::export::common::base64;
use crate::core::overview::{one_page, sparkline_points, sparkline_text, Overview};
use sha2::{Digest, Sha256};
use std::fmt::Write;

/// Draws every chart from the JSON block, as SVG so printing stays sharp.
const INIT_SCRIPT: &str = r#"(function () {
  var data = JSON.parse(document.getElementById('chart-data').textContent);
  var charts = [];
  document.querySelectorAll('[data-chart]').forEach(function (el) {
    var option = data[el.getAttribute('data-chart')];
    if (!option || typeof echarts === 'undefined') return;
    var chart = echarts.init(el, null, { renderer: 'svg' });
    option.animation = false;
    // Tooltip content the pack's CSP allows (no inline styles): see tools/echarts-tooltip.mjs.
    if (typeof echarts.cspwTooltips === 'function') echarts.cspwTooltips(option);
    chart.setOption(option, { notMerge: true });
    charts.push(chart);
  });
  function resize() { charts.forEach(function (c) { c.resize(); }); }
  window.addEventListener('resize', resize);
  window.addEventListener('beforeprint', resize);
  window.addEventListener('afterprint', resize);
  document.documentElement.setAttribute('data-charts-drawn', String(charts.length));
})();"#;

/// The pack's own rules; [`style`] adds the charts' tooltip rules.
const STYLE: &str = r#"
:root { color: #0b0c0c; background: #fff; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; line-height: 1.5; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
h1 { font-size: 1.9rem; margin: 0 0 0.25rem; }
h2 { font-size: 1.45rem; margin: 2rem 0 0.5rem; border-top: 4px solid #12355b; padding-top: 0.75rem; }
h3 { font-size: 1.1rem; margin: 1.25rem 0 0.25rem; }
.lede { color: #484f58; font-size: 1.05rem; }
.recommendation { font-weight: 700; font-size: 1.1rem; }
.override { color: #484f58; }
table { border-collapse: separate; border-spacing: 0; width: 100%; margin: 0; }
.wide-table { overflow-x: auto; position: relative; max-width: 100%; margin: 0.5rem 0 1rem; }
.wide-table:focus { outline: 3px solid #ffdd00; box-shadow: 0 0 0 5px #0b0c0c; }
.wide-table > table > * > tr > :first-child { position: sticky; left: 0; background: #fff; box-shadow: inset -1px 0 0 #b1b4b6; }
body { overflow-wrap: anywhere; }
.wide-table th, .wide-table td { overflow-wrap: break-word; }
@media (max-width: 40rem) { body { padding: 1rem 0.75rem; } h1 { font-size: 1.6rem; } .chart { height: 18rem; } }
caption { text-align: left; font-weight: 700; padding: 0.35rem 0; }
th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid #b1b4b6; vertical-align: top; }
thead th { border-bottom: 2px solid #0b0c0c; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.rag { display: inline-block; padding: 0 0.45rem; font-weight: 700; border: 2px solid #0b0c0c; white-space: nowrap; }
.rag-green { background: #cce8d4; color: #0b3d1b; }
.rag-amber { background: #ffe7a8; color: #4a3300; }
.rag-red { background: #f6d0d3; color: #6b0a12; }
.rag-grey { background: #f3f2f1; color: #0b0c0c; }
.chart { width: 100%; height: 22rem; }
.map svg { display: block; width: 100%; max-width: 40rem; height: auto; }
figure { margin: 1rem 0; }
figcaption { color: #484f58; font-size: 0.95rem; }
details summary { cursor: pointer; color: #1d5fa0; }
footer { margin-top: 2rem; color: #484f58; font-size: 0.9rem; border-top: 1px solid #b1b4b6; padding-top: 0.5rem; }
.overview-table td, .overview-table th { font-size: 0.9rem; }
.marker-worse { color: #8a1c1c; font-weight: 700; }
.marker-better { color: #0b5d2a; }
.marker-unjudged { color: #3b4a5c; }
@media print {
  @page { size: A4; margin: 12mm; }
  @page overview { size: A4 landscape; margin: 10mm; }
  /* The title and the overview share the first, landscape, sheet. */
  h1, .lede, .overview { page: overview; }
  h1 { font-size: 14pt; }
  .lede { font-size: 8pt; margin: 0; }
  .overview h2 { font-size: 12pt; margin: 0.25rem 0; }
  .overview { break-after: page; }
  .overview-table td, .overview-table th { font-size: 8pt; padding: 0.15rem 0.3rem; }
  .overview .chart { height: 9rem; }
  .overview .why { display: none; }
  :root { font-size: 10.5pt; }
  body { max-width: none; padding: 0; }
  .priority { break-before: page; page-break-before: always; }
  h2 { border-top: none; padding-top: 0; margin-top: 0; }
  figure { margin: 0.4rem 0; }
  .chart { height: 10rem; break-inside: avoid; }
  .map svg { max-height: 14rem; break-inside: avoid; }
  /* Two charts side by side, so an issue with its trend, target and funnel fits its page. */
  .priority figure { display: inline-block; width: 49%; vertical-align: top; }
  figcaption { font-size: 8pt; }
  details { display: none; }
  footer { display: none; }
  .wide-table { overflow: visible; }
  .wide-table > table > * > tr > :first-child { position: static; box-shadow: none; }
}
"#;

/// The pack's whole stylesheet: its own rules and the chart tooltips'.
fn style() -> String {
    format!("{STYLE}{}", crate::core::charts::TOOLTIP_CSS)
}

/// JSON that cannot close the `<script>` element it sits in: `<` only occurs
/// inside JSON strings, where `\u003c` means the same.
fn script_safe_json(json: &str) -> String {
    json.replace('<', "\\u003c")
}

/// The CSP source for an inline script or style: `'sha256-…'`.
pub fn csp_hash(content: &str) -> String {
    format!("'sha256-{}'", base64(&Sha256::digest(content.as_bytes())))
}

/// A table that, on a phone, scrolls sideways inside its own region (named by
/// its caption, focusable) with its first column kept in view, as in the app.
fn wide_table_html(caption_id: &str, caption: &str, inner: &str) -> String {
    let id = escape_html(caption_id);
    format!(
        "<div class=\"wide-table\" role=\"region\" tabindex=\"0\" aria-labelledby=\"{id}\">\
         <table><caption id=\"{id}\">{}</caption>{inner}</table></div>",
        escape_html(caption)
    )
}

fn table_html(caption_id: &str, table: &ChartTable) -> String {
    let mut html = String::from("<thead><tr>");
    for h in &table.headers {
        let _ = write!(html, "<th scope=\"col\">{}</th>", escape_html(h));
    }
    html.push_str("</tr></thead><tbody>");
    for row in &table.rows {
        html.push_str("<tr>");
        for cell in row {
            let _ = write!(html, "<td>{}</td>", escape_html(cell));
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody>");
    wide_table_html(caption_id, &table.caption, &html)
}

fn chart_html(chart: &BoardChart) -> String {
    if let Some(svg) = &chart.svg {
        // A map is SVG already: in the page as it is, without the app's
        // keyboard stops (the pack has no script to move between areas; its
        // table holds every area's figure).
        let svg = svg
            .replace(" tabindex=\"0\"", "")
            .replace(" tabindex=\"-1\"", "");
        return format!(
            "<figure class=\"map\">{svg}<figcaption>{desc}</figcaption>\
             <details><summary>The numbers behind the map</summary>{table}</details></figure>",
            desc = escape_html(&chart.description),
            table = table_html(&format!("{}-numbers", chart.id), &chart.table),
        );
    }
    format!(
        "<figure><div class=\"chart\" data-chart=\"{id}\" role=\"img\" aria-label=\"{desc}\"></div>\
         <figcaption>{desc}</figcaption>\
         <details><summary>The numbers behind the chart</summary>{table}</details></figure>",
        id = escape_html(&chart.id),
        desc = escape_html(&chart.description),
        table = table_html(&format!("{}-numbers", chart.id), &chart.table),
    )
}

fn rag_html(label: &str, rag: &str) -> String {
    format!(
        "<span class=\"rag rag-{}\">{}</span>",
        rag.to_lowercase(),
        escape_html(label)
    )
}

fn priority_html(
    item: &BoardItem,
    charts: &[&BoardChart],
    place: Option<&board_where::WhereItHappens>,
) -> String {
    let mut html = String::from("<section class=\"priority\">");
    let _ = write!(html, "<h2>{}</h2>", escape_html(&item.issue));
    let _ = write!(
        html,
        "<p class=\"recommendation\">{}</p>",
        escape_html(&item.recommendation)
    );
    if let Some(reason) = &item.override_reason {
        let _ = write!(
            html,
            "<p class=\"override\">The partnership decided this against the scoring matrix: {}</p>",
            escape_html(reason)
        );
    }
    for t in &item.targets {
        let _ = write!(
            html,
            "<p>{} <strong>{}</strong> {}</p>",
            rag_html(t.status.label(), t.status.rag().label()),
            escape_html(&t.target.description),
            escape_html(&t.sentence)
        );
    }
    if !item.findings.is_empty() {
        html.push_str("<h3>Key findings</h3><ul>");
        for f in &item.findings {
            let _ = write!(html, "<li>{}</li>", escape_html(&f.text));
        }
        html.push_str("</ul>");
    }
    let (where_charts, charts): (Vec<&BoardChart>, Vec<&BoardChart>) =
        charts.iter().partition(|c| board_where::is_where_chart(c));
    for chart in charts {
        html.push_str(&chart_html(chart));
    }
    if let Some(w) = place {
        // Where it happens: the register's findings, the busiest shares, then
        // the Lorenz curve and crime by deprivation with their numbers.
        html.push_str("<h3>Where it happens</h3>");
        if !w.findings.is_empty() {
            html.push_str("<ul>");
            for f in &w.findings {
                let _ = write!(html, "<li>{}</li>", escape_html(&f.text));
            }
            html.push_str("</ul>");
        }
        html.push_str(&table_html(
            &format!("where-{}-busiest", crate::core::id::stable_id(&w.measure)),
            &w.busiest,
        ));
        for chart in where_charts {
            html.push_str(&chart_html(chart));
        }
    }
    html.push_str("</section>");
    html
}

/// The spine chart's id: it is drawn on the overview, not among the general charts.
pub const SPINE_ID: &str = "spine";

/// The overview as the pack's first page: a row per issue, the markers with
/// their tests in words, and the spine chart.
pub fn overview_html(o: &Overview, spine: Option<&BoardChart>) -> String {
    let county = o.county.as_deref().unwrap_or("the county");
    let mut html = String::from("<section class=\"overview\"><h2>The assessment on one page</h2>");
    let _ = write!(
        html,
        "<table class=\"overview-table\"><caption>Every issue, the most pressing first: worse than {} and worsening, then either</caption>\
         <thead><tr><th scope=\"col\">Issue</th><th scope=\"col\" class=\"num\">Latest</th><th scope=\"col\">Trend</th>\
         <th scope=\"col\">Against {}</th><th scope=\"col\">Against its past</th><th scope=\"col\">Targets</th>\
         <th scope=\"col\">Recommendation</th></tr></thead><tbody>",
        escape_html(county),
        escape_html(county)
    );
    for r in &o.rows {
        let values: Vec<f64> = r.trend.iter().map(|(_, v)| *v).collect();
        let rag = match r.rag {
            Some(rag) => rag_html(&r.targets, rag.label()),
            None => escape_html(&r.targets),
        };
        let _ = write!(
            html,
            "<tr><th scope=\"row\">{issue}<br><small title=\"{why}\">{polarity}</small></th><td class=\"num\">{latest}<br><small>{period}</small></td>\
             <td><svg class=\"sparkline\" role=\"img\" aria-label=\"{spark_text}\" width=\"84\" height=\"24\" viewBox=\"-2 -2 84 24\">\
             <polyline fill=\"none\" stroke=\"#0072B2\" stroke-width=\"2\" points=\"{points}\"/></svg></td>\
             <td class=\"marker marker-{cc}\"><span aria-hidden=\"true\">{cs}</span> {cl} <small>{cf}</small><span class=\"why\"><br><small>{csent}</small></span></td>\
             <td class=\"marker marker-{pc}\"><span aria-hidden=\"true\">{ps}</span> {pl} <small>{pf}</small><span class=\"why\"><br><small>{psent}</small></span></td>\
             <td>{rag}</td><td>{rec}</td></tr>",
            issue = escape_html(&r.issue),
            polarity = escape_html(r.polarity.polarity.short()),
            why = escape_html(&r.polarity.sentence()),
            latest = escape_html(&r.latest),
            period = escape_html(&r.period),
            spark_text = escape_html(&sparkline_text(r)),
            points = sparkline_points(&values, 80.0, 20.0),
            cc = r.county.state.class(),
            cs = r.county.symbol,
            cl = r.county.state.label(),
            cf = escape_html(&r.county.figures),
            csent = escape_html(&r.county.sentence),
            pc = r.past.state.class(),
            ps = r.past.symbol,
            pl = r.past.state.label(),
            pf = escape_html(&r.past.figures),
            psent = escape_html(&r.past.sentence),
            rec = escape_html(&r.recommendation),
        );
    }
    html.push_str("</tbody></table>");
    if let Some(chart) = spine {
        html.push_str(&chart_html(chart));
    }
    html.push_str("</section>");
    html
}

/// The charts' options as one JSON object keyed by chart id.
fn charts_json(charts: &[BoardChart]) -> String {
    let mut json = String::from("{");
    for (i, c) in charts.iter().filter(|c| c.svg.is_none()).enumerate() {
        if i > 0 {
            json.push(',');
        }
        let _ = write!(
            json,
            "{}:{}",
            serde_json::to_string(&c.id).unwrap_or_else(|_| "\"\"".into()),
            c.option_json
        );
    }
    json.push('}');
    json
}

/// The whole pack. Each chart goes on its measure's page, or on the general page;
/// `echarts_js` is the ECharts build the app itself uses; `generated` is the date
/// shown in the footer ("26 November 2026").
pub fn board_pack_html<'a>(
    data: impl Into<crate::core::assessment::figures::Figures<'a>>,
    a: &Assessment,
    charts: &[BoardChart],
    echarts_js: &str,
    generated: &str,
) -> String {
    let figures = data.into();
    let data = figures.data;
    let (overview, spine) = one_page(figures, a, &Palette::default());
    let spine = spine.map(|s| BoardChart::new("", s));
    let mut charts = charts.to_vec();
    charts.extend(spine.clone());
    let charts = charts.as_slice();
    // ECharts holds no closing script tag today; make sure a future build cannot end the element early.
    let echarts_js = echarts_js.replace("</script", "<\\/script");
    let echarts_js = echarts_js.as_str();
    let items = board_items(a);
    let title = format!("Board pack: {}", report::heading(a));
    let data_json = script_safe_json(&charts_json(charts));
    let style = style();
    let csp = format!(
        "default-src 'none'; script-src {} {}; style-src {}; img-src data:; base-uri 'none'; form-action 'none'",
        csp_hash(echarts_js),
        csp_hash(INIT_SCRIPT),
        csp_hash(&style)
    );

    let mut body = String::new();
    let _ = write!(
        body,
        "<h1>{}</h1><p class=\"lede\">{}. The priorities the partnership's assessment recommends, \
         how their targets stand, and the figures behind them. Everything in this file works \
         offline; nothing is fetched.</p>",
        escape_html("Board pack"),
        escape_html(&report::heading(a))
    );
    // The first page: every issue on one A4 landscape sheet.
    body.push_str(&overview_html(&overview, spine.as_ref()));
    if !a.targets.is_empty() {
        let mut targets = String::from(
            "<thead><tr><th scope=\"col\">Priority</th>\
             <th scope=\"col\">Target</th><th scope=\"col\">Status</th><th scope=\"col\">Why</th>\
             </tr></thead><tbody>",
        );
        for t in &a.targets {
            let _ = write!(
                targets,
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape_html(&t.target.priority),
                escape_html(&t.target.description),
                rag_html(t.status.label(), t.status.rag().label()),
                escape_html(&t.sentence)
            );
        }
        targets.push_str("</tbody>");
        body.push_str(&wide_table_html("pack-targets", "Targets", &targets));
    }
    for item in &items {
        let own: Vec<&BoardChart> = charts
            .iter()
            .filter(|c| c.measure == item.measure)
            .collect();
        let place =
            board_where::where_it_happens(data, a, &item.measure, None, &Palette::default());
        body.push_str(&priority_html(item, &own, place.as_ref()));
    }
    let general: Vec<&BoardChart> = charts
        .iter()
        .filter(|c| c.id != SPINE_ID && !items.iter().any(|i| i.measure == c.measure))
        .collect();
    if !general.is_empty() {
        body.push_str("<section class=\"priority general\"><h2>Across the assessment</h2>");
        for chart in general {
            body.push_str(&chart_html(chart));
        }
        body.push_str("</section>");
    }
    let _ = write!(
        body,
        "<footer>Made with CSP Workbench on {}. Figures are traceable to the partners' \
         spreadsheets named in the workbench.</footer>",
        escape_html(generated)
    );

    format!(
        "<!doctype html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>{style}</style></head><body>{body}\
         <script type=\"application/json\" id=\"chart-data\">{data_json}</script>\
         <script>{echarts_js}</script><script>{INIT_SCRIPT}</script></body></html>\n",
        title = escape_html(&title),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_as_browsers_compute_them() {
        // echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert_eq!(
            csp_hash("alert(1)"),
            "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
        );
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(base64(b"M"), "TQ==");
        assert_eq!(base64(b"Man"), "TWFu");
    }

    #[test]
    fn nothing_closes_a_script_or_opens_a_tag() {
        let json = script_safe_json(r#"{"a":"</script><!--"}"#);
        assert_eq!(json, r#"{"a":"\u003c/script>\u003c!--"}"#);
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["a"], "</script><!--");
        assert_eq!(
            escape_html("<b>\"Kent\" & 'Medway'</b>"),
            "&lt;b&gt;&quot;Kent&quot; &amp; &#39;Medway&#39;&lt;/b&gt;"
        );
    }
}
