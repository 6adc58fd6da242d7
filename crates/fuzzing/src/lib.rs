//! The fuzz targets' bodies: each takes arbitrary bytes, drives one stage of the pipeline and
//! panics when an invariant breaks. Tooling, not part of the pipeline.
//!
//! ```text
//! fuzz/fuzz_targets/<name>.rs ─┐
//!                              ├─► ficshelf_fuzzing::run(<name>, bytes)
//! tests/replay.rs (CI) ────────┘      over fuzz/regressions/<name>/* and the seeds
//! ```
//!
//! The libFuzzer harness in `fuzz/` (its own cargo package, outside the workspace, built by
//! `cargo fuzz`) is a one-line call into this crate, so that the regular test suite replays
//! every committed crash input and every seed through exactly the code the fuzzer ran.
//! `docs/fuzzing.md` says how to run them.

mod ingest;
mod markup;
mod roundtrip;
mod search;
pub mod seeds;

pub use ingest::check_work;
pub use roundtrip::assert_same_work;

/// A target's body: panics when an invariant breaks.
pub type Body = fn(&[u8]);

/// Every target: its name (the file name in `fuzz/fuzz_targets/` and the folder name in
/// `fuzz/regressions/`) and its body.
pub const TARGETS: &[(&str, Body)] = &[
    ("detect_decode", ingest::detect_decode),
    ("read_txt", ingest::read_txt),
    ("read_html", ingest::read_html),
    ("read_epub", ingest::read_epub),
    ("epub_parts", ingest::epub_parts),
    ("sanitize", markup::sanitize),
    ("search_query", search::search_query),
    ("epub_roundtrip", roundtrip::epub_roundtrip),
];

/// Run the target called `name` on `data`.
///
/// # Panics
///
/// When `name` is not a target, or (the point) when the target finds a broken invariant.
pub fn run(name: &str, data: &[u8]) {
    let (_, body) = TARGETS
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("no fuzz target {name:?}"));
    body(data);
}
