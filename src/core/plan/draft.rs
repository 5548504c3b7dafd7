//! Drafts as they are stored and exported: a plan with its name, revision,
//! snapshots and schema version. Reading one back never trusts it: anything
//! damaged, foreign or from a newer version is refused with a reason.

use super::model::{Plan, SCHEMA_VERSION};
use serde::{Deserialize, Serialize};

/// What an exported draft file says it is.
pub const FORMAT: &str = "csp-workbench-draft";
/// Snapshots kept per draft; the oldest automatic ones go first.
const SNAPSHOT_LIMIT: usize = 30;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Milliseconds since 1970.
    pub at_ms: f64,
    pub label: String,
    pub automatic: bool,
    pub plan: Plan,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub id: String,
    pub name: String,
    pub plan: Plan,
    /// Goes up by one with every save, so another tab's save can be told apart.
    pub revision: u64,
    pub saved_ms: f64,
    pub snapshots: Vec<Snapshot>,
}

impl Draft {
    pub fn new(id: impl Into<String>, name: impl Into<String>, plan: Plan) -> Draft {
        Draft {
            id: id.into(),
            name: name.into(),
            plan,
            revision: 0,
            saved_ms: 0.0,
            snapshots: Vec::new(),
        }
    }

    /// Keeps a copy of the plan as it is now.
    pub fn snapshot(&mut self, label: impl Into<String>, at_ms: f64, automatic: bool) {
        self.snapshots.push(Snapshot {
            at_ms,
            label: label.into(),
            automatic,
            plan: self.plan.clone(),
        });
        while self.snapshots.len() > SNAPSHOT_LIMIT {
            let oldest = self.snapshots.iter().position(|s| s.automatic).unwrap_or(0);
            self.snapshots.remove(oldest);
        }
    }

    /// Puts a snapshot's plan back, keeping the current one as a snapshot first
    /// so restoring can itself be undone.
    pub fn restore(&mut self, index: usize, now_ms: f64) -> bool {
        let Some(plan) = self.snapshots.get(index).map(|s| s.plan.clone()) else {
            return false;
        };
        self.snapshot("Before restoring an earlier version", now_ms, false);
        self.plan = plan;
        true
    }
}

/// An entry in the list of drafts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftSummary {
    pub id: String,
    pub name: String,
    pub saved_ms: f64,
}

impl From<&Draft> for DraftSummary {
    fn from(d: &Draft) -> Self {
        DraftSummary {
            id: d.id.clone(),
            name: d.name.clone(),
            saved_ms: d.saved_ms,
        }
    }
}

#[derive(Serialize)]
struct Envelope<'a> {
    format: &'a str,
    schema: u32,
    draft: &'a Draft,
}

/// The draft as a JSON file another workbench can import exactly.
pub fn to_json(draft: &Draft) -> String {
    serde_json::to_string_pretty(&Envelope {
        format: FORMAT,
        schema: SCHEMA_VERSION,
        draft,
    })
    .unwrap_or_default()
}

/// Brings a stored draft of an earlier schema up to this one. Schema 1 is the
/// first; a later schema adds its step here (`1 => …`) and a test from every
/// earlier version.
fn migrate(schema: u64, draft: serde_json::Value) -> Result<serde_json::Value, String> {
    match schema {
        0 => Err("it has no schema version, so it was not written by the workbench".into()),
        s if s > SCHEMA_VERSION as u64 => Err(format!(
            "it was written by a newer version of the workbench (draft format {s}; this one reads up to {SCHEMA_VERSION}): open it there, or update this one"
        )),
        _ => Ok(draft),
    }
}

/// Reads a draft from its JSON, stored or exported. The error is the end of a
/// sentence: "… could not be opened: {reason}".
pub fn from_json(text: &str) -> Result<Draft, String> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| format!("it is not a workbench draft (not valid JSON: {e})"))?;
    let format = value.get("format").and_then(|f| f.as_str());
    if format != Some(FORMAT) {
        return Err("it is not a workbench draft (it does not say it is one)".into());
    }
    let schema = value.get("schema").and_then(|s| s.as_u64()).unwrap_or(0);
    let draft = value
        .get("draft")
        .cloned()
        .ok_or("it is a workbench draft file with no draft in it")?;
    let draft = migrate(schema, draft)?;
    let mut draft: Draft =
        serde_json::from_value(draft).map_err(|e| format!("its draft is damaged ({e})"))?;
    if draft.plan.schema != SCHEMA_VERSION {
        draft.plan.schema = SCHEMA_VERSION;
    }
    // Ids handed out later must not collide with any already in the plan.
    let highest = draft
        .plan
        .priorities
        .iter()
        .flat_map(|p| {
            std::iter::once(p.id)
                .chain(p.actions.iter().map(|r| r.id))
                .chain(p.targets.iter().map(|t| t.id))
        })
        .max()
        .unwrap_or(0);
    draft.plan.next_id = draft.plan.next_id.max(highest + 1);
    Ok(draft)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Draft {
        let mut plan = Plan::new("Tunbridge Wells Community Safety Partnership Plan 2016/17");
        let p = plan.add_priority("Domestic abuse", Some("Domestic abuse incidents".into()));
        plan.add_action(p);
        plan.introduction = "Each year… **bold** — “quotes” & <tags>".into();
        Draft::new("d1", "Plan 2016/17", plan)
    }

    #[test]
    fn a_draft_round_trips_exactly() {
        let mut d = sample();
        d.snapshot("Manual", 1.0, false);
        d.revision = 7;
        d.saved_ms = 1_700_000_000_000.0;
        let back = from_json(&to_json(&d)).unwrap();
        assert_eq!(back, d);
        assert_eq!(to_json(&back), to_json(&d));
    }

    #[test]
    fn bad_files_are_refused_with_a_reason() {
        assert!(from_json("{")
            .unwrap_err()
            .starts_with("it is not a workbench draft (not valid JSON"));
        assert_eq!(
            from_json(r#"{"hello": 1}"#).unwrap_err(),
            "it is not a workbench draft (it does not say it is one)"
        );
        let newer = to_json(&sample()).replacen("\"schema\": 1", "\"schema\": 99", 1);
        assert!(from_json(&newer)
            .unwrap_err()
            .contains("newer version of the workbench (draft format 99"));
        let damaged = to_json(&sample()).replace("\"revision\": 0", "\"revision\": \"lots\"");
        assert!(from_json(&damaged)
            .unwrap_err()
            .starts_with("its draft is damaged"));
    }

    #[test]
    fn snapshots_are_kept_and_restored() {
        let mut d = sample();
        d.snapshot("First", 1.0, false);
        d.plan.introduction = "Changed".into();
        for i in 0..40 {
            d.snapshot("Every five minutes", 10.0 + i as f64, true);
        }
        assert_eq!(d.snapshots.len(), SNAPSHOT_LIMIT);
        assert_eq!(
            d.snapshots[0].label, "First",
            "manual snapshots outlive automatic ones"
        );
        assert!(d.restore(0, 100.0));
        assert!(d.plan.introduction.starts_with("Each year"));
        assert_eq!(d.snapshots.last().unwrap().plan.introduction, "Changed");
    }
}
