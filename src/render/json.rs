//! JSON: the stable contract for scripts. Any document as one object whose key order is fixed
//! by the struct field order: an assessment (`table`: `year` and `indicators`, one row object
//! per indicator × series × area), one indicator in full (`show`: the same row objects plus
//! `computation`, the method's recorded steps with what each concludes in the output's
//! language), a comparison (`compare`: `changes`, each with the two years' row objects under
//! `from` and `to`). Indented on a terminal or with `--pretty`, compact (one line) otherwise.

use super::trace::StepView;
use super::{Renderer, Style};
use crate::assess::compare::Comparison;
use crate::assess::detail::Detail;
use crate::assess::{Assessment, Row};
use serde::Serialize;
use std::io::Write;

pub struct Json(pub Style);

impl Json {
    fn write(&self, document: &impl Serialize, out: &mut dyn Write) -> std::io::Result<()> {
        // serde_json writes many small pieces: buffer them here, not through `dyn Write`.
        let mut buffered = std::io::BufWriter::with_capacity(1 << 16, out);
        if self.0.indent {
            serde_json::to_writer_pretty(&mut buffered, document)?;
        } else {
            serde_json::to_writer(&mut buffered, document)?;
        }
        buffered.write_all(b"\n")?;
        buffered.flush()
    }
}

impl Renderer<Assessment> for Json {
    fn render(&self, document: &Assessment, out: &mut dyn Write) -> std::io::Result<()> {
        self.write(document, out)
    }
}

impl Renderer<Comparison> for Json {
    fn render(&self, document: &Comparison, out: &mut dyn Write) -> std::io::Result<()> {
        self.write(document, out)
    }
}

/// `show`: the detail with each row's computation in words.
#[derive(Serialize)]
struct DetailView<'a> {
    #[serde(flatten)]
    detail: &'a Detail,
    indicators: Vec<DetailRowView<'a>>,
}

#[derive(Serialize)]
struct DetailRowView<'a> {
    #[serde(flatten)]
    row: &'a Row,
    computation: Vec<StepView<'a>>,
}

impl Renderer<Detail> for Json {
    fn render(&self, document: &Detail, out: &mut dyn Write) -> std::io::Result<()> {
        let lang = self.0.lang;
        let view = DetailView {
            detail: document,
            indicators: document
                .indicators
                .iter()
                .map(|r| DetailRowView {
                    row: &r.row,
                    computation: r
                        .computation
                        .iter()
                        .map(|s| StepView::new(lang, s))
                        .collect(),
                })
                .collect(),
        };
        self.write(&view, out)
    }
}
