//! The district map: the districts the local area is compared with, coloured
//! by rate per 1,000, count or change, the local area outlined.

use super::asset::{Boundaries, LonLat};
use super::classes::{self, Classes};
use super::svg::{self, Drawing, Shape};
use super::MapSpec;
use crate::core::assessment::DistrictComparison;
use crate::core::charts::ChartTable;
use crate::core::format;
use crate::core::geography::{self, Kind};
use serde::{Deserialize, Serialize};

/// What the map colours districts by; the user chooses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum MapValue {
    /// Per 1,000 population (built-in or the files' populations).
    #[default]
    Rate,
    /// The figure as recorded.
    Count,
    /// Per cent change on the period compared with.
    Change,
}

impl MapValue {
    pub const ALL: [MapValue; 3] = [MapValue::Rate, MapValue::Count, MapValue::Change];

    pub fn label(self) -> &'static str {
        match self {
            MapValue::Rate => "Rate per 1,000 population",
            MapValue::Count => "Count",
            MapValue::Change => "Change",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            MapValue::Rate => "rate",
            MapValue::Count => "count",
            MapValue::Change => "change",
        }
    }

    pub fn from_key(key: &str) -> MapValue {
        MapValue::ALL
            .into_iter()
            .find(|v| v.key() == key)
            .unwrap_or_default()
    }
}

/// One district as the map and its table show it.
struct Row<'a> {
    name: String,
    code: String,
    rings: Vec<&'a [LonLat]>,
    /// As shown (rounded), so its class and the table agree.
    value: Option<f64>,
    cells: Vec<String>,
}

/// The outline of a district or partnership by name: its own boundary, or its
/// districts' (a partnership of several, Dartford and Gravesham), with its code.
fn outline<'a>(name: &str, boundaries: &'a Boundaries) -> Option<(String, Vec<&'a [LonLat]>)> {
    let geo = geography::national();
    let id = geo.find(name)?;
    let area = geo.area(id);
    if let Some(b) = boundaries.get(&area.code) {
        return Some((
            area.code.clone(),
            b.rings.iter().map(Vec::as_slice).collect(),
        ));
    }
    if area.kind == Kind::District {
        return None;
    }
    let rings: Vec<&[LonLat]> = geo
        .districts_of(id)
        .into_iter()
        .filter(|d| geo.area(*d).kind == Kind::District)
        .filter_map(|d| boundaries.get(&geo.area(d).code))
        .flat_map(|b| b.rings.iter().map(Vec::as_slice))
        .collect();
    (!rings.is_empty()).then(|| (area.code.clone(), rings))
}

/// The map of `comparison`'s districts by `value`, the local area outlined.
/// Districts of the county with no figure are drawn hatched; districts with no
/// boundary (a name the geography does not know) are named in the description
/// and kept in the table. An error is a sentence saying why nothing can be drawn.
pub fn district_map(
    comparison: &DistrictComparison,
    boundaries: &Boundaries,
    local_area: &str,
    value: MapValue,
) -> Result<MapSpec, String> {
    let unit = comparison.unit;
    let by_rate = value == MapValue::Rate;
    if by_rate && !unit.is_additive() {
        return Err(format!(
            "{} is not a count, so it has no rate per 1,000: map it as given (Count).",
            comparison.measure
        ));
    }
    if value == MapValue::Change && !unit.is_additive() {
        return Err(format!(
            "{} is not a count: its change is compared in percentage points in the measures table, not mapped.",
            comparison.measure
        ));
    }
    let previous_label = comparison.compared_period.label();
    let mut rows: Vec<Row> = Vec::new();
    let mut not_drawn: Vec<String> = Vec::new();
    for d in &comparison.districts {
        let (code, rings) = match outline(&d.area, boundaries) {
            Some(found) => found,
            None => {
                not_drawn.push(d.area.clone());
                (String::new(), Vec::new())
            }
        };
        let (shown, cells) = match value {
            MapValue::Rate => {
                let rate = d.rate.map(|r| super::round(r, 2));
                (
                    rate,
                    vec![
                        unit.show(d.count.value),
                        rate.map(|r| format::number(r, 2))
                            .unwrap_or_else(|| "no population".into()),
                    ],
                )
            }
            MapValue::Count => (Some(d.count.value), vec![unit.show(d.count.value)]),
            MapValue::Change => {
                let change = d
                    .previous
                    .as_ref()
                    .filter(|p| p.value > 0.0)
                    .map(|p| super::round((d.count.value - p.value) / p.value * 100.0, 1));
                (
                    change,
                    vec![
                        d.previous
                            .as_ref()
                            .map(|p| unit.show(p.value))
                            .unwrap_or_else(|| "no figure".into()),
                        unit.show(d.count.value),
                        change
                            .map(signed_percent)
                            .unwrap_or_else(|| "not known".into()),
                    ],
                )
            }
        };
        rows.push(Row {
            name: d.area.clone(),
            code,
            rings,
            value: shown,
            cells,
        });
    }
    // The county's other districts, which the files have no figure for.
    if let Some(within) = &comparison.within {
        let geo = geography::national();
        if let Some(id) = geo.find(within) {
            for district in geo.districts_of(id) {
                let area = geo.area(district);
                if area.kind != Kind::District || rows.iter().any(|r| r.code == area.code) {
                    continue;
                }
                // Not when a partnership of the data already covers it.
                let covered = rows.iter().any(|r| {
                    geo.id_of_code(&r.code)
                        .map(|p| geo.districts_of(p).contains(&district))
                        .unwrap_or(false)
                });
                if covered {
                    continue;
                }
                if let Some(b) = boundaries.get(&area.code) {
                    let blanks = match value {
                        MapValue::Rate => 2,
                        MapValue::Count => 1,
                        MapValue::Change => 3,
                    };
                    rows.push(Row {
                        name: area.name.clone(),
                        code: area.code.clone(),
                        rings: b.rings.iter().map(Vec::as_slice).collect(),
                        value: None,
                        cells: vec!["no figure".into(); blanks],
                    });
                }
            }
        }
    }
    if rows.iter().all(|r| r.rings.is_empty()) {
        return Err(format!(
            "none of the districts of {} has a boundary the workbench knows",
            comparison.measure
        ));
    }
    // Lowest first, as the district chart reads; no figure last.
    crate::core::sorting::sort_by(&mut rows, |a, b| match (a.value, b.value) {
        (Some(x), Some(y)) => x.total_cmp(&y).then(a.name.cmp(&b.name)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.name.cmp(&b.name),
    });

    let values: Vec<f64> = rows.iter().filter_map(|r| r.value).collect();
    let show_value = |v: f64| -> String {
        match value {
            MapValue::Rate => format::number(v, 2),
            MapValue::Count => unit.show(v),
            MapValue::Change => signed_percent(v),
        }
    };
    let classes: Classes = match value {
        MapValue::Change => classes::diverging_percent(&values),
        MapValue::Rate => classes::sequential(&values, 2, &|v| format::number(v, 2)),
        MapValue::Count => classes::sequential(&values, 0, &|v| unit.show(v)),
    };
    let class_name = |v: Option<f64>| -> String {
        v.and_then(|v| classes.of(v))
            .map(|c| classes.classes[c].label.clone())
            .unwrap_or_else(|| "no figure".into())
    };
    let unit_words = match value {
        MapValue::Rate => "per 1,000 population".to_string(),
        MapValue::Count => unit.axis_name().unwrap_or("count").to_string(),
        MapValue::Change => format!("change on {previous_label}"),
    };
    let place = comparison
        .within
        .as_ref()
        .map(|w| format!("districts in {w}"))
        .unwrap_or_else(|| "districts".to_string());
    let title = format!(
        "{} {unit_words}, {place}, {}",
        comparison.measure,
        comparison.period.label()
    );
    let drawn: Vec<&Row> = rows.iter().filter(|r| !r.rings.is_empty()).collect();
    let local_row = rows.iter().find(|r| r.name == local_area);
    let label_of = |r: &Row| -> String {
        let figure = match (value, r.value) {
            (_, None) => "no figure".to_string(),
            (MapValue::Rate, Some(v)) => format!("{} per 1,000", format::number(v, 2)),
            (_, Some(v)) => show_value(v),
        };
        format!("{}: {figure} ({})", r.name, class_name(r.value))
    };
    let shapes: Vec<Shape> = drawn
        .iter()
        .map(|r| Shape {
            code: r.code.clone(),
            rings: r.rings.clone(),
            class: r.value.and_then(|v| classes.of(v)),
            label: label_of(r),
        })
        .collect();
    let id = format!(
        "district-map-{}",
        crate::core::id::stable_id(&comparison.measure)
    );
    let outline_rings: Vec<&[LonLat]> = local_row.map(|r| r.rings.clone()).unwrap_or_default();
    let legend_title = match value {
        MapValue::Rate => format!("{} per 1,000 population", comparison.measure),
        MapValue::Count => comparison.measure.clone(),
        MapValue::Change => format!("Change on {previous_label}"),
    };
    let drawing = Drawing {
        id: &id,
        title: &title,
        shapes,
        outline_label: (!outline_rings.is_empty()).then(|| format!("{local_area} (outlined)")),
        outline: outline_rings,
        classes: &classes,
        legend_title: &legend_title,
    };
    let (svg, width, height) =
        svg::draw(&drawing).ok_or_else(|| "there is nothing to draw".to_string())?;

    // In words, for screen readers and the caption.
    let with_values: Vec<&Row> = rows.iter().filter(|r| r.value.is_some()).collect();
    let mut description = format!(
        "Map of {} {place} by {} {unit_words}, {}, in {} classes ({}).",
        drawn.len(),
        comparison.measure.to_lowercase(),
        comparison.period.label(),
        classes.classes.len(),
        classes
            .classes
            .iter()
            .map(|c| c.label.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    );
    if let (Some(low), Some(high)) = (with_values.first(), with_values.last()) {
        if with_values.len() > 1 {
            description.push_str(&format!(
                " Highest: {} ({}); lowest: {} ({}).",
                high.name,
                show_value(high.value.unwrap_or_default()),
                low.name,
                show_value(low.value.unwrap_or_default())
            ));
        }
    }
    if let Some(local) = local_row {
        description.push_str(&format!(" {local_area}, outlined: {}.", {
            let l = label_of(local);
            l.split_once(": ").map(|(_, v)| v.to_string()).unwrap_or(l)
        }));
    }
    let no_figure = rows
        .iter()
        .filter(|r| r.value.is_none() && !r.rings.is_empty())
        .count();
    if no_figure > 0 {
        description.push_str(&format!(
            " {} hatched: no figure.",
            if no_figure == 1 {
                "One district is".to_string()
            } else {
                format!("{no_figure} districts are")
            }
        ));
    }
    if !not_drawn.is_empty() {
        description.push_str(&format!(
            " Not drawn (no boundary known): {}.",
            not_drawn.join(", ")
        ));
    }

    let mut headers = vec!["District".to_string()];
    headers.extend(match value {
        MapValue::Rate => vec!["Count".to_string(), "Per 1,000 population".to_string()],
        MapValue::Count => vec!["Count".to_string()],
        MapValue::Change => vec![
            previous_label.clone(),
            comparison.period.label(),
            "Change".to_string(),
        ],
    });
    headers.push("Class".to_string());
    let table = ChartTable {
        caption: title.clone(),
        headers,
        rows: rows
            .iter()
            .map(|r| {
                let mut row = vec![r.name.clone()];
                row.extend(r.cells.iter().cloned());
                row.push(class_name(r.value));
                row
            })
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
        areas: drawn.len(),
    })
}

/// "+17.0%", "−18.0%", "0.0%".
fn signed_percent(v: f64) -> String {
    let text = format::number(v, 1);
    if v > 0.0 && text != "0.0" {
        format!("+{text}%")
    } else {
        format!("{text}%")
    }
}
