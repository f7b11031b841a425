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
pub(crate) struct Canvas {
    pub pages: Vec<Page>,
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

impl Canvas {
    pub fn new() -> Self {
        Canvas {
            pages: vec![Page::default()],
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
        self.pages.push(Page::default());
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

    /// Every character drawn in `face`, for subsetting.
    fn chars(&self, face: Face) -> BTreeSet<char> {
        let mut set = BTreeSet::new();
        for page in &self.pages {
            for (_, item) in &page.items {
                if let Item::Text { face: f, text, .. } = item {
                    if *f == face {
                        set.extend(text.chars());
                    }
                }
            }
        }
        set
    }

    /// The printpdf document: subset fonts under fixed ids (no per-process random ids), one
    /// printpdf page per page, and each page's content stream (see [`content`]), which takes
    /// the place of the printpdf page's once the document is made ([`set_contents`]). Each run
    /// of items of one structure element becomes a marked-content sequence with its own MCID;
    /// artifacts are marked `/Artifact`. Returns, with the document, what the tagging pass
    /// needs to write the structure tree.
    pub(crate) fn into_document(
        self,
        title: &str,
    ) -> Result<(PdfDocument, Vec<Deflated>, Marked), String> {
        let mut doc = PdfDocument::new(title);
        let mut glyphs = Vec::new();
        // printpdf writes a font's widths and its text mapping (ToUnicode) for the glyphs its
        // pages show: the first page shows every character of each face once, in a stream
        // that is then replaced by the real one.
        let mut shows_every_glyph = Vec::new();
        for face in [Face::Regular, Face::Bold] {
            let chars = self.chars(face);
            if chars.is_empty() {
                glyphs.push((face, content::Glyphs::of_none()));
                continue;
            }
            let font = fonts::subset(face, &chars)?;
            glyphs.push((face, content::Glyphs::of(&font, chars.iter().copied())));
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
                    items: vec![TextItem::Text(chars.into_iter().collect())],
                },
                Op::EndTextSection,
            ]);
        }
        let glyphs_of = |face: Face| {
            &glyphs
                .iter()
                .find(|(f, _)| *f == face)
                .expect("both faces have glyphs")
                .1
        };
        let mut pages = Vec::new();
        let mut marked = Marked {
            nodes: self.nodes,
            page_mcids: Vec::new(),
            node_mcids: Vec::new(),
            first_at: Vec::new(),
        };
        marked.node_mcids = vec![Vec::new(); marked.nodes.len()];
        marked.first_at = vec![None; marked.nodes.len()];
        // Each page's stream is deflated as soon as it is written, on a helper thread while
        // the next page is written (inline where no thread can be had): a long report's
        // pages are never all held as written, only deflated (about a sixth of the size).
        let contents = std::thread::scope(|scope| {
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
            for (page_index, page) in self.pages.into_iter().enumerate() {
                stream_done(marked.write_page(page_index, page, &glyphs_of));
                let ops = if page_index == 0 {
                    std::mem::take(&mut shows_every_glyph)
                } else {
                    Vec::new()
                };
                pages.push(PdfPage::new(Mm(210.0), Mm(297.0), ops));
            }
            drop(send);
            match deflater {
                Some(deflater) => deflater
                    .join()
                    .map_err(|_| "the pages' content streams could not be deflated".to_string()),
                None => Ok(inline),
            }
        })?;
        doc.pages = pages;
        Ok((doc, contents, marked))
    }
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

impl Marked {
    /// The content stream of page `page_index`, each run of its items marked as content of its
    /// element (with the next MCID of the page, noted here) or as an artifact.
    fn write_page<'g>(
        &mut self,
        page_index: usize,
        page: Page,
        glyphs_of: &impl Fn(Face) -> &'g content::Glyphs,
    ) -> Vec<u8> {
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
                        stream.begin_marked(self.nodes[node].role.name(), mcid);
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
                } => stream.text((*x, *y), *size, *face, *color, glyphs_of(*face), text),
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
