//! en-GB number formatting, as the plan prints figures: 1,319; 17%; +0.8%;
//! 1.8 per 1,000. Minus signs are the typographic "−" so screen readers say "minus".

/// Groups thousands with commas and rounds to `decimals` places.
pub fn number(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    let rounded = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = match rounded.split_once('.') {
        Some((w, f)) => (w.to_string(), Some(f.to_string())),
        None => (rounded.clone(), None),
    };
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let is_zero = rounded.chars().all(|c| c == '0' || c == '.');
    let sign = if value < 0.0 && !is_zero { "−" } else { "" };
    match fraction {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A count: whole numbers with thousands separators.
pub fn count(value: f64) -> String {
    if value.fract() == 0.0 {
        number(value, 0)
    } else {
        number(value, 1)
    }
}

/// How many of something, with the noun agreeing: "1 table", "1,319 figures".
pub fn count_of(n: usize, singular: &str, plural: &str) -> String {
    format!(
        "{} {}",
        count(n as f64),
        if n == 1 { singular } else { plural }
    )
}

/// A rate expressed as a proportion (0.235) as a percentage to one decimal
/// place ("23.5%"), dropping a trailing ".0".
pub fn percent(proportion: f64) -> String {
    let digits = number(proportion * 100.0, 1);
    format!("{}%", digits.strip_suffix(".0").unwrap_or(&digits))
}

/// A share of a whole ("70% of casualties were car occupants"), to the whole per cent.
pub fn share(proportion: f64) -> String {
    format!("{}%", number(proportion * 100.0, 0))
}

/// A change as a signed percentage: "+0.8%", "−18%", "no change".
pub fn signed_percent(proportion: f64) -> String {
    let digits = percent_digits(proportion.abs() * 100.0);
    if digits == "0" {
        return "no change".to_string();
    }
    let sign = if proportion > 0.0 { "+" } else { "−" };
    format!("{sign}{digits}%")
}

/// A signed count change: "+195", "−66".
pub fn signed_count(value: f64) -> String {
    if value > 0.0 {
        format!("+{}", count(value))
    } else {
        count(value)
    }
}

/// A rate per 1,000 population: "1.8 per 1,000".
pub fn rate_per_thousand(rate: f64) -> String {
    format!("{} per 1,000", number(rate, 1))
}

/// Percentages under 10 keep one decimal place (0.8%, 7.4%); larger ones are
/// whole (17%), as the plan writes them.
fn percent_digits(pct: f64) -> String {
    if !pct.is_finite() {
        return "–".to_string();
    }
    let one_decimal = number(pct, 1);
    if pct.abs() < 9.95 && !one_decimal.ends_with(".0") {
        one_decimal
    } else {
        number(pct, 0)
    }
}

/// A name as an id or file name: "Violent crime (%)" → "violent-crime".
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// An ordinal for ranks: 1st, 2nd, 3rd, 11th, 12th, 21st.
pub fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::count_of;

    #[test]
    fn counts_agree_with_their_noun() {
        assert_eq!(count_of(1, "table", "tables"), "1 table");
        assert_eq!(count_of(0, "table", "tables"), "0 tables");
        assert_eq!(count_of(1319, "figure", "figures"), "1,319 figures");
    }

    use super::*;

    #[test]
    fn thousands_and_rounding() {
        assert_eq!(number(1319.0, 0), "1,319");
        assert_eq!(number(1_234_567.891, 2), "1,234,567.89");
        assert_eq!(number(-66.0, 0), "−66");
        assert_eq!(number(999.5, 0), "1,000");
        assert_eq!(number(-0.04, 1), "0.0");
        assert_eq!(count(5040.0), "5,040");
    }

    #[test]
    fn percentages_as_the_plan_writes_them() {
        assert_eq!(percent(0.235), "23.5%");
        assert_eq!(percent(0.70), "70%");
        assert_eq!(share(337.0 / 482.0), "70%");
        assert_eq!(signed_percent(42.0 / 4998.0), "+0.8%");
        assert_eq!(signed_percent(195.0 / 1501.0), "+13%");
        assert_eq!(signed_percent(-45.0 / 257.0), "−18%");
        assert_eq!(signed_percent(0.0), "no change");
    }

    #[test]
    fn rates_and_ordinals() {
        assert_eq!(rate_per_thousand(212.0 / 116.0), "1.8 per 1,000");
        assert_eq!(ordinal(3), "3rd");
        assert_eq!(ordinal(11), "11th");
        assert_eq!(ordinal(22), "22nd");
        assert_eq!(signed_count(195.0), "+195");
        assert_eq!(signed_count(-66.0), "−66");
    }
}
