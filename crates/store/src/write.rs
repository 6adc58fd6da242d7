//! Writing works: insert, update (the old version goes to history), add a source, remove.
//!
//! Every write runs in a `BEGIN IMMEDIATE` transaction: it takes SQLite's write lock up front,
//! so two processes' writers queue on `busy_timeout` instead of failing half-way with "database
//! is locked" when a read transaction tries to become a write one. A work's rows (work, chapters,
//! tags, source, change-log entry) commit together or not at all, and each `Tx` method is itself
//! atomic (a savepoint), so a caller that handles one method's error inside a bigger transaction
//! never commits half of that method.
//!
//! Originals are never deleted inside the transaction that stops naming them: after it commits,
//! a second write transaction deletes each original that no source row names any more. Inserts
//! check, under the same write lock, that their original exists. The two checks serialize, so
//! no committed row can name a deleted original.
//!
//! An import keeps its original *before* taking the write lock, so one more rule is needed: an
//! original touched since the removal began (another import's `put` of the same bytes, which
//! found no row naming them because the removal had committed) is left for that import to
//! claim. Deleting it would make the import fail with "original … is not in the library"; an
//! original no import claims after all is only an orphan that `collect_garbage` sweeps.

use std::time::SystemTime;

use ficshelf_model::Work;
use rusqlite::{Connection, TransactionBehavior, params};

use crate::originals::{Originals, validate_sha};
use crate::row::PreparedWork;
use crate::store::{find_by_source_sha, find_candidates};
use crate::{Candidate, SourceRecord, Store, StoreError, Timestamp, WorkId};

/// A write transaction on the library (see [`Store::transaction`]).
pub struct Tx<'a> {
    tx: rusqlite::Transaction<'a>,
    originals: &'a Originals,
    now: Timestamp,
    unreferenced: Vec<String>,
}

impl Store {
    /// Run `f` in one write transaction: committed if `f` returns `Ok`, rolled back otherwise.
    /// Use it to make "look for a duplicate, then insert or update" atomic against another
    /// process importing the same work. Prepare works ([`PreparedWork::new`]) *before* calling,
    /// to hold the write lock only for the writes.
    pub fn transaction<T>(
        &mut self,
        f: impl FnOnce(&mut Tx<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        // Before the transaction: a `put` that touches an original after this moment may be an
        // import about to claim it (see the module docs).
        let began = SystemTime::now();
        let (value, unreferenced) = {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let originals = &self.originals;
            let mut t = Tx {
                tx,
                originals,
                now: Timestamp::now(),
                unreferenced: Vec::new(),
            };
            let value = f(&mut t)?;
            t.tx.commit()?;
            (value, t.unreferenced)
        };
        if !unreferenced.is_empty() {
            // Best effort: the removal is committed; an original left behind is only an orphan
            // that `check` reports and `collect_garbage` deletes.
            let _ = self.delete_unreferenced(&unreferenced, began);
        }
        Ok(value)
    }

    /// Insert a new work read from `source` (whose original must already be stored with
    /// [`Store::put_original`]). One transaction.
    pub fn insert(&mut self, work: &Work, source: &SourceRecord) -> Result<WorkId, StoreError> {
        let prepared = PreparedWork::new(work)?;
        self.transaction(|tx| tx.insert(&prepared, source))
    }

    /// Replace work `id` by `work`, read from `source`; the old version is kept as history.
    pub fn update(
        &mut self,
        id: WorkId,
        work: &Work,
        source: &SourceRecord,
    ) -> Result<(), StoreError> {
        let prepared = PreparedWork::new(work)?;
        self.transaction(|tx| tx.update(id, &prepared, source))
    }

    /// Record that `source` (another copy of work `id`, not newer) was imported too, so that
    /// importing those bytes again is recognized at once. The work itself does not change.
    pub fn add_source(&mut self, id: WorkId, source: &SourceRecord) -> Result<(), StoreError> {
        self.transaction(|tx| tx.add_source(id, source))
    }

    /// Remove a work, its history, tags and sources, and then its originals. `false` if there
    /// was no such work.
    pub fn remove(&mut self, id: WorkId) -> Result<bool, StoreError> {
        self.transaction(|tx| tx.remove(id))
    }

    /// Delete the originals in `shas` that no source row names, under the write lock, unless
    /// an import touched them at or after `since` (the removal's start) and will claim them.
    pub(crate) fn delete_unreferenced(
        &mut self,
        shas: &[String],
        since: SystemTime,
    ) -> Result<usize, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut deleted = 0;
        for sha in shas {
            if find_by_source_sha(&tx, sha)?.is_none() && !self.originals.touched_since(sha, since)
            {
                self.originals.remove(sha)?;
                deleted += 1;
            }
        }
        tx.commit()?;
        Ok(deleted)
    }
}

impl Tx<'_> {
    pub fn find_by_source_sha(&self, sha256: &str) -> Result<Option<WorkId>, StoreError> {
        find_by_source_sha(&self.tx, sha256)
    }

    pub fn find_candidates(&self, work: &Work) -> Result<Vec<Candidate>, StoreError> {
        find_candidates(&self.tx, work)
    }

    /// Insert a new work; see [`Store::insert`]. `DuplicateSource` if these bytes are already
    /// a source of some work.
    pub fn insert(
        &mut self,
        work: &PreparedWork,
        source: &SourceRecord,
    ) -> Result<WorkId, StoreError> {
        check_source(work, source)?;
        let (originals, now) = (self.originals, self.now);
        let sp = self.tx.savepoint()?;
        claim_source(&sp, originals, source, None)?;
        let c = &work.columns;
        sp.prepare_cached(
            "INSERT INTO works (meta, title, sort_title, authors, title_key, authors_key,
                source_url, url_key, source_sha256, format, fingerprint, words, chapters, status,
                published, updated, rating, language, created, modified)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                ?18, ?19, ?19)",
        )?
        .execute(params![
            work.meta,
            c.title,
            c.sort_title,
            c.authors,
            c.title_key,
            c.authors_key,
            c.source_url,
            c.url_key,
            c.source_sha256,
            c.format,
            work.fingerprint,
            c.words,
            c.chapters,
            c.status,
            c.published,
            c.updated,
            c.rating,
            c.language,
            now.0
        ])?;
        let id = WorkId::from_sql(sp.last_insert_rowid());
        write_children(&sp, id, work)?;
        insert_source(&sp, id, source, now)?;
        log_change(&sp, id, "upsert", now)?;
        sp.commit()?;
        Ok(id)
    }

    /// Replace a work; see [`Store::update`].
    pub fn update(
        &mut self,
        id: WorkId,
        work: &PreparedWork,
        source: &SourceRecord,
    ) -> Result<(), StoreError> {
        check_source(work, source)?;
        let (originals, now) = (self.originals, self.now);
        let sp = self.tx.savepoint()?;
        let exists = sp
            .prepare_cached("SELECT 1 FROM works WHERE id = ?1")?
            .exists([id.sql()])?;
        if !exists {
            return Err(StoreError::NoSuchWork(id));
        }
        let already_ours = claim_source(&sp, originals, source, Some(id))?;
        sp.prepare_cached(
            "INSERT INTO history (work_id, source_sha256, created, replaced, meta)
             SELECT id, source_sha256, modified, ?2, meta FROM works WHERE id = ?1",
        )?
        .execute(params![id.sql(), now.0])?;
        let hid = sp.last_insert_rowid();
        sp.prepare_cached(
            "INSERT INTO history_chapters (history_id, idx, title, words, body)
             SELECT ?1, idx, title, words, body FROM chapters WHERE work_id = ?2",
        )?
        .execute(params![hid, id.sql()])?;
        sp.prepare_cached("DELETE FROM chapters WHERE work_id = ?1")?
            .execute([id.sql()])?;
        sp.prepare_cached("DELETE FROM tags WHERE work_id = ?1")?
            .execute([id.sql()])?;
        let c = &work.columns;
        sp.prepare_cached(
            "UPDATE works SET meta = ?2, title = ?3, sort_title = ?4, authors = ?5, title_key = ?6,
                authors_key = ?7, source_url = ?8, url_key = ?9, source_sha256 = ?10, format = ?11,
                fingerprint = ?12, words = ?13, chapters = ?14, status = ?15, published = ?16,
                updated = ?17, rating = ?18, language = ?19, modified = ?20
             WHERE id = ?1",
        )?
        .execute(params![
            id.sql(),
            work.meta,
            c.title,
            c.sort_title,
            c.authors,
            c.title_key,
            c.authors_key,
            c.source_url,
            c.url_key,
            c.source_sha256,
            c.format,
            work.fingerprint,
            c.words,
            c.chapters,
            c.status,
            c.published,
            c.updated,
            c.rating,
            c.language,
            now.0
        ])?;
        write_children(&sp, id, work)?;
        if !already_ours {
            insert_source(&sp, id, source, now)?;
        }
        log_change(&sp, id, "upsert", now)?;
        sp.commit()?;
        Ok(())
    }

    /// See [`Store::add_source`]. A no-op if the source is already this work's.
    pub fn add_source(&mut self, id: WorkId, source: &SourceRecord) -> Result<(), StoreError> {
        let (originals, now) = (self.originals, self.now);
        let sp = self.tx.savepoint()?;
        if !sp
            .prepare_cached("SELECT 1 FROM works WHERE id = ?1")?
            .exists([id.sql()])?
        {
            return Err(StoreError::NoSuchWork(id));
        }
        if !claim_source(&sp, originals, source, Some(id))? {
            insert_source(&sp, id, source, now)?;
        }
        sp.commit()?;
        Ok(())
    }

    /// See [`Store::remove`]. The originals are deleted after the transaction commits.
    pub fn remove(&mut self, id: WorkId) -> Result<bool, StoreError> {
        let now = self.now;
        let sp = self.tx.savepoint()?;
        let shas: Vec<String> = sp
            .prepare_cached("SELECT sha256 FROM sources WHERE work_id = ?1")?
            .query_map([id.sql()], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        // Chapters, history, tags and sources go with the work (ON DELETE CASCADE).
        let removed = sp
            .prepare_cached("DELETE FROM works WHERE id = ?1")?
            .execute([id.sql()])?;
        if removed == 0 {
            return Ok(false);
        }
        log_change(&sp, id, "remove", now)?;
        sp.commit()?;
        self.unreferenced.extend(shas);
        Ok(true)
    }
}

/// The Work must have been read from the bytes the source names.
fn check_source(work: &PreparedWork, source: &SourceRecord) -> Result<(), StoreError> {
    validate_sha(&source.sha256)?;
    if work.columns.source_sha256 != source.sha256 {
        return Err(StoreError::Invalid(
            "the work's source.sha256 is not the sha256 of the source being recorded".into(),
        ));
    }
    Ok(())
}

/// Check, under the write lock, that the source may be recorded for `owner` (or a new work):
/// its original is on disk, and the bytes belong to no other work. Returns whether the source
/// row already exists for `owner`.
fn claim_source(
    conn: &Connection,
    originals: &Originals,
    source: &SourceRecord,
    owner: Option<WorkId>,
) -> Result<bool, StoreError> {
    validate_sha(&source.sha256)?;
    match find_by_source_sha(conn, &source.sha256)? {
        Some(existing) if Some(existing) == owner => return Ok(true),
        Some(existing) => return Err(StoreError::DuplicateSource { existing }),
        None => {}
    }
    if !originals.exists(&source.sha256) {
        return Err(StoreError::MissingOriginal {
            sha256: source.sha256.clone(),
        });
    }
    Ok(false)
}

fn write_children(conn: &Connection, id: WorkId, work: &PreparedWork) -> Result<(), StoreError> {
    let mut chapter = conn.prepare_cached(
        "INSERT INTO chapters (work_id, idx, title, words, body) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (idx, c) in work.chapters.iter().enumerate() {
        let words = i64::try_from(c.info.words).unwrap_or(i64::MAX);
        chapter.execute(params![id.sql(), idx as i64, c.info.title, words, c.body])?;
    }
    let mut tag =
        conn.prepare_cached("INSERT INTO tags (work_id, kind, name) VALUES (?1, ?2, ?3)")?;
    for (kind, name) in &work.tags {
        tag.execute(params![id.sql(), kind.as_str(), name])?;
    }
    Ok(())
}

fn insert_source(
    conn: &Connection,
    id: WorkId,
    s: &SourceRecord,
    now: Timestamp,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO sources (sha256, work_id, path, bytes, format, added) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        s.sha256,
        id.sql(),
        s.path,
        i64::try_from(s.bytes).unwrap_or(i64::MAX),
        s.format.as_str(),
        now.0
    ])?;
    Ok(())
}

fn log_change(conn: &Connection, id: WorkId, kind: &str, now: Timestamp) -> Result<(), StoreError> {
    conn.prepare_cached("INSERT INTO changes (work_id, kind, at) VALUES (?1, ?2, ?3)")?
        .execute(params![id.sql(), kind, now.0])?;
    Ok(())
}
