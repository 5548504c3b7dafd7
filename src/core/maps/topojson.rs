//! TopoJSON, decoded into the same outlines a GeoJSON file gives: ONS and
//! mapshaper publish boundaries as TopoJSON too, where neighbouring areas
//! share their common edges ("arcs") instead of each repeating it.
//!
//! A TopoJSON `Topology` holds `arcs` (lists of positions) and `objects`
//! (geometries, possibly nested in GeometryCollections). A polygon's ring is
//! a list of arc indices: arc `i` as stored, or `~i` (that is `-i - 1`) for arc
//! `i` reversed; consecutive arcs share their joining point, which is kept
//! once. A quantised topology has a `transform` (`scale`, `translate`): its
//! arcs' positions are then whole numbers, each the step from the one before
//! (delta-encoded) and turned into coordinates as `x · scale + translate`.
//! Holes are rings like any other (the maps draw with the even-odd rule).

use serde_json::{Map, Value};

/// A point in the topology's coordinates (longitude and latitude in degrees
/// for the files the maps take).
pub type Point = (f64, f64);

/// One area as decoded: its properties and every ring of every polygon
/// (outer rings and holes alike), each closed by repeating its first point.
#[derive(Clone, Debug, PartialEq)]
pub struct DecodedArea {
    pub properties: Map<String, Value>,
    pub rings: Vec<Vec<Point>>,
}

/// Whether parsed JSON is a TopoJSON topology.
pub fn is_topology(json: &Value) -> bool {
    json["type"].as_str() == Some("Topology")
}

/// The topology's arcs as absolute coordinates.
fn decode_arcs(json: &Value) -> Result<Vec<Vec<Point>>, String> {
    let transform = match &json["transform"] {
        Value::Null => None,
        t => {
            let pair = |v: &Value| -> Option<(f64, f64)> { Some((v[0].as_f64()?, v[1].as_f64()?)) };
            let scale = pair(&t["scale"]).ok_or("its transform has no scale")?;
            let translate = pair(&t["translate"]).ok_or("its transform has no translate")?;
            Some((scale, translate))
        }
    };
    let arcs = json["arcs"].as_array().ok_or("it has no arcs")?;
    arcs.iter()
        .map(|arc| {
            let positions = arc.as_array().ok_or("an arc is not a list of positions")?;
            let mut out = Vec::with_capacity(positions.len());
            let (mut x, mut y) = (0.0, 0.0);
            for p in positions {
                let (Some(a), Some(b)) = (p[0].as_f64(), p[1].as_f64()) else {
                    return Err("an arc has a position that is not two numbers");
                };
                out.push(match transform {
                    // Quantised: whole-number steps from the previous position.
                    Some(((sx, sy), (tx, ty))) => {
                        x += a;
                        y += b;
                        (x * sx + tx, y * sy + ty)
                    }
                    None => (a, b),
                });
            }
            Ok(out)
        })
        .collect::<Result<_, &str>>()
        .map_err(str::to_string)
}

/// A ring from its arc indices, the shared joining points kept once.
fn ring(indices: &Value, arcs: &[Vec<Point>]) -> Result<Vec<Point>, String> {
    let indices = indices.as_array().ok_or("a ring is not a list of arcs")?;
    let mut out: Vec<Point> = Vec::new();
    for index in indices {
        let i = index.as_i64().ok_or("an arc index is not a whole number")?;
        let (at, reversed) = if i < 0 { (!i, true) } else { (i, false) };
        let arc = usize::try_from(at)
            .ok()
            .and_then(|at| arcs.get(at))
            .ok_or_else(|| format!("a ring names arc {i}, which the file does not have"))?;
        let mut points: Vec<Point> = arc.clone();
        if reversed {
            points.reverse();
        }
        let skip = usize::from(!out.is_empty());
        out.extend(points.into_iter().skip(skip));
    }
    Ok(out)
}

/// Every polygon's rings of a geometry (Polygon, MultiPolygon; others give none).
fn rings_of(geometry: &Value, arcs: &[Vec<Point>]) -> Result<Vec<Vec<Point>>, String> {
    let polygons: Vec<&Value> = match geometry["type"].as_str() {
        Some("Polygon") => vec![&geometry["arcs"]],
        Some("MultiPolygon") => geometry["arcs"]
            .as_array()
            .map(|a| a.iter().collect())
            .unwrap_or_default(),
        _ => return Ok(Vec::new()),
    };
    let mut out = Vec::new();
    for polygon in polygons {
        for r in polygon.as_array().into_iter().flatten() {
            let decoded = ring(r, arcs)?;
            if decoded.len() >= 3 {
                out.push(decoded);
            }
        }
    }
    Ok(out)
}

fn collect(
    geometry: &Value,
    arcs: &[Vec<Point>],
    out: &mut Vec<DecodedArea>,
    depth: usize,
) -> Result<(), String> {
    // A collection nested deeper than any real file is taken as damaged.
    if depth > 32 {
        return Err("its geometry collections are nested too deeply".to_string());
    }
    if geometry["type"].as_str() == Some("GeometryCollection") {
        for g in geometry["geometries"].as_array().into_iter().flatten() {
            collect(g, arcs, out, depth + 1)?;
        }
        return Ok(());
    }
    let rings = rings_of(geometry, arcs)?;
    if !rings.is_empty() {
        out.push(DecodedArea {
            properties: geometry["properties"]
                .as_object()
                .cloned()
                .unwrap_or_default(),
            rings,
        });
    }
    Ok(())
}

/// Every area of every object of the topology, or what is wrong with it (a
/// phrase to follow "the file is not usable:").
pub fn decode(json: &Value) -> Result<Vec<DecodedArea>, String> {
    if !is_topology(json) {
        return Err("it is not a TopoJSON Topology".to_string());
    }
    let arcs = decode_arcs(json)?;
    let objects = json["objects"].as_object().ok_or("it has no objects")?;
    let mut out = Vec::new();
    for object in objects.values() {
        collect(object, &arcs, &mut out, 0)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Two unit squares side by side sharing their middle edge (arc 1), the
    /// right one drawn with that edge reversed; not quantised.
    #[test]
    fn shared_and_reversed_arcs() {
        let t = json!({
            "type": "Topology",
            "arcs": [
                [[1, 0], [0, 0], [0, 1], [1, 1]],
                [[1, 1], [1, 0]],
                [[1, 1], [2, 1], [2, 0], [1, 0]]
            ],
            "objects": {"a": {"type": "GeometryCollection", "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "properties": {"code": "L"}},
                {"type": "Polygon", "arcs": [[2, -2]], "properties": {"code": "R"}}
            ]}}
        });
        let areas = decode(&t).unwrap();
        assert_eq!(areas.len(), 2);
        assert_eq!(
            areas[0].rings,
            vec![vec![
                (1.0, 0.0),
                (0.0, 0.0),
                (0.0, 1.0),
                (1.0, 1.0),
                (1.0, 0.0)
            ]]
        );
        assert_eq!(
            areas[1].rings,
            vec![vec![
                (1.0, 1.0),
                (2.0, 1.0),
                (2.0, 0.0),
                (1.0, 0.0),
                (1.0, 1.0)
            ]]
        );
        assert_eq!(areas[1].properties["code"], "R");
    }

    /// Quantised and delta-encoded: a square with a square hole, and a
    /// MultiPolygon of two triangles.
    #[test]
    fn quantised_holes_and_multipolygons() {
        let t = json!({
            "type": "Topology",
            "transform": {"scale": [0.5, 0.25], "translate": [10, 50]},
            "arcs": [
                [[0, 0], [4, 0], [0, 4], [-4, 0], [0, -4]],
                [[1, 1], [0, 2], [2, 0], [0, -2], [-2, 0]],
                [[10, 10], [1, 0], [0, 1], [-1, -1]],
                [[20, 20], [1, 0], [0, 1], [-1, -1]]
            ],
            "objects": {
                "holed": {"type": "Polygon", "arcs": [[0], [1]], "properties": {"code": "H"}},
                "multi": {"type": "MultiPolygon", "arcs": [[[2]], [[3]]], "properties": {"code": "M"}},
                "point": {"type": "Point", "coordinates": [0, 0]}
            }
        });
        let areas = decode(&t).unwrap();
        assert_eq!(areas.len(), 2);
        let holed = areas.iter().find(|a| a.properties["code"] == "H").unwrap();
        assert_eq!(holed.rings.len(), 2);
        assert_eq!(
            holed.rings[0],
            vec![
                (10.0, 50.0),
                (12.0, 50.0),
                (12.0, 51.0),
                (10.0, 51.0),
                (10.0, 50.0)
            ]
        );
        assert_eq!(holed.rings[1][0], (10.5, 50.25));
        assert_eq!(holed.rings[1][2], (11.5, 50.75));
        let multi = areas.iter().find(|a| a.properties["code"] == "M").unwrap();
        assert_eq!(multi.rings.len(), 2);
        assert_eq!(
            multi.rings[1],
            vec![(20.0, 55.0), (20.5, 55.0), (20.5, 55.25), (20.0, 55.0)]
        );
    }

    #[test]
    fn damaged_topologies_are_a_phrase_not_a_panic() {
        assert!(decode(&json!({"type": "FeatureCollection"})).is_err());
        let missing_arc = json!({"type": "Topology", "arcs": [],
            "objects": {"a": {"type": "Polygon", "arcs": [[0]]}}});
        assert!(decode(&missing_arc).unwrap_err().contains("arc 0"));
        let bad_index = json!({"type": "Topology", "arcs": [[[0, 0]]],
            "objects": {"a": {"type": "Polygon", "arcs": [["x"]]}}});
        assert!(decode(&bad_index).is_err());
        let no_scale = json!({"type": "Topology", "transform": {}, "arcs": [],
            "objects": {}});
        assert!(decode(&no_scale).unwrap_err().contains("scale"));
        let huge_negative = json!({"type": "Topology", "arcs": [],
            "objects": {"a": {"type": "Polygon", "arcs": [[i64::MIN]]}}});
        assert!(decode(&huge_negative).is_err());
    }
}
