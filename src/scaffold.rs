//! `ontrack init`: a new monitor folder. It holds an `indicators.toml` that shows every feature
//! with comments (example baselines marked illustrative), an empty `measurements/` and
//! `reports/`. Nothing that exists is ever overwritten: an existing `indicators.toml` stops it
//! before anything is written, and existing folders are kept as they are.

use crate::error::{Error, Result};
use crate::monitor_dir::MonitorDir;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The commented indicators.toml of a new monitor.
pub(crate) const INDICATORS_TOML: &str = include_str!("scaffold/indicators.toml");

/// What `init` made.
#[derive(Debug)]
pub struct Created {
    pub indicators: PathBuf,
    /// The folders that did not exist before.
    pub folders: Vec<PathBuf>,
}

/// Creates the monitor in `dir` (made when missing).
pub fn init(dir: &Path) -> Result<Created> {
    let layout = MonitorDir::new(dir);
    let indicators = layout.indicators();
    if indicators.exists() || indicators.is_symlink() {
        return Err(Error::usage(format!(
            "{}: already exists; `init` never overwrites (nothing written)",
            indicators.display()
        )));
    }
    if dir.exists() && !dir.is_dir() {
        return Err(Error::usage(format!(
            "{}: is a file; expected a folder for the new monitor",
            dir.display()
        )));
    }
    for path in layout.folders() {
        if path.exists() && !path.is_dir() {
            return Err(Error::usage(format!(
                "{}: is a file; expected a folder (nothing written)",
                path.display()
            )));
        }
    }
    let mut folders = Vec::new();
    if !dir.exists() {
        folders.push(dir.to_path_buf());
    }
    for path in layout.folders() {
        if !path.exists() {
            std::fs::create_dir_all(&path).map_err(|e| Error::io(&path, e))?;
            folders.push(path);
        }
    }
    // create_new: should the file appear between the check above and now, it is still kept.
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&indicators)
        .and_then(|mut f| f.write_all(INDICATORS_TOML.as_bytes()))
        .map_err(|e| Error::io(&indicators, e))?;
    Ok(Created {
        indicators,
        folders,
    })
}
