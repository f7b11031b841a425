//! The report's sentences, in Dutch and English: leads, captions, the notes after a target
//! year, the text alternative of a chart, and the two method annexes (one in plain words with an
//! example from the data, one technical). Every number in them comes from the assessment.

use super::build::{code, paragraph, small, strong};
use super::{unbroken, Align, Block, Cell, Column, Section, Table, TableRow};
use crate::assess::compare::Comparison;
use crate::assess::{Aggregate, Assessment, Row};
use crate::i18n::{self, Label, Lang};
use crate::model::{Goal, Method, Status};
use crate::render::value_text;

fn num(lang: Lang, v: f64, decimals: usize) -> String {
    i18n::number(lang, v, decimals)
}

pub(super) fn method_name(lang: Lang, method: Method) -> &'static str {
    match (lang, method) {
        (Lang::Nl, Method::OpenSdg) => "Open SDG / Statistics Canada voortgangsmethode",
        (Lang::En, Method::OpenSdg) => "Open SDG / Statistics Canada progress methodology",
        (Lang::Nl, Method::Linear) => "Lineair pad van nulmeting naar doel",
        (Lang::En, Method::Linear) => "Straight path from baseline to target",
    }
}

fn status_lower(lang: Lang, s: Status) -> String {
    i18n::status(lang, s).to_lowercase()
}

pub(super) fn summary_lead(a: &Assessment, lang: Lang) -> String {
    let plan = &a.aggregates.plan;
    let n = a.aggregates.indicators.len();
    let basis = i18n::plan_basis(lang, a.aggregates.plan_of, plan.scored);
    let weigh = match (lang, a.aggregates.plan_of) {
        (Lang::Nl, crate::model::Aggregation::Indicator) => "elke indicator telt even zwaar",
        (Lang::Nl, crate::model::Aggregation::Theme) => {
            "elk speerpunt telt even zwaar, hoeveel indicatoren het ook heeft"
        }
        (Lang::En, crate::model::Aggregation::Indicator) => "every indicator weighs the same",
        (Lang::En, crate::model::Aggregation::Theme) => {
            "every theme weighs the same, however many indicators it has"
        }
    };
    let score = unbroken(&crate::render::optional_number(lang, plan.score, 2));
    let (indicators, stand) = match (lang, n) {
        (Lang::Nl, 1) => ("de indicator".to_string(), "staat"),
        (Lang::Nl, _) => (format!("de {n} indicatoren"), "staan"),
        (Lang::En, 1) => ("the indicator".to_string(), "stands"),
        (Lang::En, _) => (format!("the {n} indicators"), "stand"),
    };
    match lang {
        Lang::Nl => format!(
            "Dit verslag laat zien hoe {indicators} van de beleidsvisie er in {} voor {stand}, vergeleken met de nulmeting en, waar er een is, het doel. De hele beleidsvisie: {} (score {score} op een schaal van −5 tot 5, het {basis}; {weigh}).",
            a.year,
            status_lower(lang, plan.status)
        ),
        Lang::En => format!(
            "This report shows where {indicators} of the plan {stand} in {}, compared with the baseline and, where there is one, the target. The plan as a whole: {} (score {score} on a scale from −5 to 5, the {basis}; {weigh}).",
            a.year,
            status_lower(lang, plan.status)
        ),
    }
}

/// What changes once a target year has passed, when it has for any indicator.
pub(super) fn target_years_passed(a: &Assessment, lang: Lang) -> Option<String> {
    // Found in one pass over the rows, not one per indicator.
    let passed: std::collections::HashSet<&str> = a
        .indicators
        .iter()
        .filter(|r| !r.peer && target_year_passed(r))
        .map(|r| r.id)
        .collect();
    let closed: Vec<&Aggregate> = a
        .aggregates
        .indicators
        .iter()
        .filter(|agg| passed.contains(agg.id.as_str()))
        .collect();
    if closed.is_empty() {
        return None;
    }
    let met = closed
        .iter()
        .filter(|x| x.status == Status::TargetAchieved)
        .count();
    let missed = closed
        .iter()
        .filter(|x| x.status == Status::TargetNotAchieved)
        .count();
    let n = closed.len();
    Some(match lang {
        Lang::Nl => format!(
            "Voor {n} {} is het doeljaar voorbij. Vanaf het doeljaar telt niet meer de trend maar de uitkomst: het doel is gehaald of niet gehaald. Gehaald: {met}; niet gehaald: {missed} (status ‘doel niet gehaald’). De score blijft die van de trend, zodat een doel dat bijna gehaald is anders meetelt dan een doel dat ver weg bleef.",
            if n == 1 { "indicator" } else { "indicatoren" },
        ),
        Lang::En => format!(
            "For {n} {} the target year has passed. From the target year on, the outcome counts instead of the trend: the target was achieved or not achieved. Achieved: {met}; not achieved: {missed} (status ‘target not achieved’). The score stays that of the trend, so that a target nearly met counts differently from one that stayed far off.",
            if n == 1 { "indicator" } else { "indicators" }
        ),
    })
}

/// The latest value is of the target year or later.
fn target_year_passed(r: &Row) -> bool {
    match (&r.target, &r.latest) {
        (Some(t), Some(l)) => l.period.year() >= t.year,
        _ => false,
    }
}

pub(super) fn counts_caption(lang: Lang, counted: usize) -> String {
    match lang {
        Lang::Nl => format!("Aantal indicatoren per status (samen {counted})"),
        Lang::En => format!("Number of indicators per status ({counted} in all)"),
    }
}

pub(super) fn summary_table_lead(lang: Lang, counted: usize, extra: usize) -> String {
    match (lang, extra) {
        (Lang::Nl, 0) => format!("De tabel hieronder heeft één regel per indicator: samen {counted}, zoals geteld."),
        (Lang::Nl, _) => format!("De tabel hieronder heeft één regel per indicator ({counted}, zoals geteld). Daaronder ingesprongen staan {extra} reeksen en vergelijkingsgemeenten; die tellen niet apart mee, de vergelijkingsgemeenten nooit."),
        (Lang::En, 0) => format!("The table below has one line per indicator: {counted} in all, as counted."),
        (Lang::En, _) => format!("The table below has one line per indicator ({counted}, as counted). Indented under them are {extra} series and peer areas; they are not counted separately, peer areas never."),
    }
}

pub(super) fn overview_caption(lang: Lang, year: i32) -> String {
    match lang {
        Lang::Nl => format!("Stand van elke indicator in {year}, per speerpunt"),
        Lang::En => format!("Where every indicator stands in {year}, by theme"),
    }
}

pub(super) fn changes_heading(lang: Lang, from: i32) -> String {
    match lang {
        Lang::Nl => format!("Wat is er veranderd sinds {from}"),
        Lang::En => format!("What changed since {from}"),
    }
}

pub(super) fn changes_lead(c: &Comparison, lang: Lang) -> String {
    let s = &c.summary;
    let plan = &c.aggregates[0];
    let from = unbroken(&crate::render::optional_number(lang, plan.from.score, 2));
    let to = unbroken(&crate::render::optional_number(lang, plan.to.score, 2));
    match lang {
        Lang::Nl => format!(
            "Vergeleken met het verslag over {}: van de {} reeksen werden er {} beter, {} slechter en bleven er {} gelijk; {} werden nu voor het eerst te beoordelen en {} niet meer. Er kwamen {} nieuwe metingen binnen ({} eerste), bij {} ontbreekt een nieuwe meting. De hele beleidsvisie ging van {} (score {from}) naar {} (score {to}).",
            c.from, s.rows, s.better, s.worse, s.same, s.assessed, s.unassessed, s.new + s.first, s.first, s.missing,
            status_lower(lang, plan.from.status), status_lower(lang, plan.to.status)
        ),
        Lang::En => format!(
            "Compared with the report on {}: of the {} series, {} got better, {} worse and {} stayed the same; {} became assessable and {} no longer were. {} new values came in ({} first ones); {} lack a new value. The plan as a whole went from {} (score {from}) to {} (score {to}).",
            c.from, s.rows, s.better, s.worse, s.same, s.assessed, s.unassessed, s.new + s.first, s.first, s.missing,
            status_lower(lang, plan.from.status), status_lower(lang, plan.to.status)
        ),
    }
}

pub(super) fn worse_lead(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (Lang::Nl, 1) => "Eén reeks staat er slechter voor dan vorig jaar:".to_string(),
        (Lang::Nl, _) => format!("{n} reeksen staan er slechter voor dan vorig jaar:"),
        (Lang::En, 1) => "One series is worse off than last year:".to_string(),
        (Lang::En, _) => format!("{n} series are worse off than last year:"),
    }
}

pub(super) fn nothing_changed(lang: Lang) -> String {
    match lang {
        Lang::Nl => "Geen status veranderde en geen reeks kreeg een eerste meting of miste er een."
            .to_string(),
        Lang::En => {
            "No status changed and no series got its first value or missed one.".to_string()
        }
    }
}

pub(super) fn changes_caption(lang: Lang, from: i32, to: i32) -> String {
    match lang {
        Lang::Nl => format!(
            "Reeksen met een andere status, een eerste of een ontbrekende meting, {from} en {to}"
        ),
        Lang::En => {
            format!("Series with another status, a first or a missing value, {from} and {to}")
        }
    }
}

pub(super) fn themes_heading(lang: Lang) -> String {
    match lang {
        Lang::Nl => "Resultaten per speerpunt".to_string(),
        Lang::En => "Results by theme".to_string(),
    }
}

pub(super) fn themes_lead(lang: Lang) -> String {
    match lang {
        Lang::Nl => "Per speerpunt: het beleidsdoel en de stand, en per indicator de cijfers van elke reeks en een grafiek van de metingen met de nulmeting (omcirkeld) en, waar er een is, het doel en het rechte pad ernaartoe.".to_string(),
        Lang::En => "For each theme: the policy goal and where it stands; for each indicator the figures of every series and a chart of the values, with the baseline (circled) and, where there is one, the target and the straight path to it.".to_string(),
    }
}

pub(super) fn theme_score(lang: Lang, t: &Aggregate) -> String {
    let status = i18n::status(lang, t.status);
    if t.scored == 0 {
        return status.to_string();
    }
    let score = unbroken(&crate::render::optional_number(lang, t.score, 2));
    let (scored, members) = (t.scored, t.members);
    match (lang, scored == members, members == 1) {
        (Lang::Nl, true, true) => format!("{status} · score {score} (1 indicator)"),
        (Lang::Nl, true, false) => {
            format!("{status} · score {score} (gemiddelde van de {members} indicatoren)")
        }
        (Lang::Nl, false, _) => format!("{status} · score {score} (gemiddelde van {scored} van de {members} indicatoren; de andere hebben geen score)"),
        (Lang::En, true, true) => format!("{status} · score {score} (1 indicator)"),
        (Lang::En, true, false) => {
            format!("{status} · score {score} (mean of the {members} indicators)")
        }
        (Lang::En, false, _) => format!("{status} · score {score} (mean of {scored} of the {members} indicators; the others have no score)"),
    }
}

pub(super) fn count_of(lang: Lang, count: f64, of: f64) -> String {
    match lang {
        Lang::Nl => format!("; {} van {}", num(lang, count, 0), num(lang, of, 0)),
        Lang::En => format!("; {} of {}", num(lang, count, 0), num(lang, of, 0)),
    }
}

pub(super) fn count(lang: Lang, count: f64) -> String {
    match lang {
        Lang::Nl => format!("; aantal {}", num(lang, count, 0)),
        Lang::En => format!("; count {}", num(lang, count, 0)),
    }
}

/// Under an indicator whose target year has passed: what that means for its status.
pub(super) fn after_target_year(lang: Lang, r: &Row) -> Option<String> {
    if !target_year_passed(r) {
        return None;
    }
    let (t, l) = (r.target.as_ref()?, r.latest.as_ref()?);
    let target = unbroken(&value_text(lang, t.value, r.unit));
    let latest = unbroken(&value_text(lang, l.value, r.unit));
    let when = unbroken(&i18n::period(lang, &l.period));
    let reached = r.status == Status::TargetAchieved;
    Some(match (lang, reached) {
        (Lang::Nl, true) => format!("Het doeljaar {} is voorbij: de laatste meting ({latest}, {when}) haalt het doel van {target}. De status is daarom ‘doel bereikt’.", t.year),
        (Lang::Nl, false) => format!("Het doeljaar {} is voorbij: de laatste meting ({latest}, {when}) haalt het doel van {target} niet. De status is daarom ‘doel niet gehaald’; de score blijft die van de trend.", t.year),
        (Lang::En, true) => format!("The target year {} has passed: the latest value ({latest}, {when}) meets the target of {target}. The status is therefore ‘target achieved’.", t.year),
        (Lang::En, false) => format!("The target year {} has passed: the latest value ({latest}, {when}) does not meet the target of {target}. The status is therefore ‘target not achieved’; the score stays that of the trend.", t.year),
    })
}

pub(super) fn manual_note(lang: Lang, r: &Row, reason: &str) -> String {
    let computed = r
        .manual
        .as_ref()
        .map(|m| status_lower(lang, m.computed_status))
        .unwrap_or_default();
    match lang {
        Lang::Nl => format!("Status met de hand vastgesteld: {reason} (berekend: {computed})."),
        Lang::En => format!("Status set by hand: {reason} (computed: {computed})."),
    }
}

pub(super) fn series_caption(lang: Lang) -> String {
    match lang {
        Lang::Nl => "Cijfers per reeks".to_string(),
        Lang::En => "Figures per series".to_string(),
    }
}

pub(super) fn chart_data_caption(lang: Lang, title: &str) -> String {
    match lang {
        Lang::Nl => format!("De waarden in de grafiek: {title}"),
        Lang::En => format!("The values in the chart: {title}"),
    }
}

pub(super) fn gap_words(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => "jaar zonder meting",
        Lang::En => "year without a value",
    }
}

/// What the chart shows, for a reader who cannot see it: each series from its first to its
/// last value, the target, the status.
pub(super) fn chart_alt(a: &Assessment, lang: Lang, rows: &[&Row], agg: &Aggregate) -> String {
    let mut parts = Vec::new();
    for r in rows {
        let name = super::build::row_name_for(a, r);
        let first = r
            .baseline
            .as_ref()
            .map(|b| (b.value, b.period))
            .or_else(|| r.observations.first().map(|o| (o.value, o.period())));
        let last = r.observations.last().map(|o| (o.value, o.period()));
        let text = |(v, p): (f64, crate::model::Period)| {
            format!(
                "{} ({})",
                value_text(lang, v, r.unit),
                i18n::period(lang, &p)
            )
        };
        parts.push(match (first, last, lang) {
            (Some(f), Some(l), Lang::Nl) => format!("{name} van {} naar {}", text(f), text(l)),
            (Some(f), Some(l), Lang::En) => format!("{name} from {} to {}", text(f), text(l)),
            (Some(f), None, Lang::Nl) => format!("{name} alleen de nulmeting {}", text(f)),
            (Some(f), None, Lang::En) => format!("{name} only the baseline {}", text(f)),
            (None, _, Lang::Nl) => format!("{name} zonder metingen"),
            (None, _, Lang::En) => format!("{name} without values"),
        });
    }
    let target = rows.iter().find_map(|r| {
        r.target
            .as_ref()
            .map(|t| format!("{} ({})", value_text(lang, t.value, r.unit), t.year))
    });
    let status = status_lower(lang, agg.status);
    match lang {
        Lang::Nl => format!(
            "Grafiek van {}: {}. {}Status: {status}.",
            rows[0].title,
            parts.join("; "),
            target.map_or_else(|| "Geen doel. ".to_string(), |t| format!("Doel {t}. "))
        ),
        Lang::En => format!(
            "Chart of {}: {}. {}Status: {status}.",
            rows[0].title,
            parts.join("; "),
            target.map_or_else(|| "No target. ".to_string(), |t| format!("Target {t}. "))
        ),
    }
}

pub(super) fn data_heading(lang: Lang) -> String {
    match lang {
        Lang::Nl => "Bijlage B — De gebruikte gegevens".to_string(),
        Lang::En => "Annex B — The data used".to_string(),
    }
}

pub(super) fn data_lead(lang: Lang) -> String {
    match lang {
        Lang::Nl => "Per indicator en reeks elke waarde die dit verslag gebruikt: de nulmeting uit de beleidsvisie en de metingen daarna, met hun bron. In welk bestand en op welke regel elke waarde staat, staat in bijlage C en in de JSON-uitvoer.".to_string(),
        Lang::En => "For each indicator and series every value this report uses: the baseline from the plan and the values after it, with their source. The file and line of each value are in annex C and in the JSON output.".to_string(),
    }
}

/// Why the data annex of a large monitor lists less than every value, and where the rest is.
/// `series` and `values`: what the monitor has; `peers_left_out`: the peer areas' rows are not
/// listed; `ends_only`: of each series only the baseline and the latest value are.
pub(super) fn data_summarised(
    lang: Lang,
    series: usize,
    values: usize,
    peers_left_out: bool,
    ends_only: bool,
) -> String {
    let number = |n: usize| crate::i18n::number(lang, n as f64, 0);
    match lang {
        Lang::Nl => format!(
            "Deze monitor heeft {} reeksen met samen {} waarden: te veel om op papier te lezen. Deze bijlage is daarom een samenvatting: {}{}. Elke waarde, met bestand en regel, staat in de uitvoer van ontrack table --format json --observations (of --format csv voor de tabel).",
            number(series),
            number(values),
            if peers_left_out { "de vergelijkingsgemeenten zijn weggelaten" } else { "alle gebieden staan erin" },
            if ends_only { "; van elke reeks staan alleen de eerste waarde (de nulmeting) en de laatste erin" } else { "" },
        ),
        Lang::En => format!(
            "This monitor has {} series with {} values between them: too many to read on paper. This annex is therefore a summary: {}{}. Every value, with its file and line, is in the output of ontrack table --format json --observations (or --format csv for the table).",
            number(series),
            number(values),
            if peers_left_out { "the peer areas are left out" } else { "every area is listed" },
            if ends_only { "; of each series only the first value (the baseline) and the latest are listed" } else { "" },
        ),
    }
}

pub(super) fn data_caption(lang: Lang) -> String {
    match lang {
        Lang::Nl => "Alle gebruikte waarden per indicator".to_string(),
        Lang::En => "Every value used, by indicator".to_string(),
    }
}

/// Annex A: what a status means, in plain words, with one worked example from the data.
pub(super) fn method_annex(a: &Assessment, lang: Lang) -> Section {
    let mut blocks = Vec::new();
    let nl = lang == Lang::Nl;
    blocks.push(paragraph(if nl {
        "Elke indicator wordt vergeleken met zijn nulmeting: de laatste meting die de beleidsvisie noemt. De vraag is steeds: gaat het snel genoeg de goede kant op?".to_string()
    } else {
        "Every indicator is compared with its baseline: the last value the plan names. The question is always: is it moving the right way fast enough?".to_string()
    }));
    blocks.push(paragraph(match (lang, a.method) {
        (Lang::Nl, Method::OpenSdg) => "Heeft een indicator een doel, dan kijken we hoe snel de waarde per jaar gemiddeld veranderde sinds de nulmeting, en hoe snel dat had gemoeten om het doel in het doeljaar te halen. Is het tempo minstens 95 % van het nodige tempo, dan is de indicator op koers. Heeft een indicator geen doel maar wel een gewenste richting, dan is hij op koers bij een groei van minstens 1,5 % per jaar de goede kant op.".to_string(),
        (Lang::En, Method::OpenSdg) => "When an indicator has a target, we look at how fast the value changed per year on average since the baseline, and how fast it should have to reach the target in the target year. At 95 % of the needed pace or more the indicator is on track. When an indicator has no target but a desired direction, it is on track at a growth of 1.5 % a year or more the right way.".to_string(),
        (Lang::Nl, Method::Linear) => "Heeft een indicator een doel, dan trekken we een rechte lijn van de nulmeting naar het doel en kijken we welk deel van de afstand tot nu toe had moeten zijn afgelegd. Is minstens 95 % daarvan afgelegd, dan is de indicator op koers. Zonder doel geldt de gemiddelde groei per jaar: op koers bij minstens 1,5 % per jaar de goede kant op.".to_string(),
        (Lang::En, Method::Linear) => "When an indicator has a target, we draw a straight line from the baseline to the target and look at which part of the distance should have been covered by now. At 95 % of it or more the indicator is on track. Without a target, the average growth per year counts: on track at 1.5 % a year or more the right way.".to_string(),
    }));
    blocks.push(strong(if nl {
        "De statussen".to_string()
    } else {
        "The statuses".to_string()
    }));
    let meaning: [(Status, &str, &str); 8] = [
        (Status::TargetAchieved, "de laatste meting haalt het doel (of blijft gelijk waar dat het doel is)", "the latest value meets the target (or stays equal where that is the goal)"),
        (Status::SubstantialProgress, "het gaat snel genoeg de goede kant op", "moving the right way fast enough"),
        (Status::ModerateProgress, "de goede kant op, maar te langzaam: tussen 60 % en 95 % van het nodige tempo", "the right way but too slowly: between 60 % and 95 % of the needed pace"),
        (Status::LimitedProgress, "nauwelijks de goede kant op", "barely the right way"),
        (Status::Deterioration, "de verkeerde kant op", "the wrong way"),
        (Status::TargetNotAchieved, "het doeljaar is voorbij en het doel is niet gehaald", "the target year has passed and the target was not met"),
        (Status::NoDirection, "de beleidsvisie noemt geen gewenste richting; alleen de verandering en de vergelijking met andere gemeenten worden getoond", "the plan names no desired direction; only the change and the comparison with other areas are shown"),
        (Status::NotAssessable, "er is nog geen meting na de nulmeting, of te weinig tijd ertussen", "no value after the baseline yet, or too little time between"),
    ];
    blocks.push(Block::List(
        meaning
            .iter()
            .map(|(s, n, e)| {
                format!(
                    "{} {}: {}",
                    s.symbol(),
                    i18n::status(lang, *s),
                    if nl { n } else { e }
                )
            })
            .collect(),
    ));
    blocks.push(paragraph(if nl {
        "Elke status heeft ook een score van −5 tot 5. De score van een speerpunt is het gemiddelde van zijn indicatoren; de score van de hele beleidsvisie staat in de samenvatting, met hoe hij is gevormd. Waarden die als illustratief zijn gemarkeerd zijn verzonnen en geen echte metingen.".to_string()
    } else {
        "Every status also has a score from −5 to 5. A theme's score is the mean of its indicators; the plan's score is in the summary, with how it is formed. Values marked illustrative are made up, not real measurements.".to_string()
    }));
    if let Some(example) = worked_example(a, lang) {
        blocks.push(strong(if nl {
            "Een voorbeeld uit dit verslag".to_string()
        } else {
            "An example from this report".to_string()
        }));
        blocks.push(paragraph(example));
    }
    Section {
        level: 1,
        id: "how-to-read".into(),
        heading: if nl {
            "Bijlage A — Hoe lezen we de stand?".to_string()
        } else {
            "Annex A — How to read where an indicator stands".to_string()
        },
        blocks,
        sections: Vec::new(),
        keep_together: false,
    }
}

/// One indicator's status worked out in words: a row of the municipality with a target, a
/// computed status and positive values (the growth rates are then as the method computes them).
fn worked_example(a: &Assessment, lang: Lang) -> Option<String> {
    let usable = |r: &&Row| {
        !r.peer
            && r.manual.is_none()
            && r.goal == Goal::Improve
            && r.progress_value.is_some()
            && r.inputs.as_ref().is_some_and(|i| {
                i.base_value > 0.0
                    && i.current_value > 0.0
                    && i.current_year > i.base_year
                    && i.target.is_none_or(|t| t > 0.0)
            })
    };
    let row = a
        .indicators
        .iter()
        .filter(usable)
        .find(|r| r.target.is_some())
        .or_else(|| a.indicators.iter().find(usable))?;
    let i = row.inputs.as_ref()?;
    let unit = &row.unit;
    let v = |x: f64| unbroken(&value_text(lang, x, unit));
    let pct = |x: f64| unbroken(&format!("{} %", num(lang, x * 100.0, 1)));
    let years = f64::from(i.current_year - i.base_year);
    let observed = (i.current_value / i.base_value).powf(1.0 / years) - 1.0;
    let progress = row.progress_value?;
    let status = status_lower(lang, row.status);
    let thresholds = row.thresholds.as_ref()?;
    let title = &row.title;
    let (base, now) = (v(i.base_value), v(i.current_value));
    let (y0, y1) = (i.base_year, i.current_year);
    let after = after_target_year(lang, row).map_or(String::new(), |t| format!(" {t}"));
    Some(match (i.target, i.target_year, a.method, lang) {
        (Some(t), Some(ty), Method::OpenSdg, Lang::Nl) => {
            let needed = (t / i.base_value).powf(1.0 / f64::from(ty - i.base_year)) - 1.0;
            format!("‘{title}’: de nulmeting was {base} in {y0}, het doel {} in {ty}. Daarvoor moest de waarde gemiddeld {} per jaar veranderen. Tot {y1} (laatste meting {now}) veranderde ze {} per jaar: {} van het nodige tempo. Op koers is vanaf {}, ‘vooruitgang, versnelling nodig’ vanaf {}; de methode komt zo op ‘{status}’ voor de trend.{after}",
                v(t), pct(needed.abs()), pct(observed.abs()), pct(progress), pct(thresholds.high), pct(thresholds.med))
        }
        (Some(t), Some(ty), Method::OpenSdg, Lang::En) => {
            let needed = (t / i.base_value).powf(1.0 / f64::from(ty - i.base_year)) - 1.0;
            format!("‘{title}’: the baseline was {base} in {y0}, the target {} in {ty}. That needed a change of {} a year on average. Up to {y1} (latest value {now}) it changed {} a year: {} of the needed pace. On track is from {}, ‘progress, acceleration needed’ from {}; the method so arrives at ‘{status}’ for the trend.{after}",
                v(t), pct(needed.abs()), pct(observed.abs()), pct(progress), pct(thresholds.high), pct(thresholds.med))
        }
        (Some(t), Some(ty), Method::Linear, Lang::Nl) => format!("‘{title}’: de nulmeting was {base} in {y0}, het doel {} in {ty}. Op de rechte lijn daartussen had de waarde in {y1} een deel van de weg moeten afleggen; de laatste meting ({now}) legde {} daarvan af. Op koers is vanaf {}; de methode komt zo op ‘{status}’.{after}",
            v(t), pct(progress), pct(thresholds.high)),
        (Some(t), Some(ty), Method::Linear, Lang::En) => format!("‘{title}’: the baseline was {base} in {y0}, the target {} in {ty}. On the straight line between them the value should have covered part of the way by {y1}; the latest value ({now}) covered {} of it. On track is from {}; the method so arrives at ‘{status}’.{after}",
            v(t), pct(progress), pct(thresholds.high)),
        (_, _, _, Lang::Nl) => format!("‘{title}’ heeft geen doel: de nulmeting was {base} in {y0}, de laatste meting {now} in {y1}. Dat is gemiddeld {} per jaar de {} kant op. Op koers is vanaf {} per jaar; de methode komt zo op ‘{status}’.",
            pct(observed.abs()), if progress >= 0.0 { "goede" } else { "verkeerde" }, pct(thresholds.high)),
        (_, _, _, Lang::En) => format!("‘{title}’ has no target: the baseline was {base} in {y0}, the latest value {now} in {y1}. That is {} a year on average the {} way. On track is from {} a year; the method so arrives at ‘{status}’.",
            pct(observed.abs()), if progress >= 0.0 { "right" } else { "wrong" }, pct(thresholds.high)),
    })
}

/// Annex C: the formulas, thresholds, commands and input files.
pub(super) fn technical_annex(a: &Assessment, lang: Lang) -> Section {
    let l = |label| i18n::label(lang, label);
    let nl = lang == Lang::Nl;
    let mut blocks: Vec<Block> = method_text(lang, a).into_iter().map(paragraph).collect();
    blocks.push(strong(if nl {
        "Zo is dit verslag gemaakt".to_string()
    } else {
        "How this report was made".to_string()
    }));
    blocks.push(paragraph(if nl {
        "Met ontrack, uit indicators.toml (de indicatoren, nulmetingen en doelen) en de CSV-bestanden in measurements/. Dezelfde cijfers, met bestand en regel van elke waarde, geven deze opdrachten:".to_string()
    } else {
        "With ontrack, from indicators.toml (the indicators, baselines and targets) and the CSV files in measurements/. The same figures, with the file and line of every value, come from these commands:".to_string()
    }));
    blocks.push(code(format!(
        "ontrack report --year {} --method {} --lang {}",
        a.year,
        a.method.code(),
        lang.code()
    )));
    blocks.push(code(format!(
        "ontrack table --year {} --format json --observations",
        a.year
    )));
    blocks.push(code(format!(
        "ontrack compare --from {} --to {}",
        a.year - 1,
        a.year
    )));
    blocks.push(code("ontrack show <indicator>".to_string()));
    // The input files and how many values each gave.
    let mut files: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for r in &a.indicators {
        for o in &r.observations {
            *files.entry(o.file().as_str()).or_default() += 1;
        }
    }
    if !files.is_empty() {
        blocks.push(Block::Table(Table {
            caption: if nl {
                "Invoerbestanden en het aantal gebruikte waarden".to_string()
            } else {
                "Input files and the number of values used".to_string()
            },
            columns: vec![
                Column {
                    header: l(Label::File).to_string(),
                    align: Align::Start,
                },
                Column {
                    header: l(Label::Observations).to_string(),
                    align: Align::End,
                },
            ],
            rows: files
                .into_iter()
                .map(|(f, n)| TableRow::Data {
                    cells: vec![Cell::text(f), Cell::text(n.to_string())],
                    indent: 0,
                })
                .collect(),
        }));
    }
    if a.illustrative {
        blocks.push(small(l(Label::IllustrativeNote)));
    }
    Section {
        level: 1,
        id: "technical".into(),
        heading: if nl {
            "Bijlage C — Technische verantwoording".to_string()
        } else {
            "Annex C — Technical account".to_string()
        },
        blocks,
        sections: Vec::new(),
        keep_together: false,
    }
}

/// The method with its formulas and thresholds as used.
fn method_text(lang: Lang, a: &Assessment) -> Vec<String> {
    let tol = i18n::number(lang, a.maintain_tolerance * 100.0, 2);
    let used = method_name(lang, a.method);
    let plan = match (lang, a.aggregates.plan_of) {
        (Lang::Nl, crate::model::Aggregation::Indicator) => "die van de hele beleidsvisie het gemiddelde van de indicatoren (aggregation = \"indicator\" in indicators.toml)",
        (Lang::Nl, crate::model::Aggregation::Theme) => "die van de hele beleidsvisie het gemiddelde van de speerpunten (aggregation = \"theme\" in indicators.toml)",
        (Lang::En, crate::model::Aggregation::Indicator) => "the plan's the mean of its indicators (aggregation = \"indicator\" in indicators.toml)",
        (Lang::En, crate::model::Aggregation::Theme) => "the plan's the mean of its themes (aggregation = \"theme\" in indicators.toml)",
    };
    match lang {
        Lang::Nl => vec![
            format!("Gebruikte methode: {used}. Per reeks wordt de laatste meting tot en met {} vergeleken met de nulmeting (het basisjaar). Een schooljaar zoals 2016/2017 telt als zijn eerste jaar.", a.year),
            "Zonder getalsmatig doel: de gemiddelde jaarlijkse groei sinds het basisjaar, CAGR = (laatste / basis)^(1 / jaren) − 1, in de gewenste richting. Op koers bij ≥ 1,5 % per jaar; vooruitgang, versnelling nodig bij ≥ 0,5 %; beperkte vooruitgang bij ≥ 0 %; daaronder verslechtering. Bij een natuurlijke grens (zoals 100 % voor een aandeel) worden de drempels kleiner naarmate de basiswaarde dichter bij de grens ligt: C = 1 − (basis / grens)^4,44.".to_string(),
            "Met een doel: de waargenomen jaarlijkse groei gedeeld door de groei die nodig is om het doel op tijd te halen (R). Op koers bij R ≥ 0,95; vooruitgang, versnelling nodig bij R ≥ 0,6; beperkte vooruitgang bij R ≥ 0; daaronder verslechtering. Doel bereikt zodra de laatste meting het doel in de gewenste richting heeft gehaald. Doel niet gehaald: er is een meting van het doeljaar (of later) en het doel is niet gehaald; de score blijft die van de methode.".to_string(),
            format!("Score van −5 tot 5: een lineaire schaal op dezelfde drempels (≥ 2,5 op koers, ≥ 0 vooruitgang, ≥ −2,5 beperkt, daaronder verslechtering; doel bereikt = 5). Een met de hand vastgestelde status telt mee met het midden van zijn band (op koers 3,75; vooruitgang 1,25; beperkt −1,25; verslechtering en doel niet gehaald −3,75). De score van een indicator is het gemiddelde van zijn reeksen in {}, die van een speerpunt het gemiddelde van zijn indicatoren, {plan}.", a.header.monitor.municipality),
            "Lineaire methode (--method linear): de afgelegde afstand gedeeld door de afstand die het rechte pad van nulmeting naar doel tot de laatste meting verwacht, met dezelfde drempels (op koers = minstens 95 % van de verwachte afstand). De verwachte waarde op dat rechte pad in het verslagjaar staat bij elke indicator, onder elke methode.".to_string(),
            format!("‘Blijft minimaal gelijk’: doel bereikt zolang de laatste meting niet meer dan {tol} % van de nulmeting slechter is; anders verslechtering."),
            "Zonder gewenste richting: geen oordeel; de verandering en de rang tussen de gemeenten (1 = laagste waarde) worden getoond. Gelijke waarden delen een rang; alleen waarden van dezelfde periode worden gerangschikt. Niet te beoordelen: geen meting na het basisjaar, minder dan een jaar ertussen, of basis en laatste meting (of basis en doel) met een verschillend teken.".to_string(),
        ],
        Lang::En => vec![
            format!("Method used: {used}. For each series the latest value up to {} is compared with the baseline (the base year). A school year such as 2016/2017 counts as its first year.", a.year),
            "Without a numeric target: the compound annual growth since the base year, CAGR = (latest / base)^(1 / years) − 1, in the desired direction. On track at ≥ 1.5 % a year; progress, acceleration needed at ≥ 0.5 %; limited progress at ≥ 0 %; below that deterioration. With a natural limit (such as 100 % for a share) the thresholds shrink as the base value nears the limit: C = 1 − (base / limit)^4.44.".to_string(),
            "With a target: the observed annual growth divided by the growth needed to reach the target in time (R). On track at R ≥ 0.95; progress, acceleration needed at R ≥ 0.6; limited progress at R ≥ 0; below that deterioration. Target achieved once the latest value has reached the target in the desired direction. Target not achieved: a value of the target year (or later) is in and the target was not reached; the score stays the method's.".to_string(),
            format!("Score from −5 to 5: a linear scale on the same thresholds (≥ 2.5 on track, ≥ 0 progress, ≥ −2.5 limited, below deterioration; target achieved = 5). A status set by hand counts with the middle of its band (on track 3.75, progress 1.25, limited −1.25, deterioration and target not achieved −3.75). An indicator's score is the mean of its series in {}, a theme's the mean of its indicators, {plan}.", a.header.monitor.municipality),
            "Linear method (--method linear): the distance covered divided by the distance the straight path from baseline to target expects by the latest value, with the same thresholds (on track = at least 95 % of the expected distance). The value expected on that straight path in the report year is shown for every indicator, under every method.".to_string(),
            format!("‘At least stays equal’: target achieved while the latest value is no more than {tol} % of the baseline worse; otherwise deterioration."),
            "Without a desired direction: not judged; the change and the rank among the areas (1 = lowest value) are shown. Equal values share a rank; only values of the same period are ranked. Not assessable: no value after the base year, less than one year between, or base and latest value (or base and target) of opposite sign.".to_string(),
        ],
    }
}

pub(super) fn unit_word(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => "eenheid",
        Lang::En => "unit",
    }
}
