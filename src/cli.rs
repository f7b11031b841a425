//! The command line as clap sees it. `config` turns it into a plain [`crate::config::Config`];
//! nothing else in ontrack touches these types.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "ontrack",
    version,
    about = "How each indicator of a municipal policy plan stands against its baseline and target",
    long_about = "ontrack reads indicator definitions (indicators.toml) and yearly measurements \
                  (measurements/*.csv), assesses every indicator, sub-series and peer area against \
                  its baseline and target, and writes tables (terminal, CSV, TSV, JSON, Markdown) \
                  and a PDF progress report.",
    after_help = "Examples:\n  ontrack table\n  ontrack table --year 2020 --format json | jq '.indicators[].status'\n  ontrack table --fail-on deterioration\n  ontrack report --lang en"
)]
pub struct Cli {
    /// The monitor folder holding indicators.toml, measurements/ and reports/.
    #[arg(
        short = 'C',
        long,
        global = true,
        value_name = "DIR",
        default_value = "."
    )]
    pub dir: PathBuf,

    /// The indicator definitions [default: DIR/indicators.toml].
    #[arg(long, global = true, value_name = "FILE")]
    pub indicators: Option<PathBuf>,

    /// The folder of yearly measurement files [default: DIR/measurements].
    #[arg(long, global = true, value_name = "DIR")]
    pub measurements: Option<PathBuf>,

    /// Print nothing but the requested output and errors (no "wrote ..." notes, no warnings).
    #[arg(short, long, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show every indicator against its baseline and target.
    #[command(
        after_help = "Examples:\n  ontrack table\n  ontrack table --format csv --out progress.csv\n  ontrack table --theme dialoog --format markdown\n  ontrack table --indicator vve-deelname --format json"
    )]
    Table(TableArgs),
    /// Write the PDF annual progress report (default reports/<monitor-name>-<year>.pdf).
    #[command(
        after_help = "Examples:\n  ontrack report\n  ontrack report --year 2020 --lang en --out council-2020.pdf"
    )]
    Report(ReportArgs),
    /// Check indicators.toml and every measurement file; list all problems.
    #[command(
        long_about = "Check indicators.toml and every measurement file and list all problems, each as \
                      `file:line:column: error|warning: message`, grouped per file, with a summary \
                      line. Exit code 1 when there is an error (or, with --strict, a warning). \
                      `table` and `report` run the same checks and stop on errors.",
        after_help = "Examples:\n  ontrack check\n  ontrack check --strict\n  ontrack check --format json | jq '.diagnostics[] | select(.severity == \"error\")'"
    )]
    Check(CheckArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub strict: bool,

    /// Output format of the findings.
    #[arg(short, long, value_enum, default_value = "text")]
    pub format: CheckFormatArg,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum CheckFormatArg {
    Text,
    Json,
}

#[derive(Debug, Args, Default)]
pub struct Selection {
    /// The report year [default: the latest year with data].
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,

    /// The status method [default: from indicators.toml, else open-sdg].
    #[arg(long, value_enum)]
    pub method: Option<MethodArg>,

    /// Only these themes (id or number); repeat or separate with commas.
    #[arg(long, value_delimiter = ',', value_name = "THEME")]
    pub theme: Vec<String>,

    /// Only these indicators (id); repeat or separate with commas.
    #[arg(long, value_delimiter = ',', value_name = "ID")]
    pub indicator: Vec<String>,

    /// Exit with code 3 when any row has one of these statuses (a CI gate).
    #[arg(long, value_delimiter = ',', value_name = "STATUS", value_parser = status_codes())]
    pub fail_on: Vec<String>,

    /// The language of labels [default: from indicators.toml, else nl].
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

fn status_codes() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(crate::model::Status::ALL.map(|s| s.code()))
}

#[derive(Debug, Args)]
pub struct TableArgs {
    #[command(flatten)]
    pub selection: Selection,

    /// Output format [default: from the --out extension, else table].
    #[arg(short, long, value_enum)]
    pub format: Option<FormatArg>,

    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// When to colour the terminal table.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorArg,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub selection: Selection,

    /// The PDF file to write [default: DIR/reports/<monitor-name>-<year>.pdf].
    #[arg(short, long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Table,
    Csv,
    Tsv,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum MethodArg {
    #[value(name = "open-sdg")]
    OpenSdg,
    Linear,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    Nl,
    En,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}
