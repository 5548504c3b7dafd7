//! Maps: boundaries shipped as compact text (`asset`), fetched only when a map
//! is first shown, projected onto the page (`projection`), coloured by class
//! (`classes`) and drawn as SVG by the core itself (`svg`), so the first visit's
//! ECharts build does not grow and the board pack can hold a map as plain SVG.

pub mod asset;
pub mod classes;
pub mod district_map;
pub mod hexagons;
pub mod neighbourhood_map;
pub mod projection;
pub mod simplify;
pub mod svg;
pub mod topojson;
pub mod user_boundaries;

pub use district_map::{district_map, MapValue};
pub use hexagons::{hexagon_map, SNAPPED_NOTE};
pub use neighbourhood_map::{
    lsoa_files_for, matching_codes, neighbourhood_map, neighbourhood_map_of, neighbourhood_periods,
    ward_map_counts,
};

use crate::core::charts::ChartTable;
use serde::Serialize;

/// A map ready to show: the same contract as a chart (`core::charts::ChartSpec`):
/// what it shows in words, the numbers as a table, and the drawing itself, as
/// SVG text rather than an ECharts option.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MapSpec {
    /// Unique on a page; prefixes the ids of its areas (`svg::area_id`).
    pub id: String,
    pub title: String,
    /// One or two sentences for screen readers and the caption, en-GB numbers.
    pub description: String,
    pub table: ChartTable,
    /// A standalone SVG document.
    pub svg: String,
    /// The drawing's size in SVG units (pixels at 100%).
    pub width: f64,
    pub height: f64,
    /// How many areas are drawn (the keyboard moves among them).
    pub areas: usize,
}

impl MapSpec {
    /// The name its PNG and SVG are saved under, before the extension: its
    /// title, made safe and cut to length as a chart's is (`ChartSpec::file_stem`,
    /// `core::file_name`); where several figures share a page,
    /// `file_name::unique_stems` numbers repeats " (2)".
    pub fn file_stem(&self) -> String {
        crate::core::file_name::download_name(&self.title, "")
    }
}

/// Rounds to `decimals` places, as the map's table shows a value.
pub(crate) fn round(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale
}

/// Where the districts' boundaries are in `dist/` (written by `examples/make_boundaries.rs`).
pub const DISTRICTS_PATH: &str = "maps/districts.txt";
/// Which LSOA boundary files there are, one per district.
pub const LSOA_INDEX_PATH: &str = "maps/index.txt";
