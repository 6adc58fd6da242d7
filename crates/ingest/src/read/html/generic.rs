//! Any page no producer module recognizes: a hand-made page, a saved archive page, a page
//! exported by a word processor.
//!
//! The page body is read as a sequence of segments (`segments`). From the top, a header zone:
//! a title heading, a byline, blocks of labels (`<b>Label:</b> value`, `Label: value` lines, a
//! label table, a definition list), a table of contents, rules and blank lines; the story
//! starts at the first segment that is none of these. Chapters start at headings that look like
//! chapter titles (`Chapter 3`, `Part Two`, `4. Rain`) and at paragraphs that are only a
//! chapter marker (`<p><b>Chapter 2</b></p>`); otherwise the story is one chapter. Navigation
//! (`Next chapter`, `Back to index`) and a closing end marker (`The End`, `TBC`) are not story
//! text; labelled notes after the story are its end notes.
//!
//! What the page says elsewhere fills the gaps: metadata comments, then `<title>` and
//! `<meta name=author|description|keywords>` for whatever the body did not say.

use ficshelf_model::{Diagnostic, FieldKey, Limits, RawField};

use super::super::txt;
use super::comment;
use super::dom::{self, NodeRef, Skip};
use super::headings;
use super::labels::{self, Found, Part};
use super::segments::{Kind, Segment, segments};
use super::{PageChapter, Reading};

/// Read a page: its metadata and its chapters.
pub(crate) fn read(doc: &scraper::Html, prefix: &str) -> Reading {
    let segs = dom::body(doc).map(segments).unwrap_or_default();
    let mut reading = comment::fields(doc, prefix);
    if let Some(pre) = dominant_pre(&segs) {
        preformatted(pre, prefix, &mut reading);
        for seg in segs
            .iter()
            .filter(|s| !s.is_empty() && s.nodes.first() != Some(&pre))
        {
            let origin = dom::origin(prefix, &seg.place(), &seg.line());
            reading.unused.push((origin, seg.line()));
        }
        head_fields(doc, prefix, &mut reading);
        return reading;
    }
    let zone = header_zone(&segs, prefix);
    reading.fields.extend(zone.fields);
    reading.unused.extend(zone.unused);
    let mut story = zone.end..segs.len();
    story::trailer(&segs, &mut story, prefix, &mut reading);
    story::end_marker(&segs, &mut story, prefix, &mut reading);
    story::chapters(&segs[story], prefix, &mut reading);
    head_fields(doc, prefix, &mut reading);
    reading
}

/// The `<pre>` that holds (nearly) all of a page's text: a plain-text fic put on the web as it
/// was, header and all.
fn dominant_pre<'a>(segs: &[Segment<'a>]) -> Option<NodeRef<'a>> {
    let mut pre = None;
    let mut pre_len = 0;
    let mut other = 0;
    for seg in segs {
        match seg.nodes.first() {
            Some(n) if seg.kind == Kind::Block && dom::is_element(n, "pre") && pre.is_none() => {
                pre_len = dom::text(*n).len();
                pre = Some(*n);
            }
            _ => other += seg.text.len(),
        }
    }
    pre.filter(|_| pre_len > 0 && other * 5 <= pre_len)
}

/// A `<pre>` page is read by the plain-text reader, which knows the shapes of text headers,
/// chapter markers and end markers; origins say the lines are inside the `<pre>`.
fn preformatted(pre: NodeRef<'_>, prefix: &str, reading: &mut Reading) {
    // The chapter limit is checked on the whole page by `html::read`, with the caller's limits.
    let limits = Limits {
        max_chapters: usize::MAX,
        ..Limits::default()
    };
    let text = dom::raw_text(pre);
    let Ok(raw) = txt::read(text.as_bytes(), &limits) else {
        return;
    };
    let place = |origin: String| {
        if prefix.is_empty() {
            format!("pre {origin}")
        } else {
            format!("{prefix} pre {origin}")
        }
    };
    reading.fields.extend(raw.fields.into_iter().map(|mut f| {
        f.origin = place(f.origin);
        f
    }));
    reading
        .chapters
        .extend(raw.chapters.into_iter().map(|mut c| {
            c.origin = place(c.origin);
            c
        }));
    reading
        .unused
        .extend(raw.unused.into_iter().map(|(o, t)| (place(o), t)));
    reading.diagnostics.push(Diagnostic::info(
        "the page's text is one <pre> block: read as plain text",
    ));
}

/// Only the metadata (the seam for EPUB title pages).
pub(crate) fn fields(doc: &scraper::Html, prefix: &str) -> Reading {
    let mut r = read(doc, prefix);
    r.chapters.clear();
    r
}

/// A page that holds one chapter (an EPUB's chapter file): its first heading, if nothing but
/// labels, navigation or rules come before it, and the rest of the page without navigation or
/// labels above the text.
pub(crate) fn chapter(doc: &scraper::Html) -> PageChapter {
    let segs = dom::body(doc).map(segments).unwrap_or_default();
    let mut heading = None;
    let mut start = 0;
    while let Some(seg) = segs.get(start) {
        if seg.kind == Kind::Code || seg.kind == Kind::Rule || seg.is_empty() || is_aside(seg) {
            start += 1;
            continue;
        }
        match seg.kind {
            Kind::Heading(_) if heading.is_none() => {
                heading = Some(seg.line());
                start += 1;
            }
            _ => break,
        }
    }
    let nodes: Vec<NodeRef<'_>> = segs[start..]
        .iter()
        .filter(|s| !is_aside(s))
        .flat_map(|s| s.nodes.iter().copied())
        .collect();
    let html = if dom::has_text(nodes.iter().copied()) {
        dom::html_of(nodes, &Skip::new())
    } else {
        String::new()
    };
    PageChapter {
        heading,
        html,
        ..PageChapter::default()
    }
}

struct Zone {
    fields: Vec<RawField>,
    unused: Vec<(String, String)>,
    /// The first segment of the story.
    end: usize,
}

/// What a segment of the header zone is.
enum Role<'a> {
    /// Nothing to read: a rule, a blank line, a script.
    Neutral,
    Title(String),
    Byline(String),
    Labels(Vec<Found<'a>>),
    /// A heading naming a prose field (`<h3>Summary</h3>`) whose value is the next segment.
    LabelHeading(String, FieldKey),
    /// A table of contents or navigation.
    Aside,
    Story,
}

fn header_zone<'a>(segs: &[Segment<'a>], prefix: &str) -> Zone {
    let mut zone = Zone {
        fields: Vec::new(),
        unused: Vec::new(),
        end: segs.len(),
    };
    let mut title_seen = false;
    let mut labels_seen = false;
    let mut i = 0;
    while i < segs.len() {
        let seg = &segs[i];
        let origin = dom::origin(prefix, &seg.place(), &seg.line());
        if !title_seen
            && zone.fields.is_empty()
            && let Some((title, author)) = title_line(segs, i)
        {
            title_seen = true;
            zone.fields.push(RawField::new(
                FieldKey::Title,
                "title line",
                title,
                origin.clone(),
            ));
            if let Some(a) = author {
                zone.fields
                    .push(RawField::new(FieldKey::Author, "byline", a, origin));
            }
            i += 1;
            continue;
        }
        let role = role(seg, title_seen, labels_seen);
        match role {
            Role::Neutral => {}
            Role::Title(t) => {
                title_seen = true;
                let (title, author) = split_title_byline(seg, &t);
                zone.fields.push(RawField::new(
                    FieldKey::Title,
                    "heading",
                    title,
                    origin.clone(),
                ));
                if let Some(a) = author {
                    zone.fields
                        .push(RawField::new(FieldKey::Author, "byline", a, origin));
                }
            }
            Role::Byline(name) => {
                zone.fields
                    .push(RawField::new(FieldKey::Author, "byline", name, origin));
            }
            Role::Labels(mut found) => {
                labels_seen = true;
                // `<b>Summary:</b>` alone, its text in the next paragraph.
                let takes_next = found
                    .last()
                    .is_some_and(|f| labels::is_prose(&f.field_key()) && f.value().is_empty());
                if takes_next && let Some(next) = segs.get(i + 1).filter(|n| is_prose_segment(n)) {
                    if let Some(last) = found.last_mut() {
                        last.parts.push(Part {
                            nodes: next.nodes.clone(),
                            new_block: true,
                        });
                    }
                    i += 1;
                }
                push_found(&found, &seg.place(), prefix, &mut zone);
            }
            Role::LabelHeading(label, key) => {
                match segs.get(i + 1).filter(|n| is_prose_segment(n)) {
                    Some(next) => {
                        let mut f = Found::new(label, Some(key), next.nodes.clone());
                        f.parts[0].new_block = true;
                        push_found(&[f], &seg.place(), prefix, &mut zone);
                        labels_seen = true;
                        i += 1;
                    }
                    None => zone.unused.push((origin, seg.line())),
                }
            }
            Role::Aside => zone.unused.push((origin, seg.line())),
            Role::Story => {
                zone.end = i;
                return zone;
            }
        }
        i += 1;
    }
    zone
}

/// A title written as a short line of its own at the top (`<p align=center><b>Copper
/// Beech</b></p>`), known by the byline under it: in the same paragraph after a `<br>`, or in
/// the next one. Returns the title and the byline's name when it is in the same paragraph.
fn title_line(segs: &[Segment<'_>], i: usize) -> Option<(String, Option<String>)> {
    let seg = &segs[i];
    if !matches!(seg.kind, Kind::Block | Kind::Line) {
        return None;
    }
    if !seg.complete {
        return None;
    }
    let lines: Vec<&str> = seg.text.lines().collect();
    let short = |t: &str| {
        t.chars().count() <= 100
            && t.split_whitespace().count() <= 12
            && !t.ends_with(['.', ',', ';', ':'])
            && labels::text_label(t, true).is_none()
            && !headings::is_chapter_marker_line(t)
    };
    match lines.as_slice() {
        [title, by] if short(title) => {
            headings::byline(by).map(|name| (title.to_string(), Some(name)))
        }
        [title] if short(title) && headings::byline(title).is_none() => {
            let next = segs[i + 1..].iter().find(|s| !s.is_empty())?;
            let is_byline = matches!(next.kind, Kind::Block | Kind::Line | Kind::Heading(_))
                && headings::byline(&next.line()).is_some();
            is_byline.then(|| (title.to_string(), None))
        }
        _ => None,
    }
}

fn push_found(found: &[Found<'_>], place: &str, prefix: &str, zone: &mut Zone) {
    for f in found {
        let field = f.to_field(prefix, place);
        if field.value.is_empty() {
            zone.unused.push((field.origin, f.line()));
        } else {
            zone.fields.push(field);
        }
    }
}

fn role<'a>(seg: &Segment<'a>, title_seen: bool, labels_seen: bool) -> Role<'a> {
    if seg.kind == Kind::Code || seg.kind == Kind::Rule || seg.is_empty() {
        return Role::Neutral;
    }
    if is_aside(seg) {
        return Role::Aside;
    }
    let line = seg.line();
    if let Kind::Heading(_) = seg.kind {
        if headings::is_chapter_heading(&line) {
            return Role::Story;
        }
        if let Some(name) = headings::byline(&line) {
            return Role::Byline(name);
        }
        if let Some(clean) = labels::clean_label(&line)
            && let Some(key) = FieldKey::from_label(&clean).filter(labels::is_prose)
        {
            return Role::LabelHeading(clean, key);
        }
        if !title_seen && !labels_seen {
            return Role::Title(line);
        }
        return Role::Story;
    }
    if let Some(name) = headings::byline(&line).filter(|_| line.len() <= 120) {
        // An author name linked to an e-mail address: `Name <address>`, the shape the
        // normalizer reads (as for an `Author:` label).
        return Role::Byline(match dom::mailto(seg.nodes.iter().copied()) {
            Some(address) if !name.contains('@') => format!("{name} <{address}>"),
            _ => name,
        });
    }
    if let Some(pre) = seg.nodes.first().filter(|n| dom::is_element(n, "pre")) {
        return pre_labels(*pre, labels_seen).map_or(Role::Story, Role::Labels);
    }
    let found = match seg.kind {
        Kind::Table => labels::table_labels(seg.nodes[0]),
        Kind::Dl => labels::dl_labels(seg.nodes[0]),
        Kind::Block => labels::labels_of_lines(&labels::lines(seg.nodes[0]), labels_seen),
        Kind::Line => labels::labels_of_lines(
            &[labels::Line {
                nodes: seg.nodes.clone(),
                new_block: true,
            }],
            labels_seen,
        ),
        _ => Vec::new(),
    };
    let known = found.iter().any(|f| f.key.is_some());
    // An unknown label alone counts once a header has begun (`Mood: rainy` after `Title:`).
    if !found.is_empty() && (known || labels_seen) && seg.kind != Kind::List {
        return Role::Labels(found);
    }
    Role::Story
}

/// A `<pre>` of `Label: value` lines (a text header kept as it was), each line a label.
fn pre_labels<'a>(pre: NodeRef<'a>, labels_seen: bool) -> Option<Vec<Found<'a>>> {
    let text = dom::raw_text(pre);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let known = labels_seen || lines.iter().any(|l| labels::text_label(l, false).is_some());
    let found: Vec<Found<'a>> = lines
        .iter()
        .map(|l| labels::text_label(l, true))
        .collect::<Option<Vec<_>>>()?
        .into_iter()
        .map(|(label, key, value)| {
            let mut f = Found::new(label, key, vec![pre]);
            f.text = Some(value);
            f
        })
        .collect();
    (known && !found.is_empty()).then_some(found)
}

/// A table of contents (links into the page) or navigation between pages.
pub(super) fn is_aside(seg: &Segment<'_>) -> bool {
    if seg.kind == Kind::Nav {
        return true;
    }
    let line = seg.line();
    let lower = line.to_lowercase();
    if matches!(seg.kind, Kind::Heading(_))
        && matches!(
            lower.trim_end_matches(':'),
            "contents" | "table of contents" | "chapters" | "index"
        )
    {
        return true;
    }
    let mostly_links = seg.link_share() >= 0.6;
    mostly_links && (seg.internal_links() >= 2 || headings::is_navigation(&line))
}

/// A paragraph (or line, or quote) of prose that may be a label's value.
fn is_prose_segment(seg: &Segment<'_>) -> bool {
    matches!(seg.kind, Kind::Block | Kind::Line | Kind::List)
        && !seg.is_empty()
        && !headings::is_chapter_marker_line(&seg.line())
}

/// `Title by Author` in one heading, when the author is a link (FanFicFare-like and archive
/// pages); a heading without a linked author is all title.
fn split_title_byline(seg: &Segment<'_>, text: &str) -> (String, Option<String>) {
    let links: Vec<NodeRef<'_>> = seg
        .nodes
        .iter()
        .flat_map(|n| n.descendants())
        .filter(|d| dom::is_element(d, "a"))
        .collect();
    if let Some(last) = links.last() {
        let name = dom::one_line(&dom::text(*last));
        if let Some(title) = text
            .strip_suffix(&name)
            .and_then(|t| t.trim_end().strip_suffix(" by"))
            && !title.trim().is_empty()
            && !name.is_empty()
        {
            return (title.trim().to_string(), Some(name));
        }
    }
    (text.to_string(), None)
}

/// `<title>`, `<meta name=author|description|keywords>`: used for what the body did not say,
/// else kept as unused.
fn head_fields(doc: &scraper::Html, prefix: &str, reading: &mut Reading) {
    let Some(head) = dom::child_elements(*doc.root_element()).find(|c| dom::is_element(c, "head"))
    else {
        return;
    };
    let mut found: Vec<(FieldKey, String, String, String)> = Vec::new();
    for el in dom::child_elements(head) {
        match dom::name(&el) {
            Some("title") => {
                let t = dom::one_line(
                    &el.children()
                        .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                        .collect::<String>(),
                );
                let origin = dom::origin(prefix, "title", &t);
                found.push((FieldKey::Title, "title element".to_string(), t, origin));
            }
            Some("meta") => {
                let name = dom::attr(&el, "name").unwrap_or("").to_ascii_lowercase();
                let content = dom::one_line(dom::attr(&el, "content").unwrap_or(""));
                let key = match name.as_str() {
                    "author" => FieldKey::Author,
                    "description" => FieldKey::Summary,
                    "keywords" => FieldKey::Tags,
                    _ => continue,
                };
                let origin = dom::origin(prefix, &format!("meta name={name}"), &content);
                found.push((key, format!("meta {name}"), content, origin));
            }
            _ => {}
        }
    }
    for (key, label, value, origin) in found {
        if value.is_empty() {
            continue;
        }
        if reading.fields.iter().any(|f| f.key == key) {
            reading.unused.push((origin, value));
        } else {
            reading
                .fields
                .push(RawField::new(key, label, value, origin));
        }
    }
}

mod story;
#[cfg(test)]
mod tests;
