//! `ficshelf-fuzz-replay TARGET DIR...`: run every file in DIRs through a fuzz target's body
//! without the fuzzer, and name each one that breaks an invariant.
//!
//! After a change to a target's checks or to the pipeline, replaying the corpus the fuzzer grew
//! (`fuzz/corpus/<target>`, thousands of inputs) shows in a minute or two what the change
//! breaks, before a fuzzing run spends its time rediscovering it. Exit 0 when every input
//! passes, 1 when some broke an invariant, 2 on a usage or I/O error.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((target, dirs)) = args.split_first().filter(|(_, d)| !d.is_empty()) else {
        eprintln!("usage: ficshelf-fuzz-replay TARGET DIR...");
        return ExitCode::from(2);
    };
    if !ficshelf_fuzzing::TARGETS.iter().any(|(n, _)| n == target) {
        eprintln!("error: {target}: not a fuzz target");
        return ExitCode::from(2);
    }
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in dirs {
        match std::fs::read_dir(dir) {
            Ok(entries) => {
                files.extend(entries.flatten().map(|e| e.path()).filter(|p| p.is_file()))
            }
            Err(e) => {
                eprintln!("error: {dir}: {e}");
                return ExitCode::from(2);
            }
        }
    }
    files.sort();
    // The panic message is what the user needs; the default hook's backtrace note is noise.
    std::panic::set_hook(Box::new(|info| eprintln!("  {info}")));
    let mut failed = 0usize;
    for path in &files {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("error: {}: {e}", path.display());
                return ExitCode::from(2);
            }
        };
        if catch_unwind(AssertUnwindSafe(|| ficshelf_fuzzing::run(target, &bytes))).is_err() {
            failed += 1;
            println!("FAIL {}", path.display());
        }
    }
    println!("{target}: {} inputs, {failed} failed", files.len());
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
