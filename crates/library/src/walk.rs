//! Which files an import reads: the first step of `Library::import`, before any file is opened.
//!
//! Files named are read whatever their name. Folders are walked recursively, hidden entries
//! included, taking the files whose extension says fic (txt, text, md, markdown, htm, html,
//! xhtml, epub): a collection folder also holds cover images, indexes and notes, which are not
//! failures. Symbolic links are never followed out of the tree: a link inside a folder is taken
//! only when it points at a file inside that same folder, and linked folders are not entered
//! (their files are already in the tree, or outside it). A link that leads out, or nowhere, is
//! reported, so that an archivist learns what was not imported.

use std::path::{Path, PathBuf};

use crate::FileError;

/// Extensions of the files taken from a folder (compared without case).
pub const FIC_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "htm", "html", "xhtml", "epub",
];

/// One thing the walk found: a file to read, or an entry it could not take.
#[derive(Debug)]
pub enum Found {
    File(PathBuf),
    Refused(PathBuf, FileError),
}

/// The files under `paths`, in the order given, each folder's files sorted by name.
pub fn files(paths: &[PathBuf]) -> Vec<Found> {
    let mut found = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut found);
        } else {
            // A file, or a path that does not exist: reading it says why.
            found.push(Found::File(path.clone()));
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
            match path.canonicalize() {
                Ok(target) if target.starts_with(&canonical_root) && target.is_file() => {
                    found.push(Found::File(path.to_path_buf()));
                }
                // A link to a folder inside the tree: its files are walked where they are.
                Ok(target) if target.starts_with(&canonical_root) => {}
                _ => found.push(Found::Refused(path.to_path_buf(), FileError::LinkOutOfTree)),
            }
        } else if kind.is_file() && has_fic_extension(path) {
            found.push(Found::File(path.to_path_buf()));
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
                Found::File(p) => files.push(rel(p)),
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
            Found::File(_) => true,
        }));
    }

    #[test]
    fn a_missing_path_is_passed_on_to_be_reported_by_the_reader() {
        let found = files(&[PathBuf::from("/no/such/ficshelf/file.txt")]);
        assert!(matches!(found.as_slice(), [Found::File(_)]));
    }
}
