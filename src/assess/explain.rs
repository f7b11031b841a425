//! How a row's status was computed, step by step, with the numbers put into the formulas of the
//! method (see the parent module). Each step's value is recomputed here with the same functions
//! the assessment uses, so `ontrack show` can be checked by hand against the row it explains.

use super::progress::{self, TARGET_THRESHOLDS, TREND_THRESHOLDS};
use super::Row;
use crate::i18n::Lang;
use crate::model::{Direction, Goal, Method, Status};
use serde::Serialize;

/// One step of the calculation.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    /// What the step computes ("CAGR", "P", "status").
    pub name: String,
    /// The formula in symbols, where there is one.
    pub formula: Option<String>,
    /// The formula with the row's numbers in it.
    pub numbers: Option<String>,
    /// The value computed, where the step gives a number.
    pub value: Option<f64>,
    /// What the step concludes, in words.
    pub result: Option<String>,
}

fn step(name: &str) -> Step {
    Step {
        name: name.to_string(),
        formula: None,
        numbers: None,
        value: None,
        result: None,
    }
}

impl Step {
    fn formula(mut self, f: impl Into<String>) -> Self {
        self.formula = Some(f.into());
        self
    }
    fn numbers(mut self, n: impl Into<String>) -> Self {
        self.numbers = Some(n.into());
        self
    }
    fn value(mut self, v: f64) -> Self {
        self.value = Some(v);
        self
    }
    fn result(mut self, r: impl Into<String>) -> Self {
        self.result = Some(r.into());
        self
    }
}

/// A number as the steps write it: up to six significant decimals, no trailing zeros.
pub fn n(v: f64) -> String {
    if v == v.trunc() && v.abs() < 1e15 {
        return format!("{}", v as i64);
    }
    let text = format!("{v:.6}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// `en` or `nl`, as `lang` reads.
fn tr(lang: Lang, en: &'static str, nl: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Nl => nl,
    }
}

/// The steps that lead to `row.status` and `row.score`. `tolerance` is the monitor's
/// `maintain_tolerance`; the words of each step are in `lang` (step names, formulas and numbers
/// stay as they are, for scripts; a view writes the numbers in its language's style).
pub fn explain(row: &Row, tolerance: f64, lang: Lang) -> Vec<Step> {
    let w = |en, nl| tr(lang, en, nl);
    let mut steps = Vec::new();
    if row.direction == Direction::None {
        steps.push(
            step("status")
                .result(w("no desired direction: no status and no score; the change and the rank among the areas are reported", "geen gewenste richting: geen status en geen score; de verandering en de rang tussen de gebieden worden getoond")),
        );
        push_manual(row, &mut steps, lang);
        return steps;
    }
    let Some(inputs) = &row.inputs else {
        steps.push(step("status").result(format!(
            "{}: {}",
            w("not assessable", "niet te beoordelen"),
            row.reason
                .as_deref()
                .unwrap_or(w("no values", "geen waarden"))
        )));
        push_manual(row, &mut steps, lang);
        return steps;
    };
    let (t0, y0, ti, yi) = (
        f64::from(inputs.base_year),
        inputs.base_value,
        f64::from(inputs.current_year),
        inputs.current_value,
    );
    let d = row.direction.sign().unwrap_or(1.0);
    let s = if y0 < 0.0 { -1.0 } else { 1.0 };
    steps.push(
        step("base")
            .numbers(format!("t0 = {}, y0 = {}", inputs.base_year, n(y0)))
            .value(y0)
            .result(w(
                "the value in the base year (or the first later one)",
                "de waarde in het basisjaar (of de eerste daarna)",
            )),
    );
    steps.push(
        step("latest")
            .numbers(format!("ti = {}, yi = {}", inputs.current_year, n(yi)))
            .value(yi)
            .result(w(
                "the latest value up to the report year",
                "de laatste waarde tot en met het verslagjaar",
            )),
    );
    steps.push(
        step("direction")
            .numbers(format!("d = {}, s = {}", n(d), n(s)))
            .result(format!(
                "{} ({})",
                w(
                    "d = +1 when an increase is desired, −1 for a decrease; s = −1 when y0 < 0",
                    "d = +1 als een toename gewenst is, −1 bij een afname; s = −1 als y0 < 0"
                ),
                crate::i18n::direction(lang, row.direction, row.goal)
            )),
    );
    let computed = row
        .manual
        .as_ref()
        .map_or(row.status, |m| m.computed_status);
    let computed_score = row.manual.as_ref().map_or(row.score, |m| m.computed_score);
    if let Some(reason) = row.reason.as_deref().filter(|_| computed_score.is_none()) {
        let word = if computed == Status::TargetNotAchieved {
            w(
                "target not achieved (the target year has passed and the target is not met), without a score",
                "doel niet gehaald (het doeljaar is voorbij en het doel is niet gehaald), zonder score",
            )
        } else {
            w("not assessable", "niet te beoordelen")
        };
        steps.push(step("status").result(format!("{word}: {reason}")));
        push_manual(row, &mut steps, lang);
        return steps;
    }
    // The value 0 cannot be a base of growth rates: the method replaces it by 0.001.
    let y0g = progress::nonzero(y0);
    let observed = progress::cagr(y0g, yi, t0, ti);
    let cagr_step = || {
        step("CAGR")
            .formula("(yi / y0)^(1 / (ti − t0)) − 1")
            .numbers(format!("({} / {})^(1 / ({ti} − {t0})) − 1", n(yi), n(y0g)))
            .value(observed)
            .result(w(
                "the compound annual growth rate from base to latest",
                "de gemiddelde jaarlijkse groei van basis tot laatste meting",
            ))
    };

    // CAGR and P = s·d·CAGR: the growth in the desired direction (trend and maintain rules).
    let growth_steps = || {
        [
            cagr_step(),
            step("P")
                .formula("s · d · CAGR")
                .numbers(format!("{} · {} · {}", n(s), n(d), n(observed)))
                .value(s * d * observed)
                .result(w(
                    "the growth in the desired direction",
                    "de groei in de gewenste richting",
                )),
        ]
    };
    match (row.goal, row.method, inputs.target) {
        (Goal::Maintain, _, _) => {
            let p = s * d * observed;
            steps.extend(growth_steps());
            let worse_by = -d * (yi - y0);
            let allowed = tolerance * y0.abs();
            steps.push(
                step("worse by")
                    .formula("−d · (yi − y0)")
                    .numbers(format!("−({}) · ({} − {})", n(d), n(yi), n(y0)))
                    .value(worse_by),
            );
            steps.push(
                step("tolerance")
                    .formula("maintain_tolerance · |y0|")
                    .numbers(format!("{} · {}", n(tolerance), n(y0.abs())))
                    .value(allowed)
                    .result(if progress::exceeds_tolerance(worse_by, allowed) {
                        w(
                            "worse by more than the tolerance: deterioration",
                            "meer verslechterd dan de tolerantie: verslechtering",
                        )
                    } else {
                        w(
                            "not worse by more than the tolerance: the goal \"at least stays equal\" is met",
                            "niet meer verslechterd dan de tolerantie: het doel 'blijft minimaal gelijk' is gehaald",
                        )
                    }),
            );
            if progress::exceeds_tolerance(worse_by, allowed) {
                push_score(
                    &mut steps,
                    "max(125 · min(P, 0) − 2.5, −5)",
                    format!("max(125 · {} − 2.5, −5)", n(p.min(0.0))),
                    row,
                    lang,
                );
            } else {
                push_score(&mut steps, "5", "5".to_string(), row, lang);
            }
        }
        (Goal::Improve, Some(Method::Linear), Some(t)) if computed == Status::TargetAchieved => {
            push_target_reached(&mut steps, row, d, yi, t, lang);
        }
        (Goal::Improve, Some(Method::Linear), Some(t)) => {
            let ty = f64::from(inputs.target_year.unwrap_or(0));
            let expected = progress::expected_on_path(t0, y0, ty, t, ti);
            if let Some(e) = expected {
                steps.push(
                    step("expected")
                        .formula("y0 + (T − y0) · min(1, (ti − t0) / (tT − t0))")
                        .numbers(format!(
                            "{} + ({} − {}) · min(1, ({ti} − {t0}) / ({ty} − {t0}))",
                            n(y0),
                            n(t),
                            n(y0)
                        ))
                        .value(e)
                        .result(w(
                            "the value the straight path from base to target gives for ti",
                            "de waarde die het rechte pad van basis naar doel voor ti geeft",
                        )),
                );
                if t == y0 {
                    steps.push(step("Q").result(w(
                        "the base value equals the target and the target is not reached: deterioration",
                        "de basiswaarde is gelijk aan het doel en het doel is niet gehaald: verslechtering",
                    )));
                } else {
                    let q = (yi - y0) / (e - y0);
                    steps.push(
                        step("Q")
                            .formula("(yi − y0) / (expected − y0)")
                            .numbers(format!("({} − {}) / ({} − {})", n(yi), n(y0), n(e), n(y0)))
                            .value(q)
                            .result(w(
                                "the share of the expected distance covered",
                                "het deel van de verwachte afstand dat is afgelegd",
                            )),
                    );
                    push_thresholds(&mut steps, row, q, lang);
                    push_target_score(&mut steps, row, q, lang);
                }
            }
        }
        (Goal::Improve, _, Some(t))
            if computed == Status::TargetAchieved
                && progress::target_not_comparable(y0, progress::nonzero(t)).is_some() =>
        {
            // No growth rate reaches a target across zero; reaching it is all that counts.
            push_target_reached(&mut steps, row, d, yi, t, lang);
        }
        (Goal::Improve, _, Some(t)) => {
            let tg = progress::nonzero(t);
            let ty = f64::from(inputs.target_year.unwrap_or(0));
            steps.push(cagr_step());
            let required = progress::cagr(y0g, tg, t0, ty);
            steps.push(
                step("required CAGR")
                    .formula("(T / y0)^(1 / (tT − t0)) − 1")
                    .numbers(format!("({} / {})^(1 / ({ty} − {t0})) − 1", n(tg), n(y0g)))
                    .value(required)
                    .result(w(
                        "the growth rate that reaches the target in its year",
                        "de groei die het doel in het doeljaar haalt",
                    )),
            );
            if required == 0.0 && computed == Status::TargetAchieved {
                push_target_reached(&mut steps, row, d, yi, t, lang);
            } else if required == 0.0 {
                steps.push(step("R").result(w(
                    "the base value equals the target and the target is not reached: deterioration",
                    "de basiswaarde is gelijk aan het doel en het doel is niet gehaald: verslechtering",
                )));
                push_score(&mut steps, "−5", "−5".to_string(), row, lang);
            } else {
                let r = s * d * observed / required.abs();
                steps.push(
                    step("R")
                        .formula("s · d · CAGR / |required CAGR|")
                        .numbers(format!(
                            "{} · {} · {} / {}",
                            n(s),
                            n(d),
                            n(observed),
                            n(required.abs())
                        ))
                        .value(r)
                        .result(w(
                            "the observed growth over the growth the target requires",
                            "de waargenomen groei gedeeld door de groei die het doel vraagt",
                        )),
                );
                if computed == Status::TargetAchieved {
                    push_target_reached(&mut steps, row, d, yi, t, lang);
                } else {
                    push_thresholds(&mut steps, row, r, lang);
                    push_target_score(&mut steps, row, r, lang);
                }
            }
        }
        (Goal::Improve, _, None) => {
            let p = s * d * observed;
            steps.extend(growth_steps());
            let c = inputs.coefficient;
            if let (Some(c), Some(limit)) = (c, inputs.limit) {
                let (b, l) = (y0.abs(), limit.abs());
                let (formula, numbers) = if b >= 2.0 * l {
                    (
                        w("1 (when b ≥ 2L)", "1 (als b ≥ 2L)").to_string(),
                        "1".to_string(),
                    )
                } else if b <= l {
                    (
                        "1 − (b / L)^4.44".to_string(),
                        format!("1 − ({} / {})^4.44", n(b), n(l)),
                    )
                } else {
                    (
                        "1 − ((2L − b) / L)^4.44".to_string(),
                        format!("1 − ((2 · {} − {}) / {})^4.44", n(l), n(b), n(l)),
                    )
                };
                steps.push(step("C").formula(formula).numbers(numbers).value(c).result(w(
                    "the limit coefficient: the thresholds are scaled by C near the natural limit",
                    "de grenscoëfficiënt: bij de natuurlijke grens worden de drempels met C verkleind",
                )));
            }
            push_thresholds(&mut steps, row, p, lang);
            let cc = c.unwrap_or(1.0);
            if row.thresholds_are_default(TREND_THRESHOLDS, c) {
                let (formula, numbers) = if p < 0.0 {
                    (
                        "max(125P − 2.5, −5)".to_string(),
                        format!("max(125 · {} − 2.5, −5)", n(p)),
                    )
                } else if cc == 0.0 {
                    (
                        w("5 (at the limit)", "5 (op de grens)").to_string(),
                        "5".to_string(),
                    )
                } else if p < 0.005 * cc {
                    (
                        "500P / C − 2.5".to_string(),
                        format!("500 · {} / {} − 2.5", n(p), n(cc)),
                    )
                } else if p < 0.015 * cc {
                    (
                        "250P / C − 1.25".to_string(),
                        format!("250 · {} / {} − 1.25", n(p), n(cc)),
                    )
                } else {
                    (
                        "min(500P / C − 5, 5)".to_string(),
                        format!("min(500 · {} / {} − 5, 5)", n(p), n(cc)),
                    )
                };
                push_score(&mut steps, &formula, numbers, row, lang);
            } else {
                push_interpolated(&mut steps, row, lang);
            }
        }
    }
    if computed == Status::TargetNotAchieved {
        steps.push(
            step("target year")
                .formula(w(
                    "ti ≥ tT and the target is not reached",
                    "ti ≥ tT en het doel is niet gehaald",
                ))
                .numbers(format!(
                    "{} ≥ {}",
                    inputs.current_year,
                    inputs.target_year.unwrap_or_default()
                ))
                .result(w(
                    "the target year has passed without the target: target not achieved (the score stays the method's)",
                    "het doeljaar is voorbij zonder het doel: doel niet gehaald (de score blijft die van de methode)",
                )),
        );
    }
    push_manual(row, &mut steps, lang);
    steps
}

impl Row {
    /// Whether the thresholds used are the method's defaults (scaled by `c` where a limit is).
    fn thresholds_are_default(&self, defaults: crate::model::Thresholds, c: Option<f64>) -> bool {
        let c = c.unwrap_or(1.0);
        self.thresholds.is_some_and(|t| {
            t.high == defaults.high * c && t.med == defaults.med * c && t.low == defaults.low * c
        })
    }
}

/// Reaching the target in the desired direction is "target achieved", whatever the trend.
fn push_target_reached(steps: &mut Vec<Step>, row: &Row, d: f64, yi: f64, t: f64, lang: Lang) {
    steps.push(
        step("target reached")
            .formula("d · (yi − T) ≥ 0")
            .numbers(format!("{} · ({} − {})", n(d), n(yi), n(t)))
            .value(d * (yi - t))
            .result(tr(
                lang,
                "the target is reached in the desired direction: target achieved, whatever the trend",
                "het doel is in de gewenste richting gehaald: doel bereikt, wat de trend ook is",
            )),
    );
    push_score(steps, "5", "5".to_string(), row, lang);
}

fn push_thresholds(steps: &mut Vec<Step>, row: &Row, value: f64, lang: Lang) {
    let Some(t) = row.thresholds else { return };
    let (high, med, low) = (
        tr(lang, "high", "hoog"),
        tr(lang, "med", "midden"),
        tr(lang, "low", "laag"),
    );
    let (bound, status) = if progress::at_least(value, t.high) {
        (format!("≥ {high}"), Status::SubstantialProgress)
    } else if progress::at_least(value, t.med) {
        (format!("≥ {med}"), Status::ModerateProgress)
    } else if progress::at_least(value, t.low) {
        (format!("≥ {low}"), Status::LimitedProgress)
    } else {
        (format!("< {low}"), Status::Deterioration)
    };
    steps.push(
        step("thresholds")
            .numbers(format!(
                "{high} = {}, {med} = {}, {low} = {}",
                n(t.high),
                n(t.med),
                n(t.low)
            ))
            .result(format!(
                "{} {bound}: {}",
                n(value),
                crate::i18n::status(lang, status).to_lowercase()
            )),
    );
}

fn push_target_score(steps: &mut Vec<Step>, row: &Row, r: f64, lang: Lang) {
    if !row.thresholds_are_default(TARGET_THRESHOLDS, None) {
        push_interpolated(steps, row, lang);
    } else if r >= 0.6 {
        push_score(
            steps,
            "min(7.1429R − 4.2857, 5)",
            format!("min(7.1429 · {} − 4.2857, 5)", n(r)),
            row,
            lang,
        );
    } else {
        push_score(
            steps,
            "max(4.1667R − 2.5, −5)",
            format!("max(4.1667 · {} − 2.5, −5)", n(r)),
            row,
            lang,
        );
    }
}

fn push_interpolated(steps: &mut Vec<Step>, row: &Row, lang: Lang) {
    push_score(
        steps,
        tr(
            lang,
            "linear between the anchor points moved to the indicator's own thresholds",
            "lineair tussen de ankerpunten, verschoven naar de eigen drempels van de indicator",
        ),
        tr(
            lang,
            "low − margin → −5, low → −2.5, med → 0, high → 2.5, high + margin → 5",
            "laag − marge → −5, laag → −2.5, midden → 0, hoog → 2.5, hoog + marge → 5",
        )
        .to_string(),
        row,
        lang,
    );
}

fn push_score(steps: &mut Vec<Step>, formula: &str, numbers: String, row: &Row, lang: Lang) {
    let mut s = step("score").formula(formula).numbers(numbers);
    // The method's score; a manual status replaces it afterwards (see the manual step).
    if let Some(score) = row.manual.as_ref().map_or(row.score, |m| m.computed_score) {
        s = s.value(score);
    }
    let status = row
        .manual
        .as_ref()
        .map_or(row.status, |m| m.computed_status);
    steps.push(s.result(format!(
        "status: {}",
        crate::i18n::status(lang, status).to_lowercase()
    )));
}

fn push_manual(row: &Row, steps: &mut Vec<Step>, lang: Lang) {
    if let Some(m) = &row.manual {
        let score = match row.score {
            Some(v) => format!(
                "score {} ({})",
                n(v),
                tr(lang, "the middle of its band", "het midden van de band")
            ),
            None => tr(
                lang,
                "no score (it stays out of the aggregates)",
                "geen score (telt niet mee in de gemiddelden)",
            )
            .to_string(),
        };
        let status = |s| crate::i18n::status(lang, s).to_lowercase();
        let mut manual = step("manual").result(format!(
            "{} {} ({}: {}): {}; {score}",
            tr(lang, "set by hand to", "met de hand vastgesteld op"),
            status(row.status),
            tr(lang, "computed", "berekend"),
            status(m.computed_status),
            m.reason
        ));
        if let Some(v) = row.score {
            manual = manual.value(v);
        }
        steps.push(manual);
    }
}

#[cfg(test)]
mod tests {
    use super::n;

    #[test]
    fn numbers_are_short_and_exact_enough() {
        assert_eq!(n(5.0), "5");
        assert_eq!(n(-0.0339), "-0.0339");
        assert_eq!(n(1.0 / 3.0), "0.333333");
        assert_eq!(n(-0.0000001), "0");
    }
}
