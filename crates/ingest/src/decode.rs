//! The decode stage: bytes → clean Unicode text that every reader starts from.
//!
//! The order (DESIGN.md "decode") is: byte-order mark → strict UTF-8 → UTF-16 without a BOM
//! (recognized by its pattern of NUL bytes) → a charset the file declares (passed in by the
//! reader that knows where to look; `iso-8859-1`, `latin1` and `ascii` mean windows-1252, as in
//! browsers) → a statistical guess (chardetng; windows-1252 for Western text). Then the text is
//! cleaned so that readers never see encoding accidents: mojibake repaired, NFC, LF line endings,
//! no BOM, no control characters other than tab and newline.
//!
//! Every step runs in time linear in the input.

mod mojibake;

use std::borrow::Cow;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};
use ficshelf_model::Diagnostic;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Decoded text and how it was decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// NFC, LF line endings, no BOM.
    pub text: String,
    /// The encoding the bytes were decoded from, lower case (`utf-8`, `utf-16le`,
    /// `windows-1252`).
    pub encoding: String,
    /// Guesses (`info`) and repairs (`warning`).
    pub diagnostics: Vec<Diagnostic>,
}

/// Decode `bytes`. `declared` is a charset label the file declares (from `<meta charset>` or an
/// XML declaration; see [`declared_charset`]), used only when the bytes are neither marked nor
/// valid UTF-8.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Decoded {
    let mut diagnostics = Vec::new();
    let (text, encoding) = to_unicode(bytes, declared, &mut diagnostics);
    let text = clean(&text, &mut diagnostics);
    Decoded {
        text,
        encoding: encoding.name().to_ascii_lowercase(),
        diagnostics,
    }
}

/// The byte-order mark at the start of `bytes`: its encoding and length.
pub fn bom(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    Encoding::for_bom(bytes)
}

/// UTF-16 without a BOM, recognized by NUL bytes concentrated on one side of each byte pair
/// (the high halves of Latin characters). Looks at the first 4 KiB only.
pub fn utf16_pattern(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096)];
    let pairs = sample.len() / 2;
    if pairs == 0 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    // A quarter of the pairs with a zero half, and the other side (almost) never zero.
    let strong = |n: usize| n * 4 >= pairs;
    if strong(odd) && even * 10 <= odd {
        Some(UTF_16LE)
    } else if strong(even) && odd * 10 <= even {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// A charset declared in the first 1024 bytes of an HTML or XML document: `<meta charset=…>`,
/// `<meta http-equiv="Content-Type" content="…; charset=…">` or `<?xml … encoding="…"?>`.
/// For the HTML and EPUB readers to pass to [`decode`].
pub fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head: String = bytes
        .iter()
        .take(1024)
        .map(|&b| char::from(b).to_ascii_lowercase())
        .collect();
    let xml = head
        .trim_start_matches(['\u{ef}', '\u{bb}', '\u{bf}'])
        .trim_start();
    if xml.starts_with("<?xml") {
        let decl_end = xml.find("?>").unwrap_or(xml.len());
        if let Some(label) = value_after(&xml[..decl_end], "encoding") {
            return Some(label);
        }
    }
    let mut from = 0;
    while let Some(pos) = head[from..].find("<meta") {
        let start = from + pos;
        let end = head[start..].find('>').map_or(head.len(), |e| start + e);
        if let Some(label) = value_after(&head[start..end], "charset") {
            return Some(label);
        }
        from = end;
    }
    None
}

/// The value of `name = "value"` (quotes optional) inside a tag's text.
fn value_after(tag: &str, name: &str) -> Option<String> {
    let rest = &tag[tag.find(name)? + name.len()..];
    let rest = rest.trim_start().strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let label: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    (!label.is_empty()).then_some(label)
}

fn to_unicode<'a>(
    bytes: &'a [u8],
    declared: Option<&str>,
    diags: &mut Vec<Diagnostic>,
) -> (Cow<'a, str>, &'static Encoding) {
    if let Some((encoding, bom_len)) = bom(bytes) {
        return (lossy(encoding, &bytes[bom_len..], diags), encoding);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(text), UTF_8);
    }
    if let Some(encoding) = utf16_pattern(bytes) {
        diags.push(Diagnostic::info(format!(
            "encoding recognized as {} without a byte-order mark",
            encoding.name().to_ascii_lowercase()
        )));
        return (lossy(encoding, bytes, diags), encoding);
    }
    if let Some(label) = declared {
        match usable_declaration(label) {
            Some(declared) if let Some(actual) = multibyte_behind_single_byte(declared, bytes) => {
                diags.push(Diagnostic::warning(format!(
                    "the file declares charset {:?}, but its bytes are {} text; decoded as {}",
                    label.trim(),
                    actual.name(),
                    actual.name().to_ascii_lowercase()
                )));
                return (lossy(actual, bytes, diags), actual);
            }
            Some(encoding) => {
                let name = encoding.name().to_ascii_lowercase();
                let said = label.trim().to_ascii_lowercase();
                diags.push(Diagnostic::info(if said == name {
                    format!("decoded as {name}, as the file declares")
                } else {
                    format!("decoded as {name}: the file declares {said}, which means {name}")
                }));
                return (lossy(encoding, bytes, diags), encoding);
            }
            None => diags.push(Diagnostic::warning(format!(
                "the file declares charset {:?}, which does not fit its bytes; guessing instead",
                label.trim()
            ))),
        }
    }
    let encoding = guess(bytes);
    diags.push(Diagnostic::info(format!(
        "encoding guessed as {} (not UTF-8, no byte-order mark{})",
        encoding.name().to_ascii_lowercase(),
        if declared.is_some() {
            ""
        } else {
            " or declared charset"
        }
    )));
    (lossy(encoding, bytes, diags), encoding)
}

/// The East Asian encoding a page declared as a single-byte one (`windows-1252`,
/// `iso-8859-1` …) is really written in, when that is beyond doubt: chardetng picks a
/// multi-byte encoding (Shift_JIS, EUC-JP, EUC-KR, GBK, Big5) and the bytes decode in it without
/// a single error. Any single-byte declaration decodes any bytes, so without this check a page
/// saved in Shift_JIS under a stale `windows-1252` header would be imported as mojibake (the
/// hostile corpus's `charset-says-cp1252-is-shift-jis.html`). Western text in a single-byte
/// encoding is not valid in these encodings as soon as it has an accented letter before a
/// space or ASCII letter, and chardetng does not pick them for it.
fn multibyte_behind_single_byte(
    declared: &'static Encoding,
    bytes: &[u8],
) -> Option<&'static Encoding> {
    if !declared.is_single_byte() {
        return None;
    }
    let guessed = guess(bytes);
    let multibyte = [
        encoding_rs::SHIFT_JIS,
        encoding_rs::EUC_JP,
        encoding_rs::EUC_KR,
        encoding_rs::GBK,
        encoding_rs::GB18030,
        encoding_rs::BIG5,
    ];
    let clean = guessed
        .decode_without_bom_handling_and_without_replacement(bytes)
        .is_some();
    (multibyte.contains(&guessed) && clean).then_some(guessed)
}

/// chardetng's guess, tilted towards windows-1252 for Western text (DESIGN.md): on a short,
/// mostly English text a handful of smart quotes can look Baltic or Central European to a
/// detector that assumes nothing about the source. When the guess is one of those Latin-script
/// neighbours and nearly all bytes are ASCII, ask again as for a Western site, which picks
/// windows-1252 whenever it fits. Text with many non-ASCII letters (real Polish, Lithuanian,
/// Turkish) keeps its guess, and non-Latin scripts are never affected.
fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let generic = detector.guess(None, Utf8Detection::Deny);
    let neighbours = [
        encoding_rs::WINDOWS_1250,
        encoding_rs::ISO_8859_2,
        encoding_rs::WINDOWS_1257,
        encoding_rs::ISO_8859_4,
        encoding_rs::ISO_8859_13,
        encoding_rs::WINDOWS_1254,
        encoding_rs::WINDOWS_1258,
    ];
    let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
    if neighbours.contains(&generic) && non_ascii * 100 <= bytes.len() * 3 {
        // `edu` is one of chardetng's Western top-level domains.
        detector.guess(Some(b"edu"), Utf8Detection::Deny)
    } else {
        generic
    }
}

/// The encoding a declared label stands for, unless the declaration cannot be right: the bytes
/// are not UTF-8 (we already tried), WHATWG treats a declared UTF-16 without a BOM as UTF-8, and
/// `replacement`/`x-user-defined` would destroy the text.
fn usable_declaration(label: &str) -> Option<&'static Encoding> {
    let encoding = Encoding::for_label(label.trim().as_bytes())?;
    let unusable = encoding == UTF_8
        || encoding == UTF_16LE
        || encoding == UTF_16BE
        || encoding == encoding_rs::REPLACEMENT
        || encoding == encoding_rs::X_USER_DEFINED;
    (!unusable).then_some(encoding)
}

fn lossy<'a>(
    encoding: &'static Encoding,
    bytes: &'a [u8],
    diags: &mut Vec<Diagnostic>,
) -> Cow<'a, str> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        let bad = text.chars().filter(|&c| c == '\u{fffd}').count();
        diags.push(Diagnostic::warning(format!(
            "{bad} byte sequence(s) invalid in {} replaced by U+FFFD",
            encoding.name().to_ascii_lowercase()
        )));
    }
    text
}

/// Mojibake repaired, line endings and control characters normalized, BOM dropped, NFC.
fn clean(text: &str, diags: &mut Vec<Diagnostic>) -> String {
    let (mut text, mut changed) = clean_pass(text, diags);
    // A repair leaves no mojibake sequence behind (layers and cascades included), but dropping
    // a control or composing to NFC can complete one: clean again while a pass changes
    // something, so that decoding clean text is a no-op (found by the detect_decode and
    // epub_roundtrip fuzz targets: a name repaired on import was repaired once more when its
    // EPUB was read back). A pass that finds nothing costs no copy; real text needs at most one
    // more. It ends: every pass that changes something but NFC's reordering makes the text
    // shorter, and the cap below is only a belt. (Until detect_decode found a run of 111 `Â`
    // before a `·`, the passes were also what repaired layered mojibake, one layer or one
    // cascade step each, and 64 of them were not enough.)
    for _ in 0..MAX_CLEAN_PASSES {
        if !changed {
            break;
        }
        (text, changed) = clean_pass(&text, diags);
    }
    text
}

/// A belt: a pass after the first follows only a dropped control or an NFC composition that
/// completed a sequence, and each such pass makes the text shorter.
const MAX_CLEAN_PASSES: usize = 64;

/// One pass of [`clean`], and whether it changed anything.
fn clean_pass(text: &str, diags: &mut Vec<Diagnostic>) -> (String, bool) {
    let repaired = mojibake::repair(text);
    let text = match &repaired {
        Some(r) => {
            diags.push(Diagnostic::warning(format!(
                "repaired {} mojibake sequence(s) (UTF-8 once read as windows-1252), e.g. {:?} → {:?}",
                r.count, r.example.0, r.example.1
            )));
            r.text.as_str()
        }
        None => text,
    };
    let (cleaned, dropped) = ficshelf_markup::normalize_controls(text);
    if dropped > 0 {
        diags.push(Diagnostic::warning(format!(
            "removed {dropped} control character(s)"
        )));
    }
    // Any change counts, not only the controls warned about: a DOS end-of-file mark removed
    // without a warning can complete a mojibake sequence too (found by detect_decode).
    let changed = repaired.is_some() || cleaned != text;
    let text = cleaned.into_owned();
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => (text, changed),
        _ => {
            let nfc: String = text.nfc().collect();
            let composed = nfc != text;
            (nfc, changed || composed)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str, big_endian: bool, with_bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if with_bom {
            out.extend_from_slice(if big_endian {
                &[0xFE, 0xFF]
            } else {
                &[0xFF, 0xFE]
            });
        }
        for unit in s.encode_utf16() {
            let b = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            out.extend_from_slice(&b);
        }
        out
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("\u{feff}Café\r\nline two".as_bytes(), None);
        assert_eq!(
            (d.text.as_str(), d.encoding.as_str()),
            ("Café\nline two", "utf-8")
        );
        assert!(d.diagnostics.is_empty());
        let d = decode("Café".as_bytes(), None);
        assert_eq!((d.text.as_str(), d.encoding.as_str()), ("Café", "utf-8"));
    }

    #[test]
    fn utf16_both_orders_with_and_without_bom() {
        let text = "“Naïve” she said.\nΦάρος";
        for (be, bom) in [(false, true), (true, true), (false, false), (true, false)] {
            let d = decode(&utf16(text, be, bom), None);
            assert_eq!(d.text, text, "be={be} bom={bom}");
            assert_eq!(d.encoding, if be { "utf-16be" } else { "utf-16le" });
            assert_eq!(
                d.diagnostics.len(),
                usize::from(!bom),
                "{:?}",
                d.diagnostics
            );
        }
    }

    #[test]
    fn east_asian_text_declared_single_byte_is_read_as_what_it_is() {
        let page = "<meta charset=\"windows-1252\"><p>海辺の喫茶店で、ゾーイは潮の味がするコーヒーを飲んだ。</p>";
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(page);
        let d = decode(&sjis, Some("windows-1252"));
        assert_eq!(d.text, page);
        assert_eq!(d.encoding, "shift_jis");
        assert!(
            d.diagnostics
                .iter()
                .any(|x| x.message.contains("but its bytes are Shift_JIS text")),
            "{:?}",
            d.diagnostics
        );
        // Western text keeps its declaration, accents, smart quotes and all.
        for (bytes, label, text) in [
            (
                &b"Caf\xe9 cr\xe8me, na\xefve r\xe9sum\xe9 \x93quoted\x94."[..],
                "windows-1252",
                "Café crème, naïve résumé “quoted”.",
            ),
            (
                &b"\x93Don\x92t,\x94 she said."[..],
                "iso-8859-1",
                "“Don’t,” she said.",
            ),
            (&b"Gr\xfc\xdfe aus K\xf6ln"[..], "latin1", "Grüße aus Köln"),
        ] {
            let d = decode(bytes, Some(label));
            assert_eq!(
                (d.text.as_str(), d.encoding.as_str()),
                (text, "windows-1252")
            );
        }
    }

    #[test]
    fn windows_1252_is_guessed_and_says_so() {
        let bytes = b"\x93Don\x92t,\x94 she said \x97 caf\xe9 na\xefve \x85 r\xe9sum\xe9.";
        let d = decode(bytes, None);
        assert_eq!(d.text, "“Don’t,” she said — café naïve … résumé.");
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(d.diagnostics.len(), 1);
        assert!(
            d.diagnostics[0].message.contains("guessed"),
            "{:?}",
            d.diagnostics
        );
    }

    #[test]
    fn western_text_with_few_accents_is_windows_1252_and_other_scripts_are_not() {
        let english = "“Naïve,” he said — and that was all for now. The tide went out and the \
            boats lay on their sides in the mud until evening, when the water came back and \
            lifted them, one after another, as if nothing had happened at all. She counted them \
            from the window, and wrote the number down, and went to bed.";
        let english = encoding_rs::WINDOWS_1252.encode(english).0.into_owned();
        assert_eq!(decode(&english, None).encoding, "windows-1252");
        let polish = "Zażółć gęślą jaźń, powiedziała cicho, i poszła dalej przez łąkę.";
        let bytes = encoding_rs::WINDOWS_1250.encode(polish).0.into_owned();
        let d = decode(&bytes, None);
        assert_eq!(
            (d.text.as_str(), d.encoding.as_str()),
            (polish, "windows-1250")
        );
        let russian = "Она открыла дверь и долго смотрела на море, не говоря ни слова.";
        let bytes = encoding_rs::WINDOWS_1251.encode(russian).0.into_owned();
        assert_eq!(decode(&bytes, None).text, russian);
    }

    #[test]
    fn declared_latin1_means_windows_1252() {
        let d = decode(b"it\x92s caf\xe9", Some("ISO-8859-1"));
        assert_eq!(
            (d.text.as_str(), d.encoding.as_str()),
            ("it’s café", "windows-1252")
        );
        assert!(d.diagnostics[0].message.contains("declares iso-8859-1"));
        // A declared UTF-8 that the bytes contradict is not trusted.
        let d = decode(b"it\x92s caf\xe9", Some("utf-8"));
        assert_eq!(d.text, "it’s café");
        assert!(d.diagnostics[0].message.contains("does not fit"));
    }

    #[test]
    fn declarations_are_found_in_html_and_xml() {
        assert_eq!(
            declared_charset(b"<html><head><meta charset=\"ISO-8859-1\">").as_deref(),
            Some("iso-8859-1")
        );
        assert_eq!(
            declared_charset(
                b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=windows-1252\">"
            )
            .as_deref(),
            Some("windows-1252")
        );
        assert_eq!(
            declared_charset(b"<?xml version='1.0' encoding='latin1'?><html>").as_deref(),
            Some("latin1")
        );
        assert_eq!(
            declared_charset(b"<html><meta name=\"author\" content=\"x\">"),
            None
        );
    }

    #[test]
    fn mojibake_is_repaired_with_a_warning() {
        let d = decode("Itâ€™s a cafÃ© â€” okay".as_bytes(), None);
        assert_eq!(d.text, "It’s a café — okay");
        assert_eq!(d.diagnostics.len(), 1);
        assert!(d.diagnostics[0].message.contains("mojibake"));
    }

    #[test]
    fn mojibake_many_layers_deep_is_repaired_in_one_decode() {
        // Garbled six times over (UTF-8 read as windows-1252, saved as UTF-8, again and again):
        // one decode gives the text back, and decoding that again changes nothing.
        let mut garbled = "It’s a café".to_string();
        for _ in 0..6 {
            garbled = encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(garbled.as_bytes())
                .0
                .into_owned();
        }
        assert!(garbled.len() > 200, "{garbled}");
        let d = decode(garbled.as_bytes(), None);
        assert_eq!(d.text, "It’s a café");
        assert_eq!(decode(d.text.as_bytes(), None).text, d.text);
    }

    #[test]
    fn mojibake_split_by_a_silently_dropped_control_is_repaired() {
        // `ä„¤` is U+4124 read as windows-1252; a Ctrl-Z inside it is dropped without a warning,
        // and the sequence it completes is repaired in the same decode.
        let d = decode("x \u{e4}\u{1a}\u{201e}\u{a4} y".as_bytes(), None);
        assert_eq!(d.text, "x \u{4124} y");
        assert_eq!(decode(d.text.as_bytes(), None).text, d.text);
    }

    #[test]
    fn line_endings_controls_and_nfc() {
        let d = decode(b"one\r\ntwo\rthree\x0cfour\x07\x1a", None);
        assert_eq!(d.text, "one\ntwo\nthree\nfour");
        assert!(d.diagnostics[0].message.contains("removed 1 control"));
        // e + combining acute → é
        let d = decode("Cafe\u{301}".as_bytes(), None);
        assert_eq!(d.text, "Café");
    }
}
