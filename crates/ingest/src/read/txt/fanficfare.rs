//! FanFicFare's txt layout (its `writer_txt.py`): what differs from a hand-written file.
//!
//! ```text
//! (blank lines)
//! The Title
//!
//! by Author One, Author Two
//!
//! Label: value, wrapped at 78 columns onto
//! unindented lines
//!
//! TABLE OF CONTENTS
//!
//! 1. First chapter title
//!
//!         1. First chapter title      ← indented by a tab, expanded
//!
//! text in html2text's markdown: _italic_, **bold**, * * * for <hr>, \* escapes
//!
//! End file.
//! ```
//!
//! The generic header reader already reads the title, byline and label lines; this module
//! recognizes the layout, reads the table of contents (so that chapters are split exactly at the
//! listed titles) and tells where the story starts. Line endings are CRLF, which decode already
//! turned into LF.

use super::header::Header;
use super::lines::Line;
use ficshelf_model::FieldKey;

/// The heading FanFicFare writes above its table of contents.
const TOC_HEADING: &str = "TABLE OF CONTENTS";
/// Longest table-of-contents entry taken for a chapter title.
pub const MAX_TITLE_BYTES: usize = 600;
/// The line FanFicFare writes after the last chapter, whatever the story's status.
pub const END_FILE: &str = "End file.";

/// Whether a file whose header was read as `header` is FanFicFare's txt output: it opens with a
/// title line and a byline, and has FanFicFare's table of contents after the header or its
/// `End file.` as the last line.
pub fn recognize(lines: &[Line<'_>], header: &Header) -> bool {
    let opening = matches!(
        header.fields.as_slice(),
        [title, author, ..] if title.key == FieldKey::Title
            && title.label == "title line"
            && author.key == FieldKey::Author
            && author.label == "byline"
    );
    let toc = next_content(lines, header.end).is_some_and(|k| lines[k].text == TOC_HEADING);
    let end_file = lines
        .iter()
        .rev()
        .find(|l| !l.is_blank())
        .is_some_and(|l| l.text == END_FILE);
    opening && (toc || end_file)
}

/// The table of contents starting at `from` (after blank lines): its titles and the index of
/// the first line after it. `None` when there is none.
pub fn table_of_contents(lines: &[Line<'_>], from: usize) -> Option<(Vec<String>, usize)> {
    let start = next_content(lines, from)?;
    if lines[start].text != TOC_HEADING {
        return None;
    }
    let mut titles: Vec<String> = Vec::new();
    let mut k = start + 1;
    let mut blanks = 0;
    while k < lines.len() {
        let line = &lines[k];
        if line.is_blank() {
            blanks += 1;
            k += 1;
            continue;
        }
        // The first chapter heading: indented, or after the wider gap that ends the page, or
        // the first title again.
        let entry = paragraph(lines, k);
        if line.indent >= 4
            || (blanks >= 3 && !titles.is_empty())
            || titles.first() == Some(&entry.0)
        {
            break;
        }
        // A chapter title is a line or two; a longer "entry" is not one, and matching it at
        // every paragraph of the story would cost its length each time.
        if entry.0.len() <= MAX_TITLE_BYTES {
            titles.push(entry.0);
        }
        k = entry.1;
        blanks = 0;
    }
    Some((titles, k))
}

/// The paragraph starting at `k`, its lines joined with spaces, and the index after it.
fn paragraph(lines: &[Line<'_>], k: usize) -> (String, usize) {
    let mut j = k;
    let mut parts = Vec::new();
    while j < lines.len() && !lines[j].is_blank() {
        parts.push(lines[j].text);
        j += 1;
    }
    (parts.join(" "), j)
}

fn next_content(lines: &[Line<'_>], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&k| !lines[k].is_blank())
}

#[cfg(test)]
mod tests {
    use super::super::{header, lines::split};
    use super::*;

    const SAMPLE: &str = "\n\n\nA Title\n\nby Someone\n\n\n\nRating: Teen\nSummary: A summary\nthat wraps.\n\n\n\n\n\nTABLE OF CONTENTS\n\n\n1. One\n\n2. Two, with a title long enough\nto wrap\n\n\n\n\n        1. One\n\n\nText one.\n\n\n\n\n        2. Two, with a title long enough to wrap\n\n\nText two.\n\n\n\n\nEnd file.\n";

    #[test]
    fn recognizes_and_reads_the_table_of_contents() {
        let lines = split(SAMPLE);
        let h = header::read(&lines, 0);
        assert!(recognize(&lines, &h));
        let (titles, after) = table_of_contents(&lines, h.end).expect("toc");
        assert_eq!(
            titles,
            vec!["1. One", "2. Two, with a title long enough to wrap"]
        );
        assert_eq!(lines[after].text, "1. One");
        assert_eq!(lines[after].indent, 8);
    }

    #[test]
    fn an_overlong_entry_is_not_a_title() {
        let long = "word ".repeat(200);
        let text = format!(
            "T\n\nby A\n\nRating: G\n\nTABLE OF CONTENTS\n\n{long}\n\nShort\n\n\n\n        Short\n\nText.\n"
        );
        let lines = split(&text);
        let h = header::read(&lines, 0);
        let (titles, _) = table_of_contents(&lines, h.end).expect("toc");
        assert_eq!(titles, vec!["Short"]);
    }

    #[test]
    fn a_plain_file_is_not_fanficfare() {
        let lines = split("A Title\n\nby Someone\n\nStory.\n\nThe End\n");
        let h = header::read(&lines, 0);
        assert!(!recognize(&lines, &h));
    }
}
