//! The `table` command through the real binary: the bundled Maassluis monitor in every format,
//! the exit codes, and each kind of bad input with its message.

use crate::common::*;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

fn row<'a>(
    json: &'a serde_json::Value,
    id: &str,
    series: Option<&str>,
    area: &str,
) -> &'a serde_json::Value {
    json["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id && r["series_id"].as_str() == series && r["area"] == area)
        .unwrap_or_else(|| panic!("no row {id} {series:?} {area}"))
}

#[test]
fn json_lists_every_indicator_series_and_peer_area_of_chapter_4() {
    let out = ontrack(&repo(), &["table", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json = json(&out);
    assert_eq!(json["year"], 2021);
    let rows = json["indicators"].as_array().unwrap();
    // 12 indicators; startkwalificatie has 2 series, discrimination 3 areas: 15 rows.
    assert_eq!(rows.len(), 15);
    assert_eq!(
        json["aggregates"]["indicators"].as_array().unwrap().len(),
        12
    );

    // Baselines and targets exactly as the seed states them.
    let expect = [
        ("jongeren-bijstand", None, "Maassluis", 6.1, "2018-07", None),
        (
            "bijstandsuitkeringen",
            None,
            "Maassluis",
            825.0,
            "2018-07",
            None,
        ),
        ("vsv", None, "Maassluis", 1.73, "2016/2017", None),
        (
            "vsv-westerse-migranten",
            None,
            "Maassluis",
            12.5,
            "2017",
            None,
        ),
        (
            "startkwalificatie",
            Some("westers"),
            "Maassluis",
            70.0,
            "2016",
            None,
        ),
        (
            "startkwalificatie",
            Some("niet-westers"),
            "Maassluis",
            78.0,
            "2016",
            None,
        ),
        (
            "vve-deelname",
            None,
            "Maassluis",
            79.0,
            "2017",
            Some((90.0, 2021)),
        ),
        ("laaggeletterden", None, "Maassluis", 4200.0, "2017", None),
        ("jongeren-personeel", None, "Maassluis", 2.4, "2017", None),
        (
            "discriminatie-meldingen",
            None,
            "Maassluis",
            5.0,
            "2017",
            None,
        ),
        (
            "discriminatie-meldingen",
            None,
            "Vlaardingen",
            14.0,
            "2017",
            None,
        ),
        (
            "discriminatie-meldingen",
            None,
            "Schiedam",
            30.0,
            "2017",
            None,
        ),
        (
            "sociale-cohesie",
            None,
            "Maassluis",
            5.9,
            "2016",
            Some((6.5, 2021)),
        ),
        (
            "segregatie-index",
            None,
            "Maassluis",
            13.0,
            "2017",
            Some((10.0, 2021)),
        ),
        (
            "veiligheidsgevoel",
            None,
            "Maassluis",
            6.8,
            "2016",
            Some((7.0, 2021)),
        ),
    ];
    for (id, series, area, value, period, target) in expect {
        let r = row(&json, id, series, area);
        assert_eq!(r["baseline"]["value"].as_f64(), Some(value), "{id}");
        assert_eq!(r["baseline"]["period"], period, "{id}");
        match target {
            Some((v, y)) => {
                assert_eq!(r["target"]["value"].as_f64(), Some(v), "{id}");
                assert_eq!(r["target"]["year"], y, "{id}");
            }
            None => assert!(r["target"].is_null(), "{id}"),
        }
    }
    // Count and share at once.
    let r = row(&json, "jongeren-personeel", None, "Maassluis");
    assert_eq!(
        (
            r["baseline"]["count"].as_f64(),
            r["baseline"]["denominator"].as_f64()
        ),
        (Some(6.0), Some(252.0))
    );
    assert_eq!(
        row(&json, "jongeren-bijstand", None, "Maassluis")["baseline"]["count"].as_f64(),
        Some(50.0)
    );
    // No direction is invented for the discrimination comparison; the areas are ranked.
    let r = row(&json, "discriminatie-meldingen", None, "Vlaardingen");
    assert_eq!(r["direction"], "none");
    assert_eq!(r["status"], "no_direction");
    assert!(r["score"].is_null());
    assert_eq!(r["rank"]["position"], 2);
    assert_eq!(r["rank"]["of"], 3);
    // "Blijft minimaal gelijk".
    assert_eq!(row(&json, "vsv", None, "Maassluis")["goal"], "maintain");
    // Illustrative data is flagged.
    assert_eq!(json["illustrative"], true);
    assert_eq!(
        row(&json, "vve-deelname", None, "Maassluis")["latest"]["illustrative"],
        true
    );
}

#[test]
fn json_rows_carry_the_figures_of_the_comparison() {
    let json = json(&ontrack(
        &repo(),
        &["table", "--format", "json", "--year", "2019"],
    ));
    let r = row(&json, "vve-deelname", None, "Maassluis");
    // 79 % (2017) -> 83 % (2019), target 90 % in 2021.
    assert_eq!(r["latest"]["value"].as_f64(), Some(83.0));
    assert_eq!(r["latest"]["period"], "2019");
    assert_eq!(r["change"]["absolute"].as_f64(), Some(4.0));
    assert!((r["change"]["relative"].as_f64().unwrap() - 4.0 / 79.0).abs() < 1e-12);
    assert!((r["progress"].as_f64().unwrap() - 4.0 / 11.0).abs() < 1e-12);
    assert_eq!(r["gap"].as_f64(), Some(7.0));
    assert!((r["expected"].as_f64().unwrap() - 84.5).abs() < 1e-12);
    assert_eq!(r["improved"], true);
    assert_eq!(r["method"], "open-sdg");
    let ratio = ((83.0f64 / 79.0).sqrt() - 1.0) / ((90.0f64 / 79.0).powf(0.25) - 1.0);
    assert!((r["progress_value"].as_f64().unwrap() - ratio).abs() < 1e-12);
    assert_eq!(r["status"], "moderate_progress");
    assert_eq!(r["inputs"]["base_year"], 2017);
    assert_eq!(r["inputs"]["current_year"], 2019);
}

#[test]
fn linear_method_is_chosen_on_the_command_line() {
    let json = json(&ontrack(
        &repo(),
        &["table", "--format", "json", "--method", "linear"],
    ));
    assert_eq!(json["method"], "linear");
    let r = row(&json, "sociale-cohesie", None, "Maassluis");
    assert_eq!(r["method"], "linear");
    // 5.9 (2016) -> 6.1 (2020); the path expects 6.38 in 2020.
    let q = r["progress_value"].as_f64().unwrap();
    assert!((q - 0.2 / 0.48).abs() < 1e-9, "{q}");
    // Without a target the open-sdg rule applies, and the row says so.
    assert_eq!(
        row(&json, "laaggeletterden", None, "Maassluis")["method"],
        "open-sdg"
    );
}

#[test]
fn every_text_format_renders_the_rows() {
    let csv = stdout(&ontrack(&repo(), &["table", "--format", "csv"]));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 16);
    assert!(lines[0].starts_with("id,title,theme,series,area"));
    assert!(csv.contains("vve-deelname,Aantal VVE-kinderen dat deelneemt aan een VVE neemt toe tot 90% in 2021,perspectief,,Maassluis,false,%,increase,improve,79,2017,90,2021,86,2021,7,"));

    let tsv = stdout(&ontrack(&repo(), &["table", "--format", "tsv"]));
    assert_eq!(tsv.lines().count(), 16);
    assert!(tsv.lines().nth(1).unwrap().split('\t').count() == 30);

    let md = stdout(&ontrack(&repo(), &["table", "--format", "markdown"]));
    assert!(md.contains("| 4 | De factorhoogte op de segregatie-index neemt af naar 10 in 2021 |"));
    assert!(md.contains("Illustratieve gegevens"));

    let table = stdout(&ontrack(&repo(), &["table"]));
    assert!(table.contains("✓ Doel bereikt"));
    assert!(
        !table.contains('\u{1b}'),
        "no colour when stdout is not a terminal"
    );
    let coloured = stdout(&ontrack(&repo(), &["table", "--color", "always"]));
    assert!(coloured.contains('\u{1b}'));
    let english = stdout(&ontrack(&repo(), &["table", "--lang", "en"]));
    assert!(english.contains("▲ On track") && english.contains("Baseline"));
}

#[test]
fn filters_keep_the_asked_themes_and_indicators() {
    let json = json(&ontrack(
        &repo(),
        &["table", "--format", "json", "--theme", "4"],
    ));
    let ids: Vec<&str> = json["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["sociale-cohesie", "segregatie-index", "veiligheidsgevoel"]
    );
    let json = crate::common::json(&ontrack(
        &repo(),
        &[
            "table",
            "--format",
            "json",
            "--indicator",
            "vsv,startkwalificatie",
        ],
    ));
    assert_eq!(json["indicators"].as_array().unwrap().len(), 3);
    let out = ontrack(&repo(), &["table", "--indicator", "vve-deelnme"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("unknown indicator `vve-deelnme`; did you mean `vve-deelname`?"));
}

#[test]
fn fail_on_gates_with_exit_code_3() {
    // bijstandsuitkeringen deteriorates in the bundled (illustrative) data.
    let out = ontrack(
        &repo(),
        &["table", "--format", "csv", "--fail-on", "deterioration"],
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(!out.stdout.is_empty(), "the output is still written");
    let out = ontrack(
        &repo(),
        &[
            "table",
            "--format",
            "csv",
            "--fail-on",
            "deterioration",
            "--theme",
            "dialoog",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    let out = ontrack(&repo(), &["table", "--fail-on", "worse"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("worse"));
}

#[test]
fn years_without_data_are_refused() {
    let out = ontrack(&repo(), &["table", "--year", "2030"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out)
        .contains("no observations for 2030; years with data (measurements or baselines): 2016, 2017, 2018, 2019, 2020, 2021"));
}

#[test]
fn closing_the_pipe_early_is_quiet() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ontrack"))
        .env("ONTRACK_MESSAGES", "en")
        .current_dir(repo())
        .args(["table", "--format", "csv"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("id,title"));
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    // Only the note on the bundled data's warnings; nothing about the closed pipe.
    assert_eq!(
        stderr(&out),
        "ontrack: 10 warnings in the inputs; `ontrack check` lists them\n"
    );
}

#[test]
fn out_infers_the_format_and_writes_atomically() {
    let dir = bundled_copy();
    let out = ontrack(dir.path(), &["table", "--out", "out/progress.json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out/progress.json")).unwrap())
            .unwrap();
    assert_eq!(written["year"], 2021);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("out")).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left");
    // Never over an input file.
    let out = ontrack(
        dir.path(),
        &["table", "--format", "csv", "--out", "measurements/2017.csv"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("is inside the measurements folder"));
    assert!(
        std::fs::read_to_string(dir.path().join("measurements/2017.csv"))
            .unwrap()
            .contains("vsv-westerse-migranten")
    );
    let out = ontrack(
        dir.path(),
        &["table", "--format", "csv", "--out", "indicators.toml"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("refusing to write over an input file"));
}

/// Runs `table --out result.csv` on a broken copy and checks the message and that nothing was written.
fn refused(dir: &tempfile::TempDir, expected: &str) {
    let out = ontrack(dir.path(), &["table", "--out", "result.csv"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(expected), "expected {expected:?} in:\n{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "the error and a summary: {err}");
    assert!(lines[0].contains(": error: "), "{err}");
    assert_eq!(lines[1], "ontrack: 1 error in 1 file; nothing written");
    assert!(!err.contains("panicked"));
    assert!(
        !dir.path().join("result.csv").exists(),
        "nothing is written"
    );
}

#[test]
fn malformed_toml_is_refused_with_its_line() {
    let dir = bundled_copy();
    edit(
        &dir.path().join("indicators.toml"),
        "unit = \"inwoners\"",
        "unit = \"inwoners",
    );
    refused(&dir, "indicators.toml:");
    let err = stderr(&ontrack(dir.path(), &["table"]));
    assert!(
        err.contains("indicators.toml:69:17: error: invalid basic string"),
        "{err}"
    );
}

#[test]
fn unknown_toml_key_is_refused() {
    let dir = bundled_copy();
    edit(
        &dir.path().join("indicators.toml"),
        "source = \"Cijfers CJG\"",
        "source = \"Cijfers CJG\"\nsorce = \"x\"",
    );
    refused(&dir, "unknown field `sorce`, expected one of");
}

#[test]
fn missing_toml_field_is_refused() {
    let dir = bundled_copy();
    edit(
        &dir.path().join("indicators.toml"),
        "unit = \"factor\"\n",
        "",
    );
    refused(&dir, "missing field `unit`");
}

#[test]
fn unknown_indicator_in_csv_suggests_the_closest_id() {
    let dir = bundled_copy();
    edit(
        &dir.path().join("measurements/2019.csv"),
        "vve-deelname,",
        "vve-deelnam,",
    );
    refused(&dir, "2019.csv:8:1: error: field `indicator`: unknown indicator `vve-deelnam`, expected an id from indicators.toml; did you mean `vve-deelname`?");
}

#[test]
fn non_numeric_value_is_refused() {
    let dir = bundled_copy();
    edit(
        &dir.path().join("measurements/2020.csv"),
        "laaggeletterden,,,2020,4080",
        "laaggeletterden,,,2020,circa 4080",
    );
    refused(
        &dir,
        "2020.csv:9:5: error: field `value`: found `circa 4080`, expected a number such as 6.1, 6,1 or 825",
    );
}

#[test]
fn conflicting_duplicate_is_refused_naming_both_lines() {
    let dir = bundled_copy();
    let file = dir.path().join("measurements/2021.csv");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("segregatie-index,,,2021,12,true,,\n");
    std::fs::write(&file, text).unwrap();
    refused(&dir, "2021.csv:14: error: field `value`: found 12 for the same indicator, series, area and period (2021) as");
    let err = stderr(&ontrack(dir.path(), &["table"]));
    assert!(err.contains("2021.csv:13, which says 11"), "{err}");
}

#[test]
fn baseline_disagreeing_with_its_measurement_is_refused() {
    let dir = bundled_copy();
    edit(
        &dir.path().join("measurements/2017.csv"),
        "vve-deelname,,,2017,79,",
        "vve-deelname,,,2017,78,",
    );
    refused(
        &dir,
        "indicators.toml:138 gives the baseline for that period as 79",
    );
}

#[test]
fn missing_folders_and_files_are_one_line_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out = ontrack(dir.path(), &["table"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "ontrack: error: there is no indicators.toml in this folder, so this is not a monitor folder; point at one with `-C DIR` (or `--indicators FILE`), or start one here with `ontrack init`\n"
    );
    // Every command that reads a monitor says the same.
    for args in [
        &["check"][..],
        &["report"],
        &["show", "x"],
        &["template", "--year", "2022"],
    ] {
        let out = ontrack(dir.path(), args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&out).contains("not a monitor folder"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn usage_errors_exit_1() {
    let out = ontrack(&repo(), &["table", "--format", "xml"]);
    assert_eq!(out.status.code(), Some(1));
    let out = ontrack(&repo(), &["--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("Examples:"));
}

#[test]
fn the_synthetic_national_set_checks_clean_at_small_scale() {
    let dir = tempfile::tempdir().unwrap();
    let size = ontrack::synthetic::Size {
        areas: 5,
        indicators: 20,
        years: 4,
    };
    let written = ontrack::synthetic::write(dir.path(), size).unwrap();
    let out = ontrack(dir.path(), &["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["errors"], 0, "{report:#}");
    assert_eq!(out.status.code(), Some(0));
    let out = ontrack(dir.path(), &["table", "--format", "json", "--observations"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let table: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = table["indicators"].as_array().unwrap();
    // Two of the 20 indicators have two series: 22 series in each of 5 areas.
    assert_eq!(rows.len(), 22 * 5);
    let observations: usize = rows
        .iter()
        .map(|r| r["observations"].as_array().unwrap().len())
        .sum();
    assert_eq!(observations as u64, written);
    assert_eq!(table["illustrative"], true);
}

/// Compact JSON is written a range of rows at a time on every core (a smaller range when the
/// rows carry their observations); indented JSON renders the whole document at once. On a set
/// of many ranges, with and without observations, for `table` and `compare`, both give the
/// same document, and standard output the same bytes as `--out`.
#[test]
fn json_written_in_ranges_is_the_document_made_whole() {
    let dir = tempfile::tempdir().unwrap();
    let size = ontrack::synthetic::Size {
        areas: 40,
        indicators: 120,
        years: 3,
    };
    ontrack::synthetic::write(dir.path(), size).unwrap();
    let years = ["--from", "2007", "--to", "2008"];
    for args in [
        vec!["table", "--format", "json", "--observations"],
        vec!["table", "--format", "json"],
        [
            &["compare"],
            &years[..],
            &["--format", "json", "--observations"],
        ]
        .concat(),
    ] {
        let compact = ontrack(dir.path(), &args);
        assert!(compact.status.success(), "{}", stderr(&compact));
        // Standard output (a pipe here, written through a copy of its descriptor) and a file
        // get the same bytes.
        let file = dir.path().join("out.json");
        let to_file = ontrack(
            dir.path(),
            &[&args[..], &["--out", file.to_str().unwrap()]].concat(),
        );
        assert!(to_file.status.success(), "{}", stderr(&to_file));
        assert!(
            std::fs::read(&file).unwrap() == compact.stdout,
            "{args:?}: standard output and --out differ"
        );
        let whole = ontrack(dir.path(), &[&args[..], &["--pretty"]].concat());
        assert!(stdout(&compact).lines().count() == 1 && stdout(&whole).lines().count() > 1);
        // The keys in the same order: the list last in a table; in a comparison, the summary
        // of its changes after them (counted while they are written).
        let keys = keys_in_order(&compact);
        assert_eq!(keys, keys_in_order(&whole), "{args:?}");
        let (compact, whole) = (json(&compact), json(&whole));
        let list = if args[0] == "table" {
            "indicators"
        } else {
            "changes"
        };
        let last: &[&str] = if args[0] == "table" {
            &["aggregates", "indicators"]
        } else {
            &["aggregates", "changes", "summary"]
        };
        assert!(
            keys.ends_with(&last.iter().map(|k| k.to_string()).collect::<Vec<_>>()),
            "{args:?}: {keys:?}"
        );
        // 40 areas × 132 series: several ranges of rows, of either size.
        assert!(compact[list].as_array().unwrap().len() > 4096, "{args:?}");
        assert_eq!(compact, whole, "{args:?}");
    }
}

/// An indicators.toml of one theme and some increasing percentages, each `(id, baseline of
/// 2018, more lines)`.
fn write_small_monitor(dir: &std::path::Path, indicators: &[(&str, u32, &str)]) {
    let mut toml = String::from(
        "[monitor]\nname = \"t\"\ntitle = \"T\"\nmunicipality = \"Stad\"\n\n[[theme]]\nid = \"a\"\nname = \"A\"\n",
    );
    for (id, baseline, more) in indicators {
        toml.push_str(&format!(
            "\n[[indicator]]\nid = \"{id}\"\ntheme = \"a\"\ntitle = \"{id}\"\nunit = \"%\"\ndirection = \"increase\"\n{more}[[indicator.baseline]]\nvalue = {baseline}\nperiod = \"2018\"\n"
        ));
    }
    std::fs::write(dir.join("indicators.toml"), toml).unwrap();
}

/// `show` (and `table --indicator` as CSV) read only their indicator's rows: another indicator's
/// values still decide the report year (as for `table`), and a broken row of another indicator
/// is not their business.
#[test]
fn one_indicator_commands_read_their_own_rows_and_the_years_of_the_others() {
    let dir = tempfile::tempdir().unwrap();
    write_small_monitor(
        dir.path(),
        &[
            ("early", 50, "target = { value = 60, year = 2030 }\n"),
            ("late", 10, ""),
        ],
    );
    let measurements = dir.path().join("measurements");
    std::fs::create_dir(&measurements).unwrap();
    std::fs::write(
        measurements.join("data.csv"),
        "indicator,period,value\r\nearly,2019,52\r\nearly,2020,55\r\nlate,2019,11\r\nlate,2022,12\r\nlate,2021,\r\n",
    )
    .unwrap();
    let table = json(&ontrack(dir.path(), &["table", "--format", "json"]));
    assert_eq!(table["year"], 2022);
    let shown = json(&ontrack(dir.path(), &["show", "early", "--format", "json"]));
    assert_eq!(shown["year"], table["year"], "the monitor's report year");
    let row = &shown["indicators"][0];
    assert_eq!(row["latest"]["period"], "2020");
    assert_eq!(
        row["status"], table["indicators"][0]["status"],
        "the same status as in the table"
    );
    // `table --indicator` as CSV reads only its rows too, and gives the table's rows.
    let full = stdout(&ontrack(dir.path(), &["table", "--format", "csv"]));
    let one = stdout(&ontrack(
        dir.path(),
        &["table", "--indicator", "early", "--format", "csv"],
    ));
    let expected: Vec<&str> = full
        .lines()
        .enumerate()
        .filter(|(i, l)| *i == 0 || l.starts_with("early,"))
        .map(|(_, l)| l)
        .collect();
    assert_eq!(one.lines().collect::<Vec<_>>(), expected);
    // A value of another indicator that cannot be read: `check` and `table` refuse the data,
    // `show early` and `table --indicator early --format csv` do not read that row; the JSON,
    // which carries the plan's aggregates, needs every indicator and refuses.
    let mut text = std::fs::read_to_string(measurements.join("data.csv")).unwrap();
    text.push_str("late,2023,twelve\r\n");
    std::fs::write(measurements.join("data.csv"), text).unwrap();
    assert_eq!(ontrack(dir.path(), &["check"]).status.code(), Some(1));
    assert_eq!(ontrack(dir.path(), &["table"]).status.code(), Some(1));
    let out = ontrack(dir.path(), &["show", "early", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        json(&out)["year"],
        2022,
        "a value that does not read is no data"
    );
    let csv = ["table", "--indicator", "early", "--format", "csv"];
    assert!(ontrack(dir.path(), &csv).status.success());
    let json_table = ["table", "--indicator", "early", "--format", "json"];
    assert_eq!(ontrack(dir.path(), &json_table).status.code(), Some(1));
    // Its own broken row is found.
    let mut text = std::fs::read_to_string(measurements.join("data.csv")).unwrap();
    text.push_str("early,2021,fifty\r\n");
    std::fs::write(measurements.join("data.csv"), text).unwrap();
    let out = ontrack(dir.path(), &["show", "early"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("data.csv:8"), "{}", stderr(&out));
}

/// Rows of other indicators are passed over by comparing their id with the last one passed
/// over; the shown indicator's rows between them are read whatever way its id is written
/// (spaces around it, another case), so `show` and `table --indicator` give the row the full
/// `table` gives, with LF and CRLF.
#[test]
fn one_indicator_commands_read_every_row_of_theirs_between_the_others() {
    let dir = tempfile::tempdir().unwrap();
    write_small_monitor(dir.path(), &[("own", 50, ""), ("other", 10, "")]);
    let measurements = dir.path().join("measurements");
    std::fs::create_dir(&measurements).unwrap();
    let rows = "indicator,period,value\nown,2019,51\nother,2019,10\nother,2020,11\n own ,2020,52\n\
                OWN,2021,53\nother,2021,12\nother,2021,12\nOwn ,2022,54\nother,2022,13\n";
    for end in ["\n", "\r\n"] {
        std::fs::write(measurements.join("data.csv"), rows.replace('\n', end)).unwrap();
        let full = json(&ontrack(dir.path(), &["table", "--format", "json"]));
        let full_row = full["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == "own")
            .unwrap()
            .clone();
        assert_eq!(full_row["latest"]["value"], 54.0, "{full_row}");
        let selected = json(&ontrack(
            dir.path(),
            &["table", "--indicator", "own", "--format", "json"],
        ));
        assert_eq!(selected["indicators"][0], full_row, "{end:?}");
        // `show` adds the computation and every observation to the same row.
        let shown = json(&ontrack(dir.path(), &["show", "own", "--format", "json"]));
        let shown = &shown["indicators"][0];
        for (key, value) in full_row.as_object().unwrap() {
            assert_eq!(&shown[key], value, "{key} ({end:?})");
        }
        let periods: Vec<&str> = shown["observations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["period"].as_str().unwrap())
            .collect();
        assert_eq!(periods, ["2018", "2019", "2020", "2021", "2022"], "{end:?}");
        let csv = stdout(&ontrack(
            dir.path(),
            &["table", "--indicator", "own", "--format", "csv"],
        ));
        assert!(csv.lines().nth(1).unwrap().contains(",54,2022,"), "{csv}");
    }
}

/// A row without an indicator id is refused wherever it is, the file's first row included
/// (before any row was passed over as another indicator's), naming file, line and field; a
/// command on one other indicator passes it over, as it passes over every row not its own.
#[test]
fn a_row_without_an_indicator_id_is_refused_wherever_it_is() {
    let dir = tempfile::tempdir().unwrap();
    write_small_monitor(dir.path(), &[("own", 50, ""), ("other", 10, "")]);
    let measurements = dir.path().join("measurements");
    std::fs::create_dir(&measurements).unwrap();
    for (rows, line) in [
        (",2020,3\nown,2019,51\n", 2),
        ("own,2019,51\n,2020,3\n", 3),
        ("other,2019,9\n ,2020,3\nown,2019,51\n", 3),
    ] {
        for end in ["\n", "\r\n"] {
            let text = format!("indicator,period,value\n{rows}").replace('\n', end);
            std::fs::write(measurements.join("data.csv"), text).unwrap();
            for args in [&["check"][..], &["table", "--format", "csv"]] {
                let out = ontrack(dir.path(), args);
                assert_eq!(out.status.code(), Some(1), "{args:?} on {rows:?}");
                // `check` lists its findings on standard output, the others on standard error.
                let message = format!("{}{}", stdout(&out), stderr(&out));
                assert!(
                    message.contains(&format!("data.csv:{line}:1"))
                        && message.contains("empty indicator id"),
                    "{args:?} on {rows:?} ({end:?}): {message}"
                );
                if args[0] == "table" {
                    assert!(stdout(&out).is_empty(), "nothing written");
                }
            }
            let shown = ontrack(dir.path(), &["show", "own", "--format", "json"]);
            assert!(shown.status.success(), "{}", stderr(&shown));
        }
    }
}

/// Rows of other indicators are passed over quickly once their period's year is noted; the
/// year still counts only where some row of it has a value, whichever row of a run comes
/// first (an empty value first, then one; a period written with spaces; a year noted under
/// another way of writing it).
#[test]
fn the_years_of_other_indicators_count_rows_with_values_in_any_order() {
    let dir = tempfile::tempdir().unwrap();
    write_small_monitor(
        dir.path(),
        &[("own", 50, ""), ("other", 10, ""), ("third", 10, "")],
    );
    let measurements = dir.path().join("measurements");
    std::fs::create_dir(&measurements).unwrap();
    // The same with LF and CRLF line ends.
    let year_of = |rows: &str| {
        let mut years = Vec::new();
        for end in ["\n", "\r\n"] {
            let text = format!("indicator,period,value\nown,2019,52\n{rows}").replace('\n', end);
            std::fs::write(measurements.join("data.csv"), text).unwrap();
            let table = json(&ontrack(dir.path(), &["table", "--format", "json"]));
            let shown = json(&ontrack(dir.path(), &["show", "own", "--format", "json"]));
            assert_eq!(
                shown["year"], table["year"],
                "show and table agree on {rows:?} ({end:?})"
            );
            years.push(shown["year"].as_i64().unwrap());
        }
        assert_eq!(years[0], years[1], "LF and CRLF on {rows:?}");
        years[0]
    };
    // An empty value, then a value under the same period.
    assert_eq!(year_of("other,2023,\nthird,2023,7\n"), 2023);
    // Only empty values: no year with data.
    assert_eq!(year_of("other,2023,\nthird,2023,\n"), 2019);
    // The same period written with spaces around it.
    assert_eq!(year_of("other,2023,\nthird, 2023 ,7\n"), 2023);
    // A later year after an earlier one is noted.
    assert_eq!(
        year_of("other,2021,1\nthird,2021,2\nthird,2024,\nother,2024,3\n"),
        2024
    );
    // Zero is a value (a share cannot be negative: `table` refuses that).
    assert_eq!(year_of("other,2025,\nthird,2025,0\n"), 2025);
    // School years name their first calendar year.
    assert_eq!(year_of("other,2022/2023,\nthird,2022/2023,4\n"), 2022);
}

/// Rows are assessed and written on every core in chunks of 4096: with more rows than that,
/// the compact JSON (made in chunks) says what the indented JSON (made in one go) says, every
/// row once and in key order, and the CSV has the same rows in the same order.
#[test]
fn many_rows_made_on_every_core_come_out_whole_and_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let size = ontrack::synthetic::Size {
        areas: 150,
        indicators: 60,
        years: 3,
    };
    ontrack::synthetic::write(dir.path(), size).unwrap();
    let compact = ontrack(dir.path(), &["table", "--format", "json"]);
    assert!(compact.status.success(), "{}", stderr(&compact));
    let text = stdout(&compact);
    assert_eq!(text.lines().count(), 1, "compact JSON is one line");
    let pretty = json(&ontrack(
        dir.path(),
        &["table", "--format", "json", "--pretty"],
    ));
    let compact: serde_json::Value = serde_json::from_str(&text).unwrap();
    // Compact JSON is made a range at a time after a first pass for its aggregates; indented
    // JSON from the whole assessment: the same document, also for a selection.
    assert_eq!(compact, pretty);
    for selection in [
        &["--theme", "2"][..],
        &["--indicator", "ind-0003", "--indicator", "ind-0041"],
    ] {
        let args = [&["table", "--format", "json"][..], selection].concat();
        let compact = json(&ontrack(dir.path(), &args));
        let pretty = json(&ontrack(dir.path(), &[&args[..], &["--pretty"]].concat()));
        assert!(!compact["indicators"].as_array().unwrap().is_empty());
        assert_eq!(compact, pretty, "{selection:?}");
    }
    let rows = compact["indicators"].as_array().unwrap();
    assert!(rows.len() > 2 * 4096, "{} rows", rows.len());
    let key = |r: &serde_json::Value| {
        (
            r["id"].as_str().unwrap().to_string(),
            r["series_id"].as_str().unwrap_or("").to_string(),
            r["peer"].as_bool().unwrap(),
            r["area"].as_str().unwrap().to_string(),
        )
    };
    let keys: Vec<_> = rows.iter().map(key).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(keys, sorted, "every row once, in key order");
    // CSV is made and written a range of indicators at a time, never all rows at once: the
    // same rows, in the same order, with the same status and rank (among the areas of one
    // indicator and series) as the JSON made from the whole assessment.
    let records = |args: &[&str]| -> Vec<csv::StringRecord> {
        let out = ontrack(dir.path(), args);
        assert!(out.status.success(), "{}", stderr(&out));
        csv::Reader::from_reader(out.stdout.as_slice())
            .records()
            .map(Result::unwrap)
            .collect()
    };
    let table = records(&["table", "--format", "csv"]);
    let text = |v: &serde_json::Value| v.as_str().unwrap_or("").to_string();
    let of_csv = |r: &csv::StringRecord| {
        // id, series, area, status, rank.
        [0, 3, 4, 22, 26].map(|i| r[i].to_string())
    };
    let of_json = |r: &serde_json::Value| {
        let rank = &r["rank"];
        [
            text(&r["id"]),
            text(&r["series"]),
            text(&r["area"]),
            text(&r["status"]),
            if rank.is_null() {
                String::new()
            } else {
                format!("{}/{}", rank["position"], rank["of"])
            },
        ]
    };
    assert_eq!(table.len(), rows.len());
    for (at, (r, j)) in table.iter().zip(rows).enumerate() {
        assert_eq!(of_csv(r), of_json(j), "row {at}");
    }
    assert!(table.iter().any(|r| !r[26].is_empty()), "peers are ranked");
    // The same for a comparison of two years, paired a range at a time.
    let changes = records(&[
        "compare", "--from", "2006", "--to", "2008", "--format", "csv",
    ]);
    let whole = json(&ontrack(
        dir.path(),
        &[
            "compare", "--from", "2006", "--to", "2008", "--format", "json",
        ],
    ));
    // Compact JSON of a comparison is made a range at a time after a first pass for its
    // aggregates, and its summary counted as the changes are written; indented JSON from both
    // whole assessments: the same document.
    let compare_args = [
        "compare", "--from", "2006", "--to", "2008", "--format", "json",
    ];
    for selection in [&[][..], &["--theme", "1"], &["--indicator", "ind-0005"]] {
        let args = [&compare_args[..], selection].concat();
        let pretty = json(&ontrack(dir.path(), &[&args[..], &["--pretty"]].concat()));
        let compact = if selection.is_empty() {
            whole.clone()
        } else {
            json(&ontrack(dir.path(), &args))
        };
        assert!(pretty["summary"]["rows"].as_u64().unwrap() > 0);
        assert_eq!(compact, pretty, "{selection:?}");
    }
    let whole = whole["changes"].as_array().unwrap();
    assert!(whole.len() > 2 * 4096, "{} changes", whole.len());
    assert_eq!(changes.len(), whole.len());
    for (at, (r, c)) in changes.iter().zip(whole).enumerate() {
        assert_eq!(
            [0, 3, 4, 7, 9, 10].map(|i| r[i].to_string()),
            [
                text(&c["id"]),
                text(&c["series"]),
                text(&c["area"]),
                text(&c["status_change"]),
                text(&c["from"]["status"]),
                text(&c["to"]["status"]),
            ],
            "change {at}"
        );
    }
}

#[test]
fn observations_are_in_the_json_only_when_asked_for() {
    let dir = bundled_copy();
    let plain = json(&ontrack(dir.path(), &["table", "--format", "json"]));
    let full = json(&ontrack(
        dir.path(),
        &["table", "--format", "json", "--observations"],
    ));
    let rows = |t: &serde_json::Value| t["indicators"].as_array().unwrap().clone();
    assert_eq!(rows(&plain).len(), rows(&full).len());
    for (p, f) in rows(&plain).iter().zip(rows(&full)) {
        assert!(p.get("observations").is_none(), "{p}");
        let observations = f["observations"].as_array().unwrap();
        // Every observation names its file and line.
        assert!(observations
            .iter()
            .all(|o| o["from"].as_str().unwrap().contains(".csv:")));
        // Apart from them, the rows are the same, key for key and in the same order.
        let mut f = f.clone();
        f.as_object_mut().unwrap().remove("observations");
        assert_eq!(p.to_string(), f.to_string());
    }
    // The same for compare, in both years' rows; show always has them.
    let plain = json(&ontrack(
        dir.path(),
        &[
            "compare", "--from", "2020", "--to", "2021", "--format", "json",
        ],
    ));
    assert!(!plain.to_string().contains("\"observations\""));
    let full = json(&ontrack(
        dir.path(),
        &[
            "compare",
            "--from",
            "2020",
            "--to",
            "2021",
            "--format",
            "json",
            "--observations",
        ],
    ));
    let change = &full["changes"][0];
    assert!(change["from"]["observations"].is_array() && change["to"]["observations"].is_array());
    let show = json(&ontrack(
        dir.path(),
        &["show", "vve-deelname", "--format", "json"],
    ));
    assert!(show["indicators"][0]["observations"].is_array());
    // The default JSON is much smaller.
    let size = |args: &[&str]| ontrack(dir.path(), args).stdout.len();
    assert!(
        size(&["table", "--format", "json"]) * 3
            < size(&["table", "--format", "json", "--observations"]) * 2
    );
}

/// A national monitor's series are checked in parts, one per core: a finding about a series
/// in the first, the middle and the last indicator is each made once, names its own indicator
/// and line, and the list comes out in file and line order as from one part.
#[test]
fn series_checked_in_parts_give_every_finding_once_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let size = ontrack::synthetic::Size {
        areas: 40,
        indicators: 400,
        years: 3,
    };
    ontrack::synthetic::write(dir.path(), size).unwrap();
    // The percentages (a fraction is looked for in a share only): the first, middle and last.
    let toml = std::fs::read_to_string(dir.path().join("indicators.toml")).unwrap();
    let shares: Vec<String> = toml
        .split("[[indicator]]")
        .filter(|block| block.contains("unit = \"%\""))
        .filter_map(|block| block.split('"').nth(1).map(str::to_string))
        .collect();
    let chosen = [
        shares[0].as_str(),
        shares[shares.len() / 2].as_str(),
        shares[shares.len() - 1].as_str(),
    ];
    let file = std::fs::read_dir(dir.path().join("measurements"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .min()
        .unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    // The first value of a peer area of each chosen indicator written as a fraction (÷ 100).
    let mut expected = Vec::new();
    let lines: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, line)| {
            let fields: Vec<&str> = line.split(',').collect();
            let hit = chosen.contains(&fields[0])
                && !expected.iter().any(|(id, _)| id == fields[0])
                && !fields[2].is_empty()
                && !fields[4].is_empty();
            if !hit {
                return line.to_string();
            }
            expected.push((fields[0].to_string(), i as u64 + 1));
            let fraction = fields[4].parse::<f64>().unwrap() / 100.0;
            let mut fields: Vec<String> = fields.iter().map(|f| f.to_string()).collect();
            fields[4] = format!("{fraction}");
            fields.join(",")
        })
        .collect();
    assert_eq!(expected.len(), 3, "each chosen indicator has the row");
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    let out = ontrack(dir.path(), &["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(String, u64)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["message"].as_str().unwrap().contains("100 times smaller"))
        .map(|d| {
            let message = d["message"].as_str().unwrap();
            let id = message.split('`').nth(1).unwrap().to_string();
            (id, d["line"].as_u64().unwrap())
        })
        .collect();
    assert_eq!(found, expected, "{report:#}");
}

/// Values of earlier periods in a later file (a revision) meet the series out of order: files
/// are read two at a time and hand on their chunks in turn. Each repeat is still found, whatever
/// the order of arrival, and every series comes out in period order.
#[test]
fn earlier_periods_in_a_later_file_are_matched_and_kept_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let size = ontrack::synthetic::Size {
        areas: 40,
        indicators: 400,
        years: 6,
    };
    ontrack::synthetic::write(dir.path(), size).unwrap();
    let mut files: Vec<_> = std::fs::read_dir(dir.path().join("measurements"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let first = std::fs::read_to_string(&files[0]).unwrap();
    let last_text = std::fs::read_to_string(files.last().unwrap()).unwrap();
    let mut last: Vec<String> = last_text.lines().map(str::to_string).collect();
    // Every value of the first year again at the end of the last file: the same value, but
    // for five rows spread over the file, which say another.
    let rows: Vec<&str> = first
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .collect();
    let has_value = |row: &str| !row.split(',').nth(4).unwrap_or_default().is_empty();
    let valued: Vec<usize> = (0..rows.len()).filter(|&i| has_value(rows[i])).collect();
    let changed: Vec<usize> = (0..5).map(|k| valued[k * valued.len() / 5 + 7]).collect();
    let mut conflicts = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let mut fields: Vec<String> = row.split(',').map(str::to_string).collect();
        if changed.contains(&i) {
            let value: f64 = fields[4].parse().unwrap();
            fields[4] = format!("{}", value + 1.0);
            conflicts.push(last.len() as u64 + 1);
        }
        last.push(fields.join(","));
    }
    assert_eq!(conflicts.len(), 5, "the changed rows have values");
    std::fs::write(files.last().unwrap(), last.join("\n") + "\n").unwrap();

    let out = ontrack(dir.path(), &["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let diagnostics = report["diagnostics"].as_array().unwrap();
    let mut found: Vec<u64> = diagnostics
        .iter()
        .filter(|d| {
            d["message"]
                .as_str()
                .unwrap()
                .contains("expected one value")
        })
        .map(|d| d["line"].as_u64().unwrap())
        .collect();
    found.sort();
    assert_eq!(found, conflicts, "{report:#}");
    let identical: Vec<&str> = diagnostics
        .iter()
        .filter_map(|d| d["message"].as_str())
        .filter(|m| m.contains("given twice with the same value"))
        .collect();
    let more = format!("({} more repeats in this file)", valued.len() - 5 - 1);
    assert!(
        identical.len() == 1 && identical[0].contains(&more),
        "{identical:?}, expected {more}"
    );

    // Without the conflicts, every series is read in period order, each period once.
    let mut fixed = last.clone();
    for (line, &row) in conflicts.iter().zip(&changed) {
        fixed[*line as usize - 1] = rows[row].to_string();
    }
    std::fs::write(files.last().unwrap(), fixed.join("\n") + "\n").unwrap();
    let out = ontrack(dir.path(), &["table", "--format", "json", "--observations"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json = json(&out);
    let mut series = 0;
    for row in json["indicators"].as_array().unwrap() {
        let periods: Vec<&str> = row["observations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["period"].as_str().unwrap())
            .collect();
        assert!(periods.windows(2).all(|w| w[0] < w[1]), "{periods:?}");
        series += usize::from(periods.len() == 6);
    }
    assert!(
        series > 8_000,
        "most series have a value in each of the six years: {series}"
    );
}

/// `show` names the method an indicator was assessed with: its own where indicators.toml gives
/// one (whatever the run's default), else the run's; the same as the row's `method` in JSON.
#[test]
fn show_names_the_method_the_indicator_was_assessed_with() {
    let dir = bundled_copy();
    edit(
        &dir.path().join("indicators.toml"),
        "id = \"vve-deelname\"\n",
        "id = \"vve-deelname\"\nmethod = \"linear\"\n",
    );
    let status_line = |args: &[&str]| {
        let text = stdout(&ontrack(dir.path(), args));
        text.lines()
            .find(|l| l.starts_with("Status 2021"))
            .unwrap_or_else(|| panic!("{text}"))
            .to_string()
    };
    let own = status_line(&["show", "vve-deelname", "--lang", "en"]);
    assert!(own.ends_with("method linear)"), "{own}");
    let rows = json(&ontrack(dir.path(), &["table", "--format", "json"]));
    let row = row_of(&rows, "vve-deelname");
    assert_eq!(row["method"], "linear");
    // Without a method of its own: the run's, default or asked for.
    let default = status_line(&["show", "vsv", "--lang", "en"]);
    assert!(default.ends_with("method open-sdg)"), "{default}");
    let asked = status_line(&["show", "vsv", "--lang", "en", "--method", "linear"]);
    assert!(asked.ends_with("method linear)"), "{asked}");
}
