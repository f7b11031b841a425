//! Reads `indicators.toml` into a [`Monitor`]: the policy, its themes and indicators. Unknown
//! keys, missing fields, wrong types and references to things that do not exist are errors that
//! name the file, line and column.

use crate::diagnostic::Diagnostic;
use crate::error::{did_you_mean, Error, Location, Result};
use crate::i18n::Lang;
use crate::model::{
    Aggregation, Baseline, DecimalMark, Dialect, Direction, Encoding, Goal, Indicator, Kind,
    ManualStatus, MeasurementSettings, Method, Monitor, Period, SeriesDef, Status, Target, Theme,
    Thresholds, PERIOD_YEARS,
};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    monitor: RawMonitor,
    measurements: Option<RawMeasurements>,
    /// Per language code, the plan's own texts (titles, names, goals, series, sources, units)
    /// as that language writes them.
    #[serde(default)]
    translation: BTreeMap<String, BTreeMap<String, String>>,
    #[serde(default)]
    theme: Vec<RawTheme>,
    #[serde(default)]
    indicator: Vec<RawIndicator>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMonitor {
    name: Spanned<String>,
    title: String,
    municipality: String,
    adopted: Option<String>,
    document: Option<String>,
    language: Option<Spanned<String>>,
    method: Option<Spanned<String>>,
    maintain_tolerance: Option<Spanned<f64>>,
    /// What the plan-wide score is the mean of: "indicator" (default) or "theme".
    aggregation: Option<Spanned<String>>,
    /// The first and last year a period may have (default 1900 and 2200).
    valid_years: Option<Spanned<[i32; 2]>>,
    /// Areas every indicator is compared with.
    #[serde(default)]
    peers: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeasurements {
    decimal: Option<Spanned<String>>,
    delimiter: Option<Spanned<String>>,
    encoding: Option<Spanned<String>>,
    #[serde(default)]
    file: BTreeMap<String, Spanned<RawDialect>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDialect {
    decimal: Option<Spanned<String>>,
    delimiter: Option<Spanned<String>>,
    encoding: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    id: Spanned<String>,
    number: Option<u32>,
    name: String,
    goal: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    id: Spanned<String>,
    theme: Spanned<String>,
    title: String,
    unit: String,
    kind: Option<Spanned<String>>,
    direction: Spanned<String>,
    goal: Option<Spanned<String>>,
    source: Option<String>,
    baseline_as_written: Option<String>,
    note: Option<String>,
    #[serde(default)]
    series: Vec<RawSeries>,
    #[serde(default)]
    peers: Vec<Spanned<String>>,
    #[serde(default)]
    baseline: Vec<RawBaseline>,
    target: Option<Spanned<RawTarget>>,
    limit: Option<Spanned<f64>>,
    base_year: Option<Spanned<i32>>,
    thresholds: Option<Spanned<RawThresholds>>,
    method: Option<Spanned<String>>,
    manual: Option<RawManual>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSeries {
    id: Spanned<String>,
    label: String,
    group: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBaseline {
    series: Option<Spanned<String>>,
    area: Option<Spanned<String>>,
    value: Spanned<f64>,
    period: Spanned<String>,
    count: Option<f64>,
    denominator: Option<f64>,
    illustrative: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    value: f64,
    year: i32,
    /// The baseline already meets the target: it is a bound to stay within (as in published
    /// Open SDG data), not a level still to reach.
    #[serde(default)]
    already_met: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawThresholds {
    high: f64,
    med: f64,
    low: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManual {
    status: Spanned<String>,
    reason: Spanned<String>,
}

/// Reads and checks the monitor definition at `path`.
pub fn load(path: &Path) -> Result<Monitor> {
    use std::io::Read;
    /// Far beyond any real monitor (a national one with thousands of indicators is a few MB).
    const MAX_SIZE: u64 = 256 * 1024 * 1024;
    // Only a regular file is opened: a FIFO or a device would block the run.
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => {
            return Err(Error::input(
                Location::file(path),
                "is not a regular file (a folder, FIFO or device); expected the monitor definition",
            ))
        }
        _ => {}
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_SIZE + 1).read_to_end(&mut bytes))
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > MAX_SIZE {
        return Err(Error::input(
            Location::file(path),
            format!(
                "the file is larger than {} MiB; expected a monitor definition",
                MAX_SIZE >> 20
            ),
        ));
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::input(
            Location::file(path),
            format!(
                "found a NUL byte at byte {}; expected a TOML text file",
                at + 1
            ),
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = Location::at_offset(
            path,
            &String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]),
            e.utf8_error().valid_up_to(),
        );
        Error::input(at, "the file is not UTF-8 text; save it as UTF-8")
    })?;
    parse(path, &text)
}

/// The TOML reader's message with the words of TOML for what was found and expected, where
/// it names the program's own types (`expected f64`, `expected u32`, `expected struct
/// RawTarget`, `expected a sequence`): a person editing indicators.toml knows numbers, whole
/// numbers, texts, arrays and tables.
fn plain_type_words(message: &str) -> String {
    let Some((head, expected)) = message.rsplit_once(", expected ") else {
        return message.to_string();
    };
    fn kind(word: &str) -> &str {
        match word {
            "sequence" | "a sequence" => "an array",
            "map" | "a map" => "a table",
            _ => word,
        }
    }
    let expected = match expected {
        "f64" | "f32" => "a number",
        "u8" => "a whole number from 0 to 255",
        "u16" => "a whole number from 0 to 65535",
        "u32" => "a whole number from 0 to 4294967295",
        "u64" | "usize" => "a whole number of 0 or more",
        "i8" => "a whole number from -128 to 127",
        "i16" => "a whole number from -32768 to 32767",
        "i32" => "a whole number from -2147483648 to 2147483647",
        "i64" | "isize" => "a whole number",
        e if e.starts_with("struct ") => "a table",
        e => kind(e),
    };
    let head = match head.split_once(": ") {
        Some((what, found)) if what == "invalid type" || what == "invalid value" => {
            let found = if let Some(rest) = found.strip_prefix("floating point ") {
                format!("the number {rest}")
            } else if let Some(rest) = found.strip_prefix("integer ") {
                format!("the whole number {rest}")
            } else if let Some(rest) = found.strip_prefix("string ") {
                format!("the text {rest}")
            } else if let Some(rest) = found.strip_prefix("boolean ") {
                format!("the boolean {rest}")
            } else {
                kind(found).to_string()
            };
            format!("{what}: {found}")
        }
        _ => head.to_string(),
    };
    format!("{head}, expected {expected}")
}

/// The parser's "duplicate key" for the key (or table) that starts at `start` of `text`,
/// named: `[monitor]` twice, or `id` twice in one indicator.
fn duplicate_key(text: &str, start: usize) -> String {
    let rest = text.get(start..).unwrap_or_default();
    let key = match rest.chars().next() {
        Some(quote @ ('"' | '\'')) => rest[1..].split(quote).next().unwrap_or_default(),
        _ => {
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
                .unwrap_or(rest.len());
            &rest[..end]
        }
    };
    if key.is_empty() {
        "duplicate key, expected each key once in its table".to_string()
    } else {
        format!("duplicate key `{key}`, expected each key once in its table")
    }
}

/// Parses monitor definition `text`; `path` is only used in messages.
pub fn parse(path: &Path, text: &str) -> Result<Monitor> {
    // Messages about this very file already speak its language, read ahead of the parse.
    if let Some(lang) = declared_language(text) {
        crate::messages::monitor_language(lang);
    }
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let at = match e.span() {
            Some(span) => Location::at_offset(path, text, span.start),
            None => Location::file(path),
        };
        let message = match (e.message().trim(), e.span()) {
            ("duplicate key", Some(span)) => duplicate_key(text, span.start),
            (message, _) => plain_type_words(message),
        };
        Error::input(at, message)
    })?;
    let resolver = Resolver {
        path,
        text,
        errors: std::cell::RefCell::new(Vec::new()),
        valid_years: std::cell::Cell::new(DEFAULT_VALID_YEARS),
        line_starts: std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect(),
    };
    let monitor = resolver.resolve(raw).map(make_visible);
    if let Ok(m) = &monitor {
        // Messages from here on speak the monitor's language (unless --lang says otherwise).
        crate::messages::monitor_language(m.language);
    }
    let mut errors = resolver.errors.into_inner();
    match monitor {
        Ok(m) if errors.is_empty() => Ok(m),
        Ok(_) => Err(if errors.len() == 1 {
            errors.remove(0)
        } else {
            Error::Invalid(
                errors
                    .into_iter()
                    .flat_map(Vec::<Diagnostic>::from)
                    .collect(),
            )
        }),
        Err(e) => {
            errors.push(e);
            Err(Error::Invalid(
                errors
                    .into_iter()
                    .flat_map(Vec::<Diagnostic>::from)
                    .collect(),
            ))
        }
    }
}

/// The `language = "nl"` line of `[monitor]`, found without parsing (the file may not parse).
fn declared_language(text: &str) -> Option<Lang> {
    text.lines()
        .map(str::trim)
        .filter_map(|l| l.strip_prefix("language"))
        .filter_map(|rest| rest.trim_start().strip_prefix('='))
        .find_map(|value| Lang::parse(value.trim().trim_matches('"')))
}

/// Turns the raw file into a monitor, collecting every problem it can get past.
struct Resolver<'a> {
    path: &'a Path,
    text: &'a str,
    errors: std::cell::RefCell<Vec<Error>>,
    /// `valid_years` of the monitor, once read.
    valid_years: std::cell::Cell<(i32, i32)>,
    /// The byte offset where each line starts.
    line_starts: Vec<usize>,
}

/// The longest title, name, label, unit or source accepted, in characters.
pub(crate) const MAX_LABEL: usize = 500;
/// The longest goal, note or other running text accepted, in characters.
pub(crate) const MAX_TEXT: usize = 5000;

/// The years a period may have unless `valid_years` says otherwise: a year outside them is a
/// typo (`0001`, `2202`), not a measurement.
pub(crate) const DEFAULT_VALID_YEARS: (i32, i32) = (1900, 2200);

/// Why `year` is not a year of data, if it is not.
pub(crate) fn year_out_of_range(year: i32, (first, last): (i32, i32)) -> Option<String> {
    (!(first..=last).contains(&year)).then(|| {
        format!(
            "found year {year}, expected a year from {first} to {last} (`valid_years` in [monitor] sets the range)"
        )
    })
}

impl Resolver<'_> {
    fn err<T>(&self, span: std::ops::Range<usize>, message: String) -> Result<T> {
        Err(Error::input(self.at(span), message))
    }

    /// Line and column of a byte offset, from the line-start index: one binary search, so
    /// that a monitor with thousands of indicators loads in linear time.
    fn at(&self, span: std::ops::Range<usize>) -> Location {
        let offset = span.start.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        let column = String::from_utf8_lossy(&self.text.as_bytes()[start..offset])
            .chars()
            .count() as u64
            + 1;
        Location::at(self.path, line as u64, Some(column))
    }

    fn line(&self, span: std::ops::Range<usize>) -> u64 {
        self.at(span).line.unwrap_or(1)
    }

    /// Records a problem and goes on.
    fn note<T>(&self, result: Result<T>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.errors.borrow_mut().push(e);
                None
            }
        }
    }

    fn resolve(&self, raw: RawFile) -> Result<Monitor> {
        let mut translations = BTreeMap::new();
        for (code, texts) in raw.translation {
            match Lang::parse(&code) {
                Some(lang) => {
                    translations.insert(lang, texts);
                }
                None => {
                    let at = self
                        .text
                        .find(&format!("[translation.{code}]"))
                        .unwrap_or(0);
                    self.note::<()>(self.err(
                        at..at,
                        format!("found [translation.{code}], expected a language: `nl` or `en`"),
                    ));
                }
            }
        }
        let m = raw.monitor;
        if m.name.get_ref().trim().is_empty()
            || m.name.get_ref().contains(['/', '\\'])
            || m.name.get_ref().starts_with('.')
        {
            return self.err(
                m.name.span(),
                format!(
                    "found monitor name `{}`, expected a short name usable in a file name (letters, digits, -)",
                    m.name.get_ref()
                ),
            );
        }
        let language = match &m.language {
            None => Lang::Nl,
            Some(l) => match Lang::parse(l.get_ref()) {
                Some(lang) => lang,
                None => {
                    return self.err(
                        l.span(),
                        format!("found language `{}`, expected `nl` or `en`", l.get_ref()),
                    )
                }
            },
        };
        let method = match &m.method {
            None => Method::OpenSdg,
            Some(s) => self.note(self.method(s)).unwrap_or_default(),
        };
        let aggregation = match &m.aggregation {
            None => Aggregation::default(),
            Some(a) => Aggregation::parse(a.get_ref()).unwrap_or_else(|| {
                self.note::<()>(self.err(
                    a.span(),
                    format!(
                        "found aggregation `{}`, expected `indicator` (the plan score is the mean of the indicators) or `theme` (the mean of the themes)",
                        a.get_ref()
                    ),
                ));
                Aggregation::default()
            }),
        };
        let maintain_tolerance = match &m.maintain_tolerance {
            None => 0.0,
            Some(t) if (0.0..1.0).contains(t.get_ref()) => *t.get_ref(),
            Some(t) => {
                self.note::<()>(self.err(
                    t.span(),
                    format!(
                        "found maintain_tolerance {}, expected a share between 0 and 1 (0.02 = 2 %)",
                        t.get_ref()
                    ),
                ));
                0.0
            }
        };

        let valid_years = match &m.valid_years {
            None => DEFAULT_VALID_YEARS,
            // A period is written with a year of four digits, and holds no other (see
            // `model::Period`): a range beyond them is refused rather than widened silently.
            Some(y)
                if y.get_ref()[0] <= y.get_ref()[1]
                    && y.get_ref().iter().all(|y| PERIOD_YEARS.contains(y)) =>
            {
                (y.get_ref()[0], y.get_ref()[1])
            }
            Some(y) => {
                self.note::<()>(self.err(
                    y.span(),
                    format!(
                        "found valid_years [{}, {}], expected the first year before the last, both from {} to {}, such as [1900, 2200]",
                        y.get_ref()[0],
                        y.get_ref()[1],
                        PERIOD_YEARS.start(),
                        PERIOD_YEARS.end()
                    ),
                ));
                DEFAULT_VALID_YEARS
            }
        };
        self.valid_years.set(valid_years);

        let measurements = match raw.measurements {
            None => MeasurementSettings::default(),
            Some(raw) => self.measurements(raw),
        };
        let mut shared_peers: Vec<Spanned<String>> = Vec::new();
        for p in m.peers {
            if *p.get_ref() == m.municipality
                || shared_peers.iter().any(|x| x.get_ref() == p.get_ref())
            {
                self.note::<()>(self.err(
                    p.span(),
                    format!(
                        "peer area `{}` is listed twice (or is the municipality itself)",
                        p.get_ref()
                    ),
                ));
            } else {
                shared_peers.push(p);
            }
        }

        let mut themes = Vec::new();
        for t in raw.theme {
            if themes.iter().any(|x: &Theme| x.id == *t.id.get_ref()) {
                self.note::<()>(self.err(
                    t.id.span(),
                    format!("theme `{}` is defined twice", t.id.get_ref()),
                ));
                continue;
            }
            themes.push(Theme {
                id: t.id.into_inner(),
                number: t.number,
                name: t.name,
                goal: t.goal,
            });
        }

        // When the list is wrong, each indicator taking it says so, as with its own peers.
        let shared = (!shared_peers.is_empty())
            .then(|| self.peers(&shared_peers, &m.municipality).ok())
            .flatten();
        let mut indicators = Vec::new();
        let mut ids = BTreeSet::new();
        for mut i in raw.indicator {
            if !ids.insert(i.id.get_ref().clone()) {
                self.note::<()>(self.err(
                    i.id.span(),
                    format!("indicator `{}` is defined twice", i.id.get_ref()),
                ));
                continue;
            }
            // An indicator with no peers of its own takes the monitor's, checked once (a
            // national monitor lists hundreds for each of its hundreds of indicators).
            let reused = if i.peers.is_empty() {
                shared.as_ref()
            } else {
                None
            };
            if reused.is_none() && !shared_peers.is_empty() {
                let own = std::mem::take(&mut i.peers);
                i.peers = shared_peers.clone();
                i.peers.extend(own);
            }
            if let Some(ind) = self.note(self.indicator(i, &themes, &m.municipality, reused)) {
                indicators.push(ind);
            }
        }
        self.check_lengths(&m.title, &m.municipality, &themes, &indicators);
        if indicators.is_empty() && self.errors.borrow().is_empty() {
            return Err(Error::input(
                Location::file(self.path),
                "no [[indicator]] tables found, expected at least one indicator",
            ));
        }

        Ok(Monitor {
            name: m.name.into_inner(),
            title: m.title,
            municipality: m.municipality,
            adopted: m.adopted,
            document: m.document,
            language,
            method,
            maintain_tolerance,
            aggregation,
            translations,
            valid_years,
            measurements,
            themes,
            indicators,
        })
    }

    /// Refuses labels longer than a person would write ([`MAX_LABEL`], [`MAX_TEXT`]): a label
    /// of megabytes is a broken file, and every table and page would have to lay it out.
    fn check_lengths(
        &self,
        title: &str,
        municipality: &str,
        themes: &[Theme],
        indicators: &[Indicator],
    ) {
        let too_long = |what: &str, text: &str, max: usize, line: u64| {
            let n = text.chars().count();
            if n > max {
                self.errors.borrow_mut().push(Error::input(
                    Location::at(self.path, line, None),
                    format!("{what} is {n} characters long; expected at most {max}"),
                ));
            }
        };
        too_long("the monitor title", title, MAX_LABEL, 1);
        too_long("the municipality", municipality, MAX_LABEL, 1);
        for t in themes {
            too_long(
                &format!("the name of theme `{}`", t.id),
                &t.name,
                MAX_LABEL,
                1,
            );
            if let Some(goal) = &t.goal {
                too_long(&format!("the goal of theme `{}`", t.id), goal, MAX_TEXT, 1);
            }
        }
        let mut last_peers: Option<(PeerNames, Vec<String>)> = None;
        for i in indicators {
            let labels = [
                ("title", Some(&i.title)),
                ("unit", Some(&i.unit)),
                ("source", i.source.as_ref()),
            ];
            for (what, text) in labels {
                if let Some(text) = text {
                    too_long(
                        &format!("the {what} of `{}`", i.id),
                        text,
                        MAX_LABEL,
                        i.line,
                    );
                }
            }
            let texts = [
                ("baseline_as_written", i.baseline_as_written.as_ref()),
                ("note", i.note.as_ref()),
                ("manual reason", i.manual.as_ref().map(|m| &m.reason)),
            ];
            for (what, text) in texts {
                if let Some(text) = text {
                    too_long(&format!("the {what} of `{}`", i.id), text, MAX_TEXT, i.line);
                }
            }
            for s in &i.series {
                too_long(
                    &format!("the label of series `{}`", s.id),
                    &s.label,
                    MAX_LABEL,
                    i.line,
                );
            }
            // A list shared by the indicators is measured once, and named at each as before.
            if !last_peers
                .as_ref()
                .is_some_and(|(l, _)| Arc::ptr_eq(l, &i.peers))
            {
                let long = i
                    .peers
                    .iter()
                    .filter(|p| p.chars().count() > MAX_LABEL)
                    .cloned();
                last_peers = Some((i.peers.clone(), long.collect()));
            }
            for p in last_peers.iter().flat_map(|(_, long)| long) {
                too_long("a peer area name", p, MAX_LABEL, i.line);
            }
        }
    }

    fn measurements(&self, raw: RawMeasurements) -> MeasurementSettings {
        let folder = self.dialect(raw.decimal, raw.delimiter, raw.encoding);
        let files = raw
            .file
            .into_iter()
            .map(|(name, d)| {
                let line = self.line(d.span());
                let d = d.into_inner();
                (
                    name,
                    (self.dialect(d.decimal, d.delimiter, d.encoding), line),
                )
            })
            .collect();
        MeasurementSettings { folder, files }
    }

    fn dialect(
        &self,
        decimal: Option<Spanned<String>>,
        delimiter: Option<Spanned<String>>,
        encoding: Option<Spanned<String>>,
    ) -> Dialect {
        let pick = |v: &Option<Spanned<String>>, what: &str, options: &[&str]| -> Option<usize> {
            let v = v.as_ref()?;
            if v.get_ref() == "auto" {
                return None;
            }
            match options.iter().position(|o| o == v.get_ref()) {
                Some(i) => Some(i),
                None => {
                    self.note::<()>(self.err(
                        v.span(),
                        format!(
                            "found {what} `{}`, expected `auto` or one of: {}",
                            v.get_ref(),
                            join_ids(options.iter().copied())
                        ),
                    ));
                    None
                }
            }
        };
        Dialect {
            decimal: pick(&decimal, "decimal", &["point", "comma"])
                .map(|i| [DecimalMark::Point, DecimalMark::Comma][i]),
            delimiter: pick(&delimiter, "delimiter", &["comma", "semicolon", "tab"])
                .map(|i| [b',', b';', b'\t'][i]),
            encoding: pick(&encoding, "encoding", &Encoding::ALL.map(Encoding::code))
                .map(|i| Encoding::ALL[i]),
        }
    }

    fn method(&self, s: &Spanned<String>) -> Result<Method> {
        Method::parse(s.get_ref()).map_or_else(
            || {
                self.err(
                    s.span(),
                    format!(
                        "found method `{}`, expected `open-sdg` or `linear`",
                        s.get_ref()
                    ),
                )
            },
            Ok,
        )
    }

    /// The peer areas `listed`, checked: no empty name, none twice, not the municipality.
    fn peers(&self, listed: &[Spanned<String>], municipality: &str) -> Result<Peers> {
        let mut names: Vec<String> = Vec::with_capacity(listed.len());
        // Each peer's place, by name: a national monitor lists hundreds, each with baselines.
        let mut places: HashMap<String, usize> = HashMap::with_capacity(listed.len());
        for p in listed {
            // A name as people type it: " Schiedam" is Schiedam.
            let name = p.get_ref().trim();
            if name.is_empty() {
                return self.err(p.span(), "found an empty peer area name".into());
            }
            if name == municipality.trim() || places.insert(name.to_string(), names.len()).is_some()
            {
                return self.err(
                    p.span(),
                    format!(
                        "peer area `{}` is listed twice (or is the municipality itself)",
                        p.get_ref()
                    ),
                );
            }
            names.push(name.to_string());
        }
        Ok(Peers {
            names: names.into(),
            places: std::sync::Arc::new(places),
        })
    }

    fn indicator(
        &self,
        i: RawIndicator,
        themes: &[Theme],
        municipality: &str,
        reused: Option<&Peers>,
    ) -> Result<Indicator> {
        let id = i.id.get_ref();
        if id.is_empty() || !id.chars().all(|c| c.is_alphanumeric() || "-_.".contains(c)) {
            return self.err(
                i.id.span(),
                format!(
                    "found indicator id `{id}`, expected letters, digits, `-`, `_` or `.` only"
                ),
            );
        }
        let theme = match themes.iter().position(|t| t.id == *i.theme.get_ref()) {
            Some(t) => t,
            None => {
                let hint = did_you_mean(i.theme.get_ref(), themes.iter().map(|t| t.id.as_str()));
                return self.err(
                    i.theme.span(),
                    format!(
                        "indicator `{id}` names theme `{}`, which no [[theme]] defines{hint}",
                        i.theme.get_ref()
                    ),
                );
            }
        };
        let direction = match i.direction.get_ref().as_str() {
            "increase" => Direction::Increase,
            "decrease" => Direction::Decrease,
            "none" => Direction::None,
            other => {
                return self.err(
                    i.direction.span(),
                    format!("found direction `{other}`, expected `increase`, `decrease` or `none`"),
                )
            }
        };
        let goal = match &i.goal {
            None => Goal::Improve,
            Some(g) => match g.get_ref().as_str() {
                "improve" => Goal::Improve,
                "maintain" if direction != Direction::None => Goal::Maintain,
                "maintain" => {
                    return self.err(
                        g.span(),
                        "goal `maintain` needs a direction (`increase` or `decrease`) that says which side is worse".into(),
                    )
                }
                other => {
                    return self.err(
                        g.span(),
                        format!("found goal `{other}`, expected `improve` or `maintain`"),
                    )
                }
            },
        };

        let kind = match &i.kind {
            None => Kind::from_unit(&i.unit),
            Some(k) => match Kind::parse(k.get_ref()) {
                Some(k) => k,
                None => {
                    return self.err(
                        k.span(),
                        format!(
                            "found kind `{}`, expected one of: {}",
                            k.get_ref(),
                            join_ids(Kind::ALL.iter().map(|k| k.code()))
                        ),
                    )
                }
            },
        };
        let line = self.line(i.id.span());

        let mut series: Vec<SeriesDef> = Vec::new();
        for s in i.series {
            if series.iter().any(|x| x.id == *s.id.get_ref()) {
                return self.err(
                    s.id.span(),
                    format!("series `{}` is defined twice", s.id.get_ref()),
                );
            }
            series.push(SeriesDef {
                id: s.id.into_inner(),
                label: s.label,
                group: s.group,
            });
        }
        let Peers {
            names: peers,
            places,
        } = match reused {
            Some(shared) => shared.clone(),
            None => self.peers(&i.peers, municipality)?,
        };

        let mut baselines: Vec<Baseline> = Vec::new();
        let mut given: HashSet<(Option<usize>, Option<usize>)> = HashSet::new();
        for b in i.baseline {
            let series_index = match &b.series {
                None if series.is_empty() => None,
                None => {
                    return self.err(
                        b.period.span(),
                        format!(
                            "indicator `{id}` has series ({}); this baseline names none, expected `series = \"...\"`",
                            join_ids(series.iter().map(|s| s.id.as_str()))
                        ),
                    )
                }
                Some(s) => match series.iter().position(|x| x.id == *s.get_ref()) {
                    Some(p) => Some(p),
                    None => {
                        return self.err(
                            s.span(),
                            format!(
                                "baseline names series `{}`, which indicator `{id}` does not define (it has: {})",
                                s.get_ref(),
                                join_ids(series.iter().map(|s| s.id.as_str()))
                            ),
                        )
                    }
                },
            };
            let area = match &b.area {
                None => None,
                Some(a) if a.get_ref().trim() == municipality.trim() => None,
                Some(a) => match places.get(a.get_ref().trim()) {
                    Some(&p) => Some(p),
                    None => {
                        return self.err(
                            a.span(),
                            format!(
                                "baseline names area `{}`, expected `{municipality}` or one of the indicator's peers",
                                a.get_ref()
                            ),
                        )
                    }
                },
            };
            let period = match Period::parse(b.period.get_ref()) {
                Ok(p) => p,
                Err(message) => return self.err(b.period.span(), message),
            };
            if let Some(message) = year_out_of_range(period.year(), self.valid_years.get()) {
                return self.err(b.period.span(), message);
            }
            for (name, v) in [("count", b.count), ("denominator", b.denominator)] {
                if v.is_some_and(|v| !v.is_finite() || v < 0.0) {
                    return self.err(
                        b.value.span(),
                        format!(
                            "found {name} {} in this baseline of `{id}`, expected a finite number of 0 or more",
                            v.unwrap_or_default()
                        ),
                    );
                }
            }
            if !b.value.get_ref().is_finite() {
                return self.err(b.value.span(), "expected a finite number".into());
            }
            if let Some(expected) = kind.implausible(*b.value.get_ref()) {
                return self.err(
                    b.value.span(),
                    format!(
                        "found baseline {} for indicator `{id}` ({}), expected {expected}",
                        b.value.get_ref(),
                        i.unit
                    ),
                );
            }
            if !given.insert((series_index, area)) {
                return self.err(
                    b.period.span(),
                    format!("indicator `{id}` has two baselines for the same series and area"),
                );
            }
            baselines.push(Baseline {
                series: series_index,
                area,
                value: *b.value.get_ref(),
                period,
                count: b.count,
                denominator: b.denominator,
                illustrative: b.illustrative.unwrap_or(false),
                line: self.line(b.value.span()),
            });
        }

        let method = match &i.method {
            None => None,
            Some(s) => Some(self.method(s)?),
        };
        let manual = match i.manual {
            None => None,
            Some(m) => {
                let status = match Status::parse(m.status.get_ref()) {
                    Some(s) => s,
                    None => {
                        return self.err(
                            m.status.span(),
                            format!(
                                "found status `{}`, expected one of: {}",
                                m.status.get_ref(),
                                join_ids(Status::ALL.iter().map(|s| s.code()))
                            ),
                        )
                    }
                };
                if m.reason.get_ref().trim().is_empty() {
                    return self.err(
                        m.reason.span(),
                        "a manual status needs a reason, found an empty one".into(),
                    );
                }
                Some(ManualStatus {
                    status,
                    reason: m.reason.into_inner(),
                })
            }
        };

        let target = match &i.target {
            None => None,
            Some(t) => {
                Some(self.target(t, id, direction, kind, &i.unit, &baselines, &i.base_year)?)
            }
        };
        let limit = match &i.limit {
            None => None,
            Some(l) => {
                let v = *l.get_ref();
                if !v.is_finite() {
                    return self.err(
                        l.span(),
                        format!("found limit {v} for `{id}`, expected a finite number"),
                    );
                }
                if let Some(expected) = kind.implausible(v) {
                    return self.err(
                        l.span(),
                        format!(
                            "found limit {v} for `{id}` ({}), expected {expected}",
                            i.unit
                        ),
                    );
                }
                Some(v)
            }
        };
        let base_year = match &i.base_year {
            None => None,
            Some(y) => {
                if let Some(message) = year_out_of_range(*y.get_ref(), self.valid_years.get()) {
                    return self.err(y.span(), message);
                }
                Some(*y.get_ref())
            }
        };
        let thresholds = match &i.thresholds {
            None => None,
            Some(t) => {
                let raw = t.get_ref();
                let finite = [raw.high, raw.med, raw.low].iter().all(|v| v.is_finite());
                if !(finite && raw.low < raw.med && raw.med < raw.high) {
                    return self.err(
                        t.span(),
                        format!(
                            "found thresholds high = {}, med = {}, low = {} for `{id}`, expected finite numbers with low < med < high",
                            raw.high, raw.med, raw.low
                        ),
                    );
                }
                Some(Thresholds {
                    high: raw.high,
                    med: raw.med,
                    low: raw.low,
                })
            }
        };

        Ok(Indicator {
            id: i.id.into_inner(),
            theme,
            title: i.title,
            unit: i.unit,
            kind,
            line,
            direction,
            goal,
            source: i.source,
            baseline_as_written: i.baseline_as_written,
            note: i.note,
            series,
            peers,
            baselines,
            target,
            limit,
            base_year,
            thresholds,
            method,
            manual,
        })
    }

    /// Checks a target against the indicator: a finite value that is plausible for its kind, a
    /// year in range and after every base year, on the desired side of the baselines (unless
    /// `already_met` says the baseline already meets it).
    #[allow(clippy::too_many_arguments)]
    fn target(
        &self,
        t: &Spanned<RawTarget>,
        id: &str,
        direction: Direction,
        kind: Kind,
        unit: &str,
        baselines: &[Baseline],
        base_year: &Option<Spanned<i32>>,
    ) -> Result<Target> {
        let raw = t.get_ref();
        let (value, year) = (raw.value, raw.year);
        let fail = |message: String| self.err(t.span(), message);
        if !value.is_finite() {
            return fail(format!(
                "found target {value} for `{id}`, expected a finite number"
            ));
        }
        if let Some(expected) = kind.implausible(value) {
            return fail(format!(
                "found target {value} for `{id}` ({unit}), expected {expected}"
            ));
        }
        if let Some(message) = year_out_of_range(year, self.valid_years.get()) {
            return fail(format!("target of `{id}`: {message}"));
        }
        if direction == Direction::None {
            return fail(format!(
                "indicator `{id}` has a target but direction `none`; expected `increase` or `decrease` (which way the target lies)"
            ));
        }
        for b in baselines.iter().filter(|b| b.area.is_none()) {
            if year <= b.period.year() {
                return fail(format!(
                    "the target year {year} of `{id}` is not after its baseline year {} ({}:{}); expected a later target year",
                    b.period.year(),
                    self.path.display(),
                    b.line
                ));
            }
            let wrong_side = match direction {
                Direction::Increase => value < b.value,
                Direction::Decrease => value > b.value,
                Direction::None => false,
            };
            if wrong_side && !raw.already_met {
                return fail(format!(
                    "the target {value} of `{id}` lies against its direction `{}` from the baseline {} ({}:{}): the baseline already meets it; expected a target the indicator must move towards, or `already_met = true` in the target for a bound to stay within",
                    direction.code(),
                    b.value,
                    self.path.display(),
                    b.line
                ));
            }
        }
        if let Some(by) = base_year {
            if year <= *by.get_ref() {
                return fail(format!(
                    "the target year {year} of `{id}` is not after its base_year {}; expected a later target year",
                    by.get_ref()
                ));
            }
        }
        Ok(Target { value, year })
    }
}

/// Every label a person reads, with control characters made visible (see [`crate::visible`]).
fn make_visible(mut m: Monitor) -> Monitor {
    fn fix(s: &mut String) {
        if let std::borrow::Cow::Owned(v) = crate::visible::visible(s) {
            *s = v;
        }
    }
    fn fix_opt(s: &mut Option<String>) {
        if let Some(s) = s {
            fix(s);
        }
    }
    for s in [&mut m.name, &mut m.title, &mut m.municipality] {
        fix(s);
    }
    fix_opt(&mut m.adopted);
    fix_opt(&mut m.document);
    for t in &mut m.themes {
        fix(&mut t.name);
        fix_opt(&mut t.goal);
    }
    // The last list looked at, as read and as made visible.
    let mut last_peers: Option<(PeerNames, PeerNames)> = None;
    for i in &mut m.indicators {
        fix(&mut i.title);
        fix(&mut i.unit);
        fix_opt(&mut i.source);
        fix_opt(&mut i.baseline_as_written);
        fix_opt(&mut i.note);
        i.series.iter_mut().for_each(|s| fix(&mut s.label));
        // A list shared by the indicators is looked at once, and stays shared.
        if !last_peers
            .as_ref()
            .is_some_and(|(read, _)| Arc::ptr_eq(read, &i.peers))
        {
            let needs = i
                .peers
                .iter()
                .any(|p| matches!(crate::visible::visible(p), std::borrow::Cow::Owned(_)));
            let made: Arc<[String]> = if needs {
                i.peers
                    .iter()
                    .map(|p| crate::visible::visible(p).into_owned())
                    .collect()
            } else {
                i.peers.clone()
            };
            last_peers = Some((i.peers.clone(), made));
        }
        if let Some((_, made)) = &last_peers {
            i.peers = made.clone();
        }
        if let Some(manual) = &mut i.manual {
            fix(&mut manual.reason);
        }
    }
    m
}

/// The names of an indicator's peer areas, as the model holds them (shared).
type PeerNames = Arc<[String]>;

/// An indicator's peer areas, checked: their names, and each one's place by name (for the
/// baselines that name an area). Shared by the indicators that take the monitor's list.
#[derive(Clone)]
struct Peers {
    names: PeerNames,
    places: Arc<HashMap<String, usize>>,
}

fn join_ids<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    ids.map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
[monitor]
name = "t"
title = "T"
municipality = "Stad"

[[theme]]
id = "a"
name = "A"

[[indicator]]
id = "x"
theme = "a"
title = "X neemt toe"
unit = "%"
direction = "increase"
[[indicator.baseline]]
value = 5
period = "2017"
"#;

    fn parse_str(text: &str) -> Result<Monitor> {
        parse(Path::new("indicators.toml"), text)
    }

    #[test]
    fn a_key_given_twice_is_named_where_it_is_given_again() {
        for (twice, at, key) in [
            ("unit = \"%\"", "indicators.toml:16:1:", "`unit`"),
            ("\"unit\" = \"%\"", "indicators.toml:16:1:", "`unit`"),
            ("[monitor]", "indicators.toml:16:2:", "`monitor`"),
        ] {
            let text = MINIMAL.replace("direction", &format!("{twice}\ndirection"));
            let err = parse_str(&text).unwrap_err().to_string();
            assert!(err.starts_with(at), "{twice}: {err}");
            assert!(
                err.contains(&format!("duplicate key {key}, expected each key once")),
                "{twice}: {err}"
            );
        }
    }

    #[test]
    fn locations_from_the_line_index_match_a_rescan() {
        let text = MINIMAL.replace("unit = \"%\"", "unit = \"%\"\nunti = \"é\"");
        let err = parse_str(&text).unwrap_err().to_string();
        assert!(err.starts_with("indicators.toml:16:1:"), "{err}");
        // The line of the last of 5000 indicators (`cargo bench --bench pipeline` times the
        // load: linear now, where a rescan per indicator took 6 s).
        let mut big = MINIMAL.to_string();
        for i in 0..5000 {
            big.push_str(&format!(
                "\n[[indicator]]\nid = \"x{i}\"\ntheme = \"a\"\ntitle = \"X\"\nunit = \"%\"\ndirection = \"increase\"\n[[indicator.baseline]]\nvalue = 5\nperiod = \"2017\"\n"
            ));
        }
        let m = parse_str(&big).unwrap();
        assert_eq!(m.indicators.len(), 5001);
        let offset = big.find("id = \"x4999\"").unwrap();
        let rescanned = Location::at_offset(Path::new("indicators.toml"), &big, offset);
        assert_eq!(Some(m.indicators[5000].line), rescanned.line);
    }

    /// A value of the wrong kind is named in TOML's words, never a type of the program.
    #[test]
    fn a_value_of_the_wrong_kind_is_named_in_toml_s_words() {
        let cases = [
            ("value = 5", "value = \"5\"", "invalid type: the text \"5\", expected a number"),
            ("value = 5", "value = true", "invalid type: the boolean `true`, expected a number"),
            ("value = 5", "value = [5]", "invalid type: an array, expected a number"),
            ("value = 5", "value = { v = 5 }", "invalid type: a table, expected a number"),
            ("title = \"T\"", "title = 5", "invalid type: the whole number `5`, expected a string"),
            ("id = \"a\"", "id = \"a\"\nnumber = -1", "invalid value: the whole number `-1`, expected a whole number from 0 to 4294967295"),
            ("id = \"a\"", "id = \"a\"\nnumber = 1.5", "invalid type: the number `1.5`, expected a whole number from 0 to 4294967295"),
            ("direction = \"increase\"", "direction = \"increase\"\ntarget = 70", "invalid type: the whole number `70`, expected a table"),
            ("direction = \"increase\"", "direction = \"increase\"\npeers = \"Vlaardingen\"", "invalid type: the text \"Vlaardingen\", expected an array"),
        ];
        for (from, to, expected) in cases {
            assert!(MINIMAL.contains(from), "{from}");
            let err = parse_str(&MINIMAL.replacen(from, to, 1))
                .unwrap_err()
                .to_string();
            assert!(err.ends_with(expected), "{to}: {err}");
        }
        // What is not a type's name passes as the reader wrote it.
        assert_eq!(plain_type_words("missing field `id`"), "missing field `id`");
        assert_eq!(
            plain_type_words("unknown variant `x`, expected `a` or `b`"),
            "unknown variant `x`, expected `a` or `b`"
        );
    }

    #[test]
    fn reads_a_minimal_monitor() {
        let m = parse_str(MINIMAL).unwrap();
        assert_eq!(m.indicators[0].baselines[0].value, 5.0);
        assert_eq!(m.method, Method::OpenSdg);
    }

    #[test]
    fn unknown_keys_are_named_with_their_line() {
        let text = MINIMAL.replace("unit = \"%\"", "unit = \"%\"\nunti = 1");
        let err = parse_str(&text).unwrap_err().to_string();
        assert!(
            err.starts_with("indicators.toml:16:1: unknown field `unti`"),
            "{err}"
        );
    }

    #[test]
    fn unknown_theme_suggests_the_closest() {
        let text = MINIMAL.replace("theme = \"a\"", "theme = \"b\"");
        let err = parse_str(&text).unwrap_err().to_string();
        assert!(
            err.contains("names theme `b`, which no [[theme]] defines"),
            "{err}"
        );
    }

    #[test]
    fn baselines_name_their_peer_and_are_given_once_per_series_and_area() {
        // Peers and baselines looked up by name (a national monitor has hundreds of each).
        let peers: Vec<String> = (0..300).map(|n| format!("Plaats {n}")).collect();
        let mut text = MINIMAL.replace(
            "direction = \"increase\"",
            &format!(
                "direction = \"increase\"\npeers = [{}]",
                peers
                    .iter()
                    .map(|p| format!("\" {p}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
        for n in [299, 0, 150] {
            text.push_str(&format!(
                "[[indicator.baseline]]\nvalue = {}\nperiod = \"2017\"\narea = \"Plaats {n} \"\n",
                f64::from(n) / 10.0
            ));
        }
        // The municipality, however spaced, is the indicator's own area, not a peer.
        let own = text.replace("value = 5\n", "value = 5\narea = \" Stad\"\n");
        let m = parse_str(&own).unwrap();
        let found: Vec<(Option<usize>, f64)> = m.indicators[0]
            .baselines
            .iter()
            .map(|b| (b.area, b.value))
            .collect();
        assert_eq!(
            found,
            [
                (None, 5.0),
                (Some(299), 29.9),
                (Some(0), 0.0),
                (Some(150), 15.0)
            ]
        );
        assert_eq!(m.indicators[0].peers[150], "Plaats 150");
        // Found by series and area, whatever the order they were given in.
        let by_key = m.indicators[0].baselines_by_key();
        let value = |area| by_key.get(None, area).map(|b| b.value);
        assert_eq!(value(None), Some(5.0));
        assert_eq!(value(Some(299)), Some(29.9));
        assert_eq!(value(Some(0)), Some(0.0));
        assert_eq!(value(Some(150)), Some(15.0));
        assert_eq!(value(Some(1)), None);
        assert_eq!(value(Some(300)), None);
        assert!(by_key.get(Some(0), None).is_none());
        // A second baseline for a peer, or for the municipality, is refused.
        for area in ["Plaats 0", "Stad"] {
            let twice = format!(
                "{text}[[indicator.baseline]]\nvalue = 1\nperiod = \"2018\"\narea = \"{area}\"\n"
            );
            let err = parse_str(&twice).unwrap_err().to_string();
            assert!(
                err.contains("has two baselines for the same series and area"),
                "{area}: {err}"
            );
        }
        // A peer listed twice, and an area that is no peer, are named.
        let err = parse_str(&text.replace("\" Plaats 7\"", "\" Plaats 6\""))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("peer area ` Plaats 6` is listed twice"),
            "{err}"
        );
        let err = parse_str(&text.replace("area = \"Plaats 150 \"", "area = \"Elders\""))
            .unwrap_err()
            .to_string();
        assert!(err.contains("baseline names area `Elders`"), "{err}");
    }

    /// The monitor's peers, taken by every indicator without peers of its own, are checked
    /// once and shared; what they say is the same as when each indicator lists them: an
    /// indicator with its own peers has the monitor's first, a wrong list is named at each
    /// indicator that takes it, and a control character is made visible in each.
    #[test]
    fn the_monitors_peers_are_shared_and_checked_as_each_indicators_own() {
        let second = "\n[[indicator]]\nid = \"y\"\ntheme = \"a\"\ntitle = \"Y\"\nunit = \"%\"\ndirection = \"increase\"\n";
        let with_peers = |peers: &str, own: &str| {
            MINIMAL.replace(
                "municipality = \"Stad\"\n",
                &format!("municipality = \"Stad\"\npeers = [{peers}]\n"),
            ) + second
                + own
                + "\n[[indicator]]\nid = \"z\"\ntheme = \"a\"\ntitle = \"Z\"\nunit = \"%\"\ndirection = \"increase\"\n[[indicator.baseline]]\nvalue = 3\nperiod = \"2017\"\narea = \"Dorp\"\n"
        };
        let m = parse_str(&with_peers("\" Dorp\", \"Veld\"", "peers = [\"Wijk\"]\n")).unwrap();
        let names = |i: usize| m.indicators[i].peers.to_vec();
        assert_eq!(names(0), ["Dorp", "Veld"]);
        assert_eq!(names(1), ["Dorp", "Veld", "Wijk"]);
        assert_eq!(names(2), ["Dorp", "Veld"]);
        assert!(Arc::ptr_eq(&m.indicators[0].peers, &m.indicators[2].peers));
        assert_eq!(m.indicators[2].baselines[0].area, Some(0));
        // Listed twice as people type it, or empty: named at each of the three indicators
        // (the same place thrice); the municipality itself is refused in the monitor's list.
        for (wrong, times) in [("\"Dorp\", \"Dorp \"", 3), ("\" \"", 3), ("\"Stad\"", 1)] {
            let err = parse_str(&with_peers(wrong, "")).unwrap_err().to_string();
            let lines = err.lines().filter(|l| l.contains("peer area")).count();
            assert_eq!(lines, times, "{wrong}: {err}");
        }
        let long = format!("\"{}\"", "x".repeat(MAX_LABEL + 1));
        let err = parse_str(&with_peers(&long, "")).unwrap_err().to_string();
        // At x and y (z, whose baseline names `Dorp`, is refused for that).
        assert_eq!(err.matches("a peer area name is").count(), 2, "{err}");
        let m = parse_str(&with_peers(
            "\"Do\\u0007rp\", \"Dorp\"",
            "peers = [\"Wijk\"]\n",
        ))
        .unwrap();
        for ind in &m.indicators {
            assert!(
                ind.peers[0].starts_with("Do") && !ind.peers[0].contains('\u{7}'),
                "{:?}",
                ind.peers
            );
        }
    }

    #[test]
    fn missing_fields_are_named() {
        let text = MINIMAL.replace("unit = \"%\"\n", "");
        let err = parse_str(&text).unwrap_err().to_string();
        assert!(err.contains("missing field `unit`"), "{err}");
    }
}
