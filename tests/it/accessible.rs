//! The report as assistive technology reads it: the PDF's structure tree read back with lopdf
//! (heading levels, table headers, figure alternatives, every page's content marked), the
//! catalog and metadata PDF/UA asks for, the outline, and the tree in reading order as a
//! reviewed snapshot.

use crate::common::*;
use lopdf::{Dictionary, Document, Object};

fn report(dir: &std::path::Path, args: &[&str]) -> Document {
    let mut all = vec!["report", "--out", "r.pdf"];
    all.extend_from_slice(args);
    let out = ontrack(dir, &all);
    assert!(out.status.success(), "{}", stderr(&out));
    Document::load_mem(&std::fs::read(dir.join("r.pdf")).unwrap()).unwrap()
}

fn dict<'a>(doc: &'a Document, o: &'a Object) -> &'a Dictionary {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap().as_dict().unwrap(),
        Object::Dictionary(d) => d,
        other => panic!("not a dictionary: {other:?}"),
    }
}

fn role(d: &Dictionary) -> String {
    String::from_utf8(d.get(b"S").unwrap().as_name().unwrap().to_vec()).unwrap()
}

/// A text string of the PDF (UTF-16BE with its mark, or bytes).
fn string(o: &Object) -> String {
    let bytes = o.as_str().unwrap();
    if bytes.starts_with(&[0xfe, 0xff]) {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&units).unwrap()
    } else {
        String::from_utf8(bytes.to_vec()).unwrap()
    }
}

/// The structure elements below `d` (its /K, one kid or an array), skipping content items.
fn kids<'a>(doc: &'a Document, d: &'a Dictionary) -> Vec<&'a Dictionary> {
    let k = match d.get(b"K") {
        Ok(k) => k,
        Err(_) => return Vec::new(),
    };
    let items: Vec<&Object> = match k {
        Object::Array(a) => a.iter().collect(),
        other => vec![other],
    };
    items
        .into_iter()
        .filter_map(|o| match o {
            Object::Reference(_) => Some(dict(doc, o)),
            _ => None,
        })
        .filter(|d| d.get(b"S").is_ok())
        .collect()
}

/// Every element in reading order (depth first) with its depth.
fn walk<'a>(
    doc: &'a Document,
    d: &'a Dictionary,
    depth: usize,
    out: &mut Vec<(usize, &'a Dictionary)>,
) {
    out.push((depth, d));
    for k in kids(doc, d) {
        walk(doc, k, depth + 1, out);
    }
}

fn tree(doc: &Document) -> Vec<(usize, &Dictionary)> {
    let catalog = doc.catalog().unwrap();
    let root = dict(doc, catalog.get(b"StructTreeRoot").unwrap());
    let mut out = Vec::new();
    for top in kids_of_root(doc, root) {
        walk(doc, top, 0, &mut out);
    }
    out
}

fn kids_of_root<'a>(doc: &'a Document, root: &'a Dictionary) -> Vec<&'a Dictionary> {
    match root.get(b"K").unwrap() {
        Object::Array(a) => a.iter().map(|o| dict(doc, o)).collect(),
        o => vec![dict(doc, o)],
    }
}

#[test]
fn the_structure_tree_has_ordered_headings_table_headers_and_described_figures() {
    let dir = bundled_copy();
    for lang in ["nl", "en"] {
        let doc = report(dir.path(), &["--lang", lang]);
        let elements = tree(&doc);
        assert_eq!(role(elements[0].1), "Document");
        // Heading levels never skip: each is at most one deeper than the deepest before it.
        let mut deepest = 0;
        let mut h2 = 0;
        for (_, d) in &elements {
            let r = role(d);
            if let Some(level) = r.strip_prefix('H').and_then(|n| n.parse::<usize>().ok()) {
                assert!(level <= deepest + 1, "{lang}: H{level} after H{deepest}");
                deepest = deepest.max(level);
                if level == 2 {
                    h2 += 1;
                }
            }
        }
        assert_eq!(h2, 4, "{lang}: one H2 per theme");
        // Every table has header cells with a scope; every figure a text alternative and a box.
        let mut tables = 0;
        let mut figures = 0;
        for (i, (depth, d)) in elements.iter().enumerate() {
            match role(d).as_str() {
                "Table" => {
                    tables += 1;
                    let inside = elements[i + 1..]
                        .iter()
                        .take_while(|(k, _)| k > depth)
                        .filter(|(_, k)| role(k) == "TH")
                        .count();
                    assert!(inside > 0, "{lang}: a table without header cells");
                }
                "TH" => {
                    let a = d.get(b"A").unwrap().as_dict().unwrap();
                    let scope = a.get(b"Scope").unwrap().as_name().unwrap();
                    assert!(scope == b"Column" || scope == b"Row");
                }
                "Figure" => {
                    figures += 1;
                    let alt = string(d.get(b"Alt").unwrap());
                    let chart = if lang == "nl" {
                        "Grafiek van "
                    } else {
                        "Chart of "
                    };
                    assert!(alt.starts_with(chart) && alt.len() > 40, "{alt}");
                    let a = d.get(b"A").unwrap().as_dict().unwrap();
                    assert_eq!(a.get(b"BBox").unwrap().as_array().unwrap().len(), 4);
                }
                _ => {}
            }
        }
        assert!(tables >= 15, "{lang}: {tables} tables");
        assert_eq!(figures, 12, "{lang}: one chart per indicator");
    }
}

/// Operators that put something on the page.
const SHOWING: [&str; 14] = [
    "Tj", "TJ", "'", "\"", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Do",
];

#[test]
fn every_page_is_fully_marked_as_content_or_artifact() {
    let dir = bundled_copy();
    let doc = report(dir.path(), &[]);
    let pages = doc.get_pages();
    let mut mcids_total = 0;
    for (number, id) in &pages {
        let content = doc.get_and_decode_page_content(*id).unwrap();
        let mut depth = 0i32;
        let mut marked = 0;
        for op in &content.operations {
            match op.operator.as_str() {
                "BDC" | "BMC" => depth += 1,
                "EMC" => depth -= 1,
                o if SHOWING.contains(&o) => {
                    assert!(depth > 0, "page {number}: `{o}` outside marked content");
                    marked += 1;
                }
                _ => {}
            }
            if op.operator == "BDC" {
                mcids_total += 1;
            }
        }
        assert_eq!(depth, 0, "page {number}: unbalanced marked content");
        assert!(marked > 0);
        // Each page points into the ParentTree and asks for structure order when tabbing.
        let page = doc.get_object(*id).unwrap().as_dict().unwrap();
        assert!(page.get(b"StructParents").is_ok());
        assert_eq!(page.get(b"Tabs").unwrap().as_name().unwrap(), b"S");
    }
    assert!(mcids_total > 100);
    // The catalog: tagged, its language, the title shown, XMP claiming PDF/UA-1, bookmarks.
    let catalog = doc.catalog().unwrap();
    let mark_info = catalog.get(b"MarkInfo").unwrap().as_dict().unwrap();
    assert_eq!(mark_info.get(b"Marked").unwrap(), &Object::Boolean(true));
    assert_eq!(string(catalog.get(b"Lang").unwrap()), "nl");
    let viewer = catalog
        .get(b"ViewerPreferences")
        .unwrap()
        .as_dict()
        .unwrap();
    assert_eq!(
        viewer.get(b"DisplayDocTitle").unwrap(),
        &Object::Boolean(true)
    );
    let xmp = catalog.get(b"Metadata").unwrap().as_reference().unwrap();
    let xmp = doc.get_object(xmp).unwrap().as_stream().unwrap();
    let xmp = String::from_utf8(xmp.content.clone()).unwrap();
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"));
    assert!(xmp.contains("Voortgangsrapportage 2021"));
    assert!(xmp.contains("<rdf:li>nl</rdf:li>"));
    // SOURCE_DATE_EPOCH 1700000000 is 14 November 2023: the same day in XMP and Info.
    assert!(xmp.contains("2023-11-14T00:00:00Z"));
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_object(info).unwrap().as_dict().unwrap();
    assert!(string(info.get(b"CreationDate").unwrap()).starts_with("D:20231114"));
    assert_eq!(doc.version, "1.7");
    // The outline: one entry per heading (cover, chapters, themes, indicators).
    let outlines = dict(&doc, catalog.get(b"Outlines").unwrap());
    let mut entries = 0;
    let mut stack = vec![outlines.get(b"First").unwrap().clone()];
    while let Some(o) = stack.pop() {
        let d = dict(&doc, &o);
        entries += 1;
        assert!(d.get(b"Dest").is_ok());
        for key in [&b"First"[..], b"Next"] {
            if let Ok(next) = d.get(key) {
                stack.push(next.clone());
            }
        }
    }
    let headings = tree(&doc)
        .iter()
        .filter(|(_, d)| role(d).starts_with('H'))
        .count();
    assert_eq!(entries, headings);
    assert!(entries >= 1 + 6 + 4 + 12);
}

#[test]
fn the_structure_in_reading_order() {
    let dir = bundled_copy();
    let doc = report(dir.path(), &[]);
    // What a screen reader walks: elements, section titles, figure alternatives. Rows of a
    // table are summed up, one line per row shape.
    let mut lines: Vec<String> = Vec::new();
    let elements = tree(&doc);
    let mut i = 0;
    while i < elements.len() {
        let (depth, d) = elements[i];
        let r = role(d);
        let mut line = format!("{}{r}", "  ".repeat(depth));
        if let Ok(t) = d.get(b"T") {
            line.push_str(&format!(" “{}”", string(t)));
        }
        if let Ok(alt) = d.get(b"Alt") {
            line.push_str(&format!(" alt: {}", string(alt)));
        }
        if r == "TR" {
            let cells: Vec<String> = kids(&doc, d)
                .iter()
                .map(|c| {
                    let mut name = role(c);
                    if let Ok(a) = c.get(b"A").and_then(Object::as_dict) {
                        if let Ok(s) = a.get(b"Scope").and_then(Object::as_name) {
                            name.push_str(&format!("[{}]", String::from_utf8_lossy(s)));
                        }
                        if let Ok(n) = a.get(b"ColSpan").and_then(Object::as_i64) {
                            name.push_str(&format!("×{n}"));
                        }
                    }
                    name
                })
                .collect();
            line.push_str(&format!(": {}", cells.join(" ")));
            // Skip the cells themselves.
            let mut j = i + 1;
            while j < elements.len() && elements[j].0 > depth {
                j += 1;
            }
            i = j;
        } else if matches!(r.as_str(), "LI") {
            let parts: Vec<String> = kids(&doc, d).iter().map(|c| role(c)).collect();
            line.push_str(&format!(": {}", parts.join(" ")));
            let mut j = i + 1;
            while j < elements.len() && elements[j].0 > depth {
                j += 1;
            }
            i = j;
        } else {
            i += 1;
        }
        // Collapse runs of identical lines.
        match lines.last_mut() {
            Some(last)
                if last
                    .trim_end_matches(|c: char| {
                        c == ')' || c.is_ascii_digit() || c == '×' || c == ' ' || c == '('
                    })
                    .eq(&line) =>
            {
                let n = last
                    .rsplit_once(" (×")
                    .and_then(|(_, n)| n.trim_end_matches(')').parse::<usize>().ok())
                    .unwrap_or(1);
                *last = format!("{line} (×{})", n + 1);
            }
            _ => lines.push(line),
        }
    }
    insta::assert_snapshot!("report_structure_nl", lines.join("\n"));
}

#[test]
fn every_character_can_be_extracted_and_english_is_tagged_english() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("indicators.toml"),
        "[monitor]\nname = \"tekens\"\ntitle = \"Financiële zelfredzaamheid ≥ 90 %\"\nmunicipality = \"Stad\"\nlanguage = \"en\"\n\n[[theme]]\nid = \"t\"\nname = \"Geld: € en ë\"\n\n[[indicator]]\nid = \"schuld\"\ntheme = \"t\"\ntitle = \"Gemiddelde schuld in € neemt af (−5 %)\"\nunit = \"€\"\ndirection = \"decrease\"\n[[indicator.baseline]]\nvalue = -1250.5\nperiod = \"2019\"\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("measurements")).unwrap();
    std::fs::write(
        dir.path().join("measurements/m.csv"),
        "indicator,period,value\nschuld,2020,-1100\nschuld,2021,-1000\n",
    )
    .unwrap();
    let doc = report(dir.path(), &[]);
    assert_eq!(string(doc.catalog().unwrap().get(b"Lang").unwrap()), "en");
    let text = pdftotext(&dir.path().join("r.pdf"), &[]);
    for wanted in ["≥ 90 %", "Financiële", "€", "(−5 %)", "−1250.5"] {
        assert!(text.contains(wanted), "`{wanted}` not extracted:\n{text}");
    }
}
