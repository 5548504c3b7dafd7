//! A civil calendar date. The core only needs whole days in the proleptic
//! Gregorian calendar, so a small type beats pulling a date library into the wasm.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// A date if `year-month-day` exists in the calendar.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    pub fn first_of_month(year: i32, month: u8) -> Date {
        Date {
            year,
            month,
            day: 1,
        }
    }

    pub fn last_of_month(year: i32, month: u8) -> Date {
        Date {
            year,
            month,
            day: days_in_month(year, month),
        }
    }

    /// Months counted from year 0, so month arithmetic is integer arithmetic.
    pub fn month_index(self) -> i64 {
        self.year as i64 * 12 + (self.month as i64 - 1)
    }

    pub fn from_month_index(index: i64) -> (i32, u8) {
        (
            index.div_euclid(12) as i32,
            (index.rem_euclid(12) + 1) as u8,
        )
    }

    pub fn short_month_name(self) -> &'static str {
        &MONTH_NAMES[self.month as usize - 1][..3]
    }

    /// Days since 1970-01-01 (negative before), after Howard Hinnant's algorithm.
    pub fn days_since_epoch(self) -> i64 {
        let y = self.year as i64 - if self.month <= 2 { 1 } else { 0 };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = self.month as i64;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + if month <= 2 { 1 } else { 0 }) as i32;
        Date { year, month, day }
    }

    /// The date an Excel serial number stands for. `date_1904` selects the Mac
    /// epoch; the 1900 system keeps Lotus's phantom 29 February 1900.
    pub fn from_excel_serial(serial: f64, date_1904: bool) -> Option<Date> {
        if !(1.0..=2_958_465.0).contains(&serial) {
            return None;
        }
        let whole = serial.floor() as i64;
        let epoch = if date_1904 {
            Date {
                year: 1904,
                month: 1,
                day: 1,
            }
            .days_since_epoch()
        } else {
            // Serial 1 is 1900-01-01; serials from 61 on are one too high because of 1900-02-29.
            Date {
                year: 1899,
                month: 12,
                day: 31,
            }
            .days_since_epoch()
                - i64::from(whole >= 61)
        };
        Some(Date::from_days_since_epoch(epoch + whole))
    }
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_days_round_trip() {
        for days in [-800_000, -1, 0, 1, 16_000, 20_000, 2_000_000] {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(Date::new(2000, 3, 1).unwrap().days_since_epoch(), 11_017);
    }

    #[test]
    fn excel_serials_in_both_systems() {
        assert_eq!(Date::from_excel_serial(1.0, false), Date::new(1900, 1, 1));
        assert_eq!(Date::from_excel_serial(59.0, false), Date::new(1900, 2, 28));
        assert_eq!(Date::from_excel_serial(61.0, false), Date::new(1900, 3, 1));
        assert_eq!(
            Date::from_excel_serial(42_248.0, false),
            Date::new(2015, 9, 1)
        );
        assert_eq!(
            Date::from_excel_serial(40_786.0, true),
            Date::new(2015, 9, 1)
        );
        assert_eq!(Date::from_excel_serial(0.0, false), None);
        assert_eq!(Date::from_excel_serial(f64::NAN, false), None);
    }

    #[test]
    fn invalid_dates_are_refused() {
        assert!(Date::new(2015, 2, 29).is_none());
        assert!(Date::new(2016, 2, 29).is_some());
        assert!(Date::new(2015, 13, 1).is_none());
        assert!(Date::new(2015, 4, 31).is_none());
    }
}
