//! `Library::export`: works from the library into files, named from title and author
//! (`names`), in any format the export crate writes.
//!
//! Never overwriting: an existing file keeps its name and the new one becomes `Title - Author
//! (2).epub`, `(3)`, … Each file appears whole or not at all: it is written under a temporary
//! name in the target folder, synced, then hard-linked to the first free name (a link fails
//! rather than replace, so two exports racing for one name cannot clobber each other) and the
//! temporary name removed. On a file system without hard links (FAT on an e-reader) the free
//! name is looked up and the file renamed to it.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use ficshelf_export::{ExportFormat, render};
use ficshelf_store::WorkId;

use crate::names::{numbered, stem_for};
use crate::{Library, LibraryError};

/// Most ` (n)` tried before giving up on a name.
const MAX_NUMBER: u32 = 10_000;

static TMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// One work's export: the file written, or why not (a work that is not there).
#[derive(Debug)]
pub struct Exported {
    pub id: WorkId,
    pub result: Result<PathBuf, LibraryError>,
}

impl Library {
    /// Write each work into `dir` (created if missing) in `format`. A missing work is that
    /// work's failure; a folder that cannot be written is `Err` for the whole call.
    pub fn export(
        &self,
        ids: &[WorkId],
        dir: &Path,
        format: ExportFormat,
    ) -> Result<Vec<Exported>, LibraryError> {
        fs::create_dir_all(dir).map_err(LibraryError::io("cannot create the output folder"))?;
        crate::faults::sweep_parts(dir);
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            let stored = match self.get(id) {
                Ok(stored) => stored,
                Err(e @ LibraryError::NoSuchWork(_)) => {
                    out.push(Exported { id, result: Err(e) });
                    continue;
                }
                Err(e) => return Err(e),
            };
            let bytes = match render(&stored.work, format) {
                Ok(bytes) => bytes,
                Err(e) => {
                    out.push(Exported {
                        id,
                        result: Err(e.into()),
                    });
                    continue;
                }
            };
            let path = write_new(dir, &stem_for(&stored.work), format.extension(), &bytes)
                .map_err(LibraryError::io("cannot write the export"))?;
            out.push(Exported {
                id,
                result: Ok(path),
            });
        }
        Ok(out)
    }
}

/// Write `bytes` to the first free name `stem.ext`, `stem (2).ext`, … in `dir`.
pub(crate) fn write_new(dir: &Path, stem: &str, ext: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    let tmp = dir.join(format!(
        ".ficshelf-{}-{}.part",
        std::process::id(),
        TMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let written = (|| {
        let mut file: File = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    let placed = written.and_then(|()| place(&tmp, dir, stem, ext));
    // Gone after a hard link, or after a failure; a rename already moved it.
    let _ = fs::remove_file(&tmp);
    placed
}

fn place(tmp: &Path, dir: &Path, stem: &str, ext: &str) -> io::Result<PathBuf> {
    for n in 1..=MAX_NUMBER {
        let target = dir.join(numbered(stem, n, ext));
        match fs::hard_link(tmp, &target) {
            Ok(()) => return Ok(target),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(_) => {
                // No hard links here: look, then rename (a race with another writer of this
                // very name is possible only on such file systems).
                if fs::symlink_metadata(&target).is_ok() {
                    continue;
                }
                fs::rename(tmp, &target)?;
                return Ok(target);
            }
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("{MAX_NUMBER} files named {stem:?} already exist"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_overwrites_numbers_instead() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::write(d.join("Salt - Quill.epub"), b"precious").unwrap();
        let a = write_new(d, "Salt - Quill", "epub", b"one").unwrap();
        let b = write_new(d, "Salt - Quill", "epub", b"two").unwrap();
        assert_eq!(a, d.join("Salt - Quill (2).epub"));
        assert_eq!(b, d.join("Salt - Quill (3).epub"));
        assert_eq!(fs::read(d.join("Salt - Quill.epub")).unwrap(), b"precious");
        assert_eq!(fs::read(&a).unwrap(), b"one");
        assert_eq!(fs::read(&b).unwrap(), b"two");
        // No temporary file is left behind.
        let names: Vec<String> = fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 3, "{names:?}");
    }

    #[test]
    fn a_folder_that_cannot_be_written_is_an_error_and_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("not-there");
        assert!(write_new(&missing, "x", "txt", b"x").is_err());
        assert!(!missing.exists());
    }
}
