//! The `ontrack` binary: parses the command line, runs it, and turns the result into an exit
//! code: 0 success, 1 bad input or usage, 3 a `--fail-on` status was found.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match ontrack::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 1 } else { 0 };
            // Printing help into a closed pipe is not worth a panic.
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = ontrack::config::resolve(cli).and_then(|config| ontrack::run(&config));
    match result {
        Ok(ontrack::Outcome::Done) => ExitCode::SUCCESS,
        Ok(ontrack::Outcome::Failed) => ExitCode::from(3),
        Ok(ontrack::Outcome::Problems) => ExitCode::from(1),
        Err(ontrack::error::Error::Usage(message)) => {
            eprintln!("ontrack: error: {message}");
            ExitCode::from(1)
        }
        Err(e) => {
            // Problems in the inputs, one per line, and what became of the run.
            let mut found = ontrack::diagnostic::Diagnostics { list: Vec::from(e) };
            found.sort();
            let _ = found.print(&mut std::io::stderr().lock(), false);
            eprintln!("ontrack: {}; nothing written", found.error_summary());
            ExitCode::from(1)
        }
    }
}
