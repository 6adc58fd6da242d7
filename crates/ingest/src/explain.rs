//! `ficshelf inspect --explain`: the whole pipeline once more, keeping what a plain read throws
//! away — the decoded text, the `RawWork` as the reader found it, every normalizer
//! [`Decision`], and the places in the text that no origin names (chapter bodies, scene
//! breaks) — so that the CLI can show a file line by line with what each line became.
//!
//! The file is detected and decoded once; the txt and Markdown readers then read that very
//! text (`read::txt::read_decoded`), so the line numbers shown are the ones origins cite.
//! HTML and EPUB have no meaningful line view: `text` is `None` and the CLI lists origins.

use std::ops::Range;
use std::path::Path;

use ficshelf_model::{Format, RawWork, Work};
use ficshelf_normalize::{Decision, SourceFacts};

use crate::read::txt::{self, lines};
use crate::{IngestError, Options, decode, read};

/// A file as ficshelf understood it, for `--explain`.
#[derive(Debug, Clone)]
pub struct Explained {
    /// The decoded text (NFC, LF line endings) for plain text and Markdown; `None` for HTML and
    /// EPUB. Line `n` of origins (`line 4: "RATING: R"`) is `text.split('\n').nth(n - 1)`.
    pub text: Option<String>,
    /// What the reader found, before normalization (fields with origins, chapters, unused
    /// header-like lines, the reader's diagnostics).
    pub raw: RawWork,
    /// The normalized work: the same as `read_path` gives.
    pub work: Work,
    /// Every mapping the normalizer made, in order.
    pub decisions: Vec<Decision>,
    /// For each of `raw.chapters`, the 1-based line numbers of its body (`start..end`, the
    /// marker line excluded) when `text` is known; empty otherwise.
    pub chapter_lines: Vec<Range<usize>>,
    /// 1-based numbers of the lines inside chapter bodies that the reader took as scene breaks
    /// (`* * *`, `~*~`, `oOo`), in order.
    pub scene_breaks: Vec<usize>,
}

/// Read, normalize and explain the file at `path`, with the same limits as [`crate::read_path`].
pub fn explain(path: &Path, opts: &Options) -> Result<Explained, IngestError> {
    let bytes = crate::read_limited(path, opts.limits.max_file_bytes)?;
    explain_bytes(&path.display().to_string(), &bytes, opts)
}

/// [`explain`] for a file already in memory (`display_path` as in [`crate::read_bytes`]).
pub(crate) fn explain_bytes(
    display_path: &str,
    bytes: &[u8],
    opts: &Options,
) -> Result<Explained, IngestError> {
    let format = crate::checked_format(display_path, bytes, opts)?;
    let (raw, text, bodies) = match format {
        Format::Txt => {
            let decoded = decode::decode(bytes, None);
            let (raw, layout) = txt::read_decoded(&decoded, &opts.limits)?;
            (raw, Some(decoded.text), layout.bodies)
        }
        Format::Html => (read::html::read(bytes, &opts.limits)?, None, Vec::new()),
        Format::Epub => (read::epub::read(bytes, &opts.limits)?, None, Vec::new()),
    };
    let (chapter_lines, scene_breaks) = match &text {
        Some(text) if !bodies.is_empty() => txt_places(text, &bodies),
        Some(text) => markdown_places(text, &raw),
        None => (Vec::new(), Vec::new()),
    };
    let facts = SourceFacts {
        path: display_path.to_string(),
        sha256: crate::sha256_hex(bytes),
        bytes: bytes.len() as u64,
    };
    let (work, decisions) =
        ficshelf_normalize::normalize_explained(raw.clone(), &facts, &opts.normalize);
    crate::limits::check_tags(&work, &opts.limits)?;
    Ok(Explained {
        text,
        raw,
        work,
        decisions,
        chapter_lines,
        scene_breaks,
    })
}

/// Plain text: the reader's chapter bodies (0-based) as 1-based line numbers, and the lines in
/// them that its own scene-break rule accepts (an end marker is never a break).
fn txt_places(text: &str, bodies: &[Range<usize>]) -> (Vec<Range<usize>>, Vec<usize>) {
    let all = lines::split(text);
    let mut breaks = Vec::new();
    for body in bodies {
        for line in all.get(body.clone()).unwrap_or_default() {
            if !line.is_blank()
                && lines::is_scene_break(line.text)
                && lines::end_marker(line.text).is_none()
            {
                breaks.push(line.no);
            }
        }
    }
    let chapters = bodies.iter().map(|b| b.start + 1..b.end + 1).collect();
    (chapters, breaks)
}

/// Markdown: each chapter runs from its heading (or, for text before the first heading, its
/// first line) to the next chapter or the end notes; a break is a thematic break line
/// (`***`, `---`, `* * *`) standing between blank lines.
fn markdown_places(text: &str, raw: &RawWork) -> (Vec<Range<usize>>, Vec<usize>) {
    let all: Vec<&str> = text.split('\n').collect();
    let total = all.len() + 1;
    let starts: Vec<Option<usize>> = raw
        .chapters
        .iter()
        .map(|c| {
            let line = origin_line(&c.origin)?;
            Some(if c.origin.ends_with("(text before the first heading)") {
                line
            } else {
                line + 1
            })
        })
        .collect();
    let later_field = |after: usize| {
        raw.fields
            .iter()
            .map(|f| f.origin.as_str())
            .chain(raw.unused.iter().map(|(o, _)| o.as_str()))
            .filter_map(origin_line)
            .filter(|&l| l >= after)
            .min()
    };
    let mut chapters = Vec::new();
    for (i, start) in starts.iter().enumerate() {
        let Some(start) = *start else {
            return (Vec::new(), Vec::new());
        };
        let next_chapter = starts.get(i + 1).copied().flatten().map(|s| s - 1);
        let end = next_chapter
            .or_else(|| later_field(start))
            .unwrap_or(total)
            .max(start);
        chapters.push(start..end);
    }
    let blank = |no: usize| {
        all.get(no.wrapping_sub(1))
            .is_none_or(|l| l.trim().is_empty())
    };
    let breaks = chapters
        .iter()
        .flat_map(|r| r.clone())
        .filter(|&no| {
            all.get(no - 1).is_some_and(|l| thematic_break(l)) && blank(no - 1) && blank(no + 1)
        })
        .collect();
    (chapters, breaks)
}

/// CommonMark's thematic break: three or more of one of `*`, `-`, `_`, spaces allowed.
fn thematic_break(line: &str) -> bool {
    let t = line.trim();
    let Some(first) = t.chars().next() else {
        return false;
    };
    matches!(first, '*' | '-' | '_')
        && t.chars().all(|c| c == first || c == ' ')
        && t.chars().filter(|&c| c == first).count() >= 3
}

/// The line number an origin cites (`line 12: "…"` → 12).
pub fn origin_line(origin: &str) -> Option<usize> {
    let rest = origin.strip_prefix("line ")?;
    let digits = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    rest[..digits].parse().ok().filter(|&n| n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explain_text(name: &str, text: &str) -> Explained {
        explain_bytes(name, text.as_bytes(), &Options::default()).expect("reads")
    }

    #[test]
    fn origins_give_their_line() {
        assert_eq!(origin_line("line 4: \"RATING: R\""), Some(4));
        assert_eq!(origin_line("line 120"), Some(120));
        assert_eq!(origin_line("line 0: \"x\""), None);
        assert_eq!(origin_line("front matter: title"), None);
        assert_eq!(origin_line("line x"), None);
        assert_eq!(origin_line("file name: \"a.txt\""), None);
    }

    #[test]
    fn plain_text_keeps_the_decoded_text_and_finds_bodies_and_breaks() {
        let text = "Title: Breaks\nRating: R\n\nChapter 1\n\nOne two three.\n\n* * *\n\nFour five.\n\n\
                    Chapter 2\n\nSix seven.\n\n~ fin ~\n";
        let e = explain_text("breaks.txt", text);
        assert_eq!(e.text.as_deref(), Some(text));
        assert_eq!(e.raw.chapters.len(), 2);
        assert_eq!(e.chapter_lines, vec![5..12, 13..18]);
        // `~ fin ~` is an end marker, not a break.
        assert_eq!(e.scene_breaks, vec![8]);
        assert_eq!(e.work.rating.ao3.as_str(), "Mature");
        assert!(
            e.decisions
                .iter()
                .any(|d| d.field == "rating" && d.origin.starts_with("line 2:"))
        );
    }

    #[test]
    fn the_work_is_the_one_read_path_gives() {
        let text = "TITLE: Same\nPAIRING: some Spike/Buffy\n\nShe said nothing at all.\n";
        let e = explain_text("same.txt", text);
        let plain =
            crate::read_bytes("same.txt", text.as_bytes(), &Options::default()).expect("reads");
        assert_eq!(e.work, plain);
    }

    #[test]
    fn an_encoding_decision_is_kept_with_the_decoded_text() {
        // "café" in windows-1252, and a line that is not UTF-8.
        let bytes = b"Title: Caf\xe9\n\nThe caf\xe9 was closed, so they walked.\n";
        let e = explain_bytes("cafe.txt", bytes, &Options::default()).expect("reads");
        assert_eq!(e.raw.encoding, "windows-1252");
        assert!(
            e.text
                .as_deref()
                .is_some_and(|t| t.starts_with("Title: Café\n"))
        );
        assert!(!e.raw.diagnostics.is_empty());
    }

    #[test]
    fn markdown_chapters_run_between_headings() {
        let text = "---\ntitle: Marked\nrating: G\n---\n\n## Chapter 1\n\nOne two.\n\n***\n\n\
                    Three.\n\n## Chapter 2\n\nFour five.\n";
        let e = explain_text("marked.md", text);
        assert_eq!(e.raw.chapters.len(), 2);
        assert_eq!(e.chapter_lines, vec![7..14, 15..18]);
        assert_eq!(e.scene_breaks, vec![10]);
        assert_eq!(e.work.title, "Marked");
    }

    #[test]
    fn refusals_are_the_same_as_for_reading() {
        let err = explain_bytes("empty.txt", b"", &Options::default()).expect_err("empty");
        let plain = crate::read_bytes("empty.txt", b"", &Options::default()).expect_err("empty");
        assert_eq!(err.to_string(), plain.to_string());
        let dir = tempfile::tempdir().expect("tempdir");
        let err = explain(dir.path(), &Options::default()).expect_err("a directory");
        assert_eq!(err.to_string(), "not a regular file");
    }
}
