//! Telling a user *why* the library could not be written, and cleaning up after an export
//! that was killed.
//!
//! SQLite and tantivy report a full disk or a read-only folder in their own words ("unable to
//! open database file", "an index writer was killed"), which do not say what to fix. When
//! opening a library fails, [`diagnose`] writes a small probe file into the library folder:
//! if the operating system refuses it (no space left, a read-only file system, no permission),
//! that refusal is the error the user sees. Nothing is probed on the way to success, so a
//! library that works is never refused for a guess.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::LibraryError;

/// Bytes the probe writes: more than one file-system block, so that a disk with a few bytes
/// left still refuses it.
const PROBE_BYTES: usize = 64 * 1024;

/// The error to report for a library in `dir` that failed to open with `error`: the operating
/// system's refusal to write in `dir` when there is one, else `error` itself.
pub(crate) fn diagnose(dir: &Path, error: LibraryError) -> LibraryError {
    let retryable = matches!(
        error,
        LibraryError::Store(_) | LibraryError::Search(_) | LibraryError::Io { .. }
    );
    if !retryable || !dir.is_dir() {
        return error;
    }
    match probe(dir) {
        Ok(()) => error,
        Err(reason) => LibraryError::Unwritable { reason },
    }
}

pub(crate) fn probe(dir: &Path) -> io::Result<()> {
    let path = dir.join(format!(".ficshelf-probe-{}", std::process::id()));
    let written = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&path)?;
        file.write_all(&[0u8; PROBE_BYTES])?;
        file.sync_all()
    })();
    let _ = fs::remove_file(&path);
    written
}

/// Temporary export files (`.ficshelf-PID-N.part`) older than this are left by a killed export
/// and removed by the next one into the same folder. Younger ones may belong to an export
/// running now.
const STALE_PART: Duration = Duration::from_secs(3600);

/// Remove temporary files a killed export left in `dir`: those of a process that is no longer
/// running (where the system can tell, Linux's /proc) or older than an hour.
pub(crate) fn sweep_parts(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = part_pid(&name.to_string_lossy()) else {
            continue;
        };
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age > STALE_PART);
        if old || (pid != std::process::id() && process_gone(pid)) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The process id in a temporary export file's name.
fn part_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(".ficshelf-")?.strip_suffix(".part")?;
    let (pid, n) = rest.split_once('-')?;
    n.parse::<u64>().ok()?;
    pid.parse().ok()
}

#[cfg(target_os = "linux")]
fn process_gone(pid: u32) -> bool {
    Path::new("/proc/self").exists() && !Path::new(&format!("/proc/{pid}")).exists()
}

#[cfg(not(target_os = "linux"))]
fn process_gone(_pid: u32) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_names_are_recognized_exactly() {
        assert_eq!(part_pid(".ficshelf-1234-7.part"), Some(1234));
        assert_eq!(part_pid(".ficshelf-1234-7.epub"), None);
        assert_eq!(part_pid("ficshelf-1234-7.part"), None);
        assert_eq!(part_pid(".ficshelf-x-7.part"), None);
        assert_eq!(part_pid(".ficshelf-probe-12"), None);
    }

    #[test]
    fn parts_of_dead_processes_go_and_others_stay() {
        let dir = tempfile::tempdir().unwrap();
        // A pid no process has: above the kernel's pid_max (at most 2^22).
        let dead = dir.path().join(".ficshelf-4999999-0.part");
        let mine = dir
            .path()
            .join(format!(".ficshelf-{}-0.part", std::process::id()));
        let book = dir.path().join("Title - Author.epub");
        for p in [&dead, &mine, &book] {
            fs::write(p, b"x").unwrap();
        }
        sweep_parts(dir.path());
        assert_eq!(!dead.exists(), cfg!(target_os = "linux"));
        assert!(mine.exists());
        assert!(book.exists());
    }

    #[test]
    fn a_working_folder_keeps_the_original_error() {
        let dir = tempfile::tempdir().unwrap();
        let e = diagnose(dir.path(), LibraryError::NotFound);
        assert!(matches!(e, LibraryError::NotFound));
        let e = diagnose(
            dir.path(),
            LibraryError::Io {
                context: "x",
                source: io::Error::other("y"),
            },
        );
        assert!(matches!(e, LibraryError::Io { .. }));
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            0,
            "probe removed"
        );
    }
}
