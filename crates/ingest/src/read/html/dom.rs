//! Small, iterative walks over a parsed page that every part of the HTML reader shares: the text
//! of a node (what metadata values are made of) and the markup of a run of nodes (what chapter
//! HTML is made of), each able to leave out nodes that were found to be something else (a
//! heading, a block of labels, navigation).
//!
//! Nothing here recurses: the nesting guard bounds the depth of a page, but a limit can be
//! raised, and a walk with its own stack cannot overflow the thread's.

use std::collections::HashSet;

use ficshelf_markup::{BLOCK_ELEMENTS, escape_attr, escape_text};
use scraper::{ElementRef, Node};

/// A node of a parsed page (`ego_tree::NodeRef<Node>`, named through scraper, which does not
/// re-export `ego_tree`).
pub(crate) type NodeRef<'a> = <ElementRef<'a> as std::ops::Deref>::Target;

/// Nodes left out of a walk (with everything under them), by [`key`].
pub(crate) type Skip = HashSet<usize>;

/// A node's identity for [`Skip`]: the address of its value, unique within a tree and stable
/// while the tree is borrowed.
pub(crate) fn key(node: &NodeRef<'_>) -> usize {
    std::ptr::from_ref::<Node>(node.value()) as usize
}

/// Elements whose content is never text a reader sees: code, styles, embedded objects, form
/// controls. Their content contributes nothing to a value (`<b>Title:</b> <script>x</script>
/// Innocent` is `Innocent`).
pub(crate) const NOT_TEXT: &[&str] = &[
    "script", "style", "template", "noscript", "iframe", "object", "embed", "applet", "svg",
    "math", "head", "title", "textarea", "select", "button", "noframes", "frameset", "frame",
];

/// Elements serialized without an end tag.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose text is written as it is (HTML does not decode entities in them).
const RAW_TEXT: &[&str] = &["script", "style", "xmp", "noembed", "noframes", "plaintext"];

/// The element name of a node, if it is an element.
pub(crate) fn name<'a>(node: &NodeRef<'a>) -> Option<&'a str> {
    match node.value() {
        Node::Element(e) => Some(e.name()),
        _ => None,
    }
}

pub(crate) fn is_element(node: &NodeRef<'_>, wanted: &str) -> bool {
    name(node) == Some(wanted)
}

pub(crate) fn is_block(name: &str) -> bool {
    BLOCK_ELEMENTS.contains(&name)
}

pub(crate) fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

pub(crate) fn has_class(node: &NodeRef<'_>, class: &str) -> bool {
    match node.value() {
        Node::Element(e) => e.classes().any(|c| c.eq_ignore_ascii_case(class)),
        _ => false,
    }
}

pub(crate) fn id_is(node: &NodeRef<'_>, id: &str) -> bool {
    match node.value() {
        Node::Element(e) => e.id().is_some_and(|i| i.eq_ignore_ascii_case(id)),
        _ => false,
    }
}

/// The element's id starts with `prefix` (`endnotes3`).
pub(crate) fn id_is_prefixed(node: &NodeRef<'_>, prefix: &str) -> bool {
    match node.value() {
        Node::Element(e) => e.id().is_some_and(|i| i.starts_with(prefix)),
        _ => false,
    }
}

pub(crate) fn attr<'a>(node: &NodeRef<'a>, name: &str) -> Option<&'a str> {
    match node.value() {
        Node::Element(e) => e.attr(name),
        _ => None,
    }
}

/// Whitespace-only text, or a comment: nothing a reader sees.
pub(crate) fn is_blank(node: &NodeRef<'_>) -> bool {
    match node.value() {
        Node::Text(t) => t.trim().is_empty(),
        Node::Comment(_) | Node::ProcessingInstruction(_) | Node::Doctype(_) => true,
        _ => false,
    }
}

/// The element children of a node.
pub(crate) fn child_elements<'a>(node: NodeRef<'a>) -> impl Iterator<Item = NodeRef<'a>> {
    node.children().filter(|c| c.value().is_element())
}

/// The first descendant (or the node itself) for which `pred` holds, in document order.
pub(crate) fn find<'a>(
    node: NodeRef<'a>,
    pred: impl Fn(&NodeRef<'a>) -> bool,
) -> Option<NodeRef<'a>> {
    node.descendants().find(|n| pred(n))
}

/// Every descendant for which `pred` holds, in document order.
pub(crate) fn find_all<'a>(
    node: NodeRef<'a>,
    pred: impl Fn(&NodeRef<'a>) -> bool,
) -> Vec<NodeRef<'a>> {
    node.descendants().filter(|n| pred(n)).collect()
}

/// The address of the first `mailto:` link in or below `nodes`.
pub(crate) fn mailto<'a>(nodes: impl IntoIterator<Item = NodeRef<'a>>) -> Option<String> {
    nodes
        .into_iter()
        .flat_map(|n| n.descendants())
        .filter_map(|d| attr(&d, "href"))
        .find_map(|h| {
            let rest = h.trim().strip_prefix("mailto:")?;
            let address = rest.split('?').next().unwrap_or("").trim();
            address.contains('@').then(|| address.to_string())
        })
}

/// The `body` of a document (html5ever always makes one, unless the page is a frameset).
pub(crate) fn body(doc: &scraper::Html) -> Option<NodeRef<'_>> {
    child_elements(*doc.root_element()).find(|c| is_element(c, "body"))
}

/// The text under `node`: entities decoded (once, by the parser), block elements and `<br>` on
/// lines of their own, spaces collapsed within lines, blank lines dropped, trimmed; the alt text
/// of images kept; scripts, styles and the like contribute nothing.
pub(crate) fn text(node: NodeRef<'_>) -> String {
    text_of(std::iter::once(node), &Skip::new())
}

/// The text of a run of sibling nodes, leaving out the nodes in `skip`.
pub(crate) fn text_of<'a>(nodes: impl IntoIterator<Item = NodeRef<'a>>, skip: &Skip) -> String {
    collect_text(nodes, skip, usize::MAX).0
}

/// The text of a run of nodes, cut after about `max_bytes` bytes: enough to judge a short
/// piece (a heading, a label line, a link bar) without copying a whole chapter. Also says
/// whether the text is complete.
pub(crate) fn text_head<'a>(
    nodes: impl IntoIterator<Item = NodeRef<'a>>,
    max_bytes: usize,
) -> (String, bool) {
    collect_text(nodes, &Skip::new(), max_bytes)
}

/// The text under `node` exactly as laid out (spaces, line breaks and blank lines kept, `<br>`
/// as a line break): what a `<pre>` holds.
pub(crate) fn raw_text(node: NodeRef<'_>) -> String {
    let mut out = String::new();
    let mut stack: Vec<NodeRef<'_>> = vec![node];
    while let Some(n) = stack.pop() {
        match n.value() {
            Node::Text(t) => out.push_str(&t.text),
            Node::Element(e) if e.name() == "br" => out.push('\n'),
            Node::Element(e) if NOT_TEXT.contains(&e.name()) => {}
            Node::Element(_) | Node::Document | Node::Fragment => {
                let start = stack.len();
                stack.extend(n.children());
                stack[start..].reverse();
            }
            _ => {}
        }
    }
    out
}

/// Whether any of the nodes holds text a reader sees, or an image.
pub(crate) fn has_text<'a>(nodes: impl IntoIterator<Item = NodeRef<'a>>) -> bool {
    let mut stack: Vec<NodeRef<'a>> = nodes.into_iter().collect();
    while let Some(node) = stack.pop() {
        match node.value() {
            Node::Text(t) if !t.trim().is_empty() => return true,
            Node::Element(e) if e.name() == "img" => return true,
            Node::Element(e) if NOT_TEXT.contains(&e.name()) => {}
            Node::Element(_) | Node::Document | Node::Fragment => stack.extend(node.children()),
            _ => {}
        }
    }
    false
}

fn collect_text<'a>(
    nodes: impl IntoIterator<Item = NodeRef<'a>>,
    skip: &Skip,
    max_bytes: usize,
) -> (String, bool) {
    let mut raw = String::new();
    let mut stack: Vec<Step<'a>> = Vec::new();
    let roots: Vec<NodeRef<'a>> = nodes.into_iter().collect();
    stack.extend(roots.into_iter().rev().map(Step::Open));
    while let Some(step) = stack.pop() {
        if raw.len() > max_bytes {
            return (tidy_lines(&raw), false);
        }
        let node = match step {
            Step::Close(block) => {
                if block {
                    raw.push('\n');
                }
                continue;
            }
            Step::Open(node) => node,
        };
        if skip.contains(&key(&node)) {
            continue;
        }
        match node.value() {
            Node::Text(t) => raw.push_str(&t.text),
            Node::Element(e) => {
                let name = e.name();
                if NOT_TEXT.contains(&name) {
                    continue;
                }
                let block = is_block(name);
                if block {
                    raw.push('\n');
                } else if name == "img" {
                    if let Some(alt) = e.attr("alt") {
                        raw.push_str(alt);
                    }
                } else if name == "td" || name == "th" {
                    raw.push(' ');
                }
                stack.push(Step::Close(block));
                push_children(&mut stack, node);
            }
            Node::Document | Node::Fragment => push_children(&mut stack, node),
            _ => {}
        }
    }
    (tidy_lines(&raw), true)
}

enum Step<'a> {
    Open(NodeRef<'a>),
    Close(bool),
}

fn push_children<'a>(stack: &mut Vec<Step<'a>>, node: NodeRef<'a>) {
    let start = stack.len();
    stack.extend(node.children().map(Step::Open));
    stack[start..].reverse();
}

/// Collapse spaces within lines, drop empty lines, trim.
pub(crate) fn tidy_lines(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for line in raw.lines() {
        let mut words = line.split_whitespace().peekable();
        if words.peek().is_none() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        for (i, w) in words.enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(w);
        }
    }
    out
}

/// The text on one line: line breaks become spaces.
pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The markup of the children of `node`, leaving out the nodes in `skip`.
pub(crate) fn inner_html(node: NodeRef<'_>, skip: &Skip) -> String {
    html_of(node.children(), skip)
}

/// The markup of a run of nodes, leaving out the nodes in `skip` and every comment. Elements
/// are written with their attributes as parsed: sanitizing is the normalizer's job.
pub(crate) fn html_of<'a>(nodes: impl IntoIterator<Item = NodeRef<'a>>, skip: &Skip) -> String {
    enum Html<'a> {
        Open(NodeRef<'a>),
        Close(&'a str),
    }
    let mut out = String::new();
    let roots: Vec<NodeRef<'a>> = nodes.into_iter().collect();
    let mut stack: Vec<Html<'a>> = roots.into_iter().rev().map(Html::Open).collect();
    while let Some(step) = stack.pop() {
        let node = match step {
            Html::Close(name) => {
                out.push_str("</");
                out.push_str(name);
                out.push('>');
                continue;
            }
            Html::Open(node) => node,
        };
        if skip.contains(&key(&node)) {
            continue;
        }
        match node.value() {
            Node::Text(t) => {
                let raw = node
                    .parent()
                    .and_then(|p| name(&p))
                    .is_some_and(|n| RAW_TEXT.contains(&n));
                if raw {
                    out.push_str(&t.text);
                } else {
                    out.push_str(&escape_text(&t.text));
                }
            }
            Node::Element(e) => {
                let name = e.name();
                out.push('<');
                out.push_str(name);
                for (k, v) in e.attrs() {
                    out.push(' ');
                    out.push_str(k);
                    out.push_str("=\"");
                    out.push_str(&escape_attr(v));
                    out.push('"');
                }
                out.push('>');
                if VOID.contains(&name) {
                    continue;
                }
                stack.push(Html::Close(name));
                let start = stack.len();
                stack.extend(node.children().map(Html::Open));
                stack[start..].reverse();
            }
            Node::Document | Node::Fragment => {
                let start = stack.len();
                stack.extend(node.children().map(Html::Open));
                stack[start..].reverse();
            }
            _ => {}
        }
    }
    out.trim().to_string()
}

/// Prose markup as blocks: inline-only markup (`She <i>keeps</i> the light.`) becomes one
/// paragraph, as the plain-text readers make a value one, so every format gives the same
/// summary; markup that has blocks is kept as it is.
pub(crate) fn as_blocks<'a>(nodes: impl IntoIterator<Item = NodeRef<'a>>, html: String) -> String {
    let blocky = nodes
        .into_iter()
        .any(|n| name(&n).is_some_and(|e| is_block(e) && e != "br"));
    if blocky || html.is_empty() {
        html
    } else {
        format!("<p>{html}</p>")
    }
}

/// A short description of an element for origins: `h1`, `div#preface`, `dl.meta`.
pub(crate) fn describe(node: &NodeRef<'_>) -> String {
    let Some(el) = ElementRef::wrap(*node) else {
        return "text".to_string();
    };
    let e = el.value();
    let mut out = e.name().to_string();
    if let Some(id) = e.id() {
        out.push('#');
        out.push_str(id);
    } else if let Some(class) = e.classes().next() {
        out.push('.');
        out.push_str(class);
    }
    out
}

/// An origin: where a value was found and the text it was found in, shortened,
/// `dl.meta: "Rating: Teen"`; `prefix` names the page when there are several (an EPUB's).
pub(crate) fn origin(prefix: &str, place: &str, text: &str) -> String {
    let text = one_line(text);
    let shown = match text.char_indices().nth(80) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    };
    let place = if prefix.is_empty() {
        place.to_string()
    } else {
        format!("{prefix} {place}")
    };
    if shown.is_empty() {
        place
    } else {
        format!("{place}: \"{shown}\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn body_of(html: &str) -> (Html, usize) {
        let doc = Html::parse_document(html);
        let n = body(&doc)
            .and_then(|b| doc.tree.nodes().position(|x| x == b))
            .expect("body");
        (doc, n)
    }

    fn nth(doc: &Html, n: usize) -> NodeRef<'_> {
        doc.tree.nodes().nth(n).expect("node")
    }

    #[test]
    fn text_skips_code_and_keeps_lines() {
        let (doc, id) = body_of(
            "<p>One <b>two</b><br>three</p><script>evil()</script><style>p{}</style>\
             <iframe>frame text</iframe><noscript>ns</noscript><p>AT&amp;T <img alt='pic'></p>",
        );
        let b = nth(&doc, id);
        assert_eq!(text(b), "One two\nthree\nAT&T pic");
    }

    #[test]
    fn html_of_leaves_out_skipped_nodes_and_comments() {
        let (doc, id) = body_of("<h2>Head</h2><!-- c --><p class=x>A &amp; <i>b</i></p><hr>");
        let b = nth(&doc, id);
        let mut skip = Skip::new();
        let h2 = child_elements(b).next().expect("h2");
        skip.insert(key(&h2));
        assert_eq!(
            inner_html(b, &skip),
            "<p class=\"x\">A &amp; <i>b</i></p><hr>"
        );
    }

    #[test]
    fn script_text_is_written_raw_for_the_sanitizer_to_remove_whole() {
        let (doc, id) = body_of("<p>a</p><script>if (a < b) x()</script>");
        let b = nth(&doc, id);
        assert_eq!(
            inner_html(b, &Skip::new()),
            "<p>a</p><script>if (a < b) x()</script>"
        );
    }

    #[test]
    fn deep_trees_do_not_recurse() {
        let n = 100_000;
        let html = "<span>".repeat(n) + "deep" + &"</span>".repeat(n);
        let (doc, id) = body_of(&html);
        let b = nth(&doc, id);
        assert_eq!(text(b), "deep");
        assert_eq!(inner_html(b, &Skip::new()).len(), html.len());
    }

    #[test]
    fn origins_are_short() {
        assert_eq!(
            origin("", "dl.meta", "Rating:  Teen"),
            "dl.meta: \"Rating: Teen\""
        );
        assert_eq!(origin("title.xhtml", "h1", ""), "title.xhtml h1");
        let long = "x".repeat(200);
        assert!(origin("", "p", &long).ends_with("…\""));
    }
}
