//! `ontrack compare --from Y1 --to Y2`: two report years side by side, gated by `--fail-on`.

use super::{
    assess_copy_for, assess_for, assess_options, chosen, gate, leave, load_inputs, outlined,
    output_lang, refuse_out, report_tripped, row_name, style, Outcome, Streaming,
};
use crate::assess::compare::Change;
use crate::assess::Streamed;
use crate::config::{Config, Destination, Selection};
use crate::error::Result;
use crate::load::Dataset;
use crate::{assess, render};

/// `ontrack compare --from Y1 --to Y2`.
pub(super) fn run(
    config: &Config,
    selection: &Selection,
    (from, to): (i32, i32),
    fail_on: &[assess::compare::Gate],
    dest: &Destination,
) -> Result<Outcome> {
    refuse_out(config, dest.out.as_deref())?;
    let mut dataset = load_inputs(config, None)?;
    let compact_json = dest.format == render::Format::Json && !dest.indent;
    if compact_json || matches!(dest.format, render::Format::Csv | render::Format::Tsv) {
        return streamed(config, selection, (from, to), fail_on, dest, dataset);
    }
    let lang = output_lang(selection, &dataset);
    // The later year takes the observations; the earlier year's rows copy only what they use
    // (and keep it only when the output shows it).
    let earlier = assess_copy_for(selection, &dataset, Some(from), dest.observations)?;
    let later = assess_for(selection, &mut dataset, Some(to), None, dest.observations)?;
    let comparison = assess::compare::compare(earlier, later);
    let renderer = render::comparison_renderer(dest.format, style(dest, lang))?;
    render::write(
        renderer.as_ref(),
        &comparison,
        dest.out.as_deref(),
        &dataset.inputs,
    )?;
    let tripped = tripped(fail_on, comparison.changes());
    leave((comparison, dataset));
    Ok(gate(report_tripped(config, &tripped)))
}

/// The changes of the own municipality's rows that trip one of `fail_on`, as the gate message
/// names them.
fn tripped<'a>(
    fail_on: &[assess::compare::Gate],
    changes: impl Iterator<Item = Change<'a>>,
) -> Vec<String> {
    changes
        .filter(|c| !c.row.peer)
        .filter_map(|c| {
            let gate = fail_on.iter().find(|g| g.trips(&c))?;
            Some(format!(
                "{} tripped `{}` ({} → {})",
                row_name(c.row.id, c.row.series_id),
                gate.code(),
                c.from.map_or("none", |r| r.status.code()),
                c.to.map_or("none", |r| r.status.code()),
            ))
        })
        .collect()
}

/// CSV and TSV are the changes alone, and compact JSON their list between the aggregates and
/// the summary: both years are assessed, paired and written a range of indicators at a time,
/// never all held (the same bytes as rendering the whole comparison: a row's two years are
/// always in the same range). JSON's aggregates, which come first, take a first pass that
/// outlines each year's rows without assessing the peers' ([`assess::Streamed::outlines`]);
/// its summary, which comes last, counts the changes as they are written.
fn streamed(
    config: &Config,
    selection: &Selection,
    (from, to): (i32, i32),
    fail_on: &[assess::compare::Gate],
    dest: &Destination,
    mut dataset: Dataset,
) -> Result<Outcome> {
    // Names are checked, and both report years found, before anything is written.
    let chosen = chosen(selection, &dataset.monitor)?;
    let inputs = dataset.inputs.clone();
    let lang = output_lang(selection, &dataset);
    let earlier = assess_options(selection, Some(from), None, dest.observations);
    let later = assess_options(selection, Some(to), None, dest.observations);
    let mut rows = Streamed::new(&mut dataset, &[&earlier, &later])?;
    let format = Streaming::of(dest, lang, || {
        let outlines = rows.outlines();
        let [earlier, later] = [0, 1].map(|year| outlined(&rows, year, &outlines[year], &chosen));
        assess::compare::compare(earlier, later)
    });
    // Counted on the cores that pair the rows; a sum, so in any order.
    let summary = std::sync::Mutex::new(assess::compare::Summary::default());
    let names = format.write(
        rows,
        dest,
        &inputs,
        (
            |out| match &format {
                Streaming::Delimited(csv) => csv.changes_header(out),
                Streaming::Json(json, head) => json.comparison_head(head, out),
            },
            |out| match &format {
                Streaming::Delimited(_) => Ok(()),
                Streaming::Json(..) => {
                    let summary = summary.lock().unwrap_or_else(|e| e.into_inner());
                    render::json::close_comparison(&summary, out)
                }
            },
        ),
        |years, buffer| {
            let [mut earlier, mut later]: [Vec<assess::Row>; 2] =
                years.try_into().expect("two report years");
            for rows in [&mut earlier, &mut later] {
                rows.retain(|r| chosen.keeps(r.theme, r.id));
            }
            let changes = assess::compare::pair(&earlier, &later);
            let both = (earlier.as_slice(), later.as_slice());
            let made = match &format {
                Streaming::Delimited(csv) => csv.changes(both, &changes, buffer),
                Streaming::Json(json, _) => {
                    summary
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .count(&changes);
                    json.changes(both, &changes, buffer)
                }
            };
            let tripped = tripped(
                fail_on,
                changes
                    .iter()
                    .map(|c| assess::compare::change_of(both.0, both.1, c)),
            );
            (made, tripped)
        },
    )?;
    Ok(gate(report_tripped(config, &names)))
}
