//! Reads the measurement files (`measurements/*.csv`, `*.tsv`, `*.txt` and `*.xlsx`): tidy long
//! format, one observation per row. Columns, matched without regard to case or surrounding
//! spaces, in English or Dutch: `indicator`, `period` (`periode`), `value` (`waarde`) are
//! required; `series` (`reeks`), `area` (`gebied`), `illustrative` (`illustratief`), `source`
//! (`bron`), `note` (`opmerking`) are optional; other columns are ignored.
//!
//! Text files are streamed (see [`super::text`] for encodings, delimiters and line limits, and
//! [`super::number`] for how numbers are read); a workbook is read sheet by sheet, every sheet
//! whose first row holds the required columns. Every problem becomes a diagnostic with its file,
//! line and column (for a workbook: sheet, row and column); a file stops being read after
//! [`MAX_ERRORS`] errors.

use super::number::{self, Reading};
use super::plain::{self, Next, PlainLines};
use super::text::{self, LineTooLong};
use crate::diagnostic::Diagnostic;
use crate::error::{did_you_mean, Location};
use crate::model::{
    DecimalMark, Dialect, Encoding, Kind, Monitor, Observation, Period, Provenance, Remarks,
    SeriesKey,
};
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// After this many errors in one file the rest of it is not read.
pub(crate) const MAX_ERRORS: usize = 50;

/// The logical columns, in the order of [`Cells`]: the English name and the Dutch one (either
/// is accepted). `ontrack template` writes its header from this table too.
pub(crate) const COLUMNS: [(&str, &str); 8] = [
    ("indicator", "indicator"),
    ("series", "reeks"),
    ("area", "gebied"),
    ("period", "periode"),
    ("value", "waarde"),
    ("illustrative", "illustratief"),
    ("source", "bron"),
    ("note", "opmerking"),
];
const INDICATOR: usize = 0;
const SERIES: usize = 1;
const AREA: usize = 2;
pub(crate) const PERIOD: usize = 3;
pub(crate) const VALUE: usize = 4;
const ILLUSTRATIVE: usize = 5;
const SOURCE: usize = 6;
const NOTE: usize = 7;

/// Where each logical column is in the file (0-based), if present.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Columns([Option<usize>; 8]);

impl Columns {
    /// The file column of each logical column.
    pub(crate) fn positions(&self) -> [Option<usize>; 8] {
        self.0
    }

    /// Finds the columns in `names`; the error says which required ones are missing.
    pub fn find<S: AsRef<str>>(names: &[S]) -> Result<Self, String> {
        let names: Vec<String> = names
            .iter()
            .map(|h| {
                h.as_ref()
                    .trim()
                    .trim_start_matches('\u{feff}')
                    .to_lowercase()
            })
            .collect();
        let mut found = [None; 8];
        for (slot, (en, nl)) in found.iter_mut().zip(COLUMNS) {
            *slot = names.iter().position(|h| h == en || h == nl);
        }
        let missing: Vec<String> = [INDICATOR, PERIOD, VALUE]
            .into_iter()
            .filter(|&c| found[c].is_none())
            .map(|c| match COLUMNS[c] {
                (en, nl) if en == nl => format!("`{en}`"),
                // Both names, in no language's words: the message is translated whole.
                (en, nl) => format!("`{en}`/`{nl}`"),
            })
            .collect();
        if missing.is_empty() {
            Ok(Columns(found))
        } else {
            let (missing, names) = (missing.join(", "), names.join(", "));
            Err(if missing.contains(',') {
                format!("the header has no {missing} columns (found: {names}); expected at least indicator, period, value")
            } else {
                format!("the header has no {missing} column (found: {names}); expected at least indicator, period, value")
            })
        }
    }
}

/// One cell as a file gives it.
#[derive(Debug, Clone, Copy)]
pub enum Cell<'a> {
    Text(&'a str),
    Number(f64),
    /// A workbook number shown with a percent format: Excel stores `87 %` as 0.87.
    Percent(f64),
    /// A workbook date cell: year, month, day.
    Date(i32, u8, u8),
}

impl Cell<'_> {
    fn text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Cell::Text(t) => std::borrow::Cow::Borrowed(t.trim()),
            Cell::Number(n) => std::borrow::Cow::Owned(n.to_string()),
            Cell::Percent(n) => std::borrow::Cow::Owned(format!("{}%", percent_of(*n))),
            Cell::Date(y, m, d) => std::borrow::Cow::Owned(format!("{y:04}-{m:02}-{d:02}")),
        }
    }
}

/// The cells of one row by logical column, with the physical column of each (1-based).
type Cells<'a> = [(Cell<'a>, u64); 8];

/// A row as [`RowReader`] reads it: the text of every logical column, and the two cells a
/// workbook may give as a number or a date.
struct RowCells<'a> {
    /// Per logical column: its text, trimmed (empty where there is no such column).
    texts: [&'a str; 8],
    /// The period's cell and the value's, as the file gives them (a CSV's as written).
    period: Cell<'a>,
    value: Cell<'a>,
    /// Per logical column: its physical column (1-based; 0 where there is none).
    columns: [u64; 8],
}

/// The maps of short ids looked up once per row hash with rustc-hash (fast on short keys, not
/// meant to resist collisions an attacker picks: the keys come from the monitor's own
/// indicators.toml); they are never iterated, so their order cannot reach an output.
type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// The monitor's names as lookup tables, and every series' slot: a dense number per
/// indicator × series × area, in [`SeriesKey`] order.
pub struct Lookup<'m> {
    pub monitor: &'m Monitor,
    ids: FastMap<&'m str, usize>,
    areas: FastMap<&'m str, usize>,
    /// The areas' names by their number in `areas`.
    area_names: Vec<&'m str>,
    /// Per indicator, per global area: the indicator's peer position.
    peer_of: Vec<Vec<Option<usize>>>,
    /// Per global area: its name is the municipality's but for case.
    like_municipality: Vec<bool>,
    series: Vec<FastMap<&'m str, usize>>,
    /// Per indicator: its first slot.
    base: Vec<usize>,
    /// Per indicator: its areas (the municipality and its peers), the slots of one series.
    areas_of: Vec<usize>,
    pub kinds: Vec<Kind>,
    slots: usize,
    /// The folder observations name their files relative to.
    origin_folder: PathBuf,
    /// Per indicator: its rows are read (all, unless [`Lookup::only`] says otherwise).
    read: Vec<bool>,
    /// The ids of the indicators read, when not all are.
    only: Option<Vec<&'m str>>,
    /// Per file read (per sheet of a workbook): the header of each logical column as it is
    /// written there, so that a finding made after reading (a repeat, a value against its
    /// baseline) names the field as the reader sees it in that file (`waarde`, `Periode`).
    headers: std::sync::Mutex<Vec<(Place, Headers)>>,
}

/// The header of each logical column ([`COLUMNS`]) as a file writes it, where it has one.
type Headers = [Option<String>; 8];

/// A file, and the sheet in it when it is a workbook: where the rows of one header are.
type Place = (crate::model::FileName, Option<crate::model::Name>);

/// The name of column `c` as `headers` write it, else its English name.
fn column_name(headers: &Headers, c: usize) -> &str {
    headers[c].as_deref().unwrap_or(COLUMNS[c].0)
}

impl<'m> Lookup<'m> {
    /// Where an observation was read, its file as the command line names it (for messages;
    /// the observation itself names it relative to the monitor folder) and its line.
    pub(crate) fn location_of(&self, o: &Observation) -> Location {
        let file = Path::new(o.file().as_str());
        let path = if file.is_relative() {
            self.origin_folder.join(file)
        } else {
            file.to_path_buf()
        };
        Location {
            sheet: o.sheet().map(str::to_string),
            ..Location::at(&path, u64::from(o.line()), None)
        }
    }

    /// Where an observation was read, with the field of `column` named as its file writes it.
    pub(crate) fn field_of(&self, o: &Observation, column: usize) -> Location {
        let at = self.location_of(o);
        let known = self.headers.lock().unwrap_or_else(|e| e.into_inner());
        match known
            .iter()
            .find(|(place, _)| *place == (o.file(), o.sheet()))
        {
            Some((_, headers)) => at.with_field(column_name(headers, column)),
            None => at.with_field(COLUMNS[column].0),
        }
    }

    /// Observations read from now on name their file relative to `folder` where it lies inside.
    pub(crate) fn origins_relative_to(&mut self, folder: &Path) {
        self.origin_folder = folder.to_path_buf();
    }

    /// Reads only the rows of the indicators `ids` (None: all). An id that names no indicator
    /// reads nothing.
    pub(crate) fn only(&mut self, ids: Option<&[String]>) {
        let Some(ids) = ids else { return };
        self.only = Some(
            self.monitor
                .indicators
                .iter()
                .filter(|i| ids.contains(&i.id))
                .map(|i| i.id.as_str())
                .collect(),
        );
        for (i, ind) in self.monitor.indicators.iter().enumerate() {
            self.read[i] = ids.contains(&ind.id);
        }
    }

    /// Whether indicator `index`'s rows are read.
    pub(crate) fn reads(&self, index: usize) -> bool {
        self.read[index]
    }

    /// Whether a row whose indicator field is `field` (as the file has it) may be of an
    /// indicator that is read. Conservative: only a plain ASCII field that is no read id, but
    /// for case, is passed over; anything else goes the whole way.
    fn may_read(&self, field: &[u8]) -> bool {
        let Some(only) = &self.only else { return true };
        let id = field.trim_ascii();
        let id = id.strip_prefix(b"'").unwrap_or(id);
        !id.is_ascii() || only.iter().any(|w| w.as_bytes().eq_ignore_ascii_case(id))
    }

    /// The indicator whose id equals `id` but for case, where exactly one does.
    fn id_ignoring_case(&self, id: &str) -> Option<usize> {
        unique(
            self.monitor
                .indicators
                .iter()
                .enumerate()
                .filter(|(_, ind)| ind.id.eq_ignore_ascii_case(id)),
        )
        .map(|(i, _)| i)
    }

    pub fn new(monitor: &'m Monitor) -> Self {
        // Indicators that take the monitor's peers share one list: it is looked at once.
        let same_list = |i: usize| {
            i > 0
                && Arc::ptr_eq(
                    &monitor.indicators[i].peers,
                    &monitor.indicators[i - 1].peers,
                )
        };
        let mut areas: FastMap<&str, usize> = FastMap::default();
        for (i, ind) in monitor.indicators.iter().enumerate() {
            if same_list(i) {
                continue;
            }
            for p in ind.peers.iter() {
                let next = areas.len();
                areas.entry(p.as_str()).or_insert(next);
            }
        }
        let mut peer_of: Vec<Vec<Option<usize>>> = Vec::with_capacity(monitor.indicators.len());
        for (i, ind) in monitor.indicators.iter().enumerate() {
            let row = match peer_of.last() {
                Some(previous) if same_list(i) => previous.clone(),
                _ => {
                    let mut row = vec![None; areas.len()];
                    for (position, p) in ind.peers.iter().enumerate() {
                        row[areas[p.as_str()]] = Some(position);
                    }
                    row
                }
            };
            peer_of.push(row);
        }
        let mut area_names = vec![""; areas.len()];
        for (name, &g) in &areas {
            area_names[g] = name;
        }
        let mut like_municipality = vec![false; areas.len()];
        for (name, &g) in &areas {
            like_municipality[g] = same_name(name, &monitor.municipality);
        }
        let mut base = Vec::with_capacity(monitor.indicators.len());
        let mut slots = 0;
        for ind in &monitor.indicators {
            base.push(slots);
            slots += ind.series.len().max(1) * (ind.peers.len() + 1);
        }
        Lookup {
            monitor,
            ids: monitor
                .indicators
                .iter()
                .enumerate()
                .map(|(i, ind)| (ind.id.as_str(), i))
                .collect(),
            areas,
            peer_of,
            area_names,
            like_municipality,
            series: monitor
                .indicators
                .iter()
                .map(|ind| {
                    ind.series
                        .iter()
                        .enumerate()
                        .map(|(i, s)| (s.id.as_str(), i))
                        .collect()
                })
                .collect(),
            base,
            areas_of: monitor
                .indicators
                .iter()
                .map(|i| i.peers.len() + 1)
                .collect(),
            kinds: monitor.indicators.iter().map(|i| i.kind).collect(),
            slots,
            origin_folder: PathBuf::new(),
            read: vec![true; monitor.indicators.len()],
            only: None,
            headers: Default::default(),
        }
    }

    /// How many slots there are.
    pub fn slots(&self) -> usize {
        self.slots
    }

    /// The slot of `key`: from two short tables, without reaching into the indicator (once
    /// per row read).
    #[inline(always)]
    pub fn slot(&self, key: SeriesKey) -> usize {
        self.base[key.indicator]
            + key.series.unwrap_or(0) * self.areas_of[key.indicator]
            + key.area.map_or(0, |a| a + 1)
    }

    pub fn key(&self, slot: usize) -> SeriesKey {
        let indicator = self.base.partition_point(|&b| b <= slot) - 1;
        self.key_of(indicator, slot)
    }

    /// [`Self::key`] of `slot`, one of indicator `from` or a later one: found by stepping on
    /// from `from`, for slots visited in order (every series, as they are checked), rather
    /// than by a search each time.
    pub fn key_from(&self, from: usize, slot: usize) -> SeriesKey {
        let mut indicator = from;
        while self.base.get(indicator + 1).is_some_and(|&b| b <= slot) {
            indicator += 1;
        }
        self.key_of(indicator, slot)
    }

    /// The key of `slot`, one of `indicator`'s.
    fn key_of(&self, indicator: usize, slot: usize) -> SeriesKey {
        let ind = &self.monitor.indicators[indicator];
        let within = slot - self.base[indicator];
        let areas = ind.peers.len() + 1;
        SeriesKey {
            indicator,
            series: (!ind.series.is_empty()).then_some(within / areas),
            area: (within % areas).checked_sub(1),
        }
    }
}

/// One observation read, with its slot.
pub(crate) type Read1 = (usize, Observation);

/// Rows are handed on in chunks of this many observations, so that a large file is never held
/// in memory as a whole. Small enough (192 KiB) that a chunk is still in its core's cache
/// when the thread that read it merges it.
pub(crate) const CHUNK: usize = 4 * 1024;

/// Where a reader hands its chunks of observations.
pub(crate) trait Sink {
    /// Takes a full chunk.
    fn send(&self, chunk: Vec<Read1>);
    /// An empty chunk to fill, with room for [`CHUNK`] observations: one handed back after
    /// use where there is one, so that chunks are neither grown nor faulted in again.
    fn empty(&self) -> Vec<Read1>;
}

/// What one file gave (the observations not yet handed to a sink).
#[derive(Default)]
pub struct FileRead {
    pub observations: Vec<Read1>,
    pub diagnostics: Vec<Diagnostic>,
    /// The years of the values of indicators not read ([`Lookup::only`]).
    pub years_of_others: std::collections::BTreeSet<i32>,
}

/// The measurement files in `dir`, sorted by name; warnings for files that look like
/// measurements but cannot be read (`.xls`, `.ods`), errors for folders named like files.
pub(crate) fn files_in(dir: &Path) -> Result<(Vec<PathBuf>, Vec<Diagnostic>), crate::error::Error> {
    let entries = std::fs::read_dir(dir).map_err(|e| crate::error::Error::io(dir, e))?;
    let mut files = Vec::new();
    let mut notes = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| crate::error::Error::io(dir, e))?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_string();
        // Hidden files and Excel's lock files ("~$2020.xlsx") are not data.
        if name.starts_with('.') || name.starts_with("~$") {
            continue;
        }
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "csv" | "tsv" | "txt" | "xlsx" | "xlsm" => {
                // Followed through a symlink; never opened unless it is a regular file, so a
                // FIFO or a device cannot block the run.
                match std::fs::metadata(&path) {
                    Ok(m) if m.is_dir() => notes.push(Diagnostic::error(
                        Location::file(&path),
                        "is a folder; expected a measurement file",
                    )),
                    Ok(m) if m.is_file() => files.push(path),
                    Ok(_) => notes.push(Diagnostic::warning(
                        Location::file(&path),
                        "not read: not a regular file (a FIFO, socket or device); expected a measurement file",
                    )),
                    Err(e) => notes.push(Diagnostic::error(
                        Location::file(&path),
                        format!("cannot be read: {e}"),
                    )),
                }
            }
            "xls" | "ods" | "numbers" => notes.push(Diagnostic::warning(
                Location::file(&path),
                format!("not read: .{ext} files are not supported; save it as .xlsx or .csv"),
            )),
            _ => {}
        }
    }
    files.sort();
    Ok((files, notes))
}

/// Reads a text measurement file given as bytes (`path` only names it in messages): the same
/// path as a file on disk takes, for tests and fuzzing.
pub fn read_bytes(path: &Path, bytes: &[u8], lookup: &Lookup, dialect: Dialect) -> FileRead {
    let mut reader = RowReader::new(path, lookup, dialect);
    if let Err(d) = read_stream(path, bytes, &mut reader, Way::Fast) {
        reader.out.diagnostics.push(*d);
    }
    reader.finish()
}

pub(super) fn read_text(path: &Path, rows: &mut RowReader) -> Result<(), Box<Diagnostic>> {
    let file = std::fs::File::open(path).map_err(|e| io_problem(path, e))?;
    read_stream(path, file, rows, Way::Fast)
}

/// Whether a UTF-8 file's plain lines are read the fast way ([`plain`]); tests compare the two.
#[derive(Clone, Copy, PartialEq)]
enum Way {
    Fast,
    #[cfg(test)]
    General,
}

fn io_problem(path: &Path, e: std::io::Error) -> Box<Diagnostic> {
    Box::new(Diagnostic::error(
        Location::file(path),
        crate::error::Error::io(path, e)
            .to_string()
            .split_once(": ")
            .map_or_else(String::new, |(_, m)| m.to_string()),
    ))
}

fn read_stream(
    path: &Path,
    mut file: impl Read,
    rows: &mut RowReader,
    way: Way,
) -> Result<(), Box<Diagnostic>> {
    let io_error = |e| io_problem(path, e);
    let mut head = Vec::with_capacity(text::SNIFF);
    (&mut file)
        .take(text::SNIFF as u64)
        .read_to_end(&mut head)
        .map_err(io_error)?;
    if head.is_empty() {
        return Err(Box::new(Diagnostic::error(
            Location::file(path),
            "the file is empty; expected a header line (indicator, period, value, ...)",
        )));
    }
    let sniffed = text::sniff(&head, rows.dialect.encoding)
        .map_err(|m| Box::new(Diagnostic::error(Location::at(path, 1, None), m)))?;
    let candidates: Vec<u8> = match rows.dialect.delimiter {
        Some(d) => vec![d],
        None => vec![b',', b';', b'\t'],
    };
    let mut found = None;
    // The problem of the delimiter that split the header best (found most of the required
    // columns): a `;` file missing `value` is told that, not that every column is missing.
    let mut best_problem: Option<(usize, String)> = None;
    for d in candidates {
        let names = text::split_header(&sniffed.header, d);
        match Columns::find(&names) {
            Ok(c) => {
                found = Some((d, c));
                break;
            }
            Err(m) => {
                let fields = names.len();
                if best_problem.as_ref().is_none_or(|(n, _)| fields > *n) {
                    best_problem = Some((fields, m));
                }
            }
        }
    }
    let Some((delimiter, _)) = found else {
        let m = best_problem.map(|(_, m)| m).unwrap_or_default();
        return Err(Box::new(Diagnostic::error(
            Location::at(path, 1, None),
            if rows.dialect.delimiter.is_none() {
                format!("{m}; columns may be separated by `,`, `;` or tab")
            } else {
                m
            },
        )));
    };

    // A UTF-8 file is read the fast way while its lines are plain (all of them, mostly): see
    // [`plain`]. The general reader takes the rest, from the first line that is not.
    let (raw, first_line, header): (Box<dyn Read + '_>, u64, _) =
        if sniffed.encoding == Encoding::Utf8 && way == Way::Fast {
            let mut lines = PlainLines::new(head, sniffed.bom, file, delimiter);
            match read_plain(path, &mut lines, delimiter, rows)? {
                Plain::Finished => return Ok(()),
                Plain::Rest(header) => {
                    let (rest, line) = lines.rest();
                    (Box::new(rest), line, header)
                }
            }
        } else {
            let mut raw = std::io::Cursor::new(head).chain(file);
            let mut bom = [0u8; 3];
            raw.read_exact(&mut bom[..sniffed.bom]).map_err(io_error)?;
            (Box::new(raw), 1, None)
        };
    // Decoded first, so that line ends and the record limit count characters of text, whatever
    // the encoding (a UTF-16 line end is two bytes).
    let decoded: Box<dyn Read> = match sniffed.encoding {
        Encoding::Utf8 => raw,
        other => Box::new(text::Decoding::new(raw, other)),
    };
    let stream = text::LineEnds::new(decoded);
    let stream =
        text::RecordLimit::new(stream, text::MAX_LINE, delimiter).starting_at_line(first_line);
    let starts = stream.record_starts();
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(header.is_none())
        .flexible(true)
        .buffer_capacity(256 * 1024)
        .from_reader(stream);
    // The csv reader counts lines from 1 where it starts.
    let lines_before = first_line - 1;
    let (width, columns) = match header {
        Some(known) => known,
        None => {
            // The columns as the csv reader itself splits the header (the sniffed line only
            // chose the delimiter), so that every position found exists in every row of the
            // header's width.
            let header = csv
                .byte_headers()
                .map_err(|e| csv_problem(path, e, lines_before))?;
            starts.borrow_mut().pop_front();
            let names: Vec<String> = header
                .iter()
                .map(|h| String::from_utf8_lossy(h).to_string())
                .collect();
            let columns = Columns::find(&names).map_err(|m| {
                Box::new(Diagnostic::error(Location::at(path, first_line, None), m))
            })?;
            rows.set_headers(&names, &columns);
            (names.len(), columns)
        }
    };
    let mut record = csv::ByteRecord::new();
    loop {
        match csv.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(Box::new(csv_problem(path, e, lines_before))),
        }
        // Where the record itself starts, past any blank lines before it.
        let noted = starts.borrow_mut().pop_front();
        let line =
            noted.unwrap_or_else(|| record.position().map_or(0, |p| p.line() + lines_before));
        if record.len() != width {
            if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
                continue; // a blank line as spreadsheets leave them
            }
            wrong_width(rows, path, line, record.len(), width, delimiter);
        } else if !rows.may_read(|c| record.get(c), &columns) {
            // Another indicator's row, when only some are read: its year was noted.
        } else {
            // The record checked as UTF-8 once, whole, rather than field by field.
            record = match csv::StringRecord::from_byte_record(record) {
                Ok(fields) => {
                    let cells = cells_of(&columns, |c| fields.get(c));
                    rows.row(&cells, line, |col| Location::at(path, line, Some(col)));
                    fields.into_byte_record()
                }
                Err(e) => {
                    let bytes = e.into_byte_record();
                    not_utf8(rows, path, line, &columns, |c| bytes.get(c));
                    bytes
                }
            };
        }
        if rows.stopped() {
            break;
        }
    }
    Ok(())
}

/// How far [`read_plain`] read a file.
enum Plain {
    Finished,
    /// A line was not plain: the rest is for the general reader, with the header's width and
    /// columns when the header was read already.
    Rest(Option<(usize, Columns)>),
}

/// Reads a UTF-8 file's plain lines (see [`plain`]): the header and the rows, up to the end or
/// to the first line that is not plain. Every row is handled as the general reader handles it.
fn read_plain<R: Read>(
    path: &Path,
    lines: &mut PlainLines<R>,
    delimiter: u8,
    rows: &mut RowReader,
) -> Result<Plain, Box<Diagnostic>> {
    let io_error = |e| io_problem(path, e);
    let mut ends = Vec::with_capacity(COLUMNS.len());
    let (line, header) = match lines.next(&mut ends).map_err(io_error)? {
        Next::Line(line, text) => (line, text.as_bytes()),
        Next::Unchecked(line, bytes) => (line, bytes),
        // No header yet: all of it to the general reader, which says what it finds.
        Next::NotPlain | Next::End => return Ok(Plain::Rest(None)),
    };
    let names: Vec<String> = (0..ends.len())
        .flat_map(|i| plain::bounds(&ends, i))
        .map(|r| String::from_utf8_lossy(&header[r]).to_string())
        .collect();
    let columns = Columns::find(&names)
        .map_err(|m| Box::new(Diagnostic::error(Location::at(path, line, None), m)))?;
    rows.set_headers(&names, &columns);
    let width = names.len();
    let places = columns.0.map(|c| c.map_or(0, |c| c as u64 + 1));
    loop {
        // A line is text when its block was (the whole block checked as UTF-8 at once), else
        // it is checked on its own below.
        let (line, bytes, text) = match lines.next(&mut ends).map_err(io_error)? {
            Next::Line(line, text) => (line, text.as_bytes(), Some(text)),
            Next::Unchecked(line, bytes) => (line, bytes, None),
            Next::NotPlain => return Ok(Plain::Rest(Some((width, columns)))),
            Next::End => return Ok(Plain::Finished),
        };
        let field = |c: usize| plain::bounds(&ends, c).map(|r| &bytes[r]);
        if ends.len() != width {
            if bytes
                .iter()
                .all(|&b| b == delimiter || b.is_ascii_whitespace())
            {
                continue; // a blank line as spreadsheets leave them
            }
            wrong_width(rows, path, line, ends.len(), width, delimiter);
        } else if !rows.may_read(field, &columns) {
            // Another indicator's row, when only some are read: its year was noted.
        } else {
            // A delimiter is never inside a character: the fields of a line that is UTF-8 are.
            match text.map_or_else(|| std::str::from_utf8(bytes), Ok) {
                Ok(text) => {
                    let written = columns.0.map(|c| {
                        c.and_then(|c| plain::bounds(&ends, c))
                            .map_or("", |r| &text[r])
                    });
                    rows.text_row(&written, &places, line, |col| {
                        Location::at(path, line, Some(col))
                    });
                }
                Err(_) => not_utf8(rows, path, line, &columns, field),
            }
        }
        if rows.stopped() {
            return Ok(Plain::Finished);
        }
    }
}

/// A row of `found` fields where the header has `width`.
fn wrong_width(
    rows: &mut RowReader,
    path: &Path,
    line: u64,
    found: usize,
    width: usize,
    delimiter: u8,
) {
    rows.error(
        Location::at(path, line, None),
        format!(
            "found {found} fields, expected {width} like the header (a `{}` inside a value must be quoted)",
            char::from(delimiter)
        ),
    );
}

/// The cells of a row whose fields are `field(position)`.
fn cells_of<'a>(columns: &Columns, field: impl Fn(usize) -> Option<&'a str>) -> Cells<'a> {
    // Each cell made in place (once per row of a national file): not an array of empty cells
    // copied in first and then written over.
    std::array::from_fn(|logical| match columns.0[logical] {
        Some(c) => (Cell::Text(field(c).unwrap_or_default()), c as u64 + 1),
        None => (Cell::Text(""), 0),
    })
}

/// A row that is somewhere not UTF-8: only the columns read matter. Names the first such field
/// that is not, and where in it; a row whose read fields are all UTF-8 is read.
fn not_utf8<'a>(
    rows: &mut RowReader,
    path: &Path,
    line: u64,
    columns: &Columns,
    field: impl Fn(usize) -> Option<&'a [u8]>,
) {
    let mut cells: Cells = [(Cell::Text(""), 0); 8];
    let mut bad = None;
    for (slot, col) in cells.iter_mut().zip(columns.0) {
        if let Some(c) = col {
            match std::str::from_utf8(field(c).unwrap_or_default()) {
                Ok(t) => *slot = (Cell::Text(t), c as u64 + 1),
                Err(e) => {
                    bad = Some((c, e.valid_up_to()));
                    break;
                }
            }
        }
    }
    match bad {
        Some((c, at)) => rows.error(
            Location::at(path, line, Some(c as u64 + 1)),
            format!(
                "byte {} of this field is not valid UTF-8, though the start of the file is; expected the whole file in one encoding (or state `encoding` in [measurements] of indicators.toml)",
                at + 1
            ),
        ),
        None => rows.row(&cells, line, |col| Location::at(path, line, Some(col))),
    }
}

/// The csv reader's error as a diagnostic; `lines_before`: the lines read before the csv reader
/// took over (it counts from 1 where it starts).
fn csv_problem(path: &Path, err: csv::Error, lines_before: u64) -> Diagnostic {
    let line = err.position().map(|p| p.line() + lines_before);
    let at = match line {
        Some(l) => Location::at(path, l, None),
        None => Location::file(path),
    };
    let message = match err.kind() {
        csv::ErrorKind::Io(e) => match e.get_ref().and_then(|i| i.downcast_ref::<LineTooLong>()) {
            Some(long) => {
                return Diagnostic::error(Location::at(path, long.0, None), long.to_string())
            }
            None => match e
                .get_ref()
                .and_then(|i| i.downcast_ref::<text::UnclosedQuote>())
            {
                Some(quote) => {
                    return Diagnostic::error(
                        Location::at(path, quote.opened, None),
                        quote.to_string(),
                    )
                }
                None => e.to_string(),
            },
        },
        _ => err.to_string(),
    };
    Diagnostic::error(at, message)
}

/// `text` without the `'` that neutralises a formula-like start (`'=x`, `'-x`, `'+x`, `'@x`).
fn unneutralised(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => text,
    }
}

/// `a == b`, for the short names compared on every row (an id, an area, a period with the one
/// before): inline, a few bytes at a time from both ends, rather than a call to memcmp per
/// comparison, which was an eighth of a reader's time. Reads nothing of an empty text.
#[inline(always)]
fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word = |s: &[u8], at: usize| u64::from_ne_bytes(s[at..at + 8].try_into().unwrap_or([0; 8]));
    let half = |s: &[u8], at: usize| u32::from_ne_bytes(s[at..at + 4].try_into().unwrap_or([0; 4]));
    match n {
        0 => true,
        // The first, middle and last byte are all of them.
        1..=3 => a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1],
        // Two overlapping words cover the whole text.
        4..=7 => half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4),
        8..=16 => word(a, 0) == word(b, 0) && word(a, n - 8) == word(b, n - 8),
        _ => a == b,
    }
}

/// The words read as yes and no in the `illustrative` column, in any case.
const TRUE_WORDS: [&str; 7] = ["true", "yes", "y", "ja", "j", "1", "waar"];
const FALSE_WORDS: [&str; 7] = ["", "false", "no", "n", "nee", "0", "onwaar"];

/// `text.trim()`, settled by two bytes when both ends are printable ASCII (most fields are):
/// no character is decoded and tested for being white space.
fn trimmed(text: &str) -> &str {
    let printable = |b: &u8| (0x21..=0x7e).contains(b);
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(first), Some(last)) if printable(first) && printable(last) => text,
        (None, _) => text,
        _ => text.trim(),
    }
}

/// Two names equal but for case and surrounding spaces, without allocating for plain ASCII (an
/// area column names one of hundreds of municipalities on every row).
fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

/// The only item of `items`, or None where there is none or more than one (ambiguous).
fn unique<T>(mut items: impl Iterator<Item = T>) -> Option<T> {
    let first = items.next()?;
    items.next().is_none().then_some(first)
}

/// The percentage a percent-formatted cell shows: 0.87 → 87, without the binary-fraction noise
/// of the multiplication (0.87 × 100 is 87.00000000000001).
fn percent_of(fraction: f64) -> f64 {
    crate::model::without_noise(fraction * 100.0)
}

/// Turns rows into observations: shared by text files and workbooks.
pub struct RowReader<'a> {
    path: &'a Path,
    lookup: &'a Lookup<'a>,
    dialect: Dialect,
    origin: crate::model::FileName,
    /// The worksheet being read, in a workbook.
    sheet: Option<crate::model::Name>,
    /// The year the file name states (`2020.csv`), if it does.
    file_year: Option<i32>,
    /// The decimal mark: stated, or the first number that told it (with its line and text).
    mark: Option<DecimalMark>,
    mark_from: Option<(u64, String)>,
    /// Ambiguous numbers waiting for the mark: index into `out.observations`, value under a
    /// decimal comma, line and text.
    pending: Vec<(usize, f64, Location, String)>,
    texts: HashSet<Arc<str>>,
    /// The source and note pairs given so far, each shared by the rows that give it.
    remarks: HashSet<&'static Remarks>,
    /// The last pair, as [`Self::intern_cached`] returned its texts.
    last_remarks: Option<&'static Remarks>,
    /// The provenances of this file's rows so far, by remarks and illustrative.
    provenances: FastMap<(Option<&'static Remarks>, bool), &'static Provenance>,
    /// The last row's provenance.
    last_provenance: Option<&'static Provenance>,
    /// The last source and note as written, and what they became: most rows repeat the row
    /// before them, so most rows are settled without hashing.
    last_texts: [(String, Option<Arc<str>>); 2],
    /// The last period as written and what it read as: a yearly file names one period.
    last_period: Option<(String, Period)>,
    /// The period field (raw bytes) of the last row passed over whose year is already noted:
    /// a row of another indicator that repeats it adds nothing, and is not looked at further.
    noted_other: Vec<u8>,
    /// The indicator field (raw bytes) of the last row passed over as another indicator's;
    /// None before the first (an empty field is no match for it: it is read, and refused).
    other_id: Option<Vec<u8>>,
    errors: usize,
    illustrative: (usize, Option<Location>),
    other_years: (usize, Option<(Location, Period)>),
    last_id: Option<(String, usize)>,
    /// The number (in [`Lookup`]'s areas) of the last area a row named.
    last_area: Option<usize>,
    /// The indicator and series of the last row with a series.
    last_series: Option<(usize, usize)>,
    /// The header of each logical column as the file writes it.
    headers: [Option<String>; 8],
    sink: Option<&'a dyn Sink>,
    pub out: FileRead,
}

impl<'a> RowReader<'a> {
    pub fn new(path: &'a Path, lookup: &'a Lookup<'a>, dialect: Dialect) -> Self {
        let file_year = path
            .file_stem()
            .and_then(|s| s.to_str())
            .filter(|s| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|s| s.parse().ok());
        RowReader {
            path,
            lookup,
            dialect,
            origin: crate::model::FileName::new(&super::relative_name(path, &lookup.origin_folder)),
            sheet: None,
            file_year,
            mark: dialect.decimal,
            mark_from: None,
            pending: Vec::new(),
            texts: HashSet::new(),
            remarks: HashSet::new(),
            last_remarks: None,
            provenances: FastMap::default(),
            last_provenance: None,
            last_texts: Default::default(),
            last_period: None,
            noted_other: Vec::new(),
            other_id: None,
            errors: 0,
            illustrative: (0, None),
            other_years: (0, None),
            last_id: None,
            last_area: None,
            last_series: None,
            headers: Default::default(),
            sink: None,
            out: FileRead::default(),
        }
    }

    pub fn path(&self) -> &Path {
        self.path
    }

    /// Where chunks of observations go as the file is read (None: all at the end).
    pub(crate) fn set_sink(&mut self, sink: Option<&'a dyn Sink>) {
        self.sink = sink;
        if let Some(sink) = sink {
            self.out.observations = sink.empty();
        }
    }

    pub fn error(&mut self, at: Location, message: String) {
        self.errors += 1;
        self.out.diagnostics.push(Diagnostic::error(at, message));
        if self.errors == MAX_ERRORS {
            self.out.diagnostics.push(Diagnostic::error(
                Location::file(self.path),
                format!("stopped reading this file after {MAX_ERRORS} errors"),
            ));
        }
    }

    pub fn stopped(&self) -> bool {
        self.errors >= MAX_ERRORS
    }

    /// Whether a text file's row may be of an indicator that is read (see [`Lookup::only`]);
    /// if not, notes the year of its value.
    fn may_read<'r>(
        &mut self,
        record: impl Fn(usize) -> Option<&'r [u8]>,
        columns: &Columns,
    ) -> bool {
        let field = |c: usize| columns.0[c].and_then(&record).unwrap_or_default();
        // Rows come grouped by indicator: an id just passed over is passed over again by
        // comparing bytes, without trimming and matching it against the ids read.
        let id = field(INDICATOR);
        if self.other_id.as_deref() != Some(id) {
            if self.lookup.may_read(id) {
                return true;
            }
            let other = self.other_id.get_or_insert_with(Vec::new);
            other.clear();
            other.extend_from_slice(id);
        }
        let raw_period = field(PERIOD);
        if raw_period == self.noted_other.as_slice() {
            return false; // its year is noted already, whatever its value
        }
        if let (Ok(period), Ok(value)) = (
            std::str::from_utf8(raw_period),
            std::str::from_utf8(field(VALUE)),
        ) {
            if self.note_other(period.trim(), value.trim()) {
                self.noted_other.clear();
                self.noted_other.extend_from_slice(raw_period);
            }
        }
        false
    }

    /// Notes the year of a value of an indicator that is not read; true when the year of
    /// `written` is noted (now or before), so that its value no longer matters.
    fn note_other(&mut self, written: &str, value: &str) -> bool {
        let Ok(p) = self.period_as_written(written) else {
            return false;
        };
        if self.out.years_of_others.contains(&p.year()) {
            return true;
        }
        if !matches!(number::read(value, None), Ok(Some(_))) {
            return false; // no value (or none that reads): no year with data
        }
        self.out.years_of_others.insert(p.year());
        true
    }

    /// The peer of `indicator` that `area_text` names exactly (not the municipality's name in
    /// another case, which means the municipality), if any. Rows mostly name the areas in the
    /// monitor's order: the one after the last is tried before the name is hashed. Inline: once
    /// per row with an area.
    #[inline(always)]
    fn exact_peer(&mut self, indicator: usize, area_text: &str) -> Option<usize> {
        let after_last = self.last_area.map_or(0, |g| g + 1);
        let g = if self
            .lookup
            .area_names
            .get(after_last)
            .is_some_and(|name| same_text(name, area_text))
        {
            after_last
        } else {
            *self.lookup.areas.get(area_text)?
        };
        self.last_area = Some(g);
        (!self.lookup.like_municipality[g])
            .then(|| self.lookup.peer_of[indicator][g])
            .flatten()
    }

    /// `written` as a period, parsed once per run of rows that write it alike (a yearly file
    /// names one period on every row).
    #[inline]
    fn period_as_written(&mut self, written: &str) -> Result<Period, String> {
        if let Some((last, period)) = &self.last_period {
            if same_text(last, written) {
                return Ok(*period);
            }
        }
        self.new_period(written)
    }

    /// [`Self::period_as_written`] of a text other than the last.
    fn new_period(&mut self, written: &str) -> Result<Period, String> {
        let period = Period::parse_as_written(written)?;
        self.last_period = Some((written.to_string(), period));
        Ok(period)
    }

    /// The shared copy of a source (`which` 0) or note (1), as shown (see [`crate::visible`]).
    fn intern_cached(&mut self, which: usize, text: &str) -> Option<Arc<str>> {
        // An empty cell (most rows) is told by its length alone: comparing it with the empty
        // `String` kept here would hand memcmp that string's dangling pointer, and a masked
        // load from it costs a fault-suppression assist on some CPUs, a third of `check`.
        if text.is_empty() {
            return None;
        }
        if same_text(&self.last_texts[which].0, text) {
            return self.last_texts[which].1.clone();
        }
        let shared = self.intern(text);
        self.last_texts[which] = (text.to_string(), shared.clone());
        shared
    }

    /// The shared pair of `source` and `note` (interned texts): the last one again, mostly.
    fn remarks_of(
        &mut self,
        source: Option<Arc<str>>,
        note: Option<Arc<str>>,
    ) -> Option<&'static Remarks> {
        if source.is_none() && note.is_none() {
            return None;
        }
        let same = |a: &Option<Arc<str>>, b: &Option<Arc<str>>| match (a, b) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        if let Some(last) = self.last_remarks {
            if same(&last.source, &source) && same(&last.note, &note) {
                return Some(last);
            }
        }
        // This reader's pairs first: the process-wide ones are behind a lock.
        let wanted = Remarks { source, note };
        let shared = match self.remarks.get(&wanted) {
            Some(&known) => known,
            None => {
                let new = Remarks::shared(wanted.source, wanted.note)?;
                self.remarks.insert(new);
                new
            }
        };
        self.last_remarks = Some(shared);
        Some(shared)
    }

    /// The provenance of this file's rows with `remarks` and `illustrative`: the last row's
    /// again (most rows repeat the row before them), else this reader's, else the process's.
    #[inline(always)]
    fn provenance_of(
        &mut self,
        remarks: Option<&'static Remarks>,
        illustrative: bool,
    ) -> Option<&'static Provenance> {
        let same = |a: Option<&'static Remarks>| match (a, remarks) {
            (Some(a), Some(b)) => std::ptr::eq(a, b),
            (None, None) => true,
            _ => false,
        };
        if let Some(last) = self.last_provenance {
            if last.illustrative == illustrative && same(last.remarks) {
                return Some(last);
            }
        }
        self.new_provenance(remarks, illustrative)
    }

    /// [`Self::provenance_of`] other than the last row's; None when the run holds as many as
    /// the rows may have ([`Provenance::ROWS_COUNT`]).
    fn new_provenance(
        &mut self,
        remarks: Option<&'static Remarks>,
        illustrative: bool,
    ) -> Option<&'static Provenance> {
        let (origin, sheet) = (self.origin, self.sheet);
        let shared = match self.provenances.entry((remarks, illustrative)) {
            std::collections::hash_map::Entry::Occupied(e) => *e.get(),
            std::collections::hash_map::Entry::Vacant(e) => {
                *e.insert(Provenance::of_rows(origin, sheet, remarks, illustrative)?)
            }
        };
        self.last_provenance = Some(shared);
        Some(shared)
    }

    fn intern(&mut self, text: &str) -> Option<Arc<str>> {
        if text.is_empty() {
            return None;
        }
        let text = crate::visible::visible(text);
        let text = text.as_ref();
        if let Some(t) = self.texts.get(text) {
            return Some(t.clone());
        }
        let t: Arc<str> = Arc::from(text);
        self.texts.insert(t.clone());
        Some(t)
    }

    /// Reads one row; `at(column)` locates a cell.
    /// Remembers the header as the file writes it, so that messages name a field as the reader
    /// sees it in the file (`waarde`, `Periode`).
    pub(crate) fn set_headers<S: AsRef<str>>(&mut self, names: &[S], columns: &Columns) {
        for (c, position) in columns.positions().into_iter().enumerate() {
            if let Some(name) = position.and_then(|p| names.get(p)) {
                let name = name.as_ref().trim().trim_start_matches('\u{feff}');
                if !name.is_empty() {
                    self.headers[c] = Some(name.to_string());
                }
            }
        }
        let mut known = self
            .lookup
            .headers
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let place = (self.origin, self.sheet);
        known.retain(|(kept, _)| *kept != place);
        known.push((place, self.headers.clone()));
    }

    /// The rows from now on are those of worksheet `name` of a workbook: their observations
    /// name it (two sheets may each have a row 3), and its header is its own.
    pub(crate) fn start_sheet(&mut self, name: &str) {
        self.sheet = Some(crate::model::name(name));
        self.headers = Default::default();
        self.provenances.clear();
        self.last_provenance = None;
    }

    /// Reads one row of line `line`; `at(column)` locates a cell (called for messages only).
    pub fn row(&mut self, cells: &Cells, line: u64, at: impl Fn(u64) -> Location) {
        // Every cell as text once (trimmed): only a workbook's numbers and dates need a text
        // made for them.
        let made: Vec<(usize, String)> = (0..8)
            .filter(|&c| !matches!(cells[c].0, Cell::Text(_)))
            .map(|c| (c, cells[c].0.text().into_owned()))
            .collect();
        let mut texts = cells.map(|(cell, _)| match cell {
            Cell::Text(t) => trimmed(t),
            _ => "",
        });
        for (c, m) in &made {
            texts[*c] = m.as_str();
        }
        let row = RowCells {
            texts,
            period: cells[PERIOD].0,
            value: cells[VALUE].0,
            columns: cells.map(|(_, column)| column),
        };
        self.read_row(&row, line, at);
    }

    /// [`Self::row`] of a row of text (a CSV line): `written` is each logical column's text
    /// as written, `columns` its physical column (1-based, 0 where there is none). A national
    /// file's rows come this way, without an array of cells made and read back for each.
    pub(crate) fn text_row(
        &mut self,
        written: &[&str; 8],
        columns: &[u64; 8],
        line: u64,
        at: impl Fn(u64) -> Location,
    ) {
        let row = RowCells {
            texts: written.map(trimmed),
            period: Cell::Text(written[PERIOD]),
            value: Cell::Text(written[VALUE]),
            columns: *columns,
        };
        self.read_row(&row, line, at);
    }

    /// What [`Self::row`] and [`Self::text_row`] share: the observation or the field's error,
    /// and a full chunk handed on.
    #[inline(always)]
    fn read_row(&mut self, row: &RowCells, line: u64, at: impl Fn(u64) -> Location) {
        if let Err((c, message)) = self.observation_of(row, line, &at) {
            let field = at(row.columns[c]).with_field(column_name(&self.headers, c));
            self.error(field, message);
        }
        // Ambiguous numbers wait in place for the decimal mark; hand on only settled rows.
        if self.out.observations.len() >= CHUNK && self.pending.is_empty() {
            if let Some(sink) = self.sink {
                let full = std::mem::replace(&mut self.out.observations, sink.empty());
                sink.send(full);
            }
        }
    }

    /// Reads the observation of `row`, or says which of its fields is wrong and how.
    fn observation_of(
        &mut self,
        row: &RowCells,
        line: u64,
        at: &impl Fn(u64) -> Location,
    ) -> Result<(), (usize, String)> {
        let text = |c: usize| -> &str { row.texts[c] };
        // Names as ontrack's own CSV and template write them back: `'-x` is `-x` (the quote
        // keeps a spreadsheet from taking it for a formula).
        let name = |c: usize| unneutralised(text(c));
        let id = name(INDICATOR);
        if id.is_empty() {
            if (0..8).all(|c| text(c).is_empty()) {
                return Ok(()); // a blank row
            }
            return Err((
                INDICATOR,
                "found an empty indicator id, expected an id from indicators.toml".into(),
            ));
        }
        let Some(origin_line) = (line <= crate::model::MAX_LINE)
            .then(|| u32::try_from(line).ok())
            .flatten()
        else {
            return Err((
                INDICATOR,
                format!(
                    "this is line {line} of the file; expected at most {} lines in one file (split it, one file per year)",
                    crate::model::MAX_LINE
                ),
            ));
        };
        let indicator = match &self.last_id {
            Some((last, i)) if same_text(last, id) => *i,
            _ => {
                match self
                    .lookup
                    .ids
                    .get(id)
                    .copied()
                    .or_else(|| self.lookup.id_ignoring_case(id))
                {
                    Some(i) => {
                        self.last_id = Some((id.to_string(), i));
                        i
                    }
                    None => {
                        let hint = did_you_mean(id, self.lookup.ids.keys().copied());
                        return Err((
                        INDICATOR,
                        format!("unknown indicator `{id}`, expected an id from indicators.toml{hint}"),
                    ));
                    }
                }
            }
        };
        if !self.lookup.reads(indicator) {
            self.note_other(text(PERIOD), text(VALUE));
            return Ok(());
        }
        let monitor = self.lookup.monitor;
        let ind = &monitor.indicators[indicator];

        let series_text = name(SERIES);
        let series = match (series_text.is_empty(), ind.series.is_empty()) {
            (true, true) => None,
            (false, true) => {
                return Err((
                    SERIES,
                    format!("indicator `{id}` has no series, found series `{series_text}`; leave it empty"),
                ))
            }
            // Rows come grouped by series: the last one found is compared first, without
            // hashing the text.
            (_, false) => match self
                .last_series
                .filter(|&(i, s)| i == indicator && same_text(&ind.series[s].id, series_text))
                .map(|(_, s)| s)
                .or_else(|| self.lookup.series[indicator].get(series_text).copied())
                .or_else(|| {
                    // As people write it: the label (`W-migranten`) or the id in another case.
                    unique(ind.series.iter().enumerate().filter(|(_, s)| {
                        s.id.eq_ignore_ascii_case(series_text)
                            || same_name(&s.label, series_text)
                    }))
                    .map(|(i, _)| i)
                }) {
                Some(s) => {
                    self.last_series = Some((indicator, s));
                    Some(s)
                }
                None => {
                    return Err((
                        SERIES,
                        format!(
                            "found series `{series_text}`, expected one of indicator `{id}`'s series: {}",
                            ind.series.iter().map(|s| format!("{} ({})", s.id, s.label)).collect::<Vec<_>>().join(", ")
                        ),
                    ))
                }
            },
        };
        let area_text = name(AREA);
        // A peer named exactly is found first (the common case, without comparing case), unless
        // its name is the municipality's but for case: that name means the municipality. Looked
        // up only for a named area (an empty key would be compared through a dangling pointer).
        let area = if area_text.is_empty() || same_text(area_text, &monitor.municipality) {
            None
        } else if let Some(peer) = self.exact_peer(indicator, area_text) {
            Some(peer)
        } else if same_name(area_text, &monitor.municipality) {
            None
        } else {
            // As people write it: another case, surrounding spaces.
            let written = ind
                .peers
                .iter()
                .enumerate()
                .filter(|(_, p)| same_name(p, area_text));
            match unique(written).map(|(i, _)| i) {
                Some(p) => Some(p),
                None => {
                    let mut expected = vec![monitor.municipality.as_str()];
                    expected.extend(ind.peers.iter().take(8).map(String::as_str));
                    let more = if ind.peers.len() > 8 { ", ..." } else { "" };
                    return Err((
                        AREA,
                        format!(
                            "found area `{area_text}`, expected one of indicator `{id}`'s areas: {}{more} (or empty for {})",
                            expected.join(", "),
                            monitor.municipality
                        ),
                    ));
                }
            }
        };
        let period = match row.period {
            Cell::Number(n) if n.fract() == 0.0 && (1000.0..=9999.0).contains(&n) => {
                Period::year_only(n as i32)
            }
            // A date cell means its month or its year, as the indicator is measured.
            Cell::Date(y, m, _) => {
                // Checked before it is held: a period keeps a year of four digits at most.
                if let Some(message) = super::indicators::year_out_of_range(y, monitor.valid_years)
                {
                    return Err((PERIOD, message));
                }
                let like = ind.baselines.first().map(|b| b.period);
                Period::from_date(y, m, like.as_ref()).ok_or_else(|| {
                    (
                        PERIOD,
                        format!(
                            "found the date {}, but indicator `{id}` is measured per school year; expected the school year as text, such as {}/{}",
                            text(PERIOD),
                            y - 1,
                            y
                        ),
                    )
                })?
            }
            _ => self
                .period_as_written(text(PERIOD))
                .map_err(|m| (PERIOD, m))?,
        };
        if let Some(message) =
            super::indicators::year_out_of_range(period.year(), monitor.valid_years)
        {
            return Err((PERIOD, message));
        }
        if let Some(year) = self.file_year {
            // A later period in a year's file is a typo (2202 for 2022), never data yet to come.
            if period.year() > year {
                return Err((
                    PERIOD,
                    format!(
                        "found period {period} in the file for {year}; expected a period of {year} (or an earlier one)"
                    ),
                ));
            }
        }
        let flag = text(ILLUSTRATIVE);
        let is = |words: &[&str]| words.iter().any(|w| flag.eq_ignore_ascii_case(w));
        let illustrative = match flag {
            // The words ontrack's own files write, told without comparing case.
            "" | "false" => false,
            "true" => true,
            _ if is(&FALSE_WORDS) => false,
            _ if is(&TRUE_WORDS) => true,
            _ => {
                let other = flag.to_string();
                return Err((
                    ILLUSTRATIVE,
                    format!(
                        "found `{other}`, expected one of {} (made up) or {} (a measurement), or empty",
                        TRUE_WORDS.join(", "),
                        FALSE_WORDS[1..].join(", ")
                    ),
                ));
            }
        };
        let reading = match row.value {
            Cell::Number(v) => Reading {
                value: v,
                percent: false,
                tells: None,
                if_comma: None,
            },
            // What the cell shows, 87 %, is the value; a share reads it, anything else refuses
            // a percentage below.
            Cell::Percent(v) => Reading {
                value: percent_of(v),
                percent: true,
                tells: None,
                if_comma: None,
            },
            Cell::Date(..) => {
                return Err((
                    VALUE,
                    format!(
                        "found the date {}; expected a number (in Excel: give the cell a number format)",
                        text(VALUE)
                    ),
                ))
            }
            Cell::Text(t) => match number::read(t, self.mark) {
                Ok(None) => return Ok(()), // a missing value
                Ok(Some(r)) => r,
                // Where the decimal mark came from matters only to a number that is fine
                // under the other mark; `circa 4080` is no number under either.
                Err(m) if number::read(t, None).is_ok() => {
                    return Err((VALUE, self.explain_mark(m)))
                }
                Err(m) => return Err((VALUE, m)),
            },
        };
        if let Some(told) = reading.tells {
            self.mark = Some(told);
            self.mark_from = Some((line, text(VALUE).to_string()));
            self.settle_pending();
        }
        let kind = self.lookup.kinds[indicator];
        if reading.percent && kind != Kind::Share {
            return Err((
                VALUE,
                format!(
                    "found `{}`, a percentage, but indicator `{id}` is measured in `{}`; expected a plain number",
                    text(VALUE),
                    ind.unit
                ),
            ));
        }
        if let Some(expected) = kind.implausible(reading.value) {
            return Err((
                VALUE,
                format!(
                    "found {} for indicator `{id}` ({}), expected {expected}",
                    reading.value, ind.unit
                ),
            ));
        }
        if let Some(year) = self.file_year {
            if !period.covers(year) {
                self.other_years.0 += 1;
                if self.other_years.1.is_none() {
                    // Named now, as this row's header (a workbook's sheets each have their own).
                    let field = column_name(&self.headers, PERIOD);
                    self.other_years.1 = Some((at(row.columns[PERIOD]).with_field(field), period));
                }
            }
        }
        if illustrative {
            self.illustrative.0 += 1;
            // Not `get_or_insert_with`: it was a call on every illustrative row.
            if self.illustrative.1.is_none() {
                self.illustrative.1 = Some(at(row.columns[ILLUSTRATIVE]));
            }
        }
        for c in [SOURCE, NOTE] {
            // A character is at least a byte: only a long text needs counting.
            let n = text(c).len();
            let n = if n > super::indicators::MAX_TEXT {
                text(c).chars().count()
            } else {
                n
            };
            if n > super::indicators::MAX_TEXT {
                return Err((
                    c,
                    format!(
                        "found a text of {n} characters; expected at most {}",
                        super::indicators::MAX_TEXT
                    ),
                ));
            }
        }
        // Most rows have neither: told here, without a call for each.
        let remarks = match (text(SOURCE), text(NOTE)) {
            ("", "") => None,
            (source, note) => {
                let source = self.intern_cached(0, source);
                let note = self.intern_cached(1, note);
                self.remarks_of(source, note)
            }
        };
        let slot = self.lookup.slot(SeriesKey {
            indicator,
            series,
            area,
        });
        if let Some(if_comma) = reading.if_comma {
            self.pending.push((
                self.out.observations.len(),
                if_comma,
                at(row.columns[VALUE]).with_field(column_name(&self.headers, VALUE)),
                text(VALUE).to_string(),
            ));
        }
        let Some(provenance) = self.provenance_of(remarks, illustrative) else {
            return Err((
                if remarks.is_some_and(|r| r.note.is_some()) { NOTE } else { SOURCE },
                format!(
                    "this row's file, source, note and illustrative flag make one combination too many: the files may give at most {} distinct ones; expected a source and note shared by many rows (a note that differs on every row of a national file is too many)",
                    Provenance::ROWS_COUNT
                ),
            ));
        };
        self.out.observations.push((
            slot,
            Observation::new(period, reading.value, provenance, origin_line),
        ));
        Ok(())
    }

    /// Adds where the file's decimal mark came from to a message about a number.
    fn explain_mark(&self, message: String) -> String {
        match (&self.mark_from, self.dialect.decimal) {
            (_, Some(_)) => format!("{message}; indicators.toml states the decimal mark"),
            (Some((line, text)), None) => {
                format!("{message}; line {line} (`{text}`) showed the file's decimal mark")
            }
            (None, None) => message,
        }
    }

    /// Once the mark is known, ambiguous numbers read so far take their value under it.
    fn settle_pending(&mut self) {
        if self.mark == Some(DecimalMark::Comma) {
            for (index, if_comma, at, text) in std::mem::take(&mut self.pending) {
                let obs = &mut self.out.observations[index].1;
                obs.value = if_comma;
                let indicator = self.lookup.key(self.out.observations[index].0).indicator;
                if let Some(expected) = self.lookup.kinds[indicator].implausible(if_comma) {
                    self.error(
                        at,
                        format!("found `{text}` = {if_comma} with the file's decimal comma, expected {expected}"),
                    );
                }
            }
        }
        self.pending.clear();
    }

    /// The file-level findings, once all rows are read.
    pub fn finish(mut self) -> FileRead {
        if let Some((_, at, text)) = self
            .pending
            .first()
            .map(|p| (p.0, p.2.clone(), p.3.clone()))
        {
            let more = self.pending.len() - 1;
            let others = if more > 0 {
                format!(" (and {more} more like it)")
            } else {
                String::new()
            };
            self.out.diagnostics.push(Diagnostic::error(
                at,
                format!(
                    "found `{text}`{others}, which reads as {} with a decimal point and as {} with a decimal comma, and no number in the file tells which; state it in indicators.toml: [measurements.file.\"{}\"] decimal = \"comma\" (or \"point\")",
                    self.out.observations[self.pending[0].0].1.value,
                    self.pending[0].1,
                    self.path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()
                ),
            ));
            // An ambiguous number is never used.
            let drop: HashSet<usize> = self.pending.iter().map(|p| p.0).collect();
            let mut i = 0;
            self.out.observations.retain(|_| {
                i += 1;
                !drop.contains(&(i - 1))
            });
        }
        if let (n, Some(at)) = self.illustrative {
            self.out.diagnostics.push(Diagnostic::warning(
                at,
                format!("{n} observation{} in this file {} marked illustrative: made-up data, not measurements", if n == 1 { "" } else { "s" }, if n == 1 { "is" } else { "are" }),
            ));
        }
        if let (n, Some((at, period))) = &self.other_years {
            let year = self.file_year.unwrap_or_default();
            let more = if *n > 1 {
                let s = if *n == 2 { "" } else { "s" };
                format!(" (and {} more row{s} of other years)", n - 1)
            } else {
                String::new()
            };
            self.out.diagnostics.push(Diagnostic::warning(
                at.clone(),
                format!("found period {period} in the file for {year}{more}; expected periods of {year} in it"),
            ));
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trimmed_is_trim_for_every_end() {
        // Each byte of ASCII and some non-ASCII white space and letters at either end.
        let mut ends: Vec<String> = (0u8..0x80).map(|b| char::from(b).to_string()).collect();
        ends.extend(["\u{a0}", "\u{85}", "\u{3000}", "\u{2009}", "é", "€"].map(String::from));
        ends.push(String::new());
        for a in &ends {
            for z in &ends {
                for middle in ["", "x", " ", "a b"] {
                    let text = format!("{a}{middle}{z}");
                    assert_eq!(trimmed(&text), text.trim(), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn same_text_is_equality_at_every_length_and_every_place() {
        // Every length through the word-sized cases and past them, with one byte changed at
        // each place (the first, the middle and the last are what the short cases read), a
        // length differing by one, and non-ASCII text.
        for n in 0..=40 {
            let text: String = (0..n).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
            assert!(same_text(&text, &text.clone()), "{n}");
            for at in 0..n {
                let mut other = text.clone().into_bytes();
                other[at] = b'Z';
                let other = String::from_utf8(other).unwrap();
                assert!(!same_text(&text, &other), "{text} {other}");
                assert!(!same_text(&other, &text), "{other} {text}");
            }
            let longer = format!("{text}a");
            assert!(!same_text(&text, &longer) && !same_text(&longer, &text));
        }
        assert!(same_text("gemeente-één", "gemeente-één"));
        assert!(!same_text("gemeente-één", "gemeente-eén"));
    }

    /// The bundled monitor's indicators.toml, parsed.
    fn bundled_monitor() -> Monitor {
        crate::load::indicators::parse(
            Path::new("indicators.toml"),
            include_str!("../../indicators.toml"),
        )
        .unwrap()
    }

    /// A slot's key found by stepping on from an earlier indicator is the one the search
    /// finds, every slot from every indicator at or before its own, and each key's slot is
    /// the slot again.
    #[test]
    fn a_key_stepped_to_is_the_key_searched_for() {
        let monitor = bundled_monitor();
        let lookup = Lookup::new(&monitor);
        for slot in 0..lookup.slots() {
            let key = lookup.key(slot);
            assert_eq!(lookup.slot(key), slot);
            for from in 0..=key.indicator {
                assert_eq!(lookup.key_from(from, slot), key, "slot {slot} from {from}");
            }
        }
    }

    #[test]
    fn a_line_past_what_an_observation_holds_is_refused_not_wrapped() {
        let monitor = bundled_monitor();
        let lookup = Lookup::new(&monitor);
        let path = Path::new("2020.csv");
        let mut reader = RowReader::new(path, &lookup, Dialect::default());
        let mut cells: Cells = [(Cell::Text(""), 0); 8];
        cells[INDICATOR] = (Cell::Text("vsv"), 1);
        cells[PERIOD] = (Cell::Text("2019/2020"), 4);
        cells[VALUE] = (Cell::Text("1.6"), 5);
        reader.row(&cells, crate::model::MAX_LINE, |c| {
            Location::at(path, crate::model::MAX_LINE, Some(c))
        });
        cells[PERIOD] = (Cell::Text("2020/2021"), 4);
        let past = crate::model::MAX_LINE + 1;
        reader.row(&cells, past, |c| Location::at(path, past, Some(c)));
        let read = reader.finish();
        let lines: Vec<u64> = read
            .observations
            .iter()
            .map(|(_, o)| u64::from(o.line()))
            .collect();
        assert_eq!(
            lines,
            [crate::model::MAX_LINE],
            "the last line that fits is kept as it is"
        );
        let errors: Vec<String> = read.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].contains("33554432")
                && errors[0].contains("expected at most 33554431 lines in one file"),
            "{errors:?}"
        );
    }

    /// What reading `bytes` gives the fast way and the general way, as text.
    fn both_ways(bytes: &[u8]) -> [String; 2] {
        let monitor = bundled_monitor();
        let lookup = Lookup::new(&monitor);
        [Way::Fast, Way::General].map(|way| {
            let path = Path::new("2020.csv");
            let mut reader = RowReader::new(path, &lookup, Dialect::default());
            if let Err(d) = read_stream(path, bytes, &mut reader, way) {
                reader.out.diagnostics.push(*d);
            }
            let read = reader.finish();
            format!("{:#?}\n{:#?}", read.observations, read.diagnostics)
        })
    }

    /// Lines of every kind the two ways must agree on: rows, quoted fields (across lines too),
    /// CRLF and lone CR ends, blank and white lines, a wrong number of fields, bytes that are
    /// not UTF-8 in a column read and in one that is not, a row with an error.
    const LINES: [&[u8]; 16] = [
        b"vsv,,,2020/2021,1.5,false,,\n",
        b"startkwalificatie,westers,,2020,71,true,src,\r\n",
        b"discriminatie-meldingen,,Schiedam,2020,9,,,\n",
        b"discriminatie-meldingen,,\"Vlaardingen\",2020,\"7,5\",,,\n",
        b"vsv,,,2019/2020,1.6,false,\"a\nb\",note\n",
        b"vsv,,,2020/2021,1.7,false,,\r",
        b"\n",
        b"\r\n",
        b" , ,\t\n",
        b"vsv,,,2020\n",
        b"vsv,,,2020/2021,1.8,false,caf\xe9,\n",
        b"vsv,,,2020/2021,1\xff,false,,\n",
        b"unknown,,,2020,1,,,\n",
        b"vsv,,,2020/2021,\"\"\"1\",,,\n",
        b"vve-deelname,,,2020,88,ja,bron \xe2\x82\xac,\n",
        b"vsv,,,2020/2021,1,,\"open\n",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn the_fast_way_reads_every_file_as_the_general_way(
            bom: bool,
            quoted_header: bool,
            picks in proptest::collection::vec(0..LINES.len(), 0..24),
        ) {
            let mut bytes = Vec::new();
            if bom {
                bytes.extend_from_slice(b"\xEF\xBB\xBF");
            }
            bytes.extend_from_slice(if quoted_header {
                b"\"indicator\",series,area,period,value,illustrative,source,note\n".as_slice()
            } else {
                b"indicator,series,area,period,value,illustrative,source,note\n".as_slice()
            });
            for p in picks {
                bytes.extend_from_slice(LINES[p]);
            }
            let [fast, general] = both_ways(&bytes);
            proptest::prop_assert_eq!(fast, general, "{}", String::from_utf8_lossy(&bytes));
        }
    }

    #[test]
    fn the_two_ways_are_compared_on_what_differs() {
        // A row after blank lines is on its own line, whichever way reads it.
        let text = b"indicator,series,area,period,value,illustrative,source,note\nvsv,,,2020/2021,1.5,,,\n\nvsv,,,2019/2020,\"1.6\",,,\n\n\nvsv,,,2020/2021,abc,,,\n";
        let [fast, general] = both_ways(text);
        assert_eq!(fast, general);
        // The csv crate alone would say 3 and 5: the first blank line before each.
        assert!(fast.contains("line: 4,"), "{fast}");
        assert!(fast.contains("line: Some(\n                7,"), "{fast}");
    }

    #[test]
    fn header_names_match_in_english_and_dutch() {
        let c = Columns::find(&[" Indicator", "PERIODE", "waarde ", "Bron"]).unwrap();
        assert_eq!(c.0[INDICATOR], Some(0));
        assert_eq!(c.0[VALUE], Some(2));
        assert_eq!(c.0[SOURCE], Some(3));
        let e = Columns::find(&["indicator", "value"]).unwrap_err();
        assert!(e.contains("no `period`/`periode` column"), "{e}");
    }
}
