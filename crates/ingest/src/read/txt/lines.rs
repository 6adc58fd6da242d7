//! Lines of decoded text and the shapes a line can have (label line, byline, rule, scene break,
//! end marker). The txt reader's other modules decide what a line *is* from its shape and its
//! neighbours; this module only answers questions about one line.
//!
//! Every predicate first checks a length bound, so that a line of any length costs time linear
//! in its length once (when it is split and trimmed), and constant time afterwards.

use ficshelf_model::FieldKey;

/// One line of the decoded text.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    /// 1-based line number, for origins.
    pub no: usize,
    /// The line as written, without its newline.
    pub raw: &'a str,
    /// The line without surrounding whitespace.
    pub text: &'a str,
    /// Leading whitespace, in columns (a tab counts 4).
    pub indent: usize,
}

impl<'a> Line<'a> {
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    /// Where a value came from: `line 4: "RATING: R"` (long lines shortened).
    pub fn origin(&self) -> String {
        format!("line {}: \"{}\"", self.no, shorten(self.text, 80))
    }
}

/// Split decoded text (LF line endings) into lines.
pub fn split(text: &str) -> Vec<Line<'_>> {
    text.split('\n')
        .enumerate()
        .map(|(i, raw)| {
            let text = raw.trim();
            let lead = &raw[..raw.len() - raw.trim_start().len()];
            let indent = lead.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum();
            Line {
                no: i + 1,
                raw,
                text,
                indent,
            }
        })
        .collect()
}

/// At most `max` characters of `s`, with `…` when cut.
pub fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_string(),
    }
}

/// Characters people draw rules, frames and scene breaks with.
pub fn is_decoration(c: char) -> bool {
    matches!(
        c,
        '*' | '~'
            | '='
            | '-'
            | '_'
            | '#'
            | '+'
            | '•'
            | '·'
            | '°'
            | '◆'
            | '◇'
            | '♦'
            | '♥'
            | '★'
            | '☆'
            | '—'
            | '–'
            | '|'
            | '/'
            | '\\'
            | '<'
            | '>'
            | '^'
            | '§'
            | '¤'
            | '%'
            | '@'
    )
}

/// The line without decoration and spaces on either side (`~~ 4 ~~` → `4`).
pub fn strip_decoration(s: &str) -> &str {
    s.trim_matches(|c: char| is_decoration(c) || c.is_whitespace())
}

/// A line drawn only with decoration characters (`*****`, `-=-=-`, `* * *`, `#`).
pub fn is_decoration_only(text: &str) -> bool {
    // `all` first: it stops at the first letter of a line of prose.
    text.len() <= 200
        && text.chars().all(|c| is_decoration(c) || c.is_whitespace())
        && text.chars().any(is_decoration)
}

/// A rule as used for header frames: decoration only, at least three characters.
pub fn is_rule(text: &str) -> bool {
    is_decoration_only(text) && text.chars().filter(|&c| is_decoration(c)).count() >= 3
}

/// A scene break: a decoration-only line (`* * *`, `~*~*~`, `-----`, `#`), or letters drawn as
/// a divider (`oOo`, `o0o`, `xXx`, `~oOo~`).
pub fn is_scene_break(text: &str) -> bool {
    if is_decoration_only(text) {
        return true;
    }
    if text.len() > 40 {
        return false;
    }
    let letters: Vec<char> = text
        .chars()
        .filter(|&c| !is_decoration(c) && !c.is_whitespace())
        .collect();
    if !(3..=11).contains(&letters.len()) {
        return false;
    }
    let alphabet_ok = letters.iter().all(|c| matches!(c, 'o' | 'O' | '0'))
        || letters.iter().all(|c| matches!(c, 'x' | 'X'));
    // Alternating, so that "ooo" or "xxx" (kisses) stay text.
    alphabet_ok && letters.windows(2).all(|w| w[0] != w[1]) && letters.first() == letters.last()
}

/// A `Label: value` line, as found.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelLine<'a> {
    /// The label as written, without the colon and any `*`/`_` emphasis around it.
    pub label: &'a str,
    pub value: &'a str,
    /// `None` for labels ficshelf does not know (kept only inside a recognized header block).
    pub key: Option<FieldKey>,
}

/// Parse `Label: value`, also inside a box frame (`* Title: X *`) or with an emphasized label
/// (`**Rating:** R`). The label is short (≤ 4 words, ≤ 32 characters), starts with a letter
/// and has no sentence punctuation; a value starting with `//` is a URL, not a value.
pub fn parse_label(text: &str) -> Option<LabelLine<'_>> {
    let inner = strip_box(text);
    let head = &inner.as_bytes()[..inner.len().min(48)];
    let colon = head.iter().position(|&b| b == b':')?;
    let label = inner[..colon]
        .trim()
        .trim_matches(|c| c == '*' || c == '_')
        .trim();
    let after = &inner[colon + 1..];
    let value = after.trim_start_matches(['*', '_']).trim();
    // `//` starts a URL's rest, a digit a time (`10:30`).
    if value.starts_with("//")
        || after.starts_with(|c: char| c.is_ascii_digit())
        || !label_shaped(label)
    {
        return None;
    }
    Some(LabelLine {
        label,
        value,
        key: FieldKey::from_label(label),
    })
}

/// Remove a box frame's side borders: `| Title: X |`, `* Title: X *`.
fn strip_box(text: &str) -> &str {
    let border = |c: char| matches!(c, '*' | '|' | '#' | '~' | '=');
    let mut s = text;
    let start = s.trim_start_matches(border);
    if start.len() < s.len() && start.starts_with(char::is_whitespace) {
        s = start.trim_start();
    }
    let end = s.trim_end_matches(border);
    if end.len() < s.len() && end.ends_with(char::is_whitespace) {
        s = end.trim_end();
    }
    s
}

fn label_shaped(label: &str) -> bool {
    let Some(first) = label.chars().next() else {
        return false;
    };
    first.is_alphabetic()
        && label.chars().count() <= 32
        && label.split_whitespace().count() <= 4
        && label.chars().all(|c| {
            c.is_alphanumeric() || matches!(c, ' ' | '\'' | '’' | '(' | ')' | '&' | '-' | '/' | '.')
        })
}

/// `by Name` (also `written by`, `a story by`, and decorated `~ by Name ~`): the name.
pub fn parse_byline(text: &str) -> Option<&str> {
    if text.len() > 120 {
        return None;
    }
    let t = strip_decoration(text);
    let lower = t.to_lowercase();
    let prefix = [
        "by ",
        "written by ",
        "story by ",
        "a story by ",
        "a fic by ",
        "fic by ",
    ]
    .into_iter()
    .find(|p| lower.starts_with(p))?;
    // `to_lowercase` can change byte lengths outside ASCII; the prefixes are ASCII, so the same
    // number of leading bytes of `t` are ASCII too.
    let name = t.get(prefix.len()..)?.trim();
    let words = name.split_whitespace().count();
    let sentence_end = name.ends_with(['.', '!', '?', ';']) && !ends_with_initial(name);
    (!name.is_empty() && words <= 12 && !sentence_end).then_some(name)
}

/// `J.K.`-style initials at the end of a name.
fn ends_with_initial(name: &str) -> bool {
    let mut rev = name.chars().rev();
    rev.next() == Some('.') && rev.next().is_some_and(char::is_uppercase)
}

/// What an end-of-story line says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndMark {
    /// `The End`, `fin`, `End file.`, `TBC`, `To be continued`: the end of the story (or of
    /// what is written of it): feeds the status.
    Story,
    /// `End part 1`, `End of chapter 3`, `Continued in part 2`: the end of one posting.
    Part,
}

/// Whether a line (standing alone) is an end marker.
pub fn end_marker(text: &str) -> Option<EndMark> {
    if text.len() > 60 {
        return None;
    }
    let squashed: String = text
        .chars()
        .filter(|&c| !is_decoration(c) && !matches!(c, '.' | '…' | '!' | '(' | ')' | '[' | ']'))
        .flat_map(char::to_lowercase)
        .collect();
    let words: Vec<&str> = squashed.split_whitespace().collect();
    let s = words.join(" ");
    match s.as_str() {
        "the end" | "end" | "fin" | "end file" | "end of file" | "end of story" | "end of fic"
        | "tbc" | "t b c" | "to be continued" | "the end?" | "end of the story" => {
            Some(EndMark::Story)
        }
        _ => {
            let part = [
                "end of chapter",
                "end chapter",
                "end of part",
                "end part",
                "continued in",
            ]
            .iter()
            .any(|p| s.starts_with(p) && s.len() <= p.len() + 20);
            part.then_some(EndMark::Part)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_keep_numbers_and_indent() {
        let lines = split("a\n\t  b  \n");
        assert_eq!(lines.len(), 3);
        assert_eq!((lines[1].no, lines[1].text, lines[1].indent), (2, "b", 6));
        assert!(lines[2].is_blank());
        assert_eq!(lines[0].origin(), "line 1: \"a\"");
    }

    #[test]
    fn label_lines() {
        let l = parse_label("RATING: R").expect("label");
        assert_eq!(
            (l.label, l.value, l.key),
            ("RATING", "R", Some(FieldKey::Rating))
        );
        let l = parse_label("* Pairing(s): Buffy/Spike *").expect("framed");
        assert_eq!((l.label, l.value), ("Pairing(s)", "Buffy/Spike"));
        let l = parse_label("**Author:** Jane <jane@example.org>").expect("bold label");
        assert_eq!((l.label, l.value), ("Author", "Jane <jane@example.org>"));
        let l = parse_label("Mood: cheerful").expect("unknown label");
        assert_eq!(l.key, None);
        assert_eq!(parse_label("Summary:").map(|l| l.value), Some(""));
        for not in [
            "http://example.org",
            "At 10:30 she left",
            "She said, \"wait: no\"",
            "The one thing she knew for certain, that night: nothing",
            "Link://x",
        ] {
            assert_eq!(parse_label(not), None, "{not:?}");
        }
    }

    #[test]
    fn bylines() {
        assert_eq!(parse_byline("by Jane Q. Writer"), Some("Jane Q. Writer"));
        assert_eq!(parse_byline("~ By J.K. ~"), Some("J.K."));
        assert_eq!(
            parse_byline("written by someone (a@b.c)"),
            Some("someone (a@b.c)")
        );
        assert_eq!(parse_byline("By the fire."), None);
        assert_eq!(parse_byline("Bye now"), None);
    }

    #[test]
    fn breaks_and_rules() {
        for b in [
            "* * *", "~*~*~", "-----", "#", "oOo", "~oOo~", "o0o", "xXx", "***",
        ] {
            assert!(is_scene_break(b), "{b:?}");
        }
        for t in ["ooo", "xxx", "Oh", "a * b", "..."] {
            assert!(!is_scene_break(t), "{t:?}");
        }
        assert!(is_rule("=========="));
        assert!(!is_rule("#"));
    }

    #[test]
    fn end_markers() {
        for m in [
            "The End",
            "fin",
            "~ fin ~",
            "End file.",
            "TBC",
            "To be continued",
            "to be continued...",
            "(To Be Continued)",
            "T.B.C.",
            "~*~ THE END ~*~",
        ] {
            assert_eq!(end_marker(m), Some(EndMark::Story), "{m:?}");
        }
        assert_eq!(end_marker("End Part 1/5"), Some(EndMark::Part));
        assert_eq!(end_marker("Continued in Part 2"), Some(EndMark::Part));
        for t in [
            "The end of the world came on a Tuesday.",
            "Finally",
            "End it.",
        ] {
            assert_eq!(end_marker(t), None, "{t:?}");
        }
    }

    #[test]
    fn shortening_respects_characters() {
        assert_eq!(shorten("日本語のテキスト", 3), "日本語…");
        assert_eq!(shorten("abc", 3), "abc");
    }
}
