//! A small page-layout layer: a display list per page in top-left coordinates (pt), a cursor
//! that flows down the page and starts a new one when content does not fit, word wrapping with
//! real glyph widths. `into_document` turns it into printpdf pages with the subset fonts.

use super::fonts::{self, Face};
use printpdf::{
    Color, FontId, Line, LineDashPattern, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFontHandle,
    PdfPage, Point, Polygon, PolygonRing, Pt, Rgb, TextItem, WindingOrder,
};
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

#[derive(Debug, Default, Clone)]
pub(crate) struct Page {
    pub items: Vec<Item>,
}

/// The pages being laid out and the cursor on the current one.
pub(crate) struct Canvas {
    pub pages: Vec<Page>,
    /// Distance of the cursor from the top of the current page.
    pub y: f32,
    /// Where content must end on a page: [`BOTTOM`], or infinity when measuring.
    pub bottom: f32,
}

impl Canvas {
    pub fn new() -> Self {
        Canvas {
            pages: vec![Page::default()],
            y: TOP,
            bottom: BOTTOM,
        }
    }

    /// A canvas with one endless page: what is drawn on it measures its height.
    pub fn measuring() -> Self {
        Canvas {
            pages: vec![Page::default()],
            y: TOP,
            bottom: f32::INFINITY,
        }
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
            self.page().items.push(Item::Text {
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
        self.page().items.push(Item::Line {
            points,
            width,
            color,
            dash,
        });
    }

    pub(crate) fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb8) {
        self.page().items.push(Item::Fill {
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
            for item in &page.items {
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
    /// printpdf page per page.
    pub(crate) fn into_document(self, title: &str) -> Result<PdfDocument, String> {
        let mut doc = PdfDocument::new(title);
        let ids = [
            (Face::Regular, FontId("F1".into())),
            (Face::Bold, FontId("F2".into())),
        ];
        for (face, id) in &ids {
            let chars = self.chars(*face);
            if chars.is_empty() {
                continue;
            }
            let font = fonts::subset(*face, &chars)?;
            doc.resources
                .fonts
                .map
                .insert(id.clone(), printpdf::font::PdfFont::new(font));
        }
        let font_id = |face: Face| {
            ids.iter()
                .find(|(f, _)| *f == face)
                .map(|(_, id)| id.clone())
                .expect("both faces have ids")
        };
        let pt = |(x, y): (f32, f32)| Point {
            x: Pt(x),
            y: Pt(PAGE_H - y),
        };
        let path = |points: Vec<(f32, f32)>| -> Vec<LinePoint> {
            points
                .into_iter()
                .map(|p| LinePoint {
                    p: pt(p),
                    bezier: false,
                })
                .collect()
        };
        let color = |(r, g, b): Rgb8| {
            Color::Rgb(Rgb {
                r: f32::from(r) / 255.0,
                g: f32::from(g) / 255.0,
                b: f32::from(b) / 255.0,
                icc_profile: None,
            })
        };
        let mut pages = Vec::new();
        for page in self.pages {
            let mut ops = Vec::new();
            for item in page.items {
                match item {
                    Item::Text {
                        x,
                        y,
                        size,
                        face,
                        color: c,
                        text,
                    } => {
                        ops.push(Op::SetFillColor { col: color(c) });
                        ops.push(Op::StartTextSection);
                        ops.push(Op::SetFont {
                            font: PdfFontHandle::External(font_id(face)),
                            size: Pt(size),
                        });
                        ops.push(Op::SetTextCursor { pos: pt((x, y)) });
                        ops.push(Op::ShowText {
                            items: vec![TextItem::Text(text)],
                        });
                        ops.push(Op::EndTextSection);
                    }
                    Item::Line {
                        points,
                        width,
                        color: c,
                        dash,
                    } => {
                        ops.push(Op::SetOutlineColor { col: color(c) });
                        ops.push(Op::SetOutlineThickness { pt: Pt(width) });
                        ops.push(Op::SetLineDashPattern {
                            dash: match dash {
                                Some((on, off)) => LineDashPattern::new(0.0, &[on, off]),
                                None => LineDashPattern::new(0.0, &[]),
                            },
                        });
                        ops.push(Op::DrawLine {
                            line: Line {
                                points: path(points),
                                is_closed: false,
                            },
                        });
                    }
                    Item::Fill { points, color: c } => {
                        ops.push(Op::SetFillColor { col: color(c) });
                        ops.push(Op::DrawPolygon {
                            polygon: Polygon {
                                rings: vec![PolygonRing {
                                    points: path(points),
                                }],
                                mode: PaintMode::Fill,
                                winding_order: WindingOrder::NonZero,
                            },
                        });
                    }
                }
            }
            pages.push(PdfPage::new(Mm(210.0), Mm(297.0), ops));
        }
        doc.pages = pages;
        Ok(doc)
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
