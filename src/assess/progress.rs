//! The per-series progress calculations: the Open SDG / Statistics Canada progress measure, the
//! straight path from baseline to target, and the "at least stays equal" rule. Pure functions of
//! numbers; the formulas are documented in the parent module.

use super::trace::{number, NoTrace, Recorder, Rule, Step};
use crate::model::{Direction, Goal, Status, Thresholds};

/// Thresholds of the Open SDG measure without a target (compound annual growth rate).
pub(crate) const TREND_THRESHOLDS: Thresholds = Thresholds {
    high: 0.015,
    med: 0.005,
    low: 0.0,
};

/// Thresholds of the Open SDG measure with a target (observed over required growth rate), also
/// used for the linear method's ratio of covered over expected distance.
pub(crate) const TARGET_THRESHOLDS: Thresholds = Thresholds {
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
pub(crate) const BOUNDARY_TOLERANCE: f64 = 1e-9;

/// `value ≥ bound`, where a value within [`BOUNDARY_TOLERANCE`] (relative) of the bound is at it.
pub(crate) fn at_least(value: f64, bound: f64) -> bool {
    value >= bound || bound - value <= BOUNDARY_TOLERANCE * value.abs().max(bound.abs())
}

/// The value the method puts in place of a base or target value of 0, whose growth rate is not
/// defined.
pub(crate) const ZERO_SUBSTITUTE: f64 = 0.001;

/// `v`, or [`ZERO_SUBSTITUTE`] where `v` is 0.
pub(crate) fn nonzero(v: f64) -> f64 {
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
pub(crate) fn cagr(ya: f64, yb: f64, ta: f64, tb: f64) -> f64 {
    (yb / ya).powf(1.0 / (tb - ta)) - 1.0
}

/// The limit coefficient C for base value `base` and natural limit `limit`.
pub(crate) fn limit_coefficient(base: f64, limit: f64) -> f64 {
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
pub(crate) fn is_target_achieved(input: &SeriesInput) -> bool {
    match input.target {
        Some((target, _)) => at_least(
            input.direction * input.current_value,
            input.direction * target,
        ),
        None => false,
    }
}

/// Whether the target year has passed: the latest value is of the target year or later.
pub(crate) fn is_past_target_year(input: &SeriesInput) -> bool {
    input
        .target
        .is_some_and(|(_, year)| input.current_year >= year)
}

/// Why growth from `base` towards `target` has no rate, if it has none: a growth rate cannot
/// cross zero.
pub(crate) fn target_not_comparable(base: f64, target: f64) -> Option<String> {
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

/// The steps every rule starts from: the base, the latest value, d and s.
fn record_inputs(input: &SeriesInput, goal: Goal, rec: &mut impl Recorder) {
    rec.record(|| {
        Step::new(Rule::Base)
            .numbers(format!(
                "t0 = {}, y0 = {}",
                number(input.base_year),
                number(input.base_value)
            ))
            .value(input.base_value)
    });
    rec.record(|| {
        Step::new(Rule::Latest)
            .numbers(format!(
                "ti = {}, yi = {}",
                number(input.current_year),
                number(input.current_value)
            ))
            .value(input.current_value)
    });
    rec.record(|| {
        let direction = if input.direction > 0.0 {
            Direction::Increase
        } else {
            Direction::Decrease
        };
        Step::new(Rule::Direction { direction, goal }).numbers(format!(
            "d = {}, s = {}",
            number(input.direction),
            number(sign_of_base(input.base_value))
        ))
    });
}

/// s in the formulas: −1 when the base value is negative, else +1.
fn sign_of_base(base_value: f64) -> f64 {
    if base_value < 0.0 {
        -1.0
    } else {
        1.0
    }
}

/// The observed growth rate from (t0, y0) to (ti, yi), recorded.
fn observed_cagr(input: &SeriesInput, base_value: f64, rec: &mut impl Recorder) -> f64 {
    let observed = cagr(
        base_value,
        input.current_value,
        input.base_year,
        input.current_year,
    );
    rec.record(|| {
        Step::new(Rule::Cagr)
            .formula("(yi / y0)^(1 / (ti − t0)) − 1")
            .numbers(format!(
                "({} / {})^(1 / ({} − {})) − 1",
                number(input.current_value),
                number(base_value),
                number(input.current_year),
                number(input.base_year)
            ))
            .value(observed)
    });
    observed
}

/// P = s·d·CAGR, recorded.
fn growth(input: &SeriesInput, observed: f64, rec: &mut impl Recorder) -> f64 {
    let s = sign_of_base(input.base_value);
    let p = s * input.direction * observed;
    rec.record(|| {
        Step::new(Rule::Growth)
            .formula("s · d · CAGR")
            .numbers(format!(
                "{} · {} · {}",
                number(s),
                number(input.direction),
                number(observed)
            ))
            .value(p)
    });
    p
}

/// The limit coefficient C, recorded with the case of the formula that applies.
fn recorded_coefficient(base: f64, limit: f64, rec: &mut impl Recorder) -> f64 {
    let c = limit_coefficient(base, limit);
    let (b, l) = (base.abs(), limit.abs());
    rec.record(|| {
        let step = Step::new(Rule::Coefficient).value(c);
        if b >= 2.0 * l {
            step.formula("1 (b ≥ 2L)")
        } else if b <= l {
            step.formula("1 − (b / L)^4.44").numbers(format!(
                "1 − ({} / {})^4.44",
                number(b),
                number(l)
            ))
        } else {
            step.formula("1 − ((2L − b) / L)^4.44").numbers(format!(
                "1 − ((2 · {} − {}) / {})^4.44",
                number(l),
                number(b),
                number(l)
            ))
        }
    });
    c
}

fn record_not_assessable(reason: &str, rec: &mut impl Recorder) {
    rec.record(|| {
        Step::new(Rule::NotAssessable {
            reason: reason.to_string(),
        })
    });
}

/// Target achieved, score 5, recorded.
fn target_reached(input: &SeriesInput, rec: &mut impl Recorder) -> f64 {
    if let Some((target, _)) = input.target {
        rec.record(|| {
            Step::new(Rule::TargetReached)
                .formula("d · (yi − T) ≥ 0")
                .numbers(format!(
                    "{} · ({} − {})",
                    number(input.direction),
                    number(input.current_value),
                    number(target)
                ))
                .value(input.direction * (input.current_value - target))
        });
    }
    record_constant_score(5.0, Status::TargetAchieved, rec)
}

/// The base value equals the target and the target is not reached: deterioration, −5.
fn base_is_target(rec: &mut impl Recorder) -> f64 {
    rec.record(|| Step::new(Rule::BaseIsTarget));
    record_constant_score(-5.0, Status::Deterioration, rec)
}

fn record_constant_score(score: f64, status: Status, rec: &mut impl Recorder) -> f64 {
    rec.record(|| {
        Step::new(Rule::Score { status })
            .formula(if score > 0.0 { "5" } else { "−5" })
            .value(score)
    });
    score
}

fn record_target_year_passed(input: &SeriesInput, rec: &mut impl Recorder) {
    if let Some((_, year)) = input.target {
        rec.record(|| {
            Step::new(Rule::TargetYearPassed)
                .formula("ti ≥ tT, d · (yi − T) < 0")
                .numbers(format!("{} ≥ {}", number(input.current_year), number(year)))
        });
    }
}

/// The Open SDG / Statistics Canada progress measure for one series.
pub fn open_sdg(input: &SeriesInput) -> SeriesOutcome {
    open_sdg_traced(input, &mut NoTrace)
}

/// [`open_sdg`], recording its steps.
pub fn open_sdg_traced(input: &SeriesInput, rec: &mut impl Recorder) -> SeriesOutcome {
    record_inputs(input, Goal::Improve, rec);
    // Reaching the target is judged on the target as defined; the substitute for a target of 0
    // only enters the growth rates.
    let target_achieved = is_target_achieved(input);
    let target = input.target.map(|(v, y)| (nonzero(v), y));

    let (thresholds, coefficient) = match (target, input.limit) {
        (Some(_), _) => (input.thresholds.unwrap_or(TARGET_THRESHOLDS), None),
        (None, None) => (input.thresholds.unwrap_or(TREND_THRESHOLDS), None),
        (None, Some(limit)) => {
            let c = recorded_coefficient(input.base_value, limit, rec);
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
        let observed = observed_cagr(input, base_value, rec);
        match target {
            None => progress_value = Some(growth(input, observed, rec)),
            Some((t, ty)) => {
                let required = cagr(base_value, t, input.base_year, ty);
                rec.record(|| {
                    Step::new(Rule::RequiredCagr)
                        .formula("(T / y0)^(1 / (tT − t0)) − 1")
                        .numbers(format!(
                            "({} / {})^(1 / ({} − {})) − 1",
                            number(t),
                            number(base_value),
                            number(ty),
                            number(input.base_year)
                        ))
                        .value(required)
                });
                if required == 0.0 {
                    base_equals_target = true;
                } else {
                    let s = sign_of_base(input.base_value);
                    let r = s * input.direction * observed / required.abs();
                    rec.record(|| {
                        Step::new(Rule::Ratio)
                            .formula("s · d · CAGR / |required CAGR|")
                            .numbers(format!(
                                "{} · {} · {} / {}",
                                number(s),
                                number(input.direction),
                                number(observed),
                                number(required.abs())
                            ))
                            .value(r)
                    });
                    progress_value = Some(r);
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
        reason = None;
        (Status::TargetAchieved, Some(target_reached(input, rec)))
    } else if base_equals_target {
        // No growth was required: not having met the target means the series moved away from
        // it (the production code reaches the same through R = -inf).
        reason = None;
        (Status::Deterioration, Some(base_is_target(rec)))
    } else {
        match progress_value {
            None => {
                record_not_assessable(reason.as_deref().unwrap_or("no progress value"), rec);
                (Status::NotAssessable, None)
            }
            Some(p) => {
                let status = status_from_thresholds(p, &thresholds, coefficient, rec);
                let score = match (target, input.thresholds) {
                    (Some(_), None) => target_score_traced(p, RatioSymbol::R, status, rec),
                    (Some(_), Some(t)) => {
                        interpolated_score(p, &t, 0.6, t.high - t.med, status, rec)
                    }
                    (None, None) => trend_score(p, coefficient.unwrap_or(1.0), status, rec),
                    (None, Some(_)) => interpolated_score(
                        p,
                        &thresholds,
                        0.02,
                        (thresholds.high - thresholds.med) / 2.0,
                        status,
                        rec,
                    ),
                };
                (status, Some(score))
            }
        }
    };
    if !target_achieved && is_past_target_year(input) {
        status = Status::TargetNotAchieved;
        record_target_year_passed(input, rec);
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

/// The band of `p` between the thresholds, recorded.
fn status_from_thresholds(
    p: f64,
    t: &Thresholds,
    coefficient: Option<f64>,
    rec: &mut impl Recorder,
) -> Status {
    let band = if coefficient == Some(0.0) && p >= 0.0 {
        // At the natural limit: holding it is all that is possible.
        Status::SubstantialProgress
    } else if at_least(p, t.high) {
        Status::SubstantialProgress
    } else if at_least(p, t.med) {
        Status::ModerateProgress
    } else if at_least(p, t.low) {
        Status::LimitedProgress
    } else {
        Status::Deterioration
    };
    rec.record(|| {
        Step::new(Rule::Thresholds {
            thresholds: *t,
            band,
        })
        .value(p)
    });
    band
}

/// Records a score step with its formula and the formula with the numbers in it.
fn record_score(
    score: f64,
    status: Status,
    formula: &'static str,
    numbers: impl FnOnce() -> String,
    rec: &mut impl Recorder,
) -> f64 {
    rec.record(|| {
        Step::new(Rule::Score { status })
            .formula(formula)
            .numbers(numbers())
            .value(score)
    });
    score
}

/// Score of P without a target; the published production formula.
fn trend_score(p: f64, c: f64, status: Status, rec: &mut impl Recorder) -> f64 {
    let (pn, cn) = (|| number(p), || number(c));
    if p < 0.0 {
        let score = (125.0 * p - 2.5).max(-5.0);
        return record_score(
            score,
            status,
            "max(125P − 2.5, −5)",
            || format!("max(125 · {} − 2.5, −5)", pn()),
            rec,
        );
    }
    if c == 0.0 {
        return record_score(5.0, status, "5 (C = 0)", || "5".to_string(), rec);
    }
    if p >= 0.015 * c {
        let score = (500.0 * p / c - 5.0).min(5.0);
        record_score(
            score,
            status,
            "min(500P / C − 5, 5)",
            || format!("min(500 · {} / {} − 5, 5)", pn(), cn()),
            rec,
        )
    } else if p >= 0.005 * c {
        let score = 250.0 * p / c - 1.25;
        record_score(
            score,
            status,
            "250P / C − 1.25",
            || format!("250 · {} / {} − 1.25", pn(), cn()),
            rec,
        )
    } else {
        let score = 500.0 * p / c - 2.5;
        record_score(
            score,
            status,
            "500P / C − 2.5",
            || format!("500 · {} / {} − 2.5", pn(), cn()),
            rec,
        )
    }
}

/// The ratio a target score is of: R (growth rates) or Q (the straight path); only the
/// symbol in the trace differs.
#[derive(Clone, Copy)]
enum RatioSymbol {
    R,
    Q,
}

/// Score of R (or Q) with a target; the published production formula, whose coefficients are
/// rounded to four decimals (the exact lines would be 50/7 and 30/7 and 25/6).
fn target_score_traced(
    r: f64,
    symbol: RatioSymbol,
    status: Status,
    rec: &mut impl Recorder,
) -> f64 {
    if r >= 0.6 {
        let score = (7.1429 * r - 4.2857).min(5.0);
        let formula = match symbol {
            RatioSymbol::R => "min(7.1429R − 4.2857, 5)",
            RatioSymbol::Q => "min(7.1429Q − 4.2857, 5)",
        };
        record_score(
            score,
            status,
            formula,
            || format!("min(7.1429 · {} − 4.2857, 5)", number(r)),
            rec,
        )
    } else {
        let score = (4.1667 * r - 2.5).max(-5.0);
        let formula = match symbol {
            RatioSymbol::R => "max(4.1667R − 2.5, −5)",
            RatioSymbol::Q => "max(4.1667Q − 2.5, −5)",
        };
        record_score(
            score,
            status,
            formula,
            || format!("max(4.1667 · {} − 2.5, −5)", number(r)),
            rec,
        )
    }
}

/// Score with overridden thresholds: linear between the anchor points the default formulas use,
/// moved to the new thresholds: low - `below` gives -5, low -2.5, med 0, high 2.5, high + `above` 5.
fn interpolated_score(
    p: f64,
    t: &Thresholds,
    below: f64,
    above: f64,
    status: Status,
    rec: &mut impl Recorder,
) -> f64 {
    let points = [
        (t.low - below, -5.0),
        (t.low, -2.5),
        (t.med, 0.0),
        (t.high, 2.5),
        (t.high + above, 5.0),
    ];
    let score = if p <= points[0].0 {
        -5.0
    } else {
        points.windows(2).find(|w| p <= w[1].0).map_or(5.0, |w| {
            let ((x0, y0), (x1, y1)) = (w[0], w[1]);
            if x1 > x0 {
                y0 + (p - x0) * (y1 - y0) / (x1 - x0)
            } else {
                y1
            }
        })
    };
    record_score(
        score,
        status,
        "linear between (low − margin, −5), (low, −2.5), (med, 0), (high, 2.5), (high + margin, 5)",
        || {
            let anchors: Vec<String> = points
                .iter()
                .map(|(x, y)| format!("({}, {})", number(*x), number(*y)))
                .collect();
            format!("{} at {}", anchors.join(", "), number(p))
        },
        rec,
    )
}

/// The straight path from baseline to target: the value expected in year `year`. Beyond the
/// target year the path stays at the target; before the base year there is no path.
pub(crate) fn expected_on_path(
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
    linear_traced(input, &mut NoTrace)
}

/// [`linear`], recording its steps.
pub fn linear_traced(input: &SeriesInput, rec: &mut impl Recorder) -> SeriesOutcome {
    let Some((target, target_year)) = input.target else {
        return open_sdg_traced(input, rec);
    };
    record_inputs(input, Goal::Improve, rec);
    let thresholds = input.thresholds.unwrap_or(TARGET_THRESHOLDS);
    let outcome = |status, score, progress_value, reason: Option<String>, rec: &mut _| {
        let mut o = SeriesOutcome::without_limit(status, score, progress_value, reason, thresholds);
        if status != Status::TargetAchieved && is_past_target_year(input) {
            o.status = Status::TargetNotAchieved;
            record_target_year_passed(input, rec);
        }
        o
    };
    if is_target_achieved(input) {
        let score = target_reached(input, rec);
        return outcome(Status::TargetAchieved, Some(score), None, None, rec);
    }
    let not_assessable = |reason: String, rec: &mut _| {
        record_not_assessable(&reason, rec);
        reason
    };
    if let Some(reason) = not_comparable(
        input.base_year,
        input.base_value,
        input.current_year,
        input.current_value,
    ) {
        let reason = not_assessable(reason, rec);
        return outcome(Status::NotAssessable, None, None, Some(reason), rec);
    }
    if target == input.base_value {
        let score = base_is_target(rec);
        return outcome(Status::Deterioration, Some(score), None, None, rec);
    }
    let Some(expected) = expected_on_path(
        input.base_year,
        input.base_value,
        target_year,
        target,
        input.current_year,
    ) else {
        let reason = not_assessable(
            format!(
                "the target year ({target_year}) is not after the base year ({})",
                input.base_year
            ),
            rec,
        );
        return outcome(Status::NotAssessable, None, None, Some(reason), rec);
    };
    rec.record(|| {
        Step::new(Rule::Expected)
            .formula("y0 + (T − y0) · min(1, (ti − t0) / (tT − t0))")
            .numbers(format!(
                "{} + ({} − {}) · min(1, ({} − {}) / ({} − {}))",
                number(input.base_value),
                number(target),
                number(input.base_value),
                number(input.current_year),
                number(input.base_year),
                number(target_year),
                number(input.base_year)
            ))
            .value(expected)
    });
    let ratio = (input.current_value - input.base_value) / (expected - input.base_value);
    rec.record(|| {
        Step::new(Rule::Covered)
            .formula("(yi − y0) / (expected − y0)")
            .numbers(format!(
                "({} − {}) / ({} − {})",
                number(input.current_value),
                number(input.base_value),
                number(expected),
                number(input.base_value)
            ))
            .value(ratio)
    });
    if !ratio.is_finite() {
        let reason = not_assessable(
            format!(
                "the straight path expects no change by {} (base {}, expected {expected})",
                input.current_year, input.base_value
            ),
            rec,
        );
        return outcome(Status::NotAssessable, None, None, Some(reason), rec);
    }
    let status = status_from_thresholds(ratio, &thresholds, None, rec);
    let score = match input.thresholds {
        None => target_score_traced(ratio, RatioSymbol::Q, status, rec),
        Some(t) => interpolated_score(ratio, &t, 0.6, t.high - t.med, status, rec),
    };
    outcome(status, Some(score), Some(ratio), None, rec)
}

/// Whether a series that should at least stay equal is worse by more than it may be: `worse_by`
/// (−d·(yi − y0)) beyond `allowed` (tolerance·|y0|), where exactly at the tolerance is within it.
pub(crate) fn exceeds_tolerance(worse_by: f64, allowed: f64) -> bool {
    !at_least(allowed, worse_by)
}

/// "At least stays equal": achieved while the latest value is not worse than the base value by
/// more than `tolerance` (a share of the base value); otherwise deterioration, scored like a
/// falling trend.
pub fn maintain(input: &SeriesInput, tolerance: f64) -> SeriesOutcome {
    maintain_traced(input, tolerance, &mut NoTrace)
}

/// [`maintain`], recording its steps.
pub fn maintain_traced(
    input: &SeriesInput,
    tolerance: f64,
    rec: &mut impl Recorder,
) -> SeriesOutcome {
    record_inputs(input, Goal::Maintain, rec);
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
        record_not_assessable(&reason, rec);
        return outcome(Status::NotAssessable, None, None, Some(reason));
    }
    let observed = observed_cagr(input, nonzero(input.base_value), rec);
    let p = growth(input, observed, rec);
    let worse_by = -input.direction * (input.current_value - input.base_value);
    rec.record(|| {
        Step::new(Rule::WorseBy)
            .formula("−d · (yi − y0)")
            .numbers(format!(
                "−({}) · ({} − {})",
                number(input.direction),
                number(input.current_value),
                number(input.base_value)
            ))
            .value(worse_by)
    });
    let allowed = tolerance * input.base_value.abs();
    let exceeded = exceeds_tolerance(worse_by, allowed);
    rec.record(|| {
        Step::new(Rule::Tolerance { exceeded })
            .formula("maintain_tolerance · |y0|")
            .numbers(format!(
                "{} · {}",
                number(tolerance),
                number(input.base_value.abs())
            ))
            .value(allowed)
    });
    if exceeded {
        let score = (125.0 * p.min(0.0) - 2.5).max(-5.0);
        record_score(
            score,
            Status::Deterioration,
            "max(125 · min(P, 0) − 2.5, −5)",
            || format!("max(125 · {} − 2.5, −5)", number(p.min(0.0))),
            rec,
        );
        outcome(Status::Deterioration, Some(score), Some(p), None)
    } else {
        let score = record_constant_score(5.0, Status::TargetAchieved, rec);
        outcome(Status::TargetAchieved, Some(score), Some(p), None)
    }
}

/// The status an aggregate score falls in (the score bands).
pub(crate) fn status_from_score(score: f64, all_targets_achieved: bool) -> Status {
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
