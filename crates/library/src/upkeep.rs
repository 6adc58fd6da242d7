//! Whole-library upkeep: `remove`, `check` (the store is whole and the index agrees with it)
//! and `reparse` (re-read every kept original with today's ingest). `reindex` is in `sync`.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use ficshelf_ingest::read_bytes;
use ficshelf_store::{PreparedWork, SourceRecord, StoreError, WorkId};

use crate::import::{Counts, FileOutcome, Progress, ReadWork, is_fatal};
use crate::pipeline::{Shape, run_ordered};
use crate::sync::{Commit, Fresh};
use crate::{FileError, Library, LibraryError};

/// Most works named one by one per kind of disagreement between store and index.
const LISTED: usize = 20;

/// What `check` found: `problems` mean something is wrong (exit 1); `notes` are harmless.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    pub problems: Vec<String>,
    pub notes: Vec<String>,
}

impl CheckReport {
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }
}

/// What `reparse` did to each work, by id.
#[derive(Debug, Default)]
pub struct ReparseReport {
    /// `Updated` (today's ingest reads it differently: the new reading is current, the old one
    /// history), `Unchanged`, or `Failed` (the work is kept as it was).
    pub works: Vec<(WorkId, String, FileOutcome)>,
    pub counts: Counts,
    pub elapsed: Duration,
}

/// A work being written back: its id, source path, outcome once known, and new reading.
type Row = (WorkId, String, Option<FileOutcome>, Option<Box<ReadWork>>);

enum Reparsed {
    Same,
    Gone,
    Changed(Box<ReadWork>),
    /// The work's source path, and why it could not be read again.
    Failed(String, FileError),
    Fatal(LibraryError),
}

impl Library {
    /// Remove works (and their history, sources and originals). `false` for an id that is not
    /// in the library.
    pub fn remove(&self, ids: &[WorkId]) -> Result<Vec<(WorkId, bool)>, LibraryError> {
        self.writable()?;
        let mut out = Vec::with_capacity(ids.len());
        let result = (|| {
            let mut store = self.lock_writer();
            for &id in ids {
                out.push((id, store.remove(id)?));
            }
            Ok::<_, LibraryError>(())
        })();
        self.finish_index()?;
        result.map(|()| out)
    }

    /// Check the whole library: the database and every original (see `Store::check`), the
    /// index files' checksums, and that the index holds exactly the store's works.
    pub fn check(&self) -> Result<CheckReport, LibraryError> {
        let mut report = CheckReport::default();
        let reader = self.reader()?;
        let mut orphans = 0;
        for problem in reader.check()? {
            if problem.is_harmless() {
                orphans += 1;
            } else {
                report.problems.push(problem.to_string());
            }
        }
        if orphans > 0 {
            report.notes.push(format!(
                "{orphans} kept original(s) belong to no work (left by an interrupted import or \
                 removal; harmless)"
            ));
        }
        let _ = self.index.reload();
        match self.index.verify() {
            Ok(damaged) => report.problems.extend(
                damaged
                    .into_iter()
                    .map(|f| format!("search index: file {f} is damaged; rebuild the index")),
            ),
            Err(e) => report.problems.push(format!("search index: {e}")),
        }
        let last = reader.last_change_seq()?;
        match self.index.applied_seq()? {
            Some(seq) if seq >= last => {}
            None if last == 0 => {}
            Some(seq) => report.problems.push(format!(
                "search index: reflects the library up to change {seq} of {last} (is another \
                 ficshelf process writing it?)"
            )),
            None => report
                .problems
                .push("search index: never built; rebuild the index".into()),
        }
        let stored: BTreeSet<u64> = reader.list_ids()?.into_iter().map(|id| id.0).collect();
        let indexed: BTreeSet<u64> = self.index.ids()?.into_iter().collect();
        if indexed.len() as u64 != self.index.doc_count() {
            report
                .problems
                .push("search index: holds some works more than once".into());
        }
        let missing: Vec<u64> = stored.difference(&indexed).copied().collect();
        let extra: Vec<u64> = indexed.difference(&stored).copied().collect();
        list(
            &mut report.problems,
            &missing,
            "is in the library but not in the search index",
        );
        list(
            &mut report.problems,
            &extra,
            "is in the search index but not in the library",
        );
        Ok(report)
    }

    /// Re-read every work's current original with today's ingest (`opts` as for an import) and
    /// update the works whose reading changed; the previous reading is kept as history. Works
    /// are read in parallel and written in id order.
    pub fn reparse(
        &self,
        opts: &crate::ImportOptions,
        progress: impl Fn(&Progress),
    ) -> Result<ReparseReport, LibraryError> {
        self.writable()?;
        let started = Instant::now();
        let ids = self.ids()?;
        let threads = opts.threads.unwrap_or(4);
        let shape = Shape {
            threads,
            window: threads * 8,
            batch: 64,
        };
        let mut report = ReparseReport::default();
        let total = ids.len() as u64;
        let run = run_ordered(
            &ids,
            shape,
            |&id| self.reparse_one(id, &opts.read),
            |batch| {
                let mut fatal = None;
                let mut rows = Vec::new();
                for (i, result) in batch {
                    let id = ids[i];
                    match result {
                        Some(Reparsed::Fatal(e)) => {
                            fatal = Some(e);
                            break;
                        }
                        Some(r) => rows.push((id, r)),
                        None => {
                            rows.push((id, Reparsed::Failed(String::new(), FileError::Panicked)))
                        }
                    }
                }
                self.write_reparsed(rows, &mut report)?;
                progress(&Progress {
                    done: report.works.len() as u64,
                    total,
                    counts: report.counts,
                    elapsed: started.elapsed(),
                });
                fatal.map_or(Ok(()), Err)
            },
        );
        let finished = self.finish_index();
        run?;
        finished?;
        report.elapsed = started.elapsed();
        Ok(report)
    }

    fn reparse_one(&self, id: WorkId, read: &ficshelf_ingest::Options) -> Reparsed {
        let reader = match self.reader() {
            Ok(r) => r,
            Err(e) => return Reparsed::Fatal(e),
        };
        let stored = match reader.get(id) {
            Ok(Some(stored)) => stored,
            Ok(None) => return Reparsed::Gone,
            Err(e) => return store_failure(String::new(), e),
        };
        let old = stored.work;
        let path = old.source.path.clone();
        let bytes = match reader.read_original(&old.source.sha256) {
            Ok(bytes) => bytes,
            Err(e) => return store_failure(path, e),
        };
        let new = match read_bytes(&path, &bytes, read) {
            Ok(work) => work,
            Err(e) => return Reparsed::Failed(path, e.into()),
        };
        if new == old {
            return Reparsed::Same;
        }
        let prepared = match PreparedWork::new(&new) {
            Ok(prepared) => prepared,
            Err(e) => return store_failure(path, e),
        };
        // The original is stored: staging only touches it, so that no removal running now
        // deletes it before the new version's row names it again.
        match self.originals.stage(&old.source.sha256, &bytes) {
            Ok(original) => Reparsed::Changed(Box::new(ReadWork {
                source: SourceRecord::of(&new),
                work: new,
                prepared,
                original,
            })),
            Err(e) => Reparsed::Fatal(e.into()),
        }
    }

    fn write_reparsed(
        &self,
        rows: Vec<(WorkId, Reparsed)>,
        report: &mut ReparseReport,
    ) -> Result<(), LibraryError> {
        let mut outcomes: Vec<Row> = Vec::new();
        for (id, r) in rows {
            match r {
                Reparsed::Same => {
                    outcomes.push((id, String::new(), Some(FileOutcome::Unchanged(id)), None));
                }
                Reparsed::Gone | Reparsed::Fatal(_) => {}
                Reparsed::Failed(path, e) => {
                    outcomes.push((id, path, Some(FileOutcome::Failed(e)), None));
                }
                Reparsed::Changed(rw) => {
                    outcomes.push((id, rw.source.path.clone(), None, Some(rw)));
                }
            }
        }
        let mut fresh = Fresh::new();
        if outcomes.iter().any(|o| o.3.is_some()) {
            self.originals.commit(
                outcomes
                    .iter_mut()
                    .filter_map(|o| o.3.as_mut().map(|rw| &mut rw.original)),
            )?;
            let mut store = self.lock_writer();
            fresh.floor = store.last_change_seq()?;
            store.transaction(|tx| {
                for (id, _, outcome, rw) in &mut outcomes {
                    let Some(rw) = rw else { continue };
                    *outcome = Some(match tx.update(*id, &rw.prepared, &rw.source) {
                        Ok(()) => FileOutcome::Updated(*id),
                        Err(e) if is_fatal(&e) => return Err(e),
                        Err(e) => FileOutcome::Failed(e.into()),
                    });
                }
                Ok(())
            })?;
        }
        for (id, path, outcome, rw) in outcomes {
            let Some(outcome) = outcome else { continue };
            if let (FileOutcome::Updated(_), Some(rw)) = (&outcome, rw) {
                fresh.works.insert(id, rw.work);
            }
            report.counts.add(&outcome);
            report.works.push((id, path, outcome));
        }
        if !fresh.works.is_empty() {
            self.sync_index(&mut fresh, Commit::IfDue)?;
        }
        Ok(())
    }
}

fn store_failure(path: String, e: StoreError) -> Reparsed {
    if is_fatal(&e) {
        Reparsed::Fatal(e.into())
    } else {
        Reparsed::Failed(path, e.into())
    }
}

/// One line per work (at most `LISTED`), then one line for the rest.
fn list(problems: &mut Vec<String>, ids: &[u64], what: &str) {
    for id in ids.iter().take(LISTED) {
        problems.push(format!("work {id} {what}"));
    }
    if ids.len() > LISTED {
        problems.push(format!("{} more works {what}", ids.len() - LISTED));
    }
}
