//! The reader: one chapter per page (`/works/{id}/chapters/{n}`) or the whole work on one page
//! (`/works/{id}/full`), with previous/next links, a chapter menu that works as a plain GET form
//! (`/works/{id}/chapters?n=3` redirects), and hooks for the small script that adds arrow keys,
//! font size, theme and the remembered reading position.
//!
//! A chapter page reads the work's metadata row and that one chapter, never the whole work.
//! Chapter HTML was sanitized by `normalize`; it is the one thing rendered unescaped.

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::response::{Html, Redirect};
use ficshelf_model::{Chapter, Work};

use crate::error::{Failure, PageError};
use crate::extract::PagePath;
use crate::links::{Link, TagKind, chapter_href, work_href};
use crate::pages::work::{chapter_heading, chapter_title, work_id};
use crate::params::Params;
use crate::state::AppState;

/// One chapter as the reader shows it.
#[derive(Debug, Clone)]
pub struct ChapterView {
    pub number: usize,
    pub heading: String,
    pub summary: Option<String>,
    pub notes: Option<String>,
    pub html: String,
    pub end_notes: Option<String>,
}

impl ChapterView {
    fn of(number: usize, c: Chapter) -> ChapterView {
        ChapterView {
            number,
            heading: chapter_title(number, c.title.as_deref()),
            summary: c.summary,
            notes: c.notes,
            html: c.html,
            end_notes: c.end_notes,
        }
    }
}

/// An entry of the chapter menu.
#[derive(Debug, Clone)]
pub struct MenuEntry {
    pub number: usize,
    pub heading: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "reader.html")]
struct ReaderPage {
    v: &'static str,
    uploads: bool,
    id: u64,
    /// The work's language tag, so that browsers hyphenate and read it aloud in that language.
    lang: Option<String>,
    title: String,
    work_href: String,
    authors: Vec<Link>,
    /// The chapter shown, or 0 for the whole work.
    current: usize,
    chapters: Vec<ChapterView>,
    menu: Vec<MenuEntry>,
    prev: Option<String>,
    next: Option<String>,
    full_href: String,
    first_href: String,
    /// The work's summary and notes, before its first chapter.
    summary: Option<String>,
    notes: Option<String>,
    /// The work's end notes, after its last chapter.
    end_notes: Option<String>,
}

impl ReaderPage {
    fn new(v: &'static str, uploads: bool, id: u64, w: &Work, headings: Vec<String>) -> Self {
        ReaderPage {
            v,
            uploads,
            id,
            lang: w.language.clone(),
            title: w.title.clone(),
            work_href: work_href(id),
            authors: w
                .authors
                .iter()
                .map(|a| Link::tag(TagKind::Author, &a.name))
                .collect(),
            current: 0,
            chapters: Vec::new(),
            menu: headings
                .into_iter()
                .enumerate()
                .map(|(i, heading)| MenuEntry {
                    number: i + 1,
                    heading,
                    selected: false,
                })
                .collect(),
            prev: None,
            next: None,
            full_href: format!("/works/{id}/full"),
            first_href: chapter_href(id, 1),
            summary: None,
            notes: None,
            end_notes: None,
        }
    }
}

/// A chapter number from a path segment: from 1, else a 404.
fn chapter_number(raw: &str) -> Result<usize, Failure> {
    raw.parse::<usize>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| Failure::NotFound(format!("there is no chapter {raw:?}")))
}

pub async fn chapter(
    State(state): State<AppState>,
    PagePath((raw_id, raw_n)): PagePath<(String, String)>,
) -> Result<Html<String>, PageError> {
    let id = work_id(&raw_id)?;
    let n = chapter_number(&raw_n)?;
    let (v, uploads) = (state.assets, state.uploads());
    let html = state
        .blocking(move |library| -> Result<String, PageError> {
            let meta = library.meta(id)?;
            let chapter = library.chapter(id, n)?;
            let count = meta.toc.len();
            let headings = meta
                .toc
                .iter()
                .enumerate()
                .map(|(i, c)| chapter_heading(i + 1, c.title.as_deref()))
                .collect();
            let w = &meta.work;
            let mut page = ReaderPage::new(v, uploads, id.0, w, headings);
            page.current = n;
            if let Some(entry) = page.menu.get_mut(n - 1) {
                entry.selected = true;
            }
            page.prev = (n > 1).then(|| chapter_href(id.0, n - 1));
            page.next = (n < count).then(|| chapter_href(id.0, n + 1));
            if n == 1 {
                page.summary = w.summary.clone();
                page.notes = w.notes.clone();
            }
            if n == count {
                page.end_notes = w.end_notes.clone();
            }
            page.chapters.push(ChapterView::of(n, chapter));
            Ok(page
                .render()
                .map_err(|e| Failure::Internal(e.to_string()))?)
        })
        .await??;
    Ok(Html(html))
}

pub async fn full(
    State(state): State<AppState>,
    PagePath(raw_id): PagePath<String>,
) -> Result<Html<String>, PageError> {
    let id = work_id(&raw_id)?;
    let (v, uploads) = (state.assets, state.uploads());
    let html = state
        .blocking(move |library| -> Result<String, PageError> {
            let mut w = library.get(id)?.work;
            let chapters = std::mem::take(&mut w.chapters);
            let headings = chapters
                .iter()
                .enumerate()
                .map(|(i, c)| chapter_heading(i + 1, c.title.as_deref()))
                .collect();
            let mut page = ReaderPage::new(v, uploads, id.0, &w, headings);
            page.summary = w.summary.clone();
            page.notes = w.notes.clone();
            page.end_notes = w.end_notes.clone();
            page.chapters = chapters
                .into_iter()
                .enumerate()
                .map(|(i, c)| ChapterView::of(i + 1, c))
                .collect();
            Ok(page
                .render()
                .map_err(|e| Failure::Internal(e.to_string()))?)
        })
        .await??;
    Ok(Html(html))
}

/// `GET /works/{id}/chapters?n=3`: the chapter menu's form, answered with a redirect.
pub async fn jump(
    State(state): State<AppState>,
    PagePath(raw_id): PagePath<String>,
    RawQuery(raw): RawQuery,
) -> Result<Redirect, PageError> {
    let id = work_id(&raw_id)?;
    let params = Params::parse_within(raw.as_deref(), state.limits.web_max_query_pairs)
        .map_err(Failure::BadRequest)?;
    let n = match params.get("n") {
        Some(n) => chapter_number(n)?,
        None => 1,
    };
    Ok(Redirect::to(&chapter_href(id.0, n)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chapter_numbers_count_from_one() {
        assert_eq!(chapter_number("2").unwrap(), 2);
        for bad in ["0", "-1", "x", "", "2.0", "99999999999999999999999"] {
            assert!(
                matches!(chapter_number(bad), Err(Failure::NotFound(_))),
                "{bad}"
            );
        }
    }
}
