//! Files in and out through the real binary: every row read or refused with the right location
//! whatever the line ends, the shapes Excel rewrites values into, labels as people write them,
//! and outputs that never overwrite what is not ours.

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;

/// `text` with every LF made CRLF, or a lone CR.
fn with_line_ends(text: &str, end: &str) -> String {
    text.replace('\n', end)
}

/// Copies `dir`'s measurement files into a new monitor, with their line ends changed.
fn bundled_with_line_ends(end: &str) -> tempfile::TempDir {
    let dir = bundled_copy();
    for entry in std::fs::read_dir(dir.path().join("measurements")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, with_line_ends(&text, end)).unwrap();
    }
    dir
}

fn run_json(dir: &Path, args: &[&str]) -> Value {
    let out = ontrack(dir, args);
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("{args:?}: {}{}", stdout(&out), stderr(&out)))
}

#[test]
fn lf_crlf_and_cr_files_give_identical_json_and_diagnostics() {
    // The tables agree to the line of every observation.
    let table_lf = run_json(bundled_copy().path(), &["table", "--format", "json"]);
    assert!(table_lf.to_string().contains("\"measurements/2018.csv:2\""));
    for end in ["\r\n", "\r"] {
        let dir = bundled_with_line_ends(end);
        let table = run_json(dir.path(), &["table", "--format", "json"]);
        assert_eq!(table, table_lf, "{end:?}");
    }
    // And so do the diagnostics: a conflicting repeat and a bad number on known lines.
    let broken = |end: &str| {
        let dir = bundled_with_line_ends(end);
        let path = dir.path().join("measurements/2020.csv");
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(
            &path,
            format!("{text}vve-deelname,,,2020,85,true,,{end}segregatie-index,,,2020,twaalf,true,,{end}"),
        )
        .unwrap();
        run_json(dir.path(), &["check", "--format", "json"])
    };
    let check_lf = broken("\n");
    let errors: Vec<(String, u64)> = check_lf["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut errors = errors;
    errors.sort();
    let file = "measurements/2020.csv".to_string();
    assert_eq!(errors, [(file.clone(), 16), (file, 17)], "{check_lf}");
    for end in ["\r\n", "\r"] {
        assert_eq!(broken(end), check_lf, "{end:?}");
    }
}

#[test]
fn the_template_excel_writes_reads_back_with_the_right_lines() {
    let dir = bundled_copy();
    let out = ontrack(dir.path(), &["template", "--year", "2022"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let path = dir.path().join("measurements/2022.csv");
    let bytes = std::fs::read(&path).unwrap();
    assert!(
        bytes.windows(2).any(|w| w == b"\r\n"),
        "the template is CRLF"
    );
    // Fill in one value on a known line: the line after the header's.
    let text = String::from_utf8(bytes).unwrap();
    let mut lines: Vec<String> = text.split("\r\n").map(String::from).collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("vve-deelname;"))
        .unwrap();
    let fields: Vec<&str> = lines[at].split(';').collect();
    let header: Vec<&str> = lines[0].split(';').collect();
    let value = header.iter().position(|h| h.contains("waarde")).unwrap();
    let mut filled: Vec<String> = fields.iter().map(|f| f.to_string()).collect();
    filled[value] = "geen getal".into();
    lines[at] = filled.join(";");
    std::fs::write(&path, lines.join("\r\n")).unwrap();
    let check = stdout(&ontrack(dir.path(), &["check"]));
    let want = format!("measurements/2022.csv:{}:{}:", at + 1, value + 1);
    assert!(
        check
            .lines()
            .any(|l| l.starts_with(&want) && l.contains("`geen getal`")),
        "{want} in:\n{check}"
    );
}

#[test]
fn an_unclosed_quote_is_an_error_at_its_line_and_swallows_nothing_silently() {
    let dir = bundled_definitions();
    std::fs::write(
        dir.path().join("measurements/2020.csv"),
        "indicator,period,value,note\nvve-deelname,2020,84,\"begin van een opmerking\nvsv,2020/2021,1.7,\nsegregatie-index,2020,12,\n",
    )
    .unwrap();
    let out = ontrack(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains(
            "measurements/2020.csv:2: error: the quote `\"` opened on line 2 is not closed"
        ),
        "{text}"
    );
    // A closed quote over two lines in a note is fine, and the rows after it are read.
    std::fs::write(
        dir.path().join("measurements/2020.csv"),
        "indicator,period,value,note\nvve-deelname,2020,84,\"twee\nregels\"\nsegregatie-index,2020,12,\n",
    )
    .unwrap();
    let j = run_json(dir.path(), &["table", "--format", "json"]);
    let seg = j["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "segregatie-index")
        .unwrap();
    assert_eq!(seg["latest"]["value"], 12.0);
    assert_eq!(
        seg["observations"][1]["from"], "measurements/2020.csv:4",
        "{seg}"
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_among_the_measurements_is_skipped_with_a_warning_never_opened() {
    let dir = bundled_copy();
    let fifo = dir.path().join("measurements/2022.csv");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    // A reader that blocked on the FIFO would never finish: run it with a deadline.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ontrack"))
        .args(["check"])
        .current_dir(dir.path())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > std::time::Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("check blocked on a FIFO");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("measurements/2022.csv: warning: not read: not a regular file"),
        "{text}"
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn months_as_excel_rewrites_them_and_date_cells_are_read() {
    let dir = bundled_definitions();
    std::fs::write(
        dir.path().join("measurements/2021.csv"),
        "indicator;periode;waarde\njongeren-bijstand;jul-21;5,5\nbijstandsuitkeringen;juli 2021;845\n",
    )
    .unwrap();
    let j = run_json(dir.path(), &["table", "--format", "json"]);
    for id in ["jongeren-bijstand", "bijstandsuitkeringen"] {
        let r = j["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap();
        assert_eq!(r["latest"]["period"], "2021-07", "{id}");
    }
    // A full date says what to write instead.
    std::fs::write(
        dir.path().join("measurements/2021.csv"),
        "indicator;periode;waarde\njongeren-bijstand;1-7-2021;5,5\n",
    )
    .unwrap();
    let check = stdout(&ontrack(dir.path(), &["check"]));
    assert!(
        check.contains(
            "measurements/2021.csv:2:2: error: field `periode`: found `1-7-2021`, a date"
        ) && check.contains("write the month as 2018-07 or the year as 2018"),
        "{check}"
    );
    // Date cells in a workbook: the month of a monthly indicator, the year of a yearly one, and
    // a clear refusal for a school year.
    let dir = bundled_definitions();
    std::fs::copy(
        repo().join("tests/fixtures/files/workbook-dates.xlsx"),
        dir.path().join("measurements/2021.xlsx"),
    )
    .unwrap();
    let check = stdout(&ontrack(dir.path(), &["check"]));
    assert!(
        check.contains("measurements/2021.xlsx[Metingen 2020]:5:D: error: field `Periode`: found the date 2021-07-01, but indicator `vsv` is measured per school year"),
        "{check}"
    );
    assert_eq!(check.matches(": error:").count(), 1, "{check}");
}

#[test]
fn labels_are_read_as_people_write_them() {
    let dir = bundled_definitions();
    edit(
        &dir.path().join("indicators.toml"),
        "peers = [\"Vlaardingen\", \"Schiedam\"]",
        "peers = [\" Vlaardingen\", \"Schiedam \"]",
    );
    std::fs::write(
        dir.path().join("measurements/2021.csv"),
        "indicator,series,area,period,value,illustrative\n\
         VVE-Deelname,,maassluis,2021,86,J\n\
         startkwalificatie,W-migranten,,2021,73,n\n\
         startkwalificatie,NIET-WESTERS,,2021,77,nee\n\
         discriminatie-meldingen,,schiedam,2021,26,ja\n\
         discriminatie-meldingen,,Vlaardingen,2021,12,\n",
    )
    .unwrap();
    let j = run_json(dir.path(), &["table", "--format", "json"]);
    let latest = |id: &str, series: Option<&str>, area: &str| {
        j["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id && r["series_id"].as_str() == series && r["area"] == area)
            .unwrap_or_else(|| panic!("{id} {area}: {j}"))["latest"]
            .clone()
    };
    assert_eq!(latest("vve-deelname", None, "Maassluis")["value"], 86.0);
    assert_eq!(
        latest("vve-deelname", None, "Maassluis")["illustrative"],
        true
    );
    assert_eq!(
        latest("startkwalificatie", Some("westers"), "Maassluis")["value"],
        73.0
    );
    assert_eq!(
        latest("startkwalificatie", Some("niet-westers"), "Maassluis")["value"],
        77.0
    );
    assert_eq!(
        latest("discriminatie-meldingen", None, "Schiedam")["value"],
        26.0
    );
    assert_eq!(
        latest("discriminatie-meldingen", None, "Vlaardingen")["value"],
        12.0
    );
    // What is refused lists what is accepted.
    std::fs::write(
        dir.path().join("measurements/2021.csv"),
        "indicator,series,period,value,illustrative\nvve-deelname,,2021,86,misschien\nstartkwalificatie,migranten,2021,73,\n",
    )
    .unwrap();
    let check = stdout(&ontrack(dir.path(), &["check"]));
    assert!(
        check.contains("found `misschien`, expected one of true, yes, y, ja, j, 1, waar"),
        "{check}"
    );
    assert!(
        check.contains("westers (W-migranten), niet-westers (NW-migranten)"),
        "{check}"
    );
}
