//! The pure core: everything here is plain Rust with no browser dependency, so it
//! is tested natively and shared by the web app and the `cspw` command line.

pub mod areas;
pub mod assessment;
pub mod board;
pub mod board_pack;
pub mod board_where;
pub mod charts;
pub mod content_hash;
pub mod dataset;
pub mod date;
pub mod escape;
pub mod export;
pub mod file_name;
pub mod format;
pub mod geography;
pub mod id;
pub mod ingest;
pub mod maps;
pub mod name_search;
pub mod overview;
pub mod period;
pub mod plan;
pub mod sorting;
pub mod stats;
pub mod stored;
pub(crate) mod zip_writer;
