//! The patterns that find a marker at the start of a chapter title (`Chapter 3`, `Part 2/5`,
//! `CHAPTER III`, `Ch. 4`, `1.`, `4 - Home`).
//!
//! They are regular expressions, but the marker pattern alone costs more to compile than
//! normalizing a whole work. Titles are almost always ASCII, so for an ASCII title each pattern
//! is matched by a small hand-written matcher that follows the regex's own rules (leftmost-first
//! alternation, greedy repetition, the same `\s`, `\d` and `\b` on ASCII); the regexes are
//! compiled, once, only when a title is not ASCII. A property test checks that both agree.

use std::sync::OnceLock;

use regex::Regex;

/// Number words, in the order the pattern tries them (the first that fits wins, as in the
/// regex: `Fourteen` reads as `Four`).
const WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "last",
    "final",
];

/// Marker words in pattern order, and whether a `.` may follow.
const MARKER_WORDS: &[(&str, bool)] = &[
    ("chapter", false),
    ("chap", true),
    ("ch", true),
    ("part", false),
    ("pt", true),
    ("book", false),
    ("episode", false),
    ("ep", true),
    ("section", false),
    ("volume", false),
    ("vol", true),
];

/// A marker at the start of a title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Marker<'t> {
    /// Where the whole marker (with any `/5` or `of five`) ends.
    pub end: usize,
    /// Where the marker word (`Chapter`, `Ch.`) ends.
    pub word_end: usize,
    /// The number as written (`3`, `III`, `Twenty-One`).
    pub num: &'t str,
}

struct Patterns {
    marker: Regex,
    number: Regex,
    numbered: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let words = WORDS.join("|");
        let num = format!(
            r"(?P<num>\d+|[ivxlc]+\b|(?:{words})(?:[\s-](?:{words}))?)(?:\s*(?:/|of)\s*(?:\d+|\?+|[ivxlc]+\b|{words}))?"
        );
        let marker_words = MARKER_WORDS
            .iter()
            .map(|(w, dot)| if *dot { format!(r"{w}\.?") } else { w.to_string() })
            .collect::<Vec<_>>()
            .join("|");
        let marker = format!(r"(?i)^(?P<word>{marker_words})\s*#?\s*{num}");
        let re = |s: &str| Regex::new(s).expect("chapter title patterns compile");
        Patterns {
            marker: re(&marker),
            number: re(r"^#?\s*\d+\s*[.:)]?$"),
            numbered: re(r"^#?\d+\s*[.:)\-–—]\s+(\S.*)$"),
        }
    })
}

/// A title that is only a number (`4`, `4.`, `#4`).
pub(crate) fn is_number(t: &str) -> bool {
    if t.is_ascii() {
        ascii::is_number(t.as_bytes())
    } else {
        patterns().number.is_match(t)
    }
}

/// The title after a leading number and separator (`1. The Beginning` → `The Beginning`).
pub(crate) fn after_number(t: &str) -> Option<&str> {
    if t.is_ascii() {
        ascii::after_number(t.as_bytes()).map(|from| &t[from..])
    } else {
        regex_after_number(t)
    }
}

/// The chapter marker at the start of `t`.
pub(crate) fn marker(t: &str) -> Option<Marker<'_>> {
    if t.is_ascii() {
        ascii::marker(t.as_bytes()).map(|(end, word_end, num)| Marker {
            end,
            word_end,
            num: &t[num],
        })
    } else {
        regex_marker(t)
    }
}

fn regex_after_number(t: &str) -> Option<&str> {
    patterns().numbered.captures(t)?.get(1).map(|m| m.as_str())
}

fn regex_marker(t: &str) -> Option<Marker<'_>> {
    let m = patterns().marker.captures(t)?;
    let (whole, word, num) = (m.get(0)?, m.name("word")?, m.name("num")?);
    Some(Marker {
        end: whole.end(),
        word_end: word.end(),
        num: num.as_str(),
    })
}

/// The three patterns on ASCII text, byte by byte.
mod ascii {
    use std::ops::Range;

    use super::{MARKER_WORDS, WORDS};

    /// `\s` on ASCII.
    fn space(c: u8) -> bool {
        matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ')
    }

    fn skip_spaces(b: &[u8], mut i: usize) -> usize {
        while b.get(i).is_some_and(|&c| space(c)) {
            i += 1;
        }
        i
    }

    /// `\d+`, greedy.
    fn digits(b: &[u8], i: usize) -> Option<usize> {
        let n = b
            .get(i..)?
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        (n > 0).then_some(i + n)
    }

    /// `[ivxlc]+\b` (any case): only the whole run can end at a word boundary.
    fn roman(b: &[u8], i: usize) -> Option<usize> {
        let n = b
            .get(i..)?
            .iter()
            .take_while(|c| b"ivxlcIVXLC".contains(c))
            .count();
        let word = |c: &u8| c.is_ascii_alphanumeric() || *c == b'_';
        (n > 0 && !b.get(i + n).is_some_and(word)).then_some(i + n)
    }

    /// `\?+`.
    fn questions(b: &[u8], i: usize) -> Option<usize> {
        let n = b.get(i..)?.iter().take_while(|c| **c == b'?').count();
        (n > 0).then_some(i + n)
    }

    fn literal(b: &[u8], i: usize, word: &str) -> Option<usize> {
        let end = i + word.len();
        b.get(i..end)?
            .eq_ignore_ascii_case(word.as_bytes())
            .then_some(end)
    }

    /// The first number word (in pattern order) at `i`.
    fn number_word(b: &[u8], i: usize) -> Option<usize> {
        WORDS.iter().find_map(|w| literal(b, i, w))
    }

    /// `\d+ | [ivxlc]+\b | WORD ([\s-] WORD)?`
    fn num(b: &[u8], p: usize) -> Option<usize> {
        if let Some(e) = digits(b, p).or_else(|| roman(b, p)) {
            return Some(e);
        }
        let e = number_word(b, p)?;
        let joined = b
            .get(e)
            .filter(|&&c| space(c) || c == b'-')
            .and_then(|_| number_word(b, e + 1));
        Some(joined.unwrap_or(e))
    }

    /// `\s* (/|of) \s* (\d+ | \?+ | [ivxlc]+\b | WORD)`
    fn out_of(b: &[u8], q: usize) -> Option<usize> {
        let q = skip_spaces(b, q);
        let r = if b.get(q) == Some(&b'/') {
            q + 1
        } else {
            literal(b, q, "of")?
        };
        let r = skip_spaces(b, r);
        digits(b, r)
            .or_else(|| questions(b, r))
            .or_else(|| roman(b, r))
            .or_else(|| number_word(b, r))
    }

    /// `(?i)^(WORD)\s*#?\s*NUM(OUT_OF)?`: (end, end of the word, the number).
    pub(super) fn marker(b: &[u8]) -> Option<(usize, usize, Range<usize>)> {
        for (w, dot) in MARKER_WORDS {
            let Some(e) = literal(b, 0, w) else { continue };
            let with_dot = (*dot && b.get(e) == Some(&b'.')).then_some(e + 1);
            for word_end in with_dot.into_iter().chain([e]) {
                let mut p = skip_spaces(b, word_end);
                if b.get(p) == Some(&b'#') {
                    p = skip_spaces(b, p + 1);
                }
                if let Some(num_end) = num(b, p) {
                    let end = out_of(b, num_end).unwrap_or(num_end);
                    return Some((end, word_end, p..num_end));
                }
            }
        }
        None
    }

    /// `^#?\s*\d+\s*[.:)]?$`
    pub(super) fn is_number(b: &[u8]) -> bool {
        let i = usize::from(b.first() == Some(&b'#'));
        let Some(e) = digits(b, skip_spaces(b, i)) else {
            return false;
        };
        let e = skip_spaces(b, e);
        let e = e + usize::from(b.get(e).is_some_and(|c| b".:)".contains(c)));
        e == b.len()
    }

    /// `^#?\d+\s*[.:)\-–—]\s+(\S.*)$`: where the title after the number starts.
    pub(super) fn after_number(b: &[u8]) -> Option<usize> {
        let i = usize::from(b.first() == Some(&b'#'));
        let e = skip_spaces(b, digits(b, i)?);
        if !b.get(e).is_some_and(|c| b".:)-".contains(c)) {
            return None;
        }
        let from = skip_spaces(b, e + 1);
        (from > e + 1 && from < b.len() && !b[from..].contains(&b'\n')).then_some(from)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn agree(t: &str) -> Result<(), TestCaseError> {
        prop_assert!(t.is_ascii());
        let p = patterns();
        prop_assert_eq!(
            ascii::is_number(t.as_bytes()),
            p.number.is_match(t),
            "number {:?}",
            t
        );
        let hand = ascii::after_number(t.as_bytes()).map(|i| &t[i..]);
        prop_assert_eq!(hand, regex_after_number(t), "numbered {:?}", t);
        prop_assert_eq!(marker(t), regex_marker(t), "marker {:?}", t);
        Ok(())
    }

    #[test]
    fn the_matchers_read_titles_like_the_regexes() {
        for t in [
            "Chapter 3: The Storm",
            "Chap. 4",
            "Ch.4",
            "CHAPTER III. Title",
            "Part 2/5 - Title",
            "Part 2 of 5: Title",
            "Chapter Twenty-One: Late",
            "Chapter Fourteen",
            "part one of ?",
            "Chapter XIIth",
            "Chapterhouse",
            "Parti",
            "Chapter # 7",
            "Vol.2 of iii",
            "4",
            "#4.",
            "# 4 )",
            "1. The Beginning",
            "4 - Home",
            "7 Minutes",
            "#12:  x",
            "1.\nx",
            "",
            "ep",
        ] {
            agree(t).unwrap_or_else(|e| panic!("{e}"));
        }
        assert_eq!(marker("Chapter Fourteen").map(|m| m.num), Some("Four"));
        // The pattern is the one chapter titles have always been read with.
        let old = concat!(
            r"(?i)^(?P<word>chapter|chap\.?|ch\.?|part|pt\.?|book|episode|ep\.?|section|volume|vol\.?)",
            r"\s*#?\s*(?P<num>\d+|[ivxlc]+\b|(?:W)(?:[\s-](?:W))?)(?:\s*(?:/|of)\s*(?:\d+|\?+|[ivxlc]+\b|W))?"
        )
        .replace('W', &WORDS.join("|"));
        assert_eq!(patterns().marker.as_str(), old);
        assert_eq!(
            WORDS.join("|"),
            "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\
            thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|\
            first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final"
        );
        assert_eq!(after_number("1. The Beginning"), Some("The Beginning"));
    }

    fn title() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            prop::sample::select(MARKER_WORDS.iter().map(|(w, _)| *w).collect::<Vec<_>>())
                .prop_map(str::to_string),
            prop::sample::select(WORDS.to_vec()).prop_map(str::to_string),
            "[0-9]{1,3}",
            "[ivxlcIVXLC]{1,4}",
            prop::sample::select(vec![
                " ", "  ", "\t", "\n", ".", ":", "-", ")", "#", "/", "of", "OF", "?", "??", "_",
                "—", "–", "é",
            ])
            .prop_map(str::to_string),
            "[a-zA-Z]{1,6}",
        ];
        prop::collection::vec(piece, 0..8).prop_map(|v| {
            let s: String = v.concat();
            // Random case, so `CHAPTER`, `Chapter` and `cHaPtEr` all occur.
            s.char_indices()
                .map(|(i, c)| {
                    if i % 3 == 0 {
                        c.to_ascii_uppercase()
                    } else {
                        c
                    }
                })
                .collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn hand_matchers_agree_with_the_regexes(t in title()) {
            // Non-ASCII titles take the regexes themselves.
            if t.is_ascii() {
                agree(&t)?;
            }
        }

        #[test]
        fn on_any_ascii_text(t in "[ -~\t\n]{0,24}") {
            agree(&t)?;
        }
    }
}
