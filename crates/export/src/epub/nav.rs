//! The two tables of contents: the EPUB 3 navigation document (`nav.xhtml`, with landmarks)
//! and the EPUB 2 NCX (`toc.ncx`) that older readers use. Both list the same pages.

use super::{Book, PageKind, xhtml};
use crate::xml::{attr, one_line, text};

/// The EPUB 3 navigation document.
pub(crate) fn nav(book: &Book<'_>) -> String {
    let mut body = String::with_capacity(1024);
    body.push_str("<nav epub:type=\"toc\" id=\"toc\">\n<h1>Contents</h1>\n<ol>\n");
    for p in &book.pages {
        body.push_str(&format!(
            "<li><a href=\"{}\">{}</a></li>\n",
            p.file,
            text(&p.label)
        ));
    }
    body.push_str("</ol>\n</nav>\n");
    body.push_str("<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"hidden\">\n<h2>Landmarks</h2>\n<ol>\n");
    for p in &book.pages {
        let (kind, label) = match p.kind {
            PageKind::Title => ("titlepage", "Title Page"),
            PageKind::Chapter(1) => ("bodymatter", "Start"),
            PageKind::Chapter(_) => continue,
            PageKind::Afterword => ("backmatter", "End Notes"),
        };
        body.push_str(&format!(
            "<li><a epub:type=\"{kind}\" href=\"{}\">{label}</a></li>\n",
            p.file
        ));
    }
    body.push_str("</ol>\n</nav>\n");
    xhtml::document(book, "Contents", &body)
}

/// The EPUB 2 NCX.
pub(crate) fn ncx(book: &Book<'_>) -> String {
    let mut o = String::with_capacity(2048);
    o.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    o.push_str(&format!(
        "<ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" version=\"2005-1\" xml:lang=\"{}\">\n",
        attr(&book.lang)
    ));
    o.push_str("<head>\n");
    o.push_str(&format!(
        "<meta name=\"dtb:uid\" content=\"{}\"/>\n",
        book.identifier
    ));
    o.push_str("<meta name=\"dtb:depth\" content=\"1\"/>\n");
    o.push_str("<meta name=\"dtb:totalPageCount\" content=\"0\"/>\n");
    o.push_str("<meta name=\"dtb:maxPageNumber\" content=\"0\"/>\n");
    o.push_str("</head>\n");
    o.push_str(&format!(
        "<docTitle><text>{}</text></docTitle>\n",
        text(&book.title)
    ));
    for name in book
        .work
        .authors
        .iter()
        .map(|a| one_line(&a.name))
        .filter(|n| !n.is_empty())
    {
        o.push_str(&format!(
            "<docAuthor><text>{}</text></docAuthor>\n",
            text(&name)
        ));
    }
    o.push_str("<navMap>\n");
    for (i, p) in book.pages.iter().enumerate() {
        o.push_str(&format!(
            "<navPoint id=\"nav-{id}\" playOrder=\"{order}\"><navLabel><text>{label}</text></navLabel><content src=\"{file}\"/></navPoint>\n",
            id = p.id,
            order = i + 1,
            label = text(&p.label),
            file = p.file,
        ));
    }
    o.push_str("</navMap>\n</ncx>\n");
    o
}
