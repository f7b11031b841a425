//! The terminal table in a real pseudo-terminal (util-linux `script`) at 80, 120 and 200
//! columns: it fits, titles wrap at word boundaries, ids, values and status words never break,
//! and a one-line summary follows; piped, the full table without wrapping and without the summary.

use crate::common::*;
use std::process::Command;

/// `ontrack ARGS` in a pseudo-terminal `cols` wide; its screen output, line by line.
fn in_terminal(cols: u16, args: &str) -> Vec<String> {
    let bin = env!("CARGO_BIN_EXE_ontrack");
    let out = Command::new("script")
        .args([
            "-qec",
            &format!("stty cols {cols} rows 60; {bin} {args}"),
            "/dev/null",
        ])
        .current_dir(repo())
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .env_remove("NO_COLOR")
        .output()
        .expect("script (util-linux) runs");
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| l.trim_end_matches('\r').to_string())
        .collect()
}

fn widest(lines: &[String]) -> usize {
    lines.iter().map(|l| l.chars().count()).max().unwrap_or(0)
}

/// The first column's text, its lines joined by a space, or by nothing after a hyphen or slash
/// that ends a line: a word broken there reads whole, one broken elsewhere does not.
fn first_column(lines: &[String]) -> String {
    column(lines, |cells| cells.first().copied())
}

/// [`first_column`] of the cell `pick` chooses from each line's cells.
fn column(lines: &[String], pick: impl for<'a> Fn(&[&'a str]) -> Option<&'a str>) -> String {
    let mut joined = String::new();
    for line in lines.iter().filter(|l| l.starts_with('│')) {
        let cells: Vec<&str> = line.trim_matches('│').split('┆').collect();
        let cell = pick(&cells).unwrap_or("").trim();
        if cell.is_empty() {
            continue;
        }
        if !joined.is_empty() && !joined.ends_with('-') && !joined.ends_with('/') {
            joined.push(' ');
        }
        joined.push_str(cell);
    }
    joined
}

#[test]
fn the_table_fits_80_120_and_200_columns() {
    for (cols, columns) in [(80u16, 4), (120, 6), (200, 9)] {
        let lines = in_terminal(cols, "table -q --color never");
        assert!(
            widest(&lines) <= usize::from(cols),
            "{cols}: {} wide\n{}",
            widest(&lines),
            lines.join("\n")
        );
        let header = &lines[1];
        assert_eq!(header.matches('┆').count() + 1, columns, "{cols}: {header}");
        let text = lines.join("\n");
        // Status words and values are never broken.
        for whole in [
            "Verslechtering",
            "versnelling",
            "per 1000 inwoners",
            "(juli 2021) *",
        ] {
            assert!(text.contains(whole), "{cols}: `{whole}` broken:\n{text}");
        }
        // Titles wrap between words: every word of a title is whole somewhere.
        for word in ["bijstandsuitkering", "startkwalificatie", "regiogemeenten"] {
            assert!(text.contains(word), "{cols}: `{word}` broken:\n{text}");
        }
        // Ids are whole on their line too: the title column is as wide as the longest.
        for id in ["[vsv-westerse-migranten]", "[discriminatie-meldingen]"] {
            assert!(text.contains(id), "{cols}: {id} broken:\n{text}");
        }
        // The one-line summary after the table, wrapped to the width.
        assert!(
            text.contains("12 indicatoren: 2 ✓ doel bereikt"),
            "{cols}:\n{text}"
        );
    }
}

/// A split pane narrower than the default columns: the target and then the latest value are
/// given up; the table fits, and no word, status or id is broken but after a hyphen.
#[test]
fn the_table_gives_up_columns_to_fit_50_60_and_76_columns() {
    for (cols, columns) in [(50u16, 2), (60, 2), (76, 3)] {
        let lines = in_terminal(cols, "table -q --color never");
        let text = lines.join("\n");
        assert!(widest(&lines) <= usize::from(cols), "{cols}:\n{text}");
        let header = &lines[1];
        assert_eq!(header.matches('┆').count() + 1, columns, "{cols}: {header}");
        assert!(
            header.contains("Indicator") && header.contains("Status"),
            "{header}"
        );
        assert_eq!(header.contains("Laatste meting"), columns == 3, "{header}");
        for whole in ["Verslechtering", "versnelling", "bijstandsuitkering"] {
            assert!(text.contains(whole), "{cols}: `{whole}` broken:\n{text}");
        }
        let titles = first_column(&lines);
        for id in ["[vsv-westerse-migranten]", "[discriminatie-meldingen]"] {
            assert!(titles.contains(id), "{cols}: {id} broken:\n{text}");
        }
    }
}

/// Narrower than a title column beside the widest status (45 columns for the bundled data):
/// every row is a block, its title, series and `[id]` wrapped to the width and its status (and
/// for `compare` the change) named under it; nothing is wider than the terminal, no table border
/// is drawn, and every row of the table is there. From 45 columns on, the two-column table.
#[test]
fn too_narrow_for_two_columns_each_row_is_a_block_that_fits() {
    let rows = stdout(&ontrack(&repo(), &["table", "--format", "csv", "-q"]))
        .lines()
        .count()
        - 1;
    for (cols, args, named) in [
        (30u16, "table -q --color never", vec!["Status"]),
        (44, "table -q --color never", vec!["Status"]),
        (
            30,
            "compare --from 2020 --to 2021 -q --color never",
            vec!["Status 2021", "Verandering"],
        ),
        (
            44,
            "compare --from 2020 --to 2021 -q --color never",
            vec!["Status 2021", "Verandering"],
        ),
    ] {
        let lines = in_terminal(cols, args);
        let text = lines.join("\n");
        assert!(
            widest(&lines) <= usize::from(cols),
            "{cols} {args}:\n{text}"
        );
        assert!(
            !text.contains('│') && !text.contains('┆'),
            "{cols} {args}:\n{text}"
        );
        for name in named {
            let count = lines
                .iter()
                .filter(|l| *l == &format!("  {name}:") || l.starts_with(&format!("  {name}: ")))
                .count();
            assert_eq!(count, rows, "{cols} {args}: `{name}` lines\n{text}");
        }
        // A status, an id and a title's words are whole; a longer id breaks after a hyphen.
        for whole in [
            "▼ Verslechtering",
            "[bijstandsuitkeringen]",
            "bijstandsuitkering",
            "startkwalificatie",
        ] {
            assert!(
                text.contains(whole),
                "{cols} {args}: `{whole}` broken:\n{text}"
            );
        }
        let ids = lines.iter().filter(|l| l.contains('[') || l.ends_with(']'));
        let ids: String = ids.map(|l| l.trim()).collect::<Vec<_>>().join("");
        assert!(ids.contains("[vsv-westerse-migranten]"), "{cols}:\n{text}");
    }
    for args in [
        "table -q --color never",
        "compare --from 2020 --to 2021 -q --color never",
    ] {
        let lines = in_terminal(45, args);
        assert!(
            lines[0].starts_with('┌'),
            "45 {args}:\n{}",
            lines.join("\n")
        );
        assert!(widest(&lines) <= 45, "45 {args}:\n{}", lines.join("\n"));
    }
}

/// A status that wraps in a block keeps its colour on every line.
#[test]
fn a_wrapped_status_in_a_block_is_coloured_on_each_line() {
    let lines = in_terminal(30, "table -q --color always");
    let at = lines
        .iter()
        .position(|l| l.contains("Vooruitgang,"))
        .expect("a status that wraps at 30 columns");
    for line in &lines[at..=at + 1] {
        assert!(line.contains("\x1b[38;2;"), "uncoloured: {line:?}");
    }
}

/// `show` colours the status in each series' heading as in its verdict, on every line of it
/// where the heading wraps, and leaves the rest of the heading as it is.
#[test]
fn a_series_heading_in_show_has_its_status_coloured_on_each_line() {
    for cols in [80u16, 24] {
        let lines = in_terminal(cols, "show startkwalificatie -q --color always");
        let at = lines
            .iter()
            .position(|l| l.starts_with("── Maassluis,"))
            .unwrap_or_else(|| panic!("{cols}: no heading in {lines:#?}"));
        let heading: Vec<&String> = lines[at..]
            .iter()
            .take_while(|l| !l.starts_with('┌'))
            .collect();
        for word in ["↗", "Vooruitgang,", "versnelling", "nodig"] {
            let line = heading
                .iter()
                .find(|l| l.contains(word))
                .unwrap_or_else(|| panic!("{cols}: {word} not in {heading:#?}"));
            let coloured = line.split("\x1b[38;2;").skip(1).any(|painted| {
                painted
                    .split("\x1b[0m")
                    .next()
                    .is_some_and(|p| p.contains(word))
            });
            assert!(coloured, "{cols}: {word} uncoloured in {line:?}");
        }
        let first = heading[0];
        assert!(
            !first.contains("\x1b[38;2;") || first.find("\x1b[38;2;") > first.find(':'),
            "{cols}: the area is not coloured: {first:?}"
        );
    }
}

/// `show`'s observations fit: every column as wide as its widest word, the illustrative mark
/// after the value, the note and then the source given up where they do not fit, and the
/// file's path broken after a `/` at most.
#[test]
fn the_observations_fit_40_60_and_80_columns_without_a_word_cut() {
    for (cols, columns) in [(40u16, 3), (60, 4), (80, 5)] {
        let lines = in_terminal(cols, "show discriminatie-meldingen -q --color never");
        let table: Vec<String> = lines
            .iter()
            .filter(|l| l.starts_with(['│', '┌', '╞', '└']))
            .cloned()
            .collect();
        let text = table.join("\n");
        // Every line fits: the table, and the definition, status and steps around it.
        assert!(
            widest(&lines) <= usize::from(cols),
            "{cols}:\n{}",
            lines.join("\n")
        );
        let header = &table[1];
        assert_eq!(header.matches('┆').count() + 1, columns, "{cols}: {header}");
        assert!(!header.contains("illustratief"), "{cols}: {header}");
        let values = column(&table, |cells| cells.get(1).copied());
        assert!(values.contains("6 per 1000 inwoners *"), "{cols}:\n{text}");
        let files = column(&table, |cells| cells.last().copied());
        for path in ["measurements/2016.csv:5", "measurements/2021.csv:11"] {
            assert!(files.contains(path), "{cols}: {path} broken:\n{text}");
        }
        if columns >= 4 {
            let sources = column(&table, |cells| cells.get(2).copied());
            assert!(
                sources.contains("Monitor Discriminatie Rotterdam"),
                "{cols}:\n{text}"
            );
        }
    }
}

#[test]
fn the_comparison_fits_60_80_120_and_200_columns() {
    for (cols, columns) in [(60u16, 2), (80, 4), (120, 6), (200, 9)] {
        let lines = in_terminal(cols, "compare --from 2020 --to 2021 -q --color never");
        let text = lines.join("\n");
        assert_eq!(widest(&lines), usize::from(cols), "{cols}:\n{text}");
        let header = &lines[1];
        assert_eq!(header.matches('┆').count() + 1, columns, "{cols}: {header}");
        // A status keeps its symbol beside its first word; titles wrap between words.
        for whole in [
            "▼ Verslechtering",
            "▲ Op koers",
            "bijstandsuitkeringen",
            "startkwalificatie",
        ] {
            assert!(text.contains(whole), "{cols}: `{whole}` broken:\n{text}");
        }
        // The series goes under the title when it has no column of its own.
        assert_eq!(
            text.contains("— W-migranten"),
            !header.contains("Reeks"),
            "{cols}:\n{text}"
        );
        // Values never break inside; the summary is wrapped to the width.
        if columns >= 6 {
            assert!(text.contains("845 inwoners"), "{cols}:\n{text}");
        }
        assert!(text.contains("1 beter, 2 slechter"), "{cols}:\n{text}");
        // An id longer than the title column breaks after a hyphen, never inside a word.
        let titles = first_column(&lines);
        for id in ["[vsv-westerse-migranten]", "[discriminatie-meldingen]"] {
            assert!(titles.contains(id), "{cols}: {id} broken:\n{text}");
        }
    }
    // --wide: every column, however narrow.
    let lines = in_terminal(80, "compare --from 2020 --to 2021 -q --wide --color never");
    assert_eq!(lines[1].matches('┆').count() + 1, 9, "{}", lines[1]);
}

#[test]
fn wide_shows_every_column_and_a_pipe_gets_the_full_table_without_summary() {
    let lines = in_terminal(80, "table -q --wide --color never");
    assert_eq!(lines[1].matches('┆').count() + 1, 10, "{}", lines[1]);
    let out = ontrack(&repo(), &["table", "-q"]);
    let piped: Vec<String> = stdout(&out).lines().map(String::from).collect();
    assert!(widest(&piped) > 200, "piped, nothing is wrapped");
    assert_eq!(piped[1].matches('┆').count() + 1, 10);
    assert!(!stdout(&out).contains("12 indicatoren:"));
}

#[test]
fn a_progress_bar_shows_on_a_terminal_only() {
    // The threshold lowered so that the bundled files count as large.
    let bin = env!("CARGO_BIN_EXE_ontrack");
    let run = |quiet: &str| {
        let out = Command::new("script")
            .args([
                "-qec",
                &format!("stty cols 100 rows 20; ONTRACK_MESSAGES=en ONTRACK_PROGRESS_BYTES=0 {bin} check {quiet} > /dev/null"),
                "/dev/null",
            ])
            .current_dir(repo())
            .output()
            .expect("script runs");
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    assert!(run("").contains("reading measurements"), "{}", run(""));
    assert!(!run("-q").contains("reading measurements"));
    // In a pipe (stderr not a terminal): nothing.
    let out = Command::new(bin)
        .args(["check"])
        .current_dir(repo())
        .env("ONTRACK_PROGRESS_BYTES", "0")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("reading measurements"));
}
