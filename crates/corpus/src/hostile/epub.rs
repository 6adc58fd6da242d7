//! The hostile EPUBs: bombs of several kinds, overlapping entries, unsafe names, deep XML.
//! Each is a real EPUB around its attack (mimetype first, container, OPF, a chapter), so the
//! reader gets as far as the attack before anything else stops it.

use std::io;

use super::rawzip::{self, Entry, Record};
use super::{Expect, HostileOptions};

const CONTAINER: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
"#;

/// An OPF whose spine lists `chapters` (hrefs relative to `OEBPS/`).
fn opf(title: &str, chapters: &[&str]) -> String {
    let mut manifest = String::new();
    let mut spine = String::new();
    for (i, href) in chapters.iter().enumerate() {
        manifest.push_str(&format!(
            "<item id=\"c{i}\" href=\"{href}\" media-type=\"application/xhtml+xml\"/>"
        ));
        spine.push_str(&format!("<itemref idref=\"c{i}\"/>"));
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="uid">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">urn:uuid:00000000-0000-4000-8000-0000000000ff</dc:identifier>
    <dc:title>{title}</dc:title><dc:creator>Odile Varga</dc:creator><dc:language>en</dc:language>
  </metadata>
  <manifest>{manifest}</manifest>
  <spine>{spine}</spine>
</package>
"#
    )
}

const PAGE_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>One</title></head><body><h1>One</h1><p>";
const PAGE_TAIL: &str = "</p></body></html>\n";

fn page(text: &str) -> String {
    format!("{PAGE_HEAD}{text}{PAGE_TAIL}")
}

const STORY: &str = "The ferry crossed twice a day, and on the second crossing nobody spoke.";

/// The entries every EPUB here opens with.
fn start(title: &str, chapters: &[&str]) -> Vec<Entry> {
    vec![
        Entry::stored("mimetype", b"application/epub+zip"),
        Entry::deflated("META-INF/container.xml", CONTAINER.as_bytes()),
        Entry::deflated("OEBPS/content.opf", opf(title, chapters).as_bytes()),
    ]
}

type Add<'a> = dyn FnMut(&str, &'static str, Expect, Vec<u8>) -> io::Result<()> + 'a;

pub(super) fn write_all(opts: &HostileOptions, add: &mut Add<'_>) -> io::Result<()> {
    // A chapter that inflates to `bomb_bytes`: refused by the ratio limit.
    let mut e = start("Ratio Bomb", &["ch1.xhtml"]);
    e.push(rawzip::deflated_repeat(
        "OEBPS/ch1.xhtml",
        PAGE_HEAD.as_bytes(),
        b'a',
        opts.bomb_bytes,
        PAGE_TAIL.as_bytes(),
    ));
    add(
        "bomb-ratio.epub",
        "zip bomb: one entry compressed over 1000:1",
        Expect::Refused,
        rawzip::write(&e, None),
    )?;

    // The same chapter, its headers claiming 4 KiB: the lie is caught while inflating.
    let mut e = start("Lying Bomb", &["ch1.xhtml"]);
    let mut bomb = rawzip::deflated_repeat(
        "OEBPS/ch1.xhtml",
        PAGE_HEAD.as_bytes(),
        b' ',
        opts.bomb_bytes / 4,
        PAGE_TAIL.as_bytes(),
    );
    bomb.declared_size = 4096;
    e.push(bomb);
    add(
        "bomb-lying-sizes.epub",
        "zip bomb: headers declare 4 KiB, the entry inflates to far more",
        Expect::Refused,
        rawzip::write(&e, None),
    )?;

    // Entries by the hundred thousand, each empty: the directory alone is the attack.
    let mut e = start("Many Entries", &["ch1.xhtml"]);
    e.push(Entry::deflated("OEBPS/ch1.xhtml", page(STORY).as_bytes()));
    for i in 0..opts.many_entries {
        e.push(Entry::stored(&format!("x/{i}"), b""));
    }
    add(
        "bomb-many-entries.epub",
        "zip bomb: a central directory of many empty entries",
        Expect::Refused,
        rawzip::write(&e, None),
    )?;

    // A bomb inside an EPUB: the inner zip is a chapter and a manifest item. Nothing unpacks
    // nested archives, so the inner bomb is only bytes.
    let inner = rawzip::write(
        &[rawzip::deflated_repeat(
            "bomb.txt",
            b"",
            b'a',
            opts.bomb_bytes,
            b"",
        )],
        None,
    );
    let mut e = start("Nested", &["ch1.xhtml", "inner.xhtml"]);
    e.push(Entry::deflated("OEBPS/ch1.xhtml", page(STORY).as_bytes()));
    e.push(Entry::stored("OEBPS/inner.xhtml", &inner));
    add(
        "bomb-nested-zip.epub",
        "zip bomb inside an EPUB, as a chapter",
        Expect::Either,
        rawzip::write(&e, None),
    )?;

    // Three chapters whose directory records all point at one entry's bytes: each read
    // inflates the same kernel again (the overlapping-entries bomb).
    // Stored, so that no ratio limit stops it before the sharing does anything.
    let mut e = start("Overlapping", &["ch1.xhtml", "ch2.xhtml", "ch3.xhtml"]);
    let kernel = page(&format!("{STORY} ").repeat(opts.bomb_bytes / 64 / STORY.len()));
    e.push(Entry::stored("OEBPS/ch1.xhtml", kernel.as_bytes()));
    let mut records: Vec<Record> = (0..e.len())
        .map(|entry| Record {
            entry,
            name: None,
            offset_shift: 0,
        })
        .collect();
    for name in ["OEBPS/ch2.xhtml", "OEBPS/ch3.xhtml"] {
        records.push(Record {
            entry: 3,
            name: Some(name.as_bytes().to_vec()),
            offset_shift: 0,
        });
    }
    add(
        "zip-overlapping-entries.epub",
        "three directory records sharing one entry's data",
        Expect::Either,
        rawzip::write(&e, Some(&records)),
    )?;

    // A record pointing into the middle of another entry's data.
    let mut e = start("Shifted", &["ch1.xhtml"]);
    e.push(Entry::stored("OEBPS/ch1.xhtml", page(STORY).as_bytes()));
    let mut records: Vec<Record> = (0..e.len())
        .map(|entry| Record {
            entry,
            name: None,
            offset_shift: 0,
        })
        .collect();
    records[3].offset_shift = 7;
    add(
        "zip-entry-inside-another.epub",
        "a directory record pointing inside another entry",
        Expect::Refused,
        rawzip::write(&e, Some(&records)),
    )?;

    for (file, name, what) in [
        (
            "entry-dotdot.epub",
            "OEBPS/../../../escaped.xhtml",
            "an entry named with .. that would land outside any folder it is unpacked into",
        ),
        (
            "entry-absolute.epub",
            "/tmp/ficshelf-escaped.xhtml",
            "an entry with an absolute name",
        ),
    ] {
        let mut e = start("Escape", &["ch1.xhtml"]);
        e.push(Entry::deflated("OEBPS/ch1.xhtml", page(STORY).as_bytes()));
        e.push(Entry::deflated(name, page("escaped").as_bytes()));
        add(file, what, Expect::Refused, rawzip::write(&e, None))?;
    }

    // Deep XML: a chapter of `depth` nested divs, and an OPF nested as deep. Stored: deflated,
    // they would be refused by the ratio limit before any parser saw the nesting.
    let mut chapter = String::from(PAGE_HEAD);
    chapter.push_str("</p>");
    chapter.push_str(&"<div>".repeat(opts.depth));
    chapter.push_str(STORY);
    chapter.push_str(&"</div>".repeat(opts.depth));
    chapter.push_str("<p>");
    chapter.push_str(PAGE_TAIL);
    let mut e = start("Deep Chapter", &["ch1.xhtml"]);
    e.push(Entry::stored("OEBPS/ch1.xhtml", chapter.as_bytes()));
    add(
        "deep-nesting-chapter.epub",
        "a chapter of 100,000 nested elements",
        Expect::Either,
        rawzip::write(&e, None),
    )?;

    let deep_opf = opf("Deep OPF", &["ch1.xhtml"]).replace(
        "<dc:language>en</dc:language>",
        &format!(
            "<dc:language>en</dc:language>{}{}",
            "<x:a xmlns:x=\"urn:x\">".repeat(opts.depth),
            "</x:a>".repeat(opts.depth)
        ),
    );
    let e = vec![
        Entry::stored("mimetype", b"application/epub+zip"),
        Entry::deflated("META-INF/container.xml", CONTAINER.as_bytes()),
        Entry::stored("OEBPS/content.opf", deep_opf.as_bytes()),
        Entry::deflated("OEBPS/ch1.xhtml", page(STORY).as_bytes()),
    ];
    add(
        "deep-nesting-opf.epub",
        "a package document of 100,000 nested elements",
        Expect::Either,
        rawzip::write(&e, None),
    )?;
    Ok(())
}
