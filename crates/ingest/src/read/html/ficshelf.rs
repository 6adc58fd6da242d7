//! ficshelf's own HTML (docs/ficshelf-formats.md, written by `crates/export`) and the same
//! markup on its EPUB pages: what this reader knows of it.
//!
//! - `<meta name="generator" content="ficshelf">`; its EPUB pages have none, but their
//!   `header#preface` + `dl.meta`, `section.chapter` and `footer#afterword` say the same.
//! - `h1.title`; one `span.author` per author, with `data-email` / `data-url`.
//! - `dl.meta`: one `<dt>` label per field (labels `FieldKey::from_label` knows), lists as
//!   `<ul><li>` (one field per item, so that a value is never split again), series as links,
//!   `Source` as a link, extra fields as `dd.extra`. `Words` and `Chapters` are ficshelf's own
//!   counts, not declared ones: they feed nothing, so round trips do not pile them up.
//! - `div.summary`, `div.notes` (after their `<h2>`); `nav#toc` is not a chapter;
//!   `section.chapter` with its `<h2>` heading and `div.chapter-summary`, `div.chapter-notes`,
//!   `div.chapter-end-notes` (after their `<h3>`); `footer#afterword .end-notes`.

use ficshelf_model::{FieldKey, RawChapter, RawField, canonical_label};

use super::Reading;
use super::dom::{self, NodeRef, Skip};
use super::labels::clean_label;

/// Whether the page is ficshelf's.
pub(crate) fn recognize(doc: &scraper::Html) -> bool {
    let root = doc.tree.root();
    let generator = dom::find(root, |n| {
        dom::is_element(n, "meta")
            && dom::attr(n, "name").is_some_and(|v| v.eq_ignore_ascii_case("generator"))
            && dom::attr(n, "content")
                .is_some_and(|v| v.trim().to_ascii_lowercase().starts_with("ficshelf"))
    })
    .is_some();
    generator
        || dom::find(root, |n| {
            (dom::is_element(n, "header") && dom::id_is(n, "preface") && has_meta_dl(*n))
                || (dom::is_element(n, "section")
                    && dom::has_class(n, "chapter")
                    && dom::child_elements(*n)
                        .next()
                        .is_some_and(|h| dom::is_element(&h, "h2")))
                || (dom::is_element(n, "footer")
                    && dom::id_is(n, "afterword")
                    && dom::child_elements(*n).any(|c| dom::has_class(&c, "end-notes")))
        })
        .is_some()
}

fn has_meta_dl(node: NodeRef<'_>) -> bool {
    dom::find(node, |n| {
        dom::is_element(n, "dl") && dom::has_class(n, "meta")
    })
    .is_some()
}

/// The whole page: metadata and chapters.
pub(crate) fn read(doc: &scraper::Html, prefix: &str) -> Reading {
    let mut r = fields(doc, prefix);
    let root = doc.tree.root();
    for section in dom::find_all(root, |n| {
        dom::is_element(n, "section") && dom::has_class(n, "chapter")
    }) {
        match chapter(section, prefix) {
            Some(c) => r.chapters.push(c),
            None => r.unused.push((
                dom::origin(prefix, &dom::describe(&section), ""),
                dom::one_line(&dom::text(section)),
            )),
        }
    }
    if let Some(toc) = dom::find(root, |n| dom::is_element(n, "nav") && dom::id_is(n, "toc")) {
        r.unused.push((
            dom::origin(prefix, "nav#toc", ""),
            dom::one_line(&dom::text(toc)),
        ));
    }
    r
}

/// The preface (title, authors, `dl.meta`, summary, notes) and the afterword.
pub(crate) fn fields(doc: &scraper::Html, prefix: &str) -> Reading {
    let mut r = Reading::default();
    let root = doc.tree.root();
    let push = |r: &mut Reading, key: FieldKey, label: &str, value: String, place: &str| {
        let origin = dom::origin(prefix, place, &value);
        r.fields.push(RawField::new(key, label, value, origin));
    };
    if let Some(h1) = dom::find(root, |n| {
        dom::is_element(n, "h1") && dom::has_class(n, "title") && !in_prose(n)
    }) {
        push(
            &mut r,
            FieldKey::Title,
            "title",
            dom::one_line(&dom::text(h1)),
            "h1.title",
        );
    }
    for span in dom::find_all(root, |n| {
        dom::is_element(n, "span") && dom::has_class(n, "author") && !in_prose(n)
    }) {
        let name = dom::one_line(&dom::text(span));
        if name.is_empty() {
            continue;
        }
        // The writer's TXT convention, `Name <email> (url)`, which the normalizer reads back.
        let mut value = name;
        if let Some(email) = dom::attr(&span, "data-email")
            .map(dom::one_line)
            .filter(|e| !e.is_empty())
        {
            value.push_str(&format!(" <{email}>"));
        }
        if let Some(url) = dom::attr(&span, "data-url")
            .map(dom::one_line)
            .filter(|u| !u.is_empty())
        {
            value.push_str(&format!(" ({url})"));
        }
        // One author per span: the normalizer must not split the name (see `one_item`).
        let origin = dom::origin(prefix, "span.author", &value);
        r.fields
            .push(RawField::new(FieldKey::Author, "author", value, origin).as_one_item());
    }
    if let Some(dl) = dom::find(root, |n| {
        dom::is_element(n, "dl") && dom::has_class(n, "meta") && !in_prose(n)
    }) {
        meta_list(dl, prefix, &mut r);
    }
    for (class, key) in [("summary", FieldKey::Summary), ("notes", FieldKey::Notes)] {
        let div = dom::find(root, |n| {
            dom::is_element(n, "div")
                && dom::has_class(n, class)
                && n.ancestors().any(|a| dom::id_is(&a, "preface"))
        });
        if let Some(div) = div {
            r.fields.push(prose_field(div, key, prefix));
        }
    }
    let end_notes = dom::find(root, |n| {
        dom::has_class(n, "end-notes") && n.ancestors().any(|a| dom::id_is(&a, "afterword"))
    });
    if let Some(div) = end_notes {
        r.fields.push(prose_field(div, FieldKey::EndNotes, prefix));
    }
    r
}

/// Whether a node is inside a work's prose — a summary, notes, end notes or a chapter — where
/// a title, author or `dl.meta` is the author's text, not ficshelf's metadata. (Found by the
/// `epub_roundtrip` fuzz target: end notes holding a copy of a preface gave the EPUB's
/// afterword page tags of its own.)
fn in_prose(node: &NodeRef<'_>) -> bool {
    const PROSE: [&str; 6] = [
        "summary",
        "notes",
        "end-notes",
        "chapter-summary",
        "chapter-notes",
        "chapter-end-notes",
    ];
    node.ancestors().any(|a| {
        (dom::is_element(&a, "section") && dom::has_class(&a, "chapter"))
            || (dom::is_element(&a, "div") && PROSE.iter().any(|c| dom::has_class(&a, c)))
    })
}

/// A `div` with a heading and prose: the prose as a field, its heading as the label.
fn prose_field(div: NodeRef<'_>, key: FieldKey, prefix: &str) -> RawField {
    let (heading, html, text) = headed_prose(div);
    let label = heading.unwrap_or_else(|| key.field_name().to_string());
    let origin = dom::origin(prefix, &dom::describe(&div), &text);
    RawField::new(key, label, text, origin).with_html(html)
}

/// The heading (first `h2`/`h3`) of a block, and the markup and text of the rest.
fn headed_prose(div: NodeRef<'_>) -> (Option<String>, String, String) {
    let mut skip = Skip::new();
    let heading = dom::child_elements(div).find(|c| dom::name(c).is_some_and(dom::is_heading));
    if let Some(h) = heading {
        skip.insert(dom::key(&h));
    }
    let html = dom::inner_html(div, &skip);
    let text = dom::one_line(&dom::text_of(div.children(), &skip));
    (heading.map(|h| dom::one_line(&dom::text(h))), html, text)
}

/// The `dt`/`dd` pairs of `dl.meta`.
fn meta_list(dl: NodeRef<'_>, prefix: &str, r: &mut Reading) {
    let mut label: Option<String> = None;
    for child in dom::child_elements(dl) {
        match dom::name(&child) {
            Some("dt") => label = clean_label(&dom::text(child)),
            Some("dd") => {
                let Some(l) = &label else { continue };
                dd_fields(child, l, prefix, r);
            }
            _ => {}
        }
    }
}

fn dd_fields(dd: NodeRef<'_>, label: &str, prefix: &str, r: &mut Reading) {
    let class = |c: &str| dom::has_class(&dd, c);
    let place = format!("dl.meta dd.{}", dd_class(dd));
    if class("words") || class("chapters") {
        let origin = dom::origin(prefix, &place, &format!("{label}: {}", dom::text(dd)));
        r.unused.push((
            origin,
            format!("{label}: {}", dom::one_line(&dom::text(dd))),
        ));
        return;
    }
    let key = if class("extra") {
        FieldKey::Extra(canonical_label(label))
    } else if class("source") {
        FieldKey::Url
    } else {
        FieldKey::from_label(label).unwrap_or_else(|| FieldKey::Extra(canonical_label(label)))
    };
    let items: Vec<NodeRef<'_>> = dd
        .descendants()
        .filter(|n| dom::is_element(n, "li"))
        .collect();
    let listed = !items.is_empty();
    let values: Vec<NodeRef<'_>> = if listed { items } else { vec![dd] };
    for item in values {
        let value = dom::one_line(&dom::text(item));
        if value.is_empty() {
            continue;
        }
        let origin = dom::origin(prefix, &place, &format!("{label}: {value}"));
        let mut field = RawField::new(key.clone(), label, value, origin);
        if listed {
            field = field.as_one_item();
        }
        if key == FieldKey::Series && item.descendants().any(|d| dom::is_element(&d, "a")) {
            field = field.with_html(dom::inner_html(item, &Skip::new()));
        }
        r.fields.push(field);
    }
}

fn dd_class(dd: NodeRef<'_>) -> String {
    match dd.value() {
        scraper::Node::Element(e) => e.classes().next().unwrap_or("").to_string(),
        _ => String::new(),
    }
}

/// One `section.chapter`: its heading, parts and text.
fn chapter(section: NodeRef<'_>, prefix: &str) -> Option<RawChapter> {
    let mut skip = Skip::new();
    let heading = dom::child_elements(section).find(|c| dom::is_element(c, "h2"));
    if let Some(h) = heading {
        skip.insert(dom::key(&h));
    }
    let mut part = |class: &str| {
        let div = dom::child_elements(section)
            .find(|c| dom::is_element(c, "div") && dom::has_class(c, class))?;
        skip.insert(dom::key(&div));
        let (_, html, _) = headed_prose(div);
        Some(html).filter(|h| !h.is_empty())
    };
    let summary = part("chapter-summary");
    let notes = part("chapter-notes");
    let end_notes = part("chapter-end-notes");
    if !dom::has_text(section.children().filter(|c| !skip.contains(&dom::key(c)))) {
        return None;
    }
    let title = heading.map(|h| dom::one_line(&dom::text(h)));
    let id = dom::attr(&section, "id").unwrap_or("section");
    let origin = dom::origin(
        prefix,
        &format!("section#{id} h2"),
        title.as_deref().unwrap_or(""),
    );
    let mut c = RawChapter::new(title, dom::inner_html(section, &skip), origin);
    c.summary = summary;
    c.notes = notes;
    c.end_notes = end_notes;
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_inside_prose_is_prose() {
        // An afterword page whose end notes quote a whole preface: only the end notes count.
        let page = r#"<html><body><footer id="afterword"><div class="end-notes"><h2>End Notes</h2>
            <h1 class="title">Not The Title</h1><p>by <span class="author">Not An Author</span></p>
            <dl class="meta"><dt>Additional Tags</dt><dd class="tags"><ul><li>Not A Tag</li></ul></dd></dl>
            </div></footer></body></html>"#;
        let r = fields(&scraper::Html::parse_document(page), "");
        let keys: Vec<&FieldKey> = r.fields.iter().map(|f| &f.key).collect();
        assert_eq!(keys, [&FieldKey::EndNotes], "{:?}", r.fields);
        // The preface's own metadata is still read, and a summary quoting a `dl.meta` is not.
        let page = r#"<html><body><header id="preface"><h1 class="title">The Title</h1>
            <p>by <span class="author">Writer</span></p>
            <dl class="meta"><dt>Additional Tags</dt><dd class="tags"><ul><li>Angst</li></ul></dd></dl>
            <div class="summary"><h2>Summary</h2><dl class="meta"><dt>Fandom</dt><dd>Quoted</dd></dl>
            <span class="author">Quoted Author</span></div></header></body></html>"#;
        let r = fields(&scraper::Html::parse_document(page), "");
        let values: Vec<(&FieldKey, &str)> = r
            .fields
            .iter()
            .map(|f| (&f.key, f.value.as_str()))
            .collect();
        assert!(
            values.contains(&(&FieldKey::Title, "The Title")),
            "{values:?}"
        );
        assert!(
            values.contains(&(&FieldKey::Author, "Writer")),
            "{values:?}"
        );
        assert!(values.contains(&(&FieldKey::Tags, "Angst")), "{values:?}");
        assert!(
            !values.iter().any(|(k, _)| **k == FieldKey::Fandoms),
            "{values:?}"
        );
        assert!(
            !values.contains(&(&FieldKey::Author, "Quoted Author")),
            "{values:?}"
        );
    }
}
