//! Fuzz target `read_txt`: the body is `ficshelf_fuzzing::run("read_txt", …)`, shared with the replay test.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ficshelf_fuzzing::run("read_txt", data));
