//! `kill -9` at random moments during `ficshelf import` of a generated corpus: after each kill
//! the library opens, `ficshelf check` passes, every work in it is whole (exactly what reading
//! its source file gives), and running the import again completes it. Fifteen rounds, each
//! killing a fresh import at a different point, from its first milliseconds to its end.

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

#[test]
fn kill_9_during_import_leaves_a_library_that_checks_clean_and_completes_on_rerun() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let files = write_corpus(&corpus, FILES, 42, Mix::default()).unwrap();
    let expected = expected_works(&files);
    let corpus_arg = corpus.to_string_lossy().to_string();

    // How long an uninterrupted import takes here, to spread the kills over it.
    let reference = dir.path().join("reference");
    let started = Instant::now();
    let out = ok(&reference, &["import", &corpus_arg]);
    let full = started.elapsed();
    let [want_works, ..] = summary(&out);

    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut killed_mid_import = 0;
    for round in 0..ROUNDS {
        // A new library each round, so that every kill lands somewhere in a whole import:
        // from the very start (creating the database) to about its end.
        let lib = dir.path().join(format!("lib-{round}"));
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("ficshelf"))
            .args(["import", &corpus_arg, "--library"])
            .arg(&lib)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let slot = full.as_millis() as u64 * round / ROUNDS;
        let delay = slot + rng.below(full.as_millis() as u64 / ROUNDS + 1);
        std::thread::sleep(Duration::from_millis(delay));
        if child.try_wait().unwrap().is_none() {
            killed_mid_import += 1;
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();

        if !lib.join("library.sqlite3").exists() {
            continue; // killed before it created anything
        }
        let check = lib_run(&lib, &["check"]);
        assert!(
            check.status.success(),
            "round {round} (killed after {delay} ms): check failed: {}{}",
            super::stdout(&check),
            stderr(&check)
        );
        assert_whole(&lib, &expected, round);

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
    assert!(
        killed_mid_import >= ROUNDS * 2 / 3,
        "most kills must land during the import: {killed_mid_import} of {ROUNDS}"
    );
}
