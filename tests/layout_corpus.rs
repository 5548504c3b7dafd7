//! The layout corpus (issue 12, part 3): 216 workbooks generated from the
//! grammar of real layouts, each read through `import_file` exactly as a
//! dropped file is, every figure checked against the generator's truth.
//!
//! Each figure is counted once as
//! - **right**: read with its measure, breakdown, area, period, unit kind and
//!   value, from a table the importer is sure of;
//! - **flagged**: read from a table whose reading carries doubts (so the app
//!   asks the user to check it), whether or not it was read right;
//! - **said not read**: on a sheet or file the importer lists as not read, with its reason;
//! - **silently wrong**: missing or wrong with no doubt and no reason given,
//!   or a figure invented that the file does not hold.
//!
//! The test fails on any silently wrong figure or under 95% right (issue
//! 12's target).
//! `cargo test --test layout_corpus -- --nocapture` prints the report.

#[path = "layout_corpus/generator.rs"]
mod generator;

use csp_workbench::core::areas;
use csp_workbench::core::dataset::{Dataset, Unit, Value};
use csp_workbench::core::ingest::{clean_header, import_file, in_range};
use csp_workbench::core::period::Period;
use generator::{Generated, CLASSES};
use std::collections::{BTreeMap, HashMap};

const SEED: u64 = 12;
const WORKBOOKS: usize = 216;

#[derive(Default, Clone, Copy)]
struct Tally {
    files: usize,
    figures: usize,
    right: usize,
    flagged: usize,
    said_not_read: usize,
    silently_wrong: usize,
}

type Key = (String, Option<String>, String, Period);

fn key(measure: &str, category: Option<&str>, area: &str, period: Period) -> Key {
    (
        clean_header(measure).to_lowercase(),
        category.map(str::to_string),
        areas::normalise(area).0,
        period,
    )
}

/// What the importer made of one figure, and whether its table is in doubt.
struct Read {
    value: Option<f64>,
    additive: bool,
    doubtful: bool,
}

fn observed(data: &Dataset) -> HashMap<Key, Read> {
    let mut out = HashMap::new();
    for o in &data.observations {
        let table = data.tables.iter().find(|t| {
            t.sheet == o.source.sheet
                && (in_range(&o.source.cell, &t.range) || o.source.cell.starts_with("rows "))
        });
        let doubtful = table.is_some_and(|t| !t.reading.doubts.is_empty());
        let value = match o.value {
            Value::Number(v) => Some(v),
            Value::Missing(_) => None,
        };
        out.insert(
            key(&o.measure, o.category.as_deref(), &o.area, o.period),
            Read {
                value,
                additive: o.unit == Unit::Count,
                doubtful,
            },
        );
    }
    out
}

/// Scores one workbook; returns its tally and a description of anything silently wrong.
fn score(g: &Generated) -> (Tally, Vec<String>) {
    let mut tally = Tally {
        files: 1,
        ..Tally::default()
    };
    let mut problems = Vec::new();
    let bytes = generator::write(g);
    let unscored: Vec<String> = g
        .unscored
        .iter()
        .map(|m| clean_header(m).to_lowercase())
        .collect();
    let data = match import_file(&g.file_name, &bytes) {
        Ok(data) => data,
        Err(_) => {
            tally.figures = g.truth.len();
            tally.said_not_read = g.truth.len();
            return (tally, problems);
        }
    };
    for t in data.tables.iter().filter(|t| !t.reading.doubts.is_empty()) {
        for d in &t.reading.doubts {
            doubts_raised()
                .lock()
                .unwrap()
                .push(format!("{}: {d}", g.file_name));
        }
    }
    let mut read = observed(&data);
    for truth in &g.truth {
        let k = key(
            &truth.measure,
            truth.category.as_deref(),
            &truth.area,
            truth.period,
        );
        if unscored.contains(&k.0) {
            read.remove(&k);
            continue;
        }
        tally.figures += 1;
        let skipped = !data.skipped_sheets.is_empty();
        match read.remove(&k) {
            Some(r) if r.doubtful => tally.flagged += 1,
            Some(r) if r.value == truth.value && r.additive == truth.additive => tally.right += 1,
            Some(r) => {
                tally.silently_wrong += 1;
                problems.push(format!(
                    "{}: {k:?} read as {:?} (additive {}), truth {:?} (additive {})",
                    g.file_name, r.value, r.additive, truth.value, truth.additive
                ));
            }
            None if data.tables.iter().any(|t| !t.reading.doubts.is_empty()) => tally.flagged += 1,
            None if skipped => tally.said_not_read += 1,
            None => {
                tally.silently_wrong += 1;
                problems.push(format!("{}: {k:?} missing", g.file_name));
            }
        }
    }
    // Figures the file does not hold, read from a table the importer is sure of.
    for (k, r) in read {
        if !r.doubtful && !unscored.contains(&k.0) {
            tally.silently_wrong += 1;
            problems.push(format!("{}: invented {k:?} = {:?}", g.file_name, r.value));
        }
    }
    if problems.len() > 4 {
        let more = problems.len() - 4;
        problems.truncate(4);
        problems.push(format!("… and {more} more"));
    }
    if !problems.is_empty() {
        problems.insert(
            0,
            format!(
                "— {} ({}; {}) measures read: {:?}; doubts: {:?}",
                g.file_name,
                g.class,
                g.recipe.join(", "),
                data.tables.iter().map(|t| &t.measures).collect::<Vec<_>>(),
                data.tables
                    .iter()
                    .map(|t| &t.reading.doubts)
                    .collect::<Vec<_>>()
            ),
        );
    }
    (tally, problems)
}

/// Every doubt the importer raised, for the report.
fn doubts_raised() -> &'static std::sync::Mutex<Vec<String>> {
    static DOUBTS: std::sync::OnceLock<std::sync::Mutex<Vec<String>>> = std::sync::OnceLock::new();
    DOUBTS.get_or_init(Default::default)
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        "–".into()
    } else {
        format!("{:.1}%", part as f64 * 100.0 / whole as f64)
    }
}

fn report(
    per_class: &BTreeMap<usize, Tally>,
    per_format: &BTreeMap<&'static str, Tally>,
    all: &Tally,
) -> String {
    let mut out = String::from(
        "| layout class | workbooks | figures | read right | flagged for checking | said not read | silently wrong |\n|---|---:|---:|---:|---:|---:|---:|\n",
    );
    let row = |name: &str, t: &Tally| {
        format!(
            "| {name} | {} | {} | {} ({}) | {} | {} | {} |\n",
            t.files,
            t.figures,
            t.right,
            percent(t.right, t.figures),
            t.flagged,
            t.said_not_read,
            t.silently_wrong
        )
    };
    for (class, t) in per_class {
        out.push_str(&row(CLASSES[*class], t));
    }
    out.push_str(&row("**all**", all));
    out.push_str(
        "\n| format | workbooks | figures | read right | flagged for checking | said not read | silently wrong |\n|---|---:|---:|---:|---:|---:|---:|\n",
    );
    for (format, t) in per_format {
        out.push_str(&row(format, t));
    }
    out
}

#[test]
fn the_layout_corpus_is_read_right_or_flagged() {
    // `CORPUS_SEED=n` explores another corpus; the test's own is seed 12.
    let seed = std::env::var("CORPUS_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(SEED);
    let corpus = generator::corpus(seed, WORKBOOKS);
    let by_format = |f| corpus.iter().filter(|g| g.format == f).count();
    assert!(by_format(generator::Format::Xlsx) > 0 && by_format(generator::Format::Ods) > 0);
    assert!(by_format(generator::Format::Xls) > 0 && by_format(generator::Format::Csv) > 0);
    // The hard cases of the grammar stay in the corpus: each appears in some workbook.
    let mut missing = Vec::new();
    for feature in [
        "merged group",
        "repeated groups",
        "spacer columns",
        "units row",
        "row labels on the group row",
        "measure only in the title",
        "title names the measure",
        "quarters under a bare year",
        "calendar quarters stated",
        "blank corner",
        "interleaved subtotal",
        "blank row inside",
        "total column",
        "total column counting more than the measures shown",
        "proportion column",
        "second table below",
        "second table beside",
        "Quarter(Title)",
        "Quarter(Sheet)",
        "Quarter(File)",
        "QuarterRange",
        "YearNumber",
        "MonthDate",
        "FinancialShort",
    ] {
        let holding = corpus
            .iter()
            .filter(|g| g.recipe.iter().any(|r| r == feature || r.contains(feature)))
            .count();
        if holding == 0 {
            missing.push(feature);
        }
        if std::env::var_os("CORPUS_DOUBTS").is_some() {
            println!("case — {feature}: {holding} workbooks");
        }
    }
    let mut per_class: BTreeMap<usize, Tally> = BTreeMap::new();
    let mut per_format: BTreeMap<&'static str, Tally> = BTreeMap::new();
    let mut all = Tally::default();
    let mut problems = Vec::new();
    for g in &corpus {
        let (t, p) = score(g);
        let class = CLASSES.iter().position(|c| *c == g.class).unwrap();
        let entry = per_class.entry(class).or_default();
        let format = per_format.entry(g.format.extension()).or_default();
        for (total, part) in [(entry, t), (format, t), (&mut all, t)] {
            total.files += part.files;
            total.figures += part.figures;
            total.right += part.right;
            total.flagged += part.flagged;
            total.said_not_read += part.said_not_read;
            total.silently_wrong += part.silently_wrong;
        }
        problems.extend(p);
    }
    let table = report(&per_class, &per_format, &all);
    println!(
        "\nLayout corpus (seed {seed}, {WORKBOOKS} workbooks: .xlsx, .ods, .xls, CSV)\n\n{table}"
    );
    if std::env::var_os("CORPUS_DOUBTS").is_some() {
        for d in doubts_raised().lock().unwrap().iter() {
            println!("doubt — {d}");
        }
    }
    for p in problems.iter().take(60) {
        println!("{p}");
    }
    // The test's own corpus holds every case; another seed's may lack a rare
    // one (calendar quarters are under a third of the quarterly tables, and
    // most of them say so), and says so.
    if seed == SEED {
        assert!(
            missing.is_empty(),
            "no workbook of the corpus has {missing:?}"
        );
    } else if !missing.is_empty() {
        println!("(no workbook of this corpus has {missing:?})");
    }
    assert_eq!(
        all.silently_wrong,
        0,
        "{} figures silently wrong:\n{}",
        all.silently_wrong,
        problems
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    // Issue 12's target: 95% read right with no correction, the rest flagged.
    // What remains flagged is what no rule can settle: Q1…Q4 under a bare
    // calendar year that nothing in the workbook calls calendar or financial,
    // a measure named only by a generic title ("Partnership figures") or by
    // none, a "Total" below the sum of the measures beside it.
    assert!(
        all.right * 100 >= all.figures * 95,
        "only {} of {} figures read right with no correction",
        all.right,
        all.figures
    );
}
