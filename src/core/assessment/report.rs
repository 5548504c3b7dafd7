//! The assessment as plain text: what `cspw assess` prints, and what a user
//! copies out of the app in one piece.

use super::findings::value_text;
use super::options::plan_year_label;
use super::Assessment;
use crate::core::date::Date;
use crate::core::format;

/// The heading line: "Tunbridge Wells, data to Sep 2015, for the 2016/17 plan".
pub fn heading(a: &Assessment) -> String {
    let (year, month) = Date::from_month_index(a.options.period_end);
    let end = Date::first_of_month(year, month);
    format!(
        "{}, data to {} {}, for the {} plan",
        a.options.area,
        end.short_month_name(),
        end.year,
        plan_year_label(a.options.plan_year)
    )
}

/// The tables left out because their reading is in doubt, each with its reasons.
pub fn left_out_text(left_out: &[super::LeftOut]) -> String {
    if left_out.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "\nLeft out until their reading is checked ({}; confirm in the Data view's mapping step, \
         or pass the mappings exported from it with --recipes):\n",
        format::count_of(left_out.len(), "table", "tables")
    );
    for t in left_out {
        out.push_str(&format!("  {}\n", t.table));
        for doubt in &t.doubts {
            out.push_str(&format!("    - {doubt}\n"));
        }
    }
    out
}

pub fn text(a: &Assessment) -> String {
    let mut out = format!("Strategic assessment: {}\n", heading(a));
    out.push_str(&match &a.options.county {
        Some(county) => format!("Compared with {county}.\n"),
        None => "No county or wider area to compare with.\n".to_string(),
    });
    out.push_str(&left_out_text(&a.left_out));
    for (m, findings) in a.measures.iter().zip(&a.findings) {
        out.push_str(&format!("\n{}\n", m.measure));
        for f in findings {
            out.push_str(&format!("  • {}\n", f.text));
        }
        // The rate, where there is one and no finding has said it (a finding
        // states a rate only against a wider area or a rank).
        if let Some(rate) = m.rate.as_ref().filter(|_| {
            !findings
                .iter()
                .any(|f| f.topic == super::findings::Topic::Rate && f.text.contains("per 1,000"))
        }) {
            out.push_str(&format!("  • {}\n", rate_line(m, rate)));
        }
    }
    if !a.targets.is_empty() {
        out.push_str("\nTargets\n");
        for t in &a.targets {
            out.push_str(&format!(
                "  [{}] {}: {}\n      {}\n",
                t.status.rag().label(),
                t.target.priority,
                t.target.description,
                t.sentence
            ));
        }
    }
    if !a.priorities.is_empty() {
        out.push_str("\nPriorities (weighted score; recommended at 60% of the maximum or more)\n");
        for p in &a.priorities {
            out.push_str(&format!(
                "  {:>2}. {} — {} of {}: {}{}\n",
                p.rank,
                p.issue,
                format::number(p.total, 0),
                format::number(p.max, 0),
                p.recommendation,
                p.override_reason
                    .as_ref()
                    .map(|r| format!(" (overridden: {r})"))
                    .unwrap_or_default()
            ));
        }
    }
    out
}

/// "Rate: 8.1 per 1,000 population in 2017/18 (95% interval 7.9 to 8.3)".
fn rate_line(m: &super::MeasureAssessment, rate: &super::measure::Rate) -> String {
    format!(
        "Rate: {} {} in {} (95% interval {} to {})",
        format::number(rate.per_thousand, 1),
        rate.per.per_thousand(),
        super::findings::rate_period(m).label(),
        format::number(rate.lower, 1),
        format::number(rate.upper, 1),
    )
}

/// The assessment's table of measures, as rows for a spreadsheet.
pub fn figure_table(a: &Assessment) -> (Vec<String>, Vec<Vec<String>>) {
    let header = [
        "Measure",
        "Period",
        "Figure",
        "Compared with",
        "Change (%)",
        "Change",
        "Is the change real?",
        "Per 1,000",
        "Rank (1 = lowest)",
        "County change (%)",
        "Source",
    ]
    .map(String::from)
    .to_vec();
    let rows = a
        .measures
        .iter()
        .map(|m| {
            vec![
                m.measure.clone(),
                m.change.current.period.label(),
                value_text(m.change.current.value, m.unit),
                m.change
                    .previous
                    .as_ref()
                    .map(|p| value_text(p.value, m.unit))
                    .unwrap_or_default(),
                m.change
                    .relative()
                    .map(|r| format::number(r * 100.0, 1))
                    .unwrap_or_default(),
                m.change
                    .absolute()
                    .map(format::signed_count)
                    .unwrap_or_default(),
                m.significance
                    .as_ref()
                    .map(|s| s.describe())
                    .unwrap_or_default(),
                m.rate
                    .as_ref()
                    .map(|r| format::number(r.per_thousand, 2))
                    .unwrap_or_default(),
                m.rank
                    .as_ref()
                    .map(|r| format!("{} of {}", r.rank, r.of))
                    .unwrap_or_default(),
                m.county
                    .as_ref()
                    .and_then(|c| c.change.as_ref()?.relative())
                    .map(|r| format::number(r * 100.0, 1))
                    .unwrap_or_default(),
                m.change.current.source.to_string(),
            ]
        })
        .collect();
    (header, rows)
}
