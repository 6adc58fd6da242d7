//! The detect stage: which reader a file goes to, or why it cannot be read at all.
//!
//! Magic bytes first, extension second (DESIGN.md "detect"): a zip is an EPUB only when it says
//! so in its `mimetype` entry (or, packed sloppily, has a `mimetype` or `META-INF/container.xml`
//! somewhere); markup at the start of a file makes it HTML whatever it is called
//! (a `.txt` that is really HTML is HTML); an `.html` file with tags in it is HTML; anything else
//! that is text is plain text. Files that are not text (NUL bytes that are not UTF-16, control
//! bytes, known binary formats) and files with nothing in them are refused here, before any
//! decoding. Linear in the file size; only the first 64 KiB are sampled for ratios.

use ficshelf_model::Format;

use crate::IngestError;
use crate::decode;

const EPUB_MIMETYPE: &[u8] = b"application/epub+zip";

/// The format of `bytes`; `display_path` is only used for its extension.
pub fn detect(display_path: &str, bytes: &[u8]) -> Result<Format, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    let ext = extension(display_path);
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return if is_epub(bytes) {
            Ok(Format::Epub)
        } else {
            Err(IngestError::ZipNotEpub)
        };
    }
    if ext == "epub" {
        return Err(IngestError::EpubNotZip);
    }
    if let Some(kind) = known_binary(bytes) {
        return Err(IngestError::KnownBinary { kind });
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err(IngestError::Unsupported {
            kind: "RTF document",
        });
    }
    check_text(bytes)?;
    if is_blank(bytes) {
        return Err(IngestError::WhitespaceOnly);
    }
    let head = ascii_head(bytes);
    if starts_with_markup(&head) || (is_html_extension(&ext) && has_tags(&head)) {
        return Ok(Format::Html);
    }
    Ok(Format::Txt)
}

/// The extension of a path, lower case, without the dot (`""` when none).
fn extension(path: &str) -> String {
    std::path::Path::new(path)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

fn is_html_extension(ext: &str) -> bool {
    matches!(ext, "htm" | "html" | "xhtml" | "xht" | "shtml")
}

/// An EPUB's first entry is an uncompressed `mimetype`; when a sloppy packer put it elsewhere
/// (or left it out), the central directory still names a `mimetype` or a
/// `META-INF/container.xml`. The directory is scanned in place: opening the archive here would
/// list every entry before the EPUB reader's limits apply (a 60 MB zip of 700,000 empty
/// entries costs the zip crate 200 MB).
fn is_epub(bytes: &[u8]) -> bool {
    if bytes.get(30..38) == Some(b"mimetype") && bytes.get(38..58) == Some(EPUB_MIMETYPE) {
        return true;
    }
    memchr::memmem::find_iter(bytes, b"PK\x01\x02").any(|at| {
        let Some(&[lo, hi]) = bytes.get(at + 28..at + 30) else {
            return false;
        };
        let len = usize::from(u16::from_le_bytes([lo, hi]));
        matches!(
            bytes.get(at + 46..at + 46 + len),
            Some(b"mimetype" | b"META-INF/container.xml")
        )
    })
}

/// Magic numbers of binary formats people keep next to their fics.
fn known_binary(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"GIF87a", "GIF image"),
        (b"GIF89a", "GIF image"),
        (b"%PDF-", "PDF document"),
        (b"\x1f\x8b", "gzip archive"),
        (b"Rar!\x1a\x07", "RAR archive"),
        (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            "Microsoft Office document (.doc)",
        ),
        (b"\x7fELF", "executable"),
    ];
    if bytes.len() > 68 && &bytes[60..68] == b"BOOKMOBI" {
        return Some("MOBI e-book");
    }
    MAGIC
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|&(_, kind)| kind)
}

/// Refuse bytes that no text encoding produces: NUL bytes (unless the file is UTF-16) and a high
/// share of C0 control bytes.
fn check_text(bytes: &[u8]) -> Result<(), IngestError> {
    let utf16 = decode::bom(bytes).is_some_and(|(e, _)| e != encoding_rs::UTF_8)
        || decode::utf16_pattern(bytes).is_some();
    if utf16 {
        return Ok(());
    }
    if let Some(offset) = memchr::memchr(0, bytes) {
        return Err(IngestError::NulBytes { offset });
    }
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1a | 0x1b))
        .count();
    // Real text has essentially none; 2% is far above any accident and far below random bytes
    // (about 10%).
    if controls >= 2 && controls * 50 > sample.len() {
        let percent = (controls * 100 / sample.len()).max(1) as u32;
        return Err(IngestError::ControlBytes { percent });
    }
    Ok(())
}

/// Nothing but whitespace (and a BOM), in UTF-8/ASCII or UTF-16 of either order.
fn is_blank(bytes: &[u8]) -> bool {
    let ws = |u: u16| matches!(u, 0x09..=0x0d | 0x20 | 0x1a | 0xa0 | 0x3000 | 0xfeff);
    match decode::bom(bytes).map(|(e, n)| (e, &bytes[n..])) {
        Some((e, rest)) if e == encoding_rs::UTF_16LE => rest
            .chunks(2)
            .all(|p| ws(u16::from_le_bytes([p[0], *p.get(1).unwrap_or(&0)]))),
        Some((e, rest)) if e == encoding_rs::UTF_16BE => rest
            .chunks(2)
            .all(|p| ws(u16::from_be_bytes([p[0], *p.get(1).unwrap_or(&0)]))),
        Some((_, rest)) => rest.iter().all(|&b| ws(u16::from(b))),
        None => match decode::utf16_pattern(bytes) {
            Some(_) => bytes.iter().all(|&b| b == 0 || ws(u16::from(b))),
            None => bytes.iter().all(|&b| ws(u16::from(b))),
        },
    }
}

/// The first 4 KiB as lower-case ASCII (UTF-16 reduced to its low bytes, other bytes dropped),
/// leading whitespace and BOM removed: enough to sniff markup.
fn ascii_head(bytes: &[u8]) -> String {
    let (body, step, offset) = match decode::bom(bytes) {
        Some((e, n)) if e == encoding_rs::UTF_16LE => (&bytes[n..], 2, 0),
        Some((e, n)) if e == encoding_rs::UTF_16BE => (&bytes[n..], 2, 1),
        Some((_, n)) => (&bytes[n..], 1, 0),
        None => match decode::utf16_pattern(bytes) {
            Some(e) if e == encoding_rs::UTF_16BE => (bytes, 2, 1),
            Some(_) => (bytes, 2, 0),
            None => (bytes, 1, 0),
        },
    };
    // A non-ASCII byte stands as a placeholder, not dropped: `<ￊb/` must not read as `<b/`
    // (found by the no_panic property test). Leading ones go with the whitespace (a no-break
    // space before `<html>`).
    let head: String = body
        .iter()
        .skip(offset)
        .step_by(step)
        .take(4096)
        .map(|&b| {
            if b.is_ascii() {
                char::from(b.to_ascii_lowercase())
            } else {
                NON_ASCII
            }
        })
        .collect();
    head.trim_start_matches(|c: char| c.is_whitespace() || c == NON_ASCII)
        .to_string()
}

/// What [`ascii_head`] writes for a byte that is not ASCII.
const NON_ASCII: char = '\u{1}';

/// A document that opens with markup: a doctype, an XML declaration of an XHTML file, a comment
/// before either, or an HTML element.
fn starts_with_markup(head: &str) -> bool {
    let mut head = head;
    // Comments before the doctype are common in saved pages.
    while let Some(rest) = head.strip_prefix("<!--") {
        match rest.find("-->") {
            Some(end) => head = rest[end + 3..].trim_start(),
            None => return false,
        }
    }
    if head.starts_with("<!doctype html") {
        return true;
    }
    if head.starts_with("<?xml") || head.starts_with("<!doctype") {
        return head.contains("<html");
    }
    const OPENERS: &[&str] = &[
        "html", "head", "body", "meta", "title", "p", "div", "br", "table", "center", "font",
        "span", "h1", "h2", "h3", "h4", "h5", "h6", "b", "i", "em", "strong", "link", "style",
    ];
    let Some(rest) = head.strip_prefix('<') else {
        return false;
    };
    let name_len = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    let after = rest[name_len..].chars().next();
    OPENERS.contains(&&rest[..name_len]) && matches!(after, Some('>' | ' ' | '/' | '\n' | '\t'))
}

/// Whether the head has any common HTML tag at all (for files named `.html`).
fn has_tags(head: &str) -> bool {
    [
        "<p", "<br", "<div", "<body", "<html", "<b>", "<i>", "<span", "<h1", "<h2", "<table",
    ]
    .iter()
    .any(|tag| head.contains(tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(path: &str, bytes: &[u8]) -> String {
        match detect(path, bytes) {
            Err(e) => e.to_string(),
            Ok(f) => panic!("expected an error, got {f:?}"),
        }
    }

    #[test]
    fn text_and_markup() {
        assert_eq!(
            detect("a.txt", b"Title: X\n\nStory.").ok(),
            Some(Format::Txt)
        );
        assert_eq!(
            detect("a.txt", b"  <!DOCTYPE html><html>").ok(),
            Some(Format::Html)
        );
        assert_eq!(
            detect("a", b"<?xml version='1.0'?>\n<html xmlns=''>").ok(),
            Some(Format::Html)
        );
        assert_eq!(
            detect("a.txt", b"<!-- saved -->\n<HTML><BODY>").ok(),
            Some(Format::Html)
        );
        assert_eq!(detect("a.txt", b"<p>A story</p>").ok(), Some(Format::Html));
        assert_eq!(
            detect("a.htm", b"Title\n\nStory<br>more").ok(),
            Some(Format::Html)
        );
        // A letter that is not ASCII does not vanish into a tag name; a no-break space before
        // the markup is still skipped.
        assert_eq!(
            detect("a.txt", "<ￊb/ ok".as_bytes()).ok(),
            Some(Format::Txt)
        );
        assert_eq!(detect("a.txt", "<éb>".as_bytes()).ok(), Some(Format::Txt));
        assert_eq!(
            detect("a.txt", "\u{a0}<html><body>x".as_bytes()).ok(),
            Some(Format::Html)
        );
        // Hearts are not tags; an .html name without tags is text.
        assert_eq!(detect("a.txt", b"<3 this ship").ok(), Some(Format::Txt));
        assert_eq!(detect("a.html", b"no tags at all").ok(), Some(Format::Txt));
        assert_eq!(
            detect("a.txt", b"<?xml version='1.0'?><package/>").ok(),
            Some(Format::Txt)
        );
    }

    #[test]
    fn utf16_text_is_text_and_its_markup_is_seen() {
        let le: Vec<u8> = "Title: X"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(detect("a.txt", &le).ok(), Some(Format::Txt));
        let mut be = vec![0xFE, 0xFF];
        be.extend("<!DOCTYPE html>".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(detect("a.txt", &be).ok(), Some(Format::Html));
    }

    #[test]
    fn empty_and_blank() {
        assert_eq!(err("a.txt", b""), "file is empty");
        assert_eq!(
            err("a.txt", b" \n\r\n\t "),
            "file is empty (whitespace only)"
        );
        assert_eq!(
            err("a.txt", b"\xef\xbb\xbf\n"),
            "file is empty (whitespace only)"
        );
        assert_eq!(
            err("a.txt", b"\xff\xfe \x00\n\x00"),
            "file is empty (whitespace only)"
        );
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(
            err("a.txt", b"Title: X\n\x00\x01\x02\x03"),
            "binary file (NUL bytes at offset 9), not text"
        );
        assert_eq!(
            err("a.txt", b"\x89PNG\r\n\x1a\n\x00\x00"),
            "PNG image, not text"
        );
        assert_eq!(err("a.txt", b"%PDF-1.4\n"), "PDF document, not text");
        assert_eq!(
            err("a.rtf", b"{\\rtf1\\ansi"),
            "RTF document is not a format ficshelf reads"
        );
        let controls: Vec<u8> = (0..200u8)
            .map(|i| if i % 3 == 0 { 0x01 } else { b'a' })
            .collect();
        assert_eq!(
            err("a.txt", &controls),
            "binary file (33% control bytes), not text"
        );
    }

    #[test]
    fn zips() {
        assert_eq!(
            err("a.epub", b"Title: not a zip"),
            "not a zip archive (an .epub file must be one)"
        );
        let mut fake = b"PK\x03\x04".to_vec();
        fake.extend_from_slice(&[0u8; 26]);
        fake.extend_from_slice(b"mimetypeapplication/epub+zip");
        assert_eq!(detect("a.epub", &fake).ok(), Some(Format::Epub));
        let mut other = b"PK\x03\x04".to_vec();
        other.extend_from_slice(&[0u8; 26]);
        other.extend_from_slice(b"document.xml");
        assert_eq!(
            err("a.zip", &other),
            "zip archive that is not an EPUB (no mimetype application/epub+zip)"
        );
    }

    /// A zip of these (name, data) entries, stored.
    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (name, data) in entries {
            w.start_file(*name, stored).expect("entry");
            w.write_all(data).expect("write");
        }
        w.finish().expect("zip").into_inner()
    }

    #[test]
    fn sloppy_epubs_are_found_in_the_central_directory() {
        let late = zip_of(&[("a.txt", b"x"), ("mimetype", EPUB_MIMETYPE)]);
        assert_eq!(detect("a.epub", &late).ok(), Some(Format::Epub));
        let none = zip_of(&[("META-INF/container.xml", b"<container/>")]);
        assert_eq!(detect("a.epub", &none).ok(), Some(Format::Epub));
        let docx = zip_of(&[("word/document.xml", b"<w/>"), ("notmimetype", b"x")]);
        assert_eq!(
            err("a.docx", &docx),
            "zip archive that is not an EPUB (no mimetype application/epub+zip)"
        );
    }
}
