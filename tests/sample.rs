//! The built-in sample, imported through the same path as a user's file,
//! reproduces the figures published in the 2016/17 Partnership Plan.

use csp_workbench::core::assessment::{
    comparable_measures, district_comparison, Assessment, Change, Index, MeasureAssessment,
};
use csp_workbench::core::dataset::{TableShape, Unit};
use csp_workbench::core::format;
use csp_workbench::core::period::Period;

mod common;

use common::{sample, tunbridge_wells};

fn summary<'a>(a: &'a Assessment, measure: &str) -> &'a MeasureAssessment {
    a.measure(measure)
        .unwrap_or_else(|| panic!("no assessment of {measure}"))
}

/// A change as (current, previous, per cent): `(5040, 4998, "+0.8%")`.
fn change_of(change: &Change) -> (f64, f64, String) {
    (
        change.current.value,
        change.previous.as_ref().expect("a figure before").value,
        format::signed_percent(change.relative().expect("a relative change")),
    )
}

/// The importer is sure of every table of the sample: none waits for the
/// user to check how it was read (issue 12), so the published figures stand.
#[test]
fn the_sample_is_read_without_doubts() {
    let data = sample();
    for t in &data.tables {
        assert!(
            t.reading.doubts.is_empty(),
            "{}: {:?}",
            t.sheet,
            t.reading.doubts
        );
    }
}

#[test]
fn every_sheet_is_a_table_or_says_why_not() {
    let data = sample();
    let sheets: Vec<&str> = data.tables.iter().map(|t| t.sheet.as_str()).collect();
    assert_eq!(
        sheets,
        [
            "Recorded crime",
            "Anti-social behaviour",
            "Domestic abuse repeats",
            "Road casualties",
            "Casualties by road user",
            "Drunkenness arrests",
            "Population",
            "Quarterly monitoring"
        ]
    );
    assert_eq!(data.skipped_sheets.len(), 1);
    assert_eq!(data.skipped_sheets[0].sheet, "About");
    let crime = &data.tables[0];
    assert_eq!(crime.shape, TableShape::WideByPeriod);
    assert_eq!(crime.range, "A4:D69");
    assert_eq!(crime.observations, 13 * 5 * 2);
    assert_eq!(data.tables[3].shape, TableShape::WideByMeasure);
    // The county rows and the breakdown totals are listed for the user to check.
    let totals = &crime.mapping.as_ref().unwrap().total_rows;
    assert_eq!(totals.len(), 5);
    assert_eq!(totals[0], "Row 65: Kent, the county total");
    let arrests = data
        .tables
        .iter()
        .find(|t| t.sheet == "Drunkenness arrests")
        .unwrap();
    assert_eq!(
        arrests.mapping.as_ref().unwrap().total_rows,
        ["Row 9: Tunbridge Wells, the total of its breakdown"]
    );
}

#[test]
fn all_crime_is_a_count_with_its_cell() {
    let data = sample();
    let rows = tunbridge_wells(&data);
    let all = summary(&rows, "All crime");
    assert_eq!(all.unit, Unit::Count);
    assert_eq!(change_of(&all.change), (5040.0, 4998.0, "+0.8%".into()));
    assert_eq!(all.change.current.period.label(), "Oct 2014 – Sep 2015");
    assert_eq!(all.change.current.source.sheet, "Recorded crime");
    assert_eq!(all.change.current.source.cell, "D60");
}

#[test]
fn published_changes_against_the_county() {
    let data = sample();
    let rows = tunbridge_wells(&data);
    let pct = |m: &str| change_of(&summary(&rows, m).change).2;
    let county = |m: &str| {
        let county = summary(&rows, m).county.as_ref().expect("a county");
        assert_eq!(county.area, "Kent");
        change_of(county.change.as_ref().expect("the county's change")).2
    };
    assert_eq!(
        summary(&rows, "Domestic abuse incidents")
            .change
            .current
            .value,
        1319.0
    );
    assert_eq!(pct("Domestic abuse incidents"), "+17%");
    assert_eq!(county("Domestic abuse incidents"), "+7%");
    assert_eq!(pct("Violent crime"), "+13%");
    assert_eq!(
        change_of(&summary(&rows, "Robbery").change),
        (53.0, 38.0, "+39%".into())
    );
    assert_eq!(county("Robbery"), "−3%");
    assert_eq!(pct("Anti-social behaviour incidents"), "−2%");
    assert_eq!(
        summary(&rows, "Anti-social behaviour incidents")
            .change
            .absolute(),
        Some(-66.0)
    );
    assert_eq!(county("Anti-social behaviour incidents"), "−5%");
    assert_eq!(pct("Drug offences"), "−18%");
    let real = |m: &str| {
        let row = summary(&rows, m);
        row.significance.as_ref().expect("a test").describe()
    };
    assert_eq!(
        real("Violent crime"),
        "more than normal variation (p < 0.001)"
    );
    assert_eq!(real("All crime"), "within normal variation (p = 0.68)");
    assert_eq!(real("Robbery"), "within normal variation (p = 0.14)");
    assert_eq!(
        real("Drug offences"),
        "more than normal variation (p = 0.042)"
    );
    assert_eq!(
        summary(&rows, "Drug offences").change.absolute(),
        Some(-45.0)
    );
}

#[test]
fn drug_offence_rates_and_ranks() {
    let data = sample();
    let index = Index::new(&data);
    let period = Period::parse("Oct 2014 - Sep 2015").unwrap();
    let drugs = district_comparison(&index, "Drug offences", &period);
    assert!(drugs.by_rate);
    assert_eq!(drugs.districts.len(), 12);
    let tw = drugs.position_of("Tunbridge Wells").unwrap();
    assert_eq!(tw.count.value, 212.0);
    assert_eq!(format::rate_per_thousand(tw.rate.unwrap()), "1.8 per 1,000");
    assert_eq!(
        format::rate_per_thousand(drugs.county_rate.unwrap()),
        "1.5 per 1,000"
    );
    assert_eq!(tw.rank, 11);
    assert_eq!(
        drugs.describe("Tunbridge Wells"),
        "Drug offences per 1,000 population in each of 12 districts, Oct 2014 – Sep 2015, \
         lowest first. Tunbridge Wells: 1.8 per 1,000, 11th of 12. County: 1.5 per 1,000."
    );
    let violence = district_comparison(&index, "Violent crime", &period);
    assert_eq!(violence.position_of("Tunbridge Wells").unwrap().rank, 3);
    let asb = district_comparison(&index, "Anti-social behaviour incidents", &period);
    assert_eq!(asb.position_of("Tunbridge Wells").unwrap().rank, 3);
    let all = district_comparison(&index, "All crime", &period);
    assert_eq!(all.position_of("Tunbridge Wells").unwrap().rank, 1);
    let comparable: Vec<String> = comparable_measures(&index)
        .into_iter()
        .map(|(m, _)| m)
        .collect();
    assert_eq!(
        comparable,
        [
            "All crime",
            "Anti-social behaviour incidents",
            "Domestic abuse incidents",
            "Drug offences",
            "Robbery",
            "Violent crime"
        ]
    );
}

#[test]
fn breakdowns_keep_their_totals_apart() {
    let data = sample();
    let arrests: Vec<_> = data
        .observations
        .iter()
        .filter(|o| o.measure == "Drunkenness arrests")
        .collect();
    let total = arrests.iter().find(|o| o.category.is_none()).unwrap();
    assert_eq!(total.value.number(), Some(119.0));
    let town = arrests
        .iter()
        .find(|o| o.category.as_deref() == Some("Town centre"))
        .unwrap();
    assert_eq!(town.value.number(), Some(103.0));
    let parts: f64 = arrests
        .iter()
        .filter(|o| o.category.is_some())
        .filter_map(|o| o.value.number())
        .sum();
    assert_eq!(parts, 119.0);
    let car = data
        .observations
        .iter()
        .find(|o| o.measure == "Road casualties" && o.category.as_deref() == Some("Car occupant"))
        .unwrap();
    assert_eq!(format::share(car.value.number().unwrap() / 482.0), "70%");
}

#[test]
fn road_casualties_by_calendar_year() {
    let data = sample();
    let rows = tunbridge_wells(&data);
    let all = summary(&rows, "All casualties");
    assert_eq!(all.change.current.period.label(), "2014");
    assert_eq!(all.change.current.value, 482.0);
    assert_eq!(summary(&rows, "KSI casualties").change.current.value, 59.0);
    let child = summary(&rows, "Child casualties");
    assert_eq!(change_of(&child.change), (51.0, 37.0, "+38%".into()));
}

/// The app starts from the sample's tidy data rather than reading the
/// spreadsheet: it must be exactly what the importer makes of the spreadsheet.
#[test]
fn the_shipped_sample_data_is_what_the_importer_makes_of_the_sample() {
    let root = env!("CARGO_MANIFEST_DIR");
    let shipped = std::fs::read_to_string(format!(
        "{root}/public/sample/csp-sample-assessment.dataset.json"
    ))
    .expect("make sample writes the sample's data beside it");
    let mut imported = sample();
    imported.carry_geography(csp_workbench::core::geography::national());
    let imported = serde_json::to_string(&imported).unwrap();
    assert!(
        shipped.trim_end() == imported,
        "public/sample/csp-sample-assessment.dataset.json is out of date: run `make sample`"
    );
}
