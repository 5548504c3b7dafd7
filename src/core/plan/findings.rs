//! Findings from the assessment put into the plan with one action, and noticed
//! when the data have moved on so the new wording can be offered.

use super::markup::append_paragraph;
use super::model::{InsertedFinding, Plan};
use crate::core::assessment::{Assessment, Finding};

fn topic_name(f: &Finding) -> String {
    format!("{:?}", f.topic)
}

/// Appends the finding to the priority's analysis and remembers it.
pub fn insert_finding(plan: &mut Plan, priority: u64, finding: &Finding) -> bool {
    let Some(p) = plan.priority_mut(priority) else {
        return false;
    };
    p.analysis = append_paragraph(&p.analysis, &finding.text);
    p.inserted.push(InsertedFinding {
        measure: finding.measure.clone(),
        topic: topic_name(finding),
        text: finding.text.clone(),
    });
    true
}

/// An inserted finding whose figures have changed since it went in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutOfDate {
    pub priority: u64,
    /// Index into the priority's `inserted` list.
    pub index: usize,
    pub old: String,
    /// The current wording; `None` when the assessment no longer has the finding.
    pub new: Option<String>,
}

/// Every inserted finding that the current assessment words differently.
/// Findings the author has since edited away (no longer in the text) are left alone.
pub fn out_of_date(plan: &Plan, assessment: &Assessment) -> Vec<OutOfDate> {
    let mut out = Vec::new();
    for p in &plan.priorities {
        for (index, inserted) in p.inserted.iter().enumerate() {
            if !p.analysis.contains(&inserted.text) {
                continue;
            }
            let current = assessment
                .findings_for(&inserted.measure)
                .iter()
                .find(|f| topic_name(f) == inserted.topic)
                .map(|f| f.text.clone());
            if current.as_deref() != Some(inserted.text.as_str()) {
                out.push(OutOfDate {
                    priority: p.id,
                    index,
                    old: inserted.text.clone(),
                    new: current,
                });
            }
        }
    }
    out
}

/// Puts the new wording in place of the old, where the old still stands.
pub fn update_finding(plan: &mut Plan, priority: u64, index: usize, new: &str) -> bool {
    let Some(p) = plan.priority_mut(priority) else {
        return false;
    };
    let Some(inserted) = p.inserted.get_mut(index) else {
        return false;
    };
    if !p.analysis.contains(&inserted.text) {
        return false;
    }
    p.analysis = p.analysis.replacen(&inserted.text, new, 1);
    inserted.text = new.to_string();
    true
}
