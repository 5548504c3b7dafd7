//! Findings: the assessment in sentences a plan can print, each carrying the
//! figures it rests on and the cells they came from.

use super::change::{Change, Figure};
use super::derived::summed_from;
use super::measure::{
    number_word, DirectionKind, FunnelPosition, MeasureAssessment, RepeatVictimisation,
};
use super::polarity::Verdict;
use super::wording::{
    counted_in, how_many, is_plural, level_plural, rank_words, running_name, sentence_name,
    size_of_change,
};
use crate::core::dataset::{Provenance, Unit};
use crate::core::format;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Topic {
    Change,
    RollingYear,
    Rate,
    Share,
    Baseline,
    Direction,
    Repeat,
    Breakdown,
    Control,
    /// Where street crime concentrates among the district's neighbourhoods.
    Concentration,
    /// How street crime falls across neighbourhoods by deprivation (IMD 2019).
    Deprivation,
}

/// A figure a finding quotes, and where it came from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Citation {
    pub label: String,
    pub value: String,
    pub source: Provenance,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub measure: String,
    pub topic: Topic,
    pub text: String,
    /// How the statistics behind the sentence were worked out, for "show the method".
    pub method: Option<String>,
    pub figures: Vec<Citation>,
}

fn cite(label: impl Into<String>, value: String, figure: &Figure) -> Citation {
    Citation {
        label: label.into(),
        value,
        source: figure.source.clone(),
    }
}

/// A figure in its unit: "1,696", "42%", "22.0%", "1.8 per 1,000", "£1,200".
pub fn value_text(value: f64, unit: Unit) -> String {
    unit.show(value)
}

/// A figure as a finding says it: a count in its noun ("1,696 crimes"), any
/// other unit as itself, never with a count noun.
fn in_words(m: &MeasureAssessment, value: f64) -> String {
    if m.unit.is_additive() {
        format::count(value)
    } else {
        m.unit.show(value)
    }
}

/// Every finding for one measure, most important first.
pub fn findings(m: &MeasureAssessment) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut push = |topic, text: String, method: Option<String>, figures| {
        out.push(Finding {
            measure: m.measure.clone(),
            topic,
            text,
            method,
            figures,
        })
    };
    let (text, method, figures) = change_finding(m);
    push(Topic::Change, text, method, figures);
    if let Some(f) = rolling_year_finding(m) {
        push(Topic::RollingYear, f.0, None, f.1);
    }
    if let Some(f) = repeat_finding(m) {
        push(Topic::Repeat, f.0, Some(f.1), f.2);
    }
    if let Some(f) = rate_finding(m) {
        push(Topic::Rate, f.0, Some(f.1), f.2);
    }
    if let Some(f) = level_finding(m) {
        push(Topic::Rate, f.0, None, f.1);
    }
    if let Some(f) = share_finding(m) {
        push(Topic::Share, f.0, None, f.1);
    }
    if let Some(f) = baseline_finding(m) {
        push(Topic::Baseline, f.0, Some(f.1), f.2);
    }
    if let Some(f) = direction_finding(m) {
        push(Topic::Direction, f.0, None, f.1);
    }
    if let Some(f) = breakdown_finding(m) {
        push(Topic::Breakdown, f.0, Some(f.1), f.2);
    }
    if let Some(f) = control_finding(m) {
        push(Topic::Control, f.0, Some(f.1), f.2);
    }
    out
}

/// The change the finding leads with: for monthly or quarterly figures the same
/// period a year earlier, when there is one, else the period before.
fn headline_change(m: &MeasureAssessment) -> (&Change, String) {
    match &m.same_period_last_year {
        Some(c) if c.previous.is_some() => (c, "the same period a year earlier".to_string()),
        _ => (&m.change, m.compared_with.clone()),
    }
}

fn change_finding(m: &MeasureAssessment) -> (String, Option<String>, Vec<Citation>) {
    let (change, against) = headline_change(m);
    let name = sentence_name(&m.measure);
    let period = change.current.period.label();
    let mut figures = vec![cite(
        format!("{name}, {period}"),
        value_text(change.current.value, m.unit),
        &change.current,
    )];
    let Some(previous) = &change.previous else {
        let text = match m.unit {
            Unit::Count => format!(
                "{name}: {} in {period}; there is no figure for {against} to compare with.",
                counted_in(&m.measure, m.count_noun.as_deref(), change.current.value)
            ),
            _ => format!(
                "{name} {} {} in {period}; there is no figure for {against} to compare with.",
                if is_plural(&m.measure) { "were" } else { "was" },
                value_text(change.current.value, m.unit)
            ),
        };
        let text = text + &local_derived_note(m, change);
        return (text, None, figures);
    };
    figures.push(cite(
        format!("{name}, {}", previous.period.label()),
        value_text(previous.value, m.unit),
        previous,
    ));
    let difference = change.current.value - previous.value;
    let mut text = match (m.unit, change.relative()) {
        (_, _) if difference == 0.0 => format!(
            "{name} {} unchanged at {} in {period} ({against}: {}).",
            if is_plural(&m.measure) { "were" } else { "was" },
            value_text(change.current.value, m.unit),
            value_text(previous.value, m.unit)
        ),
        // A share changes by percentage points, not by a per cent of itself.
        (unit, _) if unit.is_share() => format!(
            "{name} {} from {} to {} in {period} ({} percentage points on {against}).",
            if difference > 0.0 { "rose" } else { "fell" },
            value_text(previous.value, m.unit),
            value_text(change.current.value, m.unit),
            format::number(
                unit.as_fraction(difference).unwrap_or(difference).abs() * 100.0,
                1
            )
            .trim_end_matches(".0"),
        ),
        (unit, Some(r)) if unit.is_additive() => format!(
            "{name} {} by {} ({}) in {period}, to {} from {} in {against}",
            if r > 0.0 { "increased" } else { "decreased" },
            size_of_change(r),
            counted_in(&m.measure, m.count_noun.as_deref(), difference.abs()),
            counted_in(&m.measure, m.count_noun.as_deref(), change.current.value),
            format::count(previous.value),
        ),
        (_, Some(r)) => format!(
            "{name} {} by {} in {period}, to {} from {} in {against}",
            if r > 0.0 { "rose" } else { "fell" },
            size_of_change(r),
            value_text(change.current.value, m.unit),
            value_text(previous.value, m.unit),
        ),
        (_, None) => format!(
            "{name} rose to {} in {period} from none in {against}",
            value_text(change.current.value, m.unit)
        ),
    };
    if difference != 0.0 && !m.unit.is_share() {
        if let Some(county_text) = county_clause(m, change) {
            text.push_str(&county_text);
        }
        text.push('.');
    }
    text.push_str(&local_derived_note(m, change));
    if m.unit.is_additive() && change.current.value == 0.0 && previous.value >= 20.0 {
        text.push_str(
            " A fall to none usually means the category stopped being recorded under this \
             name (a change of classification), not that it stopped happening: check the source.",
        );
    }
    let same_periods = std::ptr::eq(change, &m.change);
    // A share's change is judged on its own difference (computed over this
    // headline change), never by a count test.
    let significance = if m.unit.is_share() {
        m.share_change
            .as_ref()
            .and_then(super::measure::share_significance)
    } else if same_periods {
        m.significance.clone()
    } else {
        change.significance(m.unit)
    };
    let gap_method = m
        .county
        .as_ref()
        .and_then(|c| c.gap.as_ref())
        .filter(|_| same_periods)
        .map(|g| {
            format!(
                " Against the rest of the county: {}, p = {}.",
                g.method,
                format::number(g.p_value, 4)
            )
        })
        .unwrap_or_default();
    let share_method = m.share_change.as_ref().map(share_method);
    let method = share_method.or_else(|| {
        significance.as_ref().map(|s| {
            format!(
                "{} on {} against {}: p = {}. Under equal underlying rates the current count \
             follows a binomial split of the two counts together; p < 0.05 counts as more \
             than normal variation.{gap_method}",
                s.method,
                format::count(change.current.value),
                format::count(previous.value),
                format::number(s.p_value, 4)
            )
        })
    });
    if let (Some(s), true) = (significance, difference != 0.0) {
        let what = if difference > 0.0 { "rise" } else { "fall" };
        if s.significant {
            text.push_str(&format!(
                " The {what} is statistically significant: {}.",
                s.describe()
            ));
            text.push_str(&verdict_clause(m, difference));
        } else {
            text.push_str(&format!(
                " The {what} is {}, so it may be chance.",
                s.describe()
            ));
        }
    }
    let gap = m
        .county
        .as_ref()
        .filter(|_| same_periods && difference != 0.0)
        .and_then(|c| Some((c.area.as_str(), c.gap.as_ref()?)));
    if let Some((county, gap)) = gap {
        text.push_str(&format!(
            " Against the rest of {}, the difference in change is {}.",
            super::wording::place_in_text(county),
            gap.describe()
        ));
    }
    (text, method, figures)
}

/// What a real change means for the measure, by its polarity: " Higher is
/// worse for this measure, so it has worsened." Nothing for a measure whose
/// change is reported without a judgement.
fn verdict_clause(m: &MeasureAssessment, difference: f64) -> String {
    let p = m.polarity.polarity;
    match p.verdict(difference) {
        Verdict::Worse => format!(" {} for this measure, so it has worsened.", p.label()),
        Verdict::Better => format!(" {} for this measure, so it has improved.", p.label()),
        Verdict::Unjudged | Verdict::Same => String::new(),
    }
}

/// " Dartford and Gravesham's figures are derived: …" when the local area's
/// figure was added up from its districts (a partnership of several districts
/// the files give only by district).
fn local_derived_note(m: &MeasureAssessment, change: &Change) -> String {
    if let Some(parts) = summed_from(&change.current.source) {
        format!(
            " {}'s figures are derived: the sum of its {parts} in the files, which have no row for it.",
            m.area
        )
    } else {
        String::new()
    }
}

/// ", against a Kent-wide increase of 7%" or ", while across Kent it fell by 3%".
fn county_clause(m: &MeasureAssessment, local: &Change) -> Option<String> {
    let county = m.county.as_ref()?;
    let county_change = county.change.as_ref()?;
    // Only the same periods are comparable.
    if county_change.current.period != local.current.period
        || county_change.previous.as_ref()?.period != local.previous.as_ref()?.period
    {
        return None;
    }
    let local_r = local.relative()?;
    let r = county_change.relative()?;
    let size = size_of_change(r);
    let derived = if let Some(parts) = summed_from(&county_change.current.source) {
        // A region its districts and its forces add up to differently: both said.
        let differ = super::derived::forces_differ(&county_change.current.source)
            .map(|d| format!("; {d}"))
            .unwrap_or_default();
        format!(
            " (the {} figure is derived: the sum of its {parts} in the files{differ})",
            county.area
        )
    } else {
        String::new()
    };
    Some(derived_after(
        if r == 0.0 || size == "no change" {
            format!(
                ", while across {} it was unchanged",
                super::wording::place_in_text(&county.area)
            )
        } else if (r > 0.0) == (local_r > 0.0) {
            format!(
                ", against {} {}-wide {} of {size}",
                super::wording::indefinite_article(&county.area),
                county.area,
                if r > 0.0 { "increase" } else { "decrease" }
            )
        } else {
            format!(
                ", while across {} it {} by {size}",
                super::wording::place_in_text(&county.area),
                if r > 0.0 { "rose" } else { "fell" }
            )
        },
        derived,
    ))
}

fn derived_after(clause: String, note: String) -> String {
    clause + &note
}

/// How a share's change was judged: percentage points, and Wilson intervals
/// with Newcombe's interval of the difference where the bases are known.
fn share_method(s: &super::measure::ShareChange) -> String {
    let points = |v: f64| format::number(v, 1);
    let mut text = format!(
        "A proportion is compared by its difference in percentage points ({} − {} = {} points), \
         never as a count: no rolling total, county share or Poisson test applies.",
        format::number(s.current * 100.0, 1),
        format::number(s.previous * 100.0, 1),
        points(s.points)
    );
    match &s.bases {
        Some(b) => text.push_str(&format!(
            " Of {} {} in {} and {} in {}: Wilson 95% intervals {} to {} and {} to {}; the \
             difference's 95% interval (Newcombe, from the Wilson scores) is {} to {} points.",
            format::count(b.current.value),
            running_name(&b.measure),
            b.current.period.label(),
            format::count(b.previous.value),
            b.previous.period.label(),
            format::percent(b.current_interval.0),
            format::percent(b.current_interval.1),
            format::percent(b.previous_interval.0),
            format::percent(b.previous_interval.1),
            points(b.difference_interval.0),
            points(b.difference_interval.1),
        )),
        None => text.push_str(
            " The table gives no base (victims, population) for the proportion, so no interval \
             or test is possible.",
        ),
    }
    text
}

/// A figure that is not a count (a proportion, a rate as given, an average)
/// against the county's and its place among its peers, compared as given.
fn level_finding(m: &MeasureAssessment) -> Option<(String, Vec<Citation>)> {
    if m.unit.is_additive() {
        return None;
    }
    let current = &m.change.current;
    let county = m.county.as_ref().and_then(|c| {
        let figure = &c.change.as_ref()?.current;
        (figure.period == current.period).then_some((c.area.as_str(), figure))
    });
    if county.is_none() && m.rank.is_none() {
        return None;
    }
    let mut text = format!(
        "{} in {} was {} in {}",
        sentence_name(&m.measure),
        m.area,
        value_text(current.value, m.unit),
        current.period.label()
    );
    let mut figures = vec![cite(
        format!("{}, {}", sentence_name(&m.measure), m.area),
        value_text(current.value, m.unit),
        current,
    )];
    if let Some((area, figure)) = county {
        let relation = if value_text(current.value, m.unit) == value_text(figure.value, m.unit) {
            "the same as"
        } else if current.value > figure.value {
            "above"
        } else {
            "below"
        };
        text.push_str(&format!(
            ", {relation} {area}'s {}",
            value_text(figure.value, m.unit)
        ));
        figures.push(cite(
            format!("{}, {area}", sentence_name(&m.measure)),
            value_text(figure.value, m.unit),
            figure,
        ));
    }
    text.push('.');
    if let Some(rank) = &m.rank {
        text.push_str(&format!(
            " {} is {} of the {} {}, ranked from the lowest figure.",
            m.area,
            rank_words(rank.rank, rank.of).trim_start_matches("the "),
            rank.of,
            level_plural(rank.level)
        ));
    }
    Some((text, figures))
}

fn rolling_year_finding(m: &MeasureAssessment) -> Option<(String, Vec<Citation>)> {
    let year = m.rolling_year.as_ref()?;
    let end = year.current.period.end();
    let to = format!("{} {}", end.short_month_name(), end.year);
    let mut text = format!(
        "In the 12 months to {to} there were {}",
        how_many(&m.measure, m.count_noun.as_deref(), year.current.value)
    );
    let mut figures = vec![cite(
        format!("{}, 12 months to {to}", sentence_name(&m.measure)),
        format::count(year.current.value),
        &year.current,
    )];
    match (&year.previous, year.relative()) {
        (Some(previous), Some(r)) => {
            text.push_str(&format!(
                ", {} on the 12 months before ({}).",
                if r > 0.0 {
                    format!("up {}", size_of_change(r))
                } else if r < 0.0 {
                    format!("down {}", size_of_change(r))
                } else {
                    "unchanged".to_string()
                },
                format::count(previous.value)
            ));
            figures.push(cite(
                "The 12 months before",
                format::count(previous.value),
                previous,
            ));
        }
        _ => text.push('.'),
    }
    Some((text, figures))
}

fn repeat_finding(m: &MeasureAssessment) -> Option<(String, String, Vec<Citation>)> {
    let r: &RepeatVictimisation = m.repeat.as_ref()?;
    let window = r.repeats.period.label();
    let mut text = format!(
        "There were {} {} in {window}",
        format::count(r.repeats.value),
        running_name(&m.measure)
    );
    let county = m.county.as_ref().and_then(|c| Some((c, c.repeat_rate?)));
    match r.monthly_mean {
        Some(mean) => text.push_str(&format!(
            ", an average monthly repeat victimisation rate of {} (the mean of the {} monthly rates)",
            format::percent(mean),
            number_word(r.months)
        )),
        None => text.push_str(&format!(
            ", a repeat victimisation rate of {} ({} of {} {})",
            format::percent(r.overall),
            format::count(r.repeats.value),
            format::count(r.victims.value),
            running_name(&r.victims_measure)
        )),
    }
    if let Some((county, rate)) = county {
        let local = r.headline();
        let relation = if format::percent(local) == format::percent(rate) {
            "the same as"
        } else if local < rate {
            "below"
        } else {
            "above"
        };
        text.push_str(&format!(
            ", {relation} the {} average of {}",
            county.area,
            format::percent(rate)
        ));
    }
    text.push('.');
    let method = format!(
        "Repeat victimisation rate = repeat victims ÷ victims. {} Over the whole period {} of {} \
         {} were repeat victims: {} (Wilson 95% interval {} to {}).",
        if r.monthly_mean.is_some() {
            "The headline figure is the mean of the monthly rates, as the plan reports it."
        } else {
            "The figures are not monthly, so the rate is taken over the whole period."
        },
        format::count(r.repeats.value),
        format::count(r.victims.value),
        running_name(&r.victims_measure),
        format::percent(r.overall),
        format::percent(r.lower),
        format::percent(r.upper)
    );
    let figures = vec![
        cite(
            format!("{}, {window}", sentence_name(&m.measure)),
            format::count(r.repeats.value),
            &r.repeats,
        ),
        cite(
            format!("{}, {window}", sentence_name(&r.victims_measure)),
            format::count(r.victims.value),
            &r.victims,
        ),
    ];
    Some((text, method, figures))
}

fn rate_finding(m: &MeasureAssessment) -> Option<(String, String, Vec<Citation>)> {
    let rate = m.rate.as_ref()?;
    let county = m.county.as_ref().and_then(|c| Some((c, c.rate?)));
    // A rate alone, with nothing to set it against, says little a count does not.
    if county.is_none() && m.rank.is_none() {
        return None;
    }
    let count = rate.per_thousand * rate.denominator.value / 1000.0;
    let period = rate_period(m).label();
    let mut text = format!(
        "The rate of {} in {} was {} {} in {period} ({})",
        running_name(&m.measure),
        m.area,
        format::number(rate.per_thousand, 1),
        rate.per.per_thousand(),
        counted_in(&m.measure, m.count_noun.as_deref(), count.round())
    );
    if let Some((county, county_rate)) = county {
        let (local_shown, county_shown) = (
            format::number(rate.per_thousand, 1),
            format::number(county_rate, 1),
        );
        let relation = if local_shown == county_shown {
            "the same as"
        } else if rate.per_thousand > county_rate {
            "above"
        } else {
            "below"
        };
        text.push_str(&format!(
            ", {relation} the {} average of {county_shown} per 1,000",
            county.area
        ));
        match county.funnel {
            Some(FunnelPosition::Within) if relation == "the same as" => {}
            Some(position) => {
                text.push_str(", ");
                text.push_str(position.meaning());
            }
            None => {}
        }
    }
    text.push('.');
    if let Some(rank) = &m.rank {
        let (peers, within) = match &rank.among {
            Some(among) => (among.as_str(), String::new()),
            None => (level_plural(rank.level), String::new()),
        };
        let basis = if rank.by_rate { "rate" } else { "number" };
        let place = rank_words(rank.rank, rank.of);
        if rank.rank <= 3 {
            text.push_str(&format!(
                " {} has {place} {basis} of the {} {peers}{within}.",
                m.area, rank.of
            ));
        } else if rank.rank == rank.of {
            text.push_str(&format!(
                " {} has the highest {basis} of the {} {peers}{within}.",
                m.area, rank.of
            ));
        } else {
            text.push_str(&format!(
                " {} is {place} {peers}{within}, ranked from the lowest {basis}.",
                m.area
            ));
        }
    }
    let funnel = match m.county.as_ref().and_then(|c| c.funnel) {
        Some(position) => format!("{} of the funnel plot", position.label()),
        None => "not compared (no county rate)".to_string(),
    };
    let method = format!(
        "Rate = count ÷ {} × 1,000 = {} ÷ {} × 1,000. Byar's 95% interval: {} to {}. \
         Against the county rate the local rate is {funnel}. Ranks run from 1 = the lowest rate; ties share a rank.",
        match rate.per {
            super::measure::Denominator::Population => "population",
            super::measure::Denominator::Households => "households",
        },
        format::count(count.round()),
        format::count(rate.denominator.value),
        format::number(rate.lower, 1),
        format::number(rate.upper, 1),
    );
    let counted_figure = m
        .rolling_year
        .as_ref()
        .map(|y| &y.current)
        .unwrap_or(&m.change.current);
    let figures = vec![
        cite(
            format!("{}, {period}", sentence_name(&m.measure)),
            format::count(counted_figure.value),
            counted_figure,
        ),
        cite(
            format!(
                "{}, {}",
                match rate.per {
                    super::measure::Denominator::Population => "Population",
                    super::measure::Denominator::Households => "Households",
                },
                rate.denominator.period.label()
            ),
            format::count(rate.denominator.value),
            &rate.denominator,
        ),
    ];
    Some((text, method, figures))
}

/// The period a rate is over: the rolling year for monthly or quarterly figures.
/// The period a rate is over: the rolling year for monthly and quarterly figures.
pub fn rate_period(m: &MeasureAssessment) -> crate::core::period::Period {
    match &m.rolling_year {
        Some(y) if m.change.current.period.months() < 12 => y.current.period,
        _ => m.change.current.period,
    }
}

fn share_finding(m: &MeasureAssessment) -> Option<(String, Vec<Citation>)> {
    let county = m.county.as_ref()?;
    let share = county.share?;
    let total = county.total.clone()?;
    let local = share * total.value;
    let text = format!(
        "{} accounted for {} of {} in {} in {} ({} of {}).",
        m.area,
        format::percent(share),
        running_name(&m.measure),
        county.area,
        total.period.label(),
        format::count(local.round()),
        format::count(total.value)
    );
    Some((
        text,
        vec![cite(
            format!("{}, {}", sentence_name(&m.measure), county.area),
            format::count(total.value),
            &total,
        )],
    ))
}

fn baseline_finding(m: &MeasureAssessment) -> Option<(String, String, Vec<Citation>)> {
    let b = m.baseline.as_ref()?;
    let current = &m.change.current;
    // A count's average is shown whole, as the plan does; other units as themselves.
    let mean_text = if m.unit.is_additive() {
        format::number(b.mean, 0)
    } else {
        m.unit.show(b.mean)
    };
    let relation = if in_words(m, current.value) == mean_text {
        "level with"
    } else if current.value > b.mean {
        "above"
    } else {
        "below"
    };
    let mut text = format!(
        "{}: {} in {}, {relation} the {} average of {mean_text}",
        sentence_name(&m.measure),
        in_words(m, current.value),
        current.period.label(),
        b.label,
    );
    if let Some(z) = b.z.filter(|_| relation != "level with") {
        if z.abs() >= 2.0 {
            text.push_str(" (more than normal variation)");
        } else {
            text.push_str(" (within normal variation)");
        }
    }
    text.push('.');
    let method = format!(
        "Baseline = mean of the {} yearly figures {} = {}. {}",
        b.years,
        b.label,
        format::number(b.mean, 1),
        match b.z {
            Some(z) => format!(
                "Square-root Z = 2(√{} − √{}) = {}; |Z| ≥ 2 is more than normal variation.",
                format::count(current.value),
                format::number(b.mean, 1),
                format::number(z, 2)
            ),
            None => String::new(),
        }
    );
    let mut figures = vec![cite(
        format!("{}, {}", sentence_name(&m.measure), current.period.label()),
        in_words(m, current.value),
        current,
    )];
    figures.extend(b.sources.iter().map(|s| Citation {
        label: format!("Baseline year ({})", b.label),
        value: String::new(),
        source: s.clone(),
    }));
    Some((text, method, figures))
}

fn direction_finding(m: &MeasureAssessment) -> Option<(String, Vec<Citation>)> {
    let d = m.direction.as_ref()?;
    let years = number_word(d.years);
    let span = format!(
        "from {} in {} to {} in {}",
        in_words(m, d.first.value),
        d.first.period.label(),
        in_words(m, d.last.value),
        d.last.period.label()
    );
    let name = running_name(&m.measure);
    let text = match d.kind {
        DirectionKind::SteadyFalls => format!(
            "{} has recorded steady falls in {name} over the past {years} years, {span}.",
            m.area
        ),
        DirectionKind::SteadyRises => format!(
            "{} has recorded steady rises in {name} over the past {years} years, {span}.",
            m.area
        ),
        DirectionKind::Mixed => {
            // A share moves in percentage points; anything else by a per cent of itself.
            let overall = match (
                m.unit.as_fraction(d.last.value),
                m.unit.as_fraction(d.first.value),
            ) {
                (Some(last), Some(first)) => format!(
                    "{} percentage points",
                    format::signed_count(((last - first) * 1000.0).round() / 10.0)
                ),
                _ => format::signed_percent((d.last.value - d.first.value) / d.first.value),
            };
            format!(
                "Over the past {years} years {name} rose in {} and fell in {}, {span} ({overall} overall).",
                year_count(d.rises),
                year_count(d.falls),
            )
        }
    };
    let text = match &d.significance {
        Some(s) => format!(
            "{text} The change from the first year to the last is {}.",
            s.describe()
        ),
        None => text,
    };
    Some((
        text,
        vec![
            cite(d.first.period.label(), in_words(m, d.first.value), &d.first),
            cite(d.last.period.label(), in_words(m, d.last.value), &d.last),
        ],
    ))
}

fn year_count(n: usize) -> String {
    match n {
        1 => "one year".to_string(),
        n => format!("{} years", number_word(n)),
    }
}

fn breakdown_finding(m: &MeasureAssessment) -> Option<(String, String, Vec<Citation>)> {
    let b = m.breakdown.as_ref()?;
    let top = b.parts.first()?;
    let text = format!(
        "{} accounted for {} of {} in {} in {} ({} of {}{}).",
        top.category,
        format::share(top.share),
        running_name(&m.measure),
        m.area,
        b.period.label(),
        format::count(top.figure.value),
        format::count(b.total.value),
        if b.total_is_sum {
            ", the parts added up"
        } else {
            ""
        }
    );
    let method = format!(
        "Share = {} ÷ {} = {} (Wilson 95% interval {} to {}).",
        format::count(top.figure.value),
        format::count(b.total.value),
        format::percent(top.share),
        format::share(top.lower),
        format::share(top.upper)
    );
    Some((
        text,
        method,
        vec![
            cite(
                top.category.clone(),
                format::count(top.figure.value),
                &top.figure,
            ),
            cite("Total", format::count(b.total.value), &b.total),
        ],
    ))
}

fn control_finding(m: &MeasureAssessment) -> Option<(String, String, Vec<Citation>)> {
    let c = m.control.as_ref()?;
    let limits = if m.unit.is_additive() {
        format!(
            "{} to {}",
            format::number(c.lower.max(0.0), 0),
            format::number(c.upper, 0)
        )
    } else {
        format!("{} to {}", m.unit.show(c.lower), m.unit.show(c.upper))
    };
    let text = if c.outside.is_empty() {
        format!(
            "Every one of the last {} monthly figures was inside the control limits ({limits}): \
             the month-to-month changes are normal variation.",
            number_word(c.months)
        )
    } else {
        let months: Vec<String> = c
            .outside
            .iter()
            .map(|(p, v, above)| {
                format!(
                    "{} ({}, {})",
                    p.label(),
                    in_words(m, *v),
                    if *above {
                        "above the upper limit"
                    } else {
                        "below the lower limit"
                    }
                )
            })
            .collect();
        format!(
            "Over the last {} months, {} fell outside the control limits ({limits}) and is worth looking into.",
            number_word(c.months),
            months.join(" and ")
        )
    };
    let method = format!(
        "XmR chart: mean {} ± 2.66 × mean moving range gives limits {limits}.",
        if m.unit.is_additive() {
            format::number(c.mean, 1)
        } else {
            m.unit.show(c.mean)
        }
    );
    Some((text, method, Vec::new()))
}
