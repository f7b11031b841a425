//! CSV and TSV: one line per indicator × series × area (for a comparison: per row of both
//! years), flat columns, `.` decimals, full precision, no colour. Text that a spreadsheet would
//! take for a formula is neutralised.

use super::Renderer;
use crate::assess::compare::{change_of, Change, Comparison, RowChange};
use crate::assess::{Assessment, Row};
use crate::number_format::{Decimals, NumberStyle};
use std::io::Write;

/// Delimited text with the given delimiter (`,` or tab).
pub(crate) struct Delimited(pub u8);

const HEADER: [&str; 30] = [
    "id",
    "title",
    "theme",
    "series",
    "area",
    "peer",
    "unit",
    "direction",
    "goal",
    "baseline_value",
    "baseline_period",
    "target_value",
    "target_year",
    "latest_value",
    "latest_period",
    "change_absolute",
    "change_relative",
    "improved",
    "progress",
    "gap",
    "expected",
    "method",
    "status",
    "manual_reason",
    "score",
    "progress_value",
    "rank",
    "illustrative",
    "reason",
    "source",
];

/// `v` in `style`, or an empty cell.
fn in_style(v: Option<f64>, decimals: Decimals) -> String {
    v.map(|v| {
        NumberStyle {
            decimals,
            ..NumberStyle::MACHINE
        }
        .format(v)
    })
    .unwrap_or_default()
}

/// A measured number, exactly as read.
fn num(v: Option<f64>) -> String {
    in_style(v, Decimals::Shortest)
}

/// A computed number (a ratio, a progress value, an expected value) without binary-fraction
/// noise: twelve significant digits, far beyond any measurement, then the shortest form
/// (−0.12799999999999997 is −0.128).
fn computed(v: Option<f64>) -> String {
    in_style(v, Decimals::Significant(12))
}

/// A score as people read it: two decimals (JSON keeps every digit, for scripts and checks).
fn score(v: Option<f64>) -> String {
    in_style(v, Decimals::AtMost(2))
}

/// Prefixes text that begins like a spreadsheet formula with `'`, so that opening the file
/// never runs it. Numbers are written by [`num`] and never pass through here.
pub(crate) fn neutralise(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

fn record(row: &Row) -> Vec<String> {
    let text = |s: &str| neutralise(s);
    vec![
        text(&row.id),
        text(&row.title),
        text(&row.theme),
        text(row.series.as_deref().unwrap_or("")),
        text(&row.area),
        row.peer.to_string(),
        text(&row.unit),
        row.direction.code().to_string(),
        row.goal.code().to_string(),
        num(row.baseline.as_ref().map(|b| b.value)),
        row.baseline
            .as_ref()
            .map(|b| b.period.to_string())
            .unwrap_or_default(),
        num(row.target.as_ref().map(|t| t.value)),
        row.target
            .as_ref()
            .map(|t| t.year.to_string())
            .unwrap_or_default(),
        num(row.latest.as_ref().map(|l| l.value)),
        row.latest
            .as_ref()
            .map(|l| l.period.to_string())
            .unwrap_or_default(),
        num(row.change.as_ref().map(|c| c.absolute)),
        computed(row.change.as_ref().and_then(|c| c.relative)),
        row.improved.map(|b| b.to_string()).unwrap_or_default(),
        computed(row.progress),
        num(row.gap),
        computed(row.expected),
        row.method.map(|m| m.code().to_string()).unwrap_or_default(),
        row.status.code().to_string(),
        text(row.manual.as_ref().map(|m| m.reason.as_str()).unwrap_or("")),
        score(row.score),
        computed(row.progress_value),
        row.rank
            .as_ref()
            .map(|r| format!("{}/{}", r.position, r.of))
            .unwrap_or_default(),
        row.illustrative.to_string(),
        text(row.reason.as_deref().unwrap_or("")),
        text(row.source.as_deref().unwrap_or("")),
    ]
}

impl Delimited {
    /// The header, then the records of `items` (made on every core, written in order).
    fn write<T: Sync, const N: usize>(
        &self,
        header: [&str; N],
        items: &[T],
        record: impl Fn(&T) -> Vec<String> + Sync,
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        self.header(header, out)?;
        super::in_parallel(items, out, |_, part, buffer| {
            self.records(part, &record, buffer)
        })
    }

    fn header<const N: usize>(
        &self,
        header: [&str; N],
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        let mut head = csv::WriterBuilder::new().delimiter(self.0).from_writer(out);
        head.write_record(header)?;
        head.flush()
    }

    fn records<T>(
        &self,
        items: &[T],
        record: impl Fn(&T) -> Vec<String>,
        buffer: &mut Vec<u8>,
    ) -> std::io::Result<()> {
        let mut records = csv::WriterBuilder::new()
            .delimiter(self.0)
            .from_writer(buffer);
        for item in items {
            records.write_record(record(item))?;
        }
        records.flush()
    }

    /// The header of an assessment's rows, for rows written a range at a time
    /// ([`crate::assess::Streamed`]); then [`Self::rows`] for each range.
    pub(crate) fn rows_header(&self, out: &mut dyn Write) -> std::io::Result<()> {
        self.header(HEADER, out)
    }

    /// The records of `rows`: together with [`Self::rows_header`] the same bytes as rendering
    /// an assessment with these rows.
    pub(crate) fn rows(&self, rows: &[Row], buffer: &mut Vec<u8>) -> std::io::Result<()> {
        self.records(rows, record, buffer)
    }
}

impl Renderer<Assessment> for Delimited {
    fn render(&self, assessment: &Assessment, out: &mut dyn Write) -> std::io::Result<()> {
        self.write(HEADER, &assessment.indicators, record, out)
    }
}

const CHANGE_HEADER: [&str; 20] = [
    "id",
    "title",
    "theme",
    "series",
    "area",
    "peer",
    "unit",
    "status_change",
    "observation",
    "from_status",
    "to_status",
    "from_score",
    "to_score",
    "score_change",
    "from_value",
    "from_period",
    "to_value",
    "to_period",
    "value_change",
    "illustrative",
];

fn change_record(c: &Change) -> Vec<String> {
    let status = |r: Option<&Row>| r.map(|r| r.status.code()).unwrap_or_default();
    let score_of = |r: Option<&Row>| score(r.and_then(|r| r.score));
    fn latest(r: Option<&Row>) -> Option<&crate::assess::Value> {
        r.and_then(|r| r.latest.as_ref())
    }
    let illustrative = [c.from, c.to]
        .iter()
        .any(|r| r.is_some_and(|r| r.illustrative));
    let row = c.row;
    vec![
        neutralise(&row.id),
        neutralise(&row.title),
        neutralise(&row.theme),
        neutralise(row.series.as_deref().unwrap_or("")),
        neutralise(&row.area),
        row.peer.to_string(),
        neutralise(&row.unit),
        c.status_change.code().to_string(),
        c.observation.code().to_string(),
        status(c.from).to_string(),
        status(c.to).to_string(),
        score_of(c.from),
        score_of(c.to),
        score(c.score_change),
        num(latest(c.from).map(|l| l.value)),
        latest(c.from)
            .map(|l| l.period.to_string())
            .unwrap_or_default(),
        num(latest(c.to).map(|l| l.value)),
        latest(c.to)
            .map(|l| l.period.to_string())
            .unwrap_or_default(),
        num(c.value_change),
        illustrative.to_string(),
    ]
}

impl Delimited {
    /// The header of a comparison's changes, for changes written a range at a time; then
    /// [`Self::changes`] for each range.
    pub(crate) fn changes_header(&self, out: &mut dyn Write) -> std::io::Result<()> {
        self.header(CHANGE_HEADER, out)
    }

    /// The records of `changes` between `earlier` and `later` (the rows they name): with
    /// [`Self::changes_header`] the same bytes as rendering a comparison with these changes.
    pub(crate) fn changes(
        &self,
        (earlier, later): (&[Row], &[Row]),
        changes: &[RowChange],
        buffer: &mut Vec<u8>,
    ) -> std::io::Result<()> {
        self.records(
            changes,
            |c| change_record(&change_of(earlier, later, c)),
            buffer,
        )
    }
}

impl Renderer<Comparison> for Delimited {
    fn render(&self, comparison: &Comparison, out: &mut dyn Write) -> std::io::Result<()> {
        self.write(
            CHANGE_HEADER,
            &comparison.changes,
            |c| change_record(&comparison.change(c)),
            out,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_plain_text_is_not() {
        assert_eq!(neutralise("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(neutralise("@SUM"), "'@SUM");
        assert_eq!(neutralise("-2+3"), "'-2+3");
        assert_eq!(neutralise("Cijfers SOW"), "Cijfers SOW");
    }
}
