//! Small conversions between text and HTML that readers, the normalizer and writers share.

use scraper::{ElementRef, Html, Node};

use crate::simple::{self, Attr, Elem, Piece, Sink};

/// Escape text for use as HTML element content.
pub fn escape_text(text: &str) -> String {
    escape(text, |c| match c {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        _ => None,
    })
}

/// Escape text for use inside a double-quoted HTML or XML attribute.
pub fn escape_attr(text: &str) -> String {
    escape(text, |c| match c {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#39;"),
        _ => None,
    })
}

/// Copy `text`, replacing the ASCII bytes `rep` names; runs between them are copied whole.
fn escape(text: &str, rep: impl Fn(u8) -> Option<&'static str>) -> String {
    // Every byte `rep` replaces is one of these.
    const MAYBE: [bool; 256] = {
        let mut t = [false; 256];
        t[b'&' as usize] = true;
        t[b'<' as usize] = true;
        t[b'>' as usize] = true;
        t[b'"' as usize] = true;
        t[b'\'' as usize] = true;
        t
    };
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut from = 0;
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| MAYBE[usize::from(c)]) {
        i += off;
        if let Some(r) = rep(b[i]) {
            // The byte is ASCII, so `i` and `i + 1` are char boundaries.
            out.push_str(&text[from..i]);
            out.push_str(r);
            from = i + 1;
        }
        i += 1;
    }
    out.push_str(&text[from..]);
    out
}

/// Elements that start a new line of text.
pub const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// The text of an HTML fragment: entities decoded once, block elements on their own lines,
/// runs of spaces collapsed, blank lines removed, trimmed. Meant for short values (labels,
/// titles, summaries shown as text), not for rendering a chapter.
///
/// A simple fragment (see `simple`) is read in one scan, with the same result.
pub fn text_content(html: &str) -> String {
    let mut raw = RawText(String::with_capacity(html.len()));
    match simple::scan(html, &mut raw) {
        Some(()) => tidy_lines(&raw.0),
        None => slow_text_content(html),
    }
}

/// The html5ever path of [`text_content`].
pub(crate) fn slow_text_content(html: &str) -> String {
    let doc = Html::parse_fragment(html);
    let mut raw = String::new();
    collect_text(doc.root_element(), &mut raw);
    tidy_lines(&raw)
}

/// The text before tidying, as `collect_text` writes it: every text node, and a line break
/// before and after each block element.
struct RawText(String);

impl<'a> Sink<'a> for RawText {
    fn open(&mut self, el: &'static Elem, _: &[Attr<'a>]) {
        if BLOCK_ELEMENTS.contains(&el.name) {
            // A void block (`br`, `hr`) has no `close`: it ends where it starts.
            self.0.push_str(if el.is_void() { "\n\n" } else { "\n" });
        }
    }

    fn close(&mut self, el: &'static Elem) {
        if BLOCK_ELEMENTS.contains(&el.name) {
            self.0.push('\n');
        }
    }

    fn text(&mut self, piece: Piece<'a>) {
        match piece {
            Piece::Run(s) => self.0.push_str(s),
            Piece::Char(c) => self.0.push(c),
        }
    }

    fn boundary(&mut self) {}
}

/// The text below an element, with the same layout rules as [`text_content`].
pub fn element_text(el: ElementRef<'_>) -> String {
    let mut raw = String::new();
    collect_text(el, &mut raw);
    tidy_lines(&raw)
}

/// Written with its own stack, not recursion: a page can nest elements 100,000 deep (a
/// Markdown line of `>`s does), and a recursive walk overflowed the thread's stack.
fn collect_text(root: ElementRef<'_>, out: &mut String) {
    // (the node, whether it is a block being left): children are pushed in reverse so that
    // they come off the stack in document order.
    let mut stack = vec![];
    for child in root.children().rev() {
        stack.push((child, false));
    }
    while let Some((node, leaving)) = stack.pop() {
        if leaving {
            out.push('\n');
            continue;
        }
        match node.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => {
                let name = e.name();
                if matches!(name, "script" | "style" | "template" | "head" | "title") {
                    continue;
                }
                let block = BLOCK_ELEMENTS.contains(&name);
                if block {
                    out.push('\n');
                    stack.push((node, true));
                }
                if let Some(alt) = e.attr("alt").filter(|_| name == "img") {
                    out.push_str(alt);
                }
                for child in node.children().rev() {
                    stack.push((child, false));
                }
            }
            _ => {}
        }
    }
}

/// Collapse spaces within lines, drop empty lines, trim. One pass into one buffer: chapter
/// pages go through here several times per EPUB, and a string per line showed in profiles.
fn tidy_lines(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for line in raw.lines() {
        let mut words = line.split_whitespace();
        let Some(first) = words.next() else { continue };
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(first);
        for word in words {
            out.push(' ');
            out.push_str(word);
        }
    }
    out
}

/// Whether an HTML fragment has any text: the answer of `!text_content(html).is_empty()`
/// without building the text (readers ask this of every chapter page).
pub fn has_text(html: &str) -> bool {
    let mut any = AnyText(false);
    match simple::scan(html, &mut any) {
        Some(()) => any.0,
        None => !slow_text_content(html).is_empty(),
    }
}

/// A sink that only notes whether a text piece held anything but whitespace.
struct AnyText(bool);

impl<'a> Sink<'a> for AnyText {
    fn open(&mut self, _: &'static Elem, _: &[Attr<'a>]) {}

    fn close(&mut self, _: &'static Elem) {}

    fn text(&mut self, piece: Piece<'a>) {
        self.0 = self.0
            || match piece {
                Piece::Run(s) => s.chars().any(|c| !c.is_whitespace()),
                Piece::Char(c) => !c.is_whitespace(),
            };
    }

    fn boundary(&mut self) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_text("AT&T <b>"), "AT&amp;T &lt;b&gt;");
        assert_eq!(
            escape_attr(r#"say "hi" & 'bye'"#),
            "say &quot;hi&quot; &amp; &#39;bye&#39;"
        );
    }

    proptest::proptest! {
        /// The one-pass tidy writes what tidying line by line writes.
        #[test]
        fn tidy_lines_is_the_line_by_line_rule(raw in "[a \\t\\n\\r\u{a0}\u{3000}é]{0,60}") {
            let by_line = raw
                .lines()
                .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|line| !line.is_empty())
                .collect::<Vec<_>>()
                .join("\n");
            proptest::prop_assert_eq!(tidy_lines(&raw), by_line);
        }

        /// `has_text` answers what building the text would, on simple and other fragments.
        #[test]
        fn has_text_agrees_with_text_content(
            html in "(<p>|</p>|<em>|</em>|<br/>|<div>|</div>|<!-- c -->|&nbsp;|&amp;|x| |\\n|\u{a0}){0,12}"
        ) {
            proptest::prop_assert_eq!(has_text(&html), !text_content(&html).is_empty());
        }

        /// The run-copying escapers write what escaping character by character writes.
        #[test]
        fn escaping_is_per_character(text in "\\PC{0,80}|[&<>\"'a é]{0,40}") {
            let per_char = |attr: bool| -> String {
                text.chars()
                    .map(|c| match c {
                        '&' => "&amp;".to_string(),
                        '<' => "&lt;".to_string(),
                        '>' => "&gt;".to_string(),
                        '"' if attr => "&quot;".to_string(),
                        '\'' if attr => "&#39;".to_string(),
                        c => c.to_string(),
                    })
                    .collect()
            };
            proptest::prop_assert_eq!(escape_text(&text), per_char(false));
            proptest::prop_assert_eq!(escape_attr(&text), per_char(true));
        }
    }

    #[test]
    fn text_decodes_entities_exactly_once() {
        assert_eq!(text_content("AT&amp;T"), "AT&T");
        assert_eq!(text_content("&amp;amp;"), "&amp;");
        assert_eq!(
            text_content("<b>Title:</b>   Innocent <i>Thing</i>"),
            "Title: Innocent Thing"
        );
    }

    #[test]
    fn blocks_become_lines() {
        assert_eq!(
            text_content("<p>One</p><p>Two<br>Three</p>"),
            "One\nTwo\nThree"
        );
        assert_eq!(text_content("<script>x()</script><p>kept</p>"), "kept");
        assert_eq!(
            text_content(r#"<img alt="A picture"> caption"#),
            "A picture caption"
        );
    }
}

#[cfg(test)]
mod deep_tests {
    use super::*;

    #[test]
    fn text_of_a_very_deep_tree_without_recursion() {
        // Deep enough to overflow a test thread's stack with one frame per level.
        let depth = 50_000;
        let html = format!(
            "{}deep text{}",
            "<span>".repeat(depth),
            "</span>".repeat(depth)
        );
        let doc = Html::parse_fragment(&html);
        assert_eq!(element_text(doc.root_element()), "deep text");
    }
}
