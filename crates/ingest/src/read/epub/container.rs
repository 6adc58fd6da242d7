//! `META-INF/container.xml` → the path of the OPF package document: the second step of the
//! EPUB reader, after the archive is opened.
//!
//! The container names its package in `rootfile/@full-path`; the first rootfile whose media type
//! is the OPF's (or that has none) is the book. A container that names a file the archive does
//! not hold is an error: the book's structure is broken and guessing would read the wrong thing.
//! A book with no container at all (sloppy packers) is read from its only `.opf` file, with a
//! warning.

use ficshelf_model::Diagnostic;

use super::xml;
use super::zip::Archive;
use crate::IngestError;

const CONTAINER: &str = "META-INF/container.xml";
const OPF_MEDIA_TYPE: &str = "application/oebps-package+xml";

/// The package document's path in the archive.
pub fn package_path(
    archive: &mut Archive<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<String, IngestError> {
    if archive.find(CONTAINER).is_none() {
        return lone_opf(archive, diagnostics);
    }
    let text = xml::text(&archive.read(CONTAINER)?);
    let doc = xml::parse(&text, CONTAINER, archive.max_xml_depth)?;
    let rootfiles: Vec<_> = doc
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == "rootfile")
        .collect();
    let chosen = rootfiles
        .iter()
        .find(|r| xml::attr(**r, "media-type").is_none_or(|m| m.trim() == OPF_MEDIA_TYPE))
        .or(rootfiles.first())
        .and_then(|r| xml::attr(*r, "full-path"))
        .map(|p| p.trim().trim_start_matches('/').to_string());
    let Some(path) = chosen.filter(|p| !p.is_empty()) else {
        return Err(IngestError::EpubBadXml {
            name: CONTAINER.into(),
            reason: "no rootfile names a package document".into(),
        });
    };
    match archive.find(&path) {
        Some(found) => Ok(found),
        None => Err(IngestError::EpubMissing {
            what: "META-INF/container.xml names the package",
            name: path,
        }),
    }
}

/// The only `.opf` entry, when there is no container.
fn lone_opf(
    archive: &Archive<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<String, IngestError> {
    let opfs: Vec<String> = archive
        .names()
        .into_iter()
        .filter(|n| n.to_lowercase().ends_with(".opf"))
        .collect();
    match opfs.as_slice() {
        [one] => {
            diagnostics.push(Diagnostic::warning(format!(
                "no META-INF/container.xml; read the package {one}"
            )));
            Ok(one.clone())
        }
        _ => Err(IngestError::EpubNoPackage),
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Write};

    use ficshelf_model::Limits;
    use zip::write::SimpleFileOptions;

    use super::*;

    fn archive(entries: &[(&str, &str)]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in entries {
            w.start_file(*name, SimpleFileOptions::default()).unwrap();
            w.write_all(data.as_bytes()).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    fn path_of(entries: &[(&str, &str)]) -> (Result<String, IngestError>, Vec<Diagnostic>) {
        let bytes = archive(entries);
        let mut a = Archive::open(&bytes, &Limits::default()).unwrap();
        let mut diags = Vec::new();
        (package_path(&mut a, &mut diags), diags)
    }

    fn container(rootfiles: &str) -> String {
        format!(
            r#"<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>{rootfiles}</rootfiles></container>"#
        )
    }

    #[test]
    fn the_opf_rootfile_is_chosen() {
        let c = container(
            r#"<rootfile full-path="book.pdf" media-type="application/pdf"/>
               <rootfile full-path="/OEBPS/content.opf" media-type="application/oebps-package+xml"/>"#,
        );
        let (path, diags) = path_of(&[
            ("META-INF/container.xml", &c),
            ("OEBPS/content.opf", "<package/>"),
        ]);
        assert_eq!(path.unwrap(), "OEBPS/content.opf");
        assert!(diags.is_empty());
    }

    #[test]
    fn a_container_naming_nothing_or_a_missing_file_is_an_error() {
        let c = container(r#"<rootfile full-path="OEBPS/gone.opf"/>"#);
        let (path, _) = path_of(&[("META-INF/container.xml", &c)]);
        assert_eq!(
            path.unwrap_err().to_string(),
            "META-INF/container.xml names the package \"OEBPS/gone.opf\", which is not in the archive"
        );
        let (path, _) = path_of(&[("META-INF/container.xml", &container(""))]);
        assert_eq!(
            path.unwrap_err().to_string(),
            "META-INF/container.xml is not well-formed XML (no rootfile names a package document)"
        );
    }

    #[test]
    fn without_a_container_the_only_opf_is_read() {
        let (path, diags) = path_of(&[("book/package.opf", "<package/>")]);
        assert_eq!(path.unwrap(), "book/package.opf");
        assert_eq!(diags.len(), 1);
        let (path, _) = path_of(&[("a.opf", "<package/>"), ("b.opf", "<package/>")]);
        assert_eq!(
            path.unwrap_err().to_string(),
            "no package document (no META-INF/container.xml, and not exactly one .opf file)"
        );
    }
}
