//! Every txt fixture: read without error, header lines never in the story text, chapters built
//! only of paragraphs, quotations and breaks; and a JSON snapshot of each `RawWork` (reviewed by eye), so
//! that any change in what the reader locates shows up in review.

mod common;

use std::path::Path;

use common::{fixture_path, raw};
use ficshelf_markup::escape_text;
use ficshelf_model::RawWork;

/// The txt fixtures (`fixtures/txt/*.txt`, FanFicFare's txt), as paths under `fixtures/`.
fn txt_fixtures() -> Vec<String> {
    let mut out = Vec::new();
    for dir in ["txt", "fanficfare"] {
        let entries = std::fs::read_dir(fixture_path(dir)).expect("fixture dir");
        for entry in entries {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "txt") {
                let name = path
                    .file_name()
                    .expect("name")
                    .to_string_lossy()
                    .to_string();
                out.push(format!("{dir}/{name}"));
            }
        }
    }
    out.sort();
    out
}

/// The header line an origin quotes (`line 4: "RATING: R"` → `RATING: R`), when not shortened.
fn quoted_line(origin: &str) -> Option<&str> {
    let start = origin.find(": \"")? + 3;
    let line = origin[start..].strip_suffix('"')?;
    (!line.ends_with('…')).then_some(line)
}

fn check_story_is_clean(name: &str, r: &RawWork) {
    let html: String = r
        .chapters
        .iter()
        .map(|c| c.html.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    for f in &r.fields {
        if let Some(line) = quoted_line(&f.origin) {
            assert!(
                !html.contains(&escape_text(line)),
                "{name}: header line {line:?} in the story"
            );
        }
    }
    for (origin, text) in &r.unused {
        if quoted_line(origin).is_some() {
            assert!(
                !html.contains(&format!("<p>{}</p>", escape_text(text))),
                "{name}: {text:?} in the story"
            );
        }
    }
    for c in &r.chapters {
        assert!(
            (c.html.starts_with("<p>") || c.html.starts_with("<blockquote>"))
                && (c.html.ends_with("</p>") || c.html.ends_with("</blockquote>")),
            "{name}: {:?}",
            c.html
        );
        for block in c.html.split('\n') {
            let para = block.starts_with("<p>") && block.ends_with("</p>");
            let quote =
                block.starts_with("<blockquote><p>") && block.ends_with("</p></blockquote>");
            assert!(block == "<hr/>" || para || quote, "{name}: {block:?}");
        }
        if let Some(title) = &c.title {
            assert!(
                !c.html.contains(&format!("<p>{}</p>", escape_text(title))),
                "{name}: title {title:?} in text"
            );
        }
    }
}

#[test]
fn there_are_enough_txt_fixtures() {
    let n = txt_fixtures()
        .iter()
        .filter(|f| f.starts_with("txt/"))
        .count();
    assert!(n >= 25, "only {n} txt fixtures");
}

#[test]
fn every_fixture_reads_cleanly() {
    for name in txt_fixtures() {
        let r = raw(&name);
        check_story_is_clean(&name, &r);
        let story_expected = !name.contains("only-");
        assert_eq!(!r.chapters.is_empty(), story_expected, "{name}");
    }
}

#[test]
fn snapshots_of_every_raw_work() {
    for name in txt_fixtures() {
        let r = raw(&name);
        let stem = Path::new(&name)
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .to_string();
        insta::assert_json_snapshot!(format!("raw-{stem}"), r);
    }
}
