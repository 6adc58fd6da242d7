//! XML for the EPUB reader's structural documents (container.xml, the OPF package, the NCX):
//! parsed with roxmltree, safely, plus the small text helpers the OPF needs.
//!
//! A document that declares entities (an internal DTD subset with `<!ENTITY`: billion laughs,
//! external entities) is refused before parsing: no EPUB needs them, and refusing is clearer
//! than expanding anything. A plain `<!DOCTYPE ncx PUBLIC "…" "…">` without an internal subset
//! (common in EPUB 2 NCX files) is read; roxmltree never fetches the external DTD.
//! Chapter pages are not read here: they are parsed as HTML, which needs no DTD.

use ficshelf_markup::text_content;
use roxmltree::{Document, Node, ParsingOptions};

use crate::IngestError;
use crate::decode;

/// Decode a structural document's bytes to text (BOM, UTF-8, UTF-16, declared charset).
pub fn text(bytes: &[u8]) -> String {
    decode::decode(bytes, decode::declared_charset(bytes).as_deref()).text
}

/// Parse `text` (the document named `name` in the archive), refusing entity declarations and
/// elements nested deeper than `max_depth`.
pub fn parse<'t>(text: &'t str, name: &str, max_depth: usize) -> Result<Document<'t>, IngestError> {
    if declares_entities(text) {
        return Err(IngestError::EpubXmlEntities {
            name: name.to_string(),
        });
    }
    // roxmltree copies the namespaces in scope into every element: 100,000 nested elements
    // that each declare one cost 10^10 steps (the hostile corpus's deep package document
    // hung the import). No real EPUB document nests more than a few dozen levels.
    if nesting_over(text, max_depth) {
        return Err(IngestError::EpubXmlTooDeep {
            name: name.to_string(),
            limit: max_depth,
        });
    }
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, options).map_err(|e| IngestError::EpubBadXml {
        name: name.to_string(),
        reason: e.to_string(),
    })
}

/// Whether elements nest deeper than `max` anywhere in `text`: one linear pass over the tags,
/// skipping comments, CDATA, processing instructions, declarations and quoted attribute
/// values (a `>` or `/>` inside quotes must not end a tag early and hide an open element).
fn nesting_over(text: &str, max: usize) -> bool {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        i += off + 1;
        let rest = &b[i..];
        let skip_to = |end: &[u8]| memchr::memmem::find(rest, end).map(|e| e + end.len());
        let skipped = if rest.starts_with(b"!--") {
            skip_to(b"-->")
        } else if rest.starts_with(b"![CDATA[") {
            skip_to(b"]]>")
        } else if rest.starts_with(b"?") {
            skip_to(b"?>")
        } else if rest.starts_with(b"!") {
            skip_to(b">")
        } else if rest.starts_with(b"/") {
            depth = depth.saturating_sub(1);
            skip_to(b">")
        } else {
            let (len, self_closing) = tag_end(rest);
            if !self_closing {
                depth += 1;
                if depth > max {
                    return true;
                }
            }
            Some(len)
        };
        match skipped {
            Some(n) => i += n,
            None => break,
        }
    }
    false
}

/// The length of a start tag's remainder (up to and including `>`) and whether it ends `/>`.
fn tag_end(rest: &[u8]) -> (usize, bool) {
    let mut quote = None;
    for (j, &c) in rest.iter().enumerate() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(c),
            (None, b'>') => return (j + 1, j > 0 && rest[j - 1] == b'/'),
            _ => {}
        }
    }
    (rest.len(), false)
}

/// Whether the document has an entity declaration (in an internal subset, the only place one
/// can be). Looked for anywhere, which also refuses one hidden in a comment: harmless there,
/// but no real EPUB has one.
fn declares_entities(text: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), b"<!ENTITY").is_some()
}

/// The first child element with this local name (namespaces vary between producers, and
/// sloppy ones leave them out).
pub fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

/// Every child element with this local name.
pub fn children<'a, 'i: 'a>(
    node: Node<'a, 'i>,
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    node.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == name)
}

/// An attribute by local name, whatever its namespace (`opf:role` and `role` alike).
pub fn attr<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == name)
        .map(|a| a.value())
}

/// All the text inside an element, whitespace collapsed.
pub fn element_text(node: Node<'_, '_>) -> String {
    let mut raw = String::new();
    for d in node.descendants().filter(|d| d.is_text()) {
        raw.push_str(d.text().unwrap_or(""));
    }
    collapse(&raw)
}

pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A text value decoded exactly once. XML already decoded its entities; a value that still
/// holds an HTML entity reference was escaped twice by its producer (FanFicFare writes
/// `Rock &amp;amp; Roll` in its `dc:subject`s), so it is decoded once more. `<` is kept as a
/// character: in a text value it is not markup.
pub fn once(value: &str) -> String {
    if has_entity(value) {
        text_content(&value.replace('<', "&lt;"))
    } else {
        value.to_string()
    }
}

/// Whether `s` holds an HTML character reference: `&name;`, `&#123;` or `&#x1F;`.
pub fn has_entity(s: &str) -> bool {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(pos) = memchr::memchr(b'&', &b[from..]) {
        let at = from + pos + 1;
        let rest = &b[at..];
        let body = match rest.first() {
            Some(b'#') => match rest.get(1) {
                Some(b'x' | b'X') => span(&rest[2..], |c| c.is_ascii_hexdigit()),
                _ => span(&rest[1..], |c| c.is_ascii_digit()),
            },
            Some(c) if c.is_ascii_alphabetic() => span(rest, |c| c.is_ascii_alphanumeric()),
            _ => None,
        };
        if body.is_some() {
            return true;
        }
        from = at;
    }
    false
}

/// Some(len) when `s` starts with 1 to 32 bytes matching `ok` followed by `;`.
fn span(s: &[u8], ok: impl Fn(u8) -> bool) -> Option<usize> {
    let n = s.iter().take(33).take_while(|&&c| ok(c)).count();
    (n > 0 && n <= 32 && s.get(n) == Some(&b';')).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_declarations_are_refused() {
        let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE package [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
]>
<package><metadata>&lol2;</metadata></package>"#;
        let err = parse(laughs, "content.opf", 512).unwrap_err();
        assert_eq!(
            err.to_string(),
            "content.opf declares XML entities in a DTD; refused (entity expansion is not allowed)"
        );
    }

    #[test]
    fn a_public_doctype_without_a_subset_is_read() {
        let ncx = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE ncx PUBLIC "-//NISO//DTD ncx 2005-1//EN" "http://www.daisy.org/z3986/2005/ncx-2005-1.dtd">
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><navMap/></ncx>"#;
        let doc = parse(ncx, "toc.ncx", 512).unwrap();
        assert_eq!(doc.root_element().tag_name().name(), "ncx");
        assert!(child(doc.root_element(), "navMap").is_some());
    }

    #[test]
    fn undeclared_entities_and_broken_xml_are_errors() {
        let err = parse("<package>&nbsp;</package>", "a.opf", 512).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("a.opf is not well-formed XML ("),
            "{err}"
        );
        let err = parse("this is not xml", "a.opf", 512).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("a.opf is not well-formed XML ("),
            "{err}"
        );
    }

    #[test]
    fn values_are_decoded_exactly_once() {
        assert_eq!(once("Rock &amp; Roll"), "Rock & Roll");
        assert_eq!(once("Salt & Iron"), "Salt & Iron");
        assert_eq!(once("a &lt;b&gt; &#233; &#xE9;"), "a <b> é é");
        assert_eq!(once("x < y &amp; z"), "x < y & z");
        assert_eq!(once("AT&T; B&B"), "AT&T; B&B");
        assert!(!has_entity("fish & chips; & more"));
        assert!(has_entity("&quot;"));
        assert!(!has_entity("&;"));
    }

    #[test]
    fn nesting_past_the_limit_is_refused_before_parsing() {
        let deep = |n: usize| format!("{}{}", "<a xmlns:x=\"u\">".repeat(n), "</a>".repeat(n));
        assert!(parse(&deep(10), "a.opf", 10).is_ok());
        let err = parse(&deep(11), "a.opf", 10).unwrap_err();
        assert!(
            matches!(err, IngestError::EpubXmlTooDeep { limit: 10, .. }),
            "{err}"
        );
        assert_eq!(
            err.to_string(),
            "a.opf nests elements more than 10 deep, over the limit (html_max_depth)"
        );
        // Siblings, empty elements, comments and quoted `/>` do not add up to depth.
        let flat = "<p>".to_string() + &"<b/><i></i><!-- <c> -->".repeat(50) + "</p>";
        assert!(!nesting_over(&flat, 2));
        assert!(nesting_over(r#"<a><b t="/>"><c x='>'>"#, 2));
    }
}
