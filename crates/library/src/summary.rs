//! `WorkSummary`: a work as a result list shows it (an AO3 blurb), built from the store's
//! `WorkMeta` — no chapter body is ever read to make one.
//!
//! Its JSON (`ficshelf search --json`, one object per hit) has exactly the keys issue 6 lists:
//! `id, title, authors, fandoms, rating, warnings, relationships, characters, tags, words,
//! chapters, status, published, updated, summary`. The blurb's other facts (categories,
//! language, series) are fields for the web's templates but are not part of that JSON.

use ficshelf_model::{Ao3Rating, ArchiveWarning, Category, Date, SeriesRef, Status};
use ficshelf_store::{WorkId, WorkMeta};
use serde::Serialize;

/// A work in a list of results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkSummary {
    #[serde(serialize_with = "id_number")]
    pub id: WorkId,
    pub title: String,
    /// Author names, in the source's order.
    pub authors: Vec<String>,
    pub fandoms: Vec<String>,
    /// AO3's name (`Teen And Up Audiences`).
    pub rating: Ao3Rating,
    /// AO3's archive warnings, by their tag names.
    pub warnings: Vec<ArchiveWarning>,
    pub relationships: Vec<String>,
    pub characters: Vec<String>,
    /// Additional tags.
    pub tags: Vec<String>,
    pub words: u64,
    /// How many chapters the work has.
    pub chapters: u64,
    pub status: Status,
    pub published: Option<Date>,
    pub updated: Option<Date>,
    /// Sanitized HTML (AO3's allowlist), as in the Work.
    pub summary: Option<String>,
    #[serde(skip)]
    pub categories: Vec<Category>,
    #[serde(skip)]
    pub language: Option<String>,
    #[serde(skip)]
    pub series: Vec<SeriesRef>,
}

fn id_number<S: serde::Serializer>(id: &WorkId, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(id.0)
}

impl WorkSummary {
    pub fn of(meta: &WorkMeta) -> WorkSummary {
        let w = &meta.work;
        WorkSummary {
            id: meta.id,
            title: w.title.clone(),
            authors: w.authors.iter().map(|a| a.name.clone()).collect(),
            fandoms: w.fandoms.clone(),
            rating: w.rating.ao3,
            warnings: w.warnings.ao3.clone(),
            relationships: w.relationships.clone(),
            characters: w.characters.clone(),
            tags: w.tags.clone(),
            words: w.words,
            chapters: meta.toc.len() as u64,
            status: w.status,
            published: w.published,
            updated: w.updated,
            summary: w.summary.clone(),
            categories: w.categories.clone(),
            language: w.language.clone(),
            series: w.series.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ficshelf_model::{Author, Format, Producer, Source, Work};
    use ficshelf_store::{ChapterInfo, Timestamp};

    #[test]
    fn json_has_exactly_the_issue_keys() {
        let mut work = Work::new(
            "Salt and Paper",
            Source {
                path: "a.txt".into(),
                format: Format::Txt,
                producer: Producer::Plain,
                url: None,
                site: None,
                encoding: "utf-8".into(),
                sha256: String::new(),
                bytes: 0,
            },
        );
        work.authors = vec![Author::named("Quill")];
        work.words = 1234;
        let meta = WorkMeta {
            id: WorkId(7),
            work,
            toc: vec![
                ChapterInfo {
                    title: None,
                    words: 600,
                },
                ChapterInfo {
                    title: Some("Two".into()),
                    words: 634,
                },
            ],
            added: Timestamp(0),
            modified: Timestamp(0),
        };
        let json = serde_json::to_value(WorkSummary::of(&meta)).unwrap();
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut expected = vec![
            "id",
            "title",
            "authors",
            "fandoms",
            "rating",
            "warnings",
            "relationships",
            "characters",
            "tags",
            "words",
            "chapters",
            "status",
            "published",
            "updated",
            "summary",
        ];
        expected.sort();
        let mut keys = keys;
        keys.sort();
        assert_eq!(keys, expected);
        assert_eq!(json["id"], 7);
        assert_eq!(json["authors"][0], "Quill");
        assert_eq!(json["chapters"], 2);
        assert_eq!(json["words"], 1234);
        assert_eq!(json["rating"], "Not Rated");
        assert_eq!(json["status"], "unknown");
        assert!(json["published"].is_null());
    }
}
