//! The plan as a document for export, in the published plan's order: review of
//! the year per priority, priority setting, then actions and targets.

use super::markup::blocks;
use super::model::{Plan, TargetKind};
use crate::core::assessment::options::plan_year_label;
use crate::core::assessment::Assessment;
use crate::core::export::{Block, Document, Run};

/// A chart image for a priority's analysis.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanImage {
    pub priority: u64,
    pub png: Vec<u8>,
    pub width_px: u32,
    pub height_px: u32,
    pub alt: String,
}

fn heading(level: u8, text: impl Into<String>) -> Block {
    Block::Heading {
        level,
        text: text.into(),
    }
}

fn labelled(label: &str, text: &str, out: &mut Vec<Block>) {
    if text.trim().is_empty() {
        return;
    }
    out.push(Block::Paragraph(vec![Run::bold(label)]));
    out.extend(blocks(text));
}

/// The whole plan; with the assessment, targets linked to measures carry their status.
pub fn to_document(plan: &Plan, assessment: Option<&Assessment>, images: &[PlanImage]) -> Document {
    let mut out = vec![heading(1, plan.title.clone())];
    if !plan.introduction.trim().is_empty() {
        out.push(heading(2, "Introduction"));
        out.extend(blocks(&plan.introduction));
    }
    if !plan.priorities.is_empty() {
        out.push(heading(2, "Review of the year"));
        for (i, p) in plan.priorities.iter().enumerate() {
            out.push(heading(3, format!("Priority {}: {}", i + 1, p.name)));
            labelled("Activity undertaken", &p.activity, &mut out);
            labelled("Analysis", &p.analysis, &mut out);
            for image in images.iter().filter(|im| im.priority == p.id) {
                out.push(Block::Image {
                    png: image.png.clone(),
                    width_px: image.width_px,
                    height_px: image.height_px,
                    alt: image.alt.clone(),
                });
            }
            labelled("Recommendation", &p.recommendation, &mut out);
        }
    }
    let s = &plan.priority_setting;
    if [
        &s.key_priorities,
        &s.subsidiary_priorities,
        &s.cross_cutting_themes,
        &s.strategic_context,
    ]
    .iter()
    .any(|t| !t.trim().is_empty())
    {
        out.push(heading(2, "Priority setting"));
        for (label, text) in [
            ("Key priorities", &s.key_priorities),
            ("Subsidiary priorities", &s.subsidiary_priorities),
            ("Cross-cutting themes", &s.cross_cutting_themes),
            ("Strategic context", &s.strategic_context),
        ] {
            if !text.trim().is_empty() {
                out.push(heading(3, label));
                out.extend(blocks(text));
            }
        }
    }
    if !plan.priorities.is_empty() {
        let year = assessment
            .map(|a| format!(" for {}", plan_year_label(a.options.plan_year)))
            .unwrap_or_default();
        out.push(heading(2, format!("Actions and recommendations{year}")));
        for (i, p) in plan.priorities.iter().enumerate() {
            out.push(heading(3, format!("Priority {}: {}", i + 1, p.name)));
            if !p.actions.is_empty() {
                out.push(Block::Table {
                    caption: Some(format!("Action plan: {}", p.name)),
                    header: vec![
                        "Action".into(),
                        "Primary agency/agencies".into(),
                        "Measure".into(),
                    ],
                    rows: p
                        .actions
                        .iter()
                        .map(|r| vec![r.action.clone(), r.agencies.clone(), r.measure.clone()])
                        .collect(),
                });
            }
            labelled("Other recommendations", &p.other_recommendations, &mut out);
            if !p.targets.is_empty() {
                out.push(Block::Paragraph(vec![Run::bold("Targets")]));
                for kind in TargetKind::ALL {
                    for t in p.targets.iter().filter(|t| t.kind == kind) {
                        let mut runs = vec![
                            Run::bold(format!("{}: ", kind.label())),
                            Run::plain(t.text.clone()),
                        ];
                        let status = t.measure.as_ref().and_then(|m| {
                            assessment?
                                .targets
                                .iter()
                                .find(|ta| &ta.target.measure == m)
                        });
                        if let Some(status) = status {
                            runs.push(Run::plain(format!(" (status: {})", status.status.label())));
                        }
                        out.push(Block::Paragraph(runs));
                    }
                }
            }
        }
    }
    if !plan.other_recommendations.trim().is_empty() {
        out.push(heading(2, "Other recommendations"));
        out.extend(blocks(&plan.other_recommendations));
    }
    Document {
        title: plan.title.clone(),
        blocks: out,
    }
}
