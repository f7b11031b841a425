//! The README's examples run and print what the README shows: the `check` example output and
//! every jq recipe of "Scripting with jq" (run with bash and jq against the bundled monitor).

use crate::common::*;
use std::process::Command;

fn readme() -> String {
    std::fs::read_to_string(repo().join("README.md")).unwrap()
}

#[test]
fn the_check_example_prints_what_the_readme_shows() {
    let text = readme();
    let shown: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.contains("circa 4080"))
        .take(3)
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(shown.len(), 2, "{shown:?}");
    let dir = bundled_copy();
    edit(
        &dir.path().join("measurements/2020.csv"),
        "laaggeletterden,,,2020,4080,",
        "laaggeletterden,,,2020,circa 4080,",
    );
    // As the analyst sees it: in the monitor's language.
    let out = ontrack_dutch(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let printed = stdout(&out);
    for line in shown {
        assert!(
            printed.lines().any(|l| l == line),
            "README shows `{line}`, check printed:\n{printed}"
        );
    }
}

#[test]
fn every_jq_recipe_runs_on_the_bundled_monitor() {
    if Command::new("jq").arg("--version").output().is_err() {
        panic!("jq is needed for this test (.ci/run installs it)");
    }
    let text = readme();
    let block: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("Scripting with jq"))
        .skip(1)
        .take_while(|l| !l.starts_with("## "))
        .collect();
    // Commands, with `\` continuations joined; the comment above each says what it prints.
    let mut recipes: Vec<(String, String)> = Vec::new();
    let mut comment = String::new();
    for line in block {
        let line = line.trim();
        if let Some(c) = line.strip_prefix("# ") {
            comment = c.to_string();
        } else if line.starts_with("ontrack ") || line.starts_with('|') {
            match recipes.last_mut() {
                Some((_, cmd)) if cmd.ends_with('\\') => {
                    cmd.pop();
                    cmd.push_str(line);
                }
                _ => recipes.push((comment.clone(), line.to_string())),
            }
        }
    }
    assert!(recipes.len() >= 7, "{recipes:?}");
    let bin_dir = std::path::Path::new(env!("CARGO_BIN_EXE_ontrack"))
        .parent()
        .unwrap()
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for (what, cmd) in recipes {
        let out = Command::new("bash")
            .args(["-o", "pipefail", "-c", &cmd])
            .current_dir(repo())
            .env("PATH", &path)
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .output()
            .unwrap();
        let printed = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(
            out.status.success(),
            "{cmd}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        // The bundled data has no errors; every other recipe prints something real.
        if !what.contains("errors of check") {
            assert!(
                !printed.trim().is_empty(),
                "{what}: `{cmd}` printed nothing"
            );
        }
    }
}
