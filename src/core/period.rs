//! Reporting periods. Every spelling the partners use ("Sep-15", "2014/15",
//! "Q1 2015/16", "Oct 2014 - Sep 2015", "12 months ending 30-09-2015", Excel
//! serials…) becomes one `Period`: a run of whole calendar months. Two spellings
//! of the same months are the same period, so "2014/15" equals "Apr 2014 - Mar 2015".

use super::date::{Date, MONTH_NAMES};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PeriodKind {
    Month,
    /// A quarter named within the financial year: Q1 is April to June.
    FinancialQuarter,
    /// A quarter named within the calendar year: Q1 is January to March.
    CalendarQuarter,
    /// 1 April to 31 March.
    FinancialYear,
    CalendarYear,
    /// Twelve months ending in a month other than March or December.
    TwelveMonths,
    /// Any other run of whole months.
    Span,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub struct Period {
    /// The first month, counted from year 0 (see `Date::month_index`).
    first_month: i64,
    months: u32,
    kind: PeriodKind,
}

/// What a column header says about the periods below it, for spellings that are
/// ambiguous alone: a bare date under "12 months ending" is a rolling year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodHint {
    None,
    TwelveMonthsEnding,
}

impl Period {
    /// The months `first..=last`, named by what they cover.
    pub fn from_months(first_month: i64, months: u32) -> Option<Period> {
        if months == 0 || months > 1200 {
            return None;
        }
        let (_, start_month) = Date::from_month_index(first_month);
        let kind = match months {
            1 => PeriodKind::Month,
            3 if (start_month - 1) % 3 == 0 => {
                if start_month == 1 {
                    PeriodKind::CalendarQuarter
                } else {
                    PeriodKind::FinancialQuarter
                }
            }
            12 if start_month == 4 => PeriodKind::FinancialYear,
            12 if start_month == 1 => PeriodKind::CalendarYear,
            12 => PeriodKind::TwelveMonths,
            _ => PeriodKind::Span,
        };
        Some(Period {
            first_month,
            months,
            kind,
        })
    }

    pub fn month(year: i32, month: u8) -> Period {
        Period::from_months(Date::first_of_month(year, month).month_index(), 1).expect("one month")
    }

    pub fn calendar_year(year: i32) -> Period {
        Period::from_months(Date::first_of_month(year, 1).month_index(), 12).expect("a year")
    }

    /// The financial year starting 1 April `start_year`.
    pub fn financial_year(start_year: i32) -> Period {
        Period::from_months(Date::first_of_month(start_year, 4).month_index(), 12).expect("a year")
    }

    /// Quarter `q` (1–4) of the financial year starting in April `start_year`.
    pub fn financial_quarter(start_year: i32, q: u8) -> Option<Period> {
        if !(1..=4).contains(&q) {
            return None;
        }
        let first = Date::first_of_month(start_year, 4).month_index() + 3 * (q as i64 - 1);
        let mut period = Period::from_months(first, 3)?;
        period.kind = PeriodKind::FinancialQuarter;
        Some(period)
    }

    pub fn calendar_quarter(year: i32, q: u8) -> Option<Period> {
        if !(1..=4).contains(&q) {
            return None;
        }
        let first = Date::first_of_month(year, 1).month_index() + 3 * (q as i64 - 1);
        let mut period = Period::from_months(first, 3)?;
        period.kind = PeriodKind::CalendarQuarter;
        Some(period)
    }

    /// The twelve months ending with the month holding `end`.
    pub fn twelve_months_ending(end: Date) -> Period {
        Period::from_months(end.month_index() - 11, 12).expect("twelve months")
    }

    pub fn kind(&self) -> PeriodKind {
        self.kind
    }

    pub fn months(&self) -> u32 {
        self.months
    }

    pub fn first_month_index(&self) -> i64 {
        self.first_month
    }

    pub fn start(&self) -> Date {
        let (y, m) = Date::from_month_index(self.first_month);
        Date::first_of_month(y, m)
    }

    pub fn end(&self) -> Date {
        let (y, m) = Date::from_month_index(self.first_month + self.months as i64 - 1);
        Date::last_of_month(y, m)
    }

    /// The period of the same length that ends just before this one starts.
    pub fn previous(&self) -> Period {
        self.shifted(-(self.months as i64))
    }

    /// The same months a year earlier, for sub-annual comparisons.
    pub fn year_earlier(&self) -> Period {
        self.shifted(-12)
    }

    fn shifted(&self, by_months: i64) -> Period {
        Period {
            first_month: self.first_month + by_months,
            ..*self
        }
    }

    /// The canonical en-GB label: "Sep 2015", "Q1 2015/16", "2014/15", "2014",
    /// "Oct 2014 – Sep 2015".
    pub fn label(&self) -> String {
        let start = self.start();
        let end = self.end();
        match self.kind {
            PeriodKind::Month => format!("{} {}", start.short_month_name(), start.year),
            PeriodKind::FinancialQuarter => {
                let fy_start = if start.month >= 4 {
                    start.year
                } else {
                    start.year - 1
                };
                let q = ((start.month as i32 - 4).rem_euclid(12) / 3) + 1;
                format!("Q{q} {}", financial_year_label(fy_start))
            }
            PeriodKind::CalendarQuarter => {
                format!("Q{} {}", (start.month - 1) / 3 + 1, start.year)
            }
            PeriodKind::FinancialYear => financial_year_label(start.year),
            PeriodKind::CalendarYear => start.year.to_string(),
            PeriodKind::TwelveMonths | PeriodKind::Span => format!(
                "{} {} – {} {}",
                start.short_month_name(),
                start.year,
                end.short_month_name(),
                end.year
            ),
        }
    }

    /// Reads a period from a cell's text.
    pub fn parse(text: &str) -> Option<Period> {
        Period::parse_with_hint(text, PeriodHint::None)
    }

    pub fn parse_with_hint(text: &str, hint: PeriodHint) -> Option<Period> {
        Period::parse_exact(text, hint).or_else(|| {
            // Labels such as "1998/9 (new rules)59" carry a note and a glued
            // footnote number: read the period in front of them.
            let before_note = text.split('(').next()?.trim();
            let first_word = before_note.split_whitespace().next()?;
            let candidate = if before_note.len() < text.trim().len() {
                before_note
            } else {
                first_word
            };
            (candidate.len() < text.trim().len())
                .then(|| Period::parse_exact(candidate, hint))
                .flatten()
        })
    }

    fn parse_exact(text: &str, hint: PeriodHint) -> Option<Period> {
        let cleaned = clean(text);
        let t = cleaned.as_str();
        if t.is_empty() || t.len() > 80 {
            return None;
        }
        let lower = t.to_ascii_lowercase();
        for prefix in [
            "12 months ending",
            "twelve months ending",
            "year ending",
            "ye ",
        ] {
            if let Some(rest) = lower.strip_prefix(prefix) {
                let end = parse_month_or_date(rest.trim())?;
                return Some(Period::twelve_months_ending(end));
            }
        }
        // "Mid-2020": a mid-year population estimate stands for its calendar year.
        if let Some(year) = lower
            .strip_prefix("mid-")
            .or_else(|| lower.strip_prefix("mid "))
            .and_then(parse_calendar_year)
        {
            return Some(Period::calendar_year(year));
        }
        if let Some(period) = parse_range(&lower) {
            return Some(period);
        }
        if let Some(period) = parse_quarter(&lower) {
            return Some(period);
        }
        if let Some(year) = parse_financial_year(&lower) {
            return Some(Period::financial_year(year));
        }
        if let Some(year) = parse_calendar_year(&lower) {
            return Some(Period::calendar_year(year));
        }
        let date = parse_month_or_date(&lower)?;
        Some(match hint {
            PeriodHint::TwelveMonthsEnding => Period::twelve_months_ending(date),
            PeriodHint::None => Period::month(date.year, date.month),
        })
    }

    /// The first period named in free text such as a title or a file name:
    /// "…tables April 2017 to March 2018", "use-of-force-apr2017-mar2018-tables",
    /// "…, year ending March 2018". Longer phrases win over shorter ones.
    pub fn find_in(text: &str) -> Option<Period> {
        // "2009-10" and "2009/10" in a title are a financial year, not October
        // 2009: read them before dashes become spaces below.
        let bytes = text.as_bytes();
        let financial = (0..bytes.len().saturating_sub(6)).find_map(|i| {
            let digit = |j: usize| bytes.get(j).is_some_and(u8::is_ascii_digit);
            let starts = (i == 0 || !digit(i - 1)) && (i..i + 4).all(digit);
            if !starts || !matches!(bytes.get(i + 4), Some(b'-' | b'/')) {
                return None;
            }
            let end = (i + 5..bytes.len())
                .find(|&j| !digit(j))
                .unwrap_or(bytes.len());
            matches!(end - (i + 5), 2 | 4)
                .then(|| parse_financial_year(&text[i..end]))
                .flatten()
        });
        if let Some(year) = financial {
            return Some(Period::financial_year(year));
        }
        let mut spaced = String::with_capacity(text.len() + 8);
        let mut previous: Option<char> = None;
        for c in text.chars() {
            if let Some(p) = previous {
                if (p.is_ascii_alphabetic() && c.is_ascii_digit())
                    || (p.is_ascii_digit() && c.is_ascii_alphabetic())
                {
                    spaced.push(' ');
                }
            }
            spaced.push(match c {
                '_' | ',' | '(' | ')' | ':' | ';' => ' ',
                '-' | '–' => ' ',
                _ => c,
            });
            previous = Some(c);
        }
        // A three-digit number ("layout-010-2010") is a serial, never a day,
        // a month or a year: it must not pair with the year beside it.
        let words: Vec<&str> = spaced
            .split_whitespace()
            .map(|w| w.trim_end_matches('.'))
            .filter(|w| !(w.len() == 3 && w.chars().all(|c| c.is_ascii_digit())))
            .collect();
        for length in (1..=6).rev() {
            for start in 0..words.len().saturating_sub(length - 1) {
                let phrase = words[start..start + length].join(" ");
                let parsed = if length == 4 {
                    // "apr 2017 mar 2018": a range whose dash became a space.
                    Period::parse_exact(
                        &format!(
                            "{} {} - {} {}",
                            words[start],
                            words[start + 1],
                            words[start + 2],
                            words[start + 3]
                        ),
                        PeriodHint::None,
                    )
                    .or_else(|| Period::parse_exact(&phrase, PeriodHint::None))
                } else {
                    Period::parse_exact(&phrase, PeriodHint::None)
                };
                // A lone number is a year only when it reads as one.
                if let Some(period) = parsed {
                    let lone_number = length == 1 && phrase.chars().all(|c| c.is_ascii_digit());
                    if !lone_number || phrase.len() == 4 {
                        return Some(period);
                    }
                }
            }
        }
        None
    }

    /// The period an Excel date serial stands for: the month holding that day,
    /// or the twelve months ending then if the header says so.
    pub fn from_excel_serial(serial: f64, date_1904: bool, hint: PeriodHint) -> Option<Period> {
        let date = Date::from_excel_serial(serial, date_1904)?;
        Some(match hint {
            PeriodHint::TwelveMonthsEnding => Period::twelve_months_ending(date),
            PeriodHint::None => Period::month(date.year, date.month),
        })
    }
}

impl PartialEq for Period {
    fn eq(&self, other: &Self) -> bool {
        self.first_month == other.first_month && self.months == other.months
    }
}

impl Eq for Period {}

impl Hash for Period {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.first_month.hash(state);
        self.months.hash(state);
    }
}

impl Ord for Period {
    /// Chronological by end, then by start, so a rolling year sorts by when it ends.
    fn cmp(&self, other: &Self) -> Ordering {
        let self_end = self.first_month + self.months as i64;
        let other_end = other.first_month + other.months as i64;
        self_end
            .cmp(&other_end)
            .then(self.first_month.cmp(&other.first_month))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

fn financial_year_label(start_year: i32) -> String {
    format!("{}/{:02}", start_year, (start_year + 1).rem_euclid(100))
}

/// Header text arrives with footnote markers, odd dashes and padding.
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        match c {
            '\u{2013}' | '\u{2014}' | '\u{2212}' => out.push('-'),
            '\u{a0}' | '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    let collapsed: Vec<&str> = out.split_whitespace().collect();
    collapsed.join(" ")
}

fn month_from_name(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    MONTH_NAMES
        .iter()
        .position(|name| {
            let name = name.to_ascii_lowercase();
            name.starts_with(w) || (w == "sept" && name == "september")
        })
        .map(|i| i as u8 + 1)
}

/// A two-digit year is taken as 19xx when above 50: partner extracts span
/// 1898 to today, and two-digit years only appear in recent ones.
fn expand_year(digits: &str) -> Option<i32> {
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let n: i32 = digits.parse().ok()?;
    match digits.len() {
        2 => Some(if n > 50 { 1900 + n } else { 2000 + n }),
        4 if (1800..=2200).contains(&n) => Some(n),
        _ => None,
    }
}

/// "Sep 2015", "September 2015", "Sep-15", "2015-09", "30-09-2015", "30/09/2015", "2015-09-30".
fn parse_month_or_date(t: &str) -> Option<Date> {
    let t = t.trim();
    let parts: Vec<&str> = t
        .split([' ', '-', '/', ','])
        .filter(|p| !p.is_empty())
        .collect();
    match parts.as_slice() {
        [a, b] => {
            if let (Some(m), Some(y)) = (month_from_name(a), expand_year(b)) {
                return Some(Date::first_of_month(y, m));
            }
            if a.len() == 4 {
                let y = expand_year(a)?;
                let m: u8 = b.parse().ok()?;
                return Date::new(y, m, 1);
            }
            if b.len() == 4 {
                let y = expand_year(b)?;
                let m: u8 = a.parse().ok()?;
                return Date::new(y, m, 1);
            }
            None
        }
        [a, b, c] => {
            if a.len() == 4 {
                let y = expand_year(a)?;
                return Date::new(y, b.parse().ok()?, c.parse().ok()?);
            }
            let y = expand_year(c)?;
            let m = month_from_name(b).or_else(|| b.parse().ok())?;
            Date::new(y, m, a.parse().ok()?)
        }
        _ => None,
    }
}

/// "Oct 2014 - Sep 2015", "October 2014 to September 2015", "Oct 14 - Sep 15".
fn parse_range(t: &str) -> Option<Period> {
    let (a, b) = t
        .split_once(" to ")
        .or_else(|| t.split_once(" - "))
        .or_else(|| {
            // "Oct 2014-Sep 2015": split at a dash that has letters after it.
            let i = t.find('-')?;
            let rest = &t[i + 1..];
            rest.starts_with(|c: char| c.is_ascii_alphabetic())
                .then(|| (&t[..i], rest))
        })?;
    let end = parse_month_or_date(b)?;
    // "Apr-Jun 2015": the first month takes the year written once at the end
    // ("Nov-Jan 2016" starts in the year before).
    let start = parse_month_or_date(a).or_else(|| {
        let month = month_from_name(a.trim())?;
        let year = if month > end.month {
            end.year - 1
        } else {
            end.year
        };
        Some(Date::first_of_month(year, month))
    })?;
    let months = end.month_index() - start.month_index() + 1;
    if months < 1 {
        return None;
    }
    Period::from_months(start.month_index(), months as u32)
}

/// "Q1 2015/16", "2015/16 Q1", "Q1 2015-16", "Q3 2015".
fn parse_quarter(t: &str) -> Option<Period> {
    let words: Vec<&str> = t.split_whitespace().collect();
    let (q_word, year_word) = match words.as_slice() {
        [a, b] if a.starts_with('q') => (*a, *b),
        [a, b] if b.starts_with('q') => (*b, *a),
        _ => return None,
    };
    let q: u8 = q_word[1..].parse().ok()?;
    if let Some(fy) = parse_financial_year(year_word) {
        return Period::financial_quarter(fy, q);
    }
    Period::calendar_quarter(expand_year(year_word)?, q)
}

/// "2014/15", "2014/2015", "2014-15", "04/05", "FY 2014/15", "1998/9".
fn parse_financial_year(t: &str) -> Option<i32> {
    let t = t.strip_prefix("fy").unwrap_or(t).trim();
    let (a, b) = t.split_once('/').or_else(|| t.split_once('-'))?;
    let start = expand_year(a)?;
    let next = start + 1;
    if !b.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let ok = match b.len() {
        1 => b.parse::<i32>().ok()? == next % 10,
        2 => b.parse::<i32>().ok()? == next % 100,
        4 if b.parse::<i32>().ok()? == next => true,
        // "2001/0269": a two-digit year with a footnote number glued on.
        3..=5 => b[..2].parse::<i32>().ok()? == next % 100,
        _ => false,
    };
    ok.then_some(start)
}

fn parse_calendar_year(t: &str) -> Option<i32> {
    (t.len() == 4).then(|| expand_year(t)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_serial_number_in_a_file_name_is_not_a_month() {
        assert_eq!(
            Period::find_in("layout-010-2010"),
            Some(Period::calendar_year(2010))
        );
    }

    #[test]
    fn a_mid_year_estimate_is_its_calendar_year() {
        assert_eq!(Period::parse("Mid-2020"), Some(Period::calendar_year(2020)));
        assert_eq!(Period::parse("mid 2015"), Some(Period::calendar_year(2015)));
    }

    #[test]
    fn a_range_of_months_with_the_year_written_once() {
        assert_eq!(
            Period::parse("Apr–Jun 2015").map(|p| p.label()),
            Some("Q1 2015/16".to_string())
        );
        assert_eq!(
            Period::parse("Jan-Mar 2016"),
            Period::financial_quarter(2015, 4)
        );
    }

    #[test]
    fn a_financial_year_in_a_title_is_not_a_month() {
        assert_eq!(
            Period::find_in("Recorded crime in Kent, 2009-10").map(|p| p.label()),
            Some("2009/10".to_string())
        );
        assert_eq!(
            Period::find_in("layout-003-2014-15.xlsx").map(|p| p.label()),
            Some("2014/15".to_string())
        );
    }

    fn label(text: &str) -> String {
        Period::parse(text)
            .map(|p| p.label())
            .unwrap_or_else(|| format!("<none: {text}>"))
    }

    #[test]
    fn every_spelling_in_the_brief() {
        assert_eq!(label("2015-09"), "Sep 2015");
        assert_eq!(label("Sep-15"), "Sep 2015");
        assert_eq!(label("September 2015"), "Sep 2015");
        assert_eq!(label("Q1 2015/16"), "Q1 2015/16");
        assert_eq!(label("2014/15"), "2014/15");
        assert_eq!(label("04/05"), "2004/05");
        assert_eq!(label("Oct 2014 - Sep 2015"), "Oct 2014 – Sep 2015");
        assert_eq!(label("12 months ending 30-09-2015"), "Oct 2014 – Sep 2015");
        assert_eq!(label("2014"), "2014");
        assert_eq!(label("1998/9"), "1998/99");
        assert_eq!(label("Q3 2015"), "Q3 2015");
        assert_eq!(label("1998/9 (new rules)59"), "1998/99");
        assert_eq!(label("2001/0269"), "2001/02");
        assert_eq!(label("2014 (provisional)"), "2014");
    }

    #[test]
    fn spans_are_named_by_what_they_cover() {
        let fy = Period::parse("2014/15").unwrap();
        assert_eq!(Period::parse("Apr 2014 - Mar 2015"), Some(fy));
        assert_eq!(fy.kind(), PeriodKind::FinancialYear);
        assert_eq!(fy.start(), Date::new(2014, 4, 1).unwrap());
        assert_eq!(fy.end(), Date::new(2015, 3, 31).unwrap());
        assert_eq!(
            Period::parse("Jan 2014 to Dec 2014").unwrap().kind(),
            PeriodKind::CalendarYear
        );
        let rolling = Period::parse("Oct 2014 - Sep 2015").unwrap();
        assert_eq!(rolling.kind(), PeriodKind::TwelveMonths);
        assert_eq!(rolling.previous().label(), "Oct 2013 – Sep 2014");
    }

    #[test]
    fn previous_and_year_earlier() {
        let q = Period::parse("Q1 2015/16").unwrap();
        assert_eq!(q.previous().label(), "Q4 2014/15");
        assert_eq!(q.year_earlier().label(), "Q1 2014/15");
        assert_eq!(
            Period::parse("Jan-15").unwrap().previous().label(),
            "Dec 2014"
        );
    }

    #[test]
    fn hints_turn_dates_into_rolling_years() {
        let p = Period::parse_with_hint("30-09-2015", PeriodHint::TwelveMonthsEnding).unwrap();
        assert_eq!(p.label(), "Oct 2014 – Sep 2015");
        let serial = Period::from_excel_serial(42_277.0, false, PeriodHint::TwelveMonthsEnding);
        assert_eq!(serial.unwrap().label(), "Oct 2014 – Sep 2015");
    }

    #[test]
    fn periods_in_titles_and_file_names() {
        let find = |t: &str| Period::find_in(t).map(|p| p.label());
        assert_eq!(
            find("police-use-of-force-apr2017-mar2018-hosb3018-tables.ods").as_deref(),
            Some("2017/18")
        );
        assert_eq!(
            find("Recorded crime, year ending March 2018").as_deref(),
            Some("2017/18")
        );
        assert_eq!(
            find("Deaths in custody 2019/20").as_deref(),
            Some("2019/20")
        );
        assert_eq!(find("Table 1. Number of times tactics were used"), None);
    }

    #[test]
    fn non_periods_are_refused() {
        for text in [
            "",
            "Tunbridge Wells",
            "All crime",
            "12.5",
            "2015/17",
            "Q5 2015/16",
            "123",
        ] {
            assert!(Period::parse(text).is_none(), "{text} parsed");
        }
    }

    #[test]
    fn ordering_is_chronological() {
        let mut periods: Vec<Period> = ["2015", "2013", "2014"]
            .iter()
            .map(|t| Period::parse(t).unwrap())
            .collect();
        crate::core::sorting::sort(&mut periods);
        let labels: Vec<String> = periods.iter().map(Period::label).collect();
        assert_eq!(labels, ["2013", "2014", "2015"]);
    }
}
