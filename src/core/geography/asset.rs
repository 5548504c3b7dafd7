//! The geography as a compact text file, one fact a line, tab-separated:
//!
//! ```text
//! A  code  kind  first  last  name  aliases (|)  successors (space)   an area
//! P  district  csp  force                                             a piece (2024)
//! U  district  county                                                 a district's county
//! R  district  region                                                 a district's region
//! S  former-district  csp                                             a former district that is one partnership's area
//! ```
//!
//! Written by `examples/make_geography.rs`, read once when the app first needs it.

use super::area::{Area, Kind};
use super::{Geography, Piece};
use std::collections::HashMap;

/// The file as text, areas in code order so it is byte-for-byte reproducible.
pub fn write(geo: &Geography, header: &str) -> String {
    let mut out = String::new();
    for line in header.lines() {
        out.push_str("# ");
        out.push_str(line);
        out.push('\n');
    }
    let code = |id: &usize| geo.areas[*id].code.as_str();
    for a in &geo.areas {
        out.push_str(&format!(
            "A\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            a.code,
            a.kind.letter(),
            a.first,
            a.last,
            a.name,
            a.aliases.join("|"),
            a.successors.join(" ")
        ));
    }
    for p in &geo.pieces {
        out.push_str(&format!(
            "P\t{}\t{}\t{}\n",
            code(&p.district),
            code(&p.csp),
            code(&p.force)
        ));
    }
    for (tag, map) in [
        ('U', &geo.county_of),
        ('R', &geo.region_of),
        ('S', &geo.same_as_csp),
    ] {
        let mut pairs: Vec<(&str, &str)> = map
            .iter()
            .enumerate()
            .filter_map(|(k, v)| Some((code(&k), code(v.as_ref()?))))
            .collect();
        crate::core::sorting::sort(&mut pairs);
        for (from, to) in pairs {
            out.push_str(&format!("{tag}\t{from}\t{to}\n"));
        }
    }
    out
}

/// The part of the geography that areas named in a dataset need, in the same
/// format: each area found by name or code, the pieces it is made of, and for
/// every such piece its district, partnership, force, county, region and
/// countries. A county and a force carry all their districts, so the districts
/// an area is compared with and ranked among are all there; a region or
/// country carries only the pieces of the other areas (enough to contain them). The built-in
/// sample carries its slice, so its first visit needs no geography fetched.
pub fn slice(geo: &Geography, names: &[&str]) -> String {
    let mut keep_piece = vec![false; geo.pieces.len()];
    for name in names {
        let Some(id) = geo.find(name) else {
            continue;
        };
        if matches!(geo.areas[id].kind, Kind::Region | Kind::Country) {
            continue;
        }
        if let Some(pieces) = geo.pieces_of(id) {
            for p in pieces.iter() {
                keep_piece[p] = true;
            }
        }
    }
    // The whole of each force these pieces are in, so a force is never taken
    // for its county (Kent's force is Kent and Medway).
    let forces: Vec<usize> = geo
        .pieces
        .iter()
        .enumerate()
        .filter(|(i, _)| keep_piece[*i])
        .map(|(_, p)| p.force)
        .collect();
    for (i, piece) in geo.pieces.iter().enumerate() {
        if forces.contains(&piece.force) {
            keep_piece[i] = true;
        }
    }
    let mut keep_area = vec![false; geo.areas.len()];
    for (i, piece) in geo.pieces.iter().enumerate() {
        if !keep_piece[i] {
            continue;
        }
        for id in [Some(piece.district), Some(piece.csp), Some(piece.force)]
            .into_iter()
            .chain([geo.county_of[piece.district], geo.region_of[piece.district]])
            .flatten()
        {
            keep_area[id] = true;
        }
    }
    // The countries, and a former district that is exactly a kept partnership.
    for (id, area) in geo.areas.iter().enumerate() {
        if area.kind == Kind::Country {
            keep_area[id] = true;
        }
        if let Some(csp) = geo.same_as_csp[id] {
            if keep_area[csp] {
                keep_area[id] = true;
            }
        }
    }
    let mut areas = Vec::new();
    let mut new_id = vec![usize::MAX; geo.areas.len()];
    for (id, area) in geo.areas.iter().enumerate() {
        if keep_area[id] {
            new_id[id] = areas.len();
            areas.push(area.clone());
        }
    }
    let pieces = geo
        .pieces
        .iter()
        .enumerate()
        .filter(|(i, _)| keep_piece[*i])
        .map(|(_, p)| Piece {
            district: new_id[p.district],
            csp: new_id[p.csp],
            force: new_id[p.force],
        })
        .collect();
    let map = |of: &[Option<usize>]| -> HashMap<usize, usize> {
        of.iter()
            .enumerate()
            .filter_map(|(from, to)| {
                let to = (*to)?;
                (keep_area[from] && keep_area[to]).then(|| (new_id[from], new_id[to]))
            })
            .collect()
    };
    let part = Geography::build(
        areas,
        pieces,
        map(&geo.county_of),
        map(&geo.region_of),
        map(&geo.same_as_csp),
    );
    write(&part, "")
}

/// The geography from its text, or the line that is wrong.
pub fn parse(text: &str) -> Result<Geography, String> {
    let mut areas = Vec::new();
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut pieces = Vec::new();
    let mut maps: [HashMap<usize, usize>; 3] = Default::default();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let bad = || format!("line {} of the geography is not understood: {line}", n + 1);
        let fields: Vec<&str> = line.split('\t').collect();
        let id = |code: &str| ids.get(code).copied().ok_or_else(bad);
        match fields.as_slice() {
            ["A", code, kind, first, last, name, aliases, successors] => {
                let area = Area {
                    code: code.to_string(),
                    kind: Kind::from_letter(kind).ok_or_else(bad)?,
                    name: name.to_string(),
                    aliases: split(aliases, '|'),
                    first: first.parse().map_err(|_| bad())?,
                    last: last.parse().map_err(|_| bad())?,
                    successors: split(successors, ' '),
                };
                ids.insert(area.code.clone(), areas.len());
                areas.push(area);
            }
            ["P", district, csp, force] => pieces.push(Piece {
                district: id(district)?,
                csp: id(csp)?,
                force: id(force)?,
            }),
            [tag @ ("U" | "R" | "S"), from, to] => {
                let slot = match *tag {
                    "U" => 0,
                    "R" => 1,
                    _ => 2,
                };
                maps[slot].insert(id(from)?, id(to)?);
            }
            _ => return Err(bad()),
        }
    }
    if pieces.len() > super::pieces::MAX_PIECES {
        return Err(format!(
            "the geography has {} pieces, more than the {} it can hold",
            pieces.len(),
            super::pieces::MAX_PIECES
        ));
    }
    let [county_of, region_of, same_as_csp] = maps;
    Ok(Geography::build(
        areas,
        pieces,
        county_of,
        region_of,
        same_as_csp,
    ))
}

fn split(text: &str, by: char) -> Vec<String> {
    text.split(by)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(all(test, feature = "embedded-geography"))]
mod tests {
    use super::*;

    #[test]
    fn a_slice_answers_for_its_areas_as_the_whole_does() {
        let whole = crate::core::geography::national();
        let part = parse(&slice(whole, &["Tunbridge Wells", "Kent", "Nowhere"])).unwrap();
        let names = |geo: &Geography, ids: Vec<usize>| -> Vec<String> {
            ids.into_iter().map(|i| geo.area(i).name.clone()).collect()
        };
        for area in ["Tunbridge Wells", "Dartford and Gravesham", "Shepway"] {
            let (w, p) = (whole.find(area).unwrap(), part.find(area).unwrap());
            assert_eq!(whole.area(w), part.area(p));
            assert_eq!(
                names(whole, whole.containing(w)),
                names(&part, part.containing(p))
            );
        }
        let kent = |geo: &Geography| geo.find("Kent County Council").unwrap();
        assert_eq!(
            names(whole, whole.districts_of(kent(whole))),
            names(&part, part.districts_of(kent(&part)))
        );
        // The force is Kent and Medway in the slice too.
        let force = part.find("Kent Police").unwrap();
        assert!(!part.same_ground(force, kent(&part)));
        assert!(part.find("Medway").is_some());
        assert!(part.find("Surrey").is_none());
        assert!(part.areas().len() < 60, "{}", part.areas().len());
    }
}
