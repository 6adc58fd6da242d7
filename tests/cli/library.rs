//! The library commands driven as a user would: `import`, `show`, `export`, `remove`, `stats`,
//! `tags`, `check`, `reindex`, `reparse`, and where the library lives. Search filters, crash
//! safety and concurrency have their own files (registered here, so that `main.rs` names one
//! module for all of them).

#[path = "library_concurrency.rs"]
mod concurrency;
#[path = "library_crash.rs"]
mod crash;
#[path = "library_search.rs"]
mod search;

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

use crate::util::{HANG_GUARD, ficshelf, repo};

/// `ficshelf ARGS --library LIB`, run to completion.
pub fn lib_run(lib: &Path, args: &[&str]) -> Output {
    let mut cmd = ficshelf();
    cmd.args(args).arg("--library").arg(lib);
    cmd.output().expect("ficshelf runs")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Run and require exit 0.
pub fn ok(lib: &Path, args: &[&str]) -> String {
    let out = lib_run(lib, args);
    assert!(
        out.status.success(),
        "ficshelf {args:?} failed ({:?}): {}",
        out.status.code(),
        stderr(&out)
    );
    stdout(&out)
}

/// `ficshelf export --all --format json -o OUT`: every work as a JSON file in `out`.
pub fn export_all_json(lib: &Path, out: &Path) -> Output {
    let out = out.to_string_lossy();
    lib_run(lib, &["export", "--all", "--format", "json", "-o", &out])
}

pub fn json(lib: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(lib, args)).expect("JSON on stdout")
}

/// The `imported N, updated N, unchanged N, failed N` line, as numbers.
pub fn summary(out: &str) -> [u64; 4] {
    let line = out
        .lines()
        .find(|l| l.starts_with("imported "))
        .unwrap_or_else(|| panic!("no summary line in {out:?}"));
    let n: Vec<u64> = line
        .split(", ")
        .map(|part| part.rsplit(' ').next().unwrap().parse().unwrap())
        .collect();
    [n[0], n[1], n[2], n[3]]
}

/// One fic as a hand-typed plain-text file, the way old archives wrote them.
pub fn txt_story(headers: &[(&str, &str)], paragraphs: &[String], tbc: bool) -> String {
    let mut out = String::new();
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\n"));
    }
    out.push('\n');
    for p in paragraphs {
        out.push_str(p);
        out.push_str("\n\n");
    }
    out.push_str(if tbc { "TBC\n" } else { "The End\n" });
    out
}

/// `n` words of our own plain prose, `seed` picking the sentences.
pub fn prose(n: usize, seed: usize) -> Vec<String> {
    const SENTENCES: &[&str] = &[
        "The ferry left before the fog came down over the harbour",
        "Nobody on the pier said a word about the letter in her coat",
        "He counted the lamps along the sea wall and lost his place twice",
        "Rain drummed on the roof of the signal box all through the night",
        "She kept the ledger open at the page where the names stopped",
        "By morning the tide had taken the rowing boat and left the rope",
        "They argued about the map until the kettle boiled dry",
    ];
    let mut words = Vec::new();
    let mut i = seed;
    while words.len() < n {
        words.extend(SENTENCES[i % SENTENCES.len()].split(' ').map(String::from));
        i = (i * 7 + 3) % 1_009;
    }
    words.truncate(n);
    words
        .chunks(60)
        .map(|c| format!("{}.", c.join(" ")))
        .collect()
}

fn new_lib() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    (dir, lib)
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn ids(v: &Value) -> Vec<u64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|w| w["id"].as_u64().unwrap())
        .collect()
}

#[test]
fn import_fixtures_and_samples_lists_failures_and_adds_nothing_the_second_time() {
    let (_dir, lib) = new_lib();
    let fixtures = repo().join("fixtures");
    let samples = repo().join("samples");
    let out = lib_run(
        &lib,
        &[
            "import",
            &fixtures.to_string_lossy(),
            &samples.to_string_lossy(),
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let [imported, updated, unchanged, failed] = summary(&stdout(&out));
    let err = stderr(&out);
    let error_lines: Vec<&str> = err.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(error_lines.len() as u64, failed, "{err}");
    assert!(failed > 0);
    for line in &error_lines {
        // `error: <path>: <reason>`, the path a hostile fixture's, a reason after it.
        let rest = line.strip_prefix("error: ").unwrap();
        let (path, reason) = rest.split_once(": ").unwrap();
        assert!(path.contains("hostile-"), "{line}");
        assert!(!reason.trim().is_empty(), "{line}");
    }
    assert!(!err.contains("panicked"), "{err}");
    // Every fixture family made works; the hostile EPUBs are the failures.
    let all = json(&lib, &["search", "--json", "--limit", "1000"]);
    let works = all.as_array().unwrap().len() as u64;
    assert_eq!(works, imported, "each import is one work");
    assert!(imported > 50, "{imported}");
    let files_seen = imported + updated + unchanged + failed;
    assert!(files_seen > imported);
    let stats = ok(&lib, &["stats"]);
    assert!(stats.contains(&format!("works      {imported}")), "{stats}");

    // Again: nothing new, nothing updated; the failures fail again.
    let out = lib_run(
        &lib,
        &[
            "import",
            &fixtures.to_string_lossy(),
            &samples.to_string_lossy(),
        ],
    );
    let [i2, u2, c2, f2] = summary(&stdout(&out));
    assert_eq!((i2, u2), (0, 0));
    assert_eq!(f2, failed);
    assert_eq!(c2, files_seen - failed);
    let again = json(&lib, &["search", "--json", "--limit", "1000"]);
    assert_eq!(again.as_array().unwrap().len() as u64, works);
    assert!(ok(&lib, &["check"]).starts_with("ok: "));
}

#[test]
fn one_story_as_txt_html_and_epub_is_one_work_and_a_newer_download_updates_it() {
    let (dir, lib) = new_lib();
    let story = txt_story(
        &[
            ("Title", "The Lamplighter's Ledger"),
            ("Author", "Wren Alder"),
            ("Fandom", "Original Work"),
            ("Rating", "PG"),
            ("Published", "2019-06-02"),
        ],
        &prose(900, 1),
        false,
    );
    let files = dir.path().join("files");
    let txt = write(&files, "ledger.txt", &story);
    for ext in ["html", "epub"] {
        let target = files.join(format!("ledger.{ext}"));
        let mut cmd = ficshelf();
        cmd.arg("convert").arg(&txt).arg("-o").arg(&target);
        assert!(cmd.output().unwrap().status.success());
    }
    let out = ok(&lib, &["import", &files.to_string_lossy()]);
    assert_eq!(summary(&out), [1, 0, 2, 0], "{out}");
    let works = json(&lib, &["search", "--json"]);
    assert_eq!(ids(&works).len(), 1);
    let id = ids(&works)[0].to_string();
    assert_eq!(works[0]["chapters"], 1);

    // A newer download: a second chapter, a later update.
    let mut newer = story.replace("The End\n", "");
    newer = newer.replace(
        "Published: 2019-06-02",
        "Published: 2019-06-02\nUpdated: 2020-01-05",
    );
    newer.push_str("Chapter 2\n\n");
    for p in prose(400, 5) {
        newer.push_str(&p);
        newer.push_str("\n\n");
    }
    let newer_file = write(&dir.path().join("newer"), "ledger-v2.txt", &newer);
    let out = ok(&lib, &["import", &newer_file.to_string_lossy()]);
    assert_eq!(summary(&out), [0, 1, 0, 0], "{out}");
    let works = json(&lib, &["search", "--json"]);
    assert_eq!(ids(&works), vec![id.parse::<u64>().unwrap()]);
    assert_eq!(works[0]["chapters"], 2);
    let shown = ok(&lib, &["show", &id]);
    assert!(
        shown.starts_with(&format!("Work {id}")) && shown.contains("4 source files"),
        "{shown}"
    );
    assert!(shown.contains("1 older version kept"), "{shown}");
    assert!(shown.contains("The Lamplighter's Ledger"), "{shown}");
    let full = json(&lib, &["show", &id, "--json"]);
    assert_eq!(full["chapters"].as_array().unwrap().len(), 2);
    assert_eq!(full["schema"], 1);
}

#[test]
fn show_export_remove_stats_and_tags() {
    let (dir, lib) = new_lib();
    let files = dir.path().join("files");
    let a = txt_story(
        &[
            ("Title", "Spike/Willow: Why? <Yes>"),
            ("Author", "Quill"),
            ("Fandom", "Buffy the Vampire Slayer"),
            ("Pairing", "Willow Rosenberg/Spike"),
            ("Genre", "Angst, Hurt/Comfort"),
        ],
        &prose(300, 2),
        false,
    );
    let b = txt_story(
        &[("Title", "CON"), ("Genre", "Angst")],
        &prose(200, 3),
        false,
    );
    write(&files, "a.txt", &a);
    write(&files, "b.txt", &b);
    ok(&lib, &["import", &files.to_string_lossy()]);
    let works = json(&lib, &["search", "--json", "--sort", "title"]);
    let ids = ids(&works);
    assert_eq!(works[0]["title"], "CON");

    // Export: safe names, every format, never overwriting.
    let out_dir = dir.path().join("out");
    let out = out_dir.to_string_lossy().to_string();
    let written = ok(&lib, &["export", "--all", "-o", &out, "--format", "txt"]);
    let mut names: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // No author: the name is the title alone, a Windows device name, escaped.
    assert_eq!(names, ["Spike_Willow_ Why_ _Yes_ - Quill.txt", "_CON.txt"]);
    assert_eq!(written.lines().count(), 2);
    let again = ok(
        &lib,
        &["export", &ids[0].to_string(), "-o", &out, "--format", "txt"],
    );
    assert!(again.trim_end().ends_with("_CON (2).txt"), "{again}");
    for format in ["epub", "html", "md", "json"] {
        let line = ok(
            &lib,
            &[
                "export",
                &ids[1].to_string(),
                "-o",
                &out,
                "--format",
                format,
            ],
        );
        assert!(line.trim_end().ends_with(&format!(".{format}")), "{line}");
    }
    let by_search = ok(
        &lib,
        &[
            "export",
            "--search",
            "--fandom",
            "buffy the vampire slayer",
            "-o",
            &out,
        ],
    );
    assert_eq!(by_search.lines().count(), 1, "{by_search}");
    assert!(by_search.contains("Quill (2).epub"), "{by_search}");
    let missing = lib_run(&lib, &["export", "999", "-o", &out]);
    assert_eq!(missing.status.code(), Some(1));
    assert_eq!(
        stderr(&missing).trim(),
        "error: work 999: there is no work 999"
    );

    // Tags: a table, JSON, and CSV in the tag-map shape that --tag-map reads back.
    let table = ok(&lib, &["tags"]);
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("freeform") && l.ends_with("  Angst") && l.contains(" 2 ")),
        "{table}"
    );
    let tags = json(&lib, &["tags", "--json"]);
    let angst = tags
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "Angst")
        .unwrap();
    assert_eq!(angst["type"], "freeform");
    assert_eq!(angst["works"], 2);
    let csv = ok(&lib, &["tags", "--csv"]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("Original Tag,Original Tag Type,Works,Recommended AO3 Tag,Recommended AO3 Type")
    );
    assert!(csv.contains("Angst,freeform,2,Angst,freeform\r\n"), "{csv}");
    // Unedited, the sheet maps every tag to itself: applying it keeps every tag.
    let before = json(&lib, &["search", "--json", "--sort", "title"]);
    let map = write(dir.path(), "map.csv", &csv);
    let reread = ok(&lib, &["reparse", "--tag-map", &map.to_string_lossy()]);
    assert!(reread.ends_with(", failed 0\n"), "{reread}");
    let after = json(&lib, &["search", "--json", "--sort", "title"]);
    for key in ["tags", "fandoms", "relationships", "rating", "warnings"] {
        assert_eq!(before[0][key], after[0][key], "{key}");
        assert_eq!(before[1][key], after[1][key], "{key}");
    }

    let stats = ok(&lib, &["stats"]);
    assert!(stats.contains("works      2\n"), "{stats}");
    assert!(stats.contains("on disk"), "{stats}");

    // Remove one; a missing id is one error line, exit 1, and the rest still goes.
    let out = lib_run(&lib, &["remove", &ids[0].to_string(), "4242"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), format!("removed {}\n", ids[0]));
    assert_eq!(stderr(&out), "error: there is no work 4242\n");
    let left = json(&lib, &["search", "--json"]);
    assert_eq!(crate::library::ids(&left), vec![ids[1]]);
    let shown = lib_run(&lib, &["show", &ids[0].to_string()]);
    assert_eq!(shown.status.code(), Some(1));
    assert!(ok(&lib, &["check"]).starts_with("ok: 1 works"));
}

#[test]
fn check_and_reindex_after_the_index_is_deleted() {
    let (dir, lib) = new_lib();
    let files = dir.path().join("files");
    for i in 0..5 {
        let title = format!("Signal Box {i}");
        write(
            &files,
            &format!("s{i}.txt"),
            &txt_story(
                &[("Title", &title), ("Author", "Wren")],
                &prose(150, i),
                false,
            ),
        );
    }
    ok(&lib, &["import", &files.to_string_lossy()]);
    std::fs::remove_dir_all(lib.join("index")).unwrap();
    let out = lib_run(&lib, &["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("note: the search index was missing"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        stdout(&out),
        "ok: 5 works; the database and the search index agree\n"
    );
    assert_eq!(ok(&lib, &["reindex"]), "indexed 5 works\n");
    let hits = json(&lib, &["search", "signal", "box", "--json"]);
    assert_eq!(hits.as_array().unwrap().len(), 5);

    // A damaged original is a problem check reports, one line, exit 1.
    let originals = lib.join("originals");
    let victim = walkdir_files(&originals)
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "zst"))
        .unwrap();
    std::fs::write(&victim, b"not zstd").unwrap();
    let out = lib_run(&lib, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.lines().next().unwrap().starts_with("original "),
        "{text}"
    );
    assert!(
        text.ends_with("1 problem found (`ficshelf reindex` rebuilds the search index)\n"),
        "{text}"
    );
}

fn walkdir_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walkdir_files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn the_library_comes_from_the_flag_the_environment_or_xdg() {
    let dir = tempfile::tempdir().unwrap();
    let story = write(
        dir.path(),
        "s.txt",
        &txt_story(&[("Title", "Where It Lives")], &prose(50, 1), false),
    );
    let run = |envs: &[(&str, &Path)], args: &[&str]| {
        let mut cmd = ficshelf();
        cmd.env_remove("FICSHELF_LIBRARY")
            .env_remove("XDG_DATA_HOME");
        for (k, v) in envs {
            cmd.env(k, v);
        }
        cmd.args(args).timeout(HANG_GUARD).output().unwrap()
    };
    let s = story.to_string_lossy().to_string();
    let env_lib = dir.path().join("env-lib");
    assert!(
        run(&[("FICSHELF_LIBRARY", &env_lib)], &["import", &s])
            .status
            .success()
    );
    assert!(env_lib.join("library.sqlite3").is_file());
    let xdg = dir.path().join("xdg");
    assert!(
        run(&[("XDG_DATA_HOME", &xdg)], &["import", &s])
            .status
            .success()
    );
    assert!(xdg.join("ficshelf/library.sqlite3").is_file());
    let home = dir.path().join("home");
    assert!(run(&[("HOME", &home)], &["import", &s]).status.success());
    assert!(home.join(".local/share/ficshelf/library.sqlite3").is_file());
    // The flag wins over the environment.
    let flag_lib = dir.path().join("flag-lib");
    let flag = flag_lib.to_string_lossy().to_string();
    assert!(
        run(
            &[("FICSHELF_LIBRARY", &env_lib)],
            &["import", &s, "--library", &flag]
        )
        .status
        .success()
    );
    assert!(flag_lib.join("library.sqlite3").is_file());

    // Commands other than import never create a library.
    let none = dir.path().join("none");
    let out = run(&[], &["search", "--library", &none.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out).trim(),
        format!(
            "error: {}: no ficshelf library here (import something first to create one)",
            none.display()
        )
    );
    assert!(!none.exists());
}

#[test]
fn a_library_that_is_not_one_is_refused_untouched() {
    let (dir, lib) = new_lib();
    std::fs::create_dir_all(&lib).unwrap();
    std::fs::write(lib.join("library.sqlite3"), b"my thesis, not a database").unwrap();
    let story = write(
        dir.path(),
        "s.txt",
        &txt_story(&[("Title", "X")], &prose(30, 1), false),
    );
    let out = lib_run(&lib, &["import", &story.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a ficshelf library database"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read(lib.join("library.sqlite3")).unwrap(),
        b"my thesis, not a database"
    );
    let bad = lib_run(&lib, &["search", "--words", "lots"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("not a word range"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn reparse_applies_a_tag_map_to_what_is_already_imported() {
    let (dir, lib) = new_lib();
    let story = write(
        dir.path(),
        "s.txt",
        &txt_story(
            &[("Title", "Tidewater"), ("Genre", "Kinky, Angst")],
            &prose(120, 4),
            false,
        ),
    );
    ok(&lib, &["import", &story.to_string_lossy()]);
    let map = write(
        dir.path(),
        "map.csv",
        "Original Tag,Original Tag Type,Recommended AO3 Tag,Recommended AO3 Type\nKinky,,,\n",
    );
    let out = ok(&lib, &["reparse", "--tag-map", &map.to_string_lossy()]);
    assert_eq!(out, "updated 1, unchanged 0, failed 0\n");
    let tags = json(&lib, &["search", "--json"])[0]["tags"].clone();
    assert_eq!(tags, serde_json::json!(["Angst"]));
    assert_eq!(
        ok(&lib, &["reparse"]),
        "updated 1, unchanged 0, failed 0\n",
        "without the map the tag is back"
    );
    assert!(ok(&lib, &["check"]).starts_with("ok: 1 works"));
}
