//! The EPUB reader (EPUB 2 and 3): an `.epub` file's bytes → `RawWork` (format `epub`).
//!
//! The flow, one module per step:
//!
//! 1. `zip`: open the archive safely (entry count, entry names, and per entry read the total
//!    inflated budget and the compression ratio, all before inflating; a lying header stops at
//!    its declared size). Only the entries needed are inflated, in memory.
//! 2. `container`: `META-INF/container.xml` → the OPF package document.
//! 3. `opf` (with `xml`, `href`): metadata → fields as written; manifest, spine, guide. XML
//!    that declares entities is refused.
//! 4. `toc`: the nav document or the NCX → chapter labels and landmarks.
//! 5. `spine` (with `roles`): each page of the reading order, parsed as HTML one at a time:
//!    chapters give their text and heading, title pages/prefaces/afterwords their metadata
//!    (read by the HTML reader's code), tables of contents, covers and logs are left out.
//! 6. `producers`: who made the book (FanFicFare, AO3, ficshelf, pandoc, calibre, plain) and so
//!    whether the title page or the OPF leads; `chapters`: titles (FanFicFare's chaptertitle
//!    meta, else the table of contents, else the heading) and pages that continue a chapter.
//!
//! Like every reader it locates and never interprets: values are kept as written, with their
//! origin (`content.opf dc:subject`, `OEBPS/title_page.xhtml b: "Rating: Teen"`), for the
//! normalizer.

mod ao3;
mod chapters;
mod container;
mod href;
mod opf;
mod producers;
mod roles;
mod spine;
mod toc;
mod xml;
mod zip;

use ficshelf_model::{Diagnostic, FieldKey, Format, Limits, Producer, RawWork};

use crate::IngestError;
use crate::decode;
use crate::read::html;
use opf::Package;
use toc::Toc;
use zip::Archive;

/// Read an EPUB file.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<RawWork, IngestError> {
    let mut archive = Archive::open(bytes, limits)?;
    let mut diagnostics = Vec::new();
    if archive.duplicate_names {
        diagnostics.push(Diagnostic::warning(
            "two entries of the archive have the same name; only one of them was read",
        ));
    }
    let opf_path = container::package_path(&mut archive, &mut diagnostics)?;
    let opf_bytes = archive.read(&opf_path)?;
    let decoded = decode::decode(&opf_bytes, decode::declared_charset(&opf_bytes).as_deref());
    drop(opf_bytes);
    let mut pkg = opf::parse(&decoded.text, &opf_path, limits.html_max_depth)?;
    refuse_drm(&mut archive, &pkg)?;
    let toc = read_toc(&mut archive, &pkg, limits, &mut diagnostics)?;
    let rejoin = producers::recognize(&pkg.hints, &[]) == Producer::Ao3;
    let walk = spine::walk(&mut archive, &pkg, &toc, limits, rejoin)?;
    let producer = producers::recognize(&pkg.hints, &walk.signals);

    let mut raw = RawWork::new(Format::Epub, producer, decoded.encoding);
    raw.diagnostics = diagnostics;
    raw.diagnostics.extend(walk.diagnostics);
    raw.unused = std::mem::take(&mut pkg.unused);
    raw.unused.extend(walk.unused);
    let opf_fields = producers::opf_fields(
        producer,
        std::mem::take(&mut pkg.fields),
        &walk.fields,
        &mut raw.unused,
    );
    raw.fields = if producers::pages_lead(producer) {
        producers::merge(walk.fields, opf_fields, &mut raw.unused)
    } else {
        producers::merge(opf_fields, walk.fields, &mut raw.unused)
    };
    packaging_date(&mut raw, pkg.modified.take());

    let built = chapters::build(walk.chapters, &toc);
    raw.diagnostics.extend(built.diagnostics);
    raw.unused.extend(built.unused);
    if built.chapters.len() > limits.max_chapters {
        return Err(IngestError::TooManyChapters {
            found: built.chapters.len(),
            limit: limits.max_chapters,
        });
    }
    raw.chapters = built.chapters;
    if raw.chapters.is_empty() {
        raw.diagnostics.push(Diagnostic::warning(
            "no story text found in the book's pages",
        ));
    }
    Ok(raw)
}

/// `dcterms:modified` is when the file was packaged: it says when the story was updated only
/// for a book that gives no date at all, and never when it is the epoch (ficshelf writes
/// 1970-01-01 for "no date").
fn packaging_date(raw: &mut RawWork, modified: Option<ficshelf_model::RawField>) {
    let Some(m) = modified else { return };
    let dated = raw
        .fields
        .iter()
        .any(|f| matches!(f.key, FieldKey::Published | FieldKey::Updated));
    if dated || m.value.starts_with("1970-01-01") {
        raw.unused.push((m.origin, m.value));
    } else {
        raw.diagnostics.push(Diagnostic::info(
            "the book gives no date; its packaging time (dcterms:modified) is taken as updated",
        ));
        raw.fields.push(m);
    }
}

/// The nav document's entries (EPUB 3), else the NCX's; landmarks from the nav document. A
/// table of contents that cannot be read is a warning (chapter titles then come from headings),
/// except one that declares XML entities, which is refused like any other.
fn read_toc(
    archive: &mut Archive<'_>,
    pkg: &Package,
    limits: &Limits,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Toc, IngestError> {
    let mut toc = Toc::default();
    if let Some(nav) = pkg.nav.as_deref().and_then(|n| archive.find(n)) {
        let bytes = archive.read(&nav)?;
        let text = decode::decode(&bytes, decode::declared_charset(&bytes).as_deref()).text;
        let (doc, _) = html::parse_page(&text, limits)?;
        toc = toc::from_nav(&doc, &nav);
    }
    if toc.entries.is_empty()
        && let Some(ncx) = pkg.ncx.as_deref().and_then(|n| archive.find(n))
    {
        let text = xml::text(&archive.read(&ncx)?);
        match toc::from_ncx(&text, &ncx, limits.html_max_depth) {
            Ok(from_ncx) => {
                toc.entries = from_ncx.entries;
                toc.source = from_ncx.source;
            }
            Err(e @ IngestError::EpubXmlEntities { .. }) => return Err(e),
            Err(e) => diagnostics.push(Diagnostic::warning(format!(
                "the table of contents could not be read ({e}); chapter titles come from headings"
            ))),
        }
    }
    Ok(toc)
}

/// A book whose chapters are encrypted (Adobe, Apple, B&N DRM) cannot be read: say so rather
/// than read ciphertext as text. Font obfuscation (fonts only) is no obstacle.
fn refuse_drm(archive: &mut Archive<'_>, pkg: &Package) -> Result<(), IngestError> {
    const ENCRYPTION: &str = "META-INF/encryption.xml";
    if archive.find(ENCRYPTION).is_none() {
        return Ok(());
    }
    let text = xml::text(&archive.read(ENCRYPTION)?);
    let doc = xml::parse(&text, ENCRYPTION, archive.max_xml_depth)?;
    let encrypted: Vec<String> = doc
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == "CipherReference")
        .filter_map(|n| xml::attr(n, "URI"))
        .filter_map(|uri| href::resolve("", uri))
        .collect();
    let pages = pkg
        .spine
        .iter()
        .filter_map(|s| pkg.item(&s.idref))
        .any(|item| encrypted.contains(&item.path));
    if pages {
        return Err(IngestError::EpubDrm);
    }
    Ok(())
}
