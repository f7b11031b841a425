//! Errors that reach the user: each names the input that failed (file, line, field), what was
//! found and what was expected. `main` prints them on one line each and exits with code 1.
//! Problems in the inputs are gathered as [`crate::diagnostic::Diagnostic`]s first, so that one
//! run reports all of them ([`Error::Invalid`]).

use crate::diagnostic::Diagnostic;
pub use crate::diagnostic::Location;
use std::path::{Path, PathBuf};

/// An input error becomes an error diagnostic; other errors (a file that cannot be read) are
/// attached to the file they name.
impl From<Error> for Vec<Diagnostic> {
    fn from(e: Error) -> Self {
        match e {
            Error::Input { at, message } => vec![Diagnostic::error(*at, message)],
            Error::Invalid(list) => list,
            Error::Io { path, source } => {
                vec![Diagnostic::error(
                    Location::file(&path),
                    describe_io(&source),
                )]
            }
            Error::Usage(message) => {
                vec![Diagnostic::error(Location::file(Path::new("")), message)]
            }
        }
    }
}

/// Everything that makes ontrack stop with exit code 1.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A problem in an input file, at a known place.
    #[error("{}", input_text(at, message))]
    Input { at: Box<Location>, message: String },
    /// Problems found in the inputs, all of them (at least one an error); warnings included.
    #[error("{}", error_lines(.0))]
    Invalid(Vec<Diagnostic>),
    /// A file or folder that could not be read or written, with the error the system gave.
    #[error("{}: {}", path.display(), describe_io(source))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A request that cannot be served (a year without data, an unknown filter, ...).
    #[error("{0}")]
    Usage(String),
}

impl Error {
    pub fn input(at: Location, message: impl Into<String>) -> Self {
        Error::Input {
            at: Box::new(at),
            message: message.into(),
        }
    }

    pub fn io(path: &Path, err: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source: err,
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

fn input_text(at: &Location, message: &str) -> String {
    match &at.field {
        Some(field) => format!("{at}: field `{field}`: {message}"),
        None => format!("{at}: {message}"),
    }
}

/// The errors among `list`, one per line (its warnings are for `check`).
fn error_lines(list: &[Diagnostic]) -> String {
    list.iter()
        .filter(|d| d.severity == crate::diagnostic::Severity::Error)
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

pub type Result<T> = std::result::Result<T, Error>;

/// The known name closest to `unknown`, if any is a plausible meaning: the nearest by
/// Levenshtein distance when that is at most a third of the name's length (at least two edits
/// allowed); otherwise the shortest known name that contains `unknown` (an abbreviation such as
/// `discriminatie` for `discriminatie-meldingen`), for names of three characters or more.
pub(crate) fn closest<'a>(
    unknown: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
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
        let d = strsim::levenshtein(&wanted, &lower);
        if d <= limit && nearest.is_none_or(|(nd, nk)| (d, k) < (nd, nk)) {
            nearest = Some((d, k));
        }
    }
    same.or(prefix).or(containing).or(nearest.map(|(_, k)| k))
}

/// "; did you mean `x`?" after a message about `unknown`, or nothing when no name is close.
pub(crate) fn did_you_mean<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    closest(unknown, known)
        .map(|c| format!("; did you mean `{c}`?"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_io_error_keeps_its_source_and_says_it_plainly() {
        let e = Error::io(
            Path::new("measurements/2020.csv"),
            std::io::Error::from_raw_os_error(13),
        );
        assert_eq!(e.to_string(), "measurements/2020.csv: permission denied");
        let source = std::error::Error::source(&e).expect("the system's error is kept");
        assert!(source.to_string().contains("os error 13"), "{source}");
    }

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
            .map(crate::diagnostic::column_letters)
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
