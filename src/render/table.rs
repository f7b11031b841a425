//! The terminal view (comfy-table) of every document: the assessment as one line per
//! indicator × series × area with the status as a symbol and a word; a comparison as one line
//! per row with both years and the change; one indicator in full as its definition, its
//! observations and its computation. Coloured only when the style says so (a terminal, no
//! NO_COLOR, or `--color always`).

use super::{
    change_cells, change_header, change_summary, optional_number, row_cells, row_header, Renderer,
    Style,
};
use crate::assess::compare::{Comparison, StatusChange};
use crate::assess::detail::Detail;
use crate::assess::Assessment;
use crate::i18n::{self, Label};
use comfy_table::{presets, Attribute, Cell, CellAlignment, Color, ContentArrangement};
use std::io::Write;

pub struct Table(pub Style);

/// An empty table in the house style with a header row.
fn new_table<S: ToString>(
    style: &Style,
    header: impl IntoIterator<Item = S>,
) -> comfy_table::Table {
    let mut table = comfy_table::Table::new();
    table.load_preset(presets::UTF8_FULL_CONDENSED);
    match style.width {
        Some(w) => {
            table.set_content_arrangement(ContentArrangement::Dynamic);
            table.set_width(w);
        }
        None => {
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    if style.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    let color = style.color;
    table.set_header(header.into_iter().map(|h| {
        let c = Cell::new(h);
        if color {
            c.add_attribute(Attribute::Bold)
        } else {
            c
        }
    }));
    table
}

fn rgb((r, g, b): (u8, u8, u8)) -> Color {
    Color::Rgb { r, g, b }
}

impl Renderer<Assessment> for Table {
    fn render(&self, a: &Assessment, out: &mut dyn Write) -> std::io::Result<()> {
        let Style { lang, color, .. } = self.0;
        let l = |label| i18n::label(lang, label);
        let mut table = new_table(&self.0, row_header(lang));
        for row in &a.indicators {
            let cells = row_cells(a, lang, row, format!("{}\n[{}]", row.title, row.id));
            let mut line: Vec<Cell> = cells.into_iter().map(Cell::new).collect();
            for numeric in [6, 8] {
                line[numeric] = line[numeric].clone().set_alignment(CellAlignment::Right);
            }
            if color {
                line[9] = line[9].clone().fg(rgb(row.status.rgb()));
            }
            table.add_row(line);
        }
        writeln!(out, "{table}")?;
        let plan = &a.aggregates.plan;
        writeln!(
            out,
            "{} {} — {} {}: {} {} ({} {}), {}: {}",
            a.monitor.municipality,
            a.year,
            l(Label::Method),
            a.method.code(),
            l(Label::PlanAggregate),
            plan.status.symbol(),
            i18n::status(lang, plan.status).to_lowercase(),
            optional_number(lang, plan.score, 2),
            l(Label::DataCutoff).to_lowercase(),
            a.data_cutoff
                .as_ref()
                .map_or_else(|| "–".to_string(), |p| i18n::period(lang, p))
        )?;
        if a.illustrative {
            writeln!(out, "{}", l(Label::IllustrativeNote))?;
        }
        Ok(())
    }
}

impl Renderer<Comparison> for Table {
    fn render(&self, c: &Comparison, out: &mut dyn Write) -> std::io::Result<()> {
        let Style { lang, color, .. } = self.0;
        let mut table = new_table(&self.0, change_header(lang, c.from, c.to));
        for change in &c.changes {
            let title = format!("{}\n[{}]", change.title, change.id);
            let mut line: Vec<Cell> = change_cells(lang, change, title)
                .into_iter()
                .map(Cell::new)
                .collect();
            line[7] = line[7].clone().set_alignment(CellAlignment::Right);
            if color {
                let paint = match change.status_change {
                    StatusChange::Better => Some(crate::model::Status::SubstantialProgress.rgb()),
                    StatusChange::Worse => Some(crate::model::Status::Deterioration.rgb()),
                    _ => None,
                };
                if let Some(p) = paint {
                    line[4] = line[4].clone().fg(rgb(p));
                }
            }
            table.add_row(line);
        }
        writeln!(out, "{table}")?;
        writeln!(out, "{}", change_summary(lang, c))?;
        if c.illustrative {
            writeln!(out, "{}", i18n::label(lang, Label::IllustrativeNote))?;
        }
        Ok(())
    }
}

impl Renderer<Detail> for Table {
    fn render(&self, d: &Detail, out: &mut dyn Write) -> std::io::Result<()> {
        let Style { lang, color, .. } = self.0;
        let l = |label| i18n::label(lang, label);
        for (name, value) in super::definition_lines(lang, d) {
            writeln!(out, "{name:<21} {value}")?;
        }
        let agg = &d.aggregate;
        let status = format!("{} {}", agg.status.symbol(), i18n::status(lang, agg.status));
        writeln!(
            out,
            "{:<21} {} ({} {}, {} {})",
            format!("{} {}", l(Label::Status), d.year),
            if color {
                let (r, g, b) = agg.status.rgb();
                format!("\x1b[38;2;{r};{g};{b}m{status}\x1b[0m")
            } else {
                status
            },
            l(Label::Score).to_lowercase(),
            optional_number(lang, agg.score, 2),
            l(Label::Method).to_lowercase(),
            d.method.code()
        )?;
        for detail_row in &d.indicators {
            let row = &detail_row.row;
            writeln!(out)?;
            writeln!(out, "── {}", super::row_heading(lang, row))?;
            let mut table = new_table(&self.0, super::observation_header(lang));
            for o in &row.observations {
                table.add_row(super::observation_cells(lang, o, &row.unit));
            }
            writeln!(out, "{table}")?;
            writeln!(out, "{}:", l(Label::Computation))?;
            for step in &detail_row.computation {
                writeln!(out, "  {}", super::step_text(step))?;
            }
        }
        if d.illustrative {
            writeln!(out)?;
            writeln!(out, "{}", l(Label::IllustrativeNote))?;
        }
        Ok(())
    }
}
