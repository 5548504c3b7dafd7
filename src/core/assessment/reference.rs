//! The imported data with what the built-in reference adds: county and force
//! totals derived from whole sets of districts, and populations and households
//! for areas whose files carry none. A population in the user's files wins:
//! an area with any population or household figure of its own gets none built in.

use super::derived::TotalsBuilder;
use super::fast_hash::FastMap;
use super::{index::is_households, is_population};
use crate::core::areas::{level_of, AreaLevel};
use crate::core::dataset::{Dataset, Observation, Provenance, Unit, Value};
use crate::core::geography::population::{Population, HOUSEHOLDS_SOURCE};
use crate::core::geography::Geography;
use crate::core::period::Period;
use std::borrow::Cow;

/// The measure names built-in denominators are given under.
pub const POPULATION_MEASURE: &str = "Population";
pub const HOUSEHOLDS_MEASURE: &str = "Households";

/// The data as the assessment reads it; borrowed unchanged when nothing is added.
pub fn with_reference<'a>(
    data: &'a Dataset,
    geo: &Geography,
    population: Option<&Population>,
) -> Cow<'a, Dataset> {
    let added = Reference::of(data, geo).added(geo, population);
    if added.is_empty() {
        return Cow::Borrowed(data);
    }
    let mut data = data.clone();
    data.observations.extend(added);
    Cow::Owned(data)
}

/// Whether the data have an area the built-in populations could give a rate to,
/// so the browser fetches them only then.
pub fn needs_population(data: &Dataset, geo: &Geography) -> bool {
    Reference::of(data, geo).needs_population(geo)
}

/// What the built-in reference adds to a dataset, worked out once per dataset
/// and geography: the derived totals, and the data's areas (each with its
/// first level and whether it has a denominator of its own), from which the
/// built-in denominators follow without reading the figures again when the
/// populations arrive.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reference {
    pub totals: Vec<Observation>,
    /// The data's areas in name order: first level, and whether it has a
    /// population or household figure of its own.
    areas: Vec<(String, AreaLevel, bool)>,
    /// Every (level, area) the data give, in that order.
    levels: Vec<(AreaLevel, String)>,
}

/// `Reference` worked out a slice of figures at a time (`derived::TotalsBuilder`).
pub struct ReferenceBuilder<'a> {
    totals: TotalsBuilder<'a>,
}

impl<'a> ReferenceBuilder<'a> {
    pub fn new(data: &'a Dataset, geo: &'a Geography) -> ReferenceBuilder<'a> {
        ReferenceBuilder {
            totals: TotalsBuilder::new(&data.observations, geo),
        }
    }

    /// Does up to `count` units of work (about a figure's worth each); `true` once done.
    pub fn step(&mut self, count: usize) -> bool {
        self.totals.step(count)
    }

    /// (done, of all), for a progress line.
    pub fn progress(&self) -> (usize, usize) {
        self.totals.progress()
    }

    pub fn finish(self) -> Reference {
        let (totals, areas, levels) = self.totals.finish_with_areas();
        Reference {
            totals,
            areas,
            levels,
        }
    }
}

impl Reference {
    /// Worked out in one go.
    pub fn of(data: &Dataset, geo: &Geography) -> Reference {
        ReferenceBuilder::new(data, geo).finish()
    }

    /// Every area of the data and its level, as `Dataset::areas_with_levels`
    /// lists them, without reading the figures again.
    pub fn data_areas_with_levels(&self) -> Vec<(String, AreaLevel)> {
        self.levels
            .iter()
            .map(|(level, area)| (area.clone(), *level))
            .collect()
    }

    /// As `data_areas_with_levels`, with the areas of the derived totals and
    /// of `denominators` (the built-in ones) too: `Figures::areas_with_levels`.
    pub fn areas_with_levels(&self, denominators: &[Observation]) -> Vec<(String, AreaLevel)> {
        let mut all: std::collections::BTreeSet<(AreaLevel, &str)> = self
            .levels
            .iter()
            .map(|(level, area)| (*level, area.as_str()))
            .collect();
        for o in self.totals.iter().chain(denominators) {
            all.insert((o.area_level, o.area.as_str()));
        }
        all.into_iter().map(|(l, a)| (a.to_string(), l)).collect()
    }

    /// Whether the data have an area the built-in populations could give a
    /// rate to, so the browser fetches them only then.
    pub fn needs_population(&self, geo: &Geography) -> bool {
        self.areas
            .iter()
            .filter(|(_, _, own)| !own)
            .any(|(area, level, _)| {
                geo.candidates(area)
                    .iter()
                    .any(|id| level_of(geo.area(*id)) == *level)
            })
    }

    /// The derived totals, then (with the populations) the built-in
    /// denominators of the areas that have none of their own.
    pub fn added(&self, geo: &Geography, population: Option<&Population>) -> Vec<Observation> {
        let mut added = self.totals.clone();
        if let Some(population) = population {
            added.extend(self.denominators(geo, population));
        }
        added
    }

    /// The built-in populations and households of the areas (the data's and
    /// the derived totals') with no figure of their own.
    pub fn denominators(&self, geo: &Geography, population: &Population) -> Vec<Observation> {
        built_in_denominators(&self.areas_without_denominators(), geo, population)
    }

    /// The areas with no population or household figure of their own, each at
    /// the first level the data (then the derived totals) give it, in name order.
    fn areas_without_denominators(&self) -> Vec<(&str, AreaLevel)> {
        let mut own: FastMap<&str, ()> = FastMap::default();
        let mut first: FastMap<&str, AreaLevel> = FastMap::default();
        for (area, level, has) in &self.areas {
            first.insert(area, *level);
            if *has {
                own.insert(area, ());
            }
        }
        for o in &self.totals {
            if is_population(&o.measure) || is_households(&o.measure) {
                own.insert(&o.area, ());
            }
            first.entry(&o.area).or_insert(o.area_level);
        }
        let mut all: Vec<(&str, AreaLevel)> = first
            .into_iter()
            .filter(|(area, _)| !own.contains_key(area))
            .collect();
        crate::core::sorting::sort_by(&mut all, |a, b| a.0.cmp(b.0));
        all
    }
}

fn built_in_denominators(
    areas: &[(&str, AreaLevel)],
    geo: &Geography,
    population: &Population,
) -> Vec<Observation> {
    let mut out = Vec::new();
    for &(area, level) in areas {
        // The area as the data mean it: "Kent" among forces is the force.
        let Some(id) = geo
            .candidates(area)
            .into_iter()
            .find(|id| level_of(geo.area(*id)) == level)
        else {
            continue;
        };
        if let Ok(estimates) = population.people(geo, id) {
            for e in estimates {
                out.push(denominator(
                    POPULATION_MEASURE,
                    area,
                    level,
                    Period::month(i32::from(e.year), 6),
                    e.value,
                    Provenance {
                        file: format!("ONS mid-{} estimate (built in)", e.year),
                        sheet: e.series.to_string(),
                        cell: e.from,
                    },
                ));
            }
        }
        if let Ok(h) = population.households_of(geo, id) {
            out.push(denominator(
                HOUSEHOLDS_MEASURE,
                area,
                level,
                Period::month(2021, 3),
                h.value,
                Provenance {
                    file: "Census 2021 households (built in)".to_string(),
                    sheet: HOUSEHOLDS_SOURCE.to_string(),
                    cell: h.from,
                },
            ));
        }
    }
    out
}

fn denominator(
    measure: &str,
    area: &str,
    level: AreaLevel,
    period: Period,
    value: f64,
    source: Provenance,
) -> Observation {
    Observation {
        measure: measure.to_string(),
        category: None,
        area: area.to_string(),
        area_level: level,
        period,
        value: Value::Number(value),
        unit: Unit::Count,
        source,
    }
}
