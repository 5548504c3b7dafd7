//! Force-level data read as an analyst expects: a table of police force areas
//! gives each region and England and Wales as the sum of their forces
//! (labelled derived; a row in the file wins and is never doubled; British
//! Transport Police and the fraud bodies in no total), a force compared with
//! its region and ranked among its region's forces by rate per 1,000 from the
//! built-in populations; a name with several candidates means the one the data
//! hold, and is asked about only when the data hold more than one; and a count
//! column's header ("Number of offences") gives the count noun. On generated
//! tables, and on the real Home Office tables in `../shared/data/`.

use csp_workbench::core::areas::{area_in_data, areas_meant, normalise, AreaLevel};
use csp_workbench::core::assessment::choices::AreaSearch;
use csp_workbench::core::assessment::derived::{is_derived, summed_from};
use csp_workbench::core::assessment::findings::Topic;
use csp_workbench::core::assessment::reference::with_reference;
use csp_workbench::core::assessment::{
    comparison_choices, peer_choices, proposed_area, report, Index, Options, PeerGroup,
};
use csp_workbench::core::dataset::{Dataset, Observation};
use csp_workbench::core::geography::{self, Population};
use csp_workbench::core::ingest::import_file;
use csp_workbench::core::period::Period;
use std::collections::{BTreeMap, HashMap};

mod common;
use common::{assess_over_population, FORCES};

const YEARS: [&str; 2] = ["2016/17", "2017/18"];
const OFFENCES: [&str; 2] = ["Robbery", "Criminal damage and arson"];

fn built_in_population() -> Population {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/public/geography/population.tsv"
    );
    Population::parse(&std::fs::read_to_string(path).expect("make geography writes it"))
        .expect("the built-in populations parse")
}

/// A count for a force, offence and year, varied but reproducible.
fn count(force: &str, offence: &str, year: usize) -> u64 {
    let seed = force
        .bytes()
        .chain(offence.bytes())
        .fold(year as u64 * 7919 + 17, |h, b| {
            h.wrapping_mul(31).wrapping_add(u64::from(b))
        });
    500 + seed % 20_000
}

/// A long table of every territorial force, British Transport Police and
/// Action Fraud (fraud only, as the Home Office publishes it), with extra rows.
fn forces_csv(extra: &[&str]) -> String {
    let mut csv = String::from("Financial year,PFA,Offence,Number of offences\n");
    for (y, year) in YEARS.iter().enumerate() {
        let territorial = FORCES.iter().flat_map(|(_, forces)| forces.iter());
        for force in territorial.chain(&["British Transport Police"]) {
            for offence in OFFENCES {
                csv.push_str(&format!(
                    "{year},{force},{offence},{}\n",
                    count(force, offence, y)
                ));
            }
        }
        csv.push_str(&format!("{year},Action Fraud,Robbery,{}\n", 90_000 + y));
    }
    for line in extra {
        csv.push_str(line);
        csv.push('\n');
    }
    csv
}

/// The geography's name for a region (West Midlands the region, not the force).
fn the_region(name: &str) -> String {
    let geo = geography::national();
    geo.candidates(name)
        .into_iter()
        .find(|c| csp_workbench::core::areas::level_of(geo.area(*c)) == AreaLevel::Region)
        .map(|c| geo.area(c).name.clone())
        .unwrap_or_else(|| panic!("{name} is a region"))
}

fn figures<'a>(data: &'a Dataset, measure: &str, area: &str, year: &str) -> Vec<&'a Observation> {
    let period = Period::parse(year).unwrap();
    data.observations
        .iter()
        .filter(|o| {
            o.measure == measure && o.area == area && o.period == period && o.category.is_none()
        })
        .collect()
}

#[test]
fn regions_and_england_and_wales_are_the_sums_of_their_forces_and_a_row_in_the_file_wins() {
    let data = import_file("forces.csv", forces_csv(&[]).as_bytes()).unwrap();
    let with = with_reference(&data, geography::national(), None);
    for (y, year) in YEARS.iter().enumerate() {
        for offence in OFFENCES {
            let sum = |forces: &[&str]| -> f64 {
                forces.iter().map(|f| count(f, offence, y) as f64).sum()
            };
            for (region, forces) in FORCES {
                let name = the_region(region);
                let found = figures(&with, offence, &name, year);
                assert_eq!(found.len(), 1, "{name} {offence} {year}");
                assert_eq!(found[0].value.number(), Some(sum(forces)), "{name}");
                assert!(is_derived(&found[0].source));
                assert_eq!(summed_from(&found[0].source), Some("police force areas"));
                assert!(
                    found[0].source.cell.contains(&format!(
                        "the sum of {} police force areas' figures (no {name} row in the file)",
                        forces.len()
                    )),
                    "{}",
                    found[0].source.cell
                );
            }
            // England and Wales: every territorial force, never British
            // Transport Police nor Action Fraud; England and Wales apart.
            let all: Vec<&str> = FORCES.iter().flat_map(|(_, f)| f.iter().copied()).collect();
            let welsh = FORCES.iter().find(|(r, _)| *r == "Wales").unwrap().1;
            let english: Vec<&str> = all.iter().copied().filter(|f| !welsh.contains(f)).collect();
            for (country, forces) in [("England and Wales", all.clone()), ("England", english)] {
                let found = figures(&with, offence, country, year);
                assert_eq!(found.len(), 1, "{country}");
                assert_eq!(found[0].value.number(), Some(sum(&forces)), "{country}");
                assert_eq!(found[0].area_level, AreaLevel::National);
            }
        }
    }
    // Nothing is summed into British Transport Police, Action Fraud or a force.
    let derived_areas: Vec<&str> = with
        .observations
        .iter()
        .filter(|o| is_derived(&o.source))
        .map(|o| o.area.as_str())
        .collect();
    assert!(derived_areas
        .iter()
        .all(|a| !a.contains("Transport") && !a.contains("Fraud") && !a.contains("(force)")));

    // The file's own South East row for 2017/18 wins; 2016/17 is still derived.
    let data = import_file(
        "forces.csv",
        forces_csv(&["2017/18,South East,Robbery,12345"]).as_bytes(),
    )
    .unwrap();
    let with = with_reference(&data, geography::national(), None);
    let own = figures(&with, "Robbery", &the_region("South East"), "2017/18");
    assert_eq!(own.len(), 1);
    assert_eq!(own[0].value.number(), Some(12_345.0));
    assert!(!is_derived(&own[0].source));
    assert!(is_derived(
        &figures(&with, "Robbery", &the_region("South East"), "2016/17")[0].source
    ));
    // One force short of a region: no region, and no England and Wales.
    let short: String = forces_csv(&[])
        .lines()
        .filter(|l| !l.contains(",Surrey,"))
        .map(|l| format!("{l}\n"))
        .collect();
    let data = import_file("short.csv", short.as_bytes()).unwrap();
    let with = with_reference(&data, geography::national(), None);
    assert!(figures(&with, "Robbery", &the_region("South East"), "2017/18").is_empty());
    assert!(figures(&with, "Robbery", "England and Wales", "2017/18").is_empty());
    assert_eq!(
        figures(&with, "Robbery", &the_region("South West"), "2017/18").len(),
        1
    );
}

#[test]
fn a_force_is_compared_with_its_region_and_ranked_among_its_forces_by_rate() {
    let Some(_) = common::shared_data("geo") else {
        return;
    };
    let data = import_file("forces.csv", forces_csv(&[]).as_bytes()).unwrap();
    let population = built_in_population();
    // The area as the data hold it: the force, though "Kent" is also a county.
    let a = assess_over_population(
        &data,
        &population,
        &Options {
            area: Some("Kent".into()),
            ..Options::default()
        },
    );
    assert_eq!(a.options.area, "Kent (force)");
    let south_east = the_region("South East");
    assert_eq!(a.options.county.as_deref(), Some(south_east.as_str()));
    let m = a.measure("Robbery").unwrap();
    let county = m.county.as_ref().unwrap();
    let region_count: f64 = FORCES[7]
        .1
        .iter()
        .map(|f| count(f, "Robbery", 1) as f64)
        .sum();
    assert_eq!(county.change.as_ref().unwrap().current.value, region_count);
    // Rates over the built-in estimates; the region's is its forces' sum.
    let with = with_reference(&data, geography::national(), Some(&population));
    let population_of = |area: &str| -> f64 {
        with.observations
            .iter()
            .filter(|o| {
                o.area == area && o.measure == "Population" && o.period.start().year == 2017
            })
            .map(|o| o.value.number().unwrap())
            .next()
            .unwrap_or_else(|| panic!("{area} has a mid-2017 estimate"))
    };
    let kent = count("Kent", "Robbery", 1) as f64;
    let rate = m.rate.as_ref().unwrap();
    assert_eq!(rate.denominator.value, population_of("Kent (force)"));
    assert_eq!(
        rate.denominator.source.file,
        "ONS mid-2017 estimate (built in)"
    );
    assert!((rate.per_thousand - kent / population_of("Kent (force)") * 1000.0).abs() < 1e-9);
    let forces_in_data: Vec<String> = FORCES[7]
        .1
        .iter()
        .map(|f| {
            let (name, _) = normalise(&format!("{f} Police"));
            name
        })
        .collect();
    let region_population: f64 = forces_in_data.iter().map(|f| population_of(f)).sum();
    assert!((population_of(&south_east) - region_population).abs() < 0.5);
    assert!((county.rate.unwrap() - region_count / region_population * 1000.0).abs() < 1e-9);
    // Ranked by rate among the region's five forces, by hand.
    let mut rates: Vec<(f64, &str)> = FORCES[7]
        .1
        .iter()
        .zip(&forces_in_data)
        .map(|(f, name)| (count(f, "Robbery", 1) as f64 / population_of(name), *f))
        .collect();
    rates.sort_by(|a, b| a.0.total_cmp(&b.0));
    let expected = 1 + rates.iter().position(|(_, f)| *f == "Kent").unwrap();
    let rank = m.rank.as_ref().unwrap();
    assert_eq!((rank.rank, rank.of, rank.by_rate), (expected, 5, true));
    assert_eq!(
        rank.among.as_deref(),
        Some(format!("police force areas in the {south_east}").as_str())
    );
    let rate_text = &a
        .findings_for("Robbery")
        .iter()
        .find(|f| f.topic == Topic::Rate)
        .unwrap()
        .text;
    assert!(
        rate_text.contains(&format!("{south_east} average")),
        "{rate_text}"
    );
    assert!(rate_text.contains("police force areas in"), "{rate_text}");
    // "Number of offences" names what is counted: criminal damage and arson in offences.
    let change = &a.findings_for("Criminal damage and arson")[0].text;
    let shown = format!(
        "to {} offences",
        csp_workbench::core::format::count(count("Kent", "Criminal damage and arson", 1) as f64)
    );
    assert!(change.contains(&shown), "{change}");
    let change = &a.findings_for("Robbery")[0].text;
    assert!(change.contains(" offences"), "{change}");
    assert!(
        change.contains(&format!(
            "{south_east} figure is derived: the sum of its police force areas"
        )),
        "{change}"
    );

    // Compared with: the region and the countries, from the existing choices.
    let levels = a.area_levels();
    let choices = comparison_choices(&levels, &a.options.area);
    for wider in [south_east.as_str(), "England", "England and Wales"] {
        let choice = choices
            .iter()
            .find(|c| c.area == wider)
            .unwrap_or_else(|| panic!("{wider}: {choices:?}"));
        assert!(choice.in_data, "{wider}");
    }
    // Surrey the county is the force's own ground, with no figures: not offered.
    let surrey = comparison_choices(&levels, "Surrey (force)");
    assert!(surrey.iter().all(|c| c.area != "Surrey"), "{surrey:?}");
    assert_eq!(surrey[0].area, south_east);
    // Ranked among: the region's forces and every force of England and Wales
    // (43, never British Transport Police).
    let peers = peer_choices(&levels, &a.options.area, None);
    let labels: Vec<&str> = peers.iter().map(|p| p.label.as_str()).collect();
    assert!(
        labels.contains(
            &format!("The 5 police force areas in the {south_east} in your files").as_str()
        ),
        "{labels:?}"
    );
    assert!(
        labels.contains(&"The 43 police force areas in England and Wales in your files"),
        "{labels:?}"
    );
    let national = assess_over_population(
        &data,
        &population,
        &Options {
            area: Some("Kent Police".into()),
            county: Some("England and Wales".into()),
            peers: Some(PeerGroup::Within("England and Wales".into())),
            ..Options::default()
        },
    );
    let rank = national.measure("Robbery").unwrap().rank.clone().unwrap();
    assert_eq!((rank.of, rank.by_rate), (43, true));
    let all: f64 = FORCES
        .iter()
        .flat_map(|(_, f)| f.iter())
        .map(|f| count(f, "Robbery", 1) as f64)
        .sum();
    let e_and_w = national
        .measure("Robbery")
        .unwrap()
        .county
        .as_ref()
        .unwrap();
    assert_eq!(e_and_w.change.as_ref().unwrap().current.value, all);

    // A Welsh force is compared with Wales, its own region.
    let gwent = assess_over_population(
        &data,
        &population,
        &Options {
            area: Some("Gwent".into()),
            ..Options::default()
        },
    );
    assert_eq!(gwent.options.county.as_deref(), Some("Wales"));
    assert_eq!(
        gwent.measure("Robbery").unwrap().rank.as_ref().unwrap().of,
        4
    );
    // The text report says the rate.
    let text = report::text(&a);
    assert!(
        text.contains(&format!("Compared with {south_east}.")),
        "{}",
        &text[..300]
    );
}

#[test]
fn a_name_means_the_area_the_data_hold_and_is_asked_about_only_when_they_hold_several() {
    let forces = import_file("forces.csv", forces_csv(&[]).as_bytes()).unwrap();
    let names = |data: &Dataset| -> Vec<String> {
        let with = with_reference(data, geography::national(), None);
        let mut names: Vec<String> = with.observations.iter().map(|o| o.area.clone()).collect();
        names.sort();
        names.dedup();
        names
    };
    let force_names = names(&forces);
    let held: Vec<&str> = force_names.iter().map(String::as_str).collect();
    // Kent the county, Kent the force: the data hold the force.
    assert_eq!(area_in_data(&held, "Kent"), Ok("Kent (force)".into()));
    assert_eq!(
        area_in_data(&held, "Kent Police"),
        Ok("Kent (force)".into())
    );
    assert_eq!(area_in_data(&held, "Durham"), Ok("Durham".into()));
    assert_eq!(
        area_in_data(&held, "West Midlands Police"),
        Ok("West Midlands (force)".into())
    );
    // West Midlands the region is not in a table of forces with no West Midlands
    // row, but is derived: both are held, so the bare name is asked about.
    let why = area_in_data(&held, "West Midlands").unwrap_err();
    assert!(
        why.contains("West Midlands, the region")
            && why.contains("West Midlands (force), the police force area"),
        "{why}"
    );

    // Kent's districts (the county derived from them) and a Kent Police row:
    // "Kent" could be either, so it is asked about; each by its own words.
    let mut csv = String::from("Area,Financial year,Measure,Value\n");
    for district in common::KENT_DISTRICTS {
        csv.push_str(&format!("{district},2017/18,Robbery,10\n"));
    }
    csv.push_str("Kent Police,2017/18,Robbery,200\n");
    let both = import_file("kent.csv", csv.as_bytes()).unwrap();
    let both_names = names(&both);
    let held: Vec<&str> = both_names.iter().map(String::as_str).collect();
    assert!(
        held.contains(&"Kent") && held.contains(&"Kent (force)"),
        "{held:?}"
    );
    let why = area_in_data(&held, "Kent").unwrap_err();
    assert!(
        why.starts_with("“Kent” names more than one area with figures"),
        "{why}"
    );
    assert!(
        why.contains("Kent, the county") && why.contains("Kent (force), the police force area"),
        "{why}"
    );
    assert_eq!(
        area_in_data(&held, "Kent County Council"),
        Ok("Kent".into())
    );
    assert_eq!(
        area_in_data(&held, "Kent Police"),
        Ok("Kent (force)".into())
    );
    assert_eq!(area_in_data(&held, "E10000016"), Ok("Kent".into()));
    assert_eq!(
        areas_meant(&held, "Maidstone"),
        vec!["Maidstone".to_string()]
    );
    // The app's search says the same, and names both.
    let search = AreaSearch::find("kent", &both_names);
    assert_eq!(
        search,
        AreaSearch::Several("kent".into(), vec!["Kent".into(), "Kent (force)".into()])
    );
    assert!(search.note().unwrap().contains("Choose one from the list"));
    assert_eq!(
        AreaSearch::find("Kent", &force_names),
        AreaSearch::Found("Kent (force)".into())
    );

    // The area proposed from a table of forces is a force, never a fraud body
    // of no territory that has a few figures.
    let with = with_reference(&forces, geography::national(), None);
    let index = Index::new(&with);
    let proposed = proposed_area(&index).unwrap();
    assert!(forces.tables[0].reading.doubts.is_empty());
    assert_eq!(index.level(&proposed), Some(AreaLevel::Force));
    assert_ne!(proposed, "British Transport Police");
    // Chosen by a name the data hold under another (the county's), the app's
    // options resolve it to the force, as `cspw --area` does.
    let resolved = Options {
        area: Some("Kent County".into()),
        ..Options::default()
    }
    .resolve(&index, "");
    assert_eq!(resolved.map(|r| r.area).as_deref(), Some("Kent (force)"));
}

/// The real Home Office table by force, rows as read by the test.
fn home_office_rows() -> Vec<HashMap<String, String>> {
    let path = common::geo("offences/prc-pfa-mar2013-onwards-tables201718.csv");
    let mut reader = csv::Reader::from_path(&path).unwrap();
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

#[test]
fn the_real_home_office_table_gives_the_region_and_england_and_wales_from_its_forces() {
    let Some(_) = common::shared_data("geo") else {
        return;
    };
    let path = common::geo("offences/prc-pfa-mar2013-onwards-tables201718.csv");
    let bytes = std::fs::read(&path).unwrap();
    let data = import_file("prc-pfa-mar2013-onwards-tables201718.csv", &bytes).unwrap();
    let with = with_reference(&data, geography::national(), None);
    // Tallies of the raw rows: Q4 2017/18, all offences and criminal damage.
    let rows = home_office_rows();
    let no_territory = [
        "Action Fraud",
        "CIFAS",
        "UK Finance",
        "Financial Fraud Action UK",
        "British Transport Police",
    ];
    let mut by_force: BTreeMap<(String, String), f64> = BTreeMap::new();
    for r in rows
        .iter()
        .filter(|r| r["Financial Year"] == "2017/18" && r["Financial Quarter"] == "4")
    {
        let n: f64 = r["Number of Offences"].trim().parse().unwrap();
        for measure in ["All", r["Offence Group"].as_str()] {
            *by_force
                .entry((r["Force Name"].clone(), measure.to_string()))
                .or_default() += n;
        }
    }
    let q4 = Period::financial_quarter(2017, 4).unwrap();
    let derived = |area: &str, measure: &str| -> f64 {
        let found: Vec<&Observation> = with
            .observations
            .iter()
            .filter(|o| {
                o.area == area && o.measure == measure && o.period == q4 && o.category.is_none()
            })
            .collect();
        assert_eq!(found.len(), 1, "{area} {measure}");
        assert!(is_derived(&found[0].source), "{area}");
        found[0].value.number().unwrap()
    };
    for (measure, raw) in [
        ("All recorded offences (Home Office)", "All"),
        ("Criminal damage and arson", "Criminal damage and arson"),
    ] {
        let south_east: f64 = FORCES[7]
            .1
            .iter()
            .map(|f| by_force[&(f.to_string(), raw.to_string())])
            .sum();
        assert_eq!(derived(&the_region("South East"), measure), south_east);
        let territorial: f64 = by_force
            .iter()
            .filter(|((force, m), _)| m == raw && !no_territory.contains(&force.as_str()))
            .map(|(_, n)| n)
            .sum();
        assert_eq!(
            derived("England and Wales", measure),
            territorial,
            "{measure}"
        );
        eprintln!("Q4 2017/18 {measure}: South East {south_east}, England and Wales {territorial}");
    }
    // Surrey: compared with the South East, its rate from the built-in
    // population, ranked among the region's forces by rate.
    let population = built_in_population();
    let a = assess_over_population(
        &data,
        &population,
        &Options {
            area: Some("Surrey".into()),
            ..Options::default()
        },
    );
    assert_eq!(a.options.area, "Surrey (force)");
    assert_eq!(
        a.options.county.as_deref(),
        Some(the_region("South East").as_str())
    );
    let m = a.measure("All recorded offences (Home Office)").unwrap();
    let rate = m.rate.as_ref().unwrap();
    let year: f64 = rows
        .iter()
        .filter(|r| r["Financial Year"] == "2017/18" && r["Force Name"] == "Surrey")
        .map(|r| r["Number of Offences"].trim().parse::<f64>().unwrap())
        .sum();
    assert!((rate.per_thousand - year / rate.denominator.value * 1000.0).abs() < 1e-9);
    let rank = m.rank.as_ref().unwrap();
    assert_eq!((rank.of, rank.by_rate), (5, true));
    eprintln!(
        "Surrey 2017/18: {year} offences, {:.1} per 1,000 ({}), rank {} of {}",
        rate.per_thousand, rate.denominator.source.file, rank.rank, rank.of
    );
    // Home Office counts in "offences", the noun its count column names.
    let damage = a.findings_for("Criminal damage and arson");
    let rolling = damage
        .iter()
        .find(|f| f.topic == Topic::RollingYear)
        .unwrap();
    assert!(
        rolling
            .text
            .contains(" offences of criminal damage and arson"),
        "{}",
        rolling.text
    );
    assert!(damage[0].text.contains(" offences"), "{}", damage[0].text);
    let text = report::text(&a);
    assert!(text.contains("per 1,000 population"));
}

#[test]
fn rec_crime_pfa_regions_agree_with_the_geography_and_its_regions_are_derived() {
    let Some(_) = common::shared_data("real") else {
        return;
    };
    let bytes = common::shared_file("real", "rec-crime-pfa.csv");
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let mut region_of: BTreeMap<String, String> = BTreeMap::new();
    let mut robbery_2018: BTreeMap<String, f64> = BTreeMap::new();
    for r in reader.records() {
        let r = r.unwrap();
        region_of.insert(r[1].to_string(), r[2].to_string());
        if &r[0] == "31-12-2018" && &r[3] == "Robbery" {
            robbery_2018.insert(r[1].to_string(), r[4].parse().unwrap());
        }
    }
    // The file's Region column is the Home Office's ("East" for the East of
    // England); it agrees with the list and with the geography's nesting of
    // each force in its region.
    let geo = geography::national();
    for (region, forces) in FORCES {
        for force in forces.iter() {
            let home_office = if region == "East of England" {
                "East"
            } else {
                region
            };
            assert_eq!(region_of[*force], home_office, "{force}");
            let (name, level) = normalise(&format!("{force} Police"));
            assert_eq!(level, AreaLevel::Force, "{force}");
            let id = geo
                .candidates(&name)
                .into_iter()
                .find(|c| geo.area(*c).name == name)
                .unwrap();
            let regions: Vec<String> = geo
                .containing(id)
                .into_iter()
                .filter(|c| AreaLevel::Region == csp_workbench::core::areas::level_of(geo.area(*c)))
                .map(|c| geo.area(c).name.clone())
                .collect();
            assert_eq!(regions, vec![the_region(region)], "{force}");
        }
    }
    // No region or England and Wales rows: only forces and four bodies.
    assert_eq!(region_of.len(), 43 + 4);
    let data = import_file("rec-crime-pfa.csv", &bytes).unwrap();
    assert!(data
        .observations
        .iter()
        .all(|o| o.area_level != AreaLevel::Region && o.area_level != AreaLevel::National));
    let with = with_reference(&data, geography::national(), None);
    let year = Period::parse("2018").unwrap();
    let derived = |area: &str| -> &Observation {
        with.observations
            .iter()
            .find(|o| {
                o.area == area && o.measure == "Robbery" && o.period == year && o.category.is_none()
            })
            .unwrap_or_else(|| panic!("{area}"))
    };
    let south_east: f64 = FORCES[7].1.iter().map(|f| robbery_2018[*f]).sum();
    assert_eq!(
        derived(&the_region("South East")).value.number(),
        Some(south_east)
    );
    let all: f64 = FORCES
        .iter()
        .flat_map(|(_, f)| f.iter())
        .map(|f| robbery_2018[*f])
        .sum();
    let e_and_w = derived("England and Wales");
    assert_eq!(e_and_w.value.number(), Some(all));
    assert!(is_derived(&e_and_w.source));
    eprintln!("Robbery, 12 months to Dec 2018: South East {south_east}, England and Wales {all}");
}

/// Every territorial force of the real Home Office table, assessed in turn,
/// reads as plain English: "an East Midlands-wide", never "a East…"; "has the
/// highest rate of the 5 police force areas", never "5th of 5, the highest
/// police force areas"; "the Cumbria police force area", never "the Cumbria
/// (force) police force area".
#[test]
fn every_forces_findings_read_as_english() {
    let Some(_) = common::shared_data("geo") else {
        return;
    };
    let path = common::geo("offences/prc-pfa-mar2013-onwards-tables201718.csv");
    let bytes = std::fs::read(&path).unwrap();
    let data = import_file("prc-pfa-mar2013-onwards-tables201718.csv", &bytes).unwrap();
    let population = built_in_population();
    let forces: Vec<&str> = FORCES.iter().flat_map(|(_, f)| f.iter().copied()).collect();
    let mut highest = 0;
    for force in forces {
        let a = assess_over_population(
            &data,
            &population,
            &Options {
                area: Some(format!("{force} Police")),
                ..Options::default()
            },
        );
        let text = report::text(&a);
        for slip in [
            " a A",
            " a E",
            " a I",
            " a O",
            " a U",
            "the highest police",
            "(force) police force area",
        ] {
            assert!(!text.contains(slip), "{force}: “{slip}” in\n{text}");
        }
        highest += text.matches("has the highest rate of the").count();
    }
    assert!(highest > 0, "some force has its region's highest rate");
}
