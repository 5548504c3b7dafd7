//! The ".xls" that web systems export is often an HTML table. This reads the
//! cells of every `<table>` into grids, tolerating the loose markup those
//! exports have (unclosed cells, attributes, entities, `colspan`).

use super::cell::Cell;
use super::workbook::Grid;

/// Whether bytes look like HTML rather than a workbook or plain text.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let head: String = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)])
        .trim_start_matches('\u{feff}')
        .trim_start()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<table")
        || (head.starts_with('<') && head.contains("<table"))
}

/// One grid per `<table>`, in document order.
pub fn read_html_tables(text: &str) -> Vec<Grid> {
    let lower = text.to_ascii_lowercase();
    let mut grids = Vec::new();
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut in_table = false;
    let mut cell: Option<(String, usize)> = None;
    let mut i = 0;
    while let Some(offset) = lower[i..].find('<') {
        let start = i + offset;
        if let Some((content, _)) = cell.as_mut() {
            content.push_str(&text[i..start]);
        }
        let Some(end_offset) = lower[start..].find('>') else {
            break;
        };
        let end = start + end_offset;
        let tag = &lower[start + 1..end];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let closing = tag.starts_with('/');
        match (name.as_str(), closing) {
            ("table", false) => {
                in_table = true;
                rows.clear();
            }
            ("table", true) => {
                finish_cell(&mut cell, &mut rows);
                if in_table && !rows.is_empty() {
                    grids.push(Grid {
                        rows: std::mem::take(&mut rows),
                        origin: (0, 0),
                    });
                }
                in_table = false;
            }
            ("tr", false) if in_table => {
                finish_cell(&mut cell, &mut rows);
                rows.push(Vec::new());
            }
            ("td" | "th", false) if in_table => {
                finish_cell(&mut cell, &mut rows);
                if rows.is_empty() {
                    rows.push(Vec::new());
                }
                cell = Some((String::new(), colspan(tag)));
            }
            ("td" | "th" | "tr", true) => finish_cell(&mut cell, &mut rows),
            ("br" | "p" | "div", _) => {
                if let Some((content, _)) = cell.as_mut() {
                    content.push(' ');
                }
            }
            _ => {}
        }
        i = end + 1;
    }
    grids
}

fn colspan(tag: &str) -> usize {
    tag.find("colspan=")
        .map(|p| &tag[p + 8..])
        .map(|rest| {
            rest.trim_start_matches(['"', '\''])
                .chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
        })
        .and_then(|digits| digits.parse().ok())
        .unwrap_or(1)
        .clamp(1, 256)
}

fn finish_cell(cell: &mut Option<(String, usize)>, rows: &mut [Vec<Cell>]) {
    let Some((content, span)) = cell.take() else {
        return;
    };
    let Some(row) = rows.last_mut() else {
        return;
    };
    let text = decode_entities(
        content
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .as_str(),
    );
    row.push(if text.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(text)
    });
    // A spanning label is the header of each column it spans; later cells are left empty.
    row.extend(std::iter::repeat_n(Cell::Empty, span - 1));
}

fn decode_entities(text: &str) -> String {
    text.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&pound;", "£")
        .replace("&amp;", "&")
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_export_markup() {
        let html = "<html><body><table border=1><tr><th>Area<th colspan=\"2\">Crimes</tr>\
                    <tr><td>Kent &amp; Medway</td><td>1,319<td>12</td></tr></table></body></html>";
        assert!(looks_like_html(html.as_bytes()));
        let grids = read_html_tables(html);
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!(
            g.rows[0],
            [
                Cell::Text("Area".into()),
                Cell::Text("Crimes".into()),
                Cell::Empty
            ]
        );
        assert_eq!(g.rows[1][0], Cell::Text("Kent & Medway".into()));
        assert_eq!(g.rows[1][1], Cell::Text("1,319".into()));
        assert_eq!(g.rows[1][2], Cell::Text("12".into()));
    }

    #[test]
    fn not_html() {
        assert!(!looks_like_html(b"Area,Value\nKent,1"));
    }
}
