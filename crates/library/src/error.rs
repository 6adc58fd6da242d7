//! The facade's errors: [`LibraryError`] ends a command (the library cannot be used, an output
//! cannot be written); [`FileError`] is one file's refusal, a row of an import report while the
//! batch goes on.
//!
//! As everywhere in ficshelf, `Display` is the reason alone: the CLI names the path
//! (`error: <path>: <reason>`).

use std::io;

use ficshelf_export::ExportError;
use ficshelf_ingest::IngestError;
use ficshelf_search::SearchError;
use ficshelf_store::{StoreError, WorkId};

/// Why a library operation could not be done.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    /// `Library::open` on a directory that holds no library (nothing was created).
    #[error("no ficshelf library here (import something first to create one)")]
    NotFound,

    #[error(transparent)]
    Store(#[from] StoreError),

    #[error(transparent)]
    Search(#[from] SearchError),

    #[error("there is no work {0}")]
    NoSuchWork(WorkId),

    /// A chapter number outside the work (numbers count from 1).
    #[error("work {id} has no chapter {number} (it has {chapters})")]
    NoSuchChapter {
        id: WorkId,
        number: usize,
        chapters: usize,
    },

    #[error("{context}: {source}")]
    Io {
        context: &'static str,
        #[source]
        source: io::Error,
    },

    #[error(transparent)]
    Export(#[from] ExportError),

    /// A write was asked of a library opened read-only ([`crate::Library::open_read_only`]).
    #[error("the library is open read-only here: nothing can be imported, removed or rebuilt")]
    ReadOnly,

    /// A library opened read-only whose search index is damaged or outdated: a writable open
    /// rebuilds it from the database, which cannot be done here. The works are all in the
    /// database, untouched.
    #[error(
        "the search index cannot be used ({why}) and the library folder cannot be written here \
         to rebuild it: open the library once where it can be written"
    )]
    IndexUnusableHere { why: String },

    /// An operation failed and the library folder refuses writes (full, read-only, no
    /// permission): the operating system's reason, instead of SQLite's or tantivy's words.
    /// Opening writes (it brings the search index up to date); a command that only reads then
    /// opens the library with [`crate::Library::open_read_only`]. What was committed stays.
    #[error("cannot write in the library folder: {reason}")]
    Unwritable { reason: io::Error },
}

impl LibraryError {
    pub(crate) fn io(context: &'static str) -> impl FnOnce(io::Error) -> LibraryError {
        move |source| LibraryError::Io { context, source }
    }
}

/// Why one file (or one kept original, for `reparse`) was not taken into the library.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// The file could not be read as a fic (missing, too large, not text, a broken EPUB…).
    #[error(transparent)]
    Ingest(#[from] IngestError),

    /// The store refused this one work (a Work it cannot store, an original that vanished).
    #[error(transparent)]
    Store(#[from] StoreError),

    /// The directory walk could not list this entry.
    #[error("cannot list: {0}")]
    Walk(String),

    /// Reading this file hit a bug in ficshelf (a panic, caught so the batch goes on).
    #[error("ficshelf failed while reading this file (a bug; please report it)")]
    Panicked,

    /// The walk found a file here, and by the time it was read the path led elsewhere: the
    /// file was replaced (by another file, a link, a FIFO or a folder).
    #[error("the file was replaced while the import ran (not the file the folder held); not read")]
    ChangedDuringImport,

    /// A symbolic link leading out of the folder being imported: not followed.
    #[error("symbolic link out of the folder being imported, not followed")]
    LinkOutOfTree,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_never_name_a_path() {
        let e = LibraryError::Io {
            context: "cannot write the export",
            source: io::Error::new(io::ErrorKind::PermissionDenied, "permission denied"),
        };
        assert_eq!(e.to_string(), "cannot write the export: permission denied");
        let f = FileError::from(IngestError::Empty);
        assert_eq!(f.to_string(), "file is empty");
        assert_eq!(
            LibraryError::NoSuchChapter {
                id: WorkId(3),
                number: 9,
                chapters: 2
            }
            .to_string(),
            "work 3 has no chapter 9 (it has 2)"
        );
    }
}
