//! The HTML reader: a saved page, an archive's printable page or a downloader's HTML output →
//! `RawWork` (format `html`).
//!
//! The flow:
//!
//! 1. Refuse pages over `Limits::max_html_bytes` (an html5ever tree costs many times its
//!    source), decode (`decode::decode` with the page's declared charset as a hint only), and
//!    flatten nesting deeper than `Limits::html_max_depth` *before* building a tree
//!    ([`parse_page`]; html5ever is quadratic in depth).
//! 2. Recognize who wrote the page ([`page_producer`]): ficshelf itself (`ficshelf`, its
//!    `generator` meta), an AO3 download (`ao3`), FanFicFare's HTML (`fanficfare`), an eFiction
//!    printable page (`efiction`), or anything else (`plain`).
//! 3. Each producer's module *locates* the metadata (labels, lists, links) and the chapters
//!    (sections, headings, content blocks) in its layout; the `generic` module reads any other
//!    page (`<title>`, `<meta>`, labels above the story, metadata in comments, chapter headings).
//!
//! Values are text (scripts and styles contribute nothing); chapters are the page's own markup,
//! unsanitized (the normalizer sanitizes) but never holding the metadata, the table of contents,
//! the chapter heading or navigation.
//!
//! The EPUB reader reads its pages with the same code through [`parse_page`], [`page_fields`],
//! [`chapter_content`] and [`page_chapters`].

mod ao3;
mod comment;
mod dom;
mod efiction;
mod fanficfare;
mod ficshelf;
mod generic;
mod headings;
mod labels;
mod segments;

use ficshelf_markup::flatten_deep;
use ficshelf_model::{Diagnostic, Format, Limits, Producer, RawChapter, RawField, RawWork};
use html5ever::tendril::{StrTendril, TendrilSink};

use crate::IngestError;
use crate::decode;

/// What one of the layout readers found on a page.
#[derive(Debug, Default)]
pub(crate) struct Reading {
    pub fields: Vec<RawField>,
    /// Elements that looked like metadata (or were navigation, a table of contents) but fed no
    /// field: (origin, text).
    pub unused: Vec<(String, String)>,
    pub chapters: Vec<RawChapter>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Reading {
    /// Keep the promises every reader makes: no field without a value and no chapter without
    /// markup (an empty heading or label found on a page is noted as unused instead).
    fn tidy(mut self) -> Self {
        let (kept, empty): (Vec<RawField>, Vec<RawField>) = std::mem::take(&mut self.fields)
            .into_iter()
            .partition(|f| !f.value.trim().is_empty());
        self.fields = kept;
        self.unused.extend(
            empty
                .into_iter()
                .map(|f| (f.origin, format!("{}:", f.label))),
        );
        let (kept, empty): (Vec<RawChapter>, Vec<RawChapter>) = std::mem::take(&mut self.chapters)
            .into_iter()
            .partition(|c| !c.html.trim().is_empty());
        self.chapters = kept;
        self.unused.extend(
            empty
                .into_iter()
                .map(|c| (c.origin, c.title.unwrap_or_default())),
        );
        self
    }
}

/// Read a whole HTML file.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<RawWork, IngestError> {
    check_size(bytes.len(), limits)?;
    let declared = decode::declared_charset(bytes);
    let decoded = decode::decode(bytes, declared.as_deref());
    let (doc, diagnostics) = parse_page(&decoded.text, limits)?;
    let producer = page_producer(&doc);
    let reading = read_page(&doc, producer, "");
    if reading.chapters.len() > limits.max_chapters {
        return Err(IngestError::TooManyChapters {
            found: reading.chapters.len(),
            limit: limits.max_chapters,
        });
    }
    let mut raw = RawWork::new(Format::Html, producer, decoded.encoding);
    raw.diagnostics = decoded.diagnostics;
    raw.diagnostics.extend(diagnostics);
    raw.diagnostics.extend(reading.diagnostics);
    raw.fields = reading.fields;
    raw.unused = reading.unused;
    raw.chapters = reading.chapters;
    if raw.chapters.is_empty() {
        raw.diagnostics
            .push(Diagnostic::warning("no story text found in the page"));
    }
    Ok(raw)
}

fn check_size(bytes: usize, limits: &Limits) -> Result<(), IngestError> {
    let bytes = bytes as u64;
    if bytes > limits.max_html_bytes {
        return Err(IngestError::HtmlTooLarge {
            bytes,
            limit: limits.max_html_bytes,
        });
    }
    Ok(())
}

/// Parse one page of decoded text into a tree, safely: a page over `limits.max_html_bytes` is
/// refused; elements nested deeper than `limits.html_max_depth` lose their tags (their text
/// stays) before html5ever sees the page, with a warning saying so; and the page is fed to
/// html5ever in small pieces, so that a tree growing past `limits.html_max_nodes` is refused
/// as soon as it does (html5ever clones formatting elements: a tree can outgrow its source by
/// a factor of a hundred).
pub(crate) fn parse_page(
    text: &str,
    limits: &Limits,
) -> Result<(scraper::Html, Vec<Diagnostic>), IngestError> {
    check_size(text.len(), limits)?;
    let mut diagnostics = Vec::new();
    let (flat, report) = flatten_deep(text, limits.html_max_depth);
    if report.removed_tags > 0 {
        diagnostics.push(Diagnostic::warning(format!(
            "HTML nested {} deep, over the {} limit (html_max_depth): {} tags below that depth \
             removed, their text kept",
            report.deepest, limits.html_max_depth, report.removed_tags
        )));
    }
    let sink = scraper::HtmlTreeSink::new(scraper::Html::new_document());
    let mut parser = html5ever::driver::parse_document(sink, Default::default());
    let mut rest: &str = &flat;
    while !rest.is_empty() {
        let (chunk, tail) = rest.split_at(char_floor(rest, PARSE_CHUNK));
        parser.process(StrTendril::from_slice(chunk));
        rest = tail;
        let mut html = parser.tokenizer.sink.sink.0.borrow_mut();
        if html.tree.values().len() > limits.html_max_nodes {
            return Err(IngestError::HtmlTooManyNodes {
                limit: limits.html_max_nodes,
            });
        }
        // Parse errors are never read, and a page of garbage has one every few bytes.
        html.errors.clear();
    }
    Ok((parser.finish(), diagnostics))
}

/// How much of a page html5ever is given at a time: small enough that one piece cannot grow
/// the tree far past the node limit, large enough to cost nothing.
const PARSE_CHUNK: usize = 8 * 1024;

/// The largest char boundary of `s` at or below `at`.
fn char_floor(s: &str, at: usize) -> usize {
    if at >= s.len() {
        return s.len();
    }
    let mut i = at;
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    // A piece is never empty: a char is at most 4 bytes.
    if i == 0 {
        s.char_indices().nth(1).map_or(s.len(), |(j, _)| j)
    } else {
        i
    }
}

/// Who wrote a page, from its layout: `Ficshelf`, `Ao3`, `FanFicFare`, `EFiction`, or `Plain`.
/// Works on single pages too (an EPUB's title page or chapter).
pub(crate) fn page_producer(doc: &scraper::Html) -> Producer {
    if ficshelf::recognize(doc) {
        Producer::Ficshelf
    } else if ao3::recognize(doc) {
        Producer::Ao3
    } else if fanficfare::recognize(doc) {
        Producer::FanFicFare
    } else if efiction::recognize(doc) {
        Producer::EFiction
    } else {
        Producer::Plain
    }
}

/// The label/value metadata found on one page, in the layout [`page_producer`] recognizes:
/// ficshelf's `dl.meta` preface, AO3's preface (`dl.tags`, byline, summary and notes
/// blockquotes, afterword end notes), FanFicFare's title page (heading with title and author
/// links, `<b>Label:</b>` lines or a table), eFiction's `#pagetitle` and `.content` labels, or
/// on any other page the `<title>`, `<meta>` tags, metadata comments and labels above the text.
///
/// `origin` names the page in each field's origin (`title_page.xhtml` gives
/// `title_page.xhtml b: "Rating: Teen"`); pass `""` for a lone page. Returns the fields in page
/// order and what looked like metadata but fed no field, as (origin, text).
pub(crate) fn page_fields(
    doc: &scraper::Html,
    origin: &str,
) -> (Vec<RawField>, Vec<(String, String)>) {
    let reading = match page_producer(doc) {
        Producer::Ficshelf => ficshelf::fields(doc, origin),
        Producer::Ao3 => ao3::fields(doc, origin),
        Producer::FanFicFare => fanficfare::fields(doc, origin),
        Producer::EFiction => efiction::fields(doc, origin),
        _ => generic::fields(doc, origin),
    }
    .tidy();
    (reading.fields, reading.unused)
}

/// One chapter as a page holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PageChapter {
    /// The chapter's heading as written (`Chapter 2: Undertow`), if the page has one.
    pub heading: Option<String>,
    /// The story text as the page's markup (unsanitized), without the heading, metadata,
    /// notes, table of contents or navigation. Empty when the page holds no text.
    pub html: String,
    /// Chapter summary, notes and end notes as markup, when the layout marks them.
    pub summary: Option<String>,
    pub notes: Option<String>,
    pub end_notes: Option<String>,
}

impl PageChapter {
    /// The `RawChapter` with `origin` saying where it was found (`spine item chapter2.xhtml`).
    pub fn into_raw(self, origin: impl Into<String>) -> RawChapter {
        let mut c = RawChapter::new(self.heading, self.html, origin);
        c.summary = self.summary;
        c.notes = self.notes;
        c.end_notes = self.end_notes;
        c
    }
}

/// The story text of a page that holds one chapter (an EPUB chapter file): its first chapter
/// in the page's layout (a ficshelf `section.chapter`, AO3's chapter blocks, FanFicFare's
/// chapter title and text), or on any other page the body after its first heading, with labels
/// above the text and navigation ("Next chapter", "Back to index") left out.
pub(crate) fn chapter_content(doc: &scraper::Html) -> PageChapter {
    let producer = page_producer(doc);
    if producer == Producer::Plain {
        return generic::chapter(doc);
    }
    let chapters = read_page(doc, producer, "").chapters;
    match chapters.into_iter().next() {
        Some(c) => PageChapter {
            heading: c.title,
            html: c.html,
            summary: c.summary,
            notes: c.notes,
            end_notes: c.end_notes,
        },
        None => PageChapter::default(),
    }
}

/// Every chapter on one page, in order, as [`read`] finds them in a whole HTML file; `origin`
/// names the page in each chapter's origin. Chapters without text are left out.
pub(crate) fn page_chapters(doc: &scraper::Html, origin: &str) -> Vec<RawChapter> {
    read_page(doc, page_producer(doc), origin).chapters
}

/// The whole page in the layout of `producer`.
fn read_page(doc: &scraper::Html, producer: Producer, origin: &str) -> Reading {
    match producer {
        Producer::Ficshelf => ficshelf::read(doc, origin),
        Producer::Ao3 => ao3::read(doc, origin),
        Producer::FanFicFare => fanficfare::read(doc, origin),
        Producer::EFiction => efiction::read(doc, origin),
        _ => generic::read(doc, origin),
    }
    .tidy()
}

#[cfg(test)]
mod tests;
