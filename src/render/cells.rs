//! The rows of the people-facing views: the headers and cells of the one-line-per-row tables
//! (an assessment, a comparison), and the parts of one indicator in full (its definition, the
//! heading of each row, its observations). Built from [`super::values`].

use super::values::*;
use crate::assess::compare::{Change, Comparison};
use crate::assess::detail::Detail;
use crate::assess::{Assessment, Row};
use crate::i18n::{self, Lang};

/// The series and/or area a row is about, or empty for a plain indicator.
pub(crate) fn subject_text(row: &Row) -> String {
    // The area is named wherever the indicator is compared with other areas.
    let compared = row.peer || row.rank.is_some();
    match (&row.series, compared) {
        (Some(s), true) => format!("{s}, {}", row.area),
        (Some(s), false) => s.to_string(),
        (None, true) => row.area.to_string(),
        (None, false) => String::new(),
    }
}

/// The theme's display name ("1. Perspectief: ...").
pub(crate) fn theme_text(assessment: &Assessment, theme_id: &str) -> String {
    match assessment
        .header
        .monitor
        .themes
        .iter()
        .find(|t| t.id == theme_id)
    {
        Some(t) => match t.number {
            Some(n) => format!("{n}. {}", t.name),
            None => t.name.clone(),
        },
        None => theme_id.to_string(),
    }
}

/// The column headers of the one-line-per-row views (terminal table, Markdown).
pub(crate) fn row_header(lang: Lang) -> [&'static str; 10] {
    use i18n::Label::*;
    [
        Theme, Indicator, Series, Baseline, Latest, Target, Change, Expected, Score, Status,
    ]
    .map(|l| i18n::label(lang, l))
}

/// The cells of one row under [`row_header`]; the title cell is `title` (formats differ in
/// whether they add the id).
pub(crate) fn row_cells(a: &Assessment, lang: Lang, row: &Row, title: String) -> [String; 10] {
    let theme_number = a
        .header
        .monitor
        .themes
        .iter()
        .find(|t| *t.id == *row.theme)
        .and_then(|t| t.number)
        .map_or_else(|| row.theme.to_string(), |n| n.to_string());
    [
        theme_number,
        title,
        subject_text(row),
        baseline_text(lang, row),
        latest_text(lang, row),
        target_text(lang, row),
        change_text(lang, row),
        expected_text(lang, row),
        optional_number(lang, row.score, 2),
        marked_row_status(lang, row),
    ]
}

// ---- Cells of a comparison row (terminal table, Markdown).

/// The column headers of a comparison of `from` and `to`.
pub(crate) fn change_header(lang: Lang, from: i32, to: i32) -> [String; 9] {
    use i18n::Label::*;
    let l = |label| i18n::label(lang, label).to_string();
    [
        l(Indicator),
        l(Series),
        format!("{} {from}", l(Status)),
        format!("{} {to}", l(Status)),
        l(StatusChange),
        format!("{} {from}", l(Latest)),
        format!("{} {to}", l(Latest)),
        l(Difference),
        l(NewObservation),
    ]
}

/// The cells of one comparison row under [`change_header`].
pub(crate) fn change_cells(lang: Lang, change: &Change, title: String) -> [String; 9] {
    let status =
        |r: Option<&Row>| r.map_or_else(|| "–".to_string(), |r| marked_row_status(lang, r));
    let latest = |r: Option<&Row>| r.map_or_else(|| "–".to_string(), |r| latest_text(lang, r));
    let subject = subject_text(change.row);
    [
        title,
        subject,
        status(change.from),
        status(change.to),
        format!(
            "{} {}",
            change.status_change.symbol(),
            i18n::status_change(lang, change.status_change)
        ),
        latest(change.from),
        latest(change.to),
        change
            .value_change
            .map_or_else(|| "–".to_string(), |v| signed(lang, v, DECIMALS)),
        i18n::observation_change(lang, change.observation).to_string(),
    ]
}

/// One line that sums up a comparison: the plan's move and how many rows changed how.
pub(crate) fn change_summary(lang: Lang, c: &Comparison) -> String {
    use crate::assess::compare::{ObservationChange as O, StatusChange as S};
    let plan = &c.aggregates[0];
    let counts = [
        (S::Better, c.summary.better),
        (S::Worse, c.summary.worse),
        (S::Same, c.summary.same),
        (S::Assessed, c.summary.assessed),
        (S::Unassessed, c.summary.unassessed),
    ]
    .iter()
    .filter(|(_, n)| *n > 0)
    .map(|(s, n)| format!("{n} {}", i18n::status_change(lang, *s)))
    .collect::<Vec<_>>()
    .join(", ");
    let observations = [
        (O::New, c.summary.new),
        (O::First, c.summary.first),
        (O::Missing, c.summary.missing),
    ]
    .iter()
    .filter(|(_, n)| *n > 0)
    .map(|(o, n)| format!("{n} {}", i18n::observation_change(lang, *o)))
    .collect::<Vec<_>>()
    .join(", ");
    format!(
        "{} {} → {}: {} {} {} → {} {} ({} → {}); {}: {counts}; {}: {}",
        c.header.monitor.municipality,
        c.from,
        c.to,
        i18n::label(lang, i18n::Label::PlanAggregate),
        plan.from.status.symbol(),
        i18n::status(lang, plan.from.status).to_lowercase(),
        plan.to.status.symbol(),
        i18n::status(lang, plan.to.status).to_lowercase(),
        optional_number(lang, plan.from.score, 2),
        optional_number(lang, plan.to.score, 2),
        i18n::label(lang, i18n::Label::Indicators).to_lowercase(),
        i18n::label(lang, i18n::Label::Observations).to_lowercase(),
        if observations.is_empty() {
            "–".to_string()
        } else {
            observations
        },
    )
}

// ---- Parts of one indicator in full (`show`: terminal view, Markdown).

/// The definition as (label, text) lines, empty parts left out.
pub(crate) fn definition_lines(lang: Lang, d: &Detail) -> Vec<(String, String)> {
    use i18n::Label;
    let l = |label| i18n::label(lang, label).to_string();
    let w = |en: &str, nl: &str| match lang {
        Lang::En => en.to_string(),
        Lang::Nl => nl.to_string(),
    };
    let def = &d.definition;
    let mut lines = vec![
        (l(Label::Indicator), format!("{} — {}", def.id, def.title)),
        (l(Label::Theme), theme_line(d)),
        (
            w("Unit", "Eenheid"),
            format!("{} ({})", i18n::unit(lang, &def.unit), def.kind.code()),
        ),
        (
            l(Label::Direction),
            i18n::direction(lang, def.direction, def.goal).to_string(),
        ),
    ];
    let mut push = |name: String, value: Option<String>| {
        if let Some(v) = value {
            lines.push((name, v));
        }
    };
    push(l(Label::Source), def.source.clone());
    push(
        format!(
            "{} ({})",
            l(Label::Baseline),
            w("as written", "zoals geschreven")
        ),
        def.baseline_as_written.clone(),
    );
    for b in &def.baselines {
        let subject = match (&b.series, b.area == d.header.monitor.municipality) {
            (Some(s), true) => format!("{s}: "),
            (Some(s), false) => format!("{s}, {}: ", b.area),
            (None, true) => String::new(),
            (None, false) => format!("{}: ", b.area),
        };
        push(
            l(Label::Baseline),
            Some(format!(
                "{subject}{} ({})  [{}]",
                value_text(lang, b.value, &def.unit),
                i18n::period(lang, &b.period),
                b.defined_at
            )),
        );
    }
    push(
        l(Label::Target),
        def.target
            .as_ref()
            .map(|t| format!("{} ({})", value_text(lang, t.value, &def.unit), t.year)),
    );
    push(
        w("Limit", "Grens"),
        def.limit.map(|v| i18n::number(lang, v, 6)),
    );
    push(
        w("Base year", "Basisjaar"),
        def.base_year.map(|y| y.to_string()),
    );
    push(l(Label::Method), def.method.map(|m| m.code().to_string()));
    push(
        w("Thresholds", "Drempels"),
        def.thresholds.map(|t| {
            format!(
                "{} {}, {} {}, {} {}",
                w("high", "hoog"),
                i18n::number(lang, t.high, 6),
                w("med", "midden"),
                i18n::number(lang, t.med, 6),
                w("low", "laag"),
                i18n::number(lang, t.low, 6)
            )
        }),
    );
    push(
        l(Label::Manual),
        def.manual
            .as_ref()
            .map(|m| format!("{}: {}", i18n::status(lang, m.status), m.reason)),
    );
    push(w("Note", "Opmerking"), def.note.clone());
    push(
        w("Defined at", "Gedefinieerd in"),
        Some(def.defined_at.clone()),
    );
    lines
}

fn theme_line(d: &Detail) -> String {
    match d
        .header
        .monitor
        .themes
        .iter()
        .find(|t| t.id == d.definition.theme)
    {
        Some(t) => match t.number {
            Some(n) => format!("{n}. {}", t.name),
            None => t.name.clone(),
        },
        None => d.definition.theme_name.clone(),
    }
}

/// "Maassluis — W-migranten: ▲ Op koers (score 1,2)".
pub(crate) fn row_heading(lang: Lang, row: &Row) -> String {
    let subject = match &row.series {
        Some(s) => format!("{}, {s}", row.area),
        None => row.area.to_string(),
    };
    let rank = row
        .rank
        .as_ref()
        .map(|r| {
            format!(
                ", {} {}/{}",
                i18n::label(lang, i18n::Label::Rank).to_lowercase(),
                r.position,
                r.of
            )
        })
        .unwrap_or_default();
    format!(
        "{subject}: {} ({} {}{rank})",
        marked_row_status(lang, row),
        i18n::label(lang, i18n::Label::Score).to_lowercase(),
        optional_number(lang, row.score, 2),
    )
}

pub(crate) fn observation_header(lang: Lang) -> [String; 6] {
    use i18n::Label::*;
    [Period, Value, Illustrative, Source, Note, File].map(|l| i18n::label(lang, l).to_string())
}

pub(crate) fn observation_cells(
    lang: Lang,
    o: &crate::model::Observation,
    unit: &str,
) -> [String; 6] {
    [
        i18n::period(lang, &o.period()),
        value_text(lang, o.value, unit),
        if o.illustrative() {
            "*".to_string()
        } else {
            String::new()
        },
        o.source().unwrap_or("").to_string(),
        o.note().unwrap_or("").to_string(),
        o.origin().to_string(),
    ]
}
