//! The built-in geography against the ONS files it was made from: every district,
//! partnership and force code and name in the lookups is recognised; renames,
//! mergers and districts split between partnerships come out as the lookups say;
//! the built-in populations equal the source cells; and a long table of a county's
//! districts with no county row and no population gives the derived county, rates
//! from the built-in population and ranks.

use calamine::{open_workbook_auto, Data, Reader};
use csp_workbench::core::areas::{normalise, AreaLevel};
use csp_workbench::core::assessment::findings::Topic;
use csp_workbench::core::assessment::{derived::is_derived, reference::with_reference};
use csp_workbench::core::assessment::{Options, PeerGroup};
use csp_workbench::core::dataset::Dataset;
use csp_workbench::core::format;
use csp_workbench::core::geography::{self, names, Kind, Population};
use csp_workbench::core::ingest::import_file;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

mod common;
use common::assess_over_population;

fn geo_dir() -> PathBuf {
    common::shared_path("geo")
}

fn lookups() -> PathBuf {
    geo_dir().join("lookups")
}

fn csv_rows(name: &str) -> Vec<HashMap<String, String>> {
    let path = lookups().join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .map(|r| {
            headers
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(String::from))
                .collect()
        })
        .collect()
}

fn built_in_population() -> Population {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/public/geography/population.tsv"
    );
    Population::parse(&std::fs::read_to_string(path).expect("make geography writes it"))
        .expect("the built-in populations parse")
}

const LOOKUP_2018: &str = "Local_Authority_District_to_Community_Safety_Partnerships_to_Police_Force_Areas_(December_2018)_Lookup_in_England_and_Wales.csv";
const LOOKUP_2019: &str = "Local_Authority_District_to_Community_Safety_Partnerships_to_Police_Force_Areas_(December_2019)_Lookup_in_England_and_Wales.csv";
const LOOKUP_2024: &str = "lookup_ltla24_csp24_pfa24.csv";

/// (code, name, kind) for every district, partnership and force in the three lookups.
fn every_listed_area() -> BTreeSet<(String, String, Kind)> {
    let mut out = BTreeSet::new();
    for (file, y) in [(LOOKUP_2018, "18"), (LOOKUP_2019, "19")] {
        for r in csv_rows(file) {
            for (prefix, kind) in [
                ("LAD", Kind::District),
                ("CSP", Kind::Csp),
                ("PFA", Kind::Force),
            ] {
                out.insert((
                    r[&format!("{prefix}{y}CD")].clone(),
                    r[&format!("{prefix}{y}NM")].clone(),
                    kind,
                ));
            }
        }
    }
    for r in csv_rows(LOOKUP_2024) {
        for (prefix, kind) in [
            ("ltla24", Kind::District),
            ("csp24", Kind::Csp),
            ("pfa24", Kind::Force),
        ] {
            out.insert((
                r[&format!("{prefix}_code")].clone(),
                r[&format!("{prefix}_name")].clone(),
                kind,
            ));
        }
    }
    out
}

#[test]
fn every_code_and_name_in_the_lookups_is_recognised() {
    let Some(_) = common::shared_data("geo") else {
        return;
    };
    let geo = geography::national();
    let listed = every_listed_area();
    let mut codes: BTreeMap<Kind, BTreeSet<&str>> = BTreeMap::new();
    for (code, name, kind) in &listed {
        let by_code = geo
            .by_code(code)
            .unwrap_or_else(|| panic!("{code} ({name}) is not recognised by its code"));
        assert_eq!(by_code.kind, *kind, "{code} is a {kind:?}");
        // By name: the area itself is among the candidates, and the one chosen
        // goes by that name too (a name two areas share goes to one of them).
        let id = geo.id_of_code(code).unwrap();
        assert!(
            geo.candidates(name).contains(&id),
            "{name} does not lead to {code}"
        );
        let chosen_id = geo.find(name).unwrap();
        let chosen = geo.area(chosen_id);
        let chosen_names: Vec<String> = std::iter::once(&chosen.name)
            .chain(&chosen.aliases)
            .map(|n| names::key(n))
            .collect();
        assert!(
            chosen_names.contains(&names::key(name)) || geo.same_ground(chosen_id, id),
            "{name} was taken for {}",
            chosen.describe()
        );
        // In any spelling: upper case, "&", with council or force words.
        assert_eq!(
            geo.find(&name.to_uppercase()),
            geo.find(name),
            "{name} in capitals"
        );
        let suffix = match kind {
            Kind::District => " District Council",
            Kind::Csp => " Community Safety Partnership",
            _ => " Police",
        };
        assert!(
            geo.candidates(&format!("{name}{suffix}")).contains(&id),
            "{name}{suffix}"
        );
        codes.entry(*kind).or_default().insert(code);
    }
    // What the lookups hold, counted independently of the geography.
    assert_eq!(codes[&Kind::Force].len(), 43);
    assert!(
        codes[&Kind::District].len() >= 360,
        "{:?}",
        codes[&Kind::District].len()
    );
    assert!(codes[&Kind::Csp].len() >= 314);
    eprintln!(
        "recognised: {} district codes, {} partnership codes, {} force codes",
        codes[&Kind::District].len(),
        codes[&Kind::Csp].len(),
        codes[&Kind::Force].len()
    );
}

#[test]
fn renames_mergers_and_spellings() {
    let geo = geography::national();
    let code_of = |label: &str| geo.find_area(label).map(|a| a.code.clone());
    // A rename keeps its code.
    assert_eq!(code_of("Shepway").as_deref(), Some("E07000112"));
    assert_eq!(
        normalise("Shepway District Council").0,
        "Folkestone and Hythe"
    );
    assert_eq!(normalise("FOLKESTONE & HYTHE").0, "Folkestone and Hythe");
    // Mergers: the former district is itself, with its successor named.
    let successor = |old: &str| {
        let area = geo.find_area(old).unwrap();
        assert!(!area.is_current(), "{old} was abolished");
        area.successors.clone()
    };
    assert_eq!(successor("Forest Heath"), vec!["E07000245"]); // West Suffolk, 2019
    assert_eq!(successor("Christchurch"), vec!["E06000058"]); // BCP, 2019
    assert_eq!(successor("East Dorset"), vec!["E06000059"]); // Dorset, 2019
    assert_eq!(successor("E07000004"), vec!["E06000060"]); // Aylesbury Vale → Buckinghamshire, 2020
    assert_eq!(successor("E07000150"), vec!["E06000061"]); // Corby → North Northamptonshire, 2021
    assert_eq!(successor("E07000026"), vec!["E06000063"]); // Allerdale → Cumberland, 2023
    assert_eq!(successor("E07000027"), vec!["E06000064"]); // Barrow → Westmorland and Furness
    assert_eq!(successor("E07000163"), vec!["E06000065"]); // Craven → North Yorkshire
    assert_eq!(successor("E07000187"), vec!["E06000066"]); // Mendip → Somerset
                                                           // Names still in use go to the current area: Allerdale is now a partnership.
    assert_eq!(geo.find_area("Allerdale").unwrap().kind, Kind::Csp);
    // Combined partnerships, and the county/force words.
    assert_eq!(
        normalise("Dartford & Gravesham"),
        ("Dartford and Gravesham".into(), AreaLevel::District)
    );
    assert_eq!(normalise("Kent").1, AreaLevel::County);
    assert_eq!(normalise("Kent Police").1, AreaLevel::Force);
    assert_eq!(normalise("Devon & Cornwall Police").0, "Devon and Cornwall");
    assert_eq!(normalise("London, City of").0, "City of London");
    assert_eq!(
        normalise("Kingston upon Hull, City of").1,
        AreaLevel::District
    );
    assert_eq!(normalise("E22000352").0, "Dartford and Gravesham");
    assert_eq!(normalise("Wales").1, AreaLevel::Region);
    assert_eq!(normalise("England and Wales").1, AreaLevel::National);
    // Mojibake as the scraped CSP names have it, and the Welsh name itself.
    let anglesey = geo.find_area("Ynys MÃ´n").expect("Ynys MÃ´n");
    assert_eq!(geo.find_area("Ynys Môn").unwrap().code, anglesey.code);
    assert!(anglesey.code.starts_with('W'));
}

#[test]
fn districts_split_between_partnerships_are_reported_as_such() {
    let Some(_) = common::shared_data("geo") else {
        return;
    };
    let geo = geography::national();
    // Independently from the 2024 lookup: districts listed against several partnerships.
    let mut csps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for r in csv_rows(LOOKUP_2024) {
        csps.entry(r["ltla24_code"].clone())
            .or_default()
            .insert(r["csp24_code"].clone());
    }
    let expected: BTreeMap<String, BTreeSet<String>> =
        csps.into_iter().filter(|(_, c)| c.len() > 1).collect();
    let found: BTreeMap<String, BTreeSet<String>> = geo
        .split_districts()
        .into_iter()
        .map(|(d, cs)| {
            (
                geo.area(d).code.clone(),
                cs.iter().map(|c| geo.area(*c).code.clone()).collect(),
            )
        })
        .collect();
    assert_eq!(found, expected);
    assert!(found.contains_key("E06000063")); // Cumberland: Allerdale, Carlisle, Copeland
                                              // Such a partnership has no population of its own unless a former district
                                              // was exactly its area; the reason is given, never a guess.
    let population = built_in_population();
    let wycombe = geo.find("Wycombe").unwrap();
    let reason = population.people(geo, wycombe).unwrap_err();
    assert!(reason.contains("part of Buckinghamshire"), "{reason}");
    // A partnership of whole districts is their sum.
    let dg = geo.find("Dartford and Gravesham").unwrap();
    let dartford = geo.find("Dartford").unwrap();
    let gravesham = geo.find("Gravesham").unwrap();
    let sum = |id| population.people(geo, id).unwrap().last().unwrap().value;
    assert_eq!(sum(dg), sum(dartford) + sum(gravesham));
    // Kent's districts, from the geography rather than a list.
    let kent = geo.find("Kent").unwrap();
    let districts: Vec<&str> = geo
        .districts_of(kent)
        .iter()
        .map(|d| geo.area(*d).name.as_str())
        .collect();
    assert!(districts.contains(&"Tunbridge Wells"));
    assert!(districts.contains(&"Folkestone and Hythe"));
    assert!(districts.contains(&"Dartford and Gravesham"));
    assert!(!districts.contains(&"Medway"));
    assert_eq!(districts.len(), 13, "{districts:?}"); // 12 districts and one combined partnership
}

/// A value from regionalpopulation.csv, read again from the source file.
fn source_population(name: &str, year: u16) -> f64 {
    let path = geo_dir().join("population/regionalpopulation.csv");
    let text = std::fs::read_to_string(path).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let column = headers
        .iter()
        .position(|h| *h == format!("Mid-{year}"))
        .unwrap();
    reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[0] == name)
        .map(|r| r[column].parse().unwrap())
        .unwrap()
}

fn source_households(code: &str) -> f64 {
    let path = geo_dir().join("population/census2021firstresultsenglandwales1.xlsx");
    let mut book = open_workbook_auto(path).unwrap();
    let sheet = book.worksheet_range("H01").unwrap();
    sheet
        .rows()
        .find(|r| matches!(&r[0], Data::String(c) if c.trim() == code))
        .and_then(|r| match r[2] {
            Data::Float(v) => Some(v),
            Data::Int(v) => Some(v as f64),
            _ => None,
        })
        .unwrap()
}

#[test]
fn populations_equal_the_source_cells() {
    let Some(_) = common::shared_data("geo") else {
        return;
    };
    let geo = geography::national();
    let population = built_in_population();
    assert_eq!(population.years.first(), Some(&2011));
    assert_eq!(population.years.last(), Some(&2023));
    let estimate = |label: &str, year: u16| {
        let id = geo.find(label).unwrap();
        population
            .people(geo, id)
            .unwrap()
            .into_iter()
            .find(|e| e.year == year)
            .unwrap()
            .value
    };
    for (name, year) in [
        ("Tunbridge Wells", 2023),
        ("Wyre Forest", 2015),
        ("City of London", 2020),
        ("Cumberland", 2011),
        ("Isle of Anglesey", 2019),
        ("Folkestone and Hythe", 2012),
    ] {
        assert_eq!(
            estimate(name, year),
            source_population(name, year),
            "{name} mid-{year}"
        );
    }
    assert_eq!(estimate("Kent", 2019), 1_562_840.0);
    assert_eq!(estimate("Kent", 2019), source_population("Kent", 2019));
    // A force is the sum of its districts: Kent's is the county and Medway.
    let kent_force = geo.find("Kent Police").unwrap();
    let force = population.people(geo, kent_force).unwrap();
    let force_2019 = force.iter().find(|e| e.year == 2019).unwrap();
    assert_eq!(
        force_2019.value,
        source_population("Kent", 2019) + source_population("Medway", 2019)
    );
    assert!(force_2019.from.starts_with("the sum of 13 districts"));
    // Households, Census 2021 (table H01).
    for code in ["E07000116", "E09000001", "W06000001", "E06000035"] {
        let id = geo.id_of_code(code).unwrap();
        assert_eq!(
            population.households_of(geo, id).unwrap().value,
            source_households(code)
        );
    }
    // Cumberland did not exist in 2021: the sum of the three districts it replaced.
    let cumberland = geo.id_of_code("E06000063").unwrap();
    assert_eq!(
        population.households_of(geo, cumberland).unwrap().value,
        ["E07000026", "E07000028", "E07000029"]
            .into_iter()
            .map(source_households)
            .sum::<f64>()
    );
    // Allerdale the partnership is Allerdale the former district: mid-2011 and
    // mid-2021 from the mid-2021 release (table MYE4), which the new release omits.
    let allerdale = geo.find("Allerdale").unwrap();
    let people = population.people(geo, allerdale).unwrap();
    let years: Vec<(u16, f64)> = people.iter().map(|e| (e.year, e.value)).collect();
    assert_eq!(years, [(2011, 96_444.0), (2021, 96_384.0)]);
    assert!(people[0].series.contains("mid-2021 release"));
    // Its mid-2011 is the same series: the three add up to Cumberland's exactly.
    assert_eq!(
        96_444.0 + 107_475.0 + 70_627.0,
        source_population("Cumberland", 2011)
    );
    let allerdale = geo.find("Allerdale").unwrap();
    assert_eq!(
        population.households_of(geo, allerdale).unwrap().value,
        source_households("E07000026")
    );
}

/// Surrey's eleven districts, as a long table, with no county row and no population.
const SURREY: [(&str, [u32; 2]); 11] = [
    ("Elmbridge", [7_010, 7_340]),
    ("Epsom and Ewell", [3_150, 3_080]),
    ("Guildford", [8_100, 8_450]),
    ("Mole Valley", [3_900, 4_120]),
    ("Reigate and Banstead", [8_800, 8_610]),
    ("Runnymede", [6_300, 6_900]),
    ("Spelthorne", [7_250, 7_020]),
    ("Surrey Heath", [4_400, 4_480]),
    ("Tandridge", [4_700, 4_650]),
    ("Waverley", [5_600, 5_900]),
    ("Woking", [6_900, 7_150]),
];

fn surrey_csv() -> String {
    let mut csv = String::from("Area,Financial year,Measure,Value\n");
    for (district, [before, after]) in SURREY {
        csv.push_str(&format!(
            "{district} Borough Council,2021/22,All crime,{before}\n"
        ));
        csv.push_str(&format!("{district},2022/23,All crime,{after}\n"));
    }
    csv
}

#[test]
fn a_county_without_its_row_is_derived_with_rates_and_ranks_from_built_in_populations() {
    let Some(_) = common::shared_data("geo") else {
        return;
    };
    let data = import_file("surrey-districts.csv", surrey_csv().as_bytes()).unwrap();
    assert!(data.observations.iter().all(|o| o.area != "Surrey"));
    assert!(data
        .observations
        .iter()
        .all(|o| o.area_level == AreaLevel::District));
    let population = built_in_population();
    let options = Options {
        area: Some("Woking".into()),
        ..Options::default()
    };
    let a = assess_over_population(&data, &population, &options);
    assert_eq!(a.options.county.as_deref(), Some("Surrey"));
    let m = a.measure("All crime").unwrap();
    let county = m.county.as_ref().unwrap();
    let total: u32 = SURREY.iter().map(|(_, v)| v[1]).sum();
    let total_before: u32 = SURREY.iter().map(|(_, v)| v[0]).sum();
    let county_change = county.change.as_ref().unwrap();
    assert_eq!(county_change.current.value, f64::from(total));
    assert_eq!(
        county_change.previous.as_ref().unwrap().value,
        f64::from(total_before)
    );
    assert!(is_derived(&county_change.current.source));
    // The rate by hand: 7,150 crimes in 2022/23 over Woking's mid-2022 estimate.
    let woking_2022 = source_population("Woking", 2022);
    let rate = m.rate.as_ref().unwrap();
    assert_eq!(rate.denominator.value, woking_2022);
    assert!((rate.per_thousand - 7_150.0 / woking_2022 * 1000.0).abs() < 1e-9);
    assert_eq!(
        rate.denominator.source.file,
        "ONS mid-2022 estimate (built in)"
    );
    assert_eq!(rate.denominator.source.cell, "E07000217");
    // The county's rate over its own built-in estimate (the sum of its districts).
    let surrey_2022 = source_population("Surrey", 2022);
    assert!((county.rate.unwrap() - f64::from(total) / surrey_2022 * 1000.0).abs() < 1e-9);
    // Ranked by rate among Surrey's eleven districts, counted by hand.
    let mut rates: Vec<(f64, &str)> = SURREY
        .iter()
        .map(|(d, v)| (f64::from(v[1]) / source_population(d, 2022), *d))
        .collect();
    rates.sort_by(|a, b| a.0.total_cmp(&b.0));
    let expected_rank = 1 + rates.iter().position(|(_, d)| *d == "Woking").unwrap();
    let rank = m.rank.as_ref().unwrap();
    assert_eq!(
        (rank.rank, rank.of, rank.by_rate),
        (expected_rank, 11, true)
    );
    assert_eq!(rank.among.as_deref(), Some("districts in Surrey"));
    let findings = a.findings_for("All crime");
    let rate_finding = findings.iter().find(|f| f.topic == Topic::Rate).unwrap();
    assert!(
        rate_finding.text.contains("districts in Surrey"),
        "{}",
        rate_finding.text
    );
    let change = findings.iter().find(|f| f.topic == Topic::Change).unwrap();
    assert!(change.text.contains("Surrey"), "{}", change.text);
    assert!(change.text.contains("derived"), "{}", change.text);
}

#[test]
fn a_total_row_in_the_file_is_never_doubled() {
    let mut csv = surrey_csv();
    csv.push_str("Surrey,2022/23,All crime,70000\n");
    let data = import_file("surrey.csv", csv.as_bytes()).unwrap();
    let geo = geography::national();
    let with = with_reference(&data, geo, None);
    let surrey: Vec<_> = with
        .observations
        .iter()
        .filter(|o| o.area == "Surrey")
        .collect();
    // The file's own 2022/23 row, and a derived 2021/22 (the file has none for it).
    assert_eq!(surrey.len(), 2);
    let own = surrey.iter().find(|o| !is_derived(&o.source)).unwrap();
    assert_eq!(own.value.number(), Some(70_000.0));
    let derived = surrey.iter().find(|o| is_derived(&o.source)).unwrap();
    assert_eq!(
        derived.value.number(),
        Some(SURREY.iter().map(|(_, v)| f64::from(v[0])).sum())
    );
    // One district short: no county is made up.
    let short: String = surrey_csv()
        .lines()
        .filter(|l| !l.contains("Woking"))
        .map(|l| format!("{l}\n"))
        .collect();
    let data = import_file("short.csv", short.as_bytes()).unwrap();
    assert!(with_reference(&data, geo, None)
        .observations
        .iter()
        .all(|o| o.area != "Surrey"));
}

#[test]
fn a_population_in_the_file_wins_and_an_imported_group_ranks() {
    let mut csv = surrey_csv();
    csv.push_str("Woking,2022,Population,100000\n");
    let data: Dataset = import_file("surrey.csv", csv.as_bytes()).unwrap();
    let population = built_in_population();
    let group = PeerGroup::imported("Most similar", "Woking\nE07000207\nGuildford\nNowhere");
    assert_eq!(group.1, vec!["Nowhere".to_string()]);
    let options = Options {
        area: Some("Woking".into()),
        peers: Some(group.0),
        ..Options::default()
    };
    let a = assess_over_population(&data, &population, &options);
    let m = a.measure("All crime").unwrap();
    let rate = m.rate.as_ref().unwrap();
    assert_eq!(rate.denominator.value, 100_000.0);
    assert_eq!(rate.denominator.source.file, "surrey.csv");
    let rank = m.rank.as_ref().unwrap();
    assert_eq!(rank.of, 3); // Woking, Elmbridge (E07000207) and Guildford
    assert_eq!(rank.among.as_deref(), Some("areas in Most similar"));
}

#[test]
fn the_comparison_and_peer_choices_come_from_the_geography() {
    use csp_workbench::core::assessment::{comparison_choices, peer_choices, proposed_area, Index};
    let data = import_file("surrey-districts.csv", surrey_csv().as_bytes()).unwrap();
    let geo = geography::national();
    let analysed = with_reference(&data, geo, None);
    let index = Index::new(&analysed);
    // Proposed from the data: the district with the most figures (all have two: the first by name).
    assert_eq!(proposed_area(&index).as_deref(), Some("Elmbridge"));
    // The options offer choices from the areas the assessment read.
    let areas: Vec<_> = index.areas().collect();
    let assessment = csp_workbench::core::assessment::assess(
        &data,
        &Default::default(),
        &[],
        &Default::default(),
    )
    .unwrap();
    assert_eq!(assessment.area_levels(), areas);
    let labels: Vec<String> = comparison_choices(&areas, "Woking")
        .into_iter()
        .map(|c| c.label)
        .collect();
    assert_eq!(
        labels,
        [
            "Surrey (county and police force area)",
            "South East (region) — no figures in your files",
            "England (country) — no figures in your files",
            "England and Wales (country) — no figures in your files",
        ]
    );
    let peers: Vec<String> = peer_choices(&areas, "Woking", None)
        .into_iter()
        .map(|c| c.label)
        .collect();
    assert_eq!(peers[0], "The 11 districts in Surrey in your files");
    assert!(
        peers.contains(&"Every district in your files".to_string()),
        "{peers:?}"
    );
    // Kent: the county is not the force area (Medway), so each is its own choice.
    let mut kent = String::from("Area,Year,Measure,Value\n");
    for d in ["Tunbridge Wells", "Medway"] {
        kent.push_str(&format!("{d},2022,Thefts,10\n"));
    }
    let kent = import_file("kent.csv", kent.as_bytes()).unwrap();
    let areas: Vec<_> = Index::new(&kent).areas().collect();
    let labels: Vec<String> = comparison_choices(&areas, "Tunbridge Wells")
        .into_iter()
        .map(|c| c.label)
        .collect();
    assert!(labels[0].starts_with("Kent (county)"), "{labels:?}");
    // The force, named apart from the county ("Kent (force)"), is a choice of its own.
    let choices = comparison_choices(&areas, "Tunbridge Wells");
    let force = choices
        .iter()
        .find(|c| c.label.starts_with("Kent (police force area)"))
        .unwrap_or_else(|| panic!("{labels:?}"));
    assert_eq!(force.area, "Kent (force)");
}

#[test]
fn cspw_assesses_any_district_by_name_or_code() {
    let dir = std::env::temp_dir().join(format!("cspw-geo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("surrey-districts.csv");
    std::fs::write(&path, surrey_csv()).unwrap();
    let run = |area: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_cspw"))
            .args(["assess", path.to_str().unwrap(), "--area", area])
            .output()
            .expect("cspw runs");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    // 7,150 crimes over Woking's mid-2022 estimate of 104,290: 68.6 per 1,000.
    for area in ["E07000217", "Woking Borough Council", "WOKING"] {
        let (ok, text, err) = run(area);
        assert!(ok, "{err}");
        assert!(text.starts_with("Strategic assessment: Woking"), "{text}");
        assert!(text.contains("68.6 per 1,000 population"), "{text}");
        assert!(text.contains("10th of 11 districts in Surrey"), "{text}");
        assert!(text.contains("the Surrey figure is derived"), "{text}");
    }
    // The derived county itself can be assessed.
    let (ok, text, _) = run("Surrey County Council");
    assert!(ok);
    assert!(text.starts_with("Strategic assessment: Surrey"), "{text}");
    // A known area with no figures, and an unknown one: one sentence, status 1.
    let (ok, _, err) = run("E06000063");
    assert!(!ok);
    assert!(err.contains("Cumberland (E06000063), district"), "{err}");
    let (ok, _, err) = run("Atlantis");
    assert!(!ok);
    assert!(err.contains("no figures for the area “Atlantis”"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_partnership_and_its_districts_are_not_both_added() {
    let geo = geography::national();
    let kent = geo.find("Kent County Council").unwrap();
    let districts: Vec<String> = geo
        .districts_of(kent)
        .into_iter()
        .map(|d| geo.area(d).name.clone())
        .collect();
    // Every Kent district at 100, and the combined partnership at 200 as well.
    let mut csv = String::from("Area,Year,Measure,Value\n");
    for d in &districts {
        let value = if d == "Dartford and Gravesham" {
            200
        } else {
            100
        };
        csv.push_str(&format!("\"{d}\",2022,Thefts,{value}\n"));
    }
    let data = import_file("kent.csv", csv.as_bytes()).unwrap();
    let with = with_reference(&data, geo, None);
    let county: Vec<_> = with
        .observations
        .iter()
        .filter(|o| o.area == "Kent")
        .collect();
    assert_eq!(county.len(), 1);
    assert_eq!(county[0].value.number(), Some(1_200.0)); // twelve districts, not thirteen areas
    assert!(
        county[0].source.cell.contains("12 districts"),
        "{}",
        county[0].source.cell
    );
}

/// `cspw assess … --area NAME` resolves any district or partnership of the
/// newest lookup (2024), by name or ONS code, against data keyed by districts
/// (as police.uk street files are counted) and by partnerships (as the Home
/// Office's CSP tables are): resolution only, no assessment per area.
#[test]
fn every_district_and_partnership_of_2024_resolves_by_name_and_code() {
    use csp_workbench::core::areas::area_in_data;
    let Some(_) = common::shared_data("geo") else {
        return;
    };
    let geo = geography::national();
    let rows = csv_rows(LOOKUP_2024);
    let as_named = |label: &str| normalise(label).0;
    let same_ground = |a: &str, b: &str| {
        let (a, b) = (geo.find(a).unwrap(), geo.find(b).unwrap());
        geo.same_ground(a, b)
    };
    // Data with a figure for every district.
    let districts: BTreeSet<String> = rows.iter().map(|r| as_named(&r["ltla24_name"])).collect();
    let data: Vec<&str> = districts.iter().map(String::as_str).collect();
    let (mut resolved, mut combined) = (0, BTreeSet::new());
    // Partnerships named as a district is but covering other ground (the
    // Dorset partnership also covers Christchurch): found by the name the data use.
    let mut by_name_only = BTreeSet::new();
    for r in &rows {
        let district = as_named(&r["ltla24_name"]);
        for asked in [&r["ltla24_code"], &r["ltla24_name"]] {
            assert_eq!(area_in_data(&data, asked), Ok(district.clone()), "{asked}");
            resolved += 1;
        }
        assert_eq!(
            geo.find(&district).map(|id| geo.area(id).code.clone()),
            Some(r["ltla24_code"].clone())
        );
        for asked in [&r["csp24_code"], &r["csp24_name"]] {
            match area_in_data(&data, asked) {
                Ok(found) => {
                    if !same_ground(asked, &found) {
                        assert_eq!(as_named(asked), found, "{asked}");
                        by_name_only.insert(found.clone());
                    }
                    resolved += 1;
                }
                Err(why) => {
                    // Only a partnership that is not one district's area.
                    let csp = geo.find(&r["csp24_code"]).unwrap();
                    assert!(
                        !districts
                            .iter()
                            .any(|d| geo.same_ground(csp, geo.find(d).unwrap())),
                        "{asked}: {why}"
                    );
                    assert!(why.contains(&format!("“{asked}”")), "{why}");
                    combined.insert(r["csp24_name"].clone());
                }
            }
        }
    }
    // Dartford and Gravesham is two districts; its districts' figures are not added up.
    assert!(combined.contains("Dartford and Gravesham"), "{combined:?}");
    let why = area_in_data(&data, "Dartford and Gravesham").unwrap_err();
    assert!(why.contains("made of the districts"), "{why}");

    // Data with a figure for every partnership.
    // By code: "North Devon (partnership)" is not the district of that name.
    let csps: BTreeSet<String> = rows.iter().map(|r| as_named(&r["csp24_code"])).collect();
    let data: Vec<&str> = csps.iter().map(String::as_str).collect();
    let mut split = BTreeSet::new();
    for r in &rows {
        for asked in [&r["csp24_code"], &r["csp24_name"]] {
            let found = area_in_data(&data, asked).unwrap_or_else(|e| panic!("{asked}: {e}"));
            // …or the partnership a name shared with a district also names.
            let named_so = geo
                .candidates(asked)
                .iter()
                .any(|c| geo.area(*c).name == found);
            assert!(
                same_ground(asked, &found) || as_named(asked) == found || named_so,
                "{asked} → {found}"
            );
            resolved += 1;
        }
        for asked in [&r["ltla24_code"], &r["ltla24_name"]] {
            match area_in_data(&data, asked) {
                Ok(found) => {
                    if !same_ground(asked, &found) {
                        let named_so = geo
                            .candidates(asked)
                            .iter()
                            .any(|c| geo.area(*c).name == found);
                        assert!(as_named(asked) == found || named_so, "{asked} → {found}");
                        by_name_only.insert(found.clone());
                    }
                }
                Err(_) => {
                    split.insert(r["ltla24_name"].clone());
                }
            }
        }
    }
    println!(
        "{} districts and {} partnerships of 2024: {resolved} names and codes resolved; partnerships of several districts: {combined:?}; districts of several partnerships or within one: {split:?}; found by a name shared with other ground: {by_name_only:?}",
        districts.len(),
        csps.len()
    );
    assert_eq!(districts.len(), 318);
    assert_eq!(csps.len(), 314);
}

/// Every partnership of several whole districts in the three lookups, by code,
/// with its districts, read straight from the CSV files.
fn combined_partnerships_in_the_lookups() -> BTreeMap<String, (String, BTreeSet<String>)> {
    let mut out: BTreeMap<String, (String, BTreeSet<String>)> = BTreeMap::new();
    for (file, [lad, csp, csp_name]) in [
        (LOOKUP_2018, ["LAD18CD", "CSP18CD", "CSP18NM"]),
        (LOOKUP_2019, ["LAD19CD", "CSP19CD", "CSP19NM"]),
        (LOOKUP_2024, ["ltla24_code", "csp24_code", "csp24_name"]),
    ] {
        let rows = csv_rows(file);
        let mut members: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut csps_of: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut names = BTreeMap::new();
        for r in &rows {
            members
                .entry(r[csp].clone())
                .or_default()
                .insert(r[lad].clone());
            csps_of
                .entry(r[lad].clone())
                .or_default()
                .insert(r[csp].clone());
            names.insert(r[csp].clone(), r[csp_name].clone());
        }
        for (code, districts) in members {
            // Whole districts only: none of them shared with another partnership.
            let whole = districts.iter().all(|d| csps_of[d].len() == 1);
            if districts.len() > 1 && whole {
                out.insert(code.clone(), (names[&code].clone(), districts));
            }
        }
    }
    out
}

/// A seeded generator, so the "raw rows" vary but the test repeats.
fn counts(seed: u64) -> impl FnMut() -> u32 {
    let mut state = seed;
    move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        200 + (state >> 33) as u32 % 5_000
    }
}

#[test]
fn every_partnership_of_several_districts_is_the_sum_of_its_districts() {
    let Some(_) = common::shared_data("geo") else {
        return;
    };
    let geo = geography::national();
    let population = built_in_population();
    let listed = combined_partnerships_in_the_lookups();
    // 15 in 2018 and 2019, 11 of whole districts in 2024 (Dorset's 2024
    // partnership takes in part of Bournemouth, Christchurch and Poole).
    assert!(listed.len() >= 15, "{listed:?}");
    let mut current = 0;
    for (code, (name, districts)) in &listed {
        let id = geo
            .id_of_code(code)
            .unwrap_or_else(|| panic!("{code} {name}"));
        let Some(members) = geo.member_districts(id) else {
            // Partnerships of former districts (North Yorkshire, 2019) and those
            // now holding part of a district split between partnerships (Daventry
            // and South Northamptonshire within West Northamptonshire) are no sum.
            let split = geo.split_districts();
            let holds_part = split.iter().any(|(_, csps)| csps.contains(&id));
            // …and those now one district (Somerset, 2023).
            let one_district =
                geo.areas().iter().enumerate().any(|(d, a)| {
                    a.kind == Kind::District && a.is_current() && geo.same_ground(d, id)
                });
            assert!(
                !geo.area(id).is_current() || holds_part || one_district,
                "{name} ({code})"
            );
            continue;
        };
        current += 1;
        let codes: BTreeSet<String> = members.iter().map(|d| geo.area(*d).code.clone()).collect();
        assert_eq!(&codes, districts, "{name}");
        // A long table by district, as a force's counts or a council's returns come:
        // two years of one measure, no row for the partnership.
        let mut next = counts(code.bytes().map(u64::from).sum());
        let mut csv = String::from("Area,Year,Measure,Value\n");
        for d in &members {
            for year in [2022, 2023] {
                csv.push_str(&format!(
                    "\"{}\",{year},Thefts,{}\n",
                    geo.area(*d).name,
                    next()
                ));
            }
        }
        // The tally, from the raw rows.
        let tally = |year: &str| -> f64 {
            csv.lines()
                .filter(|l| l.contains(&format!(",{year},")))
                .map(|l| l.rsplit(',').next().unwrap().parse::<f64>().unwrap())
                .sum()
        };
        let data = import_file("districts.csv", csv.as_bytes()).unwrap();
        let partnership = geo.area(id).name.clone();
        let options = Options {
            area: Some(partnership.clone()),
            ..Options::default()
        };
        let a = assess_over_population(&data, &population, &options);
        assert_eq!(a.options.area, partnership, "{name}");
        let m = a.measure("Thefts").unwrap();
        let change = &m.change;
        assert_eq!(change.current.value, tally("2023"), "{name}");
        assert_eq!(
            change.previous.as_ref().unwrap().value,
            tally("2022"),
            "{name}"
        );
        assert!(is_derived(&change.current.source), "{name}");
        // The rate over the districts' summed estimates.
        let people: f64 = members
            .iter()
            .map(|d| {
                population
                    .people(geo, *d)
                    .unwrap()
                    .iter()
                    .find(|e| e.year == 2023)
                    .unwrap()
                    .value
            })
            .sum();
        let rate = m.rate.as_ref().unwrap();
        assert_eq!(rate.denominator.value, people, "{name}");
        assert!((rate.per_thousand - tally("2023") / people * 1000.0).abs() < 1e-9);
    }
    assert!(
        current >= 10,
        "{current} current partnerships of several districts"
    );
}

#[test]
fn dartford_and_gravesham_is_summed_compared_with_kent_and_ranked_among_its_partnerships() {
    let Some(_) = common::shared_data("geo") else {
        return;
    };
    let geo = geography::national();
    let population = built_in_population();
    let kent = geo.find("Kent County Council").unwrap();
    let districts: Vec<String> = geo
        .districts_of(kent)
        .into_iter()
        .filter(|d| geo.area(*d).kind == Kind::District)
        .map(|d| geo.area(d).name.clone())
        .collect();
    assert_eq!(districts.len(), 12);
    let mut next = counts(13);
    let mut csv = String::from("Area,Year,Measure,Value\n");
    for d in &districts {
        for year in [2022, 2023] {
            csv.push_str(&format!("\"{d}\",{year},Burglary,{}\n", next()));
        }
    }
    let value = |district: &str, year: u32| -> f64 {
        csv.lines()
            .find(|l| l.starts_with(&format!("\"{district}\",{year},")))
            .and_then(|l| l.rsplit(',').next())
            .unwrap()
            .parse()
            .unwrap()
    };
    let data = import_file("kent.csv", csv.as_bytes()).unwrap();
    let assess = |options: Options| assess_over_population(&data, &population, &options);
    let a = assess(Options {
        area: Some("Dartford & Gravesham CSP".into()),
        ..Options::default()
    });
    assert_eq!(a.options.area, "Dartford and Gravesham");
    assert_eq!(a.options.county.as_deref(), Some("Kent"));
    let m = a.measure("Burglary").unwrap();
    let summed = value("Dartford", 2023) + value("Gravesham", 2023);
    assert_eq!(m.change.current.value, summed);
    assert!(m
        .change
        .current
        .source
        .cell
        .contains("no Dartford and Gravesham row"));
    let county = m.county.as_ref().unwrap().change.as_ref().unwrap();
    let kent_total: f64 = districts.iter().map(|d| value(d, 2023)).sum();
    assert_eq!(county.current.value, kent_total); // twelve districts, never the partnership too
                                                  // Ranked among Kent's eleven partnerships (ten districts that are their own and
                                                  // the combined one), by rate, counted here by hand.
    let rank = m.rank.as_ref().unwrap();
    assert_eq!(
        rank.among.as_deref(),
        Some("community safety partnerships in Kent")
    );
    let rate_of = |names: &[&str]| {
        let count: f64 = names.iter().map(|n| value(n, 2023)).sum();
        let people: f64 = names
            .iter()
            .map(|n| {
                let id = geo.find(n).unwrap();
                population
                    .people(geo, id)
                    .unwrap()
                    .iter()
                    .find(|e| e.year == 2023)
                    .unwrap()
                    .value
            })
            .sum();
        count / people
    };
    let own = rate_of(&["Dartford", "Gravesham"]);
    let below = districts
        .iter()
        .filter(|d| !["Dartford", "Gravesham"].contains(&d.as_str()))
        .filter(|d| rate_of(&[d.as_str()]) < own)
        .count();
    assert_eq!((rank.rank, rank.of, rank.by_rate), (below + 1, 11, true));
    let findings = a.findings_for("Burglary");
    let change = findings.iter().find(|f| f.topic == Topic::Change).unwrap();
    assert!(
        change
            .text
            .contains("Dartford and Gravesham's figures are derived"),
        "{}",
        change.text
    );
    let rate = findings.iter().find(|f| f.topic == Topic::Rate).unwrap();
    assert!(
        rate.text
            .contains("11 community safety partnerships in Kent")
            || rate.text.contains("community safety partnerships in Kent"),
        "{}",
        rate.text
    );

    // A district keeps its twelve districts, the combined partnership not among them.
    let a = assess(Options {
        area: Some("Tunbridge Wells".into()),
        ..Options::default()
    });
    let rank = a.measure("Burglary").unwrap().rank.clone().unwrap();
    assert_eq!(
        (rank.of, rank.among.as_deref()),
        (12, Some("districts in Kent"))
    );
    // …or, chosen, Kent's eleven partnerships.
    use csp_workbench::core::assessment::{peer_choices, Index};
    let analysed = with_reference(&data, geo, None);
    let areas: Vec<_> = Index::new(&analysed).areas().collect();
    let labels: Vec<String> = peer_choices(&areas, "Tunbridge Wells", None)
        .into_iter()
        .map(|c| c.label)
        .collect();
    assert!(
        labels.contains(&"The 12 districts in Kent in your files".to_string()),
        "{labels:?}"
    );
    assert!(
        labels.contains(&"The 11 community safety partnerships in Kent in your files".to_string()),
        "{labels:?}"
    );
    let a = assess(Options {
        area: Some("Tunbridge Wells".into()),
        peers: Some(PeerGroup::PartnershipsWithin("Kent".into())),
        ..Options::default()
    });
    let rank = a.measure("Burglary").unwrap().rank.clone().unwrap();
    assert_eq!(rank.of, 11);
    // Dartford is in a combined partnership: ranked among districts only.
    let labels: Vec<String> = peer_choices(&areas, "Dartford", None)
        .into_iter()
        .map(|c| c.label)
        .collect();
    assert!(
        !labels.iter().any(|l| l.contains("partnerships")),
        "{labels:?}"
    );
    let a = assess(Options {
        area: Some("Dartford".into()),
        peer_level: Some(AreaLevel::District),
        peers: Some(PeerGroup::Level(AreaLevel::District)),
        ..Options::default()
    });
    let rank = a.measure("Burglary").unwrap().rank.clone().unwrap();
    assert_eq!(
        rank.of, 12,
        "every district, the partnership over Dartford left out"
    );

    // Where the file has the partnership's own row, that row is used, never a sum too.
    let mut with_row = csv.clone();
    with_row.push_str("Dartford and Gravesham,2023,Burglary,1\n");
    let data = import_file("kent.csv", with_row.as_bytes()).unwrap();
    let with = with_reference(&data, geo, None);
    let dg: Vec<_> = with
        .observations
        .iter()
        .filter(|o| o.area == "Dartford and Gravesham" && o.period.label().contains("2023"))
        .collect();
    assert_eq!(dg.len(), 1);
    assert_eq!(dg[0].value.number(), Some(1.0));
    assert!(!is_derived(&dg[0].source));
    // With one district missing, nothing is made up, and cspw says why.
    let short: String = csv
        .lines()
        .filter(|l| !l.starts_with("\"Gravesham\""))
        .map(|l| format!("{l}\n"))
        .collect();
    let data = import_file("short.csv", short.as_bytes()).unwrap();
    assert!(with_reference(&data, geo, None)
        .observations
        .iter()
        .all(|o| o.area != "Dartford and Gravesham"));
    let dir = std::env::temp_dir().join(format!("cspw-dg-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (full, part) = (dir.join("kent.csv"), dir.join("short.csv"));
    std::fs::write(&full, &csv).unwrap();
    std::fs::write(&part, &short).unwrap();
    let run = |path: &std::path::Path| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_cspw"))
            .args([
                "assess",
                path.to_str().unwrap(),
                "--area",
                "Dartford and Gravesham",
            ])
            .output()
            .expect("cspw runs");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (ok, text, err) = run(&full);
    assert!(ok, "{err}");
    assert!(
        text.starts_with("Strategic assessment: Dartford and Gravesham"),
        "{text}"
    );
    assert!(text.contains(&format::count(summed)), "{text}");
    assert!(
        text.contains("community safety partnerships in Kent"),
        "{text}"
    );
    assert!(text.contains("derived"), "{text}");
    let (ok, _, err) = run(&part);
    assert!(!ok);
    assert!(err.contains("nor for Gravesham"), "{err}");
    // Part of a district split between partnerships: said, never guessed.
    let mut cumbria = String::from("Area,Year,Measure,Value\n");
    cumbria.push_str("Cumberland,2023,Thefts,900\n");
    std::fs::write(&part, cumbria).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cspw"))
        .args(["assess", part.to_str().unwrap(), "--area", "Allerdale"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("part of the district Cumberland"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

/// A seeded sequence of small counts (xorshift), for generated tables.
fn small_counts(seed: u64) -> impl FnMut() -> u32 {
    let mut state = seed.max(1);
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        1 + (state % 400) as u32
    }
}

/// In a column that names partnerships ("CSP Name"), a name a district shares
/// is the partnership: the Home Office's partnership tables say "Dorset" and
/// "North Devon" for partnerships that cover more than the districts of those
/// names (Christchurch; Torridge). Generated tables of every partnership of the
/// Dorset and Devon and Cornwall forces, from the 2024 lookup, in the Home
/// Office's layout and as a plain long table, with the names spelt as partners
/// spell them: every figure lands on the partnership of its row (by its code
/// in the lookup), none on a district, and the forces' totals derived from them
/// are the sums of the rows. The same names under "District" are the
/// districts, and under "Force Name" the forces.
#[test]
fn a_column_of_partnerships_names_partnerships_first() {
    use csp_workbench::core::dataset::Value;
    let Some(_) = common::shared_data("geo") else {
        return;
    };
    let geo = geography::national();
    let rows = csv_rows(LOOKUP_2024);
    // Partnership name → (code, force name), for the two forces.
    let mut csps: BTreeMap<String, (String, String)> = BTreeMap::new();
    for r in rows
        .iter()
        .filter(|r| ["Dorset", "Devon & Cornwall"].contains(&r["pfa24_name"].as_str()))
    {
        csps.insert(
            r["csp24_name"].clone(),
            (r["csp24_code"].clone(), r["pfa24_name"].clone()),
        );
    }
    assert!(csps.contains_key("Dorset") && csps.contains_key("North Devon"));
    assert_eq!(csps.len(), 11, "{csps:?}");
    let spellings = |name: &str, i: usize| match i % 4 {
        0 => name.to_string(),
        1 => name.to_uppercase(),
        2 => format!("{name} CSP"),
        _ => format!("{name} Community Safety Partnership"),
    };
    let mut next = small_counts(13);
    // (partnership code, quarter) → offences, as written.
    let mut written: BTreeMap<(String, u8), f64> = BTreeMap::new();
    let mut home_office = String::from("Financial Year,Financial Quarter,Force Name,CSP Name,Offence Description,Offence Group,Offence Subgroup,Offence Code,Number of Offences\n");
    let mut long = String::from("CSP Name,Financial year,Measure,Value\n");
    for (i, (name, (code, force))) in csps.iter().enumerate() {
        for quarter in 1..=4u8 {
            for (offence, group, subgroup, offence_code) in [
                (
                    "Burglary - residential",
                    "Theft offences",
                    "Domestic burglary",
                    "28E",
                ),
                (
                    "Criminal damage to a dwelling",
                    "Criminal damage and arson",
                    "Criminal damage",
                    "58A",
                ),
            ] {
                let n = next();
                *written.entry((code.clone(), quarter)).or_default() += f64::from(n);
                home_office.push_str(&format!(
                    "2023/24,{quarter},{force},\"{}\",{offence},{group},{subgroup},{offence_code}, {n} \n",
                    spellings(name, i + quarter as usize)
                ));
            }
        }
        long.push_str(&format!(
            "\"{}\",2023/24,Burglary,{}\n",
            spellings(name, i),
            (1..=4).map(|q| written[&(code.clone(), q)]).sum::<f64>()
        ));
    }
    let district_named = |name: &str| {
        rows.iter()
            .find(|r| r["ltla24_name"] == name)
            .map(|r| r["ltla24_code"].clone())
    };
    for (file, text) in [
        ("prc-csp-generated.csv", &home_office),
        ("csp-long.csv", &long),
    ] {
        let data = import_file(file, text.as_bytes()).unwrap_or_else(|e| panic!("{file}: {e}"));
        let measure = if file == "csp-long.csv" {
            "Burglary"
        } else {
            "All recorded offences (Home Office)"
        };
        // Each figure under the name the workbench gives the partnership of its
        // row's code ("Dorset (partnership)"; "Cornwall", the same ground as the district).
        let mut seen: BTreeMap<String, f64> = BTreeMap::new();
        for o in data
            .observations
            .iter()
            .filter(|o| o.measure == measure && o.category.is_none())
        {
            assert_eq!(o.area_level, AreaLevel::District, "{}", o.area);
            *seen.entry(o.area.clone()).or_default() += o.value.number().unwrap();
        }
        let mut expected: BTreeMap<String, f64> = BTreeMap::new();
        for (code, _) in csps.values() {
            let partnership = geo.by_code(code).unwrap();
            assert_eq!(partnership.kind, Kind::Csp);
            expected.insert(
                partnership.name.clone(),
                (1..=4).map(|q| written[&(code.clone(), q)]).sum(),
            );
        }
        assert_eq!(seen, expected, "{file}");
        // The districts that share a partnership's name have no figure at all.
        for district in ["Dorset", "North Devon"] {
            assert!(
                !data.observations.iter().any(|o| o.area == district),
                "{file}: the district {district} got a partnership's figure"
            );
            assert!(district_named(district).is_some());
        }
        assert!(data
            .observations
            .iter()
            .any(|o| o.area == "Dorset (partnership)"));
        assert!(data
            .observations
            .iter()
            .any(|o| o.area == "North Devon (partnership)"));
        // Every partnership of each force is in the file: the forces are their sums.
        let with = with_reference(&data, geo, None);
        for (force, shown) in [
            ("Dorset", "Dorset (force)"),
            ("Devon & Cornwall", "Devon and Cornwall"),
        ] {
            let expected: f64 = csps
                .values()
                .filter(|(_, f)| f == force)
                .flat_map(|(code, _)| (1..=4).map(move |q| (code.clone(), q)))
                .map(|k| written[&k])
                .sum();
            let total: f64 = with
                .observations
                .iter()
                .filter(|o| o.area == shown && o.measure == measure && o.category.is_none())
                .map(|o| {
                    assert!(is_derived(&o.source), "{}", o.source.cell);
                    match o.value {
                        Value::Number(n) => n,
                        _ => panic!("a derived total is missing"),
                    }
                })
                .sum();
            assert_eq!(total, expected, "{file}: {shown}");
        }
    }

    // The same names under "District" are the districts; under "Force Name", the forces.
    let districts =
        "District,Year,Measure,Value\nDorset,2023,Thefts,10\nNorth Devon,2023,Thefts,20\n";
    let data = import_file("districts.csv", districts.as_bytes()).unwrap();
    let codes: BTreeSet<String> = data
        .observations
        .iter()
        .map(|o| geo.find_area(&o.area).unwrap().code.clone())
        .collect();
    let expected: BTreeSet<String> = ["Dorset", "North Devon"]
        .iter()
        .map(|d| district_named(d).unwrap())
        .collect();
    assert_eq!(codes, expected);
    let forces = "Force Name,Year,Measure,Value\nDorset,2023,Thefts,10\nDurham,2023,Thefts,20\nKent,2023,Thefts,30\nAvon and Somerset,2023,Thefts,40\n";
    let data = import_file("forces.csv", forces.as_bytes()).unwrap();
    let force_named = |name: &str| {
        let code = &rows.iter().find(|r| r["pfa24_name"] == name).unwrap()["pfa24_code"];
        geo.by_code(code).unwrap().name.clone()
    };
    let shown: Vec<(String, AreaLevel)> = data
        .observations
        .iter()
        .map(|o| (o.area.clone(), o.area_level))
        .collect();
    let expected: Vec<(String, AreaLevel)> = ["Dorset", "Durham", "Kent", "Avon and Somerset"]
        .iter()
        .map(|f| (force_named(f), AreaLevel::Force))
        .collect();
    assert_eq!(shown, expected);
}

/// `cspw assess FILE --area NAME` for the awkward areas of England and Wales,
/// over a generated file of every district of 2024 by name (no county, force
/// or partnership rows): a Welsh district by its English name, its Welsh name
/// and its code; a Welsh partnership of two districts (Cwm Taf), summed; a
/// district made in the 2023 mergers (Westmorland and Furness) by code; a
/// district by its name before its rename (Shepway); Kent's combined
/// partnership; the North Devon partnership (North Devon and Torridge) by its
/// code, summed, while "North Devon" is asked about; and a partnership inside
/// a merged district (Allerdale), refused with the reason. Each figure is
/// checked against the generated values.
#[test]
fn cspw_assesses_awkward_districts_and_partnerships_by_name_or_code() {
    let Some(_) = common::shared_data("geo") else {
        return;
    };
    let rows = csv_rows(LOOKUP_2024);
    let districts: BTreeSet<String> = rows.iter().map(|r| r["ltla24_name"].clone()).collect();
    let value = |i: usize, year: usize| 100 + (i * 37 + year * 11) % 300;
    let mut csv = String::from("District,Year,Measure,Value\n");
    let mut figures: BTreeMap<(String, usize), usize> = BTreeMap::new();
    for (i, d) in districts.iter().enumerate() {
        for year in [2022, 2023] {
            csv.push_str(&format!("\"{d}\",{year},Burglary,{}\n", value(i, year)));
            figures.insert((d.clone(), year), value(i, year));
        }
    }
    let dir = std::env::temp_dir().join(format!("cspw-awkward-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("every-district.csv");
    std::fs::write(&path, csv).unwrap();
    let run = |area: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_cspw"))
            .args(["assess", path.to_str().unwrap(), "--area", area])
            .output()
            .expect("cspw runs");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let sum = |members: &[&str], year: usize| -> usize {
        members
            .iter()
            .map(|d| figures[&(d.to_string(), year)])
            .sum()
    };
    let said = |n: usize| format::count(n as f64);
    for (asked, shown, members) in [
        (
            "Isle of Anglesey",
            "Isle of Anglesey",
            vec!["Isle of Anglesey"],
        ),
        ("Ynys Môn", "Isle of Anglesey", vec!["Isle of Anglesey"]),
        ("W06000001", "Isle of Anglesey", vec!["Isle of Anglesey"]),
        (
            "Cwm Taf",
            "Cwm Taf",
            vec!["Merthyr Tydfil", "Rhondda Cynon Taf"],
        ),
        (
            "E06000064",
            "Westmorland and Furness",
            vec!["Westmorland and Furness"],
        ),
        (
            "Shepway",
            "Folkestone and Hythe",
            vec!["Folkestone and Hythe"],
        ),
        (
            "Dartford and Gravesham",
            "Dartford and Gravesham",
            vec!["Dartford", "Gravesham"],
        ),
        (
            "E22000363",
            "North Devon (partnership)",
            vec!["North Devon", "Torridge"],
        ),
    ] {
        let (ok, text, err) = run(asked);
        assert!(ok, "{asked}: {err}");
        assert!(
            text.starts_with(&format!("Strategic assessment: {shown}, data to Dec 2023")),
            "{asked}: {text}"
        );
        let (now, before) = (sum(&members, 2023), sum(&members, 2022));
        assert!(
            text.contains(&format!("to {} crimes from {}", said(now), said(before)))
                || text.contains(&format!("unchanged at {}", said(now))),
            "{asked}: {now} from {before}: {text}"
        );
        if members.len() > 1 {
            assert!(
                text.contains(&format!("{shown}'s figures are derived")),
                "{text}"
            );
        }
    }
    // "North Devon" names the district and the partnership summed from it and
    // Torridge: cspw asks which, rather than guessing.
    let (ok, _, err) = run("North Devon");
    assert!(!ok);
    assert!(
        err.contains("names more than one area with figures"),
        "{err}"
    );
    // A partnership that is part of a district made in 2023: said, not guessed.
    let (ok, _, err) = run("Allerdale");
    assert!(!ok);
    assert!(err.contains("part of the district Cumberland"), "{err}");
    assert!(err.contains("no share of them is guessed"), "{err}");
    // A partnership of a district and part of another: said, not summed.
    let (ok, _, err) = run("Dorset (partnership)");
    assert!(!ok);
    assert!(
        err.contains("it covers Dorset and part of Bournemouth, Christchurch and Poole"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
