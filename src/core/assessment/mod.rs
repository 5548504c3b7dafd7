//! The Strategic Assessment: for each measure, how it changed, how it compares
//! with the county, its peers and a baseline, whether the change is real, how the
//! targets stand and whether it should be a priority, written up as findings.

mod assessor;
mod change;
pub mod choices;
pub mod concentration;
pub mod concentration_finding;
pub mod deprivation;
pub mod deprivation_finding;
pub mod derived;
mod districts;
mod fast_hash;
pub mod figures;
pub mod findings;
pub mod funnel_position;
pub mod index;
pub mod issues;
pub mod measure;
pub mod options;
pub mod polarity;
pub mod police_parts;
pub mod priority;
pub mod reference;
pub mod report;
pub mod severity;
pub mod significance_marker;
pub mod target_form;
pub mod targets;
pub mod wording;

pub use assessor::{Assessor, Progress, WorkedFrom};
pub use change::{is_population, Change, Figure, Significance};
pub use concentration::{concentration, Concentration, RankedLsoa, TopShare};
pub use concentration_finding::concentration_finding;
pub use deprivation::{deprivation, DecileRow, Deprivation};
pub use deprivation_finding::deprivation_finding;
pub use districts::{
    comparable, comparable_for, comparable_measures, comparable_measures_for, district_comparison,
    district_comparison_for, DistrictComparison, DistrictFigure,
};
pub use findings::{findings, Citation, Finding, Topic};
pub use index::Index;
pub use measure::{assess_measure, MeasureAssessment};
pub use options::{
    comparison_choices, peer_choices, proposed_area, Comparison, ComparisonChoice, Options,
    PeerChoice, PeerGroup, PeerSet, Resolved,
};
pub use police_parts::{police_parts, police_parts_measures, PoliceParts};
pub use priority::{prioritise, PriorityAssessment, PrioritySettings};
pub use target_form::{TargetForm, TARGET_AIMS};
pub use targets::{evaluate, Target, TargetAssessment, TargetStatus};

use crate::core::areas::AreaLevel;
use crate::core::dataset::Dataset;
use crate::core::geography::{self, Population};
use fast_hash::FastMap;
use serde::Serialize;

/// The built-in sample's area, chosen first when present. The one place the
/// sample's area is named: the header's label and the Data view's note say it from here.
pub const SAMPLE_AREA: &str = "Tunbridge Wells";

/// What the header says while the built-in sample is in use.
pub fn sample_label() -> String {
    format!("Built-in sample (illustrative, {SAMPLE_AREA} 2015)")
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Assessment {
    pub options: Resolved,
    pub measures: Vec<MeasureAssessment>,
    /// Per measure, in the order of `measures`.
    pub findings: Vec<Vec<Finding>>,
    pub targets: Vec<TargetAssessment>,
    pub priorities: Vec<PriorityAssessment>,
    /// Tables left out because their reading is in doubt, until the user confirms them.
    pub left_out: Vec<LeftOut>,
    /// Every measure with figures for two or more districts, compared in its latest period.
    pub comparisons: Vec<DistrictComparison>,
    /// The files' areas and their levels, as the assessment's index read them:
    /// what the options offer to compare with and rank among, without indexing
    /// the figures again.
    #[serde(skip)]
    pub areas: Vec<(String, AreaLevel)>,
    /// Where each measure sits in `measures`, `targets` (the first) and
    /// `priorities`: views look measures up per row, and a scan per row would
    /// make a workbook of thousands of measures quadratic.
    #[serde(skip)]
    positions: Positions,
}

/// A table whose figures the assessment leaves out, and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LeftOut {
    /// "file › sheet (A4:D40)".
    pub table: String,
    pub doubts: Vec<String>,
}

/// The tables the assessment leaves out until their reading is confirmed.
pub fn left_out(data: &Dataset) -> Vec<LeftOut> {
    index::doubtful_tables(data)
        .into_iter()
        .map(|t| LeftOut {
            table: t.name(),
            doubts: t.reading.doubts.clone(),
        })
        .collect()
}

#[derive(Clone, Debug, Default, PartialEq)]
struct Positions {
    measures: FastMap<String, usize>,
    targets: FastMap<String, usize>,
    priorities: FastMap<String, usize>,
}

impl Positions {
    fn of(
        measures: &[MeasureAssessment],
        targets: &[TargetAssessment],
        priorities: &[PriorityAssessment],
    ) -> Positions {
        fn first_of<'a>(names: impl Iterator<Item = &'a str>) -> FastMap<String, usize> {
            let mut map = FastMap::default();
            for (i, name) in names.enumerate() {
                map.entry(name.to_string()).or_insert(i);
            }
            map
        }
        Positions {
            measures: first_of(measures.iter().map(|m| m.measure.as_str())),
            targets: first_of(targets.iter().map(|t| t.target.measure.as_str())),
            // An issue's score is each of its measures' too, and the issue's by name.
            priorities: {
                let mut map = FastMap::default();
                for (i, p) in priorities.iter().enumerate() {
                    for name in std::iter::once(&p.issue).chain(&p.measures) {
                        map.entry(name.clone()).or_insert(i);
                    }
                }
                map
            },
        }
    }
}

impl Assessment {
    pub fn new(
        options: Resolved,
        measures: Vec<MeasureAssessment>,
        findings: Vec<Vec<Finding>>,
        targets: Vec<TargetAssessment>,
        priorities: Vec<PriorityAssessment>,
        comparisons: Vec<DistrictComparison>,
    ) -> Assessment {
        let positions = Positions::of(&measures, &targets, &priorities);
        Assessment {
            options,
            measures,
            findings,
            targets,
            priorities,
            left_out: Vec::new(),
            comparisons,
            areas: Vec::new(),
            positions,
        }
    }

    pub fn measure(&self, name: &str) -> Option<&MeasureAssessment> {
        self.measures.get(*self.positions.measures.get(name)?)
    }

    pub fn findings_for(&self, name: &str) -> &[Finding] {
        self.positions
            .measures
            .get(name)
            .and_then(|&i| self.findings.get(i))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    pub fn target_for(&self, measure: &str) -> Option<&TargetAssessment> {
        self.targets.get(*self.positions.targets.get(measure)?)
    }

    /// Frees up to `count` entries from the end of each of its lists; `true`
    /// once they are all empty. An assessment of thousands of measures holds
    /// hundreds of thousands of strings, and freeing them all at once is one
    /// long task: the page frees the assessment it replaces a slice at a time.
    pub fn release(&mut self, count: usize) -> bool {
        fn shorten<T>(list: &mut Vec<T>, count: usize) -> bool {
            list.truncate(list.len().saturating_sub(count));
            list.is_empty()
        }
        let measures = shorten(&mut self.measures, count);
        let findings = shorten(&mut self.findings, count);
        let priorities = shorten(&mut self.priorities, count);
        let comparisons = shorten(&mut self.comparisons, count);
        let targets = shorten(&mut self.targets, count);
        if measures && findings && priorities && comparisons && targets {
            self.positions = Positions::default();
            true
        } else {
            false
        }
    }

    /// `areas` as the option lists take them.
    pub fn area_levels(&self) -> Vec<(&str, AreaLevel)> {
        self.areas.iter().map(|(a, l)| (a.as_str(), *l)).collect()
    }

    /// The priority of an issue, or of the issue a measure belongs to.
    pub fn priority_for(&self, measure: &str) -> Option<&PriorityAssessment> {
        self.priorities
            .get(*self.positions.priorities.get(measure)?)
    }
}

/// The whole assessment for the chosen options; `None` when there is nothing to
/// assess. County and force totals missing from the data are derived from their
/// districts (see `derived`); no built-in populations are used.
pub fn assess(
    data: &Dataset,
    options: &Options,
    targets: &[Target],
    priorities: &PrioritySettings,
) -> Option<Assessment> {
    assess_with(data, None, options, targets, priorities)
}

/// The assessment with the built-in populations as the fallback denominators
/// for areas whose files carry none, and county and force totals derived from
/// their districts where the files lack them.
pub fn assess_with(
    data: &Dataset,
    population: Option<&Population>,
    options: &Options,
    targets: &[Target],
    priorities: &PrioritySettings,
) -> Option<Assessment> {
    let geo = geography::national();
    let reference = reference::Reference::of(data, geo);
    let denominators = population
        .map(|p| reference.denominators(geo, p))
        .unwrap_or_default();
    let figures = figures::Figures::with(data, &reference.totals, &denominators);
    Assessor::new(figures, options, priorities)
        .with_targets(targets)
        .finish()
}
