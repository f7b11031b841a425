//! `ontrack show ID`: one indicator in full, with the computation of its status.

use super::{assess_for, load_inputs, output_lang, refuse_out, style, Outcome};
use crate::config::{Config, Destination, Selection};
use crate::error::Result;
use crate::{assess, load, render};

/// `ontrack show ID`.
pub(super) fn run(
    config: &Config,
    selection: &Selection,
    id: &str,
    dest: &Destination,
) -> Result<Outcome> {
    refuse_out(config, dest.out.as_deref())?;
    // Only this indicator's rows are read: a national monitor has thousands.
    let mut dataset = load_inputs(config, Some(&[id.to_string()]))?;
    let lang = output_lang(selection, &dataset);
    let only = dataset.monitor.indicators.iter().position(|i| i.id == id);
    let assessment = assess_for(selection, &mut dataset, selection.year, only, true)?;
    let indicators = &config.monitor.indicators;
    let file = load::relative_name(indicators, load::monitor_folder(indicators));
    let detail = assess::detail::detail(&dataset.monitor, assessment, id, &file)?;
    let renderer = render::detail_renderer(dest.format, style(dest, lang))?;
    render::write(
        renderer.as_ref(),
        &detail,
        dest.out.as_deref(),
        &dataset.inputs,
    )?;
    Ok(Outcome::Done)
}
