//! Which files an import reads: the first step of `Library::import`, before any file is opened.
//!
//! Files named are read whatever their name. Folders are walked recursively, hidden entries
//! included, taking the files whose extension says fic (txt, text, md, markdown, htm, html,
//! xhtml, epub): a collection folder also holds cover images, indexes and notes, which are not
//! failures. Symbolic links are never followed out of the tree: a link inside a folder is taken
//! only when it points at a file inside that same folder, and linked folders are not entered
//! (their files are already in the tree, or outside it). A link that leads out, or nowhere, is
//! reported, so that an archivist learns what was not imported.
//!
//! A folder may change between the walk and the reading (another program, a sync client, an
//! attacker who can write there): a file the walk took is read only if it is still the same
//! file ([`FileId`]), so a file swapped for a link out of the tree, a FIFO or a folder after
//! the walk is refused instead of followed.

use std::path::{Path, PathBuf};

use ficshelf_ingest::{open_file, read_open_file};

use crate::FileError;

/// Extensions of the files taken from a folder (compared without case).
pub const FIC_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "htm", "html", "xhtml", "epub",
];

/// One thing the walk found: a file to read (with the file the walk saw there, when it was
/// found in a folder), or an entry it could not take.
#[derive(Debug)]
pub enum Found {
    File(PathBuf, Option<FileId>),
    Refused(PathBuf, FileError),
}

/// Which file a path led to when the walk saw it: device and inode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileId {
    dev: u64,
    ino: u64,
}

impl FileId {
    fn of(meta: &std::fs::Metadata) -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Some(FileId {
                dev: meta.dev(),
                ino: meta.ino(),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            None
        }
    }
}

/// The bytes of a file the walk found, at most `limit`: refused if it is gone, is no longer a
/// regular file, or is another file than the one the walk saw (`seen`), whatever now stands at
/// its path (the check is made on the opened file, so nothing can be swapped in after it).
pub fn read_found(path: &Path, seen: Option<FileId>, limit: u64) -> Result<Vec<u8>, FileError> {
    let file = open_file(path)?;
    if let Some(seen) = seen {
        let now = file
            .metadata()
            .map_err(ficshelf_ingest::IngestError::from)?;
        if FileId::of(&now) != Some(seen) {
            return Err(FileError::ChangedDuringImport);
        }
    }
    Ok(read_open_file(file, limit)?)
}

/// The files under `paths`, in the order given, each folder's files sorted by name.
pub fn files(paths: &[PathBuf]) -> Vec<Found> {
    let mut found = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut found);
        } else {
            // A file, or a path that does not exist: reading it says why. Named by the user,
            // it is read wherever it leads.
            found.push(Found::File(path.clone(), None));
        }
    }
    found
}

fn walk(root: &Path, found: &mut Vec<Found>) {
    let canonical_root = match root.canonicalize() {
        Ok(c) => c,
        Err(e) => {
            found.push(Found::Refused(root.into(), FileError::Walk(e.to_string())));
            return;
        }
    };
    let entries = walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(root).to_path_buf();
                let reason = e
                    .io_error()
                    .map_or_else(|| e.to_string(), ToString::to_string);
                found.push(Found::Refused(path, FileError::Walk(reason)));
                continue;
            }
        };
        let path = entry.path();
        let kind = entry.file_type();
        if kind.is_symlink() {
            if !has_fic_extension(path) {
                continue;
            }
            let inside = path
                .canonicalize()
                .ok()
                .filter(|t| t.starts_with(&canonical_root));
            let seen = inside.as_deref().and_then(|t| std::fs::metadata(t).ok());
            match (inside, seen) {
                (Some(_), Some(meta)) if meta.is_file() => {
                    found.push(Found::File(path.to_path_buf(), FileId::of(&meta)));
                }
                // A link to a folder inside the tree: its files are walked where they are.
                (Some(_), Some(_)) => {}
                _ => found.push(Found::Refused(path.to_path_buf(), FileError::LinkOutOfTree)),
            }
        } else if kind.is_file() && has_fic_extension(path) {
            match entry.metadata() {
                Ok(meta) => found.push(Found::File(path.to_path_buf(), FileId::of(&meta))),
                Err(e) => found.push(Found::Refused(
                    path.to_path_buf(),
                    FileError::Walk(e.to_string()),
                )),
            }
        }
    }
}

fn has_fic_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| FIC_EXTENSIONS.iter().any(|f| f.eq_ignore_ascii_case(e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(found: &[Found], root: &Path) -> (Vec<String>, Vec<String>) {
        let rel = |p: &Path| p.strip_prefix(root).unwrap_or(p).display().to_string();
        let mut files = Vec::new();
        let mut refused = Vec::new();
        for f in found {
            match f {
                Found::File(p, _) => files.push(rel(p)),
                Found::Refused(p, _) => refused.push(rel(p)),
            }
        }
        (files, refused)
    }

    #[test]
    fn folders_are_walked_hidden_included_files_taken_as_named() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("sub/.hidden")).unwrap();
        for name in [
            "b.txt",
            "a.HTML",
            "sub/c.epub",
            "sub/.hidden/d.md",
            ".e.txt",
            "cover.jpg",
            "README",
        ] {
            std::fs::write(d.join(name), "x").unwrap();
        }
        let found = files(&[d.to_path_buf(), d.join("cover.jpg")]);
        let (files, refused) = names(&found, d);
        assert_eq!(
            files,
            [
                ".e.txt",
                "a.HTML",
                "b.txt",
                "sub/.hidden/d.md",
                "sub/c.epub",
                "cover.jpg"
            ]
        );
        assert!(refused.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_tree_are_reported_not_followed() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "x").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir(d.join("inner")).unwrap();
        std::fs::write(d.join("in.txt"), "x").unwrap();
        std::os::unix::fs::symlink(d.join("in.txt"), d.join("alias.txt")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.txt"), d.join("out.txt")).unwrap();
        std::os::unix::fs::symlink(outside.path(), d.join("elsewhere.txt")).unwrap();
        std::os::unix::fs::symlink(outside.path(), d.join("elsewhere")).unwrap();
        std::os::unix::fs::symlink(d.join("missing.txt"), d.join("dangling.txt")).unwrap();
        std::os::unix::fs::symlink(d.join("inner"), d.join("loop.txt")).unwrap();
        let found = files(&[d.to_path_buf()]);
        let (files, refused) = names(&found, d);
        assert_eq!(files, ["alias.txt", "in.txt"]);
        assert_eq!(refused, ["dangling.txt", "elsewhere.txt", "out.txt"]);
        assert!(found.iter().all(|f| match f {
            Found::Refused(_, e) => e.to_string().contains("symbolic link"),
            Found::File(..) => true,
        }));
    }

    /// The walk's `seen` for `name` under `d`.
    fn seen(found: &[Found], d: &Path, name: &str) -> Option<FileId> {
        found.iter().find_map(|f| match f {
            Found::File(p, seen) if p == &d.join(name) => *seen,
            _ => None,
        })
    }

    #[cfg(unix)]
    #[test]
    fn a_file_changed_after_the_walk_is_refused_not_followed() {
        use std::os::unix::fs::symlink;
        let outside = tempfile::tempdir().unwrap();
        let secret = outside.path().join("secret.txt");
        std::fs::write(&secret, "root:x:0:0").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for name in [
            "same", "linked", "renamed", "gone", "fifo", "folder", "cut", "alias-to",
        ] {
            std::fs::write(d.join(format!("{name}.txt")), format!("{name} story")).unwrap();
        }
        symlink(d.join("alias-to.txt"), d.join("alias.txt")).unwrap();
        let found = files(&[d.to_path_buf()]);
        let read = |name: &str| read_found(&d.join(name), seen(&found, d, name), 1 << 20);
        assert!(found.iter().all(|f| matches!(f, Found::File(_, Some(_)))));

        // Between the walk and the reading, the folder changes under the import.
        let swap = |name: &str| std::fs::remove_file(d.join(name)).unwrap();
        swap("linked.txt");
        symlink(&secret, d.join("linked.txt")).unwrap();
        std::fs::write(d.join("new.tmp"), "another story").unwrap();
        std::fs::rename(d.join("new.tmp"), d.join("renamed.txt")).unwrap();
        swap("gone.txt");
        swap("fifo.txt");
        let fifo = std::process::Command::new("mkfifo")
            .arg(d.join("fifo.txt"))
            .status();
        assert!(fifo.unwrap().success());
        swap("folder.txt");
        std::fs::create_dir(d.join("folder.txt")).unwrap();
        std::fs::write(d.join("cut.txt"), "").unwrap();
        swap("alias.txt");
        symlink(&secret, d.join("alias.txt")).unwrap();

        assert_eq!(read("same.txt").unwrap(), b"same story");
        for name in [
            "linked.txt",
            "renamed.txt",
            "fifo.txt",
            "folder.txt",
            "alias.txt",
        ] {
            let e = read(name).expect_err(name);
            assert!(matches!(e, FileError::ChangedDuringImport), "{name}: {e}");
        }
        assert!(
            read("gone.txt")
                .unwrap_err()
                .to_string()
                .contains("cannot read")
        );
        // The same file, emptied in place: read as it now is (the reader then says it is empty).
        assert_eq!(read("cut.txt").unwrap(), b"");
        // A path the user named is read wherever it leads.
        assert_eq!(
            read_found(&d.join("linked.txt"), None, 1 << 20).unwrap(),
            b"root:x:0:0"
        );
    }

    #[test]
    fn a_missing_path_is_passed_on_to_be_reported_by_the_reader() {
        let found = files(&[PathBuf::from("/no/such/ficshelf/file.txt")]);
        assert!(matches!(found.as_slice(), [Found::File(_, None)]));
    }
}
