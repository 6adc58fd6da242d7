//! The EPUB writer: EPUB 3 with an EPUB 2 NCX for older readers, as docs/ficshelf-formats.md
//! describes, passing epubcheck 4.2.6 with no errors and no warnings.
//!
//! `opf` writes the package document, `nav` the two tables of contents, `xhtml` the content
//! documents and stylesheet, `zip` the container. Everything is deterministic: the identifier
//! comes from a hash of the work, `dcterms:modified` from its dates, zip entries have fixed
//! times, so the same `Work` always gives the same bytes.

mod nav;
mod opf;
mod xhtml;
mod zip;

#[cfg(test)]
mod tests;

use ficshelf_model::Work;

use crate::meta;
use crate::xml::{is_language_tag, is_rtl_language, one_line};

/// What the parts of the book need to agree on.
pub(crate) struct Book<'a> {
    pub work: &'a Work,
    /// `urn:uuid:…`, from the work's content.
    pub identifier: String,
    /// The work's language when it is a well-formed tag, `und` (undetermined) otherwise.
    pub lang: String,
    pub rtl: bool,
    pub title: String,
    /// The content documents in reading order.
    pub pages: Vec<Page>,
}

/// One XHTML content document of the spine.
pub(crate) struct Page {
    /// File name inside `OEBPS/`.
    pub file: String,
    /// Manifest id.
    pub id: String,
    /// Its entry in the tables of contents.
    pub label: String,
    pub kind: PageKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PageKind {
    Title,
    /// Chapter number, 1-based.
    Chapter(usize),
    Afterword,
}

impl<'a> Book<'a> {
    pub fn new(work: &'a Work) -> Book<'a> {
        let lang = work
            .language
            .as_deref()
            .map(one_line)
            .filter(|l| is_language_tag(l))
            .unwrap_or_else(|| "und".to_string());
        let mut pages = vec![Page {
            file: "title.xhtml".into(),
            id: "title-page".into(),
            label: "Title Page".into(),
            kind: PageKind::Title,
        }];
        for (i, ch) in work.chapters.iter().enumerate() {
            let n = i + 1;
            pages.push(Page {
                file: format!("chapter-{n}.xhtml"),
                id: format!("chapter-{n}"),
                label: meta::chapter_heading(n, ch),
                kind: PageKind::Chapter(n),
            });
        }
        if meta::has_afterword(work) {
            pages.push(Page {
                file: "afterword.xhtml".into(),
                id: "afterword".into(),
                label: "End Notes".into(),
                kind: PageKind::Afterword,
            });
        }
        Book {
            work,
            identifier: opf::identifier(work),
            rtl: is_rtl_language(&lang),
            lang,
            title: meta::title(work),
            pages,
        }
    }
}

/// The work as the bytes of an `.epub` file.
pub(crate) fn render(work: &Work) -> Result<Vec<u8>, ::zip::result::ZipError> {
    let book = Book::new(work);
    let mut files: Vec<(String, String)> = vec![
        ("META-INF/container.xml".into(), CONTAINER.to_string()),
        ("OEBPS/content.opf".into(), opf::package(&book)),
        ("OEBPS/nav.xhtml".into(), nav::nav(&book)),
        ("OEBPS/toc.ncx".into(), nav::ncx(&book)),
        ("OEBPS/style.css".into(), xhtml::CSS.to_string()),
    ];
    for page in &book.pages {
        files.push((format!("OEBPS/{}", page.file), xhtml::page(&book, page)));
    }
    zip::package(&files)
}

const CONTAINER: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"#;
