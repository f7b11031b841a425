//! Output formats. Each format is a pure function of an already computed [`Assessment`]
//! (compute once, render many); [`write_output`] does the writing: to standard output, or
//! atomically to a file (a temporary file renamed into place), never over an input file.

pub mod csv;
pub mod json;
pub mod markdown;
pub mod pdf;
pub mod table;

use crate::assess::{Assessment, Row};
use crate::error::{Error, Result};
use crate::i18n::{self, Lang};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Tsv,
    Json,
    Markdown,
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
    /// The output goes to a terminal: JSON is indented for reading; otherwise it is compact.
    pub terminal: bool,
}

/// One output format.
pub trait Renderer {
    fn render(&self, assessment: &Assessment, out: &mut dyn Write) -> std::io::Result<()>;
}

pub fn renderer(format: Format, style: Style) -> Box<dyn Renderer> {
    match format {
        Format::Table => Box::new(table::Table(style)),
        Format::Csv => Box::new(csv::Delimited(b',')),
        Format::Tsv => Box::new(csv::Delimited(b'\t')),
        Format::Json => Box::new(json::Json(style)),
        Format::Markdown => Box::new(markdown::Markdown(style.lang)),
        Format::Pdf => Box::new(pdf::Pdf(style.lang)),
    }
}

/// Renders to standard output. A closed pipe (`| head`) is not an error.
pub fn to_stdout(renderer: &dyn Renderer, assessment: &Assessment) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = renderer
        .render(assessment, &mut out)
        .and_then(|()| out.flush());
    ignore_broken_pipe(result)
}

/// The result of writing to standard output, where a reader that went away (`| head`) is
/// success, not an error.
pub fn ignore_broken_pipe(result: std::io::Result<()>) -> Result<()> {
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::io(Path::new("<stdout>"), &e)),
        Ok(()) => Ok(()),
    }
}

/// Renders into `path` atomically. Refuses to write over any of `inputs`.
pub fn to_file(
    renderer: &dyn Renderer,
    assessment: &Assessment,
    path: &Path,
    inputs: &[PathBuf],
) -> Result<()> {
    write_atomically(path, inputs, |out| renderer.render(assessment, out))
}

/// Streams what `write` writes into a temporary file beside `path` and renames it into place,
/// so that readers see the old file or the new one, never a partial one; on failure the
/// temporary file is removed and `path` is untouched.
pub fn write_atomically(
    path: &Path,
    inputs: &[PathBuf],
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    if let Ok(target) = path.canonicalize() {
        for input in inputs {
            if input.canonicalize().is_ok_and(|i| i == target) {
                return Err(Error::usage(format!(
                    "{}: refusing to write over an input file; choose another --out",
                    path.display()
                )));
            }
        }
    }
    if path.is_dir() {
        return Err(Error::Io {
            path: path.to_path_buf(),
            message: "is a folder; expected a file name".to_string(),
        });
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, &e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".to_string());
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::File::create(&temp)
        .and_then(|f| {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, f);
            write(&mut out)?;
            out.into_inner().map_err(|e| e.into_error())?.sync_all()
        })
        .and_then(|()| std::fs::rename(&temp, path));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(Error::io(path, &e));
    }
    Ok(())
}

// ---- Cell texts shared by the people-facing formats (table, Markdown, PDF).

/// At most this many decimals in people-facing numbers (trailing zeros are dropped).
const DECIMALS: usize = 2;

/// "6,1 %" / "825 inwoners" / "5,9 score".
pub fn value_text(lang: Lang, value: f64, unit: &str) -> String {
    let n = i18n::number(lang, value, DECIMALS);
    match unit {
        "%" => format!("{n} %"),
        "score" | "rapportcijfer" | "factor" => n,
        _ => format!("{n} {unit}"),
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
            let abs = signed(lang, c.absolute, DECIMALS);
            match c.relative {
                Some(r) => format!("{abs} ({} %)", signed(lang, r * 100.0, 1)),
                None => abs,
            }
        }
        None => "–".to_string(),
    }
}

pub fn signed(lang: Lang, value: f64, decimals: usize) -> String {
    let text = i18n::number(lang, value, decimals);
    if text.starts_with('-') || text == "0" {
        text.replacen('-', "−", 1)
    } else {
        format!("+{text}")
    }
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
        format!(
            "{} {}",
            row.status.symbol(),
            crate::assess::status_text(lang, row)
        ),
    ]
}
