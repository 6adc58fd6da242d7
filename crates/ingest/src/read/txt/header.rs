//! The header block of a plain-text fic: where it is, and the fields in it.
//!
//! The first step of the txt reader. The header zone is the run of blocks (lines between blank
//! lines or rules) at the top of the file that look like metadata: `Label: value` blocks with at
//! least one label ficshelf knows, rule frames around them, a bare title line with a `by Name`
//! byline. The zone ends at the first block that is none of these: that is where the story
//! starts. Inside a block, a line that is not a label continues the value above it when it is
//! indented, or when the line above was long enough to have been wrapped (values wrap onto
//! unindented lines too). An indented value that starts on the line after its label may span
//! blank lines (ficshelf's `Summary:` layout): each blank line is a paragraph break.
//!
//! The same parser reads a trailer (`End Notes:` after the story). It locates and labels only:
//! values are kept as written, for the normalizer.

mod field;
mod title;

use ficshelf_model::{FieldKey, RawField, canonical_label};

use super::lines::{Line, is_rule, parse_byline, parse_label};
use super::markers::chapter_marker;
use field::Field;

/// What the header zone held.
#[derive(Debug, Default)]
pub struct Header {
    pub fields: Vec<RawField>,
    /// Lines that looked like metadata but fed no field: (origin, text).
    pub unused: Vec<(String, String)>,
    /// The index of the first line after the zone.
    pub end: usize,
}

/// Read the header zone starting at line index `start`.
pub fn read(lines: &[Line<'_>], start: usize) -> Header {
    let mut zone = Zone {
        lines,
        i: start,
        header: Header::default(),
        open: None,
        title_line: None,
        preamble: 0,
    };
    let end = zone.run();
    zone.close();
    let mut header = zone.header;
    if let Some(title) = zone.title_line {
        if header.fields.iter().any(|f| f.key == FieldKey::Title) {
            header.unused.push((title.origin, title.value));
        } else {
            header.fields.insert(0, title);
        }
    }
    header.end = end;
    header
}

enum Flow {
    /// The block was metadata; go on at this line.
    Continue(usize),
    /// The story starts at this line.
    Stop(usize),
}

struct Zone<'l, 'a> {
    lines: &'l [Line<'a>],
    i: usize,
    header: Header,
    open: Option<Field>,
    /// A bare first line taken for the title, kept only if no `Title:` label follows.
    title_line: Option<RawField>,
    /// Free-text blocks skipped before the header (archive boilerplate).
    preamble: usize,
}

impl<'l, 'a> Zone<'l, 'a> {
    fn run(&mut self) -> usize {
        let n = self.lines.len();
        loop {
            let blank_from = self.i;
            while self.i < n && self.lines[self.i].is_blank() {
                self.i += 1;
            }
            if self.i >= n {
                return n;
            }
            let line = self.lines[self.i];
            if self.i > blank_from {
                let spans = self
                    .open
                    .as_ref()
                    .is_some_and(|f| f.indented && line.indent > f.label_indent);
                match (&mut self.open, spans) {
                    (Some(f), true) => f.new_paragraph(),
                    _ => self.close(),
                }
            }
            if is_rule(line.text) {
                self.close();
                self.i += 1;
                continue;
            }
            let end = self.block_end(self.i);
            match self.block(self.i, end) {
                Flow::Continue(next) => self.i = next,
                Flow::Stop(at) => return at,
            }
        }
    }

    /// The first blank line or rule at or after `start + 1`.
    fn block_end(&self, start: usize) -> usize {
        let mut k = start + 1;
        while k < self.lines.len() && !self.lines[k].is_blank() && !is_rule(self.lines[k].text) {
            k += 1;
        }
        k
    }

    fn close(&mut self) {
        if let Some(field) = self.open.take() {
            match field.finish() {
                Ok(f) => self.header.fields.push(f),
                Err(unused) => self.header.unused.push(unused),
            }
        }
    }

    fn at_start(&self) -> bool {
        self.header.fields.is_empty() && self.open.is_none() && self.title_line.is_none()
    }

    fn block(&mut self, start: usize, end: usize) -> Flow {
        if self.at_start()
            && let Some(flow) = self.title_block(start, end)
        {
            return flow;
        }
        let lines = self.lines;
        let known_at: Vec<usize> = (start..end)
            .filter(|&k| parse_label(lines[k].text).is_some_and(|l| l.key.is_some()))
            .collect();
        let first = &lines[start];
        let continuing = self.open.is_some();
        let opens = parse_label(first.text).is_some() && !known_at.is_empty();
        let byline = !self.at_start() && parse_byline(first.text).is_some();
        if !(continuing || opens || byline) {
            return self.not_metadata(start, start, end);
        }
        let last_known = known_at.last().copied();
        for k in start..end {
            let line = &lines[k];
            if let Some(f) = self
                .open
                .as_mut()
                .filter(|f| f.indented && line.indent > f.label_indent)
            {
                f.push(line.text);
                continue;
            }
            // An unknown label right after a line that was wrapped mid-sentence is more likely
            // the value going on (`…and the letter said: thank you`); after a finished
            // sentence it is the next label.
            let wrapped = k > start && wrapped_mid_sentence(self.lines[k - 1].text);
            let label = parse_label(line.text)
                .filter(|l| last_known.is_some() && (l.key.is_some() || !wrapped));
            if let Some(label) = label {
                self.close();
                let key = label
                    .key
                    .clone()
                    .unwrap_or_else(|| FieldKey::Extra(canonical_label(label.label)));
                let mut field = Field {
                    key,
                    label: label.label.to_string(),
                    origin: line.origin(),
                    line_text: line.text.to_string(),
                    label_indent: line.indent,
                    indented: false,
                    paragraphs: Vec::new(),
                };
                if label.value.is_empty() {
                    field.indented = lines.get(k + 1).is_some_and(|n| n.indent > line.indent);
                } else {
                    field.push(label.value);
                }
                self.open = Some(field);
                continue;
            }
            if let Some(name) = parse_byline(line.text).filter(|_| !self.at_start()) {
                self.close();
                self.header.fields.push(RawField::new(
                    FieldKey::Author,
                    "byline",
                    name,
                    line.origin(),
                ));
                continue;
            }
            if self.continues(k, end, last_known) {
                if let Some(f) = self.open.as_mut() {
                    f.push(line.text);
                }
                continue;
            }
            self.close();
            return self.not_metadata(start, k, end);
        }
        Flow::Continue(end)
    }

    /// Whether line `k` (not a label) continues the open field's value.
    fn continues(&self, k: usize, end: usize, last_known: Option<usize>) -> bool {
        let Some(field) = &self.open else {
            return false;
        };
        let line = &self.lines[k];
        if line.indent > field.label_indent {
            return true;
        }
        if field.indented || k == 0 {
            return false;
        }
        let prev = self.lines[k - 1].text;
        prev.chars().count() >= 45
            || prev.ends_with([',', '/', '&', '-', '+', ';'])
            || prev.ends_with(" and")
            || last_known.is_some_and(|last| last > k)
            || (field.is_prose() && end - k <= 3)
    }

    /// Lines `start..end` of the block `block..end` are not metadata: skipped when the block
    /// sits inside a frame (a rule right above it and right below it) or before the header (as
    /// boilerplate); otherwise the story starts at `start`.
    fn not_metadata(&mut self, block: usize, start: usize, end: usize) -> Flow {
        let n = self.lines.len();
        let ruled = |k: usize| k < n && is_rule(self.lines[k].text);
        let framed = block > 0 && ruled(block - 1) && ruled(end);
        let boilerplate = self.at_start() && self.preamble < 2 && self.strong_header_follows(end);
        if (framed || boilerplate) && chapter_marker(self.lines[start].text).is_none() {
            self.preamble += usize::from(boilerplate);
            for line in &self.lines[start..end] {
                self.header
                    .unused
                    .push((line.origin(), line.text.to_string()));
            }
            return Flow::Continue(end);
        }
        Flow::Stop(start)
    }

    /// The next content line after `from` (skipping blank lines and rules) and whether a block
    /// starting there has a known label on its first line.
    fn header_follows(&self, from: usize) -> bool {
        self.next_content(from, true)
            .is_some_and(|j| parse_label(self.lines[j].text).is_some_and(|l| l.key.is_some()))
    }

    /// A block with at least two known labels follows `from`: a real header, worth skipping a
    /// line of boilerplate for.
    fn strong_header_follows(&self, from: usize) -> bool {
        let Some(j) = self.next_content(from, true) else {
            return false;
        };
        let end = self.block_end(j);
        let known = self.lines[j..end]
            .iter()
            .filter(|l| parse_label(l.text).is_some_and(|l| l.key.is_some()))
            .count();
        known >= 2
    }

    fn next_content(&self, from: usize, skip_rules: bool) -> Option<usize> {
        let mut j = from;
        while j < self.lines.len()
            && (self.lines[j].is_blank() || (skip_rules && is_rule(self.lines[j].text)))
        {
            j += 1;
        }
        (j < self.lines.len()).then_some(j)
    }

    fn push(&mut self, key: FieldKey, label: &str, value: &str, line: &Line<'_>) {
        self.header
            .fields
            .push(RawField::new(key, label, value, line.origin()));
    }
}

/// A long line that does not end a sentence: the writer (or FanFicFare) wrapped it.
fn wrapped_mid_sentence(text: &str) -> bool {
    text.chars().count() >= 45 && !text.ends_with(['.', '!', '?', '"', '”', ')', ']'])
}

#[cfg(test)]
mod tests {
    use super::super::lines::split;
    use super::*;

    fn header(text: &str) -> (Header, Vec<String>) {
        let lines = split(text);
        let h = read(&lines, 0);
        let rest = lines[h.end..].iter().map(|l| l.text.to_string()).collect();
        (h, rest)
    }

    fn kv(h: &Header) -> Vec<(FieldKey, &str, &str)> {
        h.fields
            .iter()
            .map(|f| (f.key.clone(), f.label.as_str(), f.value.as_str()))
            .collect()
    }

    #[test]
    fn keys_in_any_case_and_continuations() {
        let (h, rest) = header(
            "TITLE: The Long Way\nauthor: Jane Doe <jane@example.org>\nSummary: A summary that goes on for quite a while,\nwrapping onto a second line\n    and an indented third.\nMood: rainy\n\nThe story begins here.",
        );
        assert_eq!(
            kv(&h),
            vec![
                (FieldKey::Title, "TITLE", "The Long Way"),
                (FieldKey::Author, "author", "Jane Doe <jane@example.org>"),
                (
                    FieldKey::Summary,
                    "Summary",
                    "A summary that goes on for quite a while, wrapping onto a second line and an indented third."
                ),
                (FieldKey::Extra("Mood".into()), "Mood", "rainy"),
            ]
        );
        assert_eq!(
            h.fields[1].origin,
            "line 2: \"author: Jane Doe <jane@example.org>\""
        );
        assert_eq!(rest[0], "The story begins here.");
    }

    #[test]
    fn frames_and_free_text_inside_them() {
        let (h, rest) = header(
            "**********************\n* Title: Framed      *\n* Rating: PG         *\n**********************\nFor my sister.\n**********************\n\nStory.",
        );
        assert_eq!(h.fields.len(), 2);
        assert_eq!(
            h.unused,
            vec![(
                "line 5: \"For my sister.\"".to_string(),
                "For my sister.".to_string()
            )]
        );
        assert_eq!(rest[0], "Story.");
    }

    #[test]
    fn a_story_without_header_starts_at_once() {
        let (h, rest) = header("She opened the door.\nThe hall was dark.\n\nShe went in.");
        assert!(h.fields.is_empty());
        assert_eq!(h.end, 0);
        assert_eq!(rest.len(), 4);
        // A short first line that is neither followed by a byline nor by a header is story.
        let (h, _) = header("Morning\n\nShe woke up.");
        assert_eq!(h.end, 0);
    }

    #[test]
    fn indented_multi_paragraph_values() {
        let (h, rest) = header(
            "Title: T\nSummary:\n    First paragraph,\n    wrapped.\n\n    Second _one_.\nNotes:\n    A note.\n\n=====================\n\nChapter 1\n",
        );
        let summary = &h.fields[1];
        assert_eq!(summary.value, "First paragraph, wrapped.\n\nSecond _one_.");
        assert_eq!(
            summary.html.as_deref(),
            Some("<p>First paragraph, wrapped.</p>\n<p>Second <em>one</em>.</p>")
        );
        assert_eq!(h.fields[2].value, "A note.");
        assert_eq!(rest[0], "Chapter 1");
    }

    #[test]
    fn unknown_labels_after_long_values() {
        let (h, _) = header(
            "Title: T\nDisclaimer: These characters are mine, for what that's worth.\nMood: Rainy\n\nText.",
        );
        assert_eq!(h.fields[2].key, FieldKey::Extra("Mood".into()));
        let (h, _) = header(
            "Title: T\nSummary: A letter arrives, and it is short, and the letter said:\ncome home: the light is kept\n\nText.",
        );
        assert_eq!(h.fields.len(), 2);
        assert!(
            h.fields[1]
                .value
                .ends_with("said: come home: the light is kept")
        );
    }

    #[test]
    fn a_story_line_after_a_short_value_is_not_a_continuation() {
        let (h, rest) = header(
            "Title: T\nAuthor: A\nIt was a dark and stormy night, and the rain fell in torrents.\n",
        );
        assert_eq!(h.fields.len(), 2);
        assert_eq!(
            rest[0],
            "It was a dark and stormy night, and the rain fell in torrents."
        );
    }

    #[test]
    fn empty_values_are_unused_and_title_lines_yield_to_labels() {
        let (h, _) = header("Posted to the list\nTitle: Real\nNotes:\n\nStory.");
        assert_eq!(kv(&h), vec![(FieldKey::Title, "Title", "Real")]);
        assert_eq!(h.unused.len(), 2, "{:?}", h.unused);
    }
}
