//! Fuzz target `epub_roundtrip`: the body is `ficshelf_fuzzing::run("epub_roundtrip", …)`, shared with the replay test.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ficshelf_fuzzing::run("epub_roundtrip", data));
