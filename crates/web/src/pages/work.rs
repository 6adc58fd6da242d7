//! The work page (`/works/{id}`): AO3's metadata header, title and byline, summary and notes,
//! table of contents, where to start reading, and downloads in every export format
//! (`/works/{id}/download/{format}`), rendered on the fly.
//!
//! The page reads the work's metadata row and table of contents only (`Library::meta`): no
//! chapter body is decoded to show it. A download reads the whole work.

use askama::Template;
use axum::extract::State;
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use ficshelf_library::{ExportFormat, WorkId, names::stem_for};

use crate::error::{Failure, PageError};
use crate::extract::PagePath;
use crate::format::{content_disposition, content_type, thousands};
use crate::links::{Link, chapter_href, external};
use crate::state::AppState;
use crate::views::Blurb;

/// A row of the table of contents.
#[derive(Debug, Clone)]
pub struct TocEntry {
    pub href: String,
    pub title: String,
    pub words: String,
}

/// A download link.
#[derive(Debug, Clone)]
pub struct Download {
    pub label: &'static str,
    pub href: String,
}

#[derive(Template)]
#[template(path = "work.html")]
struct WorkPage {
    v: &'static str,
    uploads: bool,
    b: Blurb,
    notes: Option<String>,
    end_notes: Option<String>,
    toc: Vec<TocEntry>,
    downloads: Vec<Download>,
    first_chapter: Option<String>,
    full_href: String,
    /// Header fields with no home in the Work (Spoilers, Timeline, …), as written.
    extra: Vec<(String, String)>,
    /// The story's address on its archive: a link only when it is plainly http(s).
    source_link: Option<Link>,
    source_text: Option<String>,
    source_format: String,
}

/// A work id from a path segment: anything but a whole number the store could hold is a 404.
pub fn work_id(raw: &str) -> Result<WorkId, Failure> {
    raw.parse::<u64>()
        .ok()
        .filter(|id| *id > 0 && i64::try_from(*id).is_ok())
        .map(WorkId)
        .ok_or_else(|| Failure::NotFound(format!("there is no work {raw:?}")))
}

/// A chapter's title as the table of contents and the reader show it.
pub fn chapter_heading(number: usize, title: Option<&str>) -> String {
    match title.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) if t.eq_ignore_ascii_case(&format!("chapter {number}")) => t.to_string(),
        Some(t) => format!("{number}. {t}"),
        None => format!("Chapter {number}"),
    }
}

pub async fn page(
    State(state): State<AppState>,
    PagePath(raw): PagePath<String>,
) -> Result<Html<String>, PageError> {
    let id = work_id(&raw)?;
    let (v, uploads) = (state.assets, state.uploads());
    let html = state
        .blocking(move |library| -> Result<String, PageError> {
            let meta = library.meta(id)?;
            let w = &meta.work;
            let toc: Vec<TocEntry> = meta
                .toc
                .iter()
                .enumerate()
                .map(|(i, c)| TocEntry {
                    href: chapter_href(id.0, i + 1),
                    title: chapter_heading(i + 1, c.title.as_deref()),
                    words: thousands(c.words),
                })
                .collect();
            let url = w.source.url.as_deref();
            let source_href = url.and_then(external);
            let view = WorkPage {
                v,
                uploads,
                b: Blurb::of_work(id.0, w, toc.len() as u64),
                notes: w.notes.clone(),
                end_notes: w.end_notes.clone(),
                first_chapter: toc.first().map(|c| c.href.clone()),
                full_href: format!("/works/{}/full", id.0),
                downloads: ExportFormat::ALL
                    .iter()
                    .map(|f| Download {
                        label: label(*f),
                        href: format!("/works/{}/download/{}", id.0, f.extension()),
                    })
                    .collect(),
                toc,
                extra: w
                    .extra
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
                source_link: source_href.clone().zip(url).map(|(href, url)| Link {
                    text: w
                        .source
                        .site
                        .clone()
                        .unwrap_or_else(|| url.trim().to_string()),
                    href,
                }),
                source_text: url.filter(|_| source_href.is_none()).map(str::to_string),
                source_format: w.source.format.as_str().to_uppercase(),
            };
            Ok(view
                .render()
                .map_err(|e| Failure::Internal(e.to_string()))?)
        })
        .await??;
    Ok(Html(html))
}

fn label(f: ExportFormat) -> &'static str {
    match f {
        ExportFormat::Epub => "EPUB",
        ExportFormat::Html => "HTML",
        ExportFormat::Txt => "TXT",
        ExportFormat::Md => "Markdown",
        ExportFormat::Json => "JSON",
    }
}

/// `GET /works/{id}/download/{format}`: the work in `format`, as an attachment named
/// `Title - Author.ext`.
pub async fn download(
    State(state): State<AppState>,
    PagePath((raw, format)): PagePath<(String, String)>,
) -> Result<Response, PageError> {
    let id = work_id(&raw)?;
    let format = ExportFormat::ALL
        .iter()
        .copied()
        .find(|f| f.extension() == format)
        .ok_or_else(|| {
            Failure::NotFound(format!(
                "no download format {format:?} (epub, html, txt, md or json)"
            ))
        })?;
    let (bytes, stem) = state
        .blocking(move |library| -> Result<_, PageError> {
            let stored = library.get(id)?;
            let bytes = ficshelf_export::render(&stored.work, format)
                .map_err(|e| Failure::Internal(format!("cannot export this work: {e}")))?;
            Ok((bytes, stem_for(&stored.work)))
        })
        .await??;
    Ok((
        [
            (header::CONTENT_TYPE, content_type(format).to_string()),
            (
                header::CONTENT_DISPOSITION,
                content_disposition(&stem, format.extension()),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// A chapter's heading in the reader, as AO3 writes it: `Chapter 2: The Storm`.
pub fn chapter_title(number: usize, title: Option<&str>) -> String {
    match title.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) if t.eq_ignore_ascii_case(&format!("chapter {number}")) => t.to_string(),
        Some(t) => format!("Chapter {number}: {t}"),
        None => format!("Chapter {number}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_paths() {
        assert_eq!(work_id("42").unwrap(), WorkId(42));
        for bad in [
            "0",
            "-1",
            "abc",
            "",
            "1.5",
            "99999999999999999999",
            "9223372036854775808",
        ] {
            assert!(matches!(work_id(bad), Err(Failure::NotFound(_))), "{bad}");
        }
    }

    #[test]
    fn chapter_headings() {
        assert_eq!(chapter_heading(2, None), "Chapter 2");
        assert_eq!(chapter_heading(2, Some("  ")), "Chapter 2");
        assert_eq!(chapter_heading(2, Some("The Storm")), "2. The Storm");
        assert_eq!(chapter_heading(3, Some("Chapter 3")), "Chapter 3");
        assert_eq!(chapter_title(2, Some("The Storm")), "Chapter 2: The Storm");
        assert_eq!(chapter_title(2, None), "Chapter 2");
        assert_eq!(chapter_title(3, Some("CHAPTER 3")), "CHAPTER 3");
    }
}
