//! Targets over the first three stages (detect, decode, read) and the normalizer behind the
//! ingest facade: every file a user can hand to `ficshelf import` ends up in one of these.
//!
//! Each reader target goes through `read_bytes`, as `import` does, with a name whose extension
//! leads detection towards that reader (magic bytes still win: a `.txt` that is HTML is read
//! as HTML, as in real use). A refusal is a fine answer; a panic, a hang or a `Work` that
//! breaks an invariant below is a finding.

use std::io::{Cursor, Write};

use ficshelf_ingest::{Options, decode, detect, read_bytes};
use ficshelf_model::{Format, Limits, Work};
use zip::write::SimpleFileOptions;

/// Names a detect target's first byte picks from: every extension detection knows, and none.
pub(crate) const NAMES: [&str; 8] = [
    "fuzz.txt",
    "fuzz.html",
    "fuzz.epub",
    "fuzz.md",
    "fuzz.htm",
    "fuzz.xhtml",
    "fuzz.text",
    "fuzz",
];

/// The first byte picks the file name (its extension is detection's hint); the rest is the
/// file. Whatever detection decides, the bytes are also decoded, as a reader would.
pub(crate) fn detect_decode(data: &[u8]) {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(pick) % NAMES.len()];
    let format = detect::detect(name, bytes);
    if let Ok(Format::Epub) = format {
        assert!(bytes.starts_with(b"PK"), "an EPUB that is not a zip");
    }
    let declared = decode::declared_charset(bytes);
    let decoded = decode::decode(bytes, declared.as_deref());
    check_clean_text(&decoded.text);
    if let Ok(Format::Txt | Format::Html) = format {
        // Decoding the clean text of a text file again changes nothing: it is UTF-8 with no
        // BOM, CR or mojibake left. (Binary decoded as cp1252 is noise that may look like
        // mojibake layer after layer; detection refuses it before a reader decodes it.)
        let again = decode::decode(decoded.text.as_bytes(), None);
        assert_eq!(again.text, decoded.text, "decoding is not idempotent");
    }
}

/// What the decode stage promises every reader (DESIGN.md "decode").
fn check_clean_text(text: &str) {
    assert!(!text.contains('\r'), "CR left in decoded text");
    assert!(!text.contains('\u{feff}'), "BOM left in decoded text");
    assert!(
        !text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t'),
        "control character left in decoded text"
    );
}

pub(crate) fn read_txt(data: &[u8]) {
    read_as("fuzz.txt", data);
}

pub(crate) fn read_html(data: &[u8]) {
    read_as("fuzz.html", data);
}

pub(crate) fn read_epub(data: &[u8]) {
    read_as("fuzz.epub", data);
}

/// An EPUB assembled from the input, so that the fuzzer mutates the OPF, the container and the
/// pages rather than zip structures and checksums: parts separated by [`PART_SEPARATOR`], each
/// `entry name\ncontent`, stored after a correct `mimetype`.
pub(crate) fn epub_parts(data: &[u8]) {
    if let Some(epub) = pack_epub(data) {
        read_as("fuzz.epub", &epub);
    }
}

/// Separates the entries of an `epub_parts` input (a NUL byte never occurs in XML).
pub const PART_SEPARATOR: &[u8] = b"\0\0\n";

/// The zip an `epub_parts` input describes; `None` when the zip writer refuses a name.
pub(crate) fn pack_epub(data: &[u8]) -> Option<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = SimpleFileOptions::default();
    zip.start_file("mimetype", stored).ok()?;
    zip.write_all(b"application/epub+zip").ok()?;
    for (i, part) in split_parts(data).into_iter().enumerate() {
        let (name, content) = match part.iter().position(|&b| b == b'\n') {
            Some(nl) => (&part[..nl], &part[nl + 1..]),
            None => (part, &[][..]),
        };
        let name = String::from_utf8_lossy(name);
        let options = if i % 2 == 0 { deflated } else { stored };
        // Two entries of one name are refused by the writer: keep the first.
        if zip.start_file(name.as_ref(), options).is_err() {
            continue;
        }
        zip.write_all(content).ok()?;
    }
    Some(zip.finish().ok()?.into_inner())
}

fn split_parts(data: &[u8]) -> Vec<&[u8]> {
    let mut parts = Vec::new();
    let mut rest = data;
    while let Some(at) = rest
        .windows(PART_SEPARATOR.len())
        .position(|w| w == PART_SEPARATOR)
    {
        parts.push(&rest[..at]);
        rest = &rest[at + PART_SEPARATOR.len()..];
    }
    parts.push(rest);
    parts
}

/// Read `data` as a file called `name` through the facade and check the `Work`.
pub(crate) fn read_as(name: &str, data: &[u8]) -> Option<Work> {
    let opts = Options::default();
    let work = read_bytes(name, data, &opts).ok()?;
    check_work(&work, &opts.limits);
    Some(work)
}

/// What every normalized `Work` promises the stages after it (store, search, export, web);
/// panics naming the first broken promise.
pub fn check_work(work: &Work, limits: &Limits) {
    assert!(!work.title.trim().is_empty(), "empty title");
    assert!(
        work.chapters.len() <= limits.max_chapters,
        "{} chapters, over the limit",
        work.chapters.len()
    );
    let sum: u64 = work.chapters.iter().map(|c| c.words).sum();
    assert_eq!(work.words, sum, "work words are not the chapters' sum");
    let html = work
        .chapters
        .iter()
        .flat_map(|c| {
            [
                Some(&c.html),
                c.summary.as_ref(),
                c.notes.as_ref(),
                c.end_notes.as_ref(),
            ]
        })
        .chain([
            work.summary.as_ref(),
            work.notes.as_ref(),
            work.end_notes.as_ref(),
        ])
        .flatten();
    for fragment in html {
        // Work HTML is sanitized, and sanitizing is idempotent: a second pass changes nothing.
        assert_eq!(
            &ficshelf_markup::sanitize(fragment),
            fragment,
            "Work HTML that the sanitizer would still change"
        );
    }
    for c in &work.chapters {
        assert_eq!(
            ficshelf_markup::count_words(&c.html),
            c.words,
            "chapter words"
        );
    }
    for value in work
        .fandoms
        .iter()
        .chain(&work.relationships)
        .chain(&work.characters)
        .chain(&work.tags)
        .chain(work.authors.iter().map(|a| &a.name))
    {
        assert!(!value.trim().is_empty(), "empty list value");
    }
}
