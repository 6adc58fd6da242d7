//! Text that every writer puts into markup: characters XML cannot carry, escaping, one-line
//! values, link targets and language tags that validators accept.
//!
//! The EPUB writer must produce documents epubcheck finds well-formed and valid, and the HTML
//! writer shares its markup, so every string from a `Work` passes through here before it lands
//! in an element or attribute.

use ficshelf_markup::{escape_attr, escape_text};

/// Whether XML 1.0 may carry `c`. Controls (C0 except tab and newline, DEL, C1) and
/// non-characters are dropped: they make a document ill-formed or draw validator warnings.
pub(crate) fn is_xml_char(c: char) -> bool {
    let n = c as u32;
    match n {
        0x09 | 0x0A => true,
        0x20..=0x7E => true,
        0xA0..=0xD7FF => true,
        0xFDD0..=0xFDEF => false,
        0xE000..=0xFFFD => true,
        0x10000..=0x10FFFF => n & 0xFFFE != 0xFFFE,
        _ => false,
    }
}

/// `s` without the characters XML cannot carry (`\r` included: `Work` text uses `\n`).
pub(crate) fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().all(is_xml_char) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.chars().filter(|&c| is_xml_char(c)).collect())
    }
}

/// `s` as element content.
pub(crate) fn text(s: &str) -> String {
    escape_text(&clean(s))
}

/// `s` as a double-quoted attribute value.
pub(crate) fn attr(s: &str) -> String {
    escape_attr(&clean(s))
}

/// `s` on one line: runs of whitespace (newlines included) become one space, ends trimmed,
/// characters XML cannot carry dropped (so every writer may use the result as it is).
pub(crate) fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        let word = clean(word);
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word);
    }
    out
}

// A work's URLs are cleaned the same way when it is normalized (a series URL written here
// must read back as it was).
pub(crate) use ficshelf_markup::clean_href;

/// Whether `tag` is a well-formed BCP 47 tag of the common shapes: language (2–3 letters),
/// optional script (4 letters), optional region (2 letters or 3 digits), variants. Tags
/// of other shapes are treated as unknown rather than risk an invalid `dc:language`.
pub(crate) fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let Some(lang) = parts.next() else {
        return false;
    };
    let alpha = |s: &str| s.bytes().all(|b| b.is_ascii_alphabetic());
    if !(alpha(lang) && matches!(lang.len(), 2 | 3)) {
        return false;
    }
    // 0: expecting script, 1: region, 2: variants only.
    let mut stage = 0;
    for part in parts {
        let len = part.len();
        let alnum = part.bytes().all(|b| b.is_ascii_alphanumeric());
        let script = stage == 0 && len == 4 && alpha(part);
        let region = stage <= 1
            && ((len == 2 && alpha(part))
                || (len == 3 && part.bytes().all(|b| b.is_ascii_digit())));
        let variant =
            alnum && ((5..=8).contains(&len) || (len == 4 && part.as_bytes()[0].is_ascii_digit()));
        if script {
            stage = 1;
        } else if region || variant {
            stage = 2;
        } else {
            return false;
        }
    }
    true
}

/// Languages written right to left, by primary subtag.
pub(crate) fn is_rtl_language(tag: &str) -> bool {
    let primary = tag.split('-').next().unwrap_or("").to_ascii_lowercase();
    matches!(
        primary.as_str(),
        "ar" | "arc" | "ckb" | "dv" | "fa" | "he" | "iw" | "ps" | "sd" | "ug" | "ur" | "yi"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_what_xml_cannot_carry() {
        assert_eq!(
            clean("a\u{0}b\u{1b}c\u{7f}d\u{85}e\r\n\u{FFFE}\u{FDD0}\u{1FFFF}f"),
            "abcde\nf"
        );
        assert_eq!(clean("tab\tand ✓ 日本"), "tab\tand ✓ 日本");
        assert_eq!(text("a<b & c>\u{0}"), "a&lt;b &amp; c&gt;");
        assert_eq!(attr("\"q\" 'a'"), "&quot;q&quot; &#39;a&#39;");
    }

    #[test]
    fn one_line_collapses_whitespace() {
        assert_eq!(one_line("  a\n  b\t c  "), "a b c");
        assert_eq!(one_line(" \n "), "");
        assert_eq!(one_line("a \u{1} b\u{0}c"), "a bc");
    }

    #[test]
    fn language_tags() {
        for good in [
            "en",
            "EN",
            "ja",
            "ast",
            "en-US",
            "zh-Hant-TW",
            "sr-Latn",
            "es-419",
            "de-CH-1996",
            "en-GB-oxendict",
            "und",
        ] {
            assert!(is_language_tag(good), "{good}");
        }
        for bad in [
            "", "e", "English", "en_US", "en-", "-en", "en-US-", "1234", "en-a", "ja-JP-x", "en US",
        ] {
            assert!(!is_language_tag(bad), "{bad}");
        }
        assert!(is_rtl_language("ar"));
        assert!(is_rtl_language("he-IL"));
        assert!(!is_rtl_language("en"));
    }
}
