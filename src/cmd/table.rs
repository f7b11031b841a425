//! `ontrack table`: the assessment in one of the table formats, gated by `--fail-on`.

use super::{
    assess_for, failed_on, gate, leave, load_inputs, output_lang, refuse_out, style, Outcome,
};
use crate::config::{Config, Destination, Selection};
use crate::error::Result;
use crate::model::Status;
use crate::render;

/// `ontrack table`.
pub(super) fn run(
    config: &Config,
    selection: &Selection,
    fail_on: &[Status],
    dest: &Destination,
) -> Result<Outcome> {
    refuse_out(config, dest.out.as_deref())?;
    // CSV and TSV of some indicators need only their rows (no theme or plan aggregates, which
    // take every indicator's): read only those.
    let rows_only = matches!(dest.format, render::Format::Csv | render::Format::Tsv);
    let only = (rows_only && !selection.ids.is_empty() && selection.themes.is_empty())
        .then_some(selection.ids.as_slice());
    let mut dataset = load_inputs(config, only)?;
    let lang = output_lang(selection, &dataset);
    let assessment = assess_for(
        selection,
        &mut dataset,
        selection.year,
        None,
        dest.observations,
    )?;
    let renderer = render::renderer(dest.format, style(dest, lang))?;
    render::write(
        renderer.as_ref(),
        &assessment,
        dest.out.as_deref(),
        &dataset.inputs,
    )?;
    let failed = failed_on(config, fail_on, &assessment);
    leave((assessment, dataset));
    Ok(gate(failed))
}
