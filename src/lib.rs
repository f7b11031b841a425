//! ontrack: how each indicator of a municipal policy plan stands against its baseline and its
//! target, as tables for people and scripts and as a PDF progress report.
//!
//! The flow is load → assess → render: [`load`] reads `indicators.toml` and `measurements/`
//! into a [`load::Dataset`], [`assess`] computes one [`assess::Assessment`], and every format in
//! [`render`] is a pure function of it.

pub mod assess;
pub mod cli;
pub mod config;
pub mod conformance;
pub mod diagnostic;
pub mod error;
pub mod i18n;
pub mod load;
pub mod messages;
pub mod model;
pub mod output;
pub mod progress_bar;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod synthetic;
pub mod template;
pub mod visible;

use config::{Config, Destination, Output};
use error::{Error, Result};
use render::{Format, Style};
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
    if let Some(lang) = config.lang.or(from_env) {
        messages::fix_language(lang);
    }
    match &config.output {
        Output::Check {
            strict,
            json,
            color,
        } => check(config, *strict, *json, *color),
        Output::Init { dir } => init(config, dir),
        Output::Schema { out } => schema(out.as_deref(), &config.indicators),
        Output::Template { year, out, dialect } => {
            template(config, *year, out.as_deref(), *dialect)
        }
        Output::Table(dest) => table(config, dest),
        Output::Report { out } => report(config, out.as_deref()),
        Output::Show { id, dest } => show(config, id, dest),
        Output::Compare {
            from,
            to,
            fail_on,
            dest,
        } => compare(config, *from, *to, fail_on, dest),
    }
}

/// Refuses to run outside a monitor folder with a message that says how to get into one.
fn require_monitor(config: &Config) -> Result<()> {
    if config.indicators.exists() {
        return Ok(());
    }
    let folder = if config.dir.as_os_str().is_empty() || config.dir == Path::new(".") {
        "this folder".to_string()
    } else {
        config.dir.display().to_string()
    };
    Err(Error::usage(format!(
        "there is no {} in {folder}, so this is not a monitor folder; point at one with `-C DIR` (or `--indicators FILE`), or start one here with `ontrack init`",
        config.indicators.display(),
    )))
}

/// Loads the inputs (telling how many warnings they gave, unless quiet).
fn load_inputs(config: &Config) -> Result<load::Dataset> {
    require_monitor(config)?;
    let dataset = load::load(&config.indicators, &config.measurements)?;
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

/// The assessment of `dataset` for `year` with the configured method, language and selection;
/// with `only`, of that indicator alone (by index; for `show`).
fn assess_for(
    config: &Config,
    dataset: &mut load::Dataset,
    year: Option<i32>,
    only: Option<usize>,
) -> Result<assess::Assessment> {
    let mut assessment = assess::assess(
        dataset,
        &assess::Options {
            year,
            method: config.method,
            generated: config.generated.clone(),
            only,
        },
    )?;
    if let Some(lang) = config.lang {
        assessment.lang = lang;
    }
    assessment.retain(&config.themes, &config.ids)?;
    Ok(assessment)
}

fn style(dest: &Destination, lang: i18n::Lang) -> Style {
    Style {
        lang,
        color: dest.color,
        width: dest.width,
        terminal: dest.terminal,
        indent: dest.indent,
        wide: dest.wide,
    }
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
fn failed_on(config: &Config, assessment: &assess::Assessment) -> bool {
    let tripped: Vec<String> = assessment
        .indicators
        .iter()
        .filter(|r| !r.peer && config.fail_on.contains(&r.status))
        .map(|r| {
            format!(
                "{} is {}",
                row_name(&r.id, r.series_id.as_deref()),
                r.status.code()
            )
        })
        .collect();
    report_tripped(config, &tripped)
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
            eprintln!("ontrack: --fail-on: {t}");
        }
    }
    !tripped.is_empty()
}

/// `ontrack table`.
fn table(config: &Config, dest: &Destination) -> Result<Outcome> {
    refuse_out(config, dest.out.as_deref())?;
    let mut dataset = load_inputs(config)?;
    let assessment = assess_for(config, &mut dataset, config.year, None)?;
    let renderer = render::renderer(dest.format, style(dest, assessment.lang));
    render::write(
        renderer.as_ref(),
        &assessment,
        dest.out.as_deref(),
        &dataset.inputs,
    )?;
    Ok(gate(failed_on(config, &assessment)))
}

/// Refuses an `--out` inside the measurements folder before any work is done.
fn refuse_out(config: &Config, out: Option<&Path>) -> Result<()> {
    match out {
        Some(path) => output::refuse_inside(path, &config.measurements),
        None => Ok(()),
    }
}

/// `ontrack report`: the PDF.
fn report(config: &Config, out: Option<&Path>) -> Result<Outcome> {
    refuse_out(config, out)?;
    let mut dataset = load_inputs(config)?;
    let assessment = assess_for(config, &mut dataset, config.year, None)?;
    let path = out.map(Path::to_path_buf).unwrap_or_else(|| {
        config::in_dir(&config.dir, "reports").join(format!(
            "{}-{}.pdf",
            output::slug(&assessment.monitor.name),
            assessment.year
        ))
    });
    let renderer = render::renderer(
        Format::Pdf,
        Style {
            lang: assessment.lang,
            color: false,
            width: None,
            terminal: false,
            indent: false,
            wide: false,
        },
    );
    render::to_file(renderer.as_ref(), &assessment, &path, &dataset.inputs)?;
    if !config.quiet {
        eprintln!(
            "{}",
            messages::message(&format!("ontrack: wrote {}", path.display()))
        );
    }
    Ok(gate(failed_on(config, &assessment)))
}

/// `ontrack show ID`.
fn show(config: &Config, id: &str, dest: &Destination) -> Result<Outcome> {
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

/// `ontrack compare --from Y1 --to Y2`.
fn compare(
    config: &Config,
    from: i32,
    to: i32,
    fail_on: &[assess::compare::Gate],
    dest: &Destination,
) -> Result<Outcome> {
    refuse_out(config, dest.out.as_deref())?;
    let mut later_data = load_inputs(config)?;
    // Assessing takes the observations; the earlier year gets its own copy.
    let mut earlier_data = later_data.clone();
    let earlier = assess_for(config, &mut earlier_data, Some(from), None)?;
    let later = assess_for(config, &mut later_data, Some(to), None)?;
    let comparison = assess::compare::compare(earlier, later);
    let renderer = render::comparison_renderer(dest.format, style(dest, comparison.lang))?;
    render::write(
        renderer.as_ref(),
        &comparison,
        dest.out.as_deref(),
        &later_data.inputs,
    )?;
    let tripped: Vec<String> = comparison
        .changes
        .iter()
        .filter(|c| !c.peer)
        .filter_map(|c| {
            let gate = fail_on.iter().find(|g| g.trips(c))?;
            Some(format!(
                "{} tripped `{}` ({} → {})",
                row_name(&c.id, c.series_id.as_deref()),
                gate.code(),
                c.from.as_ref().map_or("none", |r| r.status.code()),
                c.to.as_ref().map_or("none", |r| r.status.code()),
            ))
        })
        .collect();
    Ok(gate(report_tripped(config, &tripped)))
}

/// `ontrack template --year Y`.
fn template(
    config: &Config,
    year: i32,
    out: Option<&Path>,
    dialect: Option<template::TemplateDialect>,
) -> Result<Outcome> {
    let dataset = load_inputs(config).inspect_err(|e| {
        if matches!(e, Error::Invalid(_) | Error::Input { .. }) && !config.quiet {
            eprintln!(
                "{}",
                messages::message("ontrack: the template is made from the monitor as it reads; it writes nothing while the inputs have errors (fix these first; `ontrack check` lists every one):")
            );
        }
    })?;
    let dialect =
        dialect.unwrap_or_else(|| template::TemplateDialect::for_monitor(&dataset.monitor));
    let rows = template::rows(&dataset, year);
    let write = |w: &mut dyn std::io::Write| template::write(&rows, dialect, w);
    let path = match out {
        Some(p) if p == Path::new("-") => {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            return render::ignore_broken_pipe(write(&mut lock)).map(|()| Outcome::Done);
        }
        Some(p) => p.to_path_buf(),
        None => config.measurements.join(format!("{year}.csv")),
    };
    refuse_filled(&path, &dataset.monitor)?;
    output::write_file(&path, &dataset.inputs[..1], write)?;
    if !config.quiet {
        eprintln!(
            "{}",
            messages::message(&format!(
                "ontrack: wrote {}: {} rows to fill in for {year} ({})",
                path.display(),
                rows.len(),
                dialect.describe()
            ))
        );
    }
    Ok(Outcome::Done)
}

/// Refuses to overwrite a file that holds measurements (or that is not a measurement file at
/// all); an earlier, still empty template may be replaced.
fn refuse_filled(path: &Path, monitor: &model::Monitor) -> Result<()> {
    if !path.exists() {
        return Ok(());
    }
    if path.is_dir() {
        return Err(Error::usage(format!(
            "{}: is a folder; expected a file name",
            path.display()
        )));
    }
    let lookup = load::measurements::Lookup::new(monitor);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let read =
        load::measurements::read_file(path, &lookup, monitor.measurements.dialect_of(&name), None);
    let errors = read
        .diagnostics
        .iter()
        .filter(|d| d.severity == diagnostic::Severity::Error)
        .count();
    if !read.observations.is_empty() {
        return Err(Error::usage(format!(
            "{}: already holds {} value{}; refusing to overwrite it (nothing written); choose another --out",
            path.display(),
            read.observations.len(),
            if read.observations.len() == 1 { "" } else { "s" }
        )));
    }
    if errors > 0 {
        return Err(Error::usage(format!(
            "{}: exists and is not an empty template ontrack can read; refusing to overwrite it (nothing written)",
            path.display()
        )));
    }
    Ok(())
}

/// `ontrack init [DIR]`.
fn init(config: &Config, dir: &Path) -> Result<Outcome> {
    let created = scaffold::init(dir)?;
    if !config.quiet {
        eprintln!("ontrack: wrote {}", created.indicators.display());
        for folder in &created.folders {
            eprintln!("ontrack: made {}/", folder.display());
        }
        let c = if dir == Path::new(".") {
            String::new()
        } else {
            format!("-C {} ", dir.display())
        };
        eprintln!(
            "next: edit {}, then `ontrack {c}check`, `ontrack {c}template --year YEAR`, `ontrack {c}table`",
            created.indicators.display()
        );
    }
    Ok(Outcome::Done)
}

/// `ontrack schema` (never written over the `indicators` file it describes).
fn schema(out: Option<&Path>, indicators: &Path) -> Result<Outcome> {
    let write = |w: &mut dyn std::io::Write| {
        serde_json::to_writer_pretty(&mut *w, &schema::schema())?;
        w.write_all(b"\n")
    };
    match out {
        Some(path) => output::write_file(path, &[indicators.to_path_buf()], write)?,
        None => {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            render::ignore_broken_pipe(write(&mut lock))?;
        }
    }
    Ok(Outcome::Done)
}

/// `ontrack check`: every problem, grouped per file, and a summary line, on standard output.
fn check(config: &Config, strict: bool, json: bool, color: bool) -> Result<Outcome> {
    require_monitor(config)?;
    let checked = load::check(&config.indicators, &config.measurements);
    let d = &checked.diagnostics;
    let failed = d.errors() > 0 || (strict && d.warnings() > 0);
    let mut out = std::io::stdout().lock();
    let written = if json {
        use std::io::IsTerminal;
        let indent = config.pretty || std::io::stdout().is_terminal();
        diagnostic::write_json(&mut out, d, checked.files, indent)
    } else {
        d.print(&mut out, true, color).and_then(|()| {
            use std::io::Write;
            if !d.list.is_empty() {
                writeln!(out)?;
            }
            writeln!(out, "{} {}", d.summary(), files_checked(checked.files))
        })
    };
    render::ignore_broken_pipe(written)?;
    Ok(if failed {
        Outcome::Problems
    } else {
        Outcome::Done
    })
}

/// "(7 files checked)" / "(7 bestanden gecontroleerd)".
fn files_checked(n: usize) -> String {
    match messages::language() {
        i18n::Lang::En => format!("({n} {} checked)", if n == 1 { "file" } else { "files" }),
        i18n::Lang::Nl => format!(
            "({n} {} gecontroleerd)",
            if n == 1 { "bestand" } else { "bestanden" }
        ),
    }
}
