//! The words of a Work's HTML, read in one linear pass, for fingerprints and keys.
//!
//! Work HTML is already sanitized (`markup::sanitize` in normalize), so no tree is needed: tags
//! are skipped, the few entities a serializer writes are understood, and words are runs of
//! letters and digits, lower-cased, with apostrophes inside a word dropped (`don't` = `dont`,
//! as AO3 counts). Each Han, kana or Thai character is a word of its own, since those scripts do
//! not put spaces between words. Malformed markup cannot make this slower than linear.

/// Call `f` with each word of an HTML fragment, lower-cased.
#[cfg(test)]
pub(crate) fn for_each_word(html: &str, f: impl FnMut(&str)) {
    let mut words = Spelled {
        word: String::new(),
        f,
    };
    scan_html(html, &mut words);
    words.flush();
}

/// Call `f` with the hash of each word of an HTML fragment ([`word_hash`] of the word
/// [`for_each_word`] gives), without building the words: a fingerprint is computed for every
/// imported work, and building each word was a twelfth of an import's time.
pub(crate) fn for_each_word_hash(html: &str, f: impl FnMut(u64)) {
    let mut words = Hashed {
        hash: FNV_OFFSET,
        empty: true,
        f,
    };
    scan_html(html, &mut words);
    words.flush();
}

/// FNV-1a over the word's UTF-8 bytes: what [`for_each_word_hash`] computes as it reads (the
/// stored fingerprints are made of these; changing it would make old and new ones differ).
#[cfg(test)]
pub(crate) fn word_hash(word: &str) -> u64 {
    word.bytes().fold(FNV_OFFSET, fnv)
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
}

/// Where the scanners put the letters of words.
trait Words {
    /// An ASCII letter or digit, already lower-cased.
    fn push_ascii(&mut self, b: u8);
    fn push_char(&mut self, c: char);
    /// The current word (if any) is complete.
    fn flush(&mut self);
}

/// Words spelled out, for keys (and tests).
struct Spelled<F: FnMut(&str)> {
    word: String,
    f: F,
}

impl<F: FnMut(&str)> Words for Spelled<F> {
    fn push_ascii(&mut self, b: u8) {
        self.word.push(char::from(b));
    }
    fn push_char(&mut self, c: char) {
        self.word.push(c);
    }
    fn flush(&mut self) {
        if !self.word.is_empty() {
            (self.f)(&self.word);
            self.word.clear();
        }
    }
}

/// Words hashed as they are read.
struct Hashed<F: FnMut(u64)> {
    hash: u64,
    empty: bool,
    f: F,
}

impl<F: FnMut(u64)> Words for Hashed<F> {
    fn push_ascii(&mut self, b: u8) {
        self.hash = fnv(self.hash, b);
        self.empty = false;
    }
    fn push_char(&mut self, c: char) {
        let mut buf = [0u8; 4];
        self.hash = c.encode_utf8(&mut buf).bytes().fold(self.hash, fnv);
        self.empty = false;
    }
    fn flush(&mut self) {
        if !self.empty {
            (self.f)(self.hash);
            self.hash = FNV_OFFSET;
            self.empty = true;
        }
    }
}

/// The words of HTML: tags skipped, entities decoded, ASCII handled byte by byte.
fn scan_html(html: &str, words: &mut impl Words) {
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'<' => {
                // Skip the tag; an unclosed `<` runs to the end, which is what a browser does.
                i = bytes[i..]
                    .iter()
                    .position(|&t| t == b'>')
                    .map_or(bytes.len(), |p| i + p + 1);
                words.flush();
            }
            b'&' => match entity(&html[i..]) {
                Some((decoded, len)) => {
                    word_char(decoded, words);
                    i += len;
                }
                None => {
                    words.flush();
                    i += 1;
                }
            },
            _ if b.is_ascii() => {
                ascii_byte(b, words);
                i += 1;
            }
            _ => {
                // `i` is a char boundary: every other arm moves over whole ASCII bytes or
                // entities (ASCII), and this one over a whole char.
                let c = html[i..].chars().next().unwrap_or(' ');
                word_char(c, words);
                i += c.len_utf8();
            }
        }
    }
}

fn ascii_byte(b: u8, words: &mut impl Words) {
    if b.is_ascii_alphanumeric() {
        words.push_ascii(b.to_ascii_lowercase());
    } else if b != b'\'' {
        words.flush();
    }
}

fn word_char(c: char, words: &mut impl Words) {
    if c.is_ascii() {
        return ascii_byte(c as u8, words);
    }
    if matches!(c, '\u{2019}' | '\u{2018}') {
        return;
    }
    if is_cjk_or_thai(c) {
        words.flush();
        c.to_lowercase().for_each(|l| words.push_char(l));
        words.flush();
    } else if c.is_alphanumeric() {
        c.to_lowercase().for_each(|l| words.push_char(l));
    } else {
        words.flush();
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
fn for_each_plain_word(s: &str, f: impl FnMut(&str)) {
    let mut words = Spelled {
        word: String::new(),
        f,
    };
    for c in s.chars() {
        word_char(c, &mut words);
    }
    words.flush();
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

    proptest::proptest! {
        /// Hashing words as they are read gives the hash of each word spelled out.
        #[test]
        fn word_hashes_are_the_hashes_of_the_words(
            html in "(<p>|</p>|<em class=\"x\">|<|>|&amp;|&#233;|&#x4E1C;|&rsquo;|&bogus;|&|'|\u{2019}|\\PC){0,40}"
        ) {
            let mut spelled = Vec::new();
            for_each_word(&html, |w| spelled.push(word_hash(w)));
            let mut hashed = Vec::new();
            for_each_word_hash(&html, |h| hashed.push(h));
            proptest::prop_assert_eq!(hashed, spelled);
        }
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
