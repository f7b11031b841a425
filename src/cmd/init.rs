//! `ontrack init [DIR]`: a new monitor folder to fill in.

use super::Outcome;
use crate::config::Config;
use crate::error::Result;
use crate::scaffold;
use std::path::Path;

/// `ontrack init [DIR]`.
pub(super) fn run(config: &Config, dir: &Path) -> Result<Outcome> {
    let created = scaffold::init(dir)?;
    if !config.quiet {
        eprintln!("ontrack: wrote {}", created.indicators.display());
        for folder in &created.folders {
            eprintln!("ontrack: made {}/", folder.display());
        }
        let c = if dir == Path::new(".") {
            String::new()
        } else {
            format!("-C {} ", dir.display())
        };
        eprintln!(
            "next: edit {}, then `ontrack {c}check`, `ontrack {c}template --year YEAR`, `ontrack {c}table`",
            created.indicators.display()
        );
    }
    Ok(Outcome::Done)
}
