//! `ficshelf convert`: every output format, chosen by extension or flag; whole output or none.

use std::fs;

use crate::util::{assert_one_error_line, ficshelf, repo};

const SAMPLE: &str = "samples/the-quiet-between-stacks.txt";

#[test]
fn each_format_by_extension() {
    let dir = tempfile::tempdir().unwrap();
    for ext in ["epub", "html", "txt", "md", "json"] {
        let out = dir.path().join(format!("story.{ext}"));
        ficshelf()
            .current_dir(repo())
            .args(["convert", SAMPLE, "-o"])
            .arg(&out)
            .assert()
            .success();
        let bytes = fs::read(&out).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        match ext {
            "epub" => {
                assert_eq!(&bytes[..4], b"PK\x03\x04");
                assert_eq!(&bytes[30..38], b"mimetype");
                assert!(text.contains("application/epub+zip"));
            }
            "html" => {
                assert!(text.starts_with("<!DOCTYPE html>"), "{text}");
                assert!(text.contains("The Quiet Between Stacks"));
                assert!(!text.contains("<script"));
            }
            "txt" => assert!(
                text.starts_with("Title: The Quiet Between Stacks\n"),
                "{text}"
            ),
            "md" => {
                assert!(text.starts_with("---\n"), "{text}");
                assert!(text.contains("# The Quiet Between Stacks"));
            }
            _ => {
                let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
                assert_eq!(v["schema"], 1);
                assert_eq!(v["title"], "The Quiet Between Stacks");
            }
        }
    }
    // Nothing but the outputs was left in the directory (no temporary files).
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 5);
}

#[test]
fn format_flag_overrides_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("story.data");
    ficshelf()
        .current_dir(repo())
        .args(["convert", SAMPLE, "--format", "json", "-o"])
        .arg(&out)
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&fs::read(&out).unwrap()).unwrap();
    assert_eq!(v["schema"], 1);
}

#[test]
fn unknown_output_format_is_a_usage_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("story.docx");
    let res = ficshelf()
        .current_dir(repo())
        .args(["convert", SAMPLE, "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(res.status.code(), Some(2));
    assert_one_error_line(&res.stderr, &out.display().to_string());
    assert!(!out.exists());
    ficshelf()
        .current_dir(repo())
        .args(["convert", SAMPLE, "--format", "docx", "-o"])
        .arg(&out)
        .assert()
        .code(2);
}

#[test]
fn missing_output_directory_is_an_environment_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("no/such/dir/story.epub");
    let res = ficshelf()
        .current_dir(repo())
        .args(["convert", SAMPLE, "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(res.status.code(), Some(2));
    assert_one_error_line(&res.stderr, &out.display().to_string());
    assert!(!dir.path().join("no").exists());
}

#[test]
fn refused_input_leaves_an_existing_output_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("empty.txt");
    fs::write(&bad, b"").unwrap();
    let out = dir.path().join("story.epub");
    fs::write(&out, b"precious").unwrap();
    let res = ficshelf()
        .args(["convert"])
        .arg(&bad)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(res.status.code(), Some(1));
    assert_one_error_line(&res.stderr, &bad.display().to_string());
    assert_eq!(fs::read(&out).unwrap(), b"precious");
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[test]
fn converting_twice_gives_identical_epubs() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.epub"), dir.path().join("b.epub"));
    for out in [&a, &b] {
        ficshelf()
            .current_dir(repo())
            .args(["convert", SAMPLE, "-o"])
            .arg(out)
            .assert()
            .success();
    }
    assert_eq!(fs::read(&a).unwrap(), fs::read(&b).unwrap());
}
