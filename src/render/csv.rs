//! CSV and TSV: one line per indicator × series × area, flat columns, `.` decimals, full
//! precision, no colour. Text that a spreadsheet would take for a formula is neutralised.

use super::Renderer;
use crate::assess::{Assessment, Row};
use std::io::Write;

/// Delimited text with the given delimiter (`,` or tab).
pub struct Delimited(pub u8);

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

fn num(v: Option<f64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// Prefixes text that begins like a spreadsheet formula with `'`, so that opening the file
/// never runs it. Numbers are written by [`num`] and never pass through here.
pub fn neutralise(text: &str) -> String {
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
        num(row.change.as_ref().and_then(|c| c.relative)),
        row.improved.map(|b| b.to_string()).unwrap_or_default(),
        num(row.progress),
        num(row.gap),
        num(row.expected),
        row.method.map(|m| m.code().to_string()).unwrap_or_default(),
        row.status.code().to_string(),
        text(row.manual.as_ref().map(|m| m.reason.as_str()).unwrap_or("")),
        num(row.score),
        num(row.progress_value),
        row.rank
            .as_ref()
            .map(|r| format!("{}/{}", r.position, r.of))
            .unwrap_or_default(),
        row.illustrative.to_string(),
        text(row.reason.as_deref().unwrap_or("")),
        text(row.source.as_deref().unwrap_or("")),
    ]
}

impl Renderer for Delimited {
    fn render(&self, assessment: &Assessment, out: &mut dyn Write) -> std::io::Result<()> {
        let mut writer = csv::WriterBuilder::new().delimiter(self.0).from_writer(out);
        writer.write_record(HEADER)?;
        for row in &assessment.indicators {
            writer.write_record(record(row))?;
        }
        writer.flush()
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
