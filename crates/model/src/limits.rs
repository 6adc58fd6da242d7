//! Every limit ficshelf enforces, in one place.
//!
//! Readers, the tag map loader and the web server take a `&Limits` rather than constants of
//! their own, so that an archivist with an unusual collection can raise a limit (in the
//! library's `ficshelf.toml` or by `--limit KEY=VALUE`, see [`crate::config`]) and so that tests
//! can lower one. Each limit, when hit, gives its own error naming the limit's key (the name a
//! user writes to raise it) and the value found.
//!
//! [`LIMITS`] describes every key (its unit, what it bounds and why); `README.md` and
//! `docs/reliability.md` list the same table with the defaults.

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
    /// Longest line of a plain-text (or Markdown) file, in bytes after decoding. A line is a
    /// paragraph to the reader; a many-megabyte one is a data dump, not prose, and would become
    /// one enormous paragraph in every later stage.
    pub txt_max_line_bytes: u64,
    /// Longest tag (a fandom, relationship, character or additional tag), in characters. A
    /// longer one is a sentence or a whole header block misread as a tag.
    pub max_tag_chars: usize,
    /// Most tags a work may carry (fandoms, relationships, characters and additional tags
    /// together).
    pub max_tags: usize,
    /// Largest tag map (`--tag-map FILE.csv`) loaded, in bytes.
    pub max_tag_map_bytes: u64,
    /// Largest request body `ficshelf serve` accepts (uploads), in bytes.
    pub web_max_body_bytes: u64,
    /// Longest a `ficshelf serve` request (other than an upload) may take, in seconds.
    pub web_request_secs: u64,
    /// Longest a `ficshelf serve` upload (POST) may take, in seconds.
    pub web_upload_secs: u64,
    /// Most parameters (`a=1&b=2`) in one `ficshelf serve` query string.
    pub web_max_query_pairs: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 64 * MIB,
            // Room for a work of `max_chapters` chapters, one page each, and the book's other
            // files: ficshelf must read back every EPUB it writes (found by epub_roundtrip: a
            // work of 8,748 chapters made an EPUB over the old 2,000).
            epub_max_entries: 12_000,
            epub_max_total_bytes: 256 * MIB,
            epub_max_ratio: 100,
            html_max_depth: 512,
            max_html_bytes: 16 * MIB,
            html_max_nodes: 300_000,
            max_chapters: 10_000,
            txt_max_line_bytes: 16 * MIB,
            max_tag_chars: 1_000,
            max_tags: 2_000,
            max_tag_map_bytes: 64 * MIB,
            // Four files at the default per-file limit, and room for the multipart framing.
            web_max_body_bytes: 4 * 64 * MIB + MIB,
            web_request_secs: 30,
            web_upload_secs: 600,
            web_max_query_pairs: 256,
        }
    }
}

/// What a limit counts, which decides how its value may be written (`64MiB` for bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Bytes,
    Count,
    Seconds,
    /// Inflated size to compressed size, to one.
    Ratio,
}

/// One limit as the user sees it: its key and what it bounds.
#[derive(Debug, Clone, Copy)]
pub struct LimitInfo {
    pub key: &'static str,
    pub unit: Unit,
    /// One line for `--help`, the README and the docs.
    pub about: &'static str,
}

const fn info(key: &'static str, unit: Unit, about: &'static str) -> LimitInfo {
    LimitInfo { key, unit, about }
}

/// Every limit, in the order the documentation lists them.
pub const LIMITS: &[LimitInfo] = &[
    info("max_file_bytes", Unit::Bytes, "largest input file read"),
    info("epub_max_entries", Unit::Count, "most entries in an EPUB"),
    info(
        "epub_max_total_bytes",
        Unit::Bytes,
        "most bytes an EPUB's entries may inflate to, together",
    ),
    info(
        "epub_max_ratio",
        Unit::Ratio,
        "highest compression ratio of one EPUB entry (zip bombs)",
    ),
    info(
        "html_max_depth",
        Unit::Count,
        "deepest HTML nesting kept (deeper is flattened before parsing)",
    ),
    info("max_html_bytes", Unit::Bytes, "largest HTML page parsed"),
    info(
        "html_max_nodes",
        Unit::Count,
        "most nodes in one HTML page's tree",
    ),
    info("max_chapters", Unit::Count, "most chapters in a work"),
    info(
        "txt_max_line_bytes",
        Unit::Bytes,
        "longest line of a plain-text file",
    ),
    info("max_tag_chars", Unit::Count, "longest tag, in characters"),
    info("max_tags", Unit::Count, "most tags on one work"),
    info("max_tag_map_bytes", Unit::Bytes, "largest --tag-map file"),
    info(
        "web_max_body_bytes",
        Unit::Bytes,
        "largest upload request to ficshelf serve",
    ),
    info(
        "web_request_secs",
        Unit::Seconds,
        "longest a ficshelf serve request may take",
    ),
    info(
        "web_upload_secs",
        Unit::Seconds,
        "longest a ficshelf serve upload may take",
    ),
    info(
        "web_max_query_pairs",
        Unit::Count,
        "most parameters in a ficshelf serve query string",
    ),
];

impl Limits {
    /// The value of the limit `key`, or `None` for a key that is not a limit.
    pub fn get(&self, key: &str) -> Option<u64> {
        let v = match key {
            "max_file_bytes" => self.max_file_bytes,
            "epub_max_entries" => self.epub_max_entries as u64,
            "epub_max_total_bytes" => self.epub_max_total_bytes,
            "epub_max_ratio" => self.epub_max_ratio,
            "html_max_depth" => self.html_max_depth as u64,
            "max_html_bytes" => self.max_html_bytes,
            "html_max_nodes" => self.html_max_nodes as u64,
            "max_chapters" => self.max_chapters as u64,
            "txt_max_line_bytes" => self.txt_max_line_bytes,
            "max_tag_chars" => self.max_tag_chars as u64,
            "max_tags" => self.max_tags as u64,
            "max_tag_map_bytes" => self.max_tag_map_bytes,
            "web_max_body_bytes" => self.web_max_body_bytes,
            "web_request_secs" => self.web_request_secs,
            "web_upload_secs" => self.web_upload_secs,
            "web_max_query_pairs" => self.web_max_query_pairs as u64,
            _ => return None,
        };
        Some(v)
    }

    /// Set the limit `key` to `value`. Returns `false` (and changes nothing) for a key that is
    /// not a limit. Zero is accepted: it refuses everything the limit guards, which is what a
    /// test (or a cautious server) may want.
    pub fn set(&mut self, key: &str, value: u64) -> bool {
        let count = usize::try_from(value).unwrap_or(usize::MAX);
        match key {
            "max_file_bytes" => self.max_file_bytes = value,
            "epub_max_entries" => self.epub_max_entries = count,
            "epub_max_total_bytes" => self.epub_max_total_bytes = value,
            "epub_max_ratio" => self.epub_max_ratio = value,
            "html_max_depth" => self.html_max_depth = count,
            "max_html_bytes" => self.max_html_bytes = value,
            "html_max_nodes" => self.html_max_nodes = count,
            "max_chapters" => self.max_chapters = count,
            "txt_max_line_bytes" => self.txt_max_line_bytes = value,
            "max_tag_chars" => self.max_tag_chars = count,
            "max_tags" => self.max_tags = count,
            "max_tag_map_bytes" => self.max_tag_map_bytes = value,
            "web_max_body_bytes" => self.web_max_body_bytes = value,
            "web_request_secs" => self.web_request_secs = value,
            "web_upload_secs" => self.web_upload_secs = value,
            "web_max_query_pairs" => self.web_max_query_pairs = count,
            _ => return false,
        }
        true
    }

    /// What `key` bounds, or `None` for a key that is not a limit.
    pub fn info(key: &str) -> Option<&'static LimitInfo> {
        LIMITS.iter().find(|l| l.key == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_key_can_be_read_and_set_and_no_other() {
        let defaults = Limits::default();
        for l in LIMITS {
            let mut limits = Limits::default();
            let before = limits.get(l.key).expect(l.key);
            assert!(limits.set(l.key, before + 7), "{}", l.key);
            assert_eq!(limits.get(l.key), Some(before + 7), "{}", l.key);
            // Only that field moved.
            for other in LIMITS.iter().filter(|o| o.key != l.key) {
                assert_eq!(
                    limits.get(other.key),
                    defaults.get(other.key),
                    "{}",
                    other.key
                );
            }
        }
        let mut limits = Limits::default();
        assert!(!limits.set("max_bytes", 1));
        assert_eq!(limits, defaults);
        assert_eq!(limits.get("max_bytes"), None);
    }

    #[test]
    fn the_table_names_every_field_of_the_struct_once() {
        // The serde names are the field names: a field missing from LIMITS would be settable
        // in no file and no flag.
        let json = serde_json::to_value(Limits::default()).unwrap();
        let fields: Vec<&String> = json.as_object().unwrap().keys().collect();
        assert_eq!(fields.len(), LIMITS.len());
        for f in fields {
            assert!(Limits::info(f).is_some(), "{f} is not in LIMITS");
        }
    }
}
