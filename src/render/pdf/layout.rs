//! Lays the report's [`Document`] out on A4 pages: the cover on its own page, then the chapters
//! flowing. The rules that decide a page break:
//! - a chapter or theme starts on a new page only when less than [`FRESH_PAGE`] of a page is
//!   left; otherwise it follows on the same page;
//! - a heading stays with what follows it (its blocks, or the start of its first sub-section);
//! - a section marked `keep_together` (an indicator: facts, table, chart) moves to the next page
//!   as a whole when it does not fit and less than half a page is left; with more left it flows,
//!   its chart kept whole;
//! - table rows never split; the header row repeats on every page; a group row stays with the
//!   row after it.
//!
//! Table columns get the width their content needs: columns of values are as wide as their
//! widest value (values hold together with no-break spaces), text columns share the rest and
//! wrap. Heights are found by drawing on a measuring canvas, so measuring and drawing can never
//! disagree.

use super::canvas::{
    self, Canvas, Node, PageSink, Rgb8, Role, BLACK, CONTENT_W, GREY, LIGHT, MARGIN_X, TOP,
};
use super::chart;
use super::fonts::Face;
use crate::report::{
    Align, Block, Cover, Document, Fact, Figure, Paragraph, Section, Table, TableRow, TextStyle,
};

/// A chapter or theme starts on a new page when less than this share of a page is left.
const FRESH_PAGE: f32 = 0.3;
/// A section kept together moves to the next page only when less than this share of a page is
/// left; with more, it flows (its chart still whole), so no page is left half empty.
const KEEP_ROOM: f32 = 0.4;
const BODY: f32 = 9.0;
const TABLE: f32 = 7.5;
const TERM_W: f32 = 100.0;
const PAD: f32 = 3.0;
const WARNING: Rgb8 = (150, 70, 0);

/// The height of the area content may use on a page.
fn page_room() -> f32 {
    canvas::BOTTOM - TOP
}

/// Lays out the whole document, handing each page to `sink` as soon as it is finished;
/// returns the structure tree.
pub(crate) fn lay_out(doc: &Document, sink: &mut dyn PageSink) -> Vec<Node> {
    let mut c = Canvas::into(sink);
    cover(&mut c, &doc.cover);
    for (i, chapter) in doc.chapters.iter().enumerate() {
        if i == 0 {
            c.new_page();
        }
        section(&mut c, chapter);
    }
    c.finish()
}

/// The cover: a section of its own whose heading is the report's title (H1).
fn cover(c: &mut Canvas, cover: &Cover) {
    c.open(Role::Sect);
    c.y = 180.0;
    c.element(Role::P, |c| {
        c.text(MARGIN_X, c.y, 13.0, Face::Regular, GREY, &cover.kicker)
    });
    c.y += 30.0;
    let h = c.open(Role::H(1));
    c.nodes[h].details_mut().title = Some(cover.title.clone());
    c.paragraph(MARGIN_X, CONTENT_W, 26.0, Face::Bold, BLACK, &cover.title);
    c.close();
    c.y += 6.0;
    c.element(Role::P, |c| {
        c.paragraph(
            MARGIN_X,
            CONTENT_W,
            15.0,
            Face::Regular,
            BLACK,
            &cover.subtitle,
        )
    });
    if let Some(doc) = &cover.document {
        c.element(Role::P, |c| {
            c.paragraph(MARGIN_X, CONTENT_W, 10.0, Face::Regular, GREY, doc)
        });
    }
    c.y += 30.0;
    facts(c, &cover.facts, 11.0, 150.0);
    if let Some(note) = &cover.warning {
        c.y += 24.0;
        let lines = canvas::wrap(note, Face::Bold, 10.0, CONTENT_W - 20.0);
        let h = lines.len() as f32 * 13.5 + 14.0;
        c.rect(MARGIN_X, c.y, CONTENT_W, h, (253, 236, 206));
        c.y += 7.0;
        c.element(Role::P, |c| {
            c.paragraph(
                MARGIN_X + 10.0,
                CONTENT_W - 20.0,
                10.0,
                Face::Bold,
                WARNING,
                note,
            )
        });
    }
    c.close();
}

fn heading_size(level: u8) -> f32 {
    match level {
        1 => 17.0,
        2 => 14.0,
        _ => 11.0,
    }
}

/// How tall `draw` makes something, drawn on an endless page.
fn measure(draw: impl FnOnce(&mut Canvas)) -> f32 {
    let mut m = Canvas::measuring();
    draw(&mut m);
    m.y - TOP
}

fn section(c: &mut Canvas, s: &Section) {
    if s.level <= 2 && c.y > TOP && c.room() < FRESH_PAGE * page_room() {
        c.new_page();
    }
    if s.keep_together {
        let whole = measure(|m| draw_section(m, s));
        if whole > c.room() {
            if whole <= page_room() && c.room() < KEEP_ROOM * page_room() {
                c.new_page();
            } else {
                // More than half a page is left: flow rather than leave it empty.
                c.ensure(flow_lead(s));
            }
        }
    } else {
        c.ensure(lead_height(s, c.room()));
    }
    draw_section(c, s);
}

/// What a section's heading stays with when the section flows: its first block and a few
/// lines of the next.
fn flow_lead(s: &Section) -> f32 {
    let lead = measure(|m| {
        heading(m, s);
        if let Some(b) = s.blocks.first() {
            block(m, b);
        }
    }) + 40.0;
    lead.min(page_room())
}

/// The height of what a section's heading must stay with, given the `room` left on the page:
/// when the section opens with text only (a theme: its goal and status), that text and its
/// first sub-section as that will be placed (whole, or flowing when more than half a page
/// would be left after the text); otherwise [`flow_lead`]. Never more than a page.
fn lead_height(s: &Section, room: f32) -> f32 {
    let text_only = s
        .blocks
        .iter()
        .all(|b| matches!(b, Block::Paragraph(_) | Block::Facts(_)));
    if !text_only {
        return flow_lead(s);
    }
    let head = measure(|m| {
        heading(m, s);
        blocks(m, &s.blocks);
    });
    let first = s.sections.first().map_or(0.0, |f| {
        if f.keep_together {
            let whole = measure(|m| draw_section(m, f));
            if head + whole <= room || room - head < KEEP_ROOM * page_room() {
                whole
            } else {
                flow_lead(f)
            }
        } else {
            lead_height(f, room - head)
        }
    });
    (head + first).min(page_room())
}

fn draw_section(c: &mut Canvas, s: &Section) {
    let sect = c.open(Role::Sect);
    c.nodes[sect].details_mut().title = Some(s.heading.clone());
    heading(c, s);
    blocks(c, &s.blocks);
    for sub in &s.sections {
        section(c, sub);
    }
    c.close();
}

/// A section's blocks in order. Lines of code (commands) are set close as one run; what follows
/// a run is set off from it as from any paragraph, so that a table's caption does not sit on
/// the last command.
fn blocks(c: &mut Canvas, blocks: &[Block]) {
    let mut after_code = false;
    for b in blocks {
        let code = matches!(b, Block::Paragraph(p) if p.style == TextStyle::Code);
        if after_code && !code {
            c.y += BODY_AFTER - CODE_AFTER;
        }
        block(c, b);
        after_code = code;
    }
}

fn heading(c: &mut Canvas, s: &Section) {
    let size = heading_size(s.level);
    c.y += if s.level == 3 { 8.0 } else { size * 0.6 };
    if s.level == 3 {
        c.line(
            vec![(MARGIN_X, c.y), (MARGIN_X + CONTENT_W, c.y)],
            0.6,
            GREY,
            None,
        );
        c.y += 5.0;
    }
    let h = c.open(Role::H(s.level));
    c.nodes[h].details_mut().title = Some(s.heading.clone());
    for line in canvas::wrap(&s.heading, Face::Bold, size, CONTENT_W) {
        c.text(MARGIN_X, c.y + size, size, Face::Bold, BLACK, &line);
        c.y += size * 1.25;
    }
    c.close();
    c.y += size * 0.35;
}

fn block(c: &mut Canvas, b: &Block) {
    match b {
        Block::Paragraph(p) => paragraph(c, p),
        Block::Facts(f) => {
            facts(c, f, 8.5, TERM_W);
            c.y += 4.0;
        }
        Block::List(items) => {
            c.open(Role::L);
            for item in items {
                let lines = canvas::wrap(item, Face::Regular, BODY, CONTENT_W - 14.0);
                c.ensure(BODY * 1.35 * lines.len().min(3) as f32);
                c.open(Role::LI);
                c.element(Role::Lbl, |c| {
                    c.text(MARGIN_X + 2.0, c.y + BODY, BODY, Face::Regular, BLACK, "•")
                });
                c.open(Role::LBody);
                for line in lines {
                    c.ensure(BODY * 1.35);
                    c.text(
                        MARGIN_X + 14.0,
                        c.y + BODY,
                        BODY,
                        Face::Regular,
                        BLACK,
                        &line,
                    );
                    c.y += BODY * 1.35;
                }
                c.close();
                c.close();
                c.y += 1.5;
            }
            c.close();
            c.y += 4.0;
        }
        Block::Table(t) => {
            table(c, t);
            c.y += 8.0;
        }
        Block::Figure(f) => figure(c, f),
    }
}

fn paragraph(c: &mut Canvas, p: &Paragraph) {
    let (size, face, color, indent) = match p.style {
        TextStyle::Body => (BODY, Face::Regular, BLACK, 0.0),
        TextStyle::Strong => (BODY, Face::Bold, BLACK, 0.0),
        TextStyle::Small => (7.5, Face::Regular, GREY, 0.0),
        TextStyle::Code => (8.5, Face::Regular, BLACK, 12.0),
    };
    let (color, text) = match p.status {
        Some(s) => (s.rgb(), format!("{} {}", s.symbol(), p.text)),
        None => (color, p.text.clone()),
    };
    c.element(Role::P, |c| {
        c.paragraph(
            MARGIN_X + indent,
            CONTENT_W - indent,
            size,
            face,
            color,
            &text,
        )
    });
    c.y += if p.style == TextStyle::Code {
        CODE_AFTER
    } else {
        BODY_AFTER
    };
}

/// The space after a paragraph, and after a line of code (lines of code follow one another).
const BODY_AFTER: f32 = 5.0;
const CODE_AFTER: f32 = 2.0;

/// Terms and values as a list: each item's label is the term, its body the value.
fn facts(c: &mut Canvas, facts: &[Fact], size: f32, term_w: f32) {
    let leading = size * 1.35;
    c.open(Role::L);
    for f in facts {
        let (color, value) = match f.status {
            Some(s) => (s.rgb(), format!("{} {}", s.symbol(), f.value)),
            None => (BLACK, f.value.clone()),
        };
        let lines = canvas::wrap(&value, Face::Regular, size, CONTENT_W - term_w);
        c.ensure(leading * lines.len() as f32);
        c.open(Role::LI);
        c.element(Role::Lbl, |c| {
            c.text(MARGIN_X, c.y + size, size, Face::Bold, BLACK, &f.term)
        });
        c.open(Role::LBody);
        for line in lines {
            c.text(
                MARGIN_X + term_w,
                c.y + size,
                size,
                Face::Regular,
                color,
                &line,
            );
            c.y += leading;
        }
        c.close();
        c.close();
    }
    c.close();
}

/// A chart as a Figure element: its text alternative and its box; every line and label of it
/// is the figure's content.
fn figure(c: &mut Canvas, f: &Figure) {
    c.ensure(chart::HEIGHT);
    c.y += 2.0;
    let node = c.open(Role::Figure);
    c.nodes[node].details_mut().alt = Some(f.alt.clone());
    let page = c.page_index();
    c.nodes[node].details_mut().bbox = Some((
        page,
        [MARGIN_X, c.y, MARGIN_X + CONTENT_W, c.y + chart::HEIGHT],
    ));
    c.as_graphic(|c| chart::draw(c, &f.chart, MARGIN_X, CONTENT_W));
    c.close();
    c.y += 4.0;
}

/// Column widths: every column at least as wide as its longest unbreakable piece (a value, a
/// word); value columns then up to their widest cell; text columns share what is left.
fn column_widths(t: &Table, size: f32) -> Vec<f32> {
    let n = t.columns.len();
    let mut least = vec![0.0f32; n];
    let mut natural = vec![0.0f32; n];
    let pieces = |text: &str, face: Face| -> (f32, f32) {
        let longest = text
            .split([' ', '\n'])
            .map(|w| face.width(w, size))
            .fold(0.0, f32::max);
        let whole = text
            .split('\n')
            .map(|l| face.width(l, size))
            .fold(0.0, f32::max);
        (longest, whole)
    };
    for (i, col) in t.columns.iter().enumerate() {
        let (l, w) = pieces(&col.header, Face::Bold);
        least[i] = l;
        natural[i] = w;
    }
    for row in &t.rows {
        if let TableRow::Data { cells, indent } = row {
            for (i, cell) in cells.iter().enumerate().take(n) {
                let (l, w) = pieces(&cell.text, Face::Regular);
                let extra = if i == 0 {
                    f32::from(*indent) * 10.0
                } else {
                    0.0
                };
                least[i] = least[i].max(l + extra);
                natural[i] = natural[i].max(w + extra);
            }
        }
    }
    let pad = 2.0 * PAD + 1.0;
    let mut widths: Vec<f32> = least.iter().map(|w| w + pad).collect();
    let needed: f32 = widths.iter().sum();
    if needed > CONTENT_W {
        // Unbreakable pieces wider than the page together (many columns of long values): every
        // column shrinks alike and the widest pieces are cut, rather than run off the page.
        return widths.iter().map(|w| w * CONTENT_W / needed).collect();
    }
    let mut left = CONTENT_W - needed;
    // Text columns keep room to be read (a title of three words a line): up to a quarter of
    // the table each, as far as they need it.
    let reserve: f32 = t
        .columns
        .iter()
        .enumerate()
        .filter(|(_, col)| col.align == Align::Start)
        .map(|(i, _)| (natural[i] + pad).min(CONTENT_W * 0.25) - widths[i])
        .map(|r| r.max(0.0))
        .sum();
    // Value columns next, up to their natural width: a value with its period on one line.
    let mut spare = (left - reserve).max(0.0);
    for (i, col) in t.columns.iter().enumerate() {
        if col.align == Align::End && spare > 0.0 {
            let want = (natural[i] + pad - widths[i]).max(0.0).min(spare);
            widths[i] += want;
            spare -= want;
            left -= want;
        }
    }
    // Text columns share the rest in proportion to what they would use on one line.
    let wants: Vec<f32> = t
        .columns
        .iter()
        .enumerate()
        .map(|(i, col)| {
            if col.align == Align::Start {
                (natural[i] + pad - widths[i]).max(0.0)
            } else {
                0.0
            }
        })
        .collect();
    let total: f32 = wants.iter().sum();
    if left > 0.0 && total > 0.0 {
        let share = (left / total).min(1.0);
        for (w, want) in widths.iter_mut().zip(&wants) {
            *w += want * share;
        }
        left -= total * share;
    }
    // What is still left goes to the first column, so the table spans the page.
    if left > 0.0 && t.columns.len() > 2 {
        widths[0] += left;
    }
    widths
}

fn table(c: &mut Canvas, t: &Table) {
    let size = TABLE;
    let leading = size * 1.3;
    let widths = column_widths(t, size);
    let total: f32 = widths.iter().sum();
    let header: Vec<Vec<String>> = t
        .columns
        .iter()
        .zip(&widths)
        .map(|(col, w)| canvas::wrap(&col.header, Face::Bold, size, w - 2.0 * PAD))
        .collect();
    let header_h = lines_height(&header, leading);
    let caption = canvas::wrap(&t.caption, Face::Bold, 8.0, CONTENT_W);
    let caption_h = caption.len() as f32 * 10.5 + 2.0;
    // The header row: column header cells the first time, an artifact where it repeats.
    let draw_header = |c: &mut Canvas, first: bool| {
        c.rect(MARGIN_X, c.y, total, header_h, LIGHT);
        let cells = |c: &mut Canvas, tagged: bool| {
            let mut x = MARGIN_X;
            for ((lines, w), col) in header.iter().zip(&widths).zip(&t.columns) {
                if tagged {
                    c.open(Role::TH(true));
                }
                cell_lines(c, lines, x, *w, col.align, Face::Bold, size, leading, BLACK);
                if tagged {
                    c.close();
                }
                x += w;
            }
        };
        if first {
            c.element(Role::THead, |c| c.element(Role::TR, |c| cells(c, true)));
        } else {
            c.as_artifact(|c| cells(c, false));
        }
        c.y += header_h;
    };
    let rows: Vec<(Vec<Vec<String>>, f32)> = t
        .rows
        .iter()
        .map(|row| match row {
            TableRow::Group { text, .. } => {
                let lines = vec![canvas::wrap(text, Face::Bold, size, total - 2.0 * PAD)];
                let h = lines_height(&lines, leading);
                (lines, h)
            }
            TableRow::Data { cells, indent } => {
                let lines: Vec<Vec<String>> = cells
                    .iter()
                    .zip(&widths)
                    .enumerate()
                    .map(|(i, (cell, w))| {
                        let inset = if i == 0 {
                            f32::from(*indent) * 10.0
                        } else {
                            0.0
                        };
                        canvas::wrap(&cell.text, Face::Regular, size, w - 2.0 * PAD - inset)
                    })
                    .collect();
                let h = lines_height(&lines, leading);
                (lines, h)
            }
        })
        .collect();
    // The caption, the header and the first row (two when the first is a group) stay together.
    let first = rows.iter().take(2).map(|r| r.1).sum::<f32>();
    c.ensure(caption_h + header_h + first);
    c.open(Role::Table);
    c.element(Role::Caption, |c| {
        for line in &caption {
            c.text(MARGIN_X, c.y + 8.0, 8.0, Face::Bold, BLACK, line);
            c.y += 10.5;
        }
    });
    c.y += 2.0;
    draw_header(c, true);
    c.open(Role::TBody);
    for (k, (row, (lines, h))) in t.rows.iter().zip(&rows).enumerate() {
        let next = match row {
            TableRow::Group { .. } => rows.get(k + 1).map_or(0.0, |r| r.1),
            TableRow::Data { .. } => 0.0,
        };
        if c.y + h + next > c.bottom {
            c.new_page();
            draw_header(c, false);
        }
        c.open(Role::TR);
        match row {
            TableRow::Group { status, .. } => {
                c.rect(MARGIN_X, c.y, total, *h, (242, 242, 242));
                let color = status.map_or(BLACK, |s| s.rgb());
                let text: Vec<String> = match status {
                    Some(s) if !lines[0].is_empty() => {
                        let mut l = lines[0].clone();
                        l[0] = format!("{} {}", s.symbol(), l[0]);
                        l
                    }
                    _ => lines[0].clone(),
                };
                // A heading for the rows under it, across every column.
                let th = c.open(Role::TH(false));
                c.nodes[th].details_mut().colspan = Some(t.columns.len());
                cell_lines(
                    c,
                    &text,
                    MARGIN_X,
                    total,
                    Align::Start,
                    Face::Bold,
                    size,
                    leading,
                    color,
                );
                c.close();
            }
            TableRow::Data { cells, indent } => {
                let mut x = MARGIN_X;
                for (i, ((cell, w), col)) in lines.iter().zip(&widths).zip(&t.columns).enumerate() {
                    let color = cells[i].status.map_or(BLACK, |s| s.rgb());
                    let inset = if i == 0 {
                        f32::from(*indent) * 10.0
                    } else {
                        0.0
                    };
                    // The first cell names the row.
                    c.open(if i == 0 { Role::TH(false) } else { Role::TD });
                    cell_lines(
                        c,
                        cell,
                        x + inset,
                        w - inset,
                        col.align,
                        Face::Regular,
                        size,
                        leading,
                        color,
                    );
                    c.close();
                    x += w;
                }
            }
        }
        c.close();
        c.y += h;
        c.line(
            vec![(MARGIN_X, c.y), (MARGIN_X + total, c.y)],
            0.3,
            LIGHT,
            None,
        );
    }
    c.close();
    c.close();
}

fn lines_height(cells: &[Vec<String>], leading: f32) -> f32 {
    cells.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32 * leading + 2.0 * PAD
}

/// Draws the lines of one cell at the cursor, aligned in a column `w` wide at `x`.
#[allow(clippy::too_many_arguments)]
fn cell_lines(
    c: &mut Canvas,
    lines: &[String],
    x: f32,
    w: f32,
    align: Align,
    face: Face,
    size: f32,
    leading: f32,
    color: Rgb8,
) {
    for (i, line) in lines.iter().enumerate() {
        let lx = match align {
            Align::Start => x + PAD,
            Align::End => x + w - PAD - face.width(line, size),
        };
        c.text(
            lx,
            c.y + PAD + size + i as f32 * leading,
            size,
            face,
            color,
            line,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Cell, Column};

    fn table(values: &[&str]) -> Table {
        Table {
            caption: "t".into(),
            columns: std::iter::once(Column {
                header: "Indicator".into(),
                align: Align::Start,
            })
            .chain(values.iter().map(|_| Column {
                header: "Waarde".into(),
                align: Align::End,
            }))
            .collect(),
            rows: vec![TableRow::Data {
                cells: std::iter::once(Cell::text(
                    "Een lange titel van een indicator die over meer regels loopt",
                ))
                .chain(values.iter().map(|v| Cell::text(*v)))
                .collect(),
                indent: 0,
            }],
        }
    }

    #[test]
    fn value_columns_get_their_width_and_the_title_keeps_room() {
        let t = table(&["6,1\u{a0}% (juli\u{a0}2018)", "−0,6\u{a0}procentpunt"]);
        let w = column_widths(&t, TABLE);
        assert!((w.iter().sum::<f32>() - CONTENT_W).abs() < 0.5, "{w:?}");
        // Each value fits on one line in its column.
        for (i, v) in ["6,1\u{a0}% (juli\u{a0}2018)", "−0,6\u{a0}procentpunt"]
            .iter()
            .enumerate()
        {
            assert!(
                Face::Regular.width(v, TABLE) + 2.0 * PAD <= w[i + 1],
                "{v}: {w:?}"
            );
        }
        assert!(w[0] >= CONTENT_W * 0.25);
    }

    #[test]
    fn too_many_long_values_shrink_to_the_page_instead_of_running_off_it() {
        let long = "123456789,12\u{a0}per\u{a0}1000\u{a0}inwoners";
        let t = table(&[long; 8]);
        let w = column_widths(&t, TABLE);
        assert!(w.iter().sum::<f32>() <= CONTENT_W + 0.5, "{w:?}");
    }
}
