//! A Work turned into the rows that store it: blobs, derived columns and tag rows.
//!
//! All the CPU work of a write (JSON, compression, fingerprint) happens here, *before* the write
//! transaction starts, so that the database's single write lock is held only for the inserts.
//! `check` rebuilds the derived values with the same functions to prove the rows still agree
//! with the JSON.

use std::collections::BTreeSet;

use ficshelf_model::{SCHEMA_VERSION, Work};

use crate::codec::pack;
use crate::dedupe::{authors_key, title_key, url_key};
use crate::text::sort_title;
use crate::{ChapterInfo, Fingerprint, StoreError, TagKind};

/// Everything `insert`/`update` write for one work.
#[derive(Debug, Clone)]
pub struct PreparedWork {
    pub(crate) meta: Vec<u8>,
    pub(crate) chapters: Vec<PreparedChapter>,
    pub(crate) columns: Columns,
    pub(crate) tags: BTreeSet<(TagKind, String)>,
    pub(crate) fingerprint: Vec<u8>,
}

#[derive(Debug, Clone)]
pub(crate) struct PreparedChapter {
    pub(crate) info: ChapterInfo,
    pub(crate) body: Vec<u8>,
}

/// The plain columns of `works` derived from a Work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Columns {
    pub(crate) title: String,
    pub(crate) sort_title: String,
    pub(crate) authors: String,
    pub(crate) title_key: String,
    pub(crate) authors_key: String,
    pub(crate) source_url: Option<String>,
    pub(crate) url_key: Option<String>,
    pub(crate) source_sha256: String,
    pub(crate) format: String,
    pub(crate) words: i64,
    pub(crate) chapters: i64,
    pub(crate) status: String,
    pub(crate) published: Option<String>,
    pub(crate) updated: Option<String>,
    pub(crate) rating: String,
    pub(crate) language: Option<String>,
}

impl PreparedWork {
    /// Prepare a work for writing. Refuses a Work of a schema this build does not know.
    pub fn new(work: &Work) -> Result<PreparedWork, StoreError> {
        if work.schema != SCHEMA_VERSION {
            return Err(StoreError::Invalid(format!(
                "the work has schema {}, this ficshelf stores schema {SCHEMA_VERSION}",
                work.schema
            )));
        }
        let chapters = work
            .chapters
            .iter()
            .map(|c| PreparedChapter {
                info: ChapterInfo::of(c),
                body: pack(c),
            })
            .collect();
        let mut meta = work.clone();
        meta.chapters = Vec::new();
        Ok(PreparedWork {
            meta: pack(&meta),
            chapters,
            columns: Columns::of(work),
            tags: tags_of(work),
            fingerprint: Fingerprint::of(work).to_bytes(),
        })
    }
}

impl Columns {
    pub(crate) fn of(work: &Work) -> Columns {
        let url = work.source.url.clone().filter(|u| !u.trim().is_empty());
        Columns {
            title: work.title.clone(),
            sort_title: sort_title(&work.title),
            authors: work.author_names().join(", "),
            title_key: title_key(&work.title),
            authors_key: authors_key(work),
            url_key: url.as_deref().and_then(url_key),
            source_url: url,
            source_sha256: work.source.sha256.clone(),
            format: work.source.format.as_str().to_string(),
            words: i64::try_from(work.words).unwrap_or(i64::MAX),
            chapters: i64::try_from(work.chapters.len()).unwrap_or(i64::MAX),
            status: work.status.as_str().to_string(),
            published: work.published.map(|d| d.to_string()),
            updated: work.updated.map(|d| d.to_string()),
            rating: work.rating.ao3.as_str().to_string(),
            language: work.language.clone(),
        }
    }
}

/// The tag rows of a work: one per distinct (kind, name), names trimmed, empty names dropped.
pub(crate) fn tags_of(work: &Work) -> BTreeSet<(TagKind, String)> {
    let mut tags = BTreeSet::new();
    let mut add = |kind: TagKind, name: &str| {
        let name = name.trim();
        if !name.is_empty() {
            tags.insert((kind, name.to_string()));
        }
    };
    for f in &work.fandoms {
        add(TagKind::Fandom, f);
    }
    for r in &work.relationships {
        add(TagKind::Relationship, r);
    }
    for c in &work.characters {
        add(TagKind::Character, c);
    }
    for t in &work.tags {
        add(TagKind::Freeform, t);
    }
    add(TagKind::Rating, work.rating.ao3.as_str());
    for w in &work.warnings.ao3 {
        add(TagKind::Warning, w.as_str());
    }
    for c in &work.categories {
        add(TagKind::Category, c.as_str());
    }
    tags
}

#[cfg(test)]
mod tests {
    use ficshelf_model::{ArchiveWarning, Category, Chapter, Format, Producer, Source};

    use super::*;
    use crate::codec::unpack;

    fn work() -> Work {
        let source = Source {
            path: "in/a.epub".into(),
            format: Format::Epub,
            producer: Producer::Ao3,
            url: Some("https://archiveofourown.org/works/9/chapters/1".into()),
            site: Some("archiveofourown.org".into()),
            encoding: "utf-8".into(),
            sha256: "a".repeat(64),
            bytes: 10,
        };
        let mut w = Work::new("The Storm", source);
        w.fandoms = vec![
            "Buffy the Vampire Slayer".into(),
            " Buffy the Vampire Slayer ".into(),
        ];
        w.relationships = vec!["Spike/Willow".into()];
        w.tags = vec!["Angst".into(), "  ".into()];
        w.categories = vec![Category::FM];
        w.warnings.ao3 = vec![ArchiveWarning::NoneApply];
        w.chapters = vec![Chapter::new(
            Some("One".into()),
            "<p>Hello there</p>".into(),
            2,
        )];
        w.sum_words();
        w
    }

    #[test]
    fn derived_columns_and_tags() {
        let w = work();
        let c = Columns::of(&w);
        assert_eq!(c.sort_title, "storm");
        assert_eq!(c.url_key.as_deref(), Some("archiveofourown.org/works/9"));
        assert_eq!((c.words, c.chapters, c.format.as_str()), (2, 1, "epub"));
        let tags = tags_of(&w);
        let tags: Vec<(TagKind, &str)> = tags.iter().map(|(k, n)| (*k, n.as_str())).collect();
        assert_eq!(
            tags,
            [
                (TagKind::Fandom, "Buffy the Vampire Slayer"),
                (TagKind::Relationship, "Spike/Willow"),
                (TagKind::Freeform, "Angst"),
                (TagKind::Rating, "Not Rated"),
                (TagKind::Warning, "No Archive Warnings Apply"),
                (TagKind::Category, "F/M"),
            ]
        );
    }

    #[test]
    fn meta_blob_holds_everything_but_chapter_bodies() {
        let w = work();
        let p = PreparedWork::new(&w).unwrap();
        let meta: Work = unpack(&p.meta).unwrap();
        assert!(meta.chapters.is_empty());
        assert_eq!(meta.title, w.title);
        assert_eq!(p.chapters.len(), 1);
        let chapter: Chapter = unpack(&p.chapters[0].body).unwrap();
        assert_eq!(chapter, w.chapters[0]);
        assert_eq!(
            p.chapters[0].info,
            ChapterInfo {
                title: Some("One".into()),
                words: 2
            }
        );
    }

    #[test]
    fn refuses_unknown_work_schema() {
        let mut w = work();
        w.schema = SCHEMA_VERSION + 1;
        assert!(
            matches!(PreparedWork::new(&w), Err(StoreError::Invalid(m)) if m.contains("schema"))
        );
    }
}
