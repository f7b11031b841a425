//! Markdown: the assessment as a document section that can be pasted into a wiki or a council
//! memo: a heading, the aggregates, one table of all rows, and the illustrative-data note.

use super::{
    baseline_text, change_text, latest_text, optional_number, subject_text, target_text,
    theme_text, Renderer,
};
use crate::assess::{status_text, Assessment};
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
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            l(Label::Theme),
            l(Label::Indicator),
            l(Label::Series),
            l(Label::Baseline),
            l(Label::Latest),
            l(Label::Target),
            l(Label::Change),
            l(Label::Expected),
            l(Label::Score),
            l(Label::Status)
        )?;
        writeln!(out, "|---|---|---|---|---|---|---|---|---:|---|")?;
        for row in &a.indicators {
            let theme_number = a
                .monitor
                .themes
                .iter()
                .find(|t| t.id == row.theme)
                .and_then(|t| t.number)
                .map_or_else(|| row.theme.clone(), |n| n.to_string());
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} {} |",
                theme_number,
                cell(&row.title),
                cell(&subject_text(row)),
                cell(&baseline_text(lang, row)),
                cell(&latest_text(lang, row)),
                cell(&target_text(lang, row)),
                cell(&change_text(lang, row)),
                row.expected.map_or_else(
                    || "–".to_string(),
                    |e| super::value_text(lang, e, &row.unit)
                ),
                optional_number(lang, row.score, 2),
                row.status.symbol(),
                cell(&status_text(lang, row))
            )?;
        }
        if a.illustrative {
            writeln!(out)?;
            writeln!(out, "{}", l(Label::IllustrativeNote))?;
        }
        Ok(())
    }
}
