//! The index's error type. Every variant but `WriterBusy` and `Tantivy` means "rebuild the index
//! from the store" to the library: the index is a cache, never the only copy of anything.
//!
//! `Display` is the reason only, without the index's path.

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The index cannot be opened or read: files missing, truncated or garbled.
    #[error("the search index is damaged ({0}); rebuild it from the library")]
    Damaged(String),

    /// The index was written by another version of ficshelf's index schema.
    #[error("the search index was built by another version of ficshelf; rebuild it")]
    Outdated,

    /// The directory holds files that are not a tantivy index: it is never wiped.
    #[error("the index directory holds files that are not a ficshelf search index ({0})")]
    NotAnIndex(String),

    /// Another process holds the index writer (another import or a server with uploads). The
    /// store keeps the change log, so the index catches up later.
    #[error("another ficshelf process is writing the search index")]
    WriterBusy,

    /// The index was opened read-only ([`crate::Index::open_read_only`]) and a write was asked.
    #[error("the search index is read-only here")]
    ReadOnly,

    /// `rebuild` was fed an error by the iterator of works; the old index is kept.
    #[error("rebuilding the search index stopped: {0}")]
    Rebuild(String),

    #[error("{context}: {source}")]
    Io {
        context: &'static str,
        #[source]
        source: std::io::Error,
    },

    #[error("search index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}
