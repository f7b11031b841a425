//! A small page-layout layer: a display list per page in top-left coordinates (pt), a cursor
//! that flows down the page and starts a new one when content does not fit, word wrapping with
//! real glyph widths. A canvas keeps its pages, or hands each to a [`PageSink`] as soon as it
//! is finished: a report is laid out once to count pages and characters ([`Census`]), and once
//! to write each page, its part of the ParentTree and the structure elements closed by then
//! into the file ([`write_pages`]); [`document`] makes the printpdf page tree and subset fonts.

use super::content;
use super::file::{self, Deflated, FileWriter};
use super::fonts::{self, Face};
use lopdf::ObjectId;
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
    /// The element this one is a kid of (the Document: itself).
    pub parent: usize,
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
    fn new(role: Role, parent: usize) -> Self {
        Node {
            role,
            parent,
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
    /// With a sink: the elements closed since the last page was handed to it.
    closed: Vec<usize>,
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
    /// Page `index` is finished; `nodes` is the structure tree so far, and `closed` the
    /// elements closed since the last page (for the sink to take).
    fn page_done(&mut self, index: usize, page: Page, nodes: &mut [Node], closed: &mut Vec<usize>);
}

impl Canvas<'static> {
    pub fn new() -> Self {
        Canvas {
            pages: vec![Page::default()],
            sink: None,
            pages_done: 0,
            closed: Vec::new(),
            y: TOP,
            bottom: BOTTOM,
            nodes: vec![Node::new(Role::Document, 0)],
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
            sink.page_done(self.pages_done, page, &mut self.nodes, &mut self.closed);
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
        let parent = *self.open.last().expect("the Document is always open");
        self.nodes.push(Node::new(role, parent));
        self.nodes[parent].kids.push(id);
        self.open.push(id);
        id
    }

    /// Closes the innermost open element.
    pub fn close(&mut self) {
        debug_assert!(self.open.len() > 1, "the Document stays open");
        if self.open.len() > 1 {
            let closed = self.open.pop().expect("an open element");
            if self.sink.is_some() {
                self.closed.push(closed);
            }
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
                sink.page_done(self.pages_done, page, &mut self.nodes, &mut self.closed);
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
    fn page_done(&mut self, index: usize, page: Page, _: &mut [Node], closed: &mut Vec<usize>) {
        closed.clear();
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
/// [`write_pages`]). Returns, with it, the glyph table of each face.
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

/// The object numbers the second layout writes under: the structure tree's root, its
/// elements (element `n` is `elements + n`) and each page's array of the ParentTree (page `p`:
/// `page_arrays + p`), reserved before it starts; and those of the pages and their content
/// streams, from the printpdf document.
pub(crate) struct Numbers {
    pub tree_root: u32,
    pub elements: u32,
    /// How many elements the first layout made (the second must make as many).
    pub element_count: usize,
    pub page_arrays: u32,
    pub pages: Vec<ObjectId>,
    pub contents: Vec<ObjectId>,
}

impl Numbers {
    fn element(&self, node: usize) -> ObjectId {
        (self.elements + node as u32, 0)
    }
}

/// The second layout's sink: decorates each finished page, writes its content stream (see
/// [`Marks::write_page`]), hands it on to be deflated and writes what is ready: deflated
/// streams, the page's array of the ParentTree, the elements closed by now.
struct PageWriter<'d, 'o> {
    decorate: &'d dyn Fn(Page, usize) -> Page,
    glyphs: &'d GlyphTables,
    numbers: &'d Numbers,
    marks: Marks,
    /// Takes a page's stream; returns the deflated streams that are ready, with their pages.
    deflate: &'d mut dyn FnMut(usize, Vec<u8>) -> Vec<(usize, Deflated)>,
    file: &'d mut FileWriter<'o>,
    /// Whether each element is written.
    written: Vec<bool>,
    /// The first error in writing; what comes after it is not written.
    error: Option<std::io::Error>,
}

/// Writes the content stream of page `page` of `numbers`.
fn write_stream(
    file: &mut FileWriter,
    numbers: &Numbers,
    page: usize,
    content: Deflated,
) -> std::io::Result<()> {
    let mut stream = lopdf::Stream::new(lopdf::Dictionary::new(), content.bytes);
    if content.deflated {
        stream.dict.set("Filter", file::name("FlateDecode"));
    }
    file.object(numbers.contents[page], &lopdf::Object::Stream(stream))
}

impl PageWriter<'_, '_> {
    /// Writes element `node`, all of whose content is marked by now, and frees what only its
    /// element needed.
    fn write_element(&mut self, nodes: &mut [Node], node: usize) -> std::io::Result<()> {
        if node >= self.numbers.element_count {
            return Err(std::io::Error::other(format!(
                "the report's second layout made more than the first's {} structure elements",
                self.numbers.element_count
            )));
        }
        let mcids = std::mem::take(&mut self.marks.node_mcids[node]);
        let parent = match node {
            0 => (self.numbers.tree_root, 0),
            _ => self.numbers.element(nodes[node].parent),
        };
        let element = structure_element(&nodes[node], parent, &mcids, self.numbers);
        self.file.with(self.numbers.element(node).0, |out| {
            file::write_object(out, &element)
        })?;
        self.written[node] = true;
        let done = &mut nodes[node];
        done.kids = Vec::new();
        if !matches!(done.role, Role::H(_)) {
            // Headings keep their titles, for the outline.
            done.details = None;
        }
        Ok(())
    }

    fn write_page(
        &mut self,
        index: usize,
        page: Page,
        nodes: &mut [Node],
        closed: &mut Vec<usize>,
    ) -> std::io::Result<()> {
        self.written.resize(nodes.len(), false);
        let page = (self.decorate)(page, index);
        let (stream, mcids) = self.marks.write_page(nodes, index, page, self.glyphs);
        for (page, content) in (self.deflate)(index, stream) {
            write_stream(self.file, self.numbers, page, content)?;
        }
        let elements: Vec<lopdf::Object> = mcids
            .iter()
            .map(|&node| file::reference(self.numbers.element(node)))
            .collect();
        self.file
            .with(self.numbers.page_arrays + index as u32, |out| {
                file::write_object(out, &lopdf::Object::Array(elements))
            })?;
        for node in std::mem::take(closed) {
            self.write_element(nodes, node)?;
        }
        Ok(())
    }
}

impl PageSink for PageWriter<'_, '_> {
    fn page_done(&mut self, index: usize, page: Page, nodes: &mut [Node], closed: &mut Vec<usize>) {
        if self.error.is_none() {
            if let Err(e) = self.write_page(index, page, nodes, closed) {
                self.error = Some(e);
            }
        }
    }
}

/// Lays the report out a second time with `lay_out` and writes each page into `file` as soon
/// as it is finished: its content stream (each run of items of one structure element a
/// marked-content sequence with its own MCID, artifacts marked `/Artifact`), deflated on a
/// helper thread while the next page is laid out (inline where no thread can be had); its
/// array of the ParentTree; and the structure elements closed by then. A long report's pages
/// and elements are never all held. Returns what the outline needs.
pub(crate) fn write_pages(
    file: &mut FileWriter,
    glyphs: &GlyphTables,
    decorate: &dyn Fn(Page, usize) -> Page,
    numbers: &Numbers,
    lay_out: impl FnOnce(&mut dyn PageSink) -> Vec<Node>,
) -> std::io::Result<Marked> {
    std::thread::scope(|scope| {
        let (to_helper, from_main) = std::sync::mpsc::sync_channel::<(usize, Vec<u8>)>(4);
        let (to_main, from_helper) = std::sync::mpsc::channel();
        let helper = std::thread::Builder::new()
            .spawn_scoped(scope, move || {
                for (page, stream) in from_main {
                    if to_main.send((page, file::deflate(stream))).is_err() {
                        break;
                    }
                }
            })
            .ok();
        let threaded = helper.is_some();
        // The helper deflates a page while the next is laid out; the page before is written
        // when the next is handed over, so that the objects' order, and the file, is the same
        // at every run.
        let mut deflate = |page: usize, stream: Vec<u8>| {
            if threaded {
                // An error only when the helper is gone: joining it reports that.
                let _ = to_helper.send((page, stream));
                match page {
                    0 => Vec::new(),
                    _ => from_helper.recv().into_iter().collect(),
                }
            } else {
                vec![(page, file::deflate(stream))]
            }
        };
        let mut writer = PageWriter {
            decorate,
            glyphs,
            numbers,
            marks: Marks::default(),
            deflate: &mut deflate,
            file: &mut *file,
            written: Vec::new(),
            error: None,
        };
        let mut nodes = lay_out(&mut writer);
        if let Some(e) = writer.error.take() {
            return Err(e);
        }
        if nodes.len() != numbers.element_count {
            return Err(std::io::Error::other(format!(
                "the report's two layouts made {} and {} structure elements",
                numbers.element_count,
                nodes.len()
            )));
        }
        // The elements never closed (the Document).
        writer.written.resize(nodes.len(), false);
        writer.marks.node_mcids.resize(nodes.len(), Vec::new());
        for node in 0..nodes.len() {
            if !writer.written[node] {
                writer.write_element(&mut nodes, node)?;
            }
        }
        let mut first_at = std::mem::take(&mut writer.marks.first_at);
        first_at.resize(nodes.len(), None);
        drop(writer);
        drop(to_helper);
        if let Some(helper) = helper {
            let rest: Vec<(usize, Deflated)> = from_helper.iter().collect();
            helper.join().map_err(|_| {
                std::io::Error::other("the pages' content streams could not be deflated")
            })?;
            for (page, content) in rest {
                write_stream(file, numbers, page, content)?;
            }
        }
        Ok(Marked { nodes, first_at })
    })
}

/// The StructElem of `node`, its parent `parent`, its marked content `mcids` (page, MCID).
fn structure_element(
    node: &Node,
    parent: ObjectId,
    mcids: &[(usize, usize)],
    numbers: &Numbers,
) -> lopdf::Object {
    use file::{name, reference, text};
    use lopdf::{Dictionary, Object};
    let pages = &numbers.pages;
    let mut elem = Dictionary::new();
    elem.set("Type", name("StructElem"));
    elem.set("S", name(node.role.name()));
    elem.set("P", reference(parent));
    let mut kids: Vec<Object> = node
        .kids
        .iter()
        .map(|&k| reference(numbers.element(k)))
        .collect();
    // Content on the element's page is an MCID; on a later page a marked-content reference.
    let home = mcids.first().map(|&(page, _)| page);
    for &(page, mcid) in mcids {
        if Some(page) == home {
            kids.push(Object::Integer(mcid as i64));
        } else {
            let mut mcr = Dictionary::new();
            mcr.set("Type", name("MCR"));
            mcr.set("Pg", reference(pages[page]));
            mcr.set("MCID", Object::Integer(mcid as i64));
            kids.push(Object::Dictionary(mcr));
        }
    }
    if let Some(page) = home {
        elem.set("Pg", reference(pages[page]));
    }
    // One kid is written as itself, several as an array.
    elem.set(
        "K",
        if kids.len() == 1 {
            kids.pop().expect("one kid")
        } else {
            Object::Array(kids)
        },
    );
    let details = node.details();
    if let Some(alt) = &details.alt {
        elem.set("Alt", text(alt));
    }
    if let Some(title) = &details.title {
        elem.set("T", text(title));
    }
    let mut attributes = Dictionary::new();
    match node.role {
        Role::TH(column) => {
            attributes.set("O", name("Table"));
            attributes.set("Scope", name(if column { "Column" } else { "Row" }));
            if let Some(span) = details.colspan {
                attributes.set("ColSpan", Object::Integer(span as i64));
            }
        }
        Role::Figure => {
            if let Some((page, [left, top, right, bottom])) = details.bbox {
                attributes.set("O", name("Layout"));
                attributes.set(
                    "BBox",
                    Object::Array(
                        [left, PAGE_H - bottom, right, PAGE_H - top]
                            .into_iter()
                            .map(Object::Real)
                            .collect(),
                    ),
                );
                attributes.set("Placement", name("Block"));
                elem.set("Pg", reference(pages[page]));
            }
        }
        _ => {}
    }
    if !attributes.is_empty() {
        elem.set("A", Object::Dictionary(attributes));
    }
    Object::Dictionary(elem)
}

/// What the outline needs of the structure tree, once it is written: the elements (headings
/// keep their titles) and where each one's first text is: page, left and top (top-left
/// coordinates).
pub(crate) struct Marked {
    pub nodes: Vec<Node>,
    pub first_at: Vec<Option<(usize, f32, f32)>>,
}

/// Where the content of each element was marked, gathered as the pages are written.
#[derive(Default)]
struct Marks {
    node_mcids: Vec<Vec<(usize, usize)>>,
    first_at: Vec<Option<(usize, f32, f32)>>,
}

impl Marks {
    /// The content stream of page `page_index`, each run of its items marked as content of its
    /// element (with the next MCID of the page, noted here) or as an artifact; and the element
    /// of each MCID of the page.
    fn write_page(
        &mut self,
        nodes: &[Node],
        page_index: usize,
        page: Page,
        glyphs: &GlyphTables,
    ) -> (Vec<u8>, Vec<usize>) {
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
        (stream.finish(), mcids)
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
