//! The EPUB's XHTML content documents (title page, one per chapter, afterword) and its
//! stylesheet. The bodies are the same blocks the HTML writer uses (`meta`), in XHTML syntax.

use super::{Book, Page, PageKind};
use crate::fragment::Flavor;
use crate::meta;
use crate::xml::{attr, text};

/// A complete XHTML5 content document around `body`.
pub(crate) fn document(book: &Book<'_>, title: &str, body: &str) -> String {
    let lang = attr(&book.lang);
    let dir = if book.rtl { " dir=\"rtl\"" } else { "" };
    let mut o = String::with_capacity(body.len() + 512);
    o.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n");
    o.push_str(&format!(
        "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" xml:lang=\"{lang}\" lang=\"{lang}\"{dir}>\n"
    ));
    o.push_str("<head>\n<meta charset=\"utf-8\"/>\n<title>");
    o.push_str(&text(title));
    o.push_str("</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"style.css\"/>\n</head>\n<body>\n");
    o.push_str(body);
    o.push_str("</body>\n</html>\n");
    o
}

/// The content document for `page`.
pub(crate) fn page(book: &Book<'_>, page: &Page) -> String {
    let work = book.work;
    let mut body = String::new();
    match page.kind {
        PageKind::Title => meta::write_preface(work, Flavor::Xhtml, &mut body),
        PageKind::Chapter(n) => {
            if let Some(ch) = work.chapters.get(n - 1) {
                body.push_str(&format!(
                    "<section class=\"chapter\" id=\"chapter-{n}\" epub:type=\"chapter\">\n"
                ));
                meta::write_chapter_body(n, ch, Flavor::Xhtml, &mut body);
                body.push_str("</section>\n");
            }
        }
        PageKind::Afterword => meta::write_afterword(work, Flavor::Xhtml, &mut body),
    }
    let title = match page.kind {
        PageKind::Title => book.title.clone(),
        _ => page.label.clone(),
    };
    document(book, &title, &body)
}

/// A small stylesheet: readable defaults, and the classes the obsolete elements became.
pub(crate) const CSS: &str = "\
body { margin: 0 5%; line-height: 1.4; }
h1.title { text-align: center; margin: 1em 0 0.3em; }
p.byline { text-align: center; font-style: italic; margin-bottom: 1.5em; }
dl.meta { margin: 1em 0; }
dl.meta dt { font-weight: bold; float: left; clear: left; margin-right: 0.5em; }
dl.meta dt::after { content: \":\"; }
dl.meta dd { margin: 0 0 0.3em 0; }
dl.meta ul { display: inline; margin: 0; padding: 0; }
dl.meta li { display: inline; }
dl.meta li + li::before { content: \", \"; }
h2 { margin-top: 1.5em; }
hr { border: none; text-align: center; margin: 1.2em 0; }
hr::after { content: \"* * *\"; }
blockquote { margin: 1em 2em; }
.center { text-align: center; }
.big { font-size: larger; }
.tt { font-family: monospace; }
.chapter-summary, .chapter-notes, .chapter-end-notes, .summary, .notes, .end-notes {
  margin: 1em 0; }
";
