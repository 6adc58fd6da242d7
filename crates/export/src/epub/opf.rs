//! The EPUB package document (`OEBPS/content.opf`): metadata readers and calibre show, the
//! manifest and the spine.
//!
//! Series are written twice: as EPUB 3 `belongs-to-collection` metadata and as calibre's
//! `calibre:series` / `calibre:series_index` metas (EPUB 3 keeps `<meta name content>` for
//! compatibility with OPF 2, and calibre reads only those).

use ficshelf_model::Work;
use sha2::{Digest, Sha256};

use super::{Book, PageKind};
use crate::fragment;
use crate::meta::format_index;
use crate::xml::{attr, one_line, text};

/// `urn:uuid:` of a UUID (RFC 9562 version 8) made from the SHA-256 of what identifies the
/// work as a book: its title, its authors and its chapters. Converting the same file twice
/// gives the same identifier; fixing a tag does not change it, so e-readers keep the reading
/// position.
pub(crate) fn identifier(work: &Work) -> String {
    let mut h = Sha256::new();
    let mut field = |bytes: &[u8]| {
        // Length-prefixed, so that moving text between fields changes the hash.
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    };
    field(b"ficshelf-epub-identifier-1");
    field(work.title.as_bytes());
    for a in &work.authors {
        field(a.name.as_bytes());
    }
    for ch in &work.chapters {
        field(ch.title.as_deref().unwrap_or("").as_bytes());
        field(ch.html.as_bytes());
    }
    let d = h.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&d[..16]);
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// `dcterms:modified`: the day the work was last updated (or published), at midnight UTC. The
/// current time would make every conversion differ.
pub(crate) fn modified(work: &Work) -> String {
    match work.updated.or(work.published) {
        Some(d) => format!("{d}T00:00:00Z"),
        None => "1970-01-01T00:00:00Z".to_string(),
    }
}

/// The package document.
pub(crate) fn package(book: &Book<'_>) -> String {
    let w = book.work;
    let mut o = String::with_capacity(4096);
    o.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    o.push_str(&format!(
        "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"book-id\" xml:lang=\"{}\">\n",
        attr(&book.lang)
    ));
    o.push_str("<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n");
    o.push_str(&format!(
        "<dc:identifier id=\"book-id\">{}</dc:identifier>\n",
        book.identifier
    ));
    o.push_str(&format!("<dc:title>{}</dc:title>\n", text(&book.title)));
    o.push_str(&format!(
        "<dc:language>{}</dc:language>\n",
        text(&book.lang)
    ));
    let authors = w
        .authors
        .iter()
        .map(|a| one_line(&a.name))
        .filter(|n| !n.is_empty());
    for (i, name) in authors.enumerate() {
        let id = format!("creator-{}", i + 1);
        o.push_str(&format!(
            "<dc:creator id=\"{id}\">{}</dc:creator>\n",
            text(&name)
        ));
        o.push_str(&format!(
            "<meta refines=\"#{id}\" property=\"role\" scheme=\"marc:relators\">aut</meta>\n"
        ));
    }
    if let Some(summary) = w.summary.as_deref().filter(|s| fragment::has_content(s)) {
        // Calibre and most readers show `dc:description` as HTML.
        let mut html = String::new();
        fragment::write(summary, fragment::Flavor::Html, &mut html);
        o.push_str(&format!(
            "<dc:description>{}</dc:description>\n",
            text(&html)
        ));
    }
    let subjects = [&w.fandoms, &w.relationships, &w.characters, &w.tags];
    for s in subjects
        .into_iter()
        .flatten()
        .map(|s| one_line(s))
        .filter(|s| !s.is_empty())
    {
        o.push_str(&format!("<dc:subject>{}</dc:subject>\n", text(&s)));
    }
    if let Some(d) = w.published {
        o.push_str(&format!("<dc:date>{d}</dc:date>\n"));
    }
    if let Some(url) = w
        .source
        .url
        .as_deref()
        .map(one_line)
        .filter(|u| !u.is_empty())
    {
        o.push_str(&format!("<dc:source>{}</dc:source>\n", text(&url)));
    }
    o.push_str(&format!(
        "<meta property=\"dcterms:modified\">{}</meta>\n",
        modified(w)
    ));
    write_series(book, &mut o);
    o.push_str("</metadata>\n<manifest>\n");
    o.push_str("<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n");
    o.push_str("<item id=\"ncx\" href=\"toc.ncx\" media-type=\"application/x-dtbncx+xml\"/>\n");
    o.push_str("<item id=\"css\" href=\"style.css\" media-type=\"text/css\"/>\n");
    for p in &book.pages {
        o.push_str(&format!(
            "<item id=\"{}\" href=\"{}\" media-type=\"application/xhtml+xml\"/>\n",
            p.id, p.file
        ));
    }
    o.push_str("</manifest>\n");
    let direction = if book.rtl {
        " page-progression-direction=\"rtl\""
    } else {
        ""
    };
    o.push_str(&format!("<spine toc=\"ncx\"{direction}>\n"));
    for p in &book.pages {
        o.push_str(&format!("<itemref idref=\"{}\"/>\n", p.id));
    }
    o.push_str("</spine>\n");
    // An EPUB 2 guide for older readers: where the text starts.
    if let Some(first) = book
        .pages
        .iter()
        .find(|p| matches!(p.kind, PageKind::Chapter(_)))
    {
        o.push_str(&format!(
            "<guide>\n<reference type=\"text\" title=\"Start\" href=\"{}\"/>\n</guide>\n",
            first.file
        ));
    }
    o.push_str("</package>\n");
    o
}

fn write_series(book: &Book<'_>, o: &mut String) {
    let series: Vec<_> = book
        .work
        .series
        .iter()
        .map(|s| (one_line(&s.name), s.index.and_then(format_index)))
        .filter(|(name, _)| !name.is_empty())
        .collect();
    for (i, (name, index)) in series.iter().enumerate() {
        let id = format!("series-{}", i + 1);
        o.push_str(&format!(
            "<meta property=\"belongs-to-collection\" id=\"{id}\">{}</meta>\n",
            text(name)
        ));
        o.push_str(&format!(
            "<meta refines=\"#{id}\" property=\"collection-type\">series</meta>\n"
        ));
        if let Some(index) = index {
            o.push_str(&format!(
                "<meta refines=\"#{id}\" property=\"group-position\">{index}</meta>\n"
            ));
        }
    }
    // Calibre knows one series per book.
    if let Some((name, index)) = series.first() {
        o.push_str(&format!(
            "<meta name=\"calibre:series\" content=\"{}\"/>\n",
            attr(name)
        ));
        if let Some(index) = index {
            o.push_str(&format!(
                "<meta name=\"calibre:series_index\" content=\"{index}\"/>\n"
            ));
        }
    }
}
