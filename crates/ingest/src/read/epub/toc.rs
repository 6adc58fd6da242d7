//! The book's own table of contents: the EPUB 2 NCX and the EPUB 3 navigation document. The
//! fourth step of the EPUB reader: it gives chapter titles (the label of the first entry that
//! points into a spine page) and, with the nav document's `landmarks`, says which pages are the
//! cover, the title page or the table of contents.
//!
//! The NCX is XML (read with [`super::xml`], so entity declarations are refused like in the
//! OPF); the nav document is XHTML, parsed as HTML like every page.

use ficshelf_markup::element_text;
use scraper::{ElementRef, Html};

use super::href::{dir_of, fragment, resolve};
use super::xml;
use crate::IngestError;

/// One entry of the table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The archive entry it points into.
    pub path: String,
    pub fragment: Option<String>,
    pub label: String,
    /// 1 for top-level entries.
    pub depth: usize,
}

/// What the table of contents says.
#[derive(Debug, Default)]
pub struct Toc {
    /// Entries in reading order, nested ones included.
    pub entries: Vec<Entry>,
    /// Landmarks (EPUB 3 nav) as (type, path): `cover`, `titlepage`, `toc`, `bodymatter`, …
    pub landmarks: Vec<(String, String)>,
    /// Where the entries came from (`toc.ncx`, `nav.xhtml`), for origins.
    pub source: String,
}

impl Toc {
    /// The label of the first entry that points into `path`.
    pub fn label(&self, path: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|e| e.path == path && !e.label.is_empty())
            .map(|e| e.label.as_str())
    }

    /// The entries that split `path` into several chapters: the outermost entries pointing
    /// into it, when there are two or more and each names a place (`#fragment`) in it. Empty
    /// when the page is one chapter.
    pub fn splits(&self, path: &str) -> Vec<&Entry> {
        let into: Vec<&Entry> = self.entries.iter().filter(|e| e.path == path).collect();
        let Some(top) = into.iter().map(|e| e.depth).min() else {
            return Vec::new();
        };
        let outer: Vec<&Entry> = into.into_iter().filter(|e| e.depth == top).collect();
        if outer.len() >= 2 && outer.iter().skip(1).all(|e| e.fragment.is_some()) {
            outer
        } else {
            Vec::new()
        }
    }

    /// Whether any entry points into `path`.
    pub fn covers(&self, path: &str) -> bool {
        self.entries.iter().any(|e| e.path == path)
    }
}

/// Read an NCX document found at `name`.
pub fn from_ncx(text: &str, name: &str, max_depth: usize) -> Result<Toc, IngestError> {
    let doc = xml::parse(text, name, max_depth)?;
    let dir = dir_of(name);
    let mut toc = Toc {
        source: name.to_string(),
        ..Toc::default()
    };
    let Some(nav_map) = doc
        .descendants()
        .find(|n| n.is_element() && n.tag_name().name() == "navMap")
    else {
        return Ok(toc);
    };
    for point in nav_map
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == "navPoint")
    {
        let depth = point
            .ancestors()
            .take_while(|a| *a != nav_map)
            .filter(|a| a.tag_name().name() == "navPoint")
            .count();
        let label = xml::child(point, "navLabel")
            .and_then(|l| xml::child(l, "text"))
            .map(xml::element_text)
            .unwrap_or_default();
        let Some(src) = xml::child(point, "content").and_then(|c| xml::attr(c, "src")) else {
            continue;
        };
        if let Some(path) = resolve(&dir, src) {
            toc.entries.push(Entry {
                path,
                fragment: fragment(src).map(str::to_string),
                label: xml::once(&label),
                depth,
            });
        }
    }
    Ok(toc)
}

/// Read an EPUB 3 navigation document (already parsed) found at `name`.
pub fn from_nav(doc: &Html, name: &str) -> Toc {
    let dir = dir_of(name);
    let mut toc = Toc {
        source: name.to_string(),
        ..Toc::default()
    };
    let elements = || {
        doc.root_element()
            .descendants()
            .filter_map(ElementRef::wrap)
    };
    for nav in elements().filter(|e| e.value().name() == "nav") {
        let types = epub_type(nav);
        let is_toc = types.iter().any(|t| t == "toc");
        let is_landmarks = types.iter().any(|t| t == "landmarks");
        if !is_toc && !is_landmarks {
            continue;
        }
        for a in nav
            .descendants()
            .filter_map(ElementRef::wrap)
            .filter(|e| e.value().name() == "a")
        {
            let Some(href) = a.value().attr("href") else {
                continue;
            };
            let Some(path) = resolve(&dir, href) else {
                continue;
            };
            if is_landmarks {
                for kind in epub_type(a) {
                    toc.landmarks.push((kind, path.clone()));
                }
                continue;
            }
            let depth = a
                .ancestors()
                .take_while(|x| x.id() != nav.id())
                .filter_map(ElementRef::wrap)
                .filter(|x| matches!(x.value().name(), "ol" | "ul"))
                .count();
            toc.entries.push(Entry {
                path,
                fragment: fragment(href).map(str::to_string),
                label: xml::collapse(&element_text(a)),
                depth: depth.max(1),
            });
        }
    }
    toc
}

/// The words of an element's `epub:type`, lower case.
pub fn epub_type(el: ElementRef<'_>) -> Vec<String> {
    el.value()
        .attr("epub:type")
        .unwrap_or("")
        .split_whitespace()
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ncx_labels_by_page() {
        let ncx = r#"<?xml version="1.0"?>
<!DOCTYPE ncx PUBLIC "-//NISO//DTD ncx 2005-1//EN" "http://www.daisy.org/z3986/2005/ncx-2005-1.dtd">
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><navMap>
<navPoint id="a" playOrder="1"><navLabel><text>Title Page</text></navLabel><content src="OEBPS/title_page.xhtml"/></navPoint>
<navPoint id="b" playOrder="2"><navLabel><text> 1. The  Lamp
Room </text></navLabel><content src="OEBPS/file0001.xhtml"/>
  <navPoint id="b1" playOrder="3"><navLabel><text>A Part</text></navLabel><content src="OEBPS/file0001.xhtml#p2"/></navPoint>
</navPoint>
<navPoint id="c" playOrder="4"><navLabel><text>Salt &amp;amp; Letters</text></navLabel><content src="OEBPS/file%200002.xhtml"/></navPoint>
</navMap></ncx>"#;
        let toc = from_ncx(ncx, "toc.ncx", 512).unwrap();
        assert_eq!(toc.label("OEBPS/file0001.xhtml"), Some("1. The Lamp Room"));
        assert_eq!(toc.label("OEBPS/file 0002.xhtml"), Some("Salt & Letters"));
        assert_eq!(toc.entries[2].depth, 2);
        assert_eq!(toc.entries[2].fragment.as_deref(), Some("p2"));
        assert!(toc.covers("OEBPS/title_page.xhtml"));
        // One outer entry and a nested one: one chapter.
        assert!(toc.splits("OEBPS/file0001.xhtml").is_empty());
        assert!(!toc.covers("OEBPS/other.xhtml"));
    }

    #[test]
    fn nav_entries_and_landmarks() {
        let nav = r##"<html xmlns:epub="http://www.idpf.org/2007/ops"><body>
<nav epub:type="toc" id="toc"><h1>Contents</h1><ol>
<li><a href="text/ch001.xhtml#one">The <em>First</em> Frost</a>
  <ol><li><a href="text/ch001.xhtml#sub">Sub</a></li></ol></li>
<li><a href="text/ch002.xhtml">The Second Frost</a></li></ol></nav>
<nav epub:type="landmarks" hidden="hidden"><ol>
<li><a epub:type="titlepage" href="text/title_page.xhtml">Title Page</a></li>
<li><a epub:type="bodymatter" href="text/ch001.xhtml">Start</a></li></ol></nav>
<nav epub:type="page-list"><ol><li><a href="text/ch002.xhtml#p9">9</a></li></ol></nav>
</body></html>"##;
        let doc = Html::parse_document(nav);
        let toc = from_nav(&doc, "EPUB/nav.xhtml");
        let labels: Vec<(&str, &str, usize)> = toc
            .entries
            .iter()
            .map(|e| (e.path.as_str(), e.label.as_str(), e.depth))
            .collect();
        assert_eq!(
            labels,
            vec![
                ("EPUB/text/ch001.xhtml", "The First Frost", 1),
                ("EPUB/text/ch001.xhtml", "Sub", 2),
                ("EPUB/text/ch002.xhtml", "The Second Frost", 1),
            ]
        );
        assert_eq!(
            toc.landmarks,
            vec![
                (
                    "titlepage".to_string(),
                    "EPUB/text/title_page.xhtml".to_string()
                ),
                (
                    "bodymatter".to_string(),
                    "EPUB/text/ch001.xhtml".to_string()
                ),
            ]
        );
    }

    #[test]
    fn outer_entries_with_fragments_split_a_page() {
        let entry = |path: &str, fragment: Option<&str>, depth| Entry {
            path: path.into(),
            fragment: fragment.map(str::to_string),
            label: "x".into(),
            depth,
        };
        let toc = Toc {
            entries: vec![
                entry("all.xhtml", None, 1),
                entry("all.xhtml", Some("c2"), 1),
                entry("all.xhtml", Some("c2s"), 2),
                entry("all.xhtml", Some("c3"), 1),
                entry("other.xhtml", Some("a"), 1),
            ],
            ..Toc::default()
        };
        let splits: Vec<Option<&str>> = toc
            .splits("all.xhtml")
            .iter()
            .map(|e| e.fragment.as_deref())
            .collect();
        assert_eq!(splits, vec![None, Some("c2"), Some("c3")]);
        assert!(toc.splits("other.xhtml").is_empty());
    }

    #[test]
    fn an_ncx_with_entities_is_refused() {
        let ncx = "<!DOCTYPE ncx [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><ncx>&x;</ncx>";
        assert!(matches!(
            from_ncx(ncx, "toc.ncx", 512),
            Err(IngestError::EpubXmlEntities { .. })
        ));
    }
}
