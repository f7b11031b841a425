//! The pass that makes printpdf's output a tagged PDF (PDF/UA-1, ISO 14289-1), with lopdf: the
//! structure tree the layout built ([`Marked`]) written as StructElem objects whose leaves point
//! at the marked-content sequences (MCIDs) of the pages, the ParentTree that maps each page's
//! MCIDs back to their elements, `/StructParents` and `/Tabs /S` on every page, and in the
//! catalog `/MarkInfo`, `/Lang`, `/ViewerPreferences /DisplayDocTitle`, the XMP metadata (with
//! `pdfuaid:part 1`, the same title, producer and dates as the Info dictionary) and the outline
//! (bookmarks) from the headings. It also names the font subsets and drops printpdf's PDF/X
//! claim. The structure elements and the ParentTree go to bytes as they are made, not into
//! lopdf's document; [`super::file`] then writes the file (and its identifier, a hash of the
//! content in place of printpdf's per-process one).

use super::canvas::{Marked, Numbers, Role, PAGE_H};
use super::file::{self, name, reference, text, FileWriter};
use crate::report::Document;
use lopdf::{Dictionary, Object, ObjectId, Stream};

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

/// Completes the tagged file whose pages and structure elements `file` holds already
/// ([`super::canvas::write_pages`]): the structure tree's root and ParentTree, the pages'
/// `/StructParents`, the outline, the metadata and the catalog's entries, then `pdf`'s objects
/// (printpdf's page tree, fonts and catalog), the cross-reference table and the trailer.
pub(super) fn finish(
    mut pdf: lopdf::Document,
    doc: &Document,
    marked: Marked,
    numbers: &Numbers,
    date: printpdf::OffsetDateTime,
    file: FileWriter,
) -> std::io::Result<()> {
    let root = pdf
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| std::io::Error::other(format!("the PDF has no catalog: {e}")))?;
    let pages = &numbers.pages;

    // The ParentTree: per page, the array (written with the page) of the element of each MCID.
    let mut nums = Vec::new();
    for p in 0..pages.len() {
        nums.push(Object::Integer(p as i64));
        nums.push(reference((numbers.page_arrays + p as u32, 0)));
    }
    let mut parent_tree = Dictionary::new();
    parent_tree.set("Nums", Object::Array(nums));
    let parent_tree = pdf.add_object(Object::Dictionary(parent_tree));
    let mut tree = Dictionary::new();
    tree.set("Type", name("StructTreeRoot"));
    tree.set("K", Object::Array(vec![reference((numbers.elements, 0))]));
    tree.set("ParentTree", reference(parent_tree));
    tree.set("ParentTreeNextKey", Object::Integer(pages.len() as i64));
    pdf.objects
        .insert((numbers.tree_root, 0), Object::Dictionary(tree));
    for (p, &page) in pages.iter().enumerate() {
        if let Ok(dict) = pdf.get_object_mut(page).and_then(Object::as_dict_mut) {
            dict.set("StructParents", Object::Integer(p as i64));
            dict.set("Tabs", name("S"));
            dict.remove(b"Annots");
        }
    }

    let outline = outline(&mut pdf, &marked, pages);
    drop(marked);
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
        .map_err(|e| std::io::Error::other(format!("the PDF's catalog: {e}")))?;
    catalog.set("Lang", text(doc.lang.code()));
    catalog.set("StructTreeRoot", reference((numbers.tree_root, 0)));
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
    file.finish(&pdf)
}

/// Deflates every stream not deflated yet: the fonts (the pages' content streams are
/// deflated as they are written; the XMP metadata stays plain text, as before).
fn compress(pdf: &mut lopdf::Document) {
    for object in pdf.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        let metadata = stream
            .dict
            .get(b"Type")
            .and_then(Object::as_name)
            .is_ok_and(|t| t == b"Metadata");
        if stream.dict.has(b"Filter") || metadata {
            continue;
        }
        let content = file::deflate(std::mem::take(&mut stream.content));
        if content.deflated {
            stream.dict.set("Filter", name("FlateDecode"));
        }
        stream.set_content(content.bytes);
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
            title: node.details().title.clone().unwrap_or_default(),
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
