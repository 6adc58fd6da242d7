//! Encodings and line endings: the fixtures written by `fixtures/txt/make-encodings.py`.

mod common;

use common::{all_html, raw, value};
use ficshelf_model::{FieldKey, Level};

const CAFE_TEXT: &str = "<p>“It’s not a café,” Zoë said, “it’s a state of mind — ask anyone.”</p>";

#[test]
fn utf8_and_utf16_with_and_without_bom() {
    let cases = [
        ("txt/utf8-bom.txt", "utf-8", 0),
        ("txt/utf16le-bom.txt", "utf-16le", 0),
        ("txt/utf16be-bom.txt", "utf-16be", 0),
        ("txt/utf16le-no-bom.txt", "utf-16le", 1),
        ("txt/utf16be-no-bom.txt", "utf-16be", 1),
    ];
    for (fixture, encoding, infos) in cases {
        let r = raw(fixture);
        assert_eq!(r.encoding, encoding, "{fixture}");
        assert_eq!(
            value(&r, &FieldKey::Title),
            Some("Café Lumière"),
            "{fixture}"
        );
        assert_eq!(
            value(&r, &FieldKey::Summary),
            Some("Φάρος means lighthouse; 灯台 means the same."),
            "{fixture}"
        );
        assert!(
            all_html(&r).starts_with(CAFE_TEXT),
            "{fixture}: {}",
            all_html(&r)
        );
        assert!(!all_html(&r).contains('\u{feff}'), "{fixture}: BOM kept");
        assert_eq!(r.diagnostics.len(), infos, "{fixture}: {:?}", r.diagnostics);
        assert!(
            r.diagnostics.iter().all(|d| d.level == Level::Info),
            "{fixture}"
        );
    }
}

#[test]
fn windows_1252_is_guessed_with_smart_quotes_and_dashes_right() {
    let r = raw("txt/cp1252-smart-quotes.txt");
    assert_eq!(r.encoding, "windows-1252");
    assert_eq!(value(&r, &FieldKey::Author), Some("Aurélie Noël"));
    assert!(all_html(&r).starts_with(CAFE_TEXT), "{}", all_html(&r));
    assert!(all_html(&r).contains("hissed… and the rain kept on, façade to façade"));
    assert_eq!(r.diagnostics.len(), 1);
    assert_eq!(r.diagnostics[0].level, Level::Info);
    assert!(r.diagnostics[0].message.contains("guessed as windows-1252"));
}

#[test]
fn windows_1252_with_part_markers_and_crlf() {
    let r = raw("txt/cp1252-part-markers.txt");
    assert_eq!(r.encoding, "windows-1252");
    assert_eq!(common::titles(&r), vec![Some("Part 1/2"), Some("Part 2/2")]);
    let html = all_html(&r);
    assert!(html.contains("went in anyway — she had a key"), "{html}");
    assert!(html.contains("“The Naïve and the Sentimental”"), "{html}");
    assert!(!html.contains('\r'));
    assert_eq!(value(&r, &FieldKey::Status), Some("TBC"));
}

#[test]
fn iso_8859_1_is_read_as_windows_1252() {
    let r = raw("txt/iso-8859-1-accents.txt");
    assert_eq!(r.encoding, "windows-1252");
    assert_eq!(value(&r, &FieldKey::Title), Some("Señor Müller's Garden"));
    assert_eq!(value(&r, &FieldKey::Author), Some("Inès Åberg"));
    assert!(all_html(&r).contains("«Il fait beau», said Señor Müller"));
    assert!(all_html(&r).contains("jalapeños, crème fraîche"));
}

#[test]
fn mojibake_is_repaired_and_reported() {
    let r = raw("txt/mojibake-utf8-as-cp1252.txt");
    assert_eq!(r.encoding, "utf-8");
    assert_eq!(value(&r, &FieldKey::Author), Some("Noémie Clerc"));
    let html = all_html(&r);
    assert!(
        html.starts_with("<p>“Don’t touch that file,” said Renée — too late."),
        "{html}"
    );
    assert!(html.contains("“C’est la vie,”"));
    assert!(!html.contains('â') && !html.contains('Ã'));
    assert_eq!(r.diagnostics.len(), 1);
    assert_eq!(r.diagnostics[0].level, Level::Warning);
    assert!(r.diagnostics[0].message.contains("mojibake"));
}

#[test]
fn crlf_and_cr_line_endings_read_like_lf() {
    let crlf = raw("txt/crlf-line-endings.txt");
    let cr = raw("txt/cr-line-endings.txt");
    assert_eq!(value(&cr, &FieldKey::Title), Some("Old Machines"));
    assert_eq!(crlf.chapters, cr.chapters);
    assert_eq!(crlf.fields.len(), 2);
    assert_eq!(cr.chapters[0].html.matches("<p>").count(), 2);
    assert!(!all_html(&cr).contains('\r'));
}
