//! The command line as clap sees it. `config` turns it into a plain [`crate::config::Config`];
//! nothing else in ontrack touches these types.

// The doc comments here are clap's help texts, plain text in which `<monitor-name>` is a
// placeholder, not an HTML tag.
#![allow(rustdoc::invalid_html_tags)]

use crate::assess::compare::Gate;
use crate::model::{Lang, Method, Status};
use crate::render::{Format, ReportFormat};
use crate::template::TemplateDialect;
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
    after_help = "Examples:\n  ontrack init my-monitor                 a new monitor to fill in\n  ontrack template --year 2022            measurements/2022.csv to fill in\n  ontrack check                           every problem in the inputs\n  ontrack table                           where every indicator stands\n  ontrack report                          the PDF for the council\n  ontrack compare --from 2020 --to 2021   what changed since last year\n\nExit codes: 0 success, 1 bad input or usage, 3 a --fail-on gate tripped."
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

    /// When to colour terminal output (NO_COLOR turns `auto` off).
    #[arg(
        long,
        global = true,
        value_enum,
        default_value = "auto",
        value_name = "WHEN"
    )]
    pub color: ColorArg,

    /// Indent JSON output (it is indented on a terminal and compact, one line, otherwise).
    #[arg(long, global = true)]
    pub pretty: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a new monitor: a commented indicators.toml, measurements/ and reports/.
    #[command(
        long_about = "Start a new monitor in DIR (default: the -C folder): an indicators.toml that \
                      shows every feature with comments, an empty measurements/ and reports/. \
                      Never overwrites: an existing indicators.toml stops it with nothing written.",
        after_help = "Examples:\n  ontrack init my-monitor\n  ontrack -C my-monitor check\n  ontrack -C my-monitor template --year 2025"
    )]
    Init(InitArgs),
    /// Write the CSV to fill in for a year: one row per indicator × series × area.
    #[command(
        long_about = "Write the measurement file to fill in for YEAR: one row per expected \
                      observation (indicator × series × area), the value empty, with the unit and \
                      the last known value as guidance. Written to DIR/measurements/YEAR.csv unless \
                      --out says otherwise (`--out -` for standard output). A file that already \
                      holds values is never overwritten. A school year is asked in the year it \
                      ends (2021/2022 in the 2022 template). The template is made from the \
                      monitor as it reads: while indicators.toml or a measurement file has \
                      errors it writes nothing (`ontrack check` lists them).",
        after_help = "Examples:\n  ontrack template --year 2022\n  ontrack template --year 2022 --dialect plain --out -\n  ontrack template --year 2022 --out ~/Desktop/maassluis-2022.csv"
    )]
    Template(TemplateArgs),
    /// Check indicators.toml and every measurement file; list all problems.
    #[command(
        long_about = "Check indicators.toml and every measurement file and list all problems, each as \
                      `file:line:column: error|warning: message`, grouped per file, with a summary \
                      line. Exit code 1 when there is an error (or, with --strict, a warning). \
                      `table` and `report` run the same checks and stop on errors.",
        after_help = "Examples:\n  ontrack check\n  ontrack check --strict\n  ontrack check --format json | jq '.diagnostics[] | select(.severity == \"error\")'"
    )]
    Check(CheckArgs),
    /// Show every indicator against its baseline and target.
    #[command(
        after_help = "Examples:\n  ontrack table\n  ontrack table --format csv --out progress.csv\n  ontrack table --theme dialoog --format markdown\n  ontrack table --format json | jq -r '.indicators[] | [.id, .status] | @tsv'\n  ontrack table --fail-on deterioration"
    )]
    Table(TableArgs),
    /// One indicator in full: definition, every observation, the assessment and how it was computed.
    #[command(
        after_help = "Examples:\n  ontrack show vve-deelname\n  ontrack show startkwalificatie --year 2019\n  ontrack show sociale-cohesie --format json | jq '.indicators[0].computation'"
    )]
    Show(ShowArgs),
    /// What changed between two report years: statuses, values, new and missing observations.
    #[command(
        long_about = "Compare the assessment of two report years, row by row (indicator × series × \
                      area): whether the status got better or worse, how the latest value moved, \
                      and whether a new observation came in since the first year (`new`, `first`) \
                      or not (`missing`). --fail-on turns any of these into exit code 3.",
        after_help = "Examples:\n  ontrack compare --from 2020 --to 2021\n  ontrack compare --from 2020 --to 2021 --fail-on worse\n  ontrack compare --from 2019 --to 2021 --format json | jq '.changes[] | select(.status_change == \"worse\") | .id'\n  ontrack compare --from 2020 --to 2021 --format markdown --out changes.md"
    )]
    Compare(CompareArgs),
    /// Write the PDF annual progress report (default reports/<monitor-name>-<year>.pdf).
    #[command(
        after_help = "Examples:\n  ontrack report\n  ontrack report --year 2020 --lang en --out council-2020.pdf\n  ontrack report --quiet --fail-on deterioration"
    )]
    Report(ReportArgs),
    /// Print the JSON Schema of indicators.toml (for editors that check TOML against a schema).
    #[command(
        after_help = "Examples:\n  ontrack schema --out indicators.schema.json\n  Then start indicators.toml with the line\n    #:schema ./indicators.schema.json\n  and Taplo / VS Code \"Even Better TOML\" check and complete the file."
    )]
    Schema(SchemaArgs),
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  ontrack completions bash > ~/.local/share/bash-completion/completions/ontrack\n  ontrack completions zsh > ~/.zfunc/_ontrack\n  ontrack completions fish > ~/.config/fish/completions/ontrack.fish\n  ontrack completions powershell >> $PROFILE"
    )]
    Completions(CompletionsArgs),
    /// Print the man page (or write one page per command into a folder).
    #[command(
        after_help = "Examples:\n  ontrack man | man -l -\n  ontrack man --out-dir /usr/local/share/man/man1"
    )]
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder of the new monitor [default: the -C folder].
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// The year the observations are for.
    #[arg(long, value_name = "YEAR")]
    pub year: i32,

    /// The file to write; `-` is standard output [default: DIR/measurements/YEAR.csv].
    #[arg(short, long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// The CSV dialect [default: excel-nl for a Dutch monitor, else plain].
    #[arg(long, value_enum)]
    pub dialect: Option<TemplateDialect>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub strict: bool,

    /// Output format of the findings.
    #[arg(short, long, value_enum, default_value = "text")]
    pub format: CheckFormatArg,

    /// The language of the messages [default: from indicators.toml, else nl].
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum CheckFormatArg {
    Text,
    Json,
}

/// Which rows to assess and how; shared by the commands that assess.
#[derive(Debug, Args, Default)]
pub struct Selection {
    /// The status method [default: from indicators.toml, else open-sdg].
    #[arg(long, value_enum)]
    pub method: Option<Method>,

    /// Only these themes (id or number); repeat or separate with commas.
    #[arg(long, value_delimiter = ',', value_name = "THEME")]
    pub theme: Vec<String>,

    /// Only these indicators (id); repeat or separate with commas.
    #[arg(long, value_delimiter = ',', value_name = "ID")]
    pub indicator: Vec<String>,

    /// The language of labels [default: from indicators.toml, else nl].
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
}

#[derive(Debug, Args)]
pub struct TableArgs {
    /// The report year [default: the latest year with data].
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,

    #[command(flatten)]
    pub selection: Selection,

    /// Exit with code 3 when any row has one of these statuses (a CI gate).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "STATUS")]
    pub fail_on: Vec<Status>,

    #[command(flatten)]
    pub output: TextOutput,
}

/// Where a text format goes; shared by `table` and `compare`.
#[derive(Debug, Args)]
pub struct TextOutput {
    /// Output format [default: from the --out extension, else table].
    #[arg(short, long, value_enum)]
    pub format: Option<Format>,

    /// Write to this file (atomically) instead of standard output (`-` is standard output).
    #[arg(short, long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// In a terminal, show every column however narrow it is (by default an 80-column terminal
    /// shows the main ones: for `table` title, latest value, target and status; for `compare`
    /// title, both years' status and the change; a wider one more).
    #[arg(long)]
    pub wide: bool,

    /// JSON: give every row its observations, each with the file and line it came from (the
    /// default JSON carries the assessed rows only).
    #[arg(long)]
    pub observations: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The indicator id (as in indicators.toml).
    #[arg(value_name = "ID")]
    pub id: String,

    /// The report year [default: the latest year with data].
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,

    /// The status method [default: from indicators.toml, else open-sdg].
    #[arg(long, value_enum)]
    pub method: Option<Method>,

    /// The language of labels [default: from indicators.toml, else nl].
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,

    /// Output format [default: from the --out extension, else table (text)].
    #[arg(short, long, value_parser = show_formats())]
    pub format: Option<Format>,

    /// Write to this file (atomically) instead of standard output (`-` is standard output).
    #[arg(short, long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// In a terminal, show every column however narrow it is (by default an 80-column terminal
    /// shows title, latest value, target and status, a wider one more).
    #[arg(long)]
    pub wide: bool,
}

/// The formats `show` writes: a subset of [`Format`].
fn show_formats() -> impl clap::builder::TypedValueParser<Value = Format> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(
        [Format::Table, Format::Json, Format::Markdown]
            .map(|f| f.to_possible_value().expect("a text format")),
    )
    .map(|name| Format::from_str(&name, false).expect("one of the possible values"))
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The earlier report year.
    #[arg(long, value_name = "YEAR")]
    pub from: i32,

    /// The later report year.
    #[arg(long, value_name = "YEAR")]
    pub to: i32,

    #[command(flatten)]
    pub selection: Selection,

    /// Exit with code 3 when any row shows one of these: a status change (worse, better,
    /// assessed, unassessed), an observation change (new, first, missing), or a status in the
    /// later year.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "CHANGE")]
    pub fail_on: Vec<Gate>,

    #[command(flatten)]
    pub output: TextOutput,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The report year [default: the latest year with data].
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,

    #[command(flatten)]
    pub selection: Selection,

    /// Exit with code 3 when any row has one of these statuses (a CI gate).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "STATUS")]
    pub fail_on: Vec<Status>,

    /// The file to write [default: DIR/reports/<monitor-name>-<year>.pdf, or .html].
    #[arg(short, long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// pdf (for the council papers) or html (one web page) [default: from the --out
    /// extension, else pdf].
    #[arg(short, long, value_enum, value_name = "FORMAT")]
    pub format: Option<ReportFormat>,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Write to this file (atomically) instead of standard output (`-` is standard output).
    #[arg(short, long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write ontrack.1 and one ontrack-COMMAND.1 per command into this folder.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

/// Writes the completion script for `shell` (generated from these definitions).
pub fn write_completions(shell: clap_complete::Shell, out: &mut dyn std::io::Write) {
    use clap::CommandFactory;
    clap_complete::generate(shell, &mut Cli::command(), "ontrack", out);
}

/// Writes the man page of ontrack to `out`, or with `dir` one page per command into `dir`
/// (returning the files written).
pub fn write_man(
    dir: Option<&std::path::Path>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<Vec<PathBuf>> {
    use clap::CommandFactory;
    let mut command = Cli::command();
    // Builds the command so that the global options show on every page.
    command.build();
    let Some(dir) = dir else {
        clap_mangen::Man::new(command).render(out)?;
        return Ok(Vec::new());
    };
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    let mut page = |name: String, cmd: clap::Command| -> std::io::Result<()> {
        let path = dir.join(format!("{name}.1"));
        let mut buffer = Vec::new();
        clap_mangen::Man::new(cmd.name(name.clone())).render(&mut buffer)?;
        std::fs::write(&path, buffer)?;
        written.push(path);
        Ok(())
    };
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        page(format!("ontrack-{}", sub.get_name()), sub.clone())?;
    }
    page("ontrack".to_string(), command)?;
    Ok(written)
}
