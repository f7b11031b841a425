//! A small page-layout layer: a display list per page in top-left coordinates (pt), a cursor
//! that flows down the page and starts a new one when content does not fit, word wrapping with
//! real glyph widths. `into_document` turns it into printpdf pages with the subset fonts, and
//! the content stream of each page.

use super::content;
use super::file::{self, Deflated};
use super::fonts::{self, Face};
use printpdf::{FontId, Mm, Op, PdfDocument, PdfFontHandle, PdfPage, Pt, TextItem};
use std::collections::BTreeSet;

pub(crate) const PAGE_W: f32 = 595.28;
pub(crate) const PAGE_H: f32 = 841.89;
pub(crate) const MARGIN_X: f32 = 50.0;
pub(crate) const TOP: f32 = 62.0;
pub(crate) const BOTTOM: f32 = PAGE_H - 60.0;
pub(crate) const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN_X;

pub(crate) type Rgb8 = (u8, u8, u8);

pub(crate) const BLACK: Rgb8 = (0, 0, 0);
pub(crate) const GREY: Rgb8 = (110, 110, 110);
pub(crate) const LIGHT: Rgb8 = (225, 225, 225);

#[derive(Debug, Clone)]
pub(crate) enum Item {
    Text {
        x: f32,
        y: f32,
        size: f32,
        face: Face,
        color: Rgb8,
        text: String,
    },
    Line {
        points: Vec<(f32, f32)>,
        width: f32,
        color: Rgb8,
        dash: Option<(f32, f32)>,
    },
    Fill {
        points: Vec<(f32, f32)>,
        color: Rgb8,
    },
}

/// What a page shows, each item with the structure element it belongs to (`None`: an artifact:
/// a rule, a background, a running header, a repeated table header).
#[derive(Debug, Default, Clone)]
pub(crate) struct Page {
    pub items: Vec<(Option<usize>, Item)>,
}

/// The standard structure types the report uses (ISO 32000-1, 14.8.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Document,
    Sect,
    H(u8),
    P,
    L,
    LI,
    Lbl,
    LBody,
    Table,
    THead,
    TBody,
    TR,
    /// A header cell: `true` for a column header, `false` for a row header.
    TH(bool),
    TD,
    Figure,
    Caption,
}

impl Role {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::Sect => "Sect",
            Role::H(1) => "H1",
            Role::H(2) => "H2",
            Role::H(3) => "H3",
            Role::H(4) => "H4",
            Role::H(5) => "H5",
            Role::H(_) => "H6",
            Role::P => "P",
            Role::L => "L",
            Role::LI => "LI",
            Role::Lbl => "Lbl",
            Role::LBody => "LBody",
            Role::Table => "Table",
            Role::THead => "THead",
            Role::TBody => "TBody",
            Role::TR => "TR",
            Role::TH(_) => "TH",
            Role::TD => "TD",
            Role::Figure => "Figure",
            Role::Caption => "Caption",
        }
    }
}

/// One element of the structure tree being built as the layout draws.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub role: Role,
    pub kids: Vec<usize>,
    /// What few elements have, boxed: a long report has a hundred thousand elements, and
    /// this keeps each at 40 bytes rather than 128.
    details: Option<Box<Details>>,
}

/// What only some elements have.
#[derive(Debug, Clone, Default)]
pub(crate) struct Details {
    /// A figure's text alternative.
    pub alt: Option<String>,
    /// A section's title (its heading's text).
    pub title: Option<String>,
    /// A header cell spanning columns.
    pub colspan: Option<usize>,
    /// A figure's box: page and (left, top, right, bottom) in top-left coordinates.
    pub bbox: Option<(usize, [f32; 4])>,
}

impl Node {
    fn new(role: Role) -> Self {
        Node {
            role,
            kids: Vec::new(),
            details: None,
        }
    }

    /// The element's details (none given: all empty).
    pub(crate) fn details(&self) -> &Details {
        const NONE: &Details = &Details {
            alt: None,
            title: None,
            colspan: None,
            bbox: None,
        };
        self.details.as_deref().unwrap_or(NONE)
    }

    /// The element's details, to give them.
    pub(crate) fn details_mut(&mut self) -> &mut Details {
        self.details.get_or_insert_with(Box::default)
    }
}

/// The pages being laid out and the cursor on the current one, with the structure tree that
/// the drawing builds: content drawn while an element is open belongs to it.
pub(crate) struct Canvas<'s> {
    /// The pages kept: all of them, or with a sink only the one being laid out.
    pub pages: Vec<Page>,
    /// Where each page goes as soon as it is finished, instead of being kept.
    sink: Option<&'s mut dyn PageSink>,
    /// The pages handed to the sink.
    pages_done: usize,
    /// Distance of the cursor from the top of the current page.
    pub y: f32,
    /// Where content must end on a page: [`BOTTOM`], or infinity when measuring.
    pub bottom: f32,
    /// The structure tree; element 0 is the Document.
    pub nodes: Vec<Node>,
    /// The open elements, innermost last.
    open: Vec<usize>,
    /// Above 0, everything drawn is an artifact.
    artifact: u32,
    /// True while a figure is drawn: its lines and fills are content, not decoration.
    graphics_are_content: bool,
}

/// Where a canvas hands each page as soon as it is finished. A report is laid out twice, each
/// time into a sink and never held whole: once to count its pages and characters (the
/// running footer says "page n of N", and the fonts are subset to the characters used), then
/// to write each page.
pub(crate) trait PageSink {
    /// Page `index` is finished; `nodes` is the structure tree so far.
    fn page_done(&mut self, index: usize, page: Page, nodes: &[Node]);
}

impl Canvas<'static> {
    pub fn new() -> Self {
        Canvas {
            pages: vec![Page::default()],
            sink: None,
            pages_done: 0,
            y: TOP,
            bottom: BOTTOM,
            nodes: vec![Node::new(Role::Document)],
            open: vec![0],
            artifact: 0,
            graphics_are_content: false,
        }
    }

    /// A canvas with one endless page: what is drawn on it measures its height.
    pub fn measuring() -> Self {
        Canvas {
            bottom: f32::INFINITY,
            ..Canvas::new()
        }
    }

    /// A canvas on which everything drawn is an artifact (running headers and footers).
    pub fn decoration(page: Page) -> Self {
        Canvas {
            pages: vec![page],
            artifact: 1,
            ..Canvas::new()
        }
    }
}

impl<'s> Canvas<'s> {
    /// A canvas that hands each page to `sink` as soon as it is finished.
    pub fn into(sink: &'s mut dyn PageSink) -> Self {
        Canvas {
            sink: Some(sink),
            ..Canvas::new()
        }
    }

    /// Hands the last page to the sink, if any; returns the structure tree.
    pub fn finish(mut self) -> Vec<Node> {
        if let Some(sink) = &mut self.sink {
            let page = std::mem::take(&mut self.pages[0]);
            sink.page_done(self.pages_done, page, &self.nodes);
        }
        self.nodes
    }

    /// The number of the page being laid out, from 0.
    pub fn page_index(&self) -> usize {
        self.pages_done + self.pages.len() - 1
    }

    /// Opens a structure element inside the innermost open one; returns its index.
    pub fn open(&mut self, role: Role) -> usize {
        let id = self.nodes.len();
        self.nodes.push(Node::new(role));
        let parent = *self.open.last().expect("the Document is always open");
        self.nodes[parent].kids.push(id);
        self.open.push(id);
        id
    }

    /// Closes the innermost open element.
    pub fn close(&mut self) {
        debug_assert!(self.open.len() > 1, "the Document stays open");
        if self.open.len() > 1 {
            self.open.pop();
        }
    }

    /// Opens `role`, runs `draw`, closes it.
    pub fn element<T>(&mut self, role: Role, draw: impl FnOnce(&mut Canvas) -> T) -> T {
        self.open(role);
        let result = draw(self);
        self.close();
        result
    }

    /// Runs `draw` with everything it draws marked as an artifact.
    pub fn as_artifact(&mut self, draw: impl FnOnce(&mut Canvas)) {
        self.artifact += 1;
        draw(self);
        self.artifact -= 1;
    }

    /// Runs `draw` with its lines and fills counted as content of the open element (a chart).
    pub fn as_graphic(&mut self, draw: impl FnOnce(&mut Canvas)) {
        let before = self.graphics_are_content;
        self.graphics_are_content = true;
        draw(self);
        self.graphics_are_content = before;
    }

    /// The element content drawn now belongs to: the innermost open one, or none.
    fn owner(&self, graphic: bool) -> Option<usize> {
        if self.artifact > 0 || (graphic && !self.graphics_are_content) {
            None
        } else {
            self.open.last().copied()
        }
    }

    /// Adds an item to the current page.
    pub(crate) fn push(&mut self, item: Item) {
        let owner = self.owner(!matches!(item, Item::Text { .. }));
        self.page().items.push((owner, item));
    }

    /// The room left on the current page.
    pub fn room(&self) -> f32 {
        self.bottom - self.y
    }

    pub fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("there is always a page")
    }

    pub(crate) fn new_page(&mut self) {
        match &mut self.sink {
            Some(sink) => {
                let page = std::mem::take(&mut self.pages[0]);
                sink.page_done(self.pages_done, page, &self.nodes);
                self.pages_done += 1;
            }
            None => self.pages.push(Page::default()),
        }
        self.y = TOP;
    }

    /// Starts a new page unless `height` more fits on this one.
    pub(crate) fn ensure(&mut self, height: f32) {
        if self.y + height > self.bottom && self.y > TOP {
            self.new_page();
        }
    }

    pub fn text(&mut self, x: f32, y: f32, size: f32, face: Face, color: Rgb8, text: &str) {
        if !text.is_empty() {
            self.push(Item::Text {
                x,
                y,
                size,
                face,
                color,
                text: text.to_string(),
            });
        }
    }

    pub fn line(
        &mut self,
        points: Vec<(f32, f32)>,
        width: f32,
        color: Rgb8,
        dash: Option<(f32, f32)>,
    ) {
        self.push(Item::Line {
            points,
            width,
            color,
            dash,
        });
    }

    pub(crate) fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb8) {
        self.push(Item::Fill {
            points: vec![(x, y), (x + w, y), (x + w, y + h), (x, y + h)],
            color,
        });
    }

    /// A paragraph wrapped to `width`, flowing onto new pages as needed.
    pub(crate) fn paragraph(
        &mut self,
        x: f32,
        width: f32,
        size: f32,
        face: Face,
        color: Rgb8,
        text: &str,
    ) {
        let leading = size * 1.35;
        for line in wrap(text, face, size, width) {
            self.ensure(leading);
            self.text(x, self.y + size, size, face, color, &line);
            self.y += leading;
        }
    }
}

/// The characters each face shows, for subsetting: a set per face (regular, bold).
pub(crate) type CharSets = [BTreeSet<char>; 2];

fn face_index(face: Face) -> usize {
    match face {
        Face::Regular => 0,
        Face::Bold => 1,
    }
}

/// The first layout's sink: counts the pages and notes the characters each face shows, and
/// keeps nothing else.
pub(crate) struct Census<'d> {
    /// Adds the running header and footer to a page (without a page count, still unknown).
    decorate: &'d dyn Fn(Page, usize) -> Page,
    pub pages: usize,
    pub chars: CharSets,
}

impl<'d> Census<'d> {
    pub(crate) fn new(decorate: &'d dyn Fn(Page, usize) -> Page) -> Self {
        Census {
            decorate,
            pages: 0,
            chars: Default::default(),
        }
    }

    /// Notes the characters of `text` in `face`.
    pub(crate) fn note(&mut self, face: Face, text: &str) {
        self.chars[face_index(face)].extend(text.chars());
    }
}

impl PageSink for Census<'_> {
    fn page_done(&mut self, index: usize, page: Page, _nodes: &[Node]) {
        for (_, item) in &(self.decorate)(page, index).items {
            if let Item::Text { face, text, .. } = item {
                self.note(*face, text);
            }
        }
        self.pages += 1;
    }
}

/// The glyph table of each face (regular, bold), for the content streams.
pub(crate) type GlyphTables = [content::Glyphs; 2];

/// The printpdf document: subset fonts under fixed ids (no per-process random ids) and `pages`
/// printpdf pages, whose content streams are later replaced by ontrack's own ([`write_pages`],
/// [`set_contents`]). Returns, with it, the glyph table of each face.
pub(crate) fn document(
    title: &str,
    chars: &CharSets,
    pages: usize,
) -> Result<(PdfDocument, GlyphTables), String> {
    let mut doc = PdfDocument::new(title);
    let mut glyphs = [content::Glyphs::of_none(), content::Glyphs::of_none()];
    // printpdf writes a font's widths and its text mapping (ToUnicode) for the glyphs its
    // pages show: the first page shows every character of each face once, in a stream
    // that is then replaced by the real one.
    let mut shows_every_glyph = Vec::new();
    for face in [Face::Regular, Face::Bold] {
        let chars = &chars[face_index(face)];
        if chars.is_empty() {
            continue;
        }
        let font = fonts::subset(face, chars)?;
        glyphs[face_index(face)] = content::Glyphs::of(&font, chars.iter().copied());
        let id = FontId(content::font_name(face).into());
        doc.resources.fonts.map.insert(
            id.clone(),
            printpdf::font::PdfFont::with_meta(
                font,
                printpdf::font::PrintpdfFontMeta {
                    // Subset already (fonts::subset): embedded as it is, under its own
                    // glyph ids, the ones the content streams write.
                    requires_subsetting: false,
                    ..Default::default()
                },
            ),
        );
        shows_every_glyph.extend([
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(id),
                size: Pt(1.0),
            },
            Op::ShowText {
                items: vec![TextItem::Text(chars.iter().collect())],
            },
            Op::EndTextSection,
        ]);
    }
    doc.pages = (0..pages)
        .map(|index| {
            let ops = if index == 0 {
                std::mem::take(&mut shows_every_glyph)
            } else {
                Vec::new()
            };
            PdfPage::new(Mm(210.0), Mm(297.0), ops)
        })
        .collect();
    Ok((doc, glyphs))
}

/// The second layout's sink: decorates each finished page, writes its content stream (see
/// [`Marks::write_page`]) and hands it on to be deflated.
struct PageWriter<'d, 'g> {
    decorate: &'d dyn Fn(Page, usize) -> Page,
    glyphs: &'g GlyphTables,
    marks: Marks,
    stream_done: &'d mut dyn FnMut(Vec<u8>),
}

impl PageSink for PageWriter<'_, '_> {
    fn page_done(&mut self, index: usize, page: Page, nodes: &[Node]) {
        let page = (self.decorate)(page, index);
        let stream = self.marks.write_page(nodes, index, page, self.glyphs);
        (self.stream_done)(stream);
    }
}

/// Lays the report out a second time with `lay_out`, writing each page's content stream as
/// soon as the page is finished: each run of items of one structure element a marked-content
/// sequence with its own MCID, artifacts marked `/Artifact`. Each stream is deflated at once,
/// on a helper thread while the next page is laid out (inline where no thread can be had): a
/// long report's pages are never all held, only their deflated streams (about a sixth of the
/// size). Returns the streams in page order and what the tagging pass needs to write the
/// structure tree.
pub(crate) fn write_pages(
    glyphs: &GlyphTables,
    decorate: &dyn Fn(Page, usize) -> Page,
    lay_out: impl FnOnce(&mut dyn PageSink) -> Vec<Node>,
) -> Result<(Vec<Deflated>, Marked), String> {
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel::<Vec<u8>>(8);
        let deflater = std::thread::Builder::new()
            .spawn_scoped(scope, move || {
                receive.into_iter().map(file::deflate).collect()
            })
            .ok();
        let mut inline = Vec::new();
        let mut stream_done = |stream: Vec<u8>| match &deflater {
            // An error only when the helper is gone: join reports it.
            Some(_) => drop(send.send(stream)),
            None => inline.push(file::deflate(stream)),
        };
        let mut writer = PageWriter {
            decorate,
            glyphs,
            marks: Marks::default(),
            stream_done: &mut stream_done,
        };
        let nodes = lay_out(&mut writer);
        let mut marks = writer.marks;
        marks.node_mcids.resize(nodes.len(), Vec::new());
        marks.first_at.resize(nodes.len(), None);
        let marked = Marked {
            nodes,
            page_mcids: marks.page_mcids,
            node_mcids: marks.node_mcids,
            first_at: marks.first_at,
        };
        drop(send);
        let contents = match deflater {
            Some(deflater) => deflater
                .join()
                .map_err(|_| "the pages' content streams could not be deflated".to_string())?,
            None => inline,
        };
        Ok((contents, marked))
    })
}

/// Puts `contents`, one per page in page order, in place of the content streams printpdf
/// wrote for the pages of `pdf`.
pub(crate) fn set_contents(
    pdf: &mut lopdf::Document,
    contents: Vec<Deflated>,
) -> Result<(), String> {
    let pages: Vec<lopdf::ObjectId> = pdf.get_pages().into_values().collect();
    if pages.len() != contents.len() {
        return Err(format!(
            "{} pages written, {} laid out",
            pages.len(),
            contents.len()
        ));
    }
    for (page, content) in pages.into_iter().zip(contents) {
        let stream = pdf
            .get_object(page)
            .and_then(lopdf::Object::as_dict)
            .and_then(|d| d.get(b"Contents"))
            .and_then(lopdf::Object::as_reference)
            .map_err(|e| format!("a page without its content stream: {e}"))?;
        let stream = pdf
            .get_object_mut(stream)
            .and_then(lopdf::Object::as_stream_mut)
            .map_err(|e| format!("a page's content stream: {e}"))?;
        stream.dict = lopdf::Dictionary::new();
        stream.set_content(content.bytes);
        if content.deflated {
            stream
                .dict
                .set("Filter", lopdf::Object::Name(b"FlateDecode".to_vec()));
        }
    }
    Ok(())
}

/// The structure tree and where its content was marked.
pub(crate) struct Marked {
    pub nodes: Vec<Node>,
    /// Per page, per MCID, the element it belongs to.
    pub page_mcids: Vec<Vec<usize>>,
    /// Per element, its marked-content sequences: (page, MCID), in order.
    pub node_mcids: Vec<Vec<(usize, usize)>>,
    /// Per element, where its first text is: page, left and top (top-left coordinates).
    pub first_at: Vec<Option<(usize, f32, f32)>>,
}

/// Where the content of each element was marked, gathered as the pages are written.
#[derive(Default)]
struct Marks {
    page_mcids: Vec<Vec<usize>>,
    node_mcids: Vec<Vec<(usize, usize)>>,
    first_at: Vec<Option<(usize, f32, f32)>>,
}

impl Marks {
    /// The content stream of page `page_index`, each run of its items marked as content of its
    /// element (with the next MCID of the page, noted here) or as an artifact.
    fn write_page(
        &mut self,
        nodes: &[Node],
        page_index: usize,
        page: Page,
        glyphs: &GlyphTables,
    ) -> Vec<u8> {
        self.node_mcids.resize(nodes.len(), Vec::new());
        self.first_at.resize(nodes.len(), None);
        let mut stream = content::Writer::new(PAGE_H);
        let mut mcids: Vec<usize> = Vec::new();
        // The element of the sequence that is open: None before the first.
        let mut current: Option<Option<usize>> = None;
        for (owner, item) in page.items {
            if current != Some(owner) {
                if current.is_some() {
                    stream.end_marked();
                }
                match owner {
                    Some(node) => {
                        let mcid = mcids.len();
                        mcids.push(node);
                        self.node_mcids[node].push((page_index, mcid));
                        stream.begin_marked(nodes[node].role.name(), mcid);
                    }
                    None => stream.begin_artifact(),
                }
                current = Some(owner);
            }
            if let (Some(node), Item::Text { x, y, size, .. }) = (owner, &item) {
                if self.first_at[node].is_none() {
                    self.first_at[node] = Some((page_index, *x, y - size));
                }
            }
            match &item {
                Item::Text {
                    x,
                    y,
                    size,
                    face,
                    color,
                    text,
                } => {
                    let glyphs = &glyphs[face_index(*face)];
                    stream.text((*x, *y), *size, *face, *color, glyphs, text)
                }
                Item::Line {
                    points,
                    width,
                    color,
                    dash,
                } => stream.line(points, *width, *color, *dash),
                Item::Fill { points, color } => stream.fill(points, *color),
            }
        }
        if current.is_some() {
            stream.end_marked();
        }
        self.page_mcids.push(mcids);
        stream.finish()
    }
}

/// Splits `text` into lines no wider than `width` at `size`; words longer than a line are cut.
/// Widths add up glyph by glyph, so each word is measured once and added to the line's width.
pub fn wrap(text: &str, face: Face, size: f32, width: f32) -> Vec<String> {
    let space = face.width(" ", size);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_w = 0.0;
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let word_w = face.width(word, size);
            if line.is_empty() && word_w <= width {
                line.push_str(word);
                line_w = word_w;
                continue;
            }
            if !line.is_empty() && line_w + space + word_w <= width {
                line.push(' ');
                line.push_str(word);
                line_w += space + word_w;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word wider than the line is cut into pieces that fit.
            let mut piece = String::new();
            let mut piece_w = 0.0;
            for c in word.chars() {
                let mut buf = [0u8; 4];
                let c_w = face.width(c.encode_utf8(&mut buf), size);
                if piece_w + c_w > width && !piece.is_empty() {
                    lines.push(std::mem::take(&mut piece));
                    piece_w = 0.0;
                }
                piece.push(c);
                piece_w += c_w;
            }
            line = piece;
            line_w = piece_w;
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_fit_and_keep_every_word() {
        let text = "Het aandeel inwoners met migratie-achtergrond in het bezit van een startkwalificatie neemt toe";
        let lines = wrap(text, Face::Regular, 10.0, 150.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| Face::Regular.width(l, 10.0) <= 150.0));
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn overlong_words_are_cut() {
        let lines = wrap(&"x".repeat(200), Face::Regular, 10.0, 50.0);
        assert!(lines.len() > 3);
        assert_eq!(lines.concat().len(), 200);
    }
}
