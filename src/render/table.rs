//! The terminal table (comfy-table): one line per indicator × series × area, the status as a
//! symbol and a word, coloured only when the style says so (a terminal, no NO_COLOR).

use super::{
    baseline_text, change_text, latest_text, optional_number, subject_text, target_text, Renderer,
    Style,
};
use crate::assess::{status_text, Assessment};
use crate::i18n::{self, Label};
use comfy_table::{presets, Attribute, Cell, CellAlignment, Color, ContentArrangement};
use std::io::Write;

pub struct Table(pub Style);

impl Renderer for Table {
    fn render(&self, a: &Assessment, out: &mut dyn Write) -> std::io::Result<()> {
        let Style { lang, color, width } = self.0;
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
        let header = [
            l(Label::Theme),
            l(Label::Indicator),
            l(Label::Series),
            l(Label::Baseline),
            l(Label::Latest),
            l(Label::Target),
            l(Label::Change),
            l(Label::Expected),
            l(Label::Score),
            l(Label::Status),
        ];
        table.set_header(header.iter().map(|h| {
            let c = Cell::new(h);
            if color {
                c.add_attribute(Attribute::Bold)
            } else {
                c
            }
        }));
        for row in &a.indicators {
            let number = a
                .monitor
                .themes
                .iter()
                .find(|t| t.id == row.theme)
                .and_then(|t| t.number)
                .map_or_else(|| row.theme.clone(), |n| n.to_string());
            let status = format!("{} {}", row.status.symbol(), status_text(lang, row));
            let (r, g, b) = row.status.rgb();
            let mut status_cell = Cell::new(status);
            if color {
                status_cell = status_cell.fg(Color::Rgb { r, g, b });
            }
            table.add_row(vec![
                Cell::new(number),
                Cell::new(format!("{}\n[{}]", row.title, row.id)),
                Cell::new(subject_text(row)),
                Cell::new(baseline_text(lang, row)),
                Cell::new(latest_text(lang, row)),
                Cell::new(target_text(lang, row)),
                Cell::new(change_text(lang, row)).set_alignment(CellAlignment::Right),
                Cell::new(row.expected.map_or_else(
                    || "–".to_string(),
                    |e| super::value_text(lang, e, &row.unit),
                )),
                Cell::new(optional_number(lang, row.score, 2)).set_alignment(CellAlignment::Right),
                status_cell,
            ]);
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
