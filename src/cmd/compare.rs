//! `ontrack compare --from Y1 --to Y2`: two report years side by side, gated by `--fail-on`.

use super::{
    assess_copy_for, assess_for, gate, leave, load_inputs, output_lang, refuse_out, report_tripped,
    row_name, style, Outcome,
};
use crate::config::{Config, Destination, Selection};
use crate::error::Result;
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
    let tripped: Vec<String> = comparison
        .changes()
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
        .collect();
    leave((comparison, dataset));
    Ok(gate(report_tripped(config, &tripped)))
}
