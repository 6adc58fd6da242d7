//! The store's error type: the fatal tier (the library cannot be used) and the per-call refusals
//! the library facade turns into report rows (`DuplicateSource`, `MissingOriginal`).
//!
//! Like every ficshelf error, `Display` is the reason alone, never the library's path: the CLI
//! prints `error: <path>: <reason>`.

use std::io;

use crate::WorkId;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database was written by a newer ficshelf. It is left untouched.
    #[error(
        "the library database has schema version {found}, newer than this ficshelf knows \
         ({supported}); upgrade ficshelf to open it"
    )]
    SchemaTooNew { found: i64, supported: i64 },

    /// The database has an older schema and was opened read-only, so it cannot be migrated.
    #[error(
        "the library database has schema version {found} and needs an upgrade to {current}, \
         which a read-only library cannot take; open it once where it can be written"
    )]
    NeedsUpgrade { found: i64, current: i64 },

    /// The file is not SQLite, or SQLite written by some other program.
    #[error("not a ficshelf library database: {0}")]
    NotALibrary(String),

    #[error("{context}: {source}")]
    Io {
        context: &'static str,
        #[source]
        source: io::Error,
    },

    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),

    /// A stored value cannot be decoded (damaged blob, JSON that no longer parses).
    #[error("stored work {id} is damaged: {reason}")]
    Damaged { id: WorkId, reason: String },

    /// `insert`/`update`/`add_source` name an original that is not in `originals/`: call
    /// `put_original` first (or again: a concurrent `remove` of the same bytes deleted it).
    #[error("original {sha256} is not in the library")]
    MissingOriginal { sha256: String },

    /// These exact bytes were imported before and belong to this work.
    #[error("this file is already in the library as work {existing}")]
    DuplicateSource { existing: WorkId },

    #[error("there is no work {0}")]
    NoSuchWork(WorkId),

    /// A caller passed something the store cannot accept (a malformed sha256, a Work of an
    /// unknown schema version).
    #[error("{0}")]
    Invalid(String),
}

impl StoreError {
    pub(crate) fn io(context: &'static str) -> impl FnOnce(io::Error) -> StoreError {
        move |source| StoreError::Io { context, source }
    }
}
