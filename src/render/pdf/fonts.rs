//! The embedded font: DejaVu Sans (regular and bold, bundled in `assets/fonts` with its
//! licence), text measurement for the layout, and subsetting to the glyphs a document uses
//! (with allsorts, the font crate printpdf already depends on), so the PDF carries only those.

use printpdf::ParsedFont;
use std::collections::BTreeSet;
use std::sync::OnceLock;

const REGULAR_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Face {
    Regular,
    Bold,
}

impl Face {
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => REGULAR_TTF,
            Face::Bold => BOLD_TTF,
        }
    }

    /// The parsed full font, parsed once per process.
    pub(crate) fn parsed(self) -> &'static ParsedFont {
        static REGULAR: OnceLock<ParsedFont> = OnceLock::new();
        static BOLD: OnceLock<ParsedFont> = OnceLock::new();
        let cell = match self {
            Face::Regular => &REGULAR,
            Face::Bold => &BOLD,
        };
        cell.get_or_init(|| {
            ParsedFont::from_bytes(self.bytes(), 0, &mut Vec::new())
                .expect("the bundled DejaVu Sans font parses")
        })
    }

    /// Width of `text` at `size` pt, in pt.
    pub fn width(self, text: &str, size: f32) -> f32 {
        let font = self.parsed();
        let upem = f32::from(font.units_per_em.max(1));
        let common = self.common_advances();
        let units: u32 = text
            .chars()
            .map(|c| match common.get(c as usize) {
                Some(&units) => u32::from(units),
                None => u32::from(advance(font, c)),
            })
            .sum();
        units as f32 / upem * size
    }

    /// The advance widths of the first [`COMMON`] characters (Latin, with its accents and
    /// punctuation): looked up once per process, not in the font's tables for every character
    /// measured (the layout measures every word of a report).
    fn common_advances(self) -> &'static [u16; COMMON] {
        static REGULAR: OnceLock<[u16; COMMON]> = OnceLock::new();
        static BOLD: OnceLock<[u16; COMMON]> = OnceLock::new();
        let cell = match self {
            Face::Regular => &REGULAR,
            Face::Bold => &BOLD,
        };
        cell.get_or_init(|| {
            let font = self.parsed();
            std::array::from_fn(|code| char::from_u32(code as u32).map_or(0, |c| advance(font, c)))
        })
    }
}

/// How many characters (from U+0000) [`Face::common_advances`] holds.
const COMMON: usize = 0x250;

/// The advance width of `c` in font units (that of .notdef for a character the font lacks).
fn advance(font: &ParsedFont, c: char) -> u16 {
    let gid = font.lookup_glyph_index(c as u32).unwrap_or(0);
    font.get_glyph_width(gid).unwrap_or(0)
}

/// A copy of `face` holding only the glyphs of `chars` (and .notdef), with a Unicode cmap so
/// printpdf maps text to the renumbered glyphs.
pub(crate) fn subset(face: Face, chars: &BTreeSet<char>) -> Result<ParsedFont, String> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{CmapTarget, SubsetProfile};

    let full = face.parsed();
    let mut glyphs: Vec<u16> = vec![0];
    for c in chars {
        if let Some(g) = full.lookup_glyph_index(*c as u32) {
            if !glyphs.contains(&g) {
                glyphs.push(g);
            }
        }
    }
    let font_file = ReadScope::new(face.bytes())
        .read::<FontData<'_>>()
        .map_err(|e| e.to_string())?;
    let provider = font_file.table_provider(0).map_err(|e| e.to_string())?;
    let bytes =
        allsorts::subset::subset(&provider, &glyphs, &SubsetProfile::Pdf, CmapTarget::Unicode)
            .map_err(|e| e.to_string())?;
    ParsedFont::from_bytes(&bytes, 0, &mut Vec::new())
        .ok_or_else(|| "the font subset does not parse".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_dutch_and_the_symbols_we_print() {
        for c in "ëéïó€–≥≤✓▲↗→▼○◇−·".chars() {
            assert!(
                Face::Regular
                    .parsed()
                    .lookup_glyph_index(c as u32)
                    .is_some(),
                "{c}"
            );
        }
    }

    #[test]
    fn wider_text_measures_wider() {
        assert!(Face::Regular.width("WWW", 10.0) > Face::Regular.width("iii", 10.0));
        assert!(Face::Bold.width("abc", 10.0) > Face::Regular.width("abc", 10.0) * 0.99);
    }

    #[test]
    fn widths_from_the_table_are_the_font_s_own() {
        // Inside the table, at its edge and past it (€, ≥, ✓ are looked up in the font).
        let text: String = (0..COMMON as u32 + 40)
            .filter_map(char::from_u32)
            .chain("€≥✓".chars())
            .collect();
        for face in [Face::Regular, Face::Bold] {
            let font = face.parsed();
            let upem = f32::from(font.units_per_em);
            for c in text.chars() {
                let mut buf = [0u8; 4];
                let expected = f32::from(advance(font, c)) / upem * 12.0;
                assert_eq!(face.width(c.encode_utf8(&mut buf), 12.0), expected, "{c:?}");
            }
            assert!(face.width("é", 12.0) > 0.0 && face.width("€", 12.0) > 0.0);
        }
    }

    #[test]
    fn a_subset_keeps_only_the_glyphs_used() {
        let chars: BTreeSet<char> = "Doel ≥ 90 %".chars().collect();
        let s = subset(Face::Regular, &chars).unwrap();
        assert!(s.original_bytes.len() < Face::Regular.bytes().len() / 10);
        assert!(s.lookup_glyph_index('≥' as u32).is_some());
        assert!(s.lookup_glyph_index('Z' as u32).is_none());
    }
}
