//! `ontrack report`: the PDF progress report for the council.

use super::{assess_for, failed_on, gate, load_inputs, output_lang, refuse_out, Outcome};
use crate::config::{Config, Selection};
use crate::error::Result;
use crate::messages;
use crate::model::Status;
use crate::monitor_dir::MonitorDir;
use crate::output;
use crate::render::{self, Format, Style};
use std::path::Path;

/// `ontrack report`: the PDF.
pub(super) fn run(
    config: &Config,
    selection: &Selection,
    fail_on: &[Status],
    out: Option<&Path>,
) -> Result<Outcome> {
    refuse_out(config, out)?;
    let mut dataset = load_inputs(config)?;
    let lang = output_lang(selection, &dataset);
    let assessment = assess_for(selection, &mut dataset, selection.year, None)?;
    let path = out.map(Path::to_path_buf).unwrap_or_else(|| {
        MonitorDir::new(&config.monitor.dir).reports().join(format!(
            "{}-{}.pdf",
            output::slug(&assessment.header.monitor.name),
            assessment.year
        ))
    });
    let renderer = render::renderer(Format::Pdf, Style::file(lang));
    render::to_file(renderer.as_ref(), &assessment, &path, &dataset.inputs)?;
    if !config.quiet {
        eprintln!(
            "{}",
            messages::message(&format!("ontrack: wrote {}", path.display()))
        );
    }
    Ok(gate(failed_on(config, fail_on, &assessment)))
}
