//! The hostile corpus: a folder of files made to break an importer — zip bombs, unsafe entry
//! names, links out of the tree, absurd nesting and line lengths, binary and mislabelled text,
//! a FIFO — for `ficshelf-corpus-hostile` and the import test over it
//! (`tests/cli/hostile_import.rs`).
//!
//! Not part of the pipeline: it makes input for it. Every file is written here, in one folder;
//! the links point at system paths (`/etc/passwd`, `/etc`) so that nothing is ever written
//! outside it. Sizes are options, so a test can keep the slow cases small while still crossing
//! every limit. The single-entry hostile EPUBs committed in `fixtures/epub/` (made by
//! `make-hostile.py`) test the EPUB reader case by case; this corpus throws everything at a
//! whole import at once, at full size.

mod epub;
pub mod rawzip;
mod text;

use std::fs;
use std::io;
use std::path::Path;

/// How big the big cases are.
#[derive(Debug, Clone)]
pub struct HostileOptions {
    /// The single line of `long-line.txt` (under the file limit).
    pub long_line_bytes: usize,
    /// `over-the-file-limit.txt`: one line of this many bytes (set it past `max_file_bytes`).
    pub over_limit_bytes: u64,
    /// Nesting depth of the deep HTML and XML.
    pub depth: usize,
    /// What the ratio bomb's chapter inflates to.
    pub bomb_bytes: usize,
    /// Entries of the many-entries bomb.
    pub many_entries: usize,
}

impl Default for HostileOptions {
    fn default() -> Self {
        let limits = ficshelf_model::Limits::default();
        HostileOptions {
            long_line_bytes: 50 * 1024 * 1024,
            over_limit_bytes: limits.max_file_bytes + 1,
            depth: 100_000,
            bomb_bytes: 512 * 1024 * 1024,
            many_entries: 100_000,
        }
    }
}

/// What an import must do with a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// One `error: <path>: <reason>` line.
    Refused,
    /// Read into a work (the text is odd, not dangerous).
    Imported,
    /// Either, as long as it is safe: which one is a reader's policy, not a safety matter.
    Either,
    /// Not a file an import takes from the folder (a FIFO, a linked folder): nothing happens.
    NotTaken,
}

/// One file of the corpus.
#[derive(Debug, Clone)]
pub struct HostileFile {
    /// Path relative to the corpus folder.
    pub name: String,
    /// What it attacks.
    pub what: &'static str,
    pub expect: Expect,
}

/// Write the corpus into `dir` (created if missing; existing files of the same names are
/// replaced) and list what was written.
pub fn write_hostile(dir: &Path, opts: &HostileOptions) -> io::Result<Vec<HostileFile>> {
    fs::create_dir_all(dir)?;
    let mut files = Vec::new();
    let mut add = |name: &str, what: &'static str, expect: Expect, bytes: Vec<u8>| {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, bytes)?;
        files.push(HostileFile {
            name: name.to_string(),
            what,
            expect,
        });
        io::Result::Ok(())
    };
    epub::write_all(opts, &mut add)?;
    text::write_all(opts, &mut add)?;
    special_files(dir, &mut files)?;
    Ok(files)
}

/// Links out of the tree, a dangling link, a FIFO, a folder with a fic's name.
fn special_files(dir: &Path, files: &mut Vec<HostileFile>) -> io::Result<()> {
    let mut note = |name: &str, what: &'static str, expect: Expect| {
        files.push(HostileFile {
            name: name.to_string(),
            what,
            expect,
        });
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        let link = |target: &str, name: &str| -> io::Result<()> {
            let path = dir.join(name);
            // Replace a link left by an earlier run.
            if path.symlink_metadata().is_ok() {
                fs::remove_file(&path)?;
            }
            symlink(target, path)
        };
        link("/etc/passwd", "link-out-to-a-file.txt")?;
        note(
            "link-out-to-a-file.txt",
            "symbolic link to a file outside the tree",
            Expect::Refused,
        );
        link("/etc", "link-out-to-a-folder.html")?;
        note(
            "link-out-to-a-folder.html",
            "symbolic link to a folder outside the tree, named like a fic",
            Expect::Refused,
        );
        link("/etc", "link-out-to-a-folder")?;
        note(
            "link-out-to-a-folder",
            "symbolic link to a folder outside the tree (never entered)",
            Expect::NotTaken,
        );
        link("vanished-target.txt", "vanished.txt")?;
        note(
            "vanished.txt",
            "a file gone before it is read (a link to nothing)",
            Expect::Refused,
        );
        let fifo = dir.join("fifo.txt");
        if fifo.symlink_metadata().is_err() {
            let status = std::process::Command::new("mkfifo").arg(&fifo).status()?;
            if !status.success() {
                return Err(io::Error::other("mkfifo failed"));
            }
        }
        note(
            "fifo.txt",
            "a FIFO no one writes to: opening it for reading would wait forever",
            Expect::NotTaken,
        );
    }
    let folder = dir.join("folder-named-like-a-fic.txt");
    fs::create_dir_all(&folder)?;
    fs::write(
        folder.join("inside.txt"),
        "Title: Inside\nAuthor: Nell Arden\n\nA story in a folder whose name says it is a file.\n",
    )?;
    note(
        "folder-named-like-a-fic.txt/inside.txt",
        "a story inside a folder named like a fic",
        Expect::Imported,
    );
    Ok(())
}
