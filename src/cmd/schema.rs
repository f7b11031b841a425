//! `ontrack schema`: the JSON Schema of indicators.toml.

use super::Outcome;
use crate::error::Result;
use crate::{output, render, schema};
use std::path::Path;

/// `ontrack schema` (never written over the `indicators` file it describes).
pub(super) fn run(out: Option<&Path>, indicators: &Path) -> Result<Outcome> {
    let write = |w: &mut dyn std::io::Write| {
        serde_json::to_writer_pretty(&mut *w, &schema::schema())?;
        w.write_all(b"\n")
    };
    match out {
        Some(path) => output::write_file(path, &[indicators.to_path_buf()], write)?,
        None => {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            render::ignore_broken_pipe(write(&mut lock))?;
        }
    }
    Ok(Outcome::Done)
}
