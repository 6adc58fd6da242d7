//! Charsets of HTML pages (fixtures written by `fixtures/html/make-encodings.py`): a declared
//! charset is a hint, not the truth.

mod common;

use common::{all_html, bytes, raw, value};
use ficshelf_model::{FieldKey, Level};

const TEXT: &str = "<p>“It’s not a café,” Zoë said, “it’s a state of mind — ask anyone.”</p>";

fn check(fixture: &str, encoding: &str) -> ficshelf_model::RawWork {
    let r = raw(fixture);
    assert_eq!(r.encoding, encoding, "{fixture}");
    assert_eq!(
        value(&r, &FieldKey::Title),
        Some("Café Lumière"),
        "{fixture}"
    );
    assert_eq!(
        value(&r, &FieldKey::Author),
        Some("Aurélie Noël"),
        "{fixture}"
    );
    assert!(
        all_html(&r).starts_with(TEXT),
        "{fixture}: {}",
        all_html(&r)
    );
    assert!(
        all_html(&r).contains("façade to façade, down the whole length of the Rue des Ébénistes.")
    );
    r
}

#[test]
fn a_cp1252_page_declaring_latin1_is_read_as_windows_1252() {
    let b = bytes("html/charset-cp1252-declared-iso-8859-1.html");
    assert!(
        b.contains(&0x93) && b.contains(&0x97),
        "the fixture has cp1252-only bytes"
    );
    let r = check(
        "html/charset-cp1252-declared-iso-8859-1.html",
        "windows-1252",
    );
    assert_eq!(r.diagnostics.len(), 1);
    assert_eq!(
        r.diagnostics[0].message,
        "decoded as windows-1252: the file declares iso-8859-1, which means windows-1252"
    );
}

#[test]
fn a_utf8_page_declaring_windows_1252_is_read_as_utf8() {
    let b = bytes("html/charset-utf8-declared-windows-1252.html");
    assert!(
        String::from_utf8(b)
            .expect("utf-8")
            .contains("charset=\"windows-1252\"")
    );
    let r = check("html/charset-utf8-declared-windows-1252.html", "utf-8");
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
}

#[test]
fn a_page_that_declares_nothing_is_sniffed() {
    let r = check("html/charset-undeclared-cp1252.html", "windows-1252");
    assert_eq!(r.diagnostics.len(), 1);
    assert_eq!(r.diagnostics[0].level, Level::Info);
    assert!(
        r.diagnostics[0].message.contains("guessed"),
        "{:?}",
        r.diagnostics
    );
}

#[test]
fn a_utf16_page_with_a_bom() {
    let r = check("html/charset-utf16le-bom.html", "utf-16le");
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
}
