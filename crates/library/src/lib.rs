//! The library facade: one call per thing a user does with a library — import, search, show,
//! export, remove, stats, tags, check, reindex, reparse — over the store (SQLite, the truth)
//! and the search index (tantivy, a cache kept in step from the store's change log).
//!
//! ```text
//! files ─ ingest (read + normalize, in parallel) ─► Work ─┬─ store   (ficshelf-store)
//!                                                         ├─ index   (ficshelf-search)
//!                         this crate: Library ────────────┴─ export  (ficshelf-export)
//! ```
//!
//! The CLI (`src/cmd/*`) and the web server (`crates/web`) call only this crate. A [`Library`]
//! is `Send + Sync`; one per process is enough.
//!
//! ```no_run
//! # use ficshelf_library::*;
//! # fn f() -> Result<(), LibraryError> {
//! let library = Library::open_or_create("/tmp/shelf".as_ref())?;
//! let report = library.import(&["fics/".into()], &ImportOptions::default(), |_| {})?;
//! println!("imported {}", report.counts.imported);
//! let mut query = Query::default();
//! query.words = "lighthouse".into();
//! query.ratings = vec![parse_rating("teen").map_err(std::io::Error::other).unwrap()];
//! for hit in library.search(&query)?.hits {
//!     println!("{} {}", hit.id, hit.title);
//! }
//! # Ok(()) }
//! ```
//!
//! See `docs/storage.md` for the storage design this builds on.

mod error;
mod export;
mod faults;
pub mod filters;
mod import;
mod library;
pub mod names;
mod pipeline;
mod summary;
mod sync;
mod upkeep;
pub mod walk;

pub use error::{FileError, LibraryError};
pub use export::Exported;
pub use filters::{parse_category, parse_rating, parse_sort, parse_warning, parse_words};
pub use import::{Counts, FileOutcome, FileReport, ImportOptions, ImportReport, Progress};
pub use library::{DiskUsage, Library, LibraryStats, SearchPage};
pub use summary::WorkSummary;
pub use upkeep::{CheckReport, ReparseReport};

// What callers need from the crates below, so that they depend on this one only.
pub use ficshelf_export::ExportFormat;
pub use ficshelf_search::{FacetCount, Facets, MAX_LIMIT, Order, Query, Sort};
pub use ficshelf_store::{
    HistoryEntry, Stats, StoredSource, StoredWork, TagCount, TagKind, Timestamp, WorkId, WorkMeta,
};
