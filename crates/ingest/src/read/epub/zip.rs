//! Safe access to an EPUB's zip archive: the first step of the EPUB reader, and the only code
//! that inflates anything.
//!
//! Every `Limits::epub_*` limit is enforced *before* inflating:
//! - the entry count, read from the end-of-central-directory records before the zip crate lists
//!   the entries (a 64 MiB file could otherwise make it list a million of them);
//! - every entry name of the archive (no `..`, absolute path, drive letter or NUL byte), so a
//!   hostile archive is refused as a whole even though nothing here is ever unpacked;
//! - for each entry read, its declared size against what is left of the total budget, and its
//!   declared compression ratio.
//!
//! While inflating, at most the declared size + 1 bytes are read (`Read::take`): an entry whose
//! header lies stops one byte past what it declared and is refused, instead of inflating whole.
//! Only the entries the reader asks for are inflated (container, package, table of contents,
//! spine pages), into memory. Nothing is ever written to disk.

use std::collections::HashMap;
use std::io::{self, Cursor, Read};

use ficshelf_model::Limits;
use zip::result::ZipError;

use crate::IngestError;

/// An opened archive and what is left of its inflation budget.
pub struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// Lower-cased entry names → exact names, for hrefs written in another case.
    folded: HashMap<String, String>,
    /// Bytes that may still be inflated (starts at `epub_max_total_bytes`).
    left: u64,
    total_limit: u64,
    max_ratio: u64,
    /// Whether two entries share a name (the zip crate keeps one of them).
    pub duplicate_names: bool,
    /// Deepest element nesting accepted in the structural XML (`html_max_depth`).
    pub max_xml_depth: usize,
}

impl<'a> Archive<'a> {
    /// Open `bytes` as a zip archive, checking the entry count and every entry name.
    pub fn open(bytes: &'a [u8], limits: &Limits) -> Result<Self, IngestError> {
        let Some(declared) = declared_entries(bytes) else {
            return Err(IngestError::ZipDamaged {
                reason: "no end-of-central-directory record: the file is cut short".into(),
            });
        };
        let too_many = |found: u64| IngestError::EpubTooManyEntries {
            found,
            limit: limits.epub_max_entries,
        };
        if declared > limits.epub_max_entries as u64 {
            return Err(too_many(declared));
        }
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
        if zip.len() > limits.epub_max_entries {
            return Err(too_many(zip.len() as u64));
        }
        for raw in zip.file_names_raw() {
            if let Some(why) = unsafe_name(raw) {
                return Err(IngestError::EpubUnsafeName {
                    name: String::from_utf8_lossy(raw).into_owned(),
                    why,
                });
            }
        }
        let folded = zip
            .file_names()
            .filter_map(Result::ok)
            .map(|n| (n.to_lowercase(), n.into_owned()))
            .collect();
        Ok(Archive {
            duplicate_names: zip.has_duplicate_names(),
            zip,
            folded,
            left: limits.epub_max_total_bytes,
            total_limit: limits.epub_max_total_bytes,
            max_ratio: limits.epub_max_ratio,
            max_xml_depth: limits.html_max_depth,
        })
    }

    /// The exact name of the entry `name` refers to: itself, or the one entry that differs only
    /// in case.
    pub fn find(&self, name: &str) -> Option<String> {
        if self.zip.index_for_name(name).is_some() {
            return Some(name.to_string());
        }
        self.folded.get(&name.to_lowercase()).cloned()
    }

    /// Every entry name, in archive order.
    pub fn names(&self) -> Vec<String> {
        self.zip
            .file_names()
            .filter_map(Result::ok)
            .map(|n| n.into_owned())
            .collect()
    }

    /// Inflate the entry `name` (as [`Archive::find`] resolves it) into memory, within limits.
    pub fn read(&mut self, name: &str) -> Result<Vec<u8>, IngestError> {
        let Some(index) = self.find(name).and_then(|n| self.zip.index_for_name(&n)) else {
            return Err(IngestError::EpubMissing {
                what: "the book needs",
                name: name.to_string(),
            });
        };
        let (size, compressed, encrypted) = {
            let entry = self.zip.by_index_data(index).map_err(|e| damaged(&e))?;
            (entry.size(), entry.compressed_size(), entry.encrypted())
        };
        if encrypted {
            return Err(IngestError::EpubEntryUnreadable {
                name: name.to_string(),
                reason: "it is encrypted".into(),
            });
        }
        if size > self.left {
            return Err(IngestError::EpubTooMuchData {
                name: name.to_string(),
                bytes: size,
                limit: self.total_limit,
            });
        }
        if size > compressed.saturating_mul(self.max_ratio) {
            return Err(IngestError::EpubRatio {
                name: name.to_string(),
                ratio: size.checked_div(compressed).unwrap_or(u64::MAX),
                limit: self.max_ratio,
            });
        }
        let file = self.zip.by_index(index).map_err(|e| match e {
            ZipError::UnsupportedArchive(_) | ZipError::CompressionMethodNotSupported(_) => {
                IngestError::EpubEntryUnreadable {
                    name: name.to_string(),
                    reason: e.to_string(),
                }
            }
            other => damaged(&other),
        })?;
        // Start small: the declared size may be a lie, and the budget is large.
        let mut out = Vec::with_capacity(usize::try_from(size.min(1 << 20)).unwrap_or(0));
        file.take(size.saturating_add(1))
            .read_to_end(&mut out)
            .map_err(|e| {
                // The zip crate also stops at the declared size, with this error.
                if e.to_string().contains("larger than its declared") {
                    IngestError::EpubLyingSize {
                        name: name.to_string(),
                        declared: size,
                    }
                } else {
                    IngestError::ZipDamaged {
                        reason: format!("entry {name:?}: {}", io_reason(&e)),
                    }
                }
            })?;
        let got = out.len() as u64;
        if got > size {
            return Err(IngestError::EpubLyingSize {
                name: name.to_string(),
                declared: size,
            });
        }
        self.left -= got;
        Ok(out)
    }
}

/// Why an entry name is unsafe, if it is.
fn unsafe_name(raw: &[u8]) -> Option<&'static str> {
    if raw.contains(&0) {
        return Some("a NUL byte");
    }
    if raw.first().is_some_and(|b| matches!(b, b'/' | b'\\')) {
        return Some("an absolute path");
    }
    if raw.len() >= 2 && raw[0].is_ascii_alphabetic() && raw[1] == b':' {
        return Some("a drive letter");
    }
    if raw.split(|b| matches!(b, b'/' | b'\\')).any(|c| c == b"..") {
        return Some("a \"..\" component");
    }
    None
}

/// The number of entries the archive's end records declare: the largest over every
/// end-of-central-directory signature in the last 64 KiB (a stray signature in a comment must
/// not hide a real, larger count), with the Zip64 count where the record defers to it. `None`
/// when there is no end record at all.
fn declared_entries(bytes: &[u8]) -> Option<u64> {
    const EOCD: &[u8] = b"PK\x05\x06";
    let tail_start = bytes.len().saturating_sub(22 + 65_535);
    let mut best: Option<u64> = None;
    for pos in memchr::memmem::find_iter(&bytes[tail_start..], EOCD) {
        let at = tail_start + pos;
        let Some(record) = bytes.get(at..at + 22) else {
            continue;
        };
        let mut count = u64::from(u16::from_le_bytes([record[10], record[11]]));
        if count == 0xFFFF || record[16..20] == [0xFF; 4] {
            count = count.max(zip64_entries(bytes, at).unwrap_or(0));
        }
        best = Some(best.map_or(count, |b| b.max(count)));
    }
    best
}

/// The Zip64 entry count, from the locator just before the end record at `eocd`.
fn zip64_entries(bytes: &[u8], eocd: usize) -> Option<u64> {
    let locator = bytes.get(eocd.checked_sub(20)?..eocd)?;
    if &locator[..4] != b"PK\x06\x07" {
        return None;
    }
    let offset = usize::try_from(u64::from_le_bytes(locator[8..16].try_into().ok()?)).ok()?;
    let record = bytes.get(offset..offset.checked_add(56)?)?;
    if &record[..4] != b"PK\x06\x06" {
        return None;
    }
    Some(u64::from_le_bytes(record[32..40].try_into().ok()?))
}

fn damaged(e: &ZipError) -> IngestError {
    IngestError::ZipDamaged {
        reason: match e {
            ZipError::Io(io) => io_reason(io),
            other => other.to_string(),
        },
    }
}

fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::UnexpectedEof => "the data is cut short".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    fn build(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in entries {
            w.start_file(*name, SimpleFileOptions::default()).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn names_are_checked() {
        assert_eq!(unsafe_name(b"OEBPS/ch1.xhtml"), None);
        assert_eq!(unsafe_name(b"a..b/c"), None);
        assert_eq!(unsafe_name(b"../etc/passwd"), Some("a \"..\" component"));
        assert_eq!(unsafe_name(b"OEBPS\\..\\x"), Some("a \"..\" component"));
        assert_eq!(unsafe_name(b"/etc/passwd"), Some("an absolute path"));
        assert_eq!(unsafe_name(b"\\windows"), Some("an absolute path"));
        assert_eq!(unsafe_name(b"C:/x"), Some("a drive letter"));
        assert_eq!(unsafe_name(b"a\0b"), Some("a NUL byte"));
    }

    #[test]
    fn reads_entries_by_name_and_case() {
        let bytes = build(&[
            ("mimetype", b"application/epub+zip"),
            ("OEBPS/A.xhtml", b"hi"),
        ]);
        let mut a = Archive::open(&bytes, &Limits::default()).unwrap();
        assert_eq!(a.read("OEBPS/A.xhtml").unwrap(), b"hi");
        assert_eq!(a.read("oebps/a.XHTML").unwrap(), b"hi");
        assert_eq!(a.find("nothing"), None);
        assert!(matches!(
            a.read("nothing"),
            Err(IngestError::EpubMissing { .. })
        ));
    }

    #[test]
    fn the_total_budget_is_spent_across_entries() {
        let bytes = build(&[("a", &[b'x'; 60]), ("b", &[b'y'; 60])]);
        let limits = Limits {
            epub_max_total_bytes: 100,
            ..Limits::default()
        };
        let mut a = Archive::open(&bytes, &limits).unwrap();
        assert_eq!(a.read("a").unwrap().len(), 60);
        let err = a.read("b").unwrap_err();
        assert_eq!(
            err.to_string(),
            "entry \"b\" inflates to 60 bytes, over what is left of the 100 bytes limit (epub_max_total_bytes)"
        );
    }

    #[test]
    fn the_entry_count_comes_from_the_end_record() {
        let bytes = build(&[("a", b"1"), ("b", b"2"), ("c", b"3")]);
        assert_eq!(declared_entries(&bytes), Some(3));
        assert_eq!(declared_entries(&bytes[..bytes.len() - 5]), None);
        let limits = Limits {
            epub_max_entries: 2,
            ..Limits::default()
        };
        let err = Archive::open(&bytes, &limits).err().unwrap();
        assert_eq!(
            err.to_string(),
            "3 entries in the archive, over the 2 limit (epub_max_entries)"
        );
    }
}
