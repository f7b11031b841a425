//! The resolved configuration: what to read, what to compute and where to write, as plain
//! values. Built once from the command line (and the environment: NO_COLOR,
//! SOURCE_DATE_EPOCH, whether stdout is a terminal); the core never sees clap.

use crate::cli::{self, Cli, ColorArg, FormatArg, LangArg, MethodArg};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::model::{Method, Status};
use crate::render::Format;
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Config {
    pub dir: PathBuf,
    pub indicators: PathBuf,
    pub measurements: PathBuf,
    pub year: Option<i32>,
    pub method: Option<Method>,
    pub themes: Vec<String>,
    pub ids: Vec<String>,
    pub fail_on: Vec<Status>,
    pub lang: Option<Lang>,
    /// The date outputs carry (YYYY-MM-DD).
    pub generated: String,
    /// Leave out notes and warnings on standard error.
    pub quiet: bool,
    pub output: Output,
}

#[derive(Debug, Clone)]
pub enum Output {
    Table {
        format: Format,
        out: Option<PathBuf>,
        color: bool,
        width: Option<u16>,
        /// Standard output is a terminal (and no --out is given).
        terminal: bool,
    },
    Report {
        out: Option<PathBuf>,
    },
    Check {
        strict: bool,
        json: bool,
    },
}

pub fn resolve(cli: Cli) -> Result<Config> {
    let dir = cli.dir;
    let indicators = cli
        .indicators
        .unwrap_or_else(|| in_dir(&dir, "indicators.toml"));
    let measurements = cli
        .measurements
        .unwrap_or_else(|| in_dir(&dir, "measurements"));
    let (selection, output) = match cli.command {
        cli::Command::Table(args) => {
            let format = match (args.format, &args.out) {
                (Some(f), _) => format_of(f),
                (None, Some(path)) => match Format::from_path(path) {
                    Some(Format::Pdf) => {
                        return Err(Error::usage(format!(
                            "{}: `table` writes text formats; use `ontrack report --out {}` for a PDF",
                            path.display(),
                            path.display()
                        )))
                    }
                    Some(f) => f,
                    None => {
                        return Err(Error::usage(format!(
                            "{}: cannot tell the format from the extension; give --format table|csv|tsv|json|markdown",
                            path.display()
                        )))
                    }
                },
                (None, None) => Format::Table,
            };
            let terminal = args.out.is_none() && std::io::stdout().is_terminal();
            let color = match args.color {
                ColorArg::Always => true,
                ColorArg::Never => false,
                ColorArg::Auto => {
                    terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                }
            } && format == Format::Table;
            let width = terminal
                .then(|| comfy_table::Table::new().width())
                .flatten();
            (
                args.selection,
                Output::Table {
                    format,
                    out: args.out,
                    color,
                    width,
                    terminal,
                },
            )
        }
        cli::Command::Report(args) => (args.selection, Output::Report { out: args.out }),
        cli::Command::Check(args) => (
            cli::Selection::default(),
            Output::Check {
                strict: args.strict,
                json: args.format == cli::CheckFormatArg::Json,
            },
        ),
    };
    Ok(Config {
        dir,
        indicators,
        measurements,
        year: selection.year,
        method: selection.method.map(|m| match m {
            MethodArg::OpenSdg => Method::OpenSdg,
            MethodArg::Linear => Method::Linear,
        }),
        themes: selection.theme,
        ids: selection.indicator,
        fail_on: selection
            .fail_on
            .iter()
            .filter_map(|s| Status::parse(s))
            .collect(),
        lang: selection.lang.map(|l| match l {
            LangArg::Nl => Lang::Nl,
            LangArg::En => Lang::En,
        }),
        generated: generated_date()?,
        quiet: cli.quiet,
        output,
    })
}

/// `name` inside `dir`; plain `name` for the current folder, so messages do not start with `./`.
pub fn in_dir(dir: &std::path::Path, name: &str) -> PathBuf {
    if dir == std::path::Path::new(".") {
        PathBuf::from(name)
    } else {
        dir.join(name)
    }
}

fn format_of(f: FormatArg) -> Format {
    match f {
        FormatArg::Table => Format::Table,
        FormatArg::Csv => Format::Csv,
        FormatArg::Tsv => Format::Tsv,
        FormatArg::Json => Format::Json,
        FormatArg::Markdown => Format::Markdown,
    }
}

/// Today, or the day of SOURCE_DATE_EPOCH when set (reproducible builds).
fn generated_date() -> Result<String> {
    let seconds = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if !v.trim().is_empty() => v.trim().parse::<i64>().map_err(|_| {
            Error::usage(format!(
                "SOURCE_DATE_EPOCH is `{v}`, expected a number of seconds since 1970-01-01"
            ))
        })?,
        _ => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0),
    };
    Ok(civil_date(seconds.div_euclid(86_400)))
}

/// The proleptic Gregorian date of a day number counted from 1970-01-01.
pub fn civil_date(days: i64) -> String {
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::civil_date;

    #[test]
    fn day_numbers_become_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(17_932), "2019-02-05");
        assert_eq!(civil_date(20_414), "2025-11-22");
        assert_eq!(civil_date(-1), "1969-12-31");
    }
}
