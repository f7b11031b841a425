//! `cargo run --release --example gen-national -- DIR [--scale F] [--areas N] [--indicators N]
//! [--years N]`: writes the synthetic national monitor of `ontrack::synthetic` into DIR
//! (default: 342 areas × 500 indicators × 20 years ≈ 3.4 million observations; `--scale 0.1`
//! for a tenth of the areas and indicators, `--scale 2` for twice as many).

use ontrack::synthetic::{self, Size};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    let mut size = Size::NATIONAL;
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> Option<f64> {
            let v = args.next().and_then(|v| v.parse::<f64>().ok());
            if v.is_none() {
                eprintln!("gen-national: {name} needs a number");
            }
            v.filter(|v| *v > 0.0)
        };
        match arg.as_str() {
            "--scale" => match number("--scale") {
                Some(f) => {
                    let years = size.years;
                    size = Size::scaled(f);
                    size.years = years;
                }
                None => return ExitCode::from(1),
            },
            "--areas" => match number("--areas") {
                Some(n) => size.areas = n as usize,
                None => return ExitCode::from(1),
            },
            "--indicators" => match number("--indicators") {
                Some(n) => size.indicators = n as usize,
                None => return ExitCode::from(1),
            },
            "--years" => match number("--years") {
                Some(n) => size.years = n as usize,
                None => return ExitCode::from(1),
            },
            other if !other.starts_with('-') && dir.is_none() => dir = Some(PathBuf::from(other)),
            other => {
                eprintln!("gen-national: unexpected argument `{other}`");
                return ExitCode::from(1);
            }
        }
    }
    let dir = dir.unwrap_or_else(|| PathBuf::from("national"));
    match synthetic::write(&dir, size) {
        Ok(n) => {
            eprintln!(
                "gen-national: wrote {} ({} areas × {} indicators × {} years, {n} observations, all illustrative)",
                dir.display(),
                size.areas,
                size.indicators,
                size.years
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen-national: {}: {e}", dir.display());
            ExitCode::from(1)
        }
    }
}
