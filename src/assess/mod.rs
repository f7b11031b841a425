//! The comparison: for every indicator × sub-series × area, the latest value up to the report
//! year against the baseline and the target, and one status from a documented method. The
//! result, [`Assessment`], is computed once and rendered by every output format.
//!
//! # Figures reported for every row
//! With baseline value b (period tb), latest value y (period ty ≤ report year Y), target T in
//! year tT and desired direction d (+1 increase, −1 decrease):
//! - change: absolute y − b, relative (y − b)/|b|; `improved` when d·(y − b) > 0;
//! - with a target: `progress` = (y − b)/(T − b), the share of the distance covered; `gap` =
//!   T − y; `expected` = b + (T − b)·min(1, (Y − tb)/(tT − tb)), the value the straight line from
//!   baseline to target gives for the report year (reported under every method).
//!
//! # Status methods
//! Per series, base year t0 (the indicator's `base_year`, default the baseline's year) with
//! value y0: the baseline as defined when t0 is its year, else the value in t0 or the first
//! later one; latest year ti with value yi;
//! s = −1 if y0 < 0 else +1. A period such as 2016/2017 counts as its first year.
//!
//! **open-sdg** (default; Open SDG / Statistics Canada): CAGR(a→b) = (y_b/y_a)^(1/(t_b−t_a)) − 1.
//! - No target: P = s·d·CAGR(y0→yi); thresholds high 0.015, med 0.005, low 0. With a natural
//!   limit L the thresholds are multiplied by C = 1 − (b/L)^4.44 (b ≤ L), 1 − ((2L − b)/L)^4.44
//!   (L < b < 2L), 1 (b ≥ 2L), b = |y0|; if C = 0 and P ≥ 0 the series is on track.
//!   Score: P < 0 → max(125P − 2.5, −5); else 500P/C − 2.5 (P < med), 250P/C − 1.25 (P < high),
//!   min(500P/C − 5, 5).
//! - Target: R = s·d·CAGR(y0→yi)/|CAGR(y0→T)|; thresholds 0.95, 0.6, 0. Score:
//!   R ≥ 0.6 → min(7.1429R − 4.2857, 5), else max(4.1667R − 2.5, −5) (the production
//!   coefficients, rounded to four decimals). Reaching T in the desired direction is "target
//!   achieved", score 5, whatever the trend. Base value equal to target: no R; achieved or
//!   deterioration (score −5).
//! - A target or base value of 0 is replaced by 0.001 in the growth rates (reaching the target
//!   is judged on T as defined). Base and latest of opposite sign, base and target of opposite
//!   sign, a base year after the latest data, less than one year between them, or a target year
//!   not after the base year: not assessable, with the reason; a rate that is not finite never
//!   becomes a status.
//! - After the target year (the latest value is of year tT or later) a target not met is
//!   `target_not_achieved`, under every method; the score stays the method's.
//! - At a boundary (thresholds, the target, the maintain tolerance) a value within 10⁻⁹ of it,
//!   relative, is at it ([`progress::at_least`]).
//! - Status: P or R ≥ high substantial progress (on track), ≥ med moderate progress, ≥ low
//!   limited progress, below deterioration.
//!
//! **linear**: with a target, the ratio Q = (yi − y0)/(expected(ti) − y0) of the distance
//! covered to the distance the straight path expected by ti, with the target thresholds and
//! score (so "on track" means at least 95 % of the expected distance: a 5 % tolerance). Without
//! a target the open-sdg rule applies (and the row says so in `method`).
//!
//! **maintain** goals ("blijft minimaal gelijk"), under either method: target achieved (score 5)
//! while d·(yi − y0) ≥ −tolerance·|y0| (`maintain_tolerance`); otherwise deterioration, scored
//! max(125P − 2.5, −5) with P as above.
//!
//! **No direction**: status `no_direction`, no score; the change and the rank among the peer
//! areas are reported.
//!
//! # Aggregates
//! An indicator's score is the mean of the scores of its own-municipality series (series in a
//! declared group are averaged first); a theme's is the mean of its indicators' scores. The
//! plan's is the mean of its indicators' scores (every indicator weighs the same), or with
//! `aggregation = "theme"` the mean of its themes' scores (every theme weighs the same);
//! `aggregates.plan_of` says which. The status follows from the score bands [2.5, 5] on track,
//! [0, 2.5) moderate, [−2.5, 0) limited, [−5, −2.5) deterioration; "target achieved" only when
//! every scored member achieved its target, "target not achieved" when every scored member's
//! target year has passed and not all were met. Peer areas are context and never enter a score.
//! A manual status carries the middle of its band as score ([`manual_score`]). Peer ranks are
//! competition ranks over the areas with a value of the newest period.

pub mod compare;
pub mod detail;
pub mod progress;
pub mod trace;

use crate::error::{Error, Result};
use crate::load::Dataset;
use crate::model::{
    name, Aggregation, Direction, Goal, Method, Name, Observation, Period, SeriesKey, Status,
    Thresholds,
};
use progress::SeriesInput;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

/// What the user asked for.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub year: Option<i32>,
    pub method: Option<Method>,
    /// The date the output is made (YYYY-MM-DD).
    pub generated: crate::model::Day,
    /// Only this indicator's rows (by index): `show` of one indicator in a national monitor.
    /// The report year is still that of the whole monitor; other aggregates are then partial.
    pub only: Option<usize>,
    /// Keep every row's trace (the steps of the method), for `show`.
    pub trace: bool,
    /// Free each row's observations once it is assessed: no output asks for them (only JSON
    /// with `--observations`, `show` and the report do), and a national monitor holds millions.
    pub drop_observations: bool,
}

/// What every document ontrack writes starts with: the tool that made it and the monitor it is
/// about (flattened into the JSON of each, first).
#[derive(Debug, Clone, Serialize)]
pub struct Header {
    pub tool: &'static str,
    pub version: &'static str,
    pub monitor: MonitorInfo,
}

/// The whole computed result; every output format is a function of this.
#[derive(Debug, Clone, Serialize)]
pub struct Assessment {
    #[serde(flatten)]
    pub header: Header,
    pub year: i32,
    pub method: Method,
    /// The tolerance of "at least stays equal" goals (a share of the baseline value).
    pub maintain_tolerance: f64,
    pub generated: crate::model::Day,
    /// The latest period of any value used.
    pub data_cutoff: Option<Period>,
    /// True when any value used is illustrative (not a real measurement).
    pub illustrative: bool,
    pub summary: Vec<StatusCount>,
    pub aggregates: Aggregates,
    /// Written by the JSON renderer after the other fields (with or without observations).
    #[serde(skip)]
    pub indicators: Vec<Row>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MonitorInfo {
    pub name: String,
    pub title: String,
    pub municipality: String,
    pub adopted: Option<String>,
    pub document: Option<String>,
    pub themes: Vec<ThemeInfo>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ThemeInfo {
    pub id: String,
    pub number: Option<u32>,
    pub name: String,
    pub goal: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusCount {
    pub status: Status,
    pub indicators: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Aggregates {
    pub indicators: Vec<Aggregate>,
    pub themes: Vec<Aggregate>,
    /// What the plan's score is the mean of (`aggregation` in indicators.toml).
    pub plan_of: crate::model::Aggregation,
    pub plan: Aggregate,
}

#[derive(Debug, Clone, Serialize)]
pub struct Aggregate {
    pub id: String,
    pub name: String,
    pub score: Option<f64>,
    pub status: Status,
    /// How many members had a score, out of how many.
    pub scored: usize,
    pub members: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub id: Name,
    pub title: Name,
    pub theme: Name,
    pub series: Option<Name>,
    pub series_id: Option<Name>,
    pub area: Name,
    /// True for a peer municipality the indicator is compared with.
    pub peer: bool,
    pub unit: Name,
    pub direction: Direction,
    pub goal: Goal,
    pub baseline: Option<BaselineValue>,
    pub target: Option<crate::model::Target>,
    pub latest: Option<Value>,
    pub change: Option<Change>,
    pub improved: Option<bool>,
    pub progress: Option<f64>,
    pub gap: Option<f64>,
    pub expected: Option<f64>,
    pub method: Option<Method>,
    pub status: Status,
    pub manual: Option<Manual>,
    pub score: Option<f64>,
    pub progress_value: Option<f64>,
    pub inputs: Option<Inputs>,
    pub thresholds: Option<Thresholds>,
    pub reason: Option<String>,
    pub rank: Option<Rank>,
    pub illustrative: bool,
    pub source: Option<Name>,
    /// Written in JSON only when asked for (`--observations`, and always by `show`): the
    /// JSON renderer adds them after the row's other fields.
    #[serde(skip)]
    pub observations: Vec<Observation>,
    /// The steps the method took (kept when [`Options::trace`] asks for them).
    #[serde(skip)]
    pub trace: Vec<trace::Step>,
    /// The series the row is of (its indicator's and sub-series' places in the monitor).
    #[serde(skip)]
    pub key: SeriesKey,
}

#[derive(Debug, Clone, Serialize)]
pub struct BaselineValue {
    pub value: f64,
    pub period: Period,
    pub count: Option<f64>,
    pub denominator: Option<f64>,
    pub as_written: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Value {
    pub value: f64,
    pub period: Period,
    pub illustrative: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub absolute: f64,
    pub relative: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Manual {
    pub reason: String,
    pub computed_status: Status,
    /// The score the method computed; the row's `score` is that of the manual status.
    pub computed_score: Option<f64>,
}

/// The score a status set by hand carries into the aggregates: the middle of its score band
/// (target achieved 5, on track 3.75, moderate 1.25, limited −1.25, deterioration and target not
/// achieved −3.75); a manual "not assessable" or "no direction" has no score and stays out of
/// the aggregates.
pub(crate) fn manual_score(status: Status) -> Option<f64> {
    match status {
        Status::TargetAchieved => Some(5.0),
        Status::SubstantialProgress => Some(3.75),
        Status::ModerateProgress => Some(1.25),
        Status::LimitedProgress => Some(-1.25),
        Status::Deterioration | Status::TargetNotAchieved => Some(-3.75),
        Status::NotAssessable | Status::NoDirection => None,
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Inputs {
    pub base_year: i32,
    pub base_value: f64,
    pub current_year: i32,
    pub current_value: f64,
    pub target: Option<f64>,
    pub target_year: Option<i32>,
    pub limit: Option<f64>,
    pub coefficient: Option<f64>,
}

/// Which end of a ranking is first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RankOrder {
    /// 1 is the lowest value (no desired direction).
    Ascending,
    /// 1 is the best value in the desired direction.
    BestFirst,
}

impl RankOrder {
    /// The code the JSON gives it (as serde names it).
    pub fn code(self) -> &'static str {
        match self {
            RankOrder::Ascending => "ascending",
            RankOrder::BestFirst => "best_first",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Rank {
    /// Competition ranking: equal values share the best of their positions (1, 2, 2, 4).
    pub position: usize,
    /// How many areas were ranked: those with a value of `period`.
    pub of: usize,
    /// `ascending`: 1 is the lowest value (no desired direction); `best_first`: 1 is best.
    pub order: RankOrder,
    /// The period whose values were ranked.
    pub period: Period,
    /// Another area has the same value (and so the same position).
    pub tied: bool,
}

/// Years that have at least one value: an observation, or a baseline in indicators.toml.
pub fn years_with_data(ds: &Dataset) -> Vec<i32> {
    let mut years = ds.values_by_year.to_vec();
    years.extend(&ds.years_of_others);
    years.extend(
        ds.monitor
            .indicators
            .iter()
            .flat_map(|i| i.baselines.iter().map(|b| b.period.year())),
    );
    years.sort_unstable();
    years.dedup();
    years
}

/// Computes the assessment of `ds` for the report year in `opts`.
///
/// The observations move from `ds` into the rows (a national data set holds millions of them,
/// and one copy is enough): afterwards `ds.series` is empty.
pub fn assess(ds: &mut Dataset, opts: &Options) -> Result<Assessment> {
    let years = years_with_data(ds);
    let mut series = std::mem::take(&mut ds.series);
    assess_from(ds, Source::Owned(&mut series), years, opts)
}

/// [`assess`] leaving `ds` as it is: each row borrows the observations it uses, up to the report
/// year, while it is assessed, and copies them only to keep them (for the earlier year of
/// `compare`, with no copy of the data set).
pub fn assess_borrowed(ds: &Dataset, opts: &Options) -> Result<Assessment> {
    assess_from(ds, Source::Borrowed(&ds.series), years_with_data(ds), opts)
}

/// Where the rows' observations come from: series (in key order) to take them from, or to
/// borrow them from ([`Source::take`]).
enum Source<'a> {
    Owned(&'a mut [crate::model::Series]),
    Borrowed(&'a [crate::model::Series]),
}

impl Source<'_> {
    fn series(&self) -> &[crate::model::Series] {
        match self {
            Source::Owned(s) => s,
            Source::Borrowed(s) => s,
        }
    }

    /// The series from indicator `first` on, and those before it.
    fn split_at_indicator(self, first: usize) -> (Self, Self) {
        let at = self.series().partition_point(|s| s.key.indicator < first);
        match self {
            Source::Owned(s) => {
                let (before, after) = s.split_at_mut(at);
                (Source::Owned(after), Source::Owned(before))
            }
            Source::Borrowed(s) => {
                let (before, after) = s.split_at(at);
                (Source::Borrowed(after), Source::Borrowed(before))
            }
        }
    }

    /// The places of indicator `index`'s series (they are in key order).
    fn places_of(&self, index: usize) -> Range<usize> {
        let all = self.series();
        let from = all.partition_point(|s| s.key.indicator < index);
        let to = from + all[from..].partition_point(|s| s.key.indicator == index);
        from..to
    }

    /// Lets go of observations [`Self::take`] gave, once a row no longer needs them. A series'
    /// own list is not freed but left to the operating system with the rest of the data (see
    /// `cmd::leave`): it was allocated on a reading thread, and freeing it on a worker takes
    /// that thread's allocator lock, for which both workers queued (national `table --format
    /// csv`: a sixth of the CPU after loading went to those frees and the waits). Nothing is
    /// held longer for it: the series' memory is the peak's anyway. A copy is freed; what is
    /// lent is only given back.
    fn done_with(&self, observations: Cow<'_, [Observation]>) {
        match (self, observations) {
            (Source::Owned(_), Cow::Owned(taken)) => std::mem::forget(taken),
            (_, other) => drop(other),
        }
    }
}

impl<'a> Source<'a> {
    /// The observations of the series at `at` (None: a row without observations): taken when
    /// owned; when borrowed, those up to `year`, lent (a series is in period order: they are
    /// its start). A row copies lent observations only to keep them ([`assess_indicator`]): a
    /// first pass, and the earlier year of `compare`, make a row per series and let go of its
    /// observations at once, and copied every series only to free the copy (national `compare
    /// --format csv` 0.432 -> 0.416 s).
    fn take(&mut self, at: Option<usize>, year: i32) -> Cow<'a, [Observation]> {
        let Some(at) = at else {
            return Cow::Borrowed(&[]);
        };
        match self {
            Source::Owned(s) => Cow::Owned(std::mem::take(&mut s[at].observations)),
            Source::Borrowed(s) => {
                let all: &'a [Observation] = &s[at].observations;
                let wanted = |o: &Observation| o.period().year() <= year;
                let up_to = all.partition_point(wanted);
                if all[..up_to].iter().all(wanted) && !all[up_to..].iter().any(wanted) {
                    Cow::Borrowed(&all[..up_to])
                } else {
                    // Not in period order after all: the values of the years wanted, copied.
                    Cow::Owned(all.iter().filter(|o| wanted(o)).cloned().collect())
                }
            }
        }
    }
}

/// The report year: `wanted` when some value is of that year, else the latest year with data.
pub fn report_year_of(ds: &Dataset, wanted: Option<i32>) -> Result<i32> {
    report_year(&years_with_data(ds), wanted)
}

fn report_year(years: &[i32], wanted: Option<i32>) -> Result<i32> {
    Ok(match (wanted, years.last()) {
        (Some(y), _) if years.contains(&y) => y,
        (Some(y), None) => {
            return Err(Error::usage(format!(
                "no observations for {y}: there are no measurements and no baselines at all"
            )))
        }
        (Some(y), Some(_)) => {
            return Err(Error::usage(format!(
                "no observations for {y}; years with data (measurements or baselines): {}",
                years
                    .iter()
                    .map(|y| y.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )))
        }
        (None, Some(&y)) => y,
        (None, None) => {
            return Err(Error::usage(
                "no measurements and no baselines: nothing to report",
            ))
        }
    })
}

/// `source` cut before each of `starts` (indicator indices, ascending, the first 0): one part
/// per start, in order.
fn split_at_indicators<'a>(source: Source<'a>, starts: &[usize]) -> Vec<Source<'a>> {
    let mut parts = Vec::with_capacity(starts.len());
    let mut rest = source;
    for &start in starts.iter().skip(1).rev() {
        let (after, before) = rest.split_at_indicator(start);
        parts.push(after);
        rest = before;
    }
    parts.push(rest);
    parts.reverse();
    parts
}

/// What every range of indicators is assessed with: the report year, the method and the names
/// rows share.
struct Context<'a> {
    ds: &'a Dataset,
    areas: AreaNames,
    year: i32,
    method: Method,
    baseline_file: crate::model::FileName,
    opts: &'a Options,
}

impl<'a> Context<'a> {
    /// Fails when the report year asked for has no data.
    fn new(ds: &'a Dataset, years: &[i32], opts: &'a Options) -> Result<Self> {
        Ok(Context {
            ds,
            areas: AreaNames::of(&ds.monitor),
            year: report_year(years, opts.year)?,
            method: opts.method.unwrap_or(ds.monitor.method),
            // Named relative to the monitor folder, like every observation's file.
            baseline_file: crate::model::FileName::new(&ds.inputs.first().map_or_else(
                || "indicators.toml".to_string(),
                |p| crate::load::relative_name(p, crate::load::monitor_folder(p)),
            )),
            opts,
        })
    }

    /// The assessment of the rows outlined by `outlines` (every row), holding `rows`: all of
    /// them, or none when they are made and written later ([`Streamed`]).
    fn assessment(&self, outlines: &Outlines, rows: Vec<Row>) -> Assessment {
        let monitor = &self.ds.monitor;
        let aggregates = aggregate(monitor, &outlines.own);
        let summary = summary_of(&aggregates);
        let data_cutoff = outlines.latest;
        let illustrative = outlines.illustrative;

        Assessment {
            header: Header {
                tool: "ontrack",
                version: env!("CARGO_PKG_VERSION"),
                monitor: MonitorInfo {
                    name: monitor.name.clone(),
                    title: monitor.title.clone(),
                    municipality: monitor.municipality.clone(),
                    adopted: monitor.adopted.clone(),
                    document: monitor.document.clone(),
                    themes: monitor
                        .themes
                        .iter()
                        .map(|t| ThemeInfo {
                            id: t.id.clone(),
                            number: t.number,
                            name: t.name.clone(),
                            goal: t.goal.clone(),
                        })
                        .collect(),
                },
            },
            year: self.year,
            method: self.method,
            maintain_tolerance: monitor.maintain_tolerance,
            generated: self.opts.generated,
            data_cutoff,
            illustrative,
            summary,
            aggregates,
            indicators: rows,
        }
    }

    /// The rows of the indicators in `indicators`, ranked among their peers, from `series`
    /// (those indicators' series).
    fn assess_range(&self, indicators: Range<usize>, mut series: Source<'_>) -> Vec<Row> {
        let monitor = &self.ds.monitor;
        let opts = self.opts;
        let drop_observations = opts.drop_observations;
        // Room for every row at once (a row per series with data, at most one more per
        // baseline and default key), rather than doubling and copying a national list.
        let most = series.series().len()
            + indicators
                .clone()
                .map(|i| {
                    let ind = &monitor.indicators[i];
                    ind.baselines.len() + ind.series.len().max(1)
                })
                .sum::<usize>();
        let mut rows = Vec::with_capacity(if opts.only.is_some() { 0 } else { most });
        for index in indicators {
            if opts.only.is_none_or(|i| i == index) {
                assess_indicator(
                    self.ds,
                    &self.areas,
                    index,
                    &mut series,
                    self.year,
                    self.method,
                    &self.baseline_file,
                    (opts.trace, drop_observations),
                    &mut rows,
                );
            }
        }
        // A ranking is among the areas of one indicator and series: never across ranges.
        rank_peers(&mut rows);
        rows
    }

    /// How a first pass outlines the peers' rows: summarised when it goes through every
    /// indicator (the dataset's values by year are of all of them), else each on its own.
    fn peers(&self) -> Peers {
        if self.opts.only.is_none() {
            Peers::Summarised
        } else {
            Peers::Each
        }
    }

    /// The outlines of the rows of the indicators in `indicators` ([`Self::assess_range`]),
    /// from `series` (those indicators' series), without making the peers' rows
    /// ([`outline_indicator`]).
    fn outline_range(&self, indicators: Range<usize>, series: &[crate::model::Series]) -> Outlines {
        let mut source = Source::Borrowed(series);
        let mut outlines = Outlines::default();
        for index in indicators {
            if self.opts.only.is_none_or(|i| i == index) {
                outline_indicator(
                    self.ds,
                    &self.areas,
                    index,
                    &mut source,
                    (self.year, self.method, self.peers()),
                    &self.baseline_file,
                    &mut outlines,
                );
            }
        }
        outlines
    }
}

/// What a range is made for: rows to be written as the options ask, or only outlines (a first
/// pass, [`Streamed::outlines`]), which hold no row and no observation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rows {
    Written,
    Outlined,
}

/// The rows of [`assess`], made a range of indicators at a time and never held all at once:
/// for outputs that are the rows alone (CSV, TSV), whose memory then follows the series, not
/// the series and every row besides. Made by [`Streamed::new`], written by [`Streamed::each`].
pub struct Streamed<'a> {
    /// One per report year asked for: each range is assessed for each, in this order.
    years: Vec<Context<'a>>,
    series: Vec<crate::model::Series>,
}

impl<'a> Streamed<'a> {
    /// The rows of `ds` for each of `years` (the options of each report year: one for
    /// `table`, the earlier and the later for `compare`). Takes the observations out of `ds`
    /// (as [`assess`] does); the rows of every year but the last borrow what they use. Fails,
    /// before any row is made, when a report year asked for has no data.
    pub fn new(ds: &'a mut Dataset, years: &[&'a Options]) -> Result<Self> {
        let with_data = years_with_data(ds);
        let series = std::mem::take(&mut ds.series);
        let ds: &'a Dataset = ds;
        Ok(Streamed {
            years: years
                .iter()
                .map(|opts| Context::new(ds, &with_data, opts))
                .collect::<Result<_>>()?,
            series,
        })
    }

    /// The monitor assessed.
    pub fn monitor(&self) -> &crate::model::Monitor {
        &self.years[0].ds.monitor
    }

    /// Each report year, in the order asked for.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.iter().map(|c| c.year)
    }

    /// The rows of every range for each year, borrowing what they use, outlined (the peers'
    /// rows without being assessed, [`outline_indicator`]), on every core: a first pass for
    /// outputs whose aggregates come before the rows (JSON). Then [`Self::assessment`].
    ///
    /// Only the own rows are made: the peers' share of the outlines (the latest period used,
    /// whether a value used is illustrative) is the dataset's values by year up to the report
    /// year, noted while the series were checked, and their baselines of indicators.toml. Going
    /// through the peers' series for it read all of the series' memory once more per report
    /// year: national `compare --format json`'s first pass 20-24 -> 6-8 ms.
    pub fn outlines(&mut self) -> Vec<Outlines> {
        let mut outlines = vec![Outlines::default(); self.years.len()];
        self.in_ranges(
            Rows::Outlined,
            |years, indicators, part| {
                years
                    .iter()
                    .map(|c| c.outline_range(indicators.clone(), part))
                    .collect::<Vec<_>>()
            },
            |range| {
                for (all, part) in outlines.iter_mut().zip(range) {
                    all.extend(part);
                }
                Ok::<(), std::convert::Infallible>(())
            },
        )
        .unwrap_or_else(|never| match never {});
        for (context, outlines) in self.years.iter().zip(&mut outlines) {
            if context.peers() == Peers::Summarised {
                let (latest, illustrative) = context.ds.values_by_year.up_to(context.year);
                outlines.note(latest, illustrative);
            }
        }
        outlines
    }

    /// `make` on each range of indicators (of the size `made` asks for) with their series,
    /// given every year's context, on every core, and `sink` on what it made, in the ranges'
    /// order: the shape of both passes.
    fn in_ranges<T: Send, E>(
        &mut self,
        made: Rows,
        make: impl Fn(&[Context<'a>], Range<usize>, &mut [crate::model::Series]) -> T + Sync,
        sink: impl FnMut(T) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let size = self.range_size(made);
        let years = &self.years;
        // Written with their observations, a range's text is megabytes.
        let heavy = made == Rows::Written && years.iter().any(|c| !c.opts.drop_observations);
        let ahead = if heavy {
            crate::parallel::Ahead::OneMore
        } else {
            crate::parallel::Ahead::TwoPerCore
        };
        let ranges = ranges_of(&years[0].ds.monitor, &mut self.series, size);
        crate::parallel::in_order_ahead(
            ranges,
            ahead,
            |(indicators, part)| make(years, indicators, part),
            sink,
        )
    }

    /// The assessment of year `year` (its place among the years asked for) of the rows outlined
    /// by `outlines` ([`Self::outlines`]), without its rows: made and written by [`Self::each`].
    pub fn assessment(&self, year: usize, outlines: &Outlines) -> Assessment {
        self.years[year].assessment(outlines, Vec::new())
    }

    /// Assesses ranges of about [`Self::ROWS`] rows on every core, hands each range's rows (a
    /// list per report year) to `work` on the core that made them, and what it returns to `sink`
    /// in the indicators' order. At most a few ranges per core are held at a time.
    pub fn each<T: Send, E>(
        mut self,
        work: impl Fn(Vec<Vec<Row>>) -> T + Sync,
        sink: impl FnMut(T) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        self.in_ranges(
            Rows::Written,
            |years, indicators, series| {
                // Every year but the last borrows what it uses; the last takes it.
                let last = years.len() - 1;
                let mut rows: Vec<Vec<Row>> = years[..last]
                    .iter()
                    .map(|c| c.assess_range(indicators.clone(), Source::Borrowed(series)))
                    .collect();
                rows.push(years[last].assess_range(indicators, Source::Owned(series)));
                work(rows)
            },
            sink,
        )
    }

    /// About how many rows a range holds.
    const ROWS: usize = 4096;

    /// How many rows a range holds, so that a range of any command is about as many bytes:
    /// [`Self::ROWS`] shared by the report years (`compare` makes and writes two rows per
    /// series), and a quarter of that when the rows keep their observations (JSON with
    /// `--observations`: such a row is written at some 3 KB, four times a row without, and in
    /// a first pass every year's rows copied them while the whole series were held too). The
    /// ranges made and waiting to be written then hold no more than the others do: national
    /// `table --format json --observations` 221 -> 193 MiB, `compare --format json
    /// --observations` 224 -> 208 MiB; `compare --format json` written to a file 211-228 -> 200 MiB.
    /// A first pass ([`Rows::Outlined`]) holds no observations, so its ranges are of
    /// the full size, as without `--observations`: national `compare --format json
    /// --observations` 180 -> 170 MiB, and 165 MiB with those rows letting go of their copies
    /// (the pass's peak; measured, not explained: it is the allocator's, not live data).
    /// Written rows without observations take half a range: up to two ranges per core wait as
    /// text to be written, and with observations of 24 bytes (32 before) those texts had become
    /// a larger part of the peak (national `table --format json` 138 -> 127 MiB, against 90 MiB
    /// of series; the same time, and the other commands' peaks unchanged).
    fn range_size(&self, made: Rows) -> usize {
        let shared = Self::ROWS / self.years.len().max(1);
        let keep = self.years.iter().any(|c| !c.opts.drop_observations);
        match (made, keep) {
            (Rows::Written, true) => shared / 4,
            (Rows::Written, false) => shared / 2,
            (Rows::Outlined, _) => shared,
        }
    }
}

/// `series` (in key order) cut into ranges of whole indicators of about `size` rows each: each
/// range of indicators with its series.
fn ranges_of<'s>(
    monitor: &crate::model::Monitor,
    series: &'s mut [crate::model::Series],
    size: usize,
) -> Vec<(Range<usize>, &'s mut [crate::model::Series])> {
    let count = monitor.indicators.len();
    let mut starts = vec![0];
    let mut in_range = 0;
    let mut at = 0;
    for index in 0..count {
        let end = at + series[at..].partition_point(|s| s.key.indicator == index);
        let rows = (end - at) + monitor.indicators[index].baselines.len();
        if in_range > 0 && in_range + rows > size {
            starts.push(index);
            in_range = 0;
        }
        in_range += rows;
        at = end;
    }
    let ends = starts.iter().skip(1).copied().chain([count]);
    let ranges: Vec<Range<usize>> = starts.iter().zip(ends).map(|(&s, e)| s..e).collect();
    split_at_indicators(Source::Owned(series), &starts)
        .into_iter()
        .zip(ranges)
        .map(|(part, range)| match part {
            Source::Owned(part) => (range, part),
            Source::Borrowed(_) => unreachable!("the parts of owned series are owned"),
        })
        .collect()
}

fn assess_from(
    ds: &Dataset,
    source: Source<'_>,
    years: Vec<i32>,
    opts: &Options,
) -> Result<Assessment> {
    let context = Context::new(ds, &years, opts)?;
    let monitor = &ds.monitor;

    // Indicators are independent: ranges of them are assessed on every core, each with its own
    // part of the series, and joined in order.
    let count = monitor.indicators.len();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, count.max(1));
    let per = count.div_ceil(threads).max(1);
    let starts: Vec<usize> = (0..count).step_by(per).collect();
    let parts = split_at_indicators(source, &starts);
    let context = &context;
    let assess_range = |first: usize, series: Source<'_>| {
        context.assess_range(first..(first + per).min(count), series)
    };
    let rows: Vec<Row> = if parts.len() == 1 {
        parts.into_iter().flat_map(|p| assess_range(0, p)).collect()
    } else {
        std::thread::scope(|scope| {
            let ranges: Vec<_> = parts
                .into_iter()
                .enumerate()
                .map(|(i, part)| {
                    let assess_range = &assess_range;
                    scope.spawn(move || assess_range(i * per, part))
                })
                .collect();
            // Joined onto the first range's rows: grown in place (a large block is remapped,
            // not copied), never a second copy of them all.
            let mut ranges = ranges
                .into_iter()
                .map(|r| r.join().expect("an assessing thread does not panic"));
            let mut rows = ranges.next().unwrap_or_default();
            let rest: Vec<Vec<Row>> = ranges.collect();
            rows.reserve_exact(rest.iter().map(Vec::len).sum());
            for mut part in rest {
                rows.append(&mut part);
            }
            rows
        })
    };

    Ok(context.assessment(&Outlines::of(&rows), rows))
}

/// The counts of the indicators' statuses, in the order of [`Status::ALL`], those with none
/// left out.
fn summary_of(aggregates: &Aggregates) -> Vec<StatusCount> {
    Status::ALL
        .iter()
        .map(|s| StatusCount {
            status: *s,
            indicators: aggregates
                .indicators
                .iter()
                .filter(|a| a.status == *s)
                .count(),
        })
        .filter(|c| c.indicators > 0)
        .collect()
}

/// What a first pass keeps of the rows for the aggregates and the assessment's header, without
/// holding the rows: the outlines of the municipality's own rows (the aggregates are of those;
/// a peer's rows are ranked, never aggregated), which indicators have rows at all (what
/// `--theme` and `--indicator` keep the aggregates of), the latest period of any value and
/// whether any is illustrative. Most rows of a national monitor are peers': of its 188,100
/// rows, 550 are its own, so a first pass holds some 17 KiB rather than 6 MiB per year.
#[derive(Debug, Clone, Default)]
pub struct Outlines {
    own: Vec<Outline>,
    /// The indicators (by place) that have rows, in the rows' order.
    with_rows: Vec<u32>,
    latest: Option<Period>,
    illustrative: bool,
}

impl Outlines {
    /// The outlines of `rows`.
    pub fn of(rows: &[Row]) -> Self {
        let mut outlines = Outlines::default();
        for row in rows {
            outlines.add(row);
        }
        outlines
    }

    fn add(&mut self, row: &Row) {
        self.add_outline(Outline::of(row));
    }

    /// A peer's row of series `key`, by its latest period and whether a value it uses is
    /// illustrative: all an outline of a peer's row is used for.
    fn add_peer(&mut self, key: SeriesKey, latest: Option<Period>, illustrative: bool) {
        debug_assert!(key.area.is_some());
        let place = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
        self.add_outline(Outline {
            indicator: place(key.indicator),
            series: key.series.map(place),
            peer: true,
            score: 0.0,
            scored: false,
            status: Status::NotAssessable,
            latest,
            illustrative,
        });
    }

    /// Values used by rows outlined elsewhere: the latest period of any, and whether any is
    /// illustrative.
    fn note(&mut self, latest: Option<Period>, illustrative: bool) {
        self.latest = self.latest.max(latest);
        self.illustrative |= illustrative;
    }

    fn add_outline(&mut self, outline: Outline) {
        // Rows come in key order: an indicator's rows are together.
        if self.with_rows.last() != Some(&outline.indicator) {
            self.with_rows.push(outline.indicator);
        }
        self.latest = self.latest.max(outline.latest);
        self.illustrative |= outline.illustrative;
        if !outline.peer {
            self.own.push(outline);
        }
    }

    /// Takes in the outlines of the rows after these.
    pub fn extend(&mut self, later: Outlines) {
        let first = usize::from(self.with_rows.last() == later.with_rows.first());
        self.with_rows
            .extend(&later.with_rows[first.min(later.with_rows.len())..]);
        self.own.extend(later.own);
        self.latest = self.latest.max(later.latest);
        self.illustrative |= later.illustrative;
    }

    /// The theme and indicator (ids) of each indicator that has rows.
    pub(crate) fn names<'m>(
        &self,
        monitor: &'m crate::model::Monitor,
    ) -> impl Iterator<Item = (&'m str, &'m str)> + use<'_, 'm> {
        self.with_rows.iter().map(|&i| {
            let ind = &monitor.indicators[i as usize];
            (monitor.themes[ind.theme].id.as_str(), ind.id.as_str())
        })
    }
}

/// What the aggregates and the assessment's header take from a row: enough to make them
/// without holding the rows. Names by place in the monitor, not by name, and the score's
/// presence as a flag of its own beside the value (an `Option<f64>` is 16 bytes): 32 bytes
/// rather than 48. [`Outlines`] holds those of the own rows.
#[derive(Debug, Clone)]
struct Outline {
    indicator: u32,
    series: Option<u32>,
    peer: bool,
    /// The score, when `scored`.
    score: f64,
    scored: bool,
    status: Status,
    latest: Option<Period>,
    illustrative: bool,
}

impl Outline {
    pub fn of(row: &Row) -> Self {
        // Places in a monitor's lists, which indicators.toml could never make 4 G long.
        let place = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
        Outline {
            indicator: place(row.key.indicator),
            series: row.key.series.map(place),
            peer: row.peer,
            score: row.score.unwrap_or_default(),
            scored: row.score.is_some(),
            status: row.status,
            latest: row.latest.as_ref().map(|l| l.period),
            illustrative: row.illustrative,
        }
    }

    /// The row's score, if it has one.
    fn score(&self) -> Option<f64> {
        self.scored.then_some(self.score)
    }
}

/// Every area's name as the rows carry it ([`Name`]), per indicator: a national monitor's
/// hundreds of areas appear in hundreds of thousands of rows. Indicators share their list of
/// peers where indicators.toml does (read once), so each list's names are made once, and a
/// row's area is then found by its place, not looked up by its name.
struct AreaNames {
    municipality: Name,
    /// The names of each distinct list of peers.
    lists: Vec<Vec<Name>>,
    /// Per indicator: its list of peers in `lists`.
    of_indicator: Vec<usize>,
}

impl AreaNames {
    fn of(monitor: &crate::model::Monitor) -> Self {
        // A list is known by where it is held: indicators that share one share the place.
        let mut known: rustc_hash::FxHashMap<*const String, usize> = Default::default();
        let mut lists: Vec<Vec<Name>> = Vec::new();
        let of_indicator = monitor
            .indicators
            .iter()
            .map(|ind| {
                *known.entry(ind.peers.as_ptr()).or_insert_with(|| {
                    lists.push(ind.peers.iter().map(|p| name(p)).collect());
                    lists.len() - 1
                })
            })
            .collect();
        AreaNames {
            municipality: name(&monitor.municipality),
            lists,
            of_indicator,
        }
    }

    /// The names of indicator `index`'s peers, in their order.
    fn peers_of(&self, index: usize) -> &[Name] {
        &self.lists[self.of_indicator[index]]
    }
}

/// The names an indicator's rows share: one copy per indicator, not per row.
struct Names<'a> {
    id: Name,
    title: Name,
    theme: Name,
    unit: Name,
    /// The indicator's source: named once, not copied into each of its rows (a national
    /// monitor's rows each made a copy, and let go of it, twice a pass for `compare`).
    source: Option<Name>,
    /// Per series: its label and id.
    series: Vec<(Name, Name)>,
    /// The municipality's name and the indicator's peers'.
    municipality: Name,
    peers: &'a [Name],
    baselines: crate::model::BaselinesByKey<'a>,
    /// Where a baseline from indicators.toml comes from: that file, remarked with the
    /// indicator's source and "baseline"; not illustrative, and illustrative.
    baseline_provenance: [&'static crate::model::Provenance; 2],
}

impl<'a> Names<'a> {
    fn of(
        monitor: &crate::model::Monitor,
        (index, ind): (usize, &'a crate::model::Indicator),
        areas: &'a AreaNames,
        baseline_file: crate::model::FileName,
    ) -> Self {
        let baseline_remarks = crate::model::Remarks::shared(
            ind.source.as_deref().map(Arc::from),
            Some(Arc::from("baseline")),
        );
        // The plan's provenances have room of their own, past the rows' share
        // (`Provenance::ROWS_COUNT`): two per distinct source of an indicator.
        let provenance = |illustrative| {
            crate::model::Provenance::shared(baseline_file, baseline_remarks, illustrative)
                .expect("the room kept for the plan's provenances holds its baselines'")
        };
        Names {
            id: name(&ind.id),
            title: name(&ind.title),
            theme: name(&monitor.themes[ind.theme].id),
            unit: name(&ind.unit),
            source: ind.source.as_deref().map(name),
            series: ind
                .series
                .iter()
                .map(|s| (name(&s.label), name(&s.id)))
                .collect(),
            municipality: areas.municipality,
            peers: areas.peers_of(index),
            baselines: ind.baselines_by_key(),
            baseline_provenance: [provenance(false), provenance(true)],
        }
    }

    /// The name of `area` (None: the municipality).
    fn area(&self, area: Option<usize>) -> Name {
        area.map_or(self.municipality, |i| self.peers[i])
    }
}

/// The rows of indicator `index`: one per series and area with a baseline or observations,
/// and the own municipality's series always, with their observations from `source`.
#[allow(clippy::too_many_arguments)]
fn assess_indicator(
    ds: &Dataset,
    areas: &AreaNames,
    index: usize,
    source: &mut Source<'_>,
    year: i32,
    method: Method,
    baseline_file: &crate::model::FileName,
    (trace, drop_observations): (bool, bool),
    rows: &mut Vec<Row>,
) {
    let ind = &ds.monitor.indicators[index];
    let names = Names::of(&ds.monitor, (index, ind), areas, *baseline_file);
    let rule = (year, method);
    for (key, at) in row_keys(ind, index, source) {
        let observations = source.take(at, year);
        let mut steps = trace::KeepIf::new(trace);
        let used = assess_row(ds, &names, key, observations, rule, &mut steps, rows);
        let row = rows.last_mut().expect("assess_row made a row");
        row.trace = steps.into_steps();
        if drop_observations {
            source.done_with(used);
        } else {
            row.observations = used.into_owned();
        }
    }
}

/// The outlines of the rows of indicator `index` ([`assess_indicator`]), from `source`. A
/// peer's row is not assessed: what an outline takes from it, its latest period and whether a
/// value is illustrative, are of the values it uses ([`values_used`]), whatever the method
/// concludes; the aggregates are of the own rows alone, which are assessed.
fn outline_indicator(
    ds: &Dataset,
    areas: &AreaNames,
    index: usize,
    source: &mut Source<'_>,
    (year, method, peers): (i32, Method, Peers),
    baseline_file: &crate::model::FileName,
    outlines: &mut Outlines,
) {
    let ind = &ds.monitor.indicators[index];
    let names = Names::of(&ds.monitor, (index, ind), areas, *baseline_file);
    let rule = (year, method);
    // Where an own row is made to be outlined, one at a time.
    let mut own = Vec::with_capacity(1);
    for (key, at) in row_keys(ind, index, source) {
        if key.area.is_some() && peers == Peers::Summarised {
            // Its observations are in the dataset's values by year; a baseline of
            // indicators.toml is used where no measurement gives its period.
            if let Some(b) = names.baselines.get(key.series, key.area) {
                if b.period.year() <= year {
                    let measured = at.is_some_and(|at| {
                        source.series()[at]
                            .observations
                            .iter()
                            .any(|o| o.period() == b.period)
                    });
                    outlines.note(Some(b.period), b.illustrative && !measured);
                }
            }
            continue;
        }
        let observations = source.take(at, year);
        if key.area.is_some() {
            let used = values_used(&names, key, observations, year);
            outlines.add_peer(
                key,
                used.last().map(|o| o.period()),
                any_illustrative(&used),
            );
            source.done_with(used);
        } else {
            let mut steps = trace::KeepIf::new(false);
            let used = assess_row(ds, &names, key, observations, rule, &mut steps, &mut own);
            let row = own.pop().expect("assess_row made a row");
            outlines.add(&row);
            source.done_with(used);
        }
    }
}

/// How a first pass outlines the peers' rows: each from its values, or all of them summarised
/// by the dataset's values by year ([`crate::load::ValuesByYear`]), which are the peers' whole
/// share of the outlines (the latest period of a value used and whether one is illustrative;
/// a peer's row is ranked, never aggregated), without reading their series again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Peers {
    Each,
    Summarised,
}

/// The series indicator `index` has a row for, in order: each with a baseline or observations
/// in `source`, and the own municipality's series always; each with the place of its
/// observations in `source`, if it has any.
/// The series with observations come in order already: the few others are sorted and merged
/// in, rather than every key sorted again (a national indicator has hundreds of areas).
fn row_keys(
    ind: &crate::model::Indicator,
    index: usize,
    source: &Source<'_>,
) -> Vec<(SeriesKey, Option<usize>)> {
    let mut others: Vec<SeriesKey> = ind
        .baselines
        .iter()
        .map(|b| SeriesKey {
            indicator: index,
            series: b.series,
            area: b.area,
        })
        .collect();
    if ind.series.is_empty() {
        others.push(SeriesKey {
            indicator: index,
            series: None,
            area: None,
        });
    } else {
        others.extend((0..ind.series.len()).map(|s| SeriesKey {
            indicator: index,
            series: Some(s),
            area: None,
        }));
    }
    others.sort();
    others.dedup();
    let mut others = others.into_iter().peekable();
    let places = source.places_of(index);
    let mut keys = Vec::with_capacity(places.len() + others.len());
    for (series, at) in source.series()[places.clone()].iter().zip(places) {
        let key = series.key;
        while let Some(other) = others.next_if(|o| *o < key) {
            keys.push((other, None));
        }
        others.next_if_eq(&key);
        keys.push((key, Some(at)));
    }
    keys.extend(others.map(|o| (o, None)));
    keys
}

/// The values a row of `key` uses: its `observations` up to the report year, and the
/// baseline from indicators.toml where no measurement file gives its period.
fn values_used<'o>(
    names: &Names<'_>,
    key: SeriesKey,
    observations: Cow<'o, [Observation]>,
    year: i32,
) -> Cow<'o, [Observation]> {
    let mut used = observations;
    if used.iter().any(|o| o.period().year() > year) {
        used.to_mut().retain(|o| o.period().year() <= year);
    }
    if let Some(b) = names.baselines.get(key.series, key.area) {
        if b.period.year() <= year && !used.iter().any(|o| o.period() == b.period) {
            used.to_mut().push(Observation::new(
                b.period,
                b.value,
                names.baseline_provenance[usize::from(b.illustrative)],
                // indicators.toml is a few MiB at most: its lines are far from the limit.
                u32::try_from(b.line.min(crate::model::MAX_LINE)).unwrap_or(0),
            ));
            used.to_mut().sort_by_key(|o| o.period());
        }
    }
    used
}

/// Whether any of `used` is illustrative: a row's `illustrative`.
fn any_illustrative(used: &[Observation]) -> bool {
    used.iter().any(|o| o.illustrative())
}

/// The row of series `key` from its `observations`, pushed onto `rows`; the observations are
/// given back, as used (those up to the report year, and a baseline of indicators.toml among
/// them). Made where it is kept: a row is some 650 bytes, copied on its way when it was
/// returned to be pushed (national `table --format csv`, the phase after checking 52 -> 49
/// ms; `compare` csv 80 -> 77 ms, medians of 15 and 11).
fn assess_row<'o>(
    ds: &Dataset,
    names: &Names<'_>,
    key: SeriesKey,
    observations: Cow<'o, [Observation]>,
    (year, method): (i32, Method),
    rec: &mut impl trace::Recorder,
    rows: &mut Vec<Row>,
) -> Cow<'o, [Observation]> {
    let monitor = &ds.monitor;
    let ind = &monitor.indicators[key.indicator];
    let baseline = names.baselines.get(key.series, key.area);

    let used = values_used(names, key, observations, year);
    let latest = used.last().map(|o| Value {
        value: o.value,
        period: o.period(),
        illustrative: o.illustrative(),
    });
    let d = ind.direction.sign();

    // Change and progress are measured from the baseline: a report year before it has neither.
    let baseline_in_reach = baseline.filter(|b| b.period.year() <= year);
    let change = match (baseline_in_reach, &latest) {
        (Some(b), Some(l)) => Some(Change {
            absolute: difference(b.value, l.value),
            relative: (b.value != 0.0).then(|| (l.value - b.value) / b.value.abs()),
        }),
        _ => None,
    };
    let improved = match (&change, d) {
        (Some(c), Some(d)) => Some(d * c.absolute > 0.0),
        _ => None,
    };
    let target = ind.target.clone();
    let (mut progress, mut gap, mut expected) = (None, None, None);
    if let Some(t) = &target {
        if let Some(l) = &latest {
            gap = Some(difference(l.value, t.value));
        }
        if let Some(b) = baseline_in_reach {
            expected = progress::expected_on_path(
                f64::from(b.period.year()),
                b.value,
                f64::from(t.year),
                t.value,
                f64::from(year),
            );
            if let Some(l) = &latest {
                progress = (t.value != b.value).then(|| (l.value - b.value) / (t.value - b.value));
            }
        }
    }

    // The method's base: the baseline as defined where the base year is the baseline's; else
    // (a `base_year` of its own, or no baseline) the value in the base year or the first later
    // one.
    let base_year = ind
        .base_year
        .or(baseline.map(|b| b.period.year()))
        .or(used.first().map(|o| o.period().year()));
    let base = match baseline {
        Some(b) if base_year == Some(b.period.year()) => {
            used.iter().find(|o| o.period() == b.period)
        }
        _ => base_year.and_then(|t0| used.iter().find(|o| o.period().year() >= t0)),
    };

    let mut row_method = None;
    let mut inputs = None;
    let mut thresholds = None;
    let (mut status, mut score, mut progress_value, mut reason) =
        (Status::NotAssessable, None, None, None);
    match (d, base, &latest) {
        (None, _, _) => {
            status = Status::NoDirection;
            rec.record(|| trace::Step::new(trace::Rule::NoDirection));
        }
        (Some(_), None, _) | (Some(_), _, None) => {
            let why = if used.is_empty() {
                "no data up to the report year".to_string()
            } else {
                format!(
                    "no value in or after the base year {}",
                    base_year.unwrap_or(year)
                )
            };
            rec.record(|| {
                trace::Step::new(trace::Rule::NotAssessable {
                    reason: why.clone(),
                })
            });
            reason = Some(why);
        }
        (Some(d), Some(base), Some(latest)) => {
            let input = SeriesInput {
                base_year: f64::from(base.period().year()),
                base_value: base.value,
                current_year: f64::from(latest.period.year()),
                current_value: latest.value,
                direction: d,
                target: target.as_ref().map(|t| (t.value, f64::from(t.year))),
                limit: ind.limit,
                thresholds: ind.thresholds,
            };
            let chosen = ind.method.unwrap_or(method);
            let outcome = match (ind.goal, chosen) {
                (Goal::Maintain, _) => {
                    progress::maintain_traced(&input, monitor.maintain_tolerance, rec)
                }
                (Goal::Improve, Method::OpenSdg) => progress::open_sdg_traced(&input, rec),
                (Goal::Improve, Method::Linear) => progress::linear_traced(&input, rec),
            };
            row_method = Some(if chosen == Method::Linear && target.is_none() {
                Method::OpenSdg
            } else {
                chosen
            });
            inputs = Some(Inputs {
                base_year: base.period().year(),
                base_value: base.value,
                current_year: latest.period.year(),
                current_value: latest.value,
                target: target.as_ref().map(|t| t.value),
                target_year: target.as_ref().map(|t| t.year),
                limit: ind.limit,
                coefficient: outcome.coefficient,
            });
            thresholds = Some(outcome.thresholds);
            status = outcome.status;
            score = outcome.score;
            progress_value = outcome.progress_value;
            reason = outcome.reason;
        }
    }
    let mut manual = None;
    if let (Some(m), None) = (&ind.manual, key.area) {
        manual = Some(Manual {
            reason: m.reason.clone(),
            computed_status: status,
            computed_score: score,
        });
        let computed = status;
        status = m.status;
        score = manual_score(m.status);
        rec.record(|| {
            let step = trace::Step::new(trace::Rule::Manual {
                status,
                computed,
                reason: m.reason.clone(),
            });
            match score {
                Some(v) => step.value(v),
                None => step,
            }
        });
    }

    rows.push(Row {
        id: names.id,
        title: names.title,
        theme: names.theme,
        series: key.series.map(|s| names.series[s].0),
        series_id: key.series.map(|s| names.series[s].1),
        area: names.area(key.area),
        peer: key.area.is_some(),
        unit: names.unit,
        direction: ind.direction,
        goal: ind.goal,
        baseline: baseline.map(|b| BaselineValue {
            value: b.value,
            period: b.period,
            count: b.count,
            denominator: b.denominator,
            as_written: ind.baseline_as_written.clone(),
        }),
        target,
        illustrative: any_illustrative(&used),
        latest,
        change,
        improved,
        progress,
        gap,
        expected,
        method: row_method,
        status,
        manual,
        score,
        progress_value,
        inputs,
        thresholds,
        reason,
        rank: None,
        source: names.source,
        observations: Vec::new(),
        trace: Vec::new(),
        key,
    });
    used
}

/// `later − earlier` without the noise of binary fractions (64.9 − 63.8 is 1.1, not
/// 1.1000000000000085): rounded to ten decimals, far below any measured precision.
pub fn difference(earlier: f64, later: f64) -> f64 {
    crate::model::without_noise(later - earlier)
}

/// Ranks the areas of each indicator (and series) that is compared with peers: standard
/// competition ranking ("1224": equal values share the best of their positions), over the areas
/// whose latest value is of the group's latest period; an area whose latest value is older is
/// not ranked (its rank is null), so values of different periods are never set against each
/// other.
fn rank_peers(rows: &mut [Row]) {
    // Rows come in key order: the areas of one indicator and series are one contiguous run.
    let mut groups: Vec<Range<usize>> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        match groups.last_mut() {
            Some(g)
                if rows[g.start].key.indicator == r.key.indicator
                    && rows[g.start].key.series == r.key.series =>
            {
                g.end = i + 1
            }
            _ => groups.push(i..i + 1),
        }
    }
    for members in groups {
        if !rows[members.clone()].iter().any(|r| r.peer) {
            continue;
        }
        let Some(period) = rows[members.clone()]
            .iter()
            .filter_map(|r| r.latest.as_ref().map(|l| l.period))
            .max()
        else {
            continue;
        };
        let d = rows[members.start].direction.sign();
        // No direction: 1 is the lowest value. With one: 1 is the best.
        let key = |v: f64| if d == Some(1.0) { -v } else { v };
        let mut values: Vec<(f64, usize)> = members
            .filter_map(|i| {
                let l = rows[i].latest.as_ref()?;
                (l.period == period).then_some((key(l.value), i))
            })
            .collect();
        // Sorted once: each run of equal values shares the position of its first member.
        values.sort_by(|a, b| a.0.total_cmp(&b.0));
        let of = values.len();
        let mut start = 0;
        while start < of {
            let end = start
                + values[start..]
                    .iter()
                    .take_while(|(v, _)| *v == values[start].0)
                    .count();
            for &(_, i) in &values[start..end] {
                rows[i].rank = Some(Rank {
                    position: start + 1,
                    of,
                    order: if d.is_none() {
                        RankOrder::Ascending
                    } else {
                        RankOrder::BestFirst
                    },
                    period,
                    tied: end - start > 1,
                });
            }
            start = end;
        }
    }
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// Builds an aggregate from member (score, status) pairs.
fn combine(id: String, name: String, members: &[(Option<f64>, Status)]) -> Aggregate {
    let scores: Vec<f64> = members.iter().filter_map(|m| m.0).collect();
    let scored = || members.iter().filter(|m| m.0.is_some());
    let all_achieved = scored().all(|m| m.1 == Status::TargetAchieved);
    // Every scored member's target year has passed, and not every target was met.
    let all_closed =
        scored().all(|m| matches!(m.1, Status::TargetAchieved | Status::TargetNotAchieved));
    let status = match mean(&scores) {
        Some(_) if !all_achieved && all_closed => Status::TargetNotAchieved,
        Some(s) => progress::status_from_score(s, all_achieved),
        None if !members.is_empty() && members.iter().all(|m| m.1 == Status::NoDirection) => {
            Status::NoDirection
        }
        None => Status::NotAssessable,
    };
    Aggregate {
        id,
        name,
        score: mean(&scores),
        status,
        scored: scores.len(),
        members: members.len(),
    }
}

fn aggregate(monitor: &crate::model::Monitor, rows: &[Outline]) -> Aggregates {
    let mut own_rows: Vec<Vec<&Outline>> = vec![Vec::new(); monitor.indicators.len()];
    for r in rows.iter().filter(|r| !r.peer) {
        own_rows[r.indicator as usize].push(r);
    }
    let mut indicators = Vec::new();
    for (ind, own) in monitor.indicators.iter().zip(own_rows) {
        // Series in one group are averaged first; a series without a group is its own group.
        let mut groups: BTreeMap<String, Vec<&Outline>> = BTreeMap::new();
        for r in &own {
            let group = r
                .series
                .and_then(|s| ind.series.get(s as usize))
                .map(|s| s.group.clone().unwrap_or_else(|| s.id.clone()))
                .unwrap_or_default();
            groups.entry(group).or_default().push(r);
        }
        let members: Vec<(Option<f64>, Status)> = groups
            .values()
            .map(|g| {
                let rows: Vec<(Option<f64>, Status)> =
                    g.iter().map(|r| (r.score(), r.status)).collect();
                let group = combine(String::new(), String::new(), &rows);
                (group.score, group.status)
            })
            .collect();
        let mut agg = combine(ind.id.clone(), ind.title.clone(), &members);
        if let Some(m) = &ind.manual {
            agg.status = m.status;
        }
        indicators.push(agg);
    }
    let mut themes = Vec::new();
    for (t, theme) in monitor.themes.iter().enumerate() {
        let members: Vec<(Option<f64>, Status)> = monitor
            .indicators
            .iter()
            .zip(&indicators)
            .filter(|(i, _)| i.theme == t)
            .map(|(_, a)| (a.score, a.status))
            .collect();
        themes.push(combine(theme.id.clone(), theme.name.clone(), &members));
    }
    let plan_members = match monitor.aggregation {
        Aggregation::Indicator => &indicators,
        Aggregation::Theme => &themes,
    };
    let members: Vec<(Option<f64>, Status)> =
        plan_members.iter().map(|a| (a.score, a.status)).collect();
    let plan = combine(monitor.name.clone(), monitor.title.clone(), &members);
    Aggregates {
        indicators,
        themes,
        plan_of: monitor.aggregation,
        plan,
    }
}

/// The rows `--theme` and `--indicator` keep: those of the given themes (id or number) and
/// indicator ids; empty lists keep every row.
pub(crate) struct Selection<'a> {
    themes: Vec<String>,
    ids: &'a [String],
}

impl<'a> Selection<'a> {
    /// Checks every name against the known themes (id, number) and indicator ids: an unknown
    /// one is an error that suggests the closest known name.
    pub(crate) fn new<'k>(
        themes: &[String],
        ids: &'a [String],
        known_themes: impl Iterator<Item = (&'k str, Option<u32>)> + Clone,
        known_ids: impl Iterator<Item = &'k str> + Clone,
    ) -> Result<Self> {
        let mut theme_ids = Vec::new();
        for wanted in themes {
            let found = known_themes.clone().find(|(id, number)| {
                *id == wanted || number.is_some_and(|n| n.to_string() == *wanted)
            });
            match found {
                Some((id, _)) => theme_ids.push(id.to_string()),
                None => {
                    let hint =
                        crate::error::did_you_mean(wanted, known_themes.clone().map(|(id, _)| id));
                    return Err(Error::usage(format!("unknown theme `{wanted}`{hint}")));
                }
            }
        }
        for wanted in ids {
            if !known_ids.clone().any(|id| id == wanted) {
                let hint = crate::error::did_you_mean(wanted, known_ids.clone());
                return Err(Error::usage(format!("unknown indicator `{wanted}`{hint}")));
            }
        }
        Ok(Selection {
            themes: theme_ids,
            ids,
        })
    }

    /// No theme or indicator named: every row is kept.
    pub(crate) fn is_everything(&self) -> bool {
        self.themes.is_empty() && self.ids.is_empty()
    }

    /// Keeps a row of theme `theme` and indicator `id`.
    pub(crate) fn keeps(&self, theme: &str, id: &str) -> bool {
        (self.themes.is_empty() || self.themes.iter().any(|t| t == theme))
            && (self.ids.is_empty() || self.ids.iter().any(|i| i == id))
    }
}

impl Assessment {
    /// Keeps the indicator and theme aggregates of the kept rows, `(theme, id)` of each, and
    /// counts the indicators' statuses again.
    pub(crate) fn keep_aggregates_of<'r>(
        &mut self,
        kept: impl Iterator<Item = (&'r str, &'r str)>,
    ) {
        // Sets, not lists: a national monitor has hundreds of thousands of rows.
        let (themes, ids): (rustc_hash::FxHashSet<&str>, rustc_hash::FxHashSet<&str>) =
            kept.unzip();
        self.aggregates
            .indicators
            .retain(|a| ids.contains(a.id.as_str()));
        self.aggregates
            .themes
            .retain(|t| themes.contains(t.id.as_str()));
        self.summary = summary_of(&self.aggregates);
    }

    /// Keeps only the rows (and indicator and theme aggregates) of the given themes (id or
    /// number) and indicator ids; empty lists keep everything. Unknown names are an error that
    /// suggests the closest known one. The plan aggregate stays that of the whole plan.
    pub(crate) fn retain(&mut self, themes: &[String], ids: &[String]) -> Result<()> {
        let selection = Selection::new(
            themes,
            ids,
            self.header
                .monitor
                .themes
                .iter()
                .map(|t| (t.id.as_str(), t.number)),
            self.aggregates.indicators.iter().map(|a| a.id.as_str()),
        )?;
        if !selection.is_everything() {
            self.indicators.retain(|r| selection.keeps(r.theme, r.id));
        }
        let rows = std::mem::take(&mut self.indicators);
        self.keep_aggregates_of(rows.iter().map(|r| (r.theme, r.id)));
        self.indicators = rows;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Outlines keep the municipality's own rows only, each indicator with rows once, the
    /// latest period and whether any value is illustrative; made a range at a time and joined,
    /// they are those of all the rows at once, and the assessment made from them is the one
    /// made with the rows.
    #[test]
    fn outlines_keep_the_own_rows_and_join_in_any_ranges_as_all_rows_at_once() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let data = crate::load::load(&root.join("indicators.toml"), &root.join("measurements"))
            .expect("the bundled monitor loads");
        let assessment = assess_borrowed(&data, &Options::default()).unwrap();
        let rows = &assessment.indicators;
        assert!(rows.iter().any(|r| r.peer), "the bundled monitor has peers");
        let whole = Outlines::of(rows);
        assert_eq!(whole.own.len(), rows.iter().filter(|r| !r.peer).count());
        assert!(whole.own.iter().all(|o| !o.peer));
        let mut ids: Vec<&str> = rows.iter().map(|r| r.id).collect();
        ids.dedup();
        let names: Vec<&str> = whole.names(&data.monitor).map(|(_, id)| id).collect();
        assert_eq!(names, ids);
        assert_eq!(whole.latest, assessment.data_cutoff);
        assert_eq!(whole.illustrative, assessment.illustrative);
        // Cut anywhere (also inside an indicator's rows, and into empty parts).
        for size in [1, 2, 3, 5, rows.len()] {
            let mut joined = Outlines::default();
            joined.extend(Outlines::of(&[]));
            for part in rows.chunks(size) {
                joined.extend(Outlines::of(part));
            }
            assert_eq!(
                format!("{joined:?}"),
                format!("{whole:?}"),
                "ranges of {size}"
            );
        }
        let years = years_with_data(&data);
        let opts = Options::default();
        let context = Context::new(&data, &years, &opts).unwrap();
        let made = context.assessment(&whole, Vec::new());
        assert_eq!(
            serde_json::to_string(&made).unwrap(),
            serde_json::to_string(&Assessment {
                indicators: Vec::new(),
                ..assessment.clone()
            })
            .unwrap()
        );
    }

    /// A first pass summarises the peers' rows by the dataset's values by year: for every
    /// report year it outlines what outlining each row would (and what one indicator alone,
    /// whose peers are outlined each, does). The peers here decide the data cutoff and
    /// `illustrative`: a month after the own values, an illustrative value after a report
    /// year, an illustrative baseline that a measurement of its period stands in for (not
    /// used) and one that none does (used from its year on).
    #[test]
    fn a_first_pass_summarising_the_peers_outlines_as_each_row_would() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("indicators.toml"),
            r#"[monitor]
name = "t"
title = "T"
municipality = "Stad"
peers = ["Dorp", "Veld", "Wijk"]

[[theme]]
id = "t"
number = 1
name = "T"

[[indicator]]
id = "a"
theme = "t"
title = "A"
unit = "%"
direction = "increase"
[[indicator.baseline]]
value = 10
period = "2018"
[[indicator.baseline]]
area = "Dorp"
value = 12
period = "2019"
illustrative = true
[[indicator.baseline]]
area = "Veld"
value = 13
period = "2017"
illustrative = true
"#,
        )
        .unwrap();
        let measurements = dir.path().join("measurements");
        std::fs::create_dir(&measurements).unwrap();
        let header = "indicator,series,area,period,value,illustrative\n";
        for (file, rows) in [
            ("2017.csv", "a,,Veld,2017,13,false\n"),
            ("2019.csv", "a,,,2019,11,false\na,,Wijk,2019-07,15,false\n"),
            ("2020.csv", "a,,Wijk,2020,16,true\n"),
        ] {
            std::fs::write(measurements.join(file), format!("{header}{rows}")).unwrap();
        }
        let data = crate::load::load(&dir.path().join("indicators.toml"), &measurements)
            .expect("the monitor loads");
        let month = Period::parse("2019-07").unwrap();
        for (year, latest, illustrative) in [
            (2017, Period::year_only(2017), false),
            (2018, Period::year_only(2018), false),
            (2019, month, true),
            (2020, Period::year_only(2020), true),
        ] {
            let opts = Options {
                year: Some(year),
                ..Options::default()
            };
            let rows = assess_borrowed(&data, &opts).unwrap().indicators;
            let each = Outlines::of(&rows);
            assert_eq!(
                (each.latest, each.illustrative),
                (Some(latest), illustrative)
            );
            let mut loaded = data.clone();
            let mut streamed = Streamed::new(&mut loaded, &[&opts]).unwrap();
            assert_eq!(streamed.years[0].peers(), Peers::Summarised);
            let summarised = streamed.outlines().pop().unwrap();
            assert_eq!(format!("{summarised:?}"), format!("{each:?}"), "{year}");
            // One indicator alone: each peer's row outlined from its own values.
            let one = Options {
                only: Some(0),
                ..opts.clone()
            };
            let mut loaded = data.clone();
            let mut streamed = Streamed::new(&mut loaded, &[&one]).unwrap();
            assert_eq!(streamed.years[0].peers(), Peers::Each);
            let outlined = streamed.outlines().pop().unwrap();
            assert_eq!(format!("{outlined:?}"), format!("{each:?}"), "{year}, one");
        }
    }

    #[test]
    fn an_outline_is_small_and_tells_a_zero_score_from_none() {
        // Held for every own row of both years of `compare`.
        assert_eq!(std::mem::size_of::<Outline>(), 32);
        let outline = |score: Option<f64>| Outline {
            indicator: 0,
            series: None,
            peer: false,
            score: score.unwrap_or_default(),
            scored: score.is_some(),
            status: Status::ModerateProgress,
            latest: None,
            illustrative: false,
        };
        for score in [None, Some(0.0), Some(-2.5), Some(5.0)] {
            assert_eq!(outline(score).score(), score);
        }
    }

    /// A borrowed series lends its values up to the report year (its start: it is in period
    /// order) without a copy, and copies only the values of those years when it is not in order;
    /// an owned one gives all of them up.
    #[test]
    fn a_borrowed_series_lends_its_start_and_an_owned_one_is_taken() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let data = crate::load::load(&root.join("indicators.toml"), &root.join("measurements"))
            .expect("the bundled monitor loads");
        let long = data
            .series
            .iter()
            .max_by_key(|s| s.observations.len())
            .expect("the bundled monitor has series");
        let all = &long.observations;
        let cut = all[all.len() / 2].period().year();
        let wanted: Vec<String> = all
            .iter()
            .filter(|o| o.period().year() <= cut)
            .map(|o| format!("{:?}", o.period()))
            .collect();
        assert!(wanted.len() < all.len(), "a later year is left out");
        let periods = |c: &Cow<'_, [Observation]>| -> Vec<String> {
            c.iter().map(|o| format!("{:?}", o.period())).collect()
        };

        let in_order = [crate::model::Series {
            key: long.key,
            observations: all.clone(),
        }];
        let lent = Source::Borrowed(&in_order).take(Some(0), cut);
        assert!(
            matches!(lent, Cow::Borrowed(_)),
            "no copy of a series in order"
        );
        assert_eq!(periods(&lent), wanted);

        let mut reversed = all.clone();
        reversed.reverse();
        let out_of_order = [crate::model::Series {
            key: long.key,
            observations: reversed,
        }];
        let copied = Source::Borrowed(&out_of_order).take(Some(0), cut);
        assert!(matches!(copied, Cow::Owned(_)));
        let mut got = periods(&copied);
        got.reverse();
        assert_eq!(got, wanted, "every value of the years wanted, none later");

        let mut owned = in_order.clone();
        let taken = Source::Owned(&mut owned).take(Some(0), cut);
        assert_eq!(
            taken.len(),
            all.len(),
            "taken whole: the row leaves out later years"
        );
        assert!(owned[0].observations.is_empty());
        assert!(
            Source::Borrowed(&in_order).take(None, cut).is_empty(),
            "a row without a series has no observations"
        );
    }

    /// The rows' keys merged from the series with values (in order) and the others (baselines,
    /// the own series) are every key once, in order, each with its series' place: as sorting
    /// them all and searching each would give, also where series are missing (a baseline with
    /// no values, an own series without data).
    #[test]
    fn row_keys_are_every_key_once_in_order_with_the_place_of_its_series() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let data = crate::load::load(&root.join("indicators.toml"), &root.join("measurements"))
            .expect("the bundled monitor loads");
        // All the series, and every other one left out.
        let sparse: Vec<crate::model::Series> = data.series.iter().step_by(2).cloned().collect();
        for series in [&data.series, &sparse] {
            let source = Source::Borrowed(series);
            for (index, ind) in data.monitor.indicators.iter().enumerate() {
                let mut expected: Vec<SeriesKey> = ind
                    .baselines
                    .iter()
                    .map(|b| SeriesKey {
                        indicator: index,
                        series: b.series,
                        area: b.area,
                    })
                    .chain(
                        series
                            .iter()
                            .map(|s| s.key)
                            .filter(|k| k.indicator == index),
                    )
                    .chain((0..ind.series.len().max(1)).map(|s| SeriesKey {
                        indicator: index,
                        series: (!ind.series.is_empty()).then_some(s),
                        area: None,
                    }))
                    .collect();
                expected.sort();
                expected.dedup();
                let expected: Vec<(SeriesKey, Option<usize>)> = expected
                    .into_iter()
                    .map(|k| (k, series.binary_search_by_key(&k, |s| s.key).ok()))
                    .collect();
                assert_eq!(row_keys(ind, index, &source), expected, "{}", ind.id);
            }
        }
    }

    /// The outlines made without making the peers' rows ([`Streamed::outlines`]) are those of
    /// the rows written, for each year: with the bundled data, with the own series' values
    /// left out (the latest period is then a peer's), with only the peers' values
    /// illustrative, and with a peer's baseline in indicators.toml that is its latest value
    /// (illustrative, where no other value is).
    #[test]
    fn outlines_made_without_the_peers_rows_are_those_of_the_written_rows() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let bundled = crate::load::load(&root.join("indicators.toml"), &root.join("measurements"))
            .expect("the bundled monitor loads");
        let mut peers_only = bundled.clone();
        peers_only.series.retain(|s| s.key.area.is_some());
        let mut peers_illustrative = bundled.clone();
        for s in &mut peers_illustrative.series {
            for o in &mut s.observations {
                let p = o.provenance();
                o.set_provenance(
                    crate::model::Provenance::shared(p.file, p.remarks, s.key.area.is_some())
                        .unwrap(),
                );
            }
        }
        let mut peer_baseline = peers_illustrative.clone();
        for s in &mut peer_baseline.series {
            for o in &mut s.observations {
                let p = o.provenance();
                o.set_provenance(
                    crate::model::Provenance::shared(p.file, p.remarks, false).unwrap(),
                );
            }
        }
        let peer = peer_baseline
            .series
            .iter()
            .find(|s| s.key.area.is_some())
            .expect("a peer's series")
            .key;
        let baselines = &mut peer_baseline.monitor.indicators[peer.indicator].baselines;
        // In place of the one indicators.toml may give it (one per series and area).
        baselines.retain(|b| (b.series, b.area) != (peer.series, peer.area));
        baselines.push(crate::model::Baseline {
            series: peer.series,
            area: peer.area,
            value: 1.0,
            period: Period::parse("2019-12").unwrap(),
            count: None,
            denominator: None,
            illustrative: true,
            line: 1,
        });
        let year = |y| Options {
            year: Some(y),
            ..Options::default()
        };
        let (earlier, later) = (year(2019), year(2021));
        for (name, mut data) in [
            ("bundled", bundled),
            ("peers only", peers_only),
            ("peers illustrative", peers_illustrative),
            ("a peer's baseline", peer_baseline),
        ] {
            // The series changed here, not as loaded: their values by year as loading notes
            // them.
            data.values_by_year = crate::load::ValuesByYear::of(&data.series);
            let mut rows = Streamed::new(&mut data, &[&earlier, &later]).unwrap();
            let made = rows.outlines();
            let mut written = vec![Outlines::default(), Outlines::default()];
            let mut peers = 0;
            rows.each(
                |years| {
                    let peers = years.iter().flatten().filter(|r| r.peer).count();
                    (years.iter().map(|rows| Outlines::of(rows)).collect(), peers)
                },
                |(each, more): (Vec<Outlines>, usize)| {
                    for (all, part) in written.iter_mut().zip(each) {
                        all.extend(part);
                    }
                    peers += more;
                    Ok::<(), ()>(())
                },
            )
            .unwrap();
            assert!(peers > 0, "{name}: peers' rows");
            assert_eq!(format!("{made:?}"), format!("{written:?}"), "{name}");
            if name != "bundled" && name != "peers only" {
                assert!(made.iter().all(|o| o.illustrative), "{name}: {made:?}");
            }
        }
    }
}
