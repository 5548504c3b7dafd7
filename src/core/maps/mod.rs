//! Maps: boundaries shipped as compact text (`asset`), fetched only when a map
//! is first shown, projected onto the page (`projection`), coloured by class
//! (`classes`) and drawn as SVG by the core itself (`svg`), so the first visit's
//! ECharts build does not grow and the board pack can hold a map as plain SVG.

pub mod asset;
pub mod simplify;
