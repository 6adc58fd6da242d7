//! Text helpers every mapping in the normalizer shares: splitting lists at the top level (never
//! inside brackets), case-insensitive de-duplication that keeps the first spelling, and the
//! token keys that make table look-ups ignore case, accents and punctuation.

use std::collections::HashSet;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Trim and collapse every run of whitespace into one space.
pub(crate) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Lower-case and collapsed: the form two spellings of one name share (`Spike ` = `spike`).
pub(crate) fn fold(s: &str) -> String {
    collapse(&s.to_lowercase())
}

/// A look-up key: accents removed, apostrophes dropped, lower case, and only the runs of letters
/// and digits, joined by single spaces. `Blake's 7` → `blakes 7`, `Pokémon` → `pokemon`,
/// `Star Trek: TNG` → `star trek tng`.
pub(crate) fn key(s: &str) -> String {
    tokens(s, true).join(" ")
}

/// Like [`key`] but keeping the case as written, for names that only match with their own
/// capitalization (`HP`, `The Sentinel`).
pub(crate) fn cased_key(s: &str) -> String {
    tokens(s, false).join(" ")
}

/// The runs of letters and digits of `s`, accents removed and apostrophes dropped.
pub(crate) fn tokens(s: &str, lower: bool) -> Vec<String> {
    // Most names are ASCII: no decomposition needed (and it is the costly part).
    if s.is_ascii() {
        return s
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '\'')
            .map(|w| w.replace('\'', ""))
            .filter(|w| !w.is_empty())
            .map(|w| if lower { w.to_ascii_lowercase() } else { w })
            .collect();
    }
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in s.nfd() {
        if is_combining_mark(c) || matches!(c, '\'' | '’' | '‘') {
            continue;
        }
        if c.is_alphanumeric() {
            if lower {
                cur.extend(c.to_lowercase());
            } else {
                cur.push(c);
            }
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Where a list may be split.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Seps {
    /// `,` and `;`.
    pub punct: bool,
    /// ` / ` with spaces on both sides (a list), never `/` alone (a pairing or `Hurt/Comfort`).
    pub spaced_slash: bool,
    /// The word `and` between spaces.
    pub and: bool,
    /// ` & ` between spaces.
    pub amp: bool,
}

impl Seps {
    pub const LIST: Seps = Seps {
        punct: true,
        spaced_slash: true,
        and: false,
        amp: false,
    };
    pub const PUNCT: Seps = Seps {
        punct: true,
        spaced_slash: false,
        and: false,
        amp: false,
    };
}

/// Split `s` at the separators `seps` allows, but only outside brackets (`()`, `[]`, `<>`,
/// `{}`), so `Jane (jane@example.org, site)` stays one piece. Pieces are trimmed and collapsed;
/// empty pieces are dropped.
pub(crate) fn split_top(s: &str, seps: Seps) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0usize;
    let bytes = s.as_bytes();
    // An opening bracket with no closer after it (`<3`, a stray `(`) does not hide separators.
    let last = |c: u8| bytes.iter().rposition(|&b| b == c);
    let closers = [last(b')'), last(b']'), last(b'>'), last(b'}')];
    let mut i = 0usize;
    let push = |from: usize, to: usize, out: &mut Vec<String>| {
        let piece = collapse(&s[from..to]);
        if !piece.is_empty() {
            out.push(piece);
        }
    };
    while i < bytes.len() {
        let b = bytes[i];
        let closer = match b {
            b'(' => closers[0],
            b'[' => closers[1],
            b'<' => closers[2],
            b'{' => closers[3],
            _ => None,
        };
        match b {
            b'(' | b'[' | b'<' | b'{' if closer.is_some_and(|c| c > i) => depth += 1,
            b')' | b']' | b'>' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 {
            let sep_len = separator_at(bytes, i, seps);
            if sep_len > 0 {
                push(start, i, &mut out);
                i += sep_len;
                start = i;
                continue;
            }
        }
        i += 1;
    }
    push(start, bytes.len(), &mut out);
    out
}

/// The length of the separator starting at byte `i`, or 0. Every separator is ASCII, so the
/// returned boundaries are always char boundaries.
fn separator_at(b: &[u8], i: usize, seps: Seps) -> usize {
    let c = b[i];
    if seps.punct && (c == b',' || c == b';') {
        return 1;
    }
    let spaced = |inner: &[u8]| -> usize {
        let n = inner.len();
        let ok = c.is_ascii_whitespace()
            && b.len() > i + n + 1
            && b[i + 1..i + 1 + n].eq_ignore_ascii_case(inner)
            && b[i + 1 + n].is_ascii_whitespace();
        if ok { n + 2 } else { 0 }
    };
    if seps.spaced_slash {
        let n = spaced(b"/");
        if n > 0 {
            return n;
        }
    }
    if seps.and {
        let n = spaced(b"and");
        if n > 0 {
            return n;
        }
    }
    if seps.amp {
        let n = spaced(b"&");
        if n > 0 {
            return n;
        }
    }
    0
}

/// A list that keeps the first spelling of each value, comparing values case-insensitively.
#[derive(Debug, Default)]
pub(crate) struct Dedup {
    seen: HashSet<String>,
}

impl Dedup {
    /// True when `value` was not seen before (and remembers it).
    pub fn first(&mut self, value: &str) -> bool {
        self.seen.insert(fold(value))
    }
}

/// `value` without one pair of quotes or brackets around the whole of it.
pub(crate) fn unwrap_pair(value: &str) -> &str {
    let v = value.trim();
    let pairs = [
        ('"', '"'),
        ('“', '”'),
        ('\'', '\''),
        ('(', ')'),
        ('[', ']'),
        ('{', '}'),
    ];
    for (open, close) in pairs {
        if let Some(inner) = v.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            // `(a) and (b)` is not one bracketed value.
            if !inner.contains(open) && !inner.contains(close) {
                return inner.trim();
            }
        }
    }
    v
}

/// Whether `needle` occurs in `hay` as whole words (no letter or digit on either side).
/// Both are expected in the same case.
pub(crate) fn has_phrase(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let mut from = 0;
    while let Some(pos) = hay[from..].find(needle) {
        let start = from + pos;
        let end = start + needle.len();
        let before = hay[..start].chars().next_back();
        let after = hay[end..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        if boundary(before) && boundary(after) {
            return true;
        }
        from = start + hay[start..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// `s` shortened for a diagnostic or provenance line.
pub(crate) fn clip(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max_chars).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_accents_and_punctuation() {
        let cases = [
            ("Blake's 7", "blakes 7"),
            ("Pokémon", "pokemon"),
            ("Star Trek: TNG", "star trek tng"),
            ("  SG-1 ", "sg 1"),
            ("Haikyuu!!", "haikyuu"),
            ("日本語", "日本語"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(key(input), want, "{input:?}");
        }
        assert_eq!(cased_key("The Sentinel"), "The Sentinel");
        // The ASCII fast path and the general path (forced by a non-ASCII dash) agree.
        for s in [
            "Blake's 7",
            "a'b c",
            "'x'",
            "Teal'c!",
            "a''b",
            "SG-1 & DS9",
            "",
            "!!",
        ] {
            assert_eq!(
                tokens(s, true),
                tokens(&format!("{s} \u{2014}"), true),
                "{s:?}"
            );
            assert_eq!(
                tokens(s, false),
                tokens(&format!("{s} \u{2014}"), false),
                "{s:?}"
            );
        }
    }

    #[test]
    fn splits_only_at_the_top_level() {
        assert_eq!(
            split_top("Jane (a, b), Joe; Ann", Seps::PUNCT),
            vec!["Jane (a, b)", "Joe", "Ann"]
        );
        assert_eq!(split_top("a / b/c , ,", Seps::LIST), vec!["a", "b/c"]);
        let and = Seps {
            and: true,
            ..Seps::PUNCT
        };
        assert_eq!(
            split_top("A/B and C/D, Andy", and),
            vec!["A/B", "C/D", "Andy"]
        );
        assert_eq!(split_top("Sandy AND Bob", and), vec!["Sandy", "Bob"]);
        let amp = Seps {
            amp: true,
            ..Seps::PUNCT
        };
        assert_eq!(split_top("A & B&C", amp), vec!["A", "B&C"]);
        assert_eq!(split_top(")))a,b", Seps::PUNCT), vec![")))a", "b"]);
        assert_eq!(
            split_top("Spike/Buffy <3, Willow/Tara", Seps::PUNCT),
            vec!["Spike/Buffy <3", "Willow/Tara"]
        );
        assert_eq!(split_top("a (b, c", Seps::PUNCT), vec!["a (b", "c"]);
        assert!(split_top("", Seps::LIST).is_empty());
    }

    #[test]
    fn dedup_keeps_first_spelling() {
        let mut d = Dedup::default();
        assert!(d.first("Spike"));
        assert!(!d.first(" spike "));
        assert!(!d.first("SPIKE"));
        assert!(d.first("Spike Jr"));
    }

    #[test]
    fn phrases_are_whole_words() {
        assert!(has_phrase("major character death", "character death"));
        assert!(!has_phrase("grape juice", "rape"));
        assert!(has_phrase("rape/non-con", "rape"));
        assert!(!has_phrase("dub-con", "non-con"));
        assert!(!has_phrase("x", ""));
        assert!(has_phrase("é rape", "rape"));
    }

    #[test]
    fn unwraps_one_pair() {
        assert_eq!(unwrap_pair("[R]"), "R");
        assert_eq!(unwrap_pair("\"The Storm\""), "The Storm");
        assert_eq!(unwrap_pair("(a) and (b)"), "(a) and (b)");
        assert_eq!(unwrap_pair("plain"), "plain");
    }

    #[test]
    fn clips_long_text() {
        assert_eq!(clip("abcdef", 3), "abc…");
        assert_eq!(clip("abc", 3), "abc");
    }
}
