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
    };
    let error = import_file_with_progress("a.csv", THIS_YEAR, &[recipe], &mut |_| {}).unwrap_err();
    assert_eq!(
        error.to_string(),
        "“a.csv” could not be imported: it holds no table of figures (the header “Year” does not name a period)."
    );
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
