//! Issues, not measures: the partnership decides on issues (violent crime,
//! domestic abuse, road safety…), each measured several ways (domestic abuse
//! incidents, victims and repeats; all road casualties, KSI, children, older
//! people). Measures fall into issues by a general rule on their names, and on
//! the sheet they came from when the name alone says nothing ("Repeat victims"
//! on a sheet called "Domestic abuse"); the user can move any measure, and the
//! choice is kept with the priority matrix.

use super::measure::MeasureAssessment;
use crate::core::dataset::Unit;
use std::collections::{BTreeMap, HashMap};

/// An issue and the measures that show it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Issue {
    pub name: String,
    /// In the assessment's order.
    pub measures: Vec<String>,
    /// The measure whose figure stands for the issue on the overview.
    pub lead: String,
    /// Whether the user chose the lead (rather than `lead`'s rule).
    pub lead_chosen: bool,
}

/// Words that put a measure into an issue: stems matched inside words, and
/// short abbreviations matched as whole words. Earlier issues win, so "Domestic
/// violence" is domestic abuse and "Violence and sexual offences" violent crime.
const RULES: [(&str, &[&str], &[&str]); 15] = [
    ("Domestic abuse", &["domestic"], &["da", "dv", "dva"]),
    (
        "Road safety",
        &[
            "casualt",
            "killed or seriously",
            "road safety",
            "collision",
            "traffic",
            "speeding",
            "pedestrian",
            "cyclist",
            "drink driv",
        ],
        &["ksi", "rtc", "rta"],
    ),
    (
        "All crime",
        &[
            "all crime",
            "all recorded",
            "total recorded",
            "total crime",
            "all offences",
        ],
        &[],
    ),
    (
        "Anti-social behaviour",
        &["anti-social", "antisocial", "anti social", "nuisance"],
        &["asb"],
    ),
    (
        "Violent crime",
        &[
            "violen",
            "assault",
            "wounding",
            "homicide",
            "murder",
            "manslaughter",
            "stalking",
            "harassment",
        ],
        &["gbh", "abh", "vap"],
    ),
    ("Sexual offences", &["sexual"], &["rape", "rapes"]),
    (
        "Weapons",
        &["weapon", "knife", "knives", "firearm", "blade", "gun crime"],
        &[],
    ),
    (
        "Drugs",
        &["drug", "cannabis", "trafficking", "cocaine", "heroin"],
        &[],
    ),
    (
        "Alcohol",
        &[
            "alcohol",
            "drunk",
            "licens",
            "night-time economy",
            "night time economy",
        ],
        &["nte"],
    ),
    (
        "Acquisitive crime",
        &[
            "burglar",
            "robber",
            "theft",
            "shoplift",
            "stealing",
            "stolen",
            "vehicle crime",
            "vehicle interference",
            "taking without consent",
        ],
        &["twoc"],
    ),
    (
        "Criminal damage and arson",
        &["damage", "arson", "graffiti", "vandal"],
        &[],
    ),
    ("Hate crime", &["hate", "racially", "religiously"], &[]),
    ("Public order", &["public order"], &[]),
    ("Fraud", &["fraud", "scam"], &[]),
    ("Other crime", &["other crime", "miscellaneous"], &[]),
];

/// The issue a text names, by the rules above.
fn issue_in(text: &str) -> Option<&'static str> {
    let lower = format!("{} ", text.to_lowercase());
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    RULES.iter().find_map(|(issue, stems, abbreviations)| {
        let hit = stems.iter().any(|s| contains(&lower, s))
            || abbreviations.iter().any(|a| words.contains(a));
        hit.then_some(*issue)
    })
}

/// Whether `needle` occurs in `haystack`. The stems are a few bytes long and
/// the names short: a plain scan, where `str::contains` prepares a searcher for
/// each of the seventy-odd stems (most of the time grouping 10,000 measures).
fn contains(haystack: &str, needle: &str) -> bool {
    needle.is_empty()
        || haystack
            .as_bytes()
            .windows(needle.len())
            .any(|w| w == needle.as_bytes())
}

/// The issue a measure's own name puts it in, if any.
fn issue_by_name(measure: &str) -> Option<&'static str> {
    // "Violent crimes in the night-time economy" is violent crime: the kind of
    // crime decides before the place it happens.
    issue_in(measure).map(|issue| {
        if issue == "Alcohol" {
            let without = measure.to_lowercase().replace("night-time economy", "");
            issue_in(&without).unwrap_or(issue)
        } else {
            issue
        }
    })
}

/// The issue a measure belongs to by default: from its name, else from the
/// sheet (or file) it was read from, else the measure is an issue of its own.
pub fn default_issue(measure: &str, context: &[&str]) -> String {
    issue_by_name(measure)
        .or_else(|| context.iter().find_map(|c| issue_in(c)))
        .map(str::to_string)
        .unwrap_or_else(|| measure.trim().to_string())
}

/// The sheet and file a measure's current figure was read from.
fn context_of(m: &MeasureAssessment) -> [&str; 2] {
    let source = &m.change.current.source;
    [source.sheet.as_str(), source.file.as_str()]
}

/// The measure that stands for an issue: a count before a share or rate, one
/// compared with the county before one that is not, a year's figure before a
/// month's, then the largest (the broadest measure of the issue).
fn lead<'a>(members: &[&'a MeasureAssessment]) -> &'a MeasureAssessment {
    let key = |m: &MeasureAssessment| {
        (
            m.unit == Unit::Count,
            m.county.as_ref().is_some_and(|c| c.rate.is_some()),
            m.change.current.period.months() >= 12,
        )
    };
    members
        .iter()
        .copied()
        .max_by(|a, b| {
            key(a)
                .cmp(&key(b))
                .then(a.change.current.value.total_cmp(&b.change.current.value))
                // Of equals, the first in name order.
                .then(b.measure.cmp(&a.measure))
        })
        .expect("an issue has at least one measure")
}

/// The measures grouped into issues, in order of each issue's first measure.
/// `chosen` maps a measure to the issue the user put it in (blank: on its own);
/// `leads` maps an issue to the measure the user chose to lead it (ignored when
/// that measure is no longer in the issue).
pub fn group(
    measures: &[MeasureAssessment],
    chosen: &BTreeMap<String, String>,
    leads: &BTreeMap<String, String>,
) -> Vec<Issue> {
    Grouping::new(measures).finish(measures, chosen, leads)
}

/// `group` worked a slice of measures at a time (the assessment's last stage
/// for thousands of measures, `priority::Prioritiser`): the same measures and
/// choices must be passed to every call.
pub struct Grouping {
    /// Measures grouped so far.
    next: usize,
    /// Issue names in order of their first measure.
    order: Vec<String>,
    /// Each issue's measures, by position in the assessment.
    members: HashMap<String, Vec<usize>>,
    /// A measure's position by name (the last of any duplicates, as a map
    /// built from the list keeps).
    by_name: HashMap<String, usize>,
    /// The issue each sheet or file name gives: thousands of measures come
    /// from a handful of sheets, each looked at once.
    context: HashMap<String, Option<&'static str>>,
}

impl Grouping {
    pub fn new(measures: &[MeasureAssessment]) -> Grouping {
        Grouping {
            next: 0,
            order: Vec::new(),
            members: HashMap::new(),
            by_name: measures
                .iter()
                .enumerate()
                .map(|(i, m)| (m.measure.clone(), i))
                .collect(),
            context: HashMap::new(),
        }
    }

    /// Measures grouped, of all.
    pub fn progress(&self, measures: &[MeasureAssessment]) -> (usize, usize) {
        (self.next.min(measures.len()), measures.len())
    }

    /// Groups up to `count` more measures; `true` once all are grouped.
    pub fn step(
        &mut self,
        measures: &[MeasureAssessment],
        chosen: &BTreeMap<String, String>,
        count: usize,
    ) -> bool {
        let end = self.next.saturating_add(count).min(measures.len());
        for i in self.next..end {
            let m = &measures[i];
            let name = match chosen.get(&m.measure).map(|c| c.trim()) {
                Some("") => m.measure.trim().to_string(),
                Some(c) => c.to_string(),
                None => self.default_of(measures, m),
            };
            let list = self.members.entry(name.clone()).or_default();
            if list.is_empty() {
                self.order.push(name);
            }
            list.push(i);
        }
        self.next = end;
        self.next >= measures.len()
    }

    /// `default_issue`, with the sheet and file names' issues remembered.
    fn default_of(&mut self, measures: &[MeasureAssessment], m: &MeasureAssessment) -> String {
        // Repeat victims go with the victims they are repeats of, whatever
        // their own name says ("Repeat victims" of "Domestic abuse victims").
        let victims = m
            .repeat
            .as_ref()
            .and_then(|r| self.by_name.get(r.victims_measure.as_str()))
            .map(|&i| &measures[i])
            .filter(|v| v.measure != m.measure);
        let m = victims.unwrap_or(m);
        if let Some(issue) = issue_by_name(&m.measure) {
            return issue.to_string();
        }
        for c in context_of(m) {
            let issue = match self.context.get(c) {
                Some(&known) => known,
                None => {
                    let found = issue_in(c);
                    self.context.insert(c.to_string(), found);
                    found
                }
            };
            if let Some(issue) = issue {
                return issue.to_string();
            }
        }
        m.measure.trim().to_string()
    }

    /// The issues, any measures not yet stepped through grouped first.
    pub fn finish(
        mut self,
        measures: &[MeasureAssessment],
        chosen: &BTreeMap<String, String>,
        leads: &BTreeMap<String, String>,
    ) -> Vec<Issue> {
        self.step(measures, chosen, usize::MAX);
        let Grouping { order, members, .. } = self;
        order
            .into_iter()
            .map(|name| {
                let list: Vec<&MeasureAssessment> =
                    members[&name].iter().map(|&i| &measures[i]).collect();
                let picked = leads
                    .get(&name)
                    .filter(|l| list.iter().any(|m| &m.measure == *l));
                Issue {
                    lead: picked
                        .cloned()
                        .unwrap_or_else(|| lead(&list).measure.clone()),
                    lead_chosen: picked.is_some(),
                    measures: list.iter().map(|m| m.measure.clone()).collect(),
                    name,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issue(measure: &str) -> String {
        default_issue(measure, &[])
    }

    #[test]
    fn police_uk_crime_types_fall_into_issues() {
        let cases = [
            ("Anti-social behaviour", "Anti-social behaviour"),
            ("Bicycle theft", "Acquisitive crime"),
            ("Burglary", "Acquisitive crime"),
            ("Criminal damage and arson", "Criminal damage and arson"),
            ("Drugs", "Drugs"),
            ("Other crime", "Other crime"),
            ("Other theft", "Acquisitive crime"),
            ("Possession of weapons", "Weapons"),
            ("Public order", "Public order"),
            ("Robbery", "Acquisitive crime"),
            ("Shoplifting", "Acquisitive crime"),
            ("Theft from the person", "Acquisitive crime"),
            ("Vehicle crime", "Acquisitive crime"),
            ("Violence and sexual offences", "Violent crime"),
            ("All crime (excluding anti-social behaviour)", "All crime"),
        ];
        for (measure, expected) in cases {
            assert_eq!(issue(measure), expected, "{measure}");
        }
    }

    #[test]
    fn home_office_offence_groups_fall_into_issues() {
        let cases = [
            ("Violence against the person", "Violent crime"),
            ("Sexual offences", "Sexual offences"),
            ("Robbery", "Acquisitive crime"),
            ("Theft offences", "Acquisitive crime"),
            ("Criminal damage and arson", "Criminal damage and arson"),
            ("Drug offences", "Drugs"),
            ("Possession of weapons offences", "Weapons"),
            ("Public order offences", "Public order"),
            ("Miscellaneous crimes against society", "Other crime"),
            ("Fraud offences", "Fraud"),
            ("All recorded offences (Home Office)", "All crime"),
        ];
        for (measure, expected) in cases {
            assert_eq!(issue(measure), expected, "{measure}");
        }
    }

    #[test]
    fn the_plan_s_measures_fall_into_its_issues() {
        let cases = [
            ("Domestic abuse incidents", "Domestic abuse"),
            ("Domestic abuse victims", "Domestic abuse"),
            ("Repeat domestic abuse cases", "Domestic abuse"),
            ("Domestic violence with injury", "Domestic abuse"),
            ("All casualties", "Road safety"),
            ("Road casualties", "Road safety"),
            ("KSI casualties", "Road safety"),
            ("Child KSI casualties", "Road safety"),
            ("Casualties aged 65 and over", "Road safety"),
            ("People killed or seriously injured", "Road safety"),
            ("Violent crime", "Violent crime"),
            ("Violent crimes in the night-time economy", "Violent crime"),
            ("Drunkenness arrests", "Alcohol"),
            ("Anti-social behaviour incidents", "Anti-social behaviour"),
            ("ASB reports", "Anti-social behaviour"),
            ("Knife crime", "Weapons"),
            // Whole words only: no ASB in "Wasbridge", no DA in "data".
            ("Wasbridge referrals", "Wasbridge referrals"),
            ("Secondary schools engaged", "Secondary schools engaged"),
        ];
        for (measure, expected) in cases {
            assert_eq!(issue(measure), expected, "{measure}");
        }
        // A name that says nothing takes the issue of its sheet.
        assert_eq!(
            default_issue("Repeat victims", &["Domestic abuse", "sample.xlsx"]),
            "Domestic abuse"
        );
        assert_eq!(
            default_issue("Repeat victims", &["Sheet1", "data.csv"]),
            "Repeat victims"
        );
    }
}
