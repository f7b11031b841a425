//! The commands, one file each, behind [`run`]: each takes the resolved [`Config`] (never a
//! clap type) and returns an [`Outcome`] for the exit code. The helpers here are what several
//! commands share: loading the inputs, assessing them, the `--fail-on` gate, refusing outputs
//! in the wrong place.

mod check;
mod compare;
mod init;
mod report;
mod schema;
mod show;
mod table;
mod template;

use crate::config::{Command, Config, Destination, MonitorPaths, Selection};
use crate::error::{Error, Result};
use crate::model::Status;
use crate::render::Style;
use crate::{assess, i18n, load, messages, output, progress_bar};
use std::path::Path;

/// What a successful run found, for the exit code.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// A row had a status (or a change) named by `--fail-on`.
    Failed,
    /// `check` found problems (already printed).
    Problems,
}

/// Runs one resolved command.
pub fn run(config: &Config) -> Result<Outcome> {
    progress_bar::allow(!config.quiet);
    // The language of messages: --lang, else ONTRACK_MESSAGES (for scripts that read the
    // messages, and tests), else the monitor's.
    let from_env = std::env::var("ONTRACK_MESSAGES")
        .ok()
        .and_then(|v| i18n::Lang::parse(&v));
    if let Some(lang) = config.command.lang().or(from_env) {
        messages::fix_language(lang);
    }
    match &config.command {
        Command::Check {
            strict,
            json,
            color,
            indent,
            ..
        } => check::run(config, *strict, *json, *color, *indent),
        Command::Init { dir } => init::run(config, dir),
        Command::Schema { out } => schema::run(out.as_deref(), &config.monitor.indicators),
        Command::Template { year, out, dialect } => {
            template::run(config, *year, out.as_deref(), *dialect)
        }
        Command::Table {
            selection,
            fail_on,
            dest,
        } => table::run(config, selection, fail_on, dest),
        Command::Report {
            selection,
            fail_on,
            out,
            format,
        } => report::run(config, selection, fail_on, out.as_deref(), *format),
        Command::Show {
            selection,
            id,
            dest,
        } => show::run(config, selection, id, dest),
        Command::Compare {
            selection,
            from,
            to,
            fail_on,
            dest,
        } => compare::run(config, selection, (*from, *to), fail_on, dest),
    }
}

/// Refuses to run outside a monitor folder with a message that says how to get into one.
fn require_monitor(monitor: &MonitorPaths) -> Result<()> {
    if monitor.indicators.exists() {
        return Ok(());
    }
    let folder = if monitor.dir.as_os_str().is_empty() || monitor.dir == Path::new(".") {
        "this folder".to_string()
    } else {
        monitor.dir.display().to_string()
    };
    Err(Error::usage(format!(
        "there is no {} in {folder}, so this is not a monitor folder; point at one with `-C DIR` (or `--indicators FILE`), or start one here with `ontrack init`",
        monitor.indicators.display(),
    )))
}

/// Loads the inputs (telling how many warnings they gave, unless quiet).
/// The monitor's data, all of it or (with `only`) the rows of those indicators.
fn load_inputs(config: &Config, only: Option<&[String]>) -> Result<load::Dataset> {
    require_monitor(&config.monitor)?;
    let (indicators, measurements) = (&config.monitor.indicators, &config.monitor.measurements);
    let dataset = match only {
        Some(ids) => load::load_only(indicators, measurements, ids)?,
        None => load::load(indicators, measurements)?,
    };
    let warnings = dataset.warnings.warnings();
    if warnings > 0 && !config.quiet {
        match messages::language() {
            i18n::Lang::En => eprintln!(
                "ontrack: {warnings} warning{} in the inputs; `ontrack check` lists {}",
                if warnings == 1 { "" } else { "s" },
                if warnings == 1 { "it" } else { "them" }
            ),
            i18n::Lang::Nl => eprintln!(
                "ontrack: {warnings} waarschuwing{} in de invoer; `ontrack check` {}",
                if warnings == 1 { "" } else { "en" },
                if warnings == 1 {
                    "toont die"
                } else {
                    "somt ze op"
                }
            ),
        }
    }
    Ok(dataset)
}

/// The assessment of `dataset` for `year` with the selected method and rows; with `only`, of
/// that indicator alone (by index, for `show`, which also keeps the method's trace). The rows
/// take the observations out of `dataset`, and keep them only with `observations`.
fn assess_for(
    selection: &Selection,
    dataset: &mut load::Dataset,
    year: Option<i32>,
    only: Option<usize>,
    observations: bool,
) -> Result<assess::Assessment> {
    let options = assess_options(selection, year, only, observations);
    selected(selection, assess::assess(dataset, &options)?)
}

/// [`assess_for`] leaving `dataset` whole: each row copies what it uses (the earlier year of a
/// comparison, without a copy of the whole data set).
fn assess_copy_for(
    selection: &Selection,
    dataset: &load::Dataset,
    year: Option<i32>,
    observations: bool,
) -> Result<assess::Assessment> {
    let options = assess_options(selection, year, None, observations);
    selected(selection, assess::assess_borrowed(dataset, &options)?)
}

/// The rows of `assessment` that `--theme` and `--indicator` select.
fn selected(
    selection: &Selection,
    mut assessment: assess::Assessment,
) -> Result<assess::Assessment> {
    assessment.retain(&selection.themes, &selection.ids)?;
    Ok(assessment)
}

fn assess_options(
    selection: &Selection,
    year: Option<i32>,
    only: Option<usize>,
    observations: bool,
) -> assess::Options {
    assess::Options {
        year,
        method: selection.method,
        generated: selection.generated,
        only,
        trace: only.is_some(),
        drop_observations: !observations,
    }
}

/// The language of the outputs: `--lang`, else the monitor's.
fn output_lang(selection: &Selection, dataset: &load::Dataset) -> i18n::Lang {
    selection.lang.unwrap_or(dataset.monitor.language)
}

fn style(dest: &Destination, lang: i18n::Lang) -> Style {
    Style {
        lang,
        color: dest.color,
        width: dest.width,
        terminal: dest.terminal,
        indent: dest.indent,
        wide: dest.wide,
        observations: dest.observations,
    }
}

/// Leaves `data` to the operating system: the process ends right after the command, and freeing
/// the millions of observations and rows of a national monitor one by one (a tenth of a second
/// or more) would only delay the exit. Nothing in it holds a file or a lock.
fn leave<T>(data: T) {
    std::mem::forget(data);
}

fn gate(failed: bool) -> Outcome {
    if failed {
        Outcome::Failed
    } else {
        Outcome::Done
    }
}

/// Whether a `--fail-on` status is among the monitor's own rows (peer areas are context, never
/// a reason to fail), telling which rows tripped it on standard error unless quiet.
fn failed_on(config: &Config, fail_on: &[Status], assessment: &assess::Assessment) -> bool {
    report_tripped(config, &tripped(fail_on, &assessment.indicators))
}

/// The rows `--theme` and `--indicator` select, their names checked against `monitor` (before
/// anything is written).
fn chosen<'s>(
    selection: &'s Selection,
    monitor: &crate::model::Monitor,
) -> Result<assess::Selection<'s>> {
    assess::Selection::new(
        &selection.themes,
        &selection.ids,
        monitor.themes.iter().map(|t| (t.id.as_str(), t.number)),
        monitor.indicators.iter().map(|i| i.id.as_str()),
    )
}

/// The assessment of report year `year` (its place in `rows`) without its rows, from the
/// outlines of all its rows: its aggregates those of the rows `chosen` keeps.
fn outlined(
    rows: &assess::Streamed<'_>,
    year: usize,
    outlines: &assess::Outlines,
    chosen: &assess::Selection<'_>,
) -> assess::Assessment {
    let mut assessment = rows.assessment(year, outlines);
    assessment.keep_aggregates_of(
        outlines
            .names(rows.monitor())
            .filter(|&(theme, id)| chosen.keeps(theme, id)),
    );
    assessment
}

/// The formats `table` and `compare` write as they make the rows: delimited text, or compact
/// JSON with the document without its list (what comes before the list).
enum Streaming<Head> {
    Delimited(crate::render::csv::Delimited),
    Json(crate::render::json::Json, Box<Head>),
}

impl<Head: Sync> Streaming<Head> {
    /// The format `dest` asks for; for JSON with `head`, made by the first pass.
    fn of(dest: &Destination, lang: i18n::Lang, head: impl FnOnce() -> Head) -> Self {
        match dest.format {
            crate::render::Format::Json => Streaming::Json(
                crate::render::json::Json(style(dest, lang)),
                Box::new(head()),
            ),
            crate::render::Format::Tsv => {
                Streaming::Delimited(crate::render::csv::Delimited(b'\t'))
            }
            _ => Streaming::Delimited(crate::render::csv::Delimited(b',')),
        }
    }

    /// Writes to `dest`: `open` (the CSV header, or the JSON document up to its list), what
    /// `range` renders of each range of `rows` (on the core that made them), in order, and
    /// `close` (for JSON, the list's end and what follows it). Returns the rows each range
    /// says trip `--fail-on`.
    fn write(
        &self,
        rows: assess::Streamed<'_>,
        dest: &Destination,
        inputs: &[std::path::PathBuf],
        (open, close): (
            impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
            impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
        ),
        range: impl Fn(Vec<Vec<assess::Row>>, &mut Vec<u8>) -> (std::io::Result<()>, Vec<String>) + Sync,
    ) -> Result<Vec<String>> {
        let json = matches!(self, Streaming::Json(..));
        let mut tripped = Vec::new();
        let mut written = false;
        // Buffers written are used again: a range's text is megabytes with `--observations`,
        // and a new buffer each time was grown (copied) to that size and faulted in anew.
        let spare = std::sync::Mutex::new(Vec::<Vec<u8>>::new());
        let spare = &spare;
        crate::render::bytes_to(dest.out.as_deref(), inputs, |out| {
            open(out)?;
            rows.each(
                |years| {
                    let used = spare.lock().unwrap_or_else(|e| e.into_inner()).pop();
                    let mut buffer = used.unwrap_or_else(|| Vec::with_capacity(1 << 20));
                    let (made, tripped) = range(years, &mut buffer);
                    (made.map(|()| buffer), tripped)
                },
                |(buffer, more)| {
                    tripped.extend(more);
                    let mut buffer = buffer?;
                    // Each JSON item comes after a comma: the list's first drops it.
                    let skip = usize::from(json && !written && !buffer.is_empty());
                    written |= !buffer.is_empty();
                    out.write_all(&buffer[skip..])?;
                    buffer.clear();
                    spare.lock().unwrap_or_else(|e| e.into_inner()).push(buffer);
                    Ok::<(), std::io::Error>(())
                },
            )?;
            close(out)
        })?;
        Ok(tripped)
    }
}

/// The rows of the own municipality among `rows` whose status is one of `fail_on`, as a gate
/// message names them ("id/series is status").
fn tripped(fail_on: &[Status], rows: &[assess::Row]) -> Vec<String> {
    rows.iter()
        .filter(|r| !r.peer && fail_on.contains(&r.status))
        .map(|r| format!("{} is {}", row_name(r.id, r.series_id), r.status.code()))
        .collect()
}

/// `id` or `id/series`, as a gate message names a row.
fn row_name(id: &str, series: Option<&str>) -> String {
    match series {
        Some(s) => format!("{id}/{s}"),
        None => id.to_string(),
    }
}

/// Says on standard error which rows tripped `--fail-on` (unless quiet); true when any did.
fn report_tripped(config: &Config, tripped: &[String]) -> bool {
    if !config.quiet {
        for t in tripped {
            eprintln!(
                "{}",
                crate::messages::message(&format!("ontrack: --fail-on: {t}"))
            );
        }
    }
    !tripped.is_empty()
}

/// Refuses an `--out` inside the measurements folder before any work is done.
fn refuse_out(config: &Config, out: Option<&Path>) -> Result<()> {
    match out {
        Some(path) => output::refuse_inside(path, &config.monitor.measurements),
        None => Ok(()),
    }
}
