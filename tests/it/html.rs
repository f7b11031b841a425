//! `ontrack report --format html`: one self-contained page from the same document as the PDF,
//! checked on the page's text: its numbers against the JSON of `table`, its headings, tables
//! and charts, its escaping, and that it asks for nothing from elsewhere.

use crate::common::*;

fn html(dir: &std::path::Path, args: &[&str]) -> String {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    let out = ontrack(dir, &all);
    assert!(out.status.success(), "{}", stderr(&out));
    let path = args
        .windows(2)
        .find(|w| w[0] == "--out")
        .map(|w| dir.join(w[1]))
        .unwrap_or_else(|| dir.join("reports/maassluis-integratie-2021.html"));
    std::fs::read_to_string(path).unwrap()
}

/// The text of the page with tags removed and entities for no-break space and quotes undone.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace('\u{a0}', " ")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

#[test]
fn the_page_is_chosen_by_format_or_extension_and_written_beside_the_pdf() {
    let dir = bundled_copy();
    let by_format = html(dir.path(), &["--format", "html"]);
    assert!(by_format.starts_with("<!DOCTYPE html>\n<html lang=\"nl\">"));
    let by_extension = html(dir.path(), &["--out", "page.htm"]);
    assert_eq!(by_format, by_extension, "the same page, byte for byte");
    // A report with another extension is refused, naming it.
    let out = ontrack(dir.path(), &["report", "--out", "report.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("report.txt"));
    // `table` does not write the page.
    let out = ontrack(dir.path(), &["table", "--out", "t.html"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!dir.path().join("t.html").exists());
}

#[test]
fn every_number_of_the_page_is_the_json_of_table() {
    let dir = bundled_copy();
    for lang in ["nl", "en"] {
        let page = html(dir.path(), &["--lang", lang, "--out", "p.html"]);
        let text = text(&page);
        let table = json(&ontrack(
            dir.path(),
            &["table", "--format", "json", "--lang", lang],
        ));
        let num = |v: f64| {
            let t = format!("{}", (v * 100.0).round() / 100.0).replace('-', "−");
            if lang == "nl" {
                t.replace('.', ",")
            } else {
                t
            }
        };
        for row in table["indicators"].as_array().unwrap() {
            let unit = row["unit"].as_str().unwrap();
            if let Some(latest) = row["latest"]["value"].as_f64() {
                let v = num(latest);
                let written = if unit == "%" { format!("{v} %") } else { v };
                assert!(text.contains(&written), "{lang}: latest {written}");
            }
            if let Some(score) = row["score"].as_f64() {
                assert!(text.contains(&num(score)), "{lang}: score {}", num(score));
            }
        }
        let plan = table["aggregates"]["plan"]["score"].as_f64().unwrap();
        assert!(
            text.contains(&format!("score {}", num(plan))),
            "{lang}: plan"
        );
        // Each status count sits in the counts table, in the row of its status.
        for count in table["summary"].as_array().unwrap() {
            let n = count["indicators"].as_u64().unwrap();
            let status = count["status"].as_str().unwrap();
            let row = format!("<span class=\"st {status}\">");
            let counts = page.find("<h2 id=\"summary\"").unwrap();
            let at = counts
                + page[counts..]
                    .find(&row)
                    .unwrap_or_else(|| panic!("{lang}: no row for {status}"));
            let cell = format!("<td class=\"num\">{n}</td>");
            assert!(
                page[at..].find(&cell).is_some_and(|k| k < 200),
                "{lang}: count {n} for {status}"
            );
        }
    }
}

#[test]
fn the_page_is_structured_for_assistive_technology_and_asks_for_nothing_elsewhere() {
    let dir = bundled_copy();
    let page = html(dir.path(), &["--format", "html"]);
    assert_eq!(page.matches("<h1").count(), 1);
    // Heading levels in order: never more than one deeper than the one before.
    let mut last = 0;
    for (i, _) in page.match_indices("<h") {
        let Some(level) = page[i + 2..].chars().next().and_then(|c| c.to_digit(10)) else {
            continue;
        };
        assert!(level <= last + 1, "h{level} after h{last}");
        last = level;
    }
    assert_eq!(page.matches("<h3 ").count(), 4, "one h3 per theme");
    for landmark in ["<header>", "<nav ", "<main ", "<footer>"] {
        assert!(page.contains(landmark), "{landmark}");
    }
    // Every table has a caption; every header cell a scope.
    assert_eq!(
        page.matches("<table>").count(),
        page.matches("<caption>").count()
    );
    assert_eq!(
        page.matches("<th ").count(),
        page.matches("<th scope=").count()
    );
    // Every chart is an image with a title and a description, and its data beside it.
    let charts = page.matches("<svg role=\"img\"").count();
    assert_eq!(charts, 12);
    assert_eq!(page.matches("<desc id=").count(), charts);
    assert_eq!(page.matches("<details>").count(), charts);
    // Nothing from elsewhere: no address at all, no script.
    assert!(!page.contains("http://") && !page.contains("https://"));
    assert!(!page.contains("<script") && !page.contains("<link"));
    // Byte-identical across runs.
    assert_eq!(page, html(dir.path(), &["--format", "html"]));
}

#[test]
fn text_from_the_inputs_is_escaped() {
    let dir = bundled_copy();
    let toml = std::fs::read_to_string(dir.path().join("indicators.toml")).unwrap();
    let toml = toml
        .replace(
            "title = \"Het aandeel laaggeletterden in Maassluis neemt af\"",
            "title = \"Laaggeletterden <script>alert('x')</script> & \\\"meer\\\"\"",
        )
        .replace(
            "source = \"Cijfers Taalhuis\"",
            "source = \"<img src=x onerror=alert(1)>\"",
        );
    std::fs::write(dir.path().join("indicators.toml"), toml).unwrap();
    let page = html(dir.path(), &["--format", "html"]);
    assert!(!page.contains("<script"), "a script tag came through");
    assert!(!page.contains("<img"), "an image tag came through");
    assert!(page.contains(
        "Laaggeletterden &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;meer&quot;"
    ));
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
}
