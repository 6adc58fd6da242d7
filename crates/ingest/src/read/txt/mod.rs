//! The plain-text reader: decoded text → `RawWork` (format `txt`).
//!
//! The flow, one module per step:
//!
//! 1. `header`: find the header block at the top and read its fields (title line, byline,
//!    `Label: value` lines); the story starts after it. Recognize the producer: `fanficfare`
//!    (its table of contents gives the chapter titles) or ficshelf's own layout (`ficshelf`,
//!    docs/ficshelf-formats.md, with per-chapter summary and notes).
//! 2. A trailer of `End Notes:` after the story is read with the same parser.
//! 3. `chapters` (with `markers`): split the story lines at chapter markers.
//! 4. `body` (with `inline`): each chapter's lines → paragraphs, scene breaks, end markers.
//!
//! The reader locates and never interprets: values are kept as written, with their origin, and
//! an end marker becomes a `Status` field whose value the normalizer maps. Every step is linear
//! in the text.

mod body;
mod chapters;
mod fanficfare;
mod ficshelf;
mod header;
mod inline;
pub(crate) mod lines;
mod markers;

use std::ops::Range;

use ficshelf_model::{
    Diagnostic, FieldKey, Format, Limits, Producer, RawChapter, RawField, RawWork,
};

use crate::IngestError;
use crate::decode;
use chapters::Markers;
use lines::Line;

/// Where the reader found the story in the lines of the decoded text, for `--explain`
/// (`crate::explain`): what no origin records.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Layout {
    /// The body lines of each chapter (0-based line indices, markers excluded), one per
    /// `RawWork::chapters` entry. Empty for Markdown.
    pub bodies: Vec<Range<usize>>,
}

/// Read a plain-text file.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<RawWork, IngestError> {
    read_decoded(&decode::decode(bytes, None), limits).map(|(raw, _)| raw)
}

/// Read text already decoded (so that `--explain` can show the very text that was read), and
/// say where the chapter bodies are.
pub(crate) fn read_decoded(
    decoded: &decode::Decoded,
    limits: &Limits,
) -> Result<(RawWork, Layout), IngestError> {
    crate::limits::check_lines(&decoded.text, limits)?;
    if let Some(front) = super::markdown::front_matter(&decoded.text) {
        let raw = super::markdown::read(
            &decoded.text,
            front,
            decoded.encoding.clone(),
            decoded.diagnostics.clone(),
            limits,
        )?;
        return Ok((raw, Layout::default()));
    }
    let mut layout = Layout::default();
    let lines = lines::split(&decoded.text);
    let header = header::read(&lines, 0);

    let producer = producer(&lines, &header);
    let mut raw = RawWork::new(Format::Txt, producer, decoded.encoding.clone());
    raw.diagnostics = decoded.diagnostics.clone();
    raw.fields = header.fields;
    raw.unused = header.unused;
    if producer == Producer::Ficshelf {
        ficshelf::drop_counted_words(&mut raw);
    }

    let mut story = header.end..lines.len();
    let toc = match producer {
        Producer::FanFicFare => fanficfare::table_of_contents(&lines, story.start),
        _ => None,
    };
    if let Some((_, after)) = &toc {
        story.start = *after;
    }
    if let Some((trailer_start, trailer)) = trailer(&lines, &story, producer) {
        story.end = trailer_start;
        raw.fields.extend(trailer.fields);
        raw.unused.extend(trailer.unused);
    }

    let markers = match (producer, &toc) {
        (Producer::FanFicFare, Some((titles, _))) => Markers::Toc(titles),
        (Producer::FanFicFare, None) => Markers::IndentedHeadings,
        (Producer::Ficshelf, _) => Markers::Ficshelf,
        _ => Markers::Any,
    };
    let split = chapters::split(&lines, story, markers);
    if split.missing_headings > 0 {
        raw.diagnostics.push(Diagnostic::warning(format!(
            "{} chapter heading(s) listed in FanFicFare's table of contents not found in the text",
            split.missing_headings
        )));
    }
    if split.sections.len() > limits.max_chapters {
        return Err(IngestError::TooManyChapters {
            found: split.sections.len(),
            limit: limits.max_chapters,
        });
    }
    let style = body::Style {
        markdown_escapes: producer == Producer::FanFicFare,
    };
    let mut end_marks = Vec::new();
    for mut section in split.sections {
        let parts = match producer {
            Producer::Ficshelf => ficshelf::chapter_parts(&lines, &mut section.body),
            _ => ficshelf::ChapterParts::default(),
        };
        let body_lines = section.body.clone();
        let body = body::build(&lines[body_lines.clone()], style);
        end_marks.extend(body.end_marks);
        raw.unused.extend(body.removed);
        if body.paragraphs == 0 {
            let title = section.title.unwrap_or_default();
            raw.unused.push((section.origin, title));
            continue;
        }
        layout.bodies.push(body_lines);
        let mut chapter = RawChapter::new(section.title, body.html, section.origin);
        chapter.summary = parts.summary;
        chapter.notes = parts.notes;
        chapter.end_notes = parts.end_notes;
        raw.chapters.push(chapter);
    }
    status_from_end_marks(&mut raw, end_marks);
    if raw.chapters.is_empty() {
        raw.diagnostics
            .push(Diagnostic::warning(if raw.fields.is_empty() {
                "no story text found"
            } else {
                "no story text found after the header"
            }));
    }
    Ok((raw, layout))
}

/// Who wrote the file, from its layout.
fn producer(lines: &[Line<'_>], header: &header::Header) -> Producer {
    if fanficfare::recognize(lines, header) {
        Producer::FanFicFare
    } else if ficshelf::recognize(lines, header) {
        Producer::Ficshelf
    } else {
        Producer::Plain
    }
}

/// Notes after the story: the last `End Notes:` label line that starts a block (a blank line
/// or a rule before it; in ficshelf's layout, its closing rule), if everything from there to
/// the end reads as header lines.
fn trailer(
    lines: &[Line<'_>],
    story: &Range<usize>,
    producer: Producer,
) -> Option<(usize, header::Header)> {
    let at = story.clone().rev().find(|&k| {
        let line = &lines[k];
        line.indent == 0
            && k > story.start
            && (lines[k - 1].is_blank() || lines::is_rule(lines[k - 1].text))
            && lines::parse_label(line.text).is_some_and(|l| l.key == Some(FieldKey::EndNotes))
    })?;
    if producer == Producer::Ficshelf && !ficshelf::trailer_allowed(lines, at) {
        return None;
    }
    let parsed = header::read(&lines[..story.end], at);
    (parsed.end >= story.end).then_some((at, parsed))
}

/// The last end marker of the file says how the story ends (`TBC`, `The End`): a `Status` field
/// for the normalizer. Earlier ones (the end of each posted part) feed nothing. FanFicFare's
/// `End file.` is written whatever the status, so it says nothing either.
fn status_from_end_marks(raw: &mut RawWork, mut marks: Vec<(String, String)>) {
    let last = marks.pop();
    raw.unused.extend(marks);
    if let Some((origin, text)) = last {
        if raw.producer == Producer::FanFicFare && text == fanficfare::END_FILE {
            raw.unused.push((origin, text));
        } else {
            raw.fields
                .push(RawField::new(FieldKey::Status, "end marker", text, origin));
        }
    }
}
