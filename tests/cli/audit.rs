//! `ficshelf audit`: one hand-built file per problem code (each with exactly that problem), a
//! clean file, the text and JSON reports, directories (recursive, hidden files, no links out of
//! the tree), unreadable files in a batch, and exit codes.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::{assert_one_error_line, ficshelf};

/// Thirty words of story text.
fn words(n: usize) -> String {
    let pool = [
        "the", "lamp", "burned", "low", "and", "she", "kept", "reading", "on",
    ];
    (0..n)
        .map(|i| pool[i % pool.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

/// A header AO3 would take (rated, a fandom), then `extra` header lines, then `body`.
fn story(extra: &str, body: &str) -> String {
    format!("Title: A Clean Story\nRating: PG\nFandom: Stargate SG-1\n{extra}\n{body}\n")
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, text).unwrap();
    path
}

/// `audit --json` over `paths`: (exit code, the JSON array, stderr).
fn audit_json(paths: &[&Path]) -> (Option<i32>, Value, String) {
    let out = ficshelf()
        .arg("audit")
        .arg("--json")
        .args(paths)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout).expect("audit --json prints JSON");
    (
        out.status.code(),
        json,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn codes(report: &Value) -> Vec<String> {
    report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_clean_file_passes_with_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "clean.txt", &story("", &words(30)));
    let out = ficshelf().arg("audit").arg(&path).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "audited 1 work: 1 ready for AO3, 0 with problems\n"
    );
    assert!(out.stderr.is_empty());
}

#[test]
fn each_problem_code_from_a_file_that_has_only_that_problem() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let chapters = |bodies: &[String]| {
        bodies
            .iter()
            .enumerate()
            .map(|(i, b)| format!("Chapter {}\n\n{b}\n\n", i + 1))
            .collect::<String>()
    };
    let paragraphs = |chars: usize| {
        let para = words(100);
        let mut text = String::new();
        while text.len() < chars {
            text.push_str(&para);
            text.push_str("\n\n");
        }
        text
    };
    let names: Vec<String> = (1..=80).map(|i| format!("Person {i}")).collect();
    let cases: Vec<(&str, String)> = vec![
        (
            "title-too-long",
            format!(
                "Title: {}\nRating: PG\nFandom: Stargate SG-1\n\n{}\n",
                "Long ".repeat(60).trim(),
                words(30)
            ),
        ),
        (
            "summary-too-long",
            story(&format!("Summary: {}\n", words(300)), &words(30)),
        ),
        (
            "notes-too-long",
            story(&format!("Notes: {}\n", words(1100)), &words(30)),
        ),
        (
            "tag-too-long",
            story(
                &format!("Tags: {}\n", "very ".repeat(35).trim()),
                &words(30),
            ),
        ),
        (
            "too-many-tags",
            story(&format!("Characters: {}\n", names.join(", ")), &words(30)),
        ),
        ("chapter-too-long", story("", &paragraphs(520_000))),
        (
            "too-many-chapters",
            story("", &chapters(&vec![words(25); 201])),
        ),
        (
            "no-fandom",
            format!("Title: Nowhere\nRating: PG\n\n{}\n", words(30)),
        ),
        (
            "not-rated",
            format!("Title: Unrated\nFandom: Stargate SG-1\n\n{}\n", words(30)),
        ),
        (
            "short-chapter",
            story("", &chapters(&[words(30), words(5), words(30)])),
        ),
        (
            "mojibake",
            // A sequence that lost a byte on the way: the decoder cannot repair it (text garbled
            // twice, `donÃ¢â‚¬â„¢t`, it now can), so the audit must still see it.
            story("", &format!("{} donâ€?t {}", words(15), words(15))),
        ),
        (
            "header-in-text",
            story(
                "",
                &format!(
                    "Chapter 1\n\n{}\n\nChapter 2\n\nRating: R\nPairing: Jack/Daniel\n\n{}",
                    words(30),
                    words(30)
                ),
            ),
        ),
    ];
    for (code, text) in &cases {
        let path = write(d, &format!("{code}.txt"), text);
        let (exit, json, stderr) = audit_json(&[&path]);
        assert_eq!(exit, Some(1), "{code}: {stderr}");
        let report = &json[0];
        assert_eq!(codes(report), [*code], "{code}: {json:#}");
        let problem = &report["problems"][0];
        assert!(!problem["message"].as_str().unwrap().is_empty());
        assert_eq!(report["path"], path.display().to_string());
    }
    // The measured values are the ones AO3 would see.
    let (_, json, _) = audit_json(&[&d.join("too-many-chapters.txt")]);
    assert_eq!(json[0]["problems"][0]["found"], 201);
    assert_eq!(json[0]["problems"][0]["limit"], 200);
    let (_, json, _) = audit_json(&[&d.join("too-many-tags.txt")]);
    assert_eq!(
        json[0]["problems"][0]["found"], 81,
        "80 characters and 1 fandom"
    );
    let (_, json, _) = audit_json(&[&d.join("short-chapter.txt")]);
    assert_eq!(json[0]["problems"][0]["chapter"], 2);
    assert_eq!(json[0]["problems"][0]["found"], 5);
    let (_, json, _) = audit_json(&[&d.join("header-in-text.txt")]);
    assert_eq!(
        json[0]["problems"][0]["text"],
        "Rating: R\nPairing: Jack/Daniel"
    );
}

#[test]
fn text_report_lists_problem_works_then_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let bad = write(
        d,
        "bad.txt",
        &format!("Title: Nowhere Rated\n\n{}\n", words(30)),
    );
    let good = write(d, "good.txt", &story("", &words(30)));
    let out = ficshelf()
        .arg("audit")
        .arg(&bad)
        .arg(&good)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let expected = format!(
        "{} (Nowhere Rated)\n  \
         no-fandom         no fandom: AO3 needs at least one\n  \
         not-rated         rating is Not Rated (the file gives no rating)\n\
         \n\
         audited 2 works: 1 ready for AO3, 1 with problems (2 problems)\n",
        bad.display()
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap(), expected);
    // Piped: no colour codes.
    let out = ficshelf()
        .args(["audit", "--color", "always"])
        .arg(&bad)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("\x1b[31mno-fandom"));
}

#[test]
fn directories_are_searched_recursively_with_hidden_files_and_no_links_out() {
    let outside = tempfile::tempdir().unwrap();
    let secret = write(
        outside.path(),
        "secret.txt",
        &format!("Title: Secret\n\n{}\n", words(30)),
    );
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a/one.txt", &story("", &words(30)));
    write(
        d,
        "a/b/.hidden.txt",
        &format!("Title: Hidden\n\n{}\n", words(30)),
    );
    write(
        d,
        "a/b/two.md",
        &format!("---\ntitle: Two\n---\n\n{}\n", words(30)),
    );
    write(d, "cover.jpg", "not a fic");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&secret, d.join("a/linked-out.txt")).unwrap();
    let (exit, json, stderr) = audit_json(&[d]);
    assert_eq!(exit, Some(1), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    let titles: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        ["Hidden", "Two", "A Clean Story"],
        "the linked secret is not read"
    );

    let out = ficshelf().arg("audit").arg(d).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("audited 3 works: 1 ready for AO3, 2 with problems"),
        "{text}"
    );
    #[cfg(unix)]
    assert!(text.contains("; 1 link out of the tree skipped"), "{text}");
}

#[test]
fn an_unreadable_file_is_reported_and_the_rest_audited() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let empty = write(d, "empty.txt", "");
    let good = write(d, "good.txt", &story("", &words(30)));
    let out = ficshelf()
        .arg("audit")
        .arg(&empty)
        .arg(&good)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let reason = assert_one_error_line(&out.stderr, &empty.display().to_string());
    assert_eq!(reason, "file is empty");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "audited 1 work: 1 ready for AO3, 0 with problems; 1 file unreadable\n"
    );
}

#[test]
fn usage_errors_exit_2() {
    ficshelf().arg("audit").assert().code(2);
    ficshelf()
        .args(["audit", "--frobnicate", "x.txt"])
        .assert()
        .code(2);
}
