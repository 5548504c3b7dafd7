//! police.uk outcomes files: one row per outcome of a crime, in the month the
//! outcome was recorded. The rows carry no crime type; where the crimes'
//! street files are in the same import, each outcome is linked to its crime by
//! Crime ID and each crime counted once, by its latest outcome, under its
//! type, in the month it was recorded, for its force and district. Outcomes
//! whose crime is not among the street records are counted as recorded, by
//! outcome type and the month of the outcome, for the force only.

use super::super::records::{RowCounter, MAX_WANTED};
use super::crime_index::{crime_key, CrimeIndex};
use super::tally::Tallies;
use super::{month_of, NOT_STATED};
use crate::core::areas::AreaLevel;
use crate::core::dataset::{Observation, Provenance, Unit, Value};
use crate::core::format;
use std::collections::HashMap;

/// The outcome whose share of crimes is reported: the commonest, and the one
/// partnerships ask about.
pub const NO_SUSPECT: &str = "Investigation complete; no suspect identified";
pub const NO_SUSPECT_SHARE: &str = "Crimes closed with no suspect identified (%)";
pub const UNLINKED: &str = "Outcomes recorded (not linked to a crime)";
const ALL_CRIME: &str = "all crime";

fn find(header: &[String], names: &[&str]) -> Option<usize> {
    header.iter().position(|h| {
        let h = h.to_lowercase().replace([' ', '_', '-'], "");
        names.contains(&h.as_str())
    })
}

/// Whether a header is an outcomes file's.
pub fn recognise(header: &[String]) -> bool {
    find(header, &["outcometype"]).is_some()
        && find(header, &["crimeid"]).is_some()
        && find(header, &["month"]).is_some()
}

/// The latest outcome seen for a crime.
struct Latest {
    period: crate::core::period::Period,
    outcome: u32,
    at: (u32, usize),
}

pub struct OutcomesCounter {
    crimes: Option<CrimeIndex>,
    columns: [Option<usize>; 4],
    outcome_names: Vec<String>,
    outcome_ids: HashMap<String, u32>,
    latest: HashMap<u128, Latest>,
    unlinked: Tallies,
    unlinked_rows: usize,
    source: u32,
    sources: Vec<String>,
    pub rows: usize,
    pub undated: usize,
}

impl OutcomesCounter {
    /// `crimes`: the street crimes of the same import, if any, to link to.
    pub fn new(crimes: Option<CrimeIndex>) -> OutcomesCounter {
        OutcomesCounter {
            crimes: crimes.filter(|c| !c.is_empty()),
            columns: [None; 4],
            outcome_names: Vec::new(),
            outcome_ids: HashMap::new(),
            latest: HashMap::new(),
            unlinked: Tallies::new(),
            unlinked_rows: 0,
            source: 0,
            sources: Vec::new(),
            rows: 0,
            undated: 0,
        }
    }

    pub fn start_source(&mut self, name: &str, header: &[String]) -> bool {
        if !recognise(header) {
            return false;
        }
        self.columns = [
            find(header, &["crimeid"]),
            find(header, &["month"]),
            find(header, &["fallswithin", "reportedby"]),
            find(header, &["outcometype"]),
        ];
        self.sources.push(name.to_string());
        self.source = self.unlinked.source(name);
        true
    }

    fn outcome_id(&mut self, text: &str) -> u32 {
        if let Some(&id) = self.outcome_ids.get(text) {
            return id;
        }
        let id = self.outcome_names.len() as u32;
        self.outcome_names.push(text.to_string());
        self.outcome_ids.insert(text.to_string(), id);
        id
    }

    /// The counts as observations, and what the reader should know about them.
    pub fn finish(self, file: &str) -> (Vec<Observation>, Vec<String>) {
        let mut notes = Vec::new();
        let outcome_column = self.columns[3].unwrap_or(0);
        let mut observations = Vec::new();
        if let Some(crimes) = &self.crimes {
            let mut tallies = Tallies::new();
            for s in &self.sources {
                tallies.source(s);
            }
            let no_suspect = self.outcome_ids.get(NO_SUSPECT).copied();
            // Crimes with an ID, per area and month: the share's denominator.
            let mut recorded: HashMap<(u32, u32), u64> = HashMap::new();
            for c in crimes.crimes() {
                for area in std::iter::once(c.force).chain(c.district) {
                    *recorded.entry((area, c.period)).or_default() += 1;
                }
            }
            let mut closed: HashMap<(u32, u32), u64> = HashMap::new();
            for (key, latest) in &self.latest {
                let Some(crime) = crimes.get(*key) else {
                    continue;
                };
                let period = tallies.period(crimes.periods[crime.period as usize]);
                let outcome = tallies.category(Some(&self.outcome_names[latest.outcome as usize]));
                let crime_type = &crimes.categories[crime.category as usize];
                let measures = [
                    tallies.measure(&format!("Outcomes of {crime_type}")),
                    tallies.measure(&format!("Outcomes of {ALL_CRIME}")),
                ];
                for index_area in std::iter::once(crime.force).chain(crime.district) {
                    let (name, level) = &crimes.areas[index_area as usize];
                    let area = tallies.area(name, *level);
                    for measure in measures {
                        for category in [0, outcome] {
                            tallies.add(
                                [measure, category, area, period],
                                1.0,
                                latest.at,
                                outcome_column,
                            );
                        }
                    }
                    if Some(latest.outcome) == no_suspect {
                        *closed.entry((index_area, crime.period)).or_default() += 1;
                    }
                }
            }
            observations.extend(tallies.observations(file));
            let mut shares: Vec<_> = recorded.into_iter().collect();
            shares.sort_by(|((a1, p1), _), ((a2, p2), _)| {
                (&crimes.areas[*a1 as usize], crimes.periods[*p1 as usize])
                    .cmp(&(&crimes.areas[*a2 as usize], crimes.periods[*p2 as usize]))
            });
            for ((area, period), total) in shares {
                let n = closed.get(&(area, period)).copied().unwrap_or(0);
                let (name, level) = crimes.areas[area as usize].clone();
                let period = crimes.periods[period as usize];
                observations.push(Observation {
                    measure: NO_SUSPECT_SHARE.to_string(),
                    category: None,
                    area: name,
                    area_level: level,
                    period,
                    value: Value::Number(100.0 * n as f64 / total as f64),
                    unit: Unit::Percent,
                    source: Provenance {
                        file: file.to_string(),
                        sheet: "Outcomes linked to street records by Crime ID".to_string(),
                        cell: format!(
                            "{} of {} crimes recorded in {} whose latest outcome is “{NO_SUSPECT}”",
                            format::count(n as f64),
                            format::count(total as f64),
                            period.label()
                        ),
                    },
                });
            }
            let linked = self.latest.len();
            notes.push(format!(
                "Outcomes linked to street records by Crime ID: {} crimes, each counted once by its latest outcome, in the month the crime was recorded.",
                format::count(linked as f64)
            ));
            let without = crimes.len().saturating_sub(linked);
            if without > 0 {
                notes.push(format!(
                    "{} crimes in the street files have no outcome in the outcomes files loaded; they count in the share of crimes closed with no suspect identified as not (yet) closed so.",
                    format::count(without as f64)
                ));
            }
        } else {
            notes.push(
                "Outcomes not linked to crimes: no street file was in the same import, so outcomes are counted by type in the month each was recorded, by force only."
                    .to_string(),
            );
        }
        if self.unlinked_rows > 0 && self.crimes.is_some() {
            notes.push(format!(
                "{} outcomes had no matching crime among the street records loaded (their crime was recorded in a month not loaded): counted as “{UNLINKED}”, by the month of the outcome, by force only.",
                format::count(self.unlinked_rows as f64)
            ));
        }
        if self.undated > 0 {
            notes.push(format!(
                "{} outcome rows had no readable month and were not counted.",
                format::count(self.undated as f64)
            ));
        }
        observations.extend(self.unlinked.observations(file));
        (observations, notes)
    }
}

impl RowCounter for OutcomesCounter {
    fn wanted(&self) -> [Option<usize>; MAX_WANTED] {
        let c = self.columns;
        [c[0], c[1], c[2], c[3], None, None, None, None, None, None]
    }

    fn add_fields(&mut self, row: usize, fields: &[&str; MAX_WANTED]) {
        self.rows += 1;
        let Some(period) = month_of(fields[1].trim()) else {
            self.undated += 1;
            return;
        };
        let outcome = match fields[3].trim() {
            "" => NOT_STATED,
            t => t,
        };
        let at = (self.source, row);
        let key = crime_key(fields[0]);
        let linked = match (&self.crimes, key) {
            (Some(crimes), Some(key)) => crimes.get(key).is_some(),
            _ => false,
        };
        if linked {
            let outcome = self.outcome_id(outcome);
            let key = key.unwrap_or_default();
            match self.latest.get_mut(&key) {
                Some(latest) if latest.period > period => {}
                Some(latest) => {
                    *latest = Latest {
                        period,
                        outcome,
                        at,
                    }
                }
                None => {
                    self.latest.insert(
                        key,
                        Latest {
                            period,
                            outcome,
                            at,
                        },
                    );
                }
            }
            return;
        }
        self.unlinked_rows += 1;
        let force = match fields[2].trim() {
            "" => (super::FORCE_NOT_STATED.to_string(), AreaLevel::Other),
            f => super::force_area(f),
        };
        let t = &mut self.unlinked;
        let key = [
            t.measure(UNLINKED),
            0,
            t.area(&force.0, force.1),
            t.period(period),
        ];
        let column = self.columns[3].unwrap_or(0);
        t.add(key, 1.0, at, column);
        let category = t.category(Some(outcome));
        t.add([key[0], category, key[2], key[3]], 1.0, at, column);
    }
}
