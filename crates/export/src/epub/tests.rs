use std::io::{Cursor, Read};

use ::zip::{CompressionMethod, ZipArchive};
use ficshelf_model::{Chapter, Date};

use super::*;
use crate::testutil::{assert_well_formed, bare_work, full_work};

/// The entries of an EPUB: (name, compression, content).
fn entries(bytes: &[u8]) -> Vec<(String, CompressionMethod, String)> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            (f.name().unwrap().to_string(), f.compression(), s)
        })
        .collect()
}

fn file(bytes: &[u8], name: &str) -> String {
    entries(bytes)
        .into_iter()
        .find(|(n, _, _)| n == name)
        .map(|(_, _, s)| s)
        .unwrap_or_else(|| panic!("no {name}"))
}

#[test]
fn package_layout_and_mimetype_first_stored() {
    let bytes = render(&full_work()).unwrap();
    // Readers sniff `mimetype` at offset 30 of the file.
    assert_eq!(&bytes[30..38], b"mimetype");
    assert_eq!(&bytes[38..58], b"application/epub+zip");
    let names: Vec<(String, CompressionMethod)> = entries(&bytes)
        .into_iter()
        .map(|(n, c, _)| (n, c))
        .collect();
    let expected = [
        "mimetype",
        "META-INF/container.xml",
        "OEBPS/content.opf",
        "OEBPS/nav.xhtml",
        "OEBPS/toc.ncx",
        "OEBPS/style.css",
        "OEBPS/title.xhtml",
        "OEBPS/chapter-1.xhtml",
        "OEBPS/chapter-2.xhtml",
        "OEBPS/afterword.xhtml",
    ];
    assert_eq!(
        names.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
        expected
    );
    assert_eq!(names[0].1, CompressionMethod::Stored);
    assert!(
        names[1..]
            .iter()
            .all(|(_, c)| *c == CompressionMethod::Deflated)
    );
    for (name, _, content) in entries(&bytes) {
        if name.ends_with(".xml")
            || name.ends_with(".opf")
            || name.ends_with(".xhtml")
            || name.ends_with(".ncx")
        {
            assert_well_formed(&content);
        }
    }
}

#[test]
fn same_work_same_bytes() {
    let w = full_work();
    assert_eq!(render(&w).unwrap(), render(&w.clone()).unwrap());
}

#[test]
fn identifier_comes_from_title_authors_and_text() {
    let w = full_work();
    let id = opf::identifier(&w);
    let hex = id.strip_prefix("urn:uuid:").unwrap();
    let groups: Vec<usize> = hex.split('-').map(str::len).collect();
    assert_eq!(groups, [8, 4, 4, 4, 12]);
    assert!(hex.chars().all(|c| c == '-' || c.is_ascii_hexdigit()));
    assert_eq!(&hex[14..15], "8", "version 8");
    assert!("89ab".contains(&hex[19..20]), "RFC variant");
    let mut retagged = w.clone();
    retagged.tags.push("Fluff".into());
    retagged.source.path = "elsewhere/storm.txt".into();
    assert_eq!(opf::identifier(&retagged), id);
    let mut edited = w.clone();
    edited.chapters[1].html.push_str("<p>More.</p>");
    assert_ne!(opf::identifier(&edited), id);
    let mut renamed = w.clone();
    renamed.title.push('!');
    assert_ne!(opf::identifier(&renamed), id);
}

#[test]
fn opf_carries_the_metadata() {
    let w = full_work();
    let opf = file(&render(&w).unwrap(), "OEBPS/content.opf");
    for needle in [
        "<dc:title>The Storm Over Sunnydale</dc:title>",
        "<dc:language>en</dc:language>",
        "<dc:creator id=\"creator-1\">Jane Doe</dc:creator>",
        "<dc:creator id=\"creator-2\">R. Second</dc:creator>",
        "<dc:description>&lt;p&gt;First paragraph of the summary.&lt;/p&gt;",
        "<dc:subject>Buffy the Vampire Slayer</dc:subject>",
        "<dc:subject>Buffy Summers/Spike</dc:subject>",
        "<dc:subject>Willow Rosenberg</dc:subject>",
        "<dc:subject>Hurt/Comfort</dc:subject>",
        "<dc:date>2004-03-14</dc:date>",
        "<dc:source>https://archive.example.org/story/17</dc:source>",
        "<meta property=\"dcterms:modified\">2004-05-01T00:00:00Z</meta>",
        "<meta name=\"calibre:series\" content=\"Hellmouth Nights\"/>",
        "<meta name=\"calibre:series_index\" content=\"2\"/>",
        "<meta refines=\"#series-1\" property=\"group-position\">2</meta>",
        &format!(
            "<dc:identifier id=\"book-id\">{}</dc:identifier>",
            opf::identifier(&w)
        ),
        "<itemref idref=\"chapter-2\"/>",
        "<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>",
    ] {
        assert!(opf.contains(needle), "{needle} missing from\n{opf}");
    }
    assert!(opf.find("creator-1").unwrap() < opf.find("creator-2").unwrap());
}

#[test]
fn modified_is_derived_not_the_clock() {
    let mut w = bare_work();
    assert_eq!(opf::modified(&w), "1970-01-01T00:00:00Z");
    w.published = Some(Date::new(2001, 2, 3).unwrap());
    assert_eq!(opf::modified(&w), "2001-02-03T00:00:00Z");
    w.updated = Some(Date::new(2002, 12, 31).unwrap());
    assert_eq!(opf::modified(&w), "2002-12-31T00:00:00Z");
}

#[test]
fn language_defaults_to_undetermined_and_sets_direction() {
    let mut w = bare_work();
    let opf = file(&render(&w).unwrap(), "OEBPS/content.opf");
    assert!(opf.contains("<dc:language>und</dc:language>"));
    w.language = Some("English".into());
    assert!(
        file(&render(&w).unwrap(), "OEBPS/content.opf").contains("<dc:language>und</dc:language>")
    );
    w.language = Some("ar".into());
    let bytes = render(&w).unwrap();
    assert!(
        file(&bytes, "OEBPS/content.opf")
            .contains("<spine toc=\"ncx\" page-progression-direction=\"rtl\">")
    );
    assert!(
        file(&bytes, "OEBPS/chapter-1.xhtml").contains("xml:lang=\"ar\" lang=\"ar\" dir=\"rtl\"")
    );
}

#[test]
fn tables_of_contents_list_every_page() {
    let bytes = render(&full_work()).unwrap();
    let nav = file(&bytes, "OEBPS/nav.xhtml");
    let ncx = file(&bytes, "OEBPS/toc.ncx");
    for (file, label) in [
        ("title.xhtml", "Title Page"),
        ("chapter-1.xhtml", "Chapter 1: Into the Dark"),
        ("chapter-2.xhtml", "Chapter 2"),
        ("afterword.xhtml", "End Notes"),
    ] {
        assert!(
            nav.contains(&format!("<li><a href=\"{file}\">{label}</a></li>")),
            "{nav}"
        );
        assert!(
            ncx.contains(&format!(
                "<text>{label}</text></navLabel><content src=\"{file}\"/>"
            )),
            "{ncx}"
        );
    }
    assert!(ncx.contains(&format!(
        "<meta name=\"dtb:uid\" content=\"{}\"/>",
        opf::identifier(&full_work())
    )));
    assert!(ncx.contains("playOrder=\"4\""));
}

#[test]
fn pages_carry_the_preface_chapters_and_afterword() {
    let bytes = render(&full_work()).unwrap();
    let title = file(&bytes, "OEBPS/title.xhtml");
    assert!(
        title.contains("<dl class=\"meta\">")
            && title.contains("<dd class=\"rating\">Teen And Up Audiences</dd>")
    );
    assert!(title.contains("<div class=\"summary\">"));
    let ch = file(&bytes, "OEBPS/chapter-1.xhtml");
    assert!(ch.contains("<section class=\"chapter\" id=\"chapter-1\" epub:type=\"chapter\">\n<h2>Chapter 1: Into the Dark</h2>"));
    assert!(ch.contains("<hr/>"), "XHTML void elements are self-closed");
    assert!(ch.contains("<title>Chapter 1: Into the Dark</title>"));
    assert!(file(&bytes, "OEBPS/afterword.xhtml").contains("<p>Thanks for reading!</p>"));
    let without = render(&bare_work()).unwrap();
    assert!(
        !entries(&without)
            .iter()
            .any(|(n, _, _)| n.contains("afterword"))
    );
}

#[test]
fn no_chapters_still_makes_a_book() {
    let mut w = bare_work();
    w.chapters.clear();
    let bytes = render(&w).unwrap();
    let opf = file(&bytes, "OEBPS/content.opf");
    assert!(opf.contains("<itemref idref=\"title-page\"/>") && !opf.contains("<guide>"));
    let mut empty_text = bare_work();
    empty_text.chapters = vec![Chapter::new(None, String::new(), 0)];
    assert_well_formed(&file(
        &render(&empty_text).unwrap(),
        "OEBPS/chapter-1.xhtml",
    ));
}

#[test]
fn every_structural_class_written_is_reserved() {
    // Sanitizing drops reserved class names from work HTML, so that a work's own text can
    // never pose as the structure the ficshelf reader finds (see ficshelf_markup::classes).
    // A class added here without being reserved would reopen that hole.
    let mut w = full_work();
    let ch = &mut w.chapters[0];
    ch.summary = Some("<p>Sum</p>".into());
    ch.notes = Some("<p>Note</p>".into());
    ch.end_notes = Some("<p>End</p>".into());
    let mut pages = vec![crate::html::render(&w)];
    let bytes = render(&w).unwrap();
    pages.extend(
        entries(&bytes)
            .into_iter()
            .filter(|(name, _, _)| name.ends_with(".xhtml"))
            .map(|(_, _, text)| text),
    );
    let mut seen = std::collections::BTreeSet::new();
    for page in &pages {
        let doc = scraper::Html::parse_document(page);
        for node in doc.tree.values() {
            if let scraper::Node::Element(e) = node {
                seen.extend(e.classes().map(str::to_string));
            }
        }
    }
    let unreserved: Vec<&String> = seen
        .iter()
        .filter(|c| !ficshelf_markup::is_reserved_class(c))
        .collect();
    assert!(unreserved.is_empty(), "not reserved: {unreserved:?}");
    // The check saw the structure: the chapter parts and the metadata list.
    for c in [
        "chapter",
        "chapter-summary",
        "chapter-end-notes",
        "meta",
        "rating",
    ] {
        assert!(seen.contains(c), "{c} not written: {seen:?}");
    }
}

#[test]
fn a_work_of_the_most_chapters_makes_an_epub_the_reader_accepts() {
    // Every EPUB ficshelf writes must read back under the default limits: one entry per
    // chapter plus a fixed set of other files, against the reader's entry limit.
    let mut w = full_work();
    let per_chapter = |w: &Work| entries(&render(w).unwrap()).len();
    let two = per_chapter(&w);
    w.chapters
        .push(Chapter::new(None, "<p>Third.</p>".into(), 1));
    let three = per_chapter(&w);
    assert_eq!(three, two + 1, "one entry per chapter");
    let fixed = two - 2;
    let limits = ficshelf_model::Limits::default();
    assert!(
        limits.max_chapters + fixed <= limits.epub_max_entries,
        "{} chapters + {fixed} files > epub_max_entries {}",
        limits.max_chapters,
        limits.epub_max_entries
    );
}
