//! `--tag-map FILE.csv` through the command line: the shipped example map
//! (`fixtures/tagmaps/example.csv`) renames, retypes, splits and drops tags on `inspect` and
//! `convert`; a map that cannot be used stops the command with exit 2 before any input is read.

use std::fs;

use serde_json::Value;

use crate::util::{assert_one_error_line, ficshelf, repo};

const STORY: &str = "fixtures/tagmaps/archive-story.txt";
const MAP: &str = "fixtures/tagmaps/example.csv";

fn inspect_with_map(map: &str) -> Value {
    let out = ficshelf()
        .current_dir(repo())
        .args(["inspect", "--json", "--tag-map", map, STORY])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn without_the_map_the_archive_tags_are_as_written() {
    let out = ficshelf()
        .current_dir(repo())
        .args(["inspect", "--json", STORY])
        .output()
        .unwrap();
    let w: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(w["relationships"], serde_json::json!(["Willow/Tara"]));
    assert_eq!(
        w["tags"],
        serde_json::json!(["Angst", "Buffyverse", "Kinky"])
    );
    assert_eq!(w["fandoms"], serde_json::json!([]));
}

#[test]
fn the_example_map_renames_retypes_splits_and_drops() {
    let w = inspect_with_map(MAP);
    // Renamed, with the category the row implies.
    assert_eq!(
        w["relationships"],
        serde_json::json!(["Tara Maclay/Willow Rosenberg"])
    );
    assert_eq!(
        w["characters"],
        serde_json::json!(["Willow Rosenberg", "Tara Maclay"])
    );
    assert_eq!(w["categories"], serde_json::json!(["F/F"]));
    // Retyped: a freeform became the fandom.
    assert_eq!(
        w["fandoms"],
        serde_json::json!(["Buffy the Vampire Slayer"])
    );
    // Split into two, and `Kinky` dropped.
    assert_eq!(w["tags"], serde_json::json!(["Angst", "Hurt/Comfort"]));
    let prov = w["provenance"]["fandoms"].as_str().unwrap();
    assert!(prov.contains("tag map line 5"), "{prov}");
    assert!(
        w["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["message"].as_str().unwrap().contains("\"Kinky\" dropped")),
        "{:#}",
        w["diagnostics"]
    );
}

#[test]
fn convert_applies_the_map_too() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mapped.json");
    ficshelf()
        .current_dir(repo())
        .args(["convert", STORY, "--tag-map", MAP, "-o"])
        .arg(&out)
        .assert()
        .success();
    let w: Value = serde_json::from_slice(&fs::read(&out).unwrap()).unwrap();
    assert_eq!(
        w["fandoms"],
        serde_json::json!(["Buffy the Vampire Slayer"])
    );
    assert_eq!(w["tags"], serde_json::json!(["Angst", "Hurt/Comfort"]));
}

#[test]
fn explain_names_the_map_line_that_decided() {
    let out = ficshelf()
        .current_dir(repo())
        .args(["inspect", "--explain", "--tag-map", MAP, STORY])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("▸ fandoms: \"Buffyverse\" → Buffy the Vampire Slayer (tag map line 5)"),
        "{text}"
    );
    assert!(
        text.contains("▸ tags: \"Kinky\" → dropped (tag map line 7)"),
        "{text}"
    );
}

#[test]
fn a_map_that_cannot_be_used_stops_before_any_input_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let no_column = d.join("no-column.csv");
    fs::write(&no_column, "Tag,AO3 Tag\nSlash,M/M\n").unwrap();
    let bad_type = d.join("bad-type.csv");
    fs::write(
        &bad_type,
        "Original Tag,Recommended AO3 Tag,Recommended AO3 Type\nSlash,M/M,sandwich\n",
    )
    .unwrap();
    let empty = d.join("empty.csv");
    fs::write(&empty, "").unwrap();
    let missing = d.join("missing.csv");
    let cases = [
        (&no_column, "tag map has no \"Original Tag\" column"),
        (&bad_type, "line 2: unknown AO3 tag type \"sandwich\""),
        (&empty, "tag map is empty"),
        (&missing, "cannot read: "),
        (&d.to_path_buf(), "not a regular file"),
    ];
    for (map, reason) in cases {
        for command in [
            vec!["inspect", "no-such-story.txt"],
            vec!["inspect", "--explain", "no-such-story.txt"],
            vec!["convert", "no-such-story.txt", "-o", "out.epub"],
            vec!["audit", "no-such-story.txt"],
        ] {
            let out = ficshelf()
                .current_dir(d)
                .args(&command)
                .arg("--tag-map")
                .arg(map)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "{command:?} {}", map.display());
            // One line about the map and none about the story: it was never read.
            let got = assert_one_error_line(&out.stderr, &map.display().to_string());
            assert!(got.starts_with(reason), "{got:?} for {}", map.display());
            assert!(out.stdout.is_empty());
        }
    }
    assert!(!d.join("out.epub").exists());
}

#[test]
fn a_spreadsheet_saved_as_utf16_with_a_bom_still_loads() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("utf16.csv");
    let text = fs::read_to_string(repo().join(MAP)).unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    fs::write(&map, bytes).unwrap();
    let w = inspect_with_map(map.to_str().unwrap());
    assert_eq!(
        w["fandoms"],
        serde_json::json!(["Buffy the Vampire Slayer"])
    );
}
