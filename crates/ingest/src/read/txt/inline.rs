//! Inline emphasis in plain text: `_italic_` → `<em>`, `**bold**` and `*bold*` → `<strong>`,
//! the marks FanFicFare (through html2text), ficshelf and e-mail-era writers use.
//!
//! A mark is only markup when it is clearly one: an opening mark follows a space or punctuation
//! and precedes a non-space; a closing mark follows a non-space and precedes a space,
//! punctuation or the end; underscores inside words (`snake_case`) are never marks. Pairing is
//! one left-to-right pass with one pending opener per kind, and writing is a second pass, so any
//! input is converted in linear time; pairs are always properly nested (a pair closing drops
//! the openers inside it).
//! Everything else is escaped with `markup::escape_text`.

use ficshelf_markup::escape_text;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Under,
    Star,
    DoubleStar,
}

impl Kind {
    fn index(self) -> usize {
        self as usize
    }
    fn tag(self) -> &'static str {
        match self {
            Kind::Under => "em",
            Kind::Star | Kind::DoubleStar => "strong",
        }
    }
}

/// One delimiter run.
#[derive(Debug, Clone, Copy)]
struct Mark {
    start: usize,
    len: usize,
    kind: Kind,
    role: Role,
}

/// Characters html2text escapes with a backslash (`\*`, `\_`, `1\.`).
const MD_ESCAPABLE: &str = "\\`*_{}[]()#+-.!";

/// `text` as an HTML fragment with emphasis marks converted. With `backslash_escapes`,
/// html2text's `\*`-style escapes are literal characters.
pub fn to_html(text: &str, backslash_escapes: bool) -> String {
    let (marks, escaped) = scan(text, backslash_escapes);
    if escaped.is_empty() && marks.iter().all(|m| m.role == Role::Literal) {
        return escape_text(text);
    }
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    // Marks and escapes are both in text order: merge them in one pass.
    let mut marks = marks.iter().filter(|m| m.role != Role::Literal).peekable();
    let mut escaped = escaped.iter().peekable();
    let mut pos = 0;
    while pos < text.len() {
        let next_mark = marks.peek().map_or(text.len(), |m| m.start);
        let next_escape = escaped.peek().map_or(text.len(), |&&e| e);
        let stop = next_mark.min(next_escape);
        out.push_str(&escape_text(&text[pos..stop]));
        pos = stop;
        if pos == text.len() {
            break;
        }
        if pos == next_mark {
            if let Some(m) = marks.next() {
                let slash = if m.role == Role::Close { "/" } else { "" };
                out.push_str(&format!("<{slash}{}>", m.kind.tag()));
                pos += m.len;
            }
        } else {
            escaped.next();
            pos += 1; // the backslash is ASCII
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Literal,
    Open,
    Close,
}

/// Every mark in text order with its role once paired, and the byte offsets of escaping
/// backslashes (also in order).
fn scan(text: &str, backslash_escapes: bool) -> (Vec<Mark>, Vec<usize>) {
    let mut marks = Marks::default();
    let mut escaped = Vec::new();
    let mut prev: Option<char> = None;
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if backslash_escapes
            && c == '\\'
            && let Some(&(_, next)) = it.peek()
            && MD_ESCAPABLE.contains(next)
        {
            escaped.push(i);
            it.next();
            prev = Some(next);
            continue;
        }
        if c != '*' && c != '_' {
            prev = Some(c);
            continue;
        }
        // The whole run of this character.
        let mut len = 1;
        while it.peek().is_some_and(|&(_, n)| n == c) {
            it.next();
            len += 1;
        }
        let next = it.peek().map(|&(_, n)| n);
        marks.push(i, len, c, prev, next);
        prev = Some(c);
    }
    (marks.marks, escaped)
}

/// The marks found so far, and the unpaired opener of each kind.
#[derive(Default)]
struct Marks {
    marks: Vec<Mark>,
    pending: [Option<usize>; 3],
}

impl Marks {
    /// Record the run of `len` × `c` at byte `i`, pairing it with a pending opener when it closes.
    fn push(&mut self, i: usize, len: usize, c: char, prev: Option<char>, next: Option<char>) {
        let Marks { marks, pending } = self;
        let kind = match (c, len) {
            ('_', 1) => Kind::Under,
            ('*', 1) => Kind::Star,
            ('*', 2) => Kind::DoubleStar,
            _ => return,
        };
        let word_char = |ch: Option<char>| ch.is_some_and(char::is_alphanumeric);
        let space_or_edge = |ch: Option<char>| ch.is_none_or(char::is_whitespace);
        let opens = !space_or_edge(next)
            && prev.is_none_or(|p| p.is_whitespace() || opening_punct(p))
            && !(kind == Kind::Under && word_char(prev));
        let closes = !space_or_edge(prev)
            && next.is_none_or(|n| !n.is_alphanumeric())
            && !(kind == Kind::Under && word_char(next));
        let index = marks.len();
        let mut role = Role::Literal;
        if let (true, Some(open)) = (closes, pending[kind.index()]) {
            pending[kind.index()] = None;
            // Openers inside the new pair can no longer close properly nested: drop them.
            for p in pending.iter_mut() {
                if p.is_some_and(|o| o > open) {
                    *p = None;
                }
            }
            marks[open].role = Role::Open;
            role = Role::Close;
        } else if opens {
            // A newer opener replaces an older one of its kind; the older stays literal.
            pending[kind.index()] = Some(index);
        }
        marks.push(Mark {
            start: i,
            len,
            kind,
            role,
        });
    }
}

fn opening_punct(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '"' | '\'' | '“' | '‘' | '—' | '–' | '-' | '/' | '«' | '>'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emphasis_marks() {
        assert_eq!(
            to_html("an _italic_ word", false),
            "an <em>italic</em> word"
        );
        assert_eq!(
            to_html("the **whole point** here", false),
            "the <strong>whole point</strong> here"
        );
        assert_eq!(
            to_html("*this* matters.", false),
            "<strong>this</strong> matters."
        );
        assert_eq!(
            to_html("\"_Run_,\" she said", false),
            "\"<em>Run</em>,\" she said"
        );
        assert_eq!(
            to_html("_a **b** c_", false),
            "<em>a <strong>b</strong> c</em>"
        );
    }

    #[test]
    fn things_that_are_not_marks() {
        assert_eq!(to_html("snake_case_name", false), "snake_case_name");
        assert_eq!(to_html("5 * 3 = 15", false), "5 * 3 = 15");
        assert_eq!(to_html("an _unclosed mark", false), "an _unclosed mark");
        assert_eq!(to_html("* list item", false), "* list item");
        assert_eq!(to_html("***", false), "***");
    }

    #[test]
    fn crossing_marks_stay_nested() {
        let html = to_html("_x *y_ z*", false);
        assert_eq!(html, "<em>x *y</em> z*");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            to_html("Buffy & Spike <3 _forever_", false),
            "Buffy &amp; Spike &lt;3 <em>forever</em>"
        );
    }

    #[test]
    fn html2text_escapes() {
        assert_eq!(
            to_html(r"1\. not a list, \*not bold\*", true),
            "1. not a list, *not bold*"
        );
        assert_eq!(to_html(r"a \ b", true), r"a \ b");
        assert_eq!(to_html(r"1\. kept", false), r"1\. kept");
    }

    #[test]
    fn many_unclosed_marks_are_linear_and_literal() {
        let text = "_a ".repeat(10_000);
        let html = to_html(&text, false);
        assert_eq!(html, text);
    }
}
