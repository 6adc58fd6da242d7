//! Where the chapters start: the story lines (after the header) → sections, each a title and a
//! range of body lines.
//!
//! A marker is a short line standing alone: a blank line (or a rule, or the start of the story)
//! before it, and a blank line, a rule or the end after it; its shape is judged by `markers`.
//! `Chapter 3` followed directly by a short title line (`The Storm`) is one two-line marker.
//! Text before the first marker is the unmarked first chapter. FanFicFare files are split at
//! the titles listed in their table of contents instead, and ficshelf's own files at their strict
//! `Chapter N: Title` headings. One pass over the lines, with look-ahead bounded by the length of
//! a title, so linear in the text.

use std::ops::Range;

use super::lines::{Line, end_marker, is_rule, is_scene_break, parse_label};
use super::markers::{chapter_marker, ficshelf_marker};

/// Which lines may start a chapter.
#[derive(Debug, Clone, Copy)]
pub enum Markers<'t> {
    /// Any marker shape (plain files).
    Any,
    /// ficshelf's own `Chapter N` / `Chapter N: Title` headings only.
    Ficshelf,
    /// FanFicFare: the table of contents' titles, in order.
    Toc(&'t [String]),
    /// FanFicFare without a table of contents: indented lines after two blank lines.
    IndentedHeadings,
}

/// A chapter found: its title as written (no marker → `None`) and its body lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub title: Option<String>,
    pub origin: String,
    pub body: Range<usize>,
}

/// What splitting found: sections, and headings expected but not seen.
#[derive(Debug, Default)]
pub struct Split {
    pub sections: Vec<Section>,
    pub missing_headings: usize,
}

struct Heading {
    at: usize,
    span: usize,
    title: String,
    what: &'static str,
}

/// Split `lines[story]` into sections.
pub fn split(lines: &[Line<'_>], story: Range<usize>, markers: Markers<'_>) -> Split {
    let (headings, missing_headings) = match markers {
        Markers::Any => (find_markers(lines, &story, chapter_marker), 0),
        Markers::Ficshelf => (find_markers(lines, &story, ficshelf_marker), 0),
        Markers::Toc(toc) => find_toc_headings(lines, &story, toc),
        Markers::IndentedHeadings => (find_indented_headings(lines, &story), 0),
    };
    Split {
        sections: sections(lines, story, headings),
        missing_headings,
    }
}

fn sections(lines: &[Line<'_>], story: Range<usize>, headings: Vec<Heading>) -> Vec<Section> {
    let mut out = Vec::new();
    let first = headings.first().map_or(story.end, |h| h.at);
    let has_text = |r: &Range<usize>| {
        lines[r.clone()]
            .iter()
            .any(|l| !l.is_blank() && !is_scene_break(l.text))
    };
    let before = story.start..first;
    if has_text(&before) {
        let origin = if headings.is_empty() {
            "whole text (no chapter markers)"
        } else {
            "start of text (unmarked first chapter)"
        };
        out.push(Section {
            title: None,
            origin: origin.to_string(),
            body: before,
        });
    }
    for (i, h) in headings.iter().enumerate() {
        let end = headings.get(i + 1).map_or(story.end, |next| next.at);
        let line = &lines[h.at];
        out.push(Section {
            title: Some(h.title.clone()),
            origin: format!("{} ({})", line.origin(), h.what),
            body: (h.at + h.span).min(end)..end,
        });
    }
    out
}

/// Whether the line before `k` lets a marker start at `k`.
fn open_before(lines: &[Line<'_>], story: &Range<usize>, k: usize) -> bool {
    k == story.start || lines[k - 1].is_blank() || is_rule(lines[k - 1].text)
}

/// Whether the line at `k` ends a marker (blank, rule or the end).
fn closed_at(lines: &[Line<'_>], story: &Range<usize>, k: usize) -> bool {
    k >= story.end || lines[k].is_blank() || is_rule(lines[k].text)
}

fn find_markers(
    lines: &[Line<'_>],
    story: &Range<usize>,
    marker: fn(&str) -> Option<String>,
) -> Vec<Heading> {
    let mut found = Vec::new();
    for k in story.clone() {
        let line = &lines[k];
        if line.is_blank() || !open_before(lines, story, k) {
            continue;
        }
        let Some(title) = marker(line.text) else {
            continue;
        };
        if closed_at(lines, story, k + 1) {
            found.push(Heading {
                at: k,
                span: 1,
                title,
                what: "chapter marker",
            });
        } else if let Some(sub) = subtitle(lines, story, k + 1, &title) {
            let title = format!("{title}: {sub}");
            found.push(Heading {
                at: k,
                span: 2,
                title,
                what: "chapter marker and title line",
            });
        }
    }
    found
}

/// `Chapter 3` / `The Storm` / blank: the second line is the chapter's title when it is short,
/// does not read like a sentence, and the marker has no title of its own.
fn subtitle<'a>(
    lines: &[Line<'a>],
    story: &Range<usize>,
    k: usize,
    marker_title: &str,
) -> Option<&'a str> {
    let line = lines.get(k)?;
    let text = line.text;
    let fits = !marker_title.contains(':')
        && text.chars().count() <= 60
        && !text.ends_with(['.', ',', ';', '!', '?', '"', '”'])
        && closed_at(lines, story, k + 1)
        && chapter_marker(text).is_none()
        && end_marker(text).is_none()
        && parse_label(text).is_none();
    fits.then_some(text)
}

/// FanFicFare: each heading is a paragraph whose text is the next title of the table of
/// contents (a long title wraps over several lines).
fn find_toc_headings(
    lines: &[Line<'_>],
    story: &Range<usize>,
    toc: &[String],
) -> (Vec<Heading>, usize) {
    let mut found = Vec::new();
    let mut next = 0;
    let mut k = story.start;
    while k < story.end && next < toc.len() {
        let starts_paragraph = !lines[k].is_blank() && open_before(lines, story, k);
        if starts_paragraph {
            let want = &toc[next];
            let (text, span) = paragraph_prefix(lines, story, k, want.len() + 8);
            if same_words(&text, want) {
                found.push(Heading {
                    at: k,
                    span,
                    title: want.clone(),
                    what: "FanFicFare chapter heading",
                });
                next += 1;
                k += span;
                continue;
            }
        }
        k += 1;
    }
    (found, toc.len() - next)
}

/// The paragraph starting at `k`, joined with spaces, read only up to about `max` bytes.
fn paragraph_prefix(
    lines: &[Line<'_>],
    story: &Range<usize>,
    k: usize,
    max: usize,
) -> (String, usize) {
    let mut text = String::new();
    let mut j = k;
    while j < story.end && !lines[j].is_blank() && text.len() <= max {
        if !text.is_empty() {
            text.push(' ');
        }
        let line = lines[j].text;
        let cut = line
            .char_indices()
            .map(|(i, _)| i)
            .find(|&i| i > max)
            .unwrap_or(line.len());
        text.push_str(&line[..cut]);
        j += 1;
    }
    (text, j - k)
}

fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

fn find_indented_headings(lines: &[Line<'_>], story: &Range<usize>) -> Vec<Heading> {
    let mut found = Vec::new();
    for k in story.clone() {
        let line = &lines[k];
        let two_blank_before = k == story.start
            || (k >= story.start + 2 && lines[k - 1].is_blank() && lines[k - 2].is_blank());
        if !line.is_blank()
            && line.indent >= 4
            && two_blank_before
            && closed_at(lines, story, k + 1)
        {
            let title = line.text.to_string();
            found.push(Heading {
                at: k,
                span: 1,
                title,
                what: "FanFicFare chapter heading",
            });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::super::lines::split as split_lines;
    use super::*;

    fn titles(text: &str, markers: Markers<'_>) -> Vec<Option<String>> {
        let lines = split_lines(text);
        split(&lines, 0..lines.len(), markers)
            .sections
            .into_iter()
            .map(|s| s.title)
            .collect()
    }

    #[test]
    fn unmarked_first_chapter_and_markers() {
        let text = "It began.\n\nChapter 2\n\nThen.\n\n~~ 3 ~~\n\nAfter.";
        assert_eq!(
            titles(text, Markers::Any),
            vec![None, Some("Chapter 2".into()), Some("3".into())]
        );
    }

    #[test]
    fn markers_must_stand_alone() {
        let text = "It began.\nChapter 2\nThen.\n\nPart of me knew.\n\nChapter and verse.";
        assert_eq!(titles(text, Markers::Any), vec![None]);
    }

    #[test]
    fn framed_markers_and_two_line_markers() {
        let text = "~~~~~~~~\nChapter 1\n~~~~~~~~\n\nOne.\n\nChapter 2\nThe Storm\n\nTwo.";
        assert_eq!(
            titles(text, Markers::Any),
            vec![
                Some("Chapter 1".into()),
                Some("Chapter 2: The Storm".into())
            ]
        );
    }

    #[test]
    fn toc_headings_in_order() {
        let toc = vec![
            "1. Start".to_string(),
            "2. A title long enough to wrap".to_string(),
        ];
        let text = "\n\n        1. Start\n\nText 1. Start\n\n        2. A title long\nenough to wrap\n\nText.";
        let lines = split_lines(text);
        let s = split(&lines, 0..lines.len(), Markers::Toc(&toc));
        assert_eq!(s.missing_headings, 0);
        assert_eq!(s.sections.len(), 2);
        assert_eq!(
            s.sections[1].title.as_deref(),
            Some("2. A title long enough to wrap")
        );
        assert_eq!(s.sections[1].body, 8..10);
    }
}
