//! The per-series progress calculations: the Open SDG / Statistics Canada progress measure, the
//! straight path from baseline to target, and the "at least stays equal" rule. Pure functions of
//! numbers; the formulas are documented in the parent module.

use crate::model::{Status, Thresholds};

/// Thresholds of the Open SDG measure without a target (compound annual growth rate).
pub const TREND_THRESHOLDS: Thresholds = Thresholds {
    high: 0.015,
    med: 0.005,
    low: 0.0,
};

/// Thresholds of the Open SDG measure with a target (observed over required growth rate), also
/// used for the linear method's ratio of covered over expected distance.
pub const TARGET_THRESHOLDS: Thresholds = Thresholds {
    high: 0.95,
    med: 0.6,
    low: 0.0,
};

/// The exponent `a` of the limit coefficient.
const LIMIT_EXPONENT: f64 = 4.44;

/// The relative tolerance of comparisons at a boundary (a threshold, the target, the maintain
/// tolerance). Binary fractions put a value that is exactly at a boundary in decimal a hair to
/// either side of it (0.153 − 0.15 is 0.0030000000000000027, not 0.003); one part in 10⁹ is far
/// below the precision of any measurement, so a value that far from its boundary is at it.
pub const BOUNDARY_TOLERANCE: f64 = 1e-9;

/// `value ≥ bound`, where a value within [`BOUNDARY_TOLERANCE`] (relative) of the bound is at it.
pub fn at_least(value: f64, bound: f64) -> bool {
    value >= bound || bound - value <= BOUNDARY_TOLERANCE * value.abs().max(bound.abs())
}

/// The value the method puts in place of a base or target value of 0, whose growth rate is not
/// defined.
pub const ZERO_SUBSTITUTE: f64 = 0.001;

/// `v`, or [`ZERO_SUBSTITUTE`] where `v` is 0.
pub fn nonzero(v: f64) -> f64 {
    if v == 0.0 {
        ZERO_SUBSTITUTE
    } else {
        v
    }
}

/// What one series contributes to the calculation.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesInput {
    pub base_year: f64,
    pub base_value: f64,
    pub current_year: f64,
    pub current_value: f64,
    /// d: +1 increase desired, -1 decrease desired.
    pub direction: f64,
    /// Target value and year.
    pub target: Option<(f64, f64)>,
    pub limit: Option<f64>,
    /// Threshold overrides; None: the method's defaults.
    pub thresholds: Option<Thresholds>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SeriesOutcome {
    pub status: Status,
    pub score: Option<f64>,
    /// P (without target), R (with target), or the linear ratio.
    pub progress_value: Option<f64>,
    pub target_achieved: bool,
    /// The limit coefficient C, where a limit was used.
    pub coefficient: Option<f64>,
    /// The thresholds actually used (after scaling by C).
    pub thresholds: Thresholds,
    /// Why the series is not assessable, when it is not.
    pub reason: Option<String>,
}

impl SeriesOutcome {
    /// An outcome of a rule that uses no limit coefficient.
    fn without_limit(
        status: Status,
        score: Option<f64>,
        progress_value: Option<f64>,
        reason: Option<String>,
        thresholds: Thresholds,
    ) -> Self {
        SeriesOutcome {
            status,
            score,
            progress_value,
            target_achieved: status == Status::TargetAchieved,
            coefficient: None,
            thresholds,
            reason,
        }
    }
}

/// Compound annual growth rate from (ta, ya) to (tb, yb).
pub fn cagr(ya: f64, yb: f64, ta: f64, tb: f64) -> f64 {
    (yb / ya).powf(1.0 / (tb - ta)) - 1.0
}

/// The limit coefficient C for base value `base` and natural limit `limit`.
pub fn limit_coefficient(base: f64, limit: f64) -> f64 {
    let (b, l) = (base.abs(), limit.abs());
    if b >= 2.0 * l {
        // Checked first so that a base and limit of zero give C = 1.
        1.0
    } else if b <= l {
        1.0 - (b / l).powf(LIMIT_EXPONENT)
    } else {
        1.0 - ((2.0 * l - b) / l).powf(LIMIT_EXPONENT)
    }
}

/// Whether the latest value meets the target in the desired direction: tested against the
/// target as defined (never the 0.001 put in place of a target of 0), at the boundary with
/// [`at_least`].
pub fn is_target_achieved(input: &SeriesInput) -> bool {
    match input.target {
        Some((target, _)) => at_least(
            input.direction * input.current_value,
            input.direction * target,
        ),
        None => false,
    }
}

/// Whether the target year has passed: the latest value is of the target year or later.
pub fn is_past_target_year(input: &SeriesInput) -> bool {
    input
        .target
        .is_some_and(|(_, year)| input.current_year >= year)
}

/// Why growth from `base` towards `target` has no rate, if it has none: a growth rate cannot
/// cross zero.
pub fn target_not_comparable(base: f64, target: f64) -> Option<String> {
    ((base > 0.0 && target < 0.0) || (base < 0.0 && target > 0.0)).then(|| {
        format!(
            "the base value ({base}) and the target ({target}) have opposite signs; a growth rate cannot cross zero"
        )
    })
}

/// Why a base and a current value cannot be compared, if they cannot.
fn not_comparable(
    base_year: f64,
    base_value: f64,
    current_year: f64,
    current_value: f64,
) -> Option<String> {
    if (base_value > 0.0 && current_value < 0.0) || (base_value < 0.0 && current_value > 0.0) {
        return Some(format!(
            "the base value ({base_value}) and the latest value ({current_value}) have opposite signs"
        ));
    }
    if base_year > current_year {
        return Some(format!(
            "the base year ({base_year}) is after the latest data ({current_year})"
        ));
    }
    if current_year - base_year < 1.0 {
        return Some(format!(
            "less than one year between the base ({base_year}) and the latest value ({current_year})"
        ));
    }
    None
}

/// The Open SDG / Statistics Canada progress measure for one series.
pub fn open_sdg(input: &SeriesInput) -> SeriesOutcome {
    let sign = if input.base_value < 0.0 { -1.0 } else { 1.0 };
    // Reaching the target is judged on the target as defined; the substitute for a target of 0
    // only enters the growth rates.
    let target_achieved = is_target_achieved(input);
    let target = input.target.map(|(v, y)| (nonzero(v), y));

    let (thresholds, coefficient) = match (target, input.limit) {
        (Some(_), _) => (input.thresholds.unwrap_or(TARGET_THRESHOLDS), None),
        (None, None) => (input.thresholds.unwrap_or(TREND_THRESHOLDS), None),
        (None, Some(limit)) => {
            let c = limit_coefficient(input.base_value, limit);
            let t = input.thresholds.unwrap_or(TREND_THRESHOLDS);
            (
                Thresholds {
                    high: t.high * c,
                    med: t.med * c,
                    low: t.low * c,
                },
                Some(c),
            )
        }
    };

    let base_value = nonzero(input.base_value);
    let mut reason = not_comparable(
        input.base_year,
        base_value,
        input.current_year,
        input.current_value,
    );
    if reason.is_none() {
        if let Some((t, ty)) = target {
            reason = target_not_comparable(input.base_value, t).or_else(|| {
                // A base later than the defined baseline (no value in the base year) can reach
                // the target year: no rate leads to a target in no time.
                (ty <= input.base_year).then(|| {
                    format!(
                        "the target year ({ty}) is not after the base year ({})",
                        input.base_year
                    )
                })
            });
        }
    }
    let mut progress_value = None;
    let mut base_equals_target = false;
    if reason.is_none() {
        let observed = cagr(
            base_value,
            input.current_value,
            input.base_year,
            input.current_year,
        );
        match target {
            None => progress_value = Some(sign * input.direction * observed),
            Some((t, ty)) => {
                let required = cagr(base_value, t, input.base_year, ty);
                if required == 0.0 {
                    base_equals_target = true;
                } else {
                    progress_value = Some(sign * input.direction * observed / required.abs());
                }
            }
        }
        if progress_value.is_some_and(|p| !p.is_finite()) {
            progress_value = None;
            reason = Some(format!(
                "the growth rates from {} to {} are not defined",
                input.base_value, input.current_value
            ));
        }
    }

    let (mut status, score) = if target_achieved {
        (Status::TargetAchieved, Some(5.0))
    } else if base_equals_target {
        // No growth was required: not having met the target means the series moved away from
        // it (the production code reaches the same through R = -inf).
        reason = None;
        (Status::Deterioration, Some(-5.0))
    } else {
        match progress_value {
            None => (Status::NotAssessable, None),
            Some(p) => {
                let score = match (target, input.thresholds) {
                    (Some(_), None) => target_score(p),
                    (Some(_), Some(t)) => interpolated_score(p, &t, 0.6, t.high - t.med),
                    (None, None) => trend_score(p, coefficient.unwrap_or(1.0)),
                    (None, Some(_)) => interpolated_score(
                        p,
                        &thresholds,
                        0.02,
                        (thresholds.high - thresholds.med) / 2.0,
                    ),
                };
                (
                    status_from_thresholds(p, &thresholds, coefficient),
                    Some(score),
                )
            }
        }
    };
    if target_achieved {
        reason = None;
    } else if is_past_target_year(input) {
        status = Status::TargetNotAchieved;
    }
    SeriesOutcome {
        status,
        score,
        progress_value,
        target_achieved,
        coefficient,
        thresholds,
        reason,
    }
}

fn status_from_thresholds(p: f64, t: &Thresholds, coefficient: Option<f64>) -> Status {
    if coefficient == Some(0.0) && p >= 0.0 {
        // At the natural limit: holding it is all that is possible.
        return Status::SubstantialProgress;
    }
    if at_least(p, t.high) {
        Status::SubstantialProgress
    } else if at_least(p, t.med) {
        Status::ModerateProgress
    } else if at_least(p, t.low) {
        Status::LimitedProgress
    } else {
        Status::Deterioration
    }
}

/// Score of P without a target; the published production formula.
fn trend_score(p: f64, c: f64) -> f64 {
    if p < 0.0 {
        return (125.0 * p - 2.5).max(-5.0);
    }
    if c == 0.0 {
        return 5.0;
    }
    if p >= 0.015 * c {
        (500.0 * p / c - 5.0).min(5.0)
    } else if p >= 0.005 * c {
        250.0 * p / c - 1.25
    } else {
        500.0 * p / c - 2.5
    }
}

/// Score of R with a target; the published production formula, whose coefficients are rounded
/// to four decimals (the exact lines would be 50/7 and 30/7 and 25/6).
pub fn target_score(r: f64) -> f64 {
    if r >= 0.6 {
        (7.1429 * r - 4.2857).min(5.0)
    } else {
        (4.1667 * r - 2.5).max(-5.0)
    }
}

/// Score with overridden thresholds: linear between the anchor points the default formulas use,
/// moved to the new thresholds: low - `below` gives -5, low -2.5, med 0, high 2.5, high + `above` 5.
fn interpolated_score(p: f64, t: &Thresholds, below: f64, above: f64) -> f64 {
    let points = [
        (t.low - below, -5.0),
        (t.low, -2.5),
        (t.med, 0.0),
        (t.high, 2.5),
        (t.high + above, 5.0),
    ];
    if p <= points[0].0 {
        return -5.0;
    }
    for w in points.windows(2) {
        let ((x0, y0), (x1, y1)) = (w[0], w[1]);
        if p <= x1 {
            return if x1 > x0 {
                y0 + (p - x0) * (y1 - y0) / (x1 - x0)
            } else {
                y1
            };
        }
    }
    5.0
}

/// The straight path from baseline to target: the value expected in year `year`. Beyond the
/// target year the path stays at the target; before the base year there is no path.
pub fn expected_on_path(
    base_year: f64,
    base_value: f64,
    target_year: f64,
    target: f64,
    year: f64,
) -> Option<f64> {
    if target_year <= base_year || year < base_year {
        return None;
    }
    let share = ((year - base_year) / (target_year - base_year)).min(1.0);
    Some(base_value + (target - base_value) * share)
}

/// The linear method: the share of the expected distance (baseline to the straight path in the
/// latest year) that was covered. Without a target it falls back to the Open SDG measure.
pub fn linear(input: &SeriesInput) -> SeriesOutcome {
    let Some((target, target_year)) = input.target else {
        return open_sdg(input);
    };
    let thresholds = input.thresholds.unwrap_or(TARGET_THRESHOLDS);
    let outcome = |status, score, progress_value, reason| {
        let mut o = SeriesOutcome::without_limit(status, score, progress_value, reason, thresholds);
        if status != Status::TargetAchieved && is_past_target_year(input) {
            o.status = Status::TargetNotAchieved;
        }
        o
    };
    if is_target_achieved(input) {
        return outcome(Status::TargetAchieved, Some(5.0), None, None);
    }
    if let Some(reason) = not_comparable(
        input.base_year,
        input.base_value,
        input.current_year,
        input.current_value,
    ) {
        return outcome(Status::NotAssessable, None, None, Some(reason));
    }
    if target == input.base_value {
        return outcome(Status::Deterioration, Some(-5.0), None, None);
    }
    let Some(expected) = expected_on_path(
        input.base_year,
        input.base_value,
        target_year,
        target,
        input.current_year,
    ) else {
        return outcome(
            Status::NotAssessable,
            None,
            None,
            Some(format!(
                "the target year ({target_year}) is not after the base year ({})",
                input.base_year
            )),
        );
    };
    let ratio = (input.current_value - input.base_value) / (expected - input.base_value);
    if !ratio.is_finite() {
        return outcome(
            Status::NotAssessable,
            None,
            None,
            Some(format!(
                "the straight path expects no change by {} (base {}, expected {expected})",
                input.current_year, input.base_value
            )),
        );
    }
    let score = match input.thresholds {
        None => target_score(ratio),
        Some(t) => interpolated_score(ratio, &t, 0.6, t.high - t.med),
    };
    outcome(
        status_from_thresholds(ratio, &thresholds, None),
        Some(score),
        Some(ratio),
        None,
    )
}

/// Whether a series that should at least stay equal is worse by more than it may be: `worse_by`
/// (−d·(yi − y0)) beyond `allowed` (tolerance·|y0|), where exactly at the tolerance is within it.
pub fn exceeds_tolerance(worse_by: f64, allowed: f64) -> bool {
    !at_least(allowed, worse_by)
}

/// "At least stays equal": achieved while the latest value is not worse than the base value by
/// more than `tolerance` (a share of the base value); otherwise deterioration, scored like a
/// falling trend.
pub fn maintain(input: &SeriesInput, tolerance: f64) -> SeriesOutcome {
    let thresholds = Thresholds {
        high: 0.0,
        med: 0.0,
        low: -tolerance,
    };
    let outcome = |status, score, progress_value, reason| {
        SeriesOutcome::without_limit(status, score, progress_value, reason, thresholds)
    };
    if let Some(reason) = not_comparable(
        input.base_year,
        input.base_value,
        input.current_year,
        input.current_value,
    ) {
        return outcome(Status::NotAssessable, None, None, Some(reason));
    }
    let sign = if input.base_value < 0.0 { -1.0 } else { 1.0 };
    let p = sign
        * input.direction
        * cagr(
            nonzero(input.base_value),
            input.current_value,
            input.base_year,
            input.current_year,
        );
    let worse_by = -input.direction * (input.current_value - input.base_value);
    if exceeds_tolerance(worse_by, tolerance * input.base_value.abs()) {
        outcome(
            Status::Deterioration,
            Some(trend_score(p.min(0.0), 1.0)),
            Some(p),
            None,
        )
    } else {
        outcome(Status::TargetAchieved, Some(5.0), Some(p), None)
    }
}

/// The status an aggregate score falls in (the score bands).
pub fn status_from_score(score: f64, all_targets_achieved: bool) -> Status {
    if all_targets_achieved {
        Status::TargetAchieved
    } else if score >= 2.5 {
        Status::SubstantialProgress
    } else if score >= 0.0 {
        Status::ModerateProgress
    } else if score >= -2.5 {
        Status::LimitedProgress
    } else {
        Status::Deterioration
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(base: (f64, f64), current: (f64, f64), direction: f64) -> SeriesInput {
        SeriesInput {
            base_year: base.0,
            base_value: base.1,
            current_year: current.0,
            current_value: current.1,
            direction,
            target: None,
            limit: None,
            thresholds: None,
        }
    }

    #[test]
    fn vve_towards_90_percent_by_2021() {
        // Seed: 79 % in 2017, target 90 % in 2021. Say 2019 shows 83 %.
        let mut i = input((2017.0, 79.0), (2019.0, 83.0), 1.0);
        i.target = Some((90.0, 2021.0));
        let o = open_sdg(&i);
        // CAGR observed (83/79)^(1/2)-1 = 0.025009..., required (90/79)^(1/4)-1 = 0.033121...
        let r = ((83.0f64 / 79.0).sqrt() - 1.0) / ((90.0f64 / 79.0).powf(0.25) - 1.0);
        assert!((o.progress_value.unwrap() - r).abs() < 1e-12);
        assert!((r - 0.7551).abs() < 1e-3, "{r}");
        assert_eq!(o.status, Status::ModerateProgress);
        assert!((o.score.unwrap() - (7.1429 * r - 4.2857)).abs() < 1e-12);
    }

    #[test]
    fn falling_share_that_should_fall_is_on_track() {
        // Westerse migranten VSV 12.5 % (2017) to 10.9 % in 2021: P = -(10.9/12.5)^(1/4)+1.
        let o = open_sdg(&input((2017.0, 12.5), (2021.0, 10.9), -1.0));
        let p = -((10.9f64 / 12.5).powf(0.25) - 1.0);
        assert!((o.progress_value.unwrap() - p).abs() < 1e-12);
        assert!(p > 0.015);
        assert_eq!(o.status, Status::SubstantialProgress);
        assert_eq!(o.score, Some(5.0));
    }

    #[test]
    fn limit_scales_the_thresholds() {
        let c = limit_coefficient(78.0, 100.0);
        assert!((c - (1.0 - 0.78f64.powf(4.44))).abs() < 1e-15);
        assert_eq!(limit_coefficient(0.0, 0.0), 1.0);
        assert_eq!(limit_coefficient(250.0, 100.0), 1.0);
        let mut i = input((2016.0, 78.0), (2021.0, 79.0), 1.0);
        i.limit = Some(100.0);
        let o = open_sdg(&i);
        assert_eq!(o.coefficient, Some(c));
        assert!((o.thresholds.high - 0.015 * c).abs() < 1e-15);
    }

    #[test]
    fn base_equal_to_target_has_no_progress_value() {
        let mut i = input((2015.0, 100.0), (2023.0, 100.0), 1.0);
        i.target = Some((100.0, 2030.0));
        let o = open_sdg(&i);
        assert_eq!(
            (o.status, o.score, o.progress_value),
            (Status::TargetAchieved, Some(5.0), None)
        );
        i.current_value = 98.0;
        let o = open_sdg(&i);
        assert_eq!(
            (o.status, o.score, o.progress_value),
            (Status::Deterioration, Some(-5.0), None)
        );
    }

    #[test]
    fn not_assessable_cases_say_why() {
        let o = open_sdg(&input((2017.0, 5.0), (2017.0, 6.0), 1.0));
        assert_eq!(o.status, Status::NotAssessable);
        assert!(o.reason.unwrap().contains("less than one year"));
        let o = open_sdg(&input((2017.0, 5.0), (2019.0, -1.0), 1.0));
        assert!(o.reason.unwrap().contains("opposite signs"));
    }

    #[test]
    fn linear_compares_with_the_straight_path() {
        // Sociale cohesie 5.9 (2016) to 6.5 in 2021: expected in 2020 is 5.9 + 0.6*4/5 = 6.38.
        let mut i = input((2016.0, 5.9), (2020.0, 6.1), 1.0);
        i.target = Some((6.5, 2021.0));
        let e = expected_on_path(2016.0, 5.9, 2021.0, 6.5, 2020.0).unwrap();
        assert!((e - 6.38).abs() < 1e-12);
        let o = linear(&i);
        let q = (6.1 - 5.9) / (6.38 - 5.9);
        assert!((o.progress_value.unwrap() - q).abs() < 1e-9);
        assert_eq!(o.status, Status::LimitedProgress); // 0.4167 < 0.6
    }

    #[test]
    fn maintain_allows_the_stated_tolerance() {
        // VSV 1.73 % (2016/2017) should not rise: 1.76 is within 2 %, 1.80 is not.
        let o = maintain(&input((2016.0, 1.73), (2020.0, 1.76), -1.0), 0.02);
        assert_eq!(o.status, Status::TargetAchieved);
        let o = maintain(&input((2016.0, 1.73), (2020.0, 1.80), -1.0), 0.02);
        assert_eq!(o.status, Status::Deterioration);
        assert!(o.score.unwrap() < -2.5);
    }

    #[test]
    fn score_bands_give_the_aggregate_status() {
        assert_eq!(status_from_score(2.5, false), Status::SubstantialProgress);
        assert_eq!(status_from_score(0.0, false), Status::ModerateProgress);
        assert_eq!(status_from_score(-2.5, false), Status::LimitedProgress);
        assert_eq!(status_from_score(-2.51, false), Status::Deterioration);
        assert_eq!(status_from_score(-5.0, true), Status::TargetAchieved);
    }
}
