//! Errors that reach the user: each names the input that failed (file, line, field), what was
//! found and what was expected. `main` prints them on one line each and exits with code 1.
//! Problems in the inputs are gathered as [`crate::diagnostic::Diagnostic`]s first, so that one
//! run reports all of them ([`Error::Invalid`]).

use crate::diagnostic::Diagnostic;
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

    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// Line and column of a byte offset in `text`.
    pub fn at_offset(file: &Path, text: &str, offset: usize) -> Self {
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
pub fn column_letters(mut n: u64) -> String {
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

/// Everything that makes ontrack stop with exit code 1.
#[derive(Debug)]
pub enum Error {
    /// A problem in an input file, at a known place.
    Input { at: Box<Location>, message: String },
    /// Problems found in the inputs, all of them (at least one an error); warnings included.
    Invalid(Vec<Diagnostic>),
    /// A file or folder that could not be read or written.
    Io { path: PathBuf, message: String },
    /// A request that cannot be served (a year without data, an unknown filter, ...).
    Usage(String),
}

impl Error {
    pub fn input(at: Location, message: impl Into<String>) -> Self {
        Error::Input {
            at: Box::new(at),
            message: message.into(),
        }
    }

    pub fn io(path: &Path, err: &std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            message: describe_io(err),
        }
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Error::Usage(message.into())
    }
}

fn describe_io(err: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match err.kind() {
        NotFound => "no such file or folder".to_string(),
        PermissionDenied => "permission denied".to_string(),
        _ => {
            // The OS message carries an "(os error N)" suffix that helps nobody.
            let text = err.to_string();
            match text.find(" (os error") {
                Some(cut) => text[..cut].to_string(),
                None => text,
            }
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input { at, message } => match &at.field {
                Some(field) => write!(f, "{at}: field `{field}`: {message}"),
                None => write!(f, "{at}: {message}"),
            },
            Error::Invalid(list) => {
                let errors = list
                    .iter()
                    .filter(|d| d.severity == crate::diagnostic::Severity::Error);
                for (i, d) in errors.enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{d}")?;
                }
                Ok(())
            }
            Error::Io { path, message } => write!(f, "{}: {message}", path.display()),
            Error::Usage(message) => write!(f, "{message}"),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

/// The known name closest to `unknown`, if any is a plausible meaning: the nearest by
/// Levenshtein distance when that is at most a third of the name's length (at least two edits
/// allowed); otherwise the shortest known name that contains `unknown` (an abbreviation such as
/// `discriminatie` for `discriminatie-meldingen`), for names of three characters or more.
pub fn closest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted = unknown.to_lowercase();
    let limit = (unknown.chars().count() / 3).max(2);
    // What was typed names the start of a known name (`vve` for `vve-deelname`) more often
    // than it is a typo of another: the same name in another case first, then a prefix, then a
    // name containing it, and only then the nearest by edit distance.
    let mut same: Option<&str> = None;
    let mut prefix: Option<&str> = None;
    let mut containing: Option<&str> = None;
    let mut nearest: Option<(usize, &str)> = None;
    let shorter = |candidate: &str, best: Option<&str>| {
        best.is_none_or(|b| (candidate.len(), candidate) < (b.len(), b))
    };
    for k in known {
        let lower = k.to_lowercase();
        if lower == wanted {
            same = Some(k);
        }
        if wanted.chars().count() >= 2 && lower.starts_with(&wanted) && shorter(k, prefix) {
            prefix = Some(k);
        }
        if wanted.chars().count() >= 3 && lower.contains(&wanted) && shorter(k, containing) {
            containing = Some(k);
        }
        let d = edit_distance(&wanted, &lower);
        if d <= limit && nearest.is_none_or(|(nd, nk)| (d, k) < (nd, nk)) {
            nearest = Some((d, k));
        }
    }
    same.or(prefix).or(containing).or(nearest.map(|(_, k)| k))
}

/// "; did you mean `x`?" after a message about `unknown`, or nothing when no name is close.
pub fn did_you_mean<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    closest(unknown, known)
        .map(|c| format!("; did you mean `{c}`?"))
        .unwrap_or_default()
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == *cb {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_are_typos_or_abbreviations() {
        let ids = [
            "vsv",
            "vve-deelname",
            "discriminatie-meldingen",
            "veiligheidsgevoel",
        ];
        assert_eq!(closest("vve-deelnmae", ids), Some("vve-deelname"));
        assert_eq!(closest("vve", ids), Some("vve-deelname"));
        assert_eq!(closest("VSV", ids), Some("vsv"));
        assert_eq!(closest("veilig", ids), Some("veiligheidsgevoel"));
        assert_eq!(closest("vsw", ids), Some("vsv"));
        assert_eq!(
            closest("discriminatie", ids),
            Some("discriminatie-meldingen")
        );
        assert_eq!(closest("segregatie", ids), None);
        assert_eq!(
            did_you_mean("veiligheid", ids),
            "; did you mean `veiligheidsgevoel`?"
        );
        assert_eq!(did_you_mean("xyz", ids), "");
    }

    #[test]
    fn suggests_the_nearest_known_id() {
        let known = ["vsv", "vve-deelname", "sociale-cohesie"];
        assert_eq!(closest("vve-deelnme", known), Some("vve-deelname"));
        assert_eq!(closest("sociale-cohesi", known), Some("sociale-cohesie"));
        assert_eq!(closest("totally-different", known), None);
    }

    #[test]
    fn workbook_columns_are_letters() {
        let names: Vec<String> = [1, 5, 26, 27, 52, 53, 702, 703]
            .into_iter()
            .map(column_letters)
            .collect();
        assert_eq!(names, ["A", "E", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]);
        let mut at = Location::at(Path::new("m.xlsx"), 3, Some(5));
        at.sheet = Some("Data".into());
        assert_eq!(at.to_string(), "m.xlsx[Data]:3:E");
    }

    #[test]
    fn offsets_become_line_and_column() {
        let text = "a = 1\nbb = 2\n";
        let at = Location::at_offset(Path::new("x.toml"), text, 9);
        assert_eq!((at.line, at.column), (Some(2), Some(4)));
        assert_eq!(at.to_string(), "x.toml:2:4");
    }
}
