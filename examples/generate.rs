//! `cargo run --release --example generate -- DIR [INDICATORS] [YEARS]`: writes a deterministic
//! synthetic monitor of one municipality (no peer areas; all data marked illustrative) with the
//! given number of indicators (default 500) over the given number of yearly files (default 6),
//! for benchmarks and layout tests. The same generator as the national set
//! (`ontrack::synthetic`, `examples/gen-national.rs`), at the size of one town.

use ontrack::synthetic::{self, Size};
use std::path::PathBuf;

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(args.first().map_or("generated", String::as_str));
    let number = |at: usize, default: usize, what: &str| match args.get(at) {
        None => Ok(default),
        Some(text) => text
            .parse::<usize>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("{what} is `{text}`; expected a whole number above 0")),
    };
    let size = match (number(1, 500, "INDICATORS"), number(2, 6, "YEARS")) {
        (Ok(indicators), Ok(years)) => Size {
            areas: 1,
            indicators,
            years,
        },
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("generate: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match synthetic::write(&dir, size) {
        Ok(written) => {
            eprintln!(
                "generate: wrote {} ({} indicators, {} yearly files, {written} observations)",
                dir.display(),
                size.indicators,
                size.years
            );
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("generate: {}: {e}", dir.display());
            std::process::ExitCode::FAILURE
        }
    }
}
