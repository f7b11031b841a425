//! Conformance with published production results of the Open SDG / Statistics Canada progress
//! methodology: every row of `tests/fixtures/conformance/statcan_gif_series.csv` (a copy of
//! `shared/conformance/`) is turned into a monitor folder, run through the real binary (TOML and
//! CSV in, JSON out) and compared: progress value to 1e-9 relative, score to 1e-6, status exact.
//! Rows the published tool could not assess (`not_available`) must come out `not_assessable`.

use crate::common::*;
use ontrack::conformance::{read_vectors, write_monitor};

#[test]
fn all_published_rows_are_reproduced_through_the_cli() {
    let vectors =
        read_vectors(&repo().join("tests/fixtures/conformance/statcan_gif_series.csv")).unwrap();
    assert_eq!(vectors.len(), 247);
    let dir = tempfile::tempdir().unwrap();
    write_monitor(&vectors, dir.path()).unwrap();

    let out = ontrack(dir.path(), &["table", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json = json(&out);
    let rows = json["indicators"].as_array().unwrap();
    assert_eq!(rows.len(), 247);

    let mut failures = Vec::new();
    for v in &vectors {
        let row = rows.iter().find(|r| r["id"] == v.vid.as_str()).unwrap();
        let expected_status = match v.exp_status.as_str() {
            "not_available" => "not_assessable",
            s => s,
        };
        let status = row["status"].as_str().unwrap();
        if status != expected_status {
            failures.push(format!(
                "{}: status {status}, published {expected_status} ({})",
                v.vid, v.note
            ));
        }
        let progress = row["progress_value"].as_f64();
        match (progress, v.exp_progress_value) {
            (None, None) => {}
            (Some(p), Some(e)) if (p - e).abs() <= 1e-9 * e.abs() => {}
            (p, e) => failures.push(format!("{}: progress value {p:?}, published {e:?}", v.vid)),
        }
        let score = row["score"].as_f64();
        match (score, v.exp_score) {
            (None, None) => {}
            (Some(s), Some(e)) if (s - e).abs() <= 1e-6 => {}
            (s, e) => failures.push(format!("{}: score {s:?}, published {e:?}", v.vid)),
        }
        // The inputs the calculation used are the published ones.
        if let (Some(by), Some(inputs)) = (v.base_year, row["inputs"].as_object()) {
            assert_eq!(inputs["base_year"], by, "{}", v.vid);
            assert_eq!(inputs["current_year"], v.current_year.unwrap(), "{}", v.vid);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of 247 rows differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_edge_rows_are_the_ones_the_published_file_marks() {
    let vectors =
        read_vectors(&repo().join("tests/fixtures/conformance/statcan_gif_series.csv")).unwrap();
    // Base value equal to target: no progress value, target achieved (all 9 such rows).
    let edge: Vec<_> = vectors
        .iter()
        .filter(|v| v.note.starts_with("edge:base==target"))
        .collect();
    assert_eq!(edge.len(), 9);
    assert!(edge
        .iter()
        .all(|v| v.exp_progress_value.is_none() && v.exp_status == "target_achieved"));
    // No data: not assessable.
    let no_data: Vec<_> = vectors
        .iter()
        .filter(|v| v.note == "skip:no_data")
        .collect();
    assert_eq!(no_data.len(), 4);
    assert!(no_data.iter().all(|v| v.base_value.is_none()));
}

#[test]
fn the_computation_show_prints_arrives_at_every_published_figure() {
    let vectors =
        read_vectors(&repo().join("tests/fixtures/conformance/statcan_gif_series.csv")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    write_monitor(&vectors, dir.path()).unwrap();
    let mut dataset = ontrack::load::load(
        &dir.path().join("indicators.toml"),
        &dir.path().join("measurements"),
    )
    .unwrap();
    let options = ontrack::assess::Options {
        trace: true,
        ..Default::default()
    };
    let assessment = ontrack::assess::assess(&mut dataset, &options).unwrap();
    let mut checked = 0;
    for row in &assessment.indicators {
        let steps = &row.trace;
        let value = |name: &str| steps.iter().find(|s| s.name == name).and_then(|s| s.value);
        if let Some(p) = row.progress_value {
            let shown = ["P", "R", "Q"]
                .iter()
                .find_map(|n| value(n))
                .unwrap_or_else(|| panic!("{}: no progress step in {steps:?}", row.id));
            // The trace holds the very number the row reports, not a recomputation.
            assert_eq!(shown, p, "{}", row.id);
            checked += 1;
        }
        // The trace arrives at the computed score.
        assert_eq!(
            ontrack::assess::trace::final_value(steps),
            row.score,
            "{}: {steps:?}",
            row.id
        );
    }
    // Every row with a published progress value had its computation checked.
    let published = vectors
        .iter()
        .filter(|v| v.exp_progress_value.is_some())
        .count();
    assert_eq!(checked, published);
}
