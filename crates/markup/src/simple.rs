//! The fast path for simple fragments: one linear scan instead of an html5ever tree.
//!
//! Most fragments the pipeline sees are plain: the plain-text reader writes `<p>`, `<em>`,
//! `<strong>`, `<br/>`, `<hr/>` and `<blockquote>` around escaped text, and sanitized HTML is
//! re-serialized into the same shape. For such a fragment html5ever builds exactly the tree the
//! tags spell, so [`sanitize`](crate::sanitize) and [`count_words`](crate::count_words) can
//! work on the tags and text directly, with byte-identical results.
//!
//! The scan accepts a fragment only when every construct in it is one whose parse is known:
//!
//! - elements from [`ELEMENTS`] (all on the sanitizer's allowlist), strictly nested: an end tag
//!   must close the current element, non-void elements may stay open at the end (the parser
//!   closes them), and a block that would implicitly close an open `<p>`, a heading directly in
//!   a heading and an `<li>` outside `<ul>`/`<ol>` are refused;
//! - attributes as `name="value"` with lower-case names, each name once;
//! - character references `&name;` from [`ENTITIES`] and numeric references to ordinary
//!   characters; a `&` or `<` that starts no reference or tag is text, as in HTML;
//! - no comments, doctypes, CDATA, NUL, CR or leading byte-order mark.
//!
//! Anything else makes [`scan`] return `None`, and the caller takes the html5ever path.

/// How html5ever's tree builder treats an element "in body".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rule {
    /// Phrasing and formatting elements: inserted where they are, closed by their end tag.
    Inline,
    /// Blocks whose start tag closes an open `p` (`p` itself among them).
    Block,
    /// `h1`–`h6`: blocks that also close a heading that is the current node.
    Heading,
    /// `br`: void.
    Br,
    /// `hr`: void, and closes an open `p`.
    Hr,
    /// `li`: taken only directly inside `ul` or `ol`, where it closes nothing.
    Item,
}

/// An element the fast path knows.
#[derive(Debug)]
pub(crate) struct Elem {
    pub name: &'static str,
    pub rule: Rule,
    /// Attributes the sanitizer keeps on this element besides the generic ones.
    pub attrs: &'static [&'static str],
}

impl Elem {
    pub fn is_void(&self) -> bool {
        matches!(self.rule, Rule::Br | Rule::Hr)
    }
}

const fn el(name: &'static str, rule: Rule) -> Elem {
    Elem {
        name,
        rule,
        attrs: &[],
    }
}

/// The elements of simple fragments. None of them is special to the tree builder beyond its
/// [`Rule`], and none carries a URL attribute.
pub(crate) const ELEMENTS: &[Elem] = &[
    el("p", Rule::Block),
    el("em", Rule::Inline),
    el("strong", Rule::Inline),
    el("i", Rule::Inline),
    el("b", Rule::Inline),
    el("u", Rule::Inline),
    el("s", Rule::Inline),
    el("strike", Rule::Inline),
    el("small", Rule::Inline),
    el("big", Rule::Inline),
    el("tt", Rule::Inline),
    el("code", Rule::Inline),
    el("span", Rule::Inline),
    el("sub", Rule::Inline),
    el("sup", Rule::Inline),
    el("abbr", Rule::Inline),
    el("acronym", Rule::Inline),
    el("dfn", Rule::Inline),
    el("kbd", Rule::Inline),
    el("samp", Rule::Inline),
    el("var", Rule::Inline),
    el("cite", Rule::Inline),
    Elem {
        name: "q",
        rule: Rule::Inline,
        attrs: &["cite"],
    },
    Elem {
        name: "del",
        rule: Rule::Inline,
        attrs: &["cite", "datetime"],
    },
    Elem {
        name: "ins",
        rule: Rule::Inline,
        attrs: &["cite", "datetime"],
    },
    el("div", Rule::Block),
    Elem {
        name: "blockquote",
        rule: Rule::Block,
        attrs: &["cite"],
    },
    el("center", Rule::Block),
    el("address", Rule::Block),
    el("h1", Rule::Heading),
    el("h2", Rule::Heading),
    el("h3", Rule::Heading),
    el("h4", Rule::Heading),
    el("h5", Rule::Heading),
    el("h6", Rule::Heading),
    el("ul", Rule::Block),
    Elem {
        name: "ol",
        rule: Rule::Block,
        attrs: &["start", "reversed", "type"],
    },
    Elem {
        name: "li",
        rule: Rule::Item,
        attrs: &["value"],
    },
    el("br", Rule::Br),
    el("hr", Rule::Hr),
];

/// Attributes the sanitizer keeps on every element.
pub(crate) const GENERIC_ATTRS: &[&str] = &["class", "title", "dir", "lang"];

/// Named character references the fast path decodes (always with their `;`).
pub(crate) const ENTITIES: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("hellip", '…'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("copy", '©'),
];

/// Deeper than this, the fragment goes the slow way (and through the nesting guard).
const MAX_DEPTH: usize = 128;

/// An attribute as written: a lower-case name and the raw (undecoded) value.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Attr<'a> {
    pub name: &'a str,
    pub raw: &'a str,
}

/// A piece of text: a run as written, or one character a reference stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Piece<'a> {
    Run(&'a str),
    Char(char),
}

/// What the scan reports, in document order.
pub(crate) trait Sink<'a> {
    fn open(&mut self, el: &'static Elem, attrs: &[Attr<'a>]);
    /// Not called for void elements.
    fn close(&mut self, el: &'static Elem);
    /// Text of the current text node.
    fn text(&mut self, piece: Piece<'a>);
    /// The current text node, if any, ends here (at a tag, or at the end).
    fn boundary(&mut self);
}

/// Scan `html`, reporting to `sink`; `None` as soon as something is not simple (the sink has
/// then seen part of the fragment and its output must be thrown away).
pub(crate) fn scan<'a>(html: &'a str, sink: &mut impl Sink<'a>) -> Option<()> {
    let b = html.as_bytes();
    // `contains` on bytes is a word-at-a-time search.
    // Controls (and CR, BOMs) are the slow path's to remove: see `controls`.
    if crate::needs_control_pass(b) {
        return None;
    }
    let mut stack: Vec<&'static Elem> = Vec::new();
    let mut open_p = 0usize;
    let mut attrs: Vec<Attr<'a>> = Vec::new();
    let mut i = 0;
    let mut text_from = 0;
    while let Some(off) = html[i..].find('<') {
        i += off;
        let Some(&next) = b.get(i + 1) else { break };
        let is_end = next == b'/';
        if !is_end && !next.is_ascii_alphabetic() {
            if next == b'!' || next == b'?' {
                return None;
            }
            // `a < b`: a `<` that starts no tag is text.
            i += 1;
            continue;
        }
        pieces(&html[text_from..i], |p| sink.text(p))?;
        sink.boundary();
        if is_end {
            let (name, end) = tag_name(b, i + 2)?;
            if b.get(end) != Some(&b'>') {
                return None;
            }
            let el = lookup(name)?;
            if stack.last().is_none_or(|top| !std::ptr::eq(*top, el)) {
                return None;
            }
            stack.pop();
            if el.name == "p" {
                open_p -= 1;
            }
            sink.close(el);
            i = end + 1;
        } else {
            let (name, end) = tag_name(b, i + 1)?;
            let el = lookup(name)?;
            attrs.clear();
            let (end, self_closing) = attributes(html, end, &mut attrs)?;
            if self_closing && !el.is_void() {
                return None;
            }
            match el.rule {
                Rule::Block | Rule::Hr if open_p > 0 => return None,
                Rule::Item if !stack.last().is_some_and(|t| matches!(t.name, "ul" | "ol")) => {
                    return None;
                }
                Rule::Heading
                    if open_p > 0 || stack.last().is_some_and(|t| t.rule == Rule::Heading) =>
                {
                    return None;
                }
                _ => {}
            }
            sink.open(el, &attrs);
            if !el.is_void() {
                if stack.len() >= MAX_DEPTH {
                    return None;
                }
                stack.push(el);
                if el.name == "p" {
                    open_p += 1;
                }
            }
            i = end;
        }
        text_from = i;
    }
    pieces(&html[text_from..], |p| sink.text(p))?;
    sink.boundary();
    while let Some(el) = stack.pop() {
        sink.close(el);
    }
    Some(())
}

/// The element named by the ASCII letters and digits at `b[at..]`, and where the name ends.
fn tag_name(b: &[u8], at: usize) -> Option<(&[u8], usize)> {
    let len = b
        .get(at..)?
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if len == 0 || !b[at].is_ascii_alphabetic() {
        return None;
    }
    Some((&b[at..at + len], at + len))
}

fn lookup(name: &[u8]) -> Option<&'static Elem> {
    ELEMENTS
        .iter()
        .find(|e| e.name.as_bytes().eq_ignore_ascii_case(name))
}

/// Parse ` name="value"` pairs up to the `>` of a start tag; the index after `>` and whether
/// the tag ended in `/>`.
fn attributes<'a>(html: &'a str, mut i: usize, out: &mut Vec<Attr<'a>>) -> Option<(usize, bool)> {
    let b = html.as_bytes();
    loop {
        let ws = b
            .get(i..)?
            .iter()
            .take_while(|c| matches!(c, b' ' | b'\t' | b'\n' | 0x0c))
            .count();
        i += ws;
        match b.get(i)? {
            b'>' => return Some((i + 1, false)),
            b'/' if b.get(i + 1) == Some(&b'>') => return Some((i + 2, true)),
            c if ws > 0 && c.is_ascii_lowercase() => {}
            _ => return None,
        }
        let name_len = b[i..]
            .iter()
            .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || **c == b'-')
            .count();
        let name = &html[i..i + name_len];
        i += name_len;
        if b.get(i..i + 2)? != b"=\"" {
            return None;
        }
        let start = i + 2;
        let len = b[start..].iter().position(|&c| c == b'"')?;
        let raw = &html[start..start + len];
        pieces(raw, |_| {})?;
        // Reserved class names are dropped by the slow path; a reference could spell one.
        if name == "class" && (raw.contains('&') || crate::classes::has_reserved(raw)) {
            return None;
        }
        if out.iter().any(|a| a.name == name) {
            return None;
        }
        out.push(Attr { name, raw });
        i = start + len + 1;
    }
}

/// Split text (or an attribute value) into runs and referenced characters; `None` when a
/// reference is not one the fast path knows.
pub(crate) fn pieces<'a>(s: &'a str, mut f: impl FnMut(Piece<'a>)) -> Option<()> {
    let b = s.as_bytes();
    let mut from = 0;
    let mut i = 0;
    while let Some(off) = s[i..].find('&') {
        let amp = i + off;
        match b.get(amp + 1) {
            Some(c) if c.is_ascii_alphanumeric() || *c == b'#' => {}
            // A `&` that starts no reference is itself.
            _ => {
                i = amp + 1;
                continue;
            }
        }
        let semi = amp + 1 + b[amp + 1..].iter().take(10).position(|&c| c == b';')?;
        let c = reference(&s[amp + 1..semi])?;
        if from < amp {
            f(Piece::Run(&s[from..amp]));
        }
        f(Piece::Char(c));
        i = semi + 1;
        from = i;
    }
    if from < b.len() {
        f(Piece::Run(&s[from..]));
    }
    Some(())
}

/// The character `&{name};` stands for, when the fast path knows it.
fn reference(name: &str) -> Option<char> {
    let Some(num) = name.strip_prefix('#') else {
        return ENTITIES.iter().find(|(n, _)| *n == name).map(|(_, c)| *c);
    };
    let (digits, radix) = match num.strip_prefix(['x', 'X']) {
        Some(hex) => (hex, 16),
        None => (num, 10),
    };
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let n = u32::from_str_radix(digits, radix).ok()?;
    // Only values html5ever decodes as themselves, without a parse error.
    let plain = match n {
        0x09 | 0x0a | 0x0c | 0x20..=0x7e | 0xa0..=0xd7ff | 0xe000..=0xfdcf => true,
        0xfdf0..=0x10ffff => n & 0xfffe != 0xfffe,
        _ => false,
    };
    if plain { char::from_u32(n) } else { None }
}

#[cfg(test)]
mod tests;
