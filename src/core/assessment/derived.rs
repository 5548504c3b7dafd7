//! Totals derived when a file has every district of a county or force but no
//! row for the county or force itself: the sum of the districts, labelled as
//! derived wherever it is quoted. Never made where the file has the total, and
//! never from districts that overlap (a partnership and one of its districts).

use crate::core::areas::{level_of, AreaLevel};
use crate::core::dataset::{Dataset, Observation, Provenance, Unit, Value};
use crate::core::geography::{Geography, Kind};
use crate::core::period::Period;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// How a derived figure's cell begins, so findings can say it was added up.
pub const DERIVED: &str = "derived: the sum of";

/// Whether a figure was added up from districts rather than read from a cell.
pub fn is_derived(source: &Provenance) -> bool {
    source.cell.starts_with(DERIVED)
}

/// The county and force totals the data lack but its districts make up whole.
pub fn derived_totals(data: &Dataset, geo: &Geography) -> Vec<Observation> {
    // The data's districts and partnerships, with the pieces each covers.
    let mut ground: HashMap<&str, BTreeSet<usize>> = HashMap::new();
    let mut parents: BTreeSet<usize> = BTreeSet::new();
    let mut names_in_data: HashMap<&str, AreaLevel> = HashMap::new();
    for o in &data.observations {
        names_in_data.entry(&o.area).or_insert(o.area_level);
        if o.area_level != AreaLevel::District || ground.contains_key(o.area.as_str()) {
            continue;
        }
        let Some(id) = geo.find(&o.area) else {
            continue;
        };
        let Some(pieces) = geo.pieces_of(id) else {
            continue;
        };
        parents.extend(
            geo.containing(id)
                .into_iter()
                .filter(|p| matches!(geo.area(*p).kind, Kind::County | Kind::Force)),
        );
        ground.insert(&o.area, pieces);
    }
    if ground.len() < 2 {
        return Vec::new();
    }
    // (measure, period) → district → its whole figure, counts only.
    let mut figures: BTreeMap<(&str, Period), Vec<&Observation>> = BTreeMap::new();
    let mut totals_present: HashSet<(&str, &str, Period)> = HashSet::new();
    for o in &data.observations {
        if o.category.is_some() {
            continue;
        }
        totals_present.insert((&o.measure, &o.area, o.period));
        if o.unit == Unit::Count
            && o.value.number().is_some()
            && ground.contains_key(o.area.as_str())
            && !super::is_population(&o.measure)
        {
            figures.entry((&o.measure, o.period)).or_default().push(o);
        }
    }
    let mut out = Vec::new();
    let mut named: HashSet<String> = HashSet::new();
    // Counties before forces: where a county and a force share a name (Kent),
    // the county is the one a district is compared with.
    let mut parents: Vec<usize> = parents.into_iter().collect();
    parents.sort_by_key(|p| (geo.area(*p).kind, geo.area(*p).name.clone()));
    for parent in parents {
        let area = geo.area(parent);
        // A name the data give to another kind of area (Kent the force, among
        // forces) cannot also be the derived county.
        let clash = names_in_data
            .get(area.name.as_str())
            .is_some_and(|level| *level != level_of(area));
        if clash || !named.insert(area.name.clone()) {
            continue;
        }
        let Some(whole) = geo.pieces_of(parent) else {
            continue;
        };
        let mut made = 0;
        for ((measure, period), list) in &figures {
            if totals_present.contains(&(measure, area.name.as_str(), *period)) {
                continue;
            }
            let Some(parts) = cover(list, &ground, &whole) else {
                continue;
            };
            out.push(sum_of(&parts, &area.name, level_of(area)));
            made += 1;
        }
        if made == 0 {
            named.remove(&area.name);
        }
    }
    out
}

/// Districts that cover the whole exactly, smallest first, none overlapping.
fn cover<'a>(
    list: &[&'a Observation],
    ground: &HashMap<&str, BTreeSet<usize>>,
    whole: &BTreeSet<usize>,
) -> Option<Vec<&'a Observation>> {
    let mut inside: Vec<&Observation> = list
        .iter()
        .copied()
        .filter(|o| ground[o.area.as_str()].is_subset(whole))
        .collect();
    inside.sort_by_key(|o| (ground[o.area.as_str()].len(), o.area.clone()));
    let mut covered: BTreeSet<usize> = BTreeSet::new();
    let mut parts = Vec::new();
    for o in inside {
        let pieces = &ground[o.area.as_str()];
        if pieces.is_disjoint(&covered) {
            covered.extend(pieces.iter().copied());
            parts.push(o);
        }
    }
    (covered == *whole && parts.len() > 1).then_some(parts)
}

fn sum_of(parts: &[&Observation], name: &str, level: AreaLevel) -> Observation {
    let first = parts[0];
    let value: f64 = parts.iter().filter_map(|o| o.value.number()).sum();
    let same_sheet = parts
        .iter()
        .all(|o| o.source.file == first.source.file && o.source.sheet == first.source.sheet);
    let cells: Vec<&str> = parts.iter().map(|o| o.source.cell.as_str()).collect();
    let cells = if same_sheet && cells.len() <= 12 {
        cells.join(", ")
    } else {
        format!("{} and {} other cells", cells[0], cells.len() - 1)
    };
    Observation {
        measure: first.measure.clone(),
        category: None,
        area: name.to_string(),
        area_level: level,
        period: first.period,
        value: Value::Number(value),
        unit: Unit::Count,
        source: Provenance {
            file: first.source.file.clone(),
            sheet: first.source.sheet.clone(),
            cell: format!(
                "{DERIVED} {} districts' figures (no {name} row in the file): {cells}",
                parts.len()
            ),
        },
    }
}
