//! The plan: a first draft from the assessment, findings inserted and kept up
//! to date, and the plan as a document for export.

use csp_workbench::core::assessment::findings::Topic;
use csp_workbench::core::assessment::targets::sample_targets;
use csp_workbench::core::assessment::{assess, Assessment, Options, PrioritySettings};
use csp_workbench::core::dataset::{Dataset, Value};
use csp_workbench::core::export::{Block, Run};
use csp_workbench::core::plan::document::to_document;
use csp_workbench::core::plan::findings::{insert_finding, out_of_date, update_finding};
use csp_workbench::core::plan::{plan_from_assessment, Field, TargetKind};

mod common;

use common::sample;

fn assessment(data: &Dataset) -> Assessment {
    assess(
        data,
        &Options::default(),
        &sample_targets(),
        &PrioritySettings::default(),
    )
    .unwrap()
}

#[test]
fn a_first_draft_comes_from_the_assessment() {
    let a = assessment(&sample());
    let plan = plan_from_assessment(&a);
    assert_eq!(
        plan.title,
        "Tunbridge Wells Community Safety Partnership Plan 2016/17"
    );
    let names: Vec<&str> = plan.priorities.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(&names[..2], ["Domestic abuse", "Violent crime"]);
    let da = &plan.priorities[0];
    assert_eq!(da.measure.as_deref(), Some("Domestic abuse incidents"));
    assert_eq!(
        da.recommendation,
        "We recommend making domestic abuse a priority for 2016/17."
    );
    let nte = plan
        .priorities
        .iter()
        .find(|p| p.name == "Violent crime")
        .unwrap();
    assert_eq!(nte.targets[0].kind, TargetKind::Specific);
    assert_eq!(
        nte.targets[0].text,
        "To reduce the number of violent incidents in the night-time economy."
    );
}

#[test]
fn an_inserted_finding_is_offered_new_wording_when_the_data_change() {
    let mut data = sample();
    let a = assessment(&data);
    let mut plan = plan_from_assessment(&a);
    let violence = plan.priorities[1].id;
    let finding = a
        .findings_for("Violent crime")
        .iter()
        .find(|f| f.topic == Topic::Change)
        .unwrap()
        .clone();
    plan.set_text(
        Field::Analysis(violence),
        "We have a thriving night-time economy.".into(),
    );
    assert!(insert_finding(&mut plan, violence, &finding));
    let analysis = plan.priority(violence).unwrap().analysis.clone();
    assert!(analysis
        .starts_with("We have a thriving night-time economy.\n\nViolent crime increased by 13%"));
    assert!(out_of_date(&plan, &a).is_empty());

    // A corrected extract: 1,700 violent crimes, not 1,696.
    for o in data.observations.iter_mut() {
        if o.measure == "Violent crime"
            && o.area == "Tunbridge Wells"
            && o.value.number() == Some(1696.0)
        {
            o.value = Value::Number(1700.0);
        }
    }
    let b = assessment(&data);
    let stale = out_of_date(&plan, &b);
    assert_eq!(stale.len(), 1);
    assert!(stale[0].old.contains("to 1,696 crimes"));
    let new = stale[0].new.clone().unwrap();
    assert!(new.contains("to 1,700 crimes"), "{new}");
    assert!(update_finding(&mut plan, violence, stale[0].index, &new));
    let analysis = &plan.priority(violence).unwrap().analysis;
    assert!(analysis.contains("to 1,700 crimes") && !analysis.contains("1,696"));
    assert!(analysis.starts_with("We have a thriving night-time economy."));
    assert!(out_of_date(&plan, &b).is_empty());

    // A finding the author has rewritten is theirs: no offer to replace it.
    plan.set_text(Field::Analysis(violence), "Our own words now.".into());
    assert!(out_of_date(&plan, &a).is_empty());
}

#[test]
fn the_plan_becomes_a_document_in_the_published_order() {
    let a = assessment(&sample());
    let mut plan = plan_from_assessment(&a);
    let da = plan.priorities[0].id;
    plan.set_text(
        Field::Introduction,
        "Each year the **CSP** produces a plan.".into(),
    );
    plan.set_text(
        Field::Activity(da),
        "- DAVSS ran workshops\n- One Stop Shop opened".into(),
    );
    let row = plan.add_action(da).unwrap();
    let r = plan.action_mut(da, row).unwrap();
    r.action = "Refer all high risk cases to MARAC".into();
    r.agencies = "DAVSS, Kent Police".into();
    r.measure = "Number of cases referred".into();
    let repeat = plan
        .priorities
        .iter()
        .find(|p| p.name == "Domestic abuse")
        .unwrap()
        .id;
    let doc = to_document(&plan, Some(&a), &[]);
    let headings: Vec<(u8, &str)> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, text } => Some((*level, text.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(
        headings[0],
        (
            1,
            "Tunbridge Wells Community Safety Partnership Plan 2016/17"
        )
    );
    assert_eq!(headings[1], (2, "Introduction"));
    assert_eq!(headings[2], (2, "Review of the year"));
    assert_eq!(headings[3], (3, "Priority 1: Domestic abuse"));
    assert!(headings.contains(&(2, "Actions and recommendations for 2016/17")));
    assert!(doc.blocks.contains(&Block::Paragraph(vec![
        Run::plain("Each year the "),
        Run::bold("CSP"),
        Run::plain(" produces a plan.")
    ])));
    assert!(doc.blocks.contains(&Block::Bullets(vec![
        vec![Run::plain("DAVSS ran workshops")],
        vec![Run::plain("One Stop Shop opened")]
    ])));
    let table = doc
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table { header, rows, .. } => Some((header.clone(), rows.clone())),
            _ => None,
        })
        .unwrap();
    assert_eq!(table.0, ["Action", "Primary agency/agencies", "Measure"]);
    assert_eq!(table.1[0][1], "DAVSS, Kent Police");
    // A target linked to a measure carries its status.
    assert!(plan.priority(repeat).is_some());
    assert!(doc.blocks.iter().any(|b| matches!(b, Block::Paragraph(runs)
        if runs.iter().any(|r| r.text == " (status: Off track)"))));
}
