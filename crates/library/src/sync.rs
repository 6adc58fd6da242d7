//! Keeping the search index in step with the store: the catch-up and rebuild loops of
//! `docs/storage.md`, run on open, after every write and by `ficshelf reindex`.
//!
//! The store's change log is the only thing the index follows. After each write this process
//! replays the changes after the ones the index already reflects, adding documents as it goes
//! and committing (with the last change's sequence number as tantivy's commit payload) every
//! few seconds and at the end of each operation. A crash anywhere loses only uncommitted index
//! documents; the next open replays them, because replaying is idempotent.
//!
//! tantivy allows one index writer per index across processes. When another process holds it,
//! this one leaves the catching up to it (its own catch-up reads the same change log, so it
//! picks up our writes too) and, at the end of an import, waits a while for it to let go.

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use ficshelf_model::Work;
use ficshelf_search::SearchError;
use ficshelf_store::{ChangeKind, WorkId};

use crate::library::lock;
use crate::{Library, LibraryError};

/// Changes read from the log at a time.
const CHANGES_PER_READ: usize = 2_000;
/// During a long import the index is committed this often, so that other processes' searches
/// see the new works and a crash loses little indexing.
const COMMIT_EVERY: Duration = Duration::from_secs(10);
/// How long the end of a write waits for another process to let go of the index writer.
const WAIT_FOR_WRITER: Duration = Duration::from_secs(30);

/// What this process has added to the index but not committed yet.
#[derive(Debug)]
pub(crate) struct SyncState {
    /// The change sequence number the uncommitted documents reach.
    pending: Option<u64>,
    last_commit: Instant,
}

impl Default for SyncState {
    fn default() -> SyncState {
        SyncState {
            pending: None,
            last_commit: Instant::now(),
        }
    }
}

/// Works this process has just written, by id: indexed from memory instead of being read back
/// from the store, when the change log shows that nobody changed them since.
#[derive(Debug, Default)]
pub(crate) struct Fresh {
    pub works: HashMap<WorkId, Work>,
    /// The store's last change sequence number read *before* writing them: their changes come
    /// after it.
    pub floor: u64,
}

impl Fresh {
    pub fn new() -> Fresh {
        Fresh::default()
    }
}

/// When to commit the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Commit {
    /// Only if the last commit is old (during an import).
    IfDue,
    Now,
}

impl Library {
    /// Bring the search index up to date with the store's change log and commit. `Ok(false)`
    /// when another process holds the index writer: that process catches up instead (or the
    /// next open does).
    pub fn catch_up(&self) -> Result<bool, LibraryError> {
        self.writable()?;
        self.sync_index(&mut Fresh::new(), Commit::Now)
    }

    pub(crate) fn sync_index(
        &self,
        fresh: &mut Fresh,
        commit: Commit,
    ) -> Result<bool, LibraryError> {
        match self.apply_changes(fresh, commit) {
            Err(LibraryError::Search(SearchError::WriterBusy)) => Ok(false),
            other => other.map(|()| true),
        }
    }

    fn apply_changes(&self, fresh: &mut Fresh, commit: Commit) -> Result<(), LibraryError> {
        let mut sync = lock(&self.sync);
        let reader = self.reader()?;
        let from = match sync.pending {
            Some(seq) => seq,
            None => match self.index.applied_seq()? {
                Some(seq) => seq,
                // An index never committed, for a library that has works: rebuild it.
                None if reader.count()? > 0 => {
                    drop((sync, reader));
                    return self.rebuild_index().map(drop);
                }
                None => 0,
            },
        };
        // Only the last change of each work matters (the work is indexed as it is now); how
        // many changes a work had tells whether a fresh work is still the stored version.
        let mut latest: BTreeMap<WorkId, (ChangeKind, u32)> = BTreeMap::new();
        let mut seq = from;
        loop {
            let changes = reader.changes_since(seq, CHANGES_PER_READ)?;
            let Some(last) = changes.last() else { break };
            seq = last.seq;
            for change in &changes {
                let entry = latest.entry(change.work).or_insert((change.kind, 0));
                *entry = (change.kind, entry.1 + 1);
            }
        }
        for (id, (kind, count)) in latest {
            if kind == ChangeKind::Remove {
                self.index.remove(id.0)?;
                continue;
            }
            // This process wrote a fresh work, logging one change after `fresh.floor`: when the
            // range read starts no later than that and holds only one change for the work, it
            // is ours, and the store holds exactly that version.
            if count == 1
                && from <= fresh.floor
                && let Some(work) = fresh.works.get(&id)
            {
                self.index.index_work(id.0, work)?;
                continue;
            }
            match reader.get(id)? {
                Some(stored) => self.index.index_work(id.0, &stored.work)?,
                None => self.index.remove(id.0)?,
            }
        }
        if seq > from {
            sync.pending = Some(seq);
        }
        fresh.works.clear();
        let Some(pending) = sync.pending else {
            return Ok(());
        };
        if commit == Commit::Now || sync.last_commit.elapsed() >= COMMIT_EVERY {
            self.index.commit(pending)?;
            sync.pending = None;
            sync.last_commit = Instant::now();
        }
        Ok(())
    }

    /// Rebuild the whole index from the store (`ficshelf reindex`): everything is re-added in
    /// one commit, so searches see the old index until it is done, and a failure leaves the old
    /// index as it was. Changes made meanwhile are caught up after. Returns the works indexed.
    pub fn reindex(&self) -> Result<u64, LibraryError> {
        self.writable()?;
        let count = self.rebuild_index()?;
        self.release_index_writer();
        Ok(count)
    }

    pub(crate) fn rebuild_index(&self) -> Result<u64, LibraryError> {
        let count = {
            let mut sync = lock(&self.sync);
            let reader = self.reader()?;
            // Before reading the works: whatever changes after this is replayed below.
            let seq = reader.last_change_seq()?;
            let works = reader.iter_works().map(|r| r.map(|s| (s.id.0, s.work)));
            let count = self.index.rebuild(works, seq)?;
            sync.pending = None;
            sync.last_commit = Instant::now();
            count
        };
        self.catch_up()?;
        Ok(count)
    }

    /// Commit what is pending and let other processes write the index. At the end of a write
    /// operation: when another process holds the writer, wait a while for it so that our last
    /// changes are indexed before we return (it may also index them itself meanwhile).
    pub(crate) fn finish_index(&self) -> Result<(), LibraryError> {
        let started = Instant::now();
        loop {
            if self.sync_index(&mut Fresh::new(), Commit::Now)? {
                break;
            }
            let _ = self.index.reload();
            let target = self.reader()?.last_change_seq()?;
            if self.index.applied_seq()?.is_some_and(|s| s >= target) {
                break;
            }
            if started.elapsed() >= WAIT_FOR_WRITER {
                self.notice(
                    "another ficshelf process is writing the search index: the newest works \
                     will be searchable once it (or the next ficshelf command) catches up"
                        .into(),
                );
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        self.release_index_writer();
        Ok(())
    }

    /// Drop the index writer (committing what is pending first), so that another process may
    /// write the index. Best effort: a failure only leaves changes for the next catch-up.
    pub(crate) fn release_index_writer(&self) {
        let mut sync = lock(&self.sync);
        if let Some(seq) = sync.pending.take()
            && self.index.commit(seq).is_err()
        {
            let _ = self.index.rollback();
        }
        let _ = self.index.release_writer();
    }
}
