//! How long a full assessment recompute takes: 60 measures × 13 areas (12
//! districts and the county) × 10 years, with populations, targets and the
//! priority matrix — what the Assessment view recomputes when an option changes.
//!
//! Run: `make bench-assessment` (or `cargo bench --bench assessment`).

use csp_workbench::core::areas::AreaLevel;
use csp_workbench::core::assessment::targets::{Target, TargetDirection};
use csp_workbench::core::assessment::{assess, Options, PrioritySettings};
use csp_workbench::core::dataset::{Dataset, Observation, Provenance, Unit, Value};
use csp_workbench::core::geography::{self, Kind};
use csp_workbench::core::period::Period;
use std::hint::black_box;
use std::time::Instant;

const MEASURES: usize = 60;
const YEARS: i32 = 10;

fn observation(
    measure: &str,
    area: &str,
    level: AreaLevel,
    period: Period,
    value: f64,
    cell: String,
) -> Observation {
    Observation {
        measure: measure.to_string(),
        category: None,
        area: area.to_string(),
        area_level: level,
        period,
        value: Value::Number(value),
        unit: Unit::Count,
        source: Provenance {
            file: "synthetic.xlsx".into(),
            sheet: "Data".into(),
            cell,
        },
    }
}

/// Kent's twelve districts, from the built-in geography.
fn kent_districts() -> Vec<String> {
    let geo = geography::national();
    let kent = geo
        .find("Kent County Council")
        .expect("Kent is in the geography");
    geo.districts_of(kent)
        .into_iter()
        .map(|d| geo.area(d))
        .filter(|a| a.kind == Kind::District)
        .map(|a| a.name.clone())
        .collect()
}

fn dataset() -> Dataset {
    let kent = kent_districts();
    let mut data = Dataset::default();
    let mut row = 1;
    for m in 0..MEASURES {
        let measure = format!("Measure {m:02}");
        for year in 0..YEARS {
            let period = Period::financial_year(2010 + year);
            let mut county = 0.0;
            for (d, district) in kent.iter().enumerate() {
                // Deterministic, varied counts: no two districts or years alike.
                let value = (100 + 37 * m + 53 * d + 11 * year as usize + (m * d * 7) % 29) as f64;
                county += value;
                row += 1;
                data.observations.push(observation(
                    &measure,
                    district,
                    AreaLevel::District,
                    period,
                    value,
                    format!("C{row}"),
                ));
            }
            row += 1;
            data.observations.push(observation(
                &measure,
                "Kent",
                AreaLevel::County,
                period,
                county,
                format!("C{row}"),
            ));
        }
    }
    for (d, district) in kent.iter().enumerate() {
        row += 1;
        data.observations.push(observation(
            "Population",
            district,
            AreaLevel::District,
            Period::calendar_year(2018),
            100_000.0 + 5_000.0 * d as f64,
            format!("C{row}"),
        ));
    }
    data.observations.push(observation(
        "Population",
        "Kent",
        AreaLevel::County,
        Period::calendar_year(2018),
        1_530_000.0,
        "C9999".into(),
    ));
    data
}

fn main() {
    let data = dataset();
    let targets: Vec<Target> = (0..10)
        .map(|m| Target {
            priority: format!("Priority {m}"),
            description: "Reduce it".into(),
            measure: format!("Measure {m:02}"),
            direction: TargetDirection::Reduce,
            level: None,
            baseline: Some(Period::financial_year(2018)),
            period: Period::financial_year(2019),
            tolerance: 0.05,
        })
        .collect();
    let options = Options {
        area: Some("Tunbridge Wells".into()),
        ..Options::default()
    };
    let settings = PrioritySettings::default();
    let once = assess(&data, &options, &targets, &settings).expect("something to assess");
    assert_eq!(once.measures.len(), MEASURES);
    let findings: usize = once.findings.iter().map(Vec::len).sum();

    let runs = 50;
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        black_box(assess(black_box(&data), &options, &targets, &settings));
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "full assessment recompute: {} observations ({MEASURES} measures × 13 areas × {YEARS} years), \
         {findings} findings, 10 targets, priorities for {MEASURES} measures",
        data.observations.len()
    );
    println!(
        "  median {:.2} ms, fastest {:.2} ms, slowest {:.2} ms over {runs} runs (native, release build)",
        times[runs / 2],
        times[0],
        times[runs - 1]
    );
}
