//! The assessment on one page: every issue as a row with its latest figure, its
//! trend, a marker against the county and one against its own past (each with
//! the test behind it), its targets' RAG and the recommendation; the issues
//! significantly worse than the county *and* worsening first. With it, the
//! spine chart of the same issues. The Board opens on it, present mode shows it
//! first and the board pack carries it on its first page.

use crate::core::assessment::measure::{FunnelPosition, MeasureAssessment};
use crate::core::assessment::polarity::{funnel_verdict, MeasurePolarity, Verdict};
use crate::core::assessment::targets::Rag;
use crate::core::assessment::wording::counted;
use crate::core::assessment::{Assessment, Index, PriorityAssessment};
use crate::core::board::targets_of;
use crate::core::charts::{self, spine_rate, ChartInput, ChartSpec, Palette};
use crate::core::dataset::Unit;
use crate::core::format;
use serde::Serialize;

/// How the issue's rate stands against the county's, by the funnel plot's 95%
/// limits, judged by which way is better for its leading measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum AgainstCounty {
    Worse,
    Similar,
    Better,
    /// Above the limits, for a measure whose direction is not judged.
    Higher,
    /// Below the limits, likewise.
    Lower,
    NotCompared,
}

impl AgainstCounty {
    pub fn label(self) -> &'static str {
        match self {
            AgainstCounty::Worse => "Worse",
            AgainstCounty::Similar => "Similar",
            AgainstCounty::Better => "Better",
            AgainstCounty::Higher => "Higher",
            AgainstCounty::Lower => "Lower",
            AgainstCounty::NotCompared => "Not compared",
        }
    }

    pub fn class(self) -> &'static str {
        match self {
            AgainstCounty::Worse => "worse",
            AgainstCounty::Similar => "similar",
            AgainstCounty::Better => "better",
            AgainstCounty::Higher | AgainstCounty::Lower => "unjudged",
            AgainstCounty::NotCompared => "none",
        }
    }
}

/// How the issue's figure moved on the period it is compared with, by the
/// significance test of the change, judged by which way is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum AgainstPast {
    Worsening,
    NoChange,
    Improving,
    /// A real rise, for a measure whose direction is not judged.
    Rising,
    /// A real fall, likewise.
    Falling,
    NotKnown,
}

impl AgainstPast {
    pub fn label(self) -> &'static str {
        match self {
            AgainstPast::Worsening => "Worsening",
            AgainstPast::NoChange => "No change",
            AgainstPast::Improving => "Improving",
            AgainstPast::Rising => "Rising",
            AgainstPast::Falling => "Falling",
            AgainstPast::NotKnown => "No earlier figure",
        }
    }

    pub fn class(self) -> &'static str {
        match self {
            AgainstPast::Worsening => "worse",
            AgainstPast::NoChange => "similar",
            AgainstPast::Improving => "better",
            AgainstPast::Rising | AgainstPast::Falling => "unjudged",
            AgainstPast::NotKnown => "none",
        }
    }
}

/// A marker: its state, the shape a sighted reader scans (the way the figure
/// lies: ▲ higher, ▼ lower, ● similar; the word says whether that is worse or
/// better, so the marker never relies on colour or on the shape alone), the
/// figures it rests on in a few characters, and the sentence saying how it was
/// judged (the text alternative and the tooltip).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Marker<T> {
    pub state: T,
    pub symbol: &'static str,
    /// "11.4 vs 13.0", "+17%".
    pub figures: String,
    pub sentence: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OverviewRow {
    pub issue: String,
    /// The measure whose figure the row shows.
    pub measure: String,
    pub measures: Vec<String>,
    /// "1,319 incidents".
    pub latest: String,
    pub period: String,
    /// Which way is better for the leading measure, and why.
    pub polarity: MeasurePolarity,
    /// Whether the user chose the leading measure.
    pub lead_chosen: bool,
    /// The leading measure's figures for periods as long as the latest, oldest first.
    pub trend: Vec<(String, f64)>,
    pub county: Marker<AgainstCounty>,
    pub past: Marker<AgainstPast>,
    /// The worst status among the issue's targets.
    pub rag: Option<Rag>,
    /// "1 target: Off track", "No target".
    pub targets: String,
    pub recommended: bool,
    pub recommendation: String,
    pub rank: usize,
    /// The id of the issue's detail on the board.
    pub anchor: String,
}

impl OverviewRow {
    /// 0: worse than the county and worsening; 1: one of the two; 2: neither.
    pub fn concern(&self) -> u8 {
        let worse = self.county.state == AgainstCounty::Worse;
        let worsening = self.past.state == AgainstPast::Worsening;
        match (worse, worsening) {
            (true, true) => 0,
            (true, false) | (false, true) => 1,
            _ => 2,
        }
    }

    /// "Priority" or "Not a priority", for the row; the sentence is the recommendation.
    pub fn decision(&self) -> &'static str {
        if self.recommended {
            "Priority"
        } else {
            "Not a priority"
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Overview {
    pub area: String,
    /// The area compared with ("Kent").
    pub county: Option<String>,
    pub rows: Vec<OverviewRow>,
}

/// The id of an issue's detail on the board (its section, or its entry among the other issues).
pub fn anchor(issue: &str) -> String {
    format!("board-{}", crate::core::id::stable_id(issue))
}

/// How many earlier figures a sparkline shows at most.
const SPARK_POINTS: usize = 10;

fn trend(index: &Index, m: &MeasureAssessment) -> Vec<(String, f64)> {
    let current = m.change.current.period;
    let Some(series) = index.series(&m.measure, &m.area) else {
        return Vec::new();
    };
    let points: Vec<(String, f64)> = series
        .iter()
        .filter(|(p, _)| p.months() == current.months() && **p <= current)
        .filter_map(|(p, o)| Some((p.label(), o.value.number()?)))
        .collect();
    let skip = points.len().saturating_sub(SPARK_POINTS);
    points.into_iter().skip(skip).collect()
}

fn against_county(
    a: &Assessment,
    p: &PriorityAssessment,
    m: &MeasureAssessment,
) -> Marker<AgainstCounty> {
    let area = &a.options.area;
    let spine = charts::spine_row(a, &p.issue, &m.measure);
    let not_compared = |sentence: String| Marker {
        state: AgainstCounty::NotCompared,
        symbol: "–",
        figures: "–".to_string(),
        sentence,
    };
    let (Some(county), Some(rate)) = (m.county.as_ref(), m.rate.as_ref()) else {
        return not_compared(format!(
            "{area} is not compared with another area on {}: the files have no rate for both.",
            m.measure
        ));
    };
    let (local, county_rate) = match (&spine, county.rate) {
        (Some(s), _) => (s.local, s.county),
        (None, Some(c)) => (rate.per_thousand, c),
        (None, None) => {
            return not_compared(format!(
                "{} has no rate for {} to compare with.",
                county.area, m.measure
            ))
        }
    };
    let figures = format!("{} vs {}", spine_rate(local), spine_rate(county_rate));
    let rates = format!(
        "{} per 1,000 in {area} against {} across {} ({})",
        spine_rate(local),
        spine_rate(county_rate),
        county.area,
        m.measure
    );
    let funnel = county.funnel;
    let verdict = funnel_verdict(m.polarity.polarity, funnel);
    let state = match verdict {
        Some(Verdict::Worse) => AgainstCounty::Worse,
        Some(Verdict::Better) => AgainstCounty::Better,
        Some(Verdict::Same) => AgainstCounty::Similar,
        Some(Verdict::Unjudged) if local > county_rate => AgainstCounty::Higher,
        Some(Verdict::Unjudged) => AgainstCounty::Lower,
        None => AgainstCounty::NotCompared,
    };
    let (symbol, test) = match funnel {
        Some(FunnelPosition::FarAbove | FunnelPosition::Above) => (
            "▲",
            "above the funnel plot's 95% limit: higher than chance alone would explain",
        ),
        Some(FunnelPosition::FarBelow | FunnelPosition::Below) => (
            "▼",
            "below the funnel plot's 95% limit: lower than chance alone would explain",
        ),
        Some(FunnelPosition::Within) => (
            "●",
            "within the funnel plot's limits: a difference chance could explain",
        ),
        None => ("–", "not tested: no population for the funnel plot"),
    };
    Marker {
        state,
        symbol,
        figures,
        sentence: format!(
            "{}: {rates}, {test}. {}",
            state.label(),
            m.polarity.sentence()
        ),
    }
}

fn against_past(m: &MeasureAssessment) -> Marker<AgainstPast> {
    let previous = m.change.previous.as_ref();
    let (Some(relative), Some(previous)) = (m.change.relative(), previous) else {
        return Marker {
            state: AgainstPast::NotKnown,
            symbol: "–",
            figures: "–".to_string(),
            sentence: format!("{} has no earlier figure to compare with.", m.measure),
        };
    };
    let change = if m.unit == Unit::Count {
        format::signed_percent(relative)
    } else {
        format!(
            "{} from {}",
            m.unit.show(m.change.current.value),
            m.unit.show(previous.value)
        )
    };
    let real = |s: &crate::core::assessment::Significance, d: f64| s.significant && d != 0.0;
    let (state, symbol, test) = match (&m.significance, m.change.absolute()) {
        (Some(s), Some(d)) if real(s, d) => {
            let state = match m.polarity.polarity.verdict(d) {
                Verdict::Worse => AgainstPast::Worsening,
                Verdict::Better => AgainstPast::Improving,
                _ if d > 0.0 => AgainstPast::Rising,
                _ => AgainstPast::Falling,
            };
            (state, if d > 0.0 { "↑" } else { "↓" }, s.describe())
        }
        (Some(s), _) => (AgainstPast::NoChange, "→", s.describe()),
        _ => (
            AgainstPast::NoChange,
            "→",
            "no test possible for this figure".to_string(),
        ),
    };
    Marker {
        state,
        symbol,
        sentence: format!(
            "{}: {} {change} in {} on {} ({test}). {}",
            state.label(),
            m.measure,
            m.change.current.period.label(),
            previous.period.label(),
            m.polarity.sentence()
        ),
        figures: change,
    }
}

fn targets_text(targets: &[crate::core::assessment::TargetAssessment]) -> (Option<Rag>, String) {
    let order = |r: Rag| match r {
        Rag::Red => 0,
        Rag::Amber => 1,
        Rag::Green => 2,
        Rag::Grey => 3,
    };
    let worst = targets
        .iter()
        .map(|t| t.status.rag())
        .min_by_key(|r| order(*r));
    let text = match targets.len() {
        0 => "No target".to_string(),
        n => format!(
            "{} {}: {}",
            n,
            if n == 1 { "target" } else { "targets" },
            targets
                .iter()
                .map(|t| t.status.label())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    (worst, text)
}

/// Every issue of the assessment as an overview row, worse-and-worsening first,
/// then worse or worsening, then the rest, each group in the matrix's order.
pub fn overview<'a>(
    data: impl Into<crate::core::assessment::figures::Figures<'a>>,
    a: &Assessment,
) -> Overview {
    overview_in(&Index::new(data), a)
}

/// The overview from an index already built.
pub fn overview_in(index: &Index, a: &Assessment) -> Overview {
    let issues: Vec<&PriorityAssessment> = a.priorities.iter().collect();
    let targets = targets_of(a, &issues);
    let mut rows: Vec<OverviewRow> = issues
        .iter()
        .zip(targets)
        .filter_map(|(p, targets)| {
            let m = a.measure(&p.measure)?;
            let (rag, targets) = targets_text(&targets);
            let latest = if m.unit == Unit::Count {
                counted(&m.measure, m.change.current.value)
            } else {
                m.unit.show(m.change.current.value)
            };
            Some(OverviewRow {
                issue: p.issue.clone(),
                measure: p.measure.clone(),
                measures: p.measures.clone(),
                latest,
                period: m.change.current.period.label(),
                polarity: m.polarity.clone(),
                lead_chosen: p.lead_chosen,
                trend: trend(index, m),
                county: against_county(a, p, m),
                past: against_past(m),
                rag,
                targets,
                recommended: p.recommended,
                recommendation: p.recommendation.clone(),
                rank: p.rank,
                anchor: anchor(&p.issue),
            })
        })
        .collect();
    order(&mut rows);
    Overview {
        area: a.options.area.clone(),
        county: a.options.county.clone(),
        rows,
    }
}

/// Worse than the county and worsening first, then either, then neither; in
/// each, the matrix's rank, then the name.
pub fn order(rows: &mut [OverviewRow]) {
    crate::core::sorting::sort_by(rows, |x, y| {
        x.concern()
            .cmp(&y.concern())
            .then(x.rank.cmp(&y.rank))
            .then(x.issue.cmp(&y.issue))
    });
}

/// The spine chart of the overview's issues, in its order.
pub fn overview_spine(input: &ChartInput, o: &Overview) -> Option<ChartSpec> {
    let order: Vec<String> = o.rows.iter().map(|r| r.issue.clone()).collect();
    charts::spine(&input.in_order(&order))
}

/// The one page: the overview and its spine chart, indexing the data once.
pub fn one_page<'a>(
    data: impl Into<crate::core::assessment::figures::Figures<'a>>,
    a: &Assessment,
    palette: &Palette,
) -> (Overview, Option<ChartSpec>) {
    let index = Index::new(data);
    let o = overview_in(&index, a);
    let spine = overview_spine(&ChartInput::new(&index, a, palette), &o);
    (o, spine)
}

/// A sparkline as an SVG polyline's points in a `width` × `height` box
/// (oldest at the left, the highest value at the top); empty under two points.
pub fn sparkline_points(values: &[f64], width: f64, height: f64) -> String {
    if values.len() < 2 {
        return String::new();
    }
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let span = if hi > lo { hi - lo } else { 1.0 };
    let step = width / (values.len() - 1) as f64;
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let x = i as f64 * step;
            let y = if hi > lo {
                height - (v - lo) / span * height
            } else {
                height / 2.0
            };
            format!("{x:.1},{y:.1}")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The sparkline in words: "From 4,250 in Oct 2010 – Sep 2011 to 3,246 in Oct 2014 – Sep 2015".
pub fn sparkline_text(row: &OverviewRow) -> String {
    match (row.trend.first(), row.trend.last()) {
        (Some(first), Some(last)) if row.trend.len() > 1 => format!(
            "{} figures, from {} in {} to {} in {}",
            row.trend.len(),
            format::number(first.1, if first.1.fract() == 0.0 { 0 } else { 1 }),
            first.0,
            format::number(last.1, if last.1.fract() == 0.0 { 0 } else { 1 }),
            last.0
        ),
        _ => "One figure only: no trend yet".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(issue: &str, county: AgainstCounty, past: AgainstPast, rank: usize) -> OverviewRow {
        fn marker<T>(state: T) -> Marker<T> {
            Marker {
                state,
                symbol: "",
                figures: String::new(),
                sentence: String::new(),
            }
        }
        OverviewRow {
            issue: issue.to_string(),
            measure: issue.to_string(),
            measures: vec![issue.to_string()],
            latest: String::new(),
            period: String::new(),
            polarity: MeasurePolarity::default(),
            lead_chosen: false,
            trend: Vec::new(),
            county: marker(county),
            past: marker(past),
            rag: None,
            targets: String::new(),
            recommended: false,
            recommendation: String::new(),
            rank,
            anchor: anchor(issue),
        }
    }

    #[test]
    fn worse_and_worsening_come_first_then_either_then_the_matrix_order() {
        use AgainstCounty as C;
        use AgainstPast as P;
        let mut rows = vec![
            row("Top of the matrix", C::Better, P::NoChange, 1),
            row("Worse only", C::Worse, P::Improving, 5),
            row("Worsening only", C::Similar, P::Worsening, 3),
            row("Both", C::Worse, P::Worsening, 7),
            row("Not compared", C::NotCompared, P::NotKnown, 2),
            row("Both, higher", C::Worse, P::Worsening, 4),
        ];
        order(&mut rows);
        let names: Vec<&str> = rows.iter().map(|r| r.issue.as_str()).collect();
        assert_eq!(
            names,
            [
                "Both, higher",
                "Both",
                "Worsening only",
                "Worse only",
                "Top of the matrix",
                "Not compared"
            ]
        );
    }

    #[test]
    fn a_sparkline_spans_its_box() {
        assert_eq!(sparkline_points(&[1.0], 100.0, 20.0), "");
        assert_eq!(
            sparkline_points(&[1.0, 3.0, 2.0], 100.0, 20.0),
            "0.0,20.0 50.0,0.0 100.0,10.0"
        );
        assert_eq!(
            sparkline_points(&[5.0, 5.0], 10.0, 20.0),
            "0.0,10.0 10.0,10.0"
        );
    }
}
