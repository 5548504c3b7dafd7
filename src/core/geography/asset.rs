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
