//! police.uk stop-and-search files: one row per search. Counted as one measure,
//! "Stop and search", by month, with breakdowns by object of search,
//! legislation, outcome, age range and self-defined ethnicity. The rows carry
//! no force and no LSOA: the force is the one the file is named after, and
//! nothing is counted by district.

use super::super::records::{RowCounter, MAX_WANTED};
use super::tally::Tallies;
use super::{month_of, NOT_STATED};
use crate::core::areas::AreaLevel;

pub const MEASURE: &str = "Stop and search";

/// The breakdowns, as the category's prefix and the column's header.
const BREAKDOWNS: [(&str, &str); 5] = [
    ("Object of search", "objectofsearch"),
    ("Legislation", "legislation"),
    ("Outcome", "outcome"),
    ("Age range", "agerange"),
    ("Self-defined ethnicity", "selfdefinedethnicity"),
];

fn find(header: &[String], name: &str) -> Option<usize> {
    header
        .iter()
        .position(|h| h.to_lowercase().replace([' ', '_', '-'], "") == name)
}

/// Whether a header is a stop-and-search file's.
pub fn recognise(header: &[String]) -> bool {
    find(header, "date").is_some()
        && find(header, "objectofsearch").is_some()
        && find(header, "legislation").is_some()
}

pub struct StopSearchCounter {
    tallies: Tallies,
    date: usize,
    breakdowns: [Option<usize>; 5],
    source: u32,
    area: u32,
    measure: u32,
    /// Category ids per breakdown, by the text last seen, to skip re-interning.
    categories: Vec<std::collections::HashMap<String, u32>>,
    last_month: Option<(String, Option<u32>)>,
    pub rows: usize,
    pub undated: usize,
}

impl StopSearchCounter {
    pub fn new() -> StopSearchCounter {
        let mut tallies = Tallies::new();
        let measure = tallies.measure(MEASURE);
        StopSearchCounter {
            tallies,
            date: 0,
            breakdowns: [None; 5],
            source: 0,
            area: 0,
            measure,
            categories: vec![Default::default(); 5],
            last_month: None,
            rows: 0,
            undated: 0,
        }
    }

    /// Starts the next file, counted for `force`; `false` when its header is not
    /// a stop-and-search file's.
    pub fn start_source(
        &mut self,
        name: &str,
        header: &[String],
        force: (&str, AreaLevel),
    ) -> bool {
        let Some(date) = find(header, "date") else {
            return false;
        };
        self.date = date;
        for (slot, (_, column)) in self.breakdowns.iter_mut().zip(BREAKDOWNS) {
            *slot = find(header, column);
        }
        self.source = self.tallies.source(name);
        self.area = self.tallies.area(force.0, force.1);
        true
    }

    pub fn tallies(self) -> Tallies {
        self.tallies
    }
}

impl RowCounter for StopSearchCounter {
    fn wanted(&self) -> [Option<usize>; MAX_WANTED] {
        let b = self.breakdowns;
        [
            Some(self.date),
            b[0],
            b[1],
            b[2],
            b[3],
            b[4],
            None,
            None,
            None,
            None,
        ]
    }

    fn add_fields(&mut self, row: usize, fields: &[&str; MAX_WANTED]) {
        self.rows += 1;
        let date = fields[0].trim();
        let period = match &self.last_month {
            Some((text, id)) if text == date => *id,
            _ => {
                let id = month_of(date).map(|p| self.tallies.period(p));
                self.last_month = Some((date.to_string(), id));
                id
            }
        };
        let Some(period) = period else {
            self.undated += 1;
            return;
        };
        let at = (self.source, row);
        self.tallies
            .add([self.measure, 0, self.area, period], 1.0, at, self.date);
        for (i, (label, _)) in BREAKDOWNS.iter().enumerate() {
            let Some(column) = self.breakdowns[i] else {
                continue;
            };
            let text = match fields[i + 1].trim() {
                "" => NOT_STATED,
                t => t,
            };
            let category = match self.categories[i].get(text) {
                Some(&id) => id,
                None => {
                    let id = self.tallies.category(Some(&format!("{label} · {text}")));
                    self.categories[i].insert(text.to_string(), id);
                    id
                }
            };
            self.tallies
                .add([self.measure, category, self.area, period], 1.0, at, column);
        }
    }
}
