//! The EPUB reader (EPUB 2 and 3, FanFicFare's and AO3's title pages): not written yet. The
//! seam is here so that `lib.rs` already dispatches to it; until it lands, EPUB input gets an
//! honest error.
//!
//! When it is written it enforces `Limits::epub_*` (entries, total inflated size, ratio, entry
//! names) before inflating anything, and returns a `RawWork` with `Format::Epub`.

use ficshelf_model::{Limits, RawWork};

use crate::IngestError;

/// Read an EPUB file.
pub fn read(_bytes: &[u8], _limits: &Limits) -> Result<RawWork, IngestError> {
    Err(IngestError::NotImplemented { reader: "EPUB" })
}
