//! A boundary file the user drops (ONS GeoJSON of LSOAs, in longitude and
//! latitude), turned into the same compact boundaries the built-in files hold,
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

/// The GeoJSON as the compact text format (`asset`), ready to keep and to
/// parse; a file that is not usable gets one sentence naming it and why.
pub fn from_geojson(text: &str, file_name: &str) -> Result<String, String> {
    let json: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|_| format!("{file_name} is not GeoJSON (it could not be read as JSON)"))?;
    let features = json["features"]
        .as_array()
        .ok_or_else(|| format!("{file_name} is not a GeoJSON FeatureCollection"))?;
    let mut areas: Vec<QuantisedArea> = Vec::new();
    for feature in features {
        let Some(properties) = feature["properties"].as_object() else {
            continue;
        };
        let Some(code) = property(properties, &is_area_code) else {
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
        let mut rings = Vec::new();
        for ring in polygons
            .into_iter()
            .flat_map(|p| p.as_array().into_iter().flatten())
        {
            let mut points = Vec::new();
            for point in ring.as_array().into_iter().flatten() {
                let (Some(lon), Some(lat)) = (point[0].as_f64(), point[1].as_f64()) else {
                    continue;
                };
                if lon.abs() > 180.0 || lat.abs() > 90.0 {
                    return Err(format!(
                        "{file_name} gives its coordinates in metres (British National Grid?), not longitude and latitude: save it again as GeoJSON in WGS84"
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
        let text = from_geojson(FILE, "mine.geojson").unwrap();
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

    #[test]
    fn unusable_files_are_a_sentence() {
        assert!(from_geojson("<html>", "a.geojson")
            .unwrap_err()
            .starts_with("a.geojson is not GeoJSON"));
        assert!(from_geojson("{}", "a.geojson")
            .unwrap_err()
            .contains("FeatureCollection"));
        let metres = FILE.replace("[0.5,51.2]", "[550000,160000]");
        assert!(from_geojson(&metres, "bng.geojson")
            .unwrap_err()
            .contains("WGS84"));
        let none = r#"{"type":"FeatureCollection","features":[]}"#;
        assert!(from_geojson(none, "e.geojson")
            .unwrap_err()
            .contains("no areas"));
    }
}
