//! Cutting a Markdown body into blocks — headings, paragraphs, block quotes, fenced code —
//! without parsing inline Markdown: enough to find chapters, bylines and labelled notes, in one
//! linear pass. Each block keeps its Markdown source so it can be rendered to HTML later.

use ficshelf_markup::text_content;

use super::markdown_html;

pub struct Heading {
    pub level: u8,
    /// The heading's Markdown, without the `#`s.
    pub markdown: String,
    pub origin: String,
}

impl Heading {
    /// The heading as plain text (escapes and emphasis resolved).
    pub fn text(&self) -> String {
        text_content(&markdown_html(&self.markdown))
    }
}

pub struct Para {
    /// The paragraph's lines, joined with `\n`.
    pub text: String,
    pub origin: String,
}

pub struct Quote {
    /// The quote's Markdown with one level of `>` removed.
    pub inner: String,
    pub origin: String,
}

pub enum Block {
    Heading(Heading),
    Para(Para),
    Quote(Quote),
    /// Fenced code, kept verbatim.
    Code {
        markdown: String,
        origin: String,
    },
}

impl Block {
    pub fn heading(&self) -> Option<&Heading> {
        match self {
            Block::Heading(h) => Some(h),
            _ => None,
        }
    }

    pub fn origin(&self) -> &str {
        match self {
            Block::Heading(h) => &h.origin,
            Block::Para(p) => &p.origin,
            Block::Quote(q) => &q.origin,
            Block::Code { origin, .. } => origin,
        }
    }

    /// The block's Markdown source.
    fn markdown(&self) -> String {
        match self {
            Block::Heading(h) => format!("{} {}", "#".repeat(usize::from(h.level)), h.markdown),
            Block::Para(p) => p.text.clone(),
            Block::Quote(q) => q
                .inner
                .lines()
                .map(|l| format!("> {l}"))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Code { markdown, .. } => markdown.clone(),
        }
    }
}

/// HTML of a run of blocks.
pub fn html_of(blocks: &[&Block]) -> String {
    let markdown: Vec<String> = blocks.iter().map(|b| b.markdown()).collect();
    markdown_html(&markdown.join("\n\n"))
}

/// `line 12: "## Chapter 1"` (long lines shortened).
fn origin(line_no: usize, line: &str) -> String {
    let shown: String = line.chars().take(80).collect();
    let more = if shown.len() < line.len() { "…" } else { "" };
    format!("line {line_no}: \"{shown}{more}\"")
}

/// Blocks of `body`, whose first line is line `first_line + 1` of the file.
pub fn split(body: &str, first_line: usize) -> Vec<Block> {
    let lines: Vec<&str> = body.lines().collect();
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let no = first_line + i + 1;
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        if line.trim().is_empty() {
            i += 1;
        } else if let (true, Some(fence)) = (indent <= 3, fence_of(trimmed)) {
            let start = i;
            i += 1;
            while i < lines.len() && !closes(lines[i].trim_start_matches(' '), fence) {
                i += 1;
            }
            i = (i + 1).min(lines.len());
            let markdown = lines[start..i].join("\n");
            blocks.push(Block::Code {
                markdown,
                origin: origin(no, line),
            });
        } else if let (true, Some(h)) = (indent <= 3, atx_heading(trimmed)) {
            blocks.push(Block::Heading(Heading {
                level: h.0,
                markdown: h.1,
                origin: origin(no, line),
            }));
            i += 1;
        } else if indent <= 3 && trimmed.starts_with('>') {
            let mut inner = Vec::new();
            while i < lines.len() {
                let t = lines[i].trim_start_matches(' ');
                let Some(rest) = t.strip_prefix('>') else {
                    break;
                };
                inner.push(rest.strip_prefix(' ').unwrap_or(rest));
                i += 1;
            }
            blocks.push(Block::Quote(Quote {
                inner: inner.join("\n"),
                origin: origin(no, line),
            }));
        } else {
            let start = i;
            while i < lines.len() && !lines[i].trim().is_empty() {
                let t = lines[i].trim_start_matches(' ');
                let ind = lines[i].len() - t.len();
                if i > start
                    && ind <= 3
                    && (atx_heading(t).is_some() || fence_of(t).is_some() || t.starts_with('>'))
                {
                    break;
                }
                i += 1;
            }
            blocks.push(Block::Para(Para {
                text: lines[start..i].join("\n"),
                origin: origin(no, line),
            }));
        }
    }
    blocks
}

/// An opening code fence: its character and length.
fn fence_of(line: &str) -> Option<(char, usize)> {
    let c = line.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = line.chars().take_while(|x| *x == c).count();
    (n >= 3 && !(c == '`' && line[n..].contains('`'))).then_some((c, n))
}

fn closes(line: &str, (c, n): (char, usize)) -> bool {
    let run = line.chars().take_while(|x| *x == c).count();
    run >= n && line[run * c.len_utf8()..].trim().is_empty()
}

/// An ATX heading: `## Text ##` → (2, `Text`).
fn atx_heading(line: &str) -> Option<(u8, String)> {
    let level = line.bytes().take_while(|b| *b == b'#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &line[level..];
    if !(rest.is_empty() || rest.starts_with(' ') || rest.starts_with('\t')) {
        return None;
    }
    let mut text = rest.trim();
    // An optional closing sequence of `#`s, preceded by a space.
    let stripped = text.trim_end_matches('#');
    if stripped.len() < text.len()
        && (stripped.is_empty() || stripped.ends_with(' '))
        && !stripped.ends_with("\\ ")
    {
        text = stripped.trim_end();
    }
    Some((level as u8, text.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings() {
        assert_eq!(
            atx_heading("## Chapter 1: Into ##"),
            Some((2, "Chapter 1: Into".into()))
        );
        assert_eq!(atx_heading("# Title"), Some((1, "Title".into())));
        assert_eq!(atx_heading("#hashtag"), None);
        assert_eq!(atx_heading("####### seven"), None);
        assert_eq!(atx_heading("## C\\#"), Some((2, "C\\#".into())));
    }

    #[test]
    fn blocks_of_a_body() {
        let body = "# T\n\nby A\n\n> sum\n>\n> more\n\n## Chapter 1\n\nText\nwraps.\n\n```\n## not a heading\n```\n";
        let blocks = split(body, 10);
        let kinds: Vec<&str> = blocks
            .iter()
            .map(|b| match b {
                Block::Heading(_) => "h",
                Block::Para(_) => "p",
                Block::Quote(_) => "q",
                Block::Code { .. } => "c",
            })
            .collect();
        assert_eq!(kinds, ["h", "p", "q", "h", "p", "c"]);
        assert_eq!(blocks[3].origin(), "line 19: \"## Chapter 1\"");
        let Block::Quote(q) = &blocks[2] else {
            unreachable!()
        };
        assert_eq!(q.inner, "sum\n\nmore");
    }

    #[test]
    fn unclosed_fence_runs_to_the_end() {
        let blocks = split("```\n## a\n## b\n", 0);
        assert_eq!(blocks.len(), 1);
    }
}
