//! The PDF annual progress report, A4: the report's [`Document`] laid out on pages
//! ([`layout`]), with a running header and page numbers. Text is set in DejaVu Sans, embedded
//! as a subset. Every number printed is a text of the document, which took it from the
//! assessment, and so can be found in the JSON output.
//!
//! The output is deterministic: fonts have fixed ids, the dates come from the assessment
//! (SOURCE_DATE_EPOCH), and the file identifier is a hash of the content.

mod canvas;
mod chart;
pub mod fonts;
mod layout;

use crate::report::Document;
use canvas::{Canvas, CONTENT_W, GREY, MARGIN_X, PAGE_H, PAGE_W};
use fonts::Face;
use std::io::Write;

/// The PDF writer of a report [`Document`].
pub(crate) struct Pdf;

impl super::Renderer<Document> for Pdf {
    fn render(&self, doc: &Document, out: &mut dyn Write) -> std::io::Result<()> {
        let bytes = render_pdf(doc).map_err(std::io::Error::other)?;
        out.write_all(&bytes)
    }
}

/// The whole report as PDF bytes.
pub(crate) fn render_pdf(doc: &Document) -> Result<Vec<u8>, String> {
    let mut c = layout::lay_out(doc);
    // Running header and footer, now that the page count is known.
    let total = c.pages.len();
    let header = canvas::wrap(&doc.title, Face::Regular, 7.5, CONTENT_W).remove(0);
    for (i, page) in c.pages.iter_mut().enumerate() {
        let mut p = Canvas::new();
        p.pages = vec![std::mem::take(page)];
        if i > 0 {
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
        let number = format!(
            "{} {} {} {}",
            doc.page_words.0,
            i + 1,
            doc.page_words.1,
            total
        );
        p.text(
            PAGE_W - MARGIN_X - Face::Regular.width(&number, 7.5),
            PAGE_H - 32.0,
            7.5,
            Face::Regular,
            GREY,
            &number,
        );
        *page = p.pages.pop().expect("one page");
    }

    let mut pdf = c.into_document(&doc.title)?;
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
    let bytes = pdf.save(&printpdf::PdfSaveOptions::default(), &mut warnings);
    finish(bytes, doc.lang)
}

/// The start of `day` (UTC), as the PDF's dates are written.
fn date_time(day: crate::model::Day) -> printpdf::OffsetDateTime {
    let seconds = day.0.midnight().assume_utc().unix_timestamp();
    printpdf::OffsetDateTime::from_unix_timestamp(seconds)
        .or_else(|_| printpdf::OffsetDateTime::from_unix_timestamp(0))
        .expect("the epoch is a valid date")
}

/// Sets the document language and replaces printpdf's per-process file identifier by a hash of
/// the content, so that the same input always gives the same bytes.
fn finish(bytes: Vec<u8>, lang: crate::i18n::Lang) -> Result<Vec<u8>, String> {
    use lopdf::{Object, StringFormat};
    let mut doc =
        lopdf::Document::load_mem(&bytes).map_err(|e| format!("reading back the PDF: {e}"))?;
    let root = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| format!("the PDF has no catalog: {e}"))?;
    if let Ok(catalog) = doc.get_object_mut(root).and_then(Object::as_dict_mut) {
        catalog.set(
            "Lang",
            Object::String(lang.code().as_bytes().to_vec(), StringFormat::Literal),
        );
    }
    // Name the embedded fonts as the subsets they are (a six-letter tag, then the family).
    for object in doc.objects.values_mut() {
        if let Ok(dict) = object.as_dict_mut() {
            for key in [&b"BaseFont"[..], &b"FontName"[..]] {
                let renamed = match dict.get(key).and_then(Object::as_name) {
                    Ok(b"F1") => Some(&b"ONTRKA+DejaVuSans"[..]),
                    Ok(b"F2") => Some(&b"ONTRKB+DejaVuSans-Bold"[..]),
                    _ => None,
                };
                if let Some(name) = renamed {
                    dict.set(key, Object::Name(name.to_vec()));
                }
            }
        }
    }
    // printpdf labels every file PDF/X; this report makes no such claim.
    if let Ok(info) = doc.trailer.get(b"Info").and_then(Object::as_reference) {
        if let Ok(dict) = doc.get_object_mut(info).and_then(Object::as_dict_mut) {
            dict.remove(b"GTS_PDFXVersion");
        }
    }
    doc.trailer.remove(b"ID");
    let mut unidentified = Vec::new();
    doc.save_to(&mut unidentified).map_err(|e| e.to_string())?;
    let id = format!(
        "{:016x}{:016x}",
        fnv1a(&unidentified, 0xcbf2_9ce4_8422_2325),
        fnv1a(&unidentified, 0x8422_2325_cbf2_9ce4)
    );
    let id = Object::String(id.into_bytes(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(|e| e.to_string())?;
    Ok(out)
}

fn fnv1a(bytes: &[u8], seed: u64) -> u64 {
    bytes.iter().fold(seed, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}
