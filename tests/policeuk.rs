//! The data.police.uk downloads as published: the 24 real City of London months
//! in `../shared/data/geo/policeuk/` as a zip (built here) and as a folder, and a
//! generated download of several forces and districts. Every count is checked
//! against a tally this test makes from the raw rows, with its own reading of
//! the ONS LSOA lookup (not the workbench's asset).

use csp_workbench::core::areas::AreaLevel;
use csp_workbench::core::dataset::{Dataset, Unit, Value};
use csp_workbench::core::ingest::policeuk::SEARCHES_PLACED;
use csp_workbench::core::ingest::{import_file, import_folder};
use csp_workbench::core::period::Period;
use std::collections::BTreeMap;
use std::io::Write;

mod common;

use common::{geo, rows_of};

/// LSOA code → (2022 district name) straight from the ONS CSV, and 2021 codes
/// it lacks from the ward lookup's LSOA names.
fn ons_lsoa_districts() -> BTreeMap<String, String> {
    let bytes = std::fs::read(geo(
        "lookups/lsoa11_to_lsoa21_best_fit_lookup_england_wales_v2.csv",
    ))
    .unwrap();
    let mut map = BTreeMap::new();
    for r in rows_of(&bytes) {
        map.insert(r["LSOA11CD"].clone(), r["LAD22NM"].clone());
        map.insert(r["LSOA21CD"].clone(), r["LAD22NM"].clone());
    }
    map
}

/// Every file of the real download, by its path in the download.
fn city_of_london_files() -> Vec<(String, Vec<u8>)> {
    let root = geo("policeuk");
    let mut files = Vec::new();
    for month in std::fs::read_dir(&root).unwrap() {
        let month = month.unwrap().path();
        for file in std::fs::read_dir(&month).unwrap() {
            let file = file.unwrap().path();
            let path = file
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .to_string();
            files.push((path, std::fs::read(&file).unwrap()));
        }
    }
    files.sort();
    assert_eq!(
        files.len(),
        48,
        "24 months of street and stop-and-search files"
    );
    files
}

/// A zip as a police.uk custom download is, written with the zip crate.
fn zip_of(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut folders = std::collections::BTreeSet::new();
    for (path, bytes) in files {
        if let Some((folder, _)) = path.rsplit_once('/') {
            if folders.insert(folder.to_string()) {
                zip.add_directory(folder, options).unwrap();
            }
        }
        zip.start_file(path.as_str(), options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

fn month(text: &str) -> Period {
    let (y, m) = text[..7].split_once('-').unwrap();
    Period::month(y.parse().unwrap(), m.parse().unwrap())
}

/// Every whole count of a measure at an area and level, by period.
/// The name the workbench gives a force: its own ("Avon and Somerset"), or,
/// where a district, county or region shares it, "Kent (force)".
fn force_named(force: &str) -> String {
    csp_workbench::core::ingest::policeuk::force_area(force).0
}

fn counts(
    data: &Dataset,
    measure: &str,
    category: Option<&str>,
    area: &str,
    level: AreaLevel,
) -> BTreeMap<Period, f64> {
    let mut out = BTreeMap::new();
    for o in &data.observations {
        if o.measure == measure
            && o.category.as_deref() == category
            && o.area == area
            && o.area_level == level
        {
            assert_eq!(o.unit, Unit::Count);
            let Value::Number(n) = o.value else {
                panic!("a count is missing")
            };
            assert!(
                out.insert(o.period, n).is_none(),
                "two figures for {measure} {area}"
            );
        }
    }
    out
}

fn check_city_of_london(data: &Dataset) {
    let lsoa = ons_lsoa_districts();
    let files = city_of_london_files();
    // The raw tally: crime by type and month for the force and every district.
    let mut force: BTreeMap<(String, Period), f64> = BTreeMap::new();
    let mut district: BTreeMap<(String, String, Period), f64> = BTreeMap::new();
    let mut no_location = 0;
    let mut street_rows = 0;
    let mut search: BTreeMap<(String, Period), f64> = BTreeMap::new();
    let mut searches: BTreeMap<Period, f64> = BTreeMap::new();
    for (path, bytes) in &files {
        for r in rows_of(bytes) {
            if path.ends_with("-street.csv") {
                street_rows += 1;
                assert_eq!(r["Falls within"], "City of London Police");
                let m = month(&r["Month"]);
                let mut kinds = vec![r["Crime type"].clone()];
                if r["Crime type"] != "Anti-social behaviour" {
                    kinds.push("All crime (excluding anti-social behaviour)".to_string());
                }
                for kind in kinds {
                    *force.entry((kind.clone(), m)).or_default() += 1.0;
                    match lsoa.get(&r["LSOA code"]) {
                        Some(d) => *district.entry((d.clone(), kind, m)).or_default() += 1.0,
                        None => assert!(r["LSOA code"].is_empty(), "{}", r["LSOA code"]),
                    }
                }
                if r["LSOA code"].is_empty() {
                    no_location += 1;
                }
            } else {
                let m = month(&r["Date"]);
                *searches.entry(m).or_default() += 1.0;
                for column in ["Object of search", "Outcome"] {
                    let value = match r[column].as_str() {
                        "" => "Not stated",
                        v => v,
                    };
                    *search
                        .entry((format!("{column} · {value}"), m))
                        .or_default() += 1.0;
                }
            }
        }
    }
    assert_eq!(street_rows, 15_957);
    // City of London's crime by type and month, for the force and the district.
    let kinds: std::collections::BTreeSet<&String> = force.keys().map(|(k, _)| k).collect();
    assert_eq!(kinds.len(), 15, "14 crime types and all crime");
    for kind in kinds {
        let expect_force: BTreeMap<Period, f64> = force
            .iter()
            .filter(|((k, _), _)| k == kind)
            .map(|((_, m), n)| (*m, *n))
            .collect();
        assert_eq!(
            counts(data, kind, None, "City of London (force)", AreaLevel::Force),
            expect_force,
            "{kind}, force"
        );
        let expect_district: BTreeMap<Period, f64> = district
            .iter()
            .filter(|((d, k, _), _)| d == "City of London" && k == kind)
            .map(|((_, _, m), n)| (*m, *n))
            .collect();
        assert_eq!(
            counts(data, kind, None, "City of London", AreaLevel::District),
            expect_district,
            "{kind}, district"
        );
    }
    // The district (E09000001) and the force (E23000034) share a place-name
    // but never an area key: every area the data name has one level.
    let mut level_of: BTreeMap<&str, AreaLevel> = BTreeMap::new();
    for o in &data.observations {
        let level = *level_of.entry(&o.area).or_insert(o.area_level);
        assert_eq!(level, o.area_level, "“{}” is read at two levels", o.area);
    }
    assert_eq!(level_of.get("City of London"), Some(&AreaLevel::District));
    assert_eq!(
        level_of.get("City of London (force)"),
        Some(&AreaLevel::Force)
    );
    // Assessed, the district's figure is the district's tally, compared with the force's.
    {
        use csp_workbench::core::assessment::{assess, Options, PrioritySettings};
        let all = "All crime (excluding anti-social behaviour)";
        let a = assess(
            data,
            &Options {
                area: Some("E09000001".into()),
                county: Some("City of London (force)".into()),
                ..Options::default()
            },
            &[],
            &PrioritySettings::default(),
        )
        .unwrap();
        assert_eq!(a.options.area, "City of London");
        let m = a.measure(all).unwrap();
        let month = m.change.current.period;
        let tally = |map: &BTreeMap<(String, String, Period), f64>| {
            map.get(&("City of London".to_string(), all.to_string(), month))
                .copied()
        };
        assert_eq!(Some(m.change.current.value), tally(&district));
        let county = m.county.as_ref().unwrap();
        assert_eq!(county.area, "City of London (force)");
        assert_eq!(
            county.change.as_ref().unwrap().current.value,
            force[&(all.to_string(), month)]
        );
    }
    // Crimes the City's police recorded in neighbouring districts count there.
    let camden: f64 = district
        .iter()
        .filter(|((d, k, _), _)| d == "Camden" && k.starts_with("All crime"))
        .map(|(_, n)| n)
        .sum();
    assert!(camden > 0.0);
    let got: f64 = counts(
        data,
        "All crime (excluding anti-social behaviour)",
        None,
        "Camden",
        AreaLevel::District,
    )
    .values()
    .sum();
    assert_eq!(got, camden);
    let street = data
        .tables
        .iter()
        .find(|t| t.sheet.starts_with("Street crime"))
        .unwrap();
    assert_eq!(street.body_rows, 15_957);
    assert!(
        street.notes.iter().any(|n| n.starts_with(&format!(
            "{} records had no location",
            format_count(no_location)
        ))),
        "{:?}",
        street.notes
    );
    assert!(
        street.sheet.contains("24 files, 2019-01 … 2020-12"),
        "{}",
        street.sheet
    );
    // Stop and search by month, object and outcome.
    assert_eq!(
        counts(
            data,
            "Stop and search",
            None,
            "City of London (force)",
            AreaLevel::Force
        ),
        searches
    );
    assert_eq!(searches.values().sum::<f64>(), 5_576.0);
    for ((category, m), n) in &search {
        let got = counts(
            data,
            "Stop and search",
            Some(category),
            "City of London (force)",
            AreaLevel::Force,
        );
        assert_eq!(got.get(m), Some(n), "{category} {m:?}");
    }
    let searched = data
        .tables
        .iter()
        .find(|t| t.sheet.starts_with("Stop and search"))
        .unwrap();
    assert!(searched.notes[0].contains("no LSOA"));
    stop_and_search_by_breakdown(data, &files);
    // Every figure says which file it came from.
    let o = data
        .observations
        .iter()
        .find(|o| o.measure == "Burglary" && o.area_level == AreaLevel::Force)
        .unwrap();
    assert!(
        o.source.sheet.ends_with("-city-of-london-street.csv"),
        "{}",
        o.source.sheet
    );
    assert!(o.source.cell.contains("of column J"), "{}", o.source.cell);
}

/// Stop and search by each breakdown over 2020 (the twelve months to the
/// last file), for the district of the City of London: the force's searches
/// placed there by the map points the street records share (the rows carry
/// no LSOA), each count equal to the test's own placing of the raw rows; the
/// rest counted for the force only, said so with their number.
fn stop_and_search_by_breakdown(data: &Dataset, files: &[(String, Vec<u8>)]) {
    use csp_workbench::core::assessment::police_parts::{police_parts, Scope};
    let columns = [
        "Object of search",
        "Outcome",
        "Legislation",
        "Age range",
        "Self-defined ethnicity",
    ];
    let lsoa = ons_lsoa_districts();
    let points = raw_points(files, &|code, _| lsoa.get(code).cloned());
    let in_2020 = |p: Period| p.start().year == 2020;
    let (raw, total, places) = placed_tally(
        files,
        &points,
        "city-of-london",
        &["City of London"],
        &["City of London"],
        &in_2020,
    );
    let (_, total_all, all_places) = placed_tally(
        files,
        &points,
        "city-of-london",
        &["City of London"],
        &["City of London"],
        &|_| true,
    );
    let force_total: f64 = places.values().sum();
    let with_location = force_total - places.get(&RawPlace::NoLocation).copied().unwrap_or(0.0);
    eprintln!(
        "City of London, 2019–2020: {total_all} of {} searches placed in the district ({} with a location); by reason {all_places:?}. 2020: {total} of {force_total} ({with_location} with a location); {places:?}",
        all_places.values().sum::<f64>(),
        all_places.values().sum::<f64>() - all_places.get(&RawPlace::NoLocation).copied().unwrap_or(0.0),
    );
    // One force, one district: most searches with a location are placed there.
    assert!(total > 0.6 * with_location, "{total} of {with_location}");
    let end = Period::month(2020, 12).first_month_index();
    let p = police_parts(&data.observations, "Stop and search", "City of London", end).unwrap();
    assert_eq!(
        p.scope,
        Scope::Placed {
            force: "City of London (force)".to_string(),
        }
    );
    let sentence = p.scope_sentence();
    let unplaced = force_total - total;
    assert_counted_for_the_force(&sentence, unplaced, force_total);
    assert!(
        sentence.contains("a location in another force's area"),
        "{sentence}"
    );
    assert_eq!(p.period.label(), "2020");
    assert_eq!(p.months.len(), 12);
    assert_eq!(p.total, total);
    let names: Vec<&str> = p.dimensions.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, columns);
    for d in &p.dimensions {
        assert!(d.parts.windows(2).all(|w| w[0].count >= w[1].count));
        for part in &d.parts {
            assert!(
                part.source.contains("-city-of-london-stop-and-search.csv"),
                "{}",
                part.source
            );
        }
    }
    let got = parts_of(&p);
    assert_eq!(got, raw);
    // The force chosen as the area: the same figures, as its own.
    let force = police_parts(
        &data.observations,
        "Stop and search",
        "City of London (force)",
        end,
    )
    .unwrap();
    assert_eq!(force.scope, Scope::LocalArea);
    assert_eq!(force.total, force_total);
    assert_eq!(force.dimensions.len(), 5);
    // Five breakdowns side by side are not one breakdown of the month's
    // searches: the assessment gives none (no stacked bar adding to 500%, no
    // "Outcome · … accounted for" finding), and the measure is still assessed.
    {
        use csp_workbench::core::assessment::{assess, Options, PrioritySettings};
        let a = assess(
            data,
            &Options {
                area: Some("City of London (force)".into()),
                ..Options::default()
            },
            &[],
            &PrioritySettings::default(),
        )
        .unwrap();
        let m = a.measure("Stop and search").unwrap();
        let december = files
            .iter()
            .filter(|(p, _)| p.starts_with("2020-12/") && p.ends_with("-stop-and-search.csv"))
            .map(|(_, bytes)| rows_of(bytes).len())
            .sum::<usize>();
        assert_eq!(m.change.current.value, december as f64);
        assert!(m.breakdown.is_none());
    }
}

/// The section's sentence names how many of the force's searches stayed
/// with the force, of how many, and the share.
fn assert_counted_for_the_force(sentence: &str, unplaced: f64, all: f64) {
    assert!(
        sentence.contains(&format!(
            "{} of {} searches ({}) had no location",
            format_count(unplaced as usize),
            format_count(all as usize),
            csp_workbench::core::format::percent(unplaced / all)
        )),
        "{sentence}"
    );
}

fn format_count(n: usize) -> String {
    csp_workbench::core::format::count(n as f64)
}

#[test]
fn the_city_of_london_download_as_a_zip() {
    let Some(_) = common::shared_data("geo") else {
        return;
    };
    let zip = zip_of(&city_of_london_files());
    let data = import_file("city-of-london-2019-2020.zip", &zip).unwrap_or_else(|e| panic!("{e}"));
    check_city_of_london(&data);
    assert!(data
        .observations
        .iter()
        .all(|o| o.source.file == "city-of-london-2019-2020.zip"));
    rates_from_the_built_in_population(&data);
}

/// The mid-year estimate for a code, read here from the file the app fetches.
fn mid_year(code: &str, year: i32) -> f64 {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/public/geography/population.tsv"
    ))
    .unwrap();
    let years: Vec<i32> = text
        .lines()
        .find(|l| l.starts_with("Y\t"))
        .unwrap()
        .split('\t')
        .skip(1)
        .map(|y| y.parse().unwrap())
        .collect();
    let row: Vec<&str> = text
        .lines()
        .find(|l| l.starts_with(&format!("P\t{code}\t")))
        .unwrap()
        .split('\t')
        .skip(2)
        .collect();
    row[years.iter().position(|y| *y == year).unwrap()]
        .parse()
        .unwrap()
}

/// The files carry no population: City of London's rates per 1,000 come from
/// the built-in ONS estimate (E09000001), for the district and for the force.
fn rates_from_the_built_in_population(data: &Dataset) {
    use csp_workbench::core::assessment::{assess_with, Options, PrioritySettings};
    use csp_workbench::core::geography::Population;
    let population = Population::parse(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/public/geography/population.tsv"
        ))
        .unwrap(),
    )
    .unwrap();
    for area in ["City of London", "City of London (force)"] {
        let options = Options {
            area: Some(area.into()),
            ..Options::default()
        };
        let a = assess_with(
            data,
            Some(&population),
            &options,
            &[],
            &PrioritySettings::default(),
        )
        .unwrap();
        assert_eq!(a.options.area, area);
        // Burglary is per household (Census 2021), the rest per person.
        let burglary = a.measure("Burglary").unwrap().rate.clone().unwrap();
        assert_eq!(
            burglary.denominator.source.file,
            "Census 2021 households (built in)"
        );
        for measure in [
            "Bicycle theft",
            "All crime (excluding anti-social behaviour)",
        ] {
            let m = a
                .measure(measure)
                .unwrap_or_else(|| panic!("{area}: {measure}"));
            let rate = m
                .rate
                .as_ref()
                .unwrap_or_else(|| panic!("{area}: {measure} has no rate"));
            let file = &rate.denominator.source.file;
            let year: i32 = file
                .strip_prefix("ONS mid-")
                .and_then(|rest| rest.get(..4))
                .and_then(|y| y.parse().ok())
                .unwrap_or_else(|| panic!("{area}: {measure} divides by {file}"));
            assert_eq!(
                rate.denominator.value,
                mid_year("E09000001", year),
                "{area}"
            );
            assert_eq!(
                rate.denominator.source.file,
                format!("ONS mid-{year} estimate (built in)")
            );
            // Monthly figures are rated over the twelve months to the latest (2020),
            // here the sum of the import's monthly figures (checked against the raw rows).
            let year_count: f64 = data
                .observations
                .iter()
                .filter(|o| {
                    o.measure == measure
                        && o.area == area
                        && o.category.is_none()
                        && o.period.months() == 1
                        && o.period.label().ends_with("2020")
                })
                .filter_map(|o| o.value.number())
                .sum();
            let expected = year_count / rate.denominator.value * 1000.0;
            assert!(
                (rate.per_thousand - expected).abs() < 1e-9,
                "{area}: {measure}"
            );
        }
    }
}

#[test]
fn the_city_of_london_download_as_a_folder() {
    let Some(_) = common::shared_data("geo") else {
        return;
    };
    let data = import_folder(&geo("policeuk")).unwrap_or_else(|e| panic!("{e}"));
    check_city_of_london(&data);
    rates_from_the_built_in_population(&data);
    let zip = zip_of(&city_of_london_files());
    let zipped = import_file("policeuk", &zip).unwrap();
    assert_eq!(
        serde_json::to_string(&zipped).unwrap(),
        serde_json::to_string(&data).unwrap(),
        "a folder and its zip import alike"
    );
}

/// A generated download: two forces, two months, LSOAs of several districts
/// (2011 codes, a 2021 code the 2011 lookup lacks, an unknown code whose name
/// names a former district, no location), with outcomes files linked by Crime ID.
struct Generated {
    files: Vec<(String, Vec<u8>)>,
}

const STREET_HEADER: &str = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context";
const OUTCOMES_HEADER: &str = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type";
const TYPES: [&str; 5] = [
    "Anti-social behaviour",
    "Burglary",
    "Violence and sexual offences",
    "Vehicle crime",
    "Shoplifting",
];
const OUTCOMES: [&str; 3] = [
    "Investigation complete; no suspect identified",
    "Unable to prosecute suspect",
    "Offender given a caution",
];

/// (LSOA code, LSOA name) pairs for the generated rows, by force.
fn places() -> Vec<(&'static str, Vec<(String, String)>)> {
    let best_fit = rows_of(
        &std::fs::read(geo(
            "lookups/lsoa11_to_lsoa21_best_fit_lookup_england_wales_v2.csv",
        ))
        .unwrap(),
    );
    let pick = |district: &str, n: usize| -> Vec<(String, String)> {
        best_fit
            .iter()
            .filter(|r| r["LAD22NM"] == district)
            .take(n)
            .map(|r| (r["LSOA11CD"].clone(), r["LSOA11NM"].clone()))
            .collect()
    };
    // A 2021 LSOA that the 2011 best-fit lookup lacks (an LSOA split in 2021).
    let wards = rows_of(&std::fs::read(geo("lookups/lookup_lsoa21_ward24_ltla24.csv")).unwrap());
    let known: std::collections::BTreeSet<&String> =
        best_fit.iter().map(|r| &r["LSOA21CD"]).collect();
    let new_2021 = wards
        .iter()
        .find(|r| !known.contains(&r["lsoa21_code"]) && r["lsoa21_name"].starts_with("Ashford "))
        .map(|r| (r["lsoa21_code"].clone(), r["lsoa21_name"].clone()))
        .expect("an Ashford LSOA new in 2021");
    let mut kent = Vec::new();
    kent.extend(pick("Tunbridge Wells", 3));
    kent.extend(pick("Dartford", 2));
    kent.extend(pick("Folkestone and Hythe", 2));
    kent.push(new_2021);
    // An unknown code under a name that names the district before its 2018 rename.
    kent.push(("E01999999".to_string(), "Shepway 099Z".to_string()));
    kent.push((String::new(), String::new()));
    let mut essex = pick("Chelmsford", 3);
    essex.extend(pick("Colchester", 2));
    essex.push((String::new(), String::new()));
    vec![("Kent Police", kent), ("Essex Police", essex)]
}

/// A street record's map point in the generated download: one per LSOA of
/// each force, none without a location, and one point that records of
/// several districts share (every 37th record), which places no search.
fn street_point(force: usize, place: usize, code: &str, i: usize) -> (String, String) {
    if code.is_empty() {
        return (String::new(), String::new());
    }
    if i.is_multiple_of(37) {
        return ("0.050000".to_string(), "51.050000".to_string());
    }
    (
        format!("{:.6}", 0.2 + 0.01 * (force * 16 + place) as f64),
        "51.100000".to_string(),
    )
}

const SEARCH_HEADER: &str = "Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,Outcome,Outcome linked to object of search,Removal of more than just outer clothing";

fn generated() -> Generated {
    let mut files = Vec::new();
    let mut id = 0u64;
    let all_places = places();
    for (f, (force, places)) in all_places.iter().enumerate() {
        let slug = force.trim_end_matches(" Police").to_lowercase();
        for m in ["2021-11", "2021-12"] {
            let mut street = format!("{STREET_HEADER}\r\n");
            let mut outcomes = format!("{OUTCOMES_HEADER}\r\n");
            for i in 0..400usize {
                let p = (i * 7 + m.len() + id as usize) % places.len();
                let (code, name) = &places[p];
                let (lon, lat) = street_point(f, p, code, i);
                let kind = TYPES[(i * 3 + i / 5) % TYPES.len()];
                let crime_id = if kind == "Anti-social behaviour" {
                    String::new()
                } else {
                    id += 1;
                    format!("{:064x}", id.wrapping_mul(0x9E37_79B9_7F4A_7C15))
                };
                let location = if code.is_empty() {
                    "No location"
                } else {
                    "On or near High Street"
                };
                street.push_str(&format!(
                    "{crime_id},{m},{force},{force},{lon},{lat},{location},{code},{name},{kind},,\r\n"
                ));
                if !crime_id.is_empty() && i % 4 != 0 {
                    // A first outcome this month and, for some, a later one.
                    outcomes.push_str(&format!(
                        "{crime_id},{m},{force},{force},0.1,51.1,{location},{code},{name},{}\r\n",
                        OUTCOMES[i % 2 + 1]
                    ));
                    if i % 3 == 0 {
                        outcomes.push_str(&format!(
                            "{crime_id},2022-01,{force},{force},0.1,51.1,{location},{code},{name},{}\r\n",
                            OUTCOMES[0]
                        ));
                    }
                }
            }
            // An outcome of a crime recorded before the months loaded.
            outcomes.push_str(&format!(
                "{:064x},{m},{force},{force},,,No location,,,{}\r\n",
                u64::MAX - id,
                OUTCOMES[0]
            ));
            files.push((format!("{m}/{m}-{slug}-street.csv"), street.into_bytes()));
            files.push((
                format!("{m}/{m}-{slug}-outcomes.csv"),
                outcomes.into_bytes(),
            ));
        }
        // Searches: at the force's LSOAs' points, at the point of several
        // districts, at a point no street record has, with no location, and
        // at a point of the other force's; January 2022 has no street file.
        for m in ["2021-11", "2021-12", "2022-01"] {
            let mut searches = format!("{SEARCH_HEADER}\r\n");
            for j in 0..120usize {
                let (lon, lat) = match j % 8 {
                    0..=3 => {
                        let p = (j / 8 + j) % places.len();
                        street_point(f, p, &places[p].0, 1)
                    }
                    4 => ("0.050000".to_string(), "51.050000".to_string()),
                    5 => ("0.987654".to_string(), "51.987654".to_string()),
                    6 => (String::new(), String::new()),
                    _ => street_point(1 - f, 0, "other", 1),
                };
                searches.push_str(&format!(
                    "Person search,{m}-{:02}T10:00:00+00:00,,,{lat},{lon},Male,{},{},White,{},{},{},False,False\r\n",
                    1 + j % 28,
                    ["18-24", "25-34", "over 34", ""][j % 4],
                    ["White - English/Welsh/Scottish/Northern Irish/British", "Asian/Asian British - Pakistani"][j % 2],
                    ["Misuse of Drugs Act 1971 (section 23)", "Police and Criminal Evidence Act 1984 (section 1)"][(j / 2) % 2],
                    ["Controlled drugs", "Stolen goods", "Offensive weapons"][j % 3],
                    ["A no further action disposal", "Arrest"][(j / 3) % 2],
                ));
            }
            files.push((
                format!("{m}/{m}-{slug}-stop-and-search.csv"),
                searches.into_bytes(),
            ));
        }
    }
    Generated { files }
}

/// Where the test itself places a search: the districts of the street
/// records (read with the ONS lookup, else the LSOA name's district) at its
/// point, given as written; one district of the search's force, or why not.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum RawPlace {
    District(String),
    NoLocation,
    NotShared,
    Ambiguous,
    OtherForce,
}

/// Each map point of the street files (longitude, latitude as written) → the
/// districts of the records there.
fn raw_points(
    files: &[(String, Vec<u8>)],
    district_of: &dyn Fn(&str, &str) -> Option<String>,
) -> BTreeMap<(String, String), std::collections::BTreeSet<String>> {
    let mut points: BTreeMap<(String, String), std::collections::BTreeSet<String>> =
        BTreeMap::new();
    for (_, bytes) in files.iter().filter(|(p, _)| p.ends_with("-street.csv")) {
        for r in rows_of(bytes) {
            if r["Longitude"].is_empty() {
                continue;
            }
            if let Some(d) = district_of(&r["LSOA code"], &r["LSOA name"]) {
                points
                    .entry((r["Longitude"].clone(), r["Latitude"].clone()))
                    .or_default()
                    .insert(d);
            }
        }
    }
    points
}

fn raw_place(
    points: &BTreeMap<(String, String), std::collections::BTreeSet<String>>,
    search: &common::Row,
    force_districts: &[&str],
) -> RawPlace {
    if search["Longitude"].is_empty() || search["Latitude"].is_empty() {
        return RawPlace::NoLocation;
    }
    match points.get(&(search["Longitude"].clone(), search["Latitude"].clone())) {
        None => RawPlace::NotShared,
        Some(ds) if ds.len() > 1 => RawPlace::Ambiguous,
        Some(ds) => {
            let d = ds.iter().next().unwrap();
            if force_districts.contains(&d.as_str()) {
                RawPlace::District(d.clone())
            } else {
                RawPlace::OtherForce
            }
        }
    }
}

/// Placed searches by (breakdown, category), their whole, and the force's searches by place.
type PlacedTally = (
    BTreeMap<(String, String), f64>,
    f64,
    BTreeMap<RawPlace, f64>,
);

/// The placed searches' tally for the districts in `summed` over the months
/// `within`: (breakdown, category) → count, and the whole; and the force's
/// searches by place.
fn placed_tally(
    files: &[(String, Vec<u8>)],
    points: &BTreeMap<(String, String), std::collections::BTreeSet<String>>,
    slug: &str,
    force_districts: &[&str],
    summed: &[&str],
    within: &dyn Fn(Period) -> bool,
) -> PlacedTally {
    let mut parts: BTreeMap<(String, String), f64> = BTreeMap::new();
    let mut total = 0.0;
    let mut places: BTreeMap<RawPlace, f64> = BTreeMap::new();
    for (_, bytes) in files
        .iter()
        .filter(|(p, _)| p.ends_with(&format!("-{slug}-stop-and-search.csv")))
    {
        for r in rows_of(bytes) {
            if !within(month(&r["Date"])) {
                continue;
            }
            let place = raw_place(points, &r, force_districts);
            *places.entry(place.clone()).or_default() += 1.0;
            let RawPlace::District(d) = place else {
                continue;
            };
            if !summed.contains(&d.as_str()) {
                continue;
            }
            total += 1.0;
            for column in [
                "Object of search",
                "Outcome",
                "Legislation",
                "Age range",
                "Self-defined ethnicity",
            ] {
                let value = match r[column].as_str() {
                    "" => "Not stated",
                    v => v,
                };
                *parts
                    .entry((column.to_string(), value.to_string()))
                    .or_default() += 1.0;
            }
        }
    }
    (parts, total, places)
}

/// A `PoliceParts`' breakdowns as (breakdown, category) → count.
fn parts_of(p: &csp_workbench::core::assessment::PoliceParts) -> BTreeMap<(String, String), f64> {
    let mut got = BTreeMap::new();
    for d in &p.dimensions {
        assert_eq!(
            d.parts.iter().map(|x| x.count).sum::<f64>(),
            p.total,
            "{}",
            d.name
        );
        for part in &d.parts {
            got.insert((d.name.clone(), part.category.clone()), part.count);
        }
    }
    got
}

#[test]
fn a_download_of_several_forces_counts_each_district_as_the_raw_rows() {
    let Some(_) = common::shared_data("geo") else {
        return;
    };
    let download = generated();
    let data =
        import_file("download.zip", &zip_of(&download.files)).unwrap_or_else(|e| panic!("{e}"));
    let lsoa = ons_lsoa_districts();
    let mut district: BTreeMap<(String, String, Period), f64> = BTreeMap::new();
    let mut force: BTreeMap<(String, String, Period), f64> = BTreeMap::new();
    let mut no_location = 0;
    let mut by_name = 0;
    let mut crimes: BTreeMap<String, (String, Period)> = BTreeMap::new();
    let mut crime_district: BTreeMap<String, Option<String>> = BTreeMap::new();
    for (path, bytes) in download
        .files
        .iter()
        .filter(|(p, _)| p.ends_with("-street.csv"))
    {
        let _ = path;
        for r in rows_of(bytes) {
            let m = month(&r["Month"]);
            let place = match (lsoa.get(&r["LSOA code"]), r["LSOA name"].as_str()) {
                (Some(d), _) => Some(d.clone()),
                (None, "") => {
                    no_location += 1;
                    None
                }
                (None, name) if name.starts_with("Shepway ") => {
                    by_name += 1;
                    Some("Folkestone and Hythe".to_string())
                }
                (None, name) if name.starts_with("Ashford ") => Some("Ashford".to_string()),
                (None, name) => panic!("{name}"),
            };
            let mut kinds = vec![r["Crime type"].clone()];
            if r["Crime type"] != "Anti-social behaviour" {
                kinds.push("All crime (excluding anti-social behaviour)".to_string());
                crimes.insert(r["Crime ID"].clone(), (r["Falls within"].clone(), m));
                crime_district.insert(r["Crime ID"].clone(), place.clone());
            }
            for kind in kinds {
                let f = r["Falls within"].trim_end_matches(" Police").to_string();
                *force.entry((f, kind.clone(), m)).or_default() += 1.0;
                if let Some(d) = &place {
                    *district.entry((d.clone(), kind, m)).or_default() += 1.0;
                }
            }
        }
    }
    assert!(no_location > 0 && by_name > 0);
    let districts: std::collections::BTreeSet<&String> =
        district.keys().map(|(d, _, _)| d).collect();
    assert_eq!(
        districts.into_iter().cloned().collect::<Vec<_>>(),
        [
            "Ashford",
            "Chelmsford",
            "Colchester",
            "Dartford",
            "Folkestone and Hythe",
            "Tunbridge Wells"
        ]
    );
    for ((d, kind, m), n) in &district {
        let got = counts(&data, kind, None, d, AreaLevel::District);
        assert_eq!(got.get(m), Some(n), "{d} {kind} {m:?}");
    }
    for ((f, kind, m), n) in &force {
        let got = counts(&data, kind, None, &force_named(f), AreaLevel::Force);
        assert_eq!(got.get(m), Some(n), "{f} {kind} {m:?}");
    }
    let district_figures = data
        .observations
        .iter()
        .filter(|o| {
            o.area_level == AreaLevel::District
                && o.category.is_none()
                && o.unit == Unit::Count
                && !o.measure.starts_with("Outcomes")
                && o.measure != SEARCHES_PLACED
        })
        .count();
    assert_eq!(
        district_figures,
        district.len(),
        "no district figure the raw rows lack"
    );
    let street = data
        .tables
        .iter()
        .find(|t| t.sheet.starts_with("Street crime"))
        .unwrap();
    let notes = street.notes.join(" ");
    assert!(
        notes.contains(&format!(
            "{} records had no location",
            format_count(no_location)
        )),
        "{notes}"
    );
    assert!(
        notes.contains(&format!(
            "{} records had an LSOA code the lookup does not know and were placed",
            format_count(by_name)
        )),
        "{notes}"
    );

    // Outcomes linked by Crime ID: each crime once, by its latest outcome.
    let mut latest: BTreeMap<String, (Period, String)> = BTreeMap::new();
    let mut unlinked = 0;
    for (_, bytes) in download
        .files
        .iter()
        .filter(|(p, _)| p.ends_with("-outcomes.csv"))
    {
        for r in rows_of(bytes) {
            if !crimes.contains_key(&r["Crime ID"]) {
                unlinked += 1;
                continue;
            }
            let m = month(&r["Month"]);
            let e = latest
                .entry(r["Crime ID"].clone())
                .or_insert((m, r["Outcome type"].clone()));
            if m >= e.0 {
                *e = (m, r["Outcome type"].clone());
            }
        }
    }
    assert_eq!(unlinked, 4);
    let mut no_suspect: BTreeMap<(String, Period), (f64, f64)> = BTreeMap::new();
    for (id, (f, m)) in &crimes {
        let f = f.trim_end_matches(" Police").to_string();
        let e = no_suspect.entry((f, *m)).or_default();
        e.1 += 1.0;
        if latest.get(id).is_some_and(|(_, o)| o == OUTCOMES[0]) {
            e.0 += 1.0;
        }
    }
    for ((f, m), (n, total)) in &no_suspect {
        let o = data
            .observations
            .iter()
            .find(|o| {
                o.measure == "Crimes closed with no suspect identified (%)"
                    && o.area == force_named(f)
                    && o.period == *m
                    && o.area_level == AreaLevel::Force
            })
            .unwrap_or_else(|| panic!("no share for {f} {m:?}"));
        assert_eq!(o.unit, Unit::Percent);
        assert_eq!(o.value, Value::Number(100.0 * n / total), "{f} {m:?}");
    }
    let linked_no_suspect: f64 = counts(
        &data,
        "Outcomes of all crime",
        Some(OUTCOMES[0]),
        &force_named("Kent"),
        AreaLevel::Force,
    )
    .values()
    .sum();
    let expect: f64 = no_suspect
        .iter()
        .filter(|((f, _), _)| f == "Kent")
        .map(|(_, (n, _))| n)
        .sum();
    assert_eq!(linked_no_suspect, expect);
    let unlinked_counted: f64 = ["Kent", "Essex"]
        .iter()
        .flat_map(|f| {
            counts(
                &data,
                "Outcomes recorded (not linked to a crime)",
                None,
                &force_named(f),
                AreaLevel::Force,
            )
            .into_values()
        })
        .sum();
    assert_eq!(unlinked_counted, unlinked as f64);

    // Outcomes of all crime in Tunbridge Wells by latest outcome, over the
    // twelve months to December 2021: the district's own (linked by Crime ID
    // to records with an LSOA there), equal to the raw rows' tally.
    use csp_workbench::core::assessment::police_parts::{police_parts, Scope};
    let mut by_outcome: BTreeMap<String, f64> = BTreeMap::new();
    for (id, place) in &crime_district {
        if place.as_deref() != Some("Tunbridge Wells") {
            continue;
        }
        if let Some((_, outcome)) = latest.get(id) {
            *by_outcome.entry(outcome.clone()).or_default() += 1.0;
        }
    }
    assert!(by_outcome.len() >= 2, "{by_outcome:?}");
    let end = Period::month(2021, 12).first_month_index();
    let p = police_parts(
        &data.observations,
        "Outcomes of all crime",
        "Tunbridge Wells",
        end,
    )
    .unwrap();
    assert_eq!(p.scope, Scope::LocalArea);
    assert_eq!(p.months.len(), 2);
    assert!(
        p.months_sentence().contains("2 of the 12 months"),
        "{}",
        p.months_sentence()
    );
    assert_eq!(p.dimensions.len(), 1);
    assert_eq!(p.dimensions[0].name, "Outcome");
    let got: BTreeMap<String, f64> = p.dimensions[0]
        .parts
        .iter()
        .map(|x| (x.category.clone(), x.count))
        .collect();
    assert_eq!(got, by_outcome);
    assert_eq!(p.total, by_outcome.values().sum::<f64>());
}

/// Searches at points shared with street records of known LSOAs are counted
/// for the district (and a partnership of whole districts); a point no street
/// record has, no location, a point of two districts and a point of another
/// force's area stay with the force, and the section says how many and why.
#[test]
fn searches_are_placed_in_districts_by_the_street_records_map_points() {
    use csp_workbench::core::assessment::police_parts::{police_parts, Scope};
    let Some(_) = common::shared_data("geo") else {
        return;
    };
    let download = generated();
    let data =
        import_file("download.zip", &zip_of(&download.files)).unwrap_or_else(|e| panic!("{e}"));
    let lsoa = ons_lsoa_districts();
    let district_of = |code: &str, name: &str| -> Option<String> {
        lsoa.get(code).cloned().or_else(|| {
            name.rsplit_once(' ').map(|(prefix, _)| match prefix {
                "Shepway" => "Folkestone and Hythe".to_string(),
                p => p.to_string(),
            })
        })
    };
    let points = raw_points(&download.files, &district_of);
    assert!(
        points[&("0.050000".to_string(), "51.050000".to_string())].len() > 1,
        "the shared point has records of several districts"
    );
    let kent = [
        "Tunbridge Wells",
        "Dartford",
        "Folkestone and Hythe",
        "Ashford",
    ];
    let essex = ["Chelmsford", "Colchester"];
    let end = Period::month(2022, 1).first_month_index();
    let all_months = |_: Period| true;
    let mut seen = Vec::new();
    for (slug, districts) in [("kent", &kent[..]), ("essex", &essex[..])] {
        let force = force_named(slug);
        // Each district's searches by month equal the raw rows placed there.
        for d in districts {
            for m in [(2021, 11), (2021, 12), (2022, 1)] {
                let period = Period::month(m.0, m.1);
                let (_, n, _) =
                    placed_tally(&download.files, &points, slug, districts, &[d], &|p| {
                        p == period
                    });
                let got = counts(&data, SEARCHES_PLACED, None, d, AreaLevel::District);
                assert_eq!(
                    got.get(&period).copied().unwrap_or(0.0),
                    n,
                    "{d} {period:?}"
                );
            }
            let (raw, total, places) =
                placed_tally(&download.files, &points, slug, districts, &[d], &all_months);
            assert!(total > 0.0, "{d} has placed searches");
            let p = police_parts(&data.observations, "Stop and search", d, end).unwrap();
            assert_eq!(
                p.scope,
                Scope::Placed {
                    force: force.clone()
                }
            );
            assert_eq!(p.total, total, "{d}");
            assert_eq!(parts_of(&p), raw, "{d}");
            assert_eq!(p.months.len(), 3, "the force's three months of searches");
            let placement = p.placement.as_ref().unwrap();
            let all: f64 = places.values().sum();
            assert_eq!(placement.force_total, all);
            let placed: f64 = places
                .iter()
                .filter(|(k, _)| matches!(k, RawPlace::District(_)))
                .map(|(_, n)| n)
                .sum();
            assert_eq!(placement.placed, placed);
            let reason = |r: &str| {
                placement
                    .not_placed
                    .iter()
                    .find(|(x, _)| x == r)
                    .map(|(_, n)| *n)
                    .unwrap_or(0.0)
            };
            for (raw_place, label) in [
                (RawPlace::NoLocation, "No location"),
                (
                    RawPlace::NotShared,
                    "Location not shared with a street crime",
                ),
                (
                    RawPlace::Ambiguous,
                    "Location shared by street crimes of more than one district",
                ),
                (RawPlace::OtherForce, "Location in another force's area"),
            ] {
                let expect = places.get(&raw_place).copied().unwrap_or(0.0);
                assert!(
                    expect > 0.0,
                    "{slug}: the generated searches include {label}"
                );
                assert_eq!(reason(label), expect, "{slug}: {label}");
            }
            assert_eq!(placement.other_months, vec![Period::month(2022, 1)]);
            let sentence = p.scope_sentence();
            let unplaced = all - placed;
            assert_counted_for_the_force(&sentence, unplaced, all);
            assert!(
                sentence.contains("and are counted for the force only"),
                "{sentence}"
            );
            assert!(
                sentence.contains("No street file of the force was loaded for Jan 2022"),
                "{sentence}"
            );
            seen.push(format!(
                "{d}: {total} of {force}'s {all} searches placed there"
            ));
        }
    }
    // A partnership of whole districts: the sum of those with searches placed.
    let (raw, total, _) = placed_tally(
        &download.files,
        &points,
        "kent",
        &kent,
        &["Dartford", "Gravesham"],
        &all_months,
    );
    let p = police_parts(
        &data.observations,
        "Stop and search",
        "Dartford and Gravesham",
        end,
    )
    .unwrap();
    assert!(matches!(p.scope, Scope::Placed { .. }), "{:?}", p.scope);
    assert_eq!(p.total, total);
    assert_eq!(parts_of(&p), raw);
    // The force chosen: all its searches, as before, its own.
    let f = police_parts(&data.observations, "Stop and search", "Kent (force)", end).unwrap();
    assert_eq!(f.scope, Scope::LocalArea);
    assert!(f.dimensions.iter().all(|d| d.name != "Where counted"));
    assert_eq!(f.dimensions.len(), 5);
    // Every placed count says where it came from.
    let o = data
        .observations
        .iter()
        .find(|o| o.measure == SEARCHES_PLACED && o.area == "Dartford" && o.category.is_none())
        .unwrap();
    assert!(
        o.source.sheet.ends_with("-kent-stop-and-search.csv"),
        "{}",
        o.source.sheet
    );
    assert!(
        o.source
            .cell
            .contains("placed in Dartford by map points shared with street crimes"),
        "{}",
        o.source.cell
    );
    let notes = data
        .tables
        .iter()
        .find(|t| t.sheet.starts_with("Stop and search"))
        .unwrap()
        .notes
        .join(" ");
    assert!(notes.contains("Counted for the force only:"), "{notes}");
    assert!(notes.contains("Kent (force) Jan 2022"), "{notes}");
    eprintln!("{}", seen.join("\n"));
}

#[test]
fn outcomes_alone_are_counted_as_recorded_and_said_so() {
    let Some(_) = common::shared_data("geo") else {
        return;
    };
    let download = generated();
    let (path, bytes) = download
        .files
        .iter()
        .find(|(p, _)| p.ends_with("-outcomes.csv"))
        .unwrap();
    let name = path.rsplit('/').next().unwrap();
    let data = import_file(name, bytes).unwrap_or_else(|e| panic!("{e}"));
    let rows = rows_of(bytes);
    let total: f64 = counts(
        &data,
        "Outcomes recorded (not linked to a crime)",
        None,
        &force_named("Kent"),
        AreaLevel::Force,
    )
    .values()
    .sum();
    assert_eq!(total, rows.len() as f64);
    assert!(data.tables[0]
        .notes
        .iter()
        .any(|n| n.starts_with("Outcomes not linked to crimes")));
}

#[test]
fn a_zip_bomb_and_a_zip_of_nothing_useful_are_refused_with_a_sentence() {
    // An entry of 80 MB of one byte: deflate packs it more than 250 times over.
    let big = vec![b'a'; 80 << 20];
    let bomb = zip_of(&[("2019-01/2019-01-kent-street.csv".to_string(), big)]);
    let e = import_file("bomb.zip", &bomb).unwrap_err().to_string();
    assert!(e.contains("zip bomb"), "{e}");
    let notes = zip_of(&[("readme.csv".to_string(), b"a,b\r\n1,2\r\n".to_vec())]);
    let e = import_file("notes.zip", &notes).unwrap_err().to_string();
    assert!(e.contains("no police.uk street"), "{e}");
}

#[test]
fn the_home_office_extract_gives_force_figures_by_offence_group() {
    let Some(_) = common::shared_data("geo") else {
        return;
    };
    let name = "prc-pfa-mar2013-onwards-tables201718.csv";
    let bytes = std::fs::read(geo(&format!("offences/{name}"))).unwrap();
    let data = import_file(name, &bytes).unwrap_or_else(|e| panic!("{e}"));
    // The raw tally: offences by force, group, subgroup and quarter, read with csv directly.
    let mut groups: BTreeMap<(String, String, Period), f64> = BTreeMap::new();
    let mut subgroups: BTreeMap<(String, String, String, Period), f64> = BTreeMap::new();
    let mut all: BTreeMap<(String, Period), f64> = BTreeMap::new();
    for r in rows_of(&bytes) {
        let q: u8 = r["Financial Quarter"].trim().parse().unwrap();
        let p = Period::financial_quarter(2017, q).unwrap();
        let n: f64 = r["Number of Offences"].trim().parse().unwrap();
        let force = r["Force Name"].clone();
        *groups
            .entry((force.clone(), r["Offence Group"].clone(), p))
            .or_default() += n;
        *subgroups
            .entry((
                force.clone(),
                r["Offence Group"].clone(),
                r["Offence Subgroup"].clone(),
                p,
            ))
            .or_default() += n;
        *all.entry((force, p)).or_default() += n;
    }
    let level_of = |force: &str| match force {
        "Action Fraud" | "CIFAS" | "UK Finance" | "Financial Fraud Action UK" => AreaLevel::Other,
        _ => AreaLevel::Force,
    };
    let area_of = |force: &str| match force {
        "London, City of" => "City of London (force)".to_string(),
        f if level_of(f) == AreaLevel::Force => force_named(f),
        f => f.to_string(),
    };
    for ((force, group, p), n) in &groups {
        let got = counts(&data, group, None, &area_of(force), level_of(force));
        assert_eq!(got.get(p), Some(n), "{force} {group} {p:?}");
    }
    for ((force, group, subgroup, p), n) in &subgroups {
        let got = counts(
            &data,
            group,
            Some(subgroup),
            &area_of(force),
            level_of(force),
        );
        assert_eq!(got.get(p), Some(n), "{force} {group} {subgroup} {p:?}");
    }
    for ((force, p), n) in &all {
        let got = counts(
            &data,
            "All recorded offences (Home Office)",
            None,
            &area_of(force),
            level_of(force),
        );
        assert_eq!(got.get(p), Some(n), "{force} {p:?}");
    }
    // Kent's violence against the person in the first quarter, as published.
    let kent = counts(
        &data,
        "Violence against the person",
        None,
        "Kent (force)",
        AreaLevel::Force,
    );
    assert!(kent[&Period::financial_quarter(2017, 1).unwrap()] > 10_000.0);
    let notes = data.tables[0].notes.join(" ");
    assert!(
        notes.contains("Action Fraud, CIFAS, Financial Fraud Action UK, UK Finance"),
        "{notes}"
    );
}

/// LSOA (2021) code → ward (2024) name, straight from the ONS CSV.
fn ons_lsoa_wards() -> BTreeMap<String, String> {
    rows_of(&std::fs::read(geo("lookups/lookup_lsoa21_ward24_ltla24.csv")).unwrap())
        .into_iter()
        .map(|r| (r["lsoa21_code"].clone(), r["ward24_name"].clone()))
        .collect()
}

fn ward_table() -> csp_workbench::core::geography::wards::LsoaWards {
    let path = format!(
        "{}/public/{}",
        env!("CARGO_MANIFEST_DIR"),
        csp_workbench::core::geography::wards::WARD_ASSET_PATH
    );
    csp_workbench::core::geography::wards::LsoaWards::parse(&std::fs::read_to_string(path).unwrap())
        .unwrap()
}

/// Street records of `district` (of `types`, in `months`) tallied from the raw
/// rows by the ward the ONS lookup fits their LSOA to ("" = ward not known).
fn raw_ward_tally(
    files: &[(String, Vec<u8>)],
    district: &str,
    wanted: &dyn Fn(&str) -> bool,
    months: &[Period],
) -> BTreeMap<String, u64> {
    type Lookups = (BTreeMap<String, String>, BTreeMap<String, String>);
    static LOOKUPS: std::sync::OnceLock<Lookups> = std::sync::OnceLock::new();
    let (lsoa_district, lsoa_ward) = LOOKUPS.get_or_init(|| {
        let mut lsoa_district = ons_lsoa_districts();
        // 2021 LSOAs the best-fit lookup lacks take the ward lookup's district.
        for r in rows_of(&std::fs::read(geo("lookups/lookup_lsoa21_ward24_ltla24.csv")).unwrap()) {
            lsoa_district
                .entry(r["lsoa21_code"].clone())
                .or_insert_with(|| r["ltla24_name"].clone());
        }
        (lsoa_district, ons_lsoa_wards())
    });
    let mut tally = BTreeMap::new();
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with("-street.csv")) {
        let _ = path;
        for r in rows_of(bytes) {
            let code = &r["LSOA code"];
            // An unknown code is placed by its name's district ("Shepway" was
            // Folkestone and Hythe's name before 2018).
            let placed = match lsoa_district.get(code) {
                Some(d) => Some(d.as_str()),
                None if r["LSOA name"].starts_with("Shepway ") => Some("Folkestone and Hythe"),
                None => None,
            };
            if placed != Some(district)
                || !wanted(&r["Crime type"])
                || !months.contains(&month(&r["Month"]))
            {
                continue;
            }
            let ward = lsoa_ward.get(code).cloned().unwrap_or_default();
            *tally.entry(ward).or_default() += 1;
        }
    }
    tally
}

/// What `ward_counts` gives, in the raw tally's terms.
fn ward_tally_of(counts: &csp_workbench::core::dataset::WardCounts) -> BTreeMap<String, u64> {
    let mut tally: BTreeMap<String, u64> = counts
        .wards
        .iter()
        .filter(|w| w.count > 0)
        .map(|w| (w.name.clone(), w.count))
        .collect();
    let unknown: u64 = counts.ward_not_known.iter().map(|l| l.count).sum();
    if unknown > 0 {
        tally.insert(String::new(), unknown);
    }
    tally
}

#[test]
fn the_city_of_london_by_ward_equals_a_tally_of_the_raw_rows() {
    use csp_workbench::core::dataset::{ward_counts, ALL_CRIME, ANTI_SOCIAL_BEHAVIOUR};
    let Some(_) = common::shared_data("geo") else {
        return;
    };
    let files = city_of_london_files();
    let data = import_folder(&geo("policeuk")).unwrap_or_else(|e| panic!("{e}"));
    let wards = ward_table();
    let all_months: Vec<Period> = (0..24)
        .map(|i| Period::month(2019 + i / 12, (i % 12 + 1) as u8))
        .collect();
    let two_years = Period::from_months(all_months[0].first_month_index(), 24).unwrap();
    let counts = ward_counts(
        &data.lsoa_tallies,
        &wards,
        "City of London",
        ALL_CRIME,
        two_years,
    )
    .expect("City of London's records");
    let raw = raw_ward_tally(
        &files,
        "City of London",
        &|t| t != ANTI_SOCIAL_BEHAVIOUR,
        &all_months,
    );
    assert_eq!(ward_tally_of(&counts), raw);
    assert_eq!(counts.total(), raw.values().sum::<u64>());
    // The five wards ONS fits the City's six LSOAs to, each with its LSOAs.
    let names: Vec<&str> = counts.wards.iter().map(|w| w.name.as_str()).collect();
    assert_eq!(names.len(), 5, "{names:?}");
    assert_eq!(names[0], "Walbrook", "E01032739 (001F) is the busiest LSOA");
    let walbrook = &counts.wards[0];
    assert_eq!(walbrook.code, "E05009312");
    assert_eq!(
        walbrook
            .lsoas
            .iter()
            .map(|l| l.code.as_str())
            .collect::<Vec<_>>(),
        ["E01032739"]
    );
    assert_eq!(walbrook.by_month.iter().sum::<u64>(), walbrook.count);
    assert!(counts.method().contains("best-fit"));
    for w in &counts.wards {
        println!(
            "City of London 2019–2020, all crime excl. ASB: {} ({}) {}",
            w.name, w.code, w.count
        );
    }

    // Burglary in 2020 alone.
    let months_2020: Vec<Period> = all_months[12..].to_vec();
    let burglary = ward_counts(
        &data.lsoa_tallies,
        &wards,
        "E09000001",
        "Burglary",
        Period::calendar_year(2020),
    )
    .unwrap();
    assert_eq!(
        ward_tally_of(&burglary),
        raw_ward_tally(&files, "City of London", &|t| t == "Burglary", &months_2020)
    );
}

#[test]
fn a_download_of_several_districts_by_ward_equals_a_tally_of_the_raw_rows() {
    use csp_workbench::core::dataset::{ward_counts, ALL_CRIME, ANTI_SOCIAL_BEHAVIOUR};
    let Some(_) = common::shared_data("geo") else {
        return;
    };
    let download = generated();
    let data = import_file("download.zip", &zip_of(&download.files)).unwrap();
    let wards = ward_table();
    let months = [Period::month(2021, 11), Period::month(2021, 12)];
    let both = Period::from_months(months[0].first_month_index(), 2).unwrap();
    let mut districts_checked = 0;
    let mut unknown_seen = false;
    for district in [
        "Tunbridge Wells",
        "Dartford",
        "Folkestone and Hythe",
        "Ashford",
        "Chelmsford",
        "Colchester",
    ] {
        for (measure, wanted) in [
            (
                ALL_CRIME,
                &(|t: &str| t != ANTI_SOCIAL_BEHAVIOUR) as &dyn Fn(&str) -> bool,
            ),
            (ANTI_SOCIAL_BEHAVIOUR, &|t: &str| t == ANTI_SOCIAL_BEHAVIOUR),
            ("Burglary", &|t: &str| t == "Burglary"),
        ] {
            let counts = ward_counts(&data.lsoa_tallies, &wards, district, measure, both)
                .unwrap_or_else(|| panic!("{district}'s records"));
            let raw = raw_ward_tally(&download.files, district, wanted, &months);
            assert_eq!(ward_tally_of(&counts), raw, "{district}, {measure}");
            unknown_seen |= raw.contains_key("");
        }
        districts_checked += 1;
    }
    assert_eq!(districts_checked, 6);
    assert!(
        unknown_seen,
        "some records are in LSOAs the ward lookup lacks (2011-only codes)"
    );
}

/// `cspw assess` on the real download (a folder), the area by code, by the
/// council's name and the force by its own name.
#[test]
fn cspw_assesses_the_city_of_london_download_by_district_and_force() {
    let Some(_) = common::shared_data("geo") else {
        return;
    };
    let folder = geo("policeuk");
    for (asked, named) in [
        ("E09000001", "City of London"),
        ("City of London Corporation", "City of London"),
        ("City of London Police", "City of London (force)"),
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_cspw"))
            .args(["assess", folder.to_str().unwrap(), "--area", asked])
            .output()
            .expect("cspw runs");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{asked}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            text.starts_with(&format!("Strategic assessment: {named}")),
            "{asked}: {}",
            &text[..text.len().min(300)]
        );
    }
}

/// What placing searches costs a year of a large force: 1,000,000 street rows
/// (60,000 map points of 12 districts) and 50,000 searches in 12 months,
/// imported with and without the searches. A measurement, not a check
/// (`cargo test --release --test policeuk -- --ignored placing_cost --nocapture`).
#[test]
#[ignore]
fn placing_cost_for_a_year_of_a_large_force() {
    let Some(_) = common::shared_data("geo") else {
        return;
    };
    let lsoa = ons_lsoa_districts();
    let kent = common::KENT_DISTRICTS;
    let codes: Vec<&String> = lsoa
        .iter()
        .filter(|(c, d)| c.starts_with("E01") && kent.contains(&d.as_str()))
        .map(|(c, _)| c)
        .collect();
    let mut seed = 1u64;
    let mut next = move || {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (seed >> 33) as usize
    };
    let point = |p: usize| (format!("{:.6}", 0.5 + p as f64 * 1e-5), "51.200000");
    let mut street_files = Vec::new();
    let mut search_files = Vec::new();
    for m in 1..=12 {
        let month = format!("2023-{m:02}");
        let mut street = format!("{STREET_HEADER}\r\n");
        for _ in 0..1_000_000 / 12 {
            // Each point one LSOA's (60,000 points over the force's LSOAs).
            let p = next() % 60_000;
            let code = codes[p % codes.len()];
            let (lon, lat) = point(p);
            street.push_str(&format!(
                ",{month},Kent Police,Kent Police,{lon},{lat},On or near High Street,{code},X 001A,Burglary,,\r\n"
            ));
        }
        street_files.push((
            format!("{month}/{month}-kent-street.csv"),
            street.into_bytes(),
        ));
        let mut searches = format!("{SEARCH_HEADER}\r\n");
        for _ in 0..50_000 / 12 {
            let (lon, lat) = point(next() % 70_000);
            searches.push_str(&format!(
                "Person search,{month}-05T10:00:00+00:00,,,{lat},{lon},Male,18-24,,White,Misuse of Drugs Act 1971 (section 23),Controlled drugs,Arrest,False,False\r\n"
            ));
        }
        search_files.push((
            format!("{month}/{month}-kent-stop-and-search.csv"),
            searches.into_bytes(),
        ));
    }
    let streets_only = zip_of(&street_files);
    let searches_only = zip_of(&search_files);
    let mut all = street_files.clone();
    all.extend(search_files);
    let both = zip_of(&all);
    let time = |name: &str, zip: &[u8]| {
        let mut best = f64::MAX;
        for _ in 0..3 {
            let started = std::time::Instant::now();
            let data = import_file(name, zip).unwrap();
            best = best.min(started.elapsed().as_secs_f64());
            drop(data);
        }
        best
    };
    let street_time = time("streets.zip", &streets_only);
    let both_time = time("both.zip", &both);
    let search_time = time("searches.zip", &searches_only);
    let data = import_file("both.zip", &both).unwrap();
    let placed: f64 = data
        .observations
        .iter()
        .filter(|o| {
            o.measure == SEARCHES_PLACED
                && o.area_level == AreaLevel::District
                && o.category.is_none()
        })
        .map(|o| o.value.number().unwrap_or(0.0))
        .sum();
    eprintln!(
        "a year of street files alone: {street_time:.3} s; the searches alone (not placed): {search_time:.3} s; both, the searches placed by map point: {both_time:.3} s ({placed} placed)"
    );
}
