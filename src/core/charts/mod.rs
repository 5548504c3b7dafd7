//! Charts as plain data: charming builds each ECharts option, checked natively as
//! JSON, and the browser glue hands it to ECharts unchanged. Every chart comes
//! with a sentence saying what it shows and a table of the same numbers.

mod districts;

pub use districts::{district_bars, district_table};

use charming::Chart;
use serde::Serialize;

/// Okabe–Ito blue for the local area, and a grey that keeps 4.5:1 on white for the rest.
pub const LOCAL_COLOUR: &str = "#0072B2";
pub const OTHER_COLOUR: &str = "#5F6B7A";

/// The numbers behind a chart, as a table a person can read.
#[derive(Clone, Debug, PartialEq, Default, Serialize)]
pub struct ChartTable {
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// A chart ready to draw: its option, what it shows in words, and its numbers.
#[derive(Clone, Debug, Serialize)]
pub struct ChartSpec {
    /// A stable slug, unique on a page ("trend-violent-crime").
    pub id: String,
    pub title: String,
    /// One or two sentences for screen readers and captions, en-GB numbers.
    pub description: String,
    pub option: Chart,
    pub table: ChartTable,
}

impl ChartSpec {
    pub fn option_json(&self) -> String {
        option_json(&self.option)
    }
}

/// The ECharts option as compact JSON, exactly as ECharts receives it.
pub fn option_json(chart: &Chart) -> String {
    serde_json::to_string(chart).unwrap_or_else(|_| "{}".to_string())
}
