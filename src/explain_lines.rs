//! The line view of `inspect --explain` for plain text and Markdown: the decoded file with line
//! numbers, each header line followed by what it fed and by which rule, lines that fed nothing
//! marked, chapter boundaries and scene breaks marked, and long runs of story text collapsed.
//!
//! Every annotation is found through an origin (`line 4: "RATING: R"`, `front matter: title`)
//! or through the reader's own chapter bodies and breaks (`Explained::chapter_lines`,
//! `scene_breaks`); nothing here re-reads the file's structure.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use ficshelf_ingest::{Explained, origin_line};
use ficshelf_normalize::Decision;

use crate::color::Palette;
use crate::explain_view::{decision, one_line, shorten};

/// Lines of story text shown before a run is collapsed.
const RUN_SHOWN: usize = 3;
/// Longest source line shown whole.
const LINE_WIDTH: usize = 100;

enum Note<'a> {
    /// What one origin on this line fed: its decisions, or (none recorded) its raw fields.
    Fed {
        decisions: Vec<&'a Decision>,
        fields: Vec<(&'a str, &'a str)>,
    },
    Unused(&'a str),
    Chapter {
        number: usize,
        origin: &'a str,
        decisions: Vec<&'a Decision>,
    },
    Break,
    Continues(usize),
}

/// The annotated file.
pub fn render(e: &Explained, text: &str, p: Palette) -> String {
    let mut lines: Vec<&str> = text.split('\n').collect();
    if lines.len() > 1 && lines.last() == Some(&"") {
        lines.pop();
    }
    let front = front_matter_keys(&lines);
    let line_of = |origin: &str| {
        origin_line(origin).or_else(|| {
            let key = origin.strip_prefix("front matter: ")?;
            front.get(key).copied()
        })
    };
    let mut by_origin: HashMap<&str, Vec<&Decision>> = HashMap::new();
    for d in &e.decisions {
        by_origin.entry(d.origin.as_str()).or_default().push(d);
    }

    let mut notes: BTreeMap<usize, Vec<Note>> = BTreeMap::new();
    // Chapters whose start no line names (an unmarked first chapter): shown above their body.
    let mut banners: BTreeMap<usize, Note> = BTreeMap::new();
    for (i, c) in e.raw.chapters.iter().enumerate() {
        let note = Note::Chapter {
            number: i + 1,
            origin: &c.origin,
            decisions: by_origin.remove(c.origin.as_str()).unwrap_or_default(),
        };
        match line_of(&c.origin) {
            Some(line) => notes.entry(line).or_default().push(note),
            None => {
                let start = e.chapter_lines.get(i).map_or(1, |r| r.start);
                banners.insert(start, note);
            }
        }
    }
    let mut fields_at: HashMap<&str, Vec<(&str, &str)>> = HashMap::new();
    let mut origins = Vec::new();
    for f in &e.raw.fields {
        let list = fields_at.entry(f.origin.as_str()).or_default();
        if list.is_empty() {
            origins.push(f.origin.as_str());
        }
        list.push((f.key.field_name(), f.value.as_str()));
    }
    for origin in origins {
        let Some(line) = line_of(origin) else {
            continue;
        };
        let fields = fields_at.remove(origin).unwrap_or_default();
        let decisions = by_origin.remove(origin).unwrap_or_default();
        notes
            .entry(line)
            .or_default()
            .push(Note::Fed { decisions, fields });
    }
    // Decisions whose origin is a line but no field's (none today; kept visible if it happens).
    let mut rest: Vec<(&str, Vec<&Decision>)> = by_origin.into_iter().collect();
    rest.sort_by_key(|(o, _)| *o);
    for (origin, decisions) in rest {
        if let Some(line) = line_of(origin) {
            let fields = Vec::new();
            notes
                .entry(line)
                .or_default()
                .push(Note::Fed { decisions, fields });
        }
    }
    for (origin, text) in &e.raw.unused {
        if let Some(line) = line_of(origin) {
            notes.entry(line).or_default().push(Note::Unused(text));
        }
    }
    for &line in &e.scene_breaks {
        notes.entry(line).or_default().push(Note::Break);
    }
    // The chapter of each line (index `no`), built once so that the view stays linear.
    let mut chapter_at: Vec<Option<usize>> = vec![None; lines.len() + 2];
    for (i, r) in e.chapter_lines.iter().enumerate() {
        for no in r.start..r.end.min(chapter_at.len()) {
            chapter_at[no] = Some(i);
        }
    }
    let chapter_of = |no: usize| chapter_at.get(no).copied().flatten();
    mark_continuations(&lines, &mut notes, &chapter_of);

    let width = lines.len().to_string().len();
    let mut out = String::new();
    let mut no = 1;
    while no <= lines.len() {
        if let Some(banner) = banners.get(&no) {
            note_row(&mut out, width, banner, p);
        }
        let chapter = chapter_of(no);
        if let (Some(ch), None) = (chapter, notes.get(&no)) {
            // A run of story text: up to the next annotated line, break or chapter end.
            let end = (no + 1..=lines.len())
                .find(|&k| {
                    notes.contains_key(&k) || banners.contains_key(&k) || chapter_of(k) != Some(ch)
                })
                .unwrap_or(lines.len() + 1);
            story_run(&mut out, width, &lines, no..end, ch + 1, p);
            no = end;
            continue;
        }
        text_row(&mut out, width, no, lines[no - 1], p);
        for note in notes.get(&no).into_iter().flatten() {
            note_row(&mut out, width, note, p);
        }
        no += 1;
    }
    out
}

/// Lines right below a header line (no blank line between), outside the chapters, that feed
/// nothing of their own: the wrapped rest of that header value.
fn mark_continuations(
    lines: &[&str],
    notes: &mut BTreeMap<usize, Vec<Note>>,
    chapter_of: &dyn Fn(usize) -> Option<usize>,
) {
    let mut feeding: Option<usize> = None;
    for (i, line) in lines.iter().enumerate() {
        let no = i + 1;
        // A blank line or a frame rule (`*****`) ends a value; so does a chapter.
        if !line.chars().any(char::is_alphanumeric) || chapter_of(no).is_some() {
            feeding = None;
            continue;
        }
        match notes.get(&no) {
            Some(list) => {
                feeding = list
                    .iter()
                    .any(|n| matches!(n, Note::Fed { .. }))
                    .then_some(no);
            }
            None => {
                if let Some(from) = feeding {
                    notes.insert(no, vec![Note::Continues(from)]);
                }
            }
        }
    }
}

/// Story lines `range` of chapter `chapter`: the first lines shown, the rest collapsed.
fn story_run(
    out: &mut String,
    width: usize,
    lines: &[&str],
    range: std::ops::Range<usize>,
    chapter: usize,
    p: Palette,
) {
    let len = range.len();
    // Show through the first line with text, so the reader sees where the text starts.
    let first_text = range.clone().find(|&k| !lines[k - 1].trim().is_empty());
    let shown_to = first_text
        .map_or(range.start, |k| k + 1)
        .max(range.start + 1);
    let shown_to = if len <= RUN_SHOWN {
        range.end
    } else {
        shown_to.min(range.end)
    };
    for no in range.start..shown_to {
        text_row(out, width, no, lines[no - 1], p);
    }
    let hidden = range.end - shown_to;
    if hidden > 0 {
        let what = format!(
            "… {hidden} line{} of chapter {chapter} …",
            if hidden == 1 { "" } else { "s" }
        );
        let _ = writeln!(
            out,
            "{} {}",
            p.dim(&format!("{:>width$} ┆", "")),
            p.dim(&what)
        );
    }
}

fn text_row(out: &mut String, width: usize, no: usize, line: &str, p: Palette) {
    let shown = shorten(&line.replace('\t', "    "), LINE_WIDTH);
    let gutter = p.dim(&format!("{no:>width$} │"));
    if shown.is_empty() {
        let _ = writeln!(out, "{gutter}");
    } else {
        let _ = writeln!(out, "{gutter} {shown}");
    }
}

fn note_row(out: &mut String, width: usize, note: &Note, p: Palette) {
    let gutter = p.dim(&format!("{:>width$} │", ""));
    let mut row = |text: String| {
        let _ = writeln!(out, "{gutter}   {text}");
    };
    match note {
        Note::Fed { decisions, fields } => {
            for d in decisions {
                row(format!("▸ {}", decision(d, p, true, 60)));
            }
            if decisions.is_empty() {
                for (field, value) in fields {
                    let value = shorten(&one_line(value), 60);
                    row(format!("▸ {}: \"{value}\"", p.cyan(field)));
                }
            }
        }
        Note::Unused(text) => {
            let what = if text.is_empty() {
                "✗ looks like a header line; fed nothing".to_string()
            } else {
                format!("✗ fed nothing: \"{}\"", shorten(&one_line(text), 60))
            };
            row(p.yellow(&what));
        }
        Note::Chapter {
            number,
            origin,
            decisions,
        } => {
            let how = how_found(origin);
            row(p.magenta(&format!("■ chapter {number} starts here{how}")));
            for d in decisions {
                row(format!("  {}", decision(d, p, false, 60)));
            }
        }
        Note::Break => row(p.blue("— scene break (a break inside the chapter, not a chapter)")),
        Note::Continues(from) => row(p.dim(&format!("┆ continues line {from}"))),
    }
}

/// The rule a chapter origin names: `line 17: "Chapter One" (chapter marker)` → ` (chapter
/// marker)`; `start of text (unmarked first chapter)` → ` (unmarked first chapter)`; nothing
/// when the origin names only its line (a Markdown heading).
fn how_found(origin: &str) -> String {
    let after_quote = match origin_line(origin) {
        Some(_) => origin.rfind('"').map_or("", |q| &origin[q + 1..]),
        None => origin,
    };
    match after_quote.rfind(" (") {
        Some(at) if after_quote.ends_with(')') => after_quote[at..].to_string(),
        _ => String::new(),
    }
}

/// Markdown front matter: the line of each top-level key (`title: …` → its line number).
fn front_matter_keys(lines: &[&str]) -> HashMap<String, usize> {
    let mut keys = HashMap::new();
    if lines.first() != Some(&"---") {
        return keys;
    }
    for (i, line) in lines.iter().enumerate().skip(1) {
        if *line == "---" || *line == "..." {
            break;
        }
        if line.starts_with([' ', '\t', '-', '#']) {
            continue;
        }
        if let Some((key, _)) = line.split_once(':') {
            let key = key.trim().trim_matches(['"', '\'']);
            keys.entry(key.to_string()).or_insert(i + 1);
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_keys_and_their_lines() {
        let lines = [
            "---",
            "title: T",
            "authors:",
            "  - name: A",
            "\"rating\": G",
            "---",
            "x: y",
        ];
        let keys = front_matter_keys(&lines);
        assert_eq!(keys.get("title"), Some(&2));
        assert_eq!(keys.get("authors"), Some(&3));
        assert_eq!(keys.get("rating"), Some(&5));
        assert_eq!(keys.get("name"), None);
        assert_eq!(keys.get("x"), None);
        assert!(front_matter_keys(&["title: T"]).is_empty());
    }

    #[test]
    fn how_a_chapter_was_found() {
        assert_eq!(
            how_found("line 17: \"Chapter One\" (chapter marker)"),
            " (chapter marker)"
        );
        assert_eq!(how_found("line 15: \"## Part (One)\""), "");
        assert_eq!(
            how_found("start of text (unmarked first chapter)"),
            " (unmarked first chapter)"
        );
        assert_eq!(how_found("spine item ch1.xhtml"), "");
    }

    #[test]
    fn long_runs_collapse_after_their_first_line() {
        let lines = ["", "One.", "Two.", "", "Three.", "Four."];
        let mut out = String::new();
        story_run(&mut out, 1, &lines, 1..7, 2, Palette::plain());
        assert_eq!(out, "1 │\n2 │ One.\n  ┆ … 4 lines of chapter 2 …\n");
        let mut out = String::new();
        story_run(&mut out, 1, &lines, 2..5, 1, Palette::plain());
        assert_eq!(out, "2 │ One.\n3 │ Two.\n4 │\n");
    }
}
