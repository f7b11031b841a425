//! The writing of a rendered document: to standard output (a closed pipe is not an error) or
//! atomically into a file (through [`crate::output`]), never over an input file.

use super::Renderer;
use crate::error::Result;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Renders into `path` atomically. Refuses to write over any of `inputs`.
pub(crate) fn to_file<T>(
    renderer: &dyn Renderer<T>,
    document: &T,
    path: &Path,
    inputs: &[PathBuf],
) -> Result<()> {
    bytes_to(Some(path), inputs, |out| renderer.render(document, out))
}

/// Renders to `path`, or to standard output when there is none.
pub fn write<T>(
    renderer: &dyn Renderer<T>,
    document: &T,
    path: Option<&Path>,
    inputs: &[PathBuf],
) -> Result<()> {
    bytes_to(path, inputs, |out| renderer.render(document, out))
}

/// What `write` writes, to `path` (atomically, never over one of `inputs`) or to standard output
/// when there is none (where a closed pipe is not an error): the one way every output is
/// written, whether rendered from a whole document or made as it goes.
pub(crate) fn bytes_to(
    path: Option<&Path>,
    inputs: &[PathBuf],
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    match path {
        Some(path) => crate::output::write_file(path, inputs, write),
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let result = write(&mut out).and_then(|()| out.flush());
            crate::output::ignore_broken_pipe(result)
        }
    }
}
