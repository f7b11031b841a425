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
pub mod error;
pub mod i18n;
pub mod load;
pub mod model;
pub mod render;

use config::{Config, Output};
use error::Result;
use render::{Format, Style};

/// What a successful run found, for the exit code.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// A row had a status named by `--fail-on`.
    Failed,
}

/// Runs one resolved command.
pub fn run(config: &Config) -> Result<Outcome> {
    let dataset = load::load(&config.indicators, &config.measurements)?;
    let mut assessment = assess::assess(
        &dataset,
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
        } => {
            let renderer = render::renderer(
                *format,
                Style {
                    lang,
                    color: *color,
                    width: *width,
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
                config.dir.join("reports").join(format!(
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
                },
            );
            render::to_file(renderer.as_ref(), &assessment, &path, &dataset.inputs)?;
            eprintln!("ontrack: wrote {}", path.display());
        }
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
