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
pub mod model;
pub mod render;
pub mod synthetic;

use config::{Config, Output};
use error::Result;
use render::{Format, Style};

/// What a successful run found, for the exit code.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// A row had a status named by `--fail-on`.
    Failed,
    /// `check` found problems (already printed).
    Problems,
}

/// Runs one resolved command.
pub fn run(config: &Config) -> Result<Outcome> {
    if let Output::Check { strict, json } = config.output {
        return check(config, strict, json);
    }
    let mut dataset = load::load(&config.indicators, &config.measurements)?;
    let mut assessment = assess::assess(
        &mut dataset,
        &assess::Options {
            year: config.year,
            method: config.method,
            generated: config.generated.clone(),
        },
    )?;
    if let Some(lang) = config.lang {
        assessment.lang = lang;
    }
    assessment.retain(&config.themes, &config.ids)?;
    let lang = assessment.lang;

    match &config.output {
        Output::Table {
            format,
            out,
            color,
            width,
            terminal,
        } => {
            let renderer = render::renderer(
                *format,
                Style {
                    lang,
                    color: *color,
                    width: *width,
                    terminal: *terminal,
                },
            );
            match out {
                Some(path) => {
                    render::to_file(renderer.as_ref(), &assessment, path, &dataset.inputs)?
                }
                None => render::to_stdout(renderer.as_ref(), &assessment)?,
            }
        }
        Output::Report { out } => {
            let path = out.clone().unwrap_or_else(|| {
                config::in_dir(&config.dir, "reports").join(format!(
                    "{}-{}.pdf",
                    assessment.monitor.name, assessment.year
                ))
            });
            let renderer = render::renderer(
                Format::Pdf,
                Style {
                    lang,
                    color: false,
                    width: None,
                    terminal: false,
                },
            );
            render::to_file(renderer.as_ref(), &assessment, &path, &dataset.inputs)?;
            if !config.quiet {
                eprintln!("ontrack: wrote {}", path.display());
            }
        }
        Output::Check { .. } => unreachable!("handled above"),
    }

    let failed = assessment
        .indicators
        .iter()
        .any(|r| config.fail_on.contains(&r.status));
    Ok(if failed {
        Outcome::Failed
    } else {
        Outcome::Done
    })
}

/// `ontrack check`: every problem, grouped per file, and a summary line, on standard output.
fn check(config: &Config, strict: bool, json: bool) -> Result<Outcome> {
    let checked = load::check(&config.indicators, &config.measurements);
    let d = &checked.diagnostics;
    let failed = d.errors() > 0 || (strict && d.warnings() > 0);
    let mut out = std::io::stdout().lock();
    let written = if json {
        diagnostic::write_json(&mut out, d, checked.files)
    } else {
        d.print(&mut out, true).and_then(|()| {
            use std::io::Write;
            if !d.list.is_empty() {
                writeln!(out)?;
            }
            writeln!(out, "{} ({} checked)", d.summary(), files(checked.files))
        })
    };
    render::ignore_broken_pipe(written)?;
    Ok(if failed {
        Outcome::Problems
    } else {
        Outcome::Done
    })
}

fn files(n: usize) -> String {
    format!("{n} {}", if n == 1 { "file" } else { "files" })
}
