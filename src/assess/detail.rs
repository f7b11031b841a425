//! One indicator in full, for `ontrack show`: its definition as indicators.toml gives it, its
//! aggregate, and every row (series × area) with all observations and the steps that led to
//! the status. The rows are the same row objects `table --format json` writes, each with one
//! more key, `computation`.

use super::trace::Step;
use super::{Aggregate, Assessment, Header, Row};
use crate::error::{Error, Result};
use crate::model::{
    Direction, Goal, Indicator, Kind, Method, Monitor, Period, Status, Target, Thresholds,
};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Detail {
    #[serde(flatten)]
    pub header: Header,
    pub year: i32,
    pub method: Method,
    pub maintain_tolerance: f64,
    pub generated: crate::model::Day,
    pub illustrative: bool,
    pub definition: Definition,
    pub aggregate: Aggregate,
    /// The rows with their computation (the JSON renderer writes them, with the words of
    /// each step, under `indicators`).
    #[serde(skip)]
    pub indicators: Vec<DetailRow>,
}

/// The indicator as indicators.toml defines it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Definition {
    pub id: String,
    pub title: String,
    pub theme: String,
    pub theme_name: String,
    pub unit: String,
    pub kind: Kind,
    pub direction: Direction,
    pub goal: Goal,
    pub source: Option<String>,
    pub baseline_as_written: Option<String>,
    pub note: Option<String>,
    pub series: Vec<SeriesInfo>,
    pub peers: Vec<String>,
    pub baselines: Vec<BaselineInfo>,
    pub target: Option<Target>,
    pub limit: Option<f64>,
    pub base_year: Option<i32>,
    pub method: Option<Method>,
    pub thresholds: Option<Thresholds>,
    pub manual: Option<ManualInfo>,
    /// `file:line` of its `[[indicator]]` table.
    pub defined_at: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct SeriesInfo {
    pub id: String,
    pub label: String,
    pub group: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct BaselineInfo {
    pub series: Option<String>,
    pub area: String,
    pub value: f64,
    pub period: Period,
    pub count: Option<f64>,
    pub denominator: Option<f64>,
    pub defined_at: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ManualInfo {
    pub status: Status,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub(crate) struct DetailRow {
    pub row: Row,
    /// The steps of the method that led to the row's status, as the assessment recorded them
    /// (an assessment made with [`super::Options::trace`]).
    pub computation: Vec<Step>,
}

/// The detail of indicator `id` from an assessment of all of `monitor`, whose definitions were
/// read from `file`. An unknown id is an error that suggests the closest known one.
pub(crate) fn detail(
    monitor: &Monitor,
    assessment: Assessment,
    id: &str,
    file: &str,
) -> Result<Detail> {
    let Some(ind) = monitor.indicators.iter().find(|i| i.id == id) else {
        let hint = crate::error::did_you_mean(id, monitor.indicators.iter().map(|i| i.id.as_str()));
        return Err(Error::usage(format!("unknown indicator `{id}`{hint}")));
    };
    let aggregate = assessment
        .aggregates
        .indicators
        .iter()
        .find(|a| a.id == id)
        .cloned()
        .ok_or_else(|| Error::usage(format!("indicator `{id}` was not assessed")))?;
    let tolerance = assessment.maintain_tolerance;
    let indicators: Vec<DetailRow> = assessment
        .indicators
        .into_iter()
        .filter(|r| *r.id == *id)
        .map(|mut row| DetailRow {
            computation: std::mem::take(&mut row.trace),
            row,
        })
        .collect();
    Ok(Detail {
        header: assessment.header,
        year: assessment.year,
        method: assessment.method,
        maintain_tolerance: tolerance,
        generated: assessment.generated,
        illustrative: indicators.iter().any(|r| r.row.illustrative),
        definition: definition(monitor, ind, file),
        aggregate,
        indicators,
    })
}

fn definition(monitor: &Monitor, ind: &Indicator, file: &str) -> Definition {
    let theme = &monitor.themes[ind.theme];
    Definition {
        id: ind.id.clone(),
        title: ind.title.clone(),
        theme: theme.id.clone(),
        theme_name: theme.name.clone(),
        unit: ind.unit.clone(),
        kind: ind.kind,
        direction: ind.direction,
        goal: ind.goal,
        source: ind.source.clone(),
        baseline_as_written: ind.baseline_as_written.clone(),
        note: ind.note.clone(),
        series: ind
            .series
            .iter()
            .map(|s| SeriesInfo {
                id: s.id.clone(),
                label: s.label.clone(),
                group: s.group.clone(),
            })
            .collect(),
        peers: ind.peers.to_vec(),
        baselines: ind
            .baselines
            .iter()
            .map(|b| BaselineInfo {
                series: b.series.map(|s| ind.series[s].id.clone()),
                area: ind.area_name(monitor, b.area).to_string(),
                value: b.value,
                period: b.period,
                count: b.count,
                denominator: b.denominator,
                defined_at: format!("{file}:{}", b.line),
            })
            .collect(),
        target: ind.target.clone(),
        limit: ind.limit,
        base_year: ind.base_year,
        method: ind.method,
        thresholds: ind.thresholds,
        manual: ind.manual.as_ref().map(|m| ManualInfo {
            status: m.status,
            reason: m.reason.clone(),
        }),
        defined_at: format!("{file}:{}", ind.line),
    }
}
