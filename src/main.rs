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
    // Temporary output files are removed when a signal stops the run.
    ontrack::output::install_signal_cleanup();
    // Completions and man pages describe the command line itself: made here, from clap.
    match &cli.command {
        ontrack::cli::Command::Completions(args) => {
            let mut out = Vec::new();
            ontrack::cli::write_completions(args.shell, &mut out);
            return finish(write_stdout(&out));
        }
        ontrack::cli::Command::Man(args) => {
            let mut out = Vec::new();
            return finish(
                ontrack::cli::write_man(args.out_dir.as_deref(), &mut out)
                    .map_err(|e| {
                        let at = args
                            .out_dir
                            .as_deref()
                            .unwrap_or(std::path::Path::new("<stdout>"));
                        ontrack::error::Error::io(at, e)
                    })
                    .and_then(|written| {
                        if !cli.quiet {
                            for path in written {
                                eprintln!(
                                    "{}",
                                    ontrack::messages::message(&format!(
                                        "ontrack: wrote {}",
                                        path.display()
                                    ))
                                );
                            }
                        }
                        write_stdout(&out)
                    }),
            );
        }
        _ => {}
    }
    let result = ontrack::config::resolve(cli).and_then(|config| ontrack::run(&config));
    finish(result)
}

fn write_stdout(bytes: &[u8]) -> ontrack::error::Result<ontrack::Outcome> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    ontrack::render::ignore_broken_pipe(stdout.write_all(bytes).and_then(|()| stdout.flush()))
        .map(|()| ontrack::Outcome::Done)
}

/// The exit code of a run, with its errors printed.
fn finish(result: ontrack::error::Result<ontrack::Outcome>) -> ExitCode {
    match result {
        Ok(ontrack::Outcome::Done) => ExitCode::SUCCESS,
        Ok(ontrack::Outcome::Failed) => ExitCode::from(3),
        Ok(ontrack::Outcome::Problems) => ExitCode::from(1),
        Err(ontrack::error::Error::Usage(message)) => {
            eprintln!(
                "ontrack: {}: {}",
                ontrack::messages::message("error"),
                ontrack::visible::visible(&ontrack::messages::message(&message))
            );
            ExitCode::from(1)
        }
        Err(e) => {
            // Problems in the inputs, one per line, and what became of the run.
            let mut found = ontrack::diagnostic::Diagnostics { list: Vec::from(e) };
            found.sort();
            let _ = found.print(&mut std::io::stderr().lock(), false, false);
            let nothing = match ontrack::messages::language() {
                ontrack::i18n::Lang::En => "nothing written",
                ontrack::i18n::Lang::Nl => "niets geschreven",
            };
            eprintln!("ontrack: {}; {nothing}", found.error_summary());
            ExitCode::from(1)
        }
    }
}
