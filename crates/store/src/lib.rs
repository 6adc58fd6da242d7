//! The library's source of truth: an SQLite database of `Work`s and the original files they were
//! read from.
//!
//! ```text
//! … normalize ─► Work ─┬─ store (this crate: SQLite + originals/) ── the truth
//!                      └─ search (ficshelf-search: tantivy, rebuilt from here)
//! ```
//!
//! A library directory holds `library.sqlite3`, `originals/` (every imported file, content-
//! addressed by SHA-256, zstd-compressed) and `index/` (the search index, owned by
//! `ficshelf-search`). See `docs/storage.md` for the schema, the crash-safety and concurrency
//! design, and the dedupe rule.
//!
//! The import path, as the library facade drives it:
//!
//! ```no_run
//! # use ficshelf_store::*;
//! # fn import(store: &mut Store, bytes: &[u8], work: &ficshelf_model::Work) -> Result<(), StoreError> {
//! let sha = store.put_original(bytes)?;              // durable before any row names it
//! if store.find_by_source_sha(&sha)?.is_some() {
//!     return Ok(());                                  // same bytes: unchanged
//! }
//! let prepared = PreparedWork::new(work)?;            // CPU work outside the write lock
//! let source = SourceRecord::of(work);
//! let fp = Fingerprint::of(work);
//! store.transaction(|tx| {
//!     let same = tx.find_candidates(work)?.into_iter().find(|c| {
//!         c.reason == MatchReason::SourceUrl || c.fingerprint.similarity(&fp) >= dedupe::SAME_TEXT
//!     });
//!     match same {
//!         Some(c) if dedupe::is_newer(&c.work, work) => tx.update(c.id, &prepared, &source),
//!         Some(c) => tx.add_source(c.id, &source),
//!         None => tx.insert(&prepared, &source).map(drop),
//!     }
//! })
//! # }
//! ```

mod check;
mod codec;
pub mod dedupe;
mod error;
mod originals;
mod report;
mod row;
mod schema;
mod store;
mod text;
mod types;
mod write;

pub use check::{GARBAGE_MIN_AGE, Garbage, Problem};
pub use codec::Timestamp;
pub use dedupe::Fingerprint;
pub use error::StoreError;
pub use originals::{Originals, Staged, sha256_hex};
pub use row::PreparedWork;
pub use schema::SCHEMA_VERSION;
pub use store::{DB_FILE, INDEX_DIR, ORIGINALS_DIR, Store, WorkIter};
pub use types::{
    Candidate, Change, ChangeKind, ChapterInfo, HistoryEntry, MatchReason, SourceRecord, Stats,
    StoredSource, StoredWork, TagCount, TagKind, WorkId, WorkMeta,
};
pub use write::Tx;
