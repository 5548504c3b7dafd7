//! "Where it happens" for a board item: how concentrated its street crime is
//! among the local area's neighbourhoods and how it falls by deprivation — the
//! register's findings on both, the busiest shares as a table, the Lorenz
//! curve and (once the IMD table is fetched) crime by IMD decile — for the
//! Board view and the board pack alike.

use crate::core::assessment::concentration::street_period;
use crate::core::assessment::concentration_finding::crime_words;
use crate::core::assessment::findings::Topic;
use crate::core::assessment::{concentration, deprivation, Assessment, Concentration, Finding};
use crate::core::board::{board_items, BoardChart};
use crate::core::charts::{deprivation_chart, lorenz_curve, ChartSpec, ChartTable, Palette};
use crate::core::dataset::Dataset;
use crate::core::format;
use crate::core::geography::imd::ImdDeciles;

/// One board item's neighbourhoods. Not `Clone`: a chart's option is large,
/// and cloning one pulls charming's whole clone code into the page's wasm.
#[derive(Debug)]
pub struct WhereItHappens {
    pub measure: String,
    /// The register's concentration and deprivation findings on the measure.
    pub findings: Vec<Finding>,
    /// The share of the crime in the busiest 5%, 10% and 20% of neighbourhoods.
    pub busiest: ChartTable,
    pub lorenz: ChartSpec,
    /// `None` before the IMD table is fetched, or where it has no deciles (Wales).
    pub deprivation: Option<ChartSpec>,
}

/// The busiest shares as a table, with all neighbourhoods for the total.
pub fn busiest_table(c: &Concentration) -> ChartTable {
    let crime = crime_words(&c.measure);
    let mut rows: Vec<Vec<String>> = c
        .top
        .iter()
        .map(|t| {
            vec![
                format!("Busiest {}%", t.percent),
                format!("{} of {}", t.lsoas, c.lsoas),
                format::count(t.count as f64),
                format::percent(t.share),
            ]
        })
        .collect();
    rows.push(vec![
        "All neighbourhoods".to_string(),
        format::count(c.lsoas as f64),
        format::count(c.total as f64),
        "100%".to_string(),
    ]);
    ChartTable {
        caption: format!(
            "Share of {crime} in {}'s busiest neighbourhoods, {} (Gini coefficient {})",
            c.district,
            c.period.label(),
            format::number(c.gini, 2)
        ),
        headers: ["Neighbourhoods (LSOAs)", "How many", "Crimes", "Share"]
            .map(String::from)
            .to_vec(),
        rows,
    }
}

/// Where `measure` happens in the local area, over its latest twelve months
/// (as its register findings); `None` when it is not a street measure there.
pub fn where_it_happens(
    data: &Dataset,
    a: &Assessment,
    measure: &str,
    imd: Option<&ImdDeciles>,
    palette: &Palette,
) -> Option<WhereItHappens> {
    let tallies = &data.lsoa_tallies;
    let period = street_period(tallies, a.measure(measure)?)?;
    let area = &a.options.area;
    let c = concentration(tallies, area, measure, period)?;
    let findings = a
        .findings_for(measure)
        .iter()
        .filter(|f| matches!(f.topic, Topic::Concentration | Topic::Deprivation))
        .cloned()
        .collect();
    let deprivation = imd
        .and_then(|imd| deprivation(tallies, area, measure, period, imd))
        .map(|d| deprivation_chart(&d, palette));
    Some(WhereItHappens {
        measure: measure.to_string(),
        findings,
        busiest: busiest_table(&c),
        lorenz: lorenz_curve(&c, palette),
        deprivation,
    })
}

/// Every board item's "Where it happens", in the board's order.
pub fn board_where(
    data: &Dataset,
    a: &Assessment,
    imd: Option<&ImdDeciles>,
    palette: &Palette,
) -> Vec<WhereItHappens> {
    board_items(a)
        .iter()
        .filter_map(|item| where_it_happens(data, a, &item.measure, imd, palette))
        .collect()
}

impl WhereItHappens {
    /// Its charts as the board pack takes them, on the item's page.
    pub fn into_charts(self) -> Vec<BoardChart> {
        let measure = self.measure;
        std::iter::once(self.lorenz)
            .chain(self.deprivation)
            .map(|spec| {
                let mut chart = BoardChart::new(&measure, spec);
                chart.id = where_chart_id(&chart.id);
                chart
            })
            .collect()
    }
}

/// The prefix that marks a board chart as one of "Where it happens".
const WHERE_PREFIX: &str = "where-";

fn where_chart_id(id: &str) -> String {
    format!("{WHERE_PREFIX}{id}")
}

/// Whether a board chart belongs to "Where it happens" (drawn under its heading).
pub fn is_where_chart(chart: &BoardChart) -> bool {
    chart.id.starts_with(WHERE_PREFIX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::assessment::concentration::TopShare;
    use crate::core::dataset::ALL_CRIME;
    use crate::core::period::Period;

    #[test]
    fn the_busiest_table_states_each_share_and_the_whole() {
        let c = Concentration {
            district: "Maidstone".to_string(),
            measure: ALL_CRIME.to_string(),
            period: Period::calendar_year(2019),
            lsoas: 20,
            lsoas_from_lookup: true,
            census: "2011".to_string(),
            lsoas_with_crime: 18,
            total: 400,
            ranked: Vec::new(),
            top: vec![
                TopShare {
                    percent: 5,
                    lsoas: 1,
                    count: 100,
                    share: 0.25,
                },
                TopShare {
                    percent: 10,
                    lsoas: 2,
                    count: 160,
                    share: 0.4,
                },
            ],
            lorenz: Vec::new(),
            gini: 0.51,
            persistent: Vec::new(),
            months: Vec::new(),
            months_missing: Vec::new(),
            files: Vec::new(),
        };
        let t = busiest_table(&c);
        assert_eq!(
            t.rows,
            [
                ["Busiest 5%", "1 of 20", "100", "25%"],
                ["Busiest 10%", "2 of 20", "160", "40%"],
                ["All neighbourhoods", "20", "400", "100%"],
            ]
        );
        assert!(
            t.caption.ends_with("2019 (Gini coefficient 0.51)"),
            "{}",
            t.caption
        );
        assert!(is_where_chart(&BoardChart {
            measure: String::new(),
            id: where_chart_id("lorenz-x"),
            title: String::new(),
            file_stem: String::new(),
            description: String::new(),
            option_json: String::new(),
            table: ChartTable::default(),
            svg: None,
        }));
    }
}
