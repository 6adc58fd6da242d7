//! A page body as a flat sequence of segments, for the generic reader: each segment is one
//! block (a paragraph, a heading, a table, a list, a rule) or one line of loose inline content
//! (text between `<br>`s). Wrappers that only group blocks (`div`, `section`, `center`,
//! `font`, a layout table of one cell…) are looked through, so that a page built of nested
//! boxes reads the same as a page of paragraphs.
//!
//! A segment keeps its nodes, so a chapter's markup is the markup of its segments: nothing is
//! rebuilt, only wrappers are dropped.

use ficshelf_markup::BLOCK_ELEMENTS;

use super::dom::{self, NodeRef};

/// What a segment is, by its markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `h1`…`h6`, with its level.
    Heading(u8),
    /// `hr`.
    Rule,
    Table,
    /// A definition list.
    Dl,
    /// `ul`/`ol`.
    List,
    /// `nav`.
    Nav,
    /// Any other block element (`p`, `blockquote`, `pre`, a `div` of text).
    Block,
    /// A line of inline nodes.
    Line,
    /// Code or an embedded object with no text (`script`, `style`, `iframe`).
    Code,
}

#[derive(Debug, Clone)]
pub(crate) struct Segment<'a> {
    pub kind: Kind,
    /// One block element, or the inline nodes of a line (with the `<br>` that ends it).
    pub nodes: Vec<NodeRef<'a>>,
    /// The start of the text (lines joined with `\n`): the whole of a short segment, the
    /// first [`HEAD_BYTES`] of a long one. Enough for every decision made on a segment;
    /// chapters are built from the nodes, never from this.
    pub text: String,
    /// `text` is the whole text.
    pub complete: bool,
    empty: bool,
}

/// How much text a segment keeps: far more than any heading, label line or link bar.
const HEAD_BYTES: usize = 4096;

impl<'a> Segment<'a> {
    fn new(kind: Kind, nodes: Vec<NodeRef<'a>>) -> Self {
        let (text, complete) = dom::text_head(nodes.iter().copied(), HEAD_BYTES);
        let empty = text.is_empty() && !nodes.iter().any(has_image);
        Segment {
            kind,
            nodes,
            text,
            complete,
            empty,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.empty
    }

    /// The text on one line.
    pub fn line(&self) -> String {
        dom::one_line(&self.text)
    }

    /// A short description for origins: `h2`, `p`, `table`, `text`.
    pub fn place(&self) -> String {
        match self.kind {
            Kind::Line => "text".to_string(),
            _ => self.nodes.first().map(dom::describe).unwrap_or_default(),
        }
    }

    /// How much of the text is link text (0 to 1); 0 for a long segment, which is text.
    pub fn link_share(&self) -> f64 {
        if !self.complete {
            return 0.0;
        }
        let total = self.line().chars().count();
        if total == 0 {
            return 0.0;
        }
        let linked: usize = self
            .nodes
            .iter()
            .flat_map(|n| n.descendants())
            .filter(|d| dom::is_element(d, "a"))
            .map(|a| dom::one_line(&dom::text(a)).chars().count())
            .sum();
        linked as f64 / total as f64
    }

    /// Whether every link in the segment points inside the page (`#section2`).
    pub fn internal_links(&self) -> usize {
        self.nodes
            .iter()
            .flat_map(|n| n.descendants())
            .filter(|d| dom::attr(d, "href").is_some_and(|h| h.starts_with('#')))
            .count()
    }
}

fn has_image(node: &NodeRef<'_>) -> bool {
    node.descendants().any(|d| dom::is_element(&d, "img"))
}

/// Elements that may only group blocks: looked through when they hold any.
const WRAPPERS: &[&str] = &[
    "body",
    "div",
    "section",
    "article",
    "main",
    "center",
    "font",
    "form",
    "header",
    "footer",
    "aside",
    "span",
    "a",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "td",
    "th",
    "blockquote",
    "big",
    "small",
    "b",
    "i",
    "em",
    "strong",
    "u",
];

/// Wrappers that are structure whatever they hold.
const STRUCTURAL: &[&str] = &[
    "div", "section", "article", "main", "center", "form", "header", "footer", "aside", "table",
];

/// An inline wrapper around a block (`<font><p>…</p></font>`, `<a name=x><h2>…</h2></a>`).
fn holds_block_child(node: &NodeRef<'_>) -> bool {
    matches!(
        dom::name(node),
        Some("font" | "span" | "a" | "b" | "i" | "em" | "strong" | "u" | "big" | "small")
    ) && dom::child_elements(*node)
        .any(|c| dom::name(&c).is_some_and(|cn| dom::is_block(cn) && cn != "br"))
}

/// The segments of everything under `root`, in document order.
pub(crate) fn segments(root: NodeRef<'_>) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut line: Vec<NodeRef<'_>> = Vec::new();
    // `None` marks the end of a looked-through wrapper: its last line ends there.
    let mut stack: Vec<Option<NodeRef<'_>>> = root.children().map(Some).collect();
    stack.reverse();
    while let Some(item) = stack.pop() {
        let Some(node) = item else {
            flush(&mut line, &mut out);
            continue;
        };
        let Some(name) = dom::name(&node) else {
            if node.value().is_text() {
                line.push(node);
            }
            continue;
        };
        if name == "br" {
            line.push(node);
            flush(&mut line, &mut out);
            continue;
        }
        if dom::NOT_TEXT.contains(&name) {
            flush(&mut line, &mut out);
            out.push(Segment::new(Kind::Code, vec![node]));
            continue;
        }
        if looked_through(&node, name) {
            flush(&mut line, &mut out);
            stack.push(None);
            let start = stack.len();
            stack.extend(node.children().map(Some));
            stack[start..].reverse();
            continue;
        }
        let kind = match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                Kind::Heading(name.as_bytes()[1].saturating_sub(b'0'))
            }
            "hr" => Kind::Rule,
            "table" => Kind::Table,
            "dl" => Kind::Dl,
            "ul" | "ol" => Kind::List,
            "nav" => Kind::Nav,
            n if BLOCK_ELEMENTS.contains(&n) => Kind::Block,
            _ => {
                line.push(node);
                continue;
            }
        };
        flush(&mut line, &mut out);
        out.push(Segment::new(kind, vec![node]));
    }
    flush(&mut line, &mut out);
    out
}

fn flush<'a>(line: &mut Vec<NodeRef<'a>>, out: &mut Vec<Segment<'a>>) {
    if line.is_empty() {
        return;
    }
    let nodes = std::mem::take(line);
    let seg = Segment::new(Kind::Line, nodes);
    // Whitespace between blocks is not a line; a lone `<br>` is a blank line, kept so that the
    // markup stays whole.
    if !seg.is_empty() || seg.nodes.iter().any(|n| dom::is_element(n, "br")) {
        out.push(seg);
    }
}

/// A wrapper is looked through when it holds blocks; a table when one of its cells does (a
/// layout table, not a table of data).
fn looked_through(node: &NodeRef<'_>, name: &str) -> bool {
    if !WRAPPERS.contains(&name) {
        return false;
    }
    let holds_blocks = |n: &NodeRef<'_>| {
        dom::child_elements(*n).any(|c| {
            dom::name(&c).is_some_and(|cn| {
                (dom::is_block(cn) && cn != "br")
                    || STRUCTURAL.contains(&cn)
                    || holds_block_child(&c)
            })
        })
    };
    match name {
        "table" => node
            .descendants()
            .filter(|d| matches!(dom::name(d), Some("td" | "th")))
            .any(|cell| {
                dom::child_elements(cell).any(|c| {
                    dom::name(&c).is_some_and(|cn| {
                        matches!(
                            cn,
                            "p" | "div" | "table" | "h1" | "h2" | "h3" | "blockquote" | "center"
                        )
                    })
                })
            }),
        "tbody" | "thead" | "tfoot" | "tr" => true,
        _ => holds_blocks(node),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn kinds(html: &str) -> Vec<(Kind, String)> {
        let doc = Html::parse_document(html);
        let body = dom::body(&doc).expect("body");
        segments(body)
            .into_iter()
            .map(|s| (s.kind, s.line()))
            .collect()
    }

    #[test]
    fn wrappers_are_looked_through() {
        let got = kinds(
            "<div id=wrap><center><h1>T</h1></center><div class=story><p>One.</p><p>Two.</p></div></div>",
        );
        assert_eq!(
            got,
            vec![
                (Kind::Heading(1), "T".into()),
                (Kind::Block, "One.".into()),
                (Kind::Block, "Two.".into())
            ]
        );
    }

    #[test]
    fn loose_lines_split_at_br() {
        let got =
            kinds("<b>Title:</b> X<br>\n<b>Author:</b> Y<br><br>Story <i>begins</i>.<hr>End.");
        assert_eq!(
            got,
            vec![
                (Kind::Line, "Title: X".into()),
                (Kind::Line, "Author: Y".into()),
                (Kind::Line, "".into()),
                (Kind::Line, "Story begins.".into()),
                (Kind::Rule, "".into()),
                (Kind::Line, "End.".into()),
            ]
        );
    }

    #[test]
    fn layout_tables_are_looked_through_and_data_tables_are_not() {
        let got = kinds("<table><tr><td><p>Story.</p><p>More.</p></td></tr></table>");
        assert_eq!(got.len(), 2);
        let got = kinds("<table><tr><td><b>Rating:</b></td><td>PG</td></tr></table><p>x</p>");
        assert_eq!(got[0].0, Kind::Table);
    }

    #[test]
    fn code_is_its_own_segment() {
        let got = kinds("<p>a</p><script>x()</script><p>b</p>");
        assert_eq!(got[1], (Kind::Code, String::new()));
    }
}
