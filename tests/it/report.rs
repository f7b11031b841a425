//! The `report` command through the real binary, read back with lopdf: pages, every indicator
//! title, status and number, metadata, determinism, atomic writing and refusals.

use crate::common::*;

fn text_of(pdf: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(pdf).expect("the report parses as PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).expect("text can be extracted")
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_bundled_report_has_every_indicator_status_and_number() {
    let dir = bundled_copy();
    let out = ontrack(dir.path(), &["report"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let path = dir.path().join("reports/maassluis-integratie-2021.pdf");
    let pdf = std::fs::read(&path).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let pages = doc.get_pages().len();
    assert!((10..=30).contains(&pages), "{pages} pages");

    let text = squash(&text_of(&pdf));
    let json = json(&ontrack(dir.path(), &["table", "--format", "json"]));
    for row in json["indicators"].as_array().unwrap() {
        let title = row["title"].as_str().unwrap();
        // Titles may wrap; their first words are on one line.
        let start: String = title.split(' ').take(4).collect::<Vec<_>>().join(" ");
        assert!(text.contains(&start), "title {title:?} not in the PDF");
    }
    for (status, count) in [("Doel bereikt", 2), ("Op koers", 3), ("Verslechtering", 1)] {
        assert!(text.matches(status).count() >= count, "{status}");
    }
    // Numbers as the JSON has them, written the Dutch way.
    for figure in [
        "6,1 % (juli 2018); aantal 50",
        "2,4 % (2017); 6 van 252",
        "1,73 % (2016/2017)",
        "90 % (2021)",
        "4200 inwoners (2017)",
        "Pagina 1 van",
    ] {
        assert!(text.contains(figure), "{figure} not in the PDF");
    }
    assert!(text.contains("Illustratieve gegevens"));
    assert!(
        text.contains("≥ 1,5 %"),
        "the method annex names its thresholds"
    );

    // Metadata.
    let info_ref = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_object(info_ref).unwrap().as_dict().unwrap();
    let get = |k: &[u8]| {
        let bytes = info.get(k).unwrap().as_str().unwrap();
        // UTF-16BE with a byte order mark.
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&units).unwrap()
    };
    assert!(get(b"Title").contains("Voortgangsrapportage 2021"));
    assert_eq!(get(b"Author"), "Gemeente Maassluis");
    assert!(get(b"Creator").starts_with("ontrack"));
    let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    let catalog = doc.get_object(root).unwrap().as_dict().unwrap();
    assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"nl");
}

#[test]
fn the_report_is_byte_identical_across_runs_and_english_on_request() {
    let dir = bundled_copy();
    assert!(ontrack(dir.path(), &["report", "--out", "a.pdf"])
        .status
        .success());
    assert!(ontrack(dir.path(), &["report", "--out", "b.pdf"])
        .status
        .success());
    let a = std::fs::read(dir.path().join("a.pdf")).unwrap();
    assert_eq!(a, std::fs::read(dir.path().join("b.pdf")).unwrap());

    assert!(ontrack(
        dir.path(),
        &["report", "--lang", "en", "--year", "2019", "--out", "en.pdf"]
    )
    .status
    .success());
    let en = std::fs::read(dir.path().join("en.pdf")).unwrap();
    let text = squash(&text_of(&en));
    assert!(text.contains("Annual progress report 2019"));
    assert!(text.contains("On track") && text.contains("July 2018"));
    assert!(!text.contains("Verslechtering"));

    // The file identifier: a pair of one hash of the content (32 hex digits), so another
    // report has another; every stream is compressed but the XMP metadata, which stays text.
    let id_of = |bytes: &[u8]| {
        let doc = lopdf::Document::load_mem(bytes).unwrap();
        let pair = doc.trailer.get(b"ID").unwrap().as_array().unwrap().clone();
        let [first, second] = pair.as_slice() else {
            panic!("an /ID pair")
        };
        assert_eq!(first, second);
        let id = String::from_utf8(first.as_str().unwrap().to_vec()).unwrap();
        assert_eq!(id.len(), 32);
        assert!(id.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
        assert_ne!(id, "0".repeat(32), "not the placeholder");
        for object in doc.objects.values() {
            if let Ok(stream) = object.as_stream() {
                let metadata = stream
                    .dict
                    .get(b"Type")
                    .and_then(|t| t.as_name())
                    .is_ok_and(|t| t == b"Metadata");
                assert_eq!(stream.dict.has(b"Filter"), !metadata, "{:?}", stream.dict);
            }
        }
        id
    };
    assert_ne!(id_of(&a), id_of(&en));
}

#[test]
fn a_failed_report_leaves_the_existing_file_untouched() {
    let dir = bundled_copy();
    let existing = dir.path().join("reports/maassluis-integratie-2021.pdf");
    std::fs::create_dir_all(existing.parent().unwrap()).unwrap();
    std::fs::write(&existing, b"old report").unwrap();
    edit(
        &dir.path().join("measurements/2021.csv"),
        "segregatie-index,,,2021,11",
        "segregatie-index,,,2021,elf",
    );
    let out = ontrack(dir.path(), &["report"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(&existing).unwrap(), b"old report");
    let files: Vec<_> = std::fs::read_dir(existing.parent().unwrap())
        .unwrap()
        .collect();
    assert_eq!(files.len(), 1, "no temporary file is left behind");

    let out = ontrack(dir.path(), &["report", "--out", "indicators.toml"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn fifty_plus_indicators_give_a_correct_document() {
    let dir = tempfile::tempdir().unwrap();
    let mut toml = String::from("[monitor]\nname = \"big\"\ntitle = \"Een heel groot plan met een lange titel die zeker over meerdere regels moet lopen in de kop\"\nmunicipality = \"Stad\"\n\n[[theme]]\nid = \"t\"\nname = \"Thema\"\n");
    let mut csv = String::from("indicator,period,value\n");
    for i in 0..60 {
        let target = if i % 2 == 0 {
            format!("target = {{ value = {}, year = 2025 }}\n", 60 + i % 40)
        } else {
            String::new()
        };
        toml.push_str(&format!(
            "\n[[indicator]]\nid = \"i{i}\"\ntheme = \"t\"\ntitle = \"Indicator {i} met een bijzonder lange titel die het afbreken van regels in tabellen en blokken op de proef stelt\"\nunit = \"%\"\ndirection = \"increase\"\n{target}[[indicator.baseline]]\nvalue = 50\nperiod = \"2018\"\n"
        ));
        csv.push_str(&format!("i{i},2018,50\n"));
        // Gaps and single points: some indicators have only the baseline.
        if i % 3 != 0 {
            csv.push_str(&format!("i{i},2021,{}\n", 50 + i % 7));
        }
    }
    std::fs::write(dir.path().join("indicators.toml"), toml).unwrap();
    std::fs::create_dir(dir.path().join("measurements")).unwrap();
    std::fs::write(dir.path().join("measurements/all.csv"), csv).unwrap();
    let out = ontrack(dir.path(), &["report", "--out", "big.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = std::fs::read(dir.path().join("big.pdf")).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    assert!(doc.get_pages().len() > 30);
    let text = squash(&text_of(&pdf));
    for i in [0, 29, 59] {
        assert!(
            text.contains(&format!("Indicator {i} met")),
            "indicator {i}"
        );
    }
}

/// `pdftotext -layout` of a PDF file, no-break spaces as the spaces a reader sees.
fn layout_text(path: &std::path::Path) -> String {
    pdftotext(path, &["-layout"]).replace('\u{a0}', " ")
}

/// How far down its body each page's last text reaches, 0 (empty) to 1 (full), from the word
/// boxes of `pdftotext -bbox` (running header and footer left out).
fn page_fill(path: &std::path::Path) -> Vec<f64> {
    let html = pdftotext(path, &["-bbox"]);
    let (top, bottom) = (62.0, 781.89);
    html.split("<page ")
        .skip(1)
        .map(|page| {
            let lowest = page
                .split("yMax=\"")
                .skip(1)
                .filter_map(|s| s.split('"').next()?.parse::<f64>().ok())
                .filter(|y| *y > 45.0 && *y < bottom)
                .fold(top, f64::max);
            (lowest - top) / (bottom - top)
        })
        .collect()
}

#[test]
fn the_bundled_report_flows_onto_few_and_well_filled_pages() {
    let dir = bundled_copy();
    for lang in ["nl", "en"] {
        let out = ontrack(dir.path(), &["report", "--lang", lang, "--out", "r.pdf"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let fill = page_fill(&dir.path().join("r.pdf"));
        // 14 pages with one indicator per page before; the blocks now flow.
        assert!(fill.len() <= 13, "{lang}: {} pages", fill.len());
        // No inner page (not the cover, not the last) is more than about half empty.
        for (i, f) in fill.iter().enumerate().take(fill.len() - 1).skip(1) {
            assert!(
                *f >= 0.45,
                "{lang}: page {} is only {:.0} % full",
                i + 1,
                f * 100.0
            );
        }
    }
}

/// The space above the line that begins with `word` (its first occurrence) down from the
/// lowest text above it on its page, from the word boxes of `pdftotext -bbox`.
fn space_above(bbox: &str, word: &str) -> f64 {
    let attr = |w: &str, name: &str| -> f64 {
        w.split(&format!("{name}=\""))
            .nth(1)
            .and_then(|v| v.split('"').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("{name} in {w}"))
    };
    for page in bbox.split("<page ").skip(1) {
        let words: Vec<(f64, f64, &str)> = page
            .split("<word ")
            .skip(1)
            .map(|w| {
                let text = w
                    .split('>')
                    .nth(1)
                    .and_then(|t| t.split('<').next())
                    .unwrap_or("");
                (attr(w, "yMin"), attr(w, "yMax"), text)
            })
            .collect();
        if let Some(&(top, _, _)) = words.iter().find(|w| w.2 == word) {
            let above = words
                .iter()
                .map(|w| w.1)
                .filter(|&bottom| bottom < top)
                .fold(f64::MIN, f64::max);
            return top - above;
        }
    }
    panic!("no word {word}");
}

/// A table's caption after the list of commands in annex C stands as far from the last
/// command as a caption does from a paragraph (it sat on the last command).
#[test]
fn a_caption_after_the_commands_is_set_off_as_after_a_paragraph() {
    let dir = bundled_copy();
    for (lang, after_paragraph, after_commands) in [
        ("nl", "Aantal", "Invoerbestanden"),
        ("en", "Number", "Input"),
    ] {
        let out = ontrack(dir.path(), &["report", "--lang", lang, "--out", "r.pdf"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let bbox = pdftotext(&dir.path().join("r.pdf"), &["-bbox"]);
        let (paragraph, commands) = (
            space_above(&bbox, after_paragraph),
            space_above(&bbox, after_commands),
        );
        assert!(paragraph > 3.0, "{lang}: {paragraph}");
        assert!(
            commands >= paragraph - 0.5,
            "{lang}: {commands:.2} pt above the caption after the commands, {paragraph:.2} after a paragraph"
        );
    }
}

/// A segment of a `-layout` line: its start column and text (cells are 2+ spaces apart).
fn segments(line: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == ' ' {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && !(chars[i] == ' ' && chars.get(i + 1).is_none_or(|c| *c == ' ')) {
            i += 1;
        }
        out.push((start, chars[start..i].iter().collect()));
    }
    out
}

#[test]
fn no_value_is_split_from_its_unit_or_its_period() {
    let dir = bundled_copy();
    for lang in ["nl", "en"] {
        assert!(
            ontrack(dir.path(), &["report", "--lang", lang, "--out", "r.pdf"])
                .status
                .success()
        );
        let text = layout_text(&dir.path().join("r.pdf"));
        let lines: Vec<&str> = text.lines().collect();
        let months = [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let unit_start = |s: &str| {
            [
                "%",
                "inwoners",
                "residents",
                "procentpunt",
                "percentage",
                "per 1000",
            ]
            .iter()
            .any(|u| s.starts_with(u))
        };
        let year_start = |s: &str| s.len() >= 4 && s[..4].chars().all(|c| c.is_ascii_digit());
        for pair in lines.windows(2) {
            let above = segments(pair[0]);
            for (col, seg) in segments(pair[1]) {
                // The text above, in the same column: the end of the cell the segment continues.
                let Some((_, prev)) = above
                    .iter()
                    .rev()
                    .find(|(c, s)| *c <= col + 2 && c + s.chars().count() + 2 >= col)
                else {
                    continue;
                };
                let ends_in_number = prev.ends_with(|c: char| c.is_ascii_digit());
                let ends_in_month = months.iter().any(|m| prev.ends_with(m));
                assert!(
                    !(ends_in_number && unit_start(&seg)),
                    "{lang}: a value split from its unit:\n{}\n{}",
                    pair[0],
                    pair[1]
                );
                assert!(
                    !(ends_in_month && year_start(&seg)),
                    "{lang}: a month split from its year:\n{}\n{}",
                    pair[0],
                    pair[1]
                );
            }
        }
        // The values the JSON has appear whole, with their unit, on one line.
        let table = json(&ontrack(
            dir.path(),
            &["table", "--format", "json", "--lang", lang],
        ));
        let comma = |v: f64| {
            let t = format!("{v}");
            if lang == "nl" {
                t.replace('.', ",")
            } else {
                t
            }
        };
        for row in table["indicators"].as_array().unwrap() {
            let (unit, latest) = (
                row["unit"].as_str().unwrap(),
                row["latest"]["value"].as_f64().unwrap(),
            );
            if unit == "%" {
                let whole = format!("{} %", comma(latest));
                assert!(lines.iter().any(|l| l.contains(&whole)), "{lang}: {whole}");
            }
        }
    }
}

#[test]
fn changes_in_a_share_are_in_percentage_points_and_dates_are_written_out() {
    let dir = bundled_copy();
    assert!(ontrack(dir.path(), &["report", "--out", "nl.pdf"])
        .status
        .success());
    assert!(
        ontrack(dir.path(), &["report", "--lang", "en", "--out", "en.pdf"])
            .status
            .success()
    );
    let nl = layout_text(&dir.path().join("nl.pdf"));
    let en = layout_text(&dir.path().join("en.pdf"));
    // jongeren-bijstand: 6,1 % → 5,5 %.
    assert!(nl.contains("−0,6 procentpunt"), "{nl}");
    assert!(en.contains("−0.6 percentage points"));
    // A count keeps its unit and gets its relative change, labelled.
    // (The relative part may go under the absolute one in a narrow column.)
    assert!(
        nl.contains("+20 inwoners") && nl.contains("(+2,4 %)"),
        "{nl}"
    );
    // Never an unlabelled change followed by a relative one: "−0,6 (−9,8 %)".
    for text in [&nl, &en] {
        for (i, _) in text.match_indices(" (") {
            let before: String = text[..i]
                .chars()
                .rev()
                .take_while(|c| !c.is_whitespace())
                .collect();
            let before: String = before.chars().rev().collect();
            let signed_number = before.starts_with(['+', '−'])
                && before[before.char_indices().nth(1).map_or(0, |(k, _)| k)..]
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ',' || c == '.');
            assert!(
                !signed_number || before.len() <= 1,
                "unlabelled change `{before} (`"
            );
        }
    }
    // Dates written out: the day made (SOURCE_DATE_EPOCH 1700000000 = 14 November 2023), months.
    assert!(nl.contains("14 november 2023") && en.contains("14 November 2023"));
    assert!(nl.contains("juli 2021") && nl.contains("2020/2021"));
    for text in [&nl, &en] {
        let iso = text.as_bytes().windows(10).any(|w| {
            w.iter().enumerate().all(|(k, b)| match k {
                4 | 7 => *b == b'-',
                _ => b.is_ascii_digit(),
            })
        });
        assert!(!iso, "an ISO date in the document");
    }
    // English everywhere: the units and the plan's texts ([translation.en]).
    for dutch in [
        "inwoners",
        "neemt af",
        "Speerpunt",
        "Gemeente",
        "procentpunt",
    ] {
        assert!(!en.contains(dutch), "`{dutch}` in the English report");
    }
    assert!(en.contains("Municipality of Maassluis"));
}

/// A monitor whose target years lie before the report year: one target met, one not.
fn passed_targets() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("indicators.toml"),
        r#"[monitor]
name = "doelen"
title = "Doelen"
municipality = "Stad"

[[theme]]
id = "t"
name = "Thema"

[[indicator]]
id = "gehaald"
theme = "t"
title = "Deelname neemt toe tot 60 in 2019"
unit = "%"
direction = "increase"
target = { value = 60, year = 2019 }
[[indicator.baseline]]
value = 50
period = "2016"

[[indicator]]
id = "gemist"
theme = "t"
title = "Wachttijd neemt af tot 10 in 2019"
unit = "dagen"
direction = "decrease"
target = { value = 10, year = 2019 }
[[indicator.baseline]]
value = 20
period = "2016"
"#,
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("measurements")).unwrap();
    std::fs::write(
        dir.path().join("measurements/data.csv"),
        "indicator,period,value\r\ngehaald,2018,58\r\ngehaald,2020,61\r\ngemist,2018,14\r\ngemist,2021,12\r\n",
    )
    .unwrap();
    dir
}

#[test]
fn after_the_target_year_the_report_says_achieved_or_not_and_why() {
    let dir = passed_targets();
    let out = ontrack(dir.path(), &["report", "--year", "2021", "--out", "r.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = squash(&layout_text(&dir.path().join("r.pdf")));
    // The summary says what changes once a target year has passed.
    assert!(
        text.contains("Voor 2 indicatoren is het doeljaar voorbij"),
        "{text}"
    );
    assert!(text.contains("Gehaald: 1; niet gehaald: 1"));
    // Each indicator says it, with its numbers.
    assert!(text.contains(
        "Het doeljaar 2019 is voorbij: de laatste meting (12 dagen, 2021) haalt het doel van 10 dagen niet."
    ));
    assert!(text.contains(
        "Het doeljaar 2019 is voorbij: de laatste meting (61 %, 2020) haalt het doel van 60 %."
    ));
    assert!(
        text.matches("Doel niet gehaald").count() >= 2,
        "summary and theme page"
    );
    // The JSON has the same statuses.
    let table = json(&ontrack(
        dir.path(),
        &["table", "--year", "2021", "--format", "json"],
    ));
    let status = |id: &str| {
        table["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()["status"]
            .clone()
    };
    assert_eq!(status("gehaald"), "target_achieved");
    assert_eq!(status("gemist"), "target_not_achieved");
    // Before the target year there is no such sentence.
    let out = ontrack(
        dir.path(),
        &["report", "--year", "2018", "--out", "early.pdf"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let early = squash(&layout_text(&dir.path().join("early.pdf")));
    assert!(
        !early.contains("is het doeljaar voorbij")
            && !early.contains("Het doeljaar 2019 is voorbij")
    );
    // No indicator's status line says it (the method annex still explains the status).
    assert!(!early.contains("Doel niet gehaald · score"));
}

#[test]
fn the_worked_example_uses_the_method_s_own_numbers() {
    let dir = bundled_copy();
    assert!(ontrack(dir.path(), &["report", "--out", "r.pdf"])
        .status
        .success());
    let text = squash(&layout_text(&dir.path().join("r.pdf")));
    // The example is the first own row with a target: its R from the JSON, as a percentage.
    let table = json(&ontrack(dir.path(), &["table", "--format", "json"]));
    let row = table["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["target"].is_object() && r["peer"] == false && r["manual"].is_null())
        .unwrap();
    let r = row["progress_value"].as_f64().unwrap();
    let pct = format!("{:.1} %", r * 100.0).replace('.', ",");
    let title = row["title"].as_str().unwrap();
    assert!(text.contains(&format!("‘{title}’")), "{title}");
    assert!(
        text.contains(&format!("{pct} van het nodige tempo")),
        "{pct}: {text}"
    );
}

/// A monitor with more values than a printed annex can hold: the data annex leaves out the
/// peer areas and says so, with the number of series and values and where every value is; a
/// small monitor's annex lists everything and says nothing of the kind.
#[test]
fn a_large_monitors_data_annex_is_summarised_and_says_where_the_rest_is() {
    let dir = tempfile::tempdir().unwrap();
    let size = ontrack::synthetic::Size {
        areas: 30,
        indicators: 40,
        years: 20,
    };
    ontrack::synthetic::write(dir.path(), size).unwrap();
    let page = dir.path().join("large.html");
    let out = ontrack(
        dir.path(),
        &["report", "--out", page.to_str().unwrap(), "--lang", "en"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let html = std::fs::read_to_string(&page).unwrap();
    let annex = |html: &str| -> String {
        let from = html.find("id=\"data\"").expect("a data annex");
        let to = html[from..]
            .find("id=\"technical\"")
            .expect("annex C after it");
        html[from..from + to].to_string()
    };
    let data = annex(&html);
    let table = json(&ontrack(
        dir.path(),
        &["table", "--format", "json", "--observations"],
    ));
    let rows = table["indicators"].as_array().unwrap();
    let values: usize = rows
        .iter()
        .map(|r| r["observations"].as_array().unwrap().len())
        .sum();
    assert!(values > 20_000, "{values} values");
    let said = format!(
        "This monitor has {} series with {values} values",
        rows.len()
    );
    assert!(data.contains(&said), "{said}");
    assert!(data.contains("the peer areas are left out"));
    assert!(data.contains("--observations"));
    let peers: std::collections::BTreeSet<&str> = rows
        .iter()
        .filter(|r| r["peer"] == true)
        .map(|r| r["area"].as_str().unwrap())
        .collect();
    assert!(!peers.is_empty());
    for peer in peers {
        assert!(
            !data.contains(&format!("{peer}<")),
            "no peer area ({peer}) in the annex"
        );
    }
    // Every own series is there, one row each.
    let own = rows.iter().filter(|r| r["peer"] == false).count();
    assert_eq!(data.matches("<th scope=\"row\">").count(), own);
    // The bundled monitor's annex is whole.
    let dir = bundled_copy();
    let page = dir.path().join("small.html");
    let out = ontrack(
        dir.path(),
        &["report", "--out", page.to_str().unwrap(), "--lang", "en"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let data = annex(&std::fs::read_to_string(&page).unwrap());
    assert!(!data.contains("This monitor has"));
}

/// An indicator assessed with a method of its own (not the one the cover names) says so beside
/// its status, in the PDF and the web page; the others name none, and the cover's stays.
#[test]
fn an_indicator_with_its_own_method_names_it_beside_its_status() {
    let dir = bundled_copy();
    edit(
        &dir.path().join("indicators.toml"),
        "id = \"vve-deelname\"\n",
        "id = \"vve-deelname\"\nmethod = \"linear\"\n",
    );
    let pdf = dir.path().join("r.pdf");
    let out = ontrack(dir.path(), &["report", "-o", pdf.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = layout_text(&pdf);
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let own: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            lines[i].starts_with("Methode")
                && lines[i].ends_with("Lineair pad van nulmeting naar doel")
        })
        .collect();
    assert_eq!(own.len(), 1, "{text}");
    // Under the status of that indicator, whose score is the one its JSON row gives.
    let status = lines[own[0] - 1];
    let rows = json(&ontrack(dir.path(), &["table", "--format", "json"]));
    let row = row_of(&rows, "vve-deelname");
    assert_eq!(row["method"], "linear");
    let score = format!("{:.2}", row["score"].as_f64().unwrap()).replace('.', ",");
    assert!(
        status.starts_with("Status") && status.ends_with(&format!("score {score}")),
        "{status}"
    );
    assert!(
        text.contains("Open SDG / Statistics Canada voortgangsmethode"),
        "the cover keeps the report's method"
    );
    let html = dir.path().join("r.html");
    let out = ontrack(dir.path(), &["report", "-o", html.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = std::fs::read_to_string(&html).unwrap();
    assert_eq!(
        page.matches("Lineair pad van nulmeting naar doel").count(),
        1
    );
}
