//! The annual progress report as a document: chapters and sections with headings of a level,
//! paragraphs, term–value lists, tables that know their header cells, and figures with a text
//! alternative and the data behind them. [`build()`] makes it once from an [`Assessment`] (and the
//! comparison with the year before); the PDF writer lays it out on pages and the HTML writer
//! writes it as a web page, so both say the same words and the same numbers.
//!
//! Every number in the document is a text made from a figure of the assessment (or of the
//! comparison), so each can be found in the JSON of `table` (or `compare`).
//!
//! Values are written with no-break spaces inside ("6,1 %", "juli 2021", "−0,6 procentpunt"),
//! so that no layout ever splits a value from its unit or a month from its year.
//!
//! [`Assessment`]: crate::assess::Assessment

pub mod build;
pub mod chart;
pub mod translate;
mod words;

pub use build::build;
pub use chart::Chart;

use crate::i18n::Lang;
use crate::model::Status;

/// Joins the words of one value with no-break spaces: "6,1 %" → "6,1 %".
pub(crate) fn unbroken(text: &str) -> String {
    text.replace(' ', "\u{a0}")
}

/// The whole report.
#[derive(Debug, Clone)]
pub struct Document {
    pub lang: Lang,
    /// The document's title, as its metadata and a running header give it.
    pub title: String,
    pub subject: String,
    pub author: String,
    pub creator: String,
    pub keywords: Vec<String>,
    pub generated: crate::model::Day,
    /// The left part of every page's footer (the page number goes right).
    pub footer: String,
    /// "Pagina {n} van {total}" as a function of the numbers.
    pub page_words: (String, String),
    pub cover: Cover,
    /// Level-1 sections: the chapters and annexes.
    pub chapters: Vec<Section>,
    /// True when any value shown is illustrative.
    pub illustrative: bool,
}

/// The title page.
#[derive(Debug, Clone)]
pub struct Cover {
    /// "Gemeente Maassluis".
    pub kicker: String,
    /// "Voortgangsrapportage 2021".
    pub title: String,
    /// The plan's title.
    pub subtitle: String,
    pub document: Option<String>,
    pub facts: Vec<Fact>,
    /// The warning about illustrative data, when there is any.
    pub warning: Option<String>,
}

/// A term and its value ("Verslagjaar: 2021"); the value may carry a status.
#[derive(Debug, Clone)]
pub struct Fact {
    pub term: String,
    pub value: String,
    pub status: Option<Status>,
}

/// A section: a heading of `level` (1 chapter, 2 theme, 3 indicator), its blocks, its
/// sub-sections.
#[derive(Debug, Clone)]
pub struct Section {
    pub level: u8,
    /// A name unique in the document, usable as an anchor.
    pub id: String,
    pub heading: String,
    pub blocks: Vec<Block>,
    pub sections: Vec<Section>,
    /// Keep the whole section on one page when it fits on one.
    pub keep_together: bool,
}

#[derive(Debug, Clone)]
pub enum Block {
    Paragraph(Paragraph),
    /// Terms and their values, one per line.
    Facts(Vec<Fact>),
    /// A bulleted list.
    List(Vec<String>),
    Table(Table),
    Figure(Box<Figure>),
}

#[derive(Debug, Clone)]
pub struct Paragraph {
    pub text: String,
    pub style: TextStyle,
    /// Printed before the text, in the status's colour: the symbol and the word.
    pub status: Option<Status>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextStyle {
    Body,
    /// A short bold line: a theme's status, a lead-in.
    Strong,
    /// Smaller, for notes under a table.
    Small,
    /// A command line or a formula, shown as typed.
    Code,
}

/// A data table: one header row of column names, then rows; a group row is a heading inside
/// the table (a theme, an indicator) spanning every column.
#[derive(Debug, Clone)]
pub struct Table {
    pub caption: String,
    pub columns: Vec<Column>,
    pub rows: Vec<TableRow>,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub header: String,
    pub align: Align,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Start,
    /// Numbers: right-aligned.
    End,
}

#[derive(Debug, Clone)]
pub enum TableRow {
    /// A heading row spanning the table.
    Group {
        text: String,
        status: Option<Status>,
    },
    /// Cells; the first is the row's header. `indent` > 0 sets the row under the one before
    /// (a series under its indicator).
    Data { cells: Vec<Cell>, indent: u8 },
}

#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    /// A status cell: printed with its colour.
    pub status: Option<Status>,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Self {
        Cell {
            text: text.into(),
            status: None,
        }
    }
}

/// A chart with what a reader who cannot see it needs: a description and the data.
#[derive(Debug, Clone)]
pub struct Figure {
    pub chart: Chart,
    /// What the chart shows, in a sentence or two: the series, first and last value, the
    /// target, the status.
    pub alt: String,
    /// The values drawn.
    pub data: Table,
}

impl Document {
    /// Every section in reading order, with its depth-first position.
    pub fn sections(&self) -> Vec<&Section> {
        fn walk<'a>(s: &'a Section, out: &mut Vec<&'a Section>) {
            out.push(s);
            for c in &s.sections {
                walk(c, out);
            }
        }
        let mut out = Vec::new();
        for c in &self.chapters {
            walk(c, &mut out);
        }
        out
    }
}
