//! The assessment over the built-in sample reproduces every figure the 2016/17
//! plan published, in findings; the same figures laid out differently give the
//! same findings; targets, priorities and options behave as an analyst expects.

use csp_workbench::core::assessment::findings::Topic;
use csp_workbench::core::assessment::priority::{Criterion, Judgement, Override};
use csp_workbench::core::assessment::targets::{
    evaluate, Rag, Target, TargetDirection, TargetStatus,
};
use csp_workbench::core::assessment::{
    assess, report, Assessment, Comparison, Index, Options, PrioritySettings,
};
use csp_workbench::core::dataset::Dataset;
use csp_workbench::core::ingest::import_file;
use csp_workbench::core::period::Period;

mod common;

use common::{sample, tunbridge_wells, SAMPLE};

fn finding(a: &Assessment, measure: &str, topic: Topic) -> String {
    a.findings_for(measure)
        .iter()
        .find(|f| f.topic == topic)
        .unwrap_or_else(|| panic!("no {topic:?} finding for {measure}"))
        .text
        .clone()
}

#[test]
fn every_published_figure_is_in_the_findings() {
    let a = tunbridge_wells(&sample());
    assert_eq!(
        report::heading(&a),
        "Tunbridge Wells, data to Dec 2015, for the 2016/17 plan"
    );
    assert_eq!(a.options.county.as_deref(), Some("Kent"));

    let all = finding(&a, "All crime", Topic::Change);
    assert!(all.starts_with("All crime increased by 0.8% (42 crimes) in Oct 2014 – Sep 2015, to 5,040 crimes from 4,998"), "{all}");
    assert!(
        !all.contains("per 1,000"),
        "a count is never called a rate: {all}"
    );

    let da = finding(&a, "Domestic abuse incidents", Topic::Change);
    assert!(da.contains("increased by 17% (192 incidents)"), "{da}");
    assert!(da.contains("1,319 incidents"), "{da}");
    assert!(da.contains("against a Kent-wide increase of 7%"), "{da}");

    let repeat = finding(&a, "Repeat victims", Topic::Repeat);
    assert_eq!(
        repeat,
        "There were 319 repeat victims in Oct 2014 – Sep 2015, an average monthly repeat \
         victimisation rate of 23.5% (the mean of the twelve monthly rates), below the Kent \
         average of 25.5%."
    );

    let violence = finding(&a, "Violent crime", Topic::Change);
    assert!(violence.starts_with("Violent crime increased by 13% (195 crimes) in Oct 2014 – Sep 2015, to 1,696 crimes from 1,501"), "{violence}");
    assert!(violence.contains("statistically significant"), "{violence}");
    let violence_rate = finding(&a, "Violent crime", Topic::Rate);
    assert!(
        violence_rate
            .contains("Tunbridge Wells has the third lowest rate of the 12 districts in Kent"),
        "{violence_rate}"
    );

    let robbery = finding(&a, "Robbery", Topic::Change);
    assert!(robbery.contains("to 53 crimes from 38"), "{robbery}");
    assert!(
        robbery.contains("while across Kent it fell by 3%"),
        "{robbery}"
    );
    assert!(finding(&a, "Robbery", Topic::Rate).contains("5th of 12 districts"));

    let asb = finding(&a, "Anti-social behaviour incidents", Topic::Change);
    assert!(asb.contains("decreased by 2% (66 incidents)"), "{asb}");
    assert!(asb.contains("against a Kent-wide decrease of 5%"), "{asb}");
    assert!(finding(&a, "Anti-social behaviour incidents", Topic::Rate)
        .contains("the third lowest rate"));
    assert!(finding(&a, "Anti-social behaviour incidents", Topic::Direction)
        .starts_with("Tunbridge Wells has recorded steady falls in anti-social behaviour incidents over the past five years"));

    let drugs = finding(&a, "Drug offences", Topic::Rate);
    assert!(drugs.contains("was 1.8 per 1,000 population in Oct 2014 – Sep 2015 (212 offences), above the Kent average of 1.5 per 1,000"), "{drugs}");
    assert!(
        drugs.contains("Tunbridge Wells is 11th of 12 districts in Kent"),
        "{drugs}"
    );
    assert!(finding(&a, "Drug offences", Topic::Change).contains("decreased by 18% (45 offences)"));

    assert_eq!(
        finding(&a, "All casualties", Topic::Baseline),
        "All casualties: 482 in 2014, above the 2004–2008 average of 463 (within normal variation)."
    );
    assert_eq!(
        finding(&a, "KSI casualties", Topic::Baseline),
        "KSI casualties: 59 in 2014, below the 2004–2008 average of 70 (within normal variation)."
    );
    assert!(finding(&a, "Child KSI casualties", Topic::Baseline)
        .contains("7 in 2014, above the 2004–2008 average of 3"));
    assert!(finding(&a, "Child slight casualties", Topic::Baseline)
        .contains("44 in 2014, above the 2004–2008 average of 35"));
    assert!(finding(&a, "Child casualties", Topic::Change).contains("to 51 casualties from 37"));
    assert!(finding(&a, "Casualties aged 65 and over", Topic::Change)
        .contains("to 52 casualties from 55"));
    assert_eq!(
        finding(&a, "Road casualties", Topic::Breakdown),
        "Car occupant accounted for 70% of road casualties in Tunbridge Wells in 2014 (337 of 482)."
    );
    assert_eq!(
        finding(&a, "Drunkenness arrests", Topic::Breakdown),
        "Town centre accounted for 87% of drunkenness arrests in Tunbridge Wells in 2015 (103 of 119)."
    );
}

#[test]
fn every_finding_cites_its_cells() {
    let a = tunbridge_wells(&sample());
    let drugs = a
        .findings_for("Drug offences")
        .iter()
        .find(|f| f.topic == Topic::Rate)
        .unwrap();
    let cells: Vec<String> = drugs.figures.iter().map(|c| c.source.to_string()).collect();
    assert_eq!(
        cells,
        [
            "csp-sample-assessment.xlsx › Recorded crime › D63",
            "csp-sample-assessment.xlsx › Population › C15"
        ]
    );
    let repeat = a
        .findings_for("Repeat victims")
        .iter()
        .find(|f| f.topic == Topic::Repeat)
        .unwrap();
    assert_eq!(repeat.figures[0].source.cell, "D5:D16");
    assert_eq!(repeat.figures[1].source.cell, "C5:C16");
    assert!(repeat
        .method
        .as_ref()
        .unwrap()
        .contains("Wilson 95% interval"));
    for (m, findings) in a.measures.iter().zip(&a.findings) {
        for f in findings {
            if f.topic != Topic::Control {
                assert!(
                    !f.figures.is_empty(),
                    "{}: {} cites nothing",
                    m.measure,
                    f.text
                );
            }
            // Only a rate finding, or a repeat victimisation rate, may speak of rates.
            if !matches!(f.topic, Topic::Rate | Topic::Repeat) {
                assert!(
                    !f.text.contains("per 1,000") && !f.text.contains(" rate"),
                    "a count called a rate: {}",
                    f.text
                );
            }
        }
    }
}

/// The sample's figures written out as one long CSV: one row per figure, periods
/// spelled differently, areas and measures in another column order.
fn long_csv(data: &Dataset) -> String {
    let mut out = String::from("Measure,Breakdown,Time period,Geography,Count\n");
    for o in &data.observations {
        let Some(v) = o.value.number() else { continue };
        out.push_str(&format!(
            "\"{}\",\"{}\",\"{}\",\"{}\",{v}\n",
            o.measure,
            o.category.as_deref().unwrap_or(""),
            o.period.label().replace('–', "-"),
            o.area
        ));
    }
    out
}

#[test]
fn the_same_figures_laid_out_differently_give_the_same_findings() {
    let original = sample();
    let csv = long_csv(&original);
    std::fs::write(
        concat!(env!("CARGO_TARGET_TMPDIR"), "/partner-extract.csv"),
        &csv,
    )
    .unwrap();
    let reshaped =
        import_file("partner-extract.csv", csv.as_bytes()).expect("the long file imports");
    assert_eq!(reshaped.tables.len(), 1);
    let a = tunbridge_wells(&original);
    let b = tunbridge_wells(&reshaped);
    let texts = |x: &Assessment| -> Vec<String> {
        x.findings
            .iter()
            .flatten()
            .map(|f| f.text.clone())
            .collect()
    };
    assert_eq!(texts(&a), texts(&b));
    assert_eq!(report::text(&a), report::text(&b));
    // …while each finding now points at the CSV's cells.
    let drugs = b
        .findings_for("Drug offences")
        .iter()
        .find(|f| f.topic == Topic::Rate)
        .unwrap();
    assert_eq!(drugs.figures[0].source.file, "partner-extract.csv");
}

#[test]
fn targets_stand_as_the_quarterly_monitoring_says() {
    let a = tunbridge_wells(&sample());
    let status: Vec<(TargetStatus, Rag)> = a
        .targets
        .iter()
        .map(|t| (t.status, t.status.rag()))
        .collect();
    assert_eq!(
        status,
        [
            (TargetStatus::OnTrack, Rag::Green),
            (TargetStatus::OffTrack, Rag::Red),
            (TargetStatus::AtRisk, Rag::Amber)
        ]
    );
    // 97 so far against 110 in the same quarters of 2014/15, whose year was 220.
    let nte = &a.targets[0];
    assert_eq!(nte.actual.as_ref().unwrap().value, 97.0);
    assert_eq!(nte.projection.as_ref().unwrap().value, 97.0 / 110.0 * 220.0);
    assert_eq!(
        nte.sentence,
        "On track: 97 crimes in Apr 2015 – Sep 2015 project to 194 for 2015/16 (scaled by the \
         same quarters of 2014/15), below 220 crimes in 2014/15 (tolerance 5%)."
    );
    assert_eq!(
        a.targets[1].projection.as_ref().unwrap().value.round(),
        349.0
    );
    assert_eq!(
        a.targets[2].sentence,
        "At risk: 42% in Q2 2015/16, below the target of 50% (tolerance 20%); 2 of 4 quarters of 2015/16 in."
    );
}

fn quarterly(values: &[(&str, f64)], measure: &str) -> Dataset {
    let mut csv = String::from("Area,Quarter,Measure,Value\n");
    for (q, v) in values {
        csv.push_str(&format!("Tunbridge Wells,{q},{measure},{v}\n"));
    }
    import_file("monitoring.csv", csv.as_bytes()).expect("imports")
}

fn reduce_target(measure: &str) -> Target {
    Target {
        priority: "Test".into(),
        description: "Reduce it".into(),
        measure: measure.into(),
        direction: TargetDirection::Reduce,
        level: None,
        baseline: Some(Period::financial_year(2014)),
        period: Period::financial_year(2015),
        tolerance: 0.05,
    }
}

#[test]
fn every_target_status_from_hand_worked_figures() {
    let year = [
        ("Q1 2014/15", 25.0),
        ("Q2 2014/15", 25.0),
        ("Q3 2014/15", 25.0),
        ("Q4 2014/15", 25.0),
    ];
    let status_with = |this_year: &[(&str, f64)]| {
        let mut rows = year.to_vec();
        rows.extend_from_slice(this_year);
        let data = quarterly(&rows, "Thefts");
        evaluate(
            &Index::new(&data),
            "Tunbridge Wells",
            &reduce_target("Thefts"),
        )
    };
    // A whole year in, below 100: achieved. At or above: off track (missed).
    let done = status_with(&[
        ("Q1 2015/16", 20.0),
        ("Q2 2015/16", 20.0),
        ("Q3 2015/16", 20.0),
        ("Q4 2015/16", 20.0),
    ]);
    assert_eq!(done.status, TargetStatus::Achieved);
    assert_eq!(
        done.sentence,
        "Achieved: 80 thefts in 2015/16, below 100 thefts in 2014/15."
    );
    let missed = status_with(&[
        ("Q1 2015/16", 30.0),
        ("Q2 2015/16", 30.0),
        ("Q3 2015/16", 30.0),
        ("Q4 2015/16", 30.0),
    ]);
    assert_eq!(missed.status, TargetStatus::OffTrack);
    // Half a year: 48 → 96 projected (on track); 51 → 102 (at risk, within 5%); 60 → 120 (off track).
    assert_eq!(
        status_with(&[("Q1 2015/16", 24.0), ("Q2 2015/16", 24.0)]).status,
        TargetStatus::OnTrack
    );
    let at_risk = status_with(&[("Q1 2015/16", 25.0), ("Q2 2015/16", 26.0)]);
    assert_eq!(at_risk.status, TargetStatus::AtRisk);
    assert_eq!(at_risk.projection.as_ref().unwrap().value, 102.0);
    assert_eq!(
        status_with(&[("Q1 2015/16", 30.0), ("Q2 2015/16", 30.0)]).status,
        TargetStatus::OffTrack
    );
    // Nothing for the target year yet.
    let none = status_with(&[]);
    assert_eq!(none.status, TargetStatus::NoData);
    assert_eq!(none.status.rag(), Rag::Grey);
    assert_eq!(
        none.sentence,
        "No data: there is no figure for thefts in 2015/16 yet."
    );
    // No baseline quarters: a straight-line projection, said so.
    let data = quarterly(&[("Q1 2015/16", 30.0)], "Thefts");
    let mut target = reduce_target("Thefts");
    target.direction = TargetDirection::Reach;
    target.level = Some(100.0);
    target.baseline = None;
    let reach = evaluate(&Index::new(&data), "Tunbridge Wells", &target);
    assert_eq!(reach.projection.as_ref().unwrap().value, 120.0);
    assert_eq!(
        reach.projection.as_ref().unwrap().method,
        "straight-line from 1 of 4 quarters"
    );
    assert_eq!(reach.status, TargetStatus::OnTrack);
    let missing = evaluate(
        &Index::new(&data),
        "Tunbridge Wells",
        &reduce_target("Thefts"),
    );
    assert_eq!(missing.status, TargetStatus::NoData);
    assert_eq!(
        missing.sentence,
        "No data: there is no figure for the baseline period 2014/15."
    );
}

#[test]
fn the_priority_matrix_ranks_explains_and_can_be_overridden() {
    let data = sample();
    let a = tunbridge_wells(&data);
    let p = |m: &str| a.priority_for(m).unwrap().clone();
    // Issues, not measures: each issue once, its measures with it.
    let issues: Vec<&str> = a.priorities.iter().map(|p| p.issue.as_str()).collect();
    let mut sorted = issues.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        [
            "Acquisitive crime",
            "Alcohol",
            "All crime",
            "Anti-social behaviour",
            "Domestic abuse",
            "Drugs",
            "Road safety",
            "Violent crime"
        ]
    );
    let road = p("Road safety");
    assert_eq!(road.measures.len(), 8, "{:?}", road.measures);
    assert!(road.measures.iter().any(|m| m == "Child KSI casualties"));
    let da = p("Domestic abuse victims");
    assert_eq!(da.issue, "Domestic abuse");
    assert_eq!(da.measure, "Domestic abuse incidents", "the lead measure");
    for m in [
        "Domestic abuse incidents",
        "Domestic abuse victims",
        "Repeat victims",
        "Repeat domestic abuse cases",
    ] {
        assert!(
            da.measures.iter().any(|x| x == m),
            "{m} in {:?}",
            da.measures
        );
    }
    let violence = p("Violent crime");
    assert_eq!(
        violence.measures,
        ["Violent crime", "Violent crimes in the night-time economy"]
    );
    assert!(violence.recommended);
    assert_eq!(
        violence.recommendation,
        "We recommend making violent crime a priority for 2016/17."
    );
    let trend = violence
        .scores
        .iter()
        .find(|s| s.criterion == Criterion::Trend)
        .unwrap();
    assert_eq!(trend.score, 3);
    assert!(
        trend.reason.starts_with("Violent crime"),
        "{}",
        trend.reason
    );
    assert!(da.recommended);
    let asb = p("Anti-social behaviour incidents");
    assert!(!asb.recommended);
    assert_eq!(
        asb.recommendation,
        "We recommend anti-social behaviour is not set as a priority for 2016/17."
    );
    let drugs = p("Drug offences");
    assert_eq!(drugs.issue, "Drugs");
    assert!(!drugs.matrix_says);
    let score = |p: &csp_workbench::core::assessment::PriorityAssessment, c: Criterion| {
        p.scores.iter().find(|s| s.criterion == c).unwrap().clone()
    };
    assert_eq!(score(&drugs, Criterion::Volume).score, 3);
    // Harm from the Crime Severity Score where the offences are known: drug
    // offences (a Home Office group) and robbery (a police.uk crime type).
    let harm = drugs.harm.as_ref().expect("drug offences are weighed");
    assert!(
        (harm.per_offence - 102.6).abs() < 0.05,
        "{}",
        harm.per_offence
    );
    assert_eq!(score(&drugs, Criterion::Harm).score, 2);
    let acquisitive = p("Robbery");
    assert_eq!(acquisitive.issue, "Acquisitive crime");
    assert_eq!(score(&acquisitive, Criterion::Harm).score, 3);
    assert!(score(&acquisitive, Criterion::Harm)
        .reason
        .starts_with("Crime Severity Score 799.6 per offence"));
    // Issues with no known offences start from the kind of issue.
    assert_eq!(
        score(&road, Criterion::Harm).reason,
        "not judged yet: starting value"
    );
    assert!(a
        .priorities
        .windows(2)
        .all(|w| w[0].share() >= w[1].share()));

    // The officer keeps drugs as a priority, with a reason; marks violent crime as a
    // current priority; and leaves domestic abuse out.
    let mut settings = PrioritySettings::default();
    settings.overrides.insert(
        "Drugs".into(),
        Override {
            priority: true,
            reason: "Alcohol and substance misuse is in the Kent Control Strategy".into(),
        },
    );
    settings.judgements.insert(
        "Drugs".into(),
        Judgement {
            current_priority: true,
            ..Judgement::default()
        },
    );
    settings.judgements.insert(
        "Violent crime".into(),
        Judgement {
            current_priority: true,
            ..Judgement::default()
        },
    );
    settings.judgements.insert(
        "Domestic abuse".into(),
        Judgement {
            excluded: true,
            ..Judgement::default()
        },
    );
    // The partnership overrides the evidence on robbery's harm: only with a reason.
    settings.judgements.insert(
        "Acquisitive crime".into(),
        Judgement {
            harm: Some(1),
            ..Judgement::default()
        },
    );
    let b = assess(&data, &Options::default(), &[], &settings).unwrap();
    let drugs = b.priority_for("Drug offences").unwrap();
    assert!(drugs.recommended && !drugs.matrix_says);
    assert_eq!(
        drugs.recommendation,
        "We recommend drugs remain a priority for 2016/17."
    );
    assert_eq!(
        drugs.override_reason.as_deref(),
        Some("Alcohol and substance misuse is in the Kent Control Strategy")
    );
    assert_eq!(
        b.priority_for("Violent crime").unwrap().recommendation,
        "We recommend violent crime remains a priority for 2016/17."
    );
    assert!(b.priority_for("Domestic abuse victims").is_none());
    assert_eq!(
        score(b.priority_for("Robbery").unwrap(), Criterion::Harm).score,
        3
    );
    settings
        .judgements
        .get_mut("Acquisitive crime")
        .unwrap()
        .harm_reason = "Robbery here is mostly of mobile phones".into();
    // A measure moved into another issue by the user.
    settings
        .issues
        .insert("Drunkenness arrests".into(), "Violent crime".into());
    let e = assess(&data, &Options::default(), &[], &settings).unwrap();
    let harm = score(e.priority_for("Robbery").unwrap(), Criterion::Harm);
    assert_eq!(
        (harm.score, harm.reason.as_str()),
        (
            1,
            "set by the partnership: Robbery here is mostly of mobile phones"
        )
    );
    assert_eq!(
        e.priority_for("Drunkenness arrests").unwrap().issue,
        "Violent crime"
    );
    assert!(e.priority_for("Alcohol").is_none());
    // An override without a reason does not count.
    settings.overrides.get_mut("Drugs").unwrap().reason = "  ".into();
    let c = assess(&data, &Options::default(), &[], &settings).unwrap();
    assert!(!c.priority_for("Drug offences").unwrap().recommended);
    // Weights move the ranking: with only volume counting, drugs (11th of 12) leads.
    let mut volume_only = PrioritySettings::default();
    for criterion in Criterion::ALL {
        volume_only.weights.set(criterion, 0.0);
    }
    volume_only.weights.set(Criterion::Volume, 1.0);
    let d = assess(&data, &Options::default(), &[], &volume_only).unwrap();
    assert_eq!(d.priorities[0].issue, "Drugs");
}

#[test]
fn options_change_the_area_the_comparison_and_the_baseline() {
    let data = sample();
    // Another district, with its own rank.
    let ashford = assess(
        &data,
        &Options {
            area: Some("Ashford".into()),
            ..Options::default()
        },
        &[],
        &PrioritySettings::default(),
    )
    .unwrap();
    assert_eq!(ashford.options.area, "Ashford");
    let rank = ashford.measure("All crime").unwrap().rank.clone().unwrap();
    // 69.8 per 1,000: above Tunbridge Wells, Sevenoaks, and Tonbridge and Malling.
    assert_eq!((rank.rank, rank.of), (4, 12));
    // Two years back: ASB 3,246 against 3,900 in Oct 2012 – Sep 2013... the third year on file.
    let earlier = assess(
        &data,
        &Options {
            comparison: Comparison::YearsEarlier(2),
            ..Options::default()
        },
        &[],
        &PrioritySettings::default(),
    )
    .unwrap();
    let asb = earlier.measure("Anti-social behaviour incidents").unwrap();
    assert_eq!(asb.change.previous.as_ref().unwrap().value, 3560.0);
    assert_eq!(asb.compared_with, "the same period two years earlier");
    // A chosen baseline: 2009–2013 for road casualties.
    let chosen = assess(
        &data,
        &Options {
            baseline: Some((2009, 2013)),
            ..Options::default()
        },
        &[],
        &PrioritySettings::default(),
    )
    .unwrap();
    let b = chosen
        .measure("All casualties")
        .unwrap()
        .baseline
        .clone()
        .unwrap();
    assert_eq!(b.label, "2009–2013");
    assert_eq!(b.mean, (440.0 + 430.0 + 445.0 + 438.0 + 461.0) / 5.0);
    // An earlier reporting period: data to September 2014.
    let sep_2014 = Period::month(2014, 9);
    let past = assess(
        &data,
        &Options {
            period_end: Some(sep_2014.first_month_index()),
            ..Options::default()
        },
        &[],
        &PrioritySettings::default(),
    )
    .unwrap();
    let all = past.measure("All crime").unwrap();
    assert_eq!(all.change.current.value, 4998.0);
    assert!(all.change.previous.is_none());
    assert_eq!(past.options.plan_year, 2015);
}

#[test]
fn the_real_files_assess_without_nonsense() {
    let Some(_) = common::shared_data("real") else {
        return;
    };
    let read = |name: &str| import_file(name, &common::shared_file("real", name)).expect("imports");
    let pfa = read("rec-crime-pfa.csv");
    let kent = assess(
        &pfa,
        &Options {
            area: Some("Kent".into()),
            ..Options::default()
        },
        &[],
        &PrioritySettings::default(),
    )
    .unwrap();
    assert!(kent.measures.len() > 10);
    let drugs = kent.measure("Drug offences").unwrap();
    assert_eq!(drugs.change.current.value, 3043.0);
    assert_eq!(drugs.change.previous.as_ref().unwrap().value, 2612.0);
    // Kent is compared with its region, derived from its five forces, and
    // ranked among them, by count (no populations loaded), and says so.
    assert_eq!(kent.options.county.as_deref(), Some("South East"));
    let rank = drugs.rank.as_ref().unwrap();
    assert!(!rank.by_rate);
    assert_eq!(rank.of, 5, "{rank:?}");
    assert_eq!(
        rank.among.as_deref(),
        Some("police force areas in the South East")
    );
    assert!(kent
        .findings_for("Drug offences")
        .iter()
        .all(|f| f.topic != Topic::Rate));
    // A series that drops to nothing is flagged as a likely change of classification.
    let burglary = finding(&kent, "Domestic burglary", Topic::Change);
    assert!(burglary.contains("change of classification"), "{burglary}");

    let stats19 = read("STATS19CasDataJan2010Dec2021forGMServers.csv");
    let gm = assess(
        &stats19,
        &Options::default(),
        &[],
        &PrioritySettings::default(),
    )
    .unwrap();
    assert!(!gm.measures.is_empty());
    for findings in &gm.findings {
        for f in findings {
            assert!(
                !f.text.contains("NaN") && !f.text.contains("inf"),
                "{}",
                f.text
            );
        }
    }
}

#[test]
fn cspw_assess_prints_the_same_findings() {
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_cspw"))
            .args(args)
            .output()
            .expect("cspw runs");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (ok, text, _) = run(&[
        "assess",
        SAMPLE,
        "--area",
        "Tunbridge Wells",
        "--targets",
        "sample",
    ]);
    assert!(ok);
    let a = tunbridge_wells(&sample());
    assert_eq!(text, report::text(&a));
    for figure in [
        "increased by 0.8%",
        "increased by 17% (192 incidents)",
        "against a Kent-wide increase of 7%",
        "23.5%",
        "25.5%",
        "the third lowest rate",
        "11th of 12 districts",
        "1.8 per 1,000 population",
        "Kent average of 1.5 per 1,000",
        "482 in 2014, above the 2004–2008 average of 463",
        "59 in 2014, below the 2004–2008 average of 70",
        "Car occupant accounted for 70%",
        "(103 of 119)",
        "[Red] Domestic abuse",
    ] {
        assert!(text.contains(figure), "cspw assess does not say “{figure}”");
    }
    let (ok, json, _) = run(&["assess", SAMPLE, "--json"]);
    assert!(ok);
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(value["options"]["area"], "Tunbridge Wells");
    assert!(value["findings"].as_array().unwrap().len() > 10);
    let (ok, _, error) = run(&["assess", SAMPLE, "--area", "Atlantis"]);
    assert!(!ok);
    assert_eq!(
        error.trim(),
        format!("cspw: no figures for the area “Atlantis” in {SAMPLE}")
    );
    let (ok, _, error) = run(&["assess", SAMPLE, "--baseline", "soon"]);
    assert!(!ok);
    assert!(error.contains("--baseline takes two years"), "{error}");
}

#[test]
fn every_comparison_says_whether_it_is_more_than_normal_variation() {
    let a = tunbridge_wells(&sample());
    // Local change against the rest of the county, tested exactly: 1,127 → 1,319
    // here (+17%) against 17,300 → 18,398 (+6.3%) in the other eleven districts.
    let da = finding(&a, "Domestic abuse incidents", Topic::Change);
    assert!(
        da.ends_with("Against the rest of Kent, the difference in change is more than normal variation (p = 0.019)."),
        "{da}"
    );
    let gap = a
        .measure("Drug offences")
        .unwrap()
        .county
        .as_ref()
        .unwrap()
        .gap
        .clone()
        .unwrap();
    assert!(!gap.significant);
    // Five years of steady falls, first against last.
    assert!(
        finding(&a, "Anti-social behaviour incidents", Topic::Direction).ends_with(
            "The change from the first year to the last is more than normal variation (p < 0.001)."
        )
    );
    // A rate against the county: inside or outside the funnel.
    assert!(finding(&a, "Drug offences", Topic::Rate)
        .contains("higher than chance alone would explain"));
    // A share, with Wilson's interval under its method.
    let car = a
        .findings_for("Road casualties")
        .iter()
        .find(|f| f.topic == Topic::Breakdown)
        .unwrap();
    assert_eq!(
        car.method.as_deref(),
        Some("Share = 337 ÷ 482 = 69.9% (Wilson 95% interval 66% to 74%).")
    );
    // The baseline, by the square-root Z.
    let baseline = a
        .findings_for("All casualties")
        .iter()
        .find(|f| f.topic == Topic::Baseline)
        .unwrap();
    assert!(
        baseline
            .method
            .as_ref()
            .unwrap()
            .contains("Square-root Z = 2(√482 − √463.0) = 0.87"),
        "{:?}",
        baseline.method
    );
    // A monthly series, by XmR limits.
    assert!(finding(&a, "Domestic abuse victims", Topic::Control)
        .starts_with("Every one of the last twelve monthly figures was inside the control limits"));
}

#[test]
fn an_assessment_worked_in_slices_equals_one_worked_at_once() {
    use csp_workbench::core::assessment::targets::sample_targets;
    use csp_workbench::core::assessment::{Assessor, Progress};
    let data = sample();
    let options = Options {
        area: Some("Tunbridge Wells".into()),
        ..Options::default()
    };
    let targets = sample_targets();
    let settings = PrioritySettings::default();
    let whole = assess(&data, &options, &targets, &settings).unwrap();
    // As the app works it: on the data with what the geography adds (the
    // sample's Dartford and Gravesham, summed from its two districts).
    let analysed = csp_workbench::core::assessment::reference::with_reference(
        &data,
        csp_workbench::core::geography::national(),
        None,
    );
    let mut assessor = Assessor::new(&analysed, &options, &settings).with_targets(&targets);
    let mut slices = 1;
    let mut indexing = 0;
    while !assessor.step(3) {
        slices += 1;
        match assessor.progress() {
            Progress::Indexing { done, of } => {
                indexing += 1;
                assert!(done < of);
            }
            Progress::Assessing { done, of } | Progress::Prioritising { done, of } => {
                assert!(done < of)
            }
            Progress::Done => panic!("done, yet step said it was not"),
            Progress::Reference { .. } => panic!("the reference is worked out before"),
        }
    }
    assert!(slices > 3, "the sample takes several slices of three");
    assert_eq!(
        indexing, 0,
        "the sample's figures are indexed in one slice of three thousand"
    );
    let sliced = assessor.finish().unwrap();
    assert_eq!(sliced, whole);
    assert_eq!(
        sliced
            .measure("Drug offences")
            .map(|m| m.change.current.value),
        Some(212.0)
    );
}

#[test]
fn an_assessment_is_released_a_slice_at_a_time() {
    let data = sample();
    let options = Options {
        area: Some("Tunbridge Wells".into()),
        ..Options::default()
    };
    let targets = csp_workbench::core::assessment::targets::sample_targets();
    let mut a = assess(&data, &options, &targets, &PrioritySettings::default()).unwrap();
    let measures = a.measures.len();
    assert!(measures > 4);
    assert!(!a.release(4));
    assert_eq!(a.measures.len(), measures - 4);
    let mut slices = 1;
    while !a.release(4) {
        slices += 1;
    }
    assert!(a.measures.is_empty() && a.findings.is_empty() && a.priorities.is_empty());
    assert!(a.measure("Drug offences").is_none());
    assert!(
        slices >= measures / 4 - 1,
        "{slices} slices for {measures} measures"
    );
}

#[test]
fn the_progress_line_says_which_stage_a_recompute_is_in() {
    use csp_workbench::core::assessment::Progress;
    assert_eq!(
        Progress::Indexing { done: 20_000, of: 1_300_013 }.line(),
        "Reading the figures: 20,000 of 1,300,013 read. The figures below are from the previous choice until then."
    );
    assert!(Progress::Assessing {
        done: 10,
        of: 1_000
    }
    .line()
    .starts_with("Working through the measures: 10 of 1,000 done."));
    assert!(Progress::Prioritising {
        done: 1_200,
        of: 3_000
    }
    .line()
    .starts_with("Scoring the issues for the priority matrix: 40% done."));
}

/// Which way is better turns the matrix's computed scores and the findings'
/// words: drug offences fell 18%, a significant fall; where higher is better
/// (as a measure of police activity finding drugs might be read), that fall
/// scores as a worsening and the finding says so.
#[test]
fn the_matrix_and_findings_judge_by_which_way_is_better() {
    use csp_workbench::core::assessment::polarity::Polarity;
    let data = sample();
    let score = |a: &Assessment, c: Criterion| {
        let p = a.priority_for("Drug offences").unwrap();
        let s = p.scores.iter().find(|s| s.criterion == c).unwrap();
        (s.score, s.short.clone(), s.reason.clone())
    };
    let worse = tunbridge_wells(&data);
    assert_eq!(
        score(&worse, Criterion::Trend).0,
        0,
        "a fall of 18% where higher is worse"
    );
    assert_eq!(score(&worse, Criterion::Significance).0, 0);
    assert_eq!(score(&worse, Criterion::Trend).1, "−18%");
    let change = finding(&worse, "Drug offences", Topic::Change);
    assert!(
        change.contains("Higher is worse for this measure, so it has improved."),
        "{change}"
    );

    let mut settings = PrioritySettings::default();
    settings
        .directions
        .insert("Drug offences".to_string(), Polarity::HigherIsBetter);
    let better = assess(
        &data,
        &Options {
            area: Some("Tunbridge Wells".into()),
            ..Options::default()
        },
        &csp_workbench::core::assessment::targets::sample_targets(),
        &settings,
    )
    .unwrap();
    let (trend, short, reason) = score(&better, Criterion::Trend);
    assert_eq!((trend, short.as_str()), (3, "−18%"));
    assert!(reason.ends_with("(higher is better)"), "{reason}");
    assert_eq!(score(&better, Criterion::Significance).0, 3);
    let change = finding(&better, "Drug offences", Topic::Change);
    assert!(
        change.contains("Higher is better for this measure, so it has worsened."),
        "{change}"
    );
}

/// Generated variety for the stepped assessment: measures whose names fall
/// into issues by the rules, by their sheet, or not at all; several districts
/// and their county over years; counts that rise, fall and stay level.
fn generated(measures: usize) -> Dataset {
    use csp_workbench::core::areas::AreaLevel;
    use csp_workbench::core::dataset::{Observation, Provenance, Unit, Value};
    let kinds = [
        ("Burglary", "Crime", "police.xlsx"),
        ("Knife crime", "Crime", "police.xlsx"),
        ("Victims", "Domestic abuse", "partners.xlsx"),
        ("Repeat callers", "ASB", "asb.csv"),
        ("KSI casualties", "Roads", "roads.xlsx"),
        ("Assaults in the night-time economy", "Crime", "police.xlsx"),
        ("Measure", "Data", "data.csv"),
    ];
    let districts = ["Tunbridge Wells", "Maidstone", "Sevenoaks", "Ashford"];
    let mut data = Dataset::default();
    let mut row = 1;
    for m in 0..measures {
        let (stem, sheet, file) = kinds[m % kinds.len()];
        let measure = format!("{stem} {m}");
        for year in 0..5 {
            let mut county = 0.0;
            for (d, district) in districts.iter().enumerate() {
                let trend = [7.0, -9.0, 0.0][(m + d) % 3];
                let value = (50 + (m * 13 + d * 29) % 400) as f64 + trend * year as f64;
                county += value;
                for (area, level, value) in [
                    (*district, AreaLevel::District, value),
                    ("Kent", AreaLevel::County, county),
                ] {
                    if level == AreaLevel::County && d + 1 < districts.len() {
                        continue;
                    }
                    row += 1;
                    data.observations.push(Observation {
                        measure: measure.clone(),
                        category: None,
                        area: area.to_string(),
                        area_level: level,
                        period: Period::financial_year(2018 + year),
                        value: Value::Number(value),
                        unit: Unit::Count,
                        source: Provenance {
                            file: file.into(),
                            sheet: sheet.into(),
                            cell: format!("C{row}"),
                        },
                    });
                }
            }
        }
    }
    data
}

#[test]
fn generated_data_assessed_in_slices_of_one_equals_it_assessed_at_once() {
    use csp_workbench::core::assessment::{Assessor, Progress};
    let data = generated(300);
    let options = Options {
        area: Some("Tunbridge Wells".into()),
        ..Options::default()
    };
    let mut settings = PrioritySettings::default();
    // The user's choices: a measure moved, one on its own, a lead, an issue left out.
    settings
        .issues
        .insert("Measure 6".into(), "Acquisitive crime".into());
    settings.issues.insert("Burglary 7".into(), String::new());
    settings
        .leads
        .insert("Acquisitive crime".into(), "Burglary 14".into());
    settings.judgements.insert(
        "Road safety".into(),
        Judgement {
            excluded: true,
            ..Judgement::default()
        },
    );
    let targets = csp_workbench::core::assessment::targets::sample_targets();
    let whole = assess(&data, &options, &targets, &settings).unwrap();
    assert!(whole.measures.len() >= 290, "{}", whole.measures.len());
    assert!(whole.priorities.iter().any(|p| p.issue == "Domestic abuse"));
    assert!(!whole.priorities.iter().any(|p| p.issue == "Road safety"));
    let burglary = whole
        .priorities
        .iter()
        .find(|p| p.issue == "Acquisitive crime")
        .unwrap();
    assert_eq!(burglary.measure, "Burglary 14");
    assert!(burglary.measures.contains(&"Measure 6".to_string()));

    // As `assess` works it, with the reference totals, a unit at a time.
    let geo = csp_workbench::core::geography::national();
    let reference = csp_workbench::core::assessment::reference::Reference::of(&data, geo);
    let figures =
        csp_workbench::core::assessment::figures::Figures::with(&data, &reference.totals, &[]);
    let mut assessor = Assessor::new(figures, &options, &settings).with_targets(&targets);
    let (mut prioritising, mut last) = (0, (0, 0));
    while !assessor.step(1) {
        if let Progress::Prioritising { done, of } = assessor.progress() {
            prioritising += 1;
            assert!(done < of && done >= last.0, "{done} of {of} after {last:?}");
            last = (done, of);
        }
    }
    assert!(
        prioritising > whole.measures.len(),
        "the issues are grouped and scored a unit at a time ({prioritising} steps)"
    );
    assert_eq!(assessor.progress(), Progress::Done);
    assert_eq!(assessor.finish().unwrap(), whole);
}
