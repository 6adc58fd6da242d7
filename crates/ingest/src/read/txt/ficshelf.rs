//! ficshelf's own TXT layout (docs/ficshelf-formats.md, written by `crates/export`): what the
//! txt reader does differently for it.
//!
//! - Recognized by `Title:` on the very first line and a rule of 20 or more `=` closing the
//!   header.
//! - Chapters start only at strict `Chapter N` / `Chapter N: Title` headings (see `markers`).
//! - A chapter may open with `Summary:` / `Notes:` blocks and close with an `End Notes:` block,
//!   in the header's indented layout: they are the chapter's own summary and notes, not text.
//! - The work's end notes come after a closing `=` rule; a chapter's end notes have none.
//! - `Words:` is ficshelf's own count, not a declared one: it feeds nothing.

use std::ops::Range;

use ficshelf_markup::escape_text;
use ficshelf_model::{FieldKey, RawField, RawWork};

use super::header::{self, Header};
use super::lines::{Line, parse_label};

/// Whether the file is ficshelf's TXT, given its header.
pub fn recognize(lines: &[Line<'_>], header: &Header) -> bool {
    let starts = lines.first().is_some_and(|l| l.raw.starts_with("Title: "));
    starts && header.end > 0 && ends_with_rule(&lines[..header.end.min(lines.len())])
}

/// The last non-blank line is a rule of 20 or more `=`.
fn ends_with_rule(lines: &[Line<'_>]) -> bool {
    lines
        .iter()
        .rev()
        .find(|l| !l.is_blank())
        .is_some_and(|l| l.text.len() >= 20 && l.text.chars().all(|c| c == '='))
}

/// Whether the work's trailer may start at `at`: after ficshelf's closing rule.
pub fn trailer_allowed(lines: &[Line<'_>], at: usize) -> bool {
    ends_with_rule(&lines[..at])
}

/// ficshelf's `Words:` line is the count ficshelf made, "informational" in the format's words:
/// not something the author declared. Reading it back as a declared count would pile a new
/// declared count onto every round trip, so it feeds nothing.
pub fn drop_counted_words(raw: &mut RawWork) {
    let (words, fields): (Vec<RawField>, Vec<RawField>) =
        raw.fields.drain(..).partition(|f| f.key == FieldKey::Words);
    raw.fields = fields;
    for f in words {
        raw.unused
            .push((f.origin, format!("{}: {}", f.label, f.value)));
    }
}

/// A chapter's own summary, notes and end notes, as HTML fragments.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ChapterParts {
    pub summary: Option<String>,
    pub notes: Option<String>,
    pub end_notes: Option<String>,
}

/// Take the chapter's `Summary:`/`Notes:` blocks off the start of `body` and its `End Notes:`
/// block off the end; `body` shrinks to the chapter text.
pub fn chapter_parts(lines: &[Line<'_>], body: &mut Range<usize>) -> ChapterParts {
    let mut parts = ChapterParts::default();
    let Some(first) = (body.start..body.end).find(|&k| !lines[k].is_blank()) else {
        return parts;
    };
    let scope = &lines[..body.end];
    if block_label(scope, first, &[FieldKey::Summary, FieldKey::Notes]) {
        let head = header::read(scope, first);
        for field in &head.fields {
            match field.key {
                FieldKey::Summary => parts.summary = Some(html(field)),
                FieldKey::Notes => parts.notes = Some(html(field)),
                _ => {}
            }
        }
        body.start = head.end;
    }
    let last_end_notes = (body.start..body.end).rev().find(|&k| {
        k > body.start && lines[k - 1].is_blank() && block_label(scope, k, &[FieldKey::EndNotes])
    });
    if let Some(at) = last_end_notes {
        let tail = header::read(scope, at);
        if tail.end >= body.end {
            parts.end_notes = tail
                .fields
                .iter()
                .find(|f| f.key == FieldKey::EndNotes)
                .map(html);
            body.end = at;
        }
    }
    parts
}

/// `Label:` alone at the start of a line, one of `keys`, with an indented value below it.
fn block_label(lines: &[Line<'_>], k: usize, keys: &[FieldKey]) -> bool {
    let line = &lines[k];
    let label = parse_label(line.text);
    line.indent == 0
        && label.is_some_and(|l| l.value.is_empty() && l.key.is_some_and(|key| keys.contains(&key)))
        && lines
            .get(k + 1)
            .is_some_and(|next| next.indent > 0 && !next.is_blank())
}

/// A field's value as an HTML fragment: its paragraphs, or the value as one paragraph.
fn html(field: &RawField) -> String {
    field
        .html
        .clone()
        .unwrap_or_else(|| format!("<p>{}</p>", escape_text(&field.value)))
}

#[cfg(test)]
mod tests {
    use super::super::lines::split;
    use super::*;

    #[test]
    fn chapter_summary_notes_and_end_notes_leave_the_text() {
        let text = "Chapter 1\n\nSummary:\n    A small _summary_.\nNotes:\n    A note.\n\nThe text.\n\nMore text.\n\nEnd Notes:\n    After.\n";
        let lines = split(text);
        let mut body = 1..lines.len();
        let parts = chapter_parts(&lines, &mut body);
        assert_eq!(
            parts.summary.as_deref(),
            Some("<p>A small <em>summary</em>.</p>")
        );
        assert_eq!(parts.notes.as_deref(), Some("<p>A note.</p>"));
        assert_eq!(parts.end_notes.as_deref(), Some("<p>After.</p>"));
        let kept: Vec<&str> = lines[body]
            .iter()
            .map(|l| l.text)
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(kept, vec!["The text.", "More text."]);
    }

    #[test]
    fn story_text_that_mentions_a_summary_stays() {
        let lines = split("Chapter 1\n\nSummary: she had none.\n\nText.\n");
        let mut body = 1..lines.len();
        assert_eq!(chapter_parts(&lines, &mut body), ChapterParts::default());
        assert_eq!(body, 1..lines.len());
    }
}
