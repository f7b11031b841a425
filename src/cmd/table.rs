//! `ontrack table`: the assessment in one of the table formats, gated by `--fail-on`.

use super::{
    assess_for, assess_options, failed_on, gate, leave, load_inputs, output_lang, refuse_out,
    report_tripped, style, tripped, Outcome,
};
use crate::assess::{self, Streamed};
use crate::config::{Config, Destination, Selection};
use crate::error::Result;
use crate::load::Dataset;
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
    if rows_only {
        return streamed(config, selection, fail_on, dest, dataset);
    }
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

/// CSV and TSV are the rows alone: made and written a range of indicators at a time, so that a
/// national monitor's hundreds of thousands of rows are never all held (the same bytes as
/// rendering the whole assessment).
fn streamed(
    config: &Config,
    selection: &Selection,
    fail_on: &[Status],
    dest: &Destination,
    mut dataset: Dataset,
) -> Result<Outcome> {
    let monitor = &dataset.monitor;
    // Names are checked, and the report year found, before anything is written.
    let chosen = assess::Selection::new(
        &selection.themes,
        &selection.ids,
        monitor.themes.iter().map(|t| (t.id.as_str(), t.number)),
        monitor.indicators.iter().map(|i| i.id.as_str()),
    )?;
    let inputs = dataset.inputs.clone();
    let options = assess_options(selection, selection.year, None, dest.observations);
    let rows = Streamed::new(&mut dataset, &[&options])?;
    let csv = render::csv::Delimited(if dest.format == render::Format::Tsv {
        b'\t'
    } else {
        b','
    });
    let mut names = Vec::new();
    render::bytes_to(dest.out.as_deref(), &inputs, |out| {
        csv.rows_header(out)?;
        rows.each(
            |years| {
                let mut range: Vec<_> = years.into_iter().flatten().collect();
                range.retain(|r| chosen.keeps(r));
                let mut buffer = Vec::with_capacity(range.len() * 256);
                let written = csv.rows(&range, &mut buffer);
                (written.map(|()| buffer), tripped(fail_on, &range))
            },
            |(buffer, tripped)| {
                names.extend(tripped);
                out.write_all(&buffer?)
            },
        )
    })?;
    Ok(gate(report_tripped(config, &names)))
}
