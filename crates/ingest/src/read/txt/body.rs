//! One chapter's lines → its HTML: paragraphs, scene breaks, end markers.
//!
//! The last step of the txt reader, run once per chapter after the header and the chapter
//! boundaries are known. Blank lines separate paragraphs; the hard-wrapped lines of a paragraph
//! are joined with a space; a scene break (`* * *`, `~*~*~`, `oOo`, a run of 3+ blank lines)
//! becomes `<hr/>`, never a chapter; end markers (`The End`, `TBC`, `End file.`) are taken out
//! of the text and reported so that the reader can emit a `Status` field. A block indented by
//! four or more spaces in a text that mostly is not (ficshelf's TXT), or quoted with `>`
//! (html2text), is a `<blockquote>`.

use super::inline;
use super::lines::{EndMark, Line, end_marker, is_scene_break};

/// How the file's producer writes text.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    /// html2text output (FanFicFare): `\*` escapes, and a line ending in two spaces is a `<br>`.
    pub markdown_escapes: bool,
}

/// A chapter's HTML and what was taken out of it.
#[derive(Debug, Default)]
pub struct Body {
    pub html: String,
    /// Story end markers removed, as (origin, text as written).
    pub end_marks: Vec<(String, String)>,
    /// Part end markers (`End part 1`) removed: (origin, text).
    pub removed: Vec<(String, String)>,
    /// Paragraphs written.
    pub paragraphs: usize,
}

#[derive(Debug)]
enum Item {
    Para(String),
    /// A paragraph inside a block quotation.
    Quote(String),
    /// An explicit scene break line.
    Break,
    /// A run of blank lines long enough to be a break, if the file does not use such runs
    /// between every paragraph.
    Gap,
}

/// Build the HTML of one chapter from its lines.
pub fn build(lines: &[Line<'_>], style: Style) -> Body {
    let mut body = Body::default();
    let mut items: Vec<Item> = Vec::new();
    let groups = groups(lines);
    let last_group = groups.len().saturating_sub(1);
    let mut gaps = 0usize;
    let quoting = Quoting::of(&groups, style);
    for (g, (blank_before, group)) in groups.into_iter().enumerate() {
        if blank_before >= 3 && matches!(items.last(), Some(Item::Para(_) | Item::Quote(_))) {
            items.push(Item::Gap);
        }
        if blank_before >= 1 {
            gaps += 1;
        }
        let group = take_end_marks(group, g == last_group, &mut body);
        if group.is_empty() {
            continue;
        }
        if group.len() == 1 && is_scene_break(group[0].text) {
            items.push(Item::Break);
            continue;
        }
        if let Some(quoted) = quoting.quoted(group) {
            items.extend(paragraphs(&quoted, style).into_iter().map(Item::Quote));
            continue;
        }
        for para in paragraphs(group, style) {
            items.push(Item::Para(para));
        }
    }
    // A file that leaves three blank lines between most paragraphs means nothing by them.
    let long_gaps = items.iter().filter(|i| matches!(i, Item::Gap)).count();
    let gaps_are_breaks = long_gaps < 3 || long_gaps * 2 <= gaps;
    body.html = render(items, gaps_are_breaks, &mut body.paragraphs);
    body
}

/// Lines grouped into runs of non-blank lines, each with the number of blank lines before it.
/// Scene-break lines always form a group of their own, even without blank lines around them.
fn groups<'l, 'a>(lines: &'l [Line<'a>]) -> Vec<(usize, &'l [Line<'a>])> {
    let mut out = Vec::new();
    let mut blanks = 0;
    let mut start = None;
    for (i, line) in lines.iter().enumerate() {
        let breaks = !line.is_blank() && is_scene_break(line.text);
        if line.is_blank() || breaks {
            if let Some(s) = start.take() {
                out.push((blanks, &lines[s..i]));
                blanks = 0;
            }
            if breaks {
                out.push((blanks, &lines[i..=i]));
                blanks = 0;
            } else {
                blanks += 1;
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((blanks, &lines[s..]));
    }
    out
}

/// Which groups are block quotations in this chapter.
struct Quoting {
    /// Indented blocks are quotations (fewer than half of the chapter's blocks are).
    by_indent: bool,
    /// `> ` lines are quotations (html2text).
    by_marker: bool,
}

impl Quoting {
    fn of(groups: &[(usize, &[Line<'_>])], style: Style) -> Quoting {
        let text_groups = groups
            .iter()
            .filter(|(_, g)| !is_scene_break(g[0].text))
            .count();
        let indented = groups.iter().filter(|(_, g)| min_indent(g) >= 4).count();
        Quoting {
            by_indent: indented > 0 && indented * 2 < text_groups,
            by_marker: style.markdown_escapes,
        }
    }

    /// The group's lines without their quotation marks, if it is a quotation.
    fn quoted<'a>(&self, group: &[Line<'a>]) -> Option<Vec<Line<'a>>> {
        if self.by_indent && min_indent(group) >= 4 {
            return Some(group.to_vec());
        }
        if self.by_marker && group.iter().all(|l| l.text.starts_with('>')) {
            let strip = |l: &Line<'a>| {
                let text = l.text.trim_start_matches('>').trim();
                Line {
                    text,
                    raw: text,
                    indent: 0,
                    ..*l
                }
            };
            return Some(group.iter().map(strip).collect());
        }
        None
    }
}

fn min_indent(group: &[Line<'_>]) -> usize {
    group.iter().map(|l| l.indent).min().unwrap_or(0)
}

/// Remove end markers: a group that is one marker line, or (in the chapter's last group) a
/// marker on the group's last line, stuck to the final paragraph.
fn take_end_marks<'l, 'a>(group: &'l [Line<'a>], last: bool, body: &mut Body) -> &'l [Line<'a>] {
    let mut take = |line: &Line<'a>, mark: EndMark| match mark {
        EndMark::Story => body.end_marks.push((line.origin(), line.text.to_string())),
        EndMark::Part => body.removed.push((line.origin(), line.text.to_string())),
    };
    if let [only] = group {
        if let Some(mark) = end_marker(only.text) {
            take(only, mark);
            return &[];
        }
        return group;
    }
    if last
        && let Some((tail, rest)) = group.split_last()
        && let Some(mark) = end_marker(tail.text)
    {
        take(tail, mark);
        return rest;
    }
    group
}

/// One group of lines → its paragraphs' inner HTML.
///
/// - lines longer than 100 characters mean the text is not hard-wrapped: each line is a
///   paragraph;
/// - several short lines (a poem, a letter's sign-off) keep their line breaks;
/// - in wrapped text, a line indented deeper than the group starts a new paragraph
///   (first-line indents), and the rest are joined with spaces.
fn paragraphs(group: &[Line<'_>], style: Style) -> Vec<String> {
    let html = |s: &str| inline::to_html(s, style.markdown_escapes);
    if group.len() == 1 {
        return vec![html(group[0].text)];
    }
    let long = group
        .iter()
        .any(|l| l.text.len() > 100 && l.text.chars().count() > 100);
    if long {
        return group.iter().map(|l| html(l.text)).collect();
    }
    let short = group.iter().all(|l| l.text.chars().count() <= 40);
    let hard_breaks = style.markdown_escapes && group.iter().any(|l| l.raw.ends_with("  "));
    if short || hard_breaks {
        return vec![
            group
                .iter()
                .map(|l| html(l.text))
                .collect::<Vec<_>>()
                .join("<br/>"),
        ];
    }
    let min_indent = group.iter().map(|l| l.indent).min().unwrap_or(0);
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for (k, line) in group.iter().enumerate() {
        if k > 0 && line.indent > min_indent && !current.is_empty() {
            out.push(html(&current.join(" ")));
            current.clear();
        }
        current.push(line.text);
    }
    if !current.is_empty() {
        out.push(html(&current.join(" ")));
    }
    out
}

/// Items → HTML, one block per line; breaks at the edges and repeated breaks dropped;
/// consecutive quoted paragraphs share one `<blockquote>`.
fn render(items: Vec<Item>, gaps_are_breaks: bool, paragraphs: &mut usize) -> String {
    let mut blocks: Vec<String> = Vec::new();
    let mut quote: Vec<String> = Vec::new();
    let mut pending_break = false;
    for item in items {
        let (html, quoted) = match item {
            Item::Break => {
                pending_break = true;
                continue;
            }
            Item::Gap => {
                pending_break |= gaps_are_breaks;
                continue;
            }
            Item::Para(p) => (format!("<p>{p}</p>"), false),
            Item::Quote(p) => (format!("<p>{p}</p>"), true),
        };
        if !quoted || pending_break {
            close_quote(&mut quote, &mut blocks);
        }
        if pending_break && !blocks.is_empty() {
            blocks.push("<hr/>".to_string());
        }
        pending_break = false;
        *paragraphs += 1;
        if quoted {
            quote.push(html);
        } else {
            blocks.push(html);
        }
    }
    close_quote(&mut quote, &mut blocks);
    blocks.join("\n")
}

fn close_quote(quote: &mut Vec<String>, blocks: &mut Vec<String>) {
    if !quote.is_empty() {
        blocks.push(format!("<blockquote>{}</blockquote>", quote.concat()));
        quote.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::super::lines::split;
    use super::*;

    fn html(text: &str) -> Body {
        build(&split(text), Style::default())
    }

    #[test]
    fn paragraphs_and_wrapping() {
        let b = html(
            "First line of a paragraph that was wrapped by\nits writer at sixty columns or so, long.\n\nSecond.",
        );
        assert_eq!(
            b.html,
            "<p>First line of a paragraph that was wrapped by its writer at sixty columns or so, long.</p>\n<p>Second.</p>"
        );
        assert_eq!(b.paragraphs, 2);
    }

    #[test]
    fn scene_breaks_in_all_shapes() {
        for brk in ["* * *", "~*~*~", "-----", "#", "oOo"] {
            let b = html(&format!("Before.\n\n{brk}\n\nAfter."));
            assert_eq!(b.html, "<p>Before.</p>\n<hr/>\n<p>After.</p>", "{brk:?}");
        }
        let b = html("Before.\n\n\n\nAfter.");
        assert_eq!(b.html, "<p>Before.</p>\n<hr/>\n<p>After.</p>");
        // Breaks at the edges and repeated breaks mean nothing.
        let b = html("* * *\n\nOnly.\n\n* * *\n\n~~~\n\n");
        assert_eq!(b.html, "<p>Only.</p>");
    }

    #[test]
    fn blank_runs_everywhere_are_not_breaks() {
        let b = html("One.\n\n\n\nTwo.\n\n\n\nThree.\n\n\n\nFour.");
        assert_eq!(
            b.html,
            "<p>One.</p>\n<p>Two.</p>\n<p>Three.</p>\n<p>Four.</p>"
        );
    }

    #[test]
    fn end_markers_are_removed_and_reported() {
        let b = html("It ended.\n\nThe End\n");
        assert_eq!(b.html, "<p>It ended.</p>");
        assert_eq!(b.end_marks.len(), 1);
        assert_eq!(
            b.end_marks[0],
            ("line 3: \"The End\"".to_string(), "The End".to_string())
        );
        let b =
            html("Last paragraph, the marker stuck\nto it by a careless writer at the end.\nTBC");
        assert_eq!(b.end_marks[0].1, "TBC");
        assert!(!b.html.contains("TBC"));
        let b = html("Text.\n\nEnd Part 1/3\n\nMore.");
        assert_eq!(b.html, "<p>Text.</p>\n<p>More.</p>");
        assert_eq!(b.removed.len(), 1);
    }

    #[test]
    fn short_lines_keep_breaks_and_indents_split() {
        let b = html("Roses are red,\nviolets are blue.");
        assert_eq!(b.html, "<p>Roses are red,<br/>violets are blue.</p>");
        let b = html(
            "    She walked into the room and looked around for a while, slowly.\nThen she sat down on the old chair by the window and waited.\n    He came in.  After that, nothing much happened for the rest of the day.",
        );
        assert_eq!(b.paragraphs, 2, "{}", b.html);
    }

    #[test]
    fn indented_blocks_and_html2text_quotes_are_blockquotes() {
        let b = html(
            "She wrote:\n\n    Dear sender,\n    the light is kept.\n\n    Yours.\n\nThen she slept.\n\nAnd woke.",
        );
        assert_eq!(
            b.html,
            "<p>She wrote:</p>\n<blockquote><p>Dear sender,<br/>the light is kept.</p><p>Yours.</p></blockquote>\n<p>Then she slept.</p>\n<p>And woke.</p>"
        );
        // Every paragraph indented: that is the file's style, not quotation.
        let b = html("    One.\n\n    Two.");
        assert_eq!(b.html, "<p>One.</p>\n<p>Two.</p>");
        let style = Style {
            markdown_escapes: true,
        };
        let quote = "> quoted _words_ that run on long enough to be wrapped by html2text at\n> seventy-eight columns";
        let b = build(&split(&format!("Said:\n\n{quote}\n\nDone.")), style);
        assert_eq!(
            b.html,
            "<p>Said:</p>\n<blockquote><p>quoted <em>words</em> that run on long enough to be wrapped by html2text at seventy-eight columns</p></blockquote>\n<p>Done.</p>"
        );
    }

    #[test]
    fn unwrapped_lines_are_paragraphs() {
        let long = "x".repeat(120);
        let b = html(&format!("{long}\n{long}"));
        assert_eq!(b.paragraphs, 2);
    }
}
