//! What every exporter shares: text cleaning and escaping, base64, PNG checks and
//! a deterministic zip writer (a fixed timestamp, so the same document gives the
//! same bytes, in the browser as natively).

use super::document::{Block, Document};
use crate::core::escape::{escape_chars, push_escaped, Apostrophe};

/// Whether XML 1.0 allows `c` in a document. Besides what XML forbids, DEL and
/// the C1 controls go too: they never mean anything in a plan and some
/// readers reject them.
pub(crate) fn is_allowed_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r')
        || matches!(c, '\u{20}'..='\u{7E}')
        || matches!(c, '\u{A0}'..='\u{D7FF}')
        || matches!(c, '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

/// `text` without the characters [`is_allowed_char`] refuses.
pub(crate) fn strip_controls(text: &str) -> String {
    text.chars().filter(|&c| is_allowed_char(c)).collect()
}

/// `text` with its line ends as `\n` only, and without control characters.
pub(crate) fn clean_lines(text: &str) -> String {
    strip_controls(&text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// `text` made safe as XML element content: forbidden characters stripped,
/// `& < > " '` escaped and a carriage return kept as a character reference
/// (a parser would otherwise turn it into a line feed).
pub(crate) fn xml_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().filter(|&c| is_allowed_char(c)) {
        match c {
            '\r' => out.push_str("&#13;"),
            c => push_escaped(&mut out, c, Apostrophe::Named),
        }
    }
    out
}

/// `text` made safe as an XML attribute value: as [`xml_text`], with tabs and
/// line feeds as character references so they survive attribute normalisation.
pub(crate) fn xml_attr(text: &str) -> String {
    xml_text(text).replace('\n', "&#10;").replace('\t', "&#9;")
}

/// `text` made safe inside HTML text and (quoted) attribute values, without
/// control characters.
pub(crate) fn html_text(text: &str) -> String {
    escape_chars(
        text.chars().filter(|&c| is_allowed_char(c)),
        Apostrophe::Numeric,
    )
}

/// Standard base64 with padding.
pub(crate) fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for (i, shift) in [18, 12, 6, 0].iter().enumerate() {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> shift) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1A, b'\n'];

/// Whether `bytes` start as a PNG file does.
pub(crate) fn is_png(bytes: &[u8]) -> bool {
    bytes.starts_with(&PNG_SIGNATURE)
}

/// The width and height in a PNG's header, when it has one.
fn png_header_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if !is_png(bytes) || bytes.len() < 24 || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let w = u32::from_be_bytes(bytes[16..20].try_into().ok()?);
    let h = u32::from_be_bytes(bytes[20..24].try_into().ok()?);
    (w > 0 && h > 0).then_some((w, h))
}

/// The size to show an image at, in pixels: the block's own, else the PNG's,
/// else 4:3.
pub(crate) fn image_size(png: &[u8], width_px: u32, height_px: u32) -> (u32, u32) {
    if width_px > 0 && height_px > 0 {
        (width_px, height_px)
    } else {
        png_header_size(png).unwrap_or((640, 480))
    }
}

/// Whether the document needs its title written before its blocks: it has one,
/// and its blocks do not already open with it as a level-1 heading.
pub(crate) fn needs_title(doc: &Document) -> bool {
    if doc.title.trim().is_empty() {
        return false;
    }
    !matches!(
        doc.blocks.first(),
        Some(Block::Heading { level: 1, text }) if text.trim() == doc.title.trim()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escapes_and_strips() {
        assert_eq!(
            xml_text("a<b>&\"c\"'\u{0}\u{1}\u{7}\u{FFFE}\td\ne\rf"),
            "a&lt;b&gt;&amp;&quot;c&quot;&apos;\td\ne&#13;f"
        );
        assert_eq!(xml_attr("a\nb\tc"), "a&#10;b&#9;c");
        assert_eq!(clean_lines("a\r\nb\rc\u{0}"), "a\nb\nc");
    }

    #[test]
    fn base64_pads() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"M"), "TQ==");
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(base64(b"Man"), "TWFu");
    }

    #[test]
    fn image_size_falls_back_to_the_png_header() {
        let mut png = PNG_SIGNATURE.to_vec();
        png.extend_from_slice(&[0, 0, 0, 13]);
        png.extend_from_slice(b"IHDR");
        png.extend_from_slice(&300u32.to_be_bytes());
        png.extend_from_slice(&200u32.to_be_bytes());
        assert_eq!(image_size(&png, 0, 0), (300, 200));
        assert_eq!(image_size(&png, 10, 20), (10, 20));
        assert_eq!(image_size(b"not a png", 0, 5), (640, 480));
    }
}
