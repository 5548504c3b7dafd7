//! What a board meeting sees: the priorities the assessment recommends, in rank
//! order, each with its targets' status and its key findings.

use crate::core::assessment::findings::Topic;
use crate::core::assessment::targets::Rag;
use crate::core::assessment::{Assessment, Finding, PriorityAssessment, TargetAssessment};
use crate::core::charts::{ChartSpec, ChartTable};
use crate::core::maps::{self, asset::Boundaries, MapSpec, MapValue};
use serde::Serialize;

/// A chart as the board shows it: on a priority's page (`measure`), or on the
/// general page when `measure` is empty.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BoardChart {
    pub measure: String,
    pub id: String,
    pub title: String,
    /// The name its downloads are saved under: the title, distinct among the
    /// board's charts (set by `board_charts`).
    pub file_stem: String,
    pub description: String,
    pub option_json: String,
    pub table: ChartTable,
    /// A map, drawn by the core as SVG (`core::maps`) rather than by ECharts:
    /// the board pack puts it in the page as it is; `option_json` is then empty.
    pub svg: Option<String>,
}

impl BoardChart {
    pub fn new(measure: &str, spec: ChartSpec) -> BoardChart {
        BoardChart {
            measure: measure.to_string(),
            option_json: spec.option_json(),
            file_stem: spec.file_stem(),
            id: spec.id,
            title: spec.title,
            description: spec.description,
            table: spec.table,
            svg: None,
        }
    }

    /// A map on a measure's page (the district map of a priority).
    pub fn map(measure: &str, spec: MapSpec) -> BoardChart {
        BoardChart {
            measure: measure.to_string(),
            option_json: String::new(),
            file_stem: crate::core::file_name::download_name(&spec.title, ""),
            id: spec.id,
            title: spec.title,
            description: spec.description,
            table: spec.table,
            svg: Some(spec.svg),
        }
    }
}

/// The district map of each measure on the board that districts are compared
/// on: by rate per 1,000 where every district has a population, else by count.
pub fn board_maps(a: &Assessment, districts: &Boundaries) -> Vec<BoardChart> {
    board_items(a)
        .iter()
        .filter_map(|item| {
            let comparison = a.comparisons.iter().find(|c| c.measure == item.measure)?;
            let value = if comparison.by_rate {
                MapValue::Rate
            } else {
                MapValue::Count
            };
            let spec = maps::district_map(comparison, districts, &a.options.area, value).ok()?;
            Some(BoardChart::map(&item.measure, spec))
        })
        .collect()
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BoardItem {
    /// The issue ("Road safety").
    pub issue: String,
    /// The measure that stands for it: its charts are drawn.
    pub measure: String,
    /// Every measure of the issue.
    pub measures: Vec<String>,
    pub recommendation: String,
    pub override_reason: Option<String>,
    /// Targets on the issue's measures, or belonging to a priority named like it.
    pub targets: Vec<TargetAssessment>,
    /// The findings a board member needs first, in order.
    pub findings: Vec<Finding>,
}

impl BoardItem {
    /// The worst status among the item's targets, for the summary.
    pub fn rag(&self) -> Option<Rag> {
        let order = |r: Rag| match r {
            Rag::Red => 0,
            Rag::Amber => 1,
            Rag::Green => 2,
            Rag::Grey => 3,
        };
        self.targets
            .iter()
            .map(|t| t.status.rag())
            .min_by_key(|r| order(*r))
    }
}

/// How many findings a board page carries: enough to decide, not a report.
const KEY_FINDINGS: usize = 4;

fn key_topic(topic: Topic) -> bool {
    !matches!(topic, Topic::Control | Topic::Share)
}

/// The issue each target belongs with: the one holding its measure, else the
/// first whose issue or measure names start with the target's priority
/// ("Violent crime" for a target on violent crime in the night-time economy).
fn owner_of(target: &TargetAssessment, issues: &[&PriorityAssessment]) -> Option<usize> {
    let priority = target.target.priority.to_lowercase();
    let named = |p: &PriorityAssessment| {
        !priority.is_empty()
            && std::iter::once(&p.issue)
                .chain(&p.measures)
                .any(|m| m.to_lowercase().starts_with(&priority))
    };
    issues
        .iter()
        .position(|p| p.measures.contains(&target.target.measure))
        .or_else(|| issues.iter().position(|p| named(p)))
}

/// Each issue's targets, in the order of `issues`; each target with one issue at most.
pub fn targets_of(a: &Assessment, issues: &[&PriorityAssessment]) -> Vec<Vec<TargetAssessment>> {
    let mut out = vec![Vec::new(); issues.len()];
    for t in &a.targets {
        if let Some(i) = owner_of(t, issues) {
            out[i].push(t.clone());
        }
    }
    out
}

/// The findings a board member reads first on an issue: the leading measure's
/// first two, then the first of each other measure, then the leading measure's
/// others, up to `KEY_FINDINGS` (a board page, printed, is one sheet).
fn key_findings(a: &Assessment, p: &PriorityAssessment) -> Vec<Finding> {
    let key = |m: &str| -> Vec<Finding> {
        a.findings_for(m)
            .iter()
            .filter(|f| key_topic(f.topic))
            .cloned()
            .collect()
    };
    let lead = key(&p.measure);
    let mut out: Vec<Finding> = lead.iter().take(2).cloned().collect();
    for m in p.measures.iter().filter(|m| **m != p.measure) {
        out.extend(key(m).into_iter().take(1));
    }
    out.extend(lead.into_iter().skip(2));
    out.truncate(KEY_FINDINGS);
    out
}

/// The recommended priorities, highest score first, each target on one of them at most.
pub fn board_items(a: &Assessment) -> Vec<BoardItem> {
    let recommended: Vec<&PriorityAssessment> =
        a.priorities.iter().filter(|p| p.recommended).collect();
    let targets = targets_of(a, &recommended);
    recommended
        .iter()
        .zip(targets)
        .map(|(p, targets)| BoardItem {
            issue: p.issue.clone(),
            measure: p.measure.clone(),
            measures: p.measures.clone(),
            recommendation: p.recommendation.clone(),
            override_reason: p.override_reason.clone(),
            targets,
            findings: key_findings(a, p),
        })
        .collect()
}

/// Every chart the board shows: per recommended priority its trend, its targets'
/// progress, the district funnel plot and its breakdown; then, for the whole
/// assessment, local change against county change, the priority matrix and the
/// other issues' breakdowns (stacked counts and 100% shares).
pub fn board_charts<'a>(
    data: impl Into<crate::core::assessment::figures::Figures<'a>>,
    a: &Assessment,
    palette: &crate::core::charts::Palette,
) -> Vec<BoardChart> {
    use crate::core::assessment::Index;
    use crate::core::charts::{self, ChartInput};
    let index = Index::new(data);
    let input = ChartInput::new(&index, a, palette);
    let mut out = Vec::new();
    for item in board_items(a) {
        let m = item.measure.as_str();
        if let Some(c) = charts::trend(&input, m) {
            out.push(BoardChart::new(m, c));
        }
        for (i, t) in a.targets.iter().enumerate() {
            if item.targets.iter().any(|own| own.target == t.target) {
                if let Some(c) = charts::target_progress(&input, i) {
                    out.push(BoardChart::new(m, c));
                }
            }
        }
        if let Some(c) = charts::funnel(&input, m) {
            out.push(BoardChart::new(m, c));
        }
        if let Some(c) = charts::breakdown(&input, m) {
            out.push(BoardChart::new(m, c));
        }
    }
    if let Some(c) = charts::county_change(&input) {
        out.push(BoardChart::new("", c));
    }
    if let Some(c) = charts::priority_matrix(&input) {
        out.push(BoardChart::new("", c));
    }
    // Breakdowns of issues that are not priorities still inform the board: in
    // numbers, and as shares of the whole.
    let placed: std::collections::HashSet<String> = out.iter().map(|c| c.measure.clone()).collect();
    for m in &a.measures {
        let placed = placed.contains(&m.measure);
        if m.breakdown.is_none() || placed {
            continue;
        }
        for breakdown in [charts::breakdown, charts::breakdown_shares] {
            if let Some(c) = breakdown(&input, &m.measure) {
                out.push(BoardChart::new("", c));
            }
        }
    }
    // Each chart can be saved from the board: no two under the same name.
    let stems = crate::core::file_name::unique_stems(out.iter().map(|c| c.title.as_str()));
    for (chart, stem) in out.iter_mut().zip(stems) {
        chart.file_stem = stem;
    }
    out
}
