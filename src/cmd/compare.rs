//! `ontrack compare --from Y1 --to Y2`: two report years side by side, gated by `--fail-on`.

use super::{
    assess_copy_for, assess_for, assess_options, gate, leave, load_inputs, output_lang, refuse_out,
    report_tripped, row_name, style, Outcome,
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
    if matches!(dest.format, render::Format::Csv | render::Format::Tsv) {
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
                row_name(&c.row.id, c.row.series_id.as_deref()),
                gate.code(),
                c.from.map_or("none", |r| r.status.code()),
                c.to.map_or("none", |r| r.status.code()),
            ))
        })
        .collect()
}

/// CSV and TSV are the changes alone: both years are assessed, paired and written a range of
/// indicators at a time, never all held (the same bytes as rendering the whole comparison: a
/// row's two years are always in the same range).
fn streamed(
    config: &Config,
    selection: &Selection,
    (from, to): (i32, i32),
    fail_on: &[assess::compare::Gate],
    dest: &Destination,
    mut dataset: Dataset,
) -> Result<Outcome> {
    let monitor = &dataset.monitor;
    // Names are checked, and both report years found, before anything is written.
    let chosen = assess::Selection::new(
        &selection.themes,
        &selection.ids,
        monitor.themes.iter().map(|t| (t.id.as_str(), t.number)),
        monitor.indicators.iter().map(|i| i.id.as_str()),
    )?;
    let inputs = dataset.inputs.clone();
    let earlier = assess_options(selection, Some(from), None, dest.observations);
    let later = assess_options(selection, Some(to), None, dest.observations);
    let rows = Streamed::new(&mut dataset, &[&earlier, &later])?;
    let csv = render::csv::Delimited(if dest.format == render::Format::Tsv {
        b'\t'
    } else {
        b','
    });
    let mut names = Vec::new();
    render::bytes_to(dest.out.as_deref(), &inputs, |out| {
        csv.changes_header(out)?;
        rows.each(
            |years| {
                let [mut earlier, mut later]: [Vec<assess::Row>; 2] =
                    years.try_into().expect("two report years");
                earlier.retain(|r| chosen.keeps(&r.theme, &r.id));
                later.retain(|r| chosen.keeps(&r.theme, &r.id));
                let changes = assess::compare::pair(&earlier, &later);
                let mut buffer = Vec::with_capacity(changes.len() * 160);
                let written = csv.changes((&earlier, &later), &changes, &mut buffer);
                let both = (earlier.as_slice(), later.as_slice());
                let tripped = tripped(
                    fail_on,
                    changes
                        .iter()
                        .map(|c| assess::compare::change_of(both.0, both.1, c)),
                );
                (written.map(|()| buffer), tripped)
            },
            |(buffer, tripped)| {
                names.extend(tripped);
                out.write_all(&buffer?)
            },
        )
    })?;
    Ok(gate(report_tripped(config, &names)))
}
