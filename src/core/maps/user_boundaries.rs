//! A boundary file the user drops (ONS GeoJSON or TopoJSON of LSOAs or
//! wards, in longitude and latitude), turned into the same compact boundaries the built-in files hold,
//! so it can be kept in the browser's storage and drawn like them.

use super::asset::{self, Boundaries, QuantisedArea};
use super::simplify::simplify_ring;
use serde_json::Value;

/// The user's boundaries are kept at the built-in LSOA files' precision.
const UNITS: u32 = 10_000;
const TOLERANCE: f64 = 1.0;

/// The key of a property: an ONS code ("LSOA21CD", "WD22CD"), its name
/// ("LSOA21NM"), or the district's code ("LAD22CD", "LADCD_ACTIVE").
fn property<'a>(
    properties: &'a serde_json::Map<String, Value>,
    wanted: &dyn Fn(&str) -> bool,
) -> Option<&'a str> {
    properties
        .iter()
        .find(|(k, v)| {
            wanted(&k.to_ascii_uppercase()) && v.as_str().is_some_and(|s| !s.trim().is_empty())
        })
        .and_then(|(_, v)| v.as_str())
}

fn is_area_code(key: &str) -> bool {
    (key.starts_with("LSOA") || key.starts_with("WD") || key.starts_with("DZ"))
        && key.ends_with("CD")
        || key == "CODE"
}

fn is_area_name(key: &str) -> bool {
    (key.starts_with("LSOA") || key.starts_with("WD") || key.starts_with("DZ"))
        && key.ends_with("NM")
        || key == "NAME"
}

fn is_district_code(key: &str) -> bool {
    key.starts_with("LAD") && (key.ends_with("CD") || key.ends_with("CD_ACTIVE"))
}

/// What kind of areas a boundary file holds, from their ONS codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AreaKind {
    /// Lower layer super output areas (E01…, W01…).
    Lsoa,
    /// Electoral wards (E05…, W05…).
    Ward,
    /// Anything else (S01 data zones, districts…).
    Other,
}

impl AreaKind {
    /// The kind of one ONS code.
    pub fn of_code(code: &str) -> AreaKind {
        let code = code.trim().as_bytes();
        if code.len() != 9 || !matches!(code[0].to_ascii_uppercase(), b'E' | b'W') {
            return AreaKind::Other;
        }
        match &code[1..3] {
            b"01" => AreaKind::Lsoa,
            b"05" => AreaKind::Ward,
            _ => AreaKind::Other,
        }
    }

    /// The kind most of the boundaries' areas are.
    pub fn of(boundaries: &Boundaries) -> AreaKind {
        let count = |k| {
            boundaries
                .areas
                .iter()
                .filter(|a| AreaKind::of_code(&a.code) == k)
                .count()
        };
        let (lsoas, wards) = (count(AreaKind::Lsoa), count(AreaKind::Ward));
        if lsoas == 0 && wards == 0 {
            AreaKind::Other
        } else if wards > lsoas {
            AreaKind::Ward
        } else {
            AreaKind::Lsoa
        }
    }

    /// "neighbourhoods (LSOAs)", "wards", as the map and its table name them.
    pub fn plural(self) -> &'static str {
        match self {
            AreaKind::Lsoa => "neighbourhoods (LSOAs)",
            AreaKind::Ward => "wards",
            AreaKind::Other => "areas",
        }
    }

    /// The table's heading for one area.
    pub fn heading(self) -> &'static str {
        match self {
            AreaKind::Lsoa => "Neighbourhood (LSOA)",
            AreaKind::Ward => "Ward",
            AreaKind::Other => "Area",
        }
    }
}

/// One area as read from either format: its properties and its rings in degrees.
struct Feature<'a> {
    properties: &'a serde_json::Map<String, Value>,
    rings: Vec<Vec<(f64, f64)>>,
}

/// A GeoJSON FeatureCollection's areas (Polygon and MultiPolygon features).
fn geojson_features<'a>(json: &'a Value, file_name: &str) -> Result<Vec<Feature<'a>>, String> {
    let features = json["features"].as_array().ok_or_else(|| {
        format!("{file_name} is neither a GeoJSON FeatureCollection nor a TopoJSON Topology")
    })?;
    let mut out = Vec::new();
    for feature in features {
        let Some(properties) = feature["properties"].as_object() else {
            continue;
        };
        let geometry = &feature["geometry"];
        let polygons: Vec<&Value> = match geometry["type"].as_str() {
            Some("Polygon") => vec![&geometry["coordinates"]],
            Some("MultiPolygon") => geometry["coordinates"]
                .as_array()
                .map(|a| a.iter().collect())
                .unwrap_or_default(),
            _ => continue,
        };
        let rings = polygons
            .into_iter()
            .flat_map(|p| p.as_array().into_iter().flatten())
            .map(|ring| {
                ring.as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|p| Some((p[0].as_f64()?, p[1].as_f64()?)))
                    .collect()
            })
            .collect();
        out.push(Feature { properties, rings });
    }
    Ok(out)
}

/// A boundary file (ONS GeoJSON or TopoJSON of LSOAs or wards, in longitude
/// and latitude) as the compact text format (`asset`), ready to keep and to
/// parse; a file that is not usable gets one sentence naming it and why.
pub fn from_file(text: &str, file_name: &str) -> Result<String, String> {
    let json: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|_| {
        format!("{file_name} is not GeoJSON or TopoJSON (it could not be read as JSON)")
    })?;
    let decoded;
    let features: Vec<Feature> = if super::topojson::is_topology(&json) {
        decoded = super::topojson::decode(&json)
            .map_err(|e| format!("{file_name} is a TopoJSON file that cannot be read: {e}"))?;
        decoded
            .iter()
            .map(|a| Feature {
                properties: &a.properties,
                rings: a.rings.clone(),
            })
            .collect()
    } else {
        geojson_features(&json, file_name)?
    };
    let mut areas: Vec<QuantisedArea> = Vec::new();
    for feature in features {
        let properties = feature.properties;
        let Some(code) = property(properties, &is_area_code) else {
            continue;
        };
        let mut rings = Vec::new();
        for ring in &feature.rings {
            let mut points = Vec::with_capacity(ring.len());
            for &(lon, lat) in ring {
                if !lon.is_finite() || !lat.is_finite() || lon.abs() > 180.0 || lat.abs() > 90.0 {
                    return Err(format!(
                        "{file_name} gives its coordinates in metres (British National Grid?), not longitude and latitude: save it again in WGS84"
                    ));
                }
                points.push((
                    (lon * UNITS as f64).round() as i64,
                    (lat * UNITS as f64).round() as i64,
                ));
            }
            if let Some(kept) = simplify_ring(&points, TOLERANCE) {
                rings.push(kept);
            }
        }
        if rings.is_empty() {
            continue;
        }
        areas.push(QuantisedArea {
            code: code.trim().to_string(),
            name: property(properties, &is_area_name)
                .unwrap_or(code)
                .trim()
                .to_string(),
            group: property(properties, &is_district_code)
                .unwrap_or_default()
                .trim()
                .to_string(),
            rings,
        });
    }
    if areas.is_empty() {
        return Err(format!(
            "{file_name} has no areas with an ONS code (LSOA21CD, LSOA11CD, WD…CD) and an outline"
        ));
    }
    crate::core::sorting::sort_by(&mut areas, |a, b| a.code.cmp(&b.code));
    areas.dedup_by(|a, b| a.code == b.code);
    let header =
        format!("Boundaries from {file_name}, dropped by the user; kept in this browser only.");
    Ok(asset::write(&header, UNITS, &areas))
}

/// The file name a kept boundary file came from (its first comment line).
pub fn file_name_of(compact: &str) -> Option<&str> {
    compact
        .lines()
        .next()?
        .strip_prefix("# Boundaries from ")?
        .strip_suffix(", dropped by the user; kept in this browser only.")
}

/// The compact text back as boundaries (what `from_geojson` wrote, as kept).
pub fn read(text: &str) -> Result<Boundaries, String> {
    asset::parse(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"LSOA21CD":"E01024000","LSOA21NM":"Maidstone 001A","LAD22CD":"E07000110"},
       "geometry":{"type":"Polygon","coordinates":[[[0.5,51.2],[0.51,51.2],[0.51,51.21],[0.5,51.21],[0.5,51.2]]]}},
      {"type":"Feature","properties":{"WD22CD":"E05000001","WD22NM":"A ward"},
       "geometry":{"type":"MultiPolygon","coordinates":[[[[0.6,51.2],[0.61,51.2],[0.61,51.21],[0.6,51.2]]]]}},
      {"type":"Feature","properties":{"OTHER":"x"},"geometry":null}
    ]}"#;

    #[test]
    fn lsoas_and_wards_become_boundaries() {
        let text = from_file(FILE, "mine.geojson").unwrap();
        let b = read(&text).unwrap();
        assert_eq!(b.areas.len(), 2);
        let lsoa = b.get("E01024000").unwrap();
        assert_eq!(
            (lsoa.name.as_str(), lsoa.group.as_str()),
            ("Maidstone 001A", "E07000110")
        );
        assert_eq!(lsoa.rings[0].len(), 4);
        assert_eq!(b.get("E05000001").unwrap().name, "A ward");
    }

    /// The same two areas as `FILE`, as a quantised TopoJSON with a shared arc.
    const TOPO: &str = r#"{"type":"Topology",
      "transform":{"scale":[0.0001,0.0001],"translate":[0.5,51.2]},
      "arcs":[[[0,0],[100,0],[0,100],[-100,0],[0,-100]],[[1000,0],[100,0],[0,100],[-100,-100]]],
      "objects":{"areas":{"type":"GeometryCollection","geometries":[
        {"type":"Polygon","arcs":[[0]],"properties":{"LSOA21CD":"E01024000","LSOA21NM":"Maidstone 001A","LAD22CD":"E07000110"}},
        {"type":"MultiPolygon","arcs":[[[1]]],"properties":{"WD22CD":"E05000001","WD22NM":"A ward"}}
      ]}}}"#;

    #[test]
    fn topojson_gives_what_the_same_geojson_gives() {
        let from_geojson = from_file(FILE, "mine.json").unwrap();
        let from_topojson = from_file(TOPO, "mine.json").unwrap();
        assert_eq!(from_topojson, from_geojson);
        assert_eq!(file_name_of(&from_topojson), Some("mine.json"));
        let broken = TOPO.replace("[[0]]", "[[7]]");
        let said = from_file(&broken, "wards.topojson").unwrap_err();
        assert!(said.starts_with("wards.topojson is a TopoJSON file that cannot be read"));
        assert!(said.contains("arc 7"), "{said}");
    }

    #[test]
    fn the_kind_of_areas_from_their_codes() {
        assert_eq!(AreaKind::of_code("E01024000"), AreaKind::Lsoa);
        assert_eq!(AreaKind::of_code("w01000001"), AreaKind::Lsoa);
        assert_eq!(AreaKind::of_code("E05000001"), AreaKind::Ward);
        assert_eq!(AreaKind::of_code("W05000001"), AreaKind::Ward);
        assert_eq!(AreaKind::of_code("S01000001"), AreaKind::Other);
        assert_eq!(AreaKind::of_code("E07000110"), AreaKind::Other);
        let both = read(&from_file(FILE, "m.json").unwrap()).unwrap();
        assert_eq!(AreaKind::of(&both), AreaKind::Lsoa);
        let wards = FILE.replace("E01024000", "E05000002");
        let wards = read(&from_file(&wards, "w.json").unwrap()).unwrap();
        assert_eq!(AreaKind::of(&wards), AreaKind::Ward);
        assert_eq!(AreaKind::Ward.plural(), "wards");
    }

    #[test]
    fn unusable_files_are_a_sentence() {
        assert!(from_file("<html>", "a.geojson")
            .unwrap_err()
            .starts_with("a.geojson is not GeoJSON or TopoJSON"));
        assert!(from_file("{}", "a.geojson")
            .unwrap_err()
            .contains("neither a GeoJSON FeatureCollection nor a TopoJSON"));
        let metres = FILE.replace("[0.5,51.2]", "[550000,160000]");
        assert!(from_file(&metres, "bng.geojson")
            .unwrap_err()
            .contains("WGS84"));
        let none = r#"{"type":"FeatureCollection","features":[]}"#;
        assert!(from_file(none, "e.geojson")
            .unwrap_err()
            .contains("no areas"));
    }
}
