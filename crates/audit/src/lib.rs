//! The AO3-readiness audit: a `Work` checked against the limits AO3 enforces and against the
//! signs of a bad import, for `ficshelf audit` (and any front end that wants the same list).
//!
//! ```text
//! RawWork ─ normalize ─► Work ─┬─ store / index / export
//!                              └─ audit ─► Vec<Problem>
//! ```
//!
//! Like store, search and export, the audit sees the `Work` only, never the source file. The
//! rules are pure functions; presentation (text, JSON, colours) is the caller's.
//!
//! **How characters are counted.** AO3 validates the length of each field as the string it is
//! given (Ruby's `String#length`: Unicode code points). Title and tags are plain text. Summary,
//! notes and chapter text are posted as HTML, and AO3 counts that HTML — tags, attributes and
//! entities included — so the audit counts the characters of the `Work`'s (sanitized) HTML
//! fragment, which is what an export would post. A summary of 1,240 characters of text wrapped
//! in a `<p>` is 1,247 characters to AO3.

mod header;
mod mojibake;
mod rules;

use serde::{Deserialize, Serialize};

pub use header::is_header_line;
pub use mojibake::{Garble, find as find_mojibake};
pub use rules::{audit, audit_with};

/// What kind of problem: a stable name for scripts (`--json`), in kebab case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// Title over AO3's limit.
    TitleTooLong,
    /// Work or chapter summary over AO3's limit.
    SummaryTooLong,
    /// Notes or end notes (of the work or of a chapter) over AO3's limit.
    NotesTooLong,
    /// One fandom, relationship, character or additional tag over AO3's limit.
    TagTooLong,
    /// More fandom + relationship + character + additional tags than AO3 allows together.
    TooManyTags,
    /// A chapter's text over AO3's limit.
    ChapterTooLong,
    /// More chapters than AO3 allows.
    TooManyChapters,
    /// No fandom: AO3 requires one.
    NoFandom,
    /// The rating is `Not Rated`: nothing (or nothing understood) said how the work is rated.
    NotRated,
    /// A chapter of fewer words than `Ao3Limits::min_chapter_words`: probably a split in the
    /// wrong place (a header or a note taken for a chapter).
    ShortChapter,
    /// Garbled characters (`Ã©`, `â€™`, `�`) left in the text.
    Mojibake,
    /// A chapter that starts with a `Label: value` header line.
    HeaderInText,
}

impl Code {
    /// Every code, in the order problems are reported.
    pub const ALL: [Code; 12] = [
        Code::TitleTooLong,
        Code::SummaryTooLong,
        Code::NotesTooLong,
        Code::TagTooLong,
        Code::TooManyTags,
        Code::ChapterTooLong,
        Code::TooManyChapters,
        Code::NoFandom,
        Code::NotRated,
        Code::ShortChapter,
        Code::Mojibake,
        Code::HeaderInText,
    ];

    /// The name used in `--json` and in the text output (`title-too-long`).
    pub fn as_str(self) -> &'static str {
        match self {
            Code::TitleTooLong => "title-too-long",
            Code::SummaryTooLong => "summary-too-long",
            Code::NotesTooLong => "notes-too-long",
            Code::TagTooLong => "tag-too-long",
            Code::TooManyTags => "too-many-tags",
            Code::ChapterTooLong => "chapter-too-long",
            Code::TooManyChapters => "too-many-chapters",
            Code::NoFandom => "no-fandom",
            Code::NotRated => "not-rated",
            Code::ShortChapter => "short-chapter",
            Code::Mojibake => "mojibake",
            Code::HeaderInText => "header-in-text",
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem found in a work. Every key is always present in JSON (`null` when it does not
/// apply), as in the `Work` contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub code: Code,
    /// For a person: `title is 300 characters; AO3 allows 255`.
    pub message: String,
    /// The `Work` field concerned (`title`, `summary`, `notes`, `end_notes`, `fandoms`,
    /// `relationships`, `characters`, `tags`, `rating`, `chapters`); with `chapter` set, that
    /// chapter's own field (`summary`, `notes`, `end_notes`, `html`).
    pub field: String,
    /// The chapter concerned, counted from 1.
    pub chapter: Option<usize>,
    /// The measured value (characters, tags, chapters, words, garbled runs), when there is one.
    pub found: Option<u64>,
    /// The limit it was measured against.
    pub limit: Option<u64>,
    /// The offending text, shortened: a tag, a header line, a garbled run in its context.
    pub text: Option<String>,
}

/// The limits AO3 enforces (DESIGN.md "Limits AO3 enforces"), and the audit's own threshold
/// for a suspiciously short chapter. `Default` is AO3's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ao3Limits {
    /// Title, in characters.
    pub title: u64,
    /// Summary (work and chapter), in characters of HTML.
    pub summary: u64,
    /// Notes and end notes (work and chapter), in characters of HTML.
    pub notes: u64,
    /// One tag, in characters.
    pub tag: u64,
    /// Fandom + relationship + character + additional tags, together.
    pub tags: u64,
    /// One chapter's text, in characters of HTML.
    pub chapter: u64,
    /// Chapters in a work.
    pub chapters: u64,
    /// Fewer words than this in a chapter is a `short-chapter`.
    pub min_chapter_words: u64,
}

impl Default for Ao3Limits {
    fn default() -> Self {
        Ao3Limits {
            title: 255,
            summary: 1250,
            notes: 5000,
            tag: 150,
            tags: 75,
            chapter: 510_000,
            chapters: 200,
            min_chapter_words: 20,
        }
    }
}

/// A length as AO3 measures it: Unicode code points.
pub fn ao3_length(s: &str) -> u64 {
    s.chars().count() as u64
}
