//! The header fixtures (`fixtures/headers/`): small files of our own in the shapes archivists
//! meet, each read through `inspect --json`, with the mapped fields snapshotted as JSON (every
//! snapshot reviewed by eye) and the mappings that matter most also asserted outright.

use std::path::Path;

use serde_json::{Value, json};

use crate::util::{ficshelf, fixtures_in, repo};

/// `inspect --json fixtures/headers/<name>`, run from the repository so that paths in
/// provenance are the same everywhere.
fn inspect(name: &str) -> Value {
    let out = ficshelf()
        .current_dir(repo())
        .args(["inspect", "--json"])
        .arg(Path::new("fixtures/headers").join(name))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The fields a header maps, with summary and notes as text.
fn mapped(w: &Value) -> Value {
    let text = |v: &Value| {
        v.as_str()
            .map_or(Value::Null, |h| json!(ficshelf_markup::text_content(h)))
    };
    json!({
        "title": w["title"],
        "authors": w["authors"],
        "rating": w["rating"],
        "warnings": w["warnings"],
        "categories": w["categories"],
        "fandoms": w["fandoms"],
        "relationships": w["relationships"],
        "characters": w["characters"],
        "tags": w["tags"],
        "summary": text(&w["summary"]),
        "notes": text(&w["notes"]),
        "published": w["published"],
        "updated": w["updated"],
        "status": w["status"],
        "series": w["series"],
        "language": w["language"],
        "extra": w["extra"],
        "diagnostics": w["diagnostics"],
        "provenance": w["provenance"],
    })
}

#[test]
fn every_header_fixture_maps_as_reviewed() {
    let files = fixtures_in("headers", &["txt", "md", "html"]);
    assert!(files.len() >= 30, "only {} header fixtures", files.len());
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let work = inspect(&name);
        let stem = name
            .rsplit_once('.')
            .map_or(name.as_str(), |(s, _)| s)
            .to_string();
        insta::assert_json_snapshot!(stem, mapped(&work));
    }
}

#[test]
fn the_mappings_that_matter_most() {
    let cases: &[(&str, &str, Value)] = &[
        ("rating-nc17-noise.txt", "/rating/ao3", json!("Explicit")),
        ("rating-r-for-language.txt", "/rating/ao3", json!("Mature")),
        (
            "rating-ffnet-k-plus.txt",
            "/rating/ao3",
            json!("General Audiences"),
        ),
        ("rating-mature-adults.txt", "/rating/ao3", json!("Explicit")),
        (
            "rating-unknown-minor.txt",
            "/rating/ao3",
            json!("Not Rated"),
        ),
        ("rating-range-pg13-r.txt", "/rating/ao3", json!("Mature")),
        (
            "pairing-qualifiers-some-implied.txt",
            "/relationships",
            json!(["Spike/Willow", "Spike/Buffy", "Giles/Joyce"]),
        ),
        (
            "pairing-qualifiers-some-implied.txt",
            "/tags",
            json!(["Minor Relationship(s)", "Implied Relationship(s)"]),
        ),
        (
            "pairing-platonic-ampersand.txt",
            "/relationships/0",
            json!("Buffy & Willow"),
        ),
        (
            "category-slash-het.txt",
            "/categories",
            json!(["F/M", "M/M"]),
        ),
        (
            "category-femslash-multi.txt",
            "/categories",
            json!(["F/F", "Multi"]),
        ),
        ("category-genre-words.txt", "/categories", json!([])),
        (
            "timeframe-fandom-inference.txt",
            "/fandoms",
            json!(["Buffy the Vampire Slayer"]),
        ),
        (
            "characters-fandom-inference.txt",
            "/fandoms",
            json!(["The X-Files"]),
        ),
        (
            "dates-european-ambiguous.txt",
            "/published",
            json!("2004-03-04"),
        ),
        (
            "dates-european-ambiguous.txt",
            "/updated",
            json!("2004-05-14"),
        ),
        (
            "dates-two-digit-year.txt",
            "/published",
            json!("1999-12-25"),
        ),
        (
            "warnings-mcd-dubcon.txt",
            "/warnings/ao3",
            json!(["Major Character Death"]),
        ),
        ("warnings-mcd-dubcon.txt", "/tags", json!(["dub-con"])),
        (
            "warnings-softened-stay-raw.txt",
            "/warnings/ao3",
            json!(["Choose Not To Use Archive Warnings"]),
        ),
        ("status-tbc-end-marker.txt", "/status", json!("in-progress")),
        ("status-completed-yes.txt", "/status", json!("complete")),
        ("series-part-of.txt", "/series/0/index", json!(2.0)),
        (
            "no-title-from-file-name.txt",
            "/title",
            json!("No Title From File Name"),
        ),
    ];
    for (file, pointer, want) in cases {
        let work = inspect(file);
        assert_eq!(work.pointer(pointer), Some(want), "{file} {pointer}");
    }
    let w = inspect("dates-european-ambiguous.txt");
    assert!(
        w["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("ambiguous"),
        "{:#}",
        w["diagnostics"]
    );
}
