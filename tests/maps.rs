//! The district map over the built-in sample and the shipped boundaries: every
//! Kent district drawn, each coloured by the class of the figure its table row
//! shows, the local area outlined, and the shipped boundary files all readable.

use csp_workbench::core::maps::{self, asset, MapValue};

mod common;

use common::{assess_over_population, sample, tunbridge_wells};

fn districts() -> asset::Boundaries {
    let text =
        std::fs::read_to_string("public/maps/districts.txt").expect("public/maps/districts.txt");
    asset::parse(&text).expect("the districts file reads")
}

/// Each `<path class="map-area" …>` as (data-code, data-class, aria-label).
fn areas(svg: &str) -> Vec<(String, String, String)> {
    let attr = |tag: &str, name: &str| {
        let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        let end = start + tag[start..].find('"')?;
        Some(tag[start..end].to_string())
    };
    svg.split("<path ")
        .skip(1)
        .filter(|t| t.starts_with("id=") && t.contains("class=\"map-area\""))
        .map(|t| {
            let tag = &t[..t.find('>').unwrap()];
            (
                attr(tag, "data-code").unwrap(),
                attr(tag, "data-class").unwrap(),
                attr(tag, "aria-label").unwrap(),
            )
        })
        .collect()
}

/// Each area's fill, checked against the legend: the fill of the legend's swatch
/// for the class the area states (`data-class`), or the "no figure" hatching.
fn assert_filled_as_the_legend_says(svg: &str) {
    let fill = |tag: &str| {
        let start = tag.find(" fill=\"").unwrap() + 7;
        tag[start..start + tag[start..].find('"').unwrap()].to_string()
    };
    let legend = &svg[svg.find("class=\"map-legend\"").unwrap()..];
    let swatches: Vec<String> = legend.split("<rect ").skip(1).map(fill).collect();
    let areas = svg
        .split("<path ")
        .skip(1)
        .filter(|t| t.contains("class=\"map-area\""));
    let mut seen = 0;
    for tag in areas {
        let tag = &tag[..tag.find('>').unwrap()];
        let class = &tag[tag.find("data-class=\"").unwrap() + 12..];
        let class = &class[..class.find('"').unwrap()];
        let expected = match class.parse::<usize>() {
            Ok(c) => &swatches[c],
            Err(_) => swatches.iter().find(|s| s.starts_with("url(")).unwrap(),
        };
        assert_eq!(&fill(tag), expected, "{tag}");
        seen += 1;
    }
    assert!(seen > 0);
    // The classes' colours differ, so the fill tells one class from another.
    let classes = &swatches[..swatches.iter().position(|s| s.starts_with("url(")).unwrap()];
    let distinct: std::collections::BTreeSet<&String> = classes.iter().collect();
    assert_eq!(distinct.len(), classes.len(), "{classes:?}");
}

#[test]
fn every_shipped_boundary_file_reads_and_covers_its_districts() {
    let d = districts();
    // 309 English and 22 Welsh districts of 2022, and 4 made in 2023 from them.
    assert_eq!(d.areas.len(), 335);
    for code in ["E07000116", "E06000063", "W06000015", "E09000001"] {
        assert!(d.get(code).is_some(), "{code}");
    }
    let index = std::fs::read_to_string("public/maps/index.txt").unwrap();
    let mut files = 0;
    for line in index.lines().filter(|l| l.starts_with("L\t")) {
        let fields: Vec<&str> = line.split('\t').collect();
        let (district, file) = (fields[2], fields[3]);
        let lsoas = asset::parse(&std::fs::read_to_string(format!("public/maps/{file}")).unwrap())
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(lsoas.areas.iter().all(|a| a.group == district), "{file}");
        files += 1;
    }
    // Kent's 12 districts and Medway, two vintages; the City of London and six boroughs, 2011; the City, 2021.
    assert_eq!(files, 13 * 2 + 7 + 1);
}

/// The districts compared on drug offences (the sample's published figures).
fn drug_offences(
    a: &csp_workbench::core::assessment::Assessment,
) -> &csp_workbench::core::assessment::DistrictComparison {
    a.comparisons
        .iter()
        .find(|c| c.measure == "Drug offences")
        .expect("drug offences compared")
}

#[test]
fn the_district_map_colours_each_district_by_its_rate() {
    let data = sample();
    let a = tunbridge_wells(&data);
    let comparison = drug_offences(&a);
    let map =
        maps::district_map(comparison, &districts(), "Tunbridge Wells", MapValue::Rate).unwrap();
    if let Ok(path) = std::env::var("CSPW_MAP_SVG") {
        // To look at the map: CSPW_MAP_SVG=/tmp/map.svg cargo test --test maps
        std::fs::write(path, &map.svg).unwrap();
    }
    let drawn = areas(&map.svg);
    assert_eq!(drawn.len(), 12, "Kent's twelve districts");
    assert_eq!(map.areas, 12);
    assert_eq!(
        map.table.headers,
        ["District", "Count", "Per 1,000 population", "Class"]
    );
    // Table rows and areas in the same (keyboard) order, with the same figure and class.
    for (row, (code, class, label)) in map.table.rows.iter().zip(&drawn) {
        let d = comparison
            .districts
            .iter()
            .find(|d| d.area == row[0])
            .unwrap();
        let rate = d.rate.unwrap();
        assert_eq!(row[2], csp_workbench::core::format::number(rate, 2));
        assert!(
            label.starts_with(&format!("{}: {} per 1,000 ({})", row[0], row[2], row[3])),
            "{label}"
        );
        let geo = csp_workbench::core::geography::national();
        assert_eq!(&geo.find_area(&row[0]).unwrap().code, code);
        assert_ne!(class, "none");
    }
    // Tunbridge Wells: 1.8 per 1,000, 11th of 12 — in the top class, and outlined.
    let tw = map
        .table
        .rows
        .iter()
        .position(|r| r[0] == "Tunbridge Wells")
        .unwrap();
    assert_eq!(tw, 10);
    assert!(
        map.table.rows[tw][3].ends_with("and over"),
        "{:?}",
        map.table.rows[tw]
    );
    assert!(map.svg.contains("class=\"map-outline\""));
    assert!(
        map.description.contains("Tunbridge Wells, outlined: 1.8"),
        "{}",
        map.description
    );
    assert!(map
        .description
        .starts_with("Map of 12 districts in Kent by drug offences per 1,000 population"));
    assert_filled_as_the_legend_says(&map.svg);
    // Classes hold about equal numbers of districts, lowest first.
    let classes: Vec<usize> = drawn.iter().map(|(_, c, _)| c.parse().unwrap()).collect();
    assert!(classes.windows(2).all(|w| w[0] <= w[1]), "{classes:?}");
}

#[test]
fn counts_and_changes_map_too() {
    let data = sample();
    let a = tunbridge_wells(&data);
    let comparison = a
        .comparisons
        .iter()
        .find(|c| c.measure == "All crime")
        .unwrap();
    let count =
        maps::district_map(comparison, &districts(), "Tunbridge Wells", MapValue::Count).unwrap();
    let tw = count
        .table
        .rows
        .iter()
        .find(|r| r[0] == "Tunbridge Wells")
        .unwrap();
    assert_eq!(tw[1], "5,040");
    let change = maps::district_map(
        comparison,
        &districts(),
        "Tunbridge Wells",
        MapValue::Change,
    )
    .unwrap();
    let tw = change
        .table
        .rows
        .iter()
        .find(|r| r[0] == "Tunbridge Wells")
        .unwrap();
    // 4,998 → 5,040: +0.8%, no change or a small rise.
    assert_eq!(&tw[1..4], ["4,998", "5,040", "+0.8%"]);
    assert!(tw[4].starts_with("no change or a rise under"), "{tw:?}");
    assert!(change.svg.contains("#fee0b6"), "the diverging scale");
    assert_filled_as_the_legend_says(&count.svg);
    assert_filled_as_the_legend_says(&change.svg);
}

/// Street records per LSOA code in 2020, "Anti-social behaviour" left out as
/// the importer's "All crime" leaves it, straight from the raw CSV rows.
fn raw_city_counts_2020() -> std::collections::BTreeMap<String, u64> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/geo/policeuk");
    let mut counts = std::collections::BTreeMap::new();
    for month in std::fs::read_dir(&root).unwrap() {
        let month = month.unwrap().path();
        if !month
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("2020-")
        {
            continue;
        }
        for file in std::fs::read_dir(&month).unwrap() {
            let path = file.unwrap().path();
            if !path.to_string_lossy().ends_with("-street.csv") {
                continue;
            }
            let mut reader = csv::Reader::from_path(&path).unwrap();
            let header = reader.headers().unwrap().clone();
            let at = |name: &str| header.iter().position(|h| h == name).unwrap();
            let (lsoa, kind) = (at("LSOA code"), at("Crime type"));
            for r in reader.records() {
                let r = r.unwrap();
                if r[kind].eq_ignore_ascii_case("Anti-social behaviour") || r[lsoa].is_empty() {
                    continue;
                }
                *counts.entry(r[lsoa].to_string()).or_insert(0) += 1;
            }
        }
    }
    counts
}

#[test]
fn the_neighbourhood_map_colours_the_city_of_londons_lsoas_by_the_raw_rows() {
    use csp_workbench::core::dataset::{district_counts, ALL_CRIME};
    use csp_workbench::core::period::Period;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/geo/policeuk");
    let data = csp_workbench::core::ingest::import_folder(&root).unwrap();
    let year = Period::calendar_year(2020);
    let counts = district_counts(&data.lsoa_tallies, "City of London", ALL_CRIME, year).unwrap();
    let lsoa11 =
        asset::parse(&std::fs::read_to_string("public/maps/lsoa11/E09000001.txt").unwrap())
            .unwrap();
    let lsoa21 =
        asset::parse(&std::fs::read_to_string("public/maps/lsoa21/E09000001.txt").unwrap())
            .unwrap();
    // The records use 2011 codes: that file matches them all.
    assert!(maps::matching_codes(&counts, &lsoa11) >= maps::matching_codes(&counts, &lsoa21));
    let map = maps::neighbourhood_map(&counts, &lsoa11, ALL_CRIME, &year).unwrap();
    let raw = raw_city_counts_2020();
    let drawn = areas(&map.svg);
    assert_eq!(drawn.len(), 6, "the City's six LSOAs");
    assert_eq!(
        map.table.headers,
        ["Neighbourhood (LSOA)", "Code", "Records", "Class"]
    );
    for (row, (code, class, label)) in map.table.rows.iter().zip(&drawn) {
        assert_eq!(&row[1], code);
        let expected = raw.get(code).copied().unwrap_or(0);
        assert_eq!(
            row[2],
            csp_workbench::core::format::count(expected as f64),
            "{code}"
        );
        assert!(
            label.starts_with(&format!("{}: {} ({})", row[0], row[2], row[3])),
            "{label}"
        );
        assert_ne!(class, "none");
    }
    assert_filled_as_the_legend_says(&map.svg);
    // Highest first.
    let figures: Vec<u64> = map
        .table
        .rows
        .iter()
        .map(|r| r[2].replace(',', "").parse().unwrap())
        .collect();
    assert!(figures.windows(2).all(|w| w[0] >= w[1]), "{figures:?}");
    assert!(
        map.description
            .contains("neighbourhoods (LSOAs) of City of London"),
        "{}",
        map.description
    );
}

#[test]
fn the_board_pack_draws_the_priorities_district_maps_as_svg() {
    use csp_workbench::core::board::{board_items, board_maps};
    use csp_workbench::core::board_pack::board_pack_html;
    let data = sample();
    let a = tunbridge_wells(&data);
    let maps = board_maps(&a, &districts());
    assert!(!maps.is_empty());
    // One map per recommended priority that districts are compared on.
    let items = board_items(&a);
    for m in &maps {
        assert!(items.iter().any(|i| i.measure == m.measure));
        assert!(m.option_json.is_empty());
    }
    let html = board_pack_html(&data, &a, &maps, "/* echarts */", "27 November 2026");
    assert_eq!(
        html.matches("<figure class=\"map\"><svg").count(),
        maps.len()
    );
    assert!(html.contains("class=\"map-area\""));
    // No keyboard stops without a script, and nothing the pack's CSP would block.
    assert!(!html.contains("tabindex=\"-1\"") && !html.contains(" style=\""));
    // Maps are not ECharts options (the overview's spine chart is).
    let data_block = html.split("id=\"chart-data\">").nth(1).unwrap();
    let data_block = &data_block[..data_block.find("</script>").unwrap()];
    for m in &maps {
        assert!(
            !data_block.contains(&format!("\"{}\"", m.id)),
            "map {} drawn as an ECharts option",
            m.id
        );
    }
}

/// The City of London's 2021 LSOAs as published (GeoJSON) and as TopoJSON
/// (`tests/fixtures/…topojson`, written from that GeoJSON by topojson-server
/// 3.0.1 and quantised to 100,000 steps by topojson-client 3.1.0, so its
/// rings are cut into shared arcs and delta-encoded): both decoders give the
/// same areas, each ring the same points to within the quantisation step.
#[test]
fn topojson_and_geojson_of_the_city_agree() {
    use csp_workbench::core::maps::topojson;
    use csp_workbench::core::maps::user_boundaries::{self, AreaKind};
    let Some(geo) = common::shared_data("geo") else {
        return;
    };
    let geojson_text = std::fs::read_to_string(
        geo.join("boundaries/lsoa_london/lsoa21_E09000001_City_of_London.geojson"),
    )
    .unwrap();
    let topo_text =
        std::fs::read_to_string("tests/fixtures/lsoa21_E09000001_City_of_London.topojson").unwrap();
    let geojson: serde_json::Value = serde_json::from_str(&geojson_text).unwrap();
    let topo: serde_json::Value = serde_json::from_str(&topo_text).unwrap();
    let decoded = topojson::decode(&topo).unwrap();
    let features = geojson["features"].as_array().unwrap();
    assert_eq!(decoded.len(), features.len());
    // The quantisation step: the bounding box over 100,000 steps.
    let step = 0.05 / 100_000.0;
    for feature in features {
        let code = feature["properties"]["LSOA21CD"].as_str().unwrap();
        let area = decoded
            .iter()
            .find(|a| a.properties["LSOA21CD"] == code)
            .unwrap_or_else(|| panic!("{code} not in the TopoJSON"));
        let geometry = &feature["geometry"];
        let polygons: Vec<&serde_json::Value> = match geometry["type"].as_str().unwrap() {
            "Polygon" => vec![&geometry["coordinates"]],
            _ => geometry["coordinates"].as_array().unwrap().iter().collect(),
        };
        let rings: Vec<Vec<(f64, f64)>> = polygons
            .iter()
            .flat_map(|p| p.as_array().unwrap())
            .map(|r| {
                r.as_array()
                    .unwrap()
                    .iter()
                    .map(|p| (p[0].as_f64().unwrap(), p[1].as_f64().unwrap()))
                    .collect()
            })
            .collect();
        assert_eq!(area.rings.len(), rings.len(), "{code}");
        for (mine, published) in area.rings.iter().zip(&rings) {
            // The topology may start a ring at another of its points (where
            // arcs meet), so compare as closed rings: the same points, each
            // within a step of one of the other's.
            assert_eq!(mine.len(), published.len(), "{code}");
            for p in published {
                let nearest = mine
                    .iter()
                    .map(|q| (q.0 - p.0).abs().max((q.1 - p.1).abs()))
                    .fold(f64::INFINITY, f64::min);
                assert!(
                    nearest <= step,
                    "{code}: {p:?} is {nearest} from the TopoJSON ring"
                );
            }
        }
    }
    // And through the boundary file a user drops: the same areas, named and
    // grouped alike, read as LSOAs.
    let from_geojson =
        user_boundaries::read(&user_boundaries::from_file(&geojson_text, "c.geojson").unwrap())
            .unwrap();
    let from_topo =
        user_boundaries::read(&user_boundaries::from_file(&topo_text, "c.topojson").unwrap())
            .unwrap();
    let names = |b: &asset::Boundaries| {
        b.areas
            .iter()
            .map(|a| (a.code.clone(), a.name.clone(), a.group.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&from_topo), names(&from_geojson));
    assert_eq!(AreaKind::of(&from_topo), AreaKind::Lsoa);
}

/// The City of London's records counted by ward through the shipped LSOA →
/// ward lookup (`dataset::ward_counts`) and drawn on a ward boundary file (one
/// square per ward, as a user might drop): each ward's figure equals the raw
/// rows summed by the ward the ONS lookup gives each row's LSOA, with "no
/// figure" for the wards no LSOA is fitted to.
#[test]
fn the_city_of_londons_records_by_ward_drawn_on_a_ward_file() {
    use csp_workbench::core::dataset::{ward_counts, ALL_CRIME};
    use csp_workbench::core::geography::wards::LsoaWards;
    use csp_workbench::core::maps::user_boundaries::{self, AreaKind};
    use csp_workbench::core::period::Period;
    use std::collections::BTreeMap;
    let Some(geo) = common::shared_data("geo") else {
        return;
    };
    let lookup =
        LsoaWards::parse(&std::fs::read_to_string("public/geo/lsoa-wards.txt").unwrap()).unwrap();
    // The ONS lookup itself, read apart from the asset.
    let text =
        std::fs::read_to_string(geo.join("lookups/lookup_lsoa21_ward24_ltla24.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let mut ward_of: BTreeMap<String, (String, String)> = BTreeMap::new();
    for record in reader.records() {
        let r: BTreeMap<String, String> = header
            .iter()
            .cloned()
            .zip(record.unwrap().iter().map(String::from))
            .collect();
        ward_of.insert(
            r["lsoa21_code"].clone(),
            (r["ward24_code"].clone(), r["ltla24_code"].clone()),
        );
    }
    // The City of London police's files also place records in neighbouring
    // boroughs' LSOAs: the City's own are those in its wards.
    let mut raw: BTreeMap<String, u64> = BTreeMap::new();
    for (lsoa, n) in raw_city_counts_2020() {
        if let Some((ward, district)) = ward_of.get(&lsoa) {
            if district == "E09000001" {
                *raw.entry(ward.clone()).or_default() += n;
            }
        }
    }

    let data = csp_workbench::core::ingest::import_folder(&geo.join("policeuk")).unwrap();
    let year = Period::calendar_year(2020);
    let wards = ward_counts(
        &data.lsoa_tallies,
        &lookup,
        "City of London",
        ALL_CRIME,
        year,
    )
    .unwrap();
    let counts = maps::ward_map_counts(&wards);
    let got: BTreeMap<String, u64> = counts
        .lsoas
        .iter()
        .filter(|w| w.count > 0)
        .map(|w| (w.code.clone(), w.count))
        .collect();
    assert_eq!(got, raw);

    // A ward boundary file: every City ward of the lookup as a small square,
    // and one the lookup fits no LSOA to (as a ward of another year would be).
    let unfitted = csp_workbench::core::geography::wards::Ward {
        code: "E05999999".to_string(),
        name: "A ward of another year".to_string(),
        district: "E09000001".to_string(),
    };
    let features: Vec<String> = lookup
        .wards_of("E09000001")
        .chain(std::iter::once(&unfitted))
        .enumerate()
        .map(|(i, w)| {
            let x = -0.11 + 0.002 * i as f64;
            format!(
                r#"{{"type":"Feature","properties":{{"WD24CD":"{}","WD24NM":"{}","LAD24CD":"E09000001"}},"geometry":{{"type":"Polygon","coordinates":[[[{x},51.51],[{},51.51],[{},51.512],[{x},51.512],[{x},51.51]]]}}}}"#,
                w.code,
                w.name,
                x + 0.0015,
                x + 0.0015
            )
        })
        .collect();
    let file = format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        features.join(",")
    );
    let boundaries =
        user_boundaries::read(&user_boundaries::from_file(&file, "wards.geojson").unwrap())
            .unwrap();
    assert_eq!(AreaKind::of(&boundaries), AreaKind::Ward);
    let map =
        maps::neighbourhood_map_of(&counts, &boundaries, AreaKind::Ward, ALL_CRIME, &year).unwrap();
    assert_eq!(map.table.headers[0], "Ward");
    assert_eq!(map.areas, boundaries.areas.len());
    let mut no_figure = 0;
    for row in &map.table.rows {
        match raw.get(&row[1]) {
            Some(n) => assert_eq!(row[2], csp_workbench::core::format::count(*n as f64)),
            None if counts.lsoas.iter().any(|w| w.code == row[1]) => assert_eq!(row[2], "0"),
            None => {
                assert_eq!(row[2], "no figure", "{row:?}");
                no_figure += 1;
            }
        }
    }
    assert!(
        no_figure > 0,
        "the City has more wards than LSOAs: some have none fitted"
    );
    assert!(map.title.contains("by ward"), "{}", map.title);
    assert!(
        map.description.contains("best-fit lookup"),
        "{}",
        map.description
    );
}

/// The district map draws the districts the local area is ranked among, not
/// always the county's: a group of four Kent districts the user gave is drawn
/// as those four, each filled as its row's class says, the local area outlined.
#[test]
fn the_district_map_follows_the_chosen_peer_group() {
    use csp_workbench::core::assessment::targets::sample_targets;
    use csp_workbench::core::assessment::{assess, Options, PeerGroup, PrioritySettings};
    let data = sample();
    let names = [
        "Tunbridge Wells",
        "Sevenoaks",
        "Tonbridge and Malling",
        "Maidstone",
    ];
    let (group, unknown) = PeerGroup::imported("West Kent", &names.join("\n"));
    assert!(unknown.is_empty());
    let options = Options {
        area: Some("Tunbridge Wells".into()),
        peers: Some(group),
        ..Options::default()
    };
    let a = assess(
        &data,
        &options,
        &sample_targets(),
        &PrioritySettings::default(),
    )
    .unwrap();
    let comparison = drug_offences(&a);
    let map =
        maps::district_map(comparison, &districts(), "Tunbridge Wells", MapValue::Rate).unwrap();
    let geo = csp_workbench::core::geography::national();
    let mut drawn: Vec<String> = areas(&map.svg)
        .into_iter()
        .map(|(code, _, _)| code)
        .collect();
    let mut expected: Vec<String> = names
        .iter()
        .map(|n| geo.find_area(n).unwrap().code.clone())
        .collect();
    drawn.sort();
    expected.sort();
    assert_eq!(drawn, expected);
    assert_eq!(map.table.rows.len(), 4);
    assert_filled_as_the_legend_says(&map.svg);
    assert!(map.svg.contains("class=\"map-outline\""));
}

/// "Compared with: the force area" and "the region": with a generated file
/// holding a figure for every district of Kent's police force area (Kent's
/// twelve and Medway) and of the South East, and the force's and the region's
/// totals, the district map draws exactly that group's districts, each with the
/// file's own figure (its count, and its rate over the built-in population), and
/// none hatched "no figure".
#[test]
fn the_district_map_of_the_force_area_and_the_region() {
    use csp_workbench::core::assessment::options::comparison_choices;
    use csp_workbench::core::assessment::Options;
    use csp_workbench::core::geography::{Kind, Population};
    use std::collections::BTreeMap;
    let geo = csp_workbench::core::geography::national();
    let group = |name: &str| -> Vec<(String, String)> {
        let id = geo
            .candidates(name)
            .into_iter()
            .find(|id| !matches!(geo.area(*id).kind, Kind::District | Kind::Csp))
            .unwrap_or_else(|| panic!("{name}"));
        geo.districts_of(id)
            .into_iter()
            .map(|d| geo.area(d))
            .filter(|a| a.kind == Kind::District)
            .map(|a| (a.code.clone(), a.name.clone()))
            .collect()
    };
    let force = group("Kent (force)");
    let region = group("South East");
    assert_eq!(force.len(), 13, "{force:?}");
    assert!(region.len() > 60, "{}", region.len());
    // Each district's figures, distinct and made up here; the force's and the region's their sums.
    let mut figures: BTreeMap<String, [u64; 2]> = BTreeMap::new();
    for (i, (_, name)) in region.iter().chain(&force).enumerate() {
        figures
            .entry(name.clone())
            .or_insert([2_000 + 37 * i as u64, 2_100 + 41 * i as u64]);
    }
    let mut csv = String::from("Area,Year,Measure,Value\n");
    for (name, [before, after]) in &figures {
        csv.push_str(&format!(
            "{name},2022,All crime,{before}\n{name},2023,All crime,{after}\n"
        ));
    }
    for (total, members) in [("Kent Police", &force), ("South East", &region)] {
        let sum = |k: usize| members.iter().map(|(_, n)| figures[n][k]).sum::<u64>();
        csv.push_str(&format!(
            "{total},2022,All crime,{}\n{total},2023,All crime,{}\n",
            sum(0),
            sum(1)
        ));
    }
    let data = csp_workbench::core::ingest::import_file("south-east.csv", csv.as_bytes()).unwrap();
    let population =
        Population::parse(&std::fs::read_to_string("public/geography/population.tsv").unwrap())
            .unwrap();
    let index = csp_workbench::core::assessment::index::Index::new(&data);
    let in_data: Vec<_> = index.areas().collect();
    let choices = comparison_choices(&in_data, "Tunbridge Wells");
    for (choice, members) in [("police force area", &force), ("region", &region)] {
        // The choice offered under "Compared with", with figures in the file.
        let chosen = choices
            .iter()
            .find(|c| c.label.contains(&format!("({choice})")))
            .unwrap_or_else(|| panic!("{choices:?}"));
        assert!(chosen.in_data, "{chosen:?}");
        let options = Options {
            area: Some("Tunbridge Wells".into()),
            county: Some(chosen.area.clone()),
            ..Options::default()
        };
        let a = assess_over_population(&data, &population, &options);
        let comparison = a
            .comparisons
            .iter()
            .find(|c| c.measure == "All crime")
            .unwrap();
        let boundaries = districts();
        for value in [MapValue::Count, MapValue::Rate] {
            let map =
                maps::district_map(comparison, &boundaries, "Tunbridge Wells", value).unwrap();
            let drawn = areas(&map.svg);
            let mut codes: Vec<&str> = drawn.iter().map(|(c, _, _)| c.as_str()).collect();
            let mut expected: Vec<&str> = members.iter().map(|(c, _)| c.as_str()).collect();
            codes.sort();
            expected.sort();
            assert_eq!(codes, expected, "{choice}");
            assert_eq!(map.table.rows.len(), members.len(), "{choice}");
            assert!(
                drawn.iter().all(|(_, class, _)| class != "none"),
                "{choice}: an area hatched"
            );
            assert!(
                !map.table.rows.iter().flatten().any(|c| c == "no figure"),
                "{choice}"
            );
            for row in &map.table.rows {
                let [_, after] = figures[&row[0]];
                assert_eq!(
                    row[1],
                    csp_workbench::core::format::count(after as f64),
                    "{row:?}"
                );
                if value == MapValue::Rate {
                    // Over the built-in population the assessment found for the district.
                    let d = comparison
                        .districts
                        .iter()
                        .find(|d| d.area == row[0])
                        .unwrap();
                    let people = d.population.as_ref().expect("a built-in population").value;
                    let rate = after as f64 / people * 1000.0;
                    assert_eq!(
                        row[2],
                        csp_workbench::core::format::number(rate, 2),
                        "{row:?}"
                    );
                }
            }
            assert_filled_as_the_legend_says(&map.svg);
            assert!(map.svg.contains("class=\"map-outline\""));
        }
    }
    // The same file without Hastings' rows: compared with the region, Hastings
    // alone is drawn hatched, "no figure" in its row; every other district has its figure.
    let without: String = csv
        .lines()
        .filter(|l| !l.starts_with("Hastings,"))
        .map(|l| format!("{l}\n"))
        .collect();
    let data =
        csp_workbench::core::ingest::import_file("south-east.csv", without.as_bytes()).unwrap();
    let options = Options {
        area: Some("Tunbridge Wells".into()),
        county: Some("South East".into()),
        ..Options::default()
    };
    let a = assess_over_population(&data, &population, &options);
    let comparison = a
        .comparisons
        .iter()
        .find(|c| c.measure == "All crime")
        .unwrap();
    let map =
        maps::district_map(comparison, &districts(), "Tunbridge Wells", MapValue::Count).unwrap();
    let hatched: Vec<String> = areas(&map.svg)
        .into_iter()
        .filter(|(_, class, _)| class == "none")
        .map(|(code, _, _)| code)
        .collect();
    assert_eq!(hatched, [geo.find_area("Hastings").unwrap().code.clone()]);
    assert_eq!(map.table.rows.len(), region.len());
    let no_figure: Vec<&str> = map
        .table
        .rows
        .iter()
        .filter(|r| r[1] == "no figure")
        .map(|r| r[0].as_str())
        .collect();
    assert_eq!(no_figure, ["Hastings"]);
}

/// The hexagon density map (no neighbourhood boundaries): a generated Hastings
/// street file whose records stand in clusters at known points, far enough
/// apart to fall in different hexagons, gives one hexagon per cluster holding
/// exactly that cluster's records of the crime chosen, as a tally of the rows
/// made here says, centred within a hexagon's reach of the cluster; its table
/// sums to the records and its drawn areas are its rows.
#[test]
fn hexagons_hold_the_records_a_tally_of_the_rows_says() {
    use csp_workbench::core::dataset::{density, ALL_CRIME};
    use csp_workbench::core::period::Period;
    // (longitude, latitude) of each cluster about Hastings, and its records of each crime.
    let clusters: [((f64, f64), [u64; 2]); 5] = [
        ((0.53, 50.86), [3, 1]),
        ((0.55, 50.87), [5, 0]),
        ((0.57, 50.88), [8, 2]),
        ((0.59, 50.86), [13, 4]),
        ((0.61, 50.87), [21, 6]),
    ];
    let crimes = ["Burglary", "Vehicle crime"];
    let mut csv = String::from("Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n");
    let mut id = 0;
    for ((lon, lat), counts) in &clusters {
        for (crime, n) in crimes.iter().zip(counts) {
            for _ in 0..*n {
                id += 1;
                csv.push_str(&format!(
                    "h{id},2019-{:02},Sussex Police,Sussex Police,{lon:.6},{lat:.6},On or near Test Street,E01020969,Hastings 001A,{crime},Under investigation,\n",
                    1 + id % 12
                ));
            }
        }
    }
    // A record with no map point is counted nowhere on the map.
    csv.push_str("h0,2019-03,Sussex Police,Sussex Police,,,No location,,,Burglary,,\n");
    let data = csp_workbench::core::ingest::import_file("2019-hastings-street.csv", csv.as_bytes())
        .unwrap();
    let outline = districts();
    let year = Period::calendar_year(2019);
    let place = |text: &str| -> (f64, f64) {
        // "50.870°N 0.570°E"
        let (lat, lon) = text.split_once("°N ").unwrap();
        let lon: f64 = lon.trim_end_matches(['E', 'W', '°']).parse().unwrap();
        let lon = if text.ends_with('W') { -lon } else { lon };
        (lon, lat.parse().unwrap())
    };
    for (k, measure) in [
        (Some(0), "Burglary"),
        (Some(1), "Vehicle crime"),
        (None, ALL_CRIME),
    ] {
        let tally: Vec<((f64, f64), u64)> = clusters
            .iter()
            .map(|(point, counts)| (*point, k.map_or(counts.iter().sum(), |k| counts[k])))
            .filter(|(_, n)| *n > 0)
            .collect();
        let grid = density(&data.lsoa_tallies, Some("Hastings"), measure, year);
        let map =
            maps::hexagon_map(&grid, outline.get("E07000062"), "Hastings", measure, &year).unwrap();
        assert_eq!(
            map.table.rows.len(),
            tally.len(),
            "{measure}: {:?}",
            map.table.rows
        );
        assert_eq!(map.areas, tally.len());
        assert_eq!(map.svg.matches("class=\"map-area\"").count(), tally.len());
        for row in &map.table.rows {
            let (lon, lat) = place(&row[0]);
            let records: u64 = row[1].replace(',', "").parse().unwrap();
            let (point, n) = tally
                .iter()
                .min_by(|a, b| {
                    let d = |p: &(f64, f64)| (p.0 - lon).powi(2) + (p.1 - lat).powi(2);
                    d(&a.0).total_cmp(&d(&b.0))
                })
                .unwrap();
            assert_eq!(records, *n, "{measure}: {row:?} by {point:?}");
            assert!(
                (point.0 - lon).abs() < 0.005 && (point.1 - lat).abs() < 0.004,
                "{row:?} by {point:?}"
            );
        }
        let total: u64 = tally.iter().map(|t| t.1).sum();
        assert!(
            map.description
                .contains(&format!(" {total} records in {} hexagons", tally.len())),
            "{}",
            map.description
        );
        assert!(map.svg.contains("class=\"map-outline\""));
    }
}
