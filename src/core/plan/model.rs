//! The Partnership Plan as data, mirroring the plan partnerships publish:
//! introduction; a review of the year per priority (activity, analysis,
//! recommendation); priority setting; an action plan per priority; other
//! recommendations; and targets linked to measures.

use serde::{Deserialize, Serialize};

/// The schema of a stored plan. Raise it when the shape changes, and add a
/// migration from the previous version in `draft.rs`.
pub const SCHEMA_VERSION: u32 = 1;

/// Text written in the plan: paragraphs separated by a blank line, lines
/// starting "- " as bullets, `**bold**`. See `markup.rs`.
pub type Text = String;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TargetKind {
    Overall,
    Specific,
    Threat,
}

impl TargetKind {
    pub const ALL: [TargetKind; 3] = [
        TargetKind::Overall,
        TargetKind::Specific,
        TargetKind::Threat,
    ];

    pub fn label(self) -> &'static str {
        match self {
            TargetKind::Overall => "Overall target",
            TargetKind::Specific => "Specific target",
            TargetKind::Threat => "Threats",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanTarget {
    pub id: u64,
    pub kind: TargetKind,
    pub text: Text,
    /// The measure whose status (from the assessment's targets) shows beside it.
    pub measure: Option<String>,
}

/// One row of an action plan: Action · Primary agencies · Measure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionRow {
    pub id: u64,
    pub action: String,
    pub agencies: String,
    pub measure: String,
}

/// A finding put into the analysis, remembered so a later change in the data
/// can be noticed and the new wording offered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InsertedFinding {
    pub measure: String,
    /// The finding's topic, as `Topic`'s debug name ("Change", "Rate"…).
    pub topic: String,
    /// The wording as inserted; found again in the analysis to replace it.
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanPriority {
    pub id: u64,
    /// "Domestic abuse".
    pub name: String,
    /// The assessment measure the priority is about, for findings and status.
    pub measure: Option<String>,
    /// Review of the year: what partners did.
    pub activity: Text,
    pub analysis: Text,
    pub recommendation: Text,
    pub actions: Vec<ActionRow>,
    pub other_recommendations: Text,
    pub targets: Vec<PlanTarget>,
    pub inserted: Vec<InsertedFinding>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PrioritySetting {
    pub key_priorities: Text,
    pub subsidiary_priorities: Text,
    pub cross_cutting_themes: Text,
    pub strategic_context: Text,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub schema: u32,
    pub title: String,
    pub introduction: Text,
    pub priorities: Vec<PlanPriority>,
    pub priority_setting: PrioritySetting,
    /// Recommendations that belong to no one priority.
    pub other_recommendations: Text,
    /// The next id to hand out to a priority, row or target.
    pub next_id: u64,
}

impl Default for Plan {
    fn default() -> Self {
        Plan {
            schema: SCHEMA_VERSION,
            title: "Community Safety Partnership Plan".to_string(),
            introduction: String::new(),
            priorities: Vec::new(),
            priority_setting: PrioritySetting::default(),
            other_recommendations: String::new(),
            next_id: 1,
        }
    }
}

/// Which text of the plan an edit is to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Introduction,
    OtherRecommendations,
    KeyPriorities,
    SubsidiaryPriorities,
    CrossCuttingThemes,
    StrategicContext,
    Activity(u64),
    Analysis(u64),
    Recommendation(u64),
    PriorityOther(u64),
}

impl Plan {
    pub fn new(title: impl Into<String>) -> Plan {
        Plan {
            title: title.into(),
            ..Plan::default()
        }
    }

    fn take_id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    pub fn priority(&self, id: u64) -> Option<&PlanPriority> {
        self.priorities.iter().find(|p| p.id == id)
    }

    pub fn priority_mut(&mut self, id: u64) -> Option<&mut PlanPriority> {
        self.priorities.iter_mut().find(|p| p.id == id)
    }

    /// Adds a priority and returns its id.
    pub fn add_priority(&mut self, name: impl Into<String>, measure: Option<String>) -> u64 {
        let id = self.take_id();
        self.priorities.push(PlanPriority {
            id,
            name: name.into(),
            measure,
            activity: String::new(),
            analysis: String::new(),
            recommendation: String::new(),
            actions: Vec::new(),
            other_recommendations: String::new(),
            targets: Vec::new(),
            inserted: Vec::new(),
        });
        id
    }

    pub fn remove_priority(&mut self, id: u64) {
        self.priorities.retain(|p| p.id != id);
    }

    /// Moves a priority up (−1) or down (+1) in the plan.
    pub fn move_priority(&mut self, id: u64, by: isize) {
        move_by(&mut self.priorities, |p| p.id == id, by);
    }

    pub fn text(&self, field: Field) -> Option<&Text> {
        Some(match field {
            Field::Introduction => &self.introduction,
            Field::OtherRecommendations => &self.other_recommendations,
            Field::KeyPriorities => &self.priority_setting.key_priorities,
            Field::SubsidiaryPriorities => &self.priority_setting.subsidiary_priorities,
            Field::CrossCuttingThemes => &self.priority_setting.cross_cutting_themes,
            Field::StrategicContext => &self.priority_setting.strategic_context,
            Field::Activity(id) => &self.priority(id)?.activity,
            Field::Analysis(id) => &self.priority(id)?.analysis,
            Field::Recommendation(id) => &self.priority(id)?.recommendation,
            Field::PriorityOther(id) => &self.priority(id)?.other_recommendations,
        })
    }

    /// Replaces a text; `false` when the field's priority no longer exists.
    pub fn set_text(&mut self, field: Field, text: Text) -> bool {
        let slot = match field {
            Field::Introduction => &mut self.introduction,
            Field::OtherRecommendations => &mut self.other_recommendations,
            Field::KeyPriorities => &mut self.priority_setting.key_priorities,
            Field::SubsidiaryPriorities => &mut self.priority_setting.subsidiary_priorities,
            Field::CrossCuttingThemes => &mut self.priority_setting.cross_cutting_themes,
            Field::StrategicContext => &mut self.priority_setting.strategic_context,
            Field::Activity(id) => match self.priority_mut(id) {
                Some(p) => &mut p.activity,
                None => return false,
            },
            Field::Analysis(id) => match self.priority_mut(id) {
                Some(p) => &mut p.analysis,
                None => return false,
            },
            Field::Recommendation(id) => match self.priority_mut(id) {
                Some(p) => &mut p.recommendation,
                None => return false,
            },
            Field::PriorityOther(id) => match self.priority_mut(id) {
                Some(p) => &mut p.other_recommendations,
                None => return false,
            },
        };
        *slot = text;
        true
    }

    /// Adds an empty action row to a priority and returns its id.
    pub fn add_action(&mut self, priority: u64) -> Option<u64> {
        let id = self.take_id();
        self.priority_mut(priority)?.actions.push(ActionRow {
            id,
            action: String::new(),
            agencies: String::new(),
            measure: String::new(),
        });
        Some(id)
    }

    pub fn action_mut(&mut self, priority: u64, row: u64) -> Option<&mut ActionRow> {
        self.priority_mut(priority)?
            .actions
            .iter_mut()
            .find(|r| r.id == row)
    }

    pub fn remove_action(&mut self, priority: u64, row: u64) {
        if let Some(p) = self.priority_mut(priority) {
            p.actions.retain(|r| r.id != row);
        }
    }

    pub fn move_action(&mut self, priority: u64, row: u64, by: isize) {
        if let Some(p) = self.priority_mut(priority) {
            move_by(&mut p.actions, |r| r.id == row, by);
        }
    }

    pub fn add_target(&mut self, priority: u64, kind: TargetKind) -> Option<u64> {
        let id = self.take_id();
        self.priority_mut(priority)?.targets.push(PlanTarget {
            id,
            kind,
            text: String::new(),
            measure: None,
        });
        Some(id)
    }

    pub fn target_mut(&mut self, priority: u64, target: u64) -> Option<&mut PlanTarget> {
        self.priority_mut(priority)?
            .targets
            .iter_mut()
            .find(|t| t.id == target)
    }

    pub fn remove_target(&mut self, priority: u64, target: u64) {
        if let Some(p) = self.priority_mut(priority) {
            p.targets.retain(|t| t.id != target);
        }
    }
}

/// Moves the item matching `is` by `by` places, staying inside the list.
fn move_by<T>(list: &mut [T], is: impl Fn(&T) -> bool, by: isize) {
    let Some(from) = list.iter().position(is) else {
        return;
    };
    let to = (from as isize + by).clamp(0, list.len() as isize - 1) as usize;
    if from < to {
        list[from..=to].rotate_left(1);
    } else if to < from {
        list[to..=from].rotate_right(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_added_reordered_and_removed() {
        let mut plan = Plan::new("Plan");
        let p = plan.add_priority("Domestic abuse", Some("Domestic abuse incidents".into()));
        let a = plan.add_action(p).unwrap();
        let b = plan.add_action(p).unwrap();
        let c = plan.add_action(p).unwrap();
        plan.action_mut(p, a).unwrap().action = "Refer to MARAC".into();
        plan.move_action(p, c, -2);
        let order: Vec<u64> = plan
            .priority(p)
            .unwrap()
            .actions
            .iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(order, [c, a, b]);
        plan.move_action(p, c, -1);
        assert_eq!(plan.priority(p).unwrap().actions[0].id, c);
        plan.move_action(p, a, 5);
        assert_eq!(plan.priority(p).unwrap().actions[2].id, a);
        plan.remove_action(p, b);
        assert_eq!(plan.priority(p).unwrap().actions.len(), 2);
        assert!(plan.set_text(Field::Analysis(p), "Up 17%.".into()));
        assert!(!plan.set_text(Field::Analysis(99), "lost".into()));
        assert_eq!(plan.text(Field::Analysis(p)).unwrap(), "Up 17%.");
        let ids: Vec<u64> = vec![p, a, b, c];
        assert_eq!(
            ids.iter().collect::<std::collections::BTreeSet<_>>().len(),
            4
        );
    }
}
