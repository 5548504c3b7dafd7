//! Where no neighbourhood boundaries are loaded: the records' map points binned
//! into hexagons, over the district's outline. police.uk moves every record to
//! the nearest of a set of anonymous map points (a street's middle, a public
//! place), so a hexagon shows roughly where crime was recorded, never an address.

use super::asset::{Boundary, LonLat};
use super::classes;
use super::svg::{self, Drawing, Shape};
use super::MapSpec;
use crate::core::charts::ChartTable;
use crate::core::dataset::Density;
use crate::core::format;
use crate::core::period::Period;
use std::collections::BTreeMap;

/// The note every point or hexagon map carries.
pub const SNAPPED_NOTE: &str = "police.uk moves each record to the nearest of a set of anonymous map points, so a hexagon shows roughly where crime was recorded, never an address.";

/// About this many hexagons across the area drawn.
const ACROSS: f64 = 24.0;

/// Hexagons (pointy-top) of the records' density in `district`, its outline drawn over them.
pub fn hexagon_map(
    density: &Density,
    outline: Option<&Boundary>,
    district: &str,
    measure: &str,
    period: &Period,
) -> Result<MapSpec, String> {
    if density.cells.is_empty() {
        return Err(format!(
            "no {} with a map point in {district} in {}",
            measure.to_lowercase(),
            period.label()
        ));
    }
    // A flat plane in degrees of latitude: longitude shrunk by the cosine of the middle latitude.
    let (south, north) = density
        .cells
        .iter()
        .fold((f64::MAX, f64::MIN), |(s, n), c| {
            (s.min(c.latitude), n.max(c.latitude))
        });
    let shrink = ((south + north) / 2.0).to_radians().cos().max(0.01);
    let (west, east) = density
        .cells
        .iter()
        .fold((f64::MAX, f64::MIN), |(w, e), c| {
            (w.min(c.longitude), e.max(c.longitude))
        });
    let span = ((east - west) * shrink).max(north - south).max(1e-4);
    // The hexagon's circumradius, and at least the grid cell so no hexagon is empty by construction.
    let radius = (span / ACROSS / 3f64.sqrt()).max(density.cell.1 * 0.75);
    let mut bins: BTreeMap<(i64, i64), u64> = BTreeMap::new();
    for c in &density.cells {
        let (x, y) = (c.longitude * shrink, c.latitude);
        let q = (3f64.sqrt() / 3.0 * x - y / 3.0) / radius;
        let r = (2.0 / 3.0 * y) / radius;
        *bins.entry(hex_round(q, r)).or_insert(0) += c.count;
    }
    let centre = |(q, r): (i64, i64)| -> (f64, f64) {
        let x = radius * 3f64.sqrt() * (q as f64 + r as f64 / 2.0);
        let y = radius * 1.5 * r as f64;
        (x, y)
    };
    let ring = |key: (i64, i64)| -> Vec<LonLat> {
        let (cx, cy) = centre(key);
        (0..6)
            .map(|i| {
                let angle = (60.0 * i as f64 + 30.0).to_radians();
                (
                    (cx + radius * angle.cos()) / shrink,
                    cy + radius * angle.sin(),
                )
            })
            .collect()
    };
    let mut hexes: Vec<((i64, i64), u64, Vec<LonLat>)> =
        bins.into_iter().map(|(k, n)| (k, n, ring(k))).collect();
    crate::core::sorting::sort_by(&mut hexes, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let values: Vec<f64> = hexes.iter().map(|h| h.1 as f64).collect();
    let classes = classes::sequential(&values, 0, &|v| format::count(v));
    let place = |key: (i64, i64)| {
        let (x, y) = centre(key);
        format!(
            "{:.3}°N {:.3}°{}",
            y,
            (x / shrink).abs(),
            if x < 0.0 { "W" } else { "E" }
        )
    };
    let class_label = |n: u64| {
        classes
            .of(n as f64)
            .map(|c| classes.classes[c].label.clone())
            .unwrap_or_default()
    };
    let shapes: Vec<Shape> = hexes
        .iter()
        .map(|(key, n, ring)| Shape {
            code: format!("hex {} {}", key.0, key.1),
            rings: vec![ring.as_slice()],
            class: classes.of(*n as f64),
            label: format!(
                "Around {}: {} ({})",
                place(*key),
                format::count(*n as f64),
                class_label(*n)
            ),
        })
        .collect();
    let title = format!(
        "{measure}: density of street records, {district}, {}",
        period.label()
    );
    let id = format!(
        "hexagon-map-{}",
        crate::core::id::stable_id(&format!("{district} {measure}"))
    );
    let outline_rings: Vec<&[LonLat]> = outline
        .map(|b| b.rings.iter().map(Vec::as_slice).collect())
        .unwrap_or_default();
    let legend_title = format!("{measure}: records per hexagon");
    let (svg, width, height) = svg::draw(&Drawing {
        id: &id,
        title: &title,
        shapes,
        outline_label: (!outline_rings.is_empty()).then(|| format!("{district} (outlined)")),
        outline: outline_rings,
        classes: &classes,
        legend_title: &legend_title,
    })
    .ok_or_else(|| "there is nothing to draw".to_string())?;
    let total: u64 = hexes.iter().map(|h| h.1).sum();
    let description = format!(
        "Hexagons of {} recorded in {district}, {}: {} records in {} hexagons about {} m across, in {} classes ({}). {SNAPPED_NOTE}",
        measure.to_lowercase(),
        period.label(),
        format::count(total as f64),
        hexes.len(),
        format::count(((radius * 3f64.sqrt() * 111_320.0) / 10.0).round() * 10.0),
        classes.classes.len(),
        classes
            .classes
            .iter()
            .map(|c| c.label.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    );
    let table = ChartTable {
        caption: title.clone(),
        headers: ["Hexagon around", "Records", "Class"]
            .map(String::from)
            .to_vec(),
        rows: hexes
            .iter()
            .map(|(key, n, _)| vec![place(*key), format::count(*n as f64), class_label(*n)])
            .collect(),
    };
    Ok(MapSpec {
        id,
        title,
        description,
        table,
        svg,
        width,
        height,
        areas: hexes.len(),
    })
}

/// The hexagon (axial q, r) a fractional position falls in, by cube rounding.
fn hex_round(q: f64, r: f64) -> (i64, i64) {
    let s = -q - r;
    let (mut rq, mut rr, rs) = (q.round(), r.round(), s.round());
    let (dq, dr, ds) = ((rq - q).abs(), (rr - r).abs(), (rs - s).abs());
    if dq > dr && dq > ds {
        rq = -rr - rs;
    } else if dr > ds {
        rr = -rq - rs;
    }
    (rq as i64, rr as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dataset::DensityCell;

    fn cell(longitude: f64, latitude: f64, count: u64) -> DensityCell {
        DensityCell {
            longitude,
            latitude,
            count,
        }
    }

    #[test]
    fn every_record_lands_in_one_hexagon() {
        let mut cells = Vec::new();
        let mut seed = 3u64;
        for _ in 0..500 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            let a = (seed >> 40) as f64 / (1u64 << 24) as f64;
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            let b = (seed >> 40) as f64 / (1u64 << 24) as f64;
            cells.push(cell(0.4 + a * 0.3, 51.1 + b * 0.2, 1 + (seed >> 60)));
        }
        let total: u64 = cells.iter().map(|c| c.count).sum();
        let density = Density {
            cell: (0.003, 0.002),
            cells,
        };
        let map = hexagon_map(
            &density,
            None,
            "Maidstone",
            "Burglary",
            &Period::calendar_year(2019),
        )
        .unwrap();
        let in_table: u64 = map
            .table
            .rows
            .iter()
            .map(|r| r[1].replace(',', "").parse::<u64>().unwrap())
            .sum();
        assert_eq!(in_table, total);
        assert!(map.areas > 20 && map.areas < 800, "{}", map.areas);
        assert!(map.description.contains(SNAPPED_NOTE));
        assert_eq!(map.svg.matches("class=\"map-area\"").count(), map.areas);
    }

    #[test]
    fn rounding_keeps_the_nearest_hexagon_and_nothing_is_an_error() {
        assert_eq!(hex_round(0.1, 0.1), (0, 0));
        assert_eq!(hex_round(0.9, 0.05), (1, 0));
        assert_eq!(hex_round(-0.2, 1.1), (0, 1));
        let empty = Density::default();
        assert!(
            hexagon_map(&empty, None, "X", "Burglary", &Period::calendar_year(2019))
                .unwrap_err()
                .contains("no burglary")
        );
    }
}
