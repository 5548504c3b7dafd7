//! The plan's light markup: a blank line between paragraphs, "- " starting a
//! bullet, `**bold**`. Plain enough to type anywhere, rich enough for a plan.

use crate::core::export::{Block, Run};

/// `**bold**` spans become bold runs; an unclosed `**` stays as typed.
pub fn runs(text: &str) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("**") {
        let after = &rest[start + 2..];
        let Some(len) = after.find("**") else {
            break;
        };
        if start > 0 {
            out.push(Run::plain(&rest[..start]));
        }
        if len > 0 {
            out.push(Run::bold(&after[..len]));
        }
        rest = &after[len + 2..];
    }
    if !rest.is_empty() {
        out.push(Run::plain(rest));
    }
    out
}

/// The text as paragraphs and bullet lists.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut bullets: Vec<Vec<Run>> = Vec::new();
    let flush_paragraph = |paragraph: &mut Vec<&str>, out: &mut Vec<Block>| {
        if !paragraph.is_empty() {
            out.push(Block::Paragraph(runs(&paragraph.join(" "))));
            paragraph.clear();
        }
    };
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(item) = trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.strip_prefix("• "))
        {
            flush_paragraph(&mut paragraph, &mut out);
            bullets.push(runs(item.trim()));
        } else if trimmed.is_empty() {
            flush_paragraph(&mut paragraph, &mut out);
            if !bullets.is_empty() {
                out.push(Block::Bullets(std::mem::take(&mut bullets)));
            }
        } else {
            if !bullets.is_empty() {
                out.push(Block::Bullets(std::mem::take(&mut bullets)));
            }
            paragraph.push(trimmed);
        }
    }
    flush_paragraph(&mut paragraph, &mut out);
    if !bullets.is_empty() {
        out.push(Block::Bullets(bullets));
    }
    out
}

/// Appends a paragraph, with the blank line that separates it.
pub fn append_paragraph(text: &str, paragraph: &str) -> String {
    let existing = text.trim_end();
    if existing.is_empty() {
        paragraph.to_string()
    } else {
        format!("{existing}\n\n{paragraph}")
    }
}

/// Makes the selection `start..end` bold (or takes the bold off if it is bold
/// already); returns the new text and the new selection.
pub fn toggle_bold(text: &str, start: usize, end: usize) -> (String, usize, usize) {
    let (start, end) = (start.min(text.len()), end.min(text.len()));
    let (start, end) = (start.min(end), start.max(end));
    if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return (text.to_string(), start, end);
    }
    let selected = &text[start..end];
    if let Some(inner) = selected
        .strip_prefix("**")
        .and_then(|s| s.strip_suffix("**"))
    {
        let new = format!("{}{inner}{}", &text[..start], &text[end..]);
        return (new, start, start + inner.len());
    }
    let before = &text[..start];
    let after = &text[end..];
    if before.ends_with("**") && after.starts_with("**") {
        let new = format!("{}{selected}{}", &before[..before.len() - 2], &after[2..]);
        return (new, start - 2, end - 2);
    }
    let new = format!("{before}**{selected}**{after}");
    (new, start + 2, end + 2)
}

/// Turns the lines the selection touches into bullets, or back into plain lines.
pub fn toggle_bullets(text: &str, start: usize, end: usize) -> String {
    let start = start.min(text.len());
    let end = end.min(text.len()).max(start);
    let line_start = text[..start].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line_end = text[end..]
        .find('\n')
        .map(|i| end + i)
        .unwrap_or(text.len());
    let lines: Vec<&str> = text[line_start..line_end].split('\n').collect();
    let all_bullets = lines.iter().all(|l| l.trim_start().starts_with("- "));
    let changed: Vec<String> = lines
        .iter()
        .map(|l| {
            if all_bullets {
                l.trim_start().trim_start_matches("- ").to_string()
            } else if l.trim().is_empty() || l.trim_start().starts_with("- ") {
                l.to_string()
            } else {
                format!("- {}", l.trim_start())
            }
        })
        .collect();
    format!(
        "{}{}{}",
        &text[..line_start],
        changed.join("\n"),
        &text[line_end..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_bullets_and_bold() {
        let text = "Violent crime **increased by 13%** this year.\nIt is still low.\n\n- Refer to MARAC\n- Attend **DA Forums**\nThen a paragraph.";
        let b = blocks(text);
        assert_eq!(b.len(), 3);
        assert_eq!(
            b[0],
            Block::Paragraph(vec![
                Run::plain("Violent crime "),
                Run::bold("increased by 13%"),
                Run::plain(" this year. It is still low.")
            ])
        );
        assert_eq!(
            b[1],
            Block::Bullets(vec![
                vec![Run::plain("Refer to MARAC")],
                vec![Run::plain("Attend "), Run::bold("DA Forums")]
            ])
        );
        assert_eq!(runs("5 ** 2"), vec![Run::plain("5 ** 2")]);
    }

    #[test]
    fn bold_and_bullets_toggle() {
        let (t, s, e) = toggle_bold("up 13% this year", 3, 6);
        assert_eq!((t.as_str(), s, e), ("up **13%** this year", 5, 8));
        let (t, s, e) = toggle_bold(&t, s, e);
        assert_eq!((t.as_str(), s, e), ("up 13% this year", 3, 6));
        assert_eq!(
            toggle_bullets("one\ntwo\nthree", 0, 7),
            "- one\n- two\nthree"
        );
        assert_eq!(
            toggle_bullets("- one\n- two\nthree", 0, 7),
            "one\ntwo\nthree"
        );
        assert_eq!(
            append_paragraph("First.\n\n", "Second."),
            "First.\n\nSecond."
        );
        assert_eq!(append_paragraph("", "Only."), "Only.");
    }
}
