//! The data model every ficshelf stage shares, and nothing else: no I/O, no parsing of files.
//!
//! The pipeline hands one type to the next (see `DESIGN.md`):
//!
//! ```text
//! bytes ─ ingest (detect, decode, read) ─► RawWork ─ normalize ─► Work ─► store / index / export
//! ```
//!
//! - [`RawWork`] is what a reader found in a file: labelled fields exactly as written, with where
//!   each came from, and chapters as (unsanitized) HTML fragments.
//! - [`Work`] is the clean, structured work: schema 1, a public contract (its JSON names are
//!   relied on by scripts and by every later stage).
//!
//! The closed vocabularies of AO3 (ratings, archive warnings, categories) and the table that
//! tells which header labels mean which field live here too, because readers (to find a header
//! block) and the normalizer (to map it) both need them.

pub mod config;
mod date;
mod diag;
mod label;
mod limits;
mod raw;
mod vocab;
mod work;

pub use config::ConfigError;
pub use date::{Date, DateError};
pub use diag::{Diagnostic, Level};
pub use label::{FieldKey, canonical_label};
pub use limits::{LIMITS, LimitInfo, Limits, Unit};
pub use raw::{Format, Producer, RawChapter, RawField, RawWork};
pub use vocab::{Ao3Rating, ArchiveWarning, Category, Status, UnknownTerm};
pub use work::{Author, Chapter, Rating, SCHEMA_VERSION, SeriesRef, Source, Warnings, Work};
