//! The spine walk: every page of the reading order, read and parsed as HTML one at a time
//! (XHTML that is not well-formed still reads), given its role, and reduced to what the book
//! needs from it before the next one is parsed: a chapter's text, heading and notes; a title
//! page's, preface's or afterword's metadata; or a note saying why it was left out.
//!
//! Pages are parsed with the HTML reader's [`html::parse_page`] (size limit, nesting guard)
//! and read with its [`html::page_fields`] and [`html::page_chapters`], so an EPUB page and the
//! same layout in an HTML file are read by the same code.

use ficshelf_markup::element_text;
use ficshelf_model::{Diagnostic, Limits, Producer, RawField};
use scraper::{ElementRef, Html};

use super::ao3::Joiner;
use super::chapters::has_text;
use super::opf::Package;
use super::roles::{self, Role, Structure};
use super::toc::Toc;
use super::xml;
use super::zip::Archive;
use crate::IngestError;
use crate::decode;
use crate::read::html::{self, PageChapter};

/// A chapter as one spine page holds it.
#[derive(Debug)]
pub struct ChapterPage {
    pub path: String,
    /// Where the chapter was found, for its `RawChapter::origin`.
    pub origin: String,
    pub content: PageChapter,
    /// FanFicFare's `<meta name="chaptertitle">`.
    pub meta_title: Option<String>,
    /// The label the table of contents gives this chapter.
    pub toc_title: Option<String>,
}

/// What the walk found, in spine order.
#[derive(Debug, Default)]
pub struct Walk {
    pub chapters: Vec<ChapterPage>,
    /// Metadata from title pages, prefaces and afterwords, in spine order.
    pub fields: Vec<RawField>,
    pub unused: Vec<(String, String)>,
    pub diagnostics: Vec<Diagnostic>,
    /// Who made the book, as the pages tell it.
    pub signals: Vec<Producer>,
}

/// Read every page of the spine. With `rejoin` (a book AO3 made), the pages are also joined
/// back into AO3's HTML download and read as one (see `ao3`).
pub fn walk(
    archive: &mut Archive<'_>,
    pkg: &Package,
    toc: &Toc,
    limits: &Limits,
    rejoin: bool,
) -> Result<Walk, IngestError> {
    let mut walk = Walk::default();
    let mut joiner = rejoin.then(Joiner::default);
    let mut missing = 0;
    for itemref in &pkg.spine {
        let Some(item) = pkg.item(&itemref.idref) else {
            walk.diagnostics.push(Diagnostic::warning(format!(
                "the spine names {:?}, which the manifest does not list",
                itemref.idref
            )));
            missing += 1;
            continue;
        };
        if !is_page(&item.media_type, &item.path) {
            walk.unused.push((
                item.path.clone(),
                format!("spine item of type {}", item.media_type),
            ));
            continue;
        }
        let mut types: Vec<&str> = pkg
            .guide
            .iter()
            .chain(toc.landmarks.iter())
            .filter(|(_, p)| *p == item.path)
            .map(|(t, _)| t.as_str())
            .collect();
        types.dedup();
        let structure = Structure {
            is_nav: item.properties.iter().any(|p| p == "nav")
                || pkg.nav.as_deref() == Some(&item.path),
            linear: itemref.linear,
            types,
            id: &item.id,
            path: &item.path,
        };
        if archive.find(&item.path).is_none() {
            walk.diagnostics.push(Diagnostic::warning(format!(
                "spine item {} is not in the archive; skipped",
                item.path
            )));
            missing += 1;
            continue;
        }
        let decided = roles::from_structure(&structure);
        if matches!(decided, Some(Role::Contents | Role::Cover | Role::Aside)) {
            walk.unused.push((item.path.clone(), role_note(decided)));
            continue;
        }
        let bytes = archive.read(&item.path)?;
        let text = decode::decode(&bytes, decode::declared_charset(&bytes).as_deref()).text;
        drop(bytes);
        let (doc, diagnostics) = html::parse_page(&text, limits)?;
        drop(text);
        walk.diagnostics
            .extend(diagnostics.into_iter().map(|d| Diagnostic {
                message: format!("{}: {}", item.path, d.message),
                ..d
            }));
        let role = decided.unwrap_or_else(|| roles::from_page(&structure, &doc));
        walk.signals.extend(signals(&doc, role));
        let story_or_metadata = matches!(
            role,
            Role::Chapter | Role::TitlePage | Role::Preface | Role::Afterword
        );
        if let Some(j) = joiner.as_mut()
            && story_or_metadata
        {
            j.add(&doc);
        }
        match role {
            Role::Chapter => {
                let pages = chapter_pages(&doc, &item.path, toc, &mut walk.diagnostics);
                walk.chapters.extend(pages);
            }
            Role::TitlePage | Role::Preface | Role::Afterword => {
                let (fields, unused) = html::page_fields(&doc, &item.path);
                walk.fields.extend(fields);
                walk.unused.extend(unused);
            }
            other => walk
                .unused
                .push((item.path.clone(), role_note(Some(other)))),
        }
    }
    if missing > 0 && missing == pkg.spine.len() {
        return Err(IngestError::EpubSpineMissing { count: missing });
    }
    if let Some(j) = joiner {
        rejoined(&mut walk, j, limits)?;
    }
    Ok(walk)
}

/// Read AO3's pages joined back into its HTML download. What it finds replaces what the pages
/// gave one by one; when it finds no chapter (not AO3's layout after all), the pages stand.
fn rejoined(walk: &mut Walk, joiner: Joiner, limits: &Limits) -> Result<(), IngestError> {
    const ORIGIN: &str = "AO3's pages rejoined";
    let (doc, _) = html::parse_page(&joiner.finish(), limits)?;
    if html::page_producer(&doc) != Producer::Ao3 {
        return Ok(());
    }
    let chapters = html::page_chapters(&doc, ORIGIN);
    if chapters.is_empty() {
        return Ok(());
    }
    let (fields, unused) = html::page_fields(&doc, ORIGIN);
    let per_page = std::mem::take(&mut walk.fields);
    walk.unused
        .extend(per_page.into_iter().map(|f| (f.origin, f.value)));
    walk.fields = fields;
    walk.unused.extend(unused);
    walk.signals.push(Producer::Ao3);
    walk.chapters = chapters
        .into_iter()
        .map(|c| ChapterPage {
            path: String::new(),
            origin: c.origin.clone(),
            meta_title: None,
            toc_title: None,
            content: PageChapter {
                heading: c.title,
                html: c.html,
                summary: c.summary,
                notes: c.notes,
                end_notes: c.end_notes,
            },
        })
        .collect();
    walk.diagnostics.push(Diagnostic::info(
        "AO3's EPUB: its pages were joined back into AO3's HTML download and read as one",
    ));
    Ok(())
}

/// The chapters of one page: usually one; several when the table of contents points at two or
/// more places in the page and the page's headings split it into as many chapters.
fn chapter_pages(
    doc: &Html,
    path: &str,
    toc: &Toc,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<ChapterPage> {
    let origin = format!("spine item {path}");
    let splits = toc.splits(path);
    if !splits.is_empty() {
        let parts = html::page_chapters(doc, &origin);
        if parts.len() == splits.len() {
            return parts
                .into_iter()
                .zip(splits)
                .map(|(c, entry)| ChapterPage {
                    path: path.to_string(),
                    origin: c.origin.clone(),
                    meta_title: None,
                    toc_title: Some(entry.label.clone()).filter(|l| !l.is_empty()),
                    content: PageChapter {
                        heading: c.title,
                        html: c.html,
                        summary: c.summary,
                        notes: c.notes,
                        end_notes: c.end_notes,
                    },
                })
                .collect();
        }
    }
    vec![ChapterPage {
        path: path.to_string(),
        origin,
        meta_title: meta(doc, "chaptertitle"),
        toc_title: toc.label(path).map(str::to_string),
        content: whole_page_if_lost(doc, html::chapter_content(doc), path, diagnostics),
    }]
}

/// A chapter page's text is never dropped: when the page's layout reads as no story at all
/// (a lone paragraph starting "By …" taken for a byline, say) but the page holds more text
/// than its heading, the whole body is the chapter, with a warning.
fn whole_page_if_lost(
    doc: &Html,
    content: PageChapter,
    path: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> PageChapter {
    if has_text(&content.html) {
        return content;
    }
    let Some(body) = body(doc) else {
        return content;
    };
    let text = element_text(body);
    let heading = content.heading.as_deref().unwrap_or("");
    if text.replacen(heading, "", 1).trim().is_empty() {
        return content;
    }
    diagnostics.push(Diagnostic::warning(format!(
        "{path}: no story text found in the page's layout; the whole page is read as the chapter"
    )));
    PageChapter {
        heading: None,
        html: body.inner_html(),
        ..PageChapter::default()
    }
}

fn body(doc: &Html) -> Option<ElementRef<'_>> {
    doc.root_element()
        .children()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "body")
}

fn role_note(role: Option<Role>) -> String {
    format!(
        "spine page left out: {}",
        role.map_or("unknown", Role::as_str)
    )
}

/// Spine items that are pages of text (XHTML, HTML); images and SVG covers are not.
fn is_page(media_type: &str, path: &str) -> bool {
    match media_type {
        "application/xhtml+xml" | "text/html" | "application/xml" | "text/xml" => true,
        "" => {
            let lower = path.to_lowercase();
            lower.ends_with(".xhtml") || lower.ends_with(".html") || lower.ends_with(".htm")
        }
        _ => false,
    }
}

/// The `content` of a `<meta name=…>` in the page's head (only the head is looked at: the
/// body can be long).
fn meta(doc: &Html, name: &str) -> Option<String> {
    let head = doc
        .root_element()
        .children()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "head")?;
    head.children()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "meta")
        .find(|e| {
            e.value()
                .attr("name")
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        })
        .and_then(|e| e.value().attr("content"))
        .map(xml::collapse)
        .filter(|c| !c.is_empty())
}

/// What a page says about who made the book: its layout (on title pages and prefaces, where
/// producers put their metadata) and its `generator` meta.
fn signals(doc: &Html, role: Role) -> Vec<Producer> {
    let mut out = Vec::new();
    let fff_class = body(doc).is_some_and(|b| b.value().classes().any(|c| c.starts_with("fff_")));
    if fff_class {
        out.push(Producer::FanFicFare);
    }
    let metadata_page = matches!(
        role,
        Role::TitlePage | Role::Preface | Role::Afterword | Role::Log
    );
    if metadata_page
        && let p @ (Producer::Ficshelf | Producer::Ao3 | Producer::FanFicFare) =
            html::page_producer(doc)
    {
        out.push(p);
    }
    if let Some(generator) = meta(doc, "generator") {
        let g = generator.to_lowercase();
        if g.starts_with("pandoc") {
            out.push(Producer::Pandoc);
        } else if g.starts_with("ficshelf") {
            out.push(Producer::Ficshelf);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chapter_page_text_is_never_dropped() {
        let doc = Html::parse_document(
            "<html><body><h2>Three</h2><p>By dawn the lamp was out.</p></body></html>",
        );
        let lost = PageChapter {
            heading: Some("Three".into()),
            ..PageChapter::default()
        };
        let mut diags = Vec::new();
        let got = whole_page_if_lost(&doc, lost, "c3.xhtml", &mut diags);
        assert!(
            got.html.contains("<p>By dawn the lamp was out.</p>"),
            "{}",
            got.html
        );
        assert_eq!(diags.len(), 1);
        // A page with nothing but its heading has no text to keep.
        let title_only = Html::parse_document("<html><body><h1>The Book</h1></body></html>");
        let empty = PageChapter {
            heading: Some("The Book".into()),
            ..PageChapter::default()
        };
        let got = whole_page_if_lost(&title_only, empty, "t.xhtml", &mut diags);
        assert_eq!(got.html, "");
        assert_eq!(diags.len(), 1);
        // Text found by the layout reader stays as it found it.
        let found = PageChapter {
            html: "<p>kept</p>".into(),
            ..PageChapter::default()
        };
        let got = whole_page_if_lost(&doc, found, "c3.xhtml", &mut diags);
        assert_eq!(got.html, "<p>kept</p>");
    }
}
