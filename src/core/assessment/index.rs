//! The dataset indexed once per assessment, so a full recompute looks each figure
//! up instead of scanning every observation for every measure and area.

use super::change::is_population;
use super::fast_hash::FastMap;
use super::figures::Figures;
use crate::core::areas::AreaLevel;
use crate::core::dataset::{Dataset, Observation, TableSummary};
use crate::core::ingest::table_holds;
use crate::core::period::Period;
use std::collections::{BTreeMap, BTreeSet};

pub struct Index<'a> {
    /// (measure, area) → period → the whole figure (no breakdown), numeric only.
    series: FastMap<&'a str, FastMap<&'a str, BTreeMap<Period, &'a Observation>>>,
    /// (measure, area, period) → the breakdown figures, in file order.
    parts: FastMap<&'a str, FastMap<&'a str, BTreeMap<Period, Vec<&'a Observation>>>>,
    /// area → population estimates, oldest first.
    populations: FastMap<&'a str, Vec<&'a Observation>>,
    /// area → household counts, oldest first.
    households: FastMap<&'a str, Vec<&'a Observation>>,
    levels: BTreeMap<&'a str, AreaLevel>,
    /// measure → areas with a whole figure for it.
    areas_of: FastMap<&'a str, BTreeSet<&'a str>>,
    measures: BTreeSet<&'a str>,
    /// area → how many whole figures it has (to propose the local area).
    figures: FastMap<&'a str, usize>,
    /// measure → what its count column's header says is counted ("offences"
    /// under "Number of Offences"), where its table says so of all its measures.
    count_nouns: FastMap<&'a str, String>,
}

/// A denominator: the number of households rather than of people.
pub fn is_households(measure: &str) -> bool {
    // As comparing `measure.to_lowercase()`, without a copy of the name: no
    // letter outside ASCII lowercases to one of these.
    let prefix = b"number of households";
    let bytes = measure.as_bytes();
    measure.eq_ignore_ascii_case("households")
        || (bytes.len() >= prefix.len() && bytes[..prefix.len()].eq_ignore_ascii_case(prefix))
}

/// The index built a slice of observations at a time, so the page can index
/// a workbook of a million figures between yields to the browser.
///
/// Files list a measure's figures area by area, so consecutive observations
/// mostly share their measure and area: what depends only on those (the
/// measure's kind, its place in the list of measures, the area's level and the
/// series the figure goes into) is worked out once per run of them, not once
/// per figure. The result is the same as adding every figure on its own.
pub struct IndexBuilder<'a> {
    index: Index<'a>,
    /// The figures in consecutive slices (the data's, then what the
    /// reference adds), and where the next one is: its slice, its place there.
    parts: [&'a [Observation]; 3],
    part: usize,
    next: usize,
    /// Figures added so far, and in all.
    added: usize,
    total: usize,
    /// Tables whose reading is in doubt: their figures stay out.
    doubtful: Vec<&'a TableSummary>,
    /// What each measure is (households, population), once per name.
    kinds: FastMap<&'a str, (bool, bool)>,
    /// The last measure whose kind was looked up, and its kind.
    kind_of: Option<(&'a str, (bool, bool))>,
    /// The last area whose level was recorded.
    leveled: Option<&'a str>,
    /// The last measure added to the list of measures.
    listed: Option<&'a str>,
    /// The (measure, area) of the whole figures in `pending`, not yet in `series`.
    run: Option<(&'a str, &'a str)>,
    pending: Vec<&'a Observation>,
}

impl<'a> IndexBuilder<'a> {
    pub fn new(figures: impl Into<Figures<'a>>) -> IndexBuilder<'a> {
        let figures: Figures<'a> = figures.into();
        let data = figures.data;
        IndexBuilder {
            index: Index {
                series: FastMap::default(),
                parts: FastMap::default(),
                populations: FastMap::default(),
                households: FastMap::default(),
                levels: BTreeMap::new(),
                areas_of: FastMap::default(),
                measures: BTreeSet::new(),
                figures: FastMap::default(),
                count_nouns: count_nouns(&data.tables),
            },
            parts: figures.parts(),
            part: 0,
            next: 0,
            added: 0,
            total: figures.len(),
            // The one place doubtful readings are kept out of the assessment: every
            // view, chart, target and export works from this index.
            doubtful: doubtful_tables(data),
            kinds: FastMap::default(),
            kind_of: None,
            leveled: None,
            listed: None,
            run: None,
            pending: Vec::new(),
        }
    }

    /// Adds up to `count` more observations; `true` once all are in.
    pub fn add(&mut self, count: usize) -> bool {
        let mut left = count;
        while left > 0 && self.part < self.parts.len() {
            let observations = self.parts[self.part];
            let end = self.next.saturating_add(left).min(observations.len());
            for o in &observations[self.next..end] {
                self.add_one(o);
            }
            left -= end - self.next;
            self.added += end - self.next;
            self.next = end;
            if self.next == observations.len() {
                self.part += 1;
                self.next = 0;
            }
        }
        self.is_done()
    }

    pub fn is_done(&self) -> bool {
        self.added >= self.total
    }

    /// (observations added, observations in all), for a progress line.
    pub fn progress(&self) -> (usize, usize) {
        (self.added, self.total)
    }

    /// The index, once every observation not yet added is.
    pub fn finish(mut self) -> Index<'a> {
        self.add(usize::MAX);
        self.flush();
        let mut index = self.index;
        for list in index
            .populations
            .values_mut()
            .chain(index.households.values_mut())
        {
            crate::core::sorting::sort_by_key(list, |o| o.period);
        }
        index
    }

    fn add_one(&mut self, o: &'a Observation) {
        if !self.doubtful.is_empty() && self.doubtful.iter().any(|t| table_holds(t, o)) {
            return;
        }
        let (measure, area) = (o.measure.as_str(), o.area.as_str());
        // The first level an area is given stands.
        if self.leveled != Some(area) {
            self.index.levels.entry(area).or_insert(o.area_level);
            self.leveled = Some(area);
        }
        let Some(value) = o.value.number() else {
            return;
        };
        let kind = match self.kind_of {
            Some((m, kind)) if m == measure => kind,
            _ => {
                let kind = *self
                    .kinds
                    .entry(measure)
                    .or_insert_with(|| (is_households(measure), is_population(measure)));
                self.kind_of = Some((measure, kind));
                kind
            }
        };
        // A denominator is a count of people or households: "Crimes per 1,000
        // population" names a population but is a rate, assessed as itself.
        let (households, population) = if o.unit.is_additive() {
            kind
        } else {
            (false, false)
        };
        if o.category.is_none() && households {
            if value > 0.0 {
                self.index.households.entry(area).or_default().push(o);
            }
            return;
        }
        if population {
            if o.category.is_none() && value > 0.0 {
                self.index.populations.entry(area).or_default().push(o);
            }
            return;
        }
        if self.listed != Some(measure) {
            self.index.measures.insert(measure);
            self.listed = Some(measure);
        }
        match &o.category {
            None => {
                if self.run != Some((measure, area)) {
                    self.flush();
                    self.run = Some((measure, area));
                }
                self.pending.push(o);
            }
            Some(_) => self
                .index
                .parts
                .entry(measure)
                .or_default()
                .entry(area)
                .or_default()
                .entry(o.period)
                .or_default()
                .push(o),
        }
    }

    /// Puts the run of whole figures read so far into the index, in file order
    /// (a later figure for the same period replaces an earlier one).
    fn flush(&mut self) {
        let Some((measure, area)) = self.run.take() else {
            return;
        };
        *self.index.figures.entry(area).or_default() += self.pending.len();
        let periods = self
            .index
            .series
            .entry(measure)
            .or_default()
            .entry(area)
            .or_default();
        for o in self.pending.drain(..) {
            periods.insert(o.period, o);
        }
        self.index.areas_of.entry(measure).or_default().insert(area);
    }
}

impl<'a> Index<'a> {
    pub fn new(figures: impl Into<Figures<'a>>) -> Index<'a> {
        IndexBuilder::new(figures).finish()
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
    /// What the measure's count column says is counted ("offences"), if its
    /// table's header names it (see `wording::noun_in_header`).
    pub fn count_noun(&self, measure: &str) -> Option<&str> {
        self.count_nouns.get(measure).map(String::as_str)
    }

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
/// Each table's count noun for its measures: a header cell that is not one
/// of its measures and names what is counted ("Number of Offences", "Rolling
/// year total number of offences"), when the table has one such noun; a table
/// of several count columns names each measure by its own column.
fn count_nouns(tables: &[TableSummary]) -> FastMap<&str, String> {
    let mut out: FastMap<&str, String> = FastMap::default();
    for table in tables {
        let mut nouns: Vec<String> = table
            .header
            .iter()
            .filter(|h| !table.measures.iter().any(|m| m == *h))
            .filter_map(|h| super::wording::noun_in_header(h))
            .collect();
        nouns.dedup();
        if let [noun] = nouns.as_slice() {
            for measure in &table.measures {
                out.entry(measure.as_str()).or_insert_with(|| noun.clone());
            }
        }
    }
    out
}

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

#[cfg(test)]
mod tests {
    use super::*;

    /// The denominators are named without copying each name in lower case:
    /// the same answers as the lower-cased comparison, odd letters included.
    #[test]
    fn denominator_names_are_matched_as_in_lower_case() {
        for name in [
            "Population",
            "POPULATION (mid-2018)",
            "Resident population",
            "populatİon",
            "Households",
            "households",
            "HOUSEHOLDS ",
            "Number of households (2021)",
            "number of Households",
            "Number of house",
            "Ünïcödé population",
            "Kelvin households",
            "",
        ] {
            let lower = name.to_lowercase();
            assert_eq!(
                crate::core::assessment::is_population(name),
                lower.contains("population"),
                "{name}"
            );
            assert_eq!(
                is_households(name),
                lower == "households" || lower.starts_with("number of households"),
                "{name}"
            );
        }
    }
    use std::collections::BTreeMap;

    type Dump = BTreeMap<String, Vec<String>>;

    fn at(o: &Observation) -> String {
        format!("{:p}", o)
    }

    /// Everything an index answers, for the areas, measures and periods of `data`.
    fn dump(index: &Index, data: &Dataset) -> Dump {
        let mut out = Dump::new();
        out.insert(
            "measures".into(),
            index.measures().map(String::from).collect(),
        );
        out.insert(
            "areas".into(),
            index.areas().map(|(a, l)| format!("{a} {l:?}")).collect(),
        );
        let periods: BTreeSet<Period> = data.observations.iter().map(|o| o.period).collect();
        let areas: BTreeSet<&str> = data.observations.iter().map(|o| o.area.as_str()).collect();
        let measures: BTreeSet<&str> = data
            .observations
            .iter()
            .map(|o| o.measure.as_str())
            .collect();
        for a in &areas {
            out.insert(
                format!("figures {a}"),
                vec![index.figures_of(a).to_string()],
            );
            for p in &periods {
                let population = index.population(a, *p).map(at);
                let households = index.households(a, *p).map(at);
                out.insert(
                    format!("denominators {a} {p:?}"),
                    vec![format!("{population:?} {households:?}")],
                );
            }
            for m in &measures {
                let series = index.series(m, a).map(|s| {
                    s.iter()
                        .map(|(p, o)| format!("{p:?} {}", at(o)))
                        .collect::<Vec<_>>()
                });
                out.insert(format!("series {m} {a}"), series.unwrap_or_default());
                for p in index.breakdown_periods(m, a) {
                    out.insert(
                        format!("parts {m} {a} {p:?}"),
                        index.parts(m, a, p).iter().map(|o| at(o)).collect(),
                    );
                }
            }
        }
        for m in &measures {
            out.insert(
                format!("areas of {m}"),
                index
                    .areas_with_any_level(m)
                    .into_iter()
                    .map(String::from)
                    .collect(),
            );
        }
        out.insert("latest".into(), vec![format!("{:?}", index.latest_end())]);
        out
    }

    /// The index as it was built before it was built in runs: figure by figure.
    fn one_by_one(data: &Dataset) -> Dump {
        let doubtful = doubtful_tables(data);
        let mut levels: BTreeMap<&str, AreaLevel> = BTreeMap::new();
        let mut series: BTreeMap<(&str, &str), BTreeMap<Period, &Observation>> = BTreeMap::new();
        let mut parts: BTreeMap<(&str, &str, Period), Vec<&Observation>> = BTreeMap::new();
        let mut populations: BTreeMap<&str, Vec<&Observation>> = BTreeMap::new();
        let mut households: BTreeMap<&str, Vec<&Observation>> = BTreeMap::new();
        let mut figures: BTreeMap<&str, usize> = BTreeMap::new();
        let mut measures: BTreeSet<&str> = BTreeSet::new();
        for o in &data.observations {
            if doubtful.iter().any(|t| table_holds(t, o)) {
                continue;
            }
            levels.entry(&o.area).or_insert(o.area_level);
            let Some(value) = o.value.number() else {
                continue;
            };
            let additive = o.unit.is_additive();
            if o.category.is_none() && additive && is_households(&o.measure) {
                if value > 0.0 {
                    households.entry(&o.area).or_default().push(o);
                }
                continue;
            }
            if additive && is_population(&o.measure) {
                if o.category.is_none() && value > 0.0 {
                    populations.entry(&o.area).or_default().push(o);
                }
                continue;
            }
            measures.insert(&o.measure);
            match o.category {
                None => {
                    *figures.entry(&o.area).or_default() += 1;
                    series
                        .entry((&o.measure, &o.area))
                        .or_default()
                        .insert(o.period, o);
                }
                Some(_) => parts
                    .entry((&o.measure, &o.area, o.period))
                    .or_default()
                    .push(o),
            }
        }
        // The same questions, answered from these maps.
        let mut out = Dump::new();
        out.insert(
            "measures".into(),
            measures.iter().map(|m| m.to_string()).collect(),
        );
        out.insert(
            "areas".into(),
            levels.iter().map(|(a, l)| format!("{a} {l:?}")).collect(),
        );
        let periods: BTreeSet<Period> = data.observations.iter().map(|o| o.period).collect();
        let areas: BTreeSet<&str> = data.observations.iter().map(|o| o.area.as_str()).collect();
        let all: BTreeSet<&str> = data
            .observations
            .iter()
            .map(|o| o.measure.as_str())
            .collect();
        let fitting = |list: Option<&Vec<&Observation>>, period: Period| {
            let mut list = list.cloned().unwrap_or_default();
            crate::core::sorting::sort_by_key(&mut list, |o| o.period);
            list.iter()
                .rev()
                .find(|o| o.period.start() <= period.end())
                .or_else(|| list.first())
                .map(|o| at(o))
        };
        for a in &areas {
            out.insert(
                format!("figures {a}"),
                vec![figures.get(a).copied().unwrap_or(0).to_string()],
            );
            for p in &periods {
                let population = fitting(populations.get(a), *p);
                let households = fitting(households.get(a), *p);
                out.insert(
                    format!("denominators {a} {p:?}"),
                    vec![format!("{population:?} {households:?}")],
                );
            }
            for m in &all {
                let s = series.get(&(*m, *a)).map(|s| {
                    s.iter()
                        .map(|(p, o)| format!("{p:?} {}", at(o)))
                        .collect::<Vec<_>>()
                });
                out.insert(format!("series {m} {a}"), s.unwrap_or_default());
                for ((pm, pa, p), list) in &parts {
                    if pm == m && pa == a {
                        out.insert(
                            format!("parts {m} {a} {p:?}"),
                            list.iter().map(|o| at(o)).collect(),
                        );
                    }
                }
            }
        }
        for m in &all {
            let of: BTreeSet<&str> = series
                .keys()
                .filter(|(sm, _)| sm == m)
                .map(|(_, a)| *a)
                .collect();
            out.insert(
                format!("areas of {m}"),
                of.into_iter().map(String::from).collect(),
            );
        }
        let latest = series
            .values()
            .filter_map(|s| s.keys().next_back())
            .map(last_month)
            .max();
        out.insert("latest".into(), vec![format!("{latest:?}")]);
        out
    }

    fn sample() -> Dataset {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/public/sample/csp-sample-assessment.dataset.json"
        );
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn built_in_runs_and_slices_it_answers_as_built_figure_by_figure() {
        let sample = sample();
        // The sample as it comes (long runs of one measure and area); its figures
        // interleaved (no two alike in a row); and with its first table in doubt.
        let mut interleaved = sample.clone();
        let n = interleaved.observations.len();
        interleaved.observations = (0..n)
            .map(|i| sample.observations[(i * 7919) % n].clone())
            .collect();
        let mut doubtful = sample.clone();
        doubtful.tables[0].reading.doubts.push("a doubt".into());
        for data in [&sample, &interleaved, &doubtful] {
            let expected = one_by_one(data);
            assert_eq!(dump(&Index::new(data), data), expected);
            for slice in [1, 7, 1000] {
                let mut builder = IndexBuilder::new(data);
                while !builder.add(slice) {}
                assert_eq!(dump(&builder.finish(), data), expected);
            }
        }
    }
}
