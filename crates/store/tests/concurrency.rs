//! Two processes writing one library while this one reads: writers wait for each other (no
//! "database is locked" reaches them), readers are never blocked or refused, nothing is lost,
//! and two processes importing the same files store each work once.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use ficshelf_store::{Store, WorkId};

const PER_WRITER: u64 = 120;

fn writer(lib: &Path, prefix: &str, first: u64) -> Child {
    Command::new(env!("CARGO_BIN_EXE_ficshelf-store-torture"))
        .args([
            "write",
            &lib.to_string_lossy(),
            prefix,
            &first.to_string(),
            &PER_WRITER.to_string(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Read continuously until both children exit; every read must succeed. Returns how many
/// reads were done while a writer was still running, and the children's stderr.
fn read_while_writing(lib: &Path, mut children: Vec<Child>) -> (u64, Vec<String>) {
    let store = Store::open(lib).unwrap();
    let mut reads = 0;
    let mut last_count = 0;
    let mut rng = common::Rng::new(7);
    loop {
        let running = children.iter_mut().any(|c| c.try_wait().unwrap().is_none());
        let count = store.count().unwrap();
        assert!(
            count >= last_count,
            "a committed work disappeared: {last_count} -> {count}"
        );
        last_count = count;
        let stats = store.stats().unwrap();
        assert!(stats.works >= count);
        let ids = store.list_ids().unwrap();
        if let Some(&id) = ids.get(rng.below(ids.len().max(1) as u64) as usize) {
            let w = store.get(id).unwrap().expect("a listed work can be read");
            assert!(!w.work.chapters.is_empty());
        }
        if !running {
            break;
        }
        reads += 1;
    }
    let errors = children
        .into_iter()
        .map(|c| {
            let out = c.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "writer failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            String::from_utf8_lossy(&out.stderr).into_owned()
        })
        .collect();
    (reads, errors)
}

#[test]
fn two_writers_and_a_reader_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    Store::open(&lib).unwrap();
    let children = vec![writer(&lib, "A", 0), writer(&lib, "B", 10_000)];
    let (reads, stderr) = read_while_writing(&lib, children);
    assert!(reads > 0, "the reader ran while the writers did");
    assert!(stderr.iter().all(String::is_empty), "{stderr:?}");

    let store = Store::open(&lib).unwrap();
    assert_eq!(store.count().unwrap(), 2 * PER_WRITER);
    let titles: BTreeSet<String> = store.iter_works().map(|w| w.unwrap().work.title).collect();
    for seed in 0..PER_WRITER {
        assert!(titles.contains(&format!("A-{seed}")), "A-{seed} lost");
        assert!(
            titles.contains(&format!("B-{}", 10_000 + seed)),
            "B-{} lost",
            10_000 + seed
        );
    }
    assert_eq!(store.check().unwrap(), []);
    // Every insert is in the change log exactly once.
    let logged: BTreeSet<WorkId> = store
        .changes_since(0, usize::MAX)
        .unwrap()
        .iter()
        .map(|c| c.work)
        .collect();
    assert_eq!(logged.len() as u64, 2 * PER_WRITER);
}

#[test]
fn two_processes_importing_the_same_files_store_each_once() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    // No Store::open first: both children create and migrate the new library at once.
    let children = vec![writer(&lib, "S", 500), writer(&lib, "S", 500)];
    let (_, stderr) = read_while_writing_after_creation(&lib, children);
    assert!(stderr.iter().all(String::is_empty), "{stderr:?}");
    let store = Store::open(&lib).unwrap();
    assert_eq!(store.count().unwrap(), PER_WRITER);
    assert_eq!(store.stats().unwrap().sources, PER_WRITER);
    assert_eq!(store.check().unwrap(), []);
}

/// Like `read_while_writing`, for a library the children are still creating: wait for it to
/// exist before reading.
fn read_while_writing_after_creation(lib: &Path, mut children: Vec<Child>) -> (u64, Vec<String>) {
    while !lib.join("library.sqlite3").exists() {
        if children.iter_mut().all(|c| c.try_wait().unwrap().is_some()) {
            break;
        }
        std::thread::yield_now();
    }
    read_while_writing(lib, children)
}
