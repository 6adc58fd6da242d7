//! Soak: four workers on one library for a bounded time — one importing batches of new
//! stories, one searching, one exporting, one removing — each running `ficshelf` processes
//! back to back, so that up to four processes share the library at any moment. Then
//! `ficshelf check` passes and the counts add up: works in the library = imported − removed,
//! search finds each work once, every work can be exported, every exported file is a whole
//! work.
//!
//! The test runs for `FICSHELF_SOAK_SECS` seconds (3 by default, to keep CI short);
//! `scripts/soak.sh` runs it for longer and prints the operation counts.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::faults::stories;
use crate::library::{export_all_json, lib_run, ok, stderr, stdout, summary};

/// What each worker did, for the final sums and the report line.
#[derive(Debug, Default)]
struct Tally {
    imported: u64,
    import_runs: u64,
    searches: u64,
    exports: u64,
    exported_files: u64,
    removed: u64,
    remove_runs: u64,
}

fn soak_secs() -> u64 {
    std::env::var("FICSHELF_SOAK_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3)
}

/// Every work a search finds, page by page: a page holds at most 10,000 works, which a long
/// soak's library outgrows.
fn ids_found(lib: &Path) -> Vec<u64> {
    const PAGE: usize = 10_000;
    let mut ids = Vec::new();
    loop {
        let offset = ids.len().to_string();
        let out = lib_run(
            lib,
            &["search", "--json", "--limit", "10000", "--offset", &offset],
        );
        assert!(out.status.success(), "search failed: {}", stderr(&out));
        let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let page = found.as_array().unwrap();
        ids.extend(page.iter().map(|w| w["id"].as_u64().unwrap()));
        if page.len() < PAGE {
            return ids;
        }
    }
}

fn importer(lib: &Path, batches: &[PathBuf], stop: &AtomicBool, t: &mut Tally) {
    for batch in batches {
        if stop.load(Ordering::Relaxed) {
            break;
        }
        let out = ok(lib, &["import", &batch.to_string_lossy()]);
        let [imported, updated, unchanged, failed] = summary(&out);
        assert_eq!((updated, unchanged, failed), (0, 0, 0), "{out}");
        t.imported += imported;
        t.import_runs += 1;
    }
}

fn searcher(lib: &Path, stop: &AtomicBool, t: &mut Tally) {
    while !stop.load(Ordering::Relaxed) {
        if lib.join("library.sqlite3").exists() {
            ids_found(lib);
            t.searches += 1;
        }
    }
}

fn exporter(lib: &Path, out_root: &Path, stop: &AtomicBool, t: &mut Tally) {
    while !stop.load(Ordering::Relaxed) {
        if !lib.join("library.sqlite3").exists() {
            continue;
        }
        let dir = out_root.join(format!("run-{}", t.exports));
        let out = export_all_json(lib, &dir);
        // 1: a work was removed between the listing and its export (one `error:` line each).
        let code = out.status.code();
        assert!(
            code == Some(0) || code == Some(1),
            "export: {}",
            stderr(&out)
        );
        for line in stderr(&out).lines() {
            assert!(line.contains(": there is no work "), "export: {line}");
        }
        t.exports += 1;
        t.exported_files += stdout(&out).lines().count() as u64;
    }
}

fn remover(lib: &Path, stop: &AtomicBool, t: &mut Tally) {
    let mut turn = 0usize;
    while !stop.load(Ordering::Relaxed) {
        if !lib.join("library.sqlite3").exists() {
            continue;
        }
        let ids = ids_found(lib);
        if ids.len() < 3 {
            continue;
        }
        turn += 1;
        let id = ids[turn * 7 % ids.len()].to_string();
        let out = lib_run(lib, &["remove", &id]);
        // 1: the importer's dedupe or nothing else removes works, so only a second remover
        // could have taken it; there is none.
        assert!(out.status.success(), "remove {id}: {}", stderr(&out));
        t.removed += stdout(&out)
            .lines()
            .filter(|l| l.starts_with("removed "))
            .count() as u64;
        t.remove_runs += 1;
    }
}

#[test]
fn four_processes_on_one_library_then_the_counts_add_up() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let secs = soak_secs();
    // Enough new stories that the importer never runs out: 8 per batch.
    let batches: Vec<PathBuf> = (0..(secs * 8).max(20))
        .map(|b| {
            let d = dir.path().join(format!("batch-{b:04}"));
            stories(&d, 8, 400, &format!("soak{b}"));
            d
        })
        .collect();
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let tallies = std::thread::scope(|s| {
        let run = |f: fn(&Path, &AtomicBool, &mut Tally)| {
            let (lib, stop) = (&lib, &stop);
            s.spawn(move || {
                let mut t = Tally::default();
                f(lib, stop, &mut t);
                t
            })
        };
        let (lib_i, stop_i, batches) = (&lib, &stop, &batches);
        let import = s.spawn(move || {
            let mut t = Tally::default();
            importer(lib_i, batches, stop_i, &mut t);
            t
        });
        let search = run(searcher);
        let remove = run(remover);
        let (lib_e, stop_e, out_root) = (&lib, &stop, dir.path().join("exports"));
        let export = s.spawn(move || {
            let mut t = Tally::default();
            exporter(lib_e, &out_root, stop_e, &mut t);
            t
        });
        std::thread::sleep(Duration::from_secs(secs));
        stop.store(true, Ordering::Relaxed);
        [import, search, remove, export].map(|h| h.join().unwrap())
    });
    let elapsed = started.elapsed();
    let [import, search, remove, export] = &tallies;

    // The library checks clean, and imported − removed is what it holds.
    let works = import.imported - remove.removed;
    assert_eq!(
        ok(&lib, &["check"]),
        format!("ok: {works} works; the database and the search index agree\n")
    );
    let found = ids_found(&lib);
    assert_eq!(found.len() as u64, works);
    let distinct: std::collections::BTreeSet<u64> = found.iter().copied().collect();
    assert_eq!(distinct.len(), found.len(), "a work found twice");
    // Every work reads back whole: all of them in one export (one process), and up to 500
    // of them, spread over the library, through `show`.
    let all = dir.path().join("all");
    let exported = export_all_json(&lib, &all);
    assert!(exported.status.success(), "{}", stderr(&exported));
    assert_eq!(std::fs::read_dir(&all).unwrap().count() as u64, works);
    for id in found.iter().step_by(found.len().div_ceil(500).max(1)) {
        ok(&lib, &["show", &id.to_string()]);
    }
    // Every exported file is a whole work.
    let mut files = 0;
    for run in std::fs::read_dir(dir.path().join("exports"))
        .into_iter()
        .flatten()
        .flatten()
    {
        for f in std::fs::read_dir(run.path()).unwrap().flatten() {
            let name = f.file_name().to_string_lossy().into_owned();
            assert!(!name.starts_with('.'), "left over: {name}");
            let bytes = std::fs::read(f.path()).unwrap();
            let work: serde_json::Value = serde_json::from_slice(&bytes)
                .unwrap_or_else(|e| panic!("{name} is not a whole export: {e}"));
            assert!(work["title"].is_string(), "{name}");
            files += 1;
        }
    }
    assert_eq!(files, export.exported_files);
    assert!(import.import_runs > 0 && search.searches > 0 && remove.remove_runs > 0);
    assert!(export.exports > 0);
    eprintln!(
        "soak: {:.1} s; imports {} ({} works), searches {}, exports {} ({} files), removes {} \
         ({} works); {works} works at the end",
        elapsed.as_secs_f64(),
        import.import_runs,
        import.imported,
        search.searches,
        export.exports,
        export.exported_files,
        remove.remove_runs,
        remove.removed,
    );
}
