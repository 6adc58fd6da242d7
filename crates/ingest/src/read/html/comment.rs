//! Metadata written in HTML comments, which some archives and hand-made pages use to keep a
//! story's header out of sight:
//!
//! ```html
//! <!-- STORYINFO title: The Tide fandom: Original Work rating: PG -->
//! <!--
//! Title: The Tide
//! Pairing: Mara/Tobias
//! -->
//! <!-- saved from url=(0042)http://archive.example.org/story.php?no=17 -->
//! ```
//!
//! A comment is metadata when it holds at least one label ficshelf knows followed by a colon;
//! then every `Label:` it holds (on a line of its own, or inline when the label is a known
//! one) starts a value. The "saved from url" mark browsers put on saved pages gives the URL.
//! Comments are not decoded by the HTML parser, so entities in values are decoded here, once.

use std::sync::OnceLock;

use ficshelf_model::{FieldKey, RawField, canonical_label};
use regex::Regex;
use scraper::Node;

use super::Reading;
use super::dom;
use super::labels::clean_label;

fn candidate() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // A label: letters and a few signs, up to ~32 characters, then a colon and a space or the
    // end. Scanned once, left to right: linear in the comment.
    RE.get_or_init(|| {
        Regex::new(r"(?m)(?:^|[\s;|])([A-Za-z][A-Za-z'’()&/. -]{0,31}?)\s*:(?:\s|$)")
            .expect("comment label pattern compiles")
    })
}

fn saved_from() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)^\s*saved from url=\(\d+\)(\S+)").expect("saved-from pattern compiles")
    })
}

/// The fields in every metadata comment of the document, in document order.
pub(crate) fn fields(doc: &scraper::Html, prefix: &str) -> Reading {
    let mut reading = Reading::default();
    for node in doc.tree.root().descendants() {
        let Node::Comment(c) = node.value() else {
            continue;
        };
        let text: &str = c;
        if text.len() > 64 * 1024 {
            continue;
        }
        if let Some(m) = saved_from().captures(text).and_then(|c| c.get(1)) {
            let origin = dom::origin(prefix, "comment", text.trim());
            reading.fields.push(RawField::new(
                FieldKey::Url,
                "saved from url",
                m.as_str(),
                origin,
            ));
            continue;
        }
        reading.fields.extend(comment_fields(text, prefix));
    }
    reading
}

/// The labelled values in one comment, if it is a metadata comment.
pub(crate) fn comment_fields(text: &str, prefix: &str) -> Vec<RawField> {
    struct Candidate {
        start: usize,
        value_start: usize,
        label: String,
        key: Option<FieldKey>,
    }
    let mut found: Vec<Candidate> = Vec::new();
    for caps in candidate().captures_iter(text) {
        let (Some(whole), Some(m)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let words = std::iter::once(0).chain(
            m.as_str()
                .char_indices()
                .filter(|(_, c)| *c == ' ')
                .map(|(i, _)| i + 1),
        );
        // The longest known label the candidate ends with (`STORYINFO title` → `title`,
        // `Archive Warning` → `Archive Warning`).
        let mut chosen = None;
        for off in words {
            let suffix = m.as_str().get(off..).unwrap_or("");
            if let Some(clean) = clean_label(suffix)
                && let Some(key) = FieldKey::from_label(&clean)
            {
                chosen = Some((m.start() + off, clean, Some(key)));
                break;
            }
        }
        let before = &text[..m.start()];
        let line_start = before[before.rfind('\n').map_or(0, |nl| nl + 1)..]
            .trim()
            .is_empty();
        if chosen.is_none()
            && line_start
            && let Some(clean) = clean_label(m.as_str())
        {
            chosen = Some((m.start(), clean, None));
        }
        if let Some((start, label, key)) = chosen {
            found.push(Candidate {
                start,
                value_start: whole.end(),
                label,
                key,
            });
        }
    }
    if !found.iter().any(|f| f.key.is_some()) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, c) in found.iter().enumerate() {
        let value_end = found.get(i + 1).map_or(text.len(), |next| next.start);
        let raw = text
            .get(c.value_start..value_end.max(c.value_start))
            .unwrap_or("");
        let value = dom::one_line(&ficshelf_markup::text_content(raw));
        if value.is_empty() {
            continue;
        }
        let key = c
            .key
            .clone()
            .unwrap_or_else(|| FieldKey::Extra(canonical_label(&c.label)));
        let origin = dom::origin(prefix, "comment", &format!("{}: {value}", c.label));
        out.push(RawField::new(key, c.label.clone(), value, origin));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kv(text: &str) -> Vec<(FieldKey, String, String)> {
        comment_fields(text, "")
            .into_iter()
            .map(|f| (f.key, f.label, f.value))
            .collect()
    }

    #[test]
    fn inline_storyinfo() {
        assert_eq!(
            kv(" STORYINFO title: The Tide &amp; the Light fandom: Original Work rating: PG "),
            vec![
                (
                    FieldKey::Title,
                    "title".into(),
                    "The Tide & the Light".into()
                ),
                (FieldKey::Fandoms, "fandom".into(), "Original Work".into()),
                (FieldKey::Rating, "rating".into(), "PG".into()),
            ]
        );
    }

    #[test]
    fn one_label_per_line_with_unknown_ones() {
        assert_eq!(
            kv("\nTitle: Salt\nPairing: Mara/Tobias\nMood: rainy,\n  and grey\n"),
            vec![
                (FieldKey::Title, "Title".into(), "Salt".into()),
                (
                    FieldKey::Relationships,
                    "Pairing".into(),
                    "Mara/Tobias".into()
                ),
                (
                    FieldKey::Extra("Mood".into()),
                    "Mood".into(),
                    "rainy, and grey".into()
                ),
            ]
        );
    }

    #[test]
    fn ordinary_comments_are_not_metadata() {
        assert!(kv(" begin content ").is_empty());
        assert!(kv(" TODO: fix the layout ").is_empty());
        assert!(kv("chapter content").is_empty());
        assert!(kv(" START BLOCK : chapterblock ").is_empty());
    }

    #[test]
    fn saved_pages_give_their_url() {
        let doc = scraper::Html::parse_document(
            "<!-- saved from url=(0042)http://archive.example.org/story.php?no=17 -->\n<html><body><p>x</p></body></html>",
        );
        let r = fields(&doc, "");
        assert_eq!(r.fields.len(), 1);
        assert_eq!(r.fields[0].key, FieldKey::Url);
        assert_eq!(
            r.fields[0].value,
            "http://archive.example.org/story.php?no=17"
        );
    }
}
