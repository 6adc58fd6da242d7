//! Step 1 of turning `Work` HTML into XHTML: parse it as a browser would (html5ever, through
//! scraper) and copy it into a small tree of our own, keeping only elements and attributes that
//! are valid in XHTML5, mapping AO3's obsolete elements to valid ones, and dropping characters
//! XML cannot carry.
//!
//! The content-model repairs in `fix` then work on this tree, and `mod.rs` serializes it.

use ficshelf_markup::flatten_deep;
use scraper::{ElementRef, Html, Node as HtmlNode};

use crate::xml::{clean, clean_href, is_language_tag};

/// Deeper elements than this are reduced to their text. `Work` HTML is already flattened to
/// this depth by the sanitizer; the guard keeps the recursion below bounded for any input.
pub(super) const MAX_DEPTH: usize = 512;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Node {
    Text(String),
    El(El),
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct El {
    pub name: &'static str,
    pub attrs: Vec<(&'static str, String)>,
    pub children: Vec<Node>,
}

impl El {
    pub fn new(name: &'static str) -> El {
        El {
            name,
            attrs: Vec::new(),
            children: Vec::new(),
        }
    }

    /// The same element (name and attributes) around other children.
    pub fn shell(&self, children: Vec<Node>) -> El {
        El {
            name: self.name,
            attrs: self.attrs.clone(),
            children,
        }
    }

    pub fn with_class(mut self, class: &str) -> El {
        match self.attrs.iter_mut().find(|(k, _)| *k == "class") {
            Some((_, v)) => {
                v.push(' ');
                v.push_str(class);
            }
            None => self.attrs.push(("class", class.to_string())),
        }
        self
    }
}

/// What an input element becomes.
enum Map {
    /// This element, with an extra class when it replaces an obsolete one.
    Keep(&'static str, Option<&'static str>),
    /// Its children, in its place.
    Unwrap,
    /// Nothing: its content is code, not text.
    Drop,
    /// Its alt text: an image cannot be packaged, and a remote one is not allowed.
    Img,
}

fn map(name: &str) -> Map {
    use Map::*;
    match name {
        "center" => Keep("div", Some("center")),
        "big" => Keep("span", Some("big")),
        "tt" => Keep("span", Some("tt")),
        "strike" => Keep("s", None),
        "acronym" => Keep("abbr", None),
        "img" => Img,
        "script" | "style" | "iframe" | "noscript" | "object" | "embed" | "template" | "svg"
        | "math" | "frameset" | "frame" | "noframes" | "applet" | "textarea" | "select"
        | "button" | "head" | "title" => Drop,
        _ => match KEPT.iter().find(|k| **k == name) {
            Some(k) => Keep(k, None),
            None => Unwrap,
        },
    }
}

/// Elements of AO3's allowlist that are valid XHTML5 as they are.
const KEPT: &[&str] = &[
    "a",
    "abbr",
    "address",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "ins",
    "kbd",
    "li",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
    "var",
];

/// Parse `html` and build our tree of it.
pub(super) fn build(html: &str) -> Vec<Node> {
    let (flat, _) = flatten_deep(html, MAX_DEPTH);
    let doc = Html::parse_fragment(&flat);
    let mut out = Vec::new();
    push_children(doc.root_element(), 0, &mut out);
    out
}

fn push_children(node: ElementRef<'_>, depth: usize, out: &mut Vec<Node>) {
    for child in node.children() {
        match child.value() {
            HtmlNode::Text(t) => push_text(out, &clean(t)),
            HtmlNode::Element(e) => {
                let Some(child) = ElementRef::wrap(child) else {
                    continue;
                };
                if depth >= MAX_DEPTH {
                    push_deep_text(child, out);
                    continue;
                }
                match map(e.name()) {
                    Map::Keep(name, class) => {
                        let mut el = El {
                            name,
                            attrs: attrs(name, e),
                            children: Vec::new(),
                        };
                        if let Some(class) = class {
                            el = el.with_class(class);
                        }
                        push_children(child, depth + 1, &mut el.children);
                        out.push(Node::El(el));
                    }
                    Map::Unwrap => push_children(child, depth + 1, out),
                    Map::Drop => {}
                    Map::Img => {
                        if let Some(alt) = e.attr("alt") {
                            push_text(out, &clean(alt));
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// The text below `node`, without recursion.
fn push_deep_text(node: ElementRef<'_>, out: &mut Vec<Node>) {
    for d in node.descendants() {
        if let HtmlNode::Text(t) = d.value() {
            push_text(out, &clean(t));
        }
    }
}

/// Append text, merging with a text node just before it.
pub(super) fn push_text(out: &mut Vec<Node>, t: &str) {
    if t.is_empty() {
        return;
    }
    if let Some(Node::Text(prev)) = out.last_mut() {
        prev.push_str(t);
    } else {
        out.push(Node::Text(t.to_string()));
    }
}

/// The attributes of `e` that are valid on `name` in XHTML5, with values validators accept.
fn attrs(name: &'static str, e: &scraper::node::Element) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = Vec::new();
    let get = |k: &str| e.attr(k).map(|v| clean(v).trim().to_string());
    if let Some(class) = get("class") {
        let class = crate::xml::one_line(&class);
        if !class.is_empty() {
            out.push(("class", class));
        }
    }
    if let Some(title) = get("title") {
        out.push(("title", title));
    }
    if let Some(dir) = get("dir").map(|d| d.to_ascii_lowercase())
        && matches!(dir.as_str(), "ltr" | "rtl" | "auto")
    {
        out.push(("dir", dir));
    }
    if let Some(lang) = get("lang").filter(|l| is_language_tag(l)) {
        out.push(("lang", lang));
    }
    let int = |k: &str, lo: i64, hi: i64| -> Option<String> {
        let v: i64 = get(k)?.parse().ok()?;
        (lo..=hi).contains(&v).then(|| v.to_string())
    };
    let mut push = |k: &'static str, v: Option<String>| {
        if let Some(v) = v {
            out.push((k, v));
        }
    };
    match name {
        "a" => push("href", get("href").and_then(|h| clean_href(&h))),
        "td" | "th" => {
            push("colspan", int("colspan", 1, 1000));
            push("rowspan", int("rowspan", 1, 65534));
            if name == "th" {
                let scope = get("scope").map(|s| s.to_ascii_lowercase());
                push(
                    "scope",
                    scope.filter(|s| matches!(s.as_str(), "row" | "col" | "rowgroup" | "colgroup")),
                );
            }
        }
        "col" | "colgroup" => push("span", int("span", 1, 1000)),
        "ol" => {
            push("start", int("start", -1_000_000_000, 1_000_000_000));
            push(
                "reversed",
                e.attr("reversed").map(|_| "reversed".to_string()),
            );
            push(
                "type",
                get("type").filter(|t| matches!(t.as_str(), "1" | "a" | "A" | "i" | "I")),
            );
        }
        "li" => push("value", int("value", -1_000_000_000, 1_000_000_000)),
        "blockquote" | "q" | "del" | "ins" => {
            push("cite", get("cite").and_then(|c| clean_href(&c)))
        }
        "details" => push("open", e.attr("open").map(|_| "open".to_string())),
        _ => {}
    }
    out
}
