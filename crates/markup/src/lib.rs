//! HTML fragment utilities shared by the pipeline's stages.
//!
//! - `ingest` uses the nesting guard before parsing any page, and text extraction for labels;
//! - `normalize` sanitizes every fragment that goes into a `Work` and counts its words;
//! - `export` and `web` escape text and rely on `Work` HTML being sanitized here.
//!
//! Nothing here reads files.

mod classes;
mod controls;
mod cp1252;
mod depth;
mod href;
#[doc(hidden)]
pub mod paths;
mod sanitize;
mod simple;
mod text;
mod words;

pub use classes::{RESERVED_CLASSES, is_reserved_class};
pub use controls::{needs_control_pass, normalize_controls};
pub use cp1252::cp1252_byte;
pub use depth::{DepthReport, flatten_deep, nesting_depth};
pub use href::{clean_href, clean_web_href, first_link};
pub use sanitize::{ALLOWED_ELEMENTS, SANITIZE_MAX_DEPTH, sanitize, sanitize_and_count};
pub use text::{BLOCK_ELEMENTS, element_text, escape_attr, escape_text, has_text, text_content};
pub use words::{count_words, count_words_in_text};
