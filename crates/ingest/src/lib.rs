//! Reading fan-fiction files: the first three stages of the pipeline, and the facade the CLI
//! and the library call.
//!
//! ```text
//! bytes ─ detect ─ decode ─ read ──► RawWork ─ normalize ─► Work
//!        (detect)  (decode)  (read::txt | read::html | read::epub)   (ficshelf_normalize)
//! ```
//!
//! - [`detect`] picks the format from magic bytes, then the extension, and refuses what is not
//!   text (empty, binary) with a typed [`IngestError`];
//! - [`decode`] turns bytes into clean Unicode (BOM, UTF-8, UTF-16, declared charset, guess;
//!   mojibake repaired; NFC; LF);
//! - `read::*` locate the metadata and chapters and return a `RawWork`;
//! - [`read_path`] / [`read_bytes`] add the file facts (size, SHA-256) and normalize;
//! - [`explain`] does the same and keeps the decoded text, the `RawWork` and every normalizer
//!   decision, for `ficshelf inspect --explain`.

pub mod decode;
pub mod detect;
mod error;
mod explain;
mod limits;
mod read;

use std::fs::File;
use std::io::Read;
use std::path::Path;

use ficshelf_model::{Format, Limits, RawWork, Work};
use ficshelf_normalize::SourceFacts;
use sha2::{Digest, Sha256};

pub use error::IngestError;
pub use explain::{Explained, explain, origin_line};

/// Everything that changes how a file is read.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub limits: Limits,
    pub normalize: ficshelf_normalize::Options,
}

/// Read and normalize the file at `path`. Files over `limits.max_file_bytes` are refused before
/// they are read.
pub fn read_path(path: &Path, opts: &Options) -> Result<Work, IngestError> {
    let bytes = read_limited(path, opts.limits.max_file_bytes)?;
    read_bytes(&path.display().to_string(), &bytes, opts)
}

/// Read and normalize a file already in memory. `display_path` is shown in `source.path` and
/// gives the extension that detection uses as a hint.
pub fn read_bytes(display_path: &str, bytes: &[u8], opts: &Options) -> Result<Work, IngestError> {
    let raw = read_raw(display_path, bytes, opts)?;
    let facts = SourceFacts {
        path: display_path.to_string(),
        sha256: sha256_hex(bytes),
        bytes: bytes.len() as u64,
    };
    let work = ficshelf_normalize::normalize(raw, &facts, &opts.normalize);
    limits::check_tags(&work, &opts.limits)?;
    Ok(work)
}

/// Detect, decode and read, without normalizing: what the file says, as written.
pub fn read_raw(display_path: &str, bytes: &[u8], opts: &Options) -> Result<RawWork, IngestError> {
    match checked_format(display_path, bytes, opts)? {
        Format::Txt => read::txt::read(bytes, &opts.limits),
        Format::Html => read::html::read(bytes, &opts.limits),
        Format::Epub => read::epub::read(bytes, &opts.limits),
    }
}

/// The format of a file in memory, refusing it first when it is over the size limit.
fn checked_format(display_path: &str, bytes: &[u8], opts: &Options) -> Result<Format, IngestError> {
    let limit = opts.limits.max_file_bytes;
    if bytes.len() as u64 > limit {
        return Err(IngestError::TooLarge {
            bytes: bytes.len() as u64,
            limit,
        });
    }
    detect::detect(display_path, bytes)
}

/// The file's bytes, refusing anything that is not a regular file or is over `limit`.
fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, IngestError> {
    read_open_file(open_file(path)?, limit)
}

/// The bytes of a file opened by [`open_file`], refusing anything that is not a regular file
/// or is over `limit`: the size is checked before reading, and at most `limit + 1` bytes are
/// read so that a file growing meanwhile cannot get past the limit.
pub fn read_open_file(file: File, limit: u64) -> Result<Vec<u8>, IngestError> {
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(IngestError::NotAFile);
    }
    if meta.len() > limit {
        return Err(IngestError::TooLarge {
            bytes: meta.len(),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(IngestError::TooLarge {
            bytes: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// Open `path` for reading without ever waiting: a FIFO with no writer (or a device that
/// blocks) would otherwise hang `open` itself, before any file-type check could refuse it.
/// Callers then check that the file is a regular one (`NotAFile`); on a regular file the
/// non-blocking flag changes nothing. Found by the hostile-corpus import test.
pub fn open_file(path: &Path) -> Result<File, IngestError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    Ok(options.open(path)?)
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_is_lower_hex() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn files_over_the_limit_are_refused_before_reading() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("big.txt");
        let content = "Title: Big\n\nA story longer than sixteen bytes.\n";
        std::fs::write(&path, content).expect("write");
        let opts = Options {
            limits: Limits {
                max_file_bytes: 16,
                ..Limits::default()
            },
            ..Options::default()
        };
        let err = read_path(&path, &opts).expect_err("over the limit");
        let expected = format!(
            "file is {} bytes, over the 16 bytes limit (max_file_bytes)",
            content.len()
        );
        assert_eq!(err.to_string(), expected);
        let err = read_raw("big.txt", &[b'a'; 17], &opts).expect_err("in memory too");
        assert!(matches!(
            err,
            IngestError::TooLarge {
                bytes: 17,
                limit: 16
            }
        ));
    }

    #[test]
    fn directories_and_missing_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let err = read_path(dir.path(), &Options::default()).expect_err("a directory");
        assert_eq!(err.to_string(), "not a regular file");
        let err =
            read_path(&dir.path().join("missing.txt"), &Options::default()).expect_err("missing");
        assert!(err.to_string().starts_with("cannot read: "), "{err}");
    }

    #[test]
    fn read_bytes_fills_in_the_source_facts() {
        let work = read_bytes(
            "story.txt",
            b"Title: Facts\n\nSome text.\n",
            &Options::default(),
        )
        .expect("reads");
        assert_eq!(work.source.path, "story.txt");
        assert_eq!(work.source.bytes, 25);
        assert_eq!(
            work.source.sha256,
            sha256_hex(b"Title: Facts\n\nSome text.\n")
        );
        assert_eq!(work.source.format, Format::Txt);
        assert_eq!(work.source.encoding, "utf-8");
    }
}
