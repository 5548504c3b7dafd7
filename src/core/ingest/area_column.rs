//! A column of area names read as a whole. A name several kinds of area share
//! ("West Midlands" the region and the force; "Kent" the county and the force;
//! "Dorset" the district and the force) is read by the evidence, strongest
//! first: an ONS code on its row; the column's header ("Region", "Force
//! Name"); the other names in the column (North West, London and South East
//! make a column of regions; Staffordshire, Warwickshire and West Mercia one
//! of forces); and only then the name's usual reading (the area that keeps the
//! plain name: the region, the county, the district), said as a doubt for the
//! user to check. A confident wrong figure is worse than a question.
//!
//! A name on two rows of the same figures (a table listing the West Midlands
//! region above its forces, the West Midlands force among them) is two areas:
//! the wider is the one with the larger count, else the first listed (as
//! tables list a region above its forces), which is then asked about.

use crate::core::areas::{self, level_of, AreaLevel};
use crate::core::geography::{self, names, Kind};
use std::collections::{BTreeMap, HashMap};

/// One row's area label and what else the row says.
#[derive(Clone, Debug, Default)]
pub struct AreaRow {
    pub label: String,
    /// Where the label is ("B7"), for the doubts.
    pub at: String,
    /// The row's other keys (period, measure, breakdown), so two rows of one
    /// name and the same keys are known to be two areas.
    pub key: String,
    /// The row's figures added up (counts only), to tell the wider of two areas.
    pub size: Option<f64>,
    /// An ONS code elsewhere on the row.
    pub code: Option<String>,
}

/// Each row's area (by the rows' order) and the doubts about them.
#[derive(Clone, Debug, Default)]
pub struct AreaReadings {
    pub areas: Vec<(String, AreaLevel)>,
    pub doubts: Vec<String>,
}

/// The levels an area name could be read at, and the area at each (current
/// areas only; a district and a partnership of one name are one level).
fn readings_of(label: &str) -> Vec<(AreaLevel, String)> {
    let geo = geography::national();
    let mut out: Vec<(AreaLevel, String)> = Vec::new();
    for id in geo.candidates(label) {
        let area = geo.area(id);
        if !area.is_current() {
            continue;
        }
        let level = level_of(area);
        if !out.iter().any(|(l, _)| *l == level) {
            out.push((level, area.name.clone()));
        }
    }
    out
}

/// Whether a label says itself what it is: a code, or council or force
/// words ("Kent Police", "Kent County Council").
fn says_what_it_is(label: &str) -> bool {
    names::is_code(label.trim())
        || names::stripped(&names::key(label)).is_some_and(|(_, hint)| hint.is_some())
}

/// "a region", "a police force area".
fn a_kind(level: AreaLevel) -> &'static str {
    match level {
        AreaLevel::District => "a district",
        AreaLevel::County => "a county",
        AreaLevel::Force => "a police force area",
        AreaLevel::Region => "a region",
        AreaLevel::National => "a country",
        AreaLevel::Other => "another area",
    }
}

fn the_kind(level: AreaLevel) -> String {
    a_kind(level).replacen("a ", "the ", 1)
}

/// The readings of a name several kinds of area share, when neither the name
/// itself (a code, "Kent Police") nor the column's kind settles which it is.
fn shared_readings(label: &str, kind: Option<Kind>) -> Option<Vec<(AreaLevel, String)>> {
    let levels = readings_of(label);
    if levels.len() < 2 || says_what_it_is(label) {
        return None;
    }
    let geo = geography::national();
    let header_settles = kind.is_some_and(|k| {
        geo.candidates(label)
            .into_iter()
            .any(|id| geo.area(id).kind == k && geo.area(id).is_current())
    });
    (!header_settles).then_some(levels)
}

/// Whether any of a column's names needs the evidence of its rows (see
/// `read_areas`); most columns' names do not, and are read one by one.
pub fn any_shared<'a>(header: Option<&str>, labels: impl IntoIterator<Item = &'a str>) -> bool {
    let kind = header.and_then(areas::kind_of_column);
    labels
        .into_iter()
        .any(|label| shared_readings(label.trim(), kind).is_some())
}

/// Reads a column of areas headed `header` (`None` for names across the top).
pub fn read_areas(header: Option<&str>, rows: &[AreaRow]) -> AreaReadings {
    let kind = header.and_then(areas::kind_of_column);
    // Each distinct name, its rows, and how it reads alone.
    let mut by_label: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, row) in rows.iter().enumerate() {
        by_label.entry(row.label.trim()).or_default().push(i);
    }
    let mut plain: HashMap<&str, (String, AreaLevel)> = HashMap::new();
    let mut shared: HashMap<&str, Vec<(AreaLevel, String)>> = HashMap::new();
    for &label in by_label.keys() {
        if let Some(levels) = shared_readings(label, kind) {
            shared.insert(label, levels);
        }
        plain.insert(label, areas::normalise_as(label, kind));
    }
    // The column's other names: those of one reading vote for their level;
    // every name supports each level it could be read at.
    let mut votes: HashMap<AreaLevel, usize> = HashMap::new();
    let mut support: HashMap<AreaLevel, usize> = HashMap::new();
    for (&label, (_, level)) in &plain {
        match shared.get(label) {
            Some(levels) => {
                for (l, _) in levels {
                    *support.entry(*l).or_default() += 1;
                }
            }
            None if !matches!(level, AreaLevel::Other | AreaLevel::National) => {
                *votes.entry(*level).or_default() += 1;
                *support.entry(*level).or_default() += 1;
            }
            None => {}
        }
    }
    let mut out: Vec<(String, AreaLevel)> =
        rows.iter().map(|r| plain[r.label.trim()].clone()).collect();
    let mut doubts = Vec::new();
    for (label, levels) in &shared {
        let indices = &by_label[label];
        // A reading another name of the column already gives is not this
        // name's ("Durham" beside "County Durham" is the force).
        let taken = |name: &str| {
            plain.iter().any(|(other, (read, _))| {
                other != label && !shared.contains_key(other) && read == name
            })
        };
        let free: Vec<(AreaLevel, String)> = levels
            .iter()
            .filter(|(_, name)| !taken(name))
            .cloned()
            .collect();
        let levels = if free.is_empty() { levels } else { &free };
        if let [(level, name)] = levels.as_slice() {
            for &i in indices {
                out[i] = (name.clone(), *level);
            }
            continue;
        }
        let pick = |level: AreaLevel| {
            let name = levels
                .iter()
                .find(|(l, _)| *l == level)
                .map(|(_, n)| n.clone());
            (name.unwrap_or_else(|| label.to_string()), level)
        };
        // By the evidence of the column, the levels this name is likeliest at.
        let mut ranked: Vec<AreaLevel> = levels.iter().map(|(l, _)| *l).collect();
        let score = |l: &AreaLevel| {
            (
                votes.get(l).copied().unwrap_or(0),
                support.get(l).copied().unwrap_or(0),
            )
        };
        ranked.sort_by_key(|l| std::cmp::Reverse(score(l)));
        let voted: Vec<AreaLevel> = ranked.iter().copied().filter(|l| score(l).0 > 0).collect();
        let districts = votes.get(&AreaLevel::District).copied().unwrap_or(0);
        let column_says = match voted.as_slice() {
            [one] => Some(*one),
            // A column of districts with their county's total (Kent's districts and Kent).
            [] if districts > 0 && ranked.contains(&AreaLevel::County) => Some(AreaLevel::County),
            [] if score(&ranked[0]).1 > score(&ranked[1]).1 => Some(ranked[0]),
            _ => None,
        };
        // Rows of this name with the same other keys: several areas.
        let mut by_key: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        let mut coded = Vec::new();
        for &i in indices {
            match coded_reading(&rows[i], levels) {
                Some(level) => {
                    out[i] = pick(level);
                    coded.push(i);
                }
                None => by_key.entry(rows[i].key.as_str()).or_default().push(i),
            }
        }
        // Rows of one name and the same keys are two areas only where the
        // column holds areas of both kinds (regions and forces); else they are
        // one area's rows repeated, which the table's reading says elsewhere.
        let two_kinds = voted.len() > 1;
        let mut widest_first = voted.clone();
        widest_first.sort_by(|a, b| b.cmp(a));
        let mut rest: Vec<usize> = Vec::new();
        let mut unsure: Vec<&str> = Vec::new();
        for same in by_key.values() {
            if same.len() == 1 || !two_kinds || same.len() > widest_first.len() {
                rest.extend(same);
                continue;
            }
            let mut order = same.clone();
            let sized: Vec<f64> = order.iter().filter_map(|i| rows[*i].size).collect();
            let mut distinct = sized.clone();
            distinct.sort_by(f64::total_cmp);
            distinct.dedup();
            if distinct.len() == order.len() {
                // The wider area holds the larger count.
                order.sort_by(|a, b| {
                    rows[*b]
                        .size
                        .unwrap_or(0.0)
                        .total_cmp(&rows[*a].size.unwrap_or(0.0))
                });
            } else {
                unsure.extend(order.iter().map(|i| rows[*i].at.as_str()));
            }
            for (n, i) in order.into_iter().enumerate() {
                out[i] = pick(widest_first[n]);
            }
        }
        if !unsure.is_empty() {
            doubts.push(format!(
                "“{label}” is on several rows with the same keys ({}): read in the order tables list them, as {}; check they are that way round.",
                unsure.into_iter().take(4).collect::<Vec<_>>().join(", "),
                widest_first.iter().map(|l| the_kind(*l)).collect::<Vec<_>>().join(" then ")
            ));
        }
        let uncoded = rest;
        if uncoded.is_empty() {
            continue;
        }
        match column_says {
            Some(level) => {
                for i in uncoded {
                    out[i] = pick(level);
                }
            }
            None => {
                let (_, level) = &plain[label];
                let kinds: Vec<&str> = levels.iter().map(|(l, _)| a_kind(*l)).collect();
                let headers: Vec<String> = levels
                    .iter()
                    .filter_map(|(l, _)| header_for(*l))
                    .map(|h| format!("“{h}”"))
                    .collect();
                let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
                doubts.push(format!(
                    "“{label}” ({}) is the name of {}, and nothing in the table says which it is: it was read as {}. Head the column {}, or give the area's ONS code, to say which.",
                    rows[uncoded[0]].at,
                    and_list(&kinds),
                    the_kind(*level),
                    or_list(&headers)
                ));
            }
        }
    }
    AreaReadings { areas: out, doubts }
}

/// The reading an ONS code on the row settles, when it names one of the label's.
fn coded_reading(row: &AreaRow, levels: &[(AreaLevel, String)]) -> Option<AreaLevel> {
    let geo = geography::national();
    let area = geo.by_code(row.code.as_deref()?)?;
    let level = level_of(area);
    levels
        .iter()
        .any(|(l, name)| *l == level && *name == area.name)
        .then_some(level)
}

/// The header that says a column holds areas of a level.
fn header_for(level: AreaLevel) -> Option<&'static str> {
    match level {
        AreaLevel::District => Some("District"),
        AreaLevel::County => Some("County"),
        AreaLevel::Force => Some("Force Name"),
        AreaLevel::Region => Some("Region"),
        AreaLevel::National | AreaLevel::Other => None,
    }
}

/// "“Region” or “Force Name”".
fn or_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// "a region and a police force area"; "a, b and c".
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(labels: &[&str]) -> Vec<AreaRow> {
        labels
            .iter()
            .enumerate()
            .map(|(i, l)| AreaRow {
                label: l.to_string(),
                at: format!("A{}", i + 2),
                key: i.to_string(),
                ..AreaRow::default()
            })
            .collect()
    }

    fn read(header: Option<&str>, labels: &[&str]) -> AreaReadings {
        read_areas(header, &rows(labels))
    }

    #[test]
    fn the_column_says_whether_west_midlands_is_the_region_or_the_force() {
        let regions = read(
            Some("Area"),
            &["North West", "London", "West Midlands", "South East"],
        );
        assert_eq!(
            regions.areas[2],
            ("West Midlands".into(), AreaLevel::Region)
        );
        assert!(regions.doubts.is_empty(), "{:?}", regions.doubts);
        let forces = read(
            Some("Area"),
            &[
                "Staffordshire",
                "Warwickshire",
                "West Mercia",
                "West Midlands",
            ],
        );
        assert_eq!(
            forces.areas[3],
            ("West Midlands (force)".into(), AreaLevel::Force)
        );
        assert_eq!(forces.areas[0].1, AreaLevel::Force);
        assert!(forces.doubts.is_empty(), "{:?}", forces.doubts);
        // The header says so; a plain name alone is the region, and asked about.
        let headed = read(Some("Force Name"), &["West Midlands"]);
        assert_eq!(headed.areas[0].1, AreaLevel::Force);
        let headed = read(Some("Region"), &["West Midlands"]);
        assert_eq!(headed.areas[0].1, AreaLevel::Region);
        let alone = read(Some("Area"), &["West Midlands"]);
        assert_eq!(alone.areas[0].1, AreaLevel::Region);
        assert_eq!(alone.doubts.len(), 1);
        assert!(
            alone.doubts[0].contains("“West Midlands” (A2) is the name of a region and a police force area, and nothing in the table says which it is: it was read as the region. Head the column “Region” or “Force Name”, or give the area's ONS code, to say which."),
            "{:?}",
            alone.doubts
        );
    }

    #[test]
    fn a_code_on_the_row_settles_it_and_two_rows_of_one_name_are_two_areas() {
        let mut coded = rows(&["West Midlands", "West Midlands"]);
        coded[0].code = Some("E23000014".into());
        coded[1].code = Some("E12000005".into());
        let read = read_areas(None, &coded);
        assert_eq!(read.areas[0].1, AreaLevel::Force);
        assert_eq!(read.areas[1].1, AreaLevel::Region);
        assert!(read.doubts.is_empty());
        // The same keys: the larger count is the region.
        let mut same = rows(&[
            "North West",
            "Staffordshire",
            "West Midlands",
            "West Mercia",
            "West Midlands",
        ]);
        for r in &mut same {
            r.key = "2019".into();
        }
        same[2].size = Some(100.0);
        same[4].size = Some(400.0);
        let read = read_areas(Some("Area"), &same);
        assert_eq!(read.areas[2].1, AreaLevel::Force);
        assert_eq!(read.areas[4].1, AreaLevel::Region);
        assert!(read.doubts.is_empty(), "{:?}", read.doubts);
        // No sizes: in the order listed, asked about.
        same[2].size = None;
        let read = read_areas(Some("Area"), &same);
        assert_eq!(read.areas[2].1, AreaLevel::Region);
        assert_eq!(read.areas[4].1, AreaLevel::Force);
        assert_eq!(read.doubts.len(), 1, "{:?}", read.doubts);
        // Among forces only, a name repeated is one force's rows repeated.
        same.remove(0);
        let read = read_areas(Some("Area"), &same);
        assert_eq!(read.areas[1].1, AreaLevel::Force);
        assert_eq!(read.areas[3].1, AreaLevel::Force);
        assert!(read.doubts.is_empty(), "{:?}", read.doubts);
    }
}
