//! Writes the boundaries the maps draw, under `public/maps/`, from the ONS
//! boundary files in `../shared/data/geo/boundaries/` (Open Government Licence
//! v3.0; contains OS data © Crown copyright and database right):
//! - `districts.txt`: every district of England and Wales, from Local Authority
//!   Districts (December 2022) BUC; the districts made in 2023 from several
//!   (Cumberland, North Yorkshire, Somerset, Westmorland and Furness) are drawn
//!   as the districts they replaced, which the built-in geography names;
//! - `lsoa11/DISTRICT.txt`, `lsoa21/DISTRICT.txt`: the LSOAs (2011 and 2021) of
//!   each district of Kent and Medway (the Kent police force area) and of the
//!   City of London (2011 with the six boroughs around it, whose LSOAs City of
//!   London Police records also appear in; 2021 the City alone), one file per
//!   district so the neighbourhood map fetches only its own;
//! - `index.txt`: which LSOA files there are.
//!
//! Coordinates are quantised to whole units (1/2,000 of a degree for
//! districts, 1/10,000 for LSOAs, about 55 m and 11 m north–south) and each
//! ring simplified (Douglas–Peucker) within 1.5 and 1 unit. The output is
//! byte-for-byte reproducible; `make check-boundaries` fails when the committed
//! files differ from what this writes.
//!
//! Run: `cargo run --example make_boundaries -- ../shared/data/geo public/maps`

mod common;

use common::two_args;
use csp_workbench::core::geography::{self, Kind};
use csp_workbench::core::maps::asset::{self, QuantisedArea};
use csp_workbench::core::maps::simplify::simplify_ring;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

const LAD: &str = "boundaries/Local_Authority_Districts_(December_2022)_Boundaries_UK_BUC.geojson";
const DISTRICT_UNITS: u32 = 2_000;
const DISTRICT_TOLERANCE: f64 = 1.5;
const LSOA_UNITS: u32 = 10_000;
const LSOA_TOLERANCE: f64 = 1.0;

struct LsoaSet {
    vintage: &'static str,
    sources: &'static [&'static str],
}

const LSOA_SETS: &[LsoaSet] = &[
    LsoaSet {
        vintage: "2011",
        sources: &[
            "boundaries/lsoa_kent/lsoa11_E10000016_Kent.geojson",
            "boundaries/lsoa_kent/lsoa11_E06000035_Medway.geojson",
        ],
    },
    LsoaSet {
        vintage: "2021",
        sources: &[
            "boundaries/lsoa_kent/lsoa21_E10000016_Kent.geojson",
            "boundaries/lsoa_kent/lsoa21_E06000035_Medway.geojson",
        ],
    },
    LsoaSet {
        vintage: "2011",
        sources: &[
            "boundaries/lsoa_london/lsoa11_E09000001_City_of_London.geojson",
            "boundaries/lsoa_london/lsoa11_E09000007_Camden.geojson",
            "boundaries/lsoa_london/lsoa11_E09000012_Hackney.geojson",
            "boundaries/lsoa_london/lsoa11_E09000019_Islington.geojson",
            "boundaries/lsoa_london/lsoa11_E09000028_Southwark.geojson",
            "boundaries/lsoa_london/lsoa11_E09000030_Tower_Hamlets.geojson",
            "boundaries/lsoa_london/lsoa11_E09000033_Westminster.geojson",
        ],
    },
    LsoaSet {
        vintage: "2021",
        sources: &["boundaries/lsoa_london/lsoa21_E09000001_City_of_London.geojson"],
    },
];

fn read_json(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Every ring of a Polygon or MultiPolygon, quantised and simplified.
fn rings(geometry: &Value, units: u32, tolerance: f64) -> Vec<Vec<(i64, i64)>> {
    let polygons: Vec<&Value> = match geometry["type"].as_str() {
        Some("Polygon") => vec![&geometry["coordinates"]],
        Some("MultiPolygon") => geometry["coordinates"]
            .as_array()
            .map(|a| a.iter().collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let quantise = |v: &Value| (v.as_f64().unwrap_or(0.0) * units as f64).round() as i64;
    polygons
        .into_iter()
        .flat_map(|p| p.as_array().cloned().unwrap_or_default())
        .filter_map(|ring| {
            let points: Vec<(i64, i64)> = ring
                .as_array()?
                .iter()
                .map(|pt| (quantise(&pt[0]), quantise(&pt[1])))
                .collect();
            simplify_ring(&points, tolerance)
        })
        .collect()
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

fn write(out: &Path, name: &str, contents: &str) -> Result<(), String> {
    let path = out.join(name);
    std::fs::write(&path, contents).map_err(|e| format!("{}: {e}", path.display()))?;
    eprintln!("{}: {} bytes", path.display(), contents.len());
    Ok(())
}

fn main() -> Result<(), String> {
    let (geo, out) = two_args("make_boundaries", "GEO_DIR OUTPUT_DIR")?;
    let (geo, out) = (Path::new(&geo), Path::new(&out));
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;

    // Districts of England and Wales.
    let lad = read_json(&geo.join(LAD))?;
    let mut districts: BTreeMap<String, QuantisedArea> = BTreeMap::new();
    for feature in lad["features"].as_array().into_iter().flatten() {
        let code = text(&feature["properties"]["LAD22CD"]);
        if !(code.starts_with('E') || code.starts_with('W')) {
            continue;
        }
        let rings = rings(&feature["geometry"], DISTRICT_UNITS, DISTRICT_TOLERANCE);
        if rings.is_empty() {
            return Err(format!("{code} has no outline left after simplifying"));
        }
        districts.insert(
            code.clone(),
            QuantisedArea {
                code,
                name: text(&feature["properties"]["LAD22NM"]),
                group: String::new(),
                rings,
            },
        );
    }
    // A current district missing from the 2022 file is drawn as the districts it replaced.
    let national = geography::national();
    let mut made = Vec::new();
    for area in national.areas() {
        if area.kind != Kind::District || !area.is_current() || districts.contains_key(&area.code) {
            continue;
        }
        if !(area.code.starts_with('E') || area.code.starts_with('W')) {
            continue;
        }
        let former: Vec<&QuantisedArea> = national
            .areas()
            .iter()
            .filter(|a| a.kind == Kind::District && a.successors.contains(&area.code))
            .filter_map(|a| districts.get(&a.code))
            .collect();
        if former.is_empty() {
            continue;
        }
        made.push(QuantisedArea {
            code: area.code.clone(),
            name: area.name.clone(),
            group: String::new(),
            rings: former.iter().flat_map(|f| f.rings.clone()).collect(),
        });
    }
    let made_names: Vec<String> = made.iter().map(|m| m.name.clone()).collect();
    for m in made {
        districts.insert(m.code.clone(), m);
    }
    let header = format!(
        "Local authority districts of England and Wales: ONS Local Authority Districts (December 2022)\n\
         Boundaries UK BUC, Open Government Licence v3.0; contains OS data (c) Crown copyright and\n\
         database right. Quantised to 1/{DISTRICT_UNITS} degree, simplified within {DISTRICT_TOLERANCE} units.\n\
         Drawn as the districts they replaced: {}.\n\
         Written by examples/make_boundaries.rs (make boundaries); do not edit.",
        made_names.join(", ")
    );
    let districts: Vec<QuantisedArea> = districts.into_values().collect();
    write(
        out,
        "districts.txt",
        &asset::write(&header, DISTRICT_UNITS, &districts),
    )?;

    // LSOAs, with the district each lies in.
    let mut index = String::from(
        "# The LSOA boundary files, one per district: L vintage district file.\n\
         # Written by examples/make_boundaries.rs (make boundaries); do not edit.\n",
    );
    for set in LSOA_SETS {
        let mut areas: BTreeMap<String, QuantisedArea> = BTreeMap::new();
        for source in set.sources {
            let json = read_json(&geo.join(source))?;
            for feature in json["features"].as_array().into_iter().flatten() {
                let p = &feature["properties"];
                let code = text(&p[format!("LSOA{}CD", &set.vintage[2..]).as_str()]);
                let rings = rings(&feature["geometry"], LSOA_UNITS, LSOA_TOLERANCE);
                if code.is_empty() || rings.is_empty() {
                    return Err(format!("{source}: a feature without a code or an outline"));
                }
                areas.insert(
                    code.clone(),
                    QuantisedArea {
                        code,
                        name: text(&p[format!("LSOA{}NM", &set.vintage[2..]).as_str()]),
                        group: text(&p["LADCD_ACTIVE"]),
                        rings,
                    },
                );
            }
        }
        // One file per district: the neighbourhood map fetches only its own.
        let dir = format!("lsoa{}", &set.vintage[2..]);
        std::fs::create_dir_all(out.join(&dir)).map_err(|e| format!("{dir}: {e}"))?;
        let mut by_district: BTreeMap<String, Vec<QuantisedArea>> = BTreeMap::new();
        for area in areas.into_values() {
            by_district
                .entry(area.group.clone())
                .or_default()
                .push(area);
        }
        for (district, areas) in by_district {
            let file = format!("{dir}/{district}.txt");
            index.push_str(&format!("L\t{}\t{district}\t{file}\n", set.vintage));
            let header = format!(
                "Lower layer super output areas ({vintage}) of district {district}: ONS LSOA ({vintage})\n\
                 boundaries, generalised clipped (BGC), split by area in drkane/geo-lookups; Open Government\n\
                 Licence v3.0; contains OS data (c) Crown copyright and database right. Quantised to\n\
                 1/{LSOA_UNITS} degree, simplified within {LSOA_TOLERANCE} unit.\n\
                 Written by examples/make_boundaries.rs (make boundaries); do not edit.",
                vintage = set.vintage
            );
            write(out, &file, &asset::write(&header, LSOA_UNITS, &areas))?;
        }
    }
    write(out, "index.txt", &index)?;
    Ok(())
}
