//! Markdown: a document section that can be pasted into a wiki or a council memo. The
//! assessment: a heading, the aggregates, one table of all rows. A comparison: the aggregates of
//! both years and one table of the changes. One indicator: its definition, then per row its
//! observations and computation. Each ends with the illustrative-data note where it applies.

use super::{
    change_cells, change_header, change_summary, optional_number, row_cells, row_header,
    theme_text, Renderer,
};
use crate::assess::compare::{Comparison, Level};
use crate::assess::detail::Detail;
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

impl Renderer<Assessment> for Markdown {
    fn render(&self, a: &Assessment, out: &mut dyn Write) -> std::io::Result<()> {
        let lang = self.0;
        let l = |label| i18n::label(lang, label);
        writeln!(
            out,
            "# {} — {} {}",
            cell(&a.header.monitor.title),
            l(Label::AnnualReport),
            a.year
        )?;
        writeln!(out)?;
        writeln!(
            out,
            "- {}: {}",
            l(Label::Municipality),
            a.header.monitor.municipality
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
            "- {}: {} {} ({} {}, {})",
            l(Label::PlanAggregate),
            a.aggregates.plan.status.symbol(),
            i18n::status(lang, a.aggregates.plan.status),
            l(Label::Score),
            optional_number(lang, a.aggregates.plan.score, 2),
            i18n::plan_basis(lang, a.aggregates.plan_of, a.aggregates.plan.scored)
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
            let cells = row_cells(a, lang, row, row.title.to_string()).map(|c| cell(&c));
            writeln!(out, "| {} |", cells.join(" | "))?;
        }
        if a.illustrative {
            writeln!(out)?;
            writeln!(out, "{}", l(Label::IllustrativeNote))?;
        }
        Ok(())
    }
}

impl Renderer<Comparison> for Markdown {
    fn render(&self, c: &Comparison, out: &mut dyn Write) -> std::io::Result<()> {
        let lang = self.0;
        let l = |label| i18n::label(lang, label);
        writeln!(
            out,
            "# {} — {} {} → {}",
            cell(&c.header.monitor.title),
            l(Label::Comparison),
            c.from,
            c.to
        )?;
        writeln!(out)?;
        writeln!(out, "{}", change_summary(lang, c))?;
        writeln!(out)?;
        writeln!(
            out,
            "| {} | {} {} | {} {} | {} |",
            l(Label::Theme),
            l(Label::Status),
            c.from,
            l(Label::Status),
            c.to,
            l(Label::StatusChange)
        )?;
        writeln!(out, "|---|---|---|---|")?;
        for a in c.aggregates.iter().filter(|a| a.level != Level::Indicator) {
            let name = if a.level == Level::Plan {
                l(Label::PlanAggregate).to_string()
            } else {
                cell(&a.name)
            };
            writeln!(
                out,
                "| {name} | {} {} ({}) | {} {} ({}) | {} {} |",
                a.from.status.symbol(),
                i18n::status(lang, a.from.status),
                optional_number(lang, a.from.score, 2),
                a.to.status.symbol(),
                i18n::status(lang, a.to.status),
                optional_number(lang, a.to.score, 2),
                a.status_change.symbol(),
                i18n::status_change(lang, a.status_change)
            )?;
        }
        writeln!(out)?;
        let header = change_header(lang, c.from, c.to);
        writeln!(out, "| {} |", header.join(" | "))?;
        writeln!(out, "|---|---|---|---|---|---|---|---:|---|")?;
        for change in c.changes() {
            let cells = change_cells(lang, &change, change.row.title.to_string()).map(|t| cell(&t));
            writeln!(out, "| {} |", cells.join(" | "))?;
        }
        if c.illustrative {
            writeln!(out)?;
            writeln!(out, "{}", l(Label::IllustrativeNote))?;
        }
        Ok(())
    }
}

impl Renderer<Detail> for Markdown {
    fn render(&self, d: &Detail, out: &mut dyn Write) -> std::io::Result<()> {
        let lang = self.0;
        let l = |label| i18n::label(lang, label);
        writeln!(out, "# {} — {}", cell(&d.definition.title), d.definition.id)?;
        writeln!(out)?;
        for (name, value) in super::definition_lines(lang, d) {
            writeln!(out, "- **{name}**: {}", cell(&value))?;
        }
        writeln!(
            out,
            "- **{} {}**: {} {} ({} {})",
            l(Label::Status),
            d.year,
            d.aggregate.status.symbol(),
            i18n::status(lang, d.aggregate.status),
            l(Label::Score).to_lowercase(),
            optional_number(lang, d.aggregate.score, 2)
        )?;
        for detail_row in &d.indicators {
            let row = &detail_row.row;
            writeln!(out)?;
            writeln!(out, "## {}", cell(&super::row_heading(lang, row)))?;
            writeln!(out)?;
            writeln!(out, "| {} |", super::observation_header(lang).join(" | "))?;
            writeln!(out, "|---|---:|---|---|---|---|")?;
            for o in &row.observations {
                let cells = super::observation_cells(lang, o, row.unit).map(|t| cell(&t));
                writeln!(out, "| {} |", cells.join(" | "))?;
            }
            writeln!(out)?;
            writeln!(out, "{}:", l(Label::Computation))?;
            writeln!(out)?;
            for step in &detail_row.computation {
                writeln!(out, "- {}", cell(&super::trace::step_text(lang, step)))?;
            }
        }
        if d.illustrative {
            writeln!(out)?;
            writeln!(out, "{}", l(Label::IllustrativeNote))?;
        }
        Ok(())
    }
}
