//! The Partnership Plan: its model, light markup, findings inserted from the
//! assessment, undo history, drafts as stored and exported, and the plan as a
//! document for Word, Markdown and print.

pub mod document;
pub mod draft;
pub mod draft_store;
pub mod findings;
pub mod history;
pub mod markup;
pub mod model;

pub use draft::{Draft, DraftSummary, Snapshot};
pub use model::{ActionRow, Field, Plan, PlanPriority, PlanTarget, TargetKind, SCHEMA_VERSION};

use crate::core::assessment::options::plan_year_label;
use crate::core::assessment::wording::{issue_name, sentence_name};
use crate::core::assessment::Assessment;
use crate::core::board::board_items;

/// A first draft from the assessment: its title, one priority per recommended
/// issue with the recommendation and the targets that belong to it. The author
/// writes the rest.
pub fn plan_from_assessment(a: &Assessment) -> Plan {
    let year = plan_year_label(a.options.plan_year);
    let mut plan = Plan::new(format!(
        "{} Community Safety Partnership Plan {year}",
        a.options.area
    ));
    for item in board_items(a) {
        let id = plan.add_priority(
            sentence_name(&issue_name(&item.issue)),
            Some(item.measure.clone()),
        );
        plan.set_text(Field::Recommendation(id), item.recommendation.clone());
        for t in &item.targets {
            if let Some(target) = plan.add_target(id, TargetKind::Specific) {
                if let Some(slot) = plan.target_mut(id, target) {
                    slot.text = t.target.description.clone();
                    slot.measure = Some(t.target.measure.clone());
                }
            }
        }
    }
    plan
}
