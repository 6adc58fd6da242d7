//! Counting words the way AO3 does, so a work's count here matches its count there.
//!
//! AO3 counts each text node separately: it turns `--` into an em dash, deletes apostrophes
//! (`'`, `’`, `‘`) and hyphens so that `one's` and `one-word` are one word, then counts runs of
//! word characters; each Han, Hiragana, Katakana or Thai character is a word of its own.
//! Declared word counts in files are never used.

use std::sync::OnceLock;

use regex::Regex;
use scraper::{Html, Node};

fn word_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let cjk = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}";
        Regex::new(&format!(r"[{cjk}]|[\w&&[^{cjk}]]+")).expect("word regex compiles")
    })
}

/// Words in one run of plain text (one text node, in AO3's terms).
pub fn count_words_in_text(text: &str) -> u64 {
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
