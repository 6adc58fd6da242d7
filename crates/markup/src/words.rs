//! Counting words the way AO3 does, so a work's count here matches its count there.
//!
//! AO3 counts each text node separately: it turns `--` into an em dash, deletes apostrophes
//! (`'`, `’`, `‘`) and hyphens so that `one's` and `one-word` are one word, then counts runs of
//! word characters; each Han, Hiragana, Katakana or Thai character is a word of its own.
//! Declared word counts in files are never used.
//!
//! Both counts have a fast path with the same results: text in the scripts `class` covers is
//! counted by a table instead of the regex, and a simple fragment (see `simple`) is split into
//! its text nodes by a scan instead of an html5ever tree.

mod class;

use std::sync::OnceLock;

use regex::Regex;
use scraper::{Html, Node};

use crate::simple::{self, Attr, Elem, Piece, Sink};
use class::{Class, class};

/// AO3's word pattern, compiled only when some text needs it.
pub(crate) fn word_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let cjk = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}";
        Regex::new(&format!(r"[{cjk}]|[\w&&[^{cjk}]]+")).expect("word regex compiles")
    })
}

/// Words in one run of plain text (one text node, in AO3's terms).
pub fn count_words_in_text(text: &str) -> u64 {
    count_by_table(text).unwrap_or_else(|| count_by_regex(text))
}

/// AO3's count with the character table; `None` when a character is not in it.
///
/// The regex path first turns `--` into a dash (a separator), then deletes apostrophes and
/// hyphens; read left to right, that is: `--` separates, a lone `-` or apostrophe vanishes.
pub(crate) fn count_by_table(text: &str) -> Option<u64> {
    let b = text.as_bytes();
    let mut words = 0;
    let mut in_word = false;
    let mut i = 0;
    while let Some(&byte) = b.get(i) {
        if byte.is_ascii() {
            match ASCII[usize::from(byte)] {
                WORD => {
                    words += u64::from(!in_word);
                    in_word = true;
                }
                HYPHEN if b.get(i + 1) == Some(&b'-') => {
                    i += 1;
                    in_word = false;
                }
                HYPHEN | APOSTROPHE => {}
                _ => in_word = false,
            }
            i += 1;
            continue;
        }
        let c = text[i..].chars().next()?;
        i += c.len_utf8();
        match c {
            '’' | '‘' => {}
            _ => match class(c) {
                Class::Word => {
                    words += u64::from(!in_word);
                    in_word = true;
                }
                Class::Own => {
                    words += 1;
                    in_word = false;
                }
                Class::Other => in_word = false,
                Class::Unknown => return None,
            },
        }
    }
    Some(words)
}

const OTHER: u8 = 0;
const WORD: u8 = 1;
const HYPHEN: u8 = 2;
const APOSTROPHE: u8 = 3;

/// ASCII bytes for the counter: word characters, and the two that AO3 deletes.
const ASCII: [u8; 128] = {
    let mut t = [OTHER; 128];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        if c.is_ascii_alphanumeric() || c == b'_' {
            t[i] = WORD;
        }
        i += 1;
    }
    t[b'-' as usize] = HYPHEN;
    t[b'\'' as usize] = APOSTROPHE;
    t
};

/// AO3's count with AO3's regex.
pub(crate) fn count_by_regex(text: &str) -> u64 {
    let needs_cleaning = text.contains(['\'', '’', '‘', '-']);
    let cleaned;
    let text = if needs_cleaning {
        // `--` becomes an em dash (a separator) before hyphens are deleted.
        cleaned = text.replace("--", "—").replace(['\'', '’', '‘', '-'], "");
        cleaned.as_str()
    } else {
        text
    };
    word_regex().find_iter(text).count() as u64
}

/// Words in an HTML fragment, counted per text node as AO3 does.
pub fn count_words(html: &str) -> u64 {
    fast(html).unwrap_or_else(|| slow(html))
}

/// The simple-fragment path; `None` when the fragment is not simple.
pub(crate) fn fast(html: &str) -> Option<u64> {
    let mut c = Counter::default();
    simple::scan(html, &mut c)?;
    Some(c.words)
}

/// Counts each text node the scan reports. A node is usually one run of the source, counted
/// in place; one with references is assembled in `buf` first.
#[derive(Default)]
pub(crate) struct Counter<'a> {
    pub words: u64,
    first: Option<&'a str>,
    buf: String,
    assembled: bool,
}

impl<'a> Sink<'a> for Counter<'a> {
    fn open(&mut self, _: &'static Elem, _: &[Attr<'a>]) {}

    fn close(&mut self, _: &'static Elem) {}

    fn text(&mut self, piece: Piece<'a>) {
        if !self.assembled {
            match (self.first, piece) {
                (None, Piece::Run(s)) => {
                    self.first = Some(s);
                    return;
                }
                (first, _) => {
                    self.buf.clear();
                    self.buf.push_str(first.unwrap_or(""));
                    self.assembled = true;
                }
            }
        }
        match piece {
            Piece::Run(s) => self.buf.push_str(s),
            Piece::Char(c) => self.buf.push(c),
        }
    }

    fn boundary(&mut self) {
        if self.assembled {
            self.words += count_words_in_text(&self.buf);
        } else if let Some(s) = self.first {
            self.words += count_words_in_text(s);
        }
        self.first = None;
        self.assembled = false;
    }
}

/// The html5ever path: every text node of the parsed fragment.
pub(crate) fn slow(html: &str) -> u64 {
    let doc = Html::parse_fragment(html);
    doc.tree
        .values()
        .filter_map(|node| match node {
            Node::Text(t) => Some(count_words_in_text(t)),
            _ => None,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_words() {
        assert_eq!(count_words_in_text("The quick brown fox."), 4);
        assert_eq!(count_words_in_text("   "), 0);
        assert_eq!(count_words_in_text(""), 0);
        assert_eq!(count_words_in_text("3 o'clock, 2004"), 3);
    }

    #[test]
    fn apostrophes_and_hyphens_join() {
        assert_eq!(count_words_in_text("one's one-word don’t ‘quoted’"), 4);
        assert_eq!(count_words_in_text("well--maybe"), 2);
        assert_eq!(count_words_in_text("well—maybe"), 2);
        assert_eq!(count_words_in_text("x - y"), 2);
    }

    #[test]
    fn cjk_and_thai_count_per_character() {
        assert_eq!(count_words_in_text("日本語"), 3);
        assert_eq!(count_words_in_text("ひらがな"), 4);
        assert_eq!(count_words_in_text("カタカナ"), 4);
        assert_eq!(count_words_in_text("สวัสดี"), 6);
        assert_eq!(count_words_in_text("Hello 世界"), 3);
        assert_eq!(count_words_in_text("abc漢字def"), 4);
    }

    #[test]
    fn other_scripts_count_by_runs() {
        assert_eq!(count_words_in_text("Привет мир"), 2);
        assert_eq!(count_words_in_text("안녕하세요 세계"), 2);
        assert_eq!(count_words_in_text("café naïve"), 2);
    }

    #[test]
    fn html_counts_per_text_node() {
        assert_eq!(count_words("<p>One two</p><p>three</p>"), 3);
        // AO3 counts per text node, so a word split by a tag counts twice.
        assert_eq!(count_words("<p>wo<b>rd</b></p>"), 2);
        assert_eq!(count_words("<p>AT&amp;T &lt;b&gt;</p>"), 3);
        assert_eq!(count_words("<hr>"), 0);
    }
}
