//! How an area's name is matched however a file spells it: case, spacing,
//! punctuation, "&" for "and", accents, UTF-8 read as Latin-1 ("Ynys MÃ´n"), and
//! the words councils and forces put around a place's name.

use super::area::Kind;

/// A spelling reduced to lower-case ASCII words: "Ynys MÃ´n" and "ynys mon" meet.
pub fn key(label: &str) -> String {
    let repaired = repair_mojibake(label);
    let mut out = String::with_capacity(repaired.len());
    for c in repaired.chars().flat_map(char::to_lowercase) {
        match c {
            '&' => out.push_str(" and "),
            c if c.is_ascii_alphanumeric() => out.push(c),
            c => match fold_accent(c) {
                Some(plain) => out.push(plain),
                None => out.push(' '),
            },
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text that was UTF-8 but was read as Latin-1 (or Windows-1252) and written out
/// again: every character fits a byte and the bytes make valid UTF-8.
fn repair_mojibake(label: &str) -> std::borrow::Cow<'_, str> {
    if !label.contains(['Ã', 'Â', 'Å']) {
        return label.into();
    }
    let bytes: Option<Vec<u8>> = label
        .chars()
        .map(|c| u8::try_from(u32::from(c)).ok())
        .collect();
    match bytes.and_then(|b| String::from_utf8(b).ok()) {
        Some(fixed) => fixed.into(),
        None => label.into(),
    }
}

/// The plain letter under an accented one (Welsh circumflexes and the like).
fn fold_accent(c: char) -> Option<char> {
    let plain = match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ŵ' => 'w',
        'ŷ' | 'ÿ' | 'ý' => 'y',
        'ç' => 'c',
        'ñ' => 'n',
        _ => return None,
    };
    Some(plain)
}

/// Words around a place's name, and the kind of area they say it is.
const SUFFIXES: [(&str, Option<Kind>); 23] = [
    ("metropolitan borough council", Some(Kind::District)),
    ("county borough council", Some(Kind::District)),
    ("borough council", Some(Kind::District)),
    ("district council", Some(Kind::District)),
    ("city council", Some(Kind::District)),
    ("county council", Some(Kind::County)),
    ("council", None),
    ("community safety partnership", Some(Kind::Csp)),
    ("csp", Some(Kind::Csp)),
    ("police force area", Some(Kind::Force)),
    ("police force", Some(Kind::Force)),
    ("police area", Some(Kind::Force)),
    ("police", Some(Kind::Force)),
    ("constabulary", Some(Kind::Force)),
    ("pfa", Some(Kind::Force)),
    ("county total", Some(Kind::County)),
    ("total", None),
    ("county", Some(Kind::County)),
    ("district", Some(Kind::District)),
    ("ua", Some(Kind::District)),
    ("borough", Some(Kind::District)),
    ("city of", None),
    ("county of", None),
];

const PREFIXES: [&str; 8] = [
    "london borough of ",
    "royal borough of ",
    "city and county of ",
    "county borough of ",
    "borough of ",
    "city of ",
    "county of ",
    "the ",
];

/// The name with council, force and partnership words taken off ("kent police" →
/// "kent", Force; "london borough of barnet" → "barnet"), or `None` when there were none.
pub fn stripped(key: &str) -> Option<(String, Option<Kind>)> {
    let mut name = key.to_string();
    let mut hint = None;
    let mut changed = false;
    loop {
        let before = name.len();
        for (suffix, kind) in SUFFIXES {
            if let Some(rest) = name.strip_suffix(suffix) {
                if rest.ends_with(' ') && !rest.trim().is_empty() {
                    name = rest.trim_end().to_string();
                    hint = hint.or(kind);
                    break;
                }
            }
        }
        for prefix in PREFIXES {
            if let Some(rest) = name.strip_prefix(prefix) {
                if !rest.is_empty() {
                    name = rest.to_string();
                    break;
                }
            }
        }
        if name.len() == before {
            break;
        }
        changed = true;
    }
    changed.then_some((name, hint))
}

/// Whether the text has the shape of an ONS GSS code ("E07000112", "W14000023").
pub fn is_code(label: &str) -> bool {
    let t = label.trim();
    t.len() == 9
        && t.starts_with(['E', 'W', 'K', 'e', 'w', 'k'])
        && t[1..].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_meet_however_spelt() {
        assert_eq!(key("  Tonbridge &  Malling "), "tonbridge and malling");
        assert_eq!(key("Ynys MÃ´n"), "ynys mon");
        assert_eq!(key("Ynys Môn"), "ynys mon");
        assert_eq!(
            key("Kingston upon Hull, City of"),
            "kingston upon hull city of"
        );
        assert_eq!(key("Stratford-on-Avon"), "stratford on avon");
        assert_eq!(
            key("King's Lynn and West Norfolk"),
            "king s lynn and west norfolk"
        );
    }

    #[test]
    fn council_and_force_words_come_off() {
        assert_eq!(
            stripped("tunbridge wells borough council"),
            Some(("tunbridge wells".into(), Some(Kind::District)))
        );
        assert_eq!(
            stripped("kent police"),
            Some(("kent".into(), Some(Kind::Force)))
        );
        assert_eq!(
            stripped("kingston upon hull city of"),
            Some(("kingston upon hull".into(), None))
        );
        assert_eq!(
            stripped("london borough of barnet"),
            Some(("barnet".into(), None))
        );
        assert_eq!(
            stripped("kent county total"),
            Some(("kent".into(), Some(Kind::County)))
        );
        assert_eq!(stripped("tunbridge wells"), None);
        assert!(is_code("E07000112"));
        assert!(!is_code("E0700011"));
    }
}
