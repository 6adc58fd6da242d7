//! The words of a Work's HTML, read in one linear pass, for fingerprints and keys.
//!
//! Work HTML is already sanitized (`markup::sanitize` in normalize), so no tree is needed: tags
//! are skipped, the few entities a serializer writes are understood, and words are runs of
//! letters and digits, lower-cased, with apostrophes inside a word dropped (`don't` = `dont`,
//! as AO3 counts). Each Han, kana or Thai character is a word of its own, since those scripts do
//! not put spaces between words. Malformed markup cannot make this slower than linear.

/// Call `f` with each word of an HTML fragment, lower-cased.
pub(crate) fn for_each_word(html: &str, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    let mut chars = html.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let c = match c {
            '<' => {
                // Skip the tag; an unclosed `<` runs to the end, which is what a browser does.
                for (_, t) in chars.by_ref() {
                    if t == '>' {
                        break;
                    }
                }
                flush(&mut word, &mut f);
                continue;
            }
            '&' => match entity(&html[i..]) {
                Some((decoded, len)) => {
                    // Entities are ASCII, so skipping `len - 1` chars skips `len - 1` bytes.
                    for _ in 1..len {
                        chars.next();
                    }
                    decoded
                }
                None => ' ',
            },
            c => c,
        };
        push_char(c, &mut word, &mut f);
    }
    flush(&mut word, &mut f);
}

fn push_char(c: char, word: &mut String, f: &mut impl FnMut(&str)) {
    // Most fan fiction is ASCII: the same rule without the Unicode tables (a fingerprint is
    // computed for every imported work, so this loop is a visible share of an import).
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        } else if c != '\'' {
            flush(word, f);
        }
        return;
    }
    if matches!(c, '\u{2019}' | '\u{2018}') {
        return;
    }
    if is_cjk_or_thai(c) {
        flush(word, f);
        word.extend(c.to_lowercase());
        flush(word, f);
    } else if c.is_alphanumeric() {
        word.extend(c.to_lowercase());
    } else {
        flush(word, f);
    }
}

fn flush(word: &mut String, f: &mut impl FnMut(&str)) {
    if !word.is_empty() {
        f(word);
        word.clear();
    }
}

/// The entities a sanitizer's serializer writes, plus numeric ones; `None` for anything else
/// (read as a separator). Returns the character and the entity's length in bytes.
fn entity(s: &str) -> Option<(char, usize)> {
    let end = s.as_bytes().iter().take(12).position(|&b| b == b';')?;
    let body = &s[1..end];
    let c = match body {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" | "rsquo" | "lsquo" => '\'',
        "nbsp" => ' ',
        _ => {
            let num = body.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((c, end + 1))
}

pub(crate) fn is_cjk_or_thai(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0E7F        // Thai
        | 0x3040..=0x30FF      // Hiragana, Katakana
        | 0x31F0..=0x31FF      // Katakana phonetic extensions
        | 0x3400..=0x4DBF      // CJK extension A
        | 0x4E00..=0x9FFF      // CJK unified ideographs
        | 0xF900..=0xFAFF      // CJK compatibility ideographs
        | 0xFF66..=0xFF9F      // half-width katakana
        | 0x20000..=0x3134F    // CJK extensions B–G
    )
}

/// Lower-case words of letters and digits, single-spaced: the key two spellings of one title or
/// name share (`The Storm!` = `the  storm`).
pub(crate) fn normalize_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for_each_plain_word(s, |w| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    });
    out
}

/// Like [`for_each_word`] for plain text (titles, names): `<` and `&` are just characters.
fn for_each_plain_word(s: &str, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    for c in s.chars() {
        push_char(c, &mut word, &mut f);
    }
    flush(&mut word, &mut f);
}

/// The key a list is sorted by title with: the title's key without a leading article, so that
/// "The Storm" sorts under S as libraries do.
pub(crate) fn sort_title(title: &str) -> String {
    let key = normalize_key(title);
    for article in ["the ", "a ", "an "] {
        if let Some(rest) = key.strip_prefix(article) {
            return rest.to_string();
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(html: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_word(html, |w| out.push(w.to_string()));
        out
    }

    #[test]
    fn skips_tags_and_decodes_entities() {
        assert_eq!(
            words("<p>Buffy&nbsp;said, &quot;Don&#39;t&quot;</p><p class=\"x\">AT&amp;T</p>"),
            ["buffy", "said", "dont", "at", "t"]
        );
        assert_eq!(
            words("it&rsquo;s fine&hellip;really"),
            ["its", "fine", "hellip", "really"]
        );
        assert_eq!(words("caf&#xE9; &#233;t&#233;"), ["café", "été"]);
    }

    #[test]
    fn cjk_and_thai_characters_are_words() {
        assert_eq!(words("<p>東京へ行く</p>"), ["東", "京", "へ", "行", "く"]);
        assert_eq!(words("Ünïcode ΣΊΣΥΦΟΣ"), ["ünïcode", "σίσυφοσ"]);
    }

    #[test]
    fn hostile_markup_is_linear_and_safe() {
        assert_eq!(words("a <b unclosed tag and words"), ["a"]);
        // Unknown or broken entities are separators; what follows them is ordinary text.
        assert_eq!(
            words("& &; &#; &#xZZ; &#99999999; &toolongentityname;x"),
            ["xzz", "99999999", "toolongentityname", "x"]
        );
        let big = "<".repeat(100_000) + &"&".repeat(100_000);
        assert!(words(&big).is_empty());
    }

    #[test]
    fn keys_ignore_case_spacing_and_punctuation() {
        assert_eq!(
            normalize_key("  The Storm —  Over Sunnydale! "),
            "the storm over sunnydale"
        );
        assert_eq!(normalize_key("O'Brien & <Co>"), "obrien co");
        assert_eq!(sort_title("The Storm"), "storm");
        assert_eq!(sort_title("An Unexpected Gift"), "unexpected gift");
        assert_eq!(sort_title("Another Day"), "another day");
        assert_eq!(sort_title("\"Quoted\" Title"), "quoted title");
    }
}
