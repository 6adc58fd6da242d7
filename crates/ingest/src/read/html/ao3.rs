//! AO3's HTML downloads (otwarchive's `downloads` templates), and the same markup on the pages
//! of AO3's EPUBs:
//!
//! ```text
//! div#preface
//!   p.message        title in <b>, "Posted originally on the Archive of Our Own at <url>"
//!   div.meta
//!     dl.tags        Rating / Archive Warning / Category / Fandom / Relationship / Character /
//!                    Additional Tags / Language / Series ("Part 2 of <a>Name</a>") /
//!                    Collections / Stats ("Published: … Updated:|Completed: … Words: …
//!                    Chapters: 3/?"), labels singular or plural, each ending in ":"
//!     h1             the title
//!     div.byline     by <a rel="author">name</a>, …
//!     p "Summary" + blockquote.userstuff;  p "Notes" + blockquote.userstuff
//! div#chapters
//!   per chapter (works of several chapters):
//!     div.meta.group   h2.heading, p "Chapter Summary"/"Chapter Notes" + blockquote
//!     div.userstuff    the chapter text
//!     div.meta#endnotesN   p "Chapter End Notes" + blockquote
//!   or, for one chapter: div.userstuff
//! div#afterword      div#endnotes (p "End Notes" + blockquote), p.message (comment link)
//! ```
//!
//! A Stats `Completed:` date is the last update of a finished work: an `Updated` field, and a
//! `Status` of `Completed`.

use std::sync::OnceLock;

use ficshelf_model::{FieldKey, RawChapter, RawField};
use regex::Regex;

use super::Reading;
use super::dom::{self, NodeRef, Skip};
use super::labels::{self, Found};

/// Whether the page is (part of) an AO3 download.
pub(crate) fn recognize(doc: &scraper::Html) -> bool {
    let root = doc.tree.root();
    dom::find(root, |n| {
        (dom::id_is(n, "preface")
            && dom::is_element(n, "div")
            && dom::find(*n, |d| {
                dom::is_element(d, "dl") && dom::has_class(d, "tags")
            })
            .is_some())
            || (dom::is_element(n, "h2")
                && dom::has_class(n, "heading")
                && n.parent().is_some_and(|p| dom::has_class(&p, "meta")))
            || (dom::is_element(n, "p")
                && dom::has_class(n, "message")
                && dom::text(*n).contains("Archive of Our Own"))
    })
    .is_some()
}

/// The whole download: metadata and chapters.
pub(crate) fn read(doc: &scraper::Html, prefix: &str) -> Reading {
    let mut r = fields(doc, prefix);
    let root = doc.tree.root();
    let container = dom::find(root, |n| dom::id_is(n, "chapters")).or_else(|| dom::body(doc));
    if let Some(c) = container {
        chapters(c, prefix, &mut r);
    }
    r
}

/// The preface and the afterword.
pub(crate) fn fields(doc: &scraper::Html, prefix: &str) -> Reading {
    let mut r = Reading::default();
    let root = doc.tree.root();
    let Some(preface) = dom::find(root, |n| dom::id_is(n, "preface")) else {
        afterword(root, prefix, &mut r);
        return r;
    };
    for el in preface.descendants().filter(|n| n.value().is_element()) {
        match dom::name(&el) {
            Some("p") if dom::has_class(&el, "message") => message(el, prefix, &mut r),
            Some("dl") if dom::has_class(&el, "tags") => tags(el, prefix, &mut r),
            Some("h1") => {
                let t = dom::one_line(&dom::text(el));
                let origin = dom::origin(prefix, "#preface h1", &t);
                r.fields
                    .push(RawField::new(FieldKey::Title, "title", t, origin));
            }
            Some("div") if dom::has_class(&el, "byline") => byline(el, prefix, &mut r),
            Some("div") if dom::has_class(&el, "endnote-link") => {
                let t = dom::one_line(&dom::text(el));
                r.unused
                    .push((dom::origin(prefix, "#preface div.endnote-link", &t), t));
            }
            Some("h2") if dom::has_class(&el, "toc-heading") => {}
            _ => {}
        }
    }
    for (label, quote) in labelled_quotes(preface) {
        let key = prose_key(&label);
        let text = dom::one_line(&dom::text(quote));
        let origin = dom::origin(prefix, "#preface blockquote", &format!("{label}: {text}"));
        r.fields
            .push(RawField::new(key, label, text, origin).with_html(quote_html(quote)));
    }
    afterword(root, prefix, &mut r);
    r
}

/// `Posted originally on the Archive of Our Own at <url>.` gives the work's URL; the title in
/// `<b>` repeats the `h1`.
fn message(p: NodeRef<'_>, prefix: &str, r: &mut Reading) {
    let text = dom::one_line(&dom::text(p));
    let work = p
        .descendants()
        .filter(|n| dom::is_element(n, "a"))
        .filter_map(|a| dom::attr(&a, "href"))
        .find(|h| h.contains("/works/"));
    match work {
        Some(url) => {
            let origin = dom::origin(prefix, "#preface p.message", &text);
            r.fields.push(RawField::new(
                FieldKey::Url,
                "posted originally at",
                url.trim(),
                origin,
            ));
        }
        None => r
            .unused
            .push((dom::origin(prefix, "#preface p.message", &text), text)),
    }
}

fn tags(dl: NodeRef<'_>, prefix: &str, r: &mut Reading) {
    for found in labels::dl_labels(dl) {
        if found.label.eq_ignore_ascii_case("stats") {
            stats(&found, prefix, r);
            continue;
        }
        let mut field = found.to_field(prefix, "#preface dl.tags");
        if field.key == FieldKey::Series {
            // The link to the series page gives its URL.
            field = field.with_html(found.html());
        }
        r.fields.push(field);
    }
}

fn stats_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"([A-Z][A-Za-z]{1,20}):\s*").expect("stats pattern compiles"))
}

/// `Published: 2021-03-01 Completed: 2021-04-11 Words: 2,345 Chapters: 3/3`.
fn stats(found: &Found<'_>, prefix: &str, r: &mut Reading) {
    let text = found.value();
    let labels: Vec<(usize, usize, &str)> = stats_pattern()
        .captures_iter(&text)
        .filter_map(|c| {
            let (whole, label) = (c.get(0)?, c.get(1)?);
            Some((whole.start(), whole.end(), label.as_str()))
        })
        .collect();
    for (i, &(_, value_start, label)) in labels.iter().enumerate() {
        let end = labels.get(i + 1).map_or(text.len(), |next| next.0);
        let value = text.get(value_start..end).unwrap_or("").trim().to_string();
        if value.is_empty() {
            continue;
        }
        let origin = dom::origin(
            prefix,
            "#preface dl.tags dd (Stats)",
            &format!("{label}: {value}"),
        );
        let key = match label {
            "Completed" => {
                r.fields.push(RawField::new(
                    FieldKey::Status,
                    "Stats",
                    "Completed",
                    origin.clone(),
                ));
                FieldKey::Updated
            }
            other => {
                FieldKey::from_label(other).unwrap_or_else(|| FieldKey::Extra(other.to_string()))
            }
        };
        r.fields.push(RawField::new(key, label, value, origin));
    }
}

/// `by <a rel="author">name</a>, <a rel="author">other</a>`; each author with their page.
fn byline(div: NodeRef<'_>, prefix: &str, r: &mut Reading) {
    let text = dom::one_line(&dom::text(div));
    let links: Vec<NodeRef<'_>> = div
        .descendants()
        .filter(|n| {
            dom::is_element(n, "a") && dom::attr(n, "rel").is_some_and(|v| v.contains("author"))
        })
        .collect();
    let origin = dom::origin(prefix, "#preface div.byline", &text);
    if links.is_empty() {
        let name = text.strip_prefix("by ").unwrap_or(&text).trim().to_string();
        if !name.is_empty() {
            r.fields
                .push(RawField::new(FieldKey::Author, "byline", name, origin));
        }
        return;
    }
    for a in links {
        let name = dom::one_line(&dom::text(a));
        let value = match dom::attr(&a, "href")
            .map(str::trim)
            .filter(|h| h.starts_with("http"))
        {
            Some(url) => format!("{name} ({url})"),
            None => name,
        };
        r.fields.push(RawField::new(
            FieldKey::Author,
            "byline",
            value,
            origin.clone(),
        ));
    }
}

/// The work's end notes; the rest of the afterword (the comment link, related works) is not
/// metadata of this work.
fn afterword(root: NodeRef<'_>, prefix: &str, r: &mut Reading) {
    let Some(after) = dom::find(root, |n| dom::id_is(n, "afterword")) else {
        return;
    };
    for (label, quote) in labelled_quotes(after) {
        let text = dom::one_line(&dom::text(quote));
        let origin = dom::origin(prefix, "#afterword blockquote", &format!("{label}: {text}"));
        r.fields.push(
            RawField::new(FieldKey::EndNotes, label, text, origin).with_html(quote_html(quote)),
        );
    }
    for p in after
        .descendants()
        .filter(|n| dom::is_element(n, "p") && dom::has_class(n, "message"))
    {
        let t = dom::one_line(&dom::text(p));
        r.unused
            .push((dom::origin(prefix, "#afterword p.message", &t), t));
    }
}

/// `<p>Summary</p><blockquote>…</blockquote>` pairs under `node`: (label, blockquote).
fn labelled_quotes<'a>(node: NodeRef<'a>) -> Vec<(String, NodeRef<'a>)> {
    let mut out = Vec::new();
    for quote in node
        .descendants()
        .filter(|n| dom::is_element(n, "blockquote"))
    {
        let label = std::iter::successors(quote.prev_sibling(), |s| s.prev_sibling())
            .find(|s| s.value().is_element())
            .filter(|s| dom::is_element(s, "p"))
            .map(|p| dom::one_line(&dom::text(p)));
        if let Some(l) = label.filter(|l| is_prose_label(l)) {
            out.push((l, quote));
        }
    }
    out
}

/// The prose inside a blockquote.
fn quote_html(quote: NodeRef<'_>) -> String {
    dom::as_blocks(quote.children(), dom::inner_html(quote, &Skip::new()))
}

fn is_prose_label(label: &str) -> bool {
    let l = label.to_lowercase();
    let l = l.trim_end_matches(':');
    l.len() <= 30 && (l.ends_with("summary") || l.ends_with("notes"))
}

fn prose_key(label: &str) -> FieldKey {
    let l = label.to_lowercase();
    if l.contains("summary") {
        FieldKey::Summary
    } else if l.contains("end notes") {
        FieldKey::EndNotes
    } else {
        FieldKey::Notes
    }
}

/// The chapters of `div#chapters`.
fn chapters(container: NodeRef<'_>, prefix: &str, r: &mut Reading) {
    // The chapter being read, and whether it has text yet.
    let mut current: Option<(RawChapter, bool)> = None;
    let mut any_heading = false;
    for el in dom::child_elements(container) {
        let heading = dom::child_elements(el)
            .find(|c| dom::is_element(c, "h2") && dom::has_class(c, "heading"));
        if let Some(h) = heading {
            any_heading = true;
            finish(current.take(), r);
            let title = dom::one_line(&dom::text(h));
            let origin = dom::origin(prefix, "#chapters h2.heading", &title);
            let mut c = RawChapter::new(Some(title), String::new(), origin);
            for (label, quote) in labelled_quotes(el) {
                let html = Some(quote_html(quote));
                match prose_key(&label) {
                    FieldKey::Summary => c.summary = html,
                    FieldKey::EndNotes => c.end_notes = html,
                    _ => c.notes = html,
                }
            }
            for side in dom::child_elements(el)
                .filter(|c| dom::has_class(c, "endnote-link") || dom::has_class(c, "byline"))
            {
                let t = dom::one_line(&dom::text(side));
                r.unused
                    .push((dom::origin(prefix, &dom::describe(&side), &t), t));
            }
            current = Some((c, false));
        } else if dom::has_class(&el, "meta") && dom::id_is_prefixed(&el, "endnotes") {
            if let Some((c, _)) = current.as_mut() {
                let quotes = labelled_quotes(el);
                c.end_notes = quotes.first().map(|(_, q)| quote_html(*q));
            }
        } else if dom::has_class(&el, "userstuff") {
            let (html, has_text) = text_html(el);
            match current.as_mut() {
                Some((c, text)) => {
                    c.html.push_str(&html);
                    *text |= has_text;
                }
                None if !any_heading => {
                    let origin = dom::origin(prefix, "#chapters div.userstuff", "");
                    current = Some((RawChapter::new(None, html, origin), has_text));
                }
                None => {}
            }
        }
    }
    finish(current, r);
}

/// The chapter text of a `div.userstuff`, without AO3's hidden "Chapter Text" landmark, and
/// whether it has any text (or an image).
fn text_html(div: NodeRef<'_>) -> (String, bool) {
    let skip: Skip = div
        .descendants()
        .filter(|n| dom::has_class(n, "landmark"))
        .map(|n| dom::key(&n))
        .collect();
    let has_text = dom::has_text(div.children().filter(|c| !skip.contains(&dom::key(c))));
    (dom::inner_html(div, &skip), has_text)
}

fn finish(chapter: Option<(RawChapter, bool)>, r: &mut Reading) {
    match chapter {
        Some((c, true)) => r.chapters.push(c),
        Some((c, false)) => r.unused.push((c.origin, c.title.unwrap_or_default())),
        None => {}
    }
}
