//! How a trace of the method reads: each recorded step ([`crate::assess::trace::Step`]) as one
//! line for people, in the output's language and number style, and as the object the JSON of
//! `show` writes. The numbers are those the method recorded; only the words are added here.

use crate::assess::trace::{number, Rule, Step};
use crate::i18n;
use crate::model::Lang;
use serde::Serialize;

/// A step as the JSON of `show` writes it: the recorded step and what it concludes in words.
#[derive(Debug, Serialize)]
pub(crate) struct StepView<'a> {
    pub name: &'a str,
    #[serde(flatten)]
    pub rule: &'a Rule,
    pub formula: Option<String>,
    pub numbers: Option<String>,
    pub value: Option<f64>,
    pub result: Option<String>,
}

impl<'a> StepView<'a> {
    pub fn new(lang: Lang, step: &'a Step) -> Self {
        StepView {
            name: step.name,
            rule: &step.rule,
            formula: step.formula.map(|f| formula(lang, f).to_string()),
            numbers: numbers(lang, step),
            value: step.value,
            result: result(lang, step),
        }
    }
}

/// "CAGR = (yi / y0)^(1 / (ti − t0)) − 1 = (5.5 / 6.1)^(1 / (2021 − 2018)) − 1 = -0.033934 — ...";
/// a step without a formula shows its numbers: "base: t0 = 2018, y0 = 6.1 — ...".
pub(crate) fn step_text(lang: Lang, step: &Step) -> String {
    let view = StepView::new(lang, step);
    let mut text = name(lang, step.name).to_string();
    match &view.formula {
        Some(f) => {
            text.push_str(&format!(" = {f}"));
            if let Some(n) = view.numbers.as_ref().filter(|n| *n != f) {
                text.push_str(&format!(" = {n}"));
            }
            if let Some(v) = step.value.map(number) {
                if view.numbers.as_deref() != Some(v.as_str()) && *f != v {
                    text.push_str(&format!(" = {v}"));
                }
            }
        }
        None => {
            if let Some(n) = &view.numbers {
                text.push_str(&format!(": {n}"));
            }
        }
    }
    if let Some(r) = &view.result {
        text.push_str(if view.formula.is_some() || view.numbers.is_some() {
            " — "
        } else {
            ": "
        });
        text.push_str(r);
    }
    match lang {
        Lang::En => text,
        // One number style in a Dutch view: decimal commas and the minus sign.
        Lang::Nl => dutch_numbers(&text),
    }
}

/// `en` or `nl`, as `lang` reads.
fn tr(lang: Lang, en: &'static str, nl: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Nl => nl,
    }
}

/// The name of a step as a person reads it; the names stay English in JSON (`name`).
fn name(lang: Lang, name: &'static str) -> &'static str {
    if lang == Lang::En {
        return name;
    }
    match name {
        "base" => "basis",
        "latest" => "laatste meting",
        "direction" => "richting",
        "required CAGR" => "vereiste CAGR",
        "expected" => "verwacht",
        "base = target" => "basis = doel",
        "thresholds" => "drempels",
        "target reached" => "doel gehaald",
        "worse by" => "slechter met",
        "tolerance" => "tolerantie",
        "target year" => "doeljaar",
        "manual" => "handmatig",
        other => other,
    }
}

/// A formula in symbols; the few that hold words are translated.
fn formula(lang: Lang, formula: &'static str) -> &'static str {
    if lang == Lang::En {
        return formula;
    }
    match formula {
        "s · d · CAGR / |required CAGR|" => "s · d · CAGR / |vereiste CAGR|",
        "(yi − y0) / (expected − y0)" => "(yi − y0) / (verwacht − y0)",
        "linear between (low − margin, −5), (low, −2.5), (med, 0), (high, 2.5), (high + margin, 5)" => {
            "lineair tussen (laag − marge, −5), (laag, −2.5), (midden, 0), (hoog, 2.5), (hoog + marge, 5)"
        }
        other => other,
    }
}

/// The formula with its numbers; the thresholds step lists the three thresholds by name.
fn numbers(lang: Lang, step: &Step) -> Option<String> {
    if let Rule::Thresholds { thresholds: t, .. } = &step.rule {
        let (high, med, low) = threshold_names(lang);
        return Some(format!(
            "{high} = {}, {med} = {}, {low} = {}",
            number(t.high),
            number(t.med),
            number(t.low)
        ));
    }
    step.numbers.clone()
}

fn threshold_names(lang: Lang) -> (&'static str, &'static str, &'static str) {
    (
        tr(lang, "high", "hoog"),
        tr(lang, "med", "midden"),
        tr(lang, "low", "laag"),
    )
}

fn status_word(lang: Lang, status: crate::model::Status) -> String {
    i18n::status(lang, status).to_lowercase()
}

/// What a step concludes, in words.
fn result(lang: Lang, step: &Step) -> Option<String> {
    let w = |en, nl| Some(tr(lang, en, nl).to_string());
    match &step.rule {
        Rule::NoDirection => w(
            "no desired direction: no status and no score; the change and the rank among the areas are reported",
            "geen gewenste richting: geen status en geen score; de verandering en de rang tussen de gebieden worden getoond",
        ),
        Rule::NotAssessable { reason } => Some(format!(
            "{}: {reason}",
            tr(lang, "not assessable", "niet te beoordelen")
        )),
        Rule::Base => w(
            "the value in the base year (or the first later one)",
            "de waarde in het basisjaar (of de eerste daarna)",
        ),
        Rule::Latest => w(
            "the latest value up to the report year",
            "de laatste waarde tot en met het verslagjaar",
        ),
        Rule::Direction { direction, goal } => Some(format!(
            "{} ({})",
            tr(
                lang,
                "d = +1 when an increase is desired, −1 for a decrease; s = −1 when y0 < 0",
                "d = +1 als een toename gewenst is, −1 bij een afname; s = −1 als y0 < 0",
            ),
            i18n::direction(lang, *direction, *goal)
        )),
        Rule::Cagr => w(
            "the compound annual growth rate from base to latest",
            "de gemiddelde jaarlijkse groei van basis tot laatste meting",
        ),
        Rule::Growth => w(
            "the growth in the desired direction",
            "de groei in de gewenste richting",
        ),
        Rule::RequiredCagr => w(
            "the growth rate that reaches the target in its year",
            "de groei die het doel in het doeljaar haalt",
        ),
        Rule::Ratio => w(
            "the observed growth over the growth the target requires",
            "de waargenomen groei gedeeld door de groei die het doel vraagt",
        ),
        Rule::Expected => w(
            "the value the straight path from base to target gives for ti",
            "de waarde die het rechte pad van basis naar doel voor ti geeft",
        ),
        Rule::Covered => w(
            "the share of the expected distance covered",
            "het deel van de verwachte afstand dat is afgelegd",
        ),
        Rule::BaseIsTarget => w(
            "the base value equals the target and the target is not reached: deterioration",
            "de basiswaarde is gelijk aan het doel en het doel is niet gehaald: verslechtering",
        ),
        Rule::Coefficient => w(
            "the limit coefficient: the thresholds are scaled by C near the natural limit",
            "de grenscoëfficiënt: bij de natuurlijke grens worden de drempels met C verkleind",
        ),
        Rule::Thresholds { band, .. } => {
            let (high, med, low) = threshold_names(lang);
            let value = step.value.unwrap_or_default();
            let bound = match band {
                crate::model::Status::SubstantialProgress => format!("≥ {high}"),
                crate::model::Status::ModerateProgress => format!("≥ {med}"),
                crate::model::Status::LimitedProgress => format!("≥ {low}"),
                _ => format!("< {low}"),
            };
            Some(format!(
                "{} {bound}: {}",
                number(value),
                status_word(lang, *band)
            ))
        }
        Rule::Score { status } => Some(format!("status: {}", status_word(lang, *status))),
        Rule::TargetReached => w(
            "the target is reached in the desired direction: target achieved, whatever the trend",
            "het doel is in de gewenste richting gehaald: doel bereikt, wat de trend ook is",
        ),
        Rule::WorseBy => None,
        Rule::Tolerance { exceeded: true } => w(
            "worse by more than the tolerance: deterioration",
            "meer verslechterd dan de tolerantie: verslechtering",
        ),
        Rule::Tolerance { exceeded: false } => w(
            "not worse by more than the tolerance: the goal \"at least stays equal\" is met",
            "niet meer verslechterd dan de tolerantie: het doel 'blijft minimaal gelijk' is gehaald",
        ),
        Rule::TargetYearPassed => w(
            "the target year has passed without the target: target not achieved (the score stays the method's)",
            "het doeljaar is voorbij zonder het doel: doel niet gehaald (de score blijft die van de methode)",
        ),
        Rule::Manual {
            status,
            computed,
            reason,
        } => {
            let score = match step.value {
                Some(v) => format!(
                    "score {} ({})",
                    number(v),
                    tr(lang, "the middle of its band", "het midden van de band")
                ),
                None => tr(
                    lang,
                    "no score (it stays out of the aggregates)",
                    "geen score (telt niet mee in de gemiddelden)",
                )
                .to_string(),
            };
            Some(format!(
                "{} {} ({}: {}): {reason}; {score}",
                tr(lang, "set by hand to", "met de hand vastgesteld op"),
                status_word(lang, *status),
                tr(lang, "computed", "berekend"),
                status_word(lang, *computed),
            ))
        }
    }
}

/// `text` with decimal points between digits as commas and a minus before a number as `−`,
/// leaving names (`y0`, `tT`) and symbols alone.
pub(crate) fn dutch_numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        match c {
            '.' if digit(before) && digit(after) => out.push(','),
            '-' if digit(after) && !before.is_some_and(|b| b.is_alphanumeric()) => out.push('−'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_numbers_in_formulas() {
        assert_eq!(
            dutch_numbers("(86 / 79)^(1 / (2021 − 2017)) − 1 = 0.021452, s = -1, y0 = -10.5"),
            "(86 / 79)^(1 / (2021 − 2017)) − 1 = 0,021452, s = −1, y0 = −10,5"
        );
        assert_eq!(
            dutch_numbers("min(7.1429R − 4.2857, 5), t0 = 2017"),
            "min(7,1429R − 4,2857, 5), t0 = 2017"
        );
    }

    #[test]
    fn every_step_reads_in_both_languages() {
        let step = Step::new(Rule::Thresholds {
            thresholds: crate::model::Thresholds {
                high: 0.95,
                med: 0.6,
                low: 0.0,
            },
            band: crate::model::Status::ModerateProgress,
        })
        .value(0.755);
        assert_eq!(
            step_text(Lang::En, &step),
            "thresholds: high = 0.95, med = 0.6, low = 0 — 0.755 ≥ med: progress, acceleration needed"
        );
        assert_eq!(
            step_text(Lang::Nl, &step),
            "drempels: hoog = 0,95, midden = 0,6, laag = 0 — 0,755 ≥ midden: vooruitgang, versnelling nodig"
        );
    }
}
