//! eFiction's printable story page (its `printstory.tpl`), the way most archives of the 2000s
//! served a whole story:
//!
//! ```html
//! <div id="pagetitle"><a href="viewstory.php?sid=17">Title</a> by <a href="viewuser.php?uid=4">Author</a></div>
//! <div class="content"><span class="label">Summary: </span>…<br />
//!   <span class="label">Rated:</span> PG-13<br />
//!   <span class="label">Categories:</span> … <span class="label">Characters: </span> …<br />
//!   <span class="label">Genres:</span> … <span class="label">Warnings:</span> …<br />
//!   <span class="label">Series:</span> None<br />
//!   <span class="label">Chapters: </span> 2 <span class="label">Completed:</span> Yes
//!   <span class="label">Word count:</span> 1234 <span class="label">Read:</span> 56
//!   <span class="label">Published: </span>03/14/2004 <span class="label">Updated:</span> 04/02/2004</div>
//! <div class='notes'><div class='title'><span class='label'>Story Notes:</span></div><div class='noteinfo'>…</div></div>
//! <div class='chaptertitle'>Chapter title by Author</div>
//! <div class='notes'>…Author's Notes…</div>      (before the text: the chapter's notes)
//! <div class='chapter'>…</div>
//! <div class='notes'>…End Notes…</div>           (after the text: its end notes)
//! <div class='toplink'><a href="#top">back to top</a></div>
//! <div id="archivedat">This story archived at <a href="…">…</a></div>
//! ```
//!
//! Dates are kept as written (`MM/DD/YYYY`); the normalizer reads them month first for eFiction.
//! `Completed: Yes` is kept as written too: the normalizer maps a yes under a "completed" label.
//! Notes after the last chapter are the work's end notes.

use ficshelf_model::{FieldKey, RawChapter, RawField};

use super::Reading;
use super::dom::{self, NodeRef, Skip};
use super::labels;

/// Whether the page is eFiction's printable page.
pub(crate) fn recognize(doc: &scraper::Html) -> bool {
    let root = doc.tree.root();
    let title = dom::find(root, |n| dom::id_is(n, "pagetitle")).is_some();
    title
        && dom::find(root, |n| {
            dom::has_class(n, "chaptertitle")
                || dom::has_class(n, "chapter")
                || (dom::has_class(n, "content")
                    && n.descendants().any(|d| dom::has_class(&d, "label")))
        })
        .is_some()
}

/// The whole page: metadata and chapters.
pub(crate) fn read(doc: &scraper::Html, prefix: &str) -> Reading {
    let mut r = fields(doc, prefix);
    if let Some(body) = dom::body(doc) {
        chapters(body, prefix, &mut r);
    }
    r
}

/// `#pagetitle`, the `.content` labels and `#archivedat`.
pub(crate) fn fields(doc: &scraper::Html, prefix: &str) -> Reading {
    let mut r = Reading::default();
    let root = doc.tree.root();
    if let Some(title) = dom::find(root, |n| dom::id_is(n, "pagetitle")) {
        page_title(title, prefix, &mut r);
    }
    if let Some(content) = dom::find(root, |n| {
        dom::has_class(n, "content") && n.descendants().any(|d| dom::has_class(&d, "label"))
    }) {
        for f in labels::block_labels(content) {
            let field = f.to_field(prefix, "div.content");
            if field.value.is_empty() {
                r.unused.push((field.origin, f.line()));
            } else {
                r.fields.push(field);
            }
        }
    }
    if let Some(at) = dom::find(root, |n| dom::id_is(n, "archivedat")) {
        let text = dom::one_line(&dom::text(at));
        let origin = dom::origin(prefix, "#archivedat", &text);
        let href = at
            .descendants()
            .filter(|d| dom::is_element(d, "a"))
            .find_map(|a| dom::attr(&a, "href"))
            .map(|h| h.trim().to_string());
        match href {
            Some(url) => r
                .fields
                .push(RawField::new(FieldKey::Url, "archived at", url, origin)),
            None => r.unused.push((origin, text)),
        }
    }
    r
}

/// `Title by Author`: the title link and author links, or the text split at ` by `.
fn page_title(node: NodeRef<'_>, prefix: &str, r: &mut Reading) {
    let text = dom::one_line(&dom::text(node));
    let origin = dom::origin(prefix, "#pagetitle", &text);
    let links: Vec<NodeRef<'_>> = node
        .descendants()
        .filter(|d| dom::is_element(d, "a"))
        .collect();
    let is_author = |a: &NodeRef<'_>| dom::attr(a, "href").is_some_and(|h| h.contains("viewuser"));
    let title = links
        .iter()
        .find(|a| !is_author(a))
        .map(|a| dom::one_line(&dom::text(*a)))
        .unwrap_or_else(|| match text.rsplit_once(" by ") {
            Some((t, _)) => t.trim().to_string(),
            None => text.clone(),
        });
    r.fields.push(RawField::new(
        FieldKey::Title,
        "pagetitle",
        title,
        origin.clone(),
    ));
    let authors: Vec<String> = links
        .iter()
        .filter(|a| is_author(a))
        .map(|a| dom::one_line(&dom::text(*a)))
        .collect();
    if authors.is_empty() {
        if let Some((_, a)) = text.rsplit_once(" by ") {
            r.fields.push(RawField::new(
                FieldKey::Author,
                "pagetitle",
                a.trim(),
                origin,
            ));
        }
    } else {
        for a in authors {
            r.fields.push(RawField::new(
                FieldKey::Author,
                "pagetitle",
                a,
                origin.clone(),
            ));
        }
    }
}

/// The blocks after the metadata, in order: story notes, chapter titles, chapter notes,
/// chapter texts, end notes.
fn chapters(body: NodeRef<'_>, prefix: &str, r: &mut Reading) {
    let authors: Vec<String> = r
        .fields
        .iter()
        .filter(|f| f.key == FieldKey::Author)
        .map(|f| f.value.clone())
        .collect();
    let blocks = dom::find_all(body, |n| {
        dom::is_element(n, "div")
            && (dom::has_class(n, "chaptertitle")
                || dom::has_class(n, "chapter")
                || dom::has_class(n, "notes"))
    });
    let mut title: Option<(String, String)> = None;
    let mut notes: Option<String> = None;
    // Notes after a chapter's text wait here: the next chapter title makes them that chapter's
    // end notes; the end of the page makes them the work's.
    let mut after: Option<(String, String, String)> = None;
    for block in blocks {
        if dom::has_class(&block, "chaptertitle") {
            if let Some((label, html, origin)) = after.take() {
                attach_end_notes(r, label, html, origin);
            }
            let t = strip_author(&dom::one_line(&dom::text(block)), &authors);
            title = Some((t.clone(), dom::origin(prefix, "div.chaptertitle", &t)));
        } else if dom::has_class(&block, "notes") {
            let (label, html, text) = note(block);
            let origin = dom::origin(prefix, "div.notes", &format!("{label}: {text}"));
            if r.chapters.is_empty() && title.is_none() {
                r.fields
                    .push(RawField::new(FieldKey::Notes, label, text, origin).with_html(html));
            } else if title.is_some() {
                notes = Some(html);
            } else {
                after = Some((label, html, origin));
            }
        } else {
            let html = dom::inner_html(block, &Skip::new());
            let (t, origin) = match title.take() {
                Some((t, o)) => (Some(t).filter(|t| !t.is_empty()), o),
                None => (None, dom::origin(prefix, "div.chapter", "")),
            };
            if !dom::has_text(std::iter::once(block)) {
                r.unused.push((origin, t.unwrap_or_default()));
                continue;
            }
            let mut c = RawChapter::new(t, html, origin);
            c.notes = notes.take();
            r.chapters.push(c);
        }
    }
    if let Some((label, html, origin)) = after {
        let text = dom::one_line(&ficshelf_markup::text_content(&html));
        r.fields
            .push(RawField::new(FieldKey::EndNotes, label, text, origin).with_html(html));
    }
}

fn attach_end_notes(r: &mut Reading, label: String, html: String, origin: String) {
    match r.chapters.last_mut() {
        Some(c) => c.end_notes = Some(html),
        None => {
            let text = dom::one_line(&ficshelf_markup::text_content(&html));
            r.fields
                .push(RawField::new(FieldKey::Notes, label, text, origin).with_html(html));
        }
    }
}

/// A `div.notes`: its label (`.title`) and its text (`.noteinfo`, or the rest).
fn note(block: NodeRef<'_>) -> (String, String, String) {
    let title = dom::child_elements(block).find(|c| dom::has_class(c, "title"));
    let label = title
        .map(|t| dom::one_line(&dom::text(t)))
        .and_then(|t: String| labels::clean_label(&t))
        .unwrap_or_else(|| "Notes".to_string());
    let info = dom::child_elements(block).find(|c| dom::has_class(c, "noteinfo"));
    let (html, text) = match info {
        Some(i) => (
            dom::as_blocks(i.children(), dom::inner_html(i, &Skip::new())),
            dom::text(i),
        ),
        None => {
            let skip: Skip = title.map(|t| dom::key(&t)).into_iter().collect();
            (
                dom::as_blocks(block.children(), dom::inner_html(block, &skip)),
                dom::text_of(block.children(), &skip),
            )
        }
    };
    (label, html, dom::one_line(&text))
}

/// `Chapter One by Wren Alder` → `Chapter One`.
fn strip_author(title: &str, authors: &[String]) -> String {
    for a in authors {
        if let Some(t) = title
            .strip_suffix(a.as_str())
            .and_then(|t| t.trim_end().strip_suffix(" by"))
        {
            return t.trim().to_string();
        }
    }
    title.to_string()
}
