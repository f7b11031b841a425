//! The pass that makes printpdf's output a tagged PDF (PDF/UA-1, ISO 14289-1), with lopdf: the
//! structure tree the layout built ([`Marked`]) written as StructElem objects whose leaves point
//! at the marked-content sequences (MCIDs) of the pages, the ParentTree that maps each page's
//! MCIDs back to their elements, `/StructParents` and `/Tabs /S` on every page, and in the
//! catalog `/MarkInfo`, `/Lang`, `/ViewerPreferences /DisplayDocTitle`, the XMP metadata (with
//! `pdfuaid:part 1`, the same title, producer and dates as the Info dictionary) and the outline
//! (bookmarks) from the headings. It also names the font subsets, drops printpdf's PDF/X claim
//! and replaces the per-process file identifier by a hash of the content.
//!
//! With [`super::content`] (the pages' content streams), the one module that writes PDF syntax by
//! hand.

use super::canvas::{Marked, Role, PAGE_H};
use crate::report::Document;
use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};

/// A PDF name.
fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

/// A PDF text string: PDFDocEncoding-safe ASCII as is, anything else UTF-16BE with its mark.
fn text(s: &str) -> Object {
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

fn reference(id: ObjectId) -> Object {
    Object::Reference(id)
}

/// Escapes text for XML.
fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `date` as XMP writes it.
fn xmp_date(date: printpdf::OffsetDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        date.year(),
        u8::from(date.month()),
        date.day(),
        date.hour(),
        date.minute(),
        date.second()
    )
}

fn xmp_packet(doc: &Document, producer: &str, date: printpdf::OffsetDateTime) -> String {
    let when = xmp_date(date);
    format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreatorTool>{creator}</xmp:CreatorTool>
   <xmp:CreateDate>{when}</xmp:CreateDate>
   <xmp:ModifyDate>{when}</xmp:ModifyDate>
   <xmp:MetadataDate>{when}</xmp:MetadataDate>
   <pdf:Producer>{producer}</pdf:Producer>
   <pdf:Keywords>{keywords}</pdf:Keywords>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"#,
        bom = '\u{feff}',
        title = xml(&doc.title),
        subject = xml(&doc.subject),
        author = xml(&doc.author),
        lang = doc.lang.code(),
        creator = xml(&doc.creator),
        producer = xml(producer),
        keywords = xml(&doc.keywords.join(",")),
    )
}

/// Tags `bytes` (printpdf's output) with the structure in `marked` and returns the final file.
pub(super) fn finish(
    mut pdf: lopdf::Document,
    doc: &Document,
    marked: &Marked,
    date: printpdf::OffsetDateTime,
) -> Result<Vec<u8>, String> {
    pdf.version = "1.7".to_string();
    let root = pdf
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| format!("the PDF has no catalog: {e}"))?;
    let pages: Vec<ObjectId> = pdf.get_pages().into_values().collect();
    if pages.len() != marked.page_mcids.len() {
        return Err(format!(
            "{} pages written, {} laid out",
            pages.len(),
            marked.page_mcids.len()
        ));
    }

    // The structure tree: one object per element, the root's parent the StructTreeRoot.
    let tree_root = pdf.new_object_id();
    let ids: Vec<ObjectId> = marked.nodes.iter().map(|_| pdf.new_object_id()).collect();
    let mut parents = vec![tree_root; marked.nodes.len()];
    for (i, node) in marked.nodes.iter().enumerate() {
        for &kid in &node.kids {
            parents[kid] = ids[i];
        }
    }
    for (i, node) in marked.nodes.iter().enumerate() {
        let mut elem = Dictionary::new();
        elem.set("Type", name("StructElem"));
        elem.set("S", name(node.role.name()));
        elem.set("P", reference(parents[i]));
        let mut kids: Vec<Object> = node.kids.iter().map(|&k| reference(ids[k])).collect();
        // Content on the element's page is an MCID; on a later page a marked-content reference.
        let home = marked.node_mcids[i].first().map(|&(page, _)| page);
        for &(page, mcid) in &marked.node_mcids[i] {
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
        if let Some(alt) = &node.alt {
            elem.set("Alt", text(alt));
        }
        if let Some(title) = &node.title {
            elem.set("T", text(title));
        }
        let mut attributes = Dictionary::new();
        match node.role {
            Role::TH(column) => {
                attributes.set("O", name("Table"));
                attributes.set("Scope", name(if column { "Column" } else { "Row" }));
                if let Some(span) = node.colspan {
                    attributes.set("ColSpan", Object::Integer(span as i64));
                }
            }
            Role::Figure => {
                if let Some((page, [left, top, right, bottom])) = node.bbox {
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
        pdf.objects.insert(ids[i], Object::Dictionary(elem));
    }

    // The ParentTree: per page, the element of each MCID.
    let mut nums = Vec::new();
    for (p, mcids) in marked.page_mcids.iter().enumerate() {
        nums.push(Object::Integer(p as i64));
        nums.push(Object::Array(
            mcids.iter().map(|&node| reference(ids[node])).collect(),
        ));
    }
    let mut parent_tree = Dictionary::new();
    parent_tree.set("Nums", Object::Array(nums));
    let parent_tree = pdf.add_object(Object::Dictionary(parent_tree));
    let mut tree = Dictionary::new();
    tree.set("Type", name("StructTreeRoot"));
    tree.set("K", Object::Array(vec![reference(ids[0])]));
    tree.set("ParentTree", reference(parent_tree));
    tree.set(
        "ParentTreeNextKey",
        Object::Integer(marked.page_mcids.len() as i64),
    );
    pdf.objects.insert(tree_root, Object::Dictionary(tree));
    for (p, &page) in pages.iter().enumerate() {
        if let Ok(dict) = pdf.get_object_mut(page).and_then(Object::as_dict_mut) {
            dict.set("StructParents", Object::Integer(p as i64));
            dict.set("Tabs", name("S"));
            dict.remove(b"Annots");
        }
    }

    let outline = outline(&mut pdf, marked, &pages);
    let producer = format!("{} (printpdf)", doc.creator);
    let mut metadata = Dictionary::new();
    metadata.set("Type", name("Metadata"));
    metadata.set("Subtype", name("XML"));
    let metadata = pdf.add_object(Stream::new(
        metadata,
        xmp_packet(doc, &producer, date).into_bytes(),
    ));
    let catalog = pdf
        .get_object_mut(root)
        .and_then(Object::as_dict_mut)
        .map_err(|e| format!("the PDF's catalog: {e}"))?;
    catalog.set("Lang", text(doc.lang.code()));
    catalog.set("StructTreeRoot", reference(tree_root));
    let mut mark_info = Dictionary::new();
    mark_info.set("Marked", Object::Boolean(true));
    catalog.set("MarkInfo", Object::Dictionary(mark_info));
    let mut viewer = Dictionary::new();
    viewer.set("DisplayDocTitle", Object::Boolean(true));
    catalog.set("ViewerPreferences", Object::Dictionary(viewer));
    catalog.set("Metadata", reference(metadata));
    if let Some(outline) = outline {
        catalog.set("Outlines", reference(outline));
        catalog.set("PageMode", name("UseOutlines"));
    }

    // Name the embedded fonts as the subsets they are (a six-letter tag, then the family).
    for object in pdf.objects.values_mut() {
        if let Ok(dict) = object.as_dict_mut() {
            for key in [&b"BaseFont"[..], &b"FontName"[..]] {
                let renamed = match dict.get(key).and_then(Object::as_name) {
                    Ok(b"F1") => Some(&b"ONTRKA+DejaVuSans"[..]),
                    Ok(b"F2") => Some(&b"ONTRKB+DejaVuSans-Bold"[..]),
                    _ => None,
                };
                if let Some(name) = renamed {
                    dict.set(key, Object::Name(name.to_vec()));
                }
            }
        }
    }
    // printpdf labels every file PDF/X; this report makes no such claim.
    if let Ok(info) = pdf.trailer.get(b"Info").and_then(Object::as_reference) {
        if let Ok(dict) = pdf.get_object_mut(info).and_then(Object::as_dict_mut) {
            dict.remove(b"GTS_PDFXVersion");
            dict.remove(b"Identifier");
        }
    }
    compress(&mut pdf);
    // The file identifier is a hash of the file written with a placeholder of the same
    // length, then put in its place: one save, and the cross-reference offsets stay true.
    let placeholder = Object::String(vec![b'0'; 32], StringFormat::Hexadecimal);
    pdf.trailer
        .set("ID", Object::Array(vec![placeholder.clone(), placeholder]));
    let mut out = Vec::new();
    pdf.save_to(&mut out).map_err(|e| e.to_string())?;
    // Freeing the objects, a dictionary per structure element, took a tenth of a long
    // report's time: done beside the rest (identifier, writing the file) on another thread.
    // (Where no thread can be had, the closure is dropped here, and the objects with it.)
    let _ = std::thread::Builder::new().spawn(move || drop(pdf));
    let id = format!(
        "{:016x}{:016x}",
        fnv1a(&out, 0xcbf2_9ce4_8422_2325),
        fnv1a(&out, 0x8422_2325_cbf2_9ce4)
    );
    let hex = |bytes: &[u8]| -> Vec<u8> {
        let mut written = vec![b'<'];
        for b in bytes {
            written.extend_from_slice(format!("{b:02X}").as_bytes());
        }
        written.push(b'>');
        written
    };
    let (was, now) = (hex(&[b'0'; 32]), hex(id.as_bytes()));
    // The trailer is the last thing written: the last two occurrences are its /ID pair.
    for _ in 0..2 {
        let at = out
            .windows(was.len())
            .rposition(|w| w == was.as_slice())
            .ok_or("the file identifier was not written")?;
        out[at..at + was.len()].copy_from_slice(&now);
    }
    Ok(out)
}

/// Compresses every stream not compressed yet: the pages' content streams and the fonts (the
/// XMP metadata stays plain text, as before).
fn compress(pdf: &mut lopdf::Document) {
    let mut streams: Vec<&mut Stream> = pdf
        .objects
        .values_mut()
        .filter_map(|object| match object {
            Object::Stream(stream) => Some(stream),
            _ => None,
        })
        .filter(|stream| {
            let metadata = stream
                .dict
                .get(b"Type")
                .and_then(Object::as_name)
                .is_ok_and(|t| t == b"Metadata");
            !stream.dict.has(b"Filter") && !metadata
        })
        .collect();
    // A long report's pages on every core, in about equal shares of bytes.
    let bytes: usize = streams.iter().map(|s| s.content.len()).sum();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let share = if bytes < 1 << 20 {
        bytes.max(1)
    } else {
        bytes.div_ceil(cores)
    };
    let mut groups: Vec<Vec<&mut Stream>> = vec![Vec::new()];
    let mut in_group = 0;
    for stream in streams.drain(..) {
        if in_group >= share {
            groups.push(Vec::new());
            in_group = 0;
        }
        in_group += stream.content.len();
        groups.last_mut().expect("a group").push(stream);
    }
    let compress_all = |group: Vec<&mut Stream>| {
        for stream in group {
            compress_one(stream);
        }
    };
    if groups.len() == 1 {
        groups.into_iter().for_each(compress_all);
    } else {
        std::thread::scope(|scope| {
            for group in groups {
                scope.spawn(move || compress_all(group));
            }
        });
    }
}

/// Deflates one stream, when that makes it smaller.
fn compress_one(stream: &mut Stream) {
    use std::io::Write;
    let mut encoder = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(stream.content.len() / 4),
        flate2::Compression::new(6),
    );
    if encoder.write_all(&stream.content).is_err() {
        return;
    }
    let Ok(compressed) = encoder.finish() else {
        return;
    };
    if compressed.len() + 19 < stream.content.len() {
        stream.dict.set("Filter", name("FlateDecode"));
        stream.set_content(compressed);
    }
}

/// The outline (bookmarks): one entry per heading, nested by level, each opening its page at
/// the heading. None when there are no headings.
fn outline(pdf: &mut lopdf::Document, marked: &Marked, pages: &[ObjectId]) -> Option<ObjectId> {
    struct Entry {
        id: ObjectId,
        parent: usize,
        kids: Vec<usize>,
        title: String,
        dest: Option<(usize, f32, f32)>,
    }
    // Entry 0 is the Outlines dictionary itself.
    let mut entries = vec![Entry {
        id: pdf.new_object_id(),
        parent: 0,
        kids: Vec::new(),
        title: String::new(),
        dest: None,
    }];
    // The open entry of each level (index 0: the root).
    let mut open: Vec<(u8, usize)> = vec![(0, 0)];
    for (i, node) in marked.nodes.iter().enumerate() {
        let Role::H(level) = node.role else { continue };
        while open.last().is_some_and(|(l, _)| *l >= level) {
            open.pop();
        }
        let parent = open.last().map_or(0, |(_, e)| *e);
        let index = entries.len();
        entries.push(Entry {
            id: pdf.new_object_id(),
            parent,
            kids: Vec::new(),
            title: node.title.clone().unwrap_or_default(),
            dest: marked.first_at[i],
        });
        entries[parent].kids.push(index);
        open.push((level, index));
    }
    if entries.len() == 1 {
        return None;
    }
    // Count: the number of descendants, all shown open down to themes.
    fn count(entries: &[(usize, Vec<usize>)], e: usize) -> i64 {
        entries[e]
            .1
            .iter()
            .map(|&k| 1 + count(entries, k))
            .sum::<i64>()
    }
    let shape: Vec<(usize, Vec<usize>)> =
        entries.iter().map(|e| (e.parent, e.kids.clone())).collect();
    for (e, entry) in entries.iter().enumerate() {
        let mut dict = Dictionary::new();
        if e == 0 {
            dict.set("Type", name("Outlines"));
        } else {
            dict.set("Title", text(&entry.title));
            dict.set("Parent", reference(entries[entry.parent].id));
            let siblings = &entries[entry.parent].kids;
            let at = siblings.iter().position(|&s| s == e).unwrap_or(0);
            if at > 0 {
                dict.set("Prev", reference(entries[siblings[at - 1]].id));
            }
            if let Some(&next) = siblings.get(at + 1) {
                dict.set("Next", reference(entries[next].id));
            }
            if let Some((page, _, top)) = entry.dest {
                dict.set(
                    "Dest",
                    Object::Array(vec![
                        reference(pages[page]),
                        name("XYZ"),
                        Object::Null,
                        Object::Real(PAGE_H - top + 4.0),
                        Object::Null,
                    ]),
                );
            }
        }
        if let (Some(&first), Some(&last)) = (entry.kids.first(), entry.kids.last()) {
            dict.set("First", reference(entries[first].id));
            dict.set("Last", reference(entries[last].id));
            // Chapters and themes open, indicators closed (negative: closed).
            let n = count(&shape, e);
            let depth = {
                let mut d = 0;
                let mut p = e;
                while p != 0 {
                    p = entries[p].parent;
                    d += 1;
                }
                d
            };
            dict.set("Count", Object::Integer(if depth >= 2 { -n } else { n }));
        }
        pdf.objects.insert(entry.id, Object::Dictionary(dict));
    }
    Some(entries[0].id)
}

/// FNV-1a over 8-byte words (the tail byte by byte): a file of megabytes hashed in a moment.
fn fnv1a(bytes: &[u8], seed: u64) -> u64 {
    const PRIME: u64 = 0x0100_0000_01b3;
    let words = bytes.chunks_exact(8);
    let tail = words.remainder();
    let h = words.fold(seed, |h, w| {
        (h ^ u64::from_le_bytes(w.try_into().expect("8 bytes"))).wrapping_mul(PRIME)
    });
    tail.iter()
        .fold(h, |h, b| (h ^ u64::from(*b)).wrapping_mul(PRIME))
}
