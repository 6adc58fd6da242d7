//! `kill -9` during `ficshelf import` of a generated corpus into a library that already holds
//! works: after each kill the library opens, `ficshelf check` passes, the works that were there
//! are exactly as they were, every work in it is whole (exactly what reading its source file
//! gives), and running the import again completes it. Fifteen rounds, each killing a fresh
//! import at a different point of its progress (counted in the source files it has kept), from
//! its first moment to near its end.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use ficshelf_corpus::{Mix, write_corpus};
use ficshelf_library::Library;
use ficshelf_model::Work;

use super::{lib_run, ok, stderr, summary};

const ROUNDS: u64 = 15;
const FILES: u64 = 300;

/// A little xorshift for the kill delays (a fixed seed: the same delays on every run).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// What reading each corpus file gives, by the sha256 of its bytes.
fn expected_works(files: &[PathBuf]) -> HashMap<String, (PathBuf, Work)> {
    files
        .iter()
        .filter_map(|p| {
            let work = ficshelf_ingest::read_path(p, &Default::default()).ok()?;
            Some((work.source.sha256.clone(), (p.clone(), work)))
        })
        .collect()
}

/// Every work in the library is exactly the reading of one corpus file.
fn assert_whole(lib: &Path, expected: &HashMap<String, (PathBuf, Work)>, round: u64) -> usize {
    let library = Library::open(lib).unwrap_or_else(|e| panic!("round {round}: cannot open: {e}"));
    let ids = library.ids().unwrap();
    for id in &ids {
        let stored = library.get(*id).unwrap().work;
        let (path, want) = expected
            .get(&stored.source.sha256)
            .unwrap_or_else(|| panic!("round {round}: work {id} has an unknown source"));
        assert_eq!(
            &stored,
            want,
            "round {round}: work {id} is not the whole reading of {}",
            path.display()
        );
    }
    ids.len()
}

/// Files under `dir`, recursively (0 while it does not exist).
fn files_under(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| {
            let path = e.path();
            if path.is_dir() { files_under(&path) } else { 1 }
        })
        .sum()
}

/// Wait until the import has kept `originals` source files (each is made durable before any
/// row names it, so this is the import's progress as the disk sees it) or has ended; whether
/// it is still running.
fn wait_for_progress(child: &mut std::process::Child, lib: &Path, originals: usize) -> bool {
    let deadline = Instant::now() + crate::util::HANG_GUARD;
    loop {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        if files_under(&lib.join("originals")) >= originals {
            return true;
        }
        assert!(Instant::now() < deadline, "the import made no progress");
        std::thread::sleep(Duration::from_millis(1));
    }
}

#[test]
fn kill_9_during_import_leaves_a_library_that_checks_clean_and_completes_on_rerun() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let files = write_corpus(&corpus, FILES, 42, Mix::default()).unwrap();
    // Every round's library already holds works (one of each family), which no kill may touch.
    let base: Vec<PathBuf> = [
        "txt/header-star-frame.txt",
        "html/labels-table.html",
        "epub/plain-epub3-nav-landmarks.epub",
    ]
    .iter()
    .map(|f| crate::util::fixture(f))
    .collect();
    let base_args: Vec<String> = std::iter::once("import".to_string())
        .chain(base.iter().map(|p| p.to_string_lossy().to_string()))
        .collect();
    let base_args: Vec<&str> = base_args.iter().map(String::as_str).collect();
    let expected = expected_works(&files.iter().chain(&base).cloned().collect::<Vec<_>>());
    let corpus_arg = corpus.to_string_lossy().to_string();

    let reference = dir.path().join("reference");
    ok(&reference, &base_args);
    let out = ok(&reference, &["import", &corpus_arg]);
    let want_works = summary(&out)[0] + base.len() as u64;

    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut killed_mid_import = 0;
    for round in 0..ROUNDS {
        let lib = dir.path().join(format!("lib-{round}"));
        ok(&lib, &base_args);
        let base_works = Library::open(&lib).unwrap().ids().unwrap();
        let base_json: Vec<String> = base_works
            .iter()
            .map(|id| super::stdout(&lib_run(&lib, &["show", &id.0.to_string(), "--json"])))
            .collect();
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("ficshelf"))
            .args(["import", &corpus_arg, "--library"])
            .arg(&lib)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Kill at a point of the import's own progress, spread over the rounds from its start
        // (round 0: at once) to near its end, not at a time measured beforehand.
        let slot = (FILES * round / ROUNDS) as usize;
        let at = base.len() + slot + rng.below(FILES / ROUNDS) as usize;
        let at = if round == 0 { 0 } else { at };
        if wait_for_progress(&mut child, &lib, at) {
            killed_mid_import += 1;
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();

        let check = lib_run(&lib, &["check"]);
        assert!(
            check.status.success(),
            "round {round} (killed at {at} originals): check failed: {}{}",
            super::stdout(&check),
            stderr(&check)
        );
        assert_whole(&lib, &expected, round);
        // The works that were there before are exactly as they were.
        for (id, json) in base_works.iter().zip(&base_json) {
            let now = super::stdout(&lib_run(&lib, &["show", &id.0.to_string(), "--json"]));
            assert_eq!(&now, json, "round {round}: work {id} changed");
        }

        // Running it again completes it: the same works as an import never killed.
        let out = ok(&lib, &["import", &corpus_arg]);
        assert_eq!(summary(&out)[3], 0, "round {round}: {out}");
        let works = assert_whole(&lib, &expected, round);
        assert_eq!(works as u64, want_works, "round {round}");
        let check = ok(&lib, &["check"]);
        assert_eq!(
            check,
            format!("ok: {works} works; the database and the search index agree\n"),
            "round {round}"
        );
    }
    // Each kill waits for a point the import reaches before its end, so only a kill racing
    // the very end finds it finished.
    assert!(
        killed_mid_import >= ROUNDS - 2,
        "the kills must land during the import: {killed_mid_import} of {ROUNDS}"
    );
    eprintln!("kill -9 during import: {killed_mid_import} of {ROUNDS} rounds mid-import");
}
