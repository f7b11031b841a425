//! The terminal table (comfy-table): one line per indicator × series × area, the status as a
//! symbol and a word, coloured only when the style says so (a terminal, no NO_COLOR).

use super::{optional_number, row_cells, row_header, Renderer, Style};
use crate::assess::Assessment;
use crate::i18n::{self, Label};
use comfy_table::{presets, Attribute, Cell, CellAlignment, Color, ContentArrangement};
use std::io::Write;

pub struct Table(pub Style);

impl Renderer for Table {
    fn render(&self, a: &Assessment, out: &mut dyn Write) -> std::io::Result<()> {
        let Style {
            lang, color, width, ..
        } = self.0;
        let l = |label| i18n::label(lang, label);
        let mut table = comfy_table::Table::new();
        table.load_preset(presets::UTF8_FULL_CONDENSED);
        match width {
            Some(w) => {
                table.set_content_arrangement(ContentArrangement::Dynamic);
                table.set_width(w);
            }
            None => {
                table.set_content_arrangement(ContentArrangement::Disabled);
            }
        }
        if !color {
            table.force_no_tty();
        } else {
            table.enforce_styling();
        }
        table.set_header(row_header(lang).iter().map(|h| {
            let c = Cell::new(h);
            if color {
                c.add_attribute(Attribute::Bold)
            } else {
                c
            }
        }));
        for row in &a.indicators {
            let cells = row_cells(a, lang, row, format!("{}\n[{}]", row.title, row.id));
            let mut line: Vec<Cell> = cells.into_iter().map(Cell::new).collect();
            for numeric in [6, 8] {
                line[numeric] = line[numeric].clone().set_alignment(CellAlignment::Right);
            }
            if color {
                let (r, g, b) = row.status.rgb();
                line[9] = line[9].clone().fg(Color::Rgb { r, g, b });
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
