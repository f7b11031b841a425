//! `ontrack table`: the assessment in one of the table formats, gated by `--fail-on`.

use super::{
    assess_for, assess_options, chosen, failed_on, gate, leave, load_inputs, outlined, output_lang,
    refuse_out, report_tripped, style, tripped, Outcome, Streaming,
};
use crate::assess::Streamed;
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
    // Compact JSON is written as it is made too, after a first pass for its aggregates.
    let compact_json = dest.format == render::Format::Json && !dest.indent;
    if rows_only || compact_json {
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

/// CSV and TSV are the rows alone, and compact JSON their list after the aggregates: made and
/// written a range of indicators at a time, so that a national monitor's hundreds of thousands
/// of rows are never all held (the same bytes as rendering the whole assessment). JSON's
/// aggregates, which come first, take a first pass over the ranges that keeps only what they
/// need of each row.
fn streamed(
    config: &Config,
    selection: &Selection,
    fail_on: &[Status],
    dest: &Destination,
    mut dataset: Dataset,
) -> Result<Outcome> {
    // Names are checked, and the report year found, before anything is written.
    let chosen = chosen(selection, &dataset.monitor)?;
    let inputs = dataset.inputs.clone();
    let lang = output_lang(selection, &dataset);
    let options = assess_options(selection, selection.year, None, dest.observations);
    let mut rows = Streamed::new(&mut dataset, &[&options])?;
    let format = Streaming::of(dest, lang, || {
        let outlines = rows.outlines().pop().unwrap_or_default();
        outlined(&rows, 0, &outlines, &chosen)
    });
    let names = format.write(
        rows,
        dest,
        &inputs,
        (
            |out| match &format {
                Streaming::Delimited(csv) => csv.rows_header(out),
                Streaming::Json(json, head) => json.assessment_head(head, out),
            },
            |out| match &format {
                Streaming::Delimited(_) => Ok(()),
                Streaming::Json(..) => crate::render::json::close_list(out),
            },
        ),
        |years, buffer| {
            // One report year (always, for `table`): its list as it is, without moving every
            // row (they are large) into a new one.
            let mut range = match <[_; 1]>::try_from(years) {
                Ok([only]) => only,
                Err(years) => years.into_iter().flatten().collect(),
            };
            range.retain(|r| chosen.keeps(r.theme, r.id));
            let made = match &format {
                Streaming::Delimited(csv) => csv.rows(&range, buffer),
                Streaming::Json(json, _) => json.rows(&range, buffer),
            };
            (made, tripped(fail_on, &range))
        },
    )?;
    Ok(gate(report_tripped(config, &names)))
}
