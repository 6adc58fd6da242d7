//! Chapter pages → `RawChapter`s: the last step of the EPUB reader.
//!
//! A chapter's title is FanFicFare's `<meta name="chaptertitle">` when the page has one (it is
//! the title FanFicFare read from the archive), else the label the table of contents gives the
//! page, else the page's own heading. Titles are kept as written (`1. The Lamp Room`); the
//! normalizer strips markers the same way for every format.
//!
//! calibre splits long chapters into several files and lists only the first in the table of
//! contents: a chapter page with no heading, no entry of its own in a table of contents that
//! lists chapters, right after a chapter, continues that chapter.

use ficshelf_model::{Diagnostic, RawChapter};

use super::spine::ChapterPage;
use super::toc::Toc;

/// The chapters, and what was noticed on the way.
#[derive(Debug, Default)]
pub struct Built {
    pub chapters: Vec<RawChapter>,
    pub diagnostics: Vec<Diagnostic>,
    /// Chapter pages with no text: (origin, heading).
    pub unused: Vec<(String, String)>,
}

pub fn build(pages: Vec<ChapterPage>, toc: &Toc) -> Built {
    let mut built = Built::default();
    let listed = pages.iter().filter(|p| toc.covers(&p.path)).count();
    for page in pages {
        let ChapterPage {
            path,
            origin,
            content,
            meta_title,
            toc_title,
        } = page;
        let continues = listed >= 2
            && meta_title.is_none()
            && content.heading.is_none()
            && !toc.covers(&path)
            && !built.chapters.is_empty();
        if continues {
            if let Some(last) = built.chapters.last_mut() {
                if !content.html.trim().is_empty() {
                    last.html.push('\n');
                    last.html.push_str(&content.html);
                }
                if content.end_notes.is_some() {
                    last.end_notes = content.end_notes;
                }
                last.origin.push_str(&format!(" + {path}"));
            }
            built.diagnostics.push(Diagnostic::info(format!(
                "{path} has no heading and no entry in the table of contents: read as the rest of the chapter before it"
            )));
            continue;
        }
        if !has_text(&content.html) {
            // A page with a heading and nothing else (calibre's first split file holds only
            // the book's title): not a chapter.
            built
                .unused
                .push((origin, content.heading.unwrap_or_default()));
            continue;
        }
        let title = meta_title.or(toc_title).or(content.heading.clone());
        let mut chapter = content.into_raw(origin);
        chapter.title = title;
        built.chapters.push(chapter);
    }
    built
}

/// Whether chapter HTML has any text or image (tags and whitespace alone are not a chapter).
pub fn has_text(html: &str) -> bool {
    html.contains("<img") || ficshelf_markup::has_text(html)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::epub::toc::Entry;
    use crate::read::html::PageChapter;

    fn page(path: &str, heading: Option<&str>, html: &str) -> ChapterPage {
        ChapterPage {
            path: path.into(),
            origin: format!("spine item {path}"),
            content: PageChapter {
                heading: heading.map(str::to_string),
                html: html.into(),
                ..PageChapter::default()
            },
            meta_title: None,
            toc_title: None,
        }
    }

    fn toc(entries: &[(&str, &str)]) -> Toc {
        Toc {
            entries: entries
                .iter()
                .map(|(p, l)| Entry {
                    path: p.to_string(),
                    fragment: None,
                    label: l.to_string(),
                    depth: 1,
                })
                .collect(),
            ..Toc::default()
        }
    }

    #[test]
    fn titles_meta_then_toc_then_heading() {
        let mut with_meta = page("a.xhtml", Some("Heading A"), "<p>a</p>");
        with_meta.meta_title = Some("1. Meta Title".into());
        let mut listed = page("b.xhtml", Some("Heading B"), "<p>b</p>");
        listed.toc_title = Some("TOC B".into());
        let pages = vec![
            with_meta,
            listed,
            page("c.xhtml", Some("Heading C"), "<p>c</p>"),
            page("d.xhtml", None, "<p>d</p>"),
        ];
        let built = build(pages, &toc(&[("a.xhtml", "TOC A"), ("b.xhtml", "TOC B")]));
        let titles: Vec<Option<&str>> = built.chapters.iter().map(|c| c.title.as_deref()).collect();
        assert_eq!(
            titles,
            vec![Some("1. Meta Title"), Some("TOC B"), Some("Heading C")]
        );
        assert_eq!(built.chapters[2].html, "<p>c</p>\n<p>d</p>");
        assert_eq!(built.chapters[2].origin, "spine item c.xhtml + d.xhtml");
        assert_eq!(built.diagnostics.len(), 1);
    }

    #[test]
    fn pages_without_text_are_not_chapters() {
        let pages = vec![
            page("title.xhtml", Some("The Book"), "  <div> </div> "),
            page("a.xhtml", Some("One"), "<p>a</p>"),
            page("pic.xhtml", None, "<p><img src=\"x.png\" alt=\"\"/></p>"),
        ];
        let built = build(pages, &Toc::default());
        assert_eq!(built.chapters.len(), 2);
        assert_eq!(built.chapters[0].title.as_deref(), Some("One"));
        assert_eq!(
            built.unused,
            vec![("spine item title.xhtml".to_string(), "The Book".to_string())]
        );
    }

    #[test]
    fn without_a_table_of_contents_every_page_is_a_chapter() {
        let pages = vec![
            page("a.xhtml", None, "<p>a</p>"),
            page("b.xhtml", None, "<p>b</p>"),
        ];
        let built = build(pages, &Toc::default());
        assert_eq!(built.chapters.len(), 2);
        assert_eq!(built.chapters[0].title, None);
        assert_eq!(built.chapters[1].origin, "spine item b.xhtml");
    }
}
