//! STATS19 road casualties by district: the casualty file joined to its
//! collision file by accident index, for old years (numeric district codes
//! read through DfT's code list, dates as DD/MM/YYYY) and new (ONS codes),
//! as published. The files are generated here, with DfT's published column
//! names, from a seeded generator; every count is checked against a tally the
//! test makes from the generated rows, with the district each code names
//! stated by hand (DfT's code list: 1 Westminster, 2 Camden, 539 Shepway —
//! Folkestone and Hythe since 2018; 590 Caradon, abolished in 2009, names no
//! district of England and Wales today).

use csp_workbench::core::areas::AreaLevel;
use csp_workbench::core::dataset::{Dataset, Value};
use csp_workbench::core::ingest::stats19::DISTRICT_NOT_KNOWN;
use csp_workbench::core::ingest::{import_file, policeuk};
use csp_workbench::core::period::Period;
use std::collections::BTreeMap;
use std::io::Write;

const OLD_COLLISIONS: &str = "Accident_Index,Location_Easting_OSGR,Location_Northing_OSGR,Longitude,Latitude,Police_Force,Accident_Severity,Number_of_Vehicles,Number_of_Casualties,Date,Day_of_Week,Time,Local_Authority_(District),Local_Authority_(Highway),1st_Road_Class,1st_Road_Number,Road_Type,Speed_limit,Junction_Detail,Junction_Control,2nd_Road_Class,2nd_Road_Number,Pedestrian_Crossing-Human_Control,Pedestrian_Crossing-Physical_Facilities,Light_Conditions,Weather_Conditions,Road_Surface_Conditions,Special_Conditions_at_Site,Carriageway_Hazards,Urban_or_Rural_Area,Did_Police_Officer_Attend_Scene_of_Accident,LSOA_of_Accident_Location";
const OLD_CASUALTIES: &str = "Accident_Index,Vehicle_Reference,Casualty_Reference,Casualty_Class,Sex_of_Casualty,Age_of_Casualty,Age_Band_of_Casualty,Casualty_Severity,Pedestrian_Location,Pedestrian_Movement,Car_Passenger,Bus_or_Coach_Passenger,Pedestrian_Road_Maintenance_Worker,Casualty_Type,Casualty_Home_Area_Type,Casualty_IMD_Decile";
const NEW_COLLISIONS: &str = "accident_index,accident_year,accident_reference,location_easting_osgr,location_northing_osgr,longitude,latitude,police_force,accident_severity,number_of_vehicles,number_of_casualties,date,day_of_week,time,local_authority_district,local_authority_ons_district,local_authority_highway,first_road_class,first_road_number,road_type,speed_limit,junction_detail,junction_control,second_road_class,second_road_number,pedestrian_crossing_human_control,pedestrian_crossing_physical_facilities,light_conditions,weather_conditions,road_surface_conditions,special_conditions_at_site,carriageway_hazards,urban_or_rural_area,did_police_officer_attend_scene_of_accident,trunk_road_flag,lsoa_of_accident_location";
const NEW_CASUALTIES: &str = "accident_index,accident_year,accident_reference,vehicle_reference,casualty_reference,casualty_class,sex_of_casualty,age_of_casualty,age_band_of_casualty,casualty_severity,pedestrian_location,pedestrian_movement,car_passenger,bus_or_coach_passenger,pedestrian_road_maintenance_worker,casualty_type,casualty_home_area_type,casualty_imd_decile,lsoa_of_casualty";

/// A small seeded generator (xorshift), so the files are the same every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// DfT's age band of an age in years (1 = 0–5 … 11 = over 75).
fn band(age: i64) -> i64 {
    match age {
        a if a < 0 => -1,
        0..=5 => 1,
        6..=10 => 2,
        11..=15 => 3,
        16..=20 => 4,
        21..=25 => 5,
        26..=35 => 6,
        36..=45 => 7,
        46..=55 => 8,
        56..=65 => 9,
        66..=75 => 10,
        _ => 11,
    }
}

/// The truth: casualties by (measure, area, period).
type Tally = BTreeMap<(String, String, Period), f64>;

fn count(tally: &mut Tally, area: &str, period: Period, severity: u64, age: i64) {
    let mut measures = vec!["Road casualties"];
    let ksi = severity < 3;
    measures.push(
        [
            "Fatal casualties",
            "Serious casualties",
            "Slight casualties",
        ][severity as usize - 1],
    );
    if ksi {
        measures.push("KSI casualties");
    }
    if (0..=15).contains(&age) {
        measures.push("Child casualties");
        measures.push(if ksi {
            "Child KSI casualties"
        } else {
            "Child slight casualties"
        });
    }
    if age >= 70 {
        measures.push("Older casualties (70 and over)");
        if ksi {
            measures.push("Older KSI casualties (70 and over)");
        }
    }
    for m in measures {
        *tally
            .entry((m.to_string(), area.to_string(), period))
            .or_default() += 1.0;
    }
}

struct Generated {
    collisions: String,
    casualties: String,
    truth: Tally,
    unmatched: usize,
    casualty_rows: usize,
}

/// An old year (2014): numeric district codes, DD/MM/YYYY dates.
fn old_year(seed: u64) -> Generated {
    // (DfT code, the district it names, stated by hand).
    let districts: [(&str, &str); 6] = [
        ("1", "Westminster"),
        ("2", "Camden"),
        ("539", "Folkestone and Hythe"),
        ("590", DISTRICT_NOT_KNOWN),
        ("9999", DISTRICT_NOT_KNOWN),
        ("", DISTRICT_NOT_KNOWN),
    ];
    let mut rng = Rng(seed);
    let mut collisions = format!("{OLD_COLLISIONS}\r\n");
    let mut casualties = format!("{OLD_CASUALTIES}\r\n");
    let mut truth = Tally::new();
    let (mut unmatched, mut casualty_rows) = (0, 0);
    for n in 0..600u64 {
        let index = format!("201401{:02}{:05}", rng.below(90), n);
        let (code, area) = districts[(rng.below(100) as usize * districts.len()) / 100];
        let (day, month) = (1 + rng.below(28), 1 + rng.below(12));
        let period = Period::month(2014, month as u8);
        let dropped = n % 50 == 7; // a collision missing from the collision file
        if !dropped {
            collisions.push_str(&format!(
                "{index},530000,180000,-0.12,51.5,1,{},1,2,{day:02}/{month:02}/2014,3,08:15,{code},E09000033,3,4,6,30,0,-1,-1,0,0,0,1,1,1,0,0,1,1,E01004736\r\n",
                1 + rng.below(3)
            ));
        }
        for c in 0..1 + rng.below(3) {
            let severity = 1 + rng.below(3).min(rng.below(3)) + u64::from(rng.below(4) == 0);
            let severity = severity.min(3);
            let age = rng.below(95) as i64 - i64::from(rng.below(20) == 0) * 200;
            let age = if age < 0 { -1 } else { age };
            casualties.push_str(&format!(
                "{index},1,{c},3,1,{age},{},{severity},0,0,0,0,0,9,1,5\r\n",
                band(age)
            ));
            casualty_rows += 1;
            if dropped {
                unmatched += 1;
            } else {
                count(&mut truth, area, period, severity, age);
            }
        }
    }
    Generated {
        collisions,
        casualties,
        truth,
        unmatched,
        casualty_rows,
    }
}

/// A new year (2023): ONS district codes (with the numeric code beside them,
/// blank ONS codes falling back to it), `accident_year`, dates as DD/MM/YYYY.
fn new_year(seed: u64) -> Generated {
    // (numeric, ONS, the district stated by hand).
    let districts: [(&str, &str, &str); 5] = [
        ("1", "E09000033", "Westminster"),
        ("-1", "E07000116", "Tunbridge Wells"),
        ("2", "", "Camden"),
        ("-1", "S12000033", DISTRICT_NOT_KNOWN),
        ("-1", "E06000063", "Cumberland"),
    ];
    let mut rng = Rng(seed);
    let mut collisions = format!("{NEW_COLLISIONS}\n");
    let mut casualties = format!("{NEW_CASUALTIES}\n");
    let mut truth = Tally::new();
    let mut casualty_rows = 0;
    for n in 0..500u64 {
        let index = format!("2023{:02}{:07}", 1 + rng.below(60), n);
        let (numeric, ons, area) = districts[rng.below(districts.len() as u64) as usize];
        let (day, month) = (1 + rng.below(28), 1 + rng.below(12));
        let period = Period::month(2023, month as u8);
        collisions.push_str(&format!(
            "{index},2023,{n},530000,180000,-0.12,51.5,1,3,1,1,{day:02}/{month:02}/2023,2,17:40,{numeric},{ons},E09000033,3,4,6,30,0,-1,-1,0,0,0,1,1,1,0,0,1,1,2,E01004736\n"
        ));
        for c in 0..1 + rng.below(2) {
            let severity = 1 + rng.below(3);
            let age = rng.below(100) as i64;
            casualties.push_str(&format!(
                "{index},2023,{n},1,{c},1,2,{age},{},{severity},0,0,0,0,0,9,1,4,E01004736\n",
                band(age)
            ));
            casualty_rows += 1;
            count(&mut truth, area, period, severity, age);
        }
    }
    Generated {
        collisions,
        casualties,
        truth,
        unmatched: 0,
        casualty_rows,
    }
}

fn zip_of(files: &[(&str, &str)]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (path, text) in files {
        zip.start_file(*path, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

/// Every whole count of the data, by (measure, area, period), at the level each area should have.
fn counted(data: &Dataset) -> Tally {
    let mut out = Tally::new();
    for o in &data.observations {
        let level = if o.area == DISTRICT_NOT_KNOWN {
            AreaLevel::Other
        } else {
            AreaLevel::District
        };
        assert_eq!(o.area_level, level, "{} is a district", o.area);
        let Value::Number(n) = o.value else {
            panic!("a count is missing")
        };
        assert!(o.source.cell.contains("counted for"), "{}", o.source.cell);
        assert!(out
            .insert((o.measure.clone(), o.area.clone(), o.period), n)
            .is_none());
    }
    out
}

#[test]
fn an_old_year_in_one_zip_counts_casualties_by_district_through_dft_codes() {
    let year = old_year(0x5EED_2014);
    // The casualty file first in the zip: collisions are read first whatever the order.
    let zip = zip_of(&[
        ("Casualties2014.csv", &year.casualties),
        ("Accidents2014.csv", &year.collisions),
    ]);
    let data = import_file("stats19-2014.zip", &zip).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(counted(&data), year.truth);
    let table = &data.tables[0];
    assert_eq!(table.body_rows, year.casualty_rows);
    let notes = table.notes.join(" ");
    assert!(notes.contains("joined to the collision file"), "{notes}");
    assert!(notes.contains("DfT code 590, Caradon"), "{notes}");
    assert!(
        notes.contains("DfT code 9999, not in DfT's code list"),
        "{notes}"
    );
    assert!(
        notes.contains(&format!(
            "{} casualties had an accident index",
            year.unmatched
        )),
        "{notes}"
    );
    let fatal: f64 = year
        .truth
        .iter()
        .filter(|((m, _, _), _)| m == "Fatal casualties")
        .map(|(_, n)| n)
        .sum();
    let ksi: f64 = year
        .truth
        .iter()
        .filter(|((m, _, _), _)| m == "KSI casualties")
        .map(|(_, n)| n)
        .sum();
    println!(
        "2014 fixture: {} casualty rows, {} unmatched, {fatal} fatal, {ksi} KSI, {} figures",
        year.casualty_rows,
        year.unmatched,
        data.observations.len()
    );
}

#[test]
fn a_new_year_dropped_as_two_files_counts_casualties_by_ons_district() {
    let year = new_year(0x5EED_2023);
    let dir = std::env::temp_dir().join(format!("cspw-stats19-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let casualties = "dft-road-casualty-statistics-casualty-2023.csv";
    let collisions = "dft-road-casualty-statistics-collision-2023.csv";
    std::fs::write(dir.join(casualties), &year.casualties).unwrap();
    std::fs::write(dir.join(collisions), &year.collisions).unwrap();
    assert!(csp_workbench::core::ingest::stats19::looks_like_a_pair(&[
        casualties, collisions
    ]));
    let mut folder = policeuk::Folder::open(&dir).unwrap();
    let data = policeuk::import_archive("2 files", &mut folder, None, &mut |_| {})
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(counted(&data), year.truth);
    let notes = data.tables[0].notes.join(" ");
    assert!(notes.contains("S12000033"), "{notes}");
    let per = |m: &str| -> f64 {
        year.truth
            .iter()
            .filter(|((measure, _, _), _)| measure == m)
            .map(|(_, n)| n)
            .sum()
    };
    println!(
        "2023 fixture: {} casualty rows, {} fatal, {} serious, {} slight, {} KSI, {} children, {} aged 70 and over",
        year.casualty_rows,
        per("Fatal casualties"),
        per("Serious casualties"),
        per("Slight casualties"),
        per("KSI casualties"),
        per("Child casualties"),
        per("Older casualties (70 and over)")
    );

    // The 2024 spelling: collision_index, collision_year.
    let renamed = |t: &str| {
        t.replace("accident_index", "collision_index")
            .replace("accident_year", "collision_year")
    };
    let zip = zip_of(&[
        ("collisions.csv", &renamed(&year.collisions)),
        ("casualties.csv", &renamed(&year.casualties)),
    ]);
    let again = import_file("stats19-2023.zip", &zip).unwrap();
    assert_eq!(counted(&again), year.truth);
}

#[test]
fn a_casualty_file_alone_counts_by_year_and_says_the_district_needs_the_collision_file() {
    let year = new_year(0x5EED_2023);
    let data = import_file(
        "dft-road-casualty-statistics-casualty-2023.csv",
        year.casualties.as_bytes(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let all: f64 = data
        .observations
        .iter()
        .filter(|o| o.measure == "Road casualties")
        .map(|o| match o.value {
            Value::Number(n) => n,
            _ => 0.0,
        })
        .sum();
    assert_eq!(all as usize, year.casualty_rows);
    assert!(data
        .observations
        .iter()
        .all(|o| o.period == Period::calendar_year(2023) && o.area_level == AreaLevel::Other));
    let notes = data.tables[0].notes.join(" ");
    assert!(notes.contains("Drop both files together"), "{notes}");

    // An older casualty file (no year) alone is refused with a sentence, not misread.
    let old = old_year(1);
    let err = import_file("Casualties2014.csv", old.casualties.as_bytes())
        .unwrap_err()
        .to_string();
    assert!(err.contains("drop both files together"), "{err}");
    let zip = zip_of(&[("Casualties2014.csv", &old.casualties)]);
    let err = import_file("casualties.zip", &zip).unwrap_err().to_string();
    assert!(
        err.contains("collision (accident) file, which is not with it"),
        "{err}"
    );

    // A collision file alone gives nothing, and says why.
    let zip = zip_of(&[("collisions.csv", &year.collisions)]);
    let err = import_file("collisions.zip", &zip).unwrap_err().to_string();
    assert!(err.contains("STATS19"), "{err}");
}

/// `cspw assess` with the two files of a year: joined, and any of their
/// districts assessed by name or code.
#[test]
fn cspw_joins_the_two_files_and_assesses_a_district_by_name_or_code() {
    let year = new_year(0x5EED_2023);
    let dir = std::env::temp_dir().join(format!("cspw-stats19-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let casualties = dir.join("dft-road-casualty-statistics-casualty-2023.csv");
    let collisions = dir.join("dft-road-casualty-statistics-collision-2023.csv");
    std::fs::write(&casualties, &year.casualties).unwrap();
    std::fs::write(&collisions, &year.collisions).unwrap();
    for area in ["E09000033", "Westminster City Council", "Tunbridge Wells"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_cspw"))
            .args([
                "assess",
                casualties.to_str().unwrap(),
                collisions.to_str().unwrap(),
                "--area",
                area,
            ])
            .output()
            .expect("cspw runs");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let name = if area == "Tunbridge Wells" {
            "Tunbridge Wells"
        } else {
            "Westminster"
        };
        assert!(
            text.starts_with(&format!("Strategic assessment: {name}")),
            "{text}"
        );
        assert!(text.contains("KSI casualties"), "{text}");
    }
    std::fs::remove_dir_all(&dir).ok();
}
