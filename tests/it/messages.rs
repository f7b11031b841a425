//! Messages and outputs a person acts on, through the binary: suggestions, summaries that add
//! up, the missing column named, compact JSON in a pipe, colour on request, English words in
//! English output, the template's refusal explained, every over-long label refused in Dutch too,
//! and a TOML syntax error in Dutch.

use crate::common::*;

#[test]
fn a_short_id_suggests_the_indicator_it_starts() {
    let out = ontrack(&repo(), &["show", "vve"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("did you mean `vve-deelname`?"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_summary_never_counts_more_files_than_were_checked() {
    let dir = bundled_copy();
    std::fs::write(dir.path().join("measurements/2022.xls"), "not read").unwrap();
    let text = stdout(&ontrack(dir.path(), &["check"]));
    let last = text.lines().last().unwrap();
    // "0 errors, 11 warnings in 8 files (8 files checked)"
    let numbers: Vec<usize> = last
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    assert_eq!(numbers.len(), 4, "{last}");
    assert!(numbers[2] <= numbers[3], "{last}");
    assert!(text.contains("2022.xls: warning: not read"), "{text}");
}

#[test]
fn a_missing_column_in_a_semicolon_file_is_named_with_its_dutch_name() {
    let dir = bundled_definitions();
    std::fs::write(
        dir.path().join("measurements/2020.csv"),
        "indicator;periode;getal\nvve-deelname;2020;84\n",
    )
    .unwrap();
    let text = stdout(&ontrack(dir.path(), &["check"]));
    assert!(
        text.contains(
            "the header has no `value`/`waarde` column (found: indicator, periode, getal)"
        ),
        "{text}"
    );
    // Two missing, to a Dutch analyst: every word Dutch, both names of each column given.
    std::fs::write(
        dir.path().join("measurements/2020.csv"),
        "indicator;jaar;getal\nvve-deelname;2020;84\n",
    )
    .unwrap();
    let text = stdout(&ontrack_dutch(dir.path(), &["check"]));
    assert!(
        text.contains(
            "fout: de kopregel heeft geen kolommen `period`/`periode`, `value`/`waarde` (gevonden: indicator, jaar, getal); verwacht ten minste indicator, periode (period), waarde (value)"
        ),
        "{text}"
    );
}

#[test]
fn json_is_compact_in_a_pipe_and_indented_with_pretty() {
    let out = ontrack(&repo(), &["check", "--format", "json"]);
    assert_eq!(stdout(&out).lines().count(), 1);
    let out = ontrack(&repo(), &["check", "--format", "json", "--pretty"]);
    assert!(stdout(&out).lines().count() > 10);
    let out = ontrack(&repo(), &["table", "--format", "json", "--pretty"]);
    assert!(stdout(&out).starts_with("{\n  \"tool\""));
}

#[test]
fn color_always_colours_check_and_never_does_not() {
    let always = stdout(&ontrack(&repo(), &["check", "--color", "always"]));
    assert!(always.contains("\u{1b}[33mwarning\u{1b}[0m"), "{always}");
    let never = stdout(&ontrack(&repo(), &["check", "--color", "never"]));
    assert!(!never.contains('\u{1b}'));
}

#[test]
fn english_output_has_english_units_and_the_municipality_of() {
    let md = stdout(&ontrack(
        &repo(),
        &["table", "--lang", "en", "--format", "markdown"],
    ));
    assert!(md.contains("825 residents (July 2018)"), "{md}");
    assert!(!md.contains("inwoners ("), "{md}");
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("en.pdf");
    let out = ontrack(
        &repo(),
        &[
            "report",
            "--lang",
            "en",
            "--out",
            pdf.to_str().unwrap(),
            "-q",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    if let Ok(text) = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
    {
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(text.contains("Municipality of Maassluis"), "{text}");
    }
}

#[test]
fn the_template_says_why_it_writes_nothing_while_inputs_have_errors() {
    let dir = bundled_copy();
    edit(
        &dir.path().join("measurements/2021.csv"),
        "vve-deelname,,,2021,86,",
        "vve-deelname,,,2021,veel,",
    );
    let out = ontrack(dir.path(), &["template", "--year", "2022"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("it writes nothing while the inputs have errors"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("measurements/2022.csv").exists());
}

#[test]
fn every_label_too_long_is_refused_in_dutch_too() {
    // Each kind of label past its length, in one monitor: the title, the municipality, a
    // theme's name and goal, a peer area's name, a series label and an indicator's title.
    let dir = bundled_copy();
    let toml = dir.path().join("indicators.toml");
    let long = "lang ".repeat(120); // 600 characters, past the 500 of a label
    let longer = "lang ".repeat(1100); // 5500, past the 5000 of a text
    let far = "v".repeat(600); // a peer of 600 characters (everywhere it is named)
    edit(
        &toml,
        "title = \"Beleidsvisie Integratie 'Samen naar een gedeelde toekomst!'\"",
        &format!("title = \"{long}\""),
    );
    edit(
        &toml,
        "name = \"Dialoog en ontmoeting\"",
        &format!("name = \"{long}\""),
    );
    edit(
        &toml,
        "label = \"W-migranten\"",
        &format!("label = \"{long}\""),
    );
    let text = std::fs::read_to_string(&toml).unwrap();
    let peers = text
        .lines()
        .find(|l| l.starts_with("peers = [\""))
        .expect("a list of peers");
    let first = peers.split('"').nth(1).unwrap();
    let goal = text
        .lines()
        .find(|l| l.starts_with("goal = \"We streven ernaar segregatie"))
        .expect("the goal of the fourth theme");
    let text = text
        .replace(first, &far)
        .replacen(goal, &format!("goal = \"{longer}\""), 1);
    std::fs::write(&toml, text).unwrap();
    let municipality = "municipality = \"Maassluis\"";
    edit(&toml, municipality, &format!("municipality = \"{long}\""));

    let english = ontrack(dir.path(), &["check", "--lang", "en"]);
    let dutch = ontrack_dutch(dir.path(), &["check"]);
    assert_eq!(
        (english.status.code(), dutch.status.code()),
        (Some(1), Some(1))
    );
    let english = stdout(&english);
    let dutch = stdout(&dutch);
    for said in [
        "the monitor title is 600 characters long; expected at most 500",
        "the municipality is 600 characters long; expected at most 500",
        "the name of theme `dialoog` is 600 characters long; expected at most 500",
        "is 5500 characters long; expected at most 5000",
        "a peer area name is 600 characters long; expected at most 500",
        "the label of series `westers` is 600 characters long; expected at most 500",
    ] {
        assert!(english.contains(said), "{said}\n{english}");
    }
    for said in [
        "de titel van de monitor is 600 tekens lang; verwacht hoogstens 500",
        "de naam van de gemeente is 600 tekens lang; verwacht hoogstens 500",
        "de naam van speerpunt `dialoog` is 600 tekens lang; verwacht hoogstens 500",
        "het doel van speerpunt `dialoog` is 5500 tekens lang; verwacht hoogstens 5000",
        "de naam van een vergelijkingsgebied is 600 tekens lang; verwacht hoogstens 500",
        "het label van reeks `westers` is 600 tekens lang; verwacht hoogstens 500",
    ] {
        assert!(dutch.contains(said), "{said}\n{dutch}");
    }
    assert!(!dutch.contains("characters"), "{dutch}");
}

/// Findings made after a file is read (a number that waits for the decimal mark, a period
/// given twice, rows of other years) name the field as the file writes it and reach a Dutch
/// analyst in Dutch, as the findings about a single row do.
#[test]
fn later_findings_name_the_file_s_own_field_and_are_dutch() {
    let dir = bundled_definitions();
    std::fs::write(
        dir.path().join("measurements/2020.csv"),
        "indicator;reeks;gebied;periode;waarde\n\
         bijstandsuitkeringen;;;2020-07;1.234\n\
         jongeren-bijstand;;;2020-07;6\n\
         jongeren-bijstand;;;2020-07;7\n\
         jongeren-bijstand;;;2019-07;8\n\
         jongeren-bijstand;;;2018-07;9\n",
    )
    .unwrap();
    let out = ontrack_dutch(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let nl = stdout(&out);
    for expected in [
        "2020.csv:2:5: fout: veld `waarde`: gevonden: `1.234`, dat als 1.234 gelezen wordt met een decimale punt en als 1234 met een decimale komma, en geen getal in het bestand zegt welke",
        "2020.csv:4: fout: veld `waarde`: gevonden: 7 voor dezelfde indicator",
        "2020.csv:6: fout: veld `waarde`: gevonden: 9 voor `jongeren-bijstand` in 2018-07, maar indicators.toml:61 geeft als nulmeting",
        "2020.csv:5:4: waarschuwing: veld `periode`: gevonden: periode 2019-07 in het bestand voor 2020 (en nog 1 regel van andere jaren); verwacht perioden van 2020",
    ] {
        assert!(nl.contains(expected), "{expected}\n{nl}");
    }
    for english in ["found", "which reads", "more row", "field `"] {
        assert!(!nl.contains(english), "{english}\n{nl}");
    }
    // In English the words change, not the fields: they are the file's.
    let en = stdout(&ontrack(dir.path(), &["check"]));
    assert!(
        en.contains("2020.csv:4: error: field `waarde`: found 7"),
        "{en}"
    );
    assert!(
        en.contains("field `periode`: found period 2019-07 in the file for 2020 (and 1 more row of other years)"),
        "{en}"
    );
}

/// A finding that points at a second place (the value it repeats, the baseline it contradicts)
/// names it as it names its own: from where the command was run, so that both can be opened
/// as printed, whatever `-C` says.
#[test]
fn a_second_place_in_a_message_is_named_from_where_the_command_ran() {
    let parent = tempfile::tempdir().unwrap();
    let monitor = parent.path().join("mon");
    std::fs::create_dir_all(monitor.join("measurements")).unwrap();
    std::fs::copy(
        repo().join("indicators.toml"),
        monitor.join("indicators.toml"),
    )
    .unwrap();
    std::fs::write(
        monitor.join("measurements/2020.csv"),
        "indicator,period,value\n\
         jongeren-bijstand,2020-07,6\n\
         jongeren-bijstand,2020-07,7\n\
         bijstandsuitkeringen,2020-07,900\n\
         bijstandsuitkeringen,2020-07,900\n\
         vsv,2020/2021,2\n\
         vsv,2020/2021,2\n\
         jongeren-bijstand,2018-07,9\n",
    )
    .unwrap();
    let text = stdout(&ontrack(parent.path(), &["-C", "mon", "check"]));
    for expected in [
        "mon/measurements/2020.csv:3: error: field `value`: found 7 for the same indicator, series, area and period (2020-07) as mon/measurements/2020.csv:2, which says 6",
        "mon/measurements/2020.csv:5: warning: field `value`: `bijstandsuitkeringen` 2020-07 is given twice with the same value 900 (also at mon/measurements/2020.csv:4); one is enough (1 more repeat in this file)",
        "mon/measurements/2020.csv:8: error: field `value`: found 9 for `jongeren-bijstand` in 2018-07, but mon/indicators.toml:61 gives the baseline for that period as 6.1",
    ] {
        assert!(text.contains(expected), "{expected}\n{text}");
    }
}

/// indicators.toml that is not valid TOML: the TOML reader's own message, in Dutch for a Dutch
/// monitor (the `language` line is read ahead of the parse), in English with `--lang en`.
#[test]
fn a_toml_syntax_error_is_dutch_in_a_dutch_monitor() {
    let dir = bundled_copy();
    edit(
        &dir.path().join("indicators.toml"),
        "peers = [\"Vlaardingen\", \"Schiedam\"]",
        "peers = [\"Vlaardingen\" \"Schiedam\"]",
    );
    let out = ontrack_dutch(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let nl = stdout(&out);
    assert!(
        nl.contains(": fout: komma ontbreekt tussen de elementen van de array, verwacht `,`"),
        "{nl}"
    );
    let en = stdout(&ontrack_dutch(dir.path(), &["check", "--lang", "en"]));
    assert!(
        en.contains(": error: missing comma between array elements, expected `,`"),
        "{en}"
    );
    // A date out of its range: the part it expected is named in Dutch too.
    edit(
        &dir.path().join("indicators.toml"),
        "peers = [\"Vlaardingen\" \"Schiedam\"]",
        "peers = [\"Vlaardingen\", \"Schiedam\"]\nadopted = 2019-13-01",
    );
    let nl = stdout(&ontrack_dutch(dir.path(), &["check"]));
    assert!(
        nl.contains(": fout: ongeldige datum, verwacht een maand van 01 tot en met 12"),
        "{nl}"
    );
}
