//! Fuzz target `read_html`: the body is `ficshelf_fuzzing::run("read_html", …)`, shared with the replay test.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ficshelf_fuzzing::run("read_html", data));
