//! Reads the yearly measurement files (`measurements/*.csv`): tidy long format, one observation
//! per row. Columns, matched without regard to case or surrounding spaces:
//! `indicator`, `period`, `value` (required) and `series`, `area`, `illustrative`, `source`,
//! `note` (optional). Other columns are ignored. An empty value is a missing observation.

use crate::error::{closest, Error, Location, Result};
use crate::model::{Monitor, Observation, Period, SeriesKey};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

struct Columns {
    indicator: usize,
    period: usize,
    value: usize,
    series: Option<usize>,
    area: Option<usize>,
    illustrative: Option<usize>,
    source: Option<usize>,
    note: Option<usize>,
}

impl Columns {
    fn find(path: &Path, header: &csv::StringRecord) -> Result<Self> {
        let names: Vec<String> = header
            .iter()
            .map(|h| h.trim().trim_start_matches('\u{feff}').to_lowercase())
            .collect();
        let find = |name: &str| names.iter().position(|h| h == name);
        let required = |name: &str| {
            find(name).ok_or_else(|| {
                Error::input(
                    Location::at(path, 1, None),
                    format!(
                        "the header has no `{name}` column (found: {}); expected at least indicator, period, value",
                        names.join(", ")
                    ),
                )
            })
        };
        Ok(Columns {
            indicator: required("indicator")?,
            period: required("period")?,
            value: required("value")?,
            series: find("series"),
            area: find("area"),
            illustrative: find("illustrative"),
            source: find("source"),
            note: find("note"),
        })
    }
}

/// The `*.csv` files in `dir`, sorted by name.
pub fn files_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, &e))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, &e))?;
        let path = entry.path();
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
            && path.is_file()
        {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Reads every observation of one measurement file.
pub fn read_file(path: &Path, monitor: &Monitor) -> Result<Vec<Observation>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, &e))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(std::io::BufReader::new(file));
    let header = reader.headers().map_err(|e| csv_error(path, e))?.clone();
    let cols = Columns::find(path, &header)?;
    let ids: HashMap<&str, usize> = monitor
        .indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| (ind.id.as_str(), i))
        .collect();

    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(csv_error(path, e)),
        }
        let line = record.position().map_or(0, |p| p.line());
        let at = |field: &str| Location::at(path, line, None).with_field(field);
        let cell = |i: usize| record.get(i).unwrap_or("").trim();
        let opt = |i: Option<usize>| i.map(cell).filter(|s| !s.is_empty()).map(str::to_string);

        let id = cell(cols.indicator);
        if id.is_empty() && record.iter().all(|c| c.trim().is_empty()) {
            continue; // a blank line as spreadsheets leave them
        }
        let Some(&indicator) = ids.get(id) else {
            let hint = closest(id, ids.keys().copied())
                .map(|c| format!("; did you mean `{c}`?"))
                .unwrap_or_default();
            return Err(Error::input(
                at("indicator"),
                format!("unknown indicator `{id}`, expected an id from indicators.toml{hint}"),
            ));
        };
        let ind = &monitor.indicators[indicator];

        let series = match (opt(cols.series), ind.series.is_empty()) {
            (None, true) => None,
            (Some(s), true) => {
                return Err(Error::input(
                    at("series"),
                    format!("indicator `{id}` has no series, found series `{s}`; leave it empty"),
                ))
            }
            (s, false) => {
                let known = ind.series.iter().map(|x| x.id.as_str());
                match s
                    .as_deref()
                    .and_then(|s| ind.series.iter().position(|x| x.id == s))
                {
                    Some(p) => Some(p),
                    None => {
                        return Err(Error::input(
                            at("series"),
                            format!(
                                "found series `{}`, expected one of indicator `{id}`'s series: {}",
                                s.unwrap_or_default(),
                                known.collect::<Vec<_>>().join(", ")
                            ),
                        ))
                    }
                }
            }
        };
        let area = match opt(cols.area) {
            None => None,
            Some(a) if a == monitor.municipality => None,
            Some(a) => match ind.peers.iter().position(|p| *p == a) {
                Some(p) => Some(p),
                None => {
                    let mut expected = vec![monitor.municipality.as_str()];
                    expected.extend(ind.peers.iter().map(String::as_str));
                    return Err(Error::input(
                        at("area"),
                        format!(
                            "found area `{a}`, expected one of: {} (or empty for {})",
                            expected.join(", "),
                            monitor.municipality
                        ),
                    ));
                }
            },
        };
        let period = Period::parse(cell(cols.period)).map_err(|m| Error::input(at("period"), m))?;
        let raw_value = cell(cols.value);
        if raw_value.is_empty() {
            continue; // no observation for this period
        }
        let value = parse_number(raw_value).map_err(|m| Error::input(at("value"), m))?;
        let illustrative = match opt(cols.illustrative).as_deref().map(str::to_lowercase) {
            None => false,
            Some(flag) => match flag.as_str() {
                "true" | "yes" | "ja" | "1" => true,
                "false" | "no" | "nee" | "0" => false,
                _ => {
                    return Err(Error::input(
                        at("illustrative"),
                        format!("found `{flag}`, expected true or false"),
                    ))
                }
            },
        };
        out.push(Observation {
            key: SeriesKey {
                indicator,
                series,
                area,
            },
            period,
            value,
            illustrative,
            source: opt(cols.source),
            note: opt(cols.note),
            file: path.to_path_buf(),
            line,
        });
    }
    Ok(out)
}

/// A decimal number with `.` as the decimal mark. Anything else is refused, never guessed.
pub fn parse_number(text: &str) -> std::result::Result<f64, String> {
    let looks_numeric = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
    match text.parse::<f64>() {
        Ok(v) if looks_numeric && v.is_finite() => Ok(v),
        _ if text.contains(',') => Err(format!(
            "found `{text}`, expected a number with `.` as the decimal mark (6.1, not 6,1)"
        )),
        _ => Err(format!(
            "found `{text}`, expected a number such as 6.1 or 825"
        )),
    }
}

fn csv_error(path: &Path, err: csv::Error) -> Error {
    let line = err.position().map(|p| p.line());
    let message = match err.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("found {len} fields, expected {expected_len} like the header (a `,` inside a value must be quoted)"),
        csv::ErrorKind::Utf8 { .. } => {
            "the row is not valid UTF-8 text; save the file as UTF-8".to_string()
        }
        csv::ErrorKind::Io(e) => return Error::io(path, e),
        _ => err.to_string(),
    };
    let at = match line {
        Some(l) => Location::at(path, l, None),
        None => Location::file(path),
    };
    Error::input(at, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_use_a_dot_and_nothing_else() {
        assert_eq!(parse_number("6.1"), Ok(6.1));
        assert_eq!(parse_number("-2"), Ok(-2.0));
        assert!(parse_number("6,1").unwrap_err().contains("decimal mark"));
        assert!(parse_number("abc")
            .unwrap_err()
            .contains("expected a number"));
        assert!(parse_number("inf").is_err());
        assert!(parse_number("NaN").is_err());
    }
}
