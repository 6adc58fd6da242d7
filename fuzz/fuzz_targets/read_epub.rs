//! Fuzz target `read_epub`: the body is `ficshelf_fuzzing::run("read_epub", …)`, shared with the replay test.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ficshelf_fuzzing::run("read_epub", data));
