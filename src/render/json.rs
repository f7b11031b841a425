//! JSON: the stable contract for scripts. Any document as one object whose key order is fixed
//! by the struct field order: an assessment (`table`: `year` and `indicators`, one row object
//! per indicator × series × area, with its `observations` only when `--observations` asks), one indicator in full (`show`: the same row objects plus
//! `computation`, the method's recorded steps with what each concludes in the output's
//! language), a comparison (`compare`: `changes`, each with the two years' row objects under
//! `from` and `to`). Indented on a terminal or with `--pretty`, compact (one line) otherwise.
//! The long lists of compact JSON (rows, changes) are written by [`super::json_compact`], to the
//! bytes serde writes for the views here (the tests below compare the two).

use super::json_compact as compact;
use super::trace::StepView;
use super::{Renderer, Style};
use crate::assess::compare::{
    change_of, Change, Comparison, ObservationChange, RowChange, StatusChange, Summary,
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
    /// A document with a long list: compact, the document up to the list (`document(None)`,
    /// whose last key is the list), the list's items written by `compact` (the bytes serde
    /// writes for their `view`) on every core and in order, and `close` (the list's end and
    /// what follows it): the document as serde would have written it
    /// (`{…,"key":[item,item]…}`); indented, `document(Some(items))` by serde in one go.
    fn write_with_list<'a, D: Serialize, T: Sync, V: Serialize>(
        &self,
        document: impl Fn(Option<Vec<V>>) -> D,
        items: &'a [T],
        view: impl Fn(&'a T) -> V,
        compact: impl Fn(&mut compact::Out, &'a T) + Sync,
        close: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        if self.0.indent {
            return self.write(&document(Some(items.iter().map(&view).collect())), out);
        }
        open_list(&document(None), out)?;
        super::in_parallel(items, out, |first, part, buffer| {
            let mut out = compact::Out(buffer);
            for (i, item) in part.iter().enumerate() {
                if first + i > 0 {
                    out.0.push(b',');
                }
                compact(&mut out, item);
            }
            Ok(())
        })?;
        close(out)
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
        let mut out = compact::Out(buffer);
        for row in rows {
            out.0.push(b',');
            compact::row(&mut out, row, self.0.observations);
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

/// The end of the list of changes opened by [`Json::comparison_head`], their `summary`, and
/// the document's end.
pub(crate) fn close_comparison(summary: &Summary, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(b"],\"summary\":")?;
    serde_json::to_writer(&mut *out, summary)?;
    out.write_all(b"}\n")
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
                indicators: indicators.unwrap_or_default(),
            },
            &document.indicators,
            |r| RowView::new(r, observations),
            |out, r| compact::row(out, r, observations),
            close_list,
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

/// `compare`: the comparison, its changes, and last the summary of the changes (counted as
/// they are written when the comparison is written a range at a time).
#[derive(Serialize)]
struct ComparisonView<'a> {
    #[serde(flatten)]
    comparison: &'a Comparison,
    changes: Vec<ChangeView<'a>>,
    /// None only in the document's head, which ends with the list of changes.
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a Summary>,
}

impl Renderer<Comparison> for Json {
    fn render(&self, document: &Comparison, out: &mut dyn Write) -> std::io::Result<()> {
        let observations = self.0.observations;
        self.write_with_list(
            |changes| ComparisonView {
                comparison: document,
                summary: changes.is_some().then_some(&document.summary),
                changes: changes.unwrap_or_default(),
            },
            &document.changes,
            |c| ChangeView::new(document.change(c), observations),
            |out, c| compact::change_view(out, &document.change(c), observations),
            |out| close_comparison(&document.summary, out),
            out,
        )
    }
}

impl Json {
    /// A comparison whose changes are made and written a range at a time (compact JSON only):
    /// the document up to its list of changes; then [`Self::changes`] for each range and
    /// [`close_comparison`] with their summary. The same bytes as rendering the comparison with
    /// these changes.
    pub(crate) fn comparison_head(
        &self,
        comparison: &Comparison,
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        open_list(
            &ComparisonView {
                comparison,
                changes: Vec::new(),
                summary: None,
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
        let mut out = compact::Out(buffer);
        for c in changes {
            out.0.push(b',');
            compact::change_view(&mut out, &change_of(earlier, later, c), self.0.observations);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::{compare::compare, Options};
    use crate::model::{Method, Period, Provenance, Remarks, Status, Target, Thresholds};

    fn bundled(year: i32, method: Option<Method>) -> Assessment {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let data = crate::load::load(&root.join("indicators.toml"), &root.join("measurements"))
            .expect("the bundled monitor loads");
        let opts = Options {
            year: Some(year),
            method,
            ..Options::default()
        };
        crate::assess::assess_borrowed(&data, &opts).unwrap()
    }

    /// The compact writer's bytes for `row`, and serde's.
    fn both_rows(row: &Row, observations: bool) -> (String, String) {
        let mut direct = Vec::new();
        compact::row(&mut compact::Out(&mut direct), row, observations);
        let by_serde = serde_json::to_vec(&RowView::new(row, observations)).unwrap();
        (
            String::from_utf8(direct).unwrap(),
            String::from_utf8(by_serde).unwrap(),
        )
    }

    /// Every row of the bundled monitor, for several years and both methods, with and without
    /// its observations, and every change between two years: the same bytes as serde's.
    #[test]
    fn the_compact_writer_writes_the_bytes_serde_writes_for_every_bundled_row_and_change() {
        let mut rows = 0;
        for method in [Some(Method::OpenSdg), Some(Method::Linear)] {
            for year in [2017, 2019, 2020, 2021] {
                for row in &bundled(year, method).indicators {
                    for observations in [false, true] {
                        let (direct, by_serde) = both_rows(row, observations);
                        assert_eq!(direct, by_serde);
                        rows += 1;
                    }
                }
            }
            let comparison = compare(bundled(2020, method), bundled(2021, method));
            assert!(!comparison.changes.is_empty());
            for c in &comparison.changes {
                for observations in [false, true] {
                    let change = comparison.change(c);
                    let mut direct = Vec::new();
                    compact::change_view(&mut compact::Out(&mut direct), &change, observations);
                    let by_serde = serde_json::to_vec(&ChangeView::new(change, observations));
                    assert_eq!(
                        String::from_utf8(direct).unwrap(),
                        String::from_utf8(by_serde.unwrap()).unwrap()
                    );
                }
            }
        }
        assert!(rows > 100, "{rows} rows compared");
    }

    /// A row with every optional part given, strings that must be escaped, numbers that are
    /// not finite, and periods of every kind; and the same row with every optional part left
    /// out: the same bytes as serde's.
    #[test]
    fn the_compact_writer_escapes_and_writes_every_optional_part_as_serde_does() {
        let base = bundled(2021, None)
            .indicators
            .into_iter()
            .find(|r| !r.observations.is_empty())
            .expect("a row with observations");
        let school_year = Period::parse("2016/2017").unwrap();
        let month = Period::parse("2018-07").unwrap();
        // Each string has one kind of character that must be escaped (some have all), so
        // that each kind alone is seen to be.
        let kinds = ["\"", "\\", "\n", "\t", "\u{1}", "\u{1f}"];
        let next = std::cell::Cell::new(0);
        let odd = |s: &str| {
            let at = next.get();
            next.set(at + 1);
            match kinds.get(at) {
                Some(kind) => format!("{s} {kind} é ✓"),
                None => format!("{s} \"quoted\" back\\slash\nline\ttab\u{1}bell é ✓"),
            }
        };
        let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
        let remarks = Remarks::shared(Some(odd("source").into()), Some(odd("note").into()));
        let file = crate::model::FileName::new(&odd("file"));
        let mut full = base.clone();
        full.title = leak(odd("title"));
        full.series = Some(leak(odd("series")));
        full.series_id = Some("s\"1");
        full.area = leak(odd("area"));
        full.unit = "\u{7f}%";
        full.baseline = Some(crate::assess::BaselineValue {
            value: -0.0,
            period: school_year,
            count: Some(12.0),
            denominator: Some(40.0),
            as_written: Some(odd("12 van 40")),
        });
        full.target = Some(Target {
            value: 1e21,
            year: 2030,
        });
        full.latest = Some(crate::assess::Value {
            value: 1e-7,
            period: month,
            illustrative: true,
        });
        full.change = Some(crate::assess::Change {
            absolute: f64::NAN,
            relative: Some(f64::INFINITY),
        });
        full.improved = Some(false);
        full.progress = Some(f64::NEG_INFINITY);
        full.gap = Some(0.1 + 0.2);
        full.expected = Some(-123456.789);
        full.method = Some(Method::Linear);
        full.status = Status::TargetNotAchieved;
        full.manual = Some(crate::assess::Manual {
            reason: odd("by hand"),
            computed_status: Status::NoDirection,
            computed_score: None,
        });
        full.score = Some(-3.75);
        full.progress_value = Some(f64::MIN_POSITIVE);
        full.inputs = Some(crate::assess::Inputs {
            base_year: 0,
            base_value: 2.5,
            current_year: 9999,
            current_value: -1.0,
            target: None,
            target_year: Some(-1),
            limit: Some(0.5),
            coefficient: None,
        });
        full.thresholds = Some(Thresholds {
            high: 0.95,
            med: 0.6,
            low: 0.0,
        });
        full.reason = Some(odd("reason"));
        full.rank = Some(crate::assess::Rank {
            position: usize::MAX,
            of: 0,
            order: crate::assess::RankOrder::Ascending,
            period: school_year,
            tied: true,
        });
        full.illustrative = true;
        full.source = Some(crate::model::name(&odd("row source")));
        for (o, period) in full.observations.iter_mut().zip([school_year, month]) {
            // The largest line an observation holds.
            let line = u32::try_from(crate::model::MAX_LINE).unwrap();
            *o = crate::model::Observation::new(
                period,
                o.value,
                Provenance::shared(file, remarks, true).unwrap(),
                line,
            );
        }
        let mut empty = full.clone();
        empty.series = None;
        empty.series_id = None;
        empty.baseline = None;
        empty.target = None;
        empty.latest = None;
        empty.change = None;
        empty.improved = None;
        empty.progress = None;
        empty.gap = None;
        empty.expected = None;
        empty.method = None;
        empty.manual = None;
        empty.score = None;
        empty.progress_value = None;
        empty.inputs = None;
        empty.thresholds = None;
        empty.reason = None;
        empty.rank = None;
        empty.source = None;
        empty.observations.clear();
        // The other order of a ranking (its code written by `RankOrder::code`, not serde).
        let mut best_first = full.clone();
        if let Some(rank) = &mut best_first.rank {
            rank.order = crate::assess::RankOrder::BestFirst;
        }
        // Values from two sheets of a workbook (one name to escape): `file[sheet]:line`.
        let workbook = crate::model::FileName::new("measurements/2021.xlsx");
        let mut in_sheets = full.clone();
        for (o, sheet) in in_sheets
            .observations
            .iter_mut()
            .zip(["Gegevens", "Blad \"1\""])
        {
            *o = crate::model::Observation::new(
                o.period(),
                o.value,
                Provenance::in_sheet(workbook, Some(sheet), remarks, false).unwrap(),
                3,
            );
        }
        for row in [&full, &empty, &best_first, &in_sheets] {
            for observations in [false, true] {
                let (direct, by_serde) = both_rows(row, observations);
                assert_eq!(direct, by_serde);
            }
        }
        let (written, _) = both_rows(&in_sheets, true);
        for origin in [
            "\"from\":\"measurements/2021.xlsx[Gegevens]:3\"",
            "\"from\":\"measurements/2021.xlsx[Blad \\\"1\\\"]:3\"",
        ] {
            assert!(written.contains(origin), "{origin} in {written}");
        }
        // A change's rows are written with their own names, also where one is named otherwise
        // than the change (the compact writer copies the change's names only where they are
        // the same).
        let mut renamed = empty.clone();
        renamed.title = leak(odd("another title"));
        for (from, to) in [(&full, &empty), (&renamed, &empty), (&empty, &renamed)] {
            let change = crate::assess::compare::Change {
                row: to,
                from: Some(from),
                to: Some(to),
                status_change: crate::assess::compare::StatusChange::Better,
                observation: crate::assess::compare::ObservationChange::New,
                value_change: Some(0.1),
                score_change: None,
            };
            let mut direct = Vec::new();
            compact::change_view(&mut compact::Out(&mut direct), &change, true);
            let by_serde = serde_json::to_vec(&ChangeView::new(change, true)).unwrap();
            assert_eq!(String::from_utf8(direct), String::from_utf8(by_serde));
        }
        // What the test is about is in the bytes compared.
        let (written, _) = both_rows(&full, true);
        for part in [
            "\\\"quoted\\\"",
            "source \\\"",
            "note \\\\",
            "file \\n",
            "title \\t",
            "series \\u0001",
            "area \\u001f",
            "null",
            "2016/2017",
            "2018-07",
            "1e+21",
        ] {
            assert!(written.contains(part), "{part} in {written}");
        }
    }
}
