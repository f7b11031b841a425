//! Writing an output file safely: what `--out` (and the default report path) names is replaced
//! atomically or not at all, and nothing that is not ours is ever replaced.
//!
//! - A regular file (or a path that does not exist yet) is written through a temporary file in
//!   the same folder, with an unpredictable name created exclusively (`O_EXCL`, so a planted
//!   file or symlink of that name is never followed), then renamed into place: readers see the
//!   old file or the new one, never a partial one. It gets the mode any new file gets (0666
//!   less the umask), or keeps the mode of the file it replaces, never the temporary file's 0600.
//! - A symlink is followed to the file it names, which is replaced; the link stays a link.
//! - A target that is not a regular file (`/dev/null`, `/dev/stdout`, a FIFO, a terminal) is
//!   written straight into: renaming over it would replace a device with a file.
//! - `-` is standard output.
//! - Temporary files are named `.NAME.PID.RANDOM.ontrack-tmp`. They are removed on failure and
//!   on SIGINT, SIGTERM and SIGHUP (see [`install_signal_cleanup`]); one left by a process that
//!   was killed outright (SIGKILL) is recognised by its name and its dead process id, and is
//!   removed by the next write to the same name.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The ending of every temporary file ontrack makes.
const TEMP_SUFFIX: &str = ".ontrack-tmp";

/// The result of writing to standard output, where a reader that went away (`| head`) is
/// success, not an error.
pub fn ignore_broken_pipe(result: std::io::Result<()>) -> Result<()> {
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::io(Path::new("<stdout>"), e)),
        Ok(()) => Ok(()),
    }
}

/// Temporary files being written, to remove when a signal stops the process.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes the temporary files being written when SIGINT, SIGTERM or SIGHUP arrives, then
/// exits with 128 + the signal's number, as a shell reports a signal.
pub fn install_signal_cleanup() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return; // without handlers a signal still stops the process; leftovers are swept later
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            remove_live();
            std::process::exit(128 + signal);
        }
    });
}

fn remove_live() {
    let live = match LIVE.lock() {
        Ok(l) => l,
        Err(poisoned) => poisoned.into_inner(),
    };
    for path in live.iter() {
        let _ = std::fs::remove_file(path);
    }
}

/// A temporary file registered for removal on a signal while it lives.
struct Registered(PathBuf);

impl Registered {
    fn new(path: &Path) -> Self {
        if let Ok(mut live) = LIVE.lock() {
            live.push(path.to_path_buf());
        }
        Registered(path.to_path_buf())
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        if let Ok(mut live) = LIVE.lock() {
            live.retain(|p| p != &self.0);
        }
    }
}

/// Writes what `write` produces to `path` as the module doc describes. Refuses to write over any
/// of `inputs` (after following links).
pub(crate) fn write_file(
    path: &Path,
    inputs: &[PathBuf],
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    if path == Path::new("-") {
        let stdout = std::io::stdout();
        let mut lock = stdout.lock();
        return ignore_broken_pipe(write(&mut lock).and_then(|()| lock.flush()));
    }
    // What the path finally names, as the system follows links: a device, FIFO or terminal
    // (also `/dev/stdout`, whose link chain ends in a pipe that has no path) is written into,
    // never replaced.
    if let Ok(m) = std::fs::metadata(path) {
        if !m.is_file() && !m.is_dir() {
            return write_into(path, path, write);
        }
    }
    let target = resolve_links(path);
    if let Ok(canonical) = target.canonicalize() {
        for input in inputs {
            if input.canonicalize().is_ok_and(|i| i == canonical) {
                return Err(Error::usage(format!(
                    "{}: refusing to write over an input file; choose another --out",
                    path.display()
                )));
            }
        }
    }
    let replaced = std::fs::metadata(&target);
    match &replaced {
        Ok(m) if m.is_dir() => {
            return Err(Error::io(
                path,
                std::io::Error::new(
                    std::io::ErrorKind::IsADirectory,
                    "is a folder; expected a file name",
                ),
            ))
        }
        Ok(m) if !m.is_file() => return write_into(path, &target, write),
        _ => {}
    }
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".to_string());
    sweep_stale(&dir, &name);
    let prefix = format!(".{}.{}.", short(&name), std::process::id());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    // A temporary file is made readable by its owner alone, but this one becomes the output: it
    // gets the mode any new file gets (0666 less the umask: a report the council's web server
    // or a CI job's next step can read), or the mode of the file it replaces.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let temp = builder.tempfile_in(&dir).map_err(|e| Error::io(&dir, e))?;
    if let Ok(m) = &replaced {
        temp.as_file()
            .set_permissions(m.permissions())
            .map_err(|e| Error::io(&dir, e))?;
    }
    let registered = Registered::new(temp.path());
    let result = (|| {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, temp.as_file());
        write(&mut out)?;
        out.flush()?;
        drop(out);
        temp.as_file().sync_all()?;
        temp.persist(&target).map_err(|e| e.error)?;
        Ok(())
    })();
    drop(registered);
    result.map_err(|e: std::io::Error| Error::io(path, e))
}

/// Writes straight into an existing non-regular file (a device, a FIFO).
fn write_into(
    path: &Path,
    target: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let result = std::fs::OpenOptions::new()
        .write(true)
        .open(target)
        .and_then(|f| {
            let mut out = std::io::BufWriter::new(f);
            write(&mut out)?;
            out.flush()
        });
    ignore_broken_pipe(result).map_err(|e| match e {
        Error::Io { source, .. } => Error::io(path, source),
        other => other,
    })
}

/// A safe file-name part made from `name` (a monitor name): lowercase ASCII letters, digits,
/// `-`, `_` and `.`; anything else (spaces, control characters, `/`) becomes `-`; at most 80
/// characters; never empty or hidden.
pub(crate) fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() || c == '_' || c == '.' {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 80 {
            break;
        }
    }
    let trimmed = out.trim_matches(|c| c == '-' || c == '.');
    if trimmed.is_empty() {
        "monitor".to_string()
    } else {
        trimmed.to_string()
    }
}

/// Refuses an output path inside `folder` (the measurements folder: every file there is read as
/// measurements, so the next run would fail on it).
pub(crate) fn refuse_inside(path: &Path, folder: &Path) -> Result<()> {
    if path == Path::new("-") {
        return Ok(());
    }
    let target = resolve_links(path);
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if let (Ok(parent), Ok(folder)) = (parent.canonicalize(), folder.canonicalize()) {
        if parent.starts_with(&folder) {
            return Err(Error::usage(format!(
                "{}: is inside the measurements folder {}, where every file is read as measurements; choose another --out (reports/ is the place for outputs)",
                path.display(),
                folder.display()
            )));
        }
    }
    Ok(())
}

/// The file `path` names after following symlinks (also a dangling one: its target is created).
fn resolve_links(path: &Path) -> PathBuf {
    let mut current = path.to_path_buf();
    // A bounded walk: a loop of links ends here and fails when written.
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => match std::fs::read_link(&current) {
                Ok(next) if next.is_absolute() => current = next,
                Ok(next) => {
                    current = current
                        .parent()
                        .map_or_else(|| next.clone(), |dir| dir.join(&next))
                }
                Err(_) => break,
            },
            _ => break,
        }
    }
    current
}

/// A temporary name stays within the file-name limit however long the final name is.
fn short(name: &str) -> String {
    name.chars().take(100).collect()
}

/// Removes temporary files of `name` in `dir` whose writer is gone: killed outright, it could not
/// clean up. Files of a process still running (another ontrack writing now) are left alone.
fn sweep_stale(dir: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{}.", short(name));
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file.strip_prefix(&prefix) else {
            continue;
        };
        // `.NAME.PID.RANDOM.ontrack-tmp`, or `.NAME.PID.tmp` as earlier versions wrote them.
        let Some(pid) = rest
            .strip_suffix(TEMP_SUFFIX)
            .and_then(|r| r.split('.').next())
            .or_else(|| rest.strip_suffix(".tmp"))
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !process_alive(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether process `pid` still runs. Where that cannot be told (no /proc), it is taken to run,
/// so nothing of a live process is ever removed.
fn process_alive(pid: u32) -> bool {
    let proc_root = Path::new("/proc");
    if !proc_root.join("self").exists() {
        return true;
    }
    proc_root.join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(slug("maassluis-integratie"), "maassluis-integratie");
        assert_eq!(slug("Mijn Monitor\n\x1b[2J"), "mijn-monitor-2j");
        assert_eq!(slug("../../etc"), "etc");
        assert_eq!(slug("\x1b"), "monitor");
        assert_eq!(slug(&"x".repeat(5000)).len(), 80);
    }

    #[test]
    fn links_are_followed_to_their_file() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.csv");
        std::fs::write(&real, "old").unwrap();
        #[cfg(unix)]
        {
            let link = dir.path().join("link.csv");
            std::os::unix::fs::symlink("real.csv", &link).unwrap();
            assert_eq!(resolve_links(&link), dir.path().join("real.csv"));
            write_file(&link, &[], |w| w.write_all(b"new")).unwrap();
            assert!(std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink());
            assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        }
    }

    #[test]
    fn stale_temporary_files_of_dead_processes_are_swept() {
        let dir = tempfile::tempdir().unwrap();
        // A pid that cannot run: above the kernel's limit.
        let stale = dir.path().join(".out.csv.4294967.abc123.ontrack-tmp");
        let old_style = dir.path().join(".out.csv.4294966.tmp");
        let mine = dir
            .path()
            .join(format!(".out.csv.{}.xyz.ontrack-tmp", std::process::id()));
        let other = dir.path().join(".other.csv.4294967.abc.ontrack-tmp");
        for f in [&stale, &old_style, &mine, &other] {
            std::fs::write(f, "").unwrap();
        }
        sweep_stale(dir.path(), "out.csv");
        assert!(!stale.exists() && !old_style.exists());
        assert!(mine.exists() && other.exists());
    }
}
