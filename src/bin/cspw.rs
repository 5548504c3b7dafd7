//! `cspw`: the workbench's command-line companion, over the same core as the app.
//!
//!     cspw inspect FILE [--recipes FILE.json] [--json]
//!                                      what the browser would import from FILE (or a folder), and how
//!                                      sure it is of each table's reading
//!     cspw cells FILE SHEET [ROWS]     the first ROWS rows of a sheet as read (default 30)
//!     cspw assess FILE... [--area NAME] [--baseline FROM-TO] [--targets sample|FILE.json]
//!                 [--recipes FILE.json] [--json]
//!                                      the assessment's findings, targets and priorities;
//!                                      doubtful tables are left out and named unless the
//!                                      mappings exported from the app confirm them

use csp_workbench::core::areas;
use csp_workbench::core::assessment::reference::with_reference;
use csp_workbench::core::assessment::{
    self, report, targets::sample_targets, Options, PrioritySettings,
};
use csp_workbench::core::dataset::{Dataset, TableShape, Unit};
use csp_workbench::core::format;
use csp_workbench::core::geography::{self, Population};
use csp_workbench::core::ingest::{
    import_file_with_progress, in_range, policeuk, read_sheets, stats19, Cell, ImportError, Recipe,
};
use csp_workbench::core::period::Period;
use std::collections::BTreeMap;
use std::process::ExitCode;

const USAGE: &str = "usage: cspw inspect FILE [--recipes FILE.json] [--json] | \
cspw cells FILE SHEET [ROWS] | cspw assess FILE... [--area NAME] [--baseline FROM-TO] \
[--targets sample|FILE.json] [--recipes FILE.json] [--json]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("assess") {
        return match assess(&args[1..]) {
            Ok(text) => {
                print!("{text}");
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("{error}");
                ExitCode::FAILURE
            }
        };
    }
    let json = args.iter().any(|a| a == "--json");
    let recipes_file = args
        .iter()
        .position(|a| a == "--recipes")
        .map(|i| args.get(i + 1).cloned());
    let recipes = match recipes_file {
        Some(Some(path)) => match read_recipes(&path) {
            Ok(recipes) => recipes,
            Err(error) => {
                eprintln!("{error}");
                return ExitCode::FAILURE;
            }
        },
        Some(None) => {
            eprintln!("cspw: --recipes needs a value\n{USAGE}");
            return ExitCode::from(2);
        }
        None => Vec::new(),
    };
    let mut positional: Vec<&String> = Vec::new();
    let mut skip_next = false;
    for arg in &args {
        if std::mem::take(&mut skip_next) {
            continue;
        }
        if arg == "--recipes" {
            skip_next = true;
        } else if !arg.starts_with("--") {
            positional.push(arg);
        }
    }
    match positional.as_slice() {
        [command, path] if command.as_str() == "inspect" => match inspect(path, &recipes) {
            Ok(data) => {
                if json {
                    match serde_json::to_string_pretty(&data) {
                        Ok(text) => println!("{text}"),
                        Err(e) => {
                            eprintln!("cspw: the result could not be written as JSON ({e})");
                            return ExitCode::FAILURE;
                        }
                    }
                } else {
                    print!("{}", describe(path, &data));
                }
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("{error}");
                ExitCode::FAILURE
            }
        },
        [command, path, sheet, rest @ ..] if command.as_str() == "cells" => {
            let rows = rest.first().and_then(|r| r.parse().ok()).unwrap_or(30);
            match cells(path, sheet, rows) {
                Ok(text) => {
                    print!("{text}");
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    eprintln!("{error}");
                    ExitCode::FAILURE
                }
            }
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn read(path: &str) -> Result<(String, Vec<u8>), ImportError> {
    let name = std::path::Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string());
    let bytes = std::fs::read(path)
        .map_err(|e| ImportError::new(&name, format!("it could not be opened ({e})")))?;
    Ok((name, bytes))
}

/// `cspw assess`: every file imported as the app would, then assessed.
fn assess(args: &[String]) -> Result<String, String> {
    let mut files = Vec::new();
    let mut options = Options::default();
    let mut targets = Vec::new();
    let mut recipes = Vec::new();
    let mut json = false;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut value = |flag: &str| {
            rest.next()
                .cloned()
                .ok_or_else(|| format!("cspw: {flag} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--json" => json = true,
            "--area" => options.area = Some(value("--area")?),
            "--baseline" => {
                let span = value("--baseline")?;
                let years = span
                    .split_once(['-', '–'])
                    .and_then(|(a, b)| Some((a.trim().parse().ok()?, b.trim().parse().ok()?)))
                    .ok_or_else(|| {
                        format!("cspw: --baseline takes two years, as 2004-2008 (not “{span}”)")
                    })?;
                options.baseline = Some(years);
            }
            "--targets" => {
                let source = value("--targets")?;
                targets = if source == "sample" {
                    sample_targets()
                } else {
                    let text = std::fs::read_to_string(&source)
                        .map_err(|e| format!("cspw: {source} could not be read ({e})"))?;
                    serde_json::from_str(&text)
                        .map_err(|e| format!("cspw: {source} is not a list of targets ({e})"))?
                };
            }
            "--recipes" => recipes = read_recipes(&value("--recipes")?)?,
            flag if flag.starts_with("--") => {
                return Err(format!("cspw: unknown option {flag}\n{USAGE}"))
            }
            path => files.push(path.to_string()),
        }
    }
    if files.is_empty() {
        return Err(USAGE.to_string());
    }
    let mut data = Dataset::default();
    // STATS19 casualty and collision files given together are joined.
    let names: Vec<&str> = files.iter().map(String::as_str).collect();
    let (together, apart): (Vec<&str>, Vec<&str>) = if stats19::looks_like_a_pair(&names) {
        names.iter().partition(|n| stats19::named_like_stats19(n))
    } else {
        (Vec::new(), names)
    };
    if !together.is_empty() {
        let mut archive =
            policeuk::Files::new(together.iter().map(std::path::PathBuf::from).collect());
        let name = format!("{} files", together.len());
        data.merge_import(
            policeuk::import_archive(&name, &mut archive, None, &mut |_| {})
                .map_err(|e| e.to_string())?,
        );
    }
    for path in apart {
        data.merge_import(inspect(path, &recipes).map_err(|e| e.to_string())?);
    }
    let population = Population::parse(BUILT_IN_POPULATION)
        .map_err(|e| format!("cspw: the built-in populations could not be read ({e})"))?;
    // Derived county and force totals count as the data's areas too.
    let data = with_reference(&data, geography::national(), Some(&population)).into_owned();
    if let Some(asked) = options.area.clone() {
        options.area = Some(area_in(&data, &asked, &files)?);
    }
    let result = assessment::assess_with(
        &data,
        Some(&population),
        &options,
        &targets,
        &PrioritySettings::default(),
    )
    .ok_or_else(|| {
        format!(
            "cspw: nothing to assess in {}{}",
            files.join(", "),
            report::left_out_text(&assessment::left_out(&data))
                .trim_end()
                .replacen("\n", ".\n", 1)
        )
    })?;
    if json {
        serde_json::to_string_pretty(&result)
            .map(|t| t + "\n")
            .map_err(|e| format!("cspw: the result could not be written as JSON ({e})"))
    } else {
        Ok(report::text(&result))
    }
}

/// The populations the app fetches from `geography/population.tsv`, the same file.
const BUILT_IN_POPULATION: &str = include_str!("../../public/geography/population.tsv");

/// The data's name for the area asked for, by any of its names or its ONS code
/// ("E07000116", "Tunbridge Wells Borough Council"), or why there is none.
fn area_in(data: &Dataset, asked: &str, files: &[String]) -> Result<String, String> {
    let mut names: Vec<&str> = data.observations.iter().map(|o| o.area.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    areas::area_in_data(&names, asked).map_err(|why| format!("cspw: {why} in {}", files.join(", ")))
}

/// A file, or a folder (a police.uk download unzipped), imported as the app would.
fn inspect(path: &str, recipes: &[Recipe]) -> Result<Dataset, ImportError> {
    // Folders are read from disk natively only (the wasm build checks this file too).
    #[cfg(not(target_arch = "wasm32"))]
    if std::path::Path::new(path).is_dir() {
        return csp_workbench::core::ingest::import_folder(std::path::Path::new(path));
    }
    let (name, bytes) = read(path)?;
    import_file_with_progress(&name, &bytes, recipes, &mut |_| {})
}

/// Mappings exported from the app's Data view ("Export mappings"): a JSON list of recipes.
fn read_recipes(path: &str) -> Result<Vec<Recipe>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cspw: {path} could not be read ({e})"))?;
    serde_json::from_str(&text).map_err(|e| {
        format!("cspw: {path} is not a list of mappings exported from the Data view ({e})")
    })
}

/// A sheet's cells as the workbench reads them, one row a line, for checking detection.
fn cells(path: &str, sheet_name: &str, rows: usize) -> Result<String, ImportError> {
    let (name, bytes) = read(path)?;
    let sheets = read_sheets(&name, &bytes)?;
    let sheet = sheets
        .iter()
        .find(|s| s.name == sheet_name)
        .ok_or_else(|| {
            let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
            ImportError::new(
                &name,
                format!(
                    "it has no sheet “{sheet_name}” (its sheets: {})",
                    names.join(", ")
                ),
            )
        })?;
    let mut out = String::new();
    for (r, row) in sheet.grid.rows.iter().take(rows).enumerate() {
        let cells: Vec<String> = row
            .iter()
            .map(|c| match c {
                Cell::Empty => "·".to_string(),
                Cell::Number(n) => format!("#{n}"),
                other => format!("{:?}", other.text()),
            })
            .collect();
        out.push_str(&format!(
            "{:>5} {}\n",
            sheet.grid.a1(r, 0),
            cells.join(" | ")
        ));
    }
    Ok(out)
}

/// How sure the import is of a table's reading: "sure", or "check how this was
/// read" with each reason, and whether the user's mapping confirmed it.
fn confidence(table: &csp_workbench::core::dataset::TableSummary) -> String {
    let reading = &table.reading;
    if reading.doubts.is_empty() {
        return if reading.confirmed {
            "  confidence: confirmed by your mapping\n".to_string()
        } else {
            "  confidence: sure\n".to_string()
        };
    }
    let mut out = if reading.confirmed {
        "  confidence: doubtful, but confirmed by your mapping; the reasons were:\n".to_string()
    } else {
        "  confidence: check how this was read (left out of the assessment until confirmed):\n"
            .to_string()
    };
    for doubt in &reading.doubts {
        out.push_str(&format!("    - {doubt}\n"));
    }
    out
}

/// The human-readable report: each table, its layout, and its first figures.
fn describe(path: &str, data: &Dataset) -> String {
    let mut out = format!("{path}: {}\n", data.summary());
    for table in &data.tables {
        out.push_str(&format!(
            "\nsheet “{}”, cells {}: {}, {} rows, {} figures\n  header: {}\n",
            table.sheet,
            table.range,
            table.shape.describe(),
            format::count(table.body_rows as f64),
            format::count(table.observations as f64),
            table.header.join(" | ")
        ));
        // A download's tables gather many files (sheets): their figures are found by measure.
        let gathered = table.shape == TableShape::Records && table.range.ends_with(" files");
        let figures: Vec<_> = data
            .observations
            .iter()
            .filter(|o| {
                o.source.file == table.file
                    && (o.source.sheet == table.sheet
                        || (gathered && table.measures.contains(&o.measure)))
            })
            .filter(|o| {
                table.shape == TableShape::Records || in_range(&o.source.cell, &table.range)
            })
            .collect();
        out.push_str(&confidence(table));
        let mut units: Vec<(&str, Unit)> = figures
            .iter()
            .filter(|o| !o.unit.is_additive())
            .map(|o| (o.measure.as_str(), o.unit))
            .collect();
        units.sort_by(|a, b| a.0.cmp(b.0));
        units.dedup();
        for (measure, unit) in units {
            out.push_str(&format!("  unit of {measure}: {}\n", unit.describe()));
        }
        for note in &table.notes {
            out.push_str(&format!("  note: {note}\n"));
        }
        if table.shape == TableShape::Records {
            // Counts by measure and area (whole figures, not breakdowns), by period.
            let mut by_measure: BTreeMap<(&str, &str, String), BTreeMap<Period, f64>> =
                BTreeMap::new();
            for o in figures.iter().filter(|o| o.category.is_none()) {
                *by_measure
                    .entry((
                        o.measure.as_str(),
                        o.area.as_str(),
                        format!("{:?}", o.area_level),
                    ))
                    .or_default()
                    .entry(o.period)
                    .or_default() += o.value.number().unwrap_or(0.0);
            }
            out.push_str("  counts by measure, area and period:\n");
            let lines = by_measure.len();
            for ((measure, area, level), periods) in by_measure.into_iter().take(40) {
                let cells: Vec<String> = periods
                    .iter()
                    .take(6)
                    .map(|(p, n)| format!("{}: {}", p.label(), format::count(*n)))
                    .collect();
                let more = if periods.len() > 6 { ", …" } else { "" };
                out.push_str(&format!(
                    "    {measure} · {area} ({level}): {}{more}\n",
                    cells.join(", ")
                ));
            }
            if lines > 40 {
                out.push_str(&format!("    … and {} more\n", lines - 40));
            }
            continue;
        }
        for o in figures.iter().take(8) {
            let value = match o.value.number() {
                Some(n) => o.unit.show(n),
                None => format!("missing ({:?})", o.value),
            };
            let category = o
                .category
                .as_deref()
                .map(|c| format!(" · {c}"))
                .unwrap_or_default();
            out.push_str(&format!(
                "    {}{category} · {} · {} = {value}  [{}]\n",
                o.measure,
                o.area,
                o.period.label(),
                o.source.cell
            ));
        }
        if figures.len() > 8 {
            out.push_str(&format!(
                "    … and {} more\n",
                format::count((figures.len() - 8) as f64)
            ));
        }
    }
    for skipped in &data.skipped_sheets {
        out.push_str(&format!(
            "\nsheet “{}”: no table ({})\n",
            skipped.sheet, skipped.reason
        ));
    }
    out
}
