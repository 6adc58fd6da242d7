//! The EPUB container: a zip whose first entry is `mimetype`, stored uncompressed with no
//! extra field (readers identify an EPUB by those bytes at offset 30), then the documents,
//! deflated. Every entry gets the same fixed time and mode so the archive is reproducible.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// Zip `files` (path, content) after the `mimetype` entry.
pub(crate) fn package(files: &[(String, String)]) -> Result<Vec<u8>, zip::result::ZipError> {
    let size: usize = files.iter().map(|(_, c)| c.len()).sum();
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(size / 3 + 4096)));
    let fixed = SimpleFileOptions::default()
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    zip.start_file(
        "mimetype",
        fixed.compression_method(CompressionMethod::Stored),
    )?;
    zip.write_all(b"application/epub+zip")?;
    let deflated = fixed.compression_method(CompressionMethod::Deflated);
    for (path, content) in files {
        zip.start_file(path.as_str(), deflated)?;
        zip.write_all(content.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}
