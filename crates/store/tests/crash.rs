//! `kill -9` at random moments while a process inserts, updates and removes works: the library
//! must open again, pass `check`, and hold only whole works.
//!
//! The child is `ficshelf-store-torture churn` (src/bin/torture.rs). Twenty rounds on one
//! library, each killed after a different delay, so recovery is exercised on top of recovery.

mod common;

use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::Duration;

use ficshelf_store::Store;

const ROUNDS: u64 = 20;

#[test]
fn sigkill_during_writes_leaves_only_whole_works() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let mut delays = common::Rng::new(0xC0FFEE);
    let mut killed_while_running = 0;
    let mut max_works = 0;
    for round in 0..ROUNDS {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ficshelf-store-torture"))
            .arg("churn")
            .arg(&lib)
            .arg((round * 1_000_000).to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        sleep(Duration::from_millis(5 + delays.below(400)));
        if child.try_wait().unwrap().is_none() {
            killed_while_running += 1;
        }
        child.kill().unwrap(); // SIGKILL on Unix
        let status = child.wait().unwrap();
        assert!(
            status.code().is_none_or(|c| c != 1),
            "the child failed on its own: {status:?}"
        );

        let store = Store::open(&lib).unwrap();
        let problems = store.check().unwrap();
        assert!(
            problems.iter().all(|p| p.is_harmless()),
            "round {round}: {problems:#?}"
        );
        let ids = store.list_ids().unwrap();
        for id in &ids {
            let stored = store.get(*id).unwrap().unwrap();
            // Rebuild the work this row must be, from its title's seed and its chapter count:
            // every chapter present and exactly as written, nothing from another version.
            let seed: u64 = stored.work.title.trim_start_matches('t').parse().unwrap();
            let n = stored.work.chapters.len();
            assert!(n >= 1, "round {round}: work {id} has no chapters");
            let (expected, bytes) =
                common::work(seed, &stored.work.title, n, common::TORTURE_WORDS);
            assert_eq!(
                stored.work, expected,
                "round {round}: work {id} is not whole"
            );
            assert_eq!(store.read_original(&expected.source.sha256).unwrap(), bytes);
            assert_eq!(
                store.find_by_source_sha(&expected.source.sha256).unwrap(),
                Some(*id)
            );
        }
        max_works = max_works.max(ids.len());
        // The change log names every live work: the index can always catch up.
        let changes = store.changes_since(0, usize::MAX).unwrap();
        for id in &ids {
            let last = changes.iter().rev().find(|c| c.work == *id).unwrap();
            assert_eq!(last.kind, ficshelf_store::ChangeKind::Upsert);
        }
    }
    assert!(
        killed_while_running >= ROUNDS / 2,
        "most kills must land mid-work: {killed_while_running}"
    );
    assert!(
        max_works > 10,
        "the child got far enough to matter: {max_works} works"
    );
}
