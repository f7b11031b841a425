//! Markdown: the assessment as a document section that can be pasted into a wiki or a council
//! memo: a heading, the aggregates, one table of all rows, and the illustrative-data note.

use super::{optional_number, row_cells, row_header, theme_text, Renderer};
use crate::assess::Assessment;
use crate::i18n::{self, Label, Lang};
use std::io::Write;

pub struct Markdown(pub Lang);

/// Escapes the characters that would break a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\n', " ")
}

impl Renderer for Markdown {
    fn render(&self, a: &Assessment, out: &mut dyn Write) -> std::io::Result<()> {
        let lang = self.0;
        let l = |label| i18n::label(lang, label);
        writeln!(
            out,
            "# {} — {} {}",
            cell(&a.monitor.title),
            l(Label::AnnualReport),
            a.year
        )?;
        writeln!(out)?;
        writeln!(
            out,
            "- {}: {}",
            l(Label::Municipality),
            a.monitor.municipality
        )?;
        writeln!(out, "- {}: {}", l(Label::ReportYear), a.year)?;
        if let Some(cutoff) = &a.data_cutoff {
            writeln!(
                out,
                "- {}: {}",
                l(Label::DataCutoff),
                i18n::period(lang, cutoff)
            )?;
        }
        writeln!(out, "- {}: {}", l(Label::Method), a.method.code())?;
        writeln!(
            out,
            "- {}: {} {} ({} {})",
            l(Label::PlanAggregate),
            a.aggregates.plan.status.symbol(),
            i18n::status(lang, a.aggregates.plan.status),
            l(Label::Score),
            optional_number(lang, a.aggregates.plan.score, 2)
        )?;
        writeln!(out)?;
        writeln!(
            out,
            "| {} | {} | {} |",
            l(Label::Theme),
            l(Label::Score),
            l(Label::Status)
        )?;
        writeln!(out, "|---|---:|---|")?;
        for t in &a.aggregates.themes {
            writeln!(
                out,
                "| {} | {} | {} {} |",
                cell(&theme_text(a, &t.id)),
                optional_number(lang, t.score, 2),
                t.status.symbol(),
                i18n::status(lang, t.status)
            )?;
        }
        writeln!(out)?;
        let header = row_header(lang);
        writeln!(out, "| {} |", header.join(" | "))?;
        writeln!(out, "|---|---|---|---|---|---|---|---|---:|---|")?;
        for row in &a.indicators {
            let cells = row_cells(a, lang, row, row.title.clone()).map(|c| cell(&c));
            writeln!(out, "| {} |", cells.join(" | "))?;
        }
        if a.illustrative {
            writeln!(out)?;
            writeln!(out, "{}", l(Label::IllustrativeNote))?;
        }
        Ok(())
    }
}
