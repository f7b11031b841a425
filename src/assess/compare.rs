//! What changed between two report years. Both years are assessed from the same inputs with the
//! same method; then every row (indicator × series × area) of the later year is set beside the
//! same row of the earlier one.
//!
//! # Status change
//! The assessable statuses are ordered deterioration < limited progress < moderate progress <
//! substantial progress < target achieved. Between two of them the change is `better`, `worse`
//! or `same`. A row that becomes assessable is `assessed`, one that stops being assessable is
//! `unassessed`; two unassessable statuses are `same` (not assessable stays not assessable, no
//! direction stays no direction).
//!
//! # Observation change
//! Whether a measurement came in after the latest one the earlier report used: `new` (the later
//! report's latest value is of a later period), `first` (the earlier report had no value at all),
//! `missing` (no value after the earlier report's latest: the series was not measured again),
//! `none` (no value in either year).
//!
//! `value_change` is the later latest value minus the earlier one, `score_change` likewise.

use super::{Aggregate, Assessment, Header, Row};
use crate::model::{Method, Status};
use serde::Serialize;
use std::sync::Arc;

/// How a row's status moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusChange {
    Better,
    Worse,
    Same,
    Assessed,
    Unassessed,
}

/// Whether a new observation came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ObservationChange {
    New,
    First,
    Missing,
    None,
}

impl StatusChange {
    pub fn code(self) -> &'static str {
        match self {
            StatusChange::Better => "better",
            StatusChange::Worse => "worse",
            StatusChange::Same => "same",
            StatusChange::Assessed => "assessed",
            StatusChange::Unassessed => "unassessed",
        }
    }

    /// A one-character mark for the people-facing formats.
    pub(crate) fn symbol(self) -> &'static str {
        match self {
            StatusChange::Better => "▲",
            StatusChange::Worse => "▼",
            StatusChange::Same => "=",
            StatusChange::Assessed => "+",
            StatusChange::Unassessed => "○",
        }
    }
}

impl ObservationChange {
    pub fn code(self) -> &'static str {
        match self {
            ObservationChange::New => "new",
            ObservationChange::First => "first",
            ObservationChange::Missing => "missing",
            ObservationChange::None => "none",
        }
    }
}

/// A condition `compare --fail-on` can gate on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    Status(StatusChange),
    Observation(ObservationChange),
    /// The row has this status in the later year.
    Reached(Status),
}

/// `compare --fail-on` takes a change or a status, by its code.
impl clap::ValueEnum for Gate {
    fn value_variants<'a>() -> &'a [Self] {
        &Gate::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.code()))
    }
}

impl Gate {
    /// Every gate `--fail-on` accepts: the changes, then the statuses of the later year.
    pub(crate) const ALL: [Gate; 15] = [
        Gate::Status(StatusChange::Worse),
        Gate::Status(StatusChange::Better),
        Gate::Status(StatusChange::Assessed),
        Gate::Status(StatusChange::Unassessed),
        Gate::Observation(ObservationChange::New),
        Gate::Observation(ObservationChange::First),
        Gate::Observation(ObservationChange::Missing),
        Gate::Reached(Status::TargetAchieved),
        Gate::Reached(Status::TargetNotAchieved),
        Gate::Reached(Status::SubstantialProgress),
        Gate::Reached(Status::ModerateProgress),
        Gate::Reached(Status::LimitedProgress),
        Gate::Reached(Status::Deterioration),
        Gate::Reached(Status::NotAssessable),
        Gate::Reached(Status::NoDirection),
    ];

    /// The code `--fail-on` takes for this gate.
    pub fn code(self) -> &'static str {
        match self {
            Gate::Status(StatusChange::Worse) => "worse",
            Gate::Status(StatusChange::Better) => "better",
            Gate::Status(StatusChange::Assessed) => "assessed",
            Gate::Status(StatusChange::Unassessed) => "unassessed",
            Gate::Status(StatusChange::Same) => "same",
            Gate::Observation(ObservationChange::New) => "new",
            Gate::Observation(ObservationChange::First) => "first",
            Gate::Observation(ObservationChange::Missing) => "missing",
            Gate::Observation(ObservationChange::None) => "none",
            Gate::Reached(s) => s.code(),
        }
    }

    pub fn trips(self, change: &RowChange) -> bool {
        match self {
            Gate::Status(s) => change.status_change == s,
            Gate::Observation(o) => change.observation == o,
            Gate::Reached(s) => change.to.as_ref().is_some_and(|r| r.status == s),
        }
    }
}

/// The comparison of two report years; every compare format is a function of this.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    #[serde(flatten)]
    pub header: Header,
    pub from: i32,
    pub to: i32,
    pub method: Method,
    pub generated: crate::model::Day,
    /// True when any value used in either year is illustrative.
    pub illustrative: bool,
    pub summary: Summary,
    /// The plan, theme and indicator aggregates of both years.
    pub aggregates: Vec<AggregateChange>,
    /// Written by the JSON renderer after the other fields, with the two years' rows.
    #[serde(skip)]
    pub changes: Vec<RowChange>,
}

/// How many rows show each change.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub rows: usize,
    pub better: usize,
    pub worse: usize,
    pub same: usize,
    pub assessed: usize,
    pub unassessed: usize,
    pub new: usize,
    pub first: usize,
    pub missing: usize,
}

/// What an aggregate sums up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Plan,
    Theme,
    Indicator,
}

#[derive(Debug, Clone, Serialize)]
pub struct AggregateChange {
    /// `plan`, `theme` or `indicator`.
    pub level: Level,
    pub id: String,
    pub name: String,
    pub status_change: StatusChange,
    pub score_change: Option<f64>,
    pub from: Aggregate,
    pub to: Aggregate,
}

/// One row of both years: the same row objects `table --format json` writes, under `from` and
/// `to`, and what changed between them.
#[derive(Debug, Clone, Serialize)]
pub struct RowChange {
    pub id: Arc<str>,
    pub title: Arc<str>,
    pub theme: Arc<str>,
    pub series: Option<Arc<str>>,
    pub series_id: Option<Arc<str>>,
    pub area: Arc<str>,
    pub peer: bool,
    pub unit: Arc<str>,
    pub status_change: StatusChange,
    pub observation: ObservationChange,
    pub value_change: Option<f64>,
    pub score_change: Option<f64>,
    /// The two years' rows: written by the JSON renderer after the other fields (with or
    /// without observations).
    #[serde(skip)]
    pub from: Option<Row>,
    #[serde(skip)]
    pub to: Option<Row>,
}

/// The order of the assessable statuses; None for the others. A target not achieved once its
/// year has passed ranks above deterioration and below limited progress.
fn rank(status: Status) -> Option<u8> {
    match status {
        Status::Deterioration => Some(0),
        Status::TargetNotAchieved => Some(1),
        Status::LimitedProgress => Some(2),
        Status::ModerateProgress => Some(3),
        Status::SubstantialProgress => Some(4),
        Status::TargetAchieved => Some(5),
        Status::NotAssessable | Status::NoDirection => None,
    }
}

pub fn status_change(from: Status, to: Status) -> StatusChange {
    match (rank(from), rank(to)) {
        (Some(a), Some(b)) if b > a => StatusChange::Better,
        (Some(a), Some(b)) if b < a => StatusChange::Worse,
        (Some(_), Some(_)) | (None, None) => StatusChange::Same,
        (None, Some(_)) => StatusChange::Assessed,
        (Some(_), None) => StatusChange::Unassessed,
    }
}

fn observation_change(from: Option<&Row>, to: Option<&Row>) -> ObservationChange {
    let period = |r: Option<&Row>| r.and_then(|r| r.latest.as_ref().map(|l| l.period));
    match (period(from), period(to)) {
        (None, None) => ObservationChange::None,
        (None, Some(_)) => ObservationChange::First,
        (Some(a), Some(b)) if b > a => ObservationChange::New,
        (Some(_), _) => ObservationChange::Missing,
    }
}

fn difference(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    Some(super::difference(a?, b?))
}

type RowKey = (Arc<str>, Option<Arc<str>>, Arc<str>);

fn key(r: &Row) -> RowKey {
    (r.id.clone(), r.series_id.clone(), r.area.clone())
}

fn same_key(a: &Row, b: &Row) -> bool {
    a.id == b.id && a.series_id == b.series_id && a.area == b.area
}

/// Sets the rows of `later` beside those of `earlier` (both already filtered alike).
pub fn compare(earlier: Assessment, later: Assessment) -> Comparison {
    // Both years' rows come in the same order (indicator, series, area): walked side by side,
    // with a lookup by key only for rows out of step.
    let mut earlier_in_order = earlier.indicators.into_iter().peekable();
    let mut earlier_rows: std::collections::HashMap<RowKey, Row> = std::collections::HashMap::new();
    let mut summary = Summary::default();
    let mut changes = Vec::with_capacity(later.indicators.len());
    for to in later.indicators {
        let from = match earlier_in_order.next_if(|from| same_key(from, &to)) {
            Some(from) => Some(from),
            None => {
                earlier_rows.extend(earlier_in_order.by_ref().map(|r| (key(&r), r)));
                earlier_rows.remove(&key(&to))
            }
        };
        changes.push(row_change(from, Some(to)));
    }
    earlier_rows.extend(earlier_in_order.map(|r| (key(&r), r)));
    // Rows only the earlier year has (none today: both years come from one monitor).
    let mut rest: Vec<Row> = earlier_rows.into_values().collect();
    rest.sort_by_key(key);
    changes.extend(rest.into_iter().map(|r| row_change(Some(r), None)));

    for c in &changes {
        summary.rows += 1;
        match c.status_change {
            StatusChange::Better => summary.better += 1,
            StatusChange::Worse => summary.worse += 1,
            StatusChange::Same => summary.same += 1,
            StatusChange::Assessed => summary.assessed += 1,
            StatusChange::Unassessed => summary.unassessed += 1,
        }
        match c.observation {
            ObservationChange::New => summary.new += 1,
            ObservationChange::First => summary.first += 1,
            ObservationChange::Missing => summary.missing += 1,
            ObservationChange::None => {}
        }
    }

    let mut aggregates = vec![aggregate_change(
        Level::Plan,
        &earlier.aggregates.plan,
        &later.aggregates.plan,
    )];
    for (level, a, b) in [
        (
            Level::Theme,
            &earlier.aggregates.themes,
            &later.aggregates.themes,
        ),
        (
            Level::Indicator,
            &earlier.aggregates.indicators,
            &later.aggregates.indicators,
        ),
    ] {
        for to in b {
            if let Some(from) = a.iter().find(|f| f.id == to.id) {
                aggregates.push(aggregate_change(level, from, to));
            }
        }
    }

    Comparison {
        header: later.header,
        from: earlier.year,
        to: later.year,
        method: later.method,
        generated: later.generated,
        illustrative: earlier.illustrative || later.illustrative,
        summary,
        aggregates,
        changes,
    }
}

fn row_change(from: Option<Row>, to: Option<Row>) -> RowChange {
    let any = to.as_ref().or(from.as_ref()).expect("one side exists");
    let status = |r: &Option<Row>| r.as_ref().map_or(Status::NotAssessable, |r| r.status);
    let latest = |r: &Option<Row>| r.as_ref().and_then(|r| r.latest.as_ref().map(|l| l.value));
    let score = |r: &Option<Row>| r.as_ref().and_then(|r| r.score);
    RowChange {
        id: any.id.clone(),
        title: any.title.clone(),
        theme: any.theme.clone(),
        series: any.series.clone(),
        series_id: any.series_id.clone(),
        area: any.area.clone(),
        peer: any.peer,
        unit: any.unit.clone(),
        status_change: status_change(status(&from), status(&to)),
        observation: observation_change(from.as_ref(), to.as_ref()),
        value_change: difference(latest(&from), latest(&to)),
        score_change: difference(score(&from), score(&to)),
        from,
        to,
    }
}

fn aggregate_change(level: Level, from: &Aggregate, to: &Aggregate) -> AggregateChange {
    AggregateChange {
        level,
        id: to.id.clone(),
        name: to.name.clone(),
        status_change: status_change(from.status, to.status),
        score_change: difference(from.score, to.score),
        from: from.clone(),
        to: to.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows out of step (a row only one year has, in the middle) are still paired by key.
    #[test]
    fn rows_pair_by_key_also_out_of_step() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let data =
            crate::load::load(&root.join("indicators.toml"), &root.join("measurements")).unwrap();
        let options = |year| crate::assess::Options {
            year: Some(year),
            ..Default::default()
        };
        let mut earlier = crate::assess::assess(&mut data.clone(), &options(2020)).unwrap();
        let mut later = crate::assess::assess(&mut data.clone(), &options(2021)).unwrap();
        assert!(earlier.indicators.len() > 6);
        let only_later = earlier.indicators.remove(2);
        let only_earlier = later.indicators.remove(4);
        let rows = later.indicators.len();
        let c = compare(earlier, later);
        assert_eq!(c.changes.len(), rows + 1);
        for change in &c.changes {
            if let (Some(from), Some(to)) = (&change.from, &change.to) {
                assert!(same_key(from, to), "{} paired with {}", from.id, to.id);
            }
        }
        let unpaired = |r: &Row| {
            c.changes
                .iter()
                .find(|ch| ch.id == r.id && ch.series_id == r.series_id && ch.area == r.area)
                .unwrap()
        };
        assert!(unpaired(&only_later).from.is_none());
        assert!(unpaired(&only_later).to.is_some());
        assert!(unpaired(&only_earlier).to.is_none());
        assert!(std::ptr::eq(
            unpaired(&only_earlier),
            c.changes.last().unwrap()
        ));
    }

    #[test]
    fn statuses_move_along_their_order() {
        use Status::*;
        assert_eq!(
            status_change(ModerateProgress, Deterioration),
            StatusChange::Worse
        );
        assert_eq!(
            status_change(LimitedProgress, TargetAchieved),
            StatusChange::Better
        );
        assert_eq!(
            status_change(NotAssessable, LimitedProgress),
            StatusChange::Assessed
        );
        assert_eq!(
            status_change(TargetAchieved, NotAssessable),
            StatusChange::Unassessed
        );
        assert_eq!(status_change(NoDirection, NoDirection), StatusChange::Same);
    }

    #[test]
    fn every_gate_code_parses_and_unknown_ones_do_not() {
        use clap::ValueEnum;
        for gate in Gate::ALL {
            assert_eq!(Gate::from_str(gate.code(), false), Ok(gate));
        }
        assert_eq!(
            Gate::from_str("deterioration", false),
            Ok(Gate::Reached(Status::Deterioration))
        );
        assert!(Gate::from_str("worst", false).is_err());
        assert!(Gate::from_str("same", false).is_err());
    }
}
