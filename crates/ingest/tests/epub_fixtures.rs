//! Every EPUB fixture that is a book (not the hostile ones): it reads, its chapters hold story
//! text only (no title page labels, no table of contents), and its normalized `Work` is
//! snapshotted as JSON (reviewed by eye), so that any change in what the reader finds shows up
//! in review.

mod common;

use std::path::Path;

use common::{bytes, fixture_path, raw};
use ficshelf_ingest::{Options, read_bytes};

/// The book fixtures: `fixtures/epub/*.epub` but the hostile ones, and FanFicFare's EPUB.
fn books() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(fixture_path("epub"))
        .expect("fixtures/epub")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "epub"))
        .map(|p| p.file_name().expect("name").to_string_lossy().to_string())
        .filter(|n| !n.starts_with("hostile-"))
        .map(|n| format!("epub/{n}"))
        .collect();
    out.push("fanficfare/fanficfare-keepers-ledger.epub".into());
    out.sort();
    out
}

#[test]
fn there_is_a_fixture_for_every_producer() {
    let producers: Vec<String> = books()
        .iter()
        .map(|b| raw(b).producer.as_str().to_string())
        .collect();
    for p in [
        "fanficfare",
        "ao3",
        "calibre",
        "pandoc",
        "ficshelf",
        "plain",
    ] {
        assert!(
            producers.iter().any(|x| x == p),
            "no {p} EPUB among {producers:?}"
        );
    }
}

#[test]
fn chapters_hold_story_text_only() {
    for name in books() {
        let r = raw(&name);
        assert!(!r.chapters.is_empty(), "{name}: no chapters");
        let html: String = r.chapters.iter().map(|c| c.html.as_str()).collect();
        for field in &r.fields {
            // A labelled value from a page (`Rating: Teen`) never stays in the story.
            let labelled = field.origin.contains(": \"")
                && field.label.chars().next().is_some_and(char::is_uppercase);
            if labelled && field.value.len() > 3 {
                let line = format!("{}: {}", field.label, field.value);
                assert!(!html.contains(&line), "{name}: {line:?} in the chapters");
            }
        }
        for c in &r.chapters {
            assert!(
                !c.html.contains("<nav") && !c.html.contains("Table of Contents"),
                "{name}: a table of contents in {}",
                c.origin
            );
        }
    }
}

#[test]
fn snapshots_of_every_work() {
    for name in books() {
        let work = read_bytes(&name, &bytes(&name), &Options::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let stem = Path::new(&name)
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .to_string();
        insta::assert_json_snapshot!(format!("work-{stem}"), work);
    }
}
