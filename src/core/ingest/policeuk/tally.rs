//! Counts (and sums) by measure, breakdown, area and period, each remembering
//! the rows it counted (in which file): for the police.uk files that are not
//! street crime, and the Home Office's recorded crime tables.

use crate::core::areas::AreaLevel;
use crate::core::dataset::{Observation, Provenance, Unit, Value};
use crate::core::period::Period;
use std::collections::HashMap;

struct Count {
    count: f64,
    first: (u32, usize),
    last: (u32, usize),
    /// The column counted, as its letter.
    column: u32,
}

/// Interned names, so a row's key is four small integers.
struct Names<T: std::hash::Hash + Eq + Clone> {
    list: Vec<T>,
    ids: HashMap<T, u32>,
}

impl<T: std::hash::Hash + Eq + Clone> Default for Names<T> {
    fn default() -> Self {
        Names {
            list: Vec::new(),
            ids: HashMap::new(),
        }
    }
}

impl<T: std::hash::Hash + Eq + Clone> Names<T> {
    fn id(&mut self, name: &T) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.list.len() as u32;
        self.list.push(name.clone());
        self.ids.insert(name.clone(), id);
        id
    }
}

#[derive(Default)]
pub struct Tallies {
    measures: Names<String>,
    /// Id 0 is the whole (no breakdown).
    categories: Names<Option<String>>,
    areas: Names<(String, AreaLevel)>,
    periods: Names<Period>,
    counts: HashMap<[u32; 4], Count>,
    pub sources: Vec<String>,
    /// What an area's counts add to their provenance ("placed in … by …").
    area_notes: HashMap<u32, String>,
}

impl Tallies {
    pub fn new() -> Tallies {
        let mut t = Tallies::default();
        t.categories.id(&None);
        t
    }

    pub fn source(&mut self, name: &str) -> u32 {
        self.sources.push(name.to_string());
        (self.sources.len() - 1) as u32
    }

    pub fn area(&mut self, name: &str, level: AreaLevel) -> u32 {
        self.areas.id(&(name.to_string(), level))
    }

    pub fn period(&mut self, period: Period) -> u32 {
        self.periods.id(&period)
    }

    /// The period an id stands for.
    pub fn period_of(&self, id: u32) -> Period {
        self.periods.list[id as usize]
    }

    /// Says how an area's counts were made, in each one's provenance.
    pub fn note_area(&mut self, area: u32, note: &str) {
        self.area_notes.insert(area, note.to_string());
    }

    pub fn measure(&mut self, name: &str) -> u32 {
        self.measures.id(&name.to_string())
    }

    pub fn category(&mut self, name: Option<&str>) -> u32 {
        self.categories.id(&name.map(str::to_string))
    }

    /// Adds `n` to a count, from `row` of `source`, column `column`.
    pub fn add(&mut self, key: [u32; 4], n: f64, (source, row): (u32, usize), column: usize) {
        let count = self.counts.entry(key).or_insert(Count {
            count: 0.0,
            first: (source, row),
            last: (source, row),
            column: column as u32,
        });
        count.count += n;
        count.last = (source, row);
    }

    /// The counts as observations, sorted by measure, breakdown, area and period.
    pub fn observations(self, file: &str) -> Vec<Observation> {
        let mut counts: Vec<([u32; 4], Count)> = self.counts.into_iter().collect();
        let names = (
            &self.measures.list,
            &self.categories.list,
            &self.areas.list,
            &self.periods.list,
        );
        let sort_key = |k: &[u32; 4]| {
            (
                &names.0[k[0] as usize],
                &names.1[k[1] as usize],
                &names.2[k[2] as usize],
                names.3[k[3] as usize],
            )
        };
        counts.sort_by(|(a, _), (b, _)| sort_key(a).cmp(&sort_key(b)));
        let source = |s: u32| self.sources.get(s as usize).cloned().unwrap_or_default();
        counts
            .into_iter()
            .map(|(k, count)| {
                let measure = names.0[k[0] as usize].clone();
                let category = names.1[k[1] as usize].clone();
                let (area, area_level) = names.2[k[2] as usize].clone();
                let period = names.3[k[3] as usize];
                let letter = super::super::a1(0, count.column as usize)
                    .trim_end_matches('1')
                    .to_string();
                let (first, last) = (count.first.1 + 1, count.last.1 + 1);
                let rows = if count.first.0 == count.last.0 {
                    format!("rows {first}–{last} of column {letter}")
                } else {
                    format!(
                        "row {first} of {} to row {last} of {}, column {letter}",
                        source(count.first.0),
                        source(count.last.0)
                    )
                };
                let what = match &category {
                    Some(c) => format!("{measure} ({c})"),
                    None => measure.clone(),
                };
                let note = self
                    .area_notes
                    .get(&k[2])
                    .map(|n| format!(", {n}"))
                    .unwrap_or_default();
                Observation {
                    source: Provenance {
                        file: file.to_string(),
                        sheet: source(count.first.0),
                        cell: format!("{rows}, counted for {what} in {}{note}", period.label()),
                    },
                    measure,
                    category,
                    area,
                    area_level,
                    period,
                    value: Value::Number(count.count),
                    unit: Unit::Count,
                }
            })
            .collect()
    }
}
