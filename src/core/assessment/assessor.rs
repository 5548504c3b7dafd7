//! The assessment worked through a slice at a time, so the page can compute an
//! assessment of thousands of measures without one long task: the caller runs
//! `step` between yields to the browser and `finish` once every step is done.
//! The work comes in three stages, each sliced: indexing the figures (a million
//! of them for a large workbook), assessing each measure, then grouping the
//! measures into issues and scoring each issue for the priority matrix.

use super::concentration::street_period;
use super::figures::Figures;
use super::index::IndexBuilder;
use super::polarity::polarity_of;
use super::priority::Prioritiser;
use super::{
    assess_measure, comparable_for, evaluate, findings, left_out, Assessment, DistrictComparison,
    Finding, Index, MeasureAssessment, Options, PrioritySettings, Resolved, Target, SAMPLE_AREA,
};
use super::{concentration, concentration_finding, deprivation, deprivation_finding};
use crate::core::dataset::{Dataset, LsoaTally};
use crate::core::geography::imd::ImdDeciles;

/// How many figures one unit of `step` indexes: indexing a figure costs about
/// a hundredth of assessing a measure, so a step of 10 takes about as long in
/// either stage.
const FIGURES_PER_UNIT: usize = 1_000;

pub struct Assessor<'a> {
    data: &'a Dataset,
    /// IMD 2019 deciles, once fetched: street measures then get a deprivation finding.
    imd: Option<&'a ImdDeciles>,
    options: Options,
    settings: PrioritySettings,
    targets: Vec<Target>,
    stage: Stage<'a>,
}

enum Stage<'a> {
    Indexing(Box<IndexBuilder<'a>>),
    Assessing(Box<Assessing<'a>>),
    Prioritising(Box<Prioritising<'a>>),
    /// No area to assess, or no figures.
    Nothing,
}

struct Assessing<'a> {
    index: Index<'a>,
    resolved: Resolved,
    names: Vec<&'a str>,
    next: usize,
    measures: Vec<MeasureAssessment>,
    findings: Vec<Vec<Finding>>,
    comparisons: Vec<DistrictComparison>,
}

/// Every measure assessed, the targets evaluated; the issues being scored.
struct Prioritising<'a> {
    index: Index<'a>,
    resolved: Resolved,
    measures: Vec<MeasureAssessment>,
    findings: Vec<Vec<Finding>>,
    comparisons: Vec<DistrictComparison>,
    targets: Vec<super::TargetAssessment>,
    prioritiser: Prioritiser,
}

/// How far an assessment has got, for a progress line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// The county and force totals the districts make up, and the built-in
    /// denominators, being worked out for new data: units done, of all
    /// (`reference::ReferenceBuilder`).
    Reference {
        done: usize,
        of: usize,
    },
    /// Figures indexed, of all.
    Indexing {
        done: usize,
        of: usize,
    },
    /// Measures assessed, of all.
    Assessing {
        done: usize,
        of: usize,
    },
    /// Measures grouped into issues and issues scored: units done, of all
    /// (`priority::Prioritiser`).
    Prioritising {
        done: usize,
        of: usize,
    },
    Done,
}

impl Progress {
    /// The progress line shown while a recompute is under way.
    pub fn line(self) -> String {
        use crate::core::format::count;
        let step = match self {
            Progress::Reference { done, of } => format!(
                "Adding up the county and force totals from the districts: {} done.",
                crate::core::format::share(done as f64 / of.max(1) as f64)
            ),
            Progress::Indexing { done, of } => format!(
                "Reading the figures: {} of {} read.",
                count(done as f64),
                count(of as f64)
            ),
            Progress::Assessing { done, of } => format!(
                "Working through the measures: {} of {} done.",
                count(done as f64),
                count(of as f64)
            ),
            Progress::Prioritising { done, of } => format!(
                "Scoring the issues for the priority matrix: {} done.",
                crate::core::format::share(done as f64 / of.max(1) as f64)
            ),
            Progress::Done => "Finishing the targets and priorities.".to_string(),
        };
        format!("{step} The figures below are from the previous choice until then.")
    }
}

impl<'a> Assessor<'a> {
    /// The priority matrix's settings are needed from the start: each measure
    /// is scored as it is assessed.
    pub fn new(
        figures: impl Into<Figures<'a>>,
        options: &Options,
        priorities: &PrioritySettings,
    ) -> Assessor<'a> {
        let figures: Figures<'a> = figures.into();
        Assessor {
            data: figures.data,
            imd: None,
            options: options.clone(),
            settings: priorities.clone(),
            targets: Vec::new(),
            stage: Stage::Indexing(Box::new(IndexBuilder::new(figures))),
        }
    }

    /// The partnership's targets, evaluated once every measure is assessed
    /// (a target's aim decides the polarity of a measure the user gave none).
    pub fn with_targets(mut self, targets: &[Target]) -> Assessor<'a> {
        self.targets = targets.to_vec();
        self
    }

    /// With the IMD 2019 deciles (fetched on demand, so not always there):
    /// each street measure of the local area also gets a deprivation finding
    /// where the evidence is clear (`deprivation_finding`).
    pub fn with_imd(mut self, imd: Option<&'a ImdDeciles>) -> Assessor<'a> {
        self.imd = imd;
        self
    }

    /// Does up to `count` units of work (a measure assessed, or a thousand
    /// figures indexed); `true` once everything is done.
    pub fn step(&mut self, count: usize) -> bool {
        match &mut self.stage {
            Stage::Indexing(builder) => {
                if builder.add(count.saturating_mul(FIGURES_PER_UNIT)) {
                    let Stage::Indexing(builder) =
                        std::mem::replace(&mut self.stage, Stage::Nothing)
                    else {
                        unreachable!("the stage was matched as indexing")
                    };
                    let index = builder.finish();
                    if let Some(resolved) = self.options.resolve(&index, SAMPLE_AREA) {
                        let names: Vec<&str> = index.measures().collect();
                        // Room for every measure at once: grown by doubling,
                        // the copies of thousands of assessments were long tasks.
                        let n = names.len();
                        self.stage = Stage::Assessing(Box::new(Assessing {
                            index,
                            resolved,
                            names,
                            next: 0,
                            measures: Vec::with_capacity(n),
                            findings: Vec::with_capacity(n),
                            comparisons: Vec::with_capacity(n),
                        }));
                    }
                }
            }
            Stage::Assessing(a) => {
                let end = a.next.saturating_add(count).min(a.names.len());
                for name in &a.names[a.next..end] {
                    if let Some(mut m) = assess_measure(&a.index, &a.resolved, name) {
                        // The user's choice of which way is better decides the
                        // findings' words; a target's aim is applied in `finish`.
                        m.polarity =
                            polarity_of(&m.measure, &m.polarity, &self.settings.directions, &[]);
                        let mut found = findings(&m);
                        found.extend(concentration_of(&self.data.lsoa_tallies, &m));
                        if let Some(imd) = self.imd {
                            found.extend(deprivation_of(&self.data.lsoa_tallies, &m, imd));
                        }
                        a.findings.push(found);
                        a.measures.push(m);
                    }
                    a.comparisons
                        .extend(comparable_for(&a.index, name, Some(&a.resolved)));
                }
                a.next = end;
                if a.next >= a.names.len() {
                    let Stage::Assessing(a) = std::mem::replace(&mut self.stage, Stage::Nothing)
                    else {
                        unreachable!("the stage was matched as assessing")
                    };
                    self.stage = Stage::Prioritising(Box::new(self.targets_and_polarity(*a)));
                }
            }
            Stage::Prioritising(p) => {
                p.prioritiser.step(&p.measures, count);
            }
            Stage::Nothing => {}
        }
        self.is_done()
    }

    pub fn is_done(&self) -> bool {
        self.progress() == Progress::Done
    }

    pub fn progress(&self) -> Progress {
        match &self.stage {
            Stage::Indexing(builder) => {
                let (done, of) = builder.progress();
                Progress::Indexing { done, of }
            }
            Stage::Assessing(a) => Progress::Assessing {
                done: a.next,
                of: a.names.len(),
            },
            Stage::Prioritising(p) if !p.prioritiser.is_done() => {
                let (done, of) = p.prioritiser.progress(&p.measures);
                Progress::Prioritising { done, of }
            }
            Stage::Prioritising(_) | Stage::Nothing => Progress::Done,
        }
    }

    /// Every measure assessed: the targets evaluated, and a measure with a
    /// target and no polarity of the user's takes its target's aim (its
    /// findings worded again; a few measures at most). The issues are scored next.
    fn targets_and_polarity(&self, a: Assessing<'a>) -> Prioritising<'a> {
        let Assessing {
            index,
            resolved,
            mut measures,
            mut findings,
            comparisons,
            ..
        } = a;
        for (m, found) in measures.iter_mut().zip(findings.iter_mut()) {
            let polarity = polarity_of(
                &m.measure,
                &m.polarity,
                &self.settings.directions,
                &self.targets,
            );
            if polarity != m.polarity {
                m.polarity = polarity;
                let concentration = found
                    .iter()
                    .filter(|f| f.topic == super::Topic::Concentration)
                    .cloned()
                    .collect::<Vec<_>>();
                *found = super::findings(m);
                found.extend(concentration);
            }
        }
        let targets = self
            .targets
            .iter()
            .map(|t| evaluate(&index, &resolved.area, t))
            .collect();
        // Issues group measures, so they are scored once every measure is in.
        let prioritiser = Prioritiser::new(&measures, &self.settings, resolved.plan_year);
        Prioritising {
            index,
            resolved,
            measures,
            findings,
            comparisons,
            targets,
            prioritiser,
        }
    }

    /// The assessment with its targets and priorities, once any work not yet
    /// stepped through is done; `None` when there is nothing to assess (no
    /// area, or no figures).
    pub fn finish(self) -> Option<Assessment> {
        self.finish_apart().0
    }

    /// As `finish`, and hands back the index of every figure the assessment
    /// was worked from, for the caller to drop in a task of its own: for a
    /// workbook of thousands of measures, freeing it is a good part of a task.
    pub fn finish_apart(mut self) -> (Option<Assessment>, Option<WorkedFrom<'a>>) {
        while !self.step(usize::MAX) {}
        let Stage::Prioritising(p) = self.stage else {
            return (None, None);
        };
        let Prioritising {
            index,
            resolved,
            measures,
            findings,
            comparisons,
            targets,
            prioritiser,
        } = *p;
        let priorities = prioritiser.finish(&measures);
        let mut assessment = Assessment::new(
            resolved,
            measures,
            findings,
            targets,
            priorities,
            comparisons,
        );
        assessment.left_out = left_out(self.data);
        assessment.areas = index.areas().map(|(a, l)| (a.to_string(), l)).collect();
        (Some(assessment), Some(WorkedFrom(index)))
    }
}

/// What an assessment was worked from (the index of every figure), to be
/// dropped when the caller chooses (`Assessor::finish_apart`).
pub struct WorkedFrom<'a>(#[allow(dead_code)] Index<'a>);

/// How a street measure falls across the local area's LSOAs by IMD decile,
/// over the same period as its concentration; `None` unless the evidence is clear.
fn deprivation_of(
    tallies: &[LsoaTally],
    m: &MeasureAssessment,
    imd: &ImdDeciles,
) -> Option<Finding> {
    let period = street_period(tallies, m)?;
    deprivation_finding(&deprivation(tallies, &m.area, &m.measure, period, imd)?)
}

/// Where a street measure concentrates among the local area's LSOAs, over the
/// twelve months to the current period (monthly figures) or the current
/// period; `None` for other measures and areas.
fn concentration_of(tallies: &[LsoaTally], m: &MeasureAssessment) -> Option<Finding> {
    let period = street_period(tallies, m)?;
    let c = concentration(tallies, &m.area, &m.measure, period)?;
    Some(concentration_finding(&c))
}
