//! A child process for the store's crash and concurrency tests; not part of ficshelf's CLI.
//!
//! ```text
//! ficshelf-store-torture churn LIB SEED        insert/update/remove works until killed
//! ficshelf-store-torture write LIB PREFIX FIRST COUNT
//!                                              import COUNT works (seeds FIRST..), then exit
//! ```
//!
//! Works are built from their seed (`tests/common`), titled `t<seed>` (churn) or
//! `<PREFIX>-<seed>` (write), so the test can rebuild what each stored work must be. Any error
//! is printed and exits 1: the concurrency test asserts that none happens.

#[path = "../../tests/common/mod.rs"]
mod common;

use std::path::Path;
use std::process::ExitCode;

use ficshelf_store::{PreparedWork, SourceRecord, Store, StoreError, WorkId};

use common::{TORTURE_WORDS as WORDS, first_chapters};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["churn", lib, seed] => seed
            .parse()
            .map_err(|_| usage())
            .and_then(|s| churn(Path::new(lib), s)),
        ["write", lib, prefix, first, count] => match (first.parse(), count.parse()) {
            (Ok(first), Ok(count)) => write(Path::new(lib), prefix, first, count),
            _ => Err(usage()),
        },
        _ => Err(usage()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn usage() -> StoreError {
    StoreError::Invalid("usage: churn LIB SEED | write LIB PREFIX FIRST COUNT".into())
}

/// Forever: mostly inserts, some updates (one more chapter) and removes.
fn churn(lib: &Path, base: u64) -> Result<(), StoreError> {
    let mut store = Store::open(lib)?;
    let mut rng = common::Rng::new(base);
    let mut live: Vec<(WorkId, u64, usize)> = Vec::new();
    let mut seed = base;
    loop {
        let pick = rng.below(10);
        if pick < 2 && !live.is_empty() {
            let i = rng.below(live.len() as u64) as usize;
            let (id, s, chapters) = live[i];
            let (work, bytes) = common::work(s, &format!("t{s}"), chapters + 1, WORDS);
            store.put_original(&bytes)?;
            store.update(id, &work, &SourceRecord::of(&work))?;
            live[i].2 += 1;
        } else if pick < 3 && !live.is_empty() {
            let (id, _, _) = live.swap_remove(rng.below(live.len() as u64) as usize);
            store.remove(id)?;
        } else {
            seed += 1;
            let (work, bytes) =
                common::work(seed, &format!("t{seed}"), first_chapters(seed), WORDS);
            store.put_original(&bytes)?;
            let id = store.insert(&work, &SourceRecord::of(&work))?;
            live.push((id, seed, first_chapters(seed)));
        }
    }
}

/// Import `count` works the way the library does: look for the same bytes and insert in one
/// transaction, so two writers importing the same files store each once.
fn write(lib: &Path, prefix: &str, first: u64, count: u64) -> Result<(), StoreError> {
    let mut store = Store::open(lib)?;
    for seed in first..first + count {
        let (work, bytes) = common::work(
            seed,
            &format!("{prefix}-{seed}"),
            first_chapters(seed),
            WORDS,
        );
        let sha = store.put_original(&bytes)?;
        let prepared = PreparedWork::new(&work)?;
        store.transaction(|tx| {
            if tx.find_by_source_sha(&sha)?.is_none() {
                tx.insert(&prepared, &SourceRecord::of(&work))?;
            }
            Ok(())
        })?;
    }
    Ok(())
}
