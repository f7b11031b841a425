//! Errors that reach the user: each names the input that failed (file, line, field), what was
//! found and what was expected. `main` prints them on one line each and exits with code 1.
//! Problems in the inputs are gathered as [`crate::diagnostic::Diagnostic`]s first, so that one
//! run reports all of them ([`Error::Invalid`]).

use crate::diagnostic::Diagnostic;
pub use crate::diagnostic::{column_letters, Location};
use std::fmt;
use std::path::{Path, PathBuf};

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
