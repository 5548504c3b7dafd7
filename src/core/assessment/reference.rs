//! The imported data with what the built-in reference adds: county and force
//! totals derived from whole sets of districts, and populations and households
//! for areas whose files carry none. A population in the user's files wins:
//! an area with any population or household figure of its own gets none built in.

use super::derived::derived_totals;
use super::fast_hash::FastMap;
use super::{index::is_households, is_population};
use crate::core::areas::level_of;
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
    let mut added = derived_totals(data, geo);
    if let Some(population) = population {
        added.extend(built_in_denominators(data, &added, geo, population));
    }
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
    areas_without_denominators(data, &[])
        .iter()
        .any(|(area, level)| {
            geo.candidates(area)
                .iter()
                .any(|id| level_of(geo.area(*id)) == *level)
        })
}

/// The data's areas with no population or household figure of their own, each
/// at the first level the data give it (as the index keeps), in name order.
/// One pass with hash look-ups: this runs on every change to the data, over
/// every figure of a workbook of thousands of measures.
fn areas_without_denominators<'a>(
    data: &'a Dataset,
    added: &'a [Observation],
) -> Vec<(&'a str, crate::core::areas::AreaLevel)> {
    let mut own: FastMap<&str, ()> = FastMap::default();
    let mut first: FastMap<&str, crate::core::areas::AreaLevel> = FastMap::default();
    // Files list a measure's figures together: its name is judged once a run.
    let mut judged: Option<(&str, bool)> = None;
    for o in data.observations.iter().chain(added) {
        let denominator = match judged {
            Some((measure, is)) if measure == o.measure => is,
            _ => {
                let is = is_population(&o.measure) || is_households(&o.measure);
                judged = Some((&o.measure, is));
                is
            }
        };
        if denominator {
            own.insert(&o.area, ());
        }
        first.entry(&o.area).or_insert(o.area_level);
    }
    let mut all: Vec<(&str, crate::core::areas::AreaLevel)> = first
        .into_iter()
        .filter(|(area, _)| !own.contains_key(area))
        .collect();
    crate::core::sorting::sort_by(&mut all, |a, b| a.0.cmp(b.0));
    all
}

fn built_in_denominators(
    data: &Dataset,
    added: &[Observation],
    geo: &Geography,
    population: &Population,
) -> Vec<Observation> {
    let mut out = Vec::new();
    for (area, level) in areas_without_denominators(data, added) {
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
    level: crate::core::areas::AreaLevel,
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
