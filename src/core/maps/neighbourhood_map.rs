//! The neighbourhood map: a district's LSOAs coloured by the street records of
//! one crime type (or all crime) in a period, from the per-LSOA tally the
//! import keeps (`core::dataset::lsoa_tally`).

use super::asset::{Boundaries, LonLat};
use super::classes;
use super::svg::{self, Drawing, Shape};
use super::user_boundaries::AreaKind;
use super::MapSpec;
use crate::core::charts::ChartTable;
use crate::core::dataset::{DistrictCounts, LsoaCount, WardCounts};
use crate::core::format;
use crate::core::period::Period;
use std::collections::HashMap;

/// How many of the tally's LSOA codes a boundary file has: the file of the
/// census the records use matches best.
pub fn matching_codes(counts: &DistrictCounts, boundaries: &Boundaries) -> usize {
    let codes = codes_of(boundaries.areas.iter().map(|a| a.code.as_str()));
    counts
        .lsoas
        .iter()
        .filter(|l| codes.contains_key(&l.code.to_ascii_uppercase()))
        .count()
}

/// Area codes in upper case to their place: a county's thousand LSOAs are
/// looked up by hashing, not by a search through the list each.
fn codes_of<T: AsRef<str>>(items: impl IntoIterator<Item = T>) -> HashMap<String, usize> {
    items
        .into_iter()
        .enumerate()
        .map(|(i, code)| (code.as_ref().to_ascii_uppercase(), i))
        .collect()
}

/// The map of `counts` over the district's LSOA boundaries. Where the loaded
/// files hold records for a month, an LSOA with none has a real zero; where
/// they hold none for any month of the period, every LSOA has no figure.
pub fn neighbourhood_map(
    counts: &DistrictCounts,
    boundaries: &Boundaries,
    measure: &str,
    period: &Period,
) -> Result<MapSpec, String> {
    neighbourhood_map_of(counts, boundaries, AreaKind::Lsoa, measure, period)
}

/// The same map over another kind of area: with `AreaKind::Ward`, `counts`
/// holds wards (`ward_map_counts`) and `boundaries` their outlines.
pub fn neighbourhood_map_of(
    counts: &DistrictCounts,
    boundaries: &Boundaries,
    kind: AreaKind,
    measure: &str,
    period: &Period,
) -> Result<MapSpec, String> {
    let plural = kind.plural();
    let district = &counts.district;
    // A built-in file names each LSOA's district; a user's file may not, and
    // then the district's LSOAs are those the records name or whose name
    // begins with the district's ("Maidstone 014C").
    let counted = codes_of(counts.lsoas.iter().map(|l| l.code.as_str()));
    let mut areas: Vec<_> = boundaries.in_group(&district.code).collect();
    if areas.is_empty() {
        let prefix = format!("{} ", district.name.to_lowercase());
        areas = boundaries
            .areas
            .iter()
            .filter(|b| {
                b.group.is_empty()
                    && (b.name.to_lowercase().starts_with(&prefix)
                        || counted.contains_key(&b.code.to_ascii_uppercase()))
            })
            .collect();
    }
    if areas.is_empty() {
        return Err(format!(
            "the boundary file has no {plural} of {}",
            district.name
        ));
    }
    let covered = !counts.months.is_empty();
    struct Row<'a> {
        code: String,
        name: String,
        rings: Vec<&'a [LonLat]>,
        count: Option<u64>,
    }
    let mut rows: Vec<Row> = areas
        .iter()
        .map(|b| Row {
            code: b.code.clone(),
            name: b.name.clone(),
            rings: b.rings.iter().map(Vec::as_slice).collect(),
            count: if covered {
                let found = counted
                    .get(&b.code.to_ascii_uppercase())
                    .map(|&i| counts.lsoas[i].count);
                match kind {
                    // An LSOA the records never name had none of them.
                    AreaKind::Lsoa | AreaKind::Other => Some(found.unwrap_or(0)),
                    // A ward no LSOA is counted in (the lookup places none
                    // there, or it is of another year's wards) has no figure.
                    AreaKind::Ward => found,
                }
            } else {
                None
            },
        })
        .collect();
    // Records in LSOAs this boundary file does not have (codes of the other census).
    let drawable = codes_of(boundaries.areas.iter().map(|a| a.code.as_str()));
    let not_drawn: Vec<_> = counts
        .lsoas
        .iter()
        .filter(|l| l.count > 0 && !drawable.contains_key(&l.code.to_ascii_uppercase()))
        .collect();
    // Highest first: a keyboard user meets the hotspots first.
    crate::core::sorting::sort_by(&mut rows, |a, b| {
        b.count.cmp(&a.count).then(a.name.cmp(&b.name))
    });
    let values: Vec<f64> = rows
        .iter()
        .filter_map(|r| r.count.map(|c| c as f64))
        .collect();
    let classes = classes::sequential(&values, 0, &|v| format::count(v));
    let class_of = |r: &Row| r.count.and_then(|c| classes.of(c as f64));
    let class_name = |r: &Row| {
        class_of(r)
            .map(|c| classes.classes[c].label.clone())
            .unwrap_or_else(|| "no figure".into())
    };
    let figure = |r: &Row| match r.count {
        Some(c) => format::count(c as f64),
        None => "no figure".to_string(),
    };
    let crime = measure.to_lowercase();
    let title = format!(
        "{measure} by {}, {}, {}",
        match kind {
            AreaKind::Ward => "ward",
            AreaKind::Lsoa | AreaKind::Other => "neighbourhood (LSOA)",
        },
        district.name,
        period.label()
    );
    let id = format!(
        "neighbourhood-map-{}",
        crate::core::id::stable_id(&match kind {
            AreaKind::Ward => format!("{} {measure} wards", district.code),
            AreaKind::Lsoa | AreaKind::Other => format!("{} {measure}", district.code),
        })
    );
    let shapes: Vec<Shape> = rows
        .iter()
        .map(|r| Shape {
            code: r.code.clone(),
            rings: r.rings.clone(),
            class: class_of(r),
            label: format!("{}: {} ({})", r.name, figure(r), class_name(r)),
        })
        .collect();
    let outline: Vec<&[LonLat]> = Vec::new();
    let legend_title = format!("{measure}: street records");
    let (svg, width, height) = svg::draw(&Drawing {
        id: &id,
        title: &title,
        shapes,
        outline,
        outline_label: None,
        classes: &classes,
        legend_title: &legend_title,
    })
    .ok_or_else(|| "there is nothing to draw".to_string())?;

    let drawn_total: u64 = rows.iter().filter_map(|r| r.count).sum();
    let mut description = format!(
        "Map of the {} {plural} of {} by {crime} recorded by the police (street records), {}, in {} classes ({}).",
        rows.len(),
        district.name,
        period.label(),
        classes.classes.len(),
        classes
            .classes
            .iter()
            .map(|c| c.label.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    );
    if covered {
        let top: Vec<String> = rows
            .iter()
            .take(3)
            .filter(|r| r.count.unwrap_or(0) > 0)
            .map(|r| format!("{} ({})", r.name, figure(r)))
            .collect();
        if !top.is_empty() {
            description.push_str(&format!(" Most: {}.", top.join(", ")));
        }
        let zero = rows.iter().filter(|r| r.count == Some(0)).count();
        description.push_str(&format!(
            " {} records in all{}.",
            format::count(drawn_total as f64),
            if zero > 0 {
                format!("; {} with none", format::count(zero as f64))
            } else {
                String::new()
            }
        ));
    } else {
        description.push_str(" No street records of the district are loaded for this period.");
    }
    if !counts.months_missing.is_empty() {
        description.push_str(&format!(
            " No records are loaded for {} of the period's months ({}), so those months count as unknown, not as none.",
            counts.months_missing.len(),
            counts
                .months_missing
                .iter()
                .map(Period::label)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if kind == AreaKind::Ward {
        description.push_str(
            " Records are counted by the ward the ONS best-fit lookup (LSOAs of 2021 to the wards of 2024) places their LSOA in: all of an LSOA's records go to the ward holding most of its people.",
        );
        let no_figure = rows.iter().filter(|r| r.count.is_none()).count();
        if covered && no_figure > 0 {
            description.push_str(&format!(
                " {} {} no LSOA in that lookup, so no figure.",
                format::count(no_figure as f64),
                if no_figure == 1 {
                    "ward has"
                } else {
                    "wards have"
                }
            ));
        }
    }
    if !not_drawn.is_empty() {
        let records: u64 = not_drawn.iter().map(|l| l.count).sum();
        description.push_str(&format!(
            " Not drawn: {} records in {} {plural} whose codes this boundary file does not have.",
            format::count(records as f64),
            not_drawn.len()
        ));
    }
    let table = ChartTable {
        caption: title.clone(),
        headers: [kind.heading(), "Code", "Records", "Class"]
            .map(String::from)
            .to_vec(),
        rows: rows
            .iter()
            .map(|r| vec![r.name.clone(), r.code.clone(), figure(r), class_name(r)])
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
        areas: rows.len(),
    })
}

/// A district's counts by ward (`core::dataset::ward_counts`) as the map
/// draws them: each ward in place of an LSOA. Records whose LSOA the ward
/// lookup lacks stay in `WardCounts::ward_not_known` (the map says so).
pub fn ward_map_counts(w: &WardCounts) -> DistrictCounts {
    DistrictCounts {
        district: w.district.clone(),
        months: w.months.clone(),
        months_missing: w.months_missing.clone(),
        lsoas: w
            .wards
            .iter()
            .map(|ward| LsoaCount {
                code: ward.code.clone(),
                name: ward.name.clone(),
                count: ward.count,
                by_month: ward.by_month.clone(),
            })
            .collect(),
        files: w.files.clone(),
        lsoas_in_district: None,
        census: w.census.clone(),
    }
}

/// The LSOA boundary files (paths under `dist/`) the index lists for a district, by code.
pub fn lsoa_files_for(index: &str, district_code: &str) -> Vec<String> {
    index
        .lines()
        .filter_map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            match fields.as_slice() {
                ["L", _vintage, district, file] if district.eq_ignore_ascii_case(district_code) => {
                    Some(format!("maps/{file}"))
                }
                _ => None,
            }
        })
        .collect()
}

/// The periods a neighbourhood map offers, over the months the street records
/// cover: the latest twelve months, then each calendar year with records, newest first.
pub fn neighbourhood_periods(months: &[Period]) -> Vec<Period> {
    let Some(last) = months.iter().map(Period::first_month_index).max() else {
        return Vec::new();
    };
    let mut out: Vec<Period> = Period::from_months(last - 11, 12).into_iter().collect();
    let mut years: Vec<i32> = months.iter().map(|m| m.start().year).collect();
    crate::core::sorting::sort_by(&mut years, |a, b| b.cmp(a));
    years.dedup();
    for year in years {
        let p = Period::calendar_year(year);
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_and_periods() {
        let index = "# x\nL\t2011\tE09000001\tlsoa11/E09000001.txt\nL\t2021\tE09000001\tlsoa21/E09000001.txt\nL\t2011\tE07000116\tlsoa11/E07000116.txt\n";
        assert_eq!(
            lsoa_files_for(index, "e09000001"),
            ["maps/lsoa11/E09000001.txt", "maps/lsoa21/E09000001.txt"]
        );
        assert!(lsoa_files_for(index, "E06000001").is_empty());
        let months: Vec<Period> = (1..=12)
            .map(|m| Period::month(2019, m))
            .chain((1..=3).map(|m| Period::month(2020, m)))
            .collect();
        let periods = neighbourhood_periods(&months);
        assert_eq!(
            periods[0].label(),
            Period::from_months(Period::month(2019, 4).first_month_index(), 12)
                .unwrap()
                .label()
        );
        assert_eq!(
            &periods[1..],
            [Period::calendar_year(2020), Period::calendar_year(2019)]
        );
        assert!(neighbourhood_periods(&[]).is_empty());
    }
}
