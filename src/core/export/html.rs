//! The document as one standalone HTML page to print (or save as PDF) from the
//! browser: A4, plain fonts, each section from a new page, headings kept with
//! what follows, table rows never split, charts inline as data URLs. No scripts
//! and nothing fetched: the Content-Security-Policy allows only inline style
//! and `data:` images.

use super::common::{base64, clean_lines, html_text, image_size, is_png, needs_title};
use super::document::{Block, Document, Run};

/// The page's Content-Security-Policy.
pub const PRINT_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE: &str = r#"
@page { size: A4; margin: 20mm 20mm 22mm 20mm; }
html { font-family: Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.45; color: #0b0c0c; background: #fff; }
body { max-width: 170mm; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 22pt; margin: 0 0 12pt; }
h2 { font-size: 16pt; margin: 18pt 0 8pt; }
h3 { font-size: 13pt; margin: 14pt 0 6pt; }
h4, h5, h6 { font-size: 11pt; margin: 12pt 0 6pt; }
p, ul { margin: 0 0 8pt; }
ul { padding-left: 18pt; }
li { margin-bottom: 3pt; }
table { border-collapse: collapse; width: 100%; margin: 0 0 12pt; font-size: 10pt; }
caption { text-align: left; font-weight: bold; padding-bottom: 4pt; }
th, td { border: 1px solid #505a5f; padding: 3pt 5pt; text-align: left; vertical-align: top; }
th { background: #f3f2f1; font-weight: bold; }
figure { margin: 0 0 12pt; }
img { max-width: 100%; height: auto; }
.missing-image { font-style: italic; }
@media print {
  body { max-width: none; margin: 0; padding: 0; }
  h1, h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; break-inside: avoid; page-break-inside: avoid; }
  h1 + *, h2 + *, h3 + *, h4 + *, h5 + *, h6 + * { break-before: avoid; page-break-before: avoid; }
  h2 { break-before: page; page-break-before: always; }
  h2.first { break-before: auto; page-break-before: auto; }
  thead { display: table-header-group; }
  tr, th, td { break-inside: avoid; page-break-inside: avoid; }
  figure, img, caption { break-inside: avoid; page-break-inside: avoid; }
  p { orphans: 3; widows: 3; }
}
"#;

/// The document as a standalone, print-ready HTML page.
pub fn to_print_html(doc: &Document) -> String {
    let mut body = String::new();
    if needs_title(doc) {
        body.push_str(&format!("<h1>{}</h1>\n", line_text(&doc.title)));
    }
    let mut first_h2 = true;
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text } => {
                let level = (*level).clamp(1, 6);
                let class = if level == 2 && first_h2 {
                    first_h2 = false;
                    " class=\"first\""
                } else {
                    ""
                };
                body.push_str(&format!(
                    "<h{level}{class}>{}</h{level}>\n",
                    line_text(text)
                ));
            }
            Block::Paragraph(runs) => {
                body.push_str(&format!("<p>{}</p>\n", runs_html(runs)));
            }
            Block::Bullets(items) => {
                body.push_str("<ul>\n");
                for item in items {
                    body.push_str(&format!("<li>{}</li>\n", runs_html(item)));
                }
                body.push_str("</ul>\n");
            }
            Block::Table {
                caption,
                header,
                rows,
            } => body.push_str(&table_html(caption.as_deref(), header, rows)),
            Block::Image {
                png,
                width_px,
                height_px,
                alt,
            } => {
                if is_png(png) {
                    let (w, h) = image_size(png, *width_px, *height_px);
                    body.push_str(&format!(
                        "<figure><img src=\"data:image/png;base64,{}\" width=\"{w}\" height=\"{h}\" alt=\"{}\"></figure>\n",
                        base64(png),
                        line_text(alt)
                    ));
                } else {
                    body.push_str(&format!(
                        "<p class=\"missing-image\">[Chart: {}]</p>\n",
                        line_text(alt)
                    ));
                }
            }
        }
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{PRINT_CSP}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"CSP Workbench\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
        line_text(&doc.title)
    )
}

/// Text on one line (a heading, cell or alt text), escaped.
fn line_text(text: &str) -> String {
    let text = clean_lines(text);
    let words: Vec<&str> = text.split('\n').map(str::trim).collect();
    html_text(words.join(" ").trim())
}

/// Text whose line breaks are kept, as `<br>`.
fn multiline_text(text: &str) -> String {
    clean_lines(text)
        .split('\n')
        .map(html_text)
        .collect::<Vec<_>>()
        .join("<br>")
}

fn runs_html(runs: &[Run]) -> String {
    runs.iter()
        .map(|run| {
            let text = multiline_text(&run.text);
            if run.bold && !text.is_empty() {
                format!("<strong>{text}</strong>")
            } else {
                text
            }
        })
        .collect()
}

fn table_html(caption: Option<&str>, header: &[String], rows: &[Vec<String>]) -> String {
    let columns = rows
        .iter()
        .map(Vec::len)
        .chain([header.len()])
        .max()
        .unwrap_or(0);
    if columns == 0 {
        return String::new();
    }
    let mut out = String::from("<table>\n");
    if let Some(caption) = caption.filter(|c| !c.trim().is_empty()) {
        out.push_str(&format!("<caption>{}</caption>\n", line_text(caption)));
    }
    if !header.is_empty() {
        out.push_str("<thead><tr>");
        for i in 0..columns {
            let cell = header.get(i).map(|c| multiline_text(c)).unwrap_or_default();
            out.push_str(&format!("<th scope=\"col\">{cell}</th>"));
        }
        out.push_str("</tr></thead>\n");
    }
    out.push_str("<tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for i in 0..columns {
            let cell = row.get(i).map(|c| multiline_text(c)).unwrap_or_default();
            out.push_str(&format!("<td>{cell}</td>"));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_first_section_skips_the_page_break() {
        let doc = Document {
            title: "Plan".into(),
            blocks: vec![
                Block::Heading {
                    level: 2,
                    text: "One".into(),
                },
                Block::Heading {
                    level: 2,
                    text: "Two".into(),
                },
            ],
        };
        let html = to_print_html(&doc);
        assert!(html.contains("<h2 class=\"first\">One</h2>"));
        assert!(html.contains("<h2>Two</h2>"));
        assert!(html.contains("<h1>Plan</h1>"));
    }
}
