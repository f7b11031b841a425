//! `ontrack template --year Y`: the measurement file to fill in for a year.

use super::{load_inputs, Outcome};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::{diagnostic, load, messages, model, output, render, template};
use std::path::Path;

/// `ontrack template --year Y`.
pub(super) fn run(
    config: &Config,
    year: i32,
    out: Option<&Path>,
    dialect: Option<template::TemplateDialect>,
) -> Result<Outcome> {
    let dataset = load_inputs(config, None).inspect_err(|e| {
        if matches!(e, Error::Invalid(_) | Error::Input { .. }) && !config.quiet {
            eprintln!(
                "{}",
                messages::message("ontrack: the template is made from the monitor as it reads; it writes nothing while the inputs have errors (fix these first; `ontrack check` lists every one):")
            );
        }
    })?;
    // The template is filled in and read back: a year outside `valid_years` would give a file
    // whose every row is refused (and a period holds no year beyond four digits).
    if let Some(message) = load::indicators::year_out_of_range(year, dataset.monitor.valid_years) {
        return Err(Error::usage(format!("--year: {message}")));
    }
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
        None => crate::monitor_dir::year_file(&config.monitor.measurements, year),
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
    let read = load::read_file(path, &lookup, monitor.measurements.dialect_of(&name), None);
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
