//! Runs the independent recomputation (`tests/recompute.py`, Python standard library only) on
//! generated monitors full of edge cases: every row's status, score, progress value, change,
//! gap, expected value, rank and every aggregate must agree with `ontrack table --format json`
//! under both methods.

use std::process::Command;

#[test]
fn an_independent_implementation_agrees_on_every_field() {
    let script = crate::common::repo().join("tests/recompute.py");
    for seed in ["2021", "3", "17"] {
        let out = Command::new("python3")
            .arg(&script)
            .arg(env!("CARGO_BIN_EXE_ontrack"))
            .args(["--seed", seed, "--indicators", "250"])
            .output()
            .expect("python3 runs (.ci/run installs it)");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "seed {seed}:\n{text}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let last = text.lines().last().unwrap_or_default();
        assert!(
            last.ends_with(&format!("0 differences (seed {seed})")),
            "{last}"
        );
        // Both methods, a few hundred rows each: the comparison really ran.
        let rows: usize = last
            .split_whitespace()
            .nth(1)
            .and_then(|n| n.parse().ok())
            .unwrap();
        assert!(rows > 500, "{last}");
    }
}
