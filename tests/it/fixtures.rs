//! The corpus of realistic, odd and bad measurement files in `tests/fixtures/files/`, each put
//! alone into the measurements folder of the bundled monitor and run through the real binary:
//! every file gives exactly its documented diagnostics and exit code, and the good ones give
//! exactly the documented values.

use crate::common::{ontrack, repo, stdout};
use serde_json::Value;

/// A copy of the bundled indicators.toml with `fixture` as its only measurement file, named `as_name`.
fn monitor_with(fixture: &str, as_name: &str) -> tempfile::TempDir {
    let dir = crate::common::bundled_definitions();
    std::fs::copy(
        repo().join("tests/fixtures/files").join(fixture),
        dir.path().join("measurements").join(as_name),
    )
    .unwrap();
    dir
}

/// `ontrack check` on the fixture: its exit code and the diagnostics about the fixture itself
/// (warnings about indicators.toml, such as years without data, depend on the bundled file).
fn check(fixture: &str, as_name: &str) -> (i32, Vec<String>) {
    let dir = monitor_with(fixture, as_name);
    let out = ontrack(dir.path(), &["check"]);
    let lines = stdout(&out)
        .lines()
        .filter(|l| l.starts_with("measurements/"))
        .map(str::to_string)
        .collect();
    (out.status.code().unwrap(), lines)
}

fn expect(fixture: &str, code: i32, expected: &[&str]) {
    expect_as(fixture, fixture, code, expected);
}

fn expect_as(fixture: &str, as_name: &str, code: i32, expected: &[&str]) {
    let (got_code, lines) = check(fixture, as_name);
    assert_eq!(lines, expected, "diagnostics of {fixture}");
    assert_eq!(got_code, code, "exit code of {fixture}: {lines:#?}");
}

/// The latest value of `id` (own municipality, first series) in `table --format json`.
fn latest(json: &Value, id: &str, area: &str) -> (f64, String) {
    let row = json["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id && r["area"] == area)
        .unwrap_or_else(|| panic!("no row {id} {area}"));
    (
        row["latest"]["value"].as_f64().unwrap(),
        row["latest"]["period"].as_str().unwrap().to_string(),
    )
}

fn table_json(fixture: &str) -> Value {
    table_json_as(fixture, "2020.csv")
}

fn table_json_as(fixture: &str, as_name: &str) -> Value {
    let dir = monitor_with(fixture, as_name);
    let out = ontrack(dir.path(), &["table", "--format", "json", "--observations"]);
    assert!(out.status.success(), "{}", crate::common::stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn dutch_excel_export_in_windows_1252_reads_right() {
    expect("excel-nl-windows1252.csv", 0, &[]);
    let json = table_json("excel-nl-windows1252.csv");
    assert_eq!(
        latest(&json, "vve-deelname", "Maassluis"),
        (81.5, "2020".into())
    );
    assert_eq!(
        latest(&json, "jongeren-bijstand", "Maassluis"),
        (5.9, "2020-07".into())
    );
    // A dot groups thousands in a decimal-comma file.
    assert_eq!(
        latest(&json, "laaggeletterden", "Maassluis"),
        (4150.0, "2020".into())
    );
    assert_eq!(
        latest(&json, "veiligheidsgevoel", "Maassluis"),
        (6.9, "2020".into())
    );
    // Windows-1252 decoded, not mojibake; a quoted `;` stays inside its field.
    let text = json.to_string();
    assert!(text.contains("peildatum 1 okt; café-overleg"), "{text}");
    assert!(text.contains("€ uitkering – juli"));
}

#[test]
fn statline_symbols_mean_missing_never_zero() {
    expect("statline-export.csv", 0, &[]);
    let json = table_json("statline-export.csv");
    assert_eq!(
        latest(&json, "discriminatie-meldingen", "Maassluis"),
        (4.8, "2020".into())
    );
    assert_eq!(
        latest(&json, "vve-deelname", "Maassluis"),
        (82.0, "2020".into())
    );
    // "." and "x" for the peers: their latest value stays the 2017 baseline.
    assert_eq!(
        latest(&json, "discriminatie-meldingen", "Schiedam"),
        (30.0, "2017".into())
    );
    let segregation = latest(&json, "segregatie-index", "Maassluis");
    assert_eq!(segregation, (13.0, "2017".into()), "`-` is not 0");
}

#[test]
fn byte_order_mark_and_tabs_are_handled() {
    expect("bom-utf8.csv", 0, &[]);
    let json = table_json("bom-utf8.csv");
    assert_eq!(
        latest(&json, "bijstandsuitkeringen", "Maassluis"),
        (840.0, "2020-07".into())
    );
    assert!(json.to_string().contains("één meting"));
    expect_as("tab-separated.tsv", "2020.tsv", 0, &[]);
}

#[test]
fn workbooks_are_read_sheet_by_sheet() {
    expect("workbook.xlsx", 0, &["measurements/workbook.xlsx[Toelichting]:1: warning: sheet not read: the header has no `indicator`, `period`/`periode`, `value`/`waarde` columns (found: aantekeningen bij de metingen); expected at least indicator, period, value"]);
    let json = table_json_as("workbook.xlsx", "2020.xlsx");
    assert_eq!(
        latest(&json, "vve-deelname", "Maassluis"),
        (81.5, "2020".into())
    );
    assert_eq!(
        latest(&json, "jongeren-bijstand", "Maassluis"),
        (5.9, "2020-07".into())
    );
    // A value's origin names its sheet: `file[sheet]:row`, as messages name the place.
    let vve = json["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "vve-deelname" && r["area"] == "Maassluis")
        .unwrap();
    let origins: Vec<&str> = vve["observations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["from"].as_str().unwrap())
        .collect();
    assert!(
        origins.contains(&"measurements/2020.xlsx[Metingen 2020]:2"),
        "{origins:?}"
    );
    expect(
        "workbook-errors.xlsx",
        1,
        &[
            "measurements/workbook-errors.xlsx[Data]:2:C: error: field `value`: found 181.5 for indicator `vve-deelname` (%), expected a share between 0 and 100",
            "measurements/workbook-errors.xlsx[Data]:3:C: error: field `value`: found `zeven`, expected a number such as 6.1, 6,1 or 825 (or empty, `.` or `x` for no value)",
        ],
    );
    // Two sheets, the first with Dutch headers and the second with English ones, each with a
    // row 3 and a row 4: a value given on both sheets (differently, and alike), a value older
    // than its baseline and one of another year. Every finding names the sheet of its row and
    // its field as that sheet writes it; a repeat names both places, each with its sheet
    // (the sheets by name, as `check` lists them).
    expect_as(
        "workbook-sheets.xlsx",
        "2021.xlsx",
        1,
        &[
            "measurements/2021.xlsx[Gegevens]:2:F: warning: 7 observations in this file are marked illustrative: made-up data, not measurements",
            "measurements/2021.xlsx[Gegevens]:3: error: field `waarde`: found 86 for the same indicator, series, area and period (2021) as measurements/2021.xlsx[Data]:3, which says 87; expected one value",
            "measurements/2021.xlsx[Gegevens]:4: warning: field `periode`: found 2010 for `laaggeletterden`, older than its baseline (2017, indicators.toml:151); it is shown, but progress is measured from the baseline",
            "measurements/2021.xlsx[Gegevens]:4:D: warning: field `periode`: found period 2010 in the file for 2021; expected periods of 2021 in it",
            "measurements/2021.xlsx[Gegevens]:5: warning: field `waarde`: `segregatie-index` 2021 is given twice with the same value 11 (also at measurements/2021.xlsx[Data]:4); one is enough",
        ],
    );
    // A date past 9999-12-31 or before the workbook's first day, or a time alone, is named by
    // what the cell holds, not as the last or first day it was brought to; a real 9999-12-31
    // is a year.
    expect(
        "workbook-dates-out-of-range.xlsx",
        1,
        &[
            "measurements/workbook-dates-out-of-range.xlsx[Metingen 2020]:2:D: error: field `Periode`: found a date after 9999-12-31, the last day a workbook holds (serial number 3000000); expected a date up to that day, or the period as text such as 2018-07",
            "measurements/workbook-dates-out-of-range.xlsx[Metingen 2020]:3:D: error: field `Periode`: found a date before 1900-01-01, the first day of this workbook's dates (serial number -3); expected a date from that day on, or the period as text such as 2018-07",
            "measurements/workbook-dates-out-of-range.xlsx[Metingen 2020]:4:D: error: field `Periode`: found the cell `#N/A` (a date or an error), expected text or a number; enter periods as text such as 2018-07",
            "measurements/workbook-dates-out-of-range.xlsx[Metingen 2020]:5:D: error: field `Periode`: found year 9999, expected a year from 1900 to 2200 (`valid_years` in [monitor] sets the range)",
            "measurements/workbook-dates-out-of-range.xlsx[Metingen 2020]:6:D: error: field `Periode`: found a time without a date (serial number 0.5); expected a date, or the period as text such as 2018-07",
            "measurements/workbook-dates-out-of-range.xlsx[Toelichting]:1: warning: sheet not read: the header has no `indicator`, `period`/`periode`, `value`/`waarde` columns (found: aantekeningen bij de metingen); expected at least indicator, period, value",
        ],
    );
    // In a workbook counting from 1904 the last day has another serial number. A date in the
    // value column is refused as a date, whatever its day.
    expect(
        "workbook-1904-out-of-range.xlsx",
        1,
        &[
            "measurements/workbook-1904-out-of-range.xlsx[Metingen 2020]:2:D: error: field `Periode`: found a date after 9999-12-31, the last day a workbook holds (serial number 2957004); expected a date up to that day, or the period as text such as 2018-07",
            "measurements/workbook-1904-out-of-range.xlsx[Metingen 2020]:3:D: error: field `Periode`: found year 9999, expected a year from 1900 to 2200 (`valid_years` in [monitor] sets the range)",
            "measurements/workbook-1904-out-of-range.xlsx[Metingen 2020]:5:D: error: field `Periode`: found the date 2021-07-01, but indicator `vsv` is measured per school year; expected the school year as text, such as 2020/2021",
            "measurements/workbook-1904-out-of-range.xlsx[Metingen 2020]:6:E: error: field `Waarde`: found the date 9999-12-31; expected a number (in Excel: give the cell a number format)",
            "measurements/workbook-1904-out-of-range.xlsx[Toelichting]:1: warning: sheet not read: the header has no `indicator`, `period`/`periode`, `value`/`waarde` columns (found: aantekeningen bij de metingen); expected at least indicator, period, value",
        ],
    );
}

#[test]
fn decimal_marks_are_never_guessed() {
    expect("ambiguous-decimal.csv", 1, &["measurements/ambiguous-decimal.csv:2:3: error: field `value`: found `4.200`, which reads as 4.2 with a decimal point and as 4200 with a decimal comma, and no number in the file tells which; state it in indicators.toml: [measurements.file.\"ambiguous-decimal.csv\"] decimal = \"comma\" (or \"point\")"]);
    expect("mixed-decimal.csv", 1, &["measurements/mixed-decimal.csv:3:3: error: field `value`: found `6.9`, expected a number with a decimal comma, as the rest of this file has (6,1; a `.` may only group thousands: 4.200 = 4200); line 2 (`81,5`) showed the file's decimal mark"]);

    // Stating the mark settles it.
    let dir = monitor_with("ambiguous-decimal.csv", "2020.csv");
    let toml = dir.path().join("indicators.toml");
    let mut text = std::fs::read_to_string(&toml).unwrap();
    text = text.replacen(
        "[[theme]]",
        "[measurements.file.\"2020.csv\"]\ndecimal = \"comma\"\n\n[[theme]]",
        1,
    );
    std::fs::write(&toml, text).unwrap();
    let out = ontrack(dir.path(), &["table", "--format", "json", "--observations"]);
    assert!(out.status.success(), "{}", crate::common::stderr(&out));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        latest(&json, "laaggeletterden", "Maassluis"),
        (4200.0, "2020".into())
    );
}

#[test]
fn implausible_values_are_errors() {
    expect("share-over-100.csv", 1, &["measurements/share-over-100.csv:2:3: error: field `value`: found 120 for indicator `vve-deelname` (%), expected a share between 0 and 100"]);
    expect("mark-out-of-range.csv", 1, &["measurements/mark-out-of-range.csv:2:3: error: field `value`: found 0 for indicator `veiligheidsgevoel` (rapportcijfer), expected a report mark from 1 to 10"]);
    expect("negative-count.csv", 1, &["measurements/negative-count.csv:2:3: error: field `value`: found -5 for indicator `laaggeletterden` (inwoners), expected a count of 0 or more"]);
    expect("percent-on-count.csv", 1, &["measurements/percent-on-count.csv:2:3: error: field `value`: found `5%`, a percentage, but indicator `bijstandsuitkeringen` is measured in `inwoners`; expected a plain number"]);
}

#[test]
fn repeats_and_other_years() {
    expect("duplicate-identical.csv", 0, &["measurements/duplicate-identical.csv:3: warning: field `value`: `vve-deelname` 2020 is given twice with the same value 81.5 (also at measurements/duplicate-identical.csv:2); one is enough"]);
    expect("duplicate-conflict.csv", 1, &["measurements/duplicate-conflict.csv:3: error: field `value`: found 82 for the same indicator, series, area and period (2020) as measurements/duplicate-conflict.csv:2, which says 81.5; expected one value"]);
    expect_as("other-year.csv", "2020.csv", 0, &["measurements/2020.csv:3:2: warning: field `period`: found period 2019 in the file for 2020; expected periods of 2020 in it"]);
}

#[test]
fn structural_problems_are_one_line_each() {
    expect("unknown-indicator.csv", 1, &["measurements/unknown-indicator.csv:2:1: error: field `indicator`: unknown indicator `vve-deelnam`, expected an id from indicators.toml; did you mean `vve-deelname`?"]);
    expect("missing-column.csv", 1, &["measurements/missing-column.csv:1: error: the header has no `period`/`periode` column (found: indicator, value); expected at least indicator, period, value; columns may be separated by `,`, `;` or tab"]);
    expect("ragged-row.csv", 1, &["measurements/ragged-row.csv:2: error: found 4 fields, expected 3 like the header (a `,` inside a value must be quoted)"]);
    expect("empty.csv", 1, &["measurements/empty.csv: error: the file is empty; expected a header line (indicator, period, value, ...)"]);
    expect("binary.csv", 1, &["measurements/binary.csv:1: error: found a NUL byte at byte 5; expected a text file (CSV) or an .xlsx workbook"]);
    // A UTF-16 file is read (files.rs tests its values); one with only a header has none.
    expect("utf16.csv", 0, &[]);
    // Found by the fuzzer: a lone CR ends the header, for the sniffer as for the csv reader.
    expect("fuzz-crash-cr-in-header.csv", 1, &["measurements/fuzz-crash-cr-in-header.csv:1: error: the header has no `period`/`periode`, `value`/`waarde` columns (found: indicator, ser;ies, area, souÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿotterdam 2018, baselin); expected at least indicator, period, value; columns may be separated by `,`, `;` or tab"]);
    let (code, lines) = check("bad-utf8-later.csv", "bad-utf8-later.csv");
    assert_eq!(code, 1);
    assert!(lines.contains(&"measurements/bad-utf8-later.csv:3002:4: error: byte 4 of this field is not valid UTF-8, though the start of the file is; expected the whole file in one encoding (or state `encoding` in [measurements] of indicators.toml)".to_string()), "{lines:#?}");
}

#[test]
fn table_and_report_stop_on_the_same_errors_and_write_nothing() {
    let dir = monitor_with("share-over-100.csv", "2020.csv");
    for args in [
        &["table", "--out", "t.csv"][..],
        &["report", "--out", "r.pdf"][..],
    ] {
        let out = ontrack(dir.path(), args);
        assert_eq!(out.status.code(), Some(1));
        let err = crate::common::stderr(&out);
        assert_eq!(
            err,
            "measurements/2020.csv:2:3: error: field `value`: found 120 for indicator `vve-deelname` (%), expected a share between 0 and 100\nontrack: 1 error in 1 file; nothing written\n"
        );
    }
    assert!(!dir.path().join("t.csv").exists());
    assert!(!dir.path().join("r.pdf").exists());
}

#[test]
fn check_reports_every_problem_with_a_summary_and_strict_fails_on_warnings() {
    let dir = crate::common::bundled_copy();
    let m = dir.path().join("measurements");
    std::fs::copy(
        repo().join("tests/fixtures/files/share-over-100.csv"),
        m.join("a.csv"),
    )
    .unwrap();
    std::fs::copy(
        repo().join("tests/fixtures/files/negative-count.csv"),
        m.join("b.csv"),
    )
    .unwrap();
    let out = ontrack(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let last = text.lines().last().unwrap();
    assert!(
        last.starts_with("2 errors, ") && last.ends_with("(9 files checked)"),
        "{last}"
    );
    // Grouped per file: a blank line between files.
    assert!(
        text.contains("\n\nmeasurements/a.csv:2:3: error:"),
        "{text}"
    );

    // The bundled data has warnings only (illustrative data among them): fine unless --strict.
    let out = ontrack(&repo(), &["check"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("marked illustrative"));
    assert_eq!(
        ontrack(&repo(), &["check", "--strict"]).status.code(),
        Some(1)
    );

    let out = ontrack(&repo(), &["check", "--format", "json"]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["errors"], 0);
    assert_eq!(json["files_checked"], 7);
    assert_eq!(
        json["warnings"].as_u64().unwrap() as usize,
        json["diagnostics"].as_array().unwrap().len()
    );
}

#[test]
fn hostile_inputs_give_one_line_errors() {
    // A line of more than 10 MiB.
    let dir = monitor_with("bom-utf8.csv", "2020.csv");
    let mut long = b"indicator,period,value\nvve-deelname,2020,".to_vec();
    long.extend(std::iter::repeat_n(b'1', 11 * 1024 * 1024));
    long.push(b'\n');
    std::fs::write(dir.path().join("measurements/2020.csv"), long).unwrap();
    let (code, lines) = {
        let out = ontrack(dir.path(), &["check"]);
        (out.status.code(), stdout(&out))
    };
    assert_eq!(code, Some(1));
    assert!(
        lines.contains("measurements/2020.csv:2: error: line 2 is longer than 10 MiB; expected one measurement per line"),
        "{lines}"
    );

    // Deep nesting in indicators.toml.
    let dir = monitor_with("bom-utf8.csv", "2020.csv");
    let deep = format!("x = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    std::fs::write(dir.path().join("indicators.toml"), deep).unwrap();
    let out = ontrack(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.starts_with("indicators.toml:1:"), "{text}");
    assert!(text.contains(": error: "), "{text}");

    // A folder where a file is expected, and a folder named like a measurement file.
    let dir = monitor_with("bom-utf8.csv", "2020.csv");
    std::fs::create_dir(dir.path().join("measurements/2021.csv")).unwrap();
    let out = ontrack(dir.path(), &["check"]);
    assert!(stdout(&out)
        .contains("measurements/2021.csv: error: is a folder; expected a measurement file"));
    let out = ontrack(dir.path(), &["--indicators", "measurements", "check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).starts_with("measurements: error: "),
        "{}",
        stdout(&out)
    );
}

/// Every file of the corpus, as `check` reports it and (where it loads) as `table` reads its
/// values: one reviewed snapshot per file, so that a new fixture is covered by adding it.
#[test]
fn every_fixture_as_check_and_table_see_it() {
    insta::glob!("../fixtures/files", "*.*", |path| {
        let name = path.file_name().unwrap().to_str().unwrap();
        // A fixture about a year's file is read under that year's name, like the others.
        let dir = monitor_with(name, name);
        let check = ontrack(dir.path(), &["check"]);
        let diagnostics: Vec<&str> = std::str::from_utf8(&check.stdout)
            .unwrap()
            .lines()
            .filter(|l| l.starts_with("measurements/"))
            .collect();
        let mut seen = format!(
            "check exit {}\n{}\n",
            check.status.code().unwrap(),
            diagnostics.join("\n")
        );
        if check.status.success() {
            let table = ontrack(dir.path(), &["table", "--format", "csv"]);
            assert!(table.status.success(), "{name}");
            let csv = stdout(&table);
            // The rows with a value from the fixture: id, series, area, latest value and period.
            let mut rows = csv::Reader::from_reader(csv.as_bytes());
            let header = rows.headers().unwrap().clone();
            let column = |n: &str| header.iter().position(|h| h == n).unwrap();
            let (id, series, area, value, period) = (
                column("id"),
                column("series"),
                column("area"),
                column("latest_value"),
                column("latest_period"),
            );
            seen.push_str("\nvalues read:\n");
            for r in rows.records() {
                let r = r.unwrap();
                seen.push_str(&format!(
                    "{} {} {} = {} ({})\n",
                    &r[id], &r[series], &r[area], &r[value], &r[period]
                ));
            }
        }
        insta::assert_snapshot!(seen);
    });
}
