//! The resolved configuration: what to read, what to compute and where to write, as plain
//! values. Built once from the command line (and the environment: NO_COLOR,
//! SOURCE_DATE_EPOCH, whether stdout is a terminal); the core never sees clap.

use crate::assess::compare::Gate;
use crate::cli::{self, Cli, ColorArg, FormatArg, LangArg, MethodArg, ShowFormatArg};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::model::{Method, Status};
use crate::monitor_dir::MonitorDir;
use crate::render::Format;
use crate::template::TemplateDialect;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

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
    /// --pretty: indent JSON wherever it goes.
    pub pretty: bool,
    pub output: Output,
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
}

#[derive(Debug, Clone)]
pub enum Output {
    Table(Destination),
    Report {
        out: Option<PathBuf>,
    },
    Check {
        strict: bool,
        json: bool,
        /// Colour the severities (`--color`, NO_COLOR, a terminal).
        color: bool,
    },
    Show {
        id: String,
        dest: Destination,
    },
    Compare {
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

pub fn resolve(cli: Cli) -> Result<Config> {
    let dir = cli.dir;
    let indicators = cli
        .indicators
        .unwrap_or_else(|| MonitorDir::new(&dir).indicators());
    let measurements = cli
        .measurements
        .unwrap_or_else(|| MonitorDir::new(&dir).measurements());
    let color = cli.color;
    let pretty = cli.pretty;
    let mut year = None;
    let mut fail_on: Vec<String> = Vec::new();
    let (selection, output) = match cli.command {
        cli::Command::Table(args) => {
            year = args.year;
            fail_on = args.fail_on;
            (
                args.selection,
                Output::Table(text_destination(args.output, "table", color, pretty)?),
            )
        }
        cli::Command::Report(args) => {
            year = args.year;
            fail_on = args.fail_on;
            (args.selection, Output::Report { out: args.out })
        }
        cli::Command::Check(args) => (
            cli::Selection {
                lang: args.lang,
                ..cli::Selection::default()
            },
            Output::Check {
                strict: args.strict,
                json: args.format == cli::CheckFormatArg::Json,
                color: use_color(color, std::io::stdout().is_terminal()),
            },
        ),
        cli::Command::Show(args) => {
            year = args.year;
            let format = args.format.map(|f| match f {
                ShowFormatArg::Table => Format::Table,
                ShowFormatArg::Json => Format::Json,
                ShowFormatArg::Markdown => Format::Markdown,
            });
            let format = text_format(format, args.out.as_deref(), "show")?;
            if matches!(format, Format::Csv | Format::Tsv) {
                return Err(Error::usage(
                    "`show` writes table, json or markdown; for CSV use `ontrack table --indicator ID --format csv`",
                ));
            }
            (
                cli::Selection {
                    method: args.method,
                    lang: args.lang,
                    ..Default::default()
                },
                Output::Show {
                    id: args.id,
                    dest: destination(format, args.out, color, pretty),
                },
            )
        }
        cli::Command::Compare(args) => {
            if args.from >= args.to {
                return Err(Error::usage(format!(
                    "--from {} is not before --to {}; expected the earlier report year first",
                    args.from, args.to
                )));
            }
            (
                args.selection,
                Output::Compare {
                    from: args.from,
                    to: args.to,
                    fail_on: args.fail_on.iter().filter_map(|g| Gate::parse(g)).collect(),
                    dest: text_destination(args.output, "compare", color, pretty)?,
                },
            )
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
            (
                cli::Selection::default(),
                Output::Template {
                    year: args.year,
                    out: args.out,
                    dialect: args.dialect.map(|d| match d {
                        cli::DialectArg::ExcelNl => TemplateDialect::ExcelNl,
                        cli::DialectArg::Plain => TemplateDialect::Plain,
                    }),
                },
            )
        }
        cli::Command::Init(args) => (
            cli::Selection::default(),
            Output::Init {
                dir: args.dir.unwrap_or_else(|| dir.clone()),
            },
        ),
        cli::Command::Schema(args) => (cli::Selection::default(), Output::Schema { out: args.out }),
        cli::Command::Completions(_) | cli::Command::Man(_) => return Err(Error::usage(
            "completions and man pages are written by the binary before a configuration is made",
        )),
    };
    Ok(Config {
        dir,
        indicators,
        measurements,
        year,
        method: selection.method.map(|m| match m {
            MethodArg::OpenSdg => Method::OpenSdg,
            MethodArg::Linear => Method::Linear,
        }),
        themes: selection.theme,
        ids: selection.indicator,
        fail_on: fail_on.iter().filter_map(|s| Status::parse(s)).collect(),
        lang: selection.lang.map(|l| match l {
            LangArg::Nl => Lang::Nl,
            LangArg::En => Lang::En,
        }),
        generated: generated_date()?,
        quiet: cli.quiet,
        pretty,
        output,
    })
}

/// The format asked for, else the one the --out extension names, else the terminal table.
fn text_format(asked: Option<Format>, out: Option<&Path>, command: &str) -> Result<Format> {
    match (asked, out) {
        (Some(f), _) => Ok(f),
        (None, Some(path)) => match Format::from_path(path) {
            Some(Format::Pdf) => Err(Error::usage(format!(
                "{}: `{command}` writes text formats; use `ontrack report --out {}` for a PDF",
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

/// Where `table` and `compare` write.
fn text_destination(
    output: cli::TextOutput,
    command: &str,
    color: ColorArg,
    pretty: bool,
) -> Result<Destination> {
    let format = text_format(output.format.map(format_of), output.out.as_deref(), command)?;
    let mut dest = destination(format, output.out, color, pretty);
    dest.wide = output.wide;
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
