//! The export stage: a `Work` → EPUB 3, standalone HTML, plain text, Markdown or JSON, written
//! atomically.
//!
//! ```text
//! … normalize ─► Work ─┬─ store / index
//!                      └─ export: render(work, format) → bytes; write_file(work, format, path)
//! ```
//!
//! Each writer follows `docs/ficshelf-formats.md`, the contract with the readers in `ingest`:
//! ficshelf reads its own output back to the same `Work`. Writers trust `Work` HTML to be
//! sanitized (the normalizer does it) but not to be XHTML: `fragment` turns it into markup that
//! epubcheck and HTML5 both accept. Output is deterministic: the same `Work` gives the same bytes.

mod blocks;
mod epub;
mod fragment;
mod html;
mod json;
mod md;
mod meta;
mod txt;
mod xml;
mod yaml;

#[cfg(test)]
mod testutil;

use std::fmt;
use std::io::Write;
use std::path::Path;
use std::str::FromStr;

use ficshelf_model::{SCHEMA_VERSION, Work};

/// The formats ficshelf writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    Epub,
    Html,
    Txt,
    Md,
    Json,
}

impl ExportFormat {
    pub const ALL: &'static [ExportFormat] = &[
        ExportFormat::Epub,
        ExportFormat::Html,
        ExportFormat::Txt,
        ExportFormat::Md,
        ExportFormat::Json,
    ];

    /// The format a file name's extension asks for (`story.epub`, `Story.HTM`, `notes.markdown`).
    pub fn from_path(path: &Path) -> Option<ExportFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "epub" => ExportFormat::Epub,
            "html" | "htm" | "xhtml" => ExportFormat::Html,
            "txt" | "text" => ExportFormat::Txt,
            "md" | "markdown" => ExportFormat::Md,
            "json" => ExportFormat::Json,
            _ => return None,
        })
    }

    /// The usual extension of files in this format, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Epub => "epub",
            ExportFormat::Html => "html",
            ExportFormat::Txt => "txt",
            ExportFormat::Md => "md",
            ExportFormat::Json => "json",
        }
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

impl FromStr for ExportFormat {
    type Err = ExportError;
    fn from_str(s: &str) -> Result<ExportFormat, ExportError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "epub" => Ok(ExportFormat::Epub),
            "html" => Ok(ExportFormat::Html),
            "txt" => Ok(ExportFormat::Txt),
            "md" | "markdown" => Ok(ExportFormat::Md),
            "json" => Ok(ExportFormat::Json),
            _ => Err(ExportError::UnknownFormat(s.to_string())),
        }
    }
}

/// Why a work could not be exported. `Display` gives the reason only; the caller names the
/// path.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("unknown export format {0:?} (expected epub, html, txt, md or json)")]
    UnknownFormat(String),
    #[error("work has schema {0}, this version of ficshelf writes schema {SCHEMA_VERSION}")]
    UnsupportedSchema(u32),
    #[error("output directory does not exist")]
    MissingDirectory,
    #[error("output path is a directory")]
    IsDirectory,
    #[error("output path has no file name")]
    NoFileName,
    #[error("cannot build the EPUB archive: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// The work in `format`, as the bytes of a file.
pub fn render(work: &Work, format: ExportFormat) -> Result<Vec<u8>, ExportError> {
    if work.schema != SCHEMA_VERSION {
        return Err(ExportError::UnsupportedSchema(work.schema));
    }
    Ok(match format {
        ExportFormat::Epub => epub::render(work)?,
        ExportFormat::Html => html::render(work).into_bytes(),
        ExportFormat::Txt => txt::render(work).into_bytes(),
        ExportFormat::Md => md::render(work).into_bytes(),
        ExportFormat::Json => json::render(work).into_bytes(),
    })
}

/// Render the work and write it to `path` atomically: into a temporary file in the same
/// directory, then renamed over the target. On any error the target is untouched and the
/// temporary file is gone. The directory must exist.
pub fn write_file(work: &Work, format: ExportFormat, path: &Path) -> Result<(), ExportError> {
    if path.file_name().is_none() {
        return Err(ExportError::NoFileName);
    }
    if path.is_dir() {
        return Err(ExportError::IsDirectory);
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(ExportError::MissingDirectory);
    }
    // Render before touching the disk: a work that cannot be rendered leaves nothing behind.
    let bytes = render(work, format)?;
    write_atomic(dir, path, &bytes)
}

/// Write `bytes` to a temporary file in `dir` and rename it to `path`.
fn write_atomic(dir: &Path, path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".ficshelf-").suffix(".part");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // tempfile creates 0600 files; an exported book is an ordinary readable file.
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    // Dropping `tmp` on any early return below removes the temporary file.
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| ExportError::Io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests;
