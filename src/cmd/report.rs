//! `ontrack report`: the progress report for the council, as PDF or as one web page, with what
//! changed since the year before.

use super::{
    assess_copy_for, assess_for, failed_on, gate, load_inputs, output_lang, refuse_out, Outcome,
};
use crate::config::{Config, Selection};
use crate::error::Result;
use crate::messages;
use crate::model::Status;
use crate::monitor_dir::MonitorDir;
use crate::output;
use crate::render::{self, ReportFormat};
use std::path::Path;

/// `ontrack report`: the PDF or the web page.
pub(super) fn run(
    config: &Config,
    selection: &Selection,
    fail_on: &[Status],
    out: Option<&Path>,
    format: ReportFormat,
) -> Result<Outcome> {
    refuse_out(config, out)?;
    let mut dataset = load_inputs(config, None)?;
    let lang = output_lang(selection, &dataset);
    // The year before first, copying only what its rows use; then the report year takes the
    // observations.
    let year = crate::assess::report_year_of(&dataset, selection.year)?;
    let previous = previous_year(selection, &dataset, year)?;
    let assessment = assess_for(selection, &mut dataset, selection.year, None, true)?;
    let previous =
        previous.map(|earlier| crate::assess::compare::compare(earlier, assessment.clone()));
    let document = match dataset.monitor.translations.get(&lang) {
        Some(texts) => {
            let translated = crate::report::translate::translated(&assessment, texts);
            let previous =
                previous.map(|c| crate::report::translate::translated_comparison(c, texts));
            crate::report::build(&translated, previous.as_ref(), lang)
        }
        None => crate::report::build(&assessment, previous.as_ref(), lang),
    };
    let path = out.map(Path::to_path_buf).unwrap_or_else(|| {
        MonitorDir::new(&config.monitor.dir).reports().join(format!(
            "{}-{}.{}",
            output::slug(&assessment.header.monitor.name),
            assessment.year,
            format.extension()
        ))
    });
    let renderer = render::report_renderer(format);
    render::to_file(renderer.as_ref(), &document, &path, &dataset.inputs)?;
    if !config.quiet {
        eprintln!(
            "{}",
            messages::message(&format!("ontrack: wrote {}", path.display()))
        );
    }
    Ok(gate(failed_on(config, fail_on, &assessment)))
}

/// The assessment of the year before the report year `year`, when that year has data.
fn previous_year(
    selection: &Selection,
    dataset: &crate::load::Dataset,
    year: i32,
) -> Result<Option<crate::assess::Assessment>> {
    let year = year - 1;
    if !crate::assess::years_with_data(dataset).contains(&year) {
        return Ok(None);
    }
    assess_copy_for(selection, dataset, Some(year), false).map(Some)
}
