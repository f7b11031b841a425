//! A progress bar on standard error for work that takes more than a moment (reading a national
//! set of measurement files), shown only on a terminal and never in a pipe, a CI log or with
//! `--quiet`.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether a bar may be shown at all: off with `--quiet` (set once, by the command line).
static ALLOWED: AtomicBool = AtomicBool::new(true);

/// Allows or forbids progress bars for the rest of the run.
pub fn allow(allowed: bool) {
    ALLOWED.store(allowed, Ordering::Relaxed);
}

/// Inputs smaller than this read in well under a second: no bar.
const WORTH_SHOWING: u64 = 32 * 1024 * 1024;

/// A bar over `steps` steps of work on `bytes` bytes, or None where none should show.
pub(crate) fn for_files(
    steps: u64,
    bytes: u64,
    what: &'static str,
) -> Option<indicatif::ProgressBar> {
    // ONTRACK_PROGRESS_BYTES lowers the threshold, so that a test can see the bar on small data.
    let threshold = std::env::var("ONTRACK_PROGRESS_BYTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(WORTH_SHOWING);
    if !ALLOWED.load(Ordering::Relaxed) || bytes < threshold || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(steps),
        indicatif::ProgressDrawTarget::stderr(),
    );
    let style = indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} {elapsed}")
        .map(|s| s.progress_chars("=> "));
    if let Ok(style) = style {
        bar.set_style(style);
    }
    bar.set_message(what);
    Some(bar)
}
