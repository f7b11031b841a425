//! `ontrack check`: every problem in the inputs, grouped per file, and a summary line.

use super::{require_monitor, Outcome};
use crate::config::Config;
use crate::error::Result;
use crate::{diagnostic, i18n, load, messages, render};

/// `ontrack check`: every problem, grouped per file, and a summary line, on standard output.
pub(super) fn run(
    config: &Config,
    strict: bool,
    json: bool,
    color: bool,
    indent: bool,
) -> Result<Outcome> {
    require_monitor(&config.monitor)?;
    let checked = load::check(&config.monitor.indicators, &config.monitor.measurements);
    let d = &checked.diagnostics;
    let failed = d.errors() > 0 || (strict && d.warnings() > 0);
    let mut out = std::io::stdout().lock();
    let written = if json {
        diagnostic::write_json(&mut out, d, checked.files, indent)
    } else {
        d.print(&mut out, true, color).and_then(|()| {
            use std::io::Write;
            if !d.list.is_empty() {
                writeln!(out)?;
            }
            writeln!(out, "{} {}", d.summary(), files_checked(checked.files))
        })
    };
    render::ignore_broken_pipe(written)?;
    super::leave(checked);
    Ok(if failed {
        Outcome::Problems
    } else {
        Outcome::Done
    })
}

/// "(7 files checked)" / "(7 bestanden gecontroleerd)".
fn files_checked(n: usize) -> String {
    match messages::language() {
        i18n::Lang::En => format!("({n} {} checked)", if n == 1 { "file" } else { "files" }),
        i18n::Lang::Nl => format!(
            "({n} {} gecontroleerd)",
            if n == 1 { "bestand" } else { "bestanden" }
        ),
    }
}
