//! Problems found in the inputs, collected rather than stopped at, so that `ontrack check` can
//! report all of them in one run. Each is `file:line:column: error|warning: message`; errors
//! stop `table` and `report`, warnings only fail `check --strict`.

use crate::error::{Error, Location};
use serde::Serialize;
use std::fmt;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn code(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub at: Location,
    pub message: String,
}

impl Diagnostic {
    pub fn error(at: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            at,
            message: message.into(),
        }
    }

    pub fn warning(at: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            at,
            message: message.into(),
        }
    }

    /// The message with the field it concerns, as printed after the severity.
    pub fn text(&self) -> String {
        match &self.at.field {
            Some(field) => format!("field `{field}`: {}", self.message),
            None => self.message.clone(),
        }
    }
}

impl Diagnostic {
    /// The line `check` and the commands print: as [`fmt::Display`], in the language of
    /// messages ([`crate::messages`]).
    pub fn line(&self) -> String {
        let message = crate::messages::message(&self.message);
        let text = match &self.at.field {
            Some(field) => format!("{}: {message}", crate::messages::field(field)),
            None => message,
        };
        format!(
            "{}: {}: {text}",
            self.at,
            crate::messages::message(self.severity.code())
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.at, self.severity.code(), self.text())
    }
}

/// An input error becomes an error diagnostic; other errors (a file that cannot be read) are
/// attached to the file they name.
impl From<Error> for Vec<Diagnostic> {
    fn from(e: Error) -> Self {
        match e {
            Error::Input { at, message } => vec![Diagnostic::error(*at, message)],
            Error::Invalid(list) => list,
            Error::Io { path, message } => vec![Diagnostic::error(Location::file(&path), message)],
            Error::Usage(message) => {
                vec![Diagnostic::error(Location::file(Path::new("")), message)]
            }
        }
    }
}

/// The diagnostics of one run, in the order they are printed: by file, then line and column.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    pub list: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.list.push(d);
    }

    pub fn extend(&mut self, more: impl IntoIterator<Item = Diagnostic>) {
        self.list.extend(more);
    }

    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.list.iter().filter(|d| d.severity == severity).count()
    }

    /// Sorts by file, line, column, severity; drops exact repeats.
    pub fn sort(&mut self) {
        self.list.sort_by(|a, b| {
            (
                &a.at.file,
                &a.at.sheet,
                a.at.line,
                a.at.column,
                a.severity,
                &a.message,
            )
                .cmp(&(
                    &b.at.file,
                    &b.at.sheet,
                    b.at.line,
                    b.at.column,
                    b.severity,
                    &b.message,
                ))
        });
        self.list.dedup();
    }

    /// The number of distinct files the diagnostics are in.
    pub fn files(&self) -> usize {
        let mut files: Vec<&Path> = self.list.iter().map(|d| d.at.file.as_path()).collect();
        files.sort();
        files.dedup();
        files.len()
    }

    /// "2 errors, 1 warning in 3 files".
    pub fn summary(&self) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        match crate::messages::language() {
            crate::i18n::Lang::En => format!(
                "{}, {} in {}",
                plural(self.errors(), "error", "errors"),
                plural(self.warnings(), "warning", "warnings"),
                plural(self.files(), "file", "files")
            ),
            crate::i18n::Lang::Nl => format!(
                "{}, {} in {}",
                plural(self.errors(), "fout", "fouten"),
                plural(self.warnings(), "waarschuwing", "waarschuwingen"),
                plural(self.files(), "bestand", "bestanden")
            ),
        }
    }

    /// "2 errors in 1 file", for a run that stopped on them.
    pub fn error_summary(&self) -> String {
        let errors: Vec<&Path> = {
            let mut f: Vec<&Path> = self
                .list
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| d.at.file.as_path())
                .collect();
            f.sort();
            f.dedup();
            f
        };
        let n = self.errors();
        let (one, many, file, files) = match crate::messages::language() {
            crate::i18n::Lang::En => ("error", "errors", "file", "files"),
            crate::i18n::Lang::Nl => ("fout", "fouten", "bestand", "bestanden"),
        };
        format!(
            "{n} {} in {} {}",
            if n == 1 { one } else { many },
            errors.len(),
            if errors.len() == 1 { file } else { files }
        )
    }

    /// Every diagnostic on its own line, a blank line between files.
    pub fn print(
        &self,
        out: &mut impl std::io::Write,
        warnings: bool,
        color: bool,
    ) -> std::io::Result<()> {
        let mut last: Option<&Path> = None;
        for d in &self.list {
            if d.severity == Severity::Warning && !warnings {
                continue;
            }
            if last.is_some_and(|f| f != d.at.file) {
                writeln!(out)?;
            }
            last = Some(&d.at.file);
            // A message quotes what it found: never let that reach the terminal raw.
            let line = crate::visible::line(&d.line());
            let line = if color {
                // After the text is made safe: these are the only escapes that go out.
                let (error, warning) = (
                    crate::messages::message("error"),
                    crate::messages::message("warning"),
                );
                line.replacen(
                    &format!(": {error}:"),
                    &format!(": \x1b[1;31m{error}\x1b[0m:"),
                    1,
                )
                .replacen(
                    &format!(": {warning}:"),
                    &format!(": \x1b[33m{warning}\x1b[0m:"),
                    1,
                )
            } else {
                line
            };
            writeln!(out, "{line}")?;
        }
        Ok(())
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    files_checked: usize,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: String,
    sheet: Option<&'a str>,
    line: Option<u64>,
    column: Option<u64>,
    field: Option<&'a str>,
    severity: Severity,
    message: &'a str,
}

/// The findings of `check --format json`.
pub fn write_json(
    out: &mut impl std::io::Write,
    d: &Diagnostics,
    files_checked: usize,
    indent: bool,
) -> std::io::Result<()> {
    let report = JsonReport {
        files_checked,
        errors: d.errors(),
        warnings: d.warnings(),
        diagnostics: d
            .list
            .iter()
            .map(|x| JsonDiagnostic {
                file: x.at.file.display().to_string(),
                sheet: x.at.sheet.as_deref(),
                line: x.at.line,
                column: x.at.column,
                field: x.at.field.as_deref(),
                severity: x.severity,
                message: &x.message,
            })
            .collect(),
    };
    if indent {
        serde_json::to_writer_pretty(&mut *out, &report)?;
    } else {
        serde_json::to_writer(&mut *out, &report)?;
    }
    writeln!(out)
}
