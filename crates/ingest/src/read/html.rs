//! The HTML reader (saved archive pages, eFiction, FanFicFare and AO3 downloads): not written
//! yet. The seam is here so that `lib.rs` already dispatches to it; until it lands, HTML input
//! gets an honest error rather than being read as plain text.
//!
//! When it is written it decodes with `decode::decode(bytes, decode::declared_charset(bytes)
//! .as_deref())`, guards nesting with `markup::flatten_deep` before building a tree, and
//! returns a `RawWork` with `Format::Html`.

use ficshelf_model::{Limits, RawWork};

use crate::IngestError;

/// Read an HTML file.
pub fn read(_bytes: &[u8], _limits: &Limits) -> Result<RawWork, IngestError> {
    Err(IngestError::NotImplemented { reader: "HTML" })
}
