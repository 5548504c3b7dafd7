//! Units decide the method. A proportion, a percentage, a rate, an average, money
//! or a ratio never adds up into a rolling year or a county total, never takes a
//! Poisson test and never a count noun; a share is compared in percentage points
//! (with Wilson intervals where its base is in the table). A table the importer
//! is unsure of stays out of the assessment until the user confirms it.

use csp_workbench::core::assessment::{
    assess, comparable_measures, district_comparison, left_out, report, Assessment, Index, Options,
    PrioritySettings, Topic,
};
use csp_workbench::core::dataset::{Dataset, Unit};
use csp_workbench::core::ingest::{import_file, import_file_with_progress, Recipe};

const AREAS: [(&str, f64); 4] = [
    ("Tunbridge Wells", 1.0),
    ("Maidstone", 1.3),
    ("Ashford", 0.9),
    ("Kent", 12.0),
];

/// Two years of monthly victims and repeat-victimisation proportions, as a
/// district analyst lays them out: the example (0.22 in a column).
fn repeat_rates_csv(header: &str) -> String {
    let mut csv = format!("Month,Area,Victims,{header}\n");
    for (area, scale) in AREAS {
        for i in 0..24 {
            let (year, month) = (2014 + (9 + i) / 12, (9 + i) % 12 + 1);
            let victims = (100.0 * scale + (i % 5) as f64 * 3.0).round();
            // The second year is lower: 0.25 → 0.20 in Tunbridge Wells.
            let rate = if i < 12 { 0.25 } else { 0.20 } + (i % 3) as f64 * 0.01;
            csv.push_str(&format!("{year}-{month:02},{area},{victims},{rate:.2}\n"));
        }
    }
    csv
}

fn tunbridge_wells(data: &Dataset) -> Assessment {
    assess(
        data,
        &Options {
            area: Some("Tunbridge Wells".into()),
            ..Options::default()
        },
        &[],
        &PrioritySettings::default(),
    )
    .expect("figures to assess")
}

#[test]
fn a_column_of_repeat_victimisation_proportions_is_compared_in_percentage_points() {
    let data = import_file(
        "repeats.csv",
        repeat_rates_csv("Repeat victimisation rate").as_bytes(),
    )
    .unwrap();
    assert!(
        data.tables[0].reading.trusted(),
        "{:?}",
        data.tables[0].reading
    );
    let a = tunbridge_wells(&data);
    let m = a.measure("Repeat victimisation rate").expect("assessed");
    assert_eq!(m.unit, Unit::Proportion);
    // Never summed into a year, shared out of the county, or tested as a count.
    assert_eq!(m.rolling_year, None);
    assert_eq!(m.county.as_ref().and_then(|c| c.share), None);
    assert_eq!(m.rate, None);
    assert_eq!(m.repeat, None);
    assert!(m.baseline.as_ref().and_then(|b| b.z).is_none());
    let findings = a.findings_for("Repeat victimisation rate");
    let all: Vec<&str> = findings.iter().map(|f| f.text.as_str()).collect();
    let text = all.join("\n");
    for nonsense in [
        "victims",
        "12 months to",
        "of repeat victimisation rate in Kent",
        "Poisson",
    ] {
        assert!(!text.contains(nonsense), "“{nonsense}” in:\n{text}");
    }
    assert!(!findings
        .iter()
        .any(|f| f.topic == Topic::RollingYear || f.topic == Topic::Share));
    // Sep 2016 (0.22) against Sep 2015 (0.27): five points lower, each shown as a percentage.
    let change = &findings[0];
    assert!(
        change.text.starts_with(
            "Repeat victimisation rate fell from 27.0% to 22.0% in Sep 2016 (5 percentage points on the same period a year earlier)."
        ),
        "{}",
        change.text
    );
    // Its base, the victims column beside it, gives Wilson intervals and Newcombe's difference.
    let share = m.share_change.as_ref().expect("a share change");
    assert!((share.points + 5.0).abs() < 1e-9);
    let bases = share
        .bases
        .as_ref()
        .expect("the victims column is its base");
    assert_eq!(bases.measure, "Victims");
    assert!(bases.difference_interval.0 < -5.0 && bases.difference_interval.1 > -5.0);
    let method = change.method.as_deref().unwrap();
    assert!(
        method.contains("percentage points") && method.contains("Wilson"),
        "{method}"
    );
    assert!(!method.contains("binomial"), "{method}");
    // The county is compared as given, not as a share of its total.
    let level = findings
        .iter()
        .find(|f| f.topic == Topic::Rate)
        .expect("against the county");
    assert!(
        level.text.contains("22.0%") && level.text.contains("Kent's"),
        "{}",
        level.text
    );
    // The victims themselves are counts, with their noun and a rolling year.
    let victims = a.measure("Victims").unwrap();
    assert_eq!(victims.unit, Unit::Count);
    assert!(victims.rolling_year.is_some());
}

#[test]
fn every_unit_is_recognised_from_its_header() {
    let csv = "Area,Year,Crimes,\"Crimes per 1,000 population\",\"KSI per 100,000\",% detected,\
               Average days to charge,Cost of damage (£),Officers to crimes ratio,Proportion repeat\n\
               Tunbridge Wells,2014,100,0.9,35.1,25,41.5,1200,0.8,0.21\n\
               Tunbridge Wells,2015,110,1.0,36.0,28,39.0,1500,0.9,0.19\n";
    let data = import_file("units.csv", csv.as_bytes()).unwrap();
    let unit_of = |measure: &str| {
        data.observations
            .iter()
            .find(|o| o.measure == measure)
            .unwrap_or_else(|| panic!("no {measure}"))
            .unit
    };
    assert_eq!(unit_of("Crimes"), Unit::Count);
    assert_eq!(
        unit_of("Crimes per 1,000 population"),
        Unit::RatePerThousand
    );
    assert_eq!(unit_of("KSI per 100,000"), Unit::RatePerHundredThousand);
    assert_eq!(unit_of("% detected"), Unit::Percent);
    assert_eq!(unit_of("Average days to charge"), Unit::Average);
    assert_eq!(unit_of("Cost of damage (£)"), Unit::Money);
    assert_eq!(unit_of("Officers to crimes ratio"), Unit::Ratio);
    assert_eq!(unit_of("Proportion repeat"), Unit::Proportion);
    assert!(data.tables[0].reading.trusted());

    // Shown with their unit; never a count noun.
    let a = tunbridge_wells(&data);
    let first = |m: &str| a.findings_for(m)[0].text.clone();
    assert!(
        first("Cost of damage (£)").contains("to £1,500 from £1,200"),
        "{}",
        first("Cost of damage (£)")
    );
    assert!(
        first("Proportion repeat").contains("from 21.0% to 19.0%"),
        "{}",
        first("Proportion repeat")
    );
    assert!(
        first("% detected").contains("from 25% to 28%"),
        "{}",
        first("% detected")
    );
    assert!(first("Crimes per 1,000 population").contains("1.0 per 1,000"));
    assert!(
        first("Crimes").contains("110 crimes"),
        "{}",
        first("Crimes")
    );
    for m in a.measures.iter().filter(|m| m.unit != Unit::Count) {
        assert_eq!(m.significance, None, "{} has a count test", m.measure);
        for f in a.findings_for(&m.measure) {
            // No figure of it is counted in a noun ("0.9 crimes").
            let counted = (0..10).any(|d| f.text.contains(&format!("{d} crimes")));
            assert!(!counted, "{}", f.text);
        }
    }
}

#[test]
fn text_cells_say_their_unit_too() {
    let csv = "Area,Year,Damage,Detected\n\
               Tunbridge Wells,2014,\"£1,200\",12.5%\n\
               Tunbridge Wells,2015,\"£1,350\",14%\n";
    let data = import_file("cells.csv", csv.as_bytes()).unwrap();
    let unit_of = |m: &str| {
        data.observations
            .iter()
            .find(|o| o.measure == m)
            .unwrap()
            .unit
    };
    assert_eq!(unit_of("Damage"), Unit::Money);
    assert_eq!(unit_of("Detected"), Unit::Percent);
}

#[test]
fn fractions_with_no_word_for_them_keep_the_table_out_until_confirmed() {
    let csv = repeat_rates_csv("DA");
    let data = import_file("unsure.csv", csv.as_bytes()).unwrap();
    let table = &data.tables[0];
    assert!(!table.reading.trusted());
    assert!(
        table.reading.doubts[0].contains("between 0 and 1"),
        "{:?}",
        table.reading
    );
    // Nothing of the table enters the assessment: not even its victims column.
    assert_eq!(Index::new(&data).measures().count(), 0);
    assert!(assess(
        &data,
        &Options::default(),
        &[],
        &PrioritySettings::default()
    )
    .is_none());
    let out = left_out(&data);
    assert_eq!(out.len(), 1);
    assert!(
        out[0].table.starts_with("unsure.csv › CSV ("),
        "{}",
        out[0].table
    );

    // The user confirms it in the mapping step, saying the column is a proportion.
    let mapping = table.mapping.clone().unwrap();
    let recipe = Recipe {
        signature: mapping.signature,
        roles: mapping.roles,
        area: None,
        header_shift: 0,
        units: vec![None, None, None, Some(Unit::Proportion)],
        bases: Vec::new(),
        by_hand: None,
    };
    let confirmed =
        import_file_with_progress("unsure.csv", csv.as_bytes(), &[recipe], &mut |_| {}).unwrap();
    assert!(confirmed.tables[0].reading.trusted());
    assert!(confirmed.tables[0].reading.confirmed);
    assert_eq!(
        confirmed.tables[0].mapping.as_ref().unwrap().units[3],
        Some(Unit::Proportion)
    );
    let a = tunbridge_wells(&confirmed);
    assert_eq!(a.measure("DA").unwrap().unit, Unit::Proportion);
    assert!(a.left_out.is_empty());
    assert!(report::text(&a).contains("percentage points"));
}

#[test]
fn a_doubtful_table_is_left_out_and_the_rest_assessed() {
    let mut data = import_file(
        "good.csv",
        repeat_rates_csv("Repeat victimisation rate").as_bytes(),
    )
    .unwrap();
    data.merge_import(import_file("unsure.csv", repeat_rates_csv("DA").as_bytes()).unwrap());
    let a = tunbridge_wells(&data);
    assert!(a.measure("Repeat victimisation rate").is_some());
    assert!(a.measure("DA").is_none());
    // Its victims column, though named as the good table's, does not double up either.
    let victims = a.measure("Victims").unwrap();
    assert!(victims.change.current.source.file == "good.csv");
    assert_eq!(a.left_out.len(), 1);
    // The district charts read the same index: the doubtful table is not compared either.
    let index = Index::new(&data);
    let compared: Vec<String> = comparable_measures(&index)
        .into_iter()
        .map(|(m, _)| m)
        .collect();
    assert!(
        compared.contains(&"Repeat victimisation rate".to_string()),
        "{compared:?}"
    );
    assert!(!compared.contains(&"DA".to_string()), "{compared:?}");
    let rates = district_comparison(
        &index,
        "Repeat victimisation rate",
        &victims.change.current.period,
    );
    assert_eq!(rates.unit, Unit::Proportion);
    assert!(!rates.by_rate && rates.county_rate.is_none());
    let text = report::text(&a);
    assert!(
        text.contains("Left out until their reading is checked (1 table"),
        "{text}"
    );
    assert!(text.contains("unsure.csv › CSV"));
}

fn run_cspw(args: &[&str]) -> (bool, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cspw"))
        .args(args)
        .output()
        .expect("cspw runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn cspw_names_doubtful_tables_and_trusts_them_with_exported_recipes() {
    let dir = std::env::temp_dir().join(format!("cspw-units-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("good.csv");
    let unsure = dir.join("unsure.csv");
    std::fs::write(&good, repeat_rates_csv("Repeat victimisation rate")).unwrap();
    std::fs::write(&unsure, repeat_rates_csv("DA")).unwrap();
    let (good, unsure) = (good.to_str().unwrap(), unsure.to_str().unwrap());

    let (ok, text, _) = run_cspw(&["inspect", unsure]);
    assert!(ok);
    assert!(
        text.contains(
            "confidence: check how this was read (left out of the assessment until confirmed):"
        ),
        "{text}"
    );
    assert!(text.contains("between 0 and 1"));
    let (ok, text, _) = run_cspw(&["inspect", good]);
    assert!(ok);
    assert!(text.contains("confidence: sure"), "{text}");
    assert!(
        text.contains("unit of Repeat victimisation rate: proportion"),
        "{text}"
    );
    assert!(text.contains("= 25.0%"), "{text}");

    let (ok, text, _) = run_cspw(&["assess", good, unsure, "--area", "Tunbridge Wells"]);
    assert!(ok);
    assert!(
        text.contains("Left out until their reading is checked (1 table"),
        "{text}"
    );
    assert!(text.contains("unsure.csv › CSV"), "{text}");
    assert!(!text.contains("\nDA\n"), "{text}");
    let (ok, _, error) = run_cspw(&["assess", unsure]);
    assert!(!ok);
    assert!(
        error.contains("nothing to assess") && error.contains("unsure.csv › CSV"),
        "{error}"
    );

    // The recipes file the Data view exports confirms the table.
    let data = import_file("unsure.csv", repeat_rates_csv("DA").as_bytes()).unwrap();
    let mapping = data.tables[0].mapping.clone().unwrap();
    let recipes = vec![Recipe {
        signature: mapping.signature,
        roles: mapping.roles,
        area: None,
        header_shift: 0,
        units: vec![None, None, None, Some(Unit::Proportion)],
        bases: Vec::new(),
        by_hand: None,
    }];
    let recipes_file = dir.join("csp-workbench-mappings.json");
    std::fs::write(
        &recipes_file,
        serde_json::to_string_pretty(&recipes).unwrap(),
    )
    .unwrap();
    let recipes_file = recipes_file.to_str().unwrap();
    let (ok, text, _) = run_cspw(&["inspect", unsure, "--recipes", recipes_file]);
    assert!(ok);
    assert!(text.contains("confirmed by your mapping"), "{text}");
    let (ok, text, _) = run_cspw(&[
        "assess",
        unsure,
        "--recipes",
        recipes_file,
        "--area",
        "Tunbridge Wells",
    ]);
    assert!(ok, "{text}");
    assert!(
        text.contains("\nDA\n") && !text.contains("Left out"),
        "{text}"
    );
    assert!(text.contains("percentage points"), "{text}");
    let (ok, _, error) = run_cspw(&["assess", unsure, "--recipes", good]);
    assert!(!ok);
    assert!(error.contains("is not a list of mappings"), "{error}");
    std::fs::remove_dir_all(&dir).ok();
}
