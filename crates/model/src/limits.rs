//! Every limit ficshelf enforces on input, in one place.
//!
//! Readers take a `&Limits` rather than constants so that an archivist with an unusual
//! collection can raise a limit (in `ficshelf.toml` or by flag) and so that tests can lower one.
//! Each limit, when hit, gives its own clear error naming the limit and the value found.

use serde::{Deserialize, Serialize};

const MIB: u64 = 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Largest input file read, in bytes.
    pub max_file_bytes: u64,
    /// Most entries an EPUB (zip) may hold.
    pub epub_max_entries: usize,
    /// Most bytes all the EPUB entries we read may inflate to, together.
    pub epub_max_total_bytes: u64,
    /// Highest inflated/compressed ratio of a single EPUB entry (zip-bomb guard).
    pub epub_max_ratio: u64,
    /// Deepest HTML element nesting accepted before a tree is built.
    pub html_max_depth: usize,
    /// Largest HTML page (a whole `.html` file, or one page inside an EPUB) parsed, in bytes.
    /// Kept well below `max_file_bytes` because an HTML tree costs many times its source in
    /// memory (html5ever's nodes, attributes and text): 16 MiB of markup already needs over
    /// 100 MB, and reading any file must stay under 200 MB.
    pub max_html_bytes: u64,
    /// Most chapters a work may have.
    pub max_chapters: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 64 * MIB,
            epub_max_entries: 2_000,
            epub_max_total_bytes: 256 * MIB,
            epub_max_ratio: 100,
            html_max_depth: 512,
            max_html_bytes: 16 * MIB,
            max_chapters: 10_000,
        }
    }
}
