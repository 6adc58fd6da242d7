//! Every HTML fixture (`fixtures/html/*.html` and FanFicFare's HTML): read without error as
//! HTML, no metadata, table of contents or navigation in the story text, and a JSON snapshot
//! of each `RawWork` (reviewed by eye) so that any change in what the reader locates shows up
//! in review.

mod common;

use std::path::Path;

use common::{fixture_path, raw};
use ficshelf_markup::text_content;
use ficshelf_model::{Format, RawWork};

/// The HTML fixtures, as paths under `fixtures/`.
fn html_fixtures() -> Vec<String> {
    let mut out = Vec::new();
    for dir in ["html", "fanficfare"] {
        let entries = std::fs::read_dir(fixture_path(dir)).expect("fixture dir");
        for entry in entries {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "html")
                && !path.ends_with("chapters-source.html")
            {
                let name = path
                    .file_name()
                    .expect("name")
                    .to_string_lossy()
                    .to_string();
                if name.ends_with("-source.html") {
                    continue;
                }
                out.push(format!("{dir}/{name}"));
            }
        }
    }
    out.sort();
    out
}

/// The text an origin quotes (`p: "Rating: PG"` → `Rating: PG`), when not shortened.
fn quoted(origin: &str) -> Option<&str> {
    let start = origin.find(": \"")? + 3;
    let text = origin[start..].strip_suffix('"')?;
    (!text.ends_with('…') && !text.is_empty()).then_some(text)
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// No field's line, no unused line and no chapter title is in the story text.
fn check_story_is_clean(name: &str, r: &RawWork) {
    let text: String = r
        .chapters
        .iter()
        .map(|c| one_line(&text_content(&c.html)))
        .collect::<Vec<_>>()
        .join("\n");
    let quotes = r
        .fields
        .iter()
        .map(|f| f.origin.as_str())
        .chain(r.unused.iter().map(|(o, _)| o.as_str()))
        .filter_map(quoted);
    for line in quotes {
        assert!(
            !text.contains(line),
            "{name}: {line:?} is in the story text"
        );
    }
    for c in &r.chapters {
        if let Some(title) = &c.title {
            assert!(
                !text.contains(title.as_str()),
                "{name}: chapter title {title:?} in the text"
            );
        }
        assert!(!c.html.trim().is_empty(), "{name}: empty chapter");
    }
    for nav in [
        "Back to index",
        "Next Chapter",
        "Table of Contents",
        "Back to top",
        "back to top",
    ] {
        assert!(!text.contains(nav), "{name}: {nav:?} in the story text");
    }
}

#[test]
fn there_are_enough_html_fixtures() {
    let n = html_fixtures()
        .iter()
        .filter(|f| f.starts_with("html/"))
        .count();
    assert!(n >= 20, "only {n} html fixtures");
}

#[test]
fn every_fixture_reads_cleanly() {
    for name in html_fixtures() {
        let r = raw(&name);
        assert_eq!(r.format, Format::Html, "{name}");
        assert!(!r.chapters.is_empty(), "{name}: no chapters");
        assert!(
            r.fields.iter().all(|f| !f.value.trim().is_empty()),
            "{name}: empty value"
        );
        check_story_is_clean(&name, &r);
    }
}

#[test]
fn snapshots_of_every_raw_work() {
    for name in html_fixtures() {
        let r = raw(&name);
        let stem = Path::new(&name)
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .to_string();
        insta::assert_json_snapshot!(format!("html-{stem}"), r);
    }
}
