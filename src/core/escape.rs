//! Text made safe inside markup: the text and quoted attribute values of the
//! board pack's HTML, the maps' SVG and the exports' HTML and XML parts. The
//! five characters markup gives meaning to (`& < > " '`) are written as
//! references, from this one list, so no output can escape one less than the
//! others.

/// How an apostrophe is written. HTML 4 has no `&apos;`, so HTML and SVG take
/// the numeric reference; the XML inside Word and Excel files takes the named one
/// (what Office itself writes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Apostrophe {
    /// `&#39;`
    Numeric,
    /// `&apos;`
    Named,
}

/// Appends `c` to `out`, as a reference when markup gives it meaning.
pub fn push_escaped(out: &mut String, c: char, apostrophe: Apostrophe) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str(match apostrophe {
            Apostrophe::Numeric => "&#39;",
            Apostrophe::Named => "&apos;",
        }),
        c => out.push(c),
    }
}

/// `chars` made safe inside markup text and quoted attribute values.
pub fn escape_chars(chars: impl IntoIterator<Item = char>, apostrophe: Apostrophe) -> String {
    let chars = chars.into_iter();
    let mut out = String::with_capacity(chars.size_hint().0);
    for c in chars {
        push_escaped(&mut out, c, apostrophe);
    }
    out
}

/// `text` made safe inside HTML or SVG text and quoted attribute values.
pub fn escape_html(text: &str) -> String {
    escape_chars(text.chars(), Apostrophe::Numeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_markup_gives_meaning_to_is_a_reference() {
        assert_eq!(
            escape_html(r#"Tom & Jerry's <b>"cheese"</b>"#),
            "Tom &amp; Jerry&#39;s &lt;b&gt;&quot;cheese&quot;&lt;/b&gt;"
        );
        assert_eq!(
            escape_chars("'&'".chars(), Apostrophe::Named),
            "&apos;&amp;&apos;"
        );
        // A reference already written is escaped again, not trusted.
        assert_eq!(escape_html("&amp;"), "&amp;amp;");
        assert_eq!(escape_html(""), "");
        assert_eq!(
            escape_html("Tunbridge Wells 001A – Ŵ"),
            "Tunbridge Wells 001A – Ŵ"
        );
    }

    #[test]
    fn a_hostile_area_name_cannot_open_an_element_or_close_an_attribute() {
        for name in [
            "\"><script>alert(1)</script>",
            "' onmouseover='alert(1)",
            "</title><svg onload=alert(1)>",
            "]]><!-- -->&lt;",
        ] {
            let escaped = escape_html(name);
            for c in ['<', '>', '"', '\''] {
                assert!(!escaped.contains(c), "{name} → {escaped}");
            }
            // Every & begins one of the five references.
            for (at, _) in escaped.match_indices('&') {
                let rest = &escaped[at..];
                assert!(
                    ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
                        .iter()
                        .any(|r| rest.starts_with(r)),
                    "{escaped}"
                );
            }
            // Reading the references back gives the name.
            let read = escaped
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
            assert_eq!(read, name);
        }
    }
}
