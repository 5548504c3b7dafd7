//! Areas read and compared by the evidence (issue 13): a name a region, a
//! force, a county or a district share ("West Midlands", "Kent", "Dorset") is
//! read by its column's header, the other names in the column and the codes on
//! its rows, and asked about when nothing settles it; a region is derived from
//! a complete set of its districts as from its forces, once; and a force is
//! compared with the areas it lies in, never with its peers. On generated
//! tables written several ways, and on the real Home Office force extract.

use csp_workbench::core::areas::{level_of, AreaLevel};
use csp_workbench::core::assessment::derived::{forces_differ, is_derived, summed_from};
use csp_workbench::core::assessment::reference::with_reference;
use csp_workbench::core::assessment::{assess, comparison_choices, Options, PrioritySettings};
use csp_workbench::core::dataset::{Dataset, Observation};
use csp_workbench::core::geography;
use csp_workbench::core::ingest::import_file;
use csp_workbench::core::period::Period;

mod common;
use common::FORCES;

/// A count for an area and year, varied but reproducible.
fn count(area: &str, year: i32) -> u64 {
    let seed = area.bytes().fold(year as u64 * 7919 + 17, |h, b| {
        h.wrapping_mul(31).wrapping_add(u64::from(b))
    });
    100 + seed % 5_000
}

/// The same names as a wide table, a long table, and a table headed otherwise
/// in capitals, each headed by `header`.
fn written_ways(header: &str, names: &[&str]) -> Vec<(String, String)> {
    let mut wide = format!("{header},2019,2020\n");
    let mut long = format!("{header},Year,Number of offences\n");
    let mut shouted = format!("Measure,{header},2020\n");
    for name in names {
        wide.push_str(&format!(
            "{name},{},{}\n",
            count(name, 2019),
            count(name, 2020)
        ));
        for year in [2019, 2020] {
            long.push_str(&format!("{name},{year},{}\n", count(name, year)));
        }
        shouted.push_str(&format!(
            "Robbery,{},{}\n",
            name.to_uppercase(),
            count(name, 2020)
        ));
    }
    vec![
        ("wide.csv".into(), wide),
        ("long.csv".into(), long),
        ("shouted.csv".into(), shouted),
    ]
}

fn import(name: &str, text: &str) -> Dataset {
    import_file(name, text.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

fn doubts(data: &Dataset) -> Vec<String> {
    data.tables
        .iter()
        .flat_map(|t| t.reading.doubts.clone())
        .filter(|d| d.contains("is the name of") || d.contains("on several rows"))
        .collect()
}

fn at(data: &Dataset, area: &str) -> Vec<AreaLevel> {
    let mut levels: Vec<AreaLevel> = data
        .observations
        .iter()
        .filter(|o| o.area == area)
        .map(|o| o.area_level)
        .collect();
    levels.dedup();
    levels
}

#[test]
fn a_shared_name_is_read_by_its_header_its_column_and_its_codes() {
    let regions: Vec<&str> = FORCES.iter().map(|(r, _)| *r).collect();
    let forces: Vec<&str> = FORCES.iter().flat_map(|(_, f)| f.iter().copied()).collect();
    for header in ["Area", "Region", "Geography"] {
        for (file, text) in written_ways(header, &regions) {
            let data = import(&file, &text);
            assert_eq!(
                at(&data, "West Midlands"),
                [AreaLevel::Region],
                "{header} {file}"
            );
            assert!(
                at(&data, "West Midlands (force)").is_empty(),
                "{header} {file}"
            );
            assert!(
                doubts(&data).is_empty(),
                "{header} {file}: {:?}",
                doubts(&data)
            );
        }
    }
    // Forces, under a header that says so or not: every shared name is the force.
    for header in ["Area", "Force Name", "Police force area"] {
        for (file, text) in written_ways(header, &forces) {
            let data = import(&file, &text);
            for force in [
                "West Midlands (force)",
                "Kent (force)",
                "Surrey (force)",
                "Essex (force)",
                "Dorset (force)",
                "North Yorkshire (force)",
                "Cumbria (force)",
                "Durham",
            ] {
                assert_eq!(
                    at(&data, force),
                    [AreaLevel::Force],
                    "{header} {file} {force}"
                );
            }
            for place in [
                "West Midlands",
                "Kent",
                "Surrey",
                "Dorset",
                "North Yorkshire",
            ] {
                assert!(at(&data, place).is_empty(), "{header} {file} {place}");
            }
            assert!(
                doubts(&data).is_empty(),
                "{header} {file}: {:?}",
                doubts(&data)
            );
        }
    }
    // A few forces whose names are all shared, and one that is not.
    let data = import(
        "few.csv",
        "Area,2019,2020\nStaffordshire,5,5\nWarwickshire,6,6\nWest Midlands,7,7\n",
    );
    assert_eq!(at(&data, "West Midlands (force)"), [AreaLevel::Force]);
    assert_eq!(at(&data, "Staffordshire (force)"), [AreaLevel::Force]);
    // Counties with districts: the counties.
    for (file, text) in written_ways("Area", &["Kent", "Surrey", "Essex", "Maidstone", "Woking"]) {
        let data = import(&file, &text);
        for county in ["Kent", "Surrey", "Essex"] {
            assert_eq!(at(&data, county), [AreaLevel::County], "{file} {county}");
        }
        assert!(doubts(&data).is_empty(), "{file}: {:?}", doubts(&data));
    }
    // Nothing settles it: the region keeps the plain name, and the user is asked.
    let alone = import("alone.csv", "Area,2019,2020\nWest Midlands,700,710\n");
    assert_eq!(at(&alone, "West Midlands"), [AreaLevel::Region]);
    let asked = doubts(&alone);
    assert_eq!(asked.len(), 1, "{asked:?}");
    assert!(
        asked[0].contains("“West Midlands” (A2) is the name of a region and a police force area"),
        "{asked:?}"
    );
    let counties_or_forces = import(
        "kse.csv",
        "Area,2019,2020\nKent,1,1\nSurrey,2,2\nEssex,3,3\n",
    );
    assert_eq!(doubts(&counties_or_forces).len(), 3);
}

/// The ONS code of the area of a name at a level.
fn code_of(name: &str, level: AreaLevel) -> String {
    let geo = geography::national();
    let id = geo
        .candidates(name)
        .into_iter()
        .find(|id| level_of(geo.area(*id)) == level && geo.area(*id).is_current())
        .unwrap_or_else(|| panic!("{name} at {level:?}"));
    geo.area(id).code.clone()
}

#[test]
fn a_region_row_and_a_force_row_of_one_name_are_both_kept() {
    // A table listing each region above its forces, as the ONS lays them out.
    let layout = |with_codes: bool| {
        let mut csv = String::from(if with_codes {
            "Code,Area,2019,2020\n"
        } else {
            "Area,2019,2020\n"
        });
        for (region, forces) in &FORCES[..5] {
            let total: u64 = forces.iter().map(|f| count(f, 2020)).sum();
            let code = |c: &str| {
                if with_codes {
                    format!("{c},")
                } else {
                    String::new()
                }
            };
            csv.push_str(&format!(
                "{}{region},{total},{total}\n",
                code(&code_of(region, AreaLevel::Region))
            ));
            for force in *forces {
                let n = count(force, 2020);
                csv.push_str(&format!(
                    "{}{force},{n},{n}\n",
                    code(&code_of(force, AreaLevel::Force))
                ));
            }
        }
        csv
    };
    for with_codes in [false, true] {
        let data = import("ons.csv", &layout(with_codes));
        let value = |area: &str| -> Vec<(AreaLevel, f64)> {
            data.observations
                .iter()
                .filter(|o: &&Observation| o.area == area)
                .filter(|o| o.period.label() == "2020")
                .map(|o| (o.area_level, o.value.number().unwrap()))
                .collect()
        };
        let forces = FORCES[4].1;
        let region: f64 = forces.iter().map(|f| count(f, 2020) as f64).sum();
        assert_eq!(
            value("West Midlands"),
            [(AreaLevel::Region, region)],
            "codes {with_codes}"
        );
        assert_eq!(
            value("West Midlands (force)"),
            [(AreaLevel::Force, count("West Midlands", 2020) as f64)]
        );
        assert_eq!(
            value("Durham"),
            [(AreaLevel::Force, count("Durham", 2020) as f64)]
        );
        assert!(doubts(&data).is_empty(), "{:?}", doubts(&data));
    }
    // Rates say nothing of which is wider: read in the order listed, and asked about.
    let rates = "Area,Measure,2019,2020\nWest Midlands,Robbery rate per 1000,1.5,1.6\nStaffordshire,Robbery rate per 1000,0.5,0.6\nWest Mercia,Robbery rate per 1000,0.4,0.4\nWest Midlands,Robbery rate per 1000,2.5,2.6\nNorth East,Robbery rate per 1000,1.1,1.2\n";
    let data = import("rates.csv", rates);
    assert_eq!(at(&data, "West Midlands"), [AreaLevel::Region]);
    assert_eq!(at(&data, "West Midlands (force)"), [AreaLevel::Force]);
    let region: Vec<f64> = data
        .observations
        .iter()
        .filter(|o| o.area == "West Midlands")
        .filter_map(|o| o.value.number())
        .collect();
    assert_eq!(region, [1.5, 1.6]);
    let asked = doubts(&data);
    assert_eq!(asked.len(), 1, "{asked:?}");
    assert!(
        asked[0].contains("as the region then the police force area"),
        "{asked:?}"
    );
}

/// The districts of the North East, and the forces they make up.
const NORTH_EAST: [(&str, &[&str]); 3] = [
    (
        "Cleveland",
        &[
            "Hartlepool",
            "Middlesbrough",
            "Redcar and Cleveland",
            "Stockton-on-Tees",
        ],
    ),
    ("Durham", &["County Durham", "Darlington"]),
    (
        "Northumbria",
        &[
            "Gateshead",
            "Newcastle upon Tyne",
            "North Tyneside",
            "Northumberland",
            "South Tyneside",
            "Sunderland",
        ],
    ),
];

fn north_east_districts() -> Vec<&'static str> {
    NORTH_EAST
        .iter()
        .flat_map(|(_, d)| d.iter().copied())
        .collect()
}

/// The figures for an area, measure and year, with the derived ones.
fn totals(data: &Dataset, area: &str, year: &str) -> Vec<Observation> {
    let with = with_reference(data, geography::national(), None);
    with.observations
        .iter()
        .filter(|o| o.area == area && o.period.label() == year && o.category.is_none())
        .cloned()
        .collect()
}

#[test]
fn a_region_is_derived_from_every_one_of_its_districts_once() {
    let districts = north_east_districts();
    let sum = |year: i32| -> f64 { districts.iter().map(|d| count(d, year) as f64).sum() };
    // By name under two headers, and by code.
    let coded: Vec<String> = districts
        .iter()
        .map(|d| code_of(d, AreaLevel::District))
        .collect();
    let coded: Vec<&str> = coded.iter().map(String::as_str).collect();
    let mut files = Vec::new();
    for (header, names) in [
        ("District", &districts),
        ("Local authority", &districts),
        ("Area code", &coded),
    ] {
        let expected: f64 = names.iter().map(|d| count(d, 2020) as f64).sum();
        for (file, text) in written_ways(header, names) {
            files.push((format!("{header} {file}"), text, expected));
        }
    }
    for (file, text, expected) in &files {
        let data = import(file, text);
        let north_east = totals(&data, "North East", "2020");
        assert_eq!(north_east.len(), 1, "{file}: {north_east:?}");
        assert_eq!(north_east[0].value.number(), Some(*expected), "{file}");
        assert_eq!(
            summed_from(&north_east[0].source),
            Some("districts"),
            "{file}"
        );
        assert!(
            north_east[0]
                .source
                .cell
                .contains("the sum of 12 districts' figures (no North East row in the file)"),
            "{}",
            north_east[0].source.cell
        );
        // A region is not England: no country from one region's districts.
        assert!(totals(&data, "England", "2020").is_empty(), "{file}");
    }
    // One district short: no region.
    let short = written_ways("District", &districts[1..]);
    let data = import(&short[0].0, &short[0].1);
    assert!(totals(&data, "North East", "2020").is_empty());
    // The region's own row wins, never doubled.
    let mut with_row = written_ways("District", &districts)[0].1.clone();
    with_row.push_str("North East,1,2\n");
    let data = import("with-row.csv", &with_row);
    let north_east = totals(&data, "North East", "2020");
    assert_eq!(north_east.len(), 1, "{north_east:?}");
    assert_eq!(north_east[0].value.number(), Some(2.0));
    assert!(!is_derived(&north_east[0].source));
    // Districts and forces: one region, from the districts, the forces' other
    // sum said (a force's figures count records no district has).
    let mut both = written_ways("Area", &districts)[0].1.clone();
    for (force, _) in NORTH_EAST {
        both.push_str(&format!(
            "{force},{},{}\n",
            count(force, 2019),
            count(force, 2020)
        ));
    }
    let data = import("both.csv", &both);
    let north_east = totals(&data, "North East", "2020");
    assert_eq!(north_east.len(), 1, "{north_east:?}");
    assert_eq!(north_east[0].value.number(), Some(sum(2020)));
    let forces: f64 = NORTH_EAST.iter().map(|(f, _)| count(f, 2020) as f64).sum();
    let said = forces_differ(&north_east[0].source).expect("the forces' sum is said");
    assert_eq!(
        said,
        format!(
            "its police force areas in the files add up to {}",
            csp_workbench::core::format::count(forces)
        )
    );
    assert_eq!(summed_from(&north_east[0].source), Some("districts"));
    // Where they agree, nothing more is said.
    let mut agreeing = written_ways("Area", &districts)[0].1.clone();
    for (force, parts) in NORTH_EAST {
        let of = |year| parts.iter().map(|d| count(d, year)).sum::<u64>();
        agreeing.push_str(&format!("{force},{},{}\n", of(2019), of(2020)));
    }
    let data = import("agreeing.csv", &agreeing);
    let north_east = totals(&data, "North East", "2020");
    assert_eq!(north_east.len(), 1);
    assert_eq!(forces_differ(&north_east[0].source), None);
}

/// The files' areas and levels, with the totals derived from them.
fn levels_of(data: &Dataset) -> Vec<(String, AreaLevel)> {
    let with = with_reference(data, geography::national(), None);
    let mut levels: Vec<(String, AreaLevel)> = with
        .observations
        .iter()
        .map(|o| (o.area.clone(), o.area_level))
        .collect();
    levels.sort();
    levels.dedup();
    levels
}

fn compared_with(levels: &[(String, AreaLevel)], area: &str) -> Vec<String> {
    let levels: Vec<(&str, AreaLevel)> = levels.iter().map(|(a, l)| (a.as_str(), *l)).collect();
    comparison_choices(&levels, area)
        .into_iter()
        .map(|c| c.area)
        .collect()
}

#[test]
fn a_force_is_compared_with_the_areas_it_lies_in_never_its_peers() {
    let forces: Vec<&str> = FORCES.iter().flat_map(|(_, f)| f.iter().copied()).collect();
    for header in ["Area", "Force Name"] {
        for (file, text) in written_ways(header, &forces) {
            let levels = levels_of(&import(&file, &text));
            for (force, region) in [
                ("West Midlands (force)", "West Midlands"),
                ("Kent (force)", "South East"),
                ("Durham", "North East"),
                ("Gwent", "Wales"),
            ] {
                let offered = compared_with(&levels, force);
                let mut expected = vec![region.to_string()];
                if region != "Wales" {
                    expected.push("England".into());
                }
                expected.push("England and Wales".into());
                assert_eq!(offered, expected, "{header} {file} {force}");
            }
        }
    }
    // A district is compared with its county, force, region and countries,
    // never with another county of the files.
    let mut mixed = String::from("Area,2019,2020\n");
    for area in [
        "Maidstone",
        "Ashford",
        "Woking",
        "Guildford",
        "Surrey",
        "Kent",
    ] {
        mixed.push_str(&format!(
            "{area},{},{}\n",
            count(area, 2019),
            count(area, 2020)
        ));
    }
    let levels = levels_of(&import("mixed.csv", &mixed));
    let offered = compared_with(&levels, "Maidstone");
    assert_eq!(offered[0], "Kent", "{offered:?}");
    assert!(
        !offered
            .iter()
            .any(|a| a == "Surrey" || a.starts_with("Surrey ")),
        "{offered:?}"
    );
    // With no region in the files, a force is compared with no other region.
    let mut partial = String::from("Area,Measure,2019,2020\n");
    for area in [
        "Kent",
        "Surrey",
        "West Mercia",
        "North West",
        "Staffordshire",
    ] {
        partial.push_str(&format!(
            "{area},Robbery,{},{}\n",
            count(area, 2019),
            count(area, 2020)
        ));
    }
    let data = import("partial.csv", &partial);
    let assessed = assess(
        &data,
        &Options {
            area: Some("Kent Police".into()),
            ..Options::default()
        },
        &[],
        &PrioritySettings::default(),
    )
    .expect("figures to assess");
    assert_eq!(assessed.options.area, "Kent (force)");
    assert_eq!(assessed.options.county, None);
}

#[test]
fn the_real_home_office_extract_keeps_the_west_midlands_force_its_region_derived_once() {
    let Some(_) = common::shared_data("geo") else {
        return;
    };
    let name = "prc-pfa-mar2013-onwards-tables201718.csv";
    let text = std::fs::read_to_string(common::geo(&format!("offences/{name}"))).unwrap();
    // The raw rows' offences in 2017/18 by force, tallied here.
    let mut by_force: std::collections::BTreeMap<String, f64> = Default::default();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    for row in reader.records() {
        let row = row.unwrap();
        if &row[0] == "2017/18" {
            *by_force.entry(row[2].to_string()).or_default() +=
                row[7].trim().parse::<f64>().unwrap();
        }
    }
    let quarters: Vec<Period> = (1..=4)
        .map(|q| Period::financial_quarter(2017, q).unwrap())
        .collect();
    let year = |o: &&Observation| {
        quarters.contains(&o.period)
            && o.measure == "All recorded offences (Home Office)"
            && o.category.is_none()
    };
    // As published ("Force Name"), and with the column headed only "Area":
    // the force either way, by the column's other names.
    for (file, text) in [
        (name.to_string(), text.clone()),
        (
            "headed-area.csv".to_string(),
            text.replacen("Force Name", "Area", 1),
        ),
    ] {
        let data = import(&file, &text);
        assert!(doubts(&data).is_empty(), "{file}: {:?}", doubts(&data));
        assert_eq!(
            at(&data, "West Midlands (force)"),
            [AreaLevel::Force],
            "{file}"
        );
        assert!(at(&data, "West Midlands").is_empty(), "{file}");
        let with = with_reference(&data, geography::national(), None);
        let wanted = |area: &str| -> Vec<&Observation> {
            with.observations
                .iter()
                .filter(year)
                .filter(|o| o.area == area)
                .collect()
        };
        if file == name {
            let force = wanted("West Midlands (force)");
            let total: f64 = force.iter().filter_map(|o| o.value.number()).sum();
            assert_eq!(total, by_force["West Midlands"], "{file}");
            let region = wanted("West Midlands");
            assert_eq!(region.len(), 4, "{file}: the four quarters, once each");
            let summed: f64 = region.iter().filter_map(|o| o.value.number()).sum();
            let forces: f64 = FORCES[4].1.iter().map(|f| by_force[*f]).sum();
            assert_eq!(summed, forces, "{file}");
            assert!(region
                .iter()
                .all(|o| summed_from(&o.source) == Some("police force areas")));
            eprintln!(
                "2017/18: West Midlands force {} offences; region derived from its 4 forces {summed}",
                by_force["West Midlands"]
            );
        }
        let levels = levels_of(&data);
        let offered = compared_with(&levels, "West Midlands (force)");
        let places: Vec<&String> = offered
            .iter()
            .filter(|a| {
                levels
                    .iter()
                    .any(|(n, l)| n == *a && *l != AreaLevel::Other)
            })
            .collect();
        assert_eq!(
            places,
            ["West Midlands", "England", "England and Wales"],
            "{file}: {offered:?}"
        );
    }
}
