//! Output formats. Each format is a pure function of an already computed [`Assessment`]
//! (compute once, render many); [`write_output`] does the writing: to standard output, or
//! atomically to a file (a temporary file renamed into place), never over an input file.

pub mod csv;
pub mod json;
pub mod markdown;
pub mod pdf;
pub mod table;
pub mod trace;

use crate::assess::compare::{Comparison, RowChange};
use crate::assess::detail::Detail;
use crate::assess::{Assessment, Row};
use crate::error::{Error, Result};
use crate::i18n::{self, Lang};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The output formats (`--format` offers the text ones; the PDF is `ontrack report`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Tsv,
    Json,
    Markdown,
    #[value(skip)]
    Pdf,
}

impl Format {
    pub fn parse(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().as_str() {
            "table" | "txt" => Some(Format::Table),
            "csv" => Some(Format::Csv),
            "tsv" => Some(Format::Tsv),
            "json" => Some(Format::Json),
            "markdown" | "md" => Some(Format::Markdown),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }

    /// The format a file name asks for by its extension.
    pub fn from_path(path: &Path) -> Option<Self> {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(Format::parse)
    }
}

/// How people-facing formats are shown.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub lang: Lang,
    pub color: bool,
    /// Terminal width to wrap the table to, when known.
    pub width: Option<u16>,
    /// The output goes to a terminal.
    pub terminal: bool,
    /// JSON is indented for reading (on a terminal, or asked with --pretty); else compact.
    pub indent: bool,
    /// The terminal table shows every column whatever its width.
    pub wide: bool,
}

impl Style {
    /// The style of a file no one reads on a terminal (the PDF, a benchmark): no colour, no
    /// width, compact JSON, the default columns.
    pub fn file(lang: Lang) -> Self {
        Style {
            lang,
            color: false,
            width: None,
            terminal: false,
            indent: false,
            wide: false,
        }
    }
}

/// One output format of one kind of document ([`Assessment`], [`Comparison`], [`Detail`]).
pub trait Renderer<T> {
    fn render(&self, document: &T, out: &mut dyn Write) -> std::io::Result<()>;
}

/// The renderer of an assessment (`table`, `report`).
pub fn renderer(format: Format, style: Style) -> Box<dyn Renderer<Assessment>> {
    match format {
        Format::Table => Box::new(table::Table(style)),
        Format::Csv => Box::new(csv::Delimited(b',')),
        Format::Tsv => Box::new(csv::Delimited(b'\t')),
        Format::Json => Box::new(json::Json(style)),
        Format::Markdown => Box::new(markdown::Markdown(style.lang)),
        Format::Pdf => Box::new(pdf::Pdf(style.lang)),
    }
}

/// The renderer of a comparison of two years (`compare`); every text format.
pub fn comparison_renderer(format: Format, style: Style) -> Result<Box<dyn Renderer<Comparison>>> {
    Ok(match format {
        Format::Table => Box::new(table::Table(style)),
        Format::Csv => Box::new(csv::Delimited(b',')),
        Format::Tsv => Box::new(csv::Delimited(b'\t')),
        Format::Json => Box::new(json::Json(style)),
        Format::Markdown => Box::new(markdown::Markdown(style.lang)),
        Format::Pdf => return Err(Error::usage("`compare` writes text formats, not PDF")),
    })
}

/// The renderer of one indicator in full (`show`): the text view, JSON or Markdown.
pub fn detail_renderer(format: Format, style: Style) -> Result<Box<dyn Renderer<Detail>>> {
    Ok(match format {
        Format::Table => Box::new(table::Table(style)),
        Format::Json => Box::new(json::Json(style)),
        Format::Markdown => Box::new(markdown::Markdown(style.lang)),
        Format::Csv | Format::Tsv | Format::Pdf => {
            return Err(Error::usage("`show` writes table, json or markdown"))
        }
    })
}

/// Renders to standard output. A closed pipe (`| head`) is not an error.
pub fn to_stdout<T>(renderer: &dyn Renderer<T>, document: &T) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = renderer
        .render(document, &mut out)
        .and_then(|()| out.flush());
    ignore_broken_pipe(result)
}

pub use crate::output::ignore_broken_pipe;

/// Renders into `path` atomically. Refuses to write over any of `inputs`.
pub fn to_file<T>(
    renderer: &dyn Renderer<T>,
    document: &T,
    path: &Path,
    inputs: &[PathBuf],
) -> Result<()> {
    crate::output::write_file(path, inputs, |out| renderer.render(document, out))
}

/// Renders to `path`, or to standard output when there is none.
pub fn write<T>(
    renderer: &dyn Renderer<T>,
    document: &T,
    path: Option<&Path>,
    inputs: &[PathBuf],
) -> Result<()> {
    match path {
        Some(path) => to_file(renderer, document, path, inputs),
        None => to_stdout(renderer, document),
    }
}

// ---- Cell texts shared by the people-facing formats (table, Markdown, PDF).

/// The word of a row's status in `lang`, with the manual mark where it was set by hand.
pub fn row_status_text(lang: Lang, row: &Row) -> String {
    let word = i18n::status(lang, row.status);
    match row.manual {
        Some(_) => format!("{word} ({})", i18n::label(lang, i18n::Label::Manual)),
        None => word.to_string(),
    }
}

/// A row's status with its symbol: "✓ Doel bereikt", "▼ Verslechtering (handmatig)".
pub fn marked_row_status(lang: Lang, row: &Row) -> String {
    format!("{} {}", row.status.symbol(), row_status_text(lang, row))
}

/// At most this many decimals in people-facing numbers (trailing zeros are dropped).
const DECIMALS: usize = 2;

/// "6,1 %" / "825 inwoners" / "5,9 score".
pub fn value_text(lang: Lang, value: f64, unit: &str) -> String {
    let n = i18n::measured(lang, value, DECIMALS);
    match unit {
        "%" => format!("{n} %"),
        "score" | "rapportcijfer" | "factor" => n,
        _ => format!("{n} {}", i18n::unit(lang, unit)),
    }
}

/// A value with its period: "6,1 % (juli 2018)".
pub fn dated_value_text(
    lang: Lang,
    value: f64,
    period: &crate::model::Period,
    unit: &str,
) -> String {
    format!(
        "{} ({})",
        value_text(lang, value, unit),
        i18n::period(lang, period)
    )
}

pub fn baseline_text(lang: Lang, row: &Row) -> String {
    match &row.baseline {
        Some(b) => {
            let mut text = dated_value_text(lang, b.value, &b.period, &row.unit);
            match (b.count, b.denominator) {
                (Some(c), Some(n)) => {
                    text = format!(
                        "{}/{} = {text}",
                        i18n::number(lang, c, 0),
                        i18n::number(lang, n, 0)
                    )
                }
                (Some(c), None) => text = format!("{} / {text}", i18n::number(lang, c, 0)),
                _ => {}
            }
            text
        }
        None => "–".to_string(),
    }
}

pub fn latest_text(lang: Lang, row: &Row) -> String {
    match &row.latest {
        Some(l) => {
            let mark = if l.illustrative { " *" } else { "" };
            format!(
                "{}{mark}",
                dated_value_text(lang, l.value, &l.period, &row.unit)
            )
        }
        None => i18n::label(lang, i18n::Label::NoData).to_string(),
    }
}

/// The value the straight path from baseline to target gives for the report year.
pub fn expected_text(lang: Lang, row: &Row) -> String {
    row.expected
        .map_or_else(|| "–".to_string(), |e| value_text(lang, e, &row.unit))
}

pub fn target_text(lang: Lang, row: &Row) -> String {
    match &row.target {
        Some(t) => format!("{} ({})", value_text(lang, t.value, &row.unit), t.year),
        None => "–".to_string(),
    }
}

/// "+0,4 (+6,6 %)".
pub fn change_text(lang: Lang, row: &Row) -> String {
    match &row.change {
        Some(c) => {
            let abs = signed_measured(lang, c.absolute);
            match c.relative {
                Some(r) => format!("{abs} ({} %)", signed(lang, r * 100.0, 1)),
                None => abs,
            }
        }
        None => "–".to_string(),
    }
}

pub fn signed(lang: Lang, value: f64, decimals: usize) -> String {
    signed_text(i18n::number(lang, value, decimals))
}

/// `+` before a positive number; a negative one has its minus sign U+2212 already.
fn signed_text(text: String) -> String {
    if text.starts_with('−') || text == "0" {
        text
    } else {
        format!("+{text}")
    }
}

/// A signed difference of measured values, with at least three significant digits.
pub fn signed_measured(lang: Lang, value: f64) -> String {
    signed_text(i18n::measured(lang, value, DECIMALS))
}

pub fn optional_number(lang: Lang, value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(|| "–".to_string(), |v| i18n::number(lang, v, decimals))
}

/// The series and/or area a row is about, or empty for a plain indicator.
pub fn subject_text(row: &Row) -> String {
    // The area is named wherever the indicator is compared with other areas.
    let compared = row.peer || row.rank.is_some();
    match (&row.series, compared) {
        (Some(s), true) => format!("{s}, {}", row.area),
        (Some(s), false) => s.clone(),
        (None, true) => row.area.clone(),
        (None, false) => String::new(),
    }
}

/// The theme's display name ("1. Perspectief: ...").
pub fn theme_text(assessment: &Assessment, theme_id: &str) -> String {
    match assessment.monitor.themes.iter().find(|t| t.id == theme_id) {
        Some(t) => match t.number {
            Some(n) => format!("{n}. {}", t.name),
            None => t.name.clone(),
        },
        None => theme_id.to_string(),
    }
}

/// The column headers of the one-line-per-row views (terminal table, Markdown).
pub fn row_header(lang: Lang) -> [&'static str; 10] {
    use i18n::Label::*;
    [
        Theme, Indicator, Series, Baseline, Latest, Target, Change, Expected, Score, Status,
    ]
    .map(|l| i18n::label(lang, l))
}

/// The cells of one row under [`row_header`]; the title cell is `title` (formats differ in
/// whether they add the id).
pub fn row_cells(a: &Assessment, lang: Lang, row: &Row, title: String) -> [String; 10] {
    let theme_number = a
        .monitor
        .themes
        .iter()
        .find(|t| t.id == row.theme)
        .and_then(|t| t.number)
        .map_or_else(|| row.theme.clone(), |n| n.to_string());
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
pub fn change_header(lang: Lang, from: i32, to: i32) -> [String; 9] {
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
pub fn change_cells(lang: Lang, change: &RowChange, title: String) -> [String; 9] {
    let status = |r: &Option<Row>| {
        r.as_ref()
            .map_or_else(|| "–".to_string(), |r| marked_row_status(lang, r))
    };
    let latest = |r: &Option<Row>| {
        r.as_ref()
            .map_or_else(|| "–".to_string(), |r| latest_text(lang, r))
    };
    let subject = change
        .to
        .as_ref()
        .or(change.from.as_ref())
        .map(subject_text)
        .unwrap_or_default();
    [
        title,
        subject,
        status(&change.from),
        status(&change.to),
        format!(
            "{} {}",
            change.status_change.symbol(),
            i18n::status_change(lang, change.status_change)
        ),
        latest(&change.from),
        latest(&change.to),
        change
            .value_change
            .map_or_else(|| "–".to_string(), |v| signed(lang, v, DECIMALS)),
        i18n::observation_change(lang, change.observation).to_string(),
    ]
}

/// One line that sums up a comparison: the plan's move and how many rows changed how.
pub fn change_summary(lang: Lang, c: &Comparison) -> String {
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
        c.monitor.municipality,
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
pub fn definition_lines(lang: Lang, d: &Detail) -> Vec<(String, String)> {
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
        let subject = match (&b.series, b.area == d.monitor.municipality) {
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
    match d.monitor.themes.iter().find(|t| t.id == d.definition.theme) {
        Some(t) => match t.number {
            Some(n) => format!("{n}. {}", t.name),
            None => t.name.clone(),
        },
        None => d.definition.theme_name.clone(),
    }
}

/// "Maassluis — W-migranten: ▲ Op koers (score 1,2)".
pub fn row_heading(lang: Lang, row: &Row) -> String {
    let subject = match &row.series {
        Some(s) => format!("{}, {s}", row.area),
        None => row.area.clone(),
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

pub fn observation_header(lang: Lang) -> [String; 6] {
    use i18n::Label::*;
    [Period, Value, Illustrative, Source, Note, File].map(|l| i18n::label(lang, l).to_string())
}

pub fn observation_cells(lang: Lang, o: &crate::model::Observation, unit: &str) -> [String; 6] {
    [
        i18n::period(lang, &o.period),
        value_text(lang, o.value, unit),
        if o.illustrative {
            "*".to_string()
        } else {
            String::new()
        },
        o.source.as_deref().unwrap_or("").to_string(),
        o.note.as_deref().unwrap_or("").to_string(),
        o.origin.to_string(),
    ]
}
