//! `Library`: one library directory — the store (the truth) and the search index (a cache of
//! it) — opened together and kept in step. The reading half lives here (open, get, chapter,
//! search, facets, stats, tags); writing is in `import`, `upkeep` and `export`.
//!
//! A `Library` is `Send + Sync`: the web server shares one between its threads. Reads take a
//! connection from a small pool (SQLite in WAL mode: readers never wait for writers); writes go
//! through one connection behind a mutex, each batch in its own transaction, so a long import
//! never blocks a reader.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use ficshelf_model::Chapter;
use ficshelf_search::{Facets, Index, IndexOptions, Query, SearchError};
use ficshelf_store::{
    DB_FILE, HistoryEntry, INDEX_DIR, ORIGINALS_DIR, Originals, Stats, Store, StoredSource,
    StoredWork, TagCount, WorkId, WorkMeta,
};

use crate::sync::SyncState;
use crate::{LibraryError, WorkSummary};

/// Most idle read connections kept for reuse.
const POOL_MAX: usize = 32;

/// An open library (see the module docs).
pub struct Library {
    pub(crate) dir: PathBuf,
    pub(crate) writer: Mutex<Store>,
    /// Where import workers keep originals, from any thread.
    pub(crate) originals: Originals,
    readers: Mutex<Vec<Store>>,
    pub(crate) index: Index,
    pub(crate) sync: Mutex<SyncState>,
    notices: Mutex<Vec<String>>,
    /// Opened with [`Library::open_read_only`].
    read_only: bool,
}

// The web server shares one Library between its threads.
const _: fn() = || {
    fn shareable<T: Send + Sync>() {}
    shareable::<Library>();
};

/// A page of search results.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchPage {
    /// How many works match in all (not only on this page).
    pub total: u64,
    pub hits: Vec<WorkSummary>,
}

/// `ficshelf stats`: the store's totals and the library's size on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryStats {
    pub store: Stats,
    pub disk: DiskUsage,
}

/// Bytes on disk, per part of the library directory.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DiskUsage {
    /// `library.sqlite3` with its `-wal` and `-shm` files.
    pub database: u64,
    pub originals: u64,
    pub index: u64,
}

impl DiskUsage {
    pub fn total(&self) -> u64 {
        self.database + self.originals + self.index
    }
}

impl Library {
    /// Open the library in `dir`; `NotFound` (and nothing created) if there is none. The search
    /// index is caught up with the store, or rebuilt if it is damaged or missing (a notice says
    /// so: [`Library::take_notices`]).
    pub fn open(dir: &Path) -> Result<Library, LibraryError> {
        if !dir.join(DB_FILE).is_file() {
            return Err(LibraryError::NotFound);
        }
        Library::open_dir(dir)
    }

    /// Open the library in `dir`, creating it (and the directory) if there is none.
    pub fn open_or_create(dir: &Path) -> Result<Library, LibraryError> {
        Library::open_dir(dir)
    }

    /// Open the library in `dir` for reading only, writing nothing at all: for a library on
    /// read-only media, a read-only mount or a folder this user may not write. Searching,
    /// showing, exporting and checking work; the search index is used as it is (a notice says
    /// when it is behind the database, since it cannot be caught up here), and every write
    /// is refused with [`LibraryError::ReadOnly`].
    pub fn open_read_only(dir: &Path) -> Result<Library, LibraryError> {
        if !dir.join(DB_FILE).is_file() {
            return Err(LibraryError::NotFound);
        }
        let store = Store::open_read_only(dir)?;
        let index = Index::open_read_only(&store.index_dir()).map_err(|e| match e {
            SearchError::Damaged(why) => LibraryError::IndexUnusableHere {
                why: format!("damaged: {why}"),
            },
            SearchError::Outdated => LibraryError::IndexUnusableHere {
                why: "built by another version of ficshelf".into(),
            },
            e => e.into(),
        })?;
        let mut notices = Vec::new();
        let last = store.last_change_seq()?;
        match index.applied_seq()? {
            Some(seq) if seq >= last => {}
            None if last == 0 => {}
            behind => notices.push(format!(
                "the library is read-only and its search index is behind it ({} of {last} \
                 changes): searches may miss or misreport the newest works until it is opened \
                 where it can be written",
                behind.unwrap_or(0)
            )),
        }
        Ok(Library::assemble(dir, store, index, notices))
    }

    /// The opened parts as one library, read-only when the store is.
    fn assemble(dir: &Path, store: Store, index: Index, notices: Vec<String>) -> Library {
        Library {
            dir: dir.to_path_buf(),
            originals: store.originals().clone(),
            read_only: store.is_read_only(),
            writer: Mutex::new(store),
            readers: Mutex::new(Vec::new()),
            index,
            sync: Mutex::new(SyncState::default()),
            notices: Mutex::new(notices),
        }
    }

    /// Whether the library was opened with [`Library::open_read_only`].
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// `Err(ReadOnly)` for a library opened read-only: what every write checks first.
    pub(crate) fn writable(&self) -> Result<(), LibraryError> {
        if self.read_only {
            Err(LibraryError::ReadOnly)
        } else {
            Ok(())
        }
    }

    fn open_dir(dir: &Path) -> Result<Library, LibraryError> {
        Library::open_dir_as_is(dir).map_err(|e| crate::faults::diagnose(dir, e))
    }

    fn open_dir_as_is(dir: &Path) -> Result<Library, LibraryError> {
        let store = Store::open(dir)?;
        let index_dir = store.index_dir();
        let had_index = index_dir.join("meta.json").is_file();
        let mut notices = Vec::new();
        let (index, damaged) = match Index::open_or_create_with(&index_dir, index_options()) {
            Ok(index) => (index, false),
            Err(SearchError::Damaged(why)) => {
                notices.push(format!(
                    "the search index is damaged ({why}): rebuilding it from the library"
                ));
                (Index::recreate(&index_dir, index_options())?, true)
            }
            Err(SearchError::Outdated) => {
                notices.push(
                    "the search index was built by another version of ficshelf: rebuilding it \
                     from the library"
                        .to_string(),
                );
                (Index::recreate(&index_dir, index_options())?, true)
            }
            Err(e) => return Err(e.into()),
        };
        let works = store.count()?;
        if !had_index && works > 0 {
            notices.push(format!(
                "the search index was missing: building it from the library ({works} works)"
            ));
        }
        let library = Library::assemble(dir, store, index, notices);
        if damaged {
            library.rebuild_index()?;
        } else {
            library.catch_up()?;
        }
        library.release_index_writer();
        Ok(library)
    }

    /// After a failed operation: the operating system's refusal to write in the library folder
    /// (a full disk, a read-only mount), if it refuses, as the error to tell the user.
    pub fn write_refusal(&self) -> Option<LibraryError> {
        crate::faults::probe(&self.dir)
            .err()
            .map(|reason| LibraryError::Unwritable { reason })
    }

    /// The library directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// What the library repaired or could not do on its own since the last call (an index
    /// rebuilt, an index left behind because another process is writing it): one line each,
    /// for the CLI to print as `note: …`.
    pub fn take_notices(&self) -> Vec<String> {
        std::mem::take(&mut *lock(&self.notices))
    }

    pub(crate) fn notice(&self, text: String) {
        lock(&self.notices).push(text);
    }

    /// A read connection from the pool (returned to it when dropped).
    pub(crate) fn reader(&self) -> Result<Reader<'_>, LibraryError> {
        let pooled = lock(&self.readers).pop();
        let store = match pooled {
            Some(store) => store,
            None if self.read_only => Store::open_read_only(&self.dir)?,
            None => Store::open(&self.dir)?,
        };
        Ok(Reader {
            library: self,
            store: Some(store),
        })
    }

    pub(crate) fn lock_writer(&self) -> MutexGuard<'_, Store> {
        lock(&self.writer)
    }

    /// The whole work.
    pub fn get(&self, id: WorkId) -> Result<StoredWork, LibraryError> {
        self.reader()?.get(id)?.ok_or(LibraryError::NoSuchWork(id))
    }

    /// The work without its chapter bodies, and its table of contents.
    pub fn meta(&self, id: WorkId) -> Result<WorkMeta, LibraryError> {
        self.reader()?
            .get_meta(id)?
            .ok_or(LibraryError::NoSuchWork(id))
    }

    /// Chapter `number` of a work, counting from 1 as a reader does.
    pub fn chapter(&self, id: WorkId, number: usize) -> Result<Chapter, LibraryError> {
        let reader = self.reader()?;
        if let Some(chapter) = number
            .checked_sub(1)
            .map(|index| reader.get_chapter(id, index))
            .transpose()?
            .flatten()
        {
            return Ok(chapter);
        }
        let meta = reader.get_meta(id)?.ok_or(LibraryError::NoSuchWork(id))?;
        Err(LibraryError::NoSuchChapter {
            id,
            number,
            chapters: meta.toc.len(),
        })
    }

    /// Older versions of a work, oldest first.
    pub fn history(&self, id: WorkId) -> Result<Vec<HistoryEntry>, LibraryError> {
        Ok(self.reader()?.history(id)?)
    }

    /// Every file imported into a work, oldest first.
    pub fn sources(&self, id: WorkId) -> Result<Vec<StoredSource>, LibraryError> {
        Ok(self.reader()?.sources(id)?)
    }

    /// The page of works `query` asks for. Summaries come from the store's metadata rows: no
    /// chapter is read.
    pub fn search(&self, query: &Query) -> Result<SearchPage, LibraryError> {
        let results = self.index.search(query)?;
        self.page(results)
    }

    /// Facet counts (AO3's filter sidebar) over every work matching `query`, at most
    /// `per_field_limit` values per field.
    pub fn facets(&self, query: &Query, per_field_limit: usize) -> Result<Facets, LibraryError> {
        Ok(self.index.facets(query, per_field_limit)?)
    }

    /// [`Library::search`] and [`Library::facets`] on one snapshot of the index.
    pub fn search_with_facets(
        &self,
        query: &Query,
        per_field_limit: usize,
    ) -> Result<(SearchPage, Facets), LibraryError> {
        let (results, facets) = self.index.search_with_facets(query, per_field_limit)?;
        Ok((self.page(results)?, facets))
    }

    fn page(&self, results: ficshelf_search::Results) -> Result<SearchPage, LibraryError> {
        let ids: Vec<WorkId> = results.hits.iter().map(|h| WorkId(h.id)).collect();
        // A work removed by another process since the index last caught up is skipped.
        let metas = self.reader()?.get_metas(&ids)?;
        Ok(SearchPage {
            total: results.total,
            hits: metas.iter().map(WorkSummary::of).collect(),
        })
    }

    /// Totals, breakdowns and the size on disk.
    pub fn stats(&self) -> Result<LibraryStats, LibraryError> {
        let store = self.reader()?.stats()?;
        let db = self.dir.join(DB_FILE);
        let mut database = 0;
        for suffix in ["", "-wal", "-shm"] {
            let mut name = db.clone().into_os_string();
            name.push(suffix);
            database += std::fs::metadata(&name).map_or(0, |m| m.len());
        }
        Ok(LibraryStats {
            store,
            disk: DiskUsage {
                database,
                originals: tree_size(&self.dir.join(ORIGINALS_DIR)),
                index: tree_size(&self.dir.join(INDEX_DIR)),
            },
        })
    }

    /// Every tag with its kind and how many works carry it.
    pub fn tags(&self) -> Result<Vec<TagCount>, LibraryError> {
        Ok(self.reader()?.tag_counts()?)
    }

    /// Every work id, ascending.
    pub fn ids(&self) -> Result<Vec<WorkId>, LibraryError> {
        Ok(self.reader()?.list_ids()?)
    }
}

/// The index writer's budget: tantivy's indexing threads and their memory, kept well inside
/// the 300 MB an import may use.
pub(crate) fn index_options() -> IndexOptions {
    IndexOptions {
        memory_budget: 96 << 20,
        threads: 2,
    }
}

/// A pooled read connection.
pub(crate) struct Reader<'a> {
    library: &'a Library,
    store: Option<Store>,
}

impl std::ops::Deref for Reader<'_> {
    type Target = Store;
    fn deref(&self) -> &Store {
        // Only `drop` takes the store out.
        self.store.as_ref().unwrap_or_else(|| unreachable!())
    }
}

impl Drop for Reader<'_> {
    fn drop(&mut self) {
        if let Some(store) = self.store.take() {
            let mut pool = lock(&self.library.readers);
            if pool.len() < POOL_MAX {
                pool.push(store);
            }
        }
    }
}

pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding one of these locks leaves nothing half-done that matters: the
    // store's transactions roll back on their own.
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Bytes of every file under `dir` (0 if it is missing).
fn tree_size(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(std::fs::Metadata::is_file)
        .map(|m| m.len())
        .sum()
}
