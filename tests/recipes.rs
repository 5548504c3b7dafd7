//! A mapping the user corrected is saved as a recipe and applied again to a
//! file with the same headers: a renamed copy, or next year's extract.

use csp_workbench::core::areas::AreaLevel;
use csp_workbench::core::ingest::{import_file, import_file_with_progress, Recipe, RoleChoice};

const THIS_YEAR: &[u8] = b"Year,Crimes,Notes\r\n2014,12,provisional\r\n2015,15,final\r\n";
const NEXT_YEAR: &[u8] = b"Year,Crimes,Notes\r\n2015,15,final\r\n2016,19,provisional\r\n";

fn with(recipes: &[Recipe], name: &str, bytes: &[u8]) -> csp_workbench::core::dataset::Dataset {
    import_file_with_progress(name, bytes, recipes, &mut |_| {}).unwrap()
}

#[test]
fn a_saved_recipe_reapplies_to_a_renamed_file_with_the_same_headers() {
    let detected = import_file("crimes-2015.csv", THIS_YEAR).unwrap();
    let mapping = detected.tables[0].mapping.clone().unwrap();
    assert_eq!(
        mapping.roles,
        [
            RoleChoice::Period,
            RoleChoice::MeasureFigures,
            RoleChoice::Category
        ]
    );
    assert!(!mapping.recipe_applied);
    assert_eq!(detected.observations[0].area, "Area not stated");
    assert_eq!(
        detected.observations[0].category.as_deref(),
        Some("provisional")
    );
    assert_eq!(mapping.preview[0], ["2014", "12", "provisional"]);

    // The user ignores the notes column and says whose figures these are.
    let recipe = Recipe {
        signature: mapping.signature.clone(),
        roles: vec![
            RoleChoice::Period,
            RoleChoice::MeasureFigures,
            RoleChoice::Ignore,
        ],
        area: Some("Tunbridge Wells".into()),
        header_shift: 0,
        units: Vec::new(),
        bases: Vec::new(),
        by_hand: None,
    };
    let renamed = with(
        std::slice::from_ref(&recipe),
        "Copy of crimes.csv",
        THIS_YEAR,
    );
    let table = &renamed.tables[0];
    assert!(table.mapping.as_ref().unwrap().recipe_applied);
    let figures: Vec<(String, AreaLevel, Option<String>, f64)> = renamed
        .observations
        .iter()
        .map(|o| {
            (
                o.area.clone(),
                o.area_level,
                o.category.clone(),
                o.value.number().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        figures,
        [
            (
                "Tunbridge Wells".to_string(),
                AreaLevel::District,
                None,
                12.0
            ),
            (
                "Tunbridge Wells".to_string(),
                AreaLevel::District,
                None,
                15.0
            )
        ]
    );

    let next = with(&[recipe], "crimes-2016.csv", NEXT_YEAR);
    assert!(next.tables[0].mapping.as_ref().unwrap().recipe_applied);
    assert_eq!(next.observations[1].period.label(), "2016");
    assert_eq!(next.observations[1].area, "Tunbridge Wells");
}

#[test]
fn next_years_periods_across_match_the_recipe() {
    let this_year = b"Area,Measure,Oct 2013 - Sep 2014,Oct 2014 - Sep 2015\nTunbridge Wells,All crime,4998,5040\n";
    let next_year = b"Area,Measure,Oct 2014 - Sep 2015,Oct 2015 - Sep 2016\nTunbridge Wells,All crime,5040,5100\n";
    let mapping = import_file("a.csv", this_year).unwrap().tables[0]
        .mapping
        .clone()
        .unwrap();
    // The user keeps only the latest year.
    let recipe = Recipe {
        signature: mapping.signature,
        roles: vec![
            RoleChoice::Area,
            RoleChoice::Measure,
            RoleChoice::Ignore,
            RoleChoice::PeriodFigures,
        ],
        area: None,
        header_shift: 0,
        units: Vec::new(),
        bases: Vec::new(),
        by_hand: None,
    };
    let next = with(&[recipe], "b.csv", next_year);
    assert_eq!(next.observations.len(), 1);
    assert_eq!(next.observations[0].period.label(), "Oct 2015 – Sep 2016");
    assert_eq!(next.observations[0].value.number(), Some(5100.0));
}

#[test]
fn a_recipe_that_cannot_fit_says_why() {
    let mapping = import_file("a.csv", THIS_YEAR).unwrap().tables[0]
        .mapping
        .clone()
        .unwrap();
    let recipe = Recipe {
        signature: mapping.signature,
        roles: vec![
            RoleChoice::PeriodFigures,
            RoleChoice::MeasureFigures,
            RoleChoice::Ignore,
        ],
        area: None,
        header_shift: 0,
        units: Vec::new(),
        bases: Vec::new(),
        by_hand: None,
    };
    // The file is kept with its sheet listed and the reason, to be mapped again.
    let data = import_file_with_progress("a.csv", THIS_YEAR, &[recipe], &mut |_| {}).unwrap();
    assert!(data.tables.is_empty());
    assert_eq!(
        data.skipped_sheets[0].reason,
        "the header “Year” does not name a period; it holds 4 numbers that were not read"
    );
    assert!(data.skipped_sheets[0].preview.is_some());
}

#[test]
fn a_recipe_can_move_the_header_row() {
    let file = b"Crime figures\nArea,Year,Crimes\nArea name,Calendar year,Number\nKent,2014,12\nKent,2015,14\n";
    let detected = import_file("crimes.csv", file).unwrap();
    let mapping = detected.tables[0].mapping.clone().unwrap();
    assert_eq!(
        mapping.header_row, 3,
        "the detected header is the row over the figures"
    );
    // The user says the header is the row above; the roles are then detected afresh.
    let recipe = Recipe {
        signature: mapping.signature.clone(),
        roles: Vec::new(),
        area: None,
        header_shift: -1,
        units: Vec::new(),
        bases: Vec::new(),
        by_hand: None,
    };
    let moved = with(&[recipe], "crimes (copy).csv", file);
    let table = &moved.tables[0];
    assert_eq!(table.header, ["Area", "Year", "Crimes"]);
    let mapping = table.mapping.as_ref().unwrap();
    assert_eq!((mapping.header_row, mapping.header_shift), (2, -1));
    assert!(mapping.recipe_applied);
    let crimes: Vec<(String, String, f64)> = moved
        .observations
        .iter()
        .map(|o| {
            (
                o.measure.clone(),
                o.period.label(),
                o.value.number().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        crimes,
        [
            ("Crimes".to_string(), "2014".to_string(), 12.0),
            ("Crimes".to_string(), "2015".to_string(), 14.0)
        ]
    );
}

/// A table whose base column the workbench cannot know by its header.
const RESIDENTS: &[u8] = b"District,Year,Residents,Burglary\r\nAshford,2015,120000,300\r\nDover,2015,110000,275\r\nAshford,2014,119000,280\r\nDover,2014,109000,260\r\n";

#[test]
fn a_column_made_a_denominator_by_hand_turns_counts_into_rates() {
    use csp_workbench::core::assessment::{assess, Options, PrioritySettings};
    use csp_workbench::core::dataset::{BaseChoice, BaseKind};
    let detected = import_file("districts.csv", RESIDENTS).unwrap();
    let mapping = detected.tables[0].mapping.clone().unwrap();
    assert!(mapping.measures_read.is_empty());
    assert_eq!(detected.tables[0].measures, ["Burglary", "Residents"]);

    let recipe = Recipe {
        signature: mapping.signature.clone(),
        bases: vec![BaseChoice {
            measure: "Residents".into(),
            kind: BaseKind::Population,
        }],
        ..Recipe::default()
    };
    let data = with(std::slice::from_ref(&recipe), "districts.csv", RESIDENTS);
    let table = &data.tables[0];
    assert!(table.reading.confirmed);
    assert_eq!(table.measures, ["Burglary", "Population (Residents)"]);
    assert_eq!(table.mapping.as_ref().unwrap().bases, recipe.bases);
    // Kept as the table names it, so the mapping step can show the choice.
    assert_eq!(
        table.mapping.as_ref().unwrap().measures_read,
        ["Burglary", "Residents"]
    );

    let assessment = assess(
        &data,
        &Options {
            area: Some("Ashford".into()),
            ..Options::default()
        },
        &[],
        &PrioritySettings::default(),
    )
    .unwrap();
    let burglary = assessment
        .measures
        .iter()
        .find(|m| m.measure == "Burglary")
        .expect("burglary assessed");
    let rate = burglary.rate.as_ref().expect("a rate from the user's base");
    assert_eq!(rate.denominator.value, 120000.0);
    assert_eq!(rate.denominator.source.cell, "C2");
    assert!((rate.per_thousand - 2.5).abs() < 1e-9);
    // The base is not itself assessed as a measure.
    assert!(assessment
        .measures
        .iter()
        .all(|m| !m.measure.contains("Residents")));
}

/// A sheet whose header the workbench cannot find: a note and blank rows
/// stand between the header and the figures.
const HEADER_APART: &[u8] = b"Team,Visits 2015/16,Visits 2016/17\r\n,,\r\nFigures are provisional and cover partner teams only.,,\r\n,,\r\nTown centre,12,15\r\nRural,9,11\r\nNight-time economy,20,18\r\n";

#[test]
fn a_sheet_with_no_table_mapped_by_hand_is_read_and_replayed() {
    use csp_workbench::core::ingest::{hand_signature, HandHeader};
    let detected = import_file("returns.csv", HEADER_APART).expect("kept, to map by hand");
    assert!(detected.tables.is_empty() && detected.observations.is_empty());
    let skipped = &detected.skipped_sheets[0];
    assert!(
        skipped.reason.contains("6 numbers that were not read"),
        "{}",
        skipped.reason
    );
    let preview = skipped.preview.clone().expect("its rows, to map by hand");
    assert_eq!(preview.first_row, 1);
    assert_eq!(preview.rows[0][1], "Visits 2015/16");
    assert_eq!(preview.rows[4], ["Town centre", "12", "15"]);

    // The user says the header is sheet row 1 (one row), and what each column holds.
    let header = HandHeader { row: 0, rows: 1 };
    let recipe = Recipe {
        signature: hand_signature(&preview.rows, header).unwrap(),
        roles: vec![
            RoleChoice::Area,
            RoleChoice::PeriodFigures,
            RoleChoice::PeriodFigures,
        ],
        by_hand: Some(header),
        ..Recipe::default()
    };
    let data = with(std::slice::from_ref(&recipe), "returns.csv", HEADER_APART);
    assert!(data.skipped_sheets.is_empty(), "{:?}", data.skipped_sheets);
    let table = &data.tables[0];
    assert!(table.reading.trusted() && table.reading.confirmed);
    assert_eq!(table.mapping.as_ref().unwrap().by_hand, Some(header));
    let figures: Vec<(String, String, String, f64)> = data
        .observations
        .iter()
        .map(|o| {
            (
                o.measure.clone(),
                o.area.clone(),
                o.period.label(),
                o.value.number().unwrap(),
            )
        })
        .collect();
    assert_eq!(figures.len(), 6, "{figures:?}");
    assert!(figures.contains(&(
        "Visits".into(),
        "Town centre".into(),
        "2015/16".into(),
        12.0
    )));
    assert!(figures.contains(&(
        "Visits".into(),
        "Night-time economy".into(),
        "2016/17".into(),
        18.0
    )));
    assert_eq!(data.observations[0].source.cell, "B5");
    // A renamed copy reads the same way; a file without stray figures is still refused.
    let again = with(
        std::slice::from_ref(&recipe),
        "returns (copy).csv",
        HEADER_APART,
    );
    assert_eq!(again.observations.len(), 6);
    assert!(import_file("notes.csv", b"Just a note\r\nand another\r\n").is_err());
}
