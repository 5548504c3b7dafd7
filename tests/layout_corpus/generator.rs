//! The layout corpus: workbooks laid out the ways district analysts lay them
//! out, made from seeded random combinations of the grammar in issue 12 —
//! title and note rows, one-, two- and three-row headers, merged or repeated
//! group labels, spacer columns, unit rows, header cells of every type
//! (years as numbers, dates, 2014/15, 04/05, Q1…Q4, Apr–Jun 2015), every
//! orientation, record-level lists, R/pandas/Stata headers, totals, blank
//! rows and second tables — each written as .xlsx, .ods, .xls (BIFF8, by the
//! small writer in `biff.rs`) or CSV with the ground truth of every figure it
//! holds.

#![allow(dead_code)]

#[path = "biff.rs"]
mod biff;

use csp_workbench::core::period::Period;
use std::io::Write;

/// A small, seeded generator (SplitMix64): the same seed gives the same corpus.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// `n` distinct items, in their original order.
    pub fn some<T: Clone>(&mut self, items: &[T], n: usize) -> Vec<T> {
        let mut idx: Vec<usize> = (0..items.len()).collect();
        for i in (1..idx.len()).rev() {
            let j = self.below(i + 1);
            idx.swap(i, j);
        }
        let mut chosen: Vec<usize> = idx.into_iter().take(n.min(items.len())).collect();
        chosen.sort_unstable();
        chosen.into_iter().map(|i| items[i].clone()).collect()
    }
}

/// One cell as written.
#[derive(Clone, Debug, PartialEq)]
pub enum V {
    E,
    T(String),
    N(f64),
    /// A date cell (year, month, day).
    D(i32, u8, u8),
}

fn t(s: impl Into<String>) -> V {
    V::T(s.into())
}

#[derive(Clone, Debug, Default)]
pub struct GSheet {
    pub name: String,
    pub rows: Vec<Vec<V>>,
    /// Merged ranges (first row, first col, last row, last col); the value sits top-left.
    pub merges: Vec<(usize, usize, usize, usize)>,
}

impl GSheet {
    fn set(&mut self, r: usize, c: usize, v: V) {
        while self.rows.len() <= r {
            self.rows.push(Vec::new());
        }
        let row = &mut self.rows[r];
        while row.len() <= c {
            row.push(V::E);
        }
        row[c] = v;
    }
}

/// One figure the file holds, as the importer should read it.
#[derive(Clone, Debug, PartialEq)]
pub struct Truth {
    /// As written in the header (compared after the importer's header cleaning).
    pub measure: String,
    pub category: Option<String>,
    /// As written (compared after `areas::normalise`).
    pub area: String,
    pub period: Period,
    /// `false` for rates, percentages and other figures that must not be summed.
    pub additive: bool,
    /// `None` for a suppressed or missing figure.
    pub value: Option<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Ods,
    Xls,
    Csv,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Ods => "ods",
            Format::Xls => "xls",
            Format::Csv => "csv",
        }
    }
}

/// One workbook of the corpus with its ground truth.
pub struct Generated {
    pub file_name: String,
    pub format: Format,
    /// The layout class of its main table ("periods across, measures down", …).
    pub class: &'static str,
    /// What was combined, for a failure message.
    pub recipe: Vec<String>,
    pub sheets: Vec<GSheet>,
    pub truth: Vec<Truth>,
    /// Measures whose figures are not scored (a "Total" column, a population base).
    pub unscored: Vec<String>,
}

pub const CLASSES: [&str; 9] = [
    "periods across, measures down",
    "periods across, areas down",
    "measures × periods across (two-level header)",
    "measures across, areas down",
    "areas across (transposed)",
    "periods down",
    "long (one row per figure)",
    "record-level list",
    "R / pandas / Stata export",
];

const DISTRICTS: [&str; 12] = [
    "Ashford",
    "Canterbury",
    "Dartford",
    "Dover",
    "Gravesham",
    "Maidstone",
    "Sevenoaks",
    "Shepway",
    "Swale",
    "Thanet",
    "Tonbridge and Malling",
    "Tunbridge Wells",
];

const MEASURES: [&str; 14] = [
    "All crime",
    "Violence against the person",
    "Robbery",
    "Burglary dwelling",
    "Criminal damage",
    "Shoplifting",
    "Drug offences",
    "Domestic abuse incidents",
    "Anti-social behaviour",
    "Vehicle crime",
    "Sexual offences",
    "Hate crime",
    "Public order offences",
    "Theft from the person",
];

const CASUALTY_GROUPS: [&str; 5] = [
    "Killed or seriously injured",
    "Slight casualties",
    "Child casualties",
    "Pedestrian casualties",
    "Pedal cyclist casualties",
];

/// Stands for the table's title in the truth of a measure only the title names.
const TITLE: &str = "(the title)";

/// How a run of periods is written in a header.
#[derive(Clone, Copy, Debug, PartialEq)]
enum PeriodStyle {
    YearNumber,
    YearText,
    FinancialYear,
    FinancialShort,
    MonthDate,
    MonthText,
    /// Q1…Q4 with the financial year stated in the title, sheet or file name.
    Quarter(Where),
    QuarterRange,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Where {
    Title,
    Sheet,
    File,
}

const PERIOD_STYLES: [PeriodStyle; 10] = [
    PeriodStyle::YearNumber,
    PeriodStyle::YearText,
    PeriodStyle::FinancialYear,
    PeriodStyle::FinancialShort,
    PeriodStyle::MonthDate,
    PeriodStyle::MonthText,
    PeriodStyle::Quarter(Where::Title),
    PeriodStyle::Quarter(Where::Sheet),
    PeriodStyle::Quarter(Where::File),
    PeriodStyle::QuarterRange,
];

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A run of `n` periods: the header cells and the periods they mean, plus
/// where the year must be stated for the run to be read (Q1…Q4).
struct PeriodRun {
    cells: Vec<V>,
    periods: Vec<Period>,
    /// Text naming the year, to put in the title, sheet or file name.
    context: Option<(Where, String)>,
    /// A note row under the title saying how the periods are counted.
    note: Option<String>,
}

fn period_run(rng: &mut Rng, style: PeriodStyle, n: usize, csv: bool) -> PeriodRun {
    let year = rng.range(2005, 2016) as i32;
    let mut cells = Vec::new();
    let mut periods = Vec::new();
    let mut context = None;
    let mut note = None;
    match style {
        PeriodStyle::YearNumber | PeriodStyle::YearText => {
            for i in 0..n as i32 {
                let y = year + i;
                cells.push(if style == PeriodStyle::YearNumber {
                    V::N(y as f64)
                } else {
                    t(y.to_string())
                });
                periods.push(Period::calendar_year(y));
            }
        }
        PeriodStyle::FinancialYear | PeriodStyle::FinancialShort => {
            for i in 0..n as i32 {
                let y = year + i;
                cells.push(t(if style == PeriodStyle::FinancialYear {
                    format!("{y}/{:02}", (y + 1) % 100)
                } else {
                    format!("{:02}/{:02}", y % 100, (y + 1) % 100)
                }));
                periods.push(Period::financial_year(y));
            }
        }
        PeriodStyle::MonthDate | PeriodStyle::MonthText => {
            let first = rng.below(12) as i32;
            for i in 0..n as i32 {
                let m = (first + i) % 12;
                let y = year + (first + i) / 12;
                // A CSV has no date cells: Excel writes the date as text.
                cells.push(if style == PeriodStyle::MonthDate && !csv {
                    V::D(y, m as u8 + 1, 1)
                } else if style == PeriodStyle::MonthDate {
                    t(format!("01/{:02}/{y}", m + 1))
                } else {
                    t(format!("{}-{:02}", MONTHS[m as usize], y % 100))
                });
                periods.push(Period::month(y, m as u8 + 1));
            }
        }
        PeriodStyle::Quarter(place) => {
            // Mostly a financial year ("2012/13"); sometimes a calendar year.
            // Real files of calendar quarters mostly say so — "calendar year
            // 2012", "January to December 2012", a note that Q1 is January to
            // March — but some give a bare year, which the importer reads as
            // calendar quarters and flags (UK public-sector files mostly
            // count financial quarters).
            let calendar = rng.chance(30);
            let evidence = calendar.then(|| rng.below(5));
            for q in 0..n.min(4) as u8 {
                cells.push(t(format!("Q{}", q + 1)));
                periods.push(if calendar {
                    Period::calendar_quarter(year, q + 1).expect("a quarter")
                } else {
                    Period::financial_quarter(year, q + 1).expect("a quarter")
                });
            }
            context = Some((
                place,
                match evidence {
                    None => format!("{year}/{:02}", (year + 1) % 100),
                    Some(0) => format!("calendar year {year}"),
                    Some(1) if place == Where::Title => format!("January to December {year}"),
                    Some(1) => format!("calendar year {year}"),
                    Some(2) => {
                        note = Some(
                            "Quarters are calendar quarters: Q1 is January to March.".to_string(),
                        );
                        year.to_string()
                    }
                    _ => year.to_string(),
                },
            ));
        }
        PeriodStyle::QuarterRange => {
            for q in 0..n.min(4) as i32 {
                let first = 3 + q * 3; // Apr, Jul, Oct, Jan
                let y = year + first / 12;
                let m = first % 12;
                cells.push(t(format!(
                    "{}–{} {y}",
                    MONTHS[m as usize],
                    MONTHS[m as usize + 2]
                )));
                periods.push(Period::financial_quarter(year, q as u8 + 1).expect("a quarter"));
            }
        }
    }
    PeriodRun {
        cells,
        periods,
        context,
        note,
    }
}

/// A realistic count for a measure in an area: larger for broad measures.
fn count(rng: &mut Rng, measure: &str) -> f64 {
    let scale = if measure.starts_with("All") {
        6000
    } else if measure.contains("casualties") {
        120
    } else {
        700
    };
    (rng.range(scale / 10, scale)) as f64
}

/// A figure as written: mostly a number, sometimes text with a comma or a
/// suppression marker (whose truth is "missing").
fn figure(rng: &mut Rng, value: f64, na: &str) -> (V, Option<f64>) {
    match rng.below(40) {
        0 => (t(na), None),
        1 | 2 if value >= 1000.0 => (t(format_thousands(value)), Some(value)),
        _ => (V::N(value), Some(value)),
    }
}

fn format_thousands(v: f64) -> String {
    let n = v as i64;
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Title, source and note rows above a table; the first row is the title.
fn title_block(rng: &mut Rng, title: &str) -> Vec<Vec<V>> {
    let n = rng.range(0, 8);
    if n == 0 {
        return Vec::new();
    }
    let mut rows = vec![vec![t(title)]];
    let notes = [
        "Source: Kent Police recorded crime",
        "Figures exclude fraud reported to Action Fraud.",
        "Data extracted on 3 May 2016.",
        "Notes:",
        "1. Figures for the latest year are provisional and may be revised when the data are refreshed.",
        "Produced by the Kent Community Safety Team",
    ];
    while rows.len() < n {
        if rng.chance(35) {
            rows.push(Vec::new());
        } else {
            rows.push(vec![t(*rng.pick(&notes))]);
        }
    }
    // A table sits below at least one blank row or a note; keep it simple: end with a blank.
    if rng.chance(70) {
        rows.push(Vec::new());
    }
    rows
}

/// The pieces a table is built from, before it is laid out in a sheet.
struct Built {
    rows: Vec<Vec<V>>,
    merges: Vec<(usize, usize, usize, usize)>,
    truth: Vec<Truth>,
    unscored: Vec<String>,
    /// Where the period of every figure must be stated when the table has none.
    context: Option<(Where, String)>,
    /// A note row to write under the title.
    note: Option<String>,
    /// The measure of a table that only its title names.
    title_measure: Option<String>,
    recipe: Vec<String>,
}

impl Built {
    fn new() -> Built {
        Built {
            rows: Vec::new(),
            merges: Vec::new(),
            truth: Vec::new(),
            unscored: Vec::new(),
            context: None,
            note: None,
            title_measure: None,
            recipe: Vec::new(),
        }
    }
}

/// The areas down a table: some districts, maybe the county at the top or
/// bottom, maybe a subtotal between them.
fn areas_down(rng: &mut Rng, recipe: &mut Vec<String>) -> Vec<String> {
    let n = rng.range(3, 12);
    let mut areas: Vec<String> = rng
        .some(&DISTRICTS, n)
        .into_iter()
        .map(String::from)
        .collect();
    if rng.chance(20) && areas.len() > 3 {
        areas.insert(areas.len() / 2, "West Kent division".into());
        recipe.push("interleaved subtotal".into());
    }
    match rng.below(4) {
        0 => {
            areas.insert(0, "Kent".into());
            recipe.push("county first".into());
        }
        1 => {
            areas.push("Kent".into());
            recipe.push("county last".into());
        }
        _ => {}
    }
    areas
}

fn period_context(rng: &mut Rng) -> (Where, String, Period) {
    let year = rng.range(2008, 2016) as i32;
    let place = *rng.pick(&[Where::Title, Where::Title, Where::Sheet, Where::File]);
    let text = match rng.below(3) {
        0 => format!("{year}/{:02}", (year + 1) % 100),
        1 => format!("April {year} to March {}", year + 1),
        _ => format!("{year}-{:02}", (year + 1) % 100),
    };
    (place, text, Period::financial_year(year))
}

/// A header row for the row labels of a table, in one of the ways it is written.
fn row_label_header(rng: &mut Rng, kind: &str) -> String {
    match kind {
        "area" => rng
            .pick(&["District", "Area", "CSP", "Local authority"])
            .to_string(),
        _ => rng
            .pick(&[
                "Measure",
                "Indicator",
                "Offence",
                "Crime type",
                "Casualty group",
            ])
            .to_string(),
    }
}

/// Periods across, measures down; one area or an area column first.
fn periods_across_measures_down(rng: &mut Rng, csv: bool) -> Built {
    let mut b = Built::new();
    let style = *rng.pick(&PERIOD_STYLES);
    let run = {
        let n = rng.range(2, 6);
        period_run(rng, style, n, csv)
    };
    b.context = run.context.clone();
    b.note = run.note.clone();
    b.recipe.push(format!("{style:?}"));
    let mut first = row_label_header(rng, "measure");
    let pool: &[&str] = if first == "Casualty group" {
        &CASUALTY_GROUPS
    } else {
        &MEASURES
    };
    let n = rng.range(2, pool.len().min(8));
    let measures = rng.some(pool, n);
    let with_area = rng.chance(30);
    if !with_area && rng.chance(20) {
        first = String::new();
        b.recipe.push("blank corner".into());
    }
    let na = *rng.pick(&["..", "x", "-", "[c]"]);
    let mut header = Vec::new();
    if with_area {
        header.push(t(row_label_header(rng, "area")));
        b.recipe.push("area column".into());
    }
    header.push(t(first.clone()));
    header.extend(run.cells.clone());
    b.rows.push(header);
    let areas: Vec<String> = if with_area {
        {
            let n = rng.range(2, 4);
            rng.some(&DISTRICTS, n)
        }
        .into_iter()
        .map(String::from)
        .collect()
    } else {
        vec![tidy_area_not_stated()]
    };
    for area in &areas {
        for m in &measures {
            let mut row = Vec::new();
            if with_area {
                row.push(t(area.clone()));
            }
            row.push(t(*m));
            for p in &run.periods {
                let (cell, value) = {
                    let v = count(rng, m);
                    figure(rng, v, na)
                };
                row.push(cell);
                b.truth.push(Truth {
                    measure: m.to_string(),
                    category: None,
                    area: area.clone(),
                    period: *p,
                    additive: true,
                    value,
                });
            }
            b.rows.push(row);
        }
    }
    b
}

fn tidy_area_not_stated() -> String {
    csp_workbench::core::ingest::AREA_NOT_STATED.to_string()
}

/// Periods across, areas down, one measure named by a group label over the periods.
fn periods_across_areas_down(rng: &mut Rng, csv: bool) -> Built {
    let mut b = Built::new();
    let style = *rng.pick(&PERIOD_STYLES);
    let run = {
        let n = rng.range(2, 6);
        period_run(rng, style, n, csv)
    };
    b.context = run.context.clone();
    b.note = run.note.clone();
    b.recipe.push(format!("{style:?}"));
    let measure = *rng.pick(&MEASURES);
    let areas = areas_down(rng, &mut b.recipe);
    let na = *rng.pick(&["..", "x", "*"]);
    let merged = !csv && rng.chance(50);
    // Sometimes only the title names the measure: the importer must say so.
    let title_only = rng.chance(15);
    let mut group = vec![V::E];
    for i in 0..run.cells.len() {
        group.push(if i == 0 || !merged && rng.chance(50) {
            t(measure)
        } else {
            V::E
        });
    }
    if merged && !title_only {
        b.merges.push((0, 1, 0, run.cells.len()));
        b.recipe.push("merged group".into());
    }
    let measure = if title_only {
        b.recipe.push("measure only in the title".into());
        b.title_measure = Some(measure.to_string());
        TITLE
    } else {
        b.rows.push(group);
        measure
    };
    let mut header = vec![t(row_label_header(rng, "area"))];
    header.extend(run.cells.clone());
    b.rows.push(header);
    body_by_area(rng, &mut b, &areas, &[(measure, &run.periods)], na, false);
    b
}

/// Rows of areas, with blank rows sometimes between them.
fn body_by_area(
    rng: &mut Rng,
    b: &mut Built,
    areas: &[String],
    groups: &[(&str, &[Period])],
    na: &str,
    spacers: bool,
) {
    let blank_inside = rng.chance(15) && areas.len() > 4;
    if blank_inside {
        b.recipe.push("blank row inside".into());
    }
    for (i, area) in areas.iter().enumerate() {
        if blank_inside && i == areas.len() / 2 {
            b.rows.push(Vec::new());
        }
        let mut row = vec![t(area.clone())];
        for (gi, (measure, periods)) in groups.iter().enumerate() {
            if spacers && gi > 0 {
                row.push(V::E);
            }
            for p in periods.iter() {
                let (cell, value) = {
                    let v = count(rng, measure);
                    figure(rng, v, na)
                };
                row.push(cell);
                b.truth.push(Truth {
                    measure: measure.to_string(),
                    category: None,
                    area: area.clone(),
                    period: *p,
                    additive: true,
                    value,
                });
            }
        }
        b.rows.push(row);
    }
}

/// Periods over measures across, areas down: the period is the group label.
fn periods_over_measures(rng: &mut Rng, csv: bool) -> Built {
    let mut b = Built::new();
    let style = *rng.pick(&[
        PeriodStyle::YearNumber,
        PeriodStyle::FinancialYear,
        PeriodStyle::MonthDate,
        PeriodStyle::QuarterRange,
    ]);
    let n = rng.range(2, 3);
    let run = period_run(rng, style, n, csv);
    let n = rng.range(2, 4);
    let measures = rng.some(&MEASURES, n);
    let areas = areas_down(rng, &mut b.recipe);
    let merged = !csv && rng.chance(50);
    let labels_on_group_row = rng.chance(50);
    b.recipe.push(format!("periods over measures, {style:?}"));
    b.recipe.push(
        if merged {
            "merged groups"
        } else {
            "repeated groups"
        }
        .into(),
    );
    let area_header = row_label_header(rng, "area");
    let mut group = vec![if labels_on_group_row {
        t(area_header.clone())
    } else {
        V::E
    }];
    let mut header = vec![if labels_on_group_row {
        V::E
    } else {
        t(area_header)
    }];
    for (pi, cell) in run.cells.iter().enumerate() {
        let first = 1 + pi * measures.len();
        for (mi, m) in measures.iter().enumerate() {
            group.push(if mi == 0 || !merged {
                cell.clone()
            } else {
                V::E
            });
            header.push(t(*m));
        }
        if merged {
            b.merges.push((0, first, 0, first + measures.len() - 1));
        }
    }
    b.rows.push(group);
    b.rows.push(header);
    for area in &areas {
        let mut row = vec![t(area.clone())];
        for p in &run.periods {
            for m in &measures {
                let v = count(rng, m);
                let (cell, value) = figure(rng, v, "..");
                row.push(cell);
                b.truth.push(Truth {
                    measure: m.to_string(),
                    category: None,
                    area: area.clone(),
                    period: *p,
                    additive: true,
                    value,
                });
            }
        }
        b.rows.push(row);
    }
    b
}

/// Measures over periods across, areas down: a two- or three-row header.
fn two_level(rng: &mut Rng, csv: bool) -> Built {
    if rng.chance(30) {
        return periods_over_measures(rng, csv);
    }
    let mut b = Built::new();
    let style = *rng.pick(&PERIOD_STYLES);
    let n_periods = rng.range(2, 4);
    let run = period_run(rng, style, n_periods, csv);
    b.context = run.context.clone();
    b.note = run.note.clone();
    b.recipe.push(format!("{style:?}"));
    let measures = {
        let n = rng.range(2, 5);
        rng.some(&MEASURES, n)
    };
    let areas = areas_down(rng, &mut b.recipe);
    let na = *rng.pick(&["..", "x", "*", "-"]);
    let merged = !csv && rng.chance(60);
    let spacers = rng.chance(25);
    let labels_on_group_row = rng.chance(50);
    let population = rng.chance(30);
    let units_row = rng.chance(25);
    b.recipe.push(
        if merged {
            "merged groups"
        } else {
            "repeated groups"
        }
        .into(),
    );
    if spacers {
        b.recipe.push("spacer columns".into());
    }
    if labels_on_group_row {
        b.recipe.push("row labels on the group row".into());
    }
    if units_row {
        b.recipe.push("units row".into());
    }
    let area_header = row_label_header(rng, "area");
    let pop_header = "Population (mid-2015)";
    let lead = if population { 2 } else { 1 };
    let mut group = vec![V::E; lead];
    let mut header = vec![V::E; lead];
    let (upper, lower) = if labels_on_group_row {
        (&mut group, &mut Vec::<V>::new())
    } else {
        (&mut header, &mut Vec::<V>::new())
    };
    let _ = lower;
    upper[0] = t(area_header.clone());
    if population {
        upper[1] = t(pop_header);
        b.unscored.push(pop_header.into());
    }
    let mut col = lead;
    for (gi, m) in measures.iter().enumerate() {
        if spacers && gi > 0 {
            group.push(V::E);
            header.push(V::E);
            col += 1;
        }
        for (i, cell) in run.cells.iter().enumerate() {
            group.push(if i == 0 || !merged { t(*m) } else { V::E });
            header.push(cell.clone());
        }
        if merged {
            b.merges.push((0, col, 0, col + run.cells.len() - 1));
        }
        col += run.cells.len();
    }
    b.rows.push(group);
    b.rows.push(header);
    if units_row {
        let mut units = vec![V::E; lead];
        for (gi, _) in measures.iter().enumerate() {
            if spacers && gi > 0 {
                units.push(V::E);
            }
            for _ in &run.periods {
                units.push(t(*rng.pick(&["Number", "Count", "No."])));
            }
        }
        b.rows.push(units);
    }
    let groups: Vec<(&str, &[Period])> = measures
        .iter()
        .map(|m| (*m, run.periods.as_slice()))
        .collect();
    let start = b.rows.len();
    body_by_area(rng, &mut b, &areas, &groups, na, spacers);
    if population {
        for row in b.rows[start..].iter_mut().filter(|r| !r.is_empty()) {
            row.insert(1, V::N(rng.range(60_000, 160_000) as f64));
        }
    }
    b
}

/// Measures across, areas down; the period in a column or stated once.
fn measures_across(rng: &mut Rng, csv: bool, export_style: Option<&str>) -> Built {
    let mut b = Built::new();
    let measures = {
        let n = rng.range(2, 6);
        rng.some(&MEASURES, n)
    };
    let areas = areas_down(rng, &mut b.recipe);
    let na = if export_style.is_some() {
        "NA"
    } else {
        *rng.pick(&["..", "x", "-"])
    };
    let period_column = export_style.is_some() || rng.chance(50);
    let total_column = export_style.is_none() && rng.chance(25);
    let rate = export_style.is_none() && rng.chance(15);
    let style = *rng.pick(&[
        PeriodStyle::YearNumber,
        PeriodStyle::YearText,
        PeriodStyle::FinancialYear,
        PeriodStyle::MonthDate,
        PeriodStyle::MonthText,
    ]);
    let periods = if period_column {
        b.recipe.push(format!("period column {style:?}"));
        {
            let n = rng.range(1, 3);
            period_run(rng, style, n, csv)
        }
    } else {
        let (place, text, period) = period_context(rng);
        b.recipe.push(format!("period in {place:?}"));
        b.context = Some((place, text));
        PeriodRun {
            cells: vec![],
            periods: vec![period],
            context: None,
            note: None,
        }
    };
    let header_of = |rng: &mut Rng, label: &str| -> String {
        match export_style {
            Some("r") => label.replace([' ', '-'], "."),
            Some("pandas") => label.to_lowercase().replace([' ', '-'], "_"),
            Some("stata") => label.to_lowercase().replace([' ', '-'], "_"),
            _ => {
                let _ = rng;
                label.to_string()
            }
        }
    };
    let mut header = Vec::new();
    let row_numbers = match export_style {
        Some("r") => Some(*rng.pick(&["", "X", "...1"])),
        Some("pandas") => Some(*rng.pick(&["", "Unnamed: 0"])),
        _ => None,
    };
    if let Some(h) = row_numbers {
        header.push(t(h));
        b.recipe.push(format!("row numbers under “{h}”"));
    }
    let area_label = match export_style {
        Some(_) => rng.pick(&["area", "district", "csp_name"]).to_string(),
        None => row_label_header(rng, "area"),
    };
    header.push(t(area_label));
    if period_column {
        let label = *rng.pick(&["Year", "Period", "Financial year", "Month"]);
        header.push(t(header_of(rng, label)));
    }
    for m in &measures {
        header.push(t(header_of(rng, m)));
    }
    let rate_label = "Crime rate per 1,000 population";
    if rate {
        header.push(t(rate_label));
    }
    // A share written as a fraction (0.22): never a count.
    let share = export_style.is_none() && rng.chance(15);
    let share_label = *rng.pick(&["Repeat victimisation rate", "Proportion of repeat victims"]);
    if share {
        header.push(t(share_label));
        b.recipe.push("proportion column".into());
    }
    // A total of the measures shown adds nothing; one that also counts
    // offences not shown is the table's whole, which the reader must flag.
    let total_beyond_shown = total_column && rng.chance(50);
    if total_column {
        header.push(t("Total"));
        if !total_beyond_shown {
            b.unscored.push("Total".into());
        }
        b.recipe.push(
            if total_beyond_shown {
                "total column counting more than the measures shown"
            } else {
                "total column"
            }
            .into(),
        );
    }
    b.rows.push(header);
    let mut n = 0;
    for (pi, p) in periods.periods.iter().enumerate() {
        for area in &areas {
            n += 1;
            let mut row = Vec::new();
            if row_numbers.is_some() {
                row.push(V::N(n as f64));
            }
            row.push(t(area.clone()));
            if period_column {
                row.push(periods.cells[pi].clone());
            }
            let mut total = 0.0;
            for m in &measures {
                let (cell, value) = {
                    let v = count(rng, m);
                    figure(rng, v, na)
                };
                total += value.unwrap_or(0.0);
                row.push(cell);
                b.truth.push(Truth {
                    measure: header_of(rng, m),
                    category: None,
                    area: area.clone(),
                    period: *p,
                    additive: true,
                    value,
                });
            }
            if rate {
                let value = (rng.range(200, 1200) as f64) / 10.0;
                row.push(V::N(value));
                b.truth.push(Truth {
                    measure: rate_label.into(),
                    category: None,
                    area: area.clone(),
                    period: *p,
                    additive: false,
                    value: Some(value),
                });
            }
            if share {
                let value = (rng.range(50, 450) as f64) / 1000.0;
                row.push(V::N(value));
                b.truth.push(Truth {
                    measure: share_label.into(),
                    category: None,
                    area: area.clone(),
                    period: *p,
                    additive: false,
                    value: Some(value),
                });
            }
            if total_column {
                let beyond = if total_beyond_shown {
                    rng.range(50, 400) as f64
                } else {
                    0.0
                };
                row.push(V::N(total + beyond));
                // A total of more than the measures shown is a measure of
                // its own, named for what it is.
                if total_beyond_shown {
                    b.truth.push(Truth {
                        measure: "Total (includes categories not shown)".into(),
                        category: None,
                        area: area.clone(),
                        period: *p,
                        additive: true,
                        value: Some(total + beyond),
                    });
                }
            }
            b.rows.push(row);
        }
    }
    b
}

/// Areas across: measures down, the period stated once.
fn areas_across(rng: &mut Rng) -> Built {
    let mut b = Built::new();
    let areas: Vec<String> = {
        let n = rng.range(3, 8);
        rng.some(&DISTRICTS, n)
    }
    .into_iter()
    .map(String::from)
    .collect();
    let mut areas = areas;
    if rng.chance(50) {
        areas.push("Kent".into());
    }
    let measures = {
        let n = rng.range(2, 6);
        rng.some(&MEASURES, n)
    };
    let (place, text, period) = period_context(rng);
    b.context = Some((place, text));
    b.recipe.push(format!("period in {place:?}"));
    let mut header = vec![t(row_label_header(rng, "measure"))];
    header.extend(areas.iter().map(|a| t(a.clone())));
    b.rows.push(header);
    for m in &measures {
        let mut row = vec![t(*m)];
        for area in &areas {
            let (cell, value) = {
                let v = count(rng, m);
                figure(rng, v, "..")
            };
            row.push(cell);
            b.truth.push(Truth {
                measure: m.to_string(),
                category: None,
                area: area.clone(),
                period,
                additive: true,
                value,
            });
        }
        b.rows.push(row);
    }
    b
}

/// Periods down, measures across, for one area (not stated) or with an area column.
fn periods_down(rng: &mut Rng, csv: bool) -> Built {
    let mut b = Built::new();
    let style = *rng.pick(&[
        PeriodStyle::YearNumber,
        PeriodStyle::FinancialYear,
        PeriodStyle::FinancialShort,
        PeriodStyle::MonthDate,
        PeriodStyle::MonthText,
        PeriodStyle::QuarterRange,
    ]);
    b.recipe.push(format!("{style:?}"));
    let run = {
        let n = rng.range(3, 12);
        period_run(rng, style, n, csv)
    };
    let measures = {
        let n = rng.range(1, 5);
        rng.some(&MEASURES, n)
    };
    let mut header = vec![t(*rng.pick(&["Period", "Month", "Year", "Date", "Quarter"]))];
    header.extend(measures.iter().map(|m| t(*m)));
    b.rows.push(header);
    let area = tidy_area_not_stated();
    for (cell, p) in run.cells.iter().zip(&run.periods) {
        let mut row = vec![cell.clone()];
        for m in &measures {
            let (v, value) = {
                let v = count(rng, m);
                figure(rng, v, "..")
            };
            row.push(v);
            b.truth.push(Truth {
                measure: m.to_string(),
                category: None,
                area: area.clone(),
                period: *p,
                additive: true,
                value,
            });
        }
        b.rows.push(row);
    }
    b
}

/// One row per figure.
fn long(rng: &mut Rng, csv: bool) -> Built {
    let mut b = Built::new();
    let style = *rng.pick(&[
        PeriodStyle::YearNumber,
        PeriodStyle::FinancialYear,
        PeriodStyle::MonthDate,
        PeriodStyle::MonthText,
    ]);
    b.recipe.push(format!("{style:?}"));
    let run = {
        let n = rng.range(1, 4);
        period_run(rng, style, n, csv)
    };
    let measures = {
        let n = rng.range(1, 4);
        rng.some(&MEASURES, n)
    };
    let areas = {
        let n = rng.range(2, 6);
        rng.some(&DISTRICTS, n)
    };
    b.rows.push(vec![
        t(*rng.pick(&["Area", "CSP", "District"])),
        t(*rng.pick(&["Period", "Year", "Month"])),
        t(*rng.pick(&["Measure", "Offence", "Indicator"])),
        t(*rng.pick(&["Value", "Count", "Number"])),
    ]);
    for area in &areas {
        for (cell, p) in run.cells.iter().zip(&run.periods) {
            for m in &measures {
                let (v, value) = {
                    let v = count(rng, m);
                    figure(rng, v, "..")
                };
                b.rows.push(vec![t(*area), cell.clone(), t(*m), v]);
                b.truth.push(Truth {
                    measure: m.to_string(),
                    category: None,
                    area: area.to_string(),
                    period: *p,
                    additive: true,
                    value,
                });
            }
        }
    }
    b
}

/// One row per arrest, incident, referral, case or call: an ID, a date,
/// categories and an area, counted by the importer per month.
fn record_list(rng: &mut Rng, csv: bool, noun: &str) -> Built {
    let mut b = Built::new();
    let categories: &[(&str, &[&str])] = &[
        (
            "Offence",
            &[
                "Theft",
                "Assault",
                "Criminal damage",
                "Drugs possession",
                "Burglary",
            ],
        ),
        (
            "Outcome",
            &[
                "Charged",
                "Cautioned",
                "No further action",
                "Released under investigation",
            ],
        ),
        (
            "Location type",
            &["Street", "Dwelling", "Shop", "Licensed premises"],
        ),
        (
            "Referral source",
            &["Police", "Health", "Education", "Self"],
        ),
    ];
    let chosen = {
        let n = rng.range(1, 3);
        rng.some(categories, n)
    };
    let with_area = rng.chance(60);
    let areas = {
        let n = rng.range(2, 4);
        rng.some(&DISTRICTS, n)
    };
    let year = rng.range(2014, 2019) as i32;
    let date_style = rng.below(3);
    let mut header = vec![
        t(format!("{} ID", singular(noun))),
        t(*rng.pick(&["Date", "Incident date", "Date of arrest"])),
    ];
    if date_style == 2 {
        header[1] = t("Month");
    }
    header.extend(chosen.iter().map(|(label, _)| t(*label)));
    if with_area {
        header.push(t(*rng.pick(&["District", "Area"])));
    }
    b.rows.push(header);
    b.recipe.push(format!(
        "{} records, dates as {}",
        noun,
        ["date cells", "dd/mm/yyyy text", "months"][date_style]
    ));
    let n = rng.range(30, 120);
    use std::collections::BTreeMap;
    let mut counts: BTreeMap<(String, Option<String>, String, Period), f64> = BTreeMap::new();
    for i in 0..n {
        let month = rng.range(1, 6) as u8;
        let day = rng.range(1, 28) as u8;
        let date = match (date_style, csv) {
            (0, false) => V::D(year, month, day),
            (2, _) => t(format!("{year}-{month:02}")),
            _ => t(format!("{day:02}/{month:02}/{year}")),
        };
        let mut row = vec![
            t(format!("{}{:05}", &noun[..1].to_uppercase(), 1000 + i)),
            date,
        ];
        let mut values = Vec::new();
        for (label, options) in &chosen {
            let v = *rng.pick(options);
            row.push(t(v));
            values.push((*label, v));
        }
        let area = if with_area {
            let a = *rng.pick(&areas);
            row.push(t(a));
            a.to_string()
        } else {
            tidy_area_not_stated()
        };
        let period = Period::month(year, month);
        *counts
            .entry((noun.to_string(), None, area.clone(), period))
            .or_default() += 1.0;
        for (label, v) in values {
            *counts
                .entry((
                    format!("{noun} by {}", label.to_lowercase()),
                    Some(v.to_string()),
                    area.clone(),
                    period,
                ))
                .or_default() += 1.0;
        }
        b.rows.push(row);
    }
    for ((measure, category, area, period), value) in counts {
        b.truth.push(Truth {
            measure,
            category,
            area,
            period,
            additive: true,
            value: Some(value),
        });
    }
    b
}

fn singular(noun: &str) -> String {
    let s = noun.strip_suffix('s').unwrap_or(noun);
    s.to_string()
}

/// A whole corpus of `n` workbooks from `seed`.
pub fn corpus(seed: u64, n: usize) -> Vec<Generated> {
    let mut rng = Rng::new(seed);
    (0..n).map(|i| workbook(&mut rng, i)).collect()
}

fn workbook(rng: &mut Rng, index: usize) -> Generated {
    let format = *rng.pick(&[
        Format::Xlsx,
        Format::Xlsx,
        Format::Ods,
        Format::Xls,
        Format::Csv,
    ]);
    let csv = format == Format::Csv;
    let class_index = index % CLASSES.len();
    let class = CLASSES[class_index];
    let nouns = ["Arrests", "Incidents", "Referrals", "Calls", "Cases"];
    let noun = *rng.pick(&nouns);
    let mut built = match class_index {
        0 => periods_across_measures_down(rng, csv),
        1 => periods_across_areas_down(rng, csv),
        2 => two_level(rng, csv),
        3 => measures_across(rng, csv, None),
        4 => areas_across(rng),
        5 => periods_down(rng, csv),
        6 => long(rng, csv),
        7 => record_list(rng, csv, noun),
        _ => {
            let style = *rng.pick(&["r", "pandas", "stata"]);
            let mut b = measures_across(rng, true, Some(style));
            b.recipe.insert(0, format!("{style} headers"));
            b
        }
    };
    // The title's subject, and whether it names a measure ("Recorded crime")
    // or only a collection of figures ("Partnership figures"). A table whose
    // measure only the title names is mostly titled by that measure, as
    // analysts title such tables ("Burglary dwelling by district"); some
    // carry a generic title, which names no measure and is flagged.
    let (subject, names_measure) = if class_index == 7 {
        ("", false)
    } else {
        *rng.pick(&[
            ("Recorded crime", true),
            ("Community safety indicators", false),
            ("Crime and disorder", true),
            ("Partnership figures", false),
        ])
    };
    let mut title_measure = None;
    let mut title = match (class_index, &built.title_measure) {
        (7, _) => format!("{noun} recorded"),
        (_, Some(m)) if rng.chance(60) => {
            title_measure = Some(m.clone());
            built.recipe.push("title names the measure".into());
            format!("{m} by {}", rng.pick(&["district", "area", "CSP"]))
        }
        _ => {
            if built.title_measure.is_some() && names_measure {
                title_measure = Some(subject.to_string());
            }
            format!("{subject} in Kent")
        }
    };
    let mut sheet_name = match class_index {
        7 => noun.to_string(),
        _ => rng
            .pick(&["Table 1", "Data", "Crime", "Summary", "Sheet1"])
            .to_string(),
    };
    let mut file_stem = match class_index {
        7 => format!("{}-{index:03}", noun.to_lowercase()),
        _ => format!("layout-{index:03}"),
    };
    let mut title_rows = title_block(rng, &title);
    // A CSV has no sheet name to state a year in: its file name does.
    if let Some((place @ Where::Sheet, _)) = &mut built.context {
        if csv {
            *place = Where::File;
        }
    }
    if let Some((place, text)) = &built.context {
        match place {
            Where::Title => {
                title = format!("{title}, {text}");
                title_rows = title_block(rng, &title);
                if title_rows.is_empty() {
                    title_rows = vec![vec![t(title.clone())], Vec::new()];
                }
            }
            Where::Sheet => sheet_name = text.replace('/', "-"),
            Where::File => file_stem = format!("{file_stem}-{}", text.replace(['/', ' '], "-")),
        }
        built.recipe.push(format!("year in the {place:?}"));
        if text.chars().all(|c| c.is_ascii_digit()) && built.note.is_none() {
            built.recipe.push("quarters under a bare year".into());
        } else if text.starts_with("calendar") || text.starts_with("January") {
            built.recipe.push("calendar quarters stated".into());
        }
    }
    if csv {
        // A CSV is often a bare table; keep titles in a third of them.
        if rng.chance(66)
            && built.context.as_ref().map(|c| c.0) != Some(Where::Title)
            && built.note.is_none()
        {
            title_rows.clear();
        }
    }
    // A note on how the periods are counted sits under the title.
    if let Some(note) = &built.note {
        if title_rows.is_empty() {
            title_rows = vec![vec![t(title.clone())], Vec::new()];
        }
        title_rows.insert(1, vec![t(note.clone())]);
        built.recipe.push("calendar quarters stated (note)".into());
    }
    built
        .recipe
        .push(format!("{} title/note rows", title_rows.len()));
    let mut sheet = GSheet {
        name: if csv { "CSV".into() } else { sheet_name },
        ..GSheet::default()
    };
    let top = title_rows.len();
    for (r, row) in title_rows.into_iter().enumerate() {
        for (c, v) in row.into_iter().enumerate() {
            sheet.set(r, c, v);
        }
    }
    place(&mut sheet, top, &built);
    let mut truth = built.truth.clone();
    for tr in truth.iter_mut().filter(|tr| tr.measure == TITLE) {
        tr.measure = title_measure.clone().unwrap_or_else(|| title.clone());
    }
    let mut unscored = built.unscored.clone();
    // A second table below, under its own title: long or measures across, whose period is in its title.
    if !csv && class_index != 7 && rng.chance(20) {
        // Its period is stated in its own title; its measures are the partners'.
        let (_, text, period) = period_context(rng);
        let second = areas_only_second(rng, period, &PARTNER_MEASURES);
        let start = sheet.rows.len() + 2;
        sheet.set(
            start,
            0,
            t(format!("Second table: partner figures, {text}")),
        );
        place(&mut sheet, start + 2, &second);
        truth.extend(second.truth);
        unscored.extend(second.unscored);
        built.recipe.push("second table below".into());
    }
    // A second table beside, past a blank column, under its own title.
    if !csv && class_index != 7 && rng.chance(15) {
        let (_, text, period) = period_context(rng);
        let second = areas_only_second(rng, period, &PARTNER_MEASURES_BESIDE);
        let width = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
        let left = width + rng.range(1, 2);
        let mut beside = GSheet::default();
        beside.set(0, 0, t(format!("Partner figures, {text}")));
        place(&mut beside, 2, &second);
        for (r, row) in beside.rows.into_iter().enumerate() {
            for (c, v) in row.into_iter().enumerate() {
                if v != V::E {
                    sheet.set(r, left + c, v);
                }
            }
        }
        truth.extend(second.truth);
        built.recipe.push("second table beside".into());
    }
    let file_name = format!("{file_stem}.{}", format.extension());
    Generated {
        file_name,
        format,
        class,
        recipe: built.recipe,
        sheets: vec![sheet],
        truth,
        unscored,
    }
}

/// Measures of a second table on the sheet, apart from the first table's.
const PARTNER_MEASURES: [&str; 3] = [
    "Fire service callouts",
    "Youth offending referrals",
    "Licensing visits",
];

/// Measures of a table beside the first, apart from those of a table below it.
const PARTNER_MEASURES_BESIDE: [&str; 3] = [
    "Fly-tipping incidents",
    "Noise complaints",
    "Graffiti reports",
];

fn areas_only_second(rng: &mut Rng, period: Period, pool: &[&'static str]) -> Built {
    let mut b = Built::new();
    let measures = {
        let n = rng.range(2, 4);
        rng.some(pool, n)
    };
    let areas = {
        let n = rng.range(3, 6);
        rng.some(&DISTRICTS, n)
    };
    let mut header = vec![t("District")];
    header.extend(measures.iter().map(|m| t(*m)));
    b.rows.push(header);
    for a in &areas {
        let mut row = vec![t(*a)];
        for m in &measures {
            let v = count(rng, m);
            row.push(V::N(v));
            b.truth.push(Truth {
                measure: m.to_string(),
                category: None,
                area: a.to_string(),
                period,
                additive: true,
                value: Some(v),
            });
        }
        b.rows.push(row);
    }
    b
}

fn place(sheet: &mut GSheet, top: usize, built: &Built) {
    for (r, row) in built.rows.iter().enumerate() {
        if row.is_empty() {
            sheet.set(top + r, 0, V::E);
        }
        for (c, v) in row.iter().enumerate() {
            if *v != V::E {
                sheet.set(top + r, c, v.clone());
            }
        }
    }
    for &(r1, c1, r2, c2) in &built.merges {
        sheet.merges.push((top + r1, c1, top + r2, c2));
    }
}

/// The workbook's bytes in its format.
pub fn write(g: &Generated) -> Vec<u8> {
    match g.format {
        Format::Xlsx => write_xlsx(&g.sheets),
        Format::Ods => write_ods(&g.sheets),
        Format::Xls => biff::write_xls(&g.sheets),
        Format::Csv => write_csv(&g.sheets[0]),
    }
}

fn write_xlsx(sheets: &[GSheet]) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format as XFormat, Workbook};
    let mut workbook = Workbook::new();
    let plain = XFormat::new();
    let date = XFormat::new().set_num_format("mmm-yy");
    for s in sheets {
        let ws = workbook.add_worksheet();
        ws.set_name(&s.name).expect("a valid sheet name");
        for (r, row) in s.rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                if s.merges
                    .iter()
                    .any(|m| m.0 == r as usize && m.1 == c as usize)
                {
                    continue;
                }
                match v {
                    V::E => {}
                    V::T(text) => {
                        ws.write_string(r, c, text).expect("write");
                    }
                    V::N(n) => {
                        ws.write_number(r, c, *n).expect("write");
                    }
                    V::D(y, m, d) => {
                        let dt = ExcelDateTime::from_ymd(*y as u16, *m, *d).expect("a date");
                        ws.write_datetime_with_format(r, c, &dt, &date)
                            .expect("write");
                    }
                }
            }
        }
        for &(r1, c1, r2, c2) in &s.merges {
            let text = match s.rows[r1].get(c1) {
                Some(V::T(text)) => text.clone(),
                _ => String::new(),
            };
            ws.merge_range(r1 as u32, c1 as u16, r2 as u32, c2 as u16, &text, &plain)
                .expect("merge");
            // A year or a date over merged cells is written into the first of them.
            match s.rows[r1].get(c1) {
                Some(V::N(n)) => {
                    ws.write_number(r1 as u32, c1 as u16, *n).expect("write");
                }
                Some(V::D(y, m, d)) => {
                    let dt = ExcelDateTime::from_ymd(*y as u16, *m, *d).expect("a date");
                    ws.write_datetime_with_format(r1 as u32, c1 as u16, &dt, &date)
                        .expect("write");
                }
                _ => {}
            }
        }
    }
    workbook.save_to_buffer().expect("an xlsx")
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn write_csv(sheet: &GSheet) -> Vec<u8> {
    let width = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut out = String::new();
    for row in &sheet.rows {
        let cells: Vec<String> = (0..width)
            .map(|c| match row.get(c).unwrap_or(&V::E) {
                V::E => String::new(),
                V::T(text) => csv_field(text),
                V::N(n) => n.to_string(),
                V::D(y, m, d) => format!("{d:02}/{m:02}/{y}"),
            })
            .collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// An OpenDocument spreadsheet: the mimetype stored first, a manifest and the content.
fn write_ods(sheets: &[GSheet]) -> Vec<u8> {
    let mut content = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>"#,
    );
    for s in sheets {
        content.push_str(&format!(
            r#"<table:table table:name="{}">"#,
            xml_escape(&s.name)
        ));
        for (r, row) in s.rows.iter().enumerate() {
            content.push_str("<table:table-row>");
            let mut c = 0;
            while c < row.len() {
                let span = s
                    .merges
                    .iter()
                    .find(|m| m.0 == r && m.1 == c)
                    .map(|m| m.3 - m.1 + 1);
                let covered = s.merges.iter().any(|m| m.0 == r && m.1 < c && c <= m.3);
                if covered {
                    content.push_str("<table:covered-table-cell/>");
                    c += 1;
                    continue;
                }
                let spanned = span
                    .map(|n| {
                        format!(
                            r#" table:number-columns-spanned="{n}" table:number-rows-spanned="1""#
                        )
                    })
                    .unwrap_or_default();
                match &row[c] {
                    V::E => content.push_str(&format!("<table:table-cell{spanned}/>")),
                    V::T(text) => content.push_str(&format!(
                        r#"<table:table-cell office:value-type="string"{spanned}><text:p>{}</text:p></table:table-cell>"#,
                        xml_escape(text)
                    )),
                    V::N(n) => content.push_str(&format!(
                        r#"<table:table-cell office:value-type="float" office:value="{n}"{spanned}><text:p>{n}</text:p></table:table-cell>"#
                    )),
                    V::D(y, m, d) => content.push_str(&format!(
                        r#"<table:table-cell office:value-type="date" office:date-value="{y:04}-{m:02}-{d:02}"{spanned}><text:p>{d:02}/{m:02}/{y}</text:p></table:table-cell>"#
                    )),
                }
                c += 1;
            }
            // Covered cells of a merge that runs past the row's last written cell.
            for m in s.merges.iter().filter(|m| m.0 == r && m.3 >= row.len()) {
                for _ in row.len().max(m.1 + 1)..=m.3 {
                    content.push_str("<table:covered-table-cell/>");
                }
            }
            content.push_str("</table:table-row>");
        }
        content.push_str("</table:table>");
    }
    content.push_str("</office:spreadsheet></office:body></office:document-content>");
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in [
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet".as_slice(),
        ),
        ("META-INF/manifest.xml", manifest.as_bytes()),
        ("content.xml", content.as_bytes()),
    ] {
        zip.start_file(name, stored).expect("zip entry");
        zip.write_all(bytes).expect("zip write");
    }
    zip.finish().expect("zip").into_inner()
}
