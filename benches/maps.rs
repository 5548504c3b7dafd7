//! How long the core takes to build a neighbourhood map's SVG (classes,
//! projection, paths, table) from the shipped LSOA boundaries of Kent and
//! Medway, of the 2011 and the 2021 census: Kent's largest district
//! (Maidstone) and all of the force area's LSOAs at once (1,065 in 2011, 1,107
//! in 2021: what a county-wide map would draw), each with a seeded tally of
//! street records; the median of 21 builds, with the SVG's size.
//! The browser's time from choosing a crime to the drawn map is reported by
//! `tests/e2e/maps.test.mjs`.
//!
//! Run: `cargo bench --bench maps`.

use csp_workbench::core::dataset::{DistrictCounts, LsoaCount, TallyDistrict};
use csp_workbench::core::maps::asset::{self, Boundaries};
use csp_workbench::core::maps::neighbourhood_map;
use csp_workbench::core::period::Period;
use std::hint::black_box;
use std::time::Instant;

fn boundaries(vintage: &str) -> Boundaries {
    let mut all = Boundaries::default();
    let dir = format!("{}/public/maps/{vintage}", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("public/maps/lsoa11 and lsoa21")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            name.starts_with("E070001") || name.starts_with("E06000035")
        })
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        all.areas
            .extend(asset::parse(&text).expect("a shipped boundary file").areas);
    }
    all
}

/// Counts for the areas whose group is `district` (or all), skewed as real crime is.
fn counts(b: &Boundaries, district: Option<&str>, name: &str) -> DistrictCounts {
    let mut seed: u64 = 14;
    let mut random = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as f64 / (1u64 << 31) as f64
    };
    let months: Vec<Period> = (1..=12).map(|m| Period::month(2019, m)).collect();
    let lsoas = b
        .areas
        .iter()
        .filter(|a| district.is_none_or(|d| a.group == d))
        .map(|a| {
            let by_month: Vec<u64> = (0..12).map(|_| (random().powi(3) * 12.0) as u64).collect();
            LsoaCount {
                code: a.code.clone(),
                name: a.name.clone(),
                count: by_month.iter().sum(),
                by_month,
            }
        })
        .collect();
    DistrictCounts {
        district: TallyDistrict {
            code: district.unwrap_or("E10000016").to_string(),
            name: name.to_string(),
            lsoa_counts: None,
        },
        months,
        months_missing: Vec::new(),
        lsoas,
        files: vec!["2019-kent-street.csv".to_string()],
        lsoas_in_district: None,
        census: "2011".to_string(),
    }
}

fn median_ms(mut work: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..21)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    for vintage in ["lsoa11", "lsoa21"] {
        run(vintage);
    }
}

fn run(vintage: &str) {
    let all = boundaries(vintage);
    let year = Period::calendar_year(2019);
    for (district, name) in [(Some("E07000110"), "Maidstone"), (None, "Kent and Medway")] {
        let c = counts(&all, district, name);
        // A county-wide map: every LSOA is in the tally, so all are drawn.
        let b = match district {
            Some(_) => all.clone(),
            None => Boundaries {
                areas: all
                    .areas
                    .iter()
                    .map(|a| asset::Boundary {
                        group: String::new(),
                        ..a.clone()
                    })
                    .collect(),
            },
        };
        let map = neighbourhood_map(&c, &b, "Burglary", &year).expect("the map draws");
        let ms = median_ms(|| {
            black_box(neighbourhood_map(&c, &b, "Burglary", &year).unwrap());
        });
        println!(
            "neighbourhood map, {name} ({vintage}): {} LSOAs, core SVG build {ms:.1} ms (median of 21), SVG {} KB",
            map.areas,
            map.svg.len() / 1024
        );
    }
}
