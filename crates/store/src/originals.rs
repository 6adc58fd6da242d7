//! `originals/`: every imported file, kept whole so that a later ficshelf can read it again.
//!
//! Content-addressed: the file with SHA-256 `abcdef…` lives at `originals/ab/abcdef….zst`, a
//! standard zstd frame of the exact bytes (`zstd -d` gives the file back). Writing is crash-safe:
//! the bytes go to a temporary file in `originals/.tmp/`, which is made durable, renamed into
//! place, and the rename made durable, all before the database row naming it may commit. A name
//! in `originals/` therefore always holds the whole file; a crash can leave only a stray
//! temporary file or an original that no row names yet, both harmless and swept by
//! `collect_garbage`.
//!
//! An import writes its originals in two steps so that durability is paid once per batch, not
//! twice per file: reading threads [`stage`](Originals::stage) them (compressed into temporary
//! files, not yet synced), and the writer [`commit`](Originals::commit)s a batch before its
//! transaction — on Linux one `syncfs` for the files' data, the renames, and one `syncfs` for
//! the renames. Two fsyncs per file were a sixth of an import's CPU time on ext4.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use sha2::{Digest, Sha256};

use crate::StoreError;

const TMP_DIR: &str = ".tmp";
const SUFFIX: &str = ".zst";

static TMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// From this many files on, a commit flushes the filesystem once instead of each file.
const SYNCFS_FROM: usize = 4;

/// An original staged by [`Originals::stage`], waiting for [`Originals::commit`]. Dropped
/// before that, its temporary file is removed.
#[derive(Debug)]
pub struct Staged {
    /// The temporary file, until the commit renames it into place; `None` when the original
    /// was already stored.
    tmp: Option<PathBuf>,
    dest: PathBuf,
}

impl Drop for Staged {
    fn drop(&mut self) {
        if let Some(tmp) = &self.tmp {
            let _ = fs::remove_file(tmp);
        }
    }
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
}

/// A sha256 as this store spells it: 64 lower-case hex digits. Anything else is refused before
/// it can become part of a path.
pub(crate) fn validate_sha(sha: &str) -> Result<(), StoreError> {
    if sha.len() == 64
        && sha
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        Ok(())
    } else {
        Err(StoreError::Invalid(format!(
            "{sha:?} is not a lower-case hex SHA-256"
        )))
    }
}

/// Why an original on disk is not what its name says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Damage {
    Missing,
    Unreadable(String),
    WrongHash(String),
}

/// A handle on `originals/`: cheap to clone, usable from any thread. An import keeps its
/// originals from its parallel workers (each `put` waits for two fsyncs; many threads overlap
/// them) while one thread writes the rows.
#[derive(Debug, Clone)]
pub struct Originals {
    root: PathBuf,
}

impl Originals {
    pub(crate) fn open(root: PathBuf) -> Result<Originals, StoreError> {
        fs::create_dir_all(root.join(TMP_DIR))
            .map_err(StoreError::io("cannot create the originals directory"))?;
        Ok(Originals { root })
    }

    /// `originals/` as it is, creating nothing (a read-only library).
    pub(crate) fn at(root: PathBuf) -> Originals {
        Originals { root }
    }

    /// Where the original with this (validated) sha256 lives.
    pub(crate) fn path(&self, sha: &str) -> PathBuf {
        self.root.join(&sha[..2]).join(format!("{sha}{SUFFIX}"))
    }

    /// Whether the original with this sha256 is here.
    pub fn exists(&self, sha: &str) -> bool {
        validate_sha(sha).is_ok() && self.path(sha).is_file()
    }

    /// Store `bytes` (idempotent) and return their sha256. Durable when this returns.
    pub fn put(&self, bytes: &[u8]) -> Result<String, StoreError> {
        let sha = sha256_hex(bytes);
        let mut staged = self.stage(&sha, bytes)?;
        self.commit([&mut staged])?;
        Ok(sha)
    }

    /// The first half of a `put`: `bytes`, whose sha256 is `sha`, compressed into a temporary
    /// file that [`Originals::commit`] later makes durable under its name. When the original
    /// is already here it is only touched, and there is nothing to commit.
    pub fn stage(&self, sha: &str, bytes: &[u8]) -> Result<Staged, StoreError> {
        validate_sha(sha)?;
        let dest = self.path(sha);
        // Fresh mtime: `collect_garbage` leaves recently touched originals alone, and a removal
        // leaves those touched since it began, so neither deletes this one between now and the
        // commit of the row that names it.
        match File::options().append(true).open(&dest) {
            Ok(file) => {
                file.set_modified(SystemTime::now())
                    .map_err(StoreError::io("cannot touch an original"))?;
                return Ok(Staged { tmp: None, dest });
            }
            // Not there (or deleted by a removal just now): write it.
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(StoreError::Io {
                    context: "cannot open an original",
                    source: e,
                });
            }
        }
        let n = TMP_COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = self
            .root
            .join(TMP_DIR)
            .join(format!("{sha}.{}.{n}", std::process::id()));
        match write_compressed(&tmp, bytes) {
            Ok(()) => Ok(Staged {
                tmp: Some(tmp),
                dest,
            }),
            Err(e) => {
                let _ = fs::remove_file(&tmp);
                Err(StoreError::Io {
                    context: "cannot write an original",
                    source: e,
                })
            }
        }
    }

    /// The second half of a `put`, for many originals at once: each staged file durable under
    /// its name when this returns. On an error some may be in place and others not; those
    /// not yet in place keep their temporary files until dropped.
    pub fn commit<'a>(
        &self,
        staged: impl IntoIterator<Item = &'a mut Staged>,
    ) -> Result<(), StoreError> {
        let mut pending: Vec<&mut Staged> =
            staged.into_iter().filter(|s| s.tmp.is_some()).collect();
        if pending.is_empty() {
            return Ok(());
        }
        let io_error = |source| StoreError::Io {
            context: "cannot write an original",
            source,
        };
        // A few files: fsync each (cheaper than flushing the whole filesystem, and the way
        // everywhere but Linux).
        let whole_fs = cfg!(target_os = "linux") && pending.len() >= SYNCFS_FROM;
        if whole_fs {
            sync_fs(&self.root).map_err(io_error)?;
        } else {
            for s in &pending {
                if let Some(tmp) = &s.tmp {
                    File::open(tmp)
                        .and_then(|f| f.sync_all())
                        .map_err(io_error)?;
                }
            }
        }
        let mut dirs: Vec<PathBuf> = Vec::new();
        let mut new_shard = false;
        for s in &mut pending {
            let Some(tmp) = s.tmp.as_ref() else { continue };
            let dir = s.dest.parent().unwrap_or(&self.root).to_path_buf();
            if !dir.is_dir() {
                fs::create_dir_all(&dir).map_err(io_error)?;
                new_shard = true;
            }
            fs::rename(tmp, &s.dest).map_err(io_error)?;
            s.tmp = None;
            if !dirs.contains(&dir) {
                dirs.push(dir);
            }
        }
        if whole_fs {
            return sync_fs(&self.root).map_err(io_error);
        }
        if new_shard {
            sync_dir(&self.root).map_err(io_error)?;
        }
        for dir in &dirs {
            sync_dir(dir).map_err(io_error)?;
        }
        Ok(())
    }

    /// Whether the original's file was modified at or after `since` (a `put` touched it).
    /// An unreadable time counts as touched: the safe answer keeps the file.
    pub(crate) fn touched_since(&self, sha: &str, since: SystemTime) -> bool {
        match fs::metadata(self.path(sha)).and_then(|m| m.modified()) {
            Ok(t) => t >= since,
            Err(e) => e.kind() != io::ErrorKind::NotFound,
        }
    }

    /// The original's bytes. `expected_len` bounds how much a damaged file may inflate to.
    pub(crate) fn read(&self, sha: &str, expected_len: u64) -> Result<Vec<u8>, StoreError> {
        validate_sha(sha)?;
        let file = match File::open(self.path(sha)) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(StoreError::MissingOriginal {
                    sha256: sha.to_string(),
                });
            }
            Err(e) => {
                return Err(StoreError::Io {
                    context: "cannot read an original",
                    source: e,
                });
            }
        };
        let mut out = Vec::new();
        zstd::stream::read::Decoder::new(file)
            .and_then(|d| d.take(expected_len.saturating_add(1)).read_to_end(&mut out))
            .map_err(StoreError::io("cannot decompress an original"))?;
        if out.len() as u64 != expected_len || sha256_hex(&out) != sha {
            return Err(StoreError::Invalid(format!("original {sha} is damaged")));
        }
        Ok(out)
    }

    /// Inflate and hash the original without holding it in memory.
    pub(crate) fn verify(&self, sha: &str) -> Result<(), Damage> {
        let file = match File::open(self.path(sha)) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Damage::Missing),
            Err(e) => return Err(Damage::Unreadable(e.to_string())),
        };
        let mut hasher = HashWriter(Sha256::new());
        zstd::stream::read::Decoder::new(file)
            .and_then(|mut d| io::copy(&mut d, &mut hasher))
            .map_err(|e| Damage::Unreadable(e.to_string()))?;
        let found = hex(&hasher.0.finalize());
        if found == sha {
            Ok(())
        } else {
            Err(Damage::WrongHash(found))
        }
    }

    /// Every sha256 with a file under `originals/`, and that file's age.
    pub(crate) fn list(&self) -> Result<Vec<(String, Duration)>, StoreError> {
        let mut out = Vec::new();
        let ctx = "cannot list the originals directory";
        for shard in fs::read_dir(&self.root).map_err(StoreError::io(ctx))? {
            let shard = shard.map_err(StoreError::io(ctx))?;
            let name = shard.file_name();
            if name == TMP_DIR || !shard.path().is_dir() {
                continue;
            }
            for entry in fs::read_dir(shard.path()).map_err(StoreError::io(ctx))? {
                let entry = entry.map_err(StoreError::io(ctx))?;
                let file_name = entry.file_name();
                let Some(sha) = file_name.to_str().and_then(|n| n.strip_suffix(SUFFIX)) else {
                    continue;
                };
                if validate_sha(sha).is_ok() {
                    out.push((sha.to_string(), age(&entry.path())));
                }
            }
        }
        out.sort();
        Ok(out)
    }

    pub(crate) fn remove(&self, sha: &str) -> Result<(), StoreError> {
        validate_sha(sha)?;
        match fs::remove_file(self.path(sha)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(StoreError::Io {
                context: "cannot remove an original",
                source: e,
            }),
            _ => Ok(()),
        }
    }

    /// Delete temporary files older than `min_age` (younger ones may be another process's
    /// write in progress). Returns how many were removed.
    pub(crate) fn clean_tmp(&self, min_age: Duration) -> Result<usize, StoreError> {
        let mut removed = 0;
        let ctx = "cannot clean the originals' temporary directory";
        for entry in fs::read_dir(self.root.join(TMP_DIR)).map_err(StoreError::io(ctx))? {
            let path = entry.map_err(StoreError::io(ctx))?.path();
            if path.is_file() && age(&path) >= min_age && fs::remove_file(&path).is_ok() {
                removed += 1;
            }
        }
        Ok(removed)
    }
}

fn write_compressed(path: &Path, bytes: &[u8]) -> io::Result<()> {
    // In memory with the thread's reused context (a stream encoder would set up a new one for
    // every file); the file is at most the input limit, and its compressed copy a fraction.
    let compressed = crate::codec::compress(bytes);
    if compressed.is_empty() {
        return Err(io::Error::other("zstd could not compress the original"));
    }
    let mut file = File::options().write(true).create_new(true).open(path)?;
    file.write_all(&compressed)?;
    // The kernel stamps writes with a coarse clock that may lag a removal's start by a tick;
    // a precise stamp keeps the "touched since" rule of `write.rs` exact for new files too.
    file.set_modified(SystemTime::now())
}

/// Flush everything written to the filesystem holding `dir` (data, inodes and directory
/// entries) to the disk.
#[cfg(target_os = "linux")]
fn sync_fs(dir: &Path) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    let dir = File::open(dir)?;
    // SAFETY: `syncfs` takes a file descriptor, which `dir` keeps open for the call.
    if unsafe { libc::syncfs(dir.as_raw_fd()) } == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn sync_fs(_: &Path) -> io::Result<()> {
    unreachable!("syncfs is only used on Linux")
}

/// fsync a directory so that a rename or a new entry in it survives a power cut.
fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

fn age(path: &Path) -> Duration {
    fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok())
        .unwrap_or_default()
}

struct HashWriter(Sha256);

impl Write for HashWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn originals() -> (tempfile::TempDir, Originals) {
        let dir = tempfile::tempdir().unwrap();
        let o = Originals::open(dir.path().join("originals")).unwrap();
        (dir, o)
    }

    #[test]
    fn put_is_content_addressed_compressed_and_idempotent() {
        let (_dir, o) = originals();
        let text = "Title: A Story\n\nIt was a dark and stormy night. ".repeat(100);
        let sha = o.put(text.as_bytes()).unwrap();
        assert_eq!(sha, sha256_hex(text.as_bytes()));
        let path = o.path(&sha);
        assert!(
            path.ends_with(format!("{}/{sha}.zst", &sha[..2])),
            "{path:?}"
        );
        assert!(fs::metadata(&path).unwrap().len() < text.len() as u64 / 4);
        assert_eq!(o.put(text.as_bytes()).unwrap(), sha);
        assert_eq!(o.read(&sha, text.len() as u64).unwrap(), text.as_bytes());
        assert_eq!(o.verify(&sha), Ok(()));
        assert_eq!(o.list().unwrap().len(), 1);
        assert_eq!(
            fs::read_dir(o.root.join(TMP_DIR)).unwrap().count(),
            0,
            "no temp left"
        );
    }

    fn tmp_files(o: &Originals) -> usize {
        fs::read_dir(o.root.join(TMP_DIR)).unwrap().count()
    }

    #[test]
    fn staged_originals_have_no_name_until_committed() {
        let (_dir, o) = originals();
        // Both ways of making them durable: each file fsynced, and the whole filesystem.
        for count in [1, SYNCFS_FROM + 3] {
            let texts: Vec<String> = (0..count)
                .map(|i| format!("story {i} of {count}. ").repeat(50))
                .collect();
            let mut staged = Vec::new();
            for t in &texts {
                let sha = sha256_hex(t.as_bytes());
                staged.push(o.stage(&sha, t.as_bytes()).unwrap());
                assert!(!o.exists(&sha), "a staged original has no name yet");
            }
            assert_eq!(tmp_files(&o), count);
            o.commit(&mut staged).unwrap();
            assert_eq!(tmp_files(&o), 0, "every temporary file was renamed");
            for t in &texts {
                let sha = sha256_hex(t.as_bytes());
                assert_eq!(o.read(&sha, t.len() as u64).unwrap(), t.as_bytes());
            }
            // Committing again, or dropping, changes nothing.
            o.commit(&mut staged).unwrap();
            drop(staged);
            assert_eq!(
                o.list().unwrap().len(),
                texts.len() + usize::from(count > 1)
            );
        }
    }

    #[test]
    fn a_staged_original_dropped_uncommitted_leaves_nothing() {
        let (_dir, o) = originals();
        let sha = sha256_hex(b"never committed");
        let staged = o.stage(&sha, b"never committed").unwrap();
        assert_eq!(tmp_files(&o), 1);
        drop(staged);
        assert_eq!(tmp_files(&o), 0);
        assert!(!o.exists(&sha));
        assert!(o.list().unwrap().is_empty());
    }

    #[test]
    fn staging_a_stored_original_only_touches_it() {
        let (_dir, o) = originals();
        let sha = o.put(b"already here").unwrap();
        let old = SystemTime::now() - Duration::from_secs(3600);
        File::options()
            .append(true)
            .open(o.path(&sha))
            .unwrap()
            .set_modified(old)
            .unwrap();
        let since = SystemTime::now();
        let mut staged = o.stage(&sha, b"already here").unwrap();
        assert_eq!(tmp_files(&o), 0, "nothing new written");
        assert!(o.touched_since(&sha, since));
        o.commit([&mut staged]).unwrap();
        assert_eq!(o.verify(&sha), Ok(()));
    }

    #[test]
    fn staging_refuses_a_malformed_sha() {
        let (_dir, o) = originals();
        assert!(matches!(
            o.stage("../../x", b"bytes"),
            Err(StoreError::Invalid(_))
        ));
        assert_eq!(tmp_files(&o), 0);
    }

    #[test]
    fn sha256_matches_the_standard_vector() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn malformed_names_never_become_paths() {
        let (_dir, o) = originals();
        for bad in [
            "../../etc/passwd",
            "",
            "AB",
            &"G".repeat(64),
            &"A".repeat(64),
        ] {
            assert!(
                matches!(o.read(bad, 1), Err(StoreError::Invalid(_))),
                "{bad}"
            );
            assert!(o.remove(bad).is_err());
            assert!(!o.exists(bad));
        }
    }

    #[test]
    fn damage_is_detected() {
        let (_dir, o) = originals();
        let sha = o.put(b"the original bytes").unwrap();
        let other = o.put(b"other bytes").unwrap();
        fs::copy(o.path(&other), o.path(&sha)).unwrap();
        assert!(matches!(o.verify(&sha), Err(Damage::WrongHash(found)) if found == other));
        assert!(o.read(&sha, 18).is_err());
        fs::write(o.path(&sha), b"garbage").unwrap();
        assert!(matches!(o.verify(&sha), Err(Damage::Unreadable(_))));
        fs::remove_file(o.path(&sha)).unwrap();
        assert_eq!(o.verify(&sha), Err(Damage::Missing));
        assert!(matches!(
            o.read(&sha, 18),
            Err(StoreError::MissingOriginal { .. })
        ));
    }

    #[test]
    fn clean_tmp_spares_young_files() {
        let (_dir, o) = originals();
        fs::write(o.root.join(TMP_DIR).join("x.1.1"), b"partial").unwrap();
        assert_eq!(o.clean_tmp(Duration::from_secs(3600)).unwrap(), 0);
        assert_eq!(o.clean_tmp(Duration::ZERO).unwrap(), 1);
    }
}
