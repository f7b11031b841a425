//! The report as one self-contained web page: the same [`Document`] the PDF lays out, written as
//! HTML with its CSS inline and its charts as inline SVG drawn from the same chart layout
//! ([`crate::report::chart::Chart::plot`]). Nothing is fetched from elsewhere and no script is
//! needed to read it.
//!
//! Accessible by construction: `<html lang>`, one `<h1>` (the report's title) with the
//! chapters, themes and indicators as `<h2>`–`<h4>`; landmarks (`header`, `nav` with the table
//! of contents, `main`, `footer`); tables with a `<caption>`, `<th scope>` and a group row per
//! theme or indicator (`scope="rowgroup"` in its own `<tbody>`); every chart an
//! `<svg role="img">` with `<title>` and `<desc>`, and beside it the values in a `<details>`
//! table; a status is its symbol (hidden from screen readers) and its word. Colours meet 4.5:1
//! in light and dark mode; wide tables scroll inside a focusable region, so the page itself
//! never scrolls sideways at 320 px. Every text from the inputs is escaped.

use super::Renderer;
use crate::model::Status;
use crate::report::chart::{Anchor, Mark, Measure};
use crate::report::{
    Align, Block, Cover, Document, Fact, Figure, Paragraph, Section, Table, TableRow, TextStyle,
};
use std::fmt::Write as _;
use std::io::Write;

/// The HTML writer of a report [`Document`].
pub(crate) struct Html;

impl Renderer<Document> for Html {
    fn render(&self, doc: &Document, out: &mut dyn Write) -> std::io::Result<()> {
        out.write_all(page(doc).as_bytes())
    }
}

/// Escapes text for HTML content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The class of a status: its JSON code.
fn status_class(s: Status) -> &'static str {
    s.code()
}

/// A status as symbol (decoration, hidden from screen readers) and word.
fn status_span(s: Status, text: &str) -> String {
    format!(
        r#"<span class="st {}"><span aria-hidden="true">{}</span> {}</span>"#,
        status_class(s),
        s.symbol(),
        esc(text)
    )
}

/// Words of the page itself, in the report's language.
struct Words {
    contents: &'static str,
    skip: &'static str,
    data: &'static str,
}

fn words(doc: &Document) -> Words {
    match doc.lang {
        crate::i18n::Lang::Nl => Words {
            contents: "Inhoud",
            skip: "Naar de inhoud",
            data: "De cijfers bij de grafiek",
        },
        crate::i18n::Lang::En => Words {
            contents: "Contents",
            skip: "Skip to the content",
            data: "The figures behind the chart",
        },
    }
}

/// The whole page.
pub(crate) fn page(doc: &Document) -> String {
    let w = words(doc);
    let mut h = String::with_capacity(256 * 1024);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<meta name=\"description\" content=\"{subject}\">\n\
         <meta name=\"author\" content=\"{author}\">\n<meta name=\"generator\" content=\"{creator}\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n<style>{css}</style>\n</head>\n<body>\n\
         <a class=\"skip\" href=\"#main\">{skip}</a>\n",
        lang = doc.lang.code(),
        title = esc(&doc.title),
        subject = esc(&doc.subject),
        author = esc(&doc.author),
        creator = esc(&doc.creator),
        css = CSS,
        skip = w.skip,
    );
    cover(&mut h, &doc.cover);
    // The table of contents: chapters, and the themes under theirs.
    let _ = write!(
        h,
        "<nav aria-labelledby=\"toc\"><h2 id=\"toc\">{}</h2><ol>",
        w.contents
    );
    for chapter in &doc.chapters {
        let _ = write!(
            h,
            "<li><a href=\"#{}\">{}</a>",
            esc(&chapter.id),
            esc(&chapter.heading)
        );
        let themes: Vec<&Section> = chapter.sections.iter().filter(|s| s.level == 2).collect();
        if !themes.is_empty() {
            h.push_str("<ol>");
            for t in themes {
                let _ = write!(
                    h,
                    "<li><a href=\"#{}\">{}</a></li>",
                    esc(&t.id),
                    esc(&t.heading)
                );
            }
            h.push_str("</ol>");
        }
        h.push_str("</li>");
    }
    h.push_str("</ol></nav>\n<main id=\"main\">\n");
    let mut figure = 0;
    for chapter in &doc.chapters {
        section(&mut h, chapter, &w, &mut figure);
    }
    let _ = write!(
        h,
        "</main>\n<footer><p>{}</p></footer>\n</body>\n</html>\n",
        esc(&doc.footer)
    );
    h
}

fn cover(h: &mut String, c: &Cover) {
    let _ = write!(
        h,
        "<header>\n<p class=\"kicker\">{}</p>\n<h1>{}</h1>\n<p class=\"subtitle\">{}</p>\n",
        esc(&c.kicker),
        esc(&c.title),
        esc(&c.subtitle)
    );
    if let Some(d) = &c.document {
        let _ = writeln!(h, "<p class=\"document\">{}</p>", esc(d));
    }
    facts(h, &c.facts);
    if let Some(warning) = &c.warning {
        let _ = writeln!(h, "<p class=\"warning\">{}</p>", esc(warning));
    }
    h.push_str("</header>\n");
}

fn facts(h: &mut String, facts: &[Fact]) {
    h.push_str("<dl class=\"facts\">");
    for f in facts {
        let value = match f.status {
            Some(s) => status_span(s, &f.value),
            None => esc(&f.value),
        };
        let _ = write!(h, "<dt>{}</dt><dd>{value}</dd>", esc(&f.term));
    }
    h.push_str("</dl>\n");
}

fn section(h: &mut String, s: &Section, w: &Words, figure: &mut usize) {
    // The report's title is the page's one h1; a chapter is h2, a theme h3, an indicator h4.
    let level = (s.level + 1).min(6);
    let id = esc(&s.id);
    let _ = write!(
        h,
        "<section aria-labelledby=\"{id}\" class=\"level{}\">\n<h{level} id=\"{id}\">{}</h{level}>\n",
        s.level,
        esc(&s.heading)
    );
    for b in &s.blocks {
        block(h, b, w, figure);
    }
    for sub in &s.sections {
        section(h, sub, w, figure);
    }
    h.push_str("</section>\n");
}

fn block(h: &mut String, b: &Block, w: &Words, figure: &mut usize) {
    match b {
        Block::Paragraph(p) => paragraph(h, p),
        Block::Facts(f) => facts(h, f),
        Block::List(items) => {
            h.push_str("<ul>");
            for item in items {
                let _ = write!(h, "<li>{}</li>", esc(item));
            }
            h.push_str("</ul>\n");
        }
        Block::Table(t) => table(h, t),
        Block::Figure(f) => {
            *figure += 1;
            chart(h, f, w, *figure);
        }
    }
}

fn paragraph(h: &mut String, p: &Paragraph) {
    let class = match p.style {
        TextStyle::Body => "",
        TextStyle::Strong => " class=\"strong\"",
        TextStyle::Small => " class=\"small\"",
        TextStyle::Code => " class=\"code\"",
    };
    let text = match p.status {
        Some(s) => status_span(s, &p.text),
        None if p.style == TextStyle::Code => format!("<code>{}</code>", esc(&p.text)),
        None => esc(&p.text),
    };
    let _ = writeln!(h, "<p{class}>{text}</p>");
}

fn table(h: &mut String, t: &Table) {
    let n = t.columns.len();
    let _ = write!(
        h,
        "<div class=\"table\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">\n<table>\n<caption>{}</caption>\n<thead><tr>",
        esc(&t.caption),
        esc(&t.caption)
    );
    for c in &t.columns {
        let class = if c.align == Align::End {
            " class=\"num\""
        } else {
            ""
        };
        let _ = write!(h, "<th scope=\"col\"{class}>{}</th>", esc(&c.header));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    let mut first = true;
    for row in &t.rows {
        match row {
            TableRow::Group { text, status } => {
                // A group starts a body of its own, headed by its row.
                if !first {
                    h.push_str("</tbody>\n<tbody>\n");
                }
                let text = match status {
                    Some(s) => status_span(*s, text),
                    None => esc(text),
                };
                let _ = writeln!(
                    h,
                    "<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"{n}\">{text}</th></tr>"
                );
            }
            TableRow::Data { cells, indent } => {
                h.push_str("<tr>");
                for (i, (cell, col)) in cells.iter().zip(&t.columns).enumerate() {
                    let mut class = Vec::new();
                    if col.align == Align::End {
                        class.push("num");
                    }
                    if i == 0 && *indent > 0 {
                        class.push("indent");
                    }
                    let class = if class.is_empty() {
                        String::new()
                    } else {
                        format!(" class=\"{}\"", class.join(" "))
                    };
                    let text = match cell.status {
                        Some(s) => status_span(s, cell_word(&cell.text, s)),
                        None => esc(&cell.text),
                    };
                    if i == 0 {
                        let _ = write!(h, "<th scope=\"row\"{class}>{text}</th>");
                    } else {
                        let _ = write!(h, "<td{class}>{text}</td>");
                    }
                }
                h.push_str("</tr>\n");
            }
        }
        first = false;
    }
    h.push_str("</tbody>\n</table>\n</div>\n");
}

/// A status cell's text without its leading symbol (the span adds it, hidden from readers).
fn cell_word(text: &str, s: Status) -> &str {
    text.strip_prefix(s.symbol())
        .map_or(text, |t| t.trim_start_matches([' ', '\u{a0}']))
}

/// Text widths for the chart layout: a sans-serif's average, as the browser's font is unknown.
struct Approximate;

impl Measure for Approximate {
    fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().count() as f32 * size * 0.56
    }
}

fn rgb((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

fn points(p: &[(f32, f32)]) -> String {
    p.iter()
        .map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn chart(h: &mut String, f: &Figure, w: &Words, n: usize) {
    // Narrower than the PDF's plot: scaled up to the page's width, its labels read at ~12 px.
    let plot = f.chart.plot(420.0, 160.0, &Approximate);
    let _ = write!(
        h,
        "<figure>\n<svg role=\"img\" aria-labelledby=\"chart{n}-title chart{n}-desc\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\">\
         <title id=\"chart{n}-title\">{}</title><desc id=\"chart{n}-desc\">{}</desc>\
         <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>",
        plot.width,
        plot.height,
        plot.width,
        plot.height,
        esc(&f.data.caption),
        esc(&f.alt)
    );
    for m in &plot.marks {
        match m {
            Mark::Line {
                points: p,
                width,
                color,
                dash,
            } => {
                let dash = dash.map_or(String::new(), |(on, off)| {
                    format!(" stroke-dasharray=\"{on} {off}\"")
                });
                let _ = write!(
                    h,
                    "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{width}\"{dash}/>",
                    points(p),
                    rgb(*color)
                );
            }
            Mark::Fill { points: p, color } => {
                let _ = write!(
                    h,
                    "<polygon points=\"{}\" fill=\"{}\"/>",
                    points(p),
                    rgb(*color)
                );
            }
            Mark::Text {
                x,
                y,
                size,
                color,
                anchor,
                text,
            } => {
                let anchor = match anchor {
                    Anchor::Start => "start",
                    Anchor::Middle => "middle",
                    Anchor::End => "end",
                };
                let _ = write!(
                    h,
                    "<text x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"{size}\" fill=\"{}\" text-anchor=\"{anchor}\">{}</text>",
                    rgb(*color),
                    esc(text)
                );
            }
        }
    }
    h.push_str("</svg>\n");
    let _ = writeln!(h, "<details><summary>{}</summary>", w.data);
    table(h, &f.data);
    h.push_str("</details>\n</figure>\n");
}

/// The page's style: readable measure, status colours of at least 4.5:1 in light and dark
/// mode, tables that scroll inside themselves, charts that scale, and a print style.
const CSS: &str = r#"
:root{color-scheme:light dark;--bg:#fff;--fg:#1a1a1a;--muted:#595959;--line:#d0d0d0;--head:#e6e6e6;--group:#f2f2f2;--warn-bg:#fdecce;--warn:#7a3a00;--link:#0b57a4;
--target_achieved:#005fa0;--target_not_achieved:#a33778;--substantial_progress:#007856;--moderate_progress:#806000;--limited_progress:#b05000;--deterioration:#b42814;--not_assessable:#646464;--no_direction:#646464}
@media (prefers-color-scheme:dark){:root{--bg:#161616;--fg:#ebebeb;--muted:#b4b4b4;--line:#505050;--head:#2e2e2e;--group:#282828;--warn-bg:#3a2a10;--warn:#f5c27a;--link:#8cbeff;
--target_achieved:#6eaff0;--target_not_achieved:#eb8cc8;--substantial_progress:#46c896;--moderate_progress:#d7b946;--limited_progress:#f09646;--deterioration:#ff7d69;--not_assessable:#aaaaaa;--no_direction:#aaaaaa}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:62rem;padding:0 1rem 2rem;background:var(--bg);color:var(--fg);font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;overflow-wrap:break-word}
a{color:var(--link)}
.skip{position:absolute;left:-999px;top:0;background:var(--bg);padding:.5rem}
.skip:focus{left:1rem}
header{padding:2rem 0 1rem;border-bottom:1px solid var(--line)}
.kicker,.document,.small,footer{color:var(--muted)}
h1{font-size:clamp(1.4rem,6vw,2rem);line-height:1.2;margin:.3rem 0}
h2{font-size:clamp(1.25rem,5vw,1.6rem);margin-top:2.5rem;border-bottom:2px solid var(--line)}
h3{font-size:1.3rem;margin-top:2rem}
h4{font-size:1.1rem;margin-top:1.8rem;padding-top:.6rem;border-top:1px solid var(--line)}
.subtitle{font-size:1.2rem;margin:.2rem 0}
dl.facts{display:grid;grid-template-columns:minmax(7rem,max-content) minmax(0,1fr);gap:.1rem 1rem;margin:1rem 0}
@media (max-width:30rem){dl.facts{grid-template-columns:minmax(0,1fr)}dl.facts dd{margin-bottom:.4rem}}
dl.facts dt{font-weight:700}
dl.facts dd{margin:0;overflow-wrap:anywhere}
.warning{background:var(--warn-bg);color:var(--warn);font-weight:700;padding:.6rem .8rem;border-radius:.3rem}
.strong{font-weight:700}
.small{font-size:.875rem}
.code code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.9rem}
nav ol{padding-left:1.4rem}
.table{overflow-x:auto;margin:1rem 0}
.table:focus{outline:2px solid var(--link)}
table{border-collapse:collapse;font-size:.875rem;min-width:100%}
caption{text-align:left;font-weight:700;padding:.3rem 0}
th,td{padding:.3rem .5rem;border-bottom:1px solid var(--line);vertical-align:top;text-align:left}
thead th{background:var(--head)}
tbody th{font-weight:400}
.num{text-align:right}
td.num{white-space:nowrap}
tr.group th{background:var(--group);font-weight:700}
.indent{padding-left:1.5rem}
.st{font-weight:600}
.target_achieved{color:var(--target_achieved)}.target_not_achieved{color:var(--target_not_achieved)}.substantial_progress{color:var(--substantial_progress)}.moderate_progress{color:var(--moderate_progress)}.limited_progress{color:var(--limited_progress)}.deterioration{color:var(--deterioration)}.not_assessable{color:var(--not_assessable)}.no_direction{color:var(--no_direction)}
figure{margin:1rem 0}
svg{display:block;width:100%;max-width:44rem;height:auto;border-radius:.3rem}
details{margin:.5rem 0}
summary{cursor:pointer;color:var(--link)}
footer{border-top:1px solid var(--line);margin-top:3rem;font-size:.875rem}
@media print{nav,.skip{display:none}body{max-width:none;font-size:10pt}a{color:inherit;text-decoration:none}section.level3,figure,tr{break-inside:avoid}h2,h3,h4{break-after:avoid}.table{overflow:visible}details>summary{display:none}}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_in_content_and_attributes() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }

    #[test]
    fn a_status_cell_loses_its_symbol_to_the_hidden_one() {
        let s = Status::SubstantialProgress;
        assert_eq!(cell_word("▲\u{a0}Op koers", s), "Op koers");
        let html = status_span(s, "Op koers");
        assert!(html.contains("aria-hidden=\"true\">▲</span> Op koers"));
    }
}
