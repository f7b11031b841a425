//! A page's content stream, written as PDF operators the way `printpdf` writes the same
//! drawing: text in the embedded fonts' glyph ids (two bytes each, `/Identity-H`), lines and
//! filled shapes as paths, each item inside a marked-content sequence, numbers as the
//! shortest text of their `f32`. The page layer ([`super::canvas`]) drives it, item by item.
//!
//! Written here rather than as printpdf operations because those were most of a report's time
//! and memory: an operation per text item, each a few allocations, all of a report's pages
//! held until the document was saved, then translated one by one (about a quarter of a
//! 300-page report's time). The operators and numbers are the ones printpdf wrote, so a page
//! renders the same, pixel for pixel.

use super::fonts::Face;
use std::collections::HashMap;
use std::io::Write as _;

/// A colour, red, green and blue.
type Rgb8 = (u8, u8, u8);

/// The glyph id of each character a face shows, in the embedded subset.
pub(crate) struct Glyphs {
    /// Characters below U+0100 by index (most text), 0 where the subset has none.
    latin: [u16; 256],
    others: HashMap<char, u16>,
}

impl Glyphs {
    /// The glyphs of `chars` in `font` (the subset that is embedded).
    pub(crate) fn of(font: &printpdf::ParsedFont, chars: impl IntoIterator<Item = char>) -> Self {
        let mut glyphs = Glyphs::of_none();
        for c in chars {
            let gid = font.lookup_glyph_index(u32::from(c)).unwrap_or(0);
            match usize::try_from(u32::from(c)) {
                Ok(i) if i < 256 => glyphs.latin[i] = gid,
                _ => {
                    glyphs.others.insert(c, gid);
                }
            }
        }
        glyphs
    }

    /// A face that shows no text.
    pub(crate) fn of_none() -> Self {
        Glyphs {
            latin: [0; 256],
            others: HashMap::new(),
        }
    }

    fn of_char(&self, c: char) -> u16 {
        match usize::try_from(u32::from(c)) {
            Ok(i) if i < 256 => self.latin[i],
            _ => self.others.get(&c).copied().unwrap_or(0),
        }
    }
}

/// The graphics state a content stream keeps from one item to the next (no item saves or
/// restores it): an operator is written only when its value changes.
pub(crate) struct Writer {
    /// The page's height: items are placed from the top, PDF measures from the bottom.
    page_height: f32,
    out: Vec<u8>,
    fill: Option<Rgb8>,
    font: Option<(Face, f32)>,
    stroke_color: Option<Rgb8>,
    stroke_width: Option<f32>,
    dash: Option<Option<(f32, f32)>>,
}

impl Writer {
    pub(crate) fn new(page_height: f32) -> Self {
        Writer {
            page_height,
            out: Vec::new(),
            fill: None,
            font: None,
            stroke_color: None,
            stroke_width: None,
            dash: None,
        }
    }

    /// The stream written: its operators one per line (printpdf writes no line end after
    /// the last).
    pub(crate) fn finish(mut self) -> Vec<u8> {
        if self.out.last() == Some(&b'\n') {
            self.out.pop();
        }
        self.out
    }

    /// Opens a marked-content sequence of structure type `tag` with `mcid`.
    pub(crate) fn begin_marked(&mut self, tag: &str, mcid: usize) {
        self.out.push(b'/');
        self.out.extend_from_slice(tag.as_bytes());
        self.out.extend_from_slice(b" <</MCID ");
        self.integer(mcid as u64);
        self.out.extend_from_slice(b">> BDC\n");
    }

    /// Opens an artifact (a rule, a running header).
    pub(crate) fn begin_artifact(&mut self) {
        self.out.extend_from_slice(b"/Artifact BMC\n");
    }

    pub(crate) fn end_marked(&mut self) {
        self.out.extend_from_slice(b"EMC\n");
    }

    /// `text` with its baseline's start at (`x`, `y`), in `face` of `glyphs`.
    pub(crate) fn text(
        &mut self,
        (x, y): (f32, f32),
        size: f32,
        face: Face,
        color: Rgb8,
        glyphs: &Glyphs,
        text: &str,
    ) {
        if self.fill.replace(color) != Some(color) {
            self.color(color, b"rg");
        }
        self.out.extend_from_slice(b"BT\n");
        if self.font.replace((face, size)) != Some((face, size)) {
            self.out.push(b'/');
            self.out.extend_from_slice(font_name(face).as_bytes());
            self.out.push(b' ');
            self.real(size);
            self.out.extend_from_slice(b" Tf\n");
        }
        self.point(x, y);
        self.out.extend_from_slice(b" Td\n<");
        for c in text.chars() {
            let gid = glyphs.of_char(c);
            for shift in [12, 8, 4, 0] {
                self.out
                    .push(b"0123456789ABCDEF"[usize::from((gid >> shift) & 0xf)]);
            }
        }
        self.out.extend_from_slice(b"> Tj\nET\n");
    }

    /// A line through `points`, `width` wide, dashed (on, off) or solid.
    pub(crate) fn line(
        &mut self,
        points: &[(f32, f32)],
        width: f32,
        color: Rgb8,
        dash: Option<(f32, f32)>,
    ) {
        if self.stroke_color.replace(color) != Some(color) {
            self.color(color, b"RG");
        }
        if self.stroke_width.replace(width) != Some(width) {
            self.real(width);
            self.out.extend_from_slice(b" w\n");
        }
        if self.dash.replace(dash) != Some(dash) {
            match dash {
                Some((on, off)) => {
                    self.out.push(b'[');
                    self.real(on);
                    self.out.push(b' ');
                    self.real(off);
                    self.out.extend_from_slice(b"] 0 d\n");
                }
                None => self.out.extend_from_slice(b"[] 0 d\n"),
            }
        }
        self.path(points);
        self.out.extend_from_slice(b"S\n");
    }

    /// The shape with corners `points`, filled (non-zero winding).
    pub(crate) fn fill(&mut self, points: &[(f32, f32)], color: Rgb8) {
        if self.fill.replace(color) != Some(color) {
            self.color(color, b"rg");
        }
        self.path(points);
        self.out.extend_from_slice(b"h\nf\n");
    }

    /// `points` as a path: a move to the first, a line to each of the others.
    fn path(&mut self, points: &[(f32, f32)]) {
        for (i, &(x, y)) in points.iter().enumerate() {
            self.point(x, y);
            self.out
                .extend_from_slice(if i == 0 { b" m\n" } else { b" l\n" });
        }
    }

    /// A point given in top-left coordinates, as PDF's bottom-left ones.
    fn point(&mut self, x: f32, y: f32) {
        self.real(x);
        self.out.push(b' ');
        self.real(self.page_height - y);
    }

    fn color(&mut self, (r, g, b): Rgb8, operator: &[u8]) {
        for part in [r, g, b] {
            self.real(f32::from(part) / 255.0);
            self.out.push(b' ');
        }
        self.out.extend_from_slice(operator);
        self.out.push(b'\n');
    }

    fn integer(&mut self, mut n: u64) {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.out.extend_from_slice(&digits[at..]);
    }

    /// A real as the shortest text of its `f32` (`12.5`, `-0.25`, `3`, `0.5019608`).
    fn real(&mut self, value: f32) {
        let _ = write!(self.out, "{value}");
    }
}

/// The resource name of a face's font (fixed, so that runs give the same bytes).
pub(crate) fn font_name(face: Face) -> &'static str {
    match face {
        Face::Regular => "F1",
        Face::Bold => "F2",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(f: impl FnOnce(&mut Writer)) -> String {
        let mut w = Writer::new(841.89);
        f(&mut w);
        String::from_utf8(w.finish()).unwrap()
    }

    #[test]
    fn reals_are_the_shortest_text_of_their_f32() {
        let cases = [
            (0.0, "0"),
            (3.0, "3"),
            (12.5, "12.5"),
            (-0.25, "-0.25"),
            (128.0 / 255.0, "0.5019608"),
            (841.89 - 472.38, "369.51"),
            (1.0 / 3.0, "0.33333334"),
        ];
        for (value, text) in cases {
            assert_eq!(written(|w| w.real(value)), text, "{value}");
        }
    }

    #[test]
    fn state_is_written_only_when_it_changes() {
        let glyphs = Glyphs {
            latin: [3; 256],
            others: HashMap::from([('≥', 0x1234)]),
        };
        let out = written(|w| {
            w.begin_marked("P", 0);
            w.text((50.0, 100.0), 10.0, Face::Regular, (0, 0, 0), &glyphs, "ab");
            w.text((50.0, 100.0), 10.0, Face::Regular, (0, 0, 0), &glyphs, "a≥");
            w.end_marked();
            w.begin_marked("H1", 1);
            w.text((50.0, 90.0), 10.0, Face::Bold, (255, 0, 0), &glyphs, "b");
            w.end_marked();
        });
        assert_eq!(
            out,
            "/P <</MCID 0>> BDC\n0 0 0 rg\nBT\n/F1 10 Tf\n50 741.89 Td\n<00030003> Tj\nET\n\
             BT\n50 741.89 Td\n<00031234> Tj\nET\nEMC\n\
             /H1 <</MCID 1>> BDC\n1 0 0 rg\nBT\n/F2 10 Tf\n50 751.89 Td\n<0003> Tj\nET\nEMC"
        );
    }

    #[test]
    fn lines_and_fills_are_paths_in_page_coordinates() {
        let out = written(|w| {
            w.begin_artifact();
            w.line(
                &[(0.0, 0.0), (10.0, 41.89)],
                0.4,
                (110, 110, 110),
                Some((2.0, 1.0)),
            );
            w.line(&[(0.0, 1.0), (10.0, 1.0)], 0.4, (110, 110, 110), None);
            w.fill(&[(1.0, 1.0), (2.0, 1.0), (2.0, 2.0)], (225, 225, 225));
            w.end_marked();
        });
        assert_eq!(
            out,
            "/Artifact BMC\n0.43137255 0.43137255 0.43137255 RG\n0.4 w\n[2 1] 0 d\n\
             0 841.89 m\n10 800 l\nS\n[] 0 d\n0 840.89 m\n10 840.89 l\nS\n\
             0.88235295 0.88235295 0.88235295 rg\n1 840.89 m\n2 840.89 l\n2 839.89 l\nh\nf\nEMC"
        );
    }
}
