//! `Store`: opening a library directory and reading works back.
//!
//! One `Store` is one SQLite connection (plus the originals directory); it is `Send`, not
//! `Sync`. A multi-threaded server keeps one per worker thread ([`Store::try_clone`] opens
//! another connection to the same library cheaply). Connections are set up for several
//! processes sharing one library: WAL journal (readers never wait for writers), a 60 s
//! `busy_timeout` (writers queue for the single write lock instead of failing with "database is
//! locked"), `synchronous=NORMAL` (see `docs/storage.md`: durable against a killed process,
//! never corrupt after a power cut), foreign keys on.

use std::path::{Path, PathBuf};
use std::time::Duration;

use ficshelf_model::{Chapter, Work};
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, params};

use crate::codec::unpack;
use crate::originals::{Originals, validate_sha};
use crate::schema::{MIGRATIONS, check_version, migrate};
use crate::{
    Candidate, ChapterInfo, Fingerprint, HistoryEntry, MatchReason, SourceRecord, StoreError,
    StoredSource, StoredWork, Timestamp, WorkId, WorkMeta,
};

/// The database's file name inside a library directory.
pub const DB_FILE: &str = "library.sqlite3";
/// The originals' directory inside a library directory.
pub const ORIGINALS_DIR: &str = "originals";
/// The search index's directory inside a library directory (owned by `ficshelf-search`).
pub const INDEX_DIR: &str = "index";

const BUSY_TIMEOUT: Duration = Duration::from_secs(60);
const PAGE_SIZE: i64 = 16_384;
/// Most candidates `find_candidates` returns (a thousand "Untitled" works by "Anonymous" must
/// not make every import load them all).
const MAX_CANDIDATES: i64 = 32;

pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) dir: PathBuf,
    pub(crate) originals: Originals,
    read_only: bool,
}

impl Store {
    /// Open the library in `dir`, creating it (and the directory) if needed and migrating an
    /// older schema. A database of a newer schema, or not a ficshelf library, is refused
    /// without being modified.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(dir)
            .map_err(StoreError::io("cannot create the library directory"))?;
        let path = dir.join(DB_FILE);
        let conn = while_busy(|| {
            let mut conn = connect(&path)?;
            migrate(&mut conn, MIGRATIONS).map_err(not_a_db)?;
            Ok(conn)
        })?;
        let originals = Originals::open(dir.join(ORIGINALS_DIR))?;
        Ok(Store {
            conn,
            dir: dir.to_path_buf(),
            originals,
            read_only: false,
        })
    }

    /// Open the library in `dir` for reading only, writing nothing at all, not even SQLite's
    /// journal files: for a library on read-only media or a read-only mount. Every write
    /// through it fails. An older schema cannot be migrated here and is refused
    /// ([`StoreError::NeedsUpgrade`]).
    pub fn open_read_only(dir: &Path) -> Result<Store, StoreError> {
        let path = dir.join(DB_FILE);
        if !path.is_file() {
            return Err(StoreError::NotALibrary(format!(
                "there is no {DB_FILE} in the folder"
            )));
        }
        let conn = connect_read_only(&path)?;
        let version = check_version(&conn).map_err(not_a_db)?;
        if version == 0 {
            return Err(StoreError::NotALibrary(
                "the database was never set up as a library".into(),
            ));
        }
        if version < MIGRATIONS.len() as i64 {
            return Err(StoreError::NeedsUpgrade {
                found: version,
                current: MIGRATIONS.len() as i64,
            });
        }
        Ok(Store {
            conn,
            dir: dir.to_path_buf(),
            originals: Originals::at(dir.join(ORIGINALS_DIR)),
            read_only: true,
        })
    }

    /// Whether this store was opened with [`Store::open_read_only`].
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Another connection to the same library (for another thread). No migration is run.
    pub fn try_clone(&self) -> Result<Store, StoreError> {
        if self.read_only {
            return Store::open_read_only(&self.dir);
        }
        let conn = connect(&self.dir.join(DB_FILE))?;
        Ok(Store {
            conn,
            dir: self.dir.clone(),
            originals: self.originals.clone(),
            read_only: false,
        })
    }

    /// The library directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the search index belongs (`<library>/index`).
    pub fn index_dir(&self) -> PathBuf {
        self.dir.join(INDEX_DIR)
    }

    /// Keep `bytes` in `originals/` (idempotent) and return their sha256. When this returns the
    /// file is on disk for good (fsynced), so a row naming it may commit.
    pub fn put_original(&self, bytes: &[u8]) -> Result<String, StoreError> {
        self.originals.put(bytes)
    }

    /// The originals directory, to keep originals from other threads ([`Originals::put`] is the
    /// same as [`Store::put_original`]).
    pub fn originals(&self) -> &Originals {
        &self.originals
    }

    /// Whether the original with this sha256 is in `originals/`.
    pub fn has_original(&self, sha256: &str) -> bool {
        self.originals.exists(sha256)
    }

    /// The bytes of an original the library holds a source row for (checked against its hash).
    pub fn read_original(&self, sha256: &str) -> Result<Vec<u8>, StoreError> {
        validate_sha(sha256)?;
        let bytes: Option<i64> = self
            .conn
            .query_row(
                "SELECT bytes FROM sources WHERE sha256 = ?1",
                [sha256],
                |r| r.get(0),
            )
            .optional()?;
        let bytes = bytes.ok_or_else(|| StoreError::MissingOriginal {
            sha256: sha256.into(),
        })?;
        self.originals
            .read(sha256, u64::try_from(bytes).unwrap_or(0))
    }

    /// The work these exact bytes were imported into, if any.
    pub fn find_by_source_sha(&self, sha256: &str) -> Result<Option<WorkId>, StoreError> {
        find_by_source_sha(&self.conn, sha256)
    }

    /// Works that may be the same as `work`: same source URL, or same title and authors (see
    /// [`crate::dedupe`]). At most 32, newest first.
    pub fn find_candidates(&self, work: &Work) -> Result<Vec<Candidate>, StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        find_candidates(&tx, work)
    }

    /// The whole work.
    pub fn get(&self, id: WorkId) -> Result<Option<StoredWork>, StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        let Some((mut work, added, modified)) = read_meta(&tx, id)? else {
            return Ok(None);
        };
        work.chapters = read_chapters(&tx, id)?;
        Ok(Some(StoredWork {
            id,
            work,
            added,
            modified,
        }))
    }

    /// The work without chapter bodies, and its table of contents.
    pub fn get_meta(&self, id: WorkId) -> Result<Option<WorkMeta>, StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        let Some((work, added, modified)) = read_meta(&tx, id)? else {
            return Ok(None);
        };
        let mut stmt =
            tx.prepare_cached("SELECT title, words FROM chapters WHERE work_id = ?1 ORDER BY idx")?;
        let toc = stmt
            .query_map([id.sql()], |r| {
                Ok(ChapterInfo {
                    title: r.get(0)?,
                    words: r.get::<_, i64>(1)?.max(0) as u64,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Some(WorkMeta {
            id,
            work,
            toc,
            added,
            modified,
        }))
    }

    /// [`Store::get_meta`] for several works (a result page), in the order given; ids that no
    /// longer exist are skipped.
    pub fn get_metas(&self, ids: &[WorkId]) -> Result<Vec<WorkMeta>, StoreError> {
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            out.extend(self.get_meta(id)?);
        }
        Ok(out)
    }

    /// One chapter (0-based `index`), without reading the others.
    pub fn get_chapter(&self, id: WorkId, index: usize) -> Result<Option<Chapter>, StoreError> {
        let Ok(idx) = i64::try_from(index) else {
            return Ok(None);
        };
        let blob: Option<Vec<u8>> = self
            .conn
            .prepare_cached("SELECT body FROM chapters WHERE work_id = ?1 AND idx = ?2")?
            .query_row(params![id.sql(), idx], |r| r.get(0))
            .optional()?;
        blob.map(|b| unpack(&b).map_err(|reason| StoreError::Damaged { id, reason }))
            .transpose()
    }

    pub fn contains(&self, id: WorkId) -> Result<bool, StoreError> {
        let found = self
            .conn
            .prepare_cached("SELECT 1 FROM works WHERE id = ?1")?
            .exists([id.sql()])?;
        Ok(found)
    }

    /// Every work id, ascending.
    pub fn list_ids(&self) -> Result<Vec<WorkId>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM works ORDER BY id")?;
        let ids = stmt.query_map([], |r| r.get(0).map(WorkId::from_sql))?;
        Ok(ids.collect::<Result<_, _>>()?)
    }

    /// How many works the library holds.
    pub fn count(&self) -> Result<u64, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM works", [], |r| r.get(0))?;
        Ok(n.max(0) as u64)
    }

    /// Every work, by ascending id, one at a time (constant memory: for reindexing). Works
    /// removed while iterating are skipped; take [`Store::last_change_seq`] *before* iterating
    /// and replay the changes after it to catch what changed meanwhile.
    pub fn iter_works(&self) -> WorkIter<'_> {
        WorkIter {
            store: self,
            after: 0,
            batch: Vec::new(),
            done: false,
        }
    }

    /// Older versions of a work, oldest first.
    pub fn history(&self, id: WorkId) -> Result<Vec<HistoryEntry>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, source_sha256, created, replaced, meta FROM history
             WHERE work_id = ?1 ORDER BY id",
        )?;
        let rows = stmt
            .query_map([id.sql()], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get::<_, Vec<u8>>(4)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut out = Vec::with_capacity(rows.len());
        let damaged = |reason| StoreError::Damaged { id, reason };
        for (hid, source_sha256, added, replaced, meta) in rows {
            let mut work: Work = unpack(&meta).map_err(damaged)?;
            let mut chapters = self.conn.prepare_cached(
                "SELECT body FROM history_chapters WHERE history_id = ?1 ORDER BY idx",
            )?;
            let bodies = chapters.query_map([hid], |r| r.get::<_, Vec<u8>>(0))?;
            for body in bodies {
                work.chapters.push(unpack(&body?).map_err(damaged)?);
            }
            out.push(HistoryEntry {
                work,
                source_sha256,
                added: Timestamp(added),
                replaced: Timestamp(replaced),
            });
        }
        Ok(out)
    }

    /// Every original file imported into this work, oldest first.
    pub fn sources(&self, id: WorkId) -> Result<Vec<StoredSource>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT sha256, path, bytes, format, added FROM sources WHERE work_id = ?1
             ORDER BY added, rowid",
        )?;
        let rows = stmt.query_map([id.sql()], |r| {
            let format: String = r.get(3)?;
            Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)?, format, r.get(4)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (sha256, path, bytes, format, added) = row?;
            let format =
                crate::report::parse_format(&format).ok_or_else(|| StoreError::Damaged {
                    id,
                    reason: format!("unknown format {format:?}"),
                })?;
            out.push(StoredSource {
                record: SourceRecord {
                    sha256,
                    path,
                    bytes: bytes.max(0) as u64,
                    format,
                },
                work: id,
                added: Timestamp(added),
            });
        }
        Ok(out)
    }

    /// Make everything committed so far durable against a power cut (a WAL checkpoint). Worth
    /// calling at the end of an import; see `docs/storage.md`.
    pub fn checkpoint(&self) -> Result<(), StoreError> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
        Ok(())
    }
}

/// Run `open` again while SQLite answers "database is locked" without waiting, up to
/// `BUSY_TIMEOUT`. The busy handler covers ordinary lock waits, but not a connection that
/// read the schema version and must then take the write lock while another process is
/// creating or migrating the same library (SQLite refuses at once there to avoid a deadlock):
/// a reader opening a library that is being created would otherwise fail.
fn while_busy<T>(mut open: impl FnMut() -> Result<T, StoreError>) -> Result<T, StoreError> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        match open() {
            Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _)))
                if f.code == ErrorCode::DatabaseBusy && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(10));
            }
            other => return other,
        }
    }
}

/// Open one connection with the library's settings, refusing what must not be touched.
fn connect(path: &Path) -> Result<Connection, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| not_a_db(e.into()))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Look before writing anything, even the journal mode: a newer or foreign database stays
    // exactly as it is.
    let version = check_version(&conn).map_err(not_a_db)?;
    if version == 0 {
        // Only a database not yet written can take a page size (it is fixed once WAL is on).
        // Compressed chapters are 1–10 KB: 4 KB pages would hold one each and waste a third.
        conn.pragma_update(None, "page_size", PAGE_SIZE)?;
    }
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Each work is written in its own savepoint (see `write.rs`), and SQLite keeps the pages a
    // savepoint changes in a statement journal: a temporary *file* by default, which made an
    // import write some 250 KB per work to /var/tmp (16 KB pages). In memory, that journal
    // holds at most the pages of the one work being written.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    Ok(conn)
}

/// A connection that cannot write. A database whose write-ahead log is empty or gone (a library
/// closed cleanly) is opened `immutable`: SQLite then needs neither the `-shm` file nor locks,
/// which a read-only folder could not hold. With a log still holding commits (the last writer
/// was killed), those commits are only readable through SQLite's shared-memory index, so the
/// database is opened read-only the ordinary way, which works where SQLite may read the `-shm`
/// and `-wal` files.
fn connect_read_only(path: &Path) -> Result<Connection, StoreError> {
    let wal = path.with_file_name(format!("{DB_FILE}-wal"));
    let log_in_use = std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0);
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let conn = if log_in_use {
        Connection::open_with_flags(path, flags - OpenFlags::SQLITE_OPEN_URI)
    } else {
        Connection::open_with_flags(format!("file:{}?immutable=1", uri_path(path)), flags)
    }
    .map_err(|e| not_a_db(e.into()))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "query_only", "ON")?;
    Ok(conn)
}

/// `path` as the path part of an SQLite `file:` URI: `%`, `?` and `#` escaped.
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out
}

/// SQLite's "file is not a database" is the user's problem, not a bug: say so plainly.
fn not_a_db(e: StoreError) -> StoreError {
    match e {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
            if f.code == ErrorCode::NotADatabase =>
        {
            StoreError::NotALibrary("the file is not an SQLite database".into())
        }
        other => other,
    }
}

/// The meta blob of a work, decoded, and its timestamps.
fn read_meta(
    conn: &Connection,
    id: WorkId,
) -> Result<Option<(Work, Timestamp, Timestamp)>, StoreError> {
    let row: Option<(Vec<u8>, i64, i64)> = conn
        .prepare_cached("SELECT meta, created, modified FROM works WHERE id = ?1")?
        .query_row([id.sql()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((meta, added, modified)) = row else {
        return Ok(None);
    };
    let work = unpack(&meta).map_err(|reason| StoreError::Damaged { id, reason })?;
    Ok(Some((work, Timestamp(added), Timestamp(modified))))
}

pub(crate) fn find_by_source_sha(
    conn: &Connection,
    sha: &str,
) -> Result<Option<WorkId>, StoreError> {
    validate_sha(sha)?;
    let id: Option<i64> = conn
        .prepare_cached("SELECT work_id FROM sources WHERE sha256 = ?1")?
        .query_row([sha], |r| r.get(0))
        .optional()?;
    Ok(id.map(WorkId::from_sql))
}

pub(crate) fn find_candidates(
    conn: &Connection,
    work: &Work,
) -> Result<Vec<Candidate>, StoreError> {
    let columns = crate::row::Columns::of(work);
    let mut found: Vec<(i64, MatchReason)> = Vec::new();
    if let Some(url) = &columns.url_key {
        let mut stmt = conn
            .prepare_cached("SELECT id FROM works WHERE url_key = ?1 ORDER BY id DESC LIMIT ?2")?;
        for id in stmt.query_map(params![url, MAX_CANDIDATES], |r| r.get(0))? {
            found.push((id?, MatchReason::SourceUrl));
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM works WHERE title_key = ?1 AND authors_key = ?2 ORDER BY id DESC LIMIT ?3",
    )?;
    for id in stmt.query_map(
        params![columns.title_key, columns.authors_key, MAX_CANDIDATES],
        |r| r.get(0),
    )? {
        let id: i64 = id?;
        if !found.iter().any(|(f, _)| *f == id) {
            found.push((id, MatchReason::TitleAndAuthors));
        }
    }
    found.truncate(MAX_CANDIDATES as usize);
    let mut out = Vec::with_capacity(found.len());
    for (raw, reason) in found {
        let id = WorkId::from_sql(raw);
        let Some((work, fp)) = read_full(conn, id)? else {
            continue;
        };
        out.push(Candidate {
            id,
            work,
            fingerprint: fp,
            reason,
        });
    }
    Ok(out)
}

/// A whole work and its fingerprint, through any connection (a `Store`'s or a transaction's).
fn read_full(conn: &Connection, id: WorkId) -> Result<Option<(Work, Fingerprint)>, StoreError> {
    let Some((mut work, _, _)) = read_meta(conn, id)? else {
        return Ok(None);
    };
    let damaged = |reason: String| StoreError::Damaged { id, reason };
    let fp: Vec<u8> = conn
        .prepare_cached("SELECT fingerprint FROM works WHERE id = ?1")?
        .query_row([id.sql()], |r| r.get(0))?;
    let fp = Fingerprint::from_bytes(&fp).ok_or_else(|| damaged("bad fingerprint".into()))?;
    work.chapters = read_chapters(conn, id)?;
    Ok(Some((work, fp)))
}

fn read_chapters(conn: &Connection, id: WorkId) -> Result<Vec<Chapter>, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT body FROM chapters WHERE work_id = ?1 ORDER BY idx")?;
    let bodies = stmt.query_map([id.sql()], |r| r.get::<_, Vec<u8>>(0))?;
    let mut chapters = Vec::new();
    for body in bodies {
        chapters.push(unpack(&body?).map_err(|reason| StoreError::Damaged { id, reason })?);
    }
    Ok(chapters)
}

/// See [`Store::iter_works`].
pub struct WorkIter<'a> {
    store: &'a Store,
    after: i64,
    batch: Vec<WorkId>,
    done: bool,
}

impl Iterator for WorkIter<'_> {
    type Item = Result<StoredWork, StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(id) = self.batch.pop() {
                match self.store.get(id) {
                    Ok(Some(w)) => return Some(Ok(w)),
                    Ok(None) => continue,
                    Err(e) => return Some(Err(e)),
                }
            }
            if self.done {
                return None;
            }
            // Ids only, in small pages: memory stays one work, however large the library.
            let page: Result<Vec<i64>, _> = self
                .store
                .conn
                .prepare_cached("SELECT id FROM works WHERE id > ?1 ORDER BY id LIMIT 512")
                .and_then(|mut s| s.query_map([self.after], |r| r.get(0))?.collect());
            match page {
                Err(e) => {
                    self.done = true;
                    return Some(Err(e.into()));
                }
                Ok(ids) => {
                    self.done = ids.len() < 512;
                    self.after = ids.last().copied().unwrap_or(self.after);
                    self.batch = ids.into_iter().rev().map(WorkId::from_sql).collect();
                }
            }
        }
    }
}
