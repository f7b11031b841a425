//! Snapshot tests (insta) of the rendered text formats on the bundled monitor: any change to
//! what people or scripts read shows up as a reviewed diff.

mod common;

use common::*;

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
