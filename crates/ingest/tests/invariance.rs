//! Format invariance: the readers agree. One story in several formats must read (detect, decode,
//! read, normalize: `read_bytes`) to the same `Work`, except for what describes the file rather
//! than the story: `source` (path, format, producer, encoding, hash, size), and `provenance` and
//! `diagnostics`, which name the places in each file that values came from.
//!
//! - FanFicFare's output of one story (`fixtures/fanficfare/fanficfare-keepers-ledger.*`, made
//!   from our own text by `generate.sh`) as TXT, HTML and EPUB.
//! - Stories ficshelf writes itself (`ficshelf_export::render`) as HTML, EPUB, TXT and Markdown.
//!
//! A failure prints every difference, field by field, with the formats that disagree.

mod common;

use common::bytes;
use ficshelf_export::{ExportFormat, render};
use ficshelf_ingest::{Options, read_bytes};
use ficshelf_model::Work;
use serde_json::Value;

/// The work as JSON without what describes the file. Chapter HTML is compared with the
/// whitespace between block elements left out (one writer puts a newline between paragraphs,
/// another none: the same text either way); whitespace anywhere else still counts.
fn story(work: &Work) -> Value {
    let mut v = serde_json::to_value(work).expect("a Work serializes");
    let map = v.as_object_mut().expect("an object");
    for key in ["source", "provenance", "diagnostics"] {
        map.remove(key);
    }
    if let Some(chapters) = map.get_mut("chapters").and_then(Value::as_array_mut) {
        for c in chapters {
            for key in ["html", "summary", "notes", "end_notes"] {
                if let Some(html) = c[key].as_str() {
                    c[key] = Value::String(between_blocks(html));
                }
            }
        }
    }
    for key in ["summary", "notes", "end_notes"] {
        if let Some(html) = map.get(key).and_then(Value::as_str) {
            let tidy = between_blocks(html);
            map.insert(key.to_string(), Value::String(tidy));
        }
    }
    v
}

/// HTML with the whitespace next to block tags removed.
fn between_blocks(html: &str) -> String {
    const BLOCKS: &[&str] = &[
        "p",
        "hr",
        "br",
        "div",
        "blockquote",
        "ul",
        "ol",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "pre",
        "table",
        "tr",
        "td",
        "th",
        "tbody",
        "thead",
        "dl",
        "dt",
        "dd",
    ];
    let is_block_tag = |tag: &str| {
        let name: String = tag
            .trim_start_matches(['<', '/'])
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        BLOCKS.contains(&name.to_ascii_lowercase().as_str())
    };
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let end = rest[start..]
            .find('>')
            .map_or(rest.len(), |e| start + e + 1);
        let (text, tag) = (&rest[..start], &rest[start..end]);
        let block = is_block_tag(tag);
        let text = if block { text.trim_end() } else { text };
        let prev_block = out.ends_with('>') && {
            let open = out.rfind('<').unwrap_or(0);
            is_block_tag(&out[open..])
        };
        out.push_str(if prev_block { text.trim_start() } else { text });
        out.push_str(tag);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn read(name: &str, data: &[u8]) -> Work {
    read_bytes(name, data, &Options::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Every top-level key (and every `extra` key) whose value differs from the first reading.
fn differences(readings: &[(String, Value)]) -> Vec<String> {
    let mut out = Vec::new();
    let Some((first_name, first)) = readings.first() else {
        return out;
    };
    for (name, v) in &readings[1..] {
        let (Some(a), Some(b)) = (first.as_object(), v.as_object()) else {
            continue;
        };
        for (key, value) in a {
            let other = b.get(key).unwrap_or(&Value::Null);
            if other == value {
                continue;
            }
            if key == "extra" {
                for k in union_keys(value, other) {
                    let (x, y) = (&value[&k], &other[&k]);
                    if x != y {
                        out.push(format!("extra.{k}: {first_name} {x} ≠ {name} {y}"));
                    }
                }
            } else if key == "chapters" {
                out.push(chapter_differences(first_name, value, name, other));
            } else {
                out.push(format!("{key}: {first_name} {value} ≠ {name} {other}"));
            }
        }
    }
    out
}

fn union_keys(a: &Value, b: &Value) -> Vec<String> {
    let mut keys: Vec<String> = a
        .as_object()
        .into_iter()
        .chain(b.as_object())
        .flat_map(|m| m.keys().cloned())
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

fn chapter_differences(an: &str, a: &Value, bn: &str, b: &Value) -> String {
    let (a, b) = (a.as_array(), b.as_array());
    let (Some(a), Some(b)) = (a, b) else {
        return format!("chapters: {an} {a:?} ≠ {bn} {b:?}");
    };
    if a.len() != b.len() {
        return format!("chapters: {an} has {} ≠ {bn} has {}", a.len(), b.len());
    }
    let mut lines = Vec::new();
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        for k in union_keys(x, y) {
            if x[&k] != y[&k] {
                lines.push(format!(
                    "chapters[{i}].{k}: {an} {} ≠ {bn} {}",
                    x[&k], y[&k]
                ));
            }
        }
    }
    lines.join("\n")
}

fn assert_same(label: &str, readings: Vec<(String, Value)>) {
    let diffs = differences(&readings);
    assert!(
        diffs.is_empty(),
        "{label}: the readers disagree:\n{}",
        diffs.join("\n")
    );
}

/// FanFicFare's title page carries its packaging time, which differs between the three files
/// (they were packaged a second apart): a fact about each file, like `source`, not about the
/// story. Every reader must still find it.
fn without_packaged(mut v: Value, name: &str) -> Value {
    let removed = v["extra"]
        .as_object_mut()
        .and_then(|extra| extra.remove("Packaged"));
    assert!(
        removed.is_some(),
        "{name}: FanFicFare's Packaged line not read"
    );
    v
}

/// FanFicFare's three files of the Keeper's Ledger, read.
fn fanficfare(exts: &[&str]) -> Vec<(String, Value)> {
    exts.iter()
        .map(|ext| {
            let name = format!("fanficfare/fanficfare-keepers-ledger.{ext}");
            let work = read(&name, &bytes(&name));
            assert_eq!(work.source.format.as_str(), *ext, "{name}");
            assert_eq!(work.source.producer.as_str(), "fanficfare", "{name}");
            assert_eq!(work.chapters.len(), 3, "{name}");
            (name.clone(), without_packaged(story(&work), &name))
        })
        .collect()
}

#[test]
fn fanficfare_epub_and_html_read_the_same() {
    assert_same(
        "FanFicFare's Keeper's Ledger",
        fanficfare(&["html", "epub"]),
    );
}

#[test]
fn fanficfare_txt_reads_the_same_as_html_and_epub() {
    assert_same(
        "FanFicFare's Keeper's Ledger",
        fanficfare(&["html", "epub", "txt"]),
    );
}

/// A story read from a fixture, written by ficshelf in `formats`, and each file read again:
/// what differs between the readings.
fn ficshelf_formats(source: &str, formats: &[ExportFormat]) -> Vec<String> {
    let original = read(source, &bytes(source));
    let readings: Vec<(String, Value)> = formats
        .iter()
        .map(|&format| {
            let data = render(&original, format).unwrap_or_else(|e| panic!("{format}: {e}"));
            let name = format!("story.{}", format.extension());
            let work = read(&name, &data);
            assert_eq!(
                work.source.producer.as_str(),
                "ficshelf",
                "{source} as {name}"
            );
            (name, story(&work))
        })
        .collect();
    differences(&readings)
        .into_iter()
        .map(|d| format!("{source}: {d}"))
        .collect()
}

/// Every source in every format given, all differences reported at once.
fn assert_ficshelf_formats_agree(formats: &[ExportFormat]) {
    let diffs: Vec<String> = SOURCES
        .iter()
        .flat_map(|source| ficshelf_formats(source, formats))
        .collect();
    assert!(
        diffs.is_empty(),
        "ficshelf's own files: the readers disagree:\n{}",
        diffs.join("\n")
    );
}

const HTML_EPUB_TXT: &[ExportFormat] = &[ExportFormat::Html, ExportFormat::Epub, ExportFormat::Txt];
const HTML_AND_MD: &[ExportFormat] = &[ExportFormat::Html, ExportFormat::Md];

const SOURCES: &[&str] = &[
    "fanficfare/fanficfare-keepers-ledger.txt",
    "epub/invariance-source.txt",
    "../samples/the-quiet-between-stacks.txt",
];

#[test]
fn ficshelf_html_epub_and_txt_read_the_same() {
    assert_ficshelf_formats_agree(HTML_EPUB_TXT);
}

#[test]
fn ficshelf_markdown_reads_the_same_as_html() {
    assert_ficshelf_formats_agree(HTML_AND_MD);
}
