//! The Markdown reader: a text file that opens with YAML front matter → `RawWork` (format
//! `txt`, since Markdown is plain text with conventions).
//!
//! It reads ficshelf's own `.md` back exactly (docs/ficshelf-formats.md) and any Markdown fic
//! with front matter sensibly:
//!
//! 1. `front`: the front matter gives the fields.
//! 2. The body is cut into blocks (paragraphs, block quotes, fenced code) without parsing
//!    inline Markdown, and into chapters at `## ` headings (or at `# ` headings when there are
//!    several and no `## `); a final `## End Notes` section is the work's end notes.
//! 3. Before the first chapter: the `# Title` heading, a `by …` byline, a block quote summary and
//!    a `**Notes:**` block quote. Inside a chapter: `**Summary:**`/`**Notes:**` block quotes at
//!    the start and an `**End Notes:**` block quote at the end.
//! 4. Each piece of Markdown becomes HTML with pulldown-cmark; the normalizer sanitizes it.

mod blocks;
mod front;

use ficshelf_markup::text_content;
use ficshelf_model::{
    Diagnostic, FieldKey, Format, Limits, Producer, RawChapter, RawField, RawWork,
};

use crate::IngestError;
use blocks::{Block, Heading};

pub use front::parse as front_matter;

/// Read Markdown `text` (already decoded) whose front matter is `front`.
pub fn read(
    text: &str,
    front: front::FrontMatter,
    encoding: String,
    diagnostics: Vec<Diagnostic>,
    limits: &Limits,
) -> Result<RawWork, IngestError> {
    let producer = if front.ficshelf {
        Producer::Ficshelf
    } else {
        Producer::Plain
    };
    let mut raw = RawWork::new(Format::Txt, producer, encoding);
    raw.diagnostics = diagnostics;
    let has = |raw: &RawWork, key: FieldKey| raw.fields.iter().any(|f| f.key == key);
    let body = &text[front.body_start.min(text.len())..];
    raw.fields = front.fields;
    raw.unused = front.unused;

    let depth = quote_depth(body);
    if depth > ficshelf_markup::SANITIZE_MAX_DEPTH {
        raw.diagnostics.push(Diagnostic::warning(format!(
            "block quotes nested {depth} deep: quoting below {} levels flattened, text kept",
            ficshelf_markup::SANITIZE_MAX_DEPTH
        )));
    }
    let blocks = blocks::split(body, front.lines);
    let level = chapter_level(&blocks);
    let first_chapter = blocks
        .iter()
        .position(|b| b.heading().is_some_and(|h| h.level == level));
    let (prelude, rest) = blocks.split_at(first_chapter.unwrap_or(blocks.len()));

    // Before the first chapter.
    let mut loose = Vec::new();
    let mut i = 0;
    while i < prelude.len() {
        let block = &prelude[i];
        match block {
            Block::Heading(h) if h.level == 1 && i == 0 => {
                if !has(&raw, FieldKey::Title) {
                    raw.push(RawField::new(
                        FieldKey::Title,
                        "heading",
                        h.text(),
                        &h.origin,
                    ));
                }
            }
            Block::Para(p) if i <= 1 && p.text.starts_with("by ") && !p.text.contains('\n') => {
                if has(&raw, FieldKey::Author) {
                    raw.unused.push((p.origin.clone(), p.text.clone()));
                } else {
                    let names = text_content(&markdown_html(&p.text[3..]));
                    raw.push(RawField::new(FieldKey::Author, "byline", names, &p.origin));
                }
            }
            Block::Quote(q) if loose.is_empty() && !has(&raw, FieldKey::Summary) => {
                raw.push(html_field(
                    FieldKey::Summary,
                    "block quote",
                    &q.inner,
                    &q.origin,
                ));
            }
            Block::Para(p) if label_of(&p.text) == Some("Notes") => {
                if let Some(Block::Quote(q)) = prelude.get(i + 1) {
                    raw.push(html_field(
                        FieldKey::Notes,
                        "**Notes:**",
                        &q.inner,
                        &p.origin,
                    ));
                    i += 1;
                } else {
                    loose.push(block);
                }
            }
            other => loose.push(other),
        }
        i += 1;
    }
    if !loose.is_empty() && loose.iter().any(|b| !matches!(b, Block::Heading(_))) {
        let origin = format!("{} (text before the first heading)", loose[0].origin());
        raw.chapters
            .push(RawChapter::new(None, blocks::html_of(&loose), origin));
    }

    // The chapters, and the work's end notes.
    let mut chapter_starts: Vec<usize> = rest
        .iter()
        .enumerate()
        .filter(|(_, b)| b.heading().is_some_and(|h| h.level == level))
        .map(|(k, _)| k)
        .collect();
    chapter_starts.push(rest.len());
    for w in chapter_starts.windows(2) {
        let Some(heading) = rest[w[0]].heading() else {
            continue;
        };
        let body: Vec<&Block> = rest[w[0] + 1..w[1]].iter().collect();
        if w[1] == rest.len() && heading.text() == "End Notes" && level == 2 {
            let html = blocks::html_of(&body);
            raw.push(
                RawField::new(
                    FieldKey::EndNotes,
                    "## End Notes",
                    text_content(&html),
                    &heading.origin,
                )
                .with_html(html),
            );
            continue;
        }
        if let Some(chapter) = chapter(heading, &body) {
            raw.chapters.push(chapter);
        } else {
            raw.unused.push((heading.origin.clone(), heading.text()));
        }
    }
    if raw.chapters.len() > limits.max_chapters {
        return Err(IngestError::TooManyChapters {
            found: raw.chapters.len(),
            limit: limits.max_chapters,
        });
    }
    if raw.chapters.is_empty() {
        raw.diagnostics.push(Diagnostic::warning(
            "no story text found after the front matter",
        ));
    }
    Ok(raw)
}

/// `## ` headings cut chapters; without any, several `# ` headings do.
fn chapter_level(blocks: &[Block]) -> u8 {
    let count = |level| {
        blocks
            .iter()
            .filter(|b| b.heading().is_some_and(|h| h.level == level))
            .count()
    };
    if count(2) > 0 || count(1) < 2 { 2 } else { 1 }
}

/// A chapter from its heading and blocks: `**Summary:**`/`**Notes:**` quotes first, then the
/// text, then an `**End Notes:**` quote. `None` when there is no text at all.
fn chapter(heading: &Heading, body: &[&Block]) -> Option<RawChapter> {
    let mut body = body;
    let mut parts: [Option<String>; 3] = [None, None, None];
    while let [Block::Para(p), Block::Quote(q), tail @ ..] = body {
        let slot = match label_of(&p.text) {
            Some("Summary") => 0,
            Some("Notes") => 1,
            _ => break,
        };
        parts[slot] = Some(markdown_html(&q.inner));
        body = tail;
    }
    if let [head @ .., Block::Para(p), Block::Quote(q)] = body
        && label_of(&p.text) == Some("End Notes")
    {
        parts[2] = Some(markdown_html(&q.inner));
        body = head;
    }
    let html = blocks::html_of(body);
    if text_content(&html).is_empty() {
        return None;
    }
    let [summary, notes, end_notes] = parts;
    let mut chapter = RawChapter::new(Some(heading.text()), html, heading.origin.clone());
    chapter.summary = summary;
    chapter.notes = notes;
    chapter.end_notes = end_notes;
    Some(chapter)
}

/// `Notes` for a paragraph that is exactly `**Notes:**`.
fn label_of(para: &str) -> Option<&str> {
    para.strip_prefix("**")?
        .strip_suffix(":**")
        .filter(|l| !l.contains('*'))
}

fn html_field(key: FieldKey, label: &str, markdown: &str, origin: &str) -> RawField {
    let html = markdown_html(markdown);
    RawField::new(key, label, text_content(&html), origin).with_html(html)
}

/// Markdown → HTML (unsanitized; the normalizer sanitizes every fragment).
///
/// Nesting deeper than the sanitizer's fixed bound (512) is flattened here, text kept: a line
/// of 100,000 `>`s makes as many nested `<blockquote>`s, and html5ever, which every later step
/// parses the HTML with, takes time quadratic in the depth (41 s for that line, from a 100 KB
/// file); the sanitizer would flatten it at the same depth anyway.
pub(crate) fn markdown_html(markdown: &str) -> String {
    use pulldown_cmark::{Options, Parser, html};
    let mut out = String::with_capacity(markdown.len() + markdown.len() / 4);
    html::push_html(
        &mut out,
        Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH),
    );
    let (flat, _) = ficshelf_markup::flatten_deep(&out, ficshelf_markup::SANITIZE_MAX_DEPTH);
    drop_block_newlines(&flat)
}

/// How deep the block quotes of `body` nest, as their leading `>`s say (spaces between them
/// allowed): the one way Markdown nests without limit in a few bytes.
fn quote_depth(body: &str) -> usize {
    body.lines()
        .map(|l| {
            l.chars()
                .filter(|c| *c != ' ')
                .take_while(|c| *c == '>')
                .count()
        })
        .max()
        .unwrap_or(0)
}

/// pulldown-cmark ends every block with a newline; other readers give `<p>a</p><p>b</p>`. The
/// newlines between block tags carry nothing, and keeping them would make the same story read
/// from Markdown differ from the same story read from HTML or EPUB.
fn drop_block_newlines(html: &str) -> String {
    const AFTER: &[&str] = &[
        "</p>",
        "</blockquote>",
        "<blockquote>",
        "<hr />",
        "</li>",
        "<ul>",
        "</ul>",
        "<ol>",
        "</ol>",
        "</pre>",
        "</h1>",
        "</h2>",
        "</h3>",
        "</h4>",
        "</h5>",
        "</h6>",
        "</table>",
        "</tr>",
        "</thead>",
        "</tbody>",
        "<tr>",
        "<thead>",
        "<tbody>",
        "</td>",
        "</th>",
    ];
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(nl) = rest.find('\n') {
        let (before, after) = rest.split_at(nl);
        out.push_str(before);
        if !AFTER.iter().any(|t| before.ends_with(t)) {
            out.push('\n');
        }
        rest = &after[1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests;
