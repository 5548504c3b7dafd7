//! The dataset indexed once per assessment, so a full recompute looks each figure
//! up instead of scanning every observation for every measure and area.

use super::change::is_population;
use crate::core::areas::AreaLevel;
use crate::core::dataset::{Dataset, Observation, TableSummary};
use crate::core::ingest::table_holds;
use crate::core::period::Period;
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub struct Index<'a> {
    /// (measure, area) → period → the whole figure (no breakdown), numeric only.
    series: HashMap<&'a str, HashMap<&'a str, BTreeMap<Period, &'a Observation>>>,
    /// (measure, area, period) → the breakdown figures, in file order.
    parts: HashMap<&'a str, HashMap<&'a str, BTreeMap<Period, Vec<&'a Observation>>>>,
    /// area → population estimates, oldest first.
    populations: HashMap<&'a str, Vec<&'a Observation>>,
    /// area → household counts, oldest first.
    households: HashMap<&'a str, Vec<&'a Observation>>,
    levels: BTreeMap<&'a str, AreaLevel>,
    /// measure → areas with a whole figure for it.
    areas_of: HashMap<&'a str, BTreeSet<&'a str>>,
    measures: BTreeSet<&'a str>,
    /// area → how many whole figures it has (to propose the local area).
    figures: HashMap<&'a str, usize>,
}

/// A denominator: the number of households rather than of people.
pub fn is_households(measure: &str) -> bool {
    let lower = measure.to_lowercase();
    lower == "households" || lower.starts_with("number of households")
}

impl<'a> Index<'a> {
    pub fn new(data: &'a Dataset) -> Index<'a> {
        let mut index = Index {
            series: HashMap::new(),
            parts: HashMap::new(),
            populations: HashMap::new(),
            households: HashMap::new(),
            levels: BTreeMap::new(),
            areas_of: HashMap::new(),
            measures: BTreeSet::new(),
            figures: HashMap::new(),
        };
        // What each measure is, worked out once per name rather than per figure.
        let mut kinds: HashMap<&str, (bool, bool)> = HashMap::new();
        // The one place doubtful readings are kept out of the assessment: every
        // view, chart, target and export works from this index.
        let doubtful = doubtful_tables(data);
        for o in &data.observations {
            if !doubtful.is_empty() && doubtful.iter().any(|t| table_holds(t, o)) {
                continue;
            }
            index.levels.entry(o.area.as_str()).or_insert(o.area_level);
            let Some(value) = o.value.number() else {
                continue;
            };
            let (households, population) = *kinds
                .entry(o.measure.as_str())
                .or_insert_with(|| (is_households(&o.measure), is_population(&o.measure)));
            // A denominator is a count of people or households: "Crimes per 1,000
            // population" names a population but is a rate, assessed as itself.
            let (households, population) = if o.unit.is_additive() {
                (households, population)
            } else {
                (false, false)
            };
            if o.category.is_none() && households {
                if value > 0.0 {
                    index.households.entry(&o.area).or_default().push(o);
                }
                continue;
            }
            if population {
                if o.category.is_none() && value > 0.0 {
                    index.populations.entry(&o.area).or_default().push(o);
                }
                continue;
            }
            index.measures.insert(&o.measure);
            match &o.category {
                None => {
                    *index.figures.entry(&o.area).or_default() += 1;
                    index
                        .series
                        .entry(&o.measure)
                        .or_default()
                        .entry(&o.area)
                        .or_default()
                        .insert(o.period, o);
                    index
                        .areas_of
                        .entry(&o.measure)
                        .or_default()
                        .insert(&o.area);
                }
                Some(_) => index
                    .parts
                    .entry(&o.measure)
                    .or_default()
                    .entry(&o.area)
                    .or_default()
                    .entry(o.period)
                    .or_default()
                    .push(o),
            }
        }
        for list in index
            .populations
            .values_mut()
            .chain(index.households.values_mut())
        {
            list.sort_by_key(|o| o.period);
        }
        index
    }

    /// Measures that are issues to assess (not denominators).
    pub fn measures(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.measures.iter().copied()
    }

    pub fn series(&self, measure: &str, area: &str) -> Option<&BTreeMap<Period, &'a Observation>> {
        self.series.get(measure)?.get(area)
    }

    pub fn whole(&self, measure: &str, area: &str, period: Period) -> Option<&'a Observation> {
        self.series(measure, area)?.get(&period).copied()
    }

    pub fn parts(&self, measure: &str, area: &str, period: Period) -> &[&'a Observation] {
        self.parts
            .get(measure)
            .and_then(|areas| areas.get(area))
            .and_then(|periods| periods.get(&period))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Periods in which the area has a breakdown of the measure.
    pub fn breakdown_periods(&self, measure: &str, area: &str) -> BTreeSet<Period> {
        self.parts
            .get(measure)
            .and_then(|areas| areas.get(area))
            .map(|periods| periods.keys().copied().collect())
            .unwrap_or_default()
    }

    /// How many whole figures (not denominators, not breakdowns) the area has.
    pub fn figures_of(&self, area: &str) -> usize {
        self.figures.get(area).copied().unwrap_or(0)
    }

    /// Every area with a whole figure for the measure, whatever its level.
    pub fn areas_with_any_level(&self, measure: &str) -> Vec<&'a str> {
        self.areas_of
            .get(measure)
            .map(|areas| areas.iter().copied().collect())
            .unwrap_or_default()
    }

    /// The county in the data (the first, when a file holds several), if any.
    pub fn county(&self) -> Option<&'a str> {
        self.levels
            .iter()
            .find(|(_, level)| **level == AreaLevel::County)
            .map(|(area, _)| *area)
    }

    pub fn level(&self, area: &str) -> Option<AreaLevel> {
        self.levels.get(area).copied()
    }

    pub fn areas(&self) -> impl Iterator<Item = (&'a str, AreaLevel)> + '_ {
        self.levels.iter().map(|(a, l)| (*a, *l))
    }

    /// Areas at `level` with a whole figure for the measure.
    pub fn areas_with(&self, measure: &str, level: AreaLevel) -> Vec<&'a str> {
        self.areas_of
            .get(measure)
            .map(|areas| {
                areas
                    .iter()
                    .copied()
                    .filter(|a| self.level(a) == Some(level))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The latest population estimate that starts no later than the period ends;
    /// failing that, the earliest one.
    pub fn population(&self, area: &str, period: Period) -> Option<&'a Observation> {
        Self::fitting(self.populations.get(area)?, period)
    }

    pub fn households(&self, area: &str, period: Period) -> Option<&'a Observation> {
        Self::fitting(self.households.get(area)?, period)
    }

    fn fitting(list: &[&'a Observation], period: Period) -> Option<&'a Observation> {
        list.iter()
            .rev()
            .find(|o| o.period.start() <= period.end())
            .or_else(|| list.first())
            .copied()
    }

    /// The month (as a month index) in which the latest figure of any measure ends.
    pub fn latest_end(&self) -> Option<i64> {
        self.series
            .values()
            .flat_map(|areas| areas.values())
            .filter_map(|s| s.keys().next_back())
            .map(last_month)
            .max()
    }
}

/// Tables whose reading is in doubt and not confirmed: their figures stay out
/// of the assessment until the user checks them in the mapping step.
pub fn doubtful_tables(data: &Dataset) -> Vec<&TableSummary> {
    data.tables
        .iter()
        .filter(|t| !t.reading.trusted())
        .collect()
}

/// The month index of a period's last month.
pub fn last_month(period: &Period) -> i64 {
    period.first_month_index() + period.months() as i64 - 1
}
