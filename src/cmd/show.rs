//! `ontrack show ID`: one indicator in full, with the computation of its status.

use super::{assess_for, load_inputs, refuse_out, style, Outcome};
use crate::config::{Config, Destination};
use crate::error::Result;
use crate::{assess, load, render};

/// `ontrack show ID`.
pub(super) fn run(config: &Config, id: &str, dest: &Destination) -> Result<Outcome> {
    refuse_out(config, dest.out.as_deref())?;
    let mut dataset = load_inputs(config)?;
    let only = dataset.monitor.indicators.iter().position(|i| i.id == id);
    let assessment = assess_for(config, &mut dataset, config.year, only)?;
    let file = load::relative_name(&config.indicators, load::monitor_folder(&config.indicators));
    let detail = assess::detail::detail(&dataset.monitor, assessment, id, &file)?;
    let renderer = render::detail_renderer(dest.format, style(dest, detail.lang))?;
    render::write(
        renderer.as_ref(),
        &detail,
        dest.out.as_deref(),
        &dataset.inputs,
    )?;
    Ok(Outcome::Done)
}
