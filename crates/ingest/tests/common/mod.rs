//! Helpers shared by the fixture-driven tests: read a fixture to its `RawWork` and look at it.

#![allow(dead_code)]

use std::path::PathBuf;

use ficshelf_ingest::{Options, read_raw};
use ficshelf_model::{FieldKey, RawWork};

pub fn fixture_path(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(rel)
}

pub fn bytes(rel: &str) -> Vec<u8> {
    let path = fixture_path(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The `RawWork` of a fixture under `fixtures/`, or a panic naming the file and the error.
pub fn raw(rel: &str) -> RawWork {
    read_raw(rel, &bytes(rel), &Options::default()).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The value of the first field with this key.
pub fn value<'a>(raw: &'a RawWork, key: &FieldKey) -> Option<&'a str> {
    raw.field(key).map(|f| f.value.as_str())
}

/// Every (key, value) in file order.
pub fn values(raw: &RawWork) -> Vec<(FieldKey, String)> {
    raw.fields
        .iter()
        .map(|f| (f.key.clone(), f.value.clone()))
        .collect()
}

pub fn extra(name: &str) -> FieldKey {
    FieldKey::Extra(name.to_string())
}

pub fn titles(raw: &RawWork) -> Vec<Option<&str>> {
    raw.chapters.iter().map(|c| c.title.as_deref()).collect()
}

/// All chapter HTML, joined.
pub fn all_html(raw: &RawWork) -> String {
    raw.chapters
        .iter()
        .map(|c| c.html.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}
