//! `RawWork` → `Work`: the stage that interprets what readers located.
//!
//! PLACEHOLDER (being written): the public API below is the contract `ingest` calls.

use ficshelf_model::{RawWork, Source, Work};

/// What the ingest stage knows about the file itself, beyond the `RawWork`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFacts {
    /// The path as the user gave it (shown in `source.path` and in errors).
    pub path: String,
    /// Lower-case hex SHA-256 of the file's bytes.
    pub sha256: String,
    pub bytes: u64,
}

/// Choices that change how values are mapped.
#[derive(Debug, Clone, Default)]
pub struct Options {}

/// Interpret a `RawWork`.
pub fn normalize(raw: RawWork, facts: &SourceFacts, _opts: &Options) -> Work {
    let title = raw
        .field(&ficshelf_model::FieldKey::Title)
        .map(|f| f.value.clone())
        .unwrap_or_else(|| facts.path.clone());
    let source = Source {
        path: facts.path.clone(),
        format: raw.format,
        producer: raw.producer,
        url: None,
        site: None,
        encoding: raw.encoding.clone(),
        sha256: facts.sha256.clone(),
        bytes: facts.bytes,
    };
    Work::new(title, source)
}
