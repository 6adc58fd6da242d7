//! Bad input gets one line, `error: <file>: <reason>`, exit 1, and nothing written: never a
//! panic, never a hang. One test per kind of bad input.

use std::fs;
use std::path::{Path, PathBuf};

use crate::util::{assert_one_error_line, ficshelf};

/// Inspect and convert `path`: both must refuse it with one error line and write nothing.
/// Returns the reason given.
fn assert_refused(path: &Path) -> String {
    let shown = path.display().to_string();
    let out = ficshelf().arg("inspect").arg(path).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "inspect {shown}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let reason = assert_one_error_line(&out.stderr, &shown);

    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.epub");
    let out = ficshelf()
        .arg("convert")
        .arg(path)
        .arg("-o")
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_one_error_line(&out.stderr, &shown);
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        0,
        "convert left a file behind"
    );
    reason
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let reason = assert_refused(&write(dir.path(), "empty.txt", b""));
    assert!(reason.contains("empty"), "{reason}");
}

#[test]
fn whitespace_only_file() {
    let dir = tempfile::tempdir().unwrap();
    let reason = assert_refused(&write(dir.path(), "blank.txt", b" \n\r\n\t \n"));
    assert!(
        reason.contains("empty") || reason.contains("no text"),
        "{reason}"
    );
}

#[test]
fn random_binary_bytes() {
    let dir = tempfile::tempdir().unwrap();
    // Deterministic noise (xorshift) standing in for a binary file with a .txt name.
    let mut x: u32 = 0x1234_5678;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect();
    let reason = assert_refused(&write(dir.path(), "noise.txt", &bytes));
    assert!(reason.contains("binary"), "{reason}");
}

#[test]
fn png_image_named_txt() {
    let dir = tempfile::tempdir().unwrap();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0".to_vec();
    png.extend(std::iter::repeat_n(0u8, 200));
    assert_refused(&write(dir.path(), "cover.txt", &png));
}

#[test]
fn text_with_nul_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let bytes =
        b"Title: Nully\n\nSome text\0\0\0 with NULs\0 in \0the middle and more text here.\n"
            .repeat(4);
    let reason = assert_refused(&write(dir.path(), "nul.txt", &bytes));
    assert!(
        reason.contains("NUL") || reason.contains("binary"),
        "{reason}"
    );
}

#[test]
fn file_over_the_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    // A sparse 65 MiB file: refused from its size, before any byte is read.
    fs::File::create(&path)
        .unwrap()
        .set_len(65 * 1024 * 1024)
        .unwrap();
    let reason = assert_refused(&path);
    assert!(reason.contains("limit"), "{reason}");
}

#[test]
fn a_directory_is_not_a_fic() {
    let dir = tempfile::tempdir().unwrap();
    assert_refused(dir.path());
}

#[test]
fn missing_file() {
    let dir = tempfile::tempdir().unwrap();
    assert_refused(&dir.path().join("gone.txt"));
}

#[test]
fn a_single_8_mb_line_is_read_as_one_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    let line = "word ".repeat(8 * 1024 * 1024 / 5);
    let path = write(dir.path(), "one-line.txt", line.as_bytes());
    let out = ficshelf()
        .args(["inspect", "--json"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let work: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(work["words"].as_u64(), Some((8 * 1024 * 1024 / 5) as u64));
    assert_eq!(work["chapters"].as_array().map(Vec::len), Some(1));
}
