//! Sanitizing to AO3's allowlist: the only HTML that ever reaches a `Work`.
//!
//! Every chapter, summary and note passes through [`sanitize`] in the normalizer, so store,
//! export and the web server can trust `Work` HTML. Scripts, styles, event handlers,
//! `javascript:` URLs and embedded frames are removed with their content; elements outside the
//! allowlist are unwrapped so that the text around them stays.
//!
//! `<i>` and `<b>` are written as `<em>` and `<strong>`: the plain-text and Markdown readers
//! write emphasis as `<em>`/`<strong>` and HTML sources use either, so without one spelling the
//! same story read from a `.txt` and from a `.html` would differ in its chapter HTML (and in
//! everything compared or deduplicated on it). Browsers and e-readers render both the same.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::classes;
use crate::controls::normalize_controls;
use crate::depth::flatten_deep;
use crate::simple::{self, Attr, Elem, GENERIC_ATTRS, Piece, Sink};
use crate::words::{Counter, count_words};

/// AO3's sanitizer allowlist of elements (DESIGN.md, "AO3's closed vocabularies").
pub const ALLOWED_ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "address",
    "b",
    "big",
    "blockquote",
    "br",
    "caption",
    "center",
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
    "img",
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
    "strike",
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
    "tt",
    "u",
    "ul",
    "var",
];

/// Elements removed together with everything inside them: their content is code, not text.
const REMOVED_WITH_CONTENT: &[&str] = &[
    "script", "style", "iframe", "noscript", "object", "embed", "template", "svg", "math",
    "frameset", "frame", "noframes", "applet", "textarea", "select", "button", "head", "title",
];

/// Nesting deeper than this is flattened before the sanitizer builds its tree (see `depth`).
pub const SANITIZE_MAX_DEPTH: usize = 512;

fn builder() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let tags: HashSet<&str> = ALLOWED_ELEMENTS.iter().copied().collect();
        let mut tag_attributes: HashMap<&str, HashSet<&str>> = HashMap::new();
        let mut allow = |tag: &'static str, attrs: &[&'static str]| {
            tag_attributes.insert(tag, attrs.iter().copied().collect());
        };
        allow("a", &["href"]);
        allow("img", &["src", "alt", "width", "height"]);
        allow("td", &["colspan", "rowspan"]);
        allow("th", &["colspan", "rowspan", "scope"]);
        allow("col", &["span"]);
        allow("colgroup", &["span"]);
        allow("ol", &["start", "reversed", "type"]);
        allow("li", &["value"]);
        allow("blockquote", &["cite"]);
        allow("q", &["cite"]);
        allow("del", &["cite", "datetime"]);
        allow("ins", &["cite", "datetime"]);
        allow("details", &["open"]);
        let mut b = ammonia::Builder::empty();
        b.tags(tags)
            .tag_attributes(tag_attributes)
            .generic_attributes(["class", "title", "dir", "lang"].into_iter().collect())
            .url_schemes(["http", "https", "mailto"].into_iter().collect())
            .url_relative(ammonia::UrlRelative::PassThrough)
            .link_rel(Some("noopener noreferrer"))
            .attribute_filter(|_, attr, value| match attr {
                "class" => classes::without_reserved(value),
                _ => Some(value.into()),
            })
            .strip_comments(true)
            .clean_content_tags(REMOVED_WITH_CONTENT.iter().copied().collect());
        b
    })
}

/// Sanitize an HTML fragment to AO3's allowlist. Idempotent.
///
/// A simple fragment (see `simple`) is re-serialized in one scan, exactly as ammonia would
/// write it; anything else is parsed and cleaned by ammonia.
pub fn sanitize(html: &str) -> String {
    fast(html).unwrap_or_else(|| slow(html))
}

/// The one spelling of an element name in sanitized HTML (see the module doc).
fn canonical(name: &str) -> &str {
    match name {
        "i" => "em",
        "b" => "strong",
        other => other,
    }
}

/// Renames `<i>`/`<b>` tags in serializer output, where every `<` in text is escaped and
/// attribute values are double-quoted, so a tag starts at each raw `<` and ends at the first
/// `>` outside quotes.
fn canonical_tags(html: String) -> String {
    let b = html.as_bytes();
    let needs = ["<i", "<b", "</i", "</b"].iter().any(|t| html.contains(t));
    if !needs {
        return html;
    }
    let mut out = String::with_capacity(html.len() + 64);
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let start = i + off;
        out.push_str(&html[i..start]);
        let name_from = start + 1 + usize::from(b.get(start + 1) == Some(&b'/'));
        let name_len = b[name_from..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        let mut end = name_from + name_len;
        let mut quoted = false;
        while end < b.len() && (quoted || b[end] != b'>') {
            quoted ^= b[end] == b'"';
            end += 1;
        }
        let end = (end + 1).min(b.len());
        out.push_str(&html[start..name_from]);
        out.push_str(canonical(&html[name_from..name_from + name_len]));
        out.push_str(&html[name_from + name_len..end]);
        i = end;
    }
    out.push_str(&html[i..]);
    out
}

/// [`sanitize`] and [`count_words`] of the result, in one scan when the fragment is simple.
///
/// Same results as calling both: the fast path keeps every tag of a simple fragment, so the
/// sanitized fragment has exactly the input's text nodes.
pub fn sanitize_and_count(html: &str) -> (String, u64) {
    let mut both = (
        Writer(String::with_capacity(html.len() + html.len() / 32)),
        Counter::default(),
    );
    match simple::scan(html, &mut both) {
        Some(()) => (both.0.0, both.1.words),
        None => {
            let clean = slow(html);
            let words = count_words(&clean);
            (clean, words)
        }
    }
}

/// Reports every event to both sinks.
impl<'a, A: Sink<'a>, B: Sink<'a>> Sink<'a> for (A, B) {
    fn open(&mut self, el: &'static Elem, attrs: &[Attr<'a>]) {
        self.0.open(el, attrs);
        self.1.open(el, attrs);
    }

    fn close(&mut self, el: &'static Elem) {
        self.0.close(el);
        self.1.close(el);
    }

    fn text(&mut self, piece: Piece<'a>) {
        self.0.text(piece);
        self.1.text(piece);
    }

    fn boundary(&mut self) {
        self.0.boundary();
        self.1.boundary();
    }
}

/// The ammonia path: nesting guard, html5ever tree, allowlist, serializer — repeated until the
/// output cleans to itself.
///
/// One pass is not always a fixed point: unwrapping an element off the allowlist can leave a
/// tree the parser would never build (a heading directly inside a heading), and parsing its
/// serialization closes the outer heading, so `sanitize` would change its own output (found by
/// the `read_html` fuzz target; `fuzz/regressions/`). The check is cheap when the output is a
/// simple fragment, as nearly all are: the fast path re-cleans it in one scan.
pub(crate) fn slow(html: &str) -> String {
    let mut clean = clean_once(html);
    // Bounded, in case some input keeps changing: each pass is a full parse.
    for _ in 0..4 {
        let again = fast(&clean).unwrap_or_else(|| clean_once(&clean));
        if again == clean {
            break;
        }
        clean = again;
    }
    clean
}

fn clean_once(html: &str) -> String {
    let (flat, _) = flatten_deep(html, SANITIZE_MAX_DEPTH);
    let clean = canonical_tags(builder().clean(&flat).to_string());
    // Character references (`&#2;`) put controls back after the decoder removed them; in
    // serialized HTML a control is never part of the markup, so it goes wherever it is.
    match normalize_controls(&clean) {
        (Cow::Borrowed(_), _) => clean,
        (Cow::Owned(s), _) => s,
    }
}

/// The simple-fragment path; `None` when the fragment is not simple.
pub(crate) fn fast(html: &str) -> Option<String> {
    let mut w = Writer(String::with_capacity(html.len() + html.len() / 32));
    simple::scan(html, &mut w)?;
    Some(w.0)
}

/// Writes what the scan reports the way html5ever's serializer writes the cleaned tree.
struct Writer(String);

impl Writer {
    fn escaped(&mut self, piece: Piece<'_>, attr: bool) {
        let mut one = [0u8; 4];
        let s = match piece {
            Piece::Run(s) => s,
            Piece::Char(c) => c.encode_utf8(&mut one),
        };
        let b = s.as_bytes();
        let special = if attr { &ATTR_SPECIAL } else { &TEXT_SPECIAL };
        let mut from = 0;
        let mut i = 0;
        while let Some(off) = b[i..].iter().position(|&c| special[usize::from(c)]) {
            i += off;
            let (rep, len) = match b[i] {
                b'&' => ("&amp;", 1),
                b'<' => ("&lt;", 1),
                b'>' => ("&gt;", 1),
                b'"' => ("&quot;", 1),
                // 0xC2 starts U+0080–U+00BF; only U+00A0 is escaped.
                _ if b.get(i + 1) == Some(&0xa0) => ("&nbsp;", 2),
                _ => {
                    i += 1;
                    continue;
                }
            };
            self.0.push_str(&s[from..i]);
            self.0.push_str(rep);
            i += len;
            from = i;
        }
        self.0.push_str(&s[from..]);
    }
}

/// Bytes html5ever's serializer may escape in text: `&`, `<`, `>`, and the lead byte of
/// U+00A0.
const TEXT_SPECIAL: [bool; 256] = special_bytes(b"&<>\xc2");
/// In attribute values `"` too.
const ATTR_SPECIAL: [bool; 256] = special_bytes(b"&<>\"\xc2");

const fn special_bytes(list: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut i = 0;
    while i < list.len() {
        t[list[i] as usize] = true;
        i += 1;
    }
    t
}

impl<'a> Sink<'a> for Writer {
    fn open(&mut self, el: &'static Elem, attrs: &[Attr<'a>]) {
        self.0.push('<');
        self.0.push_str(canonical(el.name));
        for a in attrs {
            if !GENERIC_ATTRS.contains(&a.name) && !el.attrs.contains(&a.name) {
                continue;
            }
            self.0.push(' ');
            self.0.push_str(a.name);
            self.0.push_str("=\"");
            // Validated by the scan.
            let _ = simple::pieces(a.raw, |p| self.escaped(p, true));
            self.0.push('"');
        }
        self.0.push('>');
    }

    fn close(&mut self, el: &'static Elem) {
        self.0.push_str("</");
        self.0.push_str(canonical(el.name));
        self.0.push('>');
    }

    fn text(&mut self, piece: Piece<'a>) {
        self.escaped(piece, false);
    }

    fn boundary(&mut self) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_styles_and_frames_go_with_their_content() {
        let out = sanitize(
            "<p>Before<script>alert(1)</script><style>p{}</style>\
             <iframe src=x>fallback</iframe>After</p>",
        );
        assert_eq!(out, "<p>BeforeAfter</p>");
    }

    #[test]
    fn handlers_and_javascript_urls_are_removed() {
        let out = sanitize(
            r#"<p onclick="x()"><a href="javascript:alert(1)" onmouseover=y>l</a><img src=a.png onerror=z alt="A"></p>"#,
        );
        assert!(
            !out.contains("onclick") && !out.contains("onerror") && !out.contains("javascript"),
            "{out}"
        );
        assert!(out.contains(r#"alt="A""#));
        assert!(out.contains(">l</a>"));
    }

    #[test]
    fn unknown_elements_are_unwrapped_not_dropped() {
        assert_eq!(
            sanitize("<font color=red>red <blink>text</blink></font>"),
            "red text"
        );
        assert_eq!(
            sanitize("<center><u>x</u></center>"),
            "<center><u>x</u></center>"
        );
    }

    #[test]
    fn allowed_markup_is_kept() {
        let html = r#"<p class="x" lang="fr"><em>a</em> <strong>b</strong></p><hr><blockquote>q</blockquote>"#;
        assert_eq!(
            sanitize(html),
            r#"<p class="x" lang="fr"><em>a</em> <strong>b</strong></p><hr><blockquote>q</blockquote>"#
        );
    }

    #[test]
    fn i_and_b_are_written_as_em_and_strong_on_both_paths() {
        // Simple fragments take the scan; the comment sends the second through ammonia.
        for html in [
            r#"<p><i>a</i> <b class="x">b</b> <big>c</big></p>"#,
            r#"<p><i>a</i> <b class="x">b</b> <big>c</big></p><!-- c -->"#,
        ] {
            assert_eq!(
                sanitize(html),
                r#"<p><em>a</em> <strong class="x">b</strong> <big>c</big></p>"#,
                "{html}"
            );
        }
        // Not a tag: text and attribute values keep their letters.
        let html =
            r#"<p title="<b>x</b>">a &lt;i&gt; b</p><a href="http://x.y/?<i>">l</a><!-- -->"#;
        let out = sanitize(html);
        assert!(out.contains("a &lt;i&gt; b"), "{out}");
        assert!(out.contains("title=") && out.contains("href="), "{out}");
        assert!(!out.contains("em") && !out.contains("strong"), "{out}");
    }

    #[test]
    fn reserved_class_names_are_dropped_on_both_paths() {
        // Simple fragments take the scan; the comment sends the second through ammonia.
        for tail in ["", "<!-- c -->"] {
            let html = format!(
                r#"<div class="chapter-summary"><p class="big Summary">s</p></div><p class="x" title="t">p</p>{tail}"#
            );
            assert_eq!(
                sanitize(&html),
                r#"<div><p class="big">s</p></div><p class="x" title="t">p</p>"#,
                "{html}"
            );
        }
        // A reference cannot smuggle one through.
        let out = sanitize(r#"<div class="&#99;hapter">t</div><span class="tags&#32;k">k</span>"#);
        assert_eq!(out, r#"<div>t</div><span class="k">k</span>"#);
        assert_eq!(sanitize(&out), out);
        let (counted, words) = sanitize_and_count(r#"<p class="notes">two words</p>"#);
        assert_eq!((counted.as_str(), words), ("<p>two words</p>", 2));
    }

    #[test]
    fn controls_go_whether_written_or_referenced() {
        for html in [
            "<p>O\u{2}Neill\r\nx\u{feff}</p>",
            "<p>O&#2;Neill&#13;x&#xFEFF;</p>",
            "<p title=\"a&#1;b\">O&#x02;Neill\nx</p>",
        ] {
            let out = sanitize(html);
            assert!(
                !crate::needs_control_pass(out.as_bytes()),
                "{html} → {out:?}"
            );
            assert!(out.contains("ONeill\nx"), "{html} → {out:?}");
            assert_eq!(sanitize(&out), out);
            assert_eq!(sanitize_and_count(html).0, out);
        }
    }

    #[test]
    fn safe_links_keep_href() {
        let out =
            sanitize(r#"<a href="https://example.org/s/1">s</a><a href="mailto:a@b.c">m</a>"#);
        assert!(out.contains(r#"href="https://example.org/s/1""#));
        assert!(out.contains(r#"href="mailto:a@b.c""#));
    }

    #[test]
    fn idempotent_on_typical_input() {
        let html =
            r#"<p>One &amp; <i>two</i><br>three</p><a href="http://x.y/">z</a><div><p>t</p></div>"#;
        let once = sanitize(html);
        assert_eq!(sanitize(&once), once);
    }

    #[test]
    fn deep_nesting_is_flattened_first() {
        let html = "<div>".repeat(100_000) + "x";
        let out = sanitize(&html);
        assert!(out.contains('x'));
        assert!(out.matches("<div>").count() <= SANITIZE_MAX_DEPTH);
    }

    /// Every element of `html` is on the allowlist and no attribute is an event handler or
    /// carries a `javascript:` URL.
    fn assert_clean(html: &str) {
        let doc = scraper::Html::parse_fragment(html);
        for node in doc.tree.values() {
            if let scraper::Node::Element(e) = node {
                assert!(
                    matches!(e.name(), "html" | "head" | "body")
                        || ALLOWED_ELEMENTS.contains(&e.name()),
                    "element {} survived in {html}",
                    e.name()
                );
                assert!(
                    !e.classes().any(crate::is_reserved_class),
                    "a reserved class survived in {html}"
                );
                for (name, value) in e.attrs() {
                    assert!(!name.starts_with("on"), "handler {name} survived in {html}");
                    assert!(
                        !value.to_ascii_lowercase().contains("javascript:"),
                        "{html}"
                    );
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn output_is_always_on_the_allowlist(s in "[<>a-z=\"' /:()]{0,120}") {
            let out = sanitize(&format!(
                "{s}<script>bad()</script><b onclick=bad()>{s}</b><a href='javascript:{s}'>{s}</a>"
            ));
            assert_clean(&out);
            proptest::prop_assert!(!out.contains("<script"));
        }

        #[test]
        fn reserved_classes_never_survive(
            classes in proptest::collection::vec(
                proptest::sample::select(vec!["x", "Meta", "chapter", "end-notes", "a-b", "&#116;itle"]),
                0..4,
            ),
            s in "[<>a-z=\"' /]{0,40}",
        ) {
            let html = format!(r#"<p class="{}">{s}</p><div class="{}">t</div>"#, classes.join(" "), classes.join("\t"));
            let out = sanitize(&html);
            assert_clean(&out);
            proptest::prop_assert_eq!(sanitize(&out), out);
        }
    }
}
