//! Which characters make words, without the regex, for the scripts most fics are written in.
//!
//! AO3's word pattern is `[Han Hiragana Katakana Thai]|[\w&&[^those]]+`. Compiling it costs
//! more than counting a whole chapter, and matching it is slower than a table, so the counter
//! first classifies characters here: the ASCII, Latin, IPA, combining-mark, Cyrillic, general
//! punctuation and common CJK blocks. A character outside them is [`Class::Unknown`] and its
//! text goes to the regex. A test compares every classified character with the regex.

/// What a character is to AO3's word pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// A word character outside the per-character scripts: runs of them are one word.
    Word,
    /// Han, Hiragana, Katakana or Thai: each character is a word.
    Own,
    /// Neither: separates words.
    Other,
    /// Not in the table: ask the regex.
    Unknown,
}

/// The class of `c`, from the Unicode blocks the table covers.
pub(crate) fn class(c: char) -> Class {
    use Class::*;
    let n = c as u32;
    match n {
        0..=0x7f => {
            if c.is_ascii_alphanumeric() || c == '_' {
                Word
            } else {
                Other
            }
        }
        // C1 controls and Latin-1 punctuation; ª µ º are letters.
        0x80..=0xbf => match n {
            0xaa | 0xb5 | 0xba => Word,
            _ => Other,
        },
        // Latin-1 letters (but × and ÷), Latin Extended-A and -B, IPA.
        0xc0..=0x2af => match n {
            0xd7 | 0xf7 => Other,
            _ => Word,
        },
        // Combining diacritical marks.
        0x300..=0x36f => Word,
        // Cyrillic and its supplement; ҂ is a symbol.
        0x400..=0x52f => match n {
            0x482 => Other,
            _ => Word,
        },
        // General punctuation: zero-width joiners and the connector ties are word characters.
        0x2000..=0x206f => match n {
            0x200c | 0x200d | 0x203f | 0x2040 | 0x2054 => Word,
            _ => Other,
        },
        // Hiragana, Katakana letters, CJK unified ideographs.
        0x3041..=0x3096 | 0x30a1..=0x30fa | 0x4e00..=0x9fff => Own,
        _ => Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::word_regex;

    /// Every character the table classifies, classified by the regex itself: one match of
    /// two copies is a run (a word character), two matches are per-character words.
    #[test]
    fn the_table_agrees_with_the_regex_on_every_character_it_covers() {
        let mut covered = 0;
        for c in (0..=0x10ffff_u32).filter_map(char::from_u32) {
            let class = class(c);
            if class == Class::Unknown {
                continue;
            }
            covered += 1;
            let want = match word_regex().find_iter(&format!("{c}{c}")).count() {
                0 => Class::Other,
                1 => Class::Word,
                _ => Class::Own,
            };
            assert_eq!(class, want, "U+{:04X} {c:?}", c as u32);
        }
        assert!(covered > 20_000, "{covered}");
    }
}
