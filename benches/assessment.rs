//! How long a full assessment recompute takes: 60 measures × 13 areas (12
//! districts and the county) × 10 years, with populations, targets and the
//! priority matrix — what the Assessment view recomputes when an option changes;
//! then 1,000 and 10,000 measures, with the longest slice the page would run
//! between yields (`Assessor::step` of 10: 10,000 figures indexed, or 10
//! measures assessed), the index alone, and the district comparison
//! of every measure (the Assessment view's chart list), and the district chart
//! of one measure drawn from the assessment.
//!
//! Run: `make bench-assessment` (or `cargo bench --bench assessment`).

use csp_workbench::core::areas::AreaLevel;
use csp_workbench::core::assessment::targets::{Target, TargetDirection};
use csp_workbench::core::assessment::{
    assess, comparable_measures, Assessor, Index, Options, PrioritySettings, Progress,
};
use csp_workbench::core::charts::{district_bars_of, Palette};
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

    // The index alone, as the charts build it, and dropped.
    let (built, index) = timed(|| black_box(Index::new(&data)));
    let ((), dropped) = timed(|| drop(built));

    // The same work in the slices the page runs between yields.
    let mut assessor = Assessor::new(&data, &options, &settings).with_targets(&targets);
    let (mut longest_indexing, mut longest_step) = (Time::default(), Time::default());
    loop {
        let indexing = matches!(assessor.progress(), Progress::Indexing { .. });
        let (done, took) = timed(|| assessor.step(10));
        let longest = if indexing {
            &mut longest_indexing
        } else {
            &mut longest_step
        };
        *longest = longest.max(took);
        if done {
            break;
        }
    }
    let (assessed, finish) = timed(|| black_box(assessor.finish()));
    // The Assessment view's district chart, drawn from the comparison the
    // assessment made (it once built an index of every figure to draw it).
    let chart_of = assessed
        .as_ref()
        .and_then(|a| a.comparisons.first())
        .map(|c| c.measure.clone())
        .unwrap_or_default();
    let (_, chart) = timed(|| {
        assessed
            .as_ref()
            .and_then(|a| district_bars_of(a, &Palette::default(), &chart_of))
            .map(|spec| black_box(spec.option_json()))
    });
    let ((), released) = timed(|| drop(assessed));
    let (comparable, comparisons) = timed(|| comparable_measures(&Index::new(&data)).len());
    println!(
        "  index at once {index} (dropped in {dropped}); in slices: longest slice of 10,000 figures \
         indexed {longest_indexing} (the last builds the options too), longest slice of 10 measures \
         {longest_step} (the issues grouped and scored in slices too), the ranking and the assessment put together {finish}; the assessment dropped in {released}; \
         district comparisons of {comparable} measures {comparisons}; the district chart of one \
         measure from the assessment {chart}"
    );
}

/// Wall-clock and CPU time, in ms. On a machine shared with other work the
/// wall clock includes the time this thread waited for a core; the CPU time
/// (Linux's /proc/thread-self/schedstat) does not.
#[derive(Clone, Copy, Default)]
struct Time {
    wall: f64,
    cpu: Option<f64>,
}

impl Time {
    fn max(self, other: Time) -> Time {
        if other.cpu.unwrap_or(other.wall) > self.cpu.unwrap_or(self.wall) {
            other
        } else {
            self
        }
    }
}

impl std::fmt::Display for Time {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.cpu {
            Some(cpu) => write!(f, "{cpu:.1} ms CPU ({:.1} ms wall)", self.wall),
            None => write!(f, "{:.1} ms", self.wall),
        }
    }
}

fn cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e6)
}

fn timed<T>(work: impl FnOnce() -> T) -> (T, Time) {
    let (wall, cpu) = (Instant::now(), cpu_ms());
    let out = work();
    let time = Time {
        wall: wall.elapsed().as_secs_f64() * 1000.0,
        cpu: cpu.zip(cpu_ms()).map(|(before, after)| after - before),
    };
    (out, time)
}
