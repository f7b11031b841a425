//! `ontrack table`: the assessment in one of the table formats, gated by `--fail-on`.

use super::{assess_for, failed_on, gate, load_inputs, refuse_out, style, Outcome};
use crate::config::{Config, Destination};
use crate::error::Result;
use crate::render;

/// `ontrack table`.
pub(super) fn run(config: &Config, dest: &Destination) -> Result<Outcome> {
    refuse_out(config, dest.out.as_deref())?;
    let mut dataset = load_inputs(config)?;
    let assessment = assess_for(config, &mut dataset, config.year, None)?;
    let renderer = render::renderer(dest.format, style(dest, assessment.lang));
    render::write(
        renderer.as_ref(),
        &assessment,
        dest.out.as_deref(),
        &dataset.inputs,
    )?;
    Ok(gate(failed_on(config, &assessment)))
}
