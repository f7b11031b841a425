//! The writing of a rendered document: to standard output (a closed pipe is not an error) or
//! atomically into a file (through [`crate::output`]), never over an input file.

use super::Renderer;
use crate::error::Result;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Renders to standard output. A closed pipe (`| head`) is not an error.
pub(crate) fn to_stdout<T>(renderer: &dyn Renderer<T>, document: &T) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = renderer
        .render(document, &mut out)
        .and_then(|()| out.flush());
    crate::output::ignore_broken_pipe(result)
}

/// Renders into `path` atomically. Refuses to write over any of `inputs`.
pub(crate) fn to_file<T>(
    renderer: &dyn Renderer<T>,
    document: &T,
    path: &Path,
    inputs: &[PathBuf],
) -> Result<()> {
    crate::output::write_file(path, inputs, |out| renderer.render(document, out))
}

/// Renders to `path`, or to standard output when there is none.
pub fn write<T>(
    renderer: &dyn Renderer<T>,
    document: &T,
    path: Option<&Path>,
    inputs: &[PathBuf],
) -> Result<()> {
    match path {
        Some(path) => to_file(renderer, document, path, inputs),
        None => to_stdout(renderer, document),
    }
}
