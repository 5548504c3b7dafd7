//! The assessment worked through a slice at a time, so the page can compute an
//! assessment of thousands of measures without one long task: the caller runs
//! `step` between yields to the browser and `finish` once every measure is done.

use super::{
    assess_measure, comparable_for, evaluate, findings, left_out, prioritise, Assessment,
    DistrictComparison, Finding, Index, LeftOut, MeasureAssessment, Options, PrioritySettings,
    Resolved, Target, SAMPLE_AREA,
};
use super::{concentration, concentration_finding};
use crate::core::dataset::{tallied_crime_types, Dataset, LsoaTally, ALL_CRIME};
use crate::core::period::Period;

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
    /// Street records by LSOA, for where each street measure concentrates.
    tallies: &'a [LsoaTally],
    street_measures: Vec<String>,
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
            tallies: &data.lsoa_tallies,
            street_measures: match data.lsoa_tallies.is_empty() {
                true => Vec::new(),
                false => {
                    let mut names = tallied_crime_types(&data.lsoa_tallies);
                    names.push(ALL_CRIME.to_string());
                    names
                }
            },
        })
    }

    /// Assesses up to `count` more measures; `true` once all are done.
    pub fn step(&mut self, count: usize) -> bool {
        let end = self.next.saturating_add(count).min(self.names.len());
        for name in &self.names[self.next..end] {
            if let Some(m) = assess_measure(&self.index, &self.resolved, name) {
                let mut found = findings(&m);
                found.extend(self.concentration_of(&m));
                self.findings.push(found);
                self.measures.push(m);
            }
            self.comparisons
                .extend(comparable_for(&self.index, name, Some(&self.resolved)));
        }
        self.next = end;
        self.is_done()
    }

    /// Where a street measure concentrates among the local area's LSOAs, over
    /// the twelve months to the current period (monthly figures) or the
    /// current period; `None` for other measures and areas.
    fn concentration_of(&self, m: &MeasureAssessment) -> Option<Finding> {
        if !self.street_measures.contains(&m.measure) {
            return None;
        }
        let period: Period = match &m.rolling_year {
            Some(year) => year.current.period,
            None => m.change.current.period,
        };
        let c = concentration(self.tallies, &m.area, &m.measure, period)?;
        Some(concentration_finding(&c))
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
