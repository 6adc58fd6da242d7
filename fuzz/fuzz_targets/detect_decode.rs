//! Fuzz target `detect_decode`: the body is `ficshelf_fuzzing::run("detect_decode", …)`, shared with the replay test.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ficshelf_fuzzing::run("detect_decode", data));
