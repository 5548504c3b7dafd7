//! How long a full assessment recompute takes: 60 measures × 13 areas (12
//! districts and the county) × 10 years, with populations, targets and the
//! priority matrix — what the Assessment view recomputes when an option changes;
//! then 1,000 and 10,000 measures, with the longest slice the page would run
//! between yields (`Assessor::step` of 10 measures) and the district comparison
//! of every measure (the Assessment view's chart list).
//!
//! Run: `make bench-assessment` (or `cargo bench --bench assessment`).

use csp_workbench::core::areas::AreaLevel;
use csp_workbench::core::assessment::targets::{Target, TargetDirection};
use csp_workbench::core::assessment::{
    assess, comparable_measures, Assessor, Index, Options, PrioritySettings,
};
use csp_workbench::core::dataset::{Dataset, Observation, Provenance, Unit, Value};
use csp_workbench::core::geography::{self, Kind};
use csp_workbench::core::period::Period;
use std::hint::black_box;
use std::time::Instant;

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

fn dataset(measures: usize) -> Dataset {
    let kent = kent_districts();
    let mut data = Dataset::default();
    let mut row = 1;
    for m in 0..measures {
        let measure = format!("Measure {m:05}");
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
    recompute(60, 50);
    recompute(1_000, 5);
    recompute(10_000, 1);
}

fn recompute(measures: usize, runs: usize) {
    let data = dataset(measures);
    let targets: Vec<Target> = (0..10)
        .map(|m| Target {
            priority: format!("Priority {m}"),
            description: "Reduce it".into(),
            measure: format!("Measure {m:05}"),
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
    assert_eq!(once.measures.len(), measures);
    let findings: usize = once.findings.iter().map(Vec::len).sum();

    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        black_box(assess(black_box(&data), &options, &targets, &settings));
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "full assessment recompute: {} observations ({measures} measures × 13 areas × {YEARS} years), \
         {findings} findings, 10 targets, priorities for {measures} measures",
        data.observations.len()
    );
    println!(
        "  median {:.2} ms, fastest {:.2} ms, slowest {:.2} ms over {runs} runs (native, release build)",
        times[runs / 2],
        times[0],
        times[runs - 1]
    );

    // The same work in the slices the page runs between yields.
    let start = Instant::now();
    let mut assessor = Assessor::new(&data, &options).expect("something to assess");
    let setup = start.elapsed().as_secs_f64() * 1000.0;
    let mut longest_step: f64 = 0.0;
    loop {
        let start = Instant::now();
        let done = assessor.step(10);
        longest_step = longest_step.max(start.elapsed().as_secs_f64() * 1000.0);
        if done {
            break;
        }
    }
    let start = Instant::now();
    black_box(assessor.finish(&targets, &settings));
    let finish = start.elapsed().as_secs_f64() * 1000.0;
    let start = Instant::now();
    let comparable = comparable_measures(&Index::new(&data)).len();
    let comparisons = start.elapsed().as_secs_f64() * 1000.0;
    println!(
        "  in slices: index and options {setup:.1} ms, longest slice of 10 measures {longest_step:.2} ms, \
         targets and priorities {finish:.1} ms; district comparisons of {comparable} measures {comparisons:.1} ms"
    );
}
