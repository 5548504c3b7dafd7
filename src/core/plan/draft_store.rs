//! The rules by which drafts are kept in the browser's storage, apart from the
//! storage itself: the keys, the list of drafts rebuilt from the drafts, which
//! draft opens, what another tab's save means for this one, the next revision,
//! when an automatic snapshot is due and what a failed save says. The component
//! (`ui/plan_state.rs`) holds the signals and timers and calls these.

use super::draft::{Draft, DraftSummary};

/// The list of drafts (names and times), kept so the list shows without reading every draft.
pub const INDEX_KEY: &str = "cspw.drafts.v1";
/// The id of the draft open when the page was last used.
pub const CURRENT_KEY: &str = "cspw.current-draft.v1";
/// Each draft is stored under this prefix and its id.
pub const DRAFT_PREFIX: &str = "cspw.draft.";
/// How long after the last keystroke the draft is saved.
pub const SAVE_DELAY_MS: i32 = 400;
/// How often, while editing, an automatic snapshot is taken.
pub const SNAPSHOT_EVERY_MS: f64 = 5.0 * 60.0 * 1000.0;

/// Where the draft with this id is stored.
pub fn draft_key(id: &str) -> String {
    format!("{DRAFT_PREFIX}{id}")
}

/// The list of drafts made true to the drafts actually stored: entries whose
/// draft is gone are dropped and stored drafts the list lacks are added, so a
/// lost or stale list loses nothing.
pub fn reconcile_index(mut index: Vec<DraftSummary>, drafts: &[Draft]) -> Vec<DraftSummary> {
    index.retain(|s| drafts.iter().any(|d| d.id == s.id));
    for d in drafts {
        if !index.iter().any(|s| s.id == d.id) {
            index.push(DraftSummary::from(d));
        }
    }
    index
}

/// The draft to open: the one open last time if it is still stored, else the first.
pub fn draft_to_open<'a>(drafts: &'a [Draft], last_open: Option<&str>) -> Option<&'a Draft> {
    drafts
        .iter()
        .find(|d| Some(d.id.as_str()) == last_open)
        .or_else(|| drafts.first())
}

/// Puts a draft's entry in the list, replacing its earlier entry.
pub fn upsert_summary(list: &mut Vec<DraftSummary>, summary: DraftSummary) {
    match list.iter_mut().find(|s| s.id == summary.id) {
        Some(s) => *s = summary,
        None => list.push(summary),
    }
}

/// What this tab does when another tab has saved the draft open here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OtherTabSave {
    /// Theirs is not newer than what this tab loaded or saved: nothing to do.
    Ignore,
    /// Nothing unsaved here: show their version.
    ShowTheirs,
    /// Unsaved changes here: overwrite nothing and ask the user which to keep.
    AskUser,
}

/// Another tab saved revision `theirs` of the open draft; this tab loaded or last
/// saved `base`, and has unsaved changes or not.
pub fn other_tab_saved(theirs: u64, base: u64, unsaved_here: bool) -> OtherTabSave {
    if theirs <= base {
        OtherTabSave::Ignore
    } else if unsaved_here {
        OtherTabSave::AskUser
    } else {
        OtherTabSave::ShowTheirs
    }
}

/// Whether saving now would overwrite a version another tab stored after this
/// tab last loaded or saved the draft (revision `base`).
pub fn would_overwrite(stored: u64, base: u64) -> bool {
    stored > base
}

/// The revision a save writes: one past both the stored one and this tab's.
pub fn next_revision(stored: u64, base: u64) -> u64 {
    stored.max(base) + 1
}

/// Whether a save at `now_ms` should also take an automatic snapshot, the last
/// having been taken (or the page opened) at `last_ms`.
pub fn auto_snapshot_due(now_ms: f64, last_ms: f64) -> bool {
    now_ms - last_ms > SNAPSHOT_EVERY_MS
}

/// The sentence shown when a save is refused because another tab changed the draft.
pub const CHANGED_IN_ANOTHER_TAB: &str =
    "Not saved: this draft was changed in another tab. Choose below which version to keep.";

/// The sentence shown when the store refused a save (`reason`, such as the store
/// being full); `stored_before` says whether an earlier version of this draft is kept.
pub fn not_saved(reason: &str, stored_before: bool) -> String {
    let last = if stored_before {
        "the last saved version is kept"
    } else {
        "nothing of this draft was stored before"
    };
    format!(
        "Not saved: {reason}. Your work is still on this page and {last}: download the draft as a file to keep today's changes."
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::plan::Plan;

    fn draft(id: &str, saved_ms: f64) -> Draft {
        let mut d = Draft::new(id, format!("Draft {id}"), Plan::new("Plan"));
        d.saved_ms = saved_ms;
        d
    }

    #[test]
    fn the_list_is_rebuilt_from_the_drafts_stored() {
        let stale = vec![
            DraftSummary::from(&draft("gone", 1.0)),
            DraftSummary::from(&draft("a", 2.0)),
        ];
        let stored = [draft("a", 2.0), draft("b", 3.0)];
        let ids: Vec<_> = reconcile_index(stale, &stored)
            .into_iter()
            .map(|s| s.id)
            .collect();
        assert_eq!(ids, ["a", "b"]);
    }

    #[test]
    fn the_last_open_draft_opens_again_or_else_the_first() {
        let stored = [draft("a", 1.0), draft("b", 2.0)];
        assert_eq!(draft_to_open(&stored, Some("b")).unwrap().id, "b");
        assert_eq!(draft_to_open(&stored, Some("gone")).unwrap().id, "a");
        assert_eq!(draft_to_open(&stored, None).unwrap().id, "a");
        assert!(draft_to_open(&[], Some("a")).is_none());
    }

    #[test]
    fn a_summary_replaces_its_earlier_entry() {
        let mut list = vec![DraftSummary::from(&draft("a", 1.0))];
        upsert_summary(&mut list, DraftSummary::from(&draft("a", 5.0)));
        upsert_summary(&mut list, DraftSummary::from(&draft("b", 6.0)));
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].saved_ms, 5.0);
    }

    #[test]
    fn another_tabs_save_is_shown_asked_about_or_ignored() {
        assert_eq!(other_tab_saved(3, 3, false), OtherTabSave::Ignore);
        assert_eq!(other_tab_saved(2, 3, true), OtherTabSave::Ignore);
        assert_eq!(other_tab_saved(4, 3, false), OtherTabSave::ShowTheirs);
        assert_eq!(other_tab_saved(4, 3, true), OtherTabSave::AskUser);
    }

    #[test]
    fn a_save_never_overwrites_a_newer_stored_version() {
        assert!(would_overwrite(5, 4));
        assert!(!would_overwrite(4, 4));
        assert!(!would_overwrite(0, 0));
        assert_eq!(next_revision(4, 4), 5);
        assert_eq!(next_revision(0, 7), 8);
    }

    #[test]
    fn an_automatic_snapshot_is_due_every_five_minutes_of_editing() {
        assert!(!auto_snapshot_due(1_000.0, 0.0));
        assert!(!auto_snapshot_due(SNAPSHOT_EVERY_MS, 0.0));
        assert!(auto_snapshot_due(SNAPSHOT_EVERY_MS + 1.0, 0.0));
    }

    #[test]
    fn a_failed_save_says_what_is_kept() {
        assert!(not_saved("the store is full", true)
            .starts_with("Not saved: the store is full. Your work is still on this page and the last saved version is kept"));
        assert!(not_saved("x", false).contains("nothing of this draft was stored before"));
        assert_eq!(draft_key("1a"), "cspw.draft.1a");
    }
}
