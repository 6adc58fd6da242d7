//! `check`: prove the library is whole. `collect_garbage`: sweep what a crash may leave behind.
//!
//! `check` reads everything: SQLite's own `integrity_check` and `foreign_key_check`, every work's
//! blobs (they decompress, parse as a Work, and the plain columns and tag rows still agree with
//! that Work), every older version's blobs, and every original (present, inflates, hashes to its name). Only two things are
//! harmless leftovers of an interrupted write: an original that no row names (its row never
//! committed, or its work was removed and the process died before deleting it) and a stale
//! temporary file; `collect_garbage` removes both.

use std::collections::BTreeSet;
use std::fmt;
use std::time::Duration;

use ficshelf_model::{Chapter, Work};
use rusqlite::TransactionBehavior;

use crate::codec::unpack;
use crate::originals::Damage;
use crate::row::{Columns, tags_of};
use crate::{Store, StoreError, TagKind, WorkId};

/// Originals and temporary files younger than this are left alone by `collect_garbage`: they
/// may belong to an import running right now whose row has not committed yet.
pub const GARBAGE_MIN_AGE: Duration = Duration::from_secs(3600);

/// Something wrong in the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// SQLite's integrity or foreign-key check reported this.
    Database(String),
    /// A work's stored data cannot be read back, or disagrees with itself.
    Work { id: WorkId, reason: String },
    /// A source row names an original that is not there, or not right.
    Original {
        sha256: String,
        work: WorkId,
        reason: String,
    },
    /// An original no source row names: harmless, removed by `collect_garbage`.
    Orphan { sha256: String },
}

impl Problem {
    /// Whether this is only a leftover that costs disk space (nothing is lost or wrong).
    pub fn is_harmless(&self) -> bool {
        matches!(self, Problem::Orphan { .. })
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Database(m) => write!(f, "database: {m}"),
            Problem::Work { id, reason } => write!(f, "work {id}: {reason}"),
            Problem::Original {
                sha256,
                work,
                reason,
            } => {
                write!(f, "original {sha256} of work {work}: {reason}")
            }
            Problem::Orphan { sha256 } => write!(f, "original {sha256} belongs to no work"),
        }
    }
}

/// What `collect_garbage` removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Garbage {
    pub originals: usize,
    pub temporary: usize,
}

impl Store {
    /// Check the whole library; an empty list means it is whole. Reads every work and every
    /// original, so it takes time in proportion to the library's size.
    pub fn check(&self) -> Result<Vec<Problem>, StoreError> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for line in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let line = line?;
            if line != "ok" {
                problems.push(Problem::Database(line));
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let violations = stmt.query_map([], |r| {
            Ok(format!(
                "row {} of {} names a missing row of {}",
                r.get::<_, Option<i64>>(1)?.unwrap_or_default(),
                r.get::<_, String>(0)?,
                r.get::<_, String>(2)?
            ))
        })?;
        for v in violations {
            problems.push(Problem::Database(v?));
        }
        for id in self.list_ids()? {
            if let Err(reason) = self.check_work(id) {
                problems.push(Problem::Work { id, reason });
            }
        }
        problems.extend(self.check_history()?);
        let mut named = BTreeSet::new();
        let mut stmt = self
            .conn
            .prepare("SELECT sha256, work_id FROM sources ORDER BY sha256")?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, WorkId::from_sql(r.get(1)?)))
        })?;
        for row in rows {
            let (sha256, work) = row?;
            let reason = match self.originals.verify(&sha256) {
                Ok(()) => None,
                Err(Damage::Missing) => Some("missing".to_string()),
                Err(Damage::Unreadable(e)) => Some(format!("unreadable: {e}")),
                Err(Damage::WrongHash(h)) => Some(format!("its content hashes to {h}")),
            };
            if let Some(reason) = reason {
                problems.push(Problem::Original {
                    sha256: sha256.clone(),
                    work,
                    reason,
                });
            }
            named.insert(sha256);
        }
        for (sha256, _) in self.originals.list()? {
            if !named.contains(&sha256) {
                problems.push(Problem::Orphan { sha256 });
            }
        }
        Ok(problems)
    }

    /// One work: its blobs decode, and what was derived from it when it was written still
    /// matches (columns, tag rows, chapter rows, a source row for its current source).
    fn check_work(&self, id: WorkId) -> Result<(), String> {
        let sql = |e: rusqlite::Error| e.to_string();
        let tx = self.conn.unchecked_transaction().map_err(sql)?;
        let (meta, stored_columns, chapter_count): (Vec<u8>, Columns, i64) = tx
            .query_row(
                "SELECT meta, title, sort_title, authors, title_key, authors_key, source_url,
                    url_key, source_sha256, format, words, chapters, status, published, updated,
                    rating, language FROM works WHERE id = ?1",
                [id.sql()],
                |r| {
                    let columns = Columns {
                        title: r.get(1)?,
                        sort_title: r.get(2)?,
                        authors: r.get(3)?,
                        title_key: r.get(4)?,
                        authors_key: r.get(5)?,
                        source_url: r.get(6)?,
                        url_key: r.get(7)?,
                        source_sha256: r.get(8)?,
                        format: r.get(9)?,
                        words: r.get(10)?,
                        chapters: r.get(11)?,
                        status: r.get(12)?,
                        published: r.get(13)?,
                        updated: r.get(14)?,
                        rating: r.get(15)?,
                        language: r.get(16)?,
                    };
                    Ok((r.get(0)?, columns, r.get(11)?))
                },
            )
            .map_err(sql)?;
        let mut work: Work = unpack(&meta).map_err(|e| format!("metadata: {e}"))?;
        let mut stmt = tx
            .prepare("SELECT idx, body FROM chapters WHERE work_id = ?1 ORDER BY idx")
            .map_err(sql)?;
        let rows = stmt
            .query_map([id.sql()], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?))
            })
            .map_err(sql)?;
        for (expected, row) in rows.enumerate() {
            let (idx, body) = row.map_err(sql)?;
            if idx != expected as i64 {
                return Err(format!("chapter {expected} is missing"));
            }
            let chapter: Chapter = unpack(&body).map_err(|e| format!("chapter {idx}: {e}"))?;
            work.chapters.push(chapter);
        }
        if work.chapters.len() as i64 != chapter_count {
            return Err(format!(
                "{} chapters stored, {chapter_count} recorded",
                work.chapters.len()
            ));
        }
        if Columns::of(&work) != stored_columns {
            return Err("its columns disagree with its JSON".into());
        }
        let mut stmt = tx
            .prepare("SELECT kind, name FROM tags WHERE work_id = ?1")
            .map_err(sql)?;
        let stored: BTreeSet<(TagKind, String)> = stmt
            .query_map([id.sql()], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })
            .map_err(sql)?
            .filter_map(|row| row.ok().and_then(|(k, n)| Some((TagKind::parse(&k)?, n))))
            .collect();
        if stored != tags_of(&work) {
            return Err("its tag rows disagree with its JSON".into());
        }
        let has_source = tx
            .prepare("SELECT 1 FROM sources WHERE sha256 = ?1 AND work_id = ?2")
            .and_then(|mut s| s.exists(rusqlite::params![stored_columns.source_sha256, id.sql()]))
            .map_err(sql)?;
        if !has_source {
            return Err("its current source has no source row".into());
        }
        Ok(())
    }

    /// Every older version decodes as a Work, chapters included.
    fn check_history(&self) -> Result<Vec<Problem>, StoreError> {
        let mut problems = Vec::new();
        let mut versions = self
            .conn
            .prepare("SELECT id, work_id, meta FROM history ORDER BY id")?;
        let mut chapters = self
            .conn
            .prepare("SELECT idx, body FROM history_chapters WHERE history_id = ?1 ORDER BY idx")?;
        let rows = versions.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Vec<u8>>(2)?,
            ))
        })?;
        for row in rows {
            let (hid, work, meta) = row?;
            let id = WorkId::from_sql(work);
            if let Err(e) = unpack::<Work>(&meta) {
                problems.push(Problem::Work {
                    id,
                    reason: format!("an older version's metadata: {e}"),
                });
                continue;
            }
            for chapter in chapters.query_map([hid], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?))
            })? {
                let (idx, body) = chapter?;
                if let Err(e) = unpack::<Chapter>(&body) {
                    problems.push(Problem::Work {
                        id,
                        reason: format!("an older version's chapter {idx}: {e}"),
                    });
                }
            }
        }
        Ok(problems)
    }

    /// Remove originals no row names and temporary files, both older than `min_age`
    /// ([`GARBAGE_MIN_AGE`] unless a test needs otherwise).
    pub fn collect_garbage(&mut self, min_age: Duration) -> Result<Garbage, StoreError> {
        let temporary = self.originals.clean_tmp(min_age)?;
        let old: Vec<String> = self
            .originals
            .list()?
            .into_iter()
            .filter(|(_, age)| *age >= min_age)
            .map(|(s, _)| s)
            .collect();
        let mut originals = 0;
        // In chunks, so the write lock is never held for long.
        for chunk in old.chunks(256) {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            for sha in chunk {
                if crate::store::find_by_source_sha(&tx, sha)?.is_none() {
                    self.originals.remove(sha)?;
                    originals += 1;
                }
            }
            tx.commit()?;
        }
        Ok(Garbage {
            originals,
            temporary,
        })
    }
}
