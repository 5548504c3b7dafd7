//! All browser glue in one place: fetching same-origin files and driving ECharts.
//! Components call these functions; nothing else in the crate touches `web_sys`.

mod echarts;
mod fetch;

pub use echarts::ChartHandle;
pub use fetch::fetch_bytes;
