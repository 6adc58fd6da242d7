//! Which files a command given `FILE|DIR...` reads (`audit`, later `import`): files named are
//! read whatever their name; directories are walked recursively, hidden entries included, taking
//! the files whose extension says fic (txt, text, md, markdown, htm, html, xhtml, epub).
//! Symbolic links are never followed out of the tree: a link inside a directory is taken only
//! when it points at a file inside the same directory tree, and linked directories are not
//! entered (their files are already in the tree, or outside it).

use std::path::{Path, PathBuf};

/// Extensions of the files taken from a directory (compared without case).
pub const FIC_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "htm", "html", "xhtml", "epub",
];

/// What a walk found.
#[derive(Debug, Default)]
pub struct Found {
    /// Files to read, in the order given (each directory's files sorted by path).
    pub files: Vec<PathBuf>,
    /// Entries that could not be listed: (path, reason).
    pub errors: Vec<(PathBuf, String)>,
    /// Links skipped because they lead out of the tree.
    pub links_out: Vec<PathBuf>,
}

/// The files under `paths`.
pub fn files(paths: &[PathBuf]) -> Found {
    let mut found = Found::default();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut found);
        } else {
            // A file (or a path that does not exist: reading it reports why).
            found.files.push(path.clone());
        }
    }
    found
}

fn walk(root: &Path, found: &mut Found) {
    let canonical_root = match root.canonicalize() {
        Ok(c) => c,
        Err(e) => {
            found.errors.push((root.to_path_buf(), e.to_string()));
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
                    .map_or_else(|| e.to_string(), std::string::ToString::to_string);
                found.errors.push((path, reason));
                continue;
            }
        };
        let path = entry.path();
        let kind = entry.file_type();
        if kind.is_symlink() {
            match path.canonicalize() {
                Ok(target) if target.starts_with(&canonical_root) => {
                    if target.is_file() && has_fic_extension(path) {
                        found.files.push(path.to_path_buf());
                    }
                }
                // Out of the tree, or dangling: not ours to read.
                _ => found.links_out.push(path.to_path_buf()),
            }
        } else if kind.is_file() && has_fic_extension(path) {
            found.files.push(path.to_path_buf());
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

    #[test]
    fn directories_are_walked_files_are_taken_as_named() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("sub/.hidden")).unwrap();
        for name in [
            "b.txt",
            "a.HTML",
            "sub/c.epub",
            "sub/.hidden/d.md",
            ".e.txt",
            "f.jpg",
            "g",
        ] {
            std::fs::write(d.join(name), "x").unwrap();
        }
        let found = files(&[d.to_path_buf(), d.join("f.jpg")]);
        let names: Vec<String> = found
            .files
            .iter()
            .map(|p| p.strip_prefix(d).unwrap_or(p).display().to_string())
            .collect();
        assert_eq!(
            names,
            [
                ".e.txt",
                "a.HTML",
                "b.txt",
                "sub/.hidden/d.md",
                "sub/c.epub",
                "f.jpg"
            ]
        );
        assert!(found.errors.is_empty() && found.links_out.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_tree_are_not_followed() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "x").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("in.txt"), "x").unwrap();
        std::os::unix::fs::symlink(d.join("in.txt"), d.join("alias.txt")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.txt"), d.join("out.txt")).unwrap();
        std::os::unix::fs::symlink(outside.path(), d.join("elsewhere.txt")).unwrap();
        std::os::unix::fs::symlink(d.join("missing.txt"), d.join("dangling.txt")).unwrap();
        let found = files(&[d.to_path_buf()]);
        let names: Vec<String> = found
            .files
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
            .collect();
        assert_eq!(names, ["alias.txt", "in.txt"]);
        let skipped: Vec<String> = found
            .links_out
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
            .collect();
        assert_eq!(skipped, ["dangling.txt", "elsewhere.txt", "out.txt"]);
    }
}
