//! The plain-text writer, in the layout of docs/ficshelf-formats.md ("TXT") that ficshelf's
//! text reader reads back: a `Label: value` header block with indented Summary and Notes, a
//! rule of `=`, `Chapter N: Title` headings, paragraphs wrapped at 78 columns with `_italic_`
//! and `**bold**`, `* * *` scene breaks, end notes after a closing rule.

use ficshelf_model::Work;

use crate::blocks::{self, Block, Marks};
use crate::meta::{self, Field};
use crate::xml::{clean, one_line};

/// Lines are wrapped at this many characters.
pub(crate) const WIDTH: usize = 78;

/// The line that ends the header block and comes before the end notes.
const RULE: &str = "========================================================================";

/// The header order of the TXT layout.
const FIELDS: &[Field] = &[
    Field::Fandoms,
    Field::Rating,
    Field::Warnings,
    Field::Categories,
    Field::Relationships,
    Field::Characters,
    Field::Tags,
    Field::Series,
    Field::Published,
    Field::Updated,
    Field::Status,
    Field::Language,
    Field::Words,
    Field::Source,
];

const MARKS: Marks = Marks {
    em: "_",
    strong: "**",
    links: false,
    text: |s, out| out.push_str(s),
    code: |s, out| out.push_str(s),
};

pub(crate) fn render(work: &Work) -> String {
    let mut lines: Vec<String> = Vec::new();
    header(&mut lines, "Title", &meta::title(work));
    for a in &work.authors {
        if let Some(author) = meta::author_text(a) {
            header(&mut lines, "Author", &author);
        }
    }
    for &field in FIELDS {
        let values = field.values(work);
        if field == Field::Series {
            // A series name may hold a comma: one line per series, like authors.
            for v in &values {
                header(&mut lines, field.label(), v);
            }
        } else if !values.is_empty() {
            header(&mut lines, field.label(), &join(&values));
        }
    }
    for (label, value) in &work.extra {
        let (label, value) = (one_line(&clean(label)), one_line(&clean(value)));
        if !label.is_empty() && !value.is_empty() {
            header(&mut lines, &label, &value);
        }
    }
    labelled_block(&mut lines, "Summary", work.summary.as_deref());
    labelled_block(&mut lines, "Notes", work.notes.as_deref());
    lines.push(String::new());
    lines.push(RULE.to_string());
    for (i, ch) in work.chapters.iter().enumerate() {
        lines.push(String::new());
        lines.push(meta::chapter_heading(i + 1, ch));
        if [&ch.summary, &ch.notes]
            .iter()
            .any(|h| h.as_deref().is_some_and(has_text))
        {
            lines.push(String::new());
            labelled_block(&mut lines, "Summary", ch.summary.as_deref());
            labelled_block(&mut lines, "Notes", ch.notes.as_deref());
        }
        let doc = blocks::parse(&ch.html);
        if !doc.blocks.is_empty() {
            lines.push(String::new());
            write_blocks(&doc.blocks, &doc.links, "", &mut lines);
        }
        if ch.end_notes.as_deref().is_some_and(has_text) {
            lines.push(String::new());
            labelled_block(&mut lines, "End Notes", ch.end_notes.as_deref());
        }
    }
    if work.end_notes.as_deref().is_some_and(has_text) {
        lines.push(String::new());
        lines.push(RULE.to_string());
        lines.push(String::new());
        labelled_block(&mut lines, "End Notes", work.end_notes.as_deref());
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// Values joined with `, `, or with `; ` when a value holds a comma.
pub(crate) fn join(values: &[String]) -> String {
    let sep = if values.iter().any(|v| v.contains(',')) {
        "; "
    } else {
        ", "
    };
    values.join(sep)
}

/// `Label: value`, continued on lines indented by four spaces.
fn header(lines: &mut Vec<String>, label: &str, value: &str) {
    let value = one_line(&clean(value));
    let first = format!("{label}:");
    // The label is one unbreakable word, even when it holds spaces (`Additional Tags:`).
    let words = std::iter::once(first.as_str()).chain(value.split(' ').filter(|w| !w.is_empty()));
    for (i, piece) in wrap_words(words, WIDTH, WIDTH - 4).into_iter().enumerate() {
        lines.push(if i == 0 {
            piece
        } else {
            format!("    {piece}")
        });
    }
}

fn has_text(html: &str) -> bool {
    !blocks::parse(html).blocks.is_empty()
}

/// `Label:` then the HTML as indented text, paragraphs separated by blank lines.
fn labelled_block(lines: &mut Vec<String>, label: &str, html: Option<&str>) {
    let Some(doc) = html.map(blocks::parse).filter(|d| !d.blocks.is_empty()) else {
        return;
    };
    lines.push(format!("{label}:"));
    write_blocks(&doc.blocks, &doc.links, "    ", lines);
}

/// Blocks as lines under `indent`, separated by blank lines.
fn write_blocks(blocks: &[Block], links: &[String], indent: &str, lines: &mut Vec<String>) {
    let width = WIDTH.saturating_sub(indent.chars().count()).max(20);
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            lines.push(String::new());
        }
        match block {
            Block::Para(inl) | Block::Heading(_, inl) => {
                for line in blocks::render_lines(inl, links, &MARKS) {
                    for piece in wrap(&line, width) {
                        lines.push(format!("{indent}{piece}"));
                    }
                }
            }
            Block::Rule => lines.push(format!("{indent}* * *")),
            Block::Quote(inner) => write_blocks(inner, links, &format!("{indent}    "), lines),
            Block::List {
                ordered,
                start,
                items,
            } => {
                for (k, item) in items.iter().enumerate() {
                    let marker = if *ordered {
                        format!("{}. ", start.saturating_add(k as i64))
                    } else {
                        "- ".to_string()
                    };
                    let prefix = format!("{indent}{}", " ".repeat(marker.chars().count()));
                    let at = lines.len();
                    write_blocks(item, links, &prefix, lines);
                    let marked = match lines.get(at) {
                        Some(first) => {
                            let rest = first.strip_prefix(prefix.as_str()).unwrap_or("");
                            format!("{indent}{marker}{rest}")
                        }
                        None => format!("{indent}{marker}"),
                    };
                    let marked = marked.trim_end().to_string();
                    match lines.get_mut(at) {
                        Some(first) => *first = marked,
                        None => lines.push(marked),
                    }
                }
            }
            Block::Pre(text) => {
                for line in text.lines() {
                    lines.push(format!("{indent}{line}").trim_end().to_string());
                }
            }
        }
    }
}

/// Greedy word wrap at spaces; a word longer than `width` gets a line of its own.
pub(crate) fn wrap(line: &str, width: usize) -> Vec<String> {
    wrap_words(line.split(' ').filter(|w| !w.is_empty()), width, width)
}

/// Words joined into lines of at most `first` characters for the first line and `rest` for
/// the others (a longer word has a line of its own).
fn wrap_words<'a>(words: impl Iterator<Item = &'a str>, first: usize, rest: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut len = 0;
    for word in words {
        let wl = word.chars().count();
        let width = if out.is_empty() { first } else { rest };
        if len > 0 && len + 1 + wl > width {
            out.push(std::mem::take(&mut cur));
            len = 0;
        }
        if len > 0 {
            cur.push(' ');
            len += 1;
        }
        cur.push_str(word);
        len += wl;
    }
    if !cur.is_empty() || out.is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests;
