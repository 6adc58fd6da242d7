//! `ficshelf inspect`: the human summary, the JSON contract, batches and usage errors.

use predicates::prelude::*;

use crate::util::{assert_one_error_line, ficshelf, inspect_json, repo};

const SAMPLE: &str = "samples/the-quiet-between-stacks.txt";

#[test]
fn summary_reads_like_an_ao3_work_header() {
    let out = ficshelf()
        .current_dir(repo())
        .args(["inspect", SAMPLE])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("The Quiet Between Stacks\nby Marginalia <marginalia@example.org>\n"),
        "{text}"
    );
    assert!(
        text.contains("Rating:          Teen And Up Audiences (as written: PG-13)"),
        "{text}"
    );
    assert!(
        text.contains("Fandom:          Buffy the Vampire Slayer"),
        "{text}"
    );
    assert!(
        text.contains("Relationship:    Willow/Tara, Xander/Anya"),
        "{text}"
    );
    assert!(text.contains("2. The Question ("), "{text}");
    assert!(text.contains("Timeline: Early Season 5"), "{text}");
    assert!(out.stderr.is_empty());
}

#[test]
fn json_has_every_schema_1_key() {
    let work = inspect_json(&repo().join(SAMPLE));
    for key in [
        "schema",
        "title",
        "authors",
        "fandoms",
        "rating",
        "warnings",
        "categories",
        "relationships",
        "characters",
        "tags",
        "summary",
        "notes",
        "end_notes",
        "series",
        "published",
        "updated",
        "status",
        "language",
        "words",
        "chapters",
        "source",
        "extra",
        "provenance",
        "diagnostics",
    ] {
        assert!(work.get(key).is_some(), "missing {key}");
    }
    assert_eq!(work["schema"], 1);
    assert_eq!(work["rating"]["raw"], "PG-13");
    assert_eq!(work["rating"]["ao3"], "Teen And Up Audiences");
    assert_eq!(work["status"], "complete");
    assert_eq!(work["chapters"].as_array().unwrap().len(), 3);
    let sum: u64 = work["chapters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["words"].as_u64().unwrap())
        .sum();
    assert_eq!(work["words"].as_u64().unwrap(), sum);
    assert!(
        work["provenance"]["rating"]
            .as_str()
            .unwrap()
            .contains("RATING: PG-13")
    );
    assert_eq!(work["source"]["format"], "txt");
    assert_eq!(work["source"]["sha256"].as_str().unwrap().len(), 64);
}

#[test]
fn several_files_give_a_json_array() {
    let out = ficshelf()
        .current_dir(repo())
        .args([
            "inspect",
            "--json",
            SAMPLE,
            "fixtures/txt/chapter-words.txt",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().map(Vec::len), Some(2));
}

#[test]
fn a_bad_file_fails_alone_in_a_batch() {
    let out = ficshelf()
        .current_dir(repo())
        .args(["inspect", "no-such-file.txt", SAMPLE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_one_error_line(&out.stderr, "no-such-file.txt");
    assert!(String::from_utf8_lossy(&out.stdout).contains("The Quiet Between Stacks"));
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    ficshelf().assert().code(2);
    ficshelf()
        .arg("inspect")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("FILE"));
    ficshelf().args(["frobnicate", "x"]).assert().code(2);
    ficshelf()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("inspect"));
    ficshelf()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains("ficshelf"));
}
