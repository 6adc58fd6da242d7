//! The fast path against the html5ever path: whenever the scan accepts a fragment, sanitizing
//! and counting must give exactly what ammonia and the tree walk give.

use proptest::prelude::*;

use super::*;
use crate::sanitize::{
    ALLOWED_ELEMENTS, fast as fast_sanitize, sanitize_and_count, slow as slow_sanitize,
};
use crate::text::{slow_text_content, text_content};
use crate::words::{count_by_regex, count_by_table, fast as fast_count, slow as slow_count};

/// Both paths agree on `html`; true when the fast path took it.
fn agree(html: &str) -> bool {
    let sanitized = fast_sanitize(html);
    if let Some(fast) = &sanitized {
        assert_eq!(fast, &slow_sanitize(html), "sanitize {html:?}");
    }
    let counted = fast_count(html);
    if let Some(fast) = counted {
        assert_eq!(fast, slow_count(html), "count_words {html:?}");
    }
    assert_eq!(sanitized.is_some(), counted.is_some(), "{html:?}");
    assert_eq!(
        text_content(html),
        slow_text_content(html),
        "text_content {html:?}"
    );
    let clean = slow_sanitize(html);
    assert_eq!(
        sanitize_and_count(html),
        (clean.clone(), slow_count(&clean)),
        "both {html:?}"
    );
    sanitized.is_some()
}

#[test]
fn reader_output_takes_the_fast_path_and_matches() {
    let cases = [
        "<p>Before.</p>\n<hr/>\n<p>After.</p>",
        "<p>Roses are red,<br/>violets are blue.</p>",
        "<p>She wrote:</p>\n<blockquote><p>Dear sender,<br/>the light is kept.</p><p>Yours.</p></blockquote>",
        "<p>an <em>italic</em> word and the <strong>whole point</strong> here</p>",
        "<p>AT&amp;T &lt;b&gt; &quot;quoted&quot; it&#39;s &#x2019; &nbsp;x&hellip;</p>",
        "<p>Buffy & Spike <3 a < b > c</p>",
        "<p class=\"x\" lang=\"fr\" id=\"y\" style=\"color: red\">t</p><hr>",
        "<blockquote cite=\"http://e.org/?a=1&amp;b=2\" title=\"&lt;t&gt;\">q</blockquote>",
        "<P>upper</P><BR><Em>case</eM>",
        "<p>unclosed <em>at the end",
        "<div><h2>Title</h2><p>x</p></div><center>c</center>",
        "well--maybe one's one-word don’t ‘quoted’ 日本語 カタカナ Привет café",
        "",
        "   \n",
        "<br /><hr />",
        "<ul>\n<li id=\"b1\"><blockquote>\n<p>x</p></blockquote></li></ul><ol start=\"2\"><li value=\"5\">y</li></ol>",
    ];
    for html in cases {
        assert!(agree(html), "not taken: {html:?}");
    }
    assert_eq!(
        fast_sanitize("<p>a &amp; b<br/>c</p><hr/>").as_deref(),
        Some("<p>a &amp; b<br>c</p><hr>")
    );
}

#[test]
fn anything_else_takes_the_slow_path() {
    let cases = [
        "<p>a<!-- c -->b</p>",
        "<!DOCTYPE html><p>x</p>",
        "<p>one<p>two",
        "<p>a<div>b</div></p>",
        "<p>a<hr>b</p>",
        "<h1>a<h2>b</h2></h1>",
        "<em>a</strong>",
        "<p>a</q>b</p>",
        "</br>",
        "<p/>x",
        "<a href=\"x\">l</a>",
        "<img src=x>",
        "<font color=red>x</font>",
        "<p class=x>unquoted</p>",
        "<p title='single'>quoted</p>",
        "<p class=\"a\" class=\"b\">dup</p>",
        "<p CLASS=\"a\">upper attribute</p>",
        "&notit; &amp &copy &foo;",
        "AT&T",
        "&#0; &#128; &#xD800;",
        "a\0b",
        "a\r\nb",
        "\u{feff}bom",
        "<p>x</p >",
        "</ p>",
        "<?xml?>",
        "<table><tr><td>x</td></tr></table>",
        "<pre>\nx</pre>",
        "<li>outside a list</li>",
        "<ul><li>a<li>b</ul>",
        "<ul><li><em><li>x</em></li></ul>",
        "<p>a<ul><li>b</li></ul></p>",
        "<ol reversed><li>x</li></ol>",
        "<script>x</script>",
    ];
    for html in cases {
        assert!(!agree(html), "taken: {html:?}");
    }
    let deep = "<div>".repeat(MAX_DEPTH + 1);
    assert!(!agree(&deep));
}

#[test]
fn known_elements_are_allowed_and_entities_decode_as_html5ever_does() {
    for e in ELEMENTS {
        assert!(ALLOWED_ELEMENTS.contains(&e.name), "{}", e.name);
    }
    for (name, c) in ENTITIES {
        let doc = scraper::Html::parse_fragment(&format!("x&{name};x"));
        let text: String = doc.root_element().text().collect();
        assert_eq!(text, format!("x{c}x"), "&{name};");
    }
}

#[test]
fn deep_but_allowed_nesting_matches() {
    let html = "<span>".repeat(MAX_DEPTH) + "x" + &"</span>".repeat(MAX_DEPTH);
    assert!(agree(&html));
}

fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[a-zA-Z0-9 .,!?\"'’‘—–éñ\\-]{1,12}",
        1 => "[ \n\t\u{a0}]{1,3}",
        1 => "[日本カひПр ]{1,4}",
        1 => prop::sample::select(vec![
            "&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#39;", "&#x2019;", "&#8212;", "&nbsp;",
            "&hellip;", "&mdash;", "&rsquo;", "& ", "a < b", "<3", "--", "-'-",
        ])
        .prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 0..4).prop_map(|v| v.concat())
}

fn attrs() -> impl Strategy<Value = String> {
    let attr = prop::sample::select(vec![
        " class=\"note\"",
        " title=\"a &amp; b &quot;c&quot; <d>\u{a0}\"",
        " lang=\"fr\"",
        " dir=\"rtl\"",
        " id=\"z\"",
        " style=\"color: red\"",
        " onclick=\"x()\"",
        " cite=\"http://example.org/?a=1&amp;b=2\"",
        " datetime=\"2004-01-01\"",
    ]);
    prop::collection::vec(attr, 0..3).prop_map(|v| {
        let mut seen = Vec::new();
        v.into_iter()
            .filter(|a| {
                let name = a.split('=').next().unwrap_or("");
                let first = !seen.contains(&name);
                seen.push(name);
                first
            })
            .collect::<String>()
    })
}

const INLINE: &[&str] = &[
    "em", "strong", "i", "b", "u", "s", "span", "sub", "sup", "small", "code", "q", "del", "ins",
    "cite", "EM",
];
const BLOCK: &[&str] = &["div", "blockquote", "center", "address"];

/// Inline content: text, `br`, and phrasing elements around inline content.
fn inline() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        4 => text(),
        1 => prop::sample::select(vec!["<br>", "<br/>", "<br />"]).prop_map(str::to_string),
    ];
    leaf.prop_recursive(4, 24, 4, |inner| {
        (
            prop::sample::select(INLINE),
            attrs(),
            prop::collection::vec(inner, 0..4),
        )
            .prop_map(|(tag, attrs, kids)| format!("<{tag}{attrs}>{}</{tag}>", kids.concat()))
    })
}

/// Block content: inline content, paragraphs, headings, rules and block containers.
fn block() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        2 => inline(),
        2 => (attrs(), prop::collection::vec(inline(), 0..3))
            .prop_map(|(a, kids)| format!("<p{a}>{}</p>", kids.concat())),
        1 => (1..=6u8, prop::collection::vec(inline(), 0..2))
            .prop_map(|(n, kids)| format!("<h{n}>{}</h{n}>", kids.concat())),
        1 => prop::sample::select(vec!["<hr>", "<hr/>", "<hr />", "\n"]).prop_map(str::to_string),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        let container = (
            prop::sample::select(BLOCK),
            attrs(),
            prop::collection::vec(inner.clone(), 0..4),
        )
            .prop_map(|(tag, attrs, kids)| format!("<{tag}{attrs}>{}</{tag}>", kids.concat()));
        let item = prop_oneof![
            Just("\n".to_string()),
            (attrs(), prop::collection::vec(inner, 0..3))
                .prop_map(|(a, kids)| format!("<li{a}>{}</li>", kids.concat())),
        ];
        let list = (
            prop::sample::select(vec!["ul", "ol"]),
            prop::sample::select(vec!["", " start=\"3\"", " type=\"a\" value=\"2\""]),
            prop::collection::vec(item, 0..4),
        )
            .prop_map(|(tag, attrs, items)| format!("<{tag}{attrs}>{}</{tag}>", items.concat()));
        prop_oneof![container, list]
    })
}

/// Tag soup: pieces of the simple grammar in any order, and constructs outside it.
fn soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => text(),
        2 => (prop::sample::select(ELEMENTS.iter().map(|e| e.name).collect::<Vec<_>>()), attrs())
            .prop_map(|(t, a)| format!("<{t}{a}>")),
        2 => prop::sample::select(ELEMENTS.iter().map(|e| e.name).collect::<Vec<_>>())
            .prop_map(|t| format!("</{t}>")),
        1 => prop::sample::select(vec![
            "<p/>", "<!-- c -->", "<a href=\"x\">", "</a>", "<img src=x>", "<li>", "<table>",
            "<td>", "<pre>", "</br>", "&foo;", "&amp", "&#0;", "&#150;", "<", "</", "&", "\r",
            "\0", "<font>", "</font>", "<svg>", "<script>x</script>", "<p class=x>",
        ])
        .prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 0..16).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Well-formed simple fragments always take the fast path, so the agreement below is
    /// checked on real work, not on fallbacks.
    #[test]
    fn simple_fragments_take_the_fast_path_and_agree(
        blocks in prop::collection::vec(block(), 0..5),
        unclosed in prop::sample::select(vec!["", "<p>tail", "<em>tail", "<div><b>x"]),
    ) {
        let html = blocks.concat() + unclosed;
        prop_assert!(agree(&html), "not taken: {html:?}");
    }

    #[test]
    fn tag_soup_agrees_whenever_the_fast_path_takes_it(html in soup()) {
        agree(&html);
    }

    #[test]
    fn arbitrary_text_agrees_whenever_the_fast_path_takes_it(html in "\\PC{0,200}") {
        agree(&html);
    }

    #[test]
    fn the_table_count_is_the_regex_count(text in "\\PC{0,120}", soup in "[a-z' ‘’—\\-日本ไทยαβ]{0,60}") {
        for t in [&text, &soup] {
            if let Some(n) = count_by_table(t) {
                prop_assert_eq!(n, count_by_regex(t), "{:?}", t);
            }
        }
    }
}
