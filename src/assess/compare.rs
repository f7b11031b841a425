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
use crate::model::{Method, Name, Status};
use serde::Serialize;

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

    pub fn trips(self, change: &Change) -> bool {
        match self {
            Gate::Status(s) => change.status_change == s,
            Gate::Observation(o) => change.observation == o,
            Gate::Reached(s) => change.to.is_some_and(|r| r.status == s),
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
    /// Written by the JSON renderer last, after the changes: a comparison written as it is
    /// made counts them while writing them.
    #[serde(skip)]
    pub summary: Summary,
    /// The plan, theme and indicator aggregates of both years.
    pub aggregates: Vec<AggregateChange>,
    /// Written by the JSON renderer after the other fields, with the two years' rows.
    #[serde(skip)]
    pub changes: Vec<RowChange>,
    /// The earlier and the later year's rows, which the changes name by their place: each
    /// row is held once, in its year's list, however the rows pair up.
    #[serde(skip)]
    pub earlier: Vec<Row>,
    #[serde(skip)]
    pub later: Vec<Row>,
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

impl Summary {
    /// Counts `changes` in.
    pub fn count(&mut self, changes: &[RowChange]) {
        for c in changes {
            self.rows += 1;
            match c.status_change {
                StatusChange::Better => self.better += 1,
                StatusChange::Worse => self.worse += 1,
                StatusChange::Same => self.same += 1,
                StatusChange::Assessed => self.assessed += 1,
                StatusChange::Unassessed => self.unassessed += 1,
            }
            match c.observation {
                ObservationChange::New => self.new += 1,
                ObservationChange::First => self.first += 1,
                ObservationChange::Missing => self.missing += 1,
                ObservationChange::None => {}
            }
        }
    }
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

/// What changed in one row (indicator × series × area) between the two years; its rows are
/// in [`Comparison::earlier`] and [`Comparison::later`] ([`Comparison::change`] sets them
/// beside it).
#[derive(Debug, Clone, Copy)]
pub struct RowChange {
    pub status_change: StatusChange,
    pub observation: ObservationChange,
    pub value_change: Option<f64>,
    pub score_change: Option<f64>,
    /// The row's place in the earlier year's rows, and in the later year's.
    from: Option<usize>,
    to: Option<usize>,
}

/// One row of both years with what changed: what every compare format writes per row.
#[derive(Debug, Clone, Copy)]
pub struct Change<'a> {
    /// The row that names it (indicator, series, area): the later year's, else the earlier's.
    pub row: &'a Row,
    pub from: Option<&'a Row>,
    pub to: Option<&'a Row>,
    pub status_change: StatusChange,
    pub observation: ObservationChange,
    pub value_change: Option<f64>,
    pub score_change: Option<f64>,
}

impl Comparison {
    /// `change` with its two rows.
    pub fn change(&self, change: &RowChange) -> Change<'_> {
        change_of(&self.earlier, &self.later, change)
    }

    /// Every change with its rows, in order.
    pub fn changes(&self) -> impl ExactSizeIterator<Item = Change<'_>> + '_ {
        self.changes.iter().map(|c| self.change(c))
    }
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

type RowKey = (Name, Option<Name>, Name);

fn key(r: &Row) -> RowKey {
    (r.id, r.series_id, r.area)
}

fn same_key(a: &Row, b: &Row) -> bool {
    a.id == b.id && a.series_id == b.series_id && a.area == b.area
}

/// Sets the rows of `later` beside those of `earlier` (both already filtered alike).
pub fn compare(mut earlier: Assessment, mut later: Assessment) -> Comparison {
    let earlier_rows = std::mem::take(&mut earlier.indicators);
    let later_rows = std::mem::take(&mut later.indicators);
    let changes = pair(&earlier_rows, &later_rows);
    let mut summary = Summary::default();
    summary.count(&changes);

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
        earlier: earlier_rows,
        later: later_rows,
    }
}

/// The change of each row of `later` from its row in `earlier` (the same indicator, series and
/// area), then of the rows only `earlier` has, in key order.
pub fn pair(earlier_rows: &[Row], later_rows: &[Row]) -> Vec<RowChange> {
    // Both years' rows come in the same order (indicator, series, area): walked side by side,
    // with a lookup by key only for rows out of step.
    let mut in_step = 0;
    let mut out_of_step: std::collections::HashMap<RowKey, usize> =
        std::collections::HashMap::new();
    let mut changes = Vec::with_capacity(later_rows.len());
    for (at, to) in later_rows.iter().enumerate() {
        let from = match earlier_rows.get(in_step) {
            Some(from) if same_key(from, to) => {
                in_step += 1;
                Some(in_step - 1)
            }
            _ => {
                out_of_step
                    .extend((in_step..earlier_rows.len()).map(|i| (key(&earlier_rows[i]), i)));
                in_step = earlier_rows.len();
                out_of_step.remove(&key(to))
            }
        };
        changes.push(row_change((from, earlier_rows), (Some(at), later_rows)));
    }
    out_of_step.extend((in_step..earlier_rows.len()).map(|i| (key(&earlier_rows[i]), i)));
    // Rows only the earlier year has (none today: both years come from one monitor).
    let mut rest: Vec<usize> = out_of_step.into_values().collect();
    rest.sort_by_key(|&i| key(&earlier_rows[i]));
    changes.extend(
        rest.into_iter()
            .map(|i| row_change((Some(i), earlier_rows), (None, later_rows))),
    );
    changes
}

/// `change` with its two rows, from the two years' rows it names by place.
pub fn change_of<'a>(earlier: &'a [Row], later: &'a [Row], change: &RowChange) -> Change<'a> {
    let from = change.from.map(|i| &earlier[i]);
    let to = change.to.map(|i| &later[i]);
    Change {
        row: to
            .or(from)
            .expect("a change has a row of one year at least"),
        from,
        to,
        status_change: change.status_change,
        observation: change.observation,
        value_change: change.value_change,
        score_change: change.score_change,
    }
}

/// The change between the rows at `from` and `to` (a place in each year's rows, if any).
fn row_change(
    (from, earlier): (Option<usize>, &[Row]),
    (to, later): (Option<usize>, &[Row]),
) -> RowChange {
    let (a, b) = (from.map(|i| &earlier[i]), to.map(|i| &later[i]));
    let status = |r: Option<&Row>| r.map_or(Status::NotAssessable, |r| r.status);
    let latest = |r: Option<&Row>| r.and_then(|r| r.latest.as_ref().map(|l| l.value));
    let score = |r: Option<&Row>| r.and_then(|r| r.score);
    RowChange {
        status_change: status_change(status(a), status(b)),
        observation: observation_change(a, b),
        value_change: difference(latest(a), latest(b)),
        score_change: difference(score(a), score(b)),
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
        for change in c.changes() {
            if let (Some(from), Some(to)) = (change.from, change.to) {
                assert!(same_key(from, to), "{} paired with {}", from.id, to.id);
            }
            assert!(same_key(change.row, change.to.or(change.from).unwrap()));
        }
        let unpaired = |r: &Row| {
            c.changes()
                .position(|ch| same_key(ch.row, r))
                .map(|i| c.change(&c.changes[i]))
                .unwrap()
        };
        assert!(unpaired(&only_later).from.is_none());
        assert!(unpaired(&only_later).to.is_some());
        assert!(unpaired(&only_earlier).to.is_none());
        assert!(same_key(c.changes().last().unwrap().row, &only_earlier));
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
