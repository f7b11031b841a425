//! Problems found in the inputs, collected rather than stopped at, so that `ontrack check` can
//! report all of them in one run. Each is `file:line:column: error|warning: message`; errors
//! stop `table` and `report`, warnings only fail `check --strict`.

use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// Where in an input a problem was found. Line and column are 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: PathBuf,
    /// The worksheet, in a workbook.
    pub sheet: Option<String>,
    pub line: Option<u64>,
    pub column: Option<u64>,
    /// The field (CSV column or TOML key) the problem is in, when known.
    pub field: Option<String>,
}

impl Location {
    pub fn file(file: &Path) -> Self {
        Location {
            file: file.to_path_buf(),
            sheet: None,
            line: None,
            column: None,
            field: None,
        }
    }

    pub fn at(file: &Path, line: u64, column: Option<u64>) -> Self {
        Location {
            file: file.to_path_buf(),
            sheet: None,
            line: Some(line),
            column,
            field: None,
        }
    }

    pub(crate) fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// Line and column of a byte offset in `text`.
    pub(crate) fn at_offset(file: &Path, text: &str, offset: usize) -> Self {
        let offset = offset.min(text.len());
        let before = &text.as_bytes()[..offset];
        let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        let column = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count() as u64
            + 1;
        Location::at(file, line, Some(column))
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(sheet) = &self.sheet {
            write!(f, "[{sheet}]")?;
        }
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            match (self.column, &self.sheet) {
                // In a workbook the column as Excel names it: A, B, ..., Z, AA, ...
                (Some(column), Some(_)) => write!(f, ":{}", column_letters(column))?,
                (Some(column), None) => write!(f, ":{column}")?,
                (None, _) => {}
            }
        }
        Ok(())
    }
}

/// The Excel name of 1-based column `n`: 1 is A, 26 Z, 27 AA.
pub(crate) fn column_letters(mut n: u64) -> String {
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

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
pub(crate) fn write_json(
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
