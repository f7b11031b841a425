//! Loading a monitor folder: `indicators.toml` (see [`indicators`]) and the measurement files in
//! `measurements/` (see [`measurements`], [`workbook`], [`text`], [`number`]), checked against
//! each other. Every problem found is collected (see [`crate::diagnostic`]); [`check`] returns
//! all of them, [`load`] fails when any is an error.
//!
//! Files are read in parallel, one file per thread, and each observation goes straight into the
//! slot of its series, so memory follows the number of observations kept, not the size of the
//! files. Findings across files:
//! - the same series and period twice: an identical value is a warning, a different one an error
//!   naming both places;
//! - a measurement at a baseline's period that disagrees with indicators.toml: an error;
//! - an observation older than its series' baseline: a warning;
//! - an observation in the baseline's year written as another kind of period (`2016` beside a
//!   baseline for `2016/2017`): a warning, and it is not used (the baseline is the base);
//! - a year between an indicator's first value and the latest year with data in which it has
//!   no observation: a warning.

pub mod indicators;
pub mod measurements;
pub mod number;
pub mod plain;
pub mod text;
pub mod workbook;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::error::{Error, Location, Result};
use crate::model::{Monitor, Observation, Series};
use measurements::{FileRead, Lookup, RowReader};
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Everything read from a monitor folder.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub monitor: Monitor,
    /// Every series with at least one observation, in key order; observations by period.
    pub series: Vec<Series>,
    /// The years of the observations in `series`, each with its latest period and whether a
    /// value is illustrative, of `series` as loaded (noted as they were checked: the series
    /// are not gone through again to find them).
    pub values_by_year: ValuesByYear,
    /// The files that were read, for refusing to write over them.
    pub inputs: Vec<PathBuf>,
    /// The warnings found while loading.
    pub warnings: Diagnostics,
    /// When only some indicators were read ([`load_only`]): the years of the values of the
    /// others, which still decide the report year.
    pub years_of_others: Vec<i32>,
}

/// What checking a monitor folder found.
pub struct Checked {
    /// The data, when there was no error.
    pub dataset: Option<Dataset>,
    pub diagnostics: Diagnostics,
    /// How many files were checked.
    pub files: usize,
}

/// Reads `indicators` and every measurement file in `measurements`; fails with all errors found.
pub fn load(indicators: &Path, measurements: &Path) -> Result<Dataset> {
    let checked = check(indicators, measurements);
    match checked.dataset {
        Some(d) => Ok(d),
        None => Err(Error::Invalid(checked.diagnostics.list)),
    }
}

/// [`load`] reading only the rows of the indicators `ids` (`show` of one indicator in a
/// national monitor): every file is scanned, but another indicator's row is passed over on
/// its id and noted only for the year of its value. Its problems are not looked for.
pub fn load_only(indicators: &Path, measurements: &Path, ids: &[String]) -> Result<Dataset> {
    let checked = check_only(indicators, measurements, Some(ids));
    match checked.dataset {
        Some(d) => Ok(d),
        None => Err(Error::Invalid(checked.diagnostics.list)),
    }
}

/// Reads and checks everything, collecting every problem.
pub fn check(indicators: &Path, measurements: &Path) -> Checked {
    check_only(indicators, measurements, None)
}

fn check_only(indicators: &Path, measurements: &Path, only: Option<&[String]>) -> Checked {
    let mut diagnostics = Diagnostics::default();
    let monitor = match indicators::load(indicators) {
        Ok(m) => m,
        Err(e) => {
            diagnostics.extend(Vec::from(e));
            diagnostics.sort();
            return Checked {
                dataset: None,
                diagnostics,
                files: 1,
            };
        }
    };
    let files = if measurements.is_dir() {
        match measurements::files_in(measurements) {
            Ok((files, notes)) => {
                diagnostics.extend(notes);
                files
            }
            Err(e) => {
                diagnostics.extend(Vec::from(e));
                Vec::new()
            }
        }
    } else {
        diagnostics.push(Diagnostic::error(
            Location::file(measurements),
            if measurements.exists() {
                "is not a folder; expected the folder of measurement files"
            } else {
                "no such folder; expected a folder of yearly measurement files"
            },
        ));
        Vec::new()
    };
    let made_up: Vec<u64> = monitor
        .indicators
        .iter()
        .flat_map(|i| {
            i.baselines
                .iter()
                .filter(|b| b.illustrative)
                .map(|b| b.line)
        })
        .collect();
    if let Some(&line) = made_up.iter().min() {
        let n = made_up.len();
        diagnostics.push(Diagnostic::warning(
            Location::at(indicators, line, None),
            format!(
                "{n} baseline{} in this file {} marked illustrative: made-up values, not measurements",
                if n == 1 { "" } else { "s" },
                if n == 1 { "is" } else { "are" }
            ),
        ));
    }
    for (name, (_, line)) in &monitor.measurements.files {
        if !files
            .iter()
            .any(|f| f.file_name().is_some_and(|n| n == name.as_str()))
        {
            diagnostics.push(Diagnostic::warning(
                Location::at(indicators, *line, None),
                format!(
                    "[measurements.file.\"{name}\"] names no file in {}",
                    measurements.display()
                ),
            ));
        }
    }

    // Observations name their file relative to the monitor folder, so that the same monitor in
    // two folders (a CI runner's checkout, a laptop) gives the same JSON and the same PDF.
    let mut lookup = Lookup::new(&monitor);
    lookup.origins_relative_to(monitor_folder(indicators));
    lookup.only(only);
    let mut years_of_others = BTreeSet::new();
    let (series, repeats) = read_all(
        &files,
        &lookup,
        &monitor,
        &mut diagnostics,
        &mut years_of_others,
    );
    let (series, values_by_year) =
        check_series(series, repeats, &lookup, indicators, &mut diagnostics);
    check_missing_years(
        &monitor,
        &series,
        values_by_year.to_vec().last().copied(),
        &lookup,
        indicators,
        &mut diagnostics,
    );
    diagnostics.sort();

    // Every file looked at: the ones read and the ones a finding names (a file skipped with a
    // warning was looked at too), so that "in N files" never exceeds "N files checked".
    let count = {
        let mut looked: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
        looked.push(indicators);
        looked.extend(diagnostics.list.iter().map(|d| d.at.file.as_path()));
        looked.sort();
        looked.dedup();
        looked.len()
    };
    if diagnostics.errors() > 0 {
        return Checked {
            dataset: None,
            diagnostics,
            files: count,
        };
    }
    let mut inputs = vec![indicators.to_path_buf()];
    inputs.extend(files);
    Checked {
        dataset: Some(Dataset {
            monitor,
            series,
            values_by_year,
            inputs,
            warnings: diagnostics.clone(),
            years_of_others: years_of_others.into_iter().collect(),
        }),
        diagnostics,
        files: count,
    }
}

/// Reads the files on as many threads as pay (one file at a time each), putting every
/// observation into its series' slot as chunks are read ([`Merged::merge`]). The repeats of a
/// series and period are settled when a series' room is full and when it is checked
/// ([`check_series`]): a series never takes more room than one value per file or twice its
/// distinct values, however often a file repeats one. Gives the slots and the repeats settled
/// so far.
///
/// Each reader merges its own chunks, while they are still in its cache, taking turns at the
/// slots: a chunk whose turn is not free is kept (a few at most) and merged with the next. A
/// thread of its own for merging was the busiest of all (national `check`: 36 % of the samples
/// against 28 % for each reader), reading every chunk from the other cores' caches.
fn read_all(
    files: &[PathBuf],
    lookup: &Lookup,
    monitor: &Monitor,
    diagnostics: &mut Diagnostics,
    years_of_others: &mut BTreeSet<i32>,
) -> (Vec<Vec<Observation>>, Repeats) {
    let mut slots: Vec<Vec<Observation>> = Vec::new();
    slots.resize_with(lookup.slots(), Vec::new);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, files.len().max(1));
    let next = AtomicUsize::new(0);
    let bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let what = match crate::messages::language() {
        crate::i18n::Lang::En => "reading measurements",
        crate::i18n::Lang::Nl => "metingen lezen",
    };
    let bar = crate::progress_bar::for_files(files.len() as u64, bytes, what);
    let heap = heap_for(bytes, lookup, threads);
    let merged = Mutex::new(Merged {
        slots,
        repeats: Repeats::default(),
        files: files.len().max(1),
    });
    let reads: Vec<Vec<FileRead>> = std::thread::scope(|scope| {
        let readers: Vec<_> = (0..threads)
            .map(|_| {
                let (next, merged, bar) = (&next, &merged, &bar);
                scope.spawn(move || {
                    grow_heap_once(heap);
                    let sink = Chunks {
                        merged,
                        lookup,
                        held: RefCell::new(Vec::new()),
                        spare: RefCell::new(Vec::new()),
                    };
                    let mut reads = Vec::new();
                    while let Some(file) = files.get(next.fetch_add(1, Ordering::Relaxed)) {
                        let name = file.file_name().map(|n| n.to_string_lossy().to_string());
                        let dialect = monitor
                            .measurements
                            .dialect_of(name.as_deref().unwrap_or(""));
                        let mut read = read_file(file, lookup, dialect, Some(&sink));
                        sink.hold(std::mem::take(&mut read.observations));
                        sink.merge(true);
                        if let Some(bar) = bar {
                            bar.inc(1);
                        }
                        reads.push(read);
                    }
                    reads
                })
            })
            .collect();
        readers
            .into_iter()
            .map(|r| r.join().expect("a reading thread does not panic"))
            .collect()
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    for read in reads.into_iter().flatten() {
        diagnostics.extend(read.diagnostics);
        years_of_others.extend(read.years_of_others);
    }
    let Merged { slots, repeats, .. } = merged.into_inner().unwrap_or_else(|e| e.into_inner());
    (slots, repeats)
}

/// About how many bytes each of `threads` readers will allocate for files of `bytes` in all:
/// a series' room holds a value per file, so all of them together about one value per row,
/// rows taken at 40 bytes (a national file's are 37), for the share of the indicators read;
/// and half as much again for the rest (chunks, texts, the rooms of series with more values).
fn heap_for(bytes: u64, lookup: &Lookup, threads: usize) -> usize {
    let indicators = lookup.monitor.indicators.len().max(1);
    let read = (0..indicators).filter(|&i| lookup.reads(i)).count();
    let rows = bytes / 40 * read as u64 / indicators as u64;
    let all = rows.saturating_mul(std::mem::size_of::<Observation>() as u64 * 3 / 2);
    usize::try_from(all / threads.max(1) as u64).unwrap_or(usize::MAX)
}

/// Grows this thread's heap to about `bytes` (at most `HEAP`, 56 MiB) in blocks and gives it back,
/// before the thread makes the rooms of its series: a heap that has grown once stays
/// writable.
///
/// glibc gives each thread a heap of its own and makes it writable a page at a time as it
/// grows, with a system call for each page that changes the process's map of its memory:
/// 22,657 calls in national `check` as the 188,000 series got their room, while the other
/// reader faulted in pages of the same map. Grown in 96 KiB blocks first, 1,209 calls:
/// `check` 0.31 -> 0.28 s (medians of 21, alternating the builds), the peak the same (the
/// blocks are given back before the series take the room). A setting of glibc's (`M_TOP_PAD`
/// of 64 MiB) does the same, but it keeps up to that much freed memory for later (peaks
/// 6 MiB higher), and setting it from inside takes `unsafe`. With another allocator this is a
/// few hundred blocks taken and given back, a millisecond at most, and only when there is
/// much to read.
///
/// Tried and left out: asking for huge pages for this heap (`madvise(MADV_HUGEPAGE)`, the
/// faults 32,100 -> 9,800). Run right after another, national `compare --format json` went
/// 0.33 -> 0.30 s; but run after a pause, as a person or a CI job runs it, 0.36 -> 0.45 s,
/// twice the system time clearing pages: on a virtual machine that hands free memory back to
/// its host (virtio-balloon's free page reporting, which reports whole 2 MiB blocks), a huge
/// page is mostly one the host must give again.
fn grow_heap_once(bytes: usize) {
    /// Under 128 KiB, glibc's least size for an allocation mapped on its own (which would not
    /// grow the heap).
    const BLOCK: usize = 96 * 1024;
    /// The most a thread's heap holds in glibc (on 64-bit machines): past it a new one is
    /// started, and a heap given back whole is unmapped.
    const HEAP: usize = 56 * 1024 * 1024;
    let blocks = bytes.min(HEAP) / BLOCK;
    if blocks < 16 {
        return; // a small monitor: not worth a system call
    }
    let grown: Vec<Vec<u8>> = (0..blocks).map(|_| Vec::with_capacity(BLOCK)).collect();
    // Taken and given back unused: kept from being optimised away.
    drop(std::hint::black_box(grown));
}

/// The slots and what merging found so far: one reader at a time merges into them.
struct Merged {
    slots: Vec<Vec<Observation>>,
    repeats: Repeats,
    /// How many files are read: the expected length of a series.
    files: usize,
}

/// A reader thread's sink: merges its chunks into the slots when their turn is free, and
/// keeps the emptied chunks to fill again (so that they are neither grown nor faulted in anew).
struct Chunks<'a> {
    merged: &'a Mutex<Merged>,
    lookup: &'a Lookup<'a>,
    /// Chunks waiting for their turn, oldest first.
    held: RefCell<Vec<Vec<measurements::Read1>>>,
    spare: RefCell<Vec<Vec<measurements::Read1>>>,
}

impl Chunks<'_> {
    /// At most this many chunks wait for their turn: then the reader waits for it.
    const HELD: usize = 4;

    fn hold(&self, chunk: Vec<measurements::Read1>) {
        if !chunk.is_empty() {
            self.held.borrow_mut().push(chunk);
        }
    }

    /// Merges the chunks held, waiting for the turn when `wait` (or when too many are held),
    /// else only if it is free.
    fn merge(&self, wait: bool) {
        let mut held = self.held.borrow_mut();
        if held.is_empty() {
            return;
        }
        let mut merged = if wait || held.len() >= Self::HELD {
            self.merged.lock().unwrap_or_else(|e| e.into_inner())
        } else {
            match self.merged.try_lock() {
                Ok(m) => m,
                Err(std::sync::TryLockError::Poisoned(e)) => e.into_inner(),
                Err(std::sync::TryLockError::WouldBlock) => return,
            }
        };
        let mut spare = self.spare.borrow_mut();
        for mut rows in held.drain(..) {
            merged.merge(&mut rows, self.lookup);
            spare.push(rows);
        }
    }
}

impl measurements::Sink for Chunks<'_> {
    fn send(&self, chunk: Vec<measurements::Read1>) {
        self.hold(chunk);
        self.merge(false);
    }

    fn empty(&self) -> Vec<measurements::Read1> {
        let spare = self.spare.borrow_mut().pop();
        spare.unwrap_or_else(|| Vec::with_capacity(measurements::CHUNK))
    }
}

impl Merged {
    /// Appends every observation of `rows` to its series, as it comes: files read two at a time
    /// hand on their chunks in turn, so a series' values may arrive out of period order, and
    /// they are put in order later ([`Repeats::settle`]). A series is given room for one value
    /// per file at its first; when that room is full, its repeats are settled before it grows,
    /// so that memory holds distinct observations, however often a file repeats one.
    ///
    /// Appending alone, rather than finding each value's place by period on arrival (half of
    /// them arrive after a later year read on the other thread), took national `check` from
    /// 0.294 to 0.274 s: a value's place was looked for in the series' memory, a cache miss.
    ///
    /// That miss is still the cost of merging (a series' place is written once per file, long
    /// after the last time): the place of the value [`Self::AHEAD`] rows on is asked for ahead
    /// ([`prefetch`]), so that several are on their way at once.
    fn merge(&mut self, rows: &mut Vec<measurements::Read1>, lookup: &Lookup) {
        // By index, not draining: a drained value went through the stack on its way, two more
        // stores waiting behind the ones that miss (national `check` 0.276 -> 0.261 s, and with
        // the prefetch 0.243 s; medians of 11, alternating).
        for at in 0..rows.len() {
            if let Some(&(later, _)) = rows.get(at + Self::AHEAD) {
                if let Some(place) = self.slots[later].spare_capacity_mut().first() {
                    prefetch(place);
                }
            }
            let (slot, ref obs) = rows[at];
            let series = &mut self.slots[slot];
            if series.len() == series.capacity() {
                if series.capacity() == 0 {
                    // Most series have one value per yearly file: room for that many at once,
                    // rather than doubling (and wasting up to half) as values arrive.
                    series.reserve_exact(self.files);
                } else {
                    self.repeats.settle(series, slot, lookup);
                }
            }
            series.push(obs.clone());
        }
        rows.clear();
    }

    /// How many rows ahead a series' place is asked for (16, 32 and 64 measured alike).
    const AHEAD: usize = 32;
}

/// Asks the processor to bring the cache line of `place` in before it is written: a hint,
/// which changes nothing the program does. Left out where the target has none.
#[inline(always)]
fn prefetch<T>(place: &T) {
    #[cfg(target_arch = "x86_64")]
    safe_arch::prefetch_t0(place);
    #[cfg(not(target_arch = "x86_64"))]
    let _ = place;
}

/// Repeated observations (same series and period), settled when a series is put in order.
/// Whatever the order of arrival, the kept observation and the messages are the same: the
/// earliest place (by file name, then sheet name in a workbook, then line) is kept, and every
/// other copy is compared with it.
#[derive(Default)]
struct Repeats {
    /// Identical repeats per file: the first (by sheet and line) and how many.
    identical: std::collections::BTreeMap<crate::model::FileName, (Diagnostic, usize)>,
    /// Conflicting repeats per file: the first [`measurements::MAX_ERRORS`] by sheet and line
    /// (up to twice as many while they are collected).
    conflicts: std::collections::BTreeMap<crate::model::FileName, Vec<Diagnostic>>,
}

impl Repeats {
    /// Puts `series` (the observations of `slot`) in order by period, each period's copies by
    /// place, and keeps the first copy of each period, noting the others.
    fn settle(&mut self, series: &mut Vec<Observation>, slot: usize, lookup: &Lookup) {
        // Most often in order with no period twice (values arrive about in file order): one
        // look through settles that. By period alone: the place (file and line, behind the
        // provenance pointer) orders only the copies of a repeated period, so only a series
        // with one is sorted by it too.
        if series.windows(2).all(|w| w[0].period() < w[1].period()) {
            return;
        }
        if !series.is_sorted_by_key(|o| o.period()) {
            series.sort_unstable_by_key(|o| o.period());
        }
        if series.windows(2).all(|w| w[0].period() != w[1].period()) {
            return;
        }
        series.sort_unstable_by_key(|o| (o.period(), o.file(), o.sheet(), o.line()));
        let id = &lookup.monitor.indicators[lookup.key(slot).indicator].id;
        series.dedup_by(|later, first| {
            let repeat = later.period() == first.period();
            if repeat {
                self.note(first, later, id, lookup);
            }
            repeat
        });
    }

    /// `second` repeats the period of `first`, which is kept.
    fn note(&mut self, first: &Observation, second: &Observation, id: &str, lookup: &Lookup) {
        let at = lookup.field_of(second, measurements::VALUE);
        if first.value == second.value {
            let message = format!(
                "`{id}` {} is given twice with the same value {} (also at {}); one is enough",
                second.period(),
                second.value,
                lookup.location_of(first)
            );
            let entry = self
                .identical
                .entry(second.file())
                .or_insert_with(|| (Diagnostic::warning(at.clone(), message.clone()), 0));
            entry.1 += 1;
            if place_in_file(&at) < place_in_file(&entry.0.at) {
                entry.0 = Diagnostic::warning(at, message);
            }
        } else {
            let list = self.conflicts.entry(second.file()).or_default();
            list.push(Diagnostic::error(
                at,
                format!(
                    "found {} for the same indicator, series, area and period ({}) as {}, which says {}; expected one value",
                    second.value, second.period(), lookup.location_of(first), first.value
                ),
            ));
            if list.len() >= 2 * measurements::MAX_ERRORS {
                Self::first_of(list);
            }
        }
    }

    /// Keeps the first [`measurements::MAX_ERRORS`] of a file's conflicts, by sheet and line.
    fn first_of(list: &mut Vec<Diagnostic>) {
        list.sort_by(|a, b| place_in_file(&a.at).cmp(&place_in_file(&b.at)));
        list.truncate(measurements::MAX_ERRORS);
    }

    /// Takes in what `other` found (in other series).
    fn absorb(&mut self, other: Repeats) {
        for (file, (first, count)) in other.identical {
            match self.identical.entry(file) {
                std::collections::btree_map::Entry::Vacant(e) => {
                    e.insert((first, count));
                }
                std::collections::btree_map::Entry::Occupied(mut e) => {
                    let (kept, total) = e.get_mut();
                    *total += count;
                    if place_in_file(&first.at) < place_in_file(&kept.at) {
                        *kept = first;
                    }
                }
            }
        }
        for (file, list) in other.conflicts {
            let all = self.conflicts.entry(file).or_default();
            all.extend(list);
            if all.len() >= 2 * measurements::MAX_ERRORS {
                Self::first_of(all);
            }
        }
    }

    fn report(self, diagnostics: &mut Diagnostics) {
        for (_, (mut first, count)) in self.identical {
            match count {
                0 | 1 => {}
                2 => first.message.push_str(" (1 more repeat in this file)"),
                _ => first
                    .message
                    .push_str(&format!(" ({} more repeats in this file)", count - 1)),
            }
            diagnostics.push(first);
        }
        for (_, mut list) in self.conflicts {
            Self::first_of(&mut list);
            diagnostics.extend(list);
        }
    }
}

/// Where a finding lies in its file, to tell the first: its sheet (in a workbook), its line.
fn place_in_file(at: &Location) -> (Option<&str>, Option<u64>) {
    (at.sheet.as_deref(), at.line)
}

/// Sorts every series by period, settles its repeats (adding to `repeats`, those settled while
/// merging) and checks it against its baseline.
/// Also gives the years observed, noted while each series is at hand.
fn check_series(
    mut slots: Vec<Vec<Observation>>,
    mut repeats: Repeats,
    lookup: &Lookup,
    indicators: &Path,
    diagnostics: &mut Diagnostics,
) -> (Vec<Series>, ValuesByYear) {
    // Each series is checked on its own, and the findings are sorted afterwards: the slots are
    // cut into one part per core (a national monitor has hundreds of thousands of series).
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let parts = if slots.len() < 16_384 { 1 } else { cores };
    let size = slots.len().div_ceil(parts).max(1);
    let mut cut = Vec::new();
    while slots.len() > size {
        let first = slots.len() - size;
        cut.push((first, slots.split_off(first)));
    }
    cut.push((0, slots));
    cut.reverse();
    let mut series = Vec::new();
    let mut years = ValuesByYear::new();
    let all = crate::parallel::in_order(
        cut,
        |(first, part)| {
            let mut found = Diagnostics::default();
            let mut observed = ValuesByYear::new();
            let mut repeated = Repeats::default();
            let checked = check_part(
                first,
                part,
                lookup,
                indicators,
                (&mut found, &mut repeated),
                &mut observed,
            );
            (checked, found, observed, repeated)
        },
        |(checked, found, observed, repeated)| {
            if series.is_empty() {
                // The first part as it is, with room for the others (of about its size).
                series = checked;
                series.reserve(series.len() * (parts - 1));
            } else {
                series.extend(checked);
            }
            diagnostics.extend(found.list);
            years.extend(&observed);
            repeats.absorb(repeated);
            Ok::<(), std::convert::Infallible>(())
        },
    );
    let Ok(()) = all;
    repeats.report(diagnostics);
    (series, years)
}

/// [`check_series`] of the slots from `first` on.
fn check_part(
    first: usize,
    slots: Vec<Vec<Observation>>,
    lookup: &Lookup,
    indicators: &Path,
    (diagnostics, repeats): (&mut Diagnostics, &mut Repeats),
    years: &mut ValuesByYear,
) -> Vec<Series> {
    let monitor = lookup.monitor;
    let mut series = Vec::new();
    // The baselines of the indicator at hand (slots come in indicator order).
    let mut baselines: Option<(usize, crate::model::BaselinesByKey)> = None;
    for (slot, mut kept) in (first..).zip(slots) {
        if kept.is_empty() {
            continue;
        }
        let key = match &baselines {
            Some((indicator, _)) => lookup.key_from(*indicator, slot),
            None => lookup.key(slot),
        };
        if baselines.as_ref().is_none_or(|(i, _)| *i != key.indicator) {
            let of = monitor.indicators[key.indicator].baselines_by_key();
            baselines = Some((key.indicator, of));
        }
        let baseline = baselines
            .as_ref()
            .and_then(|(_, by_key)| by_key.get(key.series, key.area));
        repeats.settle(&mut kept, slot, lookup);
        let ind = &monitor.indicators[key.indicator];
        if let Some(b) = baseline {
            if let Some(obs) = kept.iter().find(|o| o.period() == b.period) {
                if obs.value != b.value {
                    diagnostics.push(Diagnostic::error(
                        lookup.field_of(obs, measurements::VALUE),
                        format!(
                            "found {} for `{}` in {}, but {}:{} gives the baseline for that period as {}; expected the same value",
                            obs.value, ind.id, obs.period(), indicators.display(), b.line, b.value
                        ),
                    ));
                }
            }
            // A value for the baseline's year written as another kind of period (2016 beside
            // the baseline's 2016/2017) would stand in for the baseline: it is not used.
            let other_form = |o: &Observation| {
                o.period().year() == b.period.year() && !o.period().same_form(&b.period)
            };
            for o in kept.iter().filter(|o| other_form(o)) {
                diagnostics.push(Diagnostic::warning(
                    lookup.field_of(o, measurements::PERIOD),
                    format!(
                        "found {} for `{}` in {}, the year of its baseline {} ({}:{}) written as another kind of period; progress is measured from the baseline {} and this value is not used",
                        o.value, ind.id, o.period(), b.period, indicators.display(), b.line, b.value
                    ),
                ));
            }
            kept.retain(|o| !other_form(o));
            let older: Vec<&Observation> = kept.iter().filter(|o| o.period() < b.period).collect();
            if let Some(first) = older.first() {
                diagnostics.push(Diagnostic::warning(
                    lookup.field_of(first, measurements::PERIOD),
                    format!(
                        "found {} for `{}`, older than its baseline ({}, {}:{}){}; it is shown, but progress is measured from the baseline",
                        first.period(),
                        ind.id,
                        b.period,
                        indicators.display(),
                        b.line,
                        if older.len() > 1 { format!(" (and {} more)", older.len() - 1) } else { String::new() }
                    ),
                ));
            }
        }
        if ind.kind == crate::model::Kind::Share {
            flag_fractions(&kept, ind, baseline, lookup, diagnostics);
        }
        // In period order: a year is noted once per run of values in it, with the last (the
        // latest) of them and whether any is illustrative.
        let mut run: Option<(crate::model::Period, bool)> = None;
        for o in &kept {
            let (period, illustrative) = (o.period(), o.illustrative());
            run = Some(match run {
                Some((last, any)) if last.year() == period.year() => (period, any || illustrative),
                Some((last, any)) => {
                    years.note(last, any);
                    (period, illustrative)
                }
                None => (period, illustrative),
            });
        }
        if let Some((last, any)) = run {
            years.note(last, any);
        }
        series.push(Series {
            key,
            observations: kept,
        });
    }
    series
}

/// Warns about values of a share (a percentage) that look like fractions: 0.87 where the
/// series' other values, or its baseline, are about 87. Excel stores a cell formatted as `87 %`
/// as 0.87, and a CSV written from it says 0,87. The reference is the median of the series'
/// values of 1 or more (with its baseline); a value below 1 is flagged when it is more than 10
/// times smaller than that and 100 times it is within a factor 3 of it.
fn flag_fractions(
    kept: &[Observation],
    ind: &crate::model::Indicator,
    baseline: Option<&crate::model::Baseline>,
    lookup: &Lookup,
    diagnostics: &mut Diagnostics,
) {
    // Most series have no value between 0 and 1: nothing to flag, and no median to find
    // (a list made and sorted per share series: national check_series 26 -> 22 ms).
    if !kept.iter().any(|o| o.value > 0.0 && o.value < 1.0) {
        return;
    }
    let mut large: Vec<f64> = kept
        .iter()
        .map(|o| o.value)
        .chain(baseline.map(|b| b.value))
        .filter(|v| *v >= 1.0)
        .collect();
    if large.is_empty() {
        return;
    }
    large.sort_by(f64::total_cmp);
    let reference = large[large.len() / 2];
    for o in kept {
        let v = o.value;
        if v > 0.0
            && v < 1.0
            && v * 10.0 < reference
            && (reference / 3.0..=reference * 3.0).contains(&(v * 100.0))
        {
            diagnostics.push(Diagnostic::warning(
                lookup.field_of(o, measurements::VALUE),
                format!(
                    "found {v} for `{}` ({}) in {}, 100 times smaller than its other values (about {reference}): a fraction where a percentage is expected? If {} % is meant, write {}",
                    ind.id,
                    ind.unit,
                    o.period(),
                    crate::model::without_noise(v * 100.0),
                    crate::model::without_noise(v * 100.0)
                ),
            ));
        }
    }
}

/// Warns, per indicator, about years from its first value up to the latest year with data
/// in which its own series has no observation.
fn check_missing_years(
    monitor: &Monitor,
    series: &[Series],
    latest: Option<i32>,
    lookup: &Lookup,
    indicators: &Path,
    diagnostics: &mut Diagnostics,
) {
    let Some(latest) = latest else {
        return;
    };
    let mut by_indicator: Vec<BTreeSet<i32>> = vec![BTreeSet::new(); monitor.indicators.len()];
    let mut first: Vec<Option<i32>> = monitor
        .indicators
        .iter()
        .map(|i| i.baselines.iter().map(|b| b.period.year()).min())
        .collect();
    for s in series.iter().filter(|s| s.key.area.is_none()) {
        let years = &mut by_indicator[s.key.indicator];
        for o in &s.observations {
            let y = o.period().year();
            years.insert(y);
            let f = &mut first[s.key.indicator];
            *f = Some(f.map_or(y, |f| f.min(y)));
        }
    }
    for (i, ind) in monitor.indicators.iter().enumerate() {
        let Some(from) = first[i].filter(|_| lookup.reads(i)) else {
            continue;
        };
        let baseline_years: BTreeSet<i32> = ind.baselines.iter().map(|b| b.period.year()).collect();
        let missing: Vec<String> = (from..=latest)
            .filter(|y| !by_indicator[i].contains(y) && !baseline_years.contains(y))
            .map(|y| y.to_string())
            .collect();
        if !missing.is_empty() {
            diagnostics.push(Diagnostic::warning(
                Location::at(indicators, ind.line, None),
                format!(
                    "indicator `{}` has no observation in {} (data runs to {latest})",
                    ind.id,
                    missing.join(", ")
                ),
            ));
        }
    }
}

/// Reads every observation of one measurement file, whatever its kind, handing chunks of them
/// to `sink` as it goes.
pub(crate) fn read_file(
    path: &Path,
    lookup: &Lookup,
    dialect: crate::model::Dialect,
    sink: Option<&dyn measurements::Sink>,
) -> FileRead {
    let mut reader = RowReader::new(path, lookup, dialect);
    reader.set_sink(sink);
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if ext == "xlsx" || ext == "xlsm" {
        workbook::read(path, &mut reader);
    } else if let Err(d) = measurements::read_text(path, &mut reader) {
        reader.out.diagnostics.push(*d);
    }
    reader.finish()
}

/// The folder of the monitor: the one that holds its indicators.toml.
pub(crate) fn monitor_folder(indicators: &Path) -> &Path {
    indicators.parent().unwrap_or(Path::new(""))
}

/// `path` as the outputs name it: relative to the monitor folder where it lies inside it.
pub(crate) fn relative_name(path: &Path, folder: &Path) -> String {
    path.strip_prefix(folder)
        .ok()
        .filter(|_| !folder.as_os_str().is_empty())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// The years that have values, and for each the latest period of a value in it and whether any
/// value in it is illustrative: noted while the series are checked (a series' run of values in
/// one year at a time), so that what every row's values come to up to a report year is known
/// without going through the series again ([`ValuesByYear::up_to`]).
#[derive(Debug, Clone)]
pub struct ValuesByYear {
    /// By year, for the four-digit years periods hold.
    known: Vec<Option<YearValues>>,
    /// The rare others.
    others: std::collections::BTreeMap<i32, YearValues>,
}

/// What [`ValuesByYear`] keeps of one year's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct YearValues {
    latest: crate::model::Period,
    illustrative: bool,
}

impl YearValues {
    fn join(&mut self, other: YearValues) {
        self.latest = self.latest.max(other.latest);
        self.illustrative |= other.illustrative;
    }
}

impl ValuesByYear {
    const YEARS: usize = 10_000;

    pub(crate) fn new() -> Self {
        ValuesByYear {
            known: vec![None; Self::YEARS],
            others: std::collections::BTreeMap::new(),
        }
    }

    /// A value of `period` (or several of its year, `period` the latest of them), illustrative
    /// when `illustrative` (any of them).
    #[inline]
    pub(crate) fn note(&mut self, period: crate::model::Period, illustrative: bool) {
        self.add(
            period.year(),
            YearValues {
                latest: period,
                illustrative,
            },
        );
    }

    /// Inline (once per series and year while loading), but for the rare years outside the
    /// table.
    #[inline(always)]
    fn add(&mut self, year: i32, values: YearValues) {
        let slot = match usize::try_from(year) {
            Ok(y) if y < Self::YEARS => &mut self.known[y],
            _ => return self.add_other(year, values),
        };
        match slot {
            Some(kept) => kept.join(values),
            None => *slot = Some(values),
        }
    }

    fn add_other(&mut self, year: i32, values: YearValues) {
        self.others
            .entry(year)
            .and_modify(|v| v.join(values))
            .or_insert(values);
    }

    /// Those of every value of `series`, at once (loading notes them per part while it
    /// checks the series).
    pub fn of(series: &[Series]) -> Self {
        let mut values = ValuesByYear::new();
        for o in series.iter().flat_map(|s| &s.observations) {
            values.note(o.period(), o.illustrative());
        }
        values
    }

    pub(crate) fn extend(&mut self, other: &ValuesByYear) {
        for (year, values) in (0..).zip(&other.known) {
            if let Some(values) = values {
                self.add(year, *values);
            }
        }
        for (&year, &values) in &other.others {
            self.add(year, values);
        }
    }

    /// The years with values, ascending.
    pub(crate) fn to_vec(&self) -> Vec<i32> {
        let mut years: Vec<i32> = (0..Self::YEARS)
            .filter(|&y| self.known[y].is_some())
            .map(|y| y as i32)
            .collect();
        years.extend(self.others.keys());
        years.sort_unstable();
        years
    }

    /// The latest period of the values of `year` and before, and whether any of them is
    /// illustrative.
    pub fn up_to(&self, year: i32) -> (Option<crate::model::Period>, bool) {
        let known = usize::try_from(year.saturating_add(1)).map_or(0, |end| end.min(Self::YEARS));
        let values = self.known[..known]
            .iter()
            .flatten()
            .chain(self.others.range(..=year).map(|(_, v)| v));
        values.fold((None, false), |(latest, illustrative), v| {
            (latest.max(Some(v.latest)), illustrative || v.illustrative)
        })
    }
}

/// The years that have at least one observation.
#[cfg(test)]
fn years_with_data(series: &[Series]) -> Vec<i32> {
    ValuesByYear::of(series).to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Observation, Period, Series, SeriesKey};

    fn bundled_monitor() -> Monitor {
        indicators::parse(
            Path::new("indicators.toml"),
            include_str!("../../indicators.toml"),
        )
        .unwrap()
    }

    /// An observation of slot 3 (of the bundled monitor) at `file`:`line`.
    fn value(file: &str, line: u32, period: Period, value: f64) -> measurements::Read1 {
        let file = crate::model::FileName::new(file);
        (
            3,
            Observation::new(
                period,
                value,
                crate::model::Provenance::shared(file, None, false).unwrap(),
                line,
            ),
        )
    }

    fn merged(files: usize, lookup: &Lookup) -> Merged {
        Merged {
            slots: vec![Vec::new(); lookup.slots()],
            repeats: Repeats::default(),
            files,
        }
    }

    /// Slot 3 of `merged` settled as checking the series does, and the repeats found.
    fn settled(merged: Merged, lookup: &Lookup) -> (Vec<Observation>, Repeats) {
        let Merged {
            mut slots,
            mut repeats,
            ..
        } = merged;
        let mut series = std::mem::take(&mut slots[3]);
        repeats.settle(&mut series, 3, lookup);
        (series, repeats)
    }

    /// Values of one series arriving in any order (files read two at a time hand on their
    /// chunks in turn) end up in period order once settled, and a later repeat of each period
    /// is met, whatever came first.
    #[test]
    fn merged_values_are_in_period_order_whatever_their_arrival() {
        let monitor = bundled_monitor();
        let lookup = Lookup::new(&monitor);
        let year = Period::year_only;
        let arrivals = [
            [0, 1, 2],
            [0, 2, 1],
            [1, 0, 2],
            [1, 2, 0],
            [2, 0, 1],
            [2, 1, 0],
        ];
        for order in arrivals {
            let files = [
                value("2019.csv", 2, year(2019), 10.0),
                value("2020.csv", 2, year(2020), 11.0),
                value("2021.csv", 2, year(2021), 12.0),
            ];
            // A revision file gives every year again: one the same, one another, one the same.
            let revision = [
                value("revision.csv", 2, year(2021), 12.0),
                value("revision.csv", 3, year(2019), 9.0),
                value("revision.csv", 4, year(2020), 11.0),
            ];
            // The revision first or last: a copy by place, not by arrival, is kept.
            for revision_first in [false, true] {
                let mut merged = merged(4, &lookup);
                if revision_first {
                    merged.merge(&mut revision.to_vec(), &lookup);
                }
                for i in order {
                    merged.merge(&mut vec![files[i].clone()], &lookup);
                }
                if !revision_first {
                    merged.merge(&mut revision.to_vec(), &lookup);
                }
                let (series, repeats) = settled(merged, &lookup);
                let periods: Vec<i32> = series.iter().map(|o| o.period().year()).collect();
                assert_eq!(periods, [2019, 2020, 2021], "{order:?}");
                let values: Vec<f64> = series.iter().map(|o| o.value).collect();
                assert_eq!(
                    values,
                    [10.0, 11.0, 12.0],
                    "the earlier file's value is kept"
                );
                let mut found = Diagnostics::default();
                repeats.report(&mut found);
                let lines: Vec<(bool, u64)> = found
                    .list
                    .iter()
                    .map(|d| (d.message.contains("same value"), d.at.line.unwrap_or(0)))
                    .collect();
                assert_eq!(
                    lines,
                    [(true, 2), (false, 3)],
                    "{order:?}: {:?}",
                    found.list
                );
            }
        }
    }

    /// A series whose room (one value per file) fills has its repeats settled before it grows:
    /// a file that repeats one value thousands of times holds one copy of it, and every repeat
    /// is counted. More periods than files (months) grow the series, none lost.
    #[test]
    fn a_full_series_settles_its_repeats_before_it_grows() {
        let monitor = bundled_monitor();
        let lookup = Lookup::new(&monitor);
        let mut merged = merged(2, &lookup);
        let month = |m: u8| Period::parse(&format!("2020-{m:02}")).unwrap();
        let mut rows: Vec<_> = (0..5000)
            .map(|line| value("a.csv", line + 2, month(1), 7.0))
            .collect();
        merged.merge(&mut rows, &lookup);
        // Settled when full, then the next copy appended: never more than its room.
        assert!(merged.slots[3].len() <= 2, "{}", merged.slots[3].len());
        assert_eq!(merged.slots[3].capacity(), 2);
        let mut rows: Vec<_> = (1..=12)
            .rev()
            .map(|m| value("b.csv", 20 - u32::from(m), month(m), f64::from(m)))
            .collect();
        merged.merge(&mut rows, &lookup);
        let (series, repeats) = settled(merged, &lookup);
        let months: Vec<f64> = series.iter().map(|o| o.value).collect();
        assert_eq!(
            months,
            [7.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0],
            "a.csv's January is kept before b.csv's"
        );
        let mut found = Diagnostics::default();
        repeats.report(&mut found);
        let said: Vec<(u64, &str)> = found
            .list
            .iter()
            .map(|d| (d.at.line.unwrap_or(0), d.message.as_str()))
            .collect();
        assert_eq!(said.len(), 2, "{said:?}");
        assert_eq!(said[0].0, 3, "the first repeat in a.csv: {said:?}");
        assert!(
            said[0].1.ends_with("(4998 more repeats in this file)"),
            "{said:?}"
        );
        assert!(said[1].1.contains("found 1 for the same"), "{said:?}");
    }

    /// Of more conflicting repeats in a file than are named, the first by line are named,
    /// whatever order they were found in and however the series were cut into parts.
    #[test]
    fn the_first_conflicts_by_line_are_named() {
        let monitor = bundled_monitor();
        let lookup = Lookup::new(&monitor);
        let many = 3 * measurements::MAX_ERRORS as u32;
        let firsts: Vec<_> = (0..many)
            .map(|i| value("a.csv", i + 2, Period::year_only(1900 + i as i32), 1.0))
            .collect();
        let seconds: Vec<_> = (0..many)
            .map(|i| value("b.csv", i + 2, Period::year_only(1900 + i as i32), 2.0))
            .collect();
        let named = |repeats: Repeats| -> Vec<u64> {
            let mut found = Diagnostics::default();
            repeats.report(&mut found);
            found.list.iter().map(|d| d.at.line.unwrap_or(0)).collect()
        };
        let expected: Vec<u64> = (2..2 + measurements::MAX_ERRORS as u64).collect();
        for reversed in [false, true] {
            let mut later = seconds.clone();
            if reversed {
                later.reverse();
            }
            let mut merged = merged(2, &lookup);
            merged.merge(&mut firsts.clone(), &lookup);
            merged.merge(&mut later.clone(), &lookup);
            let (series, repeats) = settled(merged, &lookup);
            assert_eq!(series.len(), many as usize);
            assert!(series.iter().all(|o| o.value == 1.0), "a.csv's are kept");
            assert_eq!(named(repeats), expected, "reversed: {reversed}");
            // Found in two parts (one per core), absorbed into one.
            let mut parts = [Repeats::default(), Repeats::default()];
            for (part, half) in parts.iter_mut().zip(later.chunks(later.len() / 2)) {
                let mut series: Vec<Observation> = firsts.iter().map(|r| r.1.clone()).collect();
                series.extend(half.iter().map(|r| r.1.clone()));
                part.settle(&mut series, 3, &lookup);
            }
            let [mut one, other] = parts;
            one.absorb(other);
            assert_eq!(named(one), expected, "in parts, reversed: {reversed}");
        }
    }

    /// A reader whose turn at the slots is taken keeps its chunks (up to [`Chunks::HELD`]) and
    /// merges them, oldest first, when it next gets the turn; past the limit it waits for it.
    #[test]
    fn a_chunk_waits_while_another_reader_merges_and_is_merged_in_its_order() {
        use measurements::Sink;
        let monitor = indicators::parse(
            Path::new("indicators.toml"),
            include_str!("../../indicators.toml"),
        )
        .unwrap();
        let lookup = Lookup::new(&monitor);
        let row = |year: i32| {
            (
                3,
                Observation::new(
                    Period::year_only(year),
                    f64::from(year),
                    crate::model::Provenance::shared(
                        crate::model::FileName::new(&format!("{year}.csv")),
                        None,
                        false,
                    )
                    .unwrap(),
                    2,
                ),
            )
        };
        let merged = Mutex::new(merged(8, &lookup));
        let sink = Chunks {
            merged: &merged,
            lookup: &lookup,
            held: RefCell::new(Vec::new()),
            spare: RefCell::new(Vec::new()),
        };
        let years = |m: &Mutex<Merged>| -> Vec<i32> {
            m.lock().unwrap().slots[3]
                .iter()
                .map(|o| o.period().year())
                .collect()
        };
        let other = merged.lock().unwrap();
        let (told, held) = std::sync::mpsc::channel();
        let sink = std::thread::scope(|scope| {
            let row = &row;
            let reader = scope.spawn(move || {
                // Three chunks while another reader merges: each is kept, none is merged.
                for year in [2019, 2018, 2020] {
                    let mut chunk = sink.empty();
                    chunk.push(row(year));
                    sink.send(chunk);
                }
                told.send(sink.held.borrow().len()).unwrap();
                // The fourth reaches the limit: the reader waits until the turn is free.
                let mut chunk = sink.empty();
                chunk.push(row(2017));
                sink.send(chunk);
                sink
            });
            let kept = held.recv_timeout(std::time::Duration::from_secs(10));
            assert_eq!(kept, Ok(3), "chunks are kept, not waited with");
            std::thread::sleep(std::time::Duration::from_millis(50));
            assert!(!reader.is_finished(), "past the limit the reader waits");
            drop(other);
            reader.join().unwrap()
        });
        assert!(sink.held.borrow().is_empty());
        // Appended as they were sent (put in period order when the series is checked).
        assert_eq!(years(&merged), [2019, 2018, 2020, 2017]);
        // With the turn free, a chunk is merged at once, and its emptied vector used again.
        let spare = sink.spare.borrow().len();
        let mut chunk = sink.empty();
        chunk.push(row(2021));
        sink.send(chunk);
        assert!(sink.held.borrow().is_empty());
        assert_eq!(sink.spare.borrow().len(), spare);
        assert_eq!(years(&merged), [2019, 2018, 2020, 2017, 2021]);
    }

    /// A reader's heap is grown for its share of the rows of the indicators read: half as
    /// much with two readers, a twelfth for one of the bundled twelve indicators.
    #[test]
    fn a_reader_grows_its_heap_for_its_share_of_the_indicators_read() {
        let monitor = bundled_monitor();
        let mut lookup = Lookup::new(&monitor);
        let all = heap_for(120_000_000, &lookup, 1);
        // 3 million rows of 40 bytes, 16 bytes each and half as much again.
        assert_eq!(all, 3_000_000 * 24);
        assert_eq!(heap_for(120_000_000, &lookup, 2), all / 2);
        let id = monitor.indicators[0].id.clone();
        lookup.only(Some(&[id]));
        assert_eq!(
            heap_for(120_000_000, &lookup, 1),
            all / monitor.indicators.len()
        );
        assert_eq!(heap_for(0, &lookup, 2), 0);
    }

    #[test]
    fn the_years_with_data_are_each_year_once_in_order() {
        let file = crate::model::FileName::new("2020.csv");
        let series = |years: &[i32]| Series {
            key: SeriesKey {
                indicator: 0,
                series: None,
                area: None,
            },
            observations: years
                .iter()
                .map(|&y| {
                    Observation::new(
                        Period::year_only(y),
                        1.0,
                        crate::model::Provenance::shared(file, None, false).unwrap(),
                        2,
                    )
                })
                .collect(),
        };
        // Repeats across series, both ends of the bit table (0, 63, 64, 9999) and years past
        // it on either side.
        let all = [
            series(&[2021, 2019, 2020]),
            series(&[2019, 64, 63, 9999, 10_000, -3]),
            series(&[]),
            series(&[0, 2021, 12_345, 10_000]),
        ];
        assert_eq!(
            years_with_data(&all),
            [-3, 0, 63, 64, 2019, 2020, 2021, 9999, 10_000, 12_345]
        );
        assert!(years_with_data(&[]).is_empty());
        // Sets noted apart (one per part of the series) and joined give the same years.
        let mut joined = ValuesByYear::new();
        for part in all.chunks(2) {
            let mut years = ValuesByYear::new();
            for o in part.iter().flat_map(|s| &s.observations) {
                years.note(o.period(), o.illustrative());
            }
            joined.extend(&years);
        }
        assert_eq!(joined.to_vec(), years_with_data(&all));
    }

    /// Up to a year: the latest period of that year and before (a month after its year, years
    /// outside the four digits on either side) and whether any of them is illustrative.
    #[test]
    fn values_by_year_give_the_latest_period_and_any_illustrative_up_to_a_year() {
        let mut values = ValuesByYear::new();
        assert_eq!(values.up_to(2020), (None, false));
        let month = Period::parse("2019-07").unwrap();
        let mut other = ValuesByYear::new();
        for (period, illustrative) in [
            (Period::year_only(2019), false),
            (Period::year_only(-3), true),
            (Period::year_only(12_345), false),
        ] {
            values.note(period, illustrative);
        }
        other.note(month, false);
        other.note(Period::year_only(2021), true);
        values.extend(&other);
        assert_eq!(values.up_to(-4), (None, false));
        assert_eq!(values.up_to(-3), (Some(Period::year_only(-3)), true));
        assert_eq!(values.up_to(2019), (Some(month), true));
        assert_eq!(values.up_to(2020), (Some(month), true));
        assert_eq!(
            values.up_to(i32::MAX),
            (Some(Period::year_only(12_345)), true)
        );
        assert_eq!(values.to_vec(), [-3, 2019, 2021, 12_345]);
        // Illustrative only after the year asked for.
        let mut later = ValuesByYear::new();
        later.note(Period::year_only(2019), false);
        later.note(Period::year_only(2020), true);
        assert_eq!(later.up_to(2019), (Some(Period::year_only(2019)), false));
        assert_eq!(later.up_to(2020), (Some(Period::year_only(2020)), true));
    }
}
