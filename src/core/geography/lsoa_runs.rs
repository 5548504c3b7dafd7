//! Runs of consecutive LSOA codes that share one index (a ward, a district):
//! the shape the national lookup assets keep 35,000 codes in, a few thousand
//! lines long, and look a code up in by bisection. The asset files lay their
//! lines out each in their own way; building the runs, checking what is read,
//! looking a code up and writing a run's start are here once.

use super::lsoa_code::{code_of, key};
use std::fmt::Display;

/// Consecutive LSOA keys ([`key`]) `start .. start + len`, all with `index`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run<T> {
    pub start: u64,
    pub len: u32,
    pub index: T,
}

impl<T> Run<T> {
    /// The key after the run's last.
    pub fn end(&self) -> u64 {
        self.start + u64::from(self.len)
    }
}

/// Runs sorted by start, never overlapping, none empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LsoaRuns<T> {
    runs: Vec<Run<T>>,
}

impl<T> Default for LsoaRuns<T> {
    fn default() -> Self {
        LsoaRuns { runs: Vec::new() }
    }
}

/// (LSOA code, value) pairs as (key, value) in key order, each pair once (the
/// generators' half): a sentence if a code is no LSOA code, `check` refuses a
/// value, or a code is given two values (`what` names one: "ward").
pub fn sorted_keys<T: Copy + Ord>(
    codes: &[(String, T)],
    what: &str,
    check: impl Fn(&str, T) -> Result<(), String>,
) -> Result<Vec<(u64, T)>, String> {
    let mut keyed: Vec<(u64, T)> = Vec::with_capacity(codes.len());
    for (code, value) in codes {
        let k = key(code).ok_or_else(|| format!("“{code}” is not an LSOA code"))?;
        check(code, *value)?;
        keyed.push((k, *value));
    }
    crate::core::sorting::sort(&mut keyed);
    keyed.dedup();
    if let Some(pair) = keyed.windows(2).find(|p| p[0].0 == p[1].0) {
        return Err(format!("LSOA {} is given two {what}s", code_of(pair[0].0)));
    }
    Ok(keyed)
}

impl<T: Copy + Ord + Into<u64> + Display> LsoaRuns<T> {
    /// Builds the runs from (LSOA code, index) pairs, each index below `count`
    /// (the generator's half); `what` names an index in the error ("ward").
    pub fn from_codes(codes: &[(String, T)], count: usize, what: &str) -> Result<Self, String> {
        let keyed = sorted_keys(codes, what, |code, index| {
            if index.into() < count as u64 {
                Ok(())
            } else {
                Err(format!(
                    "LSOA {code} names {what} {index}, which is not listed"
                ))
            }
        })?;
        let mut runs: Vec<Run<T>> = Vec::new();
        for (k, index) in keyed {
            match runs.last_mut() {
                Some(run) if run.index == index && run.end() == k => run.len += 1,
                _ => runs.push(Run {
                    start: k,
                    len: 1,
                    index,
                }),
            }
        }
        Ok(LsoaRuns { runs })
    }

    /// Adds a run read from an asset after the others; `false` (and nothing
    /// added) if it is empty, names an index not below `count`, or starts
    /// before the last run ends.
    pub fn push(&mut self, run: Run<T>, count: usize) -> bool {
        let fits = run.len > 0
            && run.index.into() < count as u64
            && run.start.checked_add(u64::from(run.len)).is_some()
            && self.runs.last().is_none_or(|last| last.end() <= run.start);
        if fits {
            self.runs.push(run);
        }
        fits
    }

    /// The index of the run holding `key`, if any does.
    pub fn get(&self, key: u64) -> Option<T> {
        let at = self
            .runs
            .partition_point(|r| r.start <= key)
            .checked_sub(1)?;
        let run = self.runs[at];
        (key < run.end()).then_some(run.index)
    }

    /// How many LSOA codes the runs hold.
    pub fn codes(&self) -> usize {
        self.runs.iter().map(|r| r.len as usize).sum()
    }

    pub fn runs(&self) -> &[Run<T>] {
        &self.runs
    }

    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }
}

/// A run's start as the assets write it: the gap from the previous run's end
/// ("+3") while the country letter stays the same, to keep the files small;
/// otherwise the code itself. Writing and reading walk the runs in order.
#[derive(Clone, Copy, Debug, Default)]
pub struct RunStarts {
    previous_end: u64,
}

impl RunStarts {
    /// The start of a run of `len` codes, as text.
    pub fn write(&mut self, start: u64, len: u64) -> String {
        let same_country = start >> 32 == self.previous_end >> 32;
        let text = if same_country && start >= self.previous_end {
            format!("+{}", start - self.previous_end)
        } else {
            code_of(start)
        };
        self.previous_end = start + len;
        text
    }

    /// The start `write` wrote for a run of `len` codes; `None` for anything else.
    pub fn read(&mut self, text: &str, len: u64) -> Option<u64> {
        let start = match text.strip_prefix('+') {
            Some(gap) => self.previous_end.checked_add(gap.parse::<u64>().ok()?)?,
            None => key(text)?,
        };
        self.previous_end = start.checked_add(len)?;
        Some(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(pairs: &[(&str, u16)]) -> Vec<(String, u16)> {
        pairs.iter().map(|(c, i)| (c.to_string(), *i)).collect()
    }

    #[test]
    fn consecutive_codes_with_one_index_make_one_run() {
        let runs = LsoaRuns::from_codes(
            &codes(&[
                ("E01000003", 0),
                ("E01000001", 0),
                ("E01000002", 0),
                ("E01000002", 0), // the same pair twice is one
                ("E01000004", 1),
                ("E01000006", 1),
                ("W01000001", 1),
            ]),
            2,
            "district",
        )
        .unwrap();
        let starts: Vec<(String, u32, u16)> = runs
            .runs()
            .iter()
            .map(|r| (code_of(r.start), r.len, r.index))
            .collect();
        assert_eq!(
            starts,
            [
                ("E01000001".to_string(), 3, 0),
                ("E01000004".to_string(), 1, 1),
                ("E01000006".to_string(), 1, 1),
                ("W01000001".to_string(), 1, 1),
            ]
        );
        assert_eq!(runs.codes(), 6);
        assert_eq!(runs.get(key("E01000002").unwrap()), Some(0));
        assert_eq!(runs.get(key("E01000004").unwrap()), Some(1));
        assert_eq!(runs.get(key("E01000005").unwrap()), None);
        assert_eq!(runs.get(key("E01000000").unwrap()), None);
        assert_eq!(runs.get(key("W01000002").unwrap()), None);
    }

    #[test]
    fn a_code_given_two_indices_or_an_unlisted_one_is_a_sentence() {
        let two = LsoaRuns::from_codes(&codes(&[("E01000001", 0), ("E01000001", 1)]), 2, "ward");
        assert_eq!(two.unwrap_err(), "LSOA E01000001 is given two wards");
        let unlisted = LsoaRuns::from_codes(&codes(&[("E01000001", 2)]), 2, "ward");
        assert_eq!(
            unlisted.unwrap_err(),
            "LSOA E01000001 names ward 2, which is not listed"
        );
        let bad = LsoaRuns::from_codes(&codes(&[("Ashford 015F", 0)]), 2, "ward");
        assert_eq!(bad.unwrap_err(), "“Ashford 015F” is not an LSOA code");
        let refused = sorted_keys(&codes(&[("E01000001", 11)]), "decile", |code, d| {
            Err(format!("{code} has decile {d}"))
        });
        assert_eq!(refused.unwrap_err(), "E01000001 has decile 11");
    }

    #[test]
    fn runs_read_back_must_be_in_order_and_in_range() {
        let mut runs: LsoaRuns<u32> = LsoaRuns::default();
        let run = |start: &str, len, index| Run {
            start: key(start).unwrap(),
            len,
            index,
        };
        assert!(runs.push(run("E01000001", 2, 0), 1));
        assert!(!runs.push(run("E01000002", 1, 0), 1), "overlaps");
        assert!(!runs.push(run("E01000005", 0, 0), 1), "empty");
        assert!(!runs.push(run("E01000005", 1, 1), 1), "no such index");
        assert!(runs.push(run("E01000003", 1, 0), 1), "touching is fine");
        assert_eq!(runs.codes(), 3);
    }

    #[test]
    fn starts_are_gaps_within_a_country_and_read_back() {
        let starts = [
            ("E01000001", 3),
            ("E01000004", 1),
            ("E01000010", 2),
            ("W01000001", 1),
            ("W01000005", 4),
        ];
        let mut writer = RunStarts::default();
        let written: Vec<String> = starts
            .iter()
            .map(|&(c, len)| writer.write(key(c).unwrap(), len))
            .collect();
        assert_eq!(written, ["E01000001", "+0", "+5", "W01000001", "+3"]);
        let mut reader = RunStarts::default();
        for (text, &(code, len)) in written.iter().zip(&starts) {
            assert_eq!(reader.read(text, len), key(code));
        }
        let mut reader = RunStarts::default();
        for bad in ["", "+", "+x", "-1", "E0100000", &format!("+{}", u64::MAX)] {
            assert_eq!(reader.read(bad, 1), None, "{bad}");
        }
    }
}
