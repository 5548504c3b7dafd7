//! The "Add a target" form's fields as the user typed them, turned into a [`Target`]
//! or one sentence saying what is wrong. Pure, so it is tested natively; the
//! component (`ui/targets_panel.rs`) only holds the fields' signals and the markup.

use super::targets::{Target, TargetDirection};
use crate::core::period::Period;

/// The aims the form offers, in its order, with the words it shows for each.
pub const TARGET_AIMS: [(TargetDirection, &str); 3] = [
    (TargetDirection::Reduce, "Reduce on the baseline period"),
    (TargetDirection::Increase, "Increase on the baseline period"),
    (TargetDirection::Reach, "Reach a level"),
];

/// The form's fields, as typed (untrimmed).
#[derive(Clone, Copy, Debug)]
pub struct TargetForm<'a> {
    pub priority: &'a str,
    pub description: &'a str,
    pub measure: &'a str,
    pub direction: TargetDirection,
    /// For `Reach`: a number, with or without `%` and thousands separators.
    pub level: &'a str,
    /// For `Reduce` and `Increase`: a period such as 2014/15.
    pub baseline: &'a str,
    pub period: &'a str,
    /// A percentage from 0 to 100; blank is 0.
    pub tolerance: &'a str,
}

impl TargetForm<'_> {
    /// The target the fields describe, or one sentence naming the first field that is wrong.
    pub fn target(&self) -> Result<Target, String> {
        let priority = self.priority.trim();
        if priority.is_empty() {
            return Err("Name the priority the target belongs to.".into());
        }
        if self.measure.is_empty() {
            return Err("Choose the measure the target is judged on.".into());
        }
        let period = parse_period(self.period).ok_or_else(|| {
            format!(
                "“{}” is not a period the workbench knows: try 2016/17 or 2016.",
                self.period.trim()
            )
        })?;
        let baseline = match self.direction {
            TargetDirection::Reach => None,
            _ => Some(parse_period(self.baseline).ok_or_else(|| {
                format!(
                    "“{}” is not a baseline period the workbench knows: try 2015/16.",
                    self.baseline.trim()
                )
            })?),
        };
        let level = match self.direction {
            TargetDirection::Reach => Some(parse_level(self.level).ok_or_else(|| {
                format!(
                    "“{}” is not a level: type a number, such as 50.",
                    self.level.trim()
                )
            })?),
            _ => None,
        };
        let tolerance = parse_tolerance(self.tolerance).ok_or_else(|| {
            format!(
                "“{}” is not a tolerance: type a percentage from 0 to 100.",
                self.tolerance.trim().trim_end_matches('%')
            )
        })?;
        let description = match self.description.trim() {
            "" => format!("{priority}: {}", self.measure),
            typed => typed.to_string(),
        };
        Ok(Target {
            priority: priority.to_string(),
            description,
            measure: self.measure.to_string(),
            direction: self.direction,
            level,
            baseline,
            period,
            tolerance,
        })
    }
}

fn parse_period(typed: &str) -> Option<Period> {
    Period::parse(typed.trim())
}

/// "1,250", "50%" and "12.5" are levels; anything not a finite number is not.
fn parse_level(typed: &str) -> Option<f64> {
    typed
        .trim()
        .trim_end_matches('%')
        .replace(',', "")
        .parse::<f64>()
        .ok()
        .filter(|l| l.is_finite())
}

/// A percentage from 0 to 100 as a fraction (5 → 0.05); blank is no tolerance.
fn parse_tolerance(typed: &str) -> Option<f64> {
    match typed.trim().trim_end_matches('%') {
        "" => Some(0.0),
        t => t
            .parse::<f64>()
            .ok()
            .filter(|t| (0.0..=100.0).contains(t))
            .map(|t| t / 100.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(direction: TargetDirection) -> TargetForm<'static> {
        TargetForm {
            priority: " Domestic abuse ",
            description: "",
            measure: "Domestic abuse incidents",
            direction,
            level: "",
            baseline: "2014/15",
            period: "2015/16",
            tolerance: "5",
        }
    }

    #[test]
    fn a_reduction_on_a_baseline_reads_every_field() {
        let t = form(TargetDirection::Reduce).target().unwrap();
        assert_eq!(t.priority, "Domestic abuse");
        assert_eq!(t.description, "Domestic abuse: Domestic abuse incidents");
        assert_eq!(t.baseline, Period::parse("2014/15"));
        assert_eq!(t.period, Period::parse("2015/16").unwrap());
        assert_eq!(t.level, None);
        assert!((t.tolerance - 0.05).abs() < 1e-12);
    }

    #[test]
    fn a_level_takes_separators_and_a_percent_sign_and_needs_no_baseline() {
        let mut f = form(TargetDirection::Reach);
        f.level = " 1,250% ";
        f.baseline = "nonsense";
        f.tolerance = "";
        let t = f.target().unwrap();
        assert_eq!(t.level, Some(1250.0));
        assert_eq!(t.baseline, None);
        assert_eq!(t.tolerance, 0.0);
    }

    #[test]
    fn the_plans_own_words_are_kept() {
        let mut f = form(TargetDirection::Increase);
        f.description = "  To see more reports  ";
        assert_eq!(f.target().unwrap().description, "To see more reports");
    }

    #[test]
    fn each_wrong_field_gets_its_own_sentence() {
        let mut f = form(TargetDirection::Reduce);
        f.priority = "  ";
        assert_eq!(
            f.target().unwrap_err(),
            "Name the priority the target belongs to."
        );
        let mut f = form(TargetDirection::Reduce);
        f.measure = "";
        assert!(f.target().unwrap_err().contains("Choose the measure"));
        let mut f = form(TargetDirection::Reduce);
        f.period = "next year";
        assert!(f
            .target()
            .unwrap_err()
            .starts_with("“next year” is not a period"));
        let mut f = form(TargetDirection::Reduce);
        f.baseline = "";
        assert!(f.target().unwrap_err().contains("not a baseline period"));
        let mut f = form(TargetDirection::Reach);
        f.level = "fifty";
        assert!(f
            .target()
            .unwrap_err()
            .starts_with("“fifty” is not a level"));
        let mut f = form(TargetDirection::Reach);
        f.level = "inf";
        assert!(f.target().is_err());
        for bad in ["120", "-1", "five", "NaN"] {
            let mut f = form(TargetDirection::Reduce);
            f.tolerance = bad;
            assert!(
                f.target().unwrap_err().contains("is not a tolerance"),
                "{bad}"
            );
        }
    }
}
