//! The PDF annual progress report, A4: the report's [`Document`] laid out on pages
//! ([`layout`]), with a running header and page numbers. Text is set in DejaVu Sans, embedded
//! as a subset. Every number printed is a text of the document, which took it from the
//! assessment, and so can be found in the JSON output.
//!
//! The output is deterministic: fonts have fixed ids, the dates come from the assessment
//! (SOURCE_DATE_EPOCH), and the file identifier is a hash of the content ([`mod@file`]).
//!
//! Memory: a page's content stream is deflated as soon as it is written, the structure tree
//! goes to bytes as it is written, and the file is passed on to its writer a block at a time.

mod canvas;
mod chart;
mod content;
mod file;
pub mod fonts;
mod layout;
mod tagged;

use crate::report::Document;
use canvas::{Canvas, Census, Page, CONTENT_W, GREY, MARGIN_X, PAGE_H, PAGE_W};
use fonts::Face;
use std::io::Write;

/// The PDF writer of a report [`Document`].
pub(crate) struct Pdf;

impl super::Renderer<Document> for Pdf {
    fn render(&self, doc: &Document, out: &mut dyn Write) -> std::io::Result<()> {
        write_pdf(doc, out)
    }
}

/// Writes the whole report as a PDF into `out`.
pub(crate) fn write_pdf(doc: &Document, out: &mut dyn Write) -> std::io::Result<()> {
    let header = canvas::wrap(&doc.title, Face::Regular, 7.5, CONTENT_W).remove(0);
    let page_number = |index: usize, total: usize| {
        let (page, of) = &doc.page_words;
        format!("{page} {} {of} {total}", index + 1)
    };
    // The running header, footer and page number ("page n of N", once N is known): artifacts,
    // not content.
    let decorate = |page: Page, index: usize, total: Option<usize>| -> Page {
        let mut p = Canvas::decoration(page);
        if index > 0 {
            p.text(MARGIN_X, 34.0, 7.5, Face::Regular, GREY, &header);
            p.line(
                vec![(MARGIN_X, 40.0), (PAGE_W - MARGIN_X, 40.0)],
                0.4,
                GREY,
                None,
            );
        }
        p.line(
            vec![
                (MARGIN_X, PAGE_H - 44.0),
                (PAGE_W - MARGIN_X, PAGE_H - 44.0),
            ],
            0.4,
            GREY,
            None,
        );
        p.text(
            MARGIN_X,
            PAGE_H - 32.0,
            7.5,
            Face::Regular,
            GREY,
            &doc.footer,
        );
        if let Some(total) = total {
            let number = page_number(index, total);
            p.text(
                PAGE_W - MARGIN_X - Face::Regular.width(&number, 7.5),
                PAGE_H - 32.0,
                7.5,
                Face::Regular,
                GREY,
                &number,
            );
        }
        p.pages.pop().expect("one page")
    };

    // First the pages are counted and the characters each face shows noted (the page numbers'
    // too, once their count is known); nothing laid out is kept.
    let counting = |page: Page, index: usize| decorate(page, index, None);
    let mut census = Census::new(&counting);
    let element_count = layout::lay_out(doc, &mut census).len();
    let total = census.pages;
    for index in 0..total {
        census.note(Face::Regular, &page_number(index, total));
    }
    let (mut pdf, glyphs) =
        canvas::document(&doc.title, &census.chars, total).map_err(std::io::Error::other)?;
    let date = date_time(doc.generated);
    let info = &mut pdf.metadata.info;
    info.subject = doc.subject.clone();
    info.author = doc.author.clone();
    info.creator = doc.creator.clone();
    info.producer = format!("{} (printpdf)", doc.creator);
    info.keywords = doc.keywords.clone();
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;
    let mut warnings = Vec::new();
    // printpdf's objects, not its file: the tagging pass edits them and writes the file once
    // (reading a saved file back cost a parse), compressing its own way (see tagged::finish).
    // The fonts are subsets already (canvas::document), embedded as they are.
    let unsaved = printpdf::PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        ..printpdf::PdfSaveOptions::default()
    };
    let mut objects = pdf.to_lopdf_document(&unsaved, &mut warnings);
    drop(pdf);
    let pages: Vec<lopdf::ObjectId> = objects.get_pages().into_values().collect();
    if pages.len() != total {
        return Err(std::io::Error::other(format!(
            "{} pages made, {total} laid out",
            pages.len()
        )));
    }
    // The pages' content streams are ontrack's, written as the pages are laid out again:
    // printpdf's are dropped, their numbers kept.
    let mut contents = Vec::with_capacity(total);
    for &page in &pages {
        let stream = objects
            .get_object(page)
            .and_then(lopdf::Object::as_dict)
            .and_then(|d| d.get(b"Contents"))
            .and_then(lopdf::Object::as_reference)
            .map_err(|e| {
                std::io::Error::other(format!("a page without its content stream: {e}"))
            })?;
        objects.objects.remove(&stream);
        contents.push(stream);
    }
    let tree_root = objects.max_id + 1;
    let numbers = canvas::Numbers {
        tree_root,
        elements: tree_root + 1,
        element_count,
        page_arrays: tree_root + 1 + element_count as u32,
        pages,
        contents,
    };
    objects.max_id = numbers.page_arrays + total as u32 - 1;
    objects.version = "1.7".to_string();
    let mut file = file::FileWriter::start(out, &objects.version, &objects.binary_mark);
    // Then the report is laid out again, and each page written as soon as it is finished.
    let writing = |page: Page, index: usize| decorate(page, index, Some(total));
    let marked = canvas::write_pages(&mut file, &glyphs, &writing, &numbers, |sink| {
        layout::lay_out(doc, sink)
    })?;
    tagged::finish(objects, doc, marked, &numbers, date, file)
}

/// The start of `day` (UTC), as the PDF's dates are written.
fn date_time(day: crate::model::Day) -> printpdf::OffsetDateTime {
    let seconds = day.0.midnight().assume_utc().unix_timestamp();
    printpdf::OffsetDateTime::from_unix_timestamp(seconds)
        .or_else(|_| printpdf::OffsetDateTime::from_unix_timestamp(0))
        .expect("the epoch is a valid date")
}
