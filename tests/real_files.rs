//! Every real extract in `../shared/data/real/` imports with its header, layout
//! and figures right. Counts are checked against tallies this test makes
//! itself, straight from the raw file, not through the workbench's detection.

use csp_workbench::core::areas::AreaLevel;
use csp_workbench::core::dataset::{Dataset, MissingReason, Observation, TableShape, Value};
use csp_workbench::core::ingest::import_file;
use std::collections::BTreeMap;
use std::path::PathBuf;

mod common;

fn real(name: &str) -> PathBuf {
    common::shared_path("real").join(name)
}

fn import(name: &str) -> Dataset {
    let bytes = std::fs::read(real(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    import_file(name, &bytes).unwrap_or_else(|e| panic!("{e}"))
}

/// Rows of a CSV as maps from header to field, read with the csv crate directly.
fn raw_rows(name: &str) -> Vec<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(real(name)).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            header
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect()
}

fn figure<'a>(data: &'a Dataset, measure: &str, area: &str, period: &str) -> &'a Observation {
    data.observations
        .iter()
        .find(|o| {
            o.measure == measure
                && o.area == area
                && o.period.label() == period
                && o.category.is_none()
        })
        .unwrap_or_else(|| panic!("no figure for {measure} · {area} · {period}"))
}

#[test]
fn street_level_crime_is_counted_by_type_and_month() {
    let Some(_) = common::shared_data("real") else {
        return;
    };
    for name in [
        "2019-01-city-of-london-street.csv",
        "2020-04-city-of-london-street.csv",
    ] {
        let data = import(name);
        assert_eq!(data.tables.len(), 1);
        let table = &data.tables[0];
        assert_eq!(table.shape, TableShape::Records);
        assert_eq!(table.header[0], "Crime ID");
        assert_eq!(table.header[9], "Crime type");
        let rows = raw_rows(name);
        assert_eq!(table.body_rows, rows.len());
        let mut tally: BTreeMap<(String, String), f64> = BTreeMap::new();
        for row in &rows {
            *tally
                .entry((row["Crime type"].clone(), row["Month"].clone()))
                .or_default() += 1.0;
        }
        for ((crime_type, month), count) in &tally {
            let (year, m) = month.split_once('-').unwrap();
            let label = format!(
                "{} {year}",
                [
                    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                    "Dec"
                ][m.parse::<usize>().unwrap() - 1]
            );
            // The force's figure (the district of the same name counts only its own LSOAs).
            let o = data
                .observations
                .iter()
                .find(|o| {
                    o.measure == *crime_type
                        && o.area == "City of London (force)"
                        && o.area_level == AreaLevel::Force
                        && o.period.label() == label
                })
                .unwrap_or_else(|| panic!("no figure for {crime_type} {label}"));
            assert_eq!(o.value, Value::Number(*count), "{crime_type} {month}");
        }
        let asb: f64 = rows
            .iter()
            .filter(|r| r["Crime type"] == "Anti-social behaviour")
            .count() as f64;
        let all = data
            .observations
            .iter()
            .find(|o| {
                o.measure == "All crime (excluding anti-social behaviour)"
                    && o.area_level == AreaLevel::Force
            })
            .unwrap();
        assert_eq!(all.value, Value::Number(rows.len() as f64 - asb));
        assert!(
            all.source.cell.starts_with("rows ") && all.source.cell.contains("of column J"),
            "{}",
            all.source.cell
        );
    }
}

#[test]
fn home_office_long_table_of_rolling_years() {
    let Some(_) = common::shared_data("real") else {
        return;
    };
    let data = import("rec-crime-pfa.csv");
    let table = &data.tables[0];
    assert_eq!(table.shape, TableShape::Long);
    assert_eq!(
        table.header,
        [
            "12 months ending",
            "PFA",
            "Region",
            "Offence",
            "Rolling year total number of offences"
        ]
    );
    let rows = raw_rows("rec-crime-pfa.csv");
    assert_eq!(rows.len(), 46_469);
    assert_eq!(data.observations.len(), rows.len());
    let negatives_in_file = rows
        .iter()
        .filter(|r| r["Rolling year total number of offences"].starts_with('-'))
        .count();
    let negatives_imported = data
        .observations
        .iter()
        .filter(|o| o.value.number().is_some_and(|v| v < 0.0))
        .count();
    assert_eq!(negatives_in_file, 25);
    assert_eq!(
        negatives_imported, negatives_in_file,
        "adjustments are kept"
    );
    let total_in_file: f64 = rows
        .iter()
        .filter_map(|r| {
            r["Rolling year total number of offences"]
                .parse::<f64>()
                .ok()
        })
        .sum();
    let total_imported: f64 = data
        .observations
        .iter()
        .filter_map(|o| o.value.number())
        .sum();
    assert_eq!(total_imported, total_in_file);
    // 31-03-2003 under "12 months ending" is the financial year 2002/03.
    let theft = figure(
        &data,
        "All other theft offences",
        "Avon and Somerset",
        "2002/03",
    );
    assert_eq!(theft.value, Value::Number(25_959.0));
    assert_eq!(theft.source.cell, "E2");
    // A police force area table: Kent is one of the forces here, named apart
    // from the county.
    let kent = data
        .observations
        .iter()
        .find(|o| o.area == "Kent (force)")
        .unwrap();
    assert_eq!(kent.area_level, AreaLevel::Force);
    assert!(data
        .observations
        .iter()
        .any(|o| o.area == "Action Fraud" && o.area_level == AreaLevel::Other));
    assert!(data
        .observations
        .iter()
        .any(|o| o.period.label() == "Oct 2014 – Sep 2015"));
}

#[test]
fn stats19_casualties_by_severity_and_child_age() {
    let Some(_) = common::shared_data("real") else {
        return;
    };
    let name = "STATS19CasDataJan2010Dec2021forGMServers.csv";
    let data = import(name);
    assert_eq!(data.tables[0].shape, TableShape::Records);
    let rows = raw_rows(name);
    assert_eq!(rows.len(), 62_615);
    let mut by_year: BTreeMap<String, [f64; 5]> = BTreeMap::new();
    for r in &rows {
        let counts = by_year.entry(r["Year"].clone()).or_default();
        let severity = r["CasualtySeverity"].as_str();
        let child = matches!(r["AgeBandOfCasualty"].as_str(), "1" | "2" | "3");
        counts[0] += 1.0;
        if severity == "1" || severity == "2" {
            counts[1] += 1.0;
            if child {
                counts[3] += 1.0;
            }
        }
        if severity == "1" {
            counts[4] += 1.0;
        }
        if child {
            counts[2] += 1.0;
        }
    }
    assert_eq!(by_year.len(), 12);
    for (year, [all, ksi, child, child_ksi, fatal]) in by_year {
        let area = "Area not stated";
        assert_eq!(
            figure(&data, "Road casualties", area, &year).value,
            Value::Number(all)
        );
        assert_eq!(
            figure(&data, "KSI casualties", area, &year).value,
            Value::Number(ksi)
        );
        assert_eq!(
            figure(&data, "Child casualties", area, &year).value,
            Value::Number(child)
        );
        assert_eq!(
            figure(&data, "Child KSI casualties", area, &year).value,
            Value::Number(child_ksi)
        );
        assert_eq!(
            figure(&data, "Fatal casualties", area, &year).value,
            Value::Number(fatal)
        );
    }
}

#[test]
fn ons_lookup_keeps_combined_csps() {
    let Some(_) = common::shared_data("real") else {
        return;
    };
    let name = "Local_Authority_District_to_Community_Safety_Partnerships_to_Police_Force_Areas__December_2016__Lookup_in_England_and_Wales.csv";
    let data = import(name);
    assert_eq!(data.tables[0].shape, TableShape::Lookup);
    assert!(data.observations.is_empty());
    let lookup = &data.lookups[0];
    assert_eq!(lookup.header[0], "LAD16CD", "the byte-order mark is gone");
    assert_eq!(lookup.rows.len(), 348);
    let dartford = lookup.rows.iter().find(|r| r[1] == "Dartford").unwrap();
    assert_eq!(dartford[3], "Dartford and Gravesham");
    assert_eq!(dartford[5], "Kent");
}

#[test]
fn dft_code_list_is_a_lookup() {
    let Some(_) = common::shared_data("real") else {
        return;
    };
    let data = import("dft-road-casualty-statistics-road-safety-open-dataset-data-guide-2024.xlsx");
    let lookup = &data.lookups[0];
    assert_eq!(
        lookup.header,
        ["table", "field name", "code/format", "label", "note"]
    );
    assert_eq!(lookup.rows.len(), 1_821);
    let met = lookup
        .rows
        .iter()
        .find(|r| r[1] == "police_force" && r[2] == "1")
        .unwrap();
    assert_eq!(met[3], "Metropolitan Police");
    let severity: Vec<(&str, &str)> = lookup
        .rows
        .iter()
        .filter(|r| r[0] == "casualty" && r[1] == "casualty_severity")
        .map(|r| (r[2].as_str(), r[3].as_str()))
        .collect();
    assert_eq!(
        severity,
        [("1", "Fatal"), ("2", "Serious"), ("3", "Slight")]
    );
}

#[test]
fn historical_series_from_legacy_xls() {
    let Some(_) = common::shared_data("real") else {
        return;
    };
    let data = import("rec-crime-1898-2002.xls");
    assert_eq!(
        data.tables.len(),
        1,
        "the footnotes under the table are not a table"
    );
    let table = &data.tables[0];
    assert_eq!(table.range, "A6:GE113");
    assert_eq!(table.header[1], "Year");
    assert_eq!(
        table.header[2], "Homicide (includes murder, manslaughter and infanticide)",
        "padding inside labels is collapsed"
    );
    let homicide = "Homicide (includes murder, manslaughter and infanticide)";
    let area = "Area not stated";
    let first = figure(&data, homicide, area, "1898");
    assert_eq!(first.value, Value::Number(328.0));
    assert_eq!(first.source.cell, "C8");
    // "2001/0269": the financial year with footnote 69 glued on.
    assert_eq!(
        figure(&data, homicide, area, "2001/02").value,
        Value::Number(891.0)
    );
    // "1998/9 (new rules)59" is read as 1998/99.
    assert!(data
        .observations
        .iter()
        .any(|o| o.measure == homicide && o.period.label() == "1998/99"));
    // Blank cells and markers stay missing, never zero.
    let child_destruction = figure(&data, "Child destruction", area, "1898");
    assert_eq!(
        child_destruction.value,
        Value::Missing(MissingReason::Blank)
    );
    assert!(data
        .observations
        .iter()
        .any(|o| matches!(&o.value, Value::Missing(MissingReason::Suppressed(_)))));
}

#[test]
fn iopc_tables_with_definitions_above_and_financial_years_across() {
    let Some(_) = common::shared_data("real") else {
        return;
    };
    let data = import("Time_series_tables_2019-20.ods");
    assert!(data.tables.len() >= 20, "{} tables", data.tables.len());
    let fatalities = figure(
        &data,
        "Number of fatalities (RTI)",
        "Area not stated",
        "2004/05",
    );
    assert_eq!(fatalities.value, Value::Number(44.0));
    assert_eq!(fatalities.source.cell, "B13");
    let by_force = data
        .tables
        .iter()
        .find(|t| t.sheet == "RTI_By_Force")
        .unwrap();
    assert_eq!(by_force.shape, TableShape::WideByPeriod);
    assert_eq!(by_force.header[0], "Appropriate authority");
    let avon = data
        .observations
        .iter()
        .find(|o| o.source.sheet == "RTI_By_Force" && o.source.cell == "C9")
        .unwrap();
    assert_eq!(avon.area, "Avon and Somerset");
    assert_eq!(avon.area_level, AreaLevel::Force);
    assert_eq!(avon.period.label(), "2005/06");
    assert_eq!(avon.value, Value::Number(1.0));
    // Among forces, Kent is one of them, not a county total.
    let kent = data
        .observations
        .iter()
        .find(|o| o.source.sheet == "RTI_By_Force" && o.area == "Kent (force)")
        .unwrap();
    assert_eq!(kent.area_level, AreaLevel::Force);
    let mapping = by_force.mapping.as_ref().unwrap();
    assert!(
        mapping.total_rows.iter().all(|t| !t.contains("Kent")),
        "{:?}",
        mapping.total_rows
    );
}

#[test]
fn use_of_force_two_level_headers_and_period_from_the_file_name() {
    let Some(_) = common::shared_data("real") else {
        return;
    };
    let data = import("police-use-of-force-apr2017-mar2018-hosb3018-tables.ods");
    let restraint = data
        .observations
        .iter()
        .find(|o| o.source.sheet == "Table_1" && o.source.cell == "C7")
        .unwrap();
    assert_eq!(restraint.measure, "Number of times tactics were used");
    assert_eq!(
        restraint.category.as_deref(),
        Some("Restraint · Total Restraint")
    );
    assert_eq!(restraint.period.label(), "2017/18");
    assert_eq!(restraint.value, Value::Number(285_562.0));
    // Table 2: age bands under the group label "Perceived age", carried down to the tactics block.
    let under_11 = data
        .observations
        .iter()
        .find(|o| o.source.sheet == "Table_2" && o.source.cell == "C9")
        .unwrap();
    assert_eq!(under_11.measure, "Perceived age");
    assert_eq!(
        under_11.category.as_deref(),
        Some("Restraint · Total Restraint · Under 11 years")
    );
    assert_eq!(under_11.value, Value::Number(336.0));
}

#[test]
fn every_real_file_imports_or_gives_one_sentence() {
    let Some(_) = common::shared_data("real") else {
        return;
    };
    for entry in std::fs::read_dir(real("")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        match import_file(&name, &bytes) {
            Ok(data) => assert!(!data.tables.is_empty(), "{name}"),
            Err(e) => {
                assert_eq!(name, "README.md", "{e}");
                let sentence = e.to_string();
                assert!(sentence.starts_with("“README.md” could not be imported:"));
                assert!(sentence.ends_with('.') && !sentence.contains('\n'));
            }
        }
    }
}

#[test]
fn a_missing_shared_folder_is_skipped_with_a_reason() {
    assert!(common::shared_data("no-such-folder").is_none());
    assert!(common::shared_data("real").is_some() == common::shared_path("real").is_dir());
}
