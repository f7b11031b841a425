//! Files in and out through the real binary: every row read or refused with the right location
//! whatever the line ends, the shapes Excel rewrites values into, labels as people write them,
//! and outputs that never overwrite what is not ours.

use crate::common::*;
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
    let table_lf = run_json(
        bundled_copy().path(),
        &["table", "--format", "json", "--observations"],
    );
    assert!(table_lf.to_string().contains("\"measurements/2018.csv:2\""));
    for end in ["\r\n", "\r"] {
        let dir = bundled_with_line_ends(end);
        let table = run_json(dir.path(), &["table", "--format", "json", "--observations"]);
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
    let j = run_json(dir.path(), &["table", "--format", "json", "--observations"]);
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
        .env("ONTRACK_MESSAGES", "en")
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
    let j = run_json(dir.path(), &["table", "--format", "json", "--observations"]);
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
    let j = run_json(dir.path(), &["table", "--format", "json", "--observations"]);
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

/// A monitor with `count` indicators and a few years of data: large enough that a report takes
/// a while.
fn big_monitor(count: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut toml = String::from("[monitor]\nname = \"groot\"\ntitle = \"Groot\"\nmunicipality = \"Stad\"\n\n[[theme]]\nid = \"t\"\nname = \"Thema\"\n");
    let mut csv = String::from("indicator,period,value\n");
    for i in 0..count {
        toml.push_str(&format!(
            "\n[[indicator]]\nid = \"i{i}\"\ntheme = \"t\"\ntitle = \"Indicator {i}\"\nunit = \"%\"\ndirection = \"increase\"\n[[indicator.baseline]]\nvalue = 50\nperiod = \"2015\"\n"
        ));
        for y in 2016..2022 {
            csv.push_str(&format!("i{i},{y},{}\n", 50 + (i + y as usize) % 9));
        }
    }
    std::fs::write(dir.path().join("indicators.toml"), toml).unwrap();
    std::fs::create_dir(dir.path().join("measurements")).unwrap();
    std::fs::write(dir.path().join("measurements/all.csv"), csv).unwrap();
    dir
}

fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().to_string())
                .filter(|n| n.ends_with(".ontrack-tmp") || n.ends_with(".tmp"))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn labels_past_a_sane_length_are_refused_when_loading() {
    let dir = bundled_copy();
    let long = "lang ".repeat(200);
    edit(
        &dir.path().join("indicators.toml"),
        "title = \"Het aandeel laaggeletterden in Maassluis neemt af\"",
        &format!("title = \"{long}\""),
    );
    let out = ontrack(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains(
            "the title of `laaggeletterden` is 1000 characters long; expected at most 500"
        ),
        "{}",
        stdout(&out)
    );
    // A measurement file's note too.
    let dir = bundled_copy();
    std::fs::write(
        dir.path().join("measurements/2022.csv"),
        format!(
            "indicator,period,value,note\nvve-deelname,2022,88,{}\n",
            "x".repeat(6000)
        ),
    )
    .unwrap();
    let text = stdout(&ontrack(dir.path(), &["check"]));
    assert!(
        text.contains("measurements/2022.csv:2:4: error: field `note`: found a text of 6000 characters; expected at most 5000"),
        "{text}"
    );
}

#[cfg(unix)]
#[test]
fn out_onto_a_device_writes_into_it_and_a_symlink_is_followed_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = bundled_copy();
    let out = ontrack(dir.path(), &["report", "--out", "/dev/null", "-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let null = std::fs::metadata("/dev/null").unwrap();
    assert!(
        null.file_type().is_char_device(),
        "/dev/null is still a device"
    );
    assert!(temporaries(Path::new("/dev")).is_empty());
    // `-` is standard output, and so is /dev/stdout (here a pipe, which has no path).
    for target in ["-", "/dev/stdout"] {
        let out = ontrack(dir.path(), &["table", "--format", "csv", "--out", target]);
        assert!(out.status.success(), "{target}: {}", stderr(&out));
        assert!(
            stdout(&out).starts_with("id,"),
            "{target}: {}",
            stdout(&out)
        );
    }
    // A symlink: its target file gets the output, the link stays a link.
    std::fs::create_dir(dir.path().join("out")).unwrap();
    std::fs::write(dir.path().join("out/real.csv"), "old").unwrap();
    std::os::unix::fs::symlink("real.csv", dir.path().join("out/link.csv")).unwrap();
    let out = ontrack(dir.path(), &["table", "--out", "out/link.csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let link = std::fs::symlink_metadata(dir.path().join("out/link.csv")).unwrap();
    assert!(link.file_type().is_symlink());
    let real = std::fs::read_to_string(dir.path().join("out/real.csv")).unwrap();
    assert!(real.starts_with("id,"), "{real}");
}

/// An output is a file like any other the user makes: readable as the umask allows (a report
/// a web server or the next CI step reads), and a file written over keeps its mode; never the
/// owner-only mode of the temporary file it was written through.
#[cfg(unix)]
#[test]
fn outputs_get_the_mode_of_a_new_file_or_keep_the_one_they_replace() {
    use std::os::unix::fs::PermissionsExt;
    let dir = bundled_copy();
    let mode = |name: &str| {
        std::fs::metadata(dir.path().join(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o7777
    };
    let under_umask = |umask: &str, args: &str| {
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("umask {umask}; exec \"$0\" -q {args}"))
            .arg(env!("CARGO_BIN_EXE_ontrack"))
            .current_dir(dir.path())
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args}: {}", stderr(&out));
    };
    under_umask("022", "table --format csv --out reports/table.csv");
    assert_eq!(mode("reports/table.csv"), 0o644);
    under_umask("022", "report --out reports/r.pdf");
    assert_eq!(mode("reports/r.pdf"), 0o644);
    under_umask("077", "table --format json --out reports/private.json");
    assert_eq!(mode("reports/private.json"), 0o600);
    under_umask("002", "table --format markdown --out reports/group.md");
    assert_eq!(mode("reports/group.md"), 0o664);
    // Written over: the old file's mode stays, whatever the umask.
    std::fs::set_permissions(
        dir.path().join("reports/table.csv"),
        std::fs::Permissions::from_mode(0o640),
    )
    .unwrap();
    under_umask("077", "table --format csv --out reports/table.csv");
    assert_eq!(mode("reports/table.csv"), 0o640);
    assert!(temporaries(&dir.path().join("reports")).is_empty());
}

#[cfg(unix)]
#[test]
fn planted_symlinks_at_temporary_names_are_never_followed() {
    let dir = bundled_copy();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    // The names earlier versions used, for every pid the run could get, and some guesses.
    for pid in 1..2000 {
        std::os::unix::fs::symlink(&victim, dir.path().join(format!("out/.p.csv.{pid}.tmp")))
            .unwrap();
    }
    let out = ontrack(dir.path(), &["table", "--out", "out/p.csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert!(std::fs::read_to_string(dir.path().join("out/p.csv"))
        .unwrap()
        .starts_with("id,"));
}

#[cfg(unix)]
#[test]
fn a_signal_during_report_leaves_no_temporary_file_and_the_old_report_intact() {
    let dir = big_monitor(1500);
    let reports = dir.path().join("reports");
    std::fs::create_dir(&reports).unwrap();
    let old = reports.join("groot-2021.pdf");
    std::fs::write(&old, "the old report").unwrap();
    // A leftover of a run killed outright (SIGKILL): a dead pid in its name.
    let stale = reports.join(".groot-2021.pdf.4294967.a1b2c3.ontrack-tmp");
    std::fs::write(&stale, "").unwrap();
    let mut caught = false;
    // The write is a short window; on a loaded machine it takes a few tries to land in it
    // (25 tries once missed it, with every other test running beside it).
    for _ in 0..60 {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ontrack"))
            .env("ONTRACK_MESSAGES", "en")
            .args(["report", "-q"])
            .current_dir(dir.path())
            .spawn()
            .unwrap();
        // Wait until the temporary file exists, then stop the run.
        let start = std::time::Instant::now();
        let mut seen = false;
        while start.elapsed() < std::time::Duration::from_secs(60) {
            let live: Vec<String> = temporaries(&reports)
                .into_iter()
                .filter(|n| !n.contains("4294967"))
                .collect();
            if !live.is_empty() {
                seen = true;
                break;
            }
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        if !seen {
            let _ = child.wait();
            std::fs::write(&old, "the old report").unwrap();
            continue;
        }
        let pid = child.id().to_string();
        std::process::Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap();
        let status = child.wait().unwrap();
        if status.success() {
            std::fs::write(&old, "the old report").unwrap();
            continue; // it finished first
        }
        caught = true;
        assert_eq!(status.code(), Some(128 + 15), "{status:?}");
        break;
    }
    assert!(caught, "the report was never caught while writing");
    assert_eq!(temporaries(&reports), Vec::<String>::new());
    assert_eq!(std::fs::read_to_string(&old).unwrap(), "the old report");
    assert!(!stale.exists(), "the stale leftover is swept");
}

#[test]
fn output_into_the_measurements_folder_is_refused() {
    let dir = bundled_copy();
    for args in [
        &["table", "--out", "measurements/uit.csv"][..],
        &["report", "--out", "measurements/rapport.pdf"],
        &[
            "compare",
            "--from",
            "2020",
            "--to",
            "2021",
            "--out",
            "measurements/x.md",
        ],
        &["show", "vsv", "--out", "measurements/vsv.json"],
    ] {
        let out = ontrack(dir.path(), args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&out).contains("is inside the measurements folder"),
            "{}",
            stderr(&out)
        );
    }
    assert_eq!(
        std::fs::read_dir(dir.path().join("measurements"))
            .unwrap()
            .count(),
        6
    );
    assert!(ontrack(dir.path(), &["check"]).status.success());
}

#[test]
fn the_default_report_name_is_a_safe_slug_of_the_monitor_name() {
    let dir = bundled_copy();
    let long = "a".repeat(300);
    for (name, file) in [
        ("Mijn\\n\\u001b[2J Monitor", "mijn-x1b-2j-monitor-2021.pdf"),
        (long.as_str(), &*format!("{}-2021.pdf", "a".repeat(80))),
    ] {
        let toml = dir.path().join("indicators.toml");
        let text = std::fs::read_to_string(&toml).unwrap();
        let start = text.find("name = \"").unwrap();
        let end = start + text[start..].find('\n').unwrap();
        std::fs::write(
            &toml,
            format!("{}name = \"{name}\"{}", &text[..start], &text[end..]),
        )
        .unwrap();
        let out = ontrack(dir.path(), &["report", "-q"]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            dir.path().join("reports").join(file).exists(),
            "{file}: {:?}",
            std::fs::read_dir(dir.path().join("reports"))
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn escape_sequences_in_labels_and_cells_never_reach_the_terminal_raw() {
    let dir = bundled_copy();
    edit(
        &dir.path().join("indicators.toml"),
        "title = \"Het aandeel laaggeletterden in Maassluis neemt af\"",
        "title = \"Laaggeletterden \\u001b[2J\\u001b]0;pwned\\u0007 neemt af\"",
    );
    edit(
        &dir.path().join("measurements/2021.csv"),
        "laaggeletterden,,,2021,4000,true,,",
        "laaggeletterden,,,2021,4000,true,,\u{1b}[31mrood",
    );
    for format in ["table", "markdown", "csv", "tsv", "json"] {
        let out = ontrack(
            dir.path(),
            &["table", "--format", format, "--color", "always"],
        );
        let text = stdout(&out);
        assert!(
            !text.contains("\u{1b}[2J") && !text.contains("\u{1b}]0;"),
            "{format}"
        );
        assert!(!text.contains("\u{7}"), "{format}");
        if format != "json" {
            assert!(text.contains("\\x1b[2J"), "{format}: shown visibly");
        }
    }
    let show = stdout(&ontrack(dir.path(), &["show", "laaggeletterden"]));
    assert!(
        !show.contains("\u{1b}[2J") && !show.contains("\u{1b}[31m"),
        "{show}"
    );
    assert!(show.contains("\\x1b[31mrood"), "{show}");
    // A message quoting an unknown id shows the escape too.
    std::fs::write(
        dir.path().join("measurements/2022.csv"),
        "indicator,period,value\n\u{1b}[2Jx,2022,1\n",
    )
    .unwrap();
    let check = ontrack(dir.path(), &["check"]);
    let text = stdout(&check);
    assert!(!text.contains('\u{1b}'), "{text}");
    assert!(text.contains("unknown indicator `\\x1b[2Jx`"), "{text}");
}

#[test]
fn ids_that_start_like_a_formula_read_back_from_ontracks_own_csv() {
    let dir = bundled_copy();
    let toml = dir.path().join("indicators.toml");
    let text = std::fs::read_to_string(&toml)
        .unwrap()
        .replace("id = \"vve-deelname\"", "id = \"-vve\"");
    std::fs::write(&toml, text).unwrap();
    for file in ["2017.csv", "2018.csv", "2019.csv", "2020.csv", "2021.csv"] {
        let path = dir.path().join("measurements").join(file);
        let text = std::fs::read_to_string(&path)
            .unwrap()
            .replace("vve-deelname,", "-vve,");
        std::fs::write(&path, text).unwrap();
    }
    let out = ontrack(
        dir.path(),
        &["template", "--year", "2022", "--dialect", "plain"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let path = dir.path().join("measurements/2022.csv");
    let template = std::fs::read_to_string(&path).unwrap();
    let line = template.lines().find(|l| l.contains("-vve")).unwrap();
    assert!(
        line.starts_with("'-vve,"),
        "neutralised for spreadsheets: {line}"
    );
    // Filled in and read back: the id is `-vve`.
    let header: Vec<&str> = template.lines().next().unwrap().split(',').collect();
    let value = header.iter().position(|h| *h == "value").unwrap();
    let mut fields: Vec<&str> = line.split(',').collect();
    fields[value] = "88";
    let filled = template.replacen(line, &fields.join(","), 1);
    std::fs::write(&path, &filled).unwrap();
    let out = ontrack(dir.path(), &["check"]);
    assert!(out.status.success(), "{}", stdout(&out));
    let j = run_json(dir.path(), &["table", "--format", "json", "--observations"]);
    let r = j["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "-vve")
        .unwrap();
    assert_eq!(r["latest"]["period"], "2022");
}

#[test]
fn the_same_monitor_in_two_folders_gives_byte_identical_reports() {
    let a = bundled_copy();
    let b = tempfile::tempdir().unwrap();
    let deep = b.path().join("home/runner/work/ontrack/monitor");
    std::fs::create_dir_all(deep.join("measurements")).unwrap();
    std::fs::copy(
        a.path().join("indicators.toml"),
        deep.join("indicators.toml"),
    )
    .unwrap();
    for entry in std::fs::read_dir(a.path().join("measurements")).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, deep.join("measurements").join(p.file_name().unwrap())).unwrap();
    }
    let run = |dir: &Path| {
        let out = ontrack(
            Path::new("/"),
            &[
                "-C",
                dir.to_str().unwrap(),
                "report",
                "--out",
                dir.join("r.pdf").to_str().unwrap(),
                "-q",
            ],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        std::fs::read(dir.join("r.pdf")).unwrap()
    };
    let (pa, pb) = (run(a.path()), run(&deep));
    assert!(pa == pb, "the PDFs differ");
    let json = stdout(&ontrack(
        Path::new("/"),
        &[
            "-C",
            deep.to_str().unwrap(),
            "table",
            "--format",
            "json",
            "--observations",
        ],
    ));
    assert!(!json.contains("/home/runner"), "{json}");
    assert!(
        json.contains("\"from\":\"measurements/2018.csv:2\""),
        "{json}"
    );
}

#[test]
fn messages_follow_the_monitor_language_and_lang_overrides() {
    let dir = bundled_copy();
    edit(
        &dir.path().join("measurements/2021.csv"),
        "vve-deelname,,,2021,86,",
        "vve-deelname,,,2021,zesentachtig,",
    );
    let nl = stdout(&ontrack_dutch(dir.path(), &["check"]));
    assert!(
        nl.contains("measurements/2021.csv:7:5: fout: veld `value`: gevonden: `zesentachtig`, verwacht een getal"),
        "{nl}"
    );
    assert!(
        nl.contains("1 fout, 11 waarschuwingen in 7 bestanden (7 bestanden gecontroleerd)"),
        "{nl}"
    );
    let en = stdout(&ontrack_dutch(dir.path(), &["check", "--lang", "en"]));
    assert!(
        en.contains(": error: field `value`: found `zesentachtig`"),
        "{en}"
    );
    // The JSON keeps the English text and the codes, whatever the language.
    let json = run_json(dir.path(), &["check", "--format", "json"]);
    let dutch_json: Value =
        serde_json::from_slice(&ontrack_dutch(dir.path(), &["check", "--format", "json"]).stdout)
            .unwrap();
    assert_eq!(json, dutch_json);
    // A problem in indicators.toml itself speaks the language the file declares.
    edit(
        &dir.path().join("indicators.toml"),
        "unit = \"%\"",
        "unit = \"%\"\nunti = 1",
    );
    let toml = stdout(&ontrack_dutch(dir.path(), &["check"]));
    assert!(toml.contains("fout: onbekend veld `unti`"), "{toml}");
    let english = std::fs::read_to_string(dir.path().join("indicators.toml"))
        .unwrap()
        .replace("language = \"nl\"", "language = \"en\"");
    std::fs::write(dir.path().join("indicators.toml"), english).unwrap();
    let toml = stdout(&ontrack_dutch(dir.path(), &["check"]));
    assert!(toml.contains("error: unknown field `unti`"), "{toml}");
}

/// `text` as UTF-16 with its byte-order mark, little- or big-endian.
fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut bytes = if little_endian {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        bytes.extend(if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    bytes
}

#[test]
fn excel_unicode_text_reads_like_the_utf8_file() {
    // Excel's "Unicode text": UTF-16 with a byte-order mark, tab-separated, CRLF; and the
    // big-endian form. Every value and every line number as from the UTF-8 files.
    let expected = run_json(
        bundled_copy().path(),
        &["table", "--format", "json", "--observations"],
    );
    for little_endian in [true, false] {
        let dir = bundled_copy();
        for entry in std::fs::read_dir(dir.path().join("measurements")).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let excel = text.replace(',', "\t").replace('\n', "\r\n");
            std::fs::write(&path, utf16(&excel, little_endian)).unwrap();
        }
        let table = run_json(dir.path(), &["table", "--format", "json", "--observations"]);
        assert_eq!(table, expected, "little endian: {little_endian}");
        // A non-ASCII label survives: the source's "ë" or a note's accents come through.
        let out = ontrack(dir.path(), &["check"]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
}

#[test]
fn malformed_utf16_is_refused_naming_the_file() {
    let dir = bundled_copy();
    let path = dir.path().join("measurements/2020.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut bytes = utf16(&text, true);
    // An unpaired high surrogate in the middle of the file.
    let middle = (bytes.len() / 2) & !1;
    bytes.splice(middle..middle, [0x00, 0xD8, 0x41, 0x00]);
    std::fs::write(&path, bytes).unwrap();
    let out = ontrack(dir.path(), &["table", "--format", "json", "--observations"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(
        err.contains("measurements/2020.csv") && err.contains("not valid UTF-16LE"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

/// Sources and notes are remembered from row to row (most rows repeat the one before): an
/// empty cell between two that give one, a source that comes back, and the same rows with
/// CRLF, each keep exactly their own, and the rows without any say null.
#[test]
fn each_row_keeps_its_own_source_and_note_whatever_the_row_before_gave() {
    for end in ["\n", "\r\n"] {
        let dir = bundled_definitions();
        let text = "indicator,period,value,source,note\n\
                    vve-deelname,2020,84,CBS,\n\
                    segregatie-index,2020,12,,\n\
                    vsv,2020/2021,1.7,CBS,eerste\n\
                    sociale-cohesie,2020,6.1,DUO,\n\
                    veiligheidsgevoel,2020,7.2,,eerste\n";
        std::fs::write(
            dir.path().join("measurements/2020.csv"),
            with_line_ends(text, end),
        )
        .unwrap();
        let j = run_json(dir.path(), &["table", "--format", "json", "--observations"]);
        let remarks = |id: &str| {
            let row = j["indicators"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["id"] == id && r["peer"] == false)
                .unwrap_or_else(|| panic!("{id} in {j}"));
            let o = row["observations"]
                .as_array()
                .unwrap()
                .iter()
                .find(|o| {
                    o["from"]
                        .as_str()
                        .unwrap()
                        .starts_with("measurements/2020.csv")
                })
                .unwrap_or_else(|| panic!("{id}'s 2020 value in {row}"));
            (o["source"].clone(), o["note"].clone())
        };
        let s = |s: &str| Value::from(s);
        let n = Value::Null;
        assert_eq!(remarks("vve-deelname"), (s("CBS"), n.clone()), "{end:?}");
        assert_eq!(
            remarks("segregatie-index"),
            (n.clone(), n.clone()),
            "{end:?}"
        );
        assert_eq!(remarks("vsv"), (s("CBS"), s("eerste")), "{end:?}");
        assert_eq!(remarks("sociale-cohesie"), (s("DUO"), n.clone()), "{end:?}");
        assert_eq!(remarks("veiligheidsgevoel"), (n, s("eerste")), "{end:?}");
    }
}

/// An observation keeps its provenance (file, source, note, illustrative flag) as a number of
/// 18 bits, of which the files' rows may take 196,608: the first row past them is an error at
/// its line and field, in English and Dutch, and `table` writes nothing. The rows before it,
/// each with a note of its own, are read.
#[test]
fn one_distinct_note_too_many_is_refused_at_its_row() {
    const ROWS_COUNT: usize = 196_608;
    let dir = bundled_definitions();
    let mut text = String::from("indicator,period,value,note\r\n");
    for i in 0..=ROWS_COUNT {
        text.push_str(&format!("vve-deelname,2020,84,note {i}\r\n"));
    }
    std::fs::write(dir.path().join("measurements/2020.csv"), text).unwrap();
    let out = ontrack(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let printed = stdout(&out) + &stderr(&out);
    let line = ROWS_COUNT + 2; // the header, then the rows from line 2
    let errors: Vec<&str> = printed
        .lines()
        .filter(|l| l.contains(": error: "))
        .collect();
    assert!(
        errors
            .iter()
            .any(|l| l.contains(&format!("measurements/2020.csv:{line}:4"))
                && l.contains("`note`")
                && l.contains("one combination too many")
                && l.contains(&format!("at most {ROWS_COUNT} distinct"))),
        "{printed}"
    );
    assert_eq!(errors.len(), 1, "{printed}");
    // Every row before it was read: the first is kept and the others repeat it.
    assert!(
        printed.contains(&format!("({} more repeats in this file)", ROWS_COUNT - 2)),
        "{printed}"
    );
    let dutch = ontrack_dutch(dir.path(), &["table", "--out", "t.csv"]);
    assert_eq!(dutch.status.code(), Some(1));
    assert!(
        stderr(&dutch).contains("is er één te veel"),
        "{}",
        stderr(&dutch)
    );
    assert!(!dir.path().join("t.csv").exists());
}
