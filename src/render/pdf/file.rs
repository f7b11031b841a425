//! Writes the PDF file itself: the header, every indirect object in the order of its number,
//! the cross-reference table and the trailer (ISO 32000-1, 7.5).
//!
//! Objects are written as soon as they are made, in any order ([`FileWriter`]): the pages'
//! content streams, the ParentTree's arrays and the structure elements while the report is laid
//! out, then the objects of a `lopdf::Document` (the page tree, the fonts, the catalog). None is
//! kept as a dictionary once written, and the file is passed on a block at a time, never held
//! whole. The syntax (spacing, escapes, number forms) is the one lopdf's own `save` wrote.

use lopdf::{Dictionary, Object, StringFormat};
use std::io::Write;

/// A stream's content, deflated when that made it smaller.
pub(crate) struct Deflated {
    pub(crate) bytes: Vec<u8>,
    /// Whether `bytes` are deflated (the stream's `/Filter /FlateDecode`).
    pub(crate) deflated: bool,
}

/// `content` deflated (zlib, level 6), or as it was when deflating saves less than the
/// `/Filter /FlateDecode` entry costs.
pub(crate) fn deflate(content: Vec<u8>) -> Deflated {
    let mut encoder = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(content.len() / 4),
        flate2::Compression::new(6),
    );
    match encoder.write_all(&content).and_then(|()| encoder.finish()) {
        Ok(compressed) if compressed.len() + 19 < content.len() => Deflated {
            bytes: compressed,
            deflated: true,
        },
        _ => Deflated {
            bytes: content,
            deflated: false,
        },
    }
}

/// The file as it is written: gathered in a buffer and passed on to the sink a block at a
/// time, counted (the objects' offsets) and hashed (the file identifier), so that the file is
/// never held whole.
struct Output<'a> {
    sink: &'a mut dyn Write,
    buffer: Vec<u8>,
    passed_on: usize,
    /// FNV-1a over 8-byte words of what was passed on, with two seeds.
    hashes: [u64; 2],
}

const FNV_PRIME: u64 = 0x0100_0000_01b3;

impl<'a> Output<'a> {
    const BLOCK: usize = 1 << 16;

    fn new(sink: &'a mut dyn Write) -> Self {
        Self {
            sink,
            buffer: Vec::with_capacity(2 * Self::BLOCK),
            passed_on: 0,
            hashes: [0xcbf2_9ce4_8422_2325, 0x8422_2325_cbf2_9ce4],
        }
    }

    /// Where the next byte will be in the file.
    fn offset(&self) -> usize {
        self.passed_on + self.buffer.len()
    }

    /// Passes the buffer on when a block is full: its whole 8-byte words, hashed.
    fn pass_on_block(&mut self) -> std::io::Result<()> {
        if self.buffer.len() < Self::BLOCK {
            return Ok(());
        }
        let whole = self.buffer.len() / 8 * 8;
        for word in self.buffer[..whole].chunks_exact(8) {
            let word = u64::from_le_bytes(word.try_into().expect("8 bytes"));
            for hash in &mut self.hashes {
                *hash = (*hash ^ word).wrapping_mul(FNV_PRIME);
            }
        }
        self.sink.write_all(&self.buffer[..whole])?;
        self.passed_on += whole;
        self.buffer.drain(..whole);
        Ok(())
    }

    /// The hash of everything written so far, as 32 hexadecimal digits: whole words, then the
    /// bytes of the last part word one by one.
    fn hash(&self) -> String {
        let words = self.buffer.chunks_exact(8);
        let tail = words.remainder();
        let hashes = self.hashes.map(|start| {
            let hash = words.clone().fold(start, |hash, word| {
                let word = u64::from_le_bytes(word.try_into().expect("8 bytes"));
                (hash ^ word).wrapping_mul(FNV_PRIME)
            });
            tail.iter().fold(hash, |hash, &byte| {
                (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME)
            })
        });
        format!("{:016x}{:016x}", hashes[0], hashes[1])
    }

    fn finish(mut self) -> std::io::Result<()> {
        self.sink.write_all(&self.buffer)?;
        self.buffer.clear();
        self.sink.flush()
    }
}

/// The file being written: objects go out as soon as they are made, in any order, each
/// noted with its offset for the cross-reference table; the objects of a `lopdf::Document`
/// (the page tree, the fonts, the catalog) follow at the end ([`FileWriter::finish`]).
pub(super) struct FileWriter<'o> {
    out: Output<'o>,
    /// Offset and generation of each object number written (0 stays free: the head of the
    /// free list).
    offsets: Vec<Option<(usize, u16)>>,
}

impl<'o> FileWriter<'o> {
    /// Starts the file: the header of a PDF `version` file, with its binary mark.
    pub(super) fn start(sink: &'o mut dyn Write, version: &str, binary_mark: &[u8]) -> Self {
        let mut out = Output::new(sink);
        let _ = write!(out.buffer, "%PDF-{version}\n%");
        out.buffer.extend_from_slice(binary_mark);
        out.buffer.push(b'\n');
        FileWriter {
            out,
            offsets: vec![None],
        }
    }

    /// Notes that object `number` starts here; a number written twice is an error.
    fn begin(&mut self, (number, generation): (u32, u16)) -> std::io::Result<()> {
        let at = number as usize;
        if at == 0 || self.offsets.get(at).is_some_and(Option::is_some) {
            return Err(std::io::Error::other(format!(
                "PDF object {number} {generation} written twice"
            )));
        }
        if self.offsets.len() <= at {
            self.offsets.resize(at + 1, None);
        }
        self.offsets[at] = Some((self.out.offset(), generation));
        Ok(())
    }

    /// Writes `object` as the indirect object `id`.
    pub(super) fn object(&mut self, id: (u32, u16), object: &Object) -> std::io::Result<()> {
        self.begin(id)?;
        write_indirect(&mut self.out.buffer, id, object);
        self.out.pass_on_block()
    }

    /// Writes the indirect object `number` (generation 0) with `write`, which writes a
    /// dictionary or an array (no space needed around it) in this module's syntax.
    pub(super) fn with(
        &mut self,
        number: u32,
        write: impl FnOnce(&mut Vec<u8>),
    ) -> std::io::Result<()> {
        self.begin((number, 0))?;
        let _ = writeln!(self.out.buffer, "{number} 0 obj");
        write(&mut self.out.buffer);
        self.out.buffer.extend_from_slice(b"\nendobj\n");
        self.out.pass_on_block()
    }

    /// Writes `pdf`'s objects in the order of their numbers, the cross-reference table and the
    /// trailer: the file is complete. The file identifier (`/ID`) is a hash of everything
    /// before the trailer: the same content, the same identifier.
    pub(super) fn finish(mut self, pdf: &lopdf::Document) -> std::io::Result<()> {
        for (&id, object) in &pdf.objects {
            self.object(id, object)?;
        }
        let size = (self.offsets.len() as u32).max(pdf.max_id + 1);
        self.offsets.resize(size as usize, None);
        let out = &mut self.out;
        let xref_at = out.offset();
        out.buffer.extend_from_slice(b"xref\n");
        write_cross_references(&mut out.buffer, &self.offsets);
        let id = Object::String(out.hash().into_bytes(), StringFormat::Hexadecimal);
        let mut trailer = pdf.trailer.clone();
        trailer.set("Size", i64::from(size));
        trailer.set("ID", Object::Array(vec![id.clone(), id]));
        out.buffer.extend_from_slice(b"trailer\n");
        write_dictionary(&mut out.buffer, &trailer);
        let _ = write!(out.buffer, "\nstartxref\n{xref_at}\n%%EOF");
        self.out.finish()
    }
}

/// A PDF name.
pub(super) fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

/// A PDF text string: PDFDocEncoding-safe ASCII as is, anything else UTF-16BE with its mark.
pub(super) fn text(s: &str) -> Object {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xfe, 0xff];
        for unit in s.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

/// A reference to the indirect object `id`.
pub(super) fn reference(id: (u32, u16)) -> Object {
    Object::Reference(id)
}

/// Writes `object` as the indirect object `number generation obj`.
fn write_indirect(out: &mut Vec<u8>, (number, generation): (u32, u16), object: &Object) {
    let _ = writeln!(out, "{number} {generation} obj");
    if separated(object) {
        out.push(b' ');
    }
    write_object(out, object);
    if separated_at_end(object) {
        out.push(b' ');
    }
    out.extend_from_slice(b"\nendobj\n");
}

/// The cross-reference table: a section for number 0 (the free list's head) and each run of
/// numbers in use, an entry of 20 bytes per number.
fn write_cross_references(out: &mut Vec<u8>, offsets: &[Option<(usize, u16)>]) {
    let mut start = 0;
    while start < offsets.len() {
        let end = (start + 1..offsets.len())
            .find(|&n| offsets[n].is_none())
            .unwrap_or(offsets.len());
        let _ = writeln!(out, "{start} {}", end - start);
        for entry in &offsets[start..end] {
            match entry {
                Some((offset, generation)) => {
                    let _ = writeln!(out, "{offset:>010} {generation:>05} n ");
                }
                None => out.extend_from_slice(b"0000000000 65535 f \n"),
            }
        }
        start = (end..offsets.len())
            .find(|&n| offsets[n].is_some())
            .unwrap_or(offsets.len());
    }
}

/// Whether `object` is written with a space before it, after a name or an array's element.
fn separated(object: &Object) -> bool {
    matches!(
        object,
        Object::Null
            | Object::Boolean(_)
            | Object::Integer(_)
            | Object::Real(_)
            | Object::Reference(_)
    )
}

/// Whether an indirect object holding `object` has a space before `endobj`.
fn separated_at_end(object: &Object) -> bool {
    separated(object) || matches!(object, Object::Name(_) | Object::Stream(_))
}

/// Writes `object` in PDF syntax.
pub(super) fn write_object(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(true) => out.extend_from_slice(b"true"),
        Object::Boolean(false) => out.extend_from_slice(b"false"),
        Object::Integer(value) => {
            let _ = write!(out, "{value}");
        }
        Object::Real(value) => {
            let _ = write!(out, "{value}");
        }
        Object::Name(name) => write_name(out, name),
        Object::String(text, format) => write_string(out, text, *format),
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 && separated(item) {
                    out.push(b' ');
                }
                write_object(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => write_dictionary(out, dict),
        Object::Stream(stream) => {
            write_dictionary(out, &stream.dict);
            out.extend_from_slice(b"stream\n");
            out.extend_from_slice(&stream.content);
            out.extend_from_slice(b"\nendstream");
        }
        Object::Reference((number, generation)) => {
            let _ = write!(out, "{number} {generation} R");
        }
    }
}

fn write_dictionary(out: &mut Vec<u8>, dict: &Dictionary) {
    out.extend_from_slice(b"<<");
    for (key, value) in dict {
        write_name(out, key);
        if separated(value) {
            out.push(b' ');
        }
        write_object(out, value);
    }
    out.extend_from_slice(b">>");
}

/// A name; white space, delimiters, `#` and bytes outside `!`..=`~` as `#XX`.
fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &byte in name {
        if b" \t\n\r\x0C()<>[]{}/%#".contains(&byte) || !(b'!'..=b'~').contains(&byte) {
            let _ = write!(out, "#{byte:02X}");
        } else {
            out.push(byte);
        }
    }
}

/// A string. Literal: backslashes, carriage returns and unbalanced parentheses escaped
/// (balanced pairs are allowed as they are). Hexadecimal: upper-case digits.
fn write_string(out: &mut Vec<u8>, text: &[u8], format: StringFormat) {
    match format {
        StringFormat::Literal => {
            let mut escaped = vec![false; text.len()];
            let mut open = Vec::new();
            for (i, &byte) in text.iter().enumerate() {
                match byte {
                    b'(' => open.push(i),
                    b')' if open.pop().is_none() => escaped[i] = true,
                    b'\\' | b'\r' => escaped[i] = true,
                    _ => {}
                }
            }
            for i in open {
                escaped[i] = true;
            }
            out.push(b'(');
            for (&byte, escaped) in text.iter().zip(escaped) {
                if escaped {
                    out.push(b'\\');
                    out.push(if byte == b'\r' { b'r' } else { byte });
                } else {
                    out.push(byte);
                }
            }
            out.push(b')');
        }
        StringFormat::Hexadecimal => {
            out.push(b'<');
            for byte in text {
                let _ = write!(out, "{byte:02X}");
            }
            out.push(b'>');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(object: &Object) -> String {
        let mut out = Vec::new();
        write_object(&mut out, object);
        String::from_utf8(out).expect("ASCII")
    }

    #[test]
    fn names_escape_delimiters_and_bytes_outside_printable_ascii() {
        let name = Object::Name(b"A B#(c)/\xe9".to_vec());
        assert_eq!(written(&name), "/A#20B#23#28c#29#2F#E9");
    }

    #[test]
    fn literal_strings_escape_only_unbalanced_parentheses() {
        let text = |s: &[u8]| written(&Object::String(s.to_vec(), StringFormat::Literal));
        assert_eq!(text(b"(a) b"), "((a) b)");
        assert_eq!(text(b"a) (b"), r"(a\) \(b)");
        assert_eq!(text(b"((a)"), r"(\((a))");
        assert_eq!(text(b"a\\b\rc"), r"(a\\b\rc)");
        let hex = Object::String(vec![0xfe, 0xff, 0, 0x41], StringFormat::Hexadecimal);
        assert_eq!(written(&hex), "<FEFF0041>");
    }

    #[test]
    fn numbers_and_references_are_spaced_but_names_and_arrays_are_not() {
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"StructElem".to_vec()));
        dict.set("P", Object::Reference((12, 0)));
        dict.set(
            "K",
            Object::Array(vec![
                Object::Integer(3),
                Object::Integer(-4),
                Object::Name(b"N".to_vec()),
                Object::Real(0.5),
                Object::Null,
            ]),
        );
        dict.set("On", Object::Boolean(true));
        assert_eq!(
            written(&Object::Dictionary(dict)),
            "<</Type/StructElem/P 12 0 R/K[3 -4/N 0.5 null]/On true>>"
        );
    }

    #[test]
    fn objects_written_early_and_at_the_end_are_all_where_the_table_says() {
        let mut pdf = lopdf::Document::with_version("1.7");
        let catalog = pdf.add_object(Object::Name(b"Placeholder".to_vec()));
        // Numbers 2 and 3 are written before the document's objects, 3 first.
        pdf.max_id = 3;
        let last = pdf.add_object(Object::Integer(7));
        pdf.trailer.set("Root", Object::Reference(catalog));
        let mut file = Vec::new();
        let mut writer = FileWriter::start(&mut file, "1.7", &pdf.binary_mark);
        writer
            .with(3, |out| write_object(out, &Object::Array(Vec::new())))
            .expect("written");
        writer
            .object((2, 0), &Object::Array(vec![Object::Integer(1)]))
            .expect("written");
        // A number written twice is refused.
        assert!(writer.object((2, 0), &Object::Null).is_err());
        writer.finish(&pdf).expect("written");
        let text = String::from_utf8_lossy(&file);
        // Every object where the cross-reference table says it is.
        for number in [catalog.0, 2, 3, last.0] {
            let line = format!("{number} 0 obj\n");
            let at = find(&file, line.as_bytes()).expect("object written");
            assert!(text.contains(&format!("{at:>010} 00000 n \n")), "{text}");
        }
        assert!(text.contains("xref\n0 5\n0000000000 65535 f \n"), "{text}");
        assert!(text.contains(&format!("/Size {}", last.0 + 1)), "{text}");
        assert!(text.contains("2 0 obj\n[1]\nendobj\n"), "{text}");
        assert!(text.contains(" obj\n 7 \nendobj"), "{text}");
        let xref_at = find(&file, b"xref\n").expect("xref");
        assert!(file.ends_with(format!("startxref\n{xref_at}\n%%EOF").as_bytes()));
    }

    #[test]
    fn a_number_missing_from_the_file_is_left_out_of_the_table() {
        let mut pdf = lopdf::Document::with_version("1.7");
        pdf.objects.insert((1, 0), Object::Integer(1));
        pdf.objects.insert((3, 0), Object::Integer(3));
        pdf.max_id = 3;
        let mut file = Vec::new();
        FileWriter::start(&mut file, "1.7", &pdf.binary_mark)
            .finish(&pdf)
            .expect("written");
        let text = String::from_utf8_lossy(&file);
        let table =
            &text[text.find("xref\n").expect("xref")..text.find("trailer").expect("trailer")];
        let lines: Vec<&str> = table.lines().collect();
        // A section for 0 (the free list's head) and 1, and one for 3.
        assert_eq!(lines[1], "0 2", "{table}");
        assert_eq!(lines[2], "0000000000 65535 f ", "{table}");
        assert!(lines[3].ends_with(" 00000 n "), "{table}");
        assert_eq!(lines[4], "3 1", "{table}");
        assert!(lines[5].ends_with(" 00000 n "), "{table}");
        assert_eq!(lines.len(), 6, "{table}");
    }

    /// Where `needle` first is in `bytes`.
    fn find(bytes: &[u8], needle: &[u8]) -> Option<usize> {
        bytes.windows(needle.len()).position(|w| w == needle)
    }

    /// FNV-1a over 8-byte words and then the tail's bytes, over a whole slice at once.
    fn hash_at_once(bytes: &[u8], seed: u64) -> u64 {
        let words = bytes.chunks_exact(8);
        let tail = words.remainder();
        let hash = words.fold(seed, |h, w| {
            (h ^ u64::from_le_bytes(w.try_into().expect("8 bytes"))).wrapping_mul(FNV_PRIME)
        });
        tail.iter()
            .fold(hash, |h, &b| (h ^ u64::from(b)).wrapping_mul(FNV_PRIME))
    }

    #[test]
    fn a_file_passed_on_in_blocks_has_true_offsets_and_hashes_all_before_its_trailer() {
        let mut pdf = lopdf::Document::with_version("1.7");
        // Objects of odd sizes, so that blocks end inside words and objects.
        for i in 0..40 {
            pdf.add_object(Object::String(
                vec![b'a' + (i % 26) as u8; 4_001 + 13 * i as usize],
                StringFormat::Literal,
            ));
        }
        let first = pdf.max_id + 1;
        pdf.max_id += 3_000;
        pdf.add_object(Object::Integer(-1));
        let mut file = Vec::new();
        let mut writer = FileWriter::start(&mut file, "1.7", &pdf.binary_mark);
        for i in 0..3_000 {
            let array = Object::Array(vec![Object::Integer(i); 1 + i as usize % 7]);
            writer
                .with(first + i as u32, |out| write_object(out, &array))
                .expect("written");
        }
        writer.finish(&pdf).expect("written");
        assert!(file.len() > 4 * Output::BLOCK);
        let xref_at = find(&file, b"\nxref\n").expect("xref") + 1;
        let trailer_at = find(&file, b"trailer\n").expect("trailer");
        let table = std::str::from_utf8(&file[xref_at..trailer_at]).expect("ASCII");
        // After "xref", the section's line and the entry of number 0: one entry per object.
        let table: Vec<&str> = table.lines().skip(3).collect();
        assert_eq!(table.len() as u32, pdf.max_id);
        for (number, entry) in (1..).zip(table) {
            let offset: usize = entry[..10].parse().expect("an offset");
            assert!(
                file[offset..].starts_with(format!("{number} 0 obj\n").as_bytes()),
                "object {number} is not at {offset}"
            );
        }
        let text = String::from_utf8_lossy(&file[trailer_at..]);
        let id = format!(
            "{:016x}{:016x}",
            hash_at_once(&file[..trailer_at], 0xcbf2_9ce4_8422_2325),
            hash_at_once(&file[..trailer_at], 0x8422_2325_cbf2_9ce4)
        );
        let hex: String = id.bytes().map(|b| format!("{b:02X}")).collect();
        assert!(text.contains(&format!("/ID[<{hex}><{hex}>]")), "{text}");
    }
}
