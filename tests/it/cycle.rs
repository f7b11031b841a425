//! The yearly cycle through the real binary: `init`, `template` (fill in, read back), `show`,
//! `compare` with its `--fail-on` gate, and each command's refusals; on the bundled monitor and
//! on a fresh `init`.

use crate::common::*;
use serde_json::Value;
use std::path::Path;

fn rows(json: &Value, key: &str) -> Vec<Value> {
    json[key].as_array().expect("an array").clone()
}

/// The key of a row object: indicator, series and area.
fn row_key(r: &Value) -> (String, Option<String>, String) {
    (
        r["id"].as_str().unwrap().to_string(),
        r["series_id"].as_str().map(str::to_string),
        r["area"].as_str().unwrap().to_string(),
    )
}

fn table_json(dir: &Path, year: &str) -> Value {
    let out = ontrack(dir, &["table", "--year", year, "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    json(&out)
}

// ---- init

#[test]
fn init_makes_a_monitor_that_checks_and_tables_and_marks_its_examples() {
    let dir = tempfile::tempdir().unwrap();
    let out = ontrack(dir.path(), &["init", "new"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let monitor = dir.path().join("new");
    assert!(monitor.join("measurements").is_dir());
    assert!(monitor.join("reports").is_dir());
    assert!(stderr(&out).contains("wrote new/indicators.toml"));

    let check = ontrack(&monitor, &["check", "--format", "json"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    let found = json(&check);
    assert_eq!(found["errors"], 0);
    // The one warning says the example baselines are made up.
    let warnings = rows(&found, "diagnostics");
    assert!(warnings.iter().any(|d| d["message"]
        .as_str()
        .unwrap()
        .contains("marked illustrative")));

    // Every row of the fresh monitor is marked illustrative, and so is the whole output.
    let table = ontrack(&monitor, &["table", "--format", "json"]);
    assert!(table.status.success(), "{}", stderr(&table));
    let table = json(&table);
    assert_eq!(table["illustrative"], true);
    let all = rows(&table, "indicators");
    assert!(!all.is_empty());
    assert!(all.iter().all(|r| r["illustrative"] == true));
    let markdown = stdout(&ontrack(&monitor, &["table", "--format", "markdown"]));
    assert!(markdown.contains("Illustratieve gegevens"));
}

#[test]
fn init_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("indicators.toml"), "# mine\n").unwrap();
    let out = ontrack(dir.path(), &["init"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("indicators.toml: already exists"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("indicators.toml")).unwrap(),
        "# mine\n"
    );
    assert!(!dir.path().join("measurements").exists(), "nothing written");

    // A file where a folder belongs stops it before anything is written.
    let other = tempfile::tempdir().unwrap();
    std::fs::write(other.path().join("reports"), "not a folder").unwrap();
    let out = ontrack(other.path(), &["init"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("reports: is a file"));
    assert!(!other.path().join("indicators.toml").exists());
    assert!(!other.path().join("measurements").exists());
}

// ---- template

/// The template's rows as (indicator, series, area) → the whole record, from a `;` file.
fn template_records(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let records = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, records)
}

#[test]
fn template_has_a_row_per_expected_observation_with_the_last_known_value() {
    let dir = bundled_copy();
    let out = ontrack(dir.path(), &["template", "--year", "2022"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("excel-nl"), "states the dialect");
    let bytes = std::fs::read(dir.path().join("measurements/2022.csv")).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.starts_with('\u{feff}'), "a BOM so Excel reads UTF-8");
    assert!(text.contains("\r\n"));
    let (header, records) = template_records(&text);
    assert_eq!(
        header[..5],
        ["indicator", "reeks", "gebied", "periode", "waarde"]
    );

    // One row per row of the assessment: indicator × series × area.
    let table = table_json(dir.path(), "2021");
    let table_rows = rows(&table, "indicators");
    assert_eq!(records.len(), table_rows.len());
    for (record, row) in records.iter().zip(&table_rows) {
        assert_eq!(record[0], row["id"].as_str().unwrap());
        assert_eq!(record[1], row["series_id"].as_str().unwrap_or(""));
        let area = if row["peer"] == true {
            row["area"].as_str().unwrap()
        } else {
            ""
        };
        assert_eq!(record[2], area);
        assert_eq!(record[4], "", "the value is left to fill in");
        assert_eq!(record[8], row["unit"].as_str().unwrap());
        // The last known value is the 2021 report's latest one (all of them lie before 2022),
        // written with a decimal comma.
        let latest = &row["latest"];
        let expected = latest["value"]
            .as_f64()
            .unwrap()
            .to_string()
            .replace('.', ",");
        assert_eq!(record[9], expected, "{record:?}");
        assert_eq!(record[10], latest["period"].as_str().unwrap());
    }
    // Periods keep the shape of their series: a month, a school year, a year.
    let period_of = |id: &str| {
        records
            .iter()
            .find(|r| r[0] == id)
            .map(|r| r[3].clone())
            .unwrap()
    };
    assert_eq!(period_of("jongeren-bijstand"), "2022-07");
    // A school year is asked in the year it ends.
    assert_eq!(period_of("vsv"), "2021/2022");
    assert_eq!(period_of("sociale-cohesie"), "2022");
}

#[test]
fn a_filled_in_template_reads_back_and_is_never_clobbered() {
    let dir = bundled_copy();
    assert!(ontrack(dir.path(), &["template", "--year", "2022"])
        .status
        .success());
    let path = dir.path().join("measurements/2022.csv");
    // Fill in two values the way Dutch Excel saves them: decimal comma, `;`, CRLF.
    let text = std::fs::read_to_string(&path).unwrap();
    let filled: Vec<String> = text
        .split("\r\n")
        .map(|line| {
            let mut fields: Vec<&str> = line.split(';').collect();
            match fields.first() {
                Some(&"vve-deelname") => fields[4] = "88,5",
                Some(&"laaggeletterden") => fields[4] = "3.950",
                _ => {}
            }
            fields.join(";")
        })
        .collect();
    std::fs::write(&path, filled.join("\r\n")).unwrap();

    let check = ontrack(dir.path(), &["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    let table = table_json(dir.path(), "2022");
    let latest = |id: &str| {
        rows(&table, "indicators")
            .into_iter()
            .find(|r| r["id"] == id)
            .map(|r| r["latest"].clone())
            .unwrap()
    };
    assert_eq!(latest("vve-deelname")["value"], 88.5);
    assert_eq!(latest("vve-deelname")["period"], "2022");
    // `3.950` in a decimal-comma file is a thousands group.
    assert_eq!(latest("laaggeletterden")["value"], 3950.0);

    // A second template run refuses to overwrite the values.
    let before = std::fs::read(&path).unwrap();
    let again = ontrack(dir.path(), &["template", "--year", "2022"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already holds 2 values"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn an_empty_template_may_be_replaced_and_stdout_gets_the_plain_dialect() {
    let dir = bundled_copy();
    for _ in 0..2 {
        let out = ontrack(dir.path(), &["template", "--year", "2022"]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let out = ontrack(
        dir.path(),
        &[
            "template",
            "--year",
            "2022",
            "--dialect",
            "plain",
            "--out",
            "-",
        ],
    );
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.starts_with("indicator,series,area,period,value,"));
    assert!(text.contains("\nvsv,,,2021/2022,,,Cijfers DUO,,%,1.71,2020/2021\n"));

    // The definitions themselves are never a template's target.
    let definitions = std::fs::read(dir.path().join("indicators.toml")).unwrap();
    let out = ontrack(
        dir.path(),
        &["template", "--year", "2022", "--out", "indicators.toml"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("give a name ending in .csv"));
    assert_eq!(
        std::fs::read(dir.path().join("indicators.toml")).unwrap(),
        definitions
    );
    // Nor a measurement file that holds values.
    let out = ontrack(
        dir.path(),
        &[
            "template",
            "--year",
            "2022",
            "--out",
            "measurements/2021.csv",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("refusing to overwrite"));
    // Nor is a workbook: the template is CSV.
    let out = ontrack(
        dir.path(),
        &["template", "--year", "2022", "--out", "2022.xlsx"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("give a name ending in .csv"));
    assert!(!dir.path().join("2022.xlsx").exists());
}

// ---- show

#[test]
fn show_gives_the_same_rows_as_table_plus_their_computation() {
    for method in ["open-sdg", "linear"] {
        let out = ontrack(
            &repo(),
            &[
                "table",
                "--format",
                "json",
                "--observations",
                "--method",
                method,
            ],
        );
        show_matches_table(&json(&out), method);
    }
}

/// `show` of every indicator against the rows of `table` (made with `method`).
fn show_matches_table(table: &Value, method: &str) {
    let ids: Vec<String> = table["aggregates"]["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 12);
    for id in &ids {
        let id = id.as_str();
        let out = ontrack(
            &repo(),
            &["show", id, "--format", "json", "--method", method],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        let shown = json(&out);
        assert_eq!(shown["definition"]["id"], id);
        let shown_rows = rows(&shown, "indicators");
        let table_rows: Vec<Value> = rows(table, "indicators")
            .into_iter()
            .filter(|r| r["id"] == id)
            .collect();
        assert_eq!(shown_rows.len(), table_rows.len());
        for (s, t) in shown_rows.iter().zip(&table_rows) {
            let mut s = s.clone();
            let steps = s
                .as_object_mut()
                .unwrap()
                .remove("computation")
                .expect("a computation");
            assert_eq!(&s, t, "the same row object as `table`");
            // The computation arrives at the row's own figures.
            let step = |name: &str| {
                steps
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|x| x["name"] == name)
                    .cloned()
            };
            if let Some(p) = t["progress_value"].as_f64() {
                let computed = ["P", "R", "Q"]
                    .iter()
                    .find_map(|n| step(n).and_then(|x| x["value"].as_f64()))
                    .expect("a progress step");
                assert!((computed - p).abs() < 1e-12, "{id}: {computed} vs {p}");
            }
            if let Some(score) = t["score"].as_f64() {
                assert_eq!(step("score").unwrap()["value"].as_f64(), Some(score));
            }
        }
    }
}

#[test]
fn show_explains_in_text_and_refuses_unknown_ids_and_years() {
    let out = ontrack(&repo(), &["show", "vve-deelname", "--lang", "en"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("required CAGR = (T / y0)^(1 / (tT − t0)) − 1 = (90 / 79)^"));
    assert!(
        text.contains("measurements/2021.csv:"),
        "observations name their line"
    );
    assert!(text.contains("Target"));

    let out = ontrack(&repo(), &["show", "discriminatie"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("did you mean `discriminatie-meldingen`?"));
    let out = ontrack(&repo(), &["show", "vsv", "--year", "2030"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no observations for 2030"));
}

// ---- compare

#[test]
fn compare_sets_the_same_row_objects_of_two_years_side_by_side() {
    let out = ontrack(
        &repo(),
        &[
            "compare", "--from", "2020", "--to", "2021", "--format", "json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let c = json(&out);
    assert_eq!(
        (c["from"].as_i64(), c["to"].as_i64()),
        (Some(2020), Some(2021))
    );
    let from_table = table_json(&repo(), "2020");
    let to_table = table_json(&repo(), "2021");
    let changes = rows(&c, "changes");
    assert_eq!(changes.len(), rows(&to_table, "indicators").len());
    assert_eq!(c["summary"]["rows"], changes.len());
    for change in &changes {
        let key = row_key(change);
        let find = |t: &Value| {
            rows(t, "indicators")
                .into_iter()
                .find(|r| row_key(r) == key)
                .unwrap()
        };
        assert_eq!(change["from"], find(&from_table));
        assert_eq!(change["to"], find(&to_table));
        // The value change is the difference of the two latest values.
        let v = |side: &str| change[side]["latest"]["value"].as_f64().unwrap();
        let diff = change["value_change"].as_f64().unwrap();
        assert!((diff - (v("to") - v("from"))).abs() < 1e-9);
        // A new observation is one of a later period than the earlier report's latest.
        let p = |side: &str| {
            change[side]["latest"]["period"]
                .as_str()
                .unwrap()
                .to_string()
        };
        let expected = if p("to") == p("from") {
            "missing"
        } else {
            "new"
        };
        assert_eq!(change["observation"], expected, "{key:?}");
    }
    // The aggregates of both years are those `table` computes for each year.
    let aggregates = rows(&c, "aggregates");
    let plan = &aggregates[0];
    assert_eq!(plan["level"], "plan");
    assert_eq!(plan["from"], from_table["aggregates"]["plan"]);
    assert_eq!(plan["to"], to_table["aggregates"]["plan"]);
    let score = |t: &Value| t["aggregates"]["plan"]["score"].as_f64().unwrap();
    let score_change = plan["score_change"].as_f64().unwrap();
    assert!((score_change - (score(&to_table) - score(&from_table))).abs() < 1e-9);
    for level in ["theme", "indicator"] {
        let key = format!("{level}s");
        let of_level: Vec<&Value> = aggregates.iter().filter(|a| a["level"] == level).collect();
        let table_level = rows(&to_table["aggregates"], &key);
        assert_eq!(of_level.len(), table_level.len(), "{level}");
        for (a, t) in of_level.iter().zip(&table_level) {
            assert_eq!(&a["to"], t);
        }
    }
    // The summary counts the rows' changes.
    let count = |field: &str, value: &str| changes.iter().filter(|c| c[field] == value).count();
    for change in ["better", "worse", "same", "assessed", "unassessed"] {
        assert_eq!(
            c["summary"][change],
            count("status_change", change),
            "{change}"
        );
    }
    for observation in ["new", "first", "missing"] {
        assert_eq!(c["summary"][observation], count("observation", observation));
    }
    // sociale-cohesie was last measured in 2020: nothing new for 2021.
    let cohesion = changes
        .iter()
        .find(|c| c["id"] == "sociale-cohesie")
        .unwrap();
    assert_eq!(cohesion["observation"], "missing");
}

#[test]
fn compare_fails_on_a_worse_status_only_when_there_is_one() {
    let dir = bundled_copy();
    let gate = |dir: &Path| {
        ontrack(
            dir,
            &[
                "compare",
                "--from",
                "2020",
                "--to",
                "2021",
                "--fail-on",
                "worse",
                "-q",
            ],
        )
    };
    // In 2021 the target year of vve-deelname and segregatie-index has passed without the
    // target: "target not achieved" is worse than the progress of 2020, and the gate says so.
    let before = gate(dir.path());
    assert_eq!(before.status.code(), Some(3));
    let told = ontrack(
        dir.path(),
        &[
            "compare",
            "--from",
            "2020",
            "--to",
            "2021",
            "--fail-on",
            "worse",
        ],
    );
    let told = stderr(&told);
    let said: Vec<&str> = told
        .lines()
        .filter(|l| l.starts_with("ontrack: --fail-on:"))
        .collect();
    assert_eq!(
        said,
        [
            "ontrack: --fail-on: vve-deelname tripped `worse` (moderate_progress → target_not_achieved)",
            "ontrack: --fail-on: segregatie-index tripped `worse` (moderate_progress → target_not_achieved)"
        ]
    );
    // -q says nothing.
    assert_eq!(stderr(&before), "");

    // Both targets met in 2021: nothing got worse, the gate passes.
    let m2021 = dir.path().join("measurements/2021.csv");
    edit(&m2021, "vve-deelname,,,2021,86,", "vve-deelname,,,2021,90,");
    edit(
        &m2021,
        "segregatie-index,,,2021,11,",
        "segregatie-index,,,2021,10,",
    );
    let met = gate(dir.path());
    let c = json(&ontrack(
        dir.path(),
        &[
            "compare", "--from", "2020", "--to", "2021", "--format", "json",
        ],
    ));
    assert_eq!(c["summary"]["worse"], 0);
    assert_eq!(met.status.code(), Some(0), "{}", stderr(&met));

    // VVE participation falls back below its baseline in 2021: its status gets worse.
    edit(&m2021, "vve-deelname,,,2021,90,", "vve-deelname,,,2021,75,");
    let after = gate(dir.path());
    assert_eq!(after.status.code(), Some(3), "{}", stderr(&after));
    let c = json(&ontrack(
        dir.path(),
        &[
            "compare", "--from", "2020", "--to", "2021", "--format", "json",
        ],
    ));
    let worse: Vec<String> = rows(&c, "changes")
        .iter()
        .filter(|c| c["status_change"] == "worse")
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(worse, ["vve-deelname"]);
    // A status of the later year gates too.
    let status_gate = ontrack(
        dir.path(),
        &[
            "compare",
            "--from",
            "2020",
            "--to",
            "2021",
            "--fail-on",
            "deterioration",
            "-q",
        ],
    );
    assert_eq!(status_gate.status.code(), Some(3));
}

#[test]
fn compare_writes_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let base = ["compare", "--from", "2019", "--to", "2021"];
    let run = |extra: &[&str]| {
        let args: Vec<&str> = base.iter().chain(extra).copied().collect();
        let out = ontrack(&repo(), &args);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    let changes = rows(
        &serde_json::from_str(&run(&["--format", "json"])).unwrap(),
        "changes",
    );

    let csv = run(&["--format", "csv"]);
    assert!(csv.starts_with("id,title,theme,series,area,peer,unit,status_change,observation,"));
    assert_eq!(csv.lines().count(), changes.len() + 1);
    let tsv = run(&["--format", "tsv"]);
    assert_eq!(tsv.lines().next().unwrap().split('\t').count(), 20);
    let markdown = run(&["--format", "markdown", "--lang", "en"]);
    assert!(markdown.starts_with("# "));
    assert!(markdown.contains("Comparison 2019 → 2021"));
    assert_eq!(
        markdown.lines().filter(|l| l.starts_with("| ")).count(),
        // aggregates table: header, plan, 4 themes; rows table: header and one per change
        1 + 1 + 4 + 1 + changes.len()
    );
    let table = run(&["--color", "never"]);
    assert!(table.contains("Status 2019") && table.contains("Status 2021"));
    assert!(!table.contains('\u{1b}'));
    let coloured = run(&["--color", "always"]);
    assert!(coloured.contains('\u{1b}'));

    // --out takes the format from the extension.
    let path = dir.path().join("changes.md");
    let out = ontrack(
        &repo(),
        &[
            "compare",
            "--from",
            "2019",
            "--to",
            "2021",
            "--out",
            path.to_str().unwrap(),
        ],
    );
    assert!(out.status.success());
    assert!(std::fs::read_to_string(&path).unwrap().starts_with("# "));
}

#[test]
fn compare_refuses_reversed_and_empty_years() {
    let out = ontrack(&repo(), &["compare", "--from", "2021", "--to", "2020"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--from 2021 is not before --to 2020"));
    let out = ontrack(&repo(), &["compare", "--from", "2021", "--to", "2030"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no observations for 2030"));
    let out = ontrack(
        &repo(),
        &[
            "compare",
            "--from",
            "2020",
            "--to",
            "2021",
            "--fail-on",
            "worst",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("worse"), "lists the accepted values");
}

#[test]
fn a_fresh_monitor_goes_through_the_whole_cycle() {
    let dir = tempfile::tempdir().unwrap();
    assert!(ontrack(dir.path(), &["init"]).status.success());
    let out = ontrack(
        dir.path(),
        &["template", "--year", "2024", "--dialect", "plain"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let path = dir.path().join("measurements/2024.csv");
    // Fill in every row with its last value plus one, marked illustrative.
    let mut reader = csv::Reader::from_path(&path).unwrap();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(reader.headers().unwrap()).unwrap();
    for record in reader.records() {
        let mut f: Vec<String> = record.unwrap().iter().map(str::to_string).collect();
        let last: f64 = f[9].parse().unwrap();
        f[4] = (last + 1.0).to_string();
        f[5] = "true".into();
        writer.write_record(&f).unwrap();
    }
    std::fs::write(&path, writer.into_inner().unwrap()).unwrap();
    assert_eq!(ontrack(dir.path(), &["check"]).status.code(), Some(0));
    let compare = ontrack(
        dir.path(),
        &[
            "compare", "--from", "2023", "--to", "2024", "--format", "json",
        ],
    );
    assert!(compare.status.success(), "{}", stderr(&compare));
    let c = json(&compare);
    assert!(rows(&c, "changes")
        .iter()
        .all(|c| c["observation"] == "new" && c["value_change"] == 1.0));
    let show = ontrack(
        dir.path(),
        &["show", "veiligheidsgevoel", "--format", "json"],
    );
    assert!(show.status.success());
    assert_eq!(json(&show)["indicators"][0]["method"], "linear");
    let report = ontrack(dir.path(), &["report", "-q"]);
    assert!(report.status.success(), "{}", stderr(&report));
    assert_eq!(stderr(&report), "", "--quiet leaves standard error empty");
    assert!(dir
        .path()
        .join("reports/voorbeeldstad-sociaal-2024.pdf")
        .exists());
}
