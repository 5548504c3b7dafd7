//! The assessment worked through a slice at a time, so the page can compute an
//! assessment of thousands of measures without one long task: the caller runs
//! `step` between yields to the browser and `finish` once every measure is done.

use super::{
    assess_measure, comparable_for, evaluate, findings, left_out, prioritise, Assessment,
    DistrictComparison, Finding, Index, LeftOut, MeasureAssessment, Options, PrioritySettings,
    Resolved, Target, SAMPLE_AREA,
};
use crate::core::dataset::Dataset;

pub struct Assessor<'a> {
    index: Index<'a>,
    resolved: Resolved,
    names: Vec<&'a str>,
    next: usize,
    measures: Vec<MeasureAssessment>,
    findings: Vec<Vec<Finding>>,
    comparisons: Vec<DistrictComparison>,
    /// Tables the index left out because their reading is in doubt.
    left_out: Vec<LeftOut>,
}

impl<'a> Assessor<'a> {
    /// `None` when there is nothing to assess (no area, or no figures).
    pub fn new(data: &'a Dataset, options: &Options) -> Option<Assessor<'a>> {
        let index = Index::new(data);
        let resolved = options.resolve(&index, SAMPLE_AREA)?;
        let names = index.measures().collect();
        Some(Assessor {
            index,
            resolved,
            names,
            next: 0,
            measures: Vec::new(),
            findings: Vec::new(),
            comparisons: Vec::new(),
            left_out: left_out(data),
        })
    }

    /// Assesses up to `count` more measures; `true` once all are done.
    pub fn step(&mut self, count: usize) -> bool {
        let end = self.next.saturating_add(count).min(self.names.len());
        for name in &self.names[self.next..end] {
            if let Some(m) = assess_measure(&self.index, &self.resolved, name) {
                self.findings.push(findings(&m));
                self.measures.push(m);
            }
            self.comparisons
                .extend(comparable_for(&self.index, name, Some(&self.resolved)));
        }
        self.next = end;
        self.is_done()
    }

    pub fn is_done(&self) -> bool {
        self.next >= self.names.len()
    }

    /// (measures assessed, measures in all), for a progress line.
    pub fn progress(&self) -> (usize, usize) {
        (self.next, self.names.len())
    }

    /// The targets and priorities over every measure; assesses any measure not yet stepped through.
    pub fn finish(mut self, targets: &[Target], priorities: &PrioritySettings) -> Assessment {
        self.step(usize::MAX);
        let targets = targets
            .iter()
            .map(|t| evaluate(&self.index, &self.resolved.area, t))
            .collect();
        let priorities = prioritise(&self.measures, priorities, self.resolved.plan_year);
        let mut assessment = Assessment::new(
            self.resolved,
            self.measures,
            self.findings,
            targets,
            priorities,
            self.comparisons,
        );
        assessment.left_out = self.left_out;
        assessment
    }
}
