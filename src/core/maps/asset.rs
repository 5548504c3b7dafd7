//! Boundaries as a compact text file, one area a line, tab-separated:
//!
//! ```text
//! # comment lines: the source, its licence, how it was simplified
//! S  units-per-degree                         how coordinates are quantised
//! A  code  name  group  rings                 one area
//! ```
//!
//! `group` is the district an LSOA lies in (empty for districts). `rings` are
//! separated by `;`; each is `x0,y0,dx1,dy1,…`: the first point in whole units
//! of longitude and latitude (1 / units-per-degree of a degree), then each
//! point as the step from the one before, so most numbers are short and the
//! file gzips well. A ring is closed implicitly; holes are rings too (drawn
//! with the even-odd rule, so a hole needs no flag).
//!
//! Written by `examples/make_boundaries.rs`, fetched only when a map is first shown.

/// A point as longitude and latitude in degrees.
pub type LonLat = (f64, f64);

/// One area's outline.
#[derive(Clone, Debug, PartialEq)]
pub struct Boundary {
    /// The ONS code (E07000116, E01024829).
    pub code: String,
    pub name: String,
    /// The district an LSOA lies in; empty for a district.
    pub group: String,
    /// Outer rings and holes alike, in degrees.
    pub rings: Vec<Vec<LonLat>>,
}

/// Every area of one boundary file.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Boundaries {
    pub areas: Vec<Boundary>,
}

impl Boundaries {
    pub fn get(&self, code: &str) -> Option<&Boundary> {
        self.areas
            .iter()
            .find(|a| a.code.eq_ignore_ascii_case(code))
    }

    /// The areas whose group (district) is `group`.
    pub fn in_group<'a>(&'a self, group: &'a str) -> impl Iterator<Item = &'a Boundary> + 'a {
        self.areas
            .iter()
            .filter(move |a| a.group.eq_ignore_ascii_case(group))
    }
}

/// An area as the generator hands it over: rings already quantised to whole units.
#[derive(Clone, Debug, PartialEq)]
pub struct QuantisedArea {
    pub code: String,
    pub name: String,
    pub group: String,
    pub rings: Vec<Vec<(i64, i64)>>,
}

/// The file as text, in the order given (the generator sorts by code).
pub fn write(header: &str, units_per_degree: u32, areas: &[QuantisedArea]) -> String {
    let mut out = String::new();
    for line in header.lines() {
        out.push_str("# ");
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(&format!("S\t{units_per_degree}\n"));
    for area in areas {
        let rings: Vec<String> = area
            .rings
            .iter()
            .filter(|r| !r.is_empty())
            .map(|ring| {
                let mut numbers = Vec::with_capacity(ring.len() * 2);
                let mut last = (0, 0);
                for (i, &(x, y)) in ring.iter().enumerate() {
                    let (dx, dy) = if i == 0 {
                        (x, y)
                    } else {
                        (x - last.0, y - last.1)
                    };
                    numbers.push(dx.to_string());
                    numbers.push(dy.to_string());
                    last = (x, y);
                }
                numbers.join(",")
            })
            .collect();
        out.push_str(&format!(
            "A\t{}\t{}\t{}\t{}\n",
            clean(&area.code),
            clean(&area.name),
            clean(&area.group),
            rings.join(";")
        ));
    }
    out
}

/// Tabs and line breaks would break the format; names never need them.
fn clean(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ").trim().to_string()
}

/// Reads the file; a damaged one gives a sentence naming the line.
pub fn parse(text: &str) -> Result<Boundaries, String> {
    let mut scale: Option<f64> = None;
    let mut areas = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            ["S", units] => {
                let units: u32 = units
                    .trim()
                    .parse()
                    .ok()
                    .filter(|u| *u > 0)
                    .ok_or_else(|| format!("line {line_no} gives no usable scale"))?;
                scale = Some(units as f64);
            }
            ["A", code, name, group, rings] => {
                let scale =
                    scale.ok_or_else(|| format!("line {line_no} comes before the scale line"))?;
                let rings = parse_rings(rings, scale)
                    .ok_or_else(|| format!("line {line_no} ({code}) has a damaged outline"))?;
                areas.push(Boundary {
                    code: code.to_string(),
                    name: name.to_string(),
                    group: group.to_string(),
                    rings,
                });
            }
            _ => return Err(format!("line {line_no} is not a boundary line")),
        }
    }
    if areas.is_empty() {
        return Err("it holds no boundaries".to_string());
    }
    Ok(Boundaries { areas })
}

fn parse_rings(text: &str, scale: f64) -> Option<Vec<Vec<LonLat>>> {
    let mut rings = Vec::new();
    for ring in text.split(';').filter(|r| !r.is_empty()) {
        let numbers: Vec<i64> = ring
            .split(',')
            .map(|n| n.trim().parse().ok())
            .collect::<Option<_>>()?;
        if numbers.len() < 6 || !numbers.len().is_multiple_of(2) {
            return None;
        }
        let mut points = Vec::with_capacity(numbers.len() / 2);
        let (mut x, mut y) = (0i64, 0i64);
        for (i, pair) in numbers.chunks(2).enumerate() {
            if i == 0 {
                (x, y) = (pair[0], pair[1]);
            } else {
                x = x.checked_add(pair[0])?;
                y = y.checked_add(pair[1])?;
            }
            points.push((x as f64 / scale, y as f64 / scale));
        }
        rings.push(points);
    }
    (!rings.is_empty()).then_some(rings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(code: &str, group: &str, at: i64) -> QuantisedArea {
        QuantisedArea {
            code: code.into(),
            name: format!("Area {code}"),
            group: group.into(),
            rings: vec![
                vec![(at, 0), (at + 10, 0), (at + 10, 10), (at, 10)],
                vec![(at + 2, 2), (at + 2, 4), (at + 4, 4)],
            ],
        }
    }

    #[test]
    fn what_is_written_reads_back() {
        let text = write(
            "Test boundaries\nOGL v3",
            100,
            &[square("E1", "", -50), square("E2", "D1", 20)],
        );
        assert!(text.starts_with("# Test boundaries\n# OGL v3\nS\t100\n"));
        assert!(text.contains("A\tE1\tArea E1\t\t-50,0,10,0,0,10,-10,0;-48,2,0,2,2,0\n"));
        let b = parse(&text).unwrap();
        assert_eq!(b.areas.len(), 2);
        let e1 = b.get("e1").unwrap();
        assert_eq!(e1.rings[0][0], (-0.5, 0.0));
        assert_eq!(e1.rings[0][2], (-0.4, 0.1));
        assert_eq!(e1.rings[1].len(), 3);
        assert_eq!(b.in_group("D1").count(), 1);
    }

    #[test]
    fn a_damaged_file_is_a_sentence() {
        assert_eq!(parse("").unwrap_err(), "it holds no boundaries");
        assert!(parse("A\tE1\tX\t\t0,0,1,0,0,1")
            .unwrap_err()
            .contains("before the scale"));
        assert!(parse("S\t100\nA\tE1\tX\t\t0,0,1,x,0,1")
            .unwrap_err()
            .contains("line 2 (E1) has a damaged outline"));
        assert!(parse("S\t100\nA\tE1\tX\t\t0,0,1")
            .unwrap_err()
            .contains("damaged"));
        assert!(parse("S\t0\n").unwrap_err().contains("scale"));
        assert!(parse("<html>").unwrap_err().contains("line 1"));
        // Steps that overflow are damage, not a panic.
        assert!(parse(&format!(
            "S\t1\nA\tE1\tX\t\t0,0,{},0,{},1",
            i64::MAX,
            i64::MAX
        ))
        .is_err());
    }
}
