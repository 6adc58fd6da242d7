//! Helpers shared by the CLI tests: running the binary, finding fixtures, reading JSON.

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

/// A hang guard only (a test must never wait forever); timings are measured by benchmarks.
pub const HANG_GUARD: Duration = Duration::from_secs(120);

pub fn ficshelf() -> Command {
    let mut cmd = Command::cargo_bin("ficshelf").expect("the ficshelf binary is built");
    cmd.timeout(HANG_GUARD);
    cmd
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(rel: &str) -> PathBuf {
    repo().join("fixtures").join(rel)
}

/// Every fixture file in `fixtures/<dir>` with one of `exts`, sorted.
pub fn fixtures_in(dir: &str, exts: &[&str]) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixture(dir))
        .expect("fixture folder exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| exts.contains(&e))
        })
        .collect();
    files.sort();
    files
}

/// `ficshelf inspect --json FILE`, which must succeed, as JSON.
pub fn inspect_json(path: &Path) -> Value {
    let out = ficshelf()
        .args(["inspect", "--json"])
        .arg(path)
        .output()
        .expect("ficshelf runs");
    assert!(
        out.status.success(),
        "inspect {} failed: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("inspect --json prints JSON")
}

/// The stderr of a run, which must be exactly one `error: <path>: <reason>` line.
pub fn assert_one_error_line(stderr: &[u8], path_shown: &str) -> String {
    let text = String::from_utf8_lossy(stderr).to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "expected one error line, got: {text:?}");
    let prefix = format!("error: {path_shown}: ");
    assert!(
        lines[0].starts_with(&prefix),
        "{:?} does not start with {prefix:?}",
        lines[0]
    );
    assert!(
        lines[0].len() > prefix.len(),
        "the error gives no reason: {text:?}"
    );
    assert!(!text.contains("panicked"), "{text}");
    lines[0][prefix.len()..].to_string()
}
