//! `ontrack report`: the PDF progress report for the council.

use super::{assess_for, failed_on, gate, load_inputs, refuse_out, Outcome};
use crate::config::Config;
use crate::error::Result;
use crate::messages;
use crate::monitor_dir::MonitorDir;
use crate::output;
use crate::render::{self, Format, Style};
use std::path::Path;

/// `ontrack report`: the PDF.
pub(super) fn run(config: &Config, out: Option<&Path>) -> Result<Outcome> {
    refuse_out(config, out)?;
    let mut dataset = load_inputs(config)?;
    let assessment = assess_for(config, &mut dataset, config.year, None)?;
    let path = out.map(Path::to_path_buf).unwrap_or_else(|| {
        MonitorDir::new(&config.dir).reports().join(format!(
            "{}-{}.pdf",
            output::slug(&assessment.monitor.name),
            assessment.year
        ))
    });
    let renderer = render::renderer(Format::Pdf, Style::file(assessment.lang));
    render::to_file(renderer.as_ref(), &assessment, &path, &dataset.inputs)?;
    if !config.quiet {
        eprintln!(
            "{}",
            messages::message(&format!("ontrack: wrote {}", path.display()))
        );
    }
    Ok(gate(failed_on(config, &assessment)))
}
