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
