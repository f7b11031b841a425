//! Output formats. Each format is a pure function of an already computed document (an
//! [`Assessment`], a [`Comparison`], a [`Detail`]): compute once, render many. This module
//! chooses the renderer for a format; [`write()`] writes what it renders; [`values`] and
//! [`cells`] are the texts the people-facing formats share; [`trace`] puts the method's steps
//! into words.

mod cells;
pub mod csv;
pub(crate) mod html;
pub mod json;
mod json_compact;
pub mod markdown;
pub mod pdf;
pub mod table;
pub mod trace;
mod values;
mod write;

pub use crate::output::ignore_broken_pipe;
pub(crate) use cells::*;
pub(crate) use values::*;
pub use write::write;
pub(crate) use write::{bytes_to, to_file};

use crate::assess::compare::Comparison;
use crate::assess::detail::Detail;
use crate::assess::Assessment;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use std::io::Write;
use std::path::Path;

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
    #[value(skip)]
    Html,
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
            "html" | "htm" => Some(Format::Html),
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

/// The formats of the report (`ontrack report --format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ReportFormat {
    /// A4 PDF for the council papers (tagged PDF/UA-1).
    #[default]
    Pdf,
    /// One self-contained, accessible web page.
    Html,
}

impl ReportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Pdf => "pdf",
            ReportFormat::Html => "html",
        }
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
    /// JSON rows carry their observations.
    pub observations: bool,
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
            observations: false,
        }
    }
}

/// One output format of one kind of document ([`Assessment`], [`Comparison`], [`Detail`]).
pub trait Renderer<T> {
    fn render(&self, document: &T, out: &mut dyn Write) -> std::io::Result<()>;
}

/// The renderer of an assessment (`table`): every text format.
pub fn renderer(format: Format, style: Style) -> Result<Box<dyn Renderer<Assessment>>> {
    Ok(match format {
        Format::Table => Box::new(table::Table(style)),
        Format::Csv => Box::new(csv::Delimited(b',')),
        Format::Tsv => Box::new(csv::Delimited(b'\t')),
        Format::Json => Box::new(json::Json(style)),
        Format::Markdown => Box::new(markdown::Markdown(style.lang)),
        Format::Pdf | Format::Html => {
            return Err(Error::usage(
                "`table` writes text formats; `report` writes the PDF and the web page",
            ))
        }
    })
}

/// The renderer of the report document (`report`).
pub(crate) fn report_renderer(format: ReportFormat) -> Box<dyn Renderer<crate::report::Document>> {
    match format {
        ReportFormat::Pdf => Box::new(pdf::Pdf),
        ReportFormat::Html => Box::new(html::Html),
    }
}

/// The renderer of a comparison of two years (`compare`); every text format.
pub(crate) fn comparison_renderer(
    format: Format,
    style: Style,
) -> Result<Box<dyn Renderer<Comparison>>> {
    Ok(match format {
        Format::Table => Box::new(table::Table(style)),
        Format::Csv => Box::new(csv::Delimited(b',')),
        Format::Tsv => Box::new(csv::Delimited(b'\t')),
        Format::Json => Box::new(json::Json(style)),
        Format::Markdown => Box::new(markdown::Markdown(style.lang)),
        Format::Pdf | Format::Html => {
            return Err(Error::usage(
                "`compare` writes text formats, not PDF or HTML",
            ))
        }
    })
}

/// The renderer of one indicator in full (`show`): the text view, JSON or Markdown.
pub(crate) fn detail_renderer(format: Format, style: Style) -> Result<Box<dyn Renderer<Detail>>> {
    Ok(match format {
        Format::Table => Box::new(table::Table(style)),
        Format::Json => Box::new(json::Json(style)),
        Format::Markdown => Box::new(markdown::Markdown(style.lang)),
        Format::Csv | Format::Tsv | Format::Pdf | Format::Html => {
            return Err(Error::usage("`show` writes table, json or markdown"))
        }
    })
}

/// The digits of `value` appended to `out`, without the formatting machinery (the fields of
/// hundreds of thousands of rows: years, lines, ranks).
pub(crate) fn push_int(out: &mut Vec<u8>, value: impl itoa::Integer) {
    out.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
}

/// Renders `items` a chunk at a time on every core, each chunk into its own buffer by
/// `chunk` (given the position of the chunk's first item), and writes the buffers in order: the bytes are those of rendering the items one
/// after another, in a fraction of the time for the hundreds of thousands of rows of a national
/// monitor. At most a few chunks are held at once.
pub(crate) fn in_parallel<'a, T: Sync>(
    items: &'a [T],
    out: &mut dyn Write,
    chunk: impl Fn(usize, &'a [T], &mut Vec<u8>) -> std::io::Result<()> + Sync,
) -> std::io::Result<()> {
    const ROWS: usize = 4096;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads == 1 || items.len() <= ROWS {
        // One chunk after another through one buffer: the output is never held whole.
        let mut buffer = Vec::new();
        for (i, part) in items.chunks(ROWS).enumerate() {
            buffer.clear();
            chunk(i * ROWS, part, &mut buffer)?;
            out.write_all(&buffer)?;
        }
        return Ok(());
    }
    crate::parallel::in_order(
        items.chunks(ROWS).enumerate(),
        |(i, part)| {
            let mut buffer = Vec::with_capacity(part.len() * 256);
            chunk(i * ROWS, part, &mut buffer).map(|()| buffer)
        },
        |buffer| out.write_all(&buffer?),
    )
}
