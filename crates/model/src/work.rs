//! `Work`, schema 1: the normalized work that store, search and export consume.
//!
//! The JSON form of this struct is a contract (issue "Core", table "The Work as JSON"): keys may
//! be added, never renamed; absent values serialize as `null` or `[]`, never as missing keys.
//! That is why no field here uses `skip_serializing_if`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{Ao3Rating, ArchiveWarning, Category, Date, Diagnostic, Format, Producer, Status};

/// The value of [`Work::schema`]. Bump only with a migration path for stored works.
pub const SCHEMA_VERSION: u32 = 1;

/// A fan-fiction work, normalized.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Work {
    pub schema: u32,
    /// Never empty: taken from the file name when the file names no title (provenance says so).
    pub title: String,
    pub authors: Vec<Author>,
    pub fandoms: Vec<String>,
    pub rating: Rating,
    pub warnings: Warnings,
    pub categories: Vec<Category>,
    pub relationships: Vec<String>,
    pub characters: Vec<String>,
    /// Additional tags, genres included.
    pub tags: Vec<String>,
    /// Sanitized HTML fragment.
    pub summary: Option<String>,
    /// Author's notes before the story (sanitized HTML fragment).
    pub notes: Option<String>,
    /// Author's notes after the story (sanitized HTML fragment).
    pub end_notes: Option<String>,
    pub series: Vec<SeriesRef>,
    pub published: Option<Date>,
    pub updated: Option<Date>,
    pub status: Status,
    /// BCP 47 language tag.
    pub language: Option<String>,
    /// Counted from the chapter text the way AO3 counts; never copied from a declared count.
    pub words: u64,
    pub chapters: Vec<Chapter>,
    pub source: Source,
    /// Header fields with no home above, under their own label (Spoilers, Timeline, …).
    pub extra: BTreeMap<String, String>,
    /// Where each field came from, e.g. `rating` → `line 4: "RATING: R"`.
    pub provenance: BTreeMap<String, String>,
    /// What was guessed, repaired or not understood.
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Author {
    pub name: String,
    pub email: Option<String>,
    pub url: Option<String>,
}

impl Author {
    pub fn named(name: impl Into<String>) -> Self {
        Author {
            name: name.into(),
            email: None,
            url: None,
        }
    }
}

/// A rating as written, and its place on AO3's scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    pub raw: Option<String>,
    pub ao3: Ao3Rating,
}

impl Default for Rating {
    fn default() -> Self {
        Rating {
            raw: None,
            ao3: Ao3Rating::NotRated,
        }
    }
}

/// Warnings as written, and the AO3 archive warnings they map to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warnings {
    pub raw: Vec<String>,
    pub ao3: Vec<ArchiveWarning>,
}

impl Default for Warnings {
    /// A work that says nothing about warnings has, in AO3's terms, chosen not to use them.
    fn default() -> Self {
        Warnings {
            raw: Vec::new(),
            ao3: vec![ArchiveWarning::ChooseNotToUse],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesRef {
    pub name: String,
    /// Position in the series; may be fractional (calibre allows `1.5`).
    pub index: Option<f64>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chapter {
    /// `None` when the source gives the chapter no title.
    pub title: Option<String>,
    /// Sanitized HTML fragment.
    pub html: String,
    pub words: u64,
    /// Chapter summary (AO3 has them), sanitized HTML.
    pub summary: Option<String>,
    /// Chapter notes before / after the chapter text, sanitized HTML.
    pub notes: Option<String>,
    pub end_notes: Option<String>,
}

impl Chapter {
    pub fn new(title: Option<String>, html: String, words: u64) -> Self {
        Chapter {
            title,
            html,
            words,
            summary: None,
            notes: None,
            end_notes: None,
        }
    }
}

/// Where the work was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub path: String,
    pub format: Format,
    pub producer: Producer,
    /// The story's URL on its archive, when the file says.
    pub url: Option<String>,
    /// The archive's host name, from `url`.
    pub site: Option<String>,
    /// The encoding the bytes were decoded from (`utf-8`, `windows-1252`, `utf-16le`, …).
    pub encoding: String,
    /// Lower-case hex SHA-256 of the file's bytes.
    pub sha256: String,
    pub bytes: u64,
}

impl Work {
    /// An empty work with the given title and source; every list empty, every option `None`.
    pub fn new(title: impl Into<String>, source: Source) -> Self {
        Work {
            schema: SCHEMA_VERSION,
            title: title.into(),
            authors: Vec::new(),
            fandoms: Vec::new(),
            rating: Rating::default(),
            warnings: Warnings::default(),
            categories: Vec::new(),
            relationships: Vec::new(),
            characters: Vec::new(),
            tags: Vec::new(),
            summary: None,
            notes: None,
            end_notes: None,
            series: Vec::new(),
            published: None,
            updated: None,
            status: Status::Unknown,
            language: None,
            words: 0,
            chapters: Vec::new(),
            source,
            extra: BTreeMap::new(),
            provenance: BTreeMap::new(),
            diagnostics: Vec::new(),
        }
    }

    /// The work as pretty JSON (schema 1).
    pub fn to_json_pretty(&self) -> String {
        // Serializing plain data with string keys cannot fail.
        serde_json::to_string_pretty(self).expect("Work serializes to JSON")
    }

    /// Recompute `words` from the chapters (each chapter's count is already AO3's).
    pub fn sum_words(&mut self) {
        self.words = self.chapters.iter().map(|c| c.words).sum();
    }

    pub fn author_names(&self) -> Vec<&str> {
        self.authors.iter().map(|a| a.name.as_str()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_source() -> Source {
        Source {
            path: "a.txt".into(),
            format: Format::Txt,
            producer: Producer::Plain,
            url: None,
            site: None,
            encoding: "utf-8".into(),
            sha256: "00".into(),
            bytes: 0,
        }
    }

    #[test]
    fn json_has_every_schema_key_even_when_empty() {
        let work = Work::new("T", sample_source());
        let v: serde_json::Value = serde_json::from_str(&work.to_json_pretty()).unwrap();
        let keys = [
            "schema",
            "title",
            "authors",
            "fandoms",
            "rating",
            "warnings",
            "categories",
            "relationships",
            "characters",
            "tags",
            "summary",
            "notes",
            "end_notes",
            "series",
            "published",
            "updated",
            "status",
            "language",
            "words",
            "chapters",
            "source",
            "extra",
            "provenance",
            "diagnostics",
        ];
        for k in keys {
            assert!(v.get(k).is_some(), "missing key {k}");
        }
        assert_eq!(v["schema"], 1);
        assert!(v["summary"].is_null());
        assert_eq!(v["rating"]["ao3"], "Not Rated");
        assert_eq!(
            v["warnings"]["ao3"][0],
            "Choose Not To Use Archive Warnings"
        );
        assert_eq!(v["status"], "unknown");
        for k in [
            "path", "format", "producer", "url", "site", "encoding", "sha256", "bytes",
        ] {
            assert!(v["source"].get(k).is_some(), "missing source.{k}");
        }
    }

    #[test]
    fn json_round_trips() {
        let mut work = Work::new("T", sample_source());
        work.published = Some(Date::new(2004, 3, 14).unwrap());
        work.series.push(SeriesRef {
            name: "S".into(),
            index: Some(2.0),
            url: None,
        });
        work.chapters
            .push(Chapter::new(Some("One".into()), "<p>a b</p>".into(), 2));
        work.sum_words();
        let back: Work = serde_json::from_str(&work.to_json_pretty()).unwrap();
        assert_eq!(back, work);
        assert_eq!(back.words, 2);
    }
}
