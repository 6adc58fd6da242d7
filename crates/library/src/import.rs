//! `Library::import`: files and folders into the library — read and normalized in parallel,
//! written in input order by one writer, deduplicated, indexed.
//!
//! ```text
//! paths ─ walk ─► files ─┬─ read (limits) ─ sha256 ─ known bytes? ─ ingest ─ keep original ─ prepare ─┐
//!                        │     (rayon workers, in parallel; `pipeline`)                                │
//!                        └◄──────────────────── in input order, a batch at a time ◄─────────────────────┘
//!                             one write transaction per batch: same bytes → unchanged; dedupe
//!                             (same URL, or same title + authors and nearly the same text) →
//!                             update (old version to history) or extra source; else insert
//!                             ─► index catch-up from the change log
//! ```
//!
//! Each work is written whole inside a batch (every store call is its own savepoint), originals
//! are durable before any row names them, and the index follows the change log: a `kill -9` at
//! any moment leaves a library that opens, checks clean and holds only whole works, and
//! running the import again completes it.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ficshelf_ingest::read_bytes;
use ficshelf_model::Work;
use ficshelf_store::{
    Fingerprint, MatchReason, PreparedWork, SourceRecord, Staged, StoreError, Tx, WorkId, dedupe,
    sha256_hex,
};

use crate::pipeline::{Shape, run_ordered};
use crate::sync::{Commit, Fresh};
use crate::walk::{self, FileId, Found};
use crate::{FileError, Library, LibraryError};

/// What changes how files are imported.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// How files are read: limits and the archivist's tag map.
    pub read: ficshelf_ingest::Options,
    /// Reading threads. `None`: four per core (at least four), so that the CPU stays busy while
    /// other threads wait for the disk to make originals durable.
    pub threads: Option<usize>,
}

/// What became of one file.
#[derive(Debug)]
pub enum FileOutcome {
    /// A new work.
    Imported(WorkId),
    /// A newer copy of a work already there (more chapters, or a later update): the work was
    /// replaced and its previous version kept as history.
    Updated(WorkId),
    /// Nothing changed: the same bytes were imported before, or this is another copy of a
    /// work already there that is not newer (recorded as one more source of it).
    Unchanged(WorkId),
    Failed(FileError),
}

/// One row of an import report.
#[derive(Debug)]
pub struct FileReport {
    /// The path as given (or as found under a folder given).
    pub path: PathBuf,
    pub outcome: FileOutcome,
}

/// How many files ended each way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub imported: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub failed: u64,
}

impl Counts {
    pub(crate) fn add(&mut self, outcome: &FileOutcome) {
        match outcome {
            FileOutcome::Imported(_) => self.imported += 1,
            FileOutcome::Updated(_) => self.updated += 1,
            FileOutcome::Unchanged(_) => self.unchanged += 1,
            FileOutcome::Failed(_) => self.failed += 1,
        }
    }

    pub fn total(&self) -> u64 {
        self.imported + self.updated + self.unchanged + self.failed
    }
}

/// Where an import is, for a progress bar.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    /// Files dealt with so far, of `total`.
    pub done: u64,
    pub total: u64,
    pub counts: Counts,
    pub elapsed: Duration,
}

/// Every file's outcome, in the order the files were given (folders walked by name).
#[derive(Debug, Default)]
pub struct ImportReport {
    pub files: Vec<FileReport>,
    pub counts: Counts,
    pub elapsed: Duration,
}

/// A file read and prepared, waiting for the writer.
pub(crate) enum Ready {
    /// These exact bytes are already a source of this work: nothing was parsed.
    Known(WorkId),
    Read(Box<ReadWork>),
    Failed(FileError),
    /// The library itself failed (originals unwritable, database unreadable): stop.
    Fatal(LibraryError),
}

pub(crate) struct ReadWork {
    pub work: Work,
    pub prepared: PreparedWork,
    pub source: SourceRecord,
    /// The file's bytes, staged in `originals/`.
    pub original: Staged,
}

/// Results handed to the writer at once (one write transaction).
const BATCH: usize = 64;

impl Library {
    /// Import files and folders (see the module docs). `progress` is called on this thread
    /// after every batch. Per-file failures are rows of the report; `Err` means the library
    /// itself failed, and everything written before stays.
    pub fn import(
        &self,
        paths: &[PathBuf],
        opts: &ImportOptions,
        progress: impl Fn(&Progress),
    ) -> Result<ImportReport, LibraryError> {
        self.writable()?;
        let started = Instant::now();
        let mut refused: Vec<Option<FileError>> = Vec::new();
        let mut jobs: Vec<PathBuf> = Vec::new();
        let mut seen: Vec<Option<FileId>> = Vec::new();
        for found in walk::files(paths) {
            match found {
                Found::File(path, id) => {
                    jobs.push(path);
                    seen.push(id);
                    refused.push(None);
                }
                Found::Refused(path, e) => {
                    jobs.push(path);
                    seen.push(None);
                    refused.push(Some(e));
                }
            }
        }
        let skip: Vec<bool> = refused.iter().map(Option::is_some).collect();
        let threads = opts.threads.unwrap_or_else(default_threads);
        let shape = Shape {
            threads,
            window: threads * 8,
            batch: BATCH,
        };
        let total = jobs.len() as u64;
        let mut report = ImportReport::default();
        let indexed = |i: usize| (i, &jobs[i]);
        let run = run_ordered(
            &(0..jobs.len()).collect::<Vec<_>>(),
            shape,
            |&i| {
                let (i, path) = indexed(i);
                if skip[i] {
                    return None;
                }
                Some(self.prepare_file(path, seen[i], &opts.read))
            },
            |batch| {
                let mut items = Vec::with_capacity(batch.len());
                for (i, result) in batch {
                    let ready = match (refused[i].take(), result) {
                        (Some(e), _) => Ready::Failed(e),
                        (None, Some(Some(ready))) => ready,
                        (None, _) => Ready::Failed(FileError::Panicked),
                    };
                    items.push((jobs[i].clone(), ready));
                }
                let fatal = self.write_batch(items, &mut report)?;
                progress(&Progress {
                    done: report.files.len() as u64,
                    total,
                    counts: report.counts,
                    elapsed: started.elapsed(),
                });
                fatal.map_or(Ok(()), Err)
            },
        );
        // Whatever happened, what was committed gets indexed and made durable.
        let finished = self.finish_index();
        let _ = self.lock_writer().checkpoint();
        run?;
        finished?;
        report.elapsed = started.elapsed();
        Ok(report)
    }

    /// Import one file already in memory (an upload). `name` is shown as its path and its
    /// extension helps tell the format.
    pub fn import_bytes(
        &self,
        name: &str,
        bytes: Vec<u8>,
        opts: &ImportOptions,
    ) -> Result<FileOutcome, LibraryError> {
        self.writable()?;
        let ready = self.prepare_bytes(name, bytes, &opts.read);
        let mut report = ImportReport::default();
        let fatal = self.write_batch(vec![(PathBuf::from(name), ready)], &mut report);
        let finished = self.finish_index();
        if let Some(e) = fatal? {
            return Err(e);
        }
        finished?;
        report
            .files
            .pop()
            .map(|r| r.outcome)
            .ok_or_else(|| LibraryError::Io {
                context: "import",
                source: std::io::Error::other("the file was not written"),
            })
    }

    fn prepare_file(
        &self,
        path: &Path,
        seen: Option<FileId>,
        read: &ficshelf_ingest::Options,
    ) -> Ready {
        // Reading a file may cost many times its size (a page's tree, an EPUB's inflated
        // entries), up to ~200 MB for a file at the limits. Several reading threads each on
        // such a file would add those up, so large files are read one at a time; the many
        // small files of a library still go in parallel.
        let large = std::fs::metadata(path).is_ok_and(|m| m.len() > LARGE_FILE_BYTES);
        let _one_at_a_time = large.then(|| LARGE_FILES.lock().unwrap_or_else(|e| e.into_inner()));
        match walk::read_found(path, seen, read.limits.max_file_bytes) {
            Ok(bytes) => self.prepare_bytes(&path.display().to_string(), bytes, read),
            Err(e) => Ready::Failed(e),
        }
    }

    pub(crate) fn prepare_bytes(
        &self,
        name: &str,
        bytes: Vec<u8>,
        read: &ficshelf_ingest::Options,
    ) -> Ready {
        let sha = sha256_hex(&bytes);
        match self.reader().and_then(|r| Ok(r.find_by_source_sha(&sha)?)) {
            Ok(Some(id)) => return Ready::Known(id),
            Ok(None) => {}
            Err(e) => return Ready::Fatal(e),
        }
        let work = match read_bytes(name, &bytes, read) {
            Ok(work) => work,
            Err(e) => return Ready::Failed(e.into()),
        };
        let prepared = match PreparedWork::new(&work) {
            Ok(prepared) => prepared,
            Err(e) => return Ready::Failed(e.into()),
        };
        // Made durable by the writer, for the whole batch, before any row can name it.
        let original = match self.originals.stage(&sha, &bytes) {
            Ok(staged) => staged,
            Err(e) => return Ready::Fatal(e.into()),
        };
        Ready::Read(Box::new(ReadWork {
            source: SourceRecord::of(&work),
            work,
            prepared,
            original,
        }))
    }

    /// Write a batch in one transaction, add its rows to the report and catch the index up.
    /// Returns the fatal error a file ran into, after writing the files before it.
    fn write_batch(
        &self,
        items: Vec<(PathBuf, Ready)>,
        report: &mut ImportReport,
    ) -> Result<Option<LibraryError>, LibraryError> {
        let mut fatal = None;
        let mut rows: Vec<(PathBuf, Option<Box<ReadWork>>, Option<FileOutcome>)> = Vec::new();
        for (path, ready) in items {
            match ready {
                Ready::Known(id) => rows.push((path, None, Some(FileOutcome::Unchanged(id)))),
                Ready::Failed(e) => rows.push((path, None, Some(FileOutcome::Failed(e)))),
                Ready::Read(rw) => rows.push((path, Some(rw), None)),
                Ready::Fatal(e) => {
                    fatal = Some(e);
                    break;
                }
            }
        }
        let mut fresh = Fresh::new();
        if rows.iter().any(|r| r.1.is_some()) {
            self.originals.commit(
                rows.iter_mut()
                    .filter_map(|r| r.1.as_mut().map(|rw| &mut rw.original)),
            )?;
            let mut store = self.lock_writer();
            fresh.floor = store.last_change_seq()?;
            store.transaction(|tx| {
                for (_, rw, outcome) in &mut rows {
                    if let Some(rw) = rw {
                        *outcome = Some(match decide(tx, rw) {
                            Ok(o) => o,
                            Err(StoreError::DuplicateSource { existing }) => {
                                FileOutcome::Unchanged(existing)
                            }
                            Err(e) if is_fatal(&e) => return Err(e),
                            Err(e) => FileOutcome::Failed(e.into()),
                        });
                    }
                }
                Ok(())
            })?;
        }
        for (path, rw, outcome) in rows {
            let Some(outcome) = outcome else { continue };
            if let (FileOutcome::Imported(id) | FileOutcome::Updated(id), Some(rw)) = (&outcome, rw)
            {
                fresh.works.insert(*id, rw.work);
            }
            report.counts.add(&outcome);
            report.files.push(FileReport { path, outcome });
        }
        if !fresh.works.is_empty() {
            self.sync_index(&mut fresh, Commit::IfDue)?;
        }
        Ok(fatal)
    }
}

/// The dedupe rule of `docs/storage.md`, inside the write transaction (so that another process
/// importing the same work at the same moment cannot slip in between the look and the write).
fn decide(tx: &mut Tx<'_>, rw: &ReadWork) -> Result<FileOutcome, StoreError> {
    if let Some(id) = tx.find_by_source_sha(&rw.source.sha256)? {
        return Ok(FileOutcome::Unchanged(id));
    }
    let candidates = tx.find_candidates(&rw.work)?;
    // The text fingerprint costs a pass over the text: only when a candidate needs it.
    let mut fingerprint: Option<Fingerprint> = None;
    let same = candidates.into_iter().find(|c| {
        c.reason == MatchReason::SourceUrl
            || fingerprint
                .get_or_insert_with(|| Fingerprint::of(&rw.work))
                .similarity(&c.fingerprint)
                >= dedupe::SAME_TEXT
    });
    Ok(match same {
        Some(c) if dedupe::is_newer(&c.work, &rw.work) => {
            tx.update(c.id, &rw.prepared, &rw.source)?;
            FileOutcome::Updated(c.id)
        }
        Some(c) => {
            tx.add_source(c.id, &rw.source)?;
            FileOutcome::Unchanged(c.id)
        }
        None => FileOutcome::Imported(tx.insert(&rw.prepared, &rw.source)?),
    })
}

/// Errors that mean the library cannot go on, as opposed to this one work being refused.
pub(crate) fn is_fatal(e: &StoreError) -> bool {
    matches!(
        e,
        StoreError::Sqlite(_)
            | StoreError::Io { .. }
            | StoreError::SchemaTooNew { .. }
            | StoreError::NotALibrary(_)
    )
}

fn default_threads() -> usize {
    let cores = std::thread::available_parallelism().map_or(2, usize::from);
    (cores * 4).clamp(4, 32)
}

/// Files above this size are read one at a time (see `prepare_file`). An EPUB this small
/// inflates to at most `epub_max_ratio` (100) times its size, 25 MiB.
const LARGE_FILE_BYTES: u64 = 256 * 1024;
static LARGE_FILES: std::sync::Mutex<()> = std::sync::Mutex::new(());
