//! A workbook made here with every kind of mess partners send — titles and
//! notes above the table, merged group labels over periods, footnote markers,
//! numbers stored as text, suppression markers, a county row, a numbered note
//! under the table, a second table on the sheet, Excel dates, "(45)" and
//! "12.5%" — read through the .xlsx path exactly as a dropped file is.

use csp_workbench::core::areas::AreaLevel;
use csp_workbench::core::dataset::{Dataset, MissingReason, TableShape, Unit, Value};
use csp_workbench::core::ingest::import_file;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

fn messy_workbook() -> Vec<u8> {
    let mut workbook = Workbook::new();
    let plain = Format::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");

    let crime = workbook.add_worksheet();
    crime.set_name("Crime (provisional)").unwrap();
    crime
        .write_string(0, 0, "Recorded crime in Kent districts")
        .unwrap();
    crime
        .write_string(
            1,
            0,
            "Figures marked * are provisional and may be revised later.",
        )
        .unwrap();
    crime.merge_range(3, 1, 3, 2, "All crime", &plain).unwrap();
    crime.merge_range(3, 3, 3, 4, "Robbery", &plain).unwrap();
    for (c, label) in [
        "District",
        "2013/14",
        "2014/15*",
        "2013/14",
        "2014/15 [note 1]",
    ]
    .iter()
    .enumerate()
    {
        crime.write_string(4, c as u16, *label).unwrap();
    }
    crime.write_string(5, 0, " Tunbridge Wells ").unwrap();
    crime.write_string(5, 1, "4,998").unwrap();
    crime.write_number(5, 2, 5040).unwrap();
    crime.write_string(5, 3, "38").unwrap();
    crime.write_string(5, 4, "x").unwrap();
    crime.write_string(6, 0, "Ashford").unwrap();
    crime.write_number(6, 1, 8420).unwrap();
    crime.write_string(6, 2, "8,650").unwrap();
    crime.write_string(6, 3, "..").unwrap();
    crime.write_number(6, 4, 60).unwrap();
    crime.write_string(7, 0, "Kent").unwrap();
    for (c, n) in [106_918, 109_940, 779, 756].iter().enumerate() {
        crime.write_number(7, c as u16 + 1, *n).unwrap();
    }
    crime.write_number(9, 0, 1).unwrap();
    crime
        .write_string(
            9,
            1,
            "Provisional figures may change before the final release.",
        )
        .unwrap();
    crime.write_string(11, 0, "Population, mid-2014").unwrap();
    for (c, label) in ["District", "Year", "Population"].iter().enumerate() {
        crime.write_string(12, c as u16, *label).unwrap();
    }
    crime.write_string(13, 0, "Tunbridge Wells").unwrap();
    crime.write_number(13, 1, 2014).unwrap();
    crime.write_number(13, 2, 116_100).unwrap();

    let monthly = workbook.add_worksheet();
    monthly.set_name("Monthly").unwrap();
    for (c, label) in ["Month", "District", "Adjustments", "Repeat rate"]
        .iter()
        .enumerate()
    {
        monthly.write_string(0, c as u16, *label).unwrap();
    }
    let september = ExcelDateTime::from_ymd(2015, 9, 1).unwrap();
    monthly
        .write_datetime_with_format(1, 0, &september, &date)
        .unwrap();
    monthly.write_string(1, 1, "Tunbridge Wells").unwrap();
    monthly.write_string(1, 2, "(45)").unwrap();
    monthly.write_string(1, 3, "12.5%").unwrap();
    workbook.save_to_buffer().unwrap()
}

fn import() -> Dataset {
    import_file("messy.xlsx", &messy_workbook()).unwrap()
}

fn value(data: &Dataset, measure: &str, area: &str, period: &str) -> Value {
    data.observations
        .iter()
        .find(|o| o.measure == measure && o.area == area && o.period.label() == period)
        .unwrap_or_else(|| panic!("no {measure} · {area} · {period}"))
        .value
        .clone()
}

#[test]
fn grouped_periods_text_numbers_markers_and_totals() {
    let data = import();
    let crime: Vec<_> = data
        .tables
        .iter()
        .filter(|t| t.sheet == "Crime (provisional)")
        .collect();
    assert_eq!(
        crime.len(),
        2,
        "the crime table and the population table; the note is neither"
    );
    assert_eq!(crime[0].shape, TableShape::WideByPeriod);
    assert_eq!(crime[0].range, "A5:E8");
    assert_eq!(
        crime[0].header[2], "All crime · 2014/15",
        "the marker * is gone"
    );
    assert_eq!(crime[0].header[4], "Robbery · 2014/15", "so is [note 1]");
    assert_eq!(
        value(&data, "All crime", "Tunbridge Wells", "2013/14"),
        Value::Number(4998.0)
    );
    assert_eq!(
        value(&data, "All crime", "Ashford", "2014/15"),
        Value::Number(8650.0)
    );
    assert_eq!(
        value(&data, "Robbery", "Tunbridge Wells", "2014/15"),
        Value::Missing(MissingReason::Suppressed("x".into()))
    );
    assert_eq!(
        value(&data, "Robbery", "Ashford", "2013/14"),
        Value::Missing(MissingReason::Suppressed("..".into()))
    );
    let kent = data.observations.iter().find(|o| o.area == "Kent").unwrap();
    assert_eq!(kent.area_level, AreaLevel::County);
    assert_eq!(
        crime[0].mapping.as_ref().unwrap().total_rows,
        ["Row 8: Kent, the county total"]
    );
    assert_eq!(
        value(&data, "Population", "Tunbridge Wells", "2014"),
        Value::Number(116_100.0)
    );
}

#[test]
fn dates_brackets_and_percentages() {
    let data = import();
    let adjustment = data
        .observations
        .iter()
        .find(|o| o.measure == "Adjustments")
        .unwrap();
    assert_eq!(adjustment.period.label(), "Sep 2015");
    assert_eq!(adjustment.value, Value::Number(-45.0));
    assert_eq!(adjustment.unit, Unit::Count);
    let rate = data
        .observations
        .iter()
        .find(|o| o.measure == "Repeat rate")
        .unwrap();
    assert_eq!(rate.value, Value::Number(12.5));
    assert_eq!(rate.unit, Unit::Percent);
    assert_eq!(rate.source.cell, "D2");
}

#[test]
fn an_xlsm_is_read_like_an_xlsx() {
    let data = import_file("messy.xlsm", &messy_workbook()).unwrap();
    assert_eq!(data.observations.len(), import().observations.len());
}
