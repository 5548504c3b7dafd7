//! Everything the assessment says about one measure in the local area: its
//! change, rate, place among its peers, the county beside it, its baseline and
//! longer direction, and (where the data allow) repeat victimisation and breakdowns.

use super::change::{Change, Figure, Significance};
use super::index::{last_month, Index};
use super::options::{Comparison, Resolved};
use super::polarity::{default_polarity, MeasurePolarity};
use crate::core::areas::AreaLevel;
use crate::core::dataset::{Observation, Provenance, Unit};
use crate::core::period::{Period, PeriodKind};
use crate::core::stats;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeasureAssessment {
    pub measure: String,
    pub unit: Unit,
    pub area: String,
    /// The current period against the one it is compared with.
    pub change: Change,
    /// "the previous year", "the previous month", "the same period two years earlier".
    pub compared_with: String,
    pub significance: Option<Significance>,
    /// For monthly and quarterly figures: the same period a year earlier.
    pub same_period_last_year: Option<Change>,
    /// For monthly and quarterly figures: the twelve months to the current period.
    pub rolling_year: Option<Change>,
    pub rate: Option<Rate>,
    pub county: Option<CountyComparison>,
    pub rank: Option<Rank>,
    pub baseline: Option<Baseline>,
    pub direction: Option<Direction>,
    pub control: Option<Control>,
    pub repeat: Option<RepeatVictimisation>,
    pub breakdown: Option<Breakdown>,
    /// For a proportion or percentage: the change in percentage points, with
    /// Wilson intervals where the base (victims, population…) is in the table.
    pub share_change: Option<ShareChange>,
    /// Which way is better, and why (`polarity`): every judgement reads it.
    pub polarity: MeasurePolarity,
    /// What its count column's header says is counted ("offences" under
    /// "Number of Offences"); `None` where no header says (see `wording::count_noun`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count_noun: Option<String>,
}

/// A share against the one it is compared with, as a difference in
/// percentage points rather than a per cent change or a count test.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ShareChange {
    /// Both as fractions (0.22).
    pub current: f64,
    pub previous: f64,
    /// `current − previous` in percentage points.
    pub points: f64,
    /// The bases the shares are of, where the table gives them.
    pub bases: Option<ShareBases>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ShareBases {
    pub current: Figure,
    pub previous: Figure,
    /// What the base counts ("Domestic abuse victims").
    pub measure: String,
    /// Wilson 95% intervals of each share, as fractions.
    pub current_interval: (f64, f64),
    pub previous_interval: (f64, f64),
    /// Newcombe's 95% interval of the difference, in percentage points.
    pub difference_interval: (f64, f64),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Denominator {
    Population,
    Households,
}

impl Denominator {
    pub fn per_thousand(self) -> &'static str {
        match self {
            Denominator::Population => "per 1,000 population",
            Denominator::Households => "per 1,000 households",
        }
    }
}

/// A count per 1,000 people (or households), with Byar's 95% interval.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Rate {
    pub per_thousand: f64,
    pub lower: f64,
    pub upper: f64,
    pub denominator: Figure,
    pub per: Denominator,
}

pub use super::funnel_position::FunnelPosition;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CountyComparison {
    pub area: String,
    /// The county's figure over the same periods.
    pub change: Option<Change>,
    pub rate: Option<f64>,
    /// The local figure as a share of the county's, over a year.
    pub share: Option<f64>,
    /// The county's figure the share is of.
    pub total: Option<Figure>,
    pub funnel: Option<FunnelPosition>,
    /// The county's repeat victimisation rate, computed the same way as the local one.
    pub repeat_rate: Option<f64>,
    /// Whether the local change differs from the rest of the county's by more than chance.
    pub gap: Option<Significance>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Rank {
    /// 1 = lowest; ties share a rank.
    pub rank: usize,
    pub of: usize,
    /// Ranked by rate per 1,000 (every peer's population known), or else by count.
    pub by_rate: bool,
    pub level: AreaLevel,
    /// The group ranked among, when not every area at the level ("districts in Kent").
    pub among: Option<String>,
}

/// The mean of a span of years, against the current figure.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Baseline {
    /// "2004–2008", "2004/05 to 2008/09".
    pub label: String,
    pub mean: f64,
    pub years: usize,
    pub sources: Vec<Provenance>,
    /// Square-root Z of the current figure against the mean; |Z| ≥ 2 is more than normal variation.
    pub z: Option<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum DirectionKind {
    SteadyFalls,
    SteadyRises,
    Mixed,
}

/// How the measure has moved over the past several years.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Direction {
    pub kind: DirectionKind,
    /// How many yearly figures are joined up (5 for "the past five years").
    pub years: usize,
    pub first: Figure,
    pub last: Figure,
    pub rises: usize,
    pub falls: usize,
    /// The last year against the first, for counts.
    pub significance: Option<Significance>,
}

/// XmR control limits over the monthly series and the months outside them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Control {
    pub months: usize,
    pub mean: f64,
    pub lower: f64,
    pub upper: f64,
    /// (month, value, above the upper limit?)
    pub outside: Vec<(Period, f64, bool)>,
}

/// Repeat victims against all victims over the year to the current period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RepeatVictimisation {
    pub victims_measure: String,
    pub repeats: Figure,
    pub victims: Figure,
    /// repeats / victims over the whole window, with Wilson's 95% interval.
    pub overall: f64,
    pub lower: f64,
    pub upper: f64,
    /// The mean of the monthly rates, as the plan reports it, when the data are monthly.
    pub monthly_mean: Option<f64>,
    pub months: usize,
}

impl RepeatVictimisation {
    /// The rate the findings lead with: the monthly mean where there is one.
    pub fn headline(&self) -> f64 {
        self.monthly_mean.unwrap_or(self.overall)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Part {
    pub category: String,
    pub figure: Figure,
    pub share: f64,
    /// Wilson's 95% interval for the share.
    pub lower: f64,
    pub upper: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Breakdown {
    pub period: Period,
    pub total: Figure,
    /// True when no total was given and the parts were added up.
    pub total_is_sum: bool,
    /// Largest first.
    pub parts: Vec<Part>,
}

fn figure(o: &Observation) -> Option<Figure> {
    Some(Figure {
        value: o.value.number()?,
        period: o.period,
        source: o.source.clone(),
    })
}

/// The latest period ending no later than the chosen month; of those ending
/// together, the longest (a rolling year before its last month).
fn current_period(series: &BTreeMap<Period, &Observation>, period_end: i64) -> Option<Period> {
    series
        .keys()
        .filter(|p| last_month(p) <= period_end)
        .max_by(|a, b| {
            last_month(a)
                .cmp(&last_month(b))
                .then(a.months().cmp(&b.months()))
        })
        .copied()
}

fn is_sub_annual(period: &Period) -> bool {
    period.months() < 12
}

fn years_earlier(period: Period, years: u8) -> Period {
    (0..years).fold(period, |p, _| p.year_earlier())
}

fn compared_with(current: &Period, comparison: Comparison) -> String {
    match comparison {
        Comparison::YearsEarlier(n) if n > 1 => {
            format!("the same period {} years earlier", number_word(n as usize))
        }
        Comparison::YearsEarlier(_) => "the same period a year earlier".to_string(),
        Comparison::PreviousPeriod => match current.kind() {
            PeriodKind::Month => "the previous month".to_string(),
            PeriodKind::FinancialQuarter | PeriodKind::CalendarQuarter => {
                "the previous quarter".to_string()
            }
            _ if current.months() == 12 => "the previous year".to_string(),
            _ => "the previous period".to_string(),
        },
    }
}

/// "two", "five", "twelve"; digits beyond twelve.
pub fn number_word(n: usize) -> String {
    const WORDS: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    WORDS
        .get(n)
        .map(|w| w.to_string())
        .unwrap_or_else(|| n.to_string())
}

/// A source for a figure added up from several cells: "C5:C16" when they are one
/// column of one sheet, else the first cell and how many were added.
pub fn span_source(cells: &[&Observation]) -> Provenance {
    let first = &cells[0].source;
    let last = &cells[cells.len() - 1].source;
    let column = |cell: &str| {
        cell.chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect::<String>()
    };
    let together = cells.iter().all(|o| {
        o.source.file == first.file
            && o.source.sheet == first.sheet
            && column(&o.source.cell) == column(&first.cell)
    });
    let cell = if cells.len() == 1 {
        first.cell.clone()
    } else if together {
        format!("{}:{}", first.cell, last.cell)
    } else {
        format!("{} and {} other cells", first.cell, cells.len() - 1)
    };
    Provenance {
        file: first.file.clone(),
        sheet: first.sheet.clone(),
        cell,
    }
}

/// The sum of the sub-annual figures making up the twelve months to `end`, when all are there.
fn twelve_months(
    series: &BTreeMap<Period, &Observation>,
    current: Period,
    shift_years: u8,
) -> Option<Figure> {
    let current = years_earlier(current, shift_years);
    let steps = 12 / current.months();
    if 12 % current.months() != 0 {
        return None;
    }
    let mut cells = Vec::new();
    let mut period = current;
    for _ in 0..steps {
        cells.push(*series.get(&period)?);
        period = period.previous();
    }
    cells.reverse();
    let value = cells
        .iter()
        .map(|o| o.value.number())
        .sum::<Option<f64>>()?;
    Some(Figure {
        value,
        period: Period::from_months(cells[0].period.first_month_index(), 12)?,
        source: span_source(&cells),
    })
}

fn change_between(
    series: &BTreeMap<Period, &Observation>,
    current: Period,
    earlier: Period,
) -> Option<Change> {
    Some(Change {
        current: figure(series.get(&current)?)?,
        previous: series.get(&earlier).and_then(|o| figure(o)),
    })
}

/// The measure's denominator: households for burglary and household measures
/// when a household count is loaded, else people.
fn denominator<'a>(
    index: &Index<'a>,
    measure: &str,
    area: &str,
    period: Period,
) -> Option<(&'a Observation, Denominator)> {
    let lower = measure.to_lowercase();
    if lower.contains("household") || lower.contains("burglary") {
        if let Some(h) = index.households(area, period) {
            return Some((h, Denominator::Households));
        }
    }
    index
        .population(area, period)
        .map(|p| (p, Denominator::Population))
}

fn rate_of(index: &Index, measure: &str, area: &str, count: &Figure, unit: Unit) -> Option<Rate> {
    if !unit.is_additive() {
        return None;
    }
    let (denominator, per) = denominator(index, measure, area, count.period)?;
    let base = denominator.value.number()?;
    let (lo, hi) = stats::byar_interval(count.value, stats::Z_95);
    Some(Rate {
        per_thousand: count.value / base * 1000.0,
        lower: lo / base * 1000.0,
        upper: hi / base * 1000.0,
        denominator: figure(denominator)?,
        per,
    })
}

fn rank_among(
    index: &Index,
    measure: &str,
    period: Period,
    options: &super::options::Resolved,
    sub_annual: bool,
) -> Option<Rank> {
    let (area, level, group, overlapping) = (
        options.area.as_str(),
        options.peer_level,
        options.peers.as_ref(),
        &options.overlapping,
    );
    let peers: Vec<&str> = match group {
        Some(group) => group.members.iter().map(String::as_str).collect(),
        None => index
            .areas_with(measure, level)
            .into_iter()
            .filter(|a| !overlapping.iter().any(|o| o == a))
            .collect(),
    };
    let figures: Vec<(&str, f64, Option<f64>)> = peers
        .iter()
        .filter_map(|peer| {
            let figure = index.whole(measure, peer, period)?;
            // Monthly and quarterly counts are ranked over the twelve months
            // to the period, as their rates are given; other units as given.
            let (count, over) = if sub_annual {
                if !figure.unit.is_additive() {
                    return None;
                }
                let year = twelve_months(index.series(measure, peer)?, period, 0)?;
                (year.value, year.period)
            } else {
                (figure.value.number()?, period)
            };
            // A proportion, rate or average is ranked as given, never per head.
            let rate = denominator(index, measure, peer, over)
                .filter(|_| figure.unit.is_additive())
                .and_then(|(d, _)| d.value.number())
                .map(|d| count / d * 1000.0);
            Some((*peer, count, rate))
        })
        .collect();
    if figures.len() < 2 || !figures.iter().any(|(a, _, _)| *a == area) {
        return None;
    }
    let by_rate = figures.iter().all(|(_, _, r)| r.is_some());
    let key = |(_, count, rate): &(&str, f64, Option<f64>)| {
        if by_rate {
            rate.unwrap_or(*count)
        } else {
            *count
        }
    };
    let own = key(figures.iter().find(|(a, _, _)| *a == area)?);
    Some(Rank {
        rank: 1 + figures.iter().filter(|f| key(f) < own).count(),
        of: figures.len(),
        by_rate,
        level,
        among: group.map(|g| g.label.clone()),
    })
}

/// Yearly figures in the span, as (label, value, source); none unless every year is there.
fn baseline(
    series: &BTreeMap<Period, &Observation>,
    current: Period,
    span: Option<(i32, i32)>,
) -> Option<Baseline> {
    if current.months() != 12 {
        return None;
    }
    let yearly: Vec<&Observation> = series
        .iter()
        .filter(|(p, _)| {
            p.months() == 12 && p.first_month_index() % 12 == current.first_month_index() % 12
        })
        .map(|(_, o)| *o)
        .collect();
    let start_year = |o: &Observation| o.period.start().year;
    let (from, to) = match span {
        Some(span) => span,
        None => {
            // The first five years on file, when the series runs on long enough
            // after them for a baseline to mean something.
            if yearly.len() < 8 {
                return None;
            }
            let first = start_year(yearly[0]);
            (first, first + 4)
        }
    };
    if from > to || start_year(series[&current]) <= to {
        return None;
    }
    let chosen: Vec<&Observation> = yearly
        .iter()
        .copied()
        .filter(|o| (from..=to).contains(&start_year(o)))
        .collect();
    if chosen.len() != (to - from + 1) as usize {
        return None;
    }
    let mean = chosen
        .iter()
        .map(|o| o.value.number())
        .sum::<Option<f64>>()?
        / chosen.len() as f64;
    let label = if chosen[0].period.kind() == PeriodKind::CalendarYear {
        format!("{from}–{to}")
    } else {
        format!(
            "{} to {}",
            chosen[0].period.label(),
            chosen[chosen.len() - 1].period.label()
        )
    };
    let current_value = series[&current].value.number()?;
    // The square-root Z is a test for counts; other units have no variance to judge by.
    let additive = series[&current].unit.is_additive();
    Some(Baseline {
        label,
        mean,
        years: chosen.len(),
        sources: chosen.iter().map(|o| o.source.clone()).collect(),
        z: (additive && current_value >= 0.0 && mean >= 0.0)
            .then(|| stats::sqrt_z(current_value, mean)),
    })
}

/// The joined-up yearly figures ending at the current one (at most five).
fn direction(
    series: &BTreeMap<Period, &Observation>,
    current: Period,
    unit: Unit,
) -> Option<Direction> {
    if current.months() != 12 {
        return None;
    }
    let mut years = vec![figure(series.get(&current)?)?];
    let mut period = current.previous();
    while years.len() < 5 {
        match series.get(&period).and_then(|o| figure(o)) {
            Some(f) => years.push(f),
            None => break,
        }
        period = period.previous();
    }
    if years.len() < 4 {
        return None;
    }
    years.reverse();
    let rises = years.windows(2).filter(|w| w[1].value > w[0].value).count();
    let falls = years.windows(2).filter(|w| w[1].value < w[0].value).count();
    let steps = years.len() - 1;
    let kind = if falls == steps {
        DirectionKind::SteadyFalls
    } else if rises == steps {
        DirectionKind::SteadyRises
    } else {
        DirectionKind::Mixed
    };
    let significance = Change {
        current: years[years.len() - 1].clone(),
        previous: Some(years[0].clone()),
    }
    .significance(unit);
    Some(Direction {
        kind,
        significance,
        years: years.len(),
        first: years[0].clone(),
        last: years[years.len() - 1].clone(),
        rises,
        falls,
    })
}

/// XmR limits over up to the last 24 months, and the months outside them.
fn control(series: &BTreeMap<Period, &Observation>, current: Period) -> Option<Control> {
    if current.kind() != PeriodKind::Month {
        return None;
    }
    let mut months = Vec::new();
    let mut period = current;
    while months.len() < 24 {
        match series.get(&period).and_then(|o| o.value.number()) {
            Some(v) => months.push((period, v)),
            None => break,
        }
        period = period.previous();
    }
    if months.len() < 6 {
        return None;
    }
    months.reverse();
    let values: Vec<f64> = months.iter().map(|(_, v)| *v).collect();
    let limits = stats::xmr_limits(&values)?;
    Some(Control {
        months: months.len(),
        mean: limits.mean,
        lower: limits.lower,
        upper: limits.upper,
        outside: months
            .iter()
            .filter(|(_, v)| *v > limits.upper || *v < limits.lower)
            .map(|(p, v)| (*p, *v, *v > limits.upper))
            .collect(),
    })
}

/// The exact conditional test of the local change against the rest of the
/// county's: under the same change, the local current count is a binomial share
/// of the local total with the rest of the county's two counts as exposures.
fn change_against_rest(local: &Change, county: &Change, unit: Unit) -> Option<Significance> {
    let (c1, c0) = (local.current.value, local.previous.as_ref()?.value);
    let (k1, k0) = (county.current.value, county.previous.as_ref()?.value);
    let whole = |v: f64| v >= 0.0 && v.fract() == 0.0;
    if !unit.is_additive()
        || ![c1, c0, k1, k0].into_iter().all(whole)
        || county.current.period != local.current.period
        || county.previous.as_ref()?.period != local.previous.as_ref()?.period
    {
        return None;
    }
    let (rest1, rest0) = (k1 - c1, k0 - c0);
    if rest1 <= 0.0 || rest0 <= 0.0 {
        return None;
    }
    let p_value = stats::exact_poisson_test(c1 as u64, c0 as u64, rest1, rest0);
    Some(Significance {
        p_value,
        significant: p_value < 0.05,
        method: "exact conditional test of the local change against the rest of the county's",
    })
}

/// Whether a measure counts repeat victims (or repeat cases).
pub fn is_repeat_measure(measure: &str) -> bool {
    measure.to_lowercase().contains("repeat")
}

/// The measure of all victims from the same sheet as the repeats, for the same area.
fn victims_measure<'a>(index: &Index<'a>, repeats: &Observation, area: &str) -> Option<&'a str> {
    index
        .measures()
        .filter(|m| !is_repeat_measure(m) && m.to_lowercase().contains("victim"))
        .find(|m| {
            index.whole(m, area, repeats.period).is_some_and(|o| {
                o.source.file == repeats.source.file && o.source.sheet == repeats.source.sheet
            })
        })
}

fn repeat_victimisation(
    index: &Index,
    measure: &str,
    area: &str,
    current: Period,
) -> Option<RepeatVictimisation> {
    let repeats_series = index.series(measure, area)?;
    let latest = repeats_series.get(&current)?;
    let victims_measure = victims_measure(index, latest, area)?;
    let victims_series = index.series(victims_measure, area)?;
    // The year to the current period: twelve months, four quarters or the year itself.
    let steps = if 12 % current.months() == 0 {
        12 / current.months()
    } else {
        1
    };
    let mut pairs = Vec::new();
    let mut period = current;
    for _ in 0..steps {
        match (repeats_series.get(&period), victims_series.get(&period)) {
            (Some(r), Some(v)) => pairs.push((*r, *v)),
            _ => break,
        }
        period = period.previous();
    }
    pairs.reverse();
    let repeats_cells: Vec<&Observation> = pairs.iter().map(|(r, _)| *r).collect();
    let victims_cells: Vec<&Observation> = pairs.iter().map(|(_, v)| *v).collect();
    let total =
        |cells: &[&Observation]| cells.iter().map(|o| o.value.number()).sum::<Option<f64>>();
    let repeats = total(&repeats_cells)?;
    let victims = total(&victims_cells)?;
    if victims <= 0.0 {
        return None;
    }
    let window = Period::from_months(
        pairs[0].0.period.first_month_index(),
        (pairs.len() as u32) * current.months(),
    )?;
    let monthly: Vec<f64> = pairs
        .iter()
        .filter(|(r, _)| r.period.kind() == PeriodKind::Month)
        .filter_map(|(r, v)| {
            let v = v.value.number()?;
            (v > 0.0).then(|| r.value.number().map(|r| r / v))?
        })
        .collect();
    let (lower, upper) = stats::wilson_interval(repeats, victims, stats::Z_95);
    Some(RepeatVictimisation {
        victims_measure: victims_measure.to_string(),
        repeats: Figure {
            value: repeats,
            period: window,
            source: span_source(&repeats_cells),
        },
        victims: Figure {
            value: victims,
            period: window,
            source: span_source(&victims_cells),
        },
        overall: repeats / victims,
        lower,
        upper,
        monthly_mean: (monthly.len() == pairs.len() && monthly.len() > 1)
            .then(|| monthly.iter().sum::<f64>() / monthly.len() as f64),
        months: pairs.len() * current.months() as usize,
    })
}

fn breakdown(
    index: &Index,
    measure: &str,
    area: &str,
    current: Option<Period>,
    period_end: i64,
) -> Option<Breakdown> {
    let period = current
        .filter(|p| !index.parts(measure, area, *p).is_empty())
        .or_else(|| {
            index
                .breakdown_periods(measure, area)
                .into_iter()
                .filter(|p| last_month(p) <= period_end)
                .max()
        })?;
    let parts = index.parts(measure, area, period);
    // Parts add up to a whole only when they are counts.
    if parts.iter().any(|o| !o.unit.is_additive()) {
        return None;
    }
    let numeric: Vec<(&Observation, f64)> = parts
        .iter()
        .filter_map(|o| Some((*o, o.value.number()?)))
        .collect();
    if numeric.len() < 2 {
        return None;
    }
    let (total, total_is_sum) = match index.whole(measure, area, period).and_then(figure) {
        Some(total) => (total, false),
        None => (
            Figure {
                value: numeric.iter().map(|(_, v)| v).sum(),
                period,
                source: span_source(&numeric.iter().map(|(o, _)| *o).collect::<Vec<_>>()),
            },
            true,
        ),
    };
    if total.value <= 0.0 || parallel_breakdowns(&numeric, &total, total_is_sum) {
        return None;
    }
    let mut parts: Vec<Part> = numeric
        .iter()
        .filter_map(|(o, v)| {
            let (lower, upper) = stats::wilson_interval(*v, total.value, stats::Z_95);
            Some(Part {
                category: o.category.clone()?,
                figure: figure(o)?,
                share: v / total.value,
                lower,
                upper,
            })
        })
        .collect();
    crate::core::sorting::sort_by(&mut parts, |a, b| b.figure.value.total_cmp(&a.figure.value));
    Some(Breakdown {
        period,
        total,
        total_is_sum,
        parts,
    })
}

/// Whether the parts are several breakdowns of one whole side by side
/// ("Object of search · …", "Outcome · …" of police.uk stop and search), each
/// adding up to the whole given: they are not parts of one breakdown (they
/// would add up to several wholes, and a share chart to several hundred per
/// cent). Each is shown apart where it is read (`police_parts`).
fn parallel_breakdowns(parts: &[(&Observation, f64)], total: &Figure, total_is_sum: bool) -> bool {
    if total_is_sum {
        return false;
    }
    let mut sums: BTreeMap<&str, f64> = BTreeMap::new();
    for (o, v) in parts {
        let Some((dimension, _)) = o.category.as_deref().and_then(|c| c.split_once(" · ")) else {
            return false;
        };
        *sums.entry(dimension).or_default() += v;
    }
    sums.len() > 1 && sums.values().all(|s| (s - total.value).abs() < 0.5)
}

/// The whole assessment of one measure for the chosen area, or `None` when the
/// area has no figure for it up to the chosen period.
pub fn assess_measure(
    index: &Index,
    options: &Resolved,
    measure: &str,
) -> Option<MeasureAssessment> {
    let area = options.area.as_str();
    let series = index.series(measure, area);
    let current = series.and_then(|s| current_period(s, options.period_end));
    let breakdown = breakdown(index, measure, area, current, options.period_end);
    let (Some(series), Some(current)) = (series, current) else {
        // A measure given only as a breakdown still has its parts to report.
        return breakdown_only(index, options, measure, breakdown?);
    };
    let m = Assessing {
        index,
        measure,
        area,
        series,
        current,
        unit: series[&current].unit,
        earlier: match options.comparison {
            Comparison::PreviousPeriod => current.previous(),
            Comparison::YearsEarlier(n) => years_earlier(current, n.max(1)),
        },
        sub_annual: is_sub_annual(&current),
    };
    let change = change_between(series, current, m.earlier)?;
    let same_period_last_year = (m.sub_annual && options.comparison == Comparison::PreviousPeriod)
        .then(|| change_between(series, current, current.year_earlier()))
        .flatten();
    let (share_change, significance) = m.share_and_significance(&change, &same_period_last_year);
    let rolling_year = m.rolling_year();
    let has_rolling_year = rolling_year.is_some();
    let repeat = m.repeat_victimisation();
    let yearly = m.yearly(&change, rolling_year.as_ref());
    // A repeat measure's rate is its repeat victimisation rate, not a rate per head.
    let rate = yearly
        .as_ref()
        .filter(|_| !is_repeat_measure(measure))
        .and_then(|y| rate_of(index, measure, area, y, m.unit));
    let county = options.county.as_deref().map(|county_area| {
        m.county_comparison(
            county_area,
            &change,
            yearly.as_ref(),
            rate.as_ref(),
            repeat.is_some(),
        )
    });
    let polarity = {
        let source = &change.current.source;
        default_polarity(measure, m.unit, &[&source.sheet, &source.file])
    };
    Some(MeasureAssessment {
        polarity,
        count_noun: index.count_noun(measure).map(str::to_string),
        measure: measure.to_string(),
        unit: m.unit,
        area: area.to_string(),
        compared_with: compared_with(&current, options.comparison),
        significance,
        same_period_last_year,
        rolling_year,
        // Monthly and quarterly figures are ranked by their rolling year.
        rank: (!m.sub_annual || has_rolling_year)
            .then(|| rank_among(index, measure, current, options, m.sub_annual))
            .flatten(),
        baseline: baseline(series, current, options.baseline),
        direction: direction(series, current, m.unit),
        control: control(series, current),
        rate,
        county,
        repeat,
        breakdown,
        share_change,
        change,
    })
}

/// A measure given only as a breakdown: its parts, and their total as its figure.
fn breakdown_only(
    index: &Index,
    options: &Resolved,
    measure: &str,
    b: Breakdown,
) -> Option<MeasureAssessment> {
    let area = options.area.as_str();
    let unit = index.parts(measure, area, b.period).first()?.unit;
    let polarity = default_polarity(
        measure,
        unit,
        &[&b.total.source.sheet, &b.total.source.file],
    );
    Some(MeasureAssessment {
        polarity,
        count_noun: index.count_noun(measure).map(str::to_string),
        measure: measure.to_string(),
        unit,
        area: area.to_string(),
        change: Change {
            current: b.total.clone(),
            previous: None,
        },
        compared_with: compared_with(&b.period, options.comparison),
        significance: None,
        same_period_last_year: None,
        rolling_year: None,
        rate: None,
        county: None,
        rank: None,
        baseline: None,
        direction: None,
        control: None,
        repeat: None,
        breakdown: Some(b),
        share_change: None,
    })
}

/// One measure of the local area being assessed: what every step reads.
struct Assessing<'i, 'a> {
    index: &'i Index<'a>,
    measure: &'i str,
    area: &'i str,
    series: &'i BTreeMap<Period, &'a Observation>,
    current: Period,
    unit: Unit,
    /// The period the current one is compared with.
    earlier: Period,
    /// Months or quarters rather than years.
    sub_annual: bool,
}

impl Assessing<'_, '_> {
    /// A share's change in points and whether a change is real: a count's by the
    /// Poisson test, a share's by Newcombe's interval, over the change the
    /// findings lead with (the same period a year earlier for monthly or
    /// quarterly figures).
    fn share_and_significance(
        &self,
        change: &Change,
        same_period_last_year: &Option<Change>,
    ) -> (Option<ShareChange>, Option<Significance>) {
        let headline = match same_period_last_year {
            Some(c) if c.previous.is_some() => c,
            _ => change,
        };
        let share_change = share_change(self.index, self.measure, self.area, headline, self.unit);
        let significance = change.significance(self.unit).or_else(|| {
            share_change
                .as_ref()
                .filter(|_| std::ptr::eq(headline, change))
                .and_then(share_significance)
        });
        (share_change, significance)
    }

    /// The rolling twelve months against the twelve before, for monthly or
    /// quarterly counts (only counts add up into a year).
    fn rolling_year(&self) -> Option<Change> {
        if !(self.sub_annual && self.unit.is_additive()) {
            return None;
        }
        twelve_months(self.series, self.current, 0).map(|now| Change {
            current: now,
            previous: twelve_months(self.series, self.current, 1),
        })
    }

    /// A repeat measure that is already a rate (0.22) is not a count of repeat victims.
    fn repeat_victimisation(&self) -> Option<RepeatVictimisation> {
        (is_repeat_measure(self.measure) && self.unit.is_additive())
            .then(|| repeat_victimisation(self.index, self.measure, self.area, self.current))
            .flatten()
    }

    /// The year rates and shares are taken over: the rolling year for monthly or
    /// quarterly figures (none for a single month), else the current figure.
    fn yearly(&self, change: &Change, rolling_year: Option<&Change>) -> Option<Figure> {
        if self.sub_annual {
            rolling_year.map(|y| y.current.clone())
        } else {
            Some(change.current.clone())
        }
    }

    /// The county beside the local area: its change, rate, the local share of
    /// it, the local rate's funnel position and whether the local change differs
    /// from the rest of the county's by more than chance.
    fn county_comparison(
        &self,
        county_area: &str,
        change: &Change,
        yearly: Option<&Figure>,
        rate: Option<&Rate>,
        has_repeat: bool,
    ) -> CountyComparison {
        let county_series = self.index.series(self.measure, county_area);
        let county_change =
            county_series.and_then(|s| change_between(s, self.current, self.earlier));
        let county_count = match (self.sub_annual, county_series) {
            (false, _) => county_change.as_ref().map(|c| c.current.clone()),
            (true, Some(s)) if yearly.is_some() => twelve_months(s, self.current, 0),
            _ => None,
        };
        let county_rate = county_count
            .as_ref()
            .and_then(|c| rate_of(self.index, self.measure, county_area, c, self.unit))
            .map(|r| r.per_thousand);
        let funnel = match (rate, county_rate) {
            (Some(local), Some(county_rate)) => Some(FunnelPosition::of(
                local.per_thousand,
                local.denominator.value,
                county_rate,
            )),
            _ => None,
        };
        CountyComparison {
            area: county_area.to_string(),
            share: match (yearly, &county_count) {
                (Some(local), Some(c)) if c.value > 0.0 && self.unit.is_additive() => {
                    Some(local.value / c.value)
                }
                _ => None,
            },
            total: county_count.clone(),
            change: county_change.clone(),
            rate: county_rate,
            funnel,
            repeat_rate: has_repeat
                .then(|| {
                    repeat_victimisation(self.index, self.measure, county_area, self.current)
                        .map(|r| r.headline())
                })
                .flatten(),
            gap: county_change
                .as_ref()
                .and_then(|c| change_against_rest(change, c, self.unit)),
        }
    }
}

/// Words naming a count that is the base of a share beside it in a table.
const BASE_WORDS: [&str; 9] = [
    "victims",
    "population",
    "households",
    "respondents",
    "residents",
    "people",
    "base",
    "offenders",
    "cases",
];

/// Whether a count measure is a base for shares ("Domestic abuse victims",
/// "Population"), not itself repeats or another share.
pub fn is_base_measure(measure: &str) -> bool {
    let lower = measure.to_lowercase();
    !is_repeat_measure(measure)
        && lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| BASE_WORDS.contains(&w))
}

/// The base of a share: a count of victims, people or households from the same
/// sheet, for the same area and period (the column beside it in the table).
fn base_of<'a>(index: &Index<'a>, share: &Observation) -> Option<(&'a Observation, String)> {
    let same_place = |o: &Observation| {
        o.source.file == share.source.file && o.source.sheet == share.source.sheet
    };
    index
        .measures()
        .filter(|m| *m != share.measure && is_base_measure(m))
        .filter_map(|m| index.whole(m, &share.area, share.period).map(|o| (o, m)))
        .find(|(o, _)| o.unit.is_additive() && same_place(o))
        .map(|(o, m)| (o, m.to_string()))
        .or_else(|| {
            index
                .population(&share.area, share.period)
                .filter(|p| same_place(p) && p.period == share.period)
                .map(|p| (p, p.measure.clone()))
        })
}

/// A share's change in percentage points, with Wilson intervals where both
/// periods' bases are in the table.
fn share_change(
    index: &Index,
    measure: &str,
    area: &str,
    change: &Change,
    unit: Unit,
) -> Option<ShareChange> {
    let previous = change.previous.as_ref()?;
    let current = unit.as_fraction(change.current.value)?;
    let before = unit.as_fraction(previous.value)?;
    let cell = |f: &Figure| index.whole(measure, area, f.period);
    let bases = cell(&change.current)
        .zip(cell(previous))
        .and_then(|(now, then)| Some((base_of(index, now)?, base_of(index, then)?)))
        .and_then(|((n1, name), (n0, _))| {
            let (b1, b0) = (n1.value.number()?, n0.value.number()?);
            let fits = |p: f64| (0.0..=1.0).contains(&p);
            if !(b1 > 0.0 && b0 > 0.0 && fits(current) && fits(before)) {
                return None;
            }
            let (lo, hi) = stats::newcombe_difference(current, b1, before, b0, stats::Z_95);
            Some(ShareBases {
                current: figure(n1)?,
                previous: figure(n0)?,
                measure: name,
                current_interval: stats::wilson_interval(current * b1, b1, stats::Z_95),
                previous_interval: stats::wilson_interval(before * b0, b0, stats::Z_95),
                difference_interval: (lo * 100.0, hi * 100.0),
            })
        });
    Some(ShareChange {
        current,
        previous: before,
        points: (current - before) * 100.0,
        bases,
    })
}

/// Whether a change in a share is more than chance: its difference's Newcombe
/// interval excludes zero (the p-value is the pooled two-proportion test's).
pub fn share_significance(share: &ShareChange) -> Option<Significance> {
    let bases = share.bases.as_ref()?;
    let (lo, hi) = bases.difference_interval;
    Some(Significance {
        p_value: stats::two_proportion_p(
            share.current,
            bases.current.value,
            share.previous,
            bases.previous.value,
        ),
        significant: lo > 0.0 || hi < 0.0,
        method: "difference of two proportions (Newcombe's interval from Wilson scores)",
    })
}
