//! Fuzz target `search_query`: the body is `ficshelf_fuzzing::run("search_query", …)`, shared with the replay test.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ficshelf_fuzzing::run("search_query", data));
