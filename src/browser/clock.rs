//! Today's date from the browser, for the board pack's footer.

/// "26 November 2026".
pub fn today() -> String {
    const MONTHS: [&str; 12] = [
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
    let now = js_sys::Date::new_0();
    format!(
        "{} {} {}",
        now.get_date(),
        MONTHS[(now.get_month() as usize).min(11)],
        now.get_full_year()
    )
}
