//! The trace of the method: the steps the progress functions take, recorded by those functions
//! as they compute (never recomputed beside them), so that `ontrack show` and its JSON explain
//! a status with the very numbers and branches that produced it.
//!
//! A step names the rule it applied ([`Rule`]), the formula in symbols, the formula with the
//! row's numbers in it, and the value it gave. Words for people are not here: rendering turns a
//! rule into a sentence in the output's language.
//!
//! Recording is done through a [`Recorder`]: the assessment of a whole monitor uses
//! [`NoTrace`], which the compiler removes entirely (the step is built by a closure that is
//! never called); `show` records into a `Vec<Step>`.

use crate::model::{Direction, Goal, Status, Thresholds};
use serde::Serialize;

/// The rule a step applied; what it concludes, where it concludes something.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "rule")]
pub enum Rule {
    /// No desired direction: no status, no score.
    NoDirection,
    /// The row cannot be assessed, for this reason.
    NotAssessable { reason: String },
    /// The base year t0 and its value y0.
    Base,
    /// The latest year ti and its value yi.
    Latest,
    /// d and s, with the direction and goal they stand for.
    Direction { direction: Direction, goal: Goal },
    /// The compound annual growth rate from base to latest.
    Cagr,
    /// P: the growth in the desired direction.
    Growth,
    /// The growth rate that reaches the target in its year.
    RequiredCagr,
    /// R: observed over required growth.
    Ratio,
    /// The value on the straight path from base to target in the latest year.
    Expected,
    /// Q: the share of the expected distance covered.
    Covered,
    /// The base value equals the target and the target is not reached.
    BaseIsTarget,
    /// C: the limit coefficient.
    Coefficient,
    /// The progress value against the thresholds, and the band it falls in.
    Thresholds {
        thresholds: Thresholds,
        band: Status,
    },
    /// The method's score, and the status it computed.
    Score { status: Status },
    /// The target is reached in the desired direction: target achieved, whatever the trend.
    TargetReached,
    /// How much worse than the base the latest value is, in the desired direction.
    WorseBy,
    /// The maintain tolerance; `exceeded` when the series is worse by more.
    Tolerance { exceeded: bool },
    /// The target year has passed without the target.
    TargetYearPassed,
    /// A status set by hand replaces the computed one.
    Manual {
        status: Status,
        computed: Status,
        reason: String,
    },
}

impl Rule {
    /// Whether the step settles the score (a later step may only replace it).
    pub(crate) fn concludes(&self) -> bool {
        matches!(
            self,
            Rule::Score { .. }
                | Rule::Manual { .. }
                | Rule::NotAssessable { .. }
                | Rule::NoDirection
        )
    }

    /// The short name of the quantity or rule, as the method's documentation writes it.
    pub fn name(&self) -> &'static str {
        match self {
            Rule::NoDirection | Rule::NotAssessable { .. } => "status",
            Rule::Base => "base",
            Rule::Latest => "latest",
            Rule::Direction { .. } => "direction",
            Rule::Cagr => "CAGR",
            Rule::Growth => "P",
            Rule::RequiredCagr => "required CAGR",
            Rule::Ratio => "R",
            Rule::Expected => "expected",
            Rule::Covered => "Q",
            Rule::BaseIsTarget => "base = target",
            Rule::Coefficient => "C",
            Rule::Thresholds { .. } => "thresholds",
            Rule::Score { .. } => "score",
            Rule::TargetReached => "target reached",
            Rule::WorseBy => "worse by",
            Rule::Tolerance { .. } => "tolerance",
            Rule::TargetYearPassed => "target year",
            Rule::Manual { .. } => "manual",
        }
    }
}

/// One step of the calculation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// The quantity or rule ("CAGR", "R", "score").
    pub name: &'static str,
    #[serde(flatten)]
    pub rule: Rule,
    /// The formula in symbols, where there is one.
    pub formula: Option<&'static str>,
    /// The formula with the row's numbers in it (numbers as [`number`] writes them).
    pub numbers: Option<String>,
    /// The value computed, where the step gives a number.
    pub value: Option<f64>,
}

impl Step {
    pub fn new(rule: Rule) -> Self {
        Step {
            name: rule.name(),
            rule,
            formula: None,
            numbers: None,
            value: None,
        }
    }
    pub(crate) fn formula(mut self, formula: &'static str) -> Self {
        self.formula = Some(formula);
        self
    }
    pub fn numbers(mut self, numbers: String) -> Self {
        self.numbers = Some(numbers);
        self
    }
    pub fn value(mut self, value: f64) -> Self {
        self.value = Some(value);
        self
    }
}

/// Where the progress functions put their steps.
pub trait Recorder {
    /// Records the step `make` builds; `make` runs only when steps are kept.
    fn record(&mut self, make: impl FnOnce() -> Step);
}

/// Keeps nothing: the assessment of a whole monitor.
pub(crate) struct NoTrace;

impl Recorder for NoTrace {
    #[inline(always)]
    fn record(&mut self, _make: impl FnOnce() -> Step) {}
}

impl Recorder for Vec<Step> {
    fn record(&mut self, make: impl FnOnce() -> Step) {
        self.push(make());
    }
}

/// Keeps the steps when asked (`show`), else nothing: one branch per step, and no step is
/// built when none is kept.
pub struct KeepIf(Option<Vec<Step>>);

impl KeepIf {
    pub fn new(keep: bool) -> Self {
        KeepIf(keep.then(Vec::new))
    }

    pub fn into_steps(self) -> Vec<Step> {
        self.0.unwrap_or_default()
    }
}

impl Recorder for KeepIf {
    #[inline]
    fn record(&mut self, make: impl FnOnce() -> Step) {
        if let Some(steps) = &mut self.0 {
            steps.push(make());
        }
    }
}

/// A number as a trace writes it (and as the JSON `numbers` read): up to six significant
/// decimals, no trailing zeros, a decimal point; a view writes it in its language's style.
pub fn number(v: f64) -> String {
    use crate::number_format::{Decimals, NumberStyle};
    NumberStyle {
        decimals: Decimals::AtMost(6),
        ..NumberStyle::MACHINE
    }
    .format(v)
}

/// The value a trace arrives at: that of its last concluding step (a score, a status set by
/// hand, or "not assessable" / "no direction", which have none). It is the row's score.
pub fn final_value(steps: &[Step]) -> Option<f64> {
    steps
        .iter()
        .rev()
        .find(|s| s.rule.concludes())
        .and_then(|s| s.value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_exact_enough() {
        assert_eq!(number(5.0), "5");
        assert_eq!(number(-0.0339), "-0.0339");
        assert_eq!(number(1.0 / 3.0), "0.333333");
        assert_eq!(number(-0.0000001), "0");
    }

    #[test]
    fn no_trace_never_builds_a_step() {
        let mut built = false;
        NoTrace.record(|| {
            built = true;
            Step::new(Rule::Base)
        });
        assert!(!built);
        let mut kept = Vec::new();
        kept.record(|| Step::new(Rule::Base).value(1.0));
        assert_eq!(final_value(&kept), None, "the base concludes nothing");
        kept.record(|| {
            Step::new(Rule::Score {
                status: Status::Deterioration,
            })
            .value(-5.0)
        });
        kept.record(|| Step::new(Rule::TargetYearPassed));
        assert_eq!(final_value(&kept), Some(-5.0));
    }
}
