//! Round trip: for every fixture, `convert X -o X.{epub,html,txt,md}` then `inspect` gives the
//! same work as inspecting X (the fields the issue lists). Every EPUB written here is also
//! checked by epubcheck.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::util::{ficshelf, fixture, fixtures_in, inspect_json, repo};

/// The fields a round trip must keep, in a comparable form.
fn comparable(work: &Value) -> Value {
    let text = |v: &Value| -> Value {
        v.as_str().map_or(Value::Null, |html| {
            json!(ficshelf_markup::text_content(html))
        })
    };
    let chapter_titles: Vec<Value> = work["chapters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["title"].clone())
        .collect();
    json!({
        "title": work["title"],
        "authors": work["authors"],
        "fandoms": work["fandoms"],
        "rating": work["rating"]["ao3"],
        "warnings": work["warnings"]["ao3"],
        "relationships": work["relationships"],
        "characters": work["characters"],
        "tags": work["tags"],
        "summary": text(&work["summary"]),
        "series": work["series"],
        "published": work["published"],
        "updated": work["updated"],
        "status": work["status"],
        "chapter_titles": chapter_titles,
        "words": work["words"],
    })
}

fn round_trip_sources() -> Vec<PathBuf> {
    let mut files = fixtures_in("txt", &["txt"]);
    files.extend(fixtures_in("fanficfare", &["txt", "html", "epub"]));
    files.push(repo().join("samples/the-quiet-between-stacks.txt"));
    // Fixtures that are deliberately not a story have nothing to round-trip.
    files.retain(|p| {
        !p.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("only-")
    });
    files
}

fn convert(src: &Path, out: &Path) {
    let res = ficshelf()
        .arg("convert")
        .arg(src)
        .arg("-o")
        .arg(out)
        .output()
        .unwrap();
    assert!(
        res.status.success(),
        "convert {} -o {}: {}",
        src.display(),
        out.display(),
        String::from_utf8_lossy(&res.stderr)
    );
}

#[test]
fn every_fixture_survives_epub_html_and_txt() {
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    let mut epubs = Vec::new();
    for src in round_trip_sources() {
        let original = comparable(&inspect_json(&src));
        let stem = src.file_name().unwrap().to_string_lossy().replace('.', "_");
        for ext in ["epub", "html", "txt", "md"] {
            let out = dir.path().join(format!("{stem}.{ext}"));
            convert(&src, &out);
            let again = comparable(&inspect_json(&out));
            if again != original {
                failures.push(format!(
                    "{} → {ext}:\n  before {original}\n  after  {again}",
                    src.display()
                ));
            }
            if ext == "epub" {
                epubs.push(out);
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} round trips changed the work:\n{}",
        failures.len(),
        failures.join("\n")
    );
    epubcheck_all(&epubs);
}

/// Run epubcheck over every file, two at a time (one JVM each), and require no message at all.
fn epubcheck_all(files: &[PathBuf]) {
    let jar = Path::new("/usr/share/java/epubcheck.jar");
    assert!(
        jar.exists(),
        "epubcheck is not installed: run `apt-get install epubcheck default-jre-headless` (see .ci/run)"
    );
    let problems = std::sync::Mutex::new(Vec::new());
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let Some(file) = files.get(i) else { break };
                    let out = std::process::Command::new("java")
                        .args(["-jar", "/usr/share/java/epubcheck.jar", "--quiet"])
                        .arg(file)
                        .output()
                        .expect("java runs (install default-jre-headless)");
                    let text = String::from_utf8_lossy(&out.stdout).to_string()
                        + &String::from_utf8_lossy(&out.stderr);
                    if !out.status.success() || text.contains("WARNING") || text.contains("ERROR") {
                        problems
                            .lock()
                            .unwrap()
                            .push(format!("{}:\n{text}", file.display()));
                    }
                }
            });
        }
    });
    let problems = problems.into_inner().unwrap();
    assert!(
        problems.is_empty(),
        "epubcheck complained:\n{}",
        problems.join("\n")
    );
}

#[test]
fn round_trip_keeps_the_sample_exactly() {
    // A spot check with readable failure output, on the sample a new user tries first.
    let src = fixture("../samples/the-quiet-between-stacks.txt");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sample.txt");
    convert(&src, &out);
    assert_eq!(
        comparable(&inspect_json(&out)),
        comparable(&inspect_json(&src))
    );
}
