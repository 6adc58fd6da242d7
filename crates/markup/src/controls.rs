//! Control characters: the one rule for which characters text in a `Work` may hold.
//!
//! The decoder applies it to every file's text. Character references bypass the decoder
//! (`&#2;` in an HTML page is U+0002 once parsed), so the sanitizer applies it to the HTML it
//! writes and the normalizer to every metadata value. XML, which EPUBs are made of, forbids most
//! of these characters: one kept in a `Work` vanished when its EPUB was written and read back
//! (found by the `epub_roundtrip` fuzz target: an author `O&#02;Neill`).

use std::borrow::Cow;

/// CRLF, CR, form feed and Unicode line/paragraph separators → LF; BOMs, the DOS end-of-file
/// mark (Ctrl-Z) and noncharacters U+FFFE/U+FFFF dropped; other C0 and C1 controls and DEL
/// removed and counted (Ctrl-Z and BOMs are too common to warn about). Borrowed when `text`
/// holds none of them.
pub fn normalize_controls(text: &str) -> (Cow<'_, str>, usize) {
    if !needs_control_pass(text.as_bytes()) {
        return (Cow::Borrowed(text), 0);
    }
    let mut out = String::with_capacity(text.len());
    let mut dropped = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\n' | '\u{0c}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\t' => out.push('\t'),
            '\u{feff}' | '\u{1a}' => {}
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => dropped += 1,
            c => out.push(c),
        }
    }
    (Cow::Owned(out), dropped)
}

/// Whether `bytes` (UTF-8) hold anything [`normalize_controls`] changes: a C0 control other
/// than tab and LF, DEL, or the UTF-8 of a C1 control (C2 80–9F), U+2028/2029 (E2 80 A8/A9), a
/// BOM (EF BB BF) or U+FFFE/FFFF (EF BF BE/BF). One pass over the bytes, so that clean text is
/// not rebuilt char by char.
pub fn needs_control_pass(bytes: &[u8]) -> bool {
    bytes.iter().enumerate().any(|(i, &b)| match b {
        b'\n' | b'\t' => false,
        0x00..=0x1f | 0x7f => true,
        0xc2 => bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)),
        0xe2 => bytes
            .get(i + 1..i + 3)
            .is_some_and(|n| n == [0x80, 0xa8] || n == [0x80, 0xa9]),
        0xef => bytes
            .get(i + 1..i + 3)
            .is_some_and(|n| n == [0xbb, 0xbf] || n == [0xbf, 0xbe] || n == [0xbf, 0xbf]),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pass_is_needed_exactly_when_it_changes_something() {
        for s in [
            "a\rb",
            "a\u{7}b",
            "a\u{85}b",
            "a\u{2028}b",
            "a\u{2029}b",
            "\u{feff}a",
            "a\u{7f}",
            "a\u{ffff}",
            "a\u{fffe}",
            "a\u{1a}",
        ] {
            assert!(needs_control_pass(s.as_bytes()), "{s:?}");
            assert_ne!(normalize_controls(s).0, s, "{s:?}");
        }
        for s in [
            "plain\ttext\n",
            "café — “quoted” ‘x’ … 日本語 \u{2027}\u{fffd}",
            "",
        ] {
            assert!(!needs_control_pass(s.as_bytes()), "{s:?}");
            assert!(matches!(normalize_controls(s).0, Cow::Borrowed(_)), "{s:?}");
        }
    }

    #[test]
    fn line_ends_become_lf_and_controls_are_counted() {
        let (s, n) = normalize_controls("one\r\ntwo\rthree\x0cfour\x07\x1a\u{feff}O\u{2}Neill");
        assert_eq!(s, "one\ntwo\nthree\nfourONeill");
        assert_eq!(n, 2, "BEL and STX; Ctrl-Z and the BOM go without a count");
    }

    proptest::proptest! {
        #[test]
        fn output_is_clean_and_a_fixed_point(s in "\\PC{0,20}[\\x00-\\x1f\\x7f-\\u{9f}\\u{fffe}\\u{ffff}]{0,4}\\PC{0,20}") {
            let (once, _) = normalize_controls(&s);
            proptest::prop_assert!(!needs_control_pass(once.as_bytes()));
            proptest::prop_assert!(once.chars().all(|c| !c.is_control() || c == '\n' || c == '\t'));
        }
    }
}
