//! The audit's rules, one function per kind of check, run in the order of [`Code::ALL`] over
//! one `Work`. Each is linear in the size of the work (one `text_content` per chapter).

use ficshelf_markup::text_content;
use ficshelf_model::{Ao3Rating, Work};

use crate::{Ao3Limits, Code, Problem, ao3_length, header, mojibake};

/// Audit a work against AO3's limits.
pub fn audit(work: &Work) -> Vec<Problem> {
    audit_with(work, &Ao3Limits::default())
}

/// Audit a work against the given limits. Problems come in [`Code::ALL`] order, chapters in
/// their order within each code.
pub fn audit_with(work: &Work, limits: &Ao3Limits) -> Vec<Problem> {
    let mut out = Vec::new();
    // Each chapter's text is extracted once and used by the last two rules.
    let texts: Vec<String> = work
        .chapters
        .iter()
        .map(|c| text_content(&c.html))
        .collect();
    lengths(work, limits, &mut out);
    tags(work, limits, &mut out);
    chapters(work, limits, &mut out);
    if work.fandoms.is_empty() {
        out.push(problem(
            Code::NoFandom,
            "fandoms",
            "no fandom: AO3 needs at least one".into(),
        ));
    }
    if work.rating.ao3 == Ao3Rating::NotRated {
        let message = match &work.rating.raw {
            Some(raw) => format!("rating is Not Rated (as written: \"{}\")", shorten(raw, 60)),
            None => "rating is Not Rated (the file gives no rating)".into(),
        };
        out.push(problem(Code::NotRated, "rating", message));
    }
    short_chapters(work, limits, &mut out);
    garbled(work, &texts, &mut out);
    header_lines(&texts, &mut out);
    out.sort_by_key(|p| Code::ALL.iter().position(|&c| c == p.code));
    out
}

fn problem(code: Code, field: &str, message: String) -> Problem {
    Problem {
        code,
        message,
        field: field.to_string(),
        chapter: None,
        found: None,
        limit: None,
        text: None,
    }
}

fn measured(mut p: Problem, found: u64, limit: u64) -> Problem {
    p.found = Some(found);
    p.limit = Some(limit);
    p
}

/// Title, summaries and notes of the work and of each chapter.
fn lengths(work: &Work, limits: &Ao3Limits, out: &mut Vec<Problem>) {
    let n = ao3_length(&work.title);
    if n > limits.title {
        let message = format!(
            "title is {} characters; AO3 allows {}",
            thousands(n),
            thousands(limits.title)
        );
        out.push(measured(
            problem(Code::TitleTooLong, "title", message),
            n,
            limits.title,
        ));
    }
    let mut check = |html: Option<&str>, chapter: Option<usize>, field: &str| {
        let Some(html) = html else { return };
        let (code, limit, what, verb) = match field {
            "summary" => (Code::SummaryTooLong, limits.summary, "summary", "is"),
            "notes" => (Code::NotesTooLong, limits.notes, "notes", "are"),
            _ => (Code::NotesTooLong, limits.notes, "end notes", "are"),
        };
        let n = ao3_length(html);
        if n <= limit {
            return;
        }
        let whose = chapter.map_or(String::new(), |c| format!("chapter {c} "));
        let message = format!(
            "{whose}{what} {verb} {} characters (HTML included); AO3 allows {}",
            thousands(n),
            thousands(limit)
        );
        let mut p = measured(problem(code, field, message), n, limit);
        p.chapter = chapter;
        out.push(p);
    };
    check(work.summary.as_deref(), None, "summary");
    check(work.notes.as_deref(), None, "notes");
    check(work.end_notes.as_deref(), None, "end_notes");
    for (i, c) in work.chapters.iter().enumerate() {
        check(c.summary.as_deref(), Some(i + 1), "summary");
        check(c.notes.as_deref(), Some(i + 1), "notes");
        check(c.end_notes.as_deref(), Some(i + 1), "end_notes");
    }
}

/// Each tag's length, and how many there are together (AO3 counts fandoms, relationships,
/// characters and additional tags; rating, warnings and categories are not counted).
fn tags(work: &Work, limits: &Ao3Limits, out: &mut Vec<Problem>) {
    let kinds = [
        ("fandoms", "fandom", &work.fandoms),
        ("relationships", "relationship", &work.relationships),
        ("characters", "character", &work.characters),
        ("tags", "additional", &work.tags),
    ];
    for (field, kind, list) in kinds {
        for tag in list.iter() {
            let n = ao3_length(tag);
            if n > limits.tag {
                let message = format!(
                    "{kind} tag is {} characters; AO3 allows {}: \"{}\"",
                    thousands(n),
                    thousands(limits.tag),
                    shorten(tag, 60)
                );
                let mut p = measured(problem(Code::TagTooLong, field, message), n, limits.tag);
                p.text = Some(tag.clone());
                out.push(p);
            }
        }
    }
    let counts = kinds.map(|(_, _, list)| list.len() as u64);
    let total: u64 = counts.iter().sum();
    if total > limits.tags {
        let message = format!(
            "{total} tags ({} fandom, {} relationship, {} character, {} additional); AO3 allows \
             {} together",
            counts[0], counts[1], counts[2], counts[3], limits.tags
        );
        out.push(measured(
            problem(Code::TooManyTags, "tags", message),
            total,
            limits.tags,
        ));
    }
}

/// Each chapter's length, and how many chapters.
fn chapters(work: &Work, limits: &Ao3Limits, out: &mut Vec<Problem>) {
    for (i, c) in work.chapters.iter().enumerate() {
        let n = ao3_length(&c.html);
        if n > limits.chapter {
            let message = format!(
                "chapter {} is {} characters (HTML included); AO3 allows {}",
                i + 1,
                thousands(n),
                thousands(limits.chapter)
            );
            let mut p = measured(
                problem(Code::ChapterTooLong, "html", message),
                n,
                limits.chapter,
            );
            p.chapter = Some(i + 1);
            out.push(p);
        }
    }
    let n = work.chapters.len() as u64;
    if n > limits.chapters {
        let message = format!("{} chapters; AO3 allows {}", thousands(n), limits.chapters);
        out.push(measured(
            problem(Code::TooManyChapters, "chapters", message),
            n,
            limits.chapters,
        ));
    }
}

fn short_chapters(work: &Work, limits: &Ao3Limits, out: &mut Vec<Problem>) {
    let only = work.chapters.len() == 1;
    for (i, c) in work.chapters.iter().enumerate() {
        if c.words >= limits.min_chapter_words {
            continue;
        }
        let which = if only {
            "the only chapter".to_string()
        } else {
            format!("chapter {}", i + 1)
        };
        let message = format!(
            "{which} has {} word{} (under {}: a split in the wrong place?)",
            c.words,
            if c.words == 1 { "" } else { "s" },
            limits.min_chapter_words
        );
        let mut p = measured(
            problem(Code::ShortChapter, "html", message),
            c.words,
            limits.min_chapter_words,
        );
        p.chapter = Some(i + 1);
        out.push(p);
    }
}

/// Garbled characters in the metadata people see and in each chapter's text.
fn garbled(work: &Work, texts: &[String], out: &mut Vec<Problem>) {
    let html_text = |h: &Option<String>| h.as_deref().map(text_content);
    let mut fields: Vec<(&str, Option<usize>, Option<String>)> = vec![
        ("title", None, Some(work.title.clone())),
        ("summary", None, html_text(&work.summary)),
        ("notes", None, html_text(&work.notes)),
        ("end_notes", None, html_text(&work.end_notes)),
    ];
    for (field, list) in [
        ("fandoms", &work.fandoms),
        ("relationships", &work.relationships),
        ("characters", &work.characters),
        ("tags", &work.tags),
    ] {
        fields.push((field, None, Some(list.join(", "))));
    }
    for (i, (c, text)) in work.chapters.iter().zip(texts).enumerate() {
        fields.push(("title", Some(i + 1), c.title.clone()));
        fields.push(("summary", Some(i + 1), html_text(&c.summary)));
        fields.push(("notes", Some(i + 1), html_text(&c.notes)));
        fields.push(("html", Some(i + 1), Some(text.clone())));
        fields.push(("end_notes", Some(i + 1), html_text(&c.end_notes)));
    }
    for (field, chapter, text) in fields {
        let Some(g) = text.as_deref().and_then(mojibake::find) else {
            continue;
        };
        let place = match (chapter, field) {
            (Some(c), "html") => format!("chapter {c} text"),
            (Some(c), f) => format!("chapter {c} {}", f.replace('_', " ")),
            (None, f) => f.replace('_', " "),
        };
        let more = if g.count > 1 {
            format!(" ({} in all)", g.count)
        } else {
            String::new()
        };
        let message = format!(
            "{place} has garbled characters: \"{}\" in \"{}\"{more}",
            g.sequence, g.context
        );
        let mut p = problem(Code::Mojibake, field, message);
        p.chapter = chapter;
        p.found = Some(g.count as u64);
        p.text = Some(g.sequence);
        out.push(p);
    }
}

/// Chapters whose text starts with `Label: value` lines.
fn header_lines(texts: &[String], out: &mut Vec<Problem>) {
    for (i, text) in texts.iter().enumerate() {
        let found = header::leading_header_lines(text.lines());
        let Some(first) = found.first() else { continue };
        let message = if found.len() == 1 {
            format!(
                "chapter {} starts with a header line: \"{}\"",
                i + 1,
                shorten(first, 80)
            )
        } else {
            format!(
                "chapter {} starts with {} header lines, the first \"{}\"",
                i + 1,
                found.len(),
                shorten(first, 80)
            )
        };
        let mut p = problem(Code::HeaderInText, "html", message);
        p.chapter = Some(i + 1);
        p.found = Some(found.len() as u64);
        p.text = Some(found.join("\n"));
        out.push(p);
    }
}

/// At most `max` characters, with `…` when cut.
fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_string(),
    }
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests;
