//! The EPUB writer's round trip: a `Work` read from arbitrary input, written as EPUB by the
//! export stage, read back by the EPUB reader, gives the same work — the fields that
//! `tests/cli/roundtrip.rs` compares for the fixtures.
//!
//! The `Work` comes from reading the input (first byte: which kind of file), not from
//! arbitrary structs: every `Work` the exporter sees in real use was made by the normalizer,
//! and the fuzzer reaches odd titles, tags and chapter HTML that way.

use ficshelf_export::{ExportFormat, render};
use ficshelf_markup::{count_words, text_content};
use ficshelf_model::{
    Ao3Rating, ArchiveWarning, Author, Category, Chapter, Date, SeriesRef, Status, Work,
};

use crate::ingest::read_as;

/// Source kinds a round trip starts from.
const SOURCES: [&str; 3] = ["fuzz.txt", "fuzz.html", "fuzz.md"];

pub(crate) fn epub_roundtrip(data: &[u8]) {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let Some(work) = read_as(SOURCES[usize::from(pick) % SOURCES.len()], bytes) else {
        return;
    };
    let epub = render(&work, ExportFormat::Epub)
        .unwrap_or_else(|e| panic!("EPUB export of a read work failed: {e}"));
    let again = read_as("fuzz.epub", &epub)
        .unwrap_or_else(|| panic!("the EPUB written for {:?} does not read back", work.title));
    assert_same_work(&work, &again);
}

/// Panics when `again` (read back from the EPUB written for `work`) differs from it in
/// anything a round trip keeps.
pub fn assert_same_work(work: &Work, again: &Work) {
    let mut expected = Comparable::of(work);
    // The EPUB writer turns an image into its alt text (it has no image to package), which
    // then counts as words: by design, and the only change allowed.
    expected.words = work
        .chapters
        .iter()
        .map(|c| count_words(&images_as_alt_text(&c.html)))
        .sum();
    for (view, chapter) in expected.chapters.iter_mut().zip(&work.chapters) {
        view.text = text_content(&images_as_alt_text(&chapter.html));
    }
    assert_eq!(
        Comparable::of(again),
        expected,
        "the EPUB round trip changed the work"
    );
}

/// Sanitized HTML with every `<img …>` replaced by its `alt` value (sanitized HTML writes
/// attributes as `name="value"` with `"` escaped, so a scan reads them).
fn images_as_alt_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<img") {
        out.push_str(&rest[..at]);
        let end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        let tag = &rest[at..end];
        if let Some(alt) = tag.find(" alt=\"") {
            let value = &tag[alt + 6..];
            out.push_str(&value[..value.find('"').unwrap_or(value.len())]);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The fields a round trip keeps: all of a work's metadata and text (prose compared as its
/// text, since the markup around it may be written differently), not its provenance,
/// diagnostics, `extra` or source, which say where this copy came from.
#[derive(Debug, PartialEq)]
struct Comparable<'a> {
    title: &'a str,
    authors: &'a [Author],
    fandoms: &'a [String],
    rating: Ao3Rating,
    warnings: &'a [ArchiveWarning],
    categories: &'a [Category],
    relationships: &'a [String],
    characters: &'a [String],
    tags: &'a [String],
    summary: Option<String>,
    notes: Option<String>,
    end_notes: Option<String>,
    series: &'a [SeriesRef],
    published: Option<Date>,
    updated: Option<Date>,
    status: Status,
    language: Option<&'a str>,
    chapters: Vec<ChapterView<'a>>,
    words: u64,
}

/// A chapter as the round trip compares it.
#[derive(Debug, PartialEq)]
struct ChapterView<'a> {
    title: Option<&'a str>,
    summary: Option<String>,
    notes: Option<String>,
    end_notes: Option<String>,
    text: String,
}

fn prose(html: Option<&String>) -> Option<String> {
    html.map(|h| text_content(h))
}

impl<'a> ChapterView<'a> {
    fn of(c: &'a Chapter) -> Self {
        ChapterView {
            title: c.title.as_deref(),
            summary: prose(c.summary.as_ref()),
            notes: prose(c.notes.as_ref()),
            end_notes: prose(c.end_notes.as_ref()),
            text: text_content(&c.html),
        }
    }
}

impl<'a> Comparable<'a> {
    fn of(w: &'a Work) -> Self {
        Comparable {
            title: &w.title,
            authors: &w.authors,
            fandoms: &w.fandoms,
            rating: w.rating.ao3,
            warnings: &w.warnings.ao3,
            categories: &w.categories,
            relationships: &w.relationships,
            characters: &w.characters,
            tags: &w.tags,
            summary: prose(w.summary.as_ref()),
            notes: prose(w.notes.as_ref()),
            end_notes: prose(w.end_notes.as_ref()),
            series: &w.series,
            published: w.published,
            updated: w.updated,
            status: w.status,
            language: w.language.as_deref(),
            chapters: w.chapters.iter().map(ChapterView::of).collect(),
            words: w.words,
        }
    }
}
