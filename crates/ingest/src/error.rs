//! Why a file could not be read: the second error tier (see DEVELOPERS.md "Errors").
//!
//! Every variant's `Display` is the reason alone, without the path, because the CLI prints
//! `error: <path>: <reason>` and a batch import shows it as one row of its report. Things that
//! did not stop the file from being read are `Diagnostic`s on the `RawWork` instead.

use std::io;

use thiserror::Error;

/// A file that ingest refuses, and why.
#[derive(Debug, Error)]
pub enum IngestError {
    // --- The file itself -------------------------------------------------------------------
    /// The operating system refused (missing file, permissions, I/O failure).
    #[error("cannot read: {0}")]
    Io(io::Error),
    /// A directory, FIFO or device where a file was expected.
    #[error("not a regular file")]
    NotAFile,
    /// Over `Limits::max_file_bytes`; refused before being read.
    #[error("file is {}, over the {} limit (max_file_bytes)", over_size(*bytes, *limit), size(*limit))]
    TooLarge { bytes: u64, limit: u64 },

    // --- Not text ------------------------------------------------------------------------
    #[error("file is empty")]
    Empty,
    #[error("file is empty (whitespace only)")]
    WhitespaceOnly,
    /// NUL bytes that are not the zero halves of UTF-16 text.
    #[error("binary file (NUL bytes at offset {offset}), not text")]
    NulBytes { offset: usize },
    /// Too many C0 control bytes for any text encoding.
    #[error("binary file ({percent}% control bytes), not text")]
    ControlBytes { percent: u32 },
    /// A file whose magic bytes name a known binary format (`PNG image`, `PDF document`).
    #[error("{kind}, not text")]
    KnownBinary { kind: &'static str },
    /// A format ficshelf recognizes but does not read (`RTF document`).
    #[error("{kind} is not a format ficshelf reads")]
    Unsupported { kind: &'static str },

    // --- Archives --------------------------------------------------------------------------
    /// A zip archive without an EPUB `mimetype` entry.
    #[error("zip archive that is not an EPUB (no mimetype application/epub+zip)")]
    ZipNotEpub,
    /// A `.epub` file that is not a zip archive at all.
    #[error("not a zip archive (an .epub file must be one)")]
    EpubNotZip,
    /// A zip whose structure is broken: cut short, a central directory that does not parse, an
    /// entry whose data ends early or fails its checksum.
    #[error("damaged zip archive ({reason})")]
    ZipDamaged { reason: String },
    /// More entries than `Limits::epub_max_entries`; refused before any is listed.
    #[error("{found} entries in the archive, over the {limit} limit (epub_max_entries)")]
    EpubTooManyEntries { found: u64, limit: usize },
    /// An entry name that would escape a folder if the archive were ever unpacked
    /// (`..`, an absolute path, a drive letter, a NUL byte).
    #[error("unsafe entry name {name:?} in the archive ({why})")]
    EpubUnsafeName { name: String, why: &'static str },
    /// Reading this entry would take the inflated total past `Limits::epub_max_total_bytes`.
    #[error(
        "entry {name:?} inflates to {}, over what is left of the {} limit (epub_max_total_bytes)",
        size(*bytes),
        size(*limit)
    )]
    EpubTooMuchData {
        name: String,
        bytes: u64,
        limit: u64,
    },
    /// An entry compressed more than `Limits::epub_max_ratio` to one: a zip bomb.
    #[error("entry {name:?} is compressed {ratio}:1, over the {limit}:1 limit (epub_max_ratio)")]
    EpubRatio {
        name: String,
        ratio: u64,
        limit: u64,
    },
    /// An entry that inflates to more than its header declares: a zip bomb with a lying header.
    /// Reading stopped at the declared size.
    #[error("entry {name:?} inflates past its declared size of {} (a zip bomb?)", size(*declared))]
    EpubLyingSize { name: String, declared: u64 },
    /// An entry the reader cannot inflate (encrypted, unsupported compression method).
    #[error("entry {name:?} cannot be read: {reason}")]
    EpubEntryUnreadable { name: String, reason: String },
    /// A file the book's structure names is not in the archive.
    #[error("{what} {name:?}, which is not in the archive")]
    EpubMissing { what: &'static str, name: String },
    /// No `META-INF/container.xml`, and not exactly one `.opf` file to read instead.
    #[error("no package document (no META-INF/container.xml, and not exactly one .opf file)")]
    EpubNoPackage,
    /// A package, container or NCX document that XML cannot read.
    #[error("{name} is not well-formed XML ({reason})")]
    EpubBadXml { name: String, reason: String },
    /// An XML document that declares entities (billion laughs, external entities): refused
    /// rather than expanded.
    #[error("{name} declares XML entities in a DTD; refused (entity expansion is not allowed)")]
    EpubXmlEntities { name: String },
    /// A package, container or NCX document nested deeper than `Limits::html_max_depth`.
    #[error("{name} nests elements more than {limit} deep, over the limit (html_max_depth)")]
    EpubXmlTooDeep { name: String, limit: usize },
    /// Every item of the spine is missing from the archive.
    #[error("none of the {count} spine items is in the archive")]
    EpubSpineMissing { count: usize },
    /// Chapters encrypted by DRM (`META-INF/encryption.xml` names them).
    #[error("the book is DRM-protected (META-INF/encryption.xml encrypts its chapters)")]
    EpubDrm,

    // --- Readers ---------------------------------------------------------------------------
    /// A format whose reader has not been written yet. Temporary: goes away when the HTML and
    /// EPUB readers land.
    #[error("{reader} reading is not implemented yet")]
    NotImplemented { reader: &'static str },
    /// More chapters than `Limits::max_chapters`.
    #[error("{found} chapters, over the {limit} limit (max_chapters)")]
    TooManyChapters { found: usize, limit: usize },
    /// A plain-text line longer than `Limits::txt_max_line_bytes` (1-based line number).
    #[error("line {line} is {}, over the {} limit (txt_max_line_bytes)", over_size(*bytes, *limit), size(*limit))]
    LineTooLong { line: usize, bytes: u64, limit: u64 },
    /// A tag longer than `Limits::max_tag_chars` characters; `kind` is `fandom`,
    /// `relationship`, `character` or `tag`.
    #[error("a {kind} of {chars} characters, over the {limit} limit (max_tag_chars)")]
    TagTooLong {
        kind: &'static str,
        chars: usize,
        limit: usize,
    },
    /// More tags (of every kind together) than `Limits::max_tags`.
    #[error("{found} tags, over the {limit} limit (max_tags)")]
    TooManyTags { found: usize, limit: usize },
    /// An HTML page over `Limits::max_html_bytes`: refused before it is parsed, because its
    /// tree would cost many times its size in memory.
    #[error("HTML page is {}, over the {} limit (max_html_bytes)", over_size(*bytes, *limit), size(*limit))]
    HtmlTooLarge { bytes: u64, limit: u64 },
    /// An HTML page whose tree grows past `Limits::html_max_nodes` nodes; parsing stopped
    /// there.
    #[error("HTML page builds a tree of more than {limit} nodes, over the limit (html_max_nodes)")]
    HtmlTooManyNodes { limit: usize },
}

impl From<io::Error> for IngestError {
    fn from(e: io::Error) -> Self {
        IngestError::Io(e)
    }
}

const KIB: u64 = 1024;
const MIB: u64 = 1024 * KIB;
const GIB: u64 = 1024 * MIB;

/// A byte count the way people read it: `64 MiB`, `70.1 MiB`, `512 bytes`.
fn size(bytes: u64) -> String {
    scaled(bytes, false)
}

fn scaled(bytes: u64, always_decimal: bool) -> String {
    for (unit, name) in [(GIB, "GiB"), (MIB, "MiB"), (KIB, "KiB")] {
        if bytes >= unit {
            return if bytes.is_multiple_of(unit) && !always_decimal {
                format!("{} {name}", bytes / unit)
            } else {
                format!("{:.1} {name}", bytes as f64 / unit as f64)
            };
        }
    }
    format!("{bytes} bytes")
}

/// The size of a file over a limit, exact when rounding would make it look equal to the limit
/// (`64.0 MiB, over the 64 MiB limit` would read as nonsense).
fn over_size(bytes: u64, limit: u64) -> String {
    let shown = size(bytes);
    if shown == size(limit) || shown == scaled(limit, true) {
        format!("{bytes} bytes")
    } else {
        shown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_reasons_without_paths() {
        let e = IngestError::TooLarge {
            bytes: 73_505_587,
            limit: 64 * MIB,
        };
        assert_eq!(
            e.to_string(),
            "file is 70.1 MiB, over the 64 MiB limit (max_file_bytes)"
        );
        assert_eq!(IngestError::Empty.to_string(), "file is empty");
        assert_eq!(
            IngestError::NulBytes { offset: 12 }.to_string(),
            "binary file (NUL bytes at offset 12), not text"
        );
        assert_eq!(
            IngestError::NotImplemented { reader: "HTML" }.to_string(),
            "HTML reading is not implemented yet"
        );
        let io = io::Error::new(io::ErrorKind::NotFound, "No such file or directory");
        assert_eq!(
            IngestError::from(io).to_string(),
            "cannot read: No such file or directory"
        );
    }

    #[test]
    fn html_pages_over_their_limit() {
        let e = IngestError::HtmlTooLarge {
            bytes: 50 * MIB,
            limit: 16 * MIB,
        };
        assert_eq!(
            e.to_string(),
            "HTML page is 50 MiB, over the 16 MiB limit (max_html_bytes)"
        );
    }

    #[test]
    fn sizes_just_over_a_limit_are_exact() {
        let e = IngestError::TooLarge {
            bytes: 64 * MIB + 1,
            limit: 64 * MIB,
        };
        assert_eq!(
            e.to_string(),
            "file is 67108865 bytes, over the 64 MiB limit (max_file_bytes)"
        );
        let e = IngestError::TooLarge {
            bytes: 2000,
            limit: 1000,
        };
        assert_eq!(
            e.to_string(),
            "file is 2.0 KiB, over the 1000 bytes limit (max_file_bytes)"
        );
    }
}
