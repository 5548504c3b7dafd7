//! One spreadsheet cell, and the reading of numbers that arrive as text.

use crate::core::dataset::MissingReason;
use crate::core::date::Date;

#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(Date),
    Bool(bool),
    /// A spreadsheet error such as `#DIV/0!`.
    Error(String),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as a person reads it, for headers and labels.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.clone(),
            Cell::Number(n) => {
                if n.fract() == 0.0 && n.abs() < 1e15 {
                    format!("{}", *n as i64)
                } else {
                    n.to_string()
                }
            }
            Cell::Date(d) => d.to_string(),
            Cell::Bool(b) => b.to_string(),
            Cell::Error(e) => e.clone(),
        }
    }

    /// The cell read as a figure.
    pub fn figure(&self) -> ParsedText {
        match self {
            Cell::Empty => ParsedText::Missing(MissingReason::Blank),
            Cell::Number(n) => ParsedText::Number {
                value: tidy_float(*n),
                percent: false,
            },
            Cell::Text(t) => parse_number_text(t),
            Cell::Error(e) => ParsedText::Missing(MissingReason::Suppressed(e.clone())),
            Cell::Date(_) | Cell::Bool(_) => ParsedText::NotANumber,
        }
    }
}

/// What a text cell turned out to hold.
#[derive(Clone, Debug, PartialEq)]
pub enum ParsedText {
    Number { value: f64, percent: bool },
    Missing(MissingReason),
    NotANumber,
}

const SUPPRESSION_MARKERS: [&str; 12] = [
    "..", "...", "*", "x", "[x]", "-", "–", "—", "n/a", "na", "[c]", "[z]",
];

/// Reads `1,319`, `12.5%`, `(45)`, ` 212 `, `−3` and publishers' missing markers.
pub fn parse_number_text(text: &str) -> ParsedText {
    let t = text.trim().trim_matches('\u{a0}');
    if t.is_empty() {
        return ParsedText::Missing(MissingReason::Blank);
    }
    let lower = t.to_lowercase();
    if SUPPRESSION_MARKERS.contains(&lower.as_str()) {
        return ParsedText::Missing(MissingReason::Suppressed(t.to_string()));
    }
    let (body, percent) = match t.strip_suffix('%') {
        Some(b) => (b.trim_end(), true),
        None => (t, false),
    };
    let (body, negative) = match body.strip_prefix('(').and_then(|b| b.strip_suffix(')')) {
        Some(inner) => (inner, true),
        None => (body, false),
    };
    let cleaned: String = body
        .chars()
        .filter(|c| *c != ',' && *c != ' ' && *c != '£')
        .map(|c| if c == '−' { '-' } else { c })
        .collect();
    let looks_numeric = !cleaned.is_empty()
        && cleaned
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
        && cleaned.chars().any(|c| c.is_ascii_digit());
    if !looks_numeric {
        return ParsedText::NotANumber;
    }
    match cleaned.parse::<f64>() {
        Ok(v) if v.is_finite() => ParsedText::Number {
            value: tidy_float(if negative { -v } else { v }),
            percent,
        },
        _ => ParsedText::NotANumber,
    }
}

/// Float noise from spreadsheet arithmetic (5516.6500000000015) rounded away at
/// ten significant decimals, well below any published precision.
fn tidy_float(v: f64) -> f64 {
    if v.abs() >= 1e12 {
        return v;
    }
    (v * 1e9).round() / 1e9
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(v: f64) -> ParsedText {
        ParsedText::Number {
            value: v,
            percent: false,
        }
    }

    #[test]
    fn numbers_stored_as_text() {
        assert_eq!(parse_number_text("1,319"), num(1319.0));
        assert_eq!(parse_number_text(" 212 "), num(212.0));
        assert_eq!(parse_number_text("(45)"), num(-45.0));
        assert_eq!(parse_number_text("−3"), num(-3.0));
        assert_eq!(
            parse_number_text("12.5%"),
            ParsedText::Number {
                value: 12.5,
                percent: true
            }
        );
        assert_eq!(Cell::Number(5516.6500000000015).figure(), num(5516.65));
    }

    #[test]
    fn markers_are_missing_never_zero() {
        for marker in ["..", "*", "x", "[x]", "-", "N/A", "NA"] {
            assert_eq!(
                parse_number_text(marker),
                ParsedText::Missing(MissingReason::Suppressed(marker.to_string())),
                "{marker}"
            );
        }
        assert_eq!(
            parse_number_text(""),
            ParsedText::Missing(MissingReason::Blank)
        );
        assert_eq!(parse_number_text("Tunbridge Wells"), ParsedText::NotANumber);
        assert_eq!(parse_number_text("2014/15"), ParsedText::NotANumber);
    }
}
