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
    // `--out -` is standard output, written as when no path is given.
    match path.filter(|p| *p != Path::new("-")) {
        Some(path) => crate::output::write_file(path, inputs, write),
        None => {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            let mut out: Box<dyn Write> = match unbuffered(&mut lock) {
                Some(file) => Box::new(std::io::BufWriter::with_capacity(1 << 16, file)),
                None => Box::new(std::io::BufWriter::new(lock)),
            };
            let result = write(&mut out).and_then(|()| out.flush());
            crate::output::ignore_broken_pipe(result)
        }
    }
}

/// Standard output as a file of its own (a copy of its descriptor), past the line buffering
/// of `std::io::Stdout`: that looks for the last newline in everything written (national
/// `compare --format json`, 343 MB: 2 % of the run's time) before writing it. `lock` is held
/// (and flushed) meanwhile, so nothing else writes to standard output in between.
#[cfg(unix)]
fn unbuffered(lock: &mut std::io::StdoutLock<'_>) -> Option<std::fs::File> {
    use std::os::fd::AsFd;
    lock.flush().ok()?;
    let fd = lock.as_fd().try_clone_to_owned().ok()?;
    Some(std::fs::File::from(fd))
}

#[cfg(not(unix))]
fn unbuffered(_: &mut std::io::StdoutLock<'_>) -> Option<std::fs::File> {
    None
}
