//! The values the store hands out and takes in, besides `Work` itself.

use std::fmt;
use std::str::FromStr;

use ficshelf_model::{Chapter, Format, Work};

use crate::{Fingerprint, Timestamp};

/// A work's id in the library: assigned on insert, never reused after a remove (the web server's
/// `/works/{id}` must not start naming another work).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WorkId(pub u64);

impl WorkId {
    pub(crate) fn sql(self) -> i64 {
        // Ids come from SQLite rowids, which are positive i64s.
        i64::try_from(self.0).unwrap_or(i64::MAX)
    }
    pub(crate) fn from_sql(id: i64) -> WorkId {
        WorkId(u64::try_from(id).unwrap_or(0))
    }
}

impl fmt::Display for WorkId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl FromStr for WorkId {
    type Err = std::num::ParseIntError;
    fn from_str(s: &str) -> Result<WorkId, Self::Err> {
        s.trim().parse().map(WorkId)
    }
}

/// One imported file: which bytes (by sha256 — they must already be in `originals/`, see
/// [`crate::Store::put_original`]), where they were read from, and as what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRecord {
    pub sha256: String,
    /// The path as the user gave it (for the report and `show`); not used to find the bytes.
    pub path: String,
    pub bytes: u64,
    pub format: Format,
}

impl SourceRecord {
    /// The record of the file a Work was read from, from its `source`.
    pub fn of(work: &Work) -> SourceRecord {
        SourceRecord {
            sha256: work.source.sha256.clone(),
            path: work.source.path.clone(),
            bytes: work.source.bytes,
            format: work.source.format,
        }
    }
}

/// A source row as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSource {
    pub record: SourceRecord,
    pub work: WorkId,
    pub added: Timestamp,
}

/// A whole work as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredWork {
    pub id: WorkId,
    pub work: Work,
    /// When the work entered the library.
    pub added: Timestamp,
    /// When it was last replaced by a newer version.
    pub modified: Timestamp,
}

/// A work without its chapter bodies: what a list, a blurb or a table of contents needs. Cheap
/// to load however long the work is.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkMeta {
    pub id: WorkId,
    /// The work with `chapters` left **empty**; the chapters are described by `toc`.
    pub work: Work,
    pub toc: Vec<ChapterInfo>,
    pub added: Timestamp,
    pub modified: Timestamp,
}

/// A chapter's entry in a table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChapterInfo {
    pub title: Option<String>,
    pub words: u64,
}

impl ChapterInfo {
    pub(crate) fn of(chapter: &Chapter) -> ChapterInfo {
        ChapterInfo {
            title: chapter.title.clone(),
            words: chapter.words,
        }
    }
}

/// An older version of a work, kept when a newer download replaced it.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEntry {
    pub work: Work,
    pub source_sha256: String,
    /// When this version entered the library, and when it was replaced.
    pub added: Timestamp,
    pub replaced: Timestamp,
}

/// A possible duplicate of a work being imported (see [`crate::dedupe`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub id: WorkId,
    pub work: Work,
    pub fingerprint: Fingerprint,
    /// Why it is a candidate.
    pub reason: MatchReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchReason {
    SourceUrl,
    TitleAndAuthors,
}

/// The kinds of tag the `tags` table holds (AO3's tag types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TagKind {
    Fandom,
    Relationship,
    Character,
    /// Additional tags (AO3's "freeform").
    Freeform,
    Rating,
    Warning,
    Category,
}

impl TagKind {
    pub const ALL: &'static [TagKind] = &[
        TagKind::Fandom,
        TagKind::Relationship,
        TagKind::Character,
        TagKind::Freeform,
        TagKind::Rating,
        TagKind::Warning,
        TagKind::Category,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TagKind::Fandom => "fandom",
            TagKind::Relationship => "relationship",
            TagKind::Character => "character",
            TagKind::Freeform => "freeform",
            TagKind::Rating => "rating",
            TagKind::Warning => "warning",
            TagKind::Category => "category",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<TagKind> {
        TagKind::ALL.iter().copied().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for TagKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A row of `ficshelf tags`: a tag as written, its kind, and how many works carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagCount {
    pub kind: TagKind,
    pub name: String,
    pub works: u64,
}

/// An entry of the change log the search index catches up from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    /// Strictly increasing over the library's life.
    pub seq: u64,
    pub work: WorkId,
    pub kind: ChangeKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// The work was inserted or replaced: (re)index it from `get`.
    Upsert,
    /// The work is gone: remove it from the index.
    Remove,
}

/// Totals for `ficshelf stats`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    pub works: u64,
    pub chapters: u64,
    pub words: u64,
    /// Original files kept (every import of distinct bytes, older versions' included).
    pub sources: u64,
    /// Their size as imported (before compression).
    pub source_bytes: u64,
    /// Older versions kept in history.
    pub history: u64,
    /// Works per format of their current source (`txt`, `html`, `epub`).
    pub by_format: Vec<(String, u64)>,
    /// Works per AO3 rating.
    pub by_rating: Vec<(String, u64)>,
    /// Works per status (`complete`, `in-progress`, `unknown`).
    pub by_status: Vec<(String, u64)>,
    /// Works per language (`None` when the work names none).
    pub by_language: Vec<(Option<String>, u64)>,
}
