//! Fuzz target `sanitize`: the body is `ficshelf_fuzzing::run("sanitize", …)`, shared with the replay test.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ficshelf_fuzzing::run("sanitize", data));
