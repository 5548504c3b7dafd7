//! Totals derived when a file has every district of a county, a force or a
//! partnership of several districts (Dartford and Gravesham) but no row for it:
//! the sum of the districts, labelled as derived wherever it is quoted. Never
//! made where the file has the total, and never from districts that overlap (a
//! partnership and one of its districts). A partnership's population and
//! households are summed too where each of its districts has them in the files,
//! so its rate divides like by like; a county's come from its own row or the
//! built-in estimates.

use super::fast_hash::FastMap;
use crate::core::areas::{level_of, AreaLevel};
use crate::core::dataset::{Dataset, Observation, Provenance, Unit, Value};
use crate::core::geography::{Geography, Kind, Pieces};
use crate::core::period::Period;

/// How a derived figure's cell begins, so findings can say it was added up.
pub const DERIVED: &str = "derived: the sum of";

/// Whether a figure was added up from districts rather than read from a cell.
pub fn is_derived(source: &Provenance) -> bool {
    source.cell.starts_with(DERIVED)
}

/// What a derived figure was added up from, as running text: "districts",
/// "police force areas"; `None` for a figure read from a cell.
pub fn summed_from(source: &Provenance) -> Option<&'static str> {
    let rest = source.cell.strip_prefix(DERIVED)?;
    Some(if rest.contains(FROM_FORCES.plural) {
        "police force areas"
    } else {
        "districts"
    })
}

/// The county and force totals the data lack but its districts make up whole;
/// and the region and country totals (England, Wales, England and Wales) the
/// data lack but its police force areas make up whole. Forces are summed only
/// from forces (a force's own figure counts records no district has), and
/// forces of no territory (British Transport Police) and the fraud bodies
/// (Action Fraud, CIFAS, UK Finance) are in no total: they have no ground.
pub fn derived_totals(data: &Dataset, geo: &Geography) -> Vec<Observation> {
    let mut out = derived_from(data, geo, &FROM_DISTRICTS);
    out.extend(derived_from(data, geo, &FROM_FORCES));
    out
}

/// Which areas of the data are added up into which wider areas.
struct Parts {
    /// The level of the data's areas that are added up.
    level: AreaLevel,
    /// The kinds of area they are added up into.
    into: &'static [Kind],
    /// How a derived cell names them: "11 districts' figures".
    plural: &'static str,
}

const FROM_DISTRICTS: Parts = Parts {
    level: AreaLevel::District,
    into: &[Kind::County, Kind::Force, Kind::Csp],
    plural: "districts'",
};

const FROM_FORCES: Parts = Parts {
    level: AreaLevel::Force,
    into: &[Kind::Region, Kind::Country],
    plural: "police force areas'",
};

fn derived_from(data: &Dataset, geo: &Geography, parts_of: &Parts) -> Vec<Observation> {
    // The data's areas at that level, with the pieces each covers.
    let mut ground: FastMap<&str, Pieces> = FastMap::default();
    let mut parents: Vec<usize> = Vec::new();
    let mut names_in_data: FastMap<&str, AreaLevel> = FastMap::default();
    for o in &data.observations {
        names_in_data.entry(&o.area).or_insert(o.area_level);
        if o.area_level != parts_of.level || ground.contains_key(o.area.as_str()) {
            continue;
        }
        // The area as the data mean it: "Durham" among forces is the force,
        // not County Durham.
        let Some(id) = geo
            .candidates(&o.area)
            .into_iter()
            .find(|id| level_of(geo.area(*id)) == parts_of.level)
        else {
            continue;
        };
        let Some(pieces) = geo.pieces_of(id) else {
            continue;
        };
        let partnerships = geo.combined_partnerships_of(id);
        for p in geo.containing(id).into_iter().chain(partnerships) {
            if parts_of.into.contains(&geo.area(p).kind) && !parents.contains(&p) {
                parents.push(p);
            }
        }
        ground.insert(&o.area, pieces);
    }
    if ground.len() < 2 {
        return Vec::new();
    }
    // The parts' whole figures (counts only), grouped by measure and
    // period: in the order of (measure, period), each group in the data's
    // order. Grouped by hash, then only the groups sorted: this runs on every
    // change to the data, over every figure of thousands of measures.
    let mut grouped: FastMap<(&str, Period), Vec<&Observation>> = FastMap::default();
    for o in data.observations.iter().filter(|o| {
        o.category.is_none()
            && o.unit == Unit::Count
            && o.value.number().is_some()
            && ground.contains_key(o.area.as_str())
    }) {
        grouped
            .entry((o.measure.as_str(), o.period))
            .or_default()
            .push(o);
    }
    let mut groups: Vec<((&str, Period), Vec<&Observation>)> = grouped.into_iter().collect();
    crate::core::sorting::sort_by(&mut groups, |a, b| a.0.cmp(&b.0));
    // The (measure, area, period) of every whole figure, so a total is never remade.
    let mut present: FastMap<(&str, &str, Period), ()> = FastMap::default();
    present.reserve(data.observations.len());
    for o in data.observations.iter().filter(|o| o.category.is_none()) {
        present.insert((o.measure.as_str(), o.area.as_str(), o.period), ());
    }
    let mut out = Vec::new();
    let mut named: Vec<String> = Vec::new();
    // Counties before forces: where a county and a force share a name (Kent),
    // the county is the one a district is compared with.
    crate::core::sorting::sort_by_key(&mut parents, |p| {
        (geo.area(*p).kind, geo.area(*p).name.clone())
    });
    parents.dedup();
    for parent in parents {
        let area = geo.area(parent);
        // A name the data give to another kind of area (Kent the force, among
        // forces) cannot also be the derived county.
        let clash = names_in_data
            .get(area.name.as_str())
            .is_some_and(|level| *level != level_of(area));
        if clash || named.contains(&area.name) {
            continue;
        }
        let Some(whole) = geo.pieces_of(parent) else {
            continue;
        };
        let before = out.len();
        for (_, list) in &groups {
            if is_denominator(&list[0].measure) && area.kind != Kind::Csp {
                continue;
            }
            let key = (list[0].measure.as_str(), area.name.as_str(), list[0].period);
            if present.contains_key(&key) {
                continue;
            }
            if let Some(parts) = cover(list, &ground, &whole) {
                out.push(sum_of(&parts, &area.name, level_of(area), parts_of.plural));
            }
        }
        if out.len() > before {
            named.push(area.name.clone());
        }
    }
    out
}

fn is_denominator(measure: &str) -> bool {
    super::is_population(measure) || super::index::is_households(measure)
}

/// Areas that cover the whole exactly, smallest first, none overlapping.
fn cover<'a>(
    list: &[&'a Observation],
    ground: &FastMap<&str, Pieces>,
    whole: &Pieces,
) -> Option<Vec<&'a Observation>> {
    let mut inside: Vec<&Observation> = list
        .iter()
        .copied()
        .filter(|o| ground[o.area.as_str()].is_subset(whole))
        .collect();
    crate::core::sorting::sort_by(&mut inside, |a, b| {
        (ground[a.area.as_str()].len(), &a.area).cmp(&(ground[b.area.as_str()].len(), &b.area))
    });
    let mut covered = Pieces::default();
    let mut parts = Vec::new();
    for o in inside {
        let pieces = &ground[o.area.as_str()];
        if pieces.is_disjoint(&covered) {
            covered.union_with(pieces);
            parts.push(o);
        }
    }
    (covered == *whole && parts.len() > 1).then_some(parts)
}

fn sum_of(parts: &[&Observation], name: &str, level: AreaLevel, plural: &str) -> Observation {
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
                "{DERIVED} {} {plural} figures (no {name} row in the file): {cells}",
                parts.len()
            ),
        },
    }
}
