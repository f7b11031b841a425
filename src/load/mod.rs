//! Loading a monitor folder: `indicators.toml` (see [`indicators`]) and the measurement files in
//! `measurements/` (see [`measurements`]), checked against each other.

pub mod indicators;
pub mod measurements;

use crate::error::{Error, Location, Result};
use crate::model::{Monitor, Observation, SeriesKey};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Everything read from a monitor folder.
#[derive(Debug)]
pub struct Dataset {
    pub monitor: Monitor,
    /// Sorted by series key, then period; one per key and period.
    pub observations: Vec<Observation>,
    /// The files that were read, for refusing to write over them.
    pub inputs: Vec<PathBuf>,
}

/// Reads `indicators` and every `*.csv` file in `measurements`.
pub fn load(indicators: &Path, measurements: &Path) -> Result<Dataset> {
    let monitor = indicators::load(indicators)?;
    if !measurements.is_dir() {
        return Err(Error::Io {
            path: measurements.to_path_buf(),
            message: "no such folder; expected a folder of yearly CSV files".to_string(),
        });
    }
    let files = measurements::files_in(measurements)?;
    let mut observations = Vec::new();
    for file in &files {
        observations.extend(measurements::read_file(file, &monitor)?);
    }
    let observations = deduplicate(observations)?;
    check_baselines(&monitor, &observations)?;
    let mut inputs = vec![indicators.to_path_buf()];
    inputs.extend(files);
    Ok(Dataset {
        monitor,
        observations,
        inputs,
    })
}

/// Sorts the observations and drops identical repeats; two different values for the same
/// series and period are an error naming both places.
fn deduplicate(mut observations: Vec<Observation>) -> Result<Vec<Observation>> {
    observations.sort_by(|a, b| {
        (a.key, a.period, &a.file, a.line).cmp(&(b.key, b.period, &b.file, b.line))
    });
    let mut out: Vec<Observation> = Vec::with_capacity(observations.len());
    for obs in observations {
        if let Some(prev) = out.last() {
            if prev.key == obs.key && prev.period == obs.period {
                if prev.value != obs.value {
                    return Err(Error::input(
                        Location::at(&obs.file, obs.line, None).with_field("value"),
                        format!(
                            "found {} for the same indicator, series, area and period ({}) as {}:{}, which says {}; expected one value",
                            obs.value,
                            obs.period,
                            prev.file.display(),
                            prev.line,
                            prev.value
                        ),
                    ));
                }
                continue;
            }
        }
        out.push(obs);
    }
    Ok(out)
}

/// A measurement at the baseline's period must agree with the baseline in indicators.toml.
fn check_baselines(monitor: &Monitor, observations: &[Observation]) -> Result<()> {
    let at: HashMap<(SeriesKey, crate::model::Period), &Observation> = observations
        .iter()
        .map(|o| ((o.key, o.period), o))
        .collect();
    for (i, ind) in monitor.indicators.iter().enumerate() {
        for b in &ind.baselines {
            let key = SeriesKey {
                indicator: i,
                series: b.series,
                area: b.area,
            };
            if let Some(obs) = at.get(&(key, b.period)) {
                if obs.value != b.value {
                    return Err(Error::input(
                        Location::at(&obs.file, obs.line, None).with_field("value"),
                        format!(
                            "found {} for `{}` in {}, but indicators.toml gives the baseline for that period as {}; expected the same value",
                            obs.value, ind.id, obs.period, b.value
                        ),
                    ));
                }
            }
        }
    }
    Ok(())
}
