//! The story part of a generic page: labelled notes and an end marker after the story come off
//! its end, and the rest is split into chapters at chapter headings and marker paragraphs,
//! leaving navigation out.

use std::ops::Range;

use ficshelf_model::{FieldKey, RawChapter, RawField};

use super::super::Reading;
use super::super::dom::{self, NodeRef, Skip};
use super::super::headings;
use super::super::labels;
use super::super::segments::{Kind, Segment};
use super::is_aside;

/// Labelled notes after the story (`<b>Author's Notes:</b> …`, `End Notes: …`) are its end
/// notes; navigation after it is not text.
pub(super) fn trailer(
    segs: &[Segment<'_>],
    story: &mut Range<usize>,
    prefix: &str,
    reading: &mut Reading,
) {
    while story.end > story.start {
        let seg = &segs[story.end - 1];
        let origin = dom::origin(prefix, &seg.place(), &seg.line());
        if seg.kind == Kind::Code || seg.kind == Kind::Rule || seg.is_empty() {
            story.end -= 1;
            continue;
        }
        if is_aside(seg) {
            reading.unused.push((origin, seg.line()));
            story.end -= 1;
            continue;
        }
        let found = match seg.kind {
            Kind::Block => labels::block_labels(seg.nodes[0]),
            Kind::Line => labels::labels_of_lines(
                &[labels::Line {
                    nodes: seg.nodes.clone(),
                    new_block: true,
                }],
                false,
            ),
            _ => Vec::new(),
        };
        let notes =
            !found.is_empty() && matches!(found[0].key, Some(FieldKey::Notes | FieldKey::EndNotes));
        if !notes || story.end - 1 == story.start {
            return;
        }
        for f in &found {
            let mut field = f.to_field(prefix, &seg.place());
            if field.key == FieldKey::Notes {
                field.key = FieldKey::EndNotes;
            }
            reading.fields.push(field);
        }
        story.end -= 1;
    }
}

/// A closing `The End` or `TBC` says how the story ends (a `Status` field the normalizer maps)
/// and is not story text.
pub(super) fn end_marker(
    segs: &[Segment<'_>],
    story: &mut Range<usize>,
    prefix: &str,
    reading: &mut Reading,
) {
    let Some(k) = (story.start..story.end)
        .rev()
        .find(|&k| !segs[k].is_empty())
    else {
        return;
    };
    if k == story.start {
        return;
    }
    let seg = &segs[k];
    if !matches!(seg.kind, Kind::Block | Kind::Line | Kind::Heading(_)) {
        return;
    }
    if let Some(marker) = headings::end_marker(&seg.line()) {
        let origin = dom::origin(prefix, &seg.place(), &seg.line());
        reading.fields.push(RawField::new(
            FieldKey::Status,
            "end marker",
            marker,
            origin,
        ));
        story.end = k;
    }
}

/// Split the story at chapter headings and marker paragraphs; leave navigation out.
pub(super) fn chapters(segs: &[Segment<'_>], prefix: &str, reading: &mut Reading) {
    let boundary = |s: &Segment<'_>| match s.kind {
        Kind::Heading(_) => headings::is_chapter_heading(&s.line()),
        Kind::Block | Kind::Line => headings::is_chapter_marker_line(&s.line()),
        _ => false,
    };
    let mut current: Option<(Option<String>, String)> = None;
    let mut body: Vec<NodeRef<'_>> = Vec::new();
    let finish = |title: Option<(Option<String>, String)>,
                  body: &mut Vec<NodeRef<'_>>,
                  reading: &mut Reading| {
        let nodes = std::mem::take(body);
        let html = dom::html_of(nodes.iter().copied(), &Skip::new());
        let has_text = !dom::text_of(nodes.iter().copied(), &Skip::new()).is_empty()
            || nodes
                .iter()
                .any(|n| n.descendants().any(|d| dom::is_element(&d, "img")));
        let (title, origin) = title.unwrap_or((None, start_origin(prefix)));
        if has_text {
            reading.chapters.push(RawChapter::new(title, html, origin));
        } else if let Some(t) = title {
            reading.unused.push((origin, t));
        }
    };
    for seg in segs {
        if boundary(seg) {
            let had = current.is_some() || !body.is_empty();
            if had {
                finish(current.take(), &mut body, reading);
            }
            let origin = dom::origin(prefix, &seg.place(), &seg.line());
            current = Some((Some(seg.line()), origin));
            continue;
        }
        if is_aside(seg) {
            reading
                .unused
                .push((dom::origin(prefix, &seg.place(), &seg.line()), seg.line()));
            continue;
        }
        body.extend(seg.nodes.iter().copied());
    }
    if current.is_some() || !body.is_empty() {
        finish(current.take(), &mut body, reading);
    }
}

fn start_origin(prefix: &str) -> String {
    let place = "start of text (unmarked first chapter)";
    if prefix.is_empty() {
        place.to_string()
    } else {
        format!("{prefix} {place}")
    }
}
