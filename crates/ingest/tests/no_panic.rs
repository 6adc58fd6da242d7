//! Property tests: `read_raw` never panics, whatever the bytes, and what it returns keeps the
//! reader's promises (no empty chapters, no empty values, no CR, HTML built from `<p>`/`<hr/>`).

use ficshelf_ingest::{Options, read_raw};
use ficshelf_model::RawWork;
use proptest::prelude::*;

fn check(raw: &RawWork) {
    for c in &raw.chapters {
        assert!(
            (c.html.starts_with("<p>") || c.html.starts_with("<blockquote>"))
                && (c.html.ends_with("</p>") || c.html.ends_with("</blockquote>")),
            "{:?}",
            c.html
        );
        assert!(!c.html.contains('\r'));
    }
    for f in &raw.fields {
        assert!(!f.value.trim().is_empty(), "{f:?}");
        assert!(f.origin.starts_with("line "), "{f:?}");
    }
}

/// Text made of the characters that drive the reader's decisions.
fn shaped_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Title: ".to_string()),
        Just("Author: ".to_string()),
        Just("Summary:\n    ".to_string()),
        Just("by ".to_string()),
        Just("Chapter 3".to_string()),
        Just("Part Two/Five".to_string()),
        Just("~~ 4 ~~".to_string()),
        Just("* * *".to_string()),
        Just("=====================".to_string()),
        Just("TABLE OF CONTENTS".to_string()),
        Just("End Notes:".to_string()),
        Just("The End".to_string()),
        Just("TBC".to_string()),
        Just("_".to_string()),
        Just("**".to_string()),
        Just("\\*".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("    ".to_string()),
        Just("Ã©â€™".to_string()),
        "[a-zA-Z ,.:]{1,12}",
        "\\PC{1,4}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok(raw) = read_raw("x.txt", &bytes, &Options::default()) {
            check(&raw);
        }
    }

    #[test]
    fn arbitrary_text(text in "\\PC*") {
        if let Ok(raw) = read_raw("x.txt", text.as_bytes(), &Options::default()) {
            check(&raw);
        }
    }

    #[test]
    fn text_shaped_like_fics(text in shaped_text()) {
        match read_raw("x.txt", text.as_bytes(), &Options::default()) {
            Ok(raw) => check(&raw),
            Err(e) => {
                let m = e.to_string();
                prop_assert!(m.starts_with("file is empty") || m.starts_with("binary file"), "{}", m);
            }
        }
    }

    #[test]
    fn utf16_of_arbitrary_text(text in "\\PC{1,200}", big_endian in any::<bool>()) {
        let mut bytes = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
        for unit in text.encode_utf16() {
            bytes.extend(if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() });
        }
        if let Ok(raw) = read_raw("x.txt", &bytes, &Options::default()) {
            check(&raw);
        }
    }
}
