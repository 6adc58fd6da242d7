//! AO3's EPUBs, rejoined: a step of the spine walk for books AO3 made.
//!
//! AO3 makes its EPUBs by running calibre's `ebook-convert` over its HTML download, which cuts
//! the page into files at the preface, each chapter heading and the afterword (and sometimes
//! inside the preface), and renames most classes (`div.userstuff` becomes `div.calibre1`). No
//! single file is then an AO3 page: the preface's title and summary may sit in another file
//! than its tags, and a chapter's text no longer says it is text. Joined back in spine order —
//! consecutive top-level elements with the same id (`#preface`, `#chapters`, `#afterword`)
//! merged, and the classes AO3's layout is recognized by put back from the structure — the
//! pages are the HTML download again, and the HTML reader's AO3 code reads them.

use ficshelf_markup::{escape_attr, escape_text};
use scraper::{ElementRef, Html, Node};

/// The top-level elements of the pages seen so far.
#[derive(Debug, Default)]
pub struct Joiner {
    pieces: Vec<Piece>,
}

#[derive(Debug)]
struct Piece {
    id: Option<String>,
    open: String,
    inner: String,
    close: String,
}

impl Joiner {
    /// Add a page's body.
    pub fn add(&mut self, doc: &Html) {
        let Some(body) = doc
            .root_element()
            .children()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "body")
        else {
            return;
        };
        for child in body.children() {
            let Some(el) = ElementRef::wrap(child) else {
                if let Node::Text(t) = child.value()
                    && !t.trim().is_empty()
                {
                    self.pieces.push(Piece {
                        id: None,
                        open: String::new(),
                        inner: escape_text(t),
                        close: String::new(),
                    });
                }
                continue;
            };
            let id = el.value().id().map(str::to_string);
            let mut inner = String::new();
            for c in el.children() {
                serialize(c, &mut inner);
            }
            match self.pieces.last_mut() {
                Some(last) if id.is_some() && last.id == id => last.inner.push_str(&inner),
                _ => self.pieces.push(Piece {
                    open: open_tag(el),
                    close: format!("</{}>", el.value().name()),
                    id,
                    inner,
                }),
            }
        }
    }

    /// The joined page.
    pub fn finish(self) -> String {
        let mut out = String::from("<!DOCTYPE html><html><head></head><body>\n");
        for p in self.pieces {
            out.push_str(&p.open);
            out.push_str(&p.inner);
            out.push_str(&p.close);
            out.push('\n');
        }
        out.push_str("</body></html>\n");
        out
    }
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Serialize a node and what is under it, iteratively (no recursion however deep the page).
fn serialize(node: ego_node::NodeRef<'_>, out: &mut String) {
    // (node, entering): a node is written on entering and closed on leaving.
    let mut stack = vec![(node, true)];
    while let Some((n, entering)) = stack.pop() {
        match n.value() {
            Node::Text(t) if entering => out.push_str(&escape_text(t)),
            Node::Element(e) => {
                let name = e.name();
                if matches!(name, "script" | "style" | "head") {
                    continue;
                }
                let Some(el) = ElementRef::wrap(n) else {
                    continue;
                };
                if entering {
                    out.push_str(&open_tag(el));
                    if VOID.contains(&name) {
                        continue;
                    }
                    stack.push((n, false));
                    let children: Vec<_> = n.children().collect();
                    for c in children.into_iter().rev() {
                        stack.push((c, true));
                    }
                } else {
                    out.push_str("</");
                    out.push_str(name);
                    out.push('>');
                }
            }
            _ => {}
        }
    }
}

/// The start tag of an element, with the AO3 class its place calls for when calibre renamed it.
fn open_tag(el: ElementRef<'_>) -> String {
    let e = el.value();
    let mut tag = format!("<{}", e.name());
    let restored = ao3_class(el).filter(|c| !e.classes().any(|k| c.split(' ').any(|w| w == k)));
    let mut class_written = false;
    for (name, value) in e.attrs() {
        if name == "class" {
            // calibre's own classes (`calibre1`, `calibre5`) say nothing about the story.
            let kept: Vec<&str> = value
                .split_whitespace()
                .filter(|c| !is_calibre_class(c))
                .chain(restored.into_iter().flat_map(|c| c.split(' ')))
                .collect();
            if kept.is_empty() {
                continue;
            }
            let value = kept.join(" ");
            tag.push_str(&format!(" class=\"{}\"", escape_attr(&value)));
            class_written = true;
        } else {
            tag.push_str(&format!(" {name}=\"{}\"", escape_attr(value)));
        }
    }
    if let (Some(c), false) = (restored, class_written) {
        tag.push_str(&format!(" class=\"{c}\""));
    }
    tag.push('>');
    tag
}

fn is_calibre_class(class: &str) -> bool {
    class
        .strip_prefix("calibre")
        .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit()))
}

/// The class AO3's layout gives an element in this place.
fn ao3_class(el: ElementRef<'_>) -> Option<&'static str> {
    let e = el.value();
    let parent = el.parent().and_then(ElementRef::wrap);
    let parent_id = parent.and_then(|p| p.value().id()).unwrap_or("");
    if e.name() == "div" && parent_id == "chapters" {
        let has_heading = el
            .children()
            .filter_map(ElementRef::wrap)
            .any(|c| c.value().name() == "h2");
        return Some(if has_heading {
            "meta group"
        } else if e.id().is_some_and(|i| i.starts_with("endnotes")) {
            "meta"
        } else {
            "userstuff"
        });
    }
    let in_preface = el
        .ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| a.value().id() == Some("preface"));
    if !in_preface {
        return None;
    }
    match e.name() {
        "dl" => Some("tags"),
        "div" => el
            .children()
            .filter_map(ElementRef::wrap)
            .any(|c| {
                c.value().name() == "a"
                    && c.value().attr("rel").is_some_and(|r| r.contains("author"))
            })
            .then_some("byline"),
        _ => None,
    }
}

/// The node type of a parsed page, named through what scraper returns.
mod ego_node {
    pub type NodeRef<'a> = <scraper::ElementRef<'a> as std::ops::Deref>::Target;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> Html {
        Html::parse_document(&format!(
            "<html><head><title>x</title></head><body>{body}</body></html>"
        ))
    }

    #[test]
    fn split_pages_join_back_with_their_classes() {
        let mut j = Joiner::default();
        j.add(&page(
            r#"<div id="preface" class="calibre1"><p class="message">Posted</p><dl class="tags"><dt>Rating:</dt><dd>Mature</dd></dl></div>"#,
        ));
        j.add(&page(
            r#"<div id="preface" class="calibre1"><h1>T</h1><div class="calibre1">by <a rel="author" href="u">A</a></div></div><div id="chapters" class="calibre1"></div>"#,
        ));
        j.add(&page(
            r#"<div id="chapters" class="calibre1"><div class="calibre1"><h2 class="heading">Chapter 1</h2></div>
<!--chapter content--><div class="calibre1"><p>Text &amp; more<br/>line</p></div>
<div class="calibre1" id="endnotes1"><p>Chapter End Notes</p><blockquote>N</blockquote></div></div>"#,
        ));
        let joined = j.finish();
        assert_eq!(joined.matches("id=\"preface\"").count(), 1, "{joined}");
        assert_eq!(joined.matches("id=\"chapters\"").count(), 1, "{joined}");
        assert!(
            joined.contains(r#"<div class="byline">by <a href="u" rel="author">A</a></div>"#),
            "{joined}"
        );
        assert!(
            joined.contains(r#"<div class="meta group"><h2 class="heading">Chapter 1</h2></div>"#),
            "{joined}"
        );
        assert!(
            joined.contains(r#"<div class="userstuff"><p>Text &amp; more<br>line</p></div>"#),
            "{joined}"
        );
        assert!(
            joined.contains(r#"<div class="meta" id="endnotes1">"#),
            "{joined}"
        );
        assert!(joined.contains(r#"<dl class="tags">"#), "{joined}");
    }
}
