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
        "50 / 6,1 % (juli 2018)",
        "6/252 = 2,4 % (2017)",
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
    assert_eq!(get(b"Author"), "Maassluis");
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
    let text = squash(&text_of(&std::fs::read(dir.path().join("en.pdf")).unwrap()));
    assert!(text.contains("Annual progress report 2019"));
    assert!(text.contains("On track") && text.contains("July 2018"));
    assert!(!text.contains("Verslechtering"));
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
