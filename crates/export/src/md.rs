//! The Markdown writer: YAML front matter with the work's metadata, then `# Title`, byline,
//! summary (a blockquote), notes, `## Chapter N: Title` sections, end notes.
//!
//! Chapter HTML becomes CommonMark (emphasis, strong, links, lists, quotes, code, `---` for a
//! scene break). Text is escaped so that it never turns into Markdown by accident: `*`, `_`,
//! `` ` ``, `[`, `]`, `<`, `|`, `~` and `\` always, entity-like `&`, and at the start of a line
//! the characters that open a heading, quote, list or rule.

use ficshelf_model::Work;

use crate::blocks::{self, Block, Marks};
use crate::meta::{self, Field, format_index};
use crate::xml::{clean, one_line};
use crate::yaml::{Front, quoted};

const MARKS: Marks = Marks {
    em: "*",
    strong: "**",
    links: true,
    text: escape,
    code,
};

/// In headings a trailing `#` would be read as a closing sequence: escape every `#`.
const HEADING_MARKS: Marks = Marks {
    text: escape_heading,
    ..MARKS
};

pub(crate) fn render(work: &Work) -> String {
    let mut out = front_matter(work);
    let mut lines: Vec<String> = vec![String::new()];
    let mut title = String::new();
    escape_heading(&meta::title(work), &mut title);
    lines.push(format!("# {title}"));
    let authors: Vec<String> = work
        .authors
        .iter()
        .map(|a| one_line(&clean(&a.name)))
        .filter(|n| !n.is_empty())
        .collect();
    if !authors.is_empty() {
        let mut byline = String::from("by ");
        escape(&authors.join(", "), &mut byline);
        lines.push(String::new());
        lines.push(byline);
    }
    if let Some(doc) = parsed(work.summary.as_deref()) {
        lines.push(String::new());
        write_blocks(&[Block::Quote(doc.blocks)], &doc.links, &mut lines);
    }
    labelled(&mut lines, "Notes", work.notes.as_deref());
    for (i, ch) in work.chapters.iter().enumerate() {
        lines.push(String::new());
        let mut heading = String::new();
        escape_heading(&meta::chapter_heading(i + 1, ch), &mut heading);
        lines.push(format!("## {heading}"));
        labelled(&mut lines, "Summary", ch.summary.as_deref());
        labelled(&mut lines, "Notes", ch.notes.as_deref());
        if let Some(doc) = parsed(Some(&ch.html)) {
            lines.push(String::new());
            write_blocks(&doc.blocks, &doc.links, &mut lines);
        }
        labelled(&mut lines, "End Notes", ch.end_notes.as_deref());
    }
    if let Some(doc) = parsed(work.end_notes.as_deref()) {
        // A level-2 heading that is not `Chapter N`: the work's own end notes.
        lines.push(String::new());
        lines.push("## End Notes".into());
        lines.push(String::new());
        write_blocks(&doc.blocks, &doc.links, &mut lines);
    }
    out.push_str(&lines.join("\n"));
    out.push('\n');
    out
}

fn front_matter(work: &Work) -> String {
    let mut f = Front::default();
    let list = |v: &[String]| -> Vec<String> {
        v.iter()
            .map(|s| one_line(s))
            .filter(|s| !s.is_empty())
            .collect()
    };
    f.string("title", Some(&meta::title(work)));
    f.strings(
        "authors",
        &work
            .authors
            .iter()
            .filter_map(meta::author_text)
            .collect::<Vec<_>>(),
    );
    f.strings("fandoms", &list(&work.fandoms));
    f.string("rating", Some(work.rating.ao3.as_str()));
    f.strings(
        "warnings",
        &work
            .warnings
            .ao3
            .iter()
            .map(|w| w.as_str().to_string())
            .collect::<Vec<_>>(),
    );
    f.strings(
        "categories",
        &work
            .categories
            .iter()
            .map(|c| c.as_str().to_string())
            .collect::<Vec<_>>(),
    );
    f.strings("relationships", &list(&work.relationships));
    f.strings("characters", &list(&work.characters));
    f.strings("tags", &list(&work.tags));
    let series: Vec<Vec<(&str, String)>> = work
        .series
        .iter()
        .map(|s| {
            vec![
                ("name", quoted(&one_line(&s.name))),
                (
                    "index",
                    s.index
                        .and_then(format_index)
                        .unwrap_or_else(|| "null".into()),
                ),
                (
                    "url",
                    s.url.as_deref().map_or_else(|| "null".into(), quoted),
                ),
            ]
        })
        .collect();
    f.maps("series", &series);
    f.string(
        "published",
        work.published.map(|d| d.to_string()).as_deref(),
    );
    f.string("updated", work.updated.map(|d| d.to_string()).as_deref());
    f.string("status", Some(work.status.as_str()));
    f.string("language", work.language.as_deref());
    f.number("words", Some(&work.words.to_string()));
    f.string(
        "source",
        Field::Source.values(work).first().map(String::as_str),
    );
    // Header fields with no home of their own (Spoilers, Timeline, …), as in TXT and HTML.
    f.string_map(
        "extra",
        work.extra.iter().map(|(k, v)| (k.as_str(), v.as_str())),
    );
    f.finish()
}

fn parsed(html: Option<&str>) -> Option<blocks::Doc> {
    html.map(blocks::parse).filter(|d| !d.blocks.is_empty())
}

/// `**Label:**` then the HTML as Markdown, when it has content.
fn labelled(lines: &mut Vec<String>, label: &str, html: Option<&str>) {
    let Some(doc) = parsed(html) else { return };
    lines.push(String::new());
    lines.push(format!("**{label}:**"));
    lines.push(String::new());
    // As a block quote, so that a reader knows where the notes end and the text begins.
    write_blocks(&[Block::Quote(doc.blocks)], &doc.links, lines);
}

/// Blocks as Markdown lines, separated by blank lines.
fn write_blocks(blocks: &[Block], links: &[String], lines: &mut Vec<String>) {
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            lines.push(String::new());
        }
        match block {
            Block::Para(inl) => {
                let rendered = blocks::render_lines(inl, links, &MARKS);
                let last = rendered.len().saturating_sub(1);
                for (k, line) in rendered.into_iter().enumerate() {
                    let mut line = escape_line_start(line);
                    if k < last {
                        // A hard line break.
                        line.push('\\');
                    }
                    lines.push(line);
                }
            }
            Block::Heading(level, inl) => {
                // `##` is a chapter: headings inside chapters start at `###`.
                let hashes = "#".repeat(usize::from(*level).saturating_add(2).min(6));
                let text = blocks::render_lines(inl, links, &HEADING_MARKS).join(" ");
                lines.push(format!("{hashes} {text}"));
            }
            Block::Rule => lines.push("---".into()),
            Block::Quote(inner) => {
                let mut sub = Vec::new();
                write_blocks(inner, links, &mut sub);
                lines.extend(sub.into_iter().map(|l| {
                    if l.is_empty() {
                        ">".into()
                    } else {
                        format!("> {l}")
                    }
                }));
            }
            Block::List {
                ordered,
                start,
                items,
            } => {
                let loose = items.iter().any(|item| item.len() > 1);
                for (k, item) in items.iter().enumerate() {
                    if k > 0 && loose {
                        lines.push(String::new());
                    }
                    let marker = if *ordered {
                        let n = start.saturating_add(k as i64).clamp(0, 999_999_999);
                        format!("{n}. ")
                    } else {
                        "- ".to_string()
                    };
                    let pad = " ".repeat(marker.len());
                    let mut sub = Vec::new();
                    write_blocks(item, links, &mut sub);
                    if sub.is_empty() {
                        sub.push(String::new());
                    }
                    for (j, l) in sub.into_iter().enumerate() {
                        lines.push(match (j, l.is_empty()) {
                            (0, _) => format!("{marker}{l}").trim_end().to_string(),
                            (_, true) => String::new(),
                            _ => format!("{pad}{l}"),
                        });
                    }
                }
            }
            Block::Pre(text) => {
                let fence = "`".repeat(longest_run(text, '`').max(2) + 1);
                lines.push(fence.clone());
                lines.extend(text.lines().map(str::to_string));
                lines.push(fence);
            }
        }
    }
}

fn longest_run(s: &str, c: char) -> usize {
    let (mut best, mut cur) = (0, 0);
    for ch in s.chars() {
        cur = if ch == c { cur + 1 } else { 0 };
        best = best.max(cur);
    }
    best
}

/// Text escaped so that it cannot become Markdown inline syntax.
fn escape(s: &str, out: &mut String) {
    for (i, c) in s.char_indices() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '&' if looks_like_entity(&s[i + 1..]) => out.push_str("\\&"),
            c => out.push(c),
        }
    }
}

fn escape_heading(s: &str, out: &mut String) {
    let mut tmp = String::with_capacity(s.len());
    escape(s, &mut tmp);
    out.push_str(&tmp.replace('#', "\\#"));
}

/// Whether text after `&` would be read as an entity or character reference (`amp;`, `#39;`).
fn looks_like_entity(rest: &str) -> bool {
    let body: String = rest.chars().take(33).take_while(|&c| c != ';').collect();
    if !rest[body.len()..].starts_with(';') || body.is_empty() {
        return false;
    }
    let b = body
        .strip_prefix('#')
        .map_or(body.as_str(), |n| n.trim_start_matches(['x', 'X']));
    !b.is_empty() && b.chars().all(|c| c.is_ascii_alphanumeric())
}

/// A code span with a fence longer than any run of backticks inside.
fn code(s: &str, out: &mut String) {
    let fence = "`".repeat(longest_run(s, '`') + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') {
        " "
    } else {
        ""
    };
    out.push_str(&format!("{fence}{pad}{s}{pad}{fence}"));
}

/// Escape a character at the start of a line that would open a block: heading, quote, list
/// item, rule or setext underline.
fn escape_line_start(line: String) -> String {
    match line.chars().next() {
        Some('#' | '>' | '-' | '+' | '=') => format!("\\{line}"),
        Some(c) if c.is_ascii_digit() => {
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            match line[digits..].chars().next() {
                Some('.' | ')') if digits <= 9 => {
                    format!("{}\\{}", &line[..digits], &line[digits..])
                }
                _ => line,
            }
        }
        _ => line,
    }
}

#[cfg(test)]
mod tests;
