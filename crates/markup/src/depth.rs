//! The nesting guard: measure and flatten HTML nesting *before* any tree is built.
//!
//! html5ever's tree builder checks element scope by walking the stack of open elements, so a
//! document nested N deep costs O(N²): a megabyte of `<div>`s takes minutes. This module scans
//! the markup once, in linear time, with a small model of the tree builder's stack (void
//! elements, raw-text elements, the implied end tags of `p`, `li`, `td`…) and removes the start
//! and end tags of elements that would sit deeper than the limit. Their text stays.
//!
//! The model errs towards *over*-estimating depth: it never pops an element the real parser
//! would keep open, so a document it passes cannot be deeper than the limit in html5ever.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

/// What the scan found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DepthReport {
    /// The deepest nesting seen, counting the elements that were flattened away.
    pub deepest: usize,
    /// How many start and end tags were removed.
    pub removed_tags: usize,
}

const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose content is raw text up to their end tag: no tags inside them count.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "textarea",
    "title",
    "plaintext",
];

/// Elements that close an open `p` when they start.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
    "li",
    "dd",
    "dt",
    "listing",
];

/// How far down the stack an implied end tag is looked for. Looking further would make the scan
/// quadratic again; stopping early only over-estimates depth.
const IMPLIED_LOOKBACK: usize = 16;

/// Measure the nesting of `html` and remove the tags of elements nested deeper than `max_depth`.
///
/// Returns the input unchanged (borrowed) when nothing is deeper than the limit.
pub fn flatten_deep(html: &str, max_depth: usize) -> (Cow<'_, str>, DepthReport) {
    let mut scan = Scan::default();
    scan.run(html, max_depth);
    let report = DepthReport {
        deepest: scan.deepest,
        removed_tags: scan.cuts.len(),
    };
    if scan.cuts.is_empty() {
        return (Cow::Borrowed(html), report);
    }
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    for cut in &scan.cuts {
        out.push_str(&html[at..cut.start]);
        at = cut.end;
    }
    out.push_str(&html[at..]);
    (Cow::Owned(out), report)
}

/// The deepest nesting of `html`, as the tree builder would see it (at least).
pub fn nesting_depth(html: &str) -> usize {
    flatten_deep(html, usize::MAX).1.deepest
}

#[derive(Default)]
struct Scan {
    stack: Vec<String>,
    /// How many of each element name are on `stack` (so an unmatched end tag costs O(1)).
    open: HashMap<String, usize>,
    /// Start tags removed and not yet closed, by name, so their end tags go too.
    removed_open: HashMap<String, usize>,
    /// Foreign content (`svg`, `math`) honours `/>`; HTML elements do not.
    foreign: usize,
    cuts: Vec<Range<usize>>,
    deepest: usize,
}

impl Scan {
    fn run(&mut self, html: &str, max_depth: usize) {
        let b = html.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let Some(off) = b[i..].iter().position(|&c| c == b'<') else {
                break;
            };
            let lt = i + off;
            let rest = &b[lt..];
            if rest.starts_with(b"<!--") {
                i = find(b, lt + 4, b"-->").map_or(b.len(), |e| e + 3);
            } else if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
                i = find(b, lt + 2, b">").map_or(b.len(), |e| e + 1);
            } else if rest.len() > 2 && rest[1] == b'/' && rest[2].is_ascii_alphabetic() {
                let (name, name_end) = tag_name(b, lt + 2);
                let end = find(b, name_end, b">").map_or(b.len(), |e| e + 1);
                self.end_tag(&name, lt..end);
                i = end;
            } else if rest.len() > 1 && rest[1].is_ascii_alphabetic() {
                let (name, name_end) = tag_name(b, lt + 1);
                let end = tag_end(b, name_end);
                let self_closing = end >= 2 && b[end - 2] == b'/' && b[end - 1] == b'>';
                i = end;
                if RAW_TEXT.contains(&name.as_str()) {
                    if name == "plaintext" {
                        i = b.len();
                    } else {
                        i = find_end_tag(b, end, name.as_bytes()).unwrap_or(b.len());
                    }
                    // The raw-text element itself opens and closes around its text.
                    self.deepest = self.deepest.max(self.stack.len() + 1);
                    continue;
                }
                self.start_tag(name, self_closing, lt..end, max_depth);
            } else {
                i = lt + 1;
            }
        }
    }

    fn start_tag(&mut self, name: String, self_closing: bool, span: Range<usize>, max: usize) {
        if VOID.contains(&name.as_str()) {
            self.deepest = self.deepest.max(self.stack.len() + 1);
            return;
        }
        if self_closing && self.foreign > 0 {
            return;
        }
        self.implied_end_tags(&name);
        let depth = self.stack.len() + 1;
        let removed: usize = self.removed_open.values().sum();
        self.deepest = self.deepest.max(depth + removed);
        if depth > max {
            self.cuts.push(span);
            *self.removed_open.entry(name).or_default() += 1;
            return;
        }
        if name == "svg" || name == "math" {
            self.foreign += 1;
        }
        *self.open.entry(name.clone()).or_default() += 1;
        self.stack.push(name);
    }

    fn end_tag(&mut self, name: &str, span: Range<usize>) {
        if self.open.get(name).copied().unwrap_or(0) > 0 {
            while let Some(top) = self.pop() {
                if top == name {
                    break;
                }
            }
        } else if let Some(n) = self.removed_open.get_mut(name).filter(|n| **n > 0) {
            *n -= 1;
            self.cuts.push(span);
        }
    }

    fn pop(&mut self) -> Option<String> {
        let top = self.stack.pop()?;
        if let Some(n) = self.open.get_mut(&top) {
            *n -= 1;
        }
        if top == "svg" || top == "math" {
            self.foreign -= 1;
        }
        Some(top)
    }

    /// Pop what the tree builder would implicitly close when `name` starts.
    fn implied_end_tags(&mut self, name: &str) {
        let (closes, boundary): (&[&str], &[&str]) = match name {
            "li" => (&["li"], &["ul", "ol", "table", "td", "th", "div"]),
            "dt" | "dd" => (&["dt", "dd"], &["dl", "table", "td", "th", "div"]),
            "tr" => (&["tr", "td", "th"], &["table"]),
            "td" | "th" => (&["td", "th"], &["tr", "table"]),
            "thead" | "tbody" | "tfoot" => {
                (&["thead", "tbody", "tfoot", "tr", "td", "th"], &["table"])
            }
            "option" => (&["option"], &["select"]),
            "optgroup" => (&["option", "optgroup"], &["select"]),
            n if CLOSES_P.contains(&n) => (&["p"], &["button", "table", "td", "th"]),
            _ => return,
        };
        let found = self
            .stack
            .iter()
            .rev()
            .take(IMPLIED_LOOKBACK)
            .take_while(|open| !boundary.contains(&open.as_str()))
            .position(|open| closes.contains(&open.as_str()));
        if let Some(from_top) = found {
            for _ in 0..=from_top {
                self.pop();
            }
        }
    }
}

/// The lower-cased tag name starting at `at`, and where it ends.
fn tag_name(b: &[u8], at: usize) -> (String, usize) {
    let end = b[at..]
        .iter()
        .position(|c| c.is_ascii_whitespace() || *c == b'/' || *c == b'>')
        .map_or(b.len(), |p| at + p);
    let name = String::from_utf8_lossy(&b[at..end]).to_ascii_lowercase();
    (name, end)
}

/// Index just past the `>` that ends a start tag, skipping quoted attribute values.
fn tag_end(b: &[u8], mut i: usize) -> usize {
    let mut quote = None;
    while i < b.len() {
        let c = b[i];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'>' => return i + 1,
            None => {}
        }
        i += 1;
    }
    b.len()
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= b.len() {
        return None;
    }
    b[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

/// Index just past `</name ...>` (ASCII case-insensitive), searching from `from`.
fn find_end_tag(b: &[u8], mut from: usize, name: &[u8]) -> Option<usize> {
    while let Some(p) = b.get(from..)?.iter().position(|&c| c == b'<') {
        let lt = from + p;
        let after = lt + 2 + name.len();
        if b.get(lt + 1) == Some(&b'/')
            && b.len() >= after
            && b[lt + 2..after].eq_ignore_ascii_case(name)
            && b.get(after)
                .is_none_or(|c| c.is_ascii_whitespace() || *c == b'>' || *c == b'/')
        {
            return Some(find(b, after, b">").map_or(b.len(), |e| e + 1));
        }
        from = lt + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_markup_is_borrowed_unchanged() {
        let html = "<div><p>One<p>Two <b>bold</b></div><br><img src=x>";
        let (out, report) = flatten_deep(html, 512);
        assert!(matches!(out, Cow::Borrowed(_)));
        assert_eq!(report.removed_tags, 0);
        assert_eq!(report.deepest, 3);
    }

    #[test]
    fn unclosed_optional_end_tags_do_not_add_depth() {
        let html =
            "<ul>".to_string() + &"<li>item".repeat(5000) + "</ul>" + &"<p>para".repeat(5000);
        assert!(nesting_depth(&html) <= 3, "depth {}", nesting_depth(&html));
    }

    #[test]
    fn deep_divs_are_flattened_keeping_text() {
        let n = 2000;
        let html = "<div>".repeat(n) + "deep text" + &"</div>".repeat(n);
        let (out, report) = flatten_deep(&html, 100);
        assert_eq!(report.deepest, n);
        assert_eq!(report.removed_tags, 2 * (n - 100));
        assert!(out.contains("deep text"));
        assert_eq!(nesting_depth(&out), 100);
        assert_eq!(out.matches("<div>").count(), 100);
        assert_eq!(out.matches("</div>").count(), 100);
    }

    #[test]
    fn self_closing_html_elements_still_nest() {
        let html = "<div/>".repeat(50);
        assert_eq!(nesting_depth(&html), 50);
        let svg = "<svg>".to_string() + &"<path/>".repeat(50) + "</svg>";
        assert_eq!(nesting_depth(&svg), 1);
    }

    #[test]
    fn tags_inside_comments_scripts_and_attributes_do_not_count() {
        let html = concat!(
            "<!-- <div><div><div> -->",
            "<script>if (a<b) { x = '<div><div>'; }</script>",
            "<p title='<div><div>'>x</p>",
            "<style>div > p {}</style>",
        );
        assert_eq!(nesting_depth(html), 1);
    }

    #[test]
    fn unterminated_constructs_end_at_eof() {
        for html in [
            "<div",
            "<!-- never closed",
            "<script>x",
            "<p title='open",
            "</",
            "<",
            "a < b",
        ] {
            let (out, _) = flatten_deep(html, 1);
            assert_eq!(out, html);
        }
    }

    #[test]
    fn linear_in_depth() {
        // A megabyte of nested divs is scanned without building a tree; the work is linear, so
        // this finishes instantly even in a debug build (a quadratic scan would not).
        let html = "<div>".repeat(200_000);
        let (out, report) = flatten_deep(&html, 512);
        assert_eq!(report.deepest, 200_000);
        assert_eq!(out.len(), 512 * 5);
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_never_grows(s in ".{0,300}") {
            let (out, _) = flatten_deep(&s, 3);
            proptest::prop_assert!(out.len() <= s.len());
        }

        #[test]
        fn flattened_output_respects_the_limit(tags in proptest::collection::vec(
            proptest::sample::select(vec!["<div>", "</div>", "<b>", "</b>", "<p>", "<li>", "x"]),
            0..200,
        )) {
            let html: String = tags.concat();
            let (out, _) = flatten_deep(&html, 5);
            proptest::prop_assert!(nesting_depth(&out) <= 5);
        }
    }
}
