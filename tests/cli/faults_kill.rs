//! `kill -9` during `ficshelf reindex` and `ficshelf export`, each at points of its own progress
//! spread over a whole run (a reindex: after a share of its segment files is written, at its
//! commit, during its clean-up; an export: after a share of its files is written). The kill
//! test for import is `library_crash.rs`. Afterwards the library checks clean and search finds
//! every work; an export leaves only whole files, and the temporary file a
//! killed export could not remove is swept by the next export into the same folder.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use ficshelf_corpus::{Mix, write_corpus};

use crate::library::{export_all_json, lib_run, ok, stderr, summary};

const ROUNDS: u64 = 8;

/// Start `ficshelf ARGS --library LIB`, kill it as soon as `reached()` holds; whether it was
/// still running then.
fn kill_when(lib: &Path, args: &[&str], reached: impl Fn() -> bool) -> bool {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("ficshelf"))
        .args(args)
        .arg("--library")
        .arg(lib)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + crate::util::HANG_GUARD;
    while !reached() && child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "{args:?} made no progress");
        std::thread::sleep(Duration::from_millis(1));
    }
    let running = child.try_wait().unwrap().is_none();
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    running
}

/// A library of a generated corpus, and how many works it holds.
fn corpus_library(dir: &Path, files: u64) -> (std::path::PathBuf, u64) {
    let corpus = dir.join("corpus");
    write_corpus(&corpus, files, 7, Mix::default()).unwrap();
    let lib = dir.join("lib");
    let out = ok(&lib, &["import", &corpus.to_string_lossy()]);
    let [imported, ..] = summary(&out);
    (lib, imported)
}

/// The segment files in a library's search index (tantivy's temporary `.tmp*` and lock files
/// left out), and its `meta.json`, which names the committed segments.
fn index_state(lib: &Path) -> (BTreeSet<String>, Vec<u8>) {
    let dir = lib.join("index");
    let files = std::fs::read_dir(&dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !n.starts_with('.') && n != "meta.json")
                .collect()
        })
        .unwrap_or_default();
    (
        files,
        std::fs::read(dir.join("meta.json")).unwrap_or_default(),
    )
}

/// Where round `round` of the reindex kills is made, as a point of the reindex's own progress
/// in the index folder, given how many segment files a whole run writes: at once, after a
/// share of the new segment files is written, once `meta.json` names the new segments (the
/// commit), and once an old segment file is deleted (the clean-up after the commit).
fn reindex_point(round: u64, written: usize, lib: &Path) -> (String, impl Fn() -> bool) {
    let (before, meta) = index_state(lib);
    let shares = ROUNDS - 2;
    let at = written * round as usize / shares as usize;
    let what = match round {
        r if r < shares => format!("{at} of {written} new segment files written"),
        r if r == shares => "the commit".to_string(),
        _ => "the clean-up".to_string(),
    };
    let lib = lib.to_path_buf();
    let reached = move || {
        let (now, now_meta) = index_state(&lib);
        if round < shares {
            now.difference(&before).count() >= at
        } else if round == shares {
            !now_meta.is_empty() && now_meta != meta
        } else {
            before.iter().any(|f| !now.contains(f))
        }
    };
    (what, reached)
}

fn search_count(lib: &Path) -> (u64, String) {
    let out = lib_run(lib, &["search", "--json", "--limit", "10000"]);
    assert!(out.status.success(), "search failed: {}", stderr(&out));
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    (found.as_array().unwrap().len() as u64, stderr(&out))
}

#[test]
fn kill_9_during_reindex_leaves_a_library_that_checks_clean_and_finds_everything() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, works) = corpus_library(dir.path(), 300);
    // A whole run first: how many segment files a reindex of this library writes.
    let (before, _) = index_state(&lib);
    ok(&lib, &["reindex"]);
    let written = index_state(&lib).0.difference(&before).count();
    assert!(written > 0, "a reindex writes segment files");
    let mut killed_running = 0;
    let mut landed = Vec::new();
    for round in 0..ROUNDS {
        let (what, reached) = reindex_point(round, written, &lib);
        if kill_when(&lib, &["reindex"], reached) {
            killed_running += 1;
            landed.push(what);
        }
        // The next command finds the index as the kill left it: whole, or damaged and rebuilt
        // (with a note), never wrong.
        let (found, notes) = search_count(&lib);
        assert_eq!(found, works, "round {round}: {notes}");
        assert!(
            notes.is_empty() || notes.starts_with("note: the search index"),
            "round {round}: {notes}"
        );
        let out = ok(&lib, &["check"]);
        assert_eq!(
            out,
            format!("ok: {works} works; the database and the search index agree\n"),
            "round {round}"
        );
    }
    assert!(
        killed_running >= ROUNDS - 2,
        "the kills must land during the reindex: {killed_running} of {ROUNDS}"
    );
    eprintln!(
        "kill -9 during reindex: {killed_running} of {ROUNDS} mid-run ({}), {works} works",
        landed.join("; ")
    );
}

#[test]
fn kill_9_during_export_leaves_only_whole_files() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, works) = corpus_library(dir.path(), 150);
    let whole = dir.path().join("whole");
    assert!(export_all_json(&lib, &whole).status.success());
    let expected: BTreeSet<Vec<u8>> = std::fs::read_dir(&whole)
        .unwrap()
        .flatten()
        .map(|e| std::fs::read(e.path()).unwrap())
        .collect();
    assert_eq!(expected.len() as u64, works);

    let mut killed_running = 0;
    let mut left_parts = 0;
    for round in 0..ROUNDS {
        let out_dir = dir.path().join(format!("out-{round}"));
        let out_arg = out_dir.to_string_lossy().into_owned();
        let args = ["export", "--all", "--format", "json", "-o", &out_arg];
        // Killed once the export has written a share of the files, spread over the rounds
        // (round 0: at once): a point of its own progress, not a time measured beforehand.
        let at = (works * round / ROUNDS) as usize;
        if kill_when(&lib, &args, || {
            std::fs::read_dir(&out_dir).map_or(0, |d| d.count()) >= at
        }) {
            killed_running += 1;
        }
        if !out_dir.exists() {
            continue;
        }
        // Every file with a real name is one whole export.
        for entry in std::fs::read_dir(&out_dir).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(".ficshelf-") && name.ends_with(".part") {
                left_parts += 1;
                continue; // the kill's temporary file: swept below
            }
            let bytes = std::fs::read(entry.path()).unwrap();
            assert!(
                expected.contains(&bytes),
                "round {round}: {name} is not whole"
            );
        }
        // Exporting again into the same folder sweeps what the kill left, and adds a whole
        // copy of everything.
        ok(&lib, &args);
        let names: Vec<String> = std::fs::read_dir(&out_dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names.iter().all(|n| !n.starts_with('.')),
            "round {round}: left over: {names:?}"
        );
        assert!(names.len() as u64 >= works, "round {round}");
    }
    assert!(
        killed_running >= ROUNDS - 1,
        "the kills must land during the export: {killed_running} of {ROUNDS}"
    );
    eprintln!(
        "kill -9 during export: {killed_running} of {ROUNDS} mid-run, {left_parts} temporary files left and swept"
    );
    assert_eq!(
        ok(&lib, &["check"]),
        format!("ok: {works} works; the database and the search index agree\n")
    );
}
