//! Two `ficshelf import` processes on one library at once, over overlapping folders, while
//! `ficshelf search` runs in a loop: the writers wait for each other (no "database is locked"),
//! no search fails or loses a work it saw, and the library ends with exactly the works a single
//! import of everything gives, checked clean.

use std::path::Path;
use std::process::{Child, Command, Stdio};

use ficshelf_corpus::{Mix, write_corpus};

use super::{json, lib_run, ok, stderr, stdout, summary};

fn import(lib: &Path, dirs: &[&Path]) -> Child {
    Command::new(assert_cmd::cargo::cargo_bin("ficshelf"))
        .arg("import")
        .args(dirs)
        .arg("--library")
        .arg(lib)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn two_importers_and_a_searcher_on_one_library() {
    let dir = tempfile::tempdir().unwrap();
    let parts: Vec<_> = (0..3u64)
        .map(|i| {
            let d = dir.path().join(format!("part{i}"));
            write_corpus(&d, 80, 100 + i, Mix::default()).unwrap();
            d
        })
        .collect();
    let lib = dir.path().join("lib");
    // Both create the library at the same moment, and part1 is imported by both.
    let a = import(&lib, &[parts[0].as_path(), parts[1].as_path()]);
    let b = import(&lib, &[parts[1].as_path(), parts[2].as_path()]);
    let mut children = vec![a, b];

    let mut searches = 0;
    let mut seen = 0;
    loop {
        let running = children.iter_mut().any(|c| c.try_wait().unwrap().is_none());
        if lib.join("library.sqlite3").exists() {
            let out = lib_run(&lib, &["search", "--json", "--limit", "1000"]);
            assert!(out.status.success(), "a search failed: {}", stderr(&out));
            let works: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            let n = works.as_array().unwrap().len();
            assert!(
                n >= seen,
                "a work disappeared from the search: {seen} -> {n}"
            );
            seen = n;
            searches += 1;
        }
        if !running {
            break;
        }
    }
    assert!(searches >= 2, "searches ran while importing: {searches}");
    let mut imported = 0;
    for child in children {
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "an importer failed: {err}");
        assert!(!err.contains("locked"), "{err}");
        imported += summary(&String::from_utf8_lossy(&out.stdout))[0];
    }

    // The same as one import of everything into a fresh library.
    let reference = dir.path().join("reference");
    let all: Vec<String> = parts.iter().map(|p| p.to_string_lossy().into()).collect();
    let mut args = vec!["import"];
    args.extend(all.iter().map(String::as_str));
    let [want, ..] = summary(&ok(&reference, &args));
    assert_eq!(
        imported, want,
        "each work was imported once, by one of the two"
    );
    let got = json(&lib, &["search", "--json", "--limit", "1000"]);
    assert_eq!(got.as_array().unwrap().len() as u64, want);
    let stats = ok(&lib, &["stats"]);
    assert!(
        stats.starts_with(&format!("works      {want}\n")),
        "{stats}"
    );
    let check = lib_run(&lib, &["check"]);
    assert!(
        check.status.success(),
        "{}{}",
        stdout(&check),
        stderr(&check)
    );
}
