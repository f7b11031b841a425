//! `cargo run --example conformance -- VECTORS.csv OUTDIR`: turns a CSV of published progress
//! results into a monitor folder that `ontrack -C OUTDIR table --format json` assesses.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [vectors, out] = args.as_slice() else {
        eprintln!("usage: cargo run --example conformance -- VECTORS.csv OUTDIR");
        return ExitCode::from(1);
    };
    let result = ontrack::conformance::read_vectors(vectors)
        .and_then(|v| ontrack::conformance::write_monitor(&v, out).map(|()| v.len()));
    match result {
        Ok(n) => {
            eprintln!("wrote {n} indicators to {}", out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("conformance: error: {e}");
            ExitCode::from(1)
        }
    }
}
