//! The plan's drafts in the browser: which draft is open, saving it within a
//! second of typing, undo and redo, snapshots, and never losing a word — another
//! tab's save is noticed and never silently overwritten, a full store keeps the
//! last good draft and says so, and damaged stored data is set aside, not lost.

use crate::browser;
use crate::core::plan::draft::{from_json, to_json};
use crate::core::plan::draft_store::{
    auto_snapshot_due, draft_key, draft_to_open, next_revision, not_saved, other_tab_saved,
    reconcile_index, upsert_summary, would_overwrite, OtherTabSave, CHANGED_IN_ANOTHER_TAB,
    CURRENT_KEY, DRAFT_PREFIX, INDEX_KEY, SAVE_DELAY_MS,
};
use crate::core::plan::history::History;
use crate::core::plan::{Draft, DraftSummary, Field, Plan};
use crate::core::stored::{may_write, SetAside, Stored};
use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    /// Nothing to save yet.
    Idle,
    Pending,
    Saved(f64),
    /// Another tab saved this draft, and this tab, with nothing unsaved, now shows it.
    Updated(f64),
    /// Not saved: the sentence says why and what is safe.
    Failed(String),
}

#[derive(Clone, Copy)]
pub struct PlanState {
    pub drafts: RwSignal<Vec<DraftSummary>>,
    pub current: RwSignal<Option<Draft>>,
    pub status: RwSignal<SaveStatus>,
    /// Another tab saved this draft: its version, waiting for the user's choice.
    pub conflict: RwSignal<Option<Draft>>,
    /// Damaged stored data found since the page opened (shared with the app).
    set_aside: RwSignal<Vec<SetAside>>,
    pub can_undo: RwSignal<bool>,
    pub can_redo: RwSignal<bool>,
    history: StoredValue<History>,
    timer: StoredValue<Option<i32>>,
    /// The revision the open draft was loaded or last saved at.
    base_revision: StoredValue<u64>,
    last_auto_snapshot: StoredValue<f64>,
}

/// Sets damaged data aside (`core::stored`: copied first, or left in place)
/// and lists it for the notice.
fn set_aside(
    key: &str,
    raw: String,
    reason: String,
    what: &str,
    instead: &str,
    list: RwSignal<Vec<SetAside>>,
) {
    let number = list.with_untracked(Vec::len) + 1;
    let entry = super::set_aside_notice::set_aside_local(key, &raw, reason, what, instead, number);
    list.update(|l| l.push(entry));
}

impl PlanState {
    /// Reads the drafts the browser holds; anything damaged is set aside and
    /// listed in `set_aside`, the app's notice of damaged stored data.
    pub fn load(set_aside_list: RwSignal<Vec<SetAside>>) -> PlanState {
        let index: Vec<DraftSummary> =
            match Stored::<Vec<DraftSummary>>::parse_json(browser::load(INDEX_KEY)) {
                Stored::Readable(list) => list,
                Stored::Absent => Vec::new(),
                Stored::Damaged { raw, reason } => {
                    set_aside(
                        INDEX_KEY,
                        raw,
                        reason,
                        "The list of drafts",
                        "a list rebuilt from the drafts themselves",
                        set_aside_list,
                    );
                    Vec::new()
                }
            };
        // Rebuild the list from the drafts themselves, so a lost index loses nothing.
        let mut drafts: Vec<Draft> = Vec::new();
        for key in browser::keys_starting(DRAFT_PREFIX) {
            match Stored::parse_with(browser::load(&key), from_json) {
                Stored::Readable(d) => drafts.push(d),
                Stored::Absent => {}
                Stored::Damaged { raw, reason } => set_aside(
                    &key,
                    raw,
                    reason,
                    "A stored draft",
                    "the other drafts",
                    set_aside_list,
                ),
            }
        }
        let index = reconcile_index(index, &drafts);
        let current = draft_to_open(&drafts, browser::load(CURRENT_KEY).as_deref()).cloned();
        let state = PlanState {
            drafts: RwSignal::new(index),
            base_revision: StoredValue::new(current.as_ref().map(|d| d.revision).unwrap_or(0)),
            status: RwSignal::new(match &current {
                Some(d) => SaveStatus::Saved(d.saved_ms),
                None => SaveStatus::Idle,
            }),
            current: RwSignal::new(current),
            conflict: RwSignal::new(None),
            set_aside: set_aside_list,
            can_undo: RwSignal::new(false),
            can_redo: RwSignal::new(false),
            history: StoredValue::new(History::default()),
            timer: StoredValue::new(None),
            last_auto_snapshot: StoredValue::new(browser::now_ms()),
        };
        state.write_index();
        browser::request_persistence();
        browser::on_storage_change(move |key, value| state.changed_elsewhere(&key, value));
        browser::on_page_hide(move || state.flush());
        browser::on_before_unload(move || state.would_lose_typing());
        state
    }

    /// Whether closing the page now would lose something typed: a save is
    /// tried first, so this is true only when it cannot be made (another tab
    /// saved this draft and the user has not chosen, or the store is full).
    fn would_lose_typing(self) -> bool {
        self.flush();
        self.conflict.with_untracked(Option::is_some)
            || matches!(self.status.get_untracked(), SaveStatus::Failed(_))
    }

    fn write_index(self) {
        // A damaged list left in place (no room for its copy) waits for the user.
        if !self.set_aside.with_untracked(|l| may_write(INDEX_KEY, l)) {
            return;
        }
        let list = self.drafts.get_untracked();
        let _ = browser::save(INDEX_KEY, &serde_json::to_string(&list).unwrap_or_default());
    }

    /// Another tab wrote local storage. If it is the open draft and theirs is
    /// newer: with nothing unsaved here, this tab simply shows their version;
    /// with unsaved changes here, nothing is overwritten and the user chooses.
    fn changed_elsewhere(self, key: &str, value: Option<String>) {
        if key == INDEX_KEY {
            if let Some(list) = value.and_then(|v| serde_json::from_str(&v).ok()) {
                self.drafts.set(list);
            }
            return;
        }
        let Some(open) = self
            .current
            .with_untracked(|c| c.as_ref().map(|d| d.id.clone()))
        else {
            return;
        };
        if key != draft_key(&open) {
            return;
        }
        if let Some(theirs) = value.and_then(|v| from_json(&v).ok()) {
            let unsaved_here = self.timer.get_value().is_some()
                || self.conflict.with_untracked(Option::is_some)
                || matches!(self.status.get_untracked(), SaveStatus::Failed(_));
            match other_tab_saved(
                theirs.revision,
                self.base_revision.get_value(),
                unsaved_here,
            ) {
                OtherTabSave::Ignore => {}
                OtherTabSave::AskUser => self.conflict.set(Some(theirs)),
                OtherTabSave::ShowTheirs => {
                    let at = theirs.saved_ms;
                    self.open_draft(theirs);
                    self.status.set(SaveStatus::Updated(at));
                }
            }
        }
    }

    /// Changes the open plan, as one undoable step (typing in one field coalesces).
    pub fn edit(self, typing_in: Option<Field>, change: impl FnOnce(&mut Plan)) {
        let now = browser::now_ms();
        self.current.update(|current| {
            if let Some(draft) = current {
                self.history
                    .update_value(|h| h.record(&draft.plan, typing_in, now));
                change(&mut draft.plan);
            }
        });
        self.after_change();
    }

    fn after_change(self) {
        self.history.with_value(|h| {
            self.can_undo.set(h.can_undo());
            self.can_redo.set(h.can_redo());
        });
        self.schedule_save();
    }

    pub fn undo(self) {
        self.current.update(|current| {
            if let Some(draft) = current {
                if let Some(plan) = self
                    .history
                    .try_update_value(|h| h.undo(&draft.plan))
                    .flatten()
                {
                    draft.plan = plan;
                }
            }
        });
        self.after_change();
    }

    pub fn redo(self) {
        self.current.update(|current| {
            if let Some(draft) = current {
                if let Some(plan) = self
                    .history
                    .try_update_value(|h| h.redo(&draft.plan))
                    .flatten()
                {
                    draft.plan = plan;
                }
            }
        });
        self.after_change();
    }

    fn schedule_save(self) {
        if let Some(handle) = self.timer.get_value() {
            browser::cancel_timer(handle);
        }
        self.status.set(SaveStatus::Pending);
        let handle = browser::after(SAVE_DELAY_MS, move || {
            self.timer.set_value(None);
            self.save();
        });
        self.timer.set_value(handle);
    }

    /// Saves now if a save is waiting (the page is being hidden or closed).
    pub fn flush(self) {
        if let Some(handle) = self.timer.get_value() {
            browser::cancel_timer(handle);
            self.timer.set_value(None);
            self.save();
        }
    }

    /// Writes the open draft, unless another tab has saved it since this tab last
    /// did; then the user is asked, and nothing is overwritten.
    pub fn save(self) {
        let Some(mut draft) = self.current.get_untracked() else {
            return;
        };
        if self.conflict.with_untracked(Option::is_some) {
            self.status
                .set(SaveStatus::Failed(CHANGED_IN_ANOTHER_TAB.into()));
            return;
        }
        let stored_revision = browser::load(&draft_key(&draft.id))
            .and_then(|raw| from_json(&raw).ok())
            .map(|d| d.revision)
            .unwrap_or(0);
        if would_overwrite(stored_revision, self.base_revision.get_value()) {
            if let Some(theirs) =
                browser::load(&draft_key(&draft.id)).and_then(|raw| from_json(&raw).ok())
            {
                self.conflict.set(Some(theirs));
            }
            self.status
                .set(SaveStatus::Failed(CHANGED_IN_ANOTHER_TAB.into()));
            return;
        }
        let now = browser::now_ms();
        draft.revision = next_revision(stored_revision, self.base_revision.get_value());
        draft.saved_ms = now;
        if auto_snapshot_due(now, self.last_auto_snapshot.get_value()) {
            draft.snapshot("Automatic", now, true);
            self.last_auto_snapshot.set_value(now);
        }
        match browser::save(&draft_key(&draft.id), &to_json(&draft)) {
            Ok(()) => {
                self.base_revision.set_value(draft.revision);
                let summary = DraftSummary::from(&draft);
                self.current.update(|c| {
                    if let Some(c) = c {
                        c.revision = draft.revision;
                        c.saved_ms = draft.saved_ms;
                        c.snapshots = draft.snapshots.clone();
                    }
                });
                self.drafts.update(|list| upsert_summary(list, summary));
                self.write_index();
                let _ = browser::save(CURRENT_KEY, &draft.id);
                self.status.set(SaveStatus::Saved(now));
            }
            Err(reason) => self
                .status
                .set(SaveStatus::Failed(not_saved(&reason, stored_revision > 0))),
        }
    }

    /// Opens a new draft holding `plan` and saves it at once.
    pub fn create(self, name: &str, plan: Plan) {
        self.flush();
        let id = format!("{:x}", browser::now_ms() as u64);
        let draft = Draft::new(id, name, plan);
        self.open_draft(draft);
        self.save();
    }

    fn open_draft(self, draft: Draft) {
        self.base_revision.set_value(draft.revision);
        self.history.set_value(History::default());
        self.can_undo.set(false);
        self.can_redo.set(false);
        self.conflict.set(None);
        self.status.set(SaveStatus::Saved(draft.saved_ms));
        let _ = browser::save(CURRENT_KEY, &draft.id);
        self.current.set(Some(draft));
    }

    /// Switches to another stored draft, saving the open one first.
    pub fn switch_to(self, id: &str) {
        self.flush();
        match browser::load(&draft_key(id)).map(|raw| from_json(&raw)) {
            Some(Ok(draft)) => self.open_draft(draft),
            Some(Err(reason)) => self.status.set(SaveStatus::Failed(format!(
                "That draft could not be opened: {reason}."
            ))),
            None => self
                .status
                .set(SaveStatus::Failed("That draft is no longer stored.".into())),
        }
    }

    pub fn rename(self, name: &str) {
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        self.current.update(|c| {
            if let Some(d) = c {
                d.name = name.to_string();
            }
        });
        self.schedule_save();
    }

    /// Deletes the open draft (after the user confirmed) and opens another.
    pub fn delete_current(self) {
        let Some(id) = self
            .current
            .with_untracked(|c| c.as_ref().map(|d| d.id.clone()))
        else {
            return;
        };
        if let Some(handle) = self.timer.get_value() {
            browser::cancel_timer(handle);
            self.timer.set_value(None);
        }
        browser::remove(&draft_key(&id));
        self.drafts.update(|list| list.retain(|s| s.id != id));
        self.write_index();
        let next = self
            .drafts
            .with_untracked(|l| l.first().map(|s| s.id.clone()));
        match next {
            Some(next) => self.switch_to(&next),
            None => {
                self.current.set(None);
                self.status.set(SaveStatus::Idle);
            }
        }
    }

    pub fn snapshot(self, label: &str) {
        let now = browser::now_ms();
        self.current.update(|c| {
            if let Some(d) = c {
                d.snapshot(label, now, false);
            }
        });
        self.schedule_save();
    }

    pub fn restore(self, index: usize) {
        let now = browser::now_ms();
        let before = self
            .current
            .with_untracked(|c| c.as_ref().map(|d| d.plan.clone()));
        self.current.update(|c| {
            if let Some(d) = c {
                d.restore(index, now);
            }
        });
        if let Some(before) = before {
            self.history.update_value(|h| h.record(&before, None, now));
        }
        self.after_change();
    }

    /// The conflict resolved by taking the other tab's version.
    pub fn take_theirs(self) {
        if let Some(theirs) = self.conflict.get_untracked() {
            self.open_draft(theirs);
        }
    }

    /// The conflict resolved by keeping this tab's version as a new draft, so
    /// both survive.
    pub fn keep_mine_as_copy(self) {
        let Some(mine) = self.current.get_untracked() else {
            return;
        };
        let theirs = self.conflict.get_untracked();
        self.conflict.set(None);
        if let Some(theirs) = theirs {
            // The other tab's version stays under its own id, untouched.
            self.drafts.update(|list| {
                if let Some(s) = list.iter_mut().find(|s| s.id == theirs.id) {
                    *s = DraftSummary::from(&theirs);
                }
            });
        }
        self.create(&format!("{} (this tab's copy)", mine.name), mine.plan);
    }

    /// Imports a draft file as a new draft; the open one is untouched.
    pub fn import(self, text: &str, file: &str) -> Result<String, String> {
        let draft = from_json(text).map_err(|reason| {
            format!("“{file}” could not be opened: {reason}. Nothing was changed.")
        })?;
        let name = draft.name.clone();
        self.flush();
        let id = format!("{:x}", browser::now_ms() as u64);
        let mut imported = draft;
        imported.id = id;
        imported.revision = 0;
        self.open_draft(imported);
        self.save();
        Ok(format!("“{file}” opened as the draft “{name}”."))
    }
}
