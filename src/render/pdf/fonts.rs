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

    /// The full font's character map and advance widths, read once per process.
    fn metrics(self) -> &'static Metrics {
        static REGULAR: OnceLock<Metrics> = OnceLock::new();
        static BOLD: OnceLock<Metrics> = OnceLock::new();
        let cell = match self {
            Face::Regular => &REGULAR,
            Face::Bold => &BOLD,
        };
        cell.get_or_init(|| {
            Metrics::read(self.bytes()).expect("the bundled DejaVu Sans font parses")
        })
    }

    /// The glyph of `c` in the full font, if it has one.
    pub(crate) fn glyph(self, c: char) -> Option<u16> {
        self.metrics().glyph(c)
    }

    /// Width of `text` at `size` pt, in pt.
    pub fn width(self, text: &str, size: f32) -> f32 {
        let metrics = self.metrics();
        let upem = f32::from(metrics.units_per_em.max(1));
        let units: u32 = text
            .chars()
            .map(|c| match metrics.common.get(c as usize) {
                Some(&units) => u32::from(units),
                None => u32::from(metrics.advance(c)),
            })
            .sum();
        units as f32 / upem * size
    }
}

/// What measuring text takes from a font: its character map, its glyphs' advance widths, and
/// those of the first [`COMMON`] characters (Latin, with its accents and punctuation) at hand,
/// since the layout measures every word of a report. Read with allsorts into flat lists, not
/// through printpdf's parsed font, which maps every glyph into trees and copies the file
/// (a sixth of the time of a small report, for two faces).
struct Metrics {
    units_per_em: u16,
    /// (character, glyph), by character.
    glyphs: Vec<(u32, u16)>,
    /// By glyph.
    advances: Vec<u16>,
    common: [u16; COMMON],
}

impl Metrics {
    fn read(bytes: &[u8]) -> Option<Self> {
        use allsorts::binary::read::ReadScope;
        use allsorts::font_data::FontData;
        use allsorts::tables::cmap::Cmap;
        use allsorts::tables::{FontTableProvider, HeadTable, HheaTable, HmtxTable, MaxpTable};
        use allsorts::tag;

        let file = ReadScope::new(bytes).read::<FontData<'_>>().ok()?;
        let provider = file.table_provider(0).ok()?;
        let table = |t| provider.read_table_data(t).ok();
        let head = table(tag::HEAD)?;
        let head = ReadScope::new(&head).read::<HeadTable>().ok()?;
        let maxp = table(tag::MAXP)?;
        let maxp = ReadScope::new(&maxp).read::<MaxpTable>().ok()?;
        let hhea = table(tag::HHEA)?;
        let hhea = ReadScope::new(&hhea).read::<HheaTable>().ok()?;
        let cmap = table(tag::CMAP)?;
        let cmap = ReadScope::new(&cmap).read::<Cmap<'_>>().ok()?;
        let (_, subtable) = allsorts::font::read_cmap_subtable(&cmap).ok()??;
        let mut glyphs = Vec::new();
        subtable.mappings_fn(|c, g| glyphs.push((c, g))).ok()?;
        glyphs.sort_unstable();
        glyphs.dedup_by_key(|(c, _)| *c);
        let hmtx = table(tag::HMTX)?;
        let hmtx = ReadScope::new(&hmtx)
            .read_dep::<HmtxTable<'_>>((
                usize::from(maxp.num_glyphs),
                usize::from(hhea.num_h_metrics),
            ))
            .ok()?;
        let advances = (0..maxp.num_glyphs)
            .map(|g| hmtx.horizontal_advance(g).unwrap_or(0))
            .collect();
        let mut metrics = Metrics {
            units_per_em: head.units_per_em,
            glyphs,
            advances,
            common: [0; COMMON],
        };
        metrics.common = std::array::from_fn(|code| {
            char::from_u32(code as u32).map_or(0, |c| metrics.advance(c))
        });
        Some(metrics)
    }

    fn glyph(&self, c: char) -> Option<u16> {
        let at = self
            .glyphs
            .binary_search_by_key(&(c as u32), |&(c, _)| c)
            .ok()?;
        Some(self.glyphs[at].1)
    }

    /// The advance width of `c` in font units (that of .notdef for a character the font lacks).
    fn advance(&self, c: char) -> u16 {
        let glyph = self.glyph(c).unwrap_or(0);
        self.advances.get(usize::from(glyph)).copied().unwrap_or(0)
    }
}

/// How many characters (from U+0000) [`Metrics::common`] holds.
const COMMON: usize = 0x250;

/// A copy of `face` holding only the glyphs of `chars` (and .notdef), with a Unicode cmap so
/// printpdf maps text to the renumbered glyphs.
pub(crate) fn subset(face: Face, chars: &BTreeSet<char>) -> Result<ParsedFont, String> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{CmapTarget, SubsetProfile};

    let mut glyphs: Vec<u16> = vec![0];
    for c in chars {
        if let Some(g) = face.glyph(*c) {
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
            assert!(Face::Regular.glyph(c).is_some(), "{c}");
        }
    }

    #[test]
    fn wider_text_measures_wider() {
        assert!(Face::Regular.width("WWW", 10.0) > Face::Regular.width("iii", 10.0));
        assert!(Face::Bold.width("abc", 10.0) > Face::Regular.width("abc", 10.0) * 0.99);
    }

    #[test]
    fn widths_are_the_font_s_own() {
        // Inside the table of common characters, at its edge and past it (€, ≥, ✓ are looked
        // up in the character map), against printpdf's reading of the same font.
        let text: String = (0..COMMON as u32 + 40)
            .filter_map(char::from_u32)
            .chain("€≥✓".chars())
            .collect();
        for face in [Face::Regular, Face::Bold] {
            let font = ParsedFont::from_bytes(face.bytes(), 0, &mut Vec::new()).unwrap();
            let upem = f32::from(font.units_per_em);
            for c in text.chars() {
                let glyph = font.lookup_glyph_index(c as u32);
                assert_eq!(face.glyph(c), glyph, "{c:?}");
                let units = font.get_glyph_width(glyph.unwrap_or(0)).unwrap_or(0);
                let mut buf = [0u8; 4];
                let expected = f32::from(units) / upem * 12.0;
                assert_eq!(face.width(c.encode_utf8(&mut buf), 12.0), expected, "{c:?}");
            }
            assert!(face.width("é", 12.0) > 0.0 && face.width("€", 12.0) > 0.0);
            // A character the font lacks measures as .notdef.
            assert_eq!(face.glyph('\u{10FFFD}'), None);
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
