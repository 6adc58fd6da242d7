//! The OPF package document (EPUB 2 and 3): metadata → `RawField`s, and the manifest, spine
//! and guide the rest of the reader walks. The third step of the EPUB reader.
//!
//! Metadata is located, not interpreted: each Dublin Core element becomes a field with the key
//! its element names (`dc:title` → title, `dc:subject` → tags, `dc:source` → URL, …) and its
//! value as written, decoded exactly once (see [`xml::once`]). The structure decides only what
//! the file itself says: which `dc:creator`s are authors (`opf:role`/refined `role` `aut`, or
//! no role), which `dc:date` is the publication (`opf:event`), which title is the main one, and
//! how `calibre:series`/`calibre:series_index` and EPUB 3 `belongs-to-collection` +
//! `group-position` combine into one `Name [N]` series value. `dcterms:modified` is the
//! packaging time: kept aside, for the reader to use only when the book has no other date.

use std::collections::HashMap;

use ficshelf_markup::text_content;
use ficshelf_model::{FieldKey, RawField};
use roxmltree::Node;

use super::href::{dir_of, resolve};
use super::xml::{self, attr, element_text, once};
use crate::IngestError;

/// What the package says.
#[derive(Debug, Default)]
pub struct Package {
    /// The package document's path in the archive.
    pub path: String,
    pub fields: Vec<RawField>,
    /// `dcterms:modified`: when the file was packaged, not when the story was updated.
    pub modified: Option<RawField>,
    pub unused: Vec<(String, String)>,
    /// What tells who made the book.
    pub hints: Hints,
    pub manifest: Vec<Item>,
    pub spine: Vec<SpineRef>,
    /// The EPUB 2 NCX's path, if any.
    pub ncx: Option<String>,
    /// The EPUB 3 navigation document's path, if any.
    pub nav: Option<String>,
    /// OPF 2 guide references: (type, lower case; path).
    pub guide: Vec<(String, String)>,
}

/// Metadata that says which program made the book.
#[derive(Debug, Default)]
pub struct Hints {
    pub contributors: Vec<String>,
    pub identifiers: Vec<String>,
    pub publisher: Option<String>,
    /// `<meta name="generator">`.
    pub generator: Option<String>,
    /// Any `calibre:*` meta.
    pub calibre_meta: bool,
}

#[derive(Debug, Clone)]
pub struct Item {
    pub id: String,
    pub path: String,
    pub media_type: String,
    pub properties: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct SpineRef {
    pub idref: String,
    pub linear: bool,
}

impl Package {
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.manifest.iter().find(|i| i.id == id)
    }
}

/// Parse the package document `text`, found at `path` in the archive.
pub fn parse(text: &str, path: &str, max_depth: usize) -> Result<Package, IngestError> {
    let doc = xml::parse(text, path, max_depth)?;
    let root = doc.root_element();
    if root.tag_name().name() != "package" {
        return Err(IngestError::EpubBadXml {
            name: path.to_string(),
            reason: format!(
                "the root element is <{}>, not <package>",
                root.tag_name().name()
            ),
        });
    }
    let mut pkg = Package {
        path: path.to_string(),
        ..Package::default()
    };
    let dir = dir_of(path);
    if let Some(metadata) = xml::child(root, "metadata") {
        Metadata::new(&mut pkg, metadata).run();
    }
    if let Some(manifest) = xml::child(root, "manifest") {
        for item in xml::children(manifest, "item") {
            let (Some(id), Some(href)) = (attr(item, "id"), attr(item, "href")) else {
                continue;
            };
            let Some(path) = resolve(&dir, href) else {
                pkg.unused
                    .push((pkg.path.clone(), format!("manifest item {href:?}")));
                continue;
            };
            pkg.manifest.push(Item {
                id: id.to_string(),
                path,
                media_type: attr(item, "media-type").unwrap_or("").trim().to_lowercase(),
                properties: attr(item, "properties")
                    .unwrap_or("")
                    .split_whitespace()
                    .map(str::to_string)
                    .collect(),
            });
        }
    }
    if let Some(spine) = xml::child(root, "spine") {
        let toc = attr(spine, "toc")
            .and_then(|id| pkg.item(id))
            .map(|i| i.path.clone());
        pkg.ncx = toc.or_else(|| {
            pkg.manifest
                .iter()
                .find(|i| i.media_type == "application/x-dtbncx+xml")
                .map(|i| i.path.clone())
        });
        for itemref in xml::children(spine, "itemref") {
            if let Some(idref) = attr(itemref, "idref") {
                pkg.spine.push(SpineRef {
                    idref: idref.to_string(),
                    linear: attr(itemref, "linear").is_none_or(|l| l.trim() != "no"),
                });
            }
        }
    }
    pkg.nav = pkg
        .manifest
        .iter()
        .find(|i| i.properties.iter().any(|p| p == "nav"))
        .map(|i| i.path.clone());
    if let Some(guide) = xml::child(root, "guide") {
        for r in xml::children(guide, "reference") {
            if let (Some(kind), Some(path)) = (
                attr(r, "type"),
                attr(r, "href").and_then(|h| resolve(&dir, h)),
            ) {
                pkg.guide.push((kind.trim().to_lowercase(), path));
            }
        }
    }
    Ok(pkg)
}

/// EPUB 3 refinements: (property, value) by the id they refine.
type Refines = HashMap<String, Vec<(String, String)>>;

struct Metadata<'p, 'a, 'i> {
    pkg: &'p mut Package,
    elements: Vec<Node<'a, 'i>>,
    refines: Refines,
}

impl<'p, 'a, 'i> Metadata<'p, 'a, 'i> {
    fn new(pkg: &'p mut Package, metadata: Node<'a, 'i>) -> Self {
        // OPF 1 nests its elements in dc-metadata / x-metadata.
        let elements: Vec<Node<'a, 'i>> = metadata
            .descendants()
            .filter(|n| n.is_element() && *n != metadata)
            .filter(|n| !matches!(n.tag_name().name(), "dc-metadata" | "x-metadata"))
            .collect();
        let mut refines = Refines::new();
        for m in &elements {
            if let (Some(target), Some(property)) = (attr(*m, "refines"), attr(*m, "property")) {
                refines
                    .entry(target.trim().trim_start_matches('#').to_string())
                    .or_default()
                    .push((property.trim().to_string(), element_text(*m)));
            }
        }
        Metadata {
            pkg,
            elements,
            refines,
        }
    }

    /// A refinement of the element with this id.
    fn refined(&self, node: Node<'_, '_>, property: &str) -> Option<String> {
        let id = attr(node, "id")?;
        self.refines
            .get(id)?
            .iter()
            .find(|(p, _)| p == property)
            .map(|(_, v)| v.trim().to_string())
    }

    fn origin(&self, what: &str) -> String {
        format!("{} {what}", self.pkg.path)
    }

    fn field(&mut self, key: FieldKey, tag: &str, value: String) {
        let origin = self.origin(tag);
        self.pkg.fields.push(RawField::new(key, tag, value, origin));
    }

    fn unused(&mut self, tag: &str, value: &str) {
        let origin = self.origin(tag);
        self.pkg.unused.push((origin, value.to_string()));
    }

    fn run(mut self) {
        let mut series_name: Option<String> = None;
        let mut series_index: Option<String> = None;
        let mut collections: Vec<String> = Vec::new();
        let mut has_title = false;
        for node in std::mem::take(&mut self.elements) {
            let name = node.tag_name().name().to_ascii_lowercase();
            let value = once(&element_text(node));
            match name.as_str() {
                "title" => {
                    let kind = self.refined(node, "title-type").unwrap_or_default();
                    if !has_title && !value.is_empty() && (kind.is_empty() || kind == "main") {
                        has_title = true;
                        self.field(FieldKey::Title, "dc:title", value);
                    } else {
                        self.unused("dc:title", &value);
                    }
                }
                "creator" => {
                    let role = attr(node, "role")
                        .map(|r| r.trim().to_string())
                        .or_else(|| self.refined(node, "role"))
                        .unwrap_or_default();
                    if role.is_empty() || role.eq_ignore_ascii_case("aut") {
                        self.field(FieldKey::Author, "dc:creator", value);
                    } else {
                        self.unused(&format!("dc:creator role={role}"), &value);
                    }
                }
                "contributor" => {
                    self.pkg.hints.contributors.push(value.clone());
                    self.unused("dc:contributor", &value);
                }
                "subject" if !value.is_empty() => self.field(FieldKey::Tags, "dc:subject", value),
                "description" => self.description(node),
                "date" => self.date(node, value),
                "source" if !value.is_empty() => self.field(FieldKey::Url, "dc:source", value),
                "identifier" => {
                    self.pkg.hints.identifiers.push(value.clone());
                    self.unused("dc:identifier", &value);
                }
                "language" => {
                    if value.is_empty() || value.eq_ignore_ascii_case("und") {
                        self.unused("dc:language", &value);
                    } else {
                        self.field(FieldKey::Language, "dc:language", value);
                    }
                }
                "publisher" if !value.is_empty() => {
                    self.pkg.hints.publisher = Some(value.clone());
                    self.field(FieldKey::Extra("Publisher".into()), "dc:publisher", value);
                }
                "rights" if !value.is_empty() => {
                    self.field(FieldKey::Extra("Rights".into()), "dc:rights", value);
                }
                "meta" => {
                    let meta_name = attr(node, "name").unwrap_or("").trim().to_string();
                    let content = once(&xml::collapse(attr(node, "content").unwrap_or("")));
                    if meta_name.starts_with("calibre:") {
                        self.pkg.hints.calibre_meta = true;
                    }
                    let property = attr(node, "property").unwrap_or("").trim();
                    match (meta_name.as_str(), property) {
                        ("calibre:series", _) if !content.is_empty() => {
                            series_name = Some(content);
                        }
                        ("calibre:series_index", _) => series_index = Some(content),
                        ("generator", _) => self.pkg.hints.generator = Some(content),
                        (_, "dcterms:modified") if attr(node, "refines").is_none() => {
                            let origin = self.origin("meta dcterms:modified");
                            self.pkg.modified = Some(RawField::new(
                                FieldKey::Updated,
                                "dcterms:modified",
                                value,
                                origin,
                            ));
                        }
                        (_, "belongs-to-collection") if attr(node, "refines").is_none() => {
                            let kind = self.refined(node, "collection-type").unwrap_or_default();
                            if kind.is_empty() || kind == "series" {
                                let position = self.refined(node, "group-position");
                                collections.push(series_value(&value, position.as_deref()));
                            } else {
                                self.unused(
                                    &format!("meta belongs-to-collection ({kind})"),
                                    &value,
                                );
                            }
                        }
                        (_, p) if !p.is_empty() && attr(node, "refines").is_some() => {}
                        _ => {
                            let shown = if meta_name.is_empty() {
                                property
                            } else {
                                &meta_name
                            };
                            let v = if content.is_empty() { value } else { content };
                            self.unused(&format!("meta {shown}"), &v);
                        }
                    }
                }
                _ => {
                    if !value.is_empty() {
                        self.unused(&format!("dc:{name}"), &value);
                    }
                }
            }
        }
        if let Some(name) = series_name {
            let value = series_value(&name, series_index.as_deref());
            self.field(FieldKey::Series, "calibre:series", value);
        }
        for value in collections {
            self.field(FieldKey::Series, "belongs-to-collection", value);
        }
    }

    /// `dc:description`: HTML (escaped once in the XML, as the EPUB specs have it), or plain
    /// text. Text whose `<…>` are not HTML tags (`<and nothing else>`) stays text.
    fn description(&mut self, node: Node<'_, '_>) {
        let mut raw = String::new();
        for d in node.descendants().filter(|d| d.is_text()) {
            raw.push_str(d.text().unwrap_or(""));
        }
        let raw = raw.trim();
        if raw.is_empty() {
            return;
        }
        let origin = self.origin("dc:description");
        let field = if looks_like_html(raw) || xml::has_entity(raw) {
            RawField::new(
                FieldKey::Summary,
                "dc:description",
                text_content(raw),
                origin,
            )
            .with_html(raw)
        } else {
            RawField::new(FieldKey::Summary, "dc:description", raw, origin)
        };
        self.pkg.fields.push(field);
    }

    /// `dc:date`: publication unless its `opf:event` says otherwise. The first EPUB 3 date is
    /// the publication date. calibre writes `0101-01-01` for "no date".
    fn date(&mut self, node: Node<'_, '_>, value: String) {
        let event = attr(node, "event").unwrap_or("").trim().to_lowercase();
        let year: Option<u32> = value.get(..4).and_then(|y| y.parse().ok());
        if value.is_empty() || year.is_some_and(|y| y < 1000) {
            self.unused("dc:date", &value);
            return;
        }
        let tag = if event.is_empty() {
            "dc:date".to_string()
        } else {
            format!("dc:date opf:event={event}")
        };
        match event.as_str() {
            "" | "publication" | "original-publication" | "issued" | "published" => {
                self.field(FieldKey::Published, &tag, value)
            }
            "modification" | "modified" | "revision" => self.field(FieldKey::Updated, &tag, value),
            _ => self.unused(&tag, &value),
        }
    }
}

/// `Name [N]`, or `Name` when the index is missing, unreadable or zero (FanFicFare writes
/// `0.0` for "no index"); `2.00` is written `2`.
pub fn series_value(name: &str, index: Option<&str>) -> String {
    let name = name.trim();
    match index.and_then(|i| i.trim().parse::<f64>().ok()) {
        Some(n) if n.is_finite() && n > 0.0 => {
            let shown = if n.fract() == 0.0 && n < 1e15 {
                format!("{}", n as u64)
            } else {
                format!("{n}")
            };
            format!("{name} [{shown}]")
        }
        _ => name.to_string(),
    }
}

/// Whether decoded description text is HTML: it has a tag of an element that summaries use.
pub fn looks_like_html(s: &str) -> bool {
    const TAGS: &[&str] = &[
        "p",
        "br",
        "div",
        "span",
        "i",
        "b",
        "em",
        "strong",
        "a",
        "u",
        "s",
        "ul",
        "ol",
        "li",
        "blockquote",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "sup",
        "sub",
        "small",
        "big",
        "font",
        "center",
        "table",
        "tr",
        "td",
        "pre",
        "code",
        "img",
        "del",
        "ins",
        "strike",
        "cite",
        "q",
        "dl",
        "dt",
        "dd",
        "abbr",
    ];
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        let after = &rest[i + 1..];
        let after = after.strip_prefix('/').unwrap_or(after);
        let len = after
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(after.len());
        let name = after[..len].to_ascii_lowercase();
        let next = after[len..].chars().next();
        if TAGS.contains(&name.as_str()) && matches!(next, Some('>' | ' ' | '/' | '\n' | '\t')) {
            return true;
        }
        rest = after;
    }
    false
}

#[cfg(test)]
mod tests;
