//! Snapshot tests (insta) of the rendered text formats on the bundled monitor: any change to
//! what people or scripts read shows up as a reviewed diff.

use crate::common::*;

#[test]
fn markdown_of_the_bundled_monitor() {
    let out = ontrack(&repo(), &["table", "--format", "markdown"]);
    assert!(out.status.success());
    insta::assert_snapshot!("markdown_nl", stdout(&out));
}

#[test]
fn csv_of_the_bundled_monitor() {
    let out = ontrack(&repo(), &["table", "--format", "csv", "--year", "2020"]);
    assert!(out.status.success());
    insta::assert_snapshot!("csv_2020", stdout(&out));
}

#[test]
fn english_terminal_table_of_theme_4() {
    let out = ontrack(
        &repo(),
        &["table", "--lang", "en", "--theme", "4", "--color", "never"],
    );
    assert!(out.status.success());
    insta::assert_snapshot!("table_en_theme4", stdout(&out));
}

#[test]
fn comparison_of_2020_and_2021_as_markdown_and_csv() {
    let args = ["compare", "--from", "2020", "--to", "2021"];
    let markdown = ontrack(&repo(), &[&args[..], &["--format", "markdown"]].concat());
    assert!(markdown.status.success());
    insta::assert_snapshot!("compare_markdown_nl", stdout(&markdown));
    let csv = ontrack(&repo(), &[&args[..], &["--format", "csv"]].concat());
    assert!(csv.status.success());
    insta::assert_snapshot!("compare_csv", stdout(&csv));
}

#[test]
fn one_indicator_in_full() {
    // A target, a limit with two series, and a "maintain" goal: each method's computation.
    for id in ["vve-deelname", "startkwalificatie", "vsv"] {
        let out = ontrack(&repo(), &["show", id, "--lang", "en", "--color", "never"]);
        assert!(out.status.success());
        insta::assert_snapshot!(format!("show_{id}"), stdout(&out));
    }
    // The same in Dutch: one language and one number style, the computation included.
    let out = ontrack(&repo(), &["show", "vve-deelname", "--color", "never"]);
    assert!(out.status.success());
    insta::assert_snapshot!("show_nl_vve-deelname", stdout(&out));
}

#[test]
fn template_for_2022() {
    let out = ontrack(&repo(), &["template", "--year", "2022", "--out", "-"]);
    assert!(out.status.success());
    insta::assert_snapshot!("template_2022_excel_nl", stdout(&out));
}

#[test]
fn check_in_dutch_and_english() {
    // The bundled monitor with three kinds of problem: a word for a number, an unknown id, a
    // share above 100.
    let dir = bundled_copy();
    edit(
        &dir.path().join("measurements/2020.csv"),
        "laaggeletterden,,,2020,4080,",
        "laaggeletterden,,,2020,circa 4080,",
    );
    std::fs::write(
        dir.path().join("measurements/2022.csv"),
        "indicator,period,value\nvve,2022,88\nvve-deelname,2022,188\n",
    )
    .unwrap();
    let nl = ontrack_dutch(dir.path(), &["check"]);
    assert_eq!(nl.status.code(), Some(1));
    insta::assert_snapshot!("check_nl", stdout(&nl));
    let en = ontrack_dutch(dir.path(), &["check", "--lang", "en"]);
    insta::assert_snapshot!("check_en", stdout(&en));
    // A stopped run says so in the same language.
    let table = ontrack_dutch(dir.path(), &["table"]);
    assert!(
        stderr(&table).ends_with("ontrack: 3 fouten in 2 bestanden; niets geschreven\n"),
        "{}",
        stderr(&table)
    );
}

#[test]
fn the_text_of_the_bundled_report() {
    // What a reader of the PDF sees, page by page, as pdftotext extracts it (poppler-utils,
    // installed by .ci/run): words, numbers and their order, whatever the drawing.
    let dir = bundled_copy();
    let out = ontrack(dir.path(), &["report", "--out", "report.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::process::Command::new("pdftotext")
        .args(["-layout", "report.pdf", "-"])
        .current_dir(dir.path())
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(text.status.success());
    let text = String::from_utf8(text.stdout).unwrap();
    // Trailing spaces of the layout are noise, not content.
    let text: Vec<&str> = text.lines().map(str::trim_end).collect();
    insta::assert_snapshot!("report_text_nl", text.join("\n"));
}
