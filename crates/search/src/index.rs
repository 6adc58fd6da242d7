//! `Index`: opening, writing and rebuilding the tantivy index beside the store.
//!
//! One `Index` per process, shared (`&self` everywhere; wrap it in an `Arc`): searches use one
//! long-lived `IndexReader` that follows commits (ours at once, other processes' within half a
//! second); writes go through one `IndexWriter`, created on first write with a bounded memory
//! budget and kept until [`Index::release_writer`] or drop. tantivy allows one writer per
//! index across processes: a second process gets [`SearchError::WriterBusy`] and leaves the
//! work to whoever holds it (the store's change log says what is missing).
//!
//! Each commit records, in tantivy's commit payload, the store change sequence number it
//! reflects ([`Index::applied_seq`]); after a crash the library replays the store's changes
//! after it. The index is a cache: any damage is answered by [`Index::recreate`] and
//! [`Index::rebuild`] from the store.

use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use ficshelf_model::Work;
use tantivy::directory::error::LockError;
use tantivy::directory::{Directory, INDEX_WRITER_LOCK, MmapDirectory};
use tantivy::{IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError, Term};

use crate::SearchError;
use crate::facets::{FACET_FIELDS, TermCache};
use crate::merge::CappedMerges;
use crate::read_only::ReadOnlyDirectory;
use crate::schema::{Fields, INDEX_VERSION, build_schema, document};
use crate::search::AllFacets;
use crate::tokenize::{EXACT, FIC, exact_analyzer, fic_analyzer};

/// How much the index writer may use. The defaults keep an import's indexing under 100 MB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexOptions {
    /// Total memory budget of the writer, in bytes, shared by its threads (at least 15 MB per
    /// thread, a tantivy minimum).
    pub memory_budget: usize,
    /// Indexing threads.
    pub threads: usize,
}

impl Default for IndexOptions {
    fn default() -> IndexOptions {
        IndexOptions {
            memory_budget: 96 << 20,
            threads: 2,
        }
    }
}

/// The index of one library (see the module docs). `Send + Sync`.
pub struct Index {
    dir: PathBuf,
    pub(crate) index: tantivy::Index,
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
    options: IndexOptions,
    /// Opened with [`Index::open_read_only`]: no writer is ever made.
    read_only: bool,
    writer: Mutex<Option<IndexWriter<TantivyDocument>>>,
    pub(crate) term_cache: TermCache,
    pub(crate) all_facets: AllFacets,
}

// The web server shares one Index between its threads.
const _: fn() = || {
    fn shareable<T: Send + Sync>() {}
    shareable::<Index>();
};

impl Index {
    /// Open the index in `dir`, or create an empty one. A damaged index, one of another index
    /// version, or a directory that is not an index gives an error: the library then calls
    /// [`Index::recreate`] and rebuilds.
    pub fn open_or_create(dir: &Path) -> Result<Index, SearchError> {
        Index::open_or_create_with(dir, IndexOptions::default())
    }

    pub fn open_or_create_with(dir: &Path, options: IndexOptions) -> Result<Index, SearchError> {
        fs::create_dir_all(dir).map_err(io("cannot create the index directory"))?;
        let (schema, _) = build_schema();
        let index = if dir.join("meta.json").exists() {
            guarded(dir, || tantivy::Index::open_in_dir(dir))?
        } else {
            check_only_index_files(dir, false)?;
            match tantivy::Index::builder()
                .schema(schema.clone())
                .create_in_dir(dir)
            {
                // Another process created it a moment ago.
                Err(TantivyError::IndexAlreadyExists) => {
                    guarded(dir, || tantivy::Index::open_in_dir(dir))?
                }
                other => other?,
            }
        };
        Index::checked(dir, index, options, false)
    }

    /// Open the index in `dir` for searching only, writing nothing (a library on read-only
    /// media). Any write through it is refused with [`SearchError::ReadOnly`]; a missing or
    /// damaged index is an error, since it cannot be rebuilt here.
    pub fn open_read_only(dir: &Path) -> Result<Index, SearchError> {
        if !dir.join("meta.json").is_file() {
            return Err(SearchError::Damaged("its meta.json is missing".into()));
        }
        let index = guarded(dir, || {
            let directory = ReadOnlyDirectory::open(dir)
                .map_err(|e| TantivyError::InternalError(e.to_string()))?;
            tantivy::Index::open(directory)
        })?;
        Index::checked(dir, index, IndexOptions::default(), true)
    }

    /// The opened tantivy index as ours, once its schema and version are checked.
    fn checked(
        dir: &Path,
        index: tantivy::Index,
        options: IndexOptions,
        read_only: bool,
    ) -> Result<Index, SearchError> {
        let (schema, fields) = build_schema();
        if index.schema() != schema {
            return Err(SearchError::Outdated);
        }
        // A payload we cannot read, or of another index version: this index is not ours to use.
        let payload = guarded(dir, || index.load_metas())?.payload;
        if payload.is_some_and(|p| parse_payload(&p).is_none_or(|(v, _)| v != INDEX_VERSION)) {
            return Err(SearchError::Outdated);
        }
        index.tokenizers().register(FIC, fic_analyzer());
        index.tokenizers().register(EXACT, exact_analyzer());
        // Nobody commits to a read-only index: no need to watch it.
        let policy = if read_only {
            ReloadPolicy::Manual
        } else {
            ReloadPolicy::OnCommitWithDelay
        };
        let reader = guarded(dir, || {
            index.reader_builder().reload_policy(policy).try_into()
        })?;
        let opened = Index {
            dir: dir.to_path_buf(),
            index,
            reader,
            fields,
            options,
            read_only,
            writer: Mutex::new(None),
            term_cache: TermCache::default(),
            all_facets: AllFacets::default(),
        };
        opened.touch_every_segment()?;
        Ok(opened)
    }

    /// Delete the index in `dir` (which must hold only index files: nothing else is ever
    /// deleted) and create an empty one. `WriterBusy` if another process is writing it.
    pub fn recreate(dir: &Path, options: IndexOptions) -> Result<Index, SearchError> {
        fs::create_dir_all(dir).map_err(io("cannot create the index directory"))?;
        check_only_index_files(dir, true)?;
        {
            let directory =
                MmapDirectory::open(dir).map_err(|e| SearchError::Damaged(e.to_string()))?;
            let _lock = directory
                .acquire_lock(&INDEX_WRITER_LOCK)
                .map_err(|e| match e {
                    LockError::LockBusy => SearchError::WriterBusy,
                    other => SearchError::Damaged(other.to_string()),
                })?;
            for entry in fs::read_dir(dir).map_err(io("cannot list the index directory"))? {
                let entry = entry.map_err(io("cannot list the index directory"))?;
                if entry.file_name() != INDEX_WRITER_LOCK.filepath.as_os_str() {
                    fs::remove_file(entry.path()).map_err(io("cannot delete an index file"))?;
                }
            }
        }
        Index::open_or_create_with(dir, options)
    }

    /// Add or replace the work with this store id. Visible to searches after [`Index::commit`].
    pub fn index_work(&self, id: u64, work: &Work) -> Result<(), SearchError> {
        let doc = document(&self.fields, id, work);
        self.with_writer(|w| {
            w.delete_term(Term::from_field_u64(self.fields.id, id));
            w.add_document(doc)?;
            Ok(())
        })
    }

    /// Remove the work with this id (no-op if it is not indexed).
    pub fn remove(&self, id: u64) -> Result<(), SearchError> {
        self.with_writer(|w| {
            w.delete_term(Term::from_field_u64(self.fields.id, id));
            Ok(())
        })
    }

    /// Make the writes so far durable and visible, recording that the index now reflects every
    /// store change up to `applied_seq`.
    pub fn commit(&self, applied_seq: u64) -> Result<(), SearchError> {
        self.with_writer(|w| {
            let mut prepared = w.prepare_commit()?;
            prepared.set_payload(&payload(applied_seq));
            prepared.commit()?;
            Ok(())
        })?;
        self.reader.reload()?;
        Ok(())
    }

    /// Forget the writes since the last commit.
    pub fn rollback(&self) -> Result<(), SearchError> {
        self.with_writer(|w| {
            w.rollback()?;
            Ok(())
        })
    }

    /// Let another process write the index: drop our writer (uncommitted writes are lost) and
    /// wait for its merges to finish.
    pub fn release_writer(&self) -> Result<(), SearchError> {
        if let Some(w) = self.lock_writer().take() {
            w.wait_merging_threads()?;
        }
        Ok(())
    }

    /// The store change sequence number the last commit reflects; `None` for an index never
    /// committed (rebuild it).
    pub fn applied_seq(&self) -> Result<Option<u64>, SearchError> {
        let metas = self.index.load_metas()?;
        Ok(metas
            .payload
            .as_deref()
            .and_then(parse_payload)
            .map(|(_, seq)| seq))
    }

    /// Replace the whole index by `works`, then commit with `applied_seq` (take it from the
    /// store *before* reading the works). One commit at the end: until then searches see the
    /// old index, and a failure or a crash leaves the old index as it was.
    pub fn rebuild<E: std::fmt::Display>(
        &self,
        works: impl IntoIterator<Item = Result<(u64, Work), E>>,
        applied_seq: u64,
    ) -> Result<u64, SearchError> {
        let count = self.with_writer(|w| {
            w.delete_all_documents()?;
            let mut count = 0;
            for item in works {
                match item {
                    Ok((id, work)) => {
                        w.add_document(document(&self.fields, id, &work))?;
                        count += 1;
                    }
                    Err(e) => {
                        w.rollback()?;
                        return Err(SearchError::Rebuild(e.to_string()));
                    }
                }
            }
            let mut prepared = w.prepare_commit()?;
            prepared.set_payload(&payload(applied_seq));
            prepared.commit()?;
            Ok(count)
        })?;
        self.reader.reload()?;
        Ok(count)
    }

    /// See other processes' commits now rather than within half a second.
    pub fn reload(&self) -> Result<(), SearchError> {
        Ok(self.reader.reload()?)
    }

    /// Works in the index (as of the last reload).
    pub fn doc_count(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Every work id in the index, ascending (for `ficshelf check`: the index and the store
    /// agree).
    pub fn ids(&self) -> Result<Vec<u64>, SearchError> {
        shielded(|| {
            let searcher = self.reader.searcher();
            let mut ids = Vec::with_capacity(searcher.num_docs() as usize);
            for segment in searcher.segment_readers() {
                let column = segment.fast_fields().u64("id")?;
                ids.extend(segment.doc_ids_alive().filter_map(|doc| column.first(doc)));
            }
            ids.sort_unstable();
            Ok(ids)
        })
    }

    /// Read every index file and check its checksum: the names of damaged files (empty when
    /// the index is whole). Slow on a large index; for `ficshelf check`.
    pub fn verify(&self) -> Result<Vec<String>, SearchError> {
        let damaged = guarded(&self.dir, || self.index.validate_checksum())?;
        let mut names: Vec<String> = damaged.iter().map(|p| p.display().to_string()).collect();
        names.sort();
        Ok(names)
    }

    fn lock_writer(&self) -> MutexGuard<'_, Option<IndexWriter<TantivyDocument>>> {
        // A panic while holding the lock leaves at worst uncommitted writes: keep going.
        self.writer
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn with_writer<T>(
        &self,
        f: impl FnOnce(&mut IndexWriter<TantivyDocument>) -> Result<T, SearchError>,
    ) -> Result<T, SearchError> {
        if self.read_only {
            return Err(SearchError::ReadOnly);
        }
        let mut guard = self.lock_writer();
        let writer = match &mut *guard {
            Some(w) => w,
            none => {
                let per_thread =
                    (self.options.memory_budget / self.options.threads.max(1)).max(15_000_000);
                let threads = self.options.threads.clamp(1, 8);
                let w = self
                    .index
                    .writer_with_num_threads(threads, per_thread * threads)
                    .map_err(|e| match e {
                        TantivyError::LockFailure(LockError::LockBusy, _) => {
                            SearchError::WriterBusy
                        }
                        other => SearchError::Tantivy(other),
                    })?;
                w.set_merge_policy(Box::new(CappedMerges::default()));
                none.insert(w)
            }
        };
        f(writer)
    }

    /// Open what a search will need in every segment, so that truncated or missing files are
    /// found now (by `open`) rather than by the first search.
    fn touch_every_segment(&self) -> Result<(), SearchError> {
        let searcher = self.reader.searcher();
        let f = &self.fields;
        let text = [f.title, f.author_text, f.summary, f.tags_text, f.body];
        guarded(&self.dir, || {
            for segment in searcher.segment_readers() {
                for field in text {
                    segment.inverted_index(field)?;
                }
                segment.fast_fields().u64("id")?;
                for name in FACET_FIELDS {
                    segment.fast_fields().str(name)?;
                }
            }
            Ok(())
        })
    }
}

/// Run a tantivy call that reads index files, turning its errors and any panic on damaged
/// data into `Damaged`.
/// The reason names files inside the index directory, never the directory itself (errors carry
/// no paths: the CLI adds the path it knows).
fn guarded<T>(dir: &Path, f: impl FnOnce() -> tantivy::Result<T>) -> Result<T, SearchError> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => {
            let prefix = format!("{}{}", dir.display(), std::path::MAIN_SEPARATOR);
            Err(SearchError::Damaged(e.to_string().replace(&prefix, "")))
        }
        Err(_) => Err(SearchError::Damaged("reading it failed".into())),
    }
}

/// Run a search on the index, turning a panic on damaged data into `Damaged`.
pub(crate) fn shielded<T>(f: impl FnOnce() -> Result<T, SearchError>) -> Result<T, SearchError> {
    catch_unwind(AssertUnwindSafe(f))
        .unwrap_or_else(|_| Err(SearchError::Damaged("reading it failed".into())))
}

fn io(context: &'static str) -> impl FnOnce(std::io::Error) -> SearchError {
    move |source| SearchError::Io { context, source }
}

/// Refuse a directory holding anything but tantivy's files. `with_meta`: whether `meta.json`
/// may be there (without it, segment files alone mean an index lost its metadata).
fn check_only_index_files(dir: &Path, with_meta: bool) -> Result<(), SearchError> {
    let ctx = "cannot list the index directory";
    let mut segments = 0;
    for entry in fs::read_dir(dir).map_err(io(ctx))? {
        let entry = entry.map_err(io(ctx))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_file = entry.file_type().map_err(io(ctx))?.is_file();
        let known = is_file
            && (name == "meta.json"
                || name == ".managed.json"
                || name.starts_with(".tantivy-")
                || name.starts_with(".tmp")
                || is_segment_file(&name));
        if !known {
            return Err(SearchError::NotAnIndex(format!("unexpected {name:?}")));
        }
        if is_segment_file(&name) {
            segments += 1;
        }
    }
    if !with_meta && segments > 0 {
        return Err(SearchError::Damaged("meta.json is missing".into()));
    }
    Ok(())
}

/// `<32 hex digits>.<ext>` (or `<32 hex>.<opstamp>.del`): a tantivy segment file.
fn is_segment_file(name: &str) -> bool {
    let Some((stem, _ext)) = name.split_once('.') else {
        return false;
    };
    stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The commit payload: `ficshelf-index <version> seq=<n>`.
fn payload(seq: u64) -> String {
    format!("ficshelf-index {INDEX_VERSION} seq={seq}")
}

fn parse_payload(p: &str) -> Option<(u32, u64)> {
    let rest = p.strip_prefix("ficshelf-index ")?;
    let (version, seq) = rest.split_once(" seq=")?;
    Some((version.parse().ok()?, seq.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_round_trips() {
        assert_eq!(parse_payload(&payload(42)), Some((INDEX_VERSION, 42)));
        assert_eq!(parse_payload("something else"), None);
        assert_eq!(parse_payload("ficshelf-index x seq=1"), None);
    }

    #[test]
    fn segment_file_names() {
        assert!(is_segment_file("0123456789abcdef0123456789abcdef.idx"));
        assert!(is_segment_file("0123456789abcdef0123456789abcdef.12.del"));
        assert!(!is_segment_file("notes.txt"));
        assert!(!is_segment_file("0123456789abcdef0123456789abcdeg.idx"));
    }

    #[test]
    fn a_directory_with_other_files_is_never_wiped() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("thesis.docx"), b"years of work").unwrap();
        let err = Index::recreate(dir.path(), IndexOptions::default())
            .err()
            .unwrap();
        assert!(matches!(err, SearchError::NotAnIndex(_)), "{err}");
        assert!(dir.path().join("thesis.docx").exists());
        assert!(matches!(
            Index::open_or_create(dir.path()),
            Err(SearchError::NotAnIndex(_))
        ));
    }
}
