//! JSON: the stable contract for scripts. Any document as one object whose key order is fixed
//! by the struct field order: an assessment (`table`: `year` and `indicators`, one row object
//! per indicator × series × area, with its `observations` only when `--observations` asks), one indicator in full (`show`: the same row objects plus
//! `computation`, the method's recorded steps with what each concludes in the output's
//! language), a comparison (`compare`: `changes`, each with the two years' row objects under
//! `from` and `to`). Indented on a terminal or with `--pretty`, compact (one line) otherwise.

use super::trace::StepView;
use super::{Renderer, Style};
use crate::assess::compare::{
    change_of, Change, Comparison, ObservationChange, RowChange, StatusChange,
};
use crate::assess::detail::Detail;
use crate::assess::{Assessment, Row};
use crate::model::Observation;
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

/// A row as JSON: its fields, then its observations when they are asked for.
#[derive(Serialize)]
struct RowView<'a> {
    #[serde(flatten)]
    row: &'a Row,
    #[serde(skip_serializing_if = "Option::is_none")]
    observations: Option<&'a [Observation]>,
}

impl<'a> RowView<'a> {
    fn new(row: &'a Row, observations: bool) -> Self {
        RowView {
            row,
            observations: observations.then_some(row.observations.as_slice()),
        }
    }
}

/// `table`: the assessment, its rows last.
#[derive(Serialize)]
struct AssessmentView<'a> {
    #[serde(flatten)]
    assessment: &'a Assessment,
    indicators: Vec<RowView<'a>>,
}

impl Json {
    /// A document whose last key holds a long list: compact, the list's items are made on
    /// every core and written in order, into the document as serde would have written it
    /// (`{…,"key":[item,item]}`); indented, in one go.
    fn write_with_list<'a, D: Serialize, T: Sync, V: Serialize>(
        &self,
        document: impl Fn(Vec<V>) -> D,
        items: &'a [T],
        view: impl Fn(&'a T) -> V + Sync,
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        if self.0.indent {
            return self.write(&document(items.iter().map(&view).collect()), out);
        }
        open_list(&document(Vec::new()), out)?;
        super::in_parallel(items, out, |first, part, buffer| {
            for (i, item) in part.iter().enumerate() {
                if first + i > 0 {
                    buffer.push(b',');
                }
                serde_json::to_writer(&mut *buffer, &view(item))?;
            }
            Ok(())
        })?;
        close_list(out)
    }

    /// An assessment whose rows are made and written a range at a time (compact JSON only):
    /// the document up to its list of rows; then [`Self::rows`] for each range and
    /// [`close_list`]. The same bytes as rendering the assessment with these rows.
    pub(crate) fn assessment_head(
        &self,
        assessment: &Assessment,
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        open_list(
            &AssessmentView {
                assessment,
                indicators: Vec::new(),
            },
            out,
        )
    }

    /// `rows`, each after a comma (the first row of the list drops its comma).
    pub(crate) fn rows(&self, rows: &[Row], buffer: &mut Vec<u8>) -> std::io::Result<()> {
        for row in rows {
            buffer.push(b',');
            serde_json::to_writer(&mut *buffer, &RowView::new(row, self.0.observations))?;
        }
        Ok(())
    }
}

/// `document`, whose last key is an empty list, up to that list's `[`.
fn open_list(document: &impl Serialize, out: &mut dyn Write) -> std::io::Result<()> {
    let head = serde_json::to_vec(document)?;
    let Some(open) = head.strip_suffix(b"]}") else {
        unreachable!("the list is the document's last key");
    };
    out.write_all(open)
}

/// The end of the list and of the document opened by [`open_list`].
pub(crate) fn close_list(out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(b"]}\n")
}

impl Renderer<Assessment> for Json {
    fn render(&self, document: &Assessment, out: &mut dyn Write) -> std::io::Result<()> {
        let observations = self.0.observations;
        self.write_with_list(
            |indicators| AssessmentView {
                assessment: document,
                indicators,
            },
            &document.indicators,
            |r| RowView::new(r, observations),
            out,
        )
    }
}

/// `compare`: each change, named by its row, with the two years' rows last.
#[derive(Serialize)]
struct ChangeView<'a> {
    id: &'a str,
    title: &'a str,
    theme: &'a str,
    series: Option<&'a str>,
    series_id: Option<&'a str>,
    area: &'a str,
    peer: bool,
    unit: &'a str,
    status_change: StatusChange,
    observation: ObservationChange,
    value_change: Option<f64>,
    score_change: Option<f64>,
    from: Option<RowView<'a>>,
    to: Option<RowView<'a>>,
}

impl<'a> ChangeView<'a> {
    fn new(c: Change<'a>, observations: bool) -> Self {
        let row = c.row;
        ChangeView {
            id: row.id,
            title: row.title,
            theme: row.theme,
            series: row.series,
            series_id: row.series_id,
            area: row.area,
            peer: row.peer,
            unit: row.unit,
            status_change: c.status_change,
            observation: c.observation,
            value_change: c.value_change,
            score_change: c.score_change,
            from: c.from.map(|r| RowView::new(r, observations)),
            to: c.to.map(|r| RowView::new(r, observations)),
        }
    }
}

#[derive(Serialize)]
struct ComparisonView<'a> {
    #[serde(flatten)]
    comparison: &'a Comparison,
    changes: Vec<ChangeView<'a>>,
}

impl Renderer<Comparison> for Json {
    fn render(&self, document: &Comparison, out: &mut dyn Write) -> std::io::Result<()> {
        let observations = self.0.observations;
        self.write_with_list(
            |changes| ComparisonView {
                comparison: document,
                changes,
            },
            &document.changes,
            |c| ChangeView::new(document.change(c), observations),
            out,
        )
    }
}

impl Json {
    /// A comparison whose changes are made and written a range at a time (compact JSON only):
    /// the document up to its list of changes; then [`Self::changes`] for each range and
    /// [`close_list`]. The same bytes as rendering the comparison with these changes.
    pub(crate) fn comparison_head(
        &self,
        comparison: &Comparison,
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        open_list(
            &ComparisonView {
                comparison,
                changes: Vec::new(),
            },
            out,
        )
    }

    /// `changes` between `earlier` and `later` (the rows they name), each after a comma (the
    /// first of the list drops its comma).
    pub(crate) fn changes(
        &self,
        (earlier, later): (&[Row], &[Row]),
        changes: &[RowChange],
        buffer: &mut Vec<u8>,
    ) -> std::io::Result<()> {
        for c in changes {
            buffer.push(b',');
            let change = ChangeView::new(change_of(earlier, later, c), self.0.observations);
            serde_json::to_writer(&mut *buffer, &change)?;
        }
        Ok(())
    }
}

/// `show`: the detail with each row's observations and computation in words.
#[derive(Serialize)]
struct DetailView<'a> {
    #[serde(flatten)]
    detail: &'a Detail,
    indicators: Vec<DetailRowView<'a>>,
}

#[derive(Serialize)]
struct DetailRowView<'a> {
    #[serde(flatten)]
    row: RowView<'a>,
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
                    row: RowView::new(&r.row, true),
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
