//! Fuzz target `epub_parts`: the body is `ficshelf_fuzzing::run("epub_parts", …)`, shared with the replay test.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ficshelf_fuzzing::run("epub_parts", data));
