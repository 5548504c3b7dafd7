//! Undo and redo over whole plans. Typing into one field within a couple of
//! seconds is one step, as in a word processor; anything else is a step of its own.

use super::model::{Field, Plan};

/// How long typing in one field counts as one step, in milliseconds.
const COALESCE_MS: f64 = 2_000.0;
/// Steps kept; older ones are forgotten.
const LIMIT: usize = 200;

#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Plan>,
    redo: Vec<Plan>,
    last_typing: Option<(Field, f64)>,
}

impl History {
    /// Records `before` as the state to return to, unless this is more typing
    /// in the same field as the last step.
    pub fn record(&mut self, before: &Plan, typing_in: Option<Field>, now_ms: f64) {
        let continues = match (typing_in, self.last_typing) {
            (Some(field), Some((last, at))) => field == last && now_ms - at < COALESCE_MS,
            _ => false,
        };
        if !continues {
            self.undo.push(before.clone());
            if self.undo.len() > LIMIT {
                self.undo.remove(0);
            }
        }
        self.last_typing = typing_in.map(|f| (f, now_ms));
        self.redo.clear();
    }

    pub fn undo(&mut self, current: &Plan) -> Option<Plan> {
        let previous = self.undo.pop()?;
        self.redo.push(current.clone());
        self.last_typing = None;
        Some(previous)
    }

    pub fn redo(&mut self, current: &Plan) -> Option<Plan> {
        let next = self.redo.pop()?;
        self.undo.push(current.clone());
        self.last_typing = None;
        Some(next)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_is_one_step_and_redo_is_cleared_by_a_new_edit() {
        let mut h = History::default();
        let mut plan = Plan::new("Plan");
        for (i, text) in ["T", "Ty", "Typ"].iter().enumerate() {
            h.record(&plan, Some(Field::Introduction), i as f64 * 300.0);
            plan.introduction = text.to_string();
        }
        // A pause, then more typing: a second step.
        h.record(&plan, Some(Field::Introduction), 5_000.0);
        plan.introduction = "Typed.".into();
        let back = h.undo(&plan).unwrap();
        assert_eq!(back.introduction, "Typ");
        let back = h.undo(&back).unwrap();
        assert_eq!(back.introduction, "");
        assert!(!h.can_undo());
        let forward = h.redo(&back).unwrap();
        assert_eq!(forward.introduction, "Typ");
        h.record(&forward, None, 9_000.0);
        assert!(!h.can_redo());
    }
}
