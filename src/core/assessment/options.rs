//! What the officer chooses for an assessment: the local area, the reporting
//! period, what it is compared with. Every choice has a default a user would expect.

use super::index::{last_month, Index};
use crate::core::areas::{self, AreaLevel};
use crate::core::date::Date;
use crate::core::geography::{self, Geography, Kind};
use serde::{Deserialize, Serialize};

/// What the current period is compared with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Comparison {
    /// The period of the same length just before (last year, for a year).
    #[default]
    PreviousPeriod,
    /// The same period a number of years earlier.
    YearsEarlier(u8),
}

/// The officer's choices, as stored. `None` means "the default".
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Options {
    pub area: Option<String>,
    /// The area the local figures are compared with (normally the county).
    pub county: Option<String>,
    /// Which areas the local area is ranked among, as stored before peer groups.
    pub peer_level: Option<AreaLevel>,
    /// Which areas the local area is ranked among; `None` = the districts of the
    /// area it is compared with, where the geography knows them.
    pub peers: Option<PeerGroup>,
    /// Assess periods ending no later than this month (a month index); `None` = the latest.
    pub period_end: Option<i64>,
    pub comparison: Comparison,
    /// Baseline years, first and last inclusive (the year each period starts in);
    /// `None` = the first five years on file.
    pub baseline: Option<(i32, i32)>,
    /// The year the plan starts (2016 for 2016/17); `None` = the financial year after the data.
    pub plan_year: Option<i32>,
}

/// The choices with every default filled in from the data.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Resolved {
    pub area: String,
    pub county: Option<String>,
    pub peer_level: AreaLevel,
    /// The areas of the data the local area is ranked among, when a group rather
    /// than every area at its level; with the words for them ("districts in Kent").
    pub peers: Option<PeerSet>,
    /// When ranking among every area at a level (`peers` is `None`): the areas
    /// at that level left out because their ground overlaps the local area's or
    /// another's (see `without_overlaps`).
    pub overlapping: Vec<String>,
    pub period_end: i64,
    pub comparison: Comparison,
    pub baseline: Option<(i32, i32)>,
    pub plan_year: i32,
}

/// Which areas to rank among.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PeerGroup {
    /// Every area at this level in the files.
    Level(AreaLevel),
    /// The districts and partnerships of the files that lie in this county,
    /// force area or region (by name): districts, or for a partnership of
    /// several districts, the partnerships (see `without_overlaps`).
    Within(String),
    /// The community safety partnerships of the files in this county, force
    /// area or region: a partnership of several districts in place of its districts.
    PartnershipsWithin(String),
    /// A list the user gave (the partnership's most similar group, say).
    Imported { name: String, members: Vec<String> },
}

/// A peer group resolved against the data.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PeerSet {
    /// "districts in Kent", "areas in Most similar group".
    pub label: String,
    /// Area names as the data have them, the local area among them.
    pub members: Vec<String>,
}

impl PeerGroup {
    /// A group from a pasted list of names or codes, one a line or comma-separated,
    /// each recognised as the files' areas are; with the entries not recognised.
    pub fn imported(name: &str, text: &str) -> (PeerGroup, Vec<String>) {
        let mut members = Vec::new();
        let mut unknown = Vec::new();
        for entry in text.split(['\n', ',', ';', '\t']).map(str::trim) {
            if entry.is_empty() {
                continue;
            }
            let (canonical, level) = areas::normalise(entry);
            if level == AreaLevel::Other {
                unknown.push(entry.to_string());
            }
            if !members.contains(&canonical) {
                members.push(canonical);
            }
        }
        let name = match name.trim() {
            "" => "the imported group".to_string(),
            n => n.to_string(),
        };
        (PeerGroup::Imported { name, members }, unknown)
    }
}

impl Options {
    /// Fills the defaults; `None` when the dataset has nothing to assess.
    pub fn resolve(&self, index: &Index, preferred_area: &str) -> Option<Resolved> {
        let areas: Vec<(&str, AreaLevel)> = index.areas().collect();
        let has = |name: &str| areas.iter().any(|(a, _)| *a == name);
        // The chosen area as the data name it: "Kent" in a file of forces is
        // Kent (force); a code is the area it names. A name the data have
        // several areas for is none of them until the user chooses.
        let in_data = |chosen: &String| -> Option<String> {
            if has(chosen) {
                return Some(chosen.clone());
            }
            let names: Vec<&str> = areas.iter().map(|(a, _)| *a).collect();
            match crate::core::areas::areas_meant(&names, chosen).as_slice() {
                [one] => Some(one.clone()),
                [] => crate::core::areas::as_force(chosen).filter(|force| has(force)),
                _ => None,
            }
        };
        let area = self
            .area
            .as_ref()
            .and_then(in_data)
            .or_else(|| has(preferred_area).then(|| preferred_area.to_string()))
            .or_else(|| proposed_area(index))?;
        let level = index.level(&area).unwrap_or(AreaLevel::Other);
        let geo = geography::national();
        let county = self
            .county
            .clone()
            .filter(|c| has(c))
            .or_else(|| {
                // The narrowest area of the geography containing this one that the data have.
                wider_areas(geo, &area)
                    .into_iter()
                    .map(|id| geo.area(id).name.clone())
                    .find(|name| has(name) && *name != area)
            })
            .or_else(|| {
                let wider = match level {
                    AreaLevel::District => AreaLevel::County,
                    AreaLevel::County | AreaLevel::Force => AreaLevel::Region,
                    _ => AreaLevel::National,
                };
                areas
                    .iter()
                    .find(|(a, l)| *l == wider && *a != area && may_contain(geo, &area, a))
                    .map(|(a, _)| a.to_string())
            });
        let period_end = self.period_end.or_else(|| index.latest_end())?;
        let group = self
            .peers
            .clone()
            .or_else(|| self.peer_level.map(PeerGroup::Level));
        let peers = match &group {
            Some(PeerGroup::Level(_)) => None,
            Some(group) => resolve_peers(&areas, geo, &area, group),
            None => county
                .as_deref()
                .and_then(|c| resolve_peers(&areas, geo, &area, &PeerGroup::Within(c.to_string()))),
        };
        let peer_level = match &group {
            Some(PeerGroup::Level(l)) => *l,
            _ => level,
        };
        let overlapping = match peers {
            Some(_) => Vec::new(),
            None => {
                let at_level: Vec<&str> = areas
                    .iter()
                    .filter(|(_, l)| *l == peer_level)
                    .map(|(a, _)| *a)
                    .collect();
                let kept = without_overlaps(geo, &area, at_level.clone(), is_combined(geo, &area));
                at_level
                    .into_iter()
                    .filter(|a| !kept.contains(a))
                    .map(str::to_string)
                    .collect()
            }
        };
        Some(Resolved {
            area,
            county,
            peer_level,
            peers,
            overlapping,
            period_end,
            comparison: self.comparison,
            baseline: self.baseline,
            plan_year: self
                .plan_year
                .unwrap_or_else(|| plan_year_after(period_end)),
        })
    }
}

/// The area to propose from the data: the district (else an area the
/// workbench does not know or a police force area, else any area) with the
/// most figures; on a tie, an unknown area before a force, then the first by
/// name. In a table of forces, the bodies of no territory (Action Fraud,
/// CIFAS, kept as other areas) have a few figures each and are not proposed.
pub fn proposed_area(index: &Index) -> Option<String> {
    let areas: Vec<(&str, AreaLevel)> = index.areas().collect();
    let busiest = |levels: &[AreaLevel]| {
        areas
            .iter()
            .filter(|(_, l)| levels.contains(l))
            .max_by(|a, b| {
                index
                    .figures_of(a.0)
                    .cmp(&index.figures_of(b.0))
                    .then((a.1 == AreaLevel::Other).cmp(&(b.1 == AreaLevel::Other)))
                    .then(b.0.cmp(a.0))
            })
            .map(|(a, _)| a.to_string())
    };
    busiest(&[AreaLevel::District])
        .or_else(|| busiest(&[AreaLevel::Other, AreaLevel::Force]))
        .or_else(|| busiest(&[AreaLevel::Region]))
        .or_else(|| areas.first().map(|(a, _)| a.to_string()))
}

/// The county, force area, region and country an area lies in, narrowest first.
fn wider_areas(geo: &Geography, area: &str) -> Vec<usize> {
    named(geo, area)
        .map(|id| geo.containing(id))
        .unwrap_or_default()
}

/// The area a name of the data is: the one whose own name it is ("Durham",
/// among forces, is the force, though County Durham is also called Durham),
/// else the one the geography finds for it.
fn named(geo: &Geography, area: &str) -> Option<usize> {
    geo.candidates(area)
        .into_iter()
        .find(|id| geo.area(*id).name == area)
        .or_else(|| geo.find(area))
}

/// The data's areas in a peer group, with the local area; `None` if fewer than two.
fn resolve_peers(
    in_data: &[(&str, AreaLevel)],
    geo: &Geography,
    area: &str,
    group: &PeerGroup,
) -> Option<PeerSet> {
    let (label, mut members): (String, Vec<String>) = match group {
        PeerGroup::Level(_) => return None,
        PeerGroup::Within(name) | PeerGroup::PartnershipsWithin(name) => {
            let whole = geo
                .candidates(name)
                .into_iter()
                .find(|id| !matches!(geo.area(*id).kind, Kind::District | Kind::Csp))?;
            let pieces = geo.pieces_of(whole)?;
            // Districts among districts; a police force area among the forces
            // of its region or country (forces of no territory have no ground).
            let level = match in_data.iter().find(|(a, _)| *a == area) {
                Some((_, AreaLevel::Force)) => AreaLevel::Force,
                _ => AreaLevel::District,
            };
            let inside: Vec<&str> = in_data
                .iter()
                .filter(|(_, l)| *l == level)
                .filter(|(a, _)| {
                    named(geo, a)
                        .and_then(|id| geo.pieces_of(id))
                        .is_some_and(|p| p.is_subset(&pieces))
                })
                .map(|(a, _)| *a)
                .collect();
            let partnerships =
                matches!(group, PeerGroup::PartnershipsWithin(_)) || is_combined(geo, area);
            let members = without_overlaps(geo, area, inside, partnerships)
                .into_iter()
                .map(str::to_string)
                .collect();
            let place = &geo.area(whole);
            let sort = if level == AreaLevel::Force {
                "police force areas"
            } else if partnerships {
                "community safety partnerships"
            } else {
                "districts"
            };
            let label = match place.kind {
                // "Cumbria (force)" already says what it is: "the Cumbria police force area".
                Kind::Force => format!(
                    "{sort} in the {} police force area",
                    place
                        .name
                        .trim_end_matches(crate::core::geography::FORCE_QUALIFIER)
                        .trim_end()
                ),
                _ => format!("{sort} in {}", super::wording::place_in_text(&place.name)),
            };
            (label, members)
        }
        PeerGroup::Imported { name, members } => {
            let listed: Vec<&str> = members
                .iter()
                .map(String::as_str)
                .filter(|m| in_data.iter().any(|(a, _)| a == m))
                .collect();
            let members = without_overlaps(geo, area, listed, is_combined(geo, area))
                .into_iter()
                .map(str::to_string)
                .collect();
            (format!("areas in {name}"), members)
        }
    };
    if !members.iter().any(|m| m == area) {
        members.push(area.to_string());
    }
    crate::core::sorting::sort(&mut members);
    (members.len() > 1).then_some(PeerSet { label, members })
}

/// Whether an area is a partnership of several whole districts (Dartford and Gravesham).
pub fn is_combined(geo: &Geography, area: &str) -> bool {
    geo.find(area)
        .is_some_and(|id| geo.member_districts(id).is_some())
}

/// Whether an area is the ground of one community safety partnership (a
/// district that is its own partnership, or a partnership of several), so it
/// can be ranked among partnerships; a district within a larger partnership cannot.
pub fn is_partnership(geo: &Geography, area: &str) -> bool {
    let Some(id) = geo.find(area) else {
        return false;
    };
    let Some(own) = geo.pieces_of(id) else {
        return false;
    };
    let csps: Vec<usize> = own.iter().map(|p| geo.pieces()[p].csp).collect();
    let Some(first) = csps.first().copied() else {
        return false;
    };
    csps.iter().all(|c| *c == first) && geo.pieces_of(first) == Some(own)
}

/// Peers never count the same ground twice. Areas overlapping the local area
/// are left out (Dartford and Gravesham, derived from its districts, is not
/// ranked against Dartford); of two others that overlap, a partnership of
/// several districts is kept when ranking partnerships and its districts when
/// ranking districts. Areas the geography does not know are kept as they are.
pub fn without_overlaps<'a>(
    geo: &Geography,
    area: &str,
    members: Vec<&'a str>,
    partnerships: bool,
) -> Vec<&'a str> {
    let ground = |name: &str| named(geo, name).and_then(|id| geo.pieces_of(id));
    let local = ground(area);
    let grounds: Vec<_> = members.iter().map(|m| ground(m)).collect();
    let combined: Vec<bool> = members.iter().map(|m| is_combined(geo, m)).collect();
    let overlaps = |a: &Option<geography::Pieces>, b: &Option<geography::Pieces>| matches!((a, b), (Some(a), Some(b)) if !a.is_disjoint(b));
    members
        .iter()
        .enumerate()
        .filter(|(i, m)| {
            if **m == area {
                return true;
            }
            if overlaps(&grounds[*i], &local) {
                return false;
            }
            // Give way to an overlapping area of the sort being ranked.
            !grounds.iter().enumerate().any(|(j, other)| {
                j != *i
                    && members[j] != **m
                    && (members[j] == area || !overlaps(other, &local))
                    && combined[j] == partnerships
                    && combined[*i] != partnerships
                    && overlaps(&grounds[*i], other)
            })
        })
        .map(|(_, m)| *m)
        .collect()
}

/// A choice offered for "Compared with": an area's name and how to say it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ComparisonChoice {
    pub area: String,
    /// "Kent (county)", "Kent (police force area) — no figures in your files".
    pub label: String,
    pub in_data: bool,
}

/// What the local area can be compared with: the county, force area, region and
/// country it lies in, then every other wider area of the files. `areas` are
/// the files' areas and their levels (`Index::areas`, `Assessment::areas`).
pub fn comparison_choices(areas: &[(&str, AreaLevel)], area: &str) -> Vec<ComparisonChoice> {
    let geo = geography::national();
    let has = |name: &str| areas.iter().any(|(a, _)| *a == name);
    let mut out: Vec<ComparisonChoice> = Vec::new();
    let mut offered: Vec<usize> = Vec::new();
    // Areas offered as one with another of the same ground ("Surrey (force)").
    let mut merged: Vec<String> = Vec::new();
    let own = named(geo, area);
    for id in wider_areas(geo, area) {
        let place = geo.area(id);
        // The local area's own ground under another name with no figures
        // (Surrey the county, for Surrey the force) is nothing to compare with.
        if own.is_some_and(|own| geo.same_ground(own, id)) && !has(&place.name) {
            continue;
        }
        // Surrey the county is Surrey the force area: one choice, said so. Kent the
        // force ("Kent (force)") is more than Kent the county: a choice of its own.
        if let Some(i) = offered.iter().position(|&o| {
            geo.same_ground(o, id) && same_place_name(&geo.area(o).name, &place.name)
        }) {
            let kind = geo.area(offered[i]).kind.describe();
            out[i].label = out[i].label.replacen(
                &format!("({kind})"),
                &format!("({kind} and {})", place.kind.describe()),
                1,
            );
            merged.push(place.name.clone());
            continue;
        }
        offered.push(id);
        let in_data = has(&place.name);
        out.push(ComparisonChoice {
            area: place.name.clone(),
            label: format!(
                "{} ({}){}",
                place
                    .name
                    .strip_suffix(&format!(" {}", geography::FORCE_QUALIFIER))
                    .unwrap_or(&place.name),
                place.kind.describe(),
                if in_data {
                    ""
                } else {
                    " — no figures in your files"
                }
            ),
            in_data,
        });
    }
    // The local area's peers (other forces, for a force) are ranked among, not
    // compared with; nor is ground that does not take in the local area's.
    let own_level = areas.iter().find(|(a, _)| *a == area).map(|(_, l)| *l);
    for &(a, level) in areas {
        if a == area
            || level == AreaLevel::District
            || (Some(level) == own_level && level != AreaLevel::Other)
            || !may_contain(geo, area, a)
            || out.iter().any(|c| c.area == a)
            || merged.iter().any(|m| m == a)
        {
            continue;
        }
        out.push(ComparisonChoice {
            area: a.to_string(),
            label: format!("{a} ({})", level.describe().to_lowercase()),
            in_data: true,
        });
    }
    out
}

/// Whether `wider` may take in `area`'s ground: not when the geography knows
/// both and it does not (Surrey for a district of Kent); areas it does not
/// know, and totals of a table, may.
fn may_contain(geo: &Geography, area: &str, wider: &str) -> bool {
    let ground = |name: &str| named(geo, name).and_then(|id| geo.pieces_of(id));
    match (ground(area), ground(wider)) {
        (Some(local), Some(wider)) => local.is_subset(&wider),
        _ => true,
    }
}

/// "Surrey" and "Surrey (force)" name one place when their ground is the same.
fn same_place_name(a: &str, b: &str) -> bool {
    let plain = |n: &str| {
        n.strip_suffix(&format!(" {}", geography::FORCE_QUALIFIER))
            .unwrap_or(n)
            .to_string()
    };
    plain(a) == plain(b)
}

/// A choice offered for "Ranked among".
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PeerChoice {
    pub group: PeerGroup,
    pub label: String,
}

/// The groups the local area can be ranked among: the districts of its county,
/// of its force area and of its region, every area at a level in the files, and
/// the user's own group if there is one.
pub fn peer_choices(
    areas: &[(&str, AreaLevel)],
    area: &str,
    imported: Option<&PeerGroup>,
) -> Vec<PeerChoice> {
    let geo = geography::national();
    let mut out = Vec::new();
    // A police force area is also ranked among every force of its country.
    let force = areas
        .iter()
        .any(|(a, l)| *a == area && *l == AreaLevel::Force);
    for id in wider_areas(geo, area) {
        let place = geo.area(id);
        let wide_enough = match place.kind {
            Kind::County | Kind::Force | Kind::Region => true,
            Kind::Country => force,
            _ => false,
        };
        if !wide_enough {
            continue;
        }
        // Districts, and partnerships where a partnership of several districts
        // makes that a different set (a combined partnership ranks only among partnerships).
        let mut offered: Vec<PeerSet> = Vec::new();
        let groups = [
            PeerGroup::Within(place.name.clone()),
            PeerGroup::PartnershipsWithin(place.name.clone()),
        ];
        let sorts = if is_partnership(geo, area) { 2 } else { 1 };
        for group in groups.into_iter().take(sorts) {
            let Some(set) = resolve_peers(areas, geo, area, &group) else {
                continue;
            };
            if offered.iter().any(|o| o.members == set.members) {
                continue;
            }
            out.push(PeerChoice {
                label: format!("The {} {} in your files", set.members.len(), set.label),
                group,
            });
            offered.push(set);
        }
    }
    let mut levels: Vec<AreaLevel> = areas.iter().map(|(_, l)| *l).collect();
    crate::core::sorting::sort(&mut levels);
    levels.dedup();
    for level in levels {
        out.push(PeerChoice {
            group: PeerGroup::Level(level),
            label: format!("Every {} in your files", level_singular(level)),
        });
    }
    if let Some(group @ PeerGroup::Imported { name, .. }) = imported {
        out.push(PeerChoice {
            label: format!("Your group: {name}"),
            group: group.clone(),
        });
    }
    out
}

/// The first financial year starting after the month: data to September 2015
/// feeds the 2016/17 plan.
pub fn plan_year_after(month_index: i64) -> i32 {
    let (year, month) = Date::from_month_index(month_index);
    if month < 4 {
        year
    } else {
        year + 1
    }
}

/// "2016/17".
pub fn plan_year_label(year: i32) -> String {
    format!("{year}/{:02}", (year + 1).rem_euclid(100))
}

/// The month index of a period's last month, for choosing a reporting period.
pub fn period_end_of(period: &crate::core::period::Period) -> i64 {
    last_month(period)
}

/// "district", "police force area".
fn level_singular(level: AreaLevel) -> &'static str {
    match level {
        AreaLevel::District => "district",
        AreaLevel::County => "county",
        AreaLevel::Force => "police force area",
        AreaLevel::Region => "region",
        AreaLevel::National => "country or national total",
        AreaLevel::Other => "other area",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_year_follows_the_data() {
        let sep_2015 = Date::first_of_month(2015, 9).month_index();
        assert_eq!(plan_year_after(sep_2015), 2016);
        let mar_2015 = Date::first_of_month(2015, 3).month_index();
        assert_eq!(plan_year_after(mar_2015), 2015);
        assert_eq!(plan_year_label(2016), "2016/17");
        assert_eq!(plan_year_label(1999), "1999/00");
    }
}
