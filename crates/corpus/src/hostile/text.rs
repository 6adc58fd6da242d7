//! The hostile text files: deep HTML and Markdown, lines of tens of megabytes, random bytes named `.txt`,
//! charsets that lie, UTF-16 without a byte-order mark.

use std::io;

use encoding_rs::{SHIFT_JIS, WINDOWS_1252};

use super::{Expect, HostileOptions};
use crate::Rng;

type Add<'a> = dyn FnMut(&str, &'static str, Expect, Vec<u8>) -> io::Result<()> + 'a;

const STORY: &str = "Title: Salt Road\nAuthor: Odile Varga\nRating: General Audiences\n\n\
    The café on the salt road served coffee that tasted of the sea. Zoë never minded; she \
    said it was the only honest cup between here and the border.\n";

pub(super) fn write_all(opts: &HostileOptions, add: &mut Add<'_>) -> io::Result<()> {
    let mut deep = String::from("<html><head><title>Deep</title></head><body>");
    deep.push_str(&"<div>".repeat(opts.depth));
    deep.push_str("<p>At the bottom of it all, a single sentence waited.</p>");
    deep.push_str(&"</div>".repeat(opts.depth));
    deep.push_str("</body></html>\n");
    add(
        "deep-nesting.html",
        "100,000 nested elements",
        Expect::Either,
        deep.into_bytes(),
    )?;

    // Markdown nests without limit in a few bytes: a line of `>`s is as many block quotes.
    let mut md = String::from("---\ntitle: Deep Quotes\nauthor: Odile Varga\n---\n\n## One\n\n");
    md.push_str(&">".repeat(opts.depth));
    md.push_str(" At the bottom of it all, a single sentence waited.\n");
    add(
        "deep-nesting.md",
        "block quotes 100,000 deep in Markdown",
        Expect::Imported,
        md.into_bytes(),
    )?;

    add(
        "long-line.txt",
        "one line of tens of megabytes, no newline",
        Expect::Either,
        long_line(opts.long_line_bytes),
    )?;
    add(
        "over-the-file-limit.txt",
        "one line past the file size limit",
        Expect::Refused,
        long_line(usize::try_from(opts.over_limit_bytes).unwrap_or(usize::MAX)),
    )?;

    let mut rng = Rng::new(0x5eed);
    let random: Vec<u8> = (0..256 * 1024).map(|_| rng.next_u64() as u8).collect();
    add(
        "random-bytes.txt",
        "random bytes named .txt",
        Expect::Refused,
        random,
    )?;

    // Declared UTF-8, written in windows-1252.
    let page = html_story("utf-8");
    let (cp1252, _, _) = WINDOWS_1252.encode(&page);
    add(
        "charset-says-utf8-is-cp1252.html",
        "a page declaring UTF-8, written in windows-1252",
        Expect::Imported,
        cp1252.into_owned(),
    )?;
    // Declared Shift_JIS, written in UTF-8: valid UTF-8 wins over the declaration.
    add(
        "charset-says-shift-jis-is-utf8.html",
        "a page declaring Shift_JIS, written in UTF-8",
        Expect::Imported,
        html_story("shift_jis").into_bytes(),
    )?;
    // Declared windows-1252, written in Shift_JIS (Japanese text).
    let page = html_story("windows-1252").replace("The café", "海辺の喫茶店 The café");
    let (sjis, _, _) = SHIFT_JIS.encode(&page);
    add(
        "charset-says-cp1252-is-shift-jis.html",
        "a page declaring windows-1252, written in Shift_JIS",
        Expect::Imported,
        sjis.into_owned(),
    )?;

    add(
        "utf16le-no-bom.txt",
        "UTF-16 little-endian without a byte-order mark",
        Expect::Imported,
        STORY.encode_utf16().flat_map(u16::to_le_bytes).collect(),
    )?;
    add(
        "utf16be-no-bom.txt",
        "UTF-16 big-endian without a byte-order mark",
        Expect::Imported,
        STORY.encode_utf16().flat_map(u16::to_be_bytes).collect(),
    )?;
    Ok(())
}

/// A short HTML story declaring `charset`.
fn html_story(charset: &str) -> String {
    format!(
        "<html><head><meta charset=\"{charset}\"><title>Salt Road ({charset})</title></head>\
         <body><h1>Salt Road ({charset})</h1><p>by Odile Varga</p>\
         <p>The café on the salt road served coffee that tasted of the sea. Zoë never minded; \
         she said it was the only honest cup between here and the border.</p></body></html>\n"
    )
}

/// A story whose text is one line of `bytes` bytes (words and spaces, no newline).
fn long_line(bytes: usize) -> Vec<u8> {
    let head = b"Title: One Long Line\nAuthor: Odile Varga\n\n";
    let mut out = Vec::with_capacity(bytes);
    out.extend_from_slice(head);
    let words = b"the tide came in and went out again ";
    while out.len() < bytes {
        let n = words.len().min(bytes - out.len());
        out.extend_from_slice(&words[..n]);
    }
    out
}
