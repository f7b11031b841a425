//! The resolved configuration: what to read, what to compute and where to write, as plain
//! values. Built once from the command line (and the environment: NO_COLOR,
//! SOURCE_DATE_EPOCH, whether stdout is a terminal); the core never sees clap.

use crate::assess::compare::Gate;
use crate::cli::{self, Cli, ColorArg};
use crate::error::{Error, Result};
use crate::model::{Day, Lang, Method, Status};
use crate::monitor_dir::MonitorDir;
use crate::render::{Format, ReportFormat};
use crate::template::TemplateDialect;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// One run of ontrack: where the monitor is, and the command with what it alone uses.
#[derive(Debug, Clone)]
pub struct Config {
    pub monitor: MonitorPaths,
    /// Leave out notes and warnings on standard error.
    pub quiet: bool,
    pub command: Command,
}

/// Where the monitor's inputs are.
#[derive(Debug, Clone)]
pub struct MonitorPaths {
    /// The monitor folder (`-C`).
    pub dir: PathBuf,
    pub indicators: PathBuf,
    pub measurements: PathBuf,
}

/// What the commands that assess share: which rows, of which year, how, in which language.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// The report year; None: the latest with data.
    pub year: Option<i32>,
    pub method: Option<Method>,
    pub themes: Vec<String>,
    pub ids: Vec<String>,
    pub lang: Option<Lang>,
    /// The date outputs carry (YYYY-MM-DD).
    pub generated: crate::model::Day,
}

/// The commands, each with only what it uses.
#[derive(Debug, Clone)]
pub enum Command {
    Table {
        selection: Selection,
        fail_on: Vec<Status>,
        dest: Destination,
    },
    Report {
        selection: Selection,
        fail_on: Vec<Status>,
        /// None: `DIR/reports/<monitor-name>-<year>.<pdf|html>`.
        out: Option<PathBuf>,
        format: ReportFormat,
    },
    Check {
        lang: Option<Lang>,
        strict: bool,
        json: bool,
        /// Colour the severities (`--color`, NO_COLOR, a terminal).
        color: bool,
        /// Indent the JSON (a terminal, or `--pretty`).
        indent: bool,
    },
    Show {
        /// Year, method and language; no theme or indicator filter.
        selection: Selection,
        id: String,
        dest: Destination,
    },
    Compare {
        /// Method, language and filters; the years are `from` and `to`.
        selection: Selection,
        from: i32,
        to: i32,
        fail_on: Vec<Gate>,
        dest: Destination,
    },
    Template {
        year: i32,
        /// None: DIR/measurements/YEAR.csv; Some("-"): standard output.
        out: Option<PathBuf>,
        dialect: Option<TemplateDialect>,
    },
    Init {
        dir: PathBuf,
    },
    Schema {
        out: Option<PathBuf>,
    },
}

impl Command {
    /// The language asked for with `--lang`, for the commands that take one.
    pub fn lang(&self) -> Option<Lang> {
        match self {
            Command::Table { selection, .. }
            | Command::Report { selection, .. }
            | Command::Show { selection, .. }
            | Command::Compare { selection, .. } => selection.lang,
            Command::Check { lang, .. } => *lang,
            Command::Template { .. } | Command::Init { .. } | Command::Schema { .. } => None,
        }
    }
}

/// Where text output goes and how it looks there.
#[derive(Debug, Clone)]
pub struct Destination {
    pub format: Format,
    /// None: standard output.
    pub out: Option<PathBuf>,
    pub color: bool,
    pub width: Option<u16>,
    /// Standard output is a terminal (and no --out is given).
    pub terminal: bool,
    /// JSON is indented: on a terminal, or with --pretty.
    pub indent: bool,
    /// Every column of the terminal table, whatever its width (--wide).
    pub wide: bool,
    /// JSON rows carry their observations (--observations; always for `show`).
    pub observations: bool,
}

pub fn resolve(cli: Cli) -> Result<Config> {
    let dir = cli.dir;
    let monitor = MonitorPaths {
        indicators: cli
            .indicators
            .unwrap_or_else(|| MonitorDir::new(&dir).indicators()),
        measurements: cli
            .measurements
            .unwrap_or_else(|| MonitorDir::new(&dir).measurements()),
        dir,
    };
    let color = cli.color;
    let pretty = cli.pretty;
    let selection = |s: cli::Selection, year: Option<i32>| -> Result<Selection> {
        Ok(Selection {
            year,
            method: s.method,
            themes: s.theme,
            ids: s.indicator,
            lang: s.lang,
            generated: generated_date()?,
        })
    };
    let command = match cli.command {
        cli::Command::Table(args) => Command::Table {
            selection: selection(args.selection, args.year)?,
            fail_on: args.fail_on,
            dest: text_destination(args.output, "table", color, pretty)?,
        },
        cli::Command::Report(args) => Command::Report {
            selection: selection(args.selection, args.year)?,
            fail_on: args.fail_on,
            format: report_format(args.format, args.out.as_deref())?,
            out: args.out,
        },
        cli::Command::Check(args) => Command::Check {
            lang: args.lang,
            strict: args.strict,
            json: args.format == cli::CheckFormatArg::Json,
            color: use_color(color, std::io::stdout().is_terminal()),
            indent: pretty || std::io::stdout().is_terminal(),
        },
        cli::Command::Show(args) => {
            let out = file_named(args.out);
            let format = text_format(args.format, out.as_deref(), "show")?;
            if matches!(format, Format::Csv | Format::Tsv) {
                return Err(Error::usage(
                    "`show` writes table, json or markdown; for CSV use `ontrack table --indicator ID --format csv`",
                ));
            }
            let mut dest = destination(format, out, color, pretty);
            dest.wide = args.wide;
            // One indicator in full: its observations are what `show` is for.
            dest.observations = true;
            Command::Show {
                selection: selection(
                    cli::Selection {
                        method: args.method,
                        lang: args.lang,
                        ..Default::default()
                    },
                    args.year,
                )?,
                id: args.id,
                dest,
            }
        }
        cli::Command::Compare(args) => {
            if args.from >= args.to {
                return Err(Error::usage(format!(
                    "--from {} is not before --to {}; expected the earlier report year first",
                    args.from, args.to
                )));
            }
            Command::Compare {
                selection: selection(args.selection, None)?,
                from: args.from,
                to: args.to,
                fail_on: args.fail_on,
                dest: text_destination(args.output, "compare", color, pretty)?,
            }
        }
        cli::Command::Template(args) => {
            if let Some(out) = args.out.as_deref().filter(|p| *p != Path::new("-")) {
                let ext = out
                    .extension()
                    .map(|e| e.to_string_lossy().to_lowercase())
                    .unwrap_or_default();
                if ext != "csv" && ext != "txt" {
                    return Err(Error::usage(format!(
                        "{}: the template is a CSV file; give a name ending in .csv",
                        out.display()
                    )));
                }
            }
            Command::Template {
                year: args.year,
                out: args.out,
                dialect: args.dialect,
            }
        }
        cli::Command::Init(args) => Command::Init {
            dir: args.dir.unwrap_or_else(|| monitor.dir.clone()),
        },
        cli::Command::Schema(args) => Command::Schema { out: args.out },
        cli::Command::Completions(_) | cli::Command::Man(_) => return Err(Error::usage(
            "completions and man pages are written by the binary before a configuration is made",
        )),
    };
    Ok(Config {
        monitor,
        quiet: cli.quiet,
        command,
    })
}

/// The report's format: asked for, else the one the --out extension names, else the PDF.
fn report_format(asked: Option<ReportFormat>, out: Option<&Path>) -> Result<ReportFormat> {
    match (asked, out) {
        (Some(f), _) => Ok(f),
        // No extension (a device such as /dev/null, or `-`): the PDF.
        (None, Some(path)) if path.extension().is_none() => Ok(ReportFormat::Pdf),
        (None, Some(path)) => match Format::from_path(path) {
            Some(Format::Pdf) => Ok(ReportFormat::Pdf),
            Some(Format::Html) => Ok(ReportFormat::Html),
            _ => Err(Error::usage(format!(
                "{}: the report is .pdf or .html; give --format pdf|html or one of those extensions",
                path.display()
            ))),
        },
        (None, None) => Ok(ReportFormat::Pdf),
    }
}

/// The format asked for, else the one the --out extension names, else the terminal table.
fn text_format(asked: Option<Format>, out: Option<&Path>, command: &str) -> Result<Format> {
    match (asked, out) {
        (Some(f), _) => Ok(f),
        (None, Some(path)) => match Format::from_path(path) {
            Some(Format::Pdf | Format::Html) => Err(Error::usage(format!(
                "{}: `{command}` writes text formats; use `ontrack report --out {}` for the report",
                path.display(),
                path.display()
            ))),
            Some(f) => Ok(f),
            None => Err(Error::usage(format!(
                "{}: cannot tell the format from the extension; give --format",
                path.display()
            ))),
        },
        (None, None) => Ok(Format::Table),
    }
}

/// The file `--out` names: none for `-`, which is standard output, written as when no file is
/// given (in the format and colours of standard output).
fn file_named(out: Option<PathBuf>) -> Option<PathBuf> {
    out.filter(|p| p != Path::new("-"))
}

/// Where `table` and `compare` write.
fn text_destination(
    output: cli::TextOutput,
    command: &str,
    color: ColorArg,
    pretty: bool,
) -> Result<Destination> {
    let out = file_named(output.out);
    let format = text_format(output.format, out.as_deref(), command)?;
    let mut dest = destination(format, out, color, pretty);
    dest.wide = output.wide;
    dest.observations = output.observations;
    Ok(dest)
}

/// Where text output goes, with colour decided once: `always`, `never`, or (auto) on a
/// terminal unless NO_COLOR is set to something.
fn destination(format: Format, out: Option<PathBuf>, color: ColorArg, pretty: bool) -> Destination {
    let terminal = out.is_none() && std::io::stdout().is_terminal();
    let color = use_color(color, terminal) && format == Format::Table;
    let width = terminal
        .then(|| comfy_table::Table::new().width())
        .flatten();
    Destination {
        format,
        out,
        color,
        width,
        terminal,
        indent: terminal || pretty,
        wide: false,
        observations: false,
    }
}

/// Whether to colour: `always`, `never`, or (auto) on a terminal unless NO_COLOR is set to
/// something.
fn use_color(color: ColorArg, terminal: bool) -> bool {
    match color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

/// Today, or the day of SOURCE_DATE_EPOCH when set (reproducible builds).
fn generated_date() -> Result<Day> {
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
    Day::from_unix_seconds(seconds).ok_or_else(|| {
        Error::usage(format!(
            "SOURCE_DATE_EPOCH is {seconds}, a day outside the years −9999 to 9999"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::Day;

    #[test]
    fn seconds_become_days() {
        let day = |s: i64| Day::from_unix_seconds(s).unwrap().to_string();
        assert_eq!(day(0), "1970-01-01");
        assert_eq!(day(17_932 * 86_400), "2019-02-05");
        assert_eq!(day(20_414 * 86_400 + 86_399), "2025-11-22");
        assert_eq!(day(-1), "1969-12-31");
        assert!(Day::from_unix_seconds(i64::MAX).is_none());
    }
}
