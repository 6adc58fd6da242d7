//! FanFicFare's HTML output (its `writer_html.py`), and the title and chapter pages of its
//! EPUBs:
//!
//! ```html
//! <h1><a href="STORY URL">Title</a> by <a class='authorlink' href='AUTHOR URL'>Author</a></h1>
//! <table class="full"><tr><td><b>Label:</b></td><td>value</td></tr>…</table>
//! <a name="TOCTOP"><h2>Table of Contents</h2></a>
//! <p><a href="#section0001">1. Title</a><br />…</p>
//! <a name="section0001"><h2>1. Title</h2></a>
//! <div>…chapter text…</div>
//! ```
//!
//! The EPUB title page has the heading in an `<h3>` and `<b>Label:</b> value<br />` lines in a
//! `<div>`; a chapter page has `h3.fff_chapter_title` and a `<div>`.
//!
//! The links are read the way FanFicFare's txt output writes them, so all its formats agree:
//! the title's link is the `Story URL`, the author's an `Author URL`, the series' a
//! `Series URL`.

use ficshelf_model::{FieldKey, RawChapter, RawField};

use super::Reading;
use super::dom::{self, NodeRef, Skip};
use super::labels;

/// Whether the page is FanFicFare's.
pub(crate) fn recognize(doc: &scraper::Html) -> bool {
    let root = doc.tree.root();
    dom::find(root, |n| {
        (dom::is_element(n, "a")
            && (dom::has_class(n, "authorlink")
                || dom::attr(n, "name").is_some_and(|v| v.eq_ignore_ascii_case("TOCTOP"))))
            || (dom::is_element(n, "body")
                && (dom::has_class(n, "fff_titlepage") || dom::has_class(n, "fff_chapter")))
            || (dom::is_element(n, "h3") && dom::has_class(n, "fff_chapter_title"))
    })
    .is_some()
}

/// The whole page: metadata and chapters.
pub(crate) fn read(doc: &scraper::Html, prefix: &str) -> Reading {
    let mut r = fields(doc, prefix);
    if let Some(body) = dom::body(doc) {
        toc(body, prefix, &mut r);
        chapters(body, prefix, &mut r);
    }
    r
}

/// The heading (title, authors, their links) and the label table or lines.
pub(crate) fn fields(doc: &scraper::Html, prefix: &str) -> Reading {
    let mut r = Reading::default();
    let Some(body) = dom::body(doc) else {
        return r;
    };
    let heading = dom::find(body, |n| {
        matches!(dom::name(n), Some("h1" | "h3"))
            && n.descendants().any(|d| dom::has_class(&d, "authorlink"))
    });
    if let Some(h) = heading {
        title_heading(h, prefix, &mut r);
    }
    let block = dom::find(body, |n| {
        dom::is_element(n, "table") && dom::has_class(n, "full")
    })
    .or_else(|| {
        // The EPUB title page: the first block after the heading.
        heading.and_then(|h| {
            std::iter::successors(h.next_sibling(), |s| s.next_sibling())
                .find(|s| dom::is_element(s, "div") || dom::is_element(s, "table"))
        })
    });
    if let Some(block) = block {
        let found = if dom::is_element(&block, "table") {
            labels::table_labels(block)
        } else {
            labels::block_labels(block)
        };
        let place = if dom::is_element(&block, "table") {
            "table"
        } else {
            "div"
        };
        for f in found {
            let field = f.to_field(prefix, place);
            let series_link = (field.key == FieldKey::Series)
                .then(|| {
                    link_in(
                        &f.parts
                            .iter()
                            .flat_map(|p| p.nodes.iter().copied())
                            .collect::<Vec<_>>(),
                    )
                })
                .flatten();
            r.fields.push(field);
            if let Some(url) = series_link {
                let origin = dom::origin(prefix, &format!("{place} a.serieslink"), &url);
                r.fields.push(RawField::new(
                    FieldKey::Extra("Series URL".into()),
                    "Series URL",
                    url,
                    origin,
                ));
            }
        }
    }
    r
}

/// The first link's target among `nodes`.
fn link_in(nodes: &[NodeRef<'_>]) -> Option<String> {
    nodes
        .iter()
        .flat_map(|n| n.descendants())
        .filter(|d| dom::is_element(d, "a"))
        .find_map(|a| dom::attr(&a, "href").map(|h| h.trim().to_string()))
        .filter(|h| !h.is_empty())
}

/// `<a href=URL>Title</a> by <a class='authorlink' href=URL>Author</a>, …`.
fn title_heading(h: NodeRef<'_>, prefix: &str, r: &mut Reading) {
    let text = dom::one_line(&dom::text(h));
    let place = dom::describe(&h);
    let origin = dom::origin(prefix, &place, &text);
    let links: Vec<NodeRef<'_>> = h
        .descendants()
        .filter(|d| dom::is_element(d, "a"))
        .collect();
    let title_link = links.iter().find(|a| !dom::has_class(a, "authorlink"));
    match title_link {
        Some(a) => {
            let title = dom::one_line(&dom::text(*a));
            r.fields.push(RawField::new(
                FieldKey::Title,
                "title heading",
                title,
                origin.clone(),
            ));
            if let Some(url) = dom::attr(a, "href")
                .map(str::trim)
                .filter(|u| !u.is_empty())
            {
                r.fields.push(RawField::new(
                    FieldKey::Url,
                    "Story URL",
                    url,
                    origin.clone(),
                ));
            }
        }
        None => {
            let title = text
                .split(" by ")
                .next()
                .unwrap_or(&text)
                .trim()
                .to_string();
            r.fields.push(RawField::new(
                FieldKey::Title,
                "title heading",
                title,
                origin.clone(),
            ));
        }
    }
    for a in links.iter().filter(|a| dom::has_class(a, "authorlink")) {
        let name = dom::one_line(&dom::text(*a));
        r.fields.push(RawField::new(
            FieldKey::Author,
            "byline",
            name,
            origin.clone(),
        ));
        if let Some(url) = dom::attr(a, "href")
            .map(str::trim)
            .filter(|u| !u.is_empty())
        {
            r.fields.push(RawField::new(
                FieldKey::Extra("Author URL".into()),
                "Author URL",
                url,
                origin.clone(),
            ));
        }
    }
}

/// The table of contents (`a[name=TOCTOP]` and the paragraph of links after it).
fn toc(body: NodeRef<'_>, prefix: &str, r: &mut Reading) {
    let Some(top) = dom::find(body, |n| {
        dom::is_element(n, "a")
            && dom::attr(n, "name").is_some_and(|v| v.eq_ignore_ascii_case("TOCTOP"))
    }) else {
        return;
    };
    let list = std::iter::successors(top.next_sibling(), |s| s.next_sibling())
        .find(|s| s.value().is_element());
    for entry in list
        .into_iter()
        .flat_map(|l| l.descendants())
        .filter(|d| dom::is_element(d, "a"))
    {
        let t = dom::one_line(&dom::text(entry));
        r.unused
            .push((dom::origin(prefix, "table of contents", &t), t));
    }
}

/// Chapters: a heading (`a[name^=section] h2`, or `h3.fff_chapter_title`) and the `div` after
/// it.
fn chapters(body: NodeRef<'_>, prefix: &str, r: &mut Reading) {
    let anchors = dom::find_all(body, |n| {
        (dom::is_element(n, "a") && dom::attr(n, "name").is_some_and(|v| v.starts_with("section")))
            || (dom::is_element(n, "h3") && dom::has_class(n, "fff_chapter_title"))
    });
    for anchor in anchors {
        let title = dom::one_line(&dom::text(anchor));
        let text_div = std::iter::successors(anchor.next_sibling(), |s| s.next_sibling())
            .find(|s| s.value().is_element())
            .filter(|s| dom::is_element(s, "div"));
        let place = match dom::attr(&anchor, "name") {
            Some(name) => format!("a name={name} h2"),
            None => dom::describe(&anchor),
        };
        let origin = dom::origin(prefix, &place, &title);
        let Some(div) = text_div else {
            r.unused.push((origin, title));
            continue;
        };
        let has_text = dom::has_text(std::iter::once(div));
        if !has_text {
            r.unused.push((origin, title));
            continue;
        }
        let title = (!title.is_empty()).then_some(title);
        r.chapters.push(RawChapter::new(
            title,
            dom::inner_html(div, &Skip::new()),
            origin,
        ));
    }
}
