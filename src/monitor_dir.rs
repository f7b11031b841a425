//! The layout of a monitor folder, in one place: `indicators.toml`, `measurements/` (one file
//! per year, `2022.csv`) and `reports/`. Paths are given relative to the folder as the user
//! named it, and plain for the current folder, so messages do not start with `./`.

use std::path::{Path, PathBuf};

/// The definitions file of a monitor.
pub const INDICATORS: &str = "indicators.toml";
/// The folder of measurement files.
pub(crate) const MEASUREMENTS: &str = "measurements";
/// The folder reports are written to by default.
pub(crate) const REPORTS: &str = "reports";

/// A monitor folder.
#[derive(Debug, Clone)]
pub(crate) struct MonitorDir(PathBuf);

impl MonitorDir {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        MonitorDir(dir.into())
    }

    /// `name` inside the folder; plain `name` for the current folder.
    pub fn join(&self, name: &str) -> PathBuf {
        if self.0 == Path::new(".") {
            PathBuf::from(name)
        } else {
            self.0.join(name)
        }
    }

    pub fn indicators(&self) -> PathBuf {
        self.join(INDICATORS)
    }

    pub fn measurements(&self) -> PathBuf {
        self.join(MEASUREMENTS)
    }

    pub fn reports(&self) -> PathBuf {
        self.join(REPORTS)
    }

    /// The folders `init` makes.
    pub fn folders(&self) -> [PathBuf; 2] {
        [self.measurements(), self.reports()]
    }
}

/// The measurement file of `year` in folder `measurements`.
pub(crate) fn year_file(measurements: &Path, year: i32) -> PathBuf {
    measurements.join(format!("{year}.csv"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_current_folder_gives_plain_names() {
        assert_eq!(
            MonitorDir::new(".").indicators(),
            PathBuf::from("indicators.toml")
        );
        assert_eq!(
            MonitorDir::new("m").measurements(),
            PathBuf::from("m/measurements")
        );
        assert_eq!(year_file(Path::new("m"), 2022), PathBuf::from("m/2022.csv"));
    }
}
