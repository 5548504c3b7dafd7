//! What the workbench does with what it kept in the browser and reads back: the
//! user's drafts, targets, mappings, area names, options and priorities (local
//! storage) and the imported figures (the browser's database).
//!
//! The rule is that nothing the user made is lost or silently replaced:
//! - a stored value that cannot be read is *damaged*, never "absent": the app
//!   runs on defaults in memory and tells the user what happened;
//! - a damaged value is copied to a `cspw.corrupt.*` key before anything else
//!   happens to it, and only once that copy is written and reads back the same
//!   is the original removed (its key is then free for new saves);
//! - when the copy cannot be written (the store is full), the original stays
//!   where it is, untouched, and nothing is written over it until the user
//!   chooses (downloads it, then starts afresh).
//!
//! The browser glue (`browser::storage`, `browser::idb`) only reads, writes and
//! removes; every decision is made here, so it is tested natively.

use serde::de::DeserializeOwned;

/// Where damaged stored data is copied, with the time it was found.
pub const CORRUPT_PREFIX: &str = "cspw.corrupt.";

/// What was found under a key.
#[derive(Clone, Debug, PartialEq)]
pub enum Stored<T> {
    /// Nothing was stored: the defaults apply, and saving is free.
    Absent,
    Readable(T),
    /// Something was stored but could not be read: `raw` as found, `reason` why.
    Damaged {
        raw: String,
        reason: String,
    },
}

impl<T> Stored<T> {
    /// Reads `raw` with `parse`, which says in words why it could not.
    pub fn parse_with(raw: Option<String>, parse: impl FnOnce(&str) -> Result<T, String>) -> Self {
        match raw {
            None => Stored::Absent,
            Some(raw) => match parse(&raw) {
                Ok(value) => Stored::Readable(value),
                Err(reason) => Stored::Damaged { raw, reason },
            },
        }
    }

    /// The value, or `default` when absent or damaged.
    pub fn or_else(self, default: impl FnOnce() -> T) -> T {
        match self {
            Stored::Readable(value) => value,
            _ => default(),
        }
    }
}

impl<T: DeserializeOwned> Stored<T> {
    /// Reads JSON the workbench wrote.
    pub fn parse_json(raw: Option<String>) -> Self {
        Stored::parse_with(raw, |text| {
            serde_json::from_str(text).map_err(|e| json_reason(text, &e))
        })
    }
}

/// Why a stored JSON value could not be read, in words.
fn json_reason(text: &str, e: &serde_json::Error) -> String {
    match e.classify() {
        serde_json::error::Category::Eof => {
            let length = super::format::count(text.chars().count() as f64);
            format!("it is cut short ({length} characters)")
        }
        serde_json::error::Category::Syntax => {
            format!(
                "it is not valid JSON at line {}, column {}",
                e.line(),
                e.column()
            )
        }
        _ => format!("it does not have the shape this version expects ({e})"),
    }
}

/// Which store a key lives in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The browser's local storage (drafts and settings).
    LocalStorage,
    /// The browser's database (IndexedDB), for the imported figures.
    Database,
}

/// The key a damaged value is copied to: the time it was found, and its place
/// in this page's list, so two found in the same millisecond never share a key.
pub fn backup_key(now_ms: f64, number: usize) -> String {
    format!("{CORRUPT_PREFIX}{}-{number}", now_ms.max(0.0) as u64)
}

/// Where a damaged value's content now is.
#[derive(Clone, Debug, PartialEq)]
pub enum Kept {
    /// Copied to `backup` (which read back the same), and the original removed:
    /// the original key is free for new saves.
    Copied { backup: String },
    /// The copy could not be written (`why`): the original stays under its own
    /// key, untouched, and nothing is saved there until the user chooses.
    LeftInPlace { why: String },
}

/// After trying to copy a damaged value: whether the original may now be
/// removed. Only a copy that was written *and* reads back identical counts.
pub fn after_copy(
    raw: &str,
    backup: &str,
    written: Result<(), String>,
    read_back: Option<&str>,
) -> Kept {
    match written {
        Err(why) => Kept::LeftInPlace { why },
        Ok(()) if read_back == Some(raw) => Kept::Copied {
            backup: backup.to_string(),
        },
        Ok(()) => Kept::LeftInPlace {
            why: "the copy did not read back the same".to_string(),
        },
    }
}

/// A damaged stored value and what became of it, for the notice.
#[derive(Clone, Debug, PartialEq)]
pub struct SetAside {
    /// The key it was found under.
    pub key: String,
    pub place: Place,
    /// What it held, in the user's words: "Your targets".
    pub what: String,
    /// What the workbench uses instead for now: "the sample's targets".
    pub instead: String,
    /// Why it could not be read.
    pub reason: String,
    pub kept: Kept,
}

impl SetAside {
    /// Whether saving to its key must wait for the user's choice.
    pub fn holds_its_key(&self) -> bool {
        matches!(self.kept, Kept::LeftInPlace { .. })
    }

    /// Where to read the damaged content from, to offer it as a download.
    pub fn content_key(&self) -> &str {
        match &self.kept {
            Kept::Copied { backup } => backup,
            Kept::LeftInPlace { .. } => &self.key,
        }
    }

    /// The notice's sentence: what was found, where it is now, what is used instead.
    pub fn sentence(&self) -> String {
        let (what, reason, instead) = (&self.what, &self.reason, &self.instead);
        let place = match self.place {
            Place::LocalStorage => "local storage",
            Place::Database => "the browser's database",
        };
        match &self.kept {
            Kept::Copied { backup } => format!(
                "{what} could not be read: {reason}. It is set aside, not deleted, under {backup} in {place}, and the workbench uses {instead} instead."
            ),
            Kept::LeftInPlace { why } => format!(
                "{what} could not be read: {reason}. A copy could not be set aside ({why}), so it is left where it was, untouched, under {key} in {place}. The workbench uses {instead} for now and saves nothing over it until you choose: download it, then start afresh (or free some space and reload).",
                key = self.key,
            ),
        }
    }

    /// The name a download of the damaged content is offered under.
    pub fn download_name(&self) -> String {
        format!("{}.txt", self.content_key())
    }
}

/// Whether the app may save to `key` now: not while a damaged value is left
/// there waiting for the user's choice.
pub fn may_write(key: &str, set_aside: &[SetAside]) -> bool {
    !set_aside.iter().any(|s| s.key == key && s.holds_its_key())
}

/// Why a change cannot be saved while a damaged value waits under its key.
pub const HELD_REASON: &str = "what was stored there could not be read and is kept, untouched, until you choose what to do with it in the notice at the top of the page";

/// Steps to set damaged data aside in a synchronous store (local storage).
pub trait SyncStore {
    fn read(&self, key: &str) -> Option<String>;
    fn write(&mut self, key: &str, value: &str) -> Result<(), String>;
    fn remove(&mut self, key: &str);
}

/// Copies `raw` (found under `key`) to `backup` and removes the original only
/// once the copy is safely written.
pub fn set_aside_in(store: &mut impl SyncStore, key: &str, raw: &str, backup: &str) -> Kept {
    let written = store.write(backup, raw);
    let read_back = written.as_ref().ok().and_then(|_| store.read(backup));
    let kept = after_copy(raw, backup, written, read_back.as_deref());
    match &kept {
        Kept::Copied { .. } => store.remove(key),
        // A partial copy (it did not read back the same) is not worth keeping,
        // and it would take space the user needs; the original is untouched.
        Kept::LeftInPlace { .. } => {
            if read_back.is_some() {
                store.remove(backup);
            }
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Local storage with a quota in characters, as browsers have.
    struct Quota {
        items: BTreeMap<String, String>,
        limit: usize,
    }

    impl Quota {
        fn new(limit: usize) -> Quota {
            Quota {
                items: BTreeMap::new(),
                limit,
            }
        }
        fn used(&self) -> usize {
            self.items.iter().map(|(k, v)| k.len() + v.len()).sum()
        }
    }

    impl SyncStore for Quota {
        fn read(&self, key: &str) -> Option<String> {
            self.items.get(key).cloned()
        }
        fn write(&mut self, key: &str, value: &str) -> Result<(), String> {
            let old = self.items.get(key).map_or(0, |v| key.len() + v.len());
            if self.used() - old + key.len() + value.len() > self.limit {
                return Err("the browser's storage is full".into());
            }
            self.items.insert(key.into(), value.into());
            Ok(())
        }
        fn remove(&mut self, key: &str) {
            self.items.remove(key);
        }
    }

    #[derive(Debug, Default, PartialEq, serde::Deserialize)]
    struct Targets(Vec<String>);

    #[test]
    fn absent_readable_and_damaged_are_told_apart() {
        assert_eq!(Stored::<Targets>::parse_json(None), Stored::Absent);
        assert_eq!(
            Stored::<Targets>::parse_json(Some(r#"["a","b"]"#.into())),
            Stored::Readable(Targets(vec!["a".into(), "b".into()]))
        );
        // One character cut off the end: damaged, with the raw text kept whole.
        match Stored::<Targets>::parse_json(Some(r#"["a","b""#.into())) {
            Stored::Damaged { raw, reason } => {
                assert_eq!(raw, r#"["a","b""#);
                assert_eq!(reason, "it is cut short (8 characters)");
            }
            other => panic!("{other:?}"),
        }
        match Stored::<Targets>::parse_json(Some("not json".into())) {
            Stored::Damaged { reason, .. } => {
                assert_eq!(reason, "it is not valid JSON at line 1, column 2")
            }
            other => panic!("{other:?}"),
        }
        match Stored::<Targets>::parse_json(Some(r#"{"a":1}"#.into())) {
            Stored::Damaged { reason, .. } => {
                assert!(reason.starts_with("it does not have the shape"), "{reason}")
            }
            other => panic!("{other:?}"),
        }
        // Damaged falls back to the default in memory, as absent does.
        let damaged = Stored::<Targets>::parse_json(Some("[".into()));
        assert_eq!(
            damaged.or_else(|| Targets(vec!["sample".into()])).0,
            ["sample"]
        );
    }

    #[test]
    fn a_damaged_value_is_removed_only_after_its_copy_is_written() {
        let mut store = Quota::new(1_000);
        store.write("cspw.targets.v1", "[{\"cut").unwrap();
        let backup = backup_key(1_700_000_000_000.0, 1);
        assert_eq!(backup, "cspw.corrupt.1700000000000-1");
        let kept = set_aside_in(&mut store, "cspw.targets.v1", "[{\"cut", &backup);
        assert_eq!(
            kept,
            Kept::Copied {
                backup: backup.clone()
            }
        );
        assert_eq!(store.read("cspw.targets.v1"), None);
        assert_eq!(store.read(&backup).as_deref(), Some("[{\"cut"));
    }

    #[test]
    fn when_the_copy_does_not_fit_the_original_stays_where_it_is() {
        // A damaged draft of 2.7 M characters in a 5 M store: a second copy cannot fit.
        let raw = format!("{{\"draft\":\"{}", "x".repeat(2_700_000));
        let mut store = Quota::new(5_000_000);
        store.write("cspw.draft.abc", &raw).unwrap();
        let backup = backup_key(1.0, 1);
        let kept = set_aside_in(&mut store, "cspw.draft.abc", &raw, &backup);
        assert_eq!(
            kept,
            Kept::LeftInPlace {
                why: "the browser's storage is full".into()
            }
        );
        assert_eq!(store.read("cspw.draft.abc").as_deref(), Some(raw.as_str()));
        assert_eq!(store.read(&backup), None);
        // And the notice says so, rather than "set aside, not deleted".
        let notice = SetAside {
            key: "cspw.draft.abc".into(),
            place: Place::LocalStorage,
            what: "A stored draft".into(),
            instead: "the other drafts".into(),
            reason: "it is cut short".into(),
            kept,
        };
        let sentence = notice.sentence();
        assert!(!sentence.contains("not deleted"), "{sentence}");
        assert!(
            sentence.contains("it is left where it was, untouched"),
            "{sentence}"
        );
        assert!(
            sentence.contains("the browser's storage is full"),
            "{sentence}"
        );
        assert_eq!(notice.content_key(), "cspw.draft.abc");
        assert_eq!(notice.download_name(), "cspw.draft.abc.txt");
    }

    #[test]
    fn a_copy_that_reads_back_different_does_not_count() {
        assert_eq!(
            after_copy("abc", "k", Ok(()), Some("ab")),
            Kept::LeftInPlace {
                why: "the copy did not read back the same".into()
            }
        );
        assert_eq!(
            after_copy("abc", "k", Ok(()), None),
            Kept::LeftInPlace {
                why: "the copy did not read back the same".into()
            }
        );
        assert_eq!(
            after_copy("abc", "k", Ok(()), Some("abc")),
            Kept::Copied { backup: "k".into() }
        );
    }

    #[test]
    fn a_key_left_in_place_takes_no_saves_until_the_user_chooses() {
        let held = SetAside {
            key: "cspw.targets.v1".into(),
            place: Place::LocalStorage,
            what: "Your targets".into(),
            instead: "the sample's targets".into(),
            reason: "it is cut short (80 characters)".into(),
            kept: Kept::LeftInPlace {
                why: "the browser's storage is full".into(),
            },
        };
        let copied = SetAside {
            key: "cspw.recipes.v1".into(),
            kept: Kept::Copied {
                backup: "cspw.corrupt.5-2".into(),
            },
            ..held.clone()
        };
        let list = vec![held.clone(), copied.clone()];
        assert!(!may_write("cspw.targets.v1", &list));
        // Its copy is safe, so the key is free again.
        assert!(may_write("cspw.recipes.v1", &list));
        assert!(may_write("cspw.areas.v1", &list));
        // Once the user has chosen (the entry leaves the list), saving resumes.
        assert!(may_write("cspw.targets.v1", std::slice::from_ref(&copied)));
        assert_eq!(copied.content_key(), "cspw.corrupt.5-2");
        assert!(copied
            .sentence()
            .contains("set aside, not deleted, under cspw.corrupt.5-2 in local storage"));
    }
}
