//! The document as Markdown (CommonMark with GitHub's pipe tables). User text
//! is escaped so it cannot become markup: no raw HTML, no accidental emphasis,
//! links, headings, lists or quotes. Charts are referenced as `chart-N.png`,
//! files saved next to the Markdown ([`image_files`] gives them).

use super::common::{clean_lines, needs_title};
use super::document::{Block, Document, Run};

/// The document as Markdown text, ending with a newline.
pub fn to_markdown(doc: &Document) -> String {
    let mut blocks: Vec<String> = Vec::new();
    let titled = needs_title(doc);
    if titled {
        blocks.push(format!("# {}", heading_text(&doc.title)));
    }
    let mut image = 0;
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text } => {
                let hashes = "#".repeat((*level).clamp(1, 6) as usize);
                blocks.push(format!("{hashes} {}", heading_text(text)));
            }
            Block::Paragraph(runs) => {
                let text = paragraph(runs, "");
                if !text.is_empty() {
                    blocks.push(text);
                }
            }
            Block::Bullets(items) => {
                let list: Vec<String> = items
                    .iter()
                    .map(|item| {
                        format!("- {}", paragraph(item, "  "))
                            .trim_end()
                            .to_string()
                    })
                    .collect();
                if !list.is_empty() {
                    blocks.push(list.join("\n"));
                }
            }
            Block::Table {
                caption,
                header,
                rows,
            } => {
                if let Some(caption) = caption.as_deref().filter(|c| !c.trim().is_empty()) {
                    blocks.push(format!("**{}**", inline_line(caption)));
                }
                if let Some(table) = pipe_table(header, rows) {
                    blocks.push(table);
                }
            }
            Block::Image { alt, .. } => {
                image += 1;
                blocks.push(format!("![{}](chart-{image}.png)", inline_line(alt)));
            }
        }
    }
    if image > 0 {
        // The note goes under the title, where a reader meets it first.
        let files = if image == 1 {
            "chart-1.png".to_string()
        } else {
            format!("chart-1.png to chart-{image}.png")
        };
        let note = format!(
            "_The charts are separate image files ({files}): keep them in the same \
             folder as this file._"
        );
        let opens_with_title =
            titled || matches!(doc.blocks.first(), Some(Block::Heading { level: 1, .. }));
        blocks.insert(usize::from(opens_with_title).min(blocks.len()), note);
    }
    let mut out = blocks.join("\n\n");
    out.push('\n');
    out
}

/// The charts the Markdown refers to: (`chart-N.png`, its PNG bytes), in order.
pub fn image_files(doc: &Document) -> Vec<(String, Vec<u8>)> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Image { png, .. } => Some(png.clone()),
            _ => None,
        })
        .enumerate()
        .map(|(i, png)| (format!("chart-{}.png", i + 1), png))
        .collect()
}

/// Characters escaped with a backslash wherever they are: those that make
/// emphasis, code, links, raw HTML, strikethrough and table cells.
fn escape_inline(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            // Only an ampersand that could start an entity reference.
            '&' if chars
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("\\&");
            }
            c => out.push(c),
        }
    }
    out
}

/// A backslash before whatever would make `line` (already escaped inline) a
/// heading, list item, setext underline, thematic break or ordered list item.
fn escape_line_start(line: &str) -> String {
    let line = line.trim_start_matches([' ', '\t']);
    let first = line.chars().next();
    if matches!(first, Some('#' | '-' | '+' | '=')) {
        return format!("\\{line}");
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        if let Some(marker @ ('.' | ')')) = line[digits..].chars().next() {
            return format!("{}\\{marker}{}", &line[..digits], &line[digits + 1..]);
        }
    }
    line.to_string()
}

/// One-line text (a heading, caption, cell or alt text): escaped, with line
/// breaks as spaces.
fn inline_line(text: &str) -> String {
    let text = clean_lines(text);
    let joined: Vec<&str> = text.split('\n').map(str::trim).collect();
    escape_inline(joined.join(" ").trim())
}

/// A heading's text: as [`inline_line`], and a closing `#` escaped so it is
/// not taken for the optional closing sequence.
fn heading_text(text: &str) -> String {
    let mut text = inline_line(text);
    if text.ends_with('#') {
        text.insert(text.len() - 1, '\\');
    }
    text
}

/// Runs as Markdown, bold runs in `**`; line breaks within are hard breaks,
/// continuation lines indented by `indent`.
fn paragraph(runs: &[Run], indent: &str) -> String {
    let mut text = String::new();
    for run in runs {
        let clean = clean_lines(&run.text);
        if run.bold && !clean.trim().is_empty() {
            // Markers must hug the text, or CommonMark does not see emphasis.
            let lead = &clean[..clean.len() - clean.trim_start().len()];
            let trail = &clean[clean.trim_end().len()..];
            text.push_str(&escape_inline(lead));
            text.push_str("**");
            text.push_str(&escape_inline(clean.trim()).replace('\n', "**\n**"));
            text.push_str("**");
            text.push_str(&escape_inline(trail));
        } else {
            text.push_str(&escape_inline(&clean));
        }
    }
    let lines: Vec<String> = text
        .split('\n')
        .map(|l| escape_line_start(l.trim_end()))
        .filter(|l| !l.is_empty() && l != "****")
        .collect();
    lines.join(&format!("\\\n{indent}"))
}

fn pipe_table(header: &[String], rows: &[Vec<String>]) -> Option<String> {
    let columns = rows
        .iter()
        .map(Vec::len)
        .chain([header.len()])
        .max()
        .unwrap_or(0);
    if columns == 0 {
        return None;
    }
    let row = |cells: &[String]| {
        let cells: Vec<String> = (0..columns)
            .map(|i| cells.get(i).map(|c| inline_line(c)).unwrap_or_default())
            .collect();
        format!("| {} |", cells.join(" | "))
    };
    let mut lines = vec![row(header), format!("|{}", " --- |".repeat(columns))];
    lines.extend(rows.iter().map(|r| row(r)));
    Some(lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_starts_are_escaped() {
        assert_eq!(escape_line_start("# not a heading"), "\\# not a heading");
        assert_eq!(escape_line_start("- not a list"), "\\- not a list");
        assert_eq!(escape_line_start("   + no"), "\\+ no");
        assert_eq!(escape_line_start("==="), "\\===");
        assert_eq!(escape_line_start("2016. A year"), "2016\\. A year");
        assert_eq!(escape_line_start("3) three"), "3\\) three");
        assert_eq!(escape_line_start("2016 was"), "2016 was");
        assert_eq!(escape_line_start("plain"), "plain");
    }

    #[test]
    fn inline_markup_is_escaped() {
        assert_eq!(
            escape_inline("<b>*x*_y_[l](u)`c`|~&amp; & b"),
            "\\<b\\>\\*x\\*\\_y\\_\\[l\\](u)\\`c\\`\\|\\~\\&amp; & b"
        );
    }

    #[test]
    fn bold_markers_hug_the_text() {
        let p = paragraph(&[Run::plain("a"), Run::bold(" b "), Run::plain("c")], "");
        assert_eq!(p, "a **b** c");
    }
}
