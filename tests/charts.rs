//! The charts over the built-in sample: each ECharts option, parsed back from the
//! JSON ECharts receives, holds the assessment's figures, and each chart's table
//! holds the same numbers as its chart.

use csp_workbench::core::assessment::Index;
use csp_workbench::core::charts::{self, ChartInput, ChartSpec, Palette};
use serde_json::Value;

mod common;

use common::{sample, tunbridge_wells};

/// The option exactly as ECharts receives it.
fn option(spec: &ChartSpec) -> Value {
    serde_json::from_str(&spec.option_json()).expect("the option is JSON")
}

fn series<'a>(option: &'a Value, id: &str) -> &'a Value {
    option["series"]
        .as_array()
        .expect("series")
        .iter()
        .find(|s| s["id"] == id)
        .unwrap_or_else(|| panic!("no series {id} in {option}"))
}

fn has_series(option: &Value, id: &str) -> bool {
    option["series"]
        .as_array()
        .is_some_and(|all| all.iter().any(|s| s["id"] == id))
}

/// A series' data as numbers, `None` for nulls.
fn values(series: &Value) -> Vec<Option<f64>> {
    series["data"]
        .as_array()
        .expect("data")
        .iter()
        .map(Value::as_f64)
        .collect()
}

/// The `[x, y]` pairs of a scatter or value-axis line, with each point's name.
fn pairs(series: &Value) -> Vec<(Option<String>, f64, f64)> {
    series["data"]
        .as_array()
        .expect("data")
        .iter()
        .map(|point| {
            let (name, value) = match point.get("value") {
                Some(v) => (point["name"].as_str().map(String::from), v),
                None => (None, point),
            };
            (
                name,
                value[0].as_f64().expect("x"),
                value[1].as_f64().expect("y"),
            )
        })
        .collect()
}

fn category_data(axis: &Value) -> Vec<String> {
    let axis = if axis.is_array() { &axis[0] } else { axis };
    axis["data"]
        .as_array()
        .expect("categories")
        .iter()
        .map(|c| c.as_str().expect("a label").to_string())
        .collect()
}

/// The number in an en-GB table cell: "1,319" → 1319, "−17.5%" → −17.5, "–" → None.
fn number(cell: &str) -> Option<f64> {
    if cell == "–" {
        return None;
    }
    let cleaned: String = cell
        .replace('−', "-")
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.' || *c == '-')
        .collect();
    Some(
        cleaned
            .parse()
            .unwrap_or_else(|_| panic!("{cell:?} is not a number")),
    )
}

fn column(spec: &ChartSpec, header: &str) -> Vec<Option<f64>> {
    let i = spec
        .table
        .headers
        .iter()
        .position(|h| h == header)
        .unwrap_or_else(|| panic!("no column {header} in {:?}", spec.table.headers));
    spec.table.rows.iter().map(|r| number(&r[i])).collect()
}

fn first_column(spec: &ChartSpec) -> Vec<String> {
    spec.table.rows.iter().map(|r| r[0].clone()).collect()
}

fn mark_line_y(series: &Value) -> f64 {
    series["markLine"]["data"][0]["yAxis"]
        .as_f64()
        .unwrap_or_else(|| panic!("no mark line in {series}"))
}

/// The value of a line through `points` at `x`, straight between neighbours.
fn at(points: &[(Option<String>, f64, f64)], x: f64) -> f64 {
    let i = points
        .windows(2)
        .position(|w| w[0].1 <= x && x <= w[1].1)
        .expect("x within the line");
    let ((_, x0, y0), (_, x1, y1)) = (&points[i], &points[i + 1]);
    y0 + (y1 - y0) * (x - x0) / (x1 - x0)
}

#[test]
fn violent_crime_trend_is_drawn_as_rates_beside_the_county() {
    let data = sample();
    let a = tunbridge_wells(&data);
    let index = Index::new(&data);
    let spec = charts::trend(
        &ChartInput::new(&index, &a, &Palette::default()),
        "Violent crime",
    )
    .expect("a trend");
    let o = option(&spec);

    assert_eq!(
        category_data(&o["xAxis"]),
        ["Oct 2013 – Sep 2014", "Oct 2014 – Sep 2015"]
    );
    // 1,501 and 1,696 crimes in 116,100 people; Kent 33,971 and 36,426 in 1,513,900.
    let local = values(series(&o, "local"));
    assert_eq!(local, [Some(12.93), Some(14.61)]);
    let m = a.measure("Violent crime").unwrap();
    assert_eq!(
        local[1],
        Some((m.rate.as_ref().unwrap().per_thousand * 100.0).round() / 100.0)
    );
    let county = series(&o, "county");
    assert_eq!(values(county), [Some(22.44), Some(24.06)]);
    assert_eq!(county["name"], "Kent");
    assert_eq!(county["lineStyle"]["color"], "#D55E00");
    assert!(county.get("yAxisIndex").is_none(), "rates share one axis");
    let y = if o["yAxis"].is_array() {
        assert_eq!(o["yAxis"].as_array().unwrap().len(), 1);
        &o["yAxis"][0]
    } else {
        &o["yAxis"]
    };
    assert_eq!(y["name"], "per 1,000 population");
    assert!(spec.description.contains("per 1,000 population"));
    assert!(
        spec.description.contains("14.6 per 1,000"),
        "{}",
        spec.description
    );
    assert!(!has_series(&o, "baseline") && !has_series(&o, "target"));

    assert_eq!(
        first_column(&spec),
        ["Oct 2013 – Sep 2014", "Oct 2014 – Sep 2015"]
    );
    assert_eq!(column(&spec, "Tunbridge Wells"), local);
    assert_eq!(column(&spec, "Kent"), values(county));
    assert!(spec.table.caption.contains("per 1,000 population"));
}

#[test]
fn all_casualties_trend_has_its_baseline_average() {
    let data = sample();
    let a = tunbridge_wells(&data);
    let index = Index::new(&data);
    let spec = charts::trend(
        &ChartInput::new(&index, &a, &Palette::default()),
        "All casualties",
    )
    .expect("a trend");
    let o = option(&spec);

    let labels = category_data(&o["xAxis"]);
    assert_eq!(labels.len(), 11);
    assert_eq!((labels[0].as_str(), labels[10].as_str()), ("2004", "2014"));
    let local = values(series(&o, "local"));
    assert_eq!(local[0], Some(470.0));
    assert_eq!(local[10], Some(482.0));
    let baseline = series(&o, "baseline");
    assert_eq!(mark_line_y(baseline), 463.0);
    assert_eq!(baseline["markLine"]["data"][0]["name"], "2004–2008 average");
    assert_eq!(baseline["markLine"]["lineStyle"]["color"], "#000000");
    // The county has no casualty figures: no county line, and counts are not called rates.
    assert!(!has_series(&o, "county"));
    assert!(!o.to_string().contains("per 1,000"));
    assert!(spec.description.contains("as counts"));
    assert!(spec.description.contains("2004–2008 average of 463"));

    assert_eq!(first_column(&spec), labels);
    assert_eq!(column(&spec, "Tunbridge Wells"), local);
}

#[test]
fn county_counts_go_on_their_own_axis_when_rates_are_not_drawn() {
    let data = sample();
    let a = tunbridge_wells(&data);
    let index = Index::new(&data);
    // A repeat measure has no rate per head: counts, with Kent on the right.
    let spec = charts::trend(
        &ChartInput::new(&index, &a, &Palette::default()),
        "Repeat victims",
    )
    .expect("a trend");
    let o = option(&spec);
    let axes = o["yAxis"].as_array().expect("two value axes");
    assert_eq!(axes.len(), 2);
    assert_eq!(axes[1]["name"], "Kent (right axis)");
    assert_eq!(axes[1]["position"], "right");
    let county = series(&o, "county");
    assert_eq!(county["yAxisIndex"].as_f64(), Some(1.0));
    assert_eq!(county["name"], "Kent (right axis)");
    let kent = values(county);
    assert_eq!((kent[0], kent[11]), (Some(348.0), Some(364.0)));
    assert!(spec.description.contains("right-hand axis"));
    assert_eq!(column(&spec, "Kent"), kent);
    assert_eq!(
        column(&spec, "Tunbridge Wells"),
        values(series(&o, "local"))
    );
}

#[test]
fn a_quarterly_trend_shows_the_target_per_quarter() {
    let data = sample();
    let a = tunbridge_wells(&data);
    let index = Index::new(&data);
    let spec = charts::trend(
        &ChartInput::new(&index, &a, &Palette::default()),
        "Violent crimes in the night-time economy",
    )
    .expect("a trend");
    let o = option(&spec);
    assert_eq!(
        values(series(&o, "local")),
        [52.0, 58.0, 49.0, 61.0, 47.0, 50.0].map(Some)
    );
    // The 2015/16 goal of 220 crimes, a quarter at a time.
    let target = series(&o, "target");
    assert_eq!(mark_line_y(target), 55.0);
    assert_eq!(target["markLine"]["lineStyle"]["color"], "#007A5A");
    assert!(spec.description.contains("55 a quarter"));
}

#[test]
fn drug_offences_funnel_puts_tunbridge_wells_above_the_95_limit() {
    let data = sample();
    let a = tunbridge_wells(&data);
    let spec = charts::funnel(
        &ChartInput::new(&Index::new(&data), &a, &Palette::default()),
        "Drug offences",
    )
    .expect("a funnel");
    let o = option(&spec);

    let local = pairs(series(&o, "local"));
    assert_eq!(local.len(), 1);
    let (name, population, rate) = &local[0];
    assert_eq!(name.as_deref(), Some("Tunbridge Wells"));
    assert_eq!((*population, *rate), (116_100.0, 1.83));
    assert_eq!(series(&o, "local")["label"]["show"], true);
    assert_eq!(series(&o, "local")["itemStyle"]["color"], "#0072B2");

    let upper95 = pairs(series(&o, "limit-95-upper"));
    let lower95 = pairs(series(&o, "limit-95-lower"));
    let upper998 = pairs(series(&o, "limit-998-upper"));
    let lower998 = pairs(series(&o, "limit-998-lower"));
    for line in [&upper95, &lower95, &upper998, &lower998] {
        assert_eq!(line.len(), 40);
        // Spanning the districts' populations: Dartford 102,100 to Maidstone 161,200.
        assert_eq!((line[0].1, line[39].1), (102_100.0, 161_200.0));
    }
    // Above the 95% upper limit at its population, but within the 99.8%.
    assert!(*rate > at(&upper95, *population));
    assert!(*rate < at(&upper998, *population));
    // The limits bracket the county rate of 1.5 per 1,000 all along.
    let county = pairs(series(&o, "county"));
    assert!(county.iter().all(|p| p.2 == 1.49));
    for i in 0..40 {
        assert!(lower998[i].2 < lower95[i].2 && lower95[i].2 < 1.4875);
        assert!(1.4875 < upper95[i].2 && upper95[i].2 < upper998[i].2);
    }
    // Narrower as the population grows.
    assert!(upper95[39].2 < upper95[0].2 && lower95[39].2 > lower95[0].2);

    assert!(
        spec.description
            .contains("Above the 95% limit: Tunbridge Wells."),
        "{}",
        spec.description
    );
    assert!(spec.description.contains("Above the 99.8% limit: Thanet."));
    assert!(spec
        .description
        .contains("Below the 99.8% limit: Sevenoaks."));

    // The table: every district, the same numbers as the points.
    let others = pairs(series(&o, "districts"));
    assert_eq!(others.len() + 1, spec.table.rows.len());
    let populations = column(&spec, "Population");
    let rates = column(&spec, "Per 1,000 population");
    for (name, x, y) in others.iter().chain(&local) {
        let i = spec
            .table
            .rows
            .iter()
            .position(|r| Some(&r[0]) == name.as_ref())
            .expect("a row per district");
        assert_eq!((populations[i], rates[i]), (Some(*x), Some(*y)), "{name:?}");
    }
    let row = spec
        .table
        .rows
        .iter()
        .find(|r| r[0] == "Tunbridge Wells")
        .unwrap();
    assert_eq!(row[2], "212");
    assert_eq!(row[4], "Above the 95% limit");
}

#[test]
fn no_funnel_without_district_populations_or_for_a_share() {
    let data = sample();
    let a = tunbridge_wells(&data);
    let palette = Palette::default();
    // Casualties are given for Tunbridge Wells alone; the schools figure is a percentage.
    assert!(charts::funnel(
        &ChartInput::new(&Index::new(&data), &a, &palette),
        "All casualties"
    )
    .is_none());
    assert!(charts::funnel(
        &ChartInput::new(&Index::new(&data), &a, &palette),
        "Secondary schools engaged with KFRS road safety (%)"
    )
    .is_none());
    assert!(charts::funnel(
        &ChartInput::new(&Index::new(&data), &a, &palette),
        "Violent crime"
    )
    .is_some());
}

#[test]
fn county_change_sets_local_changes_beside_the_countys() {
    let data = sample();
    let a = tunbridge_wells(&data);
    let spec = charts::county_change(&ChartInput::new(
        &Index::new(&data),
        &a,
        &Palette::default(),
    ))
    .expect("changes to compare");
    let o = option(&spec);
    let names = category_data(&o["yAxis"]);
    let local = values(series(&o, "local"));
    let county = values(series(&o, "county"));
    assert_eq!(series(&o, "local")["itemStyle"]["color"], "#0072B2");
    assert_eq!(series(&o, "county")["itemStyle"]["color"], "#D55E00");
    assert_eq!(series(&o, "county")["name"], "Kent");

    let i = names
        .iter()
        .position(|n| n == "Domestic abuse incidents")
        .expect("domestic abuse incidents");
    assert_eq!((local[i], county[i]), (Some(17.0), Some(7.0)));
    let robbery = names.iter().position(|n| n == "Robbery").unwrap();
    assert_eq!((local[robbery], county[robbery]), (Some(39.5), Some(-3.0)));
    // Only measures with a county change over the same periods.
    assert!(!names.iter().any(|n| n.contains("casualties")));
    assert!(!names.iter().any(|n| n.contains("(%)")));

    assert_eq!(first_column(&spec), names);
    assert_eq!(column(&spec, "Tunbridge Wells change"), local);
    assert_eq!(column(&spec, "Kent change"), county);
    assert_eq!(spec.table.rows[i][2], "+17.0%");
}

#[test]
fn road_casualties_breakdown_as_counts_and_as_shares() {
    let data = sample();
    let a = tunbridge_wells(&data);
    let palette = Palette::default();
    for percent in [false, true] {
        let spec = (if percent {
            charts::breakdown_shares
        } else {
            charts::breakdown
        })(
            &ChartInput::new(&Index::new(&data), &a, &palette),
            "Road casualties",
        )
        .expect("parts");
        let o = option(&spec);
        let parts = o["series"].as_array().unwrap();
        assert_eq!(parts.len(), 7);
        let names: Vec<&str> = parts.iter().map(|s| s["name"].as_str().unwrap()).collect();
        assert_eq!(names[0], "Car occupant");
        assert!(parts
            .iter()
            .all(|s| s["stack"] == "total" && s["type"] == "bar"));
        // Categorical colours in order.
        for (i, s) in parts.iter().enumerate() {
            assert_eq!(s["itemStyle"]["color"], palette.categorical[i].as_str());
        }
        let figures: Vec<f64> = parts.iter().map(|s| values(s)[0].unwrap()).collect();
        assert!(figures.windows(2).all(|w| w[0] >= w[1]), "largest first");
        assert_eq!(first_column(&spec), names);
        if percent {
            assert_eq!(figures[0], 69.9);
            assert!((figures.iter().sum::<f64>() - 100.0).abs() < 0.5);
            assert_eq!(o["xAxis"]["max"], 100);
            assert_eq!(
                column(&spec, "Share"),
                figures.iter().copied().map(Some).collect::<Vec<_>>()
            );
        } else {
            assert_eq!(figures[0], 337.0);
            assert_eq!(figures.iter().sum::<f64>(), 482.0);
            assert_eq!(
                column(&spec, "Count"),
                figures.iter().copied().map(Some).collect::<Vec<_>>()
            );
        }
        assert_eq!(spec.table.rows[0], ["Car occupant", "337", "69.9%"]);
    }
    assert!(charts::breakdown(
        &ChartInput::new(&Index::new(&data), &a, &palette),
        "Violent crime"
    )
    .is_none());
}

#[test]
fn night_time_economy_target_progress() {
    let data = sample();
    let a = tunbridge_wells(&data);
    let index = Index::new(&data);
    let i = a
        .targets
        .iter()
        .position(|t| t.target.measure == "Violent crimes in the night-time economy")
        .unwrap();
    let spec = charts::target_progress(&ChartInput::new(&index, &a, &Palette::default()), i)
        .expect("progress");
    let o = option(&spec);

    assert_eq!(
        category_data(&o["xAxis"]),
        ["Q1 2015/16", "Q2 2015/16", "Q3 2015/16", "Q4 2015/16"]
    );
    let figures = values(series(&o, "figures"));
    let cumulative = values(series(&o, "cumulative"));
    let projection = values(series(&o, "projection"));
    assert_eq!(figures, [Some(47.0), Some(50.0), None, None]);
    assert_eq!(cumulative, [Some(47.0), Some(97.0), None, None]);
    assert_eq!(projection, [None, Some(97.0), Some(145.5), Some(194.0)]);
    assert_eq!(series(&o, "projection")["lineStyle"]["type"], "dashed");
    assert_eq!(series(&o, "figures")["type"], "bar");
    let goal = series(&o, "goal");
    assert_eq!(mark_line_y(goal), 220.0);
    // The axis reaches the goal, which ECharts would otherwise leave off.
    assert!(o["yAxis"]["max"].as_f64().unwrap() >= 220.0);
    assert!(spec.description.starts_with(
        "To reduce the number of violent incidents in the night-time economy. On track:"
    ));
    assert!(spec.description.contains("project to 194"));

    assert_eq!(
        spec.table.headers,
        ["Quarter", "Figure", "Cumulative", "Projected"]
    );
    assert_eq!(column(&spec, "Figure"), figures);
    assert_eq!(column(&spec, "Cumulative"), cumulative);
    assert_eq!(column(&spec, "Projected"), projection);
}

#[test]
fn a_level_target_is_a_line_against_the_level() {
    let data = sample();
    let a = tunbridge_wells(&data);
    let index = Index::new(&data);
    let i = a
        .targets
        .iter()
        .position(|t| t.target.measure.starts_with("Secondary schools"))
        .unwrap();
    let spec = charts::target_progress(&ChartInput::new(&index, &a, &Palette::default()), i)
        .expect("progress");
    let o = option(&spec);
    let figures = series(&o, "figures");
    assert_eq!(figures["type"], "line");
    assert_eq!(values(figures), [Some(25.0), Some(42.0), None, None]);
    assert_eq!(mark_line_y(series(&o, "goal")), 50.0);
    assert!(!has_series(&o, "cumulative") && !has_series(&o, "projection"));
    assert!(spec.description.contains("At risk"));
    assert_eq!(column(&spec, "Figure"), values(figures));

    assert!(charts::target_progress(
        &ChartInput::new(&index, &a, &Palette::default()),
        a.targets.len()
    )
    .is_none());
}

#[test]
fn priority_matrix_has_a_point_per_issue() {
    let data = sample();
    let a = tunbridge_wells(&data);
    let spec = charts::priority_matrix(&ChartInput::new(
        &Index::new(&data),
        &a,
        &Palette::default(),
    ))
    .expect("a matrix");
    let o = option(&spec);
    let recommended = pairs(series(&o, "recommended"));
    let others = pairs(series(&o, "not-recommended"));
    assert_eq!(recommended.len() + others.len(), a.priorities.len());
    assert_eq!(series(&o, "recommended")["itemStyle"]["color"], "#0072B2");
    assert_eq!(
        series(&o, "not-recommended")["itemStyle"]["color"],
        "#5F6B7A"
    );
    for axis in [&o["xAxis"], &o["yAxis"]] {
        assert_eq!(
            (axis["min"].as_f64(), axis["max"].as_f64()),
            (Some(0.0), Some(100.0))
        );
    }
    // Violent crime: volume 0, trend 3, significance 3, county 3 → 9 of 12;
    // harm 3 (×2), concern 2, capacity 2 → 10 of 12.
    let violent = recommended
        .iter()
        .find(|p| p.0.as_deref() == Some("Violent crime"))
        .expect("violent crime is recommended");
    assert_eq!((violent.1, violent.2), (75.0, 83.3));
    assert!(others.iter().any(|p| p.0.as_deref() == Some("Drugs")));
    for p in &a.priorities {
        let in_recommended = recommended.iter().any(|r| r.0.as_deref() == Some(&p.issue));
        assert_eq!(in_recommended, p.recommended, "{}", p.issue);
    }

    let data_scores = column(&spec, "Data score (%)");
    let judged = column(&spec, "Judged score (%)");
    for (name, x, y) in recommended.iter().chain(&others) {
        let i = spec
            .table
            .rows
            .iter()
            .position(|r| Some(&r[0]) == name.as_ref())
            .unwrap();
        assert_eq!(
            (data_scores[i], judged[i]),
            (Some(*x), Some(*y)),
            "{name:?}"
        );
    }
    let row = spec
        .table
        .rows
        .iter()
        .find(|r| r[0] == "Violent crime")
        .unwrap();
    assert_eq!(row[3..], ["19 of 24", "Yes"]);
}

#[test]
fn the_palette_colours_every_chart() {
    let data = sample();
    let a = tunbridge_wells(&data);
    let index = Index::new(&data);
    let palette: Palette =
        serde_json::from_str(r##"{"local": "#111111", "county": "#222222"}"##).unwrap();
    // What is not given keeps its default.
    assert_eq!(palette.target, "#007A5A");
    assert_eq!(palette.categorical, Palette::default().categorical);
    assert_eq!(palette.category(9), "#D55E00");

    let trend =
        option(&charts::trend(&ChartInput::new(&index, &a, &palette), "Violent crime").unwrap());
    assert_eq!(series(&trend, "local")["itemStyle"]["color"], "#111111");
    assert_eq!(series(&trend, "county")["itemStyle"]["color"], "#222222");
    let change =
        option(&charts::county_change(&ChartInput::new(&Index::new(&data), &a, &palette)).unwrap());
    assert_eq!(series(&change, "local")["itemStyle"]["color"], "#111111");
    let funnel = option(
        &charts::funnel(
            &ChartInput::new(&Index::new(&data), &a, &palette),
            "Drug offences",
        )
        .unwrap(),
    );
    assert_eq!(series(&funnel, "county")["lineStyle"]["color"], "#222222");
    let matrix = option(
        &charts::priority_matrix(&ChartInput::new(&Index::new(&data), &a, &palette)).unwrap(),
    );
    assert_eq!(
        series(&matrix, "recommended")["itemStyle"]["color"],
        "#111111"
    );

    let round_trip: Palette =
        serde_json::from_str(&serde_json::to_string(&Palette::default()).unwrap()).unwrap();
    assert_eq!(round_trip, Palette::default());
}

#[test]
fn every_chart_has_an_id_a_description_and_a_table() {
    let data = sample();
    let a = tunbridge_wells(&data);
    let index = Index::new(&data);
    let palette = Palette::default();
    let mut specs: Vec<ChartSpec> = a
        .measures
        .iter()
        .filter_map(|m| charts::trend(&ChartInput::new(&index, &a, &palette), &m.measure))
        .collect();
    assert!(specs.len() >= 15, "{} trends", specs.len());
    specs.extend(charts::funnel(
        &ChartInput::new(&Index::new(&data), &a, &palette),
        "Drug offences",
    ));
    specs.extend(charts::county_change(&ChartInput::new(
        &Index::new(&data),
        &a,
        &palette,
    )));
    specs.extend(charts::breakdown_shares(
        &ChartInput::new(&Index::new(&data), &a, &palette),
        "Drunkenness arrests",
    ));
    specs.extend(
        (0..a.targets.len())
            .filter_map(|i| charts::target_progress(&ChartInput::new(&index, &a, &palette), i)),
    );
    specs.extend(charts::priority_matrix(&ChartInput::new(
        &Index::new(&data),
        &a,
        &palette,
    )));
    let mut ids = std::collections::BTreeSet::new();
    for spec in &specs {
        assert!(ids.insert(spec.id.clone()), "{} twice", spec.id);
        assert!(
            spec.description.ends_with('.'),
            "{}: {}",
            spec.id,
            spec.description
        );
        assert!(!spec.table.rows.is_empty(), "{}", spec.id);
        assert!(spec
            .table
            .rows
            .iter()
            .all(|r| r.len() == spec.table.headers.len()));
        let o = option(spec);
        assert!(
            o["series"].as_array().is_some_and(|s| !s.is_empty()),
            "{}",
            spec.id
        );
        assert_eq!(o["title"][0]["text"], spec.title.as_str());
        assert_tooltip_allowed_by_the_csp(&o, &spec.id);
    }
}

/// The tooltip settings that keep ECharts from writing inline styles the
/// Content-Security-Policy blocks (the formatter itself is JavaScript,
/// tools/echarts-tooltip.mjs, checked end to end by hovering).
fn assert_tooltip_allowed_by_the_csp(o: &Value, id: &str) {
    let t = &o["tooltip"];
    assert!(t.is_object(), "{id} has no tooltip: {o}");
    assert_eq!(t["renderMode"], "html", "{id}");
    assert_eq!(
        t["confine"], true,
        "{id}: an unconfined item tooltip draws a styled arrow"
    );
    assert_eq!(t["className"], charts::TOOLTIP_CLASS, "{id}");
    assert_eq!(t["extraCssText"], "", "{id}");
    assert!(
        t.get("formatter").is_none(),
        "{id}: the formatter is set in the browser"
    );
}

#[test]
fn the_app_stylesheet_carries_the_tooltip_rules_the_board_pack_inlines() {
    let css = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/style/main.css"))
        .expect("the stylesheet");
    assert!(
        css.contains(charts::TOOLTIP_CSS),
        "style/main.css and core::charts::TOOLTIP_CSS differ"
    );
}

#[test]
fn measures_and_categories_named_alike_get_their_own_chart_and_series_ids() {
    let names = ["Knife crime", "Knife-crime", "knife crime", "Knife  crime"];
    let data = common::lookalike_names(&names);
    let a = common::assess_all(&data);
    let index = Index::new(&data);
    let palette = Palette::default();
    let mut ids = std::collections::BTreeSet::new();
    let mut latest = Vec::new();
    for name in names {
        let trend = charts::trend(&ChartInput::new(&index, &a, &palette), name)
            .unwrap_or_else(|| panic!("no trend for {name:?}"));
        let funnel = charts::funnel(&ChartInput::new(&index, &a, &palette), name)
            .unwrap_or_else(|| panic!("no funnel for {name:?}"));
        for spec in [&trend, &funnel] {
            assert!(ids.insert(spec.id.clone()), "{} twice", spec.id);
            assert!(spec.id.contains("knife-crime-"), "{}", spec.id);
        }
        let local = values(series(&option(&trend), "local"));
        latest.push(format!("{:?}", local.last().copied().flatten()));
    }
    // Each chart holds its own measure's figures, not a lookalike's.
    latest.sort();
    latest.dedup();
    assert_eq!(latest.len(), names.len(), "{latest:?}");
    // A breakdown's parts named alike stay separate series.
    let parts = common::lookalike_breakdown(&names);
    let a = common::assess_all(&parts);
    let spec = charts::breakdown(
        &ChartInput::new(&Index::new(&data), &a, &palette),
        "Road casualties",
    )
    .expect("a breakdown");
    let o = option(&spec);
    let series_ids: std::collections::BTreeSet<&str> = o["series"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(series_ids.len(), names.len(), "{series_ids:?}");
}

#[test]
fn district_bars_put_the_lowest_first_and_highlight_the_local_area() {
    let data = sample();
    let a = tunbridge_wells(&data);
    let index = Index::new(&data);
    let palette = Palette::default();
    let spec = charts::district_bars(&ChartInput::new(&index, &a, &palette), "Drug offences")
        .expect("drug offences are compared across districts");
    assert_eq!(spec.title, "Drug offences per 1,000 population");
    assert!(spec
        .description
        .contains("Tunbridge Wells: 1.8 per 1,000, 11th of 12"));
    let drugs = a
        .comparisons
        .iter()
        .find(|c| c.measure == "Drug offences")
        .unwrap();
    let o = option(&spec);
    assert_tooltip_allowed_by_the_csp(&o, "district bars");
    let names = category_data(&o["yAxis"]);
    assert_eq!(names.len(), 12);
    assert_eq!(names[10], "Tunbridge Wells ◆");
    let bars = o["series"][0]["data"].as_array().unwrap();
    assert_eq!(bars[10]["value"], 1.83);
    assert_eq!(bars[10]["itemStyle"]["color"], palette.local.as_str());
    assert_eq!(bars[0]["itemStyle"]["color"], palette.other.as_str());
    let rates: Vec<f64> = bars.iter().map(|b| b["value"].as_f64().unwrap()).collect();
    assert!(
        rates.windows(2).all(|w| w[0] <= w[1]),
        "not lowest first: {rates:?}"
    );
    // The table beside it has the same rates, to one decimal place.
    let table = charts::district_table(drugs);
    assert!(
        table.caption.starts_with("Drug offences, "),
        "{}",
        table.caption
    );
    assert_eq!(table.headers[3], "Per 1,000 population");
    assert_eq!(
        table.rows[10],
        ["11th", "Tunbridge Wells", "212", "1.8"].map(String::from)
    );
}
