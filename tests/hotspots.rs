//! Where street crime happened: the per-LSOA tally the import keeps (for maps,
//! concentration and deprivation), checked against tallies this test makes
//! from the raw rows — a generated street file with known LSOA counts, and the
//! 24 real City of London months in `../shared/data/geo/policeuk/`.

use csp_workbench::core::dataset::{
    density, district_counts, tallied_districts, Dataset, ALL_CRIME, ANTI_SOCIAL_BEHAVIOUR,
};
use csp_workbench::core::ingest::{import_file, import_folder};
use csp_workbench::core::period::Period;
use std::collections::BTreeMap;
use std::path::PathBuf;

mod common;

use common::{geo, rows_of, Row};

/// (LSOA 2011 code, name, 2022 district) straight from the ONS CSV.
fn ons_lsoas() -> Vec<(String, String, String)> {
    let bytes = std::fs::read(geo(
        "lookups/lsoa11_to_lsoa21_best_fit_lookup_england_wales_v2.csv",
    ))
    .unwrap();
    rows_of(&bytes)
        .into_iter()
        .map(|r| {
            (
                r["LSOA11CD"].clone(),
                r["LSOA11NM"].clone(),
                r["LAD22NM"].clone(),
            )
        })
        .collect()
}

fn month(text: &str) -> Period {
    let (y, m) = text[..7].split_once('-').unwrap();
    Period::month(y.parse().unwrap(), m.parse().unwrap())
}

const TYPES: [&str; 5] = [
    "Anti-social behaviour",
    "Burglary",
    "Shoplifting",
    "Vehicle crime",
    "Violence and sexual offences",
];

/// A street file of `rows` records over 2023 in two Kent districts, skewed so
/// some LSOAs carry much more crime, with some records of no location.
fn generated_street_file(rows: usize, seed: u64) -> String {
    let lsoas: Vec<(String, String, String)> = ons_lsoas()
        .into_iter()
        .filter(|l| l.2 == "Tunbridge Wells" || l.2 == "Sevenoaks")
        .collect();
    assert!(lsoas.len() > 100);
    let mut state = seed;
    let mut next = move |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % n
    };
    let mut out = String::from(
        "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\r\n",
    );
    for i in 0..rows {
        // Half the records go to every tenth LSOA.
        let pick = if next(2) == 0 {
            next(lsoas.len() / 10) * 10
        } else {
            next(lsoas.len())
        };
        let (code, name, _) = &lsoas[pick];
        let kind = TYPES[next(TYPES.len())];
        let m = 1 + next(12);
        let no_location = next(50) == 0;
        let lon = 0.2 + (pick as f64) * 0.001 + next(100) as f64 * 0.000_01;
        let lat = 51.1 + (pick % 17) as f64 * 0.002;
        if no_location {
            out.push_str(&format!(
                "id{i},2023-{m:02},Kent Police,Kent Police,,,No Location,,,{kind},,\r\n"
            ));
        } else {
            out.push_str(&format!(
                "id{i},2023-{m:02},Kent Police,Kent Police,{lon:.6},{lat:.6},On or near High Street,{code},{name},{kind},,\r\n"
            ));
        }
    }
    out
}

/// (district, LSOA code) → (crime type, month) → count, from the raw rows.
type RawTally = BTreeMap<(String, String), BTreeMap<(String, Period), u64>>;

fn raw_tally(rows: &[Row], district_of: &BTreeMap<String, String>) -> RawTally {
    let mut tally = RawTally::new();
    for r in rows {
        let Some(district) = district_of.get(&r["LSOA code"]) else {
            continue;
        };
        *tally
            .entry((district.clone(), r["LSOA code"].clone()))
            .or_default()
            .entry((r["Crime type"].clone(), month(&r["Month"])))
            .or_default() += 1;
    }
    tally
}

/// Checks every district's counts by LSOA, for each crime type, all crime and
/// a single month, against the raw tally.
fn check_against(data: &Dataset, raw: &RawTally, period: Period) {
    let tallies = &data.lsoa_tallies;
    assert!(!tallies.is_empty(), "the import kept a tally");
    let districts: std::collections::BTreeSet<&String> = raw.keys().map(|(d, _)| d).collect();
    for district in districts {
        let mut measures: Vec<&str> = vec![ALL_CRIME];
        measures.extend(TYPES.iter().copied());
        for measure in measures {
            let counts = district_counts(tallies, district, measure, period).unwrap();
            let expect: BTreeMap<String, u64> = raw
                .iter()
                .filter(|((d, _), _)| d == district)
                .map(|((_, code), by)| {
                    let n = by
                        .iter()
                        .filter(|((t, _), _)| {
                            if measure == ALL_CRIME {
                                t != ANTI_SOCIAL_BEHAVIOUR
                            } else {
                                t == measure
                            }
                        })
                        .map(|(_, n)| n)
                        .sum();
                    (code.clone(), n)
                })
                .collect();
            let got: BTreeMap<String, u64> = counts
                .lsoas
                .iter()
                .map(|l| (l.code.clone(), l.count))
                .collect();
            assert_eq!(got, expect, "{district}, {measure}");
            // By month too: each LSOA's months add up to its count, and one
            // month equals the raw rows of that month.
            for l in &counts.lsoas {
                assert_eq!(l.by_month.iter().sum::<u64>(), l.count);
                assert_eq!(l.by_month.len(), counts.months.len());
            }
            let first = counts.months[0];
            let one = district_counts(tallies, district, measure, first).unwrap();
            let expect_one: u64 = raw
                .iter()
                .filter(|((d, _), _)| d == district)
                .flat_map(|(_, by)| by.iter())
                .filter(|((t, m), _)| {
                    *m == first
                        && if measure == ALL_CRIME {
                            t != ANTI_SOCIAL_BEHAVIOUR
                        } else {
                            t == measure
                        }
                })
                .map(|(_, n)| n)
                .sum();
            assert_eq!(one.total(), expect_one, "{district}, {measure}, {first:?}");
        }
    }
}

#[test]
fn a_generated_street_file_is_tallied_by_lsoa_type_and_month() {
    let Some(_) = common::shared_data("geo") else {
        return;
    };
    let district_of: BTreeMap<String, String> = ons_lsoas()
        .into_iter()
        .map(|(code, _, district)| (code, district))
        .collect();
    // Streamed (past the first 1,000 rows) and read as a grid (a small file).
    for rows in [30_000, 600] {
        let text = generated_street_file(rows, rows as u64);
        let raw_rows = rows_of(text.as_bytes());
        let raw = raw_tally(&raw_rows, &district_of);
        let data = import_file("2023-kent-street.csv", text.as_bytes()).unwrap();
        let year = Period::calendar_year(2023);
        check_against(&data, &raw, year);
        let tally = &data.lsoa_tallies[0];
        assert!(tally.is_consistent());
        assert_eq!(tally.file, "2023-kent-street.csv");
        let no_location = raw_rows
            .iter()
            .filter(|r| r["LSOA code"].is_empty())
            .count();
        assert_eq!(tally.no_location, no_location as u64);
        assert_eq!(tally.total() as usize, rows - no_location);
        // Every placed record with a map point is in the density grid once.
        let placed = |district: &str| {
            raw_rows
                .iter()
                .filter(|r| {
                    district_of
                        .get(&r["LSOA code"])
                        .is_some_and(|d| d == district)
                })
                .filter(|r| r["Crime type"] == "Burglary")
                .count() as u64
        };
        for district in ["Tunbridge Wells", "Sevenoaks"] {
            let grid = density(&data.lsoa_tallies, Some(district), "Burglary", year);
            assert_eq!(
                grid.cells.iter().map(|c| c.count).sum::<u64>(),
                placed(district)
            );
            assert!(
                grid.cells
                    .iter()
                    .all(|c| (0.19..0.6).contains(&c.longitude)
                        && (51.09..51.2).contains(&c.latitude))
            );
        }
        // The district's LSOAs, those with no record too, from the lookup (2011 codes here).
        for district in ["Tunbridge Wells", "Sevenoaks"] {
            let c = district_counts(&data.lsoa_tallies, district, ALL_CRIME, year).unwrap();
            let in_lookup = ons_lsoas().iter().filter(|l| l.2 == district).count() as u32;
            assert_eq!(c.lsoas_in_district, Some(in_lookup), "{district}");
            assert!(c.census.starts_with("2011"), "{}", c.census);
        }
        // Concentration among all the district's LSOAs, those with no record as zeros.
        if rows > 1_000 {
            use csp_workbench::core::assessment::{concentration, concentration_finding};
            let in_lookup: Vec<String> = ons_lsoas()
                .into_iter()
                .filter(|l| l.2 == "Tunbridge Wells")
                .map(|l| l.0)
                .collect();
            let mut counts: Vec<u64> = in_lookup
                .iter()
                .map(|code| {
                    raw.get(&("Tunbridge Wells".to_string(), code.clone()))
                        .map_or(0, |by| {
                            by.iter()
                                .filter(|((t, _), _)| t == "Burglary")
                                .map(|(_, n)| n)
                                .sum()
                        })
                })
                .collect();
            counts.sort_unstable_by(|a, b| b.cmp(a));
            let c = concentration(&data.lsoa_tallies, "Tunbridge Wells", "Burglary", year).unwrap();
            assert_eq!(c.lsoas, in_lookup.len());
            for t in &c.top {
                let k =
                    ((in_lookup.len() as f64 * t.percent as f64 / 100.0).round() as usize).max(1);
                assert_eq!((t.lsoas, t.count), (k, counts[..k].iter().sum()));
            }
            assert!((c.gini - gini_by_pairs(&counts)).abs() < 1e-9);
            // Half the records went to a tenth of the LSOAs: a fifth is in a few.
            let f = concentration_finding(&c);
            assert!(
                f.text
                    .starts_with("A fifth of burglary in Tunbridge Wells in 2023 happened in "),
                "{}",
                f.text
            );
            assert!(!c.persistent.is_empty());
        }
        // A month outside the file covers nothing; the district is still known.
        let later = district_counts(
            &data.lsoa_tallies,
            "Sevenoaks",
            ALL_CRIME,
            Period::month(2024, 1),
        )
        .unwrap();
        assert!(later.months.is_empty());
        assert_eq!(later.months_missing, [Period::month(2024, 1)]);
        assert_eq!(later.total(), 0);
        // The tally survives being stored (dataset.v1 and the worker's message are JSON).
        let json = serde_json::to_string(&data).unwrap();
        let back: Dataset = serde_json::from_str(&json).unwrap();
        assert_eq!(back, data);
        check_against(&back, &raw, year);
    }
}

#[test]
fn the_tally_stays_small_and_goes_with_its_file() {
    let Some(_) = common::shared_data("geo") else {
        return;
    };
    let text = generated_street_file(60_000, 7);
    let data = import_file("big.csv", text.as_bytes()).unwrap();
    let tally_json = serde_json::to_string(&data.lsoa_tallies).unwrap();
    let rest = serde_json::to_string(&Dataset {
        lsoa_tallies: Vec::new(),
        ..data.clone()
    })
    .unwrap();
    // A few bytes a record at most, for about 3,600 cells a month here.
    assert!(
        tally_json.len() < 60_000 * 4,
        "tally {} bytes, the rest {} bytes",
        tally_json.len(),
        rest.len()
    );
    // Removing the file removes its tally; renaming carries it.
    let mut all = Dataset::default();
    all.merge_import(data.clone());
    let mut other = data.clone();
    other.files.clear();
    all.merge_import(other);
    assert_eq!(all.lsoa_tallies.len(), 2);
    assert_eq!(all.lsoa_tallies[1].file, "big.csv (2)");
    assert!(all.remove_file("big.csv"));
    assert_eq!(all.lsoa_tallies.len(), 1);
}

#[test]
fn the_city_of_london_months_by_lsoa() {
    let Some(_) = common::shared_data("geo") else {
        return;
    };
    let root = geo("policeuk");
    let data = import_folder(&root).unwrap();
    let district_of: BTreeMap<String, String> = ons_lsoas()
        .into_iter()
        .map(|(code, _, district)| (code, district))
        .collect();
    let mut rows = Vec::new();
    for month in std::fs::read_dir(&root).unwrap() {
        for file in std::fs::read_dir(month.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            if path.to_string_lossy().ends_with("-street.csv") {
                rows.extend(rows_of(&std::fs::read(&path).unwrap()));
            }
        }
    }
    assert_eq!(rows.len(), 15_957);
    let raw = raw_tally(&rows, &district_of);
    let period = Period::from_months(Period::month(2019, 1).first_month_index(), 24).unwrap();
    check_against(&data, &raw, period);
    let city = district_counts(&data.lsoa_tallies, "City of London", ALL_CRIME, period).unwrap();
    assert_eq!(city.months.len(), 24);
    assert!(city.months_missing.is_empty());
    assert_eq!(city.lsoas_in_district, Some(6));
    assert!(tallied_districts(&data.lsoa_tallies)
        .iter()
        .any(|d| d.name == "Camden"));
}

fn within(period: Period, month: Period) -> bool {
    let first = period.first_month_index();
    (first..first + i64::from(period.months())).contains(&month.first_month_index())
}

/// The test's own Gini: mean absolute difference over twice the mean.
fn gini_by_pairs(counts: &[u64]) -> f64 {
    let n = counts.len() as f64;
    let mean = counts.iter().sum::<u64>() as f64 / n;
    let mut sum = 0.0;
    for a in counts {
        for b in counts {
            sum += (*a as f64 - *b as f64).abs();
        }
    }
    sum / (2.0 * n * n * mean)
}

#[test]
fn concentration_of_the_city_of_londons_crime_matches_the_raw_rows() {
    let Some(_) = common::shared_data("geo") else {
        return;
    };
    use csp_workbench::core::assessment::{concentration, concentration_finding, Topic};
    let root = geo("policeuk");
    let data = import_folder(&root).unwrap();
    let city_lsoas: Vec<(String, String)> = ons_lsoas()
        .into_iter()
        .filter(|l| l.2 == "City of London")
        .map(|l| (l.0, l.1))
        .collect();
    assert_eq!(city_lsoas.len(), 6);
    let mut rows = Vec::new();
    for month in std::fs::read_dir(&root).unwrap() {
        for file in std::fs::read_dir(month.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            if path.to_string_lossy().ends_with("-street.csv") {
                rows.extend(rows_of(&std::fs::read(&path).unwrap()));
            }
        }
    }
    // 2019/20, all crime and violence, from the raw rows.
    let year = Period::financial_year(2019);
    for measure in [ALL_CRIME, "Violence and sexual offences"] {
        let mut by_lsoa: BTreeMap<&str, u64> =
            city_lsoas.iter().map(|(c, _)| (c.as_str(), 0)).collect();
        for r in &rows {
            let m = month(&r["Month"]);
            let wanted = if measure == ALL_CRIME {
                r["Crime type"] != ANTI_SOCIAL_BEHAVIOUR
            } else {
                r["Crime type"] == measure
            };
            if wanted && within(year, m) {
                if let Some(n) = by_lsoa.get_mut(r["LSOA code"].as_str()) {
                    *n += 1;
                }
            }
        }
        let mut counts: Vec<u64> = by_lsoa.values().copied().collect();
        counts.sort_unstable_by(|a, b| b.cmp(a));
        let total: u64 = counts.iter().sum();
        let c = concentration(&data.lsoa_tallies, "City of London", measure, year).unwrap();
        assert_eq!(c.total, total);
        assert_eq!(c.lsoas, 6);
        assert_eq!(c.ranked[0].count, counts[0]);
        // With six LSOAs every top share is the one busiest LSOA.
        for t in &c.top {
            assert_eq!(t.lsoas, 1);
            assert_eq!(t.count, counts[0]);
        }
        assert!(
            (c.gini - gini_by_pairs(&counts)).abs() < 1e-9,
            "{} {}",
            c.gini,
            gini_by_pairs(&counts)
        );
        assert_eq!(c.lorenz.len(), 7);
        assert_eq!(c.lorenz[6], (1.0, 1.0));
        // Persistently high: in the month's top tenth of LSOAs (with six, the
        // busiest, ties included, and at least one record) in more than half
        // the months, from the raw rows month by month.
        let months: Vec<Period> = (0..12)
            .map(|i: i32| Period::month(2019 + (3 + i) / 12, 1 + ((3 + i) % 12) as u8))
            .collect();
        assert_eq!(c.months, months, "the files hold every month of 2019/20");
        let mut in_top: BTreeMap<&str, usize> = BTreeMap::new();
        for &m in &months {
            let mut by_lsoa: BTreeMap<&str, u64> =
                city_lsoas.iter().map(|(c, _)| (c.as_str(), 0)).collect();
            for r in &rows {
                let wanted = if measure == ALL_CRIME {
                    r["Crime type"] != ANTI_SOCIAL_BEHAVIOUR
                } else {
                    r["Crime type"] == measure
                };
                if wanted && month(&r["Month"]) == m {
                    if let Some(n) = by_lsoa.get_mut(r["LSOA code"].as_str()) {
                        *n += 1;
                    }
                }
            }
            let busiest = by_lsoa.values().copied().max().unwrap().max(1);
            for (code, n) in by_lsoa {
                if n >= busiest {
                    *in_top.entry(code).or_default() += 1;
                }
            }
        }
        for r in &c.ranked {
            let raw = in_top.get(r.code.as_str()).copied().unwrap_or(0);
            assert_eq!(r.months_in_top_tenth, raw, "{}", r.code);
        }
        let persistent: Vec<&str> = c
            .ranked
            .iter()
            .map(|r| r.code.as_str())
            .filter(|code| in_top.get(code).copied().unwrap_or(0) * 2 > months.len())
            .collect();
        assert_eq!(
            c.persistent
                .iter()
                .map(|r| r.code.as_str())
                .collect::<Vec<_>>(),
            persistent
        );
        let f = concentration_finding(&c);
        assert_eq!(f.topic, Topic::Concentration);
        assert!(
            f.text
                .contains("of its neighbourhoods (1 of 6 LSOAs): City of London 001F."),
            "{}",
            f.text
        );
        assert!(f.text.contains(&c.ranked[0].name), "{}", f.text);
        eprintln!(
            "City of London, {measure}, 2019/20: {} crimes in {} LSOAs; top 10% ({} LSOA) {:.1}%; Gini {:.3}; persistent {:?}\n  {}",
            c.total,
            c.lsoas,
            c.top[1].lsoas,
            c.top[1].share * 100.0,
            c.gini,
            c.persistent.iter().map(|p| &p.name).collect::<Vec<_>>(),
            f.text
        );
    }
}

#[test]
fn the_lorenz_chart_draws_what_its_table_says() {
    let Some(_) = common::shared_data("geo") else {
        return;
    };
    use csp_workbench::core::assessment::concentration;
    use csp_workbench::core::charts::{lorenz_curve, Palette};
    let data = import_folder(&geo("policeuk")).unwrap();
    let year = Period::financial_year(2019);
    let c = concentration(&data.lsoa_tallies, "City of London", "Burglary", year).unwrap();
    let spec = lorenz_curve(&c, &Palette::default());
    let option: serde_json::Value = serde_json::from_str(&spec.option_json()).unwrap();
    let series = option["series"].as_array().unwrap();
    let curve = series.iter().find(|s| s["id"] == "lorenz").unwrap();
    let points: Vec<(f64, f64)> = curve["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let v = p["value"].as_array().unwrap();
            (v[0].as_f64().unwrap(), v[1].as_f64().unwrap())
        })
        .collect();
    assert_eq!(points[0], (0.0, 0.0));
    assert_eq!(*points.last().unwrap(), (100.0, 100.0));
    assert_eq!(points.len(), spec.table.rows.len() + 1);
    for (p, row) in points[1..].iter().zip(&spec.table.rows) {
        assert_eq!(row[0], format!("{:.1}%", p.0));
        assert_eq!(row[1], format!("{:.1}%", p.1));
    }
    // Never above the line of equality, and rising.
    for w in points.windows(2) {
        assert!(w[1].0 >= w[0].0 && w[1].1 >= w[0].1);
        assert!(w[1].1 <= w[1].0 + 0.05);
    }
    assert!(
        spec.description.contains("Gini coefficient"),
        "{}",
        spec.description
    );
    assert!(spec.id.starts_with("lorenz-burglary-"));
}

/// (2011 LSOA code → IMD 2019 decile), straight from MHCLG's file.
fn imd_from_source() -> BTreeMap<String, u8> {
    use std::io::Read;
    let gz = std::fs::read(geo("imd/File_2_-_IoD2019_Domains_of_Deprivation.csv.gz")).unwrap();
    let mut text = Vec::new();
    flate2::read::GzDecoder::new(gz.as_slice())
        .read_to_end(&mut text)
        .unwrap();
    rows_of(&text)
        .into_iter()
        .map(|r| {
            (
                r["LSOA code (2011)"].clone(),
                r["Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)"]
                    .parse()
                    .unwrap(),
            )
        })
        .collect()
}

fn imd_asset() -> csp_workbench::core::geography::imd::ImdDeciles {
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("public/geo/imd-deciles.txt"),
    )
    .unwrap();
    csp_workbench::core::geography::imd::ImdDeciles::parse(&text).unwrap()
}

#[test]
fn crime_by_deprivation_decile_matches_the_raw_rows() {
    let Some(_) = common::shared_data("geo") else {
        return;
    };
    use csp_workbench::core::assessment::deprivation;
    use csp_workbench::core::charts::{deprivation_chart, Palette};
    let source = imd_from_source();
    let imd = imd_asset();
    // The asset gives every English 2011 LSOA its published decile.
    assert_eq!(source.len(), 32_844);
    for (code, decile) in &source {
        assert_eq!(imd.decile(code), Some(*decile), "{code}");
    }
    let all_lsoas = ons_lsoas();
    let district_of: BTreeMap<String, String> = all_lsoas
        .iter()
        .map(|(code, _, district)| (code.clone(), district.clone()))
        .collect();
    let text = generated_street_file(20_000, 3);
    let rows = rows_of(text.as_bytes());
    let data = import_file("kent-street.csv", text.as_bytes()).unwrap();
    let year = Period::calendar_year(2023);
    for district in ["Tunbridge Wells", "Sevenoaks"] {
        let mut expect = [0u64; 10];
        for r in &rows {
            if district_of
                .get(&r["LSOA code"])
                .is_some_and(|d| d == district)
                && r["Crime type"] != ANTI_SOCIAL_BEHAVIOUR
            {
                expect[usize::from(source[&r["LSOA code"]]) - 1] += 1;
            }
        }
        let d = deprivation(&data.lsoa_tallies, district, ALL_CRIME, year, &imd).unwrap();
        let got: Vec<u64> = d.rows.iter().map(|r| r.count).collect();
        assert_eq!(got, expect, "{district}");
        // The district's LSOAs by decile, from the source.
        let lsoas: Vec<u32> = (1..=10u8)
            .map(|decile| {
                all_lsoas
                    .iter()
                    .filter(|l| l.2 == district && source.get(&l.0) == Some(&decile))
                    .count() as u32
            })
            .collect();
        assert_eq!(d.rows.iter().map(|r| r.lsoas).collect::<Vec<_>>(), lsoas);
        let spec = deprivation_chart(&d, &Palette::default());
        let option: serde_json::Value = serde_json::from_str(&spec.option_json()).unwrap();
        let bars = option["series"][0]["data"].as_array().unwrap();
        for (bar, row) in bars.iter().zip(&spec.table.rows) {
            assert_eq!(format!("{:.1}%", bar.as_f64().unwrap()), row[4]);
        }
        eprintln!("{district}: {}", d.sentence());
    }
    // The City of London's real months.
    let city = import_folder(&geo("policeuk")).unwrap();
    let d = deprivation(
        &city.lsoa_tallies,
        "City of London",
        ALL_CRIME,
        Period::financial_year(2019),
        &imd,
    )
    .unwrap();
    assert_eq!(d.lsoas, 6);
    assert_eq!(d.total, d.rows.iter().map(|r| r.count).sum::<u64>());
    eprintln!("City of London: {}", d.sentence());
}

/// Wales has its own index: no Welsh LSOA has an IMD 2019 decile, and a Welsh
/// district's street records give no table by decile (the panel says IMD covers
/// England only) rather than one with every record in "no decile". A 2021
/// English LSOA whose code changed takes the decile of the mean rank of the 2011
/// LSOAs the ONS best-fit lookup pairs with it, worked out here from MHCLG's
/// ranks and ONS's lookup.
#[test]
fn welsh_lsoas_have_no_decile_and_changed_2021_codes_take_their_pairs_mean_rank() {
    let Some(_) = common::shared_data("geo") else {
        return;
    };
    use csp_workbench::core::assessment::deprivation;
    use csp_workbench::core::geography::imd::decile_of_rank;
    use std::io::Read;
    let imd = imd_asset();
    let gz = std::fs::read(geo("imd/File_2_-_IoD2019_Domains_of_Deprivation.csv.gz")).unwrap();
    let mut text = Vec::new();
    flate2::read::GzDecoder::new(gz.as_slice())
        .read_to_end(&mut text)
        .unwrap();
    let ranks: BTreeMap<String, f64> = rows_of(&text)
        .into_iter()
        .map(|r| {
            let rank = &r["Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)"];
            (r["LSOA code (2011)"].clone(), rank.parse().unwrap())
        })
        .collect();
    let fit = rows_of(
        &std::fs::read(geo(
            "lookups/lsoa11_to_lsoa21_best_fit_lookup_england_wales_v2.csv",
        ))
        .unwrap(),
    );
    let codes_2011: std::collections::BTreeSet<&str> =
        fit.iter().map(|r| r["LSOA11CD"].as_str()).collect();
    let mut paired: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for r in &fit {
        let new = r["LSOA21CD"].as_str();
        if let (false, Some(rank)) = (codes_2011.contains(new), ranks.get(&r["LSOA11CD"])) {
            paired.entry(new).or_default().push(*rank);
        }
    }
    assert!(paired.len() > 500, "{} changed codes", paired.len());
    for (code, ranks) in &paired {
        let mean = ranks.iter().sum::<f64>() / ranks.len() as f64;
        assert_eq!(imd.decile(code), Some(decile_of_rank(mean)), "{code}");
    }

    let welsh: Vec<&Row> = fit
        .iter()
        .filter(|r| r["LSOA11CD"].starts_with('W'))
        .collect();
    assert!(welsh.len() > 1_000);
    for r in &welsh {
        assert_eq!(imd.decile(&r["LSOA11CD"]), None);
        assert_eq!(imd.decile(&r["LSOA21CD"]), None);
    }
    let cardiff: Vec<&&Row> = welsh
        .iter()
        .filter(|r| r["LAD22NM"] == "Cardiff")
        .take(20)
        .collect();
    let by_decile = imd.district(&cardiff[0]["LAD22CD"]).unwrap();
    assert!(by_decile[..10].iter().all(|&n| n == 0) && by_decile[10] > 100);
    let mut file = String::from(
        "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\r\n",
    );
    for (i, r) in cardiff.iter().cycle().take(40).enumerate() {
        file.push_str(&format!(
            "w{i},2023-{:02},South Wales Police,South Wales Police,-3.18,51.48,On or near Queen Street,{},{},Burglary,,\r\n",
            1 + i % 12,
            r["LSOA11CD"],
            r["LSOA11NM"]
        ));
    }
    let data = import_file("cardiff-street.csv", file.as_bytes()).unwrap();
    let year = Period::calendar_year(2023);
    let counts = district_counts(&data.lsoa_tallies, "Cardiff", ALL_CRIME, year).unwrap();
    assert_eq!(counts.total(), 40);
    assert_eq!(
        deprivation(&data.lsoa_tallies, "Cardiff", ALL_CRIME, year, &imd),
        None
    );
}

/// Deprivation in the plan's register: a generated year of Thanet street
/// records with extra crime in its most deprived tenth of LSOAs gives a
/// deprivation finding whose figures equal a count of the raw rows by MHCLG's
/// deciles — only when the IMD table is there; the City of London's real
/// months (no LSOA in the most deprived fifth) give none.
#[test]
fn deprivation_is_a_register_finding_only_where_the_evidence_is_clear() {
    let Some(_) = common::shared_data("geo") else {
        return;
    };
    use csp_workbench::core::assessment::{Assessor, Options, PrioritySettings, Topic};
    let source = imd_from_source();
    let imd = imd_asset();
    let thanet: Vec<(String, String)> = ons_lsoas()
        .into_iter()
        .filter(|l| l.2 == "Thanet")
        .map(|l| (l.0, l.1))
        .collect();
    let mut out = String::from(
        "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\r\n",
    );
    let (mut in_first, mut all) = (0u64, 0u64);
    let mut id = 0;
    for (code, name) in &thanet {
        let first = source[code] == 1;
        // Every LSOA has 2 records a month; the most deprived tenth 4 more.
        for m in 1..=12 {
            for _ in 0..(if first { 6 } else { 2 }) {
                id += 1;
                out.push_str(&format!(
                    "t{id},2019-{m:02},Kent Police,Kent Police,1.38,51.36,On or near High Street,{code},{name},Burglary,,\r\n"
                ));
                all += 1;
                in_first += u64::from(first);
            }
        }
    }
    let data = import_file("thanet-street.csv", out.as_bytes()).unwrap();
    let options = Options {
        area: Some("Thanet".into()),
        ..Options::default()
    };
    let settings = PrioritySettings::default();
    let with = Assessor::new(&data, &options, &settings)
        .with_imd(Some(&imd))
        .finish()
        .unwrap();
    let found: Vec<_> = with
        .findings_for("Burglary")
        .iter()
        .filter(|f| f.topic == Topic::Deprivation)
        .cloned()
        .collect();
    assert_eq!(found.len(), 1, "{:?}", with.findings_for("Burglary"));
    let f = &found[0];
    let firsts = thanet.iter().filter(|(c, _)| source[c] == 1).count();
    let share = in_first as f64 / all as f64;
    assert!(
        f.text.starts_with(&format!(
            "{} of burglary in Thanet in ",
            csp_workbench::core::format::share(share)
        )),
        "{}",
        f.text
    );
    assert!(
        f.text.contains(&format!(
            "({} of {} street records) happened in its neighbourhoods among England's most deprived tenth (IMD 2019 decile 1), which are {} of its neighbourhoods ({firsts} of {} LSOAs)",
            csp_workbench::core::format::count(in_first as f64),
            csp_workbench::core::format::count(all as f64),
            csp_workbench::core::format::share(firsts as f64 / thanet.len() as f64),
            thanet.len()
        )),
        "{}",
        f.text
    );
    assert!(f.text.contains("not rates per resident"));
    eprintln!("Thanet (generated): {}", f.text);
    // Without the IMD table (not yet fetched) there is no such finding.
    let without = Assessor::new(&data, &options, &settings).finish().unwrap();
    assert!(without
        .findings_for("Burglary")
        .iter()
        .all(|f| f.topic != Topic::Deprivation));

    // The City of London's real files.
    let city = import_folder(&geo("policeuk")).unwrap();
    let options = Options {
        area: Some("City of London".into()),
        ..Options::default()
    };
    let assessed = Assessor::new(&city, &options, &settings)
        .with_imd(Some(&imd))
        .finish()
        .unwrap();
    let deprivation: Vec<_> = assessed
        .measures
        .iter()
        .flat_map(|m| assessed.findings_for(&m.measure))
        .filter(|f| f.topic == Topic::Deprivation)
        .collect();
    assert!(deprivation.is_empty(), "{deprivation:?}");
    let concentration = assessed
        .findings_for(ALL_CRIME)
        .iter()
        .find(|f| f.topic == Topic::Concentration)
        .map(|f| f.text.clone());
    eprintln!("City of London register, all crime: {concentration:?}");
}

/// The board's "Where it happens" for the City of London's real months: each
/// street issue on the board has its concentration finding, its busiest
/// shares (equal to the concentration's), the Lorenz curve and crime by
/// decile; in the board pack under its own heading with the tables; and the
/// same charts through the chart contract (`ChartInput::places`).
#[test]
fn where_it_happens_on_the_board_and_in_the_pack() {
    let Some(_) = common::shared_data("geo") else {
        return;
    };
    use csp_workbench::core::assessment::{
        concentration, Assessor, Index, Options, PrioritySettings, Topic,
    };
    use csp_workbench::core::board::board_items;
    use csp_workbench::core::board_pack::board_pack_html;
    use csp_workbench::core::board_where::{board_where, busiest_table};
    use csp_workbench::core::charts::{self, ChartInput, Palette, Places};
    let imd = imd_asset();
    let city = import_folder(&geo("policeuk")).unwrap();
    let options = Options {
        area: Some("City of London".into()),
        ..Options::default()
    };
    let a = Assessor::new(&city, &options, &PrioritySettings::default())
        .with_imd(Some(&imd))
        .finish()
        .unwrap();
    let palette = Palette::default();
    let blocks = board_where(&city, &a, Some(&imd), &palette);
    let items = board_items(&a);
    assert!(!items.is_empty());
    assert_eq!(
        blocks.len(),
        items.len(),
        "every board issue here is a street measure"
    );
    let index = Index::new(&city);
    let input = ChartInput::new(&index, &a, &palette).with_places(Places {
        tallies: &city.lsoa_tallies,
        imd: Some(&imd),
    });
    for w in &blocks {
        let m = a.measure(&w.measure).unwrap();
        let period = m.rolling_year.as_ref().unwrap().current.period;
        let c = concentration(&city.lsoa_tallies, "City of London", &w.measure, period).unwrap();
        assert_eq!(w.busiest, busiest_table(&c));
        assert!(w.findings.iter().any(|f| f.topic == Topic::Concentration));
        // The contract's charts are the block's.
        let lorenz = charts::lorenz(&input, &w.measure).unwrap();
        assert_eq!(lorenz.table, w.lorenz.table);
        let by_decile = charts::deprivation(&input, &w.measure).unwrap();
        assert_eq!(
            Some(&by_decile.table),
            w.deprivation.as_ref().map(|d| &d.table)
        );
    }
    // Without the street records, the contract draws neither.
    let bare = ChartInput::new(&index, &a, &palette);
    assert!(charts::lorenz(&bare, &blocks[0].measure).is_none());
    assert!(charts::deprivation(&bare, &blocks[0].measure).is_none());

    let first = (blocks[0].measure.clone(), blocks[0].busiest.clone());
    let list: Vec<_> = blocks.into_iter().flat_map(|w| w.into_charts()).collect();
    let html = board_pack_html(&city, &a, &list, "/* echarts */", "27 November 2026");
    assert_eq!(
        html.matches("<h3>Where it happens</h3>").count(),
        items.len()
    );
    assert!(html.contains(&format!(
        ">{}</caption>",
        csp_workbench::core::escape::escape_html(&first.1.caption)
    )));
    assert!(html.contains("data-chart=\"where-lorenz-"));
    assert!(html.contains("data-chart=\"where-deprivation-"));
    for cell in &first.1.rows[0] {
        assert!(html.contains(&format!(
            "<td>{}</td>",
            csp_workbench::core::escape::escape_html(cell)
        )));
    }
    eprintln!("City of London board, {}: {:?}", first.0, first.1.rows);
}
