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
    /// Kept well below `max_file_bytes` because a page costs many times its size in memory
    /// (its text is copied by each stage and html5ever's tree costs more): reading any file
    /// must stay under 200 MB, and a page at this limit and `html_max_nodes` (15 MB, 280,000
    /// nodes) peaks at about 160 MB.
    pub max_html_bytes: u64,
    /// Most nodes (elements, text, comments) the tree of one HTML page may have. Counted while
    /// the tree is built, because its size does not follow from the page's: html5ever re-opens
    /// unclosed formatting elements in every paragraph, so 200 KB of markup can grow millions
    /// of nodes (300 MB). A node costs about 250 bytes in the reader's tree and as much again
    /// when the normalizer sanitizes the chapter it ends up in.
    pub html_max_nodes: usize,
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
            html_max_nodes: 300_000,
            max_chapters: 10_000,
        }
    }
}
