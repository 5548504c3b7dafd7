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
    let parts = rest.split(" figures").next().unwrap_or(rest);
    Some(if parts.contains(FROM_FORCES.plural) {
        "police force areas"
    } else {
        "districts"
    })
}

/// How a region's derived cell goes on when its police force areas add up to
/// another figure than its districts do (records no district has, say).
const FORCES_DIFFER: &str = "; its police force areas in the files add up to ";

/// "its police force areas in the files add up to 12,345" when a figure derived
/// from districts could also be added up from forces, to another sum.
pub fn forces_differ(source: &Provenance) -> Option<String> {
    let (_, rest) = source.cell.split_once(FORCES_DIFFER)?;
    let figure = rest.split(')').next().unwrap_or(rest);
    Some(format!(
        "{}{figure}",
        FORCES_DIFFER.trim_start_matches("; ")
    ))
}

/// The county, force, region and country totals the data lack but its
/// districts make up whole; and the region and country totals (England, Wales, England and Wales) the
/// data lack but its police force areas make up whole. Forces are summed only
/// from forces (a force's own figure counts records no district has), and
/// forces of no territory (British Transport Police) and the fraud bodies
/// (Action Fraud, CIFAS, UK Finance) are in no total: they have no ground.
pub fn derived_totals(data: &Dataset, geo: &Geography) -> Vec<Observation> {
    let mut builder = TotalsBuilder::new(&data.observations, geo);
    while !builder.step(usize::MAX) {}
    builder.finish()
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
    into: &[
        Kind::County,
        Kind::Force,
        Kind::Csp,
        Kind::Region,
        Kind::Country,
    ],
    plural: "districts'",
};

const FROM_FORCES: Parts = Parts {
    level: AreaLevel::Force,
    into: &[Kind::Region, Kind::Country],
    plural: "police force areas'",
};

/// A group of figures added up together: the parts' level, the measure and the period.
type GroupKey<'a> = (AreaLevel, &'a str, Period);

/// Every way of adding up, in the order their totals are made.
const ALL_PARTS: [&Parts; 2] = [&FROM_DISTRICTS, &FROM_FORCES];

/// Covering one group (a measure and period) for a parent takes about as long
/// as reading this many figures: one unit of `step` is a figure.
const FIGURES_PER_GROUP: usize = 20;

/// The derived totals worked out a slice at a time, so the page can add them
/// to hundreds of thousands of figures between yields to the browser (issue
/// 17): two passes over the figures (the districts and the parents they make
/// up, then the districts' figures grouped by measure and period), then the
/// covering of each parent, group by group. The result is `derived_totals`'s.
pub struct TotalsBuilder<'a> {
    figures: &'a [Observation],
    geo: &'a Geography,
    stage: TotalsStage,
    next: usize,
    /// The data's districts and partnerships, and its forces, with the
    /// pieces each covers.
    ground: FastMap<(AreaLevel, &'a str), Pieces>,
    /// The wider areas they may make up, each with the way it is added up
    /// (an index into `ALL_PARTS`).
    parents: Vec<(usize, usize)>,
    /// Each area's first level in the data.
    names_in_data: FastMap<&'a str, AreaLevel>,
    /// Every (level, area) the data give, and the last one seen (figures of
    /// one area come together, so a run of them is looked up once).
    levels: FastMap<(AreaLevel, &'a str), ()>,
    last_level: Option<(AreaLevel, &'a str)>,
    /// Areas with a population or household figure of their own.
    own_denominators: FastMap<&'a str, ()>,
    /// The last measure judged a denominator or not (files list a measure's
    /// figures together, so its name is judged once a run).
    judged: Option<(&'a str, bool)>,
    /// The names of the parents, whose whole figures in the data are never remade.
    parent_names: FastMap<&'a str, ()>,
    /// The parts' whole counts by level, measure and period.
    grouped: FastMap<GroupKey<'a>, Vec<&'a Observation>>,
    groups: Vec<(GroupKey<'a>, Vec<&'a Observation>)>,
    /// The (measure, area, period) of every whole figure of a parent's name.
    present: FastMap<(&'a str, &'a str, Period), ()>,
    /// The parent being covered, if it may be: its name, level and pieces.
    covering: Option<(String, AreaLevel, Pieces, &'static Parts)>,
    parent_at: usize,
    /// Each total made, by measure, area and period (the index into `out`):
    /// a region derived from its districts is not made again from its forces.
    made: FastMap<(String, String, Period), usize>,
    out: Vec<Observation>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum TotalsStage {
    Districts,
    Groups,
    Cover,
    Done,
}

impl<'a> TotalsBuilder<'a> {
    pub fn new(figures: &'a [Observation], geo: &'a Geography) -> TotalsBuilder<'a> {
        TotalsBuilder {
            figures,
            geo,
            stage: TotalsStage::Districts,
            next: 0,
            ground: FastMap::default(),
            parents: Vec::new(),
            names_in_data: FastMap::default(),
            own_denominators: FastMap::default(),
            judged: None,
            levels: FastMap::default(),
            last_level: None,
            parent_names: FastMap::default(),
            grouped: FastMap::default(),
            groups: Vec::new(),
            present: FastMap::default(),
            covering: None,
            parent_at: 0,
            made: FastMap::default(),
            out: Vec::new(),
        }
    }

    /// (units done, of all in this pass), for a progress line.
    pub fn progress(&self) -> (usize, usize) {
        match self.stage {
            TotalsStage::Districts => (self.next, 2 * self.figures.len()),
            TotalsStage::Groups => (self.figures.len() + self.next, 2 * self.figures.len()),
            TotalsStage::Cover | TotalsStage::Done => {
                (2 * self.figures.len(), 2 * self.figures.len())
            }
        }
    }

    pub fn is_done(&self) -> bool {
        self.stage == TotalsStage::Done
    }

    /// Does up to `count` units of work (a figure read, or a few groups
    /// covered); `true` once the totals are all made.
    pub fn step(&mut self, count: usize) -> bool {
        let mut left = count;
        while left > 0 && self.stage != TotalsStage::Done {
            match self.stage {
                TotalsStage::Districts => {
                    let end = self.next.saturating_add(left).min(self.figures.len());
                    left -= end - self.next;
                    for o in &self.figures[self.next..end] {
                        self.district(o);
                    }
                    self.next = end;
                    if self.next == self.figures.len() {
                        self.districts_read();
                    }
                }
                TotalsStage::Groups => {
                    let end = self.next.saturating_add(left).min(self.figures.len());
                    left -= end - self.next;
                    for o in &self.figures[self.next..end] {
                        self.group(o);
                    }
                    self.next = end;
                    if self.next == self.figures.len() {
                        self.groups_read();
                    }
                }
                TotalsStage::Cover => {
                    let groups = (left / FIGURES_PER_GROUP).max(1);
                    left = 0;
                    self.cover_groups(groups);
                }
                TotalsStage::Done => {}
            }
        }
        self.is_done()
    }

    fn district(&mut self, o: &'a Observation) {
        let level = (o.area_level, o.area.as_str());
        if self.last_level != Some(level) {
            self.names_in_data.entry(&o.area).or_insert(o.area_level);
            self.levels.insert(level, ());
            self.last_level = Some(level);
        }
        let denominator = match self.judged {
            Some((measure, is)) if measure == o.measure => is,
            _ => {
                let is = is_denominator(&o.measure);
                self.judged = Some((&o.measure, is));
                is
            }
        };
        if denominator {
            self.own_denominators.insert(&o.area, ());
        }
        let Some(way) = ALL_PARTS.iter().position(|p| p.level == o.area_level) else {
            return;
        };
        if self.ground.contains_key(&(o.area_level, o.area.as_str())) {
            return;
        }
        let geo = self.geo;
        // The area as the data mean it: "Durham" among forces is the force,
        // not County Durham.
        let Some(id) = geo
            .candidates(&o.area)
            .into_iter()
            .find(|id| level_of(geo.area(*id)) == o.area_level)
        else {
            return;
        };
        let Some(pieces) = geo.pieces_of(id) else {
            return;
        };
        let partnerships = geo.combined_partnerships_of(id);
        for p in geo.containing(id).into_iter().chain(partnerships) {
            if ALL_PARTS[way].into.contains(&geo.area(p).kind) && !self.parents.contains(&(p, way))
            {
                self.parents.push((p, way));
            }
        }
        self.ground.insert((o.area_level, &o.area), pieces);
    }

    fn districts_read(&mut self) {
        // A whole is made up of two parts or more: a level the data give
        // fewer areas of makes no totals.
        let ground = &self.ground;
        let enough = |way: usize| {
            ground
                .keys()
                .filter(|(level, _)| *level == ALL_PARTS[way].level)
                .nth(1)
                .is_some()
        };
        let ways: Vec<bool> = (0..ALL_PARTS.len()).map(enough).collect();
        self.parents.retain(|(_, way)| ways[*way]);
        if self.parents.is_empty() {
            self.stage = TotalsStage::Done;
            return;
        }
        let geo = self.geo;
        for (p, _) in &self.parents {
            self.parent_names.insert(geo.area(*p).name.as_str(), ());
        }
        self.stage = TotalsStage::Groups;
        self.next = 0;
    }

    fn group(&mut self, o: &'a Observation) {
        if o.category.is_some() {
            return;
        }
        // The districts' whole figures (counts only), grouped by measure and
        // period, each group in the data's order. Grouped by hash, then only
        // the groups sorted.
        if o.unit == Unit::Count
            && o.value.number().is_some()
            && self.ground.contains_key(&(o.area_level, o.area.as_str()))
        {
            self.grouped
                .entry((o.area_level, o.measure.as_str(), o.period))
                .or_default()
                .push(o);
        }
        if self.parent_names.contains_key(o.area.as_str()) {
            self.present
                .insert((o.measure.as_str(), o.area.as_str(), o.period), ());
        }
    }

    fn groups_read(&mut self) {
        let mut groups: Vec<_> = std::mem::take(&mut self.grouped).into_iter().collect();
        crate::core::sorting::sort_by(&mut groups, |a, b| a.0.cmp(&b.0));
        self.groups = groups;
        // The districts' totals before the forces'; counties before forces:
        // where a county and a force share a name (Kent), the county is the
        // one a district is compared with.
        let geo = self.geo;
        crate::core::sorting::sort_by_key(&mut self.parents, |(p, way)| {
            (*way, geo.area(*p).kind, geo.area(*p).name.clone())
        });
        self.parents.dedup();
        self.stage = TotalsStage::Cover;
        self.parent_at = 0;
        self.next = 0;
        self.covering = None;
        self.start_parent();
    }

    /// Moves to the next parent that may be covered (or to the end).
    fn start_parent(&mut self) {
        let geo = self.geo;
        while self.parent_at < self.parents.len() {
            let (parent, way) = self.parents[self.parent_at];
            let area = geo.area(parent);
            // A name the data give to another kind of area (Kent the force,
            // among forces) cannot also be the derived county.
            let clash = self
                .names_in_data
                .get(area.name.as_str())
                .is_some_and(|level| *level != level_of(area));
            if !clash {
                if let Some(whole) = geo.pieces_of(parent) {
                    self.covering =
                        Some((area.name.clone(), level_of(area), whole, ALL_PARTS[way]));
                    self.next = 0;
                    return;
                }
            }
            self.parent_at += 1;
        }
        self.stage = TotalsStage::Done;
    }

    fn cover_groups(&mut self, count: usize) {
        let Some((name, level, whole, way)) = &self.covering else {
            self.stage = TotalsStage::Done;
            return;
        };
        let kind = self.geo.area(self.parents[self.parent_at].0).kind;
        let end = self.next.saturating_add(count).min(self.groups.len());
        for ((parts_level, _, _), list) in &self.groups[self.next..end] {
            if *parts_level != way.level || (is_denominator(&list[0].measure) && kind != Kind::Csp)
            {
                continue;
            }
            let key = (list[0].measure.as_str(), name.as_str(), list[0].period);
            if self.present.contains_key(&key) {
                continue;
            }
            let Some(parts) = cover(list, &self.ground, whole) else {
                continue;
            };
            let made = (list[0].measure.clone(), name.clone(), list[0].period);
            match self.made.get(&made) {
                // Made from the districts: the forces' sum is said where it differs.
                Some(&at) => {
                    let sum: f64 = parts.iter().filter_map(|o| o.value.number()).sum();
                    let first = &mut self.out[at];
                    if first.value.number() != Some(sum) && forces_differ(&first.source).is_none() {
                        first.source.cell = first.source.cell.replacen(
                            "):",
                            &format!("{FORCES_DIFFER}{}):", crate::core::format::count(sum)),
                            1,
                        );
                    }
                }
                None => {
                    self.made.insert(made, self.out.len());
                    self.out.push(sum_of(&parts, name, *level, way.plural));
                }
            }
        }
        self.next = end;
        if self.next == self.groups.len() {
            self.parent_at += 1;
            self.start_parent();
        }
    }

    /// The totals, once any work not yet stepped through is done.
    pub fn finish(self) -> Vec<Observation> {
        self.finish_with_areas().0
    }

    /// The totals; each area of the data with its first level and whether
    /// it has a population or household figure of its own, in name order; and
    /// every (level, area) the data give, in that order.
    #[allow(clippy::type_complexity)]
    pub fn finish_with_areas(
        mut self,
    ) -> (
        Vec<Observation>,
        Vec<(String, AreaLevel, bool)>,
        Vec<(AreaLevel, String)>,
    ) {
        while !self.step(usize::MAX) {}
        let mut levels: Vec<(AreaLevel, String)> = self
            .levels
            .keys()
            .map(|(level, area)| (*level, area.to_string()))
            .collect();
        crate::core::sorting::sort_by(&mut levels, |a, b| a.cmp(b));
        let mut areas: Vec<(String, AreaLevel, bool)> = self
            .names_in_data
            .iter()
            .map(|(area, level)| {
                (
                    area.to_string(),
                    *level,
                    self.own_denominators.contains_key(area),
                )
            })
            .collect();
        crate::core::sorting::sort_by(&mut areas, |a, b| a.0.cmp(&b.0));
        (self.out, areas, levels)
    }
}

fn is_denominator(measure: &str) -> bool {
    super::is_population(measure) || super::index::is_households(measure)
}

/// Areas that cover the whole exactly, smallest first, none overlapping.
fn cover<'a>(
    list: &[&'a Observation],
    ground: &FastMap<(AreaLevel, &str), Pieces>,
    whole: &Pieces,
) -> Option<Vec<&'a Observation>> {
    fn pieces_of<'g, 'k>(
        ground: &'g FastMap<(AreaLevel, &'k str), Pieces>,
        o: &'k Observation,
    ) -> &'g Pieces {
        &ground[&(o.area_level, o.area.as_str())]
    }
    let mut inside: Vec<&Observation> = list
        .iter()
        .copied()
        .filter(|o| pieces_of(ground, o).is_subset(whole))
        .collect();
    crate::core::sorting::sort_by(&mut inside, |a, b| {
        (pieces_of(ground, a).len(), &a.area).cmp(&(pieces_of(ground, b).len(), &b.area))
    });
    let mut covered = Pieces::default();
    let mut parts = Vec::new();
    for o in inside {
        let pieces = pieces_of(ground, o);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dataset::Provenance;

    fn figure(measure: &str, area: &str, level: AreaLevel, year: i32, value: f64) -> Observation {
        Observation {
            measure: measure.into(),
            category: None,
            area: area.into(),
            area_level: level,
            period: Period::calendar_year(year),
            value: Value::Number(value),
            unit: Unit::Count,
            source: Provenance {
                file: "a.csv".into(),
                sheet: "CSV".into(),
                cell: format!("B{}", value as i64),
            },
        }
    }

    /// Kent's districts and Medway (the force), the partnership of Dartford
    /// and Gravesham, populations, a measure the file totals itself, and
    /// breakdowns: every kind of figure the passes read.
    fn kent() -> Vec<Observation> {
        let districts = [
            "Ashford",
            "Canterbury",
            "Dartford",
            "Dover",
            "Gravesham",
            "Maidstone",
            "Sevenoaks",
            "Folkestone and Hythe",
            "Swale",
            "Thanet",
            "Tonbridge and Malling",
            "Tunbridge Wells",
            "Medway",
        ];
        let mut out = Vec::new();
        let mut n = 1.0;
        for measure in ["Burglary", "Population", "Thefts 1", "Thefts 2"] {
            for year in [2015, 2016] {
                for d in districts {
                    n += 1.0;
                    out.push(figure(measure, d, AreaLevel::District, year, n));
                }
                if measure == "Thefts 2" {
                    out.push(figure(measure, "Kent", AreaLevel::County, year, 1.0));
                }
            }
        }
        let mut part = figure("Burglary", "Ashford", AreaLevel::District, 2015, 3.0);
        part.category = Some("Dwelling".into());
        out.push(part);
        out
    }

    #[test]
    fn made_a_few_figures_at_a_time_the_totals_are_those_made_in_one_go() {
        let geo = crate::core::geography::national();
        let figures = kent();
        let whole = derived_totals(
            &Dataset {
                observations: figures.clone(),
                ..Dataset::default()
            },
            geo,
        );
        // Kent (not for Thefts 2, which the file totals), the force, and the
        // partnership of Dartford and Gravesham with its population.
        assert!(whole
            .iter()
            .any(|o| o.area == "Kent" && o.measure == "Burglary"));
        assert!(!whole
            .iter()
            .any(|o| o.area == "Kent" && o.measure == "Thefts 2"));
        assert!(whole
            .iter()
            .any(|o| o.area == "Dartford and Gravesham" && o.measure == "Population"));
        for count in [1, 3, 20, 21, 1000] {
            let mut builder = TotalsBuilder::new(&figures, geo);
            let mut steps = 0;
            let mut last = (0, 0);
            while !builder.step(count) {
                steps += 1;
                let now = builder.progress();
                assert!(
                    now >= last && now.0 <= now.1,
                    "progress {now:?} after {last:?}"
                );
                last = now;
            }
            assert_eq!(builder.finish(), whole, "{count} a step");
            assert!(
                count > 1000 || steps >= figures.len() / count,
                "{count} a step: {steps} steps"
            );
        }
    }
}
