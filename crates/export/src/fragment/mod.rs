//! `Work` HTML (sanitized to AO3's allowlist, but still HTML: unclosed `<p>`, `<br>`,
//! `&nbsp;`, `<center>`, blocks inside inlines) → markup that is at once well-formed XHTML5
//! for the EPUB writer and valid HTML5 for the HTML writer.
//!
//! `tree` parses and keeps what XHTML5 allows, `fix` repairs content models, and this module
//! serializes: text and attributes escaped with XML's five entities only, void elements
//! self-closed, `lang` doubled as `xml:lang` in XHTML.

mod fix;
mod tree;

#[cfg(test)]
mod tests;

use tree::{El, Node};

use crate::xml::{attr, text};

/// Which syntax the markup is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavor {
    /// XHTML5 for EPUB content documents.
    Xhtml,
    /// HTML5 for a standalone page (`<br>` rather than `<br/>`, no `xml:lang`).
    Html,
}

/// Append `html` converted to `flavor` to `out`.
pub(crate) fn write(html: &str, flavor: Flavor, out: &mut String) {
    let nodes = fix::fix(tree::build(html));
    write_nodes(&nodes, flavor, out);
}

/// `html` converted to `flavor`.
#[cfg(test)]
pub(crate) fn convert(html: &str, flavor: Flavor) -> String {
    let mut out = String::new();
    write(html, flavor, &mut out);
    out
}

/// Whether `html` has any text or element worth showing (a summary of `<p> </p>` has not).
pub(crate) fn has_content(html: &str) -> bool {
    !ficshelf_markup::text_content(html).is_empty()
}

fn write_nodes(nodes: &[Node], flavor: Flavor, out: &mut String) {
    for node in nodes {
        match node {
            // Text was cleaned of characters XML cannot carry when the tree was built.
            Node::Text(t) => out.push_str(&ficshelf_markup::escape_text(t)),
            Node::El(el) => write_el(el, flavor, out),
        }
    }
}

fn write_el(el: &El, flavor: Flavor, out: &mut String) {
    out.push('<');
    out.push_str(el.name);
    for (k, v) in &el.attrs {
        if *k == "lang" && flavor == Flavor::Xhtml {
            push_attr(out, "xml:lang", v);
        }
        push_attr(out, k, v);
    }
    if matches!(el.name, "br" | "hr" | "col") {
        out.push_str(if flavor == Flavor::Xhtml { "/>" } else { ">" });
        return;
    }
    out.push('>');
    if el.name == "pre" && flavor == Flavor::Html {
        // An HTML parser drops one newline right after `<pre>`: keep a leading one.
        if matches!(el.children.first(), Some(Node::Text(t)) if t.starts_with('\n')) {
            out.push('\n');
        }
    }
    write_nodes(&el.children, flavor, out);
    out.push_str("</");
    out.push_str(el.name);
    out.push('>');
}

fn push_attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    out.push_str(&attr(value));
    out.push('"');
}

/// Plain text as element content (for the writers' own headings and labels).
pub(crate) fn push_text(out: &mut String, s: &str) {
    out.push_str(&text(s));
}
